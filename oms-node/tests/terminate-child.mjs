// One child process of workers.test.mjs: its main thread starts a worker
// thread that opens a SQLite shop and keeps calls in flight, then ends that
// worker while they run, as worker pools (Piscina, test runners, timeouts)
// do. The parent test only checks how this process ends: exit code 0, never
// a signal. Arguments: MODE ROUND DIR.
//
// - terminate-async: hundreds of placeOrder promises (some rejecting), then worker.terminate();
// - terminate-sync: placeOrderSync in a loop (some throwing), then worker.terminate();
// - exit: hundreds of promises, then the worker calls process.exit() itself, leaving its shop open.
//
// Afterwards the main thread reopens the file and audits it: a call cut
// short leaves nothing half-written.

import assert from 'node:assert/strict'
import { once } from 'node:events'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads'

import { Oms } from '../index.js'

/** Order inputs: most succeed, every third is refused by the core, every seventh while reading its arguments. */
function order(i) {
  const input = { channel: 'web', customerEmail: `buyer${i}@example.com`, lines: [{ sku: 'TEE-M', quantity: 1, unitPrice: '19.99' }] }
  if (i % 3 === 0) input.currency = 'EUR'
  if (i % 7 === 0) input.lines[0].quantity = 0.5
  return input
}

function work({ mode, path }) {
  const shop = Oms.open(path)
  shop.upsertLocationSync({ id: 'wh-east', kind: 'warehouse', region: 'US-NY' })
  shop.upsertChannelSync({ id: 'web', kind: 'web', currency: 'USD', locations: ['wh-east'] })
  shop.upsertProductSync({ sku: 'TEE-M', name: 'T-shirt, medium' })
  shop.receiveStockSync({ sku: 'TEE-M', location: 'wh-east', quantity: 100000 })
  if (mode === 'terminate-sync') {
    parentPort.postMessage('busy')
    for (let i = 0; ; i++) {
      try {
        shop.placeOrderSync(order(i))
      } catch {
        // Refusals are expected; the loop runs until the worker is terminated.
      }
    }
  }
  for (let i = 0; i < 300; i++) {
    shop.placeOrder(order(i)).catch(() => {})
  }
  parentPort.postMessage('busy')
  if (mode === 'exit') {
    process.exit(0)
  }
}

async function main() {
  const [mode, round, dir] = process.argv.slice(2)
  const path = `sqlite:${join(dir, `shop-${mode}-${round}.db`)}?synchronous=normal`
  const worker = new Worker(new URL(import.meta.url), { workerData: { mode, path } })
  const exited = once(worker, 'exit')
  await once(worker, 'message')
  if (mode !== 'exit') {
    // A different moment in each round, so that the end lands on calls at different stages.
    await sleep(Number(round) % 10)
    await worker.terminate()
  }
  await exited
  const shop = Oms.open(path)
  assert.deepEqual(shop.auditSync().violations, [])
}

if (isMainThread) {
  await main()
} else {
  work(workerData)
}
