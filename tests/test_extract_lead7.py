"""Extraction forms the lead found on round 13 of real passages after measuring it (issue 14): a change's
base at a time with no year, a change to now, and firms an office works on. Every sentence is written for
these tests (no text of a real document)."""

from __future__ import annotations

from hzanalysis.extract import extract_text


def rows(text: str, year: int = 2024) -> list[tuple[str, int, float, str]]:
    frame = extract_text(text, region="海州区", year=year)
    return [(r.indicator, int(r.year), r.value, r.bound) for r in frame.itertuples()]


def test_the_base_of_a_change_at_a_time_with_no_year_is_no_row():
    # main gave the base the document's year: hte 3 in 2024 beside 82, contracts 0.6 in 2024
    assert rows("全区高新技术企业由建区之初的3家增长到82家。") == [("hte_count", 2024, 82.0, "=")]
    assert rows("全区技术合同成交额从十多年前的0.6亿元增加到2023年的9.8亿元。") == [
        ("tech_contract_value", 2023, 9.8, "=")
    ]
    assert rows("全区高新技术企业从五年前的40家增加到现在的176家。") == [("hte_count", 2024, 176.0, "=")]


def test_a_change_to_now_ends_in_the_documents_year():
    # main lost the 240 (目前的 between the verb and the figure; 发展到 was no verb of change); a count of
    # tech SMEs to date is no year's figure by the labelling conventions, so the stock of high-tech firms
    assert rows("全区高新技术企业由2021年的96家发展到目前的240家。") == [
        ("hte_count", 2021, 96.0, "="),
        ("hte_count", 2024, 240.0, "="),
    ]


def test_firms_an_office_surveys_visits_or_serves_are_not_the_stock():
    assert rows("区科技局对辖区128户高新技术企业开展问卷调查。") == []
    assert rows("全年走访科技型中小企业300余家,为86家高新技术企业提供政策辅导。") == []
    assert rows("开展高新技术企业认定辅导,精准服务企业150余户。") == []
    # a copula after the statistic (为) and a stock held (拥有, 共有) stay the stock
    assert rows("2024年,全区高新技术企业为176家。") == [("hte_count", 2024, 176.0, "=")]
    assert rows("2024年,全区拥有176家高新技术企业。") == [("hte_count", 2024, 176.0, "=")]


def test_a_part_of_the_year_written_with_both_months_is_no_years_figure():
    assert rows("2024年1月至10月,全区共获授权发明专利236件。") == []
    # January to December is the whole year
    assert rows("2023年全年,全区技术合同成交额12.5亿元。", 2023) == [("tech_contract_value", 2023, 12.5, "=")]


def test_taxes_and_gdp_per_area_own_their_figures():
    # main gave the taxes' 4.6亿元 to the R&D named before them, and GDP per km² to GDP
    assert rows("全区研发投入占企业投入的62%,上缴税金由2020年的3.1亿元增加到2024年的4.6亿元。") == []
    assert rows("2023年,全区地区生产总值356亿元,单位面积GDP2.1亿元。", 2023) == [("gdp", 2023, 356.0, "=")]


def test_the_figure_before_its_statistic_and_a_kind_of_firm_after_it():
    # 356亿元的地区生产总值 was taken for an attribute of something else; 12家上市企业 for the stock
    assert rows("2023年,全区实现了356亿元的地区生产总值。", 2023) == [("gdp", 2023, 356.0, "=")]
    assert rows("全区高新技术企业176家,其中共有12家上市企业。", 2023) == [("hte_count", 2023, 176.0, "=")]


def test_a_year_whose_months_run_the_whole_year_is_the_datas_year():
    # main took 2021年1月 for a date and filed the figure under the document's year (2022)
    assert rows("2021年1月至12月,全区技术合同成交额12.5亿元。", 2022) == [
        ("tech_contract_value", 2021, 12.5, "=")
    ]
    # a year followed by one month is still a date, not the data's year
    assert rows("2021年3月,全区高新技术企业达到126家。", 2022) == [("hte_count", 2022, 126.0, "=")]
