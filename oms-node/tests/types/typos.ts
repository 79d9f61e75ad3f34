// Misspelt statuses, kinds and codes: each line marked `// typo:` must be
// a compile error under `tsc --strict` that quotes the misspelling, and no
// other line may be.

import { Oms, OmsError } from 'oms-kit'

export async function main(): Promise<void> {
  const shop = Oms.inMemory()
  await shop.upsertLocation({ id: 'wh', kind: 'warehous', region: 'US' }) // typo: "warehous"
  shop.upsertChannelSync({ id: 'web', kind: 'web', currency: 'USD', locations: ['wh'], roundingMode: 'half_upp' }) // typo: "half_upp"
  shop.upsertChannelSync({ id: 'web', kind: 'webshop', currency: 'USD', locations: ['wh'] }) // typo: "webshop"
  shop.upsertChannelSync({ id: 'web', kind: 'web', currency: 'USD', locations: ['wh'], splitPolicy: 'fewest' }) // typo: "fewest"
  const order = await shop.placeOrder({ channel: 'web', customerEmail: 'a@example.com', lines: [] })
  if (order.status === 'alocated') return // typo: "alocated"
  if (order.fulfilmentMethod === 'shipping') return // typo: "shipping"
  await shop.listOrders({ status: 'shiped' }) // typo: "shiped"
  const reservation = shop.getReservationSync('cart-1')
  if (reservation.status === 'expird') return // typo: "expird"
  const location = await shop.getLocation('wh')
  if (location.kind === 'warehous') return // typo: "warehous"
  try {
    shop.auditSync()
  } catch (err) {
    if (err instanceof OmsError && err.code === 'insuficient_stock') return // typo: "insuficient_stock"
    if (err instanceof OmsError && err.category === 'not-found') return // typo: "not-found"
  }
}
