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


def test_parts_of_the_economy_listed_before_one_measure_each_reach_its_figure():
    # main drafted one target for the four industries of the first clause and one for the three of the second
    text = (
        "到2030年,力争装备制造、新型材料、绿色食品营业收入突破200亿元,"
        "文旅康养、现代物流产业保80亿元争100亿元。\n"
    )
    found = [(d.value, d.comparator, d.name_zh) for d in _numeric(text)]
    assert found == [
        (200.0, ">", "装备制造营业收入"),
        (200.0, ">", "新型材料营业收入"),
        (200.0, ">", "绿色食品营业收入"),
        (80.0, ">=", "文旅康养产业"),  # 保80亿元争100亿元: the floor secured; the 争 figure is a hope
        (80.0, ">=", "现代物流产业"),
    ]


def test_a_sum_or_a_count_over_listed_parts_stays_one_target():
    # guards: 合计 sums the parts; a count (家) of two kinds of firm is counted together
    text = (
        "到2030年,装备制造、新型材料营业收入合计突破300亿元。"
        "到2030年,高新技术企业、科技型中小企业达到260家。\n"
    )
    assert [d.value for d in _numeric(text)] == [300.0, 260.0]


def test_double_digit_growth_is_growth_of_ten_percent_a_year():
    # main drafted nothing: 两位数 is no figure with a unit, and 年平均 was not read as 年均
    text = "到2030年,全县规上工业营业收入年平均增长率力争超过两位数,数字经济核心产业增加值保持两位数增长。\n"
    found = [(d.kind, d.value, d.unit, d.comparator) for d in _numeric(text)]
    assert found == [("growth", 10.0, "%/年", ">"), ("growth", 10.0, "%/年", ">=")]


def test_a_count_of_two_digits_is_no_growth():
    # guard: 两位数 not said of a growth sets nothing
    assert _numeric("到2030年,参与企业达到两位数。\n") == []


def test_an_amount_just_before_the_things_it_sizes_is_no_target():
    # main drafted 20亿元 and 5亿元 as targets: they say which firms and projects are counted
    assert _numeric("2026年,全县新增20亿元企业、5亿元以上项目。\n", deadline=2026) == []
    # with the counts told after 分别, the counts are the targets and the sizes none
    text = "2026年,新增10亿元企业、亿元企业分别不少于1家、5家。\n"
    assert [(d.value, d.unit) for d in _numeric(text, deadline=2026)] == [(1.0, "家"), (5.0, "家")]


def test_a_share_written_as_a_fraction_is_a_share_in_percent():
    # main drafted nothing: 1/8 and 三分之一 are no number with a unit
    text = (
        "2026年,全县规上工业应税销售占全市1/8,净增高新技术企业占全市比重超1/4,"
        "专精特新企业力争占全市三分之一。\n"
    )
    found = [(d.value, d.unit, d.comparator) for d in _numeric(text, deadline=2026)]
    assert found == [(12.5, "%", ">="), (25.0, "%", ">"), (33.33, "%", ">=")]


def test_a_fraction_not_of_a_share_sets_nothing():
    # guard: 1/8 without 占 (a date, a ratio named otherwise) is no share
    assert _numeric("2026年,全县于1/8召开推进会。\n", deadline=2026) == []


def test_patents_of_every_kind_are_not_invention_patents():
    # main matched 专利授权量 (all kinds) to invention patents granted, a part of them
    assert _indicator("专利授权量") is None
    assert _indicator("授权专利") is None
    assert _indicator("发明专利授权量") == "invention_patents_granted"  # guard: the name said in full


def test_a_share_or_a_total_named_alone_is_of_the_subject_before_it():
    # main gave 占GDP比重 no indicator, and the total after an addition none either
    text = (
        "到2030年,全县研发经费投入年均增长10%以上,占地区生产总值的比重达到2.5%;"
        "高新技术企业净增100家,总数达到250家。\n"
    )
    found = [(d.value, d.indicator) for d in _numeric(text)]
    assert found == [
        (10.0, "rd_expenditure"),
        (2.5, "rd_share_gdp"),
        (100.0, "hte_net_new"),
        (250.0, "hte_count"),
    ]


def test_a_lead_naming_the_goals_cues_a_list_without_verbs():
    # main drafted nothing: no item has a cue word (达到, 增长…) of its own
    text = "2030年目标:高新技术企业180家;科技型中小企业700家;城镇调查失业率5%左右。\n"
    found = [(d.value, d.comparator, d.indicator) for d in _numeric(text)]
    assert found == [(180.0, ">=", "hte_count"), (700.0, ">=", "tech_smes"), (5.0, "~", None)]


def test_title_lines_of_a_review_and_of_the_goals_tell_the_lines_under_them():
    # main drafted the review's 120家 and none of the goals' bare items (no cue word)
    text = (
        "■ 2025年成绩单\n●全县地区生产总值增长6.2%\n●高新技术企业达到120家\n"
        "■ 2026年经济社会发展的主要预期目标\n●城镇调查失业率5.5%左右\n●高新技术企业150家\n"
    )
    found = [(d.value, d.indicator) for d in _numeric(text, deadline=2026, head="")]
    assert found == [(5.5, None), (150.0, "hte_count")]


def test_a_share_of_any_whole_named_alone_is_of_the_subject_before_it():
    # main gave 占规上工业总产值的比重 no indicator (only a share of GDP took the subject before it)
    text = "到2030年,全县高新技术产业产值达到500亿元,占规上工业总产值的比重达到50%。\n"
    assert [d.indicator for d in _numeric(text)] == ["hitech_output_value", "hitech_output_share"]


def test_a_growth_in_percent_is_never_of_a_share():
    # main put 年均增长15% of 数字经济核心产业增加值 on the share of GDP the value added makes
    text = "到2030年,全县数字经济核心产业增加值达到100亿元,年均增长15%左右。\n"
    growth = next(d for d in _numeric(text) if d.kind == "growth")
    assert growth.indicator is None


def test_a_year_of_the_plan_opening_a_clause_is_its_deadline():
    # main gave both milestones the plan's deadline and merged them as one target stated twice
    text = (
        "青石县创新型县建设方案(2026—2027年)\n"
        "1.2026年建设省级众创空间1家;建设县级孵化器2家;2027年建设省级众创空间1家。\n"
    )
    found = [(d.value, d.deadline) for d in _numeric(text, deadline=2027, head="")]
    assert found == [(1.0, 2026), (2.0, 2026), (1.0, 2027)]


def test_the_goals_of_a_named_year_are_due_that_year():
    # main gave 2030 to the 2028 goal: the year was named only by 2028年目标
    text = "方案设立2028年目标:全县高新技术企业超过120家。2030年远景目标:全县高新技术企业达到200家。\n"
    assert [(d.value, d.deadline) for d in _numeric(text)] == [(120.0, 2028), (200.0, 2030)]


def test_a_count_of_doublings_names_a_programme():
    # main drafted “四个翻番” as a doubling of nothing in particular
    assert (
        _numeric("到2030年,全县实现“四个翻番”,高新技术企业数量翻一番。\n")[0].clause
        == "高新技术企业数量翻一番"
    )
    assert len(_numeric("到2030年,全县实现“四个翻番”。\n")) == 0


def test_a_tab_separated_table_quotes_each_row_from_its_name():
    # main cut the first characters of each row's quote (a tab counted as two characters): 新技术企业数量…
    text = (
        "青石县科技创新规划（2026—2030年）\n专栏1 主要指标\n"
        "序号\t指标名称\t单位\t2025年\t2030年\t属性\n"
        "1\t高新技术企业数量\t家\t80\t150\t预期性\n"
        "2\t研发经费投入强度\t%\t2.1\t3.0\t预期性\n"
    )
    found = [(d.value, d.quotes[0].split("\t")[0]) for d in _numeric(text, head="")]
    assert found == [(150.0, "高新技术企业数量"), (3.0, "研发经费投入强度")]


def test_a_table_of_one_cell_a_line_with_a_caption_and_a_unit_column():
    # main read nothing: the caption 主要指标 was taken for a column, 2025年 for a change column (its 5年),
    # and each row's unit cell for a category before the row's name
    text = (
        "青石县科技创新规划（2026—2030年）\n主要指标\n指标\n单位\n2025年\n2030年\n"
        "高新技术企业数量\n家\n80\n150\n研发经费投入强度\n%\n2.1\n3.0\n"
    )
    found = [(d.value, d.unit, d.indicator) for d in _numeric(text, head="")]
    assert found == [(150.0, "家", "hte_count"), (3.0, "%", "rd_share_gdp")]


def test_a_table_flattened_with_single_spaces_is_read_row_by_row():
    # main read nothing: cells kept apart by one space were taken for one cell
    text = (
        "青石县科技创新规划（2026—2030年）\n表1 主要指标\n指标 2025年基期值 2030年目标值 年均增长\n"
        "高新技术企业数量(家) 80 150 13.4%\n技术合同成交额(亿元) 10 30 24.6%\n"
    )
    found = [(d.value, d.unit, d.indicator) for d in _numeric(text, head="")]
    assert found == [(150.0, "家", "hte_count"), (30.0, "亿元", "tech_contract_value")]


def test_a_sentence_with_spaces_is_no_table_row():
    # guard: a headline parted by spaces keeps being read as prose
    text = "到2030年 全县高新技术企业达到150家 技术合同成交额达到30亿元\n"
    assert [d.value for d in _numeric(text)] == [150.0, 30.0]


def test_a_change_to_a_figure_written_with_a_one_character_verb():
    # main took the base 80家 for the target: 增至 was no verb of a change (增加至 was)
    text = "到2030年,全县高新技术企业由80家增至150家,能耗由1.2吨降至0.9吨。\n"
    assert [(d.value, d.comparator) for d in _numeric(text)] == [(150.0, ">="), (0.9, "<=")]


def test_about_before_a_copula_is_approximate():
    # main read 约为3% as at least 3%
    (target,) = _numeric("到2030年,全县研发投入强度约为3%。\n")
    assert (target.value, target.comparator) == (3.0, "~")


def test_round_counts_without_digits_after_a_verb_are_values():
    # main drafted nothing from 超百家, 突破千项 or 超亿元
    text = "到2030年,全县高新技术企业超百家,技术交易突破千项,技术合同成交额超亿元。\n"
    found = [(d.value, d.unit, d.comparator) for d in _numeric(text)]
    assert found == [(100.0, "家", ">"), (1000.0, "项", ">"), (1.0, "亿元", ">")]


def test_a_batch_to_accredit_is_a_cue_as_an_addition_is():
    # main drafted nothing: 认定 was a verb of addition for the kind but no cue, and the sentence had none
    text = "今年,全县将新认定省级工程技术研究中心3家、市级研发平台20个。\n"
    assert [(d.value, d.kind) for d in _numeric(text)] == [(3.0, "cumulative"), (20.0, "cumulative")]
    # guard: the stock accredited so far (通过认定的) is told, not set
    assert _numeric("全县通过认定的高新技术企业共80家。\n") == []


def test_values_listed_after_years_are_one_subject_with_one_deadline_each():
    # main took the second year for a subject of its own (no indicator) and gave both values one deadline
    text = (
        "全县高新技术企业2027年、2030年分别达到100家、150家。"
        "到2027年和2030年,全县研发投入强度分别达到2.5%和3%。\n"
    )
    found = [(d.value, d.deadline, d.indicator) for d in _numeric(text)]
    assert found == [
        (100.0, 2027, "hte_count"),
        (150.0, 2030, "hte_count"),
        (2.5, 2027, "rd_share_gdp"),
        (3.0, 2030, "rd_share_gdp"),
    ]


def test_a_bare_growth_takes_the_subject_named_before_it():
    # main gave 增长6.5%左右 no indicator: 增长 was read as the clause's own subject
    text = "2025年全县实现地区生产总值300亿元,增长6%;预计2026年增长6.5%左右。\n"
    (target,) = _numeric(text, deadline=2026)
    assert (target.value, target.comparator, target.indicator) == (6.5, "~", "gdp")


def test_a_change_from_now_whose_base_is_left_out_reaches_its_one_figure():
    # round 15 (lead, after its measure): plan12's rule for a base in a clause of its own took the whole
    # clause for the base and dropped the target
    text = "到2027年,全县省级专精特新企业由现在的达到25家,高新技术产业初具规模。\n"
    found = [(d.kind, d.value, d.comparator, d.deadline) for d in _numeric(text)]
    assert found == [("level", 25.0, ">=", 2027)]


def test_a_headline_telling_of_goals_with_a_verb_is_no_title_of_the_goals():
    # round 15 (lead): a news headline 某省明确…目标 made every later line a cued goal, also the review's
    # figures; a noun title (2026年主要目标) still cues its lines
    news = (
        "青石县明确2026年科技工作目标\n"
        "会议回顾了2025年工作。全县科技创新综合指数58.3%,技术合同成交额9.6亿元。\n"
        "会议提出,力争2026年技术合同成交额达到12亿元。\n"
    )
    assert [d.value for d in _numeric(news, 2026, head="")] == [12.0]
    title = "2026年主要目标\n全县科技创新综合指数60%\n技术合同成交额12亿元\n"
    assert [d.value for d in _numeric(title, 2026, head="")] == [60.0, 12.0]
