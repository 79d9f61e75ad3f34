//! @generated from the operation table (oms_core::OPERATIONS) by oms-core/tests/operations.rs:
//! do not edit; change the table and run `OMS_WRITE_DOCS=1 cargo test -p oms-core --test operations`.
//!
//! The schemas the reader (`crate::read`) follows, the argument structs of
//! core methods that take separate arguments, and [`operations!`], the
//! methods of `Oms` for every read and write operation (a Promise method
//! and its `…Sync` twin each), which `lib.rs` expands into its `#[napi]` block.

use serde::Deserialize;

use crate::schema::{Field, Kind};

/// The keys of one `OrderLine`.
pub(crate) const ORDER_LINE: &[Field] = &[
    Field { key: "sku", field: "sku", kind: Kind::Sku, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "quantity", field: "quantity", kind: Kind::Quantity, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "unitPrice", field: "unit_price", kind: Kind::Amount, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "discount", field: "discount", kind: Kind::Amount, required: false, positional: false, default: None, read_max: 0 },
];

/// The keys of one `Address`.
pub(crate) const ADDRESS: &[Field] = &[
    Field { key: "name", field: "name", kind: Kind::Text, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "company", field: "company", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "lines", field: "lines", kind: Kind::List(&Kind::Text), required: true, positional: false, default: None, read_max: 4 },
    Field { key: "city", field: "city", kind: Kind::Text, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "region", field: "region", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "postalCode", field: "postal_code", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "country", field: "country", kind: Kind::Text, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "phone", field: "phone", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
];

/// The keys of one `Parcel`.
pub(crate) const PARCEL: &[Field] = &[
    Field { key: "weightGrams", field: "weight_grams", kind: Kind::Weight, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "lengthMm", field: "length_mm", kind: Kind::Dimension, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "widthMm", field: "width_mm", kind: Kind::Dimension, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "heightMm", field: "height_mm", kind: Kind::Dimension, required: true, positional: false, default: None, read_max: 0 },
];

/// The keys of one `ReservationLine`.
pub(crate) const RESERVATION_LINE: &[Field] = &[
    Field { key: "sku", field: "sku", kind: Kind::Sku, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "quantity", field: "quantity", kind: Kind::Quantity, required: true, positional: false, default: None, read_max: 0 },
];

/// The keys of one `ShipmentLine`.
pub(crate) const SHIPMENT_LINE: &[Field] = &[
    Field { key: "lineNumber", field: "line_number", kind: Kind::LineNumber, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "quantity", field: "quantity", kind: Kind::Quantity, required: true, positional: false, default: None, read_max: 0 },
];

/// The keys of one `LineChange`.
pub(crate) const LINE_CHANGE: &[Field] = &[
    Field { key: "lineNumber", field: "line_number", kind: Kind::LineNumber, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "quantity", field: "quantity", kind: Kind::Quantity, required: true, positional: false, default: None, read_max: 0 },
];

/// The keys of one `CancelledLine`.
pub(crate) const CANCELLED_LINE: &[Field] = &[
    Field { key: "lineNumber", field: "line_number", kind: Kind::LineNumber, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "quantity", field: "quantity", kind: Kind::Quantity, required: true, positional: false, default: None, read_max: 0 },
];

/// The parameters of `get_product`.
pub(crate) const GET_PRODUCT: &[Field] = &[
    Field { key: "sku", field: "sku", kind: Kind::Sku, required: true, positional: true, default: None, read_max: 0 },
];

/// The parameters of `list_products`.
pub(crate) const LIST_PRODUCTS: &[Field] = &[
    Field { key: "after", field: "after", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "limit", field: "limit", kind: Kind::PageLimit, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `get_location`.
pub(crate) const GET_LOCATION: &[Field] = &[
    Field { key: "locationId", field: "id", kind: Kind::LocationId, required: true, positional: true, default: None, read_max: 0 },
];

/// The parameters of `get_channel`.
pub(crate) const GET_CHANNEL: &[Field] = &[
    Field { key: "channelId", field: "id", kind: Kind::ChannelId, required: true, positional: true, default: None, read_max: 0 },
];

/// The parameters of `upsert_location`.
pub(crate) const UPSERT_LOCATION: &[Field] = &[
    Field { key: "id", field: "id", kind: Kind::LocationId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "kind", field: "kind", kind: Kind::LocationKind, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "region", field: "region", kind: Kind::Text, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "ships", field: "ships", kind: Kind::Flag, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "offersPickup", field: "offers_pickup", kind: Kind::Flag, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "shipsFromStore", field: "ships_from_store", kind: Kind::Flag, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "dailyCapacity", field: "daily_capacity", kind: Kind::Capacity, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "priority", field: "priority", kind: Kind::Priority, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `upsert_channel`.
pub(crate) const UPSERT_CHANNEL: &[Field] = &[
    Field { key: "id", field: "id", kind: Kind::ChannelId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "kind", field: "kind", kind: Kind::ChannelKind, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "currency", field: "currency", kind: Kind::Currency, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "locations", field: "locations", kind: Kind::List(&Kind::LocationId), required: true, positional: false, default: None, read_max: 1001 },
    Field { key: "pricesIncludeTax", field: "prices_include_tax", kind: Kind::Flag, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "roundingMode", field: "rounding.mode", kind: Kind::RoundingMode, required: false, positional: false, default: Some("half_up"), read_max: 0 },
    Field { key: "roundingLevel", field: "rounding.level", kind: Kind::RoundingLevel, required: false, positional: false, default: Some("line"), read_max: 0 },
    Field { key: "taxRates", field: "tax_rates", kind: Kind::Rates, required: false, positional: false, default: None, read_max: 65 },
    Field { key: "safetyStock", field: "safety_stock", kind: Kind::Capacity, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "allowBackorders", field: "allow_backorders", kind: Kind::Flag, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "splitPolicy", field: "split_policy", kind: Kind::SplitPolicy, required: false, positional: false, default: Some("fewest_shipments"), read_max: 0 },
    Field { key: "pickupFallback", field: "pickup_fallback", kind: Kind::PickupFallback, required: false, positional: false, default: Some("reject"), read_max: 0 },
    Field { key: "strategy", field: "strategy", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "maxDistanceKm", field: "max_distance_km", kind: Kind::Distance, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "requirePaymentBeforeShipping", field: "require_payment_before_shipping", kind: Kind::Flag, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "captureOnShipment", field: "capture_on_shipment", kind: Kind::Flag, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "pickupWindowHours", field: "pickup_window_hours", kind: Kind::PickupWindowHours, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `upsert_product`.
pub(crate) const UPSERT_PRODUCT: &[Field] = &[
    Field { key: "sku", field: "sku", kind: Kind::Sku, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "name", field: "name", kind: Kind::Text, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "taxClass", field: "tax_class", kind: Kind::TaxClass, required: false, positional: false, default: Some("standard"), read_max: 0 },
    Field { key: "backorderable", field: "backorderable", kind: Kind::Flag, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `set_region_distance`.
pub(crate) const SET_REGION_DISTANCE: &[Field] = &[
    Field { key: "fromRegion", field: "from_region", kind: Kind::Text, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "toRegion", field: "to_region", kind: Kind::Text, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "distanceKm", field: "distance_km", kind: Kind::Distance, required: true, positional: false, default: None, read_max: 0 },
];

/// The parameters of `receive_stock`.
pub(crate) const RECEIVE_STOCK: &[Field] = &[
    Field { key: "sku", field: "sku", kind: Kind::Sku, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "location", field: "location", kind: Kind::LocationId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "quantity", field: "quantity", kind: Kind::Quantity, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `adjust_stock`.
pub(crate) const ADJUST_STOCK: &[Field] = &[
    Field { key: "sku", field: "sku", kind: Kind::Sku, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "location", field: "location", kind: Kind::LocationId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "quantityDelta", field: "quantity_delta", kind: Kind::QuantityDelta, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `count_stock`.
pub(crate) const COUNT_STOCK: &[Field] = &[
    Field { key: "sku", field: "sku", kind: Kind::Sku, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "location", field: "location", kind: Kind::LocationId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "counted", field: "counted", kind: Kind::Counted, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `quarantine_stock`.
pub(crate) const QUARANTINE_STOCK: &[Field] = &[
    Field { key: "sku", field: "sku", kind: Kind::Sku, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "location", field: "location", kind: Kind::LocationId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "quantity", field: "quantity", kind: Kind::Quantity, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `release_quarantine`.
pub(crate) const RELEASE_QUARANTINE: &[Field] = &[
    Field { key: "sku", field: "sku", kind: Kind::Sku, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "location", field: "location", kind: Kind::LocationId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "quantity", field: "quantity", kind: Kind::Quantity, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `availability`.
pub(crate) const AVAILABILITY: &[Field] = &[
    Field { key: "channel", field: "channel", kind: Kind::ChannelId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "skus", field: "skus", kind: Kind::List(&Kind::Sku), required: true, positional: false, default: None, read_max: 501 },
    Field { key: "region", field: "region", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "pickupLocation", field: "pickup_location", kind: Kind::LocationId, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `stock_level`.
pub(crate) const STOCK_LEVEL: &[Field] = &[
    Field { key: "sku", field: "sku", kind: Kind::Sku, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "location", field: "location", kind: Kind::LocationId, required: true, positional: false, default: None, read_max: 0 },
];

/// The parameters of `stock_levels`.
pub(crate) const STOCK_LEVELS: &[Field] = &[
    Field { key: "sku", field: "sku", kind: Kind::Sku, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "location", field: "location", kind: Kind::LocationId, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `available`.
pub(crate) const AVAILABLE: &[Field] = &[
    Field { key: "sku", field: "sku", kind: Kind::Sku, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "channel", field: "channel", kind: Kind::ChannelId, required: true, positional: false, default: None, read_max: 0 },
];

/// The parameters of `movements`.
pub(crate) const MOVEMENTS: &[Field] = &[
    Field { key: "sku", field: "sku", kind: Kind::Sku, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "location", field: "location", kind: Kind::LocationId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "after", field: "after", kind: Kind::Cursor, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "limit", field: "limit", kind: Kind::PageLimit, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `reserve_stock`.
pub(crate) const RESERVE_STOCK: &[Field] = &[
    Field { key: "reservationId", field: "reservation_id", kind: Kind::ReservationId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "channel", field: "channel", kind: Kind::ChannelId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "lines", field: "lines", kind: Kind::List(&Kind::Record(RESERVATION_LINE)), required: true, positional: false, default: None, read_max: 251 },
    Field { key: "ttlSeconds", field: "ttl_seconds", kind: Kind::TtlSeconds, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "pickupLocation", field: "pickup_location", kind: Kind::LocationId, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "shipToRegion", field: "ship_to_region", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `release_reservation`.
pub(crate) const RELEASE_RESERVATION: &[Field] = &[
    Field { key: "reservationId", field: "reservation_id", kind: Kind::ReservationId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `get_reservation`.
pub(crate) const GET_RESERVATION: &[Field] = &[
    Field { key: "reservationId", field: "reservation_id", kind: Kind::ReservationId, required: true, positional: true, default: None, read_max: 0 },
];

/// The parameters of `request_transfer`.
pub(crate) const REQUEST_TRANSFER: &[Field] = &[
    Field { key: "sku", field: "sku", kind: Kind::Sku, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "fromLocation", field: "from_location", kind: Kind::LocationId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "toLocation", field: "to_location", kind: Kind::LocationId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "quantity", field: "quantity", kind: Kind::Quantity, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `ship_transfer`.
pub(crate) const SHIP_TRANSFER: &[Field] = &[
    Field { key: "transferId", field: "transfer_id", kind: Kind::TransferId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `receive_transfer`.
pub(crate) const RECEIVE_TRANSFER: &[Field] = &[
    Field { key: "transferId", field: "transfer_id", kind: Kind::TransferId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `cancel_transfer`.
pub(crate) const CANCEL_TRANSFER: &[Field] = &[
    Field { key: "transferId", field: "transfer_id", kind: Kind::TransferId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `get_transfer`.
pub(crate) const GET_TRANSFER: &[Field] = &[
    Field { key: "transferId", field: "transfer_id", kind: Kind::TransferId, required: true, positional: true, default: None, read_max: 0 },
];

/// The parameters of `place_order`.
pub(crate) const PLACE_ORDER: &[Field] = &[
    Field { key: "channel", field: "channel", kind: Kind::ChannelId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "customerEmail", field: "customer_email", kind: Kind::Email, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "lines", field: "lines", kind: Kind::List(&Kind::Record(ORDER_LINE)), required: true, positional: false, default: None, read_max: 251 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "currency", field: "currency", kind: Kind::Currency, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "orderDiscount", field: "order_discount", kind: Kind::Amount, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "shipping", field: "shipping", kind: Kind::Amount, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "pickupLocation", field: "pickup_location", kind: Kind::LocationId, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "shipToRegion", field: "ship_to_region", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "reservationId", field: "reservation_id", kind: Kind::ReservationId, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "explain", field: "explain", kind: Kind::Flag, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "shippingAddress", field: "shipping_address", kind: Kind::Record(ADDRESS), required: false, positional: false, default: None, read_max: 0 },
    Field { key: "billingAddress", field: "billing_address", kind: Kind::Record(ADDRESS), required: false, positional: false, default: None, read_max: 0 },
    Field { key: "shippingMethod", field: "shipping_method", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "externalReference", field: "external_reference", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "metadata", field: "metadata", kind: Kind::Labels, required: false, positional: false, default: None, read_max: 33 },
];

/// The parameters of `plan_allocation`.
pub(crate) const PLAN_ALLOCATION: &[Field] = &[
    Field { key: "channel", field: "channel", kind: Kind::ChannelId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "customerEmail", field: "customer_email", kind: Kind::Email, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "lines", field: "lines", kind: Kind::List(&Kind::Record(ORDER_LINE)), required: true, positional: false, default: None, read_max: 251 },
    Field { key: "currency", field: "currency", kind: Kind::Currency, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "orderDiscount", field: "order_discount", kind: Kind::Amount, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "shipping", field: "shipping", kind: Kind::Amount, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "pickupLocation", field: "pickup_location", kind: Kind::LocationId, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "shipToRegion", field: "ship_to_region", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `reject_allocation`.
pub(crate) const REJECT_ALLOCATION: &[Field] = &[
    Field { key: "orderId", field: "order_id", kind: Kind::OrderId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "lineNumber", field: "line_number", kind: Kind::LineNumber, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "location", field: "location", kind: Kind::LocationId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `get_order`.
pub(crate) const GET_ORDER: &[Field] = &[
    Field { key: "orderId", field: "order_id", kind: Kind::OrderId, required: true, positional: true, default: None, read_max: 0 },
];

/// The parameters of `list_orders`.
pub(crate) const LIST_ORDERS: &[Field] = &[
    Field { key: "customerEmail", field: "customer_email", kind: Kind::Email, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "channel", field: "channel", kind: Kind::ChannelId, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "status", field: "status", kind: Kind::OrderStatus, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "after", field: "after", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "limit", field: "limit", kind: Kind::PageLimit, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `cancel_order`.
pub(crate) const CANCEL_ORDER: &[Field] = &[
    Field { key: "orderId", field: "order_id", kind: Kind::OrderId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "reason", field: "reason", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `cancel_lines`.
pub(crate) const CANCEL_LINES: &[Field] = &[
    Field { key: "orderId", field: "order_id", kind: Kind::OrderId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "lines", field: "lines", kind: Kind::List(&Kind::Record(CANCELLED_LINE)), required: true, positional: false, default: None, read_max: 251 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `edit_order`.
pub(crate) const EDIT_ORDER: &[Field] = &[
    Field { key: "orderId", field: "order_id", kind: Kind::OrderId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "addLines", field: "add_lines", kind: Kind::List(&Kind::Record(ORDER_LINE)), required: false, positional: false, default: None, read_max: 251 },
    Field { key: "changeLines", field: "change_lines", kind: Kind::List(&Kind::Record(LINE_CHANGE)), required: false, positional: false, default: None, read_max: 251 },
    Field { key: "removeLines", field: "remove_lines", kind: Kind::List(&Kind::LineNumber), required: false, positional: false, default: None, read_max: 251 },
    Field { key: "shippingAddress", field: "shipping_address", kind: Kind::Record(ADDRESS), required: false, positional: false, default: None, read_max: 0 },
    Field { key: "shippingMethod", field: "shipping_method", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `hold_order`.
pub(crate) const HOLD_ORDER: &[Field] = &[
    Field { key: "orderId", field: "order_id", kind: Kind::OrderId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "reason", field: "reason", kind: Kind::Text, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `release_hold`.
pub(crate) const RELEASE_HOLD: &[Field] = &[
    Field { key: "orderId", field: "order_id", kind: Kind::OrderId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `complete_order`.
pub(crate) const COMPLETE_ORDER: &[Field] = &[
    Field { key: "orderId", field: "order_id", kind: Kind::OrderId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `units_sold`.
pub(crate) const UNITS_SOLD: &[Field] = &[
    Field { key: "sku", field: "sku", kind: Kind::Sku, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "channel", field: "channel", kind: Kind::ChannelId, required: true, positional: false, default: None, read_max: 0 },
];

/// The parameters of `authorize_payment`.
pub(crate) const AUTHORIZE_PAYMENT: &[Field] = &[
    Field { key: "orderId", field: "order_id", kind: Kind::OrderId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "paymentId", field: "payment_id", kind: Kind::PaymentId, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "kind", field: "kind", kind: Kind::PaymentKind, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "amount", field: "amount", kind: Kind::Amount, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "currency", field: "currency", kind: Kind::Currency, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "gatewayReference", field: "gateway_reference", kind: Kind::GatewayReference, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `capture_payment`.
pub(crate) const CAPTURE_PAYMENT: &[Field] = &[
    Field { key: "paymentId", field: "payment_id", kind: Kind::PaymentId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "amount", field: "amount", kind: Kind::Amount, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "currency", field: "currency", kind: Kind::Currency, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "gatewayReference", field: "gateway_reference", kind: Kind::GatewayReference, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `void_payment`.
pub(crate) const VOID_PAYMENT: &[Field] = &[
    Field { key: "paymentId", field: "payment_id", kind: Kind::PaymentId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "gatewayReference", field: "gateway_reference", kind: Kind::GatewayReference, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `refund_payment`.
pub(crate) const REFUND_PAYMENT: &[Field] = &[
    Field { key: "paymentId", field: "payment_id", kind: Kind::PaymentId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "amount", field: "amount", kind: Kind::Amount, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "currency", field: "currency", kind: Kind::Currency, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "gatewayReference", field: "gateway_reference", kind: Kind::GatewayReference, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `fail_payment`.
pub(crate) const FAIL_PAYMENT: &[Field] = &[
    Field { key: "paymentId", field: "payment_id", kind: Kind::PaymentId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "gatewayReference", field: "gateway_reference", kind: Kind::GatewayReference, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "reason", field: "reason", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `get_payment`.
pub(crate) const GET_PAYMENT: &[Field] = &[
    Field { key: "paymentId", field: "payment_id", kind: Kind::PaymentId, required: true, positional: true, default: None, read_max: 0 },
];

/// The parameters of `order_payments`.
pub(crate) const ORDER_PAYMENTS: &[Field] = &[
    Field { key: "orderId", field: "order_id", kind: Kind::OrderId, required: true, positional: true, default: None, read_max: 0 },
];

/// The parameters of `events_since`.
pub(crate) const EVENTS_SINCE: &[Field] = &[
    Field { key: "cursor", field: "cursor", kind: Kind::Cursor, required: false, positional: true, default: None, read_max: 0 },
    Field { key: "limit", field: "limit", kind: Kind::PageLimit, required: false, positional: true, default: None, read_max: 0 },
];

/// The parameters of `create_shipments`.
pub(crate) const CREATE_SHIPMENTS: &[Field] = &[
    Field { key: "orderId", field: "order_id", kind: Kind::OrderId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `create_shipment`.
pub(crate) const CREATE_SHIPMENT: &[Field] = &[
    Field { key: "orderId", field: "order_id", kind: Kind::OrderId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "location", field: "location", kind: Kind::LocationId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "lines", field: "lines", kind: Kind::List(&Kind::Record(SHIPMENT_LINE)), required: true, positional: false, default: None, read_max: 251 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `start_picking`.
pub(crate) const START_PICKING: &[Field] = &[
    Field { key: "shipmentId", field: "shipment_id", kind: Kind::ShipmentId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `pack_shipment`.
pub(crate) const PACK_SHIPMENT: &[Field] = &[
    Field { key: "shipmentId", field: "shipment_id", kind: Kind::ShipmentId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "parcels", field: "parcels", kind: Kind::List(&Kind::Record(PARCEL)), required: true, positional: false, default: None, read_max: 101 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `ship_shipment`.
pub(crate) const SHIP_SHIPMENT: &[Field] = &[
    Field { key: "shipmentId", field: "shipment_id", kind: Kind::ShipmentId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "carrier", field: "carrier", kind: Kind::Text, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "trackingNumber", field: "tracking_number", kind: Kind::Text, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "partnerReference", field: "partner_reference", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `hand_over_shipment`.
pub(crate) const HAND_OVER_SHIPMENT: &[Field] = &[
    Field { key: "shipmentId", field: "shipment_id", kind: Kind::ShipmentId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "partner", field: "partner", kind: Kind::Text, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `confirm_delivery`.
pub(crate) const CONFIRM_DELIVERY: &[Field] = &[
    Field { key: "shipmentId", field: "shipment_id", kind: Kind::ShipmentId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "partnerReference", field: "partner_reference", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `cancel_shipment`.
pub(crate) const CANCEL_SHIPMENT: &[Field] = &[
    Field { key: "shipmentId", field: "shipment_id", kind: Kind::ShipmentId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `ready_for_pickup`.
pub(crate) const READY_FOR_PICKUP: &[Field] = &[
    Field { key: "shipmentId", field: "shipment_id", kind: Kind::ShipmentId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `confirm_pickup`.
pub(crate) const CONFIRM_PICKUP: &[Field] = &[
    Field { key: "shipmentId", field: "shipment_id", kind: Kind::ShipmentId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `reject_shipment_line`.
pub(crate) const REJECT_SHIPMENT_LINE: &[Field] = &[
    Field { key: "shipmentId", field: "shipment_id", kind: Kind::ShipmentId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "lineNumber", field: "line_number", kind: Kind::LineNumber, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "quantity", field: "quantity", kind: Kind::Quantity, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "reason", field: "reason", kind: Kind::LineRejectionReason, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotencyKey", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `get_shipment`.
pub(crate) const GET_SHIPMENT: &[Field] = &[
    Field { key: "shipmentId", field: "shipment_id", kind: Kind::ShipmentId, required: true, positional: true, default: None, read_max: 0 },
];

/// The parameters of `list_shipments`.
pub(crate) const LIST_SHIPMENTS: &[Field] = &[
    Field { key: "orderId", field: "order_id", kind: Kind::OrderId, required: true, positional: true, default: None, read_max: 0 },
];

/// The parameters of `pick_list`.
pub(crate) const PICK_LIST: &[Field] = &[
    Field { key: "location", field: "location", kind: Kind::LocationId, required: true, positional: true, default: None, read_max: 0 },
];

/// The parameters of `pick_list_document`.
pub(crate) const PICK_LIST_DOCUMENT: &[Field] = &[
    Field { key: "location", field: "location", kind: Kind::LocationId, required: true, positional: true, default: None, read_max: 0 },
];

/// The parameters of `packing_slips`.
pub(crate) const PACKING_SLIPS: &[Field] = &[
    Field { key: "shipmentIds", field: "shipment_ids", kind: Kind::List(&Kind::ShipmentId), required: true, positional: true, default: None, read_max: 101 },
];

/// The parameters of `shipping_label`.
pub(crate) const SHIPPING_LABEL: &[Field] = &[
    Field { key: "shipmentId", field: "shipment_id", kind: Kind::ShipmentId, required: true, positional: true, default: None, read_max: 0 },
];

/// The arguments of `Oms::get_product`.
#[derive(Deserialize)]
pub(crate) struct GetProductArguments {
    pub(crate) sku: oms_core::Sku,
}

/// The arguments of `Oms::list_products`.
#[derive(Deserialize)]
pub(crate) struct ListProductsArguments {
    pub(crate) after: Option<String>,
    pub(crate) limit: Option<usize>,
}

/// The arguments of `Oms::get_location`.
#[derive(Deserialize)]
pub(crate) struct GetLocationArguments {
    pub(crate) id: oms_core::LocationId,
}

/// The arguments of `Oms::get_channel`.
#[derive(Deserialize)]
pub(crate) struct GetChannelArguments {
    pub(crate) id: oms_core::ChannelId,
}

/// The arguments of `Oms::stock_level`.
#[derive(Deserialize)]
pub(crate) struct StockLevelArguments {
    pub(crate) sku: oms_core::Sku,
    pub(crate) location: oms_core::LocationId,
}

/// The arguments of `Oms::stock_levels`.
#[derive(Deserialize)]
pub(crate) struct StockLevelsArguments {
    pub(crate) sku: Option<oms_core::Sku>,
    pub(crate) location: Option<oms_core::LocationId>,
}

/// The arguments of `Oms::available`.
#[derive(Deserialize)]
pub(crate) struct AvailableArguments {
    pub(crate) sku: oms_core::Sku,
    pub(crate) channel: oms_core::ChannelId,
}

/// The arguments of `Oms::movements`.
#[derive(Deserialize)]
pub(crate) struct MovementsArguments {
    pub(crate) sku: oms_core::Sku,
    pub(crate) location: oms_core::LocationId,
    #[serde(default)]
    pub(crate) after: u64,
    pub(crate) limit: Option<usize>,
}

/// The arguments of `Oms::get_reservation`.
#[derive(Deserialize)]
pub(crate) struct GetReservationArguments {
    pub(crate) reservation_id: oms_core::ReservationId,
}

/// The arguments of `Oms::get_transfer`.
#[derive(Deserialize)]
pub(crate) struct GetTransferArguments {
    pub(crate) transfer_id: oms_core::TransferId,
}

/// The arguments of `Oms::get_order`.
#[derive(Deserialize)]
pub(crate) struct GetOrderArguments {
    pub(crate) order_id: oms_core::OrderId,
}

/// The arguments of `Oms::units_sold`.
#[derive(Deserialize)]
pub(crate) struct UnitsSoldArguments {
    pub(crate) channel: oms_core::ChannelId,
    pub(crate) sku: oms_core::Sku,
}

/// The arguments of `Oms::get_payment`.
#[derive(Deserialize)]
pub(crate) struct GetPaymentArguments {
    pub(crate) payment_id: oms_core::PaymentId,
}

/// The arguments of `Oms::order_payments`.
#[derive(Deserialize)]
pub(crate) struct OrderPaymentsArguments {
    pub(crate) order_id: oms_core::OrderId,
}

/// The arguments of `Oms::events_since`.
#[derive(Deserialize)]
pub(crate) struct EventsSinceArguments {
    #[serde(default)]
    pub(crate) cursor: u64,
    pub(crate) limit: Option<usize>,
}

/// The arguments of `Oms::get_shipment`.
#[derive(Deserialize)]
pub(crate) struct GetShipmentArguments {
    pub(crate) shipment_id: oms_core::ShipmentId,
}

/// The arguments of `Oms::list_shipments`.
#[derive(Deserialize)]
pub(crate) struct ListShipmentsArguments {
    pub(crate) order_id: oms_core::OrderId,
}

/// The arguments of `Oms::pick_list`.
#[derive(Deserialize)]
pub(crate) struct PickListArguments {
    pub(crate) location: oms_core::LocationId,
}

/// The arguments of `Oms::pick_list_document`.
#[derive(Deserialize)]
pub(crate) struct PickListDocumentArguments {
    pub(crate) location: oms_core::LocationId,
}

/// The arguments of `Oms::packing_slips`.
#[derive(Deserialize)]
pub(crate) struct PackingSlipsArguments {
    pub(crate) shipment_ids: Vec<oms_core::ShipmentId>,
}

/// The arguments of `Oms::shipping_label`.
#[derive(Deserialize)]
pub(crate) struct ShippingLabelArguments {
    pub(crate) shipment_id: oms_core::ShipmentId,
}

/// Hands the generated methods to `$callback!` (in `lib.rs`), where they are expanded.
macro_rules! operations {
    ($callback:ident) => {
        $callback! {
    #[doc = " One product by SKU (`product_not_found` if there is none)."]
    #[napi(catch_unwind, ts_args_type = "sku: string", ts_return_type = "Promise<Product>")]
    pub fn get_product(&self, env: Env, sku: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<crate::generated::GetProductArguments>(crate::generated::GET_PRODUCT, &[Some(sku)], None, "options")), move |(oms, arguments)| oms.get_product(&arguments.sku).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "sku: string", ts_return_type = "Product")]
    pub fn get_product_sync(&self, sku: Js) -> Returned<crate::output::Out<oms_core::Product>> {
        run(self.call(crate::read::command::<crate::generated::GetProductArguments>(crate::generated::GET_PRODUCT, &[Some(sku)], None, "options")), |(oms, arguments)| oms.get_product(&arguments.sku).map(crate::output::Output::output))
    }

    #[doc = " Products in SKU order, one page at a time (100 by default, at most 1,000)."]
    #[napi(catch_unwind, ts_args_type = "input?: ListProductsInput", ts_return_type = "Promise<ProductPage>")]
    pub fn list_products(&self, env: Env, input: Option<Js>) -> Promise {
        spawn(env, self.call(crate::read::command::<crate::generated::ListProductsArguments>(crate::generated::LIST_PRODUCTS, &[], input, "input")), move |(oms, arguments)| oms.list_products(arguments.after.as_deref(), arguments.limit).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "input?: ListProductsInput", ts_return_type = "ProductPage")]
    pub fn list_products_sync(&self, input: Option<Js>) -> Returned<crate::output::Out<oms_core::ProductPage>> {
        run(self.call(crate::read::command::<crate::generated::ListProductsArguments>(crate::generated::LIST_PRODUCTS, &[], input, "input")), |(oms, arguments)| oms.list_products(arguments.after.as_deref(), arguments.limit).map(crate::output::Output::output))
    }

    #[doc = " One location by id (`location_not_found` if there is none)."]
    #[napi(catch_unwind, ts_args_type = "locationId: string", ts_return_type = "Promise<Location>")]
    pub fn get_location(&self, env: Env, id: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<crate::generated::GetLocationArguments>(crate::generated::GET_LOCATION, &[Some(id)], None, "options")), move |(oms, arguments)| oms.get_location(&arguments.id).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "locationId: string", ts_return_type = "Location")]
    pub fn get_location_sync(&self, id: Js) -> Returned<crate::output::Out<oms_core::Location>> {
        run(self.call(crate::read::command::<crate::generated::GetLocationArguments>(crate::generated::GET_LOCATION, &[Some(id)], None, "options")), |(oms, arguments)| oms.get_location(&arguments.id).map(crate::output::Output::output))
    }

    #[doc = " Every location, by id."]
    #[napi(catch_unwind, ts_return_type = "Promise<Array<Location>>")]
    pub fn list_locations(&self, env: Env) -> Promise {
        spawn(env, self.call(Ok(())), move |(oms, ())| oms.list_locations().map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_return_type = "Array<Location>")]
    pub fn list_locations_sync(&self) -> Returned<crate::output::Out<Vec<oms_core::Location>>> {
        run(self.call(Ok(())), |(oms, ())| oms.list_locations().map(crate::output::Output::output))
    }

    #[doc = " One channel by id (`channel_not_found` if there is none)."]
    #[napi(catch_unwind, ts_args_type = "channelId: string", ts_return_type = "Promise<Channel>")]
    pub fn get_channel(&self, env: Env, id: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<crate::generated::GetChannelArguments>(crate::generated::GET_CHANNEL, &[Some(id)], None, "options")), move |(oms, arguments)| oms.get_channel(&arguments.id).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "channelId: string", ts_return_type = "Channel")]
    pub fn get_channel_sync(&self, id: Js) -> Returned<crate::output::Out<oms_core::Channel>> {
        run(self.call(crate::read::command::<crate::generated::GetChannelArguments>(crate::generated::GET_CHANNEL, &[Some(id)], None, "options")), |(oms, arguments)| oms.get_channel(&arguments.id).map(crate::output::Output::output))
    }

    #[doc = " Every channel, by id."]
    #[napi(catch_unwind, ts_return_type = "Promise<Array<Channel>>")]
    pub fn list_channels(&self, env: Env) -> Promise {
        spawn(env, self.call(Ok(())), move |(oms, ())| oms.list_channels().map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_return_type = "Array<Channel>")]
    pub fn list_channels_sync(&self) -> Returned<crate::output::Out<Vec<oms_core::Channel>>> {
        run(self.call(Ok(())), |(oms, ())| oms.list_channels().map(crate::output::Output::output))
    }

    #[doc = " Creates or replaces a location."]
    #[napi(catch_unwind, ts_args_type = "input: UpsertLocationInput", ts_return_type = "Promise<Location>")]
    pub fn upsert_location(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::UpsertLocation>(crate::generated::UPSERT_LOCATION, &[], Some(input), "input")), move |(oms, arguments)| oms.upsert_location(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "input: UpsertLocationInput", ts_return_type = "Location")]
    pub fn upsert_location_sync(&self, input: Js) -> Returned<crate::output::Out<oms_core::Location>> {
        run(self.call(crate::read::command::<oms_core::UpsertLocation>(crate::generated::UPSERT_LOCATION, &[], Some(input), "input")), |(oms, arguments)| oms.upsert_location(arguments).map(crate::output::Output::output))
    }

    #[doc = " Creates or replaces a channel; every location it names must exist."]
    #[napi(catch_unwind, ts_args_type = "input: UpsertChannelInput", ts_return_type = "Promise<Channel>")]
    pub fn upsert_channel(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::UpsertChannel>(crate::generated::UPSERT_CHANNEL, &[], Some(input), "input")), move |(oms, arguments)| oms.upsert_channel(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "input: UpsertChannelInput", ts_return_type = "Channel")]
    pub fn upsert_channel_sync(&self, input: Js) -> Returned<crate::output::Out<oms_core::Channel>> {
        run(self.call(crate::read::command::<oms_core::UpsertChannel>(crate::generated::UPSERT_CHANNEL, &[], Some(input), "input")), |(oms, arguments)| oms.upsert_channel(arguments).map(crate::output::Output::output))
    }

    #[doc = " Creates or replaces a product."]
    #[napi(catch_unwind, ts_args_type = "input: UpsertProductInput", ts_return_type = "Promise<Product>")]
    pub fn upsert_product(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::UpsertProduct>(crate::generated::UPSERT_PRODUCT, &[], Some(input), "input")), move |(oms, arguments)| oms.upsert_product(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "input: UpsertProductInput", ts_return_type = "Product")]
    pub fn upsert_product_sync(&self, input: Js) -> Returned<crate::output::Out<oms_core::Product>> {
        run(self.call(crate::read::command::<oms_core::UpsertProduct>(crate::generated::UPSERT_PRODUCT, &[], Some(input), "input")), |(oms, arguments)| oms.upsert_product(arguments).map(crate::output::Output::output))
    }

    #[doc = " Sets the distance between two regions, both ways; locations are ranked by it."]
    #[napi(catch_unwind, ts_args_type = "input: SetRegionDistanceInput", ts_return_type = "Promise<void>")]
    pub fn set_region_distance(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::SetRegionDistance>(crate::generated::SET_REGION_DISTANCE, &[], Some(input), "input")), move |(oms, arguments)| oms.set_region_distance(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "input: SetRegionDistanceInput", ts_return_type = "void")]
    pub fn set_region_distance_sync(&self, input: Js) -> Returned<crate::output::Out<()>> {
        run(self.call(crate::read::command::<oms_core::SetRegionDistance>(crate::generated::SET_REGION_DISTANCE, &[], Some(input), "input")), |(oms, arguments)| oms.set_region_distance(arguments).map(crate::output::Output::output))
    }

    #[doc = " Goods arrived at a location: on hand rises and backorders there are filled."]
    #[napi(catch_unwind, ts_args_type = "input: ReceiveStockInput", ts_return_type = "Promise<StockLevel>")]
    pub fn receive_stock(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::ReceiveStock>(crate::generated::RECEIVE_STOCK, &[], Some(input), "input")), move |(oms, arguments)| oms.receive_stock(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "input: ReceiveStockInput", ts_return_type = "StockLevel")]
    pub fn receive_stock_sync(&self, input: Js) -> Returned<crate::output::Out<oms_core::StockLevel>> {
        run(self.call(crate::read::command::<oms_core::ReceiveStock>(crate::generated::RECEIVE_STOCK, &[], Some(input), "input")), |(oms, arguments)| oms.receive_stock(arguments).map(crate::output::Output::output))
    }

    #[doc = " Corrects on hand by a signed delta; it may not fall below what is allocated."]
    #[napi(catch_unwind, ts_args_type = "input: AdjustStockInput", ts_return_type = "Promise<StockLevel>")]
    pub fn adjust_stock(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::AdjustStock>(crate::generated::ADJUST_STOCK, &[], Some(input), "input")), move |(oms, arguments)| oms.adjust_stock(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "input: AdjustStockInput", ts_return_type = "StockLevel")]
    pub fn adjust_stock_sync(&self, input: Js) -> Returned<crate::output::Out<oms_core::StockLevel>> {
        run(self.call(crate::read::command::<oms_core::AdjustStock>(crate::generated::ADJUST_STOCK, &[], Some(input), "input")), |(oms, arguments)| oms.adjust_stock(arguments).map(crate::output::Output::output))
    }

    #[doc = " Records a physical count: on hand becomes `counted`, the variance a `count` movement."]
    #[napi(catch_unwind, ts_args_type = "input: CountStockInput", ts_return_type = "Promise<StockLevel>")]
    pub fn count_stock(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::CountStock>(crate::generated::COUNT_STOCK, &[], Some(input), "input")), move |(oms, arguments)| oms.count_stock(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "input: CountStockInput", ts_return_type = "StockLevel")]
    pub fn count_stock_sync(&self, input: Js) -> Returned<crate::output::Out<oms_core::StockLevel>> {
        run(self.call(crate::read::command::<oms_core::CountStock>(crate::generated::COUNT_STOCK, &[], Some(input), "input")), |(oms, arguments)| oms.count_stock(arguments).map(crate::output::Output::output))
    }

    #[doc = " Moves sellable units into quarantine (kept, not sellable)."]
    #[napi(catch_unwind, ts_args_type = "input: StockQuantityInput", ts_return_type = "Promise<StockLevel>")]
    pub fn quarantine_stock(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::StockQuantity>(crate::generated::QUARANTINE_STOCK, &[], Some(input), "input")), move |(oms, arguments)| oms.quarantine_stock(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "input: StockQuantityInput", ts_return_type = "StockLevel")]
    pub fn quarantine_stock_sync(&self, input: Js) -> Returned<crate::output::Out<oms_core::StockLevel>> {
        run(self.call(crate::read::command::<oms_core::StockQuantity>(crate::generated::QUARANTINE_STOCK, &[], Some(input), "input")), |(oms, arguments)| oms.quarantine_stock(arguments).map(crate::output::Output::output))
    }

    #[doc = " Returns quarantined units to sellable stock (filling backorders)."]
    #[napi(catch_unwind, ts_args_type = "input: StockQuantityInput", ts_return_type = "Promise<StockLevel>")]
    pub fn release_quarantine(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::StockQuantity>(crate::generated::RELEASE_QUARANTINE, &[], Some(input), "input")), move |(oms, arguments)| oms.release_quarantine(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "input: StockQuantityInput", ts_return_type = "StockLevel")]
    pub fn release_quarantine_sync(&self, input: Js) -> Returned<crate::output::Out<oms_core::StockLevel>> {
        run(self.call(crate::read::command::<oms_core::StockQuantity>(crate::generated::RELEASE_QUARANTINE, &[], Some(input), "input")), |(oms, arguments)| oms.release_quarantine(arguments).map(crate::output::Output::output))
    }

    #[doc = " Available to promise for each SKU on a channel, with the figure per location."]
    #[napi(catch_unwind, ts_args_type = "input: AvailabilityInput", ts_return_type = "Promise<Array<Availability>>")]
    pub fn availability(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::AvailabilityQuery>(crate::generated::AVAILABILITY, &[], Some(input), "input")), move |(oms, arguments)| oms.availability(&arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "input: AvailabilityInput", ts_return_type = "Array<Availability>")]
    pub fn availability_sync(&self, input: Js) -> Returned<crate::output::Out<Vec<oms_core::Availability>>> {
        run(self.call(crate::read::command::<oms_core::AvailabilityQuery>(crate::generated::AVAILABILITY, &[], Some(input), "input")), |(oms, arguments)| oms.availability(&arguments).map(crate::output::Output::output))
    }

    #[doc = " The stock of one SKU at one location (zero buckets if it never had any)."]
    #[napi(catch_unwind, ts_args_type = "input: StockLevelInput", ts_return_type = "Promise<StockLevel>")]
    pub fn stock_level(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<crate::generated::StockLevelArguments>(crate::generated::STOCK_LEVEL, &[], Some(input), "input")), move |(oms, arguments)| oms.stock_level(&arguments.sku, &arguments.location).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "input: StockLevelInput", ts_return_type = "StockLevel")]
    pub fn stock_level_sync(&self, input: Js) -> Returned<crate::output::Out<oms_core::StockLevel>> {
        run(self.call(crate::read::command::<crate::generated::StockLevelArguments>(crate::generated::STOCK_LEVEL, &[], Some(input), "input")), |(oms, arguments)| oms.stock_level(&arguments.sku, &arguments.location).map(crate::output::Output::output))
    }

    #[doc = " Stock levels, optionally of one SKU and/or at one location, by (SKU, location)."]
    #[napi(catch_unwind, ts_args_type = "input?: StockLevelsInput", ts_return_type = "Promise<Array<StockLevel>>")]
    pub fn stock_levels(&self, env: Env, input: Option<Js>) -> Promise {
        spawn(env, self.call(crate::read::command::<crate::generated::StockLevelsArguments>(crate::generated::STOCK_LEVELS, &[], input, "input")), move |(oms, arguments)| oms.stock_levels(arguments.sku.as_ref(), arguments.location.as_ref()).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "input?: StockLevelsInput", ts_return_type = "Array<StockLevel>")]
    pub fn stock_levels_sync(&self, input: Option<Js>) -> Returned<crate::output::Out<Vec<oms_core::StockLevel>>> {
        run(self.call(crate::read::command::<crate::generated::StockLevelsArguments>(crate::generated::STOCK_LEVELS, &[], input, "input")), |(oms, arguments)| oms.stock_levels(arguments.sku.as_ref(), arguments.location.as_ref()).map(crate::output::Output::output))
    }

    #[doc = " Units of a SKU the channel can promise for a shipped order."]
    #[napi(catch_unwind, ts_args_type = "input: AvailableInput", ts_return_type = "Promise<number>")]
    pub fn available(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<crate::generated::AvailableArguments>(crate::generated::AVAILABLE, &[], Some(input), "input")), move |(oms, arguments)| oms.available(&arguments.sku, &arguments.channel).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "input: AvailableInput", ts_return_type = "number")]
    pub fn available_sync(&self, input: Js) -> Returned<crate::output::Out<i64>> {
        run(self.call(crate::read::command::<crate::generated::AvailableArguments>(crate::generated::AVAILABLE, &[], Some(input), "input")), |(oms, arguments)| oms.available(&arguments.sku, &arguments.channel).map(crate::output::Output::output))
    }

    #[doc = " The stock ledger of one SKU at one location, oldest first."]
    #[napi(catch_unwind, ts_args_type = "input: MovementsInput", ts_return_type = "Promise<Array<Movement>>")]
    pub fn movements(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<crate::generated::MovementsArguments>(crate::generated::MOVEMENTS, &[], Some(input), "input")), move |(oms, arguments)| oms.movements(&arguments.sku, &arguments.location, arguments.after, arguments.limit).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "input: MovementsInput", ts_return_type = "Array<Movement>")]
    pub fn movements_sync(&self, input: Js) -> Returned<crate::output::Out<Vec<oms_core::Movement>>> {
        run(self.call(crate::read::command::<crate::generated::MovementsArguments>(crate::generated::MOVEMENTS, &[], Some(input), "input")), |(oms, arguments)| oms.movements(&arguments.sku, &arguments.location, arguments.after, arguments.limit).map(crate::output::Output::output))
    }

    #[doc = " Sets stock aside for a checkout until its time is up; placing the order converts it."]
    #[napi(catch_unwind, ts_args_type = "input: ReserveStockInput", ts_return_type = "Promise<Reservation>")]
    pub fn reserve_stock(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::ReserveStock>(crate::generated::RESERVE_STOCK, &[], Some(input), "input")), move |(oms, arguments)| oms.reserve_stock(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "input: ReserveStockInput", ts_return_type = "Reservation")]
    pub fn reserve_stock_sync(&self, input: Js) -> Returned<crate::output::Out<oms_core::Reservation>> {
        run(self.call(crate::read::command::<oms_core::ReserveStock>(crate::generated::RESERVE_STOCK, &[], Some(input), "input")), |(oms, arguments)| oms.reserve_stock(arguments).map(crate::output::Output::output))
    }

    #[doc = " Gives an active reservation's stock back now."]
    #[napi(catch_unwind, ts_args_type = "reservationId: string, options?: ReleaseReservationInput", ts_return_type = "Promise<Reservation>")]
    pub fn release_reservation(&self, env: Env, reservation_id: Js, options: Option<Js>) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::ReleaseReservation>(crate::generated::RELEASE_RESERVATION, &[Some(reservation_id)], options, "options")), move |(oms, arguments)| oms.release_reservation(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "reservationId: string, options?: ReleaseReservationInput", ts_return_type = "Reservation")]
    pub fn release_reservation_sync(&self, reservation_id: Js, options: Option<Js>) -> Returned<crate::output::Out<oms_core::Reservation>> {
        run(self.call(crate::read::command::<oms_core::ReleaseReservation>(crate::generated::RELEASE_RESERVATION, &[Some(reservation_id)], options, "options")), |(oms, arguments)| oms.release_reservation(arguments).map(crate::output::Output::output))
    }

    #[doc = " Releases reservations whose time is up (a batch per call); returns their ids."]
    #[napi(catch_unwind, ts_return_type = "Promise<Array<string>>")]
    pub fn expire_reservations(&self, env: Env) -> Promise {
        spawn(env, self.call(Ok(())), move |(oms, ())| oms.expire_reservations().map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_return_type = "Array<string>")]
    pub fn expire_reservations_sync(&self) -> Returned<crate::output::Out<Vec<oms_core::ReservationId>>> {
        run(self.call(Ok(())), |(oms, ())| oms.expire_reservations().map(crate::output::Output::output))
    }

    #[doc = " One reservation by id."]
    #[napi(catch_unwind, ts_args_type = "reservationId: string", ts_return_type = "Promise<Reservation>")]
    pub fn get_reservation(&self, env: Env, reservation_id: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<crate::generated::GetReservationArguments>(crate::generated::GET_RESERVATION, &[Some(reservation_id)], None, "options")), move |(oms, arguments)| oms.get_reservation(&arguments.reservation_id).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "reservationId: string", ts_return_type = "Reservation")]
    pub fn get_reservation_sync(&self, reservation_id: Js) -> Returned<crate::output::Out<oms_core::Reservation>> {
        run(self.call(crate::read::command::<crate::generated::GetReservationArguments>(crate::generated::GET_RESERVATION, &[Some(reservation_id)], None, "options")), |(oms, arguments)| oms.get_reservation(&arguments.reservation_id).map(crate::output::Output::output))
    }

    #[doc = " Asks to move units of a SKU between locations; nothing moves until it ships."]
    #[napi(catch_unwind, ts_args_type = "input: RequestTransferInput", ts_return_type = "Promise<Transfer>")]
    pub fn request_transfer(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::RequestTransfer>(crate::generated::REQUEST_TRANSFER, &[], Some(input), "input")), move |(oms, arguments)| oms.request_transfer(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "input: RequestTransferInput", ts_return_type = "Transfer")]
    pub fn request_transfer_sync(&self, input: Js) -> Returned<crate::output::Out<oms_core::Transfer>> {
        run(self.call(crate::read::command::<oms_core::RequestTransfer>(crate::generated::REQUEST_TRANSFER, &[], Some(input), "input")), |(oms, arguments)| oms.request_transfer(arguments).map(crate::output::Output::output))
    }

    #[doc = " The transfer leaves its source: on hand drops there, the target's incoming rises."]
    #[napi(catch_unwind, ts_args_type = "transferId: string, options?: TransferStepInput", ts_return_type = "Promise<Transfer>")]
    pub fn ship_transfer(&self, env: Env, transfer_id: Js, options: Option<Js>) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::TransferStep>(crate::generated::SHIP_TRANSFER, &[Some(transfer_id)], options, "options")), move |(oms, arguments)| oms.ship_transfer(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "transferId: string, options?: TransferStepInput", ts_return_type = "Transfer")]
    pub fn ship_transfer_sync(&self, transfer_id: Js, options: Option<Js>) -> Returned<crate::output::Out<oms_core::Transfer>> {
        run(self.call(crate::read::command::<oms_core::TransferStep>(crate::generated::SHIP_TRANSFER, &[Some(transfer_id)], options, "options")), |(oms, arguments)| oms.ship_transfer(arguments).map(crate::output::Output::output))
    }

    #[doc = " The transfer arrives: the target's incoming becomes on hand."]
    #[napi(catch_unwind, ts_args_type = "transferId: string, options?: TransferStepInput", ts_return_type = "Promise<Transfer>")]
    pub fn receive_transfer(&self, env: Env, transfer_id: Js, options: Option<Js>) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::TransferStep>(crate::generated::RECEIVE_TRANSFER, &[Some(transfer_id)], options, "options")), move |(oms, arguments)| oms.receive_transfer(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "transferId: string, options?: TransferStepInput", ts_return_type = "Transfer")]
    pub fn receive_transfer_sync(&self, transfer_id: Js, options: Option<Js>) -> Returned<crate::output::Out<oms_core::Transfer>> {
        run(self.call(crate::read::command::<oms_core::TransferStep>(crate::generated::RECEIVE_TRANSFER, &[Some(transfer_id)], options, "options")), |(oms, arguments)| oms.receive_transfer(arguments).map(crate::output::Output::output))
    }

    #[doc = " Cancels a transfer that has not shipped."]
    #[napi(catch_unwind, ts_args_type = "transferId: string, options?: TransferStepInput", ts_return_type = "Promise<Transfer>")]
    pub fn cancel_transfer(&self, env: Env, transfer_id: Js, options: Option<Js>) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::TransferStep>(crate::generated::CANCEL_TRANSFER, &[Some(transfer_id)], options, "options")), move |(oms, arguments)| oms.cancel_transfer(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "transferId: string, options?: TransferStepInput", ts_return_type = "Transfer")]
    pub fn cancel_transfer_sync(&self, transfer_id: Js, options: Option<Js>) -> Returned<crate::output::Out<oms_core::Transfer>> {
        run(self.call(crate::read::command::<oms_core::TransferStep>(crate::generated::CANCEL_TRANSFER, &[Some(transfer_id)], options, "options")), |(oms, arguments)| oms.cancel_transfer(arguments).map(crate::output::Output::output))
    }

    #[doc = " One transfer by id."]
    #[napi(catch_unwind, ts_args_type = "transferId: string", ts_return_type = "Promise<Transfer>")]
    pub fn get_transfer(&self, env: Env, transfer_id: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<crate::generated::GetTransferArguments>(crate::generated::GET_TRANSFER, &[Some(transfer_id)], None, "options")), move |(oms, arguments)| oms.get_transfer(&arguments.transfer_id).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "transferId: string", ts_return_type = "Transfer")]
    pub fn get_transfer_sync(&self, transfer_id: Js) -> Returned<crate::output::Out<oms_core::Transfer>> {
        run(self.call(crate::read::command::<crate::generated::GetTransferArguments>(crate::generated::GET_TRANSFER, &[Some(transfer_id)], None, "options")), |(oms, arguments)| oms.get_transfer(&arguments.transfer_id).map(crate::output::Output::output))
    }

    #[doc = " Prices an order exactly and allocates it, or refuses it leaving nothing written."]
    #[napi(catch_unwind, ts_args_type = "input: PlaceOrderInput", ts_return_type = "Promise<Order>")]
    pub fn place_order(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::PlaceOrder>(crate::generated::PLACE_ORDER, &[], Some(input), "input")), move |(oms, arguments)| oms.place_order(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "input: PlaceOrderInput", ts_return_type = "Order")]
    pub fn place_order_sync(&self, input: Js) -> Returned<crate::output::Out<oms_core::Order>> {
        run(self.call(crate::read::command::<oms_core::PlaceOrder>(crate::generated::PLACE_ORDER, &[], Some(input), "input")), |(oms, arguments)| oms.place_order(arguments).map(crate::output::Output::output))
    }

    #[doc = " Plans an order's allocation without writing anything (a dry run), with its explanation."]
    #[napi(catch_unwind, ts_args_type = "input: PlanAllocationInput", ts_return_type = "Promise<AllocationPlan>")]
    pub fn plan_allocation(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::PlaceOrder>(crate::generated::PLAN_ALLOCATION, &[], Some(input), "input")), move |(oms, arguments)| oms.plan_allocation(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "input: PlanAllocationInput", ts_return_type = "AllocationPlan")]
    pub fn plan_allocation_sync(&self, input: Js) -> Returned<crate::output::Out<oms_core::AllocationPlan>> {
        run(self.call(crate::read::command::<oms_core::PlaceOrder>(crate::generated::PLAN_ALLOCATION, &[], Some(input), "input")), |(oms, arguments)| oms.plan_allocation(arguments).map(crate::output::Output::output))
    }

    #[doc = " A location cannot find a line's goods: written off there, the line re-routed or backordered."]
    #[napi(catch_unwind, ts_args_type = "orderId: string, options: RejectAllocationInput", ts_return_type = "Promise<Order>")]
    pub fn reject_allocation(&self, env: Env, order_id: Js, options: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::RejectAllocation>(crate::generated::REJECT_ALLOCATION, &[Some(order_id)], Some(options), "options")), move |(oms, arguments)| oms.reject_allocation(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string, options: RejectAllocationInput", ts_return_type = "Order")]
    pub fn reject_allocation_sync(&self, order_id: Js, options: Js) -> Returned<crate::output::Out<oms_core::Order>> {
        run(self.call(crate::read::command::<oms_core::RejectAllocation>(crate::generated::REJECT_ALLOCATION, &[Some(order_id)], Some(options), "options")), |(oms, arguments)| oms.reject_allocation(arguments).map(crate::output::Output::output))
    }

    #[doc = " One order by id."]
    #[napi(catch_unwind, ts_args_type = "orderId: string", ts_return_type = "Promise<Order>")]
    pub fn get_order(&self, env: Env, order_id: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<crate::generated::GetOrderArguments>(crate::generated::GET_ORDER, &[Some(order_id)], None, "options")), move |(oms, arguments)| oms.get_order(&arguments.order_id).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string", ts_return_type = "Order")]
    pub fn get_order_sync(&self, order_id: Js) -> Returned<crate::output::Out<oms_core::Order>> {
        run(self.call(crate::read::command::<crate::generated::GetOrderArguments>(crate::generated::GET_ORDER, &[Some(order_id)], None, "options")), |(oms, arguments)| oms.get_order(&arguments.order_id).map(crate::output::Output::output))
    }

    #[doc = " Orders matching the filters, oldest first, one page at a time."]
    #[napi(catch_unwind, ts_args_type = "input?: ListOrdersInput", ts_return_type = "Promise<OrderPage>")]
    pub fn list_orders(&self, env: Env, input: Option<Js>) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::OrderQuery>(crate::generated::LIST_ORDERS, &[], input, "input")), move |(oms, arguments)| oms.list_orders(&arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "input?: ListOrdersInput", ts_return_type = "OrderPage")]
    pub fn list_orders_sync(&self, input: Option<Js>) -> Returned<crate::output::Out<oms_core::OrderPage>> {
        run(self.call(crate::read::command::<oms_core::OrderQuery>(crate::generated::LIST_ORDERS, &[], input, "input")), |(oms, arguments)| oms.list_orders(&arguments).map(crate::output::Output::output))
    }

    #[doc = " Cancels every unit that has not shipped and releases its stock."]
    #[napi(catch_unwind, ts_args_type = "orderId: string, options?: CancelOrderInput", ts_return_type = "Promise<Order>")]
    pub fn cancel_order(&self, env: Env, order_id: Js, options: Option<Js>) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::CancelOrder>(crate::generated::CANCEL_ORDER, &[Some(order_id)], options, "options")), move |(oms, arguments)| oms.cancel_order(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string, options?: CancelOrderInput", ts_return_type = "Order")]
    pub fn cancel_order_sync(&self, order_id: Js, options: Option<Js>) -> Returned<crate::output::Out<oms_core::Order>> {
        run(self.call(crate::read::command::<oms_core::CancelOrder>(crate::generated::CANCEL_ORDER, &[Some(order_id)], options, "options")), |(oms, arguments)| oms.cancel_order(arguments).map(crate::output::Output::output))
    }

    #[doc = " Cancels some units of some lines and releases their stock."]
    #[napi(catch_unwind, ts_args_type = "orderId: string, options: CancelLinesInput", ts_return_type = "Promise<Order>")]
    pub fn cancel_lines(&self, env: Env, order_id: Js, options: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::CancelLines>(crate::generated::CANCEL_LINES, &[Some(order_id)], Some(options), "options")), move |(oms, arguments)| oms.cancel_lines(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string, options: CancelLinesInput", ts_return_type = "Order")]
    pub fn cancel_lines_sync(&self, order_id: Js, options: Js) -> Returned<crate::output::Out<oms_core::Order>> {
        run(self.call(crate::read::command::<oms_core::CancelLines>(crate::generated::CANCEL_LINES, &[Some(order_id)], Some(options), "options")), |(oms, arguments)| oms.cancel_lines(arguments).map(crate::output::Output::output))
    }

    #[doc = " Edits an order until the lines it touches are picked, then reallocates what changed and reprices it exactly."]
    #[napi(catch_unwind, ts_args_type = "orderId: string, options?: EditOrderInput", ts_return_type = "Promise<Order>")]
    pub fn edit_order(&self, env: Env, order_id: Js, options: Option<Js>) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::EditOrder>(crate::generated::EDIT_ORDER, &[Some(order_id)], options, "options")), move |(oms, arguments)| oms.edit_order(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string, options?: EditOrderInput", ts_return_type = "Order")]
    pub fn edit_order_sync(&self, order_id: Js, options: Option<Js>) -> Returned<crate::output::Out<oms_core::Order>> {
        run(self.call(crate::read::command::<oms_core::EditOrder>(crate::generated::EDIT_ORDER, &[Some(order_id)], options, "options")), |(oms, arguments)| oms.edit_order(arguments).map(crate::output::Output::output))
    }

    #[doc = " Puts an order on hold; it keeps its stock until released or cancelled."]
    #[napi(catch_unwind, ts_args_type = "orderId: string, options: HoldOrderInput", ts_return_type = "Promise<Order>")]
    pub fn hold_order(&self, env: Env, order_id: Js, options: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::HoldOrder>(crate::generated::HOLD_ORDER, &[Some(order_id)], Some(options), "options")), move |(oms, arguments)| oms.hold_order(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string, options: HoldOrderInput", ts_return_type = "Order")]
    pub fn hold_order_sync(&self, order_id: Js, options: Js) -> Returned<crate::output::Out<oms_core::Order>> {
        run(self.call(crate::read::command::<oms_core::HoldOrder>(crate::generated::HOLD_ORDER, &[Some(order_id)], Some(options), "options")), |(oms, arguments)| oms.hold_order(arguments).map(crate::output::Output::output))
    }

    #[doc = " Releases a hold; the order returns to the status its quantities imply."]
    #[napi(catch_unwind, ts_args_type = "orderId: string, options?: ReleaseHoldInput", ts_return_type = "Promise<Order>")]
    pub fn release_hold(&self, env: Env, order_id: Js, options: Option<Js>) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::ReleaseHold>(crate::generated::RELEASE_HOLD, &[Some(order_id)], options, "options")), move |(oms, arguments)| oms.release_hold(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string, options?: ReleaseHoldInput", ts_return_type = "Order")]
    pub fn release_hold_sync(&self, order_id: Js, options: Option<Js>) -> Returned<crate::output::Out<oms_core::Order>> {
        run(self.call(crate::read::command::<oms_core::ReleaseHold>(crate::generated::RELEASE_HOLD, &[Some(order_id)], options, "options")), |(oms, arguments)| oms.release_hold(arguments).map(crate::output::Output::output))
    }

    #[doc = " Closes a delivered or collected order; refused while recorded payments are not captured."]
    #[napi(catch_unwind, ts_args_type = "orderId: string, options?: CompleteOrderInput", ts_return_type = "Promise<Order>")]
    pub fn complete_order(&self, env: Env, order_id: Js, options: Option<Js>) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::CompleteOrder>(crate::generated::COMPLETE_ORDER, &[Some(order_id)], options, "options")), move |(oms, arguments)| oms.complete_order(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string, options?: CompleteOrderInput", ts_return_type = "Order")]
    pub fn complete_order_sync(&self, order_id: Js, options: Option<Js>) -> Returned<crate::output::Out<oms_core::Order>> {
        run(self.call(crate::read::command::<oms_core::CompleteOrder>(crate::generated::COMPLETE_ORDER, &[Some(order_id)], options, "options")), |(oms, arguments)| oms.complete_order(arguments).map(crate::output::Output::output))
    }

    #[doc = " How many orders are in each status (statuses without orders are absent)."]
    #[napi(catch_unwind, ts_return_type = "Promise<Partial<Record<import('./types').OrderStatus, number>>>")]
    pub fn order_status_counts(&self, env: Env) -> Promise {
        spawn(env, self.call(Ok(())), move |(oms, ())| oms.order_status_counts().map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_return_type = "Partial<Record<import('./types').OrderStatus, number>>")]
    pub fn order_status_counts_sync(&self) -> Returned<crate::output::Out<Vec<(oms_core::OrderStatus, u64)>>> {
        run(self.call(Ok(())), |(oms, ())| oms.order_status_counts().map(crate::output::Output::output))
    }

    #[doc = " Units of a SKU on orders placed on a channel, less units cancelled (a projection)."]
    #[napi(catch_unwind, ts_args_type = "input: AvailableInput", ts_return_type = "Promise<number>")]
    pub fn units_sold(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<crate::generated::UnitsSoldArguments>(crate::generated::UNITS_SOLD, &[], Some(input), "input")), move |(oms, arguments)| oms.units_sold(&arguments.channel, &arguments.sku).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "input: AvailableInput", ts_return_type = "number")]
    pub fn units_sold_sync(&self, input: Js) -> Returned<crate::output::Out<i64>> {
        run(self.call(crate::read::command::<crate::generated::UnitsSoldArguments>(crate::generated::UNITS_SOLD, &[], Some(input), "input")), |(oms, arguments)| oms.units_sold(&arguments.channel, &arguments.sku).map(crate::output::Output::output))
    }

    #[doc = " Records a tender authorized for an order, creating its payment; idempotent on the gateway reference."]
    #[napi(catch_unwind, ts_args_type = "orderId: string, options: AuthorizePaymentInput", ts_return_type = "Promise<Payment>")]
    pub fn authorize_payment(&self, env: Env, order_id: Js, options: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::AuthorizePayment>(crate::generated::AUTHORIZE_PAYMENT, &[Some(order_id)], Some(options), "options")), move |(oms, arguments)| oms.authorize_payment(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string, options: AuthorizePaymentInput", ts_return_type = "Payment")]
    pub fn authorize_payment_sync(&self, order_id: Js, options: Js) -> Returned<crate::output::Out<oms_core::Payment>> {
        run(self.call(crate::read::command::<oms_core::AuthorizePayment>(crate::generated::AUTHORIZE_PAYMENT, &[Some(order_id)], Some(options), "options")), |(oms, arguments)| oms.authorize_payment(arguments).map(crate::output::Output::output))
    }

    #[doc = " Records a capture (partial and repeated are fine), never above what is authorized and not captured."]
    #[napi(catch_unwind, ts_args_type = "paymentId: string, options: PaymentAmountInput", ts_return_type = "Promise<Payment>")]
    pub fn capture_payment(&self, env: Env, payment_id: Js, options: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::CapturePayment>(crate::generated::CAPTURE_PAYMENT, &[Some(payment_id)], Some(options), "options")), move |(oms, arguments)| oms.capture_payment(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "paymentId: string, options: PaymentAmountInput", ts_return_type = "Payment")]
    pub fn capture_payment_sync(&self, payment_id: Js, options: Js) -> Returned<crate::output::Out<oms_core::Payment>> {
        run(self.call(crate::read::command::<oms_core::CapturePayment>(crate::generated::CAPTURE_PAYMENT, &[Some(payment_id)], Some(options), "options")), |(oms, arguments)| oms.capture_payment(arguments).map(crate::output::Output::output))
    }

    #[doc = " Records that the uncaptured rest of an authorization was voided."]
    #[napi(catch_unwind, ts_args_type = "paymentId: string, options: VoidPaymentInput", ts_return_type = "Promise<Payment>")]
    pub fn void_payment(&self, env: Env, payment_id: Js, options: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::VoidPayment>(crate::generated::VOID_PAYMENT, &[Some(payment_id)], Some(options), "options")), move |(oms, arguments)| oms.void_payment(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "paymentId: string, options: VoidPaymentInput", ts_return_type = "Payment")]
    pub fn void_payment_sync(&self, payment_id: Js, options: Js) -> Returned<crate::output::Out<oms_core::Payment>> {
        run(self.call(crate::read::command::<oms_core::VoidPayment>(crate::generated::VOID_PAYMENT, &[Some(payment_id)], Some(options), "options")), |(oms, arguments)| oms.void_payment(arguments).map(crate::output::Output::output))
    }

    #[doc = " Records a refund (partial is fine), never above what was captured and not refunded."]
    #[napi(catch_unwind, ts_args_type = "paymentId: string, options: PaymentAmountInput", ts_return_type = "Promise<Payment>")]
    pub fn refund_payment(&self, env: Env, payment_id: Js, options: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::RefundPayment>(crate::generated::REFUND_PAYMENT, &[Some(payment_id)], Some(options), "options")), move |(oms, arguments)| oms.refund_payment(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "paymentId: string, options: PaymentAmountInput", ts_return_type = "Payment")]
    pub fn refund_payment_sync(&self, payment_id: Js, options: Js) -> Returned<crate::output::Out<oms_core::Payment>> {
        run(self.call(crate::read::command::<oms_core::RefundPayment>(crate::generated::REFUND_PAYMENT, &[Some(payment_id)], Some(options), "options")), |(oms, arguments)| oms.refund_payment(arguments).map(crate::output::Output::output))
    }

    #[doc = " Records that an authorization failed before anything was captured."]
    #[napi(catch_unwind, ts_args_type = "paymentId: string, options: FailPaymentInput", ts_return_type = "Promise<Payment>")]
    pub fn fail_payment(&self, env: Env, payment_id: Js, options: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::FailPayment>(crate::generated::FAIL_PAYMENT, &[Some(payment_id)], Some(options), "options")), move |(oms, arguments)| oms.fail_payment(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "paymentId: string, options: FailPaymentInput", ts_return_type = "Payment")]
    pub fn fail_payment_sync(&self, payment_id: Js, options: Js) -> Returned<crate::output::Out<oms_core::Payment>> {
        run(self.call(crate::read::command::<oms_core::FailPayment>(crate::generated::FAIL_PAYMENT, &[Some(payment_id)], Some(options), "options")), |(oms, arguments)| oms.fail_payment(arguments).map(crate::output::Output::output))
    }

    #[doc = " One payment by id."]
    #[napi(catch_unwind, ts_args_type = "paymentId: string", ts_return_type = "Promise<Payment>")]
    pub fn get_payment(&self, env: Env, payment_id: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<crate::generated::GetPaymentArguments>(crate::generated::GET_PAYMENT, &[Some(payment_id)], None, "options")), move |(oms, arguments)| oms.get_payment(&arguments.payment_id).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "paymentId: string", ts_return_type = "Payment")]
    pub fn get_payment_sync(&self, payment_id: Js) -> Returned<crate::output::Out<oms_core::Payment>> {
        run(self.call(crate::read::command::<crate::generated::GetPaymentArguments>(crate::generated::GET_PAYMENT, &[Some(payment_id)], None, "options")), |(oms, arguments)| oms.get_payment(&arguments.payment_id).map(crate::output::Output::output))
    }

    #[doc = " An order's payments, their sums (authorized, captured, refunded, balance) and its payment status."]
    #[napi(catch_unwind, ts_args_type = "orderId: string", ts_return_type = "Promise<OrderPayments>")]
    pub fn order_payments(&self, env: Env, order_id: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<crate::generated::OrderPaymentsArguments>(crate::generated::ORDER_PAYMENTS, &[Some(order_id)], None, "options")), move |(oms, arguments)| oms.order_payments(&arguments.order_id).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string", ts_return_type = "OrderPayments")]
    pub fn order_payments_sync(&self, order_id: Js) -> Returned<crate::output::Out<oms_core::OrderPayments>> {
        run(self.call(crate::read::command::<crate::generated::OrderPaymentsArguments>(crate::generated::ORDER_PAYMENTS, &[Some(order_id)], None, "options")), |(oms, arguments)| oms.order_payments(&arguments.order_id).map(crate::output::Output::output))
    }

    #[doc = " Outbox events after a cursor (0 for the beginning), oldest first."]
    #[napi(catch_unwind, ts_args_type = "cursor?: number, limit?: number", ts_return_type = "Promise<Array<Event>>")]
    pub fn events_since(&self, env: Env, cursor: Option<Js>, limit: Option<Js>) -> Promise {
        spawn(env, self.call(crate::read::command::<crate::generated::EventsSinceArguments>(crate::generated::EVENTS_SINCE, &[cursor, limit], None, "options")), move |(oms, arguments)| oms.events_since(arguments.cursor, arguments.limit).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "cursor?: number, limit?: number", ts_return_type = "Array<Event>")]
    pub fn events_since_sync(&self, cursor: Option<Js>, limit: Option<Js>) -> Returned<crate::output::Out<Vec<oms_core::EventRecord>>> {
        run(self.call(crate::read::command::<crate::generated::EventsSinceArguments>(crate::generated::EVENTS_SINCE, &[cursor, limit], None, "options")), |(oms, arguments)| oms.events_since(arguments.cursor, arguments.limit).map(crate::output::Output::output))
    }

    #[doc = " Checks every invariant that stored state can show (ledger, buckets, orders)."]
    #[napi(catch_unwind, ts_return_type = "Promise<AuditReport>")]
    pub fn audit(&self, env: Env) -> Promise {
        spawn(env, self.call(Ok(())), move |(oms, ())| oms.audit().map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_return_type = "AuditReport")]
    pub fn audit_sync(&self) -> Returned<crate::output::Out<oms_core::AuditReport>> {
        run(self.call(Ok(())), |(oms, ())| oms.audit().map(crate::output::Output::output))
    }

    #[doc = " Rebuilds every order from its outbox events and compares it with the stored one."]
    #[napi(catch_unwind, ts_return_type = "Promise<ReplayReport>")]
    pub fn verify_replay(&self, env: Env) -> Promise {
        spawn(env, self.call(Ok(())), move |(oms, ())| oms.verify_replay().map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_return_type = "ReplayReport")]
    pub fn verify_replay_sync(&self) -> Returned<crate::output::Out<oms_core::ReplayReport>> {
        run(self.call(Ok(())), |(oms, ())| oms.verify_replay().map(crate::output::Output::output))
    }

    #[doc = " Gathers the order's allocated units no open shipment holds into one pending shipment per location."]
    #[napi(catch_unwind, ts_args_type = "orderId: string, options?: OrderStepInput", ts_return_type = "Promise<Array<Shipment>>")]
    pub fn create_shipments(&self, env: Env, order_id: Js, options: Option<Js>) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::CreateShipments>(crate::generated::CREATE_SHIPMENTS, &[Some(order_id)], options, "options")), move |(oms, arguments)| oms.create_shipments(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string, options?: OrderStepInput", ts_return_type = "Array<Shipment>")]
    pub fn create_shipments_sync(&self, order_id: Js, options: Option<Js>) -> Returned<crate::output::Out<Vec<oms_core::Shipment>>> {
        run(self.call(crate::read::command::<oms_core::CreateShipments>(crate::generated::CREATE_SHIPMENTS, &[Some(order_id)], options, "options")), |(oms, arguments)| oms.create_shipments(arguments).map(crate::output::Output::output))
    }

    #[doc = " Gathers some units of some lines allocated at one location into one pending shipment."]
    #[napi(catch_unwind, ts_args_type = "orderId: string, options: CreateShipmentInput", ts_return_type = "Promise<Shipment>")]
    pub fn create_shipment(&self, env: Env, order_id: Js, options: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::CreateShipment>(crate::generated::CREATE_SHIPMENT, &[Some(order_id)], Some(options), "options")), move |(oms, arguments)| oms.create_shipment(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string, options: CreateShipmentInput", ts_return_type = "Shipment")]
    pub fn create_shipment_sync(&self, order_id: Js, options: Js) -> Returned<crate::output::Out<oms_core::Shipment>> {
        run(self.call(crate::read::command::<oms_core::CreateShipment>(crate::generated::CREATE_SHIPMENT, &[Some(order_id)], Some(options), "options")), |(oms, arguments)| oms.create_shipment(arguments).map(crate::output::Output::output))
    }

    #[doc = " A pending shipment's goods are being picked."]
    #[napi(catch_unwind, ts_args_type = "shipmentId: string, options?: ShipmentStepInput", ts_return_type = "Promise<Shipment>")]
    pub fn start_picking(&self, env: Env, shipment_id: Js, options: Option<Js>) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::ShipmentStep>(crate::generated::START_PICKING, &[Some(shipment_id)], options, "options")), move |(oms, arguments)| oms.start_picking(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "shipmentId: string, options?: ShipmentStepInput", ts_return_type = "Shipment")]
    pub fn start_picking_sync(&self, shipment_id: Js, options: Option<Js>) -> Returned<crate::output::Out<oms_core::Shipment>> {
        run(self.call(crate::read::command::<oms_core::ShipmentStep>(crate::generated::START_PICKING, &[Some(shipment_id)], options, "options")), |(oms, arguments)| oms.start_picking(arguments).map(crate::output::Output::output))
    }

    #[doc = " Records the parcels a picked shipment was packed into."]
    #[napi(catch_unwind, ts_args_type = "shipmentId: string, options: PackShipmentInput", ts_return_type = "Promise<Shipment>")]
    pub fn pack_shipment(&self, env: Env, shipment_id: Js, options: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::PackShipment>(crate::generated::PACK_SHIPMENT, &[Some(shipment_id)], Some(options), "options")), move |(oms, arguments)| oms.pack_shipment(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "shipmentId: string, options: PackShipmentInput", ts_return_type = "Shipment")]
    pub fn pack_shipment_sync(&self, shipment_id: Js, options: Js) -> Returned<crate::output::Out<oms_core::Shipment>> {
        run(self.call(crate::read::command::<oms_core::PackShipment>(crate::generated::PACK_SHIPMENT, &[Some(shipment_id)], Some(options), "options")), |(oms, arguments)| oms.pack_shipment(arguments).map(crate::output::Output::output))
    }

    #[doc = " The goods of a packed or handed-over shipment left: on hand drops and the order's lines count the units shipped."]
    #[napi(catch_unwind, ts_args_type = "shipmentId: string, options: ShipShipmentInput", ts_return_type = "Promise<Shipment>")]
    pub fn ship_shipment(&self, env: Env, shipment_id: Js, options: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::ShipShipment>(crate::generated::SHIP_SHIPMENT, &[Some(shipment_id)], Some(options), "options")), move |(oms, arguments)| oms.ship_shipment(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "shipmentId: string, options: ShipShipmentInput", ts_return_type = "Shipment")]
    pub fn ship_shipment_sync(&self, shipment_id: Js, options: Js) -> Returned<crate::output::Out<oms_core::Shipment>> {
        run(self.call(crate::read::command::<oms_core::ShipShipment>(crate::generated::SHIP_SHIPMENT, &[Some(shipment_id)], Some(options), "options")), |(oms, arguments)| oms.ship_shipment(arguments).map(crate::output::Output::output))
    }

    #[doc = " Hands a packed shipment to a carrier, or a pending one to a partner that picks and packs it; emits what the partner needs."]
    #[napi(catch_unwind, ts_args_type = "shipmentId: string, options: HandOverShipmentInput", ts_return_type = "Promise<Shipment>")]
    pub fn hand_over_shipment(&self, env: Env, shipment_id: Js, options: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::HandOverShipment>(crate::generated::HAND_OVER_SHIPMENT, &[Some(shipment_id)], Some(options), "options")), move |(oms, arguments)| oms.hand_over_shipment(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "shipmentId: string, options: HandOverShipmentInput", ts_return_type = "Shipment")]
    pub fn hand_over_shipment_sync(&self, shipment_id: Js, options: Js) -> Returned<crate::output::Out<oms_core::Shipment>> {
        run(self.call(crate::read::command::<oms_core::HandOverShipment>(crate::generated::HAND_OVER_SHIPMENT, &[Some(shipment_id)], Some(options), "options")), |(oms, arguments)| oms.hand_over_shipment(arguments).map(crate::output::Output::output))
    }

    #[doc = " The carrier delivered a shipment: the order's lines count the units delivered."]
    #[napi(catch_unwind, ts_args_type = "shipmentId: string, options?: ConfirmDeliveryInput", ts_return_type = "Promise<Shipment>")]
    pub fn confirm_delivery(&self, env: Env, shipment_id: Js, options: Option<Js>) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::ConfirmDelivery>(crate::generated::CONFIRM_DELIVERY, &[Some(shipment_id)], options, "options")), move |(oms, arguments)| oms.confirm_delivery(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "shipmentId: string, options?: ConfirmDeliveryInput", ts_return_type = "Shipment")]
    pub fn confirm_delivery_sync(&self, shipment_id: Js, options: Option<Js>) -> Returned<crate::output::Out<oms_core::Shipment>> {
        run(self.call(crate::read::command::<oms_core::ConfirmDelivery>(crate::generated::CONFIRM_DELIVERY, &[Some(shipment_id)], options, "options")), |(oms, arguments)| oms.confirm_delivery(arguments).map(crate::output::Output::output))
    }

    #[doc = " Cancels a shipment before it is packed; its units stay allocated to the order."]
    #[napi(catch_unwind, ts_args_type = "shipmentId: string, options?: ShipmentStepInput", ts_return_type = "Promise<Shipment>")]
    pub fn cancel_shipment(&self, env: Env, shipment_id: Js, options: Option<Js>) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::ShipmentStep>(crate::generated::CANCEL_SHIPMENT, &[Some(shipment_id)], options, "options")), move |(oms, arguments)| oms.cancel_shipment(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "shipmentId: string, options?: ShipmentStepInput", ts_return_type = "Shipment")]
    pub fn cancel_shipment_sync(&self, shipment_id: Js, options: Option<Js>) -> Returned<crate::output::Out<oms_core::Shipment>> {
        run(self.call(crate::read::command::<oms_core::ShipmentStep>(crate::generated::CANCEL_SHIPMENT, &[Some(shipment_id)], options, "options")), |(oms, arguments)| oms.cancel_shipment(arguments).map(crate::output::Output::output))
    }

    #[doc = " A picked shipment of a pickup order waits at its store's counter for the channel's pickup window."]
    #[napi(catch_unwind, ts_args_type = "shipmentId: string, options?: ShipmentStepInput", ts_return_type = "Promise<Shipment>")]
    pub fn ready_for_pickup(&self, env: Env, shipment_id: Js, options: Option<Js>) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::ShipmentStep>(crate::generated::READY_FOR_PICKUP, &[Some(shipment_id)], options, "options")), move |(oms, arguments)| oms.ready_for_pickup(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "shipmentId: string, options?: ShipmentStepInput", ts_return_type = "Shipment")]
    pub fn ready_for_pickup_sync(&self, shipment_id: Js, options: Option<Js>) -> Returned<crate::output::Out<oms_core::Shipment>> {
        run(self.call(crate::read::command::<oms_core::ShipmentStep>(crate::generated::READY_FOR_PICKUP, &[Some(shipment_id)], options, "options")), |(oms, arguments)| oms.ready_for_pickup(arguments).map(crate::output::Output::output))
    }

    #[doc = " The customer collected a ready shipment: on hand drops, the lines count the units shipped and delivered."]
    #[napi(catch_unwind, ts_args_type = "shipmentId: string, options?: ShipmentStepInput", ts_return_type = "Promise<Shipment>")]
    pub fn confirm_pickup(&self, env: Env, shipment_id: Js, options: Option<Js>) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::ShipmentStep>(crate::generated::CONFIRM_PICKUP, &[Some(shipment_id)], options, "options")), move |(oms, arguments)| oms.confirm_pickup(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "shipmentId: string, options?: ShipmentStepInput", ts_return_type = "Shipment")]
    pub fn confirm_pickup_sync(&self, shipment_id: Js, options: Option<Js>) -> Returned<crate::output::Out<oms_core::Shipment>> {
        run(self.call(crate::read::command::<oms_core::ShipmentStep>(crate::generated::CONFIRM_PICKUP, &[Some(shipment_id)], options, "options")), |(oms, arguments)| oms.confirm_pickup(arguments).map(crate::output::Output::output))
    }

    #[doc = " Expires ready pickups whose window has passed (a batch per call): their units are released and cancelled."]
    #[napi(catch_unwind, ts_return_type = "Promise<Array<Shipment>>")]
    pub fn expire_pickups(&self, env: Env) -> Promise {
        spawn(env, self.call(Ok(())), move |(oms, ())| oms.expire_pickups().map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_return_type = "Array<Shipment>")]
    pub fn expire_pickups_sync(&self) -> Returned<crate::output::Out<Vec<oms_core::Shipment>>> {
        run(self.call(Ok(())), |(oms, ())| oms.expire_pickups().map(crate::output::Output::output))
    }

    #[doc = " A location gives back units of a shipment line: stock corrected, the line re-allocated, backordered or cancelled."]
    #[napi(catch_unwind, ts_args_type = "shipmentId: string, options: RejectShipmentLineInput", ts_return_type = "Promise<LineRejection>")]
    pub fn reject_shipment_line(&self, env: Env, shipment_id: Js, options: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<oms_core::RejectShipmentLine>(crate::generated::REJECT_SHIPMENT_LINE, &[Some(shipment_id)], Some(options), "options")), move |(oms, arguments)| oms.reject_shipment_line(arguments).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "shipmentId: string, options: RejectShipmentLineInput", ts_return_type = "LineRejection")]
    pub fn reject_shipment_line_sync(&self, shipment_id: Js, options: Js) -> Returned<crate::output::Out<oms_core::LineRejection>> {
        run(self.call(crate::read::command::<oms_core::RejectShipmentLine>(crate::generated::REJECT_SHIPMENT_LINE, &[Some(shipment_id)], Some(options), "options")), |(oms, arguments)| oms.reject_shipment_line(arguments).map(crate::output::Output::output))
    }

    #[doc = " One shipment by id."]
    #[napi(catch_unwind, ts_args_type = "shipmentId: string", ts_return_type = "Promise<Shipment>")]
    pub fn get_shipment(&self, env: Env, shipment_id: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<crate::generated::GetShipmentArguments>(crate::generated::GET_SHIPMENT, &[Some(shipment_id)], None, "options")), move |(oms, arguments)| oms.get_shipment(&arguments.shipment_id).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "shipmentId: string", ts_return_type = "Shipment")]
    pub fn get_shipment_sync(&self, shipment_id: Js) -> Returned<crate::output::Out<oms_core::Shipment>> {
        run(self.call(crate::read::command::<crate::generated::GetShipmentArguments>(crate::generated::GET_SHIPMENT, &[Some(shipment_id)], None, "options")), |(oms, arguments)| oms.get_shipment(&arguments.shipment_id).map(crate::output::Output::output))
    }

    #[doc = " Every shipment of an order, oldest first."]
    #[napi(catch_unwind, ts_args_type = "orderId: string", ts_return_type = "Promise<Array<Shipment>>")]
    pub fn list_shipments(&self, env: Env, order_id: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<crate::generated::ListShipmentsArguments>(crate::generated::LIST_SHIPMENTS, &[Some(order_id)], None, "options")), move |(oms, arguments)| oms.list_shipments(&arguments.order_id).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string", ts_return_type = "Array<Shipment>")]
    pub fn list_shipments_sync(&self, order_id: Js) -> Returned<crate::output::Out<Vec<oms_core::Shipment>>> {
        run(self.call(crate::read::command::<crate::generated::ListShipmentsArguments>(crate::generated::LIST_SHIPMENTS, &[Some(order_id)], None, "options")), |(oms, arguments)| oms.list_shipments(&arguments.order_id).map(crate::output::Output::output))
    }

    #[doc = " What to pick at a location: its open shipments aggregated by SKU, in SKU order."]
    #[napi(catch_unwind, ts_args_type = "location: string", ts_return_type = "Promise<PickList>")]
    pub fn pick_list(&self, env: Env, location: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<crate::generated::PickListArguments>(crate::generated::PICK_LIST, &[Some(location)], None, "options")), move |(oms, arguments)| oms.pick_list(&arguments.location).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "location: string", ts_return_type = "PickList")]
    pub fn pick_list_sync(&self, location: Js) -> Returned<crate::output::Out<oms_core::PickList>> {
        run(self.call(crate::read::command::<crate::generated::PickListArguments>(crate::generated::PICK_LIST, &[Some(location)], None, "options")), |(oms, arguments)| oms.pick_list(&arguments.location).map(crate::output::Output::output))
    }

    #[doc = " The pick list of a location as a self-contained printable HTML page."]
    #[napi(catch_unwind, ts_args_type = "location: string", ts_return_type = "Promise<string>")]
    pub fn pick_list_document(&self, env: Env, location: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<crate::generated::PickListDocumentArguments>(crate::generated::PICK_LIST_DOCUMENT, &[Some(location)], None, "options")), move |(oms, arguments)| oms.pick_list_document(&arguments.location).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "location: string", ts_return_type = "string")]
    pub fn pick_list_document_sync(&self, location: Js) -> Returned<crate::output::Out<String>> {
        run(self.call(crate::read::command::<crate::generated::PickListDocumentArguments>(crate::generated::PICK_LIST_DOCUMENT, &[Some(location)], None, "options")), |(oms, arguments)| oms.pick_list_document(&arguments.location).map(crate::output::Output::output))
    }

    #[doc = " Packing slips of the shipments named as one self-contained printable HTML document, a page per shipment."]
    #[napi(catch_unwind, ts_args_type = "shipmentIds: Array<string>", ts_return_type = "Promise<string>")]
    pub fn packing_slips(&self, env: Env, shipment_ids: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<crate::generated::PackingSlipsArguments>(crate::generated::PACKING_SLIPS, &[Some(shipment_ids)], None, "options")), move |(oms, arguments)| oms.packing_slips(&arguments.shipment_ids).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "shipmentIds: Array<string>", ts_return_type = "string")]
    pub fn packing_slips_sync(&self, shipment_ids: Js) -> Returned<crate::output::Out<String>> {
        run(self.call(crate::read::command::<crate::generated::PackingSlipsArguments>(crate::generated::PACKING_SLIPS, &[Some(shipment_ids)], None, "options")), |(oms, arguments)| oms.packing_slips(&arguments.shipment_ids).map(crate::output::Output::output))
    }

    #[doc = " The shipping labels of a packed or shipped shipment in ZPL, one label per parcel."]
    #[napi(catch_unwind, ts_args_type = "shipmentId: string", ts_return_type = "Promise<string>")]
    pub fn shipping_label(&self, env: Env, shipment_id: Js) -> Promise {
        spawn(env, self.call(crate::read::command::<crate::generated::ShippingLabelArguments>(crate::generated::SHIPPING_LABEL, &[Some(shipment_id)], None, "options")), move |(oms, arguments)| oms.shipping_label(&arguments.shipment_id).map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_args_type = "shipmentId: string", ts_return_type = "string")]
    pub fn shipping_label_sync(&self, shipment_id: Js) -> Returned<crate::output::Out<String>> {
        run(self.call(crate::read::command::<crate::generated::ShippingLabelArguments>(crate::generated::SHIPPING_LABEL, &[Some(shipment_id)], None, "options")), |(oms, arguments)| oms.shipping_label(&arguments.shipment_id).map(crate::output::Output::output))
    }

    #[doc = " How many schema migrations the store's tables have had (0 in memory, which has no tables)."]
    #[napi(catch_unwind, ts_return_type = "Promise<number>")]
    pub fn schema_version(&self, env: Env) -> Promise {
        spawn(env, self.call(Ok(())), move |(oms, ())| oms.schema_version().map(crate::output::Output::output))
    }

    #[napi(catch_unwind, ts_return_type = "number")]
    pub fn schema_version_sync(&self) -> Returned<crate::output::Out<u64>> {
        run(self.call(Ok(())), |(oms, ())| oms.schema_version().map(crate::output::Output::output))
    }
        }
    };
}
pub(crate) use operations;
