"""The one sentence a leader could quote about a judgement, in Chinese or English, built above the judgement
from its codes and numbers (status, verdict, probability, latest figure)."""

from __future__ import annotations

import pandas as pd

from .assessment import STATUS_TEXT, Assessment, english_holder, format_value, years_en
from .labels import check_lang, fmt_value
from .observations import load_regions


def verdict_sentence(a: Assessment, lang: str = "zh") -> str:
    """One sentence a leader could quote, with the numbers it rests on (``lang`` "zh" or "en")."""
    check_lang(lang)
    t = a.target
    latest = a.latest
    unit = str(latest["unit"]) if latest is not None else t.unit  # the indicator's unit, not the target's
    if lang == "en":
        return _verdict_sentence_en(a, latest, unit)
    if t.kind == "rank":
        target_text = "第一（居各县区首位）" if t.comparator == "first" else f"前{t.value:g}位"
    else:
        target_text = format_value(t.value, t.unit) if t.value is not None else ""
    if a.status == "qualitative":
        return f"“{t.name_zh}”为定性目标，只列示、不评分。"
    if a.status in ("achieved", "missed"):
        return f"根据已公布数据，“{t.name_zh}”（目标{target_text}）{STATUS_TEXT[a.status][0]}。"
    if a.status == "forecast":
        return (
            f"按目前已公布的数据，“{t.name_zh}”到{t.deadline}年达到{target_text}的概率约为"
            f"{a.probability:.0%}（{a.verdict.zh}）；最新值为{format_value(latest['value'], unit)}"
            f"（{int(latest['year'])}年）。"
        )
    return f"“{t.name_zh}”：数据不足。{a.missing_zh}。"


def _verdict_sentence_en(a: Assessment, latest: pd.Series | None, unit: str | None) -> str:
    t = a.target
    if t.kind == "rank":
        target_text = (
            "first place among the county-level units" if t.comparator == "first" else f"top {t.value:g}"
        )
    else:
        target_text = fmt_value(t.value, t.unit, lang="en") if t.value is not None else ""
    if a.status == "qualitative":
        return f"“{t.name_en}” is a qualitative aim: it is listed, not scored."
    if a.status in ("achieved", "missed"):
        return f"“{t.name_en}” ({target_text}) was {a.status} according to the observed figures."
    if a.status == "forecast":
        return (
            f"On the data published so far, it is {a.verdict.en} (probability {a.probability:.0%}) that "
            f"“{t.name_en}” reaches {target_text} by {t.deadline}; latest figure "
            f"{fmt_value(latest['value'], unit, lang='en')} ({int(latest['year'])})."
        )
    if a.status in ("no_data", "single_point") and a.needed_years:
        # The English sentence names the holder in English (the Chinese name follows in brackets).
        what = "no public observation" if a.status == "no_data" else "one observation only, so no trend"
        holder = english_holder(t.indicator)
        holder_text = f"{holder} ({a.holder_zh})" if holder and a.holder_zh else (a.holder_zh or "its holder")
        return (
            f"“{t.name_en}”: insufficient data. {what.capitalize()}; figures for {years_en(a.needed_years)} "
            f"are needed (held by {holder_text})."
        )
    detail = english_region_names(a.missing_en) if a.status == "peers_missing" else a.missing_en
    return f"“{t.name_en}”: insufficient data. {detail[:1].upper()}{detail[1:]}."


def english_region_names(text: str) -> str:
    """A "missing: 海州区, 连云区" list in an English sentence: English names, the Chinese in brackets."""
    regions = load_regions()
    names = dict(zip(regions["id"], regions["name_en"], strict=True))
    parts = (
        [part.strip() for part in text.split("missing: ", 1)[-1].split(",")] if "missing: " in text else []
    )
    if not parts or not all(p in names for p in parts):
        return text
    head = text.split("missing: ", 1)[0]
    return head + "missing: " + ", ".join(f"{names[p]} ({p})" for p in parts)
