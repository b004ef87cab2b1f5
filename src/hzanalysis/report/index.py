"""The runs index ``<out>/index.html`` and the pointers to the latest run (``latest``, ``latest.html``).

"Latest" is the newest complete DEFAULT run, by when it finished: an ad hoc run (own data, a cut-off date,
some targets, another language or plan, or a ``--label``) is listed with its parameters but never becomes
latest, and neither does a run with a failed page.
"""

from __future__ import annotations

import contextlib
import logging
import os
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..fileio import atomic_write_text
from .export import mark_english, render
from .manifest import is_ad_hoc, read_manifests
from .plan import DEFAULT_PLAN
from .text import texts

log = logging.getLogger(__name__)


def latest_run(runs: Sequence[dict[str, Any]]) -> str | None:
    """Folder of the newest complete default run among ``runs`` (newest first), or None."""
    return next(
        (m["_folder"] for m in runs if m.get("status") == "complete" and not is_ad_hoc(m)),
        None,
    )


def _row(manifest: dict[str, Any], lang: str) -> dict[str, Any]:
    t = texts(lang)
    parameters = manifest.get("parameters", {})
    pages = manifest.get("pages", [])
    return {
        "folder": manifest["_folder"],
        "ad_hoc": is_ad_hoc(manifest),
        "label": parameters.get("label") or "",
        "plan": parameters.get("plan") or DEFAULT_PLAN,
        "complete": manifest.get("status") == "complete",
        "ok": sum(p.get("status") == "ok" for p in pages if isinstance(p, dict)),
        "total": len(pages),
        "as_of": parameters.get("as_of"),
        "lang": parameters.get("lang", ""),
        "targets": ", ".join(map(str, parameters.get("targets") or []))
        or Markup(mark_english(t["all_targets"], lang)),
        "data": ", ".join(Path(str(p)).name for p in parameters.get("data") or []) or "—",
        # ISO time to the minute, readable in a narrow column: "2026-01-05 06:31".
        "finished_at": str(manifest.get("finished_at", ""))[:16].replace("T", " "),
    }


def runs_index_html(runs: Sequence[dict[str, Any]], latest: str | None, lang: str = "zh") -> str:
    """Every run, newest first, with its kind (default or ad hoc), plan and parameters."""
    return render(
        "runs_index.html.j2",
        lang,
        title=texts(lang)["runs_title"],
        runs=[_row(m, lang) for m in runs],
        latest=latest,
    )


def latest_html(latest: str | None, lang: str = "zh") -> str:
    """A page that forwards to the latest run, or says there is none yet."""
    return render(
        "latest.html.j2",
        lang,
        title=texts(lang)["latest"],
        latest=latest,
        target=f"{latest}/index.html" if latest else None,
    )


def update_runs_index(out: Path) -> str | None:
    """Rewrite ``out/index.html``, ``out/latest`` (relative symlink) and ``out/latest.html``.

    Returns the folder "latest" points to (see the module docstring), or None.
    """
    runs = read_manifests(out)
    latest = latest_run(runs)
    atomic_write_text(out / "index.html", runs_index_html(runs, latest))
    atomic_write_text(out / "latest.html", latest_html(latest))
    link = out / "latest"
    if latest is None:
        if link.is_symlink():
            link.unlink()
    elif not link.exists() or link.is_symlink():  # never clobber a real folder named "latest"
        tmp = out / f".latest.{uuid.uuid4().hex}"
        try:
            os.symlink(latest, tmp, target_is_directory=True)
            os.replace(tmp, link)
        except OSError as error:  # file systems without symlinks: latest.html is enough
            log.info("no latest symlink (%s); latest.html leads to %s", error, latest)
            with contextlib.suppress(OSError):
                tmp.unlink()
    return latest
