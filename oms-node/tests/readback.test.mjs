// Regression tests for defects found by driving the library from Node as a
// careless or hostile caller would (issue 7): an e-mail address that grows
// when it is lower-cased, requests that mean the same thing spelled
// differently under one idempotency key, another program's SQLite file, and
// a NUL byte in a path.

import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import test from 'node:test'

import { Oms } from '../index.js'
import { assertClean, bothFail, oms, orderInput, shop, tempDir } from './helpers.mjs'

const digest = (path) => createHash('sha256').update(readFileSync(path)).digest('hex')

for (const backend of ['memory', 'sqlite']) {
  const open = (t) => (backend === 'memory' ? Oms.inMemory() : Oms.open(join(tempDir(t), 'shop.db')))

  test(`${backend}: an e-mail that grows when lower-cased cannot brick the store`, async (t) => {
    const store = shop({ oms: open(t) })
    // 245 bytes as typed, 365 once lower-cased: over the 254-byte limit.
    await bothFail(store, 'placeOrder', [orderInput({ customerEmail: 'Ⱥ'.repeat(120) + '@x.io' })],
      'limit_exceeded', 'customerEmail')
    const accepted = await store.placeOrder(orderInput({ customerEmail: 'Ⱥ'.repeat(80) + '@X.io' }))
    assert.equal(accepted.customerEmail, 'ⱥ'.repeat(80) + '@x.io')
    assert.deepEqual(await store.getOrder(accepted.id), accepted)
    assert.deepEqual((await store.listOrders({ customerEmail: accepted.customerEmail })).orders, [accepted])
    assert.ok((await store.eventsSince(0)).length > 0)
    await assertClean(store)
  })

  test(`${backend}: idempotency compares what a request means, not how it is spelled`, async (t) => {
    const store = shop({ oms: open(t) })
    const input = orderInput({ idempotencyKey: 'k-1', lines: [{ sku: 'TEE-M', quantity: 1, unitPrice: '20' }] })
    const first = await store.placeOrder(input)
    const same = await store.placeOrder({
      ...input,
      currency: 'USD',
      shipping: '0.00',
      lines: [{ sku: 'TEE-M', quantity: 1, unitPrice: '20.00', discount: '0' }],
    })
    assert.deepEqual(same, first)
    await bothFail(store, 'placeOrder', [{ ...input, lines: [{ sku: 'TEE-M', quantity: 1, unitPrice: '20.01' }] }],
      'idempotency_key_reused')
    await bothFail(store, 'placeOrder', [{ ...input, currency: 'EUR' }], 'idempotency_key_reused')
  })
}

test('another program\'s SQLite file is refused and left as it was', (t) => {
  const dir = tempDir(t)
  const notes = join(dir, 'notes.db')
  writeFileSync(notes, 'not a database at all '.repeat(100))
  const before = digest(notes)
  assert.throws(() => Oms.open(notes), oms('invalid_input', 'target'))
  assert.equal(digest(notes), before)
  assert.deepEqual(readdirSync(dir), ['notes.db'])
})

// Another program's database, written and read with Python's sqlite3 module
// (Python is part of the test set-up; Node 20 has no SQLite of its own).
const sqlite = (path, sql) =>
  execFileSync('python3', ['-c', 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); '
    + 'print(c.execute(sys.argv[2]).fetchone()); c.commit()', path, sql]).toString().trim()

test('another program\'s SQLite database is refused before it is switched to WAL', (t) => {
  const crm = join(tempDir(t), 'crm.db')
  sqlite(crm, 'CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)')
  const before = digest(crm)
  assert.throws(() => Oms.open(crm), (err) => oms('invalid_input', 'target')(err) && err.message.includes('contacts'))
  assert.equal(digest(crm), before)
  assert.equal(sqlite(crm, 'PRAGMA journal_mode'), "('delete',)")
})

test('an empty file is a new store', (t) => {
  const empty = join(tempDir(t), 'empty.db')
  writeFileSync(empty, '')
  shop({ oms: Oms.open(empty) })
  assert.equal(Oms.open(empty).availableSync({ sku: 'TEE-M', channel: 'web' }), 10)
})

test('a NUL byte in a path is invalid_input on target', () => {
  for (const target of ['shop\0.db', 'sqlite:shop\0.db?synchronous=normal']) {
    assert.throws(() => Oms.open(target), oms('invalid_input', 'target'))
  }
})

test('minus zero is zero, for a tax rate and for a price', async () => {
  const store = shop()
  await store.upsertChannel({ id: 'zero', kind: 'web', currency: 'USD', locations: ['wh-east'], taxRates: { standard: '-0' } })
  const order = await store.placeOrder(orderInput({ channel: 'zero', lines: [{ sku: 'TEE-M', quantity: 1, unitPrice: '-0.00' }] }))
  assert.equal(order.total, '0.00')
  assert.equal(order.lines[0].unitPrice, '0.00')
})
