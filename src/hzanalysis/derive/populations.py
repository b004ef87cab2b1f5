"""The populations the persistence fit learns from, read from ``../shared/data`` (build time only).

Every population (:class:`hzanalysis.populations.Population`): the six Chinese provincial panels, four
sub-national S&T panels of other countries and the Tourism and M1 competition sets; and the two pieces of
the fit that the leave-one-population-out validation repeats without the held-out population: each
population's best grid point with its class and its atom for units without one (:func:`fit_atoms`).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .. import persistence as ps
from ..panels import PANELS
from ..populations import Population, _series, as_cases
from .panel_files import BENCH_DIR_ENV, bench_dir, read_panel_table, require_file

#: External panels: file, domain, value filter (years dropped and why).
EXTERNAL_TIDY = {
    "us_state_rd_intensity": ("us_state_rd_intensity.csv", "share", None),
    "us_state_herd": ("us_state_herd.csv", "amount", None),
    "us_state_gov_rd": ("us_state_gov_rd.csv", "amount", None),
    # 2012 is incomplete in the source (its SOURCE.md): dropped
    "eu_nuts2_epo_patents": ("eu_nuts2_epo_patents_per_million.csv", "amount", 2012),
}
#: Least spread of a population's true unit drifts around its growth (growth scale, 0.1% a year).
DRIFT_SPREAD_FLOOR = 0.001
#: Fewest units with a noise of their own for a population to say how its units' noise scatters.
MIN_NOISE_UNITS = 5
COMPETITIONS = {"tourism": ("tourism_yearly.csv", "amount"), "m1": ("m1_yearly.csv", "amount")}


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


def population_atom(name: str, table: pd.DataFrame) -> ps.Atom:
    """A population as a hypothesis for units with no class (:class:`hzanalysis.persistence.Atom`).

    Its median yearly growth, typical scale and noise are its class's as known in its last year; the spread
    of its units' true drifts is the robust scatter of their last full-history drifts around that growth,
    less the part the noise of their yearly changes explains; the scatter of their log noise says how far a
    unit's own noise tells it apart (:meth:`hzanalysis.persistence.Atom.log_likelihood`); its best grid
    point is fitted on its own cases of two or more points, weighed against that growth (each unit counting
    once).
    """
    last = table.sort_values("origin", kind="stable")
    growth, scale, noise = (
        float(last[c].dropna().iloc[-1]) for c in ("class_growth", "class_scale", "class_noise")
    )
    full = table[(table["shape"] == "full") & (table["h"] == 1)].drop_duplicates("unit", keep="last")
    deviation = full["drift"].to_numpy(float) - growth
    robust_sd = 1.4826 * np.median(np.abs(deviation - np.median(deviation))) if len(full) else np.nan
    explained = (
        np.median(full["noise"].to_numpy(float) ** 2 / full["span"].to_numpy(float)) if len(full) else 0.0
    )
    spread = math.sqrt(max(float(np.nan_to_num(robust_sd**2 - explained, nan=0.0)), DRIFT_SPREAD_FLOOR**2))
    own = table[table["n"] >= 2]
    draft = ps.Atom(name, 0, growth, scale, noise, spread)
    point = ps.best_point(
        draft.cases(as_cases(own, with_class=False)), ps.unit_weights(own["unit"].to_numpy())
    )
    noise_spread = _log_noise_spread(full["noise"].to_numpy(float))
    return ps.Atom(name, point, growth, scale, noise, spread, noise_spread)


def _log_noise_spread(noises: np.ndarray) -> float:
    """Robust scatter (1.4826 x MAD) of the units' log noise; NaN below :data:`MIN_NOISE_UNITS` units."""
    logs = np.log(noises[np.isfinite(noises) & (noises > 0)])
    if len(logs) < MIN_NOISE_UNITS:
        return math.nan
    return float(1.4826 * np.median(np.abs(logs - np.median(logs))))


def fit_atoms(tables: dict[str, pd.DataFrame]) -> tuple[dict[str, int], dict[str, ps.Atom]]:
    """Each population's best grid point with its class, and its atom for units without one."""
    with_class: dict[str, int] = {}
    without: dict[str, ps.Atom] = {}
    for name, table in tables.items():
        weights = ps.unit_weights(table["unit"].to_numpy())
        classed = table["class_growth"].notna() & table["class_scale"].notna()
        with_class[name] = ps.best_point(
            as_cases(table[classed], with_class=True), weights[classed.to_numpy()]
        )
        without[name] = population_atom(name, table)
    return with_class, without
