// completeOrder (issue 9): a delivered or collected order is closed and
// becomes `completed`; anything else is refused, and so is an order whose
// recorded payments are not captured. Both forms, bad input included.

import assert from 'node:assert/strict'
import { test } from 'node:test'

import { assertClean, bothFail, orderInput, shop } from './helpers.mjs'

const parcel = { weightGrams: 500, lengthMm: 200, widthMm: 150, heightMm: 100 }

async function deliver(oms, order) {
  for (const shipment of await oms.createShipments(order.id)) {
    await oms.startPicking(shipment.id)
    await oms.packShipment(shipment.id, { parcels: [parcel] })
    await oms.shipShipment(shipment.id, { carrier: 'UPS', trackingNumber: `1Z-${shipment.id}` })
    await oms.confirmDelivery(shipment.id)
  }
}

test('a delivered order is completed once', async () => {
  const oms = shop()
  const order = await oms.placeOrder(orderInput())
  assert.equal(order.completedAt, null)
  await deliver(oms, order)
  const completed = await oms.completeOrder(order.id, { idempotencyKey: 'close-1' })
  assert.equal(completed.status, 'completed')
  assert.match(completed.completedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/)
  assert.deepEqual(oms.completeOrderSync(order.id, { idempotencyKey: 'close-1' }), completed, 'a retry returns the same order')
  await bothFail(oms, 'completeOrder', [order.id], 'illegal_transition')
  await bothFail(oms, 'cancelOrder', [order.id], 'illegal_transition')
  const events = await oms.eventsSince(0)
  assert.equal(events.at(-2).type, 'order_completed')
  await assertClean(oms)
})

test('only an order that reached its customer completes, and bad input is refused', async () => {
  const oms = shop()
  const order = await oms.placeOrder(orderInput())
  await bothFail(oms, 'completeOrder', [order.id], 'illegal_transition')
  assert.deepEqual(await oms.getOrder(order.id), order, 'the refusal changed nothing')
  await bothFail(oms, 'completeOrder', ['ord-404'], 'order_not_found')
  await bothFail(oms, 'completeOrder', [''], 'invalid_identifier', 'orderId')
  await bothFail(oms, 'completeOrder', [42], 'invalid_input', 'orderId')
  await bothFail(oms, 'completeOrder', [order.id, { idempotencyKey: 7 }], 'invalid_input', 'idempotencyKey')
})

test('recorded payments must be captured before the order closes', async () => {
  const oms = shop()
  const order = await oms.placeOrder(orderInput())
  const card = await oms.authorizePayment(order.id, { kind: 'card', amount: order.total, gatewayReference: 'auth-1' })
  await deliver(oms, order)
  await bothFail(oms, 'completeOrder', [order.id], 'payment_required', 'orderId')
  assert.throws(() => oms.completeOrderSync(order.id), (err) => {
    assert.deepEqual(err.details, { order: order.id, status: 'authorized' })
    return true
  })
  await oms.capturePayment(card.id, { amount: order.total, gatewayReference: 'cap-1' })
  assert.equal((await oms.completeOrder(order.id)).status, 'completed')
})
