"""Plan draft on the forms round 8 of real plans showed missing (issue 14 point 2): falls and ceilings, round
amounts written without digits, one value for several subjects (均), each subject of 分别 with its own
indicator, 年均增长…左右, 万亿元 of an indicator kept in 亿元, 用N年时间, a headline cut from its subject and
a composite rank; and the judgement of a ceiling or a fall.

Every plan sentence here is written for these tests (fictional, no text from any real plan); the observation
files are synthetic.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from test_assess import synthetic_observations, synthetic_target

from hzanalysis.assess import assess_target
from hzanalysis.probability import bound_decides, meets
from hzanalysis.targets import COMPARATORS
from tests.plan_helpers import REVIEW_FIELDS, draft, draft_and_check


def test_falls_are_growth_of_negative_value_and_ceilings_are_at_most(tmp_path):
    drafts = draft(
        tmp_path,
        "二、主要目标\n到2030年,全县单位地区生产总值能耗比2025年下降12%,规上工业单位增加值能耗降低3%左右,"
        "化学需氧量、氨氮排放总量比2025年分别下降6%、6%,产品抽检不合格率从2025年的8%降低到5%,"
        "重点企业废水排放达标率保持在95%以上,研发人员流失率控制在3%以内。\n",
    )
    got = [(d.kind, d.comparator, d.value, d.unit, d.indicator) for d in drafts]
    assert got == [
        # 下降12%: a growth of -12% over 2025, met by any fall of 12% or more
        ("growth", "<=", -12, "%", None),
        ("growth", "~", -3, "%", None),
        # one clause, two pollutants, the same fall each: two targets, not one merged
        ("growth", "<=", -6, "%", None),
        ("growth", "<=", -6, "%", None),
        ("level", "<=", 5, "%", None),
        ("level", ">=", 95, "%", None),
        ("level", "<=", 3, "%", None),
    ]
    assert drafts[0].base_year == 2025
    # 单位地区生产总值能耗 (energy per unit of GDP) is not GDP
    assert all(d.indicator != "gdp" for d in drafts)


def test_round_amounts_written_without_digits(tmp_path):
    drafts = draft(
        tmp_path,
        "二、主要目标\n到2030年,全县数字经济规模突破千亿元,装备制造业产值力争突破万亿元,"
        "新材料产业规模达到近百亿元,加快打造万亿级产业高地。\n",
    )
    got = [(d.value, d.unit, d.comparator) for d in drafts]
    # 近 is approximate as 约; 打造万亿级… names a scale, sets no figure
    assert got == [(1000, "亿元", ">"), (1, "万亿元", ">"), (100, "亿元", "~")]


def test_one_value_for_several_subjects_gives_one_target_each(tmp_path):
    drafts = draft(
        tmp_path,
        "二、主要目标\n到2030年,高新技术产业产值占比和战略性新兴产业产值占比均达到60%以上。\n"
        "到2027年,电子信息产业占工业总产值比重达到40%,软件业占服务业增加值比重达到45%;"
        "到2030年,上述两项指标均提高到50%以上。\n",
    )
    got = [(d.value, d.indicator, d.deadline) for d in drafts]
    assert got == [
        (60, "hitech_output_share", 2030),
        (60, None, 2030),
        (40, None, 2027),
        (45, None, 2027),
        (50, None, 2030),
        (50, None, 2030),
    ]
    # 上述两项 are the two named before: each 50% entry is named after one of them
    assert "电子信息产业" in drafts[4].name_zh and "软件业" in drafts[5].name_zh


def test_each_subject_of_respectively_has_its_own_indicator(tmp_path):
    drafts = draft(
        tmp_path, "二、主要目标\n到2030年,国家高新技术企业和科技型中小企业数量分别达到600家和1000家。\n"
    )
    assert [(d.value, d.indicator) for d in drafts] == [(600, "hte_count"), (1000, "tech_smes")]


def test_growth_about_is_approximate(tmp_path):
    drafts = draft(tmp_path, "二、主要目标\n到2030年,全社会研发经费年均增长10%左右。\n")
    assert [(d.kind, d.comparator, d.value, d.unit, d.indicator) for d in drafts] == [
        ("growth", "~", 10, "%/年", "rd_expenditure")
    ]


def test_wan_yi_of_an_indicator_kept_in_yi_is_written_in_yi(tmp_path):
    drafts = draft(
        tmp_path,
        "二、主要目标\n到2030年,全省技术合同成交额达到1.2万亿元,高新区工业总产值达到1.5万亿元。\n",
    )
    got = [(d.value, d.unit, d.indicator) for d in drafts]
    # 1.2万亿元 = 12,000亿元 (tech_contract_value is kept in 亿元); a zone's output is not the region's
    assert got == [(12000, "亿元", "tech_contract_value"), (1.5, "万亿元", None)]


def test_a_count_over_the_years_named_is_cumulative(tmp_path):
    drafts = draft(tmp_path, "二、主要目标\n到2030年,用3年时间推广应用150项新技术新产品。\n")
    assert [(d.kind, d.value) for d in drafts] == [("cumulative", 150)]


def test_a_headline_cut_from_its_subject_is_the_same_target(tmp_path):
    drafts = draft(
        tmp_path,
        "2030年制造业增加值\n占生产总值比重超30%\n二、主要目标\n到2030年,制造业增加值占生产总值比重超过30%。\n",
    )
    # 占生产总值比重 alone is the share of what the headline's first line names, not R&D's share of GDP
    assert len(drafts) == 1
    assert drafts[0].indicator is None and drafts[0].value == 30
    assert drafts[0].quotes == ["占生产总值比重超30%", "制造业增加值占生产总值比重超过30%"]


def test_a_composite_rank_has_no_catalogue_indicator(tmp_path):
    drafts = draft(tmp_path, "二、主要目标\n到2030年,力争全县科技创新综合排名进入全省前三。\n")
    assert [(d.kind, d.comparator, d.value, d.indicator) for d in drafts] == [("rank", "top", 3, None)]


def test_a_ceiling_and_a_fall_are_registry_comparators():
    assert "<=" in COMPARATORS["level"] and {"<=", "~"} <= COMPARATORS["growth"]
    # at most 5: 4.9 and 5 meet it, 5.1 does not
    assert meets(pytest.importorskip("numpy").array([4.9, 5.0, 5.1]), "<=", 5.0).tolist() == [
        True,
        True,
        False,
    ]
    assert bound_decides("<", 4.0, "<=", 5.0) is True  # a figure below 4 is below 5
    assert bound_decides(">", 6.0, "<=", 5.0) is False  # a figure above 6 is above 5
    assert bound_decides(">", 3.0, "<=", 5.0) is None  # above 3 says nothing about 5


def test_a_ceiling_is_met_at_or_below_its_value():
    target = replace(synthetic_target(), value=5.0, unit="%", indicator="rd_share_gdp", comparator="<=")

    def status(final):
        obs = synthetic_observations(
            {2024: 6.0, 2025: final}, indicator="rd_share_gdp", unit="%", domain="share"
        )
        return assess_target(target, obs).status

    assert (status(4.8), status(5.0), status(5.2)) == ("achieved", "achieved", "missed")


def test_a_fall_is_judged_against_the_base_year_figure():
    # 比2022年下降10%: from 20亿元 in 2022, at most 20 × 0.9 = 18亿元 in 2025
    target = replace(
        synthetic_target(),
        kind="growth",
        comparator="<=",
        value=-10,
        unit="%",
        indicator="rd_expenditure",
        period_start=2022,
    )

    def status(final, comparator="<="):
        obs = synthetic_observations(
            {2022: 20.0, 2023: 19.5, 2024: 19.0, 2025: final},
            indicator="rd_expenditure",
            unit="亿元",
            domain="amount",
        )
        return assess_target(replace(target, comparator=comparator), obs).status

    assert (status(17.9), status(18.1)) == ("achieved", "missed")
    # 下降10%左右: met up to 5% above the level it requires, 18 × 1.05 = 18.9亿元
    assert (status(18.8, "~"), status(19.0, "~")) == ("achieved", "missed")


def test_plan_check_accepts_a_drafted_fall_and_ceiling(tmp_path):
    problems, targets = draft_and_check(
        tmp_path,
        "节能",
        "到2028年,全县单位地区生产总值能耗比2025年下降12%,产品抽检不合格率从2025年的8%降低到5%。",
    )
    # the new indicators and their English names are left for review; value and comparator are right
    assert problems <= REVIEW_FIELDS
    assert [(t["value"], t["comparator"]) for t in targets] == [
        (-12, "<="),
        (5, "<="),
    ]


def test_first_n_written_as_n_strong_is_a_rank(tmp_path):
    drafts = draft(
        tmp_path,
        "二、主要目标\n到2030年,全县进入全国创新百强县,科技进步水平跻身全省十强,综合实力显著增强,"
        "若干企业进入全国民营企业百强。\n",
    )
    numeric = [(d.kind, d.comparator, d.value) for d in drafts if d.kind != "qualitative"]
    # 增强 is no rank, and some firms among the first 100 are not the county's place
    assert numeric == [("rank", "top", 100), ("rank", "top", 10)]


def test_qualitative_aims_of_the_goals_are_listed_apart(tmp_path):
    drafts = draft(
        tmp_path,
        "二、主要目标\n到2030年,全县创新能力显著提升,规上企业研发机构实现基本覆盖,关键技术取得重要突破,"
        "高新技术企业达到100家。\n三、企业培育行动\n（一）实施企业梯队行动。服务能力显著提升。\n",
    )
    assert [d.kind for d in drafts] == ["level", "qualitative", "qualitative", "qualitative"]
    assert [d.quotes[0] for d in drafts[1:]] == [
        "全县创新能力显著提升",
        "规上企业研发机构实现基本覆盖",
        "关键技术取得重要突破",
    ]
