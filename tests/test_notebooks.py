"""The real notebooks, executed through the report runner, and the exported report opened in Chromium.

One report is built per session with a subset of targets that covers every branch of the target page
(forecast, one point, rank with peers missing, no data, cumulative, every-year floor, qualitative).
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
from pathlib import Path

import pytest

from hzanalysis.paths import notebooks_dir
from hzanalysis.report import plan_pages, run_report
from hzanalysis.targets import load_targets

sys.path.insert(0, str(Path(__file__).parent))
from browser import check_pages, chromium_available, pdf_page_count, session

pytestmark = pytest.mark.notebook

BRANCHES = [
    "rd_share_gdp",  # two points: short-series forecast
    "hte_count",  # one point: gap and required growth only
    "invention_patents_per_10k",  # rank: peers lack data
    "tech_contract_value",  # cumulative, no data
    "invention_patents_annual",  # every-year floor, no data
    "core_indicators_lead_city",  # qualitative
]
SCREENSHOTS = Path(os.environ.get("HZ_SCREENSHOTS", Path(__file__).parents[1] / "build" / "screenshots"))


def needs_browser() -> None:
    if not chromium_available():
        if os.environ.get("CI"):
            pytest.fail("CI is set but /usr/bin/chromium is missing", pytrace=False)
        pytest.skip("no /usr/bin/chromium (and CI is not set)")


@pytest.fixture(scope="session")
def real_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("real") / "reports"
    return run_report(date="2026-01-05", out=out, targets=BRANCHES, jobs=2, progress=False)


def test_every_notebook_runs_through_the_runner(real_report):
    assert real_report.exit_code == 0, real_report.summary()
    ran = {Path(p.page.notebook).name for p in real_report.pages}
    assert ran == {p.name for p in notebooks_dir().glob("*.ipynb")}
    manifest = json.loads(real_report.manifest_path.read_text(encoding="utf-8"))
    statuses = {page["slug"]: page["status"] for page in manifest["pages"]}
    assert set(statuses) == {"00_scorecard", "20_reliability", "30_data_gaps", "40_scenarios"} | {
        f"10_target-{t}" for t in BRANCHES
    }
    assert set(statuses.values()) == {"ok"}


def test_scorecard_lists_every_target_of_the_plan(real_report):
    page = (real_report.run_dir / "00_scorecard.html").read_text(encoding="utf-8")
    for target in load_targets():
        assert html.escape(target.name_zh, quote=False) in page, target.id
    assert "3.75%（2024）" in page  # the real latest R&D share and its year


def test_target_page_shows_probability_source_and_missing_data(real_report):
    rd = (real_report.run_dir / "10_target-rd_share_gdp.html").read_text(encoding="utf-8")
    assert "达到3.8%的概率约为" in rd and "http://www.cucur.cn/i30024.htm" in rd
    hte = (real_report.run_dir / "10_target-hte_count.html").read_text(encoding="utf-8")
    assert "仅有一个观测值" in hte and "区科技局" in hte
    rank = (real_report.run_dir / "10_target-invention_patents_per_10k.html").read_text(encoding="utf-8")
    assert "灌南县" in rank  # names the peers whose figures are missing


def test_pages_render_the_stored_judgements_not_their_own(real_report, tmp_path):
    """The run's target page, executed again on a copy of its assessments.json whose probability and verdict
    were changed by hand, shows the changed ones: the page renders the store, it does not recompute."""
    import papermill

    from hzanalysis.report import KERNEL_NAME

    document = json.loads((real_report.run_dir / "assessments.json").read_text(encoding="utf-8"))
    record = next(r for r in document["assessments"] if r["target_id"] == "rd_share_gdp")
    assert record["status"] == "forecast"
    record["probability"] = 0.123  # 12%: "unlikely" on the likelihood scale (0.10 <= P < 0.33)
    record["verdict"] = {"code": "unlikely", "outside_view": False}  # a code: the page puts the words on
    changed = tmp_path / "assessments.json"
    changed.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    executed = tmp_path / "page.ipynb"
    papermill.execute_notebook(
        str(notebooks_dir() / "10_target.ipynb"),
        str(executed),
        parameters={"target_id": "rd_share_gdp", "assessments_file": str(changed)},
        kernel_name=KERNEL_NAME,
        cwd=str(notebooks_dir()),
        progress_bar=False,
    )
    text = executed.read_text(encoding="utf-8")
    assert "达到3.8%的概率约为12%（不太可能）" in text


def test_word_brief_and_workbook_of_the_real_run(real_report):
    import docx
    import openpyxl

    brief = docx.Document(str(real_report.run_dir / "brief.docx"))
    scorecard = brief.tables[0]
    # like the scorecard page, the brief covers every target of the plan, not only those with a page
    assert len(scorecard.rows) == 1 + len(load_targets())
    verdicts = {row.cells[0].text: row.cells[-1].text for row in scorecard.rows[1:]}
    by_id = {t.id: t for t in load_targets()}
    assert verdicts[by_id["core_indicators_lead_city"].name_zh] == "定性目标"  # qualitative: never scored
    assert verdicts[by_id["tech_contract_value"].name_zh] == "数据不足"  # no public figure
    workbook = openpyxl.load_workbook(str(real_report.run_dir / "workbook.xlsx"))
    rows = list(workbook["目标总览"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [t.id for t in load_targets()]
    index = (real_report.run_dir / "index.html").read_text(encoding="utf-8")
    assert 'href="brief.docx"' in index and 'href="workbook.xlsx"' in index


def test_exported_pages_have_no_code_and_no_external_resource(real_report):
    for path in real_report.run_dir.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "import hzanalysis" not in text, path.name
        for needle in ('src="http', "src='http", 'href="https://cdn', "@import url(http"):
            assert needle not in text, (path.name, needle)


@pytest.mark.browser
def test_real_report_renders_every_chart_offline(real_report):
    needs_browser()
    pages = [*sorted(real_report.run_dir.glob("*.html")), real_report.out / "index.html"]
    reports = check_pages(pages, SCREENSHOTS / "real", root=real_report.out)
    assert len(reports) == len(pages)
    total = 0
    for r in reports:
        assert r.console_errors == [] and r.page_errors == [], r.path
        assert r.blocked_requests == [], r.path
        assert r.rendered == r.charts, (r.path, r.chart_errors)
        total += r.charts
    # scorecard 1, six target pages 3 or 2 each, reliability 2, gaps 1, scenarios 1
    assert total >= 1 + 6 * 2 + 2 + 1 + 1


@pytest.mark.browser
def test_growth_slider_changes_the_2025_values(real_report):
    needs_browser()
    with session(real_report.out) as browser:
        page, seen = browser.open(real_report.run_dir / "40_scenarios.html")
        assert seen.rendered == seen.charts == 1
        texts = (
            "() => Array.from(document.querySelectorAll('.hz-chart svg text'))"
            ".map(t => t.textContent).join('|')"
        )
        before = page.evaluate(texts)
        slider = page.locator(".hz-chart input[type=range]")
        slider.fill("30")
        slider.dispatch_event("input")
        page.wait_for_timeout(300)
        assert page.evaluate(texts) != before


@pytest.mark.browser
def test_hostile_observations_execute_nothing(tmp_path):
    """A researcher's file with markup in its title, quote and note, and a javascript: URL."""
    needs_browser()
    hostile = tmp_path / "hostile.csv"
    hostile.write_text(
        "region,indicator,year,value,unit,bound,source_title,source_url,published,quote,quality,note\n"
        "海州区,rd_share_gdp,2023,3.5,%,=,<script>window.__pwned=1</script>合成,javascript:alert(1),"
        "2024-06-01,</script><script>window.__pwned=2</script>,official_statistics,"
        '"<img src=x onerror=""window.__pwned=3"">"\n',
        encoding="utf-8",
    )
    pages = [
        p
        for p in plan_pages(targets=["rd_share_gdp"], data=[str(hostile)])
        if p.notebook in ("00_scorecard.ipynb", "10_target.ipynb")
    ]
    result = run_report(
        date="2026-01-06", out=tmp_path / "reports", data=[str(hostile)], pages=pages, progress=False
    )
    assert result.exit_code == 0, result.summary()
    with session(result.out) as browser:
        for name in ("00_scorecard.html", "10_target-rd_share_gdp.html"):
            page, seen = browser.open(result.run_dir / name)
            # hover the observation points so their tooltips (title, quote, source) are rendered too
            for point in page.locator(".hz-chart svg .mark-symbol path").all():
                point.hover(force=True)
            browser.inspect(page, seen)
            assert seen.pwned is None and page.evaluate("() => window.__pwned") is None, name
            assert seen.dialogs == [] and seen.script_links == [], name
            hrefs = page.eval_on_selector_all("a[href]", "as => as.map(a => a.getAttribute('href'))")
            assert not [h for h in hrefs if "javascript" in h.lower()], name
            assert seen.rendered == seen.charts and seen.console_errors == [], name
        # the hostile strings are on the target page as plain text
        body = page.inner_text("body")
        assert "<script>window.__pwned=1</script>合成" in body and "javascript:alert(1)" in body


CJK = re.compile(r"[\u3400-\u9fff]")
# Visible words that must follow the page language: headings, table headers, callouts, chart text.
_VISIBLE_WORDS = """() => Array.from(document.querySelectorAll(
  'h1, h2, h3, th, .hz-callout, .hz-note, .hz-chart svg text, .jp-RenderedMarkdown p,'
  + ' .jp-RenderedMarkdown li'))
  .filter(e => !e.closest('nav')).map(e => e.textContent)"""


def outside_brackets(text: str) -> str:
    """Text without bracketed parts (nested too): an English page may give a Chinese name in brackets."""
    while True:
        shorter = re.sub(r"\([^()]*\)|（[^（）]*）|《[^《》]*》", "", text)
        if shorter == text:
            return text
        text = shorter


@pytest.fixture(scope="session")
def english_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("english") / "reports"
    return run_report(
        date="2026-01-05",
        out=out,
        targets=["rd_share_gdp", "tech_contract_value", "invention_patents_per_10k"],
        lang="en",
        jobs=2,
        progress=False,
    )


@pytest.mark.browser
def test_english_report_reads_as_english(english_report):
    needs_browser()
    assert english_report.exit_code == 0, english_report.summary()
    pages = sorted(p for p in english_report.run_dir.glob("*.html") if p.name != "index.html")
    assert len(pages) == 7
    with session(english_report.out) as browser:
        for path in pages:
            page, seen = browser.open(path)
            assert seen.rendered == seen.charts, path.name
            words = page.evaluate(_VISIBLE_WORDS)
            assert len(words) > 5, path.name
            chinese = [w for w in words if CJK.search(outside_brackets(w))]
            assert chinese == [], path.name
            page.close()
    scorecard = (english_report.run_dir / "00_scorecard.html").read_text(encoding="utf-8")
    assert "0 Overall goals" in scorecard and "总体目标" not in scorecard.split("hz-print-only")[0]
    cumulative = (english_report.run_dir / "10_target-tech_contract_value.html").read_text(encoding="utf-8")
    assert "no figure observed in the period yet" in cumulative and "Observed total 0" not in cumulative
    # The plan's verbatim Chinese on an English page is marked as Chinese (issue 15).
    rd = (english_report.run_dir / "10_target-rd_share_gdp.html").read_text(encoding="utf-8")
    assert '<span lang="zh-CN">全社会研发投入持续提升' in rd


# Every visible text of a page (folded parts opened), without what may stay in the other language by design:
# the columns and fact rows named (quotes, sources, the plan's sections and the registry's note, which quotes
# the plan's words; the run index's column of Chinese titles) and inline code. Chart text is read too.
_ALL_VISIBLE_TEXT = """(allowed) => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  document.querySelectorAll('code').forEach(c => { c.textContent = ''; });
  for (const table of document.querySelectorAll('table')) {
    const head = table.tHead && table.tHead.rows[0];
    const names = head ? Array.from(head.cells).map(c => c.innerText.trim()) : [];
    const columns = names.map((name, i) => allowed.includes(name) ? i : -1).filter(i => i >= 0);
    for (const row of Array.from(table.rows).filter(r => r.parentElement.tagName !== 'THEAD')) {
      const cells = Array.from(row.cells);
      const byRow = cells.length > 1 && allowed.includes(cells[0].innerText.trim());
      cells.forEach((cell, i) => { if (columns.includes(i) || (byRow && i > 0)) cell.textContent = ''; });
    }
  }
  const svg = Array.from(document.querySelectorAll('.hz-chart svg text')).map(t => t.textContent);
  return [...document.body.innerText.split('\\n'), ...svg];
}"""
ALLOWED_IN_CHINESE = ["Plan section", "Plan text", "Note", "Source", "Quote", "Chinese title"]
ALLOWED_IN_ENGLISH = ["方案出处", "方案原文", "登记说明", "登记说明（英文）", "来源", "原文", "备注"]
#: Three English words in a row (a sentence or phrase); one or two are names (Brier, SDSN 趋势, damped ETS).
ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}[a-z'’-]*(?:[ ,;:]+[A-Za-z][A-Za-z'’-]*){2,}")


@pytest.mark.browser
def test_every_english_page_reads_as_english_in_every_cell(english_report):
    # the class table's "units" row listed 上海、云南、内蒙古… on the English target page: the headings
    # were checked, table cells were not
    needs_browser()
    pages = sorted(english_report.run_dir.glob("*.html"))
    assert len(pages) == 8  # the run index and its seven pages
    with session(english_report.out) as browser:
        for path in pages:
            page, _ = browser.open(path)
            lines = page.evaluate(_ALL_VISIBLE_TEXT, ALLOWED_IN_CHINESE)
            assert sum(len(line) for line in lines) > 200, path.name
            chinese = [line for line in lines if CJK.search(outside_brackets(line))]
            assert chinese == [], path.name
            page.close()


@pytest.mark.browser
def test_every_chinese_target_page_reads_as_chinese_in_every_cell(real_report):
    # the run index is bilingual on purpose (历次报告 / All runs); the data's own English notes may stay
    needs_browser()
    pages = sorted(p for p in real_report.run_dir.glob("*.html") if p.name != "index.html")
    with session(real_report.out) as browser:
        for path in pages:
            page, _ = browser.open(path)
            lines = page.evaluate(_ALL_VISIBLE_TEXT, ALLOWED_IN_ENGLISH)
            english = [line for line in lines if ENGLISH_RUN.search(outside_brackets(line))]
            assert english == [], path.name
            page.close()


@pytest.mark.browser
@pytest.mark.parametrize("which", ["real_report", "english_report"])
def test_scorecard_prints_on_one_a4_page(which, request):
    needs_browser()
    report = request.getfixturevalue(which)
    with session(report.out) as browser:
        page, _ = browser.open(report.run_dir / "00_scorecard.html")
        summary = page.locator(".hz-print-only")
        assert summary.count() == 1 and not summary.is_visible()  # hidden on screen
        assert pdf_page_count(page) == 1
        page.emulate_media(media="print")
        assert summary.is_visible()
        assert not page.locator(".hz-chart").first.is_visible()  # the chart is for the screen
        rows = page.locator(".hz-print-only tbody tr").count()
        assert rows == len(load_targets())  # every target on the one page
        # The sheet says which day it reports and what the verdict words mean (issue 15).
        date_line = page.locator(".hz-header span").first
        assert date_line.is_visible() and "2026-01-05" in date_line.text_content()
        assert not page.locator(".hz-header a").first.is_visible()  # links are no use on paper
        legend = page.locator(".hz-print-only .hz-legend")
        assert legend.is_visible() and (
            "很可能 ≥90%" in legend.text_content() or "very likely" in legend.text_content()
        )


_TEXT_LINES = """(text) => {
  const th = Array.from(document.querySelectorAll('table.hz-sortable th')).find(e => e.textContent === text);
  const range = document.createRange();
  range.selectNodeContents(th);
  return new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top))).size;
}"""


@pytest.mark.browser
def test_scorecard_headers_do_not_wrap_one_character_a_line(real_report):
    needs_browser()
    with session(real_report.out) as browser:
        page, _ = browser.open(real_report.run_dir / "00_scorecard.html")
        # Line boxes of the header's text (a row's cells share one height, so the box would not tell).
        lines = page.evaluate(_TEXT_LINES, "所需年增长")
        assert lines == 1, lines
