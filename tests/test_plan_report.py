"""A second plan end to end: ``plan draft`` -> review -> ``report --plan FOLDER``, every page run with it.

The plan is drafted from the fictional fixture text; the figures are synthetic and labelled so.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
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
    (run,) = (tmp_path / "reports").glob("2026-06-01-plan_fixture_2030-asof20260601-*")
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
    # Years after the last publishable one are not yet due; the checklist stops at that year.
    last = dt.date.today().year - 1
    assert "尚未到公布时间" in visible_text(gaps)
    period = "2025" if last == 2025 else f"2025–{min(last, 2030)}"  # from the base year 2025
    assert f"数据索取清单（{period}年）" in visible_text(gaps)
    assert_names_only_its_own_plan(run)
    # The same plan in English: every page names the 2030 plan, none the 2024 plan or its deadline.
    assert main(["report", "--plan", str(folder), "--data", str(data), "--targets", "digital_core_share_gdp",
                 "--date", "2026-06-01", "--out", str(tmp_path / "reports"), "--jobs", "2",
                 "--lang", "en"]) == 0  # fmt: skip
    # A past --date implies --as-of that day, so the label names the cut-off too.
    (run_en,) = (tmp_path / "reports").glob("2026-06-01-plan_fixture_2030-asof20260601-en-*")
    assert_names_only_its_own_plan(run_en)
    assert "not yet due" in visible_text((run_en / "30_data_gaps.html").read_text(encoding="utf-8"))


#: What the pages wrote about the 2024 plan's deadline and title; a 2030 plan's pages say none of it
#: (a 2025 figure or publication date of the data may of course appear).
OLD_PLAN_WORDS = (
    "海州区推进科技创新行动方案",
    "action plan for advancing S&T innovation",
    "2025年目标",
    "到2025年",
    "2025年值 / 目标",
    "情景下2025年值",
    "2025年数据公布后",
    "2025 target",
    "by 2025",
    "2025 value as % of target",
    "2025 value in this scenario",
    "the 2025 figure",
    "五大行动",
    "five actions",
    "2021–2025",
)


def visible_text(page: str) -> str:
    """The words a reader sees: no scripts (the chart library), styles or tags."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def assert_names_only_its_own_plan(run: Path) -> None:
    pages = sorted(run.glob("*.html"))
    assert len(pages) >= 5
    for page in pages:
        text = visible_text(page.read_text(encoding="utf-8"))
        # chart titles are in the chart specs (JSON inside the scripts): check those too
        specs = " ".join(re.findall(r"spec = (\{.*?\});", page.read_text(encoding="utf-8")))
        for words in OLD_PLAN_WORDS:
            assert words not in text and words not in specs, (page.name, words)
