"""Plan draft (issue 14 point 2, plan11): mechanisms behind round 13's misses and false targets. See
benchmarks/README.md, "plan11".

Every plan sentence here is written for these tests (fictional, no text from any real plan).
"""

from __future__ import annotations

from tests.plan_helpers import indicator_of as _indicator
from tests.plan_helpers import numeric as _numeric


def test_a_verb_of_building_with_a_figure_is_a_target():
    # main drafted nothing: 建设 and 创建 were no cue, and these sentences have no other
    text = "3.2028年建设市级科技企业孵化器2家;创建省级农业科技园区3个。\n"
    assert sorted(d.value for d in _numeric(text)) == [2.0, 3.0]


def test_building_as_a_noun_or_an_approval_sets_nothing():
    # guards: 中心建设; is a noun (no figure after it in its clause); 批复建设 tells an approval
    text = (
        "推进青石县大数据中心建设;在农业、装备等3个领域开展数据应用。\n"
        "近日,省里批复建设东湖、西湖2家县级园区。\n"
    )
    assert _numeric(text) == []


def test_the_coming_five_year_plan_period_ends_a_review_of_the_year_past():
    # main read the 十五五 line as carrying on the 2025 line's review and drafted nothing
    text = (
        "2025年,全县研发经费投入强度达到2.1%。\n"
        "“十五五”时期,全县研发经费投入年均增长9%以上,高新技术企业达到150家。\n"
    )
    assert [(d.value, d.kind) for d in _numeric(text)] == [(9.0, "growth"), (150.0, "level")]


def test_the_five_year_plan_now_ending_still_reviews():
    # guard: “十四五”时期 in a plan to 2030 is the past (REVIEW_PARAGRAPH)
    text = "“十四五”时期,全县高新技术企业达到90家。\n到2030年,高新技术企业达到150家。\n"
    assert [d.value for d in _numeric(text)] == [150.0]


def test_ages_lengths_per_mille_and_ratios_to_one_are_figures():
    # main drafted none of these: 岁, 公里, ‰ and N∶1 were no units
    text = (
        "到2030年,全县人均预期寿命达到81.5岁,农村公路总里程达到0.35万公里,"
        "人口自然增长率控制在4‰以内,城乡居民收入比缩小到1.9∶1。\n"
    )
    assert [(d.value, d.comparator) for d in _numeric(text)] == [
        (81.5, ">="),
        (3500.0, ">="),  # 万 before 公里 multiplies, as before 家 or 千瓦
        (4.0, "<="),
        (1.9, "<="),  # 缩小到 sets a ceiling, as 降低到 does
    ]


def test_a_share_of_gdp_however_gdp_is_written_is_no_amount_of_gdp():
    # main took 研发支出占国内生产总值比重 for GDP itself (the words 国内生产总值 matched its name)
    assert _indicator("研发支出占国内生产总值比重") == "rd_share_gdp"
    assert _indicator("研发支出占地区生产总值的比重") == "rd_share_gdp"
    # a share of something no catalogue row measures is no amount either
    assert _indicator("文化产业增加值占国内生产总值比重") != "gdp"


def test_a_first_estimate_of_the_year_just_ended_is_no_target():
    # main read 初步预计 as the future (预计) and drafted the year's estimated output as a target
    text = (
        "据初步预计,青石县2029年全年实现地区生产总值188亿元,比上年增长7%。\n"
        "2030年,青石县计划引进10个以上亿元项目。\n"
    )
    assert [d.value for d in _numeric(text)] == [10.0]


def test_a_count_of_places_before_their_total_says_whose_it_is():
    # main drafted the 12 counties as the target and dropped the output
    text = "到2030年,全市12个县(区)特色产业总产值将达到860亿元。\n"
    assert [(d.value, d.unit) for d in _numeric(text)] == [(860.0, "亿元")]


def test_a_count_of_places_with_no_later_figure_stays_the_target():
    # guard: 创建省级科技示范镇5个 and 15个乡镇建成… set the count of places itself
    text = "到2030年,15个乡镇建成科技服务站。\n"
    assert [d.value for d in _numeric(text)] == [15.0]


def test_as_of_the_deadline_is_the_deadline_not_the_past():
    # main read 截至“十五五”末 as 截至 (the past) and drafted nothing of the sentence
    text = "截至“十五五”末,全县科技型中小企业将达到600家。\n"
    assert [d.value for d in _numeric(text)] == [600.0]


def test_as_of_a_year_before_the_deadline_stays_the_past():
    # guard: 截至2027年底 in a plan to 2030 tells what was reached
    text = "截至2027年底,全县科技型中小企业达到420家。到2030年,达到600家。\n"
    assert [d.value for d in _numeric(text)] == [600.0]


def test_how_many_places_are_of_a_kind_is_no_target():
    # main drafted 9 个 (a classification of the towns) as a target beside the towns' output
    text = "到2030年,其中,主导产业为装备制造的乡镇9个,总产值达到320亿元。\n"
    assert [(d.value, d.unit) for d in _numeric(text)] == [(320.0, "亿元")]


def test_a_count_per_thousand_of_something_is_a_density_of_no_catalogue_count():
    # main took the density of tech SMEs among a thousand registered firms for their count
    assert _indicator("千家注册企业中科技型中小企业数量") is None
    assert _indicator("每千户企业中高新技术企业数") is None
    # guards: the count itself, and the count per 10,000 people, are catalogue rows
    assert _indicator("科技型中小企业数量") == "tech_smes"
    assert _indicator("每万人口发明专利拥有量") == "invention_patents_per_10k"


def test_one_growth_held_by_each_of_a_list_with_jun_or_fenbie():
    # main drafted one target for the three measures (均/分别 hid the last measure's name)
    for text in (
        "2030年,税收收入、工业投资、民间投资均增长8%左右。\n",
        "2030年,税收收入、工业投资和民间投资分别增长8%左右。\n",
    ):
        drafts = _numeric(text)
        assert [(d.value, d.kind, d.comparator) for d in drafts] == [(8.0, "growth", "~")] * 3
        assert [d.quotes[0][:4] for d in drafts] == ["税收收入", "工业投资", "民间投资"]


def test_years_are_the_unit_of_a_duration_never_a_year_or_a_span():
    # main drafted nothing of 受教育年限 (年 was no unit); 2030年 and 用3年时间 stay no figures
    text = "到2030年,用3年时间,全县劳动年龄人口平均受教育年限达到11.2年,高新技术企业达到100家。\n"
    assert [(d.value, d.unit) for d in _numeric(text)] == [(11.2, "年"), (100.0, "家")]


def test_a_work_reports_review_of_the_year_just_ended_sets_no_target():
    # (sixth session, lead; round 14's provincial work report) 2025年是…的一年 names the year reviewed: its
    # figures, 预计 estimates of it included, are the past; the coming plan period's line is a target
    text = (
        "报告提出,今年的主要预期目标是:地区生产总值增长5%左右。报告指出,2025年是极不平凡的一年。"
        "数据显示,全年地区生产总值增长4.2%。预计全社会研发投入68亿元,研发投入强度达2.9%,"
        "高新技术企业增至420家。展望“十五五”时期,地区生产总值年均增长6%以上。\n"
    )
    drafted = sorted((d.kind, d.comparator, d.value) for d in _numeric(text))
    assert drafted == [("growth", ">=", 6.0), ("growth", "~", 5.0)]


def test_the_same_figure_for_two_deadlines_is_two_targets():
    # (sixth session, lead) a year's target and the plan period's, both 5%: not one target stated twice
    text = "到2026年,地区生产总值增长5%左右。到2030年,地区生产总值年均增长5%以上。\n"
    drafted = sorted((d.deadline, d.comparator, d.value) for d in _numeric(text))
    assert drafted == [(2026, "~", 5.0), (2030, ">=", 5.0)]
    # the same target said twice with its year stays one entry citing both places
    again = "到2030年,地区生产总值年均增长5%以上。\n三、重点任务\n到2030年,地区生产总值年均增长5%以上。\n"
    assert [(d.deadline, d.sections) for d in _numeric(again)] == [(2030, ["一、主要目标", "三、重点任务"])]
