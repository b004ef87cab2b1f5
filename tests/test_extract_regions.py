"""Extraction: 全市, 我市 and 高新区 name a region relative to the one extracted for, not Lianyungang's.

Every sentence here is written for the test; the figures are made up.
"""

from __future__ import annotations

from hzanalysis.extract import extract_text


def _regions(text: str, region: str) -> list[tuple[str, str, float, str]]:
    frame = extract_text(text, region=region, year=2025)
    return [(r.region, r.indicator, r.value, r.confidence) for r in frame.itertuples()]


CITY_TEXT = "全市技术合同成交额318.6亿元。"


def test_the_whole_city_of_a_city_is_that_city():
    # before, 全市 was always 连云港市: a Jinan bulletin's figure was filed as Lianyungang's
    assert _regions(CITY_TEXT, "济南市") == [("济南市", "tech_contract_value", 318.6, "high")]
    assert _regions("我市高新技术企业达到905家。", "石城市")[0][:3] == ("石城市", "hte_count", 905.0)


def test_the_whole_city_of_haizhou_is_lianyungang_as_regions_csv_says():
    assert _regions(CITY_TEXT, "海州区") == [("连云港市", "tech_contract_value", 318.6, "high")]


def test_the_city_of_a_county_regions_csv_does_not_know_is_left_to_fill():
    # a county not in regions.csv: its city is unknown, so the row has no region and asks for one
    (row,) = _regions(CITY_TEXT, "青石县")
    region, indicator, value, confidence = row
    assert (region, indicator, value) == ("", "tech_contract_value", 318.6)
    assert confidence.startswith("review:") and "全市" in confidence and "fill in" in confidence


def test_a_city_listed_with_its_district_is_resolved_in_a_respectively_list():
    text = "全市、海州区高新技术企业分别为600家、120家。"
    assert [r[:3] for r in _regions(text, "济南市")] == [
        ("济南市", "hte_count", 600.0),
        ("海州区", "hte_count", 120.0),
    ]
    assert next(r[:3] for r in _regions(text, "海州区")) == ("连云港市", "hte_count", 600.0)
