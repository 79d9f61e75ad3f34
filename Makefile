# The two commands a newcomer runs: `make demo` and `make test`.
# `make test` installs what the tests need (a local Python virtual environment
# with maturin, pytest, mypy, FastAPI and httpx; `npm ci` in oms-node), builds both bindings
# and runs every suite.

PYTHON ?= python3
VENV := $(CURDIR)/.venv
VENV_PY := $(VENV)/bin/python
ORDERS ?= 20000

.PHONY: demo test test-rust test-python test-node venv node-deps storefront-deps clean

demo:
	cargo run --release -p oms-core --example demo -- --orders $(ORDERS)

test: test-rust test-python test-node

test-rust:
	cargo test -p oms-core --features postgres

$(VENV_PY):
	$(PYTHON) -m venv $(VENV)

venv: $(VENV_PY)
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check -r oms-py/requirements-dev.txt

test-python: venv
	cd oms-py && VIRTUAL_ENV=$(VENV) $(VENV)/bin/maturin develop --quiet
	cd oms-py && $(VENV)/bin/pytest -q tests
	cd oms-py && $(VENV)/bin/mypy --strict examples/quickstart.py python/oms/_async.py python/oms/_types.py python/oms/cli.py python/oms/__main__.py
	cd oms-py && $(VENV)/bin/mypy --strict examples/service tests/test_example_service.py
	cd oms-py && $(VENV_PY) -m mypy.stubtest oms --allowlist stubtest-allowlist.txt
	tmp=$$(mktemp -d) && cd $$tmp && $(VENV_PY) $(CURDIR)/oms-py/examples/quickstart.py && rm -rf $$tmp

node-deps:
	cd oms-node && npm ci --no-audit --no-fund

# The storefront example has a package.json of its own (Express, TypeScript);
# tests/storefront.test.mjs compiles and runs it.
storefront-deps:
	cd oms-node/examples/storefront && npm ci --no-audit --no-fund

test-node: node-deps storefront-deps
	cd oms-node && npm run build
	cd oms-node && git diff --exit-code native.d.ts
	cd oms-node && node --test tests/
	tmp=$$(mktemp -d) && mkdir -p $$tmp/node_modules && ln -s $(CURDIR)/oms-node $$tmp/node_modules/oms-node \
		&& cp oms-node/examples/quickstart.mjs $$tmp/ && cd $$tmp && node quickstart.mjs && rm -rf $$tmp

clean:
	cargo clean
	rm -rf $(VENV) oms-node/node_modules oms-node/examples/storefront/node_modules
