//! The records the service returns, as frozen Python classes with read-only
//! attributes. Each is a `From` conversion of the core record; money becomes
//! `decimal.Decimal` (the amount; the currency is on the order or channel),
//! times become timezone-aware `datetime`s, identifiers and enums become `str`.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use pyo3::prelude::*;
use pyo3::types::{PyIterator, PyList};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::protocol::{record, Plain};

/// Python's `repr` of a string (single quotes, escapes).
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
}

fn optional_quoted(text: Option<&str>) -> String {
    text.map(quoted).unwrap_or_else(|| "None".into())
}

fn optional_number(number: Option<impl std::fmt::Display>) -> String {
    number.map(|number| number.to_string()).unwrap_or_else(|| "None".into())
}

/// Python's `repr` of a `bool`.
fn py_bool(flag: bool) -> &'static str {
    if flag {
        "True"
    } else {
        "False"
    }
}

fn allocations_repr(allocations: &[LineAllocation]) -> String {
    let items: Vec<String> = allocations.iter().map(LineAllocation::__repr__).collect();
    format!("[{}]", items.join(", "))
}

/// A place stock is held: a warehouse, a store or a third-party logistics site.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Location {
    id: String,
    kind: String,
    region: String,
    ships: bool,
    offers_pickup: bool,
    ships_from_store: bool,
    daily_capacity: Option<i64>,
    priority: i64,
    version: u64,
}

record! {
    Location { id, kind, region, ships, offers_pickup, ships_from_store, daily_capacity, priority, version }

    fn __repr__(&self) -> String {
        format!(
            "Location(id={}, kind={}, region={}, ships={}, offers_pickup={}, ships_from_store={}, daily_capacity={}, priority={}, version={})",
            quoted(&self.id),
            quoted(&self.kind),
            quoted(&self.region),
            py_bool(self.ships),
            py_bool(self.offers_pickup),
            py_bool(self.ships_from_store),
            optional_number(self.daily_capacity),
            self.priority,
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
            ships: location.capabilities.ships,
            offers_pickup: location.capabilities.offers_pickup,
            ships_from_store: location.capabilities.ships_from_store,
            daily_capacity: location.daily_capacity,
            priority: location.priority,
            version: location.version,
        }
    }
}

/// Where orders come from, with its currency, locations, tax and rounding policy.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Channel {
    id: String,
    kind: String,
    currency: String,
    locations: Vec<String>,
    prices_include_tax: bool,
    rounding_mode: String,
    rounding_level: String,
    tax_rates: BTreeMap<String, Decimal>,
    safety_stock: i64,
    allow_backorders: bool,
    split_policy: String,
    pickup_fallback: String,
    strategy: String,
    max_distance_km: Option<u32>,
    require_payment_before_shipping: bool,
    capture_on_shipment: bool,
    /// Hours a ready pickup waits to be collected.
    pickup_window_hours: i64,
    version: u64,
}

record! {
    Channel { id, kind, currency, locations, prices_include_tax, rounding_mode, rounding_level, tax_rates, safety_stock, allow_backorders, split_policy, pickup_fallback, strategy, max_distance_km, require_payment_before_shipping, capture_on_shipment, pickup_window_hours, version }

    fn __repr__(&self) -> String {
        let locations: Vec<String> = self.locations.iter().map(|location| quoted(location)).collect();
        format!(
            "Channel(id={}, kind={}, currency={}, locations=[{}], strategy={}, split_policy={}, version={})",
            quoted(&self.id),
            quoted(&self.kind),
            quoted(&self.currency),
            locations.join(", "),
            quoted(&self.strategy),
            quoted(&self.split_policy),
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
            safety_stock: channel.safety_stock,
            allow_backorders: channel.allow_backorders,
            split_policy: channel.split_policy.as_str().into(),
            pickup_fallback: channel.pickup_fallback.as_str().into(),
            strategy: channel.strategy,
            max_distance_km: channel.max_distance_km,
            require_payment_before_shipping: channel.require_payment_before_shipping,
            capture_on_shipment: channel.capture_on_shipment,
            pickup_window_hours: channel.pickup_window_hours,
            version: channel.version,
        }
    }
}

/// A sellable item.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Product {
    sku: String,
    name: String,
    tax_class: String,
    backorderable: bool,
    version: u64,
}

record! {
    Product { sku, name, tax_class, backorderable, version }

    fn __repr__(&self) -> String {
        format!(
            "Product(sku={}, name={}, tax_class={}, backorderable={}, version={})",
            quoted(&self.sku),
            quoted(&self.name),
            quoted(&self.tax_class),
            py_bool(self.backorderable),
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
            backorderable: product.backorderable,
            version: product.version,
        }
    }
}

/// The stock buckets of one SKU at one location.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct StockLevel {
    sku: String,
    location: String,
    on_hand: i64,
    allocated: i64,
    /// Pickled as `held` before the rename; such pickles still load.
    #[serde(alias = "held")]
    reserved: i64,
    quarantined: i64,
    incoming: i64,
    available: i64,
    version: u64,
}

record! {
    StockLevel { sku, location, on_hand, allocated, reserved, quarantined, incoming, available, version }

    fn __repr__(&self) -> String {
        format!(
            "StockLevel(sku={}, location={}, on_hand={}, allocated={}, reserved={}, quarantined={}, incoming={}, available={}, version={})",
            quoted(&self.sku),
            quoted(&self.location),
            self.on_hand,
            self.allocated,
            self.reserved,
            self.quarantined,
            self.incoming,
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
            reserved: level.reserved,
            quarantined: level.quarantined,
            incoming: level.incoming,
            version: level.version,
        }
    }
}

/// One entry of the stock ledger.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Movement {
    sequence: u64,
    sku: String,
    location: String,
    reason: String,
    on_hand_delta: i64,
    allocated_delta: i64,
    #[serde(alias = "held_delta")]
    reserved_delta: i64,
    quarantined_delta: i64,
    incoming_delta: i64,
    /// The order, reservation or transfer the movement is for.
    reference: Option<String>,
    occurred_at: DateTime<Utc>,
}

record! {
    Movement { sequence, sku, location, reason, on_hand_delta, allocated_delta, reserved_delta, quarantined_delta, incoming_delta, reference, occurred_at }

    fn __repr__(&self) -> String {
        format!(
            "Movement(sequence={}, sku={}, location={}, reason={}, on_hand_delta={}, allocated_delta={}, reserved_delta={}, quarantined_delta={}, incoming_delta={}, reference={})",
            self.sequence,
            quoted(&self.sku),
            quoted(&self.location),
            quoted(&self.reason),
            self.on_hand_delta,
            self.allocated_delta,
            self.reserved_delta,
            self.quarantined_delta,
            self.incoming_delta,
            optional_quoted(self.reference.as_deref())
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
            on_hand_delta: movement.deltas.on_hand,
            allocated_delta: movement.deltas.allocated,
            reserved_delta: movement.deltas.reserved,
            quarantined_delta: movement.deltas.quarantined,
            incoming_delta: movement.deltas.incoming,
            reference: movement.reference,
            occurred_at: movement.occurred_at,
        }
    }
}

/// Units of an order line promised from one location.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct LineAllocation {
    location: String,
    quantity: i64,
}

record! {
    LineAllocation { location, quantity }

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
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct TaxSummary {
    rate: Decimal,
    taxable: Decimal,
    tax: Decimal,
}

record! {
    TaxSummary { rate, taxable, tax }

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
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    /// Shipped units the carrier delivered.
    delivered: i64,
    /// Allocated units waiting at the pickup counter.
    ready_for_pickup: i64,
    discount: Decimal,
    order_discount_share: Decimal,
    shipping_share: Decimal,
    tax_class: String,
    tax_rate: Decimal,
    tax: Decimal,
    total: Decimal,
    allocations: Vec<LineAllocation>,
}

record! {
    OrderLine { line_number, sku, unit_price, quantity, cancelled, allocated, backordered, shipped, returned, delivered, ready_for_pickup, discount, order_discount_share, shipping_share, tax_class, tax_rate, tax, total, allocations }

    fn __repr__(&self) -> String {
        format!(
            "OrderLine(line_number={}, sku={}, quantity={}, unit_price=Decimal('{}'), total=Decimal('{}'), allocated={}, backordered={}, shipped={}, cancelled={})",
            self.line_number,
            quoted(&self.sku),
            self.quantity,
            self.unit_price,
            self.total,
            self.allocated,
            self.backordered,
            self.shipped,
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
            delivered: quantities.delivered,
            ready_for_pickup: quantities.ready_for_pickup,
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

/// A postal address on an order; `country` is an ISO 3166-1 alpha-2 code.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Address {
    name: String,
    company: Option<String>,
    lines: Vec<String>,
    city: String,
    region: Option<String>,
    postal_code: Option<String>,
    country: String,
    phone: Option<String>,
}

record! {
    Address { name, company, lines, city, region, postal_code, country, phone }

    fn __repr__(&self) -> String {
        format!("Address(name={}, city={}, country={})", quoted(&self.name), quoted(&self.city), quoted(&self.country))
    }
}

impl From<oms_core::Address> for Address {
    fn from(address: oms_core::Address) -> Self {
        let oms_core::Address { name, company, lines, city, region, postal_code, country, phone } = address;
        Address { name, company, lines, city, region, postal_code, country, phone }
    }
}

/// A customer's order, with its totals flattened onto it.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Order {
    id: String,
    sequence: u64,
    channel: String,
    customer_email: String,
    currency: String,
    prices_include_tax: bool,
    status: String,
    /// `ship`, `pickup` or `point_of_sale`.
    fulfilment_method: String,
    /// The pickup store or the till's store.
    fulfilment_location: Option<String>,
    ship_to_region: Option<String>,
    hold_reason: Option<String>,
    cancel_reason: Option<String>,
    lines: Vec<OrderLine>,
    /// Numbers of the lines edits removed; never given to another line.
    removed_lines: Vec<u32>,
    subtotal: Decimal,
    discount_total: Decimal,
    shipping_total: Decimal,
    tax_total: Decimal,
    total: Decimal,
    tax_summary: Vec<TaxSummary>,
    explanation: Option<Explanation>,
    shipping_address: Option<Address>,
    billing_address: Option<Address>,
    shipping_method: Option<String>,
    external_reference: Option<String>,
    metadata: BTreeMap<String, String>,
    /// When `complete_order` closed the order.
    completed_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    version: u64,
}

record! {
    Order { id, sequence, channel, customer_email, currency, prices_include_tax, status, fulfilment_method, fulfilment_location, ship_to_region, hold_reason, cancel_reason, lines, removed_lines, subtotal, discount_total, shipping_total, tax_total, total, tax_summary, explanation, shipping_address, billing_address, shipping_method, external_reference, metadata, completed_at, created_at, updated_at, version }

    fn __repr__(&self) -> String {
        format!(
            "Order(id={}, status={}, channel={}, fulfilment_method={}, customer_email={}, total=Decimal('{}'), currency={}, lines={}, version={})",
            quoted(&self.id),
            quoted(&self.status),
            quoted(&self.channel),
            quoted(&self.fulfilment_method),
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
            fulfilment_method: order.fulfilment.method.as_str().into(),
            fulfilment_location: order.fulfilment.location.map(String::from),
            ship_to_region: order.fulfilment.ship_to_region,
            hold_reason: order.hold_reason,
            cancel_reason: order.cancel_reason,
            lines: order.lines.into_iter().map(OrderLine::from).collect(),
            removed_lines: order.removed_lines,
            subtotal: totals.subtotal.amount(),
            discount_total: totals.discount_total.amount(),
            shipping_total: totals.shipping_total.amount(),
            tax_total: totals.tax_total.amount(),
            total: totals.total.amount(),
            tax_summary: totals.tax_summary.into_iter().map(TaxSummary::from).collect(),
            explanation: order.explanation.map(Explanation::from),
            shipping_address: order.shipping_address.map(Address::from),
            billing_address: order.billing_address.map(Address::from),
            shipping_method: order.shipping_method,
            external_reference: order.external_reference,
            metadata: order.metadata,
            completed_at: order.completed_at,
            created_at: order.created_at,
            updated_at: order.updated_at,
            version: order.version,
        }
    }
}

/// One page of `list_orders`; pass `next_cursor` back as `after` (None on the last page).
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct OrderPage {
    orders: Vec<Order>,
    next_cursor: Option<String>,
}

record! {
    OrderPage { orders, next_cursor }

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

    /// The orders of this page, in order.
    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyIterator>> {
        PyList::new(py, self.orders.clone())?.try_iter()
    }
}

impl From<oms_core::OrderPage> for OrderPage {
    fn from(page: oms_core::OrderPage) -> Self {
        OrderPage { orders: page.orders.into_iter().map(Order::from).collect(), next_cursor: page.next_cursor }
    }
}

/// One page of `list_products`, by SKU; pass `next_cursor` back as `after` (None on the last page).
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct ProductPage {
    products: Vec<Product>,
    next_cursor: Option<String>,
}

record! {
    ProductPage { products, next_cursor }

    fn __repr__(&self) -> String {
        format!(
            "ProductPage(products=<{} products>, next_cursor={})",
            self.products.len(),
            optional_quoted(self.next_cursor.as_deref())
        )
    }

    fn __len__(&self) -> usize {
        self.products.len()
    }

    /// The products of this page, in SKU order.
    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyIterator>> {
        PyList::new(py, self.products.clone())?.try_iter()
    }
}

impl From<oms_core::ProductPage> for ProductPage {
    fn from(page: oms_core::ProductPage) -> Self {
        ProductPage { products: page.products.into_iter().map(Product::from).collect(), next_cursor: page.next_cursor }
    }
}

/// The result of `audit()`: every broken invariant found, as sentences.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct AuditReport {
    orders_checked: u64,
    stock_levels_checked: u64,
    violations: Vec<String>,
}

record! {
    AuditReport { orders_checked, stock_levels_checked, violations }

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

/// The result of `verify_replay()`: every stored order compared with the
/// order its events rebuild.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct ReplayReport {
    events_read: u64,
    orders_checked: u64,
    orders_not_replayable: u64,
    mismatches: Vec<String>,
}

record! {
    ReplayReport { events_read, orders_checked, orders_not_replayable, mismatches }

    fn __repr__(&self) -> String {
        format!(
            "ReplayReport(events_read={}, orders_checked={}, orders_not_replayable={}, mismatches={:?})",
            self.events_read, self.orders_checked, self.orders_not_replayable, self.mismatches
        )
    }
}

impl From<oms_core::ReplayReport> for ReplayReport {
    fn from(report: oms_core::ReplayReport) -> Self {
        ReplayReport {
            events_read: report.events_read,
            orders_checked: report.orders_checked,
            orders_not_replayable: report.orders_not_replayable,
            mismatches: report.mismatches,
        }
    }
}

/// A domain event from the outbox; `data` holds its fields as JSON values
/// (amounts as `{"amount": "39.98", "currency": "USD"}`), a fresh dict on
/// every read so that the event itself stays immutable.
#[pyclass(frozen, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Event {
    #[pyo3(get)]
    sequence: u64,
    #[pyo3(get, name = "type")]
    kind: String,
    #[pyo3(get)]
    occurred_at: DateTime<Utc>,
    data: serde_json::Value,
}

impl std::hash::Hash for Event {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // JSON values have no Hash; their text is canonical (object keys sorted).
        (self.sequence, &self.kind, self.occurred_at, self.data.to_string()).hash(state);
    }
}

impl Plain for Event {
    fn plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let dict = pyo3::types::PyDict::new(py);
        dict.set_item("sequence", self.sequence)?;
        dict.set_item("type", &self.kind)?;
        dict.set_item("occurred_at", self.occurred_at)?;
        dict.set_item("data", crate::convert::json_to_py(py, &self.data)?)?;
        Ok(dict.into_any())
    }
}

record! {
    @methods Event

    /// The event's fields as JSON values (a new dict on every read).
    #[getter]
    fn data(&self, py: Python<'_>) -> PyResult<PyObject> {
        crate::convert::json_to_py(py, &self.data)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let data = crate::convert::json_to_py(py, &self.data)?.bind(py).repr()?.to_string();
        Ok(format!("Event(sequence={}, type={}, data={data})", self.sequence, quoted(&self.kind)))
    }
}

impl From<oms_core::EventRecord> for Event {
    fn from(record: oms_core::EventRecord) -> Self {
        Event {
            sequence: record.sequence,
            kind: record.event.name().into(),
            occurred_at: record.occurred_at,
            data: record.event.data(),
        }
    }
}

/// One candidate location the allocation considered: its score, the units it
/// gave, or why it was passed over.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Candidate {
    strategy: String,
    location: String,
    distance_km: Option<u32>,
    priority: i64,
    /// The strategy's sort key, lower first; empty when filtered out.
    score: Vec<i64>,
    units: i64,
    /// `not_permitted`, `not_capable`, `over_capacity`, `too_far`, `no_stock`,
    /// `below_safety_stock`, `not_needed`, or None when it gave units.
    passed_over: Option<String>,
}

record! {
    Candidate { strategy, location, distance_km, priority, score, units, passed_over }

    fn __repr__(&self) -> String {
        let score: Vec<String> = self.score.iter().map(i64::to_string).collect();
        format!(
            "Candidate(strategy={}, location={}, distance_km={}, priority={}, score=[{}], units={}, passed_over={})",
            quoted(&self.strategy),
            quoted(&self.location),
            optional_number(self.distance_km),
            self.priority,
            score.join(", "),
            self.units,
            optional_quoted(self.passed_over.as_deref())
        )
    }
}

impl From<oms_core::allocation::CandidateReport> for Candidate {
    fn from(report: oms_core::allocation::CandidateReport) -> Self {
        Candidate {
            strategy: report.strategy,
            location: report.location.into(),
            distance_km: report.distance_km,
            priority: report.priority,
            score: report.score,
            units: report.units,
            passed_over: report.passed_over.map(|reason| reason.as_str().into()),
        }
    }
}

/// Why an allocation came out as it did.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Explanation {
    split_policy: String,
    /// Locations that ship or hand over units.
    shipments: u32,
    /// Units no location could give.
    unfilled: i64,
    candidates: Vec<Candidate>,
}

record! {
    Explanation { split_policy, shipments, unfilled, candidates }

    fn __repr__(&self) -> String {
        format!(
            "Explanation(split_policy={}, shipments={}, unfilled={}, candidates=<{} candidates>)",
            quoted(&self.split_policy),
            self.shipments,
            self.unfilled,
            self.candidates.len()
        )
    }
}

impl From<oms_core::allocation::Explanation> for Explanation {
    fn from(explanation: oms_core::allocation::Explanation) -> Self {
        Explanation {
            split_policy: explanation.split_policy.as_str().into(),
            shipments: explanation.shipments,
            unfilled: explanation.unfilled,
            candidates: explanation.candidates.into_iter().map(Candidate::from).collect(),
        }
    }
}

/// The plan for one line of an [`AllocationPlan`].
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct PlannedLine {
    allocations: Vec<LineAllocation>,
    /// Units no location could give (backordered or refused when placed).
    unfilled: i64,
}

record! {
    PlannedLine { allocations, unfilled }

    fn __repr__(&self) -> String {
        format!("PlannedLine(allocations={}, unfilled={})", allocations_repr(&self.allocations), self.unfilled)
    }
}

impl From<oms_core::allocation::PlannedLine> for PlannedLine {
    fn from(line: oms_core::allocation::PlannedLine) -> Self {
        PlannedLine {
            allocations: line.allocations.into_iter().map(LineAllocation::from).collect(),
            unfilled: line.unfilled,
        }
    }
}

/// A dry run of an order's allocation: nothing was written.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct AllocationPlan {
    fulfilment_method: String,
    fulfilment_location: Option<String>,
    lines: Vec<PlannedLine>,
    explanation: Explanation,
}

record! {
    AllocationPlan { fulfilment_method, fulfilment_location, lines, explanation }

    fn __repr__(&self) -> String {
        format!(
            "AllocationPlan(fulfilment_method={}, fulfilment_location={}, lines={}, explanation={})",
            quoted(&self.fulfilment_method),
            optional_quoted(self.fulfilment_location.as_deref()),
            self.lines.len(),
            self.explanation.__repr__()
        )
    }
}

impl From<oms_core::service::AllocationPlan> for AllocationPlan {
    fn from(plan: oms_core::service::AllocationPlan) -> Self {
        AllocationPlan {
            fulfilment_method: plan.fulfilment.method.as_str().into(),
            fulfilment_location: plan.fulfilment.location.map(String::from),
            lines: plan.lines.into_iter().map(PlannedLine::from).collect(),
            explanation: plan.explanation.into(),
        }
    }
}

/// Available to promise at one location.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct LocationAvailability {
    location: String,
    available: i64,
}

record! {
    LocationAvailability { location, available }

    fn __repr__(&self) -> String {
        format!("LocationAvailability(location={}, available={})", quoted(&self.location), self.available)
    }
}

impl From<oms_core::service::LocationAvailability> for LocationAvailability {
    fn from(availability: oms_core::service::LocationAvailability) -> Self {
        LocationAvailability { location: availability.location.into(), available: availability.available }
    }
}

/// Available to promise for one SKU on a channel, with the figure per location.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Availability {
    sku: String,
    available: i64,
    locations: Vec<LocationAvailability>,
}

record! {
    Availability { sku, available, locations }

    fn __repr__(&self) -> String {
        let locations: Vec<String> = self.locations.iter().map(LocationAvailability::__repr__).collect();
        format!(
            "Availability(sku={}, available={}, locations=[{}])",
            quoted(&self.sku),
            self.available,
            locations.join(", ")
        )
    }
}

impl From<oms_core::service::Availability> for Availability {
    fn from(availability: oms_core::service::Availability) -> Self {
        Availability {
            sku: availability.sku.into(),
            available: availability.available,
            locations: availability.locations.into_iter().map(LocationAvailability::from).collect(),
        }
    }
}

/// One SKU of a checkout reservation and where its units are reserved.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct ReservedLine {
    sku: String,
    quantity: i64,
    allocations: Vec<LineAllocation>,
}

record! {
    ReservedLine { sku, quantity, allocations }

    fn __repr__(&self) -> String {
        format!(
            "ReservedLine(sku={}, quantity={}, allocations={})",
            quoted(&self.sku),
            self.quantity,
            allocations_repr(&self.allocations)
        )
    }
}

impl From<oms_core::reservations::ReservedLine> for ReservedLine {
    fn from(line: oms_core::reservations::ReservedLine) -> Self {
        ReservedLine {
            sku: line.sku.into(),
            quantity: line.quantity,
            allocations: line.allocations.into_iter().map(LineAllocation::from).collect(),
        }
    }
}

/// Stock reserved for a cart until it expires, is released, or becomes an order.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Reservation {
    id: String,
    channel: String,
    /// `active`, `converted`, `released` or `expired`.
    status: String,
    expires_at: DateTime<Utc>,
    /// The order the reservation became, once converted.
    order_id: Option<String>,
    lines: Vec<ReservedLine>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    version: u64,
}

record! {
    Reservation { id, channel, status, expires_at, order_id, lines, created_at, updated_at, version }

    fn __repr__(&self) -> String {
        format!(
            "Reservation(id={}, channel={}, status={}, expires_at={}, order_id={}, lines={}, version={})",
            quoted(&self.id),
            quoted(&self.channel),
            quoted(&self.status),
            quoted(&self.expires_at.to_rfc3339()),
            optional_quoted(self.order_id.as_deref()),
            self.lines.len(),
            self.version
        )
    }
}

impl From<oms_core::reservations::Reservation> for Reservation {
    fn from(reservation: oms_core::reservations::Reservation) -> Self {
        Reservation {
            id: reservation.id.into(),
            channel: reservation.channel.into(),
            status: reservation.status.as_str().into(),
            expires_at: reservation.expires_at,
            order_id: reservation.order_id.map(String::from),
            lines: reservation.lines.into_iter().map(ReservedLine::from).collect(),
            created_at: reservation.created_at,
            updated_at: reservation.updated_at,
            version: reservation.version,
        }
    }
}

/// Stock moving between two locations.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Transfer {
    id: String,
    sku: String,
    from_location: String,
    to_location: String,
    quantity: i64,
    /// `requested`, `shipped`, `received` or `cancelled`.
    status: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    version: u64,
}

record! {
    Transfer { id, sku, from_location, to_location, quantity, status, created_at, updated_at, version }

    fn __repr__(&self) -> String {
        format!(
            "Transfer(id={}, sku={}, from_location={}, to_location={}, quantity={}, status={}, version={})",
            quoted(&self.id),
            quoted(&self.sku),
            quoted(&self.from_location),
            quoted(&self.to_location),
            self.quantity,
            quoted(&self.status),
            self.version
        )
    }
}

impl From<oms_core::transfers::Transfer> for Transfer {
    fn from(transfer: oms_core::transfers::Transfer) -> Self {
        Transfer {
            id: transfer.id.into(),
            sku: transfer.sku.into(),
            from_location: transfer.from_location.into(),
            to_location: transfer.to_location.into(),
            quantity: transfer.quantity,
            status: transfer.status.as_str().into(),
            created_at: transfer.created_at,
            updated_at: transfer.updated_at,
            version: transfer.version,
        }
    }
}

/// Units of one order line in a shipment.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct ShipmentLine {
    line_number: u32,
    sku: String,
    quantity: i64,
}

record! {
    ShipmentLine { line_number, sku, quantity }

    fn __repr__(&self) -> String {
        format!("ShipmentLine(line_number={}, sku={}, quantity={})", self.line_number, quoted(&self.sku), self.quantity)
    }
}

/// One parcel of a packed shipment: grams and millimetres.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Parcel {
    weight_grams: i64,
    length_mm: i64,
    width_mm: i64,
    height_mm: i64,
}

record! {
    Parcel { weight_grams, length_mm, width_mm, height_mm }

    fn __repr__(&self) -> String {
        format!(
            "Parcel(weight_grams={}, length_mm={}, width_mm={}, height_mm={})",
            self.weight_grams, self.length_mm, self.width_mm, self.height_mm
        )
    }
}

/// Goods of one order leaving one location.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Shipment {
    id: String,
    order_id: String,
    location: String,
    /// `pending`, `picking`, `packed`, `handed_over`, `shipped`, `delivered`, `cancelled`,
    /// `ready_for_pickup`, `picked_up` or `pickup_expired`.
    status: String,
    lines: Vec<ShipmentLine>,
    parcels: Vec<Parcel>,
    carrier: Option<String>,
    tracking_number: Option<String>,
    partner: Option<String>,
    shipped_reference: Option<String>,
    delivered_reference: Option<String>,
    /// When a shipment ready for pickup expires if nobody collects it.
    pickup_expires_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    version: u64,
}

record! {
    Shipment { id, order_id, location, status, lines, parcels, carrier, tracking_number, partner, shipped_reference, delivered_reference, pickup_expires_at, created_at, updated_at, version }

    fn __repr__(&self) -> String {
        format!(
            "Shipment(id={}, order_id={}, location={}, status={}, lines={}, version={})",
            quoted(&self.id),
            quoted(&self.order_id),
            quoted(&self.location),
            quoted(&self.status),
            self.lines.len(),
            self.version
        )
    }
}

impl From<oms_core::Shipment> for Shipment {
    fn from(shipment: oms_core::Shipment) -> Self {
        Shipment {
            id: shipment.id.into(),
            order_id: shipment.order_id.into(),
            location: shipment.location.into(),
            status: shipment.status.as_str().into(),
            lines: shipment
                .lines
                .into_iter()
                .map(|line| ShipmentLine {
                    line_number: line.line_number,
                    sku: line.sku.into(),
                    quantity: line.quantity,
                })
                .collect(),
            parcels: shipment
                .parcels
                .into_iter()
                .map(|p| Parcel {
                    weight_grams: p.weight_grams,
                    length_mm: p.length_mm,
                    width_mm: p.width_mm,
                    height_mm: p.height_mm,
                })
                .collect(),
            carrier: shipment.carrier,
            tracking_number: shipment.tracking_number,
            partner: shipment.partner,
            shipped_reference: shipment.shipped_reference,
            delivered_reference: shipment.delivered_reference,
            pickup_expires_at: shipment.pickup_expires_at,
            created_at: shipment.created_at,
            updated_at: shipment.updated_at,
            version: shipment.version,
        }
    }
}

/// What became of units a location gave back: the shipment without them,
/// the order after them, and where they went.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct LineRejection {
    shipment: Shipment,
    order: Order,
    line_number: u32,
    sku: String,
    /// Units given back.
    quantity: i64,
    /// `not_found` or `damaged`.
    reason: String,
    /// Units found at other locations.
    reallocated: Vec<LineAllocation>,
    /// Units waiting for stock.
    backordered: i64,
    /// Units cancelled on the line.
    cancelled: i64,
}

record! {
    LineRejection { shipment, order, line_number, sku, quantity, reason, reallocated, backordered, cancelled }

    fn __repr__(&self) -> String {
        format!(
            "LineRejection(shipment_id={}, line_number={}, quantity={}, reason={}, reallocated={}, backordered={}, cancelled={})",
            quoted(&self.shipment.id),
            self.line_number,
            self.quantity,
            quoted(&self.reason),
            allocations_repr(&self.reallocated),
            self.backordered,
            self.cancelled
        )
    }
}

impl From<oms_core::LineRejection> for LineRejection {
    fn from(rejection: oms_core::LineRejection) -> Self {
        LineRejection {
            shipment: rejection.shipment.into(),
            order: rejection.order.into(),
            line_number: rejection.line_number,
            sku: rejection.sku.into(),
            quantity: rejection.quantity,
            reason: rejection.reason.as_str().into(),
            reallocated: rejection.reallocated.into_iter().map(LineAllocation::from).collect(),
            backordered: rejection.backordered,
            cancelled: rejection.cancelled,
        }
    }
}

/// One transaction a gateway reported on a payment, under its reference.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct PaymentTransaction {
    /// `authorize`, `capture`, `void`, `refund` or `fail`.
    action: String,
    /// What it moved, in the payment's currency (zero for a failure).
    amount: Decimal,
    gateway_reference: String,
    occurred_at: DateTime<Utc>,
}

record! {
    PaymentTransaction { action, amount, gateway_reference, occurred_at }

    fn __repr__(&self) -> String {
        format!(
            "PaymentTransaction(action={}, amount=Decimal('{}'), gateway_reference={})",
            quoted(&self.action),
            self.amount,
            quoted(&self.gateway_reference)
        )
    }
}

impl From<oms_core::PaymentTransaction> for PaymentTransaction {
    fn from(transaction: oms_core::PaymentTransaction) -> Self {
        PaymentTransaction {
            action: transaction.action.as_str().into(),
            amount: transaction.amount.amount(),
            gateway_reference: transaction.gateway_reference.into(),
            occurred_at: transaction.occurred_at,
        }
    }
}

/// One tender on an order: what was authorized, captured, refunded and voided.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Payment {
    id: String,
    order_id: String,
    /// `card`, `gift_card`, `store_credit`, `cash` or `cash_on_delivery`.
    kind: String,
    /// `authorized`, `partially_captured`, `captured`, `partially_refunded`, `refunded`, `voided` or `failed`.
    status: String,
    currency: String,
    authorized: Decimal,
    captured: Decimal,
    refunded: Decimal,
    voided: Decimal,
    failure_reason: Option<String>,
    transactions: Vec<PaymentTransaction>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    version: u64,
}

record! {
    Payment { id, order_id, kind, status, currency, authorized, captured, refunded, voided, failure_reason, transactions, created_at, updated_at, version }

    fn __repr__(&self) -> String {
        format!(
            "Payment(id={}, order_id={}, kind={}, status={}, authorized=Decimal('{}'), captured=Decimal('{}'), refunded=Decimal('{}'), currency={}, version={})",
            quoted(&self.id),
            quoted(&self.order_id),
            quoted(&self.kind),
            quoted(&self.status),
            self.authorized,
            self.captured,
            self.refunded,
            quoted(&self.currency),
            self.version
        )
    }
}

impl From<oms_core::Payment> for Payment {
    fn from(payment: oms_core::Payment) -> Self {
        Payment {
            id: payment.id.into(),
            order_id: payment.order_id.into(),
            kind: payment.kind.as_str().into(),
            status: payment.status.as_str().into(),
            currency: payment.authorized.currency().code().into(),
            authorized: payment.authorized.amount(),
            captured: payment.captured.amount(),
            refunded: payment.refunded.amount(),
            voided: payment.voided.amount(),
            failure_reason: payment.failure_reason,
            transactions: payment.transactions.into_iter().map(PaymentTransaction::from).collect(),
            created_at: payment.created_at,
            updated_at: payment.updated_at,
            version: payment.version,
        }
    }
}

/// An order's payments, their sums and the order's payment status.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct OrderPayments {
    order_id: String,
    /// `unpaid`, `authorized`, `partially_paid`, `paid`, `partially_refunded`, `refunded` or `overpaid`.
    status: String,
    currency: String,
    total: Decimal,
    authorized: Decimal,
    captured: Decimal,
    refunded: Decimal,
    /// `total − (captured − refunded)`; negative when overpaid.
    balance: Decimal,
    payments: Vec<Payment>,
}

record! {
    OrderPayments { order_id, status, currency, total, authorized, captured, refunded, balance, payments }

    fn __repr__(&self) -> String {
        format!(
            "OrderPayments(order_id={}, status={}, total=Decimal('{}'), captured=Decimal('{}'), refunded=Decimal('{}'), balance=Decimal('{}'), currency={}, payments={})",
            quoted(&self.order_id),
            quoted(&self.status),
            self.total,
            self.captured,
            self.refunded,
            self.balance,
            quoted(&self.currency),
            self.payments.len()
        )
    }
}

impl From<oms_core::OrderPayments> for OrderPayments {
    fn from(summary: oms_core::OrderPayments) -> Self {
        OrderPayments {
            order_id: summary.order_id.into(),
            status: summary.status.as_str().into(),
            currency: summary.total.currency().code().into(),
            total: summary.total.amount(),
            authorized: summary.authorized.amount(),
            captured: summary.captured.amount(),
            refunded: summary.refunded.amount(),
            balance: summary.balance.amount(),
            payments: summary.payments.into_iter().map(Payment::from).collect(),
        }
    }
}

/// One SKU to pick at a location, and the shipments its units go into.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct PickLine {
    sku: String,
    quantity: i64,
    shipments: Vec<String>,
}

record! {
    PickLine { sku, quantity, shipments }

    fn __repr__(&self) -> String {
        format!("PickLine(sku={}, quantity={}, shipments={})", quoted(&self.sku), self.quantity, self.shipments.len())
    }
}

/// What to pick at one location: its open shipments aggregated by SKU.
#[pyclass(frozen, get_all, eq, module = "oms")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct PickList {
    location: String,
    lines: Vec<PickLine>,
    shipments: Vec<String>,
}

record! {
    PickList { location, lines, shipments }

    fn __repr__(&self) -> String {
        format!("PickList(location={}, lines={}, shipments={})", quoted(&self.location), self.lines.len(), self.shipments.len())
    }
}

impl From<oms_core::PickList> for PickList {
    fn from(list: oms_core::PickList) -> Self {
        PickList {
            location: list.location.into(),
            lines: list
                .lines
                .into_iter()
                .map(|line| PickLine {
                    sku: line.sku.into(),
                    quantity: line.quantity,
                    shipments: line.shipments.into_iter().map(String::from).collect(),
                })
                .collect(),
            shipments: list.shipments.into_iter().map(String::from).collect(),
        }
    }
}

/// Rebuilds a pickled record (the target of every record's `__reduce__`).
#[pyfunction]
pub(crate) fn _restore(py: Python<'_>, kind: &str, state: &[u8]) -> PyResult<PyObject> {
    use crate::protocol::from_state;
    // Records renamed before 1.0 (checkout holds became reservations): their
    // pickles still load, as the record under its new name.
    let kind = match kind {
        "StockHold" => "Reservation",
        "HeldLine" => "ReservedLine",
        other => other,
    };
    use pyo3::IntoPyObjectExt;
    macro_rules! restore {
        ($($name:ident),*) => {
            match kind {
                $(stringify!($name) => from_state::<$name>(kind, state)?.into_py_any(py),)*
                _ => Err(crate::errors::to_py_err(oms_core::Error::InvalidInput {
                    field: "kind".into(),
                    message: format!("{kind:?} is not an oms record"),
                })),
            }
        };
    }
    restore!(
        Location,
        Channel,
        Product,
        StockLevel,
        Movement,
        LineAllocation,
        TaxSummary,
        OrderLine,
        Address,
        Order,
        OrderPage,
        ProductPage,
        AuditReport,
        ReplayReport,
        Event,
        Candidate,
        Explanation,
        PlannedLine,
        AllocationPlan,
        LocationAvailability,
        Availability,
        ReservedLine,
        Reservation,
        Transfer,
        ShipmentLine,
        Parcel,
        Shipment,
        LineRejection,
        PickLine,
        PickList,
        PaymentTransaction,
        Payment,
        OrderPayments
    )
}
