"""Compute once, render everywhere: the run's stored judgements (report/store.py), the Word brief and the
Excel workbook rendered from them (report/office.py), and the runner handing the store to its pages.

Observation files here are SYNTHETIC (written by the tests, sentences invented for them).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

import hzanalysis as hz
from hzanalysis.errors import ParameterError, ReportError
from hzanalysis.report import Page, run_report
from hzanalysis.report.office import legend_rows, write_brief, write_workbook
from hzanalysis.report.store import (
    QUANTILES,
    STORE_FILE,
    Judgements,
    compute_store,
    judgements,
    read_store,
    write_store,
)
from hzanalysis.sentences import verdict_sentence

HEADER = "region,indicator,year,value,unit,bound,source_title,source_url,published,quote,quality,note"
#: A SYNTHETIC outturn: 4.0% in 2025 against the 2025 target of at least 3.8%, so the target is achieved.
OWN_QUOTE = "自拟测试句：2025年研发投入占比为4.0%"
OUTTURN = (
    "海州区,rd_share_gdp,2025,4.0,%,=,SYNTHETIC 测试公报,,2026-03-01,"
    f"{OWN_QUOTE},official_statistics,synthetic"
)
# Three targets whose verdicts follow from the rules alone: achieved (the outturn above), qualitative (no
# number in the plan) and, for the tech SMEs, no public figure at all.
TARGETS = ["rd_share_gdp", "core_indicators_lead_city", "tech_smes"]


@pytest.fixture(scope="module")
def own_data(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("store") / "SYNTHETIC_outturn.csv"
    path.write_text(f"{HEADER}\n{OUTTURN}\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def document(own_data) -> dict:
    return compute_store(plan="haizhou-2024", data=[own_data], targets=TARGETS)


@pytest.fixture(scope="module")
def judged(document, tmp_path_factory) -> Judgements:
    path = write_store(document, tmp_path_factory.mktemp("stored") / STORE_FILE)
    return judgements(path)


def test_store_is_plain_json_with_codes(judged):
    text = judged.source.read_text(encoding="utf-8")
    assert "NaN" not in text  # allow_nan=False: null, never a bare NaN that other JSON readers reject
    stored = json.loads(text)
    records = {r["target_id"]: r for r in stored["assessments"]}
    assert list(records) == TARGETS
    assert records["rd_share_gdp"]["status"] == "achieved"
    assert records["rd_share_gdp"]["verdict"]["code"] == "achieved"
    assert records["core_indicators_lead_city"]["verdict"]["code"] == "not_quantifiable"
    assert records["tech_smes"]["status"] == "no_data"
    assert records["tech_smes"]["probability"] is None
    quotes = [
        row[records["rd_share_gdp"]["observations"]["columns"].index("quote")]
        for row in records["rd_share_gdp"]["observations"]["rows"]
    ]
    assert OWN_QUOTE in quotes


def test_look_back_of_a_settled_target_is_stored(judged):
    # Plan issued 2024-02-28, outturn published 2026-03-01: every 1 Jan / 1 Jul in between (2024-07-01,
    # 2025-01-01, 2025-07-01, 2026-01-01) and the publication day itself, oldest first.
    history = judged.as_of_history("rd_share_gdp")
    assert [str(d) for d in history["as_of"]] == [
        "2024-07-01",
        "2025-01-01",
        "2025-07-01",
        "2026-01-01",
        "2026-03-01",
    ]
    assert history["status"].iloc[-1] == "achieved"
    look_back = judged.look_back()
    assert set(look_back["target_id"]) == {"rd_share_gdp"}  # the others are not settled
    assert judged.as_of_history("tech_smes").empty


def test_restored_judgements_match_a_direct_assessment(judged, own_data):
    direct = hz.assess_all(data=[str(own_data)], plan="haizhou-2024").set_index("target_id").loc[TARGETS]
    stored = judged.scorecard().set_index("target_id")
    for column in (
        "status",
        "verdict_code",
        "verdict_zh",
        "latest_value",
        "latest_year",
        "gap",
        "latest_source",
    ):
        pd.testing.assert_series_equal(stored[column], direct[column], check_dtype=False, check_names=False)


def test_a_stored_forecast_keeps_the_fan_chart_quantiles():
    direct = hz.assess_one("rd_share_gdp", plan="haizhou-2024")  # two public points: a forecast
    assert direct.forecast is not None
    restored = judgements(plan="haizhou-2024", targets=["rd_share_gdp"], parts=("assessments",))
    again = restored.one("rd_share_gdp")
    pd.testing.assert_frame_equal(hz.fan_frame(again), hz.fan_frame(direct))
    assert again.probability == direct.probability
    assert verdict_sentence(again, "zh") == verdict_sentence(direct, "zh")
    np.testing.assert_allclose(again.forecast.quantile(QUANTILES), direct.forecast.quantile(QUANTILES))
    with pytest.raises(ParameterError, match="only the quantiles"):
        again.forecast.quantile(0.3)


def test_parallel_judgement_gives_the_same_document(own_data, document, tmp_path):
    # In a process of its own: the store forks its workers only when no other thread runs, and a test
    # session may have some left over, which would make this compare the serial path with itself.
    import subprocess
    import sys

    out = tmp_path / STORE_FILE
    code = (
        "import sys, threading\n"
        "from hzanalysis.report.store import compute_store, write_store\n"
        "assert threading.active_count() == 1\n"
        f"document = compute_store(plan='haizhou-2024', data=[{str(own_data)!r}], targets={TARGETS!r},\n"
        "    jobs=2)\n"
        f"write_store(document, {str(out)!r})\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert read_store(out)["assessments"] == json.loads(json.dumps(document["assessments"]))


def test_a_failing_judgement_fails_only_its_own_target(monkeypatch):
    import hzanalysis.assess

    real = hzanalysis.assess.assess_target

    def flaky(target, *args, **kwargs):
        if target.id == "tech_smes":
            raise ValueError("SYNTHETIC failure")
        return real(target, *args, **kwargs)

    monkeypatch.setattr(hzanalysis.assess, "assess_target", flaky)
    judged = judgements(
        plan="haizhou-2024", targets=["tech_smes", "core_indicators_lead_city"], parts=("assessments",)
    )
    assert judged.one("core_indicators_lead_city").status == "qualitative"
    with pytest.raises(ReportError, match="SYNTHETIC failure"):
        judged.one("tech_smes")


def test_a_changed_data_file_is_read_again_by_the_next_computation(tmp_path):
    """In JupyterLab the reader edits their file and runs the page again: the new figure must count."""
    path = tmp_path / "SYNTHETIC_mine.csv"
    row = "海州区,tech_smes,2024,{},家,=,SYNTHETIC 测试,,2025-03-01,自拟测试句,official_statistics,synthetic"
    path.write_text(f"{HEADER}\n{row.format(500)}\n", encoding="utf-8")
    first = judgements(plan="haizhou-2024", data=[path], targets=["tech_smes"], parts=("assessments",))
    path.write_text(f"{HEADER}\n{row.format(650)}\n", encoding="utf-8")
    second = judgements(plan="haizhou-2024", data=[path], targets=["tech_smes"], parts=("assessments",))
    assert first.scorecard()["latest_value"].tolist() == [500]
    assert second.scorecard()["latest_value"].tolist() == [650]


def test_a_file_that_is_not_a_store_is_refused_by_name(tmp_path):
    bad = tmp_path / "assessments.json"
    bad.write_text('{"schema": 99}', encoding="utf-8")
    with pytest.raises(ParameterError, match=r"assessments.json: expected schema 3; found 99"):
        read_store(bad)
    with pytest.raises(ParameterError, match=r"missing\.json"):
        read_store(tmp_path / "missing.json")
    with pytest.raises(ParameterError, match="unknown part"):
        compute_store(plan="haizhou-2024", parts=("pages",))


# ---------------------------------------------------------------------------------------------------------
# Word and Excel


def test_word_brief_reads_back(judged, tmp_path):
    import docx

    path = write_brief(judged, tmp_path / "brief.docx", date="2026-12-01", lang="zh")
    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "海州区推进科技创新行动方案" in text.splitlines()[0]
    assert "报告日期：2026-12-01；数据截至：" in text  # the date and the cut-off, in Chinese punctuation
    assert "SYNTHETIC_outturn.csv" in text  # the reader's own file is named
    scorecard, legend = document.tables
    assert len(scorecard.rows) == 1 + len(TARGETS)
    verdicts = [row.cells[-1].text for row in scorecard.rows[1:]]
    assert verdicts == ["已实现", "定性目标", "数据不足"]
    # one sentence per target, each naming its target
    sentences = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert len(sentences) == len(TARGETS)
    assert "已实现" in sentences[0] and "定性目标" in sentences[1]
    legend_text = {row.cells[0].text: row.cells[1].text for row in legend.rows}
    assert legend_text["很可能"] == "P ≥ 90%" and legend_text["极不可能"] == "P < 10%"
    assert legend_text["可能"] == "66% ≤ P < 90%"
    section = document.sections[0]
    assert abs(section.page_width.cm - 21.0) < 0.01 and abs(section.page_height.cm - 29.7) < 0.01


def test_excel_workbook_reads_back_in_english(judged, tmp_path):
    import openpyxl

    path = write_workbook(judged, tmp_path / "workbook.xlsx", date="2026-12-01", lang="en")
    workbook = openpyxl.load_workbook(str(path))
    assert workbook.sheetnames == ["Scorecard", "Observations", "About"]
    sheet = workbook["Scorecard"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Target id", "Action", "Target"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == TARGETS
    verdict = {r[0]: r[header.index("Verdict")] for r in rows}
    assert verdict == {
        "rd_share_gdp": "achieved",
        "core_indicators_lead_city": "not quantifiable",
        "tech_smes": "insufficient data",
    }
    probability = header.index("P(met), number")
    # an observed outturn is certain (1 when achieved); unscored targets have no probability: an empty cell
    assert [r[probability] for r in rows] == [1, None, None]
    observations = workbook["Observations"]
    quote_column = [c.value for c in observations[1]].index("Quote")
    quotes = [r[quote_column] for r in observations.iter_rows(min_row=2, values_only=True)]
    assert OWN_QUOTE in quotes
    quality_column = [c.value for c in observations[1]].index("Quality")
    own = next(r for r in observations.iter_rows(min_row=2, values_only=True) if r[quote_column] == OWN_QUOTE)
    assert own[quality_column] == "official statistics"  # the grade in words, not the code


def test_workbook_probability_is_a_number_formatted_as_a_percentage(tmp_path):
    import openpyxl

    judged = judgements(plan="haizhou-2024", targets=["rd_share_gdp"], parts=("assessments",))
    expected = judged.one("rd_share_gdp").probability
    assert 0 < expected < 1
    path = write_workbook(judged, tmp_path / "workbook.xlsx", date="2026-12-01", lang="zh")
    sheet = openpyxl.load_workbook(str(path))["目标总览"]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("达成概率（数值）") + 1)
    assert math.isclose(cell.value, expected) and cell.number_format == "0%"


def test_legend_covers_every_verdict_word_in_both_languages():
    from hzanalysis import rules

    for lang in ("zh", "en"):
        words = {word for word, _ in legend_rows(lang)}
        for verdict in (
            rules.VERY_LIKELY,
            rules.UNLIKELY,
            rules.ACHIEVED,
            rules.MISSED,
            rules.INSUFFICIENT_DATA,
        ):
            assert (verdict.en if lang == "en" else verdict.zh) in words


# ---------------------------------------------------------------------------------------------------------
# The runner hands the store to its pages


def _reader_notebook(folder: Path) -> Path:
    """A SYNTHETIC page that prints which file it was given and which targets it found there."""
    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell('assessments_file = None\nplan = "haizhou-2024"')
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [
        parameters,
        nbformat.v4.new_code_cell(
            "import hzanalysis as hz\n"
            "judged = hz.judgements(\n"
            '    assessments_file, plan=plan, targets=["tech_smes"], parts=("assessments",)\n'
            ")\n"
            'print("FILE", assessments_file)\n'
            'print("IDS", ",".join(judged.target_ids))'
        ),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(folder / "reader.ipynb"))
    return folder


def _printed(run_dir: Path) -> str:
    nb = nbformat.read(str(run_dir / "notebooks" / "reader.ipynb"), as_version=4)
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))


@pytest.mark.notebook
def test_runner_computes_once_and_pages_read_the_store(tmp_path):
    nb_dir = _reader_notebook(tmp_path / "nb")
    pages = [Page("reader.ipynb", "reader", "合成", "Synthetic", {"plan": "haizhou-2024"})]
    common = dict(out=tmp_path / "reports", pages=pages, notebooks_dir=nb_dir, progress=False, jobs=1)
    result = run_report(date="2026-01-01", targets=["core_indicators_lead_city", "tech_smes"], **common)
    assert result.exit_code == 0, result.summary()
    printed = _printed(result.run_dir)
    # the page found every target of the plan (a run's scorecard covers them all, whatever --targets
    # says): it read the store, not its own one-target computation
    registry = [t.id for t in hz.load_targets(plan="haizhou-2024")]
    assert f"IDS {','.join(registry)}" in printed
    assert printed.split("FILE ", 1)[1].split()[0].endswith(f"/{STORE_FILE}")
    manifest = json.loads(result.manifest_path.read_text(encoding="utf-8"))
    import hashlib

    stored = result.run_dir / STORE_FILE
    assert manifest["judgements"]["sha256"] == hashlib.sha256(stored.read_bytes()).hexdigest()
    assert manifest["judgements"]["targets"] == len(registry)
    stored_records = {r["target_id"]: r for r in read_store(stored)["assessments"]}
    # the model comparison only for the targets with a page: a forecast target outside --targets has none
    assert stored_records["rd_share_gdp"]["status"] == "forecast"
    assert stored_records["rd_share_gdp"]["model_probabilities"] == {}
    assert {o["file"] for o in manifest["outputs"]} == {"brief.docx", "workbook.xlsx"}
    index = result.index_path.read_text(encoding="utf-8")
    for name in ("brief.docx", "workbook.xlsx", STORE_FILE):
        assert f'href="{name}"' in index and (result.run_dir / name).is_file()

    # the previous design, kept for the benchmark: each page computes what it shows, nothing is stored
    before = run_report(
        date="2026-01-02", targets=["core_indicators_lead_city", "tech_smes"], compute_once=False, **common
    )
    assert before.exit_code == 0, before.summary()
    assert "FILE None" in _printed(before.run_dir) and "IDS tech_smes" in _printed(before.run_dir)
    assert not (before.run_dir / STORE_FILE).exists() and not (before.run_dir / "brief.docx").exists()
