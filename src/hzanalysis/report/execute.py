"""Executing pages: papermill runs each notebook with the project's kernel into the staging folder and the
page is exported to HTML, or replaced by a failure page when the notebook raised."""

from __future__ import annotations

import logging
import re
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from ..fileio import atomic_write_text
from .export import export_html, failure_page
from .kernel import KERNEL_NAME, ensure_kernel, kernel_manager_class
from .plan import Page, quiet_papermill_log

log = logging.getLogger(__name__)

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


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


def describe_error(error: BaseException) -> str:
    """Error text for the failure page: the notebook's traceback when papermill has one, else Python's."""
    from papermill.exceptions import PapermillExecutionError

    if isinstance(error, PapermillExecutionError):
        lines = [f"{error.ename}: {error.evalue}", f"(cell with execution count {error.exec_count})", ""]
        lines += [_ANSI.sub("", line) for line in error.traceback]
        return "\n".join(lines)
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return _ANSI.sub("", text)


def execute_page(
    page: Page,
    nb_dir: Path,
    staging: Path,
    run_date: str,
    lang: str,
    kernels_root: Path,
    cell_timeout: float | None,
) -> PageResult:
    """Run one page's notebook into ``staging`` and write its HTML (or its failure page) beside it."""
    import papermill

    executed = staging / "notebooks" / f"{page.slug}.ipynb"
    html_file = staging / f"{page.slug}.html"
    error: str | None = None
    start = time.perf_counter()
    try:
        papermill.execute_notebook(
            str(nb_dir / page.notebook),
            str(executed),
            parameters=dict(page.parameters),
            kernel_name=KERNEL_NAME,
            cwd=str(nb_dir),
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            execution_timeout=cell_timeout,
            kernel_manager_class=kernel_manager_class(kernels_root),
        )
    except Exception as exc:  # any failure (cell error, timeout, dead kernel): trust it, not the saved file
        error = describe_error(exc)
    execution = time.perf_counter() - start
    start = time.perf_counter()
    if error is None:
        try:
            text = export_html(executed, title=page.title(lang), lang=lang, run_date=run_date)
        except Exception as exc:
            error = "HTML export failed:\n" + describe_error(exc)
    if error is not None:
        href = f"notebooks/{page.slug}.ipynb" if executed.is_file() else None
        text = failure_page(page, error, run_date, lang, href)
    atomic_write_text(html_file, text)
    export = time.perf_counter() - start
    return PageResult(
        page,
        "ok" if error is None else "failed",
        html_file,
        executed if executed.is_file() else None,
        execution,
        export,
        html_file.stat().st_size,
        error,
    )


def run_pages(
    pages: Sequence[Page],
    nb_dir: Path,
    staging: Path,
    date: str,
    lang: str,
    jobs: int,
    progress: bool | None,
    cell_timeout: float | None,
    on_page: Callable[[PageResult], None] | None,
) -> list[PageResult]:
    """Run every page, ``jobs`` at a time, in the order given; reports progress as a bar or log lines."""
    from tqdm.auto import tqdm

    kernels_root = ensure_kernel()
    quiet_papermill_log()
    use_bar = progress if progress is not None else sys.stderr.isatty()
    results: dict[str, PageResult] = {}
    with (
        tqdm(total=len(pages), unit="notebook", desc=f"report {date}", disable=not use_bar) as bar,
        ThreadPoolExecutor(max_workers=min(jobs, len(pages))) as pool,
    ):
        futures = [
            pool.submit(execute_page, page, nb_dir, staging, date, lang, kernels_root, cell_timeout)
            for page in pages
        ]
        try:
            for future in as_completed(futures):
                result = future.result()
                results[result.page.slug] = result
                bar.update(1)
                message = (
                    f"[{len(results)}/{len(pages)}] {result.page.slug}: {result.status} "
                    f"({result.execution_seconds:.1f} s run, {result.export_seconds:.1f} s export)"
                )
                if result.status == "ok":
                    log.log(logging.DEBUG if use_bar else logging.INFO, message)
                else:
                    log.error("%s\n%s", message, (result.error or "")[-2000:])
                if on_page is not None:
                    on_page(result)
        except BaseException:
            # SIGTERM or Ctrl-C: pages not started are dropped, so the pool's exit waits only for the ones
            # running (the caller then removes the staging folder; nothing is published).
            for future in futures:
                future.cancel()
            raise
    return [results[page.slug] for page in pages]
