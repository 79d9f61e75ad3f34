#!/usr/bin/env bash
# The packages in dist/ as a user meets them (make test-dist, after make dist):
#
# - the wheel is abi3 and `auditwheel show` calls it manylinux;
# - one version everywhere: the workspace's, the wheel's, `oms.__version__`,
#   and the packed package.json files (main, platform, optionalDependencies);
# - in a fresh virtual environment, with no Rust toolchain on PATH,
#   `pip install` of the wheel alone, then the Python quickstart and the
#   package README's example, for each interpreter in DIST_PYTHONS;
# - in a fresh npm project, `npm install` of the two tarballs (offline, from
#   the files), then the Node quickstart, the package README's example and a
#   `tsc --strict` check of the installed declarations; without the platform
#   package, `require('oms-kit')` names the platform it could not serve.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIST="$ROOT/dist"
VENV_PY="${VENV_PY:-$ROOT/.venv/bin/python}"
VENV_PY="$(cd "$(dirname "$VENV_PY")" && pwd)/$(basename "$VENV_PY")"  # used after cd
DIST_PYTHONS="${DIST_PYTHONS:-python3}"

fail() { echo "test-dist: $*" >&2; exit 1; }
one() { # the single file matching a glob, or fail
    local matches=( $1 )
    [ "${#matches[@]}" -eq 1 ] && [ -e "${matches[0]}" ] || fail "expected one $1, found: ${matches[*]}"
    echo "${matches[0]}"
}

WHEEL=$(one "$DIST/oms_kit-*.whl")
SDIST=$(one "$DIST/oms_kit-*.tar.gz")
MAIN_TGZ=$(one "$DIST/oms-kit-[0-9]*.tgz")
PLATFORM_TGZ=$(one "$DIST/oms-kit-linux-x64-gnu-*.tgz")

VERSION=$(cd "$ROOT" && cargo metadata --no-deps --format-version 1 --offline \
    | "$VENV_PY" -c 'import json, sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "oms-py"))')
echo "workspace version $VERSION"

# --- the wheel's name and platform ---------------------------------------
case "$(basename "$WHEEL")" in
    "oms_kit-$VERSION-cp38-abi3-"*manylinux*x86_64*.whl) ;;
    *) fail "$(basename "$WHEEL") is not an abi3 manylinux x86-64 wheel of version $VERSION" ;;
esac
[ "$(basename "$SDIST")" = "oms_kit-$VERSION.tar.gz" ] || fail "sdist $(basename "$SDIST") is not version $VERSION"
SHOW=$("$ROOT/.venv/bin/auditwheel" show "$WHEEL" | tr '\n' ' ')
grep -Eq 'consistent with the following platform tag: "manylinux_2_[0-9]+_x86_64"' <<< "$SHOW" \
    || fail "auditwheel does not call $(basename "$WHEEL") manylinux: $SHOW"
echo "auditwheel: $(grep -Eo 'platform tag: "[^"]+"' <<< "$SHOW")"

# --- the same version in every package -----------------------------------
tar -xzOf "$MAIN_TGZ" package/package.json | "$VENV_PY" -c '
import json, sys
version = sys.argv[1]
main = json.load(sys.stdin)
assert main["name"] == "oms-kit", main["name"]
assert main["version"] == version, ("oms-kit", main["version"], "workspace", version)
optional = main.get("optionalDependencies", {})
assert optional == {"oms-kit-linux-x64-gnu": version}, f"optionalDependencies {optional}"
assert "scripts" not in main and "devDependencies" not in main, "the published package runs no script"
' "$VERSION"
tar -xzOf "$PLATFORM_TGZ" package/package.json | "$VENV_PY" -c '
import json, sys
platform = json.load(sys.stdin)
assert platform["version"] == sys.argv[1], ("oms-kit-linux-x64-gnu", platform["version"], "workspace", sys.argv[1])
assert (platform["os"], platform["cpu"], platform["libc"]) == (["linux"], ["x64"], ["glibc"]), platform
' "$VERSION"
# The main tarball holds no binary; the platform tarball holds one, stripped.
MAIN_FILES=$(tar -tzf "$MAIN_TGZ")
if grep -q '\.node$' <<< "$MAIN_FILES"; then fail "$MAIN_TGZ holds a .node"; fi
for file in index.js loader.js index.d.ts native.d.ts types.d.ts README.md LICENSE; do
    grep -qx "package/$file" <<< "$MAIN_FILES" || fail "$MAIN_TGZ has no $file"
done
echo "versions: workspace, wheel, sdist and both npm packages are $VERSION"

# --- Python: a fresh environment without Rust ----------------------------
# PATH without any directory holding cargo or rustc: the wheel must need neither.
NO_RUST_PATH=$(echo "$PATH" | tr ':' '\n' | while read -r dir; do
    [ -n "$dir" ] && [ ! -e "$dir/cargo" ] && [ ! -e "$dir/rustc" ] && echo "$dir"
done | paste -sd: -)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

readme_block() { # the first fenced block of the given language in a README
    "$VENV_PY" -c '
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
match = re.search(r"^```" + sys.argv[2] + r"\n(.*?)^```", text, re.S | re.M)
assert match, f"{sys.argv[1]} has no {sys.argv[2]} block"
sys.stdout.write(match.group(1))
' "$1" "$2"
}

for python in $DIST_PYTHONS; do
    work="$TMP/py-$(basename "$python")"
    mkdir -p "$work/run"
    "$python" -m venv "$work/venv"
    env PATH="$work/venv/bin:$NO_RUST_PATH" sh -c '! command -v cargo && ! command -v rustc' >/dev/null \
        || fail "a Rust toolchain is still on PATH"
    # --no-index: the wheel alone, nothing fetched, never the sdist.
    env PATH="$work/venv/bin:$NO_RUST_PATH" "$work/venv/bin/pip" install --quiet --no-index "$WHEEL"
    readme_block "$ROOT/oms-py/README.md" python > "$work/run/readme.py"
    (
        cd "$work/run"
        export PATH="$work/venv/bin:$NO_RUST_PATH"
        python -c '
import os, sys, oms
assert oms.__version__ == sys.argv[1], (oms.__version__, sys.argv[1])
assert os.path.realpath(oms.__file__).startswith(os.path.realpath(sys.prefix)), oms.__file__
print(f"{sys.version.split()[0]}: oms {oms.__version__} from {os.path.dirname(oms.__file__)}")
' "$VERSION"
        python "$ROOT/oms-py/examples/quickstart.py"
        rm -f quickstart.db*
        python readme.py
    )
    echo "python ($python): the wheel installs without Rust; quickstart and README example ran"
done

# --- Node: a fresh npm project -------------------------------------------
project="$TMP/node-project"
mkdir -p "$project"
cat > "$project/package.json" <<'EOF'
{ "name": "a-shop", "version": "1.0.0", "private": true }
EOF
cp "$MAIN_TGZ" "$PLATFORM_TGZ" "$project/"
(
    cd "$project"
    export PATH="$NO_RUST_PATH"
    # Both from the files, and nothing from the registry: --offline fails
    # rather than fetch. The platform tarball satisfies the main package's
    # optional dependency.
    npm install --offline --no-audit --no-fund --loglevel=error \
        "./$(basename "$PLATFORM_TGZ")" "./$(basename "$MAIN_TGZ")" >/dev/null
    [ "$(node -p 'require("oms-kit/package.json").version')" = "$VERSION" ] || fail "installed oms-kit is not $VERSION"
    addon=node_modules/oms-kit-linux-x64-gnu/oms-kit.linux-x64-gnu.node
    [ -f "$addon" ] || fail "the platform package has no addon"
    case "$(nm "$addon" 2>&1 || true)" in *"no symbols") ;; *) fail "$addon is not stripped" ;; esac
    cp "$ROOT/oms-node/examples/quickstart.mjs" .
    node quickstart.mjs
    rm -f quickstart.db*
    readme_block "$ROOT/oms-node/README.md" js > readme.mjs
    node readme.mjs
    # The declarations as installed, under tsc --strict.
    cat > check.ts <<'EOF'
import { Oms, OmsError, type Order } from 'oms-kit'
const shop: Oms = Oms.inMemory()
export async function total(): Promise<string> {
  const orders: Order[] = (await shop.listOrders({ limit: 1 })).orders
  return orders.length === 0 ? '0' : orders[0].total
}
export const isOms = (err: unknown): boolean => err instanceof OmsError && err.code === 'insufficient_stock'
EOF
    "$ROOT/oms-node/node_modules/.bin/tsc" --strict --noEmit --module nodenext --moduleResolution nodenext \
        --target es2022 --skipLibCheck false check.ts
)
echo "node: oms-kit and oms-kit-linux-x64-gnu install offline from the tarballs; quickstart, README example and tsc --strict ran"

# Without the platform package the error says which platform found no addon.
bare="$TMP/node-bare"
mkdir -p "$bare/node_modules/oms-kit"
tar -xzf "$MAIN_TGZ" -C "$bare/node_modules/oms-kit" --strip-components=1
(
    cd "$bare"
    message=$(node -e 'try { require("oms-kit"); process.exit(3) } catch (err) { console.log(err.message) }') \
        || fail "oms-kit loaded with no addon installed"
    libc=$(node -p 'process.report.getReport().header.glibcVersionRuntime ? "glibc" : "musl"')
    expected="platform $(node -p process.platform), arch $(node -p process.arch), libc $libc"
    case "$message" in
        *"$expected"*oms-kit-linux-x64-gnu*) ;;
        *) fail "the error without an addon does not name the platform ($expected): $message" ;;
    esac
)
echo "node: without the platform package, require('oms-kit') names the platform"

echo "sizes:"
for file in "$WHEEL" "$SDIST" "$MAIN_TGZ" "$PLATFORM_TGZ"; do
    printf '  %-60s %6d KiB\n' "$(basename "$file")" $(( $(stat -c %s "$file") / 1024 ))
done
