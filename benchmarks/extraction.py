"""Extraction: precision and recall of ``hzanalysis data extract`` per indicator, on a labelled sentence set.

The set (``tests/fixtures/extraction/sentences.yaml``) was written for this project in the styles of county
bulletins, work reports and year-end summaries, with distractors (growth rates, 个百分点, targets, ranks,
shares of something else, months of a year). Its ``dev`` part was used while building the extractor; the
``holdout`` part was written before tuning and scored once as is (then looked at, and general forms it
exposed were fixed); ``holdout2``, ``holdout3`` and ``holdout4`` were each written after the one before and
scored once as is (first runs in ``benchmarks/README.md``). A row counts as right only when indicator, year,
value, bound and region all agree with the label.

Real text, measured apart: ``--real PATH [PATH ...]`` (default ``$HZ_EXTRACTION_REAL``, several paths
separated by ``os.pathsep``, else the folder ``~/.cache/hzanalysis-heldout/``) are labelled sets of real
public passages of other regions (bulletins, work reports, S&T news): YAML files, or folders whose
``passages*.yaml`` files are all read. Their text never enters the repository, so the files live outside it
and the rows are skipped when none is there. Items are ``{split, text, year?, expect: [[indicator, year,
value, bound], ...]}``: ``dev`` passages may have been used to write rules after the first run,
``heldout`` ones never. The items of all files are pooled; each split is scored apart (name the splits of
a new round apart, e.g. ``r3dev``/``r3heldout``), then all together. Region is not scored on them (their
regions are not in the catalogue).

Baseline, measured in the same run: the first number after any synonym of an indicator in the sentence,
taken at face value (no unit conversion, no bound, no filters): what a keyword search would give.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import yaml

from benchmarks import results_dir, say, write_json
from hzanalysis.documents import split_sentences
from hzanalysis.extract import _catalogue, extract_text, normalise

SET_PATH = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "extraction" / "sentences.yaml"
REAL_PATHS = [
    Path(p).expanduser()
    for p in os.environ.get("HZ_EXTRACTION_REAL", "~/.cache/hzanalysis-heldout").split(os.pathsep)
    if p
]
DEFAULT_REGION = "海州区"

Row = tuple[str, int | None, float, str, str]  # indicator, year, value, bound, region


def load_set(path: Path = SET_PATH) -> list[dict]:
    """The labelled items: text, split, optional region/year, expected rows."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def real_files(paths: Sequence[Path]) -> list[Path]:
    """The labelled YAML files among ``paths``: files as given, folders' ``passages*.yaml`` in name order;
    paths that do not exist are left out."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(path.glob("passages*.yaml"))
        elif path.is_file():
            files.append(path)
    return files


def _key(row: Row) -> tuple:
    indicator, year, value, bound, region = row
    return (indicator, None if year is None else int(year), round(float(value), 6), bound, region)


def predicted_rows(item: dict) -> list[Row]:
    """What the extractor finds in one item."""
    frame = extract_text(item["text"], region=item.get("region", DEFAULT_REGION), year=item.get("year"))
    return [
        (r.indicator, None if pd.isna(r.year) else int(r.year), r.value, r.bound, r.region)
        for r in frame.itertuples()
    ]


def high_confidence_rows(item: dict) -> list[Row]:
    """What the extractor finds with confidence "high" (rows it flags "review: …" left out)."""
    frame = extract_text(item["text"], region=item.get("region", DEFAULT_REGION), year=item.get("year"))
    frame = frame[frame["confidence"] == "high"]
    return [
        (r.indicator, None if pd.isna(r.year) else int(r.year), r.value, r.bound, r.region)
        for r in frame.itertuples()
    ]


_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")


def baseline_rows(item: dict) -> list[Row]:
    """Keyword baseline: first number after each synonym, value as written, bound =, year as given."""
    phrases = [(p, i) for p, i in _catalogue().phrases if i]
    rows: list[Row] = []
    for sentence in split_sentences(item["text"]):
        norm = normalise(sentence)
        used = [False] * len(norm)
        for phrase, indicator in phrases:
            # plain substring search: a regular expression per catalogue phrase (several hundred) would
            # evict the extractor's own patterns from the re module's cache of 512 and slow it fourfold
            start = norm.find(phrase)
            while start >= 0:
                end = start + len(phrase)
                if any(used[start:end]):
                    start = norm.find(phrase, end)
                    continue
                used[start:end] = [True] * len(phrase)
                number = _NUMBER_RE.search(norm, end)
                start = norm.find(phrase, end)
                if number:
                    year = item.get("year")
                    rows.append(
                        (indicator, year, float(number.group(0)), "=", item.get("region", DEFAULT_REGION))
                    )
    return rows


def score(items: Sequence[dict], extractor, *, regions: bool = True) -> dict[str, dict[str, int]]:
    """True positives, predicted and expected counts per indicator (multiset matching of whole rows;
    without ``regions`` the region is not compared, for real text of regions outside the catalogue)."""
    counts: dict[str, Counter] = {}
    for item in items:
        if regions:
            expected = Counter(_key(tuple(row)) for row in item["expect"])
            predicted = Counter(_key(row) for row in extractor(item))
        else:
            expected = Counter(_key((*row[:4], "")) for row in item["expect"])
            predicted = Counter(_key((*row[:4], "")) for row in extractor(item))
        hits = expected & predicted
        for rows, name in ((expected, "expected"), (predicted, "predicted"), (hits, "tp")):
            for key, n in rows.items():
                counts.setdefault(key[0], Counter())[name] += n
    return {indicator: dict(c) for indicator, c in sorted(counts.items())}


def _ratio(a: int, b: int) -> float:
    return a / b if b else math.nan


def table(counts: dict[str, dict[str, int]]) -> tuple[list[str], dict[str, float]]:
    """Markdown rows per indicator and the totals (micro-averaged precision and recall)."""
    lines = [
        "| indicator | expected | predicted | right | precision | recall |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    total = Counter()
    for indicator, c in counts.items():
        tp, pred, exp = c.get("tp", 0), c.get("predicted", 0), c.get("expected", 0)
        total.update({"tp": tp, "predicted": pred, "expected": exp})
        lines.append(
            f"| {indicator} | {exp} | {pred} | {tp} | {_ratio(tp, pred):.2f} | {_ratio(tp, exp):.2f} |"
        )
    precision, recall = _ratio(total["tp"], total["predicted"]), _ratio(total["tp"], total["expected"])
    lines.append(
        f"| **all** | {total['expected']} | {total['predicted']} | {total['tp']} "
        f"| **{precision:.3f}** | **{recall:.3f}** |"
    )
    return lines, {"precision": precision, "recall": recall, **total}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.extraction", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--set", type=Path, default=SET_PATH, help="labelled sentences (YAML)")
    parser.add_argument(
        "--real",
        type=Path,
        nargs="+",
        default=REAL_PATHS,
        help="labelled real passages kept outside the repository: YAML files or folders of passages*.yaml",
    )
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    out = results_dir(args.out)
    items = load_set(args.set)
    sections, summary = [], {}
    started = time.perf_counter()
    sets = [("", items, True)]
    real = real_files(args.real)
    if real:
        sets.append(("real/", [item for path in real for item in load_set(path)], False))
        say([f"real passages from {', '.join(str(path) for path in real)}"])
    else:
        say([f"no real passages at {', '.join(str(p) for p in args.real)}: those rows are skipped"])
    for prefix, chosen_set, regions in sets:
        splits = list(dict.fromkeys(item["split"] for item in chosen_set))
        for split in [*splits, "all"]:
            chosen = [i for i in chosen_set if split == "all" or i["split"] == split]
            for name, extractor in (
                ("extractor", predicted_rows),
                ("extractor, confidence high only", high_confidence_rows),
                ("baseline (keyword + first number)", baseline_rows),
            ):
                lines, totals = table(score(chosen, extractor, regions=regions))
                summary[f"{prefix}{split}/{name}"] = totals
                sections.append(
                    f"## {prefix}{split} ({len(chosen)} snippets): {name}\n\n" + "\n".join(lines) + "\n"
                )
    seconds = time.perf_counter() - started
    head = (
        f"# Extraction: precision and recall per indicator\n\n{len(items)} labelled snippets "
        f"({sum(len(i['expect']) for i in items)} expected rows) from `{args.set.name}`; "
        f"scored in {seconds:.1f} s (extractor and baseline, all splits).\n"
    )
    (out / "extraction.md").write_text("\n".join([head, *sections]), encoding="utf-8")
    write_json(out / "extraction.json", {"summary": summary, "seconds": seconds})
    say([f"{k}: precision {v['precision']:.3f}, recall {v['recall']:.3f}" for k, v in summary.items()])
    say([f"wrote {out / 'extraction.md'}"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
