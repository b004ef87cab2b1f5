"""One exception family for hzanalysis.

Every error a user can trip over derives from :class:`HzError`. Messages say where the problem is
(file, row as the user sees it, column), what was expected, what was found and how to fix it, so the
CLI can print them verbatim and exit with the code the class carries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class HzError(Exception):
    """Base of every error raised on purpose by hzanalysis."""

    exit_code: int = 1


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file, located the way the user sees the file.

    ``row`` is what the user would look for: ``"line 7"`` for a CSV (header is line 1),
    ``"sheet 观测 row 7"`` for a workbook, or ``""`` for a whole-file problem.
    """

    file: str
    row: str
    column: str
    expected: str
    found: str
    fix: str

    def __str__(self) -> str:
        where = ", ".join(
            part for part in (self.file, self.row, f"column {self.column!r}" if self.column else "") if part
        )
        return f"{where}: expected {self.expected}; found {self.found}. Fix: {self.fix}"


class InputError(HzError):
    """Bad input data: carries every problem found in the file(s), not only the first."""

    exit_code = 2

    def __init__(self, problems: list[Problem] | Problem):
        self.problems: list[Problem] = [problems] if isinstance(problems, Problem) else list(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the input:"
        super().__init__("\n".join([head, *(f"  - {p}" for p in self.problems)]))


class ParameterError(HzError):
    """A parameter (CLI option, notebook parameter, function argument) that cannot be used."""

    exit_code = 2


class ForecastError(HzError):
    """A forecast that cannot be made from the history given (for example, no observation at all).

    The text is English, for the terminal. An error a page can show also carries ``code`` and ``params``
    (a catalogue code and its plain values, as :class:`hzanalysis.labels.Message` holds them), so the page
    says it in its own language; ``code`` is "" for the others.
    """

    def __init__(self, text: str, *, code: str = "", params: dict[str, Any] | None = None):
        super().__init__(text)
        self.code = code
        self.params: dict[str, Any] = dict(params or {})


class ReportError(HzError):
    """A report run that failed (a notebook raised, export failed, or the output could not be published)."""


class LockedError(HzError):
    """Another report run holds the lock on the output folder."""

    exit_code = 3
