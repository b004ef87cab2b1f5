"""Fit the forecast spread on the reference panels, and regenerate every file derived from them.

Why: on annual data, model-based prediction intervals are too narrow (nominal 95% covers 67–87%), so
:func:`hzanalysis.forecast.forecast` takes its spread from constants fitted here on real series.

Procedure (version :data:`PROCEDURE_VERSION`):

1. Inputs: every panel of :data:`hzanalysis.panels.PANELS` (provincial R&D intensity and expenditure,
   invention patents granted, invention patents per 10,000 residents, technology-contract turnover,
   estimated valid high-tech enterprises), read from ``../shared/data/reference/`` (build inputs, never
   copied into the repository). About 186 provincial series.
2. Rolling-origin errors on the transformed scale (logit for shares, log for counts and amounts, identity
   for levels), for every model of :data:`hzanalysis.models.MODELS` on the model rung (expanding windows
   of 6+ points) and for naive/drift/linear on the short rung: every window of n = 2..5 consecutive points,
   plus two points 2..7 years apart (the shape of the public Haizhou series). Each error is divided by the
   series scale of its training window only, under both rules of :func:`hzanalysis.forecast.series_scale`.
3. Per key, ``e_h = m(h) * U``: ``m(h) = a * h**b`` the fitted growth of the median |e_h|, U symmetric with
   the pooled empirical tail shape of |e_h| / median|e_h| (a quantile table up to the 99.5th percentile;
   beyond it, one more step of the same size, not the single largest ratio seen).
4. The scale rule of each rung is the one the leave-one-panel-out validation (:mod:`.validation`)
   scores best; :data:`SCALE_RULE` records the choice and benchmarks/README.md the figures.
5. Per indicator with a panel (``indicator_spread``): per key, the factor by which its own provinces' errors
   are wider than the pooled entry (:func:`indicator_factors`), validated leave-provinces-out; forecasts of
   that indicator scale the pooled spread by it. Indicators without a panel keep the pooled spread.

This module fits ``derived/calibration.json``; ``python -m hzanalysis.derive build`` (``make calibrate``,
:mod:`hzanalysis.derive.build`) rewrites it, byte for byte, with every other derived file.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .. import forecast as fc
from .. import models
from ..fileio import atomic_write_text, sha256_file
from ..panels import PANELS
from ..transforms import to_growth_scale
from .panel_files import PanelSeries, input_files

PROCEDURE_VERSION = "3"
SHORT_METHODS = ("naive", "drift", "linear")
SHORT_SIZES = (2, 3, 4, 5)
#: Two-point windows whose points are this many years apart (1 = consecutive).
SHORT2_GAPS = (1, 2, 3, 4, 5, 6, 7)
#: Longest horizon scored (a 2017 figure forecast to 2025 is h = 8).
MAX_HORIZON = 8
TAIL_P = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.925, 0.95, 0.975, 0.99, 0.995, 1.0)
MIN_ERRORS_PER_H = 10
B_RANGE = (0.0, 1.5)
SCALE_COLUMNS = {"mean_abs_change": "scale_mac", "path_deviation": "scale_dev"}
#: Scale rule per rung, chosen by the leave-one-panel-out validation (benchmarks/README.md).
SCALE_RULE = {"model": "mean_abs_change", "short": "mean_abs_change"}


def calibrated_models() -> tuple[str, ...]:
    """The models calibrated on the model rung: every model of :mod:`hzanalysis.models` (read when called)."""
    return tuple(models.MODELS)


# ----------------------------------------------------------------------------------------------- errors


def training_windows(n_total: int, rung: str, size: int) -> Iterable[tuple[int, int, int]]:
    """(first, last, n_points) grid positions of training windows ending before the panel's last year.

    model rung: expanding windows from the first year with at least 6 points. short rung: every window of
    ``size`` consecutive points; for ``size == 2`` also two points 2..7 years apart (nothing between).
    """
    if rung == "model":
        for last in range(fc.MODEL_RUNG_MIN_POINTS - 1, n_total - 1):
            yield 0, last, last + 1
        return
    spans = [g for g in SHORT2_GAPS] if size == 2 else [size - 1]
    for span in spans:
        for first in range(0, n_total - 1 - span):
            yield first, first + span, size


def rolling_errors(
    panel: Sequence[PanelSeries],
    *,
    model_methods: Sequence[str] | None = None,
    short_methods: Sequence[str] = SHORT_METHODS,
    short_sizes: Sequence[int] = SHORT_SIZES,
    max_horizon: int = MAX_HORIZON,
    origins: dict[str, int] | None = None,
    pooled: bool = True,
) -> pd.DataFrame:
    """Rolling-origin forecast errors, one row per (series, key, window, h).

    ``origins`` (series name → year) keeps only the windows ending in that year: the fixed train/test
    split of a benchmark panel, scored with the same windows and rows as the rolling origins.
    ``pooled`` adds the short-rung keys ``short<n>/pooled`` (:func:`hzanalysis.models.pooled_point`),
    pulled toward the class growth of the same panel's OTHER series, known by the origin year.

    Columns: panel, series, group, domain, key, method (used after fallbacks), n_train, span (years from
    first to last training point), origin_year, h, error (transformed scale), scale_mac, scale_dev (the two
    scale rules on the training window), y_first, y_last, y_actual (original scale), z_point.
    """
    methods = calibrated_models() if model_methods is None else tuple(model_methods)
    plan: list[tuple[str, str, int]] = [("model", m, 0) for m in methods]
    plan += [("short", m, n) for n in short_sizes for m in short_methods]
    if pooled:
        plan += [("short", "pooled", n) for n in short_sizes]
    growth = ClassGrowth(panel)
    columns: dict[str, list] = {c: [] for c in ROW_COLUMNS}
    for item in panel:
        years = item.series.index.to_numpy(dtype=int)
        full = np.arange(years[0], years[-1] + 1)
        y_all = item.series.reindex(full).to_numpy(dtype=float)
        z_all = fc.to_transformed(y_all, item.domain)
        fits: dict[tuple[int, int, int], dict] = {}
        for rung, method, size in plan:
            key = f"model/{method}" if rung == "model" else f"short{size}/{method}"
            for first, last, _ in training_windows(len(full), rung, size):
                if origins is not None and int(full[last]) != origins[item.name]:
                    continue
                z = z_all[first : last + 1].copy()
                if rung == "short" and size == 2:
                    z[1:-1] = np.nan
                if not (np.isfinite(z[0]) and np.isfinite(z[-1])) or np.isfinite(z).sum() < 2:
                    continue
                horizon = min(len(full) - 1 - last, max_horizon)
                if method == "pooled":
                    if item.domain == "level" and np.nanmin(z) <= 0:  # pooled on the log of the level
                        continue
                    class_growth = growth.median(item, int(full[last]))
                    if class_growth is None:
                        continue
                    point, used = models.pooled_point(z, horizon, class_growth, item.domain), "pooled"
                else:
                    cache = fits.setdefault((first, last, size if rung == "short" else 0), {})
                    point, used, _ = models.point_forecast(z, horizon, method, [], cache, domain=item.domain)
                floor = fc.SCALE_FLOOR if rung == "model" else fc.SHORT_SCALE_FLOOR
                scales = (
                    fc.series_scale(z, item.domain, "mean_abs_change", floor),
                    fc.series_scale(z, item.domain, "path_deviation", floor),
                )
                for h in range(1, horizon + 1):
                    actual = z_all[last + h]
                    if not np.isfinite(actual):
                        continue
                    values = (
                        item.panel,
                        item.name,
                        item.group,
                        item.domain,
                        key,
                        used,
                        int(np.isfinite(z).sum()),
                        last - first,
                        int(full[last]),
                        h,
                        float(actual - point[h - 1]),
                        scales[0],
                        scales[1],
                        float(y_all[first]),
                        float(y_all[last]),
                        float(y_all[last + h]),
                        float(point[h - 1]),
                    )
                    for column, value in zip(ROW_COLUMNS, values, strict=True):
                        columns[column].append(value)
    return pd.DataFrame(columns)


class ClassGrowth:
    """Median one-year change of the other series of the same panel, using changes known by an origin."""

    def __init__(self, panel: Sequence[PanelSeries]):
        rows = []
        for item in panel:
            values = item.series.to_numpy(float)
            if item.domain not in fc.POOLED_DOMAINS or (item.domain != "share" and np.any(values <= 0)):
                continue
            z = to_growth_scale(values, item.domain)  # the reference classes' scale: log, or logit of a share
            years = item.series.index.to_numpy(int)
            consecutive = np.diff(years) == 1
            rows.append(
                pd.DataFrame(
                    {
                        "panel": item.panel,
                        "group": item.group,
                        "end": years[1:][consecutive],
                        "change": np.diff(z)[consecutive],
                    }
                )
            )
        self.changes = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()
        self._cache: dict[tuple[str, str, int], float | None] = {}

    def median(self, item: PanelSeries, origin_year: int) -> float | None:
        """The class growth for ``item`` at ``origin_year``; None if the class has too few changes."""
        if item.domain not in fc.POOLED_DOMAINS or self.changes.empty:
            return None
        key = (item.panel, item.group, origin_year)
        if key not in self._cache:
            c = self.changes
            known = c[(c["panel"] == item.panel) & (c["group"] != item.group) & (c["end"] <= origin_year)]
            self._cache[key] = float(known["change"].median()) if len(known) >= MIN_CLASS_CHANGES else None
        return self._cache[key]


#: Fewest known changes of other series for a class growth (as the shipped classes need).
MIN_CLASS_CHANGES = 20

ROW_COLUMNS = (
    "panel",
    "series",
    "group",
    "domain",
    "key",
    "method",
    "n_train",
    "span",
    "origin_year",
    "h",
    "error",
    "scale_mac",
    "scale_dev",
    "y_first",
    "y_last",
    "y_actual",
    "z_point",
)


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
    # The top of the table (p = 1) is bounded by extending the last tabulated step (0.99 -> 0.995) once
    # more, not by the single largest ratio seen: that one comes from a window whose scale is nearly zero
    # (two almost equal points) and would put exp(hundreds) on a path. Quantiles up to 0.995 are untouched.
    tail_q[-1] = min(tail_q[-1], 2 * tail_q[-2] - tail_q[-3])
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


def rung_of(key: str) -> str:
    """``model`` or ``short`` from a calibration key."""
    return "model" if key.startswith("model/") else "short"


def standardised(errors: pd.DataFrame, scale_rule: dict[str, str]) -> pd.Series:
    """Each error divided by its window's scale under the rule of its rung."""
    is_model = errors["key"].str.startswith("model/")
    model_scale = errors[SCALE_COLUMNS[scale_rule["model"]]]
    short_scale = errors[SCALE_COLUMNS[scale_rule["short"]]]
    return errors["error"] / np.where(is_model, model_scale, short_scale)


def fit_from_errors(
    errors: pd.DataFrame, scale_rule: dict[str, str] | None = None
) -> dict[str, dict[str, Any]]:
    """Entries (key → constants) from a rolling-error table, errors standardised by ``scale_rule``."""
    rule = scale_rule or SCALE_RULE
    table = pd.DataFrame({"key": errors["key"], "h": errors["h"], "std_error": standardised(errors, rule)})
    return {str(key): fit_entry(group) for key, group in table.groupby("key", sort=True)}


def fit_calibration(
    errors: pd.DataFrame,
    *,
    scale_rule: dict[str, str] | None = None,
    inputs: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The calibration dict (calibration.json) fitted on a rolling-error table."""
    rule = dict(scale_rule or SCALE_RULE)
    return {
        "procedure_version": PROCEDURE_VERSION,
        "inputs": inputs or {},
        "scale_rule": rule,
        "procedure": {
            "errors": "rolling-origin, transformed scale (logit for shares, log for counts and amounts, "
            "identity for levels), divided by the training window's scale (scale_rule per rung, floored at "
            "scale_floor)",
            "model_rung": "expanding windows of 6+ points from each series' first year; keys model/<method>, "
            "one per model of forecast.MODELS",
            "short_rung": "every window of n = 2..5 consecutive points, and two points 2..7 years apart; "
            "keys "
            "short<n>/<method>",
            "marginal": "e_h = m(h) * U, U symmetric with |U| quantiles tail_q at probabilities tail_p "
            "(empirical |e_h|/median|e_h| pooled over horizons; bounded by the largest seen)",
            "growth_law": "m(h) = scale_a * h**scale_b (median |e_h|), weighted least squares on log-log, "
            f"horizons with >= {MIN_ERRORS_PER_H} errors; used (extrapolated) at every horizon",
            "paths": "Gaussian copula with random-walk correlation sqrt(min(h,k)/max(h,k)), antithetic draws",
            "scale_floor": {"model": fc.SCALE_FLOOR, "short": fc.SHORT_SCALE_FLOOR},
            "scale_cap": fc.SCALE_CAP,
        },
        "families": "entries: fitted on the log/logit-scale panels (shares, counts, amounts) except "
        f"{', '.join(OWN_SPREAD_ONLY)}; entries_level: fitted on the level-domain panels (none since version "
        "3: level forecasts use entries); indicator_spread: per indicator with a panel, the factor its own "
        "provinces' errors put on the entry (indicator_spread_rule)",
        "entries": family_entries(errors, rule, "share"),
        "entries_level": fit_from_errors(errors[errors["domain"] == "level"], rule),
        "indicator_spread_rule": dict(INDICATOR_SPREAD, min_errors=MIN_OWN_ERRORS),
        "indicator_spread": indicator_spread(errors, rule),
    }


def family_entries(
    errors: pd.DataFrame, scale_rule: dict[str, str], domain: str
) -> dict[str, dict[str, Any]]:
    """Entries for forecasts on ``domain``, fitted on the errors of its family only.

    Two families: ``level`` (errors on the original scale) and the log/logit scale (share, count,
    amount). Level errors of a series growing exponentially are systematically larger than its scale
    says; pooled with log-scale errors they widened every log-scale interval (leave-one-panel-out:
    Tourism 80% coverage 0.92 pooled, 0.81 by family). A level forecast whose family is empty uses the
    log/logit family.
    """
    is_level = errors["domain"] == "level"
    if domain == "level" and is_level.any():
        return fit_from_errors(errors[is_level], scale_rule)
    return fit_from_errors(errors[~is_level & ~errors["panel"].isin(OWN_SPREAD_ONLY)], scale_rule)


#: Panels left out of the pooled log/logit family: their indicator's spread is its own factor times the
#: family's. Patents per 10,000 residents (a smooth per-resident stock, log scale since calibration 3)
#: pooled with the others narrowed every log-scale interval (same run: Tourism two-point 80% coverage
#: 0.53 with it, 0.62 without; benchmarks/README.md).
OWN_SPREAD_ONLY = ("invention_patents_per_10k",)


#: How an indicator's own spread factor is read from its panel's errors and shrunk toward the pooled
#: spread (factor ** weight); chosen by the leave-provinces-out validation (benchmarks/README.md).
INDICATOR_SPREAD: dict[str, Any] = {"statistic": "upper", "weight": 1.0, "by_h": False}
#: Fewest errors of a key in a panel for an own factor (fewer: the pooled spread alone).
MIN_OWN_ERRORS = 100


def own_ratio(
    errors: pd.DataFrame, entry: dict[str, Any], scale_rule: dict[str, str], statistic: str
) -> float:
    """How much wider the errors of one key are than the pooled ``entry`` says (1.0 = as wide).

    Each error is standardised by its window's scale and by the entry's m(h); ``median`` compares the
    median |U| with the entry's, ``upper`` the geometric mean of the 80% and 95% quantiles with the entry's.
    """
    key = str(errors["key"].iloc[0])
    scale = errors[SCALE_COLUMNS[scale_rule[rung_of(key)]]].to_numpy()
    h = errors["h"].to_numpy(float)
    u = np.abs(errors["error"].to_numpy()) / (scale * entry["scale_a"] * h ** entry["scale_b"])
    if statistic == "median":
        return float(np.median(u) / np.interp(0.5, entry["tail_p"], entry["tail_q"]))
    own = np.quantile(u, [0.8, 0.95])
    nominal = np.interp([0.8, 0.95], entry["tail_p"], entry["tail_q"])
    return float(np.sqrt(np.prod(own / nominal)))


def indicator_factors(
    own_errors: pd.DataFrame,
    entries: dict[str, dict[str, Any]],
    scale_rule: dict[str, str],
    *,
    statistic: str = INDICATOR_SPREAD["statistic"],
    weight: float = INDICATOR_SPREAD["weight"],
    by_h: bool = INDICATOR_SPREAD["by_h"],
) -> dict[str, dict[str, Any]]:
    """Per key: the factor (own ratio ** weight) that scales the pooled spread for one indicator's panel.

    ``by_h``: also one factor per horizon holding :data:`MIN_OWN_ERRORS` errors (``factor_by_h``): the
    pooled growth law m(h) need not fit one indicator's horizons (a smooth stock's errors grow faster).

    Why: two points cannot tell a jumpy series from a smooth one; other units' errors of the same
    indicator can (technology contracts jump 3-10x, patents granted grow smoothly).
    """
    out: dict[str, dict[str, Any]] = {}
    for key, group in own_errors.groupby("key", sort=True):
        if key not in entries or len(group) < MIN_OWN_ERRORS:
            continue
        ratio = own_ratio(group, entries[str(key)], scale_rule, statistic)
        out[str(key)] = {
            "factor": _r(ratio**weight),
            "own_ratio": _r(ratio),
            "n_errors": len(group),
            "n_series": int(group["series"].nunique()),
        }
        if by_h:
            out[str(key)]["factor_by_h"] = {
                str(h): _r(own_ratio(rows, entries[str(key)], scale_rule, statistic) ** weight)
                for h, rows in group.groupby("h", sort=True)
                if len(rows) >= MIN_OWN_ERRORS
            }
    return out


def indicator_spread(errors: pd.DataFrame, rule: dict[str, str]) -> dict[str, Any]:
    """calibration.json's ``indicator_spread``: per indicator with a panel, its factors against its family."""
    out: dict[str, Any] = {}
    for spec in PANELS:
        own = errors[errors["panel"] == spec.name]
        if own.empty:
            continue
        factors = indicator_factors(own, family_entries(errors, rule, spec.domain), rule)
        out[spec.indicator] = {"panel": spec.name, "domain": spec.domain, "factors": factors}
    return out


def input_record(folder: Path | None = None) -> dict[str, Any]:
    """What the fit read: each panel file with its checksum, and each panel's indicator and domain."""
    return {
        "files": {path.name: sha256_file(path) for path in input_files(folder)},
        "folder": "../shared/data/reference (or $HZANALYSIS_REFERENCE_DIR)",
        "panels": {
            spec.name: {
                "file": spec.file,
                "variable": spec.variable,
                "indicator": spec.indicator,
                "domain": spec.domain,
                **({"first_year": spec.first_year} if spec.first_year else {}),
            }
            for spec in PANELS
        },
    }


# ----------------------------------------------------------------------------------------------- build


def dump_json(payload: dict[str, Any]) -> str:
    """Stable JSON text: sorted keys, one-space indent, UTF-8 kept readable, trailing newline."""
    return json.dumps(payload, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def write_calibration(calibration: dict[str, Any], path: str | Path = fc.CALIBRATION_PATH) -> Path:
    """Write the calibration JSON atomically (byte-identical for identical input)."""
    return atomic_write_text(Path(path), dump_json(calibration))
