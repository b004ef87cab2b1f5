"""Documents in, a review file out: candidates as observation rows with provenance, written for a person
to check, and what the terminal prints."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ..documents import document_title, fetch_document, is_url, read_document
from ..errors import InputError, ParameterError, Problem
from ..observations import OBSERVATION_COLUMNS, QUALITY_GRADES, load_indicators, load_regions
from .numbers import APPROXIMATE
from .sentences import extract_text


def extract_files(
    paths: Sequence[str | Path],
    *,
    region: str | None,
    year: int | None = None,
    title: str | None = None,
    url: str = "",
    published: str = "",
    quality: str,
) -> pd.DataFrame:
    """Candidates from documents, as observation rows (template columns) for review; ``note`` says why,
    opening with "review first (…)" for a doubtful row (``confidence`` is "high" or "review: <reason>").

    A path may be an ``http(s)://`` address: the page is fetched, its address is the ``source_url`` and the
    retrieval date is in ``note``. ``title`` defaults to the title the document gives itself (a web page's
    ``<title>``), else the file name; every other provenance column is what the caller gives. Raises
    :class:`InputError` for an unreadable document and :class:`ParameterError` for an unknown quality grade
    or region, or an address that cannot be fetched.
    """
    if quality not in QUALITY_GRADES:
        raise ParameterError(f"--quality must be one of {', '.join(QUALITY_GRADES)}; found {quality!r}")
    regions = set(load_regions()["id"])
    if region and region.translate(str.maketrans("（）", "()")) not in regions:
        raise ParameterError(
            f"--region must be a catalogue region ({'、'.join(sorted(regions))}); found {region!r}"
        )
    region = region.translate(str.maketrans("（）", "()")) if region else region
    problems: list[Problem] = []
    frames = []
    for path in paths:
        fetched = ""
        try:
            if is_url(path):
                page = fetch_document(str(path))
                text, own_title, address = page.text, page.title, page.url
                fetched = f"fetched {page.retrieved} from {page.url}; "
            else:
                text, address = read_document(path), url
                own_title = document_title(path)
        except InputError as error:
            problems.extend(error.problems)
            continue
        found = extract_text(text, region=region, year=year)
        found["source_title"] = title or own_title or _file_name(path)
        found["source_url"] = address
        found["published"] = published
        found["quality"] = quality
        # doubtful rows say so first ("review first: a part … was named in the sentence before"), so that a
        # researcher can sort or filter them ahead of the rest
        first = found["confidence"].map(lambda c: "" if c == "high" else f"review first ({c[8:]}); ")
        found["note"] = first + (fetched + "extracted, review before use: ") + found["why"]
        frames.append(found)
    if problems:
        raise InputError(problems)
    if not frames:
        return pd.DataFrame(columns=[*OBSERVATION_COLUMNS, "why", "confidence"])
    combined = pd.concat(frames, ignore_index=True)
    return combined[[*OBSERVATION_COLUMNS, "why", "confidence"]]


def _file_name(path: str | Path) -> str:
    return Path(path).name


REVIEW_SUFFIXES = (".xlsx", ".csv")


def write_review(frame: pd.DataFrame, out: str | Path, *, overwrite: bool = False) -> Path:
    """Write candidates as an observation file (.xlsx sheet ``observations`` or UTF-8 .csv) for review.

    The columns are the template's (the reason for each row is in ``note``), so ``data check`` reads the
    file like any other once a person has reviewed it. Written atomically; an existing file (perhaps
    already reviewed) is kept unless ``overwrite`` (``--force``).
    """
    import csv
    import io

    from ..fileio import atomic_write_bytes

    path = check_review_path(out, overwrite=overwrite)
    rows = [[_cell(frame.at[i, column]) for column in OBSERVATION_COLUMNS] for i in frame.index]
    if path.suffix.lower() == ".csv":
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(OBSERVATION_COLUMNS)
        writer.writerows(rows)
        # BOM: Excel on Chinese Windows shows UTF-8 without it as mojibake.
        return atomic_write_bytes(path, text.getvalue().encode("utf-8-sig"))
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "observations"  # the sheet the observation reader looks for first
    sheet.append(list(OBSERVATION_COLUMNS))
    for row in rows:
        sheet.append(row)
    for letter, width in zip("ABCDEFGHIJKL", (10, 26, 6, 10, 8, 6, 24, 24, 11, 60, 18, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return atomic_write_bytes(path, buffer.getvalue())


def check_review_path(out: str | Path, *, overwrite: bool = False) -> Path:
    """``out`` as a Path if a review file may be written there, else :class:`ParameterError` (exit 2)."""
    path = Path(out)
    if path.suffix.lower() not in REVIEW_SUFFIXES:
        raise ParameterError(f"--out must end in .xlsx or .csv; found {path.name!r}")
    if path.exists() and not overwrite:
        raise ParameterError(
            f"not overwriting {path}: it may hold your review already; choose another name or pass --force"
        )
    return path


def _cell(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if hasattr(value, "item"):  # numpy scalars to plain Python for openpyxl and csv
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)  # 300 firms, not 300.0
    return value


def candidate_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Candidates per indicator with the plan targets it measures (``targets`` column of indicators.csv)."""
    indicators = load_indicators().set_index("id")
    counts = frame.groupby("indicator", sort=True).size().rename("candidates").reset_index()
    counts["targets"] = [indicators.at[i, "targets"].replace(";", ", ") for i in counts["indicator"]]
    counts["name_zh"] = [indicators.at[i, "name_zh"] for i in counts["indicator"]]
    return counts


#: What ``data extract`` prints, in both languages (zh first).
REVIEW_MESSAGES: dict[str, dict[str, str]] = {
    "found": {
        "zh": "{n} 条候选数据，来自 {files} 个文件，写入 {out}",
        "en": "{n} candidates from {files} file(s) in {out}",
    },
    "none": {"zh": "未找到候选数据，未写入文件", "en": "no candidates found; nothing written"},
    "approximate": {
        "zh": "{n} 条为约数（bound 为 ~）：核对后改为 =、> 或 <，data check 才会接受",
        "en": "{n} approximate (bound ~): change to =, > or < after checking, or data check rejects them",
    },
    "no_year": {"zh": "{n} 条缺少年份：请填写 year", "en": "{n} without a year: fill in the year"},
    "no_region": {"zh": "{n} 条缺少地区：请填写 region", "en": "{n} without a region: fill in the region"},
    "next": {
        "zh": "请逐条核对（note 列说明匹配原因），然后运行：",
        "en": "review every row (note says why it matched), then run:",
    },
}


def review_summary(frame: pd.DataFrame, out: Path | None, *, files: int) -> list[str]:
    """What ``data extract`` prints: candidates per indicator and target, what to fix, what to run next."""

    def say(key: str, **values: object) -> str:
        return " / ".join(REVIEW_MESSAGES[key][lang].format(**values) for lang in ("zh", "en"))

    if frame.empty or out is None:
        return [say("none")]
    lines = [say("found", n=len(frame), files=files, out=out)]
    for row in candidate_counts(frame).itertuples():
        target = f"  (target {row.targets})" if row.targets else ""
        lines.append(f"  {row.indicator} {row.name_zh}: {row.candidates}{target}")
    for key, count in (
        ("approximate", int((frame["bound"] == APPROXIMATE).sum())),
        ("no_year", int(frame["year"].isna().sum())),
        ("no_region", int((frame["region"] == "").sum())),
    ):
        if count:
            lines.append(say(key, n=count))
    lines += [
        say("next"),
        f"  hzanalysis data check {out}",
        f"  hzanalysis assess --data {out}",
        f"  hzanalysis report --data {out}",
    ]
    return lines
