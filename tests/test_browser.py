"""Exported pages in a real browser (headless Chromium), with every request outside the report blocked.

Skipped only when /usr/bin/chromium is absent and the CI environment variable is not set; in CI a missing
browser is a failure.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from hzanalysis.report import Page, run_report

sys.path.insert(0, str(Path(__file__).parent))
from browser import check_pages, chromium_available, session

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"

pytestmark = [pytest.mark.browser, pytest.mark.notebook]

if not chromium_available():
    if os.environ.get("CI"):
        pytest.fail(
            "CI is set but /usr/bin/chromium is missing: the browser tests must run in CI", pytrace=False
        )
    pytest.skip("no /usr/bin/chromium (and CI is not set)", allow_module_level=True)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """A synthetic fixture report: two charts, a slider, hostile strings, plain text and a failure."""
    out = tmp_path_factory.mktemp("browser") / "reports"
    pages = [
        Page("ok.ipynb", "ok", "合成图表", "Synthetic charts", {"label": "B1"}),
        Page("slider.ipynb", "slider", "合成滑块", "Synthetic slider"),
        Page("hostile.ipynb", "hostile", "合成恶意字符串", "Synthetic hostile strings"),
        Page("plain.ipynb", "plain", "合成纯文本", "Synthetic plain"),
        Page("failing.ipynb", "failing", "合成失败", "Synthetic failing"),
    ]
    result = run_report(
        date="2025-07-01", out=out, pages=pages, notebooks_dir=FIXTURES, jobs=2, progress=False
    )
    assert result.exit_code == 1  # the failing fixture fails on purpose
    return result


def test_every_page_renders_offline(report, tmp_path):
    run_dir = report.run_dir
    paths = [*sorted(run_dir.glob("*.html")), report.out / "index.html", report.out / "latest.html"]
    reports = check_pages(paths, tmp_path / "shots", root=report.out)
    by_name = {(r.path.parent.name, r.path.name): r for r in reports}
    assert len(reports) == 8  # failing, hostile, index, ok, plain, slider + runs index + latest
    for r in reports:
        assert r.console_errors == [], r.path
        assert r.page_errors == [], r.path
        assert r.blocked_requests == [], r.path
        assert r.chart_errors == [], r.path
        assert r.rendered == r.charts, r.path
        assert r.screenshot is not None and r.screenshot.stat().st_size > 0
    charts = {name: by_name[(run_dir.name, f"{name}.html")].charts for name in ("ok", "slider", "hostile")}
    assert charts == {"ok": 2, "slider": 1, "hostile": 1}  # as written in the fixture notebooks


def test_blocked_requests_are_recorded(report, tmp_path):
    # The checker itself: a page that asks for a remote script is caught, not silently allowed.
    probe = report.out / "probe.html"
    probe.write_text(
        '<!DOCTYPE html><html><head><script src="https://cdn.example.org/x.js"></script>'
        '</head><body><div class="hz-chart"></div></body></html>',
        encoding="utf-8",
    )
    try:
        [seen] = check_pages([probe], tmp_path / "shots", root=report.out, render_timeout_ms=1000)
    finally:
        probe.unlink()
    assert seen.blocked_requests == ["https://cdn.example.org/x.js"]
    assert (seen.charts, seen.rendered) == (1, 0)  # an empty chart div is not a rendered chart
    assert any("did not settle" in e for e in seen.page_errors)


def test_slider_changes_the_chart_without_a_kernel(report):
    with session(report.out) as browser:
        page, seen = browser.open(report.run_dir / "slider.html")
        assert seen.rendered == 1
        text = page.locator(".hz-chart svg .role-mark text").first
        assert text.text_content() == "growth=5"  # the param's initial value in the fixture
        slider = page.locator(".hz-chart input[type=range]")
        assert slider.count() == 1
        slider.evaluate("e => { e.value = '12'; e.dispatchEvent(new Event('input', {bubbles: true})); }")
        page.wait_for_function(
            "() => document.querySelector('.hz-chart svg .role-mark text').textContent === 'growth=12'",
            timeout=5000,
        )
        assert text.text_content() == "growth=12"
        assert seen.console_errors == [] and seen.page_errors == []


def test_hostile_strings_execute_nothing(report):
    with session(report.out) as browser:
        page, seen = browser.open(report.run_dir / "hostile.html")
        # Hover every point so the tooltips (which carry the hostile strings) are rendered too.
        for point in page.locator(".hz-chart svg .role-mark path").all():
            point.hover(force=True)
        browser.inspect(page, seen)
        assert seen.pwned is None
        assert page.evaluate("() => window.__pwned") is None
        assert seen.dialogs == []
        assert seen.script_links == []
        hrefs = page.eval_on_selector_all("a[href]", "as => as.map(a => a.getAttribute('href'))")
        assert not [h for h in hrefs if "javascript" in h.lower()]
        assert "https://example.org/a?b=1&c=<x>" in hrefs
        rel = page.get_attribute('a[href^="https://example.org"]', "rel")
        assert rel == "noopener noreferrer"
        # The strings are on the page as text.
        body = page.inner_text("body")
        assert "<script>window.__pwned=1</script>" in body
        assert "javascript:alert(1)" in body
        assert seen.rendered == seen.charts == 1
        assert seen.console_errors == [] and seen.page_errors == [] and seen.blocked_requests == []


def test_sortable_table_sorts_offline(report):
    with session(report.out) as browser:
        page, seen = browser.open(report.run_dir / "ok.html")
        column = (
            "() => Array.from(document.querySelectorAll('table.hz-sortable tbody tr'))"
            ".map(r => r.cells[1].textContent)"
        )
        assert page.evaluate(column) == ["1", "2", "3"]  # synthetic values as written in the fixture
        header = page.locator("table.hz-sortable thead th", has_text="value")
        header.click()
        assert page.evaluate(column) == ["1", "2", "3"]  # first click: ascending
        header.click()
        assert page.evaluate(column) == ["3", "2", "1"]  # second click: descending
        assert seen.page_errors == [] and seen.console_errors == []


def test_a_whole_document_quote_keeps_the_page_short_and_opens_in_one_click(tmp_path):
    import pandas as pd

    from hzanalysis import display

    quote = "很长的原文，" * 20_000  # 120,000 characters in one cell: once a 600,000 px tall page
    table = display.table(pd.DataFrame({"year": [2024], "quote": [quote]}), lang="zh").data
    page_file = tmp_path / "quote.html"
    page_file.write_text(
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{display._CSS}</style>'
        f"</head><body>{table}</body></html>",
        encoding="utf-8",
    )
    with session(tmp_path) as browser:
        page, seen = browser.open(page_file)
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height < 1500  # a few lines of text, not the whole document
        page.click("details.hz-clip summary")
        assert page.evaluate("document.documentElement.scrollHeight") > 20 * height  # now all of it
        assert quote in page.inner_text("body")
        assert seen.console_errors == [] and seen.page_errors == []
