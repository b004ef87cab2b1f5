"""Tables as readers see them: chosen columns, readable headers, formatted numbers, Chinese first.

Pure formatting of frames that ``assess`` produced; no judgement is computed here. The notebooks pass
these frames to ``display.table``, which escapes every cell.
"""

from __future__ import annotations

import math

import pandas as pd

from .assess import Assessment, format_value, rules_frame

QUALITY_TEXT = {
    "official_statistics": ("官方统计", "official statistics"),
    "official_media": ("官方媒体/政府网站", "official media"),
    "secondary": ("二手汇编", "secondary"),
}
KIND_TEXT = {
    "level": ("期末水平", "level in the deadline year"),
    "annual_floor": ("每年不低于", "every-year floor"),
    "cumulative": ("期间累计", "cumulative over the period"),
    "rank": ("排名", "rank"),
    "qualitative": ("定性", "qualitative"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def _pct(value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{value:+.1%}"


def _goal(kind: str, comparator: str | None, value: float | None, unit: str | None, lang: str) -> str:
    if kind == "rank":
        return "first among county-level units" if lang == "en" else "居各县区首位"
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{comparator} {value:g}{unit or ''}"


def _missing_short(r, en: bool) -> str:
    """A short 'what is missing, who holds it' for the table; the target page has the full sentence."""
    if r.needed_years and r.holder:
        return (
            f"figures for {r.needed_years.replace('、', ', ')} (held by {r.holder})"
            if en
            else f"需{r.needed_years}年数据（{r.holder}）"
        )
    return (r.missing_en if en else r.missing_zh) or ""


def scorecard_view(scorecard: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The scorecard table for readers, grouped by the plan's actions."""
    en = lang == "en"
    rows = []
    for r in scorecard.itertuples(index=False):
        latest = (
            "—"
            if pd.isna(r.latest_value)
            else f"{'' if r.latest_bound == '=' else r.latest_bound}"
            f"{r.latest_value:g}{r.unit}（{int(r.latest_year)}）"
        )
        needed = (
            _pct(r.required_growth)
            if not pd.isna(r.required_growth)
            else ("—" if pd.isna(r.required_flow) else f"{r.required_flow:g}{r.unit}/年")
        )
        rows.append(
            {
                ("Action" if en else "行动"): _pick((r.action_zh, r.action_en), lang),
                ("Target" if en else "目标"): r.name_en if en else r.name_zh,
                ("Goal" if en else "目标值"): _goal(r.kind, r.comparator, r.target_value, r.unit, lang),
                ("Kind" if en else "类型"): _pick(KIND_TEXT[r.kind], lang),
                ("Latest" if en else "最新值"): latest,
                ("Gap" if en else "差距"): "—" if pd.isna(r.gap) else f"{r.gap:+g}{r.unit}",
                ("Source" if en else "来源"): r.latest_source or "—",
                ("P(met)" if en else "达成概率"): "—" if pd.isna(r.probability) else f"{r.probability:.0%}",
                ("Verdict" if en else "判断"): r.verdict_en if en else r.verdict_zh,
                ("Needed growth/yr" if en else "所需年增长"): needed,
                ("Historical growth/yr" if en else "历史年增长"): _pct(r.historical_growth),
                ("Eurostat" if en else "欧盟规则"): (r.eurostat_en if en else r.eurostat_zh) or "—",
                ("What is missing" if en else "缺少什么"): _missing_short(r, en),
            }
        )
    return pd.DataFrame(rows)


def target_facts(a: Assessment, lang: str = "zh") -> pd.DataFrame:
    """What the plan says: section, kind, value, deadline, period, responsible units, verbatim quotes."""
    t, en = a.target, lang == "en"
    facts = [
        ("Target" if en else "目标", t.name_en if en else t.name_zh),
        ("Plan section" if en else "方案出处", "；".join(t.sections)),
        ("Kind" if en else "类型", _pick(KIND_TEXT[t.kind], lang)),
        ("Goal" if en else "目标值", _goal(t.kind, t.comparator, t.value, t.unit, lang)),
        ("Deadline" if en else "期限", str(t.deadline)),
        (
            "Period counted" if en else "计算期",
            "—" if t.period_start is None else f"{t.period_start}–{t.deadline}",
        ),
        (
            "Responsible units" if en else "责任单位",
            "、".join(t.responsible_units) or ("none named in the plan" if en else "方案未列明"),
        ),
        ("Plan text" if en else "方案原文", " / ".join(t.quotes)),
        ("Who holds the figure" if en else "数据持有部门", a.holder_zh or "—"),
    ]
    if t.note:
        facts.append(("Note" if en else "说明", t.note))
    return pd.DataFrame(facts, columns=["item" if en else "项目", "content" if en else "内容"])


def observations_view(a: Assessment, lang: str = "zh") -> pd.DataFrame:
    """Every observation behind the judgement, with its source, date, verbatim quote and quality."""
    en = lang == "en"
    columns = (
        ["Year", "Value", "Source", "Link", "Published", "Quote", "Quality", "Note"]
        if en
        else ["年份", "数值", "来源", "链接", "发布日期", "原文", "来源等级", "备注"]
    )
    rows = []
    for r in a.observations.itertuples(index=False):
        rows.append(
            {
                ("Year" if en else "年份"): int(r.year),
                ("Value" if en else "数值"): f"{'' if r.bound == '=' else r.bound}{r.value:g}{r.unit}",
                ("Source" if en else "来源"): r.source_title,
                ("Link" if en else "链接"): r.source_url,
                ("Published" if en else "发布日期"): r.published or "—",
                ("Quote" if en else "原文"): r.quote,
                ("Quality" if en else "来源等级"): _pick(
                    QUALITY_TEXT.get(r.quality, (r.quality, r.quality)), lang
                ),
                ("Note" if en else "备注"): r.note or "",
            }
        )
    return pd.DataFrame(rows, columns=columns)


def rules_view(a: Assessment, lang: str = "zh") -> pd.DataFrame:
    """The four official rules side by side with their category and the numbers behind it."""
    frame = rules_frame(a)
    if frame.empty:
        return frame
    en = lang == "en"
    return pd.DataFrame(
        {
            ("Rule" if en else "规则"): frame["rule"],
            ("Category" if en else "结论"): frame["category_en" if en else "category_zh"],
            ("Explanation" if en else "依据"): frame["explanation_en" if en else "explanation_zh"],
        }
    )


def checklist_view(checklist: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The data request checklist for the bureaux."""
    en = lang == "en"
    return pd.DataFrame(
        {
            ("Target" if en else "目标"): checklist["target"],
            ("Indicator" if en else "所需指标"): checklist["indicator_zh"] + "（" + checklist["unit"] + "）",
            ("Years missing" if en else "缺失年份"): checklist["years_missing"],
            ("Held by" if en else "数据持有部门"): checklist["holder"],
            ("Responsible units (plan)" if en else "方案责任单位"): checklist["responsible_units"],
        }
    )


def run_facts(
    scorecard: pd.DataFrame, *, as_of: str | None, data_paths: list[str], lang: str = "zh"
) -> pd.DataFrame:
    """What this page rests on: the as-of date, the files used, and how many targets could be judged."""
    en = lang == "en"
    quantitative = scorecard[scorecard["kind"] != "qualitative"]
    with_data = int((quantitative["n_obs"] > 0).sum())
    forecast = int((quantitative["status"] == "forecast").sum())
    facts = [
        ("Data as of" if en else "数据截至", as_of or ("all published figures" if en else "全部已公布数据")),
        (
            "Extra data files" if en else "自有数据文件",
            "、".join(map(str, data_paths)) or ("none" if en else "无"),
        ),
        (
            "Targets in the plan" if en else "方案目标数",
            f"{len(scorecard)}（{len(quantitative)} {'quantitative' if en else '个定量'}）",
        ),
        ("Targets with at least one observation" if en else "至少有一个观测值的目标", str(with_data)),
        ("Targets with a forecast" if en else "可做概率预测的目标", str(forecast)),
    ]
    return pd.DataFrame(facts, columns=["item" if en else "项目", "content" if en else "内容"])


RUNG_TEXT = {
    "model": (
        "模型组合（6个及以上观测点），区间按参考面板经验校准",
        "model rung (6+ points), intervals calibrated on the reference panel",
    ),
    "short": (
        "短序列（2–5个观测点）：外推观测到的增长，区间取自参考面板同类方法在同一步长上的实际误差",
        "short series (2-5 points): observed growth extrapolated, spread from the panel's errors "
        "at that horizon",
    ),
}


def _method_text(a: Assessment, en: bool) -> str:
    """Which rung of the forecasting ladder the judgement used, and the method after any fallback."""
    if a.forecast is None:
        if a.status in ("achieved", "missed"):
            return "settled by observed figures" if en else "由已观测数据判定"
        return "no forecast: fewer than two observations" if en else "不预测：观测值少于两个"
    zh, english = RUNG_TEXT.get(a.forecast.rung, (a.forecast.rung, a.forecast.rung))
    return f"{a.forecast.method}: {english}" if en else f"{a.forecast.method}：{zh}"


def growth_view(a: Assessment, lang: str = "zh") -> pd.DataFrame:
    """Required against historical growth, with the numbers they come from."""
    en, t = lang == "en", a.target
    latest = a.latest
    rows = [
        (
            "Latest value" if en else "最新值",
            "—" if latest is None else f"{latest['value']:g}{t.unit}（{int(latest['year'])}）",
        ),
        ("Target" if en else "目标", format_value(t.value, t.unit) + f"（{t.deadline}）"),
        ("Needed annual growth" if en else "所需年均增长", _pct(a.required_growth)),
        ("Historical annual growth" if en else "历史年均增长", _pct(a.historical_growth)),
    ]
    rows.append(("Forecast method" if en else "预测方法", _method_text(a, en)))
    if t.kind == "cumulative":
        rows += [
            ("Observed total in the period" if en else "期内已累计", format_value(a.observed_total, t.unit)),
            ("Needed per remaining year" if en else "剩余每年需完成", format_value(a.required_flow, t.unit)),
        ]
    return pd.DataFrame(rows, columns=["item" if en else "项目", "content" if en else "内容"])


def scenario_view(scenarios: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Needed against historical growth for every target the slider covers."""
    en = lang == "en"
    return pd.DataFrame(
        {
            ("Target" if en else "目标"): scenarios["name_en" if en else "name_zh"],
            ("Latest" if en else "最新值"): [
                f"{v:g}{u}（{int(y)}）"
                for v, u, y in zip(
                    scenarios["latest_value"], scenarios["unit"], scenarios["latest_year"], strict=True
                )
            ],
            ("Target value" if en else "目标值"): [
                f"{v:g}{u}" for v, u in zip(scenarios["target_value"], scenarios["unit"], strict=True)
            ],
            ("Needed growth/yr" if en else "所需年增长"): scenarios["required_growth"].map(_pct),
            ("Historical growth/yr" if en else "历史年增长"): scenarios["historical_growth"].map(_pct),
        }
    )


def scores_view(scores: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Brier score and log loss of each way of giving a probability, rounded for reading."""
    en = lang == "en"
    return pd.DataFrame(
        {
            ("Probability from" if en else "概率来源"): scores["probability"],
            "Brier": scores["brier"].round(3),
            ("Log loss" if en else "对数损失"): scores["log_loss"].round(3),
            ("Mean probability" if en else "平均概率"): scores["mean_p"].round(2),
            ("Observed frequency" if en else "实际发生频率"): scores["base_rate"].round(2),
            ("Events" if en else "事件数"): scores["n_events"],
        }
    )


#: Text of the look-back table on a settled target's page (see assess.as_of_history).
AS_OF_HISTORY_TEXT = {
    "as_of": {"zh": "截至日期", "en": "As of"},
    "latest": {"zh": "当时最新值", "en": "Latest figure then"},
    "probability": {"zh": "达成概率", "en": "P(met)"},
    "verdict": {"zh": "当时判断", "en": "Verdict then"},
    "basis": {"zh": "依据", "en": "Basis"},
    "pending": {
        "zh": "期限年份的数据公布后（已实现/未实现），这里列出此前各时点的判断，便于回看多早能作出结论。",
        "en": "Once the deadline year's figure is published (achieved/missed), this lists what was said at "
        "each earlier date, to show how early the outcome could have been called.",
    },
    "outturn": {"zh": "结果", "en": "Outturn"},
}


def as_of_history_view(
    history: pd.DataFrame | None, assessment: Assessment, lang: str = "zh"
) -> pd.DataFrame:
    """What the tool said at each earlier as-of date, one line per date, ending with the outturn; when the
    target is not settled yet (``history`` None), one line saying what the table will show."""
    lang = "en" if lang == "en" else "zh"
    text = {key: value[lang] for key, value in AS_OF_HISTORY_TEXT.items()}
    if history is None:
        return pd.DataFrame({text["as_of"]: ["—"], text["verdict"]: [text["pending"]]})
    unit = assessment.target.unit or ""
    rows = []
    for r in history.itertuples(index=False):
        latest = (
            "—"
            if r.latest_year is None or pd.isna(r.latest_year)
            else f"{r.latest_value:g}{unit}（{r.latest_year}）"
        )
        settled = r.status in ("achieved", "missed")
        rows.append(
            {
                text["as_of"]: r.as_of.isoformat(),
                text["latest"]: latest,
                text["probability"]: "—" if pd.isna(r.probability) else f"{r.probability:.0%}",
                text["verdict"]: (r.verdict_en if lang == "en" else r.verdict_zh)
                + (f"（{text['outturn']}）" if settled else ""),
                text["basis"]: r.status_zh if lang == "zh" else r.status,
            }
        )
    return pd.DataFrame.from_records(rows)


LOOK_BACK_TEXT = {
    "target": {"zh": "目标", "en": "Target"},
    "outturn": {"zh": "结果", "en": "Outturn"},
    "earlier": {"zh": "此前各时点的判断", "en": "What was said earlier"},
    "none": {
        "zh": "尚无目标的期限年份数据公布；公布后，这里列出结果（已实现/未实现）及此前各时点的判断。",
        "en": "No target's deadline-year figure is published yet; once one is, its outturn "
        "(achieved/missed) and what was said at each earlier date are listed here.",
    },
}


def look_back_view(look_back: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """One row per settled target: the outturn and, beside it, the verdict at each earlier as-of date."""
    lang = "en" if lang == "en" else "zh"
    text = {key: value[lang] for key, value in LOOK_BACK_TEXT.items()}
    if look_back.empty:
        return pd.DataFrame({text["target"]: ["—"], text["outturn"]: [text["none"]]})
    rows = []
    for _, frame in look_back.groupby("target_id", sort=False):
        last, earlier = frame.iloc[-1], frame.iloc[:-1]
        verdict = "verdict_en" if lang == "en" else "verdict_zh"
        said = [
            f"{r.as_of.isoformat()} {getattr(r, verdict)}"
            + ("" if pd.isna(r.probability) else f" {r.probability:.0%}")
            for r in earlier.itertuples(index=False)
        ]
        rows.append(
            {
                text["target"]: last["name_en" if lang == "en" else "name_zh"],
                text[
                    "outturn"
                ]: f"{last[verdict]} {last['latest_value']:g}{last['unit']}（{last['latest_year']}）",
                text["earlier"]: ("; " if lang == "en" else "；").join(said) or "—",
            }
        )
    return pd.DataFrame.from_records(rows)
