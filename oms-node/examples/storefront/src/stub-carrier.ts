// A carrier's booking API on loopback, standing in for a real one.
//
// `POST /bookings` with a JSON body naming the shipment (`reference`) and its
// parcels answers `201 { booking_id, carrier, tracking_number }`. Like real
// carrier APIs it is idempotent on the `Idempotency-Key` header: a repeated
// key gets the first answer again (`200`), not a second booking.

import { once } from 'node:events'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'

export const CARRIER = 'Stub Express'

export interface Booking {
  booking_id: string
  carrier: string
  tracking_number: string
}

export class StubCarrier {
  /** Bookings by idempotency key. */
  readonly bookings = new Map<string, Booking>()
  /** Every booking request, in the order received. */
  readonly requests: Array<Record<string, unknown>> = []
  private readonly server: Server = createServer((request, response) => {
    this.handle(request, response).catch((error: unknown) => answer(response, 500, { error: String(error) }))
  })

  /** Listens on `host`:`port` (0 for any free port); resolves to its URL. */
  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    this.server.listen(port, host)
    await once(this.server, 'listening')
    return this.url
  }

  get url(): string {
    const { address, port } = this.server.address() as AddressInfo
    return `http://${address}:${port}`
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections()
    this.server.close()
    await once(this.server, 'close')
  }

  book(key: string, request: Record<string, unknown>): [number, Booking] {
    this.requests.push(request)
    const known = this.bookings.get(key)
    if (known !== undefined) {
      return [200, known]
    }
    const number = this.bookings.size + 1
    const booking = {
      booking_id: `bk-${number}`,
      carrier: CARRIER,
      tracking_number: `STUB${String(number).padStart(8, '0')}`,
    }
    this.bookings.set(key, booking)
    return [201, booking]
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of request) {
      chunks.push(chunk as Buffer)
    }
    let body: unknown = null
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    } catch {
      // answered below as a booking without parcels
    }
    const key = request.headers['idempotency-key']
    if (request.method !== 'POST' || request.url !== '/bookings') {
      answer(response, 404, { error: 'no such route' })
    } else if (typeof key !== 'string' || !isRecord(body) || !Array.isArray(body.parcels) || body.parcels.length === 0) {
      answer(response, 422, { error: 'a booking needs an Idempotency-Key and parcels' })
    } else {
      answer(response, ...this.book(key, body))
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function answer(response: ServerResponse, status: number, body: object): void {
  const data = JSON.stringify(body)
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) })
  response.end(data)
}

// `node dist/stub-carrier.js`: the carrier on port 8090, until Ctrl-C.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`stub carrier on ${await new StubCarrier().start(8090)}`)
}
