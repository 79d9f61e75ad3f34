'use strict'

// Finds the compiled addon for the platform Node runs on (the napi-rs
// convention): the published `oms-kit` package holds no binary; each platform
// has a package of its own (`oms-kit-linux-x64-gnu`), listed in
// `optionalDependencies`, which npm installs only where its `os`, `cpu` and
// `libc` fit.
//
// An addon beside this file comes first: that is the one `npm run build`
// writes in a checkout (or `npm/build-from-source.js` when the checkout is
// installed into a project), so a developer's build is never shadowed by an
// installed platform package.

const { existsSync } = require('node:fs')
const { join } = require('node:path')

const PACKAGE = 'oms-kit'

// The platforms a prebuilt addon is published for, by key.
const PREBUILT = ['linux-x64-gnu']

/** `gnu` or `musl` on Linux (what the addon was linked against), else null. */
function linuxLibc() {
  if (process.platform !== 'linux') {
    return null
  }
  // Node reports the glibc it runs on; a musl build (Alpine) reports none.
  const header = process.report?.getReport?.()?.header
  return header?.glibcVersionRuntime ? 'gnu' : 'musl'
}

/** The napi-rs name of a platform: `linux-x64-gnu`, `darwin-arm64`, `win32-x64-msvc`. */
function platformKey({ platform, arch, libc }) {
  if (platform === 'linux') {
    return `${platform}-${arch}-${libc}`
  }
  if (platform === 'win32') {
    return `${platform}-${arch}-msvc`
  }
  return `${platform}-${arch}`
}

function isMissing(error, name) {
  return error?.code === 'MODULE_NOT_FOUND' && String(error.message).includes(`'${name}'`)
}

/**
 * Loads the addon, or throws an Error naming the platform when none fits.
 * The parameters exist for tests; a caller passes none.
 */
function load({
  dir = __dirname,
  platform = process.platform,
  arch = process.arch,
  libc = linuxLibc(),
  requireFn = require,
} = {}) {
  const key = platformKey({ platform, arch, libc })
  const local = join(dir, `${PACKAGE}.${key}.node`)
  if (existsSync(local)) {
    return requireFn(local)
  }
  const platformPackage = `${PACKAGE}-${key}`
  try {
    return requireFn(platformPackage)
  } catch (error) {
    // Installed but unloadable (an older glibc than it was linked for, say):
    // the loader's own error says why, keep it.
    if (!isMissing(error, platformPackage)) {
      throw new Error(`${PACKAGE}: the native addon ${platformPackage} failed to load: ${error.message}`, { cause: error })
    }
  }
  const where = `platform ${platform}, arch ${arch}${libc ? `, libc ${libc === 'gnu' ? 'glibc' : libc}` : ''}`
  const lines = [`${PACKAGE} has no native addon for this machine (${where}; package ${platformPackage}).`]
  if (PREBUILT.includes(key)) {
    lines.push(
      `The prebuilt addon ${platformPackage} is an optional dependency of ${PACKAGE} and was not installed:`,
      `install it with \`npm install ${platformPackage}\`, or reinstall without --omit=optional / --no-optional.`,
    )
  } else {
    lines.push(`Prebuilt addons exist for: ${PREBUILT.join(', ')}.`)
  }
  if (existsSync(join(dir, 'Cargo.toml'))) {
    lines.push(`This is a source checkout: build the addon with \`npm run build\` in ${dir} (needs Rust and npm ci),`)
    lines.push(`or \`node npm/build-from-source.js\` there (needs Rust only).`)
  }
  throw new Error(lines.join('\n'))
}

module.exports = { load, platformKey, linuxLibc, PACKAGE, PREBUILT }
