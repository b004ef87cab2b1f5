"""Is a constant of :mod:`hzanalysis.persistence` tuned to the leave-one-population-out table? Nested check.

The model's fixed constants (``CLASS_SCALE_WEIGHT``: how many yearly changes a class's typical scale counts
for when a unit's own scale is shrunk toward it; ``NU``: the error's degrees of freedom; ``BLUR_STEPS``: how
far each population's best grid point is spread) were set when the model was written, not chosen by a
search. This runs the whole leave-one-population-out validation (``benchmarks.populations``) once per
candidate value, then, for each held-out population in turn, picks the value with the lowest mean Brier ratio
(Brier / base rate) over the *other* populations and scores the held-out one with it: the aims a constant
chosen without the population would meet. If that count is well below the shipped value's, the shipped one
flatters its own table.

``python -m benchmarks.nested_constant [--constant NU --values 3 4 6 10]`` (not in ``make bench``: one
full validation per value, 1.5-2 minutes each on 2 cores). The constants are module attributes read at call
time, so setting one here changes every fit and forecast of the run, as a different shipped value would.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks import environment, results_dir, say, write_json
from benchmarks.harness import markdown_table
from hzanalysis import persistence
from hzanalysis import populations as pops
from hzanalysis.derive.population_validation import aims_met, score, validate
from hzanalysis.derive.populations import fit_atoms, load_populations

#: The constants that can be checked, and the values tried when --values is not given.
CANDIDATES = {
    "CLASS_SCALE_WEIGHT": (1.0, 2.0, 4.0, 8.0),
    "NU": (3.0, 4.0, 6.0, 10.0),
    "BLUR_STEPS": (0, 1, 2),
}
MODES = {"class": "p_class", "own": "p_own"}


def scores_for(constant: str, value: float, tables: dict[str, pd.DataFrame]) -> dict[tuple[str, str], dict]:
    """Every population's held-out scores, per mode, with ``constant`` set to ``value``."""
    shipped = getattr(persistence, constant)
    setattr(persistence, constant, type(shipped)(value))
    try:
        every, _ = validate(load_populations(), tables, fit_atoms(tables))
    finally:
        setattr(persistence, constant, shipped)
    return {
        (mode, name): score(events, column)
        for mode, column in MODES.items()
        for name, events in every.groupby("population", sort=False)
    }


def ratio(s: dict) -> float:
    """Brier over the held-out base rate's."""
    return s["brier"] / s["brier_base_rate"]


def nested(
    results: dict[float, dict[tuple[str, str], dict]], mode: str, names: list[str]
) -> tuple[dict[str, float], int]:
    """Per held-out population, the value the other populations prefer, and the aims met with it."""
    chosen, met = {}, 0
    for name in names:
        others = {w: np.mean([ratio(r[(mode, m)]) for m in names if m != name]) for w, r in results.items()}
        chosen[name] = min(others, key=others.__getitem__)
        met += sum(aims_met(results[chosen[name]][(mode, name)], mode).values())
    return chosen, met


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.nested_constant", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--constant", choices=sorted(CANDIDATES), default="CLASS_SCALE_WEIGHT")
    parser.add_argument("--values", type=float, nargs="+", default=None, help="values to try")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    tables = {p.name: pops.prepare(p) for p in load_populations()}
    results = {}
    for value in args.values or CANDIDATES[args.constant]:
        results[value] = scores_for(args.constant, value, tables)
        say([f"{args.constant} = {value:g}: scored at {time.perf_counter() - started:.0f} s"])
    names = list(dict.fromkeys(name for _, name in next(iter(results.values()))))
    shipped = getattr(persistence, args.constant)
    lines = [f"{args.constant}, shipped value: {shipped:g}.", ""]
    summary: dict = {"constant": args.constant, "shipped": shipped}
    for mode in MODES:
        rows = []
        for value, result in results.items():
            met = sum(sum(aims_met(result[(mode, n)], mode).values()) for n in names)
            rows.append(
                {
                    "value": f"{value:g}",
                    "aims met (of 60)": met,
                    **{n: f"{ratio(result[(mode, n)]):.3f} / {result[(mode, n)]['gap']:.3f}" for n in names},
                }
            )
        chosen, met = nested(results, mode, names)
        rows.append(
            {
                "value": "nested choice",
                "aims met (of 60)": met,
                **{n: f"{chosen[n]:g}" for n in names},
            }
        )
        summary[mode] = {"nested_choice": chosen, "nested_aims_met": met}
        lines += [
            f"### {mode}: Brier ratio / reliability gap per held-out population, and aims met",
            "",
            markdown_table(pd.DataFrame(rows).set_index("value")),
            "",
        ]
    out = results_dir(args.out)
    (out / f"nested_{args.constant.lower()}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary["seconds"] = time.perf_counter() - started
    write_json(out / f"nested_{args.constant.lower()}.json", {**summary, "environment": environment()})
    say(lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
