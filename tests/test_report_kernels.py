"""Warm kernels: each worker runs its pages in one kernel, emptied between pages (report/kernel.py).

The notebooks are SYNTHETIC, written by the tests.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from hzanalysis.report import Page, run_report

pytestmark = pytest.mark.notebook


def _notebook(folder: Path, name: str, *cells: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(folder / f"{name}.ipynb"))


def _outputs(run_dir: Path, slug: str) -> str:
    nb = nbformat.read(str(run_dir / "notebooks" / f"{slug}.ipynb"), as_version=4)
    texts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            texts.append(output.get("text", ""))
            texts += [str(v) for v in output.get("data", {}).values()]
    return "\n".join(texts)


@pytest.fixture(scope="module")
def suite(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("warm")
    chart_page = ("import hzanalysis as hz\nhz.display.setup('zh')", "import os\nprint('PID', os.getpid())")
    _notebook(folder, "first", *chart_page, "leaked = 'from the first page'")
    _notebook(folder, "broken", "raise RuntimeError('SYNTHETIC failure')")
    _notebook(folder, "second", *chart_page, "print('LEAKED' if 'leaked' in dir() else 'CLEAN')")
    return folder


def _pages(*names: str) -> list[Page]:
    return [Page(f"{n}.ipynb", n, f"合成{n}", f"Synthetic {n}") for n in names]


def _pid(run_dir: Path, slug: str) -> str:
    return _outputs(run_dir, slug).split("PID ", 1)[1].split()[0]


def test_pages_share_a_warm_kernel_but_not_its_namespace_or_display_state(suite, tmp_path):
    result = run_report(
        date="2026-01-01",
        out=tmp_path,
        pages=_pages("first", "second"),
        notebooks_dir=suite,
        jobs=1,
        progress=False,
    )
    assert result.exit_code == 0, result.summary()
    assert _pid(result.run_dir, "first") == _pid(result.run_dir, "second")  # one kernel for both pages
    second = _outputs(result.run_dir, "second")
    assert "CLEAN" in second and "LEAKED" not in second  # the first page's variables are gone
    # each page carries the chart bundle itself: a reader opens pages one by one
    assert "vegaEmbed" in second or "vega-embed" in second


def test_a_failed_page_does_not_pass_its_kernel_on(suite, tmp_path):
    result = run_report(
        date="2026-01-01",
        out=tmp_path,
        pages=_pages("first", "broken", "second"),
        notebooks_dir=suite,
        jobs=1,
        progress=False,
    )
    assert [p.status for p in result.pages] == ["ok", "failed", "ok"]
    assert "SYNTHETIC failure" in (result.pages[1].error or "")
    assert _pid(result.run_dir, "first") != _pid(result.run_dir, "second")  # a new kernel after the failure
    assert "CLEAN" in _outputs(result.run_dir, "second")


def test_fresh_kernels_on_request(suite, tmp_path):
    result = run_report(
        date="2026-01-01",
        out=tmp_path,
        pages=_pages("first", "second"),
        notebooks_dir=suite,
        jobs=1,
        progress=False,
        warm_kernels=False,
    )
    assert result.exit_code == 0, result.summary()
    assert _pid(result.run_dir, "first") != _pid(result.run_dir, "second")
