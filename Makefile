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

PORT ?= 8000
CHECKOPTS ?=

.PHONY: help venv html regenerate preview clean test lint import publish check brief bench bench-import bench-readers devserver fuzz

help:
	@echo 'make html       build the site into $(OUTPUTDIR)/ (imports content/raw first)'
	@echo 'make regenerate rebuild on every change'
	@echo 'make devserver  preview at http://127.0.0.1:$(PORT)/, rebuilt and reloaded on every edit [PORT=8000]'
	@echo 'make preview    the same as make devserver'
	@echo 'make import     import content/raw into content/briefs only'
	@echo 'make check      check every brief without building'
	@echo 'make brief TITLE="..." TOPIC="..." [AUTHOR="..."] [BRIEF_LANG=es] [NEW_TOPIC=1]'
	@echo '                create content/briefs/<slug>.md to write in'
	@echo 'make test       lint and run the test suite'
	@echo 'make fuzz       generated input for the converter, then large inputs [FUZZ_EXAMPLES=2000 FUZZ_SEED=9]'
	@echo 'make bench      import speeds, our build against plain Pelican, memory, page weight [BENCH_SIZES="1000 5000"]'
	@echo 'make bench-import   text, HTML and no-op re-import speeds alone [BENCH_IMPORT_SIZES="5000 10000"]'
	@echo 'make bench-readers  time HTML pages and crawl records, and the memory of a large crawl'
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

preview: devserver

check: venv
	$(BIN)/crimebriefs check $(CHECKOPTS)

# A variable's text as one shell word, exactly as typed: quotes, apostrophes and "$5" included.
quoted = '$(subst ','\'',$(value $(1)))'

brief: venv
	@test -n $(call quoted,TITLE) -a -n $(call quoted,TOPIC) || { echo 'usage: make brief TITLE="..." TOPIC="..." [AUTHOR="..."] [BRIEF_LANG=es] [NEW_TOPIC=1]' >&2; exit 2; }
	@$(BIN)/crimebriefs new $(call quoted,TITLE) --topic $(call quoted,TOPIC) \
		$(if $(AUTHOR),--author $(call quoted,AUTHOR)) $(if $(BRIEF_LANG),--lang $(call quoted,BRIEF_LANG)) \
		$(if $(NEW_TOPIC),--new-topic)

import: venv
	$(BIN)/crimebriefs import $(INPUTDIR)/raw --into $(INPUTDIR)/briefs

publish: venv
	SITEURL="$(SITEURL)" $(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) $(PELICANOPTS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/pytest

FUZZ_EXAMPLES ?= 2000
FUZZ_SEED ?= 9
# Every property test runs FUZZ_EXAMPLES cases from a fixed seed, so a failure can be replayed;
# then the large inputs, which make test leaves out.
fuzz: venv
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -p no:cacheprovider --hypothesis-seed=$(FUZZ_SEED) \
		tests/test_fuzz.py tests/test_round_trip.py tests/test_import_guarantees.py
	$(BIN)/pytest -p no:cacheprovider -m large tests/test_large_inputs.py

# Speeds and memory are reported, never asserted: a test cannot know the machine it runs on.
BENCH_SIZES ?= 1000 5000
BENCH_PAIRS ?= 2
bench: venv
	$(BIN)/python -m bench.pipeline --sizes $(BENCH_SIZES) --pairs $(BENCH_PAIRS)

BENCH_IMPORT_SIZES ?= 5000 10000
bench-import: venv
	$(BIN)/python -m bench.imports --sizes $(BENCH_IMPORT_SIZES)

bench-readers: venv
	$(BIN)/python bench/readers.py

clean:
	rm -rf $(OUTPUTDIR)
