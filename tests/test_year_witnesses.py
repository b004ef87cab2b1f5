"""Units of one year are not independent witnesses of how far a class's trends carry (design effect)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from hzanalysis import persistence as ps
from hzanalysis import populations


def test_year_correlation_is_the_anova_icc_by_hand():
    # years 1: changes 1, 3 (mean 2); year 2: 5, 7 (mean 6); grand mean 4
    # between = (2 * 2^2 + 2 * 2^2) / (2 - 1) = 16; within = (1 + 1 + 1 + 1) / (4 - 2) = 2
    # typical size = (4 - (4 + 4) / 4) / (2 - 1) = 2; ICC = (16 - 2) / (16 + (2 - 1) * 2) = 14 / 18
    years = np.array([1, 1, 2, 2])
    changes = np.array([1.0, 3.0, 5.0, 7.0])
    assert populations.year_correlation(years, changes) == pytest.approx(14 / 18)


def test_year_correlation_is_clipped_at_zero_and_needs_two_years_of_two_units():
    # equal year means: between = 0, within = 2, raw ICC = -1
    assert populations.year_correlation(np.array([1, 1, 2, 2]), np.array([1.0, 3.0, 1.0, 3.0])) == 0.0
    assert math.isnan(populations.year_correlation(np.array([1, 1, 1]), np.array([1.0, 2.0, 3.0])))
    # a year of one unit says nothing about the scatter within a year, so it is dropped
    lone = populations.year_correlation(np.array([1, 1, 2, 2, 3]), np.array([1.0, 3.0, 5.0, 7.0, 100.0]))
    assert lone == pytest.approx(14 / 18)
    # NaN changes (an outcome not known) are ignored
    with_nan = populations.year_correlation(np.array([1, 1, 2, 2, 2]), np.array([1.0, 3.0, 5.0, 7.0, np.nan]))
    assert with_nan == pytest.approx(14 / 18)


def common_shock_panel(units: int, years: range, *, together: bool, seed: int = 0) -> pd.DataFrame:
    """Units of sizes 100, 200, ... growing 5% a year plus yearly shocks, shared by every unit (``together``)
    or each its own."""
    rng = np.random.default_rng(seed)
    shared = rng.normal(0.0, 0.08, len(years))
    rows = []
    for unit in range(units):
        own = shared if together else rng.normal(0.0, 0.08, len(years))
        z = math.log(100.0 * (unit + 1)) + np.cumsum(0.05 + own)
        rows += [
            {"region": f"u{unit}", "year": y, "value": float(np.exp(v))}
            for y, v in zip(years, z, strict=True)
        ]
    return pd.DataFrame(rows)


def case_table(frame: pd.DataFrame) -> pd.DataFrame:
    series = {unit: part.set_index("year")["value"] for unit, part in frame.groupby("region")}
    return populations.prepare(populations.Population("test", "amount", False, series, ""))


def test_units_that_move_together_count_as_one_witness_once_two_years_show_it():
    table = case_table(common_shock_panel(5, range(2010, 2020), together=True))
    known_year = np.repeat([2011, 2015], 5)
    units = np.tile([f"u{i}" for i in range(5)], 2)
    factor = populations.year_witnesses(table, known_year, units)
    # every unit changes alike each year, so rho = 1 once two years are known: 2011 (one year of changes)
    # gets no discount, 2015 counts its five units as one witness, 1/5 each
    assert factor[:5] == pytest.approx(1.0)
    assert factor[5:] == pytest.approx(1 / 5)


def test_a_class_that_moved_together_teaches_less_than_its_unit_count_claims(monkeypatch):
    table = case_table(common_shock_panel(20, range(2005, 2020), together=True, seed=3))
    prior = ps.prior()
    years = np.array([2019])

    def entropy(belief: ps.Belief) -> float:
        mass = belief.mass[belief.mass > 0]
        return float(-(mass * np.log(mass)).sum())

    discounted = populations.class_beliefs(table, prior, years)[2019]
    monkeypatch.setattr(
        populations, "year_witnesses", lambda table, known_year, units: np.ones(len(known_year))
    )
    as_if_independent = populations.class_beliefs(table, prior, years)[2019]
    # twenty units sharing every shock are about one history: the belief stays nearer the prior's spread
    assert entropy(discounted) > entropy(as_if_independent) + 0.5
    assert entropy(discounted) < entropy(prior)
