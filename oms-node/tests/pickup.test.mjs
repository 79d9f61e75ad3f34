// Pickup at the store, partial shipments and line rejections (issue 9):
// readyForPickup, confirmPickup, expirePickups (by a ManualClock),
// createShipment and rejectShipmentLine, in both forms, with bad input.

import assert from 'node:assert/strict'
import { test } from 'node:test'

import { ManualClock, Oms } from '../index.js'
import { assertClean, bothFail, level, orderInput, shop } from './helpers.mjs'

const START = '2026-11-26T09:00:00.000000Z'
const parcel = { weightGrams: 100, lengthMm: 10, widthMm: 10, heightMm: 10 }

/** The helper shop on a manual clock, with a pickup store stocked and a channel `collect` whose pickups wait 48 hours. */
function store() {
  const clock = new ManualClock(START)
  const oms = shop({ oms: Oms.inMemory({ clock }) })
  oms.upsertLocationSync({ id: 'store-soho', kind: 'store', region: 'US-NY' })
  oms.upsertLocationSync({ id: 'wh-west', kind: 'warehouse', region: 'US-NY' })
  oms.receiveStockSync({ sku: 'TEE-M', location: 'wh-west', quantity: 10 })
  oms.upsertProductSync({ sku: 'MUG', name: 'Mug' })
  oms.receiveStockSync({ sku: 'MUG', location: 'store-soho', quantity: 10 })
  oms.receiveStockSync({ sku: 'TEE-M', location: 'store-soho', quantity: 10 })
  oms.upsertChannelSync({
    id: 'collect',
    kind: 'pickup',
    currency: 'USD',
    locations: ['store-soho', 'wh-east'],
    pickupWindowHours: 48,
  })
  return { oms, clock }
}

const pickup = (oms, lines) =>
  oms.placeOrderSync({ channel: 'collect', customerEmail: 'ada@example.com', lines, pickupLocation: 'store-soho' })

const mugs = (quantity) => ({ sku: 'MUG', quantity, unitPrice: '8.00' })

function readied(oms, order) {
  const [shipment] = oms.createShipmentsSync(order.id)
  oms.startPickingSync(shipment.id)
  return oms.readyForPickupSync(shipment.id)
}

async function assertSound(oms) {
  await assertClean(oms)
  assert.deepEqual((await oms.verifyReplay()).mismatches, [])
}

test('a pickup is made ready and collected', async () => {
  const { oms, clock } = store()
  const order = pickup(oms, [mugs(2)])
  assert.equal(order.fulfilmentMethod, 'pickup')
  const [shipment] = await oms.createShipments(order.id)
  await bothFail(oms, 'readyForPickup', [shipment.id], 'illegal_transition')
  await oms.startPicking(shipment.id)
  await bothFail(oms, 'confirmPickup', [shipment.id], 'illegal_transition')
  const waiting = await oms.readyForPickup(shipment.id, { idempotencyKey: 'ready-1' })
  assert.equal(waiting.status, 'ready_for_pickup')
  assert.equal(waiting.pickupExpiresAt, '2026-11-28T09:00:00.000000Z')
  assert.deepEqual(oms.readyForPickupSync(shipment.id, { idempotencyKey: 'ready-1' }), waiting)
  const ready = oms.getOrderSync(order.id)
  assert.equal(ready.status, 'ready_for_pickup')
  assert.equal(ready.lines[0].readyForPickup, 2)
  clock.advance(47 * 3600)
  assert.deepEqual(await oms.expirePickups(), [])
  const collected = oms.confirmPickupSync(shipment.id)
  assert.equal(collected.status, 'picked_up')
  const mug = level(oms, 'MUG', 'store-soho')
  assert.deepEqual([mug.onHand, mug.allocated], [8, 0])
  const last = oms.movementsSync({ sku: 'MUG', location: 'store-soho' }).at(-1)
  assert.deepEqual([last.reason, last.onHandDelta, last.reference], ['pickup', -2, order.id])
  const done = await oms.getOrder(order.id)
  assert.deepEqual([done.status, done.lines[0].shipped, done.lines[0].delivered], ['picked_up', 2, 2])
  const types = oms.eventsSinceSync(0).map((event) => event.type)
  assert.ok(types.includes('shipment_ready_for_pickup') && types.includes('shipment_picked_up'))
  await assertSound(oms)
})

test('an uncollected pickup expires by the clock, in both forms', async () => {
  const { oms, clock } = store()
  const first = readied(oms, pickup(oms, [mugs(2)]))
  clock.advance(3600)
  const second = readied(oms, pickup(oms, [mugs(1), { sku: 'TEE-M', quantity: 1, unitPrice: '10.00' }]))
  assert.deepEqual(oms.expirePickupsSync(), [])
  clock.advance(47 * 3600)
  const expired = oms.expirePickupsSync()
  assert.deepEqual(
    expired.map((s) => [s.id, s.status]),
    [[first.id, 'pickup_expired']],
  )
  const cancelled = oms.getOrderSync(first.orderId)
  assert.deepEqual([cancelled.status, cancelled.cancelReason], ['cancelled', 'pickup_expired'])
  clock.advance(3600)
  assert.deepEqual(
    (await oms.expirePickups()).map((s) => s.id),
    [second.id],
  )
  assert.deepEqual(await oms.expirePickups(), [], 'nothing left due')
  const mug = level(oms, 'MUG', 'store-soho')
  assert.deepEqual([mug.onHand, mug.allocated], [10, 0])
  await bothFail(oms, 'confirmPickup', [second.id], 'illegal_transition')
  await assertSound(oms)
})

test('pickup steps on a delivery shipment, unknown shipments and bad windows are refused', async () => {
  const { oms } = store()
  const order = oms.placeOrderSync(orderInput())
  const [shipment] = oms.createShipmentsSync(order.id)
  oms.startPickingSync(shipment.id)
  await bothFail(oms, 'readyForPickup', [shipment.id], 'illegal_transition')
  assert.throws(
    () => oms.readyForPickupSync(shipment.id),
    (err) => err.details.from === 'picking shipment of a ship order' && err.category === 'rejected',
  )
  await bothFail(oms, 'confirmPickup', [shipment.id], 'illegal_transition')
  await bothFail(oms, 'confirmPickup', ['shp-404'], 'shipment_not_found')
  await bothFail(oms, 'readyForPickup', [''], 'invalid_identifier', 'shipmentId')
  const channel = { id: 'walk-in', kind: 'pickup', currency: 'USD', locations: ['store-soho'] }
  for (const [hours, code] of [
    [0, 'invalid_input'],
    [-1, 'invalid_input'],
    [2161, 'limit_exceeded'],
    [2 ** 40, 'limit_exceeded'],
    [1.5, 'invalid_input'],
    ['72', 'invalid_input'],
  ]) {
    await bothFail(oms, 'upsertChannel', [{ ...channel, pickupWindowHours: hours }], code, 'pickupWindowHours')
  }
  assert.equal(oms.upsertChannelSync(channel).pickupWindowHours, 72)
  assert.equal(oms.getShipmentSync(shipment.id).status, 'picking')
})

test('part of a line ships now and the rest later; more than allocated is refused', async () => {
  const oms = shop()
  const order = oms.placeOrderSync(orderInput({ lines: [{ sku: 'TEE-M', quantity: 5, unitPrice: '19.99' }] }))
  const first = await oms.createShipment(order.id, { location: 'wh-east', lines: [{ lineNumber: 1, quantity: 2 }] })
  assert.deepEqual(first.lines, [{ lineNumber: 1, sku: 'TEE-M', quantity: 2 }])
  const cases = [
    [[{ lineNumber: 1, quantity: 4 }], 'invalid_quantity', 'lines[0].quantity'],
    [[{ lineNumber: 1, quantity: 0 }], 'invalid_quantity', 'lines[0].quantity'],
    [[], 'invalid_input', 'lines'],
    [[{ lineNumber: 9, quantity: 1 }], 'order_line_not_found', null],
    [[{ lineNumber: 1, quantity: 1 }, { lineNumber: 1, quantity: 1 }], 'invalid_input', 'lines[1].lineNumber'],
    [[{ lineNumber: 1 }], 'invalid_input', 'lines[0].quantity'],
    ['lines', 'invalid_input', 'lines'],
  ]
  for (const [lines, code, field] of cases) {
    await bothFail(oms, 'createShipment', [order.id, { location: 'wh-east', lines }], code, field)
  }
  await bothFail(oms, 'createShipment', [order.id, { location: 'nowhere', lines: [{ lineNumber: 1, quantity: 1 }] }], 'location_not_found')
  oms.startPickingSync(first.id)
  oms.packShipmentSync(first.id, { parcels: [parcel] })
  oms.shipShipmentSync(first.id, { carrier: 'UPS', trackingNumber: '1Z' })
  assert.equal(oms.getOrderSync(order.id).status, 'partially_shipped')
  const [rest] = oms.createShipmentsSync(order.id)
  assert.equal(rest.lines[0].quantity, 3)
  await assertSound(oms)
})

test('a location rejects units: written off or quarantined, re-allocated or cancelled', async () => {
  const { oms } = store()
  const order = oms.placeOrderSync(orderInput({ lines: [{ sku: 'TEE-M', quantity: 4, unitPrice: '19.99' }] }))
  const [shipment] = oms.createShipmentsSync(order.id)
  oms.startPickingSync(shipment.id)
  // `web` draws from wh-east alone: nowhere else to go, and a T-shirt may not wait.
  const rejected = await oms.rejectShipmentLine(shipment.id, { lineNumber: 1, quantity: 1, reason: 'not_found' })
  assert.deepEqual(
    [rejected.reason, rejected.quantity, rejected.reallocated, rejected.backordered, rejected.cancelled],
    ['not_found', 1, [], 0, 1],
  )
  assert.equal(rejected.shipment.lines[0].quantity, 3)
  assert.deepEqual(rejected.order, oms.getOrderSync(order.id))
  assert.equal(rejected.order.lines[0].cancelled, 1)
  const east = level(oms, 'TEE-M', 'wh-east')
  assert.deepEqual([east.onHand, east.allocated], [9, 3])
  assert.equal(oms.movementsSync({ sku: 'TEE-M', location: 'wh-east' }).at(-1).reason, 'not_found')
  oms.upsertChannelSync({ id: 'web', kind: 'web', currency: 'USD', locations: ['wh-east', 'wh-west'] })
  const moved = oms.rejectShipmentLineSync(shipment.id, { lineNumber: 1, quantity: 3, reason: 'damaged' })
  assert.deepEqual(moved.reallocated, [{ location: 'wh-west', quantity: 3 }])
  assert.equal(moved.shipment.status, 'cancelled')
  const damaged = level(oms, 'TEE-M', 'wh-east')
  assert.deepEqual([damaged.onHand, damaged.quarantined, damaged.allocated], [6, 3, 0])
  await assertSound(oms)
})

test('a bad rejection names what is wrong and changes nothing', async () => {
  const oms = shop()
  const order = oms.placeOrderSync(orderInput({ lines: [{ sku: 'TEE-M', quantity: 3, unitPrice: '19.99' }] }))
  const [shipment] = oms.createShipmentsSync(order.id)
  const cases = [
    [{ lineNumber: 1, quantity: 4, reason: 'not_found' }, 'invalid_quantity', 'quantity'],
    [{ lineNumber: 1, quantity: 0, reason: 'not_found' }, 'invalid_quantity', 'quantity'],
    [{ lineNumber: 7, quantity: 1, reason: 'not_found' }, 'order_line_not_found', null],
    [{ lineNumber: 1, quantity: 1, reason: 'lost' }, 'invalid_input', 'reason'],
    [{ lineNumber: 1, quantity: 1 }, 'invalid_input', 'reason'],
    [{ lineNumber: 1, quantity: 1, reason: 1 }, 'invalid_input', 'reason'],
  ]
  for (const [options, code, field] of cases) {
    await bothFail(oms, 'rejectShipmentLine', [shipment.id, options], code, field ?? undefined)
  }
  assert.deepEqual(oms.getShipmentSync(shipment.id), shipment)
  oms.startPickingSync(shipment.id)
  oms.packShipmentSync(shipment.id, { parcels: [parcel] })
  oms.shipShipmentSync(shipment.id, { carrier: 'UPS', trackingNumber: '1Z' })
  await bothFail(
    oms,
    'rejectShipmentLine',
    [shipment.id, { lineNumber: 1, quantity: 1, reason: 'damaged' }],
    'illegal_transition',
  )
  await assertClean(oms)
})
