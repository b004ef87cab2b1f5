"""The target registry: a plan's targets, loaded from its folder's ``targets.yaml`` and validated.

Each plan lives in ``data/raw/plans/<plan_id>/`` (see :mod:`hzanalysis.plans`); the default is the 2024
Haizhou plan. ``load_targets(plan=...)`` takes a plan id or a folder path.

The targets are data, not code: each entry says what the plan promises (kind, comparator, value, unit,
deadline), where it says so (sections, verbatim quotes) and who is responsible. Every problem in the file is
reported at once, naming the file, the entry, the field, what was expected and how to fix it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from . import catalogue
from .errors import InputError, ParameterError, Problem
from .plans import Plan, resolve_plan

KINDS: tuple[str, ...] = ("level", "annual_floor", "cumulative", "rank", "growth", "qualitative")
QUANTITATIVE_KINDS: frozenset[str] = frozenset(KINDS) - {"qualitative"}
PERIOD_KINDS: frozenset[str] = frozenset({"annual_floor", "cumulative"})
#: Units of a growth target: "%/年" a compound rate per year (年均增长12%), "%" in total (翻一番 = 100%),
#: "个百分点" points added to a share's base-year figure (比2025年提高3个百分点).
GROWTH_UNITS: frozenset[str] = frozenset({"%/年", "%", "个百分点"})
#: How far below its value an approximate target (comparator "~": 左右/约) may fall and still be met.
APPROX_TOLERANCE = 0.05

# Comparators allowed for each kind: ">=" for 达到/以上/不少于, ">" for 超/超过, "~" for 左右/约 (met from
# APPROX_TOLERANCE below the value), "<=" for a ceiling (降低到/控制在…以内) or a fall (下降13.5%: growth of
# -13.5 or less), "first" for 居…首位 and "top" for 前三/前40位 (value = the place).
COMPARATORS: dict[str, frozenset[str | None]] = {
    "level": frozenset({">=", ">", "~", "<="}),
    "annual_floor": frozenset({">=", ">", "~"}),
    "cumulative": frozenset({">=", ">", "~"}),
    "rank": frozenset({"first", "top"}),
    "growth": frozenset({">=", ">", "~", "<="}),
    "qualitative": frozenset({None}),
}

#: A Chinese character: a note_zh without one is English written in the wrong field.
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Target:
    """One target of a plan, as stated in its registry (see ``data/raw/plans/haizhou-2024/SOURCE.md``)."""

    id: str
    name_zh: str
    name_en: str
    action: int
    sections: tuple[str, ...]
    kind: str
    comparator: str | None
    value: float | None
    unit: str
    indicator: str | None
    deadline: int
    period_start: int | None
    responsible_units: tuple[str, ...]
    quotes: tuple[str, ...]
    #: The registry's interpretation note, in English, and in Chinese (``note_zh``) for Chinese pages.
    note: str = ""
    note_zh: str = ""
    # Filled from the plan's plan.yaml (its action names, id, region and first year), not written in the
    # registry; a target built by hand has none, and is read as the default plan's (see plan_region_of).
    action_zh: str = ""
    action_en: str = ""
    plan_id: str = ""
    plan_region: str = ""
    plan_start: int | None = None

    def note_text(self, lang: str = "zh") -> tuple[str, str]:
        """The note in ``lang`` and the language it is written in: a Chinese page shows ``note_zh``, or the
        English note (marked as English) when the registry has no Chinese one."""
        if lang == "zh" and self.note_zh:
            return self.note_zh, "zh"
        return self.note, "en"

    @property
    def is_quantitative(self) -> bool:
        """True for every kind except ``qualitative`` (which is listed, never scored)."""
        return self.kind in QUANTITATIVE_KINDS

    @property
    def period_years(self) -> tuple[int, ...]:
        """The years counted by an annual floor or a cumulative target; empty for other kinds."""
        if self.kind not in PERIOD_KINDS or self.period_start is None:
            return ()
        return tuple(range(self.period_start, self.deadline + 1))


_DERIVED_FIELDS = frozenset({"action_zh", "action_en", "plan_id", "plan_region", "plan_start"})
FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Target) if f.name not in _DERIVED_FIELDS)


def default_targets_path(plan: str | Path | Plan | None = None) -> Path:
    """Where a plan's registry lives (default plan: ``data/raw/plans/haizhou-2024/targets.yaml``)."""
    return resolve_plan(plan).targets_path


def known_indicators() -> frozenset[str]:
    """Indicator ids a target may name: the ids of the catalogue ``data/raw/indicators.csv``."""
    return frozenset(catalogue.indicators())


def plan_region_of(target: Target) -> str:
    """The region of the target's plan (its ``plan.yaml``); a target built by hand: the default plan's."""
    return target.plan_region or resolve_plan(None).region


def plan_start_of(target: Target) -> int:
    """The first year of the target's plan (``period_start`` of its ``plan.yaml``); a target built by hand:
    the default plan's. The mid-term rule measures progress from the last figure before it."""
    return target.plan_start if target.plan_start is not None else resolve_plan(None).period_start


def load_targets(path: Path | None = None, *, plan: str | Path | Plan | None = None) -> list[Target]:
    """Load and validate a plan's target registry; raise ``InputError`` listing every problem found.

    ``plan`` is a plan id, a plan folder or a :class:`~hzanalysis.plans.Plan` (default: the 2024 plan);
    ``path`` reads another registry file against that plan's actions.
    """
    plan = resolve_plan(plan)
    path = Path(path) if path is not None else plan.targets_path
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        fix = "check the path, or pass path=None for the plan's own targets.yaml"
        found = f"{type(exc).__name__}: {exc}"
        raise InputError(Problem(file, "", "", "a readable YAML file", found, fix)) from exc
    try:
        document = yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader subclass: no arbitrary objects
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = f"line {mark.line + 1}" if mark is not None else ""
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        fix = "fix the YAML at that line (indentation, quoting, a missing colon)"
        raise InputError(Problem(file, row, "", "valid YAML", f"a syntax error ({reason})", fix)) from exc

    entries = _entries(document, file)
    actions, indicators = plan.action_names, known_indicators()
    problems: list[Problem] = []
    targets: list[Target] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        entry_problems, target = _check_entry(entry, number, file, actions, indicators)
        if target is not None:
            zh, en = actions[target.action]
            target = replace(
                target,
                action_zh=zh,
                action_en=en,
                plan_id=plan.id,
                plan_region=plan.region,
                plan_start=plan.period_start,
            )
        problems.extend(entry_problems)
        if target is None:
            continue
        if target.id in seen:
            problems.append(
                Problem(
                    file,
                    _row(number, target.id),
                    "id",
                    "an id used by one entry only",
                    f"{target.id!r} already used by entry {seen[target.id]}",
                    "rename one of the two entries, or merge them into one entry citing both places",
                )
            )
        else:
            seen[target.id] = number
        targets.append(target)
    if problems:
        raise InputError(problems)
    return targets


def get_target(
    target_id: str, targets: Sequence[Target] | None = None, *, plan: str | Path | Plan | None = None
) -> Target:
    """The target with this id (in ``targets``, else the plan's registry); ParameterError lists valid ids."""
    targets = load_targets(plan=plan) if targets is None else targets
    for target in targets:
        if target.id == target_id:
            return target
    valid = ", ".join(sorted(t.id for t in targets))
    raise ParameterError(f"unknown target id {target_id!r}; valid ids: {valid}")


def targets_frame(
    targets: Sequence[Target] | None = None, *, plan: str | Path | Plan | None = None
) -> pd.DataFrame:
    """One row per target; units joined with "、", sections and quotes with " / "."""
    targets = load_targets(plan=plan) if targets is None else targets
    records = [
        {
            "id": t.id,
            "name_zh": t.name_zh,
            "name_en": t.name_en,
            "action": t.action,
            "action_zh": t.action_zh,
            "action_en": t.action_en,
            "sections": " / ".join(t.sections),
            "kind": t.kind,
            "comparator": t.comparator,
            "value": t.value,
            "unit": t.unit,
            "indicator": t.indicator,
            "deadline": t.deadline,
            "period_start": t.period_start,
            "responsible_units": "、".join(t.responsible_units),
            "quotes": " / ".join(t.quotes),
            "note": t.note,
            "note_zh": t.note_zh,
        }
        for t in targets
    ]
    frame = pd.DataFrame.from_records(
        records,
        columns=[
            "id",
            "name_zh",
            "name_en",
            "action",
            "action_zh",
            "action_en",
            "sections",
            "kind",
            "comparator",
            "value",
            "unit",
            "indicator",
            "deadline",
            "period_start",
            "responsible_units",
            "quotes",
            "note",
            "note_zh",
        ],
    )
    # Nullable dtypes keep "no value" visible as <NA> instead of turning the integer columns into floats.
    return frame.astype({"value": "Float64", "action": "Int64", "deadline": "Int64", "period_start": "Int64"})


# ---------------------------------------------------------------------------------------------------------
# Validation


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key given twice in one mapping (PyYAML silently keeps the last one)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        keys: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in keys:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} appears twice in one mapping", key_node.start_mark
                )
            keys.add(key)
        return super().construct_mapping(node, deep=deep)


def _row(number: int, target_id: object) -> str:
    if isinstance(target_id, str) and target_id:
        return f"entry {number} (id {target_id})"
    return f"entry {number}"


def _entries(document: object, file: str) -> list[object]:
    fix = (
        "make the file a mapping whose 'targets:' key holds a list of entries "
        "(see data/raw/plans/haizhou-2024/targets.yaml)"
    )
    if not isinstance(document, dict):
        raise InputError(
            Problem(file, "", "targets", "a mapping with a 'targets' list", f"{type(document).__name__}", fix)
        )
    entries = document.get("targets")
    if not isinstance(entries, list) or not entries:
        found = "no 'targets' key" if "targets" not in document else f"{entries!r:.40}"
        raise InputError(Problem(file, "", "targets", "a non-empty list of target entries", found, fix))
    return entries


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return (_is_int(value) or isinstance(value, float)) and math.isfinite(float(value))  # type: ignore[arg-type]


def _is_text(value: object) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _is_text_list(value: object, allow_empty: bool) -> bool:
    return isinstance(value, list) and (allow_empty or bool(value)) and all(_is_text(v) for v in value)


def _check_entry(
    entry: object,
    number: int,
    file: str,
    actions: dict[int, tuple[str, str]],
    indicators: frozenset[str],
) -> tuple[list[Problem], Target | None]:
    """All problems of one entry, and the Target when there are none."""
    if not isinstance(entry, dict):
        found = f"{type(entry).__name__} {entry!r:.40}"
        fix = "write the entry as 'key: value' lines"
        return [Problem(file, _row(number, None), "", "a mapping of target fields", found, fix)], None
    row = _row(number, entry.get("id"))
    problems: list[Problem] = []

    def problem(column: str, expected: str, fix: str) -> None:
        found = repr(entry[column]) if column in entry else "nothing (field missing)"
        problems.append(Problem(file, row, column, expected, found, fix))

    for key in entry:
        if key not in FIELDS:
            problems.append(
                Problem(
                    file,
                    row,
                    str(key),
                    f"one of the fields {', '.join(FIELDS)}",
                    repr(key),
                    "remove the field or correct its spelling",
                )
            )
    for key in FIELDS:
        if key not in entry and key not in ("note", "note_zh"):
            problem(key, "the field to be present", f"add '{key}:' (use null where the field does not apply)")
    if problems:
        return problems, None

    kind = entry["kind"]
    quantitative = kind in QUANTITATIVE_KINDS
    if not (_is_text(entry["id"]) and catalogue.ID_PATTERN.match(entry["id"])):
        problem("id", "a snake_case slug (lower-case letters, digits, underscores)", "write e.g. tech_smes")
    for key in ("name_zh", "name_en"):
        if not _is_text(entry[key]):
            problem(key, "a non-empty name", f"write the target's {key}")
    if not (_is_int(entry["action"]) and entry["action"] in actions):
        problem(
            "action",
            f"one of the plan's action numbers {sorted(actions)} (0 = overall goals; see its plan.yaml)",
            "write the number of the action whose paragraph states or serves the target",
        )
    if not _is_text_list(entry["sections"], allow_empty=False):
        problem("sections", "a non-empty list of plan sections", 'write e.g. ["三、发展目标"]')
    if kind not in KINDS:
        problem("kind", f"one of {', '.join(KINDS)}", "use the kind matching how the plan states the target")
        return problems, None  # the checks below depend on the kind

    comparator = entry["comparator"]
    if comparator not in COMPARATORS[kind]:
        allowed = " or ".join("null" if c is None else repr(c) for c in sorted(COMPARATORS[kind], key=str))
        problem(
            "comparator",
            f"{allowed} for kind {kind!r}",
            "'>=' for 达到/以上/不少于, '>' for 超/超过, 'first' for a rank, null for qualitative",
        )
    value = entry["value"]
    if kind == "growth" and _is_number(value) and value < 0:
        pass  # a fall: 下降13.5% is a growth of -13.5
    elif quantitative and not (_is_number(value) and value > 0):
        problem("value", f"a positive number for kind {kind!r}", "write the plan's number, e.g. 3.8 for 3.8%")
    elif kind == "rank" and comparator == "first" and value != 1:
        problem("value", "1 for a rank target (1 = 首位, first place)", "write value: 1")
    elif kind == "rank" and comparator == "top" and not (_is_number(value) and float(value).is_integer()):
        problem("value", "the place for a 'top' rank (3 for 前三)", "write the place as a whole number")
    elif not quantitative and value is not None:
        problem("value", "null for a qualitative target", "write value: null, or choose a quantitative kind")
    unit = entry["unit"]
    if quantitative and not _is_text(unit):
        problem("unit", "the unit as the plan writes it", "write e.g. 家, 件, 亿元 or %")
    elif not quantitative and unit is not None and not isinstance(unit, str):
        problem("unit", "null or text for a qualitative target", "write unit: null")
    indicator = entry["indicator"]
    if quantitative and indicator not in indicators:
        known = ", ".join(sorted(indicators))
        problem(
            "indicator",
            "an indicator id of the catalogue data/raw/indicators.csv",
            f"use one of {known}, or add a row for a new indicator at the end of indicators.csv",
        )
    elif not quantitative and indicator is not None:
        problem("indicator", "null for a qualitative target", "write indicator: null")
    deadline = entry["deadline"]
    if not (_is_int(deadline) and 2000 <= deadline <= 2100):
        problem("deadline", "a year (integer), e.g. 2025", "write the year the plan sets, without quotes")
        deadline = None
    start = entry["period_start"]
    if kind in PERIOD_KINDS:
        if not (_is_int(start) and (deadline is None or 2000 <= start <= deadline)):
            problem(
                "period_start",
                f"the first counted year (an integer <= deadline) for kind {kind!r}",
                "write the first counted year (the 2024 plan's default is 2024, see its SOURCE.md)",
            )
    elif kind == "growth":
        if not (_is_int(start) and (deadline is None or 2000 <= start < deadline)):
            problem(
                "period_start",
                "the base year of the growth (an integer before the deadline), e.g. 2025 for 比2025年翻一番",
                "write the year whose figure the growth is measured from",
            )
        if unit not in GROWTH_UNITS:
            problem(
                "unit",
                "'%/年' (年均增长, per year), '%' (in total) or '个百分点' (points added to a share) for a "
                "growth target",
                "write one",
            )
    elif start is not None:
        problem(
            "period_start",
            f"null for kind {kind!r} (only annual_floor, cumulative and growth have a period)",
            "write period_start: null",
        )
    if not _is_text_list(entry["responsible_units"], allow_empty=True):
        problem(
            "responsible_units",
            "a list of unit names (empty list when the plan names none)",
            "write e.g. [区科技局, 财政局] or []",
        )
    if not _is_text_list(entry["quotes"], allow_empty=False):
        problem(
            "quotes",
            "a non-empty list of verbatim quotes from the plan",
            "copy the sentence or clause that states the target from the plan text",
        )
    note = entry.get("note")
    if note is not None and not isinstance(note, str):
        problem("note", "text or nothing", "write the note as text")
    note_zh = entry.get("note_zh")
    if note_zh is not None and not (isinstance(note_zh, str) and _CJK.search(note_zh)):
        problem(
            "note_zh",
            "the note in Chinese (text with Chinese characters), or nothing",
            "write the Chinese translation of `note`, or leave note_zh out (Chinese pages then show the "
            "English note, marked as English)",
        )
    elif note_zh is not None and not (note or "").strip():
        problem("note_zh", "a `note` in English beside it", "add the English note (English pages show it)")
    if problems:
        return problems, None

    return [], Target(
        id=entry["id"],
        name_zh=entry["name_zh"].strip(),
        name_en=entry["name_en"].strip(),
        action=entry["action"],
        sections=tuple(entry["sections"]),
        kind=kind,
        comparator=comparator,
        value=float(value) if value is not None else None,
        unit=unit or "",
        indicator=indicator,
        deadline=deadline,
        period_start=start,
        responsible_units=tuple(entry["responsible_units"]),
        quotes=tuple(entry["quotes"]),
        note=(note or "").strip(),
        note_zh=(note_zh or "").strip(),
    )
