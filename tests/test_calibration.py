"""Tests of hzanalysis.calibration.

The reference panel is real (shipped in data/raw/reference); the small tables built here are synthetic.
"""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pandas as pd
import pytest

from hzanalysis import calibration as cal
from hzanalysis.forecast import CALIBRATION_PATH, forecast, load_calibration, to_transformed


@pytest.fixture(scope="module")
def panel():
    return cal.load_panel()


@pytest.fixture(scope="module")
def subset_errors(panel):
    """Rolling errors of the two default methods (combo, short drift) on 6 provinces, with baselines."""
    groups = sorted({s.group for s in panel})[:6]
    part = [s for s in panel if s.group in groups]
    return cal.rolling_errors(part, model_methods=("combo",), short_methods=("drift",), short_sizes=(2, 4))


def test_panel_shape(panel):
    # 31 provinces + national, two variables each, 2011-2023 without gaps.
    assert len(panel) == 64
    assert {s.domain for s in panel} == {"share", "amount"}
    assert all(list(s.series.index) == list(range(2011, 2024)) for s in panel)


def test_shipped_calibration_matches_the_shipped_panel():
    shipped = load_calibration()
    digest = hashlib.sha256(cal.panel_path().read_bytes()).hexdigest()
    assert shipped["inputs"]["sha256"] == digest, "panel changed: run `python -m hzanalysis.calibration`"
    assert shipped["procedure_version"] == cal.PROCEDURE_VERSION
    for key in ["model/combo", "model/drift", "short2/drift", "short5/drift"]:
        entry = shipped["entries"][key]
        assert entry["scale_a"] > 0 and cal.B_RANGE[0] <= entry["scale_b"] <= cal.B_RANGE[1]
        assert entry["tail_q"] == sorted(entry["tail_q"])
        # the tail table is normalised: |e| / median |e| has median 1 at p = 0.5
        assert entry["tail_q"][entry["tail_p"].index(0.5)] == pytest.approx(1.0, abs=0.02)


def test_rolling_errors_use_only_the_training_window(panel):
    # Hand check on one real series: the scale of each row equals series_scale of its window.
    table = cal.rolling_errors(panel[:1], model_methods=("drift",), short_methods=(), with_baseline=False)
    z = to_transformed(panel[0].series.to_numpy(), panel[0].domain)
    row = table[(table["n_train"] == 6) & (table["h"] == 2)].iloc[0]
    # window 2011-2016, forecast 2018: drift = last + 2 * (last - first) / 5
    expected_point = z[5] + 2 * (z[5] - z[0]) / 5
    assert row["error"] == pytest.approx(z[7] - expected_point)
    assert row["scale"] == pytest.approx(max(np.abs(np.diff(z[:6])).mean(), 0.01))
    assert row["origin_year"] == 2016


def test_fit_entry_recovers_a_known_law():
    # Synthetic errors: |e_h| has median 0.7 * h**0.5 exactly (a symmetric two-point spread per h).
    rows = []
    for h in range(1, 6):
        m = 0.7 * h**0.5
        for factor in (0.5, 1.0, 1.0, 2.0, 1.0):
            rows += [{"h": h, "std_error": m * factor}, {"h": h, "std_error": -m * factor}]
    entry = cal.fit_entry(pd.DataFrame(rows))
    assert entry["scale_a"] == pytest.approx(0.7, rel=1e-4)
    assert entry["scale_b"] == pytest.approx(0.5, rel=1e-4)
    assert entry["tail_q"][-1] == pytest.approx(2.0)  # the largest ratio seen bounds the tail


def test_fit_calibration_is_deterministic_and_records_inputs(panel, tmp_path):
    part = panel[:4]
    errors = cal.rolling_errors(
        part, model_methods=("drift",), short_methods=("drift",), short_sizes=(3,), with_baseline=False
    )
    first = cal.fit_calibration(part, errors=errors)
    second = cal.fit_calibration(part, errors=errors)
    assert first == second
    assert first["inputs"]["panel"] == "data/raw/reference/china_province_rd_intensity.csv"
    assert first["inputs"]["n_series"] == 4
    out_a, out_b = tmp_path / "a.json", tmp_path / "b.json"
    cal.write_calibration(first, out_a)
    cal.write_calibration(second, out_b)
    assert out_a.read_bytes() == out_b.read_bytes()
    # the written file is usable by forecast()
    loaded = json.loads(out_a.read_text("utf-8"))
    result = forecast(
        pd.Series([3.0, 4.0, 5.0], index=[2020, 2021, 2022]),
        2,
        domain="count",
        n_paths=50,
        calibration=loaded,
    )
    assert result.paths.shape == (50, 2)


def test_main_writes_the_file(tmp_path, monkeypatch, capsys):
    # Run the script on a 2-province synthetic-sized cut of the panel (fast) into a scratch file.
    table = pd.read_csv(cal.panel_path())
    small = table[table["province_en"].isin(["Anhui", "Beijing"])]
    source = tmp_path / "panel.csv"
    small.to_csv(source, index=False)
    out = tmp_path / "calibration.json"
    shipped = hashlib.sha256(CALIBRATION_PATH.read_bytes()).hexdigest()
    assert cal.main(["--panel", str(source), "--out", str(out), "--no-cv"]) == 0
    written = json.loads(out.read_text("utf-8"))
    assert written["inputs"]["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert "model/combo" in written["entries"]
    assert "wrote" in capsys.readouterr().out
    # --out is honoured: the shipped constants are untouched by a run on a cut of the panel
    assert hashlib.sha256(CALIBRATION_PATH.read_bytes()).hexdigest() == shipped


def test_cross_validated_coverage_beats_the_model_intervals(subset_errors):
    coverage = cal.cross_validated_coverage(subset_errors, folds=4)
    assert set(coverage["level"]) == {0.5, 0.8, 0.95}
    assert set(coverage["key"]) == {"model/combo", "short2/drift", "short4/drift"}
    summary = cal.coverage_summary(coverage)
    for key in ["model/combo", "short2/drift", "short4/drift"]:
        row = summary[(summary["key"] == key) & (summary["level"] == 0.8)].iloc[0]
        # held-out provinces: the calibrated 80% interval is closer to 0.80 than the model's own interval
        assert abs(row["calibrated"] - 0.8) < abs(row["model"] - 0.8), key
        assert abs(row["calibrated"] - 0.8) < 0.08, key
    assert coverage["calibrated"].between(0, 1).all()


def test_folds_hold_out_whole_provinces():
    folds = cal._fold_of(["b", "a", "c", "a", "d"], 2)
    # sorted provinces a, b, c, d alternate between the two folds
    assert folds == {"a": 0, "b": 1, "c": 0, "d": 1}
