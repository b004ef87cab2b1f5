"""Writing files so that readers never see half of one, and checksums for provenance.

Every file the package writes (templates, processed tables, report pages, manifests, derived reference
data) goes through :func:`atomic_write_bytes` or :func:`atomic_write_text`: the bytes go to a temporary
file in the same folder, which is then renamed over the target, so a killed run leaves either the old
file or the new one. ``tempfile.mkstemp`` creates files with mode 0600; the final file gets the mode the
user's umask gives a new file (usually 0644), so a report folder shared with colleagues stays readable.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import ForecastError, ParameterError

_CHUNK = 1 << 20


def _umask_mode() -> int:
    """The mode a newly created regular file gets under the current umask (0666 & ~umask)."""
    current = os.umask(0)
    os.umask(current)
    return 0o666 & ~current


def atomic_write_bytes(target: str | Path, payload: bytes) -> Path:
    """Write ``payload`` to ``target`` atomically, with the user's umask; return the path.

    Raises :class:`ParameterError` (exit 2) with a one-line fix when the folder is missing, read-only or full.
    """
    path = Path(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except FileNotFoundError as exc:
        raise ParameterError(
            f"cannot write {path}: the folder {path.parent} does not exist. "
            "Create it first or choose another path."
        ) from exc
    except OSError as exc:
        raise ParameterError(
            f"cannot write {path}: {exc.strerror or exc}. Choose a folder you can write to."
        ) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, _umask_mode())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ParameterError(
            f"cannot write {path}: {exc.strerror or exc}. "
            "Free some space or choose a folder you can write to."
        ) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(target: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``target`` atomically (see :func:`atomic_write_bytes`)."""
    return atomic_write_bytes(target, text.encode(encoding))


def sha256_bytes(payload: bytes) -> str:
    """Hex SHA-256 of ``payload``."""
    return hashlib.sha256(payload).hexdigest()


def sha256_file(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes, read in chunks (report inputs can be large workbooks)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


@lru_cache(maxsize=16)
def _read_json(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def derived_json(path: str | Path, what: str) -> dict[str, Any]:
    """A JSON file ``make calibrate`` writes, read once (cached); a missing one says how to rebuild it."""
    target = Path(path)
    if not target.exists():
        raise ForecastError(f"{what} file {target} is missing; regenerate it with `make calibrate`")
    return _read_json(str(target))
