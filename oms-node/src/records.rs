//! Records returned to JavaScript: plain objects with camelCase fields.
//! Money and rates are decimal strings, times ISO-8601 strings in UTC,
//! absent values `null`.

use std::collections::BTreeMap;

use chrono::SecondsFormat;
use napi_derive::napi;
use oms_core::{Money, Timestamp};

/// Counters and versions are `u64` in the core; JavaScript numbers reservation
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
#[napi(object, use_nullable = true)]
pub struct Location {
    pub id: String,
    /// `warehouse`, `store` or `third_party_logistics`.
    #[napi(ts_type = "import('./types').LocationKind")]
    pub kind: String,
    pub region: String,
    /// Ships parcels to customers.
    pub ships: bool,
    /// Customers can collect orders here.
    pub offers_pickup: bool,
    /// A store that also ships online orders.
    pub ships_from_store: bool,
    /// Shipments the location can start per day; `null` is unlimited.
    pub daily_capacity: Option<i64>,
    /// Tie-breaker after distance: lower goes first.
    pub priority: i64,
    pub version: i64,
}

impl From<oms_core::Location> for Location {
    fn from(location: oms_core::Location) -> Self {
        let capabilities = location.capabilities;
        Location {
            id: location.id.into(),
            kind: location.kind.as_str().into(),
            region: location.region,
            ships: capabilities.ships,
            offers_pickup: capabilities.offers_pickup,
            ships_from_store: capabilities.ships_from_store,
            daily_capacity: location.daily_capacity,
            priority: location.priority,
            version: number(location.version),
        }
    }
}

/// A sales channel.
#[napi(object, use_nullable = true)]
pub struct Channel {
    pub id: String,
    /// `web`, `marketplace`, `point_of_sale` or `pickup`.
    #[napi(ts_type = "import('./types').ChannelKind")]
    pub kind: String,
    pub currency: String,
    pub locations: Vec<String>,
    pub prices_include_tax: bool,
    /// `half_up` or `half_even`.
    #[napi(ts_type = "import('./types').RoundingMode")]
    pub rounding_mode: String,
    /// `line` or `document`.
    #[napi(ts_type = "import('./types').RoundingLevel")]
    pub rounding_level: String,
    /// Tax class → rate as a decimal string (`"0.2"` is 20 %).
    pub tax_rates: BTreeMap<String, String>,
    /// Units kept back at each location from this channel's promises.
    pub safety_stock: i64,
    /// Whether every product may be backordered on this channel.
    pub allow_backorders: bool,
    /// `fewest_shipments` or `nearest`.
    #[napi(ts_type = "import('./types').SplitPolicy")]
    pub split_policy: String,
    /// `reject` or `ship_to_store`.
    #[napi(ts_type = "import('./types').PickupFallback")]
    pub pickup_fallback: String,
    /// The allocation strategy for shipped orders, such as `ship_from_warehouse`.
    #[napi(ts_type = "import('./types').ShippingStrategy")]
    pub strategy: String,
    /// Locations farther than this from the destination are passed over; `null` is no limit.
    pub max_distance_km: Option<u32>,
    /// Ships nothing until the order is paid.
    pub require_payment_before_shipping: bool,
    /// Requests the capture of a shipment's value when its goods leave.
    pub capture_on_shipment: bool,
    /// Hours a ready pickup waits to be collected before `expirePickups` releases it.
    pub pickup_window_hours: i64,
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
            safety_stock: channel.safety_stock,
            allow_backorders: channel.allow_backorders,
            split_policy: channel.split_policy.as_str().into(),
            pickup_fallback: channel.pickup_fallback.as_str().into(),
            strategy: channel.strategy,
            max_distance_km: channel.max_distance_km,
            require_payment_before_shipping: channel.require_payment_before_shipping,
            capture_on_shipment: channel.capture_on_shipment,
            pickup_window_hours: channel.pickup_window_hours,
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
    /// Whether orders may be accepted beyond stock, the shortfall backordered.
    pub backorderable: bool,
    pub version: i64,
}

impl From<oms_core::Product> for Product {
    fn from(product: oms_core::Product) -> Self {
        Product {
            sku: product.sku.into(),
            name: product.name,
            tax_class: product.tax_class.into(),
            backorderable: product.backorderable,
            version: number(product.version),
        }
    }
}

/// One page of products, by SKU; pass `nextCursor` back as `after` for the next page.
#[napi(object, use_nullable = true)]
pub struct ProductPage {
    pub products: Vec<Product>,
    /// `null` on the last page.
    pub next_cursor: Option<String>,
}

impl From<oms_core::ProductPage> for ProductPage {
    fn from(page: oms_core::ProductPage) -> Self {
        ProductPage { products: page.products.into_iter().map(Product::from).collect(), next_cursor: page.next_cursor }
    }
}

/// The stock of one SKU at one location.
#[napi(object)]
pub struct StockLevel {
    pub sku: String,
    pub location: String,
    /// Present and sellable.
    pub on_hand: i64,
    /// Promised to orders, still on the shelf.
    pub allocated: i64,
    /// Reserved by checkout reservations.
    pub reserved: i64,
    /// Present, not sellable.
    pub quarantined: i64,
    /// On its way here by transfer.
    pub incoming: i64,
    /// On hand less allocated and reserved.
    pub available: i64,
    pub version: i64,
}

impl From<oms_core::StockLevel> for StockLevel {
    fn from(level: oms_core::StockLevel) -> Self {
        StockLevel {
            available: level.available(),
            on_hand: level.on_hand,
            allocated: level.allocated,
            reserved: level.reserved,
            quarantined: level.quarantined,
            incoming: level.incoming,
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
    /// `receipt`, `allocation`, `release`, `adjustment`, `count`, `reservation`,
    /// `reservation_release`, `point_of_sale_sale`, `quarantine`,
    /// `quarantine_release`, `transfer_out` or `transfer_in`.
    #[napi(ts_type = "import('./types').MovementReason")]
    pub reason: String,
    pub on_hand_delta: i64,
    pub allocated_delta: i64,
    pub reserved_delta: i64,
    pub quarantined_delta: i64,
    pub incoming_delta: i64,
    /// The order, reservation or transfer the movement is for, or `null`.
    pub reference: Option<String>,
    pub occurred_at: String,
}

impl From<oms_core::Movement> for Movement {
    fn from(movement: oms_core::Movement) -> Self {
        Movement {
            sequence: number(movement.sequence),
            sku: movement.sku.into(),
            location: movement.location.into(),
            reason: movement.reason.as_str().into(),
            on_hand_delta: movement.deltas.on_hand,
            allocated_delta: movement.deltas.allocated,
            reserved_delta: movement.deltas.reserved,
            quarantined_delta: movement.deltas.quarantined,
            incoming_delta: movement.deltas.incoming,
            reference: movement.reference,
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
    /// Shipped units the carrier delivered.
    pub delivered: i64,
    /// Allocated units waiting at the pickup counter.
    pub ready_for_pickup: i64,
    pub discount: String,
    pub order_discount_share: String,
    pub shipping_share: String,
    pub tax_class: String,
    pub tax_rate: String,
    pub tax: String,
    pub total: String,
    pub allocations: Vec<LineAllocation>,
}

impl From<oms_core::LineAllocation> for LineAllocation {
    fn from(allocation: oms_core::LineAllocation) -> Self {
        LineAllocation { location: allocation.location.into(), quantity: allocation.quantity }
    }
}

fn allocations(allocations: Vec<oms_core::LineAllocation>) -> Vec<LineAllocation> {
    allocations.into_iter().map(LineAllocation::from).collect()
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
            delivered: quantities.delivered,
            ready_for_pickup: quantities.ready_for_pickup,
            discount: amount(&line.discount),
            order_discount_share: amount(&line.order_discount_share),
            shipping_share: amount(&line.shipping_share),
            tax_class: line.tax_class.into(),
            tax_rate: line.tax_rate.to_string(),
            tax: amount(&line.tax),
            total: amount(&line.total),
            allocations: allocations(line.allocations),
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

/// A postal address on an order; `country` is an ISO 3166-1 alpha-2 code.
#[napi(object, use_nullable = true)]
pub struct Address {
    pub name: String,
    pub company: Option<String>,
    pub lines: Vec<String>,
    pub city: String,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    pub country: String,
    pub phone: Option<String>,
}

impl From<oms_core::Address> for Address {
    fn from(address: oms_core::Address) -> Self {
        let oms_core::Address { name, company, lines, city, region, postal_code, country, phone } = address;
        Address { name, company, lines, city, region, postal_code, country, phone }
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
    #[napi(ts_type = "import('./types').OrderStatus")]
    pub status: String,
    /// `ship`, `pickup` or `point_of_sale`.
    #[napi(ts_type = "import('./types').FulfilmentMethod")]
    pub fulfilment_method: String,
    /// The pickup store or the till's store, or `null`.
    pub fulfilment_location: Option<String>,
    /// The region a shipped order goes to, or `null`.
    pub ship_to_region: Option<String>,
    pub hold_reason: Option<String>,
    pub cancel_reason: Option<String>,
    pub lines: Vec<OrderLine>,
    /// Numbers of the lines edits removed; a number is never given to another line.
    pub removed_lines: Vec<u32>,
    pub subtotal: String,
    pub discount_total: String,
    pub shipping_total: String,
    pub tax_total: String,
    pub total: String,
    pub tax_summary: Vec<TaxSummary>,
    /// Why stock came from where it did, when `placeOrder` was asked to
    /// `explain`; `null` otherwise.
    pub explanation: Option<Explanation>,
    /// Where the goods go, or `null`.
    pub shipping_address: Option<Address>,
    pub billing_address: Option<Address>,
    pub shipping_method: Option<String>,
    /// The caller's own reference, or `null`.
    pub external_reference: Option<String>,
    /// Free-form text by key (`{}` when none).
    pub metadata: BTreeMap<String, String>,
    /// When `completeOrder` closed the order, or `null`.
    pub completed_at: Option<String>,
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
            fulfilment_method: order.fulfilment.method.as_str().into(),
            fulfilment_location: order.fulfilment.location.map(String::from),
            ship_to_region: order.fulfilment.ship_to_region,
            hold_reason: order.hold_reason,
            cancel_reason: order.cancel_reason,
            lines: order.lines.into_iter().map(OrderLine::from).collect(),
            removed_lines: order.removed_lines,
            subtotal: amount(&totals.subtotal),
            discount_total: amount(&totals.discount_total),
            shipping_total: amount(&totals.shipping_total),
            tax_total: amount(&totals.tax_total),
            total: amount(&totals.total),
            tax_summary: totals.tax_summary.into_iter().map(TaxSummary::from).collect(),
            explanation: order.explanation.map(Explanation::from),
            shipping_address: order.shipping_address.map(Address::from),
            billing_address: order.billing_address.map(Address::from),
            shipping_method: order.shipping_method,
            external_reference: order.external_reference,
            metadata: order.metadata,
            completed_at: order.completed_at.as_ref().map(time),
            created_at: time(&order.created_at),
            updated_at: time(&order.updated_at),
            version: number(order.version),
        }
    }
}

/// One candidate location of an allocation and what came of it.
#[napi(object, use_nullable = true)]
pub struct Candidate {
    /// The strategy that considered the location, such as `ship_from_warehouse`.
    #[napi(ts_type = "import('./types').AllocationStrategy")]
    pub strategy: String,
    pub location: String,
    /// Distance from the destination region, or `null` when unknown.
    pub distance_km: Option<u32>,
    pub priority: i64,
    /// The strategy's sort key, lower first; empty when the location was filtered out.
    pub score: Vec<i64>,
    /// Units allocated here.
    pub units: i64,
    /// Why no units came from here (`not_permitted`, `not_capable`,
    /// `over_capacity`, `too_far`, `no_stock`, `below_safety_stock`,
    /// `not_needed`), or `null` when it gave units.
    #[napi(ts_type = "import('./types').PassedOverReason")]
    pub passed_over: Option<String>,
}

impl From<oms_core::allocation::CandidateReport> for Candidate {
    fn from(candidate: oms_core::allocation::CandidateReport) -> Self {
        Candidate {
            strategy: candidate.strategy,
            location: candidate.location.into(),
            distance_km: candidate.distance_km,
            priority: candidate.priority,
            score: candidate.score,
            units: candidate.units,
            passed_over: candidate.passed_over.map(|reason| reason.as_str().into()),
        }
    }
}

/// Why an allocation came out as it did.
#[napi(object)]
pub struct Explanation {
    /// `fewest_shipments` or `nearest`.
    #[napi(ts_type = "import('./types').SplitPolicy")]
    pub split_policy: String,
    /// Locations that ship or hand over units.
    pub shipments: u32,
    /// Units no location could give.
    pub unfilled: i64,
    pub candidates: Vec<Candidate>,
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

/// The plan for one line of an allocation plan.
#[napi(object)]
pub struct PlannedLine {
    pub allocations: Vec<LineAllocation>,
    /// Units no location could give: backordered or refused when placed.
    pub unfilled: i64,
}

impl From<oms_core::allocation::PlannedLine> for PlannedLine {
    fn from(line: oms_core::allocation::PlannedLine) -> Self {
        PlannedLine { allocations: allocations(line.allocations), unfilled: line.unfilled }
    }
}

/// A dry run of an order's allocation; nothing was written.
#[napi(object, use_nullable = true)]
pub struct AllocationPlan {
    /// `ship`, `pickup` or `point_of_sale`.
    #[napi(ts_type = "import('./types').FulfilmentMethod")]
    pub fulfilment_method: String,
    /// The pickup store or the till's store, or `null`.
    pub fulfilment_location: Option<String>,
    /// One per order line, in order.
    pub lines: Vec<PlannedLine>,
    pub explanation: Explanation,
}

impl From<oms_core::service::AllocationPlan> for AllocationPlan {
    fn from(plan: oms_core::service::AllocationPlan) -> Self {
        AllocationPlan {
            fulfilment_method: plan.fulfilment.method.as_str().into(),
            fulfilment_location: plan.fulfilment.location.map(String::from),
            lines: plan.lines.into_iter().map(PlannedLine::from).collect(),
            explanation: Explanation::from(plan.explanation),
        }
    }
}

/// Available to promise at one location.
#[napi(object)]
pub struct LocationAvailability {
    pub location: String,
    pub available: i64,
}

/// Available to promise for one SKU on a channel: the number a storefront shows.
#[napi(object)]
pub struct Availability {
    pub sku: String,
    pub available: i64,
    /// The figure at each location counted.
    pub locations: Vec<LocationAvailability>,
}

impl From<oms_core::service::Availability> for Availability {
    fn from(availability: oms_core::service::Availability) -> Self {
        Availability {
            sku: availability.sku.into(),
            available: availability.available,
            locations: availability
                .locations
                .into_iter()
                .map(|at| LocationAvailability { location: at.location.into(), available: at.available })
                .collect(),
        }
    }
}

/// One SKU of a checkout reservation and where its units are reserved.
#[napi(object)]
pub struct ReservedLine {
    pub sku: String,
    pub quantity: i64,
    pub allocations: Vec<LineAllocation>,
}

/// Stock reserved for a cart until it expires.
#[napi(object, use_nullable = true)]
pub struct Reservation {
    pub id: String,
    pub channel: String,
    /// `active`, `converted`, `released` or `expired`.
    #[napi(ts_type = "import('./types').ReservationStatus")]
    pub status: String,
    pub expires_at: String,
    /// The order the reservation became, once converted; `null` before.
    pub order_id: Option<String>,
    pub lines: Vec<ReservedLine>,
    pub created_at: String,
    pub updated_at: String,
    pub version: i64,
}

impl From<oms_core::reservations::Reservation> for Reservation {
    fn from(reservation: oms_core::reservations::Reservation) -> Self {
        Reservation {
            id: reservation.id.into(),
            channel: reservation.channel.into(),
            status: reservation.status.as_str().into(),
            expires_at: time(&reservation.expires_at),
            order_id: reservation.order_id.map(String::from),
            lines: reservation
                .lines
                .into_iter()
                .map(|line| ReservedLine {
                    sku: line.sku.into(),
                    quantity: line.quantity,
                    allocations: allocations(line.allocations),
                })
                .collect(),
            created_at: time(&reservation.created_at),
            updated_at: time(&reservation.updated_at),
            version: number(reservation.version),
        }
    }
}

/// Stock on its way from one location to another.
#[napi(object)]
pub struct Transfer {
    pub id: String,
    pub sku: String,
    pub from_location: String,
    pub to_location: String,
    pub quantity: i64,
    /// `requested`, `shipped`, `received` or `cancelled`.
    #[napi(ts_type = "import('./types').TransferStatus")]
    pub status: String,
    pub created_at: String,
    pub updated_at: String,
    pub version: i64,
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
            created_at: time(&transfer.created_at),
            updated_at: time(&transfer.updated_at),
            version: number(transfer.version),
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
    #[napi(js_name = "type", ts_type = "import('./types').EventType")]
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

/// The result of `verifyReplay()`: every stored order compared with the order
/// its events rebuild.
#[napi(object)]
pub struct ReplayReport {
    pub events_read: i64,
    pub orders_checked: i64,
    /// Orders placed before events carried the whole order; not compared.
    pub orders_not_replayable: i64,
    /// Empty when every order replays to what is stored.
    pub mismatches: Vec<String>,
}

impl From<oms_core::ReplayReport> for ReplayReport {
    fn from(report: oms_core::ReplayReport) -> Self {
        ReplayReport {
            events_read: number(report.events_read),
            orders_checked: number(report.orders_checked),
            orders_not_replayable: number(report.orders_not_replayable),
            mismatches: report.mismatches,
        }
    }
}

/// Orders per status (only statuses that have orders appear).
pub(crate) fn status_counts(counts: Vec<(oms_core::OrderStatus, u64)>) -> BTreeMap<String, i64> {
    counts.into_iter().map(|(status, count)| (status.as_str().to_string(), number(count))).collect()
}

/// One operation of `Oms`, a row of the core's operation table: every row is
/// a Promise method (`node`) and its blocking twin (`sync`).
#[napi(object)]
pub struct Operation {
    /// The name in Rust and Python (`place_order`).
    pub name: String,
    /// Whether it only reads the store or writes to it.
    #[napi(ts_type = "'read' | 'write'")]
    pub kind: String,
    /// The Promise method (`placeOrder`).
    pub node: String,
    /// The blocking twin (`placeOrderSync`).
    pub sync: String,
    /// The TypeScript parameters of both methods (`input: PlaceOrderInput`).
    pub parameters: String,
    /// What it does, in one line.
    pub doc: String,
}

impl From<&oms_core::Operation> for Operation {
    fn from(operation: &oms_core::Operation) -> Self {
        Operation {
            name: operation.name.to_string(),
            kind: operation.kind.as_str().to_string(),
            node: operation.node_name(),
            sync: operation.node_sync_name(),
            parameters: operation.node_parameters(),
            doc: operation.doc.to_string(),
        }
    }
}

/// Units of one order line in a shipment.
#[napi(object)]
pub struct ShipmentLine {
    pub line_number: u32,
    pub sku: String,
    pub quantity: i64,
}

/// One parcel of a packed shipment: grams and millimetres.
#[napi(object)]
pub struct Parcel {
    pub weight_grams: i64,
    pub length_mm: i64,
    pub width_mm: i64,
    pub height_mm: i64,
}

/// Goods of one order leaving one location.
#[napi(object, use_nullable = true)]
pub struct Shipment {
    pub id: String,
    pub order_id: String,
    pub location: String,
    /// `pending`, `picking`, `packed`, `handed_over`, `shipped`, `delivered`, `cancelled`,
    /// `ready_for_pickup`, `picked_up` or `pickup_expired`.
    #[napi(ts_type = "import('./types').ShipmentStatus")]
    pub status: String,
    pub lines: Vec<ShipmentLine>,
    pub parcels: Vec<Parcel>,
    /// Set when it ships, else `null`.
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    /// The carrier or logistics partner it was handed over to, else `null`.
    pub partner: Option<String>,
    /// The partner's reference of the confirmation that shipped it, else `null`.
    pub shipped_reference: Option<String>,
    /// The partner's reference of the delivery confirmation, else `null`.
    pub delivered_reference: Option<String>,
    /// When a shipment ready for pickup expires if nobody collects it, else `null`.
    pub pickup_expires_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub version: i64,
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
            pickup_expires_at: shipment.pickup_expires_at.as_ref().map(time),
            created_at: time(&shipment.created_at),
            updated_at: time(&shipment.updated_at),
            version: number(shipment.version),
        }
    }
}

/// What became of units a location gave back: the shipment without them,
/// the order after them, and where they went.
#[napi(object)]
pub struct LineRejection {
    pub shipment: Shipment,
    pub order: Order,
    pub line_number: u32,
    pub sku: String,
    /// Units given back.
    pub quantity: i64,
    /// `not_found` or `damaged`.
    #[napi(ts_type = "import('./types').LineRejectionReason")]
    pub reason: String,
    /// Units found at other locations.
    pub reallocated: Vec<LineAllocation>,
    /// Units waiting for stock.
    pub backordered: i64,
    /// Units cancelled on the line.
    pub cancelled: i64,
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
#[napi(object)]
pub struct PaymentTransaction {
    /// `authorize`, `capture`, `void`, `refund` or `fail`.
    #[napi(ts_type = "import('./types').PaymentAction")]
    pub action: String,
    /// What it moved, a decimal string in the payment's currency (`"0.00"` for a failure).
    pub amount: String,
    pub gateway_reference: String,
    pub occurred_at: String,
}

impl From<oms_core::PaymentTransaction> for PaymentTransaction {
    fn from(transaction: oms_core::PaymentTransaction) -> Self {
        PaymentTransaction {
            action: transaction.action.as_str().into(),
            amount: amount(&transaction.amount),
            gateway_reference: transaction.gateway_reference.into(),
            occurred_at: time(&transaction.occurred_at),
        }
    }
}

/// One tender on an order: what was authorized, captured, refunded and voided (decimal strings).
#[napi(object, use_nullable = true)]
pub struct Payment {
    pub id: String,
    pub order_id: String,
    /// `card`, `gift_card`, `store_credit`, `cash` or `cash_on_delivery`.
    #[napi(ts_type = "import('./types').PaymentKind")]
    pub kind: String,
    /// Derived from the amounts.
    #[napi(ts_type = "import('./types').PaymentStatus")]
    pub status: String,
    pub currency: String,
    pub authorized: String,
    pub captured: String,
    pub refunded: String,
    /// The uncaptured rest given back by a void.
    pub voided: String,
    pub failure_reason: Option<String>,
    pub transactions: Vec<PaymentTransaction>,
    pub created_at: String,
    pub updated_at: String,
    pub version: i64,
}

impl From<oms_core::Payment> for Payment {
    fn from(payment: oms_core::Payment) -> Self {
        Payment {
            id: payment.id.into(),
            order_id: payment.order_id.into(),
            kind: payment.kind.as_str().into(),
            status: payment.status.as_str().into(),
            currency: payment.authorized.currency().code().into(),
            authorized: amount(&payment.authorized),
            captured: amount(&payment.captured),
            refunded: amount(&payment.refunded),
            voided: amount(&payment.voided),
            failure_reason: payment.failure_reason,
            transactions: payment.transactions.into_iter().map(PaymentTransaction::from).collect(),
            created_at: time(&payment.created_at),
            updated_at: time(&payment.updated_at),
            version: number(payment.version),
        }
    }
}

/// An order's payments, their sums (decimal strings) and the order's payment status.
#[napi(object)]
pub struct OrderPayments {
    pub order_id: String,
    /// `unpaid`, `authorized`, `partially_paid`, `paid`, `partially_refunded`, `refunded` or `overpaid`.
    #[napi(ts_type = "import('./types').OrderPaymentStatus")]
    pub status: String,
    pub currency: String,
    /// The order's total, as placed.
    pub total: String,
    /// Authorized on tenders not failed, less what was voided.
    pub authorized: String,
    pub captured: String,
    pub refunded: String,
    /// `total − (captured − refunded)`: still owed; negative when overpaid.
    pub balance: String,
    pub payments: Vec<Payment>,
}

impl From<oms_core::OrderPayments> for OrderPayments {
    fn from(summary: oms_core::OrderPayments) -> Self {
        OrderPayments {
            order_id: summary.order_id.into(),
            status: summary.status.as_str().into(),
            currency: summary.total.currency().code().into(),
            total: amount(&summary.total),
            authorized: amount(&summary.authorized),
            captured: amount(&summary.captured),
            refunded: amount(&summary.refunded),
            balance: amount(&summary.balance),
            payments: summary.payments.into_iter().map(Payment::from).collect(),
        }
    }
}

/// One SKU to pick at a location, and the shipments its units go into.
#[napi(object)]
pub struct PickLine {
    pub sku: String,
    pub quantity: i64,
    pub shipments: Vec<String>,
}

/// What to pick at one location: its open shipments aggregated by SKU.
#[napi(object)]
pub struct PickList {
    pub location: String,
    pub lines: Vec<PickLine>,
    pub shipments: Vec<String>,
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
