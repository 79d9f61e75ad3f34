// receiveStock, adjustStock, stockLevel, stockLevels, available, movements.

import assert from 'node:assert/strict'
import { test } from 'node:test'

import { Oms } from '../index.js'
import { bothFail, shop } from './helpers.mjs'

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/

test('receiveStock raises on hand, in both forms', async () => {
  const oms = shop({ stock: 0 })
  const first = await oms.receiveStock({ sku: 'TEE-M', location: 'wh-east', quantity: 5 })
  assert.deepEqual(first, {
    sku: 'TEE-M',
    location: 'wh-east',
    onHand: 5,
    allocated: 0,
    reserved: 0,
    quarantined: 0,
    incoming: 0,
    available: 5,
    version: 1,
  })
  const second = oms.receiveStockSync({ sku: 'TEE-M', location: 'wh-east', quantity: 3 })
  assert.equal(second.onHand, 8)
  assert.equal(second.version, 2)
})

test('receiveStock with an idempotency key runs once', async () => {
  const oms = shop({ stock: 0 })
  const input = { sku: 'TEE-M', location: 'wh-east', quantity: 5, idempotencyKey: 'receipt-1' }
  await oms.receiveStock(input)
  const again = oms.receiveStockSync(input)
  assert.equal(again.onHand, 5)
  assert.equal(oms.stockLevelSync({ sku: 'TEE-M', location: 'wh-east' }).onHand, 5)
  await bothFail(oms, 'receiveStock', [{ ...input, quantity: 6 }], 'idempotency_key_reused')
})

test('receiveStock bad input', async () => {
  const oms = shop({ stock: 0 })
  const ok = { sku: 'TEE-M', location: 'wh-east', quantity: 1 }
  await bothFail(oms, 'receiveStock', [{ ...ok, quantity: 0 }], 'invalid_quantity', 'quantity')
  await bothFail(oms, 'receiveStock', [{ ...ok, quantity: -3 }], 'invalid_quantity', 'quantity')
  await bothFail(oms, 'receiveStock', [{ ...ok, quantity: 1.5 }], 'invalid_quantity', 'quantity')
  await bothFail(oms, 'receiveStock', [{ ...ok, quantity: NaN }], 'invalid_quantity', 'quantity')
  await bothFail(oms, 'receiveStock', [{ ...ok, quantity: Infinity }], 'invalid_quantity', 'quantity')
  await bothFail(oms, 'receiveStock', [{ ...ok, quantity: 1e12 }], 'invalid_quantity', 'quantity')
  await bothFail(oms, 'receiveStock', [{ ...ok, quantity: '1' }], 'invalid_input', 'quantity')
  await bothFail(oms, 'receiveStock', [{ ...ok, quantity: 1n }], 'invalid_input', 'quantity')
  await bothFail(oms, 'receiveStock', [{ ...ok, sku: 'NOPE' }], 'product_not_found')
  await bothFail(oms, 'receiveStock', [{ ...ok, location: 'nowhere' }], 'location_not_found')
  await bothFail(oms, 'receiveStock', [{ ...ok, idempotencyKey: '' }], 'invalid_identifier', 'idempotencyKey')
  await bothFail(oms, 'receiveStock', [{ ...ok, idempotencyKey: 'k'.repeat(256) }], 'invalid_identifier', 'idempotencyKey')
  await bothFail(oms, 'receiveStock', [{ ...ok, idempotencykey: 'typo' }], 'invalid_input', 'idempotencykey')
  assert.deepEqual(oms.stockLevelsSync(), [], 'nothing was written')
})

test('adjustStock corrects on hand both ways', async () => {
  const oms = shop({ stock: 10 })
  assert.equal((await oms.adjustStock({ sku: 'TEE-M', location: 'wh-east', quantityDelta: -4 })).onHand, 6)
  assert.equal(oms.adjustStockSync({ sku: 'TEE-M', location: 'wh-east', quantityDelta: 2, idempotencyKey: 'count-1' }).onHand, 8)
  assert.equal(oms.adjustStockSync({ sku: 'TEE-M', location: 'wh-east', quantityDelta: 2, idempotencyKey: 'count-1' }).onHand, 8)
})

test('adjustStock bad input', async () => {
  const oms = shop({ stock: 3 })
  const ok = { sku: 'TEE-M', location: 'wh-east', quantityDelta: 1 }
  await bothFail(oms, 'adjustStock', [{ ...ok, quantityDelta: 0 }], 'invalid_quantity', 'quantityDelta')
  await bothFail(oms, 'adjustStock', [{ ...ok, quantityDelta: 0.5 }], 'invalid_quantity', 'quantityDelta')
  await bothFail(oms, 'adjustStock', [{ ...ok, quantityDelta: '-1' }], 'invalid_input', 'quantityDelta')
  await bothFail(oms, 'adjustStock', [{ ...ok, quantity: 1 }], 'invalid_input', 'quantity')
  await bothFail(oms, 'adjustStock', [{ ...ok, quantityDelta: -4 }], 'insufficient_stock')
  await bothFail(oms, 'adjustStock', [{ ...ok, sku: 'NOPE' }], 'product_not_found')
  assert.equal(oms.stockLevelSync({ sku: 'TEE-M', location: 'wh-east' }).onHand, 3)
})

test('stockLevel, stockLevels and available', async () => {
  const oms = shop({ stock: 5 })
  oms.upsertLocationSync({ id: 'store-soho', kind: 'store', region: 'US-NY' })
  oms.upsertProductSync({ sku: 'MUG', name: 'Mug' })
  oms.receiveStockSync({ sku: 'MUG', location: 'store-soho', quantity: 2 })

  assert.deepEqual(await oms.stockLevel({ sku: 'TEE-M', location: 'wh-east' }), oms.stockLevelSync({ sku: 'TEE-M', location: 'wh-east' }))
  const never = oms.stockLevelSync({ sku: 'MUG', location: 'wh-east' })
  assert.deepEqual(never, {
    sku: 'MUG',
    location: 'wh-east',
    onHand: 0,
    allocated: 0,
    reserved: 0,
    quarantined: 0,
    incoming: 0,
    available: 0,
    version: 0,
  })

  assert.deepEqual((await oms.stockLevels()).map((l) => `${l.sku}@${l.location}`), ['MUG@store-soho', 'TEE-M@wh-east'])
  assert.deepEqual(oms.stockLevelsSync({ sku: 'MUG' }).map((l) => l.location), ['store-soho'])
  assert.deepEqual(oms.stockLevelsSync({ location: 'wh-east' }).map((l) => l.sku), ['TEE-M'])
  assert.deepEqual(await oms.stockLevels({ sku: 'MUG', location: 'wh-east' }), [])
  assert.deepEqual(oms.stockLevelsSync(null), oms.stockLevelsSync())

  assert.equal(await oms.available({ sku: 'TEE-M', channel: 'web' }), 5)
  assert.equal(oms.availableSync({ sku: 'MUG', channel: 'web' }), 0, 'the web channel does not draw on the store')
})

test('stock queries bad input', async () => {
  const oms = shop()
  await bothFail(oms, 'stockLevel', [{ sku: 'NOPE', location: 'wh-east' }], 'product_not_found')
  await bothFail(oms, 'stockLevel', [{ sku: 'TEE-M', location: 'nowhere' }], 'location_not_found')
  await bothFail(oms, 'stockLevel', [{ sku: 'TEE-M' }], 'invalid_input', 'location')
  await bothFail(oms, 'stockLevels', [{ sku: '' }], 'invalid_identifier', 'sku')
  await bothFail(oms, 'stockLevels', ['TEE-M'], 'invalid_input')
  await bothFail(oms, 'available', [{ sku: 'TEE-M', channel: 'nope' }], 'channel_not_found')
  await bothFail(oms, 'available', [{ sku: 'NOPE', channel: 'web' }], 'product_not_found')
  await bothFail(oms, 'available', [{ sku: 'TEE-M', channel: 'bad channel' }], 'invalid_identifier', 'channel')
})

test('movements pages through the ledger', async () => {
  const oms = shop({ stock: 5 })
  oms.receiveStockSync({ sku: 'TEE-M', location: 'wh-east', quantity: 2 })
  oms.placeOrderSync({ channel: 'web', customerEmail: 'ada@example.com', lines: [{ sku: 'TEE-M', quantity: 1, unitPrice: '1.00' }] })

  const all = await oms.movements({ sku: 'TEE-M', location: 'wh-east' })
  assert.deepEqual(all.map((m) => m.reason), ['receipt', 'receipt', 'allocation'])
  assert.equal(all[0].reference, null)
  assert.equal(all[0].onHandDelta, 5)
  assert.equal(all[2].allocatedDelta, 1)
  assert.equal(all[2].reference, 'ord-0000000001')
  assert.deepEqual(Object.keys(all[2]).sort(), [
    'allocatedDelta',
    'incomingDelta',
    'location',
    'occurredAt',
    'onHandDelta',
    'quarantinedDelta',
    'reason',
    'reference',
    'reservedDelta',
    'sequence',
    'sku',
  ])
  assert.deepEqual([all[2].reservedDelta, all[2].quarantinedDelta, all[2].incomingDelta], [0, 0, 0])
  assert.match(all[0].occurredAt, ISO_UTC)
  assert.ok(!Number.isNaN(Date.parse(all[0].occurredAt)))

  const first = oms.movementsSync({ sku: 'TEE-M', location: 'wh-east', limit: 2 })
  assert.equal(first.length, 2)
  const rest = oms.movementsSync({ sku: 'TEE-M', location: 'wh-east', after: first[1].sequence })
  assert.deepEqual(rest, all.slice(2))
})

test('movements bad input', async () => {
  const oms = shop()
  const ok = { sku: 'TEE-M', location: 'wh-east' }
  await bothFail(oms, 'movements', [{ ...ok, limit: 0 }], 'invalid_input', 'limit')
  await bothFail(oms, 'movements', [{ ...ok, limit: 1001 }], 'limit_exceeded', 'limit')
  await bothFail(oms, 'movements', [{ ...ok, limit: -1 }], 'invalid_input', 'limit')
  await bothFail(oms, 'movements', [{ ...ok, limit: 2.5 }], 'invalid_input', 'limit')
  await bothFail(oms, 'movements', [{ ...ok, after: '3' }], 'invalid_input', 'after')
  await bothFail(oms, 'movements', [{ ...ok, sku: 'NOPE' }], 'product_not_found')
  await bothFail(oms, 'movements', [{ ...ok, location: 'nowhere' }], 'location_not_found')
})

test('an Oms method called on something else is invalid_input', () => {
  assert.throws(() => Oms.prototype.auditSync.call({}), (err) => err.code === 'invalid_input' && err.name === 'OmsError')
})
