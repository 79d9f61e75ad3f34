// Stock beyond receipts: countStock, quarantineStock / releaseQuarantine,
// transfers, bulk availability and what a channel may promise.

import assert from 'node:assert/strict'
import { test } from 'node:test'

import { Oms } from '../index.js'
import { assertClean, bothFail, buy, level, shop } from './helpers.mjs'

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/

test('countStock sets on hand and records the variance as a count movement', async () => {
  const oms = shop({ stock: 10 })
  const down = await oms.countStock({ sku: 'TEE-M', location: 'wh-east', counted: 7 })
  assert.equal(down.onHand, 7)
  const up = oms.countStockSync({ sku: 'TEE-M', location: 'wh-east', counted: 12, idempotencyKey: 'count-2' })
  assert.equal(up.onHand, 12)
  assert.deepEqual(oms.countStockSync({ sku: 'TEE-M', location: 'wh-east', counted: 12, idempotencyKey: 'count-2' }), up)
  const ledger = oms.movementsSync({ sku: 'TEE-M', location: 'wh-east' })
  assert.deepEqual(
    ledger.map((m) => [m.reason, m.onHandDelta, m.reference]),
    [
      ['receipt', 10, null],
      ['count', -3, null],
      ['count', 5, null],
    ],
  )
  assert.equal(oms.countStockSync({ sku: 'TEE-M', location: 'wh-east', counted: 0 }).onHand, 0, 'zero is a valid count')
  await assertClean(oms)
})

test('countStock bad input', async () => {
  const oms = shop({ stock: 10 })
  oms.placeOrderSync(buy('web', 'TEE-M', 4))
  const ok = { sku: 'TEE-M', location: 'wh-east', counted: 5 }
  await bothFail(oms, 'countStock', [{ ...ok, counted: -1 }], 'invalid_quantity', 'counted')
  await bothFail(oms, 'countStock', [{ ...ok, counted: 2.5 }], 'invalid_quantity', 'counted')
  await bothFail(oms, 'countStock', [{ ...ok, counted: '5' }], 'invalid_input', 'counted')
  await bothFail(oms, 'countStock', [{ ...ok, counted: undefined }], 'invalid_input', 'counted')
  await bothFail(oms, 'countStock', [{ ...ok, counted: 3 }], 'rejected')
  await bothFail(oms, 'countStock', [{ ...ok, location: 'nowhere' }], 'location_not_found')
  await bothFail(oms, 'countStock', [{ ...ok, sku: 'NOPE' }], 'product_not_found')
  await bothFail(oms, 'countStock', [{ ...ok, quantity: 5 }], 'invalid_input', 'quantity')
  assert.equal(level(oms, 'TEE-M', 'wh-east').onHand, 10, 'nothing was written')
  await assertClean(oms)
})

test('quarantineStock takes units out of sale; releaseQuarantine returns them', async () => {
  const oms = shop({ stock: 10 })
  const quarantined = await oms.quarantineStock({ sku: 'TEE-M', location: 'wh-east', quantity: 3 })
  assert.deepEqual([quarantined.onHand, quarantined.quarantined, quarantined.available], [7, 3, 7])
  assert.equal(oms.availableSync({ sku: 'TEE-M', channel: 'web' }), 7)
  const released = oms.releaseQuarantineSync({ sku: 'TEE-M', location: 'wh-east', quantity: 2 })
  assert.deepEqual([released.onHand, released.quarantined], [9, 1])
  assert.equal((await oms.releaseQuarantine({ sku: 'TEE-M', location: 'wh-east', quantity: 1 })).quarantined, 0)
  const ledger = oms.movementsSync({ sku: 'TEE-M', location: 'wh-east', after: 1 })
  assert.deepEqual(
    ledger.map((m) => [m.reason, m.onHandDelta, m.quarantinedDelta]),
    [
      ['quarantine', -3, 3],
      ['quarantine_release', 2, -2],
      ['quarantine_release', 1, -1],
    ],
  )

  oms.placeOrderSync(buy('web', 'TEE-M', 8))
  const ok = { sku: 'TEE-M', location: 'wh-east', quantity: 1 }
  await bothFail(oms, 'quarantineStock', [{ ...ok, quantity: 3 }], 'insufficient_stock')
  await bothFail(oms, 'releaseQuarantine', [ok], 'insufficient_stock')
  await bothFail(oms, 'quarantineStock', [{ ...ok, quantity: 0 }], 'invalid_quantity', 'quantity')
  await bothFail(oms, 'quarantineStock', [{ ...ok, quantity: 1.5 }], 'invalid_quantity', 'quantity')
  await bothFail(oms, 'releaseQuarantine', [{ ...ok, quantity: -1 }], 'invalid_quantity', 'quantity')
  await bothFail(oms, 'quarantineStock', [{ ...ok, location: 'nowhere' }], 'location_not_found')
  await bothFail(oms, 'releaseQuarantine', [{ ...ok, sku: 'NOPE' }], 'product_not_found')
  await bothFail(oms, 'quarantineStock', [{ ...ok, reason: 'damaged' }], 'invalid_input', 'reason')
  await assertClean(oms)
})

/** The shop plus a store to move stock to. */
function twoSites() {
  const oms = shop({ stock: 10 })
  oms.upsertLocationSync({ id: 'store-soho', kind: 'store', region: 'US-NY' })
  return oms
}

test('a transfer goes requested → shipped → received, moving the buckets', async () => {
  const oms = twoSites()
  const requested = await oms.requestTransfer({ sku: 'TEE-M', fromLocation: 'wh-east', toLocation: 'store-soho', quantity: 4 })
  assert.match(requested.id, /^tr-/)
  assert.equal(requested.status, 'requested')
  assert.deepEqual(
    { ...requested, id: undefined, createdAt: undefined, updatedAt: undefined },
    {
      id: undefined,
      sku: 'TEE-M',
      fromLocation: 'wh-east',
      toLocation: 'store-soho',
      quantity: 4,
      status: 'requested',
      createdAt: undefined,
      updatedAt: undefined,
      version: 1,
    },
  )
  assert.match(requested.createdAt, ISO_UTC)
  assert.equal(level(oms, 'TEE-M', 'wh-east').onHand, 10, 'nothing moves on request')
  assert.deepEqual(await oms.getTransfer(requested.id), requested)

  const shipped = await oms.shipTransfer(requested.id)
  assert.equal(shipped.status, 'shipped')
  assert.equal(shipped.version, 2)
  assert.equal(level(oms, 'TEE-M', 'wh-east').onHand, 6, 'the source on hand drops')
  const onTheWay = level(oms, 'TEE-M', 'store-soho')
  assert.deepEqual([onTheWay.onHand, onTheWay.incoming], [0, 4], 'the target expects it')
  const out = oms.movementsSync({ sku: 'TEE-M', location: 'wh-east' }).at(-1)
  assert.deepEqual([out.reason, out.onHandDelta, out.reference], ['transfer_out', -4, requested.id])
  const incoming = oms.movementsSync({ sku: 'TEE-M', location: 'store-soho' })
  assert.deepEqual(incoming.map((m) => [m.reason, m.incomingDelta, m.reference]), [['transfer_in', 4, requested.id]])

  const received = oms.receiveTransferSync(requested.id, { idempotencyKey: 'arrive-1' })
  assert.equal(received.status, 'received')
  assert.deepEqual(oms.receiveTransferSync(requested.id, { idempotencyKey: 'arrive-1' }), received, 'a retry returns the same transfer')
  const arrived = level(oms, 'TEE-M', 'store-soho')
  assert.deepEqual([arrived.onHand, arrived.incoming], [4, 0])
  assert.deepEqual(oms.getTransferSync(requested.id), received)
  await assertClean(oms)
})

test('a transfer can be cancelled only while requested', async () => {
  const oms = twoSites()
  const input = { sku: 'TEE-M', fromLocation: 'wh-east', toLocation: 'store-soho', quantity: 2 }
  const first = oms.requestTransferSync(input)
  const cancelled = await oms.cancelTransfer(first.id)
  assert.equal(cancelled.status, 'cancelled')
  assert.equal(level(oms, 'TEE-M', 'wh-east').onHand, 10)
  await bothFail(oms, 'shipTransfer', [first.id], 'illegal_transition')
  await bothFail(oms, 'cancelTransfer', [first.id], 'illegal_transition')

  const second = await oms.requestTransfer(input)
  assert.notEqual(second.id, first.id)
  oms.shipTransferSync(second.id)
  await bothFail(oms, 'cancelTransfer', [second.id], 'illegal_transition')
  await bothFail(oms, 'shipTransfer', [second.id], 'illegal_transition')
  await oms.receiveTransfer(second.id)
  await bothFail(oms, 'receiveTransfer', [second.id], 'illegal_transition')
  await bothFail(oms, 'cancelTransfer', [second.id], 'illegal_transition')
  assert.equal(oms.cancelTransferSync(oms.requestTransferSync(input).id, { idempotencyKey: 'c-3' }).status, 'cancelled')
  await assertClean(oms)
})

test('transfer bad input', async () => {
  const oms = twoSites()
  const ok = { sku: 'TEE-M', fromLocation: 'wh-east', toLocation: 'store-soho', quantity: 2 }
  await bothFail(oms, 'requestTransfer', [{ ...ok, toLocation: 'wh-east' }], 'invalid_input', 'toLocation')
  await bothFail(oms, 'requestTransfer', [{ ...ok, toLocation: 'nowhere' }], 'location_not_found')
  await bothFail(oms, 'requestTransfer', [{ ...ok, fromLocation: 'nowhere' }], 'location_not_found')
  await bothFail(oms, 'requestTransfer', [{ ...ok, sku: 'NOPE' }], 'product_not_found')
  await bothFail(oms, 'requestTransfer', [{ ...ok, quantity: 0 }], 'invalid_quantity', 'quantity')
  await bothFail(oms, 'requestTransfer', [{ ...ok, quantity: 0.5 }], 'invalid_quantity', 'quantity')
  await bothFail(oms, 'requestTransfer', [{ ...ok, quantity: '2' }], 'invalid_input', 'quantity')
  await bothFail(oms, 'requestTransfer', [{ ...ok, fromLocation: '' }], 'invalid_identifier', 'fromLocation')
  await bothFail(oms, 'requestTransfer', [{ ...ok, from: 'wh-east' }], 'invalid_input', 'from')
  await bothFail(oms, 'shipTransfer', ['tr-0000000099'], 'transfer_not_found')
  await bothFail(oms, 'receiveTransfer', ['tr-0000000099'], 'transfer_not_found')
  await bothFail(oms, 'cancelTransfer', ['tr-0000000099'], 'transfer_not_found')
  await bothFail(oms, 'getTransfer', ['tr-0000000099'], 'transfer_not_found')
  await bothFail(oms, 'getTransfer', [''], 'invalid_identifier', 'transferId')
  await bothFail(oms, 'shipTransfer', [7], 'invalid_input', 'transferId')
  await bothFail(oms, 'shipTransfer', ['tr-1', { idempotencyKey: 5 }], 'invalid_input', 'idempotencyKey')
  await bothFail(oms, 'shipTransfer', ['tr-1', 'key'], 'invalid_input', 'options')

  oms.placeOrderSync(buy('web', 'TEE-M', 9))
  const big = oms.requestTransferSync({ ...ok, quantity: 5 })
  await bothFail(oms, 'shipTransfer', [big.id], 'insufficient_stock')
  assert.equal(oms.getTransferSync(big.id).status, 'requested')
  await assertClean(oms)
})

/** Two warehouses in two regions, a store (that may ship), and three products. */
function catalogue({ storeShips = false, channel = {} } = {}) {
  const oms = Oms.inMemory()
  oms.upsertLocationSync({ id: 'wh-ny', kind: 'warehouse', region: 'US-NY' })
  oms.upsertLocationSync({ id: 'wh-ca', kind: 'warehouse', region: 'US-CA' })
  oms.upsertLocationSync({ id: 'store-soho', kind: 'store', region: 'US-NY', shipsFromStore: storeShips })
  oms.upsertLocationSync({ id: 'store-mall', kind: 'store', region: 'US-NY', offersPickup: false })
  oms.upsertChannelSync({
    id: 'web',
    kind: 'web',
    currency: 'USD',
    locations: ['wh-ny', 'wh-ca', 'store-soho', 'store-mall'],
    ...channel,
  })
  for (const sku of ['TEE', 'MUG', 'CAP']) {
    oms.upsertProductSync({ sku, name: sku })
  }
  oms.receiveStockSync({ sku: 'TEE', location: 'wh-ny', quantity: 5 })
  oms.receiveStockSync({ sku: 'TEE', location: 'wh-ca', quantity: 7 })
  oms.receiveStockSync({ sku: 'TEE', location: 'store-soho', quantity: 3 })
  oms.receiveStockSync({ sku: 'MUG', location: 'wh-ca', quantity: 2 })
  return oms
}

test('availability answers for several SKUs with per-location figures', async () => {
  const oms = catalogue()
  const answers = await oms.availability({ channel: 'web', skus: ['TEE', 'MUG', 'CAP'] })
  assert.deepEqual(answers, [
    {
      sku: 'TEE',
      available: 12,
      locations: [
        { location: 'wh-ny', available: 5 },
        { location: 'wh-ca', available: 7 },
      ],
    },
    {
      sku: 'MUG',
      available: 2,
      locations: [
        { location: 'wh-ny', available: 0 },
        { location: 'wh-ca', available: 2 },
      ],
    },
    {
      sku: 'CAP',
      available: 0,
      locations: [
        { location: 'wh-ny', available: 0 },
        { location: 'wh-ca', available: 0 },
      ],
    },
  ])
  assert.deepEqual(oms.availabilitySync({ channel: 'web', skus: ['TEE', 'MUG', 'CAP'] }), answers)
  assert.equal(await oms.available({ sku: 'TEE', channel: 'web' }), 12, 'the store does not ship for a web channel by default')

  const inCalifornia = oms.availabilitySync({ channel: 'web', skus: ['TEE', 'MUG'], region: 'US-CA' })
  assert.deepEqual(
    inCalifornia.map((a) => [a.sku, a.available, a.locations.map((l) => l.location)]),
    [
      ['TEE', 7, ['wh-ca']],
      ['MUG', 2, ['wh-ca']],
    ],
  )
  const atStore = await oms.availability({ channel: 'web', skus: ['TEE'], pickupLocation: 'store-soho' })
  assert.deepEqual(atStore, [{ sku: 'TEE', available: 3, locations: [{ location: 'store-soho', available: 3 }] }])

  oms.reserveStockSync({ reservationId: 'cart-1', channel: 'web', lines: [{ sku: 'TEE', quantity: 2 }], ttlSeconds: 60, shipToRegion: 'US-NY' })
  oms.placeOrderSync(buy('web', 'TEE', 1, { shipToRegion: 'US-NY' }))
  const [tee] = oms.availabilitySync({ channel: 'web', skus: ['TEE'] })
  assert.equal(tee.available, 9, 'reservations and allocations count against availability')
  await assertClean(oms)
})

test('safety stock and ship-from-store change what a channel may promise', async () => {
  const guarded = catalogue({ channel: { safetyStock: 2 } })
  const [tee, mug] = await guarded.availability({ channel: 'web', skus: ['TEE', 'MUG'] })
  assert.deepEqual(tee.locations, [
    { location: 'wh-ny', available: 3 },
    { location: 'wh-ca', available: 5 },
  ])
  assert.equal(tee.available, 8)
  assert.equal(mug.available, 0, 'two mugs are all safety stock')
  assert.equal(guarded.availableSync({ sku: 'TEE', channel: 'web' }), 8)
  await bothFail(guarded, 'placeOrder', [buy('web', 'MUG', 1)], 'insufficient_stock')

  const shipsFromStore = catalogue({ storeShips: true, channel: { strategy: 'ship_from_store' } })
  assert.equal(shipsFromStore.availableSync({ sku: 'TEE', channel: 'web' }), 15, 'a store that ships from store joins in')
  const [fromStores] = await shipsFromStore.availability({ channel: 'web', skus: ['TEE'] })
  assert.deepEqual(
    fromStores.locations.map((l) => l.location),
    ['wh-ny', 'wh-ca', 'store-soho'],
  )
  const storeOnly = catalogue({ storeShips: false, channel: { strategy: 'ship_from_store' } })
  assert.equal(storeOnly.availableSync({ sku: 'TEE', channel: 'web' }), 12, 'only stores with shipsFromStore ship')
  await assertClean(guarded)
  await assertClean(shipsFromStore)
})

test('availability bad input', async () => {
  const oms = catalogue()
  const ok = { channel: 'web', skus: ['TEE'] }
  await bothFail(oms, 'availability', [{ ...ok, skus: [] }], 'invalid_input', 'skus')
  await bothFail(oms, 'availability', [{ ...ok, skus: 'TEE' }], 'invalid_input', 'skus')
  await bothFail(oms, 'availability', [{ ...ok, skus: ['TEE', ''] }], 'invalid_identifier', 'skus[1]')
  await bothFail(oms, 'availability', [{ ...ok, skus: ['TEE', 3] }], 'invalid_input', 'skus[1]')
  await bothFail(oms, 'availability', [{ ...ok, skus: Array(501).fill('TEE') }], 'limit_exceeded', 'skus')
  await bothFail(oms, 'availability', [{ ...ok, skus: ['NOPE'] }], 'product_not_found')
  await bothFail(oms, 'availability', [{ ...ok, channel: 'nope' }], 'channel_not_found')
  await bothFail(oms, 'availability', [{ ...ok, pickupLocation: 'nowhere' }], 'location_not_found')
  await bothFail(oms, 'availability', [{ ...ok, pickupLocation: 'store-mall' }], 'pickup_not_offered')
  await bothFail(oms, 'availability', [{ ...ok, region: '' }], 'invalid_input', 'region')
  await bothFail(oms, 'availability', [{ ...ok, region: 5 }], 'invalid_input', 'region')
  await bothFail(oms, 'availability', [{ ...ok, sku: 'TEE' }], 'invalid_input', 'sku')
  await bothFail(oms, 'availability', [{ skus: ['TEE'] }], 'invalid_input', 'channel')
  await bothFail(oms, 'availability', [], 'invalid_input')
})

test('a channel needs locations, and every location must exist', async () => {
  const oms = catalogue()
  const ok = { id: 'web-2', kind: 'web', currency: 'USD', locations: ['wh-ny'] }
  await bothFail(oms, 'upsertChannel', [{ ...ok, locations: [] }], 'invalid_input', 'locations')
  await bothFail(oms, 'upsertChannel', [{ ...ok, locations: ['wh-ny', 'wh-mars'] }], 'location_not_found')
  await bothFail(oms, 'receiveStock', [{ sku: 'TEE', location: 'wh-mars', quantity: 1 }], 'location_not_found')
  await bothFail(oms, 'stockLevel', [{ sku: 'TEE', location: 'wh-mars' }], 'location_not_found')
  await bothFail(oms, 'available', [{ sku: 'TEE', channel: 'web-2' }], 'channel_not_found')
})
