"""Tables as readers see them: chosen columns, formatted numbers, in the reader's language.

Pure formatting of frames that ``assess`` produced; no judgement is computed here. Frames carry plain
column keys (``target``, ``latest``, ...); :func:`hzanalysis.display.table` puts the words from
:mod:`hzanalysis.labels` on them last, and escapes every cell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pandas as pd

from .assessment import STATUS_TEXT, Assessment
from .bureaus import bureau_text
from .forecast import AUTO_MODEL
from .labels import (
    MISSING,
    action_text,
    check_lang,
    fmt_pct,
    fmt_value,
    has_label,
    is_missing,
    label,
    list_text,
    parts_text,
    unit_text,
)
from .observations import load_indicators, load_regions
from .reference import class_table
from .tables import rules_frame
from .targets import load_targets

COMPARATOR_TEXT = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "~": "≈"}


@cache
def _indicator_catalogue() -> pd.DataFrame:
    return load_indicators().set_index("id")


@cache
def _target_names_en() -> dict[str, str]:
    return {t.id: t.name_en for t in load_targets()}


def holder_text(indicator: str | None, lang: str = "zh") -> str:
    """Who holds the figures of an indicator, in the reader's language."""
    catalogue = _indicator_catalogue()
    if indicator not in catalogue.index:
        return MISSING
    row = catalogue.loc[indicator]
    return str(row["holder_en"] if check_lang(lang) == "en" else row["holder_zh"])


def target_name(target_id: str, name_zh: str, lang: str, name_en: str | None = None) -> str:
    """A target's name in the reader's language: the frame's ``name_en`` (its own plan's registry), else
    the default plan's English name, else the Chinese one."""
    if check_lang(lang) == "zh":
        return name_zh
    if name_en and not is_missing(name_en):
        return str(name_en)
    return _target_names_en().get(target_id, name_zh)


def _names(frame: pd.DataFrame, lang: str) -> list[str]:
    """Every row's target name in ``lang`` (columns target_id, target and, when carried, name_en)."""
    names_en = frame["name_en"] if "name_en" in frame else [None] * len(frame)
    return [
        target_name(i, n, lang, e)
        for i, n, e in zip(frame["target_id"], frame["target"], names_en, strict=True)
    ]


def _goal(kind: str, comparator: str | None, value: float | None, unit: str | None, lang: str) -> str:
    if kind == "rank":
        # a place other than first (前三, 前40位) is the place, not "first"
        if comparator == "first" or is_missing(value) or float(value) <= 1:  # type: ignore[arg-type]
            return label("value.first_place", lang)
        return label("sentence.rank_top", lang, n=f"{value:g}")
    if is_missing(value):
        return MISSING
    sign = COMPARATOR_TEXT.get(comparator or "", comparator or "")
    return f"{sign} {fmt_value(value, unit, lang=lang)}".strip()


def _missing_short(r, lang: str) -> str:
    """A short 'what is missing, who holds it' for the table; the target page has the full sentence."""
    if r.needed_years and r.holder:
        years = list_text(r.needed_years.split("、"), lang)  # the frame's column, joined for a CSV file
        holder = _holder_in_english(r.holder) if lang == "en" else r.holder
        return label("value.needed_short", lang, years=years, holder=holder)
    return (r.missing_en if lang == "en" else r.missing_zh) or ""


def _holder_in_english(holder_zh: str) -> str:
    """The scorecard's holder (Chinese, as the catalogue writes it) in English; read from the frame, so
    right for any plan's targets (the default plan's registry knows only its own)."""
    catalogue = _indicator_catalogue()
    known = dict(zip(catalogue["holder_zh"], catalogue["holder_en"], strict=True))
    return known.get(holder_zh) or bureau_text(holder_zh, "en")


@cache
def _indicators_by_target() -> dict[str, str | None]:
    return {t.id: t.indicator for t in load_targets()}


def _indicator_of(target_id: str) -> str | None:
    return _indicators_by_target().get(target_id)


def _unit_of(r) -> str | None:
    """The unit of the figures behind a target (a rank target counts places, its indicator does not)."""
    indicator = _indicator_of(r.target_id)
    catalogue = _indicator_catalogue()
    return str(catalogue.loc[indicator, "unit"]) if indicator in catalogue.index else r.unit


def chart_goal(a: Assessment) -> tuple[float | None, str]:
    """What the target chart draws for ``a``: the goal's line (None for a rank or qualitative target, whose
    goal is a place, not a value of the figures) and the unit of the figures on the axis (the indicator's,
    so a rank target's axis reads 件/万人, not 位)."""
    t = a.target
    catalogue = _indicator_catalogue()
    unit = str(catalogue.loc[t.indicator, "unit"]) if t.indicator in catalogue.index else (t.unit or "")
    if t.kind in ("rank", "qualitative") or t.value is None:
        return None, unit
    return float(t.value), t.unit or unit


def scorecard_view(scorecard: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The scorecard table for readers, grouped by the plan's actions (plain column keys)."""
    en = check_lang(lang) == "en"
    rows = []
    for r in scorecard.itertuples(index=False):
        needed = (
            fmt_pct(r.required_growth)
            if not is_missing(r.required_growth)
            else (
                MISSING
                if is_missing(r.required_flow)
                else fmt_value(r.required_flow, r.unit, lang=lang) + label("value.per_year", lang)
            )
        )
        rows.append(
            {
                "action": action_text(r.action_zh, r.action_en, lang),
                "target": r.name_en if en else r.name_zh,
                "goal": _goal(r.kind, r.comparator, r.target_value, r.unit, lang),
                "kind": label(f"kind.{r.kind}", lang),
                "latest": fmt_value(r.latest_value, _unit_of(r), r.latest_bound, r.latest_year, lang),
                "gap": gap_text(r.gap, r.unit, lang),
                "source": MISSING if is_missing(r.latest_source) else r.latest_source,
                "probability": fmt_pct(r.probability, signed=False, digits=0),
                "verdict": r.verdict_en if en else r.verdict_zh,
                "needed_growth": needed,
                "historical_growth": fmt_pct(r.historical_growth),
                "eurostat": outturn_category(r.status, lang)
                or (r.eurostat_en if en else r.eurostat_zh)
                or MISSING,
                "missing": _missing_short(r, lang),
            }
        )
    return pd.DataFrame(rows)


def gap_text(gap: float | None, unit: str | None, lang: str = "zh") -> str:
    """How far the latest value is from the goal (``gap`` = goal − latest), in words that carry the sign:
    "差0.18个百分点" / "0.18 pp short", "超0.05个百分点" / "0.05 pp above". A share's gap is in percentage
    points (3.62% against 3.8% is 0.18 points short, not "+0.18%")."""
    if gap is None or is_missing(gap):
        return MISSING
    size = f"{round(abs(float(gap)), 6):g}"
    amount = label("distance.points", lang, size=size) if unit == "%" else f"{size}{unit_text(unit, lang)}"
    if gap == 0:
        return label("distance.on_target", lang)
    return label("distance.short" if gap > 0 else "distance.above", lang, amount=amount)


def outturn_category(status: str, lang: str = "zh") -> str:
    """The rules' category once the deadline figure is in (achieved or missed): the outturn, since a
    progress category such as 显著进展 beside 未实现 reads as a contradiction; "" while not settled."""
    return label(f"rule.outturn_{status}", lang) if status in ("achieved", "missed") else ""


def print_view(scorecard: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The one-page summary for print: target, latest, probability and verdict only."""
    full = scorecard_view(scorecard, lang)
    return full[["target", "goal", "latest", "probability", "verdict"]]


def target_facts(a: Assessment, lang: str = "zh") -> pd.DataFrame:
    """What the plan says: section, kind, value, deadline, period, responsible units, verbatim quotes."""
    t, en = a.target, check_lang(lang) == "en"
    facts = [
        ("fact.target", f"{t.name_en} ({t.name_zh})" if en else t.name_zh),
        ("fact.section", "；".join(t.sections)),
        ("fact.kind", label(f"kind.{t.kind}", lang)),
        ("fact.goal", _goal(t.kind, t.comparator, t.value, t.unit, lang)),
        ("fact.deadline", str(t.deadline)),
        ("fact.period", MISSING if t.period_start is None else f"{t.period_start}–{t.deadline}"),
        (
            "fact.responsible_units",
            bureau_text(list(t.responsible_units), lang) or label("value.no_units_named", lang),
        ),
        ("fact.plan_text", " / ".join(t.quotes)),
        ("fact.holder", holder_text(t.indicator, lang) if t.indicator else MISSING),
    ]
    note, written_in = t.note_text(lang)
    if note:
        # a Chinese page without a Chinese note says the note is English (display marks it lang="en")
        facts.append(("fact.note" if written_in == lang else "fact.note_english", note))
    return _facts(facts, lang)


def _with_year(text: str, year: int, lang: str) -> str:
    return text + label("punct.bracketed", lang, text=year)


def _facts(facts: list[tuple[str, str]], lang: str) -> pd.DataFrame:
    return pd.DataFrame([(label(key, lang), text) for key, text in facts], columns=["item", "content"])


def observations_view(a: Assessment, lang: str = "zh") -> pd.DataFrame:
    """Every observation behind the judgement, with its source, date, verbatim quote and quality."""
    check_lang(lang)
    columns = ["year", "value", "source", "link", "published", "quote", "quality", "note"]
    rows = [
        {
            "year": int(r.year),
            "value": fmt_value(r.value, r.unit, r.bound, lang=lang),
            "source": r.source_title,
            "link": r.source_url,
            "published": r.published or MISSING,
            "quote": r.quote,
            "quality": label(f"quality.{r.quality}", lang)
            if has_label(f"quality.{r.quality}")
            else r.quality,
            "note": r.note or "",
        }
        for r in a.observations.itertuples(index=False)
    ]
    return pd.DataFrame(rows, columns=columns)


def rules_view(a: Assessment, lang: str = "zh") -> pd.DataFrame:
    """The four official rules side by side with their category and the numbers behind it."""
    en = check_lang(lang) == "en"
    frame = rules_frame(a)
    if frame.empty:
        return pd.DataFrame(columns=["rule", "category", "explanation"])
    settled = outturn_category(a.status, lang)
    return pd.DataFrame(
        {
            "rule": [
                label(f"rule_name.{r}", lang) if has_label(f"rule_name.{r}") else r for r in frame["rule"]
            ],
            "category": [settled] * len(frame) if settled else frame["category_en" if en else "category_zh"],
            "explanation": frame["explanation_en" if en else "explanation_zh"],
        }
    )


def reference_class_view(description: dict, lang: str = "zh") -> pd.DataFrame:
    """The reference class a judgement used (:func:`hzanalysis.reference.class_table`), in ``lang``: the
    reason for its small-unit widening is a code, said in the page's language."""
    return class_table(description, lang)


def checklist_view(checklist: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The data request checklist for the bureaux."""
    en = check_lang(lang) == "en"
    catalogue = _indicator_catalogue()
    rows = []
    names = _names(checklist, lang) if not checklist.empty else []
    for name, r in zip(names, checklist.itertuples(index=False), strict=True):
        info = catalogue.loc[r.indicator]
        units = list(r.responsible_units)
        rows.append(
            {
                "target": name,
                "indicator": (info["name_en"] if en else r.indicator_zh)
                + label("punct.bracketed", lang, text=unit_text(r.unit, lang).strip()),
                "years_missing": list_text(map(str, r.years_missing), lang) or label("value.none", lang),
                "holder": holder_text(r.indicator, lang),
                "responsible_units": bureau_text(units, lang)
                if units
                else label("value.no_units_named", lang),
            }
        )
    return pd.DataFrame(rows, columns=["target", "indicator", "years_missing", "holder", "responsible_units"])


def gaps_view(gaps: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The targets × years grid (:func:`hzanalysis.data_gaps`) for the chart: names, states and details
    (the cell's figure and its source, or what is needed) in the reader's language."""
    sep = label("punct.parts", lang)
    details = []
    for r in gaps.itertuples(index=False):
        if r.state == "not_yet_due":
            details.append(label("value.not_yet_due", lang, year=r.year, next_year=r.year + 1))
        elif r.state == "missing" or is_missing(r.value):
            details.append(label("value.figure_needed", lang))
        else:
            details.append(f"{fmt_value(r.value, r.unit, r.bound, lang=lang)}{sep}{r.source_title}")
    return gaps.assign(
        target=_names(gaps, lang),
        state_label=[label(f"gap.{s}", lang) for s in gaps["state"]],
        detail=details,
    )


def run_facts(
    scorecard: pd.DataFrame, *, as_of: str | None, data_paths: list[str], lang: str = "zh"
) -> pd.DataFrame:
    """What this page rests on: the as-of date, the files used, and how many targets could be judged."""
    check_lang(lang)
    quantitative = scorecard[scorecard["kind"] != "qualitative"]
    with_data = int((quantitative["n_obs"] > 0).sum())
    forecast = int((quantitative["status"] == "forecast").sum())
    quantitative_text = f"{len(quantitative)} {label('value.quantitative', lang)}"
    n_targets = f"{len(scorecard)}" + label("punct.bracketed", lang, text=quantitative_text)
    facts = [
        ("fact.as_of", as_of or label("value.all_published", lang)),
        ("fact.data_files", list_text(map(str, data_paths), lang) or label("value.none", lang)),
        ("fact.n_targets", n_targets),
        ("fact.with_data", str(with_data)),
        ("fact.with_forecast", str(forecast)),
    ]
    return _facts(facts, lang)


def run_facts_line(
    scorecard: pd.DataFrame, *, as_of: str | None, lang: str = "zh", data_paths: Sequence[str] = ()
) -> str:
    """One line for the printed summary: data as of, how many targets have a probability, and the
    researcher's own files when some were used (a printed page must not pass for the public figures)."""
    files = list_text((Path(str(p)).name for p in data_paths), lang)
    line = label(
        "print.facts_line",
        lang,
        as_of=as_of or label("value.all_published", lang),
        n=len(scorecard),
        forecast=int((scorecard["status"] == "forecast").sum()),
        settled=int(scorecard["status"].isin(["achieved", "missed"]).sum()),
    )
    return line + (label("print.own_files", lang, files=files) if data_paths else "")


def auto_model_text(lang: str = "zh") -> str:
    """What the default model is, read from ``forecast.AUTO_MODEL`` (never written out by hand)."""
    by_model: dict[str, list[str]] = {}
    for domain, model in AUTO_MODEL.items():
        by_model.setdefault(model, []).append(label(f"domain.{domain}", lang))
    return parts_text(
        (
            label("models.auto_pair", lang, model=_model_name(model, lang), domains=list_text(domains, lang))
            for model, domains in by_model.items()
        ),
        lang,
    )


def _model_name(model: str, lang: str = "en") -> str:
    """A model as the pages name it (``model_name.*``); one the catalogue does not list, by its id."""
    return label(f"model_name.{model}", lang) if has_label(f"model_name.{model}") else model


def models_intro(lang: str = "zh") -> str:
    """The sentence under the models heading, naming the default model from ``forecast.AUTO_MODEL``."""
    return label("models.intro", lang, auto=auto_model_text(lang))


def models_note(a: Assessment, lang: str = "zh") -> str:
    """Why there are no model probabilities on this page: settled, qualitative, or too little data."""
    if a.status in ("achieved", "missed"):
        status = a.verdict.en if lang == "en" and a.verdict else STATUS_TEXT[a.status][0]
        return label("models.settled", lang, status=status)
    if a.status == "qualitative":
        return label("models.qualitative", lang)
    return label("models.insufficient", lang)


def _method_text(a: Assessment, lang: str) -> str:
    """Which rung of the forecasting ladder the judgement used, and the method after any fallback."""
    if a.forecast is None:
        return label("method.settled" if a.status in ("achieved", "missed") else "method.too_few", lang)
    rung = "rung.persistence" if a.forecast.method == "persistence" else f"rung.{a.forecast.rung}"
    text = (
        label(rung, lang, auto=auto_model_text(lang))
        if rung in ("rung.model", "rung.short", "rung.persistence")
        else a.forecast.rung
    )
    return a.forecast.method + label("punct.colon", lang) + text


def growth_view(a: Assessment, lang: str = "zh") -> pd.DataFrame:
    """Required against historical growth, with the numbers they come from."""
    check_lang(lang)
    t, latest = a.target, a.latest
    rows = [
        (
            "fact.latest",
            MISSING
            if latest is None
            else fmt_value(latest["value"], latest["unit"], latest["bound"], latest["year"], lang),
        ),
        ("fact.target", _with_year(_goal(t.kind, t.comparator, t.value, t.unit, lang), t.deadline, lang)),
        ("fact.needed_growth", fmt_pct(a.required_growth)),
        ("fact.historical_growth", fmt_pct(a.historical_growth)),
        ("fact.method", _method_text(a, lang)),
    ]
    if t.kind == "cumulative":
        start = t.period_start if t.period_start is not None else t.deadline
        in_period = a.history[(a.history.index >= start) & (a.history.index <= t.deadline)]
        # A total of nothing observed is not "0": say that no figure of the period is known yet.
        total = (
            label("value.no_period_figure", lang)
            if in_period.empty
            else fmt_value(a.observed_total, t.unit, lang=lang)
        )
        rows += [
            ("fact.observed_total", total),
            ("fact.needed_flow", fmt_value(a.required_flow, t.unit, lang=lang)),
        ]
    return _facts(rows, lang)


def scenario_view(scenarios: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Needed against historical growth for every target the slider covers."""
    en = check_lang(lang) == "en"
    return pd.DataFrame(
        {
            "target": scenarios["name_en" if en else "name_zh"],
            "latest": [
                fmt_value(v, u, year=y, lang=lang)
                for v, u, y in zip(
                    scenarios["latest_value"], scenarios["unit"], scenarios["latest_year"], strict=True
                )
            ],
            "target_value": [
                fmt_value(v, u, lang=lang)
                for v, u in zip(scenarios["target_value"], scenarios["unit"], strict=True)
            ],
            "needed_growth": scenarios["required_growth"].map(fmt_pct),
            "historical_growth": scenarios["historical_growth"].map(fmt_pct),
        }
    )


def as_of_history_view(
    history: pd.DataFrame | None, assessment: Assessment, lang: str = "zh"
) -> pd.DataFrame:
    """What the tool said at each earlier as-of date, one line per date, ending with the outturn; when the
    target is not settled yet (``history`` None), one line saying what the table will show (plain keys)."""
    en = check_lang(lang) == "en"
    if history is None:
        return pd.DataFrame({"as_of": [MISSING], "verdict_then": [label("value.look_back_pending", lang)]})
    unit = assessment.target.unit or ""
    outturn = label("value.outturn", lang)
    rows = []
    for r in history.itertuples(index=False):
        settled = r.status in ("achieved", "missed")
        verdict = r.verdict_en if en else r.verdict_zh
        rows.append(
            {
                "as_of": r.as_of.isoformat(),
                "latest_then": fmt_value(r.latest_value, unit, "=", r.latest_year, lang),
                "probability": fmt_pct(r.probability, signed=False, digits=0),
                "verdict_then": verdict + label("punct.bracketed", lang, text=outturn) * settled,
                # what the verdict rested on, in the reader's words, never a raw code (single_point, missed)
                "basis": label("value.basis_outturn", lang) if settled else label(f"status.{r.status}", lang),
            }
        )
    return pd.DataFrame.from_records(rows)


def look_back_view(look_back: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """One row per settled target: the outturn and, beside it, the verdict at each earlier as-of date."""
    en = check_lang(lang) == "en"
    if look_back.empty:
        return pd.DataFrame({"target": [MISSING], "outturn": [label("value.look_back_none", lang)]})
    verdict = "verdict_en" if en else "verdict_zh"
    rows = []
    for _, frame in look_back.groupby("target_id", sort=False):
        last, earlier = frame.iloc[-1], frame.iloc[:-1]
        said = [
            f"{r.as_of.isoformat()} {getattr(r, verdict)}"
            + ("" if is_missing(r.probability) else f" {fmt_pct(r.probability, signed=False, digits=0)}")
            for r in earlier.itertuples(index=False)
        ]
        rows.append(
            {
                "target": last["name_en" if en else "name_zh"],
                "outturn": f"{last[verdict]} "
                + fmt_value(last["latest_value"], last["unit"], "=", last["latest_year"], lang),
                "earlier": parts_text(said, lang) or MISSING,
            }
        )
    return pd.DataFrame.from_records(rows)


def _row_text(row: str, lang: str) -> str:
    """Where a figure sits in its file, in the page's language: ``line 7`` → ``第7行``, ``sheet 观测 row 7``
    → ``工作表 观测 第7行`` (the file checks write it in English); anything else as it is."""
    found = re.fullmatch(r"(?:sheet (?P<sheet>.+) )?(?P<kind>line|row) (?P<n>\d+)", row)
    if found is None:
        return row
    where = label(f"where.{found['kind']}", lang, n=found["n"])
    return where if found["sheet"] is None else f"{label('where.sheet', lang, name=found['sheet'])} {where}"


def plausibility_notes(flags: Sequence[dict], lang: str = "zh") -> list[str]:
    """One sentence per stored plausibility flag (``Judgements.plausibility``), in ``lang``: what looks
    wrong, the range the reference panel allows, and the file and row to check. Empty without flags."""
    lang = check_lang(lang)
    if not flags:
        return []
    indicators = load_indicators().set_index("id")
    regions = load_regions().set_index("id")
    notes = []
    for flag in flags:
        indicator = flag["indicator"]
        known = indicator in indicators.index
        unit = str(indicators.at[indicator, "unit"]) if known else ""
        region = flag["region"]
        if lang == "en" and region in regions.index and regions.at[region, "name_en"]:
            region = str(regions.at[region, "name_en"])

        def shown(value: float, unit: str = unit) -> str:
            return fmt_value(float(f"{value:.4g}"), unit, lang=lang)

        fields = {
            "region": region,
            "indicator": str(indicators.at[indicator, f"name_{lang}"]) if known else indicator,
            "year": flag["year"],
            "value": shown(flag["value"]),
            "where": f"{Path(str(flag['file'])).name} {_row_text(str(flag['row']), lang)}".strip(),
            "panel": flag.get("panel", ""),
            "panel_years": flag.get("panel_years", ""),
        }
        if flag["code"] in ("jump_beyond_panel", "jump_tenfold"):
            fields |= {
                "year_before": flag["year_before"],
                "value_before": shown(flag["value_before"]),
                "ratio": f"{flag['value'] / flag['value_before']:.3g}",
                "years": int(flag["year"]) - int(flag["year_before"]),
            }
        if flag["code"] == "jump_beyond_panel":
            fields |= {"low": shown(flag["low"]), "high": shown(flag["high"])}
        if flag["code"] == "above_ceiling":
            fields["ceiling"] = shown(flag["ceiling"])
        notes.append(label(f"plausibility.{flag['code']}", lang, **fields))
    return notes
