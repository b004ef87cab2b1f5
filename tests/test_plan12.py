"""Plan draft (issue 14 point 2, plan12): general forms of target statements missed or misread across the
real plan rounds 10–14. See benchmarks/README.md, "Plan12".

Every plan sentence here is written for these tests (fictional, no text from any real plan).
"""

from __future__ import annotations

from tests.plan_helpers import indicator_of as _indicator
from tests.plan_helpers import numeric as _numeric


def test_a_change_from_now_sets_its_second_figure():
    # main drafted nothing: 目前 read as the present told, so every clause was the past
    text = (
        "全县研发经费与地区生产总值的比例将由目前的1.4%提高到2.1%。"
        "全县工业园区数量从目前的第9位上升至前5位。"
        "技术合同成交额由目前的8亿元,提高到15亿元。\n"
    )
    found = [(d.kind, d.value, d.comparator) for d in _numeric(text)]
    assert found == [("level", 2.1, ">="), ("rank", 5.0, "top"), ("level", 15.0, ">=")]


def test_the_base_of_a_change_from_now_told_apart_is_no_target_and_names_the_subject():
    # the base 8亿元 in a clause of its own is no target; the change after it takes its subject
    text = "技术合同成交额由目前的8亿元,提高到15亿元。\n"
    (target,) = _numeric(text)
    assert (target.value, target.indicator) == (15.0, "tech_contract_value")


def test_the_present_without_a_change_stays_the_past():
    # guard: 目前 alone (no change to a figure) is still the present told
    assert _numeric("目前,全县高新技术企业达到60家。\n") == []


def test_a_ratio_to_gdp_is_the_share_of_gdp():
    # main matched 研发经费与国内生产总值之比 to the R&D amount, not to its share of GDP
    assert _indicator("全社会研发经费与国内生产总值之比") == "rd_share_gdp"
    assert _indicator("研发经费与地区生产总值的比例") == "rd_share_gdp"


def test_the_scope_of_the_whole_country_is_no_word_of_the_indicator():
    # main refused 全国技术市场合同交易总额 (全国 lowered the match below the threshold; 全市 did not)
    assert _indicator("全国技术市场合同交易总额") == "tech_contract_value"
