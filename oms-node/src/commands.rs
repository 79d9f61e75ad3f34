//! JavaScript arguments → core commands and queries.
//!
//! Each function reads one method's arguments with the helpers of
//! `input.rs`, so that every error names the JavaScript field, and builds the
//! core's validated types. The TypeScript shapes of the same option objects
//! are declared in `shapes.rs`; keep the two in step.

use std::collections::BTreeMap;
use std::sync::Arc;

use oms_core::catalog::{PickupFallback, SplitPolicy};
use oms_core::commands::{
    AvailabilityQuery, CountStock, RejectAllocation, ReleaseReservation, RequestTransfer, ReservationLine,
    ReserveStock, SetRegionDistance, StockQuantity, TransferStep,
};
use oms_core::ids::{ReservationId, TransferId};
use oms_core::limits::{AVAILABILITY_SKUS_MAX, CHANNEL_LOCATIONS_MAX, ORDER_LINES_MAX, TAX_RATES_MAX};
use oms_core::{
    AdjustStock, CancelLines, CancelOrder, ChannelId, ChannelKind, Clock, Currency, Email, HoldOrder, IdempotencyKey,
    LineInput, LineQuantity, LocationId, LocationKind, OrderId, OrderQuery, OrderStatus, PlaceOrder, ReleaseHold,
    Result, RoundingLevel, RoundingMode, Sku, SystemClock, TaxClass, UpsertChannel, UpsertLocation, UpsertProduct,
};

use crate::error::invalid_input;
use crate::input::{self, Fields};
use crate::js::Js;

// Lists are read up to one element past the core's limit: enough for the
// core to refuse an oversized list with its own error, without copying an
// unbounded array first.
const LINES_READ_MAX: usize = ORDER_LINES_MAX + 1;
const LOCATIONS_READ_MAX: usize = CHANNEL_LOCATIONS_MAX + 1;
const TAX_RATES_READ_MAX: usize = TAX_RATES_MAX + 1;
const SKUS_READ_MAX: usize = AVAILABILITY_SKUS_MAX + 1;

/// Replaces `slot` with `value` when the caller gave one: an absent option
/// keeps the default the core's constructor chose.
fn given<T>(slot: &mut T, value: Option<T>) {
    if let Some(value) = value {
        *slot = value;
    }
}

pub(crate) fn upsert_location(value: Js) -> Result<UpsertLocation> {
    let fields = Fields::argument(
        value,
        "input",
        &["id", "kind", "region", "ships", "offersPickup", "shipsFromStore", "dailyCapacity", "priority"],
    )?;
    let mut command = UpsertLocation::new(
        fields.parse("id", LocationId::new)?,
        fields.parse("kind", |text| LocationKind::parse(&text))?,
        fields.string("region")?,
    );
    // `None` here means "the default for the kind", decided by the core.
    command.ships = fields.optional_boolean("ships")?;
    command.offers_pickup = fields.optional_boolean("offersPickup")?;
    given(&mut command.ships_from_store, fields.optional_boolean("shipsFromStore")?);
    command.daily_capacity = fields.optional_quantity("dailyCapacity")?;
    command.priority = fields.optional_integer("priority")?;
    Ok(command)
}

pub(crate) fn upsert_channel(value: Js) -> Result<UpsertChannel> {
    let fields = Fields::argument(
        value,
        "input",
        &[
            "id",
            "kind",
            "currency",
            "locations",
            "pricesIncludeTax",
            "roundingMode",
            "roundingLevel",
            "taxRates",
            "safetyStock",
            "allowBackorders",
            "splitPolicy",
            "pickupFallback",
            "strategy",
            "maxDistanceKm",
        ],
    )?;
    let id = fields.parse("id", ChannelId::new)?;
    let kind = fields.parse("kind", |text| ChannelKind::parse(&text))?;
    let currency = fields.parse("currency", |text| Currency::parse(&text))?;
    let locations = fields
        .array("locations", LOCATIONS_READ_MAX)?
        .into_iter()
        .map(|(path, element)| LocationId::new(input::string(element, &path)?).map_err(|e| e.at(path)))
        .collect::<Result<Vec<_>>>()?;
    let mut command = UpsertChannel::new(id, kind, currency, locations);
    given(&mut command.prices_include_tax, fields.optional_boolean("pricesIncludeTax")?);
    given(&mut command.rounding.mode, fields.parse_optional("roundingMode", |text| RoundingMode::parse(&text))?);
    given(&mut command.rounding.level, fields.parse_optional("roundingLevel", |text| RoundingLevel::parse(&text))?);
    if let Some(rates) = tax_rates(&fields)? {
        command.tax_rates = rates;
    }
    given(&mut command.safety_stock, fields.optional_quantity("safetyStock")?);
    given(&mut command.allow_backorders, fields.optional_boolean("allowBackorders")?);
    given(&mut command.split_policy, fields.parse_optional("splitPolicy", |text| SplitPolicy::parse(&text))?);
    given(&mut command.pickup_fallback, fields.parse_optional("pickupFallback", |text| PickupFallback::parse(&text))?);
    // `None` here means the core's default strategy.
    command.strategy = fields.optional_string("strategy")?;
    command.max_distance_km = fields.optional_u32("maxDistanceKm")?;
    Ok(command)
}

fn tax_rates(fields: &Fields) -> Result<Option<BTreeMap<TaxClass, rust_decimal::Decimal>>> {
    let Some((path, value)) = fields.get("taxRates")? else { return Ok(None) };
    let rates = Fields::map(value, &path)?;
    let mut parsed = BTreeMap::new();
    for class in rates.keys()?.into_iter().take(TAX_RATES_READ_MAX) {
        let rate_path = rates.path(&class);
        let rate = rates.decimal(&class)?;
        parsed.insert(TaxClass::new(class).map_err(|e| e.at(rate_path))?, rate);
    }
    Ok(Some(parsed))
}

pub(crate) fn upsert_product(value: Js) -> Result<UpsertProduct> {
    let fields = Fields::argument(value, "input", &["sku", "name", "taxClass", "backorderable"])?;
    let mut command = UpsertProduct::new(fields.parse("sku", Sku::new)?, fields.string("name")?);
    given(&mut command.tax_class, fields.parse_optional("taxClass", TaxClass::new)?);
    given(&mut command.backorderable, fields.optional_boolean("backorderable")?);
    Ok(command)
}

pub(crate) fn set_region_distance(value: Js) -> Result<SetRegionDistance> {
    let fields = Fields::argument(value, "input", &["fromRegion", "toRegion", "distanceKm"])?;
    Ok(SetRegionDistance {
        from_region: fields.string("fromRegion")?,
        to_region: fields.string("toRegion")?,
        distance_km: fields.u32("distanceKm")?,
    })
}

/// The input of `receiveStock`, `quarantineStock` and `releaseQuarantine`.
pub(crate) fn stock_quantity(value: Js) -> Result<StockQuantity> {
    let fields = Fields::argument(value, "input", &["sku", "location", "quantity", "idempotencyKey"])?;
    Ok(StockQuantity {
        sku: fields.parse("sku", Sku::new)?,
        location: fields.parse("location", LocationId::new)?,
        quantity: fields.quantity("quantity")?,
        idempotency_key: fields.parse_optional("idempotencyKey", IdempotencyKey::new)?,
    })
}

pub(crate) fn adjust_stock(value: Js) -> Result<AdjustStock> {
    let fields = Fields::argument(value, "input", &["sku", "location", "quantityDelta", "idempotencyKey"])?;
    Ok(AdjustStock {
        sku: fields.parse("sku", Sku::new)?,
        location: fields.parse("location", LocationId::new)?,
        quantity_delta: fields.quantity("quantityDelta")?,
        idempotency_key: fields.parse_optional("idempotencyKey", IdempotencyKey::new)?,
    })
}

pub(crate) fn count_stock(value: Js) -> Result<CountStock> {
    let fields = Fields::argument(value, "input", &["sku", "location", "counted", "idempotencyKey"])?;
    Ok(CountStock {
        sku: fields.parse("sku", Sku::new)?,
        location: fields.parse("location", LocationId::new)?,
        counted: fields.quantity("counted")?,
        idempotency_key: fields.parse_optional("idempotencyKey", IdempotencyKey::new)?,
    })
}

pub(crate) fn availability(value: Js) -> Result<AvailabilityQuery> {
    let fields = Fields::argument(value, "input", &["channel", "skus", "region", "pickupLocation"])?;
    Ok(AvailabilityQuery {
        channel: fields.parse("channel", ChannelId::new)?,
        skus: fields
            .array("skus", SKUS_READ_MAX)?
            .into_iter()
            .map(|(path, element)| Sku::new(input::string(element, &path)?).map_err(|e| e.at(path)))
            .collect::<Result<Vec<_>>>()?,
        region: fields.optional_string("region")?,
        pickup_location: fields.parse_optional("pickupLocation", LocationId::new)?,
    })
}

pub(crate) fn reserve_stock(value: Js) -> Result<ReserveStock> {
    let fields = Fields::argument(
        value,
        "input",
        &["reservationId", "channel", "lines", "ttlSeconds", "pickupLocation", "shipToRegion", "idempotencyKey"],
    )?;
    Ok(ReserveStock {
        reservation_id: fields.parse("reservationId", ReservationId::new)?,
        channel: fields.parse("channel", ChannelId::new)?,
        lines: fields
            .array("lines", LINES_READ_MAX)?
            .into_iter()
            .map(|(path, element)| {
                let line = Fields::nested(element, &path, &["sku", "quantity"])?;
                Ok(ReservationLine { sku: line.parse("sku", Sku::new)?, quantity: line.quantity("quantity")? })
            })
            .collect::<Result<Vec<_>>>()?,
        ttl_seconds: fields.integer("ttlSeconds")?,
        pickup_location: fields.parse_optional("pickupLocation", LocationId::new)?,
        ship_to_region: fields.optional_string("shipToRegion")?,
        idempotency_key: fields.parse_optional("idempotencyKey", IdempotencyKey::new)?,
    })
}

/// A reservation id given as a positional argument.
pub(crate) fn reservation_id(value: Js) -> Result<ReservationId> {
    ReservationId::new(input::string(value, "reservationId")?).map_err(|e| e.at("reservationId"))
}

/// The idempotency key of an optional `{ idempotencyKey? }` options argument.
fn key_only(options: Option<Js>) -> Result<Option<IdempotencyKey>> {
    match Fields::optional_argument(options, "options", &["idempotencyKey"])? {
        Some(fields) => fields.parse_optional("idempotencyKey", IdempotencyKey::new),
        None => Ok(None),
    }
}

pub(crate) fn release_reservation(reservation: Js, options: Option<Js>) -> Result<ReleaseReservation> {
    let reservation_id = reservation_id(reservation)?;
    Ok(ReleaseReservation { reservation_id, idempotency_key: key_only(options)? })
}

pub(crate) fn request_transfer(value: Js) -> Result<RequestTransfer> {
    let fields =
        Fields::argument(value, "input", &["sku", "fromLocation", "toLocation", "quantity", "idempotencyKey"])?;
    Ok(RequestTransfer {
        sku: fields.parse("sku", Sku::new)?,
        from_location: fields.parse("fromLocation", LocationId::new)?,
        to_location: fields.parse("toLocation", LocationId::new)?,
        quantity: fields.quantity("quantity")?,
        idempotency_key: fields.parse_optional("idempotencyKey", IdempotencyKey::new)?,
    })
}

/// A transfer id given as a positional argument.
pub(crate) fn transfer_id(value: Js) -> Result<TransferId> {
    TransferId::new(input::string(value, "transferId")?).map_err(|e| e.at("transferId"))
}

pub(crate) fn transfer_step(transfer: Js, options: Option<Js>) -> Result<TransferStep> {
    let transfer_id = transfer_id(transfer)?;
    Ok(TransferStep { transfer_id, idempotency_key: key_only(options)? })
}

pub(crate) fn stock_pair(value: Js) -> Result<(Sku, LocationId)> {
    let fields = Fields::argument(value, "input", &["sku", "location"])?;
    Ok((fields.parse("sku", Sku::new)?, fields.parse("location", LocationId::new)?))
}

pub(crate) fn stock_filter(value: Option<Js>) -> Result<(Option<Sku>, Option<LocationId>)> {
    match Fields::optional_argument(value, "input", &["sku", "location"])? {
        Some(fields) => {
            Ok((fields.parse_optional("sku", Sku::new)?, fields.parse_optional("location", LocationId::new)?))
        }
        None => Ok((None, None)),
    }
}

pub(crate) fn available(value: Js) -> Result<(Sku, ChannelId)> {
    let fields = Fields::argument(value, "input", &["sku", "channel"])?;
    Ok((fields.parse("sku", Sku::new)?, fields.parse("channel", ChannelId::new)?))
}

/// A movements query: the pair, the cursor and the page size.
pub(crate) struct MovementsQuery {
    pub sku: Sku,
    pub location: LocationId,
    pub after: u64,
    pub limit: Option<usize>,
}

pub(crate) fn movements(value: Js) -> Result<MovementsQuery> {
    let fields = Fields::argument(value, "input", &["sku", "location", "after", "limit"])?;
    Ok(MovementsQuery {
        sku: fields.parse("sku", Sku::new)?,
        location: fields.parse("location", LocationId::new)?,
        after: fields.optional_count("after")?.unwrap_or(0),
        limit: page_size(fields.optional_count("limit")?),
    })
}

fn page_size(limit: Option<u64>) -> Option<usize> {
    // A size beyond usize is beyond the core's page limit too, which reports it.
    limit.map(|limit| usize::try_from(limit).unwrap_or(usize::MAX))
}

/// The keys `planAllocation` accepts; `placeOrder` adds `idempotencyKey`, `reservationId` and `explain`.
const PLAN_KEYS: [&str; 8] =
    ["channel", "customerEmail", "lines", "currency", "orderDiscount", "shipping", "pickupLocation", "shipToRegion"];

pub(crate) fn place_order(value: Js) -> Result<PlaceOrder> {
    let mut allowed = PLAN_KEYS.to_vec();
    allowed.extend(["idempotencyKey", "reservationId", "explain"]);
    let fields = Fields::argument(value, "input", &allowed)?;
    let mut command = order_fields(&fields)?;
    command.reservation_id = fields.parse_optional("reservationId", ReservationId::new)?;
    given(&mut command.explain, fields.optional_boolean("explain")?);
    command.idempotency_key = fields.parse_optional("idempotencyKey", IdempotencyKey::new)?;
    Ok(command)
}

pub(crate) fn plan_allocation(value: Js) -> Result<PlaceOrder> {
    order_fields(&Fields::argument(value, "input", &PLAN_KEYS)?)
}

/// The fields `placeOrder` and `planAllocation` share, read in a fixed order.
fn order_fields(fields: &Fields) -> Result<PlaceOrder> {
    let channel = fields.parse("channel", ChannelId::new)?;
    let customer_email = fields.parse("customerEmail", Email::new)?;
    let currency = fields.parse_optional("currency", |text| Currency::parse(&text))?;
    let lines = fields
        .array("lines", LINES_READ_MAX)?
        .into_iter()
        .map(|(path, element)| order_line(element, &path))
        .collect::<Result<Vec<_>>>()?;
    let mut command = PlaceOrder::new(channel, customer_email, lines);
    command.currency = currency;
    command.order_discount = fields.optional_decimal("orderDiscount")?;
    command.shipping = fields.optional_decimal("shipping")?;
    command.pickup_location = fields.parse_optional("pickupLocation", LocationId::new)?;
    command.ship_to_region = fields.optional_string("shipToRegion")?;
    Ok(command)
}

fn order_line(value: Js, path: &str) -> Result<LineInput> {
    let fields = Fields::nested(value, path, &["sku", "quantity", "unitPrice", "discount"])?;
    Ok(LineInput {
        sku: fields.parse("sku", Sku::new)?,
        quantity: fields.quantity("quantity")?,
        unit_price: fields.decimal("unitPrice")?,
        discount: fields.optional_decimal("discount")?,
    })
}

/// An order id given as a positional argument.
pub(crate) fn order_id(value: Js) -> Result<OrderId> {
    OrderId::new(input::string(value, "orderId")?).map_err(|e| e.at("orderId"))
}

pub(crate) fn list_orders(value: Option<Js>) -> Result<OrderQuery> {
    let Some(fields) =
        Fields::optional_argument(value, "input", &["customerEmail", "channel", "status", "after", "limit"])?
    else {
        return Ok(OrderQuery::default());
    };
    Ok(OrderQuery {
        customer_email: fields.parse_optional("customerEmail", Email::new)?,
        channel: fields.parse_optional("channel", ChannelId::new)?,
        status: fields.parse_optional("status", |text| OrderStatus::parse(&text))?,
        after: fields.optional_string("after")?,
        limit: page_size(fields.optional_count("limit")?),
    })
}

pub(crate) fn cancel_order(order: Js, options: Option<Js>) -> Result<CancelOrder> {
    let order_id = order_id(order)?;
    let Some(fields) = Fields::optional_argument(options, "options", &["reason", "idempotencyKey"])? else {
        return Ok(CancelOrder { order_id, reason: None, idempotency_key: None });
    };
    Ok(CancelOrder {
        order_id,
        reason: fields.optional_string("reason")?,
        idempotency_key: fields.parse_optional("idempotencyKey", IdempotencyKey::new)?,
    })
}

pub(crate) fn cancel_lines(order: Js, options: Js) -> Result<CancelLines> {
    let order_id = order_id(order)?;
    let fields = Fields::argument(options, "options", &["lines", "idempotencyKey"])?;
    let lines = fields
        .array("lines", LINES_READ_MAX)?
        .into_iter()
        .map(|(path, element)| {
            let line = Fields::nested(element, &path, &["lineNumber", "quantity"])?;
            Ok(LineQuantity { line_number: line_number(&line)?, quantity: line.quantity("quantity")? })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(CancelLines { order_id, lines, idempotency_key: fields.parse_optional("idempotencyKey", IdempotencyKey::new)? })
}

/// The `lineNumber` of an object: a whole number no order exceeds.
fn line_number(fields: &Fields) -> Result<u32> {
    let (path, number) = fields.require("lineNumber")?;
    u32::try_from(input::count(number, &path)?).map_err(|_| invalid_input(&path, "is not a line number of any order"))
}

pub(crate) fn reject_allocation(order: Js, options: Js) -> Result<RejectAllocation> {
    let order_id = order_id(order)?;
    let fields = Fields::argument(options, "options", &["lineNumber", "location", "idempotencyKey"])?;
    Ok(RejectAllocation {
        order_id,
        line_number: line_number(&fields)?,
        location: fields.parse("location", LocationId::new)?,
        idempotency_key: fields.parse_optional("idempotencyKey", IdempotencyKey::new)?,
    })
}

pub(crate) fn hold_order(order: Js, options: Js) -> Result<HoldOrder> {
    let order_id = order_id(order)?;
    let fields = Fields::argument(options, "options", &["reason", "idempotencyKey"])?;
    Ok(HoldOrder {
        order_id,
        reason: fields.string("reason")?,
        idempotency_key: fields.parse_optional("idempotencyKey", IdempotencyKey::new)?,
    })
}

pub(crate) fn release_hold(order: Js, options: Option<Js>) -> Result<ReleaseHold> {
    let order_id = order_id(order)?;
    Ok(ReleaseHold { order_id, idempotency_key: key_only(options)? })
}

/// Arguments of `eventsSince`: the cursor (default 0) and the page size.
pub(crate) fn events_since(cursor: Option<Js>, limit: Option<Js>) -> Result<(u64, Option<usize>)> {
    let cursor = match input::optional(cursor, "cursor")? {
        Some(cursor) => input::count(cursor, "cursor")?,
        None => 0,
    };
    let limit = match input::optional(limit, "limit")? {
        Some(limit) => Some(input::count(limit, "limit")?),
        None => None,
    };
    Ok((cursor, page_size(limit)))
}

/// A SKU given as a positional argument.
pub(crate) fn sku(value: Js) -> Result<Sku> {
    Sku::new(input::string(value, "sku")?).map_err(|e| e.at("sku"))
}

/// A location id given as a positional argument.
pub(crate) fn location_id(value: Js) -> Result<LocationId> {
    LocationId::new(input::string(value, "locationId")?).map_err(|e| e.at("locationId"))
}

/// A channel id given as a positional argument.
pub(crate) fn channel_id(value: Js) -> Result<ChannelId> {
    ChannelId::new(input::string(value, "channelId")?).map_err(|e| e.at("channelId"))
}

/// Arguments of `listProducts`: the cursor (`nextCursor` of the previous page) and the page size.
pub(crate) fn list_products(value: Option<Js>) -> Result<(Option<String>, Option<usize>)> {
    match Fields::optional_argument(value, "input", &["after", "limit"])? {
        Some(fields) => Ok((fields.optional_string("after")?, page_size(fields.optional_count("limit")?))),
        None => Ok((None, None)),
    }
}

/// The clock of the options of `Oms.open` and `Oms.inMemory`: the system
/// clock unless `clock` names a `ManualClock`.
pub(crate) fn clock(options: Option<Js>) -> Result<Arc<dyn Clock>> {
    let given = match Fields::optional_argument(options, "options", &["clock"])? {
        Some(fields) => fields.get("clock")?,
        None => None,
    };
    match given {
        Some((path, value)) => crate::clock::clock_of(value, &path),
        None => Ok(Arc::new(SystemClock)),
    }
}

/// The argument of `Oms.open`.
pub(crate) fn target(value: Js) -> Result<String> {
    input::string(value, "target")
}
