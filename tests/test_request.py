"""The run request: every report parameter parsed and checked once, at the boundary, with one date parser."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace

import pytest

from hzanalysis import gaps
from hzanalysis.cli import main
from hzanalysis.errors import ParameterError
from hzanalysis.observations import load_observations
from hzanalysis.observations.schema import as_of_date
from hzanalysis.report import RunRequest, run_report
from hzanalysis.report.plan import check_date

TODAY = dt.date(2026, 12, 7)


def refusal(**kwargs) -> str:
    with pytest.raises(ParameterError) as info:
        RunRequest.parse(today=TODAY, **kwargs)
    return str(info.value)


def test_a_request_refuses_what_the_cli_refuses_with_the_same_words():
    assert refusal(date="2026-13-01") == (
        "date: expected a date written YYYY-MM-DD (for example 2025-06-30); found '2026-13-01'"
    )
    assert refusal(date="1900-01-01").startswith("date: 1900-01-01 is before 2000-01-01")
    assert refusal(date="2026-12-08").startswith("date: 2026-12-08 is after today (2026-12-07)")
    assert refusal(as_of="2030-01-01").startswith("as_of: 2030-01-01 is after today (2026-12-07)")
    assert refusal(date="2026-06-01", as_of="2026-07-01").startswith(
        "as_of: 2026-07-01 is after the run date 2026-06-01"
    )
    assert refusal(label="failed").startswith("label: 'failed' is reserved")
    assert refusal(jobs=0) == "jobs: expected a whole number of at least 1; found 0"
    assert refusal(lang="fr") == "lang: expected 'zh' (Chinese) or 'en' (English); found 'fr'"


def test_the_cli_prints_the_request_s_refusal(tmp_path, capsys):
    expected = refusal(date="1900-01-01")
    assert main(["report", "--out", str(tmp_path / "r"), "--date", "1900-01-01"]) == 2
    assert expected in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_a_past_date_implies_its_cut_off_unless_the_caller_says_otherwise():
    past = RunRequest.parse(date="2026-03-01", today=TODAY)
    assert past.as_of == "2026-03-01" and past.date == "2026-03-01"
    # an explicit earlier cut-off stays; the library keywords of run_report keep as_of as given
    assert RunRequest.parse(date="2026-03-01", as_of="2025-01-01", today=TODAY).as_of == "2025-01-01"
    assert RunRequest.parse(date="2026-03-01", imply_as_of=False, today=TODAY).as_of is None
    # today's run uses everything published
    assert RunRequest.parse(today=TODAY).as_of is None and RunRequest.parse(today=TODAY).date == "2026-12-07"


def test_the_request_is_frozen_and_holds_checked_values(tmp_path):
    figures = tmp_path / "figures"
    figures.mkdir()
    own = figures / "own.csv"
    own.write_text(
        "region,indicator,year,value,unit,bound,source_title,source_url,published,quote,quality,note\n"
        "海州区,hte_count,2024,180,家,=,SYNTHETIC test figure,,2025-03-01,示例,official_statistics,"
        "synthetic\n",
        encoding="utf-8",
    )
    request = RunRequest.parse(targets="rd_share_gdp", data=[figures], out=tmp_path / "out", today=TODAY)
    # a folder stands for its files, absolute; one target id is a one-element selection
    assert request.targets == ("rd_share_gdp",) and request.data == (own.resolve(),)
    assert request.out == tmp_path / "out" and request.plan == "haizhou-2024"
    with pytest.raises(dataclasses.FrozenInstanceError):
        request.as_of = "2025-01-01"  # type: ignore[misc]


def test_the_cli_hands_run_report_one_request(monkeypatch, tmp_path):
    seen = []

    def fake_run_report(request=None, **fields):
        seen.append((request, fields))
        return SimpleNamespace(exit_code=0)

    monkeypatch.setattr("hzanalysis.report.run_report", fake_run_report)
    argv = ["report", "--out", str(tmp_path), "--date", "2025-03-01", "--jobs", "1", "--lang", "en"]
    assert main(argv) == 0
    [(request, fields)] = seen
    assert fields == {}
    assert isinstance(request, RunRequest)
    assert (request.date, request.as_of, request.lang, request.jobs) == ("2025-03-01", "2025-03-01", "en", 1)


def test_run_report_takes_a_request_or_keywords_not_both():
    request = RunRequest.parse(today=TODAY)
    with pytest.raises(ParameterError, match="either a request or the parameters"):
        run_report(request, lang="en")
    with pytest.raises(ParameterError, match=r"unknown parameter\(s\) \['langs'\]"):
        run_report(langs="en")


@pytest.mark.parametrize("bad", ["2025/01/01", "20250101", "2025-02-30", " 2025-01-01"])
def test_one_date_parser_gives_one_message_everywhere(bad):
    message = f"as_of: expected a date written YYYY-MM-DD (for example 2025-06-30); found {bad!r}"
    for parse in (
        lambda: as_of_date(bad),
        lambda: check_date(bad, "as_of"),
        lambda: gaps.as_of_date(bad),
        lambda: load_observations(as_of=bad),
    ):
        with pytest.raises(ParameterError) as info:
            parse()
        assert str(info.value) == message


def test_the_date_parser_keeps_none_and_dates():
    assert as_of_date(None) is None
    assert as_of_date("2025-06-30") == dt.date(2025, 6, 30)
    assert as_of_date(dt.datetime(2025, 6, 30, 12, 0)) == dt.date(2025, 6, 30)
    # the data-gaps grid reads None as today: that is its rule, not the parser's
    assert gaps.as_of_date(None, today=TODAY) == TODAY
