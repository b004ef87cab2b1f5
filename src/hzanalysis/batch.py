"""Assessing many targets at once: the shared options, and the loading of the plan's registry and figures.

This is the shell around the pure :func:`~hzanalysis.judgement.assess_target`: it reads files, the
judgement does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from .assessment import Assessment
from .errors import ParameterError
from .judgement import assess_target
from .observations import load_indicators, load_observations, load_regions
from .plans import DEFAULT_PLAN, Plan, resolve_plan
from .targets import Target, get_target, load_targets


@dataclass(frozen=True)
class AssessOptions:
    """The settings shared by :func:`assess_all`, :func:`assess_many`, :func:`assess_one` and
    :func:`as_of_history`: which plan, which figures (extra files, as of a date), which region, and the
    forecast settings. ``region=None`` means the plan's own region; ``compare_models=None`` the function's
    default (off for the scorecard, on for target pages).
    """

    plan: str = DEFAULT_PLAN
    data: tuple[str, ...] = ()
    as_of: date | str | None = None
    region: str | None = None
    n_paths: int = 2000
    seed: int = 0
    model: str = "auto"
    compare_models: bool | None = None

    def plan_region(self) -> str:
        """The region assessed: the option, else the plan's region."""
        return self.region or resolve_plan(self.plan).region


_OPTION_NAMES = frozenset(f.name for f in fields(AssessOptions))


def assess_options(options: AssessOptions | None = None, **overrides: Any) -> AssessOptions:
    """The one place keyword arguments become an :class:`AssessOptions` (``overrides`` win over ``options``).

    Unknown names raise ``ParameterError`` listing the valid ones; ``data`` may be any sequence of paths and
    ``plan`` an id, a folder path or a :class:`~hzanalysis.plans.Plan`.
    """
    unknown = sorted(set(overrides) - _OPTION_NAMES)
    if unknown:
        raise ParameterError(f"unknown option(s) {unknown}; valid options: {sorted(_OPTION_NAMES)}")
    if "data" in overrides:
        data = overrides["data"]
        data = [] if data is None else [data] if isinstance(data, str | Path) else data
        overrides["data"] = tuple(str(p) for p in data)
    if "plan" in overrides:
        plan = overrides["plan"]
        overrides["plan"] = (
            DEFAULT_PLAN if plan is None else str(plan.folder if isinstance(plan, Plan) else plan)
        )
    return replace(options or AssessOptions(), **overrides)


def assess_many(
    targets: Sequence[Target] | None = None,
    observations: pd.DataFrame | None = None,
    options: AssessOptions | None = None,
    **overrides: Any,
) -> list[Assessment]:
    """Assess several targets (default: the plan's whole registry) and return the full Assessment objects."""
    options = assess_options(options, **overrides)
    targets = load_targets(plan=options.plan) if targets is None else list(targets)
    if observations is None:
        observations = load_observations(options.data, as_of=options.as_of)
    indicators, regions, region = load_indicators(), load_regions(), options.plan_region()
    return [
        assess_target(
            t,
            observations,
            region=region,
            n_paths=options.n_paths,
            seed=options.seed,
            model=options.model,
            compare_models=options.compare_models is not False,
            indicators=indicators,
            regions=regions,
        )
        for t in targets
    ]


def assess_one(target_id: str, options: AssessOptions | None = None, **overrides: Any) -> Assessment:
    """Assess one target of the plan by id, loading its registry and observations (see assess_all)."""
    options = assess_options(options, **overrides)
    target = get_target(target_id, plan=options.plan)
    return assess_target(
        target,
        load_observations(options.data, as_of=options.as_of),
        region=options.plan_region(),
        n_paths=options.n_paths,
        seed=options.seed,
        model=options.model,
        compare_models=options.compare_models is not False,
    )
