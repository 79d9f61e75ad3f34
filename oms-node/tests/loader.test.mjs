// loader.js: which addon `require('oms-kit')` loads, and what it says when
// none fits. Each case gets a directory of its own standing for the package,
// and a stand-in for `require` that records what was asked for.

import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { createRequire } from 'node:module'

import { tempDir } from './helpers.mjs'

const require = createRequire(import.meta.url)
const { load, platformKey } = require('../loader.js')

const LINUX = { platform: 'linux', arch: 'x64', libc: 'gnu' }

function missing(name) {
  const error = new Error(`Cannot find module '${name}'`)
  error.code = 'MODULE_NOT_FOUND'
  return error
}

/** A `require` that knows only `modules` (name or path → exports) and records each call. */
function fakeRequire(modules) {
  const calls = []
  const requireFn = (id) => {
    calls.push(id)
    if (id in modules) {
      if (modules[id] instanceof Error) throw modules[id]
      return modules[id]
    }
    throw missing(id)
  }
  return { requireFn, calls }
}

test('platform keys follow the napi-rs names', () => {
  assert.equal(platformKey(LINUX), 'linux-x64-gnu')
  assert.equal(platformKey({ platform: 'linux', arch: 'arm64', libc: 'musl' }), 'linux-arm64-musl')
  assert.equal(platformKey({ platform: 'darwin', arch: 'arm64', libc: null }), 'darwin-arm64')
  assert.equal(platformKey({ platform: 'win32', arch: 'x64', libc: null }), 'win32-x64-msvc')
})

test('an addon built beside the loader comes before the platform package', (t) => {
  const dir = tempDir(t)
  const local = join(dir, 'oms-kit.linux-x64-gnu.node')
  writeFileSync(local, '')
  const { requireFn, calls } = fakeRequire({ [local]: { from: 'checkout' }, 'oms-kit-linux-x64-gnu': { from: 'package' } })
  assert.deepEqual(load({ dir, ...LINUX, requireFn }), { from: 'checkout' })
  assert.deepEqual(calls, [local])
})

test('without a local build the platform package is loaded', (t) => {
  const dir = tempDir(t)
  const { requireFn, calls } = fakeRequire({ 'oms-kit-linux-x64-gnu': { from: 'package' } })
  assert.deepEqual(load({ dir, ...LINUX, requireFn }), { from: 'package' })
  assert.deepEqual(calls, ['oms-kit-linux-x64-gnu'])
})

test('with no addon for the machine, the error names its platform, arch and libc', (t) => {
  const dir = tempDir(t)
  const { requireFn } = fakeRequire({})
  assert.throws(
    () => load({ dir, platform: 'linux', arch: 'arm64', libc: 'musl', requireFn }),
    (err) => {
      assert.match(err.message, /platform linux, arch arm64, libc musl/)
      assert.match(err.message, /oms-kit-linux-arm64-musl/)
      assert.match(err.message, /Prebuilt addons exist for: linux-x64-gnu/)
      assert.doesNotMatch(err.message, /source checkout/)
      return true
    },
  )
  assert.throws(() => load({ dir, platform: 'darwin', arch: 'arm64', libc: null, requireFn }), (err) => {
    assert.match(err.message, /platform darwin, arch arm64\b/)
    assert.doesNotMatch(err.message, /libc/)
    return true
  })
})

test('on a supported platform whose optional package was left out, the error says how to install it', (t) => {
  const dir = tempDir(t)
  const { requireFn } = fakeRequire({})
  assert.throws(() => load({ dir, ...LINUX, requireFn }), (err) => {
    assert.match(err.message, /platform linux, arch x64, libc glibc/)
    assert.match(err.message, /npm install oms-kit-linux-x64-gnu/)
    return true
  })
})

test('in a source checkout, the error says how to build the addon', (t) => {
  const dir = tempDir(t)
  writeFileSync(join(dir, 'Cargo.toml'), '')
  const { requireFn } = fakeRequire({})
  assert.throws(() => load({ dir, ...LINUX, requireFn }), (err) => {
    assert.match(err.message, /source checkout/)
    assert.match(err.message, /npm run build/)
    return true
  })
})

test('a platform package that is installed but fails to load is reported with its own reason', (t) => {
  const dir = tempDir(t)
  const broken = new Error('/lib64/libc.so.6: version `GLIBC_2.17\' not found')
  const { requireFn } = fakeRequire({ 'oms-kit-linux-x64-gnu': broken })
  assert.throws(() => load({ dir, ...LINUX, requireFn }), (err) => {
    assert.match(err.message, /oms-kit-linux-x64-gnu failed to load: .*GLIBC_2\.17/)
    assert.equal(err.cause, broken)
    return true
  })
})

test('this checkout loads the addon that npm run build wrote beside loader.js', () => {
  const native = load()
  assert.equal(typeof native.Oms, 'function')
  assert.equal(typeof native.errorCodes, 'function')
})
