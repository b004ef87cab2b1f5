"""The one sentence a leader could quote about a judgement, in Chinese or English, built above the judgement
from its codes and numbers (status, verdict, probability, latest figure)."""

from __future__ import annotations

from .assessment import Assessment, english_holder, years_en
from .labels import check_lang, fmt_value, label


def verdict_sentence(a: Assessment, lang: str = "zh") -> str:
    """One sentence a leader could quote, with the numbers it rests on (``lang`` "zh" or "en")."""
    check_lang(lang)
    t = a.target
    latest = a.latest
    unit = str(latest["unit"]) if latest is not None else t.unit  # the indicator's unit, not the target's
    name = t.name_en if lang == "en" else t.name_zh
    if t.kind == "rank":
        target_text = (
            label("sentence.rank_first", lang)
            if t.comparator == "first"
            else label("sentence.rank_top", lang, n=f"{t.value:g}")
        )
    else:
        target_text = fmt_value(t.value, t.unit, lang=lang) if t.value is not None else ""
    if a.status == "qualitative":
        return label("sentence.qualitative", lang, name=name)
    if a.status in ("achieved", "missed"):
        status = label(f"status.{a.status}", lang)
        return label("sentence.settled", lang, name=name, target=target_text, status=status)
    if a.status == "forecast":
        assert a.verdict is not None and latest is not None, "a forecast rests on a figure and has a verdict"
        verdict = a.verdict.en if lang == "en" else a.verdict.zh
        return label(
            "sentence.forecast",
            lang,
            name=name,
            deadline=t.deadline,
            target=target_text,
            probability=f"{a.probability:.0%}",
            verdict=verdict,
            latest=fmt_value(latest["value"], unit, lang=lang),
            year=int(latest["year"]),
        )
    if lang == "en" and a.status in ("no_data", "single_point") and a.needed_years:
        # The English sentence names the holder in English (the Chinese name follows in brackets); the
        # Chinese one says what is missing through the judgement's own message.
        what = "no public observation" if a.status == "no_data" else "one observation only, so no trend"
        holder = english_holder(t.indicator)
        holder_text = f"{holder} ({a.holder_zh})" if holder and a.holder_zh else (a.holder_zh or "its holder")
        detail = (
            f"{what.capitalize()}; figures for {years_en(a.needed_years)} are needed (held by {holder_text})"
        )
        return label("sentence.insufficient", lang, name=name, detail=detail)
    detail = a.missing_text(lang)
    if lang == "en":
        detail = f"{detail[:1].upper()}{detail[1:]}"
    return label("sentence.insufficient", lang, name=name, detail=detail)
