# One command installs everything and runs the main job; one runs the tests.
#   make demo   # install (Graphviz `dot` included), check the article map, render it to build/article-map.svg
#   make test   # the whole test suite (plus ruff and mypy; Chromium for the report's browser tests)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install demo test lint bench bench-peers bench-recheck fuzz clean

install: $(VENV)/.installed
	@sh scripts/install-graphviz.sh
	@sh scripts/install-chromium.sh

$(VENV)/.installed: pyproject.toml setup.py src/argmap/_fastyaml.c constraints.txt
	@sh scripts/install-build-tools.sh $(PYTHON)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]' -c constraints.txt
	@touch $@

demo: install
	@mkdir -p build
	@# Exit status 1 means "the map has error findings": that is the report, not a failure of the demo.
	@$(BIN)/argmap check . ; status=$$?; \
	  if [ $$status -eq 2 ]; then exit 2; fi; \
	  echo "(argmap check exited $$status: 1 means findings of severity error, the claims the article leaves unsupported)"
	$(BIN)/argmap render . -o build/article-map.svg --force
	@echo "argument map written to build/article-map.svg"

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

bench: install
	$(BIN)/python benchmarks/run.py

# argmap beside Argdown's CLI and arguebuf on the same map (installs them into benchmarks/.peers/).
bench-peers: install
	$(BIN)/python benchmarks/peers.py

# Cold check, re-check of an unchanged map, re-check after one file changed (argmap's caches).
bench-recheck: install
	$(BIN)/python benchmarks/recheck.py

# Coverage-guided fuzzing with atheris (docs/security.md): every harness in fuzz/ for
# FUZZ_SECONDS each, one after another; corpora and crashes in build/fuzz/.
FUZZ_SECONDS ?= 60
fuzz: install
	$(BIN)/python fuzz/run.py --seconds $(FUZZ_SECONDS)

clean:
	rm -rf build $(VENV)
