"""One catalogue of the words readers see, in Chinese and English, and one way to write a number.

Every visible label is ``{"zh": ..., "en": ...}`` data looked up with :func:`label`; numbers go through
:func:`fmt_value` (a value with its unit, bound and year) and :func:`fmt_pct` (a growth rate), so a missing
value reads the same everywhere. An unknown language is a :class:`~hzanalysis.errors.ParameterError`,
never a silent fall-back to Chinese.
"""

from __future__ import annotations

import math

from .errors import ParameterError

LANGS: tuple[str, ...] = ("zh", "en")
#: What every formatter shows for a value that is not there.
MISSING = "—"

#: English renderings of the units in the indicator catalogue and the target registry. A count unit
#: (家, 个, 项) is rendered generically because the same unit counts enterprises, carriers and institutions.
UNIT_EN: dict[str, str] = {
    "%": "%",
    "家": " units",
    "个": " units",
    "项": " items",
    "件": " items",
    "套": " homes",
    "位": " (rank)",
    "亿元": " × 100 million yuan",
    "万平方米": " × 10,000 m²",
    "万人": " × 10,000 people",
    "件/万人": " per 10,000 residents",
}

LABELS: dict[str, dict[str, str]] = {
    # table headers (frames carry the key after "col."; display.table puts the words on last)
    "col.action": {"zh": "行动", "en": "Action"},
    "col.target": {"zh": "目标", "en": "Target"},
    "col.goal": {"zh": "目标值", "en": "Goal"},
    "col.kind": {"zh": "类型", "en": "Kind"},
    "col.latest": {"zh": "最新值", "en": "Latest"},
    "col.gap": {"zh": "差距", "en": "Gap"},
    "col.source": {"zh": "来源", "en": "Source"},
    "col.probability": {"zh": "达成概率", "en": "P(met)"},
    "col.verdict": {"zh": "判断", "en": "Verdict"},
    "col.needed_growth": {"zh": "所需年增长", "en": "Needed growth/yr"},
    "col.historical_growth": {"zh": "历史年增长", "en": "Historical growth/yr"},
    "col.eurostat": {"zh": "欧盟规则", "en": "Eurostat"},
    "col.missing": {"zh": "缺少什么", "en": "What is missing"},
    "col.item": {"zh": "项目", "en": "Item"},
    "col.content": {"zh": "内容", "en": "Content"},
    "col.year": {"zh": "年份", "en": "Year"},
    "col.value": {"zh": "数值", "en": "Value"},
    "col.link": {"zh": "链接", "en": "Link"},
    "col.published": {"zh": "发布日期", "en": "Published"},
    "col.quote": {"zh": "原文", "en": "Quote"},
    "col.quality": {"zh": "来源等级", "en": "Quality"},
    "col.note": {"zh": "备注", "en": "Note"},
    "col.rule": {"zh": "规则", "en": "Rule"},
    "col.category": {"zh": "结论", "en": "Category"},
    "col.explanation": {"zh": "依据", "en": "Explanation"},
    "col.indicator": {"zh": "所需指标", "en": "Indicator"},
    "col.years_missing": {"zh": "缺失年份", "en": "Years missing"},
    "col.holder": {"zh": "数据持有部门", "en": "Held by"},
    "col.responsible_units": {"zh": "方案责任单位", "en": "Responsible units (plan)"},
    "col.target_value": {"zh": "目标值", "en": "Target value"},
    "col.probability_from": {"zh": "概率来源", "en": "Probability from"},
    "col.brier": {"zh": "Brier 分数", "en": "Brier"},
    "col.log_loss": {"zh": "对数损失", "en": "Log loss"},
    "col.mean_p": {"zh": "平均概率", "en": "Mean probability"},
    "col.base_rate": {"zh": "实际发生频率", "en": "Observed frequency"},
    "col.n_events": {"zh": "事件数", "en": "Events"},
    "col.as_of": {"zh": "数据截至", "en": "As of"},
    # facts rows
    "fact.target": {"zh": "目标", "en": "Target"},
    "fact.section": {"zh": "方案出处", "en": "Plan section"},
    "fact.kind": {"zh": "类型", "en": "Kind"},
    "fact.goal": {"zh": "目标值", "en": "Goal"},
    "fact.deadline": {"zh": "期限", "en": "Deadline"},
    "fact.period": {"zh": "计算期", "en": "Period counted"},
    "fact.responsible_units": {"zh": "责任单位", "en": "Responsible units"},
    "fact.plan_text": {"zh": "方案原文", "en": "Plan text"},
    "fact.holder": {"zh": "数据持有部门", "en": "Who holds the figure"},
    # The registry's interpretation notes are written in English (marked lang="en" on Chinese pages).
    "fact.note": {"zh": "登记说明（英文）", "en": "Note"},
    "fact.as_of": {"zh": "数据截至", "en": "Data as of"},
    "fact.data_files": {"zh": "自有数据文件", "en": "Extra data files"},
    "fact.n_targets": {"zh": "方案目标数", "en": "Targets in the plan"},
    "fact.with_data": {"zh": "至少有一个观测值的目标", "en": "Targets with at least one observation"},
    "fact.with_forecast": {"zh": "可做概率预测的目标", "en": "Targets with a forecast"},
    "fact.latest": {"zh": "最新值", "en": "Latest value"},
    "fact.needed_growth": {"zh": "所需年均增长", "en": "Needed annual growth"},
    "fact.historical_growth": {"zh": "历史年均增长", "en": "Historical annual growth"},
    "fact.method": {"zh": "预测方法", "en": "Forecast method"},
    "fact.observed_total": {"zh": "期内已累计", "en": "Observed total in the period"},
    "fact.needed_flow": {"zh": "剩余每年需完成", "en": "Needed per remaining year"},
    # values
    "value.all_published": {"zh": "全部已公布数据", "en": "all published figures"},
    "value.none": {"zh": "无", "en": "none"},
    "value.no_units_named": {"zh": "方案未列明", "en": "none named in the plan"},
    "value.first_place": {"zh": "居各县区首位", "en": "first among county-level units"},
    "value.quantitative": {"zh": "个定量", "en": "quantitative"},
    "value.no_period_figure": {"zh": "期内尚无观测值", "en": "no figure observed in the period yet"},
    "value.per_year": {"zh": "/年", "en": " a year"},
    "value.figure_needed": {"zh": "需要补充", "en": "figure needed"},
    "value.model_warnings": {"zh": "模型警告（{n}条）", "en": "Model warnings ({n})"},
    "value.no_rows": {"zh": "（无）", "en": "(none)"},
    "value.show_all": {"zh": "展开全文", "en": "show all"},
    "value.replaced": {"zh": "被替换的数值：{text}", "en": "Value replaced: {text}"},
    "value.look_back_pending": {
        "zh": "期限年份的数据公布后（已实现/未实现），这里列出此前各时点的判断，便于回看多早能作出结论。",
        "en": "Once the deadline year's figure is published (achieved/missed), this lists what was said at "
        "each earlier date, to show how early the outcome could have been called.",
    },
    "value.look_back_none": {
        "zh": "尚无目标的期限年份数据公布；公布后，这里列出结果（已实现/未实现）及此前各时点的判断。",
        "en": "No target's deadline-year figure is published yet; once one is, its outturn "
        "(achieved/missed) and what was said at each earlier date are listed here.",
    },
    "value.outturn": {"zh": "结果", "en": "outturn"},
    "value.basis_outturn": {"zh": "期限年份数据", "en": "the deadline year's figure"},
    "print.legend": {
        "zh": "判断等级：很可能 ≥90%；可能 66–90%；可能性相当 33–66%；不太可能 10–33%；"
        "极不可能 <10%（达成概率）。"
        "已实现/未实现：期限年份数据已公布，按实际结果判定。数据不足：公开数据只有一个或没有观测值。",
        "en": "Verdicts: very likely ≥ 90%; likely 66–90%; about as likely as not 33–66%; unlikely 10–33%; "
        "very unlikely < 10% (probability of meeting the target). Achieved / missed: the deadline year's "
        "figure is published and decides. Insufficient data: one public observation or none.",
    },
    "print.own_files": {
        "zh": "含研究者自有数据文件：{files}。",
        "en": "Includes the researcher's own data files: {files}.",
    },
    # the rules' category once the deadline figure is published (views.outturn_category)
    "rule.outturn_achieved": {"zh": "期末已达到", "en": "met at the deadline"},
    "rule.outturn_missed": {"zh": "期末未达到", "en": "not met at the deadline"},
    "value.no_reference_class": {
        "zh": "本目标未使用参考类。",
        "en": "No reference class was used for this target.",
    },
    "col.latest_then": {"zh": "当时最新值", "en": "Latest figure then"},
    "col.verdict_then": {"zh": "当时判断", "en": "Verdict then"},
    "col.basis": {"zh": "依据", "en": "Basis"},
    "col.outturn": {"zh": "结果", "en": "Outturn"},
    "col.earlier": {"zh": "此前各时点的判断", "en": "What was said earlier"},
    "bound.=": {"zh": "点值", "en": "point value"},
    "bound.>": {"zh": "下限（超过）", "en": "lower bound (more than)"},
    "bound.>=": {"zh": "下限（不低于）", "en": "lower bound (at least)"},
    "bound.<": {"zh": "上限（低于）", "en": "upper bound (less than)"},
    "bound.<=": {"zh": "上限（不超过）", "en": "upper bound (at most)"},
    "quality.official_statistics": {"zh": "官方统计", "en": "official statistics"},
    "quality.official_media": {"zh": "官方媒体/政府网站", "en": "official media"},
    "quality.secondary": {"zh": "二手汇编", "en": "secondary"},
    "kind.level": {"zh": "期末水平", "en": "level in the deadline year"},
    "kind.annual_floor": {"zh": "每年不低于", "en": "every-year floor"},
    "kind.cumulative": {"zh": "期间累计", "en": "cumulative over the period"},
    "kind.rank": {"zh": "排名", "en": "rank"},
    "kind.growth": {"zh": "较基年增长", "en": "growth over a base year"},
    "kind.qualitative": {"zh": "定性", "en": "qualitative"},
    "gap.observed": {"zh": "有观测值", "en": "observed"},
    "gap.bound": {"zh": "仅有区间/上下限", "en": "bound only"},
    "gap.missing": {"zh": "缺失", "en": "missing"},
    "gap.not_yet_due": {"zh": "尚未到公布时间", "en": "not yet due"},
    # how a target stands (Assessment.status)
    "status.forecast": {"zh": "已预测", "en": "forecast"},
    "status.single_point": {"zh": "仅一个观测值", "en": "one observation"},
    "status.no_data": {"zh": "无数据", "en": "no data"},
    "status.achieved": {"zh": "已实现", "en": "achieved"},
    "status.missed": {"zh": "未实现", "en": "missed"},
    "status.qualitative": {"zh": "定性目标", "en": "qualitative"},
    "status.peers_missing": {"zh": "同级县区数据缺失", "en": "peer data missing"},
    "status.period_gap": {"zh": "考核期内有缺年", "en": "gap inside the period"},
    "status.forecast_failed": {"zh": "无法预测", "en": "no forecast possible"},
    "value.holder_unknown": {"zh": "数据持有部门", "en": "the bureau that holds the figures"},
    # the terminal scorecard (hzanalysis assess)
    "cli.missing_data": {"zh": "缺少的数据：", "en": "Missing data:"},
    "value.not_yet_due": {
        "zh": "{year}年数据尚未到公布时间（最早{next_year}年公布）",
        "en": "not yet due (the {year} figure is published in {next_year} at the earliest)",
    },
    # a sentence added to the gaps grid's legend prose only when the grid has years not yet due
    "value.not_yet_due_legend": {
        "zh": "；浅蓝：尚未到公布时间（{years}年）",
        "en": "; pale blue: not yet due ({years})",
    },
    # how the scorecard prose names the plan's actions ("按方案五大行动分组")
    "value.actions": {"zh": "{n}大行动", "en": "{n} actions"},
    "value.actions_none": {"zh": "目标", "en": "targets"},
    # the forecasting ladder and the models section
    "method.settled": {"zh": "由已观测数据判定", "en": "settled by observed figures"},
    "method.too_few": {"zh": "不预测：观测值少于两个", "en": "no forecast: fewer than two observations"},
    "rung.model": {
        "zh": "默认模型（6个及以上观测点；{auto}），区间按参考面板经验校准",
        "en": "default model (6+ points; {auto}), intervals calibrated on the reference panel",
    },
    "rung.short": {
        "zh": "短序列（2–5个观测点）：外推观测到的增长，区间取自参考面板同类方法在同一步长上的实际误差",
        "en": "short series (2-5 points): observed growth extrapolated, spread from the panel's errors "
        "at that horizon",
    },
    "rung.persistence": {
        "zh": "短序列（2–5个观测点）：本单位的增长按从各总体学得的趋势延续性与参考类"
        "（无参考类时与其增长最相近的各总体）加权，这一不确定性计入区间",
        "en": "short series (2-5 points): the unit's growth weighed against its class's (without a class, "
        "the populations whose growth it resembles) by a trend persistence learned across populations, "
        "whose doubt widens the interval",
    },
    "models.settled": {
        "zh": "无需预测：目标已由观测数据判定（{status}）。",
        "en": "No forecast needed: the observed figures already settle this target ({status}).",
    },
    "models.insufficient": {"zh": "无预测：数据不足。", "en": "No forecast: insufficient data."},
    "models.qualitative": {"zh": "定性目标，不做预测。", "en": "A qualitative aim: no forecast."},
    "models.intro": {
        "zh": "“auto”为默认模型：{auto}；观测点为2–5个时按学得的趋势延续性外推（比重、计数、金额）。其余为"
        "单一模型按本单位自身趋势、在面板校准下给出的概率，用于检查结论是否依赖模型选择。",
        "en": "“auto” is the default model: {auto}; with 2-5 points of a share, count or amount it weighs "
        "the trend by the learned persistence. The others are single models extrapolating the unit's own "
        "trend with the panel calibration, to show whether the conclusion depends on the model.",
    },
    "probability.calibrated": {"zh": "本工具（已校准）", "en": "this tool (calibrated)"},
    "probability.uncalibrated": {
        "zh": "模型自带区间（未校准）",
        "en": "models' own intervals (uncalibrated)",
    },
    "probability.eurostat_rule": {"zh": "欧盟规则（0/1）", "en": "Eurostat rule (0/1)"},
    "domain.share": {"zh": "比重类", "en": "shares"},
    "domain.count": {"zh": "计数类", "en": "counts"},
    "domain.amount": {"zh": "金额/面积类", "en": "amounts"},
    "domain.level": {"zh": "其他水平类", "en": "other levels"},
    # charts
    "chart.probability": {"zh": "达成概率", "en": "Probability of meeting the target"},
    "chart.target": {"zh": "目标", "en": "Target"},
    "chart.verdict": {"zh": "判断", "en": "Verdict"},
    "chart.year": {"zh": "年份", "en": "Year"},
    "chart.value": {"zh": "数值", "en": "Value"},
    "chart.source": {"zh": "来源", "en": "Source"},
    "chart.quote": {"zh": "原文", "en": "Quote"},
    "chart.quality": {"zh": "来源等级", "en": "Source quality"},
    "chart.median": {"zh": "预测中位数", "en": "Forecast median"},
    "chart.band": {"zh": "预测区间", "en": "Forecast interval"},
    "chart.required": {"zh": "所需年均增长", "en": "Required annual growth"},
    "chart.historical": {"zh": "历史年均增长", "en": "Historical annual growth"},
    "chart.model": {"zh": "模型", "en": "Model"},
    "chart.latest": {"zh": "最新值", "en": "Latest value"},
    "chart.action": {"zh": "行动", "en": "Action"},
    "chart.nominal": {"zh": "名义覆盖率", "en": "Nominal coverage"},
    "chart.empirical": {"zh": "实际覆盖率", "en": "Empirical coverage"},
    "chart.horizon": {"zh": "预测步长（年）", "en": "Horizon (years)"},
    "chart.predicted": {"zh": "预测概率", "en": "Forecast probability"},
    "chart.observed_freq": {"zh": "实际发生频率", "en": "Observed frequency"},
    "chart.state": {"zh": "数据状态", "en": "Data status"},
    "chart.growth_slider": {"zh": "设定年均增长率（%）", "en": "Annual growth (%)"},
    "chart.no_growth": {
        "zh": "数据不足：至少需要一个观测值才能计算所需增长",
        "en": "Not enough data: growth needs at least one observation",
    },
    "chart.no_observation": {
        "zh": "没有观测值，无法作图；见下方数据缺口说明",
        "en": "No observation to plot; see what is missing below",
    },
    "chart.share_of_target": {"zh": "{deadline}年值 / 目标（%）", "en": "{deadline} value as % of target"},
    "chart.bound": {"zh": "数值类型", "en": "Kind of value"},
    "chart.point": {"zh": "观测值", "en": "observed value"},
    "chart.bound_mark": {"zh": "界限值（超过/以上）", "en": "bound (more than / at least)"},
    "chart.upper": {"zh": "区间上限", "en": "Upper end"},
    "chart.lower": {"zh": "区间下限", "en": "Lower end"},
    "chart.projected": {"zh": "情景下{deadline}年值", "en": "{deadline} value in this scenario"},
    "chart.share": {"zh": "占目标（%）", "en": "% of target"},
    "chart.no_scenarios": {
        "zh": "没有可设定增长情景的目标。\n情景只用于期限年份数据尚未公布、且已有最新值的水平类目标；\n"
        "本次这类目标的期限年份数据都已公布（结果见“目标总览”页），或缺少数据（见“数据缺口”页）。",
        "en": "No target to set a growth scenario for.\nScenarios apply to level targets with a latest "
        "value whose deadline-year figure is not published yet;\nhere every such target is settled "
        "(see the scorecard) or lacks data (see the data-gaps page).",
    },
    "chart.detail": {"zh": "详情", "en": "Detail"},
    "chart.method": {"zh": "方法", "en": "Method"},
    "chart.growth_kind": {"zh": "增长", "en": "Growth"},
    "chart.growth_rate": {"zh": "年均增长率", "en": "Annual growth rate"},
    "chart.count": {"zh": "事件数", "en": "Events"},
    "print.title": {
        "zh": "{region}{deadline}年科技创新目标一览",
        "en": "{region} {deadline} S&T targets at a glance",
    },
}

# Plausibility warnings on the target and data-gaps pages (codes of hzanalysis.observations.plausible, stored
# per target in assessments.json). One block, kept apart so the language layer's rework merges cleanly.
LABELS.update(
    {
        "plausibility.heading": {
            "zh": "可疑数值（照常使用，请核对）",
            "en": "Implausible figures (used as given; please check them)",
        },
        "plausibility.jump_beyond_panel": {
            "zh": (
                "{region}{indicator}{year}年为{value}，是{year_before}年（{value_before}）的{ratio}倍：参考面板"
                "（{panel}，{panel_years}）中没有哪个省份一年内变化这么快，可信范围为{low}至{high}。"
                "请核对单位、位数、年份和统计范围（{where}）。"
            ),
            "en": (
                "{region}, {indicator}, {year}: {value}, {ratio} times the {year_before} figure "
                "({value_before}); no province in the reference panel ({panel}, {panel_years}) ever moved "
                "that fast in a year (plausible: {low} to {high}). Check the unit, the digits, the year and "
                "the region's scope ({where})."
            ),
        },
        "plausibility.jump_tenfold": {
            "zh": (
                "{region}{indicator}{year}年为{value}，是{year_before}年（{value_before}）的{ratio}倍"
                "（该指标没有参考面板，相差十倍及以上即提示）。请核对单位、位数、年份和统计范围（{where}）。"
            ),
            "en": (
                "{region}, {indicator}, {year}: {value}, {ratio} times the {year_before} figure "
                "({value_before}) (this indicator has no reference panel; a tenfold change is flagged). "
                "Check the unit, the digits, the year and the region's scope ({where})."
            ),
        },
        "plausibility.above_ceiling": {
            "zh": (
                "{region}{indicator}{year}年为{value}，高于参考面板（{panel}，{panel_years}）中任何省份报告过的"
                "水平（上限{ceiling}）。请核对单位和位数（{where}）。"
            ),
            "en": (
                "{region}, {indicator}, {year}: {value}, above every level any province of the reference "
                "panel ({panel}, {panel_years}) reported (ceiling {ceiling}). Check the unit and the digits "
                "({where})."
            ),
        },
    }
)


#: The notebooks' prose (Markdown), one entry per section; shown by ``display.prose`` in the reader's
#: language only, so an English page is not Chinese prose followed by its translation.
PROSE: dict[str, dict[str, str]] = {
    "scorecard.title": {
        "zh": "# {plan_title}：{deadline}年目标总览",
        "en": (
            "# {plan_title}: scorecard of the {deadline} targets\n\n*《{plan_title_zh}》 (issued {issued})*"
        ),
    },
    "scorecard.chart": {
        "zh": (
            "## 各目标达成概率\n"
            "\n"
            "按方案{actions}分组。条形长度为到{deadline}年达到目标的概率；颜色为判断等级；灰色表示数据不足或定"
            "性目标。把鼠标停在条形上可看到最新值及其来源。"
        ),
        "en": (
            "## Probability of meeting each target\n"
            "\n"
            "Grouped by the plan's {actions}; bar = probability of meeting the target by {deadline}; colou"
            "r = verdict; grey = insufficient data or qualitative. Hover for the latest value and its s"
            "ource."
        ),
    },
    "scorecard.table": {
        "zh": (
            "## 总览表\n"
            "\n"
            "点击表头可排序。“所需年增长”是从最新值到{deadline}年目标所需的年均复合增长；“欧盟规则”是欧盟统计"
            "局（Eurostat）的进展评价，与概率并列展示，不替代概率；目标年份数据公布后改列期末结果。“差距”写明方向：“差”是最新值"
            "低于目标多少，“超”是高出多少；百分比指标的差距以个百分点计（3.62%对3.8%是差0.18个百分点）。"
        ),
        "en": (
            "## Scorecard table\n"
            "\n"
            "Click a header to sort. “Needed growth” is the compound annual growth from the latest valu"
            "e to the {deadline} target; the Eurostat rule is shown beside the probability, not instead of it"
            ", and gives the outturn once the deadline figure is published. The gap says its direction: "
            "“short” is how far the latest value is below the goal, “above” how far beyond it; the gap of a "
            "share is in percentage points (pp: 3.62% against 3.8% is 0.18 pp short)."
        ),
    },
    "scorecard.how_to_read": {
        "zh": (
            "## 如何阅读\n"
            "\n"
            "- **概率**来自按省级研发强度面板经验校准的预测分布（见“可靠性”页）；观测点少于6个的指标，"
            "用观测到的增长外推，区间宽度取自参考面板同类方法在同一预测步长上的实际误差。\n"
            "- **判断等级**（IPCC 惯例）：很可能 ≥ 90%；可能 66–90%；可能性相当 33–66%；不太可能 10–33%"
            "；极不可能 < 10%。{deadline}年数据公布后改为“已实现/未实现”。\n"
            "- **数据不足**：公开数据只有一个或没有观测值；“数据缺口”页列出缺什么、由谁掌握。\n"
            "- 任何数字都不是插补或估算得来：每个观测值都附来源、日期和原文（见各目标页）。\n"
            "- 打印本页得到一页A4的领导简表。"
        ),
        "en": (
            "## How to read this\n"
            "\n"
            "- **Probabilities** come from forecast distributions calibrated empirically on the provinc"
            "ial R&D panel (see the reliability page); indicators with fewer than 6 points extrapolate "
            "the observed growth, with the spread of the same method's real errors on the panel at the "
            "same horizon.\n"
            "- **Verdicts** (IPCC scale): very likely ≥ 90%; likely 66–90%; about as likely as not 33–6"
            "6%; unlikely 10–33%; very unlikely < 10%. Once the {deadline} figure is published: achieved / mi"
            "ssed.\n"
            "- **Insufficient data**: one public observation or none; the data-gaps page says what is m"
            "issing and who holds it.\n"
            "- No number is interpolated or estimated: every observation carries its source, date and q"
            "uote (see each target page).\n"
            "- Printing this page gives a one-page A4 summary for leaders."
        ),
    },
    "target.title": {
        "zh": "# 目标详情",
        "en": "# Target page",
    },
    "target.facts": {
        "zh": "## 方案原文与责任单位",
        "en": "## What the plan says",
    },
    "target.history": {
        "zh": (
            "## 历史与预测\n"
            "\n"
            "黑点为观测值（鼠标悬停可见来源与原文；三角为“超过/以上”等界限值，不参与拟合）；蓝色区域为5"
            "0%/80%/95%预测区间；红线为目标值，虚线为期限。"
        ),
        "en": (
            "## History and forecast\n"
            "\n"
            "Black points are observations (hover for source and quote; triangles are bounds such as “m"
            "ore than”, shown but never fitted); blue bands are the 50/80/95% forecast intervals; the r"
            "ed line is the target, the dashed line the deadline."
        ),
    },
    "target.growth": {
        "zh": "## 所需增长与历史增长",
        "en": "## Required against historical growth",
    },
    "target.models": {
        "zh": "## 各模型的概率",
        "en": "## Each model's probability",
    },
    "target.rules": {
        "zh": (
            "## 官方评价规则对照\n"
            "\n"
            "欧盟统计局、SDSN、德国统计局与“时间过半、任务过半”四种规则都只看端点、不含不确定性，并列展"
            "示以便比较。"
        ),
        "en": (
            "## Official rules side by side\n"
            "\n"
            "Eurostat, SDSN, Destatis and the Chinese mid-term review rule (时间过半、任务过半) are end"
            "point rules without uncertainty; they are shown side by side for comparison."
        ),
    },
    "target.observations": {
        "zh": "## 观测值及来源",
        "en": "## Observations and sources",
    },
    "reliability.title": {
        "zh": (
            "# 可靠性：这类预测过去有多准？\n"
            "\n"
            "本工具的区间宽度在六个省级参考面板上拟合（研发投入强度、研发经费、发明专利授权量、万人有效"
            "发明专利、技术合同成交额、有效高新技术企业）。本页的每个数字都是样本外的：每次留出一个面板"
            "不参与拟合，只在其余面板上拟合，再在留出的面板上检验；旅游和M1两个外部面板从不参与拟合。"
            "检验三种历史长度：完整历史、3个点、以及{region}公开数据的形状——两个点，相隔1至7年。结果"
            "由 `make calibrate` 预先算好并随软件发布，本页只读取。"
        ),
        "en": (
            "# Reliability: how often were forecasts of this kind right?\n"
            "\n"
            "The spread of every forecast is fitted on six provincial reference panels. Every figure on"
            " this page is out of sample: each panel in turn is held out of the fit and scored; the Tou"
            "rism and M1 panels are never fitted on. Three history shapes are scored: full histories, t"
            "hree points, and the shape of {region}'s public data, two points 1–7 years apart. The resul"
            "ts are computed by `make calibrate` and shipped; this page only reads them."
        ),
    },
    "reliability.coverage": {
        "zh": (
            "## 区间覆盖率\n"
            "\n"
            "两个点的历史，汇总六个留出面板。实线越接近虚线（名义覆盖率），区间越可信。“旧校准”为此前"
            "只在研发面板上拟合的版本。"
        ),
        "en": (
            "## Interval coverage by horizon\n"
            "\n"
            "Two-point histories, pooled over the six held-out panels. The closer the lines are to the "
            "dashed nominal level, the more the intervals can be trusted. “previous calibration” is the"
            " earlier version fitted on the R&D panel alone."
        ),
    },
    "reliability.diagram": {
        "zh": (
            "## 可靠性图\n"
            "\n"
            "事件：“某年数值不低于最新值的0.9–1.4倍”。若预测概率为70%的事件实际约七成发生，点就落在对角线上。"
        ),
        "en": (
            "## Reliability diagram\n"
            "\n"
            "Events: “the value in year T is at least 0.9–1.4 times the latest value”. If events given "
            "70% happen about 70% of the time, points lie on the diagonal."
        ),
    },
    "reliability.panels": {
        "zh": (
            "## 各面板的成绩\n"
            "\n"
            "覆盖率目标：80%区间0.76–0.84，95%区间0.92–0.97；可靠性偏差（每组至"
            "少30个事件）不超过0.10；Brier分数越低越好，对照“欧盟规则读作0或1”和留出面板"
            "自身的基率（后者是用答案拟合的，很难超越）。"
        ),
        "en": (
            "## Figures per held-out panel\n"
            "\n"
            "Aims: 80% intervals covering 0.76–0.84 and 95% intervals 0.92–0.97; reliability gap (bins "
            "of at least 30 events) at most 0.10; lower Brier is better, against the Eurostat rule read"
            " as 0/1 and the held-out panel's own base rate per threshold and horizon (fitted on the an"
            "swers, hard to beat)."
        ),
    },
    "reliability.populations": {
        "zh": (
            "## 二至五个数字的概率：在从未拟合过的总体上是否成立\n"
            "\n"
            "趋势能延续多远，是各总体不同的性质。二至五个数字的预测按从各总体学得的延续性衡量本单位自身的"
            "趋势，并把这种不确定性纳入概率。检验时每次留出一个总体（中国六个省级面板、美国各州三个面板、"
            "欧盟NUTS-2地区、Tourism、M1），只用其余总体拟合，再对留出的总体评分；有参考类时，参考类只用"
            "当时已知的数据。下表逐一列出每个总体达到和未达到的目标。"
        ),
        "en": (
            "## Probabilities from two to five figures: do they hold on populations never fitted on?\n"
            "\n"
            "How far a trend carries differs between populations. A forecast from two to five figures weighs "
            "the unit's own trend by a persistence learned across populations and carries that doubt into "
            "the probability. Each population (six Chinese provincial panels, three US-state panels, EU "
            "NUTS-2 regions, Tourism, M1) is left out in turn, the rest fitted, the one left out scored; "
            "with a class, only what the class knew at the time is used. The table says, population by "
            "population, which aims are met and which are not."
        ),
    },
    "reliability.outside_view": {
        "zh": (
            "## 参考类判断\n"
            "\n"
            "只有一个数字时，用同一指标在其他省份同样年数内的增长分布来判断。检验时每次留出一个省份，只"
            "用其余省份在当时已知的增长。"
        ),
        "en": (
            "## The outside view\n"
            "\n"
            "With one figure, the judgement uses how the same indicator grew in the other provinces ove"
            "r the same number of years. Scored leaving each province out of its own class, using only "
            "growth known at the time."
        ),
    },
    "gaps.title": {
        "zh": (
            "# 数据缺口\n"
            "\n"
            "{region}公开统计数据很少。本页列出每个目标在各年份有无观测值，以及缺什么、由谁掌握，可直接作"
            "为向各部门索取数据的清单。自有数据可用 `hzanalysis data template` 生成模板填写后，通过 `--"
            "data` 参数加入。"
        ),
        "en": (
            "# Data gaps\n"
            "\n"
            "Public statistics for {region} are sparse. This page shows, for every target and year, whet"
            "her a figure is observed, and what is missing and who holds it: a checklist to send to the"
            " bureaux. Add your own figures with `hzanalysis data template` and `--data`."
        ),
    },
    "gaps.grid": {
        "zh": "## 目标 × 年份\n\n绿色：有观测值；黄色：只有“超过/以上”等界限值；灰色：缺失{not_yet_due}。",
        "en": "## Targets × years\n\nGreen: observed; yellow: only a bound; grey: missing{not_yet_due}.",
    },
    "gaps.checklist": {
        "zh": "## 数据索取清单（{period}年）",
        "en": "## Checklist for the bureaux ({period})",
    },
    "scenarios.title": {
        "zh": (
            "# 情景：需要多快的增长？\n"
            "\n"
            "拖动滑块设定年均增长率，图中显示各目标按此增长到{deadline}年的数值占目标的比例（≥100% 为达到）。"
            "这是读者设定的情景，不是预测。"
        ),
        "en": (
            "# Scenarios: what growth is needed?\n"
            "\n"
            "Move the slider to set an annual growth rate; the chart shows each target's {deadline} value und"
            "er that growth as a share of its target (≥ 100% = met). A scenario the reader sets, not a "
            "forecast."
        ),
    },
    "scenarios.table": {
        "zh": (
            "## 所需增长\n"
            "\n"
            "从最新值到{deadline}年目标所需的年均增长，与有两个以上观测点时的历史年均增长对照。"
        ),
        "en": (
            "## Growth each target needs\n"
            "\n"
            "The annual growth from the latest value to the {deadline} target, beside the historical growth w"
            "here two or more points exist."
        ),
    },
    "scorecard.look_back": {
        "zh": (
            "## 已见分晓的目标：事后回看\n"
            "\n"
            "期限年份数据公布后，每个目标的结果（已实现/未实现）旁列出此前各时点（自方案印发起每年1月1日、"
            "7月1日）仅用当时已公布数据所作的判断，可见多早能作出结论。"
        ),
        "en": (
            "## Settled targets: looking back\n"
            "\n"
            "Once a deadline year is published: each target's outturn, and beside it what was said on each "
            "1 January and 1 July since the plan was issued, using only what had been published then."
        ),
    },
    "target.reference_class": {
        "zh": (
            "## 参考类\n"
            "\n"
            "标注“参考类判断”的结论只有一个观测值：概率来自同一指标在其他地区同样年数内的增长分布（参考类预测）。"
            "有2–5个观测值时，参考类的增长是本单位趋势的先验：本单位趋势延续多远，由参考类各单位当时已知的"
            "数据和其他总体学得；下表列出在哪些留出的总体上这些概率得到验证。"
        ),
        "en": (
            "## Reference class\n"
            "\n"
            "A verdict labelled “outside view” rests on one figure: the probability comes from how the "
            "same indicator grew in other regions over the same number of years (reference-class "
            "forecasting). With 2–5 figures, the class's growth is the prior of the unit's trend: how far "
            "the trend carries is learned from the class's units as known then and from other populations; "
            "the table says on which populations, left out of the fit, these probabilities held."
        ),
    },
    "target.look_back": {
        "zh": (
            "## 事后回看\n"
            "\n"
            "期限年份的数据公布后，列出此前每年1月1日、7月1日（自方案印发起）仅用当时已公布数据所作的判断。"
        ),
        "en": (
            "## Looking back\n"
            "\n"
            "Once the deadline year is observed: what the tool said on each 1 January and 1 July since the "
            "plan was issued, using only what had been published by then."
        ),
    },
}


def check_lang(lang: object) -> str:
    """``lang`` itself when it is "zh" or "en"; otherwise a ParameterError that says what to pass."""
    if lang not in LANGS:
        raise ParameterError(f"lang: expected 'zh' (Chinese) or 'en' (English); found {lang!r}")
    return str(lang)


def label(key: str, lang: str = "zh", **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{name}`` fields filled from ``values``."""
    text = LABELS[key][check_lang(lang)]
    return text.format(**values) if values else text


def prose_text(key: str, lang: str = "zh", **fields: object) -> str:
    """The Markdown of one prose section of a notebook, in ``lang``, with the plan's ``{fields}`` filled.

    The fields (plan_title, deadline, region, ...) come from ``display.plan_words``; a section that names
    one not given is a ParameterError, so no page shows a raw ``{deadline}``.
    """
    text = PROSE[key][check_lang(lang)]
    try:
        return text.format(**fields)
    except KeyError as exc:
        raise ParameterError(
            f"prose {key!r} needs the field {exc.args[0]!r}; pass the plan (plan=...)"
        ) from None


#: Counts as the prose writes them: 五大行动 / five actions (两, not 二, before a measure word).
NUMBER_WORDS: dict[str, tuple[str, ...]] = {
    "zh": ("零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十"),
    "en": ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
}


def number_word(n: int, lang: str = "zh") -> str:
    """A small count in words (五, five); digits beyond ten."""
    words = NUMBER_WORDS[check_lang(lang)]
    return words[n] if 0 <= n < len(words) else str(n)


def has_label(key: str) -> bool:
    """True when the catalogue has ``key`` (used to put headers on frames with plain keys)."""
    return key in LABELS


def is_missing(value: object) -> bool:
    """None, NaN and pandas' NA all count as missing."""
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN and pd.NA (whose comparison is NA, falsy-ambiguous) are missing
    except TypeError:
        return True


def action_text(action_zh: object, action_en: object, lang: str = "zh") -> str:
    """An action's name in ``lang``; a drafted plan whose English names await review shows the Chinese."""
    english = "" if is_missing(action_en) else str(action_en).strip()
    chinese = "" if is_missing(action_zh) else str(action_zh)
    return (english or chinese) if check_lang(lang) == "en" else chinese


def unit_text(unit: str | None, lang: str = "zh") -> str:
    """The unit as written after a number: the Chinese unit, or its English rendering."""
    if not unit or is_missing(unit):
        return ""
    return UNIT_EN.get(unit, f" {unit}") if check_lang(lang) == "en" else str(unit)


#: Bounds as printed: the mathematical signs, not the ASCII the data files use (">=95万平方米" read as code).
BOUND_SIGNS = {">=": "≥", "<=": "≤"}


def fmt_value(
    value: float | None,
    unit: str | None = "",
    bound: str | None = "=",
    year: int | None = None,
    lang: str = "zh",
) -> str:
    """A number as readers see it: ``>40%（2023）``, ``120 units (2024)``; an em dash when it is missing."""
    check_lang(lang)
    if is_missing(value):
        return MISSING
    prefix = "" if bound in (None, "=") or is_missing(bound) else BOUND_SIGNS.get(str(bound), str(bound))
    text = f"{prefix}{float(value):g}{unit_text(unit, lang)}"
    if year is not None and not is_missing(year):
        text += f" ({int(year)})" if lang == "en" else f"（{int(year)}）"
    return text


def fmt_pct(value: float | None, signed: bool = True, digits: int = 1) -> str:
    """A rate as a percentage (``+5.0%``), or an em dash when it is missing or not finite."""
    if is_missing(value) or not math.isfinite(float(value)):
        return MISSING
    return f"{float(value):{'+' if signed else ''}.{digits}%}"
