"""Extraction: general forms found reading real bulletins, work reports and S&T news of 浙江, 江苏, 广东,
福建, 安徽, 湖北, 湖南, 江西 and 上海 (helper extract13), each in sentences written for the test.

The figures are made up. Each test fails on the code before it (guards excepted, marked as such).
"""

from __future__ import annotations

from hzanalysis.extract import extract_text


def _rows(text: str, year: int = 2025) -> list[tuple[str, int, float, str]]:
    frame = extract_text(text, region="海州区", year=year)
    return [(r.indicator, int(r.year), r.value, r.bound) for r in frame.itertuples()]


def test_r_and_d_spending_written_as_r_and_d_zhichu():
    text = "2025年，全区R&D支出12.4亿元，全社会R&D支出占GDP的比重达2.86%。"
    assert _rows(text) == [("rd_expenditure", 2025, 12.4, "="), ("rd_share_gdp", 2025, 2.86, "=")]


def test_about_before_a_share_or_in_traditional_characters_is_approximate():
    assert _rows("2025年，全區研發經費支出約12.4億元，約佔GDP的2.9%。") == [
        ("rd_expenditure", 2025, 12.4, "~"),
        ("rd_share_gdp", 2025, 2.9, "~"),
    ]
    assert _rows("全区研发经费支出约占地区生产总值比重为2.9%。") == [("rd_share_gdp", 2025, 2.9, "~")]
    # guard: 约 before another figure of the clause does not make the share approximate
    assert _rows("全区研发经费支出占GDP比重为2.9%，研发人员约3000人。") == [("rd_share_gdp", 2025, 2.9, "=")]


def test_a_total_with_a_name_of_its_own_is_another_statistic():
    text = "全区地区生产总值突破800亿元，进出口总额达520亿元，营业收入总额达1200亿元。"
    assert _rows(text) == [("gdp", 2025, 800.0, ">=")]
    # guards: a bare total after the statistic, and 经济总量, are the statistic again
    assert _rows("全区地区生产总值增长5.1%，总量达到835亿元。") == [("gdp", 2025, 835.0, "=")]
    assert _rows("全区地区生产总值增长5.1%，经济总量达到835亿元。") == [("gdp", 2025, 835.0, "=")]
    assert _rows("2025年全区研发投入总量达18.6亿元。") == [("rd_expenditure", 2025, 18.6, "=")]
    # (the words of the statistic named before: 企业总数 after 新增高新技术企业)
    assert _rows("新增高新技术企业46家，企业总数达到312家。") == [("hte_count", 2025, 312.0, "=")]


def test_a_plan_being_carried_out_is_no_target():
    text = "我区实施研发投入提升行动计划，2024年全区研发投入达到18.6亿元，投入强度由2.1%提升到2.6%。"
    assert _rows(text) == [("rd_expenditure", 2024, 18.6, "="), ("rd_share_gdp", 2024, 2.6, "=")]
    # guards: a plan to be carried out, and 力争 after a plan carried out, still set targets
    assert _rows("今年，我区将全面实施高企倍增计划，高新技术企业达到300家。") == []
    assert _rows("实施高企倍增计划，力争高新技术企业达到300家。") == []


def test_places_counted_are_no_count_of_the_statistic():
    text = "到2025年底，全区高新技术企业在9个镇街均有布局，覆盖3个省份。"
    assert _rows(text) == []


def test_firms_recommended_or_filed_after_their_name_are_applicants():
    text = "2025年，共完成3批126家高新技术企业推荐报备工作，全区有效高新技术企业达到412家。"
    assert _rows(text) == [("hte_count", 2025, 412.0, "=")]


def test_news_dated_the_year_after_counts_last_year_from_its_date():
    text = (
        "全区召开科技创新大会\n"
        "发布时间：2026-03-12\n"
        "去年，全区高新技术企业达到212家，技术合同成交额达到15.6亿元。"
    )
    assert _rows(text) == [("hte_count", 2025, 212.0, "="), ("tech_contract_value", 2025, 15.6, "=")]
    # guard: a page dated in the year it reports on counts 去年 from that year
    dated_same = text.replace("2026-03-12", "2025-11-12")
    assert _rows(dated_same) == [("hte_count", 2024, 212.0, "="), ("tech_contract_value", 2024, 15.6, "=")]


def test_the_members_of_a_group_of_a_kind_are_a_part():
    text = "2025年，全区企业技术中心所在企业中有36家高新技术企业。全区高新技术企业达到218家。"
    assert _rows(text) == [("hte_count", 2025, 218.0, "=")]
    assert _rows("全区规模以上工业企业中共有高新技术企业86家。") == []


def test_an_increase_over_the_year_before_named_is_the_net_additions():
    text = "2025年，全区高新技术企业共有218家，比2024年增加31家，增长16.6%。"
    assert _rows(text) == [("hte_count", 2025, 218.0, "="), ("hte_net_new", 2025, 31.0, "=")]
    # guard: an increase over an earlier year is a change over several years
    text = "2025年，全区高新技术企业共有218家，比2020年增加131家。"
    assert _rows(text) == [("hte_count", 2025, 218.0, "=")]


def test_the_base_of_a_comparison_is_the_figure_of_the_year_it_names():
    text = "2025年，全区高新技术企业增长至218家，较2021年的96家增幅为127%。"
    assert _rows(text) == [("hte_count", 2025, 218.0, "="), ("hte_count", 2021, 96.0, "=")]
    # guard: a change over a year named is still no figure
    assert _rows("2025年全区技术合同成交额12.5亿元，比2024年增长20%。") == [
        ("tech_contract_value", 2025, 12.5, "=")
    ]


def test_a_title_with_last_year_restating_the_body_under_a_section_name():
    text = (
        "要闻\n"
        "去年全区研发投入达15.5亿元\n"
        "翻开今年的政府工作报告，一组数据亮眼。2025年，全区创新驱动发展成效显著。全区研发投入达到15.5亿元。"
    )
    assert _rows(text) == [("rd_expenditure", 2025, 15.5, "=")]


def test_a_verb_of_additions_holds_for_items_with_a_bound():
    text = "2025年，全区新培育科技型中小企业50家以上、高新技术企业30家以上。全区高新技术企业达到218家。"
    assert _rows(text) == [("hte_count", 2025, 218.0, "=")]
    # (after a task list's row number too)
    assert _rows("33 新培育科技型中小企业50家以上、高新技术企业30家以上。 区科技局 2025年12月底") == []
    # guard: a list of stocks with bounds is read as before
    assert _rows("全区高新技术企业达到150家以上、科技型中小企业300家。") == [
        ("hte_count", 2025, 150.0, ">="),
        ("tech_smes", 2025, 300.0, "="),
    ]


def test_the_year_s_target_a_part_of_the_year_is_measured_against_names_no_whole_year():
    text = (
        "上半年，全区高新技术产业产值达41.2亿元。"
        "转化科技成果34项，完成全年任务的61.8%，技术合同登记交易额13亿元，完成全年任务的52%。"
    )
    assert _rows(text) == []
    # guard: 全年 naming the year after a part of it still dates the figures after it as the year's
    assert _rows("上半年，全区技术合同成交额6亿元；全年技术合同成交额13亿元。") == [
        ("tech_contract_value", 2025, 13.0, "=")
    ]


def test_a_date_line_under_a_title_stands_alone():
    # the title names the year whose work it plans; joined to the date line as a wrapped text layer's, it
    # dated the body (news of the year before, --year) as that later year, and dropped it as future
    text = (
        "全市明确2026年科技工作重点和目标\n"
        "日期:2026-03-25\n"
        "去年,全市全社会研发经费投入强度达到2.61%,有效期内高新技术企业达到412家。\n"
        "具体来看,全市技术合同成交额达到35.7亿元。"
    )
    assert _rows(text) == [
        ("rd_share_gdp", 2025, 2.61, "="),
        ("hte_count", 2025, 412.0, "="),
        ("tech_contract_value", 2025, 35.7, "="),
    ]


def test_the_economy_s_total_is_the_gdp_and_its_parts_are_not():
    assert _rows("2025年，全区经济总量达到835亿元。") == [("gdp", 2025, 835.0, "=")]
    text = "2025年，全区预计全年经济增速5%左右，总量为835亿元左右。"
    assert _rows(text) == [("gdp", 2025, 835.0, "~")]
    # guards: a part of the economy by its own name, and a growth, are no GDP
    assert _rows("2025年，全区数字经济总量达到235亿元，民营经济增加值500亿元，经济增长5.2%。") == []


def test_a_task_table_s_numbered_row_is_not_joined_to_its_header():
    text = (
        "区2025年政府工作报告重点工作任务分解表\n"
        "序号 重点工作任务 主要责任单位 完成期限\n"
        "12 新培育科技型中小企业60家以上、高新技术企业25家以上。 区科技局 2025年12月底"
    )
    assert _rows(text) == []
    # guard: a count a text layer wrapped before its unit is still joined and read
    wrapped = "2025年，全区有效期内高新技术企业总数达到了\n218 家，比上年增加31家。"
    assert _rows(wrapped) == [("hte_count", 2025, 218.0, "="), ("hte_net_new", 2025, 31.0, "=")]
