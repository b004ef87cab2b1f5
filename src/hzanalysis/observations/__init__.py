"""Observations: load, validate and build the observed figures; templates for a researcher's own data.

An observation is one tidy row (region, indicator, year, value, unit, bound) with its provenance (source
title and URL, publication date, verbatim quote, quality grade, note). Files are read-only inputs: the
curated public file(s) under ``data/raw/observations/`` plus any number of a researcher's own CSV or
Excel files (or folders of them). Every file is validated at the boundary and *all* problems of all files
are reported in one :class:`~hzanalysis.errors.InputError`, each located the way the user sees the file
("line 7" of a CSV whose header is line 1, or "sheet observations row 7" of a workbook).

The subpackage, in the order data flows through it:

- :mod:`.schema`: columns, grades, bounds, publication dates;
- :mod:`.catalogue`: the indicator and region catalogues;
- :mod:`.read`: CSV and Excel files into text records (encodings, separators, sheets, percent cells);
- :mod:`.checks`: the table of row checks (errors and warnings);
- :mod:`.plausible`: figures far from their unit's history or their class's range (warnings);
- :mod:`.combine`: loading several files, superseding, :func:`series`;
- :mod:`.templates`: the CSV and Excel templates.

Rules the rest of the package relies on:

- Bounds are kept and shown; they are never used as point values (:func:`series` returns points only).
- Regions of different scope (海州区, 海州区(含高新区), 连云港高新区) are different regions; nothing here
  merges them.
- Publication dates drive "as of" filtering; see :data:`DEFAULT_PUBLICATION_LAG_YEARS` and
  :func:`effective_publication_date`.
- A researcher's row replaces the shipped public row of the same (region, indicator, year, bound); two
  other inputs that give it different values are an error unless one says what it ``supersedes``; the
  order of the files never decides. What was superseded is kept in ``df.attrs["superseded"]`` (see
  :func:`replacement_text`).
- Impossible values are errors; figures far from the unit's history or from every province's range are
  warnings (:mod:`.plausible`, bounds derived at build time into ``derived/plausibility.json``).
"""

from __future__ import annotations

from .catalogue import load_indicators, load_regions
from .combine import (
    FileCheck,
    ObservationSource,
    ObservationWarning,
    check_files,
    expand_paths,
    inspect_files,
    load_observations,
    read_observation_file,
    read_observations,
    replacement_text,
    series,
    shipped_files,
)
from .schema import (
    BOUND_DESCRIPTIONS,
    BOUNDS,
    DEFAULT_PUBLICATION_LAG_YEARS,
    EXAMPLE_NOTE,
    EXAMPLE_ROW_MARKER,
    IGNORED_COLUMNS,
    LOADED_COLUMNS,
    MAX_YEARS_AHEAD,
    MIN_YEAR,
    OBSERVATION_COLUMNS,
    QUALITY_DESCRIPTIONS,
    QUALITY_GRADES,
    REQUIRED_COLUMNS,
    SOURCE_COLUMNS,
    effective_publication_date,
)
from .templates import write_templates

__all__ = [
    "BOUNDS",
    "BOUND_DESCRIPTIONS",
    "DEFAULT_PUBLICATION_LAG_YEARS",
    "EXAMPLE_NOTE",
    "EXAMPLE_ROW_MARKER",
    "IGNORED_COLUMNS",
    "LOADED_COLUMNS",
    "MAX_YEARS_AHEAD",
    "MIN_YEAR",
    "OBSERVATION_COLUMNS",
    "QUALITY_DESCRIPTIONS",
    "QUALITY_GRADES",
    "REQUIRED_COLUMNS",
    "SOURCE_COLUMNS",
    "FileCheck",
    "ObservationSource",
    "ObservationWarning",
    "check_files",
    "effective_publication_date",
    "expand_paths",
    "inspect_files",
    "load_indicators",
    "load_observations",
    "load_regions",
    "read_observation_file",
    "read_observations",
    "replacement_text",
    "series",
    "shipped_files",
    "write_templates",
]
