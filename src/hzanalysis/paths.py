"""Project paths, anchored on the package and overridable.

The repository layout is ``<root>/src/hzanalysis``; ``HZANALYSIS_ROOT`` overrides the root (for an
installed package used outside the repository, or for tests that need a scratch project).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def project_root() -> Path:
    """The project folder holding ``data/``, ``notebooks/`` and ``reports/``."""
    override = os.environ.get("HZANALYSIS_ROOT")
    return Path(override).resolve() if override else PACKAGE_DIR.parents[1]


def raw_dir() -> Path:
    """Read-only inputs: the plan, targets, curated observations, reference panels."""
    return project_root() / "data" / "raw"


def notebooks_dir() -> Path:
    """The parameterised notebooks that make up the report."""
    return project_root() / "notebooks"


def reports_dir() -> Path:
    """Where ``hzanalysis report`` publishes dated runs."""
    return project_root() / "reports"


def plan_text_path() -> Path:
    """The default plan's text, kept in the project so users need nothing outside it.

    Other plans: ``hzanalysis.plans.resolve_plan(plan_id).text_path``.
    """
    return raw_dir() / "plans" / "haizhou-2024" / "plan.txt"
