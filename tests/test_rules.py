"""Known-value tests of the official progress rules, the growth arithmetic and the verdict scale.

Expected values are worked out by hand in the comments. The R&D case uses the real published Haizhou
figures (2017: 2.68%, 2024: 3.75%, target 3.8% in 2025); every other series is SYNTHETIC, chosen so
that the arithmetic lands exactly on (or clearly beside) a category boundary.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hzanalysis import rules
from hzanalysis.errors import ParameterError

# ---------------------------------------------------------------------------------------------------------
# Growth arithmetic


def test_cagr_known_value():
    # 100 → 121 over two years: sqrt(1.21) − 1 = 0.1
    assert rules.cagr(100, 2020, 121, 2022) == pytest.approx(0.10)


@pytest.mark.parametrize(
    ("v0", "t0", "v1", "t1"),
    [
        (0, 2020, 5, 2022),  # growth from zero is undefined
        (-1, 2020, 5, 2022),
        (5, 2020, 0, 2022),
        (5, 2022, 6, 2022),  # no time elapsed
        (5, 2023, 6, 2022),  # time runs backwards
        (math.nan, 2020, 6, 2022),
    ],
)
def test_cagr_undefined_is_nan(v0, t0, v1, t1):
    assert math.isnan(rules.cagr(v0, t0, v1, t1))


def test_required_cagr_known_values():
    # 100 in 2023 → 121 in 2025: 0.1 a year
    assert rules.required_cagr(100, 2023, 121, 2025) == pytest.approx(0.10)
    # already above the target: the affordable fall, 81/100 over two years → 0.9 − 1 = −0.1
    assert rules.required_cagr(100, 2023, 81, 2025) == pytest.approx(-0.10)
    # target 0 from a positive value: −100%
    assert rules.required_cagr(100, 2023, 0, 2025) == pytest.approx(-1.0)


@pytest.mark.parametrize(
    ("latest", "year", "target", "deadline"),
    [
        (100, 2025, 121, 2025),  # deadline year already observed
        (100, 2026, 121, 2025),
        (0, 2023, 121, 2025),  # compound growth from zero
        (-5, 2023, 121, 2025),
        (100, 2023, -1, 2025),
    ],
)
def test_required_cagr_undefined_is_nan(latest, year, target, deadline):
    assert math.isnan(rules.required_cagr(latest, year, target, deadline))


def test_linear_rates():
    # (8 − 2) / (2023 − 2020) = 2 a year
    assert rules.linear_rate(2, 2020, 8, 2023) == pytest.approx(2.0)
    # R&D share: (3.8 − 3.75) / (2025 − 2024) = 0.05 points a year
    assert rules.required_linear_rate(3.75, 2024, 3.8, 2025) == pytest.approx(0.05)
    # linear growth works from zero, unlike compound growth: (10 − 0) / 5 = 2
    assert rules.required_linear_rate(0, 2020, 10, 2025) == pytest.approx(2.0)
    assert math.isnan(rules.linear_rate(2, 2023, 8, 2023))
    assert math.isnan(rules.required_linear_rate(3.75, 2025, 3.8, 2025))


def test_required_annual_flow():
    # 4 (亿元) accumulated target, 1.5 so far, one year left: 2.5 in that year
    assert rules.required_annual_flow(1.5, 1, 4.0) == pytest.approx(2.5)
    # 1000 patents, 400 so far, two years left: 300 a year
    assert rules.required_annual_flow(400, 2, 1000) == pytest.approx(300)
    # already reached: nothing more needed, not a negative flow
    assert rules.required_annual_flow(4.2, 1, 4.0) == 0.0
    assert math.isnan(rules.required_annual_flow(1.5, 0, 4.0))


@given(
    latest=st.floats(0.01, 1e6),
    gap_years=st.integers(1, 20),
    t1=st.floats(0.0, 1e6),
    t2=st.floats(0.0, 1e6),
)
def test_required_cagr_monotone_in_target(latest, gap_years, t1, t2):
    low, high = sorted((t1, t2))
    r_low = rules.required_cagr(latest, 2020, low, 2020 + gap_years)
    r_high = rules.required_cagr(latest, 2020, high, 2020 + gap_years)
    assert r_low <= r_high


# ---------------------------------------------------------------------------------------------------------
# Eurostat

# The real Haizhou R&D share case: 2017 2.68%, 2024 3.75%, target 3.8% in 2025.
RD = {
    "base_value": 2.68,
    "base_year": 2017,
    "latest_value": 3.75,
    "latest_year": 2024,
    "target_value": 3.8,
    "deadline": 2025,
}


def test_eurostat_rd_share_case():
    # actual   = (3.75/2.68)^(1/7) − 1 = exp(ln(1.399254)/7) − 1 = exp(0.047992) − 1 = 0.04916 (4.92%)
    # required = (3.8/2.68)^(1/8) − 1  = exp(ln(1.417910)/8) − 1 = exp(0.043648) − 1 = 0.04461 (4.46%)
    # R = 0.04916 / 0.04461 = 1.102 ≥ 0.95 → significant progress
    actual = (3.75 / 2.68) ** (1 / 7) - 1
    required = (3.8 / 2.68) ** (1 / 8) - 1
    result = rules.eurostat_progress(**RD)
    assert result.rule == "eurostat"
    assert result.computable
    assert result.value == pytest.approx(actual / required)
    assert result.value == pytest.approx(1.102, abs=0.001)
    assert (result.category_code, result.category_zh) == ("significant_progress", "显著进展")
    assert "4.92%" in result.explanation_en and "4.46%" in result.explanation_en
    assert "4.92%" in result.explanation_zh and "4.46%" in result.explanation_zh


# Synthetic: base 1 in 2020, target 1024 = 2^10 in 2030 → required CAGR exactly 1.0 (100% a year), so the
# ratio R equals the actual CAGR over 2020–2025, and latest = (1 + R)^5.
SYN = {"base_value": 1.0, "base_year": 2020, "latest_year": 2025, "target_value": 1024.0, "deadline": 2030}


@pytest.mark.parametrize(
    ("latest", "ratio", "code"),
    [
        (1.95**5, 0.95, "significant_progress"),  # exactly on the 0.95 boundary → the better category
        (1.9**5, 0.90, "moderate_progress"),
        (1.6**5, 0.60, "moderate_progress"),  # exactly 0.60
        (1.5**5, 0.50, "insufficient_progress"),
        (1.0, 0.0, "insufficient_progress"),  # no change at all is insufficient, not movement away
        (0.5**5, -0.5, "moving_away"),
    ],
)
def test_eurostat_boundaries_end_to_end(latest, ratio, code):
    result = rules.eurostat_progress(latest_value=latest, **SYN)
    assert result.value == pytest.approx(ratio)
    assert result.category_code == code


@pytest.mark.parametrize(
    ("ratio", "code"),
    [
        (0.95, "significant_progress"),
        (0.9499, "moderate_progress"),
        (0.60, "moderate_progress"),
        (0.5999, "insufficient_progress"),
        (0.0, "insufficient_progress"),
        (-0.0001, "moving_away"),
    ],
)
def test_eurostat_category_boundaries(ratio, code):
    assert rules.eurostat_category(ratio) == code


def test_eurostat_movement_away():
    # synthetic: 3.0 (2017) → 2.5 (2024), target 3.8 (2025)
    # actual = (2.5/3)^(1/7) − 1 = −0.02571; required = (3.8/3)^(1/8) − 1 = +0.03000; R = −0.857 < 0
    result = rules.eurostat_progress(3.0, 2017, 2.5, 2024, 3.8, 2025)
    assert result.category_code == "moving_away"
    assert result.category_zh == "背离目标"
    assert result.value == pytest.approx(((2.5 / 3) ** (1 / 7) - 1) / ((3.8 / 3) ** (1 / 8) - 1))
    assert result.value < 0


@pytest.mark.parametrize("latest", [3.8, 3.9])
def test_eurostat_already_met(latest):
    # at (3.8) or beyond (3.9) the target in the latest year → met, whatever the ratio
    result = rules.eurostat_progress(2.68, 2017, latest, 2024, 3.8, 2025)
    assert (result.category_code, result.category_zh) == ("met", "已达到")


def test_eurostat_base_met_then_fell():
    # synthetic: base 5 already met the target 4.5, latest 4 fell below it. Both growth rates are negative
    # (their ratio would read as "progress"), so the rule must say movement away.
    result = rules.eurostat_progress(5.0, 2020, 4.0, 2024, 4.5, 2025)
    assert result.category_code == "moving_away"
    assert math.isnan(result.value)


def test_eurostat_not_computable_cases():
    one_year = rules.eurostat_progress(3.75, 2024, 3.75, 2024, 3.8, 2025)
    assert not one_year.computable
    assert one_year.explanation_zh == "需要至少两个年份的观测值"
    assert one_year.explanation_en == "needs observations in at least two years"
    assert math.isnan(one_year.value)

    zero_base = rules.eurostat_progress(0.0, 2020, 5.0, 2024, 10.0, 2025)
    assert not zero_base.computable
    assert "positive" in zero_base.explanation_en

    missing = rules.eurostat_progress(2.68, 2017, math.nan, 2024, 3.8, 2025)
    assert not missing.computable
    assert "latest_value" in missing.explanation_en and "最新值" in missing.explanation_zh


# ---------------------------------------------------------------------------------------------------------
# SDSN


def test_sdsn_rd_share_case():
    # actual = (3.75 − 2.68) / 7 = 1.07 / 7 = 0.152857 a year; needed = (3.8 − 2.68) / 8 = 1.12 / 8 = 0.14
    # actual ≥ needed → on track; share = 0.152857 / 0.14 = 1.0918
    result = rules.sdsn_trend(**RD)
    assert result.computable
    assert (result.category_code, result.category_zh) == ("on_track", "正常推进")
    assert result.value == pytest.approx((1.07 / 7) / 0.14)
    assert "0.1529" in result.explanation_en and "0.14" in result.explanation_en


# Synthetic: base 0 in 2020, target 10 in 2030 → needed 1.0 a year; latest in 2025 → actual = latest / 5.
@pytest.mark.parametrize(
    ("latest", "code", "zh"),
    [
        (5.0, "on_track", "正常推进"),  # 1.0 a year = needed
        (4.0, "moderately_improving", "温和改善"),  # 0.8 of needed
        (2.6, "moderately_improving", "温和改善"),  # 0.52 of needed
        (2.5, "stagnating", "停滞"),  # exactly 0.5 of needed: not MORE than half → stagnating
        (0.0, "stagnating", "停滞"),  # no change
        (-1.0, "decreasing", "倒退"),  # −0.2 a year
        (10.0, "on_track", "正常推进"),  # already met
    ],
)
def test_sdsn_boundaries(latest, code, zh):
    result = rules.sdsn_trend(0.0, 2020, latest, 2025, 10.0, 2030)
    assert (result.category_code, result.category_zh) == (code, zh)


def test_sdsn_not_computable_with_one_year():
    result = rules.sdsn_trend(3.0, 2024, 3.0, 2024, 3.8, 2025)
    assert not result.computable
    assert result.explanation_en == "needs observations in at least two years"


# ---------------------------------------------------------------------------------------------------------
# Destatis


def test_destatis_rd_share_case_not_computable():
    # only two observed years (2017 and 2024), not four consecutive ones
    result = rules.destatis_trend({2017: 2.68, 2024: 3.75}, 3.8, 2025)
    assert not result.computable
    assert math.isnan(result.value)
    assert "4" in result.explanation_en and "1 consecutive" in result.explanation_en
    assert "连续4个" in result.explanation_zh


# Synthetic linear series 2019..2024 = 0, 1, ..., 5: mean change 1.0 a year; latest 5.
LINEAR = {2019 + i: float(i) for i in range(6)}


@pytest.mark.parametrize(
    ("target", "deadline", "miss", "code"),
    [
        # projection = 5 + (deadline − 2024); miss share = (target − projection) / (target − 5)
        (25.0, 2043, 0.05, "missed_5_20"),  # 5 + 19 = 24; (25 − 24) / 20 = 0.05 exactly → not "< 5%"
        (10.0, 2028, 0.20, "missed_5_20"),  # 5 + 4 = 9; (10 − 9) / 5 = 0.20 exactly → still 5–20%
        (10.5, 2028, 1.5 / 5.5, "missed_over_20"),  # 9; 1.5 / 5.5 = 0.273
        (26.0, 2044, 1 / 21, "reached"),  # 5 + 20 = 25; 1 / 21 = 0.0476 < 0.05
        (8.0, 2028, 0.0, "reached"),  # projection 9 overshoots the target 8: miss share 0
    ],
)
def test_destatis_level_boundaries(target, deadline, miss, code):
    result = rules.destatis_trend(LINEAR, target, deadline)
    assert result.computable
    assert result.value == pytest.approx(miss)
    assert result.category_code == code


@pytest.mark.parametrize(
    ("miss", "code"),
    [
        (0.0499, "reached"),
        (0.05, "missed_5_20"),
        (0.20, "missed_5_20"),
        (0.2001, "missed_over_20"),
    ],
)
def test_destatis_category_boundaries(miss, code):
    assert rules.destatis_category(miss) == code


def test_destatis_uses_only_the_last_six_points():
    # 2015 = 100 would make the all-years change (5 − 100) / 9 < 0 (wrong direction); the rule uses the last
    # five changes only (2019..2024): +1 a year, projection to 2028 = 9, miss (10 − 9) / 5 = 0.2
    history = {2015: 100.0, 2016: 80.0, 2017: 60.0, 2018: 40.0, **LINEAR}
    result = rules.destatis_trend(pd.Series(history), 10.0, 2028)
    assert result.category_code == "missed_5_20"
    assert result.value == pytest.approx(0.2)


def test_destatis_wrong_direction():
    # falling 5, 4, 3, 2 while below the target 10
    falling = rules.destatis_trend({2021: 5.0, 2022: 4.0, 2023: 3.0, 2024: 2.0}, 10.0, 2026)
    assert (falling.category_code, falling.category_zh) == ("wrong_direction", "方向错误")
    # flat: the gap is not closing either
    flat = rules.destatis_trend({2021: 3.0, 2022: 3.0, 2023: 3.0, 2024: 3.0}, 10.0, 2026)
    assert flat.category_code == "wrong_direction"


def test_destatis_already_met_level():
    history = {2021: 10.0, 2022: 9.0, 2023: 8.0, 2024: 7.0}  # met target 6, falling 1 a year
    # to 2025: 7 − 1 = 6 ≥ 6 → still reached
    assert rules.destatis_trend(history, 6.0, 2025).category_code == "reached"
    # to 2026: 7 − 2 = 5 < 6 → the trend takes it back below the target
    assert rules.destatis_trend(history, 6.0, 2026).category_code == "wrong_direction"


def test_destatis_needs_four_consecutive_points():
    # 2021..2024 consecutive (4) after a gap in 2020: computable
    assert rules.destatis_trend(
        {2018: 1.0, 2019: 2.0, 2021: 4.0, 2022: 5.0, 2023: 6.0, 2024: 7.0}, 20.0, 2026
    ).computable
    # 2022..2024 (3) after a gap: not computable, and says it has 3
    short = rules.destatis_trend({2019: 1.0, 2020: 2.0, 2022: 4.0, 2023: 5.0, 2024: 6.0}, 20.0, 2026)
    assert not short.computable
    assert "has 3 consecutive" in short.explanation_en
    # a NaN is a gap, never a zero
    with_nan = rules.destatis_trend(
        pd.Series({2020: 1.0, 2021: math.nan, 2022: 2.0, 2023: 3.0, 2024: 4.0}), 20.0, 2026
    )
    assert not with_nan.computable
    assert not rules.destatis_trend({}, 20.0, 2026).computable


@pytest.mark.parametrize(
    ("history", "deadline", "code", "projected"),
    [
        # floor 500 (at least 500 each year)
        ({2021: 600.0, 2022: 580.0, 2023: 560.0, 2024: 540.0}, 2025, "met_trend_safe", 520.0),  # 540 − 20
        (
            {2021: 600.0, 2022: 580.0, 2023: 560.0, 2024: 540.0},
            2027,
            "met_trend_threatens",
            480.0,
        ),  # 540 − 60
        ({2021: 400.0, 2022: 420.0, 2023: 440.0, 2024: 460.0}, 2025, "missed_not_worsening", 480.0),
        ({2021: 450.0, 2022: 450.0, 2023: 450.0, 2024: 450.0}, 2025, "missed_not_worsening", 450.0),
        ({2021: 460.0, 2022: 440.0, 2023: 420.0, 2024: 400.0}, 2025, "missed_worsening", 380.0),
    ],
)
def test_destatis_floor(history, deadline, code, projected):
    result = rules.destatis_trend(history, 500.0, deadline, floor=True)
    assert result.category_code == code
    assert result.value == pytest.approx(projected)


# ---------------------------------------------------------------------------------------------------------
# China mid-term review


def test_china_midterm_rd_share_case():
    # progress = (3.75 − 2.68) / (3.8 − 2.68) = 1.07 / 1.12 = 0.9554; elapsed = 7 / 8 = 0.875
    # 0.875 − 0.10 ≤ 0.9554 < 0.875 + 0.10 = 0.975 → on schedule
    result = rules.china_midterm(**RD)
    assert result.value == pytest.approx(1.07 / 1.12)
    assert (result.category_code, result.category_zh) == ("on_schedule", "基本符合预期")


# Synthetic: base 0 in 2023, target 100 in 2025, latest 2024 → elapsed 0.5; progress = latest / 100.
@pytest.mark.parametrize(
    ("latest", "code", "zh"),
    [
        (60.0, "ahead", "快于预期"),  # 0.60 = 0.5 + 0.10 exactly → ahead
        (59.0, "on_schedule", "基本符合预期"),
        (40.0, "on_schedule", "基本符合预期"),  # 0.40 = 0.5 − 0.10 exactly → on schedule
        (39.0, "lagging", "滞后"),
        (-5.0, "lagging", "滞后"),
        (100.0, "achieved", "提前实现"),
    ],
)
def test_china_midterm_boundaries(latest, code, zh):
    result = rules.china_midterm(0.0, 2023, latest, 2024, 100.0, 2025)
    assert (result.category_code, result.category_zh) == (code, zh)
    assert result.value == pytest.approx(latest / 100)


def test_china_midterm_achieved_in_the_deadline_year_is_not_early():
    result = rules.china_midterm(0.0, 2023, 100.0, 2025, 100.0, 2025)
    assert (result.category_code, result.category_zh) == ("achieved", "已实现")


def test_china_midterm_cumulative():
    # 4 亿元 of contracts accumulated over 2024–2025 (base 0 at 2023); 1.5 in 2024:
    # progress = 1.5 / 4 = 0.375; elapsed = (2024 − 2023) / (2025 − 2023) = 0.5; 0.375 < 0.40 → lagging
    lagging = rules.china_midterm(0.0, 2023, 1.5, 2024, 4.0, 2025, cumulative=True, period_start=2024)
    assert lagging.value == pytest.approx(0.375)
    assert lagging.category_code == "lagging"
    assert "1.5" in lagging.explanation_en and "38%" in lagging.explanation_en
    # 2.0 → 0.5 = elapsed → on schedule; period_start defaults to base_year + 1
    on_schedule = rules.china_midterm(0.0, 2023, 2.0, 2024, 4.0, 2025, cumulative=True)
    assert on_schedule.category_code == "on_schedule"
    # 4.2 → beyond the cumulative target before the deadline → achieved early
    early = rules.china_midterm(0.0, 2023, 4.2, 2024, 4.0, 2025, cumulative=True, period_start=2024)
    assert (early.category_code, early.category_zh) == ("achieved", "提前实现")
    # no observed year in the period yet: not computable (rather than "on schedule" from 0 of 0)
    none_yet = rules.china_midterm(0.0, 2023, 0.0, 2023, 4.0, 2025, cumulative=True, period_start=2024)
    assert not none_yet.computable


def test_china_midterm_cumulative_rejects_inconsistent_base():
    with pytest.raises(ParameterError):
        rules.china_midterm(1.0, 2023, 1.5, 2024, 4.0, 2025, cumulative=True, period_start=2024)
    with pytest.raises(ParameterError):
        rules.china_midterm(0.0, 2022, 1.5, 2024, 4.0, 2025, cumulative=True, period_start=2024)


def test_china_midterm_not_computable_with_one_year():
    result = rules.china_midterm(3.75, 2024, 3.75, 2024, 3.8, 2025)
    assert not result.computable
    assert result.explanation_zh == "需要至少两个年份的观测值"


# ---------------------------------------------------------------------------------------------------------
# Verdict scale


@pytest.mark.parametrize(
    ("p", "code", "zh"),
    [
        (1.0, "very_likely", "很可能"),
        (0.90, "very_likely", "很可能"),
        (0.8999, "likely", "可能"),
        (0.66, "likely", "可能"),
        (0.6599, "about_as_likely_as_not", "可能性相当"),
        (0.33, "about_as_likely_as_not", "可能性相当"),
        (0.3299, "unlikely", "不太可能"),
        (0.10, "unlikely", "不太可能"),
        (0.0999, "very_unlikely", "极不可能"),
        (0.0, "very_unlikely", "极不可能"),
    ],
)
def test_likelihood_verdict_boundaries(p, code, zh):
    verdict = rules.likelihood_verdict(p)
    assert (verdict.code, verdict.zh) == (code, zh)


@pytest.mark.parametrize("p", [math.nan, -0.01, 1.01, math.inf, "0.5", None, True])
def test_likelihood_verdict_rejects_bad_p(p):
    with pytest.raises(ParameterError):
        rules.likelihood_verdict(p)


def test_fixed_verdicts():
    assert (rules.ACHIEVED.code, rules.ACHIEVED.zh) == ("achieved", "已实现")
    assert (rules.MISSED.code, rules.MISSED.zh) == ("missed", "未实现")
    assert (rules.INSUFFICIENT_DATA.code, rules.INSUFFICIENT_DATA.zh) == ("insufficient_data", "数据不足")
    assert (rules.NOT_QUANTIFIABLE.code, rules.NOT_QUANTIFIABLE.zh) == ("not_quantifiable", "定性目标")


_SCALE_ORDER = ["very_unlikely", "unlikely", "about_as_likely_as_not", "likely", "very_likely"]


@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_likelihood_verdict_monotone(p1, p2):
    low, high = sorted((p1, p2))
    assert _SCALE_ORDER.index(rules.likelihood_verdict(low).code) <= _SCALE_ORDER.index(
        rules.likelihood_verdict(high).code
    )


_EUROSTAT_ORDER = ["moving_away", "insufficient_progress", "moderate_progress", "significant_progress", "met"]


@given(st.floats(0.01, 100.0), st.floats(0.01, 100.0), st.floats(0.01, 100.0), st.floats(0.01, 100.0))
def test_eurostat_category_never_worse_for_a_higher_latest_value(base, target, v1, v2):
    low, high = sorted((v1, v2))
    cat_low = rules.eurostat_progress(base, 2017, low, 2024, target, 2025).category_code
    cat_high = rules.eurostat_progress(base, 2017, high, 2024, target, 2025).category_code
    assert _EUROSTAT_ORDER.index(cat_low) <= _EUROSTAT_ORDER.index(cat_high)
