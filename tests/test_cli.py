"""The command line as a user runs it: output, exit codes, and nothing written on bad input."""

from __future__ import annotations

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
    assert "全社会研发投入占地区生产总值比重" in out and "3.75 (2024)" in out
    assert "数据不足" in out and "缺少的数据" in out


def test_assess_writes_csv_and_english(tmp_path, capsys):
    csv = tmp_path / "scorecard.csv"
    assert main(["assess", "--lang", "en", "--csv", str(csv)]) == 0
    assert "insufficient data" in capsys.readouterr().out
    assert csv.read_text(encoding="utf-8").startswith("action,")


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
    assert "180 (2024)" in capsys.readouterr().out


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
