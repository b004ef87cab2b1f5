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
from pathlib import Path
from typing import Any

from ..fileio import atomic_write_text
from .export import export_html, failure_page
from .kernel import KERNEL_NAME, WarmKernels, ensure_kernel, kernel_manager_class, warm_engine
from .plan import Page, PageResult, notebook_parameters, quiet_papermill_log

log = logging.getLogger(__name__)

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _declared_shared(notebook: Path, shared: dict[str, Any] | None) -> dict[str, Any]:
    """The run's shared parameters that ``notebook`` declares (a notebook without them runs as before)."""
    if not shared:
        return {}
    declared = set(notebook_parameters(notebook) or [])
    return {name: value for name, value in shared.items() if name in declared}


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
    shared: dict[str, Any] | None = None,
    kernels: WarmKernels | None = None,
) -> PageResult:
    """Run one page's notebook into ``staging`` and write its HTML (or its failure page) beside it.

    ``shared`` are parameters of the run given to every notebook that declares them (the stored
    judgements' file), on top of the page's own. ``kernels``: run in this thread's warm kernel (discarded
    when the page fails) instead of a fresh one."""
    import papermill

    executed = staging / "notebooks" / f"{page.slug}.ipynb"
    html_file = staging / f"{page.slug}.html"
    error: str | None = None
    start = time.perf_counter()
    try:
        kernel: dict[str, Any] = (
            {"km": kernels.get(), "engine_name": warm_engine()}
            if kernels is not None
            else {"kernel_manager_class": kernel_manager_class(kernels_root)}
        )
        papermill.execute_notebook(
            str(nb_dir / page.notebook),
            str(executed),
            parameters={**_declared_shared(nb_dir / page.notebook, shared), **page.parameters},
            kernel_name=KERNEL_NAME,
            cwd=str(nb_dir),
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            execution_timeout=cell_timeout,
            **kernel,
        )
    except Exception as exc:  # any failure (cell error, timeout, dead kernel): trust it, not the saved file
        error = describe_error(exc)
        if kernels is not None:
            kernels.discard()  # its state is unknown after a failure: the next page gets a new kernel
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
    shared: dict[str, Any] | None = None,
    warm_kernels: bool = True,
) -> list[PageResult]:
    """Run every page, ``jobs`` at a time, in the order given; reports progress as a bar or log lines.

    ``warm_kernels``: each worker keeps one kernel for its pages, emptied between them (see
    :class:`.kernel.WarmKernels`); False starts a fresh kernel per page."""
    from tqdm.auto import tqdm

    kernels_root = ensure_kernel()
    quiet_papermill_log()
    use_bar = progress if progress is not None else sys.stderr.isatty()
    results: dict[str, PageResult] = {}
    kernels = WarmKernels(kernels_root, nb_dir) if warm_kernels else None
    try:
        with (
            tqdm(total=len(pages), unit="notebook", desc=f"report {date}", disable=not use_bar) as bar,
            ThreadPoolExecutor(max_workers=min(jobs, len(pages))) as pool,
        ):
            futures = [
                pool.submit(
                    execute_page,
                    page,
                    nb_dir,
                    staging,
                    date,
                    lang,
                    kernels_root,
                    cell_timeout,
                    shared,
                    kernels,
                )
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
    finally:
        if kernels is not None:
            kernels.close()
    return [results[page.slug] for page in pages]
