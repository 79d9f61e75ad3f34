// Order edits (issue 9) from Node: editOrder and editOrderSync add lines,
// change quantities, remove lines and change the shipping address or
// method until the lines they touch are picked; the order is reallocated
// and repriced, the payment difference shows in orderPayments; bad input
// is refused with its code and field and changes nothing.

import assert from 'node:assert/strict'
import { test } from 'node:test'

import { ERROR_CODES, EVENT_TYPES } from '../index.js'
import { assertClean, bothFail, orderInput, shop } from './helpers.mjs'

/** The fixture shop with mugs too, and an order of two T-shirts at 19.99 and one mug at 8.00. */
function withOrder() {
  const oms = shop()
  oms.upsertProductSync({ sku: 'MUG', name: 'Mug' })
  oms.receiveStockSync({ sku: 'MUG', location: 'wh-east', quantity: 10 })
  const order = oms.placeOrderSync(
    orderInput({ lines: [{ sku: 'TEE-M', quantity: 2, unitPrice: '19.99' }, { sku: 'MUG', quantity: 1, unitPrice: '8.00' }] }),
  )
  return { oms, order }
}

/** What a refused edit must leave as it was. */
function footprint(oms, orderId) {
  return [oms.getOrderSync(orderId), oms.stockLevelsSync(), oms.eventsSinceSync(0, 1000).length]
}

test('an edit adds, changes and removes lines, in both forms', async () => {
  const { oms, order } = withOrder()
  assert.ok(ERROR_CODES.includes('line_picked'))
  assert.ok(EVENT_TYPES.includes('order_edited'))
  const edited = await oms.editOrder(order.id, {
    addLines: [{ sku: 'MUG', quantity: 2, unitPrice: '7.50', discount: '0.50' }],
    changeLines: [{ lineNumber: 1, quantity: 3 }],
    removeLines: [2],
  })
  assert.deepEqual(
    edited.lines.map((line) => [line.lineNumber, line.sku, line.quantity, line.allocated]),
    [
      [1, 'TEE-M', 3, 3],
      [3, 'MUG', 2, 2],
    ],
  )
  assert.deepEqual(edited.removedLines, [2])
  assert.equal(edited.total, '74.47')
  assert.equal(edited.status, 'allocated')
  const lowered = oms.editOrderSync(order.id, { changeLines: [{ lineNumber: 1, quantity: 1 }] })
  assert.deepEqual([lowered.lines[0].quantity, lowered.lines[0].allocated], [1, 1])
  assert.equal(oms.stockLevelSync({ sku: 'TEE-M', location: 'wh-east' }).allocated, 1)
  const events = oms.eventsSinceSync(0, 1000).filter((event) => event.type === 'order_edited')
  assert.equal(events.length, 2)
  assert.equal(events[1].data.previous_total.amount, '74.47')
  assert.equal(events[1].data.difference.amount, '-39.98')
  const address = { name: ' Ada ', lines: ['1 Main St'], city: 'Springfield', country: 'us' }
  const moved = await oms.editOrder(order.id, { shippingAddress: address, shippingMethod: ' express ' })
  assert.deepEqual([moved.shippingAddress.name, moved.shippingAddress.country, moved.shippingMethod], ['Ada', 'US', 'express'])
  assert.equal(moved.total, lowered.total)
  await assertClean(oms)
  assert.deepEqual(oms.verifyReplaySync().mismatches, [])
})

test('a pending shipment is cancelled, a picked line refused', async () => {
  const { oms, order } = withOrder()
  const [pending] = oms.createShipmentsSync(order.id)
  await oms.editOrder(order.id, { changeLines: [{ lineNumber: 1, quantity: 3 }] })
  assert.equal(oms.getShipmentSync(pending.id).status, 'cancelled')
  const [again] = oms.createShipmentsSync(order.id)
  oms.startPickingSync(again.id)
  const before = footprint(oms, order.id)
  await bothFail(oms, 'editOrder', [order.id, { removeLines: [1] }], 'line_picked', 'removeLines[0]')
  await bothFail(oms, 'editOrder', [order.id, { shippingMethod: 'express' }], 'line_picked', 'shippingMethod')
  assert.throws(
    () => oms.editOrderSync(order.id, { changeLines: [{ lineNumber: 2, quantity: 2 }] }),
    (err) => err.code === 'line_picked' && err.details.line === 2 && err.details.shipment === again.id,
  )
  assert.deepEqual(footprint(oms, order.id), before)
})

test('the payment difference shows in orderPayments', async () => {
  const { oms, order } = withOrder()
  const payment = oms.authorizePaymentSync(order.id, { kind: 'card', amount: order.total, gatewayReference: 'auth-1' })
  oms.capturePaymentSync(payment.id, { amount: order.total, gatewayReference: 'cap-1' })
  assert.equal(oms.orderPaymentsSync(order.id).status, 'paid')
  oms.editOrderSync(order.id, { changeLines: [{ lineNumber: 2, quantity: 2 }] })
  assert.deepEqual(
    [oms.orderPaymentsSync(order.id).status, oms.orderPaymentsSync(order.id).balance],
    ['partially_paid', '8.00'],
  )
  await oms.editOrder(order.id, { removeLines: [2] })
  const refund = await oms.orderPayments(order.id)
  assert.deepEqual([refund.status, refund.balance], ['overpaid', '-8.00'])
})

test('an idempotency key runs an edit once', async () => {
  const { oms, order } = withOrder()
  const options = { changeLines: [{ lineNumber: 1, quantity: 4 }], idempotencyKey: 'edit-1' }
  const first = await oms.editOrder(order.id, options)
  assert.deepEqual(oms.editOrderSync(order.id, options), first)
  await bothFail(
    oms,
    'editOrder',
    [order.id, { changeLines: [{ lineNumber: 1, quantity: 5 }], idempotencyKey: 'edit-1' }],
    'idempotency_key_reused',
  )
})

test('bad edits are refused with their code and field and change nothing', async () => {
  const { oms, order } = withOrder()
  const before = footprint(oms, order.id)
  const cases = [
    [{}, 'invalid_input', 'addLines'],
    [undefined, 'invalid_input', 'addLines'],
    [{ changeLines: [{ lineNumber: 9, quantity: 1 }] }, 'order_line_not_found', null],
    [{ removeLines: [9] }, 'order_line_not_found', null],
    [{ changeLines: [{ lineNumber: 1, quantity: 0 }] }, 'invalid_quantity', 'changeLines[0].quantity'],
    [{ changeLines: [{ lineNumber: 1, quantity: -1 }] }, 'invalid_quantity', 'changeLines[0].quantity'],
    [{ changeLines: [{ lineNumber: 1, quantity: 1.5 }] }, 'invalid_quantity', 'changeLines[0].quantity'],
    [{ changeLines: [{ lineNumber: 1, quantity: '2' }] }, 'invalid_input', 'changeLines[0].quantity'],
    [{ changeLines: [{ lineNumber: 1, quantity: 2 }] }, 'invalid_input', 'changeLines[0].quantity'],
    [
      { changeLines: [{ lineNumber: 1, quantity: 3 }, { lineNumber: 1, quantity: 4 }] },
      'invalid_input',
      'changeLines[1].lineNumber',
    ],
    [{ changeLines: [{ lineNumber: 2, quantity: 3 }], removeLines: [2] }, 'invalid_input', 'removeLines[0]'],
    [{ removeLines: [1, 2] }, 'invalid_input', 'removeLines'],
    [{ removeLines: [-1] }, 'invalid_input', 'removeLines[0]'],
    [{ addLines: [{ sku: 'MUG', quantity: 1, unitPrice: 8 }] }, 'invalid_input', 'addLines[0].unitPrice'],
    [{ addLines: [{ sku: 'MUG', quantity: 1, unitPrice: '8', discount: 0.5 }] }, 'invalid_input', 'addLines[0].discount'],
    [{ addLines: [{ sku: 'MUG', quantity: 1, unitPrice: '8.001' }] }, 'invalid_amount', 'addLines[0].unitPrice'],
    [{ addLines: [{ sku: 'MUG', quantity: 10, unitPrice: '8' }] }, 'insufficient_stock', null],
    [{ addLines: [{ sku: 'NOPE', quantity: 1, unitPrice: '8' }] }, 'product_not_found', null],
    [{ addLines: 'MUG' }, 'invalid_input', 'addLines'],
    [{ shippingAddress: { name: 'A', lines: ['B'], city: 'C', country: 'XX' } }, 'invalid_input', 'shippingAddress.country'],
    [{ shippingMethod: '' }, 'invalid_input', 'shippingMethod'],
  ]
  for (const [options, code, field] of cases) {
    await bothFail(oms, 'editOrder', options === undefined ? [order.id] : [order.id, options], code, field ?? undefined)
  }
  assert.deepEqual(footprint(oms, order.id), before)
  await bothFail(oms, 'editOrder', ['ord-404', { removeLines: [1] }], 'order_not_found')
  await bothFail(oms, 'editOrder', ['', { removeLines: [1] }], 'invalid_identifier', 'orderId')
  oms.cancelOrderSync(order.id)
  await bothFail(oms, 'editOrder', [order.id, { removeLines: [1] }], 'illegal_transition')
})
