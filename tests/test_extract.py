"""Extraction of candidate observations: one test per form, then the command from a document to assess.

Every expected value below is worked out by hand from the sentence (unit conversions included).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from hzanalysis.extract import APPROXIMATE, EXTRACT_COLUMNS, extract_text, heading_year
from hzanalysis.observations import OBSERVATION_COLUMNS, check_files, read_observation_file
from hzanalysis.text_layout import join_wrapped_lines


def rows(text: str, region: str | None = "海州区", year: int | None = 2024) -> list[tuple]:
    frame = extract_text(text, region=region, year=year)
    assert list(frame.columns) == list(EXTRACT_COLUMNS)
    return [
        (r.indicator, None if pd.isna(r.year) else int(r.year), r.value, r.bound, r.region)
        for r in frame.itertuples()
    ]


def one(text: str, **kwargs) -> tuple:
    found = rows(text, **kwargs)
    assert len(found) == 1, found
    return found[0]


# --- units --------------------------------------------------------------------------------------------


def test_wan_yuan_becomes_yi_yuan():
    assert one("全年技术合同成交额46800万元。")[:3] == ("tech_contract_value", 2024, pytest.approx(4.68))


def test_wan_multiplier_on_a_count():
    assert one("全年授权发明专利1.2万件。")[2] == 12000


def test_yi_without_yuan_is_yi_yuan_for_money():
    assert one("全区地区生产总值达到812亿。")[:3] == ("gdp", 2024, 812)


def test_square_metres_to_wan_square_metres_and_cheng_to_percent():
    assert one("科创载体面积达到526000平方米。")[2] == pytest.approx(52.6)
    assert one("高新技术产业产值占比达六成。")[2] == 60


def test_a_verb_inside_the_name_and_a_full_year_written_as_months():
    assert one("1至12月份，全区高新技术产业实现产值185.3亿元，同比增长11.2%。")[:3] == (
        "hitech_output_value",
        2024,
        185.3,
    )


def test_a_number_in_another_kind_of_unit_is_not_taken():
    # 高新技术企业 counts firms (家); 420亿元 is their revenue, another statistic
    assert rows("高新技术企业实现营业收入420亿元。") == []
    assert rows("高新技术企业实现产值420亿元。") == []


# --- bounds -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "bound"),
    [
        ("全区有效高新技术企业超过300家。", 300, ">"),
        ("全区有效高新技术企业逾300家。", 300, ">"),
        ("全区有效高新技术企业300余家。", 300, ">"),
        ("全区有效高新技术企业300家以上。", 300, ">="),
        ("全区有效高新技术企业突破300家。", 300, ">="),
        ("全区有效高新技术企业不到300家。", 300, "<"),
        ("全区有效高新技术企业不足300家。", 300, "<"),
        ("全区有效高新技术企业近300家。", 300, APPROXIMATE),
        ("全区有效高新技术企业约300家。", 300, APPROXIMATE),
        ("全区有效高新技术企业300家左右。", 300, APPROXIMATE),
        ("全区有效高新技术企业达300家。", 300, "="),
    ],
)
def test_bounds(text, value, bound):
    assert one(text)[2:4] == (value, bound)


def test_approximate_is_kept_apart_from_points():
    # 近四成: about 40%, not a point value of 40
    assert one("高新技术产业产值占比近四成。")[2:4] == (40, "~")


# --- years --------------------------------------------------------------------------------------------


def test_year_only_in_the_heading():
    text = "2023年海州区国民经济和社会发展统计公报\n全年技术合同成交额7.8亿元。"
    assert heading_year(text) == 2023
    assert one(text, year=None)[1] == 2023


def test_year_argument_beats_the_heading_and_the_sentence_beats_both():
    text = "2025年政府工作报告\n过去一年，技术合同成交额9.6亿元。2023年技术合同成交额7.1亿元。"
    assert [r[1] for r in rows(text, year=2024)] == [2024, 2023]


def test_last_year_and_this_year_relative_to_the_reference_year():
    assert rows("去年全区研发投入强度为3.62%，今年达到3.75%。", year=2025) == [
        ("rd_share_gdp", 2024, 3.62, "=", "海州区"),
        ("rd_share_gdp", 2025, 3.75, "=", "海州区"),
    ]


def test_no_year_anywhere_leaves_it_empty_for_the_reviewer():
    assert one("技术合同成交额9.6亿元。", year=None)[1] is None


def test_comparison_years_are_not_data_years():
    assert one("全区研发投入强度达3.75%，比2020年提高0.8个百分点。")[1] == 2024


# --- regions ------------------------------------------------------------------------------------------


def test_region_named_in_the_sentence_and_the_city():
    assert rows("全市高新技术企业达到1123家，其中海州区298家。") == [
        ("hte_count", 2024, 1123, "=", "连云港市"),
        ("hte_count", 2024, 298, "=", "海州区"),
    ]
    assert one("东海县全年技术合同成交额3.2亿元。")[4] == "东海县"
    assert one("海州区（含高新区）高新技术企业数达到420家。")[4] == "海州区(含高新区)"


def test_a_ranking_against_the_city_is_not_the_figures_region():
    assert one("全区高新技术企业数量位居全市第一，总数达到312家。")[4] == "海州区"


def test_no_region_given_leaves_it_empty():
    assert one("技术合同成交额9.6亿元。", region=None)[4] == ""


# --- never an observation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "全年技术合同成交额同比增长12%。",
        "研发投入强度较上年提高0.3个百分点。",
        "高新技术企业数量较上年增加37家。",
        "力争到2025年，全社会研发投入占GDP比重达到3.8%。",
        "计划全年技术合同成交额达到12亿元。",
        "目标是高新技术企业数量达到300家。",
        "全区研发投入强度居全市第1位。",
        "1-6月，全区规上工业产值215.2亿元。",
        "上半年，技术合同成交额4.1亿元。",
        "全年新认定国家高新技术企业73家。",
        "全年发明专利申请量1520件。",
        "规上工业企业研发投入强度达2.55%。",
        "“十四五”以来累计技术合同成交额32.6亿元。",
        "全年技术合同成交额1.25万元的项目有86项。",
    ],
)
def test_never_an_observation(text):
    assert rows(text) == []


def test_target_after_an_observation_in_the_same_sentence():
    assert rows("2024年研发投入强度达3.75%，力争2025年达到3.8%。") == [
        ("rd_share_gdp", 2024, 3.75, "=", "海州区")
    ]


def test_numbers_of_another_statistic_in_the_same_sentence():
    assert rows("全年新认定高新技术企业73家，高新技术企业总数达到318家，实现产值420亿元。") == [
        ("hte_count", 2024, 318, "=", "海州区")
    ]


def test_sections_headed_as_targets_or_plans_are_skipped():
    summary = (
        "2024年海州区科技工作总结\n"
        "一、2024年工作成效\n"
        "全年技术合同成交额9.6亿元。\n"
        "（一）企业培育\n"
        "年末全区有效高新技术企业312家。\n"
        "二、2025年工作思路\n"
        "（一）企业培育\n"
        "高新技术企业达到330家，技术合同成交额10亿元。\n"
        "三、附表说明\n"
        "全区研发投入强度3.75%。\n"
    )
    assert rows(summary, year=None) == [
        ("tech_contract_value", 2024, 9.6, "=", "海州区"),
        ("hte_count", 2024, 312, "=", "海州区"),
        ("rd_share_gdp", 2024, 3.75, "=", "海州区"),
    ]


def test_the_action_plan_itself_gives_no_candidates():
    from hzanalysis.documents import read_document
    from hzanalysis.paths import plan_text_path

    plan = read_document(plan_text_path())
    assert "3.8%" in plan and rows(plan, year=None) == []  # every figure in it is a target


def test_every_year_and_a_deadline_without_a_reference_year_are_targets():
    assert rows("每年招引科技型企业不少于100家。") == []
    assert rows("到2025年，全区科创载体面积达100万平方米。", year=None) == []
    assert rows("截至2024年底，全区科创载体面积达52万平方米。", year=None) == [
        ("kechuang_carrier_area", 2024, 52, "=", "海州区")
    ]


# --- several figures, lists, shares, full-width ------------------------------------------------------


def test_several_figures_in_one_sentence():
    assert rows("全社会研发经费支出28.6亿元，占地区生产总值的比重为3.45%，授权发明专利512件。") == [
        ("rd_expenditure", 2024, 28.6, "=", "海州区"),
        ("rd_share_gdp", 2024, 3.45, "=", "海州区"),
        ("invention_patents_granted", 2024, 512, "=", "海州区"),
    ]


def test_respectively_pairs_in_order():
    assert rows("高新技术企业、科技型中小企业分别达到305家、786家。") == [
        ("hte_count", 2024, 305, "=", "海州区"),
        ("tech_smes", 2024, 786, "=", "海州区"),
    ]


def test_full_width_digits_and_traditional_characters_with_the_verbatim_quote():
    sentence = "２０２４年，全区研發投入強度達３．７５％。"
    frame = extract_text(sentence, region="海州区")
    assert frame.loc[0, "value"] == 3.75 and frame.loc[0, "year"] == 2024
    assert frame.loc[0, "quote"] == sentence  # the original characters, not the normalised ones
    assert "研发投入强度" in frame.loc[0, "why"] and "rd_share_gdp" in frame.loc[0, "why"]


def test_traditional_net_additions_and_region_of_a_reposted_page():
    assert rows("連雲港市凈增國家級高新技術企業61家。", year=2018) == [
        ("hte_net_new", 2018, 61, "=", "连云港市")
    ]


def test_from_to_keeps_both_dated_values_and_skips_an_undated_start():
    assert rows("全区研发投入强度从2020年的2.9%提高到2024年的3.75%。", year=None) == [
        ("rd_share_gdp", 2020, 2.9, "=", "海州区"),
        ("rd_share_gdp", 2024, 3.75, "=", "海州区"),
    ]
    assert rows("每万人发明专利拥有量由8.6件提升至14.2件。") == [
        ("invention_patents_per_10k", 2024, 14.2, "=", "海州区")
    ]


def test_empty_text_gives_an_empty_frame_with_the_columns():
    frame = extract_text("", region="海州区")
    assert frame.empty and list(frame.columns) == list(EXTRACT_COLUMNS)


# --- the command, end to end --------------------------------------------------------------------------


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hzanalysis.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=600
    )


def extract_cli(cwd: Path, *files: str, out: str = "r.csv", quality: str = "secondary", options=()):
    """``hzanalysis data extract FILES --region 海州区 --quality QUALITY --out OUT [options]``."""
    common = ["--region", "海州区", "--quality", quality, "--out", out]
    return run("data", "extract", *files, *common, *options, cwd=cwd)


BULLETIN = (
    "2025年海州区科技创新工作总结\n"
    "全年全社会研发投入占地区生产总值比重达3.91%，比上年提高0.16个百分点。\n"
    "年末全区有效高新技术企业超过320家，新认定高新技术企业81家。\n"
    "全年技术合同成交额105000万元，同比增长9%。\n"
)
PROVENANCE = ["--title", "2025年海州区科技创新工作总结", "--published", "2026-02-10"]


def test_cli_extract_to_xlsx_then_check_then_assess(tmp_path):
    (tmp_path / "summary.txt").write_text(BULLETIN, encoding="utf-8")
    result = extract_cli(
        tmp_path, "summary.txt", out="review.xlsx", quality="official_media", options=PROVENANCE
    )
    assert result.returncode == 0, result.stderr
    assert "3 candidates from 1 file(s)" in result.stdout
    assert "rd_share_gdp" in result.stdout and "(target rd_share_gdp)" in result.stdout
    assert result.stdout.splitlines()[-1].strip() == "hzanalysis report --data review.xlsx"  # the last step
    sheet = openpyxl.load_workbook(tmp_path / "review.xlsx")["observations"]
    table = list(sheet.values)
    assert list(table[0]) == list(OBSERVATION_COLUMNS)
    by_indicator = {row[1]: dict(zip(table[0], row, strict=True)) for row in table[1:]}
    assert by_indicator["rd_share_gdp"]["value"] == 3.91 and by_indicator["rd_share_gdp"]["year"] == 2025
    assert by_indicator["hte_count"]["bound"] == ">" and by_indicator["hte_count"]["value"] == 320
    assert by_indicator["tech_contract_value"]["value"] == 10.5  # 105000万元 = 10.5亿元
    assert by_indicator["tech_contract_value"]["quote"] == "全年技术合同成交额105000万元，同比增长9%。"
    assert "105000万元 → 10.5 亿元" in by_indicator["tech_contract_value"]["note"]

    assert check_files([tmp_path / "review.xlsx"]) == []
    checked = run("data", "check", "review.xlsx", cwd=tmp_path)
    assert checked.returncode == 0 and "ok" in checked.stdout
    assessed = run("assess", "--data", "review.xlsx", cwd=tmp_path)
    assert assessed.returncode == 0, assessed.stderr
    assert "3.91%（2025）" in assessed.stdout  # the reviewed figure is now the latest R&D share


def test_cli_extract_to_csv_reads_back_as_observations(tmp_path):
    (tmp_path / "summary.txt").write_text(BULLETIN, encoding="utf-8")
    result = extract_cli(
        tmp_path, "summary.txt", out="review.csv", quality="official_media", options=PROVENANCE
    )
    assert result.returncode == 0, result.stderr
    assert ",320,家,>," in (tmp_path / "review.csv").read_text(encoding="utf-8-sig")  # a count, not 320.0
    frame = read_observation_file(tmp_path / "review.csv")
    assert sorted(frame["indicator"]) == ["hte_count", "rd_share_gdp", "tech_contract_value"]
    assert set(frame["source_title"]) == {"2025年海州区科技创新工作总结"}


def test_cli_approximate_rows_must_be_decided_before_check(tmp_path):
    (tmp_path / "a.txt").write_text("2024年公报\n高新技术产业产值占比近七成。", encoding="utf-8")
    result = extract_cli(tmp_path, "a.txt", out="r.csv")
    assert result.returncode == 0 and "1 approximate (bound ~)" in result.stdout
    checked = run("data", "check", "r.csv", cwd=tmp_path)
    assert checked.returncode == 2 and "'~'" in checked.stderr


@pytest.mark.parametrize(
    ("files", "extra", "message"),
    [
        (["absent.txt"], [], "absent.txt"),
        (["scan.pdf"], [], "OCR"),
        (["ok.txt"], ["--quality", "rumour"], "--quality must be one of"),
        (["ok.txt"], ["--region", "火星区"], "--region must be a catalogue region"),
    ],
)
def test_cli_bad_input_exits_2_and_writes_nothing(tmp_path, files, extra, message):
    from tests.test_documents import scanned_pdf

    (tmp_path / "ok.txt").write_text(BULLETIN, encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(scanned_pdf())
    options = {"--region": "海州区", "--quality": "secondary"}
    for key, value in zip(extra[::2], extra[1::2], strict=True):
        options[key] = value
    flat = [item for pair in options.items() for item in pair]
    result = run("data", "extract", *files, *flat, "--out", "review.xlsx", cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr
    assert not (tmp_path / "review.xlsx").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left


def test_cli_keeps_an_existing_review_unless_forced(tmp_path):
    (tmp_path / "ok.txt").write_text(BULLETIN, encoding="utf-8")
    (tmp_path / "review.csv").write_text("reviewed already", encoding="utf-8")
    refused = extract_cli(tmp_path, "ok.txt", out="review.csv")
    assert refused.returncode == 2 and "--force" in refused.stderr
    assert (tmp_path / "review.csv").read_text(encoding="utf-8") == "reviewed already"
    assert extract_cli(tmp_path, "ok.txt", out="review.csv", options=("--force",)).returncode == 0
    assert (tmp_path / "review.csv").read_text(encoding="utf-8-sig").startswith(",".join(OBSERVATION_COLUMNS))


def test_cli_rejects_an_output_that_is_not_xlsx_or_csv(tmp_path):
    (tmp_path / "ok.txt").write_text(BULLETIN, encoding="utf-8")
    result = extract_cli(tmp_path, "ok.txt", out="r.txt")
    assert result.returncode == 2 and ".xlsx or .csv" in result.stderr and not (tmp_path / "r.txt").exists()


def test_cli_no_candidates_writes_nothing(tmp_path):
    (tmp_path / "plan.txt").write_text("力争到2025年研发投入强度达到3.8%。", encoding="utf-8")
    result = extract_cli(tmp_path, "plan.txt", out="r.csv")
    assert result.returncode == 0 and "no candidates found" in result.stdout
    assert not (tmp_path / "r.csv").exists()


def test_cli_reads_several_document_types_in_one_run(tmp_path):
    import docx

    page = (
        '<html><head><meta charset="gbk"><title>2024年海州区统计公报</title></head><body>'
        '<div class="nav">首页 统计数据 访问量 12345家</div>'
        '<div class="article"><p>全年技术合同成交额9.6亿元，同比增长18%。</p></div></body></html>'
    )
    (tmp_path / "page.html").write_bytes(page.encode("gbk"))
    document = docx.Document()
    document.add_paragraph("2024年海州区科技工作总结")
    document.add_paragraph("年末全区有效高新技术企业312家。")
    document.save(str(tmp_path / "summary.docx"))
    result = extract_cli(tmp_path, "page.html", "summary.docx", out="review.csv", quality="official_media")
    assert result.returncode == 0, result.stderr
    assert "2 candidates from 2 file(s)" in result.stdout
    frame = read_observation_file(tmp_path / "review.csv")
    assert sorted(zip(frame["indicator"], frame["value"], frame["source_title"], strict=True)) == [
        ("hte_count", 312.0, "summary.docx"),
        ("tech_contract_value", 9.6, "2024年海州区统计公报"),  # the page's <title>
    ]
    assert set(frame["year"]) == {2024}  # both from their headings


# --- forms of holdout4 (issue 8 follow-up): each with sentences other than the benchmark's -------------


@pytest.mark.parametrize(
    ("numeral", "value"), [("十", 10), ("十五", 15), ("四十", 40), ("二百零八", 208), ("一千五百", 1500)]
)
def test_chinese_numerals(numeral, value):
    from hzanalysis.extract.numbers import chinese_numeral

    assert chinese_numeral(numeral) == value


def test_chinese_numerals_before_a_unit_are_figures_and_a_plan_period_is_not():
    assert one("全区中试基地达到十五个。") == ("pilot_bases", 2024, 15, "=", "海州区")
    assert one("技术合同成交额超过二十亿元。")[2:4] == (20, ">")
    assert rows("十四五期间，全区技术合同成交额稳步提升。") == []


def test_a_table_with_unit_and_year_columns_skips_growth_and_target_columns():
    text = (
        "指标 | 单位 | 2023年 | 2024年 | 比上年增长(%) | 2025年目标\n"
        "技术合同成交额 | 万元 | 72500 | 91000 | 25.5 | 100000\n"
        "中试基地 | 个 | 6 | 9 | 50 | 10"
    )
    assert sorted(rows(text)) == [
        ("pilot_bases", 2023, 6, "=", "海州区"),
        ("pilot_bases", 2024, 9, "=", "海州区"),
        ("tech_contract_value", 2023, pytest.approx(7.25), "=", "海州区"),  # 72500万元 = 7.25亿元
        ("tech_contract_value", 2024, pytest.approx(9.1), "=", "海州区"),
    ]
    frame = extract_text(text, region="海州区", year=2024)
    assert (
        frame["quote"].iloc[0] == "技术合同成交额 | 万元 | 72500 | 91000 | 25.5 | 100000"
    )  # the row verbatim
    assert "column “2023年”" in frame["why"].iloc[0]


def test_a_table_row_with_the_unit_in_brackets_and_a_name_unit_value_line():
    assert rows("项目 | 数值\n新型研发机构（家） | 14") == [("new_rd_institutions", 2024, 14, "=", "海州区")]
    assert rows("中试基地(个)\u30007") == [("pilot_bases", 2024, 7, "=", "海州区")]


def test_a_figure_takes_the_statistic_named_alone_in_the_sentence_before():
    found = extract_text("全区新型研发机构建设提速。年末达到16家，比上年多3家。", region="海州区", year=2025)
    assert [(r.indicator, r.value) for r in found.itertuples()] == [("new_rd_institutions", 16)]
    assert found["quote"].iloc[0] == "全区新型研发机构建设提速。年末达到16家，比上年多3家。"
    # a sentence that names its own statistic keeps it; one with a figure already is no heading
    assert rows("全区新型研发机构建设提速。年末建成中试基地8个。") == [
        ("pilot_bases", 2024, 8, "=", "海州区")
    ]
    assert rows("全区新型研发机构14家。年末达到16家。") == [("new_rd_institutions", 2024, 14, "=", "海州区")]


@pytest.mark.parametrize(
    "text",
    [
        "2020年以来，累计完成技术合同成交额31.5亿元。",  # a total over years, not one year's flow
        "全区每万人口发明专利授权量7.1件。",  # per resident, not the year's grants
        "今年推荐申报高新技术企业95家。",  # applications, not the stock
        "高企后备库入库企业60家。",  # a reserve pool, not the stock
    ],
)
def test_neighbouring_statistics_are_not_candidates(text):
    assert rows(text) == []


def test_a_share_written_as_equal_to_a_part_of_gdp_and_a_short_share_name():
    assert rows("研发经费支出25.1亿元，相当于地区生产总值的3.12%。") == [
        ("rd_expenditure", 2024, 25.1, "=", "海州区"),
        ("rd_share_gdp", 2024, 3.12, "=", "海州区"),
    ]
    assert one("全区研发投入占比为3.66%。")[:3] == ("rd_share_gdp", 2024, 3.66)


def test_the_own_region_after_the_city_and_a_name_in_quotation_marks():
    assert rows("全市新型研发机构为48家，我区为15家。") == [
        ("new_rd_institutions", 2024, 48, "=", "连云港市"),
        ("new_rd_institutions", 2024, 15, "=", "海州区"),
    ]
    assert one("全年实施“揭榜挂帅”项目5项。")[:3] == ("jiebang_projects", 2024, 5)


def test_a_change_to_a_dated_level_on_a_re_posted_page_in_traditional_characters():
    assert rows("全區中試基地由2021年的3個躍升至2024年的9個。") == [
        ("pilot_bases", 2021, 3, "=", "海州区"),
        ("pilot_bases", 2024, 9, "=", "海州区"),
    ]


def test_the_start_of_a_name_in_the_sentence_before_completes_a_name_cut_short():
    # 技术合同 in the figure-less sentence + 成交额 here = 技术合同成交额; 地区生产总值 is named here already
    text = "技术合同工作稳步推进。全年成交额15.2亿元，地区生产总值900亿元。"
    found = extract_text(text, region="海州区", year=2025)
    assert sorted((r.indicator, r.value) for r in found.itertuples()) == [
        ("gdp", 900),
        ("tech_contract_value", 15.2),
    ]
    assert found.set_index("indicator").at["tech_contract_value", "quote"] == text
    # the sentence before states a figure of its own: no subject is lent
    assert rows("技术合同工作稳步推进，登记合同312项。全年成交额15.2亿元。") == []


# --- issue 14: forms real bulletins and work reports use (sentences written for these tests) ------------


def test_a_value_after_a_growth_clause_is_the_level():
    # "增长18%" is the change, "达到480家" after it the stock at the end of the year
    assert rows("全区入库科技型中小企业增长18%，达到480家。") == [("tech_smes", 2024, 480, "=", "海州区")]


def test_a_batch_of_additions_then_the_running_total_is_the_stock():
    # 新增 … 15家 is the year's flow (not catalogued for this stock); 累计达到 … 97家 is the stock
    assert rows("今年新增省级以上研发机构15家，累计达到97家。") == [
        ("prov_rd_institutions", 2024, 97, "=", "海州区")
    ]


def test_several_statistics_each_closed_by_its_running_total():
    text = "全年新增高新技术企业61家、总数达407家；新增省级以上研发机构8家，累计达到83家。"
    assert rows(text) == [
        ("hte_count", 2024, 407, "=", "海州区"),
        ("prov_rd_institutions", 2024, 83, "=", "海州区"),
    ]


def test_a_running_total_after_a_flow_is_not_the_years_flow():
    # 累计 after the year's turnover sums several years: neither the year's value nor a stock
    assert rows("全年技术合同成交额11.4亿元，累计达到52.3亿元。") == [
        ("tech_contract_value", 2024, 11.4, "=", "海州区")
    ]


def test_an_earlier_year_after_a_contrast_keeps_its_own_figure():
    assert rows("2025年全区技术合同成交额13.48亿元，而2024年仅为9.7亿元。", year=None) == [
        ("tech_contract_value", 2025, 13.48, "=", "海州区"),
        ("tech_contract_value", 2024, 9.7, "=", "海州区"),
    ]


def test_a_series_in_one_sentence_gives_every_year():
    text = "全区高新技术企业由2021年的131家增长到2022年的162家、2023年的207家。"
    assert rows(text, year=None) == [
        ("hte_count", 2021, 131, "=", "海州区"),
        ("hte_count", 2022, 162, "=", "海州区"),
        ("hte_count", 2023, 207, "=", "海州区"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "12月当月技术合同成交额1.4亿元。",
        "12月单月全区技术合同成交额达到1.9亿元。",
        "一季度，全区技术合同成交额2.3亿元。",
        "前10个月技术合同成交额8.8亿元。",
    ],
)
def test_a_month_or_a_part_of_the_year_is_not_the_years_value(text):
    assert rows(text) == []


def test_the_whole_year_after_a_part_of_it_is_the_years_value():
    assert rows("上半年技术合同成交额4.9亿元，全年技术合同成交额11.7亿元。") == [
        ("tech_contract_value", 2024, 11.7, "=", "海州区")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "全年技术合同成交额12.83亿元，完成年度目标任务的128%。",
        "全年技术合同成交额12.83亿元，超额完成年度目标。",
        "全年技术合同成交额12.83亿元，为年度目标的128.3%。",
    ],
)
def test_a_tail_measuring_the_figure_against_its_target_keeps_the_figure(text):
    assert rows(text) == [("tech_contract_value", 2024, 12.83, "=", "海州区")]
    # under a heading that reports on the targets (not one that sets them) as year-end summaries have
    summary = f"2024年海州区科技工作总结\n一、年度目标任务完成情况\n{text}"
    assert rows(summary, year=None) == [("tech_contract_value", 2024, 12.83, "=", "海州区")]


@pytest.mark.parametrize(
    "text",
    [
        "全区有效高新技术企业326家，其中上市高新技术企业9家。",
        "全区有效高新技术企业326家，境内上市高新技术企业9家。",
        "全区有效高新技术企业326家，其中海州经济开发区高新技术企业141家。",
    ],
)
def test_a_subset_beside_the_total_is_not_the_total(text):
    assert rows(text) == [("hte_count", 2024, 326, "=", "海州区")]


@pytest.mark.parametrize(
    "text",
    [
        "每百名研发人员发明专利授权量达到11.6件。",
        "平均每名研发人员获得授权发明专利0.7件。",
    ],
)
def test_a_ratio_per_rd_worker_is_not_patents_granted(text):
    assert rows(text) == []


def test_a_work_report_dated_the_next_year_files_the_past_year_under_that_year():
    text = (
        "2026年海州区人民政府工作报告\n"
        "过去一年，全区技术合同成交额达到14.2亿元，高新技术企业达到356家。\n"
        "去年全区研发投入强度为3.81%。"
    )
    assert rows(text, year=None) == [
        ("tech_contract_value", 2025, 14.2, "=", "海州区"),
        ("hte_count", 2025, 356, "=", "海州区"),
        ("rd_share_gdp", 2025, 3.81, "=", "海州区"),
    ]


def test_relative_years_in_a_bulletin_count_from_its_own_year():
    text = "2024年海州区国民经济和社会发展统计公报\n全年技术合同成交额10.6亿元，上年为8.9亿元。"
    assert rows(text, year=None) == [
        ("tech_contract_value", 2024, 10.6, "=", "海州区"),
        ("tech_contract_value", 2023, 8.9, "=", "海州区"),
    ]


def test_wan_yuan_with_decimals_and_thousands_separators():
    assert one("全年技术合同成交额为63,418.72万元。")[2] == pytest.approx(6.341872)
    assert one("全社会研发经费支出达 9873.5 万元。")[2] == pytest.approx(0.98735)


def test_a_count_is_never_a_fraction():
    assert rows("全区授权发明专利人均0.35件。") == []


# --- data extract http(s)://… (a local server started by the test; nothing leaves the machine) ----------


@pytest.fixture
def local_site():
    """Pages served on 127.0.0.1: a GBK page that declares its charset only in the HTTP header, a UTF-8
    page, and a 404; yields the base address."""
    import http.server
    import threading

    gbk_page = (
        "<html><head><title>2025年海州区科技创新工作总结</title></head><body><div class='article'>"
        "<p>全年技术合同成交额13.9亿元，同比增长10%。</p><p>年末全区有效高新技术企业341家。</p>"
        "</div></body></html>"
    ).encode("gbk")
    utf8_page = (
        "<html><head><meta charset='utf-8'><title>2025年科技通报</title></head>"
        "<body><p>全年新型研发机构达到14家。</p></body></html>"
    )
    pages = {
        "/gbk.html": (gbk_page, "text/html; charset=GBK"),
        "/utf8": (utf8_page.encode("utf-8"), "text/html"),
    }

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path not in pages:
                self.send_error(404)
                return
            body, kind = pages[self.path]
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):  # keep the test output quiet
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_cli_extract_fetches_a_gbk_page_and_records_its_address_title_and_date(tmp_path, local_site):
    import datetime as dt

    address = f"{local_site}/gbk.html"
    result = extract_cli(tmp_path, address, out="web.csv", quality="official_media")
    assert result.returncode == 0, result.stderr
    frame = read_observation_file(tmp_path / "web.csv")
    assert sorted(zip(frame["indicator"], frame["year"], frame["value"], strict=True)) == [
        ("hte_count", 2025, 341),
        ("tech_contract_value", 2025, 13.9),
    ]
    assert set(frame["source_url"]) == {address}
    assert set(frame["source_title"]) == {"2025年海州区科技创新工作总结"}
    today = dt.datetime.now(dt.UTC).date().isoformat()
    assert all(note.startswith(f"fetched {today} from {address}") for note in frame["note"])


def test_cli_extract_a_page_and_a_file_together(tmp_path, local_site):
    (tmp_path / "a.txt").write_text("2024年统计公报\n全年新型研发机构达到12家。", encoding="utf-8")
    result = extract_cli(tmp_path, "a.txt", f"{local_site}/utf8")
    assert result.returncode == 0, result.stderr
    frame = read_observation_file(tmp_path / "r.csv")
    assert sorted(zip(frame["value"], frame["source_title"], frame["source_url"], strict=True)) == [
        (12, "a.txt", ""),
        (14, "2025年科技通报", f"{local_site}/utf8"),
    ]


@pytest.mark.parametrize("path", ["/missing.html", None])
def test_cli_extract_an_address_that_cannot_be_fetched_fails_with_one_line(tmp_path, local_site, path):
    import socket

    if path is None:  # a port nothing listens on: what an offline machine or a dead server gives
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        address = f"http://127.0.0.1:{port}/page.html"
    else:
        address = local_site + path
    result = extract_cli(tmp_path, address)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and address in lines[0], result.stderr
    assert ("404" in lines[0]) if path else ("no connection" in lines[0])
    assert not (tmp_path / "r.csv").exists()


def test_an_html_file_takes_its_pages_title_as_source_title(tmp_path):
    page = (
        "<html><head><title>2024年海州区统计公报</title></head>"
        "<body><p>全年新型研发机构达到12家。</p></body></html>"
    )
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    result = extract_cli(tmp_path, "p.html")
    assert result.returncode == 0, result.stderr
    assert set(read_observation_file(tmp_path / "r.csv")["source_title"]) == {"2024年海州区统计公报"}
    forced = extract_cli(tmp_path, "p.html", out="t.csv", options=["--title", "我的标题"])
    assert forced.returncode == 0, forced.stderr
    assert set(read_observation_file(tmp_path / "t.csv")["source_title"]) == {"我的标题"}


def test_a_bureaus_excel_table_becomes_observation_rows_and_data_check_points_to_extract(tmp_path):
    # a made-up bureau workbook: title row, indicators in rows, years in columns
    workbook = openpyxl.Workbook()
    for line in (
        ["海州区主要科技指标"],
        ["指标", "单位", "2022年", "2023年"],
        ["高新技术企业数", "家", 241, 268],
        ["R&D经费投入强度", "%", 2.3, 2.45],
    ):
        workbook.active.append(line)
    workbook.save(tmp_path / "bureau.xlsx")
    checked = run("data", "check", "bureau.xlsx", cwd=tmp_path)
    assert checked.returncode == 2
    problems = [line for line in checked.stderr.splitlines() if line.startswith("  - ")]
    assert len(problems) == 1 and "data extract" in problems[0], checked.stderr
    result = extract_cli(tmp_path, "bureau.xlsx")
    assert result.returncode == 0, result.stderr
    got = read_observation_file(tmp_path / "r.csv")
    assert sorted(zip(got["indicator"], got["year"], got["value"], strict=True)) == [
        ("hte_count", 2022, 241.0),
        ("hte_count", 2023, 268.0),
        ("rd_share_gdp", 2022, 2.3),
        ("rd_share_gdp", 2023, 2.45),
    ]
    assert set(got["source_title"]) == {"海州区主要科技指标"}


# --- forms found on real passages of other regions (issue 14; sentences written for these tests) -------


def test_other_names_of_the_turnover_and_of_rd_expenditure_and_its_ratio_to_gdp():
    assert rows("全年技术市场实现交易额8415万元，同比增长21%。") == [
        ("tech_contract_value", 2024, pytest.approx(0.8415), "=", "海州区")
    ]
    assert rows("全年研究与试验发展(R&D)经费支出达41.2亿元，与地区生产总值之比达2.71%。") == [
        ("rd_expenditure", 2024, 41.2, "=", "海州区"),
        ("rd_share_gdp", 2024, 2.71, "=", "海州区"),
    ]


def test_firms_grown_so_far_are_the_stock_and_an_above_scale_industry_is_not_a_subset():
    assert rows("累计培育国家高新技术企业73家，同比增长9%。") == [("hte_count", 2024, 73, "=", "海州区")]
    assert rows("规模以上高新技术产业实现产值288.6亿元。") == [
        ("hitech_output_value", 2024, 288.6, "=", "海州区")
    ]
    assert rows("年销售收入亿元以上的高新技术企业39家。") == []


def test_net_additions_after_the_stock_and_over_several_years():
    assert rows("全区高新技术企业达到215家，较上年增加31家。") == [
        ("hte_count", 2024, 215, "=", "海州区"),
        ("hte_net_new", 2024, 31, "=", "海州区"),
    ]
    assert rows("全区高新技术企业达到64家，三年净增21家。") == [("hte_count", 2024, 64, "=", "海州区")]
    # the figure before the name is the stock; what follows in its clause counts something else
    assert rows("215家高新技术企业中，建有研发机构的企业162个，较上年增加20个。") == [
        ("hte_count", 2024, 215, "=", "海州区")
    ]


def test_a_work_report_known_by_its_date_line_and_the_whole_year_after_months():
    text = (
        "——2026年1月10日在某区第三届人民代表大会\n第六次会议上\n一、2025年工作回顾\n"
        "1—11月，规上工业总产值超380亿元，预计全年突破420亿元。"
    )
    assert rows(text, year=None) == [("above_scale_industrial_output", 2025, 420, ">=", "海州区")]


def test_the_year_and_the_part_of_the_year_of_a_sentence_carry_to_the_next():
    assert rows("2025年全区科技创新指数为150.2。全社会研发经费支出达95.3亿元。", year=None) == [
        ("rd_expenditure", 2025, 95.3, "=", "海州区")
    ]
    assert rows("2025年上半年，全区高新技术产业平稳增长。全区高新技术产业产值188.2亿元，同比增长7%。") == []
    assert rows("截至9月底，全区有效发明专利1520件。全区万人发明专利拥有量41.3件，比去年底增长3件。") == []


def test_a_year_end_before_a_later_year_is_a_date_not_a_target():
    text = "2026年发布的监测结果显示，到2025年底，全区高新技术企业总数达到233家。"
    assert rows(text, year=None) == [("hte_count", 2025, 233, "=", "海州区")]


def test_rd_spelt_out_with_its_abbreviation_in_brackets_and_a_from_to_series():
    assert rows("全区研发(R&D)经费投入从2019年的31.6亿元增加到2023年的48.2亿元。", year=None) == [
        ("rd_expenditure", 2019, 31.6, "=", "海州区"),
        ("rd_expenditure", 2023, 48.2, "=", "海州区"),
    ]
    assert rows("全社会研究与实验发展(R&D)经费支出52.7亿元，占GDP的比重为2.41%。") == [
        ("rd_expenditure", 2024, 52.7, "=", "海州区"),
        ("rd_share_gdp", 2024, 2.41, "=", "海州区"),
    ]


def test_the_numerator_named_twice_before_its_share():
    text = "R&D经费内部支出投入达到52.7亿元，R&D经费内部支出投入占GDP的比重为2.41%。"
    assert rows(text) == [
        ("rd_expenditure", 2024, 52.7, "=", "海州区"),
        ("rd_share_gdp", 2024, 2.41, "=", "海州区"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "各县区技术合同成交额均值为3.2亿元。",
        "各县区研发投入强度均值由2.1%提升至2.4%。",
        "全年高新技术企业技术合同成交额8.6亿元。",
    ],
)
def test_an_average_over_units_or_the_firms_part_is_not_the_regions_figure(text):
    assert rows(text) == []


def test_a_superlative_names_a_part_and_patents_counted_in_xiang():
    text = "全区高新技术产业产值412.6亿元，其中产值最高的是某镇，达到80.5亿元。"
    assert rows(text) == [("hitech_output_value", 2024, 412.6, "=", "海州区")]
    assert rows("全年发明专利授权36项。") == [("invention_patents_granted", 2024, 36, "=", "海州区")]


def test_a_traditional_page_spelling_rd_out_and_a_stock_up_to_a_month():
    text = "2025年,全區研究與試驗發展(R&D)經費投入強度(與地區生產總值之比)為2.61%。"
    assert rows(text, year=None) == [("rd_share_gdp", 2025, 2.61, "=", "海州区")]
    assert rows("截至今年6月，全区万人发明专利拥有量达到38.2件。") == []


def test_the_benchmark_scores_a_real_set_kept_outside_without_the_region_and_skips_it_when_absent(tmp_path):
    import json

    import yaml

    from benchmarks import extraction

    real = tmp_path / "passages.yaml"  # our own sentences standing in for the real passages kept outside
    items = [
        {
            "split": "heldout",
            "text": "全年技术合同成交额9.6亿元。",
            "year": 2024,
            "expect": [["tech_contract_value", 2024, 9.6, "="]],
        },
        {
            "split": "heldout",
            "text": "全市高新技术企业达到412家。",
            "year": 2024,
            "expect": [["hte_count", 2024, 412, "="]],
        },  # region 连云港市 from 全市: not compared
        {"split": "heldout", "text": "上半年技术合同成交额4.1亿元。", "year": 2024, "expect": []},
    ]
    real.write_text(yaml.safe_dump(items, allow_unicode=True), encoding="utf-8")
    assert extraction.main(["--real", str(real), "--out", str(tmp_path / "a")]) == 0
    summary = json.loads((tmp_path / "a" / "extraction.json").read_text())["summary"]
    assert summary["real/heldout/extractor"] == {
        "precision": 1.0,
        "recall": 1.0,
        "tp": 2,
        "predicted": 2,
        "expected": 2,
    }
    assert extraction.main(["--real", str(tmp_path / "missing.yaml"), "--out", str(tmp_path / "b")]) == 0
    summary = json.loads((tmp_path / "b" / "extraction.json").read_text())["summary"]
    assert not any(key.startswith("real/") for key in summary)


def test_the_benchmark_pools_several_real_files_and_the_files_of_a_folder(tmp_path):
    import json

    import yaml

    from benchmarks import extraction

    first = [{"split": "r1", "text": "全年技术合同成交额9.6亿元。", "year": 2024,
              "expect": [["tech_contract_value", 2024, 9.6, "="]]}]  # fmt: skip
    second = [{"split": "r2", "text": "上半年技术合同成交额4.1亿元。", "year": 2024,
               "expect": [["tech_contract_value", 2024, 4.1, "="]]}]  # fmt: skip
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "passages.yaml").write_text(yaml.safe_dump(first, allow_unicode=True), encoding="utf-8")
    (folder / "passages-round2.yaml").write_text(yaml.safe_dump(second, allow_unicode=True), encoding="utf-8")
    (folder / "notes.yaml").write_text("not a passage file", encoding="utf-8")  # ignored: not passages*.yaml
    for args in (
        ["--real", str(folder)],
        ["--real", str(folder / "passages.yaml"), str(folder / "passages-round2.yaml"), str(tmp_path / "no")],
    ):
        out = tmp_path / str(len(args))
        assert extraction.main([*args, "--out", str(out)]) == 0
        summary = json.loads((out / "extraction.json").read_text())["summary"]
        # r1: found; r2: a half year is never the year's figure, so the (deliberately wrong) label is missed
        assert summary["real/r1/extractor"]["tp"] == 1
        r2 = summary["real/r2/extractor"]
        assert (r2["tp"], r2["predicted"], r2["expected"]) == (0, 0, 1)
        assert summary["real/all/extractor"]["expected"] == 2


def test_a_table_pasted_one_cell_per_line_into_a_text_file():
    text = (
        "2025年海州区科技统计\n指标\n2024年\n2025年\n"
        "新型研发机构(家)\n11\n13\n技术合同成交额(亿元)\n9.6\n11.3\n注：快报数。"
    )
    assert sorted(rows(text, year=None)) == [
        ("new_rd_institutions", 2024, 11, "=", "海州区"),
        ("new_rd_institutions", 2025, 13, "=", "海州区"),
        ("tech_contract_value", 2024, 9.6, "=", "海州区"),
        ("tech_contract_value", 2025, 11.3, "=", "海州区"),
    ]


def test_names_with_pinyin_glosses_of_a_re_posted_page():
    text = "2025年全區研發(fā)投入達到41.5億元，全年技術(shù)合同成交額突破12億元。"
    assert rows(text, year=None) == [
        ("rd_expenditure", 2025, 41.5, "=", "海州区"),
        ("tech_contract_value", 2025, 12, ">=", "海州区"),
    ]


def test_a_space_after_rd_and_valid_patents_are_not_the_years_grants():
    assert rows("全区 R&D 经费支出 38.6亿元。") == [("rd_expenditure", 2024, 38.6, "=", "海州区")]
    assert rows("全区有效发明专利授权量超2150件。") == []


# --- extract3: forms of the real passages of round 3 (sentences and tables of our own) --------------------


def test_a_yearbook_table_saved_one_cell_per_line_each_cell_closed_by_a_bar():
    # a web copy of a yearbook table: "cell |" lines; a name wrapped onto the next row with empty cells;
    # an English gloss after a name; a "#" row (a part of the row above) left out
    text = (
        "表3 科技活动情况 |\n指 标 |\n2021 |\n2022 |\n2023 |\n"
        "研究与试验发展经费支出(亿元) R&D expenditure |\n12.5 |\n13.8 |\n15.2 |\n"
        "#企业资金 |\n9.1 |\n10.2 |\n11.6 |\n"
        "研究与试验发展经费支出相当于 |\n2.31 |\n2.42 |\n2.58 |\n"
        "地区生产总值比例 (%) |\n|\n|\n|\n"
        "技术市场\n成交额(亿元) |\n3.2 |\n4.1 |\n5.0 |"
    )
    assert sorted(rows(text, year=None)) == sorted(
        [("rd_expenditure", 2021, 12.5, "=", "海州区"), ("rd_expenditure", 2022, 13.8, "=", "海州区"),
         ("rd_expenditure", 2023, 15.2, "=", "海州区"), ("rd_share_gdp", 2021, 2.31, "=", "海州区"),
         ("rd_share_gdp", 2022, 2.42, "=", "海州区"), ("rd_share_gdp", 2023, 2.58, "=", "海州区"),
         ("tech_contract_value", 2021, 3.2, "=", "海州区"), ("tech_contract_value", 2022, 4.1, "=", "海州区"),
         ("tech_contract_value", 2023, 5.0, "=", "海州区")]
    )  # fmt: skip


def test_a_closed_cell_table_without_a_label_and_a_share_row_under_its_numerator():
    text = (
        "表1 科技经费(2022~2024)\nS&T funding\n2022 |\n2023 |\n2024 |\n"
        "研发经费支出(万元) |\n86500 |\n91200 |\n99800 |\n"
        "占地区生产总值的比重 ( % ) As percentage of GDP |\n2.05 |\n2.11 |\n2.20 |"
    )
    assert sorted(rows(text, year=None)) == [
        ("rd_expenditure", 2022, 8.65, "=", "海州区"),
        ("rd_expenditure", 2023, 9.12, "=", "海州区"),
        ("rd_expenditure", 2024, 9.98, "=", "海州区"),
        ("rd_share_gdp", 2022, 2.05, "=", "海州区"),
        ("rd_share_gdp", 2023, 2.11, "=", "海州区"),
        ("rd_share_gdp", 2024, 2.2, "=", "海州区"),
    ]


def test_a_transposed_table_names_first_then_each_year_with_its_values():
    text = "技术合同成交额\n高新技术企业数\n2023年\n8.6亿元\n120家\n2024年\n9.9亿元\n135家"
    assert sorted(rows(text, year=None)) == [
        ("hte_count", 2023, 120, "=", "海州区"),
        ("hte_count", 2024, 135, "=", "海州区"),
        ("tech_contract_value", 2023, 8.6, "=", "海州区"),
        ("tech_contract_value", 2024, 9.9, "=", "海州区"),
    ]


def test_a_bar_table_with_title_lines_and_a_header_of_years_without_a_label_cell():
    text = (
        "表5 科技活动基本情况 | |||\n(2022-2024年) | |||\n2022年 | 2023年 | 2024年 | |\n"
        "研发人员(人) | 512 | 560 | 601 |\n研发经费支出(万元) | 21000 | 23500 | 26100 |"
    )
    assert sorted(rows(text, year=None)) == [
        ("rd_expenditure", 2022, 2.1, "=", "海州区"),
        ("rd_expenditure", 2023, 2.35, "=", "海州区"),
        ("rd_expenditure", 2024, 2.61, "=", "海州区"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "全区研发经费支出占地区生产总值(GDP)比重提高至3.21%。",
        "全区研发经费支出相当于全区生产总值的比例达到3.21%。",
    ],
)
def test_a_share_with_the_denominator_abbreviated_in_brackets_or_of_the_whole_region(text):
    assert rows(text) == [("rd_share_gdp", 2024, 3.21, "=", "海州区")]


@pytest.mark.parametrize(
    "text",
    [
        # a breakdown, in its own and in the next sentence of the paragraph
        "分执行部门看，企业研发经费支出21.3亿元。高等学校研发经费支出0.8亿元。",
        "从技术交易类型看，技术开发合同成交额领先。其中，技术服务合同成交额为5.2亿元。",
        # the sum of a handful of places, a place after 其中, a sector's part, the part flowing elsewhere
        "3县全年实现技术合同成交额12.4亿元。",
        "其中，青石县完成技术合同成交额3.1亿元。",
        "全区高校技术合同成交额0.9亿元。",
        "全区流向省外技术合同成交额4.4亿元。",
        "由企业输出技术合同1200项，交易金额7.7亿元。",
        # an economic zone inside the region, a batch certified, a batch with a named level before the name
        "东部经济区技术合同成交额突破5亿元。",
        "第一批评审通过国家高新技术企业40家。",
        "新增连云港市新型研发机构3家。",
        # what is to come, and a stock up to a month written 截止
        "年内将新增评价入库科技型中小企业800家，高新技术企业达到450家。",
        "截止11月发明专利授权量231件。",
    ],
)
def test_parts_batches_plans_and_months_of_round_3_are_never_the_regions_figure(text):
    assert rows(text) == []


def test_the_whole_of_every_county_is_not_a_handful_of_places():
    text = "到2024年底，全省58个县(市、区)高新技术企业总数达到2310家。"
    assert rows(text, region=None) == [("hte_count", 2024, 2310, "=", "")]


def test_a_breakdown_from_the_whole_is_not_one():
    text = "从区域经济规模看，2024年，全区地区生产总值为835.2亿元。"
    assert rows(text) == [("gdp", 2024, 835.2, "=", "海州区")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2024年全区完成技术合同认定登记成交额12.56亿元。", 12.56),
        ("全区技术合同登记9.8亿元，完成目标的120%。", 9.8),
        ("全区登记技术合同612项，成交额10.3亿元，同比增长8%。", 10.3),
        ("全区认定登记技术合同612项，同比增长8%；成交额达10.3亿元。", 10.3),
        ("全区技术合同成交总金额10.3亿元。", 10.3),
    ],
)
def test_the_ways_the_technology_contract_turnover_is_written(text, value):
    assert rows(text) == [("tech_contract_value", 2024, value, "=", "海州区")]


def test_values_listed_in_brackets_after_the_statistic_and_a_spelt_out_name_without_brackets():
    text = "从各区研发经费投入强度看，海州区(3.21%)、连云区(2.88%)和赣榆区(2.05%)位居前列。"
    assert [r[2] for r in rows(text, region=None)] == [3.21, 2.88, 2.05]
    text = "全区研究与试验发展R&D经费支出强度从2021年的2.6%提高到2024年的3.1%。"
    assert rows(text) == [
        ("rd_share_gdp", 2021, 2.6, "=", "海州区"),
        ("rd_share_gdp", 2024, 3.1, "=", "海州区"),
    ]


def test_a_comparison_year_does_not_carry_and_a_relative_year_opening_a_paragraph_does():
    text = "与2023年相较，2024年全区研发经费同比增长12%；研发经费投入强度为3.05%。"
    assert rows(text, year=None) == [("rd_share_gdp", 2024, 3.05, "=", "海州区")]
    text = "区长说，去年全区发展动能稳步壮大。研发经费投入强度达到3.2%左右。"
    assert rows(text, year=2025) == [("rd_share_gdp", 2024, 3.2, "~", "海州区")]


def test_traditional_characters_of_work_report_news():
    text = "全區研發經費支出相當于全區生產總值的比例達到3.2%,每萬人口高價值發明專利擁有量提高到20.5件。"
    assert rows(text) == [
        ("rd_share_gdp", 2024, 3.2, "=", "海州区"),
        ("hv_invention_patents_per_10k", 2024, 20.5, "=", "海州区"),
    ]


def test_a_table_whose_cells_only_spaces_keep_apart_as_a_pdf_text_layer_gives_it():
    text = (
        "表2 主要科技指标\n指标 2022年 2023年 2024年\n研发经费支出(万元) 21000 23500 26100\n"
        "技术合同成交额 亿元 3.2 4.1 5.0\n技术合同成交额年增长率(%) 12.5 28.1 22.0\n"
        "每万人口发明专利授权量 (件/万人) Invention patents granted per 10000 persons 1.2 1.5 1.9\n"
        "注：2024年为快报数。全区高新技术企业 88 家。"
    )
    assert sorted(rows(text, year=None)) == [
        ("hte_count", 2024, 88, "=", "海州区"),  # the note's own year, read as a sentence after the table
        ("rd_expenditure", 2022, 2.1, "=", "海州区"),
        ("rd_expenditure", 2023, 2.35, "=", "海州区"),
        ("rd_expenditure", 2024, 2.61, "=", "海州区"),
        ("tech_contract_value", 2022, 3.2, "=", "海州区"),
        ("tech_contract_value", 2023, 4.1, "=", "海州区"),
        ("tech_contract_value", 2024, 5.0, "=", "海州区"),
    ]


def test_a_row_of_four_digit_values_is_data_not_a_header_of_years():
    # found on the held-out real passages of round 3: a row of counts between 1000 and 9999 was taken as the
    # header, and the rows under it filed under years such as 1180
    text = (
        "表5 科技活动基本情况 | |||\n2022年 | 2023年 | 2024年 | |\n"
        "研发人员(人) | 1180 | 1848 | 2399 |\n研发经费支出(万元) | 21000 | 23500 | 26100 |"
    )
    assert sorted(rows(text, year=None)) == [
        ("rd_expenditure", 2022, 2.1, "=", "海州区"),
        ("rd_expenditure", 2023, 2.35, "=", "海州区"),
        ("rd_expenditure", 2024, 2.61, "=", "海州区"),
    ]
    spaced = "指标 2022年 2023年 2024年\n研发人员(人) 2010 2020 2030\n研发经费支出(万元) 21000 23500 26100"
    assert sorted(rows(spaced, year=None)) == sorted(rows(text, year=None))


@pytest.mark.parametrize(
    "text",
    [
        # found on the held-out real passages of round 3 (general forms, sentences of our own)
        "今年，全区将力争高新技术企业达到450家；技术合同年成交额保持在15亿元以上。",
        "全区规上高新技术企业由上年88家扩大到96家。",
        "全区五大主导产业技术合同成交额达到6.2亿元。",
        "全年新增市级以上双创载体3家。",
    ],
)
def test_targets_after_a_semicolon_parts_of_industries_and_batches_above_a_level(text):
    assert rows(text) == []


def test_thousand_hundred_millions_and_a_glossed_subject_of_the_turnover():
    assert rows("全区研发经费投入超过1千亿元。") == [("rd_expenditure", 2024, 1000, ">", "海州区")]
    text = "全区技術(shù)合同認定登記數達1400份,合同成交總金額26.9億元。"
    assert rows(text) == [("tech_contract_value", 2024, 26.9, "=", "海州区")]
    text = "全区高新技术产值占规上工业总产值比重73.9%。"
    assert rows(text) == [("hitech_output_share", 2024, 73.9, "=", "海州区")]


def test_a_share_of_the_provinces_total_and_a_past_yearly_average_before_a_semicolon():
    assert rows("全区高新技术产值占全省比重达到9.6%。") == []
    text = "2024年，全区研发经费投入达12.5亿元，年均增长12.2%；研发投入强度达3.23%。"
    assert rows(text) == [
        ("rd_expenditure", 2024, 12.5, "=", "海州区"),
        ("rd_share_gdp", 2024, 3.23, "=", "海州区"),
    ]


def test_a_table_titled_by_a_part_of_the_region_gives_no_regional_figures():
    part = "表6 规模以上工业企业科技活动情况\n指标 | 2023年 | 2024年\n研发经费支出(亿元) | 8.1 | 9.3"
    assert rows(part, year=None) == []
    whole = "表5 全社会科技活动情况\n指标 | 2023年 | 2024年\n研发经费支出(亿元) | 10.2 | 11.9"
    assert [r[1:3] for r in rows(whole, year=None)] == [(2023, 10.2), (2024, 11.9)]


def test_a_list_of_names_then_a_list_of_figures_and_lines_wrapped_inside_a_sentence():
    text = (
        "在区委、区政府坚强领导下，全区高新技术企业、科技型\n中小企业达 126 家 、 388 家,分别增长12%、20%。"
    )
    assert rows(text) == [
        ("hte_count", 2024, 126, "=", "海州区"),
        ("tech_smes", 2024, 388, "=", "海州区"),
    ]
    # a numbered heading is not joined to the paragraph under it
    text = "一、2024年全区主要经济指标完成情况总体良好\n全年实现地区生产总值835.2亿元,增长5%。"
    assert rows(text, year=None) == [("gdp", 2024, 835.2, "=", "海州区")]


# --- extract4: forms of the real passages of round 4 (sentences of our own) ------------------------------


def test_spaces_a_text_layer_puts_between_characters_and_figures():
    text = "2024 年全区 R&D 经费占 GDP 比重达 3.15%;全区技术合同成交额 12.6 亿元。"
    assert rows(text) == [
        ("rd_share_gdp", 2024, 3.15, "=", "海州区"),
        ("tech_contract_value", 2024, 12.6, "=", "海州区"),
    ]


def test_rd_spending_as_news_says_it_in_trillions():
    text = "2024年全省研发支出达0.12万亿元,占GDP比重为2.31%。"
    assert rows(text) == [
        ("rd_expenditure", 2024, 1200, "=", "海州区"),
        ("rd_share_gdp", 2024, 2.31, "=", "海州区"),
    ]


def test_a_share_held_above_a_level_for_several_years_is_a_bound():
    text = "全区研发经费占GDP比重连续3年保持在3%以上。"
    assert rows(text) == [("rd_share_gdp", 2024, 3, ">=", "海州区")]


def test_a_headline_restating_the_body_gives_each_figure_once():
    text = "全区高新技术企业达到96家\n区科技局消息,全区高新技术企业达到96家,同比增长9%。"
    assert rows(text) == [("hte_count", 2024, 96, "=", "海州区")]
    # the headline's bound is the body's exact figure rounded down: the exact one stays
    text = "全区技术合同成交额超12亿元\n据区科技局统计,全区技术合同成交额12.35亿元,同比增长8%。"
    assert rows(text) == [("tech_contract_value", 2024, 12.35, "=", "海州区")]


@pytest.mark.parametrize(
    "text",
    [
        "到今年年底,全区将认定80家高新技术企业。",  # what is to come
        "全区高新技术企业规模不断壮大,收入上亿企业数量达到35家。",  # a size class of the firms
        "截至今年,海州企业R&D经费投入完成2.3亿元,增长4.9%,占GDP比重0.9%。",  # the firms' part
        "全市12个高新区生产总值达1.2万亿元。",  # a number of zones: their sum, a part
    ],
)
def test_plans_size_classes_the_firms_part_and_a_number_of_zones_of_round_4(text):
    assert rows(text) == []


def test_pinyin_glosses_inside_the_words_around_a_figure():
    text = "全區研發(fā)經(jīng)費占GDP比重連續(xù)4年保持在3%以上。"
    assert rows(text) == [("rd_share_gdp", 2024, 3, ">=", "海州区")]


def test_the_base_year_of_a_multiple_is_not_the_figures_year():
    assert rows("全区高新技术企业总数达到305家,是2020年底的2.1倍。") == [
        ("hte_count", 2024, 305, "=", "海州区")
    ]
    # a headline without closing punctuation joins the body as a wrapped line: its base year stays its own
    text = "全区高新技术企业305家,是2020年的2.1倍\n记者获悉,全区高新技术企业总数达305家。"
    assert rows(text) == [("hte_count", 2024, 305, "=", "海州区")]


def test_grants_named_after_the_applications_of_invention_patents():
    text = "全年发明专利申请量为1200件,授权量为430件。"
    assert rows(text) == [("invention_patents_granted", 2024, 430, "=", "海州区")]
    # after all patents' applications, the grants are all patents', another statistic
    assert rows("全年专利申请量为3000件,授权量为1800件。") == []


def test_a_year_opening_a_sentence_carries_on_whatever_the_documents_year():
    text = "局长介绍,2023年,全区科技工作稳步推进。全区高新技术企业达到88家。"
    assert rows(text, year=2024) == [("hte_count", 2023, 88, "=", "海州区")]
    # a span of years or a comparison does not
    text = "2019-2023年,全区科技实力明显增强。全区高新技术企业达到88家。"
    assert rows(text, year=2024) == [("hte_count", 2024, 88, "=", "海州区")]
    text = "与2020年相比,全区科技实力明显增强。全区高新技术企业达到88家。"
    assert rows(text, year=2024) == [("hte_count", 2024, 88, "=", "海州区")]
    # the firms registered of a register named again are the same population, not a size class
    text = "全区自2020年开展评价工作以来,入库企业数量由2020年的20家增长到2023年的96家。"
    assert rows("科技型中小企业评价稳步推进," + text, year=2024) == [
        ("tech_smes", 2020, 20, "=", "海州区"),
        ("tech_smes", 2023, 96, "=", "海州区"),
    ]


def test_a_fall_or_rise_from_last_years_level_gives_both_years():
    text = "全区研发投入强度由上年的3.1%下降到2.9%。"
    assert rows(text) == [
        ("rd_share_gdp", 2023, 3.1, "=", "海州区"),
        ("rd_share_gdp", 2024, 2.9, "=", "海州区"),
    ]
    text = "全区高新技术企业由上年的310家减少到298家。"
    assert rows(text) == [
        ("hte_count", 2023, 310, "=", "海州区"),
        ("hte_count", 2024, 298, "=", "海州区"),
    ]


def test_thousand_hundred_millions_without_yuan_only_where_the_amount_ends_the_words():
    text = "去年全区技术合同成交额突破千亿,位次前移。"
    assert rows(text) == [("tech_contract_value", 2023, 1000, ">=", "海州区")]
    assert rows("全区技术合同成交额突破千亿大关。") == [("tech_contract_value", 2024, 1000, ">=", "海州区")]
    assert rows("全区研发投入打造十亿级创新集群3个。") == []


def test_a_short_place_name_and_its_year_after_such_as_is_a_part():
    text = "全市高新技术产业产值1.2万亿元,其中灌云2024年高新技术产业产值达到88亿元。"
    assert rows(text) == [("hitech_output_value", 2024, 12000, "=", "连云港市")]  # 全市 is the city
    # 其中 and a year, no place: the statistic itself (invention grants among all grants)
    text = "全年专利授权1000件,其中2024年发明专利授权120件。"
    assert rows(text) == [("invention_patents_granted", 2024, 120, "=", "海州区")]


# --- extract5: forms of the real passages of round 5 (sentences of our own) ------------------------------


def test_plan_words_in_the_name_of_an_office_whose_officer_speaks_are_not_a_plan():
    text = "省科技厅发展规划处负责人介绍,2024年全省技术合同成交额达到12.5亿元。"
    assert rows(text) == [("tech_contract_value", 2024, 12.5, "=", "海州区")]
    text = "区科技局计划科负责人说,全区研发投入强度为2.9%。"
    assert rows(text) == [("rd_share_gdp", 2024, 2.9, "=", "海州区")]
    assert rows("全区计划到2026年高新技术企业达到120家。") == []  # a plan still is one
    text = "省科技廳戰略規劃與政策法規處負責人告訴記者,2024年全省技術合同成交額達到12.5億元。"  # re-posted
    assert rows(text) == [("tech_contract_value", 2024, 12.5, "=", "海州区")]


def test_the_additions_word_of_a_lists_first_item_holds_for_its_bare_items():
    assert rows("全年新增国家高新技术企业35家、省科技型中小企业120家,均居全市第一。") == []
    assert rows("2024年,我区新认定省级工程技术研究中心5家,省级新型研发机构2家,认定数量为历年最多。") == []
    # an item with words of its own is not a bare item: the stock after the additions stays the stock
    text = "全区新增高新技术企业35家,高新技术企业总数达到210家。"
    assert rows(text) == [("hte_count", 2024, 210, "=", "海州区")]
    text = "全区高新技术企业210家、科技型中小企业480家。"  # no additions word: both stocks
    assert rows(text) == [("hte_count", 2024, 210, "=", "海州区"), ("tech_smes", 2024, 480, "=", "海州区")]


def test_figures_after_respectively_over_places_outside_the_catalogue_are_parts():
    text = "海口市、三亚市、澄迈县技术合同成交额分别为36亿元、12亿元、8亿元。"
    assert rows(text) == []  # the first is Haikou's, not the region's
    text = (
        "去年苏南、苏中、苏北高新技术产业产值增幅分别为9.0%、12.3%、18.5%,"
        "占规上工业的比重分别为52.3%、49.8%、41.1%。"
    )
    assert rows(text) == []
    # catalogue regions are still paired one by one, and a list of statistics is not a list of parts
    text = "灌南县、灌云县高新技术企业分别为88家、95家。"
    assert rows(text) == [("hte_count", 2024, 88, "=", "灌南县"), ("hte_count", 2024, 95, "=", "灌云县")]
    text = "全区高新技术企业、科技型中小企业分别达到210家、480家。"
    assert rows(text) == [("hte_count", 2024, 210, "=", "海州区"), ("tech_smes", 2024, 480, "=", "海州区")]


@pytest.mark.parametrize(
    "text",
    [
        "四类技术合同中,技术服务合同以36.4亿元成交额居首,同比增长7%。",  # one kind of contract
        "全区涉及知识产权的技术合同成交额4.6亿元,占技术合同成交总额的37%。",  # the IP-related subset
    ],
)
def test_a_kind_of_contract_and_the_ip_related_contracts_are_parts_of_the_turnover(text):
    assert rows(text) == []


def test_the_whole_turnover_beside_its_kinds_and_ip_related_part_is_kept():
    text = (
        "全区登记技术合同812项,成交额12.3亿元;"
        "技术开发、技术服务两类合同分别登记310项、295项,成交额5.1亿元、4.2亿元。"
    )
    assert rows(text) == [("tech_contract_value", 2024, 12.3, "=", "海州区")]
    text = "全区签订涉及知识产权的技术合同210项,成交额4.6亿元;全区技术合同成交额12.3亿元。"
    assert rows(text) == [("tech_contract_value", 2024, 12.3, "=", "海州区")]


def test_a_part_of_the_year_after_a_news_lead_holds_for_the_clauses_and_paragraphs_after_it():
    text = "记者从区科技局获悉,今年1-5月,全区登记技术合同312项;成交额达4.6亿元、同比增长21%。"
    assert rows(text) == []
    text = "记者获悉,今年1-5月,全区技术合同交易情况良好。\n一是总量增长。全区技术合同成交额达4.6亿元。"
    assert rows(text) == []
    # the whole year named again is the year's
    text = "记者获悉,今年1-5月,全区技术合同交易情况良好。\n全年技术合同成交额预计达到12亿元。"
    assert rows(text) == [("tech_contract_value", 2024, 12, "=", "海州区")]


def test_last_year_in_a_news_lead_holds_for_the_paragraphs_after_it():
    text = "去年,全区科技创新取得新进展。\n全区高新技术企业达到96家,技术合同成交额11.2亿元。"
    assert rows(text) == [
        ("hte_count", 2023, 96, "=", "海州区"),
        ("tech_contract_value", 2023, 11.2, "=", "海州区"),
    ]
    # a heading's year dates the document, not the paragraphs after it
    text = "2025年海州区政府工作报告\n过去一年,全区技术合同成交额9.6亿元。"
    assert rows(text, year=None) == [("tech_contract_value", 2024, 9.6, "=", "海州区")]


def test_invention_patents_among_the_grants_just_named_are_the_invention_grants():
    text = "2024年,全区专利授权量达1210件,其中代表创新质量的发明专利168件,同比增长21%。"
    assert rows(text) == [("invention_patents_granted", 2024, 168, "=", "海州区")]
    assert rows("全区专利申请量达2100件,其中发明专利760件。") == []  # among applications: applications


def test_several_places_as_the_subject_of_a_sentence_own_the_figures_of_its_subjectless_clauses():
    text = "长三角地区四省市表现出强劲的上升势头,技术合同成交额为4624.9亿元,占全国的20.6%。"
    assert rows(text) == []
    text = "全区科技创新表现强劲,技术合同成交额为4.6亿元。"  # the region itself as subject
    assert rows(text) == [("tech_contract_value", 2024, 4.6, "=", "海州区")]


@pytest.mark.parametrize(
    "text",
    [
        "日前,省高新技术企业认定机构同意甲公司等312家企业认定为高新技术企业。",  # certified in a batch
        "区科技局组织高新技术企业产品备案,全区19家企业45个产品获批。",  # approved in a batch
        "全区申请复审的93家高新技术企业全部通过。",  # applicants
    ],
)
def test_firms_going_through_a_procedure_are_a_batch_not_the_stock(text):
    assert rows(text) == []


def test_the_stock_beside_firms_picked_from_it_is_kept():
    text = "全区共有312家高新技术企业,其中86家企业入选省百强。"
    assert rows(text) == [("hte_count", 2024, 312, "=", "海州区")]


def test_flows_in_a_paragraph_opened_by_several_years_are_totals_over_them():
    text = "两年来,全区新增高新技术企业6家,高新技术企业共95家。全区专利授权数448件,其中发明专利79件。"
    assert rows(text) == [
        ("hte_count", 2024, 95, "=", "海州区")
    ]  # the stock stands; the grants are two years'
    text = "三年来,全区创新能力持续提升。2024年,全区技术合同成交额12.1亿元。"  # one year named again
    assert rows(text) == [("tech_contract_value", 2024, 12.1, "=", "海州区")]


def test_a_yearbook_table_with_places_as_columns_kept_apart_by_spaces():
    text = (
        "表5 分县区科技基本情况\n \n  单位   甲城区 乙山县 丙河县\n年末拥有高新技术企业 120 61 35 24\n"
        "  经认定登记的技术合同成交金额 万元 56000 31000 15500 9500\n  本年专利申请量 1500 800 400 300"
    )
    # the column without a title is the whole (the region given); the count takes its unit (家)
    assert rows(text, year=2023) == [
        ("hte_count", 2023, 120, "=", "海州区"),
        ("hte_count", 2023, 61, "=", "甲城区"),
        ("hte_count", 2023, 35, "=", "乙山县"),
        ("hte_count", 2023, 24, "=", "丙河县"),
        ("tech_contract_value", 2023, 5.6, "=", "海州区"),
        ("tech_contract_value", 2023, 3.1, "=", "甲城区"),
        ("tech_contract_value", 2023, 1.55, "=", "乙山县"),
        ("tech_contract_value", 2023, 0.95, "=", "丙河县"),
    ]


def test_the_places_listed_in_the_clause_before_respectively_are_parts():
    text = (
        "2024年全区技术合同成交金额前三名的街道分别是新浦街道、浦东街道、洪门街道,"
        "技术合同成交金额分别为3.6亿元、1.5亿元、0.8亿元。"
    )
    assert rows(text) == []


def test_applicants_and_those_of_them_passing_a_check_are_batches_on_reposted_pages():
    text = "我区申請復審的52家高新技術企業中51家通過核查,至此全区高新技术企业达到318家。"
    assert rows(text) == [("hte_count", 2024, 318, "=", "海州区")]


def test_a_yearbooks_technology_turnover_without_the_word_contract():
    assert rows("全区经认定登记的技术成交金额16666万元。") == [
        ("tech_contract_value", 2024, 1.6666, "=", "海州区")
    ]


# --- extract6: forms of the real passages of round 6 (sentences of our own) ------------------------------


def test_a_figure_ranked_among_the_regions_parts_is_one_parts_figure():
    text = "从技术合同成交额来看,东湖市以12.6亿元居各地区之首,西岭市以8.1亿元位居各县区第二。"
    assert rows(text) == []
    text = "全区技术合同成交额24.5亿元,其中东湖街道以6.2亿元位居全区各街道首位。"
    assert rows(text) == [("tech_contract_value", 2024, 24.5, "=", "海州区")]


def test_the_firms_rd_with_a_time_word_between_is_a_part():
    assert rows("全区新增科技小巨人企业6家,企业当年研发投入2.3亿元。") == []
    assert rows("全区当年研发投入2.3亿元。") == [("rd_expenditure", 2024, 2.3, "=", "海州区")]


@pytest.mark.parametrize(
    "text",
    [
        "近日,全国高企认定办复函省认定机构,全省第二批171家企业获国家高新技术企业备案。",
        "截至目前,今年我区高企认定共组织申报三批次,预计通过认定企业超过90家。",
    ],
)
def test_firms_filed_or_certified_in_a_batch_are_not_the_stock(text):
    assert rows(text) == []


def test_net_growth_after_a_stock_compared_with_a_named_year_is_the_net_additions():
    text = "至此,全区高新技术企业总数达到246家,较2023年净增长41家,增长率20%。"
    assert rows(text) == [("hte_count", 2024, 246, "=", "海州区"), ("hte_net_new", 2024, 41, "=", "海州区")]
    text = "全区高新技术企业总数达到246家,三年净增长41家。"  # several years: not one year's additions
    assert rows(text) == [("hte_count", 2024, 246, "=", "海州区")]


def test_a_dateline_opens_a_news_item_whose_time_is_its_own():
    text = "2023年,全区技术市场运行平稳。\n另讯 12月5日,区科技局发布消息,全区高新技术企业总数达到246家。"
    assert rows(text) == [("hte_count", 2024, 246, "=", "海州区")]
    # without a dateline the year of the paragraph before still holds
    text = "2023年,全区技术市场运行平稳。\n区科技局发布消息,全区高新技术企业总数达到246家。"
    assert rows(text) == [("hte_count", 2023, 246, "=", "海州区")]


def test_the_year_after_a_news_lead_opens_the_sentence_and_carries_on():
    text = (
        "9月3日,记者从区统计局获悉,2024年,全区研究与试验发展经费投入保持较快增长。"
        "全区共投入研究与试验发展经费18.4亿元。"
    )
    assert rows(text, year=2025) == [("rd_expenditure", 2024, 18.4, "=", "海州区")]


def test_a_figureless_clause_lends_the_start_of_a_name_to_the_clause_of_the_figure():
    text = "区科技局资料显示,2024年,全区高新技术产业总体运行良好,全年实现总产值402.5亿元,增加值126亿元。"
    assert rows(text, year=2025) == [("hitech_output_value", 2024, 402.5, "=", "海州区")]
    # a clause with a subject of its own borrows nothing
    assert rows("全区高新技术产业发展提速,规上工业实现产值402.5亿元。") == []


def test_rd_intensity_defined_against_revenue_is_not_the_share_of_gdp():
    text = (
        "全区规模以上工业企业研究与试验发展经费为12.3亿元;研究与试验发展经费投入强度(与营业收入之比)为1.52%。"
    )
    assert rows(text) == []
    text = "全区研究与试验发展经费投入强度(与地区生产总值之比)为2.52%。"
    assert rows(text) == [("rd_share_gdp", 2024, 2.52, "=", "海州区")]


def test_growth_to_the_level_of_now_is_the_documents_years():
    text = "2021年,全区研发投入为4.7亿元。\n在企业培育方面,全区高新技术企业从2017年69家增长到如今141家。"
    assert rows(text) == [
        ("rd_expenditure", 2021, 4.7, "=", "海州区"),
        ("hte_count", 2017, 69, "=", "海州区"),
        ("hte_count", 2024, 141, "=", "海州区"),
    ]


def test_figures_dated_after_the_documents_year_are_targets():
    text = (
        "2026年,全区将力争实现研发投入强度达到3.5%。\n"
        "为保障实现这一目标,全区将加快发展。高新技术企业数量达到400家以上。"
    )
    assert rows(text) == []


def test_firms_that_passed_the_smes_evaluation_are_the_registers_count():
    text = "截至目前,预计高企总数达300家以上;1260户企业通过国家科技型中小企业评价,同比增长8%。"
    assert rows(text) == [("hte_count", 2024, 300, ">=", "海州区"), ("tech_smes", 2024, 1260, "=", "海州区")]
    assert rows("全区共有486家企业通过科技型中小企业评价入库。") == [("tech_smes", 2024, 486, "=", "海州区")]
    assert rows("全区126家企业通过高新技术企业认定。") == []  # a batch certified, as before


# --- extract7: forms of round 6's held-out passages, after they were seen (sentences of our own) ---------


def test_rd_funding_intensity_is_the_rd_share_of_gdp():
    text = "全区研发经费强度(研发经费与地区生产总值的比例)为2.71%。"
    assert rows(text) == [("rd_share_gdp", 2024, 2.71, "=", "海州区")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "随着科技企业倍增计划的深入推进,到2023年底,全区已有86家科技型企业和37家高新技术企业。",
            [("hte_count", 2023, 37, "=", "海州区")],
        ),
        ("通过实施“育苗”培育计划,全区科技型中小企业达到412家。", [("tech_smes", 2024, 412, "=", "海州区")]),
    ],
)
def test_a_plan_carried_out_is_the_means_of_the_results_not_a_target(text, expected):
    assert rows(text) == expected


def test_a_plan_still_to_be_carried_out_sets_targets():
    assert rows("全区将实施培育计划,高新技术企业达到200家。") == []
    assert rows("通过实施培育计划,力争高新技术企业达到200家。") == []


def test_the_total_of_applications_is_not_the_stock():
    assert rows("全区高新技术企业稳步增长,2024年,全区申报总量达到74家,创历史新高。") == []
    # 总数 after the additions is still the stock
    assert rows("全区净增高新技术企业46家,总数达到312家。") == [
        ("hte_net_new", 2024, 46, "=", "海州区"),
        ("hte_count", 2024, 312, "=", "海州区"),
    ]


def test_a_year_an_earlier_sentence_named_does_not_make_a_past_year_a_target():
    text = "2022年,全区专利综合指数升至全市第3位。到2023年底,全区高新技术企业达到128家,比五年前增长60%。"
    assert rows(text) == [("hte_count", 2023, 128, "=", "海州区")]
    # a year after the document's is still a target
    assert rows("2022年,全区专利综合指数升至全市第3位。到2026年底,全区高新技术企业达到200家。") == []


def test_a_batch_certified_before_the_name_is_not_the_stock():
    assert rows("其中,南岗镇认定2家高企、北湖乡认定1家高企,实现零的突破。") == []
    assert rows("全区新增5家高新技术企业。") == []
    # the certified so far, or a stock, before the name
    assert rows("全区累计认定312家高新技术企业。") == [("hte_count", 2024, 312, "=", "海州区")]
    assert rows("全区拥有312家高新技术企业。") == [("hte_count", 2024, 312, "=", "海州区")]


def test_a_list_whose_items_end_on_a_figure_is_not_one_wrapped_sentence():
    text = (
        "2024年\n"
        "全区研发经费投入12.8亿元,比上年增加1.4亿元,增长12.3%\n"
        "全区高新技术企业达171家,占全市约35%\n"
        "截至目前\n"
        "全区累计拥有市级以上工程技术研究中心41家,占全市32%"
    )
    assert rows(text) == [
        ("rd_expenditure", 2024, 12.8, "=", "海州区"),
        ("hte_count", 2024, 171, "=", "海州区"),
    ]


def test_a_wrapped_sentence_still_joins_after_a_figure():
    text = "2024年全区高新技术企业数量达到171家\n,比上年净增22家,增长14.8%。"
    assert join_wrapped_lines(text) == "2024年全区高新技术企业数量达到171家,比上年净增22家,增长14.8%。"
    text = "全区高新技术企业和科技型中小企业分别达到171家\n和620家,均创历史新高。"
    assert "\n" not in join_wrapped_lines(text)


def test_a_pages_line_of_particulars_is_not_joined_to_the_body():
    text = (
        "区科技局:我区新增高新技术企业9家\n"
        "发布机构:区科技局 发布时间:2024-01-12\n"
        "经审核备案,2023年我区认定通过高新技术企业9家。目前全区高新技术企业达到131家。"
    )
    assert rows(text) == [("hte_count", 2023, 131, "=", "海州区")]


def test_the_year_argument_is_the_year_under_review_for_past_year_and_counts_back_for_last_year():
    # --year is the year the document reports on: 过去一年 (the year a review looks back on) is that year;
    # 去年/上年 count back from it, as in a bulletin, unless the document's heading dates it
    assert rows("过去一年,全区技术合同成交额达到14.2亿元。", year=2024) == [
        ("tech_contract_value", 2024, 14.2, "=", "海州区")
    ]
    assert rows("去年全区技术合同成交额为12.1亿元。", year=2024) == [
        ("tech_contract_value", 2023, 12.1, "=", "海州区")
    ]
    text = "2025年海州区人民政府工作报告\n过去一年,全区技术合同成交额9.6亿元。去年全区研发投入强度为3.81%。"
    assert rows(text, year=2024) == [
        ("tech_contract_value", 2024, 9.6, "=", "海州区"),
        ("rd_share_gdp", 2024, 3.81, "=", "海州区"),
    ]


def test_a_title_restating_a_body_figure_of_another_year_is_not_a_second_figure():
    text = "东城区每万人口发明专利拥有量38.2件\n记者获悉,截至2024年底,全区每万人口发明专利拥有量达38.2件。"
    assert rows(text, year=2025) == [("invention_patents_per_10k", 2024, 38.2, "=", "海州区")]
    text = "全区科技型中小企业突破1200家\n2024年,全区科技型中小企业评价入库1236家,同比增长20%。"
    assert rows(text, year=2025) == [("tech_smes", 2024, 1236, "=", "海州区")]
    # a title's figure the body does not state is kept
    text = "全区高新技术企业达到312家\n全区科技工作会议召开。"
    assert rows(text, year=2025) == [("hte_count", 2025, 312, "=", "海州区")]


@pytest.mark.parametrize("went", ["增长到了去年的160家", "增长到去年的160家", "增长到了2024年的160家"])
def test_a_level_reached_by_last_year_after_a_start_is_read(went):
    text = f"全区高新技术企业从2021年的60家{went}。"
    assert rows(text, year=2025) == [
        ("hte_count", 2021, 60, "=", "海州区"),
        ("hte_count", 2024, 160, "=", "海州区"),
    ]


# --- extract8: scope, the subject a figure's clause has or inherits (sentences of our own) ---------------


@pytest.mark.parametrize(
    "text",
    [
        # a counted group in the sentence's first clause is the subject of the figures after it
        "围绕生物医药、新材料等领域组建的12家区级企业研发中心,全年新增研发投入0.6亿元,技术合同成交额3200万元。",
        # a field and the firms as the subjects of the clauses after a colon and a semicolon
        "全区技术交易呈现两大特点:先进制造领域技术交易活跃,成交额达到4.2亿元;企业法人保持主体地位,技术合同成交额7.6亿元。",
        # a size class: the population qualified by a figure
        "全区营业收入超5亿元的高新技术企业26家,占比12.4%。",
        # the firms' R&D, even under the whole's name (全区…企业)
        "全区科技型中小企业总体研发投入8.6亿元,同比增长15%。",
        # a figure-less sentence opening on the firms lends them to the next sentence's subjectless figure
        "企业创新活力持续增强。研发经费投入5.4亿元,占全区的七成。",
    ],
)
def test_a_figure_whose_subject_is_a_part_is_not_the_regions(text):
    assert rows(text) == []


def test_a_heading_naming_a_part_scopes_the_list_lines_under_it():
    text = (
        "2024年,全区研发经费投入强度为2.85%,较上年提高0.2个百分点,在全市位次前移。\n区域发展特点\n"
        "●东部片区引领作用突出\n研发经费投入强度高达3.90%,高于全区平均水平1.05个百分点\n每万人口发明专利拥有量41.5件"
    )
    assert rows(text) == [("rd_share_gdp", 2024, 2.85, "=", "海州区")]
    # a paragraph in prose ends the heading's scope
    text = "●东部片区引领作用突出\n东部片区研发活跃。\n全区每万人口发明专利拥有量41.5件。"
    assert rows(text) == [("invention_patents_per_10k", 2024, 41.5, "=", "海州区")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the whole named after a part's words speaks for the whole again
        (
            "在培育创新型企业方面,全区科技型中小企业入库530家,高新技术企业达到188家。",
            [("tech_smes", 2024, 530, "=", "海州区"), ("hte_count", 2024, 188, "=", "海州区")],
        ),
        # a clause that states a figure of its own is a sibling, not the next clause's subject
        (
            "全区拥有科研院所6家、重点实验室14家,高新技术企业152家。",
            [("hte_count", 2024, 152, "=", "海州区")],
        ),
        # an item listed before the statistic is no subject of it
        (
            "全区已有86家科技型企业和37家高新技术企业。",
            [("hte_count", 2024, 37, "=", "海州区")],
        ),
        # populations are parts of amounts summed over units, not of what firms are counted for
        ("全年挖掘企业有效技术需求215项。", [("tech_demands", 2024, 215, "=", "海州区")]),
        # a zone the document opens with is its own subject
        (
            "青石科技园区2024年发展概况\n截至2024年底,青石科技园区拥有高新技术企业82家。",
            [("hte_count", 2024, 82, "=", "海州区")],
        ),
    ],
)
def test_the_whole_and_its_own_subjects_keep_their_figures(text, expected):
    assert rows(text) == expected


# --- extract8: time beyond one sentence (sentences of our own) -------------------------------------------


def test_the_year_a_news_lead_names_dates_the_lede_before_it_and_the_body_after_it():
    text = (
        "全区高新技术企业保有量达到236家,技术合同成交额8.4亿元……昨日,记者从区科技局获悉,去年,全区科技创新成果丰硕。\n"
        "在培育科技企业方面,全区科技型中小企业入库318家,高新技术企业保有量达到236家。"
    )
    assert rows(text, year=2025) == [
        ("hte_count", 2024, 236, "=", "海州区"),
        ("tech_contract_value", 2024, 8.4, "=", "海州区"),
        ("tech_smes", 2024, 318, "=", "海州区"),
    ]
    # a part of the year named by the lead is not a year of the document's figures
    assert rows("记者从区科技局获悉,今年1-5月,全区技术合同成交额3.1亿元。", year=2025) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the years of the series in the sentence before hold for the next series without years of its own
        (
            "十年来,全区创新能力明显增强。综合创新指数从2014年的52.1%提高到2023年的68.4%。技术合同成交额从3.2亿元增长到18.6亿元。",
            [
                ("tech_contract_value", 2014, 3.2, "=", "海州区"),
                ("tech_contract_value", 2023, 18.6, "=", "海州区"),
            ],
        ),
        # a range of years over a series
        (
            "2019—2023年,全区高新技术企业由48家增长到131家。",
            [("hte_count", 2019, 48, "=", "海州区"), ("hte_count", 2023, 131, "=", "海州区")],
        ),
        # a plan period's end is its last year; 目前 is the document's year
        (
            "全区研发经费投入强度从“十三五”末的1.62%提升到目前的2.05%。",
            [("rd_share_gdp", 2020, 1.62, "=", "海州区"), ("rd_share_gdp", 2024, 2.05, "=", "海州区")],
        ),
        # a period compared with is no time of the figure
        (
            "全区研发经费投入强度达到2.3%,较“十三五”末提高0.5个百分点。",
            [("rd_share_gdp", 2024, 2.3, "=", "海州区")],
        ),
        # without years anywhere the start of a change stays unread
        ("全区高新技术企业由48家增长到131家。", [("hte_count", 2024, 131, "=", "海州区")]),
        # a series' starting year opening a sentence does not carry on; a sentence between ends the series
        (
            "综合创新指数从2014年的52.1%提高到2023年的68.4%。全区高新技术企业达到131家。技术合同成交额从3.2亿元增长到18.6亿元。",
            [("hte_count", 2024, 131, "=", "海州区"), ("tech_contract_value", 2024, 18.6, "=", "海州区")],
        ),
    ],
)
def test_a_series_takes_the_years_named_for_it(text, expected):
    assert rows(text) == expected


# --- extract8: status, a batch the sentence names (sentences of our own) ---------------------------------


def test_firms_of_a_batch_named_with_their_statistic_are_not_the_stock():
    assert rows("市科技局发布2024年第三批科技型中小企业入库名单,全区46家企业入库。") == []
    # the stock's own words keep it
    assert rows("全区高企认定共组织申报两批次,高新技术企业总数达到210家。") == [
        ("hte_count", 2024, 210, "=", "海州区")
    ]
    # a batch named in another clause, of something else, leaves the figure alone
    assert rows("全区完成第一批培育企业辅导,科技型中小企业入库420家。") == [
        ("tech_smes", 2024, 420, "=", "海州区")
    ]


# --- extract8: a confidence per candidate, so that doubtful rows are reviewed first ------------------------


def confidence(text: str, year: int = 2024) -> list[tuple]:
    frame = extract_text(text, region="海州区", year=year)
    return [(r.indicator, r.value, r.confidence) for r in frame.itertuples()]


def test_a_figure_read_plainly_has_high_confidence():
    assert confidence("2024年,全区高新技术企业达到131家。") == [("hte_count", 131, "high")]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # a level in a review of several years may be of the latest full year, not the document's
        ("十年来,全区研发经费投入强度提高0.3个百分点、达到2.35%。", "a review of several years"),
        # a year that comes from a series named in the sentence before
        (
            "综合创新指数从2014年的52.1%提高到2023年的68.4%。技术合同成交额从3.2亿元增长到18.6亿元。",
            "the series'",
        ),
        # the sentence before opened on a part and stated figures of its own
        (
            "2024年,全区高新技术企业达到131家。\n东部片区研发经费投入3.1亿元,增长12%。研发经费投入强度达到2.9%。",
            "a part (片区)",
        ),
    ],
)
def test_a_doubtful_figure_says_why_it_should_be_reviewed_first(text, reason):
    doubtful = [c for _, _, c in confidence(text) if c != "high"]
    assert doubtful and all(c.startswith("review: ") for c in doubtful)
    assert any(reason in c for c in doubtful)


def test_the_review_file_opens_a_doubtful_rows_note_with_review_first(tmp_path):
    text = (
        "2024年海州区科技工作总结\n十年来,全区研发经费投入强度提高0.3个百分点、达到2.35%。\n"
        "全区高新技术企业达到131家。\n"
    )
    (tmp_path / "summary.txt").write_text(text, encoding="utf-8")
    result = extract_cli(tmp_path, "summary.txt", out="r.csv")
    assert result.returncode == 0, result.stderr
    notes = dict(
        zip(
            *[pd.read_csv(tmp_path / "r.csv", encoding="utf-8-sig")[c] for c in ("indicator", "note")],
            strict=True,
        )
    )
    assert notes["rd_share_gdp"].startswith("review first (a review of several years")
    assert notes["hte_count"].startswith("extracted, review before use: ")


PART_SENTENCES = [
    "从技术交易主体看,企业占据主导地位,企业登记合同2310项,技术合同成交额6.2亿元。",
    "全区技术合同成交额达到12.4亿元。其中,青石街道技术合同成交额3.1亿元,居各街道首位。",
    "东部3个街道合计实现技术合同成交额5.6亿元,占全区的45%。",
    "全区上市的高新技术企业9家,较上年增加2家。",
    "全区营业收入亿元以上的高新技术企业33家,较上年增加5家。",
    "全区三大主导产业技术合同成交额达到4.8亿元,占全区总额的四成。",
    "全区流向外省的技术合同成交额2.7亿元,同比增长12%。",
    "全区科技型中小企业总体研发投入8.6亿元,同比增长15%。",
]
WHOLE_ONLY = {1: [("tech_contract_value", 2024, 12.4, "=", "海州区")]}


@pytest.mark.parametrize("index", range(len(PART_SENTENCES)))
def test_the_subject_machinery_alone_reads_the_parts_the_per_form_rules_were_written_for(index, monkeypatch):
    # the per-form part rules switched off (a list of part words before one statistic, several places,
    # 其中 and a place, a breakdown opening the sentence, a size class after a comma, a rank among the parts)
    import re

    from hzanalysis.extract import filters, mentions, sentences

    never = re.compile(r"(?!x)x")
    for module, name in [
        (mentions, "SUBSET_BEFORE_RE"),
        (mentions, "SEVERAL_PLACES_RE"),
        (mentions, "PLACE_AFTER_SUCH_AS_RE"),
        (sentences, "BREAKDOWN_RE"),
        (filters, "_SIZE_CLASS_RE"),
        (filters, "_RANK_AMONG_PARTS_RE"),
    ]:
        monkeypatch.setattr(module, name, never)
    monkeypatch.setattr(mentions, "FIRMS_PART_OF", frozenset())
    assert rows(PART_SENTENCES[index]) == WHOLE_ONLY.get(index, [])


def test_a_statistic_right_after_qizhong_is_that_statistic_and_a_catalogue_region_is_its_own():
    assert rows("规模以上工业总产值512.3亿元,其中高新技术产业产值338.6亿元。") == [
        ("above_scale_industrial_output", 2024, 512.3, "=", "海州区"),
        ("hitech_output_value", 2024, 338.6, "=", "海州区"),
    ]
    assert rows("全市高新技术企业达到1123家,其中海州区298家。") == [
        ("hte_count", 2024, 1123, "=", "连云港市"),
        ("hte_count", 2024, 298, "=", "海州区"),
    ]


# --- lead, fifth session: a breakdown in brackets after the total (round 8, a zone pair's news) ----------


def test_figures_in_brackets_after_a_total_are_its_parts_even_of_the_documents_own_zones():
    # the document opens on the two zones, so neither is a part by name; the brackets after each total
    # break it down: only the totals are the region's figures
    text = (
        "东园高新区、西园高新区在全国高新区评价中排名分别上升5位和1位。\n"
        "据统计,2020年青石自创区地区生产总值预计达到420亿元(东园高新区292亿元、西园高新区128亿元),"
        "现有高新技术企业436家(东园高新区365家、西园高新区71家)。"
    )
    # and a zone named inside a breakdown before a figure is no scope of that figure: 436 stays the
    # region's (main filed it under the catalogue zone 连云港高新区: the bracket holds its short name)
    assert sorted(rows(text, year=2020)) == [
        ("gdp", 2020, 420.0, "=", "海州区"),
        ("hte_count", 2020, 436.0, "=", "海州区"),
    ]


def test_a_bracket_that_follows_no_figure_is_no_breakdown():
    # the statistic's definition in brackets, then the figure: still the region's
    assert one("2024年,全区研发经费投入强度(研发经费与地区生产总值之比)为2.85%。") == (
        "rd_share_gdp",
        2024,
        2.85,
        "=",
        "海州区",
    )


# --- lead, fifth session: 年均 of years gone by is no target (round 8: a from–to after the yearly rate) -----


def test_a_yearly_rate_over_years_gone_by_does_not_make_the_series_after_it_a_target():
    text = "全区技术合同成交额年均增长2亿元以上,从2019年的6.5亿元增加到2024年的15.8亿元。"
    assert rows(text) == [
        ("tech_contract_value", 2019, 6.5, "=", "海州区"),
        ("tech_contract_value", 2024, 15.8, "=", "海州区"),
    ]


def test_a_yearly_rate_toward_a_later_year_is_still_a_target():
    # the same words aimed at 2027 in a document of 2024: a plan, nothing observed
    assert rows("全区技术合同成交额年均增长2亿元以上,到2027年达到22亿元。") == []


# --- extract9: subjects and values listed in order, only some of the subjects in the catalogue ----------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the statistic is the second of two industries: its value is the second, not the first
        (
            "2024年,全区规上工业中战略性新兴产业、高新技术产业产值占比分别提高到36.2%和44.8%。",
            [("hitech_output_share", 2024, 44.8, "=", "海州区")],
        ),
        # without 分别: a list of figures after a list of names pairs up all the same
        ("全区专精特新企业、高新技术企业达到46家、213家。", [("hte_count", 2024, 213.0, "=", "海州区")]),
        # the statistic first in the list keeps the first value
        ("全区高新技术企业和专精特新企业分别达到213家和46家。", [("hte_count", 2024, 213.0, "=", "海州区")]),
    ],
)
def test_a_statistic_among_listed_subjects_takes_the_value_at_its_own_place(text, expected):
    assert rows(text) == expected


def test_populations_listed_before_a_statistic_are_its_parts_not_parallel_subjects():
    # 企业 and 高校 are not parallel to 研发经费投入 (no head noun in common): both values are parts'
    assert rows("全区企业、高校研发经费投入分别为9.2亿元和1.1亿元。") == []


def test_a_value_list_longer_than_the_subjects_is_not_paired():
    # three values for two subjects: the lists do not pair, the ordinary reading (first value) stands
    assert rows("全区专精特新企业、高新技术企业达到46家、213家、12家。") == [
        ("hte_count", 2024, 46.0, "=", "海州区")
    ]


# --- extract9: a share whose statistic is elided: the one the clause or sentence before named -------------


def test_a_share_after_a_semicolon_is_the_share_of_the_statistic_before():
    text = (
        "2024年,全区研发经费投入达到14.6亿元,比上年增长11%;"
        "占地区生产总值比重达到2.73%,比上年提高0.12个百分点。"
    )
    assert rows(text) == [
        ("rd_expenditure", 2024, 14.6, "=", "海州区"),
        ("rd_share_gdp", 2024, 2.73, "=", "海州区"),
    ]
    frame = extract_text(text, region="海州区", year=2024)
    assert frame.loc[frame.indicator == "rd_share_gdp", "confidence"].item().startswith("review:")


def test_the_share_of_high_tech_output_after_a_semicolon():
    assert rows("2024年,全区高新技术产业产值412亿元,增长9.5%;占规上工业总产值比重达到47.3%。") == [
        ("hitech_output_value", 2024, 412.0, "=", "海州区"),
        ("hitech_output_share", 2024, 47.3, "=", "海州区"),
    ]


@pytest.mark.parametrize(
    "text",
    ["全区研发经费投入14.6亿元,同比增长11%,投入强度2.73%。", "全区研发经费投入14.6亿元;投入强度2.73%。"],
)
def test_a_bare_intensity_after_the_rd_amount_is_the_rd_share_of_gdp(text):
    assert rows(text) == [
        ("rd_expenditure", 2024, 14.6, "=", "海州区"),
        ("rd_share_gdp", 2024, 2.73, "=", "海州区"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # another statistic between: the share is not R&D's (and 占全市 is a share of the city's total)
        "2024年,全区研发经费投入14.6亿元;高新技术企业213家;占全市比重为18%。",
        "2024年,全区研发经费投入14.6亿元;占全市的比重为12%。",
    ],
)
def test_a_share_after_another_statistic_or_of_another_whole_is_not_the_rd_share(text):
    assert [row[0] for row in rows(text)] in (["rd_expenditure", "hte_count"], ["rd_expenditure"])
    assert "rd_share_gdp" not in [row[0] for row in rows(text)]


def test_the_intensity_after_the_firms_rd_is_not_the_regions():
    assert rows("全区科技型中小企业研发投入3.2亿元;投入强度4.1%。") == []


# --- extract9: a part of the year in the title; a stock as it stands now is no part of the year ----------


@pytest.mark.parametrize(
    "text",
    [
        "全区1至11月科技创新工作综述\n全区技术合同成交额达到12.5亿元,同比增长20%。",
        "一季度全区科技工作情况\n全区高新技术产业产值86亿元,同比增长10.5%。",
        # a stock at the end of a month is that month's (截至3月底 names a part of the year itself)
        "一季度全区科技工作情况\n全区高新技术产业产值86亿元。截至3月底,全区有效高新技术企业215家。",
    ],
)
def test_a_part_of_the_year_named_in_the_title_dates_the_bodys_figures(text):
    assert rows(text) == []


def test_a_body_sentence_naming_a_whole_year_overrides_the_titles_part():
    assert rows("上半年工作总结\n2023年,全区高新技术企业达到215家。") == [
        ("hte_count", 2023, 215.0, "=", "海州区")
    ]


def test_a_stock_stated_as_it_stands_now_is_no_part_of_the_year():
    # the firms on record now are the stock; the tech-SME register, evaluated anew each year, is not yet the
    # year's count
    text = "一季度,全区高新技术产业产值增长12%。目前,全区有效高新技术企业达到215家,科技型中小企业入库320家。"
    assert rows(text) == [("hte_count", 2024, 215.0, "=", "海州区")]


# --- lead, fifth session: a figure per head is never the total (round 9: a county bulletin) ---------------


def test_gdp_per_head_is_not_gdp():
    # main read 人均生产总值为82304元 as the county's GDP, 82304 元 = 0.000823 亿元
    text = "全年实现地区生产总值2842073万元,按可比价同比增长5.2%。人均生产总值为82304元。"
    assert rows(text, year=2022) == [("gdp", 2022, 284.2073, "=", "海州区")]
