// The one reader of arguments (oms-node/src/read.rs): what the generated
// methods share. Fields are read in the order the command declares them, a
// nested setting left out takes its default, positional arguments come
// before the options object, and the same rule reads a value wherever it
// appears (an argument, an array element, a key of an object).

import assert from 'node:assert/strict'
import { test } from 'node:test'

import { Oms } from '../index.js'
import { oms, orderInput, shop } from './helpers.mjs'

test('one rounding setting given keeps the default of the other', () => {
  const store = shop()
  const base = { id: 'eu', kind: 'web', currency: 'EUR', locations: ['wh-east'] }
  let channel = store.upsertChannelSync({ ...base, roundingLevel: 'document' })
  assert.deepEqual([channel.roundingMode, channel.roundingLevel], ['half_up', 'document'])
  channel = store.upsertChannelSync({ ...base, roundingMode: 'half_even' })
  assert.deepEqual([channel.roundingMode, channel.roundingLevel], ['half_even', 'line'])
})

test('fields are checked in the order the command declares them', async () => {
  const store = shop()
  const input = orderInput({ currency: 'usdx', lines: 'not an array' })
  assert.throws(() => store.placeOrderSync(input), oms('unknown_currency', 'currency'))
  await assert.rejects(store.placeOrder(input), oms('unknown_currency', 'currency'))
  const keyed = orderInput({ lines: 'not an array', idempotencyKey: '' })
  assert.throws(() => store.placeOrderSync(keyed), oms('invalid_input', 'lines'))
})

test('the id given first is read before the options object', () => {
  const store = shop()
  assert.throws(() => store.cancelOrderSync('bad id', 'not an object'), oms('invalid_identifier', 'orderId'))
  assert.throws(() => store.cancelOrderSync('order-1', 'not an object'), oms('invalid_input', 'options'))
  assert.throws(() => store.holdOrderSync('order-1'), oms('invalid_input', 'options'))
})

test('a missing key of a line is refused before the keys after it', () => {
  const store = shop()
  const input = orderInput({ lines: [{ quantity: 1.5, unitPrice: 2.5 }] })
  assert.throws(() => store.placeOrderSync(input), (err) => {
    oms('invalid_input', 'lines[0].sku')(err)
    assert.equal(err.message, 'lines[0].sku: is required')
    return true
  })
})

test('a value is read by the same rule wherever it appears', () => {
  const store = shop()
  const cases = [
    [() => store.getProductSync('bad sku'), 'sku'],
    [() => store.stockLevelSync({ sku: 'bad sku', location: 'wh-east' }), 'sku'],
    [() => store.availabilitySync({ channel: 'web', skus: ['TEE-M', 'bad sku'] }), 'skus[1]'],
    [
      () => store.reserveStockSync({ reservationId: 'cart-1', channel: 'web', ttlSeconds: 60, lines: [{ sku: 'bad sku', quantity: 1 }] }),
      'lines[0].sku',
    ],
  ]
  for (const [call, field] of cases) {
    assert.throws(call, oms('invalid_identifier', field))
  }
})

test('snake_case keys are unknown in JavaScript', () => {
  const store = Oms.inMemory()
  assert.throws(
    () => store.upsertLocationSync({ id: 'wh', kind: 'warehouse', region: 'US', offers_pickup: true }),
    oms('invalid_input', 'offers_pickup'),
  )
})
