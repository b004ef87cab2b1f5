"""The leave-one-population-out scores' own arithmetic (hzanalysis.derive.population_validation), by hand.

Every probability and outcome here is made up for the test.
"""

from __future__ import annotations

import numpy as np
import pytest

from hzanalysis.derive.population_validation import gap_range, reliability_gap


def two_years(hits_a: int, hits_b: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """40 events predicted 0.35 in year A and 40 in year B, with the given numbers coming true."""
    p = np.full(80, 0.35)
    outcome = np.zeros(80)
    outcome[:hits_a] = 1.0
    outcome[40 : 40 + hits_b] = 1.0
    return p, outcome, np.repeat(["A", "B"], 40)


def test_reliability_gap_counts_only_bins_of_thirty_events():
    # 40 events at 0.35, 20 true: |0.35 - 0.5| = 0.15; 10 events at 0.95, none true: too few to count
    p = np.concatenate([np.full(40, 0.35), np.full(10, 0.95)])
    outcome = np.concatenate([np.repeat([1.0, 0.0], 20), np.zeros(10)])
    assert reliability_gap(p, outcome) == pytest.approx(0.15)
    assert reliability_gap(p[40:], outcome[40:]) is None


def test_gap_range_of_one_year_is_its_gap():
    p, outcome, _ = two_years(20, 0)
    year = np.full(80, "A")
    low, high = gap_range(p, outcome, year)
    assert low == pytest.approx(high) == pytest.approx(abs(0.35 - 20 / 80))


def test_gap_range_resamples_whole_years():
    # year A: all 40 true, year B: none. Resampling two years of two: AB or BA (half the draws) gives the
    # pooled gap |0.35 - 0.5| = 0.15, AA (a quarter) |0.35 - 1| = 0.65, BB (a quarter) 0.35. The 5th
    # percentile is 0.15 and the 95th 0.65; a gap from independent events would not move this far.
    p, outcome, year = two_years(40, 0)
    assert reliability_gap(p, outcome) == pytest.approx(0.15)
    low, high = gap_range(p, outcome, year)
    assert low == pytest.approx(0.15)
    assert high == pytest.approx(0.65)
