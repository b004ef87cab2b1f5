"""Running text as the extractor reads it: without the spaces, thousands separators and pinyin glosses a
text layer or a re-posted page puts into it (tables are read apart, with their spaces)."""

from __future__ import annotations

import re

# Spaces a text layer or a report's typesetting puts between characters and figures ("2022 年全区 R&D 经费占
# GDP 比重达 3.02%"): dropped in running text (never in table lines, whose cells spaces may keep apart).
_SPACE_BY_HAN_RE = re.compile(
    r"(?<=[\u4e00-\u9fff])[ \t\u3000]+(?=\S)|(?<=\S)[ \t\u3000]+(?=[\u4e00-\u9fff])"
)
# Thousands kept apart by a space, as yearbooks and PDF text layers print them ("1 745家", "14 687 人"): one
# number in running text. Only before a unit or a character, so two figures of a row stay two.
_SPACED_THOUSANDS_RE = re.compile(
    r"(?<![\d.,])(\d{1,3})[ \u00a0\u2009\u202f]"
    r"(?=\d{3}(?:[ \u00a0\u2009\u202f]\d{3})*(?:\.\d+)?\s*[\u4e00-\u9fff%])"
)
# The pinyin glosses some re-posted pages print after characters (連續(xù)4年, 發(fā)展): dropped in running
# text, so that the words around a figure read as written (names match with or without them).
_GLOSS_AFTER_HAN_RE = re.compile(
    r"(?<=[\u4e00-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)"
)


def running_text(line: str) -> str:
    """``line`` without spaces beside characters, spaces inside thousands and pinyin glosses."""
    running = _GLOSS_AFTER_HAN_RE.sub("", _SPACE_BY_HAN_RE.sub("", line))
    return _SPACED_THOUSANDS_RE.sub(r"\1", running)
