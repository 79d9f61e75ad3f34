// SQLite persistence and concurrent async calls.

import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'

import { Oms, OmsError } from '../index.js'
import { orderInput, shop, tempDir } from './helpers.mjs'

test('a SQLite file keeps everything across Oms.open', async (t) => {
  const path = join(tempDir(t), 'shop.db')
  const first = shop({ stock: 5, oms: Oms.open(path) })
  const order = await first.placeOrder(orderInput({ idempotencyKey: 'checkout-1' }))
  await first.holdOrder(order.id, { reason: 'fraud review' })

  const reopened = Oms.open(`sqlite:${path}`)
  const again = reopened.getOrderSync(order.id)
  assert.equal(again.status, 'on_hold')
  assert.equal(again.holdReason, 'fraud review')
  assert.equal(again.total, '39.98')
  assert.equal(await reopened.available({ sku: 'TEE-M', channel: 'web' }), 3)
  assert.equal((await reopened.placeOrder(orderInput({ idempotencyKey: 'checkout-1' }))).id, order.id, 'idempotency survives reopening')
  assert.equal(reopened.eventsSinceSync().length, first.eventsSinceSync().length)
  assert.deepEqual((await reopened.audit()).violations, [])
})

async function race(oms, calls, received) {
  const results = await Promise.allSettled(
    Array.from({ length: calls }, (_, i) =>
      oms.placeOrder(orderInput({ customerEmail: `buyer${i}@example.com`, lines: [{ sku: 'TEE-M', quantity: 1, unitPrice: '19.99' }] })),
    ),
  )
  const placed = results.filter((r) => r.status === 'fulfilled')
  const refused = results.filter((r) => r.status === 'rejected')
  for (const { reason } of refused) {
    assert.ok(reason instanceof OmsError)
    assert.equal(reason.code, 'insufficient_stock', reason.message)
  }
  assert.equal(placed.length, received, 'exactly the received units were sold')
  const level = await oms.stockLevel({ sku: 'TEE-M', location: 'wh-east' })
  assert.equal(level.allocated, received)
  assert.equal(level.onHand, received)
  assert.equal(new Set(placed.map((r) => r.value.id)).size, received)
  assert.deepEqual((await oms.audit()).violations, [])
}

test('concurrent async placeOrder never allocates more than received (SQLite)', async (t) => {
  const oms = shop({ stock: 25, oms: Oms.open(join(tempDir(t), 'race.db')) })
  await race(oms, 60, 25)
})

test('concurrent async placeOrder never allocates more than received (memory)', async () => {
  await race(shop({ stock: 40 }), 100, 40)
})

test('two services on one SQLite file share stock without overselling', async (t) => {
  const path = join(tempDir(t), 'shared.db')
  const a = shop({ stock: 20, oms: Oms.open(path) })
  const b = Oms.open(path)
  const buy = (oms, i) =>
    oms.placeOrder(orderInput({ customerEmail: `buyer${i}@example.com`, lines: [{ sku: 'TEE-M', quantity: 1, unitPrice: '19.99' }] }))
  const results = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => buy(i % 2 ? a : b, i)))
  const placed = results.filter((r) => r.status === 'fulfilled').length
  for (const r of results.filter((r) => r.status === 'rejected')) {
    assert.equal(r.reason.code, 'insufficient_stock', r.reason.message)
  }
  assert.equal(placed, 20)
  assert.equal(a.stockLevelSync({ sku: 'TEE-M', location: 'wh-east' }).allocated, 20)
  assert.deepEqual(b.auditSync().violations, [])
})
