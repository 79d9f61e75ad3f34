// placeOrder with what fulfilment needs (issue 9): shipping and billing
// addresses, shipping method, external reference and metadata, read back
// normalised; bad input refused with its field named and nothing written.

import assert from 'node:assert/strict'
import { test } from 'node:test'

import { bothFail, orderInput, shop } from './helpers.mjs'

const address = (overrides = {}) => ({
  name: ' Ada Lovelace ',
  lines: ["12 St James's Square", 'Flat 3'],
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'gb',
  phone: '+44 20 7946 0000',
  ...overrides,
})

test('addresses, method, reference and metadata read back normalised', async () => {
  const oms = shop()
  const order = await oms.placeOrder(
    orderInput({
      shippingAddress: { name: 'Ada', lines: ['1 Main St'], city: 'Springfield', country: 'us' },
      billingAddress: address({ company: 'Analytical Engines Ltd' }),
      shippingMethod: ' express ',
      externalReference: 'SHOP-1001',
      metadata: { gift: 'yes', 'source:campaign': 'winter' },
    }),
  )
  assert.equal(order.shippingAddress.country, 'US')
  assert.deepEqual(order.billingAddress, {
    name: 'Ada Lovelace',
    company: 'Analytical Engines Ltd',
    lines: ["12 St James's Square", 'Flat 3'],
    city: 'London',
    region: null,
    postalCode: 'SW1Y 4JH',
    country: 'GB',
    phone: '+44 20 7946 0000',
  })
  assert.equal(order.shippingMethod, 'express')
  assert.equal(order.externalReference, 'SHOP-1001')
  assert.deepEqual(order.metadata, { gift: 'yes', 'source:campaign': 'winter' })
  assert.deepEqual(oms.getOrderSync(order.id), order)
  assert.deepEqual(JSON.parse(JSON.stringify(order)), order)
  const plain = oms.placeOrderSync(orderInput({ lines: [{ sku: 'TEE-M', quantity: 1, unitPrice: '1.00' }] }))
  assert.equal(plain.shippingAddress, null)
  assert.deepEqual(plain.metadata, {})
})

test('bad details are refused naming their field, and write nothing', async () => {
  const oms = shop()
  const cases = [
    [{ shippingAddress: address({ country: 'XX' }) }, 'invalid_input', 'shippingAddress.country'],
    [{ shippingAddress: address({ lines: [] }) }, 'invalid_input', 'shippingAddress.lines'],
    [{ shippingAddress: address({ lines: ['a', 'a', 'a', 'a'] }) }, 'limit_exceeded', 'shippingAddress.lines'],
    [{ shippingAddress: address({ lines: ['a', 'x'.repeat(201)] }) }, 'limit_exceeded', 'shippingAddress.lines[1]'],
    [{ shippingAddress: address({ name: '  ' }) }, 'invalid_input', 'shippingAddress.name'],
    [{ shippingAddress: address({ phone: 'call me' }) }, 'invalid_input', 'shippingAddress.phone'],
    [{ shippingAddress: address({ postalCode: '1'.repeat(21) }) }, 'limit_exceeded', 'shippingAddress.postalCode'],
    [{ shippingAddress: address({ country: 7 }) }, 'invalid_input', 'shippingAddress.country'],
    [{ shippingAddress: address({ planet: 'Mars' }) }, 'invalid_input', 'shippingAddress.planet'],
    [{ shippingAddress: '1 Main St' }, 'invalid_input', 'shippingAddress'],
    [{ shippingMethod: 'x'.repeat(65) }, 'limit_exceeded', 'shippingMethod'],
    [{ externalReference: 'r'.repeat(129) }, 'limit_exceeded', 'externalReference'],
    [{ metadata: Object.fromEntries(Array.from({ length: 33 }, (_, n) => [`k${n}`, 'v'])) }, 'limit_exceeded', 'metadata'],
    [{ metadata: { 'has space': 'v' } }, 'invalid_input', 'metadata.has space'],
    [{ metadata: { note: 'v'.repeat(501) } }, 'limit_exceeded', 'metadata.note'],
    [{ metadata: { count: 3 } }, 'invalid_input', 'metadata.count'],
    [{ metadata: ['gift'] }, 'invalid_input', 'metadata'],
  ]
  for (const [overrides, code, field] of cases) {
    await bothFail(oms, 'placeOrder', [orderInput(overrides)], code, field)
  }
  assert.deepEqual(oms.listOrdersSync().orders, [])
})
