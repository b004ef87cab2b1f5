"""Probabilities from simulated paths, and whether a bounded figure decides a target (pure numpy).

Every target kind is answered from the same simulated paths:

- ``level``: P(value in the deadline year meets the target);
- ``annual_floor``: P(every remaining year of the period meets the floor), observed years counted as observed;
- ``cumulative``: P(observed part of the period + simulated remainder meets the target);
- ``rank``: P(first, or a place in the top n, among the peers), from independent paths of every peer.

The property tests exercise these directly; nothing here knows a target, a file or a language.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .errors import ForecastError, ParameterError
from .targets import APPROX_TOLERANCE


def meets(values: np.ndarray, comparator: str, threshold: float) -> np.ndarray:
    """Element-wise: does a value meet the target under its comparator (">=", ">", "<=": a ceiling, or
    "~": 左右/约, met from APPROX_TOLERANCE below the value)?"""
    if comparator == "<=":
        return values <= threshold
    if comparator == "~":
        return values >= threshold * (1 - APPROX_TOLERANCE)
    if comparator == ">":
        return values > threshold
    if comparator in (">=", "first"):
        return values >= threshold
    raise ParameterError(f"comparator {comparator!r} is not supported; expected '>=', '>', '<=' or '~'")


def p_level(paths: np.ndarray, years: np.ndarray, deadline: int, comparator: str, value: float) -> float:
    """P(the simulated value in the deadline year meets the target)."""
    column = year_column(years, deadline)
    return float(meets(paths[:, column], comparator, value).mean())


def p_annual_floor(
    paths: np.ndarray, years: np.ndarray, remaining_years: Sequence[int], comparator: str, floor: float
) -> float:
    """P(every remaining (unobserved) year of the period meets the floor)."""
    if not remaining_years:
        return 1.0
    columns = [year_column(years, y) for y in remaining_years]
    return float(meets(paths[:, columns], comparator, floor).all(axis=1).mean())


def p_cumulative(
    paths: np.ndarray,
    years: np.ndarray,
    remaining_years: Sequence[int],
    observed_total: float,
    comparator: str,
    value: float,
) -> float:
    """P(observed part of the period + the simulated remaining years meets the cumulative target)."""
    if not remaining_years:
        return float(meets(np.array([observed_total]), comparator, value)[0])
    columns = [year_column(years, y) for y in remaining_years]
    totals = observed_total + paths[:, columns].sum(axis=1)
    return float(meets(totals, comparator, value).mean())


def p_first(own: np.ndarray, peers: Sequence[np.ndarray]) -> float:
    """P(the home region's value is at least every peer's), paths drawn independently per region."""
    if not peers:
        return 1.0
    best_peer = np.max(np.column_stack(peers), axis=1)
    return float((own >= best_peer).mean())


def p_top(own: np.ndarray, peers: Sequence[np.ndarray], place: int) -> float:
    """P(fewer than ``place`` peers are above the home region: a place in the top ``place``)."""
    if not peers:
        return 1.0
    ahead = (np.column_stack(peers) > own[:, None]).sum(axis=1)
    return float((ahead < place).mean())


def year_column(years: np.ndarray, year: int) -> int:
    """The column of ``year`` in a forecast's years; ForecastError when the forecast does not reach it."""
    hits = np.flatnonzero(np.asarray(years) == year)
    if hits.size == 0:
        raise ForecastError(f"the forecast covers {list(years)}, not {year}")
    return int(hits[0])


def bound_decides(bound: str, bound_value: float, comparator: str, threshold: float) -> bool | None:
    """Whether a bounded figure (``bound`` ``bound_value``) meets the target for sure (True), misses it
    for sure (False), or leaves it open (None). ``> 3.8`` meets ``>= 3.8``; ``< 60`` misses ``>= 70``."""
    if comparator == "~":  # approximate: the same as at least the value less the tolerance
        comparator, threshold = ">=", threshold * (1 - APPROX_TOLERANCE)
    if comparator == "<=":  # a ceiling: a figure below it meets it, one above misses it
        if bound in ("<", "<="):
            return True if bound_value <= threshold else None
        if bound in (">", ">="):
            return False if bound_value > threshold or (bound == ">" and bound_value == threshold) else None
        return None
    strict = comparator == ">"
    if bound in (">", ">="):  # the figure lies above bound_value
        above_enough = bound_value > threshold or (bound_value == threshold and (bound == ">" or not strict))
        return True if above_enough else None
    if bound in ("<", "<="):  # the figure lies below bound_value
        below_enough = bound_value < threshold or (bound_value == threshold and (bound == "<" or strict))
        return False if below_enough else None
    return None
