"""Plan draft (issue 14 point 2, plan13): what makes a clause a target and which indicator its own phrase
names, in general forms seen across the real plan rounds (benchmarks/README.md, "Plan13").

Every plan sentence here is written for these tests (fictional, no text from any real plan).
"""

from __future__ import annotations

from tests.plan_helpers import indicator_of as _indicator
from tests.plan_helpers import numeric as _numeric

# --- indicators: the qualifiers of the target's own phrase ---


def test_a_share_of_revenue_is_no_share_of_output():
    # main took every revenue share (主营业务收入, 销售收入, 营收) for the high-tech output share
    assert _indicator("高新技术产业主营业务收入占规上工业企业主营业务收入比重") is None
    assert _indicator("高新技术产业销售收入占规模以上工业销售收入比重") is None
    assert _indicator("高新技术产业营收占比") is None
    # guard: output, however named, stays the output share
    assert _indicator("高新技术产品产值占规上工业产值比重") == "hitech_output_share"


def test_small_firms_of_every_kind_are_not_the_register_of_tech_smes():
    # main matched 中小企业 (a wider class) to the registered tech SMEs
    assert _indicator("中小企业") is None
    # the register is the national one: 入库国家科技型中小企业 is it, not a level of government
    assert _indicator("入库国家科技型中小企业") == "tech_smes"
    assert _indicator("科技型中小企业") == "tech_smes"


def test_public_r_and_d_money_is_no_society_wide_r_and_d():
    # main matched the budget's R&D spending to the society-wide R&D expenditure
    assert _indicator("财政研发投入") is None
    assert _indicator("政府研发经费投入") is None
    assert _indicator("全社会研发经费投入") == "rd_expenditure"


def test_the_candidates_for_a_title_are_not_its_holders():
    # main counted the pool of candidate firms as high-tech enterprises
    assert _indicator("高新技术企业培育库入库企业") is None
    assert _indicator("省高新技术企业培育企业") is None
    assert _indicator("高新技术后备企业") is None
    assert _indicator("高新技术企业") == "hte_count"


def test_contracts_bought_in_and_patents_per_worker_are_other_measures():
    assert _indicator("吸纳技术合同成交额") is None
    assert _indicator("每万名就业人员发明专利拥有量") is None


def test_results_counted_are_not_projects_counted():
    # main matched a count of S&T results registered or transferred to the transfer projects' count
    assert _indicator("登记科技成果") is None
    assert _indicator("转移转化科技成果") is None
    # guard: projects, or major results transferred one project each, are the projects' count
    assert _indicator("实施科技成果转化项目") == "major_transfer_projects"
    assert _indicator("转化重大科技成果") == "major_transfer_projects"


def test_a_part_of_a_measure_is_measured_as_its_whole():
    # main took the invention patents among patents applied for as invention patents granted
    text = "到2030年,全县专利申请量达到300件,其中发明专利40件;授权专利120件,其中发明专利25件。\n"
    found = [(d.value, d.indicator) for d in _numeric(text)]
    assert found == [(300.0, None), (40.0, None), (120.0, None), (25.0, "invention_patents_granted")]


def test_the_total_of_the_spending_just_named_is_that_spending():
    # main left 投入总量 and 总额 (the total of the R&D spending the clause before names) without an indicator
    text = (
        "到2030年,全县研发投入强度达到2.2%,投入总量达到16亿元。"
        "全市研发经费投入达到9亿元,力争总额实现翻一番。\n"
    )
    found = [(d.kind, d.value, d.indicator) for d in _numeric(text)]
    assert found == [
        ("level", 2.2, "rd_share_gdp"),
        ("level", 16.0, "rd_expenditure"),
        ("level", 9.0, "rd_expenditure"),
        ("growth", 100.0, "rd_expenditure"),
    ]


def test_one_doubling_of_kinds_of_firm_listed_is_one_target_each():
    # main drafted one doubling with no indicator for both kinds of firm
    text = "到2030年,高新技术企业、科技型中小企业均实现翻番。\n"
    found = [(d.kind, d.value, d.indicator) for d in _numeric(text)]
    assert found == [("growth", 100.0, "hte_count"), ("growth", 100.0, "tech_smes")]


# --- what a clause is ---


def test_a_space_after_a_figure_is_a_lost_comma():
    # main read the two targets as one clause with the first figure, and lost the second
    text = "到2030年,全县研发投入强度达到2.6%以上 高新技术企业数达到180家,技术合同成交额达12亿元。\n"
    found = [(d.value, d.indicator) for d in _numeric(text)]
    assert found == [(2.6, "rd_share_gdp"), (180.0, "hte_count"), (12.0, "tech_contract_value")]


def test_a_space_inside_a_clause_is_no_comma():
    # guard: a space between a figure and its unit, or inside a word, parts nothing
    text = "到2030年,入库科技型中小 企业 120 家以上,高新技术企业达到 80 家。\n"
    found = [(d.value, d.indicator) for d in _numeric(text)]
    assert found == [(120.0, "tech_smes"), (80.0, "hte_count")]


def test_persons_counted_in_ten_thousands_are_written_in_persons():
    # main kept 3万人 as 3 (万人), the unit of a population, for a count of persons
    text = "到2030年,全县研发人员达到1.5万人,累计带动8万人就业。\n"
    found = [(d.value, d.unit) for d in _numeric(text)]
    assert found == [(15000.0, "人"), (80000.0, "人")]


# --- figures that are no targets ---


def test_the_size_of_a_list_defining_a_term_is_no_target():
    # main drafted the count closing the list as a target
    text = "到2030年,重点领域包括智能装备、新型材料、生物医药和数字服务4个领域,高新技术企业达到90家。\n"
    found = [(d.value, d.indicator) for d in _numeric(text)]
    assert found == [(90.0, "hte_count")]


def test_things_counted_including_some_named_are_a_target():
    # guard: 包括…在内的10家 counts the firms, of which the list names two
    text = "到2030年,培育包括甲公司、乙公司在内的12家龙头企业。\n"
    assert [d.value for d in _numeric(text)] == [12.0]


def test_an_amount_granted_to_each_beneficiary_is_no_target():
    # main drafted the grants of a support policy as targets
    text = (
        "到2030年,高新技术企业达到90家。对首次认定的企业一次性给予15万元奖励,"
        "对授权发明专利每件资助2000元,对新建研发机构给予最高30万元补助。\n"
    )
    assert [(d.value, d.unit) for d in _numeric(text)] == [(90.0, "家")]


def test_a_budget_set_for_the_period_stays_a_target():
    # guard: money the plan sets aside in total is no grant to each
    text = "到2030年,每年安排科技专项资金不少于800万元。\n"
    assert [(d.value, d.unit, d.kind) for d in _numeric(text)] == [(800.0, "万元", "annual_floor")]


# --- the past of a year's work plan ---

# A news report of a year's work conference, written for the test: the year's goals, then the year before.
_WORK_NEWS = (
    "某省部署2027年科技工作\n"
    "本报讯 2027年全省科技工作会议日前召开。会议明确主要目标,力争技术合同成交额达到900亿元,"
    "高新技术企业达到5000家。\n"
    "厅长介绍,2026年,全省综合科技创新水平居全国第15位,技术合同成交额820亿元。\n"
    "会议现场。本报记者 摄\n"
    "全省在全国率先开展科技领军企业培育,新认定8家领军企业。\n"
)


def test_a_year_s_work_plan_reviews_the_year_before_it():
    # main read the plan period as the five years to the deadline: the year before (2026) was no past, its
    # rank and the record in the paragraphs after it were drafted as targets
    found = [(d.kind, d.value) for d in _numeric(_WORK_NEWS, deadline=2027, head="")]
    assert found == [("level", 900.0), ("level", 5000.0)]


def test_a_paragraph_opening_on_a_year_before_the_period_reviews_it():
    # a plan to 2030 whose period opens in 2026: a paragraph told of 2024 (after a speaker's words) is past,
    # and so are the paragraphs after it that say nothing of the future (main: a caption naming a year of the
    # plan ended the past, and the record after it was drafted)
    text = (
        "某县科技创新行动方案(2026—2030年)\n"
        "局长介绍,2024年,全县技术合同成交额5亿元。\n"
        "2026年全县科技大会现场。\n"
        "全县新认定高新技术企业12家,建成省级研发机构6家。\n"
        "力争2030年高新技术企业达到90家。\n"
    )
    assert [(d.value, d.indicator) for d in _numeric(text, head="")] == [(90.0, "hte_count")]


def test_another_document_s_goal_quoted_for_a_purpose_is_no_target():
    # main drafted the province's 3.1% as a target of the county's plan
    text = (
        "到2030年,为落实《某省科技创新规划》提出的全省研发投入强度达到3.1%的目标,全县研发投入强度达到2.4%。\n"
    )
    assert [(d.value, d.indicator) for d in _numeric(text)] == [(2.4, "rd_share_gdp")]


def test_a_goal_the_plan_vows_to_reach_stays_a_target():
    # guard: 确保实现…的目标 is the plan's own goal
    text = "到2030年,确保实现高新技术企业达到150家的目标。\n"
    assert [(d.value, d.indicator) for d in _numeric(text)] == [(150.0, "hte_count")]


def test_the_rate_of_a_policy_instrument_is_no_target():
    # main drafted a tax deduction rate, a tax rate and the rates of grants as targets
    text = (
        "到2030年,企业研发费用加计扣除比例提高到120%,对企业研发投入按8%给予补助,贷款贴息40%,"
        "研发费用加计扣除政策落实率达到100%。\n"
    )
    assert [d.value for d in _numeric(text)] == [100.0]  # how far the policy reaches stays one


def test_a_project_s_output_once_built_is_no_target():
    # main drafted what a project is expected to give once built
    text = "到2030年,建成科创产业园1个,建成后年产值可达60亿元。\n"
    assert [(d.value, d.unit) for d in _numeric(text)] == [(1.0, "个")]


# --- a change from a base ---


def test_a_change_on_the_base_of_now_sets_its_second_figure():
    # main drafted nothing: 现有/目前 read as the present told
    text = "到2030年,全县研发投入强度在现有1.6%的基础上提高到2.4%,高新技术企业在目前50家的基础上翻一番。\n"
    found = [(d.kind, d.value, d.indicator) for d in _numeric(text)]
    assert found == [("level", 2.4, "rd_share_gdp"), ("growth", 100.0, "hte_count")]


def test_a_rank_changed_from_a_place_sets_the_place_it_reaches():
    # main took the place it starts from (第9位) for the target, or drafted nothing when the change names
    # the years it runs between
    text = (
        "力争全县科技创新综合排名由全市第9位进入前4位。\n科技进步水平由2025年的第12位提升至2030年的前6位。\n"
    )
    found = [(d.kind, d.value, d.comparator) for d in _numeric(text)]
    assert found == [("rank", 4.0, "top"), ("rank", 6.0, "top")]


def test_a_change_between_past_years_is_no_target():
    # guard: a change that ends in a year before the plan period is the past
    text = "全县高新技术企业由2019年的20家增加到2024年的45家。到2030年,高新技术企业达到90家。\n"
    assert [d.value for d in _numeric(text)] == [90.0]


def test_a_work_report_s_goals_of_its_year_make_the_year_before_the_past():
    # main read the plan period as the five years to the deadline, so the year before's figures were targets
    text = (
        "2028年,全省生产总值增长5.4%,研发投入强度达到2.3%。"
        "2029年经济社会发展的主要预期目标是:生产总值增长5%左右,研发投入强度达到2.4%。\n"
    )
    found = [(d.kind, d.value) for d in _numeric(text, deadline=2029, head="")]
    assert found == [("growth", 5.0), ("level", 2.4)]


def test_money_allotted_is_no_target_and_a_floor_of_money_is_one():
    # main drafted the allotments as targets
    text = "到2030年,拟安排省级预算内投资60亿元,下达科技专项资金8亿元,每年安排创新资金不少于2亿元。\n"
    assert [(d.value, d.unit) for d in _numeric(text)] == [(2.0, "亿元")]


def test_a_part_of_a_measure_is_not_the_whole_measure():
    # main matched the development contracts among all technology contracts to the whole turnover
    text = "到2030年,全县技术合同成交额达到20亿元,其中技术开发合同成交额达到6亿元。\n"
    found = [(d.value, d.indicator) for d in _numeric(text)]
    assert found == [(20.0, "tech_contract_value"), (6.0, None)]


def test_the_scope_a_clause_opens_on_is_no_target():
    # main drafted the count of chains the plan focuses on, and the count of all the county's towns
    text = "到2030年,聚焦12条产业链,培育链主企业15家。全县16个乡镇实现科技特派员全覆盖。\n"
    assert [d.value for d in _numeric(text)] == [15.0]


def test_how_many_indicators_a_plan_has_is_no_target():
    text = "到2030年,全县共有9项指标,高新技术企业达到90家。\n"
    assert [d.value for d in _numeric(text)] == [90.0]


def test_one_firm_s_figure_is_no_region_s_indicator():
    # main matched a named group's R&D spending to the region's R&D expenditure
    text = "到2030年,支持某某集团研发投入超过6亿元。\n"
    assert [(d.value, d.indicator) for d in _numeric(text)] == [(6.0, None)]


def test_a_base_told_aside_in_brackets_leaves_the_target():
    # main dropped both targets: the bracket's past year made each clause the past
    text = "到2030年,高新技术企业达到120家(2024年底为60家),技术合同成交额达到15亿元(2024年为7亿元)。\n"
    found = [(d.value, d.indicator) for d in _numeric(text)]
    assert found == [(120.0, "hte_count"), (15.0, "tech_contract_value")]


def test_a_higher_level_s_goal_quoted_in_a_county_plan_is_not_the_county_s():
    # main drafted the city's 600 as the county's high-tech enterprise target; 我县 takes the subject before
    text = "到2030年,全县研发投入强度达到2%。全市高新技术企业数量达到600家,我县达到70家,居全市第3位。\n"
    found = [(d.kind, d.value, d.indicator) for d in _numeric(text)]
    assert found == [("level", 2.0, "rd_share_gdp"), ("level", 70.0, "hte_count"), ("rank", 3.0, None)]


def test_a_city_plan_s_own_goals_stay():
    # guard: in a city's plan 全市 is the plan's own region
    text = "到2030年,全市研发投入强度达到2.5%,全市高新技术企业达到600家。\n"
    assert [d.value for d in _numeric(text)] == [2.5, 600.0]


def test_r_and_d_intensity_is_the_r_and_d_share_of_gdp():
    # main left 研发强度 (no 投入 between) without an indicator
    assert _indicator("研发强度") == "rd_share_gdp"
    assert _indicator("R&D强度") == "rd_share_gdp"


def test_firms_applying_for_a_title_are_not_its_holders():
    # main matched the count of applicants to the high-tech enterprises
    assert _indicator("高新技术企业申报数") is None


def test_a_verb_made_perfective_tells_what_was_done():
    # main drafted 达到了/实现了 figures of a review as targets
    text = (
        "全县科技创新成效明显,高新技术企业达到了55家,技术合同成交额实现了4亿元。"
        "到2030年,高新技术企业达到110家。\n"
    )
    assert [d.value for d in _numeric(text)] == [110.0]


def test_a_rank_told_with_no_aim_is_the_present():
    # main drafted the county's present place as a rank target
    text = "全县高新技术企业总数居全市第3位。到2030年,高新技术企业达到110家。\n"
    assert [(d.kind, d.value) for d in _numeric(text)] == [("level", 110.0)]


def test_a_rank_the_plan_aims_at_stays_a_target():
    # guard: a rank in a sentence that changes from now, or in the goals with a deadline, is a target
    text = "科技论文被引次数要由目前的全国第9位,进入全国前5位。到2030年,万人发明专利拥有量居全市首位。\n"
    assert [(d.kind, d.value) for d in _numeric(text)] == [("rank", 5.0), ("rank", 1.0)]


def test_the_verb_of_a_doubling_is_no_word_of_its_indicator():
    # main left 高企数量实现倍增 without an indicator: 实现 was read as a word of what doubles
    text = "到2030年,高企数量实现倍增。\n"
    assert [(d.kind, d.value, d.indicator) for d in _numeric(text)] == [("growth", 100.0, "hte_count")]


def test_a_capacity_names_the_project_it_sizes():
    # main drafted the capacities as targets (100000 吨; 300000 千瓦 instead of the one project)
    text = "到2030年,建设年产8万吨新材料项目,建成20万千瓦光伏项目2个。\n"
    assert [(d.value, d.unit) for d in _numeric(text)] == [(2.0, "个")]


def test_a_status_and_a_goal_written_as_nouns_set_the_goal():
    # main drafted nothing from 现状…,2030年目标… and left the year's 年 as the subject of a figure after a
    # year, so the clause after it took that 年 instead of the indicator named before the colon
    text = "高新技术企业:现状48家,2030年目标110家。\n技术合同成交额:2025年为6亿元,2030年达到14亿元。\n"
    found = [(d.value, d.indicator) for d in _numeric(text)]
    assert found == [(110.0, "hte_count"), (14.0, "tech_contract_value")]


def test_firms_r_and_d_however_written_is_no_regional_r_and_d():
    # main read 企业R&D (R&D in Latin letters) as the region's R&D intensity and spending
    assert _indicator("企业R&D经费投入强度") is None
    assert _indicator("企业 R&D 经费支出") is None
    # guard: the region's R&D written in Latin letters stays the region's
    assert _indicator("全社会R&D经费支出占GDP比重") == "rd_share_gdp"


def test_investment_one_kind_of_contract_and_a_stock_of_patents_are_other_measures():
    # main matched investment to output, one kind of contract to all contracts, and the patents held to the
    # patents granted in a year
    assert _indicator("高新技术产业投资") is None
    assert _indicator("技术开发合同成交额") is None
    assert _indicator("发明专利拥有量") is None
    # guards
    assert _indicator("技术合同成交额") == "tech_contract_value"
    assert _indicator("每万人发明专利拥有量") == "invention_patents_per_10k"
    assert _indicator("高新技术企业保有量") == "hte_count"


def test_a_qualitative_aim_run_into_a_target_is_no_word_of_its_indicator():
    # main matched the whole run (a lost comma) and found no indicator
    text = "到2030年,企业创新主体地位显著增强高新技术企业达到130家。\n"
    assert [(d.value, d.indicator) for d in _numeric(text)] == [(130.0, "hte_count")]


def test_a_yearly_grant_with_a_floor_is_a_budget_and_a_spaced_qualifier_still_qualifies():
    # guards of the grants rule and the lost-comma rule: 每年给予…不少于 is money the plan commits each year;
    # a space before 的 (a PDF's spacing) does not part the share from the firms it qualifies
    text = "到2030年,县财政每年给予科技专项资金不少于900万元,研发投入占比达到4%以上 的企业超过60家。\n"
    assert [(d.value, d.unit) for d in _numeric(text)] == [(900.0, "万元"), (60.0, "家")]


def test_industry_is_a_word_either_side_may_leave_out():
    # main refused 高新技术总产值 (the name's 产业 not said) although it is the high-tech output
    assert _indicator("高新技术总产值") == "hitech_output_value"
    # guards: a narrower name (核心产业) and another classification (高技术) stay refused
    assert _indicator("数字经济增加值占GDP比重") is None
    assert _indicator("高技术产业产值") is None


def test_a_year_s_task_list_has_that_year_for_its_period():
    # main read a one-year task list's period as the five years to its deadline: the year before was in it
    text = (
        "某县2027年科技创新重点任务清单\n"
        "2026年,全县新认定高新技术企业9家。\n"
        "全县新增省级研发机构4家。\n"
        "2027年,力争高新技术企业达到70家。\n"
    )
    assert [(d.value, d.indicator) for d in _numeric(text, deadline=2027, head="")] == [(70.0, "hte_count")]


def test_a_line_ending_on_a_goals_lead_cues_the_lines_listed_after_it():
    # main drafted nothing from numbered lines without verbs after 实现以下目标:
    text = "到2030年,实现以下目标:\n1.高新技术企业130家;\n2.技术合同成交额16亿元;\n3.研发投入强度2.7%。\n"
    found = [(d.value, d.indicator) for d in _numeric(text)]
    assert found == [(130.0, "hte_count"), (16.0, "tech_contract_value"), (2.7, "rd_share_gdp")]


def test_two_measures_joined_by_and_each_doubling_are_two_targets():
    # main drafted one doubling with no indicator: 和 was read as a word of one name
    text = "到2030年,全县高新技术企业和省级以上研发机构数量均实现翻番。\n"
    found = [(d.kind, d.indicator) for d in _numeric(text)]
    assert found == [("growth", "hte_count"), ("growth", "prov_rd_institutions")]
