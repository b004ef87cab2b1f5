"""Populations of units for learning how far trends carry (build time only; read from ``../shared/data``).

A population is a panel of units of one indicator: the six Chinese provincial panels, four sub-national S&T
panels of other countries (US states, EU NUTS-2 regions) and the Tourism and M1 competition sets. Each is
turned into *cases* (a history as known at an origin, in one of the report's shapes, and what followed),
the material of :mod:`hzanalysis.persistence`'s fit and of the leave-one-population-out validation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from . import persistence as ps
from .panels import BENCH_DIR_ENV, PANELS, bench_dir, read_panel_table, require_file
from .persistence import Cases
from .reference import ReferenceClass, to_growth_scale

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


#: External panels: file, domain, value filter (years dropped and why).
EXTERNAL_TIDY = {
    "us_state_rd_intensity": ("us_state_rd_intensity.csv", "share", None),
    "us_state_herd": ("us_state_herd.csv", "amount", None),
    "us_state_gov_rd": ("us_state_gov_rd.csv", "amount", None),
    # 2012 is incomplete in the source (its SOURCE.md): dropped
    "eu_nuts2_epo_patents": ("eu_nuts2_epo_patents_per_million.csv", "amount", 2012),
}
COMPETITIONS = {"tourism": ("tourism_yearly.csv", "amount"), "m1": ("m1_yearly.csv", "amount")}


def _series(tidy: pd.DataFrame, unit: str = "region") -> dict[str, pd.Series]:
    out = {}
    for name, rows in tidy.groupby(unit, sort=True):
        values = pd.Series(rows["value"].to_numpy(float), index=rows["year"].to_numpy(int)).sort_index()
        values = values[values > 0]
        if len(values) >= 2:
            out[str(name)] = values[~values.index.duplicated()]
    return out


def typical_scales(tables: dict[str, pd.DataFrame]) -> tuple[float, float]:
    """Median over populations of each one's median unit scale and noise (the last year's class values)."""
    scales = [float(t.sort_values("origin")["class_scale"].dropna().iloc[-1]) for t in tables.values()]
    noises = [float(t.sort_values("origin")["class_noise"].dropna().iloc[-1]) for t in tables.values()]
    return float(np.median(scales)), float(np.median(noises))


def load_populations() -> list[Population]:
    """Every population, Chinese provincial panels first."""
    out = [
        Population(
            spec.name, spec.domain, True, _series(read_panel_table(spec)), f"{spec.file}, {spec.variable}"
        )
        for spec in PANELS
    ]
    for name, (file, domain, drop_year) in EXTERNAL_TIDY.items():
        tidy = pd.read_csv(require_file(bench_dir() / file, BENCH_DIR_ENV))
        if drop_year is not None:
            tidy = tidy[tidy["year"] < drop_year]
        out.append(Population(name, domain, False, _series(tidy), file))
    for name, (file, domain) in COMPETITIONS.items():
        tidy = pd.read_csv(require_file(bench_dir() / file, BENCH_DIR_ENV), dtype={"series_id": str})
        out.append(Population(name, domain, False, _series(tidy, "series_id"), file))
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


def case_table(pop: Population, seed: int = 0) -> pd.DataFrame:
    """Every (unit, origin, shape, h) case of a population with its outcome, sampled per shape."""
    columns = (
        "unit origin shape h n z_first first_year z_last y_first y_last drift span scale noise "
        "z_actual y_actual"
    )
    rows: dict[str, list] = {c: [] for c in columns.split()}
    for unit, values in pop.series.items():
        years, y, z = _grid(values, pop.domain)
        known = np.isfinite(z)
        for t in np.flatnonzero(known):
            futures = [h for h in HORIZONS if t + h < len(z) and known[t + h]]
            if not futures:
                continue
            before = np.flatnonzero(known[: t + 1])
            shapes: list[tuple[str, np.ndarray]] = [("1pt", np.array([t]))]
            if len(before) >= 3:
                shapes.append(("full", before))
            if t >= 2 and known[t - 2 : t + 1].all():
                shapes.append(("3pt", np.arange(t - 2, t + 1)))
            for g in range(1, 8):
                if t - g >= 0 and known[t - g]:
                    shapes.append((f"2pt_g{g}", np.array([t - g, t])))
            for shape, points in shapes:
                zz = np.full(t + 1 - points[0], np.nan)
                zz[points - points[0]] = z[points]
                span = float(points[-1] - points[0])
                drift = (z[t] - z[points[0]]) / span if span > 0 else 0.0
                for h in futures:
                    rows["unit"].append(unit)
                    rows["origin"].append(int(years[t]))
                    rows["shape"].append(shape)
                    rows["h"].append(h)
                    rows["n"].append(len(points))
                    rows["z_first"].append(z[points[0]])
                    rows["first_year"].append(int(years[points[0]]))
                    rows["z_last"].append(z[t])
                    rows["y_first"].append(y[points[0]])
                    rows["y_last"].append(y[t])
                    rows["drift"].append(drift)
                    rows["span"].append(span)
                    rows["scale"].append(own_scale(zz))
                    rows["noise"].append(own_noise(zz))
                    rows["z_actual"].append(z[t + h])
                    rows["y_actual"].append(y[t + h])
    table = pd.DataFrame(rows)
    rng = np.random.default_rng(seed)
    keep = []
    for _, group in table.groupby("shape", sort=True):
        if len(group) > MAX_CASES_PER_SHAPE:
            group = group.iloc[np.sort(rng.choice(len(group), MAX_CASES_PER_SHAPE, replace=False))]
        keep.append(group)
    return pd.concat(keep).sort_values(["unit", "origin", "shape", "h"], kind="stable").reset_index(drop=True)


def class_stats(pop: Population) -> pd.DataFrame:
    """Per year T: the class's median yearly growth and typical yearly scale from what was known by T."""
    one_year = []
    scales: dict[str, np.ndarray] = {}
    all_years: set[int] = set()
    for unit, values in pop.series.items():
        years, _, z = _grid(values, pop.domain)
        all_years.update(int(v) for v in years)
        change = z[1:] - z[:-1]
        ok = np.isfinite(change)
        one_year.append(pd.DataFrame({"unit": unit, "year": years[1:][ok], "change": change[ok]}))
        scales[unit] = np.array([own_scale(z[: i + 1]) for i in range(len(z))])
        scales[unit + "\0noise"] = np.array([own_noise(z[: i + 1]) for i in range(len(z))])
        scales[unit + "\0years"] = years
    changes = pd.concat(one_year, ignore_index=True)
    out = []
    for year in sorted(all_years):
        known = changes[changes["year"] <= year]["change"].to_numpy()
        unit_scales, unit_noises = [], []
        for unit in pop.series:
            years = scales[unit + "\0years"]
            if years[0] <= year:
                at = min(year, int(years[-1])) - int(years[0])
                if np.isfinite(scales[unit][at]):
                    unit_scales.append(scales[unit][at])
                if np.isfinite(scales[unit + "\0noise"][at]):
                    unit_noises.append(scales[unit + "\0noise"][at])
        out.append(
            {
                "origin": year,
                # every known year: the median of the last three years only was measured worse (patents
                # granted gap 0.30 -> 0.48, Tourism 0.05 -> 0.16; benchmarks/README.md)
                "class_growth": float(np.median(known)) if len(known) >= 10 else np.nan,
                "class_scale": float(np.median(unit_scales)) if len(unit_scales) >= 5 else np.nan,
                "class_noise": float(np.median(unit_noises)) if len(unit_noises) >= 5 else np.nan,
                "class_changes": len(known),
            }
        )
    return pd.DataFrame(out)


def as_cases(
    table: pd.DataFrame, *, with_class: bool, typical: tuple[float, float] = (np.nan, np.nan)
) -> Cases:
    """The persistence model's cases from a case table (with its class columns when ``with_class``).

    Without a class, ``typical`` (scale, noise) stands in for the class's: the yearly scale and noise of a
    typical unit of any population, so that two nearly equal points do not make a near-certain forecast.
    """
    return Cases(
        z_last=table["z_last"].to_numpy(float),
        drift=table["drift"].to_numpy(float),
        span=table["span"].to_numpy(float),
        n_changes=(table["n"] - 1).to_numpy(float),
        scale=table["scale"].to_numpy(float),
        noise=table["noise"].to_numpy(float),
        h=table["h"].to_numpy(float),
        z_actual=table["z_actual"].to_numpy(float),
        class_growth=table["class_growth"].to_numpy(float) if with_class else np.zeros(len(table)),
        class_scale=table["class_scale"].to_numpy(float) if with_class else np.full(len(table), typical[0]),
        class_noise=table["class_noise"].to_numpy(float) if with_class else np.full(len(table), typical[1]),
    )


def prepare(pop: Population) -> pd.DataFrame:
    """The population's cases with its class statistics at each origin."""
    return case_table(pop).merge(class_stats(pop), on="origin", how="left")


def class_beliefs(table: pd.DataFrame, prior: ps.Belief, years: np.ndarray) -> dict[int, ps.Belief]:
    """For each year, the prior updated by every case of the class whose outcome was known by then.

    Each unit counts once for every year whose outcome is known: its shapes and horizons are not
    independent evidence.
    """
    teach = table[table["class_growth"].notna() & table["class_scale"].notna() & (table["n"] >= 2)]
    teach = teach.drop_duplicates(["unit", "origin", "shape", "h"])
    known_year = (teach["origin"] + teach["h"]).to_numpy()
    weights = ps.unit_weights(teach["unit"].astype(str).to_numpy() + "@" + known_year.astype(str))
    return ps.beliefs_by_year(
        prior, as_cases(teach, with_class=True), weights, known_year, np.asarray(years), "class"
    )


def fit_atoms(tables: dict[str, pd.DataFrame]) -> dict[str, dict[str, int]]:
    """Each population's best grid point, with its class and without (each unit counts once).

    Without a class, the typical scale stands in for the class's: that of the OTHER populations.
    """
    atoms: dict[str, dict[str, int]] = {"class": {}, "own": {}}
    for name, table in tables.items():
        weights = ps.unit_weights(table["unit"].to_numpy())
        classed = table["class_growth"].notna() & table["class_scale"].notna()
        atoms["class"][name] = ps.best_point(
            as_cases(table[classed], with_class=True), weights[classed.to_numpy()]
        )
        own = (table["n"] >= 2).to_numpy()
        typical = typical_scales({k: v for k, v in tables.items() if k != name})
        atoms["own"][name] = ps.best_point(
            as_cases(table[own], with_class=False, typical=typical), weights[own]
        )
    return atoms


PROCEDURE = (
    "theta = (tau, beta, lam) on a fixed grid; per population, the grid point of highest likelihood "
    "(Student t, nu = 4) over every case (full history, last 3 points, 2 points 1-7 years apart, 1 point; "
    "h = 1-3), each unit counting once, with its class (the class's recent median yearly growth, typical "
    "scale and noise as known at each origin) and without (no growth; the other populations' typical "
    "scale and noise); prior = equal mixture of the populations' points, each blurred to its grid "
    "neighbours; a shipped class's view at each year = the class prior updated by every case of its units "
    "whose outcome was known by then, each unit counting once a year"
)


def build_persistence(say: Any = print) -> dict[str, Any]:
    """``derived/persistence.json``: priors fitted on every population, the shipped classes' views."""
    populations = load_populations()
    tables = {p.name: prepare(p) for p in populations}
    say(f"persistence: {sum(len(t) for t in tables.values())} cases of {len(tables)} populations")
    atoms = fit_atoms(tables)
    scale, noise = typical_scales(tables)
    names = ", ".join(tables)
    prior_class = ps.mixture_prior(atoms["class"], f"populations {names}")
    classes: dict[str, Any] = {}
    for pop in populations:
        if not pop.china:
            continue
        stats = class_stats(pop).set_index("origin")
        stats = stats[stats[["class_growth", "class_scale", "class_noise"]].notna().all(axis=1)]
        beliefs = class_beliefs(tables[pop.name], prior_class, stats.index.to_numpy())
        classes[pop.name] = {
            str(int(year)): ps.ClassView(
                beliefs[int(year)], row["class_growth"], row["class_scale"], row["class_noise"], int(year)
            ).to_json()
            for year, row in stats.iterrows()
        }
    from .population_validation import validate

    _, summary = validate(populations, tables, atoms)
    say("persistence: validated leaving each population out")
    return {
        "validation": summary,
        "procedure": PROCEDURE,
        "grid": {"tau": [str(t) for t in ps.GRID_TAU], "beta": list(ps.GRID_BETA), "lam": list(ps.GRID_LAM)},
        "nu": ps.NU,
        "typical": {"scale": ps._r(scale), "noise": ps._r(noise)},
        "priors": {
            mode: {"atoms": dict(sorted(atoms[mode].items())), "basis": f"populations {names}"}
            for mode in ("class", "own")
        },
        "populations": {p.name: p.source for p in populations},
        "classes": classes,
    }


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
    stats = class_stats(pop).set_index("origin")
    stats = stats[stats[["class_growth", "class_scale", "class_noise"]].notna().all(axis=1)]
    known = stats.index[stats.index <= origin]
    if len(known) == 0:
        return None
    year = int(known.max())
    row = stats.loc[year]
    table = case_table(pop).merge(class_stats(pop), on="origin", how="left")
    belief = class_beliefs(table, ps.prior("class"), np.array([year]))[year]
    belief = ps.Belief(belief.mass, f"class {reference.id} as known in {year}")
    return ps.ClassView(
        belief, float(row["class_growth"]), float(row["class_scale"]), float(row["class_noise"]), year
    )
