# Two commands do everything on a fresh machine:
#   make run    venv + install + demo store from assets/sample + the kiosk
#   make test   venv + install + the whole test suite
#   make demo-chain   head office and two stores' kiosks from assets/sample (docs/sync.md)
# CPython 3.12+ is preferred: PySide6 6.12.0 is broken on 3.11 (see pyproject.toml).

PYTHON ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3) \
                     $(shell command -v python3.12 python3.13 python3 2>/dev/null))
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB ?= demo/kiosk.db
DEMO_CHAIN_DIR ?= demo-chain
CHAIN_ARGS ?=
PYTEST_ARGS ?=
PYTEST_WORKERS ?= 2

.PHONY: run test lint bench screenshots demo demo-chain system-deps clean
RUN_ARGS ?=

# Qt Multimedia needs libpulse; Qt's xcb platform (make run on a desktop) and
# Xvfb (a real window on a headless machine) come from Debian too.
SYSTEM_LIBS := libpulse0 libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 \
               libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 \
               libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 xvfb \
               postgresql
system-deps:
	@missing=$$(for p in $(SYSTEM_LIBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing system packages: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Please install these system packages: $$missing"; \
	  fi; \
	fi

$(STAMP): pyproject.toml setup.py | system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

$(DEMO_DB): $(STAMP)
	$(BIN)/kiosk demo --db $(DEMO_DB)

demo: $(DEMO_DB)

# With no display (a server, CI), the kiosk opens on a virtual screen (Xvfb).
run: $(STAMP) $(DEMO_DB)
	@$(BIN)/kiosk demo --db $(DEMO_DB) --cards
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ] && command -v xvfb-run >/dev/null; then \
	  echo "No display found: opening the kiosk on a virtual screen (Xvfb)."; \
	  xvfb-run -a -s "-screen 0 1920x1080x24" $(BIN)/kiosk run --db $(DEMO_DB) $(RUN_ARGS); \
	else \
	  $(BIN)/kiosk run --db $(DEMO_DB) $(RUN_ARGS); \
	fi

# Head office and a kiosk in each of two stores (built in $(DEMO_CHAIN_DIR), safe to run
# again); stops when both windows close or on Ctrl-C.
demo-chain: $(STAMP)
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ] && command -v xvfb-run >/dev/null; then \
	  echo "No display found: opening the kiosks on a virtual screen (Xvfb)."; \
	  xvfb-run -a -s "-screen 0 1920x1080x24" $(BIN)/kiosk demo --chain $(DEMO_CHAIN_DIR) $(CHAIN_ARGS); \
	else \
	  $(BIN)/kiosk demo --chain $(DEMO_CHAIN_DIR) $(CHAIN_ARGS); \
	fi

# The shopper's screens at 3 sizes x English/French x large text, and the staff tablet's;
# older shopper screenshots (names no longer made) are removed first.
screenshots: $(STAMP) $(DEMO_DB)
	rm -f $(filter-out docs/screenshots/staff-%,$(wildcard docs/screenshots/*.png))
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m kiosk.ui.screenshots docs/screenshots --db $(DEMO_DB)

# lint-imports checks the import contracts in pyproject.toml (docs/architecture-layers.md).
# The tests run in PYTEST_WORKERS processes (pytest-xdist; CI has 2 cores), one test at a
# time each, an idle one taking tests queued for the other (worksteal: the slowest tests
# are few to a file, so whole files would leave one process with the long ones at the end).
# PYTEST_WORKERS=0 runs them in this process; PYTEST_ARGS are added last (files, -k, -x).
test: $(STAMP)
	$(BIN)/ruff check kiosk plugins tests benchmarks examples
	$(BIN)/lint-imports --no-cache --no-logo
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check kiosk plugins tests benchmarks examples
	$(BIN)/lint-imports --no-cache --no-logo

bench: $(STAMP)
	@for b in benchmarks/*_bench.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) demo $(DEMO_CHAIN_DIR) build *.egg-info .pytest_cache .ruff_cache
