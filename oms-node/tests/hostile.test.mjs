// Input written by a careless or hostile caller: getters and Proxy traps
// that throw, strings that are not valid Unicode, option names inside a
// target string. Each is refused as bad input naming the field; none
// becomes internal_error or leaves an exception pending.

import assert from 'node:assert/strict'
import { test } from 'node:test'

import { OmsError } from '../index.js'
import { orderInput, shop } from './helpers.mjs'

/** A predicate for assert.throws / assert.rejects: an OmsError with `code`, `field` and exactly `message`. */
function refused(code, field, message) {
  return (err) => {
    assert.ok(err instanceof OmsError, `expected an OmsError, got ${err?.constructor?.name}: ${err?.message}`)
    assert.equal(err.code, code, err.message)
    assert.equal(err.field, field, err.message)
    assert.equal(err.message, message)
    return true
  }
}

/** Asserts that `method` refuses `makeArgs()` with the same error in its Sync and async forms. */
async function bothRefuse(instance, method, makeArgs, code, field, message) {
  assert.throws(() => instance[`${method}Sync`](...makeArgs()), refused(code, field, message), `${method}Sync`)
  await assert.rejects(instance[method](...makeArgs()), refused(code, field, message), method)
}

function boom() {
  throw new Error('boom')
}

test('a getter that throws on a command or line object is invalid_input naming the field, with its message', async () => {
  const oms = shop()
  await bothRefuse(
    oms,
    'placeOrder',
    () => [{ ...orderInput(), get customerEmail() { return boom() } }],
    'invalid_input',
    'customerEmail',
    'customerEmail: getter threw: boom',
  )
  await bothRefuse(
    oms,
    'placeOrder',
    () => [orderInput({ lines: [{ sku: 'TEE-M', quantity: 1, get unitPrice() { return boom() } }] })],
    'invalid_input',
    'lines[0].unitPrice',
    'lines[0].unitPrice: getter threw: boom',
  )
  await bothRefuse(
    oms,
    'reserveStock',
    () => [{ reservationId: 'cart-1', channel: 'web', ttlSeconds: 60, lines: [{ sku: 'TEE-M', get quantity() { return boom() } }] }],
    'invalid_input',
    'lines[0].quantity',
    'lines[0].quantity: getter threw: boom',
  )
  await bothRefuse(
    oms,
    'upsertChannel',
    () => [{ id: 'web', kind: 'web', currency: 'USD', locations: ['wh-east'], taxRates: { get standard() { return boom() } } }],
    'invalid_input',
    'taxRates.standard',
    'taxRates.standard: getter threw: boom',
  )
  await bothRefuse(
    oms,
    'cancelOrder',
    () => ['ord-0000000001', { get reason() { return boom() } }],
    'invalid_input',
    'reason',
    'reason: getter threw: boom',
  )
  assert.deepEqual(oms.listOrdersSync().orders, [], 'nothing was written')
})

test('an array element whose getter throws is invalid_input naming the element', async () => {
  const oms = shop()
  const lines = () => {
    const array = [{ sku: 'TEE-M', quantity: 1, unitPrice: '1.00' }]
    Object.defineProperty(array, 0, { get: boom })
    return array
  }
  await bothRefuse(oms, 'placeOrder', () => [orderInput({ lines: lines() })], 'invalid_input', 'lines[0]', 'lines[0]: getter threw: boom')
  const skus = ['TEE-M']
  Object.defineProperty(skus, 0, { get: boom })
  assert.throws(
    () => oms.availabilitySync({ channel: 'web', skus }),
    refused('invalid_input', 'skus[0]', 'skus[0]: getter threw: boom'),
  )
})

test('a Proxy whose traps throw is invalid_input naming the object or the field', async () => {
  const oms = shop()
  await bothRefuse(
    oms,
    'placeOrder',
    () => [new Proxy(orderInput(), { get: boom })],
    'invalid_input',
    'channel',
    'channel: getter threw: boom',
  )
  await bothRefuse(
    oms,
    'placeOrder',
    () => [new Proxy(orderInput(), { ownKeys: boom })],
    'invalid_input',
    'input',
    'input: listing its keys threw: boom',
  )
  await bothRefuse(
    oms,
    'placeOrder',
    () => [orderInput({ lines: [new Proxy({ sku: 'TEE-M', quantity: 1, unitPrice: '1.00' }, { ownKeys: boom })] })],
    'invalid_input',
    'lines[0]',
    'lines[0]: listing its keys threw: boom',
  )
  await bothRefuse(
    oms,
    'placeOrder',
    () => [orderInput({ lines: [new Proxy({ sku: 'TEE-M', quantity: 1, unitPrice: '1.00' }, { get: boom })] })],
    'invalid_input',
    'lines[0].sku',
    'lines[0].sku: getter threw: boom',
  )
  const revocable = () => {
    const { proxy, revoke } = Proxy.revocable(orderInput(), {})
    revoke()
    return [proxy]
  }
  await bothRefuse(
    oms,
    'placeOrder',
    revocable,
    'invalid_input',
    'input',
    "input: listing its keys threw: Cannot perform 'ownKeys' on a proxy that has been revoked",
  )
  // Reading an object never asks whether it has a key, so a `has` trap that
  // throws is never run: the input is read as it is.
  const order = await oms.placeOrder(new Proxy(orderInput(), { has: boom }))
  assert.equal(order.status, 'allocated')
})

test('whatever a getter throws, its text is kept and the error is invalid_input', async () => {
  const oms = shop()
  const throwing = (thrown) => () => [{ ...orderInput(), get channel() { throw thrown } }]
  await bothRefuse(oms, 'placeOrder', throwing('plain text'), 'invalid_input', 'channel', 'channel: getter threw: plain text')
  await bothRefuse(oms, 'placeOrder', throwing(null), 'invalid_input', 'channel', 'channel: getter threw: null')
  await bothRefuse(oms, 'placeOrder', throwing(42), 'invalid_input', 'channel', 'channel: getter threw: 42')
  await bothRefuse(
    oms,
    'placeOrder',
    throwing(new TypeError('x'.repeat(500))),
    'invalid_input',
    'channel',
    `channel: getter threw: ${'x'.repeat(200)}…`,
  )
  // Values whose text cannot be had without running more of the caller's code that throws.
  const unreadable = new Error('hidden')
  Object.defineProperty(unreadable, 'message', { get: boom })
  for (const thrown of [Symbol('s'), unreadable]) {
    await bothRefuse(
      oms,
      'placeOrder',
      throwing(thrown),
      'invalid_input',
      'channel',
      'channel: getter threw: a value that cannot be shown as text',
    )
  }
})

test('a getter that throws leaves no exception pending for the next call', async () => {
  const oms = shop()
  const rejected = oms.placeOrder({ ...orderInput(), get lines() { return boom() } })
  // Called in the same tick: it would throw the pending exception if the failed read had left it.
  const order = oms.placeOrderSync(orderInput())
  assert.equal(order.status, 'allocated')
  await assert.rejects(rejected, refused('invalid_input', 'lines', 'lines: getter threw: boom'))
  assert.throws(
    () => oms.placeOrderSync({ ...orderInput(), get lines() { return boom() } }),
    refused('invalid_input', 'lines', 'lines: getter threw: boom'),
  )
  assert.equal((await oms.placeOrder(orderInput())).status, 'allocated')
  assert.equal(oms.listOrdersSync().orders.length, 2)
})

test('a string with a lone UTF-16 surrogate is invalid_input naming the field, never stored altered', async () => {
  const oms = shop()
  const lone = (field, unit, position) =>
    `${field}: is not valid Unicode: a lone surrogate 0x${unit} at UTF-16 position ${position}`
  await bothRefuse(
    oms,
    'upsertProduct',
    () => [{ sku: 'TEE-M', name: 'T-shirt \uD800' }],
    'invalid_input',
    'name',
    lone('name', 'D800', 8),
  )
  await bothRefuse(
    oms,
    'upsertProduct',
    () => [{ sku: 'TEE-M', name: '\uDC00 T-shirt' }],
    'invalid_input',
    'name',
    lone('name', 'DC00', 0),
  )
  await bothRefuse(
    oms,
    'placeOrder',
    () => [orderInput({ lines: [{ sku: 'TEE-M', quantity: 1, unitPrice: '19.99' }], shipToRegion: 'US-\uD83D' })],
    'invalid_input',
    'shipToRegion',
    lone('shipToRegion', 'D83D', 3),
  )
  await bothRefuse(
    oms,
    'placeOrder',
    () => [orderInput({ lines: [{ sku: 'TEE-M', quantity: 1, unitPrice: '19.99\uDFFF' }] })],
    'invalid_input',
    'lines[0].unitPrice',
    lone('lines[0].unitPrice', 'DFFF', 5),
  )
  await bothRefuse(oms, 'getOrder', () => ['ord-\uD800'], 'invalid_input', 'orderId', lone('orderId', 'D800', 4))
  await bothRefuse(
    oms,
    'upsertChannel',
    () => [{ id: 'web', kind: 'web', currency: 'USD', locations: ['wh-east'], taxRates: { 'reduced\uD800': '0.05' } }],
    'invalid_input',
    'taxRates',
    lone('taxRates', 'D800', 7),
  )
  assert.equal(oms.upsertProductSync({ sku: 'TEE-M', name: 'T-shirt, medium' }).name, 'T-shirt, medium', 'the product was not altered')

  // A surrogate pair is one character, and reads back as written.
  const order = await oms.placeOrder(orderInput())
  const held = await oms.holdOrder(order.id, { reason: 'fraud review 🕵️' })
  assert.equal(held.holdReason, 'fraud review 🕵️')
  await assert.rejects(
    oms.holdOrder(order.id, { reason: 'fraud review \uD83D' }),
    refused('invalid_input', 'reason', lone('reason', 'D83D', 13)),
  )
})
