"""No silent misreads (issue 8 section 2): each case is a file a researcher would produce.

Every figure here is synthetic test data (labelled so in its source and note), never an observation.
Each test failed on the reader before this change (checked by running it against the old module);
expected values are worked out by hand in the comments.
"""

from __future__ import annotations

import csv
import os
import stat
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from test_assess import synthetic_observations, synthetic_target

from hzanalysis.assess import assess_one, assess_target, bound_decides, scorecard_frame
from hzanalysis.cli import main
from hzanalysis.errors import InputError, ParameterError
from hzanalysis.labels import message_text
from hzanalysis.observations import (
    OBSERVATION_COLUMNS,
    check_files,
    read_observation_file,
    replacement_text,
    write_templates,
)
from hzanalysis.targets import Target

HEADER = list(OBSERVATION_COLUMNS)
GOOD = {
    "region": "海州区",
    "indicator": "rd_share_gdp",
    "year": "2024",
    "value": "3.9",
    "unit": "%",
    "bound": "=",
    "source_title": "合成测试来源 synthetic test source",
    "source_url": "",
    "published": "2025-03-01",
    "quote": "synthetic",
    "quality": "official_media",
    "note": "synthetic test row",
}


def row(**changes: str) -> dict[str, str]:
    return {**GOOD, **changes}


def write_csv(path: Path, rows: list[dict[str, str]], header: list[str] = HEADER, sep: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=sep, lineterminator="\n")
        writer.writerow(header)
        for r in rows:
            writer.writerow([r.get(c, "") for c in header])
    return path


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for values in rows:
            ws.append(values)
    wb.save(path)
    return wb


def typed_row(**changes: object) -> list[object]:
    values = {**GOOD, "year": 2024, "value": 3.9, **changes}
    return [values[c] for c in HEADER]


def problems_of(path: Path) -> list:
    with pytest.raises(InputError) as info:
        read_observation_file(path)
    return info.value.problems


# ---------------------------------------------------------------------------------------------------------
# Percentages


def test_excel_percent_cell_is_read_as_the_percentage_shown(tmp_path):
    path = tmp_path / "pct.xlsx"
    wb = write_xlsx(
        path, {"observations": [HEADER, typed_row(value=0.039), typed_row(year=2023, value=0.0375)]}
    )
    ws = wb["observations"]
    ws["D2"].number_format = "0.0%"  # Excel shows 3.9% and stores 0.039
    ws["D3"].number_format = "0.00%"  # shows 3.75%
    ws["C3"].value, ws["I3"].value = 2023, "2024-03-01"
    wb.save(path)
    got = read_observation_file(path)
    # 0.039 x 100 = 3.9 and 0.0375 x 100 = 3.75, exactly (no binary rounding residue)
    assert sorted(got["value"].tolist()) == [3.75, 3.9]


def test_share_below_one_is_warned_as_a_likely_fraction(tmp_path, capsys):
    path = write_csv(tmp_path / "frac.csv", [row(value="0.039")])
    assert main(["data", "check", str(path)]) == 0  # valid (a share can be below 1%), but suspicious
    err = capsys.readouterr().err
    assert "looks like a fraction" in err and "3.9%" in err and "line 2" in err


# ---------------------------------------------------------------------------------------------------------
# Columns


def test_misspelt_column_is_an_error_naming_the_closest_one(tmp_path):
    header = [("Bound" if c == "bound" else c) for c in HEADER]
    path = write_csv(
        tmp_path / "cols.csv",
        [{("Bound" if k == "bound" else k): v for k, v in row(bound=">").items()}],
        header,
    )
    [problem] = problems_of(path)
    assert problem.column == "Bound" and problem.row == "line 1"
    assert "did you mean 'bound'?" in problem.found and "rename it to 'bound'" in problem.fix


def test_review_column_why_is_accepted_and_not_scored(tmp_path):
    path = write_csv(tmp_path / "why.csv", [{**row(), "why": "matched 研发经费投入强度"}], [*HEADER, "why"])
    got = read_observation_file(path)
    assert "why" not in got.columns and got["value"].tolist() == [3.9]


# ---------------------------------------------------------------------------------------------------------
# Bounds that decide the target


def target(
    indicator: str, value: float, comparator: str = ">=", kind: str = "level", period_start: int | None = None
) -> Target:
    """A synthetic 2025 target of ``indicator`` (test_assess's builder, with this file's units)."""
    unit = "%" if kind == "level" else "位"
    return synthetic_target(kind, value, indicator, comparator, period_start, unit)


def frame(points: list[tuple[str, int, float, str]], indicator: str, domain: str = "share") -> pd.DataFrame:
    """Observations (region, year, value, bound) in the loaded layout; synthetic (test_assess's builder)."""
    return pd.concat(
        [
            synthetic_observations({year: value}, indicator, region, "%", domain, bound)
            for region, year, value, bound in points
        ],
        ignore_index=True,
    )


@pytest.mark.parametrize(
    ("bound", "bound_value", "comparator", "threshold", "expected"),
    [
        (">", 3.8, ">=", 3.8, True),  # above 3.8 meets "at least 3.8"
        (">=", 3.8, ">=", 3.8, True),
        (">=", 3.8, ">", 3.8, None),  # could be exactly 3.8, which is not "more than 3.8"
        (">", 3.5, ">=", 3.8, None),  # above 3.5 could be 3.6 or 4
        ("<", 60, ">=", 70, False),  # under 60 misses 70
        ("<", 70, ">=", 70, False),  # under 70 misses "at least 70"
        ("<=", 70, ">=", 70, None),  # could be exactly 70
        ("<=", 70, ">", 70, False),
        ("<", 75, ">=", 70, None),
    ],
)
def test_bound_decides(bound, bound_value, comparator, threshold, expected):
    assert bound_decides(bound, bound_value, comparator, threshold) is expected


def test_a_deciding_bound_settles_the_target_as_achieved():
    obs = frame(
        [("海州区", 2023, 3.5, "="), ("海州区", 2024, 3.75, "="), ("海州区", 2025, 3.8, ">")], "rd_share_gdp"
    )
    result = assess_target(target("rd_share_gdp", 3.8), obs, compare_models=False)
    assert (result.status, result.probability) == ("achieved", 1.0)
    assert result.verdict.zh == "已实现"
    note = result.data_notes[0]
    assert note.code == "note.bound_meets" and note.params["shown"] == ">3.8%"
    assert ">3.8%" in message_text(note, "zh") and "meets" in message_text(note, "en")


def test_a_deciding_upper_bound_settles_the_target_as_missed():
    obs = frame(
        [("海州区", 2023, 55.0, "="), ("海州区", 2024, 58.0, "="), ("海州区", 2025, 60.0, "<")],
        "hitech_output_share",
    )
    result = assess_target(target("hitech_output_share", 70), obs, compare_models=False)
    assert (result.status, result.probability) == ("missed", 0.0)
    assert result.verdict.zh == "未实现"


def test_a_deciding_bound_is_the_latest_value_and_no_growth_is_required_once_settled():
    # 3.9 in 2024 and "more than 3.8" in 2025 for a 3.8% target: before, the scorecard showed 3.9 (2024)
    # as the latest value and a required growth of 3.8 / 3.9 - 1 = -2.6% a year.
    obs = frame(
        [("海州区", 2023, 3.5, "="), ("海州区", 2024, 3.9, "="), ("海州区", 2025, 3.8, ">")], "rd_share_gdp"
    )
    row = scorecard_frame([assess_target(target("rd_share_gdp", 3.8), obs, compare_models=False)]).iloc[0]
    assert (row["status"], row["latest_year"], row["latest_value"], row["latest_bound"]) == (
        "achieved",
        2025,
        3.8,
        ">",
    )
    assert pd.isna(row["required_growth"]) and pd.isna(row["gap"])  # was 3.8 - 3.9 = -0.1
    # Growth observed 2023 -> 2024 is still history: (3.9 / 3.5) - 1 = 11.4%.
    assert row["historical_growth"] == pytest.approx(3.9 / 3.5 - 1)


def test_a_deciding_upper_bound_is_the_latest_value_of_a_missed_target():
    # 58 in 2024 and "under 60" in 2025 for 70%: before, 58 (2024) and a required 70 / 58 - 1 = 20.7%.
    obs = frame(
        [("海州区", 2023, 55.0, "="), ("海州区", 2024, 58.0, "="), ("海州区", 2025, 60.0, "<")],
        "hitech_output_share",
    )
    result = assess_target(target("hitech_output_share", 70), obs, compare_models=False)
    row = scorecard_frame([result]).iloc[0]
    assert (row["status"], row["latest_year"], row["latest_value"], row["latest_bound"]) == (
        "missed",
        2025,
        60.0,
        "<",
    )
    assert pd.isna(row["required_growth"]) and pd.isna(row["gap"])


def test_an_undeciding_bound_leaves_the_latest_point_and_its_required_growth():
    # ">3.5" in 2025 does not decide 3.8%: latest stays 3.75 (2024), required growth 3.8 / 3.75 - 1.
    obs = frame(
        [("海州区", 2023, 3.5, "="), ("海州区", 2024, 3.75, "="), ("海州区", 2025, 3.5, ">")], "rd_share_gdp"
    )
    row = scorecard_frame([assess_target(target("rd_share_gdp", 3.8), obs, compare_models=False)]).iloc[0]
    assert (row["latest_year"], row["latest_value"], row["latest_bound"]) == (2024, 3.75, "=")
    assert row["gap"] == pytest.approx(3.8 - 3.75)
    assert row["required_growth"] == pytest.approx(3.8 / 3.75 - 1)


def test_an_undeciding_bound_is_shown_beside_the_forecast():
    obs = frame(
        [("海州区", 2023, 3.5, "="), ("海州区", 2024, 3.75, "="), ("海州区", 2025, 3.5, ">")], "rd_share_gdp"
    )
    result = assess_target(target("rd_share_gdp", 3.8), obs, compare_models=False)
    assert result.status == "forecast" and 0 <= result.probability <= 1
    note = message_text(result.data_notes[0], "en")
    assert ">3.5%" in note and "does not decide" in note


@pytest.mark.parametrize(
    ("figures", "status"),
    [
        ([(2025, 100.0, ">")], "achieved"),  # more than 100 in 2025 alone: the total over 2024-25 is > 100
        ([(2024, 40.0, "="), (2025, 60.0, ">=")], "achieved"),  # 40 + at least 60 = at least 100
        ([(2024, 40.0, "="), (2025, 50.0, ">=")], "single_point"),  # at least 90: open
        ([(2024, 40.0, "="), (2025, 50.0, "<")], "missed"),  # under 40 + 50 = 90
        ([(2024, 40.0, "="), (2025, 60.0, "<=")], "single_point"),  # at most 100 may still be 100
    ],
)
def test_bounds_settle_a_cumulative_target_when_they_decide_it(figures, status):
    obs = frame([("海州区", y, v, b) for y, v, b in figures], "iur_projects", domain="count")
    result = assess_target(target("iur_projects", 100, kind="cumulative", period_start=2024), obs)
    assert result.status == status


@pytest.mark.parametrize(
    ("figures", "status"),
    [
        ([(2024, 120.0, "="), (2025, 90.0, "<")], "missed"),  # 2025 under 90 breaks the floor of 100
        ([(2024, 120.0, ">"), (2025, 100.0, ">=")], "achieved"),  # both years at or above 100
        ([(2024, 120.0, "="), (2025, 90.0, ">")], "single_point"),  # above 90 may be under 100
    ],
)
def test_bounds_settle_an_annual_floor_when_they_decide_it(figures, status):
    obs = frame([("海州区", y, v, b) for y, v, b in figures], "iur_achievements", domain="count")
    result = assess_target(target("iur_achievements", 100, kind="annual_floor", period_start=2024), obs)
    assert result.status == status


# ---------------------------------------------------------------------------------------------------------
# Years after the deadline


def test_a_figure_after_the_deadline_does_not_break_the_forecast():
    obs = frame(
        [
            ("海州区", 2022, 3.4, "="),
            ("海州区", 2023, 3.5, "="),
            ("海州区", 2024, 3.75, "="),
            ("海州区", 2026, 4.0, "="),
        ],
        "rd_share_gdp",
    )
    result = assess_target(target("rd_share_gdp", 3.8), obs, compare_models=False)
    # the forecast starts after 2024 (the last year up to the deadline) and reaches 2025 in one step
    assert result.status == "forecast" and list(result.forecast.years) == [2025]
    assert 2026 in result.observations["year"].tolist()  # still shown
    note = message_text(result.data_notes[0], "en")
    assert "2026" in note and "after the deadline" in note


def test_a_peer_figure_after_the_deadline_does_not_break_the_rank_target():
    regions = ["海州区", "连云区", "赣榆区", "东海县", "灌云县", "灌南县"]
    points = [
        (r, y, (50.0 if r == "海州区" else 5.0) + (y - 2023), "=") for r in regions for y in (2023, 2024)
    ]
    points.append(("连云区", 2026, 6.0, "="))
    obs = frame(points, "invention_patents_per_10k", domain="level")
    result = assess_target(target("invention_patents_per_10k", 1, "first", "rank"), obs, compare_models=False)
    # 51 against peers at 6 in 2024: ten times ahead, one year to go, so first in (almost) every path
    assert result.status == "forecast" and result.probability > 0.99


def test_assess_with_a_figure_after_the_deadline_runs_from_the_cli(tmp_path, capsys):
    later = row(
        indicator="hte_count",
        unit="家",
        year="2026",
        value="200",
        published="2026-11-01",
        note="预计数 synthetic",
    )
    path = write_csv(tmp_path / "later.csv", [later])
    assert main(["data", "check", str(path)]) == 0
    assert main(["assess", "--data", str(path)]) == 0
    assert "有效高新技术企业数" in capsys.readouterr().out


# ---------------------------------------------------------------------------------------------------------
# Two files, one figure


def test_replaced_values_are_told_in_the_terminal_and_on_the_target_page(tmp_path, capsys):
    first = write_csv(tmp_path / "first.csv", [row(value="3.9")])
    # between two of the researcher's files the newer row says what it replaces (else: an error)
    second = write_csv(
        tmp_path / "second.csv", [row(value="3.95", supersedes="3.9")], header=[*HEADER, "supersedes"]
    )
    assert main(["assess", "--lang", "en", "--data", str(first), str(second)]) == 0
    err = capsys.readouterr().err
    # the terminal names the region by its id, as the files and its other messages about them do
    assert f"海州区 rd_share_gdp 2024: 3.95 ({second} line 2) replaced 3.9 ({first} line 2)" in err
    page = assess_one("rd_share_gdp", data=[str(first), str(second)])
    texts = [replacement_text(r)["zh"] for r in page.replaced]
    # second.csv's 3.95 replaced both the shipped 3.75 and first.csv's 3.9 (which it names)
    assert len(texts) == 2 and all(
        t.startswith(f"海州区 rd_share_gdp 2024：3.95（{second} line 2）") for t in texts
    )
    assert any("取代了3.75（data/raw/observations/" in t for t in texts)
    # an English page names the region in English (it read "海州区 rd_share_gdp 2024: …")
    english = [replacement_text(r)["en"] for r in page.replaced]
    assert all(
        t.startswith(f"Haizhou District rd_share_gdp 2024: 3.95 ({second} line 2) replaced ") for t in english
    )
    assert any(f"取代了3.9（{first} line 2）" in t for t in texts)


# ---------------------------------------------------------------------------------------------------------
# Publication dates


def test_publication_before_the_end_of_the_data_year_is_rejected(tmp_path):
    path = write_csv(tmp_path / "early.csv", [row(published="2024-06-30")])
    [problem] = problems_of(path)
    assert problem.column == "published" and "31 December 2024" in problem.expected
    assert "before the end of 2024" in problem.found and "预计" in problem.fix


def test_publication_in_the_future_is_rejected(tmp_path):
    path = write_csv(tmp_path / "future.csv", [row(published="2099-01-01")])
    [problem] = problems_of(path)
    assert problem.column == "published" and "in the future" in problem.found


def test_a_preliminary_estimate_may_be_published_during_its_year(tmp_path):
    path = write_csv(
        tmp_path / "prelim.csv", [row(year="2025", published="2025-12-20", note="预计数 synthetic")]
    )
    assert read_observation_file(path)["year"].tolist() == [2025]


# ---------------------------------------------------------------------------------------------------------
# What spreadsheets do to files


def test_data_on_a_second_sheet_is_read(tmp_path):
    path = tmp_path / "two.xlsx"
    write_xlsx(path, {"封面": [["海州区科技数据 synthetic"]], "数据": [HEADER, typed_row()]})
    assert read_observation_file(path)["value"].tolist() == [3.9]


def test_several_data_sheets_without_the_template_name_are_an_error_listing_them(tmp_path):
    path = tmp_path / "many.xlsx"
    write_xlsx(path, {"2023": [HEADER, typed_row(year=2023)], "2024": [HEADER, typed_row()]})
    [problem] = problems_of(path)
    assert "'2023' (has the template header), '2024' (has the template header)" in problem.found
    assert "rename the sheet" in problem.fix


def test_a_second_data_sheet_beside_the_template_sheet_is_warned(tmp_path, capsys):
    path = tmp_path / "extra.xlsx"
    write_xlsx(path, {"observations": [HEADER, typed_row()], "more": [HEADER, typed_row(year=2023)]})
    assert main(["data", "check", str(path)]) == 0
    assert "the sheet 'more' also has the template header; it was NOT read" in capsys.readouterr().err


def test_semicolon_separated_csv_is_read(tmp_path):
    path = write_csv(tmp_path / "semi.csv", [row()], sep=";")
    assert read_observation_file(path)[["region", "value"]].values.tolist() == [["海州区", 3.9]]


def test_merged_cell_is_reported_as_merged(tmp_path):
    path = tmp_path / "merged.xlsx"
    wb = write_xlsx(path, {"observations": [HEADER, typed_row(), typed_row(region=None, year=2023)]})
    wb["observations"].merge_cells("A2:A3")
    wb.save(path)
    [problem] = problems_of(path)
    assert (problem.row, problem.column) == ("sheet observations row 3", "region")
    assert "merged cells A2:A3" in problem.found and "unmerge" in problem.fix


def test_formula_without_a_saved_value_is_reported_as_a_formula(tmp_path):
    path = tmp_path / "formula.xlsx"
    write_xlsx(path, {"observations": [HEADER, typed_row(value="=3.8+0.1")]})  # openpyxl saves no result
    [problem] = problems_of(path)
    assert problem.column == "value" and "formula =3.8+0.1" in problem.found and "save it" in problem.fix


def test_slashed_dates_from_an_excel_csv_round_trip_are_accepted(tmp_path):
    path = write_csv(tmp_path / "slash.csv", [row(published="2025/3/15")])
    assert read_observation_file(path)["published"].tolist() == ["2025-03-15"]


@pytest.mark.parametrize("text", ["1_0", "nan", "inf", "3.9%"])
def test_numbers_python_would_take_are_not_figures(tmp_path, text):
    path = write_csv(tmp_path / "num.csv", [row(value=text)])
    [problem] = problems_of(path)
    assert problem.column == "value" and repr(text) in problem.found


def test_data_check_of_a_folder_checks_every_file_in_it(tmp_path, capsys):
    folder = tmp_path / "mine"
    folder.mkdir()
    write_csv(folder / "a.csv", [row()])
    assert main(["data", "check", str(folder)]) == 0
    write_csv(folder / "b.csv", [row(year="2023", value="1_0", published="2024-02-01")])
    assert main(["data", "check", str(folder)]) == 2
    assert f"{folder / 'b.csv'}, line 2, column 'value'" in capsys.readouterr().err


def test_an_empty_folder_says_what_it_expects(tmp_path):
    [problem] = check_files([tmp_path])
    assert "a folder with no .csv or .xlsx file" in problem.found


# ---------------------------------------------------------------------------------------------------------
# Templates, paths and file modes


def test_template_overwrite_message_names_the_real_flag(tmp_path, capsys):
    assert main(["data", "template", "--out", str(tmp_path)]) == 0
    assert main(["data", "template", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "--force" in err and "--overwrite" not in err
    assert main(["data", "template", "--out", str(tmp_path), "--force"]) == 0


def test_relative_path_message_says_where_it_looked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    [problem] = check_files(["my_figures.xlsx"])
    assert str(tmp_path / "my_figures.xlsx") in problem.found and str(tmp_path) in problem.fix


@pytest.fixture
def umask():
    def set_umask(mask: int) -> None:
        os.umask(mask)

    saved = os.umask(0o022)
    yield set_umask
    os.umask(saved)


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o027, 0o640)])
def test_written_files_follow_the_umask(tmp_path, umask, mask, mode):
    umask(mask)
    written = write_templates(tmp_path / "t")
    assert [Path(p).suffix for p in written] == [".csv", ".md", ".xlsx"]
    assert {stat.S_IMODE(Path(p).stat().st_mode) for p in written} == {mode}


def test_parameter_error_is_raised_for_existing_templates(tmp_path):
    write_templates(tmp_path)
    with pytest.raises(ParameterError, match="--force"):
        write_templates(tmp_path)
