// The closed sets of words the library speaks, as string-literal unions.
//
// napi-rs cannot emit a union from Rust, so they are written here by hand
// and the generated ./native.d.ts names them (`import('./types').OrderStatus`).
// Each list is the core's: tests/types.test.mjs checks ErrorCode against
// errorCodes(), OrderStatus against orderTransitions(), TransferStatus
// against transferTransitions() and PaymentStatus against
// paymentTransitions() at run time.

/** Where an order stands; derived from its line quantities, never assigned. */
export type OrderStatus =
  | 'placed'
  | 'allocated'
  | 'partially_allocated'
  | 'backordered'
  | 'partially_shipped'
  | 'shipped'
  | 'delivered'
  | 'completed'
  | 'ready_for_pickup'
  | 'picked_up'
  | 'on_hold'
  | 'cancelled'

/** Where a transfer stands. */
export type TransferStatus = 'requested' | 'shipped' | 'received' | 'cancelled'
/** Where a shipment stands; `handed_over` is a carrier's or partner's, the last three a pickup's. */
export type ShipmentStatus =
  | 'pending'
  | 'picking'
  | 'packed'
  | 'handed_over'
  | 'shipped'
  | 'delivered'
  | 'cancelled'
  | 'ready_for_pickup'
  | 'picked_up'
  | 'pickup_expired'

/** Why a location gives back units of a shipment line (`rejectShipmentLine`). */
export type LineRejectionReason = 'not_found' | 'damaged'

/** Where a checkout reservation stands. */
export type ReservationStatus = 'active' | 'converted' | 'released' | 'expired'

/** What a location is. */
export type LocationKind = 'warehouse' | 'store' | 'third_party_logistics'

/** What a sales channel is. */
export type ChannelKind = 'web' | 'marketplace' | 'point_of_sale' | 'pickup'

/** How amounts are rounded to the currency's minor unit. */
export type RoundingMode = 'half_up' | 'half_even'

/** Whether tax is rounded per line or once per document. */
export type RoundingLevel = 'line' | 'document'

/** How a channel spreads an order over locations when one cannot cover it. */
export type SplitPolicy = 'fewest_shipments' | 'nearest'

/** What a pickup order does when the pickup store lacks the stock. */
export type PickupFallback = 'reject' | 'ship_to_store'

/** The built-in strategies a channel ships with. */
export type ShippingStrategy = 'ship_from_warehouse' | 'ship_from_store'

/** Every built-in allocation strategy, as named in an explanation's candidates. */
export type AllocationStrategy = ShippingStrategy | 'pickup_in_store' | 'point_of_sale'

/** How the goods reach the customer. */
export type FulfilmentMethod = 'ship' | 'pickup' | 'point_of_sale'

/** Why stock moved: the reason of a ledger movement. */
export type MovementReason =
  | 'receipt'
  | 'allocation'
  | 'release'
  | 'adjustment'
  | 'count'
  | 'reservation'
  | 'reservation_release'
  | 'point_of_sale_sale'
  | 'quarantine'
  | 'quarantine_release'
  | 'transfer_out'
  | 'transfer_in'
  | 'shipment'
  | 'pickup'
  | 'not_found'

/** Why a candidate location gave no units. */
export type PassedOverReason =
  | 'not_permitted'
  | 'not_capable'
  | 'over_capacity'
  | 'too_far'
  | 'no_stock'
  | 'below_safety_stock'
  | 'not_needed'

/** The name of an outbox event. */
export type EventType =
  | 'product_upserted'
  | 'location_upserted'
  | 'channel_upserted'
  | 'stock_received'
  | 'stock_adjusted'
  | 'order_placed'
  | 'stock_allocated'
  | 'stock_released'
  | 'order_lines_cancelled'
  | 'order_cancelled'
  | 'order_held'
  | 'order_released'
  | 'order_status_changed'
  | 'stock_counted'
  | 'stock_quarantined'
  | 'quarantine_released'
  | 'region_distance_set'
  | 'stock_reserved'
  | 'reservation_ended'
  | 'stock_sold'
  | 'line_backordered'
  | 'allocation_rejected'
  | 'transfer_requested'
  | 'transfer_shipped'
  | 'transfer_received'
  | 'transfer_cancelled'
  | 'shipment_created'
  | 'shipment_picking'
  | 'shipment_packed'
  | 'shipment_shipped'
  | 'shipment_delivered'
  | 'shipment_cancelled'
  | 'payment_authorized'
  | 'payment_captured'
  | 'payment_voided'
  | 'payment_refunded'
  | 'payment_failed'
  | 'shipment_handed_over'
  | 'capture_requested'
  | 'shipment_ready_for_pickup'
  | 'shipment_picked_up'
  | 'shipment_pickup_expired'
  | 'shipment_line_rejected'
  | 'order_edited'
  | 'order_completed'

/** The kind of tender. */
export type PaymentKind = 'card' | 'gift_card' | 'store_credit' | 'cash' | 'cash_on_delivery'

/** Where one payment stands, derived from its amounts. */
export type PaymentStatus =
  | 'authorized'
  | 'partially_captured'
  | 'captured'
  | 'partially_refunded'
  | 'refunded'
  | 'voided'
  | 'failed'

/** What one transaction of a payment did. */
export type PaymentAction = 'authorize' | 'capture' | 'void' | 'refund' | 'fail'

/** Where an order stands with its payments (see the README for each rule). */
export type OrderPaymentStatus =
  | 'unpaid'
  | 'authorized'
  | 'partially_paid'
  | 'paid'
  | 'partially_refunded'
  | 'refunded'
  | 'overpaid'

/** What kind of failure an `OmsError` is, and so what the caller can do. */
export type ErrorCategory = 'invalid_input' | 'not_found' | 'rejected' | 'conflict' | 'storage'

/** Every code an `OmsError` can carry; a code never changes meaning. */
export type ErrorCode =
  | 'invalid_input'
  | 'invalid_quantity'
  | 'invalid_amount'
  | 'invalid_identifier'
  | 'unknown_currency'
  | 'currency_mismatch'
  | 'limit_exceeded'
  | 'malformed_json'
  | 'product_not_found'
  | 'location_not_found'
  | 'channel_not_found'
  | 'order_not_found'
  | 'order_line_not_found'
  | 'stock_level_not_found'
  | 'insufficient_stock'
  | 'illegal_transition'
  | 'rejected'
  | 'idempotency_key_reused'
  | 'conflict'
  | 'storage_error'
  | 'storage_unavailable'
  | 'internal_error'
  | 'pickup_not_offered'
  | 'location_not_permitted'
  | 'reservation_not_found'
  | 'transfer_not_found'
  | 'storage_outcome_unknown'
  | 'clock_unusable'
  | 'store_closed'
  | 'shipment_not_found'
  | 'payment_not_found'
  | 'gateway_reference_reused'
  | 'capture_exceeds_authorized'
  | 'refund_exceeds_captured'
  | 'payment_exists'
  | 'payment_required'
  | 'line_picked'
  | 'store_not_found'
