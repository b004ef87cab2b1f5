"""Forms that recur across rounds of real passages of other regions (bulletins, news of work conferences,
work reports), read as general forms rather than one passage's wording: a batch filed under a register's
name (新备案, 国家备案), a part of the firms (规模以上工业企业中, 超亿元工业…, 农业高新技术企业). Every
sentence here is written for this project; the real passages stay outside the repository."""

from __future__ import annotations

import pandas as pd

from hzanalysis.extract import extract_text


def rows(text: str, region: str | None = "海州区", year: int | None = 2024) -> list[tuple]:
    frame = extract_text(text, region=region, year=year)
    return [
        (r.indicator, None if pd.isna(r.year) else int(r.year), r.value, r.bound, r.region)
        for r in frame.itertuples()
    ]


# --- batches named with the register's word (备案) -----------------------------------------------------


def test_new_certifications_under_the_national_register_are_a_batch_and_the_total_the_stock() -> None:
    # 新认定 with 国家备案 between it and the name: 35 are the year's certifications, 212 the stock
    text = "2023年，全区新认定国家备案高新技术企业35家，总数达到212家。"
    assert rows(text) == [("hte_count", 2023, 212.0, "=", "海州区")]


def test_newly_filed_tech_smes_are_the_years_filings_not_the_register() -> None:
    text = "2023年，全区新备案科技型中小企业146家，高新技术产业产值占规模以上工业总产值比重达到41.2%。"
    assert rows(text) == [("hitech_output_share", 2023, 41.2, "=", "海州区")]


def test_a_filed_item_after_an_opening_of_additions_is_part_of_the_additions() -> None:
    # 新增 opens the list: the 备案 item after it adds to the register too
    text = "2023年，全区新增入库培育企业58家、备案科技型中小企业233家。"
    assert rows(text) == []


# --- parts of the firms -------------------------------------------------------------------------------


def test_high_tech_firms_among_the_above_scale_industrial_firms_are_a_part() -> None:
    text = "2023年，全区规模以上工业企业中高新技术企业数量达到64家。"
    assert rows(text) == []


def test_a_size_class_with_its_sector_and_a_provincial_agricultural_list_are_parts() -> None:
    text = "2023年，全区高新技术企业达到130家，其中超亿元工业高新技术企业21家、省农业高新技术企业6家。"
    assert rows(text) == [("hte_count", 2023, 130.0, "=", "海州区")]


# --- a year named by the sentence before (同年, 这一年) ---------------------------------------------------


def test_the_same_year_takes_the_year_the_sentence_before_named() -> None:
    # the document is dated 2024 (--year); 同年 is 2022, the year the sentence before named
    text = "2022年，全区新认定高新技术企业18家，总数达到120家。同年，全区技术合同成交额达到15.6亿元。"
    assert rows(text) == [
        ("hte_count", 2022, 120.0, "=", "海州区"),
        ("tech_contract_value", 2022, 15.6, "=", "海州区"),
    ]


def test_this_year_after_a_short_opening_takes_the_year_of_the_paragraph_before() -> None:
    # (the year comes late in its sentence: no year opening it that would carry on anyway)
    text = (
        "增长稳、动能足、民生实、活力强，是2023年全区经济的关键词。\n"
        "从主要指标看，这一年全区实现地区生产总值412.5亿元。"
    )
    assert rows(text) == [("gdp", 2023, 412.5, "=", "海州区")]


# --- the stock after the year's certifications (新认定…，总数达到…) -------------------------------------


def test_the_total_after_new_certifications_is_the_stock() -> None:
    text = "2023年，全区新认定高新技术企业26家，总数达到143家。"
    assert rows(text) == [("hte_count", 2023, 143.0, "=", "海州区")]


def test_totals_respectively_after_a_list_of_certifications_pair_in_order() -> None:
    # the high-tech firms come first: the first total is theirs; the other kind is no catalogue statistic
    first = "2023年，全区新认定高新技术企业26家、技术先进型服务企业4家，总数分别达到143家和17家。"
    assert rows(first) == [("hte_count", 2023, 143.0, "=", "海州区")]
    # second in the list: the first total is the other kind's, so nothing is read rather than a wrong row
    second = "2023年，全区新认定技术先进型服务企业4家、高新技术企业26家，总数分别达到17家和143家。"
    assert rows(second) == []


# --- 其中 pointing back at the sentence before; an estimate with 将 -------------------------------------


def test_invention_patents_among_the_grants_of_the_sentence_before() -> None:
    text = (
        "全区专利授权量从2015年的1200件提高到2022年的3400件，年均增长16%。"
        "其中，发明专利增至410件，年均增长21%。"
    )
    assert rows(text) == [("invention_patents_granted", 2022, 410.0, "=", "海州区")]


def test_invention_patents_after_applications_and_grants_are_left_alone() -> None:
    # 其中 could point at the applications or the grants: nothing is read rather than a guess
    text = "2023年，全区专利申请量3100件，专利授权量2100件。其中，发明专利312件。"
    assert ("invention_patents_granted", 2023, 312.0, "=", "海州区") not in rows(text)


def test_an_estimate_with_will_reach_is_the_years_figure_not_a_target() -> None:
    # 预计 … 将达到 … 左右 in a year-end summary: the year's estimated figure (approximate)
    text = "预计全年新认定高新技术企业30家以上，全区高新技术企业总量将达到150家左右。"
    assert rows(text, year=2023) == [("hte_count", 2023, 150.0, "~", "海州区")]


def test_next_years_figure_with_will_reach_stays_a_target() -> None:
    text = "预计明年全区高新技术企业总量将达到180家左右。"
    assert rows(text, year=2023) == []


# --- stocks as they stand now (目前, 截至目前) -----------------------------------------------------------


def test_a_stock_stated_now_on_a_page_dated_in_january_is_the_year_end_before() -> None:
    text = (
        "全区高新技术企业保有量创新高\n"
        "发布时间：2024-01-18 10:20\n"
        "记者从区科技局获悉，截至目前，全区高新技术企业保有量达到236家。"
    )
    assert rows(text, year=2024) == [("hte_count", 2023, 236.0, "=", "海州区")]


def test_a_stock_stated_now_later_in_the_year_stays_in_that_year() -> None:
    text = (
        "全区高新技术企业保有量创新高\n"
        "发布时间：2024-07-18 10:20\n"
        "记者从区科技局获悉，截至目前，全区高新技术企业保有量达到236家。"
    )
    assert rows(text, year=2024) == [("hte_count", 2024, 236.0, "=", "海州区")]


def test_the_tech_sme_register_to_date_is_not_the_years_figure() -> None:
    # the register is evaluated anew through the year in batches: its count so far is no year's figure,
    # while the high-tech firms' stock beside it is read
    text = "截至目前，全区高新技术企业总数达到236家，入库科技型中小企业总数达到410家。"
    assert rows(text, year=2024) == [("hte_count", 2024, 236.0, "=", "海州区")]


def test_a_stock_stated_now_after_sentences_of_an_earlier_year_is_the_documents_year() -> None:
    # the paragraph reviews 2022; 目前 states the stock as it stands when the document (2024) speaks
    text = "2022年，全区新增高新技术企业20家。目前，全区拥有高新技术企业158家。"
    assert rows(text, year=2024) == [("hte_count", 2024, 158.0, "=", "海州区")]


# --- a clause after ； goes on in the year the clause before named ------------------------------------


def test_a_clause_after_a_semicolon_takes_the_year_of_the_series_before_it() -> None:
    text = "全区研发投入强度从2019年的1.62%提高到2023年的2.05%；每万人口发明专利拥有量达12.6件。"
    assert rows(text, year=2024) == [
        ("rd_share_gdp", 2019, 1.62, "=", "海州区"),
        ("rd_share_gdp", 2023, 2.05, "=", "海州区"),
        ("invention_patents_per_10k", 2023, 12.6, "=", "海州区"),
    ]


# --- the firms' R&D intensity and share of R&D are not the region's share of GDP ------------------------


def test_an_intensity_after_the_firms_rd_is_the_firms_not_the_regions() -> None:
    text = (
        "2023年，全区研发经费投入强度为2.41%。其中，规上工业企业研发经费投入达18.6亿元，研发投入强度1.87%；"
        "服务业企业研发经费投入2.3亿元，研发投入强度0.52%。"
    )
    assert rows(text) == [("rd_share_gdp", 2023, 2.41, "=", "海州区")]


def test_the_firms_share_of_rd_is_no_share_of_gdp() -> None:
    text = "在全区研发经费投入中，工业企业研发经费投入所占比重达到86.5%。"
    assert rows(text) == []


# --- a part of the year holds over the sentences after it -----------------------------------------------


def test_a_part_of_the_year_holds_over_a_sentence_comparing_with_last_year_end() -> None:
    # 比去年年末 is a comparison, not a time of the figures; 9月末 later in the sentence is still a part
    text = (
        "前三季度，全区规上工业企业研发投入15.2亿元，同比增长11.4%。"
        "全区专利授权3100件，其中发明专利授权420件，9月末万人发明专利拥有量21.3件，比去年年末增加1.2件。"
        "规模以上高新技术产业产值315.6亿元，同比增长9.8%。"
    )
    assert rows(text) == []


# --- a province's own register of tech SMEs -------------------------------------------------------------


def test_the_provincial_register_of_tech_smes_is_not_the_national_count() -> None:
    text = "2023年，全区新增省级科技型中小企业58家，总量达到612家。"
    assert rows(text) == []


def test_national_and_provincial_registers_summed_are_not_the_national_count() -> None:
    text = "2023年，全区国家级、省级科技型中小企业入库318家。"
    assert rows(text) == []


# --- the stock the year's additions reach; the year-end's estimate ---------------------------------------


def test_the_figure_reached_after_net_additions_is_the_stock() -> None:
    text = "2023年，全区高新技术企业数量再创新高，净增24家，达236家，同比增长11.3%。"
    assert rows(text) == [
        ("hte_net_new", 2023, 24.0, "=", "海州区"),
        ("hte_count", 2023, 236.0, "=", "海州区"),
    ]


def test_an_increase_on_the_previous_year_said_with_du_is_the_net_additions() -> None:
    text = "截至2023年底，全区高新技术企业达到236家，较上年度增加24家，增长11.3%。"
    assert rows(text) == [
        ("hte_count", 2023, 236.0, "=", "海州区"),
        ("hte_net_new", 2023, 24.0, "=", "海州区"),
    ]


def test_will_pass_at_this_year_end_is_the_years_estimate() -> None:
    # a page of late December: what the year-end will show, not a target
    assert rows("2024年底，全区高新技术企业保有量将突破250家。") == [
        ("hte_count", 2024, 250.0, ">=", "海州区")
    ]


def test_will_pass_at_a_later_year_end_stays_a_target() -> None:
    assert rows("2026年底，全区高新技术企业保有量将突破300家。") == []


# --- shares of all industry's output; patents per 10 000 residents with 拥有 -----------------------------


def test_high_tech_output_over_the_total_industrial_output_is_the_share() -> None:
    text = "2023年，全区高新技术产值、战略性新兴产业产值分别占工业总产值的58.4%、36.2%。"
    assert rows(text) == [("hitech_output_share", 2023, 58.4, "=", "海州区")]


def test_patents_per_ten_thousand_residents_written_with_have() -> None:
    text = "2023年，全区万人拥有发明专利数达18.6件。"
    assert rows(text) == [("invention_patents_per_10k", 2023, 18.6, "=", "海州区")]


def test_rd_intensity_said_short_and_the_total_after_it_is_rd_spending() -> None:
    # 研发强度 is the R&D share of GDP; 总量 after it (an amount) is the R&D spending, its numerator
    text = "2023年，全区研发强度达到2.18%，总量达到9.6亿元，均创历史新高。"
    assert rows(text) == [
        ("rd_share_gdp", 2023, 2.18, "=", "海州区"),
        ("rd_expenditure", 2023, 9.6, "=", "海州区"),
    ]


# --- the base of a multiple; the verb inside the name of high-tech output --------------------------------


def test_the_base_of_a_multiple_is_the_same_statistic_in_its_year() -> None:
    text = "2023年，全区高新技术企业总数达到236家，在2018年59家的基础上翻了两番。"
    assert rows(text) == [
        ("hte_count", 2023, 236.0, "=", "海州区"),
        ("hte_count", 2018, 59.0, "=", "海州区"),
    ]


def test_high_tech_industry_output_with_the_verb_inside_its_name() -> None:
    text = "2023年，全区高新技术产业实现总产值412.6亿元，同比增长9.1%。"
    assert rows(text) == [("hitech_output_value", 2023, 412.6, "=", "海州区")]


def test_an_rd_intensity_written_without_its_percent_sign() -> None:
    text = "2023年，全区R&D经费投入强度2.41，首次进入全市前三。"
    assert rows(text) == [("rd_share_gdp", 2023, 2.41, "=", "海州区")]
    # a bare number that is no intensity stays unread
    assert rows("2023年，全区R&D经费投入强度排名2，居全市前列。") == []


# --- news of the year's S&T work conference reviews the year before -----------------------------------


def test_news_of_a_work_conference_files_its_past_year_under_the_year_before() -> None:
    # the page is of 2024 (--year), the conference of 2024 reviews 2023: 过去一年 and the figures after it
    text = (
        "记者从近日召开的2024年全区科技工作会议上获悉，过去一年，全区科技创新能力稳步提升。"
        "其中，高新技术企业达到236家，技术合同成交额达12.5亿元。"
    )
    assert rows(text, year=2024) == [
        ("hte_count", 2023, 236.0, "=", "海州区"),
        ("tech_contract_value", 2023, 12.5, "=", "海州区"),
    ]


def test_without_a_conference_the_past_year_stays_the_year_given() -> None:
    # (the project's reading of 过去一年 with --year: the year given is the year under review)
    text = "过去一年，全区科技创新能力稳步提升。其中，高新技术企业达到236家。"
    assert rows(text, year=2024) == [("hte_count", 2024, 236.0, "=", "海州区")]
