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
from functools import partial
from numbers import Real

import pandas as pd

from .errors import ParameterError
from .labels import fmt_pct

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
    """

    rule: str
    computable: bool
    category_code: str
    category_zh: str
    category_en: str
    value: float
    explanation_zh: str
    explanation_en: str


@dataclass(frozen=True)
class Verdict:
    """A verdict on one target: a stable ``code`` (used for colours and sorting) and its labels."""

    code: str
    zh: str
    en: str


VERY_LIKELY = Verdict("very_likely", "很可能", "very likely")
LIKELY = Verdict("likely", "可能", "likely")
ABOUT_AS_LIKELY_AS_NOT = Verdict("about_as_likely_as_not", "可能性相当", "about as likely as not")
UNLIKELY = Verdict("unlikely", "不太可能", "unlikely")
VERY_UNLIKELY = Verdict("very_unlikely", "极不可能", "very unlikely")
ACHIEVED = Verdict("achieved", "已实现", "achieved")
MISSED = Verdict("missed", "未实现", "missed")
INSUFFICIENT_DATA = Verdict("insufficient_data", "数据不足", "insufficient data")
NOT_QUANTIFIABLE = Verdict("not_quantifiable", "定性目标", "not quantifiable")

#: Lower bounds of the likelihood scale (IPCC convention, lower bound inclusive): P ≥ 0.90 very likely,
#: 0.66 ≤ P < 0.90 likely, 0.33 ≤ P < 0.66 about as likely as not, 0.10 ≤ P < 0.33 unlikely,
#: else very unlikely.
LIKELIHOOD_SCALE: tuple[tuple[float, Verdict], ...] = (
    (0.90, VERY_LIKELY),
    (0.66, LIKELY),
    (0.33, ABOUT_AS_LIKELY_AS_NOT),
    (0.10, UNLIKELY),
)

#: Display names of the rules.
RULE_NAMES: dict[str, tuple[str, str]] = {
    "eurostat": ("欧盟统计局规则", "Eurostat rule"),
    "sdsn": ("SDSN趋势规则", "SDSN trend rule"),
    "destatis": ("德国统计局规则", "Destatis rule"),
    "china_midterm": ("时间过半、任务过半", "China mid-term review"),
}


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


def _num(x: float) -> str:
    """A number as a reader would write it: 3.75, 0.1529, 1,234, 4,000,000,000."""
    if not math.isfinite(x):
        return "—"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    text = f"{x:.4g}"
    return text if "e" not in text else f"{x:.6f}".rstrip("0").rstrip(".")


#: The rules' explanations write shares with two decimals, unsigned, through the one percentage formatter.
_pct = partial(fmt_pct, signed=False, digits=2)


def _year(y: float) -> str:
    return str(int(y)) if math.isfinite(y) and float(y).is_integer() else _num(y)


def _at_least(x: float, bound: float) -> bool:
    return x >= bound - BOUNDARY_TOLERANCE


def _not_computable(rule: str, zh: str, en: str) -> RuleResult:
    return RuleResult(rule, False, "not_computable", "无法计算", "not computable", math.nan, zh, en)


def _missing_inputs(rule: str, **named: float) -> RuleResult | None:
    """A not-computable result naming the inputs that are missing (NaN/None), or None if all are there."""
    missing = [name for name, v in named.items() if v is None or not _finite(float(v))]
    if not missing:
        return None
    names_zh = {
        "base_value": "基期值",
        "base_year": "基期年份",
        "latest_value": "最新值",
        "latest_year": "最新年份",
        "target_value": "目标值",
        "deadline": "目标年份",
    }
    zh = "、".join(names_zh.get(m, m) for m in missing)
    return _not_computable(rule, f"缺少{zh}，无法计算", f"cannot be computed: missing {', '.join(missing)}")


def _already_met(latest_year: float, latest_value: float, target_value: float) -> tuple[str, str]:
    return (
        f"{_year(latest_year)}年值{_num(latest_value)}已达到目标{_num(target_value)}",
        f"the {_year(latest_year)} value {_num(latest_value)} already meets the target {_num(target_value)}",
    )


def _endpoint_screen(
    rule: str,
    met: tuple[str, str, str],
    value: float,
    base_value: float,
    base_year: int,
    latest_value: float,
    latest_year: int,
    target_value: float,
    deadline: int,
) -> RuleResult | None:
    """The checks every endpoint rule makes first, in order: missing inputs, already met (category
    ``met`` = (code, zh, en) with the rule's ``value``), fewer than two years, base not before the deadline.
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
        return RuleResult(rule, True, *met, value, *_already_met(latest_year, latest_value, target_value))
    if latest_year <= base_year:
        return _not_computable(rule, _TWO_YEARS_ZH, _TWO_YEARS_EN)
    if base_year >= deadline:
        return _not_computable(rule, *_base_not_before(base_year, deadline))
    return None


def _base_not_before(base_year: float, deadline: float) -> tuple[str, str]:
    return (
        f"基期{_year(base_year)}年不早于目标年份{_year(deadline)}年，无法计算所需进度",
        f"the base year {_year(base_year)} is not before the deadline {_year(deadline)}",
    )


def _fell_below(
    base_year: float, base_value: float, latest_year: float, latest_value: float, target_value: float
) -> tuple[str, str]:
    """The base already met the target and the latest value is below it: ratios of the rules are undefined."""
    return (
        f"基期{_year(base_year)}年值{_num(base_value)}已达到目标{_num(target_value)}，"
        f"{_year(latest_year)}年降至{_num(latest_value)}，低于目标",
        f"the base-year ({_year(base_year)}) value {_num(base_value)} met the target "
        f"{_num(target_value)}; by {_year(latest_year)} it fell to {_num(latest_value)}, below it",
    )


_TWO_YEARS_ZH = "需要至少两个年份的观测值"
_TWO_YEARS_EN = "needs observations in at least two years"


# ---------------------------------------------------------------------------------------------------------
# Eurostat


def eurostat_category(ratio: float) -> tuple[str, str, str]:
    """(code, zh, en) of a Eurostat ratio R = actual CAGR / required CAGR.

    R ≥ 0.95 significant progress; 0.60 ≤ R < 0.95 moderate; 0 ≤ R < 0.60 insufficient; R < 0 moving away.
    """
    if _at_least(ratio, EUROSTAT_SIGNIFICANT):
        return "significant_progress", "显著进展", "significant progress"
    if _at_least(ratio, EUROSTAT_MODERATE):
        return "moderate_progress", "中等进展", "moderate progress"
    if _at_least(ratio, 0.0):
        return "insufficient_progress", "进展不足", "insufficient progress"
    return "moving_away", "背离目标", "movement away from the target"


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
        ("met", "已达到", "met"),
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
        return _not_computable(
            rule,
            "复合增长率需要基期值、最新值和目标值均为正数",
            "compound growth needs positive base, latest and target values",
        )
    if required <= 0:
        # The base year already met the target and the latest value has fallen below it: the ratio of two
        # negative rates would read as "progress", so the category is set directly.
        return RuleResult(
            rule,
            True,
            "moving_away",
            "背离目标",
            "movement away from the target",
            math.nan,
            *_fell_below(base_year, base_value, latest_year, latest_value, target_value),
        )
    code, zh, en = eurostat_category(ratio)
    return RuleResult(
        rule,
        True,
        code,
        zh,
        en,
        ratio,
        f"{_year(base_year)}—{_year(latest_year)}年实际年均复合增长{_pct(actual)}，"
        f"为按期（{_year(deadline)}年）达到{_num(target_value)}所需增速{_pct(required)}"
        f"的{_pct(ratio, digits=0)}",
        f"actual compound growth {_year(base_year)}–{_year(latest_year)} of {_pct(actual)} a year is "
        f"{_pct(ratio, digits=0)} of the {_pct(required)} a year needed to reach {_num(target_value)} "
        f"by {_year(deadline)}",
    )


# ---------------------------------------------------------------------------------------------------------
# SDSN


def sdsn_category(share_of_needed: float) -> tuple[str, str, str]:
    """(code, zh, en) of actual linear change as a share of the needed change.

    ≥ 1 on track; > 0.5 moderately improving; 0 to 0.5 (both inclusive) stagnating; < 0 decreasing.
    """
    if _at_least(share_of_needed, 1.0):
        return "on_track", "正常推进", "on track"
    if share_of_needed > SDSN_MODERATE + BOUNDARY_TOLERANCE:
        return "moderately_improving", "温和改善", "moderately improving"
    if _at_least(share_of_needed, 0.0):
        return "stagnating", "停滞", "stagnating"
    return "decreasing", "倒退", "decreasing"


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
        ("on_track", "正常推进", "on track"),
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
        return RuleResult(
            rule,
            True,
            "decreasing",
            "倒退",
            "decreasing",
            math.nan,
            *_fell_below(base_year, base_value, latest_year, latest_value, target_value),
        )
    code, zh, en = sdsn_category(share)
    return RuleResult(
        rule,
        True,
        code,
        zh,
        en,
        share,
        f"{_year(base_year)}—{_year(latest_year)}年平均每年变化{_num(actual)}，"
        f"按期（{_year(deadline)}年）达到{_num(target_value)}需每年{_num(needed)}"
        f"（实际为所需的{_pct(share, digits=0)}）",
        f"average change {_year(base_year)}–{_year(latest_year)} of {_num(actual)} a year against "
        f"{_num(needed)} a year needed to reach {_num(target_value)} by {_year(deadline)} "
        f"({_pct(share, digits=0)} of the needed pace)",
    )


# ---------------------------------------------------------------------------------------------------------
# Destatis


def destatis_category(miss_share: float) -> tuple[str, str, str]:
    """(code, zh, en) of a projected miss as a share of the remaining gap, for a trend in the right direction.

    < 5% reached (or missed by less than 5%); 5–20% (inclusive) missed by 5–20%; > 20% right direction but
    missed by more than 20%. A trend in the wrong direction is classified by :func:`destatis_trend` itself.
    """
    if miss_share < DESTATIS_REACHED - BOUNDARY_TOLERANCE:
        return "reached", "达到或差距<5%", "reached or missed by less than 5%"
    if miss_share <= DESTATIS_MODERATE + BOUNDARY_TOLERANCE:
        return "missed_5_20", "差距5%—20%", "missed by 5–20%"
    return "missed_over_20", "方向正确但差距>20%", "right direction but missed by more than 20%"


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
        return _not_computable(
            rule,
            "没有观测值；需要至少连续4个年份的观测值",
            f"no observations; needs at least {DESTATIS_MIN_POINTS} consecutive annual values",
        )
    missing = _missing_inputs(rule, target_value=target_value, deadline=deadline)
    if missing:
        return missing
    run = _last_consecutive_run(points, DESTATIS_WINDOW_CHANGES + 1)
    if len(run) < DESTATIS_MIN_POINTS:
        return _not_computable(
            rule,
            f"需要至少连续{DESTATIS_MIN_POINTS}个年份的观测值（截至最新年份），现有连续{len(run)}个"
            f"（共{len(points)}个年份有值）",
            f"needs at least {DESTATIS_MIN_POINTS} consecutive annual values up to the latest year; has "
            f"{len(run)} consecutive ({len(points)} year{'s' if len(points) != 1 else ''} observed in all)",
        )
    (first_year, first_value), (latest_year, latest) = run[0], run[-1]
    rate = (latest - first_value) / (latest_year - first_year)
    horizon = max(deadline - latest_year, 0)
    projected = latest + rate * horizon
    trend_zh = (
        f"{_year(first_year)}—{_year(latest_year)}年平均每年变化{_num(rate)}，"
        f"延续至{_year(deadline)}年约为{_num(projected)}"
    )
    trend_en = (
        f"the average change {_year(first_year)}–{_year(latest_year)} of {_num(rate)} a year, "
        f"extended to {_year(deadline)}, gives about {_num(projected)}"
    )
    target = f"{_num(target_value)}"

    if floor:
        if latest >= target_value:
            if projected >= target_value:
                labels = ("met_trend_safe", "已达标且趋势稳定", "met and trend safe")
                tail_zh, tail_en = f"，不低于底线{target}", f", not below the floor {target}"
            else:
                labels = ("met_trend_threatens", "已达标但趋势堪忧", "met but trend threatens")
                tail_zh, tail_en = f"，将低于底线{target}", f", below the floor {target}"
        elif rate >= 0:
            labels = ("missed_not_worsening", "未达标但未恶化", "missed but not worsening")
            tail_zh = f"；{_year(latest_year)}年值{_num(latest)}低于底线{target}"
            tail_en = f"; the {_year(latest_year)} value {_num(latest)} is below the floor {target}"
        else:
            labels = ("missed_worsening", "未达标且在恶化", "missed and worsening")
            tail_zh = f"；{_year(latest_year)}年值{_num(latest)}低于底线{target}且在下降"
            tail_en = (
                f"; the {_year(latest_year)} value {_num(latest)} is below the floor {target} and falling"
            )
        return RuleResult(rule, True, *labels, projected, trend_zh + tail_zh, trend_en + tail_en)

    gap = target_value - latest
    if gap <= 0:
        if projected >= target_value:
            met_zh, met_en = _already_met(latest_year, latest, target_value)
            return RuleResult(
                rule, True, *destatis_category(0.0), 0.0, f"{met_zh}；{trend_zh}", f"{met_en}; {trend_en}"
            )
        return RuleResult(
            rule,
            True,
            "wrong_direction",
            "方向错误",
            "wrong direction",
            math.nan,
            f"{_year(latest_year)}年值{_num(latest)}已达到目标{target}，但{trend_zh}，将低于目标",
            f"the {_year(latest_year)} value {_num(latest)} meets the target {target}, "
            f"but {trend_en}, below the target",
        )
    miss_share = max((target_value - projected) / gap, 0.0)
    if rate <= 0:
        return RuleResult(
            rule,
            True,
            "wrong_direction",
            "方向错误",
            "wrong direction",
            miss_share,
            f"{trend_zh}，与目标{target}的差距未缩小",
            f"{trend_en}: the gap to the target {target} is not closing",
        )
    code, zh, en = destatis_category(miss_share)
    return RuleResult(
        rule,
        True,
        code,
        zh,
        en,
        miss_share,
        f"{trend_zh}，比目标{target}差{_num(max(target_value - projected, 0.0))}，"
        f"为当前差距{_num(gap)}的{_pct(miss_share, digits=0)}",
        f"{trend_en}, short of the target {target} by {_num(max(target_value - projected, 0.0))}, "
        f"{_pct(miss_share, digits=0)} of the current gap of {_num(gap)}",
    )


# ---------------------------------------------------------------------------------------------------------
# China mid-term review


def china_midterm_category(progress: float, elapsed: float) -> tuple[str, str, str]:
    """(code, zh, en) of task progress against time elapsed, for a target not yet achieved.

    progress ≥ elapsed + 0.10 ahead (快于预期); within ±0.10 (lower bound inclusive) on schedule
    (基本符合预期); below elapsed − 0.10 lagging (滞后). See ``CHINA_MIDTERM_BAND`` for why 0.10.
    """
    if _at_least(progress, elapsed + CHINA_MIDTERM_BAND):
        return "ahead", "快于预期", "ahead of schedule"
    if _at_least(progress, elapsed - CHINA_MIDTERM_BAND):
        return "on_schedule", "基本符合预期", "on schedule"
    return "lagging", "滞后", "lagging"


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
        return _not_computable(rule, *_base_not_before(base_year, deadline))
    if latest_year <= base_year:
        if cumulative:
            return _not_computable(
                rule,
                f"考核期（{_year(period_start)}年起）内尚无观测年份",
                f"no observed year in the period starting {_year(period_start)}",
            )
        return _not_computable(rule, _TWO_YEARS_ZH, _TWO_YEARS_EN)
    elapsed = min((latest_year - base_year) / (deadline - base_year), 1.0)
    planned = target_value - base_value
    progress = (latest_value - base_value) / planned if planned > 0 else math.nan
    if cumulative:
        one_year = period_start == latest_year
        span_zh = _year(latest_year) if one_year else f"{_year(period_start)}—{_year(latest_year)}"
        span_en = f"in {_year(latest_year)}" if one_year else f"{_year(period_start)}–{_year(latest_year)}"
        done_zh = (
            f"{span_zh}年累计{_num(latest_value)}，为累计目标{_num(target_value)}的{_pct(progress, digits=0)}"
        )
        done_en = (
            f"{_num(latest_value)} accumulated {span_en}, "
            f"{_pct(progress, digits=0)} of the cumulative target {_num(target_value)}"
        )
    else:
        done_zh = (
            f"{_year(latest_year)}年值{_num(latest_value)}，完成基期（{_year(base_year)}年，"
            f"{_num(base_value)}）至目标{_num(target_value)}计划增量的{_pct(progress, digits=0)}"
        )
        done_en = (
            f"the {_year(latest_year)} value {_num(latest_value)} covers {_pct(progress, digits=0)} of the "
            f"planned change from {_num(base_value)} ({_year(base_year)}) to {_num(target_value)}"
        )
    time_zh = f"时间进度{_pct(elapsed, digits=0)}"
    time_en = f"with {_pct(elapsed, digits=0)} of the period elapsed"
    if latest_value >= target_value:
        early = latest_year < deadline
        return RuleResult(
            rule,
            True,
            "achieved",
            "提前实现" if early else "已实现",
            "achieved early" if early else "achieved",
            progress,
            f"{done_zh}，已达到目标（{time_zh}）",
            f"{done_en}: target reached ({time_en})",
        )
    if not math.isfinite(progress):
        # The base already met the target and the value has since fallen below it.
        return RuleResult(
            rule,
            True,
            "lagging",
            "滞后",
            "lagging",
            math.nan,
            *_fell_below(base_year, base_value, latest_year, latest_value, target_value),
        )
    code, zh, en = china_midterm_category(progress, elapsed)
    return RuleResult(rule, True, code, zh, en, progress, f"{done_zh}，{time_zh}", f"{done_en}, {time_en}")


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
