"""Tables built from judgements for the pages and charts: the scorecard, fan bands, models, rules, scenarios.

The charts module only draws; these frames are what it draws from.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from .assessment import FAN_LEVELS, STATUS_TEXT, Assessment
from .batch import AssessOptions, assess_many, assess_options
from .probability import year_column
from .targets import Target

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
            median = float(a.forecast.quantile(0.5)[year_column(a.forecast.years, t.deadline)])
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
                "status": str(a.status),  # the code, a plain str in the frame
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
                if t.kind == "level"
                and t.value is not None
                and latest is not None
                and a.deciding_bound is None
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
                # a table for researchers' files (assess --csv): the warnings in English, as the CLI speaks
                "warnings": "; ".join(a.warning_texts("en")),
            }
        )
    return pd.DataFrame.from_records(records, columns=SCORECARD_COLUMNS)


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
