"""Planning a run: checking every parameter and input, the pages to run, and the run's folder name.

Everything here reads files but writes nothing, so a run that fails these checks leaves no trace.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import paths
from ..errors import InputError, ParameterError
from ..labels import check_lang
from ..observations.schema import as_of_date
from ..plans import DEFAULT_PLAN

#: The default suite: notebook file, Chinese and English title. 10_target runs once per target.
SUITE: tuple[tuple[str, str, str], ...] = (
    ("00_scorecard.ipynb", "目标总览", "Scorecard"),
    ("10_target.ipynb", "目标详情", "Target"),
    ("20_reliability.ipynb", "预测可靠性", "Reliability"),
    ("30_data_gaps.ipynb", "数据缺口", "Data gaps"),
    ("40_scenarios.ipynb", "增长情景", "Scenarios"),
)
DEFAULT_LANG = "zh"
#: The plan a run assesses unless ``--plan`` says otherwise; other plans make a labelled (ad hoc) run.

_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")
_RESERVED_SLUGS = {"index", "manifest", "latest", "notebooks"}
#: Letters a run label may hold besides ASCII: the CJK ideographs (a researcher names a run 自有数据), never
#: CJK punctuation, full-width forms or spaces, which read as separators in a folder name or an address.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: A published run's folder: its date, then for an ad hoc run a label (letters, digits, '-', '_', '.').
RUN_FOLDER = re.compile(rf"(\d{{4}}-\d{{2}}-\d{{2}})(?:-([A-Za-z0-9{_CJK}][A-Za-z0-9{_CJK}_.-]{{0,79}}))?")
_LABEL = re.compile(rf"[A-Za-z0-9{_CJK}][A-Za-z0-9{_CJK}_.-]{{0,59}}")


@dataclass(frozen=True)
class Page:
    """One page of a report: a notebook run with parameters into ``<slug>.html``."""

    notebook: str
    slug: str
    title_zh: str
    title_en: str
    parameters: dict[str, Any] = field(default_factory=dict)

    def title(self, lang: str = "zh") -> str:
        """The page title in ``lang`` (Chinese unless ``lang == "en"``)."""
        return self.title_en if lang == "en" else self.title_zh


@dataclass
class PageResult:
    """What happened to one page. Paths point into the published run folder."""

    page: Page
    status: str  # "ok" or "failed"
    html_path: Path
    notebook_path: Path | None
    execution_seconds: float
    export_seconds: float
    html_bytes: int
    error: str | None = None


# ---------------------------------------------------------------------------------------------------------
# Single parameters


def check_date(value: str | None, name: str) -> None:
    """Refuse anything but an ISO date ``YYYY-MM-DD`` (None passes)."""
    if isinstance(value, dt.date):  # a date object is not text a user typed: refuse it as before
        raise ParameterError(
            f"{name}: expected a date written YYYY-MM-DD (for example 2025-06-30); found {value!r}"
        )
    as_of_date(value, name)


#: The earliest run date or cut-off accepted: the plans assessed and their figures are all later, so an
#: earlier date is a typing slip (1900-01-01), not a question the report can answer.
EARLIEST_DATE = dt.date(2000, 1, 1)


def _check_not_too_early(value: str, name: str) -> None:
    if dt.date.fromisoformat(value) < EARLIEST_DATE:
        raise ParameterError(
            f"{name}: {value} is before {EARLIEST_DATE.isoformat()}, earlier than any figure the report "
            "uses. "
            f"Fix: give a date from {EARLIEST_DATE.isoformat()} to today (YYYY-MM-DD)."
        )


def check_as_of(as_of: str | None, run_date: str | None = None, today: dt.date | None = None) -> None:
    """Refuse a cut-off that is not a date, before :data:`EARLIEST_DATE`, after today (nothing is published
    in the future, so it would silently mean "everything"), or after the run's own date (a report dated
    then would use figures published later). None passes."""
    check_date(as_of, "as_of")
    if as_of is None:
        return
    _check_not_too_early(as_of, "as_of")
    today = today or dt.date.today()
    if dt.date.fromisoformat(as_of) > today:
        raise ParameterError(
            f"as_of: {as_of} is after today ({today.isoformat()}); nothing has been published after today. "
            "Fix: leave out --as-of to use everything published so far, or give a date up to today."
        )
    if run_date is not None and as_of > run_date:
        raise ParameterError(
            f"as_of: {as_of} is after the run date {run_date}: a report dated {run_date} would use figures "
            f"published later. Fix: give --as-of {run_date} or earlier, or leave --as-of out (a past --date "
            "implies --as-of that day)."
        )


def implied_as_of(date: str, as_of: str | None, today: dt.date | None = None) -> str | None:
    """The cut-off a run uses: the one given, else the run date when that is in the past (a report dated
    2026-12-01 must not use what was published after it), else None (everything published)."""
    today = today or dt.date.today()
    if as_of is None and dt.date.fromisoformat(date) < today:
        return date
    return as_of


def check_run_date(date: str, allow_future_date: bool = False, today: dt.date | None = None) -> None:
    """Refuse a run date after today (such a run would stay "latest" until that date has passed) or before
    :data:`EARLIEST_DATE`."""
    check_date(date, "date")
    _check_not_too_early(date, "date")
    today = today or dt.date.today()
    if dt.date.fromisoformat(date) > today and not allow_future_date:
        raise ParameterError(
            f"date: {date} is after today ({today.isoformat()}). Fix: leave out --date for today's run, "
            "or pass --allow-future-date if you really mean it."
        )


def check_plan_id(plan: str) -> None:
    """Refuse a plan that is neither a known id of ``data/raw/plans/`` nor a plan folder (exit 2, listing the
    known ids)."""
    from ..plans import resolve_plan

    resolve_plan(plan)


def plan_parameter(plan: str) -> str:
    """The plan as the notebooks get it: its id when it lives in ``data/raw/plans/``, else its absolute
    folder (the kernel runs in the notebooks folder, so a relative path would point elsewhere)."""
    from ..plans import plans_dir, resolve_plan

    resolved = resolve_plan(plan)
    inside = resolved.folder.resolve() == (plans_dir() / resolved.id).resolve()
    return resolved.id if inside else str(resolved.folder.resolve())


#: The folder suffix a failed run is published under beside a complete run of the same folder.
FAILED_SUFFIX = "failed"


def check_label(label: str) -> None:
    """Refuse a run label that could not be part of a folder name, or that names the folder kept for a
    failed run (``<date>-failed``, ``<date>-<label>-failed``): a later failed run would replace it."""
    if not isinstance(label, str) or not _LABEL.fullmatch(label) or ".." in label:
        raise ParameterError(
            "label: expected up to 60 letters (a-z, A-Z or Chinese characters), digits, '-', '_' or '.' "
            "starting with a letter or digit, without spaces, '/' or '..' (for example 'own-figures' or "
            f"'自有数据'), as the label becomes part of a folder name; found {label!r}"
        )
    if label.lower() == FAILED_SUFFIX or label.lower().endswith(f"-{FAILED_SUFFIX}"):
        raise ParameterError(
            f"label: {label!r} is reserved: folders ending in '-{FAILED_SUFFIX}' keep failed runs beside "
            "a complete run of the same name, and a later failed run would replace it. Fix: choose another "
            "label, for example 'own-figures'."
        )


def resolve_data(data: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """Extra observation files as absolute paths (the kernel runs in the notebooks folder); a folder stands
    for its .csv and .xlsx files, expanded exactly as ``data check`` and ``assess --data`` expand it."""
    from ..observations import expand_paths

    if isinstance(data, (str, os.PathLike)):
        data = [data]
    files, problems = expand_paths(Path(item).expanduser() for item in data)
    if problems:
        raise ParameterError("\n".join(f"data: {problem}" for problem in problems))
    return [path.resolve() for path in files]


def check_data_files(data: Sequence[Path]) -> None:
    """Validate the extra observation files exactly as ``hzanalysis data check`` does (InputError, exit 2)."""
    if not data:
        return  # check_files() of nothing would check the shipped files instead
    from ..observations import check_files

    problems = check_files(list(data))
    if problems:
        raise InputError(problems)


# ---------------------------------------------------------------------------------------------------------
# Notebooks and pages


def quiet_papermill_log() -> None:
    """papermill logs every notebook's path at INFO: noise in a cron log, so keep its warnings only."""
    papermill_log = logging.getLogger("papermill")
    if papermill_log.level == logging.NOTSET:
        papermill_log.setLevel(logging.WARNING)


def notebook_parameters(path: Path) -> list[str] | None:
    """Names declared in the notebook's cell tagged ``parameters`` (read by ``papermill.inspect_notebook``);
    None when no cell has that tag."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as error:
        raise ParameterError(
            f"notebook {path}: expected a readable .ipynb (JSON) file; found {error}"
        ) from error
    names = _declared_parameters(str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    return None if names is None else list(names)


@functools.lru_cache(maxsize=64)
def _declared_parameters(path: str, mtime_ns: int, size: int) -> tuple[str, ...] | None:
    """:func:`notebook_parameters` for one version of one file (planning asks twice per notebook)."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ParameterError(
            f"notebook {path}: expected a readable .ipynb (JSON) file; found {error}"
        ) from error
    tagged = any(
        cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get("tags", [])
        for cell in document.get("cells", [])
    )
    if not tagged:
        return None
    import nbformat
    import papermill
    from papermill.inspection import _infer_parameters

    quiet_papermill_log()
    try:
        if document.get("metadata", {}).get("kernelspec"):
            return tuple(papermill.inspect_notebook(path))
        # No kernelspec saved (stub or hand-written notebooks): the runner runs it with the project's
        # Python kernel anyway, so read the cell as Python, as inspect_notebook would with a kernelspec.
        nb = nbformat.reads(json.dumps(document), 4)
        return tuple(p.name for p in _infer_parameters(nb, "python3", "python"))
    except Exception as error:  # papermill raises several types for a cell it cannot read
        raise ParameterError(
            f"notebook {path}: the parameters cell could not be read by papermill: {error}"
        ) from error


def _target_pages(ids: Sequence[str], registry: Sequence[Any]) -> list[tuple[str, str, str]]:
    by_id = {t.id: t for t in registry}
    if not ids:
        raise ParameterError(
            "targets: expected at least one target id; found none. Fix: name target ids after --targets, "
            "or leave --targets out for every target."
        )
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise ParameterError(
            f"targets: unknown target id(s) {unknown}; known ids are {sorted(by_id)} "
            "(see `hzanalysis targets`)"
        )
    return [(i, by_id[i].name_zh, by_id[i].name_en) for i in dict.fromkeys(ids)]


def _declared(nb_dir: Path, notebook: str) -> list[str]:
    source = nb_dir / notebook
    if not source.is_file():
        raise ParameterError(
            f"notebook {source} does not exist. Fix: check the notebooks folder (HZANALYSIS_ROOT, "
            "or notebooks_dir=)."
        )
    return notebook_parameters(source) or []


def plan_pages(
    targets: Sequence[str] | None = None,
    lang: str = DEFAULT_LANG,
    as_of: str | None = None,
    data: Sequence[str | os.PathLike[str]] = (),
    notebooks_dir: Path | None = None,
    registry: Sequence[Any] | None = None,
    plan: str = DEFAULT_PLAN,
) -> list[Page]:
    """The default suite: scorecard, one target page per target id, reliability, data gaps, scenarios.

    ``registry`` is the list of targets (default :func:`hzanalysis.targets.load_targets`); ``targets``
    selects ids from it (an empty selection is refused). ``plan`` is passed only to notebooks whose
    parameters cell declares ``plan``. Raises ParameterError for an unknown id, a bad date or language,
    a missing data file, or a suite notebook missing from ``notebooks_dir``.
    """
    check_lang(lang)
    check_date(as_of, "as_of")
    data_paths = [str(p) for p in resolve_data(data)]
    nb_dir = Path(notebooks_dir) if notebooks_dir is not None else paths.notebooks_dir()
    if registry is None:
        from ..targets import load_targets

        registry = load_targets(plan=plan)
    if isinstance(targets, str):
        targets = [targets]
    chosen = _target_pages(list(targets) if targets is not None else [t.id for t in registry], registry)
    pages: list[Page] = []
    for notebook, title_zh, title_en in SUITE:
        common: dict[str, Any] = {"as_of": as_of, "data_paths": data_paths, "lang": lang}
        if "plan" in _declared(nb_dir, notebook):
            common["plan"] = plan
        stem = notebook.removesuffix(".ipynb")
        if notebook == "10_target.ipynb":
            pages += [
                Page(notebook, f"{stem}-{tid}", name_zh, name_en, {"target_id": tid, **common})
                for tid, name_zh, name_en in chosen
            ]
        else:
            pages.append(Page(notebook, stem, title_zh, title_en, common))
    check_pages(pages, nb_dir)
    return pages


def check_pages(pages: Sequence[Page], nb_dir: Path) -> None:
    """Refuse pages that could not run or would escape the run folder (bad slug, notebook, parameters)."""
    if not pages:
        raise ParameterError("pages: expected at least one page to run; found none")
    seen: set[str] = set()
    declared: dict[str, list[str] | None] = {}
    for page in pages:
        if not isinstance(page, Page):
            raise ParameterError(
                f"pages: expected hzanalysis.report.Page objects; found {type(page).__name__}"
            )
        if not _SLUG.fullmatch(page.slug) or ".." in page.slug or page.slug.lower() in _RESERVED_SLUGS:
            raise ParameterError(
                f"page slug: expected letters, digits, '-', '_' or '.' (not '..', not "
                f"one of {sorted(_RESERVED_SLUGS)}), so the page stays inside the run "
                f"folder; found {page.slug!r}"
            )
        if page.slug in seen:
            raise ParameterError(f"page slug: expected unique slugs; found {page.slug!r} twice")
        seen.add(page.slug)
        if Path(page.notebook).name != page.notebook or not page.notebook.endswith(".ipynb"):
            raise ParameterError(
                f"page {page.slug}: expected a notebook file name such as "
                f"'00_scorecard.ipynb' inside the notebooks folder; found {page.notebook!r}"
            )
        source = nb_dir / page.notebook
        if not source.is_file():
            raise ParameterError(
                f"page {page.slug}: notebook {source} does not exist. Fix: check the "
                "notebooks folder (HZANALYSIS_ROOT, or notebooks_dir=)."
            )
        if page.notebook not in declared:
            declared[page.notebook] = notebook_parameters(source)
        names = declared[page.notebook]
        if page.parameters and names is None:
            raise ParameterError(
                f"notebook {page.notebook}: has no cell tagged 'parameters', so the "
                f"parameters {sorted(page.parameters)} would be ignored. Fix: tag the "
                "parameters cell."
            )
        unknown = sorted(set(page.parameters) - set(names or []))
        if unknown:
            raise ParameterError(
                f"page {page.slug}: notebook {page.notebook} has no parameter(s) {unknown}; "
                f"its parameters cell declares {names}"
            )
        try:
            json.dumps(page.parameters, allow_nan=False)
        except (TypeError, ValueError) as error:
            raise ParameterError(
                f"page {page.slug}: parameters must be plain JSON values (str, number, "
                f"bool, None, list, dict); {error}"
            ) from error


# ---------------------------------------------------------------------------------------------------------
# The run's name and folder


def _slug_part(text: str, limit: int = 24) -> str:
    """``text`` reduced to folder-name characters (other characters dropped), at most ``limit`` long."""
    return re.sub(r"[^A-Za-z0-9_]+", "_", text).strip("_")[:limit].strip("_")


def run_label(
    *,
    as_of: str | None = None,
    data: Sequence[str | os.PathLike[str]] = (),
    targets: Sequence[str] | None = None,
    lang: str = DEFAULT_LANG,
    plan: str = DEFAULT_PLAN,
    label: str | None = None,
) -> str | None:
    """The label of an ad hoc run, or None for the default run (every target, shipped data, Chinese,
    default plan, no cut-off date).

    ``label`` (``--label``) wins; otherwise the label names what differs from the default, for example
    ``asof20240630-en-data_my_figures``.
    """
    if label is not None:
        check_label(label)
        return label
    parts = []
    if plan != DEFAULT_PLAN:
        parts.append(f"plan_{_slug_part(Path(plan).name)}")
    if as_of is not None:
        parts.append(f"asof{as_of.replace('-', '')}")
    if lang != DEFAULT_LANG:
        parts.append(lang)
    if targets is not None:
        ids = list(dict.fromkeys(targets))
        parts.append(f"t_{_slug_part(ids[0], 30)}" if len(ids) == 1 else f"{len(ids)}targets")
    if data:
        stems = [_slug_part(Path(p).stem, 20) for p in data]
        first = stems[0] or "file"
        parts.append(f"data_{first}" + (f"_{len(stems)}files" if len(stems) > 1 else ""))
    return "-".join(parts) if parts else None


def run_folder_name(date: str, label: str | None) -> str:
    """``<date>`` for the default run, ``<date>-<label>`` for an ad hoc one."""
    return date if label is None else f"{date}-{label}"


def _nearest_existing(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return Path(path.anchor or ".")


def probe_writable(folder: Path) -> None:
    """Refuse a folder (or, when it does not exist yet, the existing folder above it) that the run
    could not write into: read-only, full, not a folder. Creates and removes one empty file."""
    existing = _nearest_existing(folder)
    if not existing.is_dir():
        raise ParameterError(
            f"out: {existing} is a file, so {folder} cannot be created. Fix: choose another --out."
        )
    try:
        handle, probe = tempfile.mkstemp(prefix=".hz-write-test-", dir=existing)
        try:
            os.write(handle, b"x")
        finally:
            os.close(handle)
            os.unlink(probe)
    except OSError as error:
        raise ParameterError(
            f"out: cannot write into {existing} ({error.strerror or error}). Fix: choose a folder you can "
            "write to with --out, or free space / change its permissions."
        ) from error


def check_out(out: Path, folder_name: str) -> Path:
    """The run folder ``out/folder_name``, after checking that it can be created and stays inside ``out``."""
    if out.exists() and not out.is_dir():
        raise ParameterError(
            f"out: expected a folder for the reports; found an existing file {out}. "
            "Fix: choose another --out."
        )
    probe_writable(out)
    run_dir = (out / folder_name).resolve()
    if run_dir.parent != out.resolve():
        raise ParameterError(f"out/date: the run folder {run_dir} would be outside {out}")
    if run_dir.exists() and not run_dir.is_dir():
        raise ParameterError(f"out/date: {run_dir} exists and is not a folder; move it away first")
    return run_dir
