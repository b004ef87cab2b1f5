"""Scoring a drafted registry against a curated one, and the naive baseline (benchmarks/plan_draft.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .documents import split_sentences
from .plan_drafts import DraftTarget
from .plan_text import NUMBER_UNIT, clauses, paragraphs


def naive_draft(text: str, deadline: int) -> list[DraftTarget]:
    """The baseline the benchmark compares with: every clause holding a number with a unit is a ``level``
    target with ``>=``, no merging, no responsible units, no indicator."""
    drafts = []
    for paragraph in paragraphs(text):
        for sentence in split_sentences(paragraph.text):
            for clause in clauses(sentence):
                if number := NUMBER_UNIT.search(clause):
                    drafts.append(
                        DraftTarget(
                            clause=clause,
                            value=float(number.group(1)),
                            unit=number.group(2),
                            comparator=">=",
                            kind="level",
                            deadline=deadline,
                            indicator=None,
                            name_zh=clause,
                            name_en="",
                            action=0,
                            sections=[paragraph.section],
                            quotes=[clause],
                            responsible_units=[],
                        )
                    )
    return drafts


def score_draft(drafts: Sequence[DraftTarget], curated: Sequence[Any]) -> dict[str, Any]:
    """Recall, precision and field agreement of drafted numeric targets against a curated registry.

    A draft entry finds a curated target when one of its quotes and one of the target's quotes contain one
    another and the values agree (rank targets: both ranks); each curated target is found at most once.
    Returns counts and rates: ``recall`` (curated numeric targets found), ``precision`` (numeric draft
    entries that are curated targets), and among the found the share whose ``value_comparator``, ``kind``,
    ``indicator`` and ``units`` (responsible units, as a list) agree, plus ``sections`` (both places cited).
    """
    numeric = [t for t in curated if t.is_quantitative]
    drafted = [d for d in drafts if d.kind != "qualitative"]
    found: dict[str, DraftTarget] = {}
    for draft in drafted:
        for target in numeric:
            if target.id in found:
                continue
            same_value = (draft.kind == "rank") == (target.kind == "rank") and (
                draft.kind == "rank" or draft.value == target.value
            )
            overlap = any(q in c or c in q for q in draft.quotes for c in target.quotes)
            if same_value and overlap:
                found[target.id] = draft
                break
    matched = [(t, found[t.id]) for t in numeric if t.id in found]

    def share(test: Any) -> float:
        return sum(bool(test(t, d)) for t, d in matched) / len(numeric) if numeric else float("nan")

    return {
        "curated": len(numeric),
        "drafted": len(drafted),
        "found": len(matched),
        "recall": len(matched) / len(numeric) if numeric else float("nan"),
        "precision": len(matched) / len(drafted) if drafted else float("nan"),
        "value_comparator": share(lambda t, d: d.value == t.value and d.comparator == t.comparator),
        "kind": share(lambda t, d: d.kind == t.kind),
        "indicator": share(lambda t, d: d.indicator == t.indicator),
        "units": share(lambda t, d: list(d.responsible_units) == list(t.responsible_units)),
        "sections": share(lambda t, d: len(d.quotes) >= len(t.quotes)),
        "missed": [t.id for t in numeric if t.id not in found],
        "disagree": {
            t.id: [
                name
                for name, ok in (
                    ("comparator", d.comparator == t.comparator),
                    ("kind", d.kind == t.kind),
                    ("indicator", d.indicator == t.indicator),
                    ("units", list(d.responsible_units) == list(t.responsible_units)),
                    ("places", len(d.quotes) >= len(t.quotes)),
                )
                if not ok
            ]
            for t, d in matched
        },
    }
