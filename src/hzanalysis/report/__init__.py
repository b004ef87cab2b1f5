"""The report runner: papermill runs the notebooks into ``reports/<date>/``, exported as offline HTML.

One run (:func:`run_report`):

1. checks every parameter and input (:mod:`.plan`): dates (none after today unless asked), language,
   plan, targets (none is refused), the extra data files as ``hzanalysis data check`` does, the notebooks
   and their declared parameters (``papermill.inspect_notebook``), and that the output folder can be
   written. Nothing is created before this succeeds;
2. names the run: ``<date>`` for the default run, ``<date>-<label>`` for an ad hoc one;
3. takes the lock ``<out>/.lock`` (:mod:`.publish`; a second run says it is waiting, and for whom, then
   gives up with LockedError after ``lock_timeout`` seconds);
4. executes each page's notebook with papermill in ``<out>/.staging/`` with the project's own kernel
   (:mod:`.kernel`, :mod:`.execute`), exported to HTML without code, or a failure page (:mod:`.export`);
5. writes the run's ``index.html`` and ``manifest.json`` (:mod:`.manifest`), then renames the staging
   folder into place (a same-named folder is replaced whole, unless it holds a complete run and this
   one failed);
6. rewrites ``<out>/index.html`` (every run, newest first), ``<out>/latest`` and ``<out>/latest.html``
   (:mod:`.index`: the newest complete default run).

Exit code of the run: 0 when every page succeeded, 1 when any failed (the other pages are published).
"""

from __future__ import annotations

from ..labels import LANGS
from .export import export_html, failure_page
from .index import update_runs_index
from .kernel import KERNEL_NAME, ensure_kernel
from .manifest import git_commit, hzanalysis_version, input_files, package_versions, read_manifests
from .plan import (
    DEFAULT_PLAN,
    SUITE,
    Page,
    PageResult,
    check_plan_id,
    notebook_parameters,
    plan_pages,
    run_label,
)
from .request import RunRequest
from .run import RunResult, run_report

__all__ = [
    "DEFAULT_PLAN",
    "KERNEL_NAME",
    "LANGS",
    "SUITE",
    "Page",
    "PageResult",
    "RunRequest",
    "RunResult",
    "check_plan_id",
    "ensure_kernel",
    "export_html",
    "failure_page",
    "git_commit",
    "hzanalysis_version",
    "input_files",
    "notebook_parameters",
    "package_versions",
    "plan_pages",
    "read_manifests",
    "run_label",
    "run_report",
    "update_runs_index",
]
