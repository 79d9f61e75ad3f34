// close() and Symbol.dispose: a closed store refuses every call with
// `store_closed`, calls already started finish, and a closed SQLite file is
// released (its WAL checkpointed away) and can be opened again.

import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

import { Oms } from '../index.js'
import { bothFail, oms, orderInput, shop, tempDir } from './helpers.mjs'

/** Every storage method of `Oms`, by its Promise name (each also has a `...Sync` twin). */
function storageMethods() {
  return Object.getOwnPropertyNames(Oms.prototype)
    .filter((name) => name.endsWith('Sync'))
    .map((name) => name.slice(0, -'Sync'.length))
}

test('every method of a closed store throws or rejects with store_closed, whatever its arguments', async () => {
  const closed = shop()
  assert.equal(closed.closed, false)
  closed.close()
  assert.equal(closed.closed, true)
  const methods = storageMethods()
  assert.ok(methods.length >= 35, `only ${methods.length} storage methods found`)
  for (const method of methods) {
    assert.equal(typeof closed[method], 'function', method)
    // Good arguments, none, and bad ones: a closed store answers the same.
    await bothFail(closed, method, [], 'store_closed', null)
    await bothFail(closed, method, [42, 'x'], 'store_closed', null)
  }
  await bothFail(closed, 'placeOrder', [orderInput()], 'store_closed', null)
  assert.throws(() => closed.getOrderSync('ord-1'), (err) => err.category === 'storage' && err.code === 'store_closed')
})

test('closing twice, and disposing a closed store, is fine', () => {
  const store = shop()
  store.close()
  assert.equal(store.close(), undefined)
  store[Symbol.dispose]()
  assert.equal(store.closed, true)
})

test('Symbol.dispose closes the store, as `using` does', async () => {
  assert.equal(typeof Symbol.dispose, 'symbol', 'Node 20 defines Symbol.dispose')
  const store = shop()
  assert.equal(typeof store[Symbol.dispose], 'function')
  assert.equal(store[Symbol.dispose](), undefined)
  assert.equal(store.closed, true)
  await bothFail(store, 'available', [{ sku: 'TEE-M', channel: 'web' }], 'store_closed')
})

test('close on something that is not an Oms is invalid_input', () => {
  assert.throws(() => Oms.prototype.close.call({}), oms('invalid_input'))
  assert.throws(() => Oms.prototype[Symbol.dispose].call(null), oms('invalid_input'))
})

test('a closed SQLite file is released and can be reopened with its data', async (t) => {
  const path = join(tempDir(t), 'shop.db')
  const first = shop({ oms: Oms.open(path), stock: 5 })
  const order = await first.placeOrder(orderInput())
  assert.ok(existsSync(`${path}-wal`), 'an open store keeps its write-ahead log')
  first.close()
  // The last connection to a WAL database checkpoints and removes the log.
  assert.equal(existsSync(`${path}-wal`), false, 'closing released the file')

  const again = Oms.open(path)
  t.after(() => again.close())
  assert.equal((await again.getOrder(order.id)).total, '39.98')
  assert.equal(again.availableSync({ sku: 'TEE-M', channel: 'web' }), 3)
  await bothFail(first, 'getOrder', [order.id], 'store_closed')
})

test('a call already started when close() comes finishes on its store', async (t) => {
  const path = join(tempDir(t), 'shop.db')
  const store = shop({ oms: Oms.open(path), stock: 5 })
  const placing = store.placeOrder(orderInput({ idempotencyKey: 'in-flight' }))
  const reading = store.listOrders()
  store.close()
  const order = await placing
  assert.equal(order.status, 'allocated')
  assert.ok((await reading).orders.length <= 1)
  await assert.rejects(store.getOrder(order.id), oms('store_closed'))

  const reopened = Oms.open(path)
  t.after(() => reopened.close())
  assert.deepEqual(await reopened.getOrder(order.id), order)
})
