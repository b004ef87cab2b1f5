"""Plan draft (issue 14 point 2, plan8): the plan's own parts are no target, a figure of a class says what is
counted, and the kind of a count follows its verb. See benchmarks/README.md, "plan8".

Every plan sentence here is written for these tests (fictional, no text from any real plan).
"""

from __future__ import annotations

from dataclasses import replace

import pytest
import yaml
from test_assess import synthetic_observations, synthetic_target

from hzanalysis import plan_registry
from hzanalysis.assess import assess_target
from hzanalysis.labels import message_text
from tests.plan_helpers import REVIEW_FIELDS, draft, draft_and_check, got

# --- The plan's own structure (counts of its actions, programmes, tasks) is no target ---


def test_counts_of_the_plans_own_actions_are_no_target(tmp_path):
    # main drafted 4个 and 24项 as targets (3 of round 10's 9 false targets were of this form)
    text = (
        "二、主要目标\n到2028年,全县高新技术企业达到80家。\n"
        "三、重点任务\n《方案》将实施人才引育、平台提升等五大行动和24项工程。"
        "方案设置了主体培育、成果转化等4个专项行动,共计18项任务。\n"
    )
    assert got(draft(tmp_path, text, deadline=2028)) == [("level", ">=", 80.0, "家")]


def test_works_counted_without_the_plan_as_subject_stay_targets(tmp_path):
    # 百项技改工程 are works to be done, not parts of the plan: the rule above must not drop them
    text = "二、主要目标\n到2028年,启动实施百项技改工程,实施重点研发项目30项。\n"
    assert [(v, u) for _, _, v, u in got(draft(tmp_path, text, deadline=2028))] == [
        (100.0, "项"),
        (30.0, "项"),
    ]


# --- A figure of a class (50亿元级) says what is counted, never the value ---


def test_an_amount_of_a_class_is_no_value(tmp_path):
    # main drafted 50亿元 as a target of a list of what the plan will count
    text = "二、主要目标\n到2028年,重点培育的市场主体包括营业收入达到50亿元级企业、新增瞪羚企业数量等。\n"
    assert got(draft(tmp_path, text, deadline=2028)) == []


def test_list_items_of_one_value_and_different_classes_are_two_targets(tmp_path):
    # main merged 8亿元级产品1个 and 6亿元级产品1个 into one entry (same value, unit, no indicator)
    text = "二、主要目标\n到2028年,培育年产值20亿元级产品3个、8亿元级产品1个、6亿元级产品1个。\n"
    assert [d.value for d in draft(tmp_path, text, deadline=2028)] == [3.0, 1.0, 1.0]


# --- The kind of a count follows its verb: additions over the period are sums, stocks reached are levels ---


def test_additions_over_the_period_are_sums_and_stocks_reached_levels(tmp_path):
    # main drafted every one as a level: 2 airports built in the last year alone, not over the plan
    text = (
        "二、主要目标\n到2030年,全县新建通用机场2个以上,开通低空航线12条以上,培育应用场景8个,"
        "培育高新技术企业达到300家,建成起降点150个。\n"
    )
    assert got(draft(tmp_path, text)) == [
        ("cumulative", ">=", 2.0, "个"),
        ("cumulative", ">=", 12.0, "条"),
        ("cumulative", ">=", 8.0, "个"),
        ("level", ">=", 300.0, "家"),
        ("level", ">=", 150.0, "个"),
    ]


def test_the_verb_of_addition_covers_the_later_items_of_its_list(tmp_path):
    # as 每年 does: the items after 培育 have no verb of their own
    text = "二、主要目标\n到2030年,培育年产值20亿元级产品3个、8亿元级产品1个。\n"
    assert [d.kind for d in draft(tmp_path, text)] == ["cumulative", "cumulative"]


def test_a_verb_before_de_says_which_things_are_counted(tmp_path):
    # 依托…(新建)的平台 are the platforms counted, whenever built: the stock reached
    text = "二、主要目标\n到2030年,依托龙头企业(新建)的市级以上创新平台达到60个以上。\n"
    assert [d.kind for d in draft(tmp_path, text)] == ["level"]


def test_an_addition_on_a_flow_indicator_is_checked_and_judged_as_a_sum(tmp_path):
    columns, targets = draft_and_check(
        tmp_path, "科技创新", "到2028年,全县新增高新技术企业50家,高新技术企业达到120家。"
    )
    # main wrote hte_net_new as a level of 50 (met by one year's 50 net new alone); now a sum over the
    # plan period 2026-2028 that `plan check` accepts (only the fields a person fills remain)
    assert columns <= REVIEW_FIELDS
    assert [(t["indicator"], t["kind"], t["period_start"]) for t in targets] == [
        ("hte_net_new", "cumulative", 2026),
        ("hte_count", "level", None),
    ]


# --- A change in percentage points (比2025年提高3个百分点) is a growth of the share in points ---


def test_a_change_in_points_is_a_growth_in_points_over_the_base_year(tmp_path):
    # main drafted a level of 3 个 (a share of 3, met by any share) with no indicator
    text = "二、主要目标\n到2030年,全县研发经费投入强度比2025年提高0.8个百分点,技术合同成交额达到20亿元。\n"
    drafts = draft(tmp_path, text)
    assert [(d.kind, d.comparator, d.value, d.unit, d.indicator, d.base_year) for d in drafts] == [
        ("growth", ">=", 0.8, "个百分点", "rd_share_gdp", 2025),
        ("level", ">=", 20.0, "亿元", "tech_contract_value", None),
    ]


def test_a_fall_in_points_is_met_by_any_fall_as_deep(tmp_path):
    text = "二、主要目标\n到2030年,全县规上企业亏损面比2025年下降2个百分点。\n"
    assert got(draft(tmp_path, text)) == [("growth", "<=", -2.0, "个百分点")]


def test_plan_check_takes_a_growth_in_points_of_a_share_only(tmp_path):
    columns, targets = draft_and_check(
        tmp_path, "科技创新", "到2028年,全县研发经费投入强度比2025年提高0.6个百分点。"
    )
    assert columns <= REVIEW_FIELDS
    assert [(t["kind"], t["unit"], t["period_start"]) for t in targets] == [("growth", "个百分点", 2025)]
    path = tmp_path / "out"
    registry = next(path.rglob("targets.yaml"))
    entries = yaml.safe_load(registry.read_text(encoding="utf-8"))
    entries["targets"][0]["indicator"] = "tech_contract_value"  # points of an amount in 亿元 mean nothing
    registry.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    problems = plan_registry.check_plan(registry.parent)
    assert [(p.column, p.found) for p in problems if p.column == "unit"] == [("unit", "'个百分点'")]


def test_a_growth_in_points_is_judged_as_the_base_share_plus_the_points():
    # 比2022年提高0.8个百分点 over 2022's 2.3%: 2.3 + 0.8 = 3.1% required in 2025 (compounding 0.8% on it
    # would give 2.318%, and a level of 0.8 would be met by any share)
    target = replace(
        synthetic_target(),
        kind="growth",
        value=0.8,
        unit="个百分点",
        indicator="rd_share_gdp",
        period_start=2022,
    )

    def judged(final):
        series = {2022: 2.3, 2023: 2.5, 2024: 2.8, 2025: final}
        obs = synthetic_observations(series, indicator="rd_share_gdp", unit="%", domain="share")
        return assess_target(target, obs)

    assert judged(3.15).status == "achieved"
    missed = judged(3.05)
    assert missed.status == "missed" and missed.target.value == pytest.approx(3.1)
    assert message_text(missed.warnings[0], "en") == (
        "growth target 0.8 percentage points over the 2022 figure 2.3%: requires 3.1% in 2025"
    )


# --- Firms counted among the first are a count, not the region's rank ---


def test_firms_among_the_first_are_a_count_not_the_regions_rank(tmp_path):
    # main drafted two ranks (前二十位 and 第一梯队 as first place); the region's own rank stays one
    text = (
        "二、主要目标\n到2030年,其中2家进入全国同行业前二十位,一批企业进入国际第一梯队,"
        "全县综合实力进入全省前十位。\n"
    )
    assert got(draft(tmp_path, text)) == [("level", ">=", 2.0, "家"), ("rank", "top", 10.0, "位")]


def test_a_stock_word_inside_a_qualifier_does_not_undo_the_addition(tmp_path):
    # 超过 qualifies the firms counted (…超过10亿元的), it is no stock reached: 5 new firms over the period
    text = "二、主要目标\n到2030年,培育销售收入超过10亿元的骨干企业5家。\n"
    assert got(draft(tmp_path, text)) == [("cumulative", ">=", 5.0, "家")]


def test_a_base_figure_is_never_the_target(tmp_path):
    # main drafted 18亿元 (the 2025 figure the news compares with) as a second target
    text = "二、主要目标\n到2030年全县技术合同成交额超过30亿元。相比较2025年的18亿元,增长较快。\n"
    assert got(draft(tmp_path, text)) == [("level", ">", 30.0, "亿元")]


# --- A rate of growth is a growth however it is named ---


def test_a_rate_of_growth_is_a_growth_however_named(tmp_path):
    # main: 复合 between 年均 and 增长率 gave a yearly floor of 15%, 年均增速超过 a level of 12%, 增速/涨幅 N%
    # levels of a share; each is a rate per year, judged against the base year's figure
    text = (
        "二、主要目标\n到2030年,全县数字经济核心产业年均复合增长率保持15%左右,软件业务收入年均增速超过12%,"
        "规上工业增加值增速达到8%,居民消费价格涨幅3%左右。\n"
    )
    assert got(draft(tmp_path, text)) == [
        ("growth", "~", 15.0, "%/年"),
        ("growth", ">", 12.0, "%/年"),
        ("growth", ">=", 8.0, "%/年"),
        ("growth", "~", 3.0, "%/年"),
    ]
