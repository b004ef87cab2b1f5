"""Precision on text the extractor was never written against: general rules about who a figure belongs to
(a city inside a province's text, the zones of a whole summed, one group of firms, the firms' own ratio),
its status (applications and registrations, not certified stock) and its period (a founding year is a date,
not the data's year; a date 截止到 a month is part of the year). Every sentence here is written for this
project; the real passages stay outside the repository."""

from __future__ import annotations

import pandas as pd

from hzanalysis.extract import extract_text


def rows(text: str, region: str | None = "海州区", year: int | None = 2024) -> list[tuple]:
    frame = extract_text(text, region=region, year=year)
    return [
        (r.indicator, None if pd.isna(r.year) else int(r.year), r.value, r.bound) for r in frame.itertuples()
    ]


# --- status: firms going through a procedure are applicants, not the certified stock ----------


def test_a_batch_word_before_a_level_and_the_name_is_still_a_batch() -> None:
    # 新认定 + 省 (the province's own list) + the name: the year's certifications, no register count
    text = "2024年，全区新认定省科技型中小企业86家，超额完成年度任务。"
    assert rows(text) == []


def test_firms_taking_part_in_the_evaluation_are_applicants() -> None:
    text = "2024年，全区参评科技型中小企业173家，较上年多35家。"
    assert rows(text) == []


def test_newly_registered_firms_are_applicants_not_the_register() -> None:
    text = "2024年，全区新注册科技型中小企业95家，较上年多21家。"
    assert rows(text) == []


def test_applications_written_in_traditional_characters_are_applicants() -> None:
    # 申報推薦 (traditional): recommended applications; the change after them is theirs, no net addition
    text = "2024年，全區經申報推薦的高新技術企業為215家，比上年多31家。"
    assert rows(text) == []


# --- period: up to a day (截止到) is part of the year --------------------------------------------


def test_a_count_up_to_a_day_in_spring_is_part_of_the_year() -> None:
    text = "截止到4月10日，今年全区入库科技型中小企业64家。"
    assert rows(text) == []


# --- period: the year something was founded is a date, not the data's year --------------------


def test_a_founding_year_opening_a_sentence_does_not_date_the_figures_after_it() -> None:
    # a yearbook entry for 2023 on a city made a city in 1985: its population and GDP are 2023's
    text = (
        "石港市概况\n1985年，经国务院批准撤县设市。全市常住人口156.3万人。"
        "全年地区生产总值1204.5亿元，比上年增长6.1%。"
    )
    assert rows(text, year=2023) == [
        ("resident_population", 2023, 156.3, "="),
        ("gdp", 2023, 1204.5, "="),
    ]


def test_a_founding_year_inside_the_sentence_is_not_the_figures_year() -> None:
    text = "该区始建于1992年，全区高新技术企业达到148家。"
    assert rows(text, year=2024) == [("hte_count", 2024, 148.0, "=")]


# --- scope: a programme's name is no statistic ------------------------------------------------


def test_a_pool_of_firms_in_traditional_characters_is_a_batch_not_the_stock() -> None:
    # 入庫 (traditional): firms taken into the pool of a programme named after high-tech firms, not certified
    text = "2024年，全省推進高新技術企業梯度培育工程，當年新增入庫培育企業1200家。"
    assert rows(text) == []


# --- scope: the zones of the whole, summed ----------------------------------------------------


def test_the_zones_of_the_province_summed_are_not_the_provinces_gdp() -> None:
    text = "2024年，全省各高新区合计完成地区生产总值3211.5亿元，约占全省GDP的21.4%。"
    assert rows(text) == []


def test_a_counted_group_of_zones_is_a_part() -> None:
    text = "2024年，全省12个省级以上高新区实现地区生产总值3211.5亿元。"
    assert rows(text) == []


def test_a_figure_followed_by_its_share_of_the_whole_of_the_same_statistic_is_a_part() -> None:
    # a province's text: the figure is one 占全省GDP的 share, so its subject is a part of the province
    text = "2024年，全省沿江各县实现生产总值5400亿元，占全省GDP的38.2%。"
    assert rows(text) == []


# --- scope: a city inside a province's text ---------------------------------------------------


def test_a_citys_count_compared_with_the_provinces_own_is_a_part() -> None:
    text = (
        "2024年，全省高新技术企业达到8120家。江城市高新技术企业4210家，比上年增长21.5%，"
        "高于全省平均增速9个百分点，在全省的比重升至51.8%。"
    )
    assert rows(text) == [("hte_count", 2024, 8120.0, "=")]


def test_a_citys_count_in_its_own_text_compared_with_the_province_stays_the_citys() -> None:
    # the document speaks for the city (全市): the province is a wider whole, the figure is the city's
    text = "2024年，全市高新技术企业达到610家，增长18.2%，高于全省9.1%的增速。"
    assert rows(text) == [("hte_count", 2024, 610.0, "=")]


# --- scope: one group of firms, and the firms' own ratio --------------------------------------


def test_the_firms_of_one_group_are_a_part() -> None:
    text = "2024年，全省高新技术企业达到8120家。东江集团下属高新技术企业26家。"
    assert rows(text) == [("hte_count", 2024, 8120.0, "=")]


def test_the_research_intensity_of_high_tech_firms_is_not_the_regions() -> None:
    # 高企研发强度: R&D over the firms' revenue, not over the region's GDP
    text = "2024年，全市高企研发强度达到3.6%，高于全市平均水平。"
    assert rows(text) == []


# --- recall kept: the whole's own figures still read ------------------------------------------


def test_the_whole_with_its_own_share_of_a_wider_whole_stays() -> None:
    text = "2024年，全市技术合同成交额58.3亿元，占全省的6.2%。"
    assert rows(text) == [("tech_contract_value", 2024, 58.3, "=")]


def test_a_stock_after_a_batch_with_a_level_is_kept() -> None:
    text = "2024年，全区新认定国家高新技术企业40家，总数达到265家。"
    assert rows(text) == [("hte_count", 2024, 265.0, "=")]


def test_the_whole_named_by_its_own_words_stays_the_whole_when_compared_with_a_wider_one() -> None:
    # 全社会 names the whole; 高于全省平均 compares it with the province (a yardstick, not its whole)
    text = "2024年，全社会研发投入强度达到2.71%，高于全省平均0.42个百分点。"
    assert rows(text) == [("rd_share_gdp", 2024, 2.71, "=")]


def test_firms_named_as_examples_of_the_population_are_not_its_subject() -> None:
    text = "2024年，全区共有青禾集团、明远科技有限公司等高新技术企业187家。"
    assert rows(text) == [("hte_count", 2024, 187.0, "=")]


def test_a_yardstick_whole_before_the_documents_own_does_not_set_its_level() -> None:
    # the first whole named is a ranking (全省排名第一): the figures of the city's text stay its own
    text = (
        "江城科技创新成绩亮眼\n技术合同成交额全省排名第一。"
        "2024年，高新技术企业净增126家，占全省净增数的41.5%。"
    )
    assert rows(text) == [("hte_net_new", 2024, 126.0, "=")]


# --- period: thresholds passed one after another--------------------


def test_thresholds_passed_one_after_another_are_no_level() -> None:
    # 连跨…、…台阶: the thresholds the series passed one after another, no year's GDP
    text = "2024年，全市地区生产总值连跨500亿元、800亿元两个台阶。"
    assert rows(text) == []


def test_an_exact_figure_after_a_threshold_held_for_years_is_kept() -> None:
    text = "2024年，全区技术合同成交额连续三年突破50亿元，达到63.2亿元。"
    assert rows(text) == [("tech_contract_value", 2024, 63.2, "=")]


# --- status: certifications written after the name --------------------------------------------


def test_certifications_written_after_the_name_are_a_batch() -> None:
    text = "2024年，全区高新技术企业认定73家，较上年多12家。"
    assert rows(text) == []


def test_the_total_after_certifications_written_after_the_name_is_the_stock() -> None:
    text = "2024年，全区高新技术企业新认定73家，总数达到318家。"
    assert rows(text) == [("hte_count", 2024, 318.0, "=")]


# --- scope: one body (a laboratory, an institute) as subject ----------------------------------


def test_a_laboratorys_patents_are_its_own() -> None:
    text = "青岚新材料重点实验室建成中试平台，投入运行后新授权发明专利9件。"
    assert rows(text) == []


# --- scope: R&D by type of activity -----------------------------------------------------------


def test_basic_research_spending_is_a_part_of_rd_spending() -> None:
    # the statistic named in the sentence before is R&D; 基础研究经费 is one of its three activity types
    text = "研发经费投入结构优化。2024年，全省基础研究经费41.3亿元，增长12.1%。"
    assert rows(text) == []


# --- status: an estimate is flagged for review -----------------------------------------------------------


def confidence(text: str, year: int = 2024) -> list[str]:
    return list(extract_text(text, region="海州区", year=year)["confidence"])


def test_an_estimated_year_end_figure_is_flagged_for_review() -> None:
    # a work report written before the year closed: 预计 marks the figure as an estimate
    text = "2024年，全区预计完成地区生产总值842亿元，增长5.8%。"
    assert rows(text) == [("gdp", 2024, 842.0, "=")]
    assert confidence(text)[0].startswith("review:") and "预计" in confidence(text)[0]


def test_a_hoped_for_threshold_is_flagged_for_review() -> None:
    text = "2024年，全区高新技术企业总数有望突破360家。"
    assert rows(text) == [("hte_count", 2024, 360.0, ">=")]
    assert confidence(text)[0].startswith("review:")


# --- period: a section heading naming the year it reviews dates the figures under it ---------------------


def test_a_review_heading_dates_the_figures_under_it() -> None:
    # a report delivered early in 2025 (--year 2025, the document's year) reviews 2024 under its heading
    text = (
        "政府工作报告\n一、2024年工作回顾\n过去一年，我们稳住经济大盘。"
        "预计完成地区生产总值842亿元，增长5.8%。\n二、2025年主要目标\n地区生产总值增长6%左右。"
    )
    assert rows(text, year=2025) == [("gdp", 2024, 842.0, "=")]


def test_a_heading_naming_a_year_without_a_review_does_not_date_the_body() -> None:
    text = "2024年青石区科技创新情况\n全区高新技术企业达到215家。"
    assert rows(text, year=2025) == [("hte_count", 2025, 215.0, "=")]


# --- scope: a level of a count of all levels ---------------------------------------------------------


def test_provincial_new_type_rd_institutions_are_a_part_of_all_levels() -> None:
    # the catalogue counts new-type R&D institutions of all levels: the provincial ones are a part
    text = "2024年，全区建有省级重点实验室3家、省级新型研发机构4家。"
    assert rows(text) == []


def test_all_new_type_rd_institutions_with_the_provincial_ones_among_them_is_the_count() -> None:
    text = "2024年，全区新型研发机构达到15家，其中省级6家。"
    assert rows(text) == [("new_rd_institutions", 2024, 15.0, "=")]


def test_a_share_of_the_whole_joined_by_a_pause_mark_makes_the_figure_a_part() -> None:
    text = "2024年，全省高新技术企业达到8120家。江城市高新技术企业4210家、占全省51.8%。"
    assert rows(text) == [("hte_count", 2024, 8120.0, "=")]


# --- scope: a class of zones; industrial output; the first N months -----------------------------------


def test_a_class_of_zones_by_level_is_their_sum_even_on_a_page_about_them() -> None:
    text = (
        "国家高新区创新能力持续提升\n2023年，国家高新区研发经费投入首次超过1.2万亿元，"
        "省级高新区高新技术企业达到5.6万家。"
    )
    assert rows(text, year=2023) == []


def test_one_named_zone_with_its_level_is_the_pages_own_subject() -> None:
    # the zone's name stands before 国家高新区: one zone, the page's own subject (as before)
    text = "青岚国家高新区2023年发展报告\n2023年，青岚国家高新区高新技术企业达到412家。"
    assert rows(text, year=2023) == [("hte_count", 2023, 412.0, "=")]


def test_industrial_output_is_not_gdp() -> None:
    text = "2023年，全市实现工业生产总值2150亿元，增长7.2%。"
    assert rows(text, year=2023) == []


def test_the_first_n_months_without_a_measure_word_are_part_of_the_year() -> None:
    text = "今年前8月，全市技术合同成交额达到36.2亿元。"
    assert rows(text, year=2023) == []


def test_a_firm_founded_in_a_year_is_the_subject_of_the_clauses_after_it() -> None:
    # the head clause ends on a date, not a figure: it lends its subject (one firm) to the next clause
    text = "该公司成立于2015年，2023年研发投入达到1.2亿元。"
    assert rows(text, year=2023) == []


# --- scope: a city in a province's text; the largest unit; the opening up to its first figure ----------


def test_a_citys_figure_in_a_provinces_text_is_a_part() -> None:
    text = "全省科技创新情况通报\n2023年，全省技术合同成交额862亿元。江城市技术合同成交额211亿元，增长12%。"
    assert rows(text, year=2023) == [("tech_contract_value", 2023, 862.0, "=")]


def test_a_citys_own_text_naming_the_province_keeps_the_citys_figure() -> None:
    text = "江城市科技创新情况\n2023年，全省高新技术企业达到9800家。江城市高新技术企业达到5200家。"
    assert rows(text, year=2023) == [("hte_count", 2023, 9800.0, "="), ("hte_count", 2023, 5200.0, "=")]


def test_the_unit_with_the_largest_figure_is_a_part() -> None:
    text = (
        "全省科技创新情况通报\n2023年，全省技术合同成交额862亿元。"
        "各市中，江城市技术合同成交额最高，达到211亿元。"
    )
    assert rows(text, year=2023) == [("tech_contract_value", 2023, 862.0, "=")]


def test_a_county_named_after_the_wholes_figure_in_the_opening_is_a_part() -> None:
    # the opening's places are the document's own only up to its first figure
    text = "全市科技创新情况\n2023年，全市研发投入强度2.6%，青石县研发投入强度达到3.4%。"
    assert rows(text, year=2023) == [("rd_share_gdp", 2023, 2.6, "=")]


def test_a_month_in_brackets_after_the_figure_is_part_of_the_year() -> None:
    text = "全区科技创新情况\n全区高新技术企业达到236家（截至2023年10月）。"
    assert rows(text, year=2023) == []


def test_the_year_end_in_brackets_after_the_figure_is_the_year() -> None:
    text = "全区科技创新情况\n全区高新技术企业达到236家（截至2023年12月）。"
    assert rows(text, year=2023) == [("hte_count", 2023, 236.0, "=")]


def test_a_flow_summed_over_the_years_of_a_range_is_no_years_figure() -> None:
    text = "全市科技创新情况\n2021—2023年，全市技术合同成交额累计达到156亿元。"
    assert rows(text, year=2023) == []


def test_a_stock_reached_by_the_end_of_a_range_is_kept() -> None:
    # 累计 before a stock's figure is the stock as it stands (a count of certified firms)
    text = "全市科技创新情况\n2021—2023年，全市高新技术企业累计达到412家。"
    assert rows(text, year=2023) == [("hte_count", 2023, 412.0, "=")]


def test_a_science_park_inside_the_region_is_a_part() -> None:
    text = "全市科技创新情况\n2023年，全市技术合同成交额58.3亿元。青岚科技园技术合同成交额12.1亿元。"
    assert rows(text, year=2023) == [("tech_contract_value", 2023, 58.3, "=")]
