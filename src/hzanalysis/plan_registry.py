"""The registry files of a plan: drafting a plan folder from its text, checking a registry against its
text and the catalogues, the indicator coverage of observation files, and the ``plan`` commands.

``hzanalysis plan draft PLAN.txt --id ID --region REGION --deadline 2030`` writes a plan folder for review:
the text, ``targets.yaml`` (every clause that sets a quantitative target, with value, unit, comparator, kind,
deadline, period start, the catalogue indicator it maps to, the responsible units and the verbatim clause)
and ``plan.yaml`` (a provenance stub). ``hzanalysis plan check --plan ID|PATH`` validates a registry against
its text. The draft is a starting point: every entry says where it comes from, and what it could not decide
(an indicator missing from the catalogue, an English name) is left for the reviewer and flagged by the check.
How the text is read: :mod:`hzanalysis.plan_read`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from . import catalogue, paths
from .catalogue import Indicator
from .documents import read_document
from .errors import InputError, ParameterError, Problem
from .fileio import atomic_write_text
from .plan_drafts import DraftTarget
from .plan_indicators import unit_fits
from .plan_read import draft_targets
from .plan_text import CN_NUMBER, DOUBLE, FALL, ISSUE_DATE, YI, chinese_number, paragraphs, plan_period
from .plans import PLAN_FILE, Plan, resolve_plan
from .targets import KINDS, load_targets

#: First words of a drafted targets.yaml; a reviewer who removes them marks the registry as reviewed.
DRAFT_MARK = "# DRAFT target registry"


def registry_document(drafts: Sequence[DraftTarget], period_start: int, source: str) -> dict[str, Any]:
    """The draft as a targets.yaml document (same format as the curated registries)."""
    ids: dict[str, int] = {}
    for d in drafts:
        if d.indicator:
            ids[d.indicator] = ids.get(d.indicator, 0) + 1
    entries = []
    used: set[str] = set()
    for number, d in enumerate(drafts, start=1):
        if d.indicator and ids[d.indicator] == 1:
            target_id = d.indicator
        elif d.indicator:
            target_id = f"{d.indicator}_{d.kind}"
        else:
            target_id = f"target_{number}"
        # two targets of one indicator and kind (a milestone and the end: 2027年 and 2028年 columns of a
        # table) are told apart by their deadline, then by their order
        if target_id in used:
            target_id = f"{target_id}_{d.deadline}"
        base_id, again = target_id, 2
        while target_id in used:
            target_id, again = f"{base_id}_{again}", again + 1
        used.add(target_id)
        period = d.kind in ("annual_floor", "cumulative")
        start = d.base_year if d.kind == "growth" else min(period_start, d.deadline) if period else None
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
                "period_start": start,
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
    issued = ISSUE_DATE.search(text)
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
            re.search(r"(方案|规划|意见|计划)([（(][^）)]*[）)])*$", line)  # …计划（2026—2028年）（虚构）
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
    (each quote verbatim in the text, each value written in one of its quotes, deadlines in the period),
    against the catalogues (a unit and kind that fit the indicator, a region of regions.csv) and for what
    a reviewer must still fill (placeholders, an empty ``title_en``)."""
    plan = resolve_plan(plan)
    file = str(plan.targets_path)
    problems: list[Problem] = _provenance_problems(plan)
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
    indicators = dict(catalogue.indicators())
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
        problems += _entry_problems(entry, row, file, indicators)
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
    numbers |= {round(float(n) * 10000, 6) for n in re.findall(r"(\d+(?:\.\d+)?)\s*万", quote)}  # 1万名
    numbers |= {round(float(m.group(1)) * 1e8, 6) for m in YI.finditer(quote)}  # 1.2亿台, 1.1亿人次
    numbers |= {float(chinese_number(m.group(1))) for m in CN_NUMBER.finditer(quote)}  # 十万家
    if (found := DOUBLE.search(quote)) is not None:  # 翻一番 is +100%, 翻两番 +300%
        numbers.add(100.0 if found.group(1) in (None, "一") else 300.0)
    if FALL.search(quote):  # 下降12% is a growth of -12
        numbers |= {-float(m.group(2)) for m in FALL.finditer(quote)}
    if re.search(r"降低|下降|减少", quote):  # a table row named as a fall: 能耗降低 | … | 〔13.5〕 is -13.5
        numbers |= {-n for n in numbers}
    return float(value) in numbers


#: Text a reviewer is meant to replace: the draft's stubs and the usual placeholders.
_PLACEHOLDER = re.compile(r"TODO|TBD|FIXME|XXX|待填|待补|待定|待核|to fill", re.IGNORECASE)


def _provenance_problems(plan: Plan) -> list[Problem]:
    """What plan.yaml still lacks: placeholders, an English title, a region of regions.csv."""
    from .regions import add_region_hint, region_ids

    file = str(plan.folder / PLAN_FILE)
    problems = []
    document = yaml.safe_load((plan.folder / PLAN_FILE).read_text(encoding="utf-8")) or {}
    for key, value in document.items():
        if isinstance(value, str) and _PLACEHOLDER.search(value):
            problems.append(
                Problem(
                    file, "", str(key), "the real value, not a placeholder", repr(value), f"fill '{key}:'"
                )
            )
    if not plan.title_en.strip():
        problems.append(
            Problem(
                file,
                "",
                "title_en",
                "the plan's English title (reports in English name the plan by it)",
                repr(plan.title_en),
                "write 'title_en:', e.g. Three-Year Action Plan for S&T Innovation (2026-2028)",
            )
        )
    if plan.region not in region_ids():
        problems.append(
            Problem(
                file,
                "",
                "region",
                "a region id of data/raw/regions.csv (observation files are checked against it)",
                repr(plan.region),
                add_region_hint(plan.region),
            )
        )
    return problems


def _entry_problems(
    entry: dict[str, Any], row: str, file: str, indicators: dict[str, Indicator]
) -> list[Problem]:
    """Placeholders in an entry, and a unit or kind that does not fit its indicator."""
    problems = []
    for key in ("name_zh", "name_en", "note"):
        value = entry.get(key)
        if isinstance(value, str) and _PLACEHOLDER.search(value.replace("DRAFT (hzanalysis plan draft)", "")):
            problems.append(
                Problem(file, row, key, "the real text, not a placeholder", repr(value), f"fill {key}")
            )
    indicator = indicators.get(str(entry.get("indicator")))
    kind, unit = entry.get("kind"), entry.get("unit")
    if indicator is not None and kind == "growth" and unit == "个百分点" and indicator.unit != "%":
        problems.append(
            Problem(
                file,
                row,
                "unit",
                f"a share in % for a growth in percentage points ({indicator.id} is in {indicator.unit})",
                repr(unit),
                "choose the share the points are of, or write the growth in % (提高20%)",
            )
        )
    if indicator is None or kind not in ("level", "annual_floor", "cumulative"):
        return problems
    if not unit_fits(unit, indicator):
        problems.append(
            Problem(
                file,
                row,
                "unit",
                f"the unit of indicator {indicator.id}: {indicator.unit} (observations are in it)",
                repr(unit),
                "choose the indicator the plan's unit measures, or state the value in the indicator's unit",
            )
        )
    if kind in ("annual_floor", "cumulative") and not indicator.flow:
        what = "a stock" if indicator.stock else "a ratio"
        problems.append(
            Problem(
                file,
                row,
                "kind",
                f"a flow indicator for kind {kind!r} ({indicator.id} is {what}: a yearly floor or a sum "
                "over years of it means nothing)",
                repr(kind),
                "use its flow (每年新增 X: the yearly increment, e.g. hte_net_new), or kind level",
            )
        )
    return problems


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
