# In the pelican-quickstart spirit: `make html` builds the site, `make test` checks it.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PELICAN := $(BIN)/pelican
INPUTDIR := content
OUTPUTDIR := output
CONFFILE := pelicanconf.py
PUBLISHCONF := publishconf.py
PELICANOPTS ?=
PORT ?= 8000

.PHONY: help venv html regenerate devserver clean test lint import publish

help:
	@echo 'make html       build the site into $(OUTPUTDIR)/ (imports content/raw first)'
	@echo 'make regenerate rebuild on every change'
	@echo 'make devserver  preview at http://127.0.0.1:$(PORT)/, rebuilt and reloaded on every edit [PORT=8000]'
	@echo 'make import     import content/raw into content/briefs only'
	@echo 'make test       lint and run the test suite'
	@echo 'make publish    build for publishing (SITEURL=https://user.github.io/repo)'
	@echo 'make clean      remove $(OUTPUTDIR)/'

# The virtual environment is made once, and again when the pinned dependencies change.
$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

venv: $(VENV)/.installed

html: venv
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

regenerate: venv
	$(PELICAN) -r $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

# invoke livereload, as pelican-quickstart's tasks.py names it.
devserver: venv
	$(BIN)/invoke livereload --port $(PORT)

import: venv
	$(BIN)/crimebriefs import $(INPUTDIR)/raw --into $(INPUTDIR)/briefs

publish: venv
	SITEURL="$(SITEURL)" $(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) $(PELICANOPTS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/pytest

clean:
	rm -rf $(OUTPUTDIR)
