"""The populations the persistence fit learns from, read from ``../shared/data`` (build time only).

Every population (:class:`hzanalysis.populations.Population`): the six Chinese provincial panels, four
sub-national S&T panels of other countries and the Tourism and M1 competition sets; and the two pieces of
the fit that the leave-one-population-out validation repeats without the held-out population: each
population's best grid point (:func:`fit_atoms`) and the typical unit's scale and noise
(:func:`typical_scales`).
"""

from __future__ import annotations

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


def typical_scales(tables: dict[str, pd.DataFrame]) -> tuple[float, float]:
    """Median over populations of each one's median unit scale and noise (the last year's class values)."""
    scales = [float(t.sort_values("origin")["class_scale"].dropna().iloc[-1]) for t in tables.values()]
    noises = [float(t.sort_values("origin")["class_noise"].dropna().iloc[-1]) for t in tables.values()]
    return float(np.median(scales)), float(np.median(noises))


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
