"""The catalogue: every indicator (``data/raw/indicators.csv``) and region (``data/raw/regions.csv``), typed,
checked and read once.

Each field of an indicator is declared here once (its unit, domain, flow or stock, the targets it measures,
who holds it, the synonyms extraction and plan drafting match, its reference class); every other module
reads these records, or the frames :mod:`hzanalysis.observations` builds from them, never the files.
A plan's own facts (region, first year, deadline, actions) are in its ``plan.yaml``
(:mod:`hzanalysis.plans`).

Read once: the records are cached by file and modification time, so an edited file (``hzanalysis region
add`` appends a row) is read again, and an unchanged one never is. A malformed file raises ``InputError``
naming the file, the line, the column, what was expected and how to fix it, every problem at once.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from . import paths
from .errors import InputError, Problem

#: What a figure is, for the forecast's scale (:data:`hzanalysis.forecast.DOMAINS` is this tuple).
DOMAINS: tuple[str, ...] = ("level", "share", "count", "amount")
#: How figures of successive years relate: a yearly flow (summed by a cumulative target), a stock (the
#: level at the year's end), or a ratio (neither sums nor accumulates).
FLOW_OR_STOCK: tuple[str, ...] = ("flow", "stock", "ratio")
#: Administrative levels of a region (``hzanalysis region add --level``).
LEVELS: tuple[str, ...] = ("county", "county_with_zone", "functional_zone", "prefecture_city", "province")

#: The columns of indicators.csv, in order; the first six must be filled on every row.
INDICATOR_COLUMNS: tuple[str, ...] = (
    "id",
    "name_zh",
    "name_en",
    "unit",
    "domain",
    "flow_or_stock",
    "targets",
    "holder_zh",
    "holder_en",
    "description",
    "synonyms",
    "reference_class",
)
_INDICATOR_REQUIRED = INDICATOR_COLUMNS[:6]
#: The columns of regions.csv, in order; id, name_en and level must be filled.
REGION_COLUMNS: tuple[str, ...] = ("id", "name_en", "level", "parent", "peer_group")

#: An id (indicator, target): lower-case ASCII letters, digits and "_", starting with a letter.
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
# Lists inside one cell: the catalogue writes ";", a hand-edited row may use the full-width "；" or "|".
_LIST_SEPARATOR = re.compile(r"[;；|]")


@dataclass(frozen=True)
class Indicator:
    """One row of ``indicators.csv``."""

    id: str
    name_zh: str
    name_en: str
    unit: str
    #: one of :data:`DOMAINS`
    domain: str
    #: one of :data:`FLOW_OR_STOCK`
    flow_or_stock: str
    #: ids of the target-registry entries this indicator measures (the default plan's)
    targets: tuple[str, ...] = ()
    holder_zh: str = ""
    holder_en: str = ""
    description: str = ""
    #: other Chinese names of the indicator, matched by extraction and plan drafting
    synonyms: tuple[str, ...] = ()
    #: the shipped reference class of its outside view (``derived/reference_classes.json``), else ""
    reference_class: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """The Chinese name, then the synonyms."""
        return (self.name_zh, *self.synonyms)

    @property
    def stock(self) -> bool:
        """A stock: the level at the year's end (an increment of it is a flow of another indicator)."""
        return self.flow_or_stock == "stock"

    @property
    def flow(self) -> bool:
        """A yearly flow: the years of a period add up."""
        return self.flow_or_stock == "flow"

    def row(self) -> dict[str, str]:
        """The row as text, column by column (lists joined with ";"), as ``indicators.csv`` writes it."""
        return {
            "id": self.id,
            "name_zh": self.name_zh,
            "name_en": self.name_en,
            "unit": self.unit,
            "domain": self.domain,
            "flow_or_stock": self.flow_or_stock,
            "targets": ";".join(self.targets),
            "holder_zh": self.holder_zh,
            "holder_en": self.holder_en,
            "description": self.description,
            "synonyms": ";".join(self.synonyms),
            "reference_class": self.reference_class,
        }


@dataclass(frozen=True)
class Region:
    """One row of ``regions.csv``: a region id is the Chinese name plans and data files use."""

    id: str
    name_en: str
    level: str
    parent: str = ""
    #: the group a rank target is judged in (``lyg_county``); "" outside every group
    peer_group: str = ""

    def row(self) -> dict[str, str]:
        """The row as text, column by column."""
        return {
            "id": self.id,
            "name_en": self.name_en,
            "level": self.level,
            "parent": self.parent,
            "peer_group": self.peer_group,
        }


def indicators_path() -> Path:
    """The indicator catalogue ``data/raw/indicators.csv``."""
    return paths.raw_dir() / "indicators.csv"


def regions_path() -> Path:
    """The region catalogue ``data/raw/regions.csv``."""
    return paths.raw_dir() / "regions.csv"


def indicators(path: Path | None = None) -> Mapping[str, Indicator]:
    """Every indicator by id, in the file's order (read once per file version; InputError if malformed)."""
    path = Path(path) if path is not None else indicators_path()
    return _read_indicators(path, *_version(path))


def regions(path: Path | None = None) -> Mapping[str, Region]:
    """Every region by id, in the file's order (read once per file version; InputError if malformed)."""
    path = Path(path) if path is not None else regions_path()
    return _read_regions(path, *_version(path))


def indicator(indicator_id: str) -> Indicator:
    """One indicator; ``InputError`` naming the catalogue when the id is not in it."""
    found = indicators().get(indicator_id)
    if found is None:
        raise InputError(
            Problem(
                str(indicators_path()),
                "",
                "id",
                "a row for this indicator",
                f"no row with id {indicator_id!r}",
                "add the indicator as a new row at the end of indicators.csv, or use an id it has",
            )
        )
    return found


# ---------------------------------------------------------------------------------------------------------
# Reading


def _version(path: Path) -> tuple[int, int]:
    """What identifies one version of a file for the cache (0, -1 when it cannot be read: the reader says)."""
    try:
        stat = path.stat()
    except OSError:
        return 0, -1
    return stat.st_mtime_ns, stat.st_size


def _rows(
    path: Path, columns: tuple[str, ...], required: tuple[str, ...]
) -> list[tuple[str, dict[str, str]]]:
    """(line, row) of a catalogue file, every cell stripped; ``InputError`` for a file or header unusable."""
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        found = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        fix = f"restore {path.name} (it ships in data/raw/) or save it as UTF-8"
        raise InputError(Problem(file, "", "", "a readable UTF-8 CSV file", found, fix)) from exc
    reader = csv.reader(text.splitlines(keepends=True))
    header = [cell.strip() for cell in next(reader, [])]
    missing = [c for c in required if c not in header]
    unknown = [c for c in header if c not in columns]
    problems = [
        Problem(file, "line 1", c, "the column in the header", "no such column", f"add the column {c!r}")
        for c in missing
    ] + [
        Problem(
            file,
            "line 1",
            c,
            f"one of the columns {', '.join(columns)}",
            repr(c),
            "remove the column or correct its spelling",
        )
        for c in unknown
    ]
    if problems:
        raise InputError(problems)
    out: list[tuple[str, dict[str, str]]] = []
    for cells in reader:
        line = f"line {reader.line_num}"
        if not any(cell.strip() for cell in cells):
            continue  # a blank line
        if len(cells) != len(header):
            raise InputError(
                Problem(
                    file,
                    line,
                    "",
                    f"{len(header)} cells, one per column of the header",
                    f"{len(cells)} cells",
                    'quote a cell that holds a comma ("…,…"), or add the missing cells',
                )
            )
        row = dict.fromkeys(columns, "")
        row.update({name: cell.strip() for name, cell in zip(header, cells, strict=True)})
        out.append((line, row))
    return out


def _filled(
    file: str, line: str, row: dict[str, str], columns: tuple[str, ...], problems: list[Problem]
) -> None:
    for column in columns:
        if not row[column]:
            problems.append(
                Problem(
                    file,
                    line,
                    column,
                    "a value",
                    "an empty cell",
                    f"write the {column} of {row['id'] or 'the row'}",
                )
            )


def _one_of(
    file: str, line: str, row: dict[str, str], column: str, allowed: tuple[str, ...], problems: list[Problem]
) -> None:
    if row[column] and row[column] not in allowed:
        problems.append(
            Problem(
                file, line, column, f"one of {', '.join(allowed)}", repr(row[column]), "write one of these"
            )
        )


def _unique_id(
    file: str, line: str, ident: str, seen: dict[str, str], problems: list[Problem], pattern: bool
) -> None:
    if pattern and ident and not ID_PATTERN.match(ident):
        problems.append(
            Problem(
                file,
                line,
                "id",
                "a snake_case id (lower-case letters, digits, underscores)",
                repr(ident),
                "write e.g. tech_smes",
            )
        )
    if ident in seen:
        problems.append(
            Problem(
                file,
                line,
                "id",
                "an id used by one row only",
                f"{ident!r}, also on {seen[ident]}",
                "merge the rows",
            )
        )
    elif ident:
        seen[ident] = line


@lru_cache(maxsize=8)
def _read_indicators(path: Path, mtime_ns: int, size: int) -> Mapping[str, Indicator]:
    file, problems, seen = str(path), list[Problem](), dict[str, str]()
    records: dict[str, Indicator] = {}
    for line, row in _rows(path, INDICATOR_COLUMNS, _INDICATOR_REQUIRED):
        _filled(file, line, row, _INDICATOR_REQUIRED, problems)
        _unique_id(file, line, row["id"], seen, problems, pattern=True)
        _one_of(file, line, row, "domain", DOMAINS, problems)
        _one_of(file, line, row, "flow_or_stock", FLOW_OR_STOCK, problems)
        records[row["id"]] = Indicator(
            id=row["id"],
            name_zh=row["name_zh"],
            name_en=row["name_en"],
            unit=row["unit"],
            domain=row["domain"],
            flow_or_stock=row["flow_or_stock"],
            targets=_split(row["targets"]),
            holder_zh=row["holder_zh"],
            holder_en=row["holder_en"],
            description=row["description"],
            synonyms=_split(row["synonyms"]),
            reference_class=row["reference_class"],
        )
    if problems:
        raise InputError(problems)
    return MappingProxyType(records)


@lru_cache(maxsize=8)
def _read_regions(path: Path, mtime_ns: int, size: int) -> Mapping[str, Region]:
    file, problems, seen = str(path), list[Problem](), dict[str, str]()
    records: dict[str, Region] = {}
    for line, row in _rows(path, REGION_COLUMNS, REGION_COLUMNS):
        _filled(file, line, row, ("id", "name_en", "level"), problems)
        _unique_id(file, line, row["id"], seen, problems, pattern=False)
        _one_of(file, line, row, "level", LEVELS, problems)
        records[row["id"]] = Region(**row)
    if problems:
        raise InputError(problems)
    return MappingProxyType(records)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in _LIST_SEPARATOR.split(cell) if part.strip())
