//! `oms.Oms`: every operation of the core service, with the Python names and
//! keyword arguments of docs/API.md.
//!
//! Each method reads its arguments into a core command (naming the field of
//! any bad value), then runs the core with the GIL released and panics caught,
//! and converts the result into a record. Errors go through `to_py_err`.

use std::collections::BTreeMap;

use oms_core::error::catch_panic;
use oms_core::{
    AdjustStock, CancelLines, CancelOrder, ChannelId, ChannelKind, Currency, Email, Error, HoldOrder, IdempotencyKey,
    LineInput, LineQuantity, LocationId, LocationKind, OrderId, OrderQuery, OrderStatus, PlaceOrder, ReceiveStock,
    ReleaseHold, RoundingLevel, RoundingMode, RoundingPolicy, Sku, TaxClass, UpsertChannel, UpsertLocation,
    UpsertProduct,
};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::convert::{
    amount, count, optional_amount, optional_limit, optional_parsed, optional_text, parsed, quantity, record, sequence,
    text, Result,
};
use crate::errors::to_py_err;
use crate::records::{AuditReport, Channel, Event, Location, Movement, Order, OrderPage, Product, StockLevel};

type Input<'a, 'py> = &'a Bound<'py, PyAny>;
type OptionalInput<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

/// Reads a command with the GIL held, then runs `body` on it with the GIL
/// released and any panic turned into `internal_error`.
fn call<C, T>(py: Python<'_>, read: impl FnOnce() -> Result<C>, body: impl FnOnce(C) -> Result<T> + Send) -> PyResult<T>
where
    C: Send,
    T: Send,
{
    let command = read().map_err(to_py_err)?;
    py.allow_threads(|| catch_panic(|| body(command))).map_err(to_py_err)
}

fn idempotency_key(value: OptionalInput<'_, '_>) -> Result<Option<IdempotencyKey>> {
    optional_parsed(value, "idempotency_key", IdempotencyKey::new)
}

fn sku(value: Input<'_, '_>, field: &str) -> Result<Sku> {
    parsed(value, field, Sku::new)
}

fn location(value: Input<'_, '_>, field: &str) -> Result<LocationId> {
    parsed(value, field, LocationId::new)
}

fn order_id(value: Input<'_, '_>) -> Result<OrderId> {
    parsed(value, "order_id", OrderId::new)
}

fn enumerated<T>(value: Input<'_, '_>, field: &str, parse: fn(&str) -> Result<T>) -> Result<T> {
    parsed(value, field, |text| parse(&text))
}

/// `[{"sku", "quantity", "unit_price", "discount"?}, ...]`.
fn order_lines(value: Input<'_, '_>) -> Result<Vec<LineInput>> {
    let items = sequence(value, "lines")?;
    let mut lines = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let line = record(item, &format!("lines[{index}]"), &["sku", "quantity", "unit_price", "discount"])?;
        lines.push(LineInput {
            sku: sku(&line.required("sku")?, &line.path("sku"))?,
            quantity: quantity(&line.required("quantity")?, &line.path("quantity"))?,
            unit_price: amount(&line.required("unit_price")?, &line.path("unit_price"))?,
            discount: optional_amount(line.optional("discount")?.as_ref(), &line.path("discount"))?,
        });
    }
    Ok(lines)
}

/// `[{"line_number", "quantity"}, ...]`.
fn cancelled_lines(value: Input<'_, '_>) -> Result<Vec<LineQuantity>> {
    let items = sequence(value, "lines")?;
    let mut lines = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let line = record(item, &format!("lines[{index}]"), &["line_number", "quantity"])?;
        let field = line.path("line_number");
        let line_number = count(&line.required("line_number")?, &field)?;
        lines.push(LineQuantity {
            line_number: u32::try_from(line_number)
                .map_err(|_| Error::InvalidInput { field, message: format!("{line_number} is out of range") })?,
            quantity: quantity(&line.required("quantity")?, &line.path("quantity"))?,
        });
    }
    Ok(lines)
}

/// `{"tax class": rate}`.
fn tax_rates(value: OptionalInput<'_, '_>) -> Result<BTreeMap<TaxClass, rust_decimal::Decimal>> {
    let Some(value) = value.filter(|value| !value.is_none()) else {
        return Ok(BTreeMap::new());
    };
    let dict = value.downcast::<PyDict>().map_err(|_| Error::InvalidInput {
        field: "tax_rates".into(),
        message: "expected a dict of tax class to decimal.Decimal rate".into(),
    })?;
    let mut rates = BTreeMap::new();
    for (key, rate) in dict.iter() {
        let class = parsed(&key, "tax_rates", TaxClass::new)?;
        let rate = amount(&rate, &format!("tax_rates[{:?}]", class.as_str()))?;
        rates.insert(class, rate);
    }
    Ok(rates)
}

fn strings(value: Input<'_, '_>, field: &str) -> Result<Vec<LocationId>> {
    sequence(value, field)?
        .iter()
        .enumerate()
        .map(|(index, item)| location(item, &format!("{field}[{index}]")))
        .collect()
}

/// The order management service: catalogue, stock and orders over an
/// in-memory or SQLite store. Safe to share between threads; every call
/// releases the GIL while the core works.
#[pyclass(frozen, module = "oms")]
pub(crate) struct Oms {
    inner: oms_core::Oms,
}

#[pymethods]
impl Oms {
    /// A service over a fresh in-memory store.
    #[staticmethod]
    fn in_memory() -> Oms {
        Oms { inner: oms_core::Oms::in_memory() }
    }

    /// Opens a SQLite file (created if missing), `sqlite:PATH`, or `:memory:`.
    #[staticmethod]
    fn open(py: Python<'_>, target: Input<'_, '_>) -> PyResult<Oms> {
        call(py, || path(target), |target| oms_core::Oms::open(&target)).map(|inner| Oms { inner })
    }

    #[pyo3(signature = (*, id, kind, region))]
    fn upsert_location(
        &self,
        py: Python<'_>,
        id: Input<'_, '_>,
        kind: Input<'_, '_>,
        region: Input<'_, '_>,
    ) -> PyResult<Location> {
        let read = || {
            Ok(UpsertLocation {
                id: location(id, "id")?,
                kind: enumerated(kind, "kind", LocationKind::parse)?,
                region: text(region, "region")?,
            })
        };
        call(py, read, |command| self.inner.upsert_location(command)).map(Location::from)
    }

    #[pyo3(
        signature = (*, id, kind, currency, locations, prices_include_tax = None, rounding_mode = None, rounding_level = None, tax_rates = None),
        text_signature = "(self, *, id, kind, currency, locations, prices_include_tax=False, rounding_mode='half_up', rounding_level='line', tax_rates=None)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn upsert_channel(
        &self,
        py: Python<'_>,
        id: Input<'_, '_>,
        kind: Input<'_, '_>,
        currency: Input<'_, '_>,
        locations: Input<'_, '_>,
        prices_include_tax: OptionalInput<'_, '_>,
        rounding_mode: OptionalInput<'_, '_>,
        rounding_level: OptionalInput<'_, '_>,
        tax_rates: OptionalInput<'_, '_>,
    ) -> PyResult<Channel> {
        let read = || {
            Ok(UpsertChannel {
                id: parsed(id, "id", ChannelId::new)?,
                kind: enumerated(kind, "kind", ChannelKind::parse)?,
                currency: enumerated(currency, "currency", Currency::parse)?,
                locations: strings(locations, "locations")?,
                prices_include_tax: flag(prices_include_tax, "prices_include_tax")?,
                rounding: RoundingPolicy {
                    mode: optional_parsed(rounding_mode, "rounding_mode", |text| RoundingMode::parse(&text))?
                        .unwrap_or_default(),
                    level: optional_parsed(rounding_level, "rounding_level", |text| RoundingLevel::parse(&text))?
                        .unwrap_or_default(),
                },
                tax_rates: self::tax_rates(tax_rates)?,
            })
        };
        call(py, read, |command| self.inner.upsert_channel(command)).map(Channel::from)
    }

    #[pyo3(signature = (*, sku, name, tax_class = None), text_signature = "(self, *, sku, name, tax_class='standard')")]
    fn upsert_product(
        &self,
        py: Python<'_>,
        sku: Input<'_, '_>,
        name: Input<'_, '_>,
        tax_class: OptionalInput<'_, '_>,
    ) -> PyResult<Product> {
        let read = || {
            Ok(UpsertProduct {
                sku: self::sku(sku, "sku")?,
                name: text(name, "name")?,
                tax_class: optional_parsed(tax_class, "tax_class", TaxClass::new)?.unwrap_or_else(TaxClass::standard),
            })
        };
        call(py, read, |command| self.inner.upsert_product(command)).map(Product::from)
    }

    #[pyo3(signature = (*, sku, location, quantity, idempotency_key = None))]
    fn receive_stock(
        &self,
        py: Python<'_>,
        sku: Input<'_, '_>,
        location: Input<'_, '_>,
        quantity: Input<'_, '_>,
        idempotency_key: OptionalInput<'_, '_>,
    ) -> PyResult<StockLevel> {
        let read = || {
            Ok(ReceiveStock {
                sku: self::sku(sku, "sku")?,
                location: self::location(location, "location")?,
                quantity: self::quantity(quantity, "quantity")?,
                idempotency_key: self::idempotency_key(idempotency_key)?,
            })
        };
        call(py, read, |command| self.inner.receive_stock(command)).map(StockLevel::from)
    }

    #[pyo3(signature = (*, sku, location, quantity_delta, idempotency_key = None))]
    fn adjust_stock(
        &self,
        py: Python<'_>,
        sku: Input<'_, '_>,
        location: Input<'_, '_>,
        quantity_delta: Input<'_, '_>,
        idempotency_key: OptionalInput<'_, '_>,
    ) -> PyResult<StockLevel> {
        let read = || {
            Ok(AdjustStock {
                sku: self::sku(sku, "sku")?,
                location: self::location(location, "location")?,
                quantity_delta: quantity(quantity_delta, "quantity_delta")?,
                idempotency_key: self::idempotency_key(idempotency_key)?,
            })
        };
        call(py, read, |command| self.inner.adjust_stock(command)).map(StockLevel::from)
    }

    #[pyo3(signature = (*, sku, location))]
    fn stock_level(&self, py: Python<'_>, sku: Input<'_, '_>, location: Input<'_, '_>) -> PyResult<StockLevel> {
        let read = || Ok((self::sku(sku, "sku")?, self::location(location, "location")?));
        call(py, read, |(sku, location)| self.inner.stock_level(&sku, &location)).map(StockLevel::from)
    }

    #[pyo3(signature = (*, sku = None, location = None))]
    fn stock_levels(
        &self,
        py: Python<'_>,
        sku: OptionalInput<'_, '_>,
        location: OptionalInput<'_, '_>,
    ) -> PyResult<Vec<StockLevel>> {
        let read =
            || Ok((optional_parsed(sku, "sku", Sku::new)?, optional_parsed(location, "location", LocationId::new)?));
        let levels = call(py, read, |(sku, location)| self.inner.stock_levels(sku.as_ref(), location.as_ref()))?;
        Ok(levels.into_iter().map(StockLevel::from).collect())
    }

    #[pyo3(signature = (*, sku, channel))]
    fn available(&self, py: Python<'_>, sku: Input<'_, '_>, channel: Input<'_, '_>) -> PyResult<i64> {
        let read = || Ok((self::sku(sku, "sku")?, parsed(channel, "channel", ChannelId::new)?));
        call(py, read, |(sku, channel)| self.inner.available(&sku, &channel))
    }

    #[pyo3(signature = (*, sku, location, after = None, limit = None), text_signature = "(self, *, sku, location, after=0, limit=None)")]
    fn movements(
        &self,
        py: Python<'_>,
        sku: Input<'_, '_>,
        location: Input<'_, '_>,
        after: OptionalInput<'_, '_>,
        limit: OptionalInput<'_, '_>,
    ) -> PyResult<Vec<Movement>> {
        let read = || {
            Ok((
                self::sku(sku, "sku")?,
                self::location(location, "location")?,
                after.filter(|after| !after.is_none()).map(|after| count(after, "after")).transpose()?.unwrap_or(0),
                optional_limit(limit, "limit")?,
            ))
        };
        let movements =
            call(py, read, |(sku, location, after, limit)| self.inner.movements(&sku, &location, after, limit))?;
        Ok(movements.into_iter().map(Movement::from).collect())
    }

    #[pyo3(signature = (*, channel, customer_email, lines, idempotency_key = None, currency = None, order_discount = None, shipping = None))]
    #[allow(clippy::too_many_arguments)]
    fn place_order(
        &self,
        py: Python<'_>,
        channel: Input<'_, '_>,
        customer_email: Input<'_, '_>,
        lines: Input<'_, '_>,
        idempotency_key: OptionalInput<'_, '_>,
        currency: OptionalInput<'_, '_>,
        order_discount: OptionalInput<'_, '_>,
        shipping: OptionalInput<'_, '_>,
    ) -> PyResult<Order> {
        let read = || {
            Ok(PlaceOrder {
                channel: parsed(channel, "channel", ChannelId::new)?,
                customer_email: parsed(customer_email, "customer_email", Email::new)?,
                currency: optional_parsed(currency, "currency", |text| Currency::parse(&text))?,
                lines: order_lines(lines)?,
                order_discount: optional_amount(order_discount, "order_discount")?,
                shipping: optional_amount(shipping, "shipping")?,
                idempotency_key: self::idempotency_key(idempotency_key)?,
            })
        };
        call(py, read, |command| self.inner.place_order(command)).map(Order::from)
    }

    fn get_order(&self, py: Python<'_>, order_id: Input<'_, '_>) -> PyResult<Order> {
        call(py, || self::order_id(order_id), |id| self.inner.get_order(&id)).map(Order::from)
    }

    #[pyo3(signature = (*, customer_email = None, channel = None, status = None, after = None, limit = None))]
    fn list_orders(
        &self,
        py: Python<'_>,
        customer_email: OptionalInput<'_, '_>,
        channel: OptionalInput<'_, '_>,
        status: OptionalInput<'_, '_>,
        after: OptionalInput<'_, '_>,
        limit: OptionalInput<'_, '_>,
    ) -> PyResult<OrderPage> {
        let read = || {
            Ok(OrderQuery {
                customer_email: optional_parsed(customer_email, "customer_email", Email::new)?,
                channel: optional_parsed(channel, "channel", ChannelId::new)?,
                status: optional_parsed(status, "status", |text| OrderStatus::parse(&text))?,
                after: optional_text(after, "after")?,
                limit: optional_limit(limit, "limit")?,
            })
        };
        call(py, read, |query| self.inner.list_orders(&query)).map(OrderPage::from)
    }

    #[pyo3(signature = (order_id, *, reason = None, idempotency_key = None))]
    fn cancel_order(
        &self,
        py: Python<'_>,
        order_id: Input<'_, '_>,
        reason: OptionalInput<'_, '_>,
        idempotency_key: OptionalInput<'_, '_>,
    ) -> PyResult<Order> {
        let read = || {
            Ok(CancelOrder {
                order_id: self::order_id(order_id)?,
                reason: optional_text(reason, "reason")?,
                idempotency_key: self::idempotency_key(idempotency_key)?,
            })
        };
        call(py, read, |command| self.inner.cancel_order(command)).map(Order::from)
    }

    #[pyo3(signature = (order_id, *, lines, idempotency_key = None))]
    fn cancel_lines(
        &self,
        py: Python<'_>,
        order_id: Input<'_, '_>,
        lines: Input<'_, '_>,
        idempotency_key: OptionalInput<'_, '_>,
    ) -> PyResult<Order> {
        let read = || {
            Ok(CancelLines {
                order_id: self::order_id(order_id)?,
                lines: cancelled_lines(lines)?,
                idempotency_key: self::idempotency_key(idempotency_key)?,
            })
        };
        call(py, read, |command| self.inner.cancel_lines(command)).map(Order::from)
    }

    #[pyo3(signature = (order_id, *, reason, idempotency_key = None))]
    fn hold_order(
        &self,
        py: Python<'_>,
        order_id: Input<'_, '_>,
        reason: Input<'_, '_>,
        idempotency_key: OptionalInput<'_, '_>,
    ) -> PyResult<Order> {
        let read = || {
            Ok(HoldOrder {
                order_id: self::order_id(order_id)?,
                reason: text(reason, "reason")?,
                idempotency_key: self::idempotency_key(idempotency_key)?,
            })
        };
        call(py, read, |command| self.inner.hold_order(command)).map(Order::from)
    }

    #[pyo3(signature = (order_id, *, idempotency_key = None))]
    fn release_hold(
        &self,
        py: Python<'_>,
        order_id: Input<'_, '_>,
        idempotency_key: OptionalInput<'_, '_>,
    ) -> PyResult<Order> {
        let read = || {
            Ok(ReleaseHold {
                order_id: self::order_id(order_id)?,
                idempotency_key: self::idempotency_key(idempotency_key)?,
            })
        };
        call(py, read, |command| self.inner.release_hold(command)).map(Order::from)
    }

    /// Orders per status, as `{status: count}`.
    fn order_status_counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let counts = call(py, || Ok(()), |()| self.inner.order_status_counts())?;
        let dict = PyDict::new(py);
        for (status, count) in counts {
            dict.set_item(status.as_str(), count)?;
        }
        Ok(dict)
    }

    #[pyo3(signature = (cursor = None, limit = None), text_signature = "(self, cursor=0, limit=None)")]
    fn events_since(
        &self,
        py: Python<'_>,
        cursor: OptionalInput<'_, '_>,
        limit: OptionalInput<'_, '_>,
    ) -> PyResult<Vec<Event>> {
        let read = || {
            Ok((
                cursor
                    .filter(|cursor| !cursor.is_none())
                    .map(|cursor| count(cursor, "cursor"))
                    .transpose()?
                    .unwrap_or(0),
                optional_limit(limit, "limit")?,
            ))
        };
        let records = call(py, read, |(cursor, limit)| self.inner.events_since(cursor, limit))?;
        records.iter().map(|record| Event::new(py, record)).collect()
    }

    fn audit(&self, py: Python<'_>) -> PyResult<AuditReport> {
        call(py, || Ok(()), |()| self.inner.audit()).map(AuditReport::from)
    }

    fn __repr__(&self) -> String {
        "<oms.Oms>".into()
    }
}

/// A `bool` flag (not any truthy object).
fn flag(value: OptionalInput<'_, '_>, field: &str) -> Result<bool> {
    match value.filter(|value| !value.is_none()) {
        None => Ok(false),
        Some(value) => value
            .extract::<bool>()
            .map_err(|_| Error::InvalidInput { field: field.into(), message: "expected bool".into() }),
    }
}

/// A storage target: a `str` or an `os.PathLike`.
fn path(target: Input<'_, '_>) -> Result<String> {
    if target.is_instance_of::<PyString>() {
        return text(target, "target");
    }
    let path = target
        .extract::<std::path::PathBuf>()
        .map_err(|_| Error::InvalidInput { field: "target".into(), message: "expected str or os.PathLike".into() })?;
    path.into_os_string()
        .into_string()
        .map_err(|_| Error::InvalidInput { field: "target".into(), message: "path is not valid UTF-8".into() })
}
