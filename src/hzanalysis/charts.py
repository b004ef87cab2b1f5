"""Altair charts. They draw frames that assess/bench prepared; no computation happens here.

Every chart takes ``lang`` ("zh" first, "en" available) for its titles and axis labels. Tooltips carry
the source of every observed point, so a reader can check a number by hovering over it.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .labels import action_text, check_lang, fmt_value, has_label, label, unit_text

#: Verdict colours: greens for likely, reds for unlikely, grey where no probability exists.
VERDICT_COLOURS: dict[str, str] = {
    "achieved": "#1a7f37",
    "very_likely": "#2da44e",
    "likely": "#8cc265",
    "about_as_likely_as_not": "#e3b341",
    "unlikely": "#f08c4a",
    "very_unlikely": "#cf222e",
    "missed": "#8b0000",
    "insufficient_data": "#b8bcc2",
    "not_quantifiable": "#dfe2e6",
}


def _t(key: str, lang: str, **values: object) -> str:
    return label(f"chart.{key}", lang, **values)


def _deadline_words(deadlines: pd.Series, lang: str) -> str:
    """The deadline year for a chart title (2025), or "deadline-year" when the targets' deadlines differ."""
    years = sorted({int(year) for year in deadlines.dropna()})
    if len(years) == 1:
        return str(years[0])
    return _t("deadline_year", lang)


#: Widest legend label in pixels ("models' own intervals (uncalibrated)" was cut at Vega's default 160).
LEGEND_LABEL_LIMIT = 320

#: Longest text a tooltip shows; longer quotes end in "…" (the observations table has them whole).
TOOLTIP_CHARS = 160


def _value_title(unit: str, lang: str) -> str:
    """The value axis title with its unit: 数值（家） / Value (units)."""
    words = unit_text(unit, lang).strip().lstrip("× ")
    if not words:
        return _t("value", lang)
    return _t("value", lang) + label("punct.bracketed", lang, text=words)


def _clip(text: object, limit: int) -> str:
    text = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quality(code: object, lang: str) -> str:
    key = f"quality.{code}"
    return label(key, lang) if has_label(key) else str(code)


def _method_words(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Method codes (``calibrated``, ...) as words in ``lang``; unknown methods keep their name."""
    words = {
        code: label(f"probability.{code}", lang)
        for code in frame["method"].unique()
        if has_label(f"probability.{code}")
    }
    return frame.assign(method=frame["method"].map(lambda m: words.get(m, m)))


def _verdict_scale() -> alt.Scale:
    return alt.Scale(domain=list(VERDICT_COLOURS), range=list(VERDICT_COLOURS.values()))


def message_chart(text: str) -> alt.Chart:
    """A chart that says why there is nothing to draw (instead of an empty frame a reader might misread);
    a newline in ``text`` starts a new line."""
    lines = text.split("\n")
    # The frame must hold the longest line: at 14 px a Chinese character is about 14 px wide, others 8.
    widest = max(sum(14 if "\u3000" <= ch <= "\uffef" else 8 for ch in line) for line in lines)
    return (
        alt.Chart(pd.DataFrame({"text": [text]}))
        .mark_text(fontSize=14, color="#57606a", align="left", baseline="top", lineBreak="\n")
        .encode(text="text:N", x=alt.value(5), y=alt.value(10))
        .properties(width=max(420, widest + 10), height=20 + 20 * len(lines))
    )


def scorecard_chart(scorecard: pd.DataFrame, lang: str = "zh") -> alt.Chart:
    """Probability bar per target, grouped by the plan's actions and coloured by verdict."""
    en = check_lang(lang) == "en"
    name = "name_en" if en else "name_zh"
    verdict = "verdict_en" if en else "verdict_zh"
    frame = scorecard.assign(
        p=scorecard["probability"].fillna(0.0),
        p_text=scorecard["probability"].map(lambda p: "" if pd.isna(p) else f"{p:.0%}"),
        label_text=[
            v if pd.isna(p) else f"{v} {p:.0%}"
            for v, p in zip(scorecard[verdict], scorecard["probability"], strict=True)
        ],
        group=[
            f"{number} {action_text(zh, en_name, lang)}"
            for number, zh, en_name in zip(
                scorecard["action"], scorecard["action_zh"], scorecard["action_en"], strict=True
            )
        ],
        latest_text=[
            fmt_value(v, u, b, lang=lang)
            for v, u, b in zip(
                scorecard["latest_value"], scorecard["unit"], scorecard["latest_bound"], strict=True
            )
        ],
    )
    frame = frame[
        [
            *(name, verdict, "verdict_code", "p", "p_text", "label_text", "group"),
            *("latest_text", "latest_year", "latest_source"),
        ]
    ]
    base = alt.Chart(frame).encode(
        y=alt.Y(f"{name}:N", sort=None, title=None, axis=alt.Axis(labelLimit=260)),
        tooltip=[
            alt.Tooltip(f"{name}:N", title=_t("target", lang)),
            alt.Tooltip(f"{verdict}:N", title=_t("verdict", lang)),
            alt.Tooltip("p_text:N", title=_t("probability", lang)),
            alt.Tooltip("latest_text:N", title=_t("latest", lang)),
            alt.Tooltip("latest_year:Q", title=_t("year", lang), format="d"),
            alt.Tooltip("latest_source:N", title=_t("source", lang)),
        ],
    )
    bars = base.mark_bar().encode(
        x=alt.X(
            "p:Q", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%"), title=_t("probability", lang)
        ),
        color=alt.Color("verdict_code:N", scale=_verdict_scale(), legend=None),
    )
    # A probability of 0 (a missed target) is a bar of no width: a coloured tick at the bar's end shows it
    # was judged, so it does not look like 数据不足 (no probability, no tick).
    ticks = (
        base.transform_filter("datum.p_text != ''")
        .mark_tick(thickness=4, size=14)
        .encode(x=alt.X("p:Q"), color=alt.Color("verdict_code:N", scale=_verdict_scale(), legend=None))
    )
    labels = base.mark_text(align="left", dx=6).encode(x=alt.X("p:Q"), text="label_text:N")
    return (
        (bars + ticks + labels)
        .properties(width=420)
        .facet(
            row=alt.Row("group:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left")),
        )
        .resolve_scale(y="independent")
    )


def target_chart(
    observations: pd.DataFrame,
    fan: pd.DataFrame,
    target_value: float | None,
    deadline: int,
    unit: str,
    lang: str = "zh",
) -> alt.Chart | alt.LayerChart | alt.FacetChart:
    """History with each point's source on hover, the 50/80/95% fan, the target line and the deadline.

    ``target_value`` None draws no target line: a rank target's goal (first place) is not a value on the
    axis of its indicator's figures (:func:`hzanalysis.views.chart_goal`).
    """
    check_lang(lang)
    if observations.empty and fan.empty:
        return message_chart(_t("no_observation", lang))
    years = list(observations["year"].astype(int)) + list(fan["year"].astype(int)) + [deadline]
    x = alt.X(
        "year:Q",
        title=_t("year", lang),
        axis=alt.Axis(format="d"),
        scale=alt.Scale(domain=[min(years) - 0.5, max(years) + 0.5]),
    )
    layers: list[alt.Chart] = []
    if not fan.empty:
        bands = (
            alt.Chart(fan)
            .mark_area(opacity=0.25, color="#4c78a8")
            .encode(
                x=x,
                y=alt.Y("lower:Q", title=_value_title(unit, lang)),
                y2="upper:Q",
                opacity=alt.Opacity(
                    "level:N",
                    scale=alt.Scale(domain=["95%", "80%", "50%"], range=[0.15, 0.25, 0.4]),
                    title=_t("band", lang),
                ),
                tooltip=[
                    alt.Tooltip("year:Q", format="d", title=_t("year", lang)),
                    alt.Tooltip("level:N", title=_t("band", lang)),
                    alt.Tooltip("lower:Q", format=".3~g", title=_t("lower", lang)),
                    alt.Tooltip("upper:Q", format=".3~g", title=_t("upper", lang)),
                ],
            )
        )
        median = (
            alt.Chart(fan.drop_duplicates("year"))
            .mark_line(strokeDash=[4, 3], color="#1f4e79")
            .encode(
                x=x, y="median:Q", tooltip=[alt.Tooltip("median:Q", title=_t("median", lang), format=".3~g")]
            )
        )
        layers += [bands, median]
    if not observations.empty:
        obs = observations.assign(
            kind=observations["bound"].map(lambda b: _t("point" if b == "=" else "bound_mark", lang)),
            value_text=[
                fmt_value(v, unit, b, lang=lang)
                for v, b in zip(observations["value"], observations["bound"], strict=True)
            ],
            # A tooltip cannot scroll: a whole-document quote would cover the screen. The table below
            # the chart has the full text.
            quote=observations["quote"].map(lambda q: _clip(q, TOOLTIP_CHARS)),
            quality=observations["quality"].map(lambda q: _quality(q, lang)),
        )[["year", "value", "value_text", "kind", "source_title", "source_url", "quote", "quality"]]
        points = (
            alt.Chart(obs)
            .mark_point(size=90, filled=True, color="#111")
            .encode(
                x=x,
                y=alt.Y("value:Q", title=_value_title(unit, lang)),
                shape=alt.Shape("kind:N", title=None),
                tooltip=[
                    alt.Tooltip("year:Q", format="d", title=_t("year", lang)),
                    alt.Tooltip("value_text:N", title=_t("value", lang)),
                    alt.Tooltip("source_title:N", title=_t("source", lang)),
                    alt.Tooltip("quote:N", title=_t("quote", lang)),
                    alt.Tooltip("quality:N", title=_t("quality", lang)),
                ],
            )
        )
        layers.append(points)
    marks = pd.DataFrame({"target": [target_value], "deadline": [deadline]})
    if target_value is not None:
        layers.append(
            alt.Chart(marks)
            .mark_rule(color="#cf222e", strokeWidth=2)
            .encode(y="target:Q", tooltip=[alt.Tooltip("target:Q", title=_t("target", lang))])
        )
    layers.append(alt.Chart(marks).mark_rule(color="#999", strokeDash=[2, 2]).encode(x="deadline:Q"))
    return alt.layer(*layers).properties(width=560, height=300)


def growth_chart(required: float, historical: float, lang: str = "zh") -> alt.Chart:
    """Required against historical annual growth, as percentages."""
    frame = pd.DataFrame(
        {
            "what": [_t("required", lang), _t("historical", lang)],
            "growth": [required, historical],
        }
    ).dropna()
    if frame.empty:
        return message_chart(_t("no_growth", lang))
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("what:N", title=None),
            x=alt.X("growth:Q", axis=alt.Axis(format="%"), title=None),
            color=alt.Color(
                "what:N",
                legend=None,
                # required in red, historical in blue, whatever the sort order of the words
                scale=alt.Scale(
                    domain=[_t("required", lang), _t("historical", lang)], range=["#cf222e", "#4c78a8"]
                ),
            ),
            tooltip=[
                alt.Tooltip("what:N", title=_t("growth_kind", lang)),
                alt.Tooltip("growth:Q", format=".1%", title=_t("growth_rate", lang)),
            ],
        )
        .properties(width=420, height=80)
    )


def models_chart(models: pd.DataFrame, lang: str = "zh") -> alt.Chart:
    """Each model's probability beside the default model's ("auto", :data:`forecast.AUTO_MODEL`)."""
    return (
        alt.Chart(models)
        .mark_bar()
        .encode(
            y=alt.Y("model:N", sort=None, title=_t("model", lang)),
            x=alt.X(
                "probability:Q",
                scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%"),
                title=_t("probability", lang),
            ),
            color=alt.condition(alt.datum.model == "auto", alt.value("#1f4e79"), alt.value("#9ecae1")),
            tooltip=[
                alt.Tooltip("model:N", title=_t("model", lang)),
                alt.Tooltip("method:N", title=_t("method", lang)),
                alt.Tooltip("probability:Q", format=".0%", title=_t("probability", lang)),
            ],
        )
        .properties(width=420, height=150)
    )


def coverage_chart(coverage: pd.DataFrame, lang: str = "zh") -> alt.LayerChart:
    """Empirical against nominal coverage by horizon (columns horizon, nominal, empirical, method)."""
    coverage = _method_words(coverage, lang)
    # the first method of the frame (this tool's intervals) solid, the others dashed, in every language
    methods = list(dict.fromkeys(coverage["method"]))
    base = alt.Chart(coverage).encode(
        x=alt.X("horizon:O", title=_t("horizon", lang)),
        color=alt.Color("nominal:N", title=_t("nominal", lang)),
    )
    lines = base.mark_line(point=True).encode(
        y=alt.Y(
            "empirical:Q",
            scale=alt.Scale(domain=[0, 1]),
            axis=alt.Axis(format="%"),
            title=_t("empirical", lang),
        ),
        # the legend draws line strokes (its default symbols were two identical dots)
        strokeDash=alt.StrokeDash(
            "method:N",
            title=None,
            scale=alt.Scale(domain=methods, range=[[1, 0]] + [[6, 3]] * (len(methods) - 1)),
            legend=alt.Legend(
                symbolType="stroke",
                symbolStrokeColor="#333",
                symbolFillColor="transparent",
                symbolStrokeWidth=2,
                symbolSize=300,
                labelLimit=LEGEND_LABEL_LIMIT,
            ),
        ),
        tooltip=[
            alt.Tooltip("method:N", title=_t("method", lang)),
            alt.Tooltip("horizon:O", title=_t("horizon", lang)),
            alt.Tooltip("nominal:Q", format=".0%", title=_t("nominal", lang)),
            alt.Tooltip("empirical:Q", format=".1%", title=_t("empirical", lang)),
        ],
    )
    # horizontal guides at the nominal levels (no x encoding, so they span the whole chart)
    nominal = (
        alt.Chart(coverage.drop_duplicates("nominal"))
        .mark_rule(strokeDash=[2, 2])
        .encode(y="nominal:Q", color=alt.Color("nominal:N", title=_t("nominal", lang)))
    )
    return (lines + nominal).properties(width=420, height=260)


def reliability_chart(table: pd.DataFrame, lang: str = "zh") -> alt.LayerChart:
    """Reliability diagram (columns mean_predicted, observed_frequency, count, method)."""
    table = _method_words(table, lang)
    diagonal = (
        alt.Chart(pd.DataFrame({"x": [0, 1], "y": [0, 1]}))
        .mark_line(color="#999", strokeDash=[3, 3])
        .encode(x="x:Q", y="y:Q")
    )
    points = (
        alt.Chart(table)
        .mark_line(point=True)
        .encode(
            x=alt.X("mean_predicted:Q", scale=alt.Scale(domain=[0, 1]), title=_t("predicted", lang)),
            y=alt.Y("observed_frequency:Q", scale=alt.Scale(domain=[0, 1]), title=_t("observed_freq", lang)),
            color=alt.Color("method:N", title=None, legend=alt.Legend(labelLimit=LEGEND_LABEL_LIMIT)),
            tooltip=[
                alt.Tooltip("method:N", title=_t("method", lang)),
                alt.Tooltip("mean_predicted:Q", format=".2f", title=_t("predicted", lang)),
                alt.Tooltip("observed_frequency:Q", format=".2f", title=_t("observed_freq", lang)),
                alt.Tooltip("count:Q", title=_t("count", lang)),
            ],
        )
    )
    return (diagonal + points).properties(width=360, height=360)


def gaps_chart(gaps: pd.DataFrame, lang: str = "zh") -> alt.Chart:
    """Targets × years matrix of what is observed (columns target, year, state, state_label, detail).

    Years after the last publishable one (state ``not_yet_due``) get their own pale colour and legend
    entry, shown only when the grid has such years.
    """
    states = {"observed": "#2da44e", "bound": "#e3b341", "missing": "#eeeeee", "not_yet_due": "#cfe3f6"}
    if "not_yet_due" not in set(gaps["state"]):
        states.pop("not_yet_due")
    colours = alt.Scale(domain=list(states), range=list(states.values()))
    check_lang(lang)
    return (
        alt.Chart(gaps)
        .mark_rect(stroke="#fff")
        .encode(
            x=alt.X("year:O", title=_t("year", lang)),
            y=alt.Y("target:N", sort=None, title=None, axis=alt.Axis(labelLimit=260)),
            color=alt.Color(
                "state_label:N",
                scale=alt.Scale(
                    domain=[label(f"gap.{s}", lang) for s in colours.domain], range=colours.range
                ),
                title=_t("state", lang),
            ),
            tooltip=[
                alt.Tooltip("target:N", title=_t("target", lang)),
                alt.Tooltip("year:O", title=_t("year", lang)),
                alt.Tooltip("state_label:N", title=_t("state", lang)),
                alt.Tooltip("detail:N", title=_t("detail", lang)),
            ],
        )
        .properties(width=360)
    )


def scenario_chart(
    scenarios: pd.DataFrame, lang: str = "zh", start_growth: float = 5.0
) -> alt.Chart | alt.LayerChart:
    """A growth slider (a Vega-Lite parameter, no kernel) and each target's deadline-year value against
    its target.

    Columns: label, latest_value, latest_year, target_value, deadline (and unit, for the bar labels;
    without it they carry none). The projection
    latest × (1 + g)^(deadline − latest_year) is the scenario the reader sets, not a forecast.
    """
    if scenarios.empty:
        # An empty axis reads as a rendering fault: say why there is nothing to set.
        return message_chart(_t("no_scenarios", lang))
    deadline = _deadline_words(scenarios["deadline"], lang)
    # The bar's label is the projected value in its unit beside the goal: the axis is "% of target", so a
    # bare "4.1" would read as 4.1% of the target.
    units = scenarios["unit"] if "unit" in scenarios else pd.Series("", index=scenarios.index)
    units = units.map(lambda u: u if isinstance(u, str) else "")
    scenarios = scenarios.assign(
        unit_text=[unit_text(u, lang) for u in units],
        goal_text=[
            label("punct.bracketed", lang, text=_t("goal_of", lang, goal=fmt_value(v, u, lang=lang)))
            for v, u in zip(scenarios["target_value"], units, strict=True)
        ],
    )
    growth = alt.param(
        name="growth",
        value=start_growth,
        bind=alt.binding_range(min=-10, max=40, step=0.5, name=_t("growth_slider", lang) + " "),
    )
    base = (
        alt.Chart(scenarios)
        .transform_calculate(
            projected="datum.latest_value * pow(1 + growth / 100, datum.deadline - datum.latest_year)",
        )
        .transform_calculate(share="100 * datum.projected / datum.target_value")
    )
    bars = (
        base.mark_bar()
        .encode(
            y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X(
                "share:Q",
                title=_t("share_of_target", lang, deadline=deadline),
                scale=alt.Scale(domain=[0, 200], clamp=True),
            ),
            color=alt.condition("datum.share >= 100", alt.value("#2da44e"), alt.value("#f08c4a")),
            tooltip=[
                alt.Tooltip("label:N", title=_t("target", lang)),
                alt.Tooltip("projected:Q", format=".3~g", title=_t("projected", lang, deadline=deadline)),
                alt.Tooltip("target_value:Q", title=_t("target", lang)),
                alt.Tooltip("share:Q", format=".0f", title=_t("share", lang)),
            ],
        )
        .add_params(growth)
    )
    text = (
        base.transform_calculate(
            projected_text="format(datum.projected, '.3~g') + datum.unit_text + datum.goal_text"
        )
        .mark_text(align="left", dx=4)
        .encode(y=alt.Y("label:N", sort=None), x=alt.X("share:Q"), text="projected_text:N")
    )
    target_line = alt.Chart(pd.DataFrame({"x": [100]})).mark_rule(color="#cf222e").encode(x="x:Q")
    return (bars + text + target_line).properties(width=420)
