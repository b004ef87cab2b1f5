"""Extraction: forms seen in round 15 of real passages (sentences and figures invented for the test)."""

from __future__ import annotations

from hzanalysis.extract import extract_text


def rows(text: str, year: int | None = None, region: str = "海州区") -> set[tuple]:
    frame = extract_text(text, region=region, year=year)
    return {
        (r.indicator, None if r.year != r.year else int(r.year), r.value, r.bound) for r in frame.itertuples()
    }


def test_the_abbreviation_a_bulletin_announces_is_part_of_the_rd_name():
    text = "2023年,全区研究与试验发展(简称R&D)经费投入5.62亿元,研究与试验发展(简称R&D)经费投入强度为2.41%。"
    assert rows(text) == {("rd_expenditure", 2023, 5.62, "="), ("rd_share_gdp", 2023, 2.41, "=")}


def test_a_total_of_a_longer_name_is_another_statistic_not_the_high_tech_enterprises_before_it():
    # 科技创新型企业总量: its last two characters 企业 are in 高新技术企业, but its name is its own
    text = "2024年,全县新认定高新技术企业9家,省级科技创新型企业总量达23家,评价入库科技型中小企业68家。"
    assert rows(text) == {("tech_smes", 2024, 68.0, "=")}
    # while 企业总数 after the certifications is still the stock of high-tech enterprises
    assert rows("2024年,全县新认定高新技术企业9家,企业总数达到47家。") == {("hte_count", 2024, 47.0, "=")}


def test_projects_of_a_programme_and_funds_won_from_above_set_no_plan():
    # 计划项目 and 向上争取 are what was done; before, 计划 and 争取 read as a plan and dropped the rest
    text = (
        "去年,全区实施省级计划项目58项,向上争取各类项目21项,资金0.9亿元;"
        "入库评价科技型中小企业132家;新认定高新技术企业17家,总数达到64家。"
    )
    assert rows(text, year=2025) == {
        ("tech_smes", 2024, 132.0, "="),
        ("hte_count", 2024, 64.0, "="),
    }


def test_names_written_with_a_note_inside_them_are_the_statistic():
    # (以下简称R&D), 省级以上(含) and 技术交易合同总金额: round 16's forms, figures invented
    assert rows("2023年,全区研究与试验发展(以下简称R&D)经费投入7.31亿元。") == {
        ("rd_expenditure", 2023, 7.31, "=")
    }
    assert rows("2023年,全区省级以上(含)研发机构87家。") == {("prov_rd_institutions", 2023, 87.0, "=")}
    assert rows("2023年,技术交易合同总金额达到6.08亿元,较上年增长41%。") == {
        ("tech_contract_value", 2023, 6.08, "=")
    }
