// Replaying the event log (verifyReplay) and the units-sold projection, as a
// Node storefront would call them, in memory and on SQLite.

import assert from 'node:assert/strict'
import { join } from 'node:path'
import test from 'node:test'

import { EVENT_TYPES, Oms } from '../index.js'
import { bothFail, orderInput, shop, tempDir } from './helpers.mjs'

for (const backend of ['memory', 'sqlite']) {
  const open = (t) => (backend === 'memory' ? Oms.inMemory() : Oms.open(join(tempDir(t), 'shop.db')))

  test(`${backend}: every order replays from its events`, async (t) => {
    const store = shop({ oms: open(t) })
    const first = await store.placeOrder(orderInput({ lines: [{ sku: 'TEE-M', quantity: 3, unitPrice: '5.00' }] }))
    await store.cancelLines(first.id, { lines: [{ lineNumber: 1, quantity: 1 }] })
    await store.holdOrder(first.id, { reason: 'fraud review' })
    const second = await store.placeOrder(orderInput())
    await store.cancelOrder(second.id, { reason: 'changed their mind' })
    const report = await store.verifyReplay()
    assert.deepEqual(report.mismatches, [])
    assert.equal(report.ordersChecked, 2)
    assert.equal(report.ordersNotReplayable, 0)
    assert.deepEqual(store.verifyReplaySync(), report)
    assert.ok(EVENT_TYPES.includes('order_cancelled'))
  })

  test(`${backend}: units sold follow orders and cancellations`, async (t) => {
    const store = shop({ oms: open(t) })
    assert.equal(await store.unitsSold({ sku: 'TEE-M', channel: 'web' }), 0)
    const order = await store.placeOrder(orderInput({ lines: [{ sku: 'TEE-M', quantity: 3, unitPrice: '5.00' }] }))
    assert.equal(store.unitsSoldSync({ sku: 'TEE-M', channel: 'web' }), 3)
    await store.cancelLines(order.id, { lines: [{ lineNumber: 1, quantity: 2 }] })
    assert.equal(await store.unitsSold({ sku: 'TEE-M', channel: 'web' }), 1)
    await bothFail(store, 'unitsSold', [{ sku: '', channel: 'web' }], 'invalid_identifier', 'sku')
    await bothFail(store, 'unitsSold', [{ sku: 'TEE-M', channel: 7 }], 'invalid_input', 'channel')
  })
}
