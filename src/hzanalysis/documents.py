"""Reading the documents researchers receive (bulletins, work reports, summaries) as plain text.

:func:`read_document` turns a text file, a saved web page, a PDF with a text layer or a Word .docx into
the article's text; :func:`split_sentences` cuts it into verbatim Chinese sentences. Both are pure of any
indicator knowledge, so the extractor (:mod:`hzanalysis.extract`) and the plan drafter share them.

Why these choices:

- Chinese government files come as UTF-8 or GBK/GB18030; a page that decodes as neither is an error, never
  silently "replaced" characters that would then be quoted as if verbatim.
- A saved page carries menus, breadcrumbs, share bars and footers full of numbers (hit counts, phone
  numbers, dates). They are dropped; the element holding the most text (the article) is kept.
- A scanned PDF has no text layer: it is an error with a fix (OCR), never an empty result that would read
  as "no figures in this bulletin".
- PDF text breaks lines inside sentences; wrapped lines are joined so that a sentence stays one quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError, ParameterError, Problem
from .text_layout import join_wrapped_lines, regroup_table_cells

if TYPE_CHECKING:
    from bs4 import Tag

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
SUPPORTED_SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, ".pdf", ".docx", ".xlsx", ".csv")

#: A PDF whose pages give fewer visible characters than this is taken for a scan (no text layer).
MIN_PDF_TEXT_CHARS = 20

_SENTENCE_END = "。！？；!?;"
_SENTENCE_RE = re.compile(rf"[^{_SENTENCE_END}\n]*(?:[{_SENTENCE_END}]+[”’」』)）]*|\n|$)")
# Tags that never hold article text, and class/id words of page furniture on Chinese government sites.
_FURNITURE_TAGS = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "select",
)
_FURNITURE_RE = re.compile(
    r"nav|menu|breadcrumb|crumb|footer|header|sidebar|share|banner|topbar|toolbar|login|search|weizhi|dqwz",
    re.IGNORECASE,
)
_ARTICLE_RE = re.compile(r"article|content|TRS_Editor|zoom|main|detail|text|zw", re.IGNORECASE)
_BLOCK_TAGS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "td")


def _problem(path: Path, expected: str, found: str, fix: str) -> InputError:
    return InputError(Problem(file=str(path), row="", column="", expected=expected, found=found, fix=fix))


def read_document(path: str | Path) -> str:
    """The text of a document: .txt/.md, saved .html/.htm (UTF-8 or GBK/GB18030), .pdf with text, .docx,
    .xlsx or .csv (a bureau's table: every row a line, cells kept apart as in a Word table).

    Navigation and page furniture of web pages are dropped; wrapped PDF lines are joined. Raises
    :class:`InputError` (exit 2) for a missing or unreadable file, an unknown suffix or a scanned PDF.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        found = f"a {suffix!r} file" if suffix else "a file without a suffix"
        fix = (
            "save it as .docx, .pdf, .html or .txt"
            if suffix in (".doc", ".wps", ".rtf")
            else "open it in Excel/WPS and save it as .xlsx"
            if suffix in (".xls", ".et")
            else ("save the document as one of these, or copy its text into a .txt file")
        )
        raise _problem(path, f"a document of type {', '.join(SUPPORTED_SUFFIXES)}", found, fix)
    if not path.is_file():
        raise _problem(path, "an existing file", "no such file", "check the path (relative to this folder)")
    if suffix == ".pdf":
        return _read_pdf(path)
    if suffix == ".docx":
        return _read_docx(path)
    if suffix == ".xlsx":
        return _read_xlsx(path)
    raw = path.read_bytes()
    if suffix in HTML_SUFFIXES:
        return _html_text(_decode(path, raw, html=True))
    if suffix == ".csv":
        return _csv_text(_decode(path, raw, html=False))
    return _decode(path, raw, html=False).replace("\r\n", "\n").replace("\r", "\n")


def document_title(path: str | Path) -> str:
    """The title a document gives itself: a web page's ``<title>``, a .docx's or PDF's title property;
    "" when it has none (the caller then uses the file name)."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix in HTML_SUFFIXES:
            return _page_title(_decode(path, path.read_bytes(), html=True))
        if suffix == ".docx":
            import docx

            return (docx.Document(str(path)).core_properties.title or "").strip()
        if suffix == ".xlsx":
            return _workbook_title(path)
        if suffix == ".pdf":
            from pypdf import PdfReader

            metadata = PdfReader(path).metadata
            return ((metadata.title if metadata else None) or "").strip()
    except Exception:  # the text was read already; a title is a convenience, never a reason to fail
        return ""
    return ""


def _page_title(markup: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    return soup.title.get_text(" ", strip=True) if soup.title else ""


@dataclass(frozen=True)
class FetchedDocument:
    """A page read from the web: its text, its ``<title>``, the address and the retrieval date."""

    text: str
    title: str
    url: str
    retrieved: str  # YYYY-MM-DD, UTC


#: Seconds to connect and to wait between bytes; a government site that is slower is better saved by hand.
FETCH_TIMEOUT = (10.0, 30.0)
_FETCH_LIMIT = 50 * 2**20  # a bulletin is well under this; anything larger is not a page to read


def is_url(text: str | Path) -> bool:
    """Whether ``text`` is an http(s) address rather than a file name."""
    return bool(re.match(r"https?://", str(text), re.IGNORECASE))


def fetch_document(url: str, *, timeout: tuple[float, float] = FETCH_TIMEOUT) -> FetchedDocument:
    """Fetch ``url`` (an HTML page or a PDF) and read it as :func:`read_document` reads a saved file.

    The page's encoding is the one it declares (HTTP header, then ``<meta charset>``), GBK pages included.
    Raises :class:`ParameterError` with one line (what failed and what to do) when the address cannot be
    fetched (offline, refused, timed out, HTTP error) and :class:`InputError` when what it returns is not
    a readable document.
    """
    import datetime as dt
    import tempfile

    import requests

    try:
        response = requests.get(
            url, timeout=timeout, stream=True, headers={"User-Agent": "hzanalysis (data extract)"}
        )
        response.raise_for_status()
        raw = response.raw.read(_FETCH_LIMIT + 1, decode_content=True)
    except requests.RequestException as exc:
        raise ParameterError(
            f"cannot fetch {url}: {_fetch_reason(exc)}; check the address and the connection, or save the "
            "page in a browser and pass the file instead"
        ) from exc
    retrieved = dt.datetime.now(dt.UTC).date().isoformat()
    kind = response.headers.get("Content-Type", "").lower()
    if kind.startswith("application/pdf") or raw[:5] == b"%PDF-":
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "page.pdf"
            path.write_bytes(raw)
            try:
                return FetchedDocument(_read_pdf(path), document_title(path), url, retrieved)
            except InputError as error:
                raise InputError([replace(p, file=url) for p in error.problems]) from error
    declared = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", kind)
    markup = _decode(Path(url), raw, html=True, declared=declared.group(1) if declared else None)
    if "html" not in kind and not re.search(rb"<html|<body|<p[ >]|<div", raw[:65536], re.IGNORECASE):
        text = markup.replace("\r\n", "\n").replace("\r", "\n")  # a plain-text file on a server
        return FetchedDocument(text, "", url, retrieved)
    return FetchedDocument(_html_text(markup), _page_title(markup), url, retrieved)


def _fetch_reason(exc: Exception) -> str:
    import requests

    if isinstance(exc, requests.HTTPError) and exc.response is not None:
        return f"the server answered HTTP {exc.response.status_code} {exc.response.reason or ''}".strip()
    if isinstance(exc, requests.Timeout):
        return "no answer in time (timed out)"
    if isinstance(exc, requests.ConnectionError):
        return "no connection (offline, or the server refused or is unreachable)"
    return f"{type(exc).__name__}: {exc}"


def _decode(path: Path, raw: bytes, *, html: bool, declared: str | None = None) -> str:
    """UTF-8 (with or without BOM) first, then the encoding a page declares, then GB18030 (a GBK superset)."""
    candidates = ["utf-8-sig"]
    if declared:  # the HTTP header's charset
        candidates.append(declared.lower())
    if html:
        meta = re.search(rb"""charset\s*=\s*["']?([A-Za-z0-9_-]+)""", raw[:4096])
        if meta:
            candidates.append(meta.group(1).decode("ascii").lower())
    candidates.append("gb18030")
    for encoding in candidates:
        if encoding in ("gbk", "gb2312", "gb_2312-80", "x-gbk"):
            encoding = "gb18030"  # a superset: pages declaring GB2312 often use GBK-only characters
        try:
            return raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise _problem(
        path,
        "text in UTF-8 or GBK/GB18030",
        "bytes that decode as neither",
        "open the file in a browser or editor and save it again as UTF-8",
    )


def _marks(tag: Tag) -> str:
    """A tag's id and classes as one string ("content article-body"), as page templates name their parts."""
    ident = tag.get("id")
    classes = tag.get("class")
    # bs4 gives an attribute as a string, or as a list of words for class (and for id in some builders)
    ident_words = [ident] if isinstance(ident, str) else list(ident or [])
    class_words = [classes] if isinstance(classes, str) else list(classes or [])
    return " ".join([" ".join(ident_words), *class_words])


def _html_text(markup: str) -> str:
    from bs4 import BeautifulSoup  # imported here: only web-page users pay for it

    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(_FURNITURE_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed or tag.name in ("html", "body"):
            continue
        marks = _marks(tag)
        if marks.strip() and _FURNITURE_RE.search(marks) and not _ARTICLE_RE.search(marks):
            tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    if soup.title:
        soup.title.decompose()
    _flatten_data_rows(soup)
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    body = soup.body or soup
    candidates = [tag for tag in body.find_all(True) if _ARTICLE_RE.search(_marks(tag))]
    article = max(candidates, key=lambda tag: len(tag.get_text(strip=True)), default=None)
    whole = body.get_text()
    # A marked article must hold most of the page's text; otherwise the marking is not the article.
    if article is None or len(article.get_text(strip=True)) < 0.3 * len(re.sub(r"\s", "", whole)):
        text = whole
    else:
        heading = [
            h.get_text(" ", strip=True)
            for h in body.find_all(["h1", "h2"])
            if h not in article.parents and article not in h.parents  # outside the article only
        ]
        text = "\n".join([*heading[:1], article.get_text()])
    lines = [re.sub(r"[ \t\u3000\xa0]+", " ", line).strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if title and not any(title in line or line in title for line in lines[:3]):
        lines.insert(0, title)
    return "\n".join(lines)


def _flatten_data_rows(soup) -> None:
    """Each row of a data table becomes one line with " | " between its cells (as a .docx table row), so
    the extractor can tell the columns apart. Layout tables (rows holding a nested table or long text, as
    old government sites use for the whole page) are left alone."""
    for row in soup.find_all("tr"):
        cells = row.find_all(["td", "th"], recursive=False)
        texts = [cell.get_text(" ", strip=True) for cell in cells]
        if len(cells) < 2 or row.find("table") or any(len(text) > _DATA_CELL_CHARS for text in texts):
            continue
        row.replace_with(soup.new_string("\n" + " | ".join(texts) + "\n"))


_DATA_CELL_CHARS = 40  # a data cell holds a name, a unit or a figure, never a paragraph


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader  # imported here: only PDF users pay for it
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise _problem(
            path,
            "a readable PDF",
            f"a file pypdf cannot read ({type(exc).__name__}: {exc})",
            "open it and print/save it again as PDF, or copy its text into a .txt file",
        ) from exc
    text = "\n".join(pages)
    if len(re.sub(r"\s", "", text)) < MIN_PDF_TEXT_CHARS:
        raise _problem(
            path,
            "a PDF with a text layer",
            f"{len(pages)} page(s) without text (a scanned image)",
            "run OCR on it first (e.g. `ocrmypdf --language chi_sim in.pdf out.pdf`), "
            "or copy the text from the publisher's web page into a .txt file",
        )
    return join_wrapped_lines(regroup_table_cells(text))


def _read_docx(path: Path) -> str:
    import zipfile

    import docx  # imported here: only Word users pay for it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise _problem(
            path,
            "a Word .docx document",
            f"a file that cannot be opened as .docx ({type(exc).__name__})",
            "open it in Word/WPS and save it again as .docx",
        ) from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            # one line per row, cells kept apart by " | " (the extractor reads columns from it); a merged
            # cell is repeated by python-docx for every grid column it spans, so it is kept once
            cells: list = []
            for cell in row.cells:
                if not any(cell._tc is kept._tc for kept in cells):
                    cells.append(cell)
            lines.append(" | ".join(cell.text.strip() for cell in cells))
    return "\n".join(line.strip() for line in lines if line.strip())


def _read_xlsx(path: Path) -> str:
    """Every sheet of a workbook as lines: a sheet's name (often its title), then one line per row.

    Cells are kept apart by " | " as in a Word table, so a bureau's table with years as columns is read
    like the same table in a .docx; a number keeps the digits Excel shows, not a float's (2.3, not
    2.2999999999999998); empty rows and trailing empty cells are dropped.
    """
    import zipfile

    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise _problem(
            path,
            "an Excel .xlsx workbook",
            f"a file that cannot be opened as .xlsx ({type(exc).__name__})",
            "open it in Excel/WPS and save it again as .xlsx",
        ) from exc
    lines: list[str] = []
    try:
        for sheet in workbook.worksheets:
            lines.append(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                line = _table_line([_cell_text(value) for value in row])
                if line:
                    lines.append(line)
    finally:
        workbook.close()
    return "\n".join(lines)


def _csv_text(text: str) -> str:
    """A CSV table (comma, semicolon or tab separated) as one line per row, cells kept apart by " | "."""
    import csv
    import io

    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:  # one column, or nothing to tell the separator by
        dialect = csv.excel
    rows = csv.reader(io.StringIO(text.lstrip("\ufeff")), dialect)
    return "\n".join(line for row in rows if (line := _table_line([cell.strip() for cell in row])))


def _table_line(cells: list[str]) -> str:
    """A table row as one line, cells kept apart by " | " as in a Word table; trailing empty cells dropped
    ("" for an empty row)."""
    while cells and not cells[-1]:
        cells.pop()
    return " | ".join(cells)


def _workbook_title(path: Path) -> str:
    """A workbook's title property, else its first sheet's title row (a first row of one text cell)."""
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        if workbook.properties.title:
            return workbook.properties.title.strip()
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            cells = [_cell_text(value) for value in row if _cell_text(value)]
            if cells:
                return cells[0] if len(cells) == 1 and isinstance(row[0], str) else ""
        return ""
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.12g}"  # what Excel shows, not the binary float's tail
    return str(value).strip()


def split_sentences(text: str) -> list[str]:
    """Chinese sentences, verbatim: cut after 。！？；(and ! ? ;) and at line breaks; blanks dropped.

    Closing quotes and brackets stay with the sentence they close. Decimal points never cut.
    """
    sentences = (match.group(0).strip() for match in _SENTENCE_RE.finditer(text))
    return [s for s in sentences if s]
