"""The benchmark harness: metrics, splitters, baselines and runners (pure functions for benchmarks/*.py).

Not part of the installed package: the reliability page reads shipped results (hzanalysis.reliability).

What is measured, and the exact definitions used (so that figures can be put beside published ones):

- **sMAPE** (percent): ``200 |y - f| / (|y| + |f|)``, averaged over series and horizons.
- **MAPE** (percent): ``100 |y - f| / |y|``; only used for the hand check of the harness against the
  Tourism paper's naive figures.
- **MASE**: ``|y - f| / s`` with ``s`` the in-sample mean absolute first difference of the training history
  actually given to the model (after ``--last K`` truncation), averaged over series and horizons.
- **Coverage**: the share of actuals inside the central 80% / 95% interval, per horizon and pooled.
- **MSIS** (M4 definition, ``alpha = 0.05``): ``[(U - L) + (2/a)(L - y)1{y < L} + (2/a)(y - U)1{y > U}] / s``
  with the same scale ``s`` as MASE, averaged over series and horizons.
- **Brier score** ``mean((p - o)^2)`` and **log loss** ``-mean(o log p + (1-o) log(1-p))`` with ``p`` clipped
  to ``[1e-3, 1 - 1e-3]``; a **reliability table** of 10 equal-width bins.

Baselines are classical models with their own classical intervals on the original scale, computed in the
same run as the project's model so the comparison is like for like:

- ``naive``: last value; normal interval with ``sigma_h = sigma sqrt(h)``, ``sigma`` the root mean square of
  the one-step differences (no parameter estimated), as in Hyndman & Athanasopoulos, *fpp*, table 5.2;
- ``drift``: last value plus the mean difference; ``sigma_h = sigma sqrt(h (1 + h/T))``, ``sigma`` the
  standard deviation of the differences about their mean (ddof 1), ``T`` the number of observations;
- ``linear``: OLS straight line on the year; Student-t prediction interval with ``n - 2`` degrees of
  freedom (identical to statsmodels' ``obs_ci``).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from hzanalysis.errors import InputError, ParameterError, Problem
from hzanalysis.forecast import interval_columns
from hzanalysis.models import FALLBACK_CODES

#: Central interval levels evaluated everywhere.
LEVELS = (0.8, 0.95)
#: The M4 MSIS uses the 95% interval.
MSIS_ALPHA = 0.05
#: Probabilities are clipped to this before the log loss.
LOG_LOSS_CLIP = 1e-3
BASELINES = ("naive", "drift", "linear")
TIDY_COLUMNS = ("series_id", "year", "value", "split")


# ----------------------------------------------------------------------------------------------- metrics


def smape(actual: np.ndarray, forecast: np.ndarray) -> np.ndarray:
    """Symmetric MAPE in percent, elementwise: 200 |y - f| / (|y| + |f|) (0 where both are 0)."""
    actual, forecast = np.asarray(actual, float), np.asarray(forecast, float)
    denom = np.abs(actual) + np.abs(forecast)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = 200.0 * np.abs(actual - forecast) / denom
    return np.where(denom == 0, 0.0, out)


def mape(actual: np.ndarray, forecast: np.ndarray) -> np.ndarray:
    """Absolute percentage error in percent, elementwise: 100 |y - f| / |y|."""
    actual, forecast = np.asarray(actual, float), np.asarray(forecast, float)
    return 100.0 * np.abs(actual - forecast) / np.abs(actual)


def mase_scale(train: Sequence[float] | np.ndarray) -> float:
    """In-sample mean absolute first difference of the (gap-free) training values; NaN if undefined or 0."""
    values = np.asarray(train, float)
    values = values[np.isfinite(values)]
    if len(values) < 2:
        return math.nan
    scale = float(np.mean(np.abs(np.diff(values))))
    return scale if scale > 0 else math.nan


def scaled_error(actual: np.ndarray, forecast: np.ndarray, scale: float) -> np.ndarray:
    """|y - f| / scale, elementwise (the MASE terms)."""
    return np.abs(np.asarray(actual, float) - np.asarray(forecast, float)) / scale


def interval_score(
    actual: np.ndarray, lower: np.ndarray, upper: np.ndarray, alpha: float = MSIS_ALPHA
) -> np.ndarray:
    """Unscaled interval score, elementwise: (U - L) + (2/a)(L - y)1{y < L} + (2/a)(y - U)1{y > U}."""
    y, lo, hi = (np.asarray(v, float) for v in (actual, lower, upper))
    below = (2.0 / alpha) * (lo - y) * (y < lo)
    above = (2.0 / alpha) * (y - hi) * (y > hi)
    return (hi - lo) + below + above


def msis(
    actual: np.ndarray, lower: np.ndarray, upper: np.ndarray, scale: float, alpha: float = MSIS_ALPHA
) -> float:
    """M4 mean scaled interval score of one series: mean over horizons of the interval score / scale."""
    return float(np.mean(interval_score(actual, lower, upper, alpha)) / scale)


def covered(actual: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
    """Whether each actual lies inside its closed interval [lower, upper]."""
    y = np.asarray(actual, float)
    return (np.asarray(lower, float) <= y) & (y <= np.asarray(upper, float))


def brier_score(prob: np.ndarray, outcome: np.ndarray) -> float:
    """Mean squared difference between the probability and the 0/1 outcome."""
    p, o = np.asarray(prob, float), np.asarray(outcome, float)
    return float(np.mean((p - o) ** 2))


def log_loss(prob: np.ndarray, outcome: np.ndarray, clip: float = LOG_LOSS_CLIP) -> float:
    """Mean negative log likelihood of the 0/1 outcomes, probabilities clipped to [clip, 1 - clip]."""
    p = np.clip(np.asarray(prob, float), clip, 1.0 - clip)
    o = np.asarray(outcome, float)
    return float(-np.mean(o * np.log(p) + (1.0 - o) * np.log(1.0 - p)))


def reliability_table(prob: np.ndarray, outcome: np.ndarray, bins: int = 10) -> pd.DataFrame:
    """Equal-width bins on [0, 1] (last bin closed): bounds, mean predicted, observed frequency, count.

    Empty bins are kept with count 0 and NaN means, so tables of different methods line up.
    """
    p, o = np.asarray(prob, float), np.asarray(outcome, float)
    which = np.minimum((p * bins).astype(int), bins - 1)
    rows = []
    for b in range(bins):
        mask = which == b
        n = int(mask.sum())
        rows.append(
            {
                "bin_lower": b / bins,
                "bin_upper": (b + 1) / bins,
                "mean_predicted": float(p[mask].mean()) if n else math.nan,
                "observed_frequency": float(o[mask].mean()) if n else math.nan,
                "count": n,
            }
        )
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------------------------- data


def read_tidy(path: str | Path) -> pd.DataFrame:
    """Read a tidy CSV of annual series (``series_id, year, value, split`` with split train|test).

    Raises :class:`InputError` naming the file, line and column of every problem found.
    """
    path = Path(path)
    frame = pd.read_csv(path, dtype={"series_id": str})
    problems = [
        Problem(
            str(path),
            "line 1",
            col,
            "a column named " + col,
            "no such column",
            f"add the column {col!r} (tidy format: {', '.join(TIDY_COLUMNS)})",
        )
        for col in TIDY_COLUMNS
        if col not in frame.columns
    ]
    if problems:
        raise InputError(problems)
    years = pd.to_numeric(frame["year"], errors="coerce")
    values = pd.to_numeric(frame["value"], errors="coerce")
    for i in frame.index:
        line = f"line {i + 2}"
        if not (math.isfinite(years[i]) and years[i] == round(years[i])):
            problems.append(
                Problem(
                    str(path),
                    line,
                    "year",
                    "a whole year",
                    repr(frame.at[i, "year"]),
                    "write the year as an integer such as 2019",
                )
            )
        if not math.isfinite(values[i]):
            problems.append(
                Problem(
                    str(path),
                    line,
                    "value",
                    "a number",
                    repr(frame.at[i, "value"]),
                    "give the observed value or drop the row",
                )
            )
        if frame.at[i, "split"] not in ("train", "test"):
            problems.append(
                Problem(
                    str(path),
                    line,
                    "split",
                    "train or test",
                    repr(frame.at[i, "split"]),
                    "mark the row as train (history) or test (to be forecast)",
                )
            )
    if problems:
        raise InputError(problems[:50])
    out = pd.DataFrame(
        {
            "series_id": frame["series_id"].astype(str),
            "year": years.astype(int),
            "value": values.astype(float),
            "split": frame["split"],
        }
    )
    return out.sort_values(["series_id", "year"], kind="stable").reset_index(drop=True)


def truncate_last(train: pd.Series, last: int | None) -> pd.Series:
    """The last ``last`` observations of a history (all of it when ``last`` is None or longer)."""
    if last is None:
        return train
    if last < 2:
        raise ParameterError(f"--last must be at least 2 (a forecast needs two points); found {last}")
    return train.iloc[-last:]


def split_tidy(frame: pd.DataFrame, last: int | None = None) -> list[tuple[str, pd.Series, pd.Series]]:
    """(series_id, train, test) per series; each a Series of values indexed by integer year."""
    out = []
    for sid, group in frame.groupby("series_id", sort=True):
        series = group.set_index("year")["value"]
        train = series[group["split"].to_numpy() == "train"]
        test = series[group["split"].to_numpy() == "test"]
        out.append((str(sid), truncate_last(train, last), test))
    return out


# ----------------------------------------------------------------------------------------------- baselines


def baseline_forecast(
    train: pd.Series, horizon: int, method: str, levels: Sequence[float] = LEVELS
) -> dict[str, np.ndarray]:
    """Point forecast and classical central intervals of a baseline (see the module docstring).

    Returns ``{"point": (h,), "lower_80": (h,), "upper_80": (h,), ...}`` on the original scale.
    """
    y = np.asarray(train, float)
    n = len(y)
    h = np.arange(1, horizon + 1, dtype=float)
    if method == "naive":
        point = np.full(horizon, y[-1])
        sigma = math.sqrt(np.mean(np.diff(y) ** 2))
        se, dist = sigma * np.sqrt(h), stats.norm
    elif method == "drift":
        diffs = np.diff(y)
        slope = diffs.mean()
        point = y[-1] + slope * h
        sigma = float(np.std(diffs, ddof=1)) if len(diffs) > 1 else 0.0
        se, dist = sigma * np.sqrt(h * (1.0 + h / n)), stats.norm
    elif method == "linear":
        x = np.arange(n, dtype=float)
        slope, intercept = np.polyfit(x, y, 1)
        resid = y - (intercept + slope * x)
        dof = n - 2
        s = math.sqrt(float(resid @ resid) / dof) if dof > 0 else 0.0
        x0 = n - 1 + h
        sxx = float(((x - x.mean()) ** 2).sum())
        point = intercept + slope * x0
        se = s * np.sqrt(1.0 + 1.0 / n + (x0 - x.mean()) ** 2 / sxx)
        dist = stats.t(dof) if dof > 0 else stats.norm
    else:
        raise ParameterError(f"baseline must be one of {BASELINES}; found {method!r}")
    out = {"point": point}
    for level in levels:
        z = dist.ppf(0.5 + level / 2)
        lower, upper = interval_columns(level)
        out[lower], out[upper] = point - z * se, point + z * se
    return out


def model_forecast(
    train: pd.Series,
    horizon: int,
    model: str,
    *,
    domain: str,
    n_paths: int = 2000,
    seed: int = 0,
    calibration: dict[str, Any] | None = None,
    levels: Sequence[float] = LEVELS,
) -> dict[str, Any]:
    """The project's forecast (``hzanalysis.forecast``) in the same shape as :func:`baseline_forecast`.

    The point is the back-transformed transformed-scale point (the paths' median); intervals are path
    quantiles. Also returns ``method`` (what was actually used) and ``fallbacks`` (warnings that name one,
    ``models.FALLBACK_CODES``).
    """
    from hzanalysis.forecast import forecast

    fc = forecast(
        train, horizon, domain=domain, n_paths=n_paths, seed=seed, model=model, calibration=calibration
    )
    point = fc.point if getattr(fc, "point", None) is not None else fc.quantile(0.5)
    out: dict[str, Any] = {
        "point": np.asarray(point, float),
        "method": fc.method,
        "fallbacks": sum(w.code in FALLBACK_CODES for w in fc.warnings),
    }
    for level in levels:
        lo, hi = fc.quantile([(1 - level) / 2, (1 + level) / 2])
        lower, upper = interval_columns(level)
        out[lower], out[upper] = lo, hi
    return out


# ----------------------------------------------------------------------------------------------- runners


def evaluate_one(
    series_id: str,
    train: pd.Series,
    test: pd.Series,
    methods: Iterable[str],
    *,
    domain: str,
    n_paths: int = 2000,
    seed: int = 0,
    origin: int | None = None,
    calibration: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Long rows (one per method and horizon) of point, intervals, actual and MASE scale for one series.

    ``methods``: ``baseline:<naive|drift|linear>`` or ``model:<auto|naive|drift|...>``. ``test`` is indexed by
    year; horizons are counted from the last training year, so a gap in ``test`` keeps the right labels.
    """
    last_year = int(train.index[-1])
    horizons = test.index.to_numpy().astype(int) - last_year
    horizon = int(horizons.max())
    scale = mase_scale(train.to_numpy())
    rows = []
    for name in methods:
        kind, _, model = name.partition(":")
        started = time.perf_counter()
        if kind == "baseline":
            result: dict[str, Any] = baseline_forecast(train, horizon, model)
            result.update(method=model, fallbacks=0)
        elif kind == "model":
            result = model_forecast(
                train, horizon, model, domain=domain, n_paths=n_paths, seed=seed, calibration=calibration
            )
        else:
            raise ParameterError(f"method must look like baseline:naive or model:auto; found {name!r}")
        seconds = time.perf_counter() - started
        for h, actual in zip(horizons, test.to_numpy(), strict=True):
            i = h - 1
            rows.append(
                {
                    "series_id": series_id,
                    "origin": last_year if origin is None else origin,
                    "method": name,
                    "used": result["method"],
                    "fallbacks": result["fallbacks"],
                    "h": int(h),
                    "actual": float(actual),
                    "point": float(result["point"][i]),
                    "scale": scale,
                    "n_train": len(train),
                    "seconds": seconds,
                    **{key: float(result[key][i]) for key in result if key.startswith(("lower_", "upper_"))},
                }
            )
    return rows


def add_errors(rows: pd.DataFrame) -> pd.DataFrame:
    """Add per-row sMAPE, APE, scaled error, coverage flags and scaled interval score columns."""
    out = rows.copy()
    out["smape"] = smape(out["actual"], out["point"])
    out["ape"] = mape(out["actual"], out["point"])
    out["ase"] = scaled_error(out["actual"], out["point"], 1.0) / out["scale"]
    for level in LEVELS:
        lower, upper = interval_columns(level)
        out[f"cover_{round(level * 100)}"] = covered(out["actual"], out[lower], out[upper])
    lower, upper = interval_columns(1 - MSIS_ALPHA)
    out["sis"] = interval_score(out["actual"], out[lower], out[upper], MSIS_ALPHA) / out["scale"]
    return out


def summarise(rows: pd.DataFrame) -> pd.DataFrame:
    """Pooled figures per method: sMAPE, MASE, MSIS, coverage 80/95, worst-horizon coverage, n.

    MASE and MSIS are averaged over series whose scale is defined (a constant history has none).
    """
    scored = add_errors(rows)
    ok = scored[np.isfinite(scored["scale"])]
    by_h = scored.groupby(["method", "h"])[["cover_80", "cover_95"]].mean()
    pooled = scored.groupby("method").agg(
        smape=("smape", "mean"),
        cover_80=("cover_80", "mean"),
        cover_95=("cover_95", "mean"),
        n_forecasts=("h", "size"),
        n_series=("series_id", "nunique"),
        fallbacks=("fallbacks", "sum"),
    )
    pooled["mase"] = ok.groupby("method")["ase"].mean()
    pooled["msis"] = ok.groupby("method")["sis"].mean()
    pooled["min_h_cover_80"] = by_h["cover_80"].groupby("method").min()
    pooled["min_h_cover_95"] = by_h["cover_95"].groupby("method").min()
    cols = [
        "smape",
        "mase",
        "msis",
        "cover_80",
        "cover_95",
        "min_h_cover_80",
        "min_h_cover_95",
        "n_series",
        "n_forecasts",
        "fallbacks",
    ]
    return pooled[cols].sort_values("mase")


def by_horizon(rows: pd.DataFrame) -> pd.DataFrame:
    """Per method and horizon: sMAPE, MAPE, MASE, MSIS, coverage 80/95, n."""
    scored = add_errors(rows)
    ok = scored[np.isfinite(scored["scale"])]
    table = scored.groupby(["method", "h"]).agg(
        smape=("smape", "mean"),
        mape=("ape", "mean"),
        cover_80=("cover_80", "mean"),
        cover_95=("cover_95", "mean"),
        n=("h", "size"),
    )
    table["mase"] = ok.groupby(["method", "h"])["ase"].mean()
    table["msis"] = ok.groupby(["method", "h"])["sis"].mean()
    return table[["smape", "mape", "mase", "msis", "cover_80", "cover_95", "n"]]


# ----------------------------------------------------------------------------------------------- speed


def median_seconds(call: Callable[[], object], repeats: int = 15, warmup: int = 2) -> float:
    """Median wall time of ``call()`` over ``repeats`` runs after ``warmup`` unmeasured runs."""
    for _ in range(warmup):
        call()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return float(np.median(times))


def markdown_table(frame: pd.DataFrame, floatfmt: str = ".3f") -> str:
    """A GitHub markdown table of a frame (index included), without needing the ``tabulate`` package."""
    frame = frame.reset_index()
    header = "| " + " | ".join(str(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    lines = [header, rule]
    for _, row in frame.iterrows():
        cells = [format(v, floatfmt) if isinstance(v, float | np.floating) else str(v) for v in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
