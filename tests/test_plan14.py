"""Plan draft: forms found reading real plans of other regions (plan14), each in a text written for the test.

Every text here is fictional (青石县, 某省, 某市); the figures are made up. Each test fails on the code before
it unless marked as a guard.
"""

from __future__ import annotations

from hzanalysis import plan_read


def _drafted(text: str, deadline: int) -> list[tuple[float | None, str, str | None, str]]:
    return [
        (d.value, d.kind, d.indicator, d.clause)
        for d in plan_read.draft_targets(text, deadline)
        if d.kind != "qualitative"
    ]


def test_a_verb_of_addition_over_a_stock_is_no_level_of_the_stock():
    # 新培育 N of a stock (the register of tech SMEs) adds N over the period: never the stock's level
    text = "到2027年,青石县新培育科技型中小企业120家左右,有效高新技术企业总数达到85家。"
    drafted = _drafted(text, 2027)
    assert [(v, k, i) for v, k, i, _ in drafted] == [
        (120.0, "cumulative", None),
        (85.0, "level", "hte_count"),
    ]


def test_the_verb_of_addition_reaches_the_later_items_of_its_list_on_a_stock():
    # 新认定A、B、C: every item is a batch added, the tech-SME register's included
    text = "2027年,全县新认定高新技术企业40家、科技型中小企业160家、技术先进型服务企业3家。"
    drafted = _drafted(text, 2027)
    assert [(v, k, i) for v, k, i, _ in drafted] == [
        (40.0, "cumulative", None),
        (160.0, "cumulative", None),
        (3.0, "cumulative", None),
    ]


def test_a_stock_reached_after_the_verb_and_a_sum_of_a_stock_stay_levels():
    # guard (passes before too): 培育…达到 N is the stock reached; 累计组建 N of a stock is its level
    text = "到2027年,培育高新技术企业达到90家,累计组建创新联合体6个。"
    drafted = _drafted(text, 2027)
    assert [(v, k, i) for v, k, i, _ in drafted] == [
        (90.0, "level", "hte_count"),
        (6.0, "level", "innovation_consortia"),
    ]


def test_a_count_in_wan_is_a_target_of_its_own_in_a_list():
    # 1.1万家 ends its list item as 1100家 would: the next item is a target of its own
    text = "到2027年,全省新认定科技型中小企业1.1万家、技术先进型服务企业15家。"
    drafted = _drafted(text, 2027)
    assert [(v, c) for v, _, _, c in drafted] == [
        (11000.0, "全省新认定科技型中小企业1.1万家"),
        (15.0, "技术先进型服务企业15家"),
    ]


def test_two_measures_joined_by_he_share_one_doubling():
    # A数量和B数量比2024年翻一番: one target per measure, each with its own indicator
    text = "到2027年,全市高新技术企业数量和科技型中小企业数量比2024年翻一番。"
    drafted = _drafted(text, 2027)
    assert [(v, k, i) for v, k, i, _ in drafted] == [
        (100.0, "growth", "hte_count"),
        (100.0, "growth", "tech_smes"),
    ]


def test_a_provinces_news_naming_its_districts_figures_keeps_the_provinces_goal():
    # the districts' past figures (全区…) do not make the page a district's plan quoting a province's goal
    text = (
        "某省第三批创新型县(市、区)名单公示\n发布日期: 2026-07-05\n"
        "根据某省创新型县建设办法,到2027年,全省将建成25个左右创新型县(市、区)。\n"
        "北湖区2025年全区有效高新技术企业达410家。\n"
        "南湖区2025年全区技术合同成交额96亿元。\n"
    )
    drafted = _drafted(text, 2027)
    assert [(v, k) for v, k, _, _ in drafted] == [(25.0, "level")]


def test_a_news_item_on_a_work_report_tells_its_review():
    # 从报告中获悉, 2026年…, 预计 of that year: the report's review of the year gone, no target of 2027
    text = (
        "12日,某省人民代表大会开幕,省长作政府工作报告。记者从报告中获悉,2026年全省有效高新技术企业超"
        "9800家,全社会研发投入预计超860亿元。新建省实验室2家,14项成果获国家科技奖。\n"
    )
    assert _drafted(text, 2027) == []


def test_a_work_meeting_news_item_keeps_the_goals_it_announces():
    # guard (passes before too): the goals after 获悉 speak of the future (到2027年, 力争)
    text = "记者从全县科技工作会议上获悉,到2027年,全县高新技术企业力争达到120家。"
    assert [(v, k) for v, k, _, _ in _drafted(text, 2027)] == [(120.0, "level")]


def test_a_forecast_of_the_deadline_year_stays_a_target():
    # guard (passes before too): 预计 of the year the plan is set for is its forecast
    text = "2027年,全县技术合同成交额预计达到15亿元。"
    assert [(v, k) for v, k, _, _ in _drafted(text, 2027)] == [(15.0, "level")]


def test_more_than_a_figure_written_with_duo_or_yu():
    # 1000多名, 30余家: more than the figure (strict), a target like any other
    text = "到2027年,全县选派科技特派员200多名,新增高新技术企业30余家。"
    drafted = plan_read.draft_targets(text, 2027)
    assert [(d.value, d.comparator, d.unit) for d in drafted if d.kind != "qualitative"] == [
        (200.0, ">", "名"),
        (30.0, ">", "家"),
    ]


def test_a_figure_with_yu_in_a_review_stays_the_past():
    # guard (passes before too): the review's 100余个 is no target
    text = "2025年,全县拥有省级科研平台100余个。到2027年,高新技术企业达到80家。"
    assert [(v, k) for v, k, _, _ in _drafted(text, 2027)] == [(80.0, "level")]


def test_a_span_of_years_ending_before_the_deadline_is_reviewed_not_the_plan_period():
    # 2021-2025年,…由A增至B: a span told, not the plan's own range; the meeting's year is the plan's
    text = (
        "2026年某省科技工作会议召开\n"
        "2021-2025年,全省高新技术企业由2100家增至5200家,技术合同成交额由310亿元增至780亿元。\n"
        "今年,全省高新技术企业力争达到5800家。\n"
    )
    assert [(v, k) for v, k, _, _ in _drafted(text, 2026)] == [(5800.0, "level")]


def test_the_estimate_in_a_paragraph_on_the_year_before_is_no_forecast():
    # 2025年,…。…较上年提高…;…预计突破…: the estimate of the year before a 2026 plan, no target
    text = (
        "2026年某省科技工作会议召开\n"
        "2025年,全省科技工作取得新进展,迈出新步伐。全省综合科技创新水平指数达到66.5%,较上年提高1.2个百分点;"
        "全省高新技术企业总数预计突破5200家。\n"
        "今年,全省高新技术企业力争达到5800家。\n"
    )
    assert [(v, k) for v, k, _, _ in _drafted(text, 2026)] == [(5800.0, "level")]


def test_a_plans_own_range_still_opens_its_period():
    # guard (passes before too): 2025—2027年 in a plan to 2027 is its period; 2024年 before it is the past
    text = (
        "某县科技创新行动方案(2025—2027年)\n"
        "2024年,全县高新技术企业达到60家。到2027年,全县高新技术企业达到90家。\n"
    )
    assert [(v, k) for v, k, _, _ in _drafted(text, 2027)] == [(90.0, "level")]


def test_a_change_told_without_an_aim_is_the_past_not_its_base():
    # 由30家增至52家 with no word of the future nor a goals lead: told, not its base figure as a target
    text = (
        "某县科技创新行动方案\n"
        "全县高新技术企业由30家增至52家,技术合同成交额由5亿元增至8亿元。\n"
        "到2027年,全县高新技术企业达到90家。\n"
    )
    assert [(v, k) for v, k, _, _ in _drafted(text, 2027)] == [(90.0, "level")]


def test_a_change_under_a_goals_lead_or_after_an_aim_sets_its_second_figure():
    # 主要目标: / …由1.8%提高到2.5%; 到2027年,…。…由30家增至90家: the figure reached, never the base
    lead = "某县科技创新行动方案\n主要目标:\n全县研发投入强度由1.8%提高到2.5%,高新技术企业由30家增至90家。\n"
    after = "某县科技创新行动方案\n到2027年,全县研发投入强度达到2.6%。高新技术企业由30家增至95家。\n"
    assert [v for v, _, _, _ in _drafted(lead, 2027)] == [2.5, 90.0]
    assert [v for v, _, _, _ in _drafted(after, 2027)] == [2.6, 95.0]


def test_a_doubling_told_after_the_level_it_reaches_restates_it():
    # …突破1500家,较2024年实现倍增: one target (the level), the doubling cited with it
    text = "到2027年,全县科技型中小企业突破1500家,较2024年实现倍增;高新技术企业达到90家,实现翻番。"
    drafts = [d for d in plan_read.draft_targets(text, 2027) if d.kind != "qualitative"]
    assert [(d.value, d.kind) for d in drafts] == [(1500.0, "level"), (90.0, "level")]
    assert any("实现倍增" in quote for quote in drafts[0].quotes)


def test_a_doubling_of_another_subject_stays_its_own_target():
    # guard (passes before too): 科技型中小企业实现倍增 names its own subject
    text = "到2027年,全县高新技术企业达到90家,科技型中小企业实现倍增。"
    assert [(v, k, i) for v, k, i, _ in _drafted(text, 2027)] == [
        (90.0, "level", "hte_count"),
        (100.0, "growth", "tech_smes"),
    ]


def test_conditions_of_eligibility_are_no_targets():
    # 支持对象为…5000万元以上…, 申报单位须具有不少于10名…, 认定条件为:…: thresholds a firm must meet
    text = (
        "到2027年,全县高新技术企业达到90家。\n"
        "支持对象为年销售收入3000万元以上、研发投入占比不低于4%的规上工业企业。\n"
        "申报单位须具有不少于12名专职研发人员,研发场地面积不少于600平方米。\n"
        "认定条件为:上年度研发投入不低于300万元。单个项目支持金额不超过150万元。\n"
    )
    assert [(v, k) for v, k, _, _ in _drafted(text, 2027)] == [(90.0, "level")]


def test_a_standard_referred_to_is_no_condition_list():
    # guard (passes before too): 参照…认定标准 in a sentence of tasks keeps the target after it
    text = "参照高新技术企业认定标准,发掘一批基本符合申报条件的企业,力争有效高新技术企业达到90家。"
    assert [(v, k) for v, k, _, _ in _drafted(text, 2027)] == [(90.0, "level")]


def test_a_work_meetings_goals_for_the_deadline_year_stay_goals():
    # guard (passes before too): 获悉 before the deadline year's figures is no review
    text = "记者从全县科技工作会议上获悉,2027年,全县新增高新技术企业20家以上、科技型中小企业突破300家。"
    assert [(v, k) for v, k, _, _ in _drafted(text, 2027)] == [(20.0, "cumulative"), (300.0, "level")]


def test_a_plans_own_range_in_brackets_opens_its_period_even_before_the_deadline():
    # guard (passes before too): (2021—2025年) names the plan's period though the deadline asked is 2030;
    # its 2025 targets are no past
    text = "某县科技创新规划(2021—2025年)\n到2025年,全县高新技术企业达到60家;到2030年,达到120家。\n"
    assert [(v, k) for v, k, _, _ in _drafted(text, 2030)] == [(60.0, "level"), (120.0, "level")]


def test_a_growth_over_the_year_before_among_the_goals_and_what_follows_it():
    # 主要目标: …;A、B增长在上年基础上增加6%以上;全年推广新品种12个: two growths, and the later items are
    # not the past (在上年基础上 is the growth's base, not a review)
    text = (
        "二、主要目标\n"
        "①力争全县科技型企业数量突破20家;②全年专利申请量、授权量增长在上年基础上增加6%以上;"
        "③全年引进推广农业新品种12 个,组织农民科技培训1.5万人次以上。\n"
    )
    drafted = plan_read.draft_targets(text, 2027)
    assert [(d.value, d.kind, d.unit) for d in drafted if d.kind != "qualitative"] == [
        (20.0, "level", "家"),
        (6.0, "growth", "%"),
        (6.0, "growth", "%"),
        (12.0, "cumulative", "个"),
        (15000.0, "level", "人次"),
    ]


def test_places_counted_with_chu():
    # 科技示范基地8处: 处 counts places as 个 does
    text = "到2027年,全县建成科技示范基地8处。"
    assert [(v, k) for v, k, _, _ in _drafted(text, 2027)] == [(8.0, "level")]
