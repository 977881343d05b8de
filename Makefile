# Mali crisis lessons: `make lab` to teach or learn, `make test` to check everything.
# Each target sets up the Python environment in .venv first when it is missing or stale.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Extra options for JupyterLab, e.g. make lab LAB_OPTS="--port=8899 --no-browser"
LAB_OPTS ?=
# The edition: `make lab LANG=fr` opens the French lessons (notebooks/fr/) with JupyterLab's
# menus in French; English is the default. Only a LANG given to make counts, not the shell's
# own locale (LANG=C.UTF-8, fr_FR.UTF-8...), which stays as it is for the programs.
EDITION := $(if $(filter command line,$(origin LANG)),$(if $(filter fr%,$(LANG)),fr,en),en)
EDITION_DIR := $(if $(filter fr,$(EDITION)),notebooks/fr,notebooks)
ifeq ($(origin LANG),command line)
override LANG := $(shell printenv LANG)
endif
# The notebook `make lab` opens first, e.g. make lab LAB_NOTEBOOK=notebooks/04_withdrawal.ipynb
LAB_NOTEBOOK ?= $(EDITION_DIR)/00_start_here.ipynb
# The port of `make app` (make app PORT=8870)
PORT ?= 8866
# The project's Jupyter settings (jupyter_config/README.md): lesson notebooks are saved without
# outputs, and JupyterLab shows no news pop-up.
# `make lab LANG=fr` puts jupyter_config/fr in front (JupyterLab in French) and tells the
# lessons and the quiz the edition (MALI_LESSONS_LANG).
JUPYTER_ENV := MALI_LESSONS_LANG=$(EDITION) \
  JUPYTER_CONFIG_PATH="$(if $(filter fr,$(EDITION)),$(CURDIR)/jupyter_config/fr:)$(CURDIR)/jupyter_config$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}"
# Jupyter refuses to run as root unless told that it is on purpose.
ROOT_OPT := $(if $(filter 0,$(shell id -u)),--allow-root,)
# Test-only npm tools (tests/js: gift-pegjs reads the GIFT export, axe-core audits pages; and the
# project's own package.json where there is one). `make test` installs them when npm exists.
NPM := $(shell command -v npm 2>/dev/null)
NPM_DIRS := $(dir $(wildcard package.json tests/js/package.json))
# The quiz bank for Moodle: `make export` (Moodle XML), `make export EXPORT_FORMAT=gift`
EXPORT_FORMAT ?= moodle-xml
EXPORT_OUT ?= artifacts/mali_lessons_quiz.$(if $(filter gift,$(EXPORT_FORMAT)),gift.txt,xml)

.PHONY: setup lab app test bench geodata answer-key clean node_modules export site handouts

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

lab: setup
	$(JUPYTER_ENV) $(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 $(ROOT_OPT) $(LAB_OPTS) \
	  $(LAB_NOTEBOOK)

# The review lesson as an app with no code, on http://127.0.0.1:$(PORT) (Voilà); it opens no
# browser: open the address it prints. The project's page template (share/jupyter) leaves out
# the CDN links of Voilà's own page: no network needed.
app: setup
	JUPYTER_PATH="$(CURDIR)/share/jupyter$${JUPYTER_PATH:+:$$JUPYTER_PATH}" \
	  MALI_LESSONS_LANG=$(EDITION) \
	  $(BIN)/voila --template=mali-offline --Voila.ip=127.0.0.1 --port=$(PORT) --no-browser \
	  $(EDITION_DIR)/08_review.ipynb

# The lessons without Python (README: "The lessons without Python"). `make site` runs every
# lesson and writes site/: open site/index.html from a USB stick, or serve the folder with any
# web server; it is made again only when a notebook, the data or the code changed. `make
# handouts` prints the site's pages to PDF with headless Chromium: a worksheet and a teacher's
# answer key per lesson, in handouts/.
site: setup
	$(BIN)/python -m mali_lessons.site build --out site --if-changed

handouts: site
	$(BIN)/python -m mali_lessons.site handouts --site site --out handouts

# Two passes: the independent tests on both cores (pytest-xdist), then the tests that drive one
# Chromium, one JupyterLab and a JupyterHub, in one process. Every test runs; none is skipped.
SERIAL_TESTS := tests/browser $(wildcard tests/hub)
test: setup $(if $(NPM),node_modules)
	$(BIN)/python -m pytest -n 2 $(foreach t,$(SERIAL_TESTS),--ignore=$(t))
	$(BIN)/python -m pytest $(SERIAL_TESTS)

# npm ci (npm install where there is no lock yet) in each folder with a package.json, again only
# when its package.json or lock changed since the last install.
node_modules:
	@for d in $(NPM_DIRS); do \
	  stamp=$${d}node_modules/.package-lock.json; \
	  if [ ! -f $$stamp ] || [ $${d}package.json -nt $$stamp ] || \
	     { [ -f $${d}package-lock.json ] && [ $${d}package-lock.json -nt $$stamp ]; }; then \
	    echo "npm: installing the tools of $$d"; \
	    if [ -f $${d}package-lock.json ]; then (cd $$d && npm ci --no-audit --no-fund); \
	    else (cd $$d && npm install --no-audit --no-fund); fi || exit 1; \
	    touch $$stamp; \
	  fi; \
	done

# The quiz bank as a file to import into Moodle (Question bank > Import); see the README.
export: setup
	@mkdir -p $(dir $(EXPORT_OUT))
	$(BIN)/python -m mali_lessons export --format $(EXPORT_FORMAT) --out $(EXPORT_OUT)

bench: setup
	@for script in benchmarks/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

geodata: setup
	$(BIN)/python scripts/build_geodata.py

# The answer key of each edition, from the quiz bank (commit the result).
answer-key: setup
	MALI_LESSONS_LANG=en $(BIN)/python -m mali_lessons answer-key --out notebooks/teacher/answer_key.md
	@mkdir -p notebooks/fr/teacher
	MALI_LESSONS_LANG=fr $(BIN)/python -m mali_lessons answer-key --out notebooks/fr/teacher/answer_key.md

clean:
	rm -rf $(VENV) artifacts .pytest_cache site handouts
