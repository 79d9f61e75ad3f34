// Carrier and logistics-partner hand-off (issue 9): handOverShipment emits
// what a partner needs, the partner's answers are idempotent on its
// reference, and a channel that captures on shipment asks for each
// shipment's value across the order's tenders. Both forms, bad input included.

import assert from 'node:assert/strict'
import { test } from 'node:test'

import { bothFail, orderInput, shop } from './helpers.mjs'

const parcel = () => ({ weightGrams: 900, lengthMm: 300, widthMm: 200, heightMm: 100 })
const address = { name: 'Ada Lovelace', lines: ['12 Analytical Row'], city: 'London', country: 'gb' }
const events = (oms, type) => oms.eventsSinceSync(0).filter((record) => record.type === type).map((r) => r.data)

function packed(oms, order) {
  const [shipment] = oms.createShipmentsSync(order.id)
  oms.startPickingSync(shipment.id)
  return oms.packShipmentSync(shipment.id, { parcels: [parcel()] })
}

test('a carrier takes a packed shipment; its answers are idempotent on its reference', async () => {
  const oms = shop()
  const order = oms.placeOrderSync(orderInput({ shippingAddress: address, shippingMethod: 'express' }))
  const shipment = packed(oms, order)
  const onHand = oms.stockLevelSync({ sku: 'TEE-M', location: 'wh-east' }).onHand
  const over = await oms.handOverShipment(shipment.id, { partner: ' DHL ' })
  assert.equal(over.status, 'handed_over')
  assert.equal(over.partner, 'DHL')
  assert.equal(oms.stockLevelSync({ sku: 'TEE-M', location: 'wh-east' }).onHand, onHand)
  const [handed] = events(oms, 'shipment_handed_over')
  assert.equal(handed.partner, 'DHL')
  assert.equal(handed.service_level, 'express')
  assert.equal(handed.ship_to.country, 'GB')
  assert.deepEqual(handed.lines, [{ line_number: 1, sku: 'TEE-M', quantity: 2 }])

  const answer = { carrier: 'DHL', trackingNumber: 'JD1', partnerReference: 'evt-1' }
  const shipped = await oms.shipShipment(shipment.id, answer)
  assert.equal(shipped.shippedReference, 'evt-1')
  const count = oms.eventsSinceSync(0).length
  assert.deepEqual(oms.shipShipmentSync(shipment.id, answer), shipped)
  assert.equal(oms.eventsSinceSync(0).length, count, 'a repeated answer changes nothing')
  assert.equal(oms.stockLevelSync({ sku: 'TEE-M', location: 'wh-east' }).onHand, onHand - 2)
  await bothFail(oms, 'shipShipment', [shipment.id, { ...answer, partnerReference: 'evt-2' }], 'illegal_transition')
  const delivered = oms.confirmDeliverySync(shipment.id, { partnerReference: 'pod-1' })
  assert.equal(delivered.deliveredReference, 'pod-1')
  assert.deepEqual(await oms.confirmDelivery(shipment.id, { partnerReference: 'pod-1' }), delivered)
  assert.deepEqual(oms.auditSync().violations, [])
})

test('bad hand-overs are refused with their codes and change nothing', async () => {
  const oms = shop()
  const order = oms.placeOrderSync(orderInput())
  const [shipment] = oms.createShipmentsSync(order.id)
  await bothFail(oms, 'handOverShipment', [shipment.id, { partner: '  ' }], 'invalid_input', 'partner')
  await bothFail(oms, 'handOverShipment', [shipment.id, { partner: 'p'.repeat(201) }], 'limit_exceeded', 'partner')
  await bothFail(oms, 'handOverShipment', [shipment.id, { partner: 42 }], 'invalid_input', 'partner')
  await bothFail(oms, 'handOverShipment', [shipment.id, {}], 'invalid_input', 'partner')
  await bothFail(oms, 'handOverShipment', ['shp-404', { partner: 'DHL' }], 'shipment_not_found')
  const unknown = ['shp-404', { carrier: 'DHL', trackingNumber: 'X', partnerReference: 'r-1' }]
  await bothFail(oms, 'shipShipment', unknown, 'shipment_not_found')
  const blank = [shipment.id, { carrier: 'DHL', trackingNumber: 'X', partnerReference: ' ' }]
  await bothFail(oms, 'shipShipment', blank, 'invalid_input', 'partnerReference')
  oms.startPickingSync(shipment.id)
  await bothFail(oms, 'handOverShipment', [shipment.id, { partner: 'DHL' }], 'illegal_transition')
  assert.equal(oms.getShipmentSync(shipment.id).partner, null)
  assert.deepEqual(events(oms, 'shipment_handed_over'), [])
})

test('capture on shipment splits the value across tenders', async () => {
  const oms = shop()
  oms.upsertChannelSync({ id: 'web', kind: 'web', currency: 'USD', locations: ['wh-east'], captureOnShipment: true })
  assert.equal(oms.getChannelSync('web').captureOnShipment, true)
  const order = oms.placeOrderSync(orderInput({ lines: [{ sku: 'TEE-M', quantity: 3, unitPrice: '10.00' }] }))
  const gift = oms.authorizePaymentSync(order.id, { kind: 'gift_card', amount: '10.00', gatewayReference: 'gc-1' })
  const card = oms.authorizePaymentSync(order.id, { kind: 'card', amount: '20.00', gatewayReference: 'ch-1' })
  const shipment = packed(oms, order)
  await oms.shipShipment(shipment.id, { carrier: 'UPS', trackingNumber: '1Z' })
  const [{ request }] = events(oms, 'capture_requested')
  assert.equal(Number(request.amount.amount), 30)
  const tenders = Object.fromEntries(request.tenders.map((t) => [t.payment_id, Number(t.amount.amount)]))
  assert.deepEqual(tenders, { [gift.id]: 10, [card.id]: 20 })
  assert.equal(Number(request.uncovered.amount), 0)
})
