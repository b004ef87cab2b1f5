"""Leave one population out: the probability of reaching a threshold, scored on populations never fitted on.

For every population in turn (six Chinese provincial panels, US states x3, EU NUTS-2 regions, Tourism, M1):
fit the persistence prior on all the others, score the held-out one, with its class (its units as known at
each origin, which update the prior) and without (the other populations as a library of hypotheses that the
unit's own drift weighs), on full histories and on the report's short shapes
(3 points; 2 points 1-7 years apart; 1 point + class). Event: value in year T+h >= last x (1+g),
g in {-10, -5, 0, 5, 10, 20}%, h = 1-3. Baselines in the same run: a random walk without drift and drift,
both normal with the spread of the series' own yearly changes; the Eurostat rule read as 0/1; the held-out
population's own base rate per (g, h) (an oracle: it knows the held-out outcomes). Also scored: the same
model with the own trend at full weight (k -> 0 pinned), to show what learning persistence changes.

``python -m benchmarks.populations`` (part of ``make bench``), 1-3 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from benchmarks import environment, results_dir, say, write_json
from benchmarks.calibrated_null import null_table
from benchmarks.harness import markdown_table
from hzanalysis import populations as pops
from hzanalysis.derive.population_validation import (
    AIM_80,
    AIM_95,
    AIM_BRIER_RATIO,
    AIM_GAP_CLASS,
    AIM_GAP_OWN,
    AIM_GAP_POOLED,
    score,
    shape_group,
    validate,
    year_bias,
)
from hzanalysis.derive.populations import fit_atoms, load_populations


def _fmt(x: Any, digits: int = 3) -> str:
    return "—" if x is None or (isinstance(x, float) and not np.isfinite(x)) else f"{x:.{digits}f}"


def rows_for(ev: pd.DataFrame, label: str, column: str, *, gap_aim: float) -> dict[str, Any]:
    s = score(ev, column)
    if not s.get("events"):
        return {}
    ratio = s["brier"] / s["brier_base_rate"] if s["brier_base_rate"] else float("nan")
    beats = (
        all(
            s.get("brier_same_events", s["brier"]) < s.get(k, np.inf)
            for k in ("brier_rw", "brier_drift")
            if k in s
        )
        and s["brier"] < s["brier_eurostat"]
    )
    row = {
        "population": label,
        "events": s["events"],
        "Brier": _fmt(s["brier"]),
        "base rate": _fmt(s["brier_base_rate"]),
        "ratio": _fmt(ratio, 2) + ("" if ratio <= AIM_BRIER_RATIO else " ✗"),
        "RW (2+ pts)": _fmt(s.get("brier_rw")),
        "drift (2+ pts)": _fmt(s.get("brier_drift")),
        "ours same events": _fmt(s.get("brier_same_events")),
        "Eurostat 0/1": _fmt(s["brier_eurostat"]),
        "beats baselines": "yes" if beats else "no ✗",
        "gap": _fmt(s["gap"]) + ("" if s["gap"] is not None and s["gap"] <= gap_aim else " ✗"),
        "gap range (years resampled)": "—"
        if not s.get("gap_range")
        else f"{s['gap_range'][0]:.2f}-{s['gap_range'][1]:.2f}",
        "cover 80": _fmt(s.get("cover_80"))
        + ("" if AIM_80[0] <= s.get("cover_80", 0) <= AIM_80[1] else " ✗"),
        "cover 95": _fmt(s.get("cover_95"))
        + ("" if AIM_95[0] <= s.get("cover_95", 0) <= AIM_95[1] else " ✗"),
    }
    return row


def report(
    all_events: pd.DataFrame, atoms: tuple[dict[str, int], dict[str, Any]]
) -> tuple[list[str], dict[str, Any]]:
    """The tables: per population and mode, per history shape, and pooled outside China."""
    lines: list[str] = []
    with_class, without = atoms
    summary: dict[str, Any] = {
        "atoms": {"class": with_class, "own": {name: atom.to_json() for name, atom in without.items()}},
        "scores": {},
    }
    all_events = all_events.assign(group=all_events["shape"].map(shape_group))
    for mode, column, aim, title in (
        (
            "class",
            "p_class",
            AIM_GAP_CLASS,
            "With its class (the prior updated by its units as known at each origin)",
        ),
        (
            "own",
            "p_own",
            AIM_GAP_OWN,
            "Without a class (the other populations as hypotheses weighed by the unit's drift; 2+ points)",
        ),
        ("fullweight", "p_fullweight", AIM_GAP_OWN, "Baseline: the same spread, own trend at full weight"),
    ):
        rows = []
        for name, ev in all_events.groupby("population", sort=False):
            rows.append(rows_for(ev, name, column, gap_aim=aim))
            summary["scores"][f"{mode}/{name}"] = score(ev, column)
        outside = all_events[~all_events["china"]]
        rows.append(
            rows_for(
                outside, "pooled outside China", column, gap_aim=AIM_GAP_POOLED if mode == "class" else aim
            )
        )
        summary["scores"][f"{mode}/pooled_outside_china"] = score(outside, column)
        lines += [
            f"### {title}",
            "",
            markdown_table(pd.DataFrame([r for r in rows if r]).set_index("population")),
            "",
        ]
    rows = []
    for (name, group), ev in all_events.groupby(["population", "group"], sort=False):
        for mode, column in (("class", "p_class"), ("own", "p_own")):
            row = rows_for(ev, name, column, gap_aim=AIM_GAP_CLASS if mode == "class" else AIM_GAP_OWN)
            if row:
                rows.append({"history": group, "mode": mode, **row})
                summary["scores"][f"{mode}/{name}/{group}"] = score(ev, column)
    lines += ["### By history shape", "", markdown_table(pd.DataFrame(rows).set_index("population")), ""]
    return lines, summary


def trend_table(all_events: pd.DataFrame) -> tuple[list[str], dict[str, Any]]:
    """Where the class's past growth missed what followed: the source of the misses that are no luck.

    Per population, over its events with a class: the class's median yearly growth as known at the origin,
    the yearly growth that followed and the unit's own drift (medians over cases), the mean predicted
    probability minus the observed frequency, and the origin years whose events were predicted too low or
    too high by more than 0.05 (a bias that holds in most years is no common shock of one or two years).
    """
    rows, summary = [], {}
    for name, ev in all_events.groupby("population", sort=False):
        ev = ev[np.isfinite(ev["p_class"])]
        if ev.empty:
            continue
        cases = ev.drop_duplicates("case")
        followed = (cases["z_actual"] - cases["z_last"]) / cases["h"]
        bias = year_bias(ev, "p_class")
        row = {
            "population": name,
            "class growth known": float(cases["class_growth"].median()),
            "growth that followed": float(followed.median()),
            "own drift (2+ pts)": float(cases.loc[cases["n"] >= 2, "drift"].median()),
            "predicted - observed": bias["bias"],
            "years too low": bias["years_low"],
            "years too high": bias["years_high"],
            "years within 0.05": bias["years"] - bias["years_low"] - bias["years_high"],
        }
        summary[name] = row
        rows.append({k: _fmt(v) if isinstance(v, float) else v for k, v in row.items()})
    lines = [
        "### The class's past growth against what followed (with its class)",
        "",
        markdown_table(pd.DataFrame(rows).set_index("population")),
        "",
    ]
    return lines, summary


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.populations", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument(
        "--only", nargs="*", default=None, help="score only these populations (all are fitted)"
    )
    parser.add_argument(
        "--reuse-cases", action="store_true", help="reuse the cases of the last run (development only)"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    populations = load_populations()
    cache = results_dir(args.out) / "population_cases.pkl"
    if args.reuse_cases and cache.exists():
        tables = pd.read_pickle(cache)
    else:
        tables = {p.name: pops.prepare(p) for p in populations}
        pd.to_pickle(tables, cache)
    say([f"cases prepared in {time.perf_counter() - started:.1f} s"])
    atoms = fit_atoms(tables)
    points = {name: (i, atoms[1][name].point) for name, i in atoms[0].items()}
    say([f"atoms fitted in {time.perf_counter() - started:.1f} s (with class, without): {points}"])
    scored = [p for p in populations if not args.only or p.name in args.only]
    every, validated = validate(scored, tables, atoms)
    lines, summary = report(every, atoms)
    trend_lines, summary["trend"] = trend_table(every)
    null_lines, summary["calibrated_null"] = null_table(validated)
    lines += trend_lines + null_lines
    out = results_dir(args.out)
    (out / "populations.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_json(
        out / "populations.json",
        {"summary": summary, "seconds": time.perf_counter() - started, "environment": environment()},
    )
    say(lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
