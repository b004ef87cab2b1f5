"""Fit the forecast spread on real annual series, and measure it on series it was not fitted on.

Why: on annual data, model-based prediction intervals are too narrow (nominal 95% covers 67–87%).
So :func:`hzanalysis.forecast.forecast` takes its spread from the constants fitted here.

Procedure (version :data:`PROCEDURE_VERSION`):

1. Reference panel: ``data/raw/reference/china_province_rd_intensity.csv`` (31 provinces + national,
   2011–2023). ``rd_intensity_pct`` is a share (logit scale), ``rd_expenditure_100m_cny`` an amount (log
   scale): 64 series of 13 points.
2. Rolling-origin errors on the transformed scale, each divided by the series scale ``s`` computed from the
   training window only (:func:`hzanalysis.forecast.series_scale`: mean absolute yearly change, floored).
   - model rung (``model/<method>``): expanding windows from 2011 with 6..12 points, h = 1..13-n.
   - short rung (``short<n>/<method>``, n = 2..5): every window of exactly n consecutive points,
     h = 1..(points left after the window); the spread comes from the panel, not from the n points.
3. Per key, a scale-and-tail model of the standardised error at horizon h: ``e_h = m(h) * U`` with U
   symmetric. ``m(h)`` is the median of |e_h|; the tail shape is the empirical distribution of
   |e_h| / median|e_h| pooled over horizons, stored as a quantile table (``tail_p`` → ``tail_q``; the
   last entry is the largest ratio seen, so simulated tails are bounded by what the panel showed: a
   Student-t was tried first, but the panel asked for df = 1.5 and exp(t) paths then reach absurd
   values). The growth law ``m(h) = a * h**b`` is fitted by least squares on log m vs log h (weights =
   number of errors,
   horizons with at least :data:`MIN_ERRORS_PER_H` errors). The law is used at every horizon, so horizons
   beyond the panel (the model rung sees at most h = 7, a 2017 value forecast to 2025 is h = 8) are a
   smooth extrapolation of the fitted growth; ``b`` is clipped to [0, 1.5].
4. Joint paths across horizons are simulated in forecast.py (Gaussian copula with random-walk
   correlation; each horizon's marginal is ``s * m(h) * U`` with U from the quantile table above).

``python -m hzanalysis.calibration`` rewrites ``src/hzanalysis/calibration.json`` deterministically and
prints the leave-provinces-out coverage.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from scipy import stats

# Names, not the module: the package exports a function called `forecast` that shadows the submodule.
from .forecast import (
    CALIBRATION_PATH,
    COMBO_MEMBERS,
    MODEL_RUNG_MIN_POINTS,
    MODELS,
    SCALE_FLOOR,
    _filled_centered,
    _is_flat,
    _observed,
    point_forecast,
    series_scale,
    to_transformed,
)
from .paths import project_root, raw_dir

PROCEDURE_VERSION = "1"
PANEL_RELATIVE = Path("data/raw/reference/china_province_rd_intensity.csv")
VARIABLES = {"rd_intensity_pct": "share", "rd_expenditure_100m_cny": "amount"}
MODEL_METHODS = MODELS
SHORT_METHODS = ("naive", "drift", "linear")
SHORT_SIZES = (2, 3, 4, 5)
LEVELS = (0.5, 0.8, 0.95)
TAIL_P = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.925, 0.95, 0.975, 0.99, 0.995, 1.0)
MIN_ERRORS_PER_H = 10
B_RANGE = (0.0, 1.5)


class PanelSeries(NamedTuple):
    """One reference series: ``group`` (the province) is the unit held out in cross-validation."""

    name: str
    group: str
    domain: str
    series: pd.Series


def panel_path() -> Path:
    """The shipped reference panel."""
    return raw_dir() / "reference" / PANEL_RELATIVE.name


def load_panel(path: str | Path | None = None) -> list[PanelSeries]:
    """The reference panel as one series per (province, variable), indexed by year."""
    table = pd.read_csv(path or panel_path())
    out = []
    for province, rows in table.groupby("province_en", sort=True):
        rows = rows.sort_values("year")
        for column, domain in VARIABLES.items():
            values = pd.Series(rows[column].to_numpy(dtype=float), index=rows["year"].to_numpy(dtype=int))
            out.append(PanelSeries(f"{province}/{column}", str(province), domain, values.dropna()))
    return out


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ----------------------------------------------------------------------------------------------- errors


def _gaussian_halfwidths(z: np.ndarray, horizon: int, method: str) -> np.ndarray:
    """Textbook model intervals (no calibration) for the simple methods: shape (len(LEVELS), horizon)."""
    idx, vals = _observed(z)
    h = np.arange(1, horizon + 1, dtype=float)
    quant = np.array([stats.norm.ppf((1 + p) / 2) for p in LEVELS])[:, None]
    if method == "linear":
        n = len(vals)
        if n < 3:
            return np.zeros((len(LEVELS), horizon))
        slope, intercept = np.polyfit(idx, vals, 1)
        resid = vals - (intercept + slope * idx)
        sigma = math.sqrt(float(resid @ resid) / (n - 2))
        x0 = len(z) - 1 + h
        sxx = float(((idx - idx.mean()) ** 2).sum())
        se = sigma * np.sqrt(1 + 1 / n + (x0 - idx.mean()) ** 2 / sxx)
        tq = np.array([stats.t.ppf((1 + p) / 2, n - 2) for p in LEVELS])[:, None]
        return tq * se[None, :]
    diffs = np.diff(vals) / np.diff(idx)
    if method == "naive":
        sigma = math.sqrt(float((diffs**2).mean())) if len(diffs) else 0.0
        return quant * sigma * np.sqrt(h)[None, :]
    # drift (Hyndman & Athanasopoulos, fpp3 5.5): sigma * sqrt(h (1 + h / T)), T = number of changes
    sigma = float(diffs.std(ddof=1)) if len(diffs) >= 2 else 0.0
    return quant * sigma * np.sqrt(h * (1 + h / max(len(diffs), 1)))[None, :]


def _statsmodels_halfwidths(z: np.ndarray, horizon: int, method: str) -> np.ndarray:
    """The model's own prediction intervals (damped ETS, Theta), as half-widths around its mean."""
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel
    from statsmodels.tsa.forecasting.theta import ThetaModel

    y, _ = _filled_centered(z)
    # Both intervals are Gaussian: get the 95% one and rescale (Theta's sigma2 refits an ARIMA per call).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if method == "damped":
            result = ETSModel(y, error="add", trend="add", damped_trend=True).fit(disp=False)
            frame = result.get_prediction(start=len(y), end=len(y) + horizon - 1).summary_frame(alpha=0.05)
            hw95 = (frame["pi_upper"] - frame["pi_lower"]).to_numpy() / 2
        else:
            result = ThetaModel(y, period=1, deseasonalize=False).fit()
            frame = result.prediction_intervals(horizon, alpha=0.05)
            hw95 = (frame["upper"] - frame["lower"]).to_numpy() / 2
    ratios = np.array([stats.norm.ppf((1 + p) / 2) / stats.norm.ppf(0.975) for p in LEVELS])
    return ratios[:, None] * hw95[None, :]


def model_halfwidths(z: np.ndarray, horizon: int, method: str, cache: dict | None = None) -> np.ndarray:
    """Uncalibrated model interval half-widths (LEVELS × horizon) on the transformed scale.

    The baseline the calibration is compared with. A combo uses the mean of its members' half-widths;
    a method that cannot give intervals (a failed or constant fit) gives NaN. ``cache`` keeps the
    members' half-widths for reuse on the same ``z`` and horizon.
    """
    base = method.split("(")[0]
    if cache is not None and base in cache:
        return cache[base]
    out = _model_halfwidths(z, horizon, base, cache)
    if cache is not None:
        cache[base] = out
    return out


def _model_halfwidths(z: np.ndarray, horizon: int, base: str, cache: dict | None) -> np.ndarray:
    try:
        if base == "combo":
            parts = [model_halfwidths(z, horizon, m, cache) for m in COMBO_MEMBERS]
            return np.mean(np.stack(parts), axis=0)
        if base in ("damped", "theta"):
            if _is_flat(z):
                return np.full((len(LEVELS), horizon), np.nan)
            out = _statsmodels_halfwidths(z, horizon, base)
        else:
            out = _gaussian_halfwidths(z, horizon, base)
    except Exception:  # the baseline is only for comparison; a failed fit is simply not counted
        return np.full((len(LEVELS), horizon), np.nan)
    return np.where(np.isfinite(out), out, np.nan)


def _windows(n_total: int, rung: str, size: int | None) -> Iterable[tuple[int, int]]:
    """(start, length) of training windows: expanding from the start (model) or all of one size (short)."""
    if rung == "model":
        for length in range(MODEL_RUNG_MIN_POINTS, n_total):
            yield 0, length
    else:
        assert size is not None
        for start in range(0, n_total - size):
            yield start, size


def rolling_errors(
    panel: Sequence[PanelSeries],
    *,
    model_methods: Sequence[str] = MODEL_METHODS,
    short_methods: Sequence[str] = SHORT_METHODS,
    short_sizes: Sequence[int] = SHORT_SIZES,
    with_baseline: bool = True,
) -> pd.DataFrame:
    """Rolling-origin forecast errors on the panel, one row per (series, key, origin, h).

    Columns: series, group, key, method (used after fallbacks), n_train, origin_year, h, scale,
    error (transformed scale), std_error (error / scale) and, with ``with_baseline``, the uncalibrated
    model half-widths ``model_hw50``, ``model_hw80``, ``model_hw95``.
    """
    plan: list[tuple[str, str, int | None]] = [("model", m, None) for m in model_methods]
    plan += [("short", m, n) for n in short_sizes for m in short_methods]
    rows: list[dict[str, Any]] = []
    for item in panel:
        fits: dict[tuple[int, int], dict] = {}
        intervals: dict[tuple[int, int], dict] = {}
        years = item.series.index.to_numpy(dtype=int)
        full = np.arange(years[0], years[-1] + 1)
        z_all = to_transformed(item.series.reindex(full).to_numpy(dtype=float), item.domain)
        for rung, method, size in plan:
            key = f"model/{method}" if rung == "model" else f"short{size}/{method}"
            for start, length in _windows(len(full), rung, size):
                z = z_all[start : start + length]
                horizon = len(full) - start - length
                if horizon < 1 or np.isfinite(z).sum() < 2:
                    continue
                notes: list[str] = []
                window = (start, length)
                point, used, _ = point_forecast(z, horizon, method, notes, fits.setdefault(window, {}))
                scale = series_scale(z)
                actual = z_all[start + length : start + length + horizon]
                hws = None
                if with_baseline:
                    hws = model_halfwidths(z, horizon, used, intervals.setdefault(window, {}))
                for h in range(1, horizon + 1):
                    if not np.isfinite(actual[h - 1]):
                        continue
                    error = float(actual[h - 1] - point[h - 1])
                    row = {
                        "series": item.name,
                        "group": item.group,
                        "key": key,
                        "method": used,
                        "n_train": length,
                        "origin_year": int(full[start + length - 1]),
                        "h": h,
                        "scale": scale,
                        "error": error,
                        "std_error": error / scale,
                    }
                    if hws is not None:
                        for level, hw in zip(LEVELS, hws[:, h - 1], strict=True):
                            row[f"model_hw{round(level * 100)}"] = float(hw)
                    rows.append(row)
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------------------------- fitting


def fit_entry(std_errors: pd.DataFrame) -> dict[str, Any]:
    """Scale-and-tail constants for one key from its standardised errors (columns h, std_error)."""
    by_h = {int(h): np.abs(g["std_error"].to_numpy()) for h, g in std_errors.groupby("h")}
    usable = {h: a for h, a in by_h.items() if len(a) >= MIN_ERRORS_PER_H}
    if not usable:  # too few errors: take whatever there is
        usable = by_h
    medians = {h: max(float(np.median(a)), 1e-6) for h, a in usable.items()}
    pooled = np.concatenate([a / medians[h] for h, a in usable.items()])
    tail_q = np.quantile(pooled, TAIL_P)
    hs = np.array(sorted(usable), dtype=float)
    m_h = np.array([medians[int(h)] for h in hs])
    weights = np.array([len(usable[int(h)]) for h in hs], dtype=float)
    b = float(np.polyfit(np.log(hs), np.log(m_h), 1, w=np.sqrt(weights))[0]) if len(hs) >= 2 else 0.5
    b = float(np.clip(b, *B_RANGE))
    # refit the level with the slope fixed (after clipping) so the law stays centred on the data
    log_a = float(np.average(np.log(m_h) - b * np.log(hs), weights=weights))
    empirical = [
        {
            "h": int(h),
            "n": len(by_h[h]),
            "median_abs": _r(np.median(by_h[h])),
            "q80_abs": _r(np.quantile(by_h[h], 0.8)),
            "q95_abs": _r(np.quantile(by_h[h], 0.95)),
        }
        for h in sorted(by_h)
    ]
    return {
        "scale_a": _r(math.exp(log_a)),
        "scale_b": _r(b),
        "tail_p": list(TAIL_P),
        "tail_q": [_r(q) for q in tail_q],
        "h_supported": int(max(usable)),
        "n_errors": int(sum(len(a) for a in by_h.values())),
        "empirical": empirical,
    }


def _r(x: float) -> float:
    """Round to 6 significant digits so the JSON is stable across platforms."""
    return float(f"{float(x):.6g}")


def fit_from_errors(errors: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Entries (key → constants) from a rolling-error table."""
    return {str(key): fit_entry(group) for key, group in errors.groupby("key", sort=True)}


def fit_calibration(
    panel_frames: Sequence[PanelSeries] | None = None,
    *,
    errors: pd.DataFrame | None = None,
    source: str | Path | None = None,
) -> dict[str, Any]:
    """The calibration dict for calibration.json, fitted on ``panel_frames`` (default: the shipped panel)."""
    source_path = Path(source) if source is not None else panel_path()
    panel = list(panel_frames) if panel_frames is not None else load_panel(source_path)
    if errors is None:
        errors = rolling_errors(panel, with_baseline=False)
    try:
        shown = source_path.resolve().relative_to(project_root()).as_posix()
    except ValueError:
        shown = source_path.name
    return {
        "procedure_version": PROCEDURE_VERSION,
        "inputs": {
            "panel": shown,
            "sha256": _sha256(source_path) if source_path.exists() else None,
            "variables": VARIABLES,
            "n_series": len(panel),
        },
        "procedure": {
            "errors": "rolling-origin, transformed scale (logit for shares, log for amounts), divided by the "
            "training window's mean absolute yearly change (floored at scale_floor)",
            "model_rung": "expanding windows of 6..12 points from the first year; keys model/<method>",
            "short_rung": "every window of n = 2..5 consecutive points; keys short<n>/<method>",
            "marginal": "e_h = m(h) * U, U symmetric with |U| quantiles tail_q at probabilities tail_p "
            "(empirical |e_h|/median|e_h| pooled over horizons; bounded by the largest seen)",
            "growth_law": "m(h) = scale_a * h**scale_b (median |e_h|), weighted least squares on log-log, "
            f"horizons with >= {MIN_ERRORS_PER_H} errors; used (extrapolated) at every horizon",
            "paths": "Gaussian copula with random-walk correlation sqrt(min(h,k)/max(h,k)), antithetic draws",
            "scale_floor": SCALE_FLOOR,
        },
        "entries": fit_from_errors(errors),
    }


# ----------------------------------------------------------------------------------------------- evaluation


def _fold_of(groups: Sequence[str], folds: int) -> dict[str, int]:
    return {g: i % folds for i, g in enumerate(sorted(set(groups)))}


def cross_validated_coverage(
    errors: pd.DataFrame | None = None,
    *,
    folds: int = 5,
    keys: Sequence[str] | None = None,
    panel: Sequence[PanelSeries] | None = None,
) -> pd.DataFrame:
    """Leave-provinces-out coverage of the 50/80/95% intervals by key and horizon.

    Provinces (groups) are split into ``folds`` folds; the calibration is fitted on the other folds'
    errors and evaluated on the held-out provinces. ``errors`` is a :func:`rolling_errors` table with the
    baseline columns (computed from ``panel`` or the shipped panel if not given). Returns columns key, h,
    level, n, calibrated (coverage of the calibrated interval) and model (coverage of the uncalibrated
    model interval; NaN where the model gives none).
    """
    if errors is None:
        errors = rolling_errors(panel if panel is not None else load_panel())
    if keys is not None:
        errors = errors[errors["key"].isin(keys)]
    fold = errors["group"].map(_fold_of(errors["group"].tolist(), folds))
    pieces = []
    for k in range(folds):
        train, test = errors[fold != k], errors[fold == k]
        if test.empty:
            continue
        entries = fit_from_errors(train)
        test = test[test["key"].isin(entries)].copy()
        for level in LEVELS:
            col = f"cal_hw{round(level * 100)}"
            hw = np.empty(len(test))
            for key, idx in test.groupby("key").groups.items():
                entry = entries[key]
                h = test.loc[idx, "h"].to_numpy(dtype=float)
                m_h = entry["scale_a"] * h ** entry["scale_b"]
                hw[test.index.get_indexer(idx)] = m_h * np.interp(level, entry["tail_p"], entry["tail_q"])
            test[col] = hw * test["scale"].to_numpy()
        pieces.append(test)
    scored = pd.concat(pieces)
    rows = []
    for (key, h), g in scored.groupby(["key", "h"], sort=True):
        abs_err = g["error"].abs().to_numpy()
        for level in LEVELS:
            tag = round(level * 100)
            model_hw = g.get(f"model_hw{tag}")
            model_cov = np.nan
            if model_hw is not None:
                ok = np.isfinite(model_hw.to_numpy())
                if ok.any():
                    model_cov = float((abs_err[ok] <= model_hw.to_numpy()[ok]).mean())
            rows.append(
                {
                    "key": key,
                    "h": int(h),
                    "level": level,
                    "n": len(g),
                    "calibrated": float((abs_err <= g[f"cal_hw{tag}"].to_numpy()).mean()),
                    "model": model_cov,
                }
            )
    return pd.DataFrame(rows)


def coverage_summary(coverage: pd.DataFrame) -> pd.DataFrame:
    """Coverage pooled over horizons (weighted by n) per key and level."""

    def pooled(g: pd.DataFrame) -> pd.Series:
        w = g["n"].to_numpy(dtype=float)
        model = g["model"].to_numpy()
        ok = np.isfinite(model)
        return pd.Series(
            {
                "n": int(w.sum()),
                "calibrated": float(np.average(g["calibrated"], weights=w)),
                "model": float(np.average(model[ok], weights=w[ok])) if ok.any() else np.nan,
            }
        )

    return coverage.groupby(["key", "level"]).apply(pooled, include_groups=False).reset_index()


# ----------------------------------------------------------------------------------------------- script


def write_calibration(calibration: dict[str, Any], path: str | Path = CALIBRATION_PATH) -> Path:
    """Write the calibration JSON (sorted keys, fixed indentation: byte-identical for identical input)."""
    target = Path(path)
    target.write_text(json.dumps(calibration, indent=1, sort_keys=True, ensure_ascii=False) + "\n", "utf-8")
    return target


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m hzanalysis.calibration``: refit calibration.json from the panel; print CV coverage."""
    description = (__doc__ or "").split("\n")[0]
    parser = argparse.ArgumentParser(prog="python -m hzanalysis.calibration", description=description)
    parser.add_argument("--panel", type=Path, default=None, help="reference panel CSV (default: shipped)")
    parser.add_argument("--out", type=Path, default=CALIBRATION_PATH, help="where to write the JSON")
    parser.add_argument("--no-cv", action="store_true", help="skip the leave-provinces-out coverage table")
    args = parser.parse_args(argv)
    source = args.panel or panel_path()
    panel = load_panel(source)
    errors = rolling_errors(panel, with_baseline=not args.no_cv)
    calibration = fit_calibration(panel, errors=errors, source=source)
    written = write_calibration(calibration, args.out)
    print(
        f"wrote {written} ({len(calibration['entries'])} entries, {len(errors)} errors, "
        f"sha256 {calibration['inputs']['sha256'][:12]})"
    )
    if not args.no_cv:
        coverage = cross_validated_coverage(errors)
        wide = coverage.pivot_table(index=["key", "h"], columns="level", values=["calibrated", "model"])
        with pd.option_context("display.max_rows", 500, "display.width", 160):
            print(wide.round(3).to_string())
            print(coverage_summary(coverage).round(3).to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
