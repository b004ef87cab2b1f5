"""Plan draft (issue 14 point 2, plan9): one figure shared by several measures, restatements, the past
and the plan's own names. See benchmarks/README.md, "plan9".

Every plan sentence here is written for these tests (fictional, no text from any real plan).
"""

from __future__ import annotations

from hzanalysis import plan_read

_HEAD = "青石县科技创新行动方案（2026—2030年）\n一、主要目标\n"


def _numeric(text: str, deadline: int = 2030) -> list[plan_read.DraftTarget]:
    return [d for d in plan_read.draft_targets(_HEAD + text, deadline) if d.kind != "qualitative"]


def test_one_doubling_shared_by_listed_measures_is_one_target_each():
    # main drafted one growth for the whole clause, its indicator chosen from all of it (or none)
    text = "到2030年,力争实现规模以上工业产值、技术合同成交额、发明专利授权量在2024年基础上翻两番。\n"
    drafts = _numeric(text)
    assert [(d.kind, d.value, d.unit, d.base_year, d.indicator) for d in drafts] == [
        ("growth", 300.0, "%", 2024, "above_scale_industrial_output"),
        ("growth", 300.0, "%", 2024, "tech_contract_value"),
        ("growth", 300.0, "%", 2024, "invention_patents_granted"),
    ]
    # each quotes its own words, and the clause that states the growth
    assert drafts[1].quotes[0] == "技术合同成交额"
    assert all("翻两番" in d.quotes[-1] for d in drafts)


def test_one_yearly_growth_shared_by_two_measures():
    text = "到2030年,全社会研发经费支出、高新技术产业产值年均增长12%以上。\n"
    assert [(d.kind, d.value, d.unit, d.indicator) for d in _numeric(text)] == [
        ("growth", 12.0, "%/年", "rd_expenditure"),
        ("growth", 12.0, "%/年", "hitech_output_value"),
    ]


def test_industries_qualifying_one_measure_are_not_split():
    # 电子信息、生物医药 qualify one 增加值: one target, as before
    text = "到2030年,电子信息、生物医药产业增加值年均增长15%。\n"
    assert [(d.kind, d.value) for d in _numeric(text)] == [("growth", 15.0)]


def test_a_year_of_the_plan_period_told_without_the_future_is_the_past():
    # a news page: last year's figures (2027年,…), then the targets 到2030年; main drafted 2027's 65% and
    # 18% as targets, since 2027 is inside the plan period
    text = (
        "会上传来消息,2027年,全县规模以上工业企业研发机构建有率达到65%,数字化研发设计工具普及率为18%。\n"
        "力争到2030年,规模以上工业企业研发机构建有率达到80%。\n"
    )
    assert [(d.value, d.unit) for d in _numeric(text)] == [(80.0, "%")]


def test_a_range_of_years_in_a_plans_name_is_no_year_of_the_past():
    # 《…（2026—2030年）》提出,…: the plan's period, not a year told; the target stays
    text = (
        "《青石县科技创新行动方案(2026—2030年)》提出,全县高新技术企业达到200家。"
        "到2030年,全县研发投入强度达到3%。\n"
    )
    assert [(d.value, d.unit) for d in _numeric(text)] == [(200.0, "家"), (3.0, "%")]


def test_a_change_told_beside_the_level_it_leads_to_restates_that_level():
    # main drafted 15个 (the points of the change) as a target of its own, a count of 15
    text = (
        "到2030年,全县科技创新综合指数达到80,比2025年提高约10;"
        "规模以上工业企业研发机构建有率达到60%,比2025年提高约15个百分点。\n"
    )
    drafts = _numeric(text)
    assert [(d.kind, d.value, d.unit) for d in drafts] == [("level", 80.0, "点"), ("level", 60.0, "%")]
    assert drafts[1].quotes[-1] == "比2025年提高约15个百分点"


def test_a_change_in_points_written_with_about_is_a_growth_in_points():
    # 提高约3个百分点 with no level beside it: a change of the share (main: a level of 3 个)
    text = "到2030年,数字经济核心产业增加值占地区生产总值比重比2025年提高约3个百分点。\n"
    assert [(d.kind, d.comparator, d.value, d.unit, d.indicator, d.base_year) for d in _numeric(text)] == [
        ("growth", "~", 3.0, "个百分点", "digital_core_share_gdp", 2025)
    ]


def test_figures_of_a_quoted_name_and_of_the_plans_own_programmes_are_no_targets():
    # main drafted 3个 and 6个 of the quoted layout, and the 6个 programmes the plan says it carries out
    text = (
        "方案按照“培育3个集群、建设5大平台、推动6个转型”的总体布局,提出具体举措,配套实施6个重大工程。"
        "到2030年,全县高新技术企业达到200家。\n"
    )
    assert [(d.value, d.unit) for d in _numeric(text)] == [(200.0, "家")]


def test_a_goal_in_quotation_marks_stays_a_target():
    text = "会议提出“到2030年全县高新技术企业达到300家”的目标。\n"
    assert [(d.value, d.unit) for d in _numeric(text)] == [(300.0, "家")]


def test_a_headline_whose_targets_are_kept_apart_by_a_space_restates_them():
    # a news headline over its sentence: main read the two targets of the headline as one clause (one
    # entry, the second target lost to it) and the headline's second target as a new target
    text = (
        "青石县:力争到2030年新引进亿元以上项目超过15个 培育产值十亿级的龙头企业3家以上\n"
        "青石县印发行动方案。到2030年,全县工业总产值力争达到600亿元。"
        "力争新引进亿元以上项目超过15个,培育产值十亿级的龙头企业3家以上。\n"
    )
    drafts = _numeric(text)
    assert sorted(d.value for d in drafts) == [3.0, 15.0, 600.0]
    # the headline is cited with the target it restates in other words (the 3家 are the same words)
    assert [d.quotes for d in drafts if d.value == 15.0] == [
        ["力争到2030年新引进亿元以上项目超过15个", "力争新引进亿元以上项目超过15个"]
    ]


def test_one_paragraph_stating_the_same_words_twice_sets_two_targets():
    # 产值达300亿元 of two industries named in the clauses before: two targets, not one restated
    text = "到2030年,做强新材料产业,产值达300亿元;做强智能装备产业,产值达300亿元。\n"
    assert [d.value for d in _numeric(text)] == [300.0, 300.0]


def test_the_first_n_of_a_class_say_which_are_counted_and_the_share_of_a_whole_keeps_its_comparator():
    # main drafted 50家 (the first 50 firms) as the target, and 超过…的5% as at least 5%
    text = "到2030年,营业收入前50家企业的研发投入超过营业收入的5%。\n"
    assert got_one(text) == ("level", ">", 5.0, "%")


def got_one(text: str) -> tuple[object, ...]:
    (draft,) = _numeric(text)
    return (draft.kind, draft.comparator, draft.value, draft.unit)


def test_a_part_named_with_qizhong_and_an_output_of_all_industry_get_no_catalogue_indicator():
    # main gave the chain's 其中高新技术企业 the region's hte_count, and 工业总产值 the high-tech output
    text = "到2030年,集聚产业链企业150家,其中高新技术企业超50家,工业总产值力争达到600亿元。\n"
    assert [(d.value, d.indicator) for d in _numeric(text)] == [(150.0, None), (50.0, None), (600.0, None)]
    # the region's own high-tech firms and high-tech output keep their indicators
    own = "到2030年,全县高新技术企业达到120家,高新技术产业产值达到300亿元。\n"
    assert [d.indicator for d in _numeric(own)] == ["hte_count", "hitech_output_value"]


def test_values_listed_after_one_subject_with_fenbie_are_one_target_each_sharing_the_last_word():
    # main drafted one growth of 7% (at least) and a level of 8% 左右
    text = "2030年主要预期目标是:城乡居民人均可支配收入分别增长6%、7.5%左右。\n"
    assert [(d.kind, d.comparator, d.value, d.unit) for d in _numeric(text)] == [
        ("growth", "~", 6.0, "%"),
        ("growth", "~", 7.5, "%"),
    ]


def test_pieces_and_tonnes_are_counts_multiplied_by_wan_and_yi():
    # main read 1500亿块 as 1500 亿 (a bare 亿 of users) and dropped 180万吨 (no unit)
    text = "到2030年,芯片产量超过1500亿块,粮食产量保持在180万吨以上。\n"
    assert [(d.comparator, d.value, d.unit) for d in _numeric(text)] == [
        (">", 150000000000.0, "块"),
        (">=", 1800000.0, "吨"),
    ]


def test_an_addition_stays_an_addition_after_more_than_and_projects_carried_out_are_added_up():
    # main drafted levels for all three: 新增…超200亿元 (超 read as a stock reached), 实施 N and 发行 N
    text = (
        "到2030年,新增科技担保金额超200亿元,实施5个以上应用示范工程,发行科技创新债券突破100亿元,"
        "培育科技型企业突破300家。\n"
    )
    assert [(d.kind, d.value) for d in _numeric(text)] == [
        ("cumulative", 200.0),
        ("cumulative", 5.0),
        ("cumulative", 100.0),
        # 培育…突破300家 also names a stock grown to 300: a level, as before
        ("level", 300.0),
    ]


def test_units_named_by_a_bureaus_own_task_list():
    # a bureau's task list: 牵头科室(单位): on a line of its own (main: no responsible unit)
    text = "1.推进创新平台建设,新建省级以上研发平台5个。\n责任领导:张三\n牵头科室(单位):计划科、县创新中心\n"
    (draft,) = _numeric(text)
    assert draft.responsible_units == ["计划科", "县创新中心"]


def test_two_kinds_of_a_thing_counted_together_are_no_one_catalogue_indicator():
    # main gave the sum of two kinds of firms the catalogue's count of one of them
    text = "到2030年,全县高新技术企业与科技型企业总数达到500家,高新技术企业和创新型企业达到600家。\n"
    assert [(d.value, d.indicator) for d in _numeric(text)] == [(500.0, None), (600.0, None)]
    # one kind of thing, qualified by two: its indicator stays
    alone = "到2030年,全县高新技术企业达到120家。\n"
    assert [d.indicator for d in _numeric(alone)] == ["hte_count"]


def test_the_levels_listed_up_from_the_province_are_provincial_and_above():
    # 国家级和省级研发机构: main matched no indicator (国家 read as a qualifier the name lacks)
    text = "到2030年,全县国家级和省级研发机构达到30家。\n"
    assert [(d.value, d.indicator) for d in _numeric(text)] == [(30.0, "prov_rd_institutions")]


def test_a_milestone_year_after_the_first_deadline_stays_a_target():
    # 2029年,… after 到2027年,…: a later milestone of the plan, not a year told (the past rule reads only
    # years before the first deadline written with 到)
    text = "到2027年,全县高新技术企业达到100家。2029年,全县高新技术企业达到150家。\n"
    assert [d.value for d in _numeric(text)] == [100.0, 150.0]


def test_spaces_inside_a_sentence_with_commas_part_no_clauses():
    # a PDF's text layer spaces words apart: the clause stays whole, with its subject
    text = "到2030年,全县高新技术企业 达到 200家,技术合同成交额 达到 15亿元。\n"
    assert [(d.quotes[0], d.indicator) for d in _numeric(text)] == [
        ("全县高新技术企业 达到 200家", "hte_count"),
        ("技术合同成交额 达到 15亿元", "tech_contract_value"),
    ]


def test_a_share_written_before_what_it_is_a_share_of_is_the_target():
    # 满足…近40%的需求: main read N%的 as a qualifier and drafted nothing; a share before a count still
    # qualifies the count
    text = "到2030年,本地芯片满足全省近40%的市场需求,研发投入占比达到3%的企业超过100家。\n"
    assert [(d.comparator, d.value, d.unit) for d in _numeric(text)] == [("~", 40.0, "%"), (">", 100.0, "家")]


def test_yearly_growths_told_with_fenbie_between_the_words_are_per_year():
    # 年均分别增长8%和12%: main read 增长 without its 年均 (a total growth)
    text = "到2030年,全县规模以上工业增加值、高新技术产业产值年均分别增长8%和12%。\n"
    assert [(d.kind, d.value, d.unit) for d in _numeric(text)] == [
        ("growth", 8.0, "%/年"),
        ("growth", 12.0, "%/年"),
    ]


def test_a_part_of_all_the_regions_firms_named_with_qizhong_keeps_its_indicator():
    # every high-tech firm is a tech firm: 其中 here names all the region's high-tech firms
    text = "到2030年,全县科技型企业达到500家,其中高新技术企业150家。\n"
    assert [(d.value, d.indicator) for d in _numeric(text)] == [(500.0, None), (150.0, "hte_count")]


def test_points_a_year_told_after_the_level_of_a_share_restate_it():
    # main drafted 0.2 个百分点 a year as a target of its own, with no indicator
    text = "到2030年,全县研发投入强度达到3%左右,年均提高0.2个百分点;技术合同成交额年均增长12%。\n"
    drafts = _numeric(text)
    assert [(d.kind, d.value, d.unit) for d in drafts] == [("level", 3.0, "%"), ("growth", 12.0, "%/年")]
    assert drafts[0].quotes[-1] == "年均提高0.2个百分点"
