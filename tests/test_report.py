"""The report runner, the HTML export and the HTML-safety helpers.

The notebooks run here are synthetic fixtures in tests/fixtures/notebooks (labelled synthetic); the real
suite is plugged in by :func:`hzanalysis.report.plan_pages`, whose planning is tested with stub notebooks.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import logging
import os
import re
import sys
import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import ClassVar

import altair as alt
import nbformat
import pandas as pd
import pytest
from filelock import FileLock

from hzanalysis import display
from hzanalysis.errors import InputError, LockedError, ParameterError
from hzanalysis.report import (
    Page,
    ensure_kernel,
    notebook_parameters,
    plan_pages,
    read_manifests,
    run_label,
    run_report,
    update_runs_index,
)
from hzanalysis.report.plan import check_run_date

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"


def page(name: str, **parameters) -> Page:
    return Page(f"{name}.ipynb", name, f"合成{name}", f"Synthetic {name}", parameters)


def run(out: Path, date: str, pages: list[Page], **kwargs):
    kwargs.setdefault("jobs", 2)
    return run_report(date=date, out=out, pages=pages, notebooks_dir=FIXTURES, progress=False, **kwargs)


def manifest(run_dir: Path) -> dict:
    return json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))


OBSERVATION_HEADER = (
    "region,indicator,year,value,unit,bound,source_title,source_url,published,quote,quality,note"
)
# One SYNTHETIC observation in the template's columns, valid for `hzanalysis data check`.
SYNTHETIC_ROW = (
    "海州区,hte_count,2024,180,家,=,SYNTHETIC test figure,,2025-03-01,示例,official_statistics,synthetic"
)


def synthetic_observations(path: Path) -> Path:
    path.write_text(f"{OBSERVATION_HEADER}\n{SYNTHETIC_ROW}\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    """Run A (2025-01-01, complete), run B (2025-01-02, one failing page), then an ad hoc run C
    (2025-01-03, own data file) into the same folder."""
    base = tmp_path_factory.mktemp("report")
    out = base / "reports"
    extra = synthetic_observations(base / "synthetic_extra.csv")
    a = run(out, "2025-01-01", [page("ok", label="L1"), page("plain", label="A")])
    a_bytes = {p.name: p.read_bytes() for p in a.run_dir.iterdir() if p.is_file()}
    b = run(out, "2025-01-02", [page("plain", label="B"), page("failing")])
    c = run(out, "2025-01-03", [page("plain", label="C")], data=[extra])
    return SimpleNamespace(out=out, extra=extra, a=a, b=b, c=c, a_bytes=a_bytes)


# ---------------------------------------------------------------------------------------------------------
# A complete run


@pytest.mark.notebook
def test_complete_run_layout_and_result(two_runs):
    a = two_runs.a
    assert a.exit_code == 0 and a.status == "complete"
    assert [p.status for p in a.pages] == ["ok", "ok"]
    folder = two_runs.out / "2025-01-01"
    assert a.run_dir == folder.resolve()
    names = {p.name for p in folder.iterdir()}
    assert {"index.html", "manifest.json", "ok.html", "plain.html", "notebooks"} <= names
    assert {p.name for p in (folder / "notebooks").iterdir()} == {"ok.ipynb", "plain.ipynb"}
    # The executed notebook carries the injected parameters (papermill tags that cell).
    executed = nbformat.read(folder / "notebooks" / "ok.ipynb", as_version=4)
    injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and 'label = "L1"' in injected[0].source
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert 'href="ok.html"' in index and 'href="plain.html"' in index
    assert index.index("合成ok") < index.index("Synthetic ok")  # Chinese first, English beside it
    assert not (two_runs.out / ".staging").exists()


@pytest.mark.notebook
def test_manifest_fields_and_checksums(two_runs):
    m = manifest(two_runs.out / "2025-01-01")
    assert m["date"] == "2025-01-01" and m["status"] == "complete" and m["exit_code"] == 0
    assert m["parameters"]["lang"] == "zh" and m["parameters"]["data"] == []
    assert m["parameters"]["plan"] == "haizhou-2024" and m["parameters"]["ad_hoc"] is False
    # The ad hoc run records its extra data file with its size and checksum.
    adhoc = manifest(two_runs.c.run_dir)
    assert adhoc["parameters"]["data"] == [str(two_runs.extra.resolve())]
    assert adhoc["parameters"]["ad_hoc"] is True and adhoc["parameters"]["label"] == "data_synthetic_extra"
    extra = {e["path"]: e for e in adhoc["inputs"]}[str(two_runs.extra.resolve())]
    payload = two_runs.extra.read_bytes()
    assert extra["role"] == "data" and extra["bytes"] == len(payload)
    assert extra["sha256"] == hashlib.sha256(payload).hexdigest()
    notebooks = [e for e in m["inputs"] if e["role"] == "notebook"]
    assert sorted(Path(e["path"]).name for e in notebooks) == ["ok.ipynb", "plain.ipynb"]
    ok_entry = next(e for e in notebooks if e["path"].endswith("ok.ipynb"))
    assert ok_entry["sha256"] == hashlib.sha256((FIXTURES / "ok.ipynb").read_bytes()).hexdigest()
    raw = [e for e in m["inputs"] if e["role"] == "raw"]
    assert raw and all(e["path"].startswith("data/raw/") for e in raw)
    assert any(e["path"] == "data/raw/plans/haizhou-2024/targets.yaml" for e in raw)
    assert m["versions"]["pandas"] == importlib.metadata.version("pandas")
    assert m["versions"]["python"] == sys.version.split()[0]
    assert m["hzanalysis_version"]
    assert m["git_commit"] is None or re.fullmatch(r"[0-9a-f]{40}", m["git_commit"])
    assert [p["slug"] for p in m["pages"]] == ["ok", "plain"]
    for entry in m["pages"]:
        html_file = two_runs.out / "2025-01-01" / entry["html"]
        assert entry["status"] == "ok" and entry["error"] is None
        assert entry["html_bytes"] == html_file.stat().st_size
        assert entry["execution_seconds"] > 0 and entry["export_seconds"] >= 0
        assert (two_runs.out / "2025-01-01" / entry["executed_notebook"]).is_file()
    # The run's wall time covers the slowest page (the two ran in parallel).
    assert m["total_seconds"] >= max(p["execution_seconds"] + p["export_seconds"] for p in m["pages"])


class _Resources(HTMLParser):
    """Collects URLs that would make the browser fetch something, and the <style> text."""

    FETCHING: ClassVar[dict[str, str]] = {
        "script": "src",
        "link": "href",
        "img": "src",
        "iframe": "src",
        "source": "src",
        "video": "src",
        "audio": "src",
        "embed": "src",
        "object": "data",
        "input": "src",
    }

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.FETCHING and attrs.get(self.FETCHING[tag]):
            self.urls.append(attrs[self.FETCHING[tag]])
        if attrs.get("style"):
            self.styles.append(attrs["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def external_references(text: str) -> list[str]:
    parser = _Resources()
    parser.feed(text)
    remote = [u for u in parser.urls if re.match(r"\s*(https?:)?//", u, flags=re.IGNORECASE)]
    for css in parser.styles:
        remote += re.findall(r"@import[^;]*", css, flags=re.IGNORECASE)
        remote += re.findall(r"url\(\s*['\"]?\s*(?:https?:)?//[^)]*\)", css, flags=re.IGNORECASE)
    return remote


def test_external_reference_scanner_finds_what_it_should():
    # Known-bad snippets: each must be caught, or the offline checks below prove nothing.
    bad = (
        '<script src="https://cdn.example/x.js"></script>'
        '<link rel="stylesheet" href="//cdn.example/a.css"><img src="http://x/y.png">'
        '<style>@import "https://f/f.css"; a{background:url(https://x/i.png)}</style>'
    )
    assert len(external_references(bad)) == 5
    fine = '<a href="https://example.org">ok</a><img src="data:image/png;base64,AA"><img src="x.png">'
    assert external_references(fine) == []


@pytest.mark.notebook
def test_exported_html_is_offline_without_code_and_chinese(two_runs):
    folder = two_runs.out / "2025-01-01"
    ok = (folder / "ok.html").read_text(encoding="utf-8")
    plain = (folder / "plain.html").read_text(encoding="utf-8")
    for text in (ok, plain, (folder / "index.html").read_text(encoding="utf-8")):
        assert external_references(text) == []
        assert text.lstrip().startswith("<!DOCTYPE html>")
        assert '<html lang="zh-CN">' in text
    # No code: neither the code cells' source nor an input area; the prose stays.
    assert "mark_line(point=True)" not in ok and "import altair as alt" not in ok
    assert 'class="jp-InputArea-editor' not in ok and 'class="jp-InputPrompt' not in ok
    assert '<div class="highlight' not in ok  # pygments-highlighted source
    # English in a Chinese page's prose is marked as English (issue 15: every page in one language)
    assert '第二张图 / <span lang="en">Second chart</span>' in ok and "Synthetic data, for tests only." in ok
    # Two charts, and the vega bundle once although setup() ran twice in the notebook.
    assert ok.count('class="hz-chart"') == 2
    assert ok.count("window.vegaEmbed=") == 1
    # Header: the run date and a link back to the run's index.
    assert "2025-01-01" in ok and 'href="index.html"' in ok and 'href="../index.html"' in ok
    # stdout stays, stderr (logs, warnings) is left out of the page.
    assert "plain page label=A lang=zh" in plain
    assert "a log line that must not reach the HTML" not in plain


# ---------------------------------------------------------------------------------------------------------
# A run with a failing page, the runs index and latest


@pytest.mark.notebook
def test_failing_notebook_gives_failure_page_and_exit_code_1(two_runs):
    b = two_runs.b
    assert b.exit_code == 1 and b.status == "failed"
    assert [(p.page.slug, p.status) for p in b.pages] == [("plain", "ok"), ("failing", "failed")]
    folder = two_runs.out / "2025-01-02"
    failure = (folder / "failing.html").read_text(encoding="utf-8")
    # The error text is shown, escaped (the markup in the message is text, not HTML).
    assert "synthetic failure &lt;b&gt;not bold&lt;/b&gt; &amp; marker-7f3a" in failure
    assert "<b>not bold</b>" not in failure
    assert "failing.ipynb" in failure and "Traceback" in failure
    assert 'href="notebooks/failing.ipynb"' in failure and (folder / "notebooks" / "failing.ipynb").is_file()
    assert external_references(failure) == []
    assert "plain page label=B" in (folder / "plain.html").read_text(encoding="utf-8")
    m = manifest(folder)
    assert m["status"] == "failed" and m["exit_code"] == 1
    failing = next(p for p in m["pages"] if p["slug"] == "failing")
    assert failing["status"] == "failed" and "marker-7f3a" in failing["error"]
    assert "失败" in (folder / "index.html").read_text(encoding="utf-8")


@pytest.mark.notebook
def test_cell_timeout_is_a_failure_even_though_the_saved_notebook_looks_fine(tmp_path):
    result = run(tmp_path / "reports", "2025-02-01", [page("slow"), page("plain")], cell_timeout=1)
    assert result.exit_code == 1
    assert [(p.page.slug, p.status) for p in result.pages] == [("slow", "failed"), ("plain", "ok")]
    failure = (result.run_dir / "slow.html").read_text(encoding="utf-8")
    assert "timed out" in failure and "slow.ipynb" in failure
    assert manifest(result.run_dir)["pages"][0]["status"] == "failed"
    # Each page took under the 30 s sleep: the timeout stopped it after about 1 s.
    assert result.pages[0].execution_seconds < 20


@pytest.mark.notebook
def test_previous_run_intact_after_a_failing_run(two_runs):
    folder = two_runs.out / "2025-01-01"
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == two_runs.a_bytes


@pytest.mark.notebook
def test_runs_index_newest_first_and_latest_is_newest_complete_default_run(two_runs):
    out = two_runs.out
    adhoc = "2025-01-03-data_synthetic_extra"  # the label names what differs: the data file's stem
    assert two_runs.c.run_dir == (out / adhoc).resolve() and two_runs.c.exit_code == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    # Newest first by when they ran: C, then B, then A.
    positions = [index.index(f'href="{name}/index.html"') for name in (adhoc, "2025-01-02", "2025-01-01")]
    assert positions == sorted(positions)
    # C is newer and complete but ad hoc (own data); B has a failed page: latest is A.
    assert (out / "latest").is_symlink() and os.readlink(out / "latest") == "2025-01-01"
    assert (out / "latest" / "manifest.json").is_file()
    latest_html = (out / "latest.html").read_text(encoding="utf-8")
    assert "url=2025-01-01/index.html" in latest_html and 'href="2025-01-01/index.html"' in latest_html
    # The ad hoc run's row names its kind, label and data file; the default runs' rows say "default".
    row = index[index.index(f'data-folder="{adhoc}"') :].split("</tr>")[0]
    assert 'data-kind="ad-hoc"' in row and '专题 <span lang="en">ad hoc</span>: data_synthetic_extra' in row
    assert "synthetic_extra.csv" in row and "haizhou-2024" in row
    default_row = index[index.index('data-folder="2025-01-01"') :].split("</tr>")[0]
    assert 'data-kind="default"' in default_row and '默认 <span lang="en">default</span>' in default_row


@pytest.mark.notebook
def test_bad_data_file_is_refused_before_anything_runs_and_the_published_report_stays(two_runs):
    out = two_runs.out
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    bad = two_runs.extra.with_name("synthetic_bad.csv")
    bad_row = "海州区,hte_count,2024,abc,家,=,t,,2025-03-01,q,secondary,"
    bad.write_text(f"{OBSERVATION_HEADER}\n{bad_row}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"synthetic_bad\.csv, line 2, column 'value'") as caught:
        run(out, "2025-01-01", [page("plain")], data=[bad])
    assert caught.value.exit_code == 2
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    folder = out / "2025-01-01"
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == two_runs.a_bytes
    assert os.readlink(out / "latest") == "2025-01-01"
    assert not any(p.name.startswith("2025-01-01-") for p in out.iterdir())


@pytest.mark.notebook
def test_a_failed_run_never_replaces_a_complete_run_of_the_same_folder(tmp_path, caplog):
    out = tmp_path / "reports"
    good = run(out, "2025-03-02", [page("plain", label="good")])
    good_bytes = (good.run_dir / "plain.html").read_bytes()
    with caplog.at_level(logging.WARNING, logger="hzanalysis.report"):
        worse = run(out, "2025-03-02", [page("plain", label="worse"), page("failing")])
    assert worse.exit_code == 1 and worse.run_dir == (out / "2025-03-02-failed").resolve()
    assert "the complete run 2025-03-02 stays" in caplog.text
    assert (good.run_dir / "plain.html").read_bytes() == good_bytes
    assert os.readlink(out / "latest") == "2025-03-02"
    assert manifest(worse.run_dir)["status"] == "failed"
    assert 'href="2025-03-02-failed/index.html"' in (out / "index.html").read_text(encoding="utf-8")


@pytest.mark.notebook
def test_rerunning_a_date_replaces_the_folder_whole(tmp_path, caplog):
    out = tmp_path / "reports"
    with caplog.at_level(logging.INFO, logger="hzanalysis.report"):
        first = run(out, "2025-03-01", [page("plain", label="first")])
    # Not a terminal (progress=False): one plain log line per notebook.
    assert "[1/1] plain: ok" in caplog.text
    stray = first.run_dir / "stray-from-first-run.txt"
    stray.write_text("synthetic stray file", encoding="utf-8")
    second = run(out, "2025-03-01", [page("plain", label="second")])
    assert second.exit_code == 0 and second.run_dir == first.run_dir
    assert not stray.exists()
    assert "label=second" in (second.run_dir / "plain.html").read_text(encoding="utf-8")
    assert manifest(second.run_dir)["pages"][0]["parameters"] == {"label": "second"}
    assert [p.name for p in out.iterdir() if p.name.startswith("2025")] == ["2025-03-01"]
    assert not (out / ".staging").exists()
    assert os.readlink(out / "latest") == "2025-03-01"


# ---------------------------------------------------------------------------------------------------------
# Locking


@pytest.mark.notebook
def test_two_concurrent_runs_do_not_corrupt_each_other(tmp_path):
    out = tmp_path / "reports"
    results, errors, spans = {}, [], {}

    def record(date, result):
        now = time.monotonic()
        spans.setdefault(date, []).append((now - result.execution_seconds - result.export_seconds, now))

    def go(date):
        try:
            results[date] = run(
                out,
                date,
                [page("plain", label=date), page("failing")],
                jobs=1,
                lock_timeout=120,
                on_page=lambda r: record(date, r),
            )
        except Exception as error:  # pragma: no cover - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=go, args=(d,)) for d in ("2025-04-01", "2025-04-02")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    assert errors == []
    assert set(results) == {"2025-04-01", "2025-04-02"}
    for date, result in results.items():
        m = manifest(out / date)
        assert m["date"] == date and [p["slug"] for p in m["pages"]] == ["plain", "failing"]
        assert f"label={date}" in (out / date / "plain.html").read_text(encoding="utf-8")
        assert (out / date / "failing.html").is_file() and result.exit_code == 1
    # The lock serialised them: every page of the first run ended before any page of the second began
    # (a page began at its completion time minus its run and export time).
    first, second = sorted(spans.values(), key=lambda s: min(end for _, end in s))
    assert max(end for _, end in first) <= min(begin for begin, _ in second) + 0.05
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "2025-04-01/index.html" in index and "2025-04-02/index.html" in index


def test_held_lock_refuses_with_locked_error_and_writes_nothing(tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    with FileLock(str(out / ".lock")), pytest.raises(LockedError, match=r"\.lock") as caught:
        run(out, "2025-05-01", [page("plain")], lock_timeout=0.3)
    assert caught.value.exit_code == 3
    assert sorted(p.name for p in out.iterdir()) == [".lock"]


# ---------------------------------------------------------------------------------------------------------
# Bad parameters are refused before anything is created


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"date": "2025-13-01"}, "YYYY-MM-DD"),
        ({"date": "20250101"}, "YYYY-MM-DD"),
        ({"date": "../2025-01-01"}, "YYYY-MM-DD"),
        ({"as_of": "yesterday"}, "as_of"),
        ({"jobs": 0}, "jobs"),
        ({"jobs": "2"}, "jobs"),
        ({"lang": "fr"}, "lang"),
        ({"data": ["/no/such/synthetic.csv"]}, "no such file"),
        ({"pages": [Page("plain.ipynb", "../escape", "x", "x", {})]}, "slug"),
        ({"pages": [Page("plain.ipynb", "index", "x", "x", {})]}, "slug"),
        (
            {"pages": [Page("plain.ipynb", "a", "x", "x", {}), Page("plain.ipynb", "a", "y", "y", {})]},
            "unique",
        ),
        ({"pages": [Page("../plain.ipynb", "a", "x", "x", {})]}, "file name"),
        ({"pages": [Page("missing.ipynb", "a", "x", "x", {})]}, "does not exist"),
        ({"pages": [Page("plain.ipynb", "a", "x", "x", {"no_such_parameter": 1})]}, "no_such_parameter"),
        ({"pages": [Page("plain.ipynb", "a", "x", "x", {"label": object()})]}, "JSON"),
        ({"pages": []}, "at least one"),
        ({"date": "2999-01-01"}, r"after today.*--allow-future-date"),
        ({"targets": []}, "at least one target id"),
        ({"label": "../escape"}, "label"),
        ({"plan": "Not a plan!"}, "plan"),
        ({"lock_timeout": -1}, "wait"),
    ],
)
def test_bad_parameters_refused_before_anything_is_created(tmp_path, change, message):
    out = tmp_path / "reports"
    kwargs = {"date": "2025-06-01", "out": out, "pages": [page("plain")], "notebooks_dir": FIXTURES} | change
    with pytest.raises(ParameterError, match=message) as caught:
        run_report(**kwargs)
    assert caught.value.exit_code == 2
    assert not out.exists()


def test_unknown_target_id_refused_before_anything_is_created(tmp_path):
    out = tmp_path / "reports"
    with pytest.raises(ParameterError, match="no_such_target"):
        run_report(date="2025-06-01", out=out, targets=["no_such_target"])
    assert not out.exists()


def test_out_that_is_a_file_is_refused(tmp_path):
    existing = tmp_path / "a_file"
    existing.write_text("synthetic", encoding="utf-8")
    for out in (existing, existing / "below"):
        with pytest.raises(ParameterError, match="file"):
            run_report(date="2025-06-01", out=out, pages=[page("plain")], notebooks_dir=FIXTURES)
    assert existing.read_text(encoding="utf-8") == "synthetic"


def test_run_date_after_today_needs_allow_future_date():
    today = dt.date(2026, 3, 10)
    check_run_date("2026-03-10", today=today)  # today itself is fine
    with pytest.raises(ParameterError, match="2026-03-11 is after today"):
        check_run_date("2026-03-11", today=today)
    check_run_date("2026-03-11", allow_future_date=True, today=today)


def test_unwritable_out_refused_with_one_line_before_anything_is_created():
    # /sys refuses new files even to root, so this holds however the tests are run.
    with pytest.raises(ParameterError, match=r"cannot write into /sys .*Fix: choose a folder") as caught:
        run_report(
            date="2025-06-01", out="/sys/hz-synthetic-reports", pages=[page("plain")], notebooks_dir=FIXTURES
        )
    assert "\n" not in str(caught.value)


def test_plan_check_is_injectable_and_runs_before_anything_is_created(tmp_path):
    def known_plans_only(plan: str) -> None:
        if plan != "haizhou-2024":
            raise ParameterError(f"plan: unknown plan {plan!r}")

    out = tmp_path / "reports"
    with pytest.raises(ParameterError, match="unknown plan 'other-plan'"):
        run_report(
            date="2025-06-01",
            out=out,
            plan="other-plan",
            pages=[page("plain")],
            notebooks_dir=FIXTURES,
            check_plan=known_plans_only,
        )
    assert not out.exists()


@pytest.mark.parametrize(
    ("parameters", "label"),
    [
        ({}, None),
        ({"lang": "zh", "plan": "haizhou-2024", "data": []}, None),
        (
            {"as_of": "2024-06-30", "lang": "en", "data": ["/x/my figures.csv"]},
            "asof20240630-en-data_my_figures",
        ),
        ({"targets": ["rd_share_gdp"]}, "t_rd_share_gdp"),
        ({"targets": ["a", "b", "a"]}, "2targets"),
        ({"data": ["/x/我的数据.xlsx", "/y/b.csv"]}, "data_file_2files"),
        ({"plan": "other-plan"}, "plan_other_plan"),
        ({"as_of": "2024-06-30", "label": "own-figures"}, "own-figures"),
    ],
)
def test_run_label_names_what_differs_from_the_default_run(parameters, label):
    assert run_label(**parameters) == label


def _manifest(folder: Path, finished_at: str, status: str = "complete", **parameters) -> None:
    folder.mkdir(parents=True)
    record = {
        "status": status,
        "finished_at": finished_at,
        "parameters": {"lang": "zh", **parameters},
        "pages": [],
    }
    (folder / "manifest.json").write_text(json.dumps(record), encoding="utf-8")


def test_latest_is_the_newest_complete_default_run_by_finish_time_not_folder_name(tmp_path):
    out = tmp_path / "reports"
    # Hand-written schema-1 manifests (no ad_hoc flag): a later-dated folder that ran earlier, a default
    # run that ran last but failed, an ad hoc run (as_of) that ran in between, and one dated far ahead.
    _manifest(out / "2025-02-01", "2025-02-01T08:00:00+00:00")
    _manifest(out / "2025-01-15", "2025-02-03T08:00:00+00:00")
    _manifest(out / "2025-02-02", "2025-02-05T08:00:00+00:00", status="failed")
    _manifest(out / "2025-02-04-asof20240101", "2025-02-04T08:00:00+00:00", as_of="2024-01-01")
    _manifest(out / "2030-01-01", "2025-01-01T08:00:00+00:00")
    assert [m["_folder"] for m in read_manifests(out)] == [
        "2025-02-02",
        "2025-02-04-asof20240101",
        "2025-01-15",
        "2025-02-01",
        "2030-01-01",
    ]
    assert update_runs_index(out) == "2025-01-15"
    assert os.readlink(out / "latest") == "2025-01-15"
    index = (out / "index.html").read_text(encoding="utf-8")
    row = index[index.index('data-folder="2025-02-04-asof20240101"') :].split("</tr>")[0]
    assert 'data-kind="ad-hoc"' in row and "2024-01-01" in row


def test_held_lock_says_it_is_waiting_and_for_whom(tmp_path, caplog):
    out = tmp_path / "reports"
    out.mkdir()
    owner = {
        "pid": 4242,
        "host": "synthetic-host",
        "folder": "2025-05-01",
        "started_at": "2025-05-01T06:30:00",
    }
    (out / ".lock.owner").write_text(json.dumps(owner), encoding="utf-8")
    with FileLock(str(out / ".lock")):
        with caplog.at_level(logging.WARNING), pytest.raises(LockedError) as waited:
            run(out, "2025-05-01", [page("plain")], lock_timeout=0.3)
        assert "waiting up to 0.3 s" in caplog.text and "pid 4242 on synthetic-host" in caplog.text
        caplog.clear()
        with caplog.at_level(logging.WARNING), pytest.raises(LockedError) as at_once:
            run(out, "2025-05-01", [page("plain")], lock_timeout=0)
        assert "waiting" not in caplog.text
    for error in (waited.value, at_once.value):
        assert "pid 4242 on synthetic-host" in str(error) and "--wait SECONDS" in str(error)
    assert "waited 0 s" in str(at_once.value)


def test_notebook_parameters_come_from_papermill_and_plan_goes_only_where_declared(tmp_path):
    folder = _stub_suite(tmp_path / "nb", plan_in="00_scorecard")
    assert notebook_parameters(folder / "00_scorecard.ipynb") == ["as_of", "data_paths", "lang", "plan"]
    pages = plan_pages(plan="other-plan", notebooks_dir=folder, registry=REGISTRY)
    assert pages[0].parameters["plan"] == "other-plan"
    assert all("plan" not in p.parameters for p in pages[1:])


# ---------------------------------------------------------------------------------------------------------
# Planning the default suite (stub notebooks and an injected target list)


def _stub_suite(folder: Path, skip: str = "", plan_in: str = "") -> Path:
    folder.mkdir()
    for name in ("00_scorecard", "10_target", "20_reliability", "30_data_gaps", "40_scenarios"):
        if name == skip:
            continue
        declared = 'as_of = None\ndata_paths = []\nlang = "zh"'
        if name == "10_target":
            declared += '\ntarget_id = "x"'
        if name == plan_in:
            declared += '\nplan = "haizhou-2024"'
        cell = nbformat.v4.new_code_cell(declared, metadata={"tags": ["parameters"]})
        nb = nbformat.v4.new_notebook(cells=[cell])
        if (
            name == plan_in
        ):  # a saved kernelspec, as JupyterLab writes it: papermill.inspect_notebook reads it
            nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "Python 3"}
        nbformat.write(nb, folder / f"{name}.ipynb")
    return folder


REGISTRY = [
    SimpleNamespace(id="alpha", name_zh="甲目标", name_en="Target alpha"),
    SimpleNamespace(id="beta", name_zh="乙目标", name_en="Target beta"),
]


def test_plan_pages_default_suite_with_one_page_per_target(tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text("synthetic", encoding="utf-8")
    pages = plan_pages(
        lang="en",
        as_of="2024-06-30",
        data=[extra],
        notebooks_dir=_stub_suite(tmp_path / "nb"),
        registry=REGISTRY,
    )
    assert [p.slug for p in pages] == [
        "00_scorecard",
        "10_target-alpha",
        "10_target-beta",
        "20_reliability",
        "30_data_gaps",
        "40_scenarios",
    ]
    beta = pages[2]
    assert (beta.notebook, beta.title_zh, beta.title_en) == ("10_target.ipynb", "乙目标", "Target beta")
    assert beta.parameters == {
        "target_id": "beta",
        "as_of": "2024-06-30",
        "data_paths": [str(extra.resolve())],
        "lang": "en",
    }
    assert "target_id" not in pages[0].parameters
    only = plan_pages(targets=["beta"], notebooks_dir=tmp_path / "nb", registry=REGISTRY)
    assert [p.slug for p in only] == [
        "00_scorecard",
        "10_target-beta",
        "20_reliability",
        "30_data_gaps",
        "40_scenarios",
    ]


def test_plan_pages_refuses_unknown_target_and_missing_notebook(tmp_path):
    with pytest.raises(ParameterError, match="gamma"):
        plan_pages(targets=["gamma"], notebooks_dir=_stub_suite(tmp_path / "nb"), registry=REGISTRY)
    with pytest.raises(ParameterError, match="20_reliability"):
        plan_pages(notebooks_dir=_stub_suite(tmp_path / "nb2", skip="20_reliability"), registry=REGISTRY)


def test_plan_pages_fits_the_project_notebooks_and_targets():
    # The real registry and the lead's notebooks: every parameter passed must be declared.
    pages = plan_pages()
    assert pages[0].slug == "00_scorecard" and pages[-1].slug == "40_scenarios"
    assert sum(p.notebook == "10_target.ipynb" for p in pages) >= 1


def test_kernelspec_points_at_this_python():
    root = ensure_kernel()
    spec = json.loads((root / "hzanalysis" / "kernel.json").read_text(encoding="utf-8"))
    assert spec["argv"][0] == sys.executable
    assert ensure_kernel() == root  # idempotent


# ---------------------------------------------------------------------------------------------------------
# display: escaping and the renderer


def test_script_json_cannot_close_the_script_and_round_trips():
    value = {"title": "</script><script>window.__pwned=2</script>", "note": "a & b > c\u2028d\u2029"}
    text = display.script_json(value)
    assert not any(ch in text for ch in "<>&\u2028\u2029")
    assert json.loads(text) == value


def test_chart_html_has_one_closing_script_tag_and_a_visible_failure():
    spec = {"title": "</script><script>window.__pwned=2</script>", "mark": "point"}
    snippet = display.chart_html(spec, element_id="hz-chart-test")
    assert snippet.count("</script>") == 1 and snippet.rstrip().endswith("</script>")
    assert snippet.startswith('<div class="hz-chart" id="hz-chart-test"></div>')
    assert 'renderer: "svg"' in snippet and "actions: false" in snippet
    assert "textContent" in snippet  # errors are written into the div as text
    with pytest.raises(ValueError):
        display.chart_html(spec, element_id='x" onload="alert(1)')


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JAVASCRIPT:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:x",
        "//evil.example/",
        "/relative/path",
        "",
        None,
        float("nan"),
    ],
)
def test_link_makes_no_anchor_for_non_web_urls(url):
    out = display.link(url, "label <x>") if url is not None else display.link(url)
    assert "<a" not in out and "<script" not in out


def test_link_makes_a_safe_anchor_for_web_urls():
    out = display.link("https://example.org/a?b=1&c=<x>", "来源 <b>")
    assert out == (
        '<a href="https://example.org/a?b=1&amp;c=&lt;x&gt;" rel="noopener noreferrer" '
        'target="_blank">来源 &lt;b&gt;</a>'
    )
    assert 'href="http://example.org"' in display.link("http://example.org")


def test_table_escapes_every_cell_and_header():
    frame = pd.DataFrame(
        {
            "<th>": ["<script>window.__pwned=1</script>", None],
            "链接": ["javascript:alert(1)", "https://example.org/x"],
            "n": [1.5, float("nan")],
        }
    )
    out = display.table(frame, link_columns=["链接"], sortable=True).data
    assert "<script>window" not in out and "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in out
    assert "&lt;th&gt;" in out
    assert out.count("<a ") == 1 and 'href="https://example.org/x"' in out and "javascript:alert(1)" in out
    assert "<td>1.5</td>" in out and out.count("<td>—</td>") == 2  # None and NaN shown as a dash
    assert out.count("<script>") == 1  # only the static sort script
    with pytest.raises(ValueError, match="link_columns"):
        display.table(frame, link_columns=["missing"])


def test_callout_heading_note_warnings_escape():
    assert "&lt;script&gt;" in display.callout("<script>x</script>", kind="very_likely").data
    assert "hz-info" in display.callout("x", kind='bad" onclick="y').data
    assert display.callout(display.Safe("<b>kept</b>")).data.count("<b>kept</b>") == 1
    assert display.heading("<i>t</i>", level=9).data == "<h6>&lt;i&gt;t&lt;/i&gt;</h6>"
    assert "&lt;" in display.note("<").data
    assert display.warnings([]).data == ""
    assert "模型警告（2条）" in display.warnings(["<w1>", "w2"], lang="zh").data


def test_show_displays_each_item(monkeypatch):
    shown = []
    monkeypatch.setattr(display, "_show", shown.append)
    display.show(display.note("a"), display.note("b"))
    assert [item.data for item in shown] == ['<p class="hz-note">a</p>', '<p class="hz-note">b</p>']


def test_setup_shows_bundle_once_and_enables_renderer(monkeypatch):
    shown = []
    monkeypatch.setattr(display, "_state", {"bundle_shown": False, "lang": "zh"})
    monkeypatch.setattr(display, "_in_ipython", lambda: True)
    monkeypatch.setattr(display, "_show", shown.append)
    previous = alt.renderers.active
    try:
        display.setup("zh")
        display.setup("en")
        assert len(shown) == 1 and "window.vegaEmbed=" in shown[0].data
        assert alt.renderers.active == "hzanalysis"
        bundle = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q")._repr_mimebundle_()
        bundle = bundle[0] if isinstance(bundle, tuple) else bundle
        assert 'class="hz-chart"' in bundle["text/html"]
        with pytest.raises(ParameterError, match=r"'zh'.*'en'.*'fr'"):
            display.setup("fr")
    finally:
        alt.renderers.enable(previous)


def test_every_template_and_static_file_ships_as_package_data():
    import fnmatch
    import tomllib

    root = Path(__file__).parents[1]
    globs = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["hzanalysis"]
    package = root / "src" / "hzanalysis"
    files = [
        p.relative_to(package).as_posix()
        for folder in ("report/templates", "report/static")
        for p in (package / folder).iterdir()
    ]
    assert files and all(any(fnmatch.fnmatch(f, g) for g in globs) for f in files), (files, globs)


def test_run_index_in_english_links_the_english_title_and_escapes_every_value(tmp_path):
    from hzanalysis.report import PageResult
    from hzanalysis.report.export import run_index_html

    hostile = Page("plain.ipynb", "plain", "合成<b>页</b>", "Synthetic <b>page</b>", {})
    result = PageResult(hostile, "ok", tmp_path / "plain.html", None, 1.25, 0.5, 10)
    manifest = {"date": "2025-06-01", "parameters": {"lang": "en", "label": "en", "data": ["/x/<own>.csv"]}}
    text = run_index_html("2025-06-01-en", "en", [result], manifest)
    assert (
        '<a href="plain.html">Synthetic &lt;b&gt;page&lt;/b&gt;</a></td>'
        '<td lang="zh-CN">合成&lt;b&gt;页&lt;/b&gt;</td>' in text
    )
    assert "<b>" not in text and "&lt;own&gt;.csv" in text
    assert "1.8 s" in text  # 1.25 s run + 0.5 s export, one decimal
    assert '<html lang="en">' in text and "报告" not in text
