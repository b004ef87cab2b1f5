"""The peer benchmark's project side (benchmarks/peers.py): exchange files, scoring, aims. Figures by hand.

The peer side itself needs statsforecast (its own environment, ``make bench-peers``) and is not run here.
All series are synthetic (made up for the test).
"""

from __future__ import annotations

import ast
import math
from pathlib import Path

import pandas as pd
import pytest
from packaging.version import Version

from benchmarks import harness as bench
from benchmarks import peers
from hzanalysis.errors import ParameterError

ROOT = Path(__file__).parents[1]


def one_series(test_years=(2004, 2005), actual=(16.0, 18.0)):
    train = pd.Series([10.0, 12.0, 11.0, 15.0], index=[2000, 2001, 2002, 2003])
    return [("A", train, pd.Series(list(actual), index=list(test_years)))]


def test_peer_inputs_hold_the_training_part_and_the_horizon_to_the_last_test_year(tmp_path):
    peers.write_peer_inputs(one_series(test_years=(2005, 2006)), tmp_path)
    train = pd.read_csv(tmp_path / "train.csv")
    assert train["year"].tolist() == [2000, 2001, 2002, 2003]  # no test value leaks to the peers
    assert train["value"].tolist() == [10.0, 12.0, 11.0, 15.0]
    assert pd.read_csv(tmp_path / "horizons.csv").to_dict("records") == [{"series_id": "A", "horizon": 3}]


def test_peer_forecasts_are_scored_by_the_same_code_as_ours():
    forecasts = pd.DataFrame(
        {
            "series_id": ["A", "A"],
            "method": ["Naive", "Naive"],
            "h": [1, 2],
            "point": [15.0, 15.0],
            "lower_80": [13.0, 14.0],
            "upper_80": [17.0, 16.0],
            "lower_95": [12.0, 13.0],
            "upper_95": [18.0, 17.0],
            "seconds": [0.01, 0.01],
            "used": ["Naive", "Naive"],
        }
    )
    summary = bench.summarise(pd.DataFrame(peers.peer_rows(one_series(), forecasts)))
    row = summary.loc["peer:Naive"]
    # MASE scale = mean(|2|, |-1|, |4|) = 7/3; errors 1 and 3 -> (3/7 + 9/7) / 2 = 6/7
    assert row["mase"] == pytest.approx(6 / 7)
    # sMAPE: 200/31 and 600/33
    assert row["smape"] == pytest.approx((200 / 31 + 600 / 33) / 2)
    # 18 is outside [14, 16] and [13, 17] at h = 2, 16 inside both at h = 1
    assert row["cover_80"] == pytest.approx(0.5) and row["cover_95"] == pytest.approx(0.5)
    # interval scores 6 and 4 + 40 * (18 - 17) = 44; mean 25, scaled by 7/3
    assert row["msis"] == pytest.approx(75 / 7)
    assert row["fallbacks"] == 0


def test_a_peer_that_fell_back_is_counted():
    forecasts = pd.DataFrame(
        {
            "series_id": ["A", "A"],
            "method": ["AutoARIMA", "AutoARIMA"],
            "h": [1, 2],
            "point": [15.0, 15.0],
            "lower_80": [13.0, 13.0],
            "upper_80": [17.0, 17.0],
            "lower_95": [12.0, 12.0],
            "upper_95": [18.0, 18.0],
            "seconds": [0.0, 0.0],
            "used": ["Naive", "Naive"],
        }
    )
    rows = peers.peer_rows(one_series(), forecasts)
    assert [r["fallbacks"] for r in rows] == [1, 1]
    assert bench.summarise(pd.DataFrame(rows)).loc["peer:AutoARIMA", "fallbacks"] == 2


def summary_of(mase: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame({"mase": mase, "msis": dict.fromkeys(mase, 30.0)})


def test_aims_allow_only_dynamic_optimized_theta_ahead_and_by_at_most_one_percent():
    table = summary_of(
        {
            "model:auto": 2.50,
            "model:slow": 2.52,
            "peer:AutoTheta": 2.60,
            "peer:DynamicOptimizedTheta": 2.49,
            "peer:Naive": 3.0,
        }
    )
    auto = peers.aims(table, "model:auto", "tourism")
    assert auto["mase_below_every_peer_but_dotm"]["met"]
    assert auto["mase_below_every_peer_but_dotm"]["best_other_peer_name"] == "peer:AutoTheta"
    assert auto["mase_within_1pct_of_dotm"]["met"]  # 2.50 <= 2.49 * 1.01 = 2.5149
    assert auto["msis_below_31_3"]["met"]
    slow = peers.aims(table, "model:slow", "m1")
    assert not slow["mase_within_1pct_of_dotm"]["met"]  # 2.52 > 2.5149
    assert "msis_below_31_3" not in slow  # the MSIS aim is stated for Tourism only
    behind = peers.aims(summary_of({"model:auto": 2.61, "peer:AutoTheta": 2.60}), "model:auto", "m1")
    assert not behind["mase_below_every_peer_but_dotm"]["met"]


def test_a_missing_peer_environment_is_a_parameter_error_that_says_how_to_fix():
    with pytest.raises(ParameterError, match="make bench-peers"):
        peers.run_peers(one_series(), Path("/nonexistent/.venv-peers/bin/python"))


def test_the_peer_script_imports_neither_hzanalysis_nor_the_benchmarks_package():
    tree = ast.parse((ROOT / "benchmarks" / "peers_run.py").read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert "statsforecast.models" in imported
    assert not any(name.split(".")[0] in ("hzanalysis", "benchmarks") for name in imported)


def test_the_peer_lock_pins_statsforecast_with_a_pandas_below_3():
    pins = dict(
        line.split("==")
        for line in (ROOT / "requirements" / "peers.lock").read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.startswith("#")
    )
    assert pins["statsforecast"] == "2.1.1"
    assert Version(pins["pandas"]) < Version("3")


def test_earlier_origin_moves_the_test_back_by_its_length_and_drops_series_left_too_short():
    long_train = pd.Series(range(10, 20), index=range(2000, 2010), dtype=float)
    short_train = pd.Series(range(1, 10), index=range(2001, 2010), dtype=float)
    test = pd.Series([1.0, 2.0, 3.0, 4.0], index=range(2010, 2014))
    moved = peers.earlier_origin([("long", long_train, test), ("short", short_train, test)])
    # 10 training years - 4 = 6 kept (the model rung); 9 - 4 = 5 would not reach the model rung
    assert [sid for sid, _, _ in moved] == ["long"]
    _, train, held_out = moved[0]
    assert train.index.tolist() == list(range(2000, 2006))
    assert held_out.index.tolist() == [2006, 2007, 2008, 2009]
    assert held_out.tolist() == [16.0, 17.0, 18.0, 19.0]  # training values, never the official test


# ----------------------------------------------------------------------- every population (issue 13, point 4)


def test_a_panel_unit_keeps_its_last_run_of_years_and_tests_on_at_most_four_of_them():
    # 1995-1996, a gap, then 2000-2010 (11 consecutive years): the run before the gap is dropped
    years = [1995, 1996, *range(2000, 2011)]
    values = pd.Series([float(y) for y in years], index=years)
    sid, train, test = peers.panel_split("A", values)
    assert sid == "A"
    assert train.index.tolist() == list(range(2000, 2007))  # 11 - 4 = 7 training years
    assert test.index.tolist() == [2007, 2008, 2009, 2010]


def test_a_short_panel_unit_tests_on_what_leaves_six_training_points_or_is_not_scored():
    eight = pd.Series(range(1, 9), index=range(2010, 2018), dtype=float)
    _, train, test = peers.panel_split("B", eight)
    assert len(train) == 6 and test.index.tolist() == [2016, 2017]  # h = min(4, 8 - 6) = 2
    six = pd.Series(range(1, 7), index=range(2010, 2016), dtype=float)
    assert peers.panel_split("C", six) is None  # h = min(4, 0) < 1


def test_the_cap_is_a_fixed_sample_in_id_order_and_keeps_small_populations_whole():
    items = [(f"s{i:02d}", None, None) for i in range(20)]
    first = peers.sample_series(items, 5)
    assert len(first) == 5 and first == peers.sample_series(items, 5)  # same seed, same sample
    assert [sid for sid, _, _ in first] == sorted(sid for sid, _, _ in first)
    assert len({sid for sid, _, _ in first}) == 5
    assert peers.sample_series(items, 30) == items
    assert peers.sample_series(items, None) == items


def summary_table(**mase: float) -> pd.DataFrame:
    frame = pd.DataFrame({"mase": mase})
    frame.index.name = "method"
    for column in ("smape", "msis", "cover_80", "cover_95"):
        frame[column] = frame["mase"] * 2
    frame["n_series"] = 10
    return frame


def test_the_pool_weighs_every_population_the_same_and_drops_methods_not_scored_everywhere():
    big = summary_table(**{"model:auto": 1.0, "baseline:drift": 2.0, "model:extra": 0.1})
    small = summary_table(**{"model:auto": 3.0, "baseline:drift": 3.0})
    small["n_series"] = 2
    pooled = peers.pooled_table({"big": big, "small": small})
    assert pooled.loc["model:auto", "mase"] == pytest.approx(2.0)  # (1 + 3) / 2, not weighted by series
    assert pooled.loc["baseline:drift", "mase"] == pytest.approx(2.5)
    assert "model:extra" not in pooled.index  # scored on one population only
    assert pooled["n_series"].iloc[0] == 12
    assert pooled.index.tolist() == ["model:auto", "baseline:drift"]  # sorted by MASE


def mase_frame(rows: dict[str, dict[str, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows).T


def test_the_rule_picks_the_lowest_pooled_mase_for_counts_and_amounts_and_keeps_drift_for_shares():
    candidates = {m: 5.0 for m in peers.CANDIDATES}
    mase = mase_frame(
        {
            "a": {**candidates, "model:drift": 2.0, "model:theta": 1.0, "baseline:drift": 9.0},
            "b": {**candidates, "model:drift": 2.0, "model:theta": 4.0, "baseline:drift": 0.1},
            "s": {**candidates, "model:drift": 2.0, "model:theta": 2.5, "baseline:drift": 9.0},
        }
    )
    # theta: (1 + 4 + 2.5) / 3 = 2.5 > drift 2.0; a baseline is never a candidate
    assert peers.choose_model(mase, {"a": "amount", "b": "count", "s": "share"})["amount"] == "drift"
    mase.loc["b", "model:theta"] = 1.0  # theta (1 + 1 + 2.5) / 3 = 1.5 < 2.0
    chosen = peers.choose_model(mase, {"a": "amount", "b": "count", "s": "share"})
    assert chosen == {"count": "theta", "amount": "theta", "share": "drift"}  # 2.5 on the share row > 2.0
    mase.loc["s", "model:theta"] = 1.9
    assert peers.choose_model(mase, {"a": "amount", "b": "count", "s": "share"})["share"] == "theta"


def test_a_tie_keeps_the_model_listed_first():
    mase = mase_frame({"a": {m: 3.0 for m in peers.CANDIDATES}})
    assert peers.choose_model(mase, {"a": "amount"})["amount"] == peers.CANDIDATES[0].split(":")[1]


def test_leaving_a_population_out_chooses_on_the_others_and_scores_the_held_out_one():
    base = {m: 5.0 for m in peers.CANDIDATES}
    mase = mase_frame(
        {
            "a": {**base, "model:drift": 1.0, "model:theta": 3.0, "baseline:drift": 2.0},
            "b": {**base, "model:drift": 3.0, "model:theta": 1.0, "baseline:drift": 2.0},
            "c": {**base, "model:drift": 2.0, "model:theta": 1.5, "baseline:drift": 2.0},
        }
    )
    table = peers.leave_one_population_out(mase, dict.fromkeys("abc", "amount"))
    # without a: drift 2.5, theta 1.25 -> theta, scored 3.0 on a; without b: drift 1.5, theta 2.25 -> drift
    assert table.loc["a", "chosen_on_the_others"] == "theta" and table.loc["a", "mase_chosen"] == 3.0
    assert table.loc["b", "chosen_on_the_others"] == "drift" and table.loc["b", "mase_chosen"] == 3.0
    # without c: drift 2.0, theta 2.0 -> tie -> drift (listed before theta in MODELS), 2.0 on c
    assert table.loc["c", "chosen_on_the_others"] == "drift" and table.loc["c", "mase_chosen"] == 2.0
    assert table.loc["pooled (equal weight)", "mase_chosen"] == pytest.approx(8 / 3)
    assert table.loc["pooled (equal weight)", "mase_drift"] == pytest.approx(2.0)


def test_pooled_aims_are_drift_beaten_and_dotm_within_one_percent():
    pooled = pd.DataFrame({"mase": {"model:auto": 2.52, "baseline:drift": 2.53, peers.TOLERATED_PEER: 2.50}})
    aims = peers.pooled_aims(pooled, "model:auto")
    assert aims["mase_below_drift"]["met"] and aims["mase_within_1pct_of_dotm"]["met"]  # 2.52 <= 2.525
    pooled.loc["model:auto", "mase"] = 2.53
    aims = peers.pooled_aims(pooled, "model:auto")
    assert not aims["mase_below_drift"]["met"] and not aims["mase_within_1pct_of_dotm"]["met"]


def test_candidate_points_are_the_forecasts_own_points():
    from hzanalysis.forecast import forecast

    train = pd.Series([10.0, 12.0, 11.0, 15.0, 16.0, 18.0, 21.0], index=range(2000, 2007))
    test = pd.Series([22.0, 25.0], index=[2007, 2008])
    rows = peers.candidate_rows([("A", train, test)], models=["drift", "combo"], domain="amount")
    drift = [r["point"] for r in rows if r["method"] == "model:drift"]
    # log-scale drift: 21 * (21/10)^(h/6)
    assert drift == pytest.approx([21 * 2.1 ** (1 / 6), 21 * 2.1 ** (2 / 6)])
    combo = [r["point"] for r in rows if r["method"] == "model:combo"]
    assert combo == pytest.approx(forecast(train, 2, domain="amount", model="combo", n_paths=10).point)
    assert all(math.isnan(r["lower_80"]) for r in rows)  # points only: no interval is made up
