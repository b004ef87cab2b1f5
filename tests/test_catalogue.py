"""The one catalogue (issue 15 point 2): indicators and regions typed, checked and read once; a plan's region
and first year taken from its plan.yaml, not from constants.

Catalogue files here are scratch copies of data/raw (or small synthetic ones); the plan is a fictional
county (青石县) written for these tests, with synthetic figures labelled so.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml
from test_assess import synthetic_observations, synthetic_target

from hzanalysis import catalogue, paths
from hzanalysis.assess import assess_target, data_gaps
from hzanalysis.errors import InputError
from hzanalysis.observations import load_indicators, load_regions
from hzanalysis.plan_indicators import match_indicator
from hzanalysis.plans import resolve_plan
from hzanalysis.targets import known_indicators, load_targets

HEADER = ",".join(catalogue.INDICATOR_COLUMNS)
ROW = (
    "synthetic_count,合成计数,Synthetic count,家,count,stock,,区科技局,District S&T Bureau,synthetic,合成数,"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch project: a copy of data/raw, so a test may change its catalogue."""
    root = tmp_path / "project"
    shutil.copytree(paths.raw_dir(), root / "data" / "raw")
    monkeypatch.setenv("HZANALYSIS_ROOT", str(root))
    return root / "data" / "raw"


def _write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------------------
# The records


def test_records_are_typed_and_the_frames_are_built_from_them():
    records = catalogue.indicators()
    rd = records["rd_share_gdp"]
    assert (rd.unit, rd.domain, rd.flow_or_stock, rd.reference_class) == (
        "%",
        "share",
        "ratio",
        "rd_intensity",
    )
    assert rd.names[0] == "全社会研发投入占地区生产总值比重" and "研发经费投入强度" in rd.synonyms
    # invention_patents_granted measures two targets of the 2024 plan (its targets cell lists both)
    assert records["invention_patents_granted"].targets == (
        "invention_patents_annual",
        "invention_patents_cumulative",
    )
    assert records["hte_count"].stock and not records["hte_count"].flow
    assert records["tech_demands"].flow
    frame = load_indicators()
    assert list(frame.columns) == list(catalogue.INDICATOR_COLUMNS)
    assert list(frame["id"]) == list(records)
    assert frame.set_index("id").loc["invention_patents_granted", "targets"] == (
        "invention_patents_annual;invention_patents_cumulative"
    )
    regions = catalogue.regions()
    assert regions["海州区"].peer_group == "lyg_county" and regions["海州区"].parent == "连云港市"
    assert list(load_regions()["id"]) == list(regions)


def test_the_three_readers_see_one_catalogue():
    ids = set(catalogue.indicators())
    assert known_indicators() == ids  # the targets' validation
    assert set(load_indicators()["id"]) == ids  # the observations' frame
    found, _ = match_indicator("研发经费投入强度", list(catalogue.indicators().values()))  # plan drafting
    assert found is catalogue.indicators()["rd_share_gdp"]


def test_read_once_and_again_when_the_file_changes(project):
    first = catalogue.indicators()
    assert catalogue.indicators() is first  # the same records: the file was not read again
    path = project / "indicators.csv"
    path.write_text(path.read_text(encoding="utf-8") + ROW + "\n", encoding="utf-8")
    assert "synthetic_count" in catalogue.indicators()
    assert "synthetic_count" in known_indicators()
    with pytest.raises(TypeError):
        catalogue.indicators()["x"] = first["gdp"]  # type: ignore[index]  # read-only for every reader


# ---------------------------------------------------------------------------------------------------------
# A malformed catalogue: file, line, column, expected, fix; every problem at once


def test_a_row_missing_its_unit_names_the_file_line_and_column(tmp_path):
    path = _write(
        tmp_path / "indicators.csv",
        HEADER,
        ROW,
        ROW.replace("synthetic_count,", "no_unit,").replace(",家,", ",,"),
    )
    with pytest.raises(InputError) as caught:
        catalogue.indicators(path)
    [problem] = caught.value.problems
    assert (problem.file, problem.row, problem.column) == (str(path), "line 3", "unit")
    assert problem.found == "an empty cell" and "no_unit" in problem.fix


def test_every_problem_of_the_catalogue_is_reported_at_once(tmp_path):
    path = _write(
        tmp_path / "indicators.csv",
        HEADER,
        ROW,
        ROW.replace(",count,", ",counts,"),  # line 3: a domain not known, and the id again
        ROW.replace("synthetic_count,", "Bad-Id,").replace(",stock,", ",stocks,"),  # line 4
    )
    with pytest.raises(InputError) as caught:
        catalogue.indicators(path)
    found = {(p.row, p.column) for p in caught.value.problems}
    assert found == {("line 3", "domain"), ("line 3", "id"), ("line 4", "id"), ("line 4", "flow_or_stock")}
    domain = next(p for p in caught.value.problems if p.column == "domain")
    assert domain.expected == "one of level, share, count, amount" and domain.found == "'counts'"


def test_a_header_or_row_the_wrong_shape_is_named(tmp_path):
    no_unit_column = HEADER.replace(",unit", "")
    with pytest.raises(InputError, match=r"line 1, column 'unit': expected the column in the header"):
        catalogue.indicators(_write(tmp_path / "a.csv", no_unit_column, ROW))
    with pytest.raises(InputError, match=r"line 1, column 'units': expected one of the columns id, name_zh"):
        catalogue.indicators(_write(tmp_path / "b.csv", HEADER + ",units", ROW + ","))
    with pytest.raises(InputError, match=r"line 2: expected 12 cells.*found 13 cells"):
        catalogue.indicators(_write(tmp_path / "c.csv", HEADER, ROW + ",extra"))
    with pytest.raises(InputError, match=r"d\.csv: expected a readable UTF-8 CSV file"):
        catalogue.indicators(tmp_path / "d.csv")


def test_a_region_row_with_an_unknown_level_is_named(tmp_path):
    path = _write(tmp_path / "regions.csv", ",".join(catalogue.REGION_COLUMNS), "青石县,Qingshi,town,,")
    with pytest.raises(InputError) as caught:
        catalogue.regions(path)
    [problem] = caught.value.problems
    assert (problem.row, problem.column, problem.found) == ("line 2", "level", "'town'")


def test_a_malformed_project_catalogue_stops_the_registry_with_its_problem(project):
    path = project / "indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[3].startswith("hte_count,")
    lines[3] = lines[3].replace(",家,", ",,", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"indicators\.csv, line 4, column 'unit': expected a value"):
        load_targets()


def test_the_catalogue_alone_decides_which_indicators_a_target_may_name(project):
    # gdp was also in a list written in targets.py; a project whose catalogue lacks it cannot target it.
    path = project / "indicators.csv"
    kept = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("gdp,")]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    assert "gdp" not in known_indicators()
    registry = project / "plans" / "haizhou-2024" / "targets.yaml"
    document = yaml.safe_load(registry.read_text(encoding="utf-8"))
    document["targets"][0]["indicator"] = "gdp"
    registry.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_targets()
    assert [(p.row.split("(id ")[-1].rstrip(")"), p.column) for p in caught.value.problems] == [
        (document["targets"][0]["id"], "indicator")
    ]


# ---------------------------------------------------------------------------------------------------------
# The plan's region and first year come from its plan.yaml


def _qingshi_plan(folder: Path) -> Path:
    """A fictional plan: 青石县, 2026–2028, one level target of 100 high-tech enterprises."""
    folder.mkdir(parents=True)
    plan = {
        "id": folder.name,
        "title_zh": "青石县科技创新行动方案（虚构）",
        "title_en": "Qingshi County S&T plan (fictional)",
        "issuer": "青石县人民政府（虚构）",
        "issued": "2026-03-01",
        "region": "青石县",
        "period_start": 2026,
        "deadline": 2028,
        "actions": {0: ["总体目标", "Overall goals"]},
    }
    (folder / "plan.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    (folder / "plan.txt").write_text("到2028年，全县高新技术企业达到100家。\n", encoding="utf-8")
    target = {
        "id": "hte_count",
        "name_zh": "高新技术企业数",
        "name_en": "High-tech enterprises",
        "action": 0,
        "sections": ["二、目标"],
        "kind": "level",
        "comparator": ">=",
        "value": 100,
        "unit": "家",
        "indicator": "hte_count",
        "deadline": 2028,
        "period_start": None,
        "responsible_units": [],
        "quotes": ["全县高新技术企业达到100家"],
    }
    (folder / "targets.yaml").write_text(
        yaml.safe_dump({"targets": [target]}, allow_unicode=True), encoding="utf-8"
    )
    return folder


def _midterm(assessment) -> float:
    [result] = [r for r in assessment.rule_results if r.rule == "china_midterm"]
    return result.value


def test_a_plan_of_another_region_and_start_year_is_judged_with_them(tmp_path):
    [target] = load_targets(plan=_qingshi_plan(tmp_path / "qingshi-2026"))
    assert (target.plan_region, target.plan_start) == ("青石县", 2026)
    observations = pd.concat(
        [
            synthetic_observations({2023: 40, 2024: 50, 2025: 60, 2026: 70}, region="青石县"),
            synthetic_observations({2023: 5}, region="海州区"),  # not this plan's region
        ],
        ignore_index=True,
    )
    judged = assess_target(target, observations, n_paths=200, compare_models=False)
    assert judged.region == "青石县" and judged.history.to_dict() == {2023: 40, 2024: 50, 2025: 60, 2026: 70}
    # 时间过半: the base is the last figure before the plan's first year 2026, i.e. 2025's 60 (not 2023's 40,
    # the base of a 2024 plan): progress (70 − 60) / (100 − 60) = 0.25, not (70 − 40) / (100 − 40) = 0.5.
    assert _midterm(judged) == pytest.approx(0.25)
    grid = data_gaps([target], observations, years=range(2023, 2027))
    assert grid["state"].tolist() == ["observed"] * 4  # 青石县's figures (海州区 has only 2023)


def test_a_target_built_by_hand_is_read_as_the_default_plans(tmp_path):
    # No plan: the default plan's plan.yaml says 海州区 from 2024, so the base is 2023's figure.
    target = synthetic_target(value=100.0)
    assert (target.plan_region, target.plan_start) == ("", None)
    observations = synthetic_observations({2022: 30, 2023: 40, 2024: 50, 2025: 60})
    judged = assess_target(target, observations, n_paths=200, compare_models=False)
    assert judged.region == "海州区"
    assert _midterm(judged) == pytest.approx((60 - 40) / (100 - 40))


def test_a_plan_is_read_once_and_again_when_its_plan_yaml_changes(tmp_path):
    folder = _qingshi_plan(tmp_path / "qingshi-2026")
    first = resolve_plan(folder)
    assert resolve_plan(str(folder)) is first  # the same record: plan.yaml was not read again
    document = yaml.safe_load((folder / "plan.yaml").read_text(encoding="utf-8"))
    document["region"], document["period_start"] = "白沙县", 2027
    (folder / "plan.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    [target] = load_targets(plan=folder)
    assert (target.plan_region, target.plan_start) == ("白沙县", 2027)
    (folder / "plan.txt").unlink()  # a file the plan names, removed after the first read: still checked
    with pytest.raises(InputError, match=r"plan\.yaml, column 'text'"):
        resolve_plan(folder)
