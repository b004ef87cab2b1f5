"""Extraction: forms found on round 14 of real passages once measured, each in sentences written for the test.

The figures are made up. Each test fails on the code before it (guards excepted, marked as such).
"""

from __future__ import annotations

from hzanalysis.extract import extract_text


def _rows(text: str, year: int = 2026) -> list[tuple[str, int, float, str]]:
    frame = extract_text(text, region="海州区", year=year)
    return [(r.indicator, int(r.year), r.value, r.bound) for r in frame.itertuples()]


def test_a_sub_heading_of_a_section_of_results_heads_results():
    # 一、…工作情况 reviews the year; its sub-heading's 重点工作 names what was done, not a plan section
    text = (
        "一、2025年工作情况\n"
        "（一）实施创新驱动行动，抓好重点工作。2024年全区研发经费投入12.6亿元，投入强度达2.9%。\n"
        "二、2026年工作打算\n"
        "（一）力争高新技术企业达到150家。\n"
    )
    assert _rows(text) == [("rd_expenditure", 2024, 12.6, "="), ("rd_share_gdp", 2024, 2.9, "=")]


def test_agricultural_high_tech_enterprises_are_not_the_certified_ones():
    text = "2025年，全区高企126家，农高企9家，农业高新技术企业共12家。"
    assert _rows(text) == [("hte_count", 2025, 126.0, "=")]


def test_a_milestone_crossed_before_its_dated_figures_is_no_level():
    text = "全区研发经费投入首次突破十亿元大关，从2021年的7.62亿元增加到2025年的10.48亿元。"
    assert _rows(text) == [("rd_expenditure", 2021, 7.62, "="), ("rd_expenditure", 2025, 10.48, "=")]
    # guard: alone, a milestone crossed bounds the year of its text
    assert _rows("全区技术合同成交额突破8亿元大关。", 2025) == [("tech_contract_value", 2025, 8.0, ">=")]
