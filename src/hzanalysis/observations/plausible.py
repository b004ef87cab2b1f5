"""Plausibility: figures that are possible but far from anything of their kind ever reported (warnings).

Two bounds per indicator that has a reference panel (real provincial series, see
``derived/PROVENANCE.md``), derived once at build time (``make calibrate``,
:mod:`hzanalysis.derive.plausibility`) into ``derived/plausibility.json``; at run time only that small
file is read, never the panels:

- the largest rise and fall any province ever made within k years, k = 1 .. the panel's longest span, on the
  log scale (logit for shares): a unit whose figure moves further than that between two of its figures k
  years apart is flagged (beyond the panel's longest span, its largest moves per year carry on);
- the level ceiling: the power of ten above the largest value any province ever reported. A district above
  it is orders of magnitude off (a unit typed as 万元 instead of 亿元, extra zeros, a wrong region).

Indicators without a panel get the coarse rule: two consecutive figures of one unit ten times apart or more.
Nothing here drops a row: a warning says what was expected, why, and how to check the figure.
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import Problem

_COLUMNS = ["region", "indicator", "year", "value", "file", "row"]
PLAUSIBILITY_PATH = Path(__file__).resolve().parent.parent / "derived" / "plausibility.json"
#: Without a reference panel, two consecutive figures of one unit this many times apart are flagged.
ORDER_OF_MAGNITUDE = 10.0
_FIX = (
    "check the unit (万元 vs 亿元, a fraction vs a percentage), a missing or extra digit, the year and the "
    "region's scope (海州区 vs 海州区(含高新区)); if both figures are right (a new definition, a merger), "
    "keep them and say why in the note"
)


@dataclass(frozen=True)
class Bounds:
    """What the reference panel of one indicator says is plausible (z = log, or logit for shares)."""

    indicator: str
    panel: str
    domain: str
    years: str
    units: int
    fall: float  # the largest one-year fall of z, a negative number
    rise: float  # the largest one-year rise of z
    ceiling: float | None  # a power of ten above every level reported; None for shares (bounded anyway)
    falls: tuple[float, ...] = ()  # entry k-1: the largest fall of z within k years (<= 0)
    rises: tuple[float, ...] = ()  # entry k-1: the largest rise of z within k years (>= 0)

    def moves_within(self, years: int) -> tuple[float, float]:
        """The largest fall and rise of z any province made within ``years`` years (per year beyond that)."""
        falls = self.falls or (self.fall,)
        rises = self.rises or (self.rise,)
        longest = len(falls)
        if years <= longest:
            return falls[years - 1], rises[years - 1]
        return falls[-1] * years / longest, rises[-1] * years / longest


@lru_cache(maxsize=4)
def shipped_bounds(path: str | None = None) -> dict[str, Bounds]:
    """The bounds by indicator id, from ``derived/plausibility.json`` (empty when the file is absent)."""
    target = Path(path) if path else PLAUSIBILITY_PATH
    if not target.is_file():
        return {}
    payload = json.loads(target.read_text(encoding="utf-8"))
    return {
        entry["indicator"]: Bounds(
            indicator=entry["indicator"],
            panel=name,
            domain=entry["domain"],
            years=entry["years"],
            units=int(entry["units"]),
            fall=float(entry["largest_one_year_fall"]),
            rise=float(entry["largest_one_year_rise"]),
            ceiling=None if entry["level_ceiling"] is None else float(entry["level_ceiling"]),
            falls=tuple(float(v) for v in entry.get("largest_fall_by_span", ())),
            rises=tuple(float(v) for v in entry.get("largest_rise_by_span", ())),
        )
        for name, entry in payload["panels"].items()
    }


def to_z(value: float, domain: str) -> float | None:
    """The growth scale: logit of a share (in percent), log of anything else; None outside its domain."""
    if domain == "share":
        return math.log(value / (100.0 - value)) if 0 < value < 100 else None
    return math.log(value) if value > 0 else None


def from_z(z: float, domain: str) -> float:
    """Inverse of :func:`to_z`."""
    if domain == "share":
        return 100.0 / (1.0 + math.exp(-z))
    return math.exp(z)


def ceiling_flag(indicator: str, value: float) -> dict[str, Any] | None:
    """``{"code": "above_ceiling", ...}`` with the numbers when ``value`` is above every level of the
    indicator's reference panel; None when it is not (or the indicator has no ceiling)."""
    bounds = shipped_bounds().get(indicator)
    if bounds is None or bounds.ceiling is None or value < bounds.ceiling:
        return None
    return {
        "code": "above_ceiling",
        "indicator": indicator,
        "value": float(value),
        "ceiling": bounds.ceiling,
        "panel": bounds.panel,
        "panel_years": bounds.years,
        "panel_units": bounds.units,
    }


def ceiling_text(indicator: str, value: float) -> tuple[str, str, str] | None:
    """``(expected, found, fix)`` when ``value`` is above every level of the indicator's reference panel."""
    flag = ceiling_flag(indicator, value)
    if flag is None:
        return None
    return (
        f"a figure below {flag['ceiling']:g} for {indicator}: every one of the {flag['panel_units']} "
        f"provinces of China in its reference panel ({flag['panel']}, {flag['panel_years']}) reported less "
        "than that in every year",
        f"{value:g}, {value / flag['ceiling']:.3g} times that ceiling, for one region",
        _FIX,
    )


def jump_flags(points: pd.DataFrame) -> list[dict[str, Any]]:
    """Consecutive point values of one region and indicator that move implausibly far, as codes and numbers.

    ``points`` holds the winning rows (one per key) with ``region, indicator, year, value, bound, domain,
    file, row``. Each flag is a plain dict: ``code`` (``jump_beyond_panel``: faster than any province of the
    indicator's reference panel ever moved in one year, with the ``low``-``high`` range it allows;
    ``jump_tenfold``: no panel, ten times apart or more), the region, indicator, both years and values, and
    the file and row of each figure. :func:`jump_warnings` says the same in words.
    """
    # plain records, not a pandas groupby: this runs on every load, as-of histories load many times
    units: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for record in points.loc[points["bound"] == "=", _COLUMNS].to_dict("records"):
        units.setdefault((record["region"], record["indicator"]), []).append(record)
    found: list[dict[str, Any]] = []
    for (region, indicator), records in sorted(units.items()):
        records.sort(key=lambda r: r["year"])
        for before, after in itertools.pairwise(records):
            flag = _jump(region, indicator, before, after)
            if flag is not None:
                found.append(flag)
    return found


def jump_warnings(points: pd.DataFrame) -> list[Problem]:
    """Warnings on consecutive point values of one region and indicator that move implausibly far.

    ``points`` as for :func:`jump_flags`. Each warning sits on the later year's row and names the earlier one.
    """
    return [_jump_problem(flag) for flag in jump_flags(points)]


def _jump(
    region: str, indicator: str, before: dict[str, Any], after: dict[str, Any]
) -> dict[str, Any] | None:
    v0, v1, y0, y1 = float(before["value"]), float(after["value"]), int(before["year"]), int(after["year"])
    years = y1 - y0
    flag: dict[str, Any] = {
        "region": region,
        "indicator": indicator,
        "year_before": y0,
        "value_before": v0,
        "year": y1,
        "value": v1,
        "file_before": str(before["file"]),
        "row_before": str(before["row"]),
        "file": str(after["file"]),
        "row": str(after["row"]),
    }
    bounds = shipped_bounds().get(indicator)
    if bounds is not None:
        z0, z1 = to_z(v0, bounds.domain), to_z(v1, bounds.domain)
        fall, rise = bounds.moves_within(years)
        if z0 is None or z1 is None or fall <= z1 - z0 <= rise:
            return None
        return {
            "code": "jump_beyond_panel",
            **flag,
            "low": from_z(z0 + fall, bounds.domain),
            "high": from_z(z0 + rise, bounds.domain),
            "panel": bounds.panel,
            "panel_years": bounds.years,
        }
    if v0 <= 0 or v1 <= 0 or 1 / ORDER_OF_MAGNITUDE < v1 / v0 < ORDER_OF_MAGNITUDE:
        return None
    return {"code": "jump_tenfold", **flag, "factor": ORDER_OF_MAGNITUDE}


def _jump_problem(flag: dict[str, Any]) -> Problem:
    """The warning of one jump flag, in the words ``data check`` prints."""
    v0, v1, y0, y1 = flag["value_before"], flag["value"], flag["year_before"], flag["year"]
    years = y1 - y0
    other = f"{v0:g} in {y0} ({flag['file_before']} {flag['row_before']})"
    span = f"{years} year{'s' if years != 1 else ''}"
    if flag["code"] == "jump_beyond_panel":
        bounds = shipped_bounds()[flag["indicator"]]
        expected = (
            f"after {other}, a {y1} figure between {flag['low']:.4g} and {flag['high']:.4g}: no province in "
            f"the reference panel ({bounds.panel}, {bounds.years}) ever moved further in {span} "
            f"({_moves(bounds, years)} at most)"
        )
    else:
        expected = (
            f"after {other}, a {y1} figure within a factor of {ORDER_OF_MAGNITUDE:g} of it "
            "(this indicator has no reference panel; a tenfold change is flagged)"
        )
    where = f"{flag['region']} {flag['indicator']} {y1}"
    found = f"{v1:g} for {where}, {v1 / v0:.3g} times the earlier figure in {span}"
    return Problem(flag["file"], flag["row"], "value", expected, found, _FIX)


def _moves(bounds: Bounds, years: int) -> str:
    """The panel's largest fall and rise within ``years`` as readers say them: percentages, or logit."""
    fall, rise = bounds.moves_within(years)
    if bounds.domain == "share":
        return f"{fall:+.2f} to {rise:+.2f} on the logit scale"
    return f"{math.exp(fall) - 1:+.0%} to {math.exp(rise) - 1:+.0%}"
