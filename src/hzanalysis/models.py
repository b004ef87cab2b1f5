"""Point models on the transformed (modelling) scale: one adapter per model, one output shape, guarded fits.

Every adapter takes ``z``, the transformed history on the full yearly grid (NaN for gaps, last element
observed), and the horizon, and returns the point forecast for h = 1..horizon on the same scale
(:data:`ADAPTERS`). :func:`point_forecast` runs one of :data:`MODELS` (``combo`` averages
:data:`COMBO_MEMBERS`) behind :func:`guarded_point`, which falls back to drift, then naive, when a fit raises,
returns non-finite values or leaves a plausible range, and records why instead of printing.

What a forecast does with the point (the spread, the paths, the domains, the calibration) is the forecast
contract, in :mod:`hzanalysis.forecast`; this module knows nothing of it, so the build-time fitting
(:mod:`hzanalysis.derive.calibration`) and the benchmarks run the same models on their own.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np
import pandas as pd

from .errors import ForecastError
from .labels import Message
from .transforms import from_transformed, to_transformed

MODELS = ("naive", "drift", "linear", "damped", "theta", "combo", "median_trend")
COMBO_MEMBERS = ("drift", "damped", "theta")
#: Partial pooling of a short history's growth toward its reference class: the observed yearly growth gets
#: weight span / (span + POOLING_YEARS), the class's median yearly growth the rest. Chosen by the
#: leave-one-panel-out validation (benchmarks/README.md): on every provincial panel, pooled two- and
#: three-point forecasts have a lower Brier score than unpooled drift (3 and 10 scored alike; 5 between).
POOLING_YEARS = 5.0
#: A transformed forecast further than this many historical ranges from the last value is implausible.
PLAUSIBLE_RANGES = 4.0
#: Smallest historical range the plausibility guard assumes, relative to the mean magnitude (at least 1):
#: a flat history still allows a move. The same 1% as the forecast's scale floor
#: (:data:`hzanalysis.forecast.SCALE_FLOOR`), kept here so the models need nothing of the forecast.
RANGE_FLOOR = 0.01

Adapter = Callable[[np.ndarray, int], np.ndarray]


# ----------------------------------------------------------------------------------------------- adapters


def _observed(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    idx = np.flatnonzero(np.isfinite(z))
    return idx.astype(float), z[idx]


def naive_adapter(z: np.ndarray, horizon: int) -> np.ndarray:
    """Last value carried forward."""
    return np.full(horizon, z[np.flatnonzero(np.isfinite(z))[-1]])


def drift_adapter(z: np.ndarray, horizon: int) -> np.ndarray:
    """Random walk with drift: the average yearly change from first to last observation (gaps included)."""
    idx, vals = _observed(z)
    slope = (vals[-1] - vals[0]) / (idx[-1] - idx[0]) if len(idx) >= 2 else 0.0
    return vals[-1] + slope * np.arange(1, horizon + 1)


def linear_adapter(z: np.ndarray, horizon: int) -> np.ndarray:
    """Least-squares straight line through the observed points (undamped; weakest at long horizons)."""
    idx, vals = _observed(z)
    if len(idx) < 2:
        return naive_adapter(z, horizon)
    slope, intercept = np.polyfit(idx, vals, 1)
    future = len(z) - 1 + np.arange(1, horizon + 1)
    return intercept + slope * future


def _filled_centered(z: np.ndarray) -> tuple[pd.Series, float]:
    """Gaps filled by straight lines (for fitting only, never shown), centred on the last value.

    Centring makes the fits shift-equivariant (a count rescaled by c gives the same input) and keeps
    the optimiser's numbers small. A yearly PeriodIndex keeps statsmodels from guessing a frequency.
    """
    grid = np.arange(len(z), dtype=float)
    ok = np.isfinite(z)
    filled = np.interp(grid, grid[ok], z[ok])
    last = float(z[np.flatnonzero(ok)[-1]])
    index = pd.period_range("2000", periods=len(z), freq="Y")
    return pd.Series(filled - last, index=index), last


def damped_adapter(z: np.ndarray, horizon: int) -> np.ndarray:
    """Damped additive-trend exponential smoothing (statsmodels ETSModel, parameters by ML)."""
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    y, last = _filled_centered(z)
    result = ETSModel(y, error="add", trend="add", damped_trend=True).fit(disp=False)
    return np.asarray(result.forecast(horizon), dtype=float) + last


def theta_adapter(z: np.ndarray, horizon: int) -> np.ndarray:
    """The Theta method (statsmodels ThetaModel, no seasonality on annual data)."""
    from statsmodels.tsa.forecasting.theta import ThetaModel

    y, last = _filled_centered(z)
    result = ThetaModel(y, period=1, deseasonalize=False).fit()
    return np.asarray(result.forecast(horizon), dtype=float) + last


#: Grid of the optimised Theta line: smoothing constants and trend weights searched (a grid: exact,
#: reproducible, no optimiser to fail), and the years ahead its fit is judged on.
THETA_LINE_ALPHAS = np.linspace(0.05, 1.0, 20)
THETA_LINE_WEIGHTS = np.linspace(0.0, 1.5, 16)
THETA_LINE_FIT_YEARS = 4


def expanding_slopes(values: np.ndarray) -> np.ndarray:
    """OLS slope of ``values[: i + 1]`` on its position, for every i (0 where one point gives none)."""
    position = np.arange(len(values), dtype=float)
    count = position + 1.0
    sum_x, sum_y = np.cumsum(position), np.cumsum(values)
    sum_xx, sum_xy = np.cumsum(position * position), np.cumsum(position * values)
    spread = sum_xx - sum_x * sum_x / count
    with np.errstate(invalid="ignore", divide="ignore"):
        slopes = (sum_xy - sum_x * sum_y / count) / spread
    slopes[0] = 0.0
    return slopes


def optimised_theta_line(values: np.ndarray, horizon: int) -> np.ndarray:
    """Theta forecast with its smoothing constant and trend weight fitted to the history (no gaps).

    Forecast ``level_n + w * b_n * (h - 1 + (1 - (1 - a)**n) / a)``: ``level`` is simple exponential
    smoothing with constant ``a``, ``b_n`` the least-squares slope of the whole history. ``w = 1/2`` is the
    classical Theta method (SES with drift, Hyndman & Billah 2003); ``w = 1 - 1/theta`` in general. ``a``
    and ``w`` minimise the squared errors of the same formula's 1- to 4-year-ahead forecasts from every
    earlier origin (level and slope as known then): the fit is judged on what the forecast is used for,
    several years ahead, as the dynamic optimised Theta of Fiorucci et al. (2016) optimises theta. A fixed
    fitting horizon keeps the first years of a longer forecast identical to a shorter one.
    """
    y = np.asarray(values, dtype=float)
    n = len(y)
    alphas = THETA_LINE_ALPHAS
    slopes = expanding_slopes(y)
    level = np.empty((len(alphas), n))
    level[:, 0] = y[0]
    for i in range(1, n):
        level[:, i] = alphas * y[i] + (1.0 - alphas) * level[:, i - 1]
    loss = np.zeros((len(alphas), len(THETA_LINE_WEIGHTS)))
    for ahead in range(1, THETA_LINE_FIT_YEARS + 1):
        origins = np.arange(1, n - ahead)
        if len(origins) == 0:
            break
        reach = (ahead - 1) + (1.0 - (1.0 - alphas[:, None]) ** (origins + 1)) / alphas[:, None]
        trend = slopes[origins] * reach
        predicted = level[:, origins][:, None, :] + THETA_LINE_WEIGHTS[None, :, None] * trend[:, None, :]
        loss += ((y[origins + ahead] - predicted) ** 2).sum(axis=-1)
    best_alpha, best_weight = np.unravel_index(np.argmin(loss), loss.shape)
    a, w = alphas[best_alpha], THETA_LINE_WEIGHTS[best_weight]
    steps = np.arange(1, horizon + 1)
    return level[best_alpha, -1] + w * slopes[-1] * (steps - 1 + (1.0 - (1.0 - a) ** n) / a)


def _to_transformed_unbounded(values: np.ndarray, domain: str) -> np.ndarray:
    """Like :func:`to_transformed`, but a value below (above) the domain maps to -inf (+inf), not NaN."""
    values = np.asarray(values, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = to_transformed(values, domain)
    low = values <= 0.0 if domain != "level" else np.zeros(values.shape, bool)
    high = values >= 100.0 if domain == "share" else np.zeros(values.shape, bool)
    return np.where(low, -np.inf, np.where(high, np.inf, out))


def median_trend_adapter(z: np.ndarray, horizon: int, domain: str = "level") -> np.ndarray:
    """Median of three trends: drift and the optimised Theta line on the ORIGINAL scale, drift on ``z``.

    On log (logit) scales drift compounds growth; on the original scale drift and the Theta line extend it
    in a straight line. The median keeps the middle one each year, so neither a runaway exponential nor a
    straight line that misses steady growth decides alone. A median commutes with the (monotone)
    transform, so it is taken on the modelling scale; a member that leaves the domain counts as -inf/+inf.
    On ``level`` the two drifts coincide and the median is drift. Gaps are filled by straight lines for
    the Theta fit only.
    """
    original = from_transformed(z, domain)
    filled, last = _filled_centered(original)
    members = np.vstack(
        [
            drift_adapter(z, horizon),
            _to_transformed_unbounded(drift_adapter(original, horizon), domain),
            _to_transformed_unbounded(optimised_theta_line(filled.to_numpy() + last, horizon), domain),
        ]
    )
    return np.median(members, axis=0)


def pooled_point(z: np.ndarray, horizon: int, class_growth: float, domain: str = "share") -> np.ndarray:
    """Drift whose yearly growth is pulled toward the reference class's median yearly growth.

    weight of the observed growth = span / (span + :data:`POOLING_YEARS`), span = years from the first to
    the last observation: two points a year apart keep 1/6 of their own growth, seven years apart 7/12.
    Growth is pooled on the classes' growth scale: the modelling scale for shares, counts and amounts, the
    log of a (positive) ``level``, whose pooled path is then returned on the level scale.
    """
    idx, vals = _observed(z)
    if domain == "level":
        vals = np.log(vals)
    span = float(idx[-1] - idx[0])
    slope = (vals[-1] - vals[0]) / span
    weight = span / (span + POOLING_YEARS)
    point = vals[-1] + (weight * slope + (1.0 - weight) * class_growth) * np.arange(1, horizon + 1)
    return np.exp(point) if domain == "level" else point


ADAPTERS: dict[str, Adapter] = {
    "naive": naive_adapter,
    "drift": drift_adapter,
    "linear": linear_adapter,
    "damped": damped_adapter,
    "theta": theta_adapter,
    "median_trend": median_trend_adapter,
}
#: Adapters that also fit on the original scale, so they are told the domain.
DOMAIN_ADAPTERS = ("median_trend",)


#: The warnings that say a model was replaced by another: its fit failed, ran away, met a constant history, or
#: the history was too short for it. Benchmarks count fallbacks by these codes, never by the words.
FALLBACK_CODES: frozenset[str] = frozenset(
    {
        "warning.constant_history",
        "warning.implausible",
        "warning.non_finite",
        "warning.raised",
        "warning.needs_more_points",
    }
)


def _implausible_reason(z: np.ndarray, point: np.ndarray) -> Message | None:
    """Why a transformed point forecast is not usable (a warning code and its numbers), or None if it is."""
    if point.shape != (point.shape[0],) or not np.all(np.isfinite(point)):
        return Message("warning.non_finite")
    _, vals = _observed(z)
    spread = float(vals.max() - vals.min())
    allowed = PLAUSIBLE_RANGES * max(spread, RANGE_FLOOR * max(1.0, float(np.abs(vals).mean())))
    gap = float(np.max(np.abs(point - vals[-1])))
    if gap > allowed:
        return Message(
            "warning.implausible",
            {"gap": f"{gap:.3g}", "times": f"{PLAUSIBLE_RANGES:g}", "spread": f"{spread:.3g}"},
        )
    return None


def _is_flat(z: np.ndarray) -> bool:
    _, vals = _observed(z)
    return float(vals.max() - vals.min()) <= 1e-12 * max(1.0, float(np.abs(vals).max()))


def guarded_point(
    z: np.ndarray, horizon: int, method: str, notes: list[Message], *, domain: str = "level"
) -> tuple[np.ndarray, str]:
    """Point forecast of one basic method with the fallback chain method → drift → naive.

    Fit warnings are captured per fit and appended (deduplicated) to ``notes``; nothing is printed.
    Returns the point forecast and the method actually used.
    """
    chain = ["naive"] if method == "naive" else list(dict.fromkeys([method, "drift", "naive"]))
    for position, name in enumerate(chain):
        if name in ("damped", "theta") and _is_flat(z):
            notes.append(
                Message("warning.constant_history", {"model": name, "fallback": chain[position + 1]})
            )
            continue
        with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn"):
            warnings.simplefilter("always")
            try:
                extra = {"domain": domain} if name in DOMAIN_ADAPTERS else {}
                point = np.asarray(ADAPTERS[name](z, horizon, **extra), dtype=float)
                reason = _implausible_reason(z, point)
            except Exception as error:  # any fit failure falls back; the reason is recorded
                point, reason = None, Message("warning.raised", {"error": f"{type(error).__name__}: {error}"})
        messages = sorted({f"{w.category.__name__}: {w.message}" for w in caught})
        # the library's own text (English) inside a coded note
        notes.extend(Message("warning.fit_warning", {"model": name, "detail": m}) for m in messages)
        if reason is None and point is not None:
            return point, name
        following = chain[position + 1] if position + 1 < len(chain) else None
        if following is None:
            break
        assert reason is not None  # a fit that returned no point raised, and said why
        notes.append(Message(reason.code, {**reason.params, "model": name, "fallback": following}))
    # Naive cannot fail on a validated history; reaching here means a bug upstream.
    raise ForecastError(
        f"no model could forecast this history (tried {chain}); notes: {'; '.join(map(str, notes))}"
    )


def point_forecast(
    z: np.ndarray,
    horizon: int,
    model: str,
    notes: list[Message],
    cache: dict | None = None,
    *,
    domain: str = "level",
) -> tuple[np.ndarray, str, dict]:
    """Transformed point forecast of ``model`` (a basic model or ``combo``) with fallbacks.

    Returns (point, method used, members: name → transformed point of each combo member). ``cache``
    (a dict, optional) keeps basic fits for reuse on the same ``z`` and horizon (used by calibration).
    ``domain`` reaches the models of :data:`DOMAIN_ADAPTERS`, which also fit on the original scale.
    """

    def basic(name: str) -> tuple[np.ndarray, str]:
        if cache is not None and name in cache:
            point, used, local = cache[name]
        else:
            local = []
            point, used = guarded_point(z, horizon, name, local, domain=domain)
            if cache is not None:
                cache[name] = (point, used, local)
        notes.extend(local)
        return point, used

    if model != "combo":
        point, used = basic(model)
        return point, used, {used: point}
    members: dict[str, np.ndarray] = {}
    for name in COMBO_MEMBERS:
        point, used = basic(name)
        # a member that fell back to a model already in the combo adds nothing new
        members.setdefault(used, point)
    combined = np.mean(np.vstack(list(members.values())), axis=0)
    method = f"combo({','.join(members)})" if len(members) > 1 else next(iter(members))
    return combined, method, members
