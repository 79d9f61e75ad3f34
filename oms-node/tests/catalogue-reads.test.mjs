// Catalogue reads: getProduct, listProducts (paged by SKU), getLocation,
// listLocations, getChannel, listChannels, each with its Sync twin.

import assert from 'node:assert/strict'
import { test } from 'node:test'

import { bothFail, shop } from './helpers.mjs'

/** A shop with two locations, two channels and five products. */
function catalogue() {
  const store = shop({ stock: 0 })
  store.upsertLocationSync({ id: 'store-soho', kind: 'store', region: 'US-NY', priority: 5 })
  store.upsertChannelSync({
    id: 'pos-soho',
    kind: 'point_of_sale',
    currency: 'USD',
    locations: ['store-soho'],
    taxRates: { standard: '0.08875' },
  })
  for (const sku of ['MUG', 'CAP', 'SOCK-L', 'BAG']) {
    store.upsertProductSync({ sku, name: `the ${sku}`, backorderable: sku === 'BAG' })
  }
  return store
}

test('getProduct returns the product as upserted', async () => {
  const store = catalogue()
  const mug = { sku: 'MUG', name: 'the MUG', taxClass: 'standard', backorderable: false, version: 1 }
  assert.deepEqual(await store.getProduct('MUG'), mug)
  assert.deepEqual(store.getProductSync('MUG'), mug)
  assert.equal(store.getProductSync('BAG').backorderable, true)
})

test('listProducts pages through every product in SKU order', async () => {
  const store = catalogue()
  const all = await store.listProducts()
  assert.deepEqual(
    all.products.map((product) => product.sku),
    ['BAG', 'CAP', 'MUG', 'SOCK-L', 'TEE-M'],
  )
  assert.equal(all.nextCursor, null)
  assert.deepEqual(store.listProductsSync(), all)
  assert.deepEqual(store.listProductsSync({}), all)
  assert.deepEqual(store.listProductsSync(null), all)

  const seen = []
  let after
  let pages = 0
  do {
    const page = await store.listProducts({ after, limit: 2 })
    assert.ok(page.products.length <= 2)
    seen.push(...page.products.map((product) => product.sku))
    after = page.nextCursor ?? undefined
    pages += 1
  } while (after !== undefined)
  assert.deepEqual(seen, ['BAG', 'CAP', 'MUG', 'SOCK-L', 'TEE-M'])
  assert.equal(pages, 3)

  const second = store.listProductsSync({ after: 'CAP', limit: 2 })
  assert.deepEqual(second.products.map((product) => product.sku), ['MUG', 'SOCK-L'])
  assert.equal(second.nextCursor, 'SOCK-L')
})

test('getLocation and listLocations', async () => {
  const store = catalogue()
  const soho = await store.getLocation('store-soho')
  assert.equal(soho.kind, 'store')
  assert.equal(soho.priority, 5)
  assert.equal(soho.offersPickup, true)
  assert.equal(soho.dailyCapacity, null)
  assert.deepEqual(store.getLocationSync('store-soho'), soho)
  const locations = await store.listLocations()
  assert.deepEqual(locations.map((location) => location.id), ['store-soho', 'wh-east'])
  assert.deepEqual(locations[0], soho)
  assert.deepEqual(store.listLocationsSync(), locations)
})

test('getChannel and listChannels', async () => {
  const store = catalogue()
  const pos = await store.getChannel('pos-soho')
  assert.equal(pos.kind, 'point_of_sale')
  assert.deepEqual(pos.locations, ['store-soho'])
  assert.deepEqual(pos.taxRates, { standard: '0.08875' })
  assert.equal(pos.roundingMode, 'half_up')
  assert.deepEqual(store.getChannelSync('pos-soho'), pos)
  const channels = await store.listChannels()
  assert.deepEqual(channels.map((channel) => channel.id), ['pos-soho', 'web'])
  assert.deepEqual(store.listChannelsSync(), channels)
})

test('an empty store lists nothing', async () => {
  const { Oms } = await import('../index.js')
  const empty = Oms.inMemory()
  assert.deepEqual(await empty.listProducts(), { products: [], nextCursor: null })
  assert.deepEqual(empty.listLocationsSync(), [])
  assert.deepEqual(await empty.listChannels(), [])
})

test('missing records are not found, with their id in details', async () => {
  const store = catalogue()
  await bothFail(store, 'getProduct', ['NOPE'], 'product_not_found')
  await bothFail(store, 'getLocation', ['nowhere'], 'location_not_found')
  await bothFail(store, 'getChannel', ['tv'], 'channel_not_found')
  await assert.rejects(store.getProduct('NOPE'), (err) => {
    assert.deepEqual(err.details, { id: 'NOPE' })
    return true
  })
})

test('bad arguments are typed errors naming the argument', async () => {
  const store = catalogue()
  await bothFail(store, 'getProduct', [42], 'invalid_input', 'sku')
  await bothFail(store, 'getProduct', [], 'invalid_input', 'sku')
  await bothFail(store, 'getProduct', [''], 'invalid_identifier', 'sku')
  await bothFail(store, 'getLocation', [{ id: 'wh-east' }], 'invalid_input', 'locationId')
  await bothFail(store, 'getLocation', ['has space'], 'invalid_identifier', 'locationId')
  await bothFail(store, 'getChannel', [null], 'invalid_input', 'channelId')

  await bothFail(store, 'listProducts', ['MUG'], 'invalid_input', 'input')
  await bothFail(store, 'listProducts', [{ cursor: 'MUG' }], 'invalid_input', 'cursor')
  await bothFail(store, 'listProducts', [{ after: 7 }], 'invalid_input', 'after')
  await bothFail(store, 'listProducts', [{ after: 'not a cursor!' }], 'invalid_input', 'after')
  await bothFail(store, 'listProducts', [{ limit: 0 }], 'invalid_input', 'limit')
  await bothFail(store, 'listProducts', [{ limit: -1 }], 'invalid_input', 'limit')
  await bothFail(store, 'listProducts', [{ limit: 2.5 }], 'invalid_input', 'limit')
  await bothFail(store, 'listProducts', [{ limit: '10' }], 'invalid_input', 'limit')
  await bothFail(store, 'listProducts', [{ limit: 1001 }], 'limit_exceeded', 'limit')
})
