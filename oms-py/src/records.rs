//! The records the service returns, as frozen Python classes with read-only
//! attributes. Each is a `From` conversion of the core record; money becomes
//! `decimal.Decimal` (the amount; the currency is on the order or channel),
//! times become timezone-aware `datetime`s, identifiers and enums become `str`.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use pyo3::prelude::*;
use rust_decimal::Decimal;

/// Python's `repr` of a string (single quotes, escapes).
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
}

fn optional_quoted(text: Option<&str>) -> String {
    text.map(quoted).unwrap_or_else(|| "None".into())
}

/// A place stock is held: a warehouse, a store or a third-party logistics site.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Location {
    id: String,
    kind: String,
    region: String,
    version: u64,
}

#[pymethods]
impl Location {
    fn __repr__(&self) -> String {
        format!(
            "Location(id={}, kind={}, region={}, version={})",
            quoted(&self.id),
            quoted(&self.kind),
            quoted(&self.region),
            self.version
        )
    }
}

impl From<oms_core::Location> for Location {
    fn from(location: oms_core::Location) -> Self {
        Location {
            id: location.id.into(),
            kind: location.kind.as_str().into(),
            region: location.region,
            version: location.version,
        }
    }
}

/// Where orders come from, with its currency, locations, tax and rounding policy.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Channel {
    id: String,
    kind: String,
    currency: String,
    locations: Vec<String>,
    prices_include_tax: bool,
    rounding_mode: String,
    rounding_level: String,
    tax_rates: BTreeMap<String, Decimal>,
    version: u64,
}

#[pymethods]
impl Channel {
    fn __repr__(&self) -> String {
        let locations: Vec<String> = self.locations.iter().map(|location| quoted(location)).collect();
        format!(
            "Channel(id={}, kind={}, currency={}, locations=[{}], version={})",
            quoted(&self.id),
            quoted(&self.kind),
            quoted(&self.currency),
            locations.join(", "),
            self.version
        )
    }
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
            tax_rates: channel.tax_rates.into_iter().map(|(class, rate)| (class.into(), rate)).collect(),
            version: channel.version,
        }
    }
}

/// A sellable item.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Product {
    sku: String,
    name: String,
    tax_class: String,
    version: u64,
}

#[pymethods]
impl Product {
    fn __repr__(&self) -> String {
        format!(
            "Product(sku={}, name={}, tax_class={}, version={})",
            quoted(&self.sku),
            quoted(&self.name),
            quoted(&self.tax_class),
            self.version
        )
    }
}

impl From<oms_core::Product> for Product {
    fn from(product: oms_core::Product) -> Self {
        Product {
            sku: product.sku.into(),
            name: product.name,
            tax_class: product.tax_class.into(),
            version: product.version,
        }
    }
}

/// The stock buckets of one SKU at one location.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StockLevel {
    sku: String,
    location: String,
    on_hand: i64,
    allocated: i64,
    available: i64,
    version: u64,
}

#[pymethods]
impl StockLevel {
    fn __repr__(&self) -> String {
        format!(
            "StockLevel(sku={}, location={}, on_hand={}, allocated={}, available={}, version={})",
            quoted(&self.sku),
            quoted(&self.location),
            self.on_hand,
            self.allocated,
            self.available,
            self.version
        )
    }
}

impl From<oms_core::StockLevel> for StockLevel {
    fn from(level: oms_core::StockLevel) -> Self {
        StockLevel {
            available: level.available(),
            sku: level.sku.into(),
            location: level.location.into(),
            on_hand: level.on_hand,
            allocated: level.allocated,
            version: level.version,
        }
    }
}

/// One entry of the stock ledger.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Movement {
    sequence: u64,
    sku: String,
    location: String,
    reason: String,
    on_hand_delta: i64,
    allocated_delta: i64,
    order_id: Option<String>,
    occurred_at: DateTime<Utc>,
}

#[pymethods]
impl Movement {
    fn __repr__(&self) -> String {
        format!(
            "Movement(sequence={}, sku={}, location={}, reason={}, on_hand_delta={}, allocated_delta={}, order_id={})",
            self.sequence,
            quoted(&self.sku),
            quoted(&self.location),
            quoted(&self.reason),
            self.on_hand_delta,
            self.allocated_delta,
            optional_quoted(self.order_id.as_deref())
        )
    }
}

impl From<oms_core::Movement> for Movement {
    fn from(movement: oms_core::Movement) -> Self {
        Movement {
            sequence: movement.sequence,
            sku: movement.sku.into(),
            location: movement.location.into(),
            reason: movement.reason.as_str().into(),
            on_hand_delta: movement.on_hand_delta,
            allocated_delta: movement.allocated_delta,
            order_id: movement.order_id.map(String::from),
            occurred_at: movement.occurred_at,
        }
    }
}

/// Units of an order line promised from one location.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LineAllocation {
    location: String,
    quantity: i64,
}

#[pymethods]
impl LineAllocation {
    fn __repr__(&self) -> String {
        format!("LineAllocation(location={}, quantity={})", quoted(&self.location), self.quantity)
    }
}

impl From<oms_core::LineAllocation> for LineAllocation {
    fn from(allocation: oms_core::LineAllocation) -> Self {
        LineAllocation { location: allocation.location.into(), quantity: allocation.quantity }
    }
}

/// Tax of one rate over an order.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TaxSummary {
    rate: Decimal,
    taxable: Decimal,
    tax: Decimal,
}

#[pymethods]
impl TaxSummary {
    fn __repr__(&self) -> String {
        format!(
            "TaxSummary(rate=Decimal('{}'), taxable=Decimal('{}'), tax=Decimal('{}'))",
            self.rate, self.taxable, self.tax
        )
    }
}

impl From<oms_core::TaxSummary> for TaxSummary {
    fn from(summary: oms_core::TaxSummary) -> Self {
        TaxSummary { rate: summary.rate, taxable: summary.taxable.amount(), tax: summary.tax.amount() }
    }
}

/// One line of an order, its price broken down exactly and its units by stage.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OrderLine {
    line_number: u32,
    sku: String,
    unit_price: Decimal,
    /// Units ordered.
    quantity: i64,
    cancelled: i64,
    allocated: i64,
    backordered: i64,
    shipped: i64,
    returned: i64,
    discount: Decimal,
    order_discount_share: Decimal,
    shipping_share: Decimal,
    tax_class: String,
    tax_rate: Decimal,
    tax: Decimal,
    total: Decimal,
    allocations: Vec<LineAllocation>,
}

#[pymethods]
impl OrderLine {
    fn __repr__(&self) -> String {
        format!(
            "OrderLine(line_number={}, sku={}, quantity={}, unit_price=Decimal('{}'), total=Decimal('{}'), allocated={}, cancelled={})",
            self.line_number,
            quoted(&self.sku),
            self.quantity,
            self.unit_price,
            self.total,
            self.allocated,
            self.cancelled
        )
    }
}

impl From<oms_core::OrderLine> for OrderLine {
    fn from(line: oms_core::OrderLine) -> Self {
        let quantities = line.quantities;
        OrderLine {
            line_number: line.line_number,
            sku: line.sku.into(),
            unit_price: line.unit_price.amount(),
            quantity: quantities.ordered,
            cancelled: quantities.cancelled,
            allocated: quantities.allocated,
            backordered: quantities.backordered,
            shipped: quantities.shipped,
            returned: quantities.returned,
            discount: line.discount.amount(),
            order_discount_share: line.order_discount_share.amount(),
            shipping_share: line.shipping_share.amount(),
            tax_class: line.tax_class.into(),
            tax_rate: line.tax_rate,
            tax: line.tax.amount(),
            total: line.total.amount(),
            allocations: line.allocations.into_iter().map(LineAllocation::from).collect(),
        }
    }
}

/// A customer's order, with its totals flattened onto it.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Order {
    id: String,
    sequence: u64,
    channel: String,
    customer_email: String,
    currency: String,
    prices_include_tax: bool,
    status: String,
    hold_reason: Option<String>,
    cancel_reason: Option<String>,
    lines: Vec<OrderLine>,
    subtotal: Decimal,
    discount_total: Decimal,
    shipping_total: Decimal,
    tax_total: Decimal,
    total: Decimal,
    tax_summary: Vec<TaxSummary>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    version: u64,
}

#[pymethods]
impl Order {
    fn __repr__(&self) -> String {
        format!(
            "Order(id={}, status={}, channel={}, customer_email={}, total=Decimal('{}'), currency={}, lines={}, version={})",
            quoted(&self.id),
            quoted(&self.status),
            quoted(&self.channel),
            quoted(&self.customer_email),
            self.total,
            quoted(&self.currency),
            self.lines.len(),
            self.version
        )
    }
}

impl From<oms_core::Order> for Order {
    fn from(order: oms_core::Order) -> Self {
        let totals = order.totals;
        Order {
            id: order.id.into(),
            sequence: order.sequence,
            channel: order.channel.into(),
            customer_email: order.customer_email.into(),
            currency: order.currency.code().into(),
            prices_include_tax: order.prices_include_tax,
            status: order.status.as_str().into(),
            hold_reason: order.hold_reason,
            cancel_reason: order.cancel_reason,
            lines: order.lines.into_iter().map(OrderLine::from).collect(),
            subtotal: totals.subtotal.amount(),
            discount_total: totals.discount_total.amount(),
            shipping_total: totals.shipping_total.amount(),
            tax_total: totals.tax_total.amount(),
            total: totals.total.amount(),
            tax_summary: totals.tax_summary.into_iter().map(TaxSummary::from).collect(),
            created_at: order.created_at,
            updated_at: order.updated_at,
            version: order.version,
        }
    }
}

/// One page of `list_orders`; pass `next_cursor` back as `after` (None on the last page).
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OrderPage {
    orders: Vec<Order>,
    next_cursor: Option<String>,
}

#[pymethods]
impl OrderPage {
    fn __repr__(&self) -> String {
        format!(
            "OrderPage(orders=<{} orders>, next_cursor={})",
            self.orders.len(),
            optional_quoted(self.next_cursor.as_deref())
        )
    }

    fn __len__(&self) -> usize {
        self.orders.len()
    }
}

impl From<oms_core::OrderPage> for OrderPage {
    fn from(page: oms_core::OrderPage) -> Self {
        OrderPage { orders: page.orders.into_iter().map(Order::from).collect(), next_cursor: page.next_cursor }
    }
}

/// The result of `audit()`: every broken invariant found, as sentences.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AuditReport {
    orders_checked: u64,
    stock_levels_checked: u64,
    violations: Vec<String>,
}

#[pymethods]
impl AuditReport {
    fn __repr__(&self) -> String {
        format!(
            "AuditReport(orders_checked={}, stock_levels_checked={}, violations={:?})",
            self.orders_checked, self.stock_levels_checked, self.violations
        )
    }
}

impl From<oms_core::AuditReport> for AuditReport {
    fn from(report: oms_core::AuditReport) -> Self {
        AuditReport {
            orders_checked: report.orders_checked,
            stock_levels_checked: report.stock_levels_checked,
            violations: report.violations,
        }
    }
}

/// A domain event from the outbox; `data` holds its fields as JSON values
/// (amounts as `{"amount": "39.98", "currency": "USD"}`).
#[pyclass(frozen, get_all, module = "oms")]
#[derive(Debug)]
pub(crate) struct Event {
    sequence: u64,
    #[pyo3(name = "type")]
    kind: String,
    occurred_at: DateTime<Utc>,
    data: PyObject,
}

#[pymethods]
impl Event {
    fn __repr__(&self, py: Python<'_>) -> String {
        let data = self.data.bind(py).repr().map(|repr| repr.to_string()).unwrap_or_default();
        format!("Event(sequence={}, type={}, data={data})", self.sequence, quoted(&self.kind))
    }
}

impl Event {
    pub(crate) fn new(py: Python<'_>, record: &oms_core::EventRecord) -> PyResult<Self> {
        Ok(Event {
            sequence: record.sequence,
            kind: record.event.name().into(),
            occurred_at: record.occurred_at,
            data: crate::convert::json_to_py(py, &record.event.data())?,
        })
    }
}
