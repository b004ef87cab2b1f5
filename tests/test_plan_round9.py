"""Plan draft on the forms round 9 of real plans showed missing or misread (issue 14 point 2): a range
of values (3~5个), a figure that says where (在10个行业), 亿/万 before a count unit (1.2亿台), a share of
GDP whose numerator is not R&D, 累计 reaching a share, 提高20% as a growth, 打造 as a cue, and a summary
flattened from bullets with citation marks.

Every plan sentence here is written for these tests (fictional, no text from any real plan).
"""

from __future__ import annotations

from tests.plan_helpers import REVIEW_FIELDS, draft, draft_and_check, got


def test_a_range_sets_its_lower_end_as_the_floor(tmp_path):
    drafts = draft(
        tmp_path,
        "二、主要目标\n到2030年,全县打造2~4个省级特色产业园区,新增规上工业企业10—15家,"
        "创新产品销售收入占比达到25—30%,培育链主企业1-2家。\n",
    )
    # the upper end was read as the value (4, 15, 30, 2) and the lower end was lost; 新增 and 培育 N are
    # additions over the plan period, so sums (plan8), 打造 N a stock reached
    assert got(drafts) == [
        ("level", ">=", 2, "个"),
        ("cumulative", ">=", 10, "家"),
        ("level", ">=", 25, "%"),
        ("cumulative", ">=", 1, "家"),
    ]
    assert "lower end" in " ".join(drafts[0].notes)


def test_a_figure_after_zai_says_where_the_target_is_set(tmp_path):
    drafts = draft(tmp_path, "二、主要目标\n到2030年,在8个重点镇建设20个共享实验室。\n")
    # 8个重点镇 is where the 20 laboratories go, not a target of 8
    assert got(drafts) == [("level", ">=", 20, "个")]


def test_yi_and_wan_before_a_count_unit_multiply(tmp_path):
    drafts = draft(
        tmp_path, "二、主要目标\n到2030年,全县联网设备突破2.5亿台(套),工业机器人保有量达到1.2万台。\n"
    )
    assert got(drafts) == [("level", ">", 250_000_000, "台"), ("level", ">=", 12_000, "台")]


def test_plan_check_accepts_a_count_written_with_yi(tmp_path):
    problems, targets = draft_and_check(
        tmp_path, "设备联网", "到2028年,全县联网设备突破1.5亿台,打造3~5个行业级平台。"
    )
    # 150000000 is 1.5亿 and 3 the lower end of 3~5: both written in their quotes (only review fields left)
    assert problems <= REVIEW_FIELDS
    assert [t["value"] for t in targets] == [150_000_000, 3]


def test_a_share_of_gdp_is_r_and_d_only_when_its_numerator_is(tmp_path):
    drafts = draft(
        tmp_path,
        "二、主要目标\n到2030年,全县技术合同成交额占地区生产总值比重达到5%,研发投入占GDP比重达到3%。\n",
    )
    # 技术合同成交额占…比重 shares the denominator with the R&D share, not what is measured
    assert [(d.value, d.indicator) for d in drafts] == [(5, None), (3, "rd_share_gdp")]


def test_cumulative_of_a_list_does_not_reach_a_share(tmp_path):
    drafts = draft(
        tmp_path,
        "二、主要目标\n到2030年,全县累计实施重大科技项目40项,科技成果本地转化率达到60%,研发投入强度达到3%。\n",
    )
    # 累计 covers the projects; a rate and R&D intensity are levels, never sums over years
    assert [(d.kind, d.value) for d in drafts] == [("cumulative", 40), ("level", 60), ("level", 3)]


def test_raising_by_a_percentage_is_a_growth(tmp_path):
    drafts = draft(tmp_path, "二、主要目标\n到2030年,全县规上企业劳动生产率提高15%以上。\n")
    assert got(drafts) == [("growth", ">=", 15, "%")]
    # no base year stated: the year before the plan period (2026–2030 when only the deadline is known)
    assert drafts[0].base_year == 2025


def test_dazao_is_a_cue_of_its_own(tmp_path):
    drafts = draft(
        tmp_path,
        "二、主要目标\n到2030年,科技创新能力显著增强。打造5个县域公共技术服务平台。\n",
    )
    assert got(drafts) == [("level", ">=", 5, "个")]


def test_bullets_and_citation_marks_end_a_sentence(tmp_path):
    drafts = draft(
        tmp_path,
        "政策目标 - 到2030年,全县众创空间达到12家[1][3] - 当前,全县已有众创空间6家[2] - "
        "目标到2030年新增孵化器不少于4家 [4] - 孵化是创新的起点\n",
    )
    # the quotes stop at the citation marks; the present (已有6家) is no target
    assert [(d.value, d.quotes) for d in drafts] == [
        (12, ["全县众创空间达到12家"]),
        (4, ["目标到2030年新增孵化器不少于4家"]),
    ]
