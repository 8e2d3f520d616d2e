# Two entry points: `make run` and `make test`. Both create the virtual environment first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test check unit chromium fonts graphviz java clean

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

run: $(STAMP) graphviz
	$(BIN)/streamlit run app.py

# Debian's chromium: Playwright cannot download its own browser on our machines.
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

# Chinese text in the headless browser (screenshots, browser tests in Chinese) needs a CJK font: without one it
# renders as empty boxes.
fonts:
	@dpkg -s fonts-noto-cjk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq fonts-noto-cjk >/dev/null; }

# Spark (the --engine spark tests) needs Java 17 or later; Debian's headless JRE when `java -version` says less.
java:
	@java -version 2>&1 | grep -Eq 'version "(1[7-9]|[2-9][0-9])' \
		|| { apt-get update -qq && apt-get install -y -qq default-jre-headless >/dev/null; }

# Graphviz's `dot` only enables the SVG download of the process map (the map itself renders in the browser),
# so a machine where it cannot be installed still runs the app.
graphviz:
	@command -v dot >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq graphviz >/dev/null; } \
		|| echo "graphviz not installed: the process map's SVG download stays off"

# Lint, formatting and types first (seconds), then the suite: doctests in o2c/, the layer and translation
# tests, unit tests, AppTest per page and the browser journeys.
check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: check chromium fonts graphviz java
	$(BIN)/python -m pytest -q

unit: $(STAMP) java
	$(BIN)/python -m pytest -q -m "not browser"

clean:
	rm -rf $(VENV)
