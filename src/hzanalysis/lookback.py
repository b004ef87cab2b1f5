"""Final evaluation: what the tool said about a target at each earlier as-of date (the look back)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import Any

import pandas as pd

from .assessment import STATUS_TEXT, Assessment
from .batch import AssessOptions, assess_options
from .judgement import assess_target
from .observations import ObservationSource, load_indicators, load_regions, read_observations
from .observations.schema import as_of_date
from .plans import resolve_plan
from .targets import Target, get_target


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
    source: ObservationSource | None = None,
    target: Target | None = None,
    **overrides: Any,
) -> pd.DataFrame:
    """What the tool said about one target as of each date: one row per date, oldest first.

    ``dates`` defaults to every 1 Jan / 1 Jul from the plan's issue date up to the publication of the deadline
    year's figure (the outturn), or up to the options' ``as_of`` (else today) while there is no outturn. Each
    row is the full assessment re-run with only what had been published by then (columns HISTORY_COLUMNS).
    The files are read once (``source``, default :func:`~hzanalysis.observations.read_observations` of the
    options' data) and cut at each date in memory; ``target``, when the caller holds it, saves reading the
    plan's registry again.
    """
    options = assess_options(options, **overrides)
    source = source if source is not None else read_observations(options.data)
    if target is None or target.id != target_id:
        target = get_target(target_id, plan=options.plan)
    region, indicators, regions = options.plan_region(), load_indicators(), load_regions()

    def judged(as_of: date | str | None) -> Assessment:
        return assess_target(
            target,
            source.as_of(as_of),
            region=region,
            n_paths=options.n_paths,
            seed=options.seed,
            model=options.model,
            compare_models=False,
            indicators=indicators,
            regions=regions,
        )

    if dates is None:
        final = judged(options.as_of)
        until = outturn_publication(final) or _as_of_or_today(options.as_of)
        dates = [*history_dates(resolve_plan(options.plan).issued, until), until]
    records = []
    for day in sorted(dict.fromkeys(date.fromisoformat(str(d)) for d in dates)):
        a = judged(day)
        latest = a.latest
        records.append(
            {
                "as_of": day,
                "status": str(a.status),  # the code, a plain str in the frame
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
    return as_of_date(as_of) or date.today()


def look_back(
    assessments: Sequence[Assessment], options: AssessOptions | None = None, **overrides: Any
) -> pd.DataFrame:
    """:func:`as_of_history` of every settled target (achieved or missed) among ``assessments``, stacked:
    one row per target and date, with ``target_id``, ``name_zh`` and ``name_en`` first. Empty (with the
    columns) while no target is settled."""
    options = assess_options(options, **overrides)
    settled = [a for a in assessments if a.status in ("achieved", "missed")]
    source = read_observations(options.data) if settled else None
    frames = [
        as_of_history(a.target.id, options=options, source=source).assign(
            target_id=a.target.id, name_zh=a.target.name_zh, name_en=a.target.name_en, unit=a.target.unit
        )
        for a in settled
    ]
    columns = ["target_id", "name_zh", "name_en", "unit", *HISTORY_COLUMNS]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True).loc[:, columns]
