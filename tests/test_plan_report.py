"""A second plan end to end: ``plan draft`` -> review -> ``report --plan FOLDER``, every page run with it.

The plan is drafted from the fictional fixture text; the figures are synthetic and labelled so.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
import yaml

from hzanalysis.cli import main

pytestmark = pytest.mark.notebook

FIXTURE_PLAN = Path(__file__).parent / "fixtures" / "plans" / "fixture-2030.txt"


def test_second_plan_report_pages_run_with_the_plan_parameter(tmp_path):
    assert main(["plan", "draft", str(FIXTURE_PLAN), "--id", "fixture-2030", "--region", "海州区",
                 "--deadline", "2030", "--out", str(tmp_path)]) == 0  # fmt: skip
    folder = tmp_path / "fixture-2030"
    registry = folder / "targets.yaml"
    document = yaml.safe_load(registry.read_text(encoding="utf-8"))
    for entry in document["targets"]:  # the reviewer's step
        entry["name_en"] = entry["name_en"] or f"(reviewed) {entry['id']}"
    registry.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    data = tmp_path / "synthetic_2030.csv"
    data.write_text(
        "region,indicator,year,value,unit,bound,source_title,source_url,published,quote,quality,note\n"
        + "".join(
            f"海州区,digital_core_share_gdp,{year},{value},%,=,合成测试来源（synthetic）,,{year + 1}-03-01,"
            f"合成数据{value}%,official_statistics,synthetic test row\n"
            for year, value in ((2023, 8.0), (2024, 8.8), (2025, 9.6))
        ),
        encoding="utf-8",
    )
    assert main(["report", "--plan", str(folder), "--data", str(data), "--targets", "digital_core_share_gdp",
                 "--date", "2026-06-01", "--out", str(tmp_path / "reports"), "--jobs", "2"]) == 0  # fmt: skip
    # Another plan is an ad hoc run: its own folder, named after the plan, never "latest".
    (run,) = (tmp_path / "reports").glob("2026-06-01-plan_fixture_2030-*")
    assert not (tmp_path / "reports" / "latest").exists()
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    assert {p["status"] for p in manifest["pages"]} == {"ok"}
    assert manifest["parameters"]["plan"] == str(folder.resolve())
    scorecard = html.unescape((run / "00_scorecard.html").read_text(encoding="utf-8"))
    # The fixture plan's own targets and action names, not the 2024 plan's.
    assert "数字经济核心产业增加值占地区生产总值比重" in scorecard
    assert "企业创新能力提升行动" in scorecard and "招引科技型企业数" in scorecard
    assert "通过评价入库的科技型中小企业数" not in scorecard  # a 2024-plan-only target
    page = html.unescape((run / "10_target-digital_core_share_gdp.html").read_text(encoding="utf-8"))
    # 2025 is not the 2030 plan's deadline: the figure is shown, the target is not settled, no look back yet.
    assert "9.6" in page and "事后回看" not in page
    gaps = html.unescape((run / "30_data_gaps.html").read_text(encoding="utf-8"))
    assert "每万人口高价值发明专利拥有量" in gaps and "2030" in gaps
