"""The judgement: for one target, where it stands, where it is heading and how likely it is to be met.

Pure: it takes a target, an observations table (already limited to what was published by the as-of date),
the catalogue tables and the forecast settings, and returns an :class:`~hzanalysis.assessment.Assessment`.
The probabilities come from :mod:`hzanalysis.probability`; a target the observations already decide is
settled by :mod:`hzanalysis.settle` before any forecast.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from . import forecast as fc
from . import rules
from .assessment import (
    COMPARED_MODELS,
    Assessment,
    Status,
    english_holder,
    goal_value,
    indicator_name,
    no_rows,
    period_start_of,
    point_series,
    rows_for,
    until_deadline,
)
from .bureaus import bureau_text
from .errors import ForecastError, ParameterError
from .labels import Message, label, message_text
from .observations import load_indicators, load_regions
from .probability import p_annual_floor, p_cumulative, p_first, p_level, p_top
from .reference import ReferenceClass, as_class, shipped_classes
from .settle import observed_outcome, settled_result
from .targets import APPROX_TOLERANCE, Target, plan_region_of, plan_start_of


def assess_target(
    target: Target,
    observations: pd.DataFrame,
    *,
    region: str | None = None,
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
    targets (the plan does not say when 累计 starts; the registry documents the default). ``region`` None is
    the region of the target's plan (its ``plan.yaml``).
    """
    region = region or plan_region_of(target)
    indicators = load_indicators() if indicators is None else indicators
    info = indicators.set_index("id").loc[target.indicator] if target.is_quantitative else None
    rows = (
        rows_for(observations, target.indicator, region) if target.is_quantitative else no_rows(observations)
    )
    # Figures after the deadline stay on the page (rows) but the judgement rests on years up to it.
    history = until_deadline(point_series(rows), target)
    result = Assessment(
        target=target,
        region=region,
        status=Status.NO_DATA,
        observations=rows,
        history=history,
        replaced=_replaced_entries(observations, target.indicator, region),
        data_notes=_after_deadline_notes(rows, target),
    )
    if not target.is_quantitative:
        return replace(result, status=Status.QUALITATIVE, verdict=rules.NOT_QUANTIFIABLE)
    assert info is not None and target.indicator is not None  # a quantitative target names its indicator
    result = replace(result, holder_zh=str(info["holder_zh"]) if info is not None else "")
    domain = str(info["domain"])

    if target.kind == "rank":
        return _assess_rank(result, observations, domain, n_paths, seed, model, regions)
    if target.kind == "growth":
        as_level = _growth_as_level(result, info)
        if isinstance(as_level, Assessment):  # the base year has no figure: the result says so
            return as_level
        level, note = as_level
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
        return replace(judged, warnings=[note, *judged.warnings])

    start = period_start if period_start is not None else target.period_start
    if target.kind in ("annual_floor", "cumulative") and start is None:
        raise ParameterError(f"target {target.id}: a period start is needed for a {target.kind} target")
    result = _fill_growth_and_rules(result, start)

    result, is_settled = observed_outcome(result, start)
    if is_settled:
        return result
    if history.size == 0:
        empty = replace(result, status=Status.NO_DATA, verdict=rules.INSUFFICIENT_DATA)
        return _describe_missing(empty, start)
    origin = int(history.index.max()) if history.size else None
    reference_class = _reference_class_of(target.indicator, info, domain, origin)
    if history.size == 1 and reference_class is None:
        return _describe_missing(
            replace(result, status=Status.SINGLE_POINT, verdict=rules.INSUFFICIENT_DATA), start
        )
    if target.kind == "cumulative":
        gap_years = _period_gaps(history, period_start_of(target, start))
        if gap_years:
            return replace(
                result,
                status=Status.PERIOD_GAP,
                verdict=rules.INSUFFICIENT_DATA,
                missing=Message("missing.period_gap", {"years": gap_years}),
            )

    horizon = target.deadline - int(history.index.max())
    try:
        forecast = fc.forecast(
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
        said = error_message(error)
        warnings = [*result.warnings, said]
        if history.size == 1:  # the reference class cannot reach the deadline: one figure, no judgement
            failed = replace(
                result, status=Status.SINGLE_POINT, verdict=rules.INSUFFICIENT_DATA, warnings=warnings
            )
            return _describe_missing(failed, start)
        # e.g. a count of 0 cannot go on the log scale: say so on the page instead of failing the report
        return replace(
            result,
            status=Status.FORECAST_FAILED,
            verdict=rules.INSUFFICIENT_DATA,
            warnings=warnings,
            missing=Message("missing.forecast_failed", {"error": said.record()}),
        )
    probability = _probability(result, forecast, start)
    verdict = rules.likelihood_verdict(probability)
    result = replace(
        result,
        forecast=forecast,
        warnings=[*result.warnings, *forecast.warnings],
        probability=probability,
        status=Status.FORECAST,
        verdict=verdict,
        reference_class=forecast.reference,
    )
    if forecast.rung == "outside_view":
        # one figure: the judgement rests on how other units grew, and says so wherever the verdict is shown
        return _describe_missing(replace(result, verdict=_outside_view_verdict(verdict)), start)
    if not compare_models:
        return result
    warnings, probabilities, methods = list(result.warnings), {}, {}
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
            warnings.append(
                Message("warning.model_failed", {"model": name, "error": error_message(error).record()})
            )
            continue
        probabilities[name] = _probability(result, member, start)
        methods[name] = member.method
    return replace(result, warnings=warnings, model_probabilities=probabilities, model_methods=methods)


def error_message(error: ForecastError) -> Message:
    """A forecast error as a page says it: its own code when it has one (a value outside its domain, a
    class that does not reach the deadline), else its English text under a code that says what it is."""
    if error.code:
        return Message(error.code, error.params)
    return Message("warning.forecast_error", {"error": str(error)})


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
    return replace(verdict, outside_view=True)


def _probability(result: Assessment, forecast: fc.Forecast, start: int | None) -> float:
    target = result.target
    comparator = target.comparator or ">="
    last_observed = int(result.history.index.max())
    remaining = [y for y in range(max(start or 0, last_observed + 1), target.deadline + 1)]
    if target.kind == "level":
        return p_level(forecast.paths, forecast.years, target.deadline, comparator, goal_value(target))
    if target.kind == "annual_floor":
        return p_annual_floor(forecast.paths, forecast.years, remaining, comparator, goal_value(target))
    if target.kind == "cumulative":
        return p_cumulative(
            forecast.paths, forecast.years, remaining, result.observed_total, comparator, goal_value(target)
        )
    raise ParameterError(f"target {target.id}: kind {target.kind!r} has no path probability")


def _after_deadline_notes(rows: pd.DataFrame, target: Target) -> list[Message]:
    if target.deadline is None or rows.empty:
        return []
    later = sorted({int(y) for y in rows.loc[rows["year"] > target.deadline, "year"]})
    if not later:
        return []
    return [Message("note.after_deadline", {"years": later, "deadline": target.deadline})]


def _replaced_entries(observations: pd.DataFrame, indicator: str | None, region: str) -> list[dict[str, Any]]:
    return [
        dict(entry)
        for entry in observations.attrs.get("superseded", [])
        if entry["indicator"] == indicator
        and entry["region"] == region
        and entry["value"] != entry["value_by"]
    ]


def _fill_growth_and_rules(result: Assessment, start: int | None) -> Assessment:
    """Required and historical growth, and the four official rules (shown beside the probability)."""
    target, history = result.target, result.history
    value = goal_value(target)
    if history.empty:
        return result
    changes: dict[str, Any] = {}
    last_year, last_value = int(history.index.max()), float(history.iloc[-1])
    first_year, first_value = int(history.index.min()), float(history.iloc[0])
    if history.size >= 2:
        changes["historical_growth"] = rules.cagr(first_value, first_year, last_value, last_year)
    if target.comparator == "<=":
        return replace(result, **changes)  # the four rules assume higher is better: none for a ceiling
    if target.kind in ("level", "annual_floor"):
        if last_year < target.deadline:
            next_year = target.deadline if target.kind == "level" else last_year + 1
            changes["required_growth"] = rules.required_cagr(last_value, last_year, value, next_year)
        found = []
        if history.size >= 2:
            found = [
                rules.eurostat_progress(
                    first_value, first_year, last_value, last_year, value, target.deadline
                ),
                rules.sdsn_trend(first_value, first_year, last_value, last_year, value, target.deadline),
                rules.destatis_trend(history, value, target.deadline, floor=target.kind == "annual_floor"),
            ]
        base_year, base_value = _plan_base(history, start or plan_start_of(target))
        midterm = rules.china_midterm(base_value, base_year, last_value, last_year, value, target.deadline)
        found.append(midterm)
        changes["rule_results"] = found
    elif target.kind == "cumulative":
        start = period_start_of(target, start)
        in_period = history[(history.index >= start) & (history.index <= target.deadline)]
        total = float(in_period.sum())
        changes["observed_total"] = total
        last_in_period = int(in_period.index.max()) if not in_period.empty else start - 1
        remaining = target.deadline - last_in_period
        if remaining > 0:
            changes["required_flow"] = rules.required_annual_flow(total, remaining, value)
        changes["rule_results"] = [
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
    return replace(result, **changes)


def _plan_base(history: pd.Series, start: int) -> tuple[int, float]:
    """The plan's base: the latest observation before the period starts, else the earliest one."""
    before = history[history.index < start]
    if not before.empty:
        return int(before.index.max()), float(before.iloc[-1])
    return int(history.index.min()), float(history.iloc[0])


def _period_gaps(history: pd.Series, start: int) -> list[int]:
    last = int(history.index.max())
    return [y for y in range(start, last + 1) if y not in history.index]


def _growth_as_level(result: Assessment, info: pd.Series) -> tuple[Target, Message] | Assessment:
    """A growth target (年均增长 r%/年, r% in total, or r 个百分点 added to a share, over the base year's
    figure) as the level target it requires, with the note that says so; when the base year has no figure,
    the result saying so instead."""
    target, history = result.target, result.history
    base_year = int(target.period_start)  # type: ignore[arg-type]  # checked by the registry's loader
    if base_year not in history.index:
        return replace(
            result,
            status=Status.NO_DATA,
            verdict=rules.INSUFFICIENT_DATA,
            needed_years=[base_year],
            missing=Message(
                "missing.growth_base",
                {"base_year": base_year, "indicator": {"zh": indicator_name(target.indicator), "en": ""}},
            ),
        )
    base = float(history[base_year])
    rate = float(target.value) / 100  # type: ignore[arg-type]
    years = target.deadline - base_year
    if target.unit == "个百分点":  # points of a share are added to the base share, not compounded on it
        required = base + float(target.value)  # type: ignore[arg-type]
    else:
        required = base * (1 + rate) ** years if target.unit == "%/年" else base * (1 + rate)
    comparator = target.comparator
    if comparator == "~" and rate < 0:
        # 降低4%左右: an approximate fall is met up to the tolerance above the level it requires
        comparator, required = "<=", required * (1 + APPROX_TOLERANCE)
    unit = str(info["unit"])
    # figures with their units, so each language writes its own unit (12% a year, 14.05 × 100 million yuan)
    figures = {
        "growth": {"value": target.value, "unit": target.unit},
        "base_year": base_year,
        "base": {"value": base, "unit": unit},
        "required": {"value": float(f"{required:.4g}"), "unit": unit},
        "deadline": target.deadline,
    }
    said = Message("note.growth_as_level", figures)
    # the level target's note in both languages, as the registry gives notes (note, note_zh)
    note, note_zh = (message_text(said, lang) for lang in ("en", "zh"))
    level = replace(
        target,
        kind="level",
        comparator=comparator,
        value=required,
        unit=unit,
        period_start=None,
        note=note,
        note_zh=note_zh,
    )
    return level, said


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
        return _peers_missing(result, Message("missing.no_peer_group", {"region": result.region}))
    peers = [r for r in regions.loc[regions["peer_group"] == peer_group, "id"] if r != result.region]
    histories = {
        p: until_deadline(point_series(rows_for(observations, target.indicator, p)), target) for p in peers
    }
    lacking = [p for p, h in histories.items() if h.size < 2]
    own_ok = result.history.size >= 2
    if lacking or not own_ok:
        missing = ([] if own_ok else [result.region]) + lacking
        # region ids only: a page names them in its language (Assessment.missing_text)
        indicator = {"zh": indicator_name(target.indicator), "en": ""}
        return _peers_missing(
            result, Message("missing.peers_lacking", {"indicator": indicator, "regions": tuple(missing)})
        )
    everyone = {result.region: result.history, **histories}
    place = 1 if target.comparator == "first" else int(target.value or 1)  # "top": 前三 is place 3
    if place > len(peers):
        return _peers_missing(
            result, Message("missing.place_beyond_peers", {"place": place, "n": len(everyone)})
        )
    settled = all(target.deadline in h.index for h in everyone.values())
    if settled:
        own = everyone[result.region][target.deadline]
        ahead = sum(everyone[p][target.deadline] > own for p in peers)
        return settled_result(result, ahead < place)
    draws, peer_forecasts = {}, {}
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
        peer_forecasts[name] = forecast
        draws[name] = forecast.paths[:, -1]
    probability = (
        p_first(draws[result.region], [draws[p] for p in peers])
        if place == 1
        else p_top(draws[result.region], [draws[p] for p in peers], place)
    )
    return replace(
        result,
        peer_forecasts=peer_forecasts,
        forecast=peer_forecasts.get(result.region),
        probability=probability,
        status=Status.FORECAST,
        verdict=rules.likelihood_verdict(probability),
    )


def _peers_missing(result: Assessment, missing: Message) -> Assessment:
    """A rank target that cannot be judged for want of peers or their figures."""
    return replace(
        result,
        status=Status.PEERS_MISSING,
        verdict=rules.INSUFFICIENT_DATA,
        missing=missing,
    )


def _describe_missing(result: Assessment, start: int | None) -> Assessment:
    """The result with the years still needed and who holds them, in both languages."""
    target = result.target
    need_years = (
        list(range(start, target.deadline + 1))
        if target.kind in ("annual_floor", "cumulative") and start is not None
        else [target.deadline - 1, target.deadline]
    )
    have = [int(y) for y in result.history.index]
    missing = [y for y in need_years if y not in have]
    # who holds the figures and the plan's responsible units, as the data name them in each language
    holder = {
        "zh": result.holder_zh or label("value.holder_unknown", "zh"),
        "en": english_holder(target.indicator) or label("value.holder_unknown", "en"),
    }
    units = {
        "zh": "、".join(target.responsible_units) or label("value.no_responsible_units", "zh"),
        "en": bureau_text(list(target.responsible_units), "en") or label("value.no_units_named", "en"),
    }
    code = "missing.no_data" if result.history.empty else "missing.single_point"
    params = {"years": missing, "holder": holder, "units": units}
    if result.history.empty:
        params["target"] = {"zh": target.name_zh, "en": target.name_en}
    return replace(result, needed_years=missing, missing=Message(code, params))
