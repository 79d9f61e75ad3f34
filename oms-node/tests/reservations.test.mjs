// Checkout reservations: reserveStock, releaseReservation, expireReservations, getReservation,
// and placeOrder({ reservationId }) converting a reservation.

import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'

import { Oms } from '../index.js'
import { assertClean, bothFail, buy, level, shop, tempDir } from './helpers.mjs'

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/

const cart = (reservationId, quantity, extra = {}) => ({
  reservationId,
  channel: 'web',
  lines: [{ sku: 'TEE-M', quantity }],
  ttlSeconds: 600,
  ...extra,
})

test('reserveStock reserves stock: available drops, reserved rises', async () => {
  const oms = shop({ stock: 10 })
  const reservation = await oms.reserveStock(cart('cart-1', 3))
  assert.equal(reservation.id, 'cart-1')
  assert.equal(reservation.channel, 'web')
  assert.equal(reservation.status, 'active')
  assert.equal(reservation.orderId, null)
  assert.equal(reservation.version, 1)
  assert.deepEqual(reservation.lines, [{ sku: 'TEE-M', quantity: 3, allocations: [{ location: 'wh-east', quantity: 3 }] }])
  assert.match(reservation.expiresAt, ISO_UTC)
  assert.match(reservation.createdAt, ISO_UTC)
  const ttl = Date.parse(reservation.expiresAt) - Date.parse(reservation.createdAt)
  assert.equal(ttl, 600_000)

  assert.equal(await oms.available({ sku: 'TEE-M', channel: 'web' }), 7)
  const stock = level(oms, 'TEE-M', 'wh-east')
  assert.equal(stock.reserved, 3)
  assert.equal(stock.onHand, 10)
  assert.equal(stock.available, 7)
  const [movement] = oms.movementsSync({ sku: 'TEE-M', location: 'wh-east', after: 1 })
  assert.equal(movement.reason, 'reservation')
  assert.equal(movement.reservedDelta, 3)
  assert.equal(movement.reference, 'cart-1')

  assert.deepEqual(await oms.getReservation('cart-1'), reservation)
  assert.deepEqual(oms.getReservationSync('cart-1'), reservation)
  assert.equal(oms.reserveStockSync(cart('cart-2', 7)).status, 'active', 'the Sync form reserves too')
  assert.equal(oms.availableSync({ sku: 'TEE-M', channel: 'web' }), 0)
  await bothFail(oms, 'reserveStock', [cart('cart-3', 1)], 'insufficient_stock')
  await assertClean(oms)
})

test('placeOrder with reservationId converts the reservation', async () => {
  const oms = shop({ stock: 10 })
  await oms.reserveStock(cart('cart-1', 2))
  const order = await oms.placeOrder(buy('web', 'TEE-M', 3, { reservationId: 'cart-1' }))
  assert.equal(order.status, 'allocated')
  assert.equal(order.lines[0].allocated, 3)
  assert.deepEqual(order.lines[0].allocations, [{ location: 'wh-east', quantity: 3 }])

  const reservation = await oms.getReservation('cart-1')
  assert.equal(reservation.status, 'converted')
  assert.equal(reservation.orderId, order.id)
  assert.equal(reservation.version, 2)
  const stock = level(oms, 'TEE-M', 'wh-east')
  assert.deepEqual([stock.onHand, stock.allocated, stock.reserved], [10, 3, 0])
  assert.equal(oms.availableSync({ sku: 'TEE-M', channel: 'web' }), 7)

  await bothFail(oms, 'placeOrder', [buy('web', 'TEE-M', 1, { reservationId: 'cart-1' })], 'illegal_transition')
  await bothFail(oms, 'placeOrder', [buy('web', 'TEE-M', 1, { reservationId: 'no-such-cart' })], 'reservation_not_found')
  oms.upsertChannelSync({ id: 'app', kind: 'web', currency: 'USD', locations: ['wh-east'] })
  await oms.reserveStock(cart('cart-2', 1))
  await bothFail(oms, 'placeOrder', [buy('app', 'TEE-M', 1, { reservationId: 'cart-2' })], 'invalid_input', 'reservationId')
  assert.equal(oms.getReservationSync('cart-2').status, 'active', 'a reservation is only converted on its own channel')
  await bothFail(oms, 'placeOrder', [buy('web', 'TEE-M', 1, { reservationId: '' })], 'invalid_identifier', 'reservationId')
  await bothFail(oms, 'placeOrder', [buy('web', 'TEE-M', 1, { reservationId: 7 })], 'invalid_input', 'reservationId')
  await bothFail(oms, 'releaseReservation', ['cart-1'], 'illegal_transition')
  await assertClean(oms)
})

test('releaseReservation gives the stock back', async () => {
  const oms = shop({ stock: 5 })
  oms.reserveStockSync(cart('cart-1', 4))
  oms.reserveStockSync(cart('cart-2', 1))
  const released = await oms.releaseReservation('cart-1')
  assert.equal(released.status, 'released')
  assert.equal(released.version, 2)
  assert.equal(oms.availableSync({ sku: 'TEE-M', channel: 'web' }), 4)
  const again = oms.releaseReservationSync('cart-2', { idempotencyKey: 'release-2' })
  assert.equal(again.status, 'released')
  assert.deepEqual(oms.releaseReservationSync('cart-2', { idempotencyKey: 'release-2' }), again, 'a retry returns the same reservation')
  assert.equal(level(oms, 'TEE-M', 'wh-east').reserved, 0)
  assert.deepEqual(
    oms.movementsSync({ sku: 'TEE-M', location: 'wh-east' }).map((m) => [m.reason, m.reservedDelta, m.reference]),
    [
      ['receipt', 0, null],
      ['reservation', 4, 'cart-1'],
      ['reservation', 1, 'cart-2'],
      ['reservation_release', -4, 'cart-1'],
      ['reservation_release', -1, 'cart-2'],
    ],
  )
  await bothFail(oms, 'releaseReservation', ['cart-1'], 'illegal_transition')
  await bothFail(oms, 'releaseReservation', ['nope'], 'reservation_not_found')
  await bothFail(oms, 'releaseReservation', [''], 'invalid_identifier', 'reservationId')
  await bothFail(oms, 'releaseReservation', [42], 'invalid_input', 'reservationId')
  await bothFail(oms, 'releaseReservation', ['cart-1', { idempotencyKey: '' }], 'invalid_identifier', 'idempotencyKey')
  await bothFail(oms, 'releaseReservation', ['cart-1', { reason: 'x' }], 'invalid_input', 'reason')
  await bothFail(oms, 'getReservation', ['nope'], 'reservation_not_found')
  await bothFail(oms, 'getReservation', [], 'invalid_input', 'reservationId')
  await assertClean(oms)
})

test('a reservation expires after its time to live; expireReservations releases it', async () => {
  const oms = shop({ stock: 5 })
  await oms.reserveStock(cart('cart-short', 2, { ttlSeconds: 1 }))
  await oms.reserveStock(cart('cart-long', 1))
  assert.equal(oms.availableSync({ sku: 'TEE-M', channel: 'web' }), 2)
  assert.deepEqual(await oms.expireReservations(), [], 'nothing is due yet')

  await new Promise((resolve) => setTimeout(resolve, 1100))
  assert.deepEqual(await oms.expireReservations(), ['cart-short'])
  assert.deepEqual(oms.expireReservationsSync(), [], 'an expired reservation is released once')
  assert.equal((await oms.getReservation('cart-short')).status, 'expired')
  assert.equal(oms.getReservationSync('cart-long').status, 'active')
  assert.equal(await oms.available({ sku: 'TEE-M', channel: 'web' }), 4, 'the expired units are available again')
  assert.equal(level(oms, 'TEE-M', 'wh-east').reserved, 1)
  // Checking out with an expired reservation allocates from stock as if it named none.
  const late = await oms.placeOrder(buy('web', 'TEE-M', 1, { reservationId: 'cart-short' }))
  assert.equal(late.status, 'allocated')
  assert.equal(oms.getReservationSync('cart-short').orderId, null)
  await assertClean(oms)
})

test('reserveStock bad input', async () => {
  const oms = shop({ stock: 5 })
  await oms.reserveStock(cart('cart-1', 1))
  await bothFail(oms, 'reserveStock', [cart('cart-1', 1)], 'rejected')
  await bothFail(oms, 'reserveStock', [cart('cart-2', 1, { ttlSeconds: 0 })], 'invalid_input', 'ttlSeconds')
  await bothFail(oms, 'reserveStock', [cart('cart-2', 1, { ttlSeconds: -5 })], 'invalid_input', 'ttlSeconds')
  await bothFail(oms, 'reserveStock', [cart('cart-2', 1, { ttlSeconds: 8 * 24 * 3600 })], 'invalid_input', 'ttlSeconds')
  await bothFail(oms, 'reserveStock', [cart('cart-2', 1, { ttlSeconds: 1.5 })], 'invalid_input', 'ttlSeconds')
  await bothFail(oms, 'reserveStock', [cart('cart-2', 1, { ttlSeconds: '60' })], 'invalid_input', 'ttlSeconds')
  await bothFail(oms, 'reserveStock', [{ ...cart('cart-2', 1), ttlSeconds: undefined }], 'invalid_input', 'ttlSeconds')
  await bothFail(oms, 'reserveStock', [cart('cart-2', 0)], 'invalid_quantity', 'lines[0].quantity')
  await bothFail(oms, 'reserveStock', [cart('cart-2', 2.5)], 'invalid_quantity', 'lines[0].quantity')
  await bothFail(oms, 'reserveStock', [cart('cart-2', 1, { lines: [] })], 'invalid_input', 'lines')
  await bothFail(oms, 'reserveStock', [cart('cart-2', 1, { lines: [{ sku: 'TEE-M', quantity: 1, unitPrice: '1' }] })], 'invalid_input', 'lines[0].unitPrice')
  await bothFail(oms, 'reserveStock', [cart('cart-2', 1, { lines: [{ sku: 'NOPE', quantity: 1 }] })], 'product_not_found')
  await bothFail(oms, 'reserveStock', [cart('', 1)], 'invalid_identifier', 'reservationId')
  await bothFail(oms, 'reserveStock', [cart('cart-2', 1, { channel: 'nope' })], 'channel_not_found')
  await bothFail(oms, 'reserveStock', [cart('cart-2', 1, { pickupLocation: 'nowhere' })], 'location_not_found')
  await bothFail(oms, 'reserveStock', [cart('cart-2', 1, { ttl: 60 })], 'invalid_input', 'ttl')
  await bothFail(oms, 'reserveStock', [cart('cart-2', 99)], 'insufficient_stock')
  await bothFail(oms, 'reserveStock', [], 'invalid_input')
  assert.equal(level(oms, 'TEE-M', 'wh-east').reserved, 1, 'only the first reservation was written')
  await assertClean(oms)
})

for (const store of ['memory', 'sqlite']) {
  test(`expired reservations never block a sale, however many (${store})`, async (t) => {
    // 150 abandoned carts over five SKUs and no expireReservations() worker: a sale
    // used to sweep only the 100 oldest reservations of any SKU, and fail.
    const oms = store === 'memory' ? Oms.inMemory() : Oms.open(join(tempDir(t), 'shop.db'))
    oms.upsertLocationSync({ id: 'wh-east', kind: 'warehouse', region: 'US-NY' })
    oms.upsertChannelSync({ id: 'web', kind: 'web', currency: 'USD', locations: ['wh-east'] })
    const skus = [0, 1, 2, 3, 4].map((index) => `SKU-${index}`)
    for (const sku of skus) {
      oms.upsertProductSync({ sku, name: sku })
      oms.receiveStockSync({ sku, location: 'wh-east', quantity: 31 })
    }
    for (let turn = 0; turn < 30; turn += 1) {
      for (const sku of skus) {
        oms.reserveStockSync({ reservationId: `cart-${sku}-${turn}`, channel: 'web', lines: [{ sku, quantity: 1 }], ttlSeconds: 1 })
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 1100)) // waits out the carts' one-second time to live
    for (const sku of skus) {
      await oms.reserveStock({ reservationId: `live-${sku}`, channel: 'web', lines: [{ sku, quantity: 1 }], ttlSeconds: 3600 })
    }

    const available = async () => (await oms.availability({ channel: 'web', skus })).map((answer) => answer.available)
    assert.deepEqual(await available(), [30, 30, 30, 30, 30], 'expired reservations reserve nothing')
    for (const sku of [...skus].reverse()) {
      const order = await oms.placeOrder(buy('web', sku, 30))
      assert.equal(order.status, 'allocated', sku)
      const stock = level(oms, sku, 'wh-east')
      assert.deepEqual([stock.allocated, stock.reserved], [30, 1], sku)
    }
    assert.deepEqual(await available(), [0, 0, 0, 0, 0])
    await bothFail(oms, 'placeOrder', [buy('web', 'SKU-0', 1)], 'insufficient_stock')
    assert.equal(oms.getReservationSync('live-SKU-0').status, 'active', 'a live reservation still counts')
    assert.equal(oms.getReservationSync('cart-SKU-3-0').status, 'expired')
    assert.deepEqual(await oms.expireReservations(), [])
    await assertClean(oms)
  })
}
