"""Plan draft on the forms round 9's untouched part showed missing or misread (issue 14 point 2): 倍增 as a
doubling, 分别 with counts written in 万, count units of services (台次, 人次, 批次), 每年 at the head of a
sentence reaching its later clauses, a part (其中工业产值) not matched to the region's 规模以上 whole, and
figures that are no targets: counted (据统计), on a line after the line that dates them, or estimated.

Every plan sentence here is written for these tests (fictional, no text from any real plan).
"""

from __future__ import annotations

from tests.plan_helpers import REVIEW_FIELDS, draft, draft_and_check, got


def test_beizeng_at_the_end_of_a_clause_is_a_doubling(tmp_path):
    drafts = draft(tmp_path, "二、主要目标\n到2030年,全县科技型企业数量实现倍增,发明专利授权量达到500件。\n")
    # 倍增 was not read at all: only the 500 patents were drafted
    assert got(drafts) == [("growth", ">=", 100, "%"), ("level", ">=", 500, "件")]


def test_a_programme_named_beizeng_sets_no_target_of_its_own(tmp_path):
    drafts = draft(
        tmp_path,
        "二、主要目标\n实施创新企业“双倍增”计划,到2030年,全县高新技术企业和科技型中小企业分别超过60家和400家。\n",
    )
    # the 双倍增 of the programme's name is no doubling; its targets are the two figures
    assert got(drafts) == [("level", ">", 60, "家"), ("level", ">", 400, "家")]


def test_respectively_with_counts_in_wan_gives_one_entry_per_subject(tmp_path):
    drafts = draft(
        tmp_path, "二、主要目标\n到2030年,全省高新技术企业和科技型中小企业分别达到1.2万家和3万家。\n"
    )
    # one entry of 12000 with no indicator before: 1.2万家 was not counted as a value of the 分别 list
    assert [(d.value, d.unit, d.indicator) for d in drafts] == [
        (12_000, "家", "hte_count"),
        (30_000, "家", "tech_smes"),
    ]


def test_service_counts_are_units(tmp_path):
    drafts = draft(
        tmp_path,
        "二、主要目标\n到2030年,大型仪器开放共享达到8000台次,提供检测服务1.2万批次,科技特派员服务企业5000人次。\n",
    )
    # 台次 was read as 台 and 批次, 人次 not at all
    assert got(drafts) == [
        ("level", ">=", 8000, "台次"),
        ("level", ">=", 12_000, "批次"),
        ("level", ">=", 5000, "人次"),
    ]


def test_plan_check_accepts_a_count_of_services_written_with_wan(tmp_path):
    problems, targets = draft_and_check(
        tmp_path, "检测服务", "到2028年,全县提供检测服务2.5万批次,科普活动服务公众1.1亿人次。"
    )
    # 25000 is written as 2.5万批次, 110000000 as 1.1亿人次: no "value not in its quotes" problem
    assert problems <= REVIEW_FIELDS
    assert [t["value"] for t in targets] == [25_000, 110_000_000]


def test_meinian_at_the_head_of_a_sentence_reaches_its_later_clauses(tmp_path):
    drafts = draft(
        tmp_path,
        "二、主要目标\n每年安排科技专项资金5000万元,开放共享仪器设备2000台次,服务中小企业300家。\n"
        "每年新增科技型企业20家,到2030年科技型企业总数达到260家。\n",
    )
    # the second and third clauses were levels; a deadline of its own (到2030年) stops 每年
    assert [(d.kind, d.value) for d in drafts] == [
        ("annual_floor", 5000),
        ("annual_floor", 2000),
        ("annual_floor", 300),
        ("annual_floor", 20),
        ("level", 260),
    ]


def test_a_part_of_an_industry_is_not_the_regions_above_scale_output(tmp_path):
    drafts = draft(
        tmp_path,
        "二、主要目标\n到2030年,全县新材料产业规模突破600亿元,其中工业产值突破400亿元;"
        "规上工业产值达到2000亿元。\n",
    )
    # 其中工业产值 (the new-materials industry's) was matched to 规模以上工业产值
    assert [(d.value, d.indicator) for d in drafts] == [
        (600, None),
        (400, None),
        (2000, "above_scale_industrial_output"),
    ]


def test_figures_told_as_counted_are_no_targets(tmp_path):
    drafts = draft(
        tmp_path,
        "二、主要目标\n到2030年,全县企业数字化研发工具普及率达到80%。"
        "据统计,2029年底全县企业数字化研发工具普及率达72.5%,开展网络协同的企业占比达40.1%。\n",
    )
    # 2029 falls inside the plan period the draft assumes (2026–2030), so both figures were targets
    assert got(drafts) == [("level", ">=", 80, "%")]


def test_a_line_after_a_dated_line_of_the_past_is_the_past(tmp_path):
    drafts = draft(
        tmp_path,
        "全县数字经济目标\n到2030年,全县数字经济核心产业规模达到800亿元。\n"
        "2025年,全县数字经济核心产业规模超过300亿元,企业超过1200家。\n"
        "全县规上企业上云率超过60%。\n",
    )
    # the last line has no year of its own: it continues the 2025 line before it
    assert got(drafts) == [("level", ">=", 800, "亿元")]


def test_an_estimate_is_no_target(tmp_path):
    drafts = draft(
        tmp_path,
        "到2030年,全市数字经济规模达到5000亿元。\n“今年初步估算全市这方面的投入将超过300亿元。”市长说。\n",
    )
    # 将 speaks of the future, but 估算 says it is a guess at this year's figure
    assert got(drafts) == [("level", ">=", 5000, "亿元")]
