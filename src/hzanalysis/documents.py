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
from pathlib import Path

from .errors import InputError, Problem

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
SUPPORTED_SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, ".pdf", ".docx")

#: A PDF whose pages give fewer visible characters than this is taken for a scan (no text layer).
MIN_PDF_TEXT_CHARS = 20
#: A PDF line at least this long that ends without closing punctuation is a wrapped line: join it.
_WRAPPED_LINE_CHARS = 18

_SENTENCE_END = "。！？；!?;"
_SENTENCE_RE = re.compile(rf"[^{_SENTENCE_END}\n]*(?:[{_SENTENCE_END}]+[”’」』)）]*|\n|$)")
_CLOSING = tuple("。！？；：:!?;”’」』)）")
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
    """The text of a document: .txt/.md, saved .html/.htm (UTF-8 or GBK/GB18030), .pdf with text, .docx.

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
            else ("save the document as one of these, or copy its text into a .txt file")
        )
        raise _problem(path, f"a document of type {', '.join(SUPPORTED_SUFFIXES)}", found, fix)
    if not path.is_file():
        raise _problem(path, "an existing file", "no such file", "check the path (relative to this folder)")
    if suffix == ".pdf":
        return _read_pdf(path)
    if suffix == ".docx":
        return _read_docx(path)
    raw = path.read_bytes()
    if suffix in HTML_SUFFIXES:
        return _html_text(_decode(path, raw, html=True))
    return _decode(path, raw, html=False).replace("\r\n", "\n").replace("\r", "\n")


def _decode(path: Path, raw: bytes, *, html: bool) -> str:
    """UTF-8 (with or without BOM) first, then the encoding a page declares, then GB18030 (a GBK superset)."""
    candidates = ["utf-8-sig"]
    if html:
        declared = re.search(rb"""charset\s*=\s*["']?([A-Za-z0-9_-]+)""", raw[:4096])
        if declared:
            candidates.append(declared.group(1).decode("ascii").lower())
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


def _html_text(markup: str) -> str:
    from bs4 import BeautifulSoup  # imported here: only web-page users pay for it

    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(_FURNITURE_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed or tag.name in ("html", "body"):
            continue
        marks = " ".join([tag.get("id") or "", *(tag.get("class") or [])])
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
    candidates = [
        tag
        for tag in body.find_all(True)
        if _ARTICLE_RE.search(" ".join([tag.get("id") or "", *(tag.get("class") or [])]))
    ]
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
    return _join_wrapped_lines(text)


def _join_wrapped_lines(text: str) -> str:
    out: list[str] = []
    for line in (line.strip() for line in text.splitlines()):
        if not line:
            continue
        previous = out[-1] if out else ""
        if previous and len(previous) >= _WRAPPED_LINE_CHARS and not previous.endswith(_CLOSING):
            out[-1] = previous + line
        else:
            out.append(line)
    return "\n".join(out)


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


def split_sentences(text: str) -> list[str]:
    """Chinese sentences, verbatim: cut after 。！？；(and ! ? ;) and at line breaks; blanks dropped.

    Closing quotes and brackets stay with the sentence they close. Decimal points never cut.
    """
    sentences = (match.group(0).strip() for match in _SENTENCE_RE.finditer(text))
    return [s for s in sentences if s]
