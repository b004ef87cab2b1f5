"""The command line as a user runs it: output, exit codes, and nothing written on bad input."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from hzanalysis.cli import main
from hzanalysis.targets import load_targets


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hzanalysis.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )


def test_targets_lists_every_registry_entry(capsys):
    assert main(["targets"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == len(load_targets())
    assert any(line.startswith("rd_share_gdp") and "3.8" in line for line in lines)


def test_assess_prints_the_scorecard_in_chinese(capsys):
    assert main(["assess"]) == 0
    out = capsys.readouterr().out
    assert "全社会研发投入占地区生产总值比重" in out and "3.75%（2024）" in out
    assert "数据不足" in out and "缺少的数据" in out


def test_assess_writes_csv_and_english(tmp_path, capsys):
    csv = tmp_path / "scorecard.csv"
    assert main(["assess", "--lang", "en", "--csv", str(csv)]) == 0
    assert "insufficient data" in capsys.readouterr().out
    assert csv.read_text(encoding="utf-8").startswith("action,")


def test_assess_in_english_prints_no_chinese_outside_brackets(capsys):
    """Headers, kinds, verdicts, units and the missing-data list all in English; Chinese names may follow
    in brackets (the bureau's own name), nowhere else."""
    assert main(["assess", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    table, marker, missing = out.partition("Missing data:")
    assert marker and table.splitlines()[0].split()[:2] == ["Target", "Kind"]
    assert "P(met)" in table.splitlines()[0] and "Verdict" in table.splitlines()[0]
    assert "≥ 3.8%" in table and "3.75% (2024)" in table  # the one value formatter, English brackets
    assert "≥ 300 units" in table and "家" not in table  # 300家 in English
    cjk = re.compile(r"[\u3400-\u9fff]")
    assert not cjk.search(table)
    assert not cjk.search(re.sub(r"\([^()]*\)", "", missing))
    # the bureau that holds the figures, in English, not 区科技局
    assert "held by District Science and Technology Bureau" in missing


def test_template_then_check_then_build_with_own_figures(tmp_path, capsys):
    assert main(["data", "template", "--out", str(tmp_path)]) == 0
    csv = tmp_path / "observations_template.csv"
    assert csv.exists() and (tmp_path / "observations_template.xlsx").exists()
    # the untouched template still holds its example row, which must be replaced before use
    assert main(["data", "check", str(csv)]) == 2
    # a researcher's own figure (synthetic here) in the template's columns
    header = csv.read_text(encoding="utf-8-sig").splitlines()[0]
    own = tmp_path / "own.csv"
    own.write_text(
        header + "\n海州区,hte_count,2024,180,家,=,SYNTHETIC test figure,,2025-03-01,示例,"
        "official_statistics,synthetic\n",
        encoding="utf-8",
    )
    assert main(["data", "check", str(own)]) == 0
    capsys.readouterr()
    assert main(["assess", "--data", str(own)]) == 0
    assert "180家（2024）" in capsys.readouterr().out


def test_data_build_is_retired_with_a_pointer_to_check_and_the_workbook(tmp_path, capsys, monkeypatch):
    # data/processed/observations.csv was written and never read: the command now says what replaces it
    # (data check validates; a run's workbook.xlsx keeps the figures it used) and writes nothing.
    monkeypatch.chdir(tmp_path)
    own = tmp_path / "own.csv"
    own.write_text(f"{HEADER}\n", encoding="utf-8")
    assert main(["data", "build", "--data", str(own)]) == 2
    err = capsys.readouterr().err
    assert f"hzanalysis data check {own}" in err and "workbook.xlsx" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["own.csv"]


def test_bad_file_exits_2_with_file_line_and_column(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "region,indicator,year,value,unit,bound,source_title,source_url,published,quote,quality,note\n"
        "海州区,rd_share_gdp,2024,abc,%,=,t,,2025,q,secondary,\n",
        encoding="utf-8",
    )
    result = run("data", "check", str(bad))
    assert result.returncode == 2
    assert "bad.csv" in result.stderr and "line 2" in result.stderr and "'value'" in result.stderr


def test_template_refuses_to_overwrite(tmp_path):
    assert main(["data", "template", "--out", str(tmp_path)]) == 0
    assert main(["data", "template", "--out", str(tmp_path)]) == 2
    assert main(["data", "template", "--out", str(tmp_path), "--force"]) == 0


def test_report_refuses_an_unknown_target_before_running(tmp_path):
    result = run("report", "--out", str(tmp_path / "reports"), "--targets", "no_such_target")
    assert result.returncode == 2 and "no_such_target" in result.stderr
    assert not (tmp_path / "reports").exists() or not any((tmp_path / "reports").iterdir())


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "usage" in capsys.readouterr().out


def test_terminal_columns_count_chinese_characters_as_two():
    from hzanalysis.cli import _align

    # "目标" is four terminal columns wide, "ab" two: "ab" gets two extra spaces of padding
    assert _align([["目标", "x"], ["ab", "y"]]) == ["目标  x", "ab    y"]


# ---------------------------------------------------------------------------------------------------------
# The runner never replaces a good report with a worse one; refusals are one line with a fix, exit 2


HEADER = "region,indicator,year,value,unit,bound,source_title,source_url,published,quote,quality,note"


def one_line_refusal(result: subprocess.CompletedProcess[str], code: int = 2) -> str:
    """The single stderr line of a refused command (no traceback)."""
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("hzanalysis: "), result.stderr
    return lines[0]


def test_report_refuses_a_data_file_that_data_check_rejects_before_running(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(f"{HEADER}\n海州区,rd_share_gdp,2024,abc,%,=,t,,2025,q,secondary,\n", encoding="utf-8")
    out = tmp_path / "reports"
    result = run("report", "--out", str(out), "--data", str(bad))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "bad.csv, line 2, column 'value'" in result.stderr
    assert not out.exists()


def test_report_refuses_an_empty_target_list(tmp_path):
    line = one_line_refusal(run("report", "--out", str(tmp_path / "reports"), "--targets"))
    assert "expected at least one target id" in line and "leave --targets out" in line
    assert not (tmp_path / "reports").exists()


def test_report_refuses_a_date_after_today_unless_asked(tmp_path):
    line = one_line_refusal(run("report", "--out", str(tmp_path / "reports"), "--date", "2999-01-01"))
    assert "2999-01-01 is after today" in line and "--allow-future-date" in line
    assert not (tmp_path / "reports").exists()


def test_report_into_a_read_only_folder_is_one_line(tmp_path):
    # /sys refuses new files even to root, so this holds however the tests are run.
    line = one_line_refusal(run("report", "--out", "/sys/hz-synthetic-reports"))
    assert "cannot write into /sys" in line and "Fix: choose a folder you can write to with --out" in line


def test_assess_csv_into_a_missing_folder_is_one_line(tmp_path):
    target = tmp_path / "missing" / "scorecard.csv"
    line = one_line_refusal(run("assess", "--csv", str(target)))
    assert f"the folder {target.parent} does not exist" in line and "Create it first" in line
    assert not target.parent.exists()


def test_data_template_into_a_file_is_one_line(tmp_path):
    existing = tmp_path / "a_file"
    existing.write_text("synthetic", encoding="utf-8")
    line = one_line_refusal(run("data", "template", "--out", str(existing)))
    assert f"{existing} is a file, not a folder" in line and "Fix:" in line
    assert existing.read_text(encoding="utf-8") == "synthetic"


def test_a_held_lock_says_who_holds_it_and_advises_an_option_that_exists(tmp_path):
    from filelock import FileLock

    out = tmp_path / "reports"
    out.mkdir()
    owner = {"pid": 4242, "host": "synthetic-host", "folder": "2025-05-01", "started_at": "2025-05-01T06:30"}
    (out / ".lock.owner").write_text(json.dumps(owner), encoding="utf-8")
    with FileLock(str(out / ".lock")):
        at_once = run("report", "--out", str(out), "--wait", "0")
        waited = run("report", "--out", str(out), "--wait", "1")
    line = one_line_refusal(at_once, code=3)
    assert "pid 4242 on synthetic-host" in line and "--wait SECONDS" in line
    assert waited.returncode == 3
    assert "waiting up to 1 s" in waited.stderr and "pid 4242 on synthetic-host" in waited.stderr
    # --wait is an option that exists: the advice can be followed.
    assert "--wait SECONDS" in run("report", "--help").stdout
    assert sorted(p.name for p in out.iterdir()) == [".lock", ".lock.owner"]


def test_assess_into_a_closed_pipe_ends_quietly():
    # As `hzanalysis assess | head -0`: the reader has gone before the scorecard is printed.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "hzanalysis.cli", "assess"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=300,
        )
    finally:
        os.close(write_end)
    assert done.returncode == 141
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr and done.stderr == ""
