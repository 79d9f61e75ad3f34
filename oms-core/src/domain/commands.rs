//! Commands: what a caller asks the service to do, named as verbs. Each is a
//! plain struct with public fields (so it can be built with `..Default`-style
//! literals) and serde support (so it can arrive as JSON and be fingerprinted
//! for idempotency). The idempotency key travels with the command but is not
//! part of its fingerprint.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::domain::address::Address;
use crate::domain::catalog::{ChannelKind, LocationKind, PickupFallback, SplitPolicy};
use crate::domain::events::LineQuantity;
use crate::domain::fulfilment::{LineRejectionReason, Parcel};
use crate::domain::order::OrderStatus;
use crate::kernel::error::{positive_quantity, Error, Result};
use crate::kernel::ids::{
    ChannelId, Email, IdempotencyKey, LocationId, OrderId, ReservationId, ShipmentId, Sku, TaxClass, TransferId,
};
use crate::kernel::limits::{JSON_PAYLOAD_BYTES_MAX, PICKUP_WINDOW_HOURS_DEFAULT};
use crate::kernel::money::{Currency, RoundingPolicy};

/// How the amounts of [`PlaceOrder`] and [`LineInput`] are read.
///
/// JSON text is parsed by `money::exact` (so `20.00` and `20` are one
/// amount). A binding's reader (`oms-py`, `oms-node`) has already read the
/// caller's amount exactly, in its own language's rules, and hands it over
/// as the text of that `Decimal` inside a newtype named [`amount::EXACT`]:
/// it is taken as it is, trailing zeros included, so that a refusal quotes
/// the caller's own digits. Other deserializers see an ordinary newtype.
pub mod amount {
    use std::fmt;
    use std::str::FromStr;

    use rust_decimal::Decimal;
    use serde::de::{self, Deserialize, Deserializer, Visitor};

    /// The newtype name by which a binding's reader recognises an amount.
    pub const EXACT: &str = "$oms::exact_amount";

    struct Amount(Decimal);

    impl<'de> Deserialize<'de> for Amount {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Amount, D::Error> {
            deserializer.deserialize_newtype_struct(EXACT, AmountVisitor)
        }
    }

    struct AmountVisitor;

    impl<'de> Visitor<'de> for AmountVisitor {
        type Value = Amount;

        fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
            formatter.write_str("a decimal amount")
        }

        fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<Amount, D::Error> {
            crate::kernel::money::exact::deserialize(deserializer).map(Amount)
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Amount, E> {
            Decimal::from_str(text).map(Amount).map_err(E::custom)
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        Amount::deserialize(deserializer).map(|amount| amount.0)
    }

    pub(crate) fn optional<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Decimal>, D::Error> {
        Ok(Option::<Amount>::deserialize(deserializer)?.map(|amount| amount.0))
    }
}

/// Create or replace a location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpsertLocation {
    pub id: LocationId,
    pub kind: LocationKind,
    pub region: String,
    /// Defaults by kind: warehouses and 3PL sites ship, stores do not.
    #[serde(default)]
    pub ships: Option<bool>,
    /// Defaults by kind: stores offer pickup, others do not.
    #[serde(default)]
    pub offers_pickup: Option<bool>,
    #[serde(default)]
    pub ships_from_store: bool,
    /// Shipments per day; `None` is unlimited.
    #[serde(default)]
    pub daily_capacity: Option<i64>,
    /// Lower goes first among equally near locations; default 100.
    #[serde(default)]
    pub priority: Option<i64>,
}

impl UpsertLocation {
    /// A location of `kind` in `region` with the defaults for its kind.
    pub fn new(id: LocationId, kind: LocationKind, region: impl Into<String>) -> UpsertLocation {
        UpsertLocation {
            id,
            kind,
            region: region.into(),
            ships: None,
            offers_pickup: None,
            ships_from_store: false,
            daily_capacity: None,
            priority: None,
        }
    }
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
    /// Units kept back at each location from this channel's promises.
    #[serde(default)]
    pub safety_stock: i64,
    #[serde(default)]
    pub allow_backorders: bool,
    #[serde(default = "default_split_policy")]
    pub split_policy: SplitPolicy,
    #[serde(default = "default_pickup_fallback")]
    pub pickup_fallback: PickupFallback,
    /// The allocation strategy for shipped orders; `ship_from_warehouse` when `None`.
    #[serde(default)]
    pub strategy: Option<String>,
    #[serde(default)]
    pub max_distance_km: Option<u32>,
    /// Ship nothing until the order is paid.
    #[serde(default)]
    pub require_payment_before_shipping: bool,
    /// Request the capture of a shipment's value when its goods leave.
    #[serde(default)]
    pub capture_on_shipment: bool,
    /// Hours a ready pickup waits to be collected: 1 to `PICKUP_WINDOW_HOURS_MAX`,
    /// `PICKUP_WINDOW_HOURS_DEFAULT` when absent.
    #[serde(default = "default_pickup_window_hours")]
    pub pickup_window_hours: i64,
}

fn default_pickup_window_hours() -> i64 {
    PICKUP_WINDOW_HOURS_DEFAULT
}

fn default_split_policy() -> SplitPolicy {
    SplitPolicy::FewestShipments
}

fn default_pickup_fallback() -> PickupFallback {
    PickupFallback::Reject
}

impl UpsertChannel {
    /// A channel with the defaults: tax-exclusive, no tax rates, half-up per
    /// line, no safety stock, no backorders, fewest shipments, pickups rejected
    /// when the store lacks stock, shipping from warehouses, no distance limit,
    /// pickups kept ready for `PICKUP_WINDOW_HOURS_DEFAULT` hours.
    pub fn new(id: ChannelId, kind: ChannelKind, currency: Currency, locations: Vec<LocationId>) -> UpsertChannel {
        UpsertChannel {
            id,
            kind,
            currency,
            locations,
            prices_include_tax: false,
            rounding: RoundingPolicy::default(),
            tax_rates: BTreeMap::new(),
            safety_stock: 0,
            allow_backorders: false,
            split_policy: SplitPolicy::FewestShipments,
            pickup_fallback: PickupFallback::Reject,
            strategy: None,
            max_distance_km: None,
            require_payment_before_shipping: false,
            capture_on_shipment: false,
            pickup_window_hours: PICKUP_WINDOW_HOURS_DEFAULT,
        }
    }
}

/// Create or replace a product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpsertProduct {
    pub sku: Sku,
    pub name: String,
    #[serde(default = "TaxClass::standard")]
    pub tax_class: TaxClass,
    #[serde(default)]
    pub backorderable: bool,
}

impl UpsertProduct {
    /// A product in the standard tax class that cannot be backordered.
    pub fn new(sku: Sku, name: impl Into<String>) -> UpsertProduct {
        UpsertProduct { sku, name: name.into(), tax_class: TaxClass::standard(), backorderable: false }
    }
}

/// A quantity of one SKU at one location: goods received, quarantined or released from quarantine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockQuantity {
    pub sku: Sku,
    pub location: LocationId,
    pub quantity: i64,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

/// Goods arrived at a location.
pub type ReceiveStock = StockQuantity;

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
    #[serde(serialize_with = "crate::kernel::money::exact::serialize", deserialize_with = "amount::deserialize")]
    pub unit_price: Decimal,
    #[serde(
        default,
        serialize_with = "crate::kernel::money::exact::charge::serialize",
        deserialize_with = "amount::optional"
    )]
    pub discount: Option<Decimal>,
}

impl LineInput {
    /// Checks what needs no storage, in field order (quantity, unit price,
    /// discount), errors named under `path` (`lines[2]`).
    pub(crate) fn check(&self, path: &str) -> Result<()> {
        positive_quantity("quantity", self.quantity).map_err(|e| e.at(format!("{path}.quantity")))?;
        non_negative(self.unit_price, &format!("{path}.unit_price"))?;
        if let Some(discount) = self.discount {
            non_negative(discount, &format!("{path}.discount"))?;
        }
        Ok(())
    }
}

/// `invalid_amount` for a negative amount (a negative zero is zero).
pub(crate) fn non_negative(amount: Decimal, field: &str) -> Result<()> {
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(Error::invalid_amount(field, format!("must not be negative, got {amount}")));
    }
    Ok(())
}

/// Place an order on a channel: price it exactly and allocate every line.
/// Optional fields default to a shipped order with no discount, no shipping charge and no explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceOrder {
    pub channel: ChannelId,
    pub customer_email: Email,
    /// When given, must equal the channel's currency (`currency_mismatch` otherwise).
    #[serde(default)]
    pub currency: Option<Currency>,
    pub lines: Vec<LineInput>,
    #[serde(
        default,
        serialize_with = "crate::kernel::money::exact::charge::serialize",
        deserialize_with = "amount::optional"
    )]
    pub order_discount: Option<Decimal>,
    #[serde(
        default,
        serialize_with = "crate::kernel::money::exact::charge::serialize",
        deserialize_with = "amount::optional"
    )]
    pub shipping: Option<Decimal>,
    /// Collect at this store (buy online, pick up in store); for a point-of-sale
    /// channel, the till's store (the channel's first location when `None`).
    #[serde(default)]
    pub pickup_location: Option<LocationId>,
    /// Where a shipped order goes; drives distance ranking.
    #[serde(default)]
    pub ship_to_region: Option<String>,
    /// Turn this checkout reservation into the order: its units are used
    /// first. (`hold_id`, its name before 1.0, still reads.)
    #[serde(default, alias = "hold_id")]
    pub reservation_id: Option<ReservationId>,
    /// Store the allocation's explanation on the order.
    #[serde(default)]
    pub explain: bool,
    /// Where the goods go (required by nothing yet; carried to fulfilment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_address: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_address: Option<Address>,
    /// The service level the customer chose (`standard`, `express`, …), as the caller names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_method: Option<String>,
    /// The caller's own reference for the order (a storefront's order number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_reference: Option<String>,
    /// Free-form text by key, kept on the order (bounded: see `kernel/limits.rs`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<String, String>,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

impl PlaceOrder {
    /// A shipped order with no discounts, shipping charge, reservation or explanation.
    pub fn new(channel: ChannelId, customer_email: Email, lines: Vec<LineInput>) -> PlaceOrder {
        PlaceOrder {
            channel,
            customer_email,
            currency: None,
            lines,
            order_discount: None,
            shipping: None,
            pickup_location: None,
            ship_to_region: None,
            reservation_id: None,
            explain: false,
            shipping_address: None,
            billing_address: None,
            shipping_method: None,
            external_reference: None,
            metadata: BTreeMap::new(),
            idempotency_key: None,
        }
    }

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
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
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

/// Close a delivered or collected order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompleteOrder {
    pub order_id: OrderId,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

/// Count a SKU at a location: on hand becomes `counted`, recorded with its variance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountStock {
    pub sku: Sku,
    pub location: LocationId,
    pub counted: i64,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

/// The distance between two regions, used to rank locations for a destination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetRegionDistance {
    pub from_region: String,
    pub to_region: String,
    pub distance_km: u32,
}

/// One line of a [`ReserveStock`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReservationLine {
    pub sku: Sku,
    pub quantity: i64,
}

/// Reserve stock for a cart for a while.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReserveStock {
    #[serde(alias = "hold_id")]
    pub reservation_id: ReservationId,
    pub channel: ChannelId,
    pub lines: Vec<ReservationLine>,
    /// Seconds until the reservation expires; 1 to `RESERVATION_TTL_SECONDS_MAX`.
    pub ttl_seconds: i64,
    #[serde(default)]
    pub pickup_location: Option<LocationId>,
    #[serde(default)]
    pub ship_to_region: Option<String>,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

/// Give a checkout reservation's stock back before it expires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleaseReservation {
    #[serde(alias = "hold_id")]
    pub reservation_id: ReservationId,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

/// Ask to move stock from one location to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestTransfer {
    pub sku: Sku,
    pub from_location: LocationId,
    pub to_location: LocationId,
    pub quantity: i64,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

/// Move a transfer along: ship it, receive it or cancel it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferStep {
    pub transfer_id: TransferId,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

/// A location could not find the goods for an allocation: the units are
/// written off there and the line is re-routed to the next candidate, or backordered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectAllocation {
    pub order_id: OrderId,
    pub line_number: u32,
    pub location: LocationId,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

/// Available to promise for some SKUs on a channel.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AvailabilityQuery {
    pub channel: ChannelId,
    pub skus: Vec<Sku>,
    /// Only locations in this region.
    pub region: Option<String>,
    /// Only this pickup store.
    pub pickup_location: Option<LocationId>,
}

/// Gather an order's allocated units that no open shipment holds into one
/// shipment per location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateShipments {
    pub order_id: OrderId,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

/// Gather some units of some lines allocated at one location into one
/// shipment (part of a line now, the rest later).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateShipment {
    pub order_id: OrderId,
    pub location: LocationId,
    /// Each line once, with at most its units allocated at the location
    /// that no open shipment holds yet.
    pub lines: Vec<LineQuantity>,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

/// A location gives back units of a shipment line it cannot send: they are
/// written off (not found) or quarantined (damaged), and the line is
/// re-allocated elsewhere, backordered or cancelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectShipmentLine {
    pub shipment_id: ShipmentId,
    pub line_number: u32,
    /// Units of the line the shipment holds that the location gives back.
    pub quantity: i64,
    pub reason: LineRejectionReason,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

/// Move a shipment along: start picking, confirm delivery, or cancel it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShipmentStep {
    pub shipment_id: ShipmentId,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

/// Record the parcels a picked shipment was packed into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackShipment {
    pub shipment_id: ShipmentId,
    pub parcels: Vec<Parcel>,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

/// Hand a packed shipment to its carrier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShipShipment {
    pub shipment_id: ShipmentId,
    pub carrier: String,
    pub tracking_number: String,
    /// The partner's reference of its confirmation: a retry naming it
    /// again returns the shipment as it is.
    #[serde(default)]
    pub partner_reference: Option<String>,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

/// Hand a shipment to a carrier (packed) or a logistics partner that picks
/// and packs it (pending).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandOverShipment {
    pub shipment_id: ShipmentId,
    pub partner: String,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

/// The carrier or partner delivered a shipment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmDelivery {
    pub shipment_id: ShipmentId,
    /// The partner's reference of its confirmation: a retry naming it
    /// again returns the shipment as it is.
    #[serde(default)]
    pub partner_reference: Option<String>,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

pub use crate::domain::order::commands::{EditOrder, LineChange};
pub use crate::domain::payment::commands::{AuthorizePayment, CapturePayment, FailPayment, RefundPayment, VoidPayment};
