"""Settling a target from the observations alone: a figure for the deadline year, a failed year of a floor,
a period total already reached, or bounded figures (">3.8", "<60") that decide it before any forecast.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import numpy as np

from . import rules
from .assessment import Assessment, Status, format_value, goal_value, period_start_of
from .labels import Message
from .probability import bound_decides, meets


def observed_outcome(result: Assessment, start: int | None) -> tuple[Assessment, bool]:
    """Settle the target from observations alone where they already decide it: (the result, settled?).

    An unsettled result may still carry what the observations say (an undecided bound, the period total).
    """
    target, history = result.target, result.history
    comparator = target.comparator or ">="
    value = goal_value(target)
    if target.kind == "level":
        if target.deadline in history.index:
            met = bool(meets(np.array([history[target.deadline]]), comparator, value)[0])
            return mark_settled(result, met)
        return _settled_by_bound(result)
    if target.kind not in ("annual_floor", "cumulative"):
        return result, False
    start = period_start_of(target, start)
    in_period = history[(history.index >= start) & (history.index <= target.deadline)]
    if target.kind == "annual_floor":
        failed = [int(y) for y, v in in_period.items() if not meets(np.array([v]), comparator, value)[0]]
        if failed:
            floor = {"value": value, "unit": target.unit}
            missing = Message("missing.floor_failed", {"years": failed, "floor": floor})
            return mark_settled(result, False, missing=missing)
        if len(in_period) == target.deadline - start + 1:
            return mark_settled(result, True)
        return _floor_settled_by_bounds(result, start)
    if target.kind == "cumulative":
        result = replace(result, observed_total=float(in_period.sum()))
        if meets(np.array([result.observed_total]), comparator, value)[0]:
            return mark_settled(result, True)
        if len(in_period) == target.deadline - start + 1:
            return mark_settled(result, False)
        return _total_settled_by_bounds(result, start)
    return result, False


def _settled_by_bound(result: Assessment) -> tuple[Assessment, bool]:
    """Settle a level target from a bound for the deadline year when the bound decides it; else note it."""
    target = result.target
    rows = result.observations
    bounded = rows[(rows["year"] == target.deadline) & (rows["bound"] != "=")]
    for position, row in enumerate(bounded.itertuples(index=False)):
        shown = f"{row.bound}{format_value(float(row.value), target.unit)}"
        goal = f"{target.comparator or '>='}{format_value(goal_value(target), target.unit)}"
        decided = bound_decides(row.bound, float(row.value), target.comparator or ">=", goal_value(target))
        # the figures as the data file writes them (">3.8%"), the same in both languages
        params = {"deadline": target.deadline, "shown": shown, "source": str(row.source_title), "goal": goal}
        if decided is not None:
            code = "note.bound_meets" if decided else "note.bound_misses"
            result = _noted(result, Message(code, params))
            return mark_settled(result, decided, deciding_bound=bounded.iloc[position])
        result = _noted(result, Message("note.bound_undecided", params))
    return result, False


def _period_bounds(result: Assessment, start: int) -> dict[int, list[tuple[str, float]]]:
    """Bounds (bound, value) by year inside the period, for years without a point value."""
    rows = result.observations
    inside = rows[(rows["bound"] != "=") & rows["year"].between(start, result.target.deadline)]
    found: dict[int, list[tuple[str, float]]] = {}
    for row in inside.itertuples(index=False):
        if int(row.year) not in result.history.index:
            found.setdefault(int(row.year), []).append((str(row.bound), float(row.value)))
    return found


def _floor_settled_by_bounds(result: Assessment, start: int) -> tuple[Assessment, bool]:
    """Every-year floor: a bound under the floor misses it; points or bounds above it every year meet it."""
    target = result.target
    comparator, value = target.comparator or ">=", goal_value(target)
    bounds = _period_bounds(result, start)
    decided = {int(y): True for y in result.history.index if start <= y <= target.deadline}
    for year, year_bounds in bounds.items():
        verdicts = {bound_decides(b, v, comparator, value) for b, v in year_bounds} - {None}
        if len(verdicts) == 1:
            decided[year] = bool(verdicts.pop())
    floor = {"value": value, "unit": target.unit}
    failed = sorted(y for y, met in decided.items() if met is False)
    if failed:
        missing = Message("missing.floor_bounds_failed", {"years": failed, "floor": floor})
        return mark_settled(result, False, missing=missing)
    if bounds and len(decided) == target.deadline - start + 1:
        note = Message("note.floor_bounds_met", {"floor": floor})
        return mark_settled(_noted(result, note), True)
    return result, False


def _total_settled_by_bounds(result: Assessment, start: int) -> tuple[Assessment, bool]:
    """A cumulative target: lower bounds (with 0 for unknown years: counts and amounts are never negative)
    can prove it met; upper bounds for every unobserved year can prove it missed."""
    target = result.target
    comparator, value = target.comparator or ">=", goal_value(target)
    bounds = _period_bounds(result, start)
    if not bounds:
        return result, False
    points = float(result.history[result.history.index >= start].sum())  # history stops at the deadline
    low, low_strict, high, high_strict, high_known = points, False, points, False, True
    for year in range(start, target.deadline + 1):
        if year in result.history.index:
            continue
        lows = [(v, b == ">") for b, v in bounds.get(year, []) if b in (">", ">=")]
        highs = sorted((v, b != "<") for b, v in bounds.get(year, []) if b in ("<", "<="))
        if lows:
            v, strict = max(lows)
            low, low_strict = low + v, low_strict or strict
        if highs:
            v, loose = highs[0]  # the tightest upper bound
            high, high_strict = high + v, high_strict or not loose
        else:
            high_known = False
    goal = f"{target.comparator or '>='}{format_value(value, target.unit)}"
    if bound_decides(">" if low_strict else ">=", low, comparator, value):
        shown = f"{'>' if low_strict else '>='}{format_value(low, target.unit)}"
        note = Message("note.total_bounds_met", {"shown": shown, "goal": goal})
        return mark_settled(_noted(result, note), True)
    if high_known and bound_decides("<" if high_strict else "<=", high, comparator, value) is False:
        shown = f"{'<' if high_strict else '<='}{format_value(high, target.unit)}"
        note = Message("note.total_bounds_missed", {"shown": shown, "goal": goal})
        return mark_settled(_noted(result, note), False)
    return result, False


def settled_result(result: Assessment, met: bool, **changes: Any) -> Assessment:
    """The result achieved or missed, with probability 1 or 0 (and any ``changes`` of its fields)."""
    # Growth still "required" after the outcome is known would mislead (a negative rate for a target
    # already met by a bound); historical growth stays, it describes what was observed.
    return replace(
        result,
        status=Status.ACHIEVED if met else Status.MISSED,
        verdict=rules.ACHIEVED if met else rules.MISSED,
        probability=1.0 if met else 0.0,
        required_growth=math.nan,
        **changes,
    )


def mark_settled(result: Assessment, met: bool, **changes: Any) -> tuple[Assessment, bool]:
    """:func:`settled_result` in the shape of :func:`observed_outcome`: (the result, settled)."""
    return settled_result(result, met, **changes), True


def _noted(result: Assessment, note: Message) -> Assessment:
    """The result with one more data note (what the observations say beside the forecast)."""
    return replace(result, data_notes=[*result.data_notes, note])
