"""Templates for a researcher's own figures: CSV, README and an Excel workbook with an explanation sheet."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from ..errors import ParameterError
from ..fileio import atomic_write_bytes, atomic_write_text
from .catalogue import load_indicators, load_regions
from .schema import (
    BOUND_DESCRIPTIONS,
    BOUNDS,
    DEFAULT_PUBLICATION_LAG_YEARS,
    EXAMPLE_NOTE,
    HELP_SHEET,
    QUALITY_DESCRIPTIONS,
    QUALITY_GRADES,
    SHEET_NAME,
    SUPERSEDES_COLUMN,
    TEMPLATE_COLUMNS,
    column_requirement,
)


def _example_row() -> dict[str, str]:
    return {
        "region": "海州区",
        "indicator": "hte_count",
        "year": "2025",
        "value": "123",
        "unit": "家",
        "bound": "=",
        "source_title": "示例：海州区科技局2025年工作总结",
        "source_url": "",
        "published": "2026-01-31",
        "quote": "示例：有效高新技术企业达123家",
        "quality": "official_media",
        "note": EXAMPLE_NOTE,
        SUPERSEDES_COLUMN: "",
    }


_COLUMN_HELP: dict[str, tuple[str, str]] = {
    "region": (
        "地区id，须与 regions.csv 一致；不同口径是不同地区",
        "region id from regions.csv; scopes never mixed",
    ),
    "indicator": (
        "指标id，见 indicators.csv 及下表；也可写该表所列的中文名称或同义词（如 高新技术企业数）",
        "indicator id from indicators.csv (table below), or its Chinese name or a synonym listed there",
    ),
    "year": (
        "数据年份（单个整数年份，如2024；不写月份或区间）",
        "data year, a single integer (no months or ranges)",
    ),
    "value": ("数值，只写数字（3.75 表示 3.75%）", "the bare number (3.75 for 3.75%)"),
    "unit": ("单位，须与指标单位完全一致（见下表）", "unit, exactly the indicator's unit (table below)"),
    "bound": (
        "= 点值（空白即=）；>= 以上/突破；> 超过；<= 不超过；< 近/不足",
        "= point (default); >=, >, <=, < bounds",
    ),
    "source_title": ("来源标题（与来源网址至少填一项）", "source title (this or the URL is required)"),
    "source_url": ("来源网址", "source URL"),
    "published": (
        "发布日期 YYYY-MM-DD、YYYY-MM 或 YYYY；空白则按次年12月31日计；"
        "不早于数据年份12月31日（预计数在备注写“预计”）",
        f"publication date; empty means 31 Dec of year+{DEFAULT_PUBLICATION_LAG_YEARS}; not before 31 Dec of "
        "the data year unless the note says 预计 (preliminary)",
    ),
    "quote": ("原文引语（逐字）", "verbatim quote containing the figure"),
    "quality": (
        "来源等级：" + "；".join(f"{k} = {v}" for k, v in QUALITY_DESCRIPTIONS.items()),
        "quality grade: " + ", ".join(QUALITY_GRADES),
    ),
    "note": ("备注：预计数、口径、推断等", "caveats: preliminary, scope, inferred year..."),
    SUPERSEDES_COLUMN: (
        "替换：仅当您的另一个文件对同一地区、指标、年份和bound给出了不同数值，而本行是更新/更正的数字时填写："
        "填“是”，或被替换的数值（如298），或被替换的文件名及行号（如 科技局2025.xlsx 第7行）；"
        "其他情况留空。本行替换公开数据无需填写",
        "only when another of your files gives the same region, indicator, year and bound a different value "
        "and this row is the newer or corrected figure: yes, or the value it replaces (e.g. 298), or that "
        "file's name and row (e.g. bureau2025.xlsx row 7); else empty. Replacing the public data needs "
        "nothing",
    ),
}


def _readme_text(indicators: pd.DataFrame, regions: pd.DataFrame) -> str:
    lines = [
        "# 观测数据模板 / observations template",
        "",
        "Fill in `observations_template.csv` (UTF-8; GBK is also read) or `observations_template.xlsx`",
        "(sheet `observations`), one figure per row, then pass the file to hzanalysis",
        "(`hzanalysis data check FILE`, or `hz.load_observations([FILE])` in a notebook).",
        "Your rows override the public ones for the same region, indicator, year and bound.",
        "Two of your own files that give one figure different values are an error, unless the newer row",
        "says in its `supersedes` column what it replaces (`yes`, the replaced value, or the other file's",
        "name and row); the order of the files never decides.",
        "A bureau's own sheet may keep its Chinese headers",
        "(地区, 指标, 年份, 数值, 单位, 资料来源, 质量, 备注 ...).",
        "",
        f"The first data row is an example (note `{EXAMPLE_NOTE}`): replace it with a real figure",
        "or delete it; a file that still contains it is rejected.",
        "",
        "## Columns",
        "",
        "| column | 说明 | meaning | column required 必须有此列 |",
        "|---|---|---|---|",
    ]
    for col in TEMPLATE_COLUMNS:
        zh, en = _COLUMN_HELP[col]
        lines.append(f"| {col} | {zh} | {en} | {column_requirement(col)} |")
    lines += ["", "## Indicators and units", "", "| indicator | 名称 | unit | domain |", "|---|---|---|---|"]
    for r in indicators.itertuples(index=False):
        lines.append(f"| {r.id} | {r.name_zh} | {r.unit} | {r.domain} |")
    lines += [
        "",
        "Domains: share = percent strictly between 0 and 100; count = whole number >= 0;",
        "amount = positive; level = >= 0. A value of 1e9 or more, infinity or a spreadsheet error is",
        "rejected; a figure far from the region's own history or from every province's range is a warning.",
        "",
        "## Regions",
        "",
    ]
    lines += [f"- {r.id} ({r.name_en})" for r in regions.itertuples(index=False)]
    return "\n".join(lines) + "\n"


def write_templates(out_dir: str | Path, *, overwrite: bool = False) -> list[Path]:
    """Write ``observations_template.csv``, its ``.README.md`` and ``observations_template.xlsx``.

    The files hold the observation columns and one example row (rejected on reading until replaced); the
    workbook has a second sheet ``说明`` explaining each column, the allowed values and the unit of every
    indicator. Existing files are not overwritten unless ``overwrite=True`` (else :class:`ParameterError`).
    """
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    folder = Path(out_dir)
    csv_path = folder / "observations_template.csv"
    readme_path = folder / "observations_template.README.md"
    xlsx_path = folder / "observations_template.xlsx"
    targets = [csv_path, readme_path, xlsx_path]
    existing = [p for p in targets if p.exists()]
    if existing and not overwrite:
        raise ParameterError(
            f"not overwriting existing file(s): {', '.join(str(p) for p in existing)}; "
            "choose another folder, or pass --force (overwrite=True in Python) to replace them"
        )
    folder.mkdir(parents=True, exist_ok=True)
    indicators, regions = load_indicators(), load_regions()
    example = _example_row()

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(TEMPLATE_COLUMNS)
    writer.writerow([example[c] for c in TEMPLATE_COLUMNS])
    # BOM: Excel on Chinese Windows shows UTF-8 without it as mojibake.
    atomic_write_bytes(csv_path, buffer.getvalue().encode("utf-8-sig"))
    atomic_write_text(readme_path, _readme_text(indicators, regions))

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET_NAME
    ws.append(list(TEMPLATE_COLUMNS))
    ws.append(
        [
            int(example["year"]) if c == "year" else float(example["value"]) if c == "value" else example[c]
            for c in TEMPLATE_COLUMNS
        ]
    )
    for cell in ws[1]:
        cell.font = Font(bold=True)
    widths = (14, 26, 8, 10, 10, 7, 36, 36, 12, 36, 20, 30, 24)
    for letter, width in zip("ABCDEFGHIJKLM", widths, strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    # Typed as text so Excel does not turn 2025-04 into a date nor take a typed '=' for a formula.
    for row in range(2, 1001):
        for col in ("bound", "published", SUPERSEDES_COLUMN):
            ws.cell(row=row, column=TEMPLATE_COLUMNS.index(col) + 1).number_format = "@"

    help_ws = wb.create_sheet(HELP_SHEET)
    help_ws.append(["column 列", "说明", "meaning", "required 必填"])
    for col in TEMPLATE_COLUMNS:
        help_ws.append([col, *_COLUMN_HELP[col], column_requirement(col)])
    help_ws.append([])
    help_ws.append(["bound", "含义", "meaning"])
    for b, text in BOUND_DESCRIPTIONS.items():
        help_ws.append([b, *text.split(" ", 1)])
    help_ws.append([])
    help_ws.append(["quality", "含义 / meaning"])
    for q, text in QUALITY_DESCRIPTIONS.items():
        help_ws.append([q, text])
    help_ws.append([])
    help_ws.append(["region 地区", "name_en", "level"])
    for r in regions.itertuples(index=False):
        help_ws.append([r.id, r.name_en, r.level])
    help_ws.append([])
    first_indicator_row = help_ws.max_row + 2
    help_ws.append(["indicator 指标", "名称", "unit 单位", "domain"])
    for r in indicators.itertuples(index=False):
        help_ws.append([r.id, r.name_zh, r.unit, r.domain])
    last_indicator_row = help_ws.max_row
    for letter, width in zip("ABCD", (30, 50, 50, 12), strict=True):
        help_ws.column_dimensions[letter].width = width
    for cell in help_ws[1]:
        cell.font = Font(bold=True)

    # Drop-down lists; they guide typing but the loader still validates every value.
    col_letter = {c: "ABCDEFGHIJKLM"[i] for i, c in enumerate(TEMPLATE_COLUMNS)}
    lists = {
        "region": '"' + ",".join(regions["id"]) + '"',
        "bound": '"' + ",".join(BOUNDS) + '"',
        "quality": '"' + ",".join(QUALITY_GRADES) + '"',
        "indicator": f"'{HELP_SHEET}'!$A${first_indicator_row}:$A${last_indicator_row}",
    }
    for col, formula in lists.items():
        dv = DataValidation(type="list", formula1=formula, allow_blank=True)
        dv.add(f"{col_letter[col]}2:{col_letter[col]}1000")
        ws.add_data_validation(dv)

    workbook_bytes = io.BytesIO()
    wb.save(workbook_bytes)
    atomic_write_bytes(xlsx_path, workbook_bytes.getvalue())
    return targets
