"""Loading: read every file, collect all problems, then let later files supersede earlier ones.

A later file overrides an earlier one for the same (region, indicator, year, bound): a researcher's own
figures supersede the public ones. Nothing is replaced silently: what was replaced, by what, from which
file and row, is kept in ``df.attrs["superseded"]`` and told by :func:`replacement_text`.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from ..errors import InputError, ParameterError, Problem
from ..paths import project_root, raw_dir
from .catalogue import Catalogue
from .checks import empty_frame, validate
from .read import read_csv, read_xlsx, whole_file
from .schema import LOADED_COLUMNS, as_of_date, effective_publication_date

_SUFFIXES = (".csv", ".xlsx")
_KEY = ["region", "indicator", "year", "bound"]


class ObservationWarning(UserWarning):
    """A figure that was read but looks wrong (a share of 0.039), or data that was not read (a sheet)."""


@dataclass(frozen=True)
class FileCheck:
    """What :func:`inspect_files` found: problems (the files cannot be used) and warnings (they can)."""

    problems: list[Problem]
    warnings: list[Problem]
    files: list[Path]


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


def inspect_files(paths: Iterable[str | Path] | None = ()) -> FileCheck:
    """Problems and warnings of the given files or folders (default: the shipped files)."""
    chosen = list(paths or ()) or shipped_files()
    files, problems = expand_paths(chosen)
    found_warnings: list[Problem] = []
    cat = Catalogue.load()
    for path in files:
        _, _, bad, odd = read_one(path, cat)
        problems.extend(bad)
        found_warnings.extend(odd)
    return FileCheck(problems, found_warnings, files)


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
    frame = frame.drop(columns="row")
    frame["file"] = str(path)
    frame.attrs["encoding"] = encoding
    return frame


def load_observations(
    extra: Sequence[str | Path] | str | Path | None = (),
    *,
    include_public: bool = True,
    as_of: date | str | None = None,
) -> pd.DataFrame:
    """All observations: the shipped files (unless ``include_public=False``) then ``extra`` files, in order.

    Folders in ``extra`` stand for their .csv and .xlsx files. Every file is validated; problems from all
    files are raised together as one :class:`InputError`; warnings are issued as :class:`ObservationWarning`
    and kept in ``df.attrs["warnings"]``. ``as_of`` keeps only rows published by that date (see
    :func:`effective_publication_date`); it is applied before superseding, so a figure published later
    cannot hide an earlier one in an as-of run. A row from a later file replaces a row of an earlier file
    with the same (region, indicator, year, bound); replaced rows are listed in ``df.attrs["superseded"]``
    (see :func:`supersede`). Columns: :data:`LOADED_COLUMNS`; rows sorted by region, indicator, year, bound.
    """
    if extra is None:
        extra = ()
    elif isinstance(extra, str | Path):
        extra = [extra]
    cutoff = as_of_date(as_of)
    given, problems = expand_paths(extra)
    files: list[Path] = [*(shipped_files() if include_public else []), *given]
    cat = Catalogue.load()
    frames: list[pd.DataFrame] = []
    found_warnings: list[Problem] = []
    encodings: dict[str, str] = {}
    for path in files:
        frame, encoding, bad, odd = read_one(path, cat)
        problems.extend(bad)
        found_warnings.extend(odd)
        frame["file"] = display_path(path)
        encodings[display_path(path)] = encoding
        frames.append(frame)
    if problems:
        raise InputError(problems)
    for warning in found_warnings:
        warnings.warn(str(warning), ObservationWarning, stacklevel=2)

    data = pd.concat(frames, ignore_index=True) if frames else empty_frame().assign(file="")
    data["file"] = data["file"].astype(str)
    data["published_effective"] = [
        effective_publication_date(p, int(y)) for p, y in zip(data["published"], data["year"], strict=True)
    ]
    data["domain"] = data["indicator"].map(cat.domains).fillna("").astype(str)
    data["_order"] = range(len(data))
    if cutoff is not None:
        data = data[[d <= cutoff for d in data["published_effective"]]]
    winners, superseded = supersede(data)
    out = (
        winners.sort_values([*_KEY, "_order"], kind="mergesort")
        .loc[:, list(LOADED_COLUMNS)]
        .reset_index(drop=True)
    )
    out.attrs = {
        "files": [display_path(p) for p in files],
        "encodings": encodings,
        "superseded": superseded,
        "warnings": [str(w) for w in found_warnings],
        "as_of": cutoff.isoformat() if cutoff else None,
    }
    return out


def supersede(data: pd.DataFrame) -> tuple[pd.DataFrame, list[dict[str, object]]]:
    """Keep the last row per (region, indicator, year, bound); describe every row it replaced.

    Each description has the key, ``value``/``file``/``row`` of the replaced row and
    ``value_by``/``superseded_by``/``row_by`` of the row that replaced it.
    """
    winners = data.drop_duplicates(_KEY, keep="last")
    losers = data.drop(winners.index)
    superseded: list[dict[str, object]] = []
    if losers.empty:
        return winners, superseded
    winner_of = winners.set_index(_KEY)
    for _, row in losers.iterrows():
        win = winner_of.loc[tuple(row[k] for k in _KEY)]
        superseded.append(
            {
                "region": row["region"],
                "indicator": row["indicator"],
                "year": int(row["year"]),
                "bound": row["bound"],
                "value": float(row["value"]),
                "file": row["file"],
                "row": row["row"],
                "superseded_by": win["file"],
                "value_by": float(win["value"]),
                "row_by": win["row"],
            }
        )
    return winners, superseded


def replacement_text(entry: dict[str, object]) -> dict[str, str]:
    """One superseded row as a sentence, ``{"zh": ..., "en": ...}``: which value replaced which, and where."""
    bound = "" if entry["bound"] == "=" else str(entry["bound"])
    new, old = f"{bound}{entry['value_by']:g}", f"{bound}{entry['value']:g}"
    new_at = f"{entry['superseded_by']} {entry.get('row_by', '')}".strip()
    old_at = f"{entry['file']} {entry.get('row', '')}".strip()
    head = f"{entry['region']} {entry['indicator']} {entry['year']}"
    return {
        "zh": f"{head}：{new}（{new_at}）取代了{old}（{old_at}）",
        "en": f"{head}: {new} ({new_at}) replaced {old} ({old_at})",
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
