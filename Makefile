# Copydesk: `make run` opens the app on seeds/, `make test` runs the whole suite offscreen.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test test-core test-gui lint lint-imports typecheck bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,bench]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/copydesk gui seeds

# core tests run with PySide6 made unimportable (tests/core/conftest.py), then the GUI tests offscreen.
test: $(STAMP) lint test-core test-gui

test-core: $(STAMP)
	COPYDESK_BLOCK_QT=1 $(PY) -m pytest -p no:pytest-qt tests/core

test-gui: $(STAMP)
	QT_QPA_PLATFORM=offscreen PYTEST_QT_API=pyside6 $(PY) -m pytest tests/gui

# The loader's fuzz tests (tests/core/test_fuzz_*.py) with thousands of examples each; `make test` runs a few dozen.
.PHONY: fuzz
fuzz: $(STAMP)
	COPYDESK_FUZZ=1 COPYDESK_BLOCK_QT=1 $(PY) -m pytest -p no:pytest-qt tests/core -k fuzz

lint: lint-imports typecheck

lint-imports: $(STAMP)
	$(VENV)/bin/lint-imports --no-cache

# mypy sees the installed names (copydesk.core, copydesk.gui) through a link tree: the editable
# install's import hook is invisible to it.
TYPECHECK := build/typecheck
typecheck: $(STAMP)
	mkdir -p $(TYPECHECK)/copydesk
	ln -sfn ../../../core $(TYPECHECK)/copydesk/core
	ln -sfn ../../../gui $(TYPECHECK)/copydesk/gui
	cd $(TYPECHECK) && $(abspath $(VENV))/bin/mypy --config-file $(CURDIR)/pyproject.toml -p copydesk

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) tests/benchmarks/run_benchmarks.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
