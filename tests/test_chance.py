"""What a forecast calibrated by construction scores (derive.chance), and misses marked within or beyond it.

Every series here is synthetic; expected values are worked out by hand in the comments.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import special

from hzanalysis.derive.chance import calibrated_draws, reliability_gap, variance_shares, year_persistence
from hzanalysis.derive.population_validation import chance, score


def test_reliability_gap_worked_by_hand():
    # bin 0.0-0.1: 40 events at 0.05, 2 true -> observed 0.05, gap 0; bin 0.5-0.6: 40 at 0.55, 30 true ->
    # 0.75, gap 0.20; bin 0.9-1.0: 10 events at 0.95, none true -> too few (< 30) to count
    p = np.r_[np.full(40, 0.05), np.full(40, 0.55), np.full(10, 0.95)]
    outcome = np.r_[np.ones(2), np.zeros(38), np.ones(30), np.zeros(10), np.zeros(10)]
    assert reliability_gap(p, outcome) == pytest.approx(0.20)
    assert reliability_gap(np.full(10, 0.5), np.ones(10)) is None


def test_variance_shares_find_a_year_effect_and_no_unit_effect():
    # 4 years x 10 units, z = the year's effect only (-1.5, -0.5, 0.5, 1.5): the year means' variance is
    # 1.25 = the total, nothing within a year -> share 1, clipped to 0.9; each unit's mean is 0 and its four
    # values scatter with variance 5/3, so its between-unit part is 0 - (5/3)/4 < 0 -> 0
    years = np.repeat(np.arange(4), 10)
    units = np.tile(np.arange(10), 4)
    z = np.array([-1.5, -0.5, 0.5, 1.5])[years]
    assert variance_shares(z, years, units) == pytest.approx((0.9, 0.0))


def test_year_persistence_of_a_ramp_and_of_an_alternation():
    # year means 1..6, centred -2.5..2.5: lag-1 products sum to 8.75, squares to 17.5 -> 0.5
    ramp = np.arange(6, dtype=float)
    assert year_persistence(ramp, np.arange(6), 6) == pytest.approx(0.5)
    # +1, -1, ... is negatively correlated: clipped to 0; fewer than 4 years: 0
    assert year_persistence(np.array([1.0, -1, 1, -1, 1, -1]), np.arange(6), 6) == 0.0
    assert year_persistence(np.array([1.0, 2, 3]), np.arange(3), 3) == 0.0


def _events(spread: float, seed: int = 1, units: int = 60, years: int = 12) -> pd.DataFrame:
    """Synthetic cases whose outcome is N(0, 1) and whose forecast is N(0, spread^2): one case per unit and
    origin, h = 1, events at thresholds -1, 0 and 1 (spread 1 is calibrated, 0.5 over-confident)."""
    rng = np.random.default_rng(seed)
    cases = pd.DataFrame(
        {
            "unit": np.repeat([f"u{i}" for i in range(units)], years),
            "origin": np.tile(np.arange(2000, 2000 + years), units),
            "h": 1,
            "n": 3,
            "x": rng.standard_normal(units * years),
        }
    )
    cases["case"] = np.arange(len(cases))
    cases["pit_model"] = special.ndtr(cases["x"] / spread)
    pieces = []
    for g, threshold in ((-0.1, -1.0), (0.0, 0.0), (0.1, 1.0)):
        piece = cases.assign(g=g)
        piece["p_model"] = 1.0 - special.ndtr(threshold / spread)
        piece["outcome"] = (piece["x"] >= threshold).astype(float)
        pieces.append(piece)
    events = pd.concat(pieces, ignore_index=True)
    events["p_eurostat"] = events["p_rw"] = events["p_drift"] = 0.5
    return events


def test_a_calibrated_forecast_scores_inside_its_own_range():
    events = _events(spread=1.0)
    draws = calibrated_draws(events, "p_model", draws=100)
    scores = score(events, "p_model")
    # independent outcomes: no year or unit dependence is found
    assert draws["year_share"] < 0.05 and draws["unit_share"] < 0.05
    for stat, value in (
        ("gap", scores["gap"]),
        ("cover_80", scores["cover_80"]),
        ("cover_95", scores["cover_95"]),
    ):
        low, high = np.quantile(draws[stat], [0.01, 0.99])
        assert low <= value <= high, stat
    # every PIT drawn is uniform: coverage of the 80% interval centres on 0.80
    assert np.mean(draws["cover_80"]) == pytest.approx(0.80, abs=0.01)


def test_an_over_confident_forecast_misses_beyond_chance_and_a_calibrated_one_within():
    over = _events(spread=0.5)
    scores = score(over, "p_model")
    aims = {"cover_80": False, "cover_95": False, "reliability_gap": False}
    found = chance(over, "p_model", scores, aims, gap_limit=0.0)
    # N(0,1) outcomes against N(0, 0.25): the 80% interval +-0.64 covers P(|x| < 0.64) = 0.48, far below
    # what a calibrated forecast shows (about 0.80): the miss is evidence against the probabilities
    assert scores["cover_80"] == pytest.approx(0.48, abs=0.04)
    assert found["misses"]["cover_80"] == "beyond" and found["misses"]["cover_95"] == "beyond"
    calibrated = _events(spread=1.0)
    scores = score(calibrated, "p_model")
    # an aim no forecast meets (a gap of exactly 0) is missed, but within chance
    found = chance(calibrated, "p_model", scores, {"reliability_gap": False}, gap_limit=0.0)
    assert found["misses"] == {"reliability_gap": "within"}
    assert found["met_if_calibrated"]["reliability_gap"] == 0.0


def test_a_shared_year_shock_widens_what_chance_allows():
    # the same outcomes, but every unit of a year moves together: the year's share of the PITs' variance is
    # found, and the gap a calibrated forecast may show is wider than with independent units
    events = _events(spread=1.0, units=30, years=12)
    shock = np.random.default_rng(5).standard_normal(12) * 2.0
    shared = events.copy()
    shared["x"] = (shared["x"] + shock[shared["origin"] - 2000]) / np.sqrt(5.0)
    thresholds = {-0.1: -1.0, 0.0: 0.0, 0.1: 1.0}
    shared["outcome"] = (shared["x"] >= shared["g"].map(thresholds)).astype(float)
    shared["pit_model"] = special.ndtr(shared["x"])
    independent = calibrated_draws(events, "p_model", draws=100)
    dependent = calibrated_draws(shared, "p_model", draws=100)
    # shocks of variance 4 over own noise of 1: a year share near 0.8 (estimated from 12 years)
    assert dependent["year_share"] > 0.5
    assert np.quantile(dependent["gap"], 0.95) > 2 * np.quantile(independent["gap"], 0.95)
