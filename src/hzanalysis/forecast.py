"""Forecast distributions as simulated paths, with empirically calibrated spread.

``forecast(history, horizon, ...)`` returns a :class:`Forecast` holding ``n_paths`` joint paths over the
``horizon`` years after the last observation, on the original scale, so that every target kind (level,
annual floor, cumulative, rank) is answered from the same paths.

How a forecast is made:

1. The history is reindexed onto the full yearly grid (gaps stay NaN and are handled by each model, never
   silently shifted) and transformed by its domain: ``level`` identity, ``share`` logit(y/100),
   ``count``/``amount`` log.
2. A point model (:mod:`hzanalysis.models`) gives the transformed point forecast for h = 1..H. Every model
   sits behind one adapter with one output shape; the default per domain is :data:`AUTO_MODEL`, chosen by the
   benchmarks (``median_trend`` for long counts and amounts, drift otherwise). Fits are guarded: a fit
   that raises, returns non-finite values or leaves a plausible range falls back to drift (then naive)
   and ``.warnings`` says why.
3. The spread is NOT the model's own interval (on annual data those cover far less than nominal). It comes
   from ``derived/calibration.json``, fitted by :mod:`hzanalysis.derive.calibration` (build time) on
   rolling-origin errors of the same method on six provincial panels of real annual series (log/logit
   and level families apart).
   Errors are standardised by the series' own scale ``s`` (mean absolute yearly change of the transformed
   observed values, floored and capped); the calibrated error at horizon h is ``s * m(h) * U``:
   ``m(h) = a * h**b`` is the median absolute standardised error, U a symmetric variable whose |U| follows
   the panels' empirical tail shape (a quantile table).
   With a ``reference`` class (:mod:`hzanalysis.reference`): one point gives the outside view (the class's
   growth over each horizon applied to it); 2-5 points pull the observed growth toward the class's median.
4. Paths are joint across horizons: a standard Gaussian random walk, rescaled to unit variance at each h,
   is mapped through the calibrated marginal of each horizon (a Gaussian copula with
   random-walk correlation ``sqrt(min(h,k)/max(h,k))``). Each year's marginal matches the calibration;
   a path that is high in 2024 tends to stay high in 2025, as real series do. Antithetic draws make the
   paths exactly symmetric around the point forecast on the transformed scale.
5. Paths are transformed back; shares stay strictly inside (0, 100) and counts/amounts stay positive.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import special

from . import catalogue
from .errors import ForecastError, ParameterError
from .fileio import derived_json
from .labels import Message
from .models import MODELS, POOLING_YEARS, point_forecast, pooled_point

# the modelling scale's formulas live with the growth scale's (one module, one set of clip limits)
from .transforms import from_growth_scale, from_transformed, to_growth_scale, to_transformed

#: What a figure is (the catalogue's column ``domain``, declared there once).
DOMAINS = catalogue.DOMAINS
#: The default (``model="auto"``) for 6+ points, by domain, chosen by the benchmarks (benchmarks/README.md,
#: "Peers"); 2-5 points always use drift. The rule, fixed before the figures: among :data:`MODELS`, the
#: lowest MASE pooled over every population of ``make bench-peers`` with 7+ consecutive years (5 Chinese
#: provincial panels, 2 US-state panels, Tourism, M1; each weighing the same) for counts and amounts; shares
#: keep drift unless that model also beats drift on the share panels. Pooled MASE: ``median_trend`` 3.452,
#: ``combo`` 3.454, drift (log scale) 3.602; ``auto`` 3.436 against the drift baseline 3.819 and
#: DynamicOptimizedTheta 4.033. Shares: on the provincial R&D-intensity panel drift 1.357, ``median_trend``
#: 1.499. ``median_trend`` (median of drift and an optimised Theta line on the original scale and drift on
#: the log scale) was first chosen on Tourism and M1; on the seven other panels ``auto`` scores 3.586
#: against the drift baseline 4.038 and DOTM 4.287, but log-scale drift does better there (3.297) and the
#: two US panels are a tie with the baseline (3.009 / 3.032, 2.546 / 2.541). Left out, Tourism, M1 and
#: US HERD each make the rule pick another model (combo, drift): no single default wins everywhere, so
#: ``model`` stays a parameter. Level (no such population): drift on the original scale.
AUTO_MODEL = {"share": "drift", "count": "median_trend", "amount": "median_trend", "level": "drift"}
#: Domains whose short forecasts are pooled toward a reference class (a level only when positive).
POOLED_DOMAINS = ("share", "count", "amount", "level")
#: Domains whose 1-5 point forecasts (``model="auto"``) come from :mod:`hzanalysis.persistence`: growth
#: scales (log, logit); a ``level`` may cross zero and keeps the calibrated drift.
PERSISTENCE_DOMAINS = ("share", "count", "amount")
#: Percentiles each year's paths are clipped to before :meth:`Forecast.mean` averages them.
MEAN_WINSOR = (0.05, 0.95)
#: Points needed for the model rung (damped ETS and Theta); fewer points use the short rung.
MODEL_RUNG_MIN_POINTS = 6
#: Models that need the model rung; on 2-5 points they fall back to drift (recorded in warnings).
MODEL_RUNG_ONLY = ("damped", "theta", "combo", "median_trend")
#: Floor of the per-series scale on the transformed scale (log/logit: 1% a year), so that a flat
#: history does not get a zero-width forecast. For ``level`` the floor is relative to the level.
SCALE_FLOOR = 0.01
#: Floor of the scale of a 2-5 point history (5% a year). Two nearly equal points say almost nothing about
#: volatility; with the 1% floor their standardised errors made the tail table very heavy. Leave-one-panel-
#: out: the Brier score of two- and three-point forecasts is lower with 5% than with 1% on all six provincial
#: panels and on Tourism and M1 (benchmarks/README.md).
SHORT_SCALE_FLOOR = 0.05
#: Cap of the per-series scale (0.5 a year on the log/logit scale, a factor 1.65; for ``level`` half the
#: mean magnitude). One jump between two points otherwise gave 95% intervals spanning e^27 on Tourism;
#: leave-one-panel-out coverage and Brier move by at most 0.03 with the cap (benchmarks/README.md).
SCALE_CAP = 0.5
#: How the per-series scale is measured (:func:`series_scale`); calibration.json says which one it used.
SCALE_RULES = ("mean_abs_change", "path_deviation")
#: Largest simulated error on the log/logit scale (a factor of e^100: never reached by a calibrated path).
MAX_LOG_ERROR = 100.0

CALIBRATION_PATH = Path(__file__).resolve().parent / "derived" / "calibration.json"


# ----------------------------------------------------------------------------------------------- result


@dataclass
class Forecast:
    """Simulated forecast paths on the original scale, with what was asked and what was done."""

    years: np.ndarray
    paths: np.ndarray
    history: pd.Series
    domain: str
    model: str
    method: str
    rung: str
    #: What the forecast did beside the plain method (fallbacks, pooling, gaps): codes with their numbers.
    warnings: list[Message] = field(default_factory=list)
    members: dict[str, np.ndarray] = field(default_factory=dict)
    point: np.ndarray | None = None
    reference: dict[str, Any] | None = None

    def mean(self) -> np.ndarray:
        """Winsorised mean of the paths for each forecast year (see :data:`MEAN_WINSOR`).

        The calibrated tails are bounded by the largest error the panels showed; exponentiated on the log
        scale, a few such paths would make a plain mean many times the median. Each year's paths are
        clipped to their own 5th-95th percentiles before averaging, which keeps the mean finite and near
        the bulk of the distribution without touching the quantiles.
        """
        low, high = np.quantile(self.paths, MEAN_WINSOR, axis=0)
        return np.clip(self.paths, low, high).mean(axis=0)

    def quantile(self, q: float | Sequence[float] | np.ndarray) -> np.ndarray:
        """Quantile(s) of the paths per year: shape (horizon,) for a scalar q, else (len(q), horizon)."""
        return np.quantile(self.paths, q, axis=0)

    def frame(self, levels: Sequence[float] = (0.5, 0.8, 0.95)) -> pd.DataFrame:
        """Median and central intervals per year (columns year, median, lower_<p>, upper_<p>)."""
        out = pd.DataFrame({"year": self.years, "median": self.quantile(0.5)})
        for p in levels:
            lower, upper = interval_columns(p)
            out[lower], out[upper] = self.quantile([(1 - p) / 2, (1 + p) / 2])
        return out


def interval_columns(level: float) -> tuple[str, str]:
    """Names of the columns of a central interval: ``lower_80``/``upper_80`` for level 0.8 (defined once)."""
    tag = round(level * 100)
    return f"lower_{tag}", f"upper_{tag}"


# ----------------------------------------------------------------------------------------------- domains


def _validate_history(history: pd.Series, domain: str) -> pd.Series:
    """Drop missing values, check years are integers and values fit the domain; sorted by year."""
    if domain not in DOMAINS:
        raise ParameterError(f"domain must be one of {DOMAINS}; found {domain!r}")
    if not isinstance(history, pd.Series):
        history = pd.Series(history)
    clean = pd.to_numeric(history, errors="coerce").dropna()
    try:
        years = np.asarray(clean.index, dtype=float)
    except (TypeError, ValueError):
        raise ForecastError(f"history must be indexed by integer year; found {list(history.index)}") from None
    if not np.all(np.isfinite(years)) or not np.all(years == np.round(years)):
        raise ForecastError(f"history must be indexed by integer year; found index {list(history.index)}")
    clean.index = years.astype(int)
    clean = clean.astype(float)
    if clean.index.has_duplicates:
        dup = sorted(set(clean.index[clean.index.duplicated()]))
        raise ForecastError(f"history has more than one value for year(s) {dup}; keep one value per year")
    clean = clean.sort_index()
    for year, value in clean.items():
        bad = (
            not math.isfinite(value)
            or (domain == "share" and not 0.0 < value < 100.0)
            or (domain in ("count", "amount") and value <= 0.0)
        )
        if bad:
            need = {
                "share": "a percentage strictly between 0 and 100",
                "count": "a positive number",
                "amount": "a positive number",
                "level": "a finite number",
            }[domain]
            raise ForecastError(
                f"year {year}: value {value!r} is outside the {domain!r} domain (expected {need}); "
                "correct the value or choose the indicator's domain",
                code="warning.outside_domain",
                params={
                    "year": int(year),
                    "value": f"{value:g}",
                    "domain": {"code": f"domain.{domain}"},
                    "expected": {"code": f"domain_expected.{domain}"},
                },
            )
    return clean


# ----------------------------------------------------------------------------------------------- scale


def series_scale(
    z: np.ndarray, domain: str = "share", rule: str = "mean_abs_change", floor: float = SCALE_FLOOR
) -> float:
    """Per-series scale of the observed transformed values ``z`` (full yearly grid, NaN for gaps), floored.

    ``rule``: ``mean_abs_change``, the mean absolute yearly change; ``path_deviation``, how far the
    yearly changes stray from their own mean (the root mean square deviation of the per-year changes
    around the drift path), so a steady trend is not mistaken for volatility. With a single change the
    deviation is unknown and both rules give its absolute size. A change across a gap of g years counts
    as ``dz / g`` per year. The floor is ``floor`` (:data:`SCALE_FLOOR`, 1% a year on the log/logit
    scale, or :data:`SHORT_SCALE_FLOOR` for 2-5 points; for ``level`` that share of the mean magnitude),
    so a flat history does not get a zero-width forecast; the cap
    :data:`SCALE_CAP` keeps one wild jump between two points from making the spread absurd.
    """
    idx = np.flatnonzero(np.isfinite(z))
    vals = z[idx]
    per_year = np.diff(vals) / np.diff(idx) if len(idx) >= 2 else np.zeros(0)
    if len(per_year) == 0:
        raw = 0.0
    elif rule == "path_deviation" and len(per_year) >= 2:
        raw = float(np.sqrt(np.mean((per_year - per_year.mean()) ** 2)))
    elif rule in SCALE_RULES:
        raw = float(np.abs(per_year).mean())
    else:
        raise ParameterError(f"scale rule must be one of {SCALE_RULES}; found {rule!r}")
    if domain == "level":
        magnitude = float(np.abs(vals).mean()) if len(vals) else 0.0
        return max(min(raw, SCALE_CAP * magnitude), floor * magnitude, 1e-9)
    return max(min(raw, SCALE_CAP), floor)


# ----------------------------------------------------------------------------------------------- calibration


def load_calibration(path: str | Path | None = None) -> dict[str, Any]:
    """The calibration constants (``calibration.json`` next to this module unless ``path``); cached."""
    return derived_json(path if path is not None else CALIBRATION_PATH, "calibration")


def calibration_key(method: str, rung: str, n_points: int) -> str:
    """Key of the calibration entry: ``model/<method>`` or ``short<n>/<method>`` (n = 2..5)."""
    base = method.split("(")[0]
    if rung == "model":
        return f"model/{base}"
    return f"short{min(max(n_points, 2), MODEL_RUNG_MIN_POINTS - 1)}/{base}"


def scale_rule(calibration: dict[str, Any], rung: str) -> str:
    """The scale rule the calibration was fitted with for ``rung`` (older files: mean absolute change)."""
    return str(calibration.get("scale_rule", {}).get(rung, "mean_abs_change"))


def scale_floor(calibration: dict[str, Any], rung: str) -> float:
    """The scale floor the calibration was fitted with for ``rung`` (older files: :data:`SCALE_FLOOR`)."""
    floors = calibration.get("procedure", {}).get("scale_floor")
    return float(floors[rung]) if isinstance(floors, dict) else SCALE_FLOOR


def spread_for(
    calibration: dict[str, Any],
    key: str,
    horizon: int,
    domain: str = "share",
    indicator: str | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Calibrated spread for h = 1..horizon: (m(h), tail_p, tail_q), in units of the series scale.

    ``m(h) = a * h**b`` is the fitted growth law of the median absolute error; within the horizons the
    panel supports it smooths the empirical medians, beyond them it extrapolates (see calibration.py).
    The ``level`` domain has its own family of entries (``entries_level``; errors on the original scale
    do not behave like errors on the log/logit scale) where the calibration has one. A key the
    calibration lacks uses drift's entry at the same rung. An ``indicator`` with a panel of its own
    (``indicator_spread``) has that spread scaled by its own factor for the key (how much wider or
    narrower its provinces' errors were than the pooled spread).
    """
    entries = calibration["entries"]
    if domain == "level" and calibration.get("entries_level"):
        entries = calibration["entries_level"]
    if key not in entries:
        fallback = key.split("/")[0] + "/drift"
        key = fallback if fallback in entries else "model/drift"
    entry = entries[key]
    h = np.arange(1, horizon + 1, dtype=float)
    median_abs = entry["scale_a"] * h ** entry["scale_b"]
    own = calibration.get("indicator_spread", {}).get(indicator or "", {})
    if own.get("domain") == domain and key in own.get("factors", {}):
        median_abs = median_abs * own_factor(own["factors"][key], h)
    return median_abs, np.asarray(entry["tail_p"], float), np.asarray(entry["tail_q"], float)


def own_factor(factors: dict[str, Any], h: np.ndarray) -> np.ndarray:
    """An indicator's own spread factor at each horizon ``h``.

    ``factor_by_h`` (horizons with enough errors of the indicator's own panel) where present; beyond its
    last horizon the last one's; a key without per-horizon factors has one ``factor`` for every horizon.
    """
    by_h = {int(k): float(v) for k, v in factors.get("factor_by_h", {}).items()}
    if not by_h:
        return np.full(len(h), float(factors["factor"]))
    known = np.array(sorted(by_h), dtype=float)
    values = np.array([by_h[int(k)] for k in known])
    # the nearest known horizon at or below h (the first known one below it): no interpolation invented
    at = np.clip(np.searchsorted(known, np.asarray(h, float), side="right") - 1, 0, len(known) - 1)
    return values[at]


def copula_uniforms(n_paths: int, horizon: int, rng: np.random.Generator) -> np.ndarray:
    """Uniforms (n_paths × horizon), each column uniform, joined by random-walk correlation.

    A standard Gaussian random walk divided by sqrt(h) (unit variance at each h, correlation
    sqrt(min(h,k)/max(h,k))), mapped through the normal CDF; antithetic halves make each column symmetric.
    """
    half = (n_paths + 1) // 2
    steps = rng.standard_normal((half, horizon))
    walk = np.cumsum(steps, axis=1) / np.sqrt(np.arange(1, horizon + 1))
    walk = np.vstack([walk, -walk])[:n_paths]
    return special.ndtr(walk)


def standard_paths(
    n_paths: int, horizon: int, tail_p: np.ndarray, tail_q: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Joint standardised errors (n_paths × horizon) whose |value| has quantiles ``tail_q`` at ``tail_p``.

    Gaussian random walk → divided by sqrt(h) (unit variance at each h, random-walk correlation) →
    uniform → symmetric quantile table. Antithetic halves make each horizon exactly symmetric around 0.
    """
    uniforms = copula_uniforms(n_paths, horizon, rng)
    prob_abs = np.abs(2.0 * uniforms - 1.0)  # P(|Z| <= |w|), in [0, 1)
    return np.sign(uniforms - 0.5) * np.interp(prob_abs, tail_p, tail_q)


# ----------------------------------------------------------------------------------------------- forecast


def forecast(
    history: pd.Series,
    horizon: int,
    *,
    domain: str = "level",
    reference: Any = None,
    n_paths: int = 2000,
    seed: int = 0,
    model: str = "auto",
    calibration: dict[str, Any] | str | Path | None = None,
    indicator: str | None = None,
) -> Forecast:
    """Simulated forecast paths for the ``horizon`` years after the last observed year.

    ``history``: annual values indexed by integer year (gaps allowed, NaN ignored), at least 2 values.
    ``domain``: level, share (percent in (0,100), logit scale), count or amount (positive, log scale).
    ``model``: one of :data:`MODELS` or ``"auto"`` (:data:`AUTO_MODEL`, chosen by the benchmarks; drift
    for 2–5 points). ``calibration``: a calibration dict or the path of a JSON file; default the shipped one.
    ``reference``: the outside view for a one-point history, a tidy frame ``region, year, value`` of the
    same indicator in other units (only what was known at the origin) or a shipped
    :class:`~hzanalysis.reference.ReferenceClass`; ``indicator`` names the history's indicator so that a
    reference of another indicator is refused (ParameterError). With one point and a reference, the
    paths are the class's growth over each horizon applied to that point (rung ``outside_view``); with
    2+ points the reference is not used (pooling toward the class is not yet shown to help), so the
    result is exactly that of ``reference=None``. Same inputs and seed give identical paths.
    """
    if model != "auto" and model not in MODELS:
        raise ParameterError(f"model must be 'auto' or one of {MODELS}; found {model!r}")
    if not isinstance(horizon, int | np.integer) or horizon < 1:
        raise ParameterError(f"horizon must be a positive whole number of years; found {horizon!r}")
    if not isinstance(n_paths, int | np.integer) or n_paths < 1:
        raise ParameterError(f"n_paths must be a positive whole number; found {n_paths!r}")
    clean = _validate_history(history, domain)
    if len(clean) == 0:
        raise ForecastError("no observation: no forecast; say what is needed and who holds it")
    if reference is not None:
        from .reference import as_class

        reference = as_class(reference, indicator=indicator, domain=domain)
    if model == "auto" and 2 <= len(clean) < MODEL_RUNG_MIN_POINTS and domain in PERSISTENCE_DOMAINS:
        return persistence_forecast(clean, horizon, reference, domain=domain, n_paths=int(n_paths), seed=seed)
    if len(clean) == 1:
        if reference is None:
            raise ForecastError(
                "one observation: no forecast, only the gap and the required growth can be given"
            )
        return outside_view(
            clean, horizon, reference, domain=domain, n_paths=int(n_paths), seed=seed, model=model
        )
    calib = calibration if isinstance(calibration, dict) else load_calibration(calibration)

    first, last = int(clean.index[0]), int(clean.index[-1])
    grid_years = np.arange(first, last + 1)
    z = to_transformed(clean.reindex(grid_years).to_numpy(dtype=float), domain)
    n_points = len(clean)
    rung = "model" if n_points >= MODEL_RUNG_MIN_POINTS else "short"
    notes: list[Message] = []
    gaps = int(len(grid_years) - n_points)
    if gaps:
        notes.append(Message("warning.grid_gaps", {"n": gaps, "first_year": first, "last_year": last}))

    wanted = model
    if model == "auto":
        wanted = AUTO_MODEL[domain] if rung == "model" else "drift"
    elif rung == "short" and model in MODEL_RUNG_ONLY:
        notes.append(
            Message(
                "warning.needs_more_points", {"model": model, "needed": MODEL_RUNG_MIN_POINTS, "n": n_points}
            )
        )
        wanted = "drift"

    pooled = reference is not None and rung == "short" and wanted == "drift" and domain in POOLED_DOMAINS
    pooled = pooled and (domain != "level" or bool(np.all(clean.to_numpy() > 0)))
    if pooled:
        growth = reference.median_growth()
        point, method, members_z = pooled_point(z, horizon, growth, domain), "pooled", {}
        members_z = {"pooled": point}
        notes.append(
            Message(
                "warning.pooled",
                {"population": reference.id, "growth": f"{growth:+.3f}", "pooling_years": POOLING_YEARS},
            )
        )
    else:
        if reference is not None:
            notes.append(Message("warning.class_not_used"))
        point, method, members_z = point_forecast(z, horizon, wanted, notes, domain=domain)
    scale = series_scale(z, domain, scale_rule(calib, rung), scale_floor(calib, rung))
    median_abs, tail_p, tail_q = spread_for(
        calib, calibration_key(method, rung, n_points), horizon, domain, indicator
    )
    rng = np.random.default_rng(seed)
    errors = standard_paths(int(n_paths), horizon, tail_p, tail_q, rng) * (scale * median_abs)
    if domain != "level":
        # far beyond any calibrated error, but clipped here (relative to the point, not absolutely) so that
        # rescaling a count rescales every path exactly, even one pushed toward exp's overflow
        errors = np.clip(errors, -MAX_LOG_ERROR, MAX_LOG_ERROR)
    paths_z = point[None, :] + errors
    paths = from_transformed(paths_z, domain)
    members = {name: from_transformed(values, domain) for name, values in members_z.items()}
    if wanted == "combo":
        members["combo"] = from_transformed(point, domain)
    return Forecast(
        years=np.arange(last + 1, last + 1 + horizon),
        paths=paths,
        history=clean,
        domain=domain,
        model=model,
        method=method,
        rung=rung,
        warnings=notes,
        members=members,
        point=from_transformed(point, domain),
        reference=reference.describe() if pooled else None,
    )


def persistence_forecast(
    history: pd.Series, horizon: int, reference: Any, *, domain: str, n_paths: int, seed: int
) -> Forecast:
    """A 1-5 point forecast whose own trend is weighed by a persistence learned across populations.

    With a reference class, the class's median growth is the prior of the trend and the class's own past
    teaches how far trends carry in it (:func:`hzanalysis.populations.class_view`); without one, the unit's
    own drift tells which validated populations it resembles, and the forecast mixes theirs
    (:class:`hzanalysis.persistence.Library`).
    Each path draws its own persistence, so that doubt widens the distribution. One point stays with the
    outside view (:func:`outside_view`): the class's own growth quantiles, validated on their own and
    refused beyond the horizons the class has evidence for.
    """
    from . import persistence as ps
    from .populations import class_view

    last = int(history.index[-1])
    view = class_view(reference, last) if reference is not None else None
    z = to_transformed(history.to_numpy(dtype=float), domain)
    case = ps.single_case(z, history.index.to_numpy(), view)
    rng = np.random.default_rng(seed)
    uniforms = copula_uniforms(n_paths, horizon, rng)
    if view is not None:
        z_paths, z_median = ps.paths(view.belief, case, uniforms, rng)
        described = {
            **view.belief.describe(),
            "own_trend_weight": round(ps.own_trend_weight(view.belief, case), 3),
            # a yearly growth a reader knows (a share's is on the logit scale: none given)
            "class_growth_pct": None if domain == "share" else round(math.expm1(view.growth), 4),
        }
    else:
        library = ps.library()
        z_paths, z_median = library.paths(case, uniforms, rng)
        described = library.describe(case)
    # far beyond any fitted error; keeps a rescaled count's paths rescaled exactly (as in forecast())
    z_paths = np.clip(z_paths, case.z_last[0] - MAX_LOG_ERROR, case.z_last[0] + MAX_LOG_ERROR)
    point = from_transformed(z_median, domain)
    learned = {
        "carries": f"{described['p_trend_carries']:.2f}",
        "fades": f"{described['p_trend_fades']:.2f}",
    }
    if view is not None:
        note = Message(
            "warning.persistence_class",
            {"population": reference.id, "year": view.year, "growth": f"{view.growth:+.3f}", **learned},
        )
    else:
        weights = {name: round(float(w), 6) for name, w in described["resembles"].items()}
        note = Message("warning.persistence_own", {"populations": weights, **learned})
    validated = ps.validation_summary("class" if view is not None else "own")
    info: dict[str, Any] = {"persistence": {**described, "validation": validated}}
    if view is not None:
        size = view.size
        described["small_unit"] = (
            {
                "factor": round(view.size_factor(float(case.z_last[0])), 3),
                "slope": round(size["slope"], 3),
                "beyond_smallest": bool(case.z_last[0] - size["level"] < size["low"]),
            }
            if size
            else {}
        )
        info = {
            **reference.describe(),
            "persistence": {**described, "class_year": view.year, "validation": validated},
        }
    return Forecast(
        years=np.arange(last + 1, last + 1 + horizon),
        paths=from_transformed(z_paths, domain),
        history=history,
        domain=domain,
        model="auto",
        method="persistence",
        rung="short",
        warnings=[note],
        members={"persistence": point},
        point=point,
        reference=info,
    )


def outside_view(
    history: pd.Series,
    horizon: int,
    reference: Any,
    *,
    domain: str,
    n_paths: int,
    seed: int,
    model: str = "auto",
) -> Forecast:
    """The one-point forecast: the reference class's growth over each horizon, applied to the one figure.

    Paths are joint across horizons through the same random-walk copula as :func:`forecast`, and live on
    the growth scale (log or logit), so they never leave the domain.
    """
    from .reference import class_changes

    last_year, last_value = int(history.index[-1]), float(history.iloc[-1])
    uniforms = copula_uniforms(n_paths, horizon, np.random.default_rng(seed))
    start = to_growth_scale(np.array([last_value]), domain)[0]
    paths = from_growth_scale(start + class_changes(reference, horizon, uniforms), domain)
    median_change = class_changes(reference, horizon, np.full((1, horizon), 0.5))[0]
    notes = []
    if reference.widening > 1.0:
        notes.append(
            Message(
                "warning.class_widened",
                {"factor": f"{reference.widening:.2f}", "reason": reference.widening_basis.record()},
            )
        )
    return Forecast(
        years=np.arange(last_year + 1, last_year + 1 + horizon),
        paths=paths,
        history=history,
        domain=domain,
        model=model,
        method=f"reference_class({reference.id})",
        rung="outside_view",
        warnings=notes,
        point=from_growth_scale(start + median_change, domain),
        reference=reference.describe(),
    )
