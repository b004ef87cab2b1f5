"""``derived/persistence.json``: how far trends carry, learned across populations, and the shipped views.

The priors are fitted on every population (:mod:`hzanalysis.derive.populations`); each shipped reference
class's view at each year is the class prior updated by its own units' outcomes known by then; the summary
of the leave-one-population-out validation (:mod:`hzanalysis.derive.population_validation`) ships beside
them. :mod:`hzanalysis.persistence` reads the file at run time.
"""

from __future__ import annotations

from typing import Any

from .. import persistence as ps
from ..populations import class_views, prepare
from .population_validation import validate
from .populations import fit_atoms, load_populations

PROCEDURE = (
    "theta = (tau, beta, lam) on a fixed grid; per population, the grid point of highest likelihood "
    "(Student t, nu = 4) over every case (full history, last 3 points, 2 points 1-7 years apart, 1 point; "
    "h = 1-3), each unit counting once, with its class (the class's median yearly growth over every year "
    "known, its typical scale and noise, and its elasticity of noise to unit size, as known at each "
    "origin); class prior = equal mixture of the populations' points, each blurred to its grid neighbours; "
    "without a class, each population is an atom (its median growth, typical scale and noise as known in "
    "its last year, the robust spread of its units' true drifts, its best point weighed against that "
    "growth) and a unit's own drift weighs the atoms (Student t likelihood, equal prior); a shipped "
    "class's view at each year = the class prior updated by every case of its units whose outcome was "
    "known by then, each unit counting once a year"
)


def build_persistence(say: Any = print) -> dict[str, Any]:
    """``derived/persistence.json``: priors fitted on every population, the shipped classes' views."""
    populations = load_populations()
    tables = {p.name: prepare(p) for p in populations}
    say(f"persistence: {sum(len(t) for t in tables.values())} cases of {len(tables)} populations")
    atoms = fit_atoms(tables)
    with_class, without = atoms
    names = ", ".join(tables)
    prior_class = ps.mixture_prior(with_class, f"populations {names}")
    classes: dict[str, Any] = {}
    for pop in populations:
        if not pop.china:
            continue
        views = class_views(pop, prior_class, tables[pop.name])
        classes[pop.name] = {str(year): view.to_json() for year, view in views.items()}
    _, summary = validate(populations, tables, atoms)
    say("persistence: validated leaving each population out")
    return {
        "validation": summary,
        "procedure": PROCEDURE,
        "grid": {"tau": [str(t) for t in ps.GRID_TAU], "beta": list(ps.GRID_BETA), "lam": list(ps.GRID_LAM)},
        "nu": ps.NU,
        "priors": {
            "class": {"atoms": dict(sorted(with_class.items())), "basis": f"populations {names}"},
            "own": {
                "atoms": {name: atom.to_json() for name, atom in sorted(without.items())},
                "basis": f"populations {names}",
            },
        },
        "populations": {p.name: p.source for p in populations},
        "classes": classes,
    }
