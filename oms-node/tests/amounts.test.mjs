// Amounts are exact: a decimal string with more digits than a decimal can
// hold (28 places) is refused, quoting the caller's text, never rounded into
// another price. Trailing zeros are not digits of the value: an amount that
// is exact once they are dropped is accepted.
//
// These depend on oms_core::money::parse_decimal refusing inexact text
// (issue 7, item 6); the binding hands it the caller's string as written.

import assert from 'node:assert/strict'
import { test } from 'node:test'

import { OmsError } from '../index.js'
import { orderInput, shop } from './helpers.mjs'

const TOO_FINE = ['0.00000000000000000000000000001', '1.00000000000000000000000000001']

function inexact(field, text) {
  return (err) => {
    assert.ok(err instanceof OmsError, `expected an OmsError, got ${err?.constructor?.name}: ${err?.message}`)
    assert.equal(err.code, 'invalid_amount', err.message)
    assert.equal(err.field, field, err.message)
    assert.ok(err.message.includes(text), `the message quotes ${text}: ${err.message}`)
    return true
  }
}

test('a unit price finer than 28 decimal places is invalid_amount quoting it, not a rounded price', async () => {
  const oms = shop()
  for (const unitPrice of TOO_FINE) {
    const input = orderInput({ lines: [{ sku: 'TEE-M', quantity: 1, unitPrice }] })
    assert.throws(() => oms.placeOrderSync(input), inexact('lines[0].unitPrice', unitPrice))
    await assert.rejects(oms.placeOrder(input), inexact('lines[0].unitPrice', unitPrice))
    await assert.rejects(oms.planAllocation(input), inexact('lines[0].unitPrice', unitPrice))
  }
  assert.deepEqual(oms.listOrdersSync().orders, [], 'no order was placed at a rounded price')
  assert.equal(oms.availableSync({ sku: 'TEE-M', channel: 'web' }), 10)
})

test('order amounts finer than 28 decimal places are invalid_amount quoting them', async () => {
  const oms = shop()
  for (const text of TOO_FINE) {
    const line = { sku: 'TEE-M', quantity: 1, unitPrice: '19.99' }
    await assert.rejects(oms.placeOrder(orderInput({ lines: [{ ...line, discount: text }] })), inexact('lines[0].discount', text))
    await assert.rejects(oms.placeOrder(orderInput({ orderDiscount: text })), inexact('orderDiscount', text))
    assert.throws(() => oms.placeOrderSync(orderInput({ shipping: text })), inexact('shipping', text))
  }
  assert.deepEqual(oms.listOrdersSync().orders, [])
})

test('trailing zeros beyond 28 decimal places are accepted: the amount is exactly what was written', async () => {
  const oms = shop()
  const unitPrice = '1.000000000000000000000000000000'
  const order = await oms.placeOrder(orderInput({ lines: [{ sku: 'TEE-M', quantity: 2, unitPrice }] }))
  assert.equal(order.lines[0].unitPrice, '1.00')
  assert.equal(order.total, '2.00')
  assert.equal(oms.placeOrderSync(orderInput({ lines: [{ sku: 'TEE-M', quantity: 1, unitPrice }] })).total, '1.00')
})
