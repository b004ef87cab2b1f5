"""Observations: shipped data, validation of bad inputs, templates, build, as-of and superseding.

Every row written by these tests is synthetic test data (labelled so in its source and note), never an
observation; expected values are read off the research file or worked out by hand in comments.
"""

from __future__ import annotations

import csv
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from hzanalysis.errors import InputError, ParameterError
from hzanalysis.observations import (
    BOUNDS,
    LOADED_COLUMNS,
    OBSERVATION_COLUMNS,
    QUALITY_GRADES,
    check_files,
    effective_publication_date,
    inspect_files,
    load_indicators,
    load_observations,
    load_regions,
    read_observation_file,
    series,
    write_templates,
)
from hzanalysis.paths import raw_dir

FIXTURES = Path(__file__).parent / "fixtures" / "observations"
HEADER = list(OBSERVATION_COLUMNS)
# A valid synthetic row; tests change one cell at a time.
GOOD = {
    "region": "海州区",
    "indicator": "hte_count",
    "year": "2023",
    "value": "150",
    "unit": "家",
    "bound": "=",
    "source_title": "合成测试来源 synthetic test source",
    "source_url": "",
    "published": "2024-03-01",
    "quote": "synthetic",
    "quality": "official_media",
    "note": "synthetic test row",
}


def write_csv(
    path: Path, rows: list[dict[str, str]], header: list[str] = HEADER, encoding: str = "utf-8"
) -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(c, "") for c in header])
    return path


def row(**changes: str) -> dict[str, str]:
    """GOOD with some cells changed; a changed year is published in March of the next year unless given."""
    if changes.get("year", "").isdigit() and "published" not in changes:
        changes["published"] = f"{int(changes['year']) + 1}-03-01"
    return {**GOOD, **changes}


def problems_of(path: Path) -> list:
    with pytest.raises(InputError) as info:
        read_observation_file(path)
    return info.value.problems


def assert_one_problem(path: Path, where: str, column: str, expected_part: str):
    """The only problem names the file, the row as the user sees it, the column and what was expected."""
    problems = problems_of(path)
    assert len(problems) == 1, [str(p) for p in problems]
    p = problems[0]
    message = str(p)
    assert str(path) in message
    assert p.row == where and where in message
    assert p.column == column and f"column {column!r}" in message
    assert expected_part in p.expected and expected_part in message
    assert p.fix
    return p


# ---------------------------------------------------------------------------------------------------------
# Shipped data and catalogues


def test_shipped_data_has_no_problems_and_holds_the_research_points():
    assert check_files() == []
    obs = load_observations()
    assert list(obs.columns) == list(LOADED_COLUMNS)
    rd = series(obs, "rd_share_gdp", "海州区")
    # From the research file: 2017 2.68% (连网 2018-02-05) and 2024 3.75% (re-post, 2025).
    assert rd.to_dict() == {2017: 2.68, 2024: 3.75}
    assert rd.name == "rd_share_gdp"
    assert series(obs, "hitech_output_share", "海州区").to_dict() == {2017: 62.0, 2024: 66.6}
    assert set(obs["quality"]) <= set(QUALITY_GRADES)
    assert set(obs["bound"]) <= set(BOUNDS)
    assert (obs["quote"] != "").all() and (obs["source_title"] != "").all()


def test_shipped_data_keeps_scopes_separate():
    obs = load_observations()
    # 连云港高新区 2024 84% is the zone alone; it must not appear in Haizhou's own series.
    assert series(obs, "hitech_output_share", "连云港高新区").to_dict() == {2024: 84.0}
    assert 84.0 not in series(obs, "hitech_output_share", "海州区").to_numpy()
    assert series(obs, "joint_innovation_centers", "海州区(含高新区)").to_dict() == {2023: 3.0}
    assert series(obs, "joint_innovation_centers", "海州区").empty


def test_shipped_bounds_are_kept_but_not_series_points():
    obs = load_observations()
    city = obs[(obs["region"] == "连云港市") & (obs["indicator"] == "hitech_output_share")]
    bounds = dict(zip(city["year"], city["bound"], strict=True))
    # 2016 近四成 -> "<" 40; 2020 超过40% -> ">" 40; 2019 達40% and 2023 34.8% are points.
    assert bounds == {2016: "<", 2019: "=", 2020: ">", 2023: "="}
    assert series(obs, "hitech_output_share", "连云港市").to_dict() == {2019: 40.0, 2023: 34.8}
    assert obs[(obs["region"] == "连云港市") & (obs["indicator"] == "rd_share_gdp") & (obs["year"] == 2019)][
        "bound"
    ].tolist() == [">="]


def test_shipped_data_has_no_partial_year_rows():
    text = (raw_dir() / "observations" / "haizhou_public_research.csv").read_text(encoding="utf-8")
    assert "jan_may" not in text and "2025-04," not in text
    obs = load_observations()
    # 2016 is the earliest public row; 2025 only the 双高协同 bound (> 100 projects, second research pass)
    assert obs["year"].between(2016, 2025).all()
    assert obs.loc[obs["year"] == 2025, "bound"].tolist() == [">"]


def test_second_research_pass_adds_two_rows_of_their_own_scope():
    obs = load_observations()
    added = obs[obs["file"] == "data/raw/observations/haizhou_public_research_2.csv"]
    assert sorted(zip(added["region"], added["indicator"], added["year"], added["bound"], strict=True)) == [
        ("海州区(含高新区)", "iur_projects", 2025, ">"),
        ("连云港市", "rd_share_gdp", 2022, "="),
    ]
    # the city's 2022 point (2.37%, 连云港融媒体 2023-04-06) sits between the curated 2021 and 2023 points
    assert series(obs, "rd_share_gdp", "连云港市").loc[2021:2023].to_dict() == {
        2021: 2.24,
        2022: 2.37,
        2023: 2.6,
    }
    # a bound for the district with the zone: neither a point nor a figure for 海州区 alone
    assert (
        series(obs, "iur_projects", "海州区(含高新区)").empty and series(obs, "iur_projects", "海州区").empty
    )


def test_catalogues_match_the_contract():
    ind = load_indicators()
    # 29 indicators of the 2024 plan, then 2 the next plan cycle brings (high-value patents, digital economy)
    assert len(ind) == 31 and ind["id"].is_unique
    assert list(ind["id"].iloc[-2:]) == ["hv_invention_patents_per_10k", "digital_core_share_gdp"]
    units = dict(zip(ind["id"], ind["unit"], strict=True))
    assert units["rd_share_gdp"] == "%" and units["invention_patents_per_10k"] == "件/万人"
    assert units["kechuang_carrier_area"] == "万平方米" and units["talent_housing_units"] == "套"
    assert set(ind["domain"]) == {"share", "count", "amount", "level"}
    assert (ind["holder_zh"] != "").all()
    reg = load_regions()
    peers = set(reg.loc[reg["peer_group"] == "lyg_county", "id"])
    assert peers == {"海州区", "连云区", "赣榆区", "东海县", "灌云县", "灌南县"}
    assert "连云港高新区" in set(reg["id"]) and "连云港高新区" not in peers


# ---------------------------------------------------------------------------------------------------------
# Bad input, one case at a time (line 2 is the first row under the header)


def test_unknown_indicator(tmp_path):
    path = write_csv(tmp_path / "x.csv", [row(indicator="rd_share")])
    p = assert_one_problem(path, "line 2", "indicator", "indicators.csv")
    assert "rd_share_gdp" in p.expected  # a few valid ids are listed


def test_unknown_region(tmp_path):
    path = write_csv(tmp_path / "x.csv", [row(region="海州")])
    p = assert_one_problem(path, "line 2", "region", "regions.csv")
    assert "海州区(含高新区)" in p.expected and "'海州'" in p.found


def test_fullwidth_parentheses_in_region_are_accepted(tmp_path):
    path = write_csv(tmp_path / "x.csv", [row(region="海州区（含高新区）")])
    assert read_observation_file(path)["region"].tolist() == ["海州区(含高新区)"]


def test_unit_that_does_not_match_the_indicator(tmp_path):
    path = write_csv(tmp_path / "x.csv", [row(indicator="rd_share_gdp", value="3.1", unit="百分比")])
    p = assert_one_problem(path, "line 2", "unit", "'%'")
    assert "rd_share_gdp" in p.expected


def test_non_numeric_value(tmp_path):
    path = write_csv(tmp_path / "x.csv", [row(value="约150")])
    assert_one_problem(path, "line 2", "value", "a number")


@pytest.mark.parametrize(("indicator", "unit"), [("hte_count", "家"), ("tech_contract_value", "亿元")])
def test_negative_count_or_amount(tmp_path, indicator, unit):
    path = write_csv(tmp_path / "x.csv", [row(indicator=indicator, unit=unit, value="-5")])
    p = assert_one_problem(path, "line 2", "value", indicator)
    assert "non-negative" in p.expected or "positive" in p.expected


@pytest.mark.parametrize("value", ["0", "100", "120", "-1"])
def test_share_outside_zero_hundred(tmp_path, value):
    path = write_csv(tmp_path / "x.csv", [row(indicator="rd_share_gdp", unit="%", value=value)])
    assert_one_problem(path, "line 2", "value", "strictly between 0 and 100")


def test_share_just_inside_bounds_is_accepted(tmp_path):
    path = write_csv(
        tmp_path / "x.csv",
        [
            row(indicator="rd_share_gdp", unit="%", value="0.01"),
            row(indicator="rd_share_gdp", unit="%", value="99.9", year="2024"),
        ],
    )
    assert read_observation_file(path)["value"].tolist() == [0.01, 99.9]


@pytest.mark.parametrize("year", ["2025-04", "2016-2020", "二〇二三", "1948", "2023.5", ""])
def test_impossible_year(tmp_path, year):
    path = write_csv(tmp_path / "x.csv", [row(year=year)])
    assert_one_problem(path, "line 2", "year", "a single calendar year")


def test_year_more_than_ten_years_ahead(tmp_path):
    too_late = str(date.today().year + 11)
    path = write_csv(tmp_path / "x.csv", [row(year=too_late, published="")])
    p = assert_one_problem(path, "line 2", "year", str(date.today().year + 10))
    assert too_late in p.found


def test_duplicate_observation_names_both_lines(tmp_path):
    path = write_csv(tmp_path / "x.csv", [row(), row(year="2024"), row(value="151")])
    p = assert_one_problem(path, "line 4", "region, indicator, year, bound", "one observation per")
    assert "line 2" in p.found and "line 4" in str(p)


def test_same_year_with_different_bounds_is_not_a_duplicate(tmp_path):
    path = write_csv(tmp_path / "x.csv", [row(), row(bound=">=")])
    assert read_observation_file(path)["bound"].tolist() == ["=", ">="]


def test_missing_source(tmp_path):
    path = write_csv(tmp_path / "x.csv", [row(source_title="", source_url="")])
    assert_one_problem(path, "line 2", "source_title, source_url", "a source title or a source URL")


def test_url_alone_is_a_source(tmp_path):
    path = write_csv(tmp_path / "x.csv", [row(source_title="", source_url="https://example.org/synthetic")])
    assert len(read_observation_file(path)) == 1


def test_missing_required_column(tmp_path):
    header = [c for c in HEADER if c != "unit"]
    path = write_csv(tmp_path / "x.csv", [row()], header=header)
    p = assert_one_problem(path, "line 1", "unit", "a column named 'unit'")
    assert "no such column" in p.found


def test_a_file_that_is_not_observations_gets_one_problem_not_one_per_column(tmp_path):
    # a catalogue-like table (written for the test): none of region/indicator/year/value, nothing misspelt
    path = tmp_path / "catalogue.csv"
    path.write_text(
        "id,name_zh,name_en,unit,domain\nhte_count,高新技术企业数,High-tech enterprises,家,count\n"
    )
    problems = problems_of(path)
    assert len(problems) == 1, [str(p) for p in problems]
    assert "an observations file" in problems[0].expected
    assert "id, name_zh, name_en, unit, domain" in problems[0].found
    assert "data template" in problems[0].fix


def test_misspelt_columns_say_rename_once_and_not_also_add(tmp_path):
    header = ["Region" if c == "region" else "Year" if c == "year" else c for c in HEADER]
    path = write_csv(
        tmp_path / "x.csv",
        [{("Region" if k == "region" else "Year" if k == "year" else k): v for k, v in row().items()}],
        header=header,
    )
    problems = problems_of(path)
    assert sorted(p.column for p in problems) == ["Region", "Year"], [str(p) for p in problems]
    assert all("rename it to" in p.fix for p in problems)


def test_optional_columns_may_be_left_out(tmp_path):
    header = ["region", "indicator", "year", "value", "unit", "source_title", "source_url", "quality"]
    path = write_csv(tmp_path / "x.csv", [row()], header=header)
    got = read_observation_file(path)
    assert got["bound"].tolist() == ["="] and got["published"].tolist() == [""]


def test_a_bureaus_figures_need_a_title_column_not_an_empty_url_column(tmp_path):
    # figures from a bureau's own report have a title and no address: the file needs no source_url column
    header = ["region", "indicator", "year", "value", "unit", "source_title", "quality"]
    path = write_csv(tmp_path / "x.csv", [row()], header=header)
    assert read_observation_file(path)["source_url"].tolist() == [""]
    # an address alone is a source too
    header = ["region", "indicator", "year", "value", "unit", "source_url", "quality"]
    path = write_csv(tmp_path / "y.csv", [row(source_url="https://example.org/synthetic")], header=header)
    assert read_observation_file(path)["source_title"].tolist() == [""]


def test_a_file_with_neither_source_column_gets_one_problem_naming_both(tmp_path):
    header = ["region", "indicator", "year", "value", "unit", "quality"]
    path = write_csv(tmp_path / "x.csv", [row()], header=header)
    p = assert_one_problem(path, "line 1", "source_title or source_url", "'source_title' or 'source_url'")
    assert "add a column 'source_title'" in p.fix


# A bureau's own sheet: Chinese headers and the indicators' Chinese names (synthetic figures)
CHINESE_HEADER = {"region": "地区", "indicator": "指标", "year": "年份", "value": "数值", "unit": "单位"}
CHINESE_HEADER |= {"source_title": "资料来源", "quality": "质量", "note": "备注"}


def test_a_bureaus_sheet_with_chinese_headers_and_indicator_names_is_read_as_ids(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(CHINESE_HEADER.values()))
    columns = list(CHINESE_HEADER)
    # the catalogue's name_zh, a synonym, and a synonym typed with a space and in lower case
    for name, year, value, unit in (
        ("有效高新技术企业数", 2023, 150, "家"),
        ("高新技术企业数", 2024, 212, "家"),
        ("r&d 经费投入强度", 2024, 3.1, "%"),
    ):
        typed = row(indicator=name, year=str(year), value=str(value), unit=unit)
        sheet.append([int(typed[c]) if c == "year" else typed[c] for c in columns])
    path = tmp_path / "bureau.xlsx"
    workbook.save(path)
    got = read_observation_file(path)
    assert got["indicator"].tolist() == ["hte_count", "hte_count", "rd_share_gdp"]
    assert got["value"].tolist() == [150.0, 212.0, 3.1]
    assert got["source_title"].tolist() == [GOOD["source_title"]] * 3
    assert got["note"].tolist() == [GOOD["note"]] * 3


def test_a_problem_under_a_chinese_header_names_the_column_both_ways(tmp_path):
    columns = list(CHINESE_HEADER)
    path = tmp_path / "x.csv"
    path.write_text(
        ",".join(CHINESE_HEADER.values()) + "\n" + ",".join(row(quality="官方")[c] for c in columns) + "\n",
        encoding="utf-8",
    )
    assert_one_problem(path, "line 2", "quality (质量)", "one of official_statistics")


def test_a_chinese_header_beside_its_english_name_is_one_column_twice(tmp_path):
    path = write_csv(tmp_path / "x.csv", [row()], header=[*HEADER, "年份"])
    problems = problems_of(path)
    twice = [p for p in problems if "twice" in p.found]
    assert len(twice) == 1 and "year (年份)" in twice[0].found


def test_a_missing_column_says_its_chinese_names_too(tmp_path):
    columns = [c for c in CHINESE_HEADER if c != "quality"]
    path = tmp_path / "x.csv"
    lines = [",".join(CHINESE_HEADER[c] for c in columns), ",".join(row()[c] for c in columns)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    p = assert_one_problem(path, "line 1", "quality", "a column named 'quality' (or 质量/数据质量/来源等级)")
    assert "地区" in p.found  # the columns found, as typed


def test_an_id_and_the_chinese_name_of_the_same_figure_are_a_duplicate(tmp_path):
    path = write_csv(tmp_path / "x.csv", [row(), row(indicator="高新技术企业数")])
    problems = problems_of(path)
    assert len(problems) == 1 and "a duplicate of line 2" in problems[0].found


def test_unbalanced_quote_is_malformed_csv():
    path = FIXTURES / "unbalanced_quote.csv"
    problems = problems_of(path)
    assert len(problems) == 1
    assert str(path) in str(problems[0]) and "well-formed CSV" in problems[0].expected
    assert problems[0].row == "line 2" and "quote" in problems[0].fix


def test_ragged_row_is_malformed_csv(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text(",".join(HEADER) + "\n" + "海州区,hte_count,2023,150,家\n", encoding="utf-8")
    problems = problems_of(path)
    assert len(problems) == 1
    assert (
        problems[0].row == "line 2"
        and "12 fields" in problems[0].expected
        and "5 fields" in problems[0].found
    )


def test_binary_junk_is_reported_not_decoded(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"PK\x03\x04\x00\x00\xff\xfe junk \x00\x01")
    problems = problems_of(path)
    assert len(problems) == 1 and str(path) in str(problems[0]) and "text CSV" in problems[0].expected


def test_xlsx_that_is_not_a_zip():
    path = FIXTURES / "broken.xlsx"
    problems = problems_of(path)
    assert len(problems) == 1 and str(path) in str(problems[0])
    assert "valid .xlsx" in problems[0].expected and "save it again" in problems[0].fix


def test_corrupt_xlsx_zip(tmp_path):
    written = write_templates(tmp_path / "tpl")
    good = written[2].read_bytes()
    path = tmp_path / "corrupt.xlsx"
    path.write_bytes(good[: len(good) // 2])  # a truncated zip: the central directory is missing
    problems = problems_of(path)
    assert len(problems) == 1 and "valid .xlsx" in problems[0].expected


def test_unknown_quality_grade(tmp_path):
    path = write_csv(tmp_path / "x.csv", [row(quality="官方")])
    p = assert_one_problem(path, "line 2", "quality", "official_statistics")
    assert "'官方'" in p.found


def test_bad_bound(tmp_path):
    path = write_csv(tmp_path / "x.csv", [row(bound="约")])
    assert_one_problem(path, "line 2", "bound", ">=")


def test_fullwidth_and_math_bounds_are_normalised(tmp_path):
    path = write_csv(tmp_path / "x.csv", [row(bound="≥"), row(bound="", year="2024")])
    assert read_observation_file(path)["bound"].tolist() == [">=", "="]


@pytest.mark.parametrize("published", ["2025-13-01", "15/04/2025", "2025-02-30", "2025年"])
def test_bad_published_date(tmp_path, published):
    path = write_csv(tmp_path / "x.csv", [row(published=published)])
    assert_one_problem(path, "line 2", "published", "YYYY-MM-DD")


def test_empty_file(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"")
    problems = problems_of(path)
    assert len(problems) == 1 and "empty file" in problems[0].found and str(path) in str(problems[0])


def test_header_only_file(tmp_path):
    path = write_csv(tmp_path / "x.csv", [])
    problems = problems_of(path)
    assert len(problems) == 1 and "only a header" in problems[0].found


def test_unsupported_suffix(tmp_path):
    path = tmp_path / "x.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0 synthetic old excel")
    problems = problems_of(path)
    assert len(problems) == 1 and ".xlsx" in problems[0].expected and ".xls file" in problems[0].found


def test_all_problems_of_a_file_are_reported_at_once(tmp_path):
    path = write_csv(
        tmp_path / "x.csv",
        [
            row(indicator="nonsense"),  # line 2
            row(year="2024", value="abc"),  # line 3
            row(year="2022", quality="", bound="~"),  # line 4: two problems
            row(year="2021"),  # line 5: fine
        ],
    )
    problems = problems_of(path)
    located = sorted((p.row, p.column) for p in problems)
    assert located == [
        ("line 2", "indicator"),
        ("line 3", "value"),
        ("line 4", "bound"),
        ("line 4", "quality"),
    ]
    with pytest.raises(InputError) as info:
        read_observation_file(path)
    assert str(info.value).startswith("4 problems in the input:")


def test_problems_of_several_files_come_in_one_error(tmp_path):
    a = write_csv(tmp_path / "a.csv", [row(region="火星")])
    b = write_csv(tmp_path / "b.csv", [row(unit="个")])
    with pytest.raises(InputError) as info:
        load_observations([a, b])
    assert {p.file for p in info.value.problems} == {str(a), str(b)}
    assert len(check_files([a, b])) == 2


# ---------------------------------------------------------------------------------------------------------
# Encodings


def test_gbk_csv_is_read_without_mojibake():
    got = read_observation_file(FIXTURES / "gbk_synthetic.csv")
    assert got.attrs["encoding"] == "gb18030"
    assert got["region"].tolist() == ["海州区", "海州区(含高新区)"]
    assert got["quote"].tolist()[0] == "有效高新技术企业150家"
    assert got["bound"].tolist() == ["=", ">="] and got["value"].tolist() == [150.0, 12.5]


def test_windows_line_ends_are_read(tmp_path):
    path = tmp_path / "x.csv"
    body = ",".join(HEADER) + "\r\n" + ",".join(row()[c] for c in HEADER) + "\r\n"
    path.write_bytes(body.encode("utf-8"))
    got = read_observation_file(path)
    assert got["note"].tolist() == ["synthetic test row"] and got.attrs["encoding"] == "utf-8"


def test_utf8_with_bom_is_read(tmp_path):
    path = write_csv(tmp_path / "x.csv", [row()], encoding="utf-8-sig")
    got = read_observation_file(path)
    assert got.attrs["encoding"] == "utf-8-sig" and got["region"].tolist() == ["海州区"]


# ---------------------------------------------------------------------------------------------------------
# Templates


def test_templates_are_written_and_refuse_to_overwrite(tmp_path):
    written = write_templates(tmp_path)
    assert [p.name for p in written] == [
        "observations_template.csv",
        "observations_template.README.md",
        "observations_template.xlsx",
    ]
    with pytest.raises(ParameterError, match="overwrit"):
        write_templates(tmp_path)
    assert write_templates(tmp_path, overwrite=True) == written


def test_template_example_row_is_rejected_until_replaced(tmp_path):
    csv_path, _, xlsx_path = write_templates(tmp_path)
    for path in (csv_path, xlsx_path):
        problems = problems_of(path)
        assert [(p.column, "example row" in p.found) for p in problems] == [("note", True)]


def test_csv_template_round_trip(tmp_path):
    csv_path = write_templates(tmp_path)[0]
    lines = csv_path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].split(",") == [*HEADER, "supersedes"]  # the optional column comes last
    # Replace the example row by a synthetic figure, as a researcher would.
    write_csv(csv_path, [row(year="2025", value="61", note="synthetic")], encoding="utf-8-sig")
    got = read_observation_file(csv_path)
    assert got[["region", "indicator", "year", "value"]].values.tolist() == [
        ["海州区", "hte_count", 2025, 61.0]
    ]


def test_xlsx_template_round_trip(tmp_path):
    xlsx_path = write_templates(tmp_path)[2]
    wb = openpyxl.load_workbook(xlsx_path)
    assert wb.sheetnames == ["observations", "说明"]
    ws = wb["observations"]
    assert [c.value for c in ws[1]] == [*HEADER, "supersedes"]
    help_text = " ".join(str(c.value) for r in wb["说明"].iter_rows() for c in r if c.value is not None)
    for indicator, unit in zip(load_indicators()["id"], load_indicators()["unit"], strict=True):
        assert indicator in help_text and unit in help_text
    # Fill in two synthetic rows the way Excel stores them: ints and floats, a date typed as a date.
    values = {**GOOD, "year": 2024, "value": 210.0, "note": "synthetic", "published": "2025-03-01"}
    for col, name in enumerate(HEADER, start=1):
        ws.cell(row=2, column=col, value=values[name])
    second = {
        **values,
        "indicator": "rd_share_gdp",
        "unit": "%",
        "value": 3.6,
        "published": date(2025, 4, 15),
    }
    for col, name in enumerate(HEADER, start=1):
        ws.cell(row=3, column=col, value=second[name])
    wb.save(xlsx_path)
    got = read_observation_file(xlsx_path)
    assert got.attrs["encoding"] == "xlsx"
    assert got[["indicator", "year", "value", "published"]].values.tolist() == [
        ["hte_count", 2024, 210.0, "2025-03-01"],
        ["rd_share_gdp", 2024, 3.6, "2025-04-15"],
    ]


def test_xlsx_problems_are_located_by_sheet_and_row(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "我的数据"
    ws.append(HEADER)
    ws.append([GOOD[c] for c in HEADER])
    ws.append([{**GOOD, "year": "2025-04"}[c] for c in HEADER])
    path = tmp_path / "mine.xlsx"
    wb.save(path)
    assert_one_problem(path, "sheet 我的数据 row 3", "year", "a single calendar year")


# ---------------------------------------------------------------------------------------------------------
# Loading: publication dates, as-of, superseding


def test_effective_publication_dates():
    assert effective_publication_date("2025-04-15", 2024) == date(2025, 4, 15)
    assert effective_publication_date("2024-02", 2023) == date(2024, 2, 29)  # end of month, leap year
    assert effective_publication_date("2025", 2024) == date(2025, 12, 31)  # end of year
    assert effective_publication_date("", 2021) == date(2022, 12, 31)  # default lag: 31 Dec of year + 1


def test_as_of_uses_only_what_was_published_by_then():
    # 海州区 rd_share_gdp: 2017 published 2018-02-05; 2024 published "2025" -> counts from 2025-12-31.
    def rd(as_of):
        return series(load_observations(as_of=as_of), "rd_share_gdp", "海州区").to_dict()

    assert rd("2018-02-04") == {}
    assert rd("2018-02-05") == {2017: 2.68}
    assert rd(date(2025, 12, 30)) == {2017: 2.68}
    assert rd("2025-12-31") == {2017: 2.68, 2024: 3.75}
    # 海州区 hitech share 2024 was published 2025-04-15 (连网).
    assert series(load_observations(as_of="2025-04-14"), "hitech_output_share", "海州区").to_dict() == {
        2017: 62.0
    }
    assert 2024 in series(load_observations(as_of="2025-04-15"), "hitech_output_share", "海州区").index
    # 海州区 GDP 2021 has no publication date: default 2022-12-31.
    assert series(load_observations(as_of="2022-12-30"), "gdp", "海州区").empty
    assert series(load_observations(as_of="2022-12-31"), "gdp", "海州区").to_dict() == {2021: 727.83}


def test_bad_as_of_is_a_parameter_error():
    with pytest.raises(ParameterError, match="as_of"):
        load_observations(as_of="last year")


def test_extra_file_supersedes_public_row(tmp_path):
    mine = write_csv(
        tmp_path / "mine.csv",
        [
            row(
                indicator="rd_share_gdp",
                unit="%",
                year="2024",
                value="3.71",
                published="2026-02-01",
                quality="official_statistics",
                note="synthetic figure",
            ),
            row(year="2025", value="300", published="2026-02-01"),
        ],
    )
    obs = load_observations([mine])
    assert series(obs, "rd_share_gdp", "海州区").to_dict() == {2017: 2.68, 2024: 3.71}
    assert series(obs, "hte_count", "海州区").to_dict() == {2017: 53.0, 2025: 300.0}
    [gone] = obs.attrs["superseded"]
    assert (gone["region"], gone["indicator"], gone["year"], gone["value"]) == (
        "海州区",
        "rd_share_gdp",
        2024,
        3.75,
    )
    assert gone["file"] == "data/raw/observations/haizhou_public_research.csv"
    assert gone["superseded_by"] == str(mine) and gone["value_by"] == 3.71
    # Before the researcher's figure was published, the public one stands.
    earlier = load_observations([mine], as_of="2026-01-31")
    assert series(earlier, "rd_share_gdp", "海州区").to_dict() == {2017: 2.68, 2024: 3.75}
    assert earlier.attrs["superseded"] == []


def test_extra_files_only(tmp_path):
    mine = write_csv(tmp_path / "mine.csv", [row()])
    obs = load_observations([mine], include_public=False)
    assert len(obs) == 1 and obs["file"].tolist() == [str(mine)]
    assert obs["published_effective"].tolist() == [date(2024, 3, 1)] and obs["domain"].tolist() == ["count"]


def test_series_rejects_unknown_ids():
    obs = load_observations()
    with pytest.raises(ParameterError, match=r"indicators\.csv"):
        series(obs, "rd_intensity", "海州区")
    with pytest.raises(ParameterError, match="region"):
        series(obs, "rd_share_gdp", "Haizhou")


def test_zipfile_fixture_sanity():
    # The broken fixture really is not a zip: the test above would be vacuous otherwise.
    assert not zipfile.is_zipfile(FIXTURES / "broken.xlsx")


def test_catalogue_targets_column_matches_the_target_registry():
    import yaml

    path = raw_dir() / "plans" / "haizhou-2024" / "targets.yaml"
    registry = yaml.safe_load(path.read_text(encoding="utf-8"))["targets"]
    expected: dict[str, set[str]] = {}
    for target in registry:
        if target.get("indicator"):
            expected.setdefault(target["indicator"], set()).add(target["id"])
    ind = load_indicators()
    listed = {i: set(filter(None, t.split(";"))) for i, t in zip(ind["id"], ind["targets"], strict=True)}
    assert {i: s for i, s in listed.items() if s} == expected


def test_the_check_table_passes_a_valid_row_and_names_real_columns():
    from hzanalysis.observations.catalogue import Catalogue
    from hzanalysis.observations.checks import CHECKS, Row

    cat = Catalogue.load()
    assert [c.run.__name__ for c in CHECKS if c.run(Row.parse("line 2", GOOD), cat)] == []
    assert {part for c in CHECKS for part in c.column.split(", ")} <= set(OBSERVATION_COLUMNS)
    # a row wrong in three independent columns gets three findings, not only the first
    bad = Row.parse("line 2", {**GOOD, "region": "x", "quality": "y", "bound": "~"})
    assert sorted(c.column for c in CHECKS if c.run(bad, cat)) == ["bound", "quality", "region"]


# A bureau's sheet as it is sent: a title (and a units line) above the header, a footnote below the figures


def test_a_title_above_the_header_is_read_past_with_a_warning_naming_it(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["海州区科技统计主要指标（合成测试表）"])
    sheet.merge_cells("A1:H1")
    sheet.append(["单位：家"])
    sheet.append(list(CHINESE_HEADER.values()))
    sheet.append([row()[c] if c != "year" else 2023 for c in CHINESE_HEADER])
    sheet.append([])
    sheet.append(["注：合成测试数据，为快报数"])
    path = tmp_path / "titled.xlsx"
    workbook.save(path)
    got = read_observation_file(path)
    # rows 1-2 are the title, row 3 the header, row 4 the one figure; the footnote of row 6 is no row
    assert got["value"].tolist() == [150.0]
    check = inspect_files([path])
    assert check.problems == []
    said = [str(w) for w in check.warnings if str(path) in str(w)]
    assert any("rows 1-2" in w and "海州区科技统计主要指标" in w and "row 3" in w for w in said), said
    assert any("row 6" in w and "footnote" in w and "快报数" in w for w in said), said


def test_a_csv_with_a_title_line_is_read_from_its_header(tmp_path):
    path = tmp_path / "titled.csv"
    body = write_csv(tmp_path / "body.csv", [row()]).read_text(encoding="utf-8")
    path.write_text("合成测试：海州区主要指标\n" + body + "数据来源：合成测试\n", encoding="utf-8")
    got = read_observation_file(path)
    assert got["value"].tolist() == [150.0]
    said = [str(w) for w in inspect_files([path]).warnings if str(path) in str(w)]
    assert any("line 1" in w and "title" in w and "line 2" in w for w in said), said
    assert any("line 4" in w and "footnote" in w for w in said), said


def test_a_sheet_whose_first_rows_are_figures_not_titles_still_needs_its_header(tmp_path):
    # two filled cells in row 1 make it no title: the header is not looked for below it
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["海州区", "hte_count"])
    sheet.append(list(CHINESE_HEADER.values()))
    path = tmp_path / "no_title.xlsx"
    workbook.save(path)
    problems = problems_of(path)
    assert any("row 1" in p.row for p in problems), [str(p) for p in problems]


def test_a_lone_note_among_the_figures_that_is_not_a_footnote_is_still_a_problem(tmp_path):
    path = tmp_path / "lone.csv"
    body = write_csv(tmp_path / "body.csv", [row()]).read_text(encoding="utf-8")
    path.write_text(body + "海州区\n", encoding="utf-8")
    problems = problems_of(path)
    assert [p.row for p in problems] == ["line 3"]
