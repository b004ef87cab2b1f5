# Two commands set everything up on a fresh clone: `make report` and `make test` (either order).
PYTHON ?= python3
# One BLAS thread per process: the statsmodels fits are small, and threads fight over 2 cores (10x slower).
export OPENBLAS_NUM_THREADS ?= 1
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: report test test-fast lab data bench bench-report calibrate clean help

help:
	@echo "make report   build the observations and write reports/<today>/ (creates .venv)"
	@echo "make test     run the whole test suite (creates .venv with the test extras)"
	@echo "make test-fast  unit and property tests only (no notebooks, no browser)"
	@echo "make lab      open JupyterLab on notebooks/ with the project's kernel"
	@echo "make bench    run the accuracy, calibration and speed benchmarks"
	@echo "make calibrate  regenerate src/hzanalysis/derived/ from ../shared/data (a few minutes)"

$(VENV)/.runtime: requirements/runtime.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements/runtime.lock
	$(PIP) install --no-deps --no-build-isolation -e . 2>/dev/null || $(PIP) install --no-deps -e .
	touch $@

$(VENV)/.test: $(VENV)/.runtime requirements/test.lock
	$(PIP) install -r requirements/test.lock
	touch $@

$(VENV)/.lab: $(VENV)/.runtime requirements/lab.lock
	$(PIP) install -r requirements/lab.lock
	touch $@

data: $(VENV)/.runtime
	$(BIN)/hzanalysis data build

report: data
	$(BIN)/hzanalysis report

test: $(VENV)/.test
	$(BIN)/ruff check src tests benchmarks notebooks
	$(BIN)/ruff format --check src tests benchmarks notebooks
	$(BIN)/python -m pytest

# The unit and property tests only: no notebook execution, no browser (for the edit-test loop).
test-fast: $(VENV)/.test
	$(BIN)/python -m pytest -m "not notebook and not browser" -q

# The kernel is the one the report runner uses (same kernelspec, same Python); root needs --allow-root.
lab: $(VENV)/.lab data
	$(BIN)/python -c "from hzanalysis.report import ensure_kernel; ensure_kernel()"
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(VENV)/.test
	$(BIN)/python -m benchmarks.run_all

bench-report: $(VENV)/.test
	$(BIN)/python -m benchmarks.report_speed

# Regenerates the calibration, the reference classes and the validation results, byte for byte, from the
# panels in ../shared/data/ (build inputs the repository does not hold; see src/hzanalysis/derived/PROVENANCE.md).
calibrate: $(VENV)/.runtime
	$(BIN)/python -m hzanalysis.calibration build

clean:
	rm -rf $(VENV) data/processed reports/.staging
