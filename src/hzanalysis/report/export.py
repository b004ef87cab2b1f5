"""HTML: executed notebooks exported without code, and the runner's own pages from Jinja2 templates.

The templates (``templates/*.html.j2``) render with autoescaping on, so every value from a notebook, a
parameter or an error message is text, never markup. The style sheet is ``static/hz.css``.
"""

from __future__ import annotations

import copy
import functools
import html
import json
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import HzError
from ..labels import HTML_LANG
from ..plans import resolve_plan
from .plan import Page, PageResult
from .text import texts

if TYPE_CHECKING:
    import jinja2


PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE / "templates"
STATIC = PACKAGE / "static"


@functools.cache
def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a misspelt name fails the test, not the reader
        keep_trailing_newline=True,
    )


@functools.cache
def _css() -> str:
    return (STATIC / "hz.css").read_text(encoding="utf-8")


#: English words beside the Chinese in the runner's texts ("历次报告 / All runs", "报告 Run"): one word is
#: enough here, as every Latin word of these texts is English.
_ENGLISH = re.compile(r"[A-Za-z][\w'’&.-]*(?:[ ,;:()/]+[A-Za-z][\w'’&.-]*)*\)?")


def mark_english(text: str, lang: str) -> str:
    """A runner text as escaped HTML; on a Chinese page its English words are marked ``lang="en"``."""
    if lang == "en" or "{" in text:  # a pattern ({title}) is filled in Python, not shown as it is
        return html.escape(text, quote=True)
    out, last = [], 0
    for match in _ENGLISH.finditer(text):
        out.append(html.escape(text[last : match.start()], quote=True))
        out.append(f'<span lang="en">{html.escape(match.group(), quote=True)}</span>')
        last = match.end()
    return "".join([*out, html.escape(text[last:], quote=True)])


def render(template: str, lang: str, **values: Any) -> str:
    """Render ``templates/<template>`` with autoescaping, the style sheet and the texts of ``lang``."""
    from markupsafe import Markup

    words = {code: Markup(mark_english(text, lang)) for code, text in texts(lang).items()}
    return (
        _environment()
        .get_template(template)
        .render(html_lang=HTML_LANG[lang], css=Markup(_css()), t=words, **values)
    )


def page_header(
    run_date: str, lang: str, index_href: str = "index.html", runs_href: str = "../index.html"
) -> str:
    """The navigation line above every page of a run (escaped HTML)."""
    return render(
        "_header.html.j2", lang, run_date=run_date, index_href=index_href, runs_href=runs_href
    ).strip()


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

    from ..display import mark_rendered_prose

    nb = nbformat.read(str(notebook), as_version=4) if isinstance(notebook, (str, os.PathLike)) else notebook
    nb = _exportable(nb)
    nb.metadata["title"] = title
    exporter = HTMLExporter(
        template_name="lab",
        template_file="nbconvert_page.html.j2",
        extra_loaders=[jinja2.FileSystemLoader(str(TEMPLATES))],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
        language_code="zh" if lang == "zh" else "en",
    )
    resources = {
        "metadata": {"name": title},
        "hz_css": _css(),
        "hz_header": page_header(run_date, lang, index_href, runs_href),
    }
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    body = mark_rendered_prose(body, lang)
    return body.replace(f'<html lang="{exporter.language_code}">', f'<html lang="{HTML_LANG[lang]}">', 1)


def failure_page(
    page: Page, error: str, run_date: str, lang: str = "zh", notebook_href: str | None = None
) -> str:
    """The page published in place of a notebook that failed: what failed, with which parameters, and why."""
    from markupsafe import Markup

    t = texts(lang)
    return render(
        "failure.html.j2",
        lang,
        title=f"{t['failed_title']}: {page.title(lang)}",
        header=Markup(page_header(run_date, lang)),
        page=page,
        parameters=json.dumps(page.parameters, ensure_ascii=False, indent=2),
        error=error,
        notebook_href=notebook_href,
    )


def run_titles(plan: str | None, lang: str) -> tuple[str, str]:
    """The run's title in ``lang`` and in English, naming the run's own plan and deadline.

    A plan folder that has since gone (an old run of a plan outside the project) is named by its id.
    """
    t = texts(lang)
    try:
        selected = resolve_plan(plan)
    except HzError:
        return str(plan), str(plan)
    title = (selected.title_en or selected.title_zh) if lang == "en" else selected.title_zh
    deadline = selected.deadline
    return (
        t["plan_title"].format(title=title, deadline=deadline),
        t["plan_title_en"].format(title=selected.title_en or selected.title_zh, deadline=deadline),
    )


def run_index_html(folder: str, lang: str, results: Sequence[PageResult], manifest: dict[str, Any]) -> str:
    """The run's own ``index.html``: every page with its status, and the facts of the run."""
    from markupsafe import Markup

    t = texts(lang)
    parameters = manifest.get("parameters", {})
    facts = [
        ("run_date", manifest.get("date", "")),
        ("as_of", parameters.get("as_of") or Markup(mark_english(t["all_available"], lang))),
        ("lang", parameters.get("lang", lang)),
        ("plan", parameters.get("plan") or "—"),
        (
            "targets",
            ", ".join(parameters.get("targets") or []) or Markup(mark_english(t["all_targets"], lang)),
        ),
        ("data", ", ".join(Path(p).name for p in parameters.get("data") or []) or "—"),
        ("commit", manifest.get("git_commit") or "—"),
        ("time", f"{manifest.get('total_seconds', 0):.1f} s"),
    ]
    plan_title, plan_title_en = run_titles(parameters.get("plan"), lang)
    return render(
        "run_index.html.j2",
        lang,
        title=f"{plan_title} {folder}",
        plan_title=plan_title,
        plan_title_en=plan_title_en,
        folder=folder,
        date=manifest.get("date", ""),
        label=parameters.get("label"),
        results=results,
        failed=sum(r.status != "ok" for r in results),
        facts=facts,
        downloads=_downloads(manifest),
    )


def _downloads(manifest: dict[str, Any]) -> list[str]:
    """The run's files beside its pages: the Word brief and Excel workbook written, and the judgements."""
    files = [o["file"] for o in manifest.get("outputs") or [] if "error" not in o]
    judgements = manifest.get("judgements")
    return files + ([judgements["file"]] if judgements else [])
