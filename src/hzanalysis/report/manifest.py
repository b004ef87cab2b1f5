"""The run's manifest: parameters, timings, versions and the checksum of every input; reading them back.

Schema 2 adds ``plan``, ``label`` and ``ad_hoc`` to the parameters; schema 1 manifests are read with those
derived from their other parameters.
"""

from __future__ import annotations

import importlib.metadata
import json
import logging
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import paths
from ..fileio import sha256_file
from .plan import DEFAULT_LANG, DEFAULT_PLAN, RUN_FOLDER, run_label

log = logging.getLogger(__name__)

#: Packages whose versions go into the manifest.
KEY_PACKAGES = (
    "numpy",
    "pandas",
    "scipy",
    "statsmodels",
    "altair",
    "vl-convert-python",
    "papermill",
    "nbconvert",
    "nbclient",
    "nbformat",
    "ipykernel",
    "jupyter_client",
    "openpyxl",
    "python-docx",
    "PyYAML",
    "filelock",
    "tqdm",
)
MANIFEST_SCHEMA = 2


def _display_path(path: Path) -> str:
    root = paths.project_root()
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path.resolve())


def input_files(data: Sequence[Path], notebooks: Sequence[Path]) -> list[dict[str, Any]]:
    """Checksums of every input: the raw data files, the extra data files and the notebooks run."""
    entries: list[tuple[str, Path]] = []
    raw = paths.raw_dir()
    if raw.is_dir():
        entries += [("raw", p) for p in sorted(raw.rglob("*")) if p.is_file()]
    entries += [("data", p) for p in data]
    entries += [("notebook", p) for p in dict.fromkeys(notebooks)]
    return [
        {"role": role, "path": _display_path(p), "bytes": p.stat().st_size, "sha256": sha256_file(p)}
        for role, p in entries
    ]


def package_versions() -> dict[str, str | None]:
    """Versions of Python and the key packages (None when a package is not installed)."""
    versions: dict[str, str | None] = {"python": sys.version.split()[0]}
    for name in KEY_PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def hzanalysis_version() -> str:
    """The installed hzanalysis version (the source tree's when not installed)."""
    try:
        return importlib.metadata.version("hzanalysis")
    except importlib.metadata.PackageNotFoundError:
        from ..version import __version__

        return __version__


def git_commit(root: Path | None = None) -> str | None:
    """``git rev-parse HEAD`` of the project, or None (no git, not a repository, no commit yet)."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=root or paths.project_root(),
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    commit = done.stdout.strip()
    return commit if done.returncode == 0 and re.fullmatch(r"[0-9a-f]{40,64}", commit) else None


def is_ad_hoc(manifest: dict[str, Any]) -> bool:
    """True for a run made with other than the default parameters (it never becomes "latest")."""
    parameters = manifest.get("parameters", {})
    if "ad_hoc" in parameters:
        return bool(parameters["ad_hoc"])
    return (
        run_label(
            as_of=parameters.get("as_of"),
            data=parameters.get("data") or (),
            targets=parameters.get("targets"),
            lang=parameters.get("lang", DEFAULT_LANG),
            plan=parameters.get("plan", DEFAULT_PLAN),
        )
        is not None
    )


def read_manifests(out: Path) -> list[dict[str, Any]]:
    """Manifests of every published run in ``out``, newest first by when the run finished (not by folder
    name or run date); unreadable ones are skipped. Each gets ``_folder``, its folder's name."""
    runs = []
    for folder in out.iterdir() if out.is_dir() else []:
        if not (folder.is_dir() and not folder.is_symlink() and RUN_FOLDER.fullmatch(folder.name)):
            continue
        try:
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            log.warning("skipping %s: no readable manifest.json", folder)
            continue
        if not isinstance(manifest, dict):
            log.warning("skipping %s: manifest.json is not an object", folder)
            continue
        manifest["_folder"] = folder.name
        runs.append(manifest)
    runs.sort(key=lambda m: (str(m.get("finished_at", "")), m["_folder"]), reverse=True)
    return runs
