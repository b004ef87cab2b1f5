"""Leave-one-panel-out validation: do the calibrated probabilities hold on panels they were not fitted on?

For every reference panel: fit the calibration on all the other panels, score the held-out one. For the
external panels (Tourism yearly, M1 yearly, :func:`.panel_files.bench_dir`): fit on all reference
panels, score them; they are never fitted on. Three history shapes, the ones the report uses:

- ``full``: every expanding window of 6+ points, the default model of the panel's domain (``AUTO_MODEL``);
  on the external panels, the competition's own train/test split;
- ``three``: three consecutive points, drift;
- ``two``: two points 1–7 years apart (the public Haizhou series), drift.

Scores, per held-out panel and shape: pooled and per-horizon coverage of the 80% and 95% intervals; the
largest reliability gap over bins (tenths) holding at least :data:`MIN_BIN_EVENTS` events; the Brier
score of threshold events "value at or above last × m in year T" against two baselines: the Eurostat
rule read as 0/1 and the held-out panel's own base rate per threshold and horizon (an oracle, fitted on
the answers). Baselines of the same run: the calibration this project shipped before (version 1, fitted
on the R&D panel alone, errors standardised by the mean absolute change), the other scale rule, and the
pooled spread alone (``pooled_spread``).

On a held-out panel the product's spread is scaled by the indicator's own factor
(:func:`hzanalysis.derive.calibration.indicator_factors`), fitted on the same panel's OTHER provinces
(leave-provinces-out, :func:`provinces_out`): the pooled entries come from the other panels, the factor
from other provinces of this one; the held-out provinces are in neither. The external panels have no
class of their own: pooled spread alone.

The outside view is scored per panel leaving one province out: the class is the other provinces' changes
known at the origin, applied to the held-out province's one figure (as for a province, and with the
district's small-unit widening, to show its cost).

Everything is computed from the rolling-error table, without simulation: the calibrated probability of an
event is read from the calibrated marginal directly. :func:`validate` returns the small JSON document the
reliability page shows (``derived/validation.json``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from .. import forecast as fc
from .. import reference as ref
from ..panels import PANEL_NAMES, PANELS, panel_spec
from ..transforms import to_growth_scale
from . import calibration as cal
from .panel_files import bench_series, read_panel_table

LEVELS = (0.8, 0.95)
MULTIPLIERS = (0.9, 0.95, 1.0, 1.05, 1.1, 1.2, 1.4)
MIN_BIN_EVENTS = 30
BINS = 10
#: Horizons shown per panel (longer ones hold few errors).
SHOWN_HORIZONS = (1, 2, 3, 4, 5, 6, 7, 8)
SHAPES = {"full": "model", "three": "short3", "two": "short2"}
#: The calibration this project shipped before version 2: R&D panel only, mean absolute change.
BASELINE_V1_PANELS: tuple[str, ...] = ("rd_intensity", "rd_expenditure")
BASELINE_V1_SCALE_RULE: dict[str, str] = {"model": "mean_abs_change", "short": "mean_abs_change"}
EXTERNAL = {"tourism": ("tourism_yearly.csv", "amount"), "m1": ("m1_yearly.csv", "amount")}


def _r(x: float) -> float | None:
    return None if not math.isfinite(x) else float(f"{float(x):.4g}")


def shape_key(shape: str, domain: str, pooled: bool = True) -> str:
    """Calibration key a shape is scored with on a domain (short shapes: pooled where the product pools)."""
    key = SHAPES[shape]
    if key == "model":
        return f"model/{fc.AUTO_MODEL[domain]}"
    return f"{key}/{'pooled' if pooled and domain in fc.POOLED_DOMAINS else 'drift'}"


def spread(
    entries: dict[str, Any], rows: pd.DataFrame, scale: np.ndarray
) -> tuple[np.ndarray, dict[str, Any]]:
    """Calibrated m(h) * scale per row (rows of one key) and the entry used."""
    entry = entries[rows["key"].iloc[0]]
    h = rows["h"].to_numpy(float)
    return entry["scale_a"] * h ** entry["scale_b"] * scale, entry


def abs_quantile(entry: dict[str, Any], level: float) -> float:
    """|U| quantile of a central interval of ``level``."""
    return float(np.interp(level, entry["tail_p"], entry["tail_q"]))


def prob_at_least(
    entry: dict[str, Any], width: np.ndarray, z_point: np.ndarray, thr_z: np.ndarray
) -> np.ndarray:
    """P(point + width * U >= threshold) for the symmetric U of ``entry`` (exact, no simulation)."""
    u = (thr_z - z_point) / width
    tail_abs = 1.0 - np.interp(np.abs(u), entry["tail_q"], entry["tail_p"])  # P(|U| > |u|)
    return np.where(u >= 0, 0.5 * tail_abs, 1.0 - 0.5 * tail_abs)


def eurostat_01(
    y_first: np.ndarray,
    first_year: np.ndarray,
    y_last: np.ndarray,
    last_year: np.ndarray,
    thr: np.ndarray,
    year: np.ndarray,
) -> np.ndarray:
    """The Eurostat rule read as 0/1 (met, or actual CAGR ≥ 95% of the required CAGR), vectorised.

    Mirrors :func:`hzanalysis.rules.eurostat_progress` (a test checks they agree): base = first training
    point, latest = last training point, target ``thr`` in ``year``.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        actual = (y_last / y_first) ** (1.0 / (last_year - first_year)) - 1.0
        required = (thr / y_first) ** (1.0 / (year - first_year)) - 1.0
        ratio = actual / required
    met = y_last >= thr
    positive = (y_first > 0) & (y_last > 0) & (thr > 0)
    significant = positive & (required > 0) & (ratio >= 0.95)
    return (met | significant).astype(float)


def events(rows: pd.DataFrame, entries: dict[str, Any], scale_rule: dict[str, str]) -> pd.DataFrame:
    """Threshold events of every row: outcome, calibrated probability, Eurostat 0/1, multiplier, h."""
    pieces = []
    for _, group in rows.groupby("key", sort=True):
        scale = group[cal.SCALE_COLUMNS[scale_rule[cal.rung_of(group["key"].iloc[0])]]].to_numpy()
        width, entry = spread(entries, group, scale)
        domain = group["domain"].iloc[0]
        y_last, y_actual = group["y_last"].to_numpy(), group["y_actual"].to_numpy()
        first_year = (group["origin_year"] - group["span"]).to_numpy(float)
        for m in MULTIPLIERS:
            thr = y_last * m
            ok = thr < 100.0 if domain == "share" else np.ones(len(thr), bool)
            thr_z = fc.to_transformed(np.where(ok, thr, np.nan), domain)
            pieces.append(
                pd.DataFrame(
                    {
                        "h": group["h"].to_numpy(),
                        "multiplier": m,
                        "outcome": (y_actual >= thr).astype(float),
                        "p": prob_at_least(entry, width, group["z_point"].to_numpy(), thr_z),
                        "p_eurostat": eurostat_01(
                            group["y_first"].to_numpy(),
                            first_year,
                            y_last,
                            group["origin_year"].to_numpy(float),
                            thr,
                            (group["origin_year"] + group["h"]).to_numpy(float),
                        ),
                    }
                )[ok]
            )
    return pd.concat(pieces, ignore_index=True)


def reliability_bins(p: np.ndarray, outcome: np.ndarray) -> list[dict[str, Any]]:
    """Tenths of probability: mean predicted, observed frequency, events."""
    which = np.minimum((p * BINS).astype(int), BINS - 1)
    out = []
    for b in range(BINS):
        mask = which == b
        if mask.any():
            out.append(
                {
                    "bin": b,
                    "mean_predicted": _r(float(p[mask].mean())),
                    "observed": _r(float(outcome[mask].mean())),
                    "n": int(mask.sum()),
                }
            )
    return out


def brier_cells(scored: pd.DataFrame, column: str) -> dict[str, Any]:
    """Brier of ``column`` against the base rate of each (multiplier, h) cell, pooled and cell by cell."""
    base = scored.groupby(["multiplier", "h"])["outcome"].transform("mean")
    cells = (
        scored.assign(
            sq=(scored[column] - scored["outcome"]) ** 2,
            sq_base=(base - scored["outcome"]) ** 2,
            sq_euro=(scored["p_eurostat"] - scored["outcome"]) ** 2,
        )
        .groupby(["multiplier", "h"])[["sq", "sq_base", "sq_euro"]]
        .mean()
    )
    return {
        "brier": _r(float(((scored[column] - scored["outcome"]) ** 2).mean())),
        "brier_base_rate": _r(float(((base - scored["outcome"]) ** 2).mean())),
        "brier_eurostat": _r(float(((scored["p_eurostat"] - scored["outcome"]) ** 2).mean())),
        "cells": len(cells),
        "cells_below_base_rate": int((cells["sq"] < cells["sq_base"]).sum()),
        "cells_within_3pct_of_base_rate": int((cells["sq"] <= 1.03 * cells["sq_base"]).sum()),
        "cells_below_eurostat": int((cells["sq"] < cells["sq_euro"]).sum()),
    }


def score(rows: pd.DataFrame, entries: dict[str, Any], scale_rule: dict[str, str]) -> dict[str, Any]:
    """Coverage, reliability and Brier of one calibration on one set of rolling-error rows."""
    rows = rows[rows["key"].isin(entries)]
    if rows.empty:
        return {"n": 0}
    abs_err = rows["error"].abs().to_numpy()
    inside = {level: np.zeros(len(rows), bool) for level in LEVELS}
    for key, index in rows.groupby("key").groups.items():
        group = rows.loc[index]
        scale = group[cal.SCALE_COLUMNS[scale_rule[cal.rung_of(str(key))]]].to_numpy()
        width, entry = spread(entries, group, scale)
        position = rows.index.get_indexer(index)
        for level in LEVELS:
            inside[level][position] = abs_err[position] <= width * abs_quantile(entry, level)
    h = rows["h"].to_numpy()
    per_h = {
        int(k): {
            "n": int((h == k).sum()),
            **{f"cover_{round(lv * 100)}": _r(float(inside[lv][h == k].mean())) for lv in LEVELS},
        }
        for k in SHOWN_HORIZONS
        if (h == k).any()
    }
    scored = events(rows, entries, scale_rule)
    bins = reliability_bins(scored["p"].to_numpy(), scored["outcome"].to_numpy())
    gaps = [abs(b["mean_predicted"] - b["observed"]) for b in bins if b["n"] >= MIN_BIN_EVENTS]
    return {
        "n": len(rows),
        **{f"cover_{round(lv * 100)}": _r(float(inside[lv].mean())) for lv in LEVELS},
        "by_h": per_h,
        "reliability_gap": _r(max(gaps)) if gaps else None,
        "reliability": bins,
        "events": len(scored),
        **brier_cells(scored, "p"),
    }


# ----------------------------------------------------------------------------------------------- panels

#: Folds of provinces for the leave-provinces-out validation of an indicator's own spread.
PROVINCE_FOLDS = 3
#: Ways of reading an indicator's own spread, scored beside the product's (statistic, weight).
SPREAD_CANDIDATES = (
    ("median", 1.0, False),
    ("upper", 1.0, False),
    ("upper", 0.5, False),
    ("upper", 1.0, True),
    ("upper", 0.5, True),
)


def provinces_out(
    panel_rows: pd.DataFrame,
    entries: dict[str, Any],
    scale_rule: dict[str, str],
    statistic: str,
    weight: float,
    by_h: bool = False,
) -> pd.DataFrame:
    """The panel's rows with each province's scale multiplied by the indicator factor fitted without it.

    Provinces are split into :data:`PROVINCE_FOLDS` folds (sorted names, every third); each fold's factor
    comes from the other folds' errors only, so a held-out province is never in the fit it is scored by.
    """
    names = sorted(panel_rows["series"].unique())
    fold_of = {name: i % PROVINCE_FOLDS for i, name in enumerate(names)}
    fold = panel_rows["series"].map(fold_of)
    out = panel_rows.copy()
    for k in range(PROVINCE_FOLDS):
        factors = cal.indicator_factors(
            panel_rows[fold != k], entries, scale_rule, statistic=statistic, weight=weight, by_h=by_h
        )
        held = (fold == k).to_numpy()
        factor = np.ones(len(panel_rows))
        for key, own in factors.items():
            rows = held & (panel_rows["key"] == key).to_numpy()
            factor[rows] = fc.own_factor(own, panel_rows["h"].to_numpy()[rows])
        for column in cal.SCALE_COLUMNS.values():
            out.loc[held, column] = panel_rows.loc[held, column] * factor[held]
    return out


def external_errors(name: str) -> pd.DataFrame:
    """Rolling-error rows of an external panel at its competition split (full, three and two points)."""
    file, domain = EXTERNAL[name]
    series, origins = bench_series(file, domain, name)
    return cal.rolling_errors(
        series,
        model_methods=(fc.AUTO_MODEL[domain],),
        short_methods=("drift",),
        short_sizes=(2, 3),
        origins=origins,
    )


def outside_view_scores(spec_name: str, max_horizon: int = 8, *, widen: bool = False) -> dict[str, Any]:
    """The outside view on one panel, leaving each province out of its own class, using only known changes.

    ``widen=False`` scores it as it applies to a province (a unit of the class's own size); ``widen=True``
    applies the small-unit widening the product uses for a district, to measure what it costs where it is
    not needed (the panels hold no unit as small as a district, so its benefit cannot be scored here).
    """
    spec = panel_spec(spec_name)
    tidy = read_panel_table(spec)
    changes = ref._changes(tidy, spec.domain, max_horizon)
    rows = []
    widenings: dict[tuple[str, int], float] = {}
    for (region, start, h), change in changes.set_index(["region", "start", "h"])["change"].items():
        known = changes[(changes["region"] != region) & (changes["start"] + changes["h"] <= start)]
        pool = known[known["h"] == h]["change"].to_numpy()
        if len(pool) < ref.MIN_CHANGES:
            continue
        if (region, start) not in widenings:  # the same known set for every horizon of one origin
            widenings[region, start] = (
                ref.size_widening(
                    known, spec.domain, extensive=ref.is_extensive(spec.domain, spec.indicator)
                )[0]
                if widen
                else 1.0
            )
        widening = widenings[region, start]
        median = float(np.median(pool))
        pool = median + widening * (pool - median)
        last = float(tidy[(tidy["region"] == region) & (tidy["year"] == start)]["value"].iloc[0])
        for m in MULTIPLIERS:
            if spec.domain == "share" and last * m >= 100.0:
                continue
            thr = to_growth_scale(np.array([last * m]), spec.domain)[0]
            need = thr - to_growth_scale(np.array([last]), spec.domain)[0]
            rows.append(
                {
                    "h": int(h),
                    "multiplier": m,
                    "outcome": float(change >= need - 1e-12),
                    "p": float((pool >= need - 1e-12).mean()),
                }
            )
    scored = pd.DataFrame(rows)
    if scored.empty:
        return {"events": 0}
    scored["p_eurostat"] = 0.0  # one figure: the Eurostat rule has no growth to read (not reported)
    bins = reliability_bins(scored["p"].to_numpy(), scored["outcome"].to_numpy())
    gaps = [abs(b["mean_predicted"] - b["observed"]) for b in bins if b["n"] >= MIN_BIN_EVENTS]
    out = {"events": len(scored), "reliability_gap": _r(max(gaps)) if gaps else None, "reliability": bins}
    out.update(brier_cells(scored, "p"))
    out.pop("brier_eurostat")
    out.pop("cells_below_eurostat")
    return out


# ----------------------------------------------------------------------------------------------- all


def validate(
    errors: pd.DataFrame,
    calibration: dict[str, Any],
    *,
    say: Callable[[str], Any] = print,
    external: tuple[str, ...] = tuple(EXTERNAL),
) -> dict[str, Any]:
    """The validation.json document: held-out scores per panel and shape, baselines of the same run."""
    rule = calibration["scale_rule"]
    # the rule not chosen, on both rungs (for two points the rules coincide: one change)
    other_rule = {rung: "path_deviation" for rung in rule}
    if other_rule == rule:
        other_rule = {rung: "mean_abs_change" for rung in rule}
    v1_rule = BASELINE_V1_SCALE_RULE
    v1_entries = cal.fit_from_errors(errors[errors["panel"].isin(BASELINE_V1_PANELS)], v1_rule)
    held_out: dict[str, Any] = {}
    for name in PANEL_NAMES:
        train = errors[errors["panel"] != name]
        domain = panel_spec(name).domain
        entries = cal.family_entries(train, rule, domain)
        other = cal.family_entries(train, other_rule, domain)
        own = errors[errors["panel"] == name]
        scaled = {candidate: provinces_out(own, entries, rule, *candidate) for candidate in SPREAD_CANDIDATES}
        chosen = tuple(cal.INDICATOR_SPREAD[k] for k in ("statistic", "weight", "by_h"))
        held_out[name] = {}
        for shape in SHAPES:
            is_shape = own["key"] == shape_key(shape, domain)
            held_out[name][shape] = {
                "product": score(scaled[chosen][is_shape], entries, rule),
                "pooled_spread": score(own[is_shape], entries, rule),
                "other_scale_rule": score(own[is_shape], other, other_rule),
                "v1": score(own[is_shape], v1_entries, v1_rule),
                **{
                    f"own_{stat}_w{w:g}{'_by_h' if by_h else ''}": score(rows[is_shape], entries, rule)
                    for (stat, w, by_h), rows in scaled.items()
                    if (stat, w, by_h) != chosen
                },
            }
        say(f"held out {name}: {len(errors[errors['panel'] == name])} rows scored")
    outside = {name: outside_view_scores(name) for name in PANEL_NAMES}
    widened = {name: outside_view_scores(name, widen=True) for name in PANEL_NAMES}
    say("outside view scored (leave one province out)")
    externals: dict[str, Any] = {}
    for name in external:
        rows_all = external_errors(name)
        domain = EXTERNAL[name][1]
        externals[name] = {}
        for shape in SHAPES:
            rows = rows_all[rows_all["key"] == shape_key(shape, domain)]
            externals[name][shape] = {
                "product": score(rows, calibration["entries"], rule),
                "v1": score(rows, v1_entries, v1_rule),
            }
        say(f"external {name}: {len(rows_all)} rows scored")
    return {
        "procedure": __doc__.split("\n\n")[0],
        "scale_rule": rule,
        "other_scale_rule": other_rule,
        "baseline_v1": {"panels": list(BASELINE_V1_PANELS), "scale_rule": v1_rule},
        "multipliers": list(MULTIPLIERS),
        "min_bin_events": MIN_BIN_EVENTS,
        "panels": {spec.name: {"indicator": spec.indicator, "domain": spec.domain} for spec in PANELS},
        "held_out": held_out,
        "outside_view": outside,
        "outside_view_widened": widened,
        "external": externals,
    }
