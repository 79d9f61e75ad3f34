//! @generated from the operation table (oms_core::OPERATIONS) by oms-core/tests/operations.rs:
//! do not edit; change the table and run `OMS_WRITE_DOCS=1 cargo test -p oms-core --test operations`.
//!
//! The TypeScript shapes of the option objects, for `native.d.ts` only:
//! napi-rs writes an interface for each `#[napi(object)]` struct, which the
//! methods name. The binding never builds these structs: `read.rs` reads the
//! same keys from the JavaScript values, following the schemas of `generated.rs`.

// The structs exist for their generated declarations and are never built.
#![allow(dead_code)]

use std::collections::BTreeMap;

use napi_derive::napi;

/// One line of `placeOrder`, `planAllocation` and `editOrder`.
#[napi(object)]
pub struct OrderLineInput {
    pub sku: String,
    /// A positive whole number.
    pub quantity: i64,
    /// Decimal string in the channel's currency, such as `"19.99"`.
    pub unit_price: String,
    /// The line's own discount, a decimal string.
    pub discount: Option<String>,
}

/// An address of `placeOrder` and `editOrder`.
#[napi(object)]
pub struct AddressInput {
    /// The recipient.
    pub name: String,
    pub company: Option<String>,
    /// One to three street lines.
    pub lines: Vec<String>,
    pub city: String,
    /// State, province or county.
    pub region: Option<String>,
    pub postal_code: Option<String>,
    /// An ISO 3166-1 alpha-2 code such as `"US"` (any case).
    pub country: String,
    /// Digits, spaces and `+ - ( ) .`.
    pub phone: Option<String>,
}

/// One line of `packShipment`.
#[napi(object)]
pub struct ParcelInput {
    /// Grams, a positive whole number.
    pub weight_grams: i64,
    /// Millimetres, a positive whole number.
    pub length_mm: i64,
    pub width_mm: i64,
    pub height_mm: i64,
}

/// One line of `reserveStock`.
#[napi(object)]
pub struct ReservationLineInput {
    pub sku: String,
    /// A positive whole number.
    pub quantity: i64,
}

/// One line of `createShipment`.
#[napi(object)]
pub struct ShipmentLineInput {
    pub line_number: u32,
    /// Units of the line to ship, a positive whole number.
    pub quantity: i64,
}

/// One line of `editOrder`.
#[napi(object)]
pub struct LineChangeInput {
    pub line_number: u32,
    /// The line's new ordered quantity, a positive whole number.
    pub quantity: i64,
}

/// One line of `cancelLines`.
#[napi(object)]
pub struct CancelLineInput {
    pub line_number: u32,
    /// Units to cancel, a positive whole number.
    pub quantity: i64,
}

/// Options of `listProducts`.
#[napi(object)]
pub struct ListProductsInput {
    /// The `nextCursor` of the previous page.
    pub after: Option<String>,
    /// Products per page: 100 by default, at most 1,000.
    pub limit: Option<i64>,
}

/// Options of `upsertLocation`.
#[napi(object)]
pub struct UpsertLocationInput {
    pub id: String,
    /// `warehouse`, `store` or `third_party_logistics`.
    #[napi(ts_type = "import('./types').LocationKind")]
    pub kind: String,
    pub region: String,
    /// Ships parcels to customers; defaults to true for warehouses and 3PL sites.
    pub ships: Option<bool>,
    /// Customers can collect here; defaults to true for stores.
    pub offers_pickup: Option<bool>,
    /// A store that also ships online orders (default false).
    pub ships_from_store: Option<bool>,
    /// Shipments per day; unlimited when absent.
    pub daily_capacity: Option<i64>,
    /// Lower goes first among equally near locations; default 100.
    pub priority: Option<i64>,
}

/// Options of `upsertChannel`.
#[napi(object)]
pub struct UpsertChannelInput {
    pub id: String,
    /// `web`, `marketplace`, `point_of_sale` or `pickup`.
    #[napi(ts_type = "import('./types').ChannelKind")]
    pub kind: String,
    /// ISO 4217 code such as `USD`.
    pub currency: String,
    /// Locations in the order stock is drawn from them.
    pub locations: Vec<String>,
    pub prices_include_tax: Option<bool>,
    /// `half_up` (default) or `half_even`.
    #[napi(ts_type = "import('./types').RoundingMode")]
    pub rounding_mode: Option<String>,
    /// `line` (default) or `document`.
    #[napi(ts_type = "import('./types').RoundingLevel")]
    pub rounding_level: Option<String>,
    /// Tax class → rate as a decimal string (`"0.2"` is 20 %).
    pub tax_rates: Option<BTreeMap<String, String>>,
    /// Units kept back at each location from this channel's promises (default 0).
    pub safety_stock: Option<i64>,
    /// Backorder any product on this channel (default false).
    pub allow_backorders: Option<bool>,
    /// `fewest_shipments` (default) or `nearest`.
    #[napi(ts_type = "import('./types').SplitPolicy")]
    pub split_policy: Option<String>,
    /// `reject` (default) or `ship_to_store`.
    #[napi(ts_type = "import('./types').PickupFallback")]
    pub pickup_fallback: Option<String>,
    /// `ship_from_warehouse` (default), `ship_from_store`, or a registered strategy.
    #[napi(ts_type = "import('./types').ShippingStrategy")]
    pub strategy: Option<String>,
    /// Pass over locations farther than this from the destination region.
    pub max_distance_km: Option<u32>,
    /// Ship nothing until the order is paid (default false).
    pub require_payment_before_shipping: Option<bool>,
    /// Request the capture of a shipment's value when its goods leave (default false).
    pub capture_on_shipment: Option<bool>,
    /// Hours a ready pickup waits to be collected before `expire_pickups` releases it: 1 to 2,160 (default 72).
    pub pickup_window_hours: Option<i64>,
}

/// Options of `upsertProduct`.
#[napi(object)]
pub struct UpsertProductInput {
    pub sku: String,
    pub name: String,
    /// Defaults to `standard`.
    pub tax_class: Option<String>,
    /// Accept orders beyond stock, backordering the shortfall (default false).
    pub backorderable: Option<bool>,
}

/// Options of `setRegionDistance`.
#[napi(object)]
pub struct SetRegionDistanceInput {
    pub from_region: String,
    pub to_region: String,
    /// Kilometres, a non-negative whole number; set both ways.
    pub distance_km: u32,
}

/// Options of `receiveStock`.
#[napi(object)]
pub struct ReceiveStockInput {
    pub sku: String,
    pub location: String,
    /// A positive whole number.
    pub quantity: i64,
    pub idempotency_key: Option<String>,
}

/// Options of `adjustStock`.
#[napi(object)]
pub struct AdjustStockInput {
    pub sku: String,
    pub location: String,
    /// A non-zero whole number: positive adds stock, negative removes it.
    pub quantity_delta: i64,
    pub idempotency_key: Option<String>,
}

/// Options of `countStock`.
#[napi(object)]
pub struct CountStockInput {
    pub sku: String,
    pub location: String,
    /// The units found: on hand becomes this.
    pub counted: i64,
    pub idempotency_key: Option<String>,
}

/// Options of `quarantineStock` and `releaseQuarantine`.
#[napi(object)]
pub struct StockQuantityInput {
    pub sku: String,
    pub location: String,
    /// A positive whole number.
    pub quantity: i64,
    pub idempotency_key: Option<String>,
}

/// Options of `availability`.
#[napi(object)]
pub struct AvailabilityInput {
    pub channel: String,
    pub skus: Vec<String>,
    /// Only locations in this region.
    pub region: Option<String>,
    /// Only this pickup store.
    pub pickup_location: Option<String>,
}

/// Options of `stockLevel`.
#[napi(object)]
pub struct StockLevelInput {
    pub sku: String,
    pub location: String,
}

/// Options of `stockLevels`.
#[napi(object)]
pub struct StockLevelsInput {
    pub sku: Option<String>,
    pub location: Option<String>,
}

/// Options of `available` and `unitsSold`.
#[napi(object)]
pub struct AvailableInput {
    pub sku: String,
    pub channel: String,
}

/// Options of `movements`.
#[napi(object)]
pub struct MovementsInput {
    pub sku: String,
    pub location: String,
    /// The `sequence` of the last movement seen; 0 (the default) for the start.
    pub after: Option<i64>,
    pub limit: Option<i64>,
}

/// Options of `reserveStock`.
#[napi(object)]
pub struct ReserveStockInput {
    /// The caller's id for the reservation, usually the cart id.
    pub reservation_id: String,
    pub channel: String,
    pub lines: Vec<ReservationLineInput>,
    /// Seconds until the reservation expires, at least 1.
    pub ttl_seconds: i64,
    pub pickup_location: Option<String>,
    pub ship_to_region: Option<String>,
    pub idempotency_key: Option<String>,
}

/// Options of `releaseReservation`.
#[napi(object)]
pub struct ReleaseReservationInput {
    pub idempotency_key: Option<String>,
}

/// Options of `requestTransfer`.
#[napi(object)]
pub struct RequestTransferInput {
    pub sku: String,
    pub from_location: String,
    pub to_location: String,
    /// A positive whole number.
    pub quantity: i64,
    pub idempotency_key: Option<String>,
}

/// Options of `shipTransfer`, `receiveTransfer` and `cancelTransfer`.
#[napi(object)]
pub struct TransferStepInput {
    pub idempotency_key: Option<String>,
}

/// Options of `placeOrder`.
#[napi(object)]
pub struct PlaceOrderInput {
    pub channel: String,
    pub customer_email: String,
    pub lines: Vec<OrderLineInput>,
    /// Makes the call run at most once; a retry with the same key returns the same order.
    pub idempotency_key: Option<String>,
    /// When given, must be the channel's currency.
    pub currency: Option<String>,
    /// An order-level discount, a decimal string.
    pub order_discount: Option<String>,
    /// A shipping charge, a decimal string.
    pub shipping: Option<String>,
    /// Collect at this store; for a point-of-sale channel, the till's store.
    pub pickup_location: Option<String>,
    /// Where a shipped order goes; ranks locations by distance.
    pub ship_to_region: Option<String>,
    /// Turn this checkout reservation into the order.
    pub reservation_id: Option<String>,
    /// Keep the allocation's explanation on the order (default false).
    pub explain: Option<bool>,
    /// Where the goods go.
    pub shipping_address: Option<AddressInput>,
    pub billing_address: Option<AddressInput>,
    /// The service level chosen, as you name it (`express`).
    pub shipping_method: Option<String>,
    /// Your own reference for the order.
    pub external_reference: Option<String>,
    /// Free-form text by key, kept on the order.
    pub metadata: Option<BTreeMap<String, String>>,
}

/// Options of `planAllocation`.
#[napi(object)]
pub struct PlanAllocationInput {
    pub channel: String,
    pub customer_email: String,
    pub lines: Vec<OrderLineInput>,
    pub currency: Option<String>,
    pub order_discount: Option<String>,
    pub shipping: Option<String>,
    pub pickup_location: Option<String>,
    pub ship_to_region: Option<String>,
}

/// Options of `rejectAllocation`.
#[napi(object)]
pub struct RejectAllocationInput {
    pub line_number: u32,
    /// The location that could not find the goods.
    pub location: String,
    pub idempotency_key: Option<String>,
}

/// Options of `listOrders`.
#[napi(object)]
pub struct ListOrdersInput {
    pub customer_email: Option<String>,
    pub channel: Option<String>,
    /// An order status such as `allocated`.
    #[napi(ts_type = "import('./types').OrderStatus")]
    pub status: Option<String>,
    /// The `nextCursor` of the previous page.
    pub after: Option<String>,
    pub limit: Option<i64>,
}

/// Options of `cancelOrder`.
#[napi(object)]
pub struct CancelOrderInput {
    pub reason: Option<String>,
    pub idempotency_key: Option<String>,
}

/// Options of `cancelLines`.
#[napi(object)]
pub struct CancelLinesInput {
    pub lines: Vec<CancelLineInput>,
    pub idempotency_key: Option<String>,
}

/// Options of `editOrder`.
#[napi(object)]
pub struct EditOrderInput {
    /// Lines to add, as `placeOrder` takes them.
    pub add_lines: Option<Vec<OrderLineInput>>,
    /// New ordered quantities of existing lines.
    pub change_lines: Option<Vec<LineChangeInput>>,
    /// Numbers of the lines to remove.
    pub remove_lines: Option<Vec<u32>>,
    /// The new shipping address.
    pub shipping_address: Option<AddressInput>,
    /// The new shipping method.
    pub shipping_method: Option<String>,
    /// Makes the call run at most once; a retry with the same key returns the same order.
    pub idempotency_key: Option<String>,
}

/// Options of `holdOrder`.
#[napi(object)]
pub struct HoldOrderInput {
    pub reason: String,
    pub idempotency_key: Option<String>,
}

/// Options of `releaseHold`.
#[napi(object)]
pub struct ReleaseHoldInput {
    pub idempotency_key: Option<String>,
}

/// Options of `completeOrder`.
#[napi(object)]
pub struct CompleteOrderInput {
    pub idempotency_key: Option<String>,
}

/// Options of `authorizePayment`.
#[napi(object)]
pub struct AuthorizePaymentInput {
    /// Your id for the payment; the library assigns `pay-…` when absent.
    pub payment_id: Option<String>,
    /// `card`, `gift_card`, `store_credit`, `cash` or `cash_on_delivery`.
    #[napi(ts_type = "import('./types').PaymentKind")]
    pub kind: String,
    /// What was authorized: a positive decimal string in the order's currency, such as `"19.99"`.
    pub amount: String,
    /// When given, must be the order's currency.
    pub currency: Option<String>,
    /// The gateway's reference of the authorization (a till's receipt for cash); the call is idempotent on it.
    pub gateway_reference: String,
    pub idempotency_key: Option<String>,
}

/// Options of `capturePayment` and `refundPayment`.
#[napi(object)]
pub struct PaymentAmountInput {
    /// A positive decimal string in the payment's currency.
    pub amount: String,
    /// When given, must be the payment's currency.
    pub currency: Option<String>,
    /// The gateway's reference of this transaction; the call is idempotent on it.
    pub gateway_reference: String,
    pub idempotency_key: Option<String>,
}

/// Options of `voidPayment`.
#[napi(object)]
pub struct VoidPaymentInput {
    /// The gateway's reference of the void; the call is idempotent on it.
    pub gateway_reference: String,
    pub idempotency_key: Option<String>,
}

/// Options of `failPayment`.
#[napi(object)]
pub struct FailPaymentInput {
    /// The gateway's reference of the failure; the call is idempotent on it.
    pub gateway_reference: String,
    /// Why the gateway failed it.
    pub reason: Option<String>,
    pub idempotency_key: Option<String>,
}

/// Options of `createShipments`.
#[napi(object)]
pub struct OrderStepInput {
    pub idempotency_key: Option<String>,
}

/// Options of `createShipment`.
#[napi(object)]
pub struct CreateShipmentInput {
    /// Where the units are allocated.
    pub location: String,
    /// Units of each line to ship now; the rest can follow later.
    pub lines: Vec<ShipmentLineInput>,
    pub idempotency_key: Option<String>,
}

/// Options of `startPicking`, `cancelShipment`, `readyForPickup` and `confirmPickup`.
#[napi(object)]
pub struct ShipmentStepInput {
    pub idempotency_key: Option<String>,
}

/// Options of `packShipment`.
#[napi(object)]
pub struct PackShipmentInput {
    pub parcels: Vec<ParcelInput>,
    pub idempotency_key: Option<String>,
}

/// Options of `shipShipment`.
#[napi(object)]
pub struct ShipShipmentInput {
    pub carrier: String,
    pub tracking_number: String,
    /// The partner's reference of its confirmation; a retry naming it again changes nothing.
    pub partner_reference: Option<String>,
    pub idempotency_key: Option<String>,
}

/// Options of `handOverShipment`.
#[napi(object)]
pub struct HandOverShipmentInput {
    /// The carrier or logistics partner taking it.
    pub partner: String,
    pub idempotency_key: Option<String>,
}

/// Options of `confirmDelivery`.
#[napi(object)]
pub struct ConfirmDeliveryInput {
    /// The partner's reference of its confirmation; a retry naming it again changes nothing.
    pub partner_reference: Option<String>,
    pub idempotency_key: Option<String>,
}

/// Options of `rejectShipmentLine`.
#[napi(object)]
pub struct RejectShipmentLineInput {
    pub line_number: u32,
    /// Units of the line the shipment holds that the location gives back.
    pub quantity: i64,
    /// `not_found` (written off) or `damaged` (quarantined).
    #[napi(ts_type = "import('./types').LineRejectionReason")]
    pub reason: String,
    pub idempotency_key: Option<String>,
}
