"""``derived/plausibility.json``: the bounds the data checks warn by, derived from the reference panels.

At run time :mod:`hzanalysis.observations.plausible` reads only this small file, never the panels.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path
from typing import Any

from ..observations.plausible import to_z
from ..panels import PANELS
from .panel_files import read_panel_table


def build_bounds(folder: Path | None = None) -> dict[str, Any]:
    """The JSON document ``plausibility.json``: per reference panel, its one-year extremes and ceiling.

    Only extremes of changes pooled over every province and year, and a power of ten above every level,
    are kept: no row of a panel is copied.
    """
    panels: dict[str, Any] = {}
    for spec in PANELS:
        tidy = read_panel_table(spec, folder)
        changes: list[float] = []
        by_span: dict[int, list[float]] = {}
        for _, unit in tidy.groupby("region", sort=True):
            z_by_year = {
                int(y): z
                for y, v in zip(unit["year"], unit["value"], strict=True)
                if (z := to_z(float(v), spec.domain)) is not None
            }
            for start, end in itertools.combinations(sorted(z_by_year), 2):
                change = z_by_year[end] - z_by_year[start]
                by_span.setdefault(end - start, []).append(change)
                if end - start == 1:
                    changes.append(change)
        falls, rises = _envelope(by_span)
        top = float(tidy["value"].max())
        panels[spec.name] = {
            "indicator": spec.indicator,
            "domain": spec.domain,
            "years": f"{int(tidy['year'].min())}-{int(tidy['year'].max())}",
            "units": int(tidy["region"].nunique()),
            "one_year_changes": len(changes),
            "largest_one_year_fall": round(min(changes), 6),
            "largest_one_year_rise": round(max(changes), 6),
            "largest_fall_by_span": falls,
            "largest_rise_by_span": rises,
            "level_ceiling": None if spec.domain == "share" else 10.0 ** (math.floor(math.log10(top)) + 1),
        }
    return {
        "procedure": "per reference panel: the smallest and largest one-year change of z over every province "
        "and pair of consecutive years, z = log (logit for shares); largest_*_by_span: entry k-1 is the "
        "largest fall (rise) of z over k years any province made, or over fewer years (what a unit reaches "
        "in j years it can hold for k), never above 0 for falls nor below 0 for rises (an unchanged figure "
        "is always plausible); level_ceiling = the power of ten above "
        "the largest value any province reported (none for shares). Used by `hzanalysis data check` to warn "
        "on figures far from anything of their kind.",
        "panels": panels,
    }


def _envelope(by_span: dict[int, list[float]]) -> tuple[list[float], list[float]]:
    """Largest fall and rise reachable within k years, k = 1 .. the longest span of the panel."""
    falls: list[float] = []
    rises: list[float] = []
    fall = rise = 0.0
    for span in range(1, max(by_span) + 1):
        fall = min(fall, *by_span.get(span, [0.0]))
        rise = max(rise, *by_span.get(span, [0.0]))
        falls.append(round(fall, 6))
        rises.append(round(rise, 6))
    return falls, rises
