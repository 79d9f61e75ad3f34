// Types of the `oms-kit` package. The class and record types are generated
// from the Rust source into ./native.d.ts by `napi build`; the unions of
// statuses, kinds, reasons and codes are written by hand in ./types.d.ts;
// this file adds what index.js defines in JavaScript.

import type { Operation } from './native'
import type {
  ErrorCategory,
  ErrorCode,
  EventType,
  OrderStatus,
  PaymentStatus,
  ShipmentStatus,
  TransferStatus,
} from './types'

export type {
  AllocationStrategy,
  ChannelKind,
  ErrorCategory,
  ErrorCode,
  EventType,
  FulfilmentMethod,
  LocationKind,
  MovementReason,
  OrderStatus,
  PassedOverReason,
  PickupFallback,
  ReservationStatus,
  RoundingLevel,
  RoundingMode,
  ShippingStrategy,
  SplitPolicy,
  TransferStatus,
  ShipmentStatus,
  LineRejectionReason,
  PaymentKind,
  PaymentStatus,
  PaymentAction,
  OrderPaymentStatus,
} from './types'

export { ManualClock, Oms } from './native'
export type {
  Address,
  AddressInput,
  Parcel,
  ParcelInput,
  PackShipmentInput,
  ShipShipmentInput,
  Shipment,
  ShipmentLine,
  ShipmentLineInput,
  CreateShipmentInput,
  RejectShipmentLineInput,
  LineRejection,
  PickList,
  PickLine,
  ShipmentStepInput,
  OrderStepInput,
  AdjustStockInput,
  AllocationPlan,
  AuditReport,
  Availability,
  AvailabilityInput,
  AvailableInput,
  Candidate,
  CancelLineInput,
  CancelLinesInput,
  CancelOrderInput,
  Channel,
  CountStockInput,
  EditOrderInput,
  Event,
  Explanation,
  HoldOrderInput,
  LineAllocation,
  LineChangeInput,
  ListOrdersInput,
  ListProductsInput,
  Location,
  LocationAvailability,
  Movement,
  MovementsInput,
  OpenOptions,
  Operation,
  Order,
  OrderLine,
  OrderLineInput,
  OrderPage,
  PlaceOrderInput,
  PlanAllocationInput,
  PlannedLine,
  Product,
  ProductPage,
  ReplayReport,
  ReceiveStockInput,
  RejectAllocationInput,
  ReleaseHoldInput,
  ReleaseReservationInput,
  RequestTransferInput,
  Reservation,
  ReservationLineInput,
  ReserveStockInput,
  ReservedLine,
  SetRegionDistanceInput,
  StockLevel,
  StockLevelInput,
  StockLevelsInput,
  StockQuantityInput,
  TaxSummary,
  Transfer,
  TransferStepInput,
  UpsertChannelInput,
  UpsertLocationInput,
  UpsertProductInput,
  AuthorizePaymentInput,
  PaymentAmountInput,
  VoidPaymentInput,
  FailPaymentInput,
  Payment,
  PaymentTransaction,
  OrderPayments,
} from './native'

declare global {
  // The symbol `using` calls at the end of a block: declared by TypeScript's
  // `esnext.disposable` library and by @types/node 20+, and here for
  // projects with neither, so that this file compiles everywhere.
  interface SymbolConstructor {
    readonly dispose: unique symbol
  }
}

declare module './native' {
  interface Oms {
    /** Closes the store, as `close()` does: `using shop = Oms.open(...)` closes it at the end of the block. */
    [Symbol.dispose](): void
  }
}

/**
 * Facts about an error beyond its code and field, for callers that act on
 * them without parsing the message. Which keys are set depends on the code;
 * most errors have none (`{}`).
 */
export interface ErrorDetails {
  /** `insufficient_stock`: the SKU that is short. */
  sku?: string
  /** `insufficient_stock`: units asked for. */
  requested?: number
  /** `insufficient_stock`: units the channel could give. */
  available?: number
  /** Every `*_not_found`: the id that was looked up. */
  id?: string
  /** `currency_mismatch`: the channel's currency, and the one given. */
  expected?: string
  found?: string
  /** `illegal_transition`: what was attempted, and from which status. */
  action?: string
  from?: string
  /** `idempotency_key_reused`: the key. */
  key?: string
  /** `unknown_currency`: the code given. */
  currency?: string
  /** `pickup_not_offered`, `location_not_permitted`: the location (and channel). */
  location?: string
  channel?: string
  /** `gateway_reference_reused`: the reference. */
  reference?: string
  /** `gateway_reference_reused`, `payment_exists`, `capture_exceeds_authorized`, `refund_exceeds_captured`: the payment's id. */
  payment?: string
  /** `capture_exceeds_authorized`, `refund_exceeds_captured`: the amount asked, a decimal string. */
  amount?: string
  /** `capture_exceeds_authorized`: what is authorized and not captured, a decimal string. */
  capturable?: string
  /** `refund_exceeds_captured`: what is captured and not refunded, a decimal string. */
  refundable?: string
  /** `line_picked`: the number of the line that is picked. */
  line?: number
  /** `line_picked`: the shipment past `pending` that holds the line, when one does. */
  shipment?: string
}

/**
 * Every error thrown by a method of `Oms`, or a rejection of its promise.
 * `code` is one of `ERROR_CODES` and never changes meaning.
 */
export declare class OmsError extends Error {
  constructor(
    message: string,
    options: {
      code: ErrorCode
      field?: string | null
      category: ErrorCategory
      details?: ErrorDetails
      cause?: unknown
    },
  )
  name: 'OmsError'
  /** A stable snake_case code such as `insufficient_stock`. */
  code: ErrorCode
  /** The input field the error is about, as a path such as `lines[0].unitPrice`, or `null`. */
  field: string | null
  category: ErrorCategory
  /** The error's facts as a plain object: `{ sku, requested, available }` for `insufficient_stock`, `{ id }` for a missing record, `{}` for most others. */
  details: ErrorDetails
}

/** Every permitted change of order status, as `[from, to]` pairs. */
export declare const ORDER_TRANSITIONS: ReadonlyArray<readonly [OrderStatus, OrderStatus]>

/** Every permitted change of transfer status, as `[from, to]` pairs. */
export declare const TRANSFER_TRANSITIONS: ReadonlyArray<readonly [TransferStatus, TransferStatus]>

/** Every permitted change of shipment status, as `[from, to]` pairs. */
export declare const SHIPMENT_TRANSITIONS: ReadonlyArray<readonly [ShipmentStatus, ShipmentStatus]>
/** Every permitted change of payment status, as `[from, to]` pairs. */
export declare const PAYMENT_TRANSITIONS: ReadonlyArray<readonly [PaymentStatus, PaymentStatus]>

/**
 * Every operation of `Oms`, from the core's operation table: each is a
 * Promise method (`node`) and its blocking twin (`sync`).
 */
export declare const OPERATIONS: ReadonlyArray<Readonly<Operation>>

/** Every error code the library can report. */
export declare const ERROR_CODES: ReadonlyArray<ErrorCode>
/** The name of every kind of outbox event (`Event.type`). */
export declare const EVENT_TYPES: ReadonlyArray<EventType>
