# Palisade — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test install lint typecheck unit browser clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Palisade needs Python 3.11 or newer: run make PYTHON=python3.11 ..."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run:
	@echo "Palisade: open http://$(HOST):$(PORT)/ in your browser once it is up (Ctrl-C stops)."
	@echo "Embedded defaults: offline engine, SQLite and a local git repository under the data directory."
	@$(MAKE) --no-print-directory -s install
	@$(BIN)/palisade serve --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP) browser
	$(BIN)/pytest

# The browser tests drive Debian's Chromium (never a Playwright download). Install it when it is missing
# and apt-get may run (root, or sudo without a password); otherwise those tests skip with the reason
# (and fail under CI=1). See docs/web.md.
browser:
	@test -x "$(CHROMIUM)" && exit 0; \
	if ! command -v apt-get >/dev/null 2>&1; then \
		echo "browser: $(CHROMIUM) is missing and there is no apt-get; the browser tests will be skipped."; exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; \
	else echo "browser: $(CHROMIUM) is missing and installing it needs root; the browser tests will be skipped."; exit 0; fi; \
	echo "browser: installing Debian's chromium for the browser tests (apt-get)"; \
	$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium >/dev/null \
		|| { $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null \
			&& $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium >/dev/null; } \
		|| echo "browser: could not install chromium; the browser tests will be skipped."

test: lint typecheck unit

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
