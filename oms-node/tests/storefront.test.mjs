// The Express storefront of examples/storefront, as it runs: its TypeScript
// compiled with tsc (`strict`), `node dist/main.js` in a child process on a
// loopback port over a SQLite file, a stub carrier on loopback, and clients
// over HTTP. Concurrent checkouts never oversell, every response is JSON with
// the status the error catalogue (docs/ERRORS.md) gives its code, and an order
// placed over HTTP ends shipped with the carrier's tracking number, once, even
// when the outbox consumer reads its events again.
//
// The storefront has its own package.json; `make storefront-deps` runs
// `npm ci` there. The library is linked as node_modules/oms-kit, as a user's
// project would install it.

import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { after, before, test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'

import { ERROR_CODES, Oms, OmsError } from '../index.js'

const PACKAGE = dirname(dirname(fileURLToPath(import.meta.url)))
const STOREFRONT = join(PACKAGE, 'examples', 'storefront')
const REPOSITORY = dirname(PACKAGE)
const CLIENTS = 10
const HOT_STOCK = 40
const ADDRESS = { name: 'Ada Lovelace', lines: ['12 Analytical Row'], city: 'London', country: 'GB' }
const PARCEL = { weightGrams: 900, lengthMm: 300, widthMm: 200, heightMm: 100 }
const ERROR_KEYS = ['category', 'code', 'details', 'field', 'message']

// Compile the storefront as its `npm run build` does.
assert.ok(
  existsSync(join(STOREFRONT, 'node_modules', 'express')),
  'the storefront has no node_modules: run `make storefront-deps` (npm ci in oms-node/examples/storefront)',
)
try {
  symlinkSync(PACKAGE, join(STOREFRONT, 'node_modules', 'oms-kit'), 'dir')
} catch (error) {
  if (error.code !== 'EEXIST') throw error
}
const tsc = spawnSync(process.execPath, [join(STOREFRONT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', STOREFRONT], {
  encoding: 'utf8',
})
assert.equal(tsc.status, 0, `tsc: ${tsc.stdout}${tsc.stderr}`)
const dist = (name) => import(pathToFileURL(join(STOREFRONT, 'dist', name)).href)
const { describe: describeError } = await dist('errors.js')
const { CARRIER, StubCarrier } = await dist('stub-carrier.js')

/** The codes table of docs/ERRORS.md: code → { category, pythonClass, status }. */
function catalogue() {
  const text = readFileSync(join(REPOSITORY, 'docs', 'ERRORS.md'), 'utf8')
  const rows = text.matchAll(/^\| `(\w+)` \| .* \| `(\w+)` \| .* \| `oms\.(\w+)` \| (\d{3}) \|$/gm)
  return new Map([...rows].map(([, code, category, pythonClass, status]) => [code, { category, pythonClass, status: Number(status) }]))
}
const CATALOGUE = catalogue()

/** `node dist/main.js` over `db`, started and stopped as a deployment would. */
class Storefront {
  constructor(db, carrier) {
    this.db = db
    this.carrier = carrier
    this.cursorFile = join(dirname(db), 'carrier.cursor')
    this.log = ''
  }

  async start() {
    const args = ['dist/main.js', '--db', this.db, '--port', '0', '--carrier-url', this.carrier.url,
                  '--cursor-file', this.cursorFile]
    this.child = spawn(process.execPath, args, { cwd: STOREFRONT, stdio: ['ignore', 'pipe', 'pipe'] })
    this.child.stderr.on('data', (chunk) => {
      this.log += chunk
    })
    // A storefront that dies before it listens fails the test instead of hanging it.
    let listening = false
    const died = once(this.child, 'exit').then(([code]) => {
      if (!listening) throw new Error(`the storefront exited (${code}) before listening: ${this.log}`)
    })
    const [line] = await Promise.race([once(createInterface({ input: this.child.stdout }), 'line'), died])
    listening = true
    assert.match(line, /^listening on http:\/\/127\.0\.0\.1:\d+$/, this.log)
    this.url = line.split(' ').at(-1)
  }

  async stop() {
    const exited = once(this.child, 'exit')
    this.child.kill('SIGTERM')
    const [code] = await exited
    assert.equal(code, 0, this.log)
  }

  get(path) {
    return fetch(`${this.url}${path}`)
  }

  post(path, body, headers = {}) {
    return fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body ?? {}),
    })
  }
}

let storefront
let carrier
let folder
let db

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'oms-storefront-'))
  db = join(folder, 'shop.db')
  const shop = Oms.open(db)
  await shop.upsertLocation({ id: 'wh-east', kind: 'warehouse', region: 'US-NY' })
  await shop.upsertChannel({ id: 'web', kind: 'web', currency: 'USD', locations: ['wh-east'] })
  for (const [sku, quantity] of [['HOT', HOT_STOCK], ['TEE-M', 50], ['MUG', 50]]) {
    await shop.upsertProduct({ sku, name: sku })
    await shop.receiveStock({ sku, location: 'wh-east', quantity })
  }
  shop.close()
  carrier = new StubCarrier()
  await carrier.start()
  storefront = new Storefront(db, carrier)
  await storefront.start()
})

after(async () => {
  await storefront?.stop()
  await carrier?.stop()
  rmSync(folder, { recursive: true, force: true })
})

/** The JSON body of a response that must have `status`, failing with the body otherwise. */
async function checked(response, status) {
  const text = await response.text()
  assert.equal(response.status, status, `${response.url}: ${text}`)
  assert.match(response.headers.get('content-type'), /^application\/json/)
  return JSON.parse(text)
}

/** An error response: the status of `code` in the catalogue, and the error's stable parts. */
async function refused(response, code, field) {
  const body = await checked(response, CATALOGUE.get(code).status)
  assert.deepEqual(Object.keys(body).sort(), ERROR_KEYS)
  assert.equal(body.code, code, body.message)
  assert.equal(body.category, CATALOGUE.get(code).category)
  assert.equal(typeof body.message, 'string')
  assert.equal(typeof body.details, 'object')
  if (field !== undefined) {
    assert.equal(body.field, field)
  }
  return body
}

function orderBody(sku = 'TEE-M', quantity = 1, unitPrice = '19.99', extra = {}) {
  return { channel: 'web', customerEmail: 'ada@example.com', lines: [{ sku, quantity, unitPrice }], ...extra }
}

test('concurrent checkouts never oversell', async () => {
  const kept = []
  const cancelled = []
  const refusals = []
  async function client(number) {
    for (let attempt = 0; attempt < 10; attempt++) {
      const quantity = 1 + ((number * 7 + attempt) % 3)
      const placed = await storefront.post('/orders', orderBody('HOT', quantity), {
        'idempotency-key': `checkout-${number}-${attempt}`,
      })
      if (placed.status === 201) {
        const order = await checked(placed, 201)
        assert.equal(order.status, 'allocated')
        assert.equal(order.lines[0].allocated, quantity)
        if (attempt % 3 === 0) {
          const gone = await checked(await storefront.post(`/orders/${order.id}/cancel`, { reason: 'changed mind' }), 200)
          assert.equal(gone.status, 'cancelled')
          cancelled.push(order.id)
        } else {
          kept.push([order.id, quantity])
        }
      } else {
        const { details } = await refused(placed, 'insufficient_stock')
        assert.equal(details.sku, 'HOT')
        assert.equal(details.requested, quantity)
        assert.ok(details.available < quantity)
        refusals.push(quantity)
      }
      const [hot] = await checked(await storefront.get('/availability?channel=web&sku=HOT'), 200)
      assert.ok(hot.available >= 0 && hot.available <= HOT_STOCK)
    }
  }
  await Promise.all(Array.from({ length: CLIENTS }, (_, number) => client(number)))
  // Demand (100 orders of 1 to 3 units) is well over the 40 units: some were refused.
  assert.ok(kept.length > 0 && refusals.length > 0)
  const sold = kept.reduce((sum, [, quantity]) => sum + quantity, 0)
  const [level] = await checked(await storefront.get('/stock/HOT'), 200)
  assert.deepEqual([level.onHand, level.allocated], [HOT_STOCK, sold])
  const [hot] = await checked(await storefront.get('/availability?channel=web&sku=HOT'), 200)
  assert.equal(hot.available, HOT_STOCK - sold)
  for (const id of cancelled) {
    assert.equal((await checked(await storefront.get(`/orders/${id}`), 200)).status, 'cancelled')
  }
  const shop = Oms.open(db)
  try {
    assert.equal(await shop.unitsSold({ sku: 'HOT', channel: 'web' }), sold)
    for (const [id, quantity] of kept) {
      assert.equal((await shop.getOrder(id)).lines[0].allocated, quantity)
    }
    assert.deepEqual((await shop.audit()).violations, [])
  } finally {
    shop.close()
  }
})

async function waitFor(what, condition) {
  const deadline = Date.now() + 30_000
  while (!(await condition())) {
    assert.ok(Date.now() < deadline, `still waiting for ${what}`)
    await sleep(50)
  }
}

test('an order placed over HTTP ships with the carrier\'s tracking number, once', async () => {
  const order = await checked(
    await storefront.post('/orders', orderBody('TEE-M', 2, '19.99', {
      shipping: '4.95', shippingAddress: ADDRESS, shippingMethod: 'express',
    })),
    201,
  )
  assert.equal(order.total, '44.93')
  const payment = await checked(
    await storefront.post(`/orders/${order.id}/payments`, { kind: 'card', amount: order.total, gatewayReference: 'auth-1' }),
    201,
  )
  await checked(await storefront.post(`/payments/${payment.id}/capture`, { amount: order.total, gatewayReference: 'cap-1' }), 200)
  assert.equal((await checked(await storefront.get(`/orders/${order.id}/payments`), 200)).status, 'paid')

  const [shipment] = await checked(await storefront.post(`/orders/${order.id}/shipments`), 201)
  assert.equal((await checked(await storefront.post(`/shipments/${shipment.id}/pick`), 200)).status, 'picking')
  const packed = await checked(await storefront.post(`/shipments/${shipment.id}/pack`, { parcels: [PARCEL] }), 200)
  assert.equal(packed.status, 'packed')
  const shop = Oms.open(db)
  const onHand = (await shop.stockLevel({ sku: 'TEE-M', location: 'wh-east' })).onHand
  const over = await checked(await storefront.post(`/shipments/${shipment.id}/hand-over`, { partner: 'stub-carrier' }), 200)
  assert.equal(over.status, 'handed_over')

  // The storefront's outbox consumer books the carrier and records its answer.
  await waitFor('the shipment to ship', async () => (await (await storefront.get(`/shipments/${shipment.id}`)).json()).status === 'shipped')
  const booking = carrier.bookings.get(shipment.id)
  const shipped = await checked(await storefront.get(`/shipments/${shipment.id}`), 200)
  assert.deepEqual([shipped.carrier, shipped.trackingNumber, shipped.shippedReference],
                   [CARRIER, booking.tracking_number, booking.booking_id])
  const [request] = carrier.requests.filter((each) => each.reference === shipment.id)
  assert.equal(request.service_level, 'express')
  assert.equal(request.ship_to.city, 'London')
  assert.equal((await checked(await storefront.get(`/orders/${order.id}`), 200)).status, 'shipped')

  // The carrier's delivery webhook, sent twice as webhooks are.
  let delivered
  for (let time = 0; time < 2; time++) {
    delivered = await checked(await storefront.post(`/shipments/${shipment.id}/deliver`, { partnerReference: 'pod-1' }), 200)
    assert.equal(delivered.status, 'delivered')
  }
  assert.equal((await checked(await storefront.get(`/orders/${order.id}`), 200)).status, 'delivered')
  const refund = await checked(await storefront.post(`/payments/${payment.id}/refund`, { amount: '4.95', gatewayReference: 'ref-1' }), 200)
  assert.equal(refund.refunded, '4.95')
  await refused(await storefront.post(`/payments/${payment.id}/refund`, { amount: order.total, gatewayReference: 'ref-2' }),
                'refund_exceeds_captured')

  // A restart that lost the consumer's cursor reads every event again: the
  // carrier is asked again (and answers with the same booking), and the
  // shipment is not shipped a second time.
  const events = await shop.eventsSince(0, 1000)
  const handedOver = events.findLast((event) => event.type === 'shipment_handed_over' && event.data.shipment_id === shipment.id)
  await storefront.stop()
  unlinkSync(storefront.cursorFile)
  await storefront.start()
  await waitFor('the consumer to read the hand-over again', () =>
    existsSync(storefront.cursorFile) && Number(readFileSync(storefront.cursorFile, 'ascii')) >= handedOver.sequence)
  assert.equal(carrier.requests.filter((each) => each.reference === shipment.id).length, 2)
  assert.deepEqual(carrier.bookings.get(shipment.id), booking)
  assert.deepEqual(await checked(await storefront.get(`/shipments/${shipment.id}`), 200), delivered)
  try {
    const shippedEvents = (await shop.eventsSince(0, 1000)).filter(
      (event) => event.type === 'shipment_shipped' && event.data.shipment_id === shipment.id)
    assert.equal(shippedEvents.length, 1)
    assert.equal((await shop.stockLevel({ sku: 'TEE-M', location: 'wh-east' })).onHand, onHand - 2)
    assert.deepEqual((await shop.audit()).violations, [])
  } finally {
    shop.close()
  }
})

test('bad requests get the status and code of the catalogue', async () => {
  const post = (path, body, headers) => storefront.post(path, body, headers)
  await refused(await post('/orders', '{"channel": "web",'), 'malformed_json', null)
  await refused(await post('/orders', '[1, 2]'), 'invalid_input', null)
  await refused(await post('/orders', orderBody('TEE-M', 1, 19.99)), 'invalid_input', 'lines[0].unitPrice')
  await refused(await post('/orders', orderBody('TEE-M', 1, 'abc')), 'invalid_amount', 'lines[0].unitPrice')
  await refused(await post('/orders', orderBody('TEE-M', 1, '-1.00')), 'invalid_amount', 'lines[0].unitPrice')
  await refused(await post('/orders', orderBody('TEE-M', 1, '1.001')), 'invalid_amount', 'lines[0].unitPrice')
  await refused(await post('/orders', orderBody('TEE-M', 0)), 'invalid_quantity', 'lines[0].quantity')
  await refused(await post('/orders', orderBody('TEE-M', 'two')), 'invalid_input', 'lines[0].quantity')
  await refused(await post('/orders', { ...orderBody(), customerEmail: 'not an address' }), 'invalid_input', 'customerEmail')
  await refused(await post('/orders', { channel: 'web', customerEmail: 'ada@example.com' }), 'invalid_input', 'lines')
  await refused(await post('/orders', orderBody('TEE-M', 1, '19.99', { shippingAddress: { ...ADDRESS, country: 'ZZ' } })),
                'invalid_input', 'shippingAddress.country')
  await refused(await post('/orders', { ...orderBody(), channel: 'nowhere' }), 'channel_not_found')
  assert.deepEqual((await refused(await post('/orders', orderBody('NOPE')), 'product_not_found')).details, { id: 'NOPE' })
  const short = await refused(await post('/orders', orderBody('MUG', 999)), 'insufficient_stock')
  assert.deepEqual(short.details, { sku: 'MUG', requested: 999, available: 50 })
  await refused(await storefront.get('/availability?channel=web'), 'invalid_input', 'skus')
  await refused(await storefront.get('/orders/ord-404'), 'order_not_found')
  await refused(await post('/orders/ord-404/cancel', {}), 'order_not_found')
  await refused(await post('/shipments/shp-404/pick'), 'shipment_not_found')
  await refused(await post('/orders/ord-404/payments', { kind: 'card', amount: '1.00', gatewayReference: 'g' }), 'order_not_found')

  // An order to refuse things about.
  const first = await checked(await post('/orders', orderBody(), { 'idempotency-key': 'retry-1' }), 201)
  assert.deepEqual(await checked(await post('/orders', orderBody(), { 'idempotency-key': 'retry-1' }), 201), first)
  await refused(await post('/orders', orderBody('TEE-M', 3), { 'idempotency-key': 'retry-1' }), 'idempotency_key_reused')
  await refused(await post(`/orders/${first.id}/payments`, { kind: 'bitcoin', amount: '1.00', gatewayReference: 'g' }),
                'invalid_input', 'kind')
  const payment = await checked(
    await post(`/orders/${first.id}/payments`, { kind: 'card', amount: '5.00', gatewayReference: 'auth-9' }), 201)
  await refused(await post(`/payments/${payment.id}/capture`, { amount: '5.01', gatewayReference: 'cap-9' }),
                'capture_exceeds_authorized')
  const [shipment] = await checked(await post(`/orders/${first.id}/shipments`), 201)
  await refused(await post(`/shipments/${shipment.id}/pack`, { parcels: [PARCEL] }), 'illegal_transition')
  await refused(await post(`/shipments/${shipment.id}/pack`, { parcels: [{ weightGrams: 1 }] }),
                'invalid_input', 'parcels[0].lengthMm')
  await checked(await post(`/orders/${first.id}/cancel`, {}), 200)
  await refused(await post(`/orders/${first.id}/cancel`, {}), 'illegal_transition')
})

test('every code gets the status the catalogue gives', () => {
  assert.deepEqual([...CATALOGUE.keys()].sort(), [...ERROR_CODES].sort())
  for (const [code, entry] of CATALOGUE) {
    const error = new OmsError(`a ${code}`, { code, category: entry.category })
    const [status, body] = describeError(error)
    assert.equal(status, entry.status, code)
    assert.deepEqual(body, { code, category: entry.category, field: null, message: `a ${code}`, details: {} })
  }
})
