"""Forms of round 10 of real passages (2026-12-07, sixth session) that recur in other regions' documents: a
statistics table read one cell per line whose rows are not all as wide, a 分别 list over a range of years, and
an abbreviation's Chinese name in brackets. The sentences and tables are written for this project; the real
passages stay outside the repository."""

from __future__ import annotations

import pandas as pd

from hzanalysis.extract import extract_text
from hzanalysis.text_layout import regroup_table_cells


def rows(text: str, region: str | None = "海州区", year: int | None = 2024) -> list[tuple]:
    frame = extract_text(text, region=region, year=year)
    return [
        (r.indicator, None if pd.isna(r.year) else int(r.year), r.value, r.bound, r.region)
        for r in frame.itertuples()
    ]


# A bureau's summary table as a web page's text holds it: one cell per line; a row number, a category named
# once for the rows under it (a merged cell), three year columns, then a growth and a rank column; the last
# year's R&D an estimate in brackets. Written for this test.
SUMMARY_TABLE = """主要科技指标(2021-2023年)
注:[]中为预计数
序号
类别
指标
2021
2022
2023
2023年增长率
全省位次
1
创新主体
高新技术企业数(家)
96
118
142
20.3%
5
2
其他指标
规上工业增加值(亿元)
210.5
228.4
251.0
9.9%
7
3
创新投入
全社会R&D经费支出(亿元)
6.12
7.05
[8.1]
14.9%
6
4
技术合同成交额(亿元)
3.4
4.6
5.9
28.3%
4
"""


def test_a_table_one_cell_per_line_with_merged_category_cells_keeps_each_value_its_year():
    # every value under its year column; the growth and rank columns, row numbers and the merged
    # category cells are no figures; the bracketed estimate is read as its value
    assert sorted(rows(SUMMARY_TABLE, year=2023)) == sorted(
        [
            ("hte_count", 2021, 96.0, "=", "海州区"),
            ("hte_count", 2022, 118.0, "=", "海州区"),
            ("hte_count", 2023, 142.0, "=", "海州区"),
            ("rd_expenditure", 2021, 6.12, "=", "海州区"),
            ("rd_expenditure", 2022, 7.05, "=", "海州区"),
            ("rd_expenditure", 2023, 8.1, "=", "海州区"),
            ("tech_contract_value", 2021, 3.4, "=", "海州区"),
            ("tech_contract_value", 2022, 4.6, "=", "海州区"),
            ("tech_contract_value", 2023, 5.9, "=", "海州区"),
        ]
    )


def test_the_regrouped_table_has_one_row_per_statistic_under_a_header_of_its_years():
    lines = regroup_table_cells(SUMMARY_TABLE).splitlines()
    assert "指标 | 2021 | 2022 | 2023" in lines
    # the estimate keeps its brackets in the row a reviewer reads
    assert "全社会R&D经费支出(亿元) | 6.12 | 7.05 | [8.1]" in lines
    # the lines after the table's last row stay as they are
    assert lines[-2:] == ["28.3%", "4"]


def test_a_unit_column_is_not_taken_for_a_rows_name():
    # 指标 / 单位 / years: the unit cell stands between the name and the values; the row keeps its name
    table = "指标\n单位\n2022年\n2023年\n高新技术企业数\n家\n118\n142\n"
    assert sorted(rows(table, year=2023)) == [
        ("hte_count", 2022, 118.0, "=", "海州区"),
        ("hte_count", 2023, 142.0, "=", "海州区"),
    ]


def test_a_respective_list_over_a_range_of_years_takes_one_year_per_value():
    text = (
        "2020-2023年,全区R&D经费投入分别为4.8、5.3、6.1、7.05亿元,"
        "每万人发明专利拥有量分别达到3.1、3.6、4.2、4.9件。"
    )
    assert rows(text) == [
        ("rd_expenditure", 2020, 4.8, "=", "海州区"),
        ("rd_expenditure", 2021, 5.3, "=", "海州区"),
        ("rd_expenditure", 2022, 6.1, "=", "海州区"),
        ("rd_expenditure", 2023, 7.05, "=", "海州区"),
        ("invention_patents_per_10k", 2020, 3.1, "=", "海州区"),
        ("invention_patents_per_10k", 2021, 3.6, "=", "海州区"),
        ("invention_patents_per_10k", 2022, 4.2, "=", "海州区"),
        ("invention_patents_per_10k", 2023, 4.9, "=", "海州区"),
    ]


def test_a_list_whose_length_is_not_the_ranges_gives_no_year_to_its_values():
    # three values over four years: which is which year is not said
    text = "2020-2023年,全区R&D经费投入分别为4.8、5.3、6.1亿元。"
    assert not [r for r in rows(text) if r[1] in (2020, 2021, 2022)]


def test_an_abbreviation_with_its_chinese_name_in_brackets_is_the_statistic():
    assert rows("2023年,全区R&D(研究与试验发展)经费投入7.05亿元。") == [
        ("rd_expenditure", 2023, 7.05, "=", "海州区")
    ]


def test_a_footnote_marker_after_a_name_is_no_figure():
    assert rows("2023年全区生产总值(GDP)[1]356.2亿元,比上年增长6.1%。") == [
        ("gdp", 2023, 356.2, "=", "海州区")
    ]


def test_a_share_of_gdp_told_without_bi_zhong_after_the_rd_figure():
    # 占生产总值的2.1%: the R&D expenditure's share of GDP, its word 比重 left out
    assert rows("2023年,全区R&D经费支出7.48亿元,比上年增长11.2%,占生产总值的2.1%。") == [
        ("rd_expenditure", 2023, 7.48, "=", "海州区"),
        ("rd_share_gdp", 2023, 2.1, "=", "海州区"),
    ]


def test_firms_certified_so_far_are_the_stock():
    # 共有经认定高新技术企业: the certified firms as they stand (not a batch certified this year)
    assert rows("至2023年底,全区共有经认定高新技术企业162家。") == [("hte_count", 2023, 162.0, "=", "海州区")]


def test_additions_summed_over_several_years_are_no_stock():
    # 五年累计培育 … 超过500家: the firms raised over five years, not the register as it stands
    text = "2023年全区高新技术企业达到162家,五年累计培育科技型中小企业超过500家。"
    assert rows(text) == [("hte_count", 2023, 162.0, "=", "海州区")]


def test_a_verb_of_additions_holds_for_every_item_listed_after_it():
    # 新增 opens the list: the 60 high-tech enterprises are additions too, not the stock
    text = "2023年,全区新增4家市级工程技术研究中心、12家市级企业技术中心,60家高新技术企业。"
    assert [r for r in rows(text) if r[0] == "hte_count"] == []
    # without a verb of additions, a figure before the name is the stock
    assert rows("2023年,全区拥有162家高新技术企业。") == [("hte_count", 2023, 162.0, "=", "海州区")]


def test_a_rounded_restatement_of_a_figure_is_the_same_figure():
    text = "全区研发经费支出达7.5亿元\n2023年,全区研发经费支出7.48亿元,比上年增长11.2%。"
    assert rows(text) == [("rd_expenditure", 2023, 7.48, "=", "海州区")]


def test_firms_counted_as_hu_on_a_traditional_page():
    assert rows("2023年,全區國家科技型中小企業入庫186戶。") == [("tech_smes", 2023, 186.0, "=", "海州区")]


def test_no_share_of_a_whole_reaches_a_hundred_percent():
    # an index in percent after a sentence naming 占比: no share of GDP
    text = "2023年,全区研发经费支出及占比实现双提升,创新资源指数达到121.5%,较上年提高3.2个百分点。"
    assert [r for r in rows(text) if r[0] == "rd_share_gdp"] == []


def test_the_sum_over_a_group_of_units_is_not_the_regions_own():
    assert rows("2023年,全国创新型城市研发经费投入之和超过2万亿元。", region="全国") == []
    assert rows("2023年,百强县地区生产总值之和超过10万亿元。", region="全国") == []


def test_listed_firms_are_a_part_of_the_stock():
    text = "2023年,全区高新技术企业达到162家,其中3家高新技术企业获批在北交所上市。"
    assert rows(text) == [("hte_count", 2023, 162.0, "=", "海州区")]
    assert rows("2023年,全区有3家高新技术企业成功挂牌上市。") == []


def test_po_before_a_figure_is_a_bound_as_tu_po_is():
    assert rows("2023年,全区技术合同成交额首破10亿元大关。") == [
        ("tech_contract_value", 2023, 10.0, ">=", "海州区")
    ]


def test_changes_since_a_plan_periods_end_start_in_its_last_year():
    # 较比“十三五”末: each 由A提高到B starts in 2020 and ends in the document's year
    text = (
        "较比“十三五”末,全区研发经费投入由6.3亿元提高到9.1亿元,增长44%。"
        "高新技术企业数量由96户提高到162户,增长69%。"
    )
    assert sorted(rows(text, year=2025)) == sorted(
        [
            ("rd_expenditure", 2020, 6.3, "=", "海州区"),
            ("rd_expenditure", 2025, 9.1, "=", "海州区"),
            ("hte_count", 2020, 96.0, "=", "海州区"),
            ("hte_count", 2025, 162.0, "=", "海州区"),
        ]
    )


def test_a_comparisons_base_with_its_figure_in_brackets_does_not_date_what_follows():
    text = "2023年,全区R&D经费总额为9.1亿元,是2015年(2.8)的3倍多,与GDP之比达到2.6%。"
    assert rows(text) == [
        ("rd_expenditure", 2023, 9.1, "=", "海州区"),
        ("rd_share_gdp", 2023, 2.6, "=", "海州区"),
    ]


def test_figures_at_the_ends_of_plan_periods_and_a_level_held_for_years():
    # 长期保持在…以上: no one year's figure; 突破3%的大关 at the 十二五's end, 3.4% at the 十三五's
    text = "全区研发投入强度长期保持在2.5%以上,在“十二五”末首次突破3%的大关,并在“十三五”末继续提升到3.4%。"
    assert rows(text, year=2022) == [
        ("rd_share_gdp", 2015, 3.0, ">=", "海州区"),
        ("rd_share_gdp", 2020, 3.4, "=", "海州区"),
    ]


def test_kinds_of_rd_institution_listed_under_one_level_are_the_catalogues_family():
    text = "2023年,全区新发展省级以上工程技术研究中心、企业技术中心、重点实验室9家,总数达到58家。"
    assert rows(text) == [("prov_rd_institutions", 2023, 58.0, "=", "海州区")]
    # one kind alone is a part of the family
    assert rows("2023年,全区省级以上工程技术研究中心达到31家。") == []


def test_a_bracketed_estimate_in_a_table_is_flagged_for_review():
    frame = extract_text(SUMMARY_TABLE, region="海州区", year=2023)
    estimate = frame[(frame["indicator"] == "rd_expenditure") & (frame["year"] == 2023)]
    assert estimate["confidence"].tolist() == [
        "review: in brackets in the table: an estimate or a figure to be confirmed (see the table's note)"
    ]
    others = frame[~((frame["indicator"] == "rd_expenditure") & (frame["year"] == 2023))]
    assert set(others["confidence"]) == {"high"}
