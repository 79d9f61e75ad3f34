// A correct program against the package's types: it must compile under
// `tsc --strict`. Every union-typed field is read and written here.

import {
  ERROR_CODES,
  ManualClock,
  ORDER_TRANSITIONS,
  Oms,
  OmsError,
  type ErrorCode,
  type Order,
  type OrderStatus,
  type ProductPage,
} from 'oms-kit'

function describe(status: OrderStatus): string {
  switch (status) {
    case 'placed':
    case 'allocated':
    case 'partially_allocated':
    case 'backordered':
      return 'open'
    case 'partially_shipped':
    case 'shipped':
    case 'delivered':
    case 'ready_for_pickup':
      return 'moving'
    case 'completed':
    case 'picked_up':
      return 'done'
    case 'on_hold':
      return 'held'
    case 'cancelled':
      return 'cancelled'
  }
}

export async function main(): Promise<string[]> {
  const seen: string[] = []
  const clock = new ManualClock('2026-01-01T00:00:00Z')
  {
    using shop = Oms.inMemory({ clock })
    const location = await shop.upsertLocation({ id: 'wh-east', kind: 'warehouse', region: 'US-NY' })
    if (location.kind === 'warehouse') seen.push(location.kind)
    const channel = shop.upsertChannelSync({
      id: 'web',
      kind: 'web',
      currency: 'USD',
      locations: ['wh-east'],
      roundingMode: 'half_even',
      roundingLevel: 'document',
      splitPolicy: 'nearest',
      pickupFallback: 'ship_to_store',
      strategy: 'ship_from_warehouse',
    })
    seen.push(channel.roundingMode, channel.splitPolicy)
    await shop.upsertProduct({ sku: 'TEE-M', name: 'T-shirt, medium' })
    await shop.receiveStock({ sku: 'TEE-M', location: 'wh-east', quantity: 5 })

    const order: Order = await shop.placeOrder({
      channel: 'web',
      customerEmail: 'ada@example.com',
      lines: [{ sku: 'TEE-M', quantity: 2, unitPrice: '19.99' }],
      explain: true,
    })
    const total: string = order.total
    seen.push(total, describe(order.status), order.fulfilmentMethod)
    if (order.status === 'allocated' && order.explanation !== null) {
      for (const candidate of order.explanation.candidates) {
        if (candidate.passedOver === 'no_stock' || candidate.strategy === 'ship_from_warehouse') seen.push(candidate.location)
      }
    }
    const page = shop.listOrdersSync({ status: 'allocated' })
    seen.push(String(page.orders.length))
    const counts = await shop.orderStatusCounts()
    seen.push(String(counts.allocated ?? 0))

    const reservation = await shop.reserveStock({ reservationId: 'cart-1', channel: 'web', lines: [{ sku: 'TEE-M', quantity: 1 }], ttlSeconds: 60 })
    clock.advance(61)
    const expired: string[] = await shop.expireReservations()
    const after = await shop.getReservation(reservation.id)
    if (after.status === 'expired') seen.push(...expired)
    const [movement] = shop.movementsSync({ sku: 'TEE-M', location: 'wh-east' })
    if (movement?.reason === 'receipt') seen.push(movement.reason)
    const [event] = await shop.eventsSince(0, 1)
    if (event?.type === 'location_upserted') seen.push(event.type)

    const products: ProductPage = await shop.listProducts({ limit: 10 })
    const next: string | null = products.nextCursor
    seen.push(products.products[0]?.sku ?? '', String(next))
    seen.push((await shop.getLocation('wh-east')).id, shop.getChannelSync('web').currency)
    seen.push(String((await shop.listLocations()).length + shop.listChannelsSync().length))

    try {
      shop.placeOrderSync({ channel: 'web', customerEmail: 'bob@example.com', lines: [{ sku: 'TEE-M', quantity: 9, unitPrice: '19.99' }] })
    } catch (err) {
      if (err instanceof OmsError && err.code === 'insufficient_stock' && err.category === 'rejected') {
        const requested: number | undefined = err.details.requested
        seen.push(`${err.details.sku}:${requested}:${err.details.available}`)
      }
    }
  }
  const shop = Oms.open(':memory:')
  shop.close()
  shop[Symbol.dispose]()
  if (shop.closed) seen.push(clock.now())
  const code: ErrorCode = ERROR_CODES[0] ?? 'internal_error'
  const [from, to] = ORDER_TRANSITIONS[0] ?? ['placed', 'allocated']
  seen.push(code, describe(from), describe(to))
  return seen
}
