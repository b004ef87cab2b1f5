"""Visible text of the runner's own pages (run index, runs index, latest, failure page), per language.

Chinese pages carry the English beside the Chinese; the English text stands alone. Kept as data so that it
can join the project's label catalogue.
"""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "report_of": {"zh": "报告日期", "en": "Report of"},
    "report_of_en": {"zh": "report of", "en": "report of"},
    "contents": {"zh": "本期报告目录 / Contents", "en": "All pages of this run"},
    "all_runs": {"zh": "历次报告 / All runs", "en": "All runs"},
    "latest": {"zh": "最新报告 / Latest", "en": "Latest"},
    "latest_short": {"zh": "最新 latest", "en": "latest"},
    "latest_complete": {"zh": "最新完整报告 / Latest complete run", "en": "Latest complete run"},
    "no_complete_run": {"zh": "尚无完整报告 / No complete run yet.", "en": "No complete run yet."},
    "latest_rule": {
        "zh": "“最新报告”只指向最新的完整默认报告；专题报告（自定数据、截至日期、部分目标、"
        "其他语言或其他方案）单独列出。/ “Latest” is the newest complete default run; ad hoc runs "
        "(own data, a cut-off date, some targets, another language or plan) are listed but never "
        "become latest.",
        "en": "“Latest” is the newest complete default run; ad hoc runs (own data, a cut-off date, some "
        "targets, another language or plan) are listed but never become latest.",
    },
    # A run's title names its own plan ({title}, {deadline} from the plan's plan.yaml).
    "plan_title": {"zh": "{title}：{deadline}年目标评估", "en": "{title}: the {deadline} targets"},
    "plan_title_en": {"zh": "{title}, {deadline} targets", "en": "{title}, {deadline} targets"},
    # The runs index lists the runs of every plan, so its title names none.
    "runs_title": {
        "zh": "科技创新行动方案目标评估：历次报告 / All runs",
        "en": "S&T innovation action plan targets: all runs",
    },
    "runs_title_en": {
        "zh": "S&T innovation action plan targets",
        "en": "S&T innovation action plan targets",
    },
    "runs_intro_en": {
        "zh": "all report runs, newest first (by when they ran)",
        "en": "all report runs, newest first (by when they ran)",
    },
    "run": {"zh": "报告 Run", "en": "Run"},
    "kind": {"zh": "类型 Kind", "en": "Kind"},
    "default_run": {"zh": "默认 default", "en": "default"},
    "ad_hoc": {"zh": "专题 ad hoc", "en": "ad hoc"},
    "plan": {"zh": "方案 Plan", "en": "Plan"},
    "status": {"zh": "状态 Status", "en": "Status"},
    "complete": {"zh": "完整 complete", "en": "complete"},
    "has_failed": {"zh": "有失败页 failed pages", "en": "failed pages"},
    "pages_ok": {"zh": "成功页 Pages ok", "en": "Pages ok"},
    "as_of": {"zh": "数据截至 As of", "en": "As of"},
    "all_available": {"zh": "全部 all available", "en": "all available"},
    "lang": {"zh": "语言 Lang", "en": "Language"},
    "targets": {"zh": "目标 Targets", "en": "Targets"},
    "all_targets": {"zh": "全部 all", "en": "all"},
    "data": {"zh": "自定数据 Own data", "en": "Own data"},
    "finished": {"zh": "完成时间 Finished (UTC)", "en": "Finished (UTC)"},
    "run_date": {"zh": "报告日期 Run date", "en": "Run date"},
    "commit": {"zh": "代码版本 Commit", "en": "Commit"},
    "time": {"zh": "用时 Time", "en": "Time"},
    "page_primary": {"zh": "页面", "en": "Page"},
    "page_secondary": {"zh": "Page", "en": "Chinese title"},
    "ok": {"zh": "成功 ok", "en": "ok"},
    "failed": {"zh": "失败 failed", "en": "failed"},
    "pages_failed": {"zh": "页失败 / page(s) failed.", "en": "page(s) failed."},
    "all_built": {"zh": "全部页面生成成功 / All pages built.", "en": "All pages built."},
    "manifest_note": {
        "zh": "（输入校验和、版本、用时 / checksums, versions, timings）",
        "en": " (checksums, versions, timings)",
    },
    "notebooks_note": {"zh": "（已执行的笔记本 / executed notebooks）", "en": " (executed notebooks)"},
    "page_failed": {
        "zh": "本页生成失败，以下为错误信息。/ This page failed to build; the error follows.",
        "en": "This page failed to build; the error follows.",
    },
    "notebook": {"zh": "笔记本 / Notebook", "en": "Notebook"},
    "parameters": {"zh": "参数 / Parameters", "en": "Parameters"},
    "error": {"zh": "错误 / Error", "en": "Error"},
    "executed_to_error": {
        "zh": "执行到出错为止的笔记本 / The notebook as executed up to the error",
        "en": "The notebook as executed up to the error",
    },
    "failed_title": {"zh": "失败 / Failed", "en": "Failed"},
    # The run's files for Word, Excel and programs (report/office.py, report/store.py).
    "downloads": {"zh": "下载 / Downloads", "en": "Downloads"},
    "brief.docx": {
        "zh": "Word 简报（目标总览、逐项判断、用语说明）",
        "en": "Word brief (scorecard, verdicts, legend)",
    },
    "workbook.xlsx": {
        "zh": "Excel 工作簿（目标总览与概率、观测数据与来源原文）",
        "en": "Excel workbook (scorecard with probabilities, observations with sources and quotes)",
    },
    "assessments.json": {
        "zh": "评估结果数据（各页面据此生成）",
        "en": "the judgements as data (every page is rendered from it)",
    },
}


def texts(lang: str) -> dict[str, str]:
    """Every text above in ``lang`` ("zh" or "en")."""
    return {key: by_lang[lang] for key, by_lang in TEXT.items()}
