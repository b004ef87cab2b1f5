"""The three descriptions of the environment stay in step: pyproject.toml, environment.yml, the locks."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).parents[1]


def pyproject_dependencies() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {canonicalize_name(r.name): str(r.specifier) for r in map(Requirement, project["dependencies"])}


def conda_dependencies() -> dict[str, str]:
    spec = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    out = {}
    for item in spec["dependencies"]:
        if not isinstance(item, str):
            continue
        name, version = re.match(r"([A-Za-z0-9_.-]+)(.*)", item).groups()
        if name in ("python", "pip"):  # the interpreter and installer, not dependencies (python-docx is one)
            continue
        out[canonicalize_name(name)] = version
    return out


def locked(name: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements" / name).read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#"):
            package, version = line.split("==")
            pins[canonicalize_name(package)] = version.strip()
    return pins


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    assert conda_dependencies() == pyproject_dependencies()


def test_every_dependency_is_pinned_in_the_runtime_lock_within_its_range():
    pins = locked("runtime.lock")
    for name, specifier in pyproject_dependencies().items():
        assert name in pins, f"{name} is not pinned in requirements/runtime.lock"
        assert Requirement(f"{name}{specifier}").specifier.contains(pins[name]), (name, pins[name])


def test_test_extras_are_pinned_in_the_test_lock():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = locked("test.lock")
    for requirement in map(Requirement, project["optional-dependencies"]["test"]):
        name = canonicalize_name(requirement.name)
        assert name in pins and requirement.specifier.contains(pins[name]), name
