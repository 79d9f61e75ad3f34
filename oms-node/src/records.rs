//! Records returned to JavaScript: plain objects with camelCase fields.
//! Money and rates are decimal strings, times ISO-8601 strings in UTC,
//! absent values `null`.

use std::collections::BTreeMap;

use chrono::SecondsFormat;
use napi_derive::napi;
use oms_core::{Money, Timestamp};

/// Counters and versions are `u64` in the core; JavaScript numbers hold
/// them exactly up to 2^53, far beyond what a store reaches.
fn number(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

fn amount(money: &Money) -> String {
    money.amount().to_string()
}

fn time(at: &Timestamp) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// A place that holds stock.
#[napi(object)]
pub struct Location {
    pub id: String,
    /// `warehouse`, `store` or `third_party_logistics`.
    pub kind: String,
    pub region: String,
    pub version: i64,
}

impl From<oms_core::Location> for Location {
    fn from(location: oms_core::Location) -> Self {
        Location {
            id: location.id.into(),
            kind: location.kind.as_str().into(),
            region: location.region,
            version: number(location.version),
        }
    }
}

/// A sales channel.
#[napi(object)]
pub struct Channel {
    pub id: String,
    /// `web`, `marketplace`, `point_of_sale` or `pickup`.
    pub kind: String,
    pub currency: String,
    pub locations: Vec<String>,
    pub prices_include_tax: bool,
    /// `half_up` or `half_even`.
    pub rounding_mode: String,
    /// `line` or `document`.
    pub rounding_level: String,
    /// Tax class → rate as a decimal string (`"0.2"` is 20 %).
    pub tax_rates: BTreeMap<String, String>,
    pub version: i64,
}

impl From<oms_core::Channel> for Channel {
    fn from(channel: oms_core::Channel) -> Self {
        Channel {
            id: channel.id.into(),
            kind: channel.kind.as_str().into(),
            currency: channel.currency.code().into(),
            locations: channel.locations.into_iter().map(String::from).collect(),
            prices_include_tax: channel.prices_include_tax,
            rounding_mode: channel.rounding.mode.as_str().into(),
            rounding_level: channel.rounding.level.as_str().into(),
            tax_rates: channel.tax_rates.into_iter().map(|(class, rate)| (class.into(), rate.to_string())).collect(),
            version: number(channel.version),
        }
    }
}

/// A sellable product variant.
#[napi(object)]
pub struct Product {
    pub sku: String,
    pub name: String,
    pub tax_class: String,
    pub version: i64,
}

impl From<oms_core::Product> for Product {
    fn from(product: oms_core::Product) -> Self {
        Product {
            sku: product.sku.into(),
            name: product.name,
            tax_class: product.tax_class.into(),
            version: number(product.version),
        }
    }
}

/// The stock of one SKU at one location.
#[napi(object)]
pub struct StockLevel {
    pub sku: String,
    pub location: String,
    pub on_hand: i64,
    pub allocated: i64,
    /// On hand less allocated.
    pub available: i64,
    pub version: i64,
}

impl From<oms_core::StockLevel> for StockLevel {
    fn from(level: oms_core::StockLevel) -> Self {
        StockLevel {
            available: level.available(),
            on_hand: level.on_hand,
            allocated: level.allocated,
            version: number(level.version),
            sku: level.sku.into(),
            location: level.location.into(),
        }
    }
}

/// One entry of the stock ledger.
#[napi(object, use_nullable = true)]
pub struct Movement {
    pub sequence: i64,
    pub sku: String,
    pub location: String,
    /// `receipt`, `allocation`, `release` or `adjustment`.
    pub reason: String,
    pub on_hand_delta: i64,
    pub allocated_delta: i64,
    pub order_id: Option<String>,
    pub occurred_at: String,
}

impl From<oms_core::Movement> for Movement {
    fn from(movement: oms_core::Movement) -> Self {
        Movement {
            sequence: number(movement.sequence),
            sku: movement.sku.into(),
            location: movement.location.into(),
            reason: movement.reason.as_str().into(),
            on_hand_delta: movement.on_hand_delta,
            allocated_delta: movement.allocated_delta,
            order_id: movement.order_id.map(String::from),
            occurred_at: time(&movement.occurred_at),
        }
    }
}

/// Units of a line promised from one location.
#[napi(object)]
pub struct LineAllocation {
    pub location: String,
    pub quantity: i64,
}

/// One line of an order, priced exactly.
#[napi(object)]
pub struct OrderLine {
    pub line_number: u32,
    pub sku: String,
    pub unit_price: String,
    /// Units ordered.
    pub quantity: i64,
    pub cancelled: i64,
    pub allocated: i64,
    pub backordered: i64,
    pub shipped: i64,
    pub returned: i64,
    pub discount: String,
    pub order_discount_share: String,
    pub shipping_share: String,
    pub tax_class: String,
    pub tax_rate: String,
    pub tax: String,
    pub total: String,
    pub allocations: Vec<LineAllocation>,
}

impl From<oms_core::OrderLine> for OrderLine {
    fn from(line: oms_core::OrderLine) -> Self {
        let quantities = line.quantities;
        OrderLine {
            line_number: line.line_number,
            sku: line.sku.into(),
            unit_price: amount(&line.unit_price),
            quantity: quantities.ordered,
            cancelled: quantities.cancelled,
            allocated: quantities.allocated,
            backordered: quantities.backordered,
            shipped: quantities.shipped,
            returned: quantities.returned,
            discount: amount(&line.discount),
            order_discount_share: amount(&line.order_discount_share),
            shipping_share: amount(&line.shipping_share),
            tax_class: line.tax_class.into(),
            tax_rate: line.tax_rate.to_string(),
            tax: amount(&line.tax),
            total: amount(&line.total),
            allocations: line
                .allocations
                .into_iter()
                .map(|allocation| LineAllocation {
                    location: allocation.location.into(),
                    quantity: allocation.quantity,
                })
                .collect(),
        }
    }
}

/// Tax of one rate over an order.
#[napi(object)]
pub struct TaxSummary {
    pub rate: String,
    pub taxable: String,
    pub tax: String,
}

impl From<oms_core::TaxSummary> for TaxSummary {
    fn from(summary: oms_core::TaxSummary) -> Self {
        TaxSummary { rate: summary.rate.to_string(), taxable: amount(&summary.taxable), tax: amount(&summary.tax) }
    }
}

/// A customer's order, with its totals as placed.
#[napi(object, use_nullable = true)]
pub struct Order {
    pub id: String,
    pub sequence: i64,
    pub channel: String,
    pub customer_email: String,
    pub currency: String,
    pub prices_include_tax: bool,
    pub status: String,
    pub hold_reason: Option<String>,
    pub cancel_reason: Option<String>,
    pub lines: Vec<OrderLine>,
    pub subtotal: String,
    pub discount_total: String,
    pub shipping_total: String,
    pub tax_total: String,
    pub total: String,
    pub tax_summary: Vec<TaxSummary>,
    pub created_at: String,
    pub updated_at: String,
    pub version: i64,
}

impl From<oms_core::Order> for Order {
    fn from(order: oms_core::Order) -> Self {
        let totals = order.totals;
        Order {
            id: order.id.into(),
            sequence: number(order.sequence),
            channel: order.channel.into(),
            customer_email: order.customer_email.into(),
            currency: order.currency.code().into(),
            prices_include_tax: order.prices_include_tax,
            status: order.status.as_str().into(),
            hold_reason: order.hold_reason,
            cancel_reason: order.cancel_reason,
            lines: order.lines.into_iter().map(OrderLine::from).collect(),
            subtotal: amount(&totals.subtotal),
            discount_total: amount(&totals.discount_total),
            shipping_total: amount(&totals.shipping_total),
            tax_total: amount(&totals.tax_total),
            total: amount(&totals.total),
            tax_summary: totals.tax_summary.into_iter().map(TaxSummary::from).collect(),
            created_at: time(&order.created_at),
            updated_at: time(&order.updated_at),
            version: number(order.version),
        }
    }
}

/// One page of orders; pass `nextCursor` back as `after` for the next page.
#[napi(object, use_nullable = true)]
pub struct OrderPage {
    pub orders: Vec<Order>,
    pub next_cursor: Option<String>,
}

impl From<oms_core::OrderPage> for OrderPage {
    fn from(page: oms_core::OrderPage) -> Self {
        OrderPage { orders: page.orders.into_iter().map(Order::from).collect(), next_cursor: page.next_cursor }
    }
}

/// A domain event from the outbox.
#[napi(object)]
pub struct Event {
    /// Position in the outbox; pass the last one seen to `eventsSince`.
    pub sequence: i64,
    /// The event's snake_case name, such as `order_placed`.
    #[napi(js_name = "type")]
    pub kind: String,
    pub occurred_at: String,
    /// The event's fields; amounts are `{ amount: "39.98", currency: "USD" }`.
    #[napi(ts_type = "Record<string, unknown>")]
    pub data: serde_json::Value,
}

impl From<oms_core::EventRecord> for Event {
    fn from(record: oms_core::EventRecord) -> Self {
        Event {
            sequence: number(record.sequence),
            kind: record.event.name().into(),
            occurred_at: time(&record.occurred_at),
            data: record.event.data(),
        }
    }
}

/// The result of `audit()`: every broken invariant, as sentences.
#[napi(object)]
pub struct AuditReport {
    pub orders_checked: i64,
    pub stock_levels_checked: i64,
    /// Empty when every invariant holds.
    pub violations: Vec<String>,
}

impl From<oms_core::AuditReport> for AuditReport {
    fn from(report: oms_core::AuditReport) -> Self {
        AuditReport {
            orders_checked: number(report.orders_checked),
            stock_levels_checked: number(report.stock_levels_checked),
            violations: report.violations,
        }
    }
}

/// Orders per status (only statuses that have orders appear).
pub(crate) fn status_counts(counts: Vec<(oms_core::OrderStatus, u64)>) -> BTreeMap<String, i64> {
    counts.into_iter().map(|(status, count)| (status.as_str().to_string(), number(count))).collect()
}
