// Shipments (issue 9): createShipments, startPicking, packShipment,
// shipShipment, confirmDelivery, cancelShipment, getShipment and
// listShipments, in both forms, with bad input.

import assert from 'node:assert/strict'
import { test } from 'node:test'

import { bothFail, orderInput, shop } from './helpers.mjs'

const parcel = (overrides = {}) => ({ weightGrams: 1200, lengthMm: 300, widthMm: 200, heightMm: 100, ...overrides })

test('a shipment is picked, packed, shipped and delivered', async () => {
  const oms = shop()
  const order = await oms.placeOrder(orderInput())
  const shipments = await oms.createShipments(order.id)
  assert.equal(shipments.length, 1)
  const shipment = shipments[0]
  assert.equal(shipment.status, 'pending')
  assert.equal(shipment.location, 'wh-east')
  assert.equal(shipment.carrier, null)
  assert.deepEqual(shipment.lines, [{ lineNumber: 1, sku: 'TEE-M', quantity: 2 }])
  assert.deepEqual(oms.createShipmentsSync(order.id), [])
  assert.equal((await oms.startPicking(shipment.id)).status, 'picking')
  const packed = oms.packShipmentSync(shipment.id, { parcels: [parcel()] })
  assert.deepEqual(packed.parcels, [parcel()])
  const onHand = oms.stockLevelSync({ sku: 'TEE-M', location: 'wh-east' }).onHand
  const shipped = await oms.shipShipment(shipment.id, { carrier: 'UPS', trackingNumber: ' 1Z999 ' })
  assert.equal(shipped.status, 'shipped')
  assert.equal(shipped.trackingNumber, '1Z999')
  assert.equal(oms.stockLevelSync({ sku: 'TEE-M', location: 'wh-east' }).onHand, onHand - 2)
  assert.equal(oms.getOrderSync(order.id).status, 'shipped')
  const delivered = await oms.confirmDelivery(shipment.id)
  assert.equal(delivered.status, 'delivered')
  const after = oms.getOrderSync(order.id)
  assert.equal(after.status, 'delivered')
  assert.equal(after.lines[0].delivered, 2)
  assert.deepEqual(await oms.getShipment(shipment.id), delivered)
  assert.deepEqual(oms.listShipmentsSync(order.id), [delivered])
  assert.deepEqual(oms.auditSync().violations, [])
})

test('bad parcels, hand-offs and steps are refused and change nothing', async () => {
  const oms = shop()
  const order = oms.placeOrderSync(orderInput())
  const [shipment] = oms.createShipmentsSync(order.id)
  await bothFail(oms, 'confirmDelivery', [shipment.id], 'illegal_transition')
  await bothFail(oms, 'startPicking', ['shp-404'], 'shipment_not_found')
  await bothFail(oms, 'createShipments', ['ord-404'], 'order_not_found')
  await bothFail(oms, 'getShipment', [''], 'invalid_identifier', 'shipmentId')
  oms.startPickingSync(shipment.id)
  const cases = [
    [[], 'invalid_input', 'parcels'],
    [[parcel({ weightGrams: 0 })], 'invalid_input', 'parcels[0].weightGrams'],
    [[parcel(), parcel({ heightMm: 10001 })], 'limit_exceeded', 'parcels[1].heightMm'],
    [[parcel({ lengthMm: 1.5 })], 'invalid_input', 'parcels[0].lengthMm'],
    [[parcel({ widthMm: '20' })], 'invalid_input', 'parcels[0].widthMm'],
    [[parcel({ weightGrams: 2 ** 60 })], 'invalid_input', 'parcels[0].weightGrams'],
    [[{ weightGrams: 1 }], 'invalid_input', 'parcels[0].lengthMm'],
    ['box', 'invalid_input', 'parcels'],
  ]
  for (const [parcels, code, field] of cases) {
    await bothFail(oms, 'packShipment', [shipment.id, { parcels }], code, field)
  }
  assert.equal(oms.getShipmentSync(shipment.id).status, 'picking')
  oms.packShipmentSync(shipment.id, { parcels: [parcel()] })
  await bothFail(oms, 'shipShipment', [shipment.id, { carrier: '  ', trackingNumber: '1Z' }], 'invalid_input', 'carrier')
  await bothFail(oms, 'shipShipment', [shipment.id, { carrier: 'UPS' }], 'invalid_input', 'trackingNumber')
  assert.equal(oms.getShipmentSync(shipment.id).status, 'packed')
  const cancelled = oms.placeOrderSync(orderInput({ lines: [{ sku: 'TEE-M', quantity: 1, unitPrice: '1.00' }] }))
  const [second] = oms.createShipmentsSync(cancelled.id)
  assert.equal(oms.cancelShipmentSync(second.id).status, 'cancelled')
  assert.equal(oms.createShipmentsSync(cancelled.id)[0].lines[0].quantity, 1)
})

test('pickList aggregates the open shipments of a location by SKU', async () => {
  const oms = shop({ stock: 10 })
  const [first] = oms.createShipmentsSync(oms.placeOrderSync(orderInput()).id)
  const [second] = oms.createShipmentsSync(
    oms.placeOrderSync(orderInput({ lines: [{ sku: 'TEE-M', quantity: 3, unitPrice: '1.00' }] })).id,
  )
  const picks = await oms.pickList('wh-east')
  assert.deepEqual(picks, {
    location: 'wh-east',
    lines: [{ sku: 'TEE-M', quantity: 5, shipments: [first.id, second.id] }],
    shipments: [first.id, second.id],
  })
  await bothFail(oms, 'pickList', ['nowhere'], 'location_not_found')
  await bothFail(oms, 'pickList', [''], 'invalid_identifier', 'location')
})

test('a channel that requires payment ships only paid orders', async () => {
  const oms = shop()
  const web = oms.getChannelSync('web')
  assert.equal(web.requirePaymentBeforeShipping, false)
  oms.upsertChannelSync({ id: 'web', kind: 'web', currency: 'USD', locations: web.locations, requirePaymentBeforeShipping: true })
  const order = oms.placeOrderSync(orderInput())
  const [shipment] = oms.createShipmentsSync(order.id)
  oms.startPickingSync(shipment.id)
  oms.packShipmentSync(shipment.id, { parcels: [parcel()] })
  await bothFail(oms, 'shipShipment', [shipment.id, { carrier: 'UPS', trackingNumber: '1Z' }], 'payment_required', 'shipmentId')
  const card = await oms.authorizePayment(order.id, { kind: 'card', amount: order.total, gatewayReference: 'auth_1' })
  await oms.capturePayment(card.id, { amount: order.total, gatewayReference: 'cap_1' })
  assert.equal((await oms.shipShipment(shipment.id, { carrier: 'UPS', trackingNumber: '1Z' })).status, 'shipped')
})
