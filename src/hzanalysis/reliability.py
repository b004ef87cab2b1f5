"""How often forecasts of the kind the report makes were right, on the real reference panel.

The public Haizhou series have two points each, so the report's forecasts use the short-series rung
(growth extrapolated from two points, spread from the panel). This module replays exactly that rung on
the NBS provincial R&D-intensity panel: from every past year, with two points of history, forecast one to
``horizons`` years ahead and score the result against what was later published. Calibration constants are
always fitted on other provinces than the ones scored (leave-provinces-out folds), so every figure here
is out of sample. It takes a few seconds, so the reliability page computes it live from the shipped panel.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from .bench import Origin, event_rows, reliability_table, score_probabilities
from .calibration import _fold_of, cross_validated_coverage, fit_calibration, load_panel, rolling_errors

#: Thresholds of the replayed events, as multiples of the last observed value (around it, both sides).
MULTIPLIERS: tuple[float, ...] = (0.9, 0.95, 1.0, 1.03, 1.06, 1.1, 1.2)
#: Probability columns and the plain code each is shown under (``views``/``charts`` put the words on).
PROBABILITY_LABELS = {
    "p_calibrated": "calibrated",
    "p_uncalibrated": "uncalibrated",
    "p_eurostat": "eurostat_rule",
}


@dataclass
class Reliability:
    """Out-of-sample evidence for the reliability page."""

    coverage: pd.DataFrame  # horizon, nominal, empirical, method, n
    reliability: pd.DataFrame  # mean_predicted, observed_frequency, count, method
    scores: pd.DataFrame  # method, Brier, log loss, events
    replay: pd.DataFrame  # as-of year, horizon, events, mean predicted, observed share, Brier
    events: pd.DataFrame  # one row per scored event


def panel_reliability(
    *,
    history_points: int = 2,
    horizons: int = 3,
    folds: int = 5,
    multipliers: Sequence[float] = MULTIPLIERS,
    n_paths: int = 500,
    seed: int = 0,
) -> Reliability:
    """Replay the short-series rung (``history_points`` points, drift) on the provincial R&D shares."""
    panel = [s for s in load_panel() if s.domain == "share"]
    key = f"short{history_points}/drift"
    errors = rolling_errors(panel, model_methods=(), short_methods=("drift",), short_sizes=(history_points,))
    coverage = _coverage_frame(cross_validated_coverage(errors, folds=folds), horizons)

    fold_of = _fold_of([s.group for s in panel], folds)
    events = []
    for fold in range(folds):
        calibration = fit_calibration(panel, errors=errors[errors["group"].map(fold_of) != fold])
        for item in panel:
            if fold_of[item.group] != fold:
                continue
            for origin in _origins(item.name, item.series, history_points, horizons):
                events.extend(
                    event_rows(
                        origin,
                        multipliers,
                        domain="share",
                        n_paths=n_paths,
                        seed=seed,
                        calibration=calibration,
                    )
                )
    events_frame = pd.DataFrame(events)
    columns = list(PROBABILITY_LABELS)
    scores = score_probabilities(events_frame, columns).reset_index()
    scores["probability"] = scores["probability"].map(PROBABILITY_LABELS)
    diagram = pd.concat(
        [
            reliability_table(events_frame[c], events_frame["outcome"]).assign(method=PROBABILITY_LABELS[c])
            for c in columns
        ],
        ignore_index=True,
    ).dropna(subset=["mean_predicted"])
    return Reliability(
        coverage=coverage,
        reliability=diagram,
        scores=scores.assign(key=key),
        replay=_replay(events_frame, horizons),
        events=events_frame,
    )


def _origins(name: str, series: pd.Series, points: int, horizons: int) -> list[Origin]:
    """Every window of ``points`` consecutive years with at least one later year to score."""
    values = series.dropna().astype(float)
    years = list(values.index.astype(int))
    out = []
    for end in range(points - 1, len(years) - 1):
        train = values.iloc[end - points + 1 : end + 1]
        test = values[(values.index > years[end]) & (values.index <= years[end] + horizons)]
        out.append(Origin(name, years[end], train, test))
    return out


def _coverage_frame(coverage: pd.DataFrame, horizons: int) -> pd.DataFrame:
    shown = coverage[coverage["h"] <= horizons]
    calibrated = shown.assign(method="calibrated", empirical=shown["calibrated"])
    model = shown.assign(method="uncalibrated", empirical=shown["model"])
    frame = pd.concat([calibrated, model], ignore_index=True)
    return frame.rename(columns={"h": "horizon", "level": "nominal"})[
        ["horizon", "nominal", "empirical", "method", "n"]
    ].dropna(subset=["empirical"])


def _replay(events: pd.DataFrame, horizons: int) -> pd.DataFrame:
    """As of each past year: 'at least the latest value, ``horizons`` years later' — said vs happened."""
    steady = events[(events["multiplier"] == 1.0) & (events["h"] == horizons)]
    rows = []
    for origin, group in steady.groupby("origin", sort=True):
        rows.append(
            {
                "as_of": int(origin),
                "target_year": int(origin) + horizons,
                "provinces": len(group),
                "mean_p": round(float(group["p_calibrated"].mean()), 2),
                "base_rate": round(float(group["outcome"].mean()), 2),
                "brier": round(float(((group["p_calibrated"] - group["outcome"]) ** 2).mean()), 3),
            }
        )
    return pd.DataFrame(rows)
