"""One report run, from checked parameters to a published folder (see the package docstring)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import shutil
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import paths
from ..errors import ParameterError
from ..fileio import atomic_write_text, sha256_file
from .execute import run_pages
from .export import run_index_html
from .index import update_runs_index
from .kernel import KERNEL_NAME
from .manifest import (
    MANIFEST_SCHEMA,
    git_commit,
    hzanalysis_version,
    input_files,
    package_versions,
)
from .plan import (
    FAILED_SUFFIX,
    Page,
    PageResult,
    check_out,
    check_pages,
    check_plan_id,
    plan_pages,
    run_folder_name,
    run_label,
)
from .publish import clear_staging, hold_lock, publish
from .request import RunRequest
from .store import STORE_FILE, Judgements, compute_store, write_store

log = logging.getLogger(__name__)

#: The keywords of :func:`run_report` that build its :class:`RunRequest` when none is given.
_REQUEST_FIELDS = frozenset(
    {
        "date",
        "as_of",
        "out",
        "data",
        "targets",
        "lang",
        "plan",
        "label",
        "jobs",
        "lock_timeout",
        "allow_future_date",
    }
)


@dataclass
class RunResult:
    """The outcome of :func:`run_report`."""

    date: str
    out: Path
    run_dir: Path
    pages: list[PageResult]
    total_seconds: float
    exit_code: int
    label: str | None = None

    @property
    def status(self) -> str:
        """ "complete" when every page succeeded, else "failed"."""
        return "complete" if all(p.status == "ok" for p in self.pages) else "failed"

    @property
    def index_path(self) -> Path:
        """The run's own index page."""
        return self.run_dir / "index.html"

    @property
    def manifest_path(self) -> Path:
        """The run's manifest."""
        return self.run_dir / "manifest.json"

    def summary(self) -> str:
        """A few lines for the terminal: where the report is and which pages failed."""
        failed = [p for p in self.pages if p.status != "ok"]
        kind = f" (ad hoc run '{self.label}', not latest)" if self.label else ""
        lines = [
            f"report {self.run_dir.name}{kind}: {len(self.pages) - len(failed)}/{len(self.pages)} pages ok "
            f"in {self.total_seconds:.1f} s -> {self.index_path}"
        ]
        lines += [
            f"  FAILED {p.page.slug} ({p.page.notebook}): {(p.error or '').splitlines()[0][:200]}"
            for p in failed
        ]
        return "\n".join(lines)


def _manifest_status(folder: Path) -> str | None:
    try:
        return json.loads((folder / "manifest.json").read_text(encoding="utf-8")).get("status")
    except (OSError, ValueError, AttributeError):
        return None


def run_report(
    request: RunRequest | None = None,
    *,
    pages: Sequence[Page] | None = None,
    notebooks_dir: str | os.PathLike[str] | None = None,
    progress: bool | None = None,
    cell_timeout: float | None = 600.0,
    check_plan: Callable[[str], None] = check_plan_id,
    on_page: Callable[[PageResult], None] | None = None,
    compute_once: bool = True,
    warm_kernels: bool = True,
    **fields: Any,
) -> RunResult:
    """Run the report notebooks into ``<out>/<date>/`` (ad hoc runs: ``<out>/<date>-<label>/``) and publish.

    ``request`` is a checked :class:`~hzanalysis.report.request.RunRequest` (what ``hzanalysis report``
    passes); without one, the keywords ``date``, ``as_of``, ``out``, ``data``, ``targets``, ``lang``,
    ``plan``, ``label``, ``jobs``, ``lock_timeout`` and ``allow_future_date`` build it
    (:meth:`RunRequest.parse` with ``imply_as_of=False``: a past ``date`` keeps ``as_of`` as given).
    Every parameter and input is checked before anything is created: bad parameters raise ParameterError,
    extra data files that ``hzanalysis data check`` rejects raise InputError (both exit 2). Runs with own
    data, ``as_of``, a subset of ``targets``, another ``lang`` or ``plan``, or a ``label`` are ad hoc: they
    get their own folder and never become "latest". A lock held longer than ``lock_timeout`` seconds raises
    LockedError (exit 3). A failing notebook gives a failure page and ``exit_code`` 1; a failed run never
    replaces a complete run of the same folder (it is published beside it as ``<folder>-failed``).
    ``progress``: None = a tqdm bar on a terminal, log lines otherwise. ``cell_timeout``: seconds per cell
    (None = no limit). ``check_plan`` validates the plan (default: a known id or a plan folder, see
    :mod:`hzanalysis.plans`).

    Every judgement is computed once (:mod:`.store`, over ``jobs`` processes) into the run's
    ``assessments.json`` before any page runs; each notebook that declares ``assessments_file`` renders it,
    and the Word brief and Excel workbook (:mod:`.office`) are written from it. ``compute_once=False`` lets
    every page compute its own judgements instead (the design before the store; kept for
    ``make bench-report``'s comparison): no ``assessments.json``, no brief, no workbook. ``warm_kernels``:
    each worker runs its pages in one kernel, emptied between pages (:class:`.kernel.WarmKernels`); False
    starts a fresh kernel per page.
    """
    started = time.perf_counter()
    started_at = dt.datetime.now(dt.UTC)
    if request is None:
        unknown = sorted(set(fields) - _REQUEST_FIELDS)
        if unknown:
            raise ParameterError(
                f"run_report: unknown parameter(s) {unknown}; valid: {sorted(_REQUEST_FIELDS)}"
            )
        request = RunRequest.parse(**fields, imply_as_of=False, check_plan=check_plan)
    elif fields:
        raise ParameterError(
            f"run_report: give either a request or the parameters {sorted(fields)}, not both"
        )
    date, as_of, lang, plan, jobs = request.date, request.as_of, request.lang, request.plan, request.jobs
    targets = list(request.targets) if request.targets is not None else None
    data_paths = list(request.data)
    nb_dir = Path(notebooks_dir).resolve() if notebooks_dir is not None else paths.notebooks_dir()
    if pages is None:
        pages = plan_pages(
            targets=targets, lang=lang, as_of=as_of, data=data_paths, notebooks_dir=nb_dir, plan=plan
        )
    else:
        if targets is not None and not targets:
            raise ParameterError("targets: expected at least one target id; found none")
        pages = list(pages)
        check_pages(pages, nb_dir)
    run_name = run_label(
        as_of=as_of, data=data_paths, targets=targets, lang=lang, plan=plan, label=request.label
    )
    folder = run_folder_name(date, run_name)
    out_dir = request.out if request.out is not None else paths.reports_dir()
    final = check_out(out_dir, folder)
    out_dir = final.parent

    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ParameterError(
            f"out: cannot create {out_dir} ({error.strerror or error}). Fix: choose another --out."
        ) from error
    with hold_lock(out_dir, request.lock_timeout, folder, started_at):
        staging_root = clear_staging(out_dir)
        token = uuid.uuid4().hex[:10]
        staging = staging_root / f"{folder}-{token}"
        (staging / "notebooks").mkdir(parents=True)
        try:
            stored = _compute_judgements(
                staging,
                pages,
                nb_dir,
                compute_once,
                plan=plan,
                data=data_paths,
                as_of=as_of,
                # every target: the scorecard, scenarios, look back, brief and workbook cover the whole
                # plan; the model comparison only where a target page shows it
                models_for=targets,
                jobs=jobs,
            )
            shared = {"assessments_file": str(staging / STORE_FILE)} if stored else None
            results = run_pages(
                pages,
                nb_dir,
                staging,
                date,
                lang,
                jobs,
                progress,
                cell_timeout,
                on_page,
                shared,
                warm_kernels,
            )
            outputs = _write_office(staging, stored, date, lang) if stored else []
            status = (
                "complete"
                if all(r.status == "ok" for r in results) and all("error" not in o for o in outputs)
                else "failed"
            )
            if status == "failed" and _manifest_status(final) == "complete":
                kept = final.name
                final = final.with_name(f"{kept}-{FAILED_SUFFIX}")
                log.warning("pages failed: the complete run %s stays; this run goes to %s", kept, final.name)
            manifest = {
                "schema": MANIFEST_SCHEMA,
                "date": date,
                "status": status,
                "exit_code": 0 if status == "complete" else 1,
                "started_at": started_at.isoformat(timespec="seconds"),
                "finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "total_seconds": round(time.perf_counter() - started, 3),
                "hzanalysis_version": hzanalysis_version(),
                "git_commit": git_commit(),
                "parameters": {
                    "date": date,
                    "as_of": as_of,
                    "lang": lang,
                    "plan": plan,
                    "label": run_name,
                    "ad_hoc": run_name is not None,
                    "jobs": jobs,
                    "targets": list(targets) if targets is not None else None,
                    "data": [str(p) for p in data_paths],
                    "notebooks_dir": str(nb_dir),
                },
                "kernel": {"name": KERNEL_NAME, "python": sys.executable},
                "versions": package_versions(),
                "inputs": input_files(data_paths, [nb_dir / p.notebook for p in pages]),
                "pages": [_page_entry(r) for r in results],
                "judgements": stored.get("entry") if stored else None,
                "outputs": outputs,
            }
            atomic_write_text(staging / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
            atomic_write_text(staging / "index.html", run_index_html(final.name, lang, results, manifest))
            publish(staging, final, staging_root / f"{final.name}-old-{token}")
        finally:
            shutil.rmtree(staging, ignore_errors=True)
            with contextlib.suppress(OSError):
                staging_root.rmdir()  # only when empty
        update_runs_index(out_dir)

    def moved(path: Path | None) -> Path | None:
        return None if path is None else final / path.relative_to(staging)

    published = [
        PageResult(
            r.page,
            r.status,
            final / r.html_path.relative_to(staging),
            moved(r.notebook_path),
            r.execution_seconds,
            r.export_seconds,
            r.html_bytes,
            r.error,
        )
        for r in results
    ]
    result = RunResult(
        date,
        out_dir,
        final,
        published,
        time.perf_counter() - started,
        0 if status == "complete" else 1,
        run_name,
    )
    log.info("%s", result.summary())
    return result


def _compute_judgements(
    staging: Path,
    pages: Sequence[Page],
    nb_dir: Path,
    compute_once: bool,
    **request: Any,
) -> dict[str, Any] | None:
    """Compute every judgement once into ``staging/assessments.json`` when a page reads it; None otherwise
    (pages of notebooks without an ``assessments_file`` parameter, or ``compute_once=False``)."""
    from .plan import notebook_parameters

    readers = [p for p in pages if "assessments_file" in (notebook_parameters(nb_dir / p.notebook) or [])]
    if not compute_once or not readers:
        return None
    started = time.perf_counter()
    document = compute_store(**request)
    path = write_store(document, staging / STORE_FILE)
    failed = [r["target_id"] for r in document.get("assessments", []) if "error" in r]
    entry = {
        "file": STORE_FILE,
        "bytes": path.stat().st_size,
        "sha256": sha256_file(path),
        "seconds": round(time.perf_counter() - started, 3),
        "targets": len(document.get("assessments", [])),
        "failed_targets": failed,
    }
    log.info(
        "judgements: %d targets computed once in %.1f s -> %s", entry["targets"], entry["seconds"], STORE_FILE
    )
    return {"document": document, "entry": entry}


def _write_office(staging: Path, stored: dict[str, Any], date: str, lang: str) -> list[dict[str, Any]]:
    """The Word brief and the Excel workbook, each with its checksum, or the error that stopped it (the run
    then fails, as for a failed page, and the other outputs are still published)."""
    from .execute import describe_error
    from .office import BRIEF_FILE, WORKBOOK_FILE, write_brief, write_workbook

    judged = Judgements(stored["document"], staging / STORE_FILE)
    entries: list[dict[str, Any]] = []
    for name, write in ((BRIEF_FILE, write_brief), (WORKBOOK_FILE, write_workbook)):
        started = time.perf_counter()
        try:
            path = write(judged, staging / name, date=date, lang=lang)
        except Exception as error:  # a failed output fails the run, like a failed page, and says why
            log.error("%s failed:\n%s", name, describe_error(error)[-2000:])
            entries.append({"file": name, "error": describe_error(error)})
            continue
        entries.append(
            {
                "file": name,
                "bytes": path.stat().st_size,
                "sha256": sha256_file(path),
                "seconds": round(time.perf_counter() - started, 3),
            }
        )
    return entries


def _page_entry(result: PageResult) -> dict[str, Any]:
    page = result.page
    return {
        "slug": page.slug,
        "notebook": page.notebook,
        "title_zh": page.title_zh,
        "title_en": page.title_en,
        "parameters": page.parameters,
        "status": result.status,
        "html": f"{page.slug}.html",
        "executed_notebook": f"notebooks/{page.slug}.ipynb" if result.notebook_path else None,
        "execution_seconds": round(result.execution_seconds, 3),
        "export_seconds": round(result.export_seconds, 3),
        "html_bytes": result.html_bytes,
        "error": result.error,
    }
