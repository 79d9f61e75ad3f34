// An Express app that places and reads orders, as a storefront would: the
// order goes out as JSON exactly as the library returns it (amounts as
// decimal strings, times as ISO strings), and an OmsError becomes a 4xx
// response with { code, field, details }.

import assert from 'node:assert/strict'
import { once } from 'node:events'
import { test } from 'node:test'

import express from 'express'

import { ManualClock, Oms, OmsError } from '../index.js'

/** The HTTP status for each error category the caller can act on. */
const STATUS_BY_CATEGORY = { invalid_input: 400, not_found: 404, rejected: 422, conflict: 409 }

function storefront(shop) {
  const app = express()
  app.use(express.json())
  app.post('/orders', async (req, res) => {
    const order = await shop.placeOrder(req.body)
    res.status(201).json(order)
  })
  app.get('/orders/:id', async (req, res) => {
    res.json(await shop.getOrder(req.params.id))
  })
  // Express 5 hands a rejected handler's error to the error middleware.
  app.use((err, req, res, next) => {
    if (err instanceof OmsError) {
      const { code, field, details } = err
      res.status(STATUS_BY_CATEGORY[err.category] ?? 503).json({ code, field, details })
    } else if (err.type === 'entity.parse.failed') {
      res.status(400).json({ code: 'malformed_json', field: null, details: {} })
    } else {
      next(err)
    }
  })
  return app
}

async function listen(t, app) {
  const server = app.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.after(() => {
    server.closeAllConnections()
    server.close()
  })
  const { address, port } = server.address()
  return `http://${address}:${port}`
}

function shop() {
  const oms = Oms.inMemory({ clock: new ManualClock('2026-01-01T00:00:00Z') })
  oms.upsertLocationSync({ id: 'wh-east', kind: 'warehouse', region: 'US-NY' })
  oms.upsertChannelSync({
    id: 'web',
    kind: 'web',
    currency: 'USD',
    locations: ['wh-east'],
    taxRates: { standard: '0.08875' },
  })
  oms.upsertProductSync({ sku: 'TEE-M', name: 'T-shirt, medium' })
  oms.receiveStockSync({ sku: 'TEE-M', location: 'wh-east', quantity: 5 })
  return oms
}

const post = (base, body) =>
  fetch(`${base}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

const checkout = {
  channel: 'web',
  customerEmail: 'Ada@Example.com',
  lines: [{ sku: 'TEE-M', quantity: 2, unitPrice: '19.99', discount: '1.00' }],
  shipping: '4.95',
  idempotencyKey: 'checkout-1001',
}

const PLACED = {
  id: 'ord-0000000001',
  sequence: 1,
  channel: 'web',
  customerEmail: 'ada@example.com',
  currency: 'USD',
  pricesIncludeTax: false,
  status: 'allocated',
  fulfilmentMethod: 'ship',
  fulfilmentLocation: null,
  shipToRegion: null,
  holdReason: null,
  cancelReason: null,
  lines: [
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
      discount: '1.00',
      orderDiscountShare: '0.00',
      shippingShare: '4.95',
      taxClass: 'standard',
      taxRate: '0.08875',
      tax: '3.90',
      total: '47.83',
      allocations: [{ location: 'wh-east', quantity: 2 }],
    },
  ],
  removedLines: [],
  subtotal: '39.98',
  discountTotal: '1.00',
  shippingTotal: '4.95',
  taxTotal: '3.90',
  total: '47.83',
  taxSummary: [{ rate: '0.08875', taxable: '43.93', tax: '3.90' }],
  explanation: null,
  shippingAddress: null,
  billingAddress: null,
  shippingMethod: null,
  externalReference: null,
  metadata: {},
  completedAt: null,
  createdAt: '2026-01-01T00:00:00.000000Z',
  updatedAt: '2026-01-01T00:00:00.000000Z',
  version: 1,
}

test('POST an order and GET it back: the exact JSON, amounts as strings, times as ISO strings', async (t) => {
  const base = await listen(t, storefront(shop()))

  const placed = await post(base, checkout)
  assert.equal(placed.status, 201)
  assert.match(placed.headers.get('content-type'), /^application\/json/)
  assert.deepEqual(await placed.json(), PLACED)

  const read = await fetch(`${base}/orders/ord-0000000001`)
  assert.equal(read.status, 200)
  assert.deepEqual(await read.json(), PLACED)

  const retried = await post(base, checkout)
  assert.equal(retried.status, 201)
  assert.deepEqual(await retried.json(), PLACED, 'the same idempotency key returns the same order')
})

test('an OmsError becomes a 4xx with { code, field, details }', async (t) => {
  const oms = shop()
  const base = await listen(t, storefront(oms))
  const line = checkout.lines[0]
  const cases = [
    [{ ...checkout, idempotencyKey: undefined, lines: [{ ...line, unitPrice: 19.99 }] }, 400, { code: 'invalid_input', field: 'lines[0].unitPrice', details: {} }],
    [{ ...checkout, idempotencyKey: undefined, lines: [{ ...line, quantity: 0 }] }, 400, { code: 'invalid_quantity', field: 'lines[0].quantity', details: {} }],
    [{ ...checkout, idempotencyKey: undefined, lines: [{ ...line, unitPrice: '19.999' }] }, 400, { code: 'invalid_amount', field: 'lines[0].unitPrice', details: {} }],
    [{ ...checkout, idempotencyKey: undefined, customerEmail: 'not an address' }, 400, { code: 'invalid_input', field: 'customerEmail', details: {} }],
    [{ ...checkout, idempotencyKey: undefined, coupon: 'FREE' }, 400, { code: 'invalid_input', field: 'coupon', details: {} }],
    [[checkout], 400, { code: 'invalid_input', field: 'input', details: {} }],
    [{ ...checkout, idempotencyKey: undefined, lines: [{ ...line, sku: 'MUG' }] }, 404, { code: 'product_not_found', field: null, details: { id: 'MUG' } }],
    [{ ...checkout, idempotencyKey: undefined, lines: [{ ...line, quantity: 9 }] }, 422, { code: 'insufficient_stock', field: null, details: { sku: 'TEE-M', requested: 9, available: 5 } }],
  ]
  for (const [body, status, error] of cases) {
    const response = await post(base, body)
    const answer = await response.json()
    assert.equal(response.status, status, JSON.stringify(answer))
    assert.deepEqual(answer, error)
  }

  const missing = await fetch(`${base}/orders/ord-404`)
  assert.equal(missing.status, 404)
  assert.deepEqual(await missing.json(), { code: 'order_not_found', field: null, details: { id: 'ord-404' } })

  const badId = await fetch(`${base}/orders/${encodeURIComponent('no spaces allowed')}`)
  assert.equal(badId.status, 400)
  assert.deepEqual(await badId.json(), { code: 'invalid_identifier', field: 'orderId', details: {} })

  const malformed = await post(base, '{"channel": "web",')
  assert.equal(malformed.status, 400)
  assert.deepEqual(await malformed.json(), { code: 'malformed_json', field: null, details: {} })

  oms.close()
  const closed = await post(base, checkout)
  assert.equal(closed.status, 503)
  assert.deepEqual(await closed.json(), { code: 'store_closed', field: null, details: {} })
  assert.equal(oms.closed, true)
})
