"""The report runner: papermill runs the notebooks into ``reports/<date>/``, exported as offline HTML.

One run (:func:`run_report`):

1. validates every parameter and plans the pages (nothing is created before this succeeds);
2. takes the lock ``<out>/.lock`` (a second run waits up to ``lock_timeout`` seconds, then LockedError);
3. executes each page's notebook with papermill in ``<out>/.staging/<date>-<random>/`` (the kernel is the
   project's own ``hzanalysis`` kernelspec, run in the notebooks folder), exports it to HTML without code,
   or writes a failure page when the notebook raised;
4. writes the run's ``index.html`` and ``manifest.json``, then renames the staging folder into place
   (an existing folder of the same date is replaced whole);
5. rewrites ``<out>/index.html`` (every run, newest first), ``<out>/latest`` and ``<out>/latest.html``.

Exit code of the run: 0 when every page succeeded, 1 when any failed (the other pages are published).
"""

from __future__ import annotations

import ast
import contextlib
import copy
import datetime as dt
import functools
import hashlib
import html
import importlib.metadata
import json
import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import paths
from .errors import LockedError, ParameterError

log = logging.getLogger(__name__)

KERNEL_NAME = "hzanalysis"
#: The kernel's own chatter ("running over TCP without encryption" on localhost at start, an occasional
#: "KeyboardInterrupt caught" at shutdown) is not for the report's log; a failing cell still reaches the
#: runner as an exception and fails the page.
KERNEL_QUIET = "--IPKernelApp.log_level=CRITICAL"
#: The default suite: notebook file, Chinese and English title. 10_target runs once per target.
SUITE: tuple[tuple[str, str, str], ...] = (
    ("00_scorecard.ipynb", "目标总览", "Scorecard"),
    ("10_target.ipynb", "目标详情", "Target"),
    ("20_reliability.ipynb", "预测可靠性", "Reliability"),
    ("30_data_gaps.ipynb", "数据缺口", "Data gaps"),
    ("40_scenarios.ipynb", "增长情景", "Scenarios"),
)
LANGS = ("zh", "en")
HTML_LANG = {"zh": "zh-CN", "en": "en"}
#: Packages whose versions go into the manifest.
KEY_PACKAGES = (
    "numpy",
    "pandas",
    "scipy",
    "statsmodels",
    "altair",
    "vl-convert-python",
    "papermill",
    "nbconvert",
    "nbclient",
    "nbformat",
    "ipykernel",
    "jupyter_client",
    "openpyxl",
    "PyYAML",
    "filelock",
    "tqdm",
)
MANIFEST_SCHEMA = 1

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")
_RESERVED_SLUGS = {"index", "manifest", "latest", "notebooks"}
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@dataclass(frozen=True)
class Page:
    """One page of a report: a notebook run with parameters into ``<slug>.html``."""

    notebook: str
    slug: str
    title_zh: str
    title_en: str
    parameters: dict[str, Any] = field(default_factory=dict)

    def title(self, lang: str = "zh") -> str:
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


@dataclass
class RunResult:
    """The outcome of :func:`run_report`."""

    date: str
    out: Path
    run_dir: Path
    pages: list[PageResult]
    total_seconds: float
    exit_code: int

    @property
    def status(self) -> str:
        return "complete" if all(p.status == "ok" for p in self.pages) else "failed"

    @property
    def index_path(self) -> Path:
        return self.run_dir / "index.html"

    @property
    def manifest_path(self) -> Path:
        return self.run_dir / "manifest.json"

    def summary(self) -> str:
        """A few lines for the terminal: where the report is and which pages failed."""
        failed = [p for p in self.pages if p.status != "ok"]
        lines = [
            f"report {self.date}: {len(self.pages) - len(failed)}/{len(self.pages)} pages ok "
            f"in {self.total_seconds:.1f} s -> {self.index_path}"
        ]
        lines += [
            f"  FAILED {p.page.slug} ({p.page.notebook}): {(p.error or '').splitlines()[0][:200]}"
            for p in failed
        ]
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------------
# Validation and planning (pure apart from reading files; nothing is written)


def _check_date(value: str | None, name: str) -> None:
    if value is None:
        return
    ok = isinstance(value, str) and _DATE.fullmatch(value)
    if ok:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            ok = False
    if not ok:
        raise ParameterError(
            f"{name}: expected a date written YYYY-MM-DD (for example 2025-06-30); found {value!r}"
        )


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ParameterError(f"lang: expected 'zh' or 'en'; found {lang!r}")


def _resolve_data(data: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """Extra observation files as absolute paths (the kernel runs in the notebooks folder)."""
    if isinstance(data, (str, os.PathLike)):
        data = [data]
    resolved = []
    for item in data:
        path = Path(item).expanduser().resolve()
        if not path.is_file():
            raise ParameterError(
                f"data: expected an existing CSV or xlsx file; found {str(item)!r}, which "
                f"{'is a folder' if path.is_dir() else 'does not exist'}. Fix the path."
            )
        resolved.append(path)
    return resolved


def notebook_parameters(path: Path) -> list[str] | None:
    """Names assigned in the notebook's cell tagged ``parameters``; None when no cell has that tag."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ParameterError(
            f"notebook {path}: expected a readable .ipynb (JSON) file; found {error}"
        ) from error
    for cell in document.get("cells", []):
        if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else source
            try:
                tree = ast.parse(source)
            except SyntaxError as error:
                raise ParameterError(
                    f"notebook {path}: the parameters cell is not valid Python: {error}"
                ) from error
            names = []
            for node in tree.body:
                targets = (
                    node.targets
                    if isinstance(node, ast.Assign)
                    else ([node.target] if isinstance(node, ast.AnnAssign) else [])
                )
                names += [t.id for t in targets if isinstance(t, ast.Name)]
            return names
    return None


def _target_pages(ids: Sequence[str], registry: Sequence[Any]) -> list[tuple[str, str, str]]:
    by_id = {t.id: t for t in registry}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise ParameterError(
            f"targets: unknown target id(s) {unknown}; known ids are {sorted(by_id)} "
            "(see `hzanalysis targets`)"
        )
    return [(i, by_id[i].name_zh, by_id[i].name_en) for i in dict.fromkeys(ids)]


def plan_pages(
    targets: Sequence[str] | None = None,
    lang: str = "zh",
    as_of: str | None = None,
    data: Sequence[str | os.PathLike[str]] = (),
    notebooks_dir: Path | None = None,
    registry: Sequence[Any] | None = None,
) -> list[Page]:
    """The default suite: scorecard, one target page per target id, reliability, data gaps, scenarios.

    ``registry`` is the list of targets (default :func:`hzanalysis.targets.load_targets`); ``targets``
    selects ids from it. Raises ParameterError for an unknown id, a bad date or language, a missing data
    file, or a suite notebook missing from ``notebooks_dir``.
    """
    _check_lang(lang)
    _check_date(as_of, "as_of")
    data_paths = [str(p) for p in _resolve_data(data)]
    nb_dir = Path(notebooks_dir) if notebooks_dir is not None else paths.notebooks_dir()
    if registry is None:
        from .targets import load_targets

        registry = load_targets()
    if isinstance(targets, str):
        targets = [targets]
    chosen = _target_pages(list(targets) if targets is not None else [t.id for t in registry], registry)
    common = {"as_of": as_of, "data_paths": data_paths, "lang": lang}
    pages: list[Page] = []
    for notebook, title_zh, title_en in SUITE:
        stem = notebook.removesuffix(".ipynb")
        if notebook == "10_target.ipynb":
            pages += [
                Page(notebook, f"{stem}-{tid}", name_zh, name_en, {"target_id": tid, **common})
                for tid, name_zh, name_en in chosen
            ]
        else:
            pages.append(Page(notebook, stem, title_zh, title_en, dict(common)))
    _check_pages(pages, nb_dir)
    return pages


def _check_pages(pages: Sequence[Page], nb_dir: Path) -> None:
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


def _check_out(out: Path, date: str) -> Path:
    """The run folder ``out/date``, after checking that it can be created and stays inside ``out``."""
    if out.exists() and not out.is_dir():
        raise ParameterError(
            f"out: expected a folder for the reports; found an existing file {out}. "
            "Fix: choose another --out."
        )
    for parent in out.parents:
        if parent.exists():
            if not parent.is_dir():
                raise ParameterError(f"out: {parent} is a file, so {out} cannot be created")
            break
    run_dir = (out / date).resolve()
    if run_dir.parent != out.resolve():
        raise ParameterError(f"out/date: the run folder {run_dir} would be outside {out}")
    if run_dir.exists() and not run_dir.is_dir():
        raise ParameterError(f"out/date: {run_dir} exists and is not a folder; move it away first")
    return run_dir


# ---------------------------------------------------------------------------------------------------------
# Kernel


def _kernels_root(prefix: str) -> Path:
    return Path(prefix) / "share" / "jupyter" / "kernels"


_kernel_lock = threading.Lock()
_kernel_root_in_use: list[Path] = []


def ensure_kernel() -> Path:
    """Make sure the ``hzanalysis`` kernelspec exists and runs this Python; returns its kernels folder.

    Installed under ``sys.prefix`` (idempotent); if that is read-only, under the user's cache folder.
    The runner looks kernels up only there, so a stale ``~/.local`` kernel of the same name cannot win.
    """
    with _kernel_lock:
        cache_prefix = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "hzanalysis"
        for prefix in (sys.prefix, str(cache_prefix)):
            spec = _kernels_root(prefix) / KERNEL_NAME / "kernel.json"
            try:
                argv = json.loads(spec.read_text(encoding="utf-8")).get("argv", [])
                if argv and argv[0] == sys.executable and KERNEL_QUIET in argv:
                    return _kernels_root(prefix)
            except (OSError, ValueError):
                pass
            try:
                from ipykernel.kernelspec import install

                install(prefix=prefix, kernel_name=KERNEL_NAME, display_name="Python (hzanalysis)")
                description = json.loads(spec.read_text(encoding="utf-8"))
                description["argv"].append(KERNEL_QUIET)
                spec.write_text(json.dumps(description, indent=1), encoding="utf-8")
                return _kernels_root(prefix)
            except OSError as error:
                log.warning("could not install the %s kernelspec under %s: %s", KERNEL_NAME, prefix, error)
        raise ParameterError(
            f"could not install the {KERNEL_NAME!r} Jupyter kernel under {sys.prefix} or "
            f"{cache_prefix}; make one of them writable"
        )


@functools.cache
def _kernel_manager_class(kernels_root: Path) -> type:
    """An nbclient kernel manager that finds kernelspecs only in ``kernels_root``."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class ProjectKernelManager(AsyncKernelManager):
        @default("kernel_spec_manager")
        def _kernel_spec_manager_default(self) -> KernelSpecManager:
            return KernelSpecManager(kernel_dirs=[str(kernels_root)])

    return ProjectKernelManager


# ---------------------------------------------------------------------------------------------------------
# HTML


_PAGE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block extra_css -%}<style type="text/css">{{ resources.hz_css }}</style>{%- endblock extra_css -%}
{%- block body_header -%}
{{ super() }}
{{ resources.hz_header }}
{%- endblock body_header -%}
"""

_CSS = """
.hz-header { font: 13px/1.5 system-ui, sans-serif; color: #57606a; border-bottom: 1px solid #d0d7de;
  padding: 6px 12px; margin-bottom: 8px; display: flex; gap: 1.5em; flex-wrap: wrap; }
.hz-header a { color: #0969da; }
body.hz-plain { font: 15px/1.6 system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  max-width: 1100px; margin: 0 auto; padding: 0 16px 40px; color: #1f2328; }
.hz-plain table { border-collapse: collapse; margin: 0.5em 0 1em; }
.hz-plain th, .hz-plain td { border: 1px solid #d0d7de; padding: 4px 10px; text-align: left; }
.hz-plain th { background: #f6f8fa; }
.hz-failed { color: #cf222e; font-weight: 600; }
.hz-ok { color: #1a7f37; }
.hz-plain pre { background: #f6f8fa; padding: 10px; overflow-x: auto; white-space: pre-wrap; }
"""

_e = html.escape


def _header(
    run_date: str, lang: str, index_href: str = "index.html", runs_href: str = "../index.html"
) -> str:
    en = lang == "en"
    return (
        '<nav class="hz-header">'
        f"<span>{'Report of' if en else '报告日期'} {_e(run_date)}</span>"
        f'<a href="{_e(index_href)}">{"All pages of this run" if en else "本期报告目录 / Contents"}</a>'
        f'<a href="{_e(runs_href)}">{"All runs" if en else "历次报告 / All runs"}</a>'
        "</nav>"
    )


def _exportable(nb: Any) -> Any:
    """A copy keeping what readers need: cells with outputs and prose; stderr streams (logs) dropped."""
    nb = copy.deepcopy(nb)
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [
                o
                for o in cell.get("outputs", [])
                if not (o.get("output_type") == "stream" and o.get("name") == "stderr")
            ]
            if not cell.outputs:
                continue
        cells.append(cell)
    nb.cells = cells
    return nb


def export_html(
    notebook: Any,
    *,
    title: str,
    lang: str = "zh",
    run_date: str = "",
    index_href: str = "index.html",
    runs_href: str = "../index.html",
) -> str:
    """An executed notebook as self-contained HTML: outputs and prose only, no code, no remote resources.

    ``notebook`` is a path or a nbformat node. The lab template's MathJax, require.js, mermaid and widget
    scripts (all loaded from CDNs) are left out.
    """
    import jinja2
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(notebook), as_version=4) if isinstance(notebook, (str, os.PathLike)) else notebook
    nb = _exportable(nb)
    nb.metadata["title"] = title
    exporter = HTMLExporter(
        template_name="lab",
        template_file="hz_page.html.j2",
        extra_loaders=[jinja2.DictLoader({"hz_page.html.j2": _PAGE_TEMPLATE})],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
        language_code="zh" if lang == "zh" else "en",
    )
    resources = {
        "metadata": {"name": title},
        "hz_css": _CSS,
        "hz_header": _header(run_date, lang, index_href, runs_href),
    }
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body.replace(f'<html lang="{exporter.language_code}">', f'<html lang="{HTML_LANG[lang]}">', 1)


def _plain_page(title: str, body: str, lang: str, header: str = "") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{HTML_LANG[lang]}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n"
        f'<body class="hz-plain">\n{header}\n{body}\n</body>\n</html>\n'
    )


def failure_page(
    page: Page, error: str, run_date: str, lang: str = "zh", notebook_href: str | None = None
) -> str:
    """The page published in place of a notebook that failed: what failed, with which parameters, and why."""
    params = json.dumps(page.parameters, ensure_ascii=False, indent=2)
    link = (
        f"<p>执行到出错为止的笔记本 / The notebook as executed up to the error: "
        f'<a href="{_e(notebook_href)}">{_e(notebook_href)}</a></p>'
        if notebook_href
        else ""
    )
    body = (
        f"<h1>{_e(page.title_zh)} / {_e(page.title_en)}</h1>\n"
        '<p class="hz-failed">本页生成失败，以下为错误信息。/ '
        "This page failed to build; the error follows.</p>\n"
        f"<p>笔记本 / Notebook: <code>{_e(page.notebook)}</code></p>\n"
        f"<p>参数 / Parameters:</p>\n<pre>{_e(params)}</pre>\n"
        f'<p>错误 / Error:</p>\n<pre class="hz-error">{_e(error)}</pre>\n{link}'
    )
    return _plain_page(f"失败 / Failed: {page.title(lang)}", body, lang, _header(run_date, lang))


def _describe_error(error: BaseException) -> str:
    """Error text for the failure page: the notebook's traceback when papermill has one, else Python's."""
    from papermill.exceptions import PapermillExecutionError

    if isinstance(error, PapermillExecutionError):
        lines = [f"{error.ename}: {error.evalue}", f"(cell with execution count {error.exec_count})", ""]
        lines += [_ANSI.sub("", line) for line in error.traceback]
        return "\n".join(lines)
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return _ANSI.sub("", text)


def _run_index(date: str, lang: str, results: Sequence[PageResult], meta: dict[str, Any]) -> str:
    rows = []
    for r in results:
        ok = r.status == "ok"
        status = '<span class="hz-ok">成功 ok</span>' if ok else '<span class="hz-failed">失败 failed</span>'
        rows.append(
            f'<tr><td><a href="{_e(r.page.slug)}.html">{_e(r.page.title_zh)}</a></td>'
            f"<td>{_e(r.page.title_en)}</td><td>{status}</td>"
            f"<td>{r.execution_seconds + r.export_seconds:.1f} s</td></tr>"
        )
    failed = sum(r.status != "ok" for r in results)
    state = (
        f'<p class="hz-failed">{failed} 页失败 / {failed} page(s) failed.</p>'
        if failed
        else '<p class="hz-ok">全部页面生成成功 / All pages built.</p>'
    )
    facts = [
        ("报告日期 Run date", date),
        ("数据截至 As of", meta.get("as_of") or "全部 all available"),
        ("语言 Language", lang),
        ("代码版本 Commit", meta.get("git_commit") or "—"),
        ("用时 Time", f"{meta.get('total_seconds', 0):.1f} s"),
    ]
    body = (
        f"<h1>海州区科技创新行动方案 2025年目标评估 · {_e(date)}</h1>\n"
        f"<p>Haizhou District S&amp;T innovation action plan: 2025 targets, report of {_e(date)}</p>\n"
        f"{state}\n"
        "<table><thead><tr><th>页面</th><th>Page</th><th>状态 Status</th><th>用时 Time</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>\n"
        "<table><tbody>"
        + "".join(f"<tr><th>{_e(k)}</th><td>{_e(str(v))}</td></tr>" for k, v in facts)
        + "</tbody></table>\n"
        '<p><a href="manifest.json">manifest.json</a>'
        "（输入校验和、版本、用时 / checksums, versions, timings） · "
        '<a href="notebooks/">notebooks/</a>（已执行的笔记本 / executed notebooks）</p>'
    )
    header = (
        '<nav class="hz-header"><a href="../index.html">历次报告 / All runs</a>'
        '<a href="../latest.html">最新报告 / Latest</a></nav>'
    )
    return _plain_page(f"海州区2025年目标评估 {date}", body, lang, header)


# ---------------------------------------------------------------------------------------------------------
# Manifest


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _display_path(path: Path) -> str:
    root = paths.project_root()
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path.resolve())


def input_files(data: Sequence[Path], notebooks: Sequence[Path]) -> list[dict[str, Any]]:
    """Checksums of every input: the raw data files, the extra data files and the notebooks run."""
    entries: list[tuple[str, Path]] = []
    raw = paths.raw_dir()
    if raw.is_dir():
        entries += [("raw", p) for p in sorted(raw.rglob("*")) if p.is_file()]
    entries += [("data", p) for p in data]
    entries += [("notebook", p) for p in dict.fromkeys(notebooks)]
    return [
        {"role": role, "path": _display_path(p), "bytes": p.stat().st_size, "sha256": sha256_file(p)}
        for role, p in entries
    ]


def package_versions() -> dict[str, str | None]:
    """Versions of Python and the key packages (None when a package is not installed)."""
    versions: dict[str, str | None] = {"python": sys.version.split()[0]}
    for name in KEY_PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def hzanalysis_version() -> str:
    try:
        return importlib.metadata.version("hzanalysis")
    except importlib.metadata.PackageNotFoundError:
        from . import __version__

        return __version__


def git_commit(root: Path | None = None) -> str | None:
    """``git rev-parse HEAD`` of the project, or None (no git, not a repository, no commit yet)."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=root or paths.project_root(),
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    commit = done.stdout.strip()
    return commit if done.returncode == 0 and re.fullmatch(r"[0-9a-f]{40,64}", commit) else None


# ---------------------------------------------------------------------------------------------------------
# Files, publishing and the runs index


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _publish(staging: Path, final: Path, trash: Path) -> None:
    """Rename the finished staging folder to ``final``, replacing an existing folder whole."""
    if final.exists() or final.is_symlink():
        os.rename(final, trash)
        try:
            os.rename(staging, final)
        except OSError:
            os.rename(trash, final)  # put the previous run back rather than leave nothing
            raise
        shutil.rmtree(trash, ignore_errors=True)
    else:
        os.rename(staging, final)


def read_manifests(out: Path) -> list[dict[str, Any]]:
    """Manifests of every published run in ``out``, newest date first (unreadable ones skipped)."""
    runs = []
    for folder in out.iterdir() if out.is_dir() else []:
        if not (folder.is_dir() and not folder.is_symlink() and _DATE.fullmatch(folder.name)):
            continue
        try:
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            log.warning("skipping %s: no readable manifest.json", folder)
            continue
        manifest["_folder"] = folder.name
        runs.append(manifest)
    runs.sort(key=lambda m: (m["_folder"], m.get("finished_at", "")), reverse=True)
    return runs


def _runs_index(runs: Sequence[dict[str, Any]], latest: str | None) -> str:
    rows = []
    for m in runs:
        pages = m.get("pages", [])
        ok = sum(p.get("status") == "ok" for p in pages)
        complete = m.get("status") == "complete"
        status = (
            '<span class="hz-ok">完整 complete</span>'
            if complete
            else '<span class="hz-failed">有失败页 failed pages</span>'
        )
        rows.append(
            f'<tr><td><a href="{_e(m["_folder"])}/index.html">{_e(m["_folder"])}</a></td><td>{status}</td>'
            f"<td>{ok}/{len(pages)}</td><td>{_e(str(m.get('parameters', {}).get('as_of') or '—'))}</td>"
            f"<td>{_e(str(m.get('parameters', {}).get('lang', '')))}</td>"
            f"<td>{_e(str(m.get('finished_at', '')))}</td></tr>"
        )
    latest_line = (
        f'<p>最新完整报告 / Latest complete run: <a href="latest.html">{_e(latest)}</a></p>'
        if latest
        else "<p>尚无完整报告 / No complete run yet.</p>"
    )
    body = (
        "<h1>海州区科技创新行动方案 2025年目标评估：历次报告</h1>\n"
        "<p>Haizhou District S&amp;T innovation action plan, 2025 targets: "
        "all report runs, newest first</p>\n"
        f"{latest_line}\n<table><thead><tr><th>日期 Date</th><th>状态 Status</th><th>成功页 Pages ok</th>"
        "<th>数据截至 As of</th><th>语言 Lang</th><th>完成时间 Finished (UTC)</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return _plain_page("海州区2025年目标评估：历次报告 / All runs", body, "zh")


def _latest_html(latest: str | None) -> str:
    if latest is None:
        return _plain_page(
            "最新报告 / Latest",
            '<p>尚无完整报告 / No complete run yet. <a href="index.html">历次报告 / All runs</a></p>',
            "zh",
        )
    target = f"{latest}/index.html"
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="refresh" content="0; url={_e(target)}">\n<title>最新报告 / Latest</title>\n'
        f'</head>\n<body>\n<p><a href="{_e(target)}">最新完整报告 / Latest complete run: {_e(latest)}</a>'
        "</p>\n</body>\n</html>\n"
    )


def update_runs_index(out: Path) -> str | None:
    """Rewrite ``out/index.html``, ``out/latest`` (relative symlink) and ``out/latest.html``.

    "latest" is the newest date whose run completed with every page ok. Returns that date, or None.
    """
    runs = read_manifests(out)
    latest = next((m["_folder"] for m in runs if m.get("status") == "complete"), None)
    _write_atomic(out / "index.html", _runs_index(runs, latest))
    _write_atomic(out / "latest.html", _latest_html(latest))
    link = out / "latest"
    if latest is None:
        if link.is_symlink():
            link.unlink()
    elif not link.exists() or link.is_symlink():  # never clobber a real folder named "latest"
        tmp = out / f".latest.{uuid.uuid4().hex}"
        try:
            os.symlink(latest, tmp, target_is_directory=True)
            os.replace(tmp, link)
        except OSError as error:  # file systems without symlinks: latest.html is enough
            log.info("no latest symlink (%s); latest.html leads to %s", error, latest)
            with contextlib.suppress(OSError):
                tmp.unlink()
    return latest


# ---------------------------------------------------------------------------------------------------------
# Running


def _execute_page(
    page: Page,
    nb_dir: Path,
    staging: Path,
    run_date: str,
    lang: str,
    kernels_root: Path,
    cell_timeout: float | None,
) -> PageResult:
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
            kernel_manager_class=_kernel_manager_class(kernels_root),
        )
    except Exception as exc:  # any failure (cell error, timeout, dead kernel): trust it, not the saved file
        error = _describe_error(exc)
    execution = time.perf_counter() - start
    start = time.perf_counter()
    if error is None:
        try:
            text = export_html(executed, title=page.title(lang), lang=lang, run_date=run_date)
        except Exception as exc:
            error = "HTML export failed:\n" + _describe_error(exc)
    if error is not None:
        href = f"notebooks/{page.slug}.ipynb" if executed.is_file() else None
        text = failure_page(page, error, run_date, lang, href)
    html_file.write_text(text, encoding="utf-8")
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


def _lock_message(out: Path, timeout: float) -> str:
    owner = ""
    with contextlib.suppress(OSError, ValueError):
        info = json.loads((out / ".lock.owner").read_text(encoding="utf-8"))
        owner = (
            f" (held by pid {info.get('pid')} on {info.get('host')}, run date {info.get('date')}, "
            f"started {info.get('started_at')})"
        )
    return (
        f"another report run holds the lock {out / '.lock'}{owner}; waited {timeout:g} s. "
        "Fix: wait for it to finish and run again, or pass a longer lock timeout."
    )


def run_report(
    *,
    date: str | None = None,
    as_of: str | None = None,
    out: str | os.PathLike[str] | None = None,
    data: Sequence[str | os.PathLike[str]] = (),
    targets: Sequence[str] | None = None,
    lang: str = "zh",
    jobs: int = 1,
    pages: Sequence[Page] | None = None,
    notebooks_dir: str | os.PathLike[str] | None = None,
    progress: bool | None = None,
    lock_timeout: float = 60.0,
    cell_timeout: float | None = 600.0,
    on_page: Callable[[PageResult], None] | None = None,
) -> RunResult:
    """Run the report notebooks into ``<out>/<date>/`` and publish it atomically.

    Bad parameters raise ParameterError before anything is created; a lock held longer than
    ``lock_timeout`` seconds raises LockedError. A failing notebook gives a failure page and
    ``exit_code`` 1; the other pages are still published. ``progress``: None = a tqdm bar on a
    terminal, log lines otherwise. ``cell_timeout``: seconds per cell (None = no limit).
    """
    started = time.perf_counter()
    started_at = dt.datetime.now(dt.UTC)
    date = date if date is not None else dt.date.today().isoformat()
    _check_date(date, "date")
    _check_lang(lang)
    _check_date(as_of, "as_of")
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ParameterError(f"jobs: expected a whole number of at least 1; found {jobs!r}")
    if lock_timeout is None or lock_timeout < 0:
        raise ParameterError(f"lock_timeout: expected seconds >= 0; found {lock_timeout!r}")
    data_paths = _resolve_data(data)
    nb_dir = Path(notebooks_dir).resolve() if notebooks_dir is not None else paths.notebooks_dir()
    if pages is None:
        pages = plan_pages(targets=targets, lang=lang, as_of=as_of, data=data_paths, notebooks_dir=nb_dir)
    else:
        pages = list(pages)
        _check_pages(pages, nb_dir)
    out_dir = Path(out).expanduser() if out is not None else paths.reports_dir()
    final = _check_out(out_dir, date)
    out_dir = final.parent

    from filelock import FileLock, Timeout

    out_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(out_dir / ".lock"), timeout=lock_timeout)
    try:
        lock.acquire()
    except Timeout:
        raise LockedError(_lock_message(out_dir, lock_timeout)) from None
    try:
        _write_atomic(
            out_dir / ".lock.owner",
            json.dumps(
                {
                    "pid": os.getpid(),
                    "host": socket.gethostname(),
                    "date": date,
                    "started_at": started_at.isoformat(timespec="seconds"),
                }
            ),
        )
        staging_root = out_dir / ".staging"
        # We hold the lock, so anything left in .staging belongs to a run that crashed.
        if staging_root.exists():
            shutil.rmtree(staging_root, ignore_errors=True)
        token = uuid.uuid4().hex[:10]
        staging = staging_root / f"{date}-{token}"
        (staging / "notebooks").mkdir(parents=True)
        try:
            results = _run_pages(pages, nb_dir, staging, date, lang, jobs, progress, cell_timeout, on_page)
            total = time.perf_counter() - started
            status = "complete" if all(r.status == "ok" for r in results) else "failed"
            manifest = {
                "schema": MANIFEST_SCHEMA,
                "date": date,
                "status": status,
                "exit_code": 0 if status == "complete" else 1,
                "started_at": started_at.isoformat(timespec="seconds"),
                "finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "total_seconds": round(total, 3),
                "hzanalysis_version": hzanalysis_version(),
                "git_commit": git_commit(),
                "parameters": {
                    "date": date,
                    "as_of": as_of,
                    "lang": lang,
                    "jobs": jobs,
                    "targets": list(targets) if targets is not None else None,
                    "data": [str(p) for p in data_paths],
                    "notebooks_dir": str(nb_dir),
                },
                "kernel": {"name": KERNEL_NAME, "python": sys.executable},
                "versions": package_versions(),
                "inputs": input_files(data_paths, [nb_dir / p.notebook for p in pages]),
                "pages": [
                    {
                        "slug": r.page.slug,
                        "notebook": r.page.notebook,
                        "title_zh": r.page.title_zh,
                        "title_en": r.page.title_en,
                        "parameters": r.page.parameters,
                        "status": r.status,
                        "html": f"{r.page.slug}.html",
                        "executed_notebook": f"notebooks/{r.page.slug}.ipynb" if r.notebook_path else None,
                        "execution_seconds": round(r.execution_seconds, 3),
                        "export_seconds": round(r.export_seconds, 3),
                        "html_bytes": r.html_bytes,
                        "error": r.error,
                    }
                    for r in results
                ],
            }
            (staging / "manifest.json").write_text(
                json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
            )
            (staging / "index.html").write_text(_run_index(date, lang, results, manifest), encoding="utf-8")
            _publish(staging, final, staging_root / f"{date}-old-{token}")
        finally:
            shutil.rmtree(staging, ignore_errors=True)
            with contextlib.suppress(OSError):
                staging_root.rmdir()  # only when empty
        update_runs_index(out_dir)
    finally:
        with contextlib.suppress(OSError):
            (out_dir / ".lock.owner").unlink()
        lock.release()

    def moved(path: Path | None) -> Path | None:
        return None if path is None else final / path.relative_to(staging)

    published = [
        PageResult(
            r.page,
            r.status,
            moved(r.html_path),
            moved(r.notebook_path),
            r.execution_seconds,
            r.export_seconds,
            r.html_bytes,
            r.error,
        )
        for r in results
    ]
    result = RunResult(
        date, out_dir, final, published, time.perf_counter() - started, 0 if status == "complete" else 1
    )
    log.info("%s", result.summary())
    return result


def _run_pages(
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
    from tqdm.auto import tqdm

    kernels_root = ensure_kernel()
    # papermill logs every notebook's paths at INFO: noise in a cron log, so keep its warnings only.
    papermill_log = logging.getLogger("papermill")
    if papermill_log.level == logging.NOTSET:
        papermill_log.setLevel(logging.WARNING)
    use_bar = progress if progress is not None else sys.stderr.isatty()
    results: dict[str, PageResult] = {}
    with (
        tqdm(total=len(pages), unit="notebook", desc=f"report {date}", disable=not use_bar) as bar,
        ThreadPoolExecutor(max_workers=min(jobs, len(pages))) as pool,
    ):
        futures = [
            pool.submit(_execute_page, page, nb_dir, staging, date, lang, kernels_root, cell_timeout)
            for page in pages
        ]
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
    return [results[page.slug] for page in pages]
