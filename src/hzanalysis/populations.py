"""Populations of units for learning how far trends carry: their cases, class statistics and views.

A population is a panel of units of one indicator: the six Chinese provincial panels, four sub-national S&T
panels of other countries (US states, EU NUTS-2 regions) and the Tourism and M1 competition sets. Each is
turned into *cases* (a history as known at an origin, in one of the report's shapes, and what followed),
the material of :mod:`hzanalysis.persistence`'s fit and of the leave-one-population-out validation.

The fit itself runs at build time (:mod:`hzanalysis.derive.populations`, reading ``../shared/data``); what
stays here is what a forecast needs at run time: a caller's reference class learned from its own units
(:func:`class_view`) through the same cases and class statistics the fit used.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import persistence as ps
from .persistence import Cases
from .reference import ReferenceClass
from .transforms import to_growth_scale

#: Horizons scored (the report's: a 2024 figure forecast to 2025 is h = 1; a 2022 figure h = 3).
HORIZONS = (1, 2, 3)
#: History shapes: the full history (3+ points), the last three, two points 1-7 years apart, one point.
SHAPES = ("full", "3pt", *(f"2pt_g{g}" for g in range(1, 8)), "1pt")
#: Largest number of cases kept per population and shape (a fixed-seed sample beyond it).
MAX_CASES_PER_SHAPE = 2500


@dataclass(frozen=True)
class Population:
    """One population: name, domain, whether it is Chinese provinces, and its units' yearly series."""

    name: str
    domain: str
    china: bool
    series: dict[str, pd.Series]
    source: str


def _series(tidy: pd.DataFrame, unit: str = "region") -> dict[str, pd.Series]:
    out = {}
    for name, rows in tidy.groupby(unit, sort=True):
        values = pd.Series(rows["value"].to_numpy(float), index=rows["year"].to_numpy(int)).sort_index()
        values = values[values > 0]
        if len(values) >= 2:
            out[str(name)] = values[~values.index.duplicated()]
    return out


def _grid(values: pd.Series, domain: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    years = np.arange(int(values.index.min()), int(values.index.max()) + 1)
    y = values.reindex(years).to_numpy(float)
    if domain == "share":
        y = np.where((y > 0) & (y < 100), y, np.nan)
    return years, y, to_growth_scale(y, domain)


def yearly_changes(z: np.ndarray) -> np.ndarray:
    """Yearly changes between the observed points (a change across a gap of g years counts /g)."""
    idx = np.flatnonzero(np.isfinite(z))
    return np.diff(z[idx]) / np.diff(idx) if len(idx) >= 2 else np.zeros(0)


def own_scale(z: np.ndarray) -> float:
    """Mean absolute yearly change of the observed points (NaN below two points)."""
    changes = yearly_changes(z)
    return float(np.mean(np.abs(changes))) if len(changes) else float("nan")


def own_noise(z: np.ndarray) -> float:
    """Standard deviation of the yearly changes around their mean (NaN below two changes)."""
    changes = yearly_changes(z)
    return float(np.sqrt(np.mean((changes - changes.mean()) ** 2))) if len(changes) >= 2 else float("nan")


CASE_COLUMNS = [
    "unit",
    "origin",
    "shape",
    "h",
    "n",
    "z_first",
    "first_year",
    "z_last",
    "y_first",
    "y_last",
    "drift",
    "span",
    "scale",
    "noise",
    "z_actual",
    "y_actual",
]


def _running(z: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """At every grid position, from the observed points up to it: mean |yearly change|, their sd, count.

    A change across a gap of g years counts /g (as :func:`yearly_changes`); positions before the second
    observed point get NaN (and count 0); a position that is not observed carries the last observed one's.
    """
    obs = np.flatnonzero(np.isfinite(z))
    scale = np.full(len(z), np.nan)
    noise = np.full(len(z), np.nan)
    count = np.zeros(len(z))
    if len(obs) >= 2:
        changes = np.diff(z[obs]) / np.diff(obs)
        k = np.arange(1, len(changes) + 1, dtype=float)
        mean_abs = np.cumsum(np.abs(changes)) / k
        mean = np.cumsum(changes) / k
        sd = np.sqrt(np.maximum(np.cumsum(changes**2) / k - mean**2, 0.0))
        sd[0] = np.nan  # one change: no spread of its own
        at = np.searchsorted(obs[1:], np.arange(len(z)), side="right") - 1  # last change ending by then
        ok = at >= 0
        scale[ok], noise[ok], count[ok] = mean_abs[at[ok]], sd[at[ok]], k[at[ok]]
    return scale, noise, count


def _unit_cases(
    unit: str, years: np.ndarray, y: np.ndarray, z: np.ndarray, into: dict[str, list[np.ndarray]]
) -> None:
    """Every case of one unit (all shapes and horizons), vectorised over origins, appended to ``into``."""
    known = np.isfinite(z)
    positions = np.arange(len(z))
    scale, noise, count = _running(z)
    first_obs = int(np.flatnonzero(known)[0])
    shapes: list[tuple[str, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
    t = positions[known]
    nan = np.full(len(t), np.nan)
    shapes.append(("1pt", t, t, np.ones(len(t)), nan, nan))
    full = t[count[t] >= 2]
    shapes.append(("full", full, np.full(len(full), first_obs), count[full] + 1, scale[full], noise[full]))
    three = t[(t >= 2) & known[np.maximum(t - 1, 0)] & known[np.maximum(t - 2, 0)]]
    c1, c2 = z[three - 1] - z[three - 2], z[three] - z[three - 1]
    shapes.append(
        (
            "3pt",
            three,
            three - 2,
            np.full(len(three), 3.0),
            (np.abs(c1) + np.abs(c2)) / 2,
            np.abs(c1 - c2) / 2,
        )
    )
    for gap in range(1, 8):
        two = t[(t >= gap) & known[np.maximum(t - gap, 0)]]
        size = np.abs(z[two] - z[two - gap]) / gap
        shapes.append(
            (f"2pt_g{gap}", two, two - gap, np.full(len(two), 2.0), size, np.full(len(two), np.nan))
        )
    for shape, last, first, n, own_scale_, own_noise_ in shapes:
        for h in HORIZONS:
            ahead = last + h
            ok = ahead < len(z)
            ok[ok] = known[ahead[ok]]
            if not ok.any():
                continue
            lt, ft = last[ok], first[ok]
            span = (lt - ft).astype(float)
            with np.errstate(invalid="ignore", divide="ignore"):
                drift = np.where(span > 0, (z[lt] - z[ft]) / span, 0.0)
            columns = {
                "unit": np.full(len(lt), unit, dtype=object),
                "origin": years[lt].astype(int),
                "shape": np.full(len(lt), shape, dtype=object),
                "h": np.full(len(lt), h),
                "n": n[ok].astype(int),
                "z_first": z[ft],
                "first_year": years[ft].astype(int),
                "z_last": z[lt],
                "y_first": y[ft],
                "y_last": y[lt],
                "drift": drift,
                "span": span,
                "scale": own_scale_[ok],
                "noise": own_noise_[ok],
                "z_actual": z[lt + h],
                "y_actual": y[lt + h],
            }
            for name, values in columns.items():
                into[name].append(values)


def case_table(pop: Population, seed: int = 0) -> pd.DataFrame:
    """Every (unit, origin, shape, h) case of a population with its outcome, sampled per shape.

    Shapes: the full history (3+ points), the last three (consecutive), two points 1-7 years apart, one
    point; an origin with no observed outcome within :data:`HORIZONS` gives no case.
    """
    collected: dict[str, list[np.ndarray]] = {name: [] for name in CASE_COLUMNS}
    for unit, values in pop.series.items():
        years, y, z = _grid(values, pop.domain)
        _unit_cases(unit, years, y, z, collected)
    if not collected["unit"]:
        return pd.DataFrame(columns=CASE_COLUMNS)
    table = pd.DataFrame({name: np.concatenate(parts) for name, parts in collected.items()})
    table = table.sort_values(["unit", "origin", "shape", "h"], kind="stable").reset_index(drop=True)
    rng = np.random.default_rng(seed)
    keep = []
    for _, group in table.groupby("shape", sort=True):
        if len(group) > MAX_CASES_PER_SHAPE:
            group = group.iloc[np.sort(rng.choice(len(group), MAX_CASES_PER_SHAPE, replace=False))]
        keep.append(group)
    return pd.concat(keep).sort_values(["unit", "origin", "shape", "h"], kind="stable").reset_index(drop=True)


def class_stats(pop: Population) -> pd.DataFrame:
    """Per year T: the class's median yearly growth, typical yearly scale and noise, known by T."""
    grids = {unit: _grid(values, pop.domain) for unit, values in pop.series.items()}
    if not grids:
        return pd.DataFrame(columns=["origin", "class_growth", "class_scale", "class_noise", "class_changes"])
    all_years = np.arange(
        min(int(g[0][0]) for g in grids.values()), max(int(g[0][-1]) for g in grids.values()) + 1
    )
    scales = np.full((len(grids), len(all_years)), np.nan)
    noises = np.full((len(grids), len(all_years)), np.nan)
    levels = np.full((len(grids), len(all_years)), np.nan)
    change_years, changes = [], []
    for row, (years, _, z) in enumerate(grids.values()):
        scale, noise, _ = _running(z)
        known_z = pd.Series(z).ffill().to_numpy()  # each unit's last known level by then
        start = int(years[0] - all_years[0])
        levels[row, start : start + len(years)] = known_z
        levels[row, start + len(years) :] = known_z[-1]
        at = slice(int(years[0] - all_years[0]), int(years[0] - all_years[0]) + len(years))
        scales[row, at], noise_row = scale, noise
        noises[row, at] = noise_row
        # a unit's last value carries to the later years (what was known of it by then)
        tail = int(years[-1] - all_years[0]) + 1
        scales[row, tail:], noises[row, tail:] = scale[-1], noise[-1]
        one = z[1:] - z[:-1]
        ok = np.isfinite(one)
        change_years.append(years[1:][ok])
        changes.append(one[ok])
    change_year = np.concatenate(change_years)
    change = np.concatenate(changes)
    order = np.argsort(change_year, kind="stable")
    change_year, change = change_year[order], change[order]
    out = []
    for col, year in enumerate(all_years):
        # every known year: the median of the last three years only was measured worse (patents granted
        # gap 0.30 -> 0.48, Tourism 0.05 -> 0.16; benchmarks/README.md)
        known = change[: np.searchsorted(change_year, year, side="right")]
        unit_scales = scales[:, col][np.isfinite(scales[:, col])]
        unit_noises = noises[:, col][np.isfinite(noises[:, col])]
        size = _size_relation(levels[:, col], noises[:, col]) if pop.domain != "share" else {}
        out.append(
            {
                "origin": int(year),
                "class_growth": float(np.median(known)) if len(known) >= 10 else np.nan,
                "class_scale": float(np.median(unit_scales)) if len(unit_scales) >= 5 else np.nan,
                "class_noise": float(np.median(unit_noises)) if len(unit_noises) >= 5 else np.nan,
                "class_changes": len(known),
                **size,
            }
        )
    return pd.DataFrame(out)


#: Fewest units with a noise of their own for a class to say how volatility changes with size.
MIN_SIZE_UNITS = 10
#: Bounds of that elasticity (volatility against size), beyond which a fit is taken as noise.
SIZE_SLOPE_RANGE = (-0.6, 0.3)


def _size_relation(levels: np.ndarray, noises: np.ndarray) -> dict[str, float]:
    """How the units' noise changes with their size in one year: elasticity, median level, size range."""
    ok = np.isfinite(levels) & np.isfinite(noises) & (noises > 0)
    if ok.sum() < MIN_SIZE_UNITS:
        return {}
    median = float(np.median(levels[ok]))
    relative = levels[ok] - median
    slope = float(np.polyfit(relative, np.log(noises[ok]), 1)[0])
    return {
        "class_level": median,
        "class_size_slope": float(np.clip(slope, *SIZE_SLOPE_RANGE)),
        "class_size_low": float(relative.min()),
        "class_size_high": float(relative.max()),
    }


def size_factor(table: pd.DataFrame) -> np.ndarray:
    """Each case's :func:`hzanalysis.persistence.size_factor` from its class's size relation at its origin."""
    if "class_size_slope" not in table:
        return np.ones(len(table))
    z_last, level, slope, low, high = (
        table[c].to_numpy(float)
        for c in ("z_last", "class_level", "class_size_slope", "class_size_low", "class_size_high")
    )
    return ps.size_factor(z_last, level, slope, low, high)


def size_of(row: pd.Series) -> dict[str, float]:
    """A class_stats row's size relation as :attr:`hzanalysis.persistence.ClassView.size` (empty if none)."""
    columns = {
        "level": "class_level",
        "slope": "class_size_slope",
        "low": "class_size_low",
        "high": "class_size_high",
    }
    if not all(c in row and np.isfinite(row[c]) for c in columns.values()):
        return {}
    return {key: float(row[c]) for key, c in columns.items()}


def as_cases(table: pd.DataFrame, *, with_class: bool) -> Cases:
    """The persistence model's cases from a case table (with its class columns when ``with_class``).

    With a class, its typical scale and noise are those of a unit of the case's size (:func:`size_factor`);
    without, the class fields are empty (:class:`hzanalysis.persistence.Atom` fills them per population).
    """
    n = len(table)
    if with_class:
        adjust = size_factor(table)
        growth = table["class_growth"].to_numpy(float)
        scale = table["class_scale"].to_numpy(float) * adjust
        noise = table["class_noise"].to_numpy(float) * adjust
    else:
        growth, scale, noise = np.zeros(n), np.full(n, np.nan), np.full(n, np.nan)
    return Cases(
        z_last=table["z_last"].to_numpy(float),
        drift=table["drift"].to_numpy(float),
        span=table["span"].to_numpy(float),
        n_changes=(table["n"] - 1).to_numpy(float),
        scale=table["scale"].to_numpy(float),
        noise=table["noise"].to_numpy(float),
        h=table["h"].to_numpy(float),
        z_actual=table["z_actual"].to_numpy(float),
        class_growth=growth,
        class_scale=scale,
        class_noise=noise,
    )


def prepare(pop: Population) -> pd.DataFrame:
    """The population's cases with its class statistics at each origin."""
    return case_table(pop).merge(class_stats(pop), on="origin", how="left")


def year_correlation(years: np.ndarray, changes: np.ndarray) -> float:
    """How much the units' yearly changes move together within a year: the intraclass correlation.

    The one-way analysis-of-variance estimator ICC(1) with years as groups (years of one unit are dropped),
    clipped to [0, 1]; NaN where fewer than two such years are known.
    """
    ok = np.isfinite(changes)
    years, changes = years[ok], changes[ok]
    distinct, inverse, sizes = np.unique(years, return_inverse=True, return_counts=True)
    keep = sizes[inverse] >= 2
    years, changes = years[keep], changes[keep]
    distinct, inverse, sizes = np.unique(years, return_inverse=True, return_counts=True)
    n_years, n = len(distinct), len(changes)
    if n_years < 2 or n - n_years < 1:
        return float("nan")
    means = np.bincount(inverse, weights=changes) / sizes
    between = float(np.sum(sizes * (means - changes.mean()) ** 2)) / (n_years - 1)
    within = float(np.sum((changes - means[inverse]) ** 2)) / (n - n_years)
    typical_size = (n - float(np.sum(sizes**2)) / n) / (n_years - 1)
    denominator = between + (typical_size - 1.0) * within
    return float(np.clip((between - within) / denominator, 0.0, 1.0)) if denominator > 0 else 0.0


def year_witnesses(table: pd.DataFrame, known_year: np.ndarray, units: np.ndarray) -> np.ndarray:
    """Per case, how much one unit of its known year counts: ``1 / (1 + (m - 1) * rho)``, the design effect.

    Units of one year share that year's shocks, so ``m`` of them are ``m / (1 + (m - 1) rho)`` independent
    witnesses, not ``m``; ``rho`` is :func:`year_correlation` of the class's yearly changes whose year is
    known by then (0, no discount, while fewer than two years tell it). Without this, a class of 31 units
    that rose together for two years teaches its persistence as if 62 histories agreed.
    """
    yearly = table[table["h"] == 1].drop_duplicates(["unit", "origin"])
    change_year = (yearly["origin"] + 1).to_numpy()
    change = (yearly["z_actual"] - yearly["z_last"]).to_numpy(float)
    factor = {}
    for year in np.unique(known_year):
        known = change_year <= year
        rho = year_correlation(change_year[known], change[known])
        witnesses = len(np.unique(units[known_year == year]))
        factor[year] = 1.0 / (1.0 + (witnesses - 1) * (rho if np.isfinite(rho) else 0.0))
    return np.array([factor[year] for year in known_year])


def class_beliefs(table: pd.DataFrame, prior: ps.Belief, years: np.ndarray) -> dict[int, ps.Belief]:
    """For each year, the prior updated by every case of the class whose outcome was known by then.

    Each unit counts once for every year whose outcome is known: its shapes and horizons are not
    independent evidence; and the units of one year count as the independent witnesses they are
    (:func:`year_witnesses`).
    """
    teach = table[table["class_growth"].notna() & table["class_scale"].notna() & (table["n"] >= 2)]
    teach = teach.drop_duplicates(["unit", "origin", "shape", "h"])
    known_year = (teach["origin"] + teach["h"]).to_numpy()
    units = teach["unit"].astype(str).to_numpy()
    weights = ps.unit_weights(units + "@" + known_year.astype(str))
    weights = weights * year_witnesses(table, known_year, units)
    return ps.beliefs_by_year(
        prior, as_cases(teach, with_class=True), weights, known_year, np.asarray(years), "class"
    )


#: Views of callers' classes, by (fingerprint, domain, origin): a class seen again is not relearned.
_VIEWS: dict[tuple[str, str, int], ps.ClassView | None] = {}
_VIEWS_MAX = 64


def class_view(reference: ReferenceClass, origin: int) -> ps.ClassView | None:
    """What ``reference`` teaches at ``origin``: shipped for the package's classes, learned for a caller's.

    A caller's class (built from a frame) is learned from its own units, as the shipped ones were at build
    time, and kept by the frame's fingerprint. None when the class knows too little by ``origin``.
    """
    if reference.panel is None:
        return ps.shipped_view(reference.id, int(origin))
    key = (reference.fingerprint, reference.domain, int(origin))
    if key not in _VIEWS:
        if len(_VIEWS) >= _VIEWS_MAX:
            _VIEWS.pop(next(iter(_VIEWS)))
        _VIEWS[key] = _learn_view(reference, int(origin))
    return _VIEWS[key]


def _learn_view(reference: ReferenceClass, origin: int) -> ps.ClassView | None:
    panel = reference.panel
    assert panel is not None
    pop = Population(reference.id, reference.domain, False, _series(panel[panel["year"] <= origin]), "")
    if len(pop.series) < 2:
        return None
    views = class_views(pop, ps.prior())
    return views[max(views)] if views else None


def class_views(
    pop: Population, prior: ps.Belief, table: pd.DataFrame | None = None
) -> dict[int, ps.ClassView]:
    """What a class teaches as known by each year whose growth, scale and noise it can tell (by year).

    ``table``: the population's cases (:func:`prepare`), when already built. The shipped classes are built
    by this at ``make calibrate``, a caller's class at its first use (:func:`class_view`).
    """
    stats = class_stats(pop)
    if table is None:
        table = case_table(pop).merge(stats, on="origin", how="left")
    stats = stats.set_index("origin")
    stats = stats[stats[["class_growth", "class_scale", "class_noise"]].notna().all(axis=1)]
    beliefs = class_beliefs(table, prior, stats.index.to_numpy())
    return {
        int(year): ps.ClassView(
            ps.Belief(beliefs[int(year)].mass, f"class {pop.name} as known in {int(year)}"),
            float(row["class_growth"]),
            float(row["class_scale"]),
            float(row["class_noise"]),
            int(year),
            size_of(row),
        )
        for year, row in stats.iterrows()
    }
