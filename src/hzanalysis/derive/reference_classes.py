"""``derived/reference_classes.json``: the outside view's classes, one per reference panel.

Each class summarises how its indicator grew across China's provinces (:mod:`hzanalysis.reference` holds
the summary and reads the shipped file at run time), with the same class as known by each earlier year, so
that a forecast from a figure of year t uses only growth that had happened by t.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import ForecastError
from ..panels import PANELS
from ..reference import GROWTH_P, class_from_frame
from .panel_files import read_panel_table


def build_classes(folder: Path | None = None) -> dict[str, Any]:
    """The shipped classes, one per reference panel, as the JSON document reference_classes.json."""
    classes = {}
    for spec in PANELS:
        tidy = read_panel_table(spec, folder)
        years = f"{int(tidy['year'].min())}-{int(tidy['year'].max())}"
        options: dict[str, Any] = {
            "indicator": spec.indicator,
            "domain": spec.domain,
            "class_id": spec.name,
            "source": f"{spec.file}, {spec.variable}, provinces of China, {years} "
            "(see derived/PROVENANCE.md)",
        }
        cls = class_from_frame(tidy, **options)
        earlier = {}
        for year in range(cls.first_year + 1, cls.last_year):
            try:
                cut = class_from_frame(tidy, known_by=year, **options)
            except ForecastError:  # too few changes known by then
                continue
            earlier[year] = {
                "quantiles": cut.quantiles,
                "n_changes": cut.n_changes,
                "widening": cut.widening,
                "widening_basis": cut.widening_basis,
            }
        classes[spec.name] = replace(cls, earlier=earlier).to_json()
    return {
        "procedure": "per horizon h: quantiles (at growth_p) of z(t+h) - z(t) over every province and "
        "origin, z = log (logit for shares); widening = IQR of the smallest third of provinces' one-year "
        "changes (minus the year's median) over that of all, where > 1 and the indicator is extensive; "
        "earlier: the same from the years up to each earlier year only (what was known by a forecast's "
        "origin)",
        "growth_p": list(GROWTH_P),
        "classes": classes,
    }
