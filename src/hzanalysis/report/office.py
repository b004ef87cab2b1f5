"""The formats readers work in: a Word brief and an Excel workbook, rendered from a run's stored judgements.

A researcher pastes the scorecard into a 报告 in Word or WPS and keeps the figures in Excel; both open these
files. They are written into every run folder beside the HTML, in the run's language, from the same
:class:`~hzanalysis.report.store.Judgements` the pages render, so the three never disagree.

- ``brief.docx`` (one or two A4 pages): title, report date, data cut-off, the scorecard table (target, goal,
  latest figure, probability, verdict), one verdict sentence per target, the legend of the verdict words.
- ``workbook.xlsx``: the scorecard with probabilities as numbers (formatted as percentages) and verdicts;
  every observation used with its source, link, publication date and verbatim quote; the legend.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ReportError
from ..labels import HTML_LANG, has_label, label
from ..rules import (
    ABOUT_AS_LIKELY_AS_NOT,
    ACHIEVED,
    INSUFFICIENT_DATA,
    LIKELIHOOD_SCALE,
    LIKELY,
    MISSED,
    NOT_QUANTIFIABLE,
    UNLIKELY,
    VERY_LIKELY,
    VERY_UNLIKELY,
)

if TYPE_CHECKING:
    from .store import Judgements

BRIEF_FILE = "brief.docx"
WORKBOOK_FILE = "workbook.xlsx"


def _t(key: str, lang: str) -> str:
    return label(f"office.{key}", lang)


def legend_rows(lang: str) -> list[tuple[str, str]]:
    """(verdict word, meaning) for every verdict the scorecard can show, likelihood scale first."""
    bounds = [lower for lower, _ in LIKELIHOOD_SCALE]
    scale = [VERY_LIKELY, LIKELY, ABOUT_AS_LIKELY_AS_NOT, UNLIKELY, VERY_UNLIKELY]
    rows = []
    for i, verdict in enumerate(scale):
        upper = bounds[i - 1] if i > 0 else None
        lower = bounds[i] if i < len(bounds) else None
        if upper is None:
            meaning = f"P ≥ {lower:.0%}"
        elif lower is None:
            meaning = f"P < {upper:.0%}"
        else:
            meaning = f"{lower:.0%} ≤ P < {upper:.0%}"
        rows.append((verdict.text(lang), meaning))
    rows.append((label("verdict.outside_view", lang), label("meaning.outside_view", lang)))
    rows += [
        (v.text(lang), label(f"meaning.{v.code}", lang))
        for v in (ACHIEVED, MISSED, INSUFFICIENT_DATA, NOT_QUANTIFIABLE)
    ]
    return rows


def _facts(judged: Judgements, date: str, lang: str) -> list[tuple[str, str]]:
    parameters = judged.document.get("parameters", {})
    facts = [
        (_t("date", lang), date),
        (_t("as_of", lang), parameters.get("as_of") or _t("as_of_all", lang)),
    ]
    data = parameters.get("data") or []
    if data:
        facts.append((_t("own_data", lang), ", ".join(Path(p).name for p in data)))
    return facts


def _title(judged: Judgements, lang: str) -> str:
    from .export import run_titles

    return run_titles(judged.document.get("parameters", {}).get("plan"), lang)[0]


def write_brief(judged: Judgements, path: str | os.PathLike[str], *, date: str, lang: str = "zh") -> Path:
    """The Word brief of a run (see the module docstring); returns its path."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    from ..sentences import verdict_sentence
    from ..views import print_view

    scorecard = judged.scorecard()
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4, not python-docx's US Letter
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    normal = document.styles["Normal"]
    normal.font.size = Pt(9)
    normal.paragraph_format.space_after = Pt(1)  # two pages for 27 targets: no Word default spacing
    # East Asian text needs its own font slot, or Word falls back to a Latin font without Chinese glyphs.
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "SimSun")

    document.add_heading(_title(judged, lang), level=1)
    colon, separator = label("punct.colon", lang), label("office.facts_sep", lang)
    document.add_paragraph(separator.join(f"{k}{colon}{v}" for k, v in _facts(judged, date, lang)))

    document.add_heading(_t("scorecard", lang), level=2)
    view = print_view(scorecard, lang)
    table = document.add_table(rows=1, cols=len(view.columns))
    table.style = "Table Grid"
    for cell, column in zip(table.rows[0].cells, view.columns, strict=True):
        cell.text = label(f"col.{column}", lang)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in view.itertuples(index=False):
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = str(value)
    # The target's name needs the room (equal columns wrap it over three lines and push the brief to a
    # third page); widths in cm, 18 in all: the A4 page less its margins.
    for column, width in zip(table.columns, (6.6, 3.0, 3.6, 1.8, 3.0), strict=False):
        for cell in column.cells:
            cell.width = Cm(width)

    document.add_heading(_t("sentences", lang), level=2)
    for target_id in judged.target_ids:
        try:
            assessment = judged.one(target_id)
        except ReportError:
            continue  # a judgement that failed has no sentence; the pages show its error
        document.add_paragraph(verdict_sentence(assessment, lang), style="List Bullet")

    document.add_heading(_t("legend", lang), level=2)
    legend = document.add_table(rows=0, cols=2)
    legend.style = "Table Grid"
    for word, meaning in legend_rows(lang):
        cells = legend.add_row().cells
        cells[0].text, cells[1].text = word, meaning
    document.add_paragraph(_t("footer", lang))
    document.core_properties.title = _title(judged, lang)
    document.core_properties.language = HTML_LANG[lang]  # the same language tags as the pages
    path = Path(path)
    document.save(str(path))
    return path


def _observation_columns(lang: str) -> list[tuple[str, str]]:
    return [
        ("region", _t("region", lang)),
        ("indicator", _t("indicator", lang)),
        ("year", label("col.year", lang)),
        ("value", label("col.value", lang)),
        ("unit", _t("unit", lang)),
        ("bound", _t("bound", lang)),
        ("source_title", label("col.source", lang)),
        ("source_url", label("col.link", lang)),
        ("published", label("col.published", lang)),
        ("quote", label("col.quote", lang)),
        ("quality", label("col.quality", lang)),
        ("note", label("col.note", lang)),
    ]


def _observation_value(key: str, value: Any, lang: str) -> Any:
    """A cell of the observations sheet: the quality grade in the reader's words, the rest as stored."""
    if key == "quality" and isinstance(value, str) and has_label(f"quality.{value}"):
        return label(f"quality.{value}", lang)
    return value


def _cell(value: Any) -> Any:
    """A value openpyxl writes as itself: NaN and None become empty cells, dates stay dates."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, (dt.date, int, float, str)):
        return value
    try:
        return value.item()  # numpy scalar
    except AttributeError:
        return str(value)


def _sheet(
    workbook: Any, title: str, header: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[int]
) -> Any:
    from openpyxl.styles import Font

    sheet = workbook.create_sheet(title)
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(v) for v in row])
    sheet.freeze_panes = "A2"
    for i, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + i)].width = width
    return sheet


def write_workbook(judged: Judgements, path: str | os.PathLike[str], *, date: str, lang: str = "zh") -> Path:
    """The Excel workbook of a run (see the module docstring); returns its path."""
    from openpyxl import Workbook

    from ..views import scorecard_view

    scorecard = judged.scorecard()
    view = scorecard_view(scorecard, lang)
    workbook = Workbook()
    workbook.remove(workbook.active)

    header = [
        _t("target_id", lang),
        label("col.action", lang),
        label("col.target", lang),
        label("col.goal", lang),
        label("col.latest", lang),
        label("col.source", lang),
        _t("probability_number", lang),
        label("col.verdict", lang),
        _t("verdict_code", lang),
        label("col.eurostat", lang),
        label("col.missing", lang),
    ]
    rows = [
        [
            r.target_id,
            v.action,
            v.target,
            v.goal,
            v.latest,
            v.source,
            r.probability,
            v.verdict,
            r.verdict_code,
            v.eurostat,
            v.missing,
        ]
        for r, v in zip(scorecard.itertuples(index=False), view.itertuples(index=False), strict=True)
    ]
    sheet = _sheet(
        workbook, _t("scorecard", lang), header, rows, [26, 18, 30, 18, 18, 40, 12, 18, 20, 14, 40]
    )
    for (cell,) in sheet.iter_rows(min_row=2, min_col=7, max_col=7):
        cell.number_format = "0%"

    observations = judged.observations
    names = _observation_columns(lang)
    present = [(key, text) for key, text in names if key in observations.columns]
    obs_rows = [
        [_observation_value(key, row[key], lang) for key, _ in present] for _, row in observations.iterrows()
    ]
    sheet = _sheet(
        workbook,
        _t("observations", lang),
        [text for _, text in present],
        obs_rows,
        [12, 22, 8, 10, 8, 6, 40, 40, 12, 60, 16, 40],
    )
    for (cell,) in sheet.iter_rows(min_row=2, min_col=9, max_col=9):
        cell.number_format = "yyyy-mm-dd"

    about = [*_facts(judged, date, lang), ("", ""), (_t("legend", lang), "")]
    about += legend_rows(lang)
    _sheet(workbook, _t("about", lang), [_title(judged, lang), ""], about, [30, 80])
    path = Path(path)
    workbook.save(str(path))
    return path


def write_office(
    judged: Judgements, folder: str | os.PathLike[str], *, date: str, lang: str = "zh"
) -> list[Path]:
    """Write ``brief.docx`` and ``workbook.xlsx`` into ``folder``; returns their paths."""
    folder = Path(folder)
    return [
        write_brief(judged, folder / BRIEF_FILE, date=date, lang=lang),
        write_workbook(judged, folder / WORKBOOK_FILE, date=date, lang=lang),
    ]
