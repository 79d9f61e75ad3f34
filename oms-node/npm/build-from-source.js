'use strict'

// The `install` script of the package in a source checkout (the published
// package has none: `scripts/stage-npm.mjs` drops it). When a project installs
// the checkout (`npm install /path/to/oms/oms-node`) and no addon fits this
// machine yet, it compiles one with cargo and puts it beside `loader.js`,
// where the loader looks first. Run by hand it does the same:
// `node npm/build-from-source.js [--force]`.
//
// It does nothing when the checkout installs its own dependencies (`npm ci`
// in oms-node): a developer builds with `npm run build`, and a release build
// there would only cost minutes.

const { spawnSync } = require('node:child_process')
const { copyFileSync, existsSync, realpathSync } = require('node:fs')
const { join } = require('node:path')
const { PACKAGE, linuxLibc, platformKey } = require('../loader.js')

const packageDir = join(__dirname, '..')
const force = process.argv.includes('--force')
const key = platformKey({ platform: process.platform, arch: process.arch, libc: linuxLibc() })
const target = join(packageDir, `${PACKAGE}.${key}.node`)

function samePath(a, b) {
  try {
    return realpathSync(a) === realpathSync(b)
  } catch {
    return false
  }
}

function platformPackageInstalled() {
  try {
    require.resolve(`${PACKAGE}-${key}`, { paths: [packageDir, process.env.INIT_CWD ?? packageDir] })
    return true
  } catch {
    return false
  }
}

function main() {
  if (!force && process.env.npm_lifecycle_event === 'install' && samePath(process.env.INIT_CWD ?? '', packageDir)) {
    return 0
  }
  if (!existsSync(join(packageDir, 'Cargo.toml'))) {
    return 0
  }
  if (!force && (existsSync(target) || platformPackageInstalled())) {
    return 0
  }
  const probe = spawnSync('cargo', ['--version'], { encoding: 'utf8' })
  if (probe.error || probe.status !== 0) {
    console.warn(
      `${PACKAGE}: no addon for ${key} in this checkout and no Rust toolchain (cargo) on PATH; ` +
        `install Rust and run \`node npm/build-from-source.js\` in ${packageDir}, or install the published package.`,
    )
    return 0
  }
  console.warn(`${PACKAGE}: compiling the addon for ${key} from source (cargo build --release, a few minutes)`)
  const build = spawnSync('cargo', ['build', '--release', '-p', 'oms-node', '--message-format=json-render-diagnostics'], {
    cwd: packageDir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 256 * 1024 * 1024,
  })
  if (build.status !== 0) {
    console.error(`${PACKAGE}: cargo build failed (exit ${build.status})`)
    return 1
  }
  // The artifact's path comes from cargo itself, wherever CARGO_TARGET_DIR is.
  let library = null
  for (const line of build.stdout.split('\n')) {
    if (!line.startsWith('{')) continue
    const message = JSON.parse(line)
    if (message.reason === 'compiler-artifact' && message.target?.name === 'oms_node') {
      library = message.filenames.find((file) => /\.(so|dylib|dll)$/.test(file)) ?? library
    }
  }
  if (library === null) {
    console.error(`${PACKAGE}: cargo built no oms_node library`)
    return 1
  }
  copyFileSync(library, target)
  console.warn(`${PACKAGE}: built ${target}`)
  return 0
}

process.exitCode = main()
