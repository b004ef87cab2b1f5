"""How well `hzanalysis plan draft` recovers the curated registry of the one real plan we have.

Drafts the 2024 Haizhou plan's registry from its text (data/raw/plans/haizhou-2024/plan.txt) and scores it
against the curated targets.yaml: recall and precision of the numeric targets, and how often the value and
comparator, kind, indicator, responsible units and the places cited agree. The baseline of the same run is
the naive reading "every clause with a number and a unit is a level target with >=". Writes
benchmarks/results/plan_draft.md. Run: ``python -m benchmarks.plan_draft``.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks import results_dir, say
from hzanalysis.plan_draft import draft_targets, naive_draft, score_draft
from hzanalysis.plans import DEFAULT_PLAN, resolve_plan
from hzanalysis.targets import load_targets

ROWS = (
    ("curated numeric targets", "curated", "{:d}"),
    ("numeric entries drafted", "drafted", "{:d}"),
    ("recall (curated targets found)", "recall", "{:.0%}"),
    ("precision (drafted entries that are targets)", "precision", "{:.0%}"),
    ("found with value and comparator right", "value_comparator", "{:.0%}"),
    ("found with kind right", "kind", "{:.0%}"),
    ("found with the curated indicator", "indicator", "{:.0%}"),
    ("found with the responsible units right", "units", "{:.0%}"),
    ("found citing every place the plan states it", "sections", "{:.0%}"),
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.plan_draft", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--plan", default=DEFAULT_PLAN, help="plan id or folder with a curated targets.yaml")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    plan = resolve_plan(args.plan)
    text, curated = plan.text(), load_targets(plan=plan)
    started = time.perf_counter()
    drafted = draft_targets(text, plan.deadline)
    took = time.perf_counter() - started
    scores = score_draft(drafted, curated)
    baseline = score_draft(naive_draft(text, plan.deadline), curated)
    lines = [
        f"Plan {plan.id}: `plan draft` against the curated registry (baseline: every number+unit clause is a "
        f"level target with >=). Drafting took {took * 1000:.0f} ms.",
        "",
        "| measure | plan draft | baseline |",
        "|---|---|---|",
        *(
            f"| {label} | {fmt.format(scores[key])} | {fmt.format(baseline[key])} |"
            for label, key, fmt in ROWS
        ),
        "",
        f"Missed by plan draft: {', '.join(scores['missed']) or 'none'}.",
        "Disagreements among the found: "
        + (", ".join(f"{k} ({'/'.join(v)})" for k, v in scores["disagree"].items() if v) or "none")
        + ".",
    ]
    out = results_dir(args.out)
    (out / "plan_draft.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    say(lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
