# The two commands a newcomer runs: `make demo` and `make test`.
# `make test` installs what the tests need (a local Python virtual environment
# with maturin, pytest, mypy, FastAPI, uvicorn, httpx, ziglang and auditwheel;
# `npm ci` in oms-node and in the storefront example), builds the packages
# (`make dist`) and runs every suite: the Rust suites, then the Python and
# Node suites against the release builds that ship, then the packages
# installed as a user installs them (`make test-dist`).
#
# Each binding is built once, as it ships. While working on a binding,
# `make dev-python` (maturin develop, a debug build) and `cd oms-node && npm
# run build` are quicker; the suites run against whatever is installed.

PYTHON ?= python3
VENV := $(CURDIR)/.venv
VENV_PY := $(VENV)/bin/python
ORDERS ?= 20000

.PHONY: demo test test-rust test-python python-suites dev-python test-node node-suites venv node-deps storefront-deps clean dist test-dist test-sdist

demo:
	cargo run --release -p oms-core --example demo -- --orders $(ORDERS)

test: test-rust test-python test-node test-dist

test-rust:
	cargo test -p oms-core --features postgres

$(VENV_PY):
	$(PYTHON) -m venv $(VENV)

venv: $(VENV_PY)
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check -r oms-py/requirements-dev.txt

# The suites of the Python binding, against the wheel of `make dist`.
test-python: dist
	$(VENV_PY) -m pip uninstall --quiet --yes oms >/dev/null 2>&1 || true
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps $(DIST)/oms_kit-*.whl
	$(MAKE) python-suites

python-suites:
	cd oms-py && $(VENV)/bin/pytest -q tests
	cd oms-py && $(VENV)/bin/mypy --strict examples/quickstart.py python/oms/_async.py python/oms/_types.py python/oms/cli.py python/oms/__main__.py
	cd oms-py && $(VENV)/bin/mypy --strict examples/service tests/test_example_service.py
	cd oms-py && $(VENV_PY) -m mypy.stubtest oms --allowlist stubtest-allowlist.txt
	tmp=$$(mktemp -d) && cd $$tmp && $(VENV_PY) $(CURDIR)/oms-py/examples/quickstart.py && rm -rf $$tmp

# A debug build of the Python binding installed in the virtual environment,
# editable; then `make python-suites` runs the suites against it.
dev-python: venv
	cd oms-py && VIRTUAL_ENV=$(VENV) $(VENV)/bin/maturin develop --quiet

node-deps:
	cd oms-node && npm ci --no-audit --no-fund

# The storefront example has a package.json of its own (Express, TypeScript);
# tests/storefront.test.mjs compiles and runs it.
storefront-deps:
	cd oms-node/examples/storefront && npm ci --no-audit --no-fund

# The suites of the Node binding, against the release addon of `make dist`
# (placed beside loader.js, where a checkout's build goes).
test-node: dist storefront-deps
	cp target/npm-addon/oms-kit.linux-x64-gnu.node oms-node/
	$(MAKE) node-suites

node-suites:
	cd oms-node && git diff --exit-code native.d.ts
	cd oms-node && node --test tests/
	tmp=$$(mktemp -d) && mkdir -p $$tmp/node_modules && ln -s $(CURDIR)/oms-node $$tmp/node_modules/oms-kit \
		&& cp oms-node/examples/quickstart.mjs $$tmp/ && cd $$tmp && node quickstart.mjs && rm -rf $$tmp

# Packages, into dist/: the abi3 manylinux wheel and the sdist of oms-kit
# (Python), and the npm tarballs of oms-kit and oms-kit-linux-x64-gnu. Both
# addons are release builds (profile `dist`: release, stripped), linked by zig
# against glibc 2.17 so that they load on any Linux x86-64 from 2014 on.
# Each binding builds in a target directory of its own: maturin and napi give
# cargo different zig linkers, which would otherwise make each build discard
# the other's artifacts (and oms-core cannot be shared anyway: napi's macros
# turn on a feature of syn, which changes the hash of everything using serde).
DIST := $(CURDIR)/dist
NAPI_TARGET := x86_64-unknown-linux-gnu

dist: venv node-deps
	rm -rf $(DIST) target/npm-addon && mkdir -p $(DIST)
	cd oms-py && PATH=$(VENV)/bin:$$PATH CARGO_TARGET_DIR=$(CURDIR)/target/dist-python \
		$(VENV)/bin/maturin build --profile dist --strip \
		--zig --compatibility manylinux2014 --out $(DIST)
	cd oms-py && $(VENV)/bin/maturin sdist --out $(DIST)
	cd oms-node && PATH=$$($(VENV_PY) -c 'import ziglang, os; print(os.path.dirname(ziglang.__file__))'):$$PATH \
		CARGO_TARGET_DIR=$(CURDIR)/target/dist-node npx napi build --platform --profile dist --strip \
		--target $(NAPI_TARGET) --zig --zig-abi-suffix 2.17 --js false --dts native.d.ts ../target/npm-addon
	node scripts/stage-npm.mjs target/npm-addon/oms-kit.linux-x64-gnu.node $(DIST)

# The packages as a user installs them, without Rust (scripts/test-dist.sh).
# DIST_PYTHONS="python3 python3.8" tests more interpreters.
test-dist: dist
	VENV_PY=$(VENV_PY) scripts/test-dist.sh

# The source packages, which compile the library while they install (each a
# full release build: minutes, so not part of `make test`): pip installs the
# sdist into a fresh environment, and a fresh npm project installs this
# checkout's oms-node directory, which builds its addon with cargo.
test-sdist: dist
	scripts/test-sdist.sh

clean:
	cargo clean
	rm -rf $(VENV) oms-node/node_modules oms-node/examples/storefront/node_modules $(DIST)
