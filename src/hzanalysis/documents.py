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

from .errors import InputError, ParameterError, Problem

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
SUPPORTED_SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, ".pdf", ".docx", ".xlsx", ".csv")

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
    return join_wrapped_lines(regroup_table_cells(text))


# A PDF's text layer often holds a table one cell per line: a header ("指标", "单位", "2024年", "增长%")
# then each row's cells. Cells of a header and of a value row:
_TABLE_LABEL_RE = re.compile(r"^(指标|项目|指标名称|项目名称|名称|类别|主要指标|地区)$")
_COLUMN_TITLE_RE = re.compile(
    r"^(\d{4}\s*年?(末|底|度)?|(计量)?单位|本年|上年|本期|上年同期|去年同期|今年"
    r"|(比上年|同比|较上年)?(增长|增减|增速|增幅)(率)?[(（]?(%|％)?[)）]?|.{0,8}[(（](%|％)[)）])$"
)
_VALUE_CELL_RE = re.compile(r"^([-+]?[\d,]+(\.\d+)?\s*(%|％|万|亿|万元|亿元|家|件|个|项)?|[-—–/])$")


def regroup_table_cells(text: str) -> str:
    """Lines of a table read one cell per line (a PDF's text layer, a table copied from one), put back as
    rows with " | " between cells (as a .docx table row), so that every value keeps its row's name and its
    column's year. Other lines are returned as they are (blank lines dropped)."""
    lines = _regroup_closed_cells([line.strip() for line in text.splitlines() if line.strip()])
    lines = _regroup_transposed(lines)
    lines = _regroup_spaced_rows(lines)
    out: list[str] = []
    i = 0
    while i < len(lines):
        width, titles = _table_header(lines, i)
        if width < 3:
            out.append(lines[i])
            i += 1
            continue
        header = lines[i : i + titles]
        if titles < width:  # no label cell above the names (an empty cell is not in the text layer)
            header = ["指标", *header]
        rows, j = [], i + titles
        while j + width <= len(lines):
            cells = lines[j : j + width]
            name_ok = not _VALUE_CELL_RE.match(cells[0]) and len(cells[0]) <= 30
            values = [c for title, c in zip(header[1:], cells[1:], strict=True) if "单位" not in title]
            if not (name_ok and values and all(_VALUE_CELL_RE.match(c) for c in values)):
                break
            rows.append(" | ".join(cells))
            j += width
        if not rows:
            out.append(lines[i])
            i += 1
            continue
        out += [" | ".join(header), *rows]
        i = j
    return "\n".join(out)


# A yearbook table saved one cell per line with each cell closed by "|" ("2002 |", "1287.6 |", "|" for an
# empty cell), as web copies of statistical yearbooks hold them: a run of year cells is the header, then each
# row is a name cell and one value cell per year. A name may wrap onto a line of its own before its cell
# ("科技活动人员" / "(万人) |"), or onto the next row whose value cells are all empty ("…相当于 | 1.07 | … |
# 国内生产总值比例 (%) | | …"). English glosses after a name are dropped; a row starting with 占 is the share
# of the row above ("R&D 经费支出(亿元)" then "占国内生产总值的比重 (%)"); "#" and 其中 rows are parts of the
# row above and are left out.
_CLOSED_CELL_RE = re.compile(r"^(?P<cell>[^|｜]*?)\s*[|｜]$")
_YEAR_TITLE_RE = re.compile(r"^\d{4}\s*年?(末|底|度)?$")
_NUMBER_CELL_RE = re.compile(r"^[-+]?[\d,]+(\.\d+)?$")
_ENGLISH_GLOSS_RE = re.compile(r"\s+[A-Za-z][A-Za-z0-9 ().,&%/'*-]*$")
_PART_ROW_RE = re.compile(r"^(#|＃|其中[:：]?)")


def _clean_row_name(name: str) -> str:
    """A row name without an English gloss after it, spaces inside its unit bracket, or label spacing."""
    name = _ENGLISH_GLOSS_RE.sub("", name).strip()
    name = re.sub(r"\s*[(（]\s*([^()（）]*?)\s*[)）]", r"(\1)", name)
    return name


def _regroup_closed_cells(lines: list[str]) -> list[str]:
    """Tables of "cell |" lines (see above) rewritten as " | " rows under a "指标 | years" header; other lines
    unchanged."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        years = _closed_year_run(lines, i)
        if len(years) < 2:
            out.append(lines[i])
            i += 1
            continue
        rows, end = _closed_rows(lines, i + len(years), len(years))
        if not rows:
            out.append(lines[i])
            i += 1
            continue
        out += [" | ".join(["指标", *years]), *rows]
        i = end
    return out


def _closed_year_run(lines: list[str], i: int) -> list[str]:
    """The year cells of a header starting at line ``i``: distinct, increasing and plausible years (a run of
    four-digit values under a row's name is data)."""
    years: list[str] = []
    for line in lines[i:]:
        match = _CLOSED_CELL_RE.match(line)
        if not match or not _YEAR_TITLE_RE.match(match["cell"]):
            break
        year = int(match["cell"][:4])
        if not 1949 <= year <= 2100 or (years and year <= int(years[-1][:4])):
            break
        years.append(match["cell"])
    return years


def _closed_rows(lines: list[str], i: int, width: int) -> tuple[list[str], int]:
    """The rows of a closed-cell table from line ``i`` and the line after its end."""
    rows: list[tuple[str, list[str]]] = []
    while i < len(lines):
        match = _CLOSED_CELL_RE.match(lines[i])
        name, step = (match["cell"], 1) if match else ("", 0)
        if not match:  # a name wrapped onto a line of its own before its cell
            follow = _CLOSED_CELL_RE.match(lines[i + 1]) if i + 1 < len(lines) else None
            if follow is None or _NUMBER_CELL_RE.match(lines[i]) or len(lines[i]) > 30:
                break
            name, step = lines[i] + follow["cell"], 2
        if not name:
            i += step  # an empty separator row
            continue
        if _NUMBER_CELL_RE.match(name):
            break
        cells = []
        for line in lines[i + step : i + step + width]:
            cell = _CLOSED_CELL_RE.match(line)
            if cell is None or not (cell["cell"] == "" or _NUMBER_CELL_RE.match(cell["cell"])):
                break
            cells.append(cell["cell"])
        if len(cells) < width:
            break
        i += step + width
        if not any(cells):
            if rows:  # the rest of the row name above
                rows[-1] = (rows[-1][0] + name, rows[-1][1])
            continue
        rows.append((name, cells))
    named = []
    for name, cells in rows:
        name = _clean_row_name(name)
        if name.startswith("占") and named:
            above = re.sub(r"\([^()]*\)$", "", named[-1][0])
            name = above + name
        named.append((name, cells))
    return [" | ".join([n, *c]) for n, c in named if not _PART_ROW_RE.match(n)], i


# A table pasted or extracted the other way round: the statistics' names first, one per line, then for each
# year the year and one value per name ("全社会研发经费" / "研发人员" / "2015年" / "1.42万亿元" / "376万人" /
# "2020年" / …). Rewritten as rows of the names under a header of the years.
_TRANSPOSED_VALUE_RE = re.compile(r"^(第\s*)?[-+]?[\d,]+(\.\d+)?\S{0,8}$")


def _regroup_transposed(lines: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        names = []
        j = i
        while j < len(lines) and _transposed_name(lines[j]):
            names.append(lines[j])
            j += 1
        width = len(names)
        groups = []
        while width >= 2 and j + width < len(lines) + 0 and _YEAR_TITLE_RE.match(lines[j]):
            values = lines[j + 1 : j + 1 + width]
            if len(values) < width or not all(_TRANSPOSED_VALUE_RE.match(v) for v in values):
                break
            groups.append((lines[j], values))
            j += 1 + width
        if not groups:
            out.append(lines[i])
            i += 1
            continue
        out.append(" | ".join(["指标", *(year for year, _ in groups)]))
        out += [" | ".join([name, *(values[k] for _, values in groups)]) for k, name in enumerate(names)]
        i = j
    return out


# A table whose cells a PDF's text layer (or a fixed-width page) keeps apart by spaces only: a header of
# years ("指标 2022年 2023年 2024年", "项目 Item 2020 2021") then rows of a name, an optional unit and one
# number per year ("研发经费支出(万元) 21000 23500 26100", "技术合同成交额 亿元 3.2 4.1 5.0"). Rewritten as
# " | " rows; a row with another count of numbers, or any other line, ends the table.
_SPACED_HEADER_RE = re.compile(
    r"^(?P<label>[^\d\s|｜][^|｜]*?\s+)?(?P<years>\d{4}\s*年?(?:\s+\d{4}\s*年?)+)$"
)
_SPACED_ROW_RE = re.compile(
    r"^(?P<name>[^\d\s|｜][^|｜]*?)(?:\s+(?P<unit>[^\s\d|｜()（）]{1,4}|[(（][^()（）]{1,8}[)）]))?"
    r"(?P<values>(?:\s+[-+]?[\d,]+(?:\.\d+)?)+)$"
)


def _regroup_spaced_rows(lines: list[str]) -> list[str]:
    out: list[str] = []
    years: list[str] = []
    for line in lines:
        header = _SPACED_HEADER_RE.match(line)
        found = [int(y[:4]) for y in re.findall(r"\d{4}", header["years"])] if header else []
        label = (header["label"] or "").strip() if header else ""
        if (
            header
            and not re.search(r"[，。；,;:：]", line)
            and all(1949 <= y <= 2100 for y in found)
            and found == sorted(set(found))
            # a label such as 指标/项目 (an English gloss may follow), not a statistic's name with a unit
            and not re.search(r"[(（]|[家件个项元%]$", label)
        ):
            years = re.findall(r"\d{4}\s*年?", header["years"])
            out.append(" | ".join(["指标", *years]))
            continue
        row = _SPACED_ROW_RE.match(line) if years else None
        values = row["values"].split() if row else []
        if row and len(values) == len(years) and not re.search(r"[，。；;:：]", row["name"]):
            name = _clean_row_name(row["name"])
            unit = row["unit"] or ""
            if unit and not unit.startswith(("(", "（")):
                unit = f"({unit})"
            out.append(" | ".join([name + unit, *values]))
            continue
        years = []
        out.append(line)
    return out


def _transposed_name(line: str) -> bool:
    return (
        len(line) <= 20
        and not _YEAR_TITLE_RE.match(line)
        and not _TRANSPOSED_VALUE_RE.match(line)
        and not re.search(r"[。；;，,:：|｜]", line)
    )


def _table_header(lines: list[str], i: int) -> tuple[int, int]:
    """(columns, header lines) of a one-cell-per-line table header starting at line ``i``; (0, 0) if none."""
    labelled = bool(_TABLE_LABEL_RE.match(lines[i]))
    start = i + 1 if labelled else i
    end = start
    while end < len(lines) and _COLUMN_TITLE_RE.match(lines[end]):
        end += 1
    titles = end - start
    # a header needs a year column; without a label cell, at least two titles
    years = any(re.match(r"\d{4}", line) for line in lines[start:end])
    if not years or titles < (1 if labelled else 2):
        return 0, 0
    return titles + 1, titles + (1 if labelled else 0)


_NUMBERED_HEADING_RE = re.compile(
    r"^\s*([一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d{1,2}[.、](?!\d))"
)


# A line ending in three or more figures kept apart by spaces: a row of a table typeset without rules.
_FIGURES_ROW_RE = re.compile(r"(?<![\d.,])\d[\d.,]*(?:[ \u3000]+\d[\d.,]*){2,}$")


def join_wrapped_lines(text: str) -> str:
    """Lines cut inside a sentence (a PDF's text layer) joined back; table rows and short lines kept."""
    out: list[str] = []
    for line in (line.strip() for line in text.splitlines()):
        if not line:
            continue
        previous = out[-1] if out else ""
        if " | " in previous or " | " in line:
            out.append(line)  # table rows are whole lines
        elif _FIGURES_ROW_RE.search(previous) or _FIGURES_ROW_RE.search(line):
            out.append(line)  # so are a yearbook's rows of figures kept apart by spaces (…企业 290 95 43)
        elif _NUMBERED_HEADING_RE.match(previous) or _NUMBERED_HEADING_RE.match(line):
            out.append(line)  # a numbered heading (一、…计划执行情况) is a line of its own
        elif previous and len(previous) >= _WRAPPED_LINE_CHARS and not previous.endswith(_CLOSING):
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
