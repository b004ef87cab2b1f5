"""Run every benchmark in turn and collect their markdown tables into benchmarks/results/summary.md.

Order: extraction (seconds), speed, Tourism full histories, Tourism ``--last 10``, leave-one-panel-out
validation, leave-one-population-out validation, moments, plan draft.
Takes several minutes on 2 cores (most of it the Tourism runs: damped ETS and Theta on 518 series).
"""

from __future__ import annotations

import argparse
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from benchmarks import (
    accuracy,
    extraction,
    lopo,
    moments,
    plan_draft,
    populations,
    results_dir,
    say,
    speed,
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run_all", description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for each benchmark")
    parser.add_argument(
        "--models",
        default="auto,naive,drift,linear,damped,theta",
        help="project models on the full Tourism histories (--last 10 runs auto only)",
    )
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    out = results_dir(args.out)
    jobs, common = str(args.jobs), ["--out", str(out)]
    runs = [
        ("extraction", extraction.main, common, "extraction.md"),
        ("speed", speed.main, common, "speed.md"),
        (
            "tourism, full histories",
            accuracy.main,
            ["--models", args.models, "--jobs", jobs, "--tag", "tourism_full", *common],
            "accuracy_tourism_full.md",
        ),
        (
            "tourism, last 10 points",
            accuracy.main,
            ["--last", "10", "--jobs", jobs, "--tag", "tourism_last10", *common],
            "accuracy_tourism_last10.md",
        ),
        ("leave one panel out (calibration and outside view)", lopo.main, common, "lopo.md"),
        ("leave one population out (learned trend persistence)", populations.main, common, "populations.md"),
        ("moments (mean against median)", moments.main, common, "moments.md"),
        ("plan draft on the 2024 plan", plan_draft.main, common, "plan_draft.md"),
    ]
    sections, failed = [], []
    for title, run, run_args, produced in runs:
        say([f"=== {title}"])
        started = time.perf_counter()
        try:
            run(run_args)
        except Exception:  # one broken benchmark must not hide the others; it is reported and fails the run
            failed.append(title)
            sections.append(f"# {title}: FAILED\n\n```\n{traceback.format_exc()}```\n")
            say([traceback.format_exc()])
            continue
        took = time.perf_counter() - started
        sections.append(f"# {title} ({took:.0f} s)\n\n" + (out / produced).read_text(encoding="utf-8"))
    (out / "summary.md").write_text("\n".join(sections), encoding="utf-8")
    say([f"wrote {out / 'summary.md'}", *(f"FAILED: {t}" for t in failed)])
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
