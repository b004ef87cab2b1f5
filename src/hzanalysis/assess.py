"""The judgement: for each target, where it stands, where it is heading and how likely it is to be met.

Everything here is pure: it takes targets, an observations table and forecast settings, and returns
:class:`Assessment` objects (for one target page) or one tidy DataFrame (for the scorecard). Every
target kind is answered from the same simulated paths:

- ``level``: P(value in the deadline year meets the target);
- ``annual_floor``: P(every remaining year of the period meets the floor), observed years counted as observed;
- ``cumulative``: P(observed part of the period + simulated remainder meets the target);
- ``rank``: P(first among the peers), from independent paths of every peer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import forecast as fc
from . import rules
from .bureaus import bureau_text
from .errors import ForecastError, ParameterError
from .labels import check_lang, fmt_value, label
from .observations import load_indicators, load_observations, load_regions, replacement_text
from .plans import DEFAULT_PLAN, Plan, resolve_plan
from .reference import LABEL as OUTSIDE_VIEW_LABEL
from .reference import ReferenceClass, as_class, shipped_classes
from .targets import APPROX_TOLERANCE, Target, get_target, load_targets

HOME_REGION = "海州区"
#: The plan was issued on 2024-02-28: the mid-term rule takes its base from the last figure before 2024.
PLAN_START_YEAR = 2024
#: Models compared on each target page beside the default model (forecast.AUTO_MODEL).
COMPARED_MODELS: tuple[str, ...] = ("naive", "drift", "linear", "damped", "theta", "median_trend")
#: Fan-chart bands: central intervals drawn around the median.
FAN_LEVELS: tuple[float, ...] = (0.50, 0.80, 0.95)

#: Status code -> (Chinese, English); the words live in the label catalogue (``status.<code>``).
STATUS_TEXT = {
    code: (label(f"status.{code}", "zh"), label(f"status.{code}", "en"))
    for code in (
        "forecast",
        "single_point",
        "no_data",
        "achieved",
        "missed",
        "qualitative",
        "peers_missing",
        "period_gap",
        "forecast_failed",
    )
}


@dataclass
class Assessment:
    """The judgement of one target, with the evidence behind it."""

    target: Target
    region: str
    status: str
    observations: pd.DataFrame
    history: pd.Series
    probability: float = math.nan
    verdict: rules.Verdict | None = None
    forecast: fc.Forecast | None = None
    model_probabilities: dict[str, float] = field(default_factory=dict)
    model_methods: dict[str, str] = field(default_factory=dict)
    rule_results: list[rules.RuleResult] = field(default_factory=list)
    required_growth: float = math.nan
    historical_growth: float = math.nan
    required_flow: float = math.nan
    observed_total: float = math.nan
    missing_zh: str = ""
    missing_en: str = ""
    holder_zh: str = ""
    needed_years: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    peer_forecasts: dict[str, fc.Forecast] = field(default_factory=dict)
    #: Figures a later file replaced for this region and indicator, ``{"zh": ..., "en": ...}`` each.
    replaced: list[dict[str, str]] = field(default_factory=list)
    #: What the observations say beside the forecast: a deciding or undecided bound for the deadline year,
    #: figures after the deadline (shown, not forecast from); ``{"zh": ..., "en": ...}`` each.
    data_notes: list[dict[str, str]] = field(default_factory=list)
    #: The reference class used (outside view, or prior of a 2-5 point forecast): indicator, regions, years.
    reference_class: dict | None = None
    #: The bounded figure for the deadline year that settled the target (e.g. ">3.8" in 2025), else None.
    deciding_bound: pd.Series | None = None

    @property
    def latest(self) -> pd.Series | None:
        """The latest observation used: the deciding bound when one settled the target (it is the outturn),
        else the latest point value (points preferred over bounds), or None."""
        if self.deciding_bound is not None:
            return self.deciding_bound
        points = self.observations[self.observations["bound"] == "="]
        rows = points if not points.empty else self.observations
        return None if rows.empty else rows.sort_values("year").iloc[-1]

    def sentence(self, lang: str = "zh") -> str:
        """One sentence a leader could quote: the probability and verdict with what it rests on."""
        return verdict_sentence(self, lang)


# ---------------------------------------------------------------------------------------------------------
# Probabilities from paths (pure numpy; the property tests exercise these directly)


def meets(values: np.ndarray, comparator: str, threshold: float) -> np.ndarray:
    """Element-wise: does a value meet the target under its comparator (">=", ">", or "~": 左右/约, met
    from APPROX_TOLERANCE below the value)?"""
    if comparator == "~":
        return values >= threshold * (1 - APPROX_TOLERANCE)
    if comparator == ">":
        return values > threshold
    if comparator in (">=", "first"):
        return values >= threshold
    raise ParameterError(f"comparator {comparator!r} is not supported; expected '>=' or '>'")


def p_level(paths: np.ndarray, years: np.ndarray, deadline: int, comparator: str, value: float) -> float:
    """P(the simulated value in the deadline year meets the target)."""
    column = _year_column(years, deadline)
    return float(meets(paths[:, column], comparator, value).mean())


def p_annual_floor(
    paths: np.ndarray, years: np.ndarray, remaining_years: Sequence[int], comparator: str, floor: float
) -> float:
    """P(every remaining (unobserved) year of the period meets the floor)."""
    if not remaining_years:
        return 1.0
    columns = [_year_column(years, y) for y in remaining_years]
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
    columns = [_year_column(years, y) for y in remaining_years]
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


def _year_column(years: np.ndarray, year: int) -> int:
    hits = np.flatnonzero(np.asarray(years) == year)
    if hits.size == 0:
        raise ForecastError(f"the forecast covers {list(years)}, not {year}")
    return int(hits[0])


# ---------------------------------------------------------------------------------------------------------
# One target


def assess_target(
    target: Target,
    observations: pd.DataFrame,
    *,
    region: str = HOME_REGION,
    n_paths: int = 2000,
    seed: int = 0,
    model: str = "auto",
    period_start: int | None = None,
    compare_models: bool = True,
    indicators: pd.DataFrame | None = None,
    regions: pd.DataFrame | None = None,
) -> Assessment:
    """Assess one target against the observations given (already limited to what was published by as-of).

    ``period_start`` overrides the target's own first counted year for ``annual_floor`` and ``cumulative``
    targets (the plan does not say when 累计 starts; the registry documents the default).
    """
    indicators = load_indicators() if indicators is None else indicators
    info = indicators.set_index("id").loc[target.indicator] if target.is_quantitative else None
    rows = (
        _rows_for(observations, target.indicator, region) if target.is_quantitative else _empty(observations)
    )
    # Figures after the deadline stay on the page (rows) but the judgement rests on years up to it.
    history = _until_deadline(_point_series(rows), target)
    result = Assessment(target=target, region=region, status="no_data", observations=rows, history=history)
    result.replaced = _replaced_texts(observations, target.indicator, region)
    result.data_notes = _after_deadline_notes(rows, target)
    if not target.is_quantitative:
        result.status = "qualitative"
        result.verdict = rules.NOT_QUANTIFIABLE
        return result
    result.holder_zh = str(info["holder_zh"]) if info is not None else ""
    domain = str(info["domain"])

    if target.kind == "rank":
        return _assess_rank(result, observations, domain, n_paths, seed, model, regions)
    if target.kind == "growth":
        level = _growth_as_level(result, info)
        if level is None:
            return result
        # The growth target is the level it requires in the deadline year, judged as any level target.
        judged = assess_target(
            level,
            observations,
            region=region,
            n_paths=n_paths,
            seed=seed,
            model=model,
            compare_models=compare_models,
            indicators=indicators,
            regions=regions,
        )
        judged.warnings.insert(0, level.note)
        return judged

    start = period_start if period_start is not None else target.period_start
    if target.kind in ("annual_floor", "cumulative") and start is None:
        raise ParameterError(f"target {target.id}: a period start is needed for a {target.kind} target")
    _fill_growth_and_rules(result, start)

    outcome = _observed_outcome(result, start)
    if outcome is not None:
        return outcome
    if history.size == 0:
        result.status = "no_data"
        result.verdict = rules.INSUFFICIENT_DATA
        _describe_missing(result, start)
        return result
    origin = int(history.index.max()) if history.size else None
    reference_class = _reference_class_of(target.indicator, info, domain, origin)
    if history.size == 1 and reference_class is None:
        result.status = "single_point"
        result.verdict = rules.INSUFFICIENT_DATA
        _describe_missing(result, start)
        return result
    if target.kind == "cumulative":
        gap_years = _period_gaps(history, start)
        if gap_years:
            result.status = "period_gap"
            result.verdict = rules.INSUFFICIENT_DATA
            result.missing_zh = f"考核期内缺少{_years_zh(gap_years)}的数据，无法累计"
            result.missing_en = (
                f"no figure for {_years_en(gap_years)} inside the period, so the total is unknown"
            )
            return result

    horizon = target.deadline - int(history.index.max())
    try:
        result.forecast = fc.forecast(
            history,
            horizon,
            domain=domain,
            reference=reference_class,
            n_paths=n_paths,
            seed=seed,
            model=model,
            indicator=target.indicator,
        )
    except ForecastError as error:
        if history.size == 1:  # the reference class cannot reach the deadline: one figure, no judgement
            result.status = "single_point"
            result.verdict = rules.INSUFFICIENT_DATA
            result.warnings.append(str(error))
            _describe_missing(result, start)
            return result
        # e.g. a count of 0 cannot go on the log scale: say so on the page instead of failing the report
        result.status = "forecast_failed"
        result.verdict = rules.INSUFFICIENT_DATA
        result.warnings.append(str(error))
        result.missing_zh = f"无法预测：{error}"
        result.missing_en = f"no forecast: {error}"
        return result
    result.warnings.extend(result.forecast.warnings)
    result.probability = _probability(result, result.forecast, start)
    result.status = "forecast"
    result.verdict = rules.likelihood_verdict(result.probability)
    result.reference_class = result.forecast.reference
    if result.forecast.rung == "outside_view":
        # one figure: the judgement rests on how other units grew, and says so wherever the verdict is shown
        result.verdict = _outside_view_verdict(result.verdict)
        _describe_missing(result, start)
        return result
    if compare_models:
        for name in COMPARED_MODELS:
            try:
                member = fc.forecast(
                    history,
                    horizon,
                    domain=domain,
                    n_paths=n_paths,
                    seed=seed,
                    model=name,
                    indicator=target.indicator,
                )
            except ForecastError as error:
                result.warnings.append(f"{name}: {error}")
                continue
            result.model_probabilities[name] = _probability(result, member, start)
            result.model_methods[name] = member.method
    return result


def _reference_class_of(
    indicator: str, info: pd.Series | None, domain: str, origin: int | None
) -> ReferenceClass | None:
    """The shipped reference class the indicator catalogue names for ``indicator`` (column reference_class),
    as known by ``origin`` (the latest observed year): only growth that had happened by then, as in the
    validation. None if the catalogue names none or the class knew no growth by then.

    A catalogue entry naming a class of another indicator is refused (ParameterError): another indicator's
    growth says nothing reliable about this one.
    """
    name = str(info.get("reference_class", "") or "") if info is not None else ""
    if not name:
        return None
    classes = shipped_classes()
    if name not in classes:
        raise ParameterError(
            f"data/raw/indicators.csv, indicator {indicator}, column reference_class: {name!r} is not a "
            f"shipped reference class (expected one of {sorted(classes)}); fix the name or leave the cell "
            "empty"
        )
    checked = as_class(classes[name], indicator=indicator, domain=domain)
    if origin is None:
        return None
    try:
        return checked.known_by(origin)
    except ForecastError:
        return None


def _outside_view_verdict(verdict: rules.Verdict) -> rules.Verdict:
    """The likelihood verdict labelled as an outside view (参考类判断), keeping its code."""
    return rules.Verdict(
        verdict.code,
        f"{verdict.zh}（{OUTSIDE_VIEW_LABEL['zh']}）",
        f"{verdict.en} ({OUTSIDE_VIEW_LABEL['en']})",
    )


def _probability(result: Assessment, forecast: fc.Forecast, start: int | None) -> float:
    target = result.target
    comparator = target.comparator or ">="
    last_observed = int(result.history.index.max())
    remaining = [y for y in range(max(start or 0, last_observed + 1), target.deadline + 1)]
    if target.kind == "level":
        return p_level(forecast.paths, forecast.years, target.deadline, comparator, float(target.value))
    if target.kind == "annual_floor":
        return p_annual_floor(forecast.paths, forecast.years, remaining, comparator, float(target.value))
    if target.kind == "cumulative":
        return p_cumulative(
            forecast.paths, forecast.years, remaining, result.observed_total, comparator, float(target.value)
        )
    raise ParameterError(f"target {target.id}: kind {target.kind!r} has no path probability")


def _observed_outcome(result: Assessment, start: int | None) -> Assessment | None:
    """Settle the target from observations alone where they already decide it."""
    target, history = result.target, result.history
    comparator = target.comparator or ">="
    value = float(target.value)
    if target.kind == "level":
        if target.deadline in history.index:
            met = bool(meets(np.array([history[target.deadline]]), comparator, value)[0])
            return _settled(result, met)
        return _settled_by_bound(result)
    in_period = history[(history.index >= start) & (history.index <= target.deadline)]
    if target.kind == "annual_floor":
        failed = [int(y) for y, v in in_period.items() if not meets(np.array([v]), comparator, value)[0]]
        if failed:
            floor = format_value(value, target.unit)
            result.missing_zh = f"{_years_zh(failed)}低于每年{floor}的下限"
            floor_en = fmt_value(value, target.unit, lang="en")
            result.missing_en = f"{_years_en(failed)} fell below the floor of {floor_en} a year"
            return _settled(result, False)
        if len(in_period) == target.deadline - start + 1:
            return _settled(result, True)
        return _floor_settled_by_bounds(result, start)
    if target.kind == "cumulative":
        result.observed_total = float(in_period.sum())
        if meets(np.array([result.observed_total]), comparator, value)[0]:
            return _settled(result, True)
        if len(in_period) == target.deadline - start + 1:
            return _settled(result, False)
        return _total_settled_by_bounds(result, start)
    return None


def bound_decides(bound: str, bound_value: float, comparator: str, threshold: float) -> bool | None:
    """Whether a bounded figure (``bound`` ``bound_value``) meets the target for sure (True), misses it
    for sure (False), or leaves it open (None). ``> 3.8`` meets ``>= 3.8``; ``< 60`` misses ``>= 70``."""
    if comparator == "~":  # approximate: the same as at least the value less the tolerance
        comparator, threshold = ">=", threshold * (1 - APPROX_TOLERANCE)
    strict = comparator == ">"
    if bound in (">", ">="):  # the figure lies above bound_value
        above_enough = bound_value > threshold or (bound_value == threshold and (bound == ">" or not strict))
        return True if above_enough else None
    if bound in ("<", "<="):  # the figure lies below bound_value
        below_enough = bound_value < threshold or (bound_value == threshold and (bound == "<" or strict))
        return False if below_enough else None
    return None


def _settled_by_bound(result: Assessment) -> Assessment | None:
    """Settle a level target from a bound for the deadline year when the bound decides it; else note it."""
    target = result.target
    rows = result.observations
    bounded = rows[(rows["year"] == target.deadline) & (rows["bound"] != "=")]
    for position, row in enumerate(bounded.itertuples(index=False)):
        shown = f"{row.bound}{format_value(float(row.value), target.unit)}"
        goal = f"{target.comparator or '>='}{format_value(float(target.value), target.unit)}"
        decided = bound_decides(row.bound, float(row.value), target.comparator or ">=", float(target.value))
        if decided is not None:
            verdict_zh, verdict_en = ("达到", "meets") if decided else ("未达到", "misses")
            result.data_notes.append(
                {
                    "zh": f"{target.deadline}年观测值{shown}（{row.source_title}），{verdict_zh}目标{goal}",
                    "en": f"the {target.deadline} figure {shown} ({row.source_title}) {verdict_en} the "
                    f"target {goal}",
                }
            )
            result.deciding_bound = bounded.iloc[position]
            return _settled(result, decided)
        result.data_notes.append(
            {
                "zh": f"{target.deadline}年仅有区间观测值{shown}（{row.source_title}），"
                f"不足以判定目标{goal}；以下为预测",
                "en": f"the {target.deadline} figure is only known as {shown} ({row.source_title}), which "
                f"does not decide the target {goal}; the forecast follows",
            }
        )
    return None


def _period_bounds(result: Assessment, start: int) -> dict[int, list[tuple[str, float]]]:
    """Bounds (bound, value) by year inside the period, for years without a point value."""
    rows = result.observations
    inside = rows[(rows["bound"] != "=") & rows["year"].between(start, result.target.deadline)]
    found: dict[int, list[tuple[str, float]]] = {}
    for row in inside.itertuples(index=False):
        if int(row.year) not in result.history.index:
            found.setdefault(int(row.year), []).append((str(row.bound), float(row.value)))
    return found


def _floor_settled_by_bounds(result: Assessment, start: int) -> Assessment | None:
    """Every-year floor: a bound under the floor misses it; points or bounds above it every year meet it."""
    target = result.target
    comparator, value = target.comparator or ">=", float(target.value)
    bounds = _period_bounds(result, start)
    decided = {int(y): True for y in result.history.index if start <= y <= target.deadline}
    for year, year_bounds in bounds.items():
        verdicts = {bound_decides(b, v, comparator, value) for b, v in year_bounds} - {None}
        if len(verdicts) == 1:
            decided[year] = verdicts.pop()
    floor = format_value(value, target.unit)
    failed = sorted(y for y, met in decided.items() if met is False)
    if failed:
        result.missing_zh = f"{_years_zh(failed)}的区间观测值低于每年{floor}的下限"
        floor_en = fmt_value(value, target.unit, lang="en")
        result.missing_en = f"the bounds for {_years_en(failed)} lie below the floor of {floor_en} a year"
        return _settled(result, False)
    if bounds and len(decided) == target.deadline - start + 1:
        result.data_notes.append(
            {
                "zh": f"考核期内每年的观测值或区间值都不低于{floor}",
                "en": "every year of the period is observed or bounded at or above "
                f"{fmt_value(value, target.unit, lang='en')}",
            }
        )
        return _settled(result, True)
    return None


def _total_settled_by_bounds(result: Assessment, start: int) -> Assessment | None:
    """A cumulative target: lower bounds (with 0 for unknown years: counts and amounts are never negative)
    can prove it met; upper bounds for every unobserved year can prove it missed."""
    target = result.target
    comparator, value = target.comparator or ">=", float(target.value)
    bounds = _period_bounds(result, start)
    if not bounds:
        return None
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
        result.data_notes.append(
            {
                "zh": f"考核期内累计{shown}（由观测值与区间下限相加），已达到目标{goal}",
                "en": f"the period total is {shown} (points plus lower bounds): it meets the target {goal}",
            }
        )
        return _settled(result, True)
    if high_known and bound_decides("<" if high_strict else "<=", high, comparator, value) is False:
        shown = f"{'<' if high_strict else '<='}{format_value(high, target.unit)}"
        result.data_notes.append(
            {
                "zh": f"考核期内累计{shown}（由观测值与区间上限相加），未达到目标{goal}",
                "en": f"the period total is {shown} (points plus upper bounds): it misses the target {goal}",
            }
        )
        return _settled(result, False)
    return None


def _until_deadline(history: pd.Series, target: Target) -> pd.Series:
    return history[history.index <= target.deadline] if target.deadline is not None else history


def _after_deadline_notes(rows: pd.DataFrame, target: Target) -> list[dict[str, str]]:
    if target.deadline is None or rows.empty:
        return []
    later = sorted({int(y) for y in rows.loc[rows["year"] > target.deadline, "year"]})
    if not later:
        return []
    return [
        {
            "zh": f"{_years_zh(later)}的数据晚于目标年份{target.deadline}年：列在观测表中，不用于判断",
            "en": f"figures for {_years_en(later)} come after the deadline {target.deadline}: listed with "
            "the observations, not used for the judgement",
        }
    ]


def _replaced_texts(observations: pd.DataFrame, indicator: str | None, region: str) -> list[dict[str, str]]:
    return [
        replacement_text(entry)
        for entry in observations.attrs.get("superseded", [])
        if entry["indicator"] == indicator
        and entry["region"] == region
        and entry["value"] != entry["value_by"]
    ]


def _settled(result: Assessment, met: bool) -> Assessment:
    result.status = "achieved" if met else "missed"
    result.verdict = rules.ACHIEVED if met else rules.MISSED
    result.probability = 1.0 if met else 0.0
    # Growth still "required" after the outcome is known would mislead (a negative rate for a target
    # already met by a bound); historical growth stays, it describes what was observed.
    result.required_growth = math.nan
    return result


def _fill_growth_and_rules(result: Assessment, start: int | None) -> None:
    """Required and historical growth, and the four official rules (shown beside the probability)."""
    target, history = result.target, result.history
    value = float(target.value)
    if history.empty:
        return
    last_year, last_value = int(history.index.max()), float(history.iloc[-1])
    first_year, first_value = int(history.index.min()), float(history.iloc[0])
    if history.size >= 2:
        result.historical_growth = rules.cagr(first_value, first_year, last_value, last_year)
    if target.kind in ("level", "annual_floor"):
        if last_year < target.deadline:
            next_year = target.deadline if target.kind == "level" else last_year + 1
            result.required_growth = rules.required_cagr(last_value, last_year, value, next_year)
        if history.size >= 2:
            result.rule_results = [
                rules.eurostat_progress(
                    first_value, first_year, last_value, last_year, value, target.deadline
                ),
                rules.sdsn_trend(first_value, first_year, last_value, last_year, value, target.deadline),
                rules.destatis_trend(history, value, target.deadline, floor=target.kind == "annual_floor"),
            ]
        base_year, base_value = _plan_base(history, start or PLAN_START_YEAR)
        result.rule_results.append(
            rules.china_midterm(base_value, base_year, last_value, last_year, value, target.deadline)
        )
    elif target.kind == "cumulative":
        in_period = history[(history.index >= start) & (history.index <= target.deadline)]
        total = float(in_period.sum())
        result.observed_total = total
        last_in_period = int(in_period.index.max()) if not in_period.empty else start - 1
        remaining = target.deadline - last_in_period
        if remaining > 0:
            result.required_flow = rules.required_annual_flow(total, remaining, value)
        result.rule_results = [
            rules.china_midterm(
                0.0,
                start - 1,
                total,
                last_in_period,
                value,
                target.deadline,
                cumulative=True,
                period_start=start,
            )
        ]


def _plan_base(history: pd.Series, start: int) -> tuple[int, float]:
    """The plan's base: the latest observation before the period starts, else the earliest one."""
    before = history[history.index < start]
    if not before.empty:
        return int(before.index.max()), float(before.iloc[-1])
    return int(history.index.min()), float(history.iloc[0])


def _period_gaps(history: pd.Series, start: int) -> list[int]:
    last = int(history.index.max())
    return [y for y in range(start, last + 1) if y not in history.index]


def _growth_as_level(result: Assessment, info: pd.Series) -> Target | None:
    """A growth target (年均增长 r%/年, or r% in total, over the base year's figure) as the level target it
    requires; None, with the result saying so, when the base year has no figure."""
    target, history = result.target, result.history
    base_year = int(target.period_start)  # type: ignore[arg-type]  # checked by the registry's loader
    if base_year not in history.index:
        result.status = "no_data"
        result.verdict = rules.INSUFFICIENT_DATA
        result.needed_years = [base_year]
        result.missing_zh = (
            f"增长目标以{base_year}年为基数，需要{base_year}年的{_indicator_name(target.indicator)}数据"
        )
        result.missing_en = f"a growth target over {base_year}: the {base_year} figure is needed"
        return None
    base = float(history[base_year])
    rate = float(target.value) / 100  # type: ignore[arg-type]
    years = target.deadline - base_year
    required = base * (1 + rate) ** years if target.unit == "%/年" else base * (1 + rate)
    unit = str(info["unit"])
    note = (
        f"growth target {target.value:g}{target.unit} over the {base_year} figure {base:g}{unit}: "
        f"requires {required:.4g}{unit} in {target.deadline}"
    )
    return replace(target, kind="level", value=required, unit=unit, period_start=None, note=note)


def _assess_rank(
    result: Assessment,
    observations: pd.DataFrame,
    domain: str,
    n_paths: int,
    seed: int,
    model: str,
    regions: pd.DataFrame | None,
) -> Assessment:
    """Rank target: first among the city's county-level units, from paths of every peer."""
    target = result.target
    regions = load_regions() if regions is None else regions
    group = regions.loc[regions["id"] == result.region, "peer_group"]
    peer_group = str(group.iloc[0]) if not group.empty else ""
    if not peer_group:  # a region outside every peer group (a new county): no one to rank it against
        result.status = "peers_missing"
        result.verdict = rules.INSUFFICIENT_DATA
        result.missing_zh = f"{result.region}在 regions.csv 中没有对比组（peer_group），无法判断排名"
        result.missing_en = f"{result.region} has no peer group in regions.csv, so its rank cannot be judged"
        return result
    peers = [r for r in regions.loc[regions["peer_group"] == peer_group, "id"] if r != result.region]
    histories = {
        p: _until_deadline(_point_series(_rows_for(observations, target.indicator, p)), target) for p in peers
    }
    lacking = [p for p, h in histories.items() if h.size < 2]
    own_ok = result.history.size >= 2
    if lacking or not own_ok:
        missing = ([] if own_ok else [result.region]) + lacking
        result.status = "peers_missing"
        result.verdict = rules.INSUFFICIENT_DATA
        indicator_zh = _indicator_name(target.indicator)
        result.missing_zh = f"需要各县区至少两个年份的{indicator_zh}数据；缺少：{'、'.join(missing)}"
        result.missing_en = (
            "needs at least two years of this indicator for every county-level unit; "
            f"missing: {', '.join(missing)}"
        )
        return result
    everyone = {result.region: result.history, **histories}
    place = 1 if target.comparator == "first" else int(target.value or 1)  # "top": 前三 is place 3
    if place > len(peers):
        result.status = "peers_missing"
        result.verdict = rules.INSUFFICIENT_DATA
        result.missing_zh = (
            f"目标为前{place}位，而对比组只有{len(everyone)}个地区：需要目标所指范围内各地区的数据"
        )
        result.missing_en = (
            f"the target is a place in the top {place}, but the peer group holds {len(everyone)} regions: "
            "figures for every region of the plan's ranking are needed"
        )
        return result
    settled = all(target.deadline in h.index for h in everyone.values())
    if settled:
        own = everyone[result.region][target.deadline]
        ahead = sum(everyone[p][target.deadline] > own for p in peers)
        return _settled(result, ahead < place)
    draws = {}
    for offset, (name, hist) in enumerate(everyone.items()):
        horizon = target.deadline - int(hist.index.max())
        if horizon <= 0:
            draws[name] = np.full(n_paths, float(hist[target.deadline]))
            continue
        forecast = fc.forecast(
            hist,
            horizon,
            domain=domain,
            n_paths=n_paths,
            seed=seed + offset,
            model=model,
            indicator=target.indicator,  # the indicator's own spread, as for the target's own forecast
        )
        result.peer_forecasts[name] = forecast
        draws[name] = forecast.paths[:, -1]
    result.forecast = result.peer_forecasts.get(result.region)
    result.probability = (
        p_first(draws[result.region], [draws[p] for p in peers])
        if place == 1
        else p_top(draws[result.region], [draws[p] for p in peers], place)
    )
    result.status = "forecast"
    result.verdict = rules.likelihood_verdict(result.probability)
    return result


def _indicator_name(indicator: str | None) -> str:
    catalogue = load_indicators().set_index("id")
    return str(catalogue.loc[indicator, "name_zh"]) if indicator in catalogue.index else str(indicator)


def _describe_missing(result: Assessment, start: int | None) -> None:
    target = result.target
    need_years = (
        list(range(start, target.deadline + 1))
        if target.kind in ("annual_floor", "cumulative") and start is not None
        else [target.deadline - 1, target.deadline]
    )
    have = [int(y) for y in result.history.index]
    missing = [y for y in need_years if y not in have]
    result.needed_years = missing
    holder = result.holder_zh or "数据持有部门"
    units = "、".join(target.responsible_units) or "方案未列明责任单位"
    # the English sentence names bureaus in English (catalogue holder_en, plan units translated)
    holder_en = _holder_en(target.indicator) or label("value.holder_unknown", "en")
    units_en = bureau_text(list(target.responsible_units), "en") or label("value.no_units_named", "en")
    if result.history.empty:
        result.missing_zh = (
            f"没有{target.name_zh}的公开观测值；需要{_years_zh(missing)}的数据（{holder}；责任单位：{units}）"
        )
        result.missing_en = (
            f"no public observation; figures for {_years_en(missing)} are needed (held by {holder_en}; "
            f"responsible units: {units_en})"
        )
    else:
        result.missing_zh = (
            f"仅有一个观测值，无法估计趋势；需要{_years_zh(missing)}的数据（{holder}；责任单位：{units}）"
        )
        result.missing_en = (
            f"one observation only, so no trend; figures for {_years_en(missing)} are needed "
            f"(held by {holder_en}; responsible units: {units_en})"
        )


# ---------------------------------------------------------------------------------------------------------
# All targets


@dataclass(frozen=True)
class AssessOptions:
    """The settings shared by :func:`assess_all`, :func:`assess_many`, :func:`assess_one` and
    :func:`as_of_history`: which plan, which figures (extra files, as of a date), which region, and the
    forecast settings. ``region=None`` means the plan's own region; ``compare_models=None`` the function's
    default (off for the scorecard, on for target pages).
    """

    plan: str = DEFAULT_PLAN
    data: tuple[str, ...] = ()
    as_of: date | str | None = None
    region: str | None = None
    n_paths: int = 2000
    seed: int = 0
    model: str = "auto"
    compare_models: bool | None = None

    def plan_region(self) -> str:
        """The region assessed: the option, else the plan's region."""
        return self.region or resolve_plan(self.plan).region


_OPTION_NAMES = frozenset(f.name for f in fields(AssessOptions))


def assess_options(options: AssessOptions | None = None, **overrides: Any) -> AssessOptions:
    """The one place keyword arguments become an :class:`AssessOptions` (``overrides`` win over ``options``).

    Unknown names raise ``ParameterError`` listing the valid ones; ``data`` may be any sequence of paths and
    ``plan`` an id, a folder path or a :class:`~hzanalysis.plans.Plan`.
    """
    unknown = sorted(set(overrides) - _OPTION_NAMES)
    if unknown:
        raise ParameterError(f"unknown option(s) {unknown}; valid options: {sorted(_OPTION_NAMES)}")
    if "data" in overrides:
        data = overrides["data"]
        data = [] if data is None else [data] if isinstance(data, str | Path) else data
        overrides["data"] = tuple(str(p) for p in data)
    if "plan" in overrides:
        plan = overrides["plan"]
        overrides["plan"] = (
            DEFAULT_PLAN if plan is None else str(plan.folder if isinstance(plan, Plan) else plan)
        )
    return replace(options or AssessOptions(), **overrides)


def assess_all(
    targets: Sequence[Target] | None = None,
    observations: pd.DataFrame | None = None,
    options: AssessOptions | None = None,
    **overrides: Any,
) -> pd.DataFrame:
    """The scorecard: one row per target with latest value, gap, growth, probability and verdict.

    Options (:class:`AssessOptions`) come as an object, as keywords (``plan=``, ``data=``, ``as_of=``,
    ``region=``, ``n_paths=``, ``seed=``, ``model=``, ``compare_models=``), or both.
    """
    options = assess_options(options, **overrides)
    if options.compare_models is None:
        options = replace(options, compare_models=False)
    return scorecard_frame(assess_many(targets, observations, options))


def assess_many(
    targets: Sequence[Target] | None = None,
    observations: pd.DataFrame | None = None,
    options: AssessOptions | None = None,
    **overrides: Any,
) -> list[Assessment]:
    """Assess several targets (default: the plan's whole registry) and return the full Assessment objects."""
    options = assess_options(options, **overrides)
    targets = load_targets(plan=options.plan) if targets is None else list(targets)
    if observations is None:
        observations = load_observations(options.data, as_of=options.as_of)
    indicators, regions, region = load_indicators(), load_regions(), options.plan_region()
    return [
        assess_target(
            t,
            observations,
            region=region,
            n_paths=options.n_paths,
            seed=options.seed,
            model=options.model,
            compare_models=options.compare_models is not False,
            indicators=indicators,
            regions=regions,
        )
        for t in targets
    ]


SCORECARD_COLUMNS = [
    "action",
    "action_zh",
    "action_en",
    "target_id",
    "name_zh",
    "name_en",
    "kind",
    "comparator",
    "target_value",
    "unit",
    "deadline",
    "status",
    "status_zh",
    "n_obs",
    "latest_year",
    "latest_value",
    "latest_bound",
    "latest_source",
    "latest_url",
    "latest_quality",
    "gap",
    "required_growth",
    "historical_growth",
    "required_flow",
    "observed_total",
    "eurostat_ratio",
    "eurostat_zh",
    "eurostat_en",
    "probability",
    "verdict_code",
    "verdict_zh",
    "verdict_en",
    "method",
    "rung",
    "median_deadline",
    "missing_zh",
    "missing_en",
    "needed_years",
    "holder",
    "responsible_units",
    "warnings",
]


def scorecard_frame(assessments: Sequence[Assessment]) -> pd.DataFrame:
    """Flatten assessments into the scorecard table (one row per target, columns SCORECARD_COLUMNS)."""
    records = []
    for a in assessments:
        t, latest = a.target, a.latest
        eurostat = next((r for r in a.rule_results if r.rule == "eurostat"), None)
        median = math.nan
        if a.forecast is not None and t.deadline in set(a.forecast.years):
            median = float(a.forecast.quantile(0.5)[_year_column(a.forecast.years, t.deadline)])
        latest_value = float(latest["value"]) if latest is not None else math.nan
        records.append(
            {
                "action": t.action,
                "action_zh": t.action_zh,
                "action_en": t.action_en,
                "target_id": t.id,
                "name_zh": t.name_zh,
                "name_en": t.name_en,
                "kind": t.kind,
                "comparator": t.comparator,
                "target_value": t.value,
                "unit": t.unit,
                "deadline": t.deadline,
                "status": a.status,
                "status_zh": STATUS_TEXT[a.status][0],
                "n_obs": int(a.history.size),
                "latest_year": int(latest["year"]) if latest is not None else None,
                "latest_value": latest_value,
                "latest_bound": latest["bound"] if latest is not None else None,
                "latest_source": latest["source_title"] if latest is not None else None,
                "latest_url": latest["source_url"] if latest is not None else None,
                "latest_quality": latest["quality"] if latest is not None else None,
                # no gap beside a deciding bound: "> 3.8" against 3.8 is met, not 0 away
                "gap": (float(t.value) - latest_value)
                if t.kind == "level" and latest is not None and a.deciding_bound is None
                else math.nan,
                "required_growth": a.required_growth,
                "historical_growth": a.historical_growth,
                "required_flow": a.required_flow,
                "observed_total": a.observed_total,
                "eurostat_ratio": eurostat.value if eurostat else math.nan,
                "eurostat_zh": eurostat.category_zh if eurostat and eurostat.computable else "",
                "eurostat_en": eurostat.category_en if eurostat and eurostat.computable else "",
                "probability": a.probability,
                "verdict_code": a.verdict.code if a.verdict else "",
                "verdict_zh": a.verdict.zh if a.verdict else "",
                "verdict_en": a.verdict.en if a.verdict else "",
                "method": a.forecast.method if a.forecast is not None else "",
                "rung": a.forecast.rung if a.forecast is not None else "",
                "median_deadline": median,
                "missing_zh": a.missing_zh,
                "missing_en": a.missing_en,
                "needed_years": "、".join(str(y) for y in a.needed_years),
                "holder": a.holder_zh,
                "responsible_units": "、".join(t.responsible_units),
                "warnings": "; ".join(a.warnings),
            }
        )
    return pd.DataFrame.from_records(records, columns=SCORECARD_COLUMNS)


# ---------------------------------------------------------------------------------------------------------
# Frames for the charts (the charts module only draws)


def fan_frame(assessment: Assessment, levels: Sequence[float] = FAN_LEVELS) -> pd.DataFrame:
    """Quantile bands of the forecast: columns year, level, lower, upper, median (original scale)."""
    f = assessment.forecast
    if f is None:
        return pd.DataFrame(columns=["year", "level", "lower", "upper", "median"])
    # The fan opens at the last observed point, so a one-year forecast is drawn as a wedge, not a sliver.
    last_year, last_value = int(f.history.index.max()), float(f.history.iloc[-1])
    years = np.concatenate([[last_year], f.years.astype(int)])
    median = np.concatenate([[last_value], f.quantile(0.5)])
    parts = []
    for level in levels:
        tail = (1 - level) / 2
        parts.append(
            pd.DataFrame(
                {
                    "year": years,
                    "level": f"{int(level * 100)}%",
                    "lower": np.concatenate([[last_value], f.quantile(tail)]),
                    "upper": np.concatenate([[last_value], f.quantile(1 - tail)]),
                    "median": median,
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def model_frame(assessment: Assessment) -> pd.DataFrame:
    """Each model's probability beside the default combination's."""
    rows = [
        {
            "model": "auto",
            "method": assessment.forecast.method if assessment.forecast else "",
            "probability": assessment.probability,
        }
    ]
    rows += [
        {"model": m, "method": assessment.model_methods.get(m, ""), "probability": p}
        for m, p in assessment.model_probabilities.items()
    ]
    return pd.DataFrame(rows)


def rules_frame(assessment: Assessment) -> pd.DataFrame:
    """The official rules side by side: rule code, category (zh/en), value, explanation.

    ``rule`` is the code (``eurostat``, ``sdsn``, ``destatis``, ``china_midterm``); ``views.rules_view``
    names it in the reader's language.
    """
    return pd.DataFrame(
        [
            {
                "rule": r.rule,
                "computable": r.computable,
                "category_zh": r.category_zh,
                "category_en": r.category_en,
                "value": r.value,
                "explanation_zh": r.explanation_zh,
                "explanation_en": r.explanation_en,
            }
            for r in assessment.rule_results
        ]
    )


def scenario_frame(scorecard: pd.DataFrame) -> pd.DataFrame:
    """Inputs of the growth slider: level targets with a positive latest value before the deadline."""
    rows = scorecard[
        (scorecard["kind"].isin(["level", "annual_floor"]))
        & scorecard["latest_value"].gt(0)
        & scorecard["latest_year"].notna()
    ]
    rows = rows[rows["latest_year"] < rows["deadline"]]
    return rows[
        [
            "target_id",
            "name_zh",
            "name_en",
            "unit",
            "latest_year",
            "latest_value",
            "target_value",
            "deadline",
            "required_growth",
            "historical_growth",
        ]
    ].reset_index(drop=True)


# ---------------------------------------------------------------------------------------------------------
# Words


def verdict_sentence(a: Assessment, lang: str = "zh") -> str:
    """One sentence a leader could quote, with the numbers it rests on (``lang`` "zh" or "en")."""
    check_lang(lang)
    t = a.target
    latest = a.latest
    unit = str(latest["unit"]) if latest is not None else t.unit  # the indicator's unit, not the target's
    if lang == "en":
        return _verdict_sentence_en(a, latest, unit)
    if t.kind == "rank":
        target_text = "第一（居各县区首位）" if t.comparator == "first" else f"前{t.value:g}位"
    else:
        target_text = format_value(t.value, t.unit) if t.value is not None else ""
    if a.status == "qualitative":
        return f"“{t.name_zh}”为定性目标，只列示、不评分。"
    if a.status in ("achieved", "missed"):
        return f"根据已公布数据，“{t.name_zh}”（目标{target_text}）{STATUS_TEXT[a.status][0]}。"
    if a.status == "forecast":
        return (
            f"按目前已公布的数据，“{t.name_zh}”到{t.deadline}年达到{target_text}的概率约为"
            f"{a.probability:.0%}（{a.verdict.zh}）；最新值为{format_value(latest['value'], unit)}"
            f"（{int(latest['year'])}年）。"
        )
    return f"“{t.name_zh}”：数据不足。{a.missing_zh}。"


def _verdict_sentence_en(a: Assessment, latest: pd.Series | None, unit: str | None) -> str:
    t = a.target
    if t.kind == "rank":
        target_text = (
            "first place among the county-level units" if t.comparator == "first" else f"top {t.value:g}"
        )
    else:
        target_text = fmt_value(t.value, t.unit, lang="en") if t.value is not None else ""
    if a.status == "qualitative":
        return f"“{t.name_en}” is a qualitative aim: it is listed, not scored."
    if a.status in ("achieved", "missed"):
        return f"“{t.name_en}” ({target_text}) was {a.status} according to the observed figures."
    if a.status == "forecast":
        return (
            f"On the data published so far, it is {a.verdict.en} (probability {a.probability:.0%}) that "
            f"“{t.name_en}” reaches {target_text} by {t.deadline}; latest figure "
            f"{fmt_value(latest['value'], unit, lang='en')} ({int(latest['year'])})."
        )
    if a.status in ("no_data", "single_point") and a.needed_years:
        # The English sentence names the holder in English (the Chinese name follows in brackets).
        what = "no public observation" if a.status == "no_data" else "one observation only, so no trend"
        holder = _holder_en(t.indicator)
        holder_text = f"{holder} ({a.holder_zh})" if holder and a.holder_zh else (a.holder_zh or "its holder")
        return (
            f"“{t.name_en}”: insufficient data. {what.capitalize()}; figures for {_years_en(a.needed_years)} "
            f"are needed (held by {holder_text})."
        )
    detail = english_region_names(a.missing_en) if a.status == "peers_missing" else a.missing_en
    return f"“{t.name_en}”: insufficient data. {detail[:1].upper()}{detail[1:]}."


def english_region_names(text: str) -> str:
    """A "missing: 海州区, 连云区" list in an English sentence: English names, the Chinese in brackets."""
    regions = load_regions()
    names = dict(zip(regions["id"], regions["name_en"], strict=True))
    parts = (
        [part.strip() for part in text.split("missing: ", 1)[-1].split(",")] if "missing: " in text else []
    )
    if not parts or not all(p in names for p in parts):
        return text
    head = text.split("missing: ", 1)[0]
    return head + "missing: " + ", ".join(f"{names[p]} ({p})" for p in parts)


def _holder_en(indicator: str | None) -> str:
    catalogue = load_indicators().set_index("id")
    return str(catalogue.loc[indicator, "holder_en"]) if indicator in catalogue.index else ""


def format_value(value: float | None, unit: str | None = "") -> str:
    """A number with its Chinese unit (``3.75%``), or an em dash; see :func:`labels.fmt_value`."""
    return fmt_value(value, unit)


def _years_zh(years: Sequence[int]) -> str:
    return "、".join(f"{y}年" for y in years)


def _years_en(years: Sequence[int]) -> str:
    return ", ".join(str(y) for y in years)


# ---------------------------------------------------------------------------------------------------------
# Observation helpers


def _rows_for(observations: pd.DataFrame, indicator: str | None, region: str) -> pd.DataFrame:
    rows = observations[(observations["indicator"] == indicator) & (observations["region"] == region)]
    return rows.sort_values(["year", "bound"]).reset_index(drop=True)


def _empty(observations: pd.DataFrame) -> pd.DataFrame:
    return observations.iloc[0:0].reset_index(drop=True)


def _point_series(rows: pd.DataFrame) -> pd.Series:
    """Point values by year; bounds are evidence, never fitted as if they were points."""
    points = rows[rows["bound"] == "="]
    return pd.Series(
        points["value"].to_numpy(dtype=float), index=points["year"].astype(int).to_numpy(), dtype=float
    ).sort_index()


# ---------------------------------------------------------------------------------------------------------
# Data gaps


def data_gaps(
    targets: Sequence[Target] | None = None,
    observations: pd.DataFrame | None = None,
    *,
    years: Sequence[int] = range(2017, 2026),
    region: str = HOME_REGION,
    indicators: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Targets × years: what is observed (point), only bounded, or missing, for the home region.

    Columns: target_id, target (Chinese name), indicator, year, state (observed | bound | missing),
    state_label, detail (value and source, or what is needed).
    """
    targets = load_targets() if targets is None else list(targets)
    observations = load_observations() if observations is None else observations
    indicators = load_indicators() if indicators is None else indicators
    labels = {"observed": "有观测值", "bound": "仅有区间/上下限", "missing": "缺失"}
    records = []
    for t in targets:
        if not t.is_quantitative:
            continue
        rows = _rows_for(observations, t.indicator, region)
        for year in years:
            hits = rows[rows["year"] == year]
            points = hits[hits["bound"] == "="]
            if not points.empty:
                state, row = "observed", points.iloc[0]
            elif not hits.empty:
                state, row = "bound", hits.iloc[0]
            else:
                state, row = "missing", None
            detail = (
                f"{'' if row['bound'] == '=' else row['bound']}{row['value']:g}{t.unit}；"
                f"{row['source_title']}"
                if row is not None
                else "需要补充"
            )
            records.append(
                {
                    "target_id": t.id,
                    "target": t.name_zh,
                    "indicator": t.indicator,
                    "year": int(year),
                    "state": state,
                    "state_label": labels[state],
                    "detail": detail,
                }
            )
    return pd.DataFrame.from_records(records)


def gap_checklist(
    targets: Sequence[Target] | None = None,
    observations: pd.DataFrame | None = None,
    *,
    years: Sequence[int] = range(2021, 2026),
    region: str = HOME_REGION,
    indicators: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """For each quantitative target: the indicator needed, the years missing, who holds the figure.

    A checklist to send to the bureaux; years default to the 14th five-year-plan period the targets fall in.
    """
    targets = load_targets() if targets is None else list(targets)
    observations = load_observations() if observations is None else observations
    indicators = load_indicators() if indicators is None else indicators
    catalogue = indicators.set_index("id")
    grid = data_gaps(targets, observations, years=years, region=region, indicators=indicators)
    records = []
    for t in targets:
        if not t.is_quantitative:
            continue
        cells = grid[grid["target_id"] == t.id]
        missing = [int(y) for y in cells.loc[cells["state"] != "observed", "year"]]
        info = catalogue.loc[t.indicator]
        records.append(
            {
                "target_id": t.id,
                "target": t.name_zh,
                "indicator": t.indicator,
                "indicator_zh": info["name_zh"],
                "unit": info["unit"],
                "years_missing": "、".join(str(y) for y in missing) or "无",
                "n_missing": len(missing),
                "holder": info["holder_zh"],
                "responsible_units": "、".join(t.responsible_units) or "方案未列明",
            }
        )
    return pd.DataFrame.from_records(records).sort_values(
        ["n_missing", "target_id"], ascending=[False, True], ignore_index=True
    )


def assess_one(target_id: str, options: AssessOptions | None = None, **overrides: Any) -> Assessment:
    """Assess one target of the plan by id, loading its registry and observations (see assess_all)."""
    options = assess_options(options, **overrides)
    target = get_target(target_id, plan=options.plan)
    return assess_target(
        target,
        load_observations(options.data, as_of=options.as_of),
        region=options.plan_region(),
        n_paths=options.n_paths,
        seed=options.seed,
        model=options.model,
        compare_models=options.compare_models is not False,
    )


# ---------------------------------------------------------------------------------------------------------
# Final evaluation: what the tool said at each earlier as-of date


def history_dates(issued: date, until: date) -> list[date]:
    """Every 1 January and 1 July from the plan's issue date up to ``until`` (both ends included if they fall
    on such a date): the as-of dates of a final evaluation's look back."""
    dates = []
    for year in range(issued.year, until.year + 1):
        for month in (1, 7):
            day = date(year, month, 1)
            if issued <= day <= until:
                dates.append(day)
    return dates


def outturn_publication(assessment: Assessment) -> date | None:
    """When the deadline year's figure was published (effective date), or None while it is unobserved."""
    rows = assessment.observations
    if rows.empty or "published_effective" not in rows:
        return None
    deadline_rows = rows[rows["year"] == assessment.target.deadline]
    if deadline_rows.empty:
        return None
    return min(deadline_rows["published_effective"])


HISTORY_COLUMNS = [
    "as_of",
    "status",
    "status_zh",
    "n_obs",
    "latest_year",
    "latest_value",
    "probability",
    "verdict_code",
    "verdict_zh",
    "verdict_en",
]


def as_of_history(
    target_id: str,
    dates: Sequence[date | str] | None = None,
    options: AssessOptions | None = None,
    **overrides: Any,
) -> pd.DataFrame:
    """What the tool said about one target as of each date: one row per date, oldest first.

    ``dates`` defaults to every 1 Jan / 1 Jul from the plan's issue date up to the publication of the deadline
    year's figure (the outturn), or up to the options' ``as_of`` (else today) while there is no outturn. Each
    row is the full assessment re-run with only what had been published by then (columns HISTORY_COLUMNS).
    """
    options = assess_options(options, **overrides)
    if dates is None:
        final = assess_one(target_id, replace(options, compare_models=False))
        until = outturn_publication(final) or _as_of_or_today(options.as_of)
        dates = [*history_dates(resolve_plan(options.plan).issued, until), until]
    records = []
    for day in sorted(dict.fromkeys(date.fromisoformat(str(d)) for d in dates)):
        a = assess_one(target_id, replace(options, as_of=day, compare_models=False))
        latest = a.latest
        records.append(
            {
                "as_of": day,
                "status": a.status,
                "status_zh": STATUS_TEXT[a.status][0],
                "n_obs": int(a.history.size),
                "latest_year": int(latest["year"]) if latest is not None else None,
                "latest_value": float(latest["value"]) if latest is not None else math.nan,
                "probability": a.probability,
                "verdict_code": a.verdict.code if a.verdict else "",
                "verdict_zh": a.verdict.zh if a.verdict else "",
                "verdict_en": a.verdict.en if a.verdict else "",
            }
        )
    return pd.DataFrame.from_records(records, columns=HISTORY_COLUMNS)


def _as_of_or_today(as_of: date | str | None) -> date:
    return date.fromisoformat(str(as_of)) if as_of is not None else date.today()


def look_back(
    assessments: Sequence[Assessment], options: AssessOptions | None = None, **overrides: Any
) -> pd.DataFrame:
    """:func:`as_of_history` of every settled target (achieved or missed) among ``assessments``, stacked:
    one row per target and date, with ``target_id``, ``name_zh`` and ``name_en`` first. Empty (with the
    columns) while no target is settled."""
    options = assess_options(options, **overrides)
    frames = [
        as_of_history(a.target.id, options=options).assign(
            target_id=a.target.id, name_zh=a.target.name_zh, name_en=a.target.name_en, unit=a.target.unit
        )
        for a in assessments
        if a.status in ("achieved", "missed")
    ]
    columns = ["target_id", "name_zh", "name_en", "unit", *HISTORY_COLUMNS]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True).loc[:, columns]
