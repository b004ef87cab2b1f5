"""Helpers shared by the plan-draft tests: a fictional plan text drafted, or drafted and checked.

Every plan text passed in is written for the tests (fictional, no text from any real plan).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from hzanalysis import catalogue, plan_indicators, plan_read, plan_registry
from hzanalysis.documents import read_document

#: The head of a fictional county plan (title, issuer, date, goals heading) that `plan check` reads.
QINGSHI_HEAD = "青石县{topic}行动方案（2026—2028年）\n青石县人民政府\n2026年3月1日\n一、主要目标\n"
#: What `plan check` leaves for a person to fill on a draft of a new region's plan: nothing about values.
REVIEW_FIELDS = {"indicator", "name_en", "title_en", "issuer"}


#: The head of a fictional plan's goals section, before the sentences a test drafts.
GOALS_HEAD = "青石县科技创新行动方案（2026—2030年）\n一、主要目标\n"


def numeric(text: str, deadline: int = 2030, head: str = GOALS_HEAD) -> list[plan_read.DraftTarget]:
    """The numeric targets drafted from ``head`` + ``text``."""
    return [d for d in plan_read.draft_targets(head + text, deadline) if d.kind != "qualitative"]


def indicator_of(phrase: str) -> str | None:
    """The catalogue indicator a plan's phrase is matched to, or None."""
    found, _ = plan_indicators.match_indicator(phrase, list(catalogue.indicators().values()))
    return found.id if found else None


def draft(tmp_path: Path, text: str, deadline: int = 2030) -> list[plan_read.DraftTarget]:
    """The targets drafted from ``text`` saved as a plan file (read as a user's file is)."""
    source = tmp_path / "plan.txt"
    source.write_text(text, encoding="utf-8")
    return plan_read.draft_targets(read_document(source), deadline)


def got(drafts: list[plan_read.DraftTarget]) -> list[tuple[object, ...]]:
    """Kind, comparator, value and unit of each numeric target."""
    return [(d.kind, d.comparator, d.value, d.unit) for d in drafts if d.kind != "qualitative"]


def draft_and_check(tmp_path: Path, topic: str, goals: str) -> tuple[set[str], list[dict[str, Any]]]:
    """A fictional plan (青石县, deadline 2028) drafted into a folder and checked: the columns `plan check`
    names, and the drafted targets as written to targets.yaml."""
    source = tmp_path / "plan.txt"
    source.write_text(QINGSHI_HEAD.format(topic=topic) + goals + "\n", encoding="utf-8")
    written = plan_registry.draft_plan(source, "qs-2028", "海州区", 2028, tmp_path / "out")
    problems = plan_registry.check_plan(written[0].parent)
    return {p.column for p in problems}, yaml.safe_load(written[1].read_text())["targets"]
