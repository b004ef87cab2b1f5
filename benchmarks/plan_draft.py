"""How well `hzanalysis plan draft` recovers the curated registry of the one real plan we have.

Drafts the 2024 Haizhou plan's registry from its text (data/raw/plans/haizhou-2024/plan.txt) and scores it
against the curated targets.yaml: recall and precision of the numeric targets, and how often the value and
comparator, kind, indicator, responsible units and the places cited agree. The baseline of the same run is
the naive reading "every clause with a number and a unit is a level target with >=".

Real plans of other regions (``--real DIR``, or $HZANALYSIS_REAL_PLANS, default
``~/.cache/hzanalysis-heldout``; skipped when absent): their text never enters the repository. DIR holds
``dev/`` (passages the rules were developed on), ``heldout/`` (labelled before the drafter ran on them) and
``seen-roundN/`` (held-out rounds measured once, then used to develop),
each ``<name>.txt`` beside ``<name>.yaml`` (``deadline`` and ``targets``: a list of ``quote``, ``value``,
``comparator``, ``kind``, ``indicator``, optionally ``also``: a second place). Each is scored per plan and in
total. Writes benchmarks/results/plan_draft.md. Run: ``python -m benchmarks.plan_draft``.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from benchmarks import results_dir, say
from hzanalysis.plan_read import draft_targets
from hzanalysis.plan_score import naive_draft, score_draft
from hzanalysis.plans import DEFAULT_PLAN, resolve_plan
from hzanalysis.targets import Target, load_targets

#: Where the labelled real plans live when neither --real nor $HZANALYSIS_REAL_PLANS says.
DEFAULT_REAL = Path("~/.cache/hzanalysis-heldout").expanduser()
REAL_KEYS = ("recall", "precision", "value_comparator", "indicator")

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
    parser.add_argument(
        "--real",
        type=Path,
        default=Path(os.environ.get("HZANALYSIS_REAL_PLANS") or DEFAULT_REAL),
        help="folder of labelled real plans (dev/, heldout/); skipped when absent",
    )
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
    lines += ["", *real_plan_lines(args.real)]
    out = results_dir(args.out)
    (out / "plan_draft.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    say(lines)
    return 0


def labelled_targets(labels: dict[str, Any]) -> list[Target]:
    """The hand labels of one real plan as Target objects (what score_draft compares with)."""
    return [
        Target(
            id=f"t{number}",
            name_zh=str(label["quote"]),
            name_en="",
            action=0,
            sections=("",),
            kind=str(label["kind"]),
            comparator=label["comparator"],
            value=float(label["value"]),
            unit="",
            indicator=label.get("indicator"),
            deadline=int(labels["deadline"]),
            period_start=None,
            responsible_units=(),
            quotes=tuple(q for q in (label["quote"], label.get("also")) if q),
        )
        for number, label in enumerate(labels["targets"], start=1)
    ]


def score_real(folder: Path) -> dict[str, dict[str, Any]]:
    """Scores of plan draft on every labelled plan of ``folder`` (name -> score_draft's dict)."""
    scores = {}
    for labels_path in sorted(folder.glob("*.yaml")):
        if not labels_path.with_suffix(".txt").is_file():
            continue  # not a plan's labels (extraction passages share the default folder)
        labels = yaml.safe_load(labels_path.read_text(encoding="utf-8"))
        text = labels_path.with_suffix(".txt").read_text(encoding="utf-8")
        scores[labels_path.stem] = score_draft(
            draft_targets(text, int(labels["deadline"])), labelled_targets(labels)
        )
    return scores


def _total(scores: dict[str, dict[str, Any]]) -> dict[str, float]:
    curated = sum(s["curated"] for s in scores.values())
    found = sum(s["found"] for s in scores.values())
    drafted = sum(s["drafted"] for s in scores.values())
    return {
        "curated": curated,
        "drafted": drafted,
        "recall": found / curated if curated else float("nan"),
        "precision": found / drafted if drafted else float("nan"),
        # value_comparator and indicator are shares of the curated targets (as score_draft gives them)
        "value_comparator": _weighted(scores, "value_comparator", curated),
        "indicator": _weighted(scores, "indicator", curated),
    }


def _weighted(scores: dict[str, dict[str, Any]], key: str, curated: int) -> float:
    """A share of all labelled targets from the per-plan shares (passages without targets count nothing)."""
    if not curated:
        return float("nan")
    return sum(s[key] * s["curated"] for s in scores.values() if s["curated"]) / curated


def real_plan_lines(folder: Path) -> list[str]:
    """The table of the real plans of ``folder`` per plan and in total, or one line saying it was skipped."""
    if not folder.is_dir():
        return [f"Real plans: {folder} not found, skipped (see --real)."]
    lines = [
        "Real plans of other regions (passages of public plans; labels by hand; text kept outside the "
        "repository). value+comparator and indicator are shares of all labelled targets.",
        "",
        "| set | plan | targets | drafted | recall | precision | value+comparator | indicator | missed |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    # dev first, held-out last; seen-roundN: a held-out round measured once, then used to develop.
    parts = sorted(
        (p.name for p in folder.iterdir() if p.is_dir()), key=lambda n: (n != "dev", n == "heldout", n)
    )
    every: dict[str, dict[str, Any]] = {}
    for part in parts:
        scores = score_real(folder / part)
        if not scores:
            continue
        every.update({f"{part}/{name}": score for name, score in scores.items()})
        for name, s in {**scores, "total": _total(scores)}.items():
            rates = " | ".join(f"{s[k]:.2f}" for k in REAL_KEYS)
            missed = ", ".join(s.get("missed", [])) if name != "total" else ""
            lines.append(f"| {part} | {name} | {s['curated']} | {s['drafted']} | {rates} | {missed} |")
    if every:  # every passage of every set pooled (in-sample for the sets developed on)
        s = _total(every)
        rates = " | ".join(f"{s[k]:.2f}" for k in REAL_KEYS)
        lines.append(f"| all | total | {s['curated']} | {s['drafted']} | {rates} |  |")
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
