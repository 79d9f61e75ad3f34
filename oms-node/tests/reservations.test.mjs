// Checkout holds: holdStock, releaseStockHold, expireHolds, getStockHold, and
// placeOrder({ holdId }) converting a hold.

import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'

import { Oms } from '../index.js'
import { assertClean, bothFail, buy, level, shop, tempDir } from './helpers.mjs'

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/

const cart = (holdId, quantity, extra = {}) => ({
  holdId,
  channel: 'web',
  lines: [{ sku: 'TEE-M', quantity }],
  ttlSeconds: 600,
  ...extra,
})

test('holdStock reserves stock: available drops, held rises', async () => {
  const oms = shop({ stock: 10 })
  const hold = await oms.holdStock(cart('cart-1', 3))
  assert.equal(hold.id, 'cart-1')
  assert.equal(hold.channel, 'web')
  assert.equal(hold.status, 'active')
  assert.equal(hold.orderId, null)
  assert.equal(hold.version, 1)
  assert.deepEqual(hold.lines, [{ sku: 'TEE-M', quantity: 3, allocations: [{ location: 'wh-east', quantity: 3 }] }])
  assert.match(hold.expiresAt, ISO_UTC)
  assert.match(hold.createdAt, ISO_UTC)
  const ttl = Date.parse(hold.expiresAt) - Date.parse(hold.createdAt)
  assert.equal(ttl, 600_000)

  assert.equal(await oms.available({ sku: 'TEE-M', channel: 'web' }), 7)
  const stock = level(oms, 'TEE-M', 'wh-east')
  assert.equal(stock.held, 3)
  assert.equal(stock.onHand, 10)
  assert.equal(stock.available, 7)
  const [movement] = oms.movementsSync({ sku: 'TEE-M', location: 'wh-east', after: 1 })
  assert.equal(movement.reason, 'hold')
  assert.equal(movement.heldDelta, 3)
  assert.equal(movement.reference, 'cart-1')

  assert.deepEqual(await oms.getStockHold('cart-1'), hold)
  assert.deepEqual(oms.getStockHoldSync('cart-1'), hold)
  assert.equal(oms.holdStockSync(cart('cart-2', 7)).status, 'active', 'the Sync form holds too')
  assert.equal(oms.availableSync({ sku: 'TEE-M', channel: 'web' }), 0)
  await bothFail(oms, 'holdStock', [cart('cart-3', 1)], 'insufficient_stock')
  await assertClean(oms)
})

test('placeOrder with holdId converts the hold', async () => {
  const oms = shop({ stock: 10 })
  await oms.holdStock(cart('cart-1', 2))
  const order = await oms.placeOrder(buy('web', 'TEE-M', 3, { holdId: 'cart-1' }))
  assert.equal(order.status, 'allocated')
  assert.equal(order.lines[0].allocated, 3)
  assert.deepEqual(order.lines[0].allocations, [{ location: 'wh-east', quantity: 3 }])

  const hold = await oms.getStockHold('cart-1')
  assert.equal(hold.status, 'converted')
  assert.equal(hold.orderId, order.id)
  assert.equal(hold.version, 2)
  const stock = level(oms, 'TEE-M', 'wh-east')
  assert.deepEqual([stock.onHand, stock.allocated, stock.held], [10, 3, 0])
  assert.equal(oms.availableSync({ sku: 'TEE-M', channel: 'web' }), 7)

  await bothFail(oms, 'placeOrder', [buy('web', 'TEE-M', 1, { holdId: 'cart-1' })], 'illegal_transition')
  await bothFail(oms, 'placeOrder', [buy('web', 'TEE-M', 1, { holdId: 'no-such-cart' })], 'hold_not_found')
  oms.upsertChannelSync({ id: 'app', kind: 'web', currency: 'USD', locations: ['wh-east'] })
  await oms.holdStock(cart('cart-2', 1))
  await bothFail(oms, 'placeOrder', [buy('app', 'TEE-M', 1, { holdId: 'cart-2' })], 'invalid_input', 'holdId')
  assert.equal(oms.getStockHoldSync('cart-2').status, 'active', 'a hold is only converted on its own channel')
  await bothFail(oms, 'placeOrder', [buy('web', 'TEE-M', 1, { holdId: '' })], 'invalid_identifier', 'holdId')
  await bothFail(oms, 'placeOrder', [buy('web', 'TEE-M', 1, { holdId: 7 })], 'invalid_input', 'holdId')
  await bothFail(oms, 'releaseStockHold', ['cart-1'], 'illegal_transition')
  await assertClean(oms)
})

test('releaseStockHold gives the stock back', async () => {
  const oms = shop({ stock: 5 })
  oms.holdStockSync(cart('cart-1', 4))
  oms.holdStockSync(cart('cart-2', 1))
  const released = await oms.releaseStockHold('cart-1')
  assert.equal(released.status, 'released')
  assert.equal(released.version, 2)
  assert.equal(oms.availableSync({ sku: 'TEE-M', channel: 'web' }), 4)
  const again = oms.releaseStockHoldSync('cart-2', { idempotencyKey: 'release-2' })
  assert.equal(again.status, 'released')
  assert.deepEqual(oms.releaseStockHoldSync('cart-2', { idempotencyKey: 'release-2' }), again, 'a retry returns the same hold')
  assert.equal(level(oms, 'TEE-M', 'wh-east').held, 0)
  assert.deepEqual(
    oms.movementsSync({ sku: 'TEE-M', location: 'wh-east' }).map((m) => [m.reason, m.heldDelta, m.reference]),
    [
      ['receipt', 0, null],
      ['hold', 4, 'cart-1'],
      ['hold', 1, 'cart-2'],
      ['hold_release', -4, 'cart-1'],
      ['hold_release', -1, 'cart-2'],
    ],
  )
  await bothFail(oms, 'releaseStockHold', ['cart-1'], 'illegal_transition')
  await bothFail(oms, 'releaseStockHold', ['nope'], 'hold_not_found')
  await bothFail(oms, 'releaseStockHold', [''], 'invalid_identifier', 'holdId')
  await bothFail(oms, 'releaseStockHold', [42], 'invalid_input', 'holdId')
  await bothFail(oms, 'releaseStockHold', ['cart-1', { idempotencyKey: '' }], 'invalid_identifier', 'idempotencyKey')
  await bothFail(oms, 'releaseStockHold', ['cart-1', { reason: 'x' }], 'invalid_input', 'reason')
  await bothFail(oms, 'getStockHold', ['nope'], 'hold_not_found')
  await bothFail(oms, 'getStockHold', [], 'invalid_input', 'holdId')
  await assertClean(oms)
})

test('a hold expires after its time to live; expireHolds releases it', async () => {
  const oms = shop({ stock: 5 })
  await oms.holdStock(cart('cart-short', 2, { ttlSeconds: 1 }))
  await oms.holdStock(cart('cart-long', 1))
  assert.equal(oms.availableSync({ sku: 'TEE-M', channel: 'web' }), 2)
  assert.deepEqual(await oms.expireHolds(), [], 'nothing is due yet')

  await new Promise((resolve) => setTimeout(resolve, 1100))
  assert.deepEqual(await oms.expireHolds(), ['cart-short'])
  assert.deepEqual(oms.expireHoldsSync(), [], 'an expired hold is released once')
  assert.equal((await oms.getStockHold('cart-short')).status, 'expired')
  assert.equal(oms.getStockHoldSync('cart-long').status, 'active')
  assert.equal(await oms.available({ sku: 'TEE-M', channel: 'web' }), 4, 'the expired units are available again')
  assert.equal(level(oms, 'TEE-M', 'wh-east').held, 1)
  // Checking out with an expired hold allocates from stock as if it named none.
  const late = await oms.placeOrder(buy('web', 'TEE-M', 1, { holdId: 'cart-short' }))
  assert.equal(late.status, 'allocated')
  assert.equal(oms.getStockHoldSync('cart-short').orderId, null)
  await assertClean(oms)
})

test('holdStock bad input', async () => {
  const oms = shop({ stock: 5 })
  await oms.holdStock(cart('cart-1', 1))
  await bothFail(oms, 'holdStock', [cart('cart-1', 1)], 'rejected')
  await bothFail(oms, 'holdStock', [cart('cart-2', 1, { ttlSeconds: 0 })], 'invalid_input', 'ttlSeconds')
  await bothFail(oms, 'holdStock', [cart('cart-2', 1, { ttlSeconds: -5 })], 'invalid_input', 'ttlSeconds')
  await bothFail(oms, 'holdStock', [cart('cart-2', 1, { ttlSeconds: 8 * 24 * 3600 })], 'invalid_input', 'ttlSeconds')
  await bothFail(oms, 'holdStock', [cart('cart-2', 1, { ttlSeconds: 1.5 })], 'invalid_input', 'ttlSeconds')
  await bothFail(oms, 'holdStock', [cart('cart-2', 1, { ttlSeconds: '60' })], 'invalid_input', 'ttlSeconds')
  await bothFail(oms, 'holdStock', [{ ...cart('cart-2', 1), ttlSeconds: undefined }], 'invalid_input', 'ttlSeconds')
  await bothFail(oms, 'holdStock', [cart('cart-2', 0)], 'invalid_quantity', 'lines[0].quantity')
  await bothFail(oms, 'holdStock', [cart('cart-2', 2.5)], 'invalid_quantity', 'lines[0].quantity')
  await bothFail(oms, 'holdStock', [cart('cart-2', 1, { lines: [] })], 'invalid_input', 'lines')
  await bothFail(oms, 'holdStock', [cart('cart-2', 1, { lines: [{ sku: 'TEE-M', quantity: 1, unitPrice: '1' }] })], 'invalid_input', 'lines[0].unitPrice')
  await bothFail(oms, 'holdStock', [cart('cart-2', 1, { lines: [{ sku: 'NOPE', quantity: 1 }] })], 'product_not_found')
  await bothFail(oms, 'holdStock', [cart('', 1)], 'invalid_identifier', 'holdId')
  await bothFail(oms, 'holdStock', [cart('cart-2', 1, { channel: 'nope' })], 'channel_not_found')
  await bothFail(oms, 'holdStock', [cart('cart-2', 1, { pickupLocation: 'nowhere' })], 'location_not_found')
  await bothFail(oms, 'holdStock', [cart('cart-2', 1, { ttl: 60 })], 'invalid_input', 'ttl')
  await bothFail(oms, 'holdStock', [cart('cart-2', 99)], 'insufficient_stock')
  await bothFail(oms, 'holdStock', [], 'invalid_input')
  assert.equal(level(oms, 'TEE-M', 'wh-east').held, 1, 'only the first hold was written')
  await assertClean(oms)
})

for (const store of ['memory', 'sqlite']) {
  test(`expired holds never block a sale, however many (${store})`, async (t) => {
    // 150 abandoned carts over five SKUs and no expireHolds() worker: a sale
    // used to sweep only the 100 oldest holds of any SKU, and fail.
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
        oms.holdStockSync({ holdId: `cart-${sku}-${turn}`, channel: 'web', lines: [{ sku, quantity: 1 }], ttlSeconds: 1 })
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 1100)) // waits out the carts' one-second time to live
    for (const sku of skus) {
      await oms.holdStock({ holdId: `live-${sku}`, channel: 'web', lines: [{ sku, quantity: 1 }], ttlSeconds: 3600 })
    }

    const available = async () => (await oms.availability({ channel: 'web', skus })).map((answer) => answer.available)
    assert.deepEqual(await available(), [30, 30, 30, 30, 30], 'expired holds hold nothing')
    for (const sku of [...skus].reverse()) {
      const order = await oms.placeOrder(buy('web', sku, 30))
      assert.equal(order.status, 'allocated', sku)
      const stock = level(oms, sku, 'wh-east')
      assert.deepEqual([stock.allocated, stock.held], [30, 1], sku)
    }
    assert.deepEqual(await available(), [0, 0, 0, 0, 0])
    await bothFail(oms, 'placeOrder', [buy('web', 'SKU-0', 1)], 'insufficient_stock')
    assert.equal(oms.getStockHoldSync('live-SKU-0').status, 'active', 'a live hold still counts')
    assert.equal(oms.getStockHoldSync('cart-SKU-3-0').status, 'expired')
    assert.deepEqual(await oms.expireHolds(), [])
    await assertClean(oms)
  })
}
