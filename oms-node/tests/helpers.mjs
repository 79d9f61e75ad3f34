// Shared set-up for the node:test suites: a small shop and assertions on
// the error every method throws or rejects with.

import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { Oms, OmsError } from '../index.js'

/** An in-memory shop with one warehouse, one USD web channel, one product and `stock` units. */
export function shop({ stock = 10, oms = Oms.inMemory() } = {}) {
  oms.upsertLocationSync({ id: 'wh-east', kind: 'warehouse', region: 'US-NY' })
  oms.upsertChannelSync({ id: 'web', kind: 'web', currency: 'USD', locations: ['wh-east'] })
  oms.upsertProductSync({ sku: 'TEE-M', name: 'T-shirt, medium' })
  if (stock > 0) {
    oms.receiveStockSync({ sku: 'TEE-M', location: 'wh-east', quantity: stock })
  }
  return oms
}

/** A valid placeOrder input; `overrides` replace top-level fields. */
export function orderInput(overrides = {}) {
  return {
    channel: 'web',
    customerEmail: 'ada@example.com',
    lines: [{ sku: 'TEE-M', quantity: 2, unitPrice: '19.99' }],
    ...overrides,
  }
}

/** A predicate for assert.throws / assert.rejects: an OmsError with `code` (and `field`). */
export function oms(code, field) {
  return (err) => {
    assert.ok(err instanceof OmsError, `expected an OmsError, got ${err?.constructor?.name}: ${err?.message}`)
    assert.ok(err instanceof Error)
    assert.equal(err.name, 'OmsError')
    assert.equal(err.code, code, err.message)
    assert.equal(typeof err.category, 'string')
    if (field !== undefined) {
      assert.equal(err.field, field, err.message)
    }
    return true
  }
}

/** Asserts that the Sync form throws and the async form rejects with `code`. */
export async function bothFail(instance, method, args, code, field) {
  assert.throws(() => instance[`${method}Sync`](...args), oms(code, field), `${method}Sync`)
  const promise = instance[method](...args)
  assert.ok(promise instanceof Promise, `${method} must return a Promise even for bad input`)
  await assert.rejects(promise, oms(code, field), method)
}

/** A fresh temporary directory, removed when the test ends. */
export function tempDir(t) {
  const dir = mkdtempSync(join(tmpdir(), 'oms-node-test-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** Asserts that `audit()` finds every invariant holding. */
export async function assertClean(oms) {
  assert.deepEqual((await oms.audit()).violations, [])
}

/** A placeOrder (or planAllocation) input buying `quantity` of `sku` on `channel`. */
export function buy(channel, sku, quantity, extra = {}) {
  return { channel, customerEmail: 'ada@example.com', lines: [{ sku, quantity, unitPrice: '10.00' }], ...extra }
}

/** The stock of `sku` at `location`, synchronously. */
export function level(oms, sku, location) {
  return oms.stockLevelSync({ sku, location })
}
