"""Numbers with their multiplier (万, 亿) and unit, converted to an indicator's unit, and the bound words
around them (超过/突破/不到/近 ...)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from .timeline import years_of_listed_values

#: The review marker for 近/约/左右: not a bound the validator accepts, so a person must decide.
APPROXIMATE = "~"

_NUMBER_RE = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?P<cn>[一二三四五六七八九])(?=成)"
    # 十二家, 三百家, 十亿元: a Chinese numeral with 十/百/千, counted only before a unit of a count or an
    # amount (so 十四五 and 一季度 are never numbers)
    r"|(?P<cnnum>[一二两三四五六七八九零]?(?:[十百千][一二两三四五六七八九零]?)+)"
    r"(?=(?:余|多)?(?:万亿|亿|万)?(?:元|家|件|个|项|套|所|座|处|户|名|人|万平方米|平方米)"
    # "突破千亿(大关)" without 元: an amount of 亿 alone, ending the words it is in
    r"|(?:万亿|亿)(?:大关|[^\u4e00-\u9fff]|$)))"
    r"\s*(?P<approx>余|多)?"
    r"(?P<mult>万亿|千亿|亿|千万|万|千)?"
    r"(?P<unit>个百分点|百分点|万平方米|平方米|㎡|%|‰|元|家|件|个|项|套|所|座|处|人|倍|成|年|月|日|号|位|名|次|批|户)?"
)
_CN_DIGITS = {c: i + 1 for i, c in enumerate("一二三四五六七八九")} | {"两": 2, "零": 0}
_CN_PLACES = {"十": 10, "百": 100, "千": 1000}
_MULTIPLIERS = {
    "": Decimal(1),
    "千": Decimal(1000),
    "千万": Decimal(10**7),
    "千亿": Decimal(10**11),
    "万": Decimal(10**4),
    "亿": Decimal(10**8),
    "万亿": Decimal(10**12),
}
_ENTITY_UNITS = frozenset("家个所座处户")
_COUNT_UNITS = frozenset("家个所座处户件项套名")

_APPROX_BEFORE_RE = re.compile(r"(近|接近|将近|约|大约|约为|约占)(?:占[^\d]{0,3}(?:为|达到?|是)?)?$")
_OVER_BEFORE_RE = re.compile(r"(超过|超出|超|逾|多于|高于|大于)(了)?$")
# 首破/破 (break through) read as 突破 is; 打破 (a record broken) is no bound
_AT_LEAST_BEFORE_RE = re.compile(r"(突破|首破|(?<![打突])破|不低于|不少于)(了)?$")
_UNDER_BEFORE_RE = re.compile(r"(不到|不足|低于|少于|未达到|未达)$")
_AT_MOST_BEFORE_RE = re.compile(r"(不超过|不高于|不多于)$")


@dataclass(frozen=True)
class _Number:
    start: int
    end: int
    value: Decimal
    multiplier: str
    unit: str
    approx_suffix: str


def chinese_numeral(text: str) -> int:
    """The value of a Chinese numeral below ten thousand: 十二 → 12, 三百 → 300, 一千零五 → 1005."""
    total, digit = 0, 0
    for char in text:
        if char in _CN_PLACES:
            total += (digit or 1) * _CN_PLACES[char]
            digit = 0
        else:
            digit = _CN_DIGITS[char]
    return total + digit


def _numbers(norm: str) -> Iterable[_Number]:
    for match in _NUMBER_RE.finditer(norm):
        if match.group("cn"):
            value = Decimal(_CN_DIGITS[match.group("cn")])
        elif match.group("cnnum"):
            value = Decimal(chinese_numeral(match.group("cnnum")))
        else:
            value = Decimal(match.group("num").replace(",", ""))
        start, end = match.span()
        if start > 0 and (norm[start - 1].isdigit() or norm[start - 1] == "."):
            continue
        # a bulletin's footnote marker after a name ("生产总值(GDP)[2]91.3亿元"): no figure
        if start > 0 and norm[start - 1] == "[" and norm[end : end + 1] == "]" and value < 100:
            continue
        yield _Number(
            start,
            end,
            value,
            match.group("mult") or "",
            match.group("unit") or "",
            match.group("approx") or "",
        )


def _convert(number: _Number, unit: str) -> tuple[float, str] | None:
    """The number in ``unit`` and a note on the conversion, or None when its unit is another kind."""
    amount = number.value * _MULTIPLIERS[number.multiplier]
    written = f"{number.multiplier}{number.unit}"
    factor: Decimal | None = None
    if unit == "%":
        if number.unit == "%" and not number.multiplier:
            factor = Decimal(1)
        elif number.unit == "成" and not number.multiplier:
            factor = Decimal(10)
    elif unit == "亿元":
        if number.unit == "元" or (number.unit == "" and number.multiplier in ("亿", "千亿", "万亿")):
            factor = Decimal(1) / _MULTIPLIERS["亿"]
    elif unit == "万平方米":
        if number.unit in ("平方米", "㎡"):
            factor = Decimal(1) / _MULTIPLIERS["万"]
        elif number.unit == "万平方米":
            amount, factor = number.value, Decimal(1)
    elif unit == "万人":
        if number.unit == "人":
            factor = Decimal(1) / _MULTIPLIERS["万"]
    elif unit == "件/万人":
        if number.unit == "件" and not number.multiplier:
            factor = Decimal(1)
    elif unit in _ENTITY_UNITS:
        if number.unit in _ENTITY_UNITS:
            factor = Decimal(1)
    elif (unit in _COUNT_UNITS and number.unit == unit) or (unit == "件" and number.unit == "项"):
        factor = Decimal(1)
    if factor is None:
        return None
    value = float(amount * factor)
    note = "" if written == unit else f"{number.value.normalize():f}{written} → {value:g} {unit}"
    return value, note


def _bound(norm: str, number: _Number, name_end: int, name_start: int | None = None) -> tuple[str, str]:
    """The bound the words around ``number`` give it (searched after the statistic's name, ``name_end``;
    before a share's name opening on 占, ``name_start``: "研发经费支出约占GDP的2.56%")."""
    before = norm[max(name_end, number.start - 6) : number.start].rstrip(" ")
    if name_start is not None and norm.startswith("占", name_start) and number.start >= name_start:
        before = norm[max(0, name_start - 2) : name_start] + "占" + before  # (约占GDP比重为2.5%)
    after = norm[number.end : number.end + 3]
    if number.approx_suffix:
        return ">", f"{number.approx_suffix} → > (more than)"
    if after.startswith(("左右", "上下")):
        return APPROXIMATE, f"{after[:2]} → ~ approximate: decide = or a bound before use"
    if after.startswith("以上"):
        return ">=", "以上 → >= (at least)"
    if after.startswith("以下"):
        return "<=", "以下 → <= (at most)"
    for pattern, bound, meaning in (
        (_AT_MOST_BEFORE_RE, "<=", "at most"),
        (_AT_LEAST_BEFORE_RE, ">=", "at least"),
        (_UNDER_BEFORE_RE, "<", "less than"),
        (_OVER_BEFORE_RE, ">", "more than"),
    ):
        match = pattern.search(before)
        if match:
            return bound, f"{match.group(1)} → {bound} ({meaning})"
    match = _APPROX_BEFORE_RE.search(before)
    if match:
        return APPROXIMATE, f"{match.group(1)} → ~ approximate: decide = or a bound before use"
    return "=", ""


def _significant(value: float) -> int:
    digits = f"{abs(value):.10g}".replace(".", "").lstrip("0")
    return len(digits.rstrip("0")) if "." not in f"{abs(value):.10g}" else len(digits)


def rounds_to(precise: float, rounded: float) -> bool:
    """Whether ``rounded``, written with at most three significant digits and fewer than ``precise``, is
    ``precise`` rounded to them."""
    places = _significant(rounded)
    return (
        0 < places <= 3
        and places < _significant(precise)
        and float(f"{precise:.{places}g}") == rounded
        and precise != rounded
    )


def with_list_units(norm: str, numbers: list[_Number], mentions: Sequence[Any]) -> list[_Number]:
    """The values of a 分别 list over a range of years written bare before the last one's unit
    (2015-2018年…分别29.92、29.64、33.57、30.75亿元), each with that unit; and an intensity written
    without its % (投入强度2.36，), in percent."""
    at = {number.start: i for i, number in enumerate(numbers)}
    for i, number in enumerate(numbers):
        # "R&D经费投入强度2.36，首次进入…": an intensity written without its % (a share of GDP in percent)
        if (
            number.unit == number.multiplier == ""
            and re.search(r"强度\s*(为|达到|达|是)?\s*$", norm[: number.start])
            and re.fullmatch(r"\d\.\d{1,2}", norm[number.start : number.end].strip())
            and re.match(r"\s*([,;。]|$)", norm[number.end :])
        ):
            numbers[i] = replace(number, unit="%")
    for mention in mentions:
        starts = sorted(years_of_listed_values(norm, mention.end))
        if not starts or any(start not in at for start in starts):
            continue
        listed = [at[start] for start in starts]
        last = numbers[listed[-1]]
        for i in listed[:-1]:
            if numbers[i].unit == "" and numbers[i].multiplier == "":
                numbers[i] = replace(numbers[i], unit=last.unit, multiplier=last.multiplier)
    return numbers
