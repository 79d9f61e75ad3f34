// The outbox consumer: shipments handed to the carrier are booked with it,
// and its answer goes back through the library.
//
// The library makes no network calls. `handOverShipment` writes a
// `shipment_handed_over` event (partner, ship-from, ship-to address, service
// level, parcels, lines) in the same transaction as the change; this consumer
// reads the outbox with `eventsSince(cursor)`, posts each such event meant
// for its carrier to the carrier's booking API, and records the answer with
// `shipShipment({ carrier, trackingNumber, partnerReference: booking id })`.
//
// Delivery is at least once: the cursor is saved after an event is handled,
// so a consumer that stops between the two (or loses its cursor file) reads
// the event again. That is harmless at both ends: the booking request carries
// the shipment id as its Idempotency-Key, so the carrier answers with the same
// booking, and `shipShipment` naming a `partnerReference` that already moved
// the shipment returns it unchanged (no event, no stock moved twice).

import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

import { OmsError, type Oms } from 'oms-kit'

import type { Booking } from './stub-carrier.js'

export class CarrierForwarder {
  constructor(
    private readonly shop: Oms,
    private readonly carrierUrl: string,
    private readonly cursorFile: string,
    private readonly partner = 'stub-carrier',
  ) {}

  /** The sequence of the last event handled (0 before the first). */
  get cursor(): number {
    try {
      return Number(readFileSync(this.cursorFile, 'ascii'))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return 0
      }
      throw error
    }
  }

  private save(sequence: number): void {
    // Written aside and renamed, so a crash leaves the old cursor or the new one.
    writeFileSync(`${this.cursorFile}.tmp`, String(sequence), 'ascii')
    renameSync(`${this.cursorFile}.tmp`, this.cursorFile)
  }

  /**
   * Handles the events after the cursor (at most `limit`); resolves to how
   * many were read. A carrier that cannot be reached, or a store that fails,
   * rejects: the cursor stays before the event, which is read again next run.
   */
  async runOnce(limit = 100): Promise<number> {
    const events = await this.shop.eventsSince(this.cursor, limit)
    for (const event of events) {
      if (event.type === 'shipment_handed_over' && event.data.partner === this.partner) {
        await this.forward(event.data)
      }
      this.save(event.sequence)
    }
    return events.length
  }

  private async forward(handedOver: Record<string, unknown>): Promise<void> {
    const shipmentId = String(handedOver.shipment_id)
    const response = await fetch(`${this.carrierUrl}/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': shipmentId },
      body: JSON.stringify({
        reference: shipmentId,
        service_level: handedOver.service_level,
        ship_from: handedOver.ship_from,
        ship_to: handedOver.ship_to,
        parcels: handedOver.parcels,
      }),
    })
    if (!response.ok) {
      throw new Error(`the carrier answered ${response.status} for shipment ${shipmentId}: ${await response.text()}`)
    }
    const booking = (await response.json()) as Booking
    try {
      await this.shop.shipShipment(shipmentId, {
        carrier: booking.carrier,
        trackingNumber: booking.tracking_number,
        partnerReference: booking.booking_id,
      })
    } catch (error) {
      // The shipment is gone or moved on another way (cancelled, shipped by
      // hand): nothing to record, and retrying would not change that.
      if (error instanceof OmsError && (error.category === 'not_found' || error.category === 'rejected')) {
        console.warn(`shipment ${shipmentId} not shipped after booking ${booking.booking_id}: ${error.message}`)
        return
      }
      throw error
    }
  }

  /** Polls until `signal` aborts; a failed run is logged and retried from the same cursor. */
  async run(signal: AbortSignal, intervalMs = 100): Promise<void> {
    while (!signal.aborted) {
      let read = 0
      try {
        read = await this.runOnce()
      } catch (error) {
        console.warn(`outbox run failed, retrying from event ${this.cursor}: ${String(error)}`)
      }
      if (read === 0) {
        await sleep(intervalMs, undefined, { signal }).catch(() => undefined)
      }
    }
  }
}
