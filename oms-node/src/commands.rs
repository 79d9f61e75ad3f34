//! JavaScript arguments → core commands and queries.
//!
//! Each function reads one method's arguments with the helpers of
//! `input.rs`, so that every error names the JavaScript field, and builds the
//! core's validated types. The TypeScript shapes of the same option objects
//! are declared in `shapes.rs`; keep the two in step.

use std::collections::BTreeMap;

use napi::JsUnknown;
use oms_core::limits::{CHANNEL_LOCATIONS_MAX, ORDER_LINES_MAX, TAX_RATES_MAX};
use oms_core::{
    AdjustStock, CancelLines, CancelOrder, ChannelId, ChannelKind, Currency, Email, HoldOrder, IdempotencyKey,
    LineInput, LineQuantity, LocationId, LocationKind, OrderId, OrderQuery, OrderStatus, PlaceOrder, ReceiveStock,
    ReleaseHold, Result, RoundingLevel, RoundingMode, RoundingPolicy, Sku, TaxClass, UpsertChannel, UpsertLocation,
    UpsertProduct,
};

use crate::error::invalid_input;
use crate::input::{self, Fields};

// Lists are read up to one element past the core's limit: enough for the
// core to refuse an oversized list with its own error, without copying an
// unbounded array first.
const LINES_READ_MAX: usize = ORDER_LINES_MAX + 1;
const LOCATIONS_READ_MAX: usize = CHANNEL_LOCATIONS_MAX + 1;
const TAX_RATES_READ_MAX: usize = TAX_RATES_MAX + 1;

pub(crate) fn upsert_location(value: JsUnknown) -> Result<UpsertLocation> {
    let fields = Fields::argument(value, "input", &["id", "kind", "region"])?;
    Ok(UpsertLocation {
        id: fields.parse("id", LocationId::new)?,
        kind: fields.parse("kind", |text| LocationKind::parse(&text))?,
        region: fields.string("region")?,
    })
}

pub(crate) fn upsert_channel(value: JsUnknown) -> Result<UpsertChannel> {
    let fields = Fields::argument(
        value,
        "input",
        &["id", "kind", "currency", "locations", "pricesIncludeTax", "roundingMode", "roundingLevel", "taxRates"],
    )?;
    let id = fields.parse("id", ChannelId::new)?;
    let kind = fields.parse("kind", |text| ChannelKind::parse(&text))?;
    let currency = fields.parse("currency", |text| Currency::parse(&text))?;
    let locations = fields
        .array("locations", LOCATIONS_READ_MAX)?
        .into_iter()
        .map(|(path, element)| LocationId::new(input::string(element, &path)?).map_err(|e| e.at(path)))
        .collect::<Result<Vec<_>>>()?;
    let defaults = RoundingPolicy::default();
    let rounding = RoundingPolicy {
        mode: fields.parse_optional("roundingMode", |text| RoundingMode::parse(&text))?.unwrap_or(defaults.mode),
        level: fields.parse_optional("roundingLevel", |text| RoundingLevel::parse(&text))?.unwrap_or(defaults.level),
    };
    Ok(UpsertChannel {
        id,
        kind,
        currency,
        locations,
        prices_include_tax: fields.optional_boolean("pricesIncludeTax")?.unwrap_or_default(),
        rounding,
        tax_rates: tax_rates(&fields)?,
    })
}

fn tax_rates(fields: &Fields) -> Result<BTreeMap<TaxClass, rust_decimal::Decimal>> {
    let Some((path, value)) = fields.get("taxRates")? else { return Ok(BTreeMap::new()) };
    let rates = Fields::map(value, &path)?;
    let mut parsed = BTreeMap::new();
    for class in rates.keys()?.into_iter().take(TAX_RATES_READ_MAX) {
        let rate_path = rates.path(&class);
        let rate = rates.decimal(&class)?;
        parsed.insert(TaxClass::new(class).map_err(|e| e.at(rate_path))?, rate);
    }
    Ok(parsed)
}

pub(crate) fn upsert_product(value: JsUnknown) -> Result<UpsertProduct> {
    let fields = Fields::argument(value, "input", &["sku", "name", "taxClass"])?;
    Ok(UpsertProduct {
        sku: fields.parse("sku", Sku::new)?,
        name: fields.string("name")?,
        tax_class: fields.parse_optional("taxClass", TaxClass::new)?.unwrap_or_else(TaxClass::standard),
    })
}

pub(crate) fn receive_stock(value: JsUnknown) -> Result<ReceiveStock> {
    let fields = Fields::argument(value, "input", &["sku", "location", "quantity", "idempotencyKey"])?;
    Ok(ReceiveStock {
        sku: fields.parse("sku", Sku::new)?,
        location: fields.parse("location", LocationId::new)?,
        quantity: fields.quantity("quantity")?,
        idempotency_key: fields.parse_optional("idempotencyKey", IdempotencyKey::new)?,
    })
}

pub(crate) fn adjust_stock(value: JsUnknown) -> Result<AdjustStock> {
    let fields = Fields::argument(value, "input", &["sku", "location", "quantityDelta", "idempotencyKey"])?;
    Ok(AdjustStock {
        sku: fields.parse("sku", Sku::new)?,
        location: fields.parse("location", LocationId::new)?,
        quantity_delta: fields.quantity("quantityDelta")?,
        idempotency_key: fields.parse_optional("idempotencyKey", IdempotencyKey::new)?,
    })
}

pub(crate) fn stock_pair(value: JsUnknown) -> Result<(Sku, LocationId)> {
    let fields = Fields::argument(value, "input", &["sku", "location"])?;
    Ok((fields.parse("sku", Sku::new)?, fields.parse("location", LocationId::new)?))
}

pub(crate) fn stock_filter(value: Option<JsUnknown>) -> Result<(Option<Sku>, Option<LocationId>)> {
    match Fields::optional_argument(value, "input", &["sku", "location"])? {
        Some(fields) => {
            Ok((fields.parse_optional("sku", Sku::new)?, fields.parse_optional("location", LocationId::new)?))
        }
        None => Ok((None, None)),
    }
}

pub(crate) fn available(value: JsUnknown) -> Result<(Sku, ChannelId)> {
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

pub(crate) fn movements(value: JsUnknown) -> Result<MovementsQuery> {
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

pub(crate) fn place_order(value: JsUnknown) -> Result<PlaceOrder> {
    let fields = Fields::argument(
        value,
        "input",
        &["channel", "customerEmail", "lines", "idempotencyKey", "currency", "orderDiscount", "shipping"],
    )?;
    Ok(PlaceOrder {
        channel: fields.parse("channel", ChannelId::new)?,
        customer_email: fields.parse("customerEmail", Email::new)?,
        currency: fields.parse_optional("currency", |text| Currency::parse(&text))?,
        lines: fields
            .array("lines", LINES_READ_MAX)?
            .into_iter()
            .map(|(path, element)| order_line(element, &path))
            .collect::<Result<Vec<_>>>()?,
        order_discount: fields.optional_decimal("orderDiscount")?,
        shipping: fields.optional_decimal("shipping")?,
        idempotency_key: fields.parse_optional("idempotencyKey", IdempotencyKey::new)?,
    })
}

fn order_line(value: JsUnknown, path: &str) -> Result<LineInput> {
    let fields = Fields::nested(value, path, &["sku", "quantity", "unitPrice", "discount"])?;
    Ok(LineInput {
        sku: fields.parse("sku", Sku::new)?,
        quantity: fields.quantity("quantity")?,
        unit_price: fields.decimal("unitPrice")?,
        discount: fields.optional_decimal("discount")?,
    })
}

/// An order id given as a positional argument.
pub(crate) fn order_id(value: JsUnknown) -> Result<OrderId> {
    OrderId::new(input::string(value, "orderId")?).map_err(|e| e.at("orderId"))
}

pub(crate) fn list_orders(value: Option<JsUnknown>) -> Result<OrderQuery> {
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

pub(crate) fn cancel_order(order: JsUnknown, options: Option<JsUnknown>) -> Result<CancelOrder> {
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

pub(crate) fn cancel_lines(order: JsUnknown, options: JsUnknown) -> Result<CancelLines> {
    let order_id = order_id(order)?;
    let fields = Fields::argument(options, "options", &["lines", "idempotencyKey"])?;
    let lines = fields
        .array("lines", LINES_READ_MAX)?
        .into_iter()
        .map(|(path, element)| {
            let line = Fields::nested(element, &path, &["lineNumber", "quantity"])?;
            let (number_path, number) = line.require("lineNumber")?;
            let line_number = u32::try_from(input::count(number, &number_path)?)
                .map_err(|_| invalid_input(&number_path, "is not a line number of any order"))?;
            Ok(LineQuantity { line_number, quantity: line.quantity("quantity")? })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(CancelLines { order_id, lines, idempotency_key: fields.parse_optional("idempotencyKey", IdempotencyKey::new)? })
}

pub(crate) fn hold_order(order: JsUnknown, options: JsUnknown) -> Result<HoldOrder> {
    let order_id = order_id(order)?;
    let fields = Fields::argument(options, "options", &["reason", "idempotencyKey"])?;
    Ok(HoldOrder {
        order_id,
        reason: fields.string("reason")?,
        idempotency_key: fields.parse_optional("idempotencyKey", IdempotencyKey::new)?,
    })
}

pub(crate) fn release_hold(order: JsUnknown, options: Option<JsUnknown>) -> Result<ReleaseHold> {
    let order_id = order_id(order)?;
    let idempotency_key = match Fields::optional_argument(options, "options", &["idempotencyKey"])? {
        Some(fields) => fields.parse_optional("idempotencyKey", IdempotencyKey::new)?,
        None => None,
    };
    Ok(ReleaseHold { order_id, idempotency_key })
}

/// Arguments of `eventsSince`: the cursor (default 0) and the page size.
pub(crate) fn events_since(cursor: Option<JsUnknown>, limit: Option<JsUnknown>) -> Result<(u64, Option<usize>)> {
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

/// The argument of `Oms.open`.
pub(crate) fn target(value: JsUnknown) -> Result<String> {
    input::string(value, "target")
}
