"""Plausibility warnings reach the stored judgements and the pages, as codes and numbers turned into words.

The researcher's file is SYNTHETIC (written for the test): 300 valid high-tech enterprises in 2018 after the
public 53 of 2017, a jump no province of the reference panel ever made in one year.
"""

from __future__ import annotations

import math
import re

import pytest

from hzanalysis import views
from hzanalysis.observations import read_observations
from hzanalysis.report import run_report
from hzanalysis.report.plan import plan_pages
from hzanalysis.report.store import Judgements, compute_store

# the jump is the point of these tests: its warning is asserted on the pages, not repeated in pytest's summary
pytestmark = pytest.mark.filterwarnings("ignore::hzanalysis.observations.combine.ObservationWarning")

HEADER = "region,indicator,year,value,unit,bound,source_title,source_url,published,quote,quality,note"
#: hte_count's shipped bounds (derived/plausibility.json): largest one-year fall and rise, log scale.
FALL, RISE = -0.10569, 0.385857


@pytest.fixture
def jump_file(tmp_path):
    path = tmp_path / "own.csv"
    path.write_text(
        f"{HEADER}\n海州区,hte_count,2018,300,家,=,SYNTHETIC test figure,,2019-03-01,示例,"
        "official_statistics,synthetic\n",
        encoding="utf-8",
    )
    return path


def expected_flag(path) -> dict:
    # by hand: 53 * e^-0.10569 = 47.68, 53 * e^0.385857 = 77.96; the later row is line 2 of the file
    return {
        "code": "jump_beyond_panel",
        "region": "海州区",
        "indicator": "hte_count",
        "year_before": 2017,
        "value_before": 53.0,
        "year": 2018,
        "value": 300.0,
        "file": str(path),
        "row": "line 2",
        "low": pytest.approx(53 * math.exp(FALL)),
        "high": pytest.approx(53 * math.exp(RISE)),
        "panel": "hte_valid_stock",
        "panel_years": "2020-2024",
    }


def test_the_source_gives_the_jump_as_codes_and_numbers(jump_file):
    flags = read_observations([jump_file]).plausibility()
    mine = [f for f in flags if f["file"] == str(jump_file)]
    assert len(mine) == 1
    flag = mine[0]
    assert {k: v for k, v in flag.items() if k not in ("file_before", "row_before")} == expected_flag(
        jump_file
    )
    assert flag["file_before"].endswith("haizhou_public_research.csv")
    # a cut-off before the figure was published: the figure is not used, so it is not flagged either
    assert not [f for f in read_observations([jump_file]).plausibility("2019-01-01") if f["year"] == 2018]


def test_the_words_name_the_figure_the_range_and_the_row(jump_file):
    flag = expected_flag(jump_file) | {"low": 53 * math.exp(FALL), "high": 53 * math.exp(RISE)}
    [zh] = views.plausibility_notes([flag], "zh")
    [en] = views.plausibility_notes([flag], "en")
    assert "海州区有效高新技术企业数2018年为300家，是2017年（53家）的5.66倍" in zh
    assert "可信范围为47.68家至77.96家" in zh and "own.csv 第2行" in zh
    assert "Haizhou District, Valid high-tech enterprises, 2018: 300 units, 5.66 times the 2017 figure" in en
    assert "(plausible: 47.68 units to 77.96 units)" in en and "(own.csv line 2)" in en
    assert views.plausibility_notes([], "en") == []


def test_the_stored_judgement_of_the_target_holds_the_warning(jump_file):
    document = compute_store(
        plan="haizhou-2024", data=[jump_file], targets=["hte_count"], parts=("assessments",)
    )
    [record] = document["assessments"]
    mine = [f for f in record["plausibility"] if f["file"] == str(jump_file)]
    assert [{k: v for k, v in f.items() if k not in ("file_before", "row_before")} for f in mine] == [
        expected_flag(jump_file)
    ]
    judged = Judgements(document)
    assert judged.plausibility("hte_count") == record["plausibility"]
    # every implausible figure of the run, for the data-gaps page
    assert any(f["file"] == str(jump_file) for f in judged.plausibility())
    # a target of another indicator does not carry it
    other = compute_store(
        plan="haizhou-2024", data=[jump_file], targets=["rd_share_gdp"], parts=("assessments",)
    )
    assert not [f for f in other["assessments"][0]["plausibility"] if f["indicator"] == "hte_count"]


@pytest.mark.notebook
def test_the_warning_appears_on_the_target_and_data_gaps_pages(jump_file, tmp_path):
    pages = [
        p
        for p in plan_pages(targets=["hte_count"], data=[jump_file])
        if p.notebook in ("10_target.ipynb", "30_data_gaps.ipynb")
    ]
    result = run_report(
        date="2025-06-01", out=tmp_path / "reports", data=[jump_file], targets=["hte_count"], pages=pages
    )
    assert result.exit_code == 0, result.summary()
    for slug in ("10_target-hte_count", "30_data_gaps"):
        html = (result.run_dir / f"{slug}.html").read_text(encoding="utf-8")
        text = re.sub(r"<[^>]+>", "", html)
        assert "可疑数值（照常使用，请核对）" in text, slug
        assert "是2017年（53家）的5.66倍" in text and "可信范围为47.68家至77.96家" in text, slug
