"""Candidate observations from the text of a bulletin, work report or year-end summary.

Every figure a sentence states for a catalogue indicator becomes one candidate row (region, indicator, year,
value in the indicator's unit, bound, the whole sentence as quote, and *why* it matched) for a person to
review. Nothing here is ever merged into the data: the reviewed file is passed with ``--data`` like any
other and validated by ``data check``.

How a sentence is read (the forms were studied in county and city bulletins, work reports and summaries):

1. The sentence is normalised one character for one (full-width digits and punctuation to ASCII, a few
   traditional characters of re-posted pages to simplified), so positions still point into the verbatim
   quote.
2. Indicator mentions are found by the synonyms in ``indicators.csv`` (longest first). Longer phrases of
   *other* statistics (新认定高新技术企业, 发明专利申请, 企业研发投入强度 ...) are matched too and own their
   numbers, so that those numbers are never given to a catalogue indicator. "X占Y比重" after a numerator
   (研发经费 / 高新技术产业产值) is the matching share.
3. Numbers with their multiplier (万, 亿) and unit are found; a number belongs to the nearest mention before
   it that has no value yet (or the mention right after it: "312家高新技术企业"), only if its unit converts
   to the indicator's unit. "分别" pairs lists in order.
4. Never a candidate: changes (同比增长12%, 提高0.3个百分点, 增加37家), ranks (第1位), targets and plans
   (力争, 计划, 目标, 到2025年 ahead of the data year ...), months or quarters of a year (1-5月, 上半年,
   12月当月, 截至6月; unless 全年 follows in the sentence), and numbers of another statistic: parts of the
   whole (上市/境内 firms, a development zone, 亿元以上的企业, the firms' part of a total), averages over
   units (…均值), ratios per person, a batch of additions (新增…; its 累计 total after it is the stock),
   additions over several years (三年净增).
5. Bounds, as the observation validator reads them: 超过/超/逾/余/多 → ``>``; 以上/突破/不低于 → ``>=``;
   不到/不足/低于 → ``<``; 以下/不超过 → ``<=``; 近/约/左右 → ``~`` (approximate: the reviewer
   decides whether it is a point or a bound; ``data check`` does not accept ``~`` as such, so nothing
   approximate slips in as a point value).
6. Year: the last year named in the sentence before the figure (2024年; 去年/今年/上年 counted from the
   document's date), else the year a sentence before it in the paragraph named, else the reference year:
   ``year=`` if given, else the year in the document's heading, minus one for a work report (a 政府工作报告
   dated 2026 reviews 2025, and its 过去一年 is 2025).
   Region: the last catalogue region named before the figure (全市/我市 = the city ``region`` is or lies
   in, by regions.csv; 全区/我区 = ``region``).
7. Beyond one sentence: a table flattened to lines of cells ("指标 | 2023年 | 2024年", a .docx table) is
   read cell by cell in its column's year, skipping growth, target and rank columns; a sentence naming no
   statistic takes the one named, without a figure, in the sentence before it (quote: both sentences).
   Chinese numerals with 十/百/千 before a unit (十二家, 三百家) are figures.
8. Running text is read without the spaces a text layer puts between characters and figures (2022 年) and
   without pinyin glosses (連續(xù)); each figure is kept once per document (a headline restating the body),
   and a bound is dropped when the document states the exact figure it bounds.

9. Whose figure it is is read from the subject of its clause, its sentence's head clause, or a heading or
   figure-less sentence before it (``scope``); a news lead's year, a from–to series' years and a plan
   period's end date figures beyond one sentence (``timeline``). Each row has a ``confidence``: "high", or
   "review: <reason>" where the reading is less certain (a review of several years, a year from a series
   named before, a statistic named only before, a part the sentence before opened on).

Modules: ``vocabulary`` (normalisation, synonyms, regions), ``numbers`` (numbers, units, bounds),
``spans`` (a mention), ``mentions`` (indicator mentions and which one owns a number), ``lists`` (lists of
names or values read in order), ``filters`` (what is never an observation), ``restated`` (each figure once),
``context`` (year and region), ``scope`` (whose figure), ``timeline`` (times beyond a sentence), ``tables``
(tables flattened to text), ``running`` (running text without a text layer's spaces), ``sentences`` (rows
from text), ``review`` (files in, review file out).
"""

from __future__ import annotations

from .context import heading_year
from .numbers import APPROXIMATE
from .review import (
    REVIEW_MESSAGES,
    candidate_counts,
    check_review_path,
    extract_files,
    review_summary,
    write_review,
)
from .sentences import EXTRACT_COLUMNS, extract_text
from .vocabulary import _catalogue, normalise

__all__ = [
    "APPROXIMATE",
    "EXTRACT_COLUMNS",
    "REVIEW_MESSAGES",
    "_catalogue",
    "candidate_counts",
    "check_review_path",
    "extract_files",
    "extract_text",
    "heading_year",
    "normalise",
    "review_summary",
    "write_review",
]
