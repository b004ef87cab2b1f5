"""The command line: argument parsing, printing and exit codes; the work happens in the library.

Exit codes: 0 success; 1 a report notebook failed (the other pages are published); 2 bad input or bad
parameters, or a path that cannot be written (nothing written); 3 another report run holds the lock;
141 the reader of the output went away (``hzanalysis assess | head``); 143 stopped by SIGTERM (logged;
nothing half-written is left).
"""

from __future__ import annotations

import argparse
import errno
import logging
import math
import os
import signal
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import Any

from .errors import HzError
from .fileio import atomic_write_text
from .labels import check_lang, fmt_value, label
from .plans import DEFAULT_PLAN

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_LOCKED = 0, 1, 2, 3
#: 128 + SIGPIPE, what a shell reports for a command whose reader closed the pipe.
EXIT_BROKEN_PIPE = 141
#: 128 + SIGTERM, what a shell and systemd expect from a command that stopped because it was asked to.
EXIT_TERMINATED = 143

log = logging.getLogger("hzanalysis")


class Terminated(BaseException):
    """SIGTERM arrived (a systemd timeout, ``kill``). A BaseException, like KeyboardInterrupt, so no
    ``except Exception`` on the way up swallows it while the ``finally`` blocks (staging, lock) still run."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``hzanalysis`` command."""
    # Notebook kernels inherit this: one BLAS thread each keeps parallel kernels from fighting over the cores.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_BAD_INPUT
    # Without a handler SIGTERM kills the process on the spot: no line in the log, the lock owner file
    # and the staging folder left behind. Raised as an exception instead, the run unwinds and says so.
    previous = _install_sigterm()
    try:
        code = int(args.handler(args) or EXIT_OK)
        sys.stdout.flush()  # a closed pipe shows up here, inside the handler below, not at exit
        return code
    except Terminated:
        log.error(
            "hzanalysis: stopped by SIGTERM (exit 143). Nothing half-written was left: files are written "
            "whole or not at all, and an unfinished report run is not published (the reports folder keeps "
            "its previous runs)."
        )
        return EXIT_TERMINATED
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
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _install_sigterm() -> Callable[[int, FrameType | None], Any] | int | None:
    """Turn SIGTERM into :class:`Terminated`; returns the handler to put back (None: none installed, as
    outside the main thread, where Python allows no signal handler)."""
    try:
        return signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:
        return None


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
        "3 another run holds the lock; 141 the reader of the output went away (hzanalysis assess | head); "
        "143 stopped by SIGTERM (logged, nothing half-written).",
    )
    sub = parser.add_subparsers(title="commands")

    data = sub.add_parser("data", help="templates, checks and extraction of observations")
    data_sub = data.add_subparsers(title="data commands")
    template = data_sub.add_parser("template", help="write a CSV and an Excel template for your own figures")
    template.add_argument("--out", type=Path, default=Path("."), help="folder to write into (default: here)")
    template.add_argument("--force", action="store_true", help="overwrite existing template files")
    template.set_defaults(handler=_data_template)
    check = data_sub.add_parser("check", help="validate observation files (default: the shipped ones)")
    check.add_argument(
        "files", nargs="*", type=Path, metavar="FILE", help="CSV or xlsx files, or folders of them"
    )
    _add_plan_option(check, "also report which of the plan's indicators the files cover")
    check.set_defaults(handler=_data_check)
    # Retired: it wrote data/processed/observations.csv, which nothing read. Kept as a command so that old
    # scripts get a message saying what replaces it, not argparse's "invalid choice".
    build = data_sub.add_parser(
        "build", help="removed: use `data check`; each run's workbook.xlsx holds its figures"
    )
    _add_data_option(build)
    build.set_defaults(handler=_data_build)
    extract = data_sub.add_parser(
        "extract",
        help="candidate observations from bulletins, reports, tables (txt html pdf docx xlsx csv) for review",
    )
    extract.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="documents (.txt .html .pdf .docx .xlsx .csv) or http(s):// addresses of pages to fetch",
    )
    extract.add_argument("--region", required=True, help="the region the document reports on, e.g. 海州区")
    extract.add_argument("--year", type=int, help="data year (default: the year in the document's heading)")
    extract.add_argument(
        "--title", help="source title (default: the page's or document's title, else the file name)"
    )
    extract.add_argument("--url", default="", help="source URL of a saved file (an address given is its own)")
    extract.add_argument("--published", default="", help="publication date YYYY-MM-DD")
    extract.add_argument("--quality", required=True, help="official_statistics, official_media or secondary")
    extract.add_argument("--out", type=Path, required=True, help="review file to write (.xlsx or .csv)")
    extract.add_argument("--force", action="store_true", help="overwrite an existing review file")
    extract.set_defaults(handler=_data_extract)

    assess = sub.add_parser("assess", help="print the judgement of every target")
    assess.add_argument("--as-of", help="use only what was published by this date (YYYY-MM-DD)")
    _add_data_option(assess)
    _add_lang_option(assess, "the printed table")
    assess.add_argument(
        "--csv", type=Path, help="also write the full table to this CSV file (a new file; see --force)"
    )
    assess.add_argument(
        "--force", action="store_true", help="let --csv overwrite an existing file (never a --data input)"
    )
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
    report.add_argument(
        "--date",
        help="run date, YYYY-MM-DD (default: today; not after today). A past date implies --as-of that "
        "day, so the run is ad hoc and never becomes latest",
    )
    report.add_argument("--allow-future-date", action="store_true", help="accept a --date after today")
    report.add_argument("--as-of", help="use only what was published by this date (YYYY-MM-DD)")
    report.add_argument("--out", type=Path, help="reports folder (default: reports/ in the project)")
    _add_data_option(report)
    report.add_argument("--targets", nargs="*", help="only these target ids (default: all)")
    _add_lang_option(report, "every page of the run (en makes an ad hoc run)")
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
    _add_lang_option(targets, "the names, kinds and units")
    targets.set_defaults(handler=_targets)

    from .plan_registry import add_plan_commands  # the `plan draft` and `plan check` commands

    add_plan_commands(sub)
    from .regions import add_region_commands  # `region add`

    add_region_commands(sub)
    return parser


def _add_plan_option(parser: argparse.ArgumentParser, purpose: str = "") -> None:
    parser.add_argument(
        "--plan",
        help="plan id (folders of data/raw/plans/) or a plan folder's path (default: haizhou-2024)"
        + (f"; {purpose}" if purpose else ""),
    )


def _add_data_option(parser: argparse.ArgumentParser) -> None:
    # "+" not "*": a bare --data (a shell variable that came out empty) is refused, not read as "none".
    parser.add_argument(
        "--data",
        nargs="+",
        action="extend",
        type=Path,
        default=[],
        metavar="FILE_OR_FOLDER",
        help="extra observation files (CSV or xlsx), or folders of them",
    )


def _add_lang_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--lang",
        choices=["zh", "en"],
        default="zh",
        help=f"language of {what}: zh Chinese (default) or en English",
    )


def _data_template(args: argparse.Namespace) -> int:
    from .observations import write_templates

    for path in write_templates(args.out, overwrite=args.force):
        print(f"wrote {path}")
    return EXIT_OK


def _data_check(args: argparse.Namespace) -> int:
    from .observations import inspect_files

    found = inspect_files(args.files)
    problems, checked = found.problems, len(found.files)
    for warning in found.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.plan is not None and not problems:
        from .plan_registry import coverage_lines

        print("\n".join(coverage_lines(args.plan, [str(p) for p in found.files])))
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if found.replaced:
        from .observations import replacement_text

        print("replaced figures (the rule is in the README, section 'Your own figures'):")
        print("\n".join(f"  - {replacement_text(e, named=False)['en']}" for e in found.replaced))
    warned = f" ({len(found.warnings)} warning(s) above)" if found.warnings else ""
    print(
        "ok: no problems found"
        + (f" in {checked} file(s)" if args.files else " in the shipped data")
        + warned
    )
    return EXIT_OK


def _data_build(args: argparse.Namespace) -> int:
    files = " ".join(str(p) for p in args.data) or "FILES"
    print(
        "data build: removed; it wrote data/processed/observations.csv, which nothing read. "
        f"To validate figures: hzanalysis data check {files}. "
        "The figures a report used, with sources and quotes, are in its reports/<date>/workbook.xlsx "
        "(sheet 'observations') and assessments.json.",
        file=sys.stderr,
    )
    return EXIT_BAD_INPUT


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

    if args.as_of is not None:
        from .report.plan import check_as_of

        check_as_of(args.as_of)
    if args.csv:
        _check_csv_target(args.csv, args.data, args.force)
    notes = _data_notes(args.data, args.as_of, args.lang)
    table = assess_all(data=[str(p) for p in args.data], as_of=args.as_of, plan=args.plan)
    if args.csv:
        atomic_write_text(args.csv, table.to_csv(index=False))
    print(format_scorecard(table, args.lang))
    if notes:
        print("\n".join(notes), file=sys.stderr)
    return EXIT_OK


def _check_csv_target(csv: Path, data: Sequence[Path], force: bool) -> None:
    """Refuse, before any work, a --csv path that is an input (a --data file, or inside a --data folder,
    where the next run would read it as observations) or, without --force, an existing file."""
    from .errors import ParameterError
    from .observations import expand_paths

    target = csv.expanduser().resolve()
    inputs, _ = expand_paths(Path(p).expanduser() for p in data)
    folders = [Path(p).expanduser().resolve() for p in data if Path(p).expanduser().is_dir()]
    if target in {p.resolve() for p in inputs} or target.parent in folders:
        raise ParameterError(
            f"csv: {csv} is one of the --data inputs (or inside a --data folder, where the next run would "
            "read it as observations). Fix: write the table elsewhere, e.g. --csv scorecard.csv."
        )
    if target.exists() and not force:
        raise ParameterError(
            f"csv: {csv} already exists. Fix: choose a new file name, or add --force to overwrite it."
        )


def _data_notes(data: Sequence[Path], as_of: str | None, lang: str) -> list[str]:
    """Warnings about the data files and every figure a later file replaced, as terminal lines.

    The warnings are printed here once, so they are silenced for the rest of the run.
    """
    import warnings

    from .observations import ObservationWarning, load_observations, replacement_text

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ObservationWarning)
        observations = load_observations([str(p) for p in data], as_of=as_of)
    warnings.filterwarnings("ignore", category=ObservationWarning)
    lang = "en" if lang == "en" else "zh"
    lines = [f"warning: {w.message}" for w in caught if issubclass(w.category, ObservationWarning)]
    replaced = [e for e in observations.attrs["superseded"] if e["value"] != e["value_by"]]
    if replaced:
        lines.append(label("cli.values_replaced", lang))
        lines += [f"- {replacement_text(e, named=False)[lang]}" for e in replaced]
    return lines


def _report(args: argparse.Namespace) -> int:
    from .report import RunRequest, run_report

    # One line per notebook when not on a terminal (cron logs); a progress bar otherwise.
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr)
    # Every argument is checked once, here, into the request; a report dated in the past uses what was
    # published by then (its pages say 报告日期 <date>): an ad hoc run, which never takes "latest".
    request = RunRequest.parse(
        date=args.date,
        as_of=args.as_of,
        out=args.out,
        data=args.data,
        targets=args.targets,
        lang=args.lang,
        plan=args.plan,
        label=args.label,
        jobs=args.jobs,
        lock_timeout=args.wait,
        allow_future_date=args.allow_future_date,
    )
    if request.as_of != args.as_of:
        logging.getLogger("hzanalysis").info(
            "--date %s is in the past: using figures published by then (--as-of %s)",
            request.date,
            request.as_of,
        )
    notes = _data_notes(request.data, request.as_of, request.lang) if request.data else []
    if notes:
        print("\n".join(notes), file=sys.stderr)
    return run_report(request).exit_code  # the runner logs its summary


def _targets(args: argparse.Namespace) -> int:
    from .targets import load_targets

    en = args.lang == "en"
    rows = []
    for t in load_targets(plan=args.plan):
        sign = {">=": "≥", "<=": "≤"}.get(t.comparator or "", t.comparator or "")
        value = "" if t.value is None else f"{sign} {fmt_value(t.value, t.unit, lang=args.lang)}"
        rows.append([t.id, label(f"kind.{t.kind}", args.lang), value, t.name_en if en else t.name_zh])
    print("\n".join(_align(rows)))
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
    from .views import scorecard_view

    en = check_lang(lang) == "en"
    view = scorecard_view(table, lang)
    headers = [label(f"col.{column}", lang) for column in TERMINAL_COLUMNS]
    rows = [[str(cell) for cell in row] for row in view[list(TERMINAL_COLUMNS)].itertuples(index=False)]
    lines = _align([headers, *rows])
    notes = [
        f"- {r.name_en}: {r.missing_en}" if en else f"- {r.name_zh}: {r.missing_zh}"
        for r in table.itertuples(index=False)
        if (r.missing_en if en else r.missing_zh)
    ]
    if notes:
        lines += ["", label("cli.missing_data", lang), *notes]
    return "\n".join(lines)


def _nan(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


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
