// One OS process of the multi-process PostgreSQL tests (postgres.test.mjs),
// started with child_process.fork and the job as JSON in argv[2]:
// { mode, url, number, ... }.
//
// The worker opens the shop first (except in mode "open", where opening is
// what is under test), sends { ready: true }, waits for the parent's 'go' so
// that every worker starts at once, does its job and sends { result }.
// Expected refusals are counted by code; anything else is sent back as
// { error } and the process exits non-zero.

import { Oms, OmsError } from '../index.js'

const job = JSON.parse(process.argv[2])

/** Alternates orders and checkout reservations for one hot SKU; reports the units granted. */
async function hot(shop) {
  const { number, sku, attempts } = job
  let seed = job.seed + 1
  const random = () => {
    // A small LCG, so each worker's quantities are reproducible.
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }
  const result = { allocated: 0, reserved: 0, orders: 0, reservations: 0, refused: {} }
  for (let attempt = 0; attempt < attempts; attempt++) {
    const quantity = 1 + Math.floor(random() * 3)
    try {
      if ((number + attempt) % 2 === 0) {
        const order = await shop.placeOrder({
          channel: 'web',
          customerEmail: `w${number}@example.com`,
          lines: [{ sku, quantity, unitPrice: '5.00' }],
        })
        if (order.status !== 'allocated' || order.lines[0].allocated !== quantity) {
          throw new Error(`order ${order.id} is ${order.status} with ${order.lines[0].allocated} of ${quantity} allocated`)
        }
        result.allocated += order.lines[0].allocated
        result.orders += 1
      } else {
        const reservation = await shop.reserveStock({ reservationId: `cart-${number}-${attempt}`, channel: 'web', lines: [{ sku, quantity }], ttlSeconds: 3600 })
        const units = reservation.lines[0].allocations.reduce((sum, a) => sum + a.quantity, 0)
        if (units !== quantity) {
          throw new Error(`reservation ${reservation.id} reserves ${units} of ${quantity}`)
        }
        result.reserved += units
        result.reservations += 1
      }
    } catch (err) {
      if (!(err instanceof OmsError) || !['insufficient_stock', 'conflict'].includes(err.code)) {
        throw err
      }
      result.refused[err.code] = (result.refused[err.code] ?? 0) + 1
    }
  }
  return result
}

/** Even workers use the `...Sync` form, odd ones the Promise. */
const call = (shop, method, input) => (job.number % 2 === 0 ? shop[`${method}Sync`](input) : shop[method](input))

async function sameOrder(shop) {
  const order = await call(shop, 'placeOrder', {
    idempotencyKey: job.key,
    channel: 'web',
    customerEmail: 'ada@example.com',
    lines: [{ sku: job.sku, quantity: job.quantity, unitPrice: '5.00' }],
  })
  return { id: order.id, sequence: order.sequence, version: order.version, allocated: order.lines[0].allocated }
}

async function sameReservation(shop) {
  const reservation = await call(shop, 'reserveStock', {
    reservationId: job.reservationId,
    idempotencyKey: job.key,
    channel: 'web',
    lines: [{ sku: job.sku, quantity: job.quantity }],
    ttlSeconds: 3600,
  })
  const units = reservation.lines[0].allocations.reduce((sum, a) => sum + a.quantity, 0)
  return { id: reservation.id, status: reservation.status, version: reservation.version, createdAt: reservation.createdAt, units }
}

/** Opens a schema nobody has opened yet, then uses it. */
async function openNew() {
  const { number } = job
  const started = performance.now()
  const shop = Oms.open(job.url)
  const openMs = performance.now() - started
  await shop.upsertLocation({ id: `wh-${number}`, kind: 'warehouse', region: 'US' })
  await shop.upsertProduct({ sku: `SKU-${number}`, name: `Product ${number}` })
  const level = await shop.receiveStock({ sku: `SKU-${number}`, location: `wh-${number}`, quantity: number + 1 })
  return { onHand: level.onHand, openMs }
}

/**
 * Mode "closed": the pool was filled before 'ready', and the parent has
 * terminated its connections since; what do the next calls meet?
 */
async function closed(shop) {
  const outcomes = []
  for (let i = 0; i < 20; i++) {
    try {
      shop.availableSync({ sku: 'HOT', channel: 'web' })
      outcomes.push('ok')
    } catch (err) {
      if (!(err instanceof OmsError)) throw err
      outcomes.push(err.code)
    }
  }
  return outcomes
}

/**
 * Mode "killed": four concurrent callers place orders while the parent
 * terminates connections during COMMIT; reports each order's outcome by name.
 */
async function killed(shop) {
  const outcomes = {}
  const place = async (name) => {
    try {
      await shop.placeOrder({
        idempotencyKey: name,
        channel: 'web',
        customerEmail: `${name}@example.com`,
        lines: [{ sku: 'HOT', quantity: 1, unitPrice: '5' }],
      })
      outcomes[name] = 'ok'
    } catch (err) {
      if (!(err instanceof OmsError)) throw err
      outcomes[name] = err.code
    }
  }
  for (let round = 0; round < job.rounds; round++) {
    await Promise.all([0, 1, 2, 3].map(async (writer) => {
      for (let n = 0; n < 25; n++) await place(`r${round}w${writer}n${n}`)
    }))
    if (Object.values(outcomes).filter((code) => code !== 'ok').length >= 40) break
  }
  return outcomes
}

function send(message) {
  return new Promise((resolve, reject) => process.send(message, (err) => (err ? reject(err) : resolve())))
}

try {
  const shop = job.mode === 'open' ? null : Oms.open(job.url)
  if (job.mode === 'closed') {
    // Several pooled connections, all idle once this resolves.
    await Promise.all(Array.from({ length: 16 }, () => shop.stockLevels()))
  }
  const go = new Promise((resolve) => process.once('message', resolve))
  await send({ ready: true })
  if ((await go) !== 'go') {
    throw new Error('the parent did not say go')
  }
  const run = { hot, sameOrder, sameReservation, closed, killed, open: openNew }[job.mode]
  const result = await run(shop)
  await send({ result })
  process.disconnect()
} catch (err) {
  await send({ error: { code: err?.code ?? null, message: String(err?.stack ?? err) } }).catch(() => {})
  process.exit(1)
}
