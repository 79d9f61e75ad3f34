import assert from 'node:assert/strict'
import { Oms, OmsError } from 'oms-kit'

const shop = Oms.open('quickstart.db')
await shop.upsertLocation({ id: 'wh-east', kind: 'warehouse', region: 'US-NY' })
await shop.upsertChannel({ id: 'web', kind: 'web', currency: 'USD', locations: ['wh-east'] })
await shop.upsertProduct({ sku: 'TEE-M', name: 'T-shirt, medium' })
await shop.receiveStock({ sku: 'TEE-M', location: 'wh-east', quantity: 5 })

const lines = [{ sku: 'TEE-M', quantity: 2, unitPrice: '19.99' }]
const order = await shop.placeOrder({ idempotencyKey: 'checkout-1001', channel: 'web',
                                      customerEmail: 'ada@example.com', lines })
assert.equal(order.total, '39.98')
assert.equal(order.status, 'allocated')

// A cart reserves stock for 15 minutes; placing its order converts the reservation.
await shop.reserveStock({ reservationId: 'cart-42', channel: 'web', lines: [{ sku: 'TEE-M', quantity: 1 }], ttlSeconds: 900 })
const [tee] = await shop.availability({ channel: 'web', skus: ['TEE-M'] })
assert.equal(tee.available, 2)
const fromCart = await shop.placeOrder({ reservationId: 'cart-42', channel: 'web', customerEmail: 'bob@example.com',
                                         lines: [{ sku: 'TEE-M', quantity: 1, unitPrice: '19.99' }] })
assert.equal((await shop.getReservation('cart-42')).orderId, fromCart.id)

assert.throws(
  () => shop.placeOrderSync({ channel: 'web', customerEmail: 'bob@example.com',
                              lines: [{ sku: 'TEE-M', quantity: 9, unitPrice: '19.99' }] }),
  (err) => err instanceof OmsError && err.code === 'insufficient_stock')
