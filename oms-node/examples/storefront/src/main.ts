// `node dist/main.js`: the storefront, and its outbox consumer when a carrier is named.
//
//   npm run build && node dist/main.js --db shop.db --seed --carrier-url http://127.0.0.1:8090
//
// One process: Express serves the routes over one `Oms` (the library's
// Promise methods run on libuv's thread pool), and an async loop forwards
// shipments handed over to the carrier. `--port 0` takes a free port; the
// first line printed says which. SIGINT or SIGTERM stops both and closes the
// store. Several processes can share one database (each opens its own `Oms`),
// and a consumer can run in each, since booking and shipping are idempotent.

import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { parseArgs } from 'node:util'

import { Oms } from 'oms-kit'

import { createApp } from './app.js'
import { CarrierForwarder } from './outbox.js'

/** A warehouse, a USD web channel and two products with stock; safe to run again. */
async function seed(shop: Oms): Promise<void> {
  await shop.upsertLocation({ id: 'wh-east', kind: 'warehouse', region: 'US-NY' })
  await shop.upsertChannel({ id: 'web', kind: 'web', currency: 'USD', locations: ['wh-east'],
                             taxRates: { standard: '0.08875' } })
  for (const [sku, name] of [['TEE-M', 'T-shirt, medium'], ['MUG', 'Mug']] as const) {
    await shop.upsertProduct({ sku, name })
    await shop.receiveStock({ sku, location: 'wh-east', quantity: 100, idempotencyKey: `seed-${sku}` })
  }
}

const { values: options } = parseArgs({
  options: {
    db: { type: 'string', default: 'shop.db' },
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '3000' },
    seed: { type: 'boolean', default: false },
    'carrier-url': { type: 'string' },
    partner: { type: 'string', default: 'stub-carrier' },
    'cursor-file': { type: 'string' },
  },
})

const shop = Oms.open(options.db)
if (options.seed) {
  await seed(shop)
}
const stop = new AbortController()
let consumer: Promise<void> = Promise.resolve()
const carrierUrl = options['carrier-url']
if (carrierUrl !== undefined) {
  const cursorFile = options['cursor-file'] ?? `${options.db}.carrier-cursor`
  consumer = new CarrierForwarder(shop, carrierUrl, cursorFile, options.partner).run(stop.signal)
}

const server = createApp(shop).listen(Number(options.port), options.host)
await once(server, 'listening')
const { address, port } = server.address() as AddressInfo
console.log(`listening on http://${address}:${port}`)

async function shutDown(): Promise<void> {
  stop.abort()
  server.close()
  server.closeIdleConnections()
  await Promise.all([once(server, 'close'), consumer])
  shop.close()
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    shutDown().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      },
    )
  })
}
