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

/**
 * Many concurrent async placeOrder and reserveStock calls for one hot SKU,
 * spread over `services` (on SQLite, each its own connection to one file).
 * Whatever interleaving happens, allocated + reserved never exceeds on hand and
 * equals the units granted.
 */
async function orderAndReservationRace(services, { calls, stock }) {
  const [first] = services
  const results = await Promise.allSettled(
    Array.from({ length: calls }, (_, i) => {
      const oms = services[i % services.length]
      const quantity = 1 + (i % 3)
      if (i % 2 === 0) {
        return oms
          .placeOrder(orderInput({ customerEmail: `buyer${i}@example.com`, lines: [{ sku: 'TEE-M', quantity, unitPrice: '19.99' }] }))
          .then((order) => ({ kind: 'order', units: order.lines[0].allocated }))
      }
      return oms
        .reserveStock({ reservationId: `cart-${i}`, channel: 'web', lines: [{ sku: 'TEE-M', quantity }], ttlSeconds: 600 })
        .then((reservation) => ({ kind: 'reservation', units: reservation.lines[0].quantity }))
    }),
  )
  for (const { reason } of results.filter((r) => r.status === 'rejected')) {
    assert.ok(reason instanceof OmsError)
    assert.equal(reason.code, 'insufficient_stock', reason.message)
  }
  const granted = results.filter((r) => r.status === 'fulfilled').map((r) => r.value)
  const units = (kind) => granted.filter((g) => g.kind === kind).reduce((sum, g) => sum + g.units, 0)
  const level = await first.stockLevel({ sku: 'TEE-M', location: 'wh-east' })
  assert.equal(level.onHand, stock)
  assert.ok(level.allocated + level.reserved <= level.onHand, `allocated ${level.allocated} + reserved ${level.reserved} > on hand ${level.onHand}`)
  assert.equal(level.allocated, units('order'), 'allocated is what the orders were granted')
  assert.equal(level.reserved, units('reservation'), 'reserved is what the reservations were granted')
  assert.ok(granted.some((g) => g.kind === 'order') && granted.some((g) => g.kind === 'reservation'), 'both kinds of call got stock')
  // Demand is about twice the stock, so the refused calls asked for more than was left.
  assert.ok(level.allocated + level.reserved > stock - 3, 'stock was not left unsold while calls were refused')
  for (const oms of services) {
    assert.deepEqual((await oms.audit()).violations, [])
  }
}

test('concurrent async placeOrder and reserveStock never allocate + reserve more than on hand (SQLite, 2 connections)', async (t) => {
  const path = join(tempDir(t), 'hot.db')
  const a = shop({ stock: 60, oms: Oms.open(path) })
  const b = Oms.open(path)
  await orderAndReservationRace([a, b], { calls: 64, stock: 60 })
})

test('concurrent async placeOrder and reserveStock never allocate + reserve more than on hand (memory)', async () => {
  await orderAndReservationRace([shop({ stock: 60 })], { calls: 64, stock: 60 })
})

test('group commit: concurrent orders share commits and every acknowledged one is durable', async (t) => {
  const path = join(tempDir(t), 'grouped.db')
  const oms = shop({ stock: 40, oms: Oms.open(`sqlite:${path}?group_commit=16`) })
  const orders = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      oms.placeOrder(orderInput({ customerEmail: `g${i}@example.com`, idempotencyKey: `grouped-${i}`,
                                  lines: [{ sku: 'TEE-M', quantity: 1, unitPrice: '19.99' }] }))))
  assert.equal(new Set(orders.map((o) => o.id)).size, 40)
  const reopened = Oms.open(path)
  for (const order of orders) assert.equal(reopened.getOrderSync(order.id).status, 'allocated')
  assert.deepEqual((await reopened.audit()).violations, [])
})

test('SQLite options are checked', (t) => {
  const dir = tempDir(t)
  for (const bad of ['group_commit=0', 'group_commit=many', 'synchronous=off', 'cache=big']) {
    assert.throws(() => Oms.open(`sqlite:${join(dir, 'x.db')}?${bad}`), (err) => err instanceof OmsError && err.code === 'invalid_input')
  }
  assert.deepEqual(Oms.open(`sqlite:${join(dir, 'y.db')}?synchronous=normal&group_commit=8`).stockLevelsSync(), [])
})

test('an error about an option inside the target string names it as the caller wrote it', (t) => {
  const dir = tempDir(t)
  for (const size of ['many', '0', '1001']) {
    assert.throws(
      () => Oms.open(`sqlite:${join(dir, 'x.db')}?group_commit=${size}`),
      (err) =>
        err instanceof OmsError &&
        err.code === 'invalid_input' &&
        err.field === 'group_commit' &&
        err.message === `group_commit: expected 1 to 1000 commands, got "${size}"`,
    )
  }
  assert.throws(
    () => Oms.open(`sqlite:${join(dir, 'x.db')}?synchronous=off`),
    (err) => err instanceof OmsError && err.code === 'invalid_input' && err.field === 'target' && err.message.includes('"synchronous=off"'),
  )
})
