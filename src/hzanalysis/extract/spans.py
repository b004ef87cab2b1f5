"""A mention of a statistic in a sentence: where it is, which catalogue indicator it names (None: another
statistic), and what the reading of its numbers has used up. Below ``mentions`` and ``lists``, which both read
it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class _Mention:
    start: int
    end: int
    indicator: str | None  # None: another statistic, which owns the numbers that follow it
    phrase: str
    taken: bool = False
    bounded: bool = False  # its last value was a bound (突破800亿元)
    regions: list[str] = field(default_factory=list)  # "灌南县、灌云县…分别为88家、95家": one per value
    values: int = 0
    stock: str | None = None  # for the year's additions to a stock (新增…, 净增…): that stock
    respectively: list[_Mention] = field(default_factory=list)
    # "A、B<statistic>提高到39.8%和47.5%": the spans of the values listed for the subjects in order, and
    # which of them is this mention's own
    listed: tuple[list[tuple[int, int]], int] | None = None
