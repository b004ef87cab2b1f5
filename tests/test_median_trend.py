"""The optimised Theta line and the ``median_trend`` model, on values worked out by hand.

All histories are synthetic (made up for the test), not data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hzanalysis import models
from hzanalysis.forecast import DOMAINS, forecast
from hzanalysis.models import MODELS, point_forecast
from hzanalysis.transforms import to_transformed

N = 200


def synthetic(values, start=2010) -> pd.Series:
    return pd.Series([float(v) for v in values], index=range(start, start + len(values)))


def test_expanding_slopes_by_hand():
    # y = 1, 3, 2, 6: slope of (0,1),(1,3) is 2; of the first three 1/2 (sxy 1, sxx 2);
    # of all four 7/5 (deviations x -1.5..1.5, y -2, 0, -1, 3: sxy 3 + 0 - 0.5 + 4.5 = 7, sxx 5)
    np.testing.assert_allclose(models.expanding_slopes(np.array([1.0, 3.0, 2.0, 6.0])), [0.0, 2.0, 0.5, 1.4])


def test_theta_line_with_a_fixed_grid_is_the_classical_formula(monkeypatch):
    y = np.array([1.0, 3.0, 2.0, 6.0])
    # a = 1 (level = last value), w = 1/2 (classical Theta): 6 + 0.5 * 1.4 * (h - 1 + 1) = 6.7, 7.4
    monkeypatch.setattr(models, "THETA_LINE_ALPHAS", np.array([1.0]))
    monkeypatch.setattr(models, "THETA_LINE_WEIGHTS", np.array([0.5]))
    np.testing.assert_allclose(models.optimised_theta_line(y, 2), [6.7, 7.4])
    # a = 1/2, w = 0 (no trend): simple exponential smoothing, levels 1, 2, 2, 4 -> flat at 4
    monkeypatch.setattr(models, "THETA_LINE_ALPHAS", np.array([0.5]))
    monkeypatch.setattr(models, "THETA_LINE_WEIGHTS", np.array([0.0]))
    np.testing.assert_allclose(models.optimised_theta_line(y, 3), [4.0, 4.0, 4.0])


def test_theta_line_continues_a_perfectly_linear_series_exactly():
    # With w = 1 every smoothing constant forecasts a straight line without error (the SES lag
    # (1-a)/a (1-(1-a)^i) d is exactly made up by the trend term), so the fit finds zero loss.
    y = 5.0 + 2.5 * np.arange(12)
    np.testing.assert_allclose(models.optimised_theta_line(y, 4), 5.0 + 2.5 * np.arange(12, 16), rtol=1e-12)


def test_theta_line_keeps_a_constant_series_constant():
    np.testing.assert_allclose(models.optimised_theta_line(np.full(8, 7.0), 3), [7.0, 7.0, 7.0])


def test_theta_line_fit_does_not_depend_on_the_horizon_asked():
    y = np.array([3.0, 4.1, 4.0, 5.2, 6.3, 6.1, 7.4, 8.8, 8.5, 9.9])
    np.testing.assert_allclose(models.optimised_theta_line(y, 2), models.optimised_theta_line(y, 6)[:2])


def test_median_trend_on_a_linear_amount_series_is_the_line():
    # drift and the Theta line on the original scale both continue the line exactly; the log-scale drift
    # (compound growth) lies above it, so the median is the line
    history = synthetic(100.0 + 10.0 * np.arange(9))
    result = forecast(history, 3, domain="amount", n_paths=N, model="median_trend")
    assert result.method == "median_trend"
    np.testing.assert_allclose(result.point, [190.0, 200.0, 210.0], rtol=1e-9)


def test_median_trend_on_level_is_drift():
    history = synthetic([3.1, 3.4, 3.3, 3.9, 4.2, 4.1, 4.6, 5.0, 5.1])
    # drift: (5.1 - 3.1) / 8 = 0.25 a year; both drifts are the same on the level scale
    result = forecast(history, 3, domain="level", n_paths=N, model="median_trend")
    np.testing.assert_allclose(result.point, [5.35, 5.6, 5.85], rtol=1e-12)


def test_median_trend_on_a_geometric_series_lies_between_the_straight_line_and_compound_growth():
    # 100 * 1.1^t, t = 0..9: compound drift continues it exactly (235.79 * 1.1^h); the straight-line drift
    # adds (235.79 - 100) / 9 = 15.09 a year. The median cannot leave the band the two drifts span.
    values = 100.0 * 1.1 ** np.arange(10)
    result = forecast(synthetic(values), 3, domain="amount", n_paths=N, model="median_trend")
    h = np.arange(1, 4)
    straight = values[-1] + (values[-1] - values[0]) / 9 * h
    compound = values[-1] * 1.1**h
    assert np.all(straight - 1e-9 <= result.point) and np.all(result.point <= compound + 1e-9)
    assert not np.allclose(result.point, compound)  # growth is damped toward the straight line


def test_median_trend_member_leaving_the_domain_does_not_leave_the_domain():
    # straight-line drift of a collapsing count goes below zero (10 - 18h); that member counts as -inf,
    # the forecast stays positive and finite
    history = synthetic([100, 82, 64, 46, 28, 10])
    result = forecast(history, 3, domain="count", n_paths=N, model="median_trend")
    assert np.all(np.isfinite(result.paths)) and np.all(result.paths > 0)


def test_median_trend_falls_back_to_drift_on_short_histories():
    result = forecast(synthetic([10, 11, 13, 14]), 2, domain="count", n_paths=N, model="median_trend")
    assert result.method == "drift"
    assert any(
        w.code == "warning.needs_more_points" and w.params == {"model": "median_trend", "needed": 6, "n": 4}
        for w in result.warnings
    )


def test_auto_is_median_trend_for_long_counts_and_amounts_only():
    long = synthetic([40, 44, 47, 55, 58, 66, 70, 81, 85])
    assert forecast(long, 2, domain="count", n_paths=N).method == "median_trend"
    assert forecast(long, 2, domain="amount", n_paths=N).method == "median_trend"
    assert forecast(long / 100, 2, domain="share", n_paths=N).method == "drift"


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_model_returns_one_point_per_year_in_every_domain(domain):
    history = {
        "level": [3.1, 3.4, 3.3, 3.9, 4.2, 4.1, 4.6, 5.0, 5.1],
        "share": [1.9, 2.0, 2.2, 2.1, 2.4, 2.5, 2.7, 2.6, 2.9],
        "count": [40, 44, 47, 55, 58, 66, 70, 81, 85],
        "amount": [12.5, 13.1, 15.0, 14.2, 16.8, 18.3, 19.9, 21.0, 24.4],
    }[domain]
    z = to_transformed(np.asarray(history, float), domain)
    for model in MODELS:
        point, used, members = point_forecast(z, 5, model, [], domain=domain)
        assert point.shape == (5,), model
        assert np.all(np.isfinite(point)), model
        assert used and all(values.shape == (5,) for values in members.values()), model


def test_median_trend_handles_gaps_in_the_history():
    history = pd.Series([50.0, 55.0, np.nan, 66.0, 70.0, 77.0, 81.0, 90.0], index=range(2012, 2020))
    result = forecast(history, 2, domain="amount", n_paths=N, model="median_trend")
    assert result.method == "median_trend"
    assert np.all(np.isfinite(result.point)) and np.all(result.point > 90.0)
