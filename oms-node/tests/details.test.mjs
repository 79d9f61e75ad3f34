// err.details: the structured facts of an error (Error::details() in the
// core) as a plain object, on throws and on rejections alike.

import assert from 'node:assert/strict'
import { test } from 'node:test'

import { Oms, OmsError } from '../index.js'
import { oms, orderInput, shop } from './helpers.mjs'

/** The error `call` throws (Sync) and the one `promise` rejects with, both checked to carry `code`. */
async function errorsOf(syncCall, asyncCall, code) {
  let thrown
  assert.throws(syncCall, (err) => {
    thrown = err
    return oms(code)(err)
  })
  let rejected
  await assert.rejects(asyncCall(), (err) => {
    rejected = err
    return oms(code)(err)
  })
  return [thrown, rejected]
}

function assertPlain(details) {
  assert.equal(Object.getPrototypeOf(details), Object.prototype, 'details is a plain object')
}

test('insufficient_stock carries the sku, the units requested and the units available, as numbers', async () => {
  const store = shop({ stock: 5 })
  const input = orderInput({ lines: [{ sku: 'TEE-M', quantity: 9, unitPrice: '19.99' }] })
  const errors = await errorsOf(
    () => store.placeOrderSync(input),
    () => store.placeOrder(input),
    'insufficient_stock',
  )
  for (const err of errors) {
    assertPlain(err.details)
    assert.deepEqual(err.details, { sku: 'TEE-M', requested: 9, available: 5 })
    assert.equal(typeof err.details.requested, 'number')
    assert.deepEqual(JSON.parse(JSON.stringify(err)).details, err.details, 'details survive JSON')
  }
  const [reservationError] = await errorsOf(
    () => store.reserveStockSync({ reservationId: 'cart-1', channel: 'web', lines: [{ sku: 'TEE-M', quantity: 6 }], ttlSeconds: 60 }),
    () => store.reserveStock({ reservationId: 'cart-1', channel: 'web', lines: [{ sku: 'TEE-M', quantity: 6 }], ttlSeconds: 60 }),
    'insufficient_stock',
  )
  assert.deepEqual(reservationError.details, { sku: 'TEE-M', requested: 6, available: 5 })
})

test('a missing record gives its id', async () => {
  const store = shop()
  const input = orderInput({ lines: [{ sku: 'NO-SUCH-SKU', quantity: 1, unitPrice: '1.00' }] })
  for (const err of await errorsOf(() => store.placeOrderSync(input), () => store.placeOrder(input), 'product_not_found')) {
    assert.deepEqual(err.details, { id: 'NO-SUCH-SKU' })
  }
  for (const err of await errorsOf(() => store.getOrderSync('ord-404'), () => store.getOrder('ord-404'), 'order_not_found')) {
    assert.deepEqual(err.details, { id: 'ord-404' })
  }
  const [channelError] = await errorsOf(
    () => store.availableSync({ sku: 'TEE-M', channel: 'no-channel' }),
    () => store.available({ sku: 'TEE-M', channel: 'no-channel' }),
    'channel_not_found',
  )
  assert.deepEqual(channelError.details, { id: 'no-channel' })
})

test('other facts: the reused key, the refused transition', async () => {
  const store = shop()
  const order = await store.placeOrder(orderInput({ idempotencyKey: 'k-1' }))
  const other = orderInput({ idempotencyKey: 'k-1', customerEmail: 'bob@example.com' })
  const [reused] = await errorsOf(() => store.placeOrderSync(other), () => store.placeOrder(other), 'idempotency_key_reused')
  assert.deepEqual(reused.details, { key: 'k-1' })

  await store.cancelOrder(order.id)
  const [illegal] = await errorsOf(
    () => store.cancelOrderSync(order.id),
    () => store.cancelOrder(order.id),
    'illegal_transition',
  )
  assert.equal(illegal.details.from, 'cancelled')
  assert.equal(typeof illegal.details.action, 'string')
})

test('errors without facts have empty details: bad input, a closed store, a wrong receiver', async () => {
  const store = shop()
  const bad = orderInput({ lines: [{ sku: 'TEE-M', quantity: 1, unitPrice: 19.99 }] })
  for (const err of await errorsOf(() => store.placeOrderSync(bad), () => store.placeOrder(bad), 'invalid_input')) {
    assert.equal(err.field, 'lines[0].unitPrice')
    assertPlain(err.details)
    assert.deepEqual(err.details, {})
  }
  assert.throws(() => Oms.prototype.auditSync.call({}), (err) => {
    assert.deepEqual(err.details, {})
    return oms('invalid_input')(err)
  })
  store.close()
  for (const err of await errorsOf(() => store.auditSync(), () => store.audit(), 'store_closed')) {
    assert.deepEqual(err.details, {})
  }
})

test('OmsError built by hand has details, empty unless given', () => {
  const plain = new OmsError('boom', { code: 'rejected', category: 'rejected' })
  assert.deepEqual(plain.details, {})
  const given = new OmsError('short', { code: 'insufficient_stock', category: 'rejected', details: { sku: 'A', requested: 2, available: 1 } })
  assert.deepEqual(given.details, { sku: 'A', requested: 2, available: 1 })
})
