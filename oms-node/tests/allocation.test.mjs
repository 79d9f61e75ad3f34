// The allocation engine as a Node caller sees it: backorders, splits, split
// policies and distances, explanations, planAllocation, pickup, point of
// sale and rejectAllocation.

import assert from 'node:assert/strict'
import { test } from 'node:test'

import { Oms } from '../index.js'
import { assertClean, bothFail, buy, level } from './helpers.mjs'

/**
 * Three warehouses and two stores across the US, distances between the
 * regions, and the products TEE (plain) and PRE (backorderable).
 */
function network({ oms = Oms.inMemory() } = {}) {
  oms.upsertLocationSync({ id: 'wh-ny', kind: 'warehouse', region: 'US-NY' })
  oms.upsertLocationSync({ id: 'wh-ca', kind: 'warehouse', region: 'US-CA' })
  oms.upsertLocationSync({ id: 'wh-tx', kind: 'warehouse', region: 'US-TX' })
  oms.upsertLocationSync({ id: 'store-soho', kind: 'store', region: 'US-NY' })
  oms.upsertLocationSync({ id: 'store-mall', kind: 'store', region: 'US-NY', offersPickup: false })
  oms.setRegionDistanceSync({ fromRegion: 'US-NY', toRegion: 'US-CA', distanceKm: 4000 })
  oms.setRegionDistanceSync({ fromRegion: 'US-NY', toRegion: 'US-TX', distanceKm: 2500 })
  oms.setRegionDistanceSync({ fromRegion: 'US-CA', toRegion: 'US-TX', distanceKm: 2000 })
  oms.upsertProductSync({ sku: 'TEE', name: 'T-shirt' })
  oms.upsertProductSync({ sku: 'PRE', name: 'Pre-order vinyl', backorderable: true })
  return oms
}

function channel(oms, id, locations, options = {}) {
  return oms.upsertChannelSync({ id, kind: 'web', currency: 'USD', locations, ...options })
}

function receive(oms, sku, location, quantity) {
  oms.receiveStockSync({ sku, location, quantity })
}

test('a backorderable product is backordered beyond stock; receiving fills the oldest order first', async () => {
  const oms = network()
  channel(oms, 'web', ['wh-ny'])
  receive(oms, 'PRE', 'wh-ny', 3)

  const first = await oms.placeOrder(buy('web', 'PRE', 5))
  assert.equal(first.status, 'partially_allocated')
  assert.deepEqual([first.lines[0].allocated, first.lines[0].backordered], [3, 2])
  const second = oms.placeOrderSync(buy('web', 'PRE', 2, { customerEmail: 'bob@example.com' }))
  assert.equal(second.status, 'backordered')
  assert.deepEqual([second.lines[0].allocated, second.lines[0].backordered], [0, 2])
  assert.deepEqual(second.lines[0].allocations, [])
  const stock = level(oms, 'PRE', 'wh-ny')
  assert.deepEqual([stock.onHand, stock.allocated], [3, 3], 'never negative stock')

  await oms.receiveStock({ sku: 'PRE', location: 'wh-ny', quantity: 3 })
  const filled = await oms.getOrder(first.id)
  assert.equal(filled.status, 'allocated')
  assert.deepEqual([filled.lines[0].allocated, filled.lines[0].backordered], [5, 0])
  const waiting = oms.getOrderSync(second.id)
  assert.equal(waiting.status, 'partially_allocated')
  assert.deepEqual([waiting.lines[0].allocated, waiting.lines[0].backordered], [1, 1])
  assert.deepEqual(waiting.lines[0].allocations, [{ location: 'wh-ny', quantity: 1 }])
  assert.equal(oms.availableSync({ sku: 'PRE', channel: 'web' }), 0)
  await assertClean(oms)
})

test('a channel that allows backorders backorders any product; without it the order is refused', async () => {
  const oms = network()
  channel(oms, 'web', ['wh-ny'])
  channel(oms, 'preorders', ['wh-ny'], { allowBackorders: true })
  receive(oms, 'TEE', 'wh-ny', 1)

  await bothFail(oms, 'placeOrder', [buy('web', 'TEE', 3)], 'insufficient_stock')
  const order = await oms.placeOrder(buy('preorders', 'TEE', 3))
  assert.equal(order.status, 'partially_allocated')
  assert.deepEqual([order.lines[0].allocated, order.lines[0].backordered], [1, 2])
  const nothing = oms.placeOrderSync(buy('preorders', 'TEE', 4))
  assert.equal(nothing.status, 'backordered')
  assert.equal(nothing.lines[0].backordered, 4)
  await assertClean(oms)
})

test('a line splits across locations when no single one covers it', async () => {
  const oms = network()
  channel(oms, 'web', ['wh-ny', 'wh-ca', 'wh-tx'])
  receive(oms, 'TEE', 'wh-ny', 2)
  receive(oms, 'TEE', 'wh-ca', 3)
  receive(oms, 'TEE', 'wh-tx', 1)

  const order = await oms.placeOrder(buy('web', 'TEE', 6, { explain: true }))
  assert.equal(order.status, 'allocated')
  const units = Object.fromEntries(order.lines[0].allocations.map((a) => [a.location, a.quantity]))
  assert.deepEqual(units, { 'wh-ny': 2, 'wh-ca': 3, 'wh-tx': 1 })
  assert.equal(order.explanation.shipments, 3)
  assert.equal(order.explanation.unfilled, 0)
  for (const location of ['wh-ny', 'wh-ca', 'wh-tx']) {
    assert.equal(level(oms, 'TEE', location).available, 0, location)
  }
  await assertClean(oms)
})

test('shipToRegion ranks warehouses by distance; splitPolicy chooses nearest or fewest shipments', async () => {
  const oms = network()
  channel(oms, 'fewest', ['wh-ca', 'wh-ny'])
  channel(oms, 'nearest', ['wh-ca', 'wh-ny'], { splitPolicy: 'nearest' })
  receive(oms, 'TEE', 'wh-ny', 2)
  receive(oms, 'TEE', 'wh-ca', 5)

  // One unit: both cover it, so the nearer wins under either policy.
  for (const [region, nearest] of [
    ['US-NY', 'wh-ny'],
    ['US-CA', 'wh-ca'],
  ]) {
    const plan = await oms.planAllocation(buy('fewest', 'TEE', 1, { shipToRegion: region }))
    assert.deepEqual(plan.lines[0].allocations, [{ location: nearest, quantity: 1 }], region)
  }

  // Four units to New York: the nearest warehouse has only two.
  const fewest = await oms.planAllocation(buy('fewest', 'TEE', 4, { shipToRegion: 'US-NY' }))
  assert.equal(fewest.explanation.splitPolicy, 'fewest_shipments')
  assert.deepEqual(fewest.lines[0].allocations, [{ location: 'wh-ca', quantity: 4 }])
  assert.equal(fewest.explanation.shipments, 1)
  const nearest = oms.planAllocationSync(buy('nearest', 'TEE', 4, { shipToRegion: 'US-NY' }))
  assert.equal(nearest.explanation.splitPolicy, 'nearest')
  assert.deepEqual(nearest.lines[0].allocations, [
    { location: 'wh-ny', quantity: 2 },
    { location: 'wh-ca', quantity: 2 },
  ])
  assert.equal(nearest.explanation.shipments, 2)
  const distances = Object.fromEntries(nearest.explanation.candidates.map((c) => [c.location, c.distanceKm]))
  assert.deepEqual(distances, { 'wh-ny': 0, 'wh-ca': 4000 })

  const placed = await oms.placeOrder(buy('nearest', 'TEE', 4, { shipToRegion: 'US-NY' }))
  assert.equal(placed.shipToRegion, 'US-NY')
  assert.equal(placed.fulfilmentMethod, 'ship')
  assert.deepEqual(placed.lines[0].allocations, nearest.lines[0].allocations, 'the order follows the plan')

  await bothFail(oms, 'setRegionDistance', [{ fromRegion: 'US-NY', toRegion: 'US-CA', distanceKm: -1 }], 'invalid_input', 'distanceKm')
  await bothFail(oms, 'setRegionDistance', [{ fromRegion: 'US-NY', toRegion: 'US-CA', distanceKm: 1.5 }], 'invalid_input', 'distanceKm')
  await bothFail(oms, 'setRegionDistance', [{ fromRegion: 'US-NY', toRegion: 'US-CA', distanceKm: '10' }], 'invalid_input', 'distanceKm')
  await bothFail(oms, 'setRegionDistance', [{ fromRegion: '', toRegion: 'US-CA', distanceKm: 10 }], 'invalid_input', 'fromRegion')
  await bothFail(oms, 'setRegionDistance', [{ fromRegion: 'US-NY', distanceKm: 10 }], 'invalid_input', 'toRegion')
  await bothFail(oms, 'setRegionDistance', [{ fromRegion: 'US-NY', toRegion: 'US-CA', km: 10 }], 'invalid_input', 'km')
  assert.equal(await oms.setRegionDistance({ fromRegion: 'US-NY', toRegion: 'US-TX', distanceKm: 2400 }), undefined)
  assert.equal(oms.setRegionDistanceSync({ fromRegion: 'US-TX', toRegion: 'US-NY', distanceKm: 2400 }), undefined)
  await assertClean(oms)
})

/** A channel over one location per reason a candidate can be passed over. */
function explainedShop() {
  const oms = network()
  oms.upsertLocationSync({ id: 'wh-empty', kind: 'warehouse', region: 'US-NY' })
  oms.upsertLocationSync({ id: 'wh-thin', kind: 'warehouse', region: 'US-NY' })
  oms.upsertLocationSync({ id: 'wh-busy', kind: 'warehouse', region: 'US-NY', dailyCapacity: 0 })
  channel(oms, 'web', ['wh-ny', 'wh-empty', 'wh-thin', 'wh-busy', 'store-soho', 'wh-ca'], {
    safetyStock: 2,
    maxDistanceKm: 3000,
  })
  receive(oms, 'TEE', 'wh-ny', 10)
  receive(oms, 'TEE', 'wh-thin', 2)
  receive(oms, 'TEE', 'wh-busy', 10)
  receive(oms, 'TEE', 'store-soho', 10)
  receive(oms, 'TEE', 'wh-ca', 10)
  return oms
}

const EXPECTED_REASONS = {
  'wh-ny': null,
  'wh-empty': 'no_stock',
  'wh-thin': 'below_safety_stock',
  'wh-busy': 'over_capacity',
  'store-soho': 'not_capable',
  'wh-ca': 'too_far',
}

function checkExplanation(explanation) {
  assert.equal(explanation.splitPolicy, 'fewest_shipments')
  assert.equal(explanation.shipments, 1)
  assert.equal(explanation.unfilled, 0)
  const reasons = Object.fromEntries(explanation.candidates.map((c) => [c.location, c.passedOver]))
  assert.deepEqual(reasons, EXPECTED_REASONS)
  const chosen = explanation.candidates.find((c) => c.location === 'wh-ny')
  assert.equal(chosen.strategy, 'ship_from_warehouse')
  assert.equal(chosen.units, 3)
  assert.equal(chosen.distanceKm, 0)
  assert.equal(chosen.priority, 100)
  assert.ok(chosen.score.length > 0 && chosen.score.every(Number.isInteger))
  const far = explanation.candidates.find((c) => c.location === 'wh-ca')
  assert.deepEqual([far.distanceKm, far.units, far.score], [4000, 0, []])
}

test('placeOrder({ explain: true }) says why each candidate was used or passed over', async () => {
  const oms = explainedShop()
  const order = await oms.placeOrder(buy('web', 'TEE', 3, { shipToRegion: 'US-NY', explain: true }))
  assert.deepEqual(order.lines[0].allocations, [{ location: 'wh-ny', quantity: 3 }])
  checkExplanation(order.explanation)
  assert.deepEqual(oms.getOrderSync(order.id).explanation, order.explanation, 'the explanation is stored with the order')
  assert.equal(oms.placeOrderSync(buy('web', 'TEE', 1, { shipToRegion: 'US-NY' })).explanation, null)
  assert.equal(oms.placeOrderSync(buy('web', 'TEE', 1, { explain: false })).explanation, null)
  await bothFail(oms, 'placeOrder', [buy('web', 'TEE', 1, { explain: 'yes' })], 'invalid_input', 'explain')
  await bothFail(oms, 'placeOrder', [buy('web', 'TEE', 1, { shipToRegion: 5 })], 'invalid_input', 'shipToRegion')
  await assertClean(oms)
})

test('planAllocation explains the same plan and writes nothing', async () => {
  const oms = explainedShop()
  const events = oms.eventsSinceSync().length
  const stock = oms.stockLevelsSync()
  const plan = await oms.planAllocation(buy('web', 'TEE', 3, { shipToRegion: 'US-NY' }))
  assert.deepEqual(Object.keys(plan).sort(), ['explanation', 'fulfilmentLocation', 'fulfilmentMethod', 'lines'])
  assert.equal(plan.fulfilmentMethod, 'ship')
  assert.equal(plan.fulfilmentLocation, null)
  assert.deepEqual(plan.lines, [{ allocations: [{ location: 'wh-ny', quantity: 3 }], unfilled: 0 }])
  checkExplanation(plan.explanation)
  assert.deepEqual(oms.planAllocationSync(buy('web', 'TEE', 3, { shipToRegion: 'US-NY' })), plan)

  // 8 units above safety stock at wh-ny; the rest is passed over.
  const short = oms.planAllocationSync(buy('web', 'TEE', 50, { shipToRegion: 'US-NY' }))
  assert.deepEqual(short.lines[0], { allocations: [{ location: 'wh-ny', quantity: 8 }], unfilled: 42 })
  assert.equal(short.explanation.unfilled, 42, 'a plan reports what is left instead of refusing')

  assert.equal(oms.eventsSinceSync().length, events, 'no events')
  assert.deepEqual(oms.stockLevelsSync(), stock, 'no stock moved')
  assert.equal((await oms.listOrders()).orders.length, 0, 'no order')

  await bothFail(oms, 'planAllocation', [buy('web', 'TEE', 1, { explain: true })], 'invalid_input', 'explain')
  await bothFail(oms, 'planAllocation', [buy('web', 'TEE', 1, { reservationId: 'cart-1' })], 'invalid_input', 'reservationId')
  await bothFail(oms, 'planAllocation', [buy('web', 'TEE', 1, { idempotencyKey: 'k' })], 'invalid_input', 'idempotencyKey')
  await bothFail(oms, 'planAllocation', [buy('web', 'TEE', 0)], 'invalid_quantity', 'lines[0].quantity')
  await bothFail(oms, 'planAllocation', [buy('web', 'TEE', 1, { lines: [{ sku: 'TEE', quantity: 1, unitPrice: 10 }] })], 'invalid_input', 'lines[0].unitPrice')
  await bothFail(oms, 'planAllocation', [buy('nope', 'TEE', 1)], 'channel_not_found')
  await bothFail(oms, 'planAllocation', [buy('web', 'NOPE', 1)], 'product_not_found')
  await bothFail(oms, 'planAllocation', [buy('web', 'TEE', 1, { pickupLocation: 'store-mall' })], 'location_not_permitted')
  await bothFail(oms, 'planAllocation', [], 'invalid_input')
  await assertClean(oms)
})

test('pickup in store: the order is collected at the store and allocated there', async () => {
  const oms = network()
  channel(oms, 'web', ['wh-ny', 'store-soho', 'store-mall'])
  receive(oms, 'TEE', 'wh-ny', 10)
  receive(oms, 'TEE', 'store-soho', 2)
  receive(oms, 'TEE', 'store-mall', 5)

  const order = await oms.placeOrder(buy('web', 'TEE', 2, { pickupLocation: 'store-soho' }))
  assert.equal(order.fulfilmentMethod, 'pickup')
  assert.equal(order.fulfilmentLocation, 'store-soho')
  assert.equal(order.status, 'allocated')
  assert.deepEqual(order.lines[0].allocations, [{ location: 'store-soho', quantity: 2 }])
  const plan = oms.planAllocationSync(buy('web', 'TEE', 1, { pickupLocation: 'store-soho' }))
  assert.deepEqual([plan.fulfilmentMethod, plan.fulfilmentLocation], ['pickup', 'store-soho'])

  await bothFail(oms, 'placeOrder', [buy('web', 'TEE', 1, { pickupLocation: 'store-soho' })], 'insufficient_stock', undefined)
  await bothFail(oms, 'placeOrder', [buy('web', 'TEE', 1, { pickupLocation: 'store-mall' })], 'pickup_not_offered')
  await bothFail(oms, 'placeOrder', [buy('web', 'TEE', 1, { pickupLocation: 'wh-ca' })], 'location_not_permitted')
  await bothFail(oms, 'placeOrder', [buy('web', 'TEE', 1, { pickupLocation: 'nowhere' })], 'location_not_found')
  await bothFail(oms, 'placeOrder', [buy('web', 'TEE', 1, { pickupLocation: '' })], 'invalid_identifier', 'pickupLocation')
  await bothFail(oms, 'placeOrder', [buy('web', 'TEE', 1, { pickupLocation: ['store-soho'] })], 'invalid_input', 'pickupLocation')
  assert.equal(level(oms, 'TEE', 'wh-ny').allocated, 0, 'a pickup order does not draw on the warehouse by default')
  await assertClean(oms)
})

test("pickupFallback 'ship_to_store' allocates from a warehouse when the store lacks stock", async () => {
  const oms = network()
  channel(oms, 'web', ['wh-ny', 'store-soho'], { pickupFallback: 'ship_to_store' })
  receive(oms, 'TEE', 'wh-ny', 10)
  receive(oms, 'TEE', 'store-soho', 1)

  const order = await oms.placeOrder(buy('web', 'TEE', 3, { pickupLocation: 'store-soho', explain: true }))
  assert.equal(order.fulfilmentMethod, 'pickup')
  assert.equal(order.fulfilmentLocation, 'store-soho')
  assert.deepEqual(order.lines[0].allocations, [
    { location: 'store-soho', quantity: 1 },
    { location: 'wh-ny', quantity: 2 },
  ])
  const strategies = new Set(order.explanation.candidates.map((c) => c.strategy))
  assert.deepEqual([...strategies].sort(), ['pickup_in_store', 'ship_from_warehouse'])

  const fromWarehouse = oms.placeOrderSync(buy('web', 'TEE', 2, { pickupLocation: 'store-soho' }))
  assert.deepEqual(fromWarehouse.lines[0].allocations, [{ location: 'wh-ny', quantity: 2 }])
  assert.equal(level(oms, 'TEE', 'wh-ny').allocated, 4)
  await assertClean(oms)
})

test('a point-of-sale order is completed at once and on hand drops in the same call', async () => {
  const oms = network()
  oms.upsertChannelSync({ id: 'pos-soho', kind: 'point_of_sale', currency: 'USD', locations: ['store-soho'] })
  receive(oms, 'TEE', 'store-soho', 5)

  const sale = await oms.placeOrder(buy('pos-soho', 'TEE', 2))
  assert.equal(sale.status, 'completed')
  assert.equal(sale.fulfilmentMethod, 'point_of_sale')
  assert.equal(sale.fulfilmentLocation, 'store-soho')
  const [line] = sale.lines
  assert.equal(line.shipped, line.quantity)
  assert.deepEqual([line.allocated, line.backordered], [0, 0])
  const stock = level(oms, 'TEE', 'store-soho')
  assert.deepEqual([stock.onHand, stock.allocated, stock.available], [3, 0, 3])
  const last = oms.movementsSync({ sku: 'TEE', location: 'store-soho' }).at(-1)
  assert.deepEqual([last.reason, last.onHandDelta, last.reference], ['point_of_sale_sale', -2, sale.id])

  const sync = oms.placeOrderSync(buy('pos-soho', 'TEE', 1, { pickupLocation: 'store-soho' }))
  assert.equal(sync.status, 'completed')
  await bothFail(oms, 'placeOrder', [buy('pos-soho', 'TEE', 9)], 'insufficient_stock')
  await bothFail(oms, 'placeOrder', [buy('pos-soho', 'TEE', 1, { pickupLocation: 'wh-ny' })], 'location_not_permitted')
  await bothFail(oms, 'placeOrder', [buy('pos-soho', 'TEE', 1, { reservationId: 'cart-1' })], 'invalid_input', 'reservationId')
  assert.equal(level(oms, 'TEE', 'store-soho').onHand, 2)
  await assertClean(oms)
})

test('rejectAllocation writes the units off and re-routes the line, or backorders it', async () => {
  const oms = network()
  channel(oms, 'web', ['wh-ny', 'wh-ca'])
  receive(oms, 'TEE', 'wh-ny', 3)
  receive(oms, 'TEE', 'wh-ca', 4)
  const order = oms.placeOrderSync(buy('web', 'TEE', 3, { shipToRegion: 'US-NY' }))
  assert.deepEqual(order.lines[0].allocations, [{ location: 'wh-ny', quantity: 3 }])

  const rerouted = await oms.rejectAllocation(order.id, { lineNumber: 1, location: 'wh-ny' })
  assert.equal(rerouted.status, 'allocated')
  assert.deepEqual(rerouted.lines[0].allocations, [{ location: 'wh-ca', quantity: 3 }])
  const written = level(oms, 'TEE', 'wh-ny')
  assert.deepEqual([written.onHand, written.allocated], [0, 0], 'the units are written off where they were not found')
  assert.deepEqual(
    oms.movementsSync({ sku: 'TEE', location: 'wh-ny' }).slice(-2).map((m) => [m.reason, m.onHandDelta, m.allocatedDelta]),
    [
      ['release', 0, -3],
      ['adjustment', -3, 0],
    ],
  )
  assert.equal(level(oms, 'TEE', 'wh-ca').allocated, 3)

  const backordered = oms.rejectAllocationSync(order.id, { lineNumber: 1, location: 'wh-ca', idempotencyKey: 'reject-2' })
  assert.equal(backordered.status, 'backordered')
  assert.deepEqual([backordered.lines[0].allocated, backordered.lines[0].backordered], [0, 3])
  assert.deepEqual(oms.rejectAllocationSync(order.id, { lineNumber: 1, location: 'wh-ca', idempotencyKey: 'reject-2' }), backordered)
  assert.equal(level(oms, 'TEE', 'wh-ca').onHand, 1)

  await bothFail(oms, 'rejectAllocation', [order.id, { lineNumber: 1, location: 'wh-ca' }], 'stock_level_not_found')
  await bothFail(oms, 'rejectAllocation', [order.id, { lineNumber: 9, location: 'wh-ca' }], 'order_line_not_found')
  await bothFail(oms, 'rejectAllocation', ['ord-0000000099', { lineNumber: 1, location: 'wh-ca' }], 'order_not_found')
  await bothFail(oms, 'rejectAllocation', [order.id, { lineNumber: -1, location: 'wh-ca' }], 'invalid_input', 'lineNumber')
  await bothFail(oms, 'rejectAllocation', [order.id, { lineNumber: '1', location: 'wh-ca' }], 'invalid_input', 'lineNumber')
  await bothFail(oms, 'rejectAllocation', [order.id, { lineNumber: 1 }], 'invalid_input', 'location')
  await bothFail(oms, 'rejectAllocation', [order.id, { lineNumber: 1, location: '' }], 'invalid_identifier', 'location')
  await bothFail(oms, 'rejectAllocation', [order.id], 'invalid_input', 'options')
  await bothFail(oms, 'rejectAllocation', [order.id, { lineNumber: 1, location: 'wh-ca', quantity: 1 }], 'invalid_input', 'quantity')
  await assertClean(oms)
})
