"""Faults a new user met in the command line (issue 15): overwritten files, reserved labels, dates out of
range or in the past, SIGTERM, and help texts. Each test failed on the code before its fix."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import hzanalysis.report as report_package
from hzanalysis.cli import main
from hzanalysis.report import read_manifests, run_report, update_runs_index
from hzanalysis.report.plan import run_label

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
HEADER = "region,indicator,year,value,unit,bound,source_title,source_url,published,quote,quality,note"
#: One synthetic figure, written for these tests (not from any real document).
SYNTHETIC_ROW = "海州区,rd_share_gdp,2024,3.7,%,=,合成来源,,2025-03-01,合成原文3.7%,secondary,synthetic"
TODAY = dt.date.today()


def synthetic_data(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "mine.csv"
    path.write_text(f"{HEADER}\n{SYNTHETIC_ROW}\n", encoding="utf-8")
    return path


def refusal(capsys) -> str:
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("hzanalysis: ")]
    assert len(lines) == 1, err
    return lines[0]


# --- assess --csv ----------------------------------------------------------------------------------------


def test_assess_csv_refuses_to_overwrite_an_existing_file_without_force(tmp_path, capsys):
    existing = tmp_path / "notes.csv"
    existing.write_text("my own notes\n", encoding="utf-8")
    assert main(["assess", "--csv", str(existing)]) == 2
    line = refusal(capsys)
    assert "already exists" in line and "--force" in line
    assert existing.read_text(encoding="utf-8") == "my own notes\n"
    assert main(["assess", "--csv", str(existing), "--force"]) == 0
    assert existing.read_text(encoding="utf-8").startswith("action,")


def test_assess_csv_never_writes_over_a_data_input_even_with_force(tmp_path, capsys):
    data = synthetic_data(tmp_path / "figures")
    before = data.read_bytes()
    assert main(["assess", "--data", str(data), "--csv", str(data), "--force"]) == 2
    assert "is one of the --data inputs" in refusal(capsys)
    assert data.read_bytes() == before
    # A new file inside a --data folder would be read as observations by the next run.
    inside = tmp_path / "figures" / "scorecard.csv"
    assert main(["assess", "--data", str(tmp_path / "figures"), "--csv", str(inside)]) == 2
    assert "inside a --data folder" in refusal(capsys)
    assert not inside.exists()


# --- report --label --------------------------------------------------------------------------------------


@pytest.mark.parametrize("label", ["failed", "FAILED", "own-figures-failed"])
def test_report_refuses_the_labels_kept_for_failed_runs(tmp_path, capsys, label):
    out = tmp_path / "reports"
    assert main(["report", "--out", str(out), "--label", label]) == 2
    line = refusal(capsys)
    assert "is reserved" in line and "failed runs" in line
    assert not out.exists()


def test_report_label_takes_chinese_letters_and_lists_the_run(tmp_path):
    # It used to say "letters" and then refuse Chinese letters (issue 15); a run named 自有数据 is now a
    # folder <date>-自有数据 that the runs index lists like any other.
    assert run_label(label="自有数据") == "自有数据"
    assert run_label(label="2024年自有数据_v2") == "2024年自有数据_v2"
    out = tmp_path / "reports"
    for folder in ("2026-12-01-自有数据", "2026-12-01-自有数据-failed"):
        (out / folder).mkdir(parents=True)
        (out / folder / "manifest.json").write_text('{"finished_at": "x"}', encoding="utf-8")
    assert sorted(m["_folder"] for m in read_manifests(out)) == [
        "2026-12-01-自有数据",
        "2026-12-01-自有数据-failed",
    ]


@pytest.mark.parametrize(
    "label", ["自有/数据", "自有 数据", "自有　数据", "自有，数据", "..自有", ".自有", "自有..x"]
)
def test_report_label_still_refuses_separators_spaces_and_dots(tmp_path, capsys, label):
    assert main(["report", "--out", str(tmp_path / "reports"), "--label", label]) == 2
    line = refusal(capsys)
    assert "Chinese characters" in line and "without spaces, '/' or '..'" in line
    assert not (tmp_path / "reports").exists()


def test_report_label_refuses_a_chinese_label_kept_for_failed_runs(tmp_path, capsys):
    assert main(["report", "--out", str(tmp_path / "reports"), "--label", "自有数据-failed"]) == 2
    assert "is reserved" in refusal(capsys)


# --- dates -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["report", "--date", "1900-01-01"], "date: 1900-01-01 is before 2000-01-01"),
        (["report", "--as-of", "1900-01-01"], "as_of: 1900-01-01 is before 2000-01-01"),
        (["report", "--as-of", (TODAY + dt.timedelta(days=400)).isoformat()], "is after today"),
        (["assess", "--as-of", (TODAY + dt.timedelta(days=400)).isoformat()], "is after today"),
        (["assess", "--as-of", "1900-01-01"], "is before 2000-01-01"),
        (
            [
                "report",
                "--date",
                (TODAY - dt.timedelta(days=10)).isoformat(),
                "--as-of",
                (TODAY - dt.timedelta(days=2)).isoformat(),
            ],
            "is after the run date",
        ),
    ],
)
def test_dates_out_of_range_are_refused_with_a_clear_message(tmp_path, capsys, argv, expected):
    out = tmp_path / "reports"
    extra = ["--out", str(out)] if argv[0] == "report" else []
    assert main([*argv, *extra]) == 2
    line = refusal(capsys)
    assert expected in line and "Fix:" in line
    assert not out.exists()


def test_a_past_date_implies_as_of_that_day():
    from hzanalysis.report.plan import check_as_of, implied_as_of

    past = (TODAY - dt.timedelta(days=6)).isoformat()
    assert implied_as_of(past, None) == past
    assert implied_as_of(past, "2024-06-30") == "2024-06-30"
    assert implied_as_of(TODAY.isoformat(), None) is None
    check_as_of(past, TODAY.isoformat())  # on or before the run date: accepted


def test_a_past_report_date_never_takes_latest_from_a_newer_run(tmp_path, monkeypatch, capsys):
    """Today's default run, then `report --date <6 days ago>`: the older run uses what was published by its
    date, is listed as ad hoc and leaves latest on today's run."""
    from hzanalysis.report import Page

    out = tmp_path / "reports"
    page = Page("plain.ipynb", "plain", "合成", "Synthetic", {})
    common = {"pages": [page], "notebooks_dir": FIXTURES, "progress": False, "jobs": 1}
    today_run = run_report(date=TODAY.isoformat(), out=out, **common)
    assert today_run.exit_code == 0

    def with_fixture_pages(request):
        # the CLI's request as parsed (a past --date implies its as_of); the fixture page stands for the suite
        return run_report(request, pages=[page], notebooks_dir=FIXTURES, progress=False)

    monkeypatch.setattr(report_package, "run_report", with_fixture_pages)
    past = (TODAY - dt.timedelta(days=6)).isoformat()
    assert main(["report", "--date", past, "--out", str(out), "--jobs", "1"]) == 0
    runs = {m["_folder"]: m for m in read_manifests(out)}
    past_folder = f"{past}-asof{past.replace('-', '')}"
    assert set(runs) == {TODAY.isoformat(), past_folder}
    assert runs[past_folder]["parameters"]["as_of"] == past
    assert runs[past_folder]["parameters"]["ad_hoc"] is True
    assert update_runs_index(out) == TODAY.isoformat()
    assert os.readlink(out / "latest") == TODAY.isoformat()


# --- SIGTERM ---------------------------------------------------------------------------------------------

#: Runs `hzanalysis report` with page execution replaced by a long sleep, so SIGTERM lands mid-run.
_SLOW_RUN = """
import sys, time
from pathlib import Path
import hzanalysis.report.run as run
def slow_pages(pages, nb_dir, staging, *args):
    (Path(sys.argv[2]) / "started").write_text("x")
    (staging / "half-written.html").write_text("<html>")
    time.sleep(120)
run.run_pages = slow_pages
from hzanalysis.cli import main
raise SystemExit(main(["report", "--out", sys.argv[1]]))
"""


def test_sigterm_during_a_run_is_logged_and_publishes_nothing(tmp_path):
    out, marks = tmp_path / "reports", tmp_path / "marks"
    marks.mkdir()
    earlier = out / "2025-01-01"
    earlier.mkdir(parents=True)
    (earlier / "manifest.json").write_text(json.dumps({"status": "complete"}), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-c", _SLOW_RUN, str(out), str(marks)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 240
        while not (marks / "started").exists():
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the run never started"
            time.sleep(0.2)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 143, err  # killed by the signal it was -15, with nothing in the log
    assert "stopped by SIGTERM" in err and "Traceback" not in err
    left = sorted(p.name for p in out.iterdir())
    assert ".staging" not in left and ".lock.owner" not in left  # unwound: staging removed, lock released
    assert [n for n in left if not n.startswith(".")] == ["2025-01-01"]  # nothing published
    assert json.loads((earlier / "manifest.json").read_text(encoding="utf-8")) == {"status": "complete"}


# --- help ------------------------------------------------------------------------------------------------


def help_text(capsys, *argv: str) -> str:
    with pytest.raises(SystemExit) as stop:
        main([*argv, "--help"])
    assert stop.value.code == 0
    return re.sub(r"\s+", " ", capsys.readouterr().out)


def test_help_texts_say_what_the_options_take(capsys):
    top = help_text(capsys)
    assert "141 the reader of the output went away" in top and "143 stopped by SIGTERM" in top
    for command in (["assess"], ["report"], ["targets"]):
        assert "--lang {zh,en} language of" in help_text(capsys, *command), command
    for command in (["assess"], ["report"]):
        assert "or folders of them" in help_text(capsys, *command), command
    # The same name for the positional argument of both data commands.
    assert "usage: hzanalysis data check [-h] [--plan PLAN] [FILE ...]" in help_text(capsys, "data", "check")
    assert "FILE [FILE ...]" in help_text(capsys, "data", "extract")


def test_data_option_with_nothing_after_it_is_refused(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["assess", "--data"])
    assert stop.value.code == 2
    assert "--data: expected at least one argument" in capsys.readouterr().err


def test_targets_lists_names_and_kinds_in_english(capsys):
    assert main(["targets", "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    rd = next(line for line in lines if line.startswith("rd_share_gdp"))
    assert "Gross R&D expenditure as a share of GDP" in rd and "≥ 3.8%" in rd
    assert "level in the deadline year" in rd
    assert not re.search(r"[\u3400-\u9fff]", "\n".join(lines))
