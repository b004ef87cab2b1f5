"""A drafted target, and one entry per target: a target a plan states in two places (a goals list and
its action, a headline and its sentence) is one draft citing both places; two drafts of one clause, or of
things of different classes, stay two. A row of a table of indicators is a draft of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .catalogue import Indicator
from .plan_indicators import MATCH_THRESHOLD, match_indicator, similarity, unit_fits
from .plan_tables import TableTarget
from .plan_text import DEADLINE, FUTURE, NOISE, PAST, paragraphs, sentences


@dataclass
class DraftTarget:
    """One drafted target, before it is written as a registry entry."""

    clause: str
    value: float | None
    unit: str
    comparator: str | None
    kind: str
    deadline: int
    indicator: str | None
    name_zh: str
    name_en: str
    action: int
    sections: list[str]
    quotes: list[str]
    responsible_units: list[str]
    notes: list[str] = field(default_factory=list)
    #: growth targets: the year whose figure the growth is measured from.
    base_year: int | None = None
    #: the number of the paragraph stating it (-1 unknown): one paragraph never states a target twice
    place: int = -1


def clause_subject(clause: str) -> str:
    """What a clause measures: the clause without numbers, units and phrasing words (may be empty)."""
    # (the years first: NOISE would take 2025 of 2025年 for a number and leave its 年 as a subject)
    subject = NOISE.sub("", re.sub(r"\s+|20\d\d年", "", clause))
    subject = PAST.sub("", re.sub(_FILLER, "", subject)).strip("较比为是")
    return "" if len(subject) < 2 else subject


# Words that say how much or how firmly, never what: a clause of only these has no subject of its own.
_FILLER = (
    r"[一二三四五六七八九十]年|努力|确保|争取|力争|实现|要|完成|新增|新建|达到|达|突破|增加到|增加|提高到|提升至|增至|超过|超|分别|预计|"
    r"增长|增速|提高|提升|"
    r"以上|左右|约|目标"
)


def merge_restated(drafts: list[DraftTarget]) -> list[DraftTarget]:
    """One entry per (indicator, kind family, value): a target stated in two places cites both."""
    merged: list[DraftTarget] = []
    index: dict[tuple[Any, ...], DraftTarget] = {}
    for draft in drafts:
        if draft.indicator is None:
            same = [
                m
                for m in merged
                if m.indicator is None
                and (m.value, m.unit, m.kind, m.deadline)
                == (draft.value, draft.unit, draft.kind, draft.deadline)
                and m.kind != "qualitative"
                # one clause never states the same target twice (分别下降8%、8%: two targets)
                and not _same_clause(m, draft)
                and not _other_figures_differ(m, draft)
                and similarity(clause_subject(m.clause), clause_subject(draft.clause)) >= 0.6
            ]
            if not same:
                merged.append(draft)
                continue
            first = same[0]
            if clause_subject(first.clause).startswith("占") and not clause_subject(draft.clause).startswith(
                "占"
            ):
                first.clause, first.name_zh = draft.clause, draft.name_zh  # the subject the headline cut
            first.sections += [s for s in draft.sections if s not in first.sections]
            first.quotes += [q for q in draft.quotes if q not in first.quotes]
            continue
        # (a target of another year is another target: 到2026年…增长5%左右, 到2030年…年均增长5%以上)
        key = (
            draft.indicator,
            draft.kind == "annual_floor",
            draft.kind == "growth",
            draft.value,
            draft.deadline,
        )
        same_value = index.get(key)
        if same_value is None or _same_clause(same_value, draft):
            index[key] = draft
            merged.append(draft)
            continue
        first = same_value
        first.sections += [s for s in draft.sections if s not in first.sections]
        first.quotes += [q for q in draft.quotes if q not in first.quotes]
        if not first.responsible_units:
            first.responsible_units = draft.responsible_units
        for name in ("comparator", "unit", "kind"):
            if getattr(first, name) != getattr(draft, name):
                first.notes.append(
                    f"the places differ on {name} ({getattr(first, name)} vs {getattr(draft, name)}): "
                    "the first place's is kept; check"
                )
    return _fold_restated(merged)


def _fold_restated(drafts: list[DraftTarget]) -> list[DraftTarget]:
    """A target with no indicator that restates one with an indicator (a news headline 方案出台
    到2028年高新技术企业将达120家 over the sentence that states it) is that target cited twice: same value,
    unit and kind, another place, and the indicator's subject said within the other's."""
    kept = []
    for draft in drafts:
        host = None
        if draft.indicator is None and draft.kind != "qualitative":
            host = next(
                (
                    d
                    for d in drafts
                    if d.indicator is not None
                    and (d.value, d.unit, d.kind) == (draft.value, draft.unit, draft.kind)
                    and not _same_clause(d, draft)
                    and _within(clause_subject(d.clause), clause_subject(draft.clause))
                ),
                None,
            )
        if host is None:
            kept.append(draft)
            continue
        host.sections += [s for s in draft.sections if s not in host.sections]
        host.quotes += [q for q in draft.quotes if q not in host.quotes]
    return kept


def _within(short: str, long: str) -> bool:
    """Whether nearly every character pair of the shorter subject is in the longer one (0.8 or more)."""
    a, b = sorted(({x[i : i + 2] for i in range(len(x) - 1)} for x in (short, long)), key=len)
    return bool(a) and len(a & b) >= 0.8 * len(a)


#: A figure saying which things are counted: 8亿元级 (a class), 10亿元以上的 (a threshold).
_QUALIFYING = re.compile(r"(\d+(?:\.\d+)?)\s*(?:万亿元|亿元|万元|亿|万)?(?:级|以上的|以下的)")


def _other_figures_differ(a: DraftTarget, b: DraftTarget) -> bool:
    """Two clauses counting things of different classes (8亿元级产品1个 and 6亿元级产品1个): two targets
    of one value, not one target stated twice."""
    classes = [set(_QUALIFYING.findall(d.clause)) for d in (a, b)]
    return bool(classes[0] and classes[1] and classes[0] != classes[1])


def _same_clause(a: DraftTarget, b: DraftTarget) -> bool:
    """Two drafts of one clause at one place (A和B均达到60%), not one target stated in two places (a
    headline in a paragraph of its own may repeat its sentence word for word)."""
    if a.place >= 0 and b.place >= 0 and a.place != b.place:
        return False
    # (A、B、C营业收入突破1000亿元: each part quotes its own words beside the clause they share)
    return bool(set(a.quotes) & set(b.quotes)) and a.sections == b.sections


def table_draft(row: TableTarget, text: str, base: int, indicators: Sequence[Indicator]) -> DraftTarget:
    """A row of a table of indicators as a drafted target, matched to an indicator by the row's name."""
    fitting = indicators if row.kind == "growth" else [i for i in indicators if unit_fits(row.unit, i)]
    indicator, score = match_indicator(row.name, fitting)
    attribute = f" ({row.attribute})" if row.attribute else ""
    notes = [f"from the plan's table of indicators: {row.note}{attribute}"]
    if indicator is None:
        notes.append(
            f"new indicator needed (best catalogue match scored {score:.2f} < {MATCH_THRESHOLD}): add a row "
            "to data/raw/indicators.csv and write its id here"
        )
    before = [p for p in paragraphs(text[: row.at]) if p.text.strip()]
    return DraftTarget(
        clause=row.quote,
        value=row.value,
        unit=row.unit,
        comparator=row.comparator,
        kind=row.kind,
        deadline=row.year,
        indicator=indicator.id if indicator else None,
        name_zh=indicator.name_zh if indicator else row.name,
        name_en=indicator.name_en if indicator else "",
        action=0,
        sections=[before[-1].section if before else ""],
        quotes=[row.quote],
        responsible_units=[],
        notes=notes,
        base_year=base if row.kind == "growth" else None,
    )


#: A year's figure told aside in brackets: (2020年底为45家), （2022年：1.8%）.
BASE_ASIDE = re.compile(r"[(（]\s*(20\d\d)\s*年[末底]?[^()（）]{0,16}?\d[^()（）]{0,8}[)）]")
_OWN_LEVEL = re.compile(r"(?:我|本|全)([县区市省])")
#: A sentence of the past: a year named (not one aimed at with 到/至) or a word of the past.
_TOLD = re.compile(r"(?<![到至])20\d\d\s*年(?![底末]前)|" + PAST.pattern)


def higher_level(draft: DraftTarget, text: str) -> bool:
    """Whether a draft opens on a level of government above the plan's own (全市高企达到500家 in a county plan
    that says 全县/我县 throughout): the higher level's goal, quoted, not the plan's. The plan's level is the
    one it names itself by most (twice at least); a rank or a share among the higher level stays its own."""
    opens = re.match(r"\s*(?:力争|争取|确保)?\s*(?:全|我)([市省国])(?!级)", draft.clause)
    if opens is None or draft.kind == "rank" or "占" in draft.clause:
        return False
    counts = {level: 0 for level in "县区市省"}
    # not counted in the sentences of the past: a province's news naming its districts' figures of a year
    # gone (2022年,全区有效高新技术企业达600家) is no district's plan
    aiming = [s for s in sentences(text) if FUTURE.search(s) or DEADLINE.search(s) or not _TOLD.search(s)]
    for found in _OWN_LEVEL.finditer("\n".join(aiming)):
        counts[found.group(1)] += 1
    own = max(counts, key=lambda level: counts[level])
    # a district (区) sits under a city as a county does
    rank_of = {"县": 0, "区": 0, "市": 1, "省": 2, "国": 3}
    return counts[own] >= 2 and rank_of[opens.group(1)] > rank_of[own]
