// upsertLocation, upsertChannel, upsertProduct and the factories.

import assert from 'node:assert/strict'
import { test } from 'node:test'

import { Oms, OmsError } from '../index.js'
import { bothFail, oms } from './helpers.mjs'

test('Oms.inMemory and Oms.open(":memory:") give working services', async () => {
  for (const shop of [Oms.inMemory(), Oms.open(':memory:')]) {
    assert.ok(shop instanceof Oms)
    const report = await shop.audit()
    assert.deepEqual(report.violations, [])
  }
})

test('Oms cannot be constructed with new', () => {
  assert.throws(() => new Oms(), oms('invalid_input'))
})

test('Oms.open refuses bad targets', () => {
  assert.throws(() => Oms.open(42), oms('invalid_input', 'target'))
  assert.throws(() => Oms.open(), oms('invalid_input', 'target'))
  assert.throws(() => Oms.open('postgres://localhost/oms'), oms('storage_unavailable'))
  assert.throws(() => Oms.open('/nonexistent-dir/sub/oms.db'), oms('storage_unavailable'))
})

test('upsertLocation creates, replaces and returns the record', async () => {
  const shop = Oms.inMemory()
  const created = await shop.upsertLocation({ id: 'wh-east', kind: 'warehouse', region: 'US-NY' })
  assert.deepEqual(created, {
    id: 'wh-east',
    kind: 'warehouse',
    region: 'US-NY',
    ships: true,
    offersPickup: false,
    shipsFromStore: false,
    dailyCapacity: null,
    priority: 100,
    version: 1,
  })
  const same = shop.upsertLocationSync({ id: 'wh-east', kind: 'warehouse', region: 'US-NY' })
  assert.equal(same.version, 1, 'an upsert that changes nothing writes nothing')
  const moved = shop.upsertLocationSync({ id: 'wh-east', kind: 'third_party_logistics', region: 'US-NJ' })
  assert.deepEqual(moved, { ...created, kind: 'third_party_logistics', region: 'US-NJ', version: 2 })
  const store = await shop.upsertLocation({ id: 'store-soho', kind: 'store', region: 'US-NY' })
  assert.equal(store.kind, 'store')
  assert.equal(store.ships, false, 'stores do not ship by default')
  assert.equal(store.offersPickup, true, 'stores offer pickup by default')
  const tuned = shop.upsertLocationSync({
    id: 'store-soho',
    kind: 'store',
    region: 'US-NY',
    ships: true,
    offersPickup: false,
    shipsFromStore: true,
    dailyCapacity: 40,
    priority: 5,
  })
  assert.deepEqual(tuned, {
    id: 'store-soho',
    kind: 'store',
    region: 'US-NY',
    ships: true,
    offersPickup: false,
    shipsFromStore: true,
    dailyCapacity: 40,
    priority: 5,
    version: 2,
  })
})

test('upsertLocation bad input', async () => {
  const shop = Oms.inMemory()
  const ok = { id: 'wh-east', kind: 'warehouse', region: 'US-NY' }
  await bothFail(shop, 'upsertLocation', [{ ...ok, id: '' }], 'invalid_identifier', 'id')
  await bothFail(shop, 'upsertLocation', [{ ...ok, id: 'x'.repeat(65) }], 'invalid_identifier', 'id')
  await bothFail(shop, 'upsertLocation', [{ ...ok, id: 'has space' }], 'invalid_identifier', 'id')
  await bothFail(shop, 'upsertLocation', [{ ...ok, kind: 'castle' }], 'invalid_input', 'kind')
  await bothFail(shop, 'upsertLocation', [{ ...ok, region: '' }], 'invalid_input', 'region')
  await bothFail(shop, 'upsertLocation', [{ ...ok, region: 'R'.repeat(201) }], 'limit_exceeded', 'region')
  await bothFail(shop, 'upsertLocation', [{ ...ok, id: 7 }], 'invalid_input', 'id')
  await bothFail(shop, 'upsertLocation', [{ kind: 'warehouse', region: 'US-NY' }], 'invalid_input', 'id')
  await bothFail(shop, 'upsertLocation', [{ ...ok, colour: 'red' }], 'invalid_input', 'colour')
  await bothFail(shop, 'upsertLocation', [], 'invalid_input')
  await bothFail(shop, 'upsertLocation', ['wh-east'], 'invalid_input')
  await bothFail(shop, 'upsertLocation', [[ok]], 'invalid_input')
  await bothFail(shop, 'upsertLocation', [{ ...ok, ships: 'yes' }], 'invalid_input', 'ships')
  await bothFail(shop, 'upsertLocation', [{ ...ok, offersPickup: 1 }], 'invalid_input', 'offersPickup')
  await bothFail(shop, 'upsertLocation', [{ ...ok, shipsFromStore: 'no' }], 'invalid_input', 'shipsFromStore')
  await bothFail(shop, 'upsertLocation', [{ ...ok, dailyCapacity: -1 }], 'invalid_quantity', 'dailyCapacity')
  await bothFail(shop, 'upsertLocation', [{ ...ok, dailyCapacity: 1.5 }], 'invalid_quantity', 'dailyCapacity')
  await bothFail(shop, 'upsertLocation', [{ ...ok, dailyCapacity: '10' }], 'invalid_input', 'dailyCapacity')
  await bothFail(shop, 'upsertLocation', [{ ...ok, priority: -1 }], 'invalid_input', 'priority')
  await bothFail(shop, 'upsertLocation', [{ ...ok, priority: 1_000_001 }], 'invalid_input', 'priority')
  await bothFail(shop, 'upsertLocation', [{ ...ok, priority: 0.5 }], 'invalid_input', 'priority')
  assert.deepEqual(await shop.stockLevels(), [])
})

test('upsertChannel with defaults and with every option', async () => {
  const shop = Oms.inMemory()
  shop.upsertLocationSync({ id: 'wh-east', kind: 'warehouse', region: 'US-NY' })
  shop.upsertLocationSync({ id: 'store-soho', kind: 'store', region: 'US-NY' })
  const web = await shop.upsertChannel({ id: 'web', kind: 'web', currency: 'USD', locations: ['wh-east', 'store-soho'] })
  assert.deepEqual(web, {
    id: 'web',
    kind: 'web',
    currency: 'USD',
    locations: ['wh-east', 'store-soho'],
    pricesIncludeTax: false,
    roundingMode: 'half_up',
    roundingLevel: 'line',
    taxRates: {},
    safetyStock: 0,
    allowBackorders: false,
    splitPolicy: 'fewest_shipments',
    pickupFallback: 'reject',
    strategy: 'ship_from_warehouse',
    maxDistanceKm: null,
    requirePaymentBeforeShipping: false,
    captureOnShipment: false,
    pickupWindowHours: 72,
    version: 1,
  })
  const pos = shop.upsertChannelSync({
    id: 'pos-soho',
    kind: 'point_of_sale',
    currency: 'EUR',
    locations: ['store-soho'],
    pricesIncludeTax: true,
    roundingMode: 'half_even',
    roundingLevel: 'document',
    taxRates: { standard: '0.20', reduced_rate: '0.055' },
    safetyStock: 2,
    allowBackorders: true,
    splitPolicy: 'nearest',
    pickupFallback: 'ship_to_store',
    strategy: 'ship_from_store',
    maxDistanceKm: 500,
    pickupWindowHours: 24,
  })
  assert.equal(pos.pickupWindowHours, 24)
  assert.equal(pos.safetyStock, 2)
  assert.equal(pos.allowBackorders, true)
  assert.equal(pos.splitPolicy, 'nearest')
  assert.equal(pos.pickupFallback, 'ship_to_store')
  assert.equal(pos.strategy, 'ship_from_store')
  assert.equal(pos.maxDistanceKm, 500)
  assert.equal(pos.pricesIncludeTax, true)
  assert.equal(pos.roundingMode, 'half_even')
  assert.equal(pos.roundingLevel, 'document')
  assert.deepEqual(pos.taxRates, { reduced_rate: '0.055', standard: '0.2' })
})

test('upsertChannel bad input', async () => {
  const shop = Oms.inMemory()
  shop.upsertLocationSync({ id: 'wh-east', kind: 'warehouse', region: 'US-NY' })
  const ok = { id: 'web', kind: 'web', currency: 'USD', locations: ['wh-east'] }
  await bothFail(shop, 'upsertChannel', [{ ...ok, locations: ['nowhere'] }], 'location_not_found')
  await bothFail(shop, 'upsertChannel', [{ ...ok, currency: 'XYZ' }], 'unknown_currency', 'currency')
  await bothFail(shop, 'upsertChannel', [{ ...ok, currency: 840 }], 'invalid_input', 'currency')
  await bothFail(shop, 'upsertChannel', [{ ...ok, kind: 'telepathy' }], 'invalid_input', 'kind')
  await bothFail(shop, 'upsertChannel', [{ ...ok, locations: [] }], 'invalid_input', 'locations')
  await bothFail(shop, 'upsertChannel', [{ ...ok, locations: 'wh-east' }], 'invalid_input', 'locations')
  await bothFail(shop, 'upsertChannel', [{ ...ok, locations: ['wh-east', ''] }], 'invalid_identifier', 'locations[1]')
  await bothFail(shop, 'upsertChannel', [{ ...ok, locations: ['wh-east', 'wh-east'] }], 'invalid_input', 'locations[1]')
  await bothFail(shop, 'upsertChannel', [{ ...ok, locations: Array(1001).fill('wh-east') }], 'limit_exceeded', 'locations')
  await bothFail(shop, 'upsertChannel', [{ ...ok, pricesIncludeTax: 'yes' }], 'invalid_input', 'pricesIncludeTax')
  await bothFail(shop, 'upsertChannel', [{ ...ok, roundingMode: 'up' }], 'invalid_input', 'roundingMode')
  await bothFail(shop, 'upsertChannel', [{ ...ok, roundingLevel: 'page' }], 'invalid_input', 'roundingLevel')
  await bothFail(shop, 'upsertChannel', [{ ...ok, taxRates: { standard: 0.2 } }], 'invalid_input', 'taxRates.standard')
  await bothFail(shop, 'upsertChannel', [{ ...ok, taxRates: { standard: '1.5' } }], 'invalid_amount', 'taxRates.standard')
  await bothFail(shop, 'upsertChannel', [{ ...ok, taxRates: { standard: 'NaN' } }], 'invalid_amount', 'taxRates.standard')
  await bothFail(shop, 'upsertChannel', [{ ...ok, taxRates: { 'bad class': '0.1' } }], 'invalid_identifier', 'taxRates.bad class')
  await bothFail(shop, 'upsertChannel', [{ ...ok, taxRates: ['0.1'] }], 'invalid_input', 'taxRates')
  await bothFail(shop, 'upsertChannel', [{ ...ok, safetyStock: -1 }], 'invalid_quantity', 'safetyStock')
  await bothFail(shop, 'upsertChannel', [{ ...ok, safetyStock: '2' }], 'invalid_input', 'safetyStock')
  await bothFail(shop, 'upsertChannel', [{ ...ok, allowBackorders: 1 }], 'invalid_input', 'allowBackorders')
  await bothFail(shop, 'upsertChannel', [{ ...ok, splitPolicy: 'cheapest' }], 'invalid_input', 'splitPolicy')
  await bothFail(shop, 'upsertChannel', [{ ...ok, pickupFallback: 'drone' }], 'invalid_input', 'pickupFallback')
  await bothFail(shop, 'upsertChannel', [{ ...ok, strategy: 'teleport' }], 'invalid_input', 'strategy')
  await bothFail(shop, 'upsertChannel', [{ ...ok, strategy: 7 }], 'invalid_input', 'strategy')
  await bothFail(shop, 'upsertChannel', [{ ...ok, maxDistanceKm: -5 }], 'invalid_input', 'maxDistanceKm')
  await bothFail(shop, 'upsertChannel', [{ ...ok, maxDistanceKm: 2 ** 32 }], 'invalid_input', 'maxDistanceKm')
  await bothFail(shop, 'upsertChannel', [{ ...ok, maxDistanceKm: '500' }], 'invalid_input', 'maxDistanceKm')
  assert.deepEqual(await shop.eventsSince(1), [], 'only the location was written')
})

test('upsertProduct with default and explicit tax class', async () => {
  const shop = Oms.inMemory()
  assert.deepEqual(await shop.upsertProduct({ sku: 'TEE-M', name: 'T-shirt, medium' }), {
    sku: 'TEE-M',
    name: 'T-shirt, medium',
    taxClass: 'standard',
    backorderable: false,
    version: 1,
  })
  const book = shop.upsertProductSync({ sku: 'BOOK-1', name: 'A book', taxClass: 'reduced' })
  assert.equal(book.taxClass, 'reduced')
  assert.equal(shop.upsertProductSync({ sku: 'PRE-1', name: 'Pre-order', backorderable: true }).backorderable, true)
  assert.equal(shop.upsertProductSync({ sku: 'BOOK-1', name: 'A better book', taxClass: 'reduced' }).version, 2)
})

test('upsertProduct bad input', async () => {
  const shop = Oms.inMemory()
  await bothFail(shop, 'upsertProduct', [{ sku: '', name: 'x' }], 'invalid_identifier', 'sku')
  await bothFail(shop, 'upsertProduct', [{ sku: 'S'.repeat(65), name: 'x' }], 'invalid_identifier', 'sku')
  await bothFail(shop, 'upsertProduct', [{ sku: 'TEE-M', name: '   ' }], 'invalid_input', 'name')
  await bothFail(shop, 'upsertProduct', [{ sku: 'TEE-M', name: 'n'.repeat(201) }], 'limit_exceeded', 'name')
  await bothFail(shop, 'upsertProduct', [{ sku: 'TEE-M', name: 'x', taxClass: '' }], 'invalid_identifier', 'taxClass')
  await bothFail(shop, 'upsertProduct', [{ sku: 'TEE-M', name: null }], 'invalid_input', 'name')
  await bothFail(shop, 'upsertProduct', [{ sku: 10n, name: 'x' }], 'invalid_input', 'sku')
  await bothFail(shop, 'upsertProduct', [{ sku: Symbol('s'), name: 'x' }], 'invalid_input', 'sku')
  await bothFail(shop, 'upsertProduct', [null], 'invalid_input')
  await bothFail(shop, 'upsertProduct', [{ sku: 'TEE-M', name: 'x', backorderable: 'yes' }], 'invalid_input', 'backorderable')
})

test('errors carry code, field, category and a message naming the field', () => {
  const shop = Oms.inMemory()
  try {
    shop.upsertProductSync({ sku: '', name: 'x' })
    assert.fail('expected an error')
  } catch (err) {
    assert.ok(err instanceof OmsError)
    assert.equal(err.code, 'invalid_identifier')
    assert.equal(err.field, 'sku')
    assert.equal(err.category, 'invalid_input')
    assert.match(err.message, /^sku: /)
    assert.match(err.stack, /^OmsError: sku: /)
  }
})
