"""Tests of the benchmark metrics, splitters and harness (benchmarks/harness.py, benchmarks/).

Expected values are worked out by hand in the comments. All data here is SYNTHETIC except the optional
Tourism hand check, which reads the development benchmark file where it exists and checks the harness against
figures published in the Tourism competition paper.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from benchmarks import harness as bench
from hzanalysis.errors import InputError, ParameterError

# read where the workspace keeps it (shared/ beside the repository), as benchmarks/__init__.py does
SHARED_BENCH = Path(__file__).resolve().parents[2] / "shared" / "data" / "bench"
TOURISM = Path(os.environ.get("HZ_TOURISM_CSV") or SHARED_BENCH / "tourism_yearly.csv")


# ----------------------------------------------------------------------------------------------- metrics


def test_smape_known_value():
    # 200 * |100 - 110| / (100 + 110) = 2000 / 210 = 9.5238095...
    assert bench.smape(np.array([100.0]), np.array([110.0]))[0] == pytest.approx(9.5238095238)
    # both zero: defined as 0, not NaN
    assert bench.smape(np.array([0.0]), np.array([0.0]))[0] == 0.0


def test_mape_known_value():
    # 100 * |80 - 100| / 80 = 25
    assert bench.mape(np.array([80.0]), np.array([100.0]))[0] == pytest.approx(25.0)


def test_mase_scale_and_scaled_error_by_hand():
    # training 10, 12, 11, 15: |diffs| 2, 1, 4 → scale 7/3; error |16 - 15| = 1 → 1 / (7/3) = 3/7
    scale = bench.mase_scale([10.0, 12.0, 11.0, 15.0])
    assert scale == pytest.approx(7 / 3)
    assert bench.scaled_error(np.array([16.0]), np.array([15.0]), scale)[0] == pytest.approx(3 / 7)
    # a constant history has no scale (NaN, left out of MASE rather than dividing by zero)
    assert math.isnan(bench.mase_scale([5.0, 5.0, 5.0]))
    assert math.isnan(bench.mase_scale([5.0]))


def test_msis_with_an_actual_outside_the_interval():
    # y = 10 inside [8, 12]: score = width 4.
    # y = 20 above [8, 12]: width 4 + (2 / 0.05) * (20 - 12) = 4 + 40 * 8 = 324.
    # y = 5 below [8, 12]: 4 + 40 * 3 = 124.
    scores = bench.interval_score(np.array([10.0, 20.0, 5.0]), np.full(3, 8.0), np.full(3, 12.0), 0.05)
    assert scores == pytest.approx([4.0, 324.0, 124.0])
    # MSIS = mean(4, 324, 124) / scale 2 = 452 / 3 / 2 = 75.333...
    value = bench.msis(np.array([10.0, 20.0, 5.0]), np.full(3, 8.0), np.full(3, 12.0), 2.0)
    assert value == pytest.approx(452 / 6)


def test_coverage_counts_with_closed_bounds():
    # 1 in [0, 2] yes; 5 in [5, 6] yes (on the bound); 10 in [11, 12] no → 2 of 3
    flags = bench.covered(np.array([1.0, 5.0, 10.0]), np.array([0.0, 5.0, 11.0]), np.array([2.0, 6.0, 12.0]))
    assert flags.tolist() == [True, True, False]
    assert flags.mean() == pytest.approx(2 / 3)


def test_brier_and_log_loss_by_hand():
    # Brier: ((0.8 - 1)^2 + (0.3 - 0)^2) / 2 = (0.04 + 0.09) / 2 = 0.065
    assert bench.brier_score(np.array([0.8, 0.3]), np.array([1, 0])) == pytest.approx(0.065)
    # log loss: -(ln 0.8 + ln 0.7) / 2
    expected = -(math.log(0.8) + math.log(0.7)) / 2
    assert bench.log_loss(np.array([0.8, 0.3]), np.array([1, 0])) == pytest.approx(expected)
    # p = 0 for an event that happened is clipped to 1e-3: -ln(0.001) = 6.9078
    assert bench.log_loss(np.array([0.0]), np.array([1])) == pytest.approx(-math.log(1e-3))


def test_reliability_table_bins_by_hand():
    # 0.05 → bin 0; 0.15 → bin 1; 0.95 and 1.0 → bin 9 (last bin closed)
    table = bench.reliability_table(np.array([0.05, 0.15, 0.95, 1.0]), np.array([0, 1, 1, 0]))
    assert len(table) == 10
    assert table["count"].tolist() == [1, 1, 0, 0, 0, 0, 0, 0, 0, 2]
    assert table.loc[9, "mean_predicted"] == pytest.approx(0.975)  # (0.95 + 1.0) / 2
    assert table.loc[9, "observed_frequency"] == pytest.approx(0.5)  # one of two happened
    assert table.loc[0, "observed_frequency"] == 0.0
    assert math.isnan(table.loc[4, "mean_predicted"])


# ----------------------------------------------------------------------------------------------- splitters


def test_truncate_last_keeps_the_last_k_points():
    history = pd.Series([1.0, 2, 3, 4, 5, 6], index=range(2010, 2016))
    assert bench.truncate_last(history, 3).index.tolist() == [2013, 2014, 2015]
    assert bench.truncate_last(history, None).equals(history)
    assert len(bench.truncate_last(history, 50)) == 6
    with pytest.raises(ParameterError):
        bench.truncate_last(history, 1)


def test_split_tidy_with_last(tmp_path):
    # SYNTHETIC tidy file: one series, 6 train years and 2 test years
    frame = pd.DataFrame(
        {
            "series_id": "S",
            "year": range(2000, 2008),
            "value": np.arange(1.0, 9.0),
            "split": ["train"] * 6 + ["test"] * 2,
        }
    )
    path = tmp_path / "synthetic.csv"
    frame.to_csv(path, index=False)
    [(sid, train, test)] = bench.split_tidy(bench.read_tidy(path), last=4)
    assert sid == "S"
    assert train.index.tolist() == [2002, 2003, 2004, 2005]
    assert test.index.tolist() == [2006, 2007]


def test_read_tidy_names_file_line_and_column(tmp_path):
    path = tmp_path / "bad_synthetic.csv"
    path.write_text("series_id,year,value,split\nS,2000,1.0,train\nS,2001,abc,holdout\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        bench.read_tidy(path)
    text = str(caught.value)
    assert "line 3" in text and "'value'" in text and "'split'" in text


# ----------------------------------------------------------------------------------------------- baselines


def test_naive_and_drift_baseline_intervals_by_hand():
    train = pd.Series([1.0, 2.0, 4.0])
    naive = bench.baseline_forecast(train, 2, "naive")
    # diffs 1, 2 → sigma = sqrt((1 + 4) / 2) = sqrt(2.5); h = 2: 4 ± 1.959964 * sqrt(2.5) * sqrt(2)
    assert naive["point"].tolist() == [4.0, 4.0]
    assert naive["upper_95"][1] == pytest.approx(4 + 1.959964 * math.sqrt(2.5) * math.sqrt(2), rel=1e-6)
    drift = bench.baseline_forecast(train, 1, "drift")
    # slope = mean(1, 2) = 1.5 → 5.5; sigma = sd(1, 2; ddof 1) = sqrt(0.5); se = sigma * sqrt(1 * (1 + 1/3))
    se = math.sqrt(0.5) * math.sqrt(4 / 3)
    assert drift["point"][0] == pytest.approx(5.5)
    assert drift["lower_80"][0] == pytest.approx(5.5 - 1.281552 * se, rel=1e-6)


def test_linear_baseline_matches_statsmodels_obs_ci():
    import statsmodels.api as sm

    y = np.array([3.0, 5.0, 4.0, 8.0, 9.0, 12.0])  # SYNTHETIC
    ours = bench.baseline_forecast(pd.Series(y), 3, "linear")
    x = sm.add_constant(np.arange(6.0))
    fit = sm.OLS(y, x).fit()
    frame = fit.get_prediction(sm.add_constant(np.arange(6.0, 9.0))).summary_frame(alpha=0.05)
    assert ours["point"] == pytest.approx(frame["mean"].to_numpy())
    assert ours["lower_95"] == pytest.approx(frame["obs_ci_lower"].to_numpy())
    assert ours["upper_95"] == pytest.approx(frame["obs_ci_upper"].to_numpy())


def test_unknown_baseline_is_a_parameter_error():
    with pytest.raises(ParameterError):
        bench.baseline_forecast(pd.Series([1.0, 2.0]), 1, "arima")


# ----------------------------------------------------------------------------------------------- probability


# ----------------------------------------------------------------------------------------------- end to end


def test_synthetic_accuracy_run_end_to_end(tmp_path):
    """SYNTHETIC straight lines y = 100 + 10 t: naive errors are 10 h and the scale is 10, so the naive MASE
    over h = 1..3 is (1 + 2 + 3) / 3 = 2; drift and the linear trend are exact (MASE 0)."""
    from benchmarks import accuracy

    rows = []
    for sid, start in (("syn1", 100.0), ("syn2", 200.0)):
        for t in range(12):
            rows.append((sid, 2000 + t, start + 10.0 * t, "train" if t < 9 else "test"))
    path = tmp_path / "synthetic_lines.csv"
    pd.DataFrame(rows, columns=["series_id", "year", "value", "split"]).to_csv(path, index=False)
    assert (
        accuracy.main(
            [
                "--data",
                str(path),
                "--models",
                "auto,drift",
                "--jobs",
                "1",
                "--n-paths",
                "200",
                "--out",
                str(tmp_path),
                "--tag",
                "syn",
            ]
        )
        == 0
    )
    summary = pd.read_csv(tmp_path / "accuracy_syn_summary.csv", index_col="method")
    assert set(summary.index) == {
        "baseline:naive",
        "baseline:drift",
        "baseline:linear",
        "model:auto",
        "model:drift",
    }
    assert summary.loc["baseline:naive", "mase"] == pytest.approx(2.0)
    assert summary.loc["baseline:drift", "mase"] == pytest.approx(0.0, abs=1e-9)
    assert summary.loc["baseline:linear", "mase"] == pytest.approx(0.0, abs=1e-9)
    assert summary.loc["model:auto", "n_forecasts"] == 6  # 2 series × 3 horizons
    payload = json.loads((tmp_path / "accuracy_syn_summary.json").read_text(encoding="utf-8"))
    assert set(payload["aims"]["model:auto"]) >= {"mase_below_every_baseline", "cover_95_pooled_in_92_97"}

    # --last 4: every model sees only the last 4 training points
    assert (
        accuracy.main(
            [
                "--data",
                str(path),
                "--models",
                "drift",
                "--jobs",
                "1",
                "--n-paths",
                "100",
                "--last",
                "4",
                "--out",
                str(tmp_path),
                "--tag",
                "syn4",
            ]
        )
        == 0
    )
    table = pd.read_csv(tmp_path / "accuracy_syn4_rows.csv")
    assert (table["n_train"] == 4).all()


@pytest.mark.skipif(not TOURISM.exists(), reason="Tourism benchmark data not on this machine")
def test_harness_reproduces_published_tourism_naive_figures():
    """Hand check of the harness: naive MAPE h = 1..4 is 21.47 / 20.80 / 24.12 / 28.05 in the Tourism paper;
    naive, drift and OLS MASE 3.01 / 2.62 / 3.30 as computed by statsforecast (data/bench/SOURCE.md)."""
    series = bench.split_tidy(bench.read_tidy(TOURISM))
    rows = []
    for sid, train, test in series:
        rows += bench.evaluate_one(
            sid, train, test, [f"baseline:{b}" for b in bench.BASELINES], domain="amount"
        )
    table = pd.DataFrame(rows)
    horizons = bench.by_horizon(table)
    naive_mape = [round(float(horizons.loc[("baseline:naive", h), "mape"]), 2) for h in range(1, 5)]
    assert naive_mape == [21.47, 20.80, 24.12, 28.05]
    summary = bench.summarise(table)
    assert round(summary.loc["baseline:naive", "mase"], 2) == 3.01
    assert round(summary.loc["baseline:drift", "mase"], 2) == 2.62
    assert round(summary.loc["baseline:linear", "mase"], 2) == 3.30


def test_the_harness_counts_fallbacks_by_their_codes():
    # a constant history: damped is not fitted on it and falls back to drift (one fallback); theta on four
    # points is replaced by drift before any fit (one); drift on a growing history falls back from nothing
    constant = pd.Series([7.0] * 8, index=range(2010, 2018))
    growing = pd.Series([10.0, 11.0, 12.5, 13.0], index=range(2014, 2018))
    assert bench.model_forecast(constant, 2, "damped", domain="count", n_paths=100)["fallbacks"] == 1
    assert bench.model_forecast(growing, 2, "theta", domain="count", n_paths=100)["fallbacks"] == 1
    assert bench.model_forecast(growing, 2, "drift", domain="count", n_paths=100)["fallbacks"] == 0


def test_nested_choice_takes_each_population_s_value_from_the_others_only():
    from benchmarks.nested_constant import nested

    def scores(ratio: float) -> dict:
        # base rate 0.1, so Brier = ratio / 10; every other aim is met (gap 0.05, coverage in band)
        return {
            "events": 100,
            "brier": ratio / 10,
            "brier_base_rate": 0.1,
            "brier_eurostat": 0.5,
            "gap": 0.05,
            "cover_80": 0.80,
            "cover_95": 0.95,
        }

    ratios = {1.0: {"A": 1.0, "B": 1.2, "C": 1.05}, 2.0: {"A": 1.5, "B": 1.0, "C": 1.0}}
    results = {v: {("class", n): scores(r) for n, r in by_name.items()} for v, by_name in ratios.items()}
    chosen, met = nested(results, "class", ["A", "B", "C"])
    # A: the others' mean ratio is (1.2 + 1.05) / 2 = 1.125 with 1 and 1.0 with 2, so 2, though A alone
    # prefers 1; B: 1.025 against 1.25, so 1; C: 1.1 against 1.25, so 1
    assert chosen == {"A": 2.0, "B": 1.0, "C": 1.0}
    # scored with those: A 1.5 and B 1.2 miss the Brier aim (<= 1.10), C 1.05 meets it: 4 + 4 + 5 aims
    assert met == 13


def test_trend_table_tells_a_shifted_class_trend_from_years_of_luck():
    from benchmarks.populations import trend_table

    def events(population: str, by_year: dict[int, tuple[float, tuple[float, float]]]) -> list[dict]:
        # one case per origin, two events each: predicted p, the two outcomes
        rows = []
        for case, (origin, (p, outcomes)) in enumerate(by_year.items()):
            for outcome in outcomes:
                rows.append(
                    {
                        "population": population,
                        "case": case,
                        "origin": origin,
                        "h": 2,
                        "n": 3,
                        "z_last": 1.0,
                        # growth that followed: (1.4 - 1.0) / 2 = 0.2 a year; class knew 0.1, own 0.15
                        "z_actual": 1.4,
                        "class_growth": 0.1,
                        "drift": 0.15,
                        "p_class": p,
                        "outcome": outcome,
                    }
                )
        return rows

    # "shift": predicted 0.6 every year, both events came true: too low in all three years (diff -0.4)
    # "luck": 0.5 every year against observed 1.0, 0.5 and 0.0
    both, one, none = (1.0, 1.0), (1.0, 0.0), (0.0, 0.0)
    shifted = events("shift", {2001: (0.6, both), 2002: (0.6, both), 2003: (0.6, both)})
    lucky = events("luck", {2001: (0.5, both), 2002: (0.5, one), 2003: (0.5, none)})
    lines, summary = trend_table(pd.DataFrame(shifted + lucky))
    s, luck = summary["shift"], summary["luck"]
    assert s["class growth known"] == pytest.approx(0.1)
    assert s["growth that followed"] == pytest.approx(0.2)
    assert s["own drift (2+ pts)"] == pytest.approx(0.15)
    assert s["predicted - observed"] == pytest.approx(-0.4)
    assert (s["years too low"], s["years too high"], s["years within 0.05"]) == (3, 0, 0)
    # luck: observed means 1.0, 0.5, 0.0 by year against 0.5: one too low, one within, one too high; on
    # average right (0.5 - 0.5 = 0)
    assert luck["predicted - observed"] == pytest.approx(0.0)
    assert (luck["years too low"], luck["years too high"], luck["years within 0.05"]) == (1, 1, 1)
    assert "| shift |" in "\n".join(lines)
