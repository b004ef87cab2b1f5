"""Probabilities from simulated paths, on hand-made paths whose answers can be counted by eye."""

import numpy as np
import pytest

from hzanalysis.assess import meets, p_annual_floor, p_cumulative, p_first, p_level
from hzanalysis.errors import ForecastError, ParameterError

YEARS = np.array([2024, 2025])
PATHS = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])


def test_level_counts_paths_meeting_the_target_in_the_deadline_year():
    # 2025 column is 2, 4, 6; ">= 4" holds for 4 and 6 -> 2 of 3; "> 4" only for 6 -> 1 of 3.
    assert p_level(PATHS, YEARS, 2025, ">=", 4.0) == pytest.approx(2 / 3)
    assert p_level(PATHS, YEARS, 2025, ">", 4.0) == pytest.approx(1 / 3)


def test_level_outside_the_forecast_years_is_an_error():
    with pytest.raises(ForecastError, match="2026"):
        p_level(PATHS, YEARS, 2026, ">=", 1.0)


def test_annual_floor_needs_every_remaining_year():
    paths = np.array([[5.0, 5.0], [5.0, 3.0], [2.0, 6.0]])
    # floor 4: row 0 holds both years; row 1 fails 2025; row 2 fails 2024 -> 1 of 3.
    assert p_annual_floor(paths, YEARS, [2024, 2025], ">=", 4.0) == pytest.approx(1 / 3)
    # only 2025 still open (2024 observed and met): rows 0 and 2 -> 2 of 3.
    assert p_annual_floor(paths, YEARS, [2025], ">=", 4.0) == pytest.approx(2 / 3)
    assert p_annual_floor(paths, YEARS, [], ">=", 4.0) == 1.0


def test_cumulative_adds_the_observed_part_to_the_simulated_rest():
    paths = np.array([[0.0, 1.0], [0.0, 5.0], [0.0, 10.0]])
    # observed 10, 2025 simulated 1 / 5 / 10 -> totals 11, 15, 20; target 15.
    assert p_cumulative(paths, YEARS, [2025], 10.0, ">=", 15.0) == pytest.approx(2 / 3)
    assert p_cumulative(paths, YEARS, [2025], 10.0, ">", 15.0) == pytest.approx(1 / 3)
    # nothing left to simulate: the observed total decides
    assert p_cumulative(paths, YEARS, [], 15.0, ">=", 15.0) == 1.0
    assert p_cumulative(paths, YEARS, [], 14.9, ">=", 15.0) == 0.0


def test_first_place_compares_with_the_best_peer_on_each_path():
    own = np.array([3.0, 5.0, 7.0])
    peers = [np.array([4.0, 4.0, 4.0]), np.array([1.0, 6.0, 1.0])]
    # best peer per path: 4, 6, 4 -> own wins only on the third path.
    assert p_first(own, peers) == pytest.approx(1 / 3)
    assert p_first(own, []) == 1.0


def test_unknown_comparator_is_refused():
    with pytest.raises(ParameterError, match="comparator"):
        meets(np.array([1.0]), "<", 0.0)
