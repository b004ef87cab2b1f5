# Two commands set everything up on a fresh clone: `make report` and `make test` (either order).
PYTHON ?= python3
# One BLAS thread per process: the statsmodels fits are small, and threads fight over 2 cores (10x slower).
export OPENBLAS_NUM_THREADS ?= 1
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: report test test-fast typecheck lab bench bench-report bench-peers calibrate clean help

help:
	@echo "make report   write reports/<today>/: pages, brief.docx, workbook.xlsx (creates .venv)"
	@echo "make test     run the whole test suite (creates .venv with the test extras)"
	@echo "make test-fast  unit and property tests only (no notebooks, no browser)"
	@echo "make typecheck  mypy on the whole package ([tool.mypy] in pyproject.toml)"
	@echo "make lab      open JupyterLab on notebooks/ with the project's kernel"
	@echo "make bench    run the accuracy, calibration and speed benchmarks"
	@echo "make calibrate  regenerate src/hzanalysis/derived/ from ../shared/data (a few minutes)"
	@echo "make bench-peers  the project beside statsforecast on every population, and pooled (creates .venv-peers)"

$(VENV)/.runtime: requirements/runtime.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements/runtime.lock
	$(PIP) install --no-deps --no-build-isolation -e . 2>/dev/null || $(PIP) install --no-deps -e .
	touch $@

# JupyterLab's server gets an environment of its own: its dependencies make `import altair`, and so every
# report page, twice as slow (jsonschema then builds rfc3987-syntax's grammar on import: 0.7 s per kernel).
# The kernel stays the project's (.venv); the lab finds that kernelspec through JUPYTER_PATH.
# The test extras need it too: the browser test drives `make lab`'s JupyterLab.
LAB_VENV := .venv-lab
$(LAB_VENV)/.installed: requirements/lab.lock requirements/runtime.lock pyproject.toml
	test -x $(LAB_VENV)/bin/python || $(PYTHON) -m venv $(LAB_VENV)
	$(LAB_VENV)/bin/python -m pip --disable-pip-version-check -q install -r requirements/lab.lock
	$(LAB_VENV)/bin/python -m pip --disable-pip-version-check -q install --no-deps -e .
	touch $@

$(VENV)/.test: $(VENV)/.runtime requirements/test.lock $(LAB_VENV)/.installed
	$(PIP) install -r requirements/test.lock
	touch $@

# A run reads the raw files itself and stores the observations it used in its assessments.json (there is no
# processed table to build first).
report: $(VENV)/.runtime
	$(BIN)/hzanalysis report

test: $(VENV)/.test
	$(BIN)/ruff check src tests benchmarks notebooks
	$(BIN)/ruff format --check src tests benchmarks notebooks
	$(BIN)/python -m pytest

# mypy on the whole package; the files and settings are [tool.mypy] in pyproject.toml (make test runs it too,
# through tests/test_typecheck.py).
typecheck: $(VENV)/.test
	$(BIN)/mypy

# The unit and property tests only: no notebook execution, no browser (for the edit-test loop).
test-fast: $(VENV)/.test
	$(BIN)/python -m pytest -m "not notebook and not browser" -q

# The kernel is the one the report runner uses (same kernelspec, same Python); root needs --allow-root.
lab: $(LAB_VENV)/.installed $(VENV)/.runtime
	$(BIN)/python -c "from hzanalysis.report import ensure_kernel; ensure_kernel()"
	JUPYTER_PATH=$(abspath $(VENV))/share/jupyter $(LAB_VENV)/bin/jupyter lab --config=jupyter_lab_config.py \
		--notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(VENV)/.test
	$(BIN)/python -m benchmarks.run_all

bench-report: $(VENV)/.test
	$(BIN)/python -m benchmarks.report_speed

# Regenerates the calibration, the reference classes and the validation results, byte for byte, from the
# panels in ../shared/data/ (build inputs the repository does not hold; see src/hzanalysis/derived/PROVENANCE.md).
calibrate: $(VENV)/.runtime
	$(BIN)/python -m hzanalysis.derive build

# statsforecast needs pandas < 3, so the peers run in their own environment (pinned in requirements/peers.lock).
PEERS_VENV := .venv-peers
$(PEERS_VENV)/.installed: requirements/peers.lock
	test -x $(PEERS_VENV)/bin/python || $(PYTHON) -m venv $(PEERS_VENV)
	$(PEERS_VENV)/bin/python -m pip --disable-pip-version-check -q install -r requirements/peers.lock
	touch $@

bench-peers: $(VENV)/.test $(PEERS_VENV)/.installed
	nice $(BIN)/python -m benchmarks.peers --peer-python $(PEERS_VENV)/bin/python

clean:
	rm -rf $(VENV) $(PEERS_VENV) $(LAB_VENV) reports/.staging
