"""Tests of the build-time calibration (hzanalysis.derive: calibration, panel files, validation).

The reference panels are real build inputs read from ../shared/data/reference (never copied into the
repository); tests that need them are skipped, with the reason, where that folder is absent (CI has it).
Small tables built here are synthetic.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from hzanalysis import forecast as fc
from hzanalysis import models, reference, rules
from hzanalysis.derive import build, validation
from hzanalysis.derive import calibration as cal
from hzanalysis.derive import panel_files as panels
from hzanalysis.derive.reference_classes import build_classes
from hzanalysis.errors import InputError
from hzanalysis.panels import PANEL_NAMES, PANELS, panel_spec
from hzanalysis.paths import project_root

needs_panels = pytest.mark.skipif(
    not panels.reference_dir().exists(),
    reason=f"reference panels not found at {panels.reference_dir()} (set {panels.REFERENCE_DIR_ENV}); "
    "CI has them",
)


def synthetic_panel() -> list[panels.PanelSeries]:
    """Three synthetic count series in one panel, and one in another (labelled synthetic)."""
    make = lambda values: pd.Series(values, index=range(2010, 2010 + len(values)), dtype=float)  # noqa: E731
    return [
        panels.PanelSeries(
            "p/A", "A", "count", make([100, 110, 121, 133.1, 146.41, 161.051, 177.1561, 194.87]), "p"
        ),
        panels.PanelSeries("p/B", "B", "count", make([50, 60, 55, 70, 80, 75, 90, 100]), "p"),
        panels.PanelSeries("p/C", "C", "count", make([10, 12, 14, 16, 18, 20, 22, 24]), "p"),
        panels.PanelSeries("q/D", "D", "count", make([5, 6, 7, 8, 9, 10, 11, 12]), "q"),
    ]


def test_series_scale_rules_by_hand():
    z = np.array([0.0, 0.1, 0.3])  # yearly changes 0.1 and 0.2
    assert fc.series_scale(z, "count", "mean_abs_change") == pytest.approx(0.15)
    assert fc.series_scale(z, "count", "path_deviation") == pytest.approx(0.05)  # |0.1 - 0.15|, |0.2 - 0.15|
    steady = np.log([100.0, 110.0, 121.0, 133.1])  # exactly 10% a year: no deviation from the drift path
    assert fc.series_scale(steady, "count", "path_deviation") == fc.SCALE_FLOOR
    two = np.array([0.0, np.nan, 0.6])  # one change across a gap: both rules give its size per year
    assert fc.series_scale(two, "count", "path_deviation") == pytest.approx(0.3)
    jump = np.log([10.0, 200.0])  # a twentyfold jump (log change 3.0) is capped at SCALE_CAP
    assert fc.series_scale(jump, "count") == fc.SCALE_CAP == 0.5
    assert fc.series_scale(np.array([10.0, 200.0]), "level") == pytest.approx(0.5 * 105.0)


def test_training_windows_cover_the_report_shapes():
    assert list(cal.training_windows(8, "model", 0)) == [(0, 5, 6), (0, 6, 7)]
    assert list(cal.training_windows(5, "short", 3)) == [(0, 2, 3), (1, 3, 3)]
    two = list(cal.training_windows(5, "short", 2))
    # consecutive pairs, then pairs 2 and 3 years apart, each leaving a year to score
    assert two == [(0, 1, 2), (1, 2, 2), (2, 3, 2), (0, 2, 2), (1, 3, 2), (0, 3, 2)]


def test_rolling_errors_by_hand():
    table = cal.rolling_errors(
        synthetic_panel(), model_methods=("drift",), short_methods=("drift",), short_sizes=(2,)
    )
    b = np.log([50, 60, 55, 70, 80, 75, 90, 100])
    # short2 drift on B, points 2011 and 2013 (two years apart), forecast 2015 (h = 2)
    row = table[(table["series"] == "p/B") & (table["key"] == "short2/drift") & (table["span"] == 2)]
    row = row[(row["origin_year"] == 2013) & (row["h"] == 2)].iloc[0]
    point = b[3] + 2 * (b[3] - b[1]) / 2
    assert row["error"] == pytest.approx(b[5] - point)
    assert row["scale_mac"] == pytest.approx(abs(b[3] - b[1]) / 2)
    assert (row["y_first"], row["y_last"], row["y_actual"]) == (60, 70, 75)
    # model rung: expanding window 2010-2015 (6 points), h = 1
    row = table[(table["series"] == "p/B") & (table["key"] == "model/drift") & (table["origin_year"] == 2015)]
    row = row[row["h"] == 1].iloc[0]
    changes = np.diff(b[:6])
    assert row["scale_dev"] == pytest.approx(np.sqrt(np.mean((changes - changes.mean()) ** 2)))


def test_pooled_rows_use_only_other_series_known_at_the_origin(monkeypatch):
    table = cal.rolling_errors(
        synthetic_panel(), model_methods=(), short_methods=(), short_sizes=(2,), pooled=True
    )
    # class of A at origin 2017 = one-year changes of B and C ending by 2017 (7 each = 14 < 20): no class
    assert table.empty or not (table["group"] == "A").any()
    growth = cal.ClassGrowth(synthetic_panel())
    monkeypatch.setattr(cal, "MIN_CLASS_CHANGES", 4)
    median = growth.median(synthetic_panel()[0], 2012)
    # B and C changes ending in 2011 and 2012 (D is in another panel)
    expected = np.median(np.log([60 / 50, 55 / 60, 12 / 10, 14 / 12]))
    assert median == pytest.approx(expected)


def test_fit_entry_recovers_a_known_law():
    # Synthetic errors: |e_h| has median 0.7 * h**0.5 exactly (a symmetric spread per h).
    rows = []
    for h in range(1, 6):
        m = 0.7 * h**0.5
        for factor in (0.5, 1.0, 1.0, 2.0, 1.0):
            rows += [{"h": h, "std_error": m * factor}, {"h": h, "std_error": -m * factor}]
    entry = cal.fit_entry(pd.DataFrame(rows))
    assert entry["scale_a"] == pytest.approx(0.7, rel=1e-4)
    assert entry["scale_b"] == pytest.approx(0.5, rel=1e-4)
    assert entry["tail_q"][-1] == pytest.approx(2.0)  # the largest ratio seen, here within the bound


def test_fit_entry_bounds_a_lone_extreme_ratio():
    # 999 ratios spread evenly on [0, 2] and one of 500: the top of the table is one step past 0.995
    ratios = np.concatenate([np.linspace(0, 2, 999), [500.0]])
    entry = cal.fit_entry(pd.DataFrame({"h": 1, "std_error": ratios}))
    q = entry["tail_q"]
    assert q[-1] == pytest.approx(2 * q[-2] - q[-3], rel=1e-5) and q[-1] < 5


def test_calibration_iterates_over_every_model(monkeypatch):
    monkeypatch.setattr(models, "MODELS", (*models.MODELS, "naive_copy"))
    monkeypatch.setitem(models.ADAPTERS, "naive_copy", models.naive_adapter)
    assert "naive_copy" in cal.calibrated_models()
    table = cal.rolling_errors(synthetic_panel()[:1], short_methods=(), short_sizes=(), pooled=False)
    assert "model/naive_copy" in set(table["key"])


def test_eurostat_01_agrees_with_the_rules_module():
    rng = np.random.default_rng(0)
    for _ in range(300):
        first, last = rng.uniform(1, 100, 2)
        thr = last * rng.choice([0.9, 1.0, 1.1, 1.4])
        span, h = int(rng.integers(1, 8)), int(rng.integers(1, 6))
        result = rules.eurostat_progress(first, 2010, last, 2010 + span, thr, 2010 + span + h)
        expected = 1.0 if result.category_code in ("significant_progress", "met") else 0.0
        got = validation.eurostat_01(
            np.array([first]),
            np.array([2010.0]),
            np.array([last]),
            np.array([2010.0 + span]),
            np.array([thr]),
            np.array([2010.0 + span + h]),
        )[0]
        assert got == expected, (first, last, thr, span, h)


def test_exact_event_probability_matches_the_simulated_paths():
    entry = {
        "tail_p": list(cal.TAIL_P),
        "tail_q": [0, 0.2, 0.4, 0.55, 0.75, 1, 1.3, 1.6, 2.1, 2.5, 3, 3.4, 4, 5, 6.5, 7.5, 8],
    }
    width, point = np.array([0.2]), np.array([1.0])
    draws = fc.standard_paths(
        200_000, 1, np.array(entry["tail_p"]), np.array(entry["tail_q"]), np.random.default_rng(1)
    )
    for threshold in (0.7, 1.0, 1.15, 1.6):
        exact = validation.prob_at_least(entry, width, point, np.array([threshold]))[0]
        simulated = float((point[0] + width[0] * draws[:, 0] >= threshold).mean())
        assert exact == pytest.approx(simulated, abs=0.005), threshold


def test_missing_inputs_say_where_to_put_them(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(panels.REFERENCE_DIR_ENV, str(tmp_path))
    with pytest.raises(InputError, match=panels.REFERENCE_DIR_ENV):
        panels.load_panels(("rd_intensity",))
    # the build command exits 2 with that message, writing nothing
    assert build.main(["build", "--out", str(tmp_path / "derived")]) == 2
    assert panels.REFERENCE_DIR_ENV in capsys.readouterr().err
    assert not (tmp_path / "derived").exists()


@needs_panels
def test_every_panel_loads_31_provinces_without_the_national_row():
    loaded = panels.load_panels()
    for spec in PANELS:
        series = [s for s in loaded if s.panel == spec.name]
        assert len(series) == 31, spec.name
        assert all(s.domain == spec.domain for s in series)
        assert panels.NATIONAL_REGION not in {s.group for s in series}
    hte = next(s for s in loaded if s.panel == "hte_valid_stock")
    assert list(hte.series.index) == [2020, 2021, 2022, 2023, 2024]
    contracts = next(s for s in loaded if s.panel == "tech_contract_turnover")
    assert contracts.series.index.min() >= 2012


@needs_panels
def test_shipped_files_are_regenerated_byte_for_byte():
    # The cheap deterministic parts are rebuilt here (a few seconds): the reference classes whole, and the
    # short-rung calibration entries from their own rolling errors. The model rung (statsmodels fits, two
    # minutes) and validation.json are rebuilt by `make calibrate`; their inputs' checksums are checked.
    shipped_dir = build.DERIVED_DIR
    assert cal.dump_json(build_classes()) == (shipped_dir / "reference_classes.json").read_text("utf-8")
    shipped = json.loads((shipped_dir / "calibration.json").read_text("utf-8"))
    assert shipped["inputs"] == cal.input_record(), "panels changed: run `make calibrate`"
    assert shipped["procedure_version"] == cal.PROCEDURE_VERSION
    errors = cal.rolling_errors(panels.load_panels(), model_methods=())
    rule = shipped["scale_rule"]
    level_errors = errors[errors["domain"] == "level"]
    for family, rebuilt in (
        ("entries", cal.family_entries(errors, rule, "share")),
        ("entries_level", cal.fit_from_errors(level_errors, rule) if len(level_errors) else {}),
    ):
        short = {k: v for k, v in shipped[family].items() if k.startswith("short")}
        assert json.dumps(rebuilt, sort_keys=True) == json.dumps(short, sort_keys=True), family
    # the indicators' own factors of the short rung depend only on short-rung errors and entries
    for indicator, own in cal.indicator_spread(errors, rule).items():
        shipped_own = shipped["indicator_spread"][indicator]
        short = {k: v for k, v in shipped_own["factors"].items() if k.startswith("short")}
        assert json.dumps(own["factors"], sort_keys=True) == json.dumps(short, sort_keys=True), indicator
    assert {f"model/{m}" for m in models.MODELS} <= set(shipped["entries"])


def test_shipped_validation_has_every_panel_and_shape():
    results = json.loads((build.DERIVED_DIR / "validation.json").read_text("utf-8"))
    assert set(results["held_out"]) == set(PANEL_NAMES)
    assert set(results["external"]) == {"tourism", "m1"}
    for shapes in results["held_out"].values():
        assert set(shapes) == set(validation.SHAPES)
        for methods in shapes.values():
            for scores in methods.values():
                if scores["n"]:
                    assert 0 <= scores["cover_80"] <= scores["cover_95"] <= 1
                    assert math.isfinite(scores["brier"])


def test_score_counts_coverage_by_hand():
    # SYNTHETIC entry: m(h) = 1, |U| quantiles 0..4 at 0, 0.5, 0.8, 0.95, 1: half-widths 2 (80%), 3 (95%)
    entry = {"scale_a": 1.0, "scale_b": 0.0, "tail_p": [0, 0.5, 0.8, 0.95, 1], "tail_q": [0, 1, 2, 3, 4]}
    rows = pd.DataFrame(
        {
            "key": "short2/drift",
            "domain": "amount",
            "h": 1,
            "error": [0.5, -1.5, 2.5, -3.5],
            "scale_mac": 1.0,
            "scale_dev": 1.0,
            "y_first": 1.0,
            "y_last": 1.0,
            "y_actual": np.exp([0.5, -1.5, 2.5, -3.5]),
            "z_point": 0.0,
            "origin_year": 2020,
            "span": 1,
        }
    )
    scores = validation.score(rows, {"short2/drift": entry}, cal.SCALE_RULE)
    assert scores["cover_80"] == 0.5 and scores["cover_95"] == 0.75  # |e| <= 2: two of four; <= 3: three
    assert scores["by_h"][1]["n"] == 4
    # event "actual >= last" (m = 1): outcomes 1, 0, 1, 0; P(U >= 0) = 0.5 for each -> Brier 0.25 in that cell
    events = validation.events(rows, {"short2/drift": entry}, cal.SCALE_RULE)
    at_last = events[events["multiplier"] == 1.0]
    assert at_last["p"].tolist() == [0.5] * 4 and at_last["outcome"].tolist() == [1.0, 0.0, 1.0, 0.0]


def test_reliability_page_reads_the_shipped_results():
    from hzanalysis import reliability

    page = reliability.page("en")
    assert len(page.panels) >= 17 and {"80% covered", "95% covered", "Brier"} <= set(page.panels.columns)
    assert set(page.coverage["nominal"]) == {0.8, 0.95} and page.coverage["empirical"].between(0, 1).all()
    assert page.reliability["count"].sum() > 0 and len(page.outside_view) == 6


# ------------------------------------------------------------------------- indicator-aware spread


def uniform_entry() -> dict:
    """A pooled entry with m(h) = 1 at every h and |U| uniform on [0, 1] (median 0.5, q80 0.8, q95 0.95)."""
    return {"scale_a": 1.0, "scale_b": 0.0, "tail_p": [0.0, 1.0], "tail_q": [0.0, 1.0]}


def error_rows(abs_errors: np.ndarray, series: list[str] | None = None) -> pd.DataFrame:
    """Synthetic rolling-error rows of one short key, scale 1, h = 1."""
    n = len(abs_errors)
    signs = np.where(np.arange(n) % 2 == 0, 1.0, -1.0)
    return pd.DataFrame(
        {
            "key": "short2/drift",
            "series": series or [f"S{i % 31:02d}" for i in range(n)],
            "h": 1,
            "error": signs * abs_errors,
            "scale_mac": 1.0,
            "scale_dev": 1.0,
        }
    )


@pytest.mark.parametrize("statistic", ["median", "upper"])
def test_an_indicator_twice_as_jumpy_as_the_pool_gets_factor_two(statistic):
    # |e| = 2 * uniform grid on [0, 1]: every quantile is twice the pooled entry's, so both readings give 2;
    # a weight of 0.5 shrinks it to sqrt(2) (halfway on the log scale between own and pooled)
    rows = error_rows(2.0 * np.linspace(0.0, 1.0, 2001))
    rule = {"model": "mean_abs_change", "short": "mean_abs_change"}
    entries = {"short2/drift": uniform_entry()}
    full = cal.indicator_factors(rows, entries, rule, statistic=statistic, weight=1.0)
    half = cal.indicator_factors(rows, entries, rule, statistic=statistic, weight=0.5)
    assert full["short2/drift"]["factor"] == pytest.approx(2.0, rel=2e-3)
    assert half["short2/drift"]["factor"] == pytest.approx(math.sqrt(2.0), rel=2e-3)
    # too few errors: no own factor (the pooled spread alone)
    assert cal.indicator_factors(rows.head(cal.MIN_OWN_ERRORS - 1), entries, rule) == {}


def test_the_own_factor_widens_only_its_indicator_on_its_domain():
    calib = {
        "entries": {"short2/drift": uniform_entry()},
        "indicator_spread": {"x": {"domain": "amount", "factors": {"short2/drift": {"factor": 3.0}}}},
    }
    plain, _, _ = fc.spread_for(calib, "short2/drift", 3, "amount")
    own, _, _ = fc.spread_for(calib, "short2/drift", 3, "amount", indicator="x")
    other_domain, _, _ = fc.spread_for(calib, "short2/drift", 3, "share", indicator="x")
    assert plain.tolist() == [1.0, 1.0, 1.0]
    assert own.tolist() == [3.0, 3.0, 3.0]
    assert other_domain.tolist() == [1.0, 1.0, 1.0]


def test_a_held_out_province_is_never_in_the_factor_it_is_scored_with():
    # 31 synthetic provinces; one held-out province's errors made 100x wider must not change its own factor
    n = 31 * 20
    names = [f"S{i % 31:02d}" for i in range(n)]
    base = error_rows(np.linspace(0.01, 1.0, n), names)
    rule = {"model": "mean_abs_change", "short": "mean_abs_change"}
    entries = {"short2/drift": uniform_entry()}
    wild = base.copy()
    wild.loc[wild["series"] == "S00", "error"] *= 100.0
    before = validation.provinces_out(base, entries, rule, "upper", 1.0)
    after = validation.provinces_out(wild, entries, rule, "upper", 1.0)
    s00 = base["series"] == "S00"
    assert after.loc[s00, "scale_mac"].tolist() == before.loc[s00, "scale_mac"].tolist()
    # ...but it does change the factor of provinces in other folds, whose fit it is part of
    assert not np.allclose(after.loc[~s00, "scale_mac"], before.loc[~s00, "scale_mac"])


@needs_panels
def test_shipped_indicator_spread_widens_technology_contracts():
    # technology-contract turnover jumps 3-10x in a year: its own provinces' errors are wider than the
    # pooled spread, so a two-point drift forecast of it is wider than the same history without the indicator
    # (the default 2-5 point forecast takes a class's own scale instead: tests/test_persistence.py)
    history = pd.Series([10.0, 12.0], index=[2022, 2023])
    plain = fc.forecast(history, 2, domain="amount", model="drift")
    own = fc.forecast(history, 2, domain="amount", indicator="tech_contract_value", model="drift")
    factor = fc.load_calibration()["indicator_spread"]["tech_contract_value"]["factors"]["short2/drift"]
    assert factor["factor"] > 1.0
    half_width = lambda f: np.log(f.quantile(0.975) / f.quantile(0.5))  # noqa: E731
    assert half_width(own) == pytest.approx(half_width(plain) * factor["factor"], rel=1e-6)


def test_patents_per_resident_are_a_positive_ratio_on_the_log_scale():
    spec = panel_spec("invention_patents_per_10k")
    assert spec.domain == "amount" and not spec.extensive
    catalogue = pd.read_csv(project_root() / "data" / "raw" / "indicators.csv")
    assert catalogue.set_index("id").loc["invention_patents_per_10k", "domain"] == "amount"
    assert reference.is_extensive("amount", "invention_patents_per_10k") is False
    assert reference.is_extensive("amount", "tech_contract_value") is True


def test_per_horizon_factors_hold_the_last_known_horizon_beyond_it():
    # known horizons 1 and 3: h = 2 keeps h = 1's factor, h = 5 keeps h = 3's (nothing interpolated)
    own = {"factor": 9.0, "factor_by_h": {"1": 2.0, "3": 4.0}}
    assert fc.own_factor(own, np.array([1, 2, 3, 5])).tolist() == [2.0, 2.0, 4.0, 4.0]
    assert fc.own_factor({"factor": 1.5}, np.array([1, 4])).tolist() == [1.5, 1.5]
