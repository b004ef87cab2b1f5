"""Plan draft (issue 14 point 2, plan10): mechanisms behind round 12's misses and false targets. See
benchmarks/README.md, "plan10".

Every plan sentence here is written for these tests (fictional, no text from any real plan).
"""

from __future__ import annotations

from hzanalysis import plan_text
from tests.plan_helpers import indicator_of as _indicator
from tests.plan_helpers import numeric as _numeric


def test_the_past_year_told_with_de_opens_a_review():
    # main read 刚刚过去的一年 as no review: the year's output and a share held for years were drafted
    text = (
        "刚刚过去的一年,青石县实现地区生产总值210亿元,高新技术企业达到120家以上。\n"
        "到2030年,全社会研发经费投入强度达到3.2%以上。\n"
    )
    assert [(d.value, d.indicator) for d in _numeric(text)] == [(3.2, "rd_share_gdp")]


def test_a_count_of_the_plans_own_indicators_is_no_target():
    # main drafted 6 个 and 9 项 as level targets
    text = "方案提出了6个主要指标。\n《方案》设置9项核心指标,到2030年,高新技术企业达到150家。\n"
    assert [(d.value, d.indicator) for d in _numeric(text)] == [(150.0, "hte_count")]


def test_a_question_about_a_target_is_no_target():
    # main drafted the heading's 15% as a level (>=) and merged the body's 15%左右 into it
    text = "基础研究经费占比怎样达到15%\n到2030年,基础研究经费占研发经费比重达到15%左右。\n"
    drafts = _numeric(text)
    assert [(d.value, d.comparator) for d in drafts] == [(15.0, "~")]
    assert drafts[0].quotes == ["基础研究经费占研发经费比重达到15%左右"]


def test_a_part_in_brackets_is_a_target_of_its_own():
    # main drafted the 40 only, its quote holding the bracket
    text = "到2030年,新增孵化器40家(其中国家级孵化器5家)。\n"
    assert [(d.value, d.quotes[0]) for d in _numeric(text)] == [
        (40.0, "新增孵化器40家"),
        (5.0, "其中国家级孵化器5家"),
    ]


def test_verbs_that_add_cue_a_sentence_of_their_own():
    # main drafted nothing of 组建 (no cue word) and a level of the deals brought about
    text = "到2030年,青石县科技服务体系基本形成。全县组建8家工程技术研究中心,促成300项成果转化。\n"
    assert [(d.value, d.kind) for d in _numeric(text)] == [(8.0, "cumulative"), (300.0, "cumulative")]


def test_a_repost_dated_after_the_deadline_keeps_the_plans_targets():
    # main took the page's date (2021) as the plan's start, so its 到2018年 target was the past
    text = "发布时间:2021-03-02 10:00:00\n省委全会提出,到2018年,全省技术合同成交额达到80亿元。\n"
    assert plan_text.plan_period(text, 2018) == 2014
    drafts = _numeric(text, 2018, head="")
    assert [(d.value, d.indicator) for d in drafts] == [(80.0, "tech_contract_value")]


def test_a_date_before_the_deadline_still_opens_the_period():
    # guard (passes on main too): the issue date of the plan itself is its first year
    assert plan_text.plan_period("2026年3月1日\n到2030年,…", 2030) == 2026


def test_a_county_shorthand_for_above_scale_industry():
    # main matched no indicator: 规模工业 is the county's word for 规模以上工业
    assert _indicator("全县规模工业总产值达到300亿元") == "above_scale_industrial_output"
    assert _indicator("规模工业增加值增长8%") is None  # value added is not output


def test_applications_exports_and_a_kind_of_institution_are_not_the_catalogue_rows():
    # main: invention_patents_granted, hitech_output_value, new_rd_institutions
    assert _indicator("发明专利申请量达到300件") is None
    assert _indicator("高新技术产业出口额达到50亿元") is None
    assert _indicator("研发机构80家") is None
    # guards: the catalogue's own rows are still found
    assert _indicator("发明专利授权量达到300件") == "invention_patents_granted"
    assert _indicator("新型研发机构达到12家") == "new_rd_institutions"
    assert _indicator("省级以上研发机构达到80家") == "prov_rd_institutions"


def test_an_abbreviation_in_brackets_restates_the_name():
    # main: below the threshold (the brackets and their letters count as words of the phrase)
    drafts = _numeric("到2030年,全社会研发(RD)经费支出相当于地区生产总值(GDP)的比例达到3%左右。\n")
    assert [(d.value, d.comparator, d.indicator) for d in drafts] == [(3.0, "~", "rd_share_gdp")]


def test_a_share_opening_its_clause_is_a_target():
    # main drafted only the count: a share before what it is a share of, with no verb before it, was read
    # as qualifying the things named after it
    text = "到2030年,全县培育科技型企业300家、85%以上的研发人员集中在企业、70%的财政科技资金用于企业。\n"
    assert [(d.value, d.unit, d.comparator) for d in _numeric(text)] == [
        (300.0, "家", ">="),
        (85.0, "%", ">="),
        (70.0, "%", ">="),
    ]


def test_a_share_qualifying_a_count_is_still_no_target():
    # guard (passes on main too): a figure follows the share, so the share says which firms are counted
    text = "到2030年,研发投入占比达到5%的企业超过40家。\n"
    assert [(d.value, d.unit) for d in _numeric(text)] == [(40.0, "家")]


def test_power_and_energy_are_multiplied_as_counts():
    # main read 亿 as the unit (a value of 1.5, and 左右 after 千瓦 lost: >=)
    drafts = _numeric("到2030年,全县农机总动力稳定在1.5亿千瓦左右,光伏年发电量达到3000万千瓦时以上。\n")
    assert [(d.value, d.unit, d.comparator) for d in drafts] == [
        (150_000_000.0, "千瓦", "~"),
        (30_000_000.0, "千瓦时", ">="),
    ]


def test_a_part_of_an_addition_is_added_too():
    # main: the part (其中…) a level in the deadline year, its whole a sum over the period
    drafts = _numeric("到2030年,新增众创空间30家,其中国家级众创空间4家。\n")
    assert [(d.value, d.kind) for d in drafts] == [(30.0, "cumulative"), (4.0, "cumulative")]


def test_the_full_name_of_rd_and_a_ratio_to_gdp():
    # main: no indicator (研究与开发 and 比例 are not the catalogue's words)
    drafts = _numeric("到2030年,全社会研究与开发经费支出占全县生产总值的比例达到2.8%。\n")
    assert [(d.value, d.indicator) for d in drafts] == [(2.8, "rd_share_gdp")]


def test_a_base_named_by_a_five_year_plan_is_its_end_year_and_no_past():
    # main: nothing (比“十三五”末 was read as the past); 十一五 in a plan to 2015: no indicator
    drafts = _numeric("到2030年,全县发明专利授权总量比“十三五”末翻一番。\n")
    assert [(d.kind, d.value, d.base_year, d.indicator) for d in drafts] == [
        ("growth", 100.0, 2020, "invention_patents_granted")
    ]
    drafts = _numeric("到2015年,全县发明专利授权总量要比“十一五”末翻两番。\n", 2015, head="")
    assert [(d.kind, d.value, d.base_year, d.indicator) for d in drafts] == [
        ("growth", 300.0, 2010, "invention_patents_granted")
    ]
