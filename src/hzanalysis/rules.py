"""The official progress rules, growth arithmetic and the verdict scale (pure functions, no IO).

Four published ways of judging progress towards a target are computed here so that a report can show them
beside the calibrated probability (README, "How the judgement is made"). None of them carries
uncertainty and each is driven by the end points of the series, which is why they can disagree on the
same data:

- :func:`eurostat_progress`: actual vs required compound annual growth since the base year (EU SDG report);
- :func:`sdsn_trend`: actual vs required linear annual change since the base year (SDSN SDG dashboards);
- :func:`destatis_trend`: the mean of the last five annual changes extended to the deadline, the miss as a
  share of the remaining gap (German sustainability strategy's "weather symbols");
- :func:`china_midterm`: share of the planned change achieved against the share of the period elapsed
  (the five-year-plan mid-term review, 时间过半、任务过半).

**Direction.** Every rule here assumes *higher is better*, i.e. targets with comparator ``">="`` or ``">"``
(all numeric targets of the Haizhou plan are of this kind). A value exactly at the target counts as having
reached it, for ``">"`` targets too: published figures are rounded, so equality cannot be told apart from a
hair above, and the strict check belongs to the verdict (``assess``), not to these indicative rules.

**Boundaries.** Category boundaries are inclusive at the lower end of the better category (a Eurostat ratio
of exactly 0.95 is "significant progress"). Numbers within ``BOUNDARY_TOLERANCE`` of a boundary count as on
it, so a value that is exactly on a boundary in decimal arithmetic is not demoted by binary rounding.

Data problems (a missing value, a single year, a non-positive value where compound growth is needed) never
raise: the rule comes back with ``computable=False`` and an explanation saying exactly what is missing.
Only arguments that cannot be meant (a probability outside [0, 1], an inconsistent cumulative base) raise
:class:`~hzanalysis.errors.ParameterError`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from numbers import Real
from typing import Any

import pandas as pd

from .errors import ParameterError
from .labels import Message, label, message_text

#: Absolute slack when comparing a computed number with a category boundary (see module docstring).
BOUNDARY_TOLERANCE = 1e-9

# --- Eurostat (EU SDG monitoring report): R = actual CAGR / required CAGR, both from the base year.
EUROSTAT_SIGNIFICANT = 0.95
EUROSTAT_MODERATE = 0.60

# --- SDSN (SDG dashboards): actual linear change as a share of the needed linear change.
SDSN_MODERATE = 0.50  # "moderately improving" needs MORE than half the needed pace; exactly half stagnates

# --- Destatis (Deutsche Nachhaltigkeitsstrategie): trend of the last five annual changes (six points).
DESTATIS_WINDOW_CHANGES = 5  # mean of the last five annual changes, i.e. the last six annual points
DESTATIS_MIN_POINTS = 4  # Destatis' exception: at least four consecutive annual points
DESTATIS_REACHED = 0.05  # missed by < 5% of the remaining gap counts as reached
DESTATIS_MODERATE = 0.20  # missed by 5-20% (inclusive of 20%) of the remaining gap

# --- China five-year-plan mid-term review (时间过半、任务过半). No official thresholds are published: the
# reviews compare "任务过半" with "时间过半" and speak of 快于/符合/慢于预期. We call progress within
# ±10 percentage points of the elapsed share "on schedule" because (a) one year of a five-year plan is 20
# points of elapsed time, so ±10 points is half a year either way, the finest distinction annual data can
# support; (b) the published indicator figures are rounded (a share given to 0.1 point, counts to the unit)
# and a band much narrower than this would turn rounding into a category change.
CHINA_MIDTERM_BAND = 0.10


@dataclass(frozen=True)
class RuleResult:
    """One official rule applied to one target.

    ``value`` is the rule's number (Eurostat: ratio of growth rates; SDSN: actual / needed linear change;
    Destatis: projected miss as a share of the remaining gap, or for floors the projected value at the
    deadline; China mid-term: share of the planned change achieved). It is NaN when the rule is not
    computable, and also where the rule's number is undefined but the category is not in doubt (for example
    the base year already met the target and the latest value has fallen below it).

    The result holds codes and numbers only: the category's words are the catalogue's
    ``category.<rule>.<code>`` (``category_word`` names a finer word where one code has two, 提前实现 and
    已实现), the explanation a :class:`~hzanalysis.labels.Message` (code ``explain.*`` and its numbers).
    """

    rule: str
    computable: bool
    category_code: str
    value: float
    explanation: Message
    category_word: str = ""

    def category_text(self, lang: str = "zh") -> str:
        """The category in words, in ``lang``."""
        if not self.computable:
            return label("category.not_computable", lang)
        return label(f"category.{self.rule}.{self.category_word or self.category_code}", lang)

    def explanation_text(self, lang: str = "zh") -> str:
        """The explanation in words, in ``lang``."""
        return message_text(self.explanation, lang)

    @property
    def category_zh(self) -> str:
        return self.category_text("zh")

    @property
    def category_en(self) -> str:
        return self.category_text("en")

    @property
    def explanation_zh(self) -> str:
        return self.explanation_text("zh")

    @property
    def explanation_en(self) -> str:
        return self.explanation_text("en")


@dataclass(frozen=True)
class Verdict:
    """A verdict on one target: a stable ``code`` (used for colours and sorting), and whether it is an
    outside view (参考类判断: one figure judged by its reference class). Its words are the catalogue's
    ``verdict.<code>``."""

    code: str
    outside_view: bool = False

    def text(self, lang: str = "zh") -> str:
        """The verdict in words, in ``lang`` (marked as an outside view where it is one)."""
        word = label(f"verdict.{self.code}", lang)
        if not self.outside_view:
            return word
        return label(
            "verdict.with_outside_view", lang, verdict=word, outside_view=label("verdict.outside_view", lang)
        )

    @property
    def zh(self) -> str:
        return self.text("zh")

    @property
    def en(self) -> str:
        return self.text("en")


VERY_LIKELY = Verdict("very_likely")
LIKELY = Verdict("likely")
ABOUT_AS_LIKELY_AS_NOT = Verdict("about_as_likely_as_not")
UNLIKELY = Verdict("unlikely")
VERY_UNLIKELY = Verdict("very_unlikely")
ACHIEVED = Verdict("achieved")
MISSED = Verdict("missed")
INSUFFICIENT_DATA = Verdict("insufficient_data")
NOT_QUANTIFIABLE = Verdict("not_quantifiable")

#: Lower bounds of the likelihood scale (IPCC convention, lower bound inclusive): P ≥ 0.90 very likely,
#: 0.66 ≤ P < 0.90 likely, 0.33 ≤ P < 0.66 about as likely as not, 0.10 ≤ P < 0.33 unlikely,
#: else very unlikely.
LIKELIHOOD_SCALE: tuple[tuple[float, Verdict], ...] = (
    (0.90, VERY_LIKELY),
    (0.66, LIKELY),
    (0.33, ABOUT_AS_LIKELY_AS_NOT),
    (0.10, UNLIKELY),
)

# ---------------------------------------------------------------------------------------------------------
# Growth arithmetic


def _finite(*values: float) -> bool:
    return all(isinstance(v, Real) and math.isfinite(v) for v in values)


def cagr(v0: float, t0: float, v1: float, t1: float) -> float:
    """Compound annual growth from ``v0`` in year ``t0`` to ``v1`` in year ``t1``: (v1/v0)^(1/(t1−t0)) − 1.

    NaN when either value is not positive or not finite, or when ``t1 <= t0``.
    """
    if not _finite(v0, t0, v1, t1) or v0 <= 0 or v1 <= 0 or t1 <= t0:
        return math.nan
    return (v1 / v0) ** (1.0 / (t1 - t0)) - 1.0


def required_cagr(latest_value: float, latest_year: float, target_value: float, deadline: float) -> float:
    """Compound annual growth needed from the latest value to reach the target in the deadline year.

    NaN when ``latest_year >= deadline`` (no year left to grow in), when the latest value is not positive
    (compound growth from zero or below is undefined: use :func:`required_linear_rate`) or when the target
    is negative. A target of 0 from a positive value gives −1 (−100%), and a value already above the target
    gives a negative number (the fall that could be afforded).
    """
    if not _finite(latest_value, latest_year, target_value, deadline) or latest_year >= deadline:
        return math.nan
    if latest_value <= 0 or target_value < 0:
        return math.nan
    return (target_value / latest_value) ** (1.0 / (deadline - latest_year)) - 1.0


def linear_rate(v0: float, t0: float, v1: float, t1: float) -> float:
    """Average absolute change per year from (t0, v0) to (t1, v1); NaN when ``t1 <= t0`` or not finite."""
    if not _finite(v0, t0, v1, t1) or t1 <= t0:
        return math.nan
    return (v1 - v0) / (t1 - t0)


def required_linear_rate(
    latest_value: float, latest_year: float, target_value: float, deadline: float
) -> float:
    """Absolute change per year needed from the latest value to reach the target in the deadline year.

    NaN when ``latest_year >= deadline``. Negative when the latest value is already above the target.
    """
    return linear_rate(latest_value, latest_year, target_value, deadline)


def required_annual_flow(observed_total: float, remaining_years: int, target_value: float) -> float:
    """For a cumulative (累计) target: the flow needed in each remaining year to reach the total.

    ``max(target − observed_total, 0) / remaining_years``: 0 when the total is already reached (the flows
    are counts or money, so nothing negative is "needed"); NaN when no year remains or an input is missing.
    """
    if not _finite(observed_total, remaining_years, target_value) or remaining_years <= 0:
        return math.nan
    return max(target_value - observed_total, 0.0) / remaining_years


# ---------------------------------------------------------------------------------------------------------
# Helpers for the rules


def _plain(value: Any) -> Any:
    """A number of an explanation as a plain float (numpy scalars are not JSON)."""
    return float(value) if isinstance(value, Real) and not isinstance(value, bool) else value


def _explain(code: str, **params: Any) -> Message:
    """An explanation: the code ``explain.<code>`` and its numbers (formatted by the words layer by name)."""
    return Message(f"explain.{code}", {name: _plain(v) for name, v in params.items()})


def _result(rule: str, code: str, value: float, explanation: Message, word: str = "") -> RuleResult:
    return RuleResult(rule, True, code, _plain(value), explanation, word)


def _at_least(x: float, bound: float) -> bool:
    return x >= bound - BOUNDARY_TOLERANCE


def _not_computable(rule: str, explanation: Message) -> RuleResult:
    return RuleResult(rule, False, "not_computable", math.nan, explanation)


def _missing_inputs(rule: str, **named: float) -> RuleResult | None:
    """A not-computable result naming the inputs that are missing (NaN/None), or None if all are there."""
    missing = [name for name, v in named.items() if v is None or not _finite(float(v))]
    if not missing:
        return None
    return _not_computable(rule, _explain("missing_inputs", inputs=missing))


def _already_met(latest_year: float, latest_value: float, target_value: float) -> Message:
    return _explain(
        "already_met", latest_year=latest_year, latest_value=latest_value, target_value=target_value
    )


def _endpoint_screen(
    rule: str,
    met: str,
    value: float,
    base_value: float,
    base_year: int,
    latest_value: float,
    latest_year: int,
    target_value: float,
    deadline: int,
) -> RuleResult | None:
    """The checks every endpoint rule makes first, in order: missing inputs, already met (category
    ``met`` with the rule's ``value``), fewer than two years, base not before the deadline.
    None when the rule can go on to its own computation."""
    missing = _missing_inputs(
        rule,
        base_value=base_value,
        base_year=base_year,
        latest_value=latest_value,
        latest_year=latest_year,
        target_value=target_value,
        deadline=deadline,
    )
    if missing:
        return missing
    if latest_value >= target_value:
        return _result(rule, met, value, _already_met(latest_year, latest_value, target_value))
    if latest_year <= base_year:
        return _not_computable(rule, _explain("two_years"))
    if base_year >= deadline:
        return _not_computable(rule, _explain("base_not_before", base_year=base_year, deadline=deadline))
    return None


def _fell_below(
    base_year: float, base_value: float, latest_year: float, latest_value: float, target_value: float
) -> Message:
    """The base already met the target and the latest value is below it: ratios of the rules are undefined."""
    return _explain(
        "fell_below",
        base_year=base_year,
        base_value=base_value,
        latest_year=latest_year,
        latest_value=latest_value,
        target_value=target_value,
    )


# ---------------------------------------------------------------------------------------------------------
# Eurostat


def eurostat_category(ratio: float) -> str:
    """The category code of a Eurostat ratio R = actual CAGR / required CAGR.

    R ≥ 0.95 significant progress; 0.60 ≤ R < 0.95 moderate; 0 ≤ R < 0.60 insufficient; R < 0 moving away.
    """
    if _at_least(ratio, EUROSTAT_SIGNIFICANT):
        return "significant_progress"
    if _at_least(ratio, EUROSTAT_MODERATE):
        return "moderate_progress"
    if _at_least(ratio, 0.0):
        return "insufficient_progress"
    return "moving_away"


def eurostat_progress(
    base_value: float,
    base_year: int,
    latest_value: float,
    latest_year: int,
    target_value: float,
    deadline: int,
) -> RuleResult:
    """The Eurostat rule: R = actual CAGR (base → latest) / CAGR required (base → target by the deadline).

    Already at or beyond the target in the latest year → "met" (已达到), whatever the ratio. Higher is better.
    """
    rule = "eurostat"
    actual = cagr(base_value, base_year, latest_value, latest_year)
    required = cagr(base_value, base_year, target_value, deadline)
    ratio = actual / required if _finite(actual, required) and required > 0 else math.nan
    screened = _endpoint_screen(
        rule,
        "met",
        ratio,
        base_value,
        base_year,
        latest_value,
        latest_year,
        target_value,
        deadline,
    )
    if screened:
        return screened
    if base_value <= 0 or latest_value <= 0 or target_value <= 0:
        return _not_computable(rule, _explain("positive"))
    if required <= 0:
        # The base year already met the target and the latest value has fallen below it: the ratio of two
        # negative rates would read as "progress", so the category is set directly.
        fell = _fell_below(base_year, base_value, latest_year, latest_value, target_value)
        return _result(rule, "moving_away", math.nan, fell)
    explanation = _explain(
        "eurostat",
        base_year=base_year,
        latest_year=latest_year,
        actual_pct=actual,
        deadline=deadline,
        target_value=target_value,
        required_pct=required,
        ratio_pct0=ratio,
    )
    return _result(rule, eurostat_category(ratio), ratio, explanation)


# ---------------------------------------------------------------------------------------------------------
# SDSN


def sdsn_category(share_of_needed: float) -> str:
    """The category code of actual linear change as a share of the needed change.

    ≥ 1 on track; > 0.5 moderately improving; 0 to 0.5 (both inclusive) stagnating; < 0 decreasing.
    """
    if _at_least(share_of_needed, 1.0):
        return "on_track"
    if share_of_needed > SDSN_MODERATE + BOUNDARY_TOLERANCE:
        return "moderately_improving"
    if _at_least(share_of_needed, 0.0):
        return "stagnating"
    return "decreasing"


def sdsn_trend(
    base_value: float,
    base_year: int,
    latest_value: float,
    latest_year: int,
    target_value: float,
    deadline: int,
) -> RuleResult:
    """The SDSN trend rule: average annual linear change since the base year vs the change needed.

    The needed change runs from the base year to the target in the deadline year. Already met → on track
    (SDSN's "on track or maintaining achievement"). Higher is better. Works for zero and negative values.
    """
    rule = "sdsn"
    actual = linear_rate(base_value, base_year, latest_value, latest_year)
    needed = linear_rate(base_value, base_year, target_value, deadline)
    share = actual / needed if _finite(actual, needed) and needed > 0 else math.nan
    screened = _endpoint_screen(
        rule,
        "on_track",
        share,
        base_value,
        base_year,
        latest_value,
        latest_year,
        target_value,
        deadline,
    )
    if screened:
        return screened
    if needed <= 0:
        fell = _fell_below(base_year, base_value, latest_year, latest_value, target_value)
        return _result(rule, "decreasing", math.nan, fell)
    explanation = _explain(
        "sdsn",
        base_year=base_year,
        latest_year=latest_year,
        actual=actual,
        deadline=deadline,
        target_value=target_value,
        needed=needed,
        share_pct0=share,
    )
    return _result(rule, sdsn_category(share), share, explanation)


# ---------------------------------------------------------------------------------------------------------
# Destatis


def destatis_category(miss_share: float) -> str:
    """The category code of a projected miss as a share of the remaining gap (a trend in the right direction).

    < 5% reached (or missed by less than 5%); 5–20% (inclusive) missed by 5–20%; > 20% right direction but
    missed by more than 20%. A trend in the wrong direction is classified by :func:`destatis_trend` itself.
    """
    if miss_share < DESTATIS_REACHED - BOUNDARY_TOLERANCE:
        return "reached"
    if miss_share <= DESTATIS_MODERATE + BOUNDARY_TOLERANCE:
        return "missed_5_20"
    return "missed_over_20"


def _history_points(history: Mapping[int, float] | pd.Series) -> list[tuple[int, float]]:
    items = history.items()
    points = []
    for year, value in items:
        if value is None or pd.isna(value):
            continue  # a missing value is a gap, never a zero
        points.append((int(year), float(value)))
    return sorted(points)


def _last_consecutive_run(points: list[tuple[int, float]], max_points: int) -> list[tuple[int, float]]:
    """The last consecutive annual run ending at the latest year, at most ``max_points`` long."""
    run = [points[-1]]
    for year, value in reversed(points[:-1]):
        if year != run[0][0] - 1 or len(run) >= max_points:
            break
        run.insert(0, (year, value))
    return run


def destatis_trend(
    history: Mapping[int, float] | pd.Series, target_value: float, deadline: int, *, floor: bool = False
) -> RuleResult:
    """The Destatis rule: extend the mean of the last five annual changes to the deadline.

    The mean change is (last − first) / (years between) over the last consecutive run of annual values ending
    at the latest year, six points at most (five changes) and at least four (Destatis' minimum); otherwise the
    rule is not computable and says how many consecutive years there are.

    Level targets: the projected miss as a share of the remaining gap (target − latest) gives reached or
    missed by < 5%; missed by 5–20%; right direction but missed by > 20%; a trend that is flat or falling
    while below the target is the wrong direction (Destatis: "the distance remains large or increases").
    If the latest value already meets the target, the result is "reached" unless the trend would take it below
    the target by the deadline, which counts as the wrong direction.

    Floors (``floor=True``, a value to hold each year): met and trend safe / met but trend threatens (the
    projection falls below the floor by the deadline) / missed but not worsening (change ≥ 0) / missed and
    worsening. Higher is better.
    """
    rule = "destatis"
    points = _history_points(history)
    if not points:
        return _not_computable(rule, _explain("destatis_no_observations", min_points=DESTATIS_MIN_POINTS))
    missing = _missing_inputs(rule, target_value=target_value, deadline=deadline)
    if missing:
        return missing
    run = _last_consecutive_run(points, DESTATIS_WINDOW_CHANGES + 1)
    if len(run) < DESTATIS_MIN_POINTS:
        code = "destatis_too_few" if len(points) != 1 else "destatis_too_few_one"
        return _not_computable(
            rule, _explain(code, min_points=DESTATIS_MIN_POINTS, run=len(run), n=len(points))
        )
    (first_year, first_value), (latest_year, latest) = run[0], run[-1]
    rate = (latest - first_value) / (latest_year - first_year)
    horizon = max(deadline - latest_year, 0)
    projected = latest + rate * horizon
    trend = {
        "first_year": first_year,
        "latest_year": latest_year,
        "rate": rate,
        "deadline": deadline,
        "projected": projected,
        "target_value": target_value,
    }

    if floor:
        if latest >= target_value:
            code = "met_trend_safe" if projected >= target_value else "met_trend_threatens"
        else:
            code = "missed_not_worsening" if rate >= 0 else "missed_worsening"
        explanation = _explain(f"destatis_{code}", latest_value=latest, **trend)
        return _result(rule, code, projected, explanation)

    gap = target_value - latest
    if gap <= 0:
        if projected >= target_value:
            explanation = _explain("destatis_met_holds", latest_value=latest, **trend)
            return _result(rule, destatis_category(0.0), 0.0, explanation)
        explanation = _explain("destatis_met_falls", latest_value=latest, **trend)
        return _result(rule, "wrong_direction", math.nan, explanation)
    miss_share = max((target_value - projected) / gap, 0.0)
    if rate <= 0:
        return _result(rule, "wrong_direction", miss_share, _explain("destatis_not_closing", **trend))
    short = max(target_value - projected, 0.0)
    explanation = _explain("destatis_short", short=short, gap=gap, miss_pct0=miss_share, **trend)
    return _result(rule, destatis_category(miss_share), miss_share, explanation)


# ---------------------------------------------------------------------------------------------------------
# China mid-term review


def china_midterm_category(progress: float, elapsed: float) -> str:
    """The category code of task progress against time elapsed, for a target not yet achieved.

    progress ≥ elapsed + 0.10 ahead (快于预期); within ±0.10 (lower bound inclusive) on schedule
    (基本符合预期); below elapsed − 0.10 lagging (滞后). See ``CHINA_MIDTERM_BAND`` for why 0.10.
    """
    if _at_least(progress, elapsed + CHINA_MIDTERM_BAND):
        return "ahead"
    if _at_least(progress, elapsed - CHINA_MIDTERM_BAND):
        return "on_schedule"
    return "lagging"


def china_midterm(
    base_value: float,
    base_year: int,
    latest_value: float,
    latest_year: int,
    target_value: float,
    deadline: int,
    *,
    cumulative: bool = False,
    period_start: int | None = None,
) -> RuleResult:
    """The mid-term review (时间过半、任务过半): share of the planned change achieved vs time elapsed.

    progress = (latest − base) / (target − base);
    elapsed = (latest_year − base_year) / (deadline − base_year), capped at 1.
    Latest at or beyond the target → achieved (提前实现 before the deadline, 已实现 in it).

    Cumulative (累计) targets: ``latest_value`` is the total accumulated from ``period_start`` to
    ``latest_year``, and the base is 0 in ``period_start − 1`` (``period_start`` defaults to base_year + 1;
    a base_value other than 0 or a base_year other than period_start − 1 is a ParameterError).
    Higher is better.
    """
    rule = "china_midterm"
    if cumulative:
        if period_start is None:
            period_start = int(base_year) + 1
        if base_year != period_start - 1 or base_value != 0:
            raise ParameterError(
                "china_midterm(cumulative=True): the base must be 0 in period_start − 1 = "
                f"{period_start - 1}; "
                f"got base_value={base_value!r}, base_year={base_year!r}. Pass base_value=0, "
                f"base_year={period_start - 1}."
            )
    missing = _missing_inputs(
        rule,
        base_value=base_value,
        base_year=base_year,
        latest_value=latest_value,
        latest_year=latest_year,
        target_value=target_value,
        deadline=deadline,
    )
    if missing:
        return missing
    if base_year >= deadline:
        return _not_computable(rule, _explain("base_not_before", base_year=base_year, deadline=deadline))
    if latest_year <= base_year:
        if cumulative:
            return _not_computable(rule, _explain("china_no_period_year", period_start=period_start))
        return _not_computable(rule, _explain("two_years"))
    elapsed = min((latest_year - base_year) / (deadline - base_year), 1.0)
    planned = target_value - base_value
    progress = (latest_value - base_value) / planned if planned > 0 else math.nan
    shape = ("one_year" if period_start == latest_year else "span") if cumulative else "level"
    numbers = {
        "latest_year": latest_year,
        "latest_value": latest_value,
        "target_value": target_value,
        "progress_pct0": progress,
        "elapsed_pct0": elapsed,
        **({"period_start": period_start} if shape == "span" else {}),
        **({"base_year": base_year, "base_value": base_value} if shape == "level" else {}),
    }
    if latest_value >= target_value:
        word = "achieved_early" if latest_year < deadline else "achieved"
        return _result(rule, "achieved", progress, _explain(f"china_{shape}_reached", **numbers), word)
    if not math.isfinite(progress):
        # The base already met the target and the value has since fallen below it.
        fell = _fell_below(base_year, base_value, latest_year, latest_value, target_value)
        return _result(rule, "lagging", math.nan, fell)
    code = china_midterm_category(progress, elapsed)
    return _result(rule, code, progress, _explain(f"china_{shape}", **numbers))


# ---------------------------------------------------------------------------------------------------------
# Verdict scale


def likelihood_verdict(p: float) -> Verdict:
    """The calibrated likelihood scale (IPCC convention, lower bounds inclusive).

    P ≥ 0.90 very likely 很可能; 0.66 ≤ P < 0.90 likely 可能; 0.33 ≤ P < 0.66 about as likely as not
    可能性相当; 0.10 ≤ P < 0.33 unlikely 不太可能; P < 0.10 very unlikely 极不可能. The bands are
    exclusive here (the IPCC's own ranges overlap: "likely" is 66–100%), so each P has exactly one verdict;
    P = 1 is "very likely", never "achieved", which only an observation of the deadline year can give.

    Raises ParameterError for NaN, non-numbers or P outside [0, 1].
    """
    if isinstance(p, bool) or not isinstance(p, Real) or not math.isfinite(p) or not 0.0 <= p <= 1.0:
        raise ParameterError(f"a probability must be a number in [0, 1]; got {p!r}")
    for lower, verdict in LIKELIHOOD_SCALE:
        if p >= lower:
            return verdict
    return VERY_UNLIKELY
