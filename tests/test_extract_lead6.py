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
    assert "全社会R&D经费支出(亿元) | 6.12 | 7.05 | 8.1" in lines
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
