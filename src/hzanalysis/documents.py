"""Reading plan documents as text (MINIMAL VERSION: plain text only).

This is the minimal version written for ``hzanalysis plan draft``: ``.txt`` files in UTF-8 or GBK/GB18030.
The full reader (HTML, PDF, docx) is built on another branch with the same two functions and replaces this
file at merge; callers use only :func:`read_document` and :func:`split_sentences`.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import InputError, Problem

_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])|\n+")


def read_document(path: str | Path) -> str:
    """The text of a plan document (``.txt``, UTF-8 or GBK/GB18030), line breaks kept."""
    path = Path(path)
    if path.suffix.lower() not in (".txt", ""):
        raise InputError(
            Problem(
                str(path),
                "",
                "",
                "a .txt file",
                f"a {path.suffix} file",
                "save the plan as plain text (.txt)",
            )
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        found = f"{type(exc).__name__}: {exc}"
        raise InputError(Problem(str(path), "", "", "a readable file", found, "check the path")) from exc
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding).replace("\r\n", "\n")
        except UnicodeDecodeError:
            continue
    fix = "save the file as UTF-8"
    raise InputError(Problem(str(path), "", "", "UTF-8 or GBK text", "undecodable bytes", fix))


def split_sentences(text: str) -> list[str]:
    """Sentences of a text: split after 。！？； and at line breaks; empty pieces dropped."""
    return [piece.strip() for piece in _SENTENCE_END.split(text) if piece and piece.strip()]
