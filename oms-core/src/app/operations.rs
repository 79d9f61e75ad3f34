//! The operation table: every public method of [`Oms`](super::Oms) as data.
//!
//! One row per method: its name (snake_case in Rust and Python, camelCase in
//! JavaScript), whether it reads or writes storage, its Rust argument and
//! result types, a one-line description, and the parameters the bindings
//! take (name, type, default, positional or keyword, the command field each
//! fills), from which each binding's signature follows.
//!
//! Nothing here runs an operation. The table is what the checks and
//! generators read: `tests/operations.rs` fails when a method of `Oms` is
//! missing (or a row names no method, or a type is wrong), and generates from
//! the table the binding methods (Python `Oms` and `AsyncOms`, Node Promise
//! methods and `…Sync` twins), the input schemas their serde readers follow,
//! the `.pyi` stubs, and the operations of `docs/API.md`; it fails when a
//! generated file is stale. Both bindings export the table (`oms.OPERATIONS`,
//! `OPERATIONS` in Node).

use std::fmt;

use crate::kernel::limits::{
    ADDRESS_LINES_MAX, AVAILABILITY_SKUS_MAX, CHANNEL_LOCATIONS_MAX, METADATA_ENTRIES_MAX, ORDER_LINES_MAX,
    PARCELS_MAX, TAX_RATES_MAX,
};

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
    /// One line saying what it does; also the docstring of every binding's method.
    pub doc: &'static str,
    /// What the bindings take, in the order Python declares them (none for an
    /// operation no binding has). The binding methods, their stubs and
    /// declarations and their input readers are generated from these.
    pub parameters: &'static [Parameter],
    /// The TypeScript interface of the options object that holds the
    /// keyword parameters in Node (`""` when there are none).
    pub node_input: &'static str,
}

/// One parameter of a binding method, and the field of the command it fills.
///
/// A parameter before the first keyword-only one is positional in Python and
/// a positional argument in Node; the keyword-only ones are keyword
/// arguments in Python and the keys (camelCase) of one options object in Node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parameter {
    /// The Python name (snake_case); camelCase in JavaScript.
    pub name: &'static str,
    /// What the value is, which decides how each binding reads it:
    /// `Text`, an identifier or enumeration type of the core (`Sku`,
    /// `LocationKind`, …), an integer rule (`Quantity`, `PageLimit`, …: see
    /// [`Operation::INTEGER_RULES`]), `Amount` (exact money or a rate), `Flag`, a list
    /// `[Sku]` or of records `[OrderLine]` (see [`Operation::RECORDS`]), one record (`Address`), the map
    /// `{TaxClass: Amount}` or the map of text `{Text: Text}`.
    pub ty: &'static str,
    /// The Python default as `inspect.signature` prints it; `None` when required.
    pub default: Option<&'static str>,
    /// Positional (before `*` in Python, a positional argument in Node).
    pub positional: bool,
    /// The name of a positional argument in JavaScript when it is not the camelCase of `name`.
    pub js_name: Option<&'static str>,
    /// The command field it fills when not `name`: `rounding.mode` is the field `mode` of the field `rounding`.
    pub field: Option<&'static str>,
    /// For a list or map, how many entries a binding reads at most: one past the
    /// core's limit, so that the core refuses an oversized list with its own error.
    pub read_max: usize,
    /// What to know about it beyond its name and type (`""` when nothing); the
    /// field's doc in the TypeScript options interface.
    pub doc: &'static str,
}

impl Parameter {
    const fn new(name: &'static str, ty: &'static str, default: Option<&'static str>) -> Parameter {
        Parameter { name, ty, default, positional: false, js_name: None, field: None, read_max: 0, doc: "" }
    }

    const fn positional(self) -> Parameter {
        Parameter { positional: true, ..self }
    }

    const fn js(self, name: &'static str) -> Parameter {
        Parameter { js_name: Some(name), ..self }
    }

    const fn into_field(self, field: &'static str) -> Parameter {
        Parameter { field: Some(field), ..self }
    }

    const fn read_max(self, limit: usize) -> Parameter {
        Parameter { read_max: limit + 1, ..self }
    }

    const fn doc(self, doc: &'static str) -> Parameter {
        Parameter { doc, ..self }
    }

    /// Whether the caller may leave it out.
    pub fn is_optional(&self) -> bool {
        self.default.is_some()
    }

    /// The name in JavaScript: `unit_price` → `unitPrice`, or the positional argument's own name.
    pub fn js_name(&self) -> String {
        self.js_name.map_or_else(|| camel_case(self.name), str::to_string)
    }

    /// The command field it fills.
    pub fn command_field(&self) -> &'static str {
        self.field.unwrap_or(self.name)
    }
}

const fn required(name: &'static str, ty: &'static str) -> Parameter {
    Parameter::new(name, ty, None)
}

const fn optional(name: &'static str, ty: &'static str) -> Parameter {
    Parameter::new(name, ty, Some("None"))
}

const fn defaulted(name: &'static str, ty: &'static str, default: &'static str) -> Parameter {
    Parameter::new(name, ty, Some(default))
}

/// A record that a list parameter holds (`[OrderLine]`): a mapping in Python,
/// an object in Node, with these keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record {
    pub name: &'static str,
    /// Its `TypedDict` in `oms/_types.py`.
    pub python: &'static str,
    /// Its interface in `native.d.ts`.
    pub typescript: &'static str,
    pub fields: &'static [Parameter],
}

fn camel_case(name: &str) -> String {
    let mut camel = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            camel.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            camel.push(c);
        }
    }
    camel
}

impl Operation {
    /// The records that parameters hold.
    pub const RECORDS: &'static [Record] = &[
        Record {
            name: "OrderLine",
            python: "OrderLineInput",
            typescript: "OrderLineInput",
            fields: &[
                required("sku", "Sku"),
                required("quantity", "Quantity").doc("A positive whole number."),
                required("unit_price", "Amount").doc("Decimal string in the channel's currency, such as `\"19.99\"`."),
                optional("discount", "Amount").doc("The line's own discount, a decimal string."),
            ],
        },
        Record {
            name: "Address",
            python: "AddressInput",
            typescript: "AddressInput",
            fields: &[
                required("name", "Text").doc("The recipient."),
                optional("company", "Text"),
                required("lines", "[Text]").read_max(ADDRESS_LINES_MAX).doc("One to three street lines."),
                required("city", "Text"),
                optional("region", "Text").doc("State, province or county."),
                optional("postal_code", "Text"),
                required("country", "Text").doc("An ISO 3166-1 alpha-2 code such as `\"US\"` (any case)."),
                optional("phone", "Text").doc("Digits, spaces and `+ - ( ) .`."),
            ],
        },
        Record {
            name: "Parcel",
            python: "ParcelInput",
            typescript: "ParcelInput",
            fields: &[
                required("weight_grams", "Weight").doc("Grams, a positive whole number."),
                required("length_mm", "Dimension").doc("Millimetres, a positive whole number."),
                required("width_mm", "Dimension"),
                required("height_mm", "Dimension"),
            ],
        },
        Record {
            name: "ReservationLine",
            python: "ReservationLineInput",
            typescript: "ReservationLineInput",
            fields: &[required("sku", "Sku"), required("quantity", "Quantity").doc("A positive whole number.")],
        },
        Record {
            name: "CancelledLine",
            python: "LineCancellation",
            typescript: "CancelLineInput",
            fields: &[
                required("line_number", "LineNumber"),
                required("quantity", "Quantity").doc("Units to cancel, a positive whole number."),
            ],
        },
    ];

    /// The integer rules a parameter's `ty` may name. Each binding bounds a
    /// Python `int` or a JavaScript number by its rule before the core sees it.
    pub const INTEGER_RULES: &'static [&'static str] = &[
        "Quantity",
        "QuantityDelta",
        "Counted",
        "Capacity",
        "Priority",
        "TtlSeconds",
        "PageLimit",
        "Cursor",
        "Distance",
        "LineNumber",
        "Weight",
        "Dimension",
    ];

    /// The text types a parameter's `ty` may name: each is checked by the core
    /// type's constructor or parser of the same name.
    pub const TEXT_TYPES: &'static [&'static str] = &[
        "Text",
        "Sku",
        "LocationId",
        "ChannelId",
        "OrderId",
        "ReservationId",
        "TransferId",
        "ShipmentId",
        "IdempotencyKey",
        "Email",
        "TaxClass",
        "Currency",
        "LocationKind",
        "ChannelKind",
        "RoundingMode",
        "RoundingLevel",
        "SplitPolicy",
        "PickupFallback",
        "OrderStatus",
        // Text naming an allocation strategy (built in, or registered in Rust).
        "Strategy",
        "PaymentId",
        "PaymentKind",
        "GatewayReference",
    ];

    /// The name in JavaScript: `place_order` → `placeOrder`.
    pub fn node_name(&self) -> String {
        camel_case(self.name)
    }

    /// The blocking twin in JavaScript: `placeOrderSync`.
    pub fn node_sync_name(&self) -> String {
        format!("{}Sync", self.node_name())
    }

    /// The row of `name`, if there is one.
    pub fn named(name: &str) -> Option<&'static Operation> {
        OPERATIONS.iter().find(|operation| operation.name == name)
    }

    /// The positional parameters, then the keyword-only ones.
    pub fn positional(&self) -> impl Iterator<Item = &'static Parameter> {
        self.parameters.iter().filter(|parameter| parameter.positional)
    }

    pub fn keywords(&self) -> impl Iterator<Item = &'static Parameter> {
        self.parameters.iter().filter(|parameter| !parameter.positional)
    }

    /// The Python parameters after `self`, as `inspect.signature` prints them
    /// (`""` for none).
    pub fn python_parameters(&self) -> String {
        let shown = |parameter: &Parameter| match parameter.default {
            Some(default) => format!("{}={default}", parameter.name),
            None => parameter.name.to_string(),
        };
        let mut parts: Vec<String> = self.positional().map(shown).collect();
        if self.keywords().next().is_some() {
            parts.push("*".into());
            parts.extend(self.keywords().map(shown));
        }
        parts.join(", ")
    }

    /// The TypeScript parameters of the Node method and its `Sync` twin, as
    /// `native.d.ts` declares them (`""` for none): the positional arguments,
    /// then one options object (`input` when it is the only argument, else
    /// `options`), optional when every key in it is.
    pub fn node_parameters(&self) -> String {
        let mut parts: Vec<String> = self
            .positional()
            .map(|parameter| {
                let optional = if parameter.is_optional() { "?" } else { "" };
                let ty = if Operation::INTEGER_RULES.contains(&parameter.ty) { "number" } else { "string" };
                format!("{}{optional}: {ty}", parameter.js_name())
            })
            .collect();
        if self.keywords().next().is_some() {
            let name = if parts.is_empty() { "input" } else { "options" };
            let optional = if self.keywords().all(Parameter::is_optional) { "?" } else { "" };
            parts.push(format!("{name}{optional}: {}", self.node_input));
        }
        parts.join(", ")
    }

    /// The name of the options object in Node: `input` or `options`.
    pub fn node_options_name(&self) -> &'static str {
        if self.positional().next().is_some() {
            "options"
        } else {
            "input"
        }
    }
}

/// `operation[i]` is its `i`-th parameter. (The row types live in this private
/// module and are re-exported only through [`Operation`]; outside the crate a
/// parameter's type is named `<Operation as Index<usize>>::Output`.)
impl std::ops::Index<usize> for Operation {
    type Output = Parameter;

    fn index(&self, index: usize) -> &Parameter {
        &self.parameters[index]
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
/// `kind name(rust arguments) -> rust result, [parameters], node "Input", "doc";`
macro_rules! operations {
    ($($kind:ident $name:ident($arguments:literal) -> $result:literal, [$($parameter:expr),* $(,)?], node $node:literal, $doc:literal;)*) => {
        /// Every public method of [`Oms`](super::Oms), in the order `docs/API.md` lists them.
        pub const OPERATIONS: &[Operation] = &[$(
            Operation {
                name: stringify!($name),
                kind: operation_kind!($kind),
                arguments: $arguments,
                result: $result,
                doc: $doc,
                parameters: &[$($parameter),*],
                node_input: $node,
            },
        )*];
    };
}

operations! {
    // Making a service (each binding has its own, hand-written form).
    rust_only new("impl Store + 'static, Arc<dyn Clock>") -> "Oms", [], node "",
        "A service over any store, with the given clock.";
    constructor in_memory("") -> "Oms", [], node "",
        "A service over a fresh in-memory store with the system clock.";
    constructor open("&str") -> "Oms", [], node "",
        "Opens a SQLite file, `sqlite:PATH?…`, `:memory:` or a `postgres://` URL.";
    constructor open_with_clock("&str, Arc<dyn Clock>") -> "Oms", [], node "",
        "`open` with an injected clock (a `ManualClock` in the bindings).";
    rust_only register_strategy("impl AllocationStrategy + 'static") -> "()", [], node "",
        "Adds an allocation strategy that channels can name.";
    rust_only storage_statements("") -> "u64", [], node "",
        "SQL statements the store has sent so far.";

    // Catalogue.
    read get_product("&Sku") -> "Product", [required("sku", "Sku").positional()], node "",
        "One product by SKU (`product_not_found` if there is none).";
    read list_products("Option<&str>, Option<usize>") -> "ProductPage",
        [optional("after", "Text").doc("The `nextCursor` of the previous page."), optional("limit", "PageLimit").doc("Products per page: 100 by default, at most 1,000.")], node "ListProductsInput",
        "Products in SKU order, one page at a time (100 by default, at most 1,000).";
    read get_location("&LocationId") -> "Location", [required("id", "LocationId").positional().js("locationId")], node "",
        "One location by id (`location_not_found` if there is none).";
    read list_locations("") -> "Vec<Location>", [], node "",
        "Every location, by id.";
    read get_channel("&ChannelId") -> "Channel", [required("id", "ChannelId").positional().js("channelId")], node "",
        "One channel by id (`channel_not_found` if there is none).";
    read list_channels("") -> "Vec<Channel>", [], node "",
        "Every channel, by id.";
    write upsert_location("UpsertLocation") -> "Location",
        [
            required("id", "LocationId"),
            required("kind", "LocationKind").doc("`warehouse`, `store` or `third_party_logistics`."),
            required("region", "Text"),
            optional("ships", "Flag").doc("Ships parcels to customers; defaults to true for warehouses and 3PL sites."),
            optional("offers_pickup", "Flag").doc("Customers can collect here; defaults to true for stores."),
            defaulted("ships_from_store", "Flag", "False").doc("A store that also ships online orders (default false)."),
            optional("daily_capacity", "Capacity").doc("Shipments per day; unlimited when absent."),
            optional("priority", "Priority").doc("Lower goes first among equally near locations; default 100."),
        ],
        node "UpsertLocationInput",
        "Creates or replaces a location.";
    write upsert_channel("UpsertChannel") -> "Channel",
        [
            required("id", "ChannelId"),
            required("kind", "ChannelKind").doc("`web`, `marketplace`, `point_of_sale` or `pickup`."),
            required("currency", "Currency").doc("ISO 4217 code such as `USD`."),
            required("locations", "[LocationId]").read_max(CHANNEL_LOCATIONS_MAX).doc("Locations in the order stock is drawn from them."),
            defaulted("prices_include_tax", "Flag", "False"),
            defaulted("rounding_mode", "RoundingMode", "'half_up'").into_field("rounding.mode").doc("`half_up` (default) or `half_even`."),
            defaulted("rounding_level", "RoundingLevel", "'line'").into_field("rounding.level").doc("`line` (default) or `document`."),
            optional("tax_rates", "{TaxClass: Amount}").read_max(TAX_RATES_MAX).doc("Tax class → rate as a decimal string (`\"0.2\"` is 20 %)."),
            defaulted("safety_stock", "Capacity", "0").doc("Units kept back at each location from this channel's promises (default 0)."),
            defaulted("allow_backorders", "Flag", "False").doc("Backorder any product on this channel (default false)."),
            defaulted("split_policy", "SplitPolicy", "'fewest_shipments'").doc("`fewest_shipments` (default) or `nearest`."),
            defaulted("pickup_fallback", "PickupFallback", "'reject'").doc("`reject` (default) or `ship_to_store`."),
            optional("strategy", "Strategy").doc("`ship_from_warehouse` (default), `ship_from_store`, or a registered strategy."),
            optional("max_distance_km", "Distance").doc("Pass over locations farther than this from the destination region."),
            defaulted("require_payment_before_shipping", "Flag", "False").doc("Ship nothing until the order is paid (default false)."),
        ],
        node "UpsertChannelInput",
        "Creates or replaces a channel; every location it names must exist.";
    write upsert_product("UpsertProduct") -> "Product",
        [
            required("sku", "Sku"),
            required("name", "Text"),
            defaulted("tax_class", "TaxClass", "'standard'").doc("Defaults to `standard`."),
            defaulted("backorderable", "Flag", "False").doc("Accept orders beyond stock, backordering the shortfall (default false)."),
        ],
        node "UpsertProductInput",
        "Creates or replaces a product.";
    write set_region_distance("SetRegionDistance") -> "()",
        [required("from_region", "Text"), required("to_region", "Text"), required("distance_km", "Distance").doc("Kilometres, a non-negative whole number; set both ways.")],
        node "SetRegionDistanceInput",
        "Sets the distance between two regions, both ways; locations are ranked by it.";

    // Stock.
    write receive_stock("ReceiveStock") -> "StockLevel",
        [
            required("sku", "Sku"),
            required("location", "LocationId"),
            required("quantity", "Quantity").doc("A positive whole number."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "ReceiveStockInput",
        "Goods arrived at a location: on hand rises and backorders there are filled.";
    write adjust_stock("AdjustStock") -> "StockLevel",
        [
            required("sku", "Sku"),
            required("location", "LocationId"),
            required("quantity_delta", "QuantityDelta").doc("A non-zero whole number: positive adds stock, negative removes it."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "AdjustStockInput",
        "Corrects on hand by a signed delta; it may not fall below what is allocated.";
    write count_stock("CountStock") -> "StockLevel",
        [
            required("sku", "Sku"),
            required("location", "LocationId"),
            required("counted", "Counted").doc("The units found: on hand becomes this."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "CountStockInput",
        "Records a physical count: on hand becomes `counted`, the variance a `count` movement.";
    write quarantine_stock("StockQuantity") -> "StockLevel",
        [
            required("sku", "Sku"),
            required("location", "LocationId"),
            required("quantity", "Quantity").doc("A positive whole number."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "StockQuantityInput",
        "Moves sellable units into quarantine (kept, not sellable).";
    write release_quarantine("StockQuantity") -> "StockLevel",
        [
            required("sku", "Sku"),
            required("location", "LocationId"),
            required("quantity", "Quantity").doc("A positive whole number."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "StockQuantityInput",
        "Returns quarantined units to sellable stock (filling backorders).";
    read availability("&AvailabilityQuery") -> "Vec<Availability>",
        [
            required("channel", "ChannelId"),
            required("skus", "[Sku]").read_max(AVAILABILITY_SKUS_MAX),
            optional("region", "Text").doc("Only locations in this region."),
            optional("pickup_location", "LocationId").doc("Only this pickup store."),
        ],
        node "AvailabilityInput",
        "Available to promise for each SKU on a channel, with the figure per location.";
    read stock_level("&Sku, &LocationId") -> "StockLevel",
        [required("sku", "Sku"), required("location", "LocationId")], node "StockLevelInput",
        "The stock of one SKU at one location (zero buckets if it never had any).";
    read stock_levels("Option<&Sku>, Option<&LocationId>") -> "Vec<StockLevel>",
        [optional("sku", "Sku"), optional("location", "LocationId")], node "StockLevelsInput",
        "Stock levels, optionally of one SKU and/or at one location, by (SKU, location).";
    read available("&Sku, &ChannelId") -> "i64",
        [required("sku", "Sku"), required("channel", "ChannelId")], node "AvailableInput",
        "Units of a SKU the channel can promise for a shipped order.";
    read movements("&Sku, &LocationId, u64, Option<usize>") -> "Vec<Movement>",
        [
            required("sku", "Sku"),
            required("location", "LocationId"),
            defaulted("after", "Cursor", "0").doc("The `sequence` of the last movement seen; 0 (the default) for the start."),
            optional("limit", "PageLimit"),
        ],
        node "MovementsInput",
        "The stock ledger of one SKU at one location, oldest first.";

    // Checkout reservations.
    write reserve_stock("ReserveStock") -> "Reservation",
        [
            required("reservation_id", "ReservationId").doc("The caller's id for the reservation, usually the cart id."),
            required("channel", "ChannelId"),
            required("lines", "[ReservationLine]").read_max(ORDER_LINES_MAX),
            required("ttl_seconds", "TtlSeconds").doc("Seconds until the reservation expires, at least 1."),
            optional("pickup_location", "LocationId"),
            optional("ship_to_region", "Text"),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "ReserveStockInput",
        "Sets stock aside for a checkout until its time is up; placing the order converts it.";
    write release_reservation("ReleaseReservation") -> "Reservation",
        [required("reservation_id", "ReservationId").positional(), optional("idempotency_key", "IdempotencyKey")],
        node "ReleaseReservationInput",
        "Gives an active reservation's stock back now.";
    write expire_reservations("") -> "Vec<ReservationId>", [], node "",
        "Releases reservations whose time is up (a batch per call); returns their ids.";
    read get_reservation("&ReservationId") -> "Reservation",
        [required("reservation_id", "ReservationId").positional()], node "",
        "One reservation by id.";

    // Transfers.
    write request_transfer("RequestTransfer") -> "Transfer",
        [
            required("sku", "Sku"),
            required("from_location", "LocationId"),
            required("to_location", "LocationId"),
            required("quantity", "Quantity").doc("A positive whole number."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "RequestTransferInput",
        "Asks to move units of a SKU between locations; nothing moves until it ships.";
    write ship_transfer("TransferStep") -> "Transfer",
        [required("transfer_id", "TransferId").positional(), optional("idempotency_key", "IdempotencyKey")],
        node "TransferStepInput",
        "The transfer leaves its source: on hand drops there, the target's incoming rises.";
    write receive_transfer("TransferStep") -> "Transfer",
        [required("transfer_id", "TransferId").positional(), optional("idempotency_key", "IdempotencyKey")],
        node "TransferStepInput",
        "The transfer arrives: the target's incoming becomes on hand.";
    write cancel_transfer("TransferStep") -> "Transfer",
        [required("transfer_id", "TransferId").positional(), optional("idempotency_key", "IdempotencyKey")],
        node "TransferStepInput",
        "Cancels a transfer that has not shipped.";
    read get_transfer("&TransferId") -> "Transfer", [required("transfer_id", "TransferId").positional()], node "",
        "One transfer by id.";

    // Orders.
    write place_order("PlaceOrder") -> "Order",
        [
            required("channel", "ChannelId"),
            required("customer_email", "Email"),
            required("lines", "[OrderLine]").read_max(ORDER_LINES_MAX),
            optional("idempotency_key", "IdempotencyKey").doc("Makes the call run at most once; a retry with the same key returns the same order."),
            optional("currency", "Currency").doc("When given, must be the channel's currency."),
            optional("order_discount", "Amount").doc("An order-level discount, a decimal string."),
            optional("shipping", "Amount").doc("A shipping charge, a decimal string."),
            optional("pickup_location", "LocationId").doc("Collect at this store; for a point-of-sale channel, the till's store."),
            optional("ship_to_region", "Text").doc("Where a shipped order goes; ranks locations by distance."),
            optional("reservation_id", "ReservationId").doc("Turn this checkout reservation into the order."),
            defaulted("explain", "Flag", "False").doc("Keep the allocation's explanation on the order (default false)."),
            optional("shipping_address", "Address").doc("Where the goods go."),
            optional("billing_address", "Address"),
            optional("shipping_method", "Text").doc("The service level chosen, as you name it (`express`)."),
            optional("external_reference", "Text").doc("Your own reference for the order."),
            optional("metadata", "{Text: Text}").read_max(METADATA_ENTRIES_MAX).doc("Free-form text by key, kept on the order."),
        ],
        node "PlaceOrderInput",
        "Prices an order exactly and allocates it, or refuses it leaving nothing written.";
    read plan_allocation("PlaceOrder") -> "AllocationPlan",
        [
            required("channel", "ChannelId"),
            required("customer_email", "Email"),
            required("lines", "[OrderLine]").read_max(ORDER_LINES_MAX),
            optional("currency", "Currency"),
            optional("order_discount", "Amount"),
            optional("shipping", "Amount"),
            optional("pickup_location", "LocationId"),
            optional("ship_to_region", "Text"),
        ],
        node "PlanAllocationInput",
        "Plans an order's allocation without writing anything (a dry run), with its explanation.";
    write reject_allocation("RejectAllocation") -> "Order",
        [
            required("order_id", "OrderId").positional(),
            required("line_number", "LineNumber"),
            required("location", "LocationId").doc("The location that could not find the goods."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "RejectAllocationInput",
        "A location cannot find a line's goods: written off there, the line re-routed or backordered.";
    read get_order("&OrderId") -> "Order", [required("order_id", "OrderId").positional()], node "",
        "One order by id.";
    read list_orders("&OrderQuery") -> "OrderPage",
        [
            optional("customer_email", "Email"),
            optional("channel", "ChannelId"),
            optional("status", "OrderStatus").doc("An order status such as `allocated`."),
            optional("after", "Text").doc("The `nextCursor` of the previous page."),
            optional("limit", "PageLimit"),
        ],
        node "ListOrdersInput",
        "Orders matching the filters, oldest first, one page at a time.";
    write cancel_order("CancelOrder") -> "Order",
        [
            required("order_id", "OrderId").positional(),
            optional("reason", "Text"),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "CancelOrderInput",
        "Cancels every unit that has not shipped and releases its stock.";
    write cancel_lines("CancelLines") -> "Order",
        [
            required("order_id", "OrderId").positional(),
            required("lines", "[CancelledLine]").read_max(ORDER_LINES_MAX),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "CancelLinesInput",
        "Cancels some units of some lines and releases their stock.";
    write hold_order("HoldOrder") -> "Order",
        [
            required("order_id", "OrderId").positional(),
            required("reason", "Text"),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "HoldOrderInput",
        "Puts an order on hold; it keeps its stock until released or cancelled.";
    write release_hold("ReleaseHold") -> "Order",
        [required("order_id", "OrderId").positional(), optional("idempotency_key", "IdempotencyKey")],
        node "ReleaseHoldInput",
        "Releases a hold; the order returns to the status its quantities imply.";
    read order_status_counts("") -> "Vec<(OrderStatus, u64)>", [], node "",
        "How many orders are in each status (statuses without orders are absent).";
    read units_sold("&ChannelId, &Sku") -> "i64",
        [required("sku", "Sku"), required("channel", "ChannelId")], node "AvailableInput",
        "Units of a SKU on orders placed on a channel, less units cancelled (a projection).";

    // Payments.
    write authorize_payment("AuthorizePayment") -> "Payment",
        [
            required("order_id", "OrderId").positional(),
            optional("payment_id", "PaymentId").doc("Your id for the payment; the library assigns `pay-…` when absent."),
            required("kind", "PaymentKind").doc("`card`, `gift_card`, `store_credit`, `cash` or `cash_on_delivery`."),
            required("amount", "Amount").doc("What was authorized: a positive decimal string in the order's currency, such as `\"19.99\"`."),
            optional("currency", "Currency").doc("When given, must be the order's currency."),
            required("gateway_reference", "GatewayReference").doc("The gateway's reference of the authorization (a till's receipt for cash); the call is idempotent on it."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "AuthorizePaymentInput",
        "Records a tender authorized for an order, creating its payment; idempotent on the gateway reference.";
    write capture_payment("CapturePayment") -> "Payment",
        [
            required("payment_id", "PaymentId").positional(),
            required("amount", "Amount").doc("A positive decimal string in the payment's currency."),
            optional("currency", "Currency").doc("When given, must be the payment's currency."),
            required("gateway_reference", "GatewayReference").doc("The gateway's reference of this transaction; the call is idempotent on it."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "PaymentAmountInput",
        "Records a capture (partial and repeated are fine), never above what is authorized and not captured.";
    write void_payment("VoidPayment") -> "Payment",
        [
            required("payment_id", "PaymentId").positional(),
            required("gateway_reference", "GatewayReference").doc("The gateway's reference of the void; the call is idempotent on it."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "VoidPaymentInput",
        "Records that the uncaptured rest of an authorization was voided.";
    write refund_payment("RefundPayment") -> "Payment",
        [
            required("payment_id", "PaymentId").positional(),
            required("amount", "Amount").doc("A positive decimal string in the payment's currency."),
            optional("currency", "Currency").doc("When given, must be the payment's currency."),
            required("gateway_reference", "GatewayReference").doc("The gateway's reference of this transaction; the call is idempotent on it."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "PaymentAmountInput",
        "Records a refund (partial is fine), never above what was captured and not refunded.";
    write fail_payment("FailPayment") -> "Payment",
        [
            required("payment_id", "PaymentId").positional(),
            required("gateway_reference", "GatewayReference").doc("The gateway's reference of the failure; the call is idempotent on it."),
            optional("reason", "Text").doc("Why the gateway failed it."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "FailPaymentInput",
        "Records that an authorization failed before anything was captured.";
    read get_payment("&PaymentId") -> "Payment", [required("payment_id", "PaymentId").positional()], node "",
        "One payment by id.";
    read order_payments("&OrderId") -> "OrderPayments", [required("order_id", "OrderId").positional()], node "",
        "An order's payments, their sums (authorized, captured, refunded, balance) and its payment status.";

    // Events and checks.
    read events_since("u64, Option<usize>") -> "Vec<EventRecord>",
        [defaulted("cursor", "Cursor", "0").positional(), optional("limit", "PageLimit").positional()], node "",
        "Outbox events after a cursor (0 for the beginning), oldest first.";
    read audit("") -> "AuditReport", [], node "",
        "Checks every invariant that stored state can show (ledger, buckets, orders).";
    read verify_replay("") -> "ReplayReport", [], node "",
        "Rebuilds every order from its outbox events and compares it with the stored one.";

    // Fulfilment.
    write create_shipments("CreateShipments") -> "Vec<Shipment>",
        [required("order_id", "OrderId").positional(), optional("idempotency_key", "IdempotencyKey")],
        node "OrderStepInput",
        "Gathers the order's allocated units no open shipment holds into one pending shipment per location.";
    write start_picking("ShipmentStep") -> "Shipment",
        [required("shipment_id", "ShipmentId").positional(), optional("idempotency_key", "IdempotencyKey")],
        node "ShipmentStepInput",
        "A pending shipment's goods are being picked.";
    write pack_shipment("PackShipment") -> "Shipment",
        [
            required("shipment_id", "ShipmentId").positional(),
            required("parcels", "[Parcel]").read_max(PARCELS_MAX),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "PackShipmentInput",
        "Records the parcels a picked shipment was packed into.";
    write ship_shipment("ShipShipment") -> "Shipment",
        [
            required("shipment_id", "ShipmentId").positional(),
            required("carrier", "Text"),
            required("tracking_number", "Text"),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "ShipShipmentInput",
        "Hands a packed shipment to its carrier: on hand drops and the order's lines count the units shipped.";
    write confirm_delivery("ShipmentStep") -> "Shipment",
        [required("shipment_id", "ShipmentId").positional(), optional("idempotency_key", "IdempotencyKey")],
        node "ShipmentStepInput",
        "The carrier delivered a shipment: the order's lines count the units delivered.";
    write cancel_shipment("ShipmentStep") -> "Shipment",
        [required("shipment_id", "ShipmentId").positional(), optional("idempotency_key", "IdempotencyKey")],
        node "ShipmentStepInput",
        "Cancels a shipment before it is packed; its units stay allocated to the order.";
    read get_shipment("&ShipmentId") -> "Shipment", [required("shipment_id", "ShipmentId").positional()], node "",
        "One shipment by id.";
    read list_shipments("&OrderId") -> "Vec<Shipment>", [required("order_id", "OrderId").positional()], node "",
        "Every shipment of an order, oldest first.";
    read pick_list("&LocationId") -> "PickList", [required("location", "LocationId").positional()], node "",
        "What to pick at a location: its open shipments aggregated by SKU, in SKU order.";
}
