"""The command line: argument parsing, printing and exit codes; the work happens in the library.

Exit codes: 0 success; 1 a report notebook failed (the other pages are published); 2 bad input or bad
parameters, or a path that cannot be written (nothing written); 3 another report run holds the lock;
141 the reader of the output went away (``hzanalysis assess | head``).
"""

from __future__ import annotations

import argparse
import errno
import logging
import math
import os
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from .errors import HzError
from .fileio import atomic_write_text
from .labels import MISSING, check_lang, fmt_value, label
from .plans import DEFAULT_PLAN

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_LOCKED = 0, 1, 2, 3
#: 128 + SIGPIPE, what a shell reports for a command whose reader closed the pipe.
EXIT_BROKEN_PIPE = 141


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
        code = int(args.handler(args) or EXIT_OK)
        sys.stdout.flush()  # a closed pipe shows up here, inside the handler below, not at exit
        return code
    except BrokenPipeError:
        return _reader_went_away()
    except HzError as error:
        print(f"hzanalysis: {error}", file=sys.stderr)
        return error.exit_code
    except OSError as error:  # last resort: a file system refusal the library did not foresee
        print(f"hzanalysis: {_os_error_line(error)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("hzanalysis: interrupted", file=sys.stderr)
        return 130


def _reader_went_away() -> int:
    """``hzanalysis assess | head``: the reader closed the pipe. Stop quietly, as ``yes | head`` does.

    Python's recipe: point stdout at devnull so the interpreter's final flush cannot raise again.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_BROKEN_PIPE


def _os_error_line(error: OSError) -> str:
    """One line saying what the operating system refused and what to do about it."""
    name = error.filename or ""
    if isinstance(error, (FileExistsError, NotADirectoryError)) and name and Path(name).is_file():
        return f"{name} is a file, not a folder. Fix: give a folder path (a new one is created)."
    if isinstance(error, PermissionError):
        return f"no permission to write {name}. Fix: choose a folder you can write to (or change its rights)."
    if error.errno == errno.ENOSPC:
        return f"no space left writing {name}. Fix: free some space or choose another folder."
    return f"{error.strerror or error}: {name}. Fix: check that the path exists and that you may write to it."


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
    check.add_argument("paths", nargs="*", type=Path, help="CSV or xlsx files, or folders of them")
    _add_plan_option(check, "also report which of the plan's indicators the files cover")
    check.set_defaults(handler=_data_check)
    build = data_sub.add_parser("build", help="validate everything and write data/processed/ (deterministic)")
    build.add_argument(
        "--data", nargs="*", type=Path, default=[], help="extra observation files (CSV or xlsx)"
    )
    build.set_defaults(handler=_data_build)
    extract = data_sub.add_parser(
        "extract", help="candidate observations from bulletins/reports (txt, html, pdf, docx) for review"
    )
    extract.add_argument("files", nargs="+", type=Path, help="documents: .txt .html .pdf .docx")
    extract.add_argument("--region", required=True, help="the region the document reports on, e.g. 海州区")
    extract.add_argument("--year", type=int, help="data year (default: the year in the document's heading)")
    extract.add_argument("--title", help="source title (default: the file name)")
    extract.add_argument("--url", default="", help="source URL")
    extract.add_argument("--published", default="", help="publication date YYYY-MM-DD")
    extract.add_argument("--quality", required=True, help="official_statistics, official_media or secondary")
    extract.add_argument("--out", type=Path, required=True, help="review file to write (.xlsx or .csv)")
    extract.add_argument("--force", action="store_true", help="overwrite an existing review file")
    extract.set_defaults(handler=_data_extract)

    assess = sub.add_parser("assess", help="print the judgement of every target")
    assess.add_argument("--as-of", help="use only what was published by this date (YYYY-MM-DD)")
    assess.add_argument(
        "--data", nargs="*", type=Path, default=[], help="extra observation files (CSV or xlsx)"
    )
    assess.add_argument("--lang", choices=["zh", "en"], default="zh")
    assess.add_argument("--csv", type=Path, help="also write the full table to this CSV file")
    _add_plan_option(assess)
    assess.set_defaults(handler=_assess)

    report = sub.add_parser(
        "report",
        help="run the notebooks into reports/<date>/ and export HTML",
        description="The default run (every target, shipped data, Chinese, default plan) goes to "
        "reports/<date>/ and becomes reports/latest. A run with --data, --as-of, --targets, --lang en, "
        "another --plan or a --label is ad hoc: it goes to reports/<date>-<label>/, is listed in "
        "reports/index.html with its parameters and never becomes latest.",
    )
    report.add_argument("--date", help="run date, YYYY-MM-DD (default: today; not after today)")
    report.add_argument("--allow-future-date", action="store_true", help="accept a --date after today")
    report.add_argument("--as-of", help="use only what was published by this date (YYYY-MM-DD)")
    report.add_argument("--out", type=Path, help="reports folder (default: reports/ in the project)")
    report.add_argument(
        "--data", nargs="*", type=Path, default=[], help="extra observation files (CSV or xlsx)"
    )
    report.add_argument("--targets", nargs="*", help="only these target ids (default: all)")
    report.add_argument("--lang", choices=["zh", "en"], default="zh")
    report.add_argument(
        "--plan", default=DEFAULT_PLAN, help=f"plan id or plan folder (default: {DEFAULT_PLAN})"
    )
    report.add_argument(
        "--label", help="name of an ad hoc run: reports/<date>-<label>/ (default: from the parameters)"
    )
    report.add_argument("--jobs", type=int, default=2, help="notebooks run in parallel (default 2)")
    report.add_argument(
        "--wait",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="how long to wait for another run holding the lock (default 60; 0 = give up at once)",
    )
    report.set_defaults(handler=_report)

    targets = sub.add_parser("targets", help="list the plan's targets")
    _add_plan_option(targets)
    targets.set_defaults(handler=_targets)

    from .plan_draft import add_plan_commands  # the `plan draft` and `plan check` commands

    add_plan_commands(sub)
    return parser


def _add_plan_option(parser: argparse.ArgumentParser, purpose: str = "") -> None:
    parser.add_argument(
        "--plan",
        help="plan id (folders of data/raw/plans/) or a plan folder's path (default: haizhou-2024)"
        + (f"; {purpose}" if purpose else ""),
    )


def _data_template(args: argparse.Namespace) -> int:
    from .observations import write_templates

    for path in write_templates(args.out, overwrite=args.force):
        print(f"wrote {path}")
    return EXIT_OK


def _data_check(args: argparse.Namespace) -> int:
    from .observations import inspect_files

    found = inspect_files(args.paths)
    problems, checked = found.problems, len(found.files)
    for warning in found.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.plan is not None and not problems:
        from .plan_draft import coverage_lines

        print("\n".join(coverage_lines(args.plan, [str(p) for p in found.files])))
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if found.replaced:
        from .observations import replacement_text

        print("replaced figures (the rule is in the README, section 'Your own figures'):")
        print("\n".join(f"  - {replacement_text(e)['en']}" for e in found.replaced))
    warned = f" ({len(found.warnings)} warning(s) above)" if found.warnings else ""
    print(
        "ok: no problems found"
        + (f" in {checked} file(s)" if args.paths else " in the shipped data")
        + warned
    )
    return EXIT_OK


def _data_build(args: argparse.Namespace) -> int:
    from .observations import build_processed

    for path in build_processed(args.data):
        print(f"wrote {path}")
    return EXIT_OK


def _data_extract(args: argparse.Namespace) -> int:
    from .extract import extract_files, review_summary, write_review

    frame = extract_files(
        args.files,
        region=args.region,
        year=args.year,
        title=args.title,
        url=args.url,
        published=args.published,
        quality=args.quality,
    )
    path = write_review(frame, args.out, overwrite=args.force) if len(frame) else None
    print("\n".join(review_summary(frame, path, files=len(args.files))))
    return EXIT_OK


def _assess(args: argparse.Namespace) -> int:
    from .assess import assess_all

    notes = _data_notes(args)
    table = assess_all(data=[str(p) for p in args.data], as_of=args.as_of, plan=args.plan)
    if args.csv:
        atomic_write_text(args.csv, table.to_csv(index=False))
    print(format_scorecard(table, args.lang))
    if notes:
        print("\n".join(notes), file=sys.stderr)
    return EXIT_OK


def _data_notes(args: argparse.Namespace) -> list[str]:
    """Warnings about the data files and every figure a later file replaced, as terminal lines.

    The warnings are printed here once, so they are silenced for the rest of the run.
    """
    import warnings

    from .observations import ObservationWarning, load_observations, replacement_text

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ObservationWarning)
        observations = load_observations([str(p) for p in args.data], as_of=args.as_of)
    warnings.filterwarnings("ignore", category=ObservationWarning)
    lang = "en" if getattr(args, "lang", "zh") == "en" else "zh"
    lines = [f"warning: {w.message}" for w in caught if issubclass(w.category, ObservationWarning)]
    replaced = [e for e in observations.attrs["superseded"] if e["value"] != e["value_by"]]
    if replaced:
        lines.append("被替换的数值：" if lang == "zh" else "Values replaced:")
        lines += [f"- {replacement_text(e)[lang]}" for e in replaced]
    return lines


def _report(args: argparse.Namespace) -> int:
    from .report import run_report

    # One line per notebook when not on a terminal (cron logs); a progress bar otherwise.
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr)
    notes = _data_notes(args) if args.data else []
    if notes:
        print("\n".join(notes), file=sys.stderr)
    result = run_report(
        date=args.date,
        as_of=args.as_of,
        out=args.out,
        data=[str(p) for p in args.data],
        targets=args.targets,
        lang=args.lang,
        plan=args.plan,
        label=args.label,
        jobs=args.jobs,
        lock_timeout=args.wait,
        allow_future_date=args.allow_future_date,
    )
    return result.exit_code  # the runner logs its summary


def _targets(args: argparse.Namespace) -> int:
    from .targets import load_targets

    for t in load_targets(plan=args.plan):
        value = "" if t.value is None else f"{t.comparator} {t.value:g} {t.unit}"
        print(f"{t.id:<32} {t.kind:<13} {value:<22} {t.name_zh}")
    return EXIT_OK


# ---------------------------------------------------------------------------------------------------------
# Terminal table


#: The scorecard columns the terminal shows (keys of ``views.scorecard_view``, headers from the catalogue).
TERMINAL_COLUMNS = (
    "target",
    "kind",
    "goal",
    "latest",
    "probability",
    "verdict",
    "needed_growth",
    "historical_growth",
    "eurostat",
)


def format_scorecard(table, lang: str = "zh") -> str:
    """The scorecard as aligned terminal text in ``lang`` (CJK characters count as two columns).

    Cells, headers, units and the missing-data list come from the same vocabulary as the report pages.
    """
    from .assess import english_region_names
    from .views import scorecard_view

    en = check_lang(lang) == "en"
    view = scorecard_view(table, lang)
    headers = [label(f"col.{column}", lang) for column in TERMINAL_COLUMNS]
    rows = [[str(cell) for cell in row] for row in view[list(TERMINAL_COLUMNS)].itertuples(index=False)]
    lines = _align([headers, *rows])
    notes = [
        f"- {r.name_en}: {english_region_names(r.missing_en)}" if en else f"- {r.name_zh}: {r.missing_zh}"
        for r in table.itertuples(index=False)
        if (r.missing_en if en else r.missing_zh)
    ]
    if notes:
        lines += ["", label("cli.missing_data", lang), *notes]
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
