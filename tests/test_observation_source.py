"""The files are read once and cut at any date in memory: the look back no longer re-reads them per date.

The researcher's figures here are SYNTHETIC (written for the test).
"""

from __future__ import annotations

import pandas as pd
import pytest

from hzanalysis import as_of_history
from hzanalysis.observations import combine, load_observations, read_observations

HEADER = "region,indicator,year,value,unit,bound,source_title,source_url,published,quote,quality,note"
SOURCE = "SYNTHETIC test figure,,{},示例,official_statistics,synthetic"


@pytest.fixture
def own(tmp_path):
    path = tmp_path / "own.csv"
    path.write_text(
        f"{HEADER}\n"
        # replaces the public 2024 figure (3.75, published "2025": 31 December) once published itself
        f"海州区,rd_share_gdp,2024,3.82,%,=,{SOURCE.format('2026-02-01')}\n"
        f"海州区,hte_count,2023,240,家,=,{SOURCE.format('2024-03-01')}\n"
        f"海州区,hte_count,2024,268,家,=,{SOURCE.format('2025-03-01')}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.filterwarnings("ignore::hzanalysis.observations.ObservationWarning")
@pytest.mark.parametrize("as_of", [None, "2019-01-01", "2024-06-30", "2025-12-31", "2026-02-01"])
def test_a_cut_of_the_source_is_what_loading_as_of_that_date_gives(own, as_of):
    loaded = load_observations([own], as_of=as_of)
    cut = read_observations([own]).as_of(as_of)
    pd.testing.assert_frame_equal(cut, loaded)
    assert cut.attrs == loaded.attrs


@pytest.mark.filterwarnings("ignore::hzanalysis.observations.ObservationWarning")
def test_the_later_figure_replaces_the_public_one_only_once_published(own):
    source = read_observations([own])

    def rd_2024(as_of):
        rows = source.as_of(as_of)
        return rows.loc[(rows["indicator"] == "rd_share_gdp") & (rows["year"] == 2024), "value"].tolist()

    assert rd_2024("2025-12-30") == []  # neither published yet
    assert rd_2024("2026-01-31") == [3.75]  # the public figure, "2025" counting as 31 December 2025
    assert rd_2024("2026-02-01") == [3.82]  # the researcher's, from its own publication day
    assert [(e["value"], e["value_by"]) for e in source.as_of("2026-02-01").attrs["superseded"]] == [
        (3.75, 3.82)
    ]


@pytest.mark.filterwarnings("ignore::hzanalysis.observations.ObservationWarning")
def test_the_look_back_reads_the_files_once_for_every_date(own, monkeypatch):
    reads = []
    original = combine.read_inputs

    def counting(*args, **kwargs):
        reads.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(combine, "read_inputs", counting)
    history = as_of_history("hte_count", dates=["2024-01-01", "2024-06-30", "2025-06-30"], data=[own])
    assert len(reads) == 1
    # and what it says is what was known then: no hte_count figure of the file before 2024-03-01
    assert history["n_obs"].tolist() == [1, 2, 3]
    assert history["latest_year"].tolist() == [2017, 2023, 2024]
