// placeOrder, getOrder, listOrders, cancelOrder, cancelLines, holdOrder,
// releaseHold and orderStatusCounts.

import assert from 'node:assert/strict'
import { test } from 'node:test'

import { bothFail, oms as omsError, orderInput, shop } from './helpers.mjs'

test('placeOrder prices, allocates and returns a plain record', async () => {
  const oms = shop({ stock: 5 })
  const order = await oms.placeOrder(orderInput())
  assert.equal(order.id, 'ord-0000000001')
  assert.equal(order.sequence, 1)
  assert.equal(order.channel, 'web')
  assert.equal(order.customerEmail, 'ada@example.com')
  assert.equal(order.currency, 'USD')
  assert.equal(order.pricesIncludeTax, false)
  assert.equal(order.status, 'allocated')
  assert.equal(order.holdReason, null)
  assert.equal(order.cancelReason, null)
  assert.equal(order.fulfilmentMethod, 'ship')
  assert.equal(order.fulfilmentLocation, null)
  assert.equal(order.shipToRegion, null)
  assert.equal(order.explanation, null, 'no explanation unless asked')
  assert.equal(order.subtotal, '39.98')
  assert.equal(order.discountTotal, '0.00')
  assert.equal(order.shippingTotal, '0.00')
  assert.equal(order.taxTotal, '0.00')
  assert.equal(order.total, '39.98')
  assert.equal(order.version, 1)
  assert.equal(order.createdAt, order.updatedAt)
  assert.equal(order.lines.length, 1)
  const [line] = order.lines
  assert.deepEqual(
    { ...line, allocations: undefined },
    {
      lineNumber: 1,
      sku: 'TEE-M',
      unitPrice: '19.99',
      quantity: 2,
      cancelled: 0,
      allocated: 2,
      backordered: 0,
      shipped: 0,
      returned: 0,
      delivered: 0,
      readyForPickup: 0,
      discount: '0.00',
      orderDiscountShare: '0.00',
      shippingShare: '0.00',
      taxClass: 'standard',
      taxRate: '0',
      tax: '0.00',
      total: '39.98',
      allocations: undefined,
    },
  )
  assert.deepEqual(line.allocations, [{ location: 'wh-east', quantity: 2 }])
  assert.equal(await oms.available({ sku: 'TEE-M', channel: 'web' }), 3)

  const sync = oms.placeOrderSync(orderInput({ customerEmail: 'Bob@Example.com' }))
  assert.equal(sync.id, 'ord-0000000002')
  assert.equal(sync.customerEmail, 'bob@example.com')
})

test('placeOrder with tax, discounts, shipping and the channel currency', async () => {
  const oms = shop({ stock: 10 })
  oms.upsertChannelSync({
    id: 'web',
    kind: 'web',
    currency: 'USD',
    locations: ['wh-east'],
    taxRates: { standard: '0.2' },
  })
  const order = await oms.placeOrder(
    orderInput({
      currency: 'USD',
      lines: [{ sku: 'TEE-M', quantity: 3, unitPrice: '10.00', discount: '1.00' }],
      orderDiscount: '2.00',
      shipping: '4.99',
    }),
  )
  assert.equal(order.subtotal, '30.00')
  assert.equal(order.discountTotal, '3.00')
  assert.equal(order.shippingTotal, '4.99')
  assert.equal(order.lines[0].discount, '1.00')
  assert.equal(order.lines[0].taxRate, '0.2')
  assert.equal(order.taxSummary.length, 1)
  assert.equal(order.taxSummary[0].rate, '0.2')
  assert.equal(typeof order.taxSummary[0].taxable, 'string')
  assert.equal(order.taxTotal, order.taxSummary[0].tax)
  const cents = (s) => Math.round(Number(s) * 100)
  assert.equal(cents(order.total), cents(order.subtotal) - cents(order.discountTotal) + cents(order.shippingTotal) + cents(order.taxTotal))
})

test('placeOrder bad input (DOMAIN.md section 8)', async () => {
  const oms = shop({ stock: 5 })
  const line = { sku: 'TEE-M', quantity: 1, unitPrice: '19.99' }
  const withLine = (changes) => [orderInput({ lines: [{ ...line, ...changes }] })]

  await bothFail(oms, 'placeOrder', withLine({ quantity: 0 }), 'invalid_quantity', 'lines[0].quantity')
  await bothFail(oms, 'placeOrder', withLine({ quantity: -1 }), 'invalid_quantity', 'lines[0].quantity')
  await bothFail(oms, 'placeOrder', withLine({ quantity: 1.5 }), 'invalid_quantity', 'lines[0].quantity')
  await bothFail(oms, 'placeOrder', withLine({ quantity: '1' }), 'invalid_input', 'lines[0].quantity')
  await bothFail(oms, 'placeOrder', withLine({ sku: 'NOPE' }), 'product_not_found')
  await bothFail(oms, 'placeOrder', withLine({ sku: '' }), 'invalid_identifier', 'lines[0].sku')
  await bothFail(oms, 'placeOrder', withLine({ unitPrice: '19.999' }), 'invalid_amount', 'lines[0].unitPrice')
  await bothFail(oms, 'placeOrder', withLine({ unitPrice: 19.99 }), 'invalid_input', 'lines[0].unitPrice')
  await bothFail(oms, 'placeOrder', withLine({ unitPrice: 'NaN' }), 'invalid_amount', 'lines[0].unitPrice')
  await bothFail(oms, 'placeOrder', withLine({ unitPrice: 'Infinity' }), 'invalid_amount', 'lines[0].unitPrice')
  await bothFail(oms, 'placeOrder', withLine({ unitPrice: '-1.00' }), 'invalid_amount', 'lines[0].unitPrice')
  await bothFail(oms, 'placeOrder', withLine({ unitPrice: '1e3' }), 'invalid_amount', 'lines[0].unitPrice')
  await bothFail(oms, 'placeOrder', withLine({ unitPrice: '' }), 'invalid_amount', 'lines[0].unitPrice')
  await bothFail(oms, 'placeOrder', withLine({ unitPrice: '99999999999999999999999999999999' }), 'invalid_amount', 'lines[0].unitPrice')
  await bothFail(oms, 'placeOrder', withLine({ unitPrice: undefined }), 'invalid_input', 'lines[0].unitPrice')
  await bothFail(oms, 'placeOrder', withLine({ unit_price: '1.00' }), 'invalid_input', 'lines[0].unit_price')
  await bothFail(oms, 'placeOrder', withLine({ discount: 1 }), 'invalid_input', 'lines[0].discount')
  await bothFail(oms, 'placeOrder', withLine({ discount: '0.001' }), 'invalid_amount', 'lines[0].discount')

  await bothFail(oms, 'placeOrder', [orderInput({ channel: 'nope' })], 'channel_not_found')
  await bothFail(oms, 'placeOrder', [orderInput({ currency: 'EUR' })], 'currency_mismatch', 'currency')
  await bothFail(oms, 'placeOrder', [orderInput({ currency: 'EURO' })], 'unknown_currency', 'currency')
  await bothFail(oms, 'placeOrder', [orderInput({ customerEmail: 'not-an-email' })], 'invalid_input', 'customerEmail')
  await bothFail(oms, 'placeOrder', [orderInput({ customerEmail: `${'a'.repeat(300)}@x.io` })], 'limit_exceeded', 'customerEmail')
  await bothFail(oms, 'placeOrder', [orderInput({ customerEmail: '' })], 'invalid_input', 'customerEmail')
  await bothFail(oms, 'placeOrder', [orderInput({ shipping: 4.99 })], 'invalid_input', 'shipping')
  await bothFail(oms, 'placeOrder', [orderInput({ orderDiscount: '0.005' })], 'invalid_amount', 'orderDiscount')
  await bothFail(oms, 'placeOrder', [orderInput({ lines: [] })], 'invalid_input', 'lines')
  await bothFail(oms, 'placeOrder', [orderInput({ lines: line })], 'invalid_input', 'lines')
  await bothFail(oms, 'placeOrder', [orderInput({ lines: 'TEE-M' })], 'invalid_input', 'lines')
  await bothFail(oms, 'placeOrder', [orderInput({ lines: [null] })], 'invalid_input', 'lines[0]')
  await bothFail(oms, 'placeOrder', [orderInput({ lines: [line, 'TEE-M'] })], 'invalid_input', 'lines[1]')
  await bothFail(oms, 'placeOrder', [orderInput({ lines: Array(251).fill(line) })], 'limit_exceeded', 'lines')
  await bothFail(oms, 'placeOrder', [orderInput({ lines: Array(100000).fill(line) })], 'limit_exceeded', 'lines')
  await bothFail(oms, 'placeOrder', [orderInput({ idempotencyKey: 'has space' })], 'invalid_identifier', 'idempotencyKey')
  await bothFail(oms, 'placeOrder', [orderInput({ channel: undefined })], 'invalid_input', 'channel')
  await bothFail(oms, 'placeOrder', [undefined], 'invalid_input', 'input')
  await bothFail(oms, 'placeOrder', [JSON.stringify(orderInput())], 'invalid_input', 'input')

  // Nothing was written by any of the refused calls.
  assert.deepEqual((await oms.listOrders()).orders, [])
  assert.equal(oms.availableSync({ sku: 'TEE-M', channel: 'web' }), 5)
})

test('insufficient_stock leaves nothing written', async () => {
  const oms = shop({ stock: 3 })
  oms.upsertProductSync({ sku: 'MUG', name: 'Mug' })
  oms.receiveStockSync({ sku: 'MUG', location: 'wh-east', quantity: 10 })
  const eventsBefore = oms.eventsSinceSync(0, 1000).length
  const greedy = orderInput({
    lines: [
      { sku: 'MUG', quantity: 2, unitPrice: '5.00' },
      { sku: 'TEE-M', quantity: 4, unitPrice: '19.99' },
    ],
  })
  await bothFail(oms, 'placeOrder', [greedy], 'insufficient_stock')
  assert.equal(oms.availableSync({ sku: 'MUG', channel: 'web' }), 10, 'the first line was not allocated')
  assert.equal(oms.availableSync({ sku: 'TEE-M', channel: 'web' }), 3)
  assert.equal(oms.eventsSinceSync(0, 1000).length, eventsBefore)
  assert.deepEqual(oms.listOrdersSync().orders, [])
  assert.deepEqual(oms.auditSync().violations, [])
})

test('idempotency: same key and payload returns the same order; another payload is refused', async () => {
  const oms = shop({ stock: 5 })
  const input = orderInput({ idempotencyKey: 'checkout-1001' })
  const first = await oms.placeOrder(input)
  const again = await oms.placeOrder(input)
  const syncAgain = oms.placeOrderSync(input)
  assert.equal(again.id, first.id)
  assert.equal(syncAgain.id, first.id)
  assert.equal(oms.availableSync({ sku: 'TEE-M', channel: 'web' }), 3, 'allocated exactly once')
  await bothFail(oms, 'placeOrder', [{ ...input, customerEmail: 'eve@example.com' }], 'idempotency_key_reused')
  await bothFail(
    oms,
    'placeOrder',
    [{ ...input, lines: [{ sku: 'TEE-M', quantity: 1, unitPrice: '19.99' }] }],
    'idempotency_key_reused',
  )
  assert.equal(oms.listOrdersSync().orders.length, 1)
})

test('getOrder returns what placeOrder returned', async () => {
  const oms = shop()
  const placed = oms.placeOrderSync(orderInput())
  assert.deepEqual(await oms.getOrder(placed.id), placed)
  assert.deepEqual(oms.getOrderSync(placed.id), placed)
  await bothFail(oms, 'getOrder', ['ord-9999999999'], 'order_not_found')
  await bothFail(oms, 'getOrder', [''], 'invalid_identifier', 'orderId')
  await bothFail(oms, 'getOrder', [1], 'invalid_input', 'orderId')
  await bothFail(oms, 'getOrder', [], 'invalid_input', 'orderId')
  await bothFail(oms, 'getOrder', [{ id: placed.id }], 'invalid_input', 'orderId')
})

test('listOrders filters and pages with nextCursor', async () => {
  const oms = shop({ stock: 100 })
  const ids = []
  for (let i = 0; i < 5; i++) {
    ids.push(oms.placeOrderSync(orderInput({ customerEmail: i % 2 ? 'bob@example.com' : 'ada@example.com' })).id)
  }
  oms.cancelOrderSync(ids[4])

  const first = await oms.listOrders({ limit: 2 })
  assert.deepEqual(first.orders.map((o) => o.id), ids.slice(0, 2))
  assert.equal(typeof first.nextCursor, 'string')
  const second = oms.listOrdersSync({ limit: 2, after: first.nextCursor })
  assert.deepEqual(second.orders.map((o) => o.id), ids.slice(2, 4))
  const last = await oms.listOrders({ limit: 2, after: second.nextCursor })
  assert.deepEqual(last.orders.map((o) => o.id), ids.slice(4))
  assert.equal(last.nextCursor, null)

  assert.deepEqual((await oms.listOrders()).orders.map((o) => o.id), ids)
  assert.deepEqual(oms.listOrdersSync({ customerEmail: 'BOB@example.com' }).orders.map((o) => o.id), [ids[1], ids[3]])
  assert.deepEqual(oms.listOrdersSync({ status: 'cancelled' }).orders.map((o) => o.id), [ids[4]])
  assert.equal(oms.listOrdersSync({ channel: 'web', status: 'allocated' }).orders.length, 4)
  assert.deepEqual(oms.listOrdersSync({ channel: 'other' }).orders, [])

  await bothFail(oms, 'listOrders', [{ status: 'lost' }], 'invalid_input', 'status')
  await bothFail(oms, 'listOrders', [{ after: 'not-a-cursor' }], 'invalid_input', 'after')
  await bothFail(oms, 'listOrders', [{ after: 2 }], 'invalid_input', 'after')
  await bothFail(oms, 'listOrders', [{ limit: 0 }], 'invalid_input', 'limit')
  await bothFail(oms, 'listOrders', [{ limit: 5000 }], 'limit_exceeded', 'limit')
  await bothFail(oms, 'listOrders', [{ customerEmail: 'nobody' }], 'invalid_input', 'customerEmail')
  await bothFail(oms, 'listOrders', [{ channel: '' }], 'invalid_identifier', 'channel')
  await bothFail(oms, 'listOrders', [{ page: 2 }], 'invalid_input', 'page')
})

test('cancelOrder releases stock; cancelling twice is an illegal transition', async () => {
  const oms = shop({ stock: 5 })
  const order = oms.placeOrderSync(orderInput())
  const cancelled = await oms.cancelOrder(order.id, { reason: 'customer asked', idempotencyKey: 'cancel-1' })
  assert.equal(cancelled.status, 'cancelled')
  assert.equal(cancelled.cancelReason, 'customer asked')
  assert.equal(cancelled.lines[0].cancelled, 2)
  assert.equal(cancelled.lines[0].allocated, 0)
  assert.equal(oms.availableSync({ sku: 'TEE-M', channel: 'web' }), 5)
  assert.equal(oms.cancelOrderSync(order.id, { reason: 'customer asked', idempotencyKey: 'cancel-1' }).id, order.id)
  await bothFail(oms, 'cancelOrder', [order.id], 'illegal_transition')

  const second = oms.placeOrderSync(orderInput())
  assert.equal(oms.cancelOrderSync(second.id).status, 'cancelled')
  await bothFail(oms, 'cancelOrder', ['ord-0000000099'], 'order_not_found')
  await bothFail(oms, 'cancelOrder', [second.id, { reason: '' }], 'invalid_input', 'reason')
  await bothFail(oms, 'cancelOrder', [second.id, { reason: 7 }], 'invalid_input', 'reason')
  await bothFail(oms, 'cancelOrder', [second.id, { why: 'x' }], 'invalid_input', 'why')
  await bothFail(oms, 'cancelOrder', [second.id, 'reason'], 'invalid_input', 'options')
})

test('cancelLines cancels part of a line and releases its stock', async () => {
  const oms = shop({ stock: 10 })
  oms.upsertProductSync({ sku: 'MUG', name: 'Mug' })
  oms.receiveStockSync({ sku: 'MUG', location: 'wh-east', quantity: 10 })
  const order = oms.placeOrderSync(
    orderInput({
      lines: [
        { sku: 'TEE-M', quantity: 3, unitPrice: '19.99' },
        { sku: 'MUG', quantity: 2, unitPrice: '5.00' },
      ],
    }),
  )
  const partly = await oms.cancelLines(order.id, { lines: [{ lineNumber: 1, quantity: 2 }] })
  assert.equal(partly.lines[0].cancelled, 2)
  assert.equal(partly.lines[0].allocated, 1)
  assert.equal(partly.status, 'allocated')
  assert.equal(oms.availableSync({ sku: 'TEE-M', channel: 'web' }), 9)

  const rest = oms.cancelLinesSync(order.id, {
    lines: [
      { lineNumber: 1, quantity: 1 },
      { lineNumber: 2, quantity: 2 },
    ],
    idempotencyKey: 'cancel-rest',
  })
  assert.equal(rest.status, 'cancelled')
  assert.equal(oms.availableSync({ sku: 'MUG', channel: 'web' }), 10)

  const open = oms.placeOrderSync(orderInput())
  await bothFail(oms, 'cancelLines', [order.id, { lines: [{ lineNumber: 1, quantity: 1 }] }], 'illegal_transition')
  await bothFail(oms, 'cancelLines', [open.id, { lines: [{ lineNumber: 9, quantity: 1 }] }], 'order_line_not_found')
  await bothFail(oms, 'cancelLines', [open.id, { lines: [{ lineNumber: 1, quantity: 3 }] }], 'invalid_quantity', 'lines[0].quantity')
  await bothFail(oms, 'cancelLines', [open.id, { lines: [{ lineNumber: 1, quantity: 0 }] }], 'invalid_quantity', 'lines[0].quantity')
  await bothFail(oms, 'cancelLines', [open.id, { lines: [{ lineNumber: -1, quantity: 1 }] }], 'invalid_input', 'lines[0].lineNumber')
  await bothFail(oms, 'cancelLines', [open.id, { lines: [{ lineNumber: '1', quantity: 1 }] }], 'invalid_input', 'lines[0].lineNumber')
  await bothFail(oms, 'cancelLines', [open.id, { lines: [{ lineNumber: 2 ** 40, quantity: 1 }] }], 'invalid_input', 'lines[0].lineNumber')
  await bothFail(
    oms,
    'cancelLines',
    [open.id, { lines: [{ lineNumber: 1, quantity: 1 }, { lineNumber: 1, quantity: 1 }] }],
    'invalid_input',
    'lines[1].lineNumber',
  )
  await bothFail(oms, 'cancelLines', [open.id, { lines: [] }], 'invalid_input', 'lines')
  await bothFail(oms, 'cancelLines', [open.id, { lines: { lineNumber: 1, quantity: 1 } }], 'invalid_input', 'lines')
  await bothFail(oms, 'cancelLines', [open.id, {}], 'invalid_input', 'lines')
  await bothFail(oms, 'cancelLines', [open.id], 'invalid_input', 'options')
  await bothFail(oms, 'cancelLines', ['ord-0000000099', { lines: [{ lineNumber: 1, quantity: 1 }] }], 'order_not_found')
  assert.equal(oms.getOrderSync(open.id).lines[0].allocated, 2, 'refused calls changed nothing')
})

test('holdOrder and releaseHold; releasing an order that is not held is illegal', async () => {
  const oms = shop({ stock: 5 })
  const order = oms.placeOrderSync(orderInput())
  await bothFail(oms, 'releaseHold', [order.id], 'illegal_transition')

  const held = await oms.holdOrder(order.id, { reason: 'fraud review', idempotencyKey: 'hold-1' })
  assert.equal(held.status, 'on_hold')
  assert.equal(held.holdReason, 'fraud review')
  assert.equal(oms.availableSync({ sku: 'TEE-M', channel: 'web' }), 3, 'a held order keeps its stock')
  assert.equal(oms.holdOrderSync(order.id, { reason: 'fraud review', idempotencyKey: 'hold-1' }).version, held.version)
  await bothFail(oms, 'holdOrder', [order.id, { reason: 'again' }], 'illegal_transition')

  const released = await oms.releaseHold(order.id, { idempotencyKey: 'release-1' })
  assert.equal(released.status, 'allocated')
  assert.equal(released.holdReason, null)
  assert.equal(oms.holdOrderSync(order.id, { reason: 'second look' }).status, 'on_hold')
  assert.equal(oms.releaseHoldSync(order.id).status, 'allocated')

  await bothFail(oms, 'holdOrder', [order.id, {}], 'invalid_input', 'reason')
  await bothFail(oms, 'holdOrder', [order.id, { reason: '' }], 'invalid_input', 'reason')
  await bothFail(oms, 'holdOrder', [order.id, { reason: 'x'.repeat(201) }], 'limit_exceeded', 'reason')
  await bothFail(oms, 'holdOrder', [order.id], 'invalid_input', 'options')
  await bothFail(oms, 'holdOrder', ['ord-0000000099', { reason: 'x' }], 'order_not_found')
  await bothFail(oms, 'releaseHold', ['ord-0000000099'], 'order_not_found')
  await bothFail(oms, 'releaseHold', [order.id, { idempotencyKey: '' }], 'invalid_identifier', 'idempotencyKey')
})

test('orderStatusCounts counts orders per status', async () => {
  const oms = shop({ stock: 10 })
  assert.deepEqual(await oms.orderStatusCounts(), {})
  const a = oms.placeOrderSync(orderInput())
  oms.placeOrderSync(orderInput())
  const c = oms.placeOrderSync(orderInput())
  oms.cancelOrderSync(a.id)
  oms.holdOrderSync(c.id, { reason: 'check' })
  assert.deepEqual(await oms.orderStatusCounts(), { allocated: 1, cancelled: 1, on_hold: 1 })
  assert.deepEqual(oms.orderStatusCountsSync(), { allocated: 1, cancelled: 1, on_hold: 1 })
})

test('async methods return promises that reject with OmsError, never throw', async () => {
  const oms = shop()
  const promise = oms.placeOrder(orderInput({ lines: 'nope' }))
  assert.ok(promise instanceof Promise)
  await assert.rejects(promise, omsError('invalid_input', 'lines'))
  await assert.rejects(oms.getOrder('ord-0000000042'), (err) => {
    assert.match(err.stack, /orders\.test\.mjs/, 'the stack points at the caller')
    return err.code === 'order_not_found' && err.category === 'not_found' && err.field === null
  })
})
