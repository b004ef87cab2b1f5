"""A reusable real-browser check of exported report pages (headless Debian Chromium via Playwright).

Every request is routed: only ``file://`` URLs inside the report folder load; anything else is aborted
and recorded. Console errors, page errors and dialogs are collected; charts are counted (``.hz-chart``)
and a chart counts as rendered when it holds an ``<svg>`` of non-zero size with at least one mark and no
error text. A full-page screenshot is kept for each page.

Use :func:`check_pages` for the standard report, or :func:`session` to drive a page yourself.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
RENDER_TIMEOUT_MS = 15_000

# Counts charts, rendered charts, and anchors whose href is not a web or relative link.
_INSPECT = """() => {
  const charts = Array.from(document.querySelectorAll('.hz-chart'));
  const rendered = charts.filter(div => {
    if (div.classList.contains('hz-chart-error')) return false;
    const svg = div.querySelector('svg');
    if (!svg) return false;
    const box = svg.getBoundingClientRect();
    const marks = svg.querySelectorAll('.role-mark > *');
    return box.width > 0 && box.height > 0 && marks.length > 0;
  });
  const scriptLinks = Array.from(document.querySelectorAll('a[href]'))
    .map(a => a.getAttribute('href'))
    .filter(h => /^\\s*(javascript|data|vbscript):/i.test(h));
  return {charts: charts.length, rendered: rendered.length, scriptLinks: scriptLinks,
          errors: charts.filter(d => d.classList.contains('hz-chart-error')).map(d => d.textContent),
          pwned: window.__pwned === undefined ? null : String(window.__pwned)};
}"""
_SETTLED = """() => Array.from(document.querySelectorAll('.hz-chart')).every(
  div => div.querySelector('svg .role-mark') || div.classList.contains('hz-chart-error'))"""


@dataclass
class PageReport:
    """What the browser saw on one page."""

    path: Path
    charts: int = 0
    rendered: int = 0
    chart_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    script_links: list[str] = field(default_factory=list)
    pwned: str | None = None
    screenshot: Path | None = None

    @property
    def clean(self) -> bool:
        """Every chart rendered, no error, nothing blocked, nothing executed that should not have."""
        return (
            self.rendered == self.charts
            and not self.chart_errors
            and not self.console_errors
            and not self.page_errors
            and not self.blocked_requests
            and not self.dialogs
            and not self.script_links
            and self.pwned is None
        )


def chromium_available() -> bool:
    return Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)


def _inside(url: str, root: Path) -> bool:
    parts = urlsplit(url)
    if parts.scheme != "file":
        return False
    target = Path(unquote(parts.path)).resolve()
    return target == root or root in target.parents


class Session:
    """One browser with a fresh context whose requests are confined to ``root``."""

    def __init__(self, browser: Any, root: Path, render_timeout_ms: int = RENDER_TIMEOUT_MS):
        self.root = root.resolve()
        self.render_timeout_ms = render_timeout_ms
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=True)
        self._current: PageReport | None = None
        self.context.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if _inside(url, self.root):
            route.continue_()
            return
        if self._current is not None:
            self._current.blocked_requests.append(url)
        route.abort()

    def open(self, path: Path) -> tuple[Any, PageReport]:
        """Open ``path`` and wait until every chart has drawn or failed; returns (page, report)."""
        report = PageReport(path=Path(path))
        self._current = report
        page = self.context.new_page()

        def on_console(message: Any) -> None:
            if message.type == "error":
                report.console_errors.append(message.text)

        page.on("console", on_console)
        page.on("pageerror", lambda error: report.page_errors.append(str(error)))

        def on_dialog(dialog: Any) -> None:
            report.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(Path(path).resolve().as_uri(), wait_until="load")
        try:
            page.wait_for_function(_SETTLED, timeout=self.render_timeout_ms)
        except Exception as error:  # a chart that never draws is reported as not rendered below
            report.page_errors.append(f"charts did not settle within {self.render_timeout_ms} ms: {error}")
        self.inspect(page, report)
        return page, report

    @staticmethod
    def inspect(page: Any, report: PageReport) -> None:
        seen = page.evaluate(_INSPECT)
        report.charts, report.rendered = seen["charts"], seen["rendered"]
        report.chart_errors, report.script_links = seen["errors"], seen["scriptLinks"]
        report.pwned = seen["pwned"]

    def close(self) -> None:
        self.context.close()


@contextmanager
def session(root: Path, render_timeout_ms: int = RENDER_TIMEOUT_MS) -> Iterator[Session]:
    """A headless Chromium session confined to the report folder ``root``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            current = Session(browser, Path(root), render_timeout_ms)
            try:
                yield current
            finally:
                current.close()
        finally:
            browser.close()


def check_pages(
    paths: Sequence[Path],
    screenshot_dir: Path,
    root: Path | None = None,
    render_timeout_ms: int = RENDER_TIMEOUT_MS,
) -> list[PageReport]:
    """Open every page (network confined to ``root``, default: their common folder) and report on it."""
    paths = [Path(p).resolve() for p in paths]
    root = Path(root).resolve() if root is not None else Path(os.path.commonpath([p.parent for p in paths]))
    screenshot_dir = Path(screenshot_dir)
    screenshot_dir.mkdir(parents=True, exist_ok=True)
    reports = []
    with session(root, render_timeout_ms) as browser:
        for path in paths:
            page, report = browser.open(path)
            shot = screenshot_dir / f"{path.parent.name}-{path.stem}.png"
            page.screenshot(path=str(shot), full_page=True)
            report.screenshot = shot
            page.close()
            reports.append(report)
    return reports


def pdf_page_count(page: Any, paper: str = "A4") -> int:
    """Print the page to PDF as Chromium would (print media, ``paper`` size) and count the PDF's pages."""
    import re

    pdf = page.pdf(format=paper, print_background=True)
    # Each page object is "/Type /Page" (the page tree is "/Type /Pages", excluded by the lookahead).
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
