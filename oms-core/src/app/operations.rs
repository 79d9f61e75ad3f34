//! The operation table: every public method of [`Oms`](super::Oms) as data.
//!
//! One row per method: its name (snake_case in Rust and Python, camelCase in
//! JavaScript), whether it reads or writes storage, its Rust argument and
//! result types, a one-line description, and the signature each binding
//! gives it (the Python parameters as `inspect.signature` prints them, the
//! TypeScript parameters as `native.d.ts` declares them).
//!
//! Nothing here runs an operation. The table is what the checks and
//! generators read: `tests/operations.rs` fails when a method of `Oms` is
//! missing (or a row names no method, or a type is wrong) and writes the
//! operations of `docs/API.md`; both bindings export the table (`oms.OPERATIONS`,
//! `OPERATIONS` in Node) and their tests fail when an operation has no method,
//! a method has another signature, or a stub or declaration is missing.

use std::fmt;

/// What an operation does with storage, or why it is not a binding's storage call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperationKind {
    /// Reads in one read transaction; changes nothing.
    Read,
    /// Runs in one write transaction (through `Oms::execute`).
    Write,
    /// Makes an `Oms`. The bindings have their own forms (`Oms.open`, `Oms.in_memory`,
    /// `Oms.inMemory`), written by hand.
    Constructor,
    /// Exists in Rust only: it takes Rust values (a store, a strategy) or reports
    /// on the Rust store itself.
    RustOnly,
}

impl OperationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OperationKind::Read => "read",
            OperationKind::Write => "write",
            OperationKind::Constructor => "constructor",
            OperationKind::RustOnly => "rust_only",
        }
    }

    /// Whether the operation is a storage call that every binding offers under
    /// the same name (in Node as a Promise method and a `…Sync` twin).
    pub fn is_bound(self) -> bool {
        matches!(self, OperationKind::Read | OperationKind::Write)
    }
}

impl fmt::Display for OperationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One row of [`OPERATIONS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The method's name on `Oms`, in Rust and in Python.
    pub name: &'static str,
    pub kind: OperationKind,
    /// The Rust parameter types after `&self`, as the method declares them,
    /// separated by `", "` (`""` for none).
    pub arguments: &'static str,
    /// The Rust result type, without the `Result<…>` around it.
    pub result: &'static str,
    /// One line saying what it does.
    pub doc: &'static str,
    /// The Python parameters after `self`, as `inspect.signature` prints them
    /// (`""` for none, and for operations no binding has).
    pub python_parameters: &'static str,
    /// The TypeScript parameters of the Node method and its `Sync` twin, as
    /// `native.d.ts` declares them (`""` for none, and for operations no binding has).
    pub node_parameters: &'static str,
}

impl Operation {
    /// The name in JavaScript: `place_order` → `placeOrder`.
    pub fn node_name(&self) -> String {
        let mut name = String::with_capacity(self.name.len());
        let mut upper = false;
        for c in self.name.chars() {
            if c == '_' {
                upper = true;
            } else if upper {
                name.push(c.to_ascii_uppercase());
                upper = false;
            } else {
                name.push(c);
            }
        }
        name
    }

    /// The blocking twin in JavaScript: `placeOrderSync`.
    pub fn node_sync_name(&self) -> String {
        format!("{}Sync", self.node_name())
    }

    /// The row of `name`, if there is one.
    pub fn named(name: &str) -> Option<&'static Operation> {
        OPERATIONS.iter().find(|operation| operation.name == name)
    }
}

macro_rules! operation_kind {
    (read) => {
        OperationKind::Read
    };
    (write) => {
        OperationKind::Write
    };
    (constructor) => {
        OperationKind::Constructor
    };
    (rust_only) => {
        OperationKind::RustOnly
    };
}

/// Emits [`OPERATIONS`] from one compact row per operation:
/// `kind name(rust arguments) -> rust result, py "params", node "params", "doc";`
macro_rules! operations {
    ($($kind:ident $name:ident($arguments:literal) -> $result:literal, py $python:literal, node $node:literal, $doc:literal;)*) => {
        /// Every public method of [`Oms`](super::Oms), in the order `docs/API.md` lists them.
        pub const OPERATIONS: &[Operation] = &[$(
            Operation {
                name: stringify!($name),
                kind: operation_kind!($kind),
                arguments: $arguments,
                result: $result,
                doc: $doc,
                python_parameters: $python,
                node_parameters: $node,
            },
        )*];
    };
}

operations! {
    // Making a service (each binding has its own, hand-written form).
    rust_only new("impl Store + 'static, Arc<dyn Clock>") -> "Oms", py "", node "",
        "A service over any store, with the given clock.";
    constructor in_memory("") -> "Oms", py "", node "",
        "A service over a fresh in-memory store with the system clock.";
    constructor open("&str") -> "Oms", py "", node "",
        "Opens a SQLite file, `sqlite:PATH?…`, `:memory:` or a `postgres://` URL.";
    constructor open_with_clock("&str, Arc<dyn Clock>") -> "Oms", py "", node "",
        "`open` with an injected clock (a `ManualClock` in the bindings).";
    rust_only register_strategy("impl AllocationStrategy + 'static") -> "()", py "", node "",
        "Adds an allocation strategy that channels can name.";
    rust_only storage_statements("") -> "u64", py "", node "",
        "SQL statements the store has sent so far.";

    // Catalogue.
    read get_product("&Sku") -> "Product", py "sku", node "sku: string",
        "One product by SKU (`product_not_found` if there is none).";
    read list_products("Option<&str>, Option<usize>") -> "ProductPage",
        py "*, after=None, limit=None", node "input?: ListProductsInput",
        "Products in SKU order, one page at a time (100 by default, at most 1,000).";
    read get_location("&LocationId") -> "Location", py "id", node "locationId: string",
        "One location by id (`location_not_found` if there is none).";
    read list_locations("") -> "Vec<Location>", py "", node "",
        "Every location, by id.";
    read get_channel("&ChannelId") -> "Channel", py "id", node "channelId: string",
        "One channel by id (`channel_not_found` if there is none).";
    read list_channels("") -> "Vec<Channel>", py "", node "",
        "Every channel, by id.";
    write upsert_location("UpsertLocation") -> "Location",
        py "*, id, kind, region, ships=None, offers_pickup=None, ships_from_store=False, daily_capacity=None, priority=None",
        node "input: UpsertLocationInput",
        "Creates or replaces a location.";
    write upsert_channel("UpsertChannel") -> "Channel",
        py "*, id, kind, currency, locations, prices_include_tax=False, rounding_mode='half_up', rounding_level='line', tax_rates=None, safety_stock=0, allow_backorders=False, split_policy='fewest_shipments', pickup_fallback='reject', strategy=None, max_distance_km=None",
        node "input: UpsertChannelInput",
        "Creates or replaces a channel; every location it names must exist.";
    write upsert_product("UpsertProduct") -> "Product",
        py "*, sku, name, tax_class='standard', backorderable=False", node "input: UpsertProductInput",
        "Creates or replaces a product.";
    write set_region_distance("SetRegionDistance") -> "()",
        py "*, from_region, to_region, distance_km", node "input: SetRegionDistanceInput",
        "Sets the distance between two regions, both ways; locations are ranked by it.";

    // Stock.
    write receive_stock("ReceiveStock") -> "StockLevel",
        py "*, sku, location, quantity, idempotency_key=None", node "input: ReceiveStockInput",
        "Goods arrived at a location: on hand rises and backorders there are filled.";
    write adjust_stock("AdjustStock") -> "StockLevel",
        py "*, sku, location, quantity_delta, idempotency_key=None", node "input: AdjustStockInput",
        "Corrects on hand by a signed delta; it may not fall below what is allocated.";
    write count_stock("CountStock") -> "StockLevel",
        py "*, sku, location, counted, idempotency_key=None", node "input: CountStockInput",
        "Records a physical count: on hand becomes `counted`, the variance a `count` movement.";
    write quarantine_stock("StockQuantity") -> "StockLevel",
        py "*, sku, location, quantity, idempotency_key=None", node "input: StockQuantityInput",
        "Moves sellable units into quarantine (kept, not sellable).";
    write release_quarantine("StockQuantity") -> "StockLevel",
        py "*, sku, location, quantity, idempotency_key=None", node "input: StockQuantityInput",
        "Returns quarantined units to sellable stock (filling backorders).";
    read availability("&AvailabilityQuery") -> "Vec<Availability>",
        py "*, channel, skus, region=None, pickup_location=None", node "input: AvailabilityInput",
        "Available to promise for each SKU on a channel, with the figure per location.";
    read stock_level("&Sku, &LocationId") -> "StockLevel", py "*, sku, location", node "input: StockLevelInput",
        "The stock of one SKU at one location (zero buckets if it never had any).";
    read stock_levels("Option<&Sku>, Option<&LocationId>") -> "Vec<StockLevel>",
        py "*, sku=None, location=None", node "input?: StockLevelsInput",
        "Stock levels, optionally of one SKU and/or at one location, by (SKU, location).";
    read available("&Sku, &ChannelId") -> "i64", py "*, sku, channel", node "input: AvailableInput",
        "Units of a SKU the channel can promise for a shipped order.";
    read movements("&Sku, &LocationId, u64, Option<usize>") -> "Vec<Movement>",
        py "*, sku, location, after=0, limit=None", node "input: MovementsInput",
        "The stock ledger of one SKU at one location, oldest first.";

    // Checkout reservations.
    write reserve_stock("ReserveStock") -> "Reservation",
        py "*, reservation_id, channel, lines, ttl_seconds, pickup_location=None, ship_to_region=None, idempotency_key=None",
        node "input: ReserveStockInput",
        "Sets stock aside for a checkout until its time is up; placing the order converts it.";
    write release_reservation("ReleaseReservation") -> "Reservation",
        py "reservation_id, *, idempotency_key=None", node "reservationId: string, options?: ReleaseReservationInput",
        "Gives an active reservation's stock back now.";
    write expire_reservations("") -> "Vec<ReservationId>", py "", node "",
        "Releases reservations whose time is up (a batch per call); returns their ids.";
    read get_reservation("&ReservationId") -> "Reservation", py "reservation_id", node "reservationId: string",
        "One reservation by id.";

    // Transfers.
    write request_transfer("RequestTransfer") -> "Transfer",
        py "*, sku, from_location, to_location, quantity, idempotency_key=None", node "input: RequestTransferInput",
        "Asks to move units of a SKU between locations; nothing moves until it ships.";
    write ship_transfer("TransferStep") -> "Transfer",
        py "transfer_id, *, idempotency_key=None", node "transferId: string, options?: TransferStepInput",
        "The transfer leaves its source: on hand drops there, the target's incoming rises.";
    write receive_transfer("TransferStep") -> "Transfer",
        py "transfer_id, *, idempotency_key=None", node "transferId: string, options?: TransferStepInput",
        "The transfer arrives: the target's incoming becomes on hand.";
    write cancel_transfer("TransferStep") -> "Transfer",
        py "transfer_id, *, idempotency_key=None", node "transferId: string, options?: TransferStepInput",
        "Cancels a transfer that has not shipped.";
    read get_transfer("&TransferId") -> "Transfer", py "transfer_id", node "transferId: string",
        "One transfer by id.";

    // Orders.
    write place_order("PlaceOrder") -> "Order",
        py "*, channel, customer_email, lines, idempotency_key=None, currency=None, order_discount=None, shipping=None, pickup_location=None, ship_to_region=None, reservation_id=None, explain=False",
        node "input: PlaceOrderInput",
        "Prices an order exactly and allocates it, or refuses it leaving nothing written.";
    read plan_allocation("PlaceOrder") -> "AllocationPlan",
        py "*, channel, customer_email, lines, currency=None, order_discount=None, shipping=None, pickup_location=None, ship_to_region=None",
        node "input: PlanAllocationInput",
        "Plans an order's allocation without writing anything (a dry run), with its explanation.";
    write reject_allocation("RejectAllocation") -> "Order",
        py "order_id, *, line_number, location, idempotency_key=None", node "orderId: string, options: RejectAllocationInput",
        "A location cannot find a line's goods: written off there, the line re-routed or backordered.";
    read get_order("&OrderId") -> "Order", py "order_id", node "orderId: string",
        "One order by id.";
    read list_orders("&OrderQuery") -> "OrderPage",
        py "*, customer_email=None, channel=None, status=None, after=None, limit=None", node "input?: ListOrdersInput",
        "Orders matching the filters, oldest first, one page at a time.";
    write cancel_order("CancelOrder") -> "Order",
        py "order_id, *, reason=None, idempotency_key=None", node "orderId: string, options?: CancelOrderInput",
        "Cancels every unit that has not shipped and releases its stock.";
    write cancel_lines("CancelLines") -> "Order",
        py "order_id, *, lines, idempotency_key=None", node "orderId: string, options: CancelLinesInput",
        "Cancels some units of some lines and releases their stock.";
    write hold_order("HoldOrder") -> "Order",
        py "order_id, *, reason, idempotency_key=None", node "orderId: string, options: HoldOrderInput",
        "Puts an order on hold; it keeps its stock until released or cancelled.";
    write release_hold("ReleaseHold") -> "Order",
        py "order_id, *, idempotency_key=None", node "orderId: string, options?: ReleaseHoldInput",
        "Releases a hold; the order returns to the status its quantities imply.";
    read order_status_counts("") -> "Vec<(OrderStatus, u64)>", py "", node "",
        "How many orders are in each status (statuses without orders are absent).";
    read units_sold("&ChannelId, &Sku") -> "i64", py "*, sku, channel", node "input: AvailableInput",
        "Units of a SKU on orders placed on a channel, less units cancelled (a projection).";

    // Events and checks.
    read events_since("u64, Option<usize>") -> "Vec<EventRecord>",
        py "cursor=0, limit=None", node "cursor?: number, limit?: number",
        "Outbox events after a cursor (0 for the beginning), oldest first.";
    read audit("") -> "AuditReport", py "", node "",
        "Checks every invariant that stored state can show (ledger, buckets, orders).";
    read verify_replay("") -> "ReplayReport", py "", node "",
        "Rebuilds every order from its outbox events and compares it with the stored one.";
}
