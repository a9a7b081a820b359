# Two commands do all set-up on a fresh Debian/Ubuntu machine:
#   make run    create .venv, install, open the app on the bundled archive
#   make test   install the test extras, run the whole suite headless
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint archive screenshots dist clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/reading-room

test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

# Rebuild resources/archive/ from archive-sources/ (a test checks the committed copy).
archive: $(VENV)/.installed
	$(BIN)/python scripts/build_bundled_archive.py

screenshots: $(VENV)/.installed
	$(BIN)/python scripts/screenshots.py

# The one-folder PyInstaller bundle dist/reading-room/ (docs/installing.md), then its smoke test.
PYINSTALLER_PINS := pyinstaller==6.22.3 pyinstaller-hooks-contrib==2026.9
dist: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet $(PYINSTALLER_PINS)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/pyinstaller/reading-room.spec
	$(BIN)/python packaging/pyinstaller/smoke_test.py dist/reading-room

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
