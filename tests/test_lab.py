"""The JupyterLab path in a real browser: `make lab`'s JupyterLab, the project's kernel, a chart drawn.

JupyterLab is started from the project's environment on localhost (as ``make lab`` starts it, with
``jupyter_lab_config.py``) on a copy of ``notebooks/``; headless Chromium opens ``00_scorecard.ipynb``,
runs every cell with the ``hzanalysis`` kernel, waits for the chart's SVG in the output area, then saves
the notebook and checks that the saved file carries no output (in particular not the 0.9 MB chart
library). Every request that is not to this JupyterLab is aborted.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from hzanalysis.paths import notebooks_dir, project_root

sys.path.insert(0, str(Path(__file__).parent))
from browser import CHROMIUM, CHROMIUM_ARGS, chromium_available

pytestmark = [pytest.mark.browser, pytest.mark.notebook]

#: JupyterLab's own environment (`make lab`; kept apart so that its dependencies do not slow the kernels).
JUPYTER = project_root() / ".venv-lab" / "bin" / "jupyter"
START_TIMEOUT_S = 120
RUN_TIMEOUT_MS = 180_000


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on 127.0.0.1 serving a copy of the notebooks; yields (url, token, folder)."""
    if not chromium_available():
        if os.environ.get("CI"):
            pytest.fail("CI is set but /usr/bin/chromium is missing", pytrace=False)
        pytest.skip("no /usr/bin/chromium (and CI is not set)")
    if not JUPYTER.with_name("jupyter-lab").exists():
        pytest.fail(
            "JupyterLab is not installed in .venv-lab: run `make .venv-lab/.installed`", pytrace=False
        )
    from hzanalysis.report import ensure_kernel

    ensure_kernel()  # as `make lab` does: the notebooks name the project's kernel
    folder = tmp_path_factory.mktemp("lab") / "notebooks"
    shutil.copytree(notebooks_dir(), folder)
    runtime = folder.parent / "runtime"
    port, token = _free_port(), secrets.token_hex(16)
    command = [
        str(JUPYTER),
        "lab",
        f"--config={project_root() / 'jupyter_lab_config.py'}",
        f"--notebook-dir={folder}",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        f"--IdentityProvider.token={token}",
        "--LabApp.expose_app_in_browser=True",
        "--ServerApp.open_browser=False",
        *(["--allow-root"] if os.geteuid() == 0 else []),
    ]
    # As `make lab`: the server finds the project's kernelspec (installed under this Python's prefix).
    kernels = Path(sys.prefix) / "share" / "jupyter"
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(runtime),
        "OPENBLAS_NUM_THREADS": "1",
        "JUPYTER_PATH": str(kernels),
    }
    log = (folder.parent / "lab.log").open("wb")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=folder.parent)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(f"JupyterLab did not start: {(folder.parent / 'lab.log').read_text()[-2000:]}")
            time.sleep(0.5)
        yield url, token, folder
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def test_scorecard_runs_in_jupyterlab_and_draws_its_chart(lab):
    from playwright.sync_api import sync_playwright

    url, token, folder = lab
    saved = folder / "00_scorecard.ipynb"
    blocked: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})

            def route(request_route):
                if request_route.request.url.startswith(url):
                    request_route.continue_()
                else:
                    blocked.append(request_route.request.url)
                    request_route.abort()

            context.route("**/*", route)
            page = context.new_page()
            page_errors: list[str] = []
            page.on("pageerror", lambda error: page_errors.append(str(error)))
            page.goto(f"{url}/lab/tree/00_scorecard.ipynb?token={token}", wait_until="load")
            page.wait_for_function("() => window.jupyterapp && window.jupyterapp.started", timeout=60_000)
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
            # the notebook asks for the project's kernel by name; the session must be running it
            kernel = page.evaluate(
                """async () => {
                  const app = window.jupyterapp;
                  const panel = app.shell.currentWidget;
                  await panel.sessionContext.ready;
                  return panel.sessionContext.session.kernel.name;
                }"""
            )
            assert kernel == "hzanalysis"
            page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
            page.wait_for_selector(
                ".jp-OutputArea-output .hz-chart svg .role-mark", state="attached", timeout=RUN_TIMEOUT_MS
            )
            page.wait_for_function(
                """() => {
                  const panel = window.jupyterapp.shell.currentWidget;
                  const kernel = panel.sessionContext.session.kernel;
                  const prompts = Array.from(document.querySelectorAll('.jp-InputPrompt'))
                    .map(p => p.textContent);
                  return kernel.status === 'idle' && !prompts.some(t => t.includes('*'));
                }""",
                timeout=RUN_TIMEOUT_MS,
            )
            charts = page.evaluate(
                """() => Array.from(document.querySelectorAll('.jp-OutputArea-output .hz-chart'))
                  .map(div => ({svg: !!div.querySelector('svg .role-mark'),
                                error: div.classList.contains('hz-chart-error') ? div.textContent : ''}))"""
            )
            assert charts and all(c["svg"] and not c["error"] for c in charts), charts
            errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
            tracebacks = [t for t in errors.all_text_contents() if "Traceback" in t or "Error" in t]
            assert tracebacks == []
            # a run notebook holds the chart library in its outputs; saving must not write it
            in_memory = page.evaluate(
                "() => JSON.stringify(window.jupyterapp.shell.currentWidget.content.model.toJSON()).length"
            )
            assert in_memory > 500_000
            page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
            page.wait_for_function(
                "() => !window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=30_000
            )
            assert page_errors == []
        finally:
            browser.close()
    assert blocked == []
    text = saved.read_text(encoding="utf-8")
    notebook = json.loads(text)
    assert len(text) < 20_000 and "vegaEmbed" not in text
    assert all(c.get("outputs", []) == [] for c in notebook["cells"] if c["cell_type"] == "code")
    assert "parameters" in notebook["cells"][0]["metadata"].get("tags", [])  # the cells are kept
