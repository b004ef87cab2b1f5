"""``hzanalysis report --data FOLDER``: a folder stands for its .csv and .xlsx files, as in ``data check``.

The observation rows below are SYNTHETIC (invented figures for the test only).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hzanalysis.cli import main
from hzanalysis.errors import ParameterError
from hzanalysis.report.plan import plan_pages, resolve_data

HEADER = "region,indicator,year,value,unit,bound,source_title,source_url,published,quote,quality,note"
GOOD_ROW = "海州区,hte_count,2024,301,家,=,synthetic,,2025-03-01,synthetic,secondary,synthetic"
BAD_ROW = "海州区,hte_count,2024,abc,家,=,synthetic,,2025-03-01,synthetic,secondary,synthetic"


def figures_folder(root: Path) -> Path:
    folder = root / "my_figures"
    folder.mkdir()
    (folder / "b_second.csv").write_text(f"{HEADER}\n{GOOD_ROW}\n", encoding="utf-8")
    (folder / "a_first.csv").write_text(f"{HEADER}\n{GOOD_ROW}\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not figures", encoding="utf-8")
    (folder / "~$a_first.xlsx").write_bytes(b"an Excel lock file")
    return folder


def test_a_relative_folder_becomes_its_csv_files_as_absolute_paths_in_name_order(tmp_path, monkeypatch):
    figures_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    expected = [tmp_path / "my_figures" / "a_first.csv", tmp_path / "my_figures" / "b_second.csv"]
    assert resolve_data(["my_figures"]) == [p.resolve() for p in expected]
    pages = plan_pages(targets=["rd_share_gdp"], data=["my_figures"])
    as_given_to_notebooks = [str(p.resolve()) for p in expected]
    assert all(page.parameters["data_paths"] == as_given_to_notebooks for page in pages)


def test_an_empty_folder_and_a_missing_file_are_each_named(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ParameterError) as caught:
        resolve_data([empty, tmp_path / "missing.csv"])
    lines = str(caught.value).splitlines()
    assert len(lines) == 2
    assert "empty" in lines[0] and "no .csv or .xlsx file" in lines[0]
    assert "missing.csv" in lines[1] and "no such file" in lines[1]


def test_report_data_folder_with_a_bad_file_exits_2_naming_file_row_and_column(tmp_path, capsys):
    folder = figures_folder(tmp_path)
    (folder / "c_bad.csv").write_text(f"{HEADER}\n{BAD_ROW}\n", encoding="utf-8")
    out = tmp_path / "reports"
    assert main(["report", "--data", str(folder), "--targets", "rd_share_gdp", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "c_bad.csv, line 2, column 'value'" in err
    assert not out.exists()


def test_a_cron_run_with_a_bad_workbook_exits_2_one_line_per_problem_and_leaves_reports_alone(
    tmp_path, capsys
):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "observations"
    sheet.append(HEADER.split(","))
    good = GOOD_ROW.split(",")
    sheet.append([*good[:3], "abc", *good[4:]])  # row 2: the value is not a number
    sheet.append([good[0], "hte_cuont", *good[2:]])  # row 3: a misspelt indicator id
    sheet.append([*good[:2], "2023", *good[3:8], "2025/13/40", *good[9:]])  # row 4: no such date
    bad = tmp_path / "bad.xlsx"
    workbook.save(bad)
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "index.html").write_text("the published index", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in reports.iterdir()}

    assert main(["report", "--data", str(bad), "--out", str(reports)]) == 2
    err = capsys.readouterr().err.splitlines()
    problems = [line for line in err if line.startswith("  - ")]
    assert len(problems) == 3
    assert "row 2, column 'value'" in problems[0]
    assert "row 3, column 'indicator'" in problems[1] and "did you mean 'hte_count'?" in problems[1]
    assert "row 4, column 'published'" in problems[2]
    assert {p.name: p.read_bytes() for p in reports.iterdir()} == before
