"""The runs index and latest.html in a real browser: ad hoc runs are listed with their parameters, and
"latest" leads to the newest complete DEFAULT run. Synthetic fixture notebooks only.

Skipped only when /usr/bin/chromium is absent and the CI environment variable is not set.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from hzanalysis.report import Page, run_report

sys.path.insert(0, str(Path(__file__).parent))
from browser import chromium_available, session

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
SCREENSHOTS = Path(os.environ.get("HZ_SCREENSHOTS", Path(__file__).parents[1] / "build" / "screenshots"))

pytestmark = [pytest.mark.browser, pytest.mark.notebook]

if not chromium_available():
    if os.environ.get("CI"):
        pytest.fail("CI is set but /usr/bin/chromium is missing", pytrace=False)
    pytest.skip("no /usr/bin/chromium (and CI is not set)", allow_module_level=True)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """A default run, then a newer ad hoc run (cut-off date, English) into the same reports folder."""
    out = tmp_path_factory.mktemp("runs") / "reports"
    plain = [Page("plain.ipynb", "plain", "合成纯文本", "Synthetic plain", {"label": "R"})]
    common = {"out": out, "pages": plain, "notebooks_dir": FIXTURES, "jobs": 1, "progress": False}
    default = run_report(date="2025-08-01", **common)
    adhoc = run_report(date="2025-08-02", as_of="2024-06-30", lang="en", **common)
    assert default.exit_code == 0 and adhoc.exit_code == 0
    return out


def test_runs_index_lists_the_ad_hoc_run_with_its_parameters_and_latest_leads_to_the_default_run(runs):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with session(runs) as browser:
        page, report = browser.open(runs / "index.html")
        assert report.clean, (report.console_errors, report.page_errors, report.blocked_requests)
        rows = page.locator("#hz-runs tbody tr")
        assert rows.count() == 2
        # Newest first: the ad hoc run (label from its parameters) with its cut-off date and language.
        first = [rows.nth(0).locator("td").nth(i).inner_text() for i in range(7)]
        assert first[0] == "2025-08-02-asof20240630-en"
        assert first[1] == "专题 ad hoc: asof20240630-en"
        assert first[2] == "haizhou-2024" and first[5] == "2024-06-30" and first[6] == "en"
        second = rows.nth(1).locator("td").nth(0).inner_text()
        assert second.startswith("2025-08-01") and "最新 latest" in second
        assert "2025-08-01" in page.get_by_text("最新完整报告 / Latest complete run").inner_text()
        page.screenshot(path=str(SCREENSHOTS / "runs-index.png"), full_page=True)
        # Following latest.html lands on the default run's index, not the newer ad hoc one.
        page.get_by_role("link", name="2025-08-01", exact=True).first.click()
        page.wait_for_url("**/2025-08-01/index.html")
        assert "2025-08-01" in page.locator("h1").inner_text()
        latest, _ = browser.open(runs / "latest.html")
        latest.wait_for_url("**/2025-08-01/index.html")
        page.close()
        latest.close()
