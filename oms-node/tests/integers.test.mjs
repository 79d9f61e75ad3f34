// Extreme numbers for every integer parameter of every method: each is a
// typed OmsError naming the parameter (never internal_error, never a panic),
// or succeeds where the value is valid. JavaScript numbers are doubles, so
// only whole numbers up to Number.MAX_SAFE_INTEGER in magnitude are taken as
// integers; anything beyond would be a rounded or saturated value the caller
// never wrote.

import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'

import { Oms, OmsError } from '../index.js'
import { shop, tempDir } from './helpers.mjs'

const EXTREMES = [
  1e300,
  -1e300,
  2 ** 63,
  -(2 ** 63),
  2 ** 53 + 1,
  -(2 ** 53 + 1),
  2 ** 53 - 1,
  -(2 ** 53 - 1),
  2 ** 53 - 2,
  NaN,
  Infinity,
  -Infinity,
  -0,
  0.5,
  -1.5,
]

const line = (quantity) => ({ sku: 'TEE-M', quantity, unitPrice: '1.00' })
const order = (lines) => ({ channel: 'web', customerEmail: 'ada@example.com', lines })

/**
 * Every integer parameter: the method, its arguments with `n` in the
 * parameter's place, the field an error names, and whether it is a quantity
 * (refused as invalid_quantity) or another whole number (invalid_input).
 */
const PARAMETERS = [
  ['upsertLocation', (n) => [{ id: 'wh-west', kind: 'warehouse', region: 'US-CA', dailyCapacity: n }], 'dailyCapacity', 'quantity'],
  ['upsertLocation', (n) => [{ id: 'wh-west', kind: 'warehouse', region: 'US-CA', priority: n }], 'priority', 'integer'],
  ['upsertChannel', (n) => [{ id: 'web', kind: 'web', currency: 'USD', locations: ['wh-east'], safetyStock: n }], 'safetyStock', 'quantity'],
  ['upsertChannel', (n) => [{ id: 'web', kind: 'web', currency: 'USD', locations: ['wh-east'], maxDistanceKm: n }], 'maxDistanceKm', 'integer'],
  ['setRegionDistance', (n) => [{ fromRegion: 'US-NY', toRegion: 'US-CA', distanceKm: n }], 'distanceKm', 'integer'],
  ['receiveStock', (n) => [{ sku: 'TEE-M', location: 'wh-east', quantity: n }], 'quantity', 'quantity'],
  ['adjustStock', (n) => [{ sku: 'TEE-M', location: 'wh-east', quantityDelta: n }], 'quantityDelta', 'quantity'],
  ['countStock', (n) => [{ sku: 'TEE-M', location: 'wh-east', counted: n }], 'counted', 'quantity'],
  ['quarantineStock', (n) => [{ sku: 'TEE-M', location: 'wh-east', quantity: n }], 'quantity', 'quantity'],
  ['releaseQuarantine', (n) => [{ sku: 'TEE-M', location: 'wh-east', quantity: n }], 'quantity', 'quantity'],
  ['reserveStock', (n) => [{ reservationId: 'cart-1', channel: 'web', lines: [{ sku: 'TEE-M', quantity: n }], ttlSeconds: 60 }], 'lines[0].quantity', 'quantity'],
  ['reserveStock', (n) => [{ reservationId: 'cart-2', channel: 'web', lines: [{ sku: 'TEE-M', quantity: 1 }], ttlSeconds: n }], 'ttlSeconds', 'integer'],
  ['requestTransfer', (n) => [{ sku: 'TEE-M', fromLocation: 'wh-east', toLocation: 'store-soho', quantity: n }], 'quantity', 'quantity'],
  ['movements', (n) => [{ sku: 'TEE-M', location: 'wh-east', after: n }], 'after', 'integer'],
  ['movements', (n) => [{ sku: 'TEE-M', location: 'wh-east', limit: n }], 'limit', 'integer'],
  ['placeOrder', (n) => [order([line(n)])], 'lines[0].quantity', 'quantity'],
  ['planAllocation', (n) => [order([line(1), line(n)])], 'lines[1].quantity', 'quantity'],
  ['rejectAllocation', (n) => ['ord-0000000001', { lineNumber: n, location: 'wh-east' }], 'lineNumber', 'integer'],
  ['listOrders', (n) => [{ limit: n }], 'limit', 'integer'],
  ['cancelLines', (n) => ['ord-0000000001', { lines: [{ lineNumber: n, quantity: 1 }] }], 'lines[0].lineNumber', 'integer'],
  ['cancelLines', (n) => ['ord-0000000001', { lines: [{ lineNumber: 1, quantity: n }] }], 'lines[0].quantity', 'quantity'],
  ['eventsSince', (n) => [n], 'cursor', 'integer'],
  ['eventsSince', (n) => [0, n], 'limit', 'integer'],
]

/** A shop where every call above can succeed: two locations, a channel, stock and an order of 2 lines. */
function stocked(oms) {
  shop({ stock: 100, oms })
  oms.upsertLocationSync({ id: 'store-soho', kind: 'store', region: 'US-NY' })
  oms.placeOrderSync(order([line(1), line(1)]))
  return oms
}

/** Runs `call`; returns { value } or { error }, where the error must be an OmsError that is not internal_error. */
async function outcome(call, label) {
  try {
    return { value: await call() }
  } catch (error) {
    assert.ok(error instanceof OmsError, `${label}: expected an OmsError, got ${error?.constructor?.name}: ${error?.message}`)
    assert.notEqual(error.code, 'internal_error', `${label}: ${error.message}`)
    assert.ok(error.code !== 'storage_error' && error.code !== 'storage_unavailable', `${label}: ${error.message}`)
    return { error }
  }
}

async function feedExtremes(oms) {
  for (const [method, args, field, kind] of PARAMETERS) {
    for (const n of EXTREMES) {
      for (const form of [`${method}Sync`, method]) {
        const label = `${form} with ${field} = ${Object.is(n, -0) ? '-0' : n}`
        const { error } = await outcome(() => oms[form](...args(n)), label)
        if (!Number.isSafeInteger(n)) {
          // Not a whole number JavaScript holds exactly: refused at the edge, naming the parameter.
          assert.ok(error, `${label} was accepted`)
          assert.equal(error.code, kind === 'quantity' ? 'invalid_quantity' : 'invalid_input', `${label}: ${error.message}`)
        }
        if (error?.category === 'invalid_input') {
          assert.equal(error.field, field, `${label}: ${error.message}`)
        }
      }
    }
  }
  assert.deepEqual(oms.auditSync().violations, [])
}

test('extreme numbers for every integer parameter are typed errors naming it, or valid (memory)', async () => {
  await feedExtremes(stocked(Oms.inMemory()))
})

test('extreme numbers for every integer parameter are typed errors naming it, or valid (SQLite)', async (t) => {
  await feedExtremes(stocked(Oms.open(join(tempDir(t), 'shop.db'))))
})

test('adjustStock refuses a delta beyond what a number holds exactly as invalid_quantity naming quantityDelta', async () => {
  const oms = stocked(Oms.inMemory())
  for (const delta of [-1e300, 1e300, -(2 ** 63), 2 ** 63, 2 ** 53 + 1, NaN, Infinity, -Infinity, 1.5]) {
    const refused = (err) =>
      err instanceof OmsError && err.code === 'invalid_quantity' && err.field === 'quantityDelta' && err.category === 'invalid_input'
    assert.throws(() => oms.adjustStockSync({ sku: 'TEE-M', location: 'wh-east', quantityDelta: delta }), refused, String(delta))
    await assert.rejects(oms.adjustStock({ sku: 'TEE-M', location: 'wh-east', quantityDelta: delta }), refused, String(delta))
  }
  assert.throws(
    () => oms.adjustStockSync({ sku: 'TEE-M', location: 'wh-east', quantityDelta: -1e300 }),
    { message: 'quantityDelta: must be a whole number between -(2 ** 53 - 1) and 2 ** 53 - 1, got -1e+300' },
  )
  // -0 is zero, which the core refuses as a delta; the stock is untouched throughout.
  assert.throws(() => oms.adjustStockSync({ sku: 'TEE-M', location: 'wh-east', quantityDelta: -0 }), { code: 'invalid_quantity', field: 'quantityDelta' })
  assert.equal(oms.stockLevelSync({ sku: 'TEE-M', location: 'wh-east' }).onHand, 100)
})
