// schemaVersion() and `create=false`: opening an existing store only.

import assert from 'node:assert/strict'
import { existsSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

import { Oms, OmsError } from '../index.js'
import { shop, tempDir } from './helpers.mjs'

test('schemaVersion is 0 in memory and the migration count of a SQLite file', async (t) => {
  assert.equal(Oms.inMemory().schemaVersionSync(), 0)
  const path = join(tempDir(t), 'shop.db')
  const store = shop({ oms: Oms.open(path) })
  const version = await store.schemaVersion()
  assert.ok(Number.isInteger(version) && version >= 1, `${version}`)
  assert.equal(Oms.open(`sqlite:${path}?create=false`).schemaVersionSync(), version)
})

test('create=false refuses a missing or empty file with store_not_found and creates nothing', (t) => {
  const dir = tempDir(t)
  const missing = join(dir, 'typo.db')
  assert.throws(() => Oms.open(`sqlite:${missing}?create=false`),
    (err) => err instanceof OmsError && err.code === 'store_not_found' && err.category === 'not_found')
  assert.equal(existsSync(missing), false)
  const empty = join(dir, 'empty.db')
  writeFileSync(empty, '')
  assert.throws(() => Oms.open(`sqlite:${empty}?create=false`), (err) => err.code === 'store_not_found')
  assert.equal(statSync(empty).size, 0)
})
