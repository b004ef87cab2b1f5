"""Publishing a run: the lock on the reports folder, the staging folder, and the atomic rename into place.

Readers never see a half-written run folder: a run is built in ``<out>/.staging/`` and renamed into place;
an existing folder of the same name is replaced whole (and put back if the rename fails).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

from ..errors import LockedError
from ..fileio import atomic_write_text

log = logging.getLogger(__name__)

LOCK_NAME = ".lock"
OWNER_NAME = ".lock.owner"
STAGING_NAME = ".staging"


def lock_owner(out: Path) -> str:
    """Who holds the lock, from the owner file the holder wrote ("" when unknown)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        info = json.loads((out / OWNER_NAME).read_text(encoding="utf-8"))
        return (
            f"pid {info.get('pid')} on {info.get('host')}, run {info.get('folder') or info.get('date')}, "
            f"started {info.get('started_at')}"
        )
    return ""


def _locked_message(out: Path, wait: float) -> str:
    owner = lock_owner(out)
    return (
        f"another report run holds the lock {out / LOCK_NAME}{f' ({owner})' if owner else ''}; "
        f"waited {wait:g} s. Fix: let it finish and run again, or wait longer with --wait SECONDS "
        "(for example --wait 900; lock_timeout= in Python)."
    )


@contextlib.contextmanager
def hold_lock(out: Path, wait: float, folder: str, started_at: dt.datetime) -> Iterator[None]:
    """Hold ``out/.lock`` for the body, waiting up to ``wait`` seconds (saying so, and for whom) when
    another run holds it; LockedError (exit 3) when it is still held after that."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(out / LOCK_NAME))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if wait <= 0:
            raise LockedError(_locked_message(out, wait)) from None
        owner = lock_owner(out)
        log.warning(
            "another report run holds %s%s; waiting up to %g s for it to finish (--wait SECONDS to change)",
            out / LOCK_NAME,
            f" ({owner})" if owner else "",
            wait,
        )
        try:
            lock.acquire(timeout=wait)
        except Timeout:
            raise LockedError(_locked_message(out, wait)) from None
    try:
        atomic_write_text(
            out / OWNER_NAME,
            json.dumps(
                {
                    "pid": os.getpid(),
                    "host": socket.gethostname(),
                    "folder": folder,
                    "started_at": started_at.isoformat(timespec="seconds"),
                }
            ),
        )
        yield
    finally:
        with contextlib.suppress(OSError):
            (out / OWNER_NAME).unlink()
        lock.release()


def clear_staging(out: Path) -> Path:
    """The staging root, emptied: while we hold the lock, anything left there is from a crashed run."""
    staging_root = out / STAGING_NAME
    if staging_root.exists():
        shutil.rmtree(staging_root, ignore_errors=True)
    return staging_root


def publish(staging: Path, final: Path, trash: Path) -> None:
    """Rename the finished staging folder to ``final``, replacing an existing folder whole."""
    if final.exists() or final.is_symlink():
        os.rename(final, trash)
        try:
            os.rename(staging, final)
        except BaseException:  # OSError, or SIGTERM between the two renames
            os.rename(trash, final)  # put the previous run back rather than leave nothing
            raise
        shutil.rmtree(trash, ignore_errors=True)
    else:
        os.rename(staging, final)
