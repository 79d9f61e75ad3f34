// ManualClock: a clock the caller moves. Checkout-reservation expiry is tested
// with it without sleeping.

import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'

import { ManualClock, Oms } from '../index.js'
import { bothFail, oms, orderInput, shop, tempDir } from './helpers.mjs'

const NEW_YEAR = '2026-01-01T00:00:00.000000Z'

const cart = (reservationId, quantity) => ({ reservationId, channel: 'web', lines: [{ sku: 'TEE-M', quantity }], ttlSeconds: 60 })

test('a ManualClock stands still until advanced', () => {
  const clock = new ManualClock('2026-01-01T00:00:00Z')
  assert.ok(clock instanceof ManualClock)
  assert.equal(clock.now(), NEW_YEAR)
  assert.equal(clock.now(), NEW_YEAR)
  assert.equal(clock.advance(61), undefined)
  assert.equal(clock.now(), '2026-01-01T00:01:01.000000Z')
  clock.advance(-61)
  assert.equal(clock.now(), NEW_YEAR)
  clock.advance(0)
  assert.equal(clock.now(), NEW_YEAR)
  // Any offset is accepted and read as the same instant in UTC.
  assert.equal(new ManualClock('2026-01-01T09:00:00+09:00').now(), NEW_YEAR)
  assert.equal(new ManualClock('2025-12-31T23:59:59.5-00:00').now(), '2025-12-31T23:59:59.500000Z')
})

test('a store on a ManualClock stamps its records with the clock', async (t) => {
  const clock = new ManualClock('2026-01-01T00:00:00Z')
  const memory = shop({ oms: Oms.inMemory({ clock }) })
  const order = await memory.placeOrder(orderInput())
  assert.equal(order.createdAt, NEW_YEAR)
  clock.advance(3600)
  assert.equal((await memory.cancelOrder(order.id)).updatedAt, '2026-01-01T01:00:00.000000Z')

  const file = shop({ oms: Oms.open(join(tempDir(t), 'shop.db'), { clock }) })
  t.after(() => file.close())
  assert.equal(file.placeOrderSync(orderInput()).createdAt, '2026-01-01T01:00:00.000000Z')
  const [event] = file.eventsSinceSync(0, 1)
  assert.equal(event.occurredAt, '2026-01-01T01:00:00.000000Z')
})

test('a checkout reservation expires when the clock passes its time to live, without sleeping', async () => {
  const clock = new ManualClock('2026-01-01T00:00:00Z')
  const store = shop({ oms: Oms.inMemory({ clock }), stock: 10 })
  const reservation = await store.reserveStock(cart('cart-1', 3))
  assert.equal(reservation.createdAt, NEW_YEAR)
  assert.equal(reservation.expiresAt, '2026-01-01T00:01:00.000000Z')
  const available = async () => (await store.availability({ channel: 'web', skus: ['TEE-M'] }))[0].available
  assert.equal(await available(), 7)

  clock.advance(59)
  assert.deepEqual(await store.expireReservations(), [])
  assert.equal(await available(), 7, 'one second before expiry the units are still reserved')

  clock.advance(2)
  assert.deepEqual(await store.expireReservations(), ['cart-1'])
  assert.equal(await available(), 10, 'availability recovers once the reservation expires')
  assert.equal((await store.getReservation('cart-1')).status, 'expired')
  assert.equal(store.stockLevelSync({ sku: 'TEE-M', location: 'wh-east' }).reserved, 0)
  assert.deepEqual(store.expireReservationsSync(), [])
})

test('an expired reservation never blocks a sale: the sale sweeps it first', async () => {
  const clock = new ManualClock('2026-01-01T00:00:00Z')
  const store = shop({ oms: Oms.inMemory({ clock }), stock: 4 })
  store.reserveStockSync(cart('cart-1', 4))
  const buyAll = orderInput({ lines: [{ sku: 'TEE-M', quantity: 4, unitPrice: '19.99' }] })
  await bothFail(store, 'placeOrder', [buyAll], 'insufficient_stock')
  clock.advance(61)
  const order = await store.placeOrder(buyAll)
  assert.equal(order.status, 'allocated')
  assert.equal(store.getReservationSync('cart-1').status, 'expired')
})

test('a clock outside 1970 to 9999 is clock_unusable when used, and nothing is written', async () => {
  const clock = new ManualClock('1969-12-31T23:59:59Z')
  const store = Oms.inMemory({ clock })
  await bothFail(store, 'upsertProduct', [{ sku: 'TEE-M', name: 'T-shirt' }], 'clock_unusable')
  clock.advance(1)
  store.upsertProductSync({ sku: 'TEE-M', name: 'T-shirt' })
  assert.equal(store.listProductsSync().products.length, 1)
})

test('the constructor refuses what is not an ISO-8601 time with an offset', () => {
  for (const bad of ['2026-01-01T00:00:00', '2026-01-01', 'tomorrow', '', '2026-13-01T00:00:00Z', '2026-01-01T00:00:00 UTC']) {
    assert.throws(() => new ManualClock(bad), oms('invalid_input', 'at'), bad)
  }
  for (const bad of [undefined, null, 1767225600000, new Date(), {}]) {
    assert.throws(() => new ManualClock(bad), oms('invalid_input', 'at'), String(bad))
  }
  assert.throws(() => new ManualClock(), oms('invalid_input', 'at'))
})

test('advance takes a whole number of seconds; bad numbers are typed errors naming seconds', () => {
  const clock = new ManualClock('2026-01-01T00:00:00Z')
  for (const bad of [1.5, Number.NaN, Infinity, 2 ** 60, '60', 60n, undefined, null, { seconds: 60 }]) {
    assert.throws(() => clock.advance(bad), oms('invalid_input', 'seconds'), String(bad))
  }
  // Far enough to leave the range of time: refused rather than ignored.
  assert.throws(() => clock.advance(Number.MAX_SAFE_INTEGER), oms('invalid_input', 'seconds'))
  assert.equal(clock.now(), NEW_YEAR, 'a refused advance leaves the clock where it was')
})

test('only a ManualClock is a clock: anything else is invalid_input naming clock', () => {
  const forged = Object.setPrototypeOf(Oms.inMemory(), ManualClock.prototype)
  assert.ok(forged instanceof ManualClock, 'the forgery passes instanceof')
  const copied = Object.create(ManualClock.prototype)
  for (const clock of [{}, 'now', 0, forged, copied, new Proxy({}, { get: () => { throw new Error('trap') } })]) {
    assert.throws(() => Oms.inMemory({ clock }), oms('invalid_input', 'clock'))
    assert.throws(() => Oms.open(':memory:', { clock }), oms('invalid_input', 'clock'))
  }
  assert.throws(() => Oms.inMemory({ clok: new ManualClock('2026-01-01T00:00:00Z') }), oms('invalid_input', 'clok'))
  assert.throws(() => Oms.inMemory('clock'), oms('invalid_input', 'options'))
  assert.throws(() => ManualClock.prototype.now.call(forged), oms('invalid_input'))
  assert.throws(() => ManualClock.prototype.advance.call({}, 1), oms('invalid_input'))
  // Absent options and an absent clock are the system clock.
  for (const options of [undefined, null, {}, { clock: undefined }]) {
    assert.equal(Oms.inMemory(options).upsertProductSync({ sku: 'A', name: 'a' }).version, 1)
    assert.equal(shop({ oms: Oms.open(':memory:', options) }).placeOrderSync(orderInput()).status, 'allocated')
  }
})
