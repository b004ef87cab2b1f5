"""What a forecast calibrated by construction scores on a population's events (build time).

The aims of the leave-one-population-out validation (reliability gap, Brier against the held-out base rate,
coverage) are judged on events far from independent: every province's patents jumped or stalled in the same
year, a class's trend shift lasts several years, and one unit's value in a year is the outcome of every
shape, horizon and threshold that ends there. So even a forecast that is right shows a gap, a ratio and a
coverage that swing with the dozen origin years behind them. Here a population's own probabilities are taken
as TRUE and its outcomes are redrawn with the dependence its real outcomes showed:

- one latent normal per (unit, outcome year), shared by every case that ends there;
- its variance split into a part common to the outcome year (lag-1 correlated from year to year), a part of
  the unit and the rest, in the shares the population's own PITs show;
- the latent's normal CDF is every such case's PIT, so an event comes true when it exceeds 1 - p.

Every PIT is then uniform: the forecast is calibrated, only years and units are shared. A statistic inside
the 5-95% range of the draws is no evidence against the probabilities; one outside it is.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy import special

from .validation import BINS, MIN_BIN_EVENTS

#: Outcome sets drawn per population: enough for a 5-95% range to two decimals.
DRAWS = 200
#: The range reported, as quantiles of the draws.
RANGE = (0.05, 0.95)
#: A PIT of exactly 0 or 1 kept finite in normal scores.
PIT_CLIP = 1e-4
#: Shares of the latent's variance never given to the year and the unit (some scatter is each case's own).
MAX_SHARE, MAX_SHARES = 0.9, 0.95


def reliability_gap(p: np.ndarray, outcome: np.ndarray) -> float | None:
    """Largest |mean predicted - observed| over tenths of probability holding at least 30 events."""
    which = np.minimum((np.asarray(p) * BINS).astype(int), BINS - 1)
    n = np.bincount(which, minlength=BINS)
    ok = n >= MIN_BIN_EVENTS
    if not ok.any():
        return None
    predicted = np.bincount(which, p, minlength=BINS)[ok] / n[ok]
    observed = np.bincount(which, outcome, minlength=BINS)[ok] / n[ok]
    return float(np.max(np.abs(predicted - observed)))


def variance_shares(z: np.ndarray, year: np.ndarray, unit: np.ndarray) -> tuple[float, float]:
    """Shares of the variance of ``z`` common to an outcome year and to a unit (moment estimates).

    The variance of the group means less what the scatter within groups alone gives them, over the total;
    each clipped to [0, 0.9] and their sum to 0.95.
    """
    total = float(np.var(z))
    if total <= 0 or len(z) < 3:
        return 0.0, 0.0
    shares = []
    for group in (year, unit):
        frame = pd.DataFrame({"z": z, "g": group}).groupby("g")["z"]
        means, sizes, within = frame.mean(), frame.size(), frame.var(ddof=1).fillna(0.0)
        between = float(np.var(means)) - float(np.mean(within / sizes))
        shares.append(min(max(between / total, 0.0), MAX_SHARE))
    year_share, unit_share = shares
    if year_share + unit_share > MAX_SHARES:
        scale = MAX_SHARES / (year_share + unit_share)
        year_share, unit_share = year_share * scale, unit_share * scale
    return year_share, unit_share


def year_persistence(z: np.ndarray, year_of: np.ndarray, years: int) -> float:
    """Lag-1 autocorrelation of the outcome years' mean normal scores, clipped to [0, 0.9] (0 under 4 years).

    A class whose trend shifted stays too low or too high for several years running; drawing each year's
    shock afresh would make the years look more independent than they were.
    """
    if years < 4:
        return 0.0
    means = np.bincount(year_of, z, minlength=years) / np.maximum(np.bincount(year_of, minlength=years), 1)
    centred = means - means.mean()
    denominator = float(np.sum(centred**2))
    if denominator <= 0:
        return 0.0
    return float(np.clip(np.sum(centred[1:] * centred[:-1]) / denominator, 0.0, 0.9))


def ar1(rng: np.random.Generator, n: int, phi: float) -> np.ndarray:
    """``n`` standard normal shocks with lag-1 correlation ``phi`` (unit variance at every step)."""
    out = np.empty(n)
    out[0] = rng.standard_normal()
    for t in range(1, n):
        out[t] = phi * out[t - 1] + np.sqrt(1.0 - phi**2) * rng.standard_normal()
    return out


def calibrated_draws(ev: pd.DataFrame, column: str, draws: int = DRAWS, seed: int = 0) -> dict[str, Any]:
    """The aims' statistics over outcome sets drawn as if ``column`` were the true probabilities.

    ``ev`` holds one row per event with ``case``, ``unit``, ``origin``, ``h``, ``g``, ``column`` and its PIT
    column (``p_x`` -> ``pit_x``); pooled events carry ``population``, which then prefixes cases and units.
    Returns arrays ``gap``, ``ratio`` (Brier over the drawn outcomes' base rate per (g, h)), ``cover_80``,
    ``cover_95`` and the dependence used (``year_share``, ``unit_share``, ``year_persistence``).
    """
    ev = ev[np.isfinite(ev[column])]
    # pooled events: a population's cases, units and years are its own
    prefix = ev["population"].astype(str) + "/" if "population" in ev else pd.Series("", index=ev.index)
    case_id = (prefix + ev["case"].astype(str)).to_numpy()
    first = ~pd.Series(case_id).duplicated().to_numpy()
    cases, case_prefix = ev[first], prefix[first]
    unit = (case_prefix + cases["unit"].astype(str)).to_numpy()
    outcome_year = (case_prefix + (cases["origin"] + cases["h"]).astype(str)).to_numpy()
    key_index, key_values = pd.factorize(pd.MultiIndex.from_arrays([unit, outcome_year]))
    z = special.ndtri(np.clip(cases[column.replace("p_", "pit_")].to_numpy(), PIT_CLIP, 1 - PIT_CLIP))
    z_key = np.bincount(key_index, z) / np.bincount(key_index)
    key_unit = np.asarray([k[0] for k in key_values])
    key_year = np.asarray([k[1] for k in key_values])
    year_share, unit_share = variance_shares(z_key, key_year, key_unit)
    # years in calendar order (pooled: population by population) for the lag-1 correlation
    years, year_of_key = np.unique(key_year, return_inverse=True)
    units, unit_of_key = np.unique(key_unit, return_inverse=True)
    persistence = year_persistence(z_key, year_of_key, len(years))

    event_key = key_index[pd.Series(np.arange(len(cases)), index=case_id[first]).loc[case_id].to_numpy()]
    p = ev[column].to_numpy()
    cell = pd.factorize(pd.MultiIndex.from_arrays([ev["g"].to_numpy(), ev["h"].to_numpy()]))[0]
    cell_size = np.bincount(cell)
    rng = np.random.default_rng(seed)
    stats = {k: np.full(draws, np.nan) for k in ("gap", "ratio", "cover_80", "cover_95")}
    for d in range(draws):
        latent = (
            np.sqrt(year_share) * ar1(rng, len(years), persistence)[year_of_key]
            + np.sqrt(unit_share) * rng.standard_normal(len(units))[unit_of_key]
            + np.sqrt(1.0 - year_share - unit_share) * rng.standard_normal(len(key_values))
        )
        u_key = special.ndtr(latent)
        outcome = (u_key[event_key] > 1.0 - p).astype(float)
        base = (np.bincount(cell, outcome) / cell_size)[cell]
        brier_base = float(np.mean((base - outcome) ** 2))
        gap = reliability_gap(p, outcome)
        stats["gap"][d] = np.nan if gap is None else gap
        if brier_base > 0:
            stats["ratio"][d] = float(np.mean((p - outcome) ** 2)) / brier_base
        u_case = u_key[key_index]
        stats["cover_80"][d] = float(np.mean((u_case >= 0.1) & (u_case <= 0.9)))
        stats["cover_95"][d] = float(np.mean((u_case >= 0.025) & (u_case <= 0.975)))
    return {**stats, "year_share": year_share, "unit_share": unit_share, "year_persistence": persistence}
