// Payments from Node: tenders of several kinds on one order, captured,
// voided, refunded and failed, idempotent on the gateway reference, the
// order's payment status with exact sums, both method forms, and bad input.

import assert from 'node:assert/strict'
import { test } from 'node:test'

import { ERROR_CODES, EVENT_TYPES, PAYMENT_TRANSITIONS } from '../index.js'
import { assertClean, bothFail, orderInput, shop } from './helpers.mjs'

/** A shop and an order of two T-shirts at 19.99 (no tax): 39.98 USD. */
function withOrder() {
  const oms = shop()
  const order = oms.placeOrderSync(orderInput())
  assert.equal(order.total, '39.98')
  return { oms, order }
}

test('mixed tenders take an order from unpaid to refunded', async () => {
  const { oms, order } = withOrder()
  assert.equal(oms.orderPaymentsSync(order.id).status, 'unpaid')
  const gift = await oms.authorizePayment(order.id, {
    paymentId: 'gift-1',
    kind: 'gift_card',
    amount: '10',
    gatewayReference: 'gc-1',
  })
  assert.deepEqual([gift.id, gift.kind, gift.status, gift.currency, gift.authorized], [
    'gift-1',
    'gift_card',
    'authorized',
    'USD',
    '10.00',
  ])
  const card = oms.authorizePaymentSync(order.id, { kind: 'card', amount: '29.98', gatewayReference: 'ch_1' })
  assert.equal(card.id, 'pay-0000000001')
  assert.equal((await oms.orderPayments(order.id)).status, 'authorized')

  await oms.capturePayment(gift.id, { amount: '10.00', gatewayReference: 'gc-cap-1' })
  assert.equal(oms.orderPaymentsSync(order.id).status, 'partially_paid')
  assert.equal(oms.capturePaymentSync(card.id, { amount: '20', gatewayReference: 'cap_1' }).status, 'partially_captured')
  assert.equal((await oms.capturePayment(card.id, { amount: '9.98', gatewayReference: 'cap_2' })).status, 'captured')
  const paid = oms.orderPaymentsSync(order.id)
  assert.deepEqual(
    [paid.status, paid.total, paid.authorized, paid.captured, paid.refunded, paid.balance],
    ['paid', '39.98', '39.98', '39.98', '0.00', '0.00'],
  )
  assert.deepEqual(
    paid.payments.map((payment) => payment.id),
    ['gift-1', 'pay-0000000001'],
  )

  assert.equal(oms.refundPaymentSync(card.id, { amount: '5', gatewayReference: 're_1' }).status, 'partially_refunded')
  assert.equal(oms.orderPaymentsSync(order.id).status, 'partially_refunded')
  await oms.refundPayment(card.id, { amount: '24.98', gatewayReference: 're_2' })
  oms.refundPaymentSync(gift.id, { amount: '10', gatewayReference: 'gc-re-1' })
  const refunded = await oms.orderPayments(order.id)
  assert.deepEqual([refunded.status, refunded.balance], ['refunded', '39.98'])
  assert.deepEqual(
    oms.getPaymentSync(card.id).transactions.map((t) => [t.action, t.amount, t.gatewayReference]),
    [
      ['authorize', '29.98', 'ch_1'],
      ['capture', '20.00', 'cap_1'],
      ['capture', '9.98', 'cap_2'],
      ['refund', '5.00', 're_1'],
      ['refund', '24.98', 're_2'],
    ],
  )
  const events = oms.eventsSinceSync(0).map((record) => record.type)
  assert.equal(events.filter((type) => type.startsWith('payment_')).length, 8)
  await assertClean(oms)
})

test('void, fail and overpaid', async () => {
  const { oms, order } = withOrder()
  const held = oms.authorizePaymentSync(order.id, { kind: 'card', amount: '39.98', gatewayReference: 'a-1' })
  oms.capturePaymentSync(held.id, { amount: '30', gatewayReference: 'c-1' })
  const voided = await oms.voidPayment(held.id, { gatewayReference: 'v-1' })
  assert.deepEqual([voided.status, voided.voided], ['captured', '9.98'])
  const cod = oms.authorizePaymentSync(order.id, { kind: 'cash_on_delivery', amount: '9.98', gatewayReference: 'cod-1' })
  const failed = await oms.failPayment(cod.id, { gatewayReference: 'cod-refused', reason: 'parcel refused' })
  assert.deepEqual([failed.status, failed.failureReason], ['failed', 'parcel refused'])
  const cash = oms.authorizePaymentSync(order.id, { kind: 'cash', amount: '20', gatewayReference: 'till-1' })
  oms.capturePaymentSync(cash.id, { amount: '20', gatewayReference: 'till-1-cap' })
  const summary = oms.orderPaymentsSync(order.id)
  assert.deepEqual([summary.status, summary.balance], ['overpaid', '-10.02'])
})

test('the gateway reference and the idempotency key make commands idempotent', async () => {
  const { oms, order } = withOrder()
  const first = oms.authorizePaymentSync(order.id, { kind: 'card', amount: '39.98', gatewayReference: 'ch_1' })
  assert.deepEqual(
    oms.authorizePaymentSync(order.id, { kind: 'card', amount: '39.980', gatewayReference: 'ch_1' }),
    first,
  )
  const captured = oms.capturePaymentSync(first.id, { amount: '1', gatewayReference: 'cap_1' })
  const events = oms.eventsSinceSync(0).length
  assert.deepEqual(await oms.capturePayment(first.id, { amount: '1.00', gatewayReference: 'cap_1' }), captured)
  assert.equal(oms.eventsSinceSync(0).length, events)
  try {
    oms.capturePaymentSync(first.id, { amount: '2', gatewayReference: 'cap_1' })
    assert.fail('a reused reference with another amount must throw')
  } catch (error) {
    assert.equal(error.code, 'gateway_reference_reused')
    assert.equal(error.field, 'gatewayReference')
    assert.deepEqual(error.details, { reference: 'cap_1', payment: first.id })
  }
  const keyed = { amount: '1', gatewayReference: 're_1', idempotencyKey: 'k-1' }
  const refunded = oms.refundPaymentSync(first.id, keyed)
  assert.deepEqual(await oms.refundPayment(first.id, keyed), refunded)
  await bothFail(oms, 'refundPayment', [first.id, { ...keyed, gatewayReference: 're_2' }], 'idempotency_key_reused')
})

test('payment tables, codes and events are exported', () => {
  assert.ok(PAYMENT_TRANSITIONS.some(([from, to]) => from === 'authorized' && to === 'captured'))
  assert.ok(Object.isFrozen(PAYMENT_TRANSITIONS))
  for (const code of ['payment_not_found', 'gateway_reference_reused', 'capture_exceeds_authorized', 'refund_exceeds_captured', 'payment_exists']) {
    assert.ok(ERROR_CODES.includes(code), code)
  }
  for (const type of ['payment_authorized', 'payment_captured', 'payment_voided', 'payment_refunded', 'payment_failed']) {
    assert.ok(EVENT_TYPES.includes(type), type)
  }
})

test('bad input is refused in both forms and changes nothing', async () => {
  const { oms, order } = withOrder()
  const card = oms.authorizePaymentSync(order.id, { kind: 'card', amount: '39.98', gatewayReference: 'ch_1' })
  const before = JSON.stringify([oms.orderPaymentsSync(order.id), oms.eventsSinceSync(0)])
  const authorize = (extra) => [order.id, { kind: 'card', amount: '1', gatewayReference: 'a-2', ...extra }]
  const capture = (extra) => [card.id, { amount: '1', gatewayReference: 'c-2', ...extra }]
  const cases = [
    ['capture above the authorized amount', 'capturePayment', capture({ amount: '39.99' }), 'capture_exceeds_authorized', 'amount'],
    ['refund of an uncaptured payment', 'refundPayment', capture({ gatewayReference: 'r-1' }), 'illegal_transition', null],
    ['a tender in another currency', 'authorizePayment', authorize({ currency: 'EUR' }), 'currency_mismatch', 'currency'],
    ['an amount finer than the cent', 'capturePayment', capture({ amount: '0.001' }), 'invalid_amount', 'amount'],
    ['a negative amount', 'authorizePayment', authorize({ amount: '-1' }), 'invalid_amount', 'amount'],
    ['a zero amount', 'capturePayment', capture({ amount: '0' }), 'invalid_amount', 'amount'],
    ['a JS number for money', 'capturePayment', capture({ amount: 1 }), 'invalid_input', 'amount'],
    ['a JS fraction for money', 'authorizePayment', authorize({ amount: 1.5 }), 'invalid_input', 'amount'],
    ['an unknown order', 'authorizePayment', ['ord-404', authorize()[1]], 'order_not_found', null],
    ['an unknown payment', 'voidPayment', ['pay-404', { gatewayReference: 'v-1' }], 'payment_not_found', null],
    ['an unknown payment to read', 'getPayment', ['pay-404'], 'payment_not_found', null],
    ['an unknown order to read', 'orderPayments', ['ord-404'], 'order_not_found', null],
    ['a reused reference with another amount', 'authorizePayment', authorize({ amount: '20', gatewayReference: 'ch_1' }), 'gateway_reference_reused', 'gatewayReference'],
    ['a payment id already taken', 'authorizePayment', authorize({ paymentId: card.id }), 'payment_exists', 'paymentId'],
    ['an empty payment id', 'authorizePayment', authorize({ paymentId: '' }), 'invalid_identifier', 'paymentId'],
    ['a payment id too long', 'getPayment', ['p'.repeat(65)], 'invalid_identifier', 'paymentId'],
    ['an unknown kind', 'authorizePayment', authorize({ kind: 'cheque' }), 'invalid_input', 'kind'],
    ['an empty gateway reference', 'failPayment', [card.id, { gatewayReference: '' }], 'invalid_identifier', 'gatewayReference'],
    ['a missing gateway reference', 'voidPayment', [card.id, {}], 'invalid_input', 'gatewayReference'],
  ]
  for (const [what, method, args, code, field] of cases) {
    await bothFail(oms, method, args, code, field === null ? undefined : field).catch((error) => {
      throw new Error(`${what}: ${error.message}`)
    })
  }
  assert.equal(JSON.stringify([oms.orderPaymentsSync(order.id), oms.eventsSinceSync(0)]), before)
})
