"""How far a unit's own trend carries: a population-level persistence learned across populations.

Why: a forecast that extrapolates a unit's own growth at full weight is well calibrated on China's
provinces, whose trends carry on, and over-confident on every other population tried (US states, EU
regions, countries, Tourism, M1), where trends fade. How far a trend carries is a property of the
population, unknown for a district. So the weight of the unit's own growth is a parameter learned from
data, and its spread across populations goes into the predictive distribution.

The model, on the growth scale ``z`` (logit of a share, log of a count or amount), for a history whose last
value is ``z_T``, own yearly growth ``d`` over a span of ``S`` years:

    z_{T+h} = z_T + h * (w * d + (1 - w) * c) + lam * sigma * h**beta * t_nu

- ``c`` is the class's median yearly growth as known at ``T`` (the other units of the same indicator), or
  0 where no class exists: the outside view is the prior the own trend is weighed against.
- ``w = S * tau**2 / (S * tau**2 + noise**2)`` is the empirical-Bayes weight of a drift measured over ``S``
  years from yearly changes of standard deviation ``noise``, when true drifts scatter by ``tau`` around
  ``c``: a steady trend measured over many years carries, a jump between two points does not. ``tau`` is the
  population's persistence (``tau = 0``: trends fade to the class's; ``tau = inf``: they carry in full).
- ``noise`` is the standard deviation of the unit's yearly changes around their mean, ``sigma`` their mean
  absolute size; each is shrunk toward the class's typical value where a class exists
  (:data:`CLASS_SCALE_WEIGHT`); two points (one change) have no noise of their own, so they take the
  class's, or without a class their one change's size. ``lam`` and ``beta`` say how the error grows from
  ``sigma``; ``t_nu`` is Student's t (:data:`NU`).

``theta = (tau, beta, lam)`` lives on a fixed grid (:data:`GRID_TAU`, :data:`GRID_BETA`, :data:`GRID_LAM`).
A :class:`Belief` is a probability over that grid. The shipped prior (``derived/persistence.json``, fitted by
``make calibrate``) is an equal mixture over populations of each population's best ``theta``, blurred to its
grid neighbours: the spread of persistence across populations is the doubt a new unit carries. With a class,
the prior is updated by the class's own past (every change of its units known by the origin, each unit
counting once a year), so the class teaches how far trends carry in it. The predictive distribution is the
mixture over the belief, so the doubt about ``theta`` widens it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from scipy import special

from .errors import ForecastError
from .fileio import derived_json

PERSISTENCE_PATH = Path(__file__).resolve().parent / "derived" / "persistence.json"
#: Scatter of true yearly drifts around the class's (growth scale); 0: no own trend, inf: own trend in full.
GRID_TAU = (0.0, 0.005, 0.01, 0.02, 0.04, 0.08, 0.16, math.inf)
#: Growth of the error with the horizon: h**beta (0.5 a random walk, 1 a wrong trend).
GRID_BETA = (0.5, 0.75, 1.0)
#: Multiplier of the scale, log-spaced.
GRID_LAM = tuple(float(x) for x in np.round(np.exp(np.linspace(math.log(0.15), math.log(8.0), 21)), 4))
#: Degrees of freedom of the error: heavy tails, as yearly changes show.
NU = 4.0
#: How many yearly changes the class's typical scale counts for when shrinking a unit's own scale.
CLASS_SCALE_WEIGHT = 2.0
#: Below this an own yearly scale or noise (growth scale) is taken as zero: floating-point noise, not data.
ZERO_SPREAD = 1e-9
#: Floor of a unit's yearly scale on the growth scale (1% a year).
SCALE_FLOOR = 0.01
#: Each grid point's mass in a population's atom, spread to its neighbours by this many grid steps.
BLUR_STEPS = 1


def grid_shape() -> tuple[int, int, int]:
    """(len k, len beta, len lam)."""
    return len(GRID_TAU), len(GRID_BETA), len(GRID_LAM)


def _grid_arrays() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    tau, b, lam = np.meshgrid(GRID_TAU, GRID_BETA, GRID_LAM, indexing="ij")
    return tau.ravel(), b.ravel(), lam.ravel()


@dataclass(frozen=True)
class Cases:
    """Histories and what followed, as arrays (one element per case), on the growth scale.

    ``z_last`` last value, ``drift`` own yearly growth (0 for one point), ``span`` years first→last (0 for
    one point), ``n_changes`` yearly changes seen (``n - 1``), ``scale`` own mean absolute yearly change
    (NaN for one point), ``h`` horizon, ``z_actual`` the outcome (NaN when unknown), ``class_growth`` the
    class's median yearly growth (0 without a class), ``class_scale`` its typical scale (NaN without).
    """

    z_last: np.ndarray
    drift: np.ndarray
    span: np.ndarray
    n_changes: np.ndarray
    scale: np.ndarray
    noise: np.ndarray
    h: np.ndarray
    z_actual: np.ndarray
    class_growth: np.ndarray
    class_scale: np.ndarray
    class_noise: np.ndarray

    def __len__(self) -> int:
        return len(self.z_last)

    def subset(self, mask: np.ndarray) -> Cases:
        """The cases where ``mask`` holds."""
        return Cases(**{name: getattr(self, name)[mask] for name in self.__dataclass_fields__})


def shrunk(own: np.ndarray, weight: np.ndarray, typical: np.ndarray) -> np.ndarray:
    """``own`` (with ``weight`` observations) shrunk toward the class's ``typical`` where there is one.

    An own measure of (numerically) zero, two equal points or exactly steady growth, says nothing about the
    spread: it gets no weight. The tolerance keeps that rule from depending on the unit of the figures (a
    steady series has a noise of 0 in one unit and 2e-16 in another).
    """
    own = np.where(np.isfinite(own), own, 0.0)
    weight = np.where(own > ZERO_SPREAD, weight, 0.0)
    has_class = np.isfinite(typical)
    pooled = (weight * own**2 + CLASS_SCALE_WEIGHT * np.where(has_class, typical, 0.0) ** 2) / (
        weight + CLASS_SCALE_WEIGHT
    )
    return np.maximum(np.where(has_class, np.sqrt(pooled), own), SCALE_FLOOR)


def unit_scale(cases: Cases) -> np.ndarray:
    """A unit's mean absolute yearly change, shrunk toward the class's, floored."""
    return shrunk(cases.scale, cases.n_changes, cases.class_scale)


def unit_noise(cases: Cases) -> np.ndarray:
    """The standard deviation of a unit's yearly changes, shrunk toward the class's, floored.

    Below two changes there is no own noise: the class's, or without a class the one change's size.
    """
    own = np.where(np.isfinite(cases.noise), cases.noise, np.nan)
    dof = np.maximum(cases.n_changes - 1.0, 0.0)
    with_class = shrunk(own, dof, cases.class_noise)
    alone = np.maximum(np.where(np.isfinite(own), own, np.nan_to_num(cases.scale, nan=0.0)), SCALE_FLOOR)
    return np.where(np.isfinite(cases.class_noise), with_class, alone)


def own_weight(span: np.ndarray, tau: np.ndarray, noise: np.ndarray) -> np.ndarray:
    """Empirical-Bayes weight of the own drift, ``S tau^2 / (S tau^2 + noise^2)`` (0 for one point)."""
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        signal = span * tau**2
        weight = np.where(np.isinf(tau), 1.0, signal / (signal + noise**2))
    return np.where(span > 0, weight, 0.0)


def location_scale(cases: Cases, points: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Location and scale of every case at every grid point (or at ``points``): cases × points arrays."""
    tau, beta, lam = _grid_arrays()
    if points is not None:
        tau, beta, lam = tau[points], beta[points], lam[points]
    weight = own_weight(cases.span[:, None], tau[None, :], unit_noise(cases)[:, None])
    growth = weight * cases.drift[:, None] + (1.0 - weight) * cases.class_growth[:, None]
    h = cases.h[:, None].astype(float)
    loc = cases.z_last[:, None] + h * growth
    scale = lam[None, :] * unit_scale(cases)[:, None] * h ** beta[None, :]
    return loc, scale


def log_likelihood(cases: Cases) -> np.ndarray:
    """Log density of each outcome at each grid point (cases × grid points)."""
    loc, scale = location_scale(cases)
    x = (cases.z_actual[:, None] - loc) / scale
    const = special.gammaln((NU + 1) / 2) - special.gammaln(NU / 2) - 0.5 * math.log(NU * math.pi)
    return const - (NU + 1) / 2 * np.log1p(x * x / NU) - np.log(scale)


def beliefs_by_year(
    prior: Belief, cases: Cases, weights: np.ndarray, known_year: np.ndarray, years: np.ndarray, basis: str
) -> dict[int, Belief]:
    """For each year in ``years``, the prior updated by the cases whose outcome was known by then.

    ``known_year``: the year each case's outcome became known (origin + h). One pass over the cases: their
    weighted log densities are summed per known year, then accumulated.
    """
    order = np.argsort(known_year, kind="stable")
    distinct, starts = np.unique(known_year[order], return_index=True)
    per_year = np.zeros((len(distinct), prior.mass.size))
    bounds = [*starts, len(order)]
    for i in range(len(distinct)):
        part = order[bounds[i] : bounds[i + 1]]
        per_year[i] = total_log_likelihood(cases.subset(part), weights[part])
    running = np.cumsum(per_year, axis=0)
    with np.errstate(divide="ignore"):
        log_prior = np.log(prior.mass)
    out = {}
    for year in years:
        upto = int(np.searchsorted(distinct, year, side="right"))
        log_mass = log_prior + (running[upto - 1] if upto else 0.0)
        out[int(year)] = Belief(mass=_normalise(log_mass), basis=basis)
    return out


def _normalise(log_mass: np.ndarray) -> np.ndarray:
    mass = np.exp(log_mass - np.max(log_mass))
    return mass / mass.sum()


def total_log_likelihood(cases: Cases, weights: np.ndarray, chunk: int = 4000) -> np.ndarray:
    """Weighted sum over cases of the log density at each grid point (computed in chunks)."""
    total = np.zeros(int(np.prod(grid_shape())))
    for start in range(0, len(cases), chunk):
        part = np.arange(start, min(start + chunk, len(cases)))
        total += (weights[part, None] * log_likelihood(cases.subset(part))).sum(axis=0)
    return total


def best_point(cases: Cases, weights: np.ndarray) -> int:
    """The grid point of highest (weighted) likelihood: a population's own ``theta``."""
    return int(np.argmax(total_log_likelihood(cases, weights)))


def blurred_atom(index: int) -> np.ndarray:
    """Mass 1 at grid point ``index``, spread evenly over its neighbours within :data:`BLUR_STEPS`."""
    shape = grid_shape()
    centre = [int(c) for c in np.unravel_index(index, shape)]
    mass = np.zeros(shape)
    ranges = [
        range(max(0, c - BLUR_STEPS), min(n, c + BLUR_STEPS + 1)) for c, n in zip(centre, shape, strict=True)
    ]
    for i in ranges[0]:
        for j in ranges[1]:
            for m in ranges[2]:
                mass[i, j, m] = 1.0
    return (mass / mass.sum()).ravel()


@dataclass(frozen=True)
class Belief:
    """A probability over the ``theta`` grid, and where it came from."""

    mass: np.ndarray
    basis: str

    def describe(self) -> dict[str, Any]:
        """What a page says: the chance that trends carry in full, fade fully, and the basis."""
        tau, _, _ = _grid_arrays()
        return {
            "basis": self.basis,
            "p_trend_carries": round(float(self.mass[np.isinf(tau)].sum()), 3),
            "p_trend_fades": round(float(self.mass[tau == 0].sum()), 3),
            "median_tau": _weighted_median(tau, self.mass),
        }


def own_trend_weight(belief: Belief, case: Cases) -> float:
    """The weight a forecast's trend gives the unit's own growth (the rest goes to its class's), averaged
    over the belief: what a reader can check against the two growths, unlike a grid of persistences."""
    tau, _, _ = _grid_arrays()
    weight = own_weight(case.span[:1, None], tau[None, :], unit_noise(case)[:1, None])[0]
    return float(weight @ belief.mass)


def _weighted_median(values: np.ndarray, mass: np.ndarray) -> float:
    order = np.argsort(values, kind="stable")
    at = int(np.searchsorted(np.cumsum(mass[order]), 0.5))
    return float(values[order][min(at, len(order) - 1)])


def mixture_prior(atoms: dict[str, int], basis: str) -> Belief:
    """Equal mixture over populations of each one's best grid point, blurred."""
    if not atoms:
        raise ForecastError("no population to form a persistence prior from")
    mass = np.mean([blurred_atom(i) for i in atoms.values()], axis=0)
    return Belief(mass=mass, basis=basis)


def unit_weights(unit_ids: np.ndarray) -> np.ndarray:
    """Weights that make every unit count once, whatever its number of cases."""
    _, inverse, counts = np.unique(unit_ids, return_inverse=True, return_counts=True)
    return 1.0 / counts[inverse]


def update(prior: Belief, cases: Cases, weights: np.ndarray, basis: str) -> Belief:
    """The prior times the (weighted) likelihood of ``cases``: what a class teaches about its population."""
    if len(cases) == 0:
        return prior
    ll = total_log_likelihood(cases, weights)
    with np.errstate(divide="ignore"):
        log_mass = np.log(prior.mass) + ll
    return Belief(mass=_normalise(log_mass), basis=basis)


def cdf(belief: Belief, cases: Cases, values: np.ndarray) -> np.ndarray:
    """P(z_{T+h} <= value) under the mixture over the belief: ``values`` is (cases,) or (cases, m)."""
    keep = np.flatnonzero(belief.mass > 1e-4)
    loc, scale = location_scale(cases, keep)
    mass = belief.mass[keep] / belief.mass[keep].sum()
    values = np.asarray(values, float)
    flat = values.ndim == 1
    values = values[:, None] if flat else values
    out = np.empty(values.shape)
    for j in range(values.shape[1]):
        x = (values[:, j, None] - loc) / scale
        out[:, j] = special.stdtr(NU, x) @ mass
    return out[:, 0] if flat else out


def sample_parameters(belief: Belief, n: int, rng: np.random.Generator) -> np.ndarray:
    """Grid indices of ``n`` draws of ``theta`` from the belief (antithetic halves share their draw)."""
    half = (n + 1) // 2
    draws = rng.choice(belief.mass.size, size=half, p=belief.mass)
    return np.concatenate([draws, draws])[:n]


def paths(
    belief: Belief, history: Cases, uniforms: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Joint paths on the growth scale (n × horizon) and the median path (horizon,).

    ``history``: one case (its ``h`` and ``z_actual`` ignored); ``uniforms``: joint uniforms
    (n × horizon) from the random-walk copula. Each path draws its own ``theta`` from the belief, so the
    doubt about how far the trend carries widens the distribution.
    """
    out = paths_at(history, sample_parameters(belief, uniforms.shape[0], rng), uniforms)
    return out, np.median(out, axis=0)


def paths_at(history: Cases, idx: np.ndarray, uniforms: np.ndarray) -> np.ndarray:
    """Paths of one history (n × horizon), path i at grid point ``idx[i]`` with joint ``uniforms[i]``."""
    n, horizon = uniforms.shape
    tau, beta, lam = _grid_arrays()
    h = np.arange(1, horizon + 1, dtype=float)
    weight = own_weight(np.full(n, history.span[0]), tau[idx], np.full(n, unit_noise(history)[0]))
    growth = weight * history.drift[0] + (1.0 - weight) * history.class_growth[0]
    t_draws = special.stdtrit(NU, np.clip(uniforms, 1e-12, 1 - 1e-12))
    spread = lam[idx][:, None] * unit_scale(history)[0] * h[None, :] ** beta[idx][:, None]
    return history.z_last[0] + growth[:, None] * h[None, :] + spread * t_draws


# ------------------------------------------------------------------------------------- without a class


@dataclass(frozen=True)
class Atom:
    """One population as a hypothesis about a unit with no class: how its units grow, move and persist.

    ``belief`` its best ``theta`` (blurred), ``growth`` its median yearly growth, ``scale``/``noise`` its
    typical unit's, ``drift_spread`` the standard deviation of its units' true yearly drifts around
    ``growth`` (the observed drifts' scatter less what measurement noise explains), ``noise_spread`` the
    robust scatter of its units' log noise (NaN when unknown: then a unit's noise says nothing).
    """

    name: str
    point: int
    growth: float
    scale: float
    noise: float
    drift_spread: float
    noise_spread: float = math.nan
    belief: Belief = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "belief", Belief(blurred_atom(self.point), f"population {self.name}"))

    def cases(self, cases: Cases) -> Cases:
        """``cases`` as if this population were their class."""
        n = len(cases)
        return replace(
            cases,
            class_growth=np.full(n, self.growth),
            class_scale=np.full(n, self.scale),
            class_noise=np.full(n, self.noise),
        )

    def log_likelihood(self, cases: Cases) -> np.ndarray:
        """Log density (Student t) of each case's own drift and noise if its unit belonged to this population.

        A drift over ``S`` years scatters around the population's growth by its units' drift spread and
        by the noise of ``S`` yearly changes; one point (no drift) says nothing: 0. The log of a noise
        measured from ``k >= 2`` changes scatters around the log of the population's typical noise by its
        units' spread and by sampling (about ``1 / (2 (k - 1))``): a steady unit resembles steady
        populations, whose spreads are narrow, a jumpy one volatile populations.
        """
        own = self.cases(cases)
        sd = np.sqrt(self.drift_spread**2 + unit_noise(own) ** 2 / np.maximum(cases.span, 1.0))
        x = (cases.drift - self.growth) / sd
        drift = np.where(cases.span > 0, -(NU + 1) / 2 * np.log1p(x * x / NU) - np.log(sd), 0.0)
        return drift + self._noise_log_likelihood(cases)

    def _noise_log_likelihood(self, cases: Cases) -> np.ndarray:
        k = cases.n_changes
        measured = (k >= 2) & np.isfinite(cases.noise) & (cases.noise > ZERO_SPREAD)
        if not np.isfinite(self.noise_spread) or self.noise <= ZERO_SPREAD or not measured.any():
            return np.zeros(len(cases))
        sd = np.sqrt(self.noise_spread**2 + 1.0 / (2.0 * np.maximum(k - 1.0, 1.0)))
        y = (np.log(np.where(measured, cases.noise, 1.0)) - math.log(self.noise)) / sd
        return np.where(measured, -(NU + 1) / 2 * np.log1p(y * y / NU) - np.log(sd), 0.0)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "point": int(self.point),
            "growth": _r(self.growth),
            "scale": _r(self.scale),
            "noise": _r(self.noise),
            "drift_spread": _r(self.drift_spread),
            "noise_spread": _r(self.noise_spread) if np.isfinite(self.noise_spread) else None,
        }

    @classmethod
    def from_json(cls, name: str, data: dict[str, Any]) -> Atom:
        """Inverse of :meth:`to_json`."""
        return cls(
            name,
            int(data["point"]),
            float(data["growth"]),
            float(data["scale"]),
            float(data["noise"]),
            float(data["drift_spread"]),
            math.nan if data["noise_spread"] is None else float(data["noise_spread"]),
        )


@dataclass(frozen=True)
class Library:
    """Every population as a hypothesis for a unit with no class of its indicator.

    Which population a unit resembles is learned from its own drift and, from three points on, its noise
    (each population equally likely before): a unit growing 15% a year looks like China's provinces, one
    growing 3% like the US states; a steady one like steady populations. The
    forecast is the mixture of each population's forecast, weighed by that posterior, so a unit with two
    figures inherits the doubt of several populations, and a steady history narrows it.
    """

    atoms: tuple[Atom, ...]
    basis: str
    #: Each population's belief about ``theta``, when not its own best point (the full-weight baseline).
    beliefs: tuple[Belief, ...] | None = None

    def belief(self, j: int) -> Belief:
        """Population ``j``'s belief about ``theta``."""
        return self.beliefs[j] if self.beliefs is not None else self.atoms[j].belief

    def weights(self, cases: Cases) -> np.ndarray:
        """Posterior probability of each population for each case (cases × atoms)."""
        ll = np.column_stack([atom.log_likelihood(cases) for atom in self.atoms])
        w = np.exp(ll - ll.max(axis=1, keepdims=True))
        return w / w.sum(axis=1, keepdims=True)

    def cdf(self, cases: Cases, values: np.ndarray) -> np.ndarray:
        """P(z_{T+h} <= value) under the posterior mixture (``values`` as for :func:`cdf`)."""
        w = self.weights(cases)
        out = 0.0
        for j, atom in enumerate(self.atoms):
            part = cdf(self.belief(j), atom.cases(cases), values)
            out = out + (w[:, j] if part.ndim == 1 else w[:, j, None]) * part
        return np.asarray(out)

    def pinned(self) -> Library:
        """The same library with every population's trend carried in full (the full-weight baseline)."""
        beliefs = []
        for atom in self.atoms:
            full = np.zeros(grid_shape())
            full[-1] = atom.belief.mass.reshape(grid_shape()).sum(axis=0)
            beliefs.append(Belief(full.ravel() / full.sum(), "own trend at full weight"))
        return replace(self, basis="own trend at full weight", beliefs=tuple(beliefs))

    def paths(
        self, history: Cases, uniforms: np.ndarray, rng: np.random.Generator
    ) -> tuple[np.ndarray, np.ndarray]:
        """Joint paths (n × horizon) and their median: each path draws a population, then its ``theta``."""
        n = uniforms.shape[0]
        # one joint draw of (population, theta) per antithetic pair, as sample_parameters does for theta
        joint = self.weights(history)[0][:, None] * np.array(
            [self.belief(j).mass for j in range(len(self.atoms))]
        )
        half = (n + 1) // 2
        drawn = rng.choice(joint.size, size=half, p=joint.ravel() / joint.sum())
        drawn = np.concatenate([drawn, drawn])[:n]
        which, idx = np.divmod(drawn, joint.shape[1])
        out = np.empty(uniforms.shape)
        for j, atom in enumerate(self.atoms):
            rows = np.flatnonzero(which == j)
            if len(rows):
                out[rows] = paths_at(atom.cases(history), idx[rows], uniforms[rows])
        return out, np.median(out, axis=0)

    def describe(self, history: Cases) -> dict[str, Any]:
        """What a page says: the populations the unit most resembles, and the persistence that implies."""
        w = self.weights(history)[0]
        mass = sum(w[j] * self.belief(j).mass for j in range(len(self.atoms)))
        order = np.argsort(-w, kind="stable")
        own = sum(
            w[j] * own_trend_weight(self.belief(j), atom.cases(history)) for j, atom in enumerate(self.atoms)
        )
        return {
            **Belief(np.asarray(mass), self.basis).describe(),
            "own_trend_weight": round(float(own), 3),
            "resembles": {self.atoms[j].name: round(float(w[j]), 3) for j in order[:3]},
        }


# ----------------------------------------------------------------------------------------------- shipped


@dataclass(frozen=True)
class ClassView:
    """What a class says at an origin year: the belief it teaches, its median growth, typical scale, noise."""

    belief: Belief
    growth: float
    scale: float
    noise: float
    year: int
    #: How the class's units' noise changes with their size (:func:`size_factor`): level (the median unit's,
    #: growth scale), slope (elasticity), low and high (the range of its units' sizes); empty for shares.
    size: dict[str, float] = field(default_factory=dict)

    def size_factor(self, z_last: float) -> float:
        """How much more volatile than the class's median unit a unit at ``z_last`` is (1 if unknown)."""
        if not self.size:
            return 1.0
        return float(
            size_factor(
                np.array([z_last]),
                np.array([self.size["level"]]),
                np.array([self.size["slope"]]),
                np.array([self.size["low"]]),
                np.array([self.size["high"]]),
            )[0]
        )

    def to_json(self) -> dict[str, Any]:
        """JSON-ready (the belief sparse: grid points of mass >= 1e-6, six significant digits)."""
        keep = np.flatnonzero(self.belief.mass >= 1e-6)
        return {
            "growth": _r(self.growth),
            "scale": _r(self.scale),
            "noise": _r(self.noise),
            "size": {k: _r(v) for k, v in sorted(self.size.items())},
            "mass": {str(int(i)): _r(self.belief.mass[i]) for i in keep},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], year: int, basis: str) -> ClassView:
        """Inverse of :meth:`to_json`."""
        mass = np.zeros(int(np.prod(grid_shape())))
        for i, value in data["mass"].items():
            mass[int(i)] = float(value)
        return cls(
            Belief(mass / mass.sum(), basis),
            float(data["growth"]),
            float(data["scale"]),
            float(data["noise"]),
            year,
            {k: float(v) for k, v in data.get("size", {}).items()},
        )


def _r(x: float) -> float:
    return float(f"{float(x):.6g}")


def size_factor(
    z_last: np.ndarray, level: np.ndarray, slope: np.ndarray, low: np.ndarray, high: np.ndarray
) -> np.ndarray:
    """``exp(slope * clip(z_last - level, low, high))``: a class's typical noise for a unit of that size.

    Within a population of regions, smaller units are more volatile (elasticity -0.1 to -0.4 on the
    reference and benchmark panels); the class's own elasticity, known by the origin, is applied to the
    unit's size relative to the class's median unit, clipped to the sizes the class holds: a district
    smaller than every province is treated as the smallest one, never extrapolated beyond. 1 where unknown.
    """
    factor = np.exp(slope * np.clip(z_last - level, low, high))
    return np.where(np.isfinite(factor), factor, 1.0)


def single_case(history: np.ndarray, span_years: np.ndarray, view: ClassView | None) -> Cases:
    """One history (growth-scale values at their years) as a case, with its class's view if any.

    Without a class the class fields are empty: :class:`Library` fills them with each population's.
    """
    z = np.asarray(history, float)
    years = np.asarray(span_years, float)
    changes = np.diff(z) / np.diff(years) if len(z) >= 2 else np.zeros(0)
    span = float(years[-1] - years[0]) if len(z) >= 2 else 0.0
    nan = np.array([np.nan])
    return Cases(
        z_last=np.array([z[-1]]),
        drift=np.array([(z[-1] - z[0]) / span if span > 0 else 0.0]),
        span=np.array([span]),
        n_changes=np.array([float(len(z) - 1)]),
        scale=np.array([np.mean(np.abs(changes))]) if len(changes) else nan,
        noise=np.array([np.sqrt(np.mean((changes - changes.mean()) ** 2))]) if len(changes) >= 2 else nan,
        h=np.array([1.0]),
        z_actual=nan,
        class_growth=np.array([view.growth if view else 0.0]),
        class_scale=np.array([view.scale * view.size_factor(z[-1]) if view else np.nan]),
        class_noise=np.array([view.noise * view.size_factor(z[-1]) if view else np.nan]),
    )


def shipped(path: str | Path | None = None) -> dict[str, Any]:
    """The shipped ``derived/persistence.json`` (the class prior, the library, each shipped class's views)."""
    return derived_json(path if path is not None else PERSISTENCE_PATH, "persistence")


def prior(path: str | Path | None = None) -> Belief:
    """The shipped prior that a class updates with its own units."""
    entry = shipped(path)["priors"]["class"]
    return mixture_prior({name: int(i) for name, i in entry["atoms"].items()}, entry["basis"])


@lru_cache(maxsize=256)
def shipped_view(class_id: str, origin: int) -> ClassView | None:
    """A shipped class's view as known at ``origin`` (its latest year up to then), or None."""
    years = shipped()["classes"].get(class_id, {})
    known = [int(y) for y in years if int(y) <= origin]
    if not known:
        return None
    year = max(known)
    basis = f"class {class_id} as known in {year}"
    return ClassView.from_json(years[str(year)], year, basis)


@lru_cache(maxsize=4)
def library(path: str | Path | None = None) -> Library:
    """The shipped library of populations, for a unit with no class of its indicator (built once)."""
    entry = shipped(path)["priors"]["own"]
    atoms = tuple(Atom.from_json(name, data) for name, data in sorted(entry["atoms"].items()))
    return Library(atoms, entry["basis"])


def _own_scores(scores: dict[str, Any]) -> dict[str, Any]:
    keys = (
        "brier",
        "brier_base_rate",
        "gap",
        "gap_range",
        "cover_80",
        "cover_95",
        "bias",
        "years_low",
        "years_high",
        "years",
        "chance",
    )
    return {k: scores[k] for k in keys if scores.get(k) is not None}


def validation_summary(mode: str) -> dict[str, Any]:
    """How the ``mode`` (``class`` or ``own``) probabilities held on populations left out of the fit.

    From the shipped leave-one-population-out scores: the populations, and for each aim the ones that met it;
    the pooled reliability gap outside China; each population's scores when it was left out. Empty when
    nothing is shipped.
    """
    scores = shipped().get("validation", {})
    rows = {k.split("/", 1)[1]: v for k, v in scores.items() if k.startswith(f"{mode}/")}
    pooled = rows.pop("pooled_outside_china", {})
    if not rows:
        return {}
    aims = sorted({aim for row in rows.values() for aim in row.get("aims", {})})
    return {
        "scores": {name: _own_scores(row) for name, row in sorted(rows.items())},
        "populations": sorted(rows),
        "met": {aim: sorted(p for p, row in rows.items() if row.get("aims", {}).get(aim)) for aim in aims},
        "pooled_outside_china_gap": pooled.get("gap"),
        "pooled_outside_china_brier_ratio": (
            pooled["brier"] / pooled["brier_base_rate"] if pooled.get("brier_base_rate") else None
        ),
    }
