"""The judgement of one target as a record (:class:`Assessment`), its status codes, and the small lookups
the judgement shares (observation rows, the years needed, who holds a figure).

The record is filled by :mod:`hzanalysis.judgement` and :mod:`hzanalysis.settle`; tables, charts, pages and
the sentences (:mod:`hzanalysis.sentences`) read it from above.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import pandas as pd

from . import catalogue, rules
from . import forecast as fc
from .errors import ParameterError
from .labels import Message, fmt_value, label, message_text, years_text
from .targets import Target

# The plan's region and first year are not constants here: each Target carries its plan's (plan.yaml),
# read through hzanalysis.targets.plan_region_of / plan_start_of.
#: Models compared on each target page beside the default model (forecast.AUTO_MODEL).
COMPARED_MODELS: tuple[str, ...] = ("naive", "drift", "linear", "damped", "theta", "median_trend")
#: Fan-chart bands: central intervals drawn around the median.
FAN_LEVELS: tuple[float, ...] = (0.50, 0.80, 0.95)


class Status(StrEnum):
    """Where a target stands: settled by the figures, forecast, or why it cannot be judged.

    A ``str``: a status compares equal to its code (``Status.MISSED == "missed"``), so tables and pages that
    hold the code keep working; the words live in the label catalogue (``status.<code>``).
    """

    FORECAST = "forecast"
    SINGLE_POINT = "single_point"
    NO_DATA = "no_data"
    ACHIEVED = "achieved"
    MISSED = "missed"
    QUALITATIVE = "qualitative"
    PEERS_MISSING = "peers_missing"
    PERIOD_GAP = "period_gap"
    FORECAST_FAILED = "forecast_failed"


#: Status code -> (Chinese, English), from the label catalogue.
STATUS_TEXT = {code.value: (label(f"status.{code}", "zh"), label(f"status.{code}", "en")) for code in Status}


@dataclass(frozen=True)
class Assessment:
    """The judgement of one target, with the evidence behind it.

    Frozen: the judgement builds it with :func:`dataclasses.replace`, and nothing after it may change a
    field (a page, the store and the scorecard all read the same judgement).
    """

    target: Target
    region: str
    status: Status
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
    #: What is missing and who holds it, or why the figures cannot be judged: a code and its numbers.
    missing: Message | None = None
    holder_zh: str = ""
    needed_years: list[int] = field(default_factory=list)
    #: What the forecast and the judgement did beside the plain result (fallbacks, pooling, a failed
    #: model): codes with their numbers, in words by :meth:`warning_texts`.
    warnings: list[Message] = field(default_factory=list)
    peer_forecasts: dict[str, fc.Forecast] = field(default_factory=dict)
    #: Figures a later file replaced for this region and indicator: the entries of the observations'
    #: ``superseded`` record (region, indicator, year, values, files and rows); words by
    #: ``observations.replacement_text``.
    replaced: list[dict[str, Any]] = field(default_factory=list)
    #: What the observations say beside the forecast: a deciding or undecided bound for the deadline year,
    #: figures after the deadline (shown, not forecast from); a code and its numbers each.
    data_notes: list[Message] = field(default_factory=list)
    #: The reference class used (outside view, or prior of a 2-5 point forecast): indicator, regions, years.
    reference_class: dict | None = None
    #: The bounded figure for the deadline year that settled the target (e.g. ">3.8" in 2025), else None.
    deciding_bound: pd.Series | None = None

    def missing_text(self, lang: str = "zh") -> str:
        """What is missing (or why the target cannot be judged) in words, in ``lang``; "" when nothing is.

        Regions travel as ids (a rank target's peers without figures); they are named here, in ``lang``.
        """
        return "" if self.missing is None else message_text(named_regions(self.missing), lang)

    @property
    def missing_regions(self) -> tuple[str, ...]:
        """The ids of the regions whose figures a rank target lacks (empty for any other reason)."""
        if self.missing is None or self.missing.code != "missing.peers_lacking":
            return ()
        return tuple(self.missing.params["regions"])

    def warning_texts(self, lang: str = "zh") -> list[str]:
        """The warnings in words, in ``lang``."""
        return [message_text(w, lang) for w in self.warnings]

    @property
    def missing_zh(self) -> str:
        return self.missing_text("zh")

    @property
    def missing_en(self) -> str:
        return self.missing_text("en")

    @property
    def latest(self) -> pd.Series | None:
        """The latest observation used: the deciding bound when one settled the target (it is the outturn),
        else the latest point value (points preferred over bounds), or None."""
        if self.deciding_bound is not None:
            return self.deciding_bound
        points = self.observations[self.observations["bound"] == "="]
        rows = points if not points.empty else self.observations
        return None if rows.empty else rows.sort_values("year").iloc[-1]


def region_name(region: str) -> dict[str, str]:
    """A region id as a message parameter names it: the id in Chinese, the catalogue's name_en in English
    (the id where the catalogue does not know the region)."""
    found = catalogue.regions().get(region)
    return {"zh": region, "en": found.name_en if found is not None and found.name_en else region}


def named_regions(message: Message) -> Message:
    """``message`` with its region ids (parameters ``region`` and ``regions``) named in both languages, so
    the words layer, which knows no catalogue, can say them in either."""
    params = dict(message.params)
    if isinstance(params.get("region"), str):
        params["region"] = region_name(params["region"])
    if isinstance(params.get("regions"), (list, tuple)):
        params["regions"] = [region_name(str(r)) for r in params["regions"]]
    return Message(message.code, params)


def english_holder(indicator: str | None) -> str:
    """The English name of the bureau holding the indicator (catalogue holder_en), or ""."""
    found = catalogue.indicators().get(indicator or "")
    return found.holder_en if found is not None else ""


def format_value(value: float | None, unit: str | None = "") -> str:
    """A number with its Chinese unit (``3.75%``), or an em dash; see :func:`labels.fmt_value`."""
    return fmt_value(value, unit)


def years_zh(years: Sequence[int]) -> str:
    """Years as Chinese prose: ``2023年、2024年``."""
    return years_text(years, "zh")


def years_en(years: Sequence[int]) -> str:
    """Years as English prose: ``2023, 2024``."""
    return years_text(years, "en")


def indicator_name(indicator: str | None) -> str:
    """The Chinese name of an indicator in the catalogue, else its id."""
    found = catalogue.indicators().get(indicator or "")
    return found.name_zh if found is not None else str(indicator)


def rows_for(observations: pd.DataFrame, indicator: str | None, region: str) -> pd.DataFrame:
    """The observations of one indicator in one region, by year (points and bounds)."""
    rows = observations[(observations["indicator"] == indicator) & (observations["region"] == region)]
    return rows.sort_values(["year", "bound"]).reset_index(drop=True)


def no_rows(observations: pd.DataFrame) -> pd.DataFrame:
    """An empty table with the observations' columns (a qualitative target has no figures)."""
    return observations.iloc[0:0].reset_index(drop=True)


def point_series(rows: pd.DataFrame) -> pd.Series:
    """Point values by year; bounds are evidence, never fitted as if they were points."""
    points = rows[rows["bound"] == "="]
    return pd.Series(
        points["value"].to_numpy(dtype=float), index=points["year"].astype(int).to_numpy(), dtype=float
    ).sort_index()


def goal_value(target: Target) -> float:
    """The number a quantitative target sets (its registry's ``value``); ParameterError when it has none."""
    if target.value is None:
        raise ParameterError(
            f"target {target.id}: a {target.kind} target needs a value; its registry gives none"
        )
    return float(target.value)


def period_start_of(target: Target, start: int | None) -> int:
    """The first counted year of an annual floor or cumulative target; ParameterError when none is known."""
    if start is None:
        raise ParameterError(f"target {target.id}: a period start is needed for a {target.kind} target")
    return start


def until_deadline(history: pd.Series, target: Target) -> pd.Series:
    """The history up to the target's deadline: later figures are shown, never judged from."""
    return history[history.index <= target.deadline] if target.deadline is not None else history
