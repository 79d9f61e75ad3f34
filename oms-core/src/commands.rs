//! Commands: what a caller asks the service to do, named as verbs. Each is a
//! plain struct with public fields (so it can be built with `..Default`-style
//! literals) and serde support (so it can arrive as JSON and be fingerprinted
//! for idempotency). The idempotency key travels with the command but is not
//! part of its fingerprint.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::catalog::{ChannelKind, LocationKind};
use crate::error::{Error, Result};
use crate::events::LineQuantity;
use crate::ids::{ChannelId, Email, IdempotencyKey, LocationId, OrderId, Sku, TaxClass};
use crate::limits::JSON_PAYLOAD_BYTES_MAX;
use crate::money::{Currency, RoundingPolicy};
use crate::order::OrderStatus;

/// Create or replace a location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpsertLocation {
    pub id: LocationId,
    pub kind: LocationKind,
    pub region: String,
}

/// Create or replace a channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpsertChannel {
    pub id: ChannelId,
    pub kind: ChannelKind,
    pub currency: Currency,
    /// Locations in the order stock is drawn from them. Each must exist.
    pub locations: Vec<LocationId>,
    #[serde(default)]
    pub prices_include_tax: bool,
    #[serde(default)]
    pub rounding: RoundingPolicy,
    /// Rate per tax class as a fraction in `0..=1` (`0.2` is 20 %).
    #[serde(default)]
    pub tax_rates: BTreeMap<TaxClass, Decimal>,
}

/// Create or replace a product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpsertProduct {
    pub sku: Sku,
    pub name: String,
    #[serde(default = "TaxClass::standard")]
    pub tax_class: TaxClass,
}

/// Goods arrived at a location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiveStock {
    pub sku: Sku,
    pub location: LocationId,
    pub quantity: i64,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

/// Correct on-hand stock by a signed delta (a count found more or fewer units).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdjustStock {
    pub sku: Sku,
    pub location: LocationId,
    pub quantity_delta: i64,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

/// One line of a [`PlaceOrder`]. Amounts are in the channel's currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineInput {
    pub sku: Sku,
    pub quantity: i64,
    #[serde(with = "rust_decimal::serde::str")]
    pub unit_price: Decimal,
    #[serde(default, with = "rust_decimal::serde::str_option")]
    pub discount: Option<Decimal>,
}

/// Place an order on a channel: price it exactly and allocate every line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceOrder {
    pub channel: ChannelId,
    pub customer_email: Email,
    /// When given, must equal the channel's currency (`currency_mismatch` otherwise).
    #[serde(default)]
    pub currency: Option<Currency>,
    pub lines: Vec<LineInput>,
    #[serde(default, with = "rust_decimal::serde::str_option")]
    pub order_discount: Option<Decimal>,
    #[serde(default, with = "rust_decimal::serde::str_option")]
    pub shipping: Option<Decimal>,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

impl PlaceOrder {
    /// Parses a JSON payload (field names as in the struct, amounts as
    /// decimal strings). Oversized or malformed input is `malformed_json`;
    /// fields that fail validation keep their own code.
    pub fn from_json(json: &str) -> Result<PlaceOrder> {
        if json.len() > JSON_PAYLOAD_BYTES_MAX {
            return Err(Error::limit("payload", format!("must be at most {JSON_PAYLOAD_BYTES_MAX} bytes")));
        }
        serde_json::from_str(json)
            .map_err(|error| Error::MalformedJson { field: "payload".into(), message: error.to_string() })
    }
}

/// Cancel some units of some lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelLines {
    pub order_id: OrderId,
    pub lines: Vec<LineQuantity>,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

/// Which orders a listing returns, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrderQuery {
    pub customer_email: Option<Email>,
    pub channel: Option<ChannelId>,
    pub status: Option<OrderStatus>,
    /// The `next_cursor` of the previous page, or `None` for the first page.
    pub after: Option<String>,
    /// Page size; `PAGE_LIMIT_DEFAULT` when `None`, at most `PAGE_LIMIT_MAX`.
    pub limit: Option<usize>,
}

/// Cancel every unit of an order that has not shipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelOrder {
    pub order_id: OrderId,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

/// Put an order on hold (fraud review, manual hold).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoldOrder {
    pub order_id: OrderId,
    pub reason: String,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

/// Release an order from hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleaseHold {
    pub order_id: OrderId,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}
