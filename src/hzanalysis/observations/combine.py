"""Loading: read every file, collect all problems, then decide which row stands for each figure.

One figure is a (region, indicator, year, bound). A researcher's row replaces the shipped public row of the
same figure (bringing newer or better figures is what the tool is for). Between any other inputs, two
different values of one figure are an error naming both files and rows, unless one of them says in its
``supersedes`` cell what it replaces. The outcome never depends on the order of the files. Nothing is
replaced silently: what was replaced, by what, from which file and row, is kept in
``df.attrs["superseded"]`` and told by :func:`replacement_text`.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from .. import catalogue
from ..errors import InputError, ParameterError, Problem
from ..labels import LANGS, label
from ..paths import project_root, raw_dir
from .catalogue import Catalogue
from .checks import empty_frame, parse_number, validate
from .plausible import ceiling_flag, jump_flags, jump_warnings
from .read import read_csv, read_xlsx, whole_file
from .schema import (
    LOADED_COLUMNS,
    SUPERSEDES_COLUMN,
    SUPERSEDES_YES,
    as_of_date,
    effective_publication_date,
)

_SUFFIXES = (".csv", ".xlsx")
_KEY = ["region", "indicator", "year", "bound"]
# Row numbers in a supersedes cell: "line 3" (CSV), "row 7" (workbook), "第7行".
_ROW_NUMBER_RE = re.compile(r"(?:line|row|第)\s*(\d+)")


class ObservationWarning(UserWarning):
    """A figure that was read but looks wrong (a share of 0.039), or data that was not read (a sheet)."""


@dataclass(frozen=True)
class FileCheck:
    """What :func:`inspect_files` found: problems (the files cannot be used) and warnings (they can).

    ``replaced`` lists the figures of the checked files that replace (or are replaced by) another input's
    with a different value, as :func:`supersede` describes them.
    """

    problems: list[Problem]
    warnings: list[Problem]
    files: list[Path]
    replaced: list[dict[str, object]] = field(default_factory=list)


def shipped_files() -> list[Path]:
    """The curated public observation files, in the (name) order in which they are loaded."""
    return sorted((raw_dir() / "observations").glob("*.csv"))


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Files as given, with each folder replaced by its .csv and .xlsx files (sorted by name).

    Relative paths are resolved from the current working directory of the caller (in JupyterLab: the
    notebook's folder); a missing path is reported with the absolute path that was looked for.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found = sorted(
                p
                for p in path.iterdir()
                if p.suffix.lower() in _SUFFIXES and p.is_file() and not p.name.startswith((".", "~$"))
            )
            if not found:
                problems.append(
                    whole_file(
                        str(item),
                        "a .csv or .xlsx file, or a folder holding some",
                        f"a folder with no .csv or .xlsx file ({path.resolve()})",
                        "save your figures as .csv or .xlsx in it, or give the file's path",
                    )
                )
            files.extend(found)
        elif not path.is_file():
            problems.append(
                whole_file(
                    str(item),
                    "an existing .csv or .xlsx file",
                    f"no such file (looked for {path.resolve()})",
                    f"check the path; a relative path is read from the current folder ({Path.cwd()}), "
                    "which in JupyterLab is the notebook's folder: give the full path if in doubt",
                )
            )
        else:
            files.append(path)
    return files, problems


def read_one(path: Path, cat: Catalogue) -> tuple[pd.DataFrame, str, list[Problem], list[Problem]]:
    """One existing file: typed rows, how it was decoded, its problems and its warnings."""
    suffix = path.suffix.lower()
    if suffix not in _SUFFIXES:
        problem = whole_file(
            str(path),
            "a .csv or .xlsx file",
            f"a {suffix or 'suffix-less'} file",
            "save the sheet as .xlsx or CSV (UTF-8); old .xls workbooks must be saved again as .xlsx",
        )
        return empty_frame(), "", [problem], []
    raw = read_xlsx(path) if suffix == ".xlsx" else read_csv(path)
    frame, problems, found_warnings = validate(raw, cat)
    return frame, raw.encoding, problems, found_warnings


@dataclass
class Inputs:
    """The rows of every file read (valid rows only), how each file was decoded, problems and warnings."""

    rows: pd.DataFrame
    encodings: dict[str, str]
    problems: list[Problem]
    warnings: list[Problem]


def read_inputs(files: Sequence[Path], cat: Catalogue, public: Iterable[Path] = ()) -> Inputs:
    """Every file read and checked row by row; the rows of all files together, each with its ``file``."""
    public_files = {p.resolve() for p in public}
    # one file given twice (as itself and in its folder) is read once: its rows would match themselves
    unique: dict[Path, Path] = {}
    for path in files:
        unique.setdefault(path.resolve(), path)
    files = list(unique.values())
    frames: list[pd.DataFrame] = []
    out = Inputs(pd.DataFrame(), {}, [], [])
    for path in files:
        frame, encoding, bad, odd = read_one(path, cat)
        out.problems.extend(bad)
        out.warnings.extend(odd)
        frame["file"] = display_path(path)
        frame["public"] = path.resolve() in public_files
        out.encodings[display_path(path)] = encoding
        frames.append(frame)
    out.rows = pd.concat(frames, ignore_index=True) if frames else empty_frame().assign(file="", public=False)
    out.rows["file"] = out.rows["file"].astype(str)
    out.rows["public"] = out.rows["public"].astype(bool)
    out.rows["published_effective"] = [
        effective_publication_date(p, int(y))
        for p, y in zip(out.rows["published"], out.rows["year"], strict=True)
    ]
    out.rows["domain"] = out.rows["indicator"].map(cat.domains).fillna("").astype(str)
    return out


def inspect_files(paths: Iterable[str | Path] | None = ()) -> FileCheck:
    """Problems and warnings of the given files or folders (default: the shipped files).

    Each file is checked row by row, then together with the shipped files as ``load_observations`` would
    combine them: two inputs giving one figure different values (an error unless one says it supersedes
    the other, see :func:`supersede`), and figures far from the unit's own history (warnings).
    """
    chosen = list(paths or ())
    cat = Catalogue.load()
    shipped = shipped_files()
    if chosen:
        files, problems = expand_paths(chosen)
        given = {p.resolve() for p in files}
        context = [p for p in shipped if p.resolve() not in given]
    else:
        files, problems, context = shipped, [], []
    inputs = read_inputs([*context, *files], cat, public=shipped)
    problems.extend(inputs.problems)
    conflicts, claim_notes = check_conflicts(inputs.rows)
    problems.extend(conflicts)
    found_warnings = [*inputs.warnings, *claim_notes]
    winners, superseded = supersede(inputs.rows)
    checked = {display_path(p) for p in files}
    found_warnings += [w for w in jump_warnings(winners) if w.file in checked or _names_any(w, checked)]
    replaced = [
        e
        for e in superseded
        if (e["superseded_by"] in checked or e["file"] in checked) and e["value"] != e["value_by"]
    ]
    return FileCheck(problems, found_warnings, files, replaced)


def _names_any(problem: Problem, files: set[str]) -> bool:
    """Whether a jump warning names one of ``files`` as the earlier figure's file."""
    return any(f"({name} " in problem.expected for name in files)


def check_files(paths: Iterable[str | Path] | None = ()) -> list[Problem]:
    """Every problem of the given files or folders (default: the shipped files); empty means clean."""
    return inspect_files(paths).problems


def read_observation_file(path: str | Path) -> pd.DataFrame:
    """Read and validate one CSV (UTF-8, UTF-8 with BOM, GBK/GB18030) or .xlsx file of observations.

    Returns the OBSERVATION_COLUMNS (year int, value float, bound normalised, other columns text) plus
    ``file``; ``df.attrs["encoding"]`` records how the file was decoded (``utf-8``, ``utf-8-sig``,
    ``gb18030`` or ``xlsx``). Raises one :class:`InputError` listing every problem of the file.
    """
    files, problems = expand_paths([path])
    if problems:
        raise InputError(problems)
    frame, encoding, problems, _ = read_one(files[0], Catalogue.load())
    if problems:
        raise InputError(problems)
    frame = frame.drop(columns=["row", SUPERSEDES_COLUMN])
    frame["file"] = str(path)
    frame.attrs["encoding"] = encoding
    return frame


@dataclass(frozen=True)
class ObservationSource:
    """Every input read and checked once, before any cut-off: :meth:`as_of` gives the table of any date.

    A look back asks what was known on a dozen dates; reading and checking the files again for each
    (what :func:`load_observations` does) was most of its time. The cut-off and superseding are done here,
    in memory, exactly as :func:`load_observations` does them.
    """

    rows: pd.DataFrame
    files: tuple[Path, ...]
    encodings: dict[str, str]
    warnings: tuple[str, ...]

    def _published_by(self, as_of: date | str | None) -> tuple[pd.DataFrame, date | None]:
        cutoff = as_of_date(as_of)
        data = self.rows
        if cutoff is not None:
            data = data[[d <= cutoff for d in data["published_effective"]]]
        return data, cutoff

    def plausibility(self, as_of: date | str | None = None) -> list[dict[str, Any]]:
        """The implausible figures among those published by ``as_of``, as codes and numbers (the warnings
        ``data check`` prints, as data): jumps between consecutive figures of one unit
        (:func:`~.plausible.jump_flags`) and figures above every level of the reference panel
        (:func:`~.plausible.ceiling_flag`), each with its region, indicator, year, file and row."""
        winners, _ = supersede(self._published_by(as_of)[0])
        flags = jump_flags(winners)
        for record in winners.loc[:, ["region", "indicator", "year", "value", "file", "row"]].to_dict(
            "records"
        ):
            flag = ceiling_flag(record["indicator"], float(record["value"]))
            if flag is not None:
                flags.append(
                    {
                        **flag,
                        "region": record["region"],
                        "year": int(record["year"]),
                        "file": str(record["file"]),
                        "row": str(record["row"]),
                    }
                )
        return flags

    def as_of(self, as_of: date | str | None = None) -> pd.DataFrame:
        """The observations published by ``as_of`` (None: all), one row per figure (see
        :func:`load_observations`, which returns this for its own ``as_of``)."""
        data, cutoff = self._published_by(as_of)
        winners, superseded = supersede(data)
        out = winners.sort_values(_KEY, kind="mergesort").loc[:, list(LOADED_COLUMNS)].reset_index(drop=True)
        out.attrs = {
            "files": [display_path(p) for p in self.files],
            "encodings": dict(self.encodings),
            "superseded": superseded,
            "warnings": list(self.warnings),
            "as_of": cutoff.isoformat() if cutoff else None,
        }
        return out


def read_observations(
    extra: Sequence[str | Path] | str | Path | None = (), *, include_public: bool = True
) -> ObservationSource:
    """Read and check the shipped files (unless ``include_public=False``) and the ``extra`` files once.

    Raises one :class:`InputError` with every problem of every file, and issues the warnings as
    :class:`ObservationWarning`, as :func:`load_observations` does; the result gives the table as of any
    date (:meth:`ObservationSource.as_of`) without reading again.
    """
    if extra is None:
        extra = ()
    elif isinstance(extra, str | Path):
        extra = [extra]
    given, problems = expand_paths(extra)
    shipped = shipped_files() if include_public else []
    files: list[Path] = [*shipped, *given]
    cat = Catalogue.load()
    inputs = read_inputs(files, cat, public=shipped)
    problems.extend(inputs.problems)
    conflicts, claim_notes = check_conflicts(inputs.rows)
    problems.extend(conflicts)
    if problems:
        raise InputError(problems)
    found_warnings = [*inputs.warnings, *claim_notes, *jump_warnings(supersede(inputs.rows)[0])]
    for warning in found_warnings:
        warnings.warn(str(warning), ObservationWarning, stacklevel=3)
    return ObservationSource(
        rows=inputs.rows,
        files=tuple(files),
        encodings=inputs.encodings,
        warnings=tuple(str(w) for w in found_warnings),
    )


def load_observations(
    extra: Sequence[str | Path] | str | Path | None = (),
    *,
    include_public: bool = True,
    as_of: date | str | None = None,
) -> pd.DataFrame:
    """All observations: the shipped files (unless ``include_public=False``) and the ``extra`` files.

    Folders in ``extra`` stand for their .csv and .xlsx files. Every file is validated; problems from all
    files are raised together as one :class:`InputError`, including two inputs that give one figure
    (region, indicator, year, bound) different values when neither says it supersedes the other (see
    :func:`supersede`: a researcher's row replaces a shipped public row without saying so; between other
    files the ``supersedes`` column decides). The result never depends on the order of the files.
    Warnings (a share of 0.039, a figure far from the unit's history) are issued as
    :class:`ObservationWarning` and kept in ``df.attrs["warnings"]``. ``as_of`` keeps only rows published
    by that date (see :func:`effective_publication_date`); it is applied before superseding, so a figure
    published later cannot hide an earlier one in an as-of run. Replaced rows are listed in
    ``df.attrs["superseded"]``. Columns: :data:`LOADED_COLUMNS`; rows sorted by region, indicator, year,
    bound. Several dates of the same files: :func:`read_observations` once, then its ``as_of``.
    """
    cutoff = as_of_date(as_of)  # a bad date is refused before any file is read
    return read_observations(extra, include_public=include_public).as_of(cutoff)


# ---------------------------------------------------------------------------------------------------------
# One figure, several inputs


def _claims(claim: str, row: pd.Series, other: pd.Series) -> bool:
    """Whether ``row``'s supersedes cell ``claim`` designates ``other`` (same key assumed)."""
    text = claim.strip()
    if text.lower() in SUPERSEDES_YES:
        return True
    number = parse_number(text.rstrip("%％").strip())
    if number is not None:
        return math.isclose(number, float(other["value"]), rel_tol=1e-9, abs_tol=1e-12)
    name = Path(str(other["file"])).name.lower()
    # the file's name or its stem as a whole word: a.csv is not named by "bureau.xlsx" (Latin letters
    # only bound a word: Chinese runs on, "见科技局.xlsx第7行" names 科技局.xlsx)
    stem, suffix = re.escape(Path(name).stem), re.escape(Path(name).suffix)
    named = re.search(rf"(?<![a-z0-9_.]){stem}(?:{suffix})?(?![a-z0-9_])", text.lower())
    if named is None:
        return False
    wanted = _ROW_NUMBER_RE.findall(text.lower()[named.end() :])
    number_of_other = re.search(r"(\d+)$", str(other["row"]))
    return not wanted or (number_of_other is not None and number_of_other[1] in wanted)


def _replaces(rows: pd.DataFrame, i: int, j: int) -> bool:
    """Whether row ``i`` replaces row ``j``: it says so, or it is a researcher's row and ``j`` is public."""
    a, b = rows.loc[i], rows.loc[j]
    if a["supersedes"] and _claims(str(a["supersedes"]), a, b):
        return True
    return bool(b["public"]) and not bool(a["public"])


def _where(row: pd.Series) -> str:
    return f"{row['file']} {row['row']}"


def _groups(rows: pd.DataFrame) -> list[list[int]]:
    """Index labels of the rows sharing a key, for every key held by more than one row, in a fixed order."""
    shared = rows[rows.duplicated(_KEY, keep=False)]
    if shared.empty:
        return []
    ordered = shared.sort_values([*_KEY, "file", "row"], kind="mergesort")
    return [list(g.index) for _, g in ordered.groupby(_KEY, sort=True)]


def check_conflicts(rows: pd.DataFrame) -> tuple[list[Problem], list[Problem]]:
    """Problems (figures given different values by inputs none of which replaces the other; supersedes
    cells that name no other row) and warnings (supersedes cells with nothing to supersede).

    The verdict depends only on the rows, never on the order of the files: rows are compared in the
    order of (file name, row).
    """
    problems: list[Problem] = []
    notes: list[Problem] = []
    keyed = rows.groupby(_KEY, sort=False).size()
    for i in rows.index[rows["supersedes"] != ""]:
        row = rows.loc[i]
        key = tuple(row[k] for k in _KEY)
        if keyed.get(key, 0) < 2:
            notes.append(
                Problem(
                    str(row["file"]),
                    str(row["row"]),
                    "supersedes",
                    "a row it replaces: another input with the same region, indicator, year and bound",
                    f"{row['supersedes']!r}, but no other input has {_key_text(row)}",
                    "give the file it replaces too (hzanalysis checks them together), or clear the cell",
                )
            )
    for group in _groups(rows):
        misnamed = False
        for i in group:
            row = rows.loc[i]
            if not row["supersedes"]:
                continue
            if not any(_claims(str(row["supersedes"]), row, rows.loc[j]) for j in group if j != i):
                misnamed = True
                others = "; ".join(
                    f"{rows.loc[j]['value']:g} in {_where(rows.loc[j])}" for j in group if j != i
                )
                problems.append(
                    Problem(
                        str(row["file"]),
                        str(row["row"]),
                        "supersedes",
                        f"yes, the value it replaces, or the file (and row) it replaces, among the other "
                        f"rows for {_key_text(row)}: {others}",
                        f"{row['supersedes']!r}, which names none of them",
                        "write yes, or the replaced value as it stands in the other file, or that "
                        "file's name",
                    )
                )
        if misnamed:
            continue  # that problem names every other row of the figure already
        survivors = [i for i in group if not any(_replaces(rows, j, i) for j in group if j != i)]
        if not survivors and _agree(rows, group):
            continue  # rows that replace each other with the same value change nothing
        if not survivors:
            names = " and ".join(_where(rows.loc[i]) for i in group)
            problems.append(
                Problem(
                    str(rows.loc[group[-1]]["file"]),
                    str(rows.loc[group[-1]]["row"]),
                    "supersedes",
                    f"one row for {_key_text(rows.loc[group[-1]])} that no other row replaces",
                    f"{names} each say they supersede another one",
                    "keep the supersedes cell only on the newest figure",
                )
            )
            continue
        first = survivors[0]
        for i in survivors[1:]:
            a, b = rows.loc[first], rows.loc[i]
            if _agree(rows, [first, i]):
                continue
            problems.append(
                Problem(
                    str(b["file"]),
                    str(b["row"]),
                    "value",
                    f"one value for {_key_text(b)} across the input files, or a supersedes cell on the newer "
                    "figure saying what it replaces",
                    f"{b['value']:g} here but {a['value']:g} in {_where(a)}",
                    f"if this is the newer figure, write {a['value']:g} (the value it replaces) or yes in "
                    f"its supersedes column; if {_where(a)} is, write {b['value']:g} in that row's "
                    "supersedes column; if one is wrong, delete it",
                )
            )
    return problems, notes


def _agree(rows: pd.DataFrame, labels: list[int]) -> bool:
    """Whether the rows give one value (to floating-point precision)."""
    values = [float(rows.loc[i, "value"]) for i in labels]
    return all(math.isclose(v, values[0], rel_tol=1e-9, abs_tol=1e-12) for v in values)


def _key_text(row: pd.Series) -> str:
    bound = "" if row["bound"] == "=" else f" (bound {row['bound']})"
    return f"{row['region']} {row['indicator']} {int(row['year'])}{bound}"


def supersede(data: pd.DataFrame) -> tuple[pd.DataFrame, list[dict[str, object]]]:
    """One row per (region, indicator, year, bound); describe every row it replaced.

    A row is replaced by another with the same key when the other's ``supersedes`` cell designates it, or
    when it comes from a shipped public file and the other from a researcher's file. Of the rows no other
    row replaces (which agree once :func:`check_conflicts` is clean), the one published last wins, then the
    first by file name and row: the choice never depends on the order in which files are given.
    Each description has the key, ``value``/``file``/``row`` of the replaced row and
    ``value_by``/``superseded_by``/``row_by`` of the row that replaced it.
    """
    winners: list[int] = []
    superseded: list[dict[str, object]] = []
    singles = ~data.duplicated(_KEY, keep=False)
    winners.extend(data.index[singles])
    for group in _groups(data):
        survivors = [i for i in group if not any(_replaces(data, j, i) for j in group if j != i)] or group
        # group is in (file, row) order; a stable sort on the date keeps that order among equal dates
        win = sorted(survivors, key=lambda i: data.loc[i, "published_effective"], reverse=True)[0]
        winners.append(win)
        w = data.loc[win]
        for i in group:
            if i == win:
                continue
            row = data.loc[i]
            superseded.append(
                {
                    "region": row["region"],
                    "indicator": row["indicator"],
                    "year": int(row["year"]),
                    "bound": row["bound"],
                    "value": float(row["value"]),
                    "file": row["file"],
                    "row": row["row"],
                    "superseded_by": w["file"],
                    "value_by": float(w["value"]),
                    "row_by": w["row"],
                }
            )
    return data.loc[sorted(winners)], superseded


def replacement_text(entry: dict[str, object], named: bool = True) -> dict[str, str]:
    """One superseded row as a sentence, ``{"zh": ..., "en": ...}``: which value replaced which, and where.

    ``named``: the region by its name in each language (a page); False, by its id, as the files write it and
    as the terminal's other messages about the files say it."""
    bound = "" if entry["bound"] == "=" else str(entry["bound"])
    new, old = f"{bound}{entry['value_by']:g}", f"{bound}{entry['value']:g}"
    new_at = f"{entry['superseded_by']} {entry.get('row_by', '')}".strip()
    old_at = f"{entry['file']} {entry.get('row', '')}".strip()
    region = str(entry["region"])
    known = catalogue.regions().get(region)
    # an English page names the region in English; the id is the Chinese name the files write
    english = known.name_en if named and known is not None and known.name_en else region
    names = {"zh": region, "en": english}
    return {
        lang: label(
            "replaced.sentence",
            lang,
            region=names[lang],
            indicator=entry["indicator"],
            year=entry["year"],
            new=new,
            new_at=new_at,
            old=old,
            old_at=old_at,
        )
        for lang in LANGS
    }


def display_path(path: str | Path) -> str:
    """Paths inside the project are shown relative to it: outputs do not depend on where it lives."""
    p = Path(path)
    try:
        return p.resolve().relative_to(project_root().resolve()).as_posix()
    except ValueError:
        return str(path)


def series(observations: pd.DataFrame, indicator: str, region: str) -> pd.Series:
    """Point values (bound ``=``) of one indicator in one region, by int year, sorted; bounds left out.

    An empty series means no point value; an unknown indicator or region raises :class:`ParameterError`.
    """
    cat = Catalogue.load()
    if indicator not in cat.units:
        raise ParameterError(
            f"unknown indicator {indicator!r}; see data/raw/indicators.csv "
            f"(e.g. {', '.join(list(cat.units)[:5])})"
        )
    if region not in cat.regions:
        raise ParameterError(f"unknown region {region!r}; regions: {', '.join(cat.regions)}")
    rows = observations[
        (observations["indicator"] == indicator)
        & (observations["region"] == region)
        & (observations["bound"] == "=")
    ]
    years = rows["year"].astype(int)
    if years.duplicated().any():
        raise ParameterError(
            f"{indicator} / {region}: several point values for year(s) "
            f"{sorted(set(years[years.duplicated()]))}; load them with load_observations() "
            "so later files supersede earlier ones"
        )
    out = pd.Series(
        rows["value"].astype(float).to_numpy(),
        index=pd.Index(years.to_numpy(), name="year"),
        name=indicator,
        dtype=float,
    )
    return out.sort_index()
