"""Drafting a plan's target registry from its text, and checking a registry against its text.

``hzanalysis plan draft PLAN.txt --id ID --region REGION --deadline 2030`` writes a plan folder for review:
the text, ``targets.yaml`` (every clause that sets a quantitative target, with value, unit, comparator, kind,
deadline, period start, the catalogue indicator it maps to, the responsible units and the verbatim clause)
and ``plan.yaml`` (a provenance stub). ``hzanalysis plan check --plan ID|PATH`` validates a registry against
its text. The draft is a starting point: every entry says where it comes from, and what it could not decide
(an indicator missing from the catalogue, an English name) is left for the reviewer and flagged by the check.

How a clause is read (the rules the 2024 plan's curated registry was measured against, benchmarks/):

- a target clause holds a number with a unit (家, 件, %, 亿元, 万平方米…) and a cue: 达到/达/以上/不少于/
  不低于/超过/超/累计/每年/力争/到YYYY年; or 居…首位/第一 (a rank); 居/走在…前列 is a qualitative target;
- comparator: ``>`` for 超/超过/高于, ``first`` for 首位/第一, ``>=`` otherwise;
- kind: ``rank`` for 首位; ``annual_floor`` for 每年/年均; ``cumulative`` for 累计 (which carries to the
  following clauses of the same sentence) when the indicator is a flow, ``level`` when it is a stock (累计集聚
  15家 new R&D institutions is a count at the deadline); ``level`` otherwise;
- indicator: the catalogue row whose Chinese name (or synonyms) shares most character pairs with the clause
  (Dice coefficient of character bigrams, at least :data:`MATCH_THRESHOLD`), else "new indicator needed";
- the same indicator and value stated in two places is one entry citing both places.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import paths
from .documents import read_document, split_sentences
from .errors import InputError, ParameterError, Problem
from .fileio import atomic_write_text
from .plans import PLAN_FILE, Plan, resolve_plan
from .targets import KINDS, load_targets

#: First words of a drafted targets.yaml; a reviewer who removes them marks the registry as reviewed.
DRAFT_MARK = "# DRAFT target registry"
#: Lowest bigram Dice similarity between a clause and an indicator name for the draft to map them.
MATCH_THRESHOLD = 0.3

# Longest first, so that 万平方米 wins over 平方米 and 亿元 over 元.
UNITS = (
    "万平方米",
    "平方米",
    "亿元",
    "万元",
    "万人",
    "%",
    "％",
    "家",
    "个",
    "项",
    "件",
    "套",
    "所",
    "座",
    "名",
    "人",
    "次",
    "倍",
    "亩",
)
_NUMBER_UNIT = re.compile(r"(\d+(?:\.\d+)?)\s*(" + "|".join(re.escape(u) for u in UNITS) + ")")
_DEADLINE = re.compile(r"到\s*(20\d\d)\s*年")
_CUE = re.compile(r"达到|达|以上|不少于|不低于|超过|超|累计|每年|年均|力争|突破|提高到|提升至|增至")
_RANK = re.compile(r"(居|位居|保持|排名)[^,，。；]*?(首位|第一)")
_LEADING = re.compile(r"(居|走在|位居|保持)[^,，。；]*?前列")
_STRICT = re.compile(r"超过|超|高于")
_ANNUAL = re.compile(r"每年|年均")
_TOP_HEADING = re.compile(r"^([一二三四五六七八九十]+)、\s*(.+)$")
_SUB_HEADING = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]\s*(.+)$")
_UNITS_LINE = re.compile(r"[（(](?:责任单位|牵头单位)[:：](.+?)[）)]\s*$")
_RANGE = re.compile(r"(20\d\d)\s*[—–\-－~至到]+\s*(20\d\d)\s*年")
_ISSUE_DATE = re.compile(r"(20\d\d)\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_NUMERALS = "一二三四五六七八九十"
# Words that say how a target is phrased, not what it measures: removed before matching an indicator.
# (以上 only after a number: 省级以上研发机构 names the indicator.)
_NOISE = re.compile(
    r"到\s*20\d\d\s*年|\d+(?:\.\d+)?\s*(?:" + "|".join(re.escape(u) for u in UNITS) + r")?(?:以上)?|"
    r"达到|不少于|不低于|超过|累计|每年|年均|力争|全区|全市|持续提升|进一步|[“”\"、,，。；:：%％()（）]"
)


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


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the plan with where it sits: its section label, action number and named units."""

    text: str
    section: str
    action: int
    action_name: str
    units: tuple[str, ...]


# ---------------------------------------------------------------------------------------------------------
# Reading the plan


def _numeral(text: str) -> int:
    """一..十九 as an integer (plans number their sections with these)."""
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _NUMERALS.index(text[1]) + 1
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_NUMERALS.index(tens) + 1) * 10 + (_NUMERALS.index(ones) + 1 if ones else 0)
    return _NUMERALS.index(text) + 1


def paragraphs(text: str) -> list[Paragraph]:
    """The plan's paragraphs with their section, in order; headings themselves are not paragraphs.

    A top-level heading ``三、发展目标`` labels what follows; a sub-heading ``（一）实施…行动`` under any
    top-level section except the one stating goals (目标) opens action n; a task paragraph's first short
    sentence (its title) is added to the label, e.g. ``四（二）推动新型研发机构集聚发展``.
    """
    out: list[Paragraph] = []
    top, top_number, goals = "", "", True
    action, action_name = 0, ""
    for raw_line in text.splitlines():
        line = raw_line.strip()
        if not line:
            continue
        if (match := _TOP_HEADING.match(line)) and len(line) <= 30:
            top, top_number = line, match.group(1)
            goals = "目标" in match.group(2)
            action, action_name = 0, ""
            continue
        if (match := _SUB_HEADING.match(line)) and len(line) <= 30 and not goals:
            action, action_name = _numeral(match.group(1)), match.group(2).removeprefix("实施").strip("。")
            top_label = f"{top_number}（{match.group(1)}）"
            out_label = top_label
            top = out_label
            continue
        units_match = _UNITS_LINE.search(line)
        units = _split_units(units_match.group(1)) if units_match else ()
        body = line[: units_match.start()] if units_match else line
        section = top
        if action and not goals:
            title = body.split("。", 1)[0]
            if len(title) <= 20 and "。" in body:
                section = f"{top}{title}"
        out.append(Paragraph(body, section, action if not goals else 0, action_name, units))
    return out


def _split_units(text: str) -> tuple[str, ...]:
    # Units are separated by 、 and commas; an instruction such as 以下均需各镇街…落实 is not a unit.
    parts = [p.strip() for p in re.split(r"[、,，;；]", text)]
    kept: list[str] = []
    for part in parts:
        if not part:
            continue
        if part.startswith("以下") or "落实" in part:
            break
        # (牵头单位:区科技局;责任单位:区财政局): the second label starts a new list, not a unit's name.
        part = re.sub(r"^(?:责任单位|牵头单位|配合单位)[:：]", "", part)
        kept.append(part.removesuffix("等") if part.endswith("等") and len(part) > 2 else part)
    return tuple(kept)


def _clauses(sentence: str) -> list[str]:
    """The comma-separated clauses of a sentence, without the closing punctuation."""
    return [c.strip() for c in re.split(r"[,，]", sentence.rstrip("。；;！!？?")) if c.strip()]


# ---------------------------------------------------------------------------------------------------------
# Indicators


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the character bigrams of two texts (1 = same pairs, 0 = none shared)."""
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


@dataclass(frozen=True)
class Indicator:
    """A catalogue row as the draft needs it."""

    id: str
    name_zh: str
    name_en: str
    unit: str
    stock: bool
    names: tuple[str, ...]


def catalogue(path: Path | None = None) -> list[Indicator]:
    """The indicator catalogue (``data/raw/indicators.csv``), with its ``synonyms`` column when present."""
    import csv

    path = path or paths.raw_dir() / "indicators.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        Indicator(
            id=row["id"],
            name_zh=row["name_zh"],
            name_en=row["name_en"],
            unit=row["unit"],
            stock=row.get("flow_or_stock", "") == "stock",
            names=(row["name_zh"], *filter(None, re.split(r"[;；|]", row.get("synonyms") or ""))),
        )
        for row in rows
        if row.get("id")
    ]


def match_indicator(clause: str, indicators: Sequence[Indicator]) -> tuple[Indicator | None, float]:
    """The catalogue indicator whose name is most like the clause, and its score (None below threshold)."""
    subject = _NOISE.sub("", clause)
    for unit in UNITS:
        subject = subject.replace(unit, "")
    best, score = None, 0.0
    for indicator in indicators:
        for name in indicator.names:
            s = similarity(subject, _NOISE.sub("", name.removesuffix("数")))
            if s > score:
                best, score = indicator, s
    return (best, score) if score >= MATCH_THRESHOLD else (None, score)


# ---------------------------------------------------------------------------------------------------------
# Drafting


def draft_targets(
    text: str, deadline: int, indicators: Sequence[Indicator] | None = None
) -> list[DraftTarget]:
    """Every target the plan's text sets, one entry per target (a target stated twice cites both places)."""
    indicators = catalogue() if indicators is None else indicators
    drafts: list[DraftTarget] = []
    for paragraph in paragraphs(text):
        for sentence in split_sentences(paragraph.text):
            year = deadline
            cumulative = cued = False
            for clause in _clauses(sentence):
                if found := _DEADLINE.search(clause):
                    year = int(found.group(1))
                cumulative = cumulative or "累计" in clause
                # 到2025年,累计建成…100个,组建…5个: the sentence's cue covers its later clauses too.
                draft = _draft_clause(clause, year, cumulative, cued, paragraph, indicators)
                cued = cued or bool(_CUE.search(clause) or _DEADLINE.search(clause))
                if draft is not None:
                    drafts.append(draft)
    return _merge(drafts)


def _draft_clause(
    clause: str,
    year: int,
    cumulative: bool,
    cued: bool,
    paragraph: Paragraph,
    indicators: Sequence[Indicator],
) -> DraftTarget | None:
    rank = _RANK.search(clause)
    number = _NUMBER_UNIT.search(clause)
    quote = clause
    if rank is None and number is None:
        if _LEADING.search(clause):
            return DraftTarget(
                clause=quote,
                value=None,
                unit="",
                comparator=None,
                kind="qualitative",
                deadline=year,
                indicator=None,
                name_zh=_NOISE.sub("", clause)[:30],
                name_en="",
                action=paragraph.action,
                sections=[paragraph.section],
                quotes=[quote],
                responsible_units=list(paragraph.units),
                notes=["qualitative: listed, never scored"],
            )
        return None
    if rank is None and not (cued or _CUE.search(clause) or _DEADLINE.search(clause)):
        return None
    indicator, score = match_indicator(clause, indicators)
    notes = []
    if rank is not None:
        value, unit, comparator, kind = 1.0, "位", "first", "rank"
    else:
        value = float(number.group(1))  # type: ignore[union-attr]  # number is set when rank is None
        unit = number.group(2).replace("％", "%")  # type: ignore[union-attr]
        before = clause[: number.start()]  # type: ignore[union-attr]
        comparator = ">" if _STRICT.search(before[-4:] if len(before) > 4 else before) else ">="
        if _ANNUAL.search(clause):
            kind = "annual_floor"
        elif cumulative:
            kind = "level" if indicator is not None and indicator.stock else "cumulative"
            if kind == "level":
                notes.append("累计 of a stock indicator: read as the level at the deadline")
        else:
            kind = "level"
    if indicator is None:
        notes.append(
            f"new indicator needed (best catalogue match scored {score:.2f} < {MATCH_THRESHOLD}): add a row "
            "to data/raw/indicators.csv and write its id here"
        )
    return DraftTarget(
        clause=quote,
        value=value,
        unit=unit,
        comparator=comparator,
        kind=kind,
        deadline=year,
        indicator=indicator.id if indicator else None,
        name_zh=indicator.name_zh if indicator else _NOISE.sub("", clause)[:30],
        name_en=indicator.name_en if indicator else "",
        action=paragraph.action,
        sections=[paragraph.section],
        quotes=[quote],
        responsible_units=list(paragraph.units),
        notes=notes,
    )


def _merge(drafts: list[DraftTarget]) -> list[DraftTarget]:
    """One entry per (indicator, kind family, value): a target stated in two places cites both."""
    merged: list[DraftTarget] = []
    index: dict[tuple[Any, ...], DraftTarget] = {}
    for draft in drafts:
        if draft.indicator is None:
            merged.append(draft)
            continue
        key = (draft.indicator, draft.kind == "annual_floor", draft.value)
        first = index.get(key)
        if first is None:
            index[key] = draft
            merged.append(draft)
            continue
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
    return merged


def plan_period(text: str, deadline: int) -> int:
    """The first year of the plan period: a range such as 2026—2030年, else the year of the issue date
    (the first full date 2024年2月28日 in the text), else five years before the deadline."""
    if found := _RANGE.search(text):
        return int(found.group(1))
    if found := _ISSUE_DATE.search(text):
        return int(found.group(1))
    return deadline - 4


def registry_document(drafts: Sequence[DraftTarget], period_start: int, source: str) -> dict[str, Any]:
    """The draft as a targets.yaml document (same format as the curated registries)."""
    ids: dict[str, int] = {}
    for d in drafts:
        if d.indicator:
            ids[d.indicator] = ids.get(d.indicator, 0) + 1
    entries = []
    for number, d in enumerate(drafts, start=1):
        if d.indicator and ids[d.indicator] == 1:
            target_id = d.indicator
        elif d.indicator:
            target_id = f"{d.indicator}_{d.kind}"
        else:
            target_id = f"target_{number}"
        period = d.kind in ("annual_floor", "cumulative")
        entries.append(
            {
                "id": target_id,
                "name_zh": d.name_zh,
                "name_en": d.name_en,
                "action": d.action,
                "sections": d.sections,
                "kind": d.kind,
                "comparator": d.comparator,
                "value": (int(d.value) if d.value is not None and d.value.is_integer() else d.value),
                "unit": d.unit or None,
                "indicator": d.indicator,
                "deadline": d.deadline,
                "period_start": min(period_start, d.deadline) if period else None,
                "responsible_units": d.responsible_units,
                "quotes": d.quotes,
                "note": " ".join(["DRAFT (hzanalysis plan draft): review.", *d.notes]),
            }
        )
    return {"plan": source, "targets": entries}


def draft_plan(
    source: Path,
    plan_id: str,
    region: str,
    deadline: int,
    out_dir: Path,
    *,
    title: str | None = None,
    issuer: str | None = None,
    period_start: int | None = None,
    issued_on: str | None = None,
    overwrite: bool = False,
) -> list[Path]:
    """Write a plan folder ``out_dir/plan_id`` (text, draft targets.yaml, plan.yaml stub, SOURCE.md)."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9\-_]*", plan_id):
        raise ParameterError(
            f"--id {plan_id!r}: expected a lower-case slug such as lyg-2030 (letters, digits, -)"
        )
    if not 2000 <= deadline <= 2100:
        raise ParameterError(f"--deadline {deadline}: expected a year such as 2030")
    text = read_document(source)
    folder = Path(out_dir) / plan_id
    if folder.exists() and any(folder.iterdir()):
        if not overwrite:
            raise ParameterError(
                f"{folder} already exists and is not empty; choose another --id or --out, or pass --force"
            )
        registry_file = folder / "targets.yaml"
        if registry_file.is_file() and not registry_file.read_text(encoding="utf-8").startswith(DRAFT_MARK):
            # --force replaces an earlier draft, never a registry someone has reviewed (its header is gone).
            raise ParameterError(
                f"{folder} holds a reviewed registry (targets.yaml without the draft header); not "
                "replacing it even with --force. Fix: draft under another --id or --out, or move the folder "
                "away yourself"
            )
    start = period_start if period_start is not None else plan_period(text, deadline)
    drafts = draft_targets(text, deadline)
    if not drafts:
        raise InputError(
            Problem(
                str(source),
                "",
                "",
                "sentences setting quantitative targets (到2030年…达到/不少于…)",
                "none",
                "check that the file is the plan's full text",
            )
        )
    actions = {0: ["总体目标", "Overall goals"]}
    for paragraph in paragraphs(text):
        if paragraph.action and any(d.action == paragraph.action for d in drafts):
            actions.setdefault(paragraph.action, [paragraph.action_name, ""])
    issued = _ISSUE_DATE.search(text)
    provenance = {
        "id": plan_id,
        "title_zh": title or _first_title(text) or plan_id,
        "title_en": "",
        "issuer": issuer or "(to fill: 发文机关)",
        # No date in the text: left empty (plan check then asks for it) rather than guessed.
        "issued": issued_on or (_iso(issued.group(0)) if issued else None),
        "published": None,
        "url": None,
        "region": region,
        "period_start": start,
        "deadline": deadline,
        "text": "plan.txt",
        "targets": "targets.yaml",
        "actions": actions,
    }
    header = (
        f"{DRAFT_MARK} written by `hzanalysis plan draft` from {source.name}, {dt.date.today()}.\n"
        "# Review every entry against plan.txt, then run `hzanalysis plan check --plan <this folder>`.\n"
    )
    registry = registry_document(drafts, start, "plan.txt")
    # Written into a staging folder renamed into place: a failed draft leaves no half-written plan folder.
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.parent / f".{plan_id}.draft-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()  # a plain mkdir keeps the user's umask (mkdtemp would make it private)
    try:
        _write_draft(
            staging,
            text,
            header + _dump(registry),
            _dump(provenance),
            plan_id,
            source,
            drafts,
            deadline,
            start,
        )
        if folder.exists():
            shutil.rmtree(folder)
        staging.rename(folder)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return [folder / name for name in ("plan.txt", "targets.yaml", PLAN_FILE, "SOURCE.md")]


def _write_draft(
    folder: Path,
    text: str,
    registry: str,
    provenance: str,
    plan_id: str,
    source: Path,
    drafts: Sequence[DraftTarget],
    deadline: int,
    start: int,
) -> None:
    for name, content in (
        ("plan.txt", text if text.endswith("\n") else text + "\n"),
        ("targets.yaml", registry),
        (
            PLAN_FILE,
            "# Provenance stub written by `hzanalysis plan draft`: fill issuer, url and the dates.\n"
            + provenance,
        ),
        (
            "SOURCE.md",
            f"# {plan_id}: how the registry was built\n\n"
            f"Drafted by `hzanalysis plan draft` from `{source.name}` ({len(drafts)} entries), "
            f"deadline {deadline}, plan period from {start}. Record here the plan's source (title, issuer, "
            "date, URL) and every choice made while reviewing the draft.\n",
        ),
    ):
        atomic_write_text(folder / name, content)


def _first_title(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip()
        if (
            re.search(r"(方案|规划|意见|计划)([（(][^）)]*[）)])?$", line)
            and len(line) <= 40
            and not line.startswith("关于")
        ):
            return line
    return None


def _iso(chinese_date: str) -> str:
    year, month, day = (int(n) for n in re.findall(r"\d+", chinese_date))
    return dt.date(year, month, day).isoformat()


def _dump(document: dict[str, Any]) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=110, default_flow_style=None)


# ---------------------------------------------------------------------------------------------------------
# Checking a registry against its text


def check_plan(plan: str | Path | Plan | None = None) -> list[Problem]:
    """Every problem of a plan's registry: the loader's field checks, then the checks against the text
    (each quote verbatim in the text, each value written in one of its quotes, deadlines in the period)."""
    plan = resolve_plan(plan)
    file = str(plan.targets_path)
    problems: list[Problem] = []
    try:
        load_targets(plan=plan)
    except InputError as error:
        problems.extend(error.problems)
    try:
        entries = yaml.safe_load(plan.targets_path.read_text(encoding="utf-8")).get("targets") or []
        text = plan.text()
    except (OSError, AttributeError, yaml.YAMLError):
        return problems  # the loader has already said what is wrong with the file
    flat = re.sub(r"\s+", "", text)
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            continue
        row = f"entry {number} (id {entry.get('id')})" if entry.get("id") else f"entry {number}"
        quotes = [q for q in entry.get("quotes") or [] if isinstance(q, str)]
        for quote in quotes:
            if quote not in text and re.sub(r"\s+", "", quote) not in flat:
                problems.append(
                    Problem(
                        file,
                        row,
                        "quotes",
                        f"a verbatim passage of {plan.text_path.name}",
                        f"{quote!r:.60}",
                        "copy the clause character for character from the plan text (commas included)",
                    )
                )
        value = entry.get("value")
        numeric = entry.get("kind") in KINDS and entry.get("kind") not in ("qualitative", "rank")
        if (
            numeric
            and quotes
            and isinstance(value, int | float)
            and not any(_written(value, q) for q in quotes)
        ):
            problems.append(
                Problem(
                    file,
                    row,
                    "value",
                    "the number written in one of the entry's quotes",
                    f"{value!r}, not in {quotes}",
                    "correct the value, or quote the clause that states it",
                )
            )
        deadline = entry.get("deadline")
        if isinstance(deadline, int) and not plan.period_start <= deadline <= plan.deadline:
            problems.append(
                Problem(
                    file,
                    row,
                    "deadline",
                    f"a year inside the plan period {plan.period_start}–{plan.deadline} (plan.yaml)",
                    repr(deadline),
                    "correct the deadline, or the plan period in plan.yaml",
                )
            )
    return problems


def _written(value: float, quote: str) -> bool:
    numbers = {float(n) for n in re.findall(r"\d+(?:\.\d+)?", quote)}
    return float(value) in numbers


# ---------------------------------------------------------------------------------------------------------
# Indicator coverage (for `hzanalysis data check --plan`)


def coverage_lines(plan: str | Path | Plan | None, data: Sequence[str] = ()) -> list[str]:
    """Which of the plan's indicators the observation files cover for the plan's region, one line each."""
    from .observations import load_observations

    plan = resolve_plan(plan)
    observations = load_observations(list(data))
    rows = observations[observations["region"] == plan.region]
    lines = [f"indicator coverage for plan {plan.id} ({plan.region}):"]
    seen: set[str] = set()
    for target in load_targets(plan=plan):
        if not target.indicator or target.indicator in seen:
            continue
        seen.add(target.indicator)
        years = sorted({int(y) for y in rows.loc[rows["indicator"] == target.indicator, "year"]})
        state = f"covered: {', '.join(map(str, years))}" if years else "NOT covered (no figure)"
        lines.append(f"  {target.indicator:<32} {state}")
    covered = sum("covered:" in line for line in lines)
    lines.append(f"  {covered} of {len(seen)} indicators covered")
    return lines


# ---------------------------------------------------------------------------------------------------------
# Command line (wired into hzanalysis.cli)


def add_plan_commands(sub: Any) -> None:
    """Add ``plan draft`` and ``plan check`` to the ``hzanalysis`` parser's subcommands."""
    plan = sub.add_parser("plan", help="draft a new plan's target registry, or check a registry")
    plan_sub = plan.add_subparsers(title="plan commands")
    draft = plan_sub.add_parser(
        "draft", help="draft a plan folder (targets.yaml for review) from the plan's text"
    )
    draft.add_argument("source", type=Path, help="the plan's text (.txt, UTF-8 or GBK)")
    draft.add_argument("--id", required=True, help="the new plan's id, e.g. haizhou-2030")
    draft.add_argument("--region", required=True, help="the region the plan's targets are about, e.g. 海州区")
    draft.add_argument("--deadline", type=int, required=True, help="the year the targets are set for")
    draft.add_argument(
        "--start", type=int, help="first year of the plan period (default: read from the text)"
    )
    draft.add_argument("--title", help="the plan's title (default: read from the text)")
    draft.add_argument("--issuer", help="who issued the plan (发文机关)")
    draft.add_argument(
        "--issued", help="the issue date YYYY-MM-DD (default: the first full date in the text)"
    )
    draft.add_argument(
        "--out", type=Path, help="folder to write the plan folder into (default: data/raw/plans)"
    )
    draft.add_argument("--force", action="store_true", help="overwrite an existing plan folder")
    draft.set_defaults(handler=_draft_command)
    check = plan_sub.add_parser("check", help="validate a plan's registry against its text")
    check.add_argument("--plan", help="plan id or plan folder path (default: haizhou-2024)")
    check.set_defaults(handler=_check_command)


def _draft_command(args: argparse.Namespace) -> int:
    out = args.out if args.out is not None else paths.raw_dir() / "plans"
    written = draft_plan(
        args.source,
        args.id,
        args.region,
        args.deadline,
        out,
        title=args.title,
        issuer=args.issuer,
        period_start=args.start,
        issued_on=args.issued,
        overwrite=args.force,
    )
    for path in written:
        print(f"wrote {path}")
    print(f"next: review {written[1]}, then `hzanalysis plan check --plan {written[0].parent}`")
    return 0


def _check_command(args: argparse.Namespace) -> int:
    plan = resolve_plan(args.plan)
    problems = check_plan(plan)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 2
    print(
        f"ok: {plan.targets_path} agrees with {plan.text_path.name} ({len(load_targets(plan=plan))} targets)"
    )
    return 0


# ---------------------------------------------------------------------------------------------------------
# Scoring a draft against a curated registry (benchmarks/plan_draft.py)


def naive_draft(text: str, deadline: int) -> list[DraftTarget]:
    """The baseline the benchmark compares with: every clause holding a number with a unit is a ``level``
    target with ``>=``, no merging, no responsible units, no indicator."""
    drafts = []
    for paragraph in paragraphs(text):
        for sentence in split_sentences(paragraph.text):
            for clause in _clauses(sentence):
                if number := _NUMBER_UNIT.search(clause):
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
