"""extract10: mechanisms of the round-8 and round-9 misses that recur in other regions' text (sentences
written for this project; the real passages that showed the forms stay outside the repository)."""

from __future__ import annotations

import pandas as pd

from hzanalysis.extract import extract_text


def rows(text: str, region: str | None = "海州区", year: int | None = 2024) -> list[tuple]:
    frame = extract_text(text, region=region, year=year)
    return [
        (r.indicator, None if pd.isna(r.year) else int(r.year), r.value, r.bound, r.region)
        for r in frame.itertuples()
    ]


# --- text layer: thousands kept apart by a space --------------------------------------------------------


def test_thousands_kept_apart_by_a_space_are_one_number():
    assert rows("截至2023年底,全区共有高新技术企业1 245家,其中当年新认定86家。") == [
        ("hte_count", 2023, 1245.0, "=", "海州区")
    ]


def test_figures_of_a_row_kept_apart_by_spaces_stay_apart():
    # a space between a figure and its unit is no thousands separator
    assert rows("2023 年,全区高新技术企业 215 家,科技型中小企业 486 家。") == [
        ("hte_count", 2023, 215.0, "=", "海州区"),
        ("tech_smes", 2023, 486.0, "=", "海州区"),
    ]


# --- scope: a figure followed by its share of a total is a part of that total -------------------------------


def test_a_count_followed_by_its_share_of_the_documents_total_is_a_part():
    text = "全年全县拥有规上企业420家,其中高新技术企业86家,占全县高企总数的41.2%,同比增长12%。"
    assert rows(text) == []


def test_counts_followed_by_their_shares_respectively_are_parts():
    text = (
        "去年,全县4家开发区实现工业总产值734亿元,拥有高新技术企业49家、科技型中小企业58家,"
        "分别占全县总数的31.4%和28.8%。"
    )
    assert rows(text) == []


def test_a_share_of_a_wider_whole_leaves_the_figure_the_documents_whole():
    assert rows("2023年,全区高新技术企业达到215家,占全市总数的12.5%。") == [
        ("hte_count", 2023, 215.0, "=", "海州区")
    ]


def test_the_share_of_another_statistic_is_no_share_of_the_total():
    # 占规模以上工业总产值的比重: the high-tech share, not the firms' part of a total
    assert rows("2023年,全区高新技术产业产值312.5亿元,占规模以上工业总产值的比重达到46.2%。") == [
        ("hitech_output_value", 2023, 312.5, "=", "海州区"),
        ("hitech_output_share", 2023, 46.2, "=", "海州区"),
    ]


# --- vocabulary and link -------------------------------------------------------------------------------


def test_examples_of_a_wider_population_do_not_own_its_figures():
    text = "以高新技术企业、科技型中小企业为代表的科技型企业从2021年的320家增长到2024年的512家。"
    assert rows(text) == []


def test_a_population_including_the_statistic_leaves_the_statistics_own_figure():
    text = "2024年,包括高新技术企业在内的科技型企业达到1200家,高新技术企业达到300家。"
    assert rows(text) == [("hte_count", 2024, 300.0, "=", "海州区")]


def test_rd_spelt_with_the_letters_before_tou_ru():
    assert rows("2023年,全区R&D投入达到5.2亿元,同比增长12.5%。") == [
        ("rd_expenditure", 2023, 5.2, "=", "海州区")
    ]


def test_firms_entering_the_register_are_its_count():
    assert rows("2023年,全区有218家企业进入科技型中小企业库。") == [("tech_smes", 2023, 218.0, "=", "海州区")]


def test_firms_certified_so_far_are_the_stock_and_the_years_certifications_a_batch():
    assert rows("截至2023年底,全区共有168家企业通过高新技术企业认定。") == [
        ("hte_count", 2023, 168.0, "=", "海州区")
    ]
    assert rows("2023年,全区有32家企业通过高新技术企业认定。") == []


def test_entrepreneurship_carriers_by_the_torch_centres_names():
    assert rows("截至2023年底,全区创业孵化载体达到86家。") == [
        ("shuangchuang_carriers", 2023, 86.0, "=", "海州区")
    ]
    # the carriers recognised at a level, and a batch of them, are no total
    assert rows("2023年,全区新增国家级科技创业孵化载体2家、省级科技创业孵化载体5家。") == []


# --- time ----------------------------------------------------------------------------------------------


def test_the_base_year_of_a_comparison_does_not_date_the_figure_after_it():
    text = "2023年,全区高新技术企业新增38家,是2022年增量的1.5倍,总数达到215家。"
    assert rows(text) == [("hte_count", 2023, 215.0, "=", "海州区")]


def test_this_years_plan_with_its_subject_between_is_a_target():
    text = "今年,全区将保持高新技术企业和科技型中小企业较快增长,分别新增30家、150家。"
    assert rows(text) == []


def test_a_figure_restated_without_its_year_is_the_dated_one():
    # the lede's 215家 (no year: the document's) is the same figure the next sentence dates 2023
    text = "全区高新技术企业达到215家。截至2023年底,全区有效高新技术企业215家。"
    assert rows(text) == [("hte_count", 2023, 215.0, "=", "海州区")]


# --- status: a year-end estimate after a figure to date; applicants before the name; a flow summed to date --


def test_a_year_end_estimate_after_a_figure_to_date_is_the_years_figure():
    text = "目前,全区完成技术合同登记成交额6.3亿元,预计全年完成8亿元,同比增长25%。"
    assert rows(text, year=2023) == [("tech_contract_value", 2023, 8.0, "=", "海州区")]


def test_applicants_named_before_the_statistic_are_a_batch_and_the_estimate_after_them_the_stock():
    text = "目前有效期内高新技术企业达到61家,2023年申报的高新技术企业18家,预计年底可达到74家。"
    assert rows(text, year=2023) == [("hte_count", 2023, 74.0, "=", "海州区")]


def test_firms_certified_anew_are_still_the_stock():
    # 经重新认定的: the firms certified (the stock), not 新认定 (a batch)
    assert rows("全县经重新认定的高新技术企业共15家。", year=2019) == [
        ("hte_count", 2019, 15.0, "=", "海州区")
    ]


def test_a_flow_summed_as_it_stands_now_is_no_years_figure():
    text = "目前,全区共授权专利3120件,其中发明专利286件,万人发明专利拥有量达到4.2件。"
    assert rows(text, year=2023) == [("invention_patents_per_10k", 2023, 4.2, "=", "海州区")]


def test_a_plan_carried_out_named_with_its_years_sets_no_target():
    text = (
        "落实《全区高新技术企业培育三年行动计划(2022-2024年)》,持续开展培育行动,"
        "目前全区有效高新技术企业达到128家。"
    )
    assert rows(text, year=2023) == [("hte_count", 2023, 128.0, "=", "海州区")]
    # a plan still to come does
    assert rows("将实施《全区高新技术企业倍增计划》,全区高新技术企业达到300家。", year=2023) == []


# --- scope: a share after ； with no subject of its own is the share of the part just named ----------------


def test_a_share_after_a_parts_figure_cut_at_a_semicolon_is_the_parts_share():
    text = "2023年,规模以上工业企业R&D经费支出18.6亿元,比上年增长9.2%;R&D经费投入强度为1.12%。"
    assert rows(text) == []


def test_a_share_after_the_regions_figure_cut_at_a_semicolon_is_the_regions():
    text = "2023年,全区R&D经费支出18.6亿元,比上年增长9.2%;R&D经费投入强度为2.12%。"
    assert rows(text) == [
        ("rd_expenditure", 2023, 18.6, "=", "海州区"),
        ("rd_share_gdp", 2023, 2.12, "=", "海州区"),
    ]


# --- status: a change however it is bounded -----------------------------------------------------------------


def test_a_change_with_a_bound_word_is_no_level():
    assert rows("过去五年,全区R&D经费投入强度增长约8.3%。", year=2021) == []


def test_a_level_after_a_bounded_change_is_read():
    assert rows("2023年,全区技术合同成交额增长超20%,达到12.5亿元。") == [
        ("tech_contract_value", 2023, 12.5, "=", "海州区")
    ]


# --- scope: firms counted among a group; a province's own list of high-tech firms ---------------------------


def test_firms_counted_among_a_group_are_a_part():
    assert rows("2023年,全区授权发明专利最多的前10家单位中,高新技术企业有7家。") == []
    # all the region's firms are no group
    assert rows("2023年,全区企业中,高新技术企业达到215家。") == [("hte_count", 2023, 215.0, "=", "海州区")]


def test_a_provinces_own_list_of_high_tech_firms_is_another_statistic():
    assert rows("2023年,全区共有国家级高新技术企业142家,省级高新技术企业53家。") == [
        ("hte_count", 2023, 142.0, "=", "海州区")
    ]


def test_a_share_among_above_scale_industry_is_still_the_high_tech_share():
    assert rows("2023年,规模以上工业中,高新技术产业产值占比达到45.2%。") == [
        ("hitech_output_share", 2023, 45.2, "=", "海州区")
    ]


def test_names_with_the_verb_inside_and_platforms_at_provincial_level():
    assert rows("2023年,全区每万人拥有有效发明专利12.6件。") == [
        ("invention_patents_per_10k", 2023, 12.6, "=", "海州区")
    ]
    assert rows("2023年,全区新增省级以上科技创新平台12家,总量达到86家。") == [
        ("prov_rd_institutions", 2023, 86.0, "=", "海州区")
    ]


# --- time: a part of the year named after a news date holds for the sentence after --------------------------


def test_a_part_of_the_year_named_after_the_news_date_holds_for_the_next_sentence():
    text = (
        "3月2日,区科技局公布了2023年1至11月全区高新技术产业运行情况。统计显示,全区完成高新技术产业产值"
        "86.5亿元,占规模以上工业总产值比重达到45.1%。"
    )
    assert rows(text) == []
    text = "3月2日,区统计局公布了2023年全区科技统计数据。统计显示,全区高新技术产业产值86.5亿元。"
    assert rows(text) == [("hitech_output_value", 2023, 86.5, "=", "海州区")]


# --- scope: firms in incubation, and the members of a ranked list -------------------------------------------


def test_firms_in_incubation_and_members_of_a_ranked_list_are_parts():
    assert rows("截至2023年底,全区科技企业孵化器在孵科技型中小企业206家。") == []
    assert rows("日前发布了2023年全省百强高新技术企业,全区25家企业榜上有名。") == []
