"""The outside view (reference classes) and partial pooling: the public contract of forecast(reference=...).

Reference frames built here are SYNTHETIC (regions R00..R29 with made-up growth), labelled as such; the
shipped classes are derived from the real provincial panels.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from hzanalysis import forecast as fc
from hzanalysis import models
from hzanalysis import reference as ref
from hzanalysis.errors import ForecastError, ParameterError


def synthetic_reference(
    growth: float, *, noise: float = 0.0, regions: int = 30, years: int = 8, seed: int = 1
):
    """Synthetic panel: every region grows by ``growth`` a year (log scale), plus optional noise."""
    rng = np.random.default_rng(seed)
    rows = []
    for r in range(regions):
        level = 100.0 * (1 + r)
        for year in range(2015, 2015 + years):
            rows.append({"region": f"R{r:02d}", "year": year, "value": level})
            level *= math.exp(growth + noise * rng.standard_normal())
    return pd.DataFrame(rows)


def test_one_point_without_reference_still_gives_no_forecast():
    with pytest.raises(ForecastError, match="one observation"):
        fc.forecast(pd.Series({2023: 50.0}), 2, domain="count")


def test_reference_none_leaves_two_point_forecasts_unchanged():
    history = pd.Series({2017: 100.0, 2020: 130.0})
    plain = fc.forecast(history, 3, domain="count", seed=3)
    explicit = fc.forecast(history, 3, domain="count", seed=3, reference=None)
    np.testing.assert_array_equal(plain.paths, explicit.paths)
    assert plain.method == "persistence" and "id" not in plain.reference  # no class: persistence only
    # drift asked for by name: on the log scale from the two points, by hand: 130 * (130/100)**(h/3)
    drift = fc.forecast(history, 3, domain="count", seed=3, model="drift")
    np.testing.assert_allclose(drift.point, 130.0 * 1.3 ** (np.arange(1, 4) / 3))


def test_noise_free_class_applies_its_growth_exactly():
    # every synthetic region grows exactly 10% a year: the one figure must grow exactly 10% a year
    reference = synthetic_reference(math.log(1.1))
    out = fc.forecast(pd.Series({2022: 50.0}), 3, domain="count", reference=reference, n_paths=200)
    expected = 50.0 * 1.1 ** np.arange(1, 4)
    # the class stores its quantiles to 6 significant digits, hence the tolerance
    np.testing.assert_allclose(out.paths, np.broadcast_to(expected, out.paths.shape), rtol=1e-5)
    assert out.rung == "outside_view" and out.method == "reference_class(caller)"
    assert out.reference["n_regions"] == 30 and out.reference["years"] == [2015, 2022]


def test_outside_view_probability_rises_with_the_class_growth():
    history = pd.Series({2022: 100.0})
    probabilities = []
    for growth in (0.0, 0.05, 0.10, 0.20):
        reference = synthetic_reference(growth, noise=0.1)
        out = fc.forecast(history, 3, domain="amount", reference=reference, seed=0)
        probabilities.append(float((out.paths[:, -1] >= 130.0).mean()))
    assert probabilities == sorted(probabilities)
    assert probabilities[0] < 0.1 and probabilities[-1] > 0.9


def test_a_reference_of_another_indicator_is_refused():
    frame = synthetic_reference(0.1).assign(indicator="gdp")
    with pytest.raises(ParameterError, match="same indicator"):
        fc.forecast(pd.Series({2022: 5.0}), 2, domain="count", reference=frame, indicator="hte_count")
    shipped = ref.shipped_classes()["rd_intensity"]
    with pytest.raises(ParameterError, match="not 'hte_count'"):
        fc.forecast(pd.Series({2022: 5.0}), 2, domain="count", reference=shipped, indicator="hte_count")


def test_every_shipped_class_serves_its_own_indicator_only():
    catalogue = pd.read_csv(
        fc.Path(__file__).resolve().parents[1] / "data" / "raw" / "indicators.csv",
        dtype=str,
        keep_default_na=False,
    )
    classes = ref.shipped_classes()
    named = catalogue[catalogue["reference_class"] != ""]
    assert len(named) == 6
    for _, row in named.iterrows():
        assert classes[row["reference_class"]].indicator == row["id"]
        assert classes[row["reference_class"]].domain == row["domain"]


@pytest.mark.parametrize("domain,value", [("share", 99.5), ("share", 0.3), ("count", 2.0), ("amount", 1e-3)])
def test_no_outside_view_path_leaves_its_domain(domain, value):
    # wild synthetic growth (log changes with sd 1.5 a year) pushes paths toward the domain's edges
    reference = synthetic_reference(0.3, noise=1.5)
    if domain == "share":
        reference = reference.assign(value=100.0 * reference["value"] / (reference["value"] + 500.0))
    out = fc.forecast(pd.Series({2022: value}), 5, domain=domain, reference=reference, n_paths=4000)
    assert np.all(np.isfinite(out.paths)) and np.all(out.paths > 0)
    if domain == "share":
        assert np.all(out.paths < 100.0)


def test_a_horizon_beyond_the_class_is_refused_not_extrapolated():
    reference = synthetic_reference(0.1, years=4)  # changes up to 3 years
    with pytest.raises(ForecastError, match="up to 3 years"):
        fc.forecast(pd.Series({2022: 50.0}), 5, domain="count", reference=reference)


def test_pooling_pulls_two_points_toward_the_class_growth():
    # drift asked for by name with a class: class growth exactly 10% a year; own growth 0 between two points
    # 3 years apart: weight of own growth 3 / (3 + POOLING_YEARS), the rest goes to log(1.1)
    reference = synthetic_reference(math.log(1.1))
    history = pd.Series({2019: 80.0, 2022: 80.0})
    out = fc.forecast(history, 2, domain="count", reference=reference, model="drift")
    weight = 3 / (3 + models.POOLING_YEARS)
    expected = 80.0 * np.exp((1 - weight) * math.log(1.1) * np.arange(1, 3))
    np.testing.assert_allclose(out.point, expected, rtol=1e-5)
    assert out.method == "pooled" and out.reference is not None


def test_size_widening_reads_the_small_units_spread():
    # synthetic: the 10 smallest regions have 3x the noise of the others; a ratio > 1 must be found
    rows = []
    rng = np.random.default_rng(4)
    for r in range(30):
        level, sd = 10.0 * (1 + r), (0.3 if r < 10 else 0.1)
        for year in range(2010, 2020):
            rows.append({"region": f"R{r:02d}", "year": year, "value": level})
            level *= math.exp(0.05 + sd * rng.standard_normal())
    cls = ref.class_from_frame(pd.DataFrame(rows), indicator="x", domain="count")
    assert cls.widening > 1.5
    ratio_class = ref.class_from_frame(pd.DataFrame(rows), indicator="x", domain="level")
    assert ratio_class.widening == 1.0  # a ratio indicator carries no unit size


def test_mean_is_finite_and_near_the_median_without_touching_quantiles():
    # a hand-made forecast with one absurd path: the plain mean is 10x the median, the stated mean is not
    paths = np.full((100, 1), 10.0)
    paths[:50, 0] = 9.0
    paths[0, 0] = 1e6
    out = fc.Forecast(np.array([2025]), paths, pd.Series({2024: 10.0}), "count", "auto", "drift", "short")
    assert paths.mean() > 10 * np.median(paths)
    low, high = np.quantile(paths[:, 0], fc.MEAN_WINSOR)
    assert out.mean()[0] == pytest.approx(np.clip(paths[:, 0], low, high).mean())
    assert out.mean()[0] < 3 * np.median(paths)
    assert out.quantile(0.99)[0] == pytest.approx(np.quantile(paths[:, 0], 0.99))


def test_assess_gives_a_labelled_outside_view_for_one_figure():
    from test_assess import synthetic_observations

    from hzanalysis.assess import assess_target
    from hzanalysis.targets import get_target

    # SYNTHETIC: one figure of the technology-contract turnover (class tech_contract_turnover), 2023
    obs = synthetic_observations({2023: 12.0}, indicator="tech_contract_value", unit="亿元", domain="amount")
    a = assess_target(get_target("tech_contract_value"), obs, n_paths=500)
    assert a.forecast is not None and a.forecast.rung == "outside_view"
    assert a.verdict.zh.endswith("（参考类判断）") and a.verdict.en.endswith("(outside view)")
    assert a.reference_class["id"] == "tech_contract_turnover"
    assert a.reference_class["indicator"] == "tech_contract_value" and a.reference_class["n_regions"] == 31
    assert 0.0 <= a.probability <= 1.0
    assert not a.model_probabilities  # single models cannot forecast one figure; none is shown


def test_assess_refuses_a_catalogue_class_of_another_indicator():
    from test_assess import synthetic_observations

    from hzanalysis.assess import assess_target
    from hzanalysis.observations import load_indicators
    from hzanalysis.targets import get_target

    catalogue = load_indicators()
    catalogue.loc[catalogue["id"] == "tech_contract_value", "reference_class"] = "hte_valid_stock"
    obs = synthetic_observations({2023: 12.0}, indicator="tech_contract_value", unit="亿元", domain="amount")
    with pytest.raises(ParameterError, match="not 'tech_contract_value'"):
        assess_target(get_target("tech_contract_value"), obs, indicators=catalogue)


def test_pooling_a_positive_level_works_on_its_log():
    # a level (patents per 10k) pools like a count: growth on the log scale, the path back on the level scale
    reference = synthetic_reference(math.log(1.1))
    history = pd.Series({2019: 80.0, 2022: 80.0})
    out = fc.forecast(history, 2, domain="level", reference=reference)
    weight = 3 / (3 + models.POOLING_YEARS)
    expected = 80.0 * np.exp((1 - weight) * math.log(1.1) * np.arange(1, 3))
    np.testing.assert_allclose(out.point, expected, rtol=1e-5)
    # a level that is not positive cannot be pooled on the log scale: plain drift, and the page says why
    negative = fc.forecast(pd.Series({2019: -5.0, 2022: -2.0}), 2, domain="level", reference=reference)
    assert negative.method == "drift" and any(w.code == "warning.class_not_used" for w in negative.warnings)


def test_a_class_as_known_by_an_earlier_year_uses_only_growth_up_to_then():
    shipped = ref.shipped_classes()["rd_intensity"]  # 2011-2023
    assert shipped.known_by(2023) is shipped and shipped.known_by(2030) is shipped
    by_2017 = shipped.known_by(2017)
    # 2011-2017: changes over at most 6 years, and 31 provinces x (7 - h) changes at each horizon h
    assert max(by_2017.quantiles) == 6 and by_2017.last_year == 2017
    assert by_2017.n_changes == {h: 31 * (7 - h) for h in range(1, 7)}
    with pytest.raises(ForecastError, match="knows no growth by 2011"):
        shipped.known_by(2011)
    # the shipped cut equals a class built from the same years of a frame (synthetic here)
    frame = synthetic_reference(0.1, noise=0.2, years=8)
    full = ref.class_from_frame(frame, indicator="x", domain="count")
    cut = ref.class_from_frame(frame, indicator="x", domain="count", known_by=2018)
    assert max(cut.quantiles) == 3 and cut.n_changes[1] == 30 * 3 and full.n_changes[1] == 30 * 7
