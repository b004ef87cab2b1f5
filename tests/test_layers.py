"""Imports run one way: no import cycle, no import from a lower layer into a higher one, the build apart.

The layers (DESIGN.md section 5), lowest first, are written once here, in :data:`LAYERS`: a module may
import its own layer and the layers below it, and the words beside them; the words import only the base;
nothing outside ``hzanalysis.derive`` (build time) imports it. Every import counts, at the top of a module
or inside a function (a lazy import hides a dependency, it does not remove it), and so do imports made
for type checking only (a type is a dependency of the design, if not of the running program).

Known debts in code this change did not own are in :data:`ALLOWED`, each with why; an entry that no longer
matches an import fails the test, so the list only shrinks.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "hzanalysis"

#: The layers, lowest first, each with the module prefixes it holds (the longest matching prefix decides).
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # what every layer may use: the one exception family, where files live, atomic writes
    ("base", ("hzanalysis.errors", "hzanalysis.paths", "hzanalysis.fileio", "hzanalysis.version")),
    # the catalogue, the observations, the documents and the plans drafted from them
    (
        "inputs",
        (
            "hzanalysis.catalogue",
            "hzanalysis.observations",
            "hzanalysis.extract",
            "hzanalysis.documents",
            "hzanalysis.text_layout",
            "hzanalysis.plans",
            "hzanalysis.regions",
            "hzanalysis.targets",
            "hzanalysis.plan_text",
            "hzanalysis.plan_indicators",
            "hzanalysis.plan_drafts",
            "hzanalysis.plan_figures",
            "hzanalysis.plan_tables",
            "hzanalysis.plan_lists",
            "hzanalysis.plan_segment",
            "hzanalysis.plan_read",
            "hzanalysis.plan_registry",
            "hzanalysis.plan_score",
            "hzanalysis.panels",
            "hzanalysis.bureaus",
        ),
    ),
    # forecasts, reference classes, the learned persistence, official rules, the judgement of each target
    (
        "judgement",
        (
            "hzanalysis.transforms",
            "hzanalysis.persistence",
            "hzanalysis.populations",
            "hzanalysis.reference",
            "hzanalysis.models",
            "hzanalysis.forecast",
            "hzanalysis.rules",
            "hzanalysis.probability",
            "hzanalysis.assessment",
            "hzanalysis.settle",
            "hzanalysis.judgement",
            "hzanalysis.batch",
            "hzanalysis.lookback",
        ),
    ),
    # tables, charts and pages built from judgements, and the report runner
    (
        "run",
        (
            "hzanalysis.tables",
            "hzanalysis.sentences",
            "hzanalysis.gaps",
            # the facade of the judgement re-exports the tables and the gap grid, so it sits above them
            "hzanalysis.assess",
            "hzanalysis.reliability",
            "hzanalysis.charts",
            "hzanalysis.views",
            "hzanalysis.display",
            "hzanalysis.report",
        ),
    ),
    # the command line and the package's public face (``import hzanalysis as hz``)
    ("cli", ("hzanalysis.cli", "hzanalysis")),
)
#: Beside the layers: text in both languages, importable from any layer, importing only the base.
WORDS = ("hzanalysis.labels", "hzanalysis.report.text")
#: Apart: build-time fitting and validation; may import the runtime up to the judgement, never imported by it.
DERIVE = "hzanalysis.derive"
DERIVE_MAY_IMPORT = ("base", "inputs", "judgement", "words", "derive")

#: Imports that break the rules today, in code another change is restructuring (issue 15: report/ and
#: assess.py); (importer, imported) → why. Delete an entry when its import goes: a stale entry fails.
ALLOWED: dict[tuple[str, str], str] = {}


def module_name(path: Path, root: Path) -> str:
    """``src/hzanalysis/report/run.py`` → ``hzanalysis.report.run``; a package's ``__init__``: the package."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module → the package's modules it imports (anywhere in its body), from the source alone (ast).

    ``from .pkg import name`` counts as an import of ``pkg.name`` when that is a module, else of ``pkg``.
    """
    top = root.name
    files = sorted(root.rglob("*.py"))
    modules = {module_name(path, root): path for path in files}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[: len(package) - node.level + 1]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                for alias in node.names:
                    candidate = f"{source}.{alias.name}"
                    imported.add(candidate if candidate in modules else source)
        graph[name] = {m for m in imported if m == top or m.startswith(top + ".")}
        for target in graph[name]:
            assert target in modules, f"{name} imports {target}, which is no module of {top}"
    return graph


def layer_of(module: str) -> str:
    """The layer (or ``words`` / ``derive``) of a module; AssertionError for a module no layer holds.

    A prefix holds itself and its submodules, except the package itself (the facade), which holds only
    itself: a new top-level module must be placed by hand.
    """
    if module == DERIVE or module.startswith(DERIVE + "."):
        return "derive"
    best: tuple[int, str] | None = None
    for layer, prefixes in (*LAYERS, ("words", WORDS)):
        for prefix in prefixes:
            holds = module == prefix or ("." in prefix and module.startswith(prefix + "."))
            if holds and (best is None or len(prefix) > best[0]):
                best = (len(prefix), layer)
    assert best is not None, (
        f"module {module} is in no layer: add it to LAYERS (or WORDS) in tests/test_layers.py where it fits"
    )
    return best[1]


RANK = {layer: i for i, (layer, _) in enumerate(LAYERS)}


def violations(graph: Mapping[str, set[str]]) -> list[tuple[str, str, str]]:
    """(importer, imported, why) for every import that breaks the layering."""
    out = []
    for importer, targets in sorted(graph.items()):
        low = layer_of(importer)
        for target in sorted(targets):
            high = layer_of(target)
            if high == "derive" and low != "derive":
                out.append((importer, target, "the runtime imports the build (derive)"))
            elif low == "derive" and high not in DERIVE_MAY_IMPORT:
                out.append((importer, target, f"the build imports the {high} layer"))
            elif low == "words" and high not in ("base", "words"):
                out.append((importer, target, f"words import the {high} layer"))
            elif low in RANK and high in RANK and RANK[high] > RANK[low]:
                out.append((importer, target, f"upward: {low} imports {high}"))
    return out


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """Every group of modules that import each other, directly or not (strongly connected, size > 1)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm; the graph is small, recursion is fine
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph.get(node, ()):
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def without_allowed(graph: Mapping[str, set[str]]) -> dict[str, set[str]]:
    return {m: {t for t in ts if (m, t) not in ALLOWED} for m, ts in graph.items()}


# --------------------------------------------------------------------------------------- the checker itself


def write_package(root: Path, files: dict[str, str]) -> Path:
    """A throwaway package ``hzanalysis`` under ``root`` with the given modules (path → source)."""
    package = root / "hzanalysis"
    for relative, source in files.items():
        path = package / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return package


def test_checker_reads_relative_lazy_and_type_checking_imports(tmp_path: Path) -> None:
    package = write_package(
        tmp_path,
        {
            "__init__.py": "from . import forecast\n",
            "errors.py": "",
            "forecast.py": "from .errors import X\n\ndef f():\n    from .report import run\n",
            "report/__init__.py": "",
            "report/run.py": "from ..forecast import forecast\nimport hzanalysis.errors\nimport json\n",
            "report/export.py": "import typing\nif typing.TYPE_CHECKING:\n    from .run import Page\n",
        },
    )
    graph = import_graph(package)
    assert graph["hzanalysis"] == {"hzanalysis.forecast"}
    # a name imported from a module is an import of that module; the lazy one inside f() counts too
    assert graph["hzanalysis.forecast"] == {"hzanalysis.errors", "hzanalysis.report.run"}
    assert graph["hzanalysis.report.run"] == {"hzanalysis.forecast", "hzanalysis.errors"}
    assert graph["hzanalysis.report.export"] == {"hzanalysis.report.run"}
    assert cycles(graph) == [["hzanalysis.forecast", "hzanalysis.report.run"]]


def test_checker_finds_upward_imports_and_imports_of_the_build() -> None:
    graph = {
        "hzanalysis.forecast": {"hzanalysis.views", "hzanalysis.labels", "hzanalysis.errors"},
        "hzanalysis.views": {"hzanalysis.forecast"},
        "hzanalysis.labels": {"hzanalysis.targets"},
        "hzanalysis.reference": {"hzanalysis.derive.calibration"},
        "hzanalysis.derive.calibration": {"hzanalysis.forecast", "hzanalysis.cli"},
    }
    found = {(a, b) for a, b, _ in violations(graph)}
    assert found == {
        ("hzanalysis.forecast", "hzanalysis.views"),  # judgement → run
        ("hzanalysis.labels", "hzanalysis.targets"),  # words → inputs
        ("hzanalysis.reference", "hzanalysis.derive.calibration"),  # runtime → build
        ("hzanalysis.derive.calibration", "hzanalysis.cli"),  # build → cli
    }


def test_a_module_in_no_layer_is_named() -> None:
    with pytest.raises(AssertionError, match=r"hzanalysis\.newthing is in no layer"):
        layer_of("hzanalysis.newthing")
    assert layer_of("hzanalysis.report.text") == "words"  # the longer prefix wins over report
    assert layer_of("hzanalysis.report.run") == "run"
    assert layer_of("hzanalysis.observations.plausible") == "inputs"


# --------------------------------------------------------------------------------------- the package


def test_no_import_cycle() -> None:
    found = cycles(without_allowed(import_graph(PACKAGE)))
    assert found == [], f"import cycles (break each by moving what both need below them): {found}"


def test_no_import_from_a_lower_layer_into_a_higher_one() -> None:
    found = [v for v in violations(import_graph(PACKAGE)) if (v[0], v[1]) not in ALLOWED]
    assert found == [], "imports against the layers (LAYERS in tests/test_layers.py):\n" + "\n".join(
        f"  {a} → {b}: {why}" for a, b, why in found
    )


def test_the_runtime_never_imports_the_build() -> None:
    graph = import_graph(PACKAGE)
    assert any(m.startswith(DERIVE + ".") for m in graph), "the build package is where this test expects it"
    runtime = [m for m in graph if layer_of(m) != "derive"]
    assert sorted(m for m in runtime if any(layer_of(t) == "derive" for t in graph[m])) == []


def test_every_allowed_debt_is_still_there() -> None:
    graph = import_graph(PACKAGE)
    stale = [edge for edge in ALLOWED if edge[1] not in graph.get(edge[0], set())]
    assert stale == [], f"these imports are gone: delete them from ALLOWED in tests/test_layers.py: {stale}"
    problems = {(a, b) for a, b, _ in violations(graph)}
    in_cycles = {m for group in cycles(graph) for m in group}
    needless = [e for e in ALLOWED if e not in problems and not {e[0], e[1]} <= in_cycles]
    assert needless == [], f"these allowed imports break no rule: delete them from ALLOWED: {needless}"
