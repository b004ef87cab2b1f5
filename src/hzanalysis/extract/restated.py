"""Each figure once per document: a headline or lede restating the body, a figure restated rounded, a bound
beside the exact figure it stands for. Split from ``sentences`` by meaning: this reads the rows of the whole
document, not a sentence."""

from __future__ import annotations

import re

from .numbers import rounds_to


def _once(rows: list[dict]) -> list[dict]:
    """Each figure once per document: a headline restates the body ("全省高新技术企业5115家" over a paragraph
    saying it again), so a figure already found is dropped, and so is a bound when the document states the
    exact figure it bounds ("…成交金额超214亿元" over "成交金额214.4亿元")."""

    def key(row: dict) -> tuple:
        return row["region"], row["indicator"], row["year"]

    exact: dict[tuple, list[float]] = {}
    for row in rows:
        if row["bound"] == "=":
            exact.setdefault(key(row), []).append(row["value"])
    body = [row for row in rows if not row.get("headline")]
    restated = [id(row) for row in rows if row.get("headline") and _restated(row, body)]
    kept, seen = [], set()
    for row in rows:
        figure = (*key(row), row["value"], row["bound"])
        if figure in seen or id(row) in restated:
            continue
        if _DEFAULT_YEAR_NOTE in row["why"] and any(
            id(other) not in restated
            and _DEFAULT_YEAR_NOTE not in other["why"]
            and (other["region"], other["indicator"], other["value"], other["bound"])
            == (row["region"], row["indicator"], row["value"], row["bound"])
            for other in rows
        ):
            # a lede or title restating a figure the text dates ("…达11808家" over "截至2018年底…11808家")
            continue
        if row["bound"] == "=" and any(rounds_to(value, row["value"]) for value in exact.get(key(row), [])):
            continue  # "经费支出1.4万亿" beside "14169.9亿元": the same figure, rounded
        seen.add(figure)
        if row["bound"] != "=" and any(
            _within(value, row["value"], row["bound"]) for value in exact.get(key(row), [])
        ):
            continue
        kept.append(row)
    return kept


def _is_headline(line: str) -> bool:
    """A document's first line that is a title: short, without closing punctuation."""
    line = line.strip()
    return 0 < len(line) <= 60 and not line.endswith(("。", "；", "！", "？", ";", ".", "!", "?"))


_DEFAULT_YEAR_NOTE = "from the heading or --year"


def _restated(row: dict, body: list[dict]) -> bool:
    """Whether a headline's figure, dated by no year of its own ("某区每万人口发明专利拥有量38.2件" over
    "截至2024年底…38.2件"), restates a figure of the body: the same statistic and region with the same
    value, or the exact value its bound stands for ("突破1200家" over "…入库1236家"), whatever year the body
    names."""
    # (a title's 去年/今年 counts from when the page was written, which --year may not be: "去年全市研发投入达
    # 1055亿元" over "2023年…研发投入达到1055亿元" restates the body as well)
    if _DEFAULT_YEAR_NOTE not in row["why"] and not re.search(r"(去年|今年|上年|本年) → ", row["why"]):
        return False
    for other in body:
        if (other["region"], other["indicator"]) != (row["region"], row["indicator"]):
            continue
        if other["value"] == row["value"] and other["bound"] == row["bound"]:
            return True
        if other["bound"] == row["bound"] == "=" and rounds_to(other["value"], row["value"]):
            return True  # "…达7.5亿元" over "…7.48亿元": the body's figure, rounded
        bounded = row["bound"] != "=" and other["bound"] == "="
        if bounded and _within(other["value"], row["value"], row["bound"]):
            return True
    return False


def _within(value: float, limit: float, bound: str) -> bool:
    """Whether an exact ``value`` is the figure a bound on ``limit`` stands for (on its side, within 20%)."""
    if not limit or abs(value - limit) > 0.2 * abs(limit):
        return False
    return {">": value > limit, ">=": value >= limit, "<": value < limit, "<=": value <= limit}.get(
        bound, True
    )
