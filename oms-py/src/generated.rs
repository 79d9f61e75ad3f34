//! @generated from the operation table (oms_core::OPERATIONS) by oms-core/tests/operations.rs:
//! do not edit; change the table and run `OMS_WRITE_DOCS=1 cargo test -p oms-core --test operations`.
//!
//! The schemas the reader (`crate::read`) follows, the argument structs of
//! core methods that take separate arguments, and [`operations!`], the
//! methods of `oms.Oms` for every read and write operation, which
//! `service.rs` expands into its `#[pymethods]` block.

use serde::Deserialize;

use crate::schema::{Field, Kind};

/// The keys of one `OrderLine`.
pub(crate) const ORDER_LINE: &[Field] = &[
    Field { key: "sku", field: "sku", kind: Kind::Sku, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "quantity", field: "quantity", kind: Kind::Quantity, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "unit_price", field: "unit_price", kind: Kind::Amount, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "discount", field: "discount", kind: Kind::Amount, required: false, positional: false, default: None, read_max: 0 },
];

/// The keys of one `Address`.
pub(crate) const ADDRESS: &[Field] = &[
    Field { key: "name", field: "name", kind: Kind::Text, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "company", field: "company", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "lines", field: "lines", kind: Kind::List(&Kind::Text), required: true, positional: false, default: None, read_max: 4 },
    Field { key: "city", field: "city", kind: Kind::Text, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "region", field: "region", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "postal_code", field: "postal_code", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "country", field: "country", kind: Kind::Text, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "phone", field: "phone", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
];

/// The keys of one `Parcel`.
pub(crate) const PARCEL: &[Field] = &[
    Field { key: "weight_grams", field: "weight_grams", kind: Kind::Weight, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "length_mm", field: "length_mm", kind: Kind::Dimension, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "width_mm", field: "width_mm", kind: Kind::Dimension, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "height_mm", field: "height_mm", kind: Kind::Dimension, required: true, positional: false, default: None, read_max: 0 },
];

/// The keys of one `ReservationLine`.
pub(crate) const RESERVATION_LINE: &[Field] = &[
    Field { key: "sku", field: "sku", kind: Kind::Sku, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "quantity", field: "quantity", kind: Kind::Quantity, required: true, positional: false, default: None, read_max: 0 },
];

/// The keys of one `ShipmentLine`.
pub(crate) const SHIPMENT_LINE: &[Field] = &[
    Field { key: "line_number", field: "line_number", kind: Kind::LineNumber, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "quantity", field: "quantity", kind: Kind::Quantity, required: true, positional: false, default: None, read_max: 0 },
];

/// The keys of one `LineChange`.
pub(crate) const LINE_CHANGE: &[Field] = &[
    Field { key: "line_number", field: "line_number", kind: Kind::LineNumber, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "quantity", field: "quantity", kind: Kind::Quantity, required: true, positional: false, default: None, read_max: 0 },
];

/// The keys of one `CancelledLine`.
pub(crate) const CANCELLED_LINE: &[Field] = &[
    Field { key: "line_number", field: "line_number", kind: Kind::LineNumber, required: true, positional: false, default: None, read_max: 0 },
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
    Field { key: "id", field: "id", kind: Kind::LocationId, required: true, positional: true, default: None, read_max: 0 },
];

/// The parameters of `get_channel`.
pub(crate) const GET_CHANNEL: &[Field] = &[
    Field { key: "id", field: "id", kind: Kind::ChannelId, required: true, positional: true, default: None, read_max: 0 },
];

/// The parameters of `upsert_location`.
pub(crate) const UPSERT_LOCATION: &[Field] = &[
    Field { key: "id", field: "id", kind: Kind::LocationId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "kind", field: "kind", kind: Kind::LocationKind, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "region", field: "region", kind: Kind::Text, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "ships", field: "ships", kind: Kind::Flag, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "offers_pickup", field: "offers_pickup", kind: Kind::Flag, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "ships_from_store", field: "ships_from_store", kind: Kind::Flag, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "daily_capacity", field: "daily_capacity", kind: Kind::Capacity, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "priority", field: "priority", kind: Kind::Priority, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `upsert_channel`.
pub(crate) const UPSERT_CHANNEL: &[Field] = &[
    Field { key: "id", field: "id", kind: Kind::ChannelId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "kind", field: "kind", kind: Kind::ChannelKind, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "currency", field: "currency", kind: Kind::Currency, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "locations", field: "locations", kind: Kind::List(&Kind::LocationId), required: true, positional: false, default: None, read_max: 1001 },
    Field { key: "prices_include_tax", field: "prices_include_tax", kind: Kind::Flag, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "rounding_mode", field: "rounding.mode", kind: Kind::RoundingMode, required: false, positional: false, default: Some("half_up"), read_max: 0 },
    Field { key: "rounding_level", field: "rounding.level", kind: Kind::RoundingLevel, required: false, positional: false, default: Some("line"), read_max: 0 },
    Field { key: "tax_rates", field: "tax_rates", kind: Kind::Rates, required: false, positional: false, default: None, read_max: 65 },
    Field { key: "safety_stock", field: "safety_stock", kind: Kind::Capacity, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "allow_backorders", field: "allow_backorders", kind: Kind::Flag, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "split_policy", field: "split_policy", kind: Kind::SplitPolicy, required: false, positional: false, default: Some("fewest_shipments"), read_max: 0 },
    Field { key: "pickup_fallback", field: "pickup_fallback", kind: Kind::PickupFallback, required: false, positional: false, default: Some("reject"), read_max: 0 },
    Field { key: "strategy", field: "strategy", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "max_distance_km", field: "max_distance_km", kind: Kind::Distance, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "require_payment_before_shipping", field: "require_payment_before_shipping", kind: Kind::Flag, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "capture_on_shipment", field: "capture_on_shipment", kind: Kind::Flag, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "pickup_window_hours", field: "pickup_window_hours", kind: Kind::PickupWindowHours, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `upsert_product`.
pub(crate) const UPSERT_PRODUCT: &[Field] = &[
    Field { key: "sku", field: "sku", kind: Kind::Sku, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "name", field: "name", kind: Kind::Text, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "tax_class", field: "tax_class", kind: Kind::TaxClass, required: false, positional: false, default: Some("standard"), read_max: 0 },
    Field { key: "backorderable", field: "backorderable", kind: Kind::Flag, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `set_region_distance`.
pub(crate) const SET_REGION_DISTANCE: &[Field] = &[
    Field { key: "from_region", field: "from_region", kind: Kind::Text, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "to_region", field: "to_region", kind: Kind::Text, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "distance_km", field: "distance_km", kind: Kind::Distance, required: true, positional: false, default: None, read_max: 0 },
];

/// The parameters of `receive_stock`.
pub(crate) const RECEIVE_STOCK: &[Field] = &[
    Field { key: "sku", field: "sku", kind: Kind::Sku, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "location", field: "location", kind: Kind::LocationId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "quantity", field: "quantity", kind: Kind::Quantity, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `adjust_stock`.
pub(crate) const ADJUST_STOCK: &[Field] = &[
    Field { key: "sku", field: "sku", kind: Kind::Sku, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "location", field: "location", kind: Kind::LocationId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "quantity_delta", field: "quantity_delta", kind: Kind::QuantityDelta, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `count_stock`.
pub(crate) const COUNT_STOCK: &[Field] = &[
    Field { key: "sku", field: "sku", kind: Kind::Sku, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "location", field: "location", kind: Kind::LocationId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "counted", field: "counted", kind: Kind::Counted, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `quarantine_stock`.
pub(crate) const QUARANTINE_STOCK: &[Field] = &[
    Field { key: "sku", field: "sku", kind: Kind::Sku, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "location", field: "location", kind: Kind::LocationId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "quantity", field: "quantity", kind: Kind::Quantity, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `release_quarantine`.
pub(crate) const RELEASE_QUARANTINE: &[Field] = &[
    Field { key: "sku", field: "sku", kind: Kind::Sku, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "location", field: "location", kind: Kind::LocationId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "quantity", field: "quantity", kind: Kind::Quantity, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `availability`.
pub(crate) const AVAILABILITY: &[Field] = &[
    Field { key: "channel", field: "channel", kind: Kind::ChannelId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "skus", field: "skus", kind: Kind::List(&Kind::Sku), required: true, positional: false, default: None, read_max: 501 },
    Field { key: "region", field: "region", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "pickup_location", field: "pickup_location", kind: Kind::LocationId, required: false, positional: false, default: None, read_max: 0 },
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
    Field { key: "reservation_id", field: "reservation_id", kind: Kind::ReservationId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "channel", field: "channel", kind: Kind::ChannelId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "lines", field: "lines", kind: Kind::List(&Kind::Record(RESERVATION_LINE)), required: true, positional: false, default: None, read_max: 251 },
    Field { key: "ttl_seconds", field: "ttl_seconds", kind: Kind::TtlSeconds, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "pickup_location", field: "pickup_location", kind: Kind::LocationId, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "ship_to_region", field: "ship_to_region", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `release_reservation`.
pub(crate) const RELEASE_RESERVATION: &[Field] = &[
    Field { key: "reservation_id", field: "reservation_id", kind: Kind::ReservationId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `get_reservation`.
pub(crate) const GET_RESERVATION: &[Field] = &[
    Field { key: "reservation_id", field: "reservation_id", kind: Kind::ReservationId, required: true, positional: true, default: None, read_max: 0 },
];

/// The parameters of `request_transfer`.
pub(crate) const REQUEST_TRANSFER: &[Field] = &[
    Field { key: "sku", field: "sku", kind: Kind::Sku, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "from_location", field: "from_location", kind: Kind::LocationId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "to_location", field: "to_location", kind: Kind::LocationId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "quantity", field: "quantity", kind: Kind::Quantity, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `ship_transfer`.
pub(crate) const SHIP_TRANSFER: &[Field] = &[
    Field { key: "transfer_id", field: "transfer_id", kind: Kind::TransferId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `receive_transfer`.
pub(crate) const RECEIVE_TRANSFER: &[Field] = &[
    Field { key: "transfer_id", field: "transfer_id", kind: Kind::TransferId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `cancel_transfer`.
pub(crate) const CANCEL_TRANSFER: &[Field] = &[
    Field { key: "transfer_id", field: "transfer_id", kind: Kind::TransferId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `get_transfer`.
pub(crate) const GET_TRANSFER: &[Field] = &[
    Field { key: "transfer_id", field: "transfer_id", kind: Kind::TransferId, required: true, positional: true, default: None, read_max: 0 },
];

/// The parameters of `place_order`.
pub(crate) const PLACE_ORDER: &[Field] = &[
    Field { key: "channel", field: "channel", kind: Kind::ChannelId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "customer_email", field: "customer_email", kind: Kind::Email, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "lines", field: "lines", kind: Kind::List(&Kind::Record(ORDER_LINE)), required: true, positional: false, default: None, read_max: 251 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "currency", field: "currency", kind: Kind::Currency, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "order_discount", field: "order_discount", kind: Kind::Amount, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "shipping", field: "shipping", kind: Kind::Amount, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "pickup_location", field: "pickup_location", kind: Kind::LocationId, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "ship_to_region", field: "ship_to_region", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "reservation_id", field: "reservation_id", kind: Kind::ReservationId, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "explain", field: "explain", kind: Kind::Flag, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "shipping_address", field: "shipping_address", kind: Kind::Record(ADDRESS), required: false, positional: false, default: None, read_max: 0 },
    Field { key: "billing_address", field: "billing_address", kind: Kind::Record(ADDRESS), required: false, positional: false, default: None, read_max: 0 },
    Field { key: "shipping_method", field: "shipping_method", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "external_reference", field: "external_reference", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "metadata", field: "metadata", kind: Kind::Labels, required: false, positional: false, default: None, read_max: 33 },
];

/// The parameters of `plan_allocation`.
pub(crate) const PLAN_ALLOCATION: &[Field] = &[
    Field { key: "channel", field: "channel", kind: Kind::ChannelId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "customer_email", field: "customer_email", kind: Kind::Email, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "lines", field: "lines", kind: Kind::List(&Kind::Record(ORDER_LINE)), required: true, positional: false, default: None, read_max: 251 },
    Field { key: "currency", field: "currency", kind: Kind::Currency, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "order_discount", field: "order_discount", kind: Kind::Amount, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "shipping", field: "shipping", kind: Kind::Amount, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "pickup_location", field: "pickup_location", kind: Kind::LocationId, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "ship_to_region", field: "ship_to_region", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `reject_allocation`.
pub(crate) const REJECT_ALLOCATION: &[Field] = &[
    Field { key: "order_id", field: "order_id", kind: Kind::OrderId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "line_number", field: "line_number", kind: Kind::LineNumber, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "location", field: "location", kind: Kind::LocationId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `get_order`.
pub(crate) const GET_ORDER: &[Field] = &[
    Field { key: "order_id", field: "order_id", kind: Kind::OrderId, required: true, positional: true, default: None, read_max: 0 },
];

/// The parameters of `list_orders`.
pub(crate) const LIST_ORDERS: &[Field] = &[
    Field { key: "customer_email", field: "customer_email", kind: Kind::Email, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "channel", field: "channel", kind: Kind::ChannelId, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "status", field: "status", kind: Kind::OrderStatus, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "after", field: "after", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "limit", field: "limit", kind: Kind::PageLimit, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `cancel_order`.
pub(crate) const CANCEL_ORDER: &[Field] = &[
    Field { key: "order_id", field: "order_id", kind: Kind::OrderId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "reason", field: "reason", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `cancel_lines`.
pub(crate) const CANCEL_LINES: &[Field] = &[
    Field { key: "order_id", field: "order_id", kind: Kind::OrderId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "lines", field: "lines", kind: Kind::List(&Kind::Record(CANCELLED_LINE)), required: true, positional: false, default: None, read_max: 251 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `edit_order`.
pub(crate) const EDIT_ORDER: &[Field] = &[
    Field { key: "order_id", field: "order_id", kind: Kind::OrderId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "add_lines", field: "add_lines", kind: Kind::List(&Kind::Record(ORDER_LINE)), required: false, positional: false, default: None, read_max: 251 },
    Field { key: "change_lines", field: "change_lines", kind: Kind::List(&Kind::Record(LINE_CHANGE)), required: false, positional: false, default: None, read_max: 251 },
    Field { key: "remove_lines", field: "remove_lines", kind: Kind::List(&Kind::LineNumber), required: false, positional: false, default: None, read_max: 251 },
    Field { key: "shipping_address", field: "shipping_address", kind: Kind::Record(ADDRESS), required: false, positional: false, default: None, read_max: 0 },
    Field { key: "shipping_method", field: "shipping_method", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `hold_order`.
pub(crate) const HOLD_ORDER: &[Field] = &[
    Field { key: "order_id", field: "order_id", kind: Kind::OrderId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "reason", field: "reason", kind: Kind::Text, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `release_hold`.
pub(crate) const RELEASE_HOLD: &[Field] = &[
    Field { key: "order_id", field: "order_id", kind: Kind::OrderId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `complete_order`.
pub(crate) const COMPLETE_ORDER: &[Field] = &[
    Field { key: "order_id", field: "order_id", kind: Kind::OrderId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `units_sold`.
pub(crate) const UNITS_SOLD: &[Field] = &[
    Field { key: "sku", field: "sku", kind: Kind::Sku, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "channel", field: "channel", kind: Kind::ChannelId, required: true, positional: false, default: None, read_max: 0 },
];

/// The parameters of `authorize_payment`.
pub(crate) const AUTHORIZE_PAYMENT: &[Field] = &[
    Field { key: "order_id", field: "order_id", kind: Kind::OrderId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "payment_id", field: "payment_id", kind: Kind::PaymentId, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "kind", field: "kind", kind: Kind::PaymentKind, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "amount", field: "amount", kind: Kind::Amount, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "currency", field: "currency", kind: Kind::Currency, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "gateway_reference", field: "gateway_reference", kind: Kind::GatewayReference, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `capture_payment`.
pub(crate) const CAPTURE_PAYMENT: &[Field] = &[
    Field { key: "payment_id", field: "payment_id", kind: Kind::PaymentId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "amount", field: "amount", kind: Kind::Amount, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "currency", field: "currency", kind: Kind::Currency, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "gateway_reference", field: "gateway_reference", kind: Kind::GatewayReference, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `void_payment`.
pub(crate) const VOID_PAYMENT: &[Field] = &[
    Field { key: "payment_id", field: "payment_id", kind: Kind::PaymentId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "gateway_reference", field: "gateway_reference", kind: Kind::GatewayReference, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `refund_payment`.
pub(crate) const REFUND_PAYMENT: &[Field] = &[
    Field { key: "payment_id", field: "payment_id", kind: Kind::PaymentId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "amount", field: "amount", kind: Kind::Amount, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "currency", field: "currency", kind: Kind::Currency, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "gateway_reference", field: "gateway_reference", kind: Kind::GatewayReference, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `fail_payment`.
pub(crate) const FAIL_PAYMENT: &[Field] = &[
    Field { key: "payment_id", field: "payment_id", kind: Kind::PaymentId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "gateway_reference", field: "gateway_reference", kind: Kind::GatewayReference, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "reason", field: "reason", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `get_payment`.
pub(crate) const GET_PAYMENT: &[Field] = &[
    Field { key: "payment_id", field: "payment_id", kind: Kind::PaymentId, required: true, positional: true, default: None, read_max: 0 },
];

/// The parameters of `order_payments`.
pub(crate) const ORDER_PAYMENTS: &[Field] = &[
    Field { key: "order_id", field: "order_id", kind: Kind::OrderId, required: true, positional: true, default: None, read_max: 0 },
];

/// The parameters of `events_since`.
pub(crate) const EVENTS_SINCE: &[Field] = &[
    Field { key: "cursor", field: "cursor", kind: Kind::Cursor, required: false, positional: true, default: None, read_max: 0 },
    Field { key: "limit", field: "limit", kind: Kind::PageLimit, required: false, positional: true, default: None, read_max: 0 },
];

/// The parameters of `create_shipments`.
pub(crate) const CREATE_SHIPMENTS: &[Field] = &[
    Field { key: "order_id", field: "order_id", kind: Kind::OrderId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `create_shipment`.
pub(crate) const CREATE_SHIPMENT: &[Field] = &[
    Field { key: "order_id", field: "order_id", kind: Kind::OrderId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "location", field: "location", kind: Kind::LocationId, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "lines", field: "lines", kind: Kind::List(&Kind::Record(SHIPMENT_LINE)), required: true, positional: false, default: None, read_max: 251 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `start_picking`.
pub(crate) const START_PICKING: &[Field] = &[
    Field { key: "shipment_id", field: "shipment_id", kind: Kind::ShipmentId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `pack_shipment`.
pub(crate) const PACK_SHIPMENT: &[Field] = &[
    Field { key: "shipment_id", field: "shipment_id", kind: Kind::ShipmentId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "parcels", field: "parcels", kind: Kind::List(&Kind::Record(PARCEL)), required: true, positional: false, default: None, read_max: 101 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `ship_shipment`.
pub(crate) const SHIP_SHIPMENT: &[Field] = &[
    Field { key: "shipment_id", field: "shipment_id", kind: Kind::ShipmentId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "carrier", field: "carrier", kind: Kind::Text, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "tracking_number", field: "tracking_number", kind: Kind::Text, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "partner_reference", field: "partner_reference", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `hand_over_shipment`.
pub(crate) const HAND_OVER_SHIPMENT: &[Field] = &[
    Field { key: "shipment_id", field: "shipment_id", kind: Kind::ShipmentId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "partner", field: "partner", kind: Kind::Text, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `confirm_delivery`.
pub(crate) const CONFIRM_DELIVERY: &[Field] = &[
    Field { key: "shipment_id", field: "shipment_id", kind: Kind::ShipmentId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "partner_reference", field: "partner_reference", kind: Kind::Text, required: false, positional: false, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `cancel_shipment`.
pub(crate) const CANCEL_SHIPMENT: &[Field] = &[
    Field { key: "shipment_id", field: "shipment_id", kind: Kind::ShipmentId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `ready_for_pickup`.
pub(crate) const READY_FOR_PICKUP: &[Field] = &[
    Field { key: "shipment_id", field: "shipment_id", kind: Kind::ShipmentId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `confirm_pickup`.
pub(crate) const CONFIRM_PICKUP: &[Field] = &[
    Field { key: "shipment_id", field: "shipment_id", kind: Kind::ShipmentId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `reject_shipment_line`.
pub(crate) const REJECT_SHIPMENT_LINE: &[Field] = &[
    Field { key: "shipment_id", field: "shipment_id", kind: Kind::ShipmentId, required: true, positional: true, default: None, read_max: 0 },
    Field { key: "line_number", field: "line_number", kind: Kind::LineNumber, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "quantity", field: "quantity", kind: Kind::Quantity, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "reason", field: "reason", kind: Kind::LineRejectionReason, required: true, positional: false, default: None, read_max: 0 },
    Field { key: "idempotency_key", field: "idempotency_key", kind: Kind::IdempotencyKey, required: false, positional: false, default: None, read_max: 0 },
];

/// The parameters of `get_shipment`.
pub(crate) const GET_SHIPMENT: &[Field] = &[
    Field { key: "shipment_id", field: "shipment_id", kind: Kind::ShipmentId, required: true, positional: true, default: None, read_max: 0 },
];

/// The parameters of `list_shipments`.
pub(crate) const LIST_SHIPMENTS: &[Field] = &[
    Field { key: "order_id", field: "order_id", kind: Kind::OrderId, required: true, positional: true, default: None, read_max: 0 },
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
    Field { key: "shipment_ids", field: "shipment_ids", kind: Kind::List(&Kind::ShipmentId), required: true, positional: true, default: None, read_max: 101 },
];

/// The parameters of `shipping_label`.
pub(crate) const SHIPPING_LABEL: &[Field] = &[
    Field { key: "shipment_id", field: "shipment_id", kind: Kind::ShipmentId, required: true, positional: true, default: None, read_max: 0 },
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

/// Hands the generated methods to `$callback!` (in `service.rs`), where they are expanded.
macro_rules! operations {
    ($callback:ident) => {
        $callback! {
    #[doc = " One product by SKU (`product_not_found` if there is none)."]
    #[pyo3(signature = (sku), text_signature = "(self, sku)")]
    fn get_product(&self, py: Python<'_>, sku: Input<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<crate::generated::GetProductArguments>(crate::generated::GET_PRODUCT, &[Some(sku)]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.get_product(&arguments.sku))?, py)
    }

    #[doc = " Products in SKU order, one page at a time (100 by default, at most 1,000)."]
    #[pyo3(signature = (*, after = None, limit = None), text_signature = "(self, *, after=None, limit=None)")]
    fn list_products(&self, py: Python<'_>, after: OptionalInput<'_, '_>, limit: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<crate::generated::ListProductsArguments>(crate::generated::LIST_PRODUCTS, &[after, limit]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.list_products(arguments.after.as_deref(), arguments.limit))?, py)
    }

    #[doc = " One location by id (`location_not_found` if there is none)."]
    #[pyo3(signature = (id), text_signature = "(self, id)")]
    fn get_location(&self, py: Python<'_>, id: Input<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<crate::generated::GetLocationArguments>(crate::generated::GET_LOCATION, &[Some(id)]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.get_location(&arguments.id))?, py)
    }

    #[doc = " Every location, by id."]
    #[pyo3(signature = (), text_signature = "(self)")]
    fn list_locations(&self, py: Python<'_>) -> PyResult<PyObject> {
        crate::output::Output::output(self.run(py, || Ok(()), |oms, ()| oms.list_locations())?, py)
    }

    #[doc = " One channel by id (`channel_not_found` if there is none)."]
    #[pyo3(signature = (id), text_signature = "(self, id)")]
    fn get_channel(&self, py: Python<'_>, id: Input<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<crate::generated::GetChannelArguments>(crate::generated::GET_CHANNEL, &[Some(id)]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.get_channel(&arguments.id))?, py)
    }

    #[doc = " Every channel, by id."]
    #[pyo3(signature = (), text_signature = "(self)")]
    fn list_channels(&self, py: Python<'_>) -> PyResult<PyObject> {
        crate::output::Output::output(self.run(py, || Ok(()), |oms, ()| oms.list_channels())?, py)
    }

    #[doc = " Creates or replaces a location."]
    #[pyo3(signature = (*, id, kind, region, ships = None, offers_pickup = None, ships_from_store = None, daily_capacity = None, priority = None), text_signature = "(self, *, id, kind, region, ships=None, offers_pickup=None, ships_from_store=False, daily_capacity=None, priority=None)")]
    #[allow(clippy::too_many_arguments)]
    fn upsert_location(&self, py: Python<'_>, id: Input<'_, '_>, kind: Input<'_, '_>, region: Input<'_, '_>, ships: OptionalInput<'_, '_>, offers_pickup: OptionalInput<'_, '_>, ships_from_store: OptionalInput<'_, '_>, daily_capacity: OptionalInput<'_, '_>, priority: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::UpsertLocation>(crate::generated::UPSERT_LOCATION, &[Some(id), Some(kind), Some(region), ships, offers_pickup, ships_from_store, daily_capacity, priority]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.upsert_location(arguments))?, py)
    }

    #[doc = " Creates or replaces a channel; every location it names must exist."]
    #[pyo3(signature = (*, id, kind, currency, locations, prices_include_tax = None, rounding_mode = None, rounding_level = None, tax_rates = None, safety_stock = None, allow_backorders = None, split_policy = None, pickup_fallback = None, strategy = None, max_distance_km = None, require_payment_before_shipping = None, capture_on_shipment = None, pickup_window_hours = None), text_signature = "(self, *, id, kind, currency, locations, prices_include_tax=False, rounding_mode='half_up', rounding_level='line', tax_rates=None, safety_stock=0, allow_backorders=False, split_policy='fewest_shipments', pickup_fallback='reject', strategy=None, max_distance_km=None, require_payment_before_shipping=False, capture_on_shipment=False, pickup_window_hours=72)")]
    #[allow(clippy::too_many_arguments)]
    fn upsert_channel(&self, py: Python<'_>, id: Input<'_, '_>, kind: Input<'_, '_>, currency: Input<'_, '_>, locations: Input<'_, '_>, prices_include_tax: OptionalInput<'_, '_>, rounding_mode: OptionalInput<'_, '_>, rounding_level: OptionalInput<'_, '_>, tax_rates: OptionalInput<'_, '_>, safety_stock: OptionalInput<'_, '_>, allow_backorders: OptionalInput<'_, '_>, split_policy: OptionalInput<'_, '_>, pickup_fallback: OptionalInput<'_, '_>, strategy: OptionalInput<'_, '_>, max_distance_km: OptionalInput<'_, '_>, require_payment_before_shipping: OptionalInput<'_, '_>, capture_on_shipment: OptionalInput<'_, '_>, pickup_window_hours: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::UpsertChannel>(crate::generated::UPSERT_CHANNEL, &[Some(id), Some(kind), Some(currency), Some(locations), prices_include_tax, rounding_mode, rounding_level, tax_rates, safety_stock, allow_backorders, split_policy, pickup_fallback, strategy, max_distance_km, require_payment_before_shipping, capture_on_shipment, pickup_window_hours]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.upsert_channel(arguments))?, py)
    }

    #[doc = " Creates or replaces a product."]
    #[pyo3(signature = (*, sku, name, tax_class = None, backorderable = None), text_signature = "(self, *, sku, name, tax_class='standard', backorderable=False)")]
    fn upsert_product(&self, py: Python<'_>, sku: Input<'_, '_>, name: Input<'_, '_>, tax_class: OptionalInput<'_, '_>, backorderable: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::UpsertProduct>(crate::generated::UPSERT_PRODUCT, &[Some(sku), Some(name), tax_class, backorderable]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.upsert_product(arguments))?, py)
    }

    #[doc = " Sets the distance between two regions, both ways; locations are ranked by it."]
    #[pyo3(signature = (*, from_region, to_region, distance_km), text_signature = "(self, *, from_region, to_region, distance_km)")]
    fn set_region_distance(&self, py: Python<'_>, from_region: Input<'_, '_>, to_region: Input<'_, '_>, distance_km: Input<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::SetRegionDistance>(crate::generated::SET_REGION_DISTANCE, &[Some(from_region), Some(to_region), Some(distance_km)]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.set_region_distance(arguments))?, py)
    }

    #[doc = " Goods arrived at a location: on hand rises and backorders there are filled."]
    #[pyo3(signature = (*, sku, location, quantity, idempotency_key = None), text_signature = "(self, *, sku, location, quantity, idempotency_key=None)")]
    fn receive_stock(&self, py: Python<'_>, sku: Input<'_, '_>, location: Input<'_, '_>, quantity: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::ReceiveStock>(crate::generated::RECEIVE_STOCK, &[Some(sku), Some(location), Some(quantity), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.receive_stock(arguments))?, py)
    }

    #[doc = " Corrects on hand by a signed delta; it may not fall below what is allocated."]
    #[pyo3(signature = (*, sku, location, quantity_delta, idempotency_key = None), text_signature = "(self, *, sku, location, quantity_delta, idempotency_key=None)")]
    fn adjust_stock(&self, py: Python<'_>, sku: Input<'_, '_>, location: Input<'_, '_>, quantity_delta: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::AdjustStock>(crate::generated::ADJUST_STOCK, &[Some(sku), Some(location), Some(quantity_delta), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.adjust_stock(arguments))?, py)
    }

    #[doc = " Records a physical count: on hand becomes `counted`, the variance a `count` movement."]
    #[pyo3(signature = (*, sku, location, counted, idempotency_key = None), text_signature = "(self, *, sku, location, counted, idempotency_key=None)")]
    fn count_stock(&self, py: Python<'_>, sku: Input<'_, '_>, location: Input<'_, '_>, counted: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::CountStock>(crate::generated::COUNT_STOCK, &[Some(sku), Some(location), Some(counted), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.count_stock(arguments))?, py)
    }

    #[doc = " Moves sellable units into quarantine (kept, not sellable)."]
    #[pyo3(signature = (*, sku, location, quantity, idempotency_key = None), text_signature = "(self, *, sku, location, quantity, idempotency_key=None)")]
    fn quarantine_stock(&self, py: Python<'_>, sku: Input<'_, '_>, location: Input<'_, '_>, quantity: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::StockQuantity>(crate::generated::QUARANTINE_STOCK, &[Some(sku), Some(location), Some(quantity), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.quarantine_stock(arguments))?, py)
    }

    #[doc = " Returns quarantined units to sellable stock (filling backorders)."]
    #[pyo3(signature = (*, sku, location, quantity, idempotency_key = None), text_signature = "(self, *, sku, location, quantity, idempotency_key=None)")]
    fn release_quarantine(&self, py: Python<'_>, sku: Input<'_, '_>, location: Input<'_, '_>, quantity: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::StockQuantity>(crate::generated::RELEASE_QUARANTINE, &[Some(sku), Some(location), Some(quantity), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.release_quarantine(arguments))?, py)
    }

    #[doc = " Available to promise for each SKU on a channel, with the figure per location."]
    #[pyo3(signature = (*, channel, skus, region = None, pickup_location = None), text_signature = "(self, *, channel, skus, region=None, pickup_location=None)")]
    fn availability(&self, py: Python<'_>, channel: Input<'_, '_>, skus: Input<'_, '_>, region: OptionalInput<'_, '_>, pickup_location: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::AvailabilityQuery>(crate::generated::AVAILABILITY, &[Some(channel), Some(skus), region, pickup_location]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.availability(&arguments))?, py)
    }

    #[doc = " The stock of one SKU at one location (zero buckets if it never had any)."]
    #[pyo3(signature = (*, sku, location), text_signature = "(self, *, sku, location)")]
    fn stock_level(&self, py: Python<'_>, sku: Input<'_, '_>, location: Input<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<crate::generated::StockLevelArguments>(crate::generated::STOCK_LEVEL, &[Some(sku), Some(location)]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.stock_level(&arguments.sku, &arguments.location))?, py)
    }

    #[doc = " Stock levels, optionally of one SKU and/or at one location, by (SKU, location)."]
    #[pyo3(signature = (*, sku = None, location = None), text_signature = "(self, *, sku=None, location=None)")]
    fn stock_levels(&self, py: Python<'_>, sku: OptionalInput<'_, '_>, location: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<crate::generated::StockLevelsArguments>(crate::generated::STOCK_LEVELS, &[sku, location]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.stock_levels(arguments.sku.as_ref(), arguments.location.as_ref()))?, py)
    }

    #[doc = " Units of a SKU the channel can promise for a shipped order."]
    #[pyo3(signature = (*, sku, channel), text_signature = "(self, *, sku, channel)")]
    fn available(&self, py: Python<'_>, sku: Input<'_, '_>, channel: Input<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<crate::generated::AvailableArguments>(crate::generated::AVAILABLE, &[Some(sku), Some(channel)]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.available(&arguments.sku, &arguments.channel))?, py)
    }

    #[doc = " The stock ledger of one SKU at one location, oldest first."]
    #[pyo3(signature = (*, sku, location, after = None, limit = None), text_signature = "(self, *, sku, location, after=0, limit=None)")]
    fn movements(&self, py: Python<'_>, sku: Input<'_, '_>, location: Input<'_, '_>, after: OptionalInput<'_, '_>, limit: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<crate::generated::MovementsArguments>(crate::generated::MOVEMENTS, &[Some(sku), Some(location), after, limit]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.movements(&arguments.sku, &arguments.location, arguments.after, arguments.limit))?, py)
    }

    #[doc = " Sets stock aside for a checkout until its time is up; placing the order converts it."]
    #[pyo3(signature = (*, reservation_id, channel, lines, ttl_seconds, pickup_location = None, ship_to_region = None, idempotency_key = None), text_signature = "(self, *, reservation_id, channel, lines, ttl_seconds, pickup_location=None, ship_to_region=None, idempotency_key=None)")]
    #[allow(clippy::too_many_arguments)]
    fn reserve_stock(&self, py: Python<'_>, reservation_id: Input<'_, '_>, channel: Input<'_, '_>, lines: Input<'_, '_>, ttl_seconds: Input<'_, '_>, pickup_location: OptionalInput<'_, '_>, ship_to_region: OptionalInput<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::ReserveStock>(crate::generated::RESERVE_STOCK, &[Some(reservation_id), Some(channel), Some(lines), Some(ttl_seconds), pickup_location, ship_to_region, idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.reserve_stock(arguments))?, py)
    }

    #[doc = " Gives an active reservation's stock back now."]
    #[pyo3(signature = (reservation_id, *, idempotency_key = None), text_signature = "(self, reservation_id, *, idempotency_key=None)")]
    fn release_reservation(&self, py: Python<'_>, reservation_id: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::ReleaseReservation>(crate::generated::RELEASE_RESERVATION, &[Some(reservation_id), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.release_reservation(arguments))?, py)
    }

    #[doc = " Releases reservations whose time is up (a batch per call); returns their ids."]
    #[pyo3(signature = (), text_signature = "(self)")]
    fn expire_reservations(&self, py: Python<'_>) -> PyResult<PyObject> {
        crate::output::Output::output(self.run(py, || Ok(()), |oms, ()| oms.expire_reservations())?, py)
    }

    #[doc = " One reservation by id."]
    #[pyo3(signature = (reservation_id), text_signature = "(self, reservation_id)")]
    fn get_reservation(&self, py: Python<'_>, reservation_id: Input<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<crate::generated::GetReservationArguments>(crate::generated::GET_RESERVATION, &[Some(reservation_id)]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.get_reservation(&arguments.reservation_id))?, py)
    }

    #[doc = " Asks to move units of a SKU between locations; nothing moves until it ships."]
    #[pyo3(signature = (*, sku, from_location, to_location, quantity, idempotency_key = None), text_signature = "(self, *, sku, from_location, to_location, quantity, idempotency_key=None)")]
    fn request_transfer(&self, py: Python<'_>, sku: Input<'_, '_>, from_location: Input<'_, '_>, to_location: Input<'_, '_>, quantity: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::RequestTransfer>(crate::generated::REQUEST_TRANSFER, &[Some(sku), Some(from_location), Some(to_location), Some(quantity), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.request_transfer(arguments))?, py)
    }

    #[doc = " The transfer leaves its source: on hand drops there, the target's incoming rises."]
    #[pyo3(signature = (transfer_id, *, idempotency_key = None), text_signature = "(self, transfer_id, *, idempotency_key=None)")]
    fn ship_transfer(&self, py: Python<'_>, transfer_id: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::TransferStep>(crate::generated::SHIP_TRANSFER, &[Some(transfer_id), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.ship_transfer(arguments))?, py)
    }

    #[doc = " The transfer arrives: the target's incoming becomes on hand."]
    #[pyo3(signature = (transfer_id, *, idempotency_key = None), text_signature = "(self, transfer_id, *, idempotency_key=None)")]
    fn receive_transfer(&self, py: Python<'_>, transfer_id: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::TransferStep>(crate::generated::RECEIVE_TRANSFER, &[Some(transfer_id), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.receive_transfer(arguments))?, py)
    }

    #[doc = " Cancels a transfer that has not shipped."]
    #[pyo3(signature = (transfer_id, *, idempotency_key = None), text_signature = "(self, transfer_id, *, idempotency_key=None)")]
    fn cancel_transfer(&self, py: Python<'_>, transfer_id: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::TransferStep>(crate::generated::CANCEL_TRANSFER, &[Some(transfer_id), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.cancel_transfer(arguments))?, py)
    }

    #[doc = " One transfer by id."]
    #[pyo3(signature = (transfer_id), text_signature = "(self, transfer_id)")]
    fn get_transfer(&self, py: Python<'_>, transfer_id: Input<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<crate::generated::GetTransferArguments>(crate::generated::GET_TRANSFER, &[Some(transfer_id)]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.get_transfer(&arguments.transfer_id))?, py)
    }

    #[doc = " Prices an order exactly and allocates it, or refuses it leaving nothing written."]
    #[pyo3(signature = (*, channel, customer_email, lines, idempotency_key = None, currency = None, order_discount = None, shipping = None, pickup_location = None, ship_to_region = None, reservation_id = None, explain = None, shipping_address = None, billing_address = None, shipping_method = None, external_reference = None, metadata = None), text_signature = "(self, *, channel, customer_email, lines, idempotency_key=None, currency=None, order_discount=None, shipping=None, pickup_location=None, ship_to_region=None, reservation_id=None, explain=False, shipping_address=None, billing_address=None, shipping_method=None, external_reference=None, metadata=None)")]
    #[allow(clippy::too_many_arguments)]
    fn place_order(&self, py: Python<'_>, channel: Input<'_, '_>, customer_email: Input<'_, '_>, lines: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>, currency: OptionalInput<'_, '_>, order_discount: OptionalInput<'_, '_>, shipping: OptionalInput<'_, '_>, pickup_location: OptionalInput<'_, '_>, ship_to_region: OptionalInput<'_, '_>, reservation_id: OptionalInput<'_, '_>, explain: OptionalInput<'_, '_>, shipping_address: OptionalInput<'_, '_>, billing_address: OptionalInput<'_, '_>, shipping_method: OptionalInput<'_, '_>, external_reference: OptionalInput<'_, '_>, metadata: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::PlaceOrder>(crate::generated::PLACE_ORDER, &[Some(channel), Some(customer_email), Some(lines), idempotency_key, currency, order_discount, shipping, pickup_location, ship_to_region, reservation_id, explain, shipping_address, billing_address, shipping_method, external_reference, metadata]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.place_order(arguments))?, py)
    }

    #[doc = " Plans an order's allocation without writing anything (a dry run), with its explanation."]
    #[pyo3(signature = (*, channel, customer_email, lines, currency = None, order_discount = None, shipping = None, pickup_location = None, ship_to_region = None), text_signature = "(self, *, channel, customer_email, lines, currency=None, order_discount=None, shipping=None, pickup_location=None, ship_to_region=None)")]
    #[allow(clippy::too_many_arguments)]
    fn plan_allocation(&self, py: Python<'_>, channel: Input<'_, '_>, customer_email: Input<'_, '_>, lines: Input<'_, '_>, currency: OptionalInput<'_, '_>, order_discount: OptionalInput<'_, '_>, shipping: OptionalInput<'_, '_>, pickup_location: OptionalInput<'_, '_>, ship_to_region: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::PlaceOrder>(crate::generated::PLAN_ALLOCATION, &[Some(channel), Some(customer_email), Some(lines), currency, order_discount, shipping, pickup_location, ship_to_region]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.plan_allocation(arguments))?, py)
    }

    #[doc = " A location cannot find a line's goods: written off there, the line re-routed or backordered."]
    #[pyo3(signature = (order_id, *, line_number, location, idempotency_key = None), text_signature = "(self, order_id, *, line_number, location, idempotency_key=None)")]
    fn reject_allocation(&self, py: Python<'_>, order_id: Input<'_, '_>, line_number: Input<'_, '_>, location: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::RejectAllocation>(crate::generated::REJECT_ALLOCATION, &[Some(order_id), Some(line_number), Some(location), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.reject_allocation(arguments))?, py)
    }

    #[doc = " One order by id."]
    #[pyo3(signature = (order_id), text_signature = "(self, order_id)")]
    fn get_order(&self, py: Python<'_>, order_id: Input<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<crate::generated::GetOrderArguments>(crate::generated::GET_ORDER, &[Some(order_id)]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.get_order(&arguments.order_id))?, py)
    }

    #[doc = " Orders matching the filters, oldest first, one page at a time."]
    #[pyo3(signature = (*, customer_email = None, channel = None, status = None, after = None, limit = None), text_signature = "(self, *, customer_email=None, channel=None, status=None, after=None, limit=None)")]
    fn list_orders(&self, py: Python<'_>, customer_email: OptionalInput<'_, '_>, channel: OptionalInput<'_, '_>, status: OptionalInput<'_, '_>, after: OptionalInput<'_, '_>, limit: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::OrderQuery>(crate::generated::LIST_ORDERS, &[customer_email, channel, status, after, limit]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.list_orders(&arguments))?, py)
    }

    #[doc = " Cancels every unit that has not shipped and releases its stock."]
    #[pyo3(signature = (order_id, *, reason = None, idempotency_key = None), text_signature = "(self, order_id, *, reason=None, idempotency_key=None)")]
    fn cancel_order(&self, py: Python<'_>, order_id: Input<'_, '_>, reason: OptionalInput<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::CancelOrder>(crate::generated::CANCEL_ORDER, &[Some(order_id), reason, idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.cancel_order(arguments))?, py)
    }

    #[doc = " Cancels some units of some lines and releases their stock."]
    #[pyo3(signature = (order_id, *, lines, idempotency_key = None), text_signature = "(self, order_id, *, lines, idempotency_key=None)")]
    fn cancel_lines(&self, py: Python<'_>, order_id: Input<'_, '_>, lines: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::CancelLines>(crate::generated::CANCEL_LINES, &[Some(order_id), Some(lines), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.cancel_lines(arguments))?, py)
    }

    #[doc = " Edits an order until the lines it touches are picked, then reallocates what changed and reprices it exactly."]
    #[pyo3(signature = (order_id, *, add_lines = None, change_lines = None, remove_lines = None, shipping_address = None, shipping_method = None, idempotency_key = None), text_signature = "(self, order_id, *, add_lines=None, change_lines=None, remove_lines=None, shipping_address=None, shipping_method=None, idempotency_key=None)")]
    #[allow(clippy::too_many_arguments)]
    fn edit_order(&self, py: Python<'_>, order_id: Input<'_, '_>, add_lines: OptionalInput<'_, '_>, change_lines: OptionalInput<'_, '_>, remove_lines: OptionalInput<'_, '_>, shipping_address: OptionalInput<'_, '_>, shipping_method: OptionalInput<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::EditOrder>(crate::generated::EDIT_ORDER, &[Some(order_id), add_lines, change_lines, remove_lines, shipping_address, shipping_method, idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.edit_order(arguments))?, py)
    }

    #[doc = " Puts an order on hold; it keeps its stock until released or cancelled."]
    #[pyo3(signature = (order_id, *, reason, idempotency_key = None), text_signature = "(self, order_id, *, reason, idempotency_key=None)")]
    fn hold_order(&self, py: Python<'_>, order_id: Input<'_, '_>, reason: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::HoldOrder>(crate::generated::HOLD_ORDER, &[Some(order_id), Some(reason), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.hold_order(arguments))?, py)
    }

    #[doc = " Releases a hold; the order returns to the status its quantities imply."]
    #[pyo3(signature = (order_id, *, idempotency_key = None), text_signature = "(self, order_id, *, idempotency_key=None)")]
    fn release_hold(&self, py: Python<'_>, order_id: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::ReleaseHold>(crate::generated::RELEASE_HOLD, &[Some(order_id), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.release_hold(arguments))?, py)
    }

    #[doc = " Closes a delivered or collected order; refused while recorded payments are not captured."]
    #[pyo3(signature = (order_id, *, idempotency_key = None), text_signature = "(self, order_id, *, idempotency_key=None)")]
    fn complete_order(&self, py: Python<'_>, order_id: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::CompleteOrder>(crate::generated::COMPLETE_ORDER, &[Some(order_id), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.complete_order(arguments))?, py)
    }

    #[doc = " How many orders are in each status (statuses without orders are absent)."]
    #[pyo3(signature = (), text_signature = "(self)")]
    fn order_status_counts(&self, py: Python<'_>) -> PyResult<PyObject> {
        crate::output::Output::output(self.run(py, || Ok(()), |oms, ()| oms.order_status_counts())?, py)
    }

    #[doc = " Units of a SKU on orders placed on a channel, less units cancelled (a projection)."]
    #[pyo3(signature = (*, sku, channel), text_signature = "(self, *, sku, channel)")]
    fn units_sold(&self, py: Python<'_>, sku: Input<'_, '_>, channel: Input<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<crate::generated::UnitsSoldArguments>(crate::generated::UNITS_SOLD, &[Some(sku), Some(channel)]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.units_sold(&arguments.channel, &arguments.sku))?, py)
    }

    #[doc = " Records a tender authorized for an order, creating its payment; idempotent on the gateway reference."]
    #[pyo3(signature = (order_id, *, payment_id = None, kind, amount, currency = None, gateway_reference, idempotency_key = None), text_signature = "(self, order_id, *, payment_id=None, kind, amount, currency=None, gateway_reference, idempotency_key=None)")]
    #[allow(clippy::too_many_arguments)]
    fn authorize_payment(&self, py: Python<'_>, order_id: Input<'_, '_>, payment_id: OptionalInput<'_, '_>, kind: Input<'_, '_>, amount: Input<'_, '_>, currency: OptionalInput<'_, '_>, gateway_reference: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::AuthorizePayment>(crate::generated::AUTHORIZE_PAYMENT, &[Some(order_id), payment_id, Some(kind), Some(amount), currency, Some(gateway_reference), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.authorize_payment(arguments))?, py)
    }

    #[doc = " Records a capture (partial and repeated are fine), never above what is authorized and not captured."]
    #[pyo3(signature = (payment_id, *, amount, currency = None, gateway_reference, idempotency_key = None), text_signature = "(self, payment_id, *, amount, currency=None, gateway_reference, idempotency_key=None)")]
    fn capture_payment(&self, py: Python<'_>, payment_id: Input<'_, '_>, amount: Input<'_, '_>, currency: OptionalInput<'_, '_>, gateway_reference: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::CapturePayment>(crate::generated::CAPTURE_PAYMENT, &[Some(payment_id), Some(amount), currency, Some(gateway_reference), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.capture_payment(arguments))?, py)
    }

    #[doc = " Records that the uncaptured rest of an authorization was voided."]
    #[pyo3(signature = (payment_id, *, gateway_reference, idempotency_key = None), text_signature = "(self, payment_id, *, gateway_reference, idempotency_key=None)")]
    fn void_payment(&self, py: Python<'_>, payment_id: Input<'_, '_>, gateway_reference: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::VoidPayment>(crate::generated::VOID_PAYMENT, &[Some(payment_id), Some(gateway_reference), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.void_payment(arguments))?, py)
    }

    #[doc = " Records a refund (partial is fine), never above what was captured and not refunded."]
    #[pyo3(signature = (payment_id, *, amount, currency = None, gateway_reference, idempotency_key = None), text_signature = "(self, payment_id, *, amount, currency=None, gateway_reference, idempotency_key=None)")]
    fn refund_payment(&self, py: Python<'_>, payment_id: Input<'_, '_>, amount: Input<'_, '_>, currency: OptionalInput<'_, '_>, gateway_reference: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::RefundPayment>(crate::generated::REFUND_PAYMENT, &[Some(payment_id), Some(amount), currency, Some(gateway_reference), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.refund_payment(arguments))?, py)
    }

    #[doc = " Records that an authorization failed before anything was captured."]
    #[pyo3(signature = (payment_id, *, gateway_reference, reason = None, idempotency_key = None), text_signature = "(self, payment_id, *, gateway_reference, reason=None, idempotency_key=None)")]
    fn fail_payment(&self, py: Python<'_>, payment_id: Input<'_, '_>, gateway_reference: Input<'_, '_>, reason: OptionalInput<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::FailPayment>(crate::generated::FAIL_PAYMENT, &[Some(payment_id), Some(gateway_reference), reason, idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.fail_payment(arguments))?, py)
    }

    #[doc = " One payment by id."]
    #[pyo3(signature = (payment_id), text_signature = "(self, payment_id)")]
    fn get_payment(&self, py: Python<'_>, payment_id: Input<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<crate::generated::GetPaymentArguments>(crate::generated::GET_PAYMENT, &[Some(payment_id)]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.get_payment(&arguments.payment_id))?, py)
    }

    #[doc = " An order's payments, their sums (authorized, captured, refunded, balance) and its payment status."]
    #[pyo3(signature = (order_id), text_signature = "(self, order_id)")]
    fn order_payments(&self, py: Python<'_>, order_id: Input<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<crate::generated::OrderPaymentsArguments>(crate::generated::ORDER_PAYMENTS, &[Some(order_id)]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.order_payments(&arguments.order_id))?, py)
    }

    #[doc = " Outbox events after a cursor (0 for the beginning), oldest first."]
    #[pyo3(signature = (cursor = None, limit = None), text_signature = "(self, cursor=0, limit=None)")]
    fn events_since(&self, py: Python<'_>, cursor: OptionalInput<'_, '_>, limit: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<crate::generated::EventsSinceArguments>(crate::generated::EVENTS_SINCE, &[cursor, limit]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.events_since(arguments.cursor, arguments.limit))?, py)
    }

    #[doc = " Checks every invariant that stored state can show (ledger, buckets, orders)."]
    #[pyo3(signature = (), text_signature = "(self)")]
    fn audit(&self, py: Python<'_>) -> PyResult<PyObject> {
        crate::output::Output::output(self.run(py, || Ok(()), |oms, ()| oms.audit())?, py)
    }

    #[doc = " Rebuilds every order from its outbox events and compares it with the stored one."]
    #[pyo3(signature = (), text_signature = "(self)")]
    fn verify_replay(&self, py: Python<'_>) -> PyResult<PyObject> {
        crate::output::Output::output(self.run(py, || Ok(()), |oms, ()| oms.verify_replay())?, py)
    }

    #[doc = " Gathers the order's allocated units no open shipment holds into one pending shipment per location."]
    #[pyo3(signature = (order_id, *, idempotency_key = None), text_signature = "(self, order_id, *, idempotency_key=None)")]
    fn create_shipments(&self, py: Python<'_>, order_id: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::CreateShipments>(crate::generated::CREATE_SHIPMENTS, &[Some(order_id), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.create_shipments(arguments))?, py)
    }

    #[doc = " Gathers some units of some lines allocated at one location into one pending shipment."]
    #[pyo3(signature = (order_id, *, location, lines, idempotency_key = None), text_signature = "(self, order_id, *, location, lines, idempotency_key=None)")]
    fn create_shipment(&self, py: Python<'_>, order_id: Input<'_, '_>, location: Input<'_, '_>, lines: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::CreateShipment>(crate::generated::CREATE_SHIPMENT, &[Some(order_id), Some(location), Some(lines), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.create_shipment(arguments))?, py)
    }

    #[doc = " A pending shipment's goods are being picked."]
    #[pyo3(signature = (shipment_id, *, idempotency_key = None), text_signature = "(self, shipment_id, *, idempotency_key=None)")]
    fn start_picking(&self, py: Python<'_>, shipment_id: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::ShipmentStep>(crate::generated::START_PICKING, &[Some(shipment_id), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.start_picking(arguments))?, py)
    }

    #[doc = " Records the parcels a picked shipment was packed into."]
    #[pyo3(signature = (shipment_id, *, parcels, idempotency_key = None), text_signature = "(self, shipment_id, *, parcels, idempotency_key=None)")]
    fn pack_shipment(&self, py: Python<'_>, shipment_id: Input<'_, '_>, parcels: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::PackShipment>(crate::generated::PACK_SHIPMENT, &[Some(shipment_id), Some(parcels), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.pack_shipment(arguments))?, py)
    }

    #[doc = " The goods of a packed or handed-over shipment left: on hand drops and the order's lines count the units shipped."]
    #[pyo3(signature = (shipment_id, *, carrier, tracking_number, partner_reference = None, idempotency_key = None), text_signature = "(self, shipment_id, *, carrier, tracking_number, partner_reference=None, idempotency_key=None)")]
    fn ship_shipment(&self, py: Python<'_>, shipment_id: Input<'_, '_>, carrier: Input<'_, '_>, tracking_number: Input<'_, '_>, partner_reference: OptionalInput<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::ShipShipment>(crate::generated::SHIP_SHIPMENT, &[Some(shipment_id), Some(carrier), Some(tracking_number), partner_reference, idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.ship_shipment(arguments))?, py)
    }

    #[doc = " Hands a packed shipment to a carrier, or a pending one to a partner that picks and packs it; emits what the partner needs."]
    #[pyo3(signature = (shipment_id, *, partner, idempotency_key = None), text_signature = "(self, shipment_id, *, partner, idempotency_key=None)")]
    fn hand_over_shipment(&self, py: Python<'_>, shipment_id: Input<'_, '_>, partner: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::HandOverShipment>(crate::generated::HAND_OVER_SHIPMENT, &[Some(shipment_id), Some(partner), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.hand_over_shipment(arguments))?, py)
    }

    #[doc = " The carrier delivered a shipment: the order's lines count the units delivered."]
    #[pyo3(signature = (shipment_id, *, partner_reference = None, idempotency_key = None), text_signature = "(self, shipment_id, *, partner_reference=None, idempotency_key=None)")]
    fn confirm_delivery(&self, py: Python<'_>, shipment_id: Input<'_, '_>, partner_reference: OptionalInput<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::ConfirmDelivery>(crate::generated::CONFIRM_DELIVERY, &[Some(shipment_id), partner_reference, idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.confirm_delivery(arguments))?, py)
    }

    #[doc = " Cancels a shipment before it is packed; its units stay allocated to the order."]
    #[pyo3(signature = (shipment_id, *, idempotency_key = None), text_signature = "(self, shipment_id, *, idempotency_key=None)")]
    fn cancel_shipment(&self, py: Python<'_>, shipment_id: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::ShipmentStep>(crate::generated::CANCEL_SHIPMENT, &[Some(shipment_id), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.cancel_shipment(arguments))?, py)
    }

    #[doc = " A picked shipment of a pickup order waits at its store's counter for the channel's pickup window."]
    #[pyo3(signature = (shipment_id, *, idempotency_key = None), text_signature = "(self, shipment_id, *, idempotency_key=None)")]
    fn ready_for_pickup(&self, py: Python<'_>, shipment_id: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::ShipmentStep>(crate::generated::READY_FOR_PICKUP, &[Some(shipment_id), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.ready_for_pickup(arguments))?, py)
    }

    #[doc = " The customer collected a ready shipment: on hand drops, the lines count the units shipped and delivered."]
    #[pyo3(signature = (shipment_id, *, idempotency_key = None), text_signature = "(self, shipment_id, *, idempotency_key=None)")]
    fn confirm_pickup(&self, py: Python<'_>, shipment_id: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::ShipmentStep>(crate::generated::CONFIRM_PICKUP, &[Some(shipment_id), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.confirm_pickup(arguments))?, py)
    }

    #[doc = " Expires ready pickups whose window has passed (a batch per call): their units are released and cancelled."]
    #[pyo3(signature = (), text_signature = "(self)")]
    fn expire_pickups(&self, py: Python<'_>) -> PyResult<PyObject> {
        crate::output::Output::output(self.run(py, || Ok(()), |oms, ()| oms.expire_pickups())?, py)
    }

    #[doc = " A location gives back units of a shipment line: stock corrected, the line re-allocated, backordered or cancelled."]
    #[pyo3(signature = (shipment_id, *, line_number, quantity, reason, idempotency_key = None), text_signature = "(self, shipment_id, *, line_number, quantity, reason, idempotency_key=None)")]
    fn reject_shipment_line(&self, py: Python<'_>, shipment_id: Input<'_, '_>, line_number: Input<'_, '_>, quantity: Input<'_, '_>, reason: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<oms_core::RejectShipmentLine>(crate::generated::REJECT_SHIPMENT_LINE, &[Some(shipment_id), Some(line_number), Some(quantity), Some(reason), idempotency_key]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.reject_shipment_line(arguments))?, py)
    }

    #[doc = " One shipment by id."]
    #[pyo3(signature = (shipment_id), text_signature = "(self, shipment_id)")]
    fn get_shipment(&self, py: Python<'_>, shipment_id: Input<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<crate::generated::GetShipmentArguments>(crate::generated::GET_SHIPMENT, &[Some(shipment_id)]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.get_shipment(&arguments.shipment_id))?, py)
    }

    #[doc = " Every shipment of an order, oldest first."]
    #[pyo3(signature = (order_id), text_signature = "(self, order_id)")]
    fn list_shipments(&self, py: Python<'_>, order_id: Input<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<crate::generated::ListShipmentsArguments>(crate::generated::LIST_SHIPMENTS, &[Some(order_id)]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.list_shipments(&arguments.order_id))?, py)
    }

    #[doc = " What to pick at a location: its open shipments aggregated by SKU, in SKU order."]
    #[pyo3(signature = (location), text_signature = "(self, location)")]
    fn pick_list(&self, py: Python<'_>, location: Input<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<crate::generated::PickListArguments>(crate::generated::PICK_LIST, &[Some(location)]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.pick_list(&arguments.location))?, py)
    }

    #[doc = " The pick list of a location as a self-contained printable HTML page."]
    #[pyo3(signature = (location), text_signature = "(self, location)")]
    fn pick_list_document(&self, py: Python<'_>, location: Input<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<crate::generated::PickListDocumentArguments>(crate::generated::PICK_LIST_DOCUMENT, &[Some(location)]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.pick_list_document(&arguments.location))?, py)
    }

    #[doc = " Packing slips of the shipments named as one self-contained printable HTML document, a page per shipment."]
    #[pyo3(signature = (shipment_ids), text_signature = "(self, shipment_ids)")]
    fn packing_slips(&self, py: Python<'_>, shipment_ids: Input<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<crate::generated::PackingSlipsArguments>(crate::generated::PACKING_SLIPS, &[Some(shipment_ids)]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.packing_slips(&arguments.shipment_ids))?, py)
    }

    #[doc = " The shipping labels of a packed or shipped shipment in ZPL, one label per parcel."]
    #[pyo3(signature = (shipment_id), text_signature = "(self, shipment_id)")]
    fn shipping_label(&self, py: Python<'_>, shipment_id: Input<'_, '_>) -> PyResult<PyObject> {
        let read = || crate::read::command::<crate::generated::ShippingLabelArguments>(crate::generated::SHIPPING_LABEL, &[Some(shipment_id)]);
        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.shipping_label(&arguments.shipment_id))?, py)
    }

    #[doc = " How many schema migrations the store's tables have had (0 in memory, which has no tables)."]
    #[pyo3(signature = (), text_signature = "(self)")]
    fn schema_version(&self, py: Python<'_>) -> PyResult<PyObject> {
        crate::output::Output::output(self.run(py, || Ok(()), |oms, ()| oms.schema_version())?, py)
    }
        }
    };
}
pub(crate) use operations;
