# Mali crisis lessons: `make lab` to teach or learn, `make test` to check everything.
# Each target sets up the Python environment in .venv first when it is missing or stale.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Extra options for JupyterLab, e.g. make lab LAB_OPTS="--port=8899 --no-browser"
LAB_OPTS ?=
# The notebook `make lab` opens first, e.g. make lab LAB_NOTEBOOK=notebooks/04_withdrawal.ipynb
LAB_NOTEBOOK ?= notebooks/00_start_here.ipynb
# The port of `make app` (make app PORT=8870)
PORT ?= 8866
# The project's Jupyter settings (jupyter_config/README.md): lesson notebooks are saved without
# outputs, and JupyterLab shows no news pop-up.
JUPYTER_ENV := JUPYTER_CONFIG_PATH="$(CURDIR)/jupyter_config$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}"
# Jupyter refuses to run as root unless told that it is on purpose.
ROOT_OPT := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: setup lab app test bench geodata answer-key clean

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
	  $(BIN)/voila --template=mali-offline --Voila.ip=127.0.0.1 --port=$(PORT) --no-browser \
	  notebooks/08_review.ipynb

test: setup
	$(BIN)/python -m pytest

bench: setup
	@for script in benchmarks/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

geodata: setup
	$(BIN)/python scripts/build_geodata.py

answer-key: setup
	$(BIN)/python -m mali_lessons answer-key --out notebooks/teacher/answer_key.md

clean:
	rm -rf $(VENV) artifacts .pytest_cache
