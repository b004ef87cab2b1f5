"""The command line: argument parsing, printing and exit codes; the work happens in the library.

Exit codes: 0 success; 1 a report notebook failed (the other pages are published); 2 bad input or bad
parameters (nothing written); 3 another report run holds the lock.
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from .errors import HzError
from .labels import MISSING, check_lang, fmt_pct, fmt_value, label

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_LOCKED = 0, 1, 2, 3


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``hzanalysis`` command."""
    # Notebook kernels inherit this: one BLAS thread each keeps parallel kernels from fighting over the cores.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_BAD_INPUT
    try:
        return int(args.handler(args) or EXIT_OK)
    except HzError as error:
        print(f"hzanalysis: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("hzanalysis: interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hzanalysis",
        description="Is each 2025 target of the Haizhou District S&T innovation action plan met?",
        epilog="Exit codes: 0 ok; 1 a report notebook failed; 2 bad input or parameters; "
        "3 another run holds the lock.",
    )
    sub = parser.add_subparsers(title="commands")

    data = sub.add_parser("data", help="templates, checks and the processed observations")
    data_sub = data.add_subparsers(title="data commands")
    template = data_sub.add_parser("template", help="write a CSV and an Excel template for your own figures")
    template.add_argument("--out", type=Path, default=Path("."), help="folder to write into (default: here)")
    template.add_argument("--force", action="store_true", help="overwrite existing template files")
    template.set_defaults(handler=_data_template)
    check = data_sub.add_parser("check", help="validate observation files (default: the shipped ones)")
    check.add_argument("paths", nargs="*", type=Path, help="CSV or xlsx files")
    check.set_defaults(handler=_data_check)
    build = data_sub.add_parser("build", help="validate everything and write data/processed/ (deterministic)")
    build.add_argument(
        "--data", nargs="*", type=Path, default=[], help="extra observation files (CSV or xlsx)"
    )
    build.set_defaults(handler=_data_build)

    assess = sub.add_parser("assess", help="print the judgement of every target")
    assess.add_argument("--as-of", help="use only what was published by this date (YYYY-MM-DD)")
    assess.add_argument(
        "--data", nargs="*", type=Path, default=[], help="extra observation files (CSV or xlsx)"
    )
    assess.add_argument("--lang", choices=["zh", "en"], default="zh")
    assess.add_argument("--csv", type=Path, help="also write the full table to this CSV file")
    assess.set_defaults(handler=_assess)

    report = sub.add_parser("report", help="run the notebooks into reports/<date>/ and export HTML")
    report.add_argument("--date", help="run date, YYYY-MM-DD (default: today)")
    report.add_argument("--as-of", help="use only what was published by this date (YYYY-MM-DD)")
    report.add_argument("--out", type=Path, help="reports folder (default: reports/ in the project)")
    report.add_argument(
        "--data", nargs="*", type=Path, default=[], help="extra observation files (CSV or xlsx)"
    )
    report.add_argument("--targets", nargs="*", help="only these target ids (default: all)")
    report.add_argument("--lang", choices=["zh", "en"], default="zh")
    report.add_argument("--jobs", type=int, default=2, help="notebooks run in parallel (default 2)")
    report.set_defaults(handler=_report)

    targets = sub.add_parser("targets", help="list the plan's targets")
    targets.set_defaults(handler=_targets)
    return parser


def _data_template(args: argparse.Namespace) -> int:
    from .observations import write_templates

    for path in write_templates(args.out, overwrite=args.force):
        print(f"wrote {path}")
    return EXIT_OK


def _data_check(args: argparse.Namespace) -> int:
    from .observations import check_files

    problems = check_files(args.paths)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(
        "ok: no problems found" + (f" in {len(args.paths)} file(s)" if args.paths else " in the shipped data")
    )
    return EXIT_OK


def _data_build(args: argparse.Namespace) -> int:
    from .observations import build_processed

    for path in build_processed(args.data):
        print(f"wrote {path}")
    return EXIT_OK


def _assess(args: argparse.Namespace) -> int:
    from .assess import assess_all

    table = assess_all(data=[str(p) for p in args.data], as_of=args.as_of)
    if args.csv:
        table.to_csv(args.csv, index=False)
    print(format_scorecard(table, args.lang))
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    from .report import run_report

    # One line per notebook when not on a terminal (cron logs); a progress bar otherwise.
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr)
    result = run_report(
        date=args.date,
        as_of=args.as_of,
        out=args.out,
        data=[str(p) for p in args.data],
        targets=args.targets,
        lang=args.lang,
        jobs=args.jobs,
    )
    return result.exit_code  # the runner logs its summary


def _targets(args: argparse.Namespace) -> int:
    from .targets import load_targets

    for t in load_targets():
        value = "" if t.value is None else f"{t.comparator} {t.value:g} {t.unit}"
        print(f"{t.id:<32} {t.kind:<13} {value:<22} {t.name_zh}")
    return EXIT_OK


# ---------------------------------------------------------------------------------------------------------
# Terminal table


def format_scorecard(table, lang: str = "zh") -> str:
    """The scorecard as aligned terminal text (CJK characters count as two columns)."""
    zh = check_lang(lang) == "zh"
    headers = (
        ["目标", "类型", "目标值", "最新值", "概率", "判断", "所需增长", "历史增长", "欧盟规则"]
        if zh
        else ["target", "kind", "target", "latest", "P", "verdict", "needed", "historical", "Eurostat"]
    )
    rows = []
    for r in table.itertuples(index=False):
        target_value = fmt_value(r.target_value, r.unit, lang=lang)
        latest = "—" if _nan(r.latest_value) else f"{r.latest_value:g} ({int(r.latest_year)})"
        if r.latest_bound not in (None, "=") and not _nan(r.latest_value):
            latest = f"{r.latest_bound}{latest}"
        rows.append(
            [
                (r.name_zh if zh else r.name_en),
                label(f"kind.{r.kind}", lang),
                target_value,
                latest,
                fmt_pct(r.probability, signed=False, digits=0),
                r.verdict_zh if zh else r.verdict_en,
                fmt_pct(r.required_growth)
                if not _nan(r.required_growth)
                else _flow(r.required_flow, r.unit, lang),
                fmt_pct(r.historical_growth),
                r.eurostat_zh if zh else r.eurostat_en,
            ]
        )
    lines = _align([headers, *rows])
    notes = [
        f"- {(r.name_zh if zh else r.name_en)}: {(r.missing_zh if zh else r.missing_en)}"
        for r in table.itertuples(index=False)
        if (r.missing_zh if zh else r.missing_en)
    ]
    if notes:
        lines += ["", "缺少的数据：" if zh else "Missing data:", *notes]
    return "\n".join(lines)


def _nan(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _flow(value, unit, lang: str) -> str:
    return MISSING if _nan(value) else fmt_value(value, unit, lang=lang) + label("value.per_year", lang)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _align(rows: list[list[str]]) -> list[str]:
    widths = [max(_width(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        cells = [str(c) + " " * (w - _width(str(c))) for c, w in zip(row, widths, strict=True)]
        out.append("  ".join(cells).rstrip())
    return out


if __name__ == "__main__":
    sys.exit(main())
