"""Offline interactive charts and HTML-safe output helpers for the notebooks.

Why a custom altair renderer: altair's default HTML loads its JavaScript from a CDN (an offline reader sees
"Error loading script"), ``template="inline"`` embeds 0.9 MB per chart and drops every chart after the
first, and the ``mimetype`` renderer vanishes from exported HTML. :func:`setup` therefore displays the
vega bundle from vl-convert ONCE per notebook (so the exported page carries it once and JupyterLab gets
``window.vegaEmbed`` too), and the ``"hzanalysis"`` renderer emits a small ``<div>`` + ``<script>`` per
chart that calls ``vegaEmbed`` and writes a visible message into the div when anything goes wrong.

Every string that comes from data goes through :func:`escape` (or :func:`link`, which only makes an
``<a>`` for http/https URLs). Helpers return IPython ``HTML`` objects; a notebook cell shows only its last
expression, so use :func:`show` to display several in one cell.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import os
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import altair as alt
import pandas as pd
from IPython.display import HTML, Markdown

from .charts import VERDICT_COLOURS
from .gaps import checklist_years, grid_years, last_publishable_year, period_text
from .labels import MISSING, Message, check_lang, has_label, label, message_text, number_word, prose_text
from .observations import load_regions
from .plans import Plan, resolve_plan

RENDERER_NAME = "hzanalysis"
#: vl-convert's name for the Vega-Lite version altair writes (altair 6.3 → Vega-Lite 6.4 → "6_4").
VL_VERSION = "_".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])

#: Whether this kernel has shown the chart bundle. The page's language is never kept here: every function
#: that writes words takes ``lang`` (default Chinese, the default report), and a notebook passes its own.
_state: dict[str, Any] = {"bundle_shown": False}

_CSS = """
.hz-chart { margin: 0.5em 0 1em; min-height: 2em; }
.hz-chart-error { color: #8b0000; background: #fff0f0; border: 1px solid #cf222e; padding: 0.6em; }
table.hz-table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 13px; }
table.hz-table th, table.hz-table td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left;
  vertical-align: top; }
table.hz-table th { background: #f6f8fa; word-break: keep-all; }  /* 所需年增长 was one character a line */
/* A long URL is one unbreakable word: let it break, so that it does not squeeze the Chinese columns (which
   may break after any character) down to one character each. */
table.hz-table td a { word-break: break-all; }
table.hz-table td.hz-short { white-space: nowrap; }
/* JupyterLab right-aligns output tables with a (0,2,1) selector; text columns read better left-aligned. */
.jp-RenderedHTMLCommon table.hz-table th, .jp-RenderedHTMLCommon table.hz-table td { text-align: left; }
table.hz-table.hz-sortable th { cursor: pointer; }
table.hz-table.hz-sortable th::after { content: " \\2195"; color: #8c959f; }
.hz-callout { border-left: 6px solid #b8bcc2; background: #f6f8fa; padding: 0.7em 1em; margin: 0.6em 0 1em;
  font-size: 1.1em; }
.hz-note { color: #57606a; font-style: italic; }
.hz-warnings { color: #57606a; font-size: 12px; }
details.hz-clip summary { cursor: pointer; }
details.hz-clip[open] summary { display: none; }
.hz-more { color: #0969da; text-decoration: underline; white-space: nowrap; }
.hz-print-only { display: none; }
/* One A4 page for leaders: on a page that carries a print summary, print only that summary. */
@page { size: A4; margin: 12mm; }
@media print {
  body:has(.hz-print-only) .jp-Cell:not(:has(.hz-print-only)),
  body:has(.hz-print-only) nav:not(.hz-header), body:has(.hz-print-only) .hz-header a {
    display: none !important; }
  /* The header's report date stays: a printed page handed round must say which day it reports. */
  body:has(.hz-print-only) .hz-header { border: 0; padding: 0; margin: 0 0 2pt; font-size: 8pt; }
  .hz-print-only { display: block !important; }
  .hz-print-only table.hz-table { font-size: 7.5pt !important; line-height: 1.2; width: 100%;
    margin: 0; table-layout: auto !important; }
  .hz-print-only table.hz-table th, .hz-print-only table.hz-table td { padding: 1px 3px !important; }
  .hz-print-only h1 { font-size: 13pt; margin: 0 0 3pt; }
  .hz-print-only p { font-size: 8pt; margin: 0 0 4pt; }
  .hz-print-only p.hz-legend { font-size: 7pt; margin: 4pt 0 0; color: #333; }
  .jp-Notebook, .jp-Cell, .jp-OutputArea-output { padding: 0 !important; margin: 0 !important; }
}
"""

# Sorts a table by the clicked header; numbers (with %, commas, signs) numerically, text otherwise.
# Static code: no data from the notebook goes into this script.
_SORT_SCRIPT = """<script>(function(){var s=document.currentScript,t=s&&s.previousElementSibling;
if(!t||t.tagName!=="TABLE")return;var num=function(v){var c=v.replace(/[,%\\s]/g,"").replace("\\u2212","-");
return c!==""&&isFinite(c)?parseFloat(c):null;};t.querySelectorAll("thead th").forEach(function(th,i){
th.addEventListener("click",function(){var b=t.tBodies[0],rows=Array.prototype.slice.call(b.rows),
up=th.getAttribute("data-sort")!=="asc";th.setAttribute("data-sort",up?"asc":"desc");rows.sort(function(r1,r2){
var a=r1.cells[i].textContent.trim(),c=r2.cells[i].textContent.trim(),x=num(a),y=num(c);
var d=(x!==null&&y!==null)?x-y:a.localeCompare(c,"zh");return up?d:-d;});
rows.forEach(function(r){b.appendChild(r);});});});})();</script>"""


class Safe(str):
    """A string of trusted HTML (built by this module); helpers insert it without escaping."""

    __slots__ = ()


# ---------------------------------------------------------------------------------------------------------
# Vega bundle and renderer


def vega_bundle() -> str:
    """The vega + vega-lite + vega-embed JavaScript (about 0.9 MB), cached on disk per vl-convert version.

    Generating it costs about 1.6 s, paid by every notebook kernel otherwise; the cache lives in the user's
    cache folder (not a shared temp folder, so no other user can plant script in a report).
    """
    from importlib.metadata import version

    import vl_convert

    name = f"vega-bundle-{version('vl-convert-python')}-{VL_VERSION}.js"
    cache = _cache_dir() / name
    try:
        text = cache.read_text(encoding="utf-8")
        digest = cache.with_suffix(".sha256").read_text(encoding="ascii").strip()
        if hashlib.sha256(text.encode("utf-8")).hexdigest() == digest:
            return text
    except OSError:
        pass
    # the stub makes the snippet required; without one the bundle sets vegaEmbed & co. on window, as wanted
    text = vl_convert.javascript_bundle(vl_version=VL_VERSION)  # type: ignore[call-arg]
    # The bundle goes inside <script>; a closing tag in it would end the script early.
    if re.search(r"</script|<!--", text, flags=re.IGNORECASE):
        raise RuntimeError("the vega bundle contains '</script' or '<!--' and cannot be inlined safely")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_name(f".{name}.{os.getpid()}.{uuid.uuid4().hex}")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, cache)
        cache.with_suffix(".sha256").write_text(hashlib.sha256(text.encode("utf-8")).hexdigest(), "ascii")
    except OSError:
        pass  # no writable cache: regenerate next time, nothing else changes
    return text


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "hzanalysis"


def script_json(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>``: ``<``, ``>``, ``&``, U+2028/2029 become ``\\uXXXX``.

    Those characters can only occur inside JSON strings, where the escapes mean the same characters,
    so the value is unchanged while ``</script>`` in the data cannot close the tag.
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, default=str)
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def chart_html(spec: dict, element_id: str | None = None) -> str:
    """The ``<div class="hz-chart">`` and script that draw one Vega-Lite spec with ``vegaEmbed``."""
    element_id = element_id or f"hz-chart-{uuid.uuid4().hex[:12]}"
    if not re.fullmatch(r"[A-Za-z][\w-]*", element_id):
        raise ValueError(f"chart element id must be letters, digits, '-' or '_'; found {element_id!r}")
    failed = script_json("图表无法显示 / Chart could not be shown: ")
    return (
        f'<div class="hz-chart" id="{element_id}"></div>\n'
        "<script>(function () {\n"
        f'  var id = "{element_id}", spec = {script_json(spec)};\n'
        "  var s = document.currentScript, el = s && s.previousElementSibling;\n"
        "  if (!el || el.id !== id) { el = document.getElementById(id); }\n"
        "  function fail(why) {\n"
        "    if (!el) { return; }\n"
        '    el.classList.add("hz-chart-error");\n'
        f"    el.textContent = {failed} + why;\n"
        "  }\n"
        '  if (typeof window.vegaEmbed !== "function") {\n'
        '    fail("the chart library is not loaded (call hz.display.setup() in the first cell)"); return;\n'
        "  }\n"
        "  try {\n"
        '    window.vegaEmbed(el, spec, {renderer: "svg", actions: false})\n'
        "      .catch(function (e) { fail(String((e && e.message) || e)); });\n"
        "  } catch (e) { fail(String((e && e.message) || e)); }\n"
        "})();</script>"
    )


def renderer(spec: dict, **metadata: Any) -> dict[str, str]:
    """Altair renderer: a text/html mimebundle that draws the chart with the bundle from :func:`setup`."""
    return {"text/html": chart_html(spec), "text/plain": "<hzanalysis chart>"}


def _in_ipython() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with ipykernel
        return False
    return get_ipython() is not None


def _show(obj: Any) -> None:
    from IPython.display import display

    display(obj)


def setup(lang: str = "zh") -> None:
    """Enable the offline chart renderer and show the vega bundle and page styles once per kernel.

    Call it in the first code cell of every notebook. ``lang`` is checked here (a wrong one fails before
    any output) but not kept: the page passes its language to each call that writes words. Calling it again
    in the same kernel does not show the bundle twice.
    """
    check_lang(lang)
    if RENDERER_NAME not in alt.renderers.names():
        alt.renderers.register(RENDERER_NAME, renderer)
    alt.renderers.enable(RENDERER_NAME)
    if _state["bundle_shown"] or not _in_ipython():
        return
    _show(HTML(f'<style>{_CSS}</style>\n<script type="text/javascript">{vega_bundle()}</script>'))
    _state["bundle_shown"] = True


# ---------------------------------------------------------------------------------------------------------
# HTML-safe helpers


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def escape(text: Any) -> str:
    """HTML-escape any value as text (quotes included); None and NaN become an empty string."""
    if isinstance(text, Safe):
        return str(text)
    return "" if _missing(text) else html.escape(str(text), quote=True)


#: A run of Chinese text (ideographs, CJK and full-width punctuation, with digits and spaces between them and
#: figures at its end: 占比3.62%).
_CJK_RUN = re.compile(
    r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef](?:[\u3400-\u9fff\u3000-\u303f\uff00-\uffef0-9.%\s·/-]*"
    r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef0-9%])?"
)
#: A run of two or more Latin words (an English sentence or phrase); one word alone (Eurostat, SDSN) is a
#: name and reads the same in either language.
_LATIN_RUN = re.compile(r"[A-Za-z][\w'’&/×²-]*(?:[ ,;:.()]+[A-Za-z0-9][\w'’&/×²-]*)+[.)]?", re.ASCII)
HTML_LANGS = {"zh": "zh-CN", "en": "en"}


def tagged(text: Any, lang: str = "zh") -> str:
    """``text`` escaped, with every run in the other language marked for screen readers, fonts and
    hyphenation: Chinese verbatim on an English page in ``<span lang="zh-CN">``, English phrases on a
    Chinese page in ``<span lang="en">``. :class:`Safe` HTML is kept as it is."""
    if isinstance(text, Safe) or _missing(text):
        return escape(text)
    page = check_lang(lang)
    other = "zh" if page == "en" else "en"
    pattern = _CJK_RUN if page == "en" else _LATIN_RUN
    raw, out, last = str(text), [], 0
    for match in pattern.finditer(raw):
        out.append(html.escape(raw[last : match.start()], quote=True))
        out.append(f'<span lang="{HTML_LANGS[other]}">{html.escape(match.group(), quote=True)}</span>')
        last = match.end()
    out.append(html.escape(raw[last:], quote=True))
    return "".join(out)


def is_web_url(url: Any) -> bool:
    """True for an http:// or https:// URL with a host; everything else (javascript:, data:, …) is not."""
    if not isinstance(url, str):
        return False
    stripped = url.strip()
    # Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"); refuse them.
    if any(ord(ch) < 0x20 or ch == "\x7f" for ch in stripped):
        return False
    try:
        parts = urlsplit(stripped)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def link(url: Any, text: Any = None) -> Safe:
    """An ``<a>`` for http/https URLs (opened safely in a new tab); anything else becomes escaped text."""
    label = url if _missing(text) or text == "" else text
    if not is_web_url(url):
        return Safe(escape(label))
    href = escape(url.strip())
    return Safe(f'<a href="{href}" rel="noopener noreferrer" target="_blank">{escape(label)}</a>')


#: Cells longer than this are clipped, with the full text one click away (a quote of a whole
#: document once made a page 600,000 px tall).
CLIP_CHARS = 300


def _cell(value: Any, clip: int | None = CLIP_CHARS, lang: str = "zh") -> str:
    if _missing(value):
        return MISSING
    if isinstance(value, float):
        return escape(f"{value:g}")
    text = str(value)
    if clip is None or len(text) <= clip or isinstance(value, Safe):
        return tagged(value, lang)
    return (
        f'<details class="hz-clip"><summary>{tagged(text[:clip], lang)}… '
        f'<span class="hz-more">{escape(label("value.show_all", lang))}</span></summary>'
        f"{tagged(text, lang)}</details>"
    )


#: Cells this short (a verdict such as 数据不足, a kind, a percentage) never wrap: in a wide table the
#: browser otherwise squeezes their column to one Chinese character per line.
SHORT_CELL_CHARS = 8


def _is_short(value: Any) -> bool:
    return isinstance(value, str) and not isinstance(value, Safe) and len(value) <= SHORT_CELL_CHARS


def header_text(column: Any, lang: str) -> str:
    """A plain column key as readers see it (``latest`` → 最新值 or Latest); other names as they are."""
    key = f"col.{column}"
    return label(key, lang) if isinstance(column, str) and has_label(key) else str(column)


def table(
    frame: pd.DataFrame,
    link_columns: Sequence[str] = (),
    sortable: bool = False,
    index: bool = False,
    max_rows: int | None = None,
    caption: str | None = None,
    lang: str | None = None,
    clip: int | None = CLIP_CHARS,
    css_class: str = "",
) -> HTML:
    """A frame as an HTML table with every cell escaped; ``link_columns`` hold URLs shown via :func:`link`.

    ``lang`` is the page's language: plain column keys (``views`` frames) get their headers here in it, and
    cells in the other language are marked; without it the column names are shown as they are and the page
    is taken to be Chinese.
    Text longer than ``clip`` characters is folded into a ``<details>`` (``None``: never clip).
    ``sortable`` adds a small inline script that sorts by the clicked header (works offline).
    """
    header_lang = None if lang is None else check_lang(lang)
    lang = header_lang or "zh"
    unknown = [c for c in link_columns if c not in frame.columns]
    if unknown:
        raise ValueError(f"link_columns not in the table: {unknown}; columns are {list(frame.columns)}")
    if frame.empty:
        # A table of headers only reads as a rendering fault; say there is nothing to list.
        return HTML(f'<p class="hz-note">{escape(label("value.no_rows", lang))}</p>')
    shown = frame if max_rows is None else frame.head(max_rows)
    headers = ([escape(shown.index.name or "")] if index else []) + [
        escape(header_text(c, header_lang) if header_lang else str(c)) for c in shown.columns
    ]
    rows = []
    for row_label, row in zip(shown.index, shown.itertuples(index=False, name=None), strict=True):
        cells = [f"<th>{_cell(row_label)}</th>"] if index else []
        for column, value in zip(shown.columns, row, strict=True):
            if column in link_columns:
                inner = link(value) if not _missing(value) else MISSING
            else:
                inner = _cell(value, clip, lang)
            cells.append(f'<td class="hz-short">{inner}</td>' if _is_short(value) else f"<td>{inner}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    classes = " ".join(
        ["hz-table", *(["hz-sortable"] if sortable else []), *([css_class] if css_class else [])]
    )
    parts = [f'<table class="{classes}">']
    if caption:
        parts.append(f"<caption>{escape(caption)}</caption>")
    parts.append("<thead><tr>" + "".join(f"<th>{h}</th>" for h in headers) + "</tr></thead>")
    parts.append("<tbody>" + "".join(rows) + "</tbody></table>")
    if sortable:
        # The script must directly follow the table: it finds the table as its previous sibling.
        parts.append(_SORT_SCRIPT)
    if max_rows is not None and len(frame) > max_rows:
        parts.append(f'<p class="hz-note">{escape(f"… {len(frame) - max_rows} more rows")}</p>')
    return HTML("".join(parts))


_PLAIN_COLOURS = {"info": "#0969da", "warning": "#e3b341", "error": "#cf222e"}


def _kind_colour(kind: str) -> str:
    return VERDICT_COLOURS.get(kind) or _PLAIN_COLOURS.get(kind, "#b8bcc2")


def callout(html_or_text: str, kind: str = "info", lang: str = "zh") -> HTML:
    """A highlighted sentence (a verdict, a key finding); plain text is escaped, :class:`Safe` is kept.

    ``kind`` is a verdict code (``very_likely``, ``missed``, …) or ``info``/``warning``/``error``; it sets
    the colour of the bar beside the sentence.
    """
    kind = kind if isinstance(kind, str) and re.fullmatch(r"[a-z_]{1,40}", kind) else "info"
    return HTML(
        f'<div class="hz-callout hz-{kind}" style="border-left-color: {_kind_colour(kind)}">'
        f"{tagged(html_or_text, lang)}</div>"
    )


sentence = callout


def heading(text: str, level: int = 2, lang: str = "zh") -> HTML:
    """A heading built from data (a target's name), escaped, on a page in ``lang``."""
    level = min(max(int(level), 1), 6)
    return HTML(f"<h{level}>{tagged(text, lang)}</h{level}>")


def note(text: str, lang: str = "zh") -> HTML:
    """A muted note (for example, why a chart is absent) on a page in ``lang``."""
    return HTML(f'<p class="hz-note">{tagged(text, lang)}</p>')


def warnings(messages: Iterable[Message | Mapping[str, Any] | str], lang: str = "zh") -> HTML:
    """Model warnings collected during the fits, folded away instead of sprayed into the page, each said in
    ``lang`` (a warning is a code with its numbers; a plain string, e.g. from a researcher's own code, is
    shown as it is)."""
    texts = (m if isinstance(m, str) else message_text(m, lang) for m in messages if not _missing(m))
    items = [t for t in texts if t.strip()]
    if not items:
        return HTML("")
    title = label("value.model_warnings", lang, n=len(items))
    body = "".join(f"<li>{tagged(m, lang)}</li>" for m in items)
    return HTML(f'<details class="hz-warnings"><summary>{escape(title)}</summary><ul>{body}</ul></details>')


def print_summary(frame: pd.DataFrame, title: str, subtitle: str = "", lang: str = "zh") -> HTML:
    """A block shown only when the page is printed: a title, one compact table and the legend of the
    verdict words (one A4 page; the exported page's header adds the report date).

    On screen it is hidden; in print every other cell of the page is hidden (see the print stylesheet).
    """
    inner = table(frame, lang=lang, clip=None).data
    sub = f"<p>{escape(subtitle)}</p>" if subtitle else ""
    # The verdict words read alone on paper: say once what each means.
    legend = f'<p class="hz-legend">{escape(label("print.legend", lang))}</p>'
    return HTML(f'<div class="hz-print-only"><h1>{escape(title)}</h1>{sub}{inner}{legend}</div>')


def plan_words(
    plan: str | Path | Plan | None = None, lang: str = "zh", as_of: str | None = None
) -> dict[str, str]:
    """What the prose and titles say about a plan, in ``lang``: its title, deadline, region, actions, the
    checklist's period and, when the deadline is ahead of the as-of date, the years not yet due.

    ``plan`` None is the default plan, so a notebook that passes no plan reads as the 2024 plan's pages.
    """
    lang = check_lang(lang)
    selected = resolve_plan(plan)
    en = lang == "en"
    regions = load_regions()
    region_en = dict(zip(regions["id"], regions["name_en"], strict=True)).get(
        selected.region, selected.region
    )
    n_actions = sum(1 for number, _, _ in selected.actions if number != 0)
    actions = (
        label("value.actions", lang, n=number_word(n_actions, lang))
        if n_actions
        else label("value.actions_none", lang)
    )
    due = last_publishable_year(as_of)
    later = [year for year in grid_years(selected) if year > due]
    return {
        "plan_title": (selected.title_en or selected.title_zh) if en else selected.title_zh,
        "plan_title_zh": selected.title_zh,
        "issued": selected.issued.isoformat(),
        "deadline": str(selected.deadline),
        "region": region_en if en else selected.region,
        "actions": actions,
        "period": period_text(checklist_years(selected, as_of)),
        "not_yet_due": label("value.not_yet_due_legend", lang, years=period_text(later)) if later else "",
    }


def prose(
    key: str, lang: str = "zh", plan: str | Path | Plan | None = None, as_of: str | None = None
) -> Markdown:
    """One prose section of a notebook (a heading and its explanation) in the reader's language, naming
    the plan's title, deadline and region (see :func:`plan_words`)."""
    return Markdown(prose_text(key, lang, **plan_words(plan, lang, as_of)))


def mark_rendered_prose(page_html: str, lang: str) -> str:
    """An exported page with every run in the other language inside its rendered prose (the plan's Chinese
    title on an English page) wrapped in ``<span lang=…>``; code (commands) is left as it is.

    Done on the exported HTML, not in the Markdown: the exporter parses each inline HTML tag of Markdown
    alone and would close the span before its text."""
    check_lang(lang)

    def mark(block: re.Match[str]) -> str:
        parts, in_code = re.split(r"(<[^>]+>)", block.group(2)), 0
        for i, part in enumerate(parts):
            if part.startswith("<"):
                in_code += 1 if re.match(r"<code\b", part) else -1 if part.startswith("</code") else 0
            elif not in_code and part:
                # as text, so that a run never splits an entity (&lt;) and the text is escaped once
                parts[i] = tagged(html.unescape(part), lang)
        return block.group(1) + "".join(parts) + block.group(3)

    return _RENDERED_MARKDOWN.sub(mark, page_html)


#: A block of rendered Markdown in an exported page (the prose of ``display.prose``): no nested divs.
_RENDERED_MARKDOWN = re.compile(
    r'(<div class="[^"]*jp-RenderedMarkdown[^"]*"[^>]*>)((?:(?!</div>).)*)(</div>)', re.DOTALL
)


def plan_label(key: str, lang: str = "zh", plan: str | Path | Plan | None = None) -> str:
    """A catalogue label that names the plan (``print.title``), filled from :func:`plan_words`."""
    return label(key, lang, **plan_words(plan, lang))


def strip_outputs_hook(model: dict[str, Any], **kwargs: Any) -> None:
    """Jupyter pre-save hook: save notebooks without outputs or execution counts.

    The first output of every notebook is the 0.9 MB chart library (see :func:`setup`); the notebooks are
    committed without outputs, so ``make lab`` (``jupyter_lab_config.py``) strips them on every save, as
    nbstripout would. Reports are built by papermill, which does not go through this hook.
    """
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    for cell in model["content"].get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None


def show(*items: Any) -> None:
    """Display several helpers' results in one cell (a cell shows only its last expression otherwise)."""
    for item in items:
        _show(item)
