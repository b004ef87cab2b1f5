"""The judgement stays mypy-clean: the files and settings are ``[tool.mypy]`` in pyproject.toml
(``make typecheck`` runs the same check)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_the_judgement_modules_are_checked():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    names = {Path(f).name for f in config["files"]}
    assert {"probability.py", "assessment.py", "settle.py", "judgement.py", "catalogue.py"} <= names


def test_mypy_finds_no_error_in_the_judgement():
    done = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("Success: no issues found")
