"""Figures that make no sense, and inputs that disagree (issue 14, point 4).

Impossible values fail ``data check`` (and every command that loads data) naming file, row and column;
figures far from the unit's own history or from every province's range are warnings with the reason; two
inputs giving one figure different values are an error unless the newer row says what it supersedes, and
the outcome never depends on the order of the files. Every row written here is synthetic test data.
"""

from __future__ import annotations

import csv
import json
import warnings
from pathlib import Path

import openpyxl
import pytest

from hzanalysis.cli import main
from hzanalysis.derive.calibration import dump_json
from hzanalysis.derive.panel_files import reference_dir
from hzanalysis.derive.plausibility import build_bounds
from hzanalysis.errors import InputError
from hzanalysis.observations import (
    ObservationWarning,
    check_files,
    inspect_files,
    load_observations,
    read_observation_file,
    series,
    write_templates,
)
from hzanalysis.observations.plausible import PLAUSIBILITY_PATH, shipped_bounds
from hzanalysis.observations.schema import OBSERVATION_COLUMNS, TEMPLATE_COLUMNS

HEADER = list(TEMPLATE_COLUMNS)
GOOD = {
    "region": "海州区",
    "indicator": "hte_count",
    "year": "2025",
    "value": "298",
    "unit": "家",
    "bound": "=",
    "source_title": "合成测试来源 synthetic test source",
    "source_url": "",
    "published": "2026-02-01",
    "quote": "synthetic",
    "quality": "official_media",
    "note": "synthetic test row",
    "supersedes": "",
}


def row(**changes: str) -> dict[str, str]:
    return {**GOOD, **changes}


def write_csv(path: Path, rows: list[dict[str, str]], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        for r in rows:
            writer.writerow([r.get(c, "") for c in header])
    return path


def only_problem(path: Path):
    with pytest.raises(InputError) as info:
        read_observation_file(path)
    [problem] = info.value.problems
    return problem


def quiet_load(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ObservationWarning)
        return load_observations(*args, **kwargs)


# ---------------------------------------------------------------------------------------------------------
# Impossible values: errors


@pytest.mark.parametrize(
    ("indicator", "unit", "value", "expected"),
    [
        ("hte_count", "家", "1e300", "below 1e+09"),  # passed as "1e+300家 100% 已实现" before
        ("tech_contract_value", "亿元", "2e9", "below 1e+09"),  # 200 times the world's GDP
        ("tech_contract_value", "亿元", "1e400", "a finite number"),  # overflows to infinity
        ("tech_contract_value", "亿元", "inf", "a finite number"),
        ("tech_contract_value", "亿元", "NaN", "a finite number"),
        ("tech_contract_value", "亿元", "#DIV/0!", "a finite number"),  # an Excel error saved to CSV
        ("rd_share_gdp", "%", "100.5", "strictly between 0 and 100"),
        ("rd_share_gdp", "%", "-0.4", "strictly between 0 and 100"),
        ("hte_count", "家", "298.5", "a whole number"),
    ],
)
def test_impossible_values_fail_naming_file_row_and_column(
    tmp_path, capsys, indicator, unit, value, expected
):
    path = write_csv(tmp_path / "mine.csv", [row(indicator=indicator, unit=unit, value=value)])
    problem = only_problem(path)
    assert (problem.file, problem.row, problem.column) == (str(path), "line 2", "value")
    assert expected in problem.expected and value in problem.found and problem.fix
    assert main(["data", "check", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}, line 2, column 'value': expected" in err and expected in err


def test_an_impossible_value_stops_assess_and_report_with_the_same_message(tmp_path, capsys):
    path = write_csv(tmp_path / "mine.csv", [row(value="1e300")])
    assert main(["data", "check", str(path)]) == 2
    checked = capsys.readouterr().err
    line = next(x.strip() for x in checked.splitlines() if "line 2" in x)
    out_csv = tmp_path / "table.csv"
    assert main(["assess", "--data", str(path), "--csv", str(out_csv)]) == 2
    assert line in capsys.readouterr().err
    assert not out_csv.exists()
    reports = tmp_path / "reports"
    assert main(["report", "--data", str(path), "--out", str(reports), "--wait", "0"]) == 2
    assert line in capsys.readouterr().err
    assert not reports.exists()


# ---------------------------------------------------------------------------------------------------------
# Implausible values: warnings with the reason


def test_the_shipped_bounds_come_from_the_reference_panels():
    bounds = shipped_bounds()
    # one entry per reference panel; the high-tech stock class is the provinces 2020-2024
    assert set(bounds) == {
        "hte_count",
        "invention_patents_granted",
        "invention_patents_per_10k",
        "rd_expenditure",
        "rd_share_gdp",
        "tech_contract_value",
    }
    hte = bounds["hte_count"]
    assert (hte.units, hte.years, hte.ceiling) == (31, "2020-2024", 1e5)
    assert hte.fall < 0 < hte.rise
    assert bounds["rd_share_gdp"].ceiling is None  # a share is bounded by 100 anyway
    # the one-year extremes are those of the shipped reference class (its 1-year quantiles at p=0 and p=1)
    classes = json.loads((PLAUSIBILITY_PATH.parent / "reference_classes.json").read_text(encoding="utf-8"))
    q1 = classes["classes"]["hte_valid_stock"]["quantiles"]["1"]
    assert (hte.fall, hte.rise) == (q1[0], q1[-1])


@pytest.mark.skipif(not reference_dir().exists(), reason="reference panels (build inputs) not found")
def test_the_shipped_bounds_are_regenerated_byte_for_byte_by_make_calibrate():
    assert dump_json(build_bounds()) == PLAUSIBILITY_PATH.read_text(encoding="utf-8")


def test_a_jump_no_province_ever_made_is_a_warning_naming_both_rows(tmp_path, capsys):
    # 海州区 had 53 valid high-tech enterprises in 2017 (shipped public file, line 2). The panel's largest
    # one-year moves are -0.10569 and +0.385857 in log: 53*exp(-0.10569) = 47.68, 53*exp(0.385857) = 77.96.
    path = write_csv(tmp_path / "mine.csv", [row(year="2018", value="530", published="2019-02-01")])
    found = inspect_files([path])
    assert found.problems == []
    [warning] = found.warnings
    assert (warning.file, warning.row, warning.column) == (str(path), "line 2", "value")
    assert "between 47.68 and 77.96" in warning.expected
    assert "53 in 2017 (data/raw/observations/haizhou_public_research.csv line 2)" in warning.expected
    assert "10 times the earlier figure in 1 year" in warning.found
    assert main(["data", "check", str(path)]) == 0  # a warning never blocks
    captured = capsys.readouterr()
    assert f"warning: {path}, line 2, column 'value'" in captured.err
    assert "1 warning(s)" in captured.out
    with pytest.warns(ObservationWarning, match="between 47.68 and 77.96"):
        load_observations([path])


@pytest.mark.parametrize(
    ("year", "value", "warned"),
    [
        ("2018", "70", False),  # +32% in a year: inside the panel's +47%
        ("2018", "80", True),  # +51%: more than any province's largest one-year rise
        ("2018", "45", True),  # -16%: more than the largest fall (-10%)
        # within 3 years the panel's largest rise is 1.043501 (log): 53 * exp(1.043501) = 150.5. The old
        # bound, the one-year rise times 3 (53 * exp(3 * 0.385857) = 168.0), let 160 pass: no province
        # ever kept up its largest one-year rise for three years.
        ("2020", "150", False),
        ("2020", "160", True),
        # beyond the panel's longest span (4 years, largest rise 1.237364) its rise per year carries on:
        # 8 years allow 1.237364 * 8 / 4 = 2.4747, i.e. up to 53 * exp(2.4747) = 629.9
        ("2025", "300", False),  # ln(300/53) = 1.733
        ("2025", "3000", True),  # ln(3000/53) = 4.036
    ],
)
def test_the_jump_bound_is_the_panels_largest_move_within_the_span(tmp_path, year, value, warned):
    published = f"{int(year) + 1}-02-01"
    path = write_csv(tmp_path / "mine.csv", [row(year=year, value=value, published=published)])
    assert bool(inspect_files([path]).warnings) is warned


def test_a_share_jump_is_judged_on_the_logit_scale(tmp_path):
    # 海州区 R&D share: 2.68% in 2017. logit(0.0268) = ln(0.0268 / 0.9732) = -3.5922; + 0.518606 = -3.0736;
    # 1 / (1 + exp(3.0736)) = 4.421%. A 2018 figure of 26.8 (a misplaced decimal point) is far above;
    # 4.2 is inside.
    bad = write_csv(
        tmp_path / "bad.csv",
        [row(indicator="rd_share_gdp", unit="%", year="2018", value="26.8", published="2019")],
    )
    warning, after = inspect_files([bad]).warnings
    assert warning.file == str(bad) and "and 4.421:" in warning.expected and "logit" in warning.expected
    # and the public 3.75 of 2024 is far below the bad 26.8 of six years before: logit(0.268) = -1.0045;
    # the largest fall within 6 years, -0.457861, reaches -1.4624 -> 18.81%
    assert after.file.endswith("haizhou_public_research.csv") and "between 18.81 and" in after.expected
    assert f"26.8 in 2018 ({bad} line 2)" in after.expected
    ok = write_csv(
        tmp_path / "ok.csv",
        [row(indicator="rd_share_gdp", unit="%", year="2018", value="4.2", published="2019")],
    )
    assert inspect_files([ok]).warnings == []


def test_a_share_far_beyond_any_provinces_move_over_years_is_a_warning(tmp_path):
    # 海州区 R&D share 2.68% in 2017; a 2024 figure of 38 (3.8 typed with a wrong decimal point). The
    # largest rise of logit any province made within 7 years is 0.834638: logit(0.0268) = -3.5922,
    # -3.5922 + 0.834638 = -2.7576 -> 1 / (1 + exp(2.7576)) = 5.966%. The old bound (0.518606 a year for
    # 7 years: up to 50.9%) let it pass.
    path = write_csv(
        tmp_path / "mine.csv",
        [row(indicator="rd_share_gdp", unit="%", year="2024", value="38", published="2025")],
    )
    warnings_found = inspect_files([path]).warnings
    assert len(warnings_found) == 1
    assert "and 5.966:" in warnings_found[0].expected and "in 7 years" in warnings_found[0].expected


def test_the_moves_within_a_span_never_shrink_and_never_exclude_no_change():
    for bounds in shipped_bounds().values():
        assert bounds.falls[0] == bounds.fall and bounds.rises[0] == bounds.rise
        for k in range(1, len(bounds.falls)):
            assert bounds.falls[k] <= bounds.falls[k - 1] <= 0 <= bounds.rises[k - 1] <= bounds.rises[k]


def test_without_a_panel_a_tenfold_change_is_a_warning(tmp_path):
    # 海州区 省级以上研发机构: 93 in 2017 (public); 930 in 2018 is ten times that, 500 is not
    def warned(value: str) -> list:
        path = write_csv(
            tmp_path / f"p{value}.csv",
            [row(indicator="prov_rd_institutions", year="2018", value=value, published="2019-02-01")],
        )
        return inspect_files([path]).warnings

    [warning] = warned("930")
    assert "within a factor of 10" in warning.expected and "no reference panel" in warning.expected
    assert warned("500") == []


def test_a_figure_above_every_province_is_a_warning_even_without_history(tmp_path):
    # 连云区 has no hte_count in the shipped data; 300000 is above the panel's ceiling of 1e5
    path = write_csv(tmp_path / "mine.csv", [row(region="连云区", value="300000")])
    [warning] = inspect_files([path]).warnings
    assert (
        warning.row == "line 2" and "below 100000" in warning.expected and "31 provinces" in warning.expected
    )
    assert "3 times that ceiling" in warning.found
    assert inspect_files([write_csv(tmp_path / "ok.csv", [row(region="连云区", value="900")])]).warnings == []


def test_the_shipped_data_raises_no_plausibility_warning():
    assert inspect_files().warnings == []


# ---------------------------------------------------------------------------------------------------------
# Two inputs, one figure


def two_files(tmp_path: Path, second: dict[str, str] | None = None) -> tuple[Path, Path]:
    a = write_csv(tmp_path / "a.csv", [row()])
    b = write_csv(tmp_path / "b.csv", [second or row(value="305", published="2026-03-01")])
    return a, b


def test_two_files_that_disagree_are_an_error_in_either_order(tmp_path, capsys):
    a, b = two_files(tmp_path)
    messages = []
    for order in ([a, b], [b, a]):
        [problem] = check_files(order)
        assert (problem.file, problem.row, problem.column) == (str(b), "line 2", "value")
        assert f"305 here but 298 in {a} line 2" in problem.found
        assert "supersedes" in problem.fix
        with pytest.raises(InputError, match="305 here but 298"):
            quiet_load(order)
        assert main(["data", "check", *map(str, order)]) == 2
        messages.append(capsys.readouterr().err)
    assert messages[0] == messages[1]  # the verdict and its message do not depend on the order


def test_disagreeing_files_stop_assess_and_report_with_the_same_message(tmp_path, capsys):
    a, b = two_files(tmp_path)
    assert main(["data", "check", str(a), str(b)]) == 2
    line = next(x.strip() for x in capsys.readouterr().err.splitlines() if "305 here" in x)
    out_csv = tmp_path / "table.csv"
    assert main(["assess", "--data", str(b), str(a), "--csv", str(out_csv)]) == 2
    assert line in capsys.readouterr().err and not out_csv.exists()
    reports = tmp_path / "reports"
    assert main(["report", "--data", str(a), str(b), "--out", str(reports), "--wait", "0"]) == 2
    assert line in capsys.readouterr().err and not reports.exists()


@pytest.mark.parametrize("claim", ["298", "yes", "是", "a.csv", "a.csv line 2", "A.CSV line 2"])
def test_the_row_that_says_what_it_supersedes_wins_in_either_order(tmp_path, capsys, claim):
    a, b = two_files(tmp_path, row(value="305", published="2026-03-01", supersedes=claim))
    for order in ([a, b], [b, a]):
        assert check_files(order) == []
        obs = quiet_load(order)
        assert series(obs, "hte_count", "海州区").to_dict() == {2017: 53.0, 2025: 305.0}
        [gone] = obs.attrs["superseded"]
        assert (gone["value"], gone["file"], gone["row"]) == (298.0, str(a), "line 2")
        assert (gone["value_by"], gone["superseded_by"]) == (305.0, str(b))
    assert main(["data", "check", str(a), str(b)]) == 0
    assert f"305 ({b} line 2) replaced 298 ({a} line 2)" in capsys.readouterr().out


@pytest.mark.parametrize("claim", ["300", "a.csv line 3", "other.csv", "bureau.xlsx", "data.csv"])
def test_a_supersedes_cell_that_names_no_other_row_is_an_error(tmp_path, claim):
    a, b = two_files(tmp_path, row(value="305", published="2026-03-01", supersedes=claim))
    [problem] = check_files([a, b])
    assert (problem.file, problem.row, problem.column) == (str(b), "line 2", "supersedes")
    assert f"298 in {a} line 2" in problem.expected and repr(claim) in problem.found


def test_rows_that_supersede_each_other_are_an_error(tmp_path):
    a = write_csv(tmp_path / "a.csv", [row(supersedes="305")])
    b = write_csv(tmp_path / "b.csv", [row(value="305", supersedes="298")])
    [problem] = check_files([a, b])
    assert "each say they supersede" in problem.found and str(a) in problem.found and str(b) in problem.found


def test_files_that_agree_are_not_a_conflict(tmp_path):
    a = write_csv(tmp_path / "a.csv", [row()])
    b = write_csv(tmp_path / "b.csv", [row(source_title="另一来源 synthetic")])
    found = inspect_files([a, b])
    assert found.problems == [] and found.replaced == []  # nothing changes value, nothing to tell
    assert series(quiet_load([b, a]), "hte_count", "海州区")[2025] == 298.0


def test_a_supersedes_cell_with_nothing_to_replace_is_only_a_warning(tmp_path):
    path = write_csv(tmp_path / "mine.csv", [row(supersedes="yes")])
    found = inspect_files([path])
    assert found.problems == []
    [warning] = found.warnings
    assert warning.column == "supersedes" and "no other input has 海州区 hte_count 2025" in warning.found


def test_a_researchers_row_still_replaces_the_public_one_without_saying_so(tmp_path, capsys):
    # 海州区 R&D share 2024 is 3.75 in the shipped data; the researcher's file brings 3.71
    mine = write_csv(
        tmp_path / "mine.csv",
        [row(indicator="rd_share_gdp", unit="%", year="2024", value="3.71", published="2026-02-01")],
    )
    assert main(["data", "check", str(mine)]) == 0
    out = capsys.readouterr().out
    assert f"海州区 rd_share_gdp 2024: 3.71 ({mine} line 2) replaced 3.75 (data/raw/observations/" in out
    assert series(quiet_load([mine]), "rd_share_gdp", "海州区")[2024] == 3.71


def test_as_of_shows_the_figure_that_was_published_by_then(tmp_path):
    a, b = two_files(tmp_path, row(value="305", published="2026-03-01", supersedes="298"))
    assert series(quiet_load([b, a], as_of="2026-02-15"), "hte_count", "海州区")[2025] == 298.0
    assert series(quiet_load([b, a], as_of="2026-03-01"), "hte_count", "海州区")[2025] == 305.0


def test_files_without_the_supersedes_column_are_still_read(tmp_path):
    path = write_csv(tmp_path / "old.csv", [row()], header=list(OBSERVATION_COLUMNS))
    assert check_files([path]) == []


def test_the_templates_carry_and_explain_the_supersedes_column(tmp_path):
    csv_path, readme, xlsx = write_templates(tmp_path)
    assert csv_path.read_text(encoding="utf-8-sig").splitlines()[0].endswith(",supersedes")
    assert "supersedes" in readme.read_text(encoding="utf-8")
    workbook = openpyxl.load_workbook(xlsx)
    assert [c.value for c in workbook["observations"][1]][-1] == "supersedes"
    help_rows = {r[0]: r for r in workbook["说明"].iter_rows(values_only=True) if r and r[0]}
    zh, en = help_rows["supersedes"][1], help_rows["supersedes"][2]
    assert "是" in zh and "被替换的数值" in zh and "yes" in en and "the value it replaces" in en
    # a workbook filled in from the template, with the supersedes cell typed as a number, is understood
    sheet = workbook["observations"]
    values = {**GOOD, "year": 2025, "value": 305, "supersedes": 298, "note": "synthetic test row"}
    for column, name in enumerate(TEMPLATE_COLUMNS, start=1):
        sheet.cell(row=2, column=column, value=values[name])
    workbook.save(xlsx)
    a = write_csv(tmp_path / "a.csv", [row()])
    assert check_files([a, xlsx]) == []
    assert series(quiet_load([xlsx, a]), "hte_count", "海州区")[2025] == 305.0


def test_a_csv_row_typed_without_the_last_optional_column_is_read(tmp_path):
    # the template header ends with supersedes; a hand-typed row that stops after the note has 12 fields
    path = tmp_path / "typed.csv"
    values = [GOOD[c] for c in OBSERVATION_COLUMNS]
    path.write_text(",".join(HEADER) + "\n" + ",".join(values) + "\n", encoding="utf-8")
    assert check_files([path]) == []
    # one more missing field is still a ragged row
    path.write_text(",".join(HEADER) + "\n" + ",".join(values[:-1]) + "\n", encoding="utf-8")
    [problem] = check_files([path])
    assert "13 fields like the header" in problem.expected and "11 fields" in problem.found


def test_a_chinese_file_name_and_row_in_the_supersedes_cell(tmp_path):
    a = write_csv(tmp_path / "科技局报送.csv", [row()])
    b = write_csv(
        tmp_path / "b.csv", [row(value="305", published="2026-03-01", supersedes="见科技局报送.csv第2行")]
    )
    assert check_files([a, b]) == []
    wrong = write_csv(
        tmp_path / "c.csv", [row(value="305", published="2026-03-01", supersedes="科技局报送.csv第3行")]
    )
    [problem] = check_files([a, wrong])
    assert problem.column == "supersedes"


def test_one_file_given_twice_is_read_once(tmp_path):
    path = write_csv(tmp_path / "mine.csv", [row(supersedes="yes")])
    found = inspect_files([path, tmp_path])  # the file, and its folder
    assert found.problems == []
    assert series(quiet_load([path, tmp_path]), "hte_count", "海州区")[2025] == 298.0


def test_rows_that_replace_each_other_with_one_value_change_nothing(tmp_path):
    a = write_csv(tmp_path / "a.csv", [row(supersedes="yes")])
    b = write_csv(tmp_path / "b.csv", [row(supersedes="yes")])
    assert check_files([a, b]) == []
