#!/usr/bin/env bash
# The packages that compile while they install (make test-sdist): each is a
# full release build of the library, minutes on two cores, which is why
# `make test` leaves them out.
#
# - pip installs dist/oms_kit-*.tar.gz into a fresh virtual environment (with
#   Rust on PATH: an sdist needs it), then the Python quickstart runs;
# - a fresh npm project installs this checkout's oms-node directory, as a
#   user who cloned the repository would; with no addon built there, its
#   install script compiles one with cargo; then the Node quickstart runs.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
fail() { echo "test-sdist: $*" >&2; exit 1; }

sdists=( "$ROOT"/dist/oms_kit-*.tar.gz )
[ "${#sdists[@]}" -eq 1 ] && [ -f "${sdists[0]}" ] || fail "expected one dist/oms_kit-*.tar.gz"
SDIST="${sdists[0]}"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# --- pip install of the sdist ---------------------------------------------
python3 -m venv "$TMP/venv"
start=$(date +%s)
# The build backend (maturin) comes from the index, as it would for a user.
"$TMP/venv/bin/pip" install --quiet "$SDIST"
echo "pip install $(basename "$SDIST"): built and installed in $(( $(date +%s) - start )) s"
mkdir -p "$TMP/py-run"
( cd "$TMP/py-run" && "$TMP/venv/bin/python" "$ROOT/oms-py/examples/quickstart.py" \
    && "$TMP/venv/bin/python" -c 'import oms; print("oms", oms.__version__, "from", oms.__file__)' )
echo "python: the sdist builds from source and the quickstart ran"

# --- npm install of the checkout ------------------------------------------
# The addon a developer built stays out of the way for the length of the test.
shopt -s nullglob
moved=()
for addon in "$ROOT"/oms-node/oms-kit.*.node; do
    mv "$addon" "$addon.test-sdist" && moved+=( "$addon" )
done
restore() {
    rm -f "$ROOT"/oms-node/oms-kit.*.node
    for addon in "${moved[@]}"; do mv "$addon.test-sdist" "$addon"; done
    rm -rf "$TMP"
}
trap restore EXIT
project="$TMP/node-project"
mkdir -p "$project"
echo '{ "name": "a-shop", "version": "1.0.0", "private": true }' > "$project/package.json"
start=$(date +%s)
( cd "$project" && npm install --no-audit --no-fund --foreground-scripts "$ROOT/oms-node" )
echo "npm install of the checkout: built and installed in $(( $(date +%s) - start )) s"
( cd "$project" && cp "$ROOT/oms-node/examples/quickstart.mjs" . && node quickstart.mjs )
echo "node: the checkout installs into a project, builds its addon, and the quickstart ran"
