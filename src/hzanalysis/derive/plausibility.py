"""``derived/plausibility.json``: the bounds the data checks warn by, derived from the reference panels.

At run time :mod:`hzanalysis.observations.plausible` reads only this small file, never the panels.
"""

from __future__ import annotations

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
        for _, unit in tidy.groupby("region", sort=True):
            values = unit.sort_values("year")
            z = [to_z(float(v), spec.domain) for v in values["value"]]
            for i in range(1, len(z)):
                one_year = int(values["year"].iloc[i]) - int(values["year"].iloc[i - 1]) == 1
                if one_year and z[i] is not None and z[i - 1] is not None:
                    changes.append(z[i] - z[i - 1])
        top = float(tidy["value"].max())
        panels[spec.name] = {
            "indicator": spec.indicator,
            "domain": spec.domain,
            "years": f"{int(tidy['year'].min())}-{int(tidy['year'].max())}",
            "units": int(tidy["region"].nunique()),
            "one_year_changes": len(changes),
            "largest_one_year_fall": round(min(changes), 6),
            "largest_one_year_rise": round(max(changes), 6),
            "level_ceiling": None if spec.domain == "share" else 10.0 ** (math.floor(math.log10(top)) + 1),
        }
    return {
        "procedure": "per reference panel: the smallest and largest one-year change of z over every province "
        "and pair of consecutive years, z = log (logit for shares); level_ceiling = the power of ten above "
        "the largest value any province reported (none for shares). Used by `hzanalysis data check` to warn "
        "on figures far from anything of their kind.",
        "panels": panels,
    }
