"""Plans as data: each plan is a folder holding its text, its target registry and its provenance.

A plan folder (``data/raw/plans/<plan_id>/`` in the project, or any folder a researcher points at) holds:

- ``plan.yaml``: the provenance record (title, issuer, issue date, URL, region, plan period, action names);
- the plan's text (``plan.txt`` unless ``plan.yaml`` names another file);
- the target registry (``targets.yaml``, validated by :func:`hzanalysis.targets.load_targets`);
- ``SOURCE.md``: how the registry was built from the text, in prose.

Everything that reads targets takes a plan id or a folder path; :data:`DEFAULT_PLAN` is the 2024 Haizhou plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from . import paths
from .errors import InputError, ParameterError, Problem

DEFAULT_PLAN = "haizhou-2024"
PLAN_FILE = "plan.yaml"

# The groups every plan has even when it names no actions: 0 = the plan's overall goals.
DEFAULT_ACTIONS: dict[int, tuple[str, str]] = {0: ("总体目标", "Overall goals")}

_REQUIRED = ("id", "title_zh", "issuer", "issued", "region", "period_start", "deadline")


@dataclass(frozen=True)
class Plan:
    """One plan: where its files are and what it is (the provenance record of ``plan.yaml``)."""

    id: str
    folder: Path
    title_zh: str
    title_en: str
    issuer: str
    issued: dt.date
    published: dt.date | None
    url: str | None
    region: str
    period_start: int
    deadline: int
    text_file: str = "plan.txt"
    targets_file: str = "targets.yaml"
    actions: tuple[tuple[int, str, str], ...] = ((0, "总体目标", "Overall goals"),)

    @property
    def text_path(self) -> Path:
        """The plan's text (UTF-8)."""
        return self.folder / self.text_file

    @property
    def targets_path(self) -> Path:
        """The plan's target registry."""
        return self.folder / self.targets_file

    @property
    def action_names(self) -> dict[int, tuple[str, str]]:
        """Action number -> (Chinese name, English name)."""
        return {number: (zh, en) for number, zh, en in self.actions}

    def text(self) -> str:
        """The plan's text."""
        return self.text_path.read_text(encoding="utf-8")


def plans_dir() -> Path:
    """Where the project's plans live: ``data/raw/plans/``."""
    return paths.raw_dir() / "plans"


def known_plan_ids() -> list[str]:
    """The ids of the plans shipped in the project (folders of ``data/raw/plans/`` with a ``plan.yaml``)."""
    folder = plans_dir()
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / PLAN_FILE).is_file())


def resolve_plan(plan: str | Path | Plan | None = None) -> Plan:
    """The plan named by an id of ``data/raw/plans/``, a folder path, or None for :data:`DEFAULT_PLAN`.

    A string with a path separator, or one naming an existing folder, is a path; anything else is an id.
    Raises ``ParameterError`` (exit 2) listing the known ids when the id is unknown or the folder has no
    ``plan.yaml``; ``InputError`` when ``plan.yaml`` itself is wrong.
    """
    if isinstance(plan, Plan):
        return plan
    plan = DEFAULT_PLAN if plan is None or plan == "" else plan
    text = str(plan)
    looks_like_path = isinstance(plan, Path) or "/" in text or "\\" in text or text.startswith(".")
    folder = Path(text).expanduser() if looks_like_path else plans_dir() / text
    if not looks_like_path and not folder.is_dir() and Path(text).is_dir():
        folder = Path(text)
    if not (folder / PLAN_FILE).is_file():
        known = ", ".join(known_plan_ids()) or "none"
        what = (
            f"plan folder {str(folder)!r} has no {PLAN_FILE}" if looks_like_path else f"unknown plan {text!r}"
        )
        raise ParameterError(
            f"{what}; known plan ids: {known}. Fix: pass one of these ids, or the path of a folder holding "
            f"{PLAN_FILE}, the plan's text and targets.yaml (`hzanalysis plan draft` writes one)"
        )
    return load_plan(folder)


def load_plan(folder: Path) -> Plan:
    """Read and validate ``<folder>/plan.yaml``; raise ``InputError`` listing every problem.

    Read once per version of the file (a run asks for its plan's region and years many times); the plan's
    text and registry are checked to exist on every call, as the first read checked them.
    """
    folder = Path(folder).resolve()
    try:
        stat = (folder / PLAN_FILE).stat()
    except OSError:
        return _read_plan(folder)  # raises, naming the file
    plan = _read_plan_once(folder, stat.st_mtime_ns, stat.st_size)
    if not (plan.text_path.is_file() and plan.targets_path.is_file()):
        return _read_plan(folder)  # a file removed since: the full check says which
    return plan


@lru_cache(maxsize=32)
def _read_plan_once(folder: Path, mtime_ns: int, size: int) -> Plan:
    return _read_plan(folder)


def _read_plan(folder: Path) -> Plan:
    path = folder / PLAN_FILE
    file = str(path)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        found = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
        raise InputError(
            Problem(file, "", "", "a readable YAML file", found, "fix or recreate plan.yaml")
        ) from exc
    if not isinstance(document, dict):
        fix = "write plan.yaml as 'key: value' lines (see data/raw/plans/haizhou-2024/plan.yaml)"
        raise InputError(Problem(file, "", "", "a mapping", type(document).__name__, fix))
    problems: list[Problem] = []

    def problem(key: str, expected: str, fix: str) -> None:
        found = repr(document[key]) if key in document else "nothing (field missing)"
        problems.append(Problem(file, "", key, expected, found, fix))

    for key in _REQUIRED:
        if document.get(key) in (None, ""):
            problem(
                key, "the field to be present and non-empty", f"add '{key}:' (see the haizhou-2024 plan.yaml)"
            )
    if problems:
        raise InputError(problems)
    if str(document["id"]) != folder.name:
        problem("id", f"the folder's name {folder.name!r}", "rename the folder or the id so that they agree")
    issued = _date(document["issued"])
    if issued is None:
        problem(
            "issued", "a date YYYY-MM-DD", "write the date the plan was issued (发文日期), e.g. 2024-02-28"
        )
    published = _date(document.get("published")) if document.get("published") is not None else None
    start, deadline = document["period_start"], document["deadline"]
    if not (_is_year(start) and _is_year(deadline) and start <= deadline):
        problem(
            "deadline", "years period_start <= deadline, e.g. 2026 and 2030", "write both years as integers"
        )
    actions = _actions(document.get("actions"), file, problems)
    for key in ("text", "targets"):
        name = document.get(key, "plan.txt" if key == "text" else "targets.yaml")
        if not (isinstance(name, str) and (folder / name).is_file()):
            problem(
                key,
                f"the name of a file in {folder}",
                f"put the plan's {key} file in the folder and name it here",
            )
    if problems:
        raise InputError(problems)
    url = document.get("url")
    return Plan(
        id=str(document["id"]),
        folder=folder,
        title_zh=str(document["title_zh"]),
        title_en=str(document.get("title_en") or ""),
        issuer=str(document["issuer"]),
        issued=issued,  # type: ignore[arg-type]  # checked above
        published=published,
        url=str(url) if url else None,
        region=str(document["region"]),
        period_start=int(start),
        deadline=int(deadline),
        text_file=str(document.get("text", "plan.txt")),
        targets_file=str(document.get("targets", "targets.yaml")),
        actions=actions,
    )


def _is_year(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 2000 <= value <= 2100


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _actions(value: Any, file: str, problems: list[Problem]) -> tuple[tuple[int, str, str], ...]:
    if value is None:
        return tuple((n, zh, en) for n, (zh, en) in DEFAULT_ACTIONS.items())
    ok = isinstance(value, dict) and all(
        isinstance(k, int) and isinstance(v, list) and len(v) == 2 and all(isinstance(s, str) for s in v)
        for k, v in value.items()
    )
    if not ok:
        problems.append(
            Problem(
                file,
                "",
                "actions",
                "a mapping number -> [Chinese name, English name]",
                f"{value!r:.60}",
                "write e.g. '0: [总体目标, Overall goals]', one line per action",
            )
        )
        return ()
    return tuple((int(k), v[0], v[1]) for k, v in sorted(value.items()))
