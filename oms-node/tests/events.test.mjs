// eventsSince, audit, and the exported constants.

import assert from 'node:assert/strict'
import { test } from 'node:test'

import * as omsNode from '../index.js'
import { ERROR_CODES, ORDER_TRANSITIONS, Oms, OmsError, TRANSFER_TRANSITIONS } from '../index.js'
import { bothFail, orderInput, shop } from './helpers.mjs'

test('eventsSince reads the outbox by cursor', async () => {
  const oms = shop({ stock: 5 })
  const setup = await oms.eventsSince()
  assert.deepEqual(setup.map((e) => e.type), ['location_upserted', 'channel_upserted', 'product_upserted', 'stock_received'])
  assert.deepEqual(setup.map((e) => e.sequence), [1, 2, 3, 4])
  assert.deepEqual(setup[3].data, { sku: 'TEE-M', location: 'wh-east', quantity: 5, on_hand: 5 })
  assert.ok(!Number.isNaN(Date.parse(setup[0].occurredAt)))

  const order = oms.placeOrderSync(orderInput())
  const cursor = setup.at(-1).sequence
  const placed = oms.eventsSinceSync(cursor)
  assert.deepEqual(placed.map((e) => e.type), ['order_placed', 'stock_allocated', 'order_status_changed'])
  const { order: asPlaced, ...header } = placed[0].data
  assert.deepEqual(header, {
    order_id: order.id,
    channel: 'web',
    customer_email: 'ada@example.com',
    total: { amount: '39.98', currency: 'USD' },
    line_count: 1,
  })
  // The order as placed, before stock moved: what a replay starts from.
  assert.equal(asPlaced.id, order.id)
  assert.equal(asPlaced.status, 'placed')
  assert.deepEqual(asPlaced.lines[0].allocations, [])
  assert.deepEqual(asPlaced.lines[0].quantities, { ordered: 2, cancelled: 0, allocated: 0, backordered: 0, shipped: 0, returned: 0, delivered: 0, ready_for_pickup: 0 })
  assert.deepEqual(placed[2].data, { order_id: order.id, from: 'placed', to: 'allocated' })

  assert.deepEqual(oms.eventsSinceSync(0, 2).map((e) => e.sequence), [1, 2])
  assert.deepEqual((await oms.eventsSince(2, 1)).map((e) => e.sequence), [3])
  assert.deepEqual(await oms.eventsSince(1000), [])
  assert.deepEqual(oms.eventsSinceSync(undefined, 1).map((e) => e.sequence), [1])
  assert.deepEqual(oms.eventsSinceSync(null, null).length, 7)
})

test('eventsSince bad input', async () => {
  const oms = shop()
  await bothFail(oms, 'eventsSince', [-1], 'invalid_input', 'cursor')
  await bothFail(oms, 'eventsSince', ['0'], 'invalid_input', 'cursor')
  await bothFail(oms, 'eventsSince', [1.5], 'invalid_input', 'cursor')
  await bothFail(oms, 'eventsSince', [0, 0], 'invalid_input', 'limit')
  await bothFail(oms, 'eventsSince', [0, 1001], 'limit_exceeded', 'limit')
  await bothFail(oms, 'eventsSince', [0, '10'], 'invalid_input', 'limit')
})

test('audit reports a clean store', async () => {
  const oms = shop({ stock: 5 })
  const order = oms.placeOrderSync(orderInput())
  oms.cancelLinesSync(order.id, { lines: [{ lineNumber: 1, quantity: 1 }] })
  const report = await oms.audit()
  assert.deepEqual(report, { ordersChecked: 1, stockLevelsChecked: 1, violations: [] })
  assert.deepEqual(oms.auditSync(), report)
})

test('ORDER_TRANSITIONS is the status graph as [from, to] pairs', () => {
  assert.ok(Array.isArray(ORDER_TRANSITIONS))
  assert.ok(ORDER_TRANSITIONS.length > 0)
  for (const edge of ORDER_TRANSITIONS) {
    assert.equal(edge.length, 2)
    assert.ok(edge.every((status) => typeof status === 'string'))
  }
  const has = (from, to) => ORDER_TRANSITIONS.some(([f, t]) => f === from && t === to)
  assert.ok(has('placed', 'allocated'))
  assert.ok(has('allocated', 'on_hold'))
  assert.ok(has('on_hold', 'allocated'))
  assert.ok(!ORDER_TRANSITIONS.some(([from]) => from === 'cancelled'), 'nothing leaves cancelled')
  assert.ok(Object.isFrozen(ORDER_TRANSITIONS))
})

test('TRANSFER_TRANSITIONS is the transfer graph as [from, to] pairs', () => {
  assert.deepEqual(
    TRANSFER_TRANSITIONS.map((edge) => [...edge]),
    [
      ['requested', 'shipped'],
      ['requested', 'cancelled'],
      ['shipped', 'received'],
    ],
  )
  assert.ok(Object.isFrozen(TRANSFER_TRANSITIONS))
  assert.ok(TRANSFER_TRANSITIONS.every((edge) => Object.isFrozen(edge)))
})

test('ERROR_CODES lists every code, and errors only use listed codes', () => {
  assert.ok(Object.isFrozen(ERROR_CODES))
  for (const code of [
    'invalid_input',
    'invalid_quantity',
    'invalid_amount',
    'invalid_identifier',
    'unknown_currency',
    'currency_mismatch',
    'limit_exceeded',
    'product_not_found',
    'location_not_found',
    'channel_not_found',
    'order_not_found',
    'insufficient_stock',
    'illegal_transition',
    'idempotency_key_reused',
    'internal_error',
    'pickup_not_offered',
    'location_not_permitted',
    'reservation_not_found',
    'transfer_not_found',
    'storage_outcome_unknown',
    'clock_unusable',
    'store_closed',
  ]) {
    assert.ok(ERROR_CODES.includes(code), code)
  }
  assert.equal(new Set(ERROR_CODES).size, ERROR_CODES.length)
  try {
    Oms.inMemory().getOrderSync('ord-1')
  } catch (err) {
    assert.ok(ERROR_CODES.includes(err.code))
  }
})

test('the package exports exactly Oms, OmsError, ManualClock, OPERATIONS, the transition graphs, ERROR_CODES and EVENT_TYPES', () => {
  assert.deepEqual(Object.keys(omsNode).filter((k) => k !== 'default').sort(), [
    'ERROR_CODES',
    'EVENT_TYPES',
    'ManualClock',
    'OPERATIONS',
    'ORDER_TRANSITIONS',
    'Oms',
    'OmsError',
    'PAYMENT_TRANSITIONS',
    'SHIPMENT_TRANSITIONS',
    'TRANSFER_TRANSITIONS',
  ])
  const err = new OmsError('boom', { code: 'rejected', category: 'rejected' })
  assert.ok(err instanceof Error)
  assert.equal(err.field, null)
  assert.equal(err.name, 'OmsError')
})
