"""Tests of hzanalysis.forecast. All histories here are synthetic (made up for the test), not data."""

from __future__ import annotations

import importlib
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import special

from hzanalysis import models
from hzanalysis.errors import ForecastError, ParameterError
from hzanalysis.forecast import DOMAINS, Forecast, forecast
from hzanalysis.models import MODELS

# the module itself (the package attribute `forecast` is the function)
fc = importlib.import_module("hzanalysis.forecast")

N = 400  # paths in tests: enough for the checks below, small enough to stay fast


def synthetic(values, start=2014) -> pd.Series:
    """A synthetic annual history starting in ``start``."""
    return pd.Series([float(v) for v in values], index=range(start, start + len(values)))


# Synthetic histories valid in each domain: 9 points (model rung) and 4 points (short rung).
LONG = {
    "level": synthetic([3.1, 3.4, 3.3, 3.9, 4.2, 4.1, 4.6, 5.0, 5.1]),
    "share": synthetic([1.9, 2.0, 2.2, 2.1, 2.4, 2.5, 2.7, 2.6, 2.9]),
    "count": synthetic([40, 44, 47, 55, 58, 66, 70, 81, 85]),
    "amount": synthetic([12.5, 13.1, 15.0, 14.2, 16.8, 18.3, 19.9, 21.0, 24.4]),
}
SHORT = {domain: history.iloc[-4:] for domain, history in LONG.items()}


def inside_domain(paths: np.ndarray, domain: str) -> bool:
    if domain == "share":
        return bool(np.all((paths > 0) & (paths < 100)))
    if domain in ("count", "amount"):
        return bool(np.all(paths > 0))
    return bool(np.all(np.isfinite(paths)))


# ----------------------------------------------------------------------------------------------- contract


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("model", [*MODELS, "auto"])
@pytest.mark.parametrize("length", ["long", "short"])
def test_contract_every_model_and_domain(model, domain, length):
    history = (LONG if length == "long" else SHORT)[domain]
    result = forecast(history, 4, domain=domain, n_paths=N, seed=3, model=model)
    assert isinstance(result, Forecast)
    np.testing.assert_array_equal(result.years, [2023, 2024, 2025, 2026])
    assert result.paths.shape == (N, 4)
    assert np.all(np.isfinite(result.paths))
    assert inside_domain(result.paths, domain)
    assert result.rung == ("model" if length == "long" else "short")
    assert result.model == model and result.domain == domain
    assert result.method and result.members
    for values in result.members.values():
        assert values.shape == (4,) and np.all(np.isfinite(values))
    assert result.mean().shape == (4,)
    assert result.quantile(0.5).shape == (4,)
    assert result.quantile([0.1, 0.9]).shape == (2, 4)
    again = forecast(history, 4, domain=domain, n_paths=N, seed=3, model=model)
    np.testing.assert_array_equal(result.paths, again.paths)
    other_seed = forecast(history, 4, domain=domain, n_paths=N, seed=4, model=model)
    assert not np.array_equal(result.paths, other_seed.paths)


def test_adapters_share_one_output_shape():
    z = np.log(LONG["count"].to_numpy())
    for name, adapter in models.ADAPTERS.items():
        out = adapter(z, 5)
        assert out.shape == (5,), name
        assert np.all(np.isfinite(out)), name


def test_auto_uses_the_benchmark_choice_on_each_rung():
    # AUTO_MODEL (benchmarks/README.md): median_trend for long counts, drift for long shares; on 2-5 points
    # the learned persistence on growth scales (benchmarks/populations.py), drift for a level; the
    # combination stays available by name
    assert forecast(LONG["count"], 3, domain="count", n_paths=N).method == "median_trend"
    assert forecast(LONG["share"], 3, domain="share", n_paths=N).method == "drift"
    assert forecast(SHORT["count"], 3, domain="count", n_paths=N).method == "persistence"
    assert forecast(SHORT["level"], 3, domain="level", n_paths=N).method == "drift"
    combo = forecast(LONG["count"], 3, domain="count", n_paths=N, model="combo")
    assert combo.method == "combo(drift,damped,theta)"


def test_model_rung_only_models_fall_back_to_drift_on_short_series():
    result = forecast(SHORT["level"], 2, n_paths=N, model="theta")
    assert result.method == "drift"
    assert any(
        w.code == "warning.needs_more_points" and w.params == {"model": "theta", "needed": 6, "n": 4}
        for w in result.warnings
    )


# ----------------------------------------------------------------------------------------------- known values


def test_naive_known_value():
    # naive on [1, 2, 4]: the last value, 4, at every horizon; paths symmetric around it.
    result = forecast(synthetic([1, 2, 4]), 3, n_paths=N, model="naive")
    np.testing.assert_allclose(result.point, [4, 4, 4])
    np.testing.assert_allclose(result.quantile(0.5), [4, 4, 4], atol=1e-12)


def test_drift_known_value_level():
    # drift on [10, 12, 14]: average change (14 - 10) / 2 = 2 a year → 16, 18.
    result = forecast(synthetic([10, 12, 14]), 2, n_paths=N, model="drift")
    np.testing.assert_allclose(result.point, [16, 18])
    np.testing.assert_allclose(result.quantile(0.5), [16, 18], atol=1e-12)


def test_drift_known_value_count_log_scale():
    # count [100, 121]: growth 121/100 = 1.21 a year on the log scale → h=1: 121 * 1.21 = 146.41.
    # With an even path count the median averages the two central paths exp(z ± a), i.e. exp(z)·cosh(a),
    # where a is the smallest error among the paths: relative bias a²/2, far below 1e-3 at 2000 paths.
    history = pd.Series([100.0, 121.0], index=[2020, 2021])
    result = forecast(history, 2, domain="count", n_paths=2000, model="drift")
    assert result.method == "drift"
    np.testing.assert_allclose(result.point, [146.41, 146.41 * 1.21], rtol=1e-12)
    np.testing.assert_allclose(result.quantile(0.5)[0], 146.41, rtol=1e-3)


def test_linear_known_value():
    # least squares through (0,1), (1,2), (2,3), (3,4): slope 1, intercept 1 → 5, 6.
    result = forecast(synthetic([1, 2, 3, 4]), 2, n_paths=N, model="linear")
    np.testing.assert_allclose(result.point, [5, 6])


def test_share_constant_is_symmetric_on_logit_scale():
    # 50% is logit 0; a constant history gives drift a point forecast of 0 and antithetic paths ±e. (The
    # default for 2-5 points does not stay flat: with no class, it leans toward the growth of the
    # populations a flat unit resembles; tests/test_persistence.py.)
    result = forecast(synthetic([50, 50, 50, 50]), 3, domain="share", n_paths=N, model="drift")
    logits = special.logit(result.paths / 100)
    np.testing.assert_allclose(result.point, [50, 50, 50])
    np.testing.assert_allclose(np.sort(logits, axis=0), -np.sort(logits, axis=0)[::-1], atol=1e-9)
    assert np.all(logits.std(axis=0) > 0)  # the floor of the scale keeps some spread


def test_gap_uses_the_whole_span():
    # {2017: 10, 2024: 20} as a count: growth (20/10)**(1/7) a year over the 7-year span.
    history = pd.Series({2017: 10.0, 2024: 20.0})
    result = forecast(history, 2, domain="count", n_paths=N, model="drift")
    np.testing.assert_array_equal(result.years, [2025, 2026])
    growth = 2 ** (1 / 7)
    np.testing.assert_allclose(result.point, [20 * growth, 20 * growth**2])
    assert any(w.code == "warning.grid_gaps" and w.params["n"] == 6 for w in result.warnings)  # 2018-2023


def test_gap_inside_a_long_series_keeps_labels():
    # 2018 missing in a synthetic level series: the forecast still starts the year after the last one.
    history = LONG["level"].drop(2018)
    result = forecast(history, 3, n_paths=N)
    np.testing.assert_array_equal(result.years, [2023, 2024, 2025])
    assert result.rung == "model"


def test_spread_widens_with_horizon():
    result = forecast(LONG["amount"], 6, domain="amount", n_paths=2000)
    low, high = np.log(result.quantile([0.1, 0.9]))
    width = high - low
    assert np.all(np.diff(width) > 0)


def test_paths_are_joint_across_years():
    # Paths follow a random-walk copula: a path high in one year tends to be high the next.
    result = forecast(LONG["count"], 4, domain="count", n_paths=2000)
    logs = np.log(result.paths)
    assert np.corrcoef(logs[:, 2], logs[:, 3])[0, 1] > 0.6


def test_standard_paths_match_the_tail_table():
    # |U| must have quantile tail_q[i] at tail_p[i]; table for a |U| uniform on [0, 2].
    tail_p = np.array([0.0, 0.5, 1.0])
    tail_q = np.array([0.0, 1.0, 2.0])
    draws = fc.standard_paths(20000, 3, tail_p, tail_q, np.random.default_rng(0))
    np.testing.assert_allclose(np.quantile(np.abs(draws), 0.8, axis=0), 1.6, atol=0.03)
    assert np.abs(draws).max() <= 2.0
    np.testing.assert_allclose(np.sort(draws[:, 0]), -np.sort(draws[:, 0])[::-1])


# ----------------------------------------------------------------------------------------------- errors


def test_one_observation_is_refused():
    message = "one observation: no forecast, only the gap and the required growth can be given"
    with pytest.raises(ForecastError, match=message):
        forecast(pd.Series({2023: 5.0}), 2)


def test_no_observation_is_refused():
    with pytest.raises(ForecastError, match="no observation"):
        forecast(pd.Series([np.nan, np.nan], index=[2020, 2021]), 2)


@pytest.mark.parametrize(
    ("domain", "values", "bad_year", "bad_value"),
    [
        ("share", [1.0, 100.0, 3.0], 2015, "100.0"),
        ("count", [3.0, 0.0, 4.0], 2015, "0.0"),
        ("amount", [2.0, 3.0, -1.0], 2016, "-1.0"),
    ],
)
def test_value_outside_domain_names_year_and_value(domain, values, bad_year, bad_value):
    with pytest.raises(ForecastError, match=rf"year {bad_year}: value {bad_value}"):
        forecast(synthetic(values), 2, domain=domain)


def test_bad_parameters():
    with pytest.raises(ParameterError):
        forecast(LONG["level"], 2, model="arima")
    with pytest.raises(ParameterError):
        forecast(LONG["level"], 2, domain="ratio")
    with pytest.raises(ParameterError):
        forecast(LONG["level"], 0)


# ----------------------------------------------------------------------------------------------- fallbacks


def test_constant_series_falls_back_and_prints_nothing(capsys):
    result = forecast(synthetic([7.0] * 8), 3, domain="count", n_paths=N, model="combo")
    assert result.method == "drift"
    constant = {w.params["model"] for w in result.warnings if w.code == "warning.constant_history"}
    assert constant == {"damped", "theta"}
    np.testing.assert_allclose(result.point, [7, 7, 7])
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_failing_fit_is_recorded(monkeypatch, capsys):
    def broken(z, horizon):
        raise RuntimeError("synthetic failure")

    monkeypatch.setitem(models.ADAPTERS, "theta", broken)
    result = forecast(LONG["level"], 3, n_paths=N, model="combo")
    assert result.method == "combo(drift,damped)"
    expected = {"error": "RuntimeError: synthetic failure", "model": "theta", "fallback": "drift"}
    assert any(w.code == "warning.raised" and w.params == expected for w in result.warnings)
    assert capsys.readouterr().out == ""


def test_implausible_fit_falls_back(monkeypatch):
    def runaway(z, horizon):
        return np.full(horizon, 1e6)

    monkeypatch.setitem(models.ADAPTERS, "damped", runaway)
    result = forecast(LONG["level"], 2, n_paths=N, model="damped")
    assert result.method == "drift"
    assert any(w.code == "warning.implausible" and w.params["model"] == "damped" for w in result.warnings)


def test_fit_warnings_are_captured_not_printed(monkeypatch, recwarn):
    def noisy(z, horizon):
        import warnings

        warnings.warn("synthetic convergence warning", RuntimeWarning, stacklevel=1)
        return models.drift_adapter(z, horizon)

    monkeypatch.setitem(models.ADAPTERS, "theta", noisy)
    result = forecast(LONG["level"], 2, n_paths=N, model="theta")
    assert result.method == "theta"
    assert any(
        w.code == "warning.fit_warning" and "synthetic convergence warning" in w.params["detail"]
        for w in result.warnings
    )
    assert len(recwarn) == 0


# ----------------------------------------------------------------------------------------------- properties

positive = st.floats(min_value=0.5, max_value=1e5, allow_nan=False)
share = st.floats(min_value=0.01, max_value=99.9, allow_nan=False)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    domain=st.sampled_from(DOMAINS),
    raw=st.lists(st.floats(min_value=0.01, max_value=1.0), min_size=2, max_size=8),
    horizon=st.integers(min_value=1, max_value=9),
)
def test_paths_stay_in_domain(domain, raw, horizon):
    scale = {"share": 99.0, "count": 5000.0, "amount": 300.0, "level": 50.0}[domain]
    history = synthetic([v * scale for v in raw])
    result = forecast(history, horizon, domain=domain, n_paths=100, seed=1)
    assert inside_domain(result.paths, domain)
    assert np.all(np.isfinite(result.paths))


@settings(max_examples=25, deadline=None)
@given(
    values=st.lists(positive, min_size=2, max_size=5),
    factor=st.floats(min_value=0.01, max_value=1000.0),
    model=st.sampled_from(["naive", "drift", "linear", "auto"]),
)
def test_rescaling_a_count_rescales_the_paths(values, factor, model):
    history = synthetic(values)
    base = forecast(history, 3, domain="count", n_paths=64, seed=2, model=model)
    scaled = forecast(history * factor, 3, domain="count", n_paths=64, seed=2, model=model)
    np.testing.assert_allclose(scaled.paths, base.paths * factor, rtol=1e-9)


def test_rescaling_a_long_count_rescales_the_combo():
    # The combo fits are centred on the last value, so a rescaled count gives the same fitted input.
    base = forecast(LONG["count"], 3, domain="count", n_paths=64, seed=2)
    scaled = forecast(LONG["count"] * 7.5, 3, domain="count", n_paths=64, seed=2)
    np.testing.assert_allclose(scaled.paths, base.paths * 7.5, rtol=1e-6)


@settings(max_examples=20, deadline=None)
@given(values=st.lists(share, min_size=2, max_size=6), q=st.floats(min_value=0.01, max_value=0.99))
def test_mean_and_quantile_agree_with_paths(values, q):
    result = forecast(synthetic(values), 3, domain="share", n_paths=101, seed=5)
    # the mean is winsorised (each year's paths clipped to their 5th-95th percentiles), by definition
    low, high = np.quantile(result.paths, [0.05, 0.95], axis=0)
    np.testing.assert_allclose(result.mean(), np.clip(result.paths, low, high).mean(axis=0))
    slack = 1e-9 * np.abs(high)  # averaging equal values may round one ulp past them
    assert np.all((low - slack <= result.mean()) & (result.mean() <= high + slack))
    qs = result.quantile(q)
    assert np.all(result.paths.min(axis=0) <= qs) and np.all(qs <= result.paths.max(axis=0))
    below = (result.paths <= qs).mean(axis=0)
    assert np.all(below >= q - 1 / 101 - 1e-12)


def test_frame_has_ordered_bands():
    table = forecast(LONG["amount"], 3, domain="amount", n_paths=N).frame()
    assert list(table["year"]) == [2023, 2024, 2025]
    assert np.all(table["lower_95"] <= table["lower_80"])
    assert np.all(table["lower_80"] <= table["median"])
    assert np.all(table["median"] <= table["upper_80"])
    assert np.all(table["upper_80"] <= table["upper_95"])


def test_explicit_calibration_changes_the_spread():
    # A synthetic calibration with a tiny constant spread: paths hug the point forecast.
    tight = {
        "entries": {
            "short3/drift": {"scale_a": 1e-6, "scale_b": 0.0, "tail_p": [0.0, 1.0], "tail_q": [0.0, 1.0]}
        }
    }
    result = forecast(synthetic([10, 12, 14]), 2, n_paths=N, calibration=tight)
    assert math.isclose(float(result.paths[:, 0].min()), 16.0, abs_tol=1e-5)
