"""Data gaps of a plan at an as-of date: which years are missing, and which are simply not due yet.

The targets × years grid runs to the plan's deadline. For a plan whose deadline is ahead (a 2030 plan read
in 2026) the years after the last publishable one cannot have a figure yet, so they are "not yet due" (a
state of their own), not "missing"; the checklist for the bureaux asks only for years that can exist.

Why ``as_of.year - 1``: a year's statistics appear in the following year's bulletins (统计公报, March to
May), so by a date in year Y at most year Y - 1 can be published.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from .assessment import rows_for
from .observations import load_indicators, load_observations
from .observations.schema import as_of_date as parse_as_of
from .plans import Plan, resolve_plan
from .targets import Target, load_targets, plan_region_of

#: First year of the grid: the earliest public Haizhou figures the project holds are for 2017. A fact of the
#: shipped observations, not of a plan (plan.yaml holds the plan's own period_start and deadline): every
#: plan's grid starts here, so that the years before its period, its base, show what is known.
GRID_START = 2017
#: A checklist covers at least the five-year-plan period that the deadline closes (2021–2025 for 2025).
FIVE_YEAR_SPAN = 5
#: The columns of the targets × years grid (:func:`data_gaps`).
GRID_COLUMNS = ("target_id", "target", "indicator", "year", "state", "value", "bound", "unit", "source_title")


def data_gaps(
    targets: Sequence[Target] | None = None,
    observations: pd.DataFrame | None = None,
    *,
    years: Sequence[int] | None = None,
    region: str | None = None,
) -> pd.DataFrame:
    """Targets × years: what is observed (point), only bounded, or missing, in the plan's region.

    ``years`` None: :func:`grid_years` of the default plan; ``region`` None: each target's plan's region.

    Columns: target_id, target (Chinese name), indicator, year, state (a code: observed | bound | missing),
    and the cell's figure: value, bound, unit, source_title (empty for a missing year). Codes and figures
    only: a page puts its words on them (:func:`hzanalysis.views.gaps_view`).
    """
    targets = load_targets() if targets is None else list(targets)
    observations = load_observations() if observations is None else observations
    years = grid_years() if years is None else years
    records = []
    for t in targets:
        if not t.is_quantitative:
            continue
        rows = rows_for(observations, t.indicator, region or plan_region_of(t))
        for year in years:
            hits = rows[rows["year"] == year]
            points = hits[hits["bound"] == "="]
            if not points.empty:
                state, row = "observed", points.iloc[0]
            elif not hits.empty:
                state, row = "bound", hits.iloc[0]
            else:
                state, row = "missing", None
            records.append(
                {
                    "target_id": t.id,
                    "target": t.name_zh,
                    "indicator": t.indicator,
                    "year": int(year),
                    "state": state,
                    "value": float(row["value"]) if row is not None else None,
                    "bound": str(row["bound"]) if row is not None else None,
                    "unit": str(row["unit"]) if row is not None else None,
                    "source_title": str(row["source_title"]) if row is not None else None,
                }
            )
    return pd.DataFrame.from_records(records, columns=GRID_COLUMNS)


def gap_checklist(
    targets: Sequence[Target] | None = None,
    observations: pd.DataFrame | None = None,
    *,
    years: Sequence[int] | None = None,
    region: str | None = None,
    indicators: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """For each quantitative target: the indicator needed, the years missing, who holds the figure.

    A checklist to send to the bureaux; ``years`` None: the default plan's period with its base year and the
    five-year period its deadline closes (:func:`plan_span`); ``region`` None: each target's plan's region.
    ``years_missing`` and ``responsible_units`` are lists (empty when none): a page writes them out in its
    language (:func:`hzanalysis.views.checklist_view`).
    """
    targets = load_targets() if targets is None else list(targets)
    observations = load_observations() if observations is None else observations
    indicators = load_indicators() if indicators is None else indicators
    catalogue = indicators.set_index("id")
    years = plan_span() if years is None else years
    grid = data_gaps(targets, observations, years=years, region=region)
    records = []
    for t in targets:
        if not t.is_quantitative:
            continue
        cells = grid[grid["target_id"] == t.id]
        missing = [int(y) for y in cells.loc[cells["state"] != "observed", "year"]]
        info = catalogue.loc[t.indicator]
        records.append(
            {
                "target_id": t.id,
                "target": t.name_zh,
                "indicator": t.indicator,
                "indicator_zh": info["name_zh"],
                "unit": info["unit"],
                "years_missing": missing,
                "n_missing": len(missing),
                "holder": info["holder_zh"],
                "responsible_units": list(t.responsible_units),
            }
        )
    return pd.DataFrame.from_records(records).sort_values(
        ["n_missing", "target_id"], ascending=[False, True], ignore_index=True
    )


def as_of_date(as_of: str | dt.date | None, today: dt.date | None = None) -> dt.date:
    """The as-of date as a date; None (everything available) means today."""
    parsed = parse_as_of(as_of) if as_of != "" else None
    return parsed if parsed is not None else today or dt.date.today()


def last_publishable_year(as_of: str | dt.date | None, today: dt.date | None = None) -> int:
    """The last year whose annual figure can be published by ``as_of`` (the year before it)."""
    return as_of_date(as_of, today).year - 1


def grid_years(plan: str | Plan | None = None) -> range:
    """The years of the targets × years grid: from the first public figures to the plan's deadline."""
    return range(GRID_START, resolve_plan(plan).deadline + 1)


def checklist_years(
    plan: str | Plan | None = None, as_of: str | dt.date | None = None, today: dt.date | None = None
) -> range:
    """The years the checklist asks the bureaux for: the plan's period with its base year, up to the last
    publishable year.

    The period starts at the earlier of the year before the plan's first year (the base every target is
    measured from) and the first year of the five-year period the deadline closes. When nothing of it can
    be published yet, the checklist asks for the last publishable year alone.
    """
    span = plan_span(plan)
    end = min(span[-1], last_publishable_year(as_of, today))
    return range(min(span[0], end), end + 1)


def plan_span(plan: str | Plan | None = None) -> range:
    """The plan's period with its base year (the year before its first) and the five-year period its
    deadline closes, up to the deadline: 2021–2025 for the 2024–2025 plan."""
    selected = resolve_plan(plan)
    start = min(selected.period_start - 1, selected.deadline - FIVE_YEAR_SPAN + 1)
    return range(start, selected.deadline + 1)


def period_text(years: Sequence[int]) -> str:
    """``2021–2025`` (or ``2025`` for one year)."""
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def _names_en(targets: Sequence[Target]) -> dict[str, str]:
    return {t.id: t.name_en for t in targets}


def plan_gaps(
    targets: Sequence[Target] | None,
    observations: pd.DataFrame,
    *,
    plan: str | Plan | None = None,
    as_of: str | dt.date | None = None,
    today: dt.date | None = None,
) -> pd.DataFrame:
    """The grid of :func:`hzanalysis.data_gaps` for a plan, with ``not_yet_due`` years and ``name_en``.

    A cell after the last publishable year that holds no figure is ``not_yet_due``; a figure that is there
    (a preliminary value the reader added) stays observed.
    """
    selected = resolve_plan(plan)
    targets = load_targets(plan=selected) if targets is None else list(targets)
    grid = data_gaps(targets, observations, years=grid_years(selected), region=selected.region)
    if grid.empty:
        return grid.assign(name_en=pd.Series(dtype=str))
    due = last_publishable_year(as_of, today)
    later = (grid["state"] == "missing") & (grid["year"] > due)
    grid.loc[later, "state"] = "not_yet_due"
    return grid.assign(name_en=grid["target_id"].map(_names_en(targets)))


def plan_checklist(
    targets: Sequence[Target] | None,
    observations: pd.DataFrame,
    *,
    plan: str | Plan | None = None,
    as_of: str | dt.date | None = None,
    today: dt.date | None = None,
) -> pd.DataFrame:
    """The checklist of :func:`hzanalysis.gap_checklist` over :func:`checklist_years`, with ``name_en``."""
    selected = resolve_plan(plan)
    targets = load_targets(plan=selected) if targets is None else list(targets)
    checklist = gap_checklist(
        targets, observations, years=checklist_years(selected, as_of, today), region=selected.region
    )
    if checklist.empty:
        return checklist
    return checklist.assign(name_en=checklist["target_id"].map(_names_en(targets)))
