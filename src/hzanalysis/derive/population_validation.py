"""Leave one population out: the persistence model scored on populations it was not fitted on (build time).

For every population in turn: fit on all the others, score the held-out one with its class (its units as
known at each origin update the prior) and without (the other populations as a library of hypotheses its
own drift chooses among), on the report's history shapes. Event: value in
year T+h >= last x (1+g). Baselines on the same events: a random walk without drift and drift (normal, the
spread of the series' own yearly changes), the Eurostat rule read as 0/1, the held-out population's own base
rate per (g, h) (an oracle: it knows the outcomes). Used by ``make calibrate`` (the summary the reliability
and target pages show) and by ``benchmarks/populations.py`` (the full tables).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy import special

from .. import persistence as ps
from .. import populations as pops
from ..transforms import to_growth_scale
from .chance import RANGE, calibrated_draws, reliability_gap
from .validation import BINS, MIN_BIN_EVENTS, eurostat_01

GROWTHS = (-0.10, -0.05, 0.0, 0.05, 0.10, 0.20)
MIN_BIN = MIN_BIN_EVENTS
SHAPE_GROUPS = {
    "full": ("full",),
    "3pt": ("3pt",),
    "2pt": tuple(f"2pt_g{g}" for g in range(1, 8)),
    "1pt": ("1pt",),
}
AIM_BRIER_RATIO = 1.10
AIM_GAP_CLASS = 0.15
AIM_GAP_POOLED = 0.10
AIM_GAP_OWN = 0.20
AIM_80 = (0.76, 0.84)
AIM_95 = (0.92, 0.97)
#: Resamples of origin years behind a gap's range (:func:`gap_range`), and the range's quantiles.
GAP_DRAWS = 400
GAP_RANGE = (0.05, 0.95)


def gap_range(p: np.ndarray, outcome: np.ndarray, block: np.ndarray, seed: int = 0) -> list[float] | None:
    """The 5th and 95th percentiles of the reliability gap when whole blocks (origin years) are resampled.

    Why: a year's events come true or fail together (every province's patents jumped in 2015 and 2021), so
    tens of thousands of events are about a dozen independent years, and a bin's observed frequency swings
    with two or three of them. The range says how far the gap itself moves with the years drawn; a miss
    whose range stays above the aim is not the luck of the years. None when no resample has a bin of 30.
    """
    which = np.minimum((p * BINS).astype(int), BINS - 1)
    blocks, inverse = np.unique(block, return_inverse=True)
    # per block and bin: events, sum of predictions, sum of outcomes
    sums = np.zeros((3, len(blocks), BINS))
    for k, values in enumerate((np.ones(len(p)), p, outcome)):
        np.add.at(sums[k], (inverse, which), values)
    rng = np.random.default_rng(seed)
    counts = rng.multinomial(len(blocks), np.full(len(blocks), 1.0 / len(blocks)), size=GAP_DRAWS)
    n, predicted, observed = (counts @ sums[k] for k in range(3))
    with np.errstate(invalid="ignore", divide="ignore"):
        gaps = np.where(n >= MIN_BIN, np.abs(predicted - observed) / n, np.nan)
    ok = np.isfinite(gaps).any(axis=1)
    if not ok.any():
        return None
    best = np.nanmax(gaps[ok], axis=1)
    return [float(np.quantile(best, q)) for q in GAP_RANGE]


def baselines(ev: pd.DataFrame) -> pd.DataFrame:
    """Random walk without drift, drift (normal, own spread), Eurostat 0/1 for events with 2+ points."""
    sigma = np.maximum(ev["scale"].to_numpy() * np.sqrt(np.pi / 2), ps.SCALE_FLOOR) * np.sqrt(
        ev["h"].to_numpy()
    )
    gap = ev["thr_z"].to_numpy() - ev["z_last"].to_numpy()
    ev = ev.assign(
        p_rw=1.0 - special.ndtr(gap / sigma),
        p_drift=1.0 - special.ndtr((gap - ev["h"].to_numpy() * ev["drift"].to_numpy()) / sigma),
        p_eurostat=eurostat_01(
            ev["y_first"].to_numpy(),
            ev["first_year"].to_numpy(float),
            ev["y_last"].to_numpy(),
            ev["origin"].to_numpy(float),
            ev["thr"].to_numpy(),
            (ev["origin"] + ev["h"]).to_numpy(float),
        ),
    )
    one = ev["n"] < 2
    ev.loc[one, ["p_rw", "p_drift"]] = np.nan
    return ev


def predict(table: pd.DataFrame, cdf_for: Any, with_class: bool) -> tuple[np.ndarray, np.ndarray]:
    """PIT of each case's outcome and P(value >= last x (1+g)) for every g (cases x len(GROWTHS)).

    ``cdf_for(origin)`` is the predictive CDF of the cases of that origin: ``(cases, values) -> P``.
    """
    pit = np.full(len(table), np.nan)
    prob = np.full((len(table), len(GROWTHS)), np.nan)
    table = table.reset_index(drop=True)
    for origin, rows in table.groupby("origin", sort=True):
        idx = rows.index.to_numpy()
        cases = pops.as_cases(rows, with_class=with_class)
        thr_z = np.column_stack([rows[f"thr_z_{i}"].to_numpy() for i in range(len(GROWTHS))])
        values = np.column_stack([rows["z_actual"].to_numpy(), np.nan_to_num(thr_z, nan=np.inf)])
        result = cdf_for(origin)(cases, values)
        pit[idx] = result[:, 0]
        prob[idx] = 1.0 - result[:, 1:]
    return pit, prob


#: An origin year's events are "too low" or "too high" when their mean probability misses their observed
#: frequency by more than this.
YEAR_BIAS = 0.05


def year_bias(ev: pd.DataFrame, column: str) -> dict[str, Any]:
    """Mean probability minus observed frequency, and the origin years predicted too low or too high.

    A bias that holds in most origin years is a shift every unit shared (the class's trend moved), not the
    luck of one or two years' common shocks, which leave the mean right and the years on both sides.
    """
    # pooled, a year of each population is one origin year (as the blocks of :func:`gap_range`)
    keys = ["population", "origin"] if "population" in ev else ["origin"]
    by_year = ev.groupby(keys)[[column, "outcome"]].mean()
    diff = by_year[column] - by_year["outcome"]
    return {
        "bias": float(ev[column].mean() - ev["outcome"].mean()),
        "years_low": int((diff < -YEAR_BIAS).sum()),
        "years_high": int((diff > YEAR_BIAS).sum()),
        "years": len(diff),
    }


def score(ev: pd.DataFrame, column: str) -> dict[str, Any]:
    """Brier of ``column`` beside the baselines' on the same events, reliability gap, coverage."""
    ev = ev[np.isfinite(ev[column])]
    if ev.empty:
        return {"events": 0}
    base = ev.groupby(["g", "h"])["outcome"].transform("mean")
    out: dict[str, Any] = {
        "events": len(ev),
        "brier": float(((ev[column] - ev["outcome"]) ** 2).mean()),
        "brier_base_rate": float(((base - ev["outcome"]) ** 2).mean()),
        "brier_eurostat": float(((ev["p_eurostat"] - ev["outcome"]) ** 2).mean()),
        "gap": reliability_gap(ev[column].to_numpy(), ev["outcome"].to_numpy()),
    }
    if "origin" in ev:
        # a population's year is one block; pooled, each population's years are blocks of their own
        block = ev["origin"].astype(str)
        if "population" in ev:
            block = ev["population"].astype(str) + "/" + block
        out["gap_range"] = gap_range(ev[column].to_numpy(), ev["outcome"].to_numpy(), block.to_numpy())
        out.update(year_bias(ev, column))
    two = ev[ev["n"] >= 2]
    if len(two):
        out["brier_rw"] = float(((two["p_rw"] - two["outcome"]) ** 2).mean())
        out["brier_drift"] = float(((two["p_drift"] - two["outcome"]) ** 2).mean())
        out["brier_same_events"] = float(((two[column] - two["outcome"]) ** 2).mean())
    pit_col = column.replace("p_", "pit_")
    first = ev.drop_duplicates("case")
    if pit_col in first:
        pit = first[pit_col].to_numpy()
        out["cover_80"] = float(np.mean((pit >= 0.1) & (pit <= 0.9)))
        out["cover_95"] = float(np.mean((pit >= 0.025) & (pit <= 0.975)))
    return out


def held_out(
    name: str,
    table: pd.DataFrame,
    domain: str,
    atoms: tuple[dict[str, int], dict[str, ps.Atom]],
) -> pd.DataFrame:
    """Every event of one population with the probabilities of every method, fitted without it."""
    with_class, without = atoms
    prior_class = ps.mixture_prior(
        {p: i for p, i in with_class.items() if p != name}, f"populations other than {name}"
    )
    library = ps.Library(
        tuple(a for p, a in sorted(without.items()) if p != name), f"populations other than {name}"
    )
    table = table.reset_index(drop=True).assign(case=lambda t: np.arange(len(t)))
    for i, g in enumerate(GROWTHS):
        thr = table["y_last"].to_numpy() * (1.0 + g)
        ok = thr < 100.0 if domain == "share" else np.ones(len(thr), bool)
        table[f"thr_z_{i}"] = np.where(ok, to_growth_scale(np.where(ok, thr, np.nan), domain), np.nan)
    beliefs = pops.class_beliefs(table, prior_class, np.sort(table["origin"].unique()))
    # the own trend at full weight: each population's beta and lambda, tau pinned to infinity
    full = library.pinned()
    columns = {}
    classed = (table["class_growth"].notna() & table["class_scale"].notna()).to_numpy()
    own_rows = (table["n"] >= 2).to_numpy()
    for label, mask, cdf_for, with_class_ in (
        ("class", classed, lambda o: lambda c, v: ps.cdf(beliefs[int(o)], c, v), True),
        ("own", own_rows, lambda o: library.cdf, False),
        ("fullweight", own_rows, lambda o: full.cdf, False),
    ):
        pit = np.full(len(table), np.nan)
        prob = np.full((len(table), len(GROWTHS)), np.nan)
        pit[mask], prob[mask] = predict(table[mask], cdf_for, with_class_)
        columns[label] = (pit, prob)
    pieces = []
    for i, g in enumerate(GROWTHS):
        ok = np.isfinite(table[f"thr_z_{i}"].to_numpy())
        piece = table[ok].copy()
        piece["g"] = g
        piece["thr"] = piece["y_last"] * (1.0 + g)
        piece["thr_z"] = piece[f"thr_z_{i}"]
        piece["outcome"] = (piece["y_actual"] >= piece["thr"]).astype(float)
        for label, (pit, prob) in columns.items():
            piece[f"pit_{label}"] = pit[ok]
            piece[f"p_{label}"] = prob[ok, i]
        pieces.append(piece)
    ev = baselines(pd.concat(pieces, ignore_index=True))
    ev["population"] = name
    return ev


def shape_group(shape: str) -> str:
    """The history group of a case shape: full, 3pt, 2pt or 1pt."""
    return next(g for g, members in SHAPE_GROUPS.items() if shape in members)


def aims_met(scores: dict[str, Any], mode: str) -> dict[str, bool]:
    """Which of the aims a population's scores meet (Brier ratio, gap, coverage, beating the baselines)."""
    if not scores.get("events"):
        return {}
    gap_aim = AIM_GAP_CLASS if mode == "class" else AIM_GAP_OWN
    beats = scores["brier"] < scores["brier_eurostat"] and all(
        scores.get("brier_same_events", scores["brier"]) < scores[k]
        for k in ("brier_rw", "brier_drift")
        if k in scores
    )
    return {
        "brier_within_110pct_of_base_rate": scores["brier"] <= AIM_BRIER_RATIO * scores["brier_base_rate"],
        "beats_baselines": bool(beats),
        "reliability_gap": scores["gap"] is not None and scores["gap"] <= gap_aim,
        "cover_80": AIM_80[0] <= scores.get("cover_80", -1) <= AIM_80[1],
        "cover_95": AIM_95[0] <= scores.get("cover_95", -1) <= AIM_95[1],
    }


def validate(
    populations: list[pops.Population],
    tables: dict[str, pd.DataFrame],
    atoms: tuple[dict[str, int], dict[str, ps.Atom]],
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Every held-out event with each method's probability, and the summary per population and mode."""
    pieces = []
    for pop in populations:
        events = held_out(pop.name, tables[pop.name], pop.domain, atoms)
        events["china"] = pop.china
        pieces.append(events)
    every = pd.concat(pieces, ignore_index=True)
    summary: dict[str, Any] = {}
    for mode in ("class", "own"):
        column = f"p_{mode}"
        for name, events in every.groupby("population", sort=False):
            scores = score(events, column)
            aims = aims_met(scores, mode)
            summary[f"{mode}/{name}"] = {
                **_rounded(scores),
                "aims": aims,
                "chance": chance(events, column, scores, aims, gap_aim(mode)),
            }
        outside = every[~every["china"]]
        scores = score(outside, column)
        aims = aims_met(scores, mode)
        if mode == "class" and scores.get("gap") is not None:
            aims["reliability_gap"] = scores["gap"] <= AIM_GAP_POOLED
        summary[f"{mode}/pooled_outside_china"] = {
            **_rounded(scores),
            "aims": aims,
            "chance": chance(outside, column, scores, aims, gap_aim(mode, pooled=True)),
        }
    return every, summary


def gap_aim(mode: str, pooled: bool = False) -> float:
    """The reliability gap aimed at: 0.15 with a class (0.10 pooled outside China), 0.20 without."""
    if mode != "class":
        return AIM_GAP_OWN
    return AIM_GAP_POOLED if pooled else AIM_GAP_CLASS


def chance(
    ev: pd.DataFrame, column: str, scores: dict[str, Any], aims: dict[str, bool], gap_limit: float
) -> dict[str, Any]:
    """What a forecast calibrated by construction shows on these events (:mod:`.chance`), per aim.

    ``range``: the 5-95% range of each aim's statistic over the draws; ``met_if_calibrated``: the share of
    draws meeting the aim; ``misses``: each aim missed, ``within`` chance (the observed statistic inside the
    range: no evidence against the probabilities) or ``beyond`` it.
    """
    if not scores.get("events"):
        return {}
    draws = calibrated_draws(ev, column)
    observed = {
        "ratio": scores["brier"] / scores["brier_base_rate"] if scores["brier_base_rate"] else None,
        "gap": scores.get("gap"),
        "cover_80": scores.get("cover_80"),
        "cover_95": scores.get("cover_95"),
    }
    statistic = {
        "brier_within_110pct_of_base_rate": ("ratio", lambda v: v <= AIM_BRIER_RATIO),
        "reliability_gap": ("gap", lambda v: v <= gap_limit),
        "cover_80": ("cover_80", lambda v: (v >= AIM_80[0]) & (v <= AIM_80[1])),
        "cover_95": ("cover_95", lambda v: (v >= AIM_95[0]) & (v <= AIM_95[1])),
    }
    out: dict[str, Any] = {"range": {}, "met_if_calibrated": {}, "misses": {}}
    for aim, (stat, meets) in statistic.items():
        values = draws[stat][np.isfinite(draws[stat])]
        value = observed[stat]
        if not len(values) or value is None:
            continue
        low, high = (float(q) for q in np.quantile(values, RANGE))
        out["range"][stat] = [float(f"{low:.4g}"), float(f"{high:.4g}")]
        out["met_if_calibrated"][aim] = float(f"{np.mean(meets(values)):.3g}")
        if aim in aims and not aims[aim]:
            out["misses"][aim] = "within" if low <= value <= high else "beyond"
    out["dependence"] = {
        k: float(f"{draws[k]:.3g}") for k in ("year_share", "unit_share", "year_persistence")
    }
    return out


def _rounded(scores: dict[str, Any]) -> dict[str, Any]:
    def rounded(v: Any) -> Any:
        if isinstance(v, float):
            return float(f"{v:.4g}")
        return [rounded(x) for x in v] if isinstance(v, list) else v

    return {k: rounded(v) for k, v in scores.items()}
