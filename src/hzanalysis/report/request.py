"""One request object for a report run, parsed and validated once at the boundary (CLI, notebook, library).

``hzanalysis report`` builds a :class:`RunRequest` from its arguments with :meth:`RunRequest.parse` and hands
it to :func:`hzanalysis.report.run_report`; a notebook or a script does the same. Every date goes through the
one parser (:func:`hzanalysis.observations.schema.as_of_date`) and every rule a run date or cut-off obeys is
applied here, so the runner and the pages receive values that are already checked and need no re-parsing.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ParameterError
from ..labels import check_lang
from ..plans import DEFAULT_PLAN
from .plan import (
    DEFAULT_LANG,
    check_as_of,
    check_data_files,
    check_label,
    check_plan_id,
    check_run_date,
    implied_as_of,
    plan_parameter,
    resolve_data,
)


@dataclass(frozen=True)
class RunRequest:
    """What one report run is asked to do, checked: run date, cut-off, plan, language, data files, targets,
    label, parallel jobs, lock wait and reports folder.

    ``date`` and ``as_of`` are ISO dates (``as_of`` None: everything published); ``plan`` is the id or the
    absolute folder the notebooks get; ``data`` the extra observation files, absolute and expanded (a folder
    stands for its files), already validated as ``hzanalysis data check`` validates them; ``targets`` None
    for every target; ``out`` None for ``reports/`` in the project. Build one with :meth:`parse`.
    """

    date: str
    as_of: str | None = None
    plan: str = DEFAULT_PLAN
    lang: str = DEFAULT_LANG
    data: tuple[Path, ...] = ()
    targets: tuple[str, ...] | None = None
    label: str | None = None
    jobs: int = 1
    lock_timeout: float = 60.0
    out: Path | None = None
    allow_future_date: bool = False

    @classmethod
    def parse(
        cls,
        *,
        date: str | None = None,
        as_of: str | None = None,
        plan: str = DEFAULT_PLAN,
        lang: str = DEFAULT_LANG,
        data: Sequence[str | os.PathLike[str]] = (),
        targets: Sequence[str] | None = None,
        label: str | None = None,
        jobs: int = 1,
        lock_timeout: float = 60.0,
        out: str | os.PathLike[str] | None = None,
        allow_future_date: bool = False,
        imply_as_of: bool = True,
        check_plan: Callable[[str], None] = check_plan_id,
        today: dt.date | None = None,
    ) -> RunRequest:
        """Check every parameter and return the request, or raise ParameterError (bad data files:
        InputError), both exit 2, before anything is written.

        ``date`` defaults to today; after today it is refused unless ``allow_future_date``; before
        2000-01-01 it is refused. ``as_of`` after today or after ``date`` is refused. With ``imply_as_of``
        (the CLI), a past ``date`` without ``as_of`` uses what was published by that day, so an older report
        never takes ``latest`` from a newer run; ``imply_as_of=False`` keeps ``as_of`` as given (the
        library's :func:`~hzanalysis.report.run_report` keywords, as before the request).
        """
        today = today or dt.date.today()
        date = date if date is not None else today.isoformat()
        check_run_date(date, allow_future_date, today)
        check_lang(lang)
        check_as_of(as_of, date, today)
        if imply_as_of:
            as_of = implied_as_of(date, as_of, today)
        if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
            raise ParameterError(f"jobs: expected a whole number of at least 1; found {jobs!r}")
        if lock_timeout is None or lock_timeout < 0:
            raise ParameterError(f"wait: expected seconds >= 0; found {lock_timeout!r}")
        if label is not None:
            check_label(label)
        check_plan(plan)
        files = resolve_data(data)
        check_data_files(files)
        if isinstance(targets, str):
            targets = [targets]
        return cls(
            date=date,
            as_of=as_of,
            plan=plan_parameter(plan),
            lang=lang,
            data=tuple(files),
            targets=tuple(targets) if targets is not None else None,
            label=label,
            jobs=jobs,
            lock_timeout=float(lock_timeout),
            out=Path(out).expanduser() if out is not None else None,
            allow_future_date=allow_future_date,
        )
