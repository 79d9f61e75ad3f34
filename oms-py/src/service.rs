//! `oms.Oms`: every operation of the core service, with the Python names and
//! keyword arguments of docs/API.md.
//!
//! Each method reads its arguments into a core command (naming the field of
//! any bad value), then runs the core with the GIL released and panics caught,
//! and converts the result into a record. Errors go through `to_py_err`.

use std::collections::BTreeMap;
use std::sync::{PoisonError, RwLock};

use oms_core::catalog::{PickupFallback, SplitPolicy};
use oms_core::commands::{
    AvailabilityQuery, CountStock, RejectAllocation, ReleaseReservation, RequestTransfer, ReservationLine,
    ReserveStock, SetRegionDistance, StockQuantity, TransferStep,
};
use oms_core::error::catch_panic;
use oms_core::ids::{ReservationId, TransferId};
use oms_core::{
    AdjustStock, CancelLines, CancelOrder, ChannelId, ChannelKind, Currency, Email, Error, HoldOrder, IdempotencyKey,
    LineInput, LineQuantity, LocationId, LocationKind, OrderId, OrderQuery, OrderStatus, PlaceOrder, ReleaseHold,
    RoundingLevel, RoundingMode, RoundingPolicy, Sku, TaxClass, UpsertChannel, UpsertLocation, UpsertProduct,
};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::convert::{
    amount, flag, integer, mapping, optional_amount, optional_flag, optional_integer, optional_parsed, optional_text,
    parsed, quantity, record, sequence, text, Bounds, Result,
};
use crate::errors::to_py_err;
use crate::records::{
    AllocationPlan, AuditReport, Availability, Channel, Event, Location, Movement, Order, OrderPage, Product,
    ProductPage, ReplayReport, Reservation, StockLevel, Transfer,
};

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

fn channel_id(value: Input<'_, '_>) -> Result<ChannelId> {
    parsed(value, "channel", ChannelId::new)
}

fn reservation_id(value: Input<'_, '_>) -> Result<ReservationId> {
    parsed(value, "reservation_id", ReservationId::new)
}

fn transfer_id(value: Input<'_, '_>) -> Result<TransferId> {
    parsed(value, "transfer_id", TransferId::new)
}

fn optional_location(value: OptionalInput<'_, '_>, field: &str) -> Result<Option<LocationId>> {
    optional_parsed(value, field, LocationId::new)
}

/// The arguments `place_order` and `plan_allocation` share, as a command
/// without idempotency key, reservation or explanation.
#[allow(clippy::too_many_arguments)]
fn order_command(
    channel: Input<'_, '_>,
    customer_email: Input<'_, '_>,
    lines: Input<'_, '_>,
    currency: OptionalInput<'_, '_>,
    order_discount: OptionalInput<'_, '_>,
    shipping: OptionalInput<'_, '_>,
    pickup_location: OptionalInput<'_, '_>,
    ship_to_region: OptionalInput<'_, '_>,
) -> Result<PlaceOrder> {
    let channel = channel_id(channel)?;
    let customer_email = parsed(customer_email, "customer_email", Email::new)?;
    let currency = optional_parsed(currency, "currency", |text| Currency::parse(&text))?;
    let mut command = PlaceOrder::new(channel, customer_email, order_lines(lines)?);
    command.currency = currency;
    command.order_discount = optional_amount(order_discount, "order_discount")?;
    command.shipping = optional_amount(shipping, "shipping")?;
    command.pickup_location = optional_location(pickup_location, "pickup_location")?;
    command.ship_to_region = optional_text(ship_to_region, "ship_to_region")?;
    Ok(command)
}

/// `[{"sku", "quantity"}, ...]`.
fn reservation_lines(value: Input<'_, '_>) -> Result<Vec<ReservationLine>> {
    let items = sequence(value, "lines")?;
    let mut lines = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let line = record(item, &format!("lines[{index}]"), &["sku", "quantity"])?;
        lines.push(ReservationLine {
            sku: sku(line.required("sku")?, &line.path("sku"))?,
            quantity: quantity(line.required("quantity")?, &line.path("quantity"))?,
        });
    }
    Ok(lines)
}

fn skus(value: Input<'_, '_>) -> Result<Vec<Sku>> {
    sequence(value, "skus")?.iter().enumerate().map(|(index, item)| sku(item, &format!("skus[{index}]"))).collect()
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
            sku: sku(line.required("sku")?, &line.path("sku"))?,
            quantity: quantity(line.required("quantity")?, &line.path("quantity"))?,
            unit_price: amount(line.required("unit_price")?, &line.path("unit_price"))?,
            discount: optional_amount(line.optional("discount"), &line.path("discount"))?,
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
        lines.push(LineQuantity {
            line_number: integer(line.required("line_number")?, &field, &Bounds::SMALL_COUNT)?,
            quantity: quantity(line.required("quantity")?, &line.path("quantity"))?,
        });
    }
    Ok(lines)
}

/// `{"tax class": rate}`.
fn tax_rates(value: OptionalInput<'_, '_>) -> Result<BTreeMap<TaxClass, rust_decimal::Decimal>> {
    let Some(value) = value.filter(|value| !value.is_none()) else {
        return Ok(BTreeMap::new());
    };
    let mut rates = BTreeMap::new();
    for (key, rate) in mapping(value, "tax_rates")? {
        // One path per rate, `tax_rates.reduced`, whichever part of it is wrong: the core
        // and the Node binding (`taxRates.reduced`) name it the same way.
        let class = text(&key, "tax_rates")?;
        let field = format!("tax_rates.{class}");
        let class = TaxClass::new(class).map_err(|error| error.at(&field))?;
        rates.insert(class, amount(&rate, &field)?);
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
/// in-memory, SQLite or PostgreSQL store. Safe to share between threads; every call
/// releases the GIL while the core works. `close()` (or leaving a `with` block)
/// releases the store; any call after it raises `StorageError` (`store_closed`).
#[pyclass(frozen, module = "oms")]
pub(crate) struct Oms {
    /// The core service, `None` once closed. Calls hold the read lock while
    /// they run, so `close()` waits for the calls in flight on other threads.
    store: RwLock<Option<oms_core::Oms>>,
}

impl Oms {
    fn new(store: oms_core::Oms) -> Oms {
        Oms { store: RwLock::new(Some(store)) }
    }

    /// Reads a command with the GIL held, then runs `body` on it and the open
    /// store with the GIL released and any panic turned into `internal_error`.
    fn run<C, T>(
        &self,
        py: Python<'_>,
        read: impl FnOnce() -> Result<C>,
        body: impl FnOnce(&oms_core::Oms, C) -> Result<T> + Send,
    ) -> PyResult<T>
    where
        C: Send,
        T: Send,
    {
        let command = read().map_err(to_py_err)?;
        py.allow_threads(|| {
            let store = self.store.read().unwrap_or_else(PoisonError::into_inner);
            let store = store.as_ref().ok_or(Error::Closed)?;
            catch_panic(|| body(store, command))
        })
        .map_err(to_py_err)
    }
}

#[pymethods]
impl Oms {
    /// A service over a fresh in-memory store; `clock` (an oms.ManualClock) replaces the system clock.
    #[staticmethod]
    #[pyo3(signature = (*, clock = None))]
    fn in_memory(py: Python<'_>, clock: OptionalInput<'_, '_>) -> PyResult<Oms> {
        let clock = crate::clock::optional_clock(clock).map_err(to_py_err)?;
        call(
            py,
            || Ok(()),
            |()| match clock {
                Some(clock) => oms_core::Oms::open_with_clock(":memory:", clock),
                None => Ok(oms_core::Oms::in_memory()),
            },
        )
        .map(Oms::new)
    }

    /// Opens a SQLite file (created if missing), `sqlite:PATH`, `:memory:`, or a
    /// `postgres://` URL (`?schema=NAME` picks the shop's schema); `clock` (an
    /// oms.ManualClock) replaces the system clock.
    #[staticmethod]
    #[pyo3(signature = (target, *, clock = None))]
    fn open(py: Python<'_>, target: Input<'_, '_>, clock: OptionalInput<'_, '_>) -> PyResult<Oms> {
        let read = || Ok((path(target)?, crate::clock::optional_clock(clock)?));
        call(py, read, |(target, clock)| match clock {
            Some(clock) => oms_core::Oms::open_with_clock(&target, clock),
            None => oms_core::Oms::open(&target),
        })
        .map(Oms::new)
    }

    /// Releases the store (closes the SQLite file or the PostgreSQL connections)
    /// after the calls in flight on other threads finish. Any later call raises
    /// StorageError with code store_closed. Closing twice is harmless.
    fn close(&self, py: Python<'_>) {
        py.allow_threads(|| {
            let closed = self.store.write().unwrap_or_else(PoisonError::into_inner).take();
            drop(closed);
        });
    }

    /// True once close() has run.
    #[getter]
    fn closed(&self, py: Python<'_>) -> bool {
        py.allow_threads(|| self.store.read().unwrap_or_else(PoisonError::into_inner).is_none())
    }

    /// `with oms.Oms.open(path) as shop:` gives the service and closes it on leaving the block.
    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    /// Closes the store; exceptions from the block propagate.
    #[pyo3(signature = (_exc_type = None, _exc_value = None, _traceback = None))]
    fn __exit__(
        &self,
        py: Python<'_>,
        _exc_type: OptionalInput<'_, '_>,
        _exc_value: OptionalInput<'_, '_>,
        _traceback: OptionalInput<'_, '_>,
    ) -> bool {
        self.close(py);
        false
    }

    /// One product by SKU (product_not_found if there is none).
    fn get_product(&self, py: Python<'_>, sku: Input<'_, '_>) -> PyResult<Product> {
        self.run(py, || self::sku(sku, "sku"), |oms, sku| oms.get_product(&sku)).map(Product::from)
    }

    /// Products in SKU order, one page at a time: after is the next_cursor of the
    /// previous page (None for the first); limit defaults to 100, at most 1,000.
    #[pyo3(signature = (*, after = None, limit = None))]
    fn list_products(
        &self,
        py: Python<'_>,
        after: OptionalInput<'_, '_>,
        limit: OptionalInput<'_, '_>,
    ) -> PyResult<ProductPage> {
        let read = || Ok((optional_text(after, "after")?, optional_integer(limit, "limit", &Bounds::PAGE_LIMIT)?));
        self.run(py, read, |oms, (after, limit)| oms.list_products(after.as_deref(), limit)).map(ProductPage::from)
    }

    /// One location by id (location_not_found if there is none).
    fn get_location(&self, py: Python<'_>, id: Input<'_, '_>) -> PyResult<Location> {
        self.run(py, || location(id, "id"), |oms, id| oms.get_location(&id)).map(Location::from)
    }

    /// Every location, by id.
    fn list_locations(&self, py: Python<'_>) -> PyResult<Vec<Location>> {
        let locations = self.run(py, || Ok(()), |oms, ()| oms.list_locations())?;
        Ok(locations.into_iter().map(Location::from).collect())
    }

    /// One channel by id (channel_not_found if there is none).
    fn get_channel(&self, py: Python<'_>, id: Input<'_, '_>) -> PyResult<Channel> {
        self.run(py, || parsed(id, "id", ChannelId::new), |oms, id| oms.get_channel(&id)).map(Channel::from)
    }

    /// Every channel, by id.
    fn list_channels(&self, py: Python<'_>) -> PyResult<Vec<Channel>> {
        let channels = self.run(py, || Ok(()), |oms, ()| oms.list_channels())?;
        Ok(channels.into_iter().map(Channel::from).collect())
    }

    /// Creates or updates a location (warehouse, store or third_party_logistics); returns the stored Location.
    #[pyo3(
        signature = (*, id, kind, region, ships = None, offers_pickup = None, ships_from_store = None, daily_capacity = None, priority = None),
        text_signature = "(self, *, id, kind, region, ships=None, offers_pickup=None, ships_from_store=False, daily_capacity=None, priority=None)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn upsert_location(
        &self,
        py: Python<'_>,
        id: Input<'_, '_>,
        kind: Input<'_, '_>,
        region: Input<'_, '_>,
        ships: OptionalInput<'_, '_>,
        offers_pickup: OptionalInput<'_, '_>,
        ships_from_store: OptionalInput<'_, '_>,
        daily_capacity: OptionalInput<'_, '_>,
        priority: OptionalInput<'_, '_>,
    ) -> PyResult<Location> {
        let read = || {
            Ok(UpsertLocation {
                id: location(id, "id")?,
                kind: enumerated(kind, "kind", LocationKind::parse)?,
                region: text(region, "region")?,
                ships: optional_flag(ships, "ships")?,
                offers_pickup: optional_flag(offers_pickup, "offers_pickup")?,
                ships_from_store: flag(ships_from_store, "ships_from_store")?,
                daily_capacity: optional_integer(daily_capacity, "daily_capacity", &Bounds::CAPACITY)?,
                priority: optional_integer(priority, "priority", &Bounds::PRIORITY)?,
            })
        };
        self.run(py, read, |oms, command| oms.upsert_location(command)).map(Location::from)
    }

    /// Creates or updates a sales channel: its currency, locations, tax and rounding policy, safety stock and allocation strategy; returns the stored Channel.
    #[pyo3(
        signature = (*, id, kind, currency, locations, prices_include_tax = None, rounding_mode = None, rounding_level = None, tax_rates = None, safety_stock = None, allow_backorders = None, split_policy = None, pickup_fallback = None, strategy = None, max_distance_km = None),
        text_signature = "(self, *, id, kind, currency, locations, prices_include_tax=False, rounding_mode='half_up', rounding_level='line', tax_rates=None, safety_stock=0, allow_backorders=False, split_policy='fewest_shipments', pickup_fallback='reject', strategy=None, max_distance_km=None)"
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
        safety_stock: OptionalInput<'_, '_>,
        allow_backorders: OptionalInput<'_, '_>,
        split_policy: OptionalInput<'_, '_>,
        pickup_fallback: OptionalInput<'_, '_>,
        strategy: OptionalInput<'_, '_>,
        max_distance_km: OptionalInput<'_, '_>,
    ) -> PyResult<Channel> {
        let read = || {
            let mut command = UpsertChannel::new(
                parsed(id, "id", ChannelId::new)?,
                enumerated(kind, "kind", ChannelKind::parse)?,
                enumerated(currency, "currency", Currency::parse)?,
                strings(locations, "locations")?,
            );
            command.prices_include_tax = flag(prices_include_tax, "prices_include_tax")?;
            command.rounding = RoundingPolicy {
                mode: optional_parsed(rounding_mode, "rounding_mode", |text| RoundingMode::parse(&text))?
                    .unwrap_or_default(),
                level: optional_parsed(rounding_level, "rounding_level", |text| RoundingLevel::parse(&text))?
                    .unwrap_or_default(),
            };
            command.tax_rates = self::tax_rates(tax_rates)?;
            if let Some(units) = optional_integer(safety_stock, "safety_stock", &Bounds::CAPACITY)? {
                command.safety_stock = units;
            }
            command.allow_backorders = flag(allow_backorders, "allow_backorders")?;
            if let Some(policy) = optional_parsed(split_policy, "split_policy", |text| SplitPolicy::parse(&text))? {
                command.split_policy = policy;
            }
            if let Some(fallback) =
                optional_parsed(pickup_fallback, "pickup_fallback", |text| PickupFallback::parse(&text))?
            {
                command.pickup_fallback = fallback;
            }
            command.strategy = optional_text(strategy, "strategy")?;
            command.max_distance_km = optional_integer(max_distance_km, "max_distance_km", &Bounds::SMALL_COUNT)?;
            Ok(command)
        };
        self.run(py, read, |oms, command| oms.upsert_channel(command)).map(Channel::from)
    }

    /// Creates or updates a product by SKU; returns the stored Product.
    #[pyo3(
        signature = (*, sku, name, tax_class = None, backorderable = None),
        text_signature = "(self, *, sku, name, tax_class='standard', backorderable=False)"
    )]
    fn upsert_product(
        &self,
        py: Python<'_>,
        sku: Input<'_, '_>,
        name: Input<'_, '_>,
        tax_class: OptionalInput<'_, '_>,
        backorderable: OptionalInput<'_, '_>,
    ) -> PyResult<Product> {
        let read = || {
            Ok(UpsertProduct {
                sku: self::sku(sku, "sku")?,
                name: text(name, "name")?,
                tax_class: optional_parsed(tax_class, "tax_class", TaxClass::new)?.unwrap_or_else(TaxClass::standard),
                backorderable: flag(backorderable, "backorderable")?,
            })
        };
        self.run(py, read, |oms, command| oms.upsert_product(command)).map(Product::from)
    }

    /// Adds received units to on hand at a location (filling backorders first); returns the StockLevel.
    #[pyo3(signature = (*, sku, location, quantity, idempotency_key = None))]
    fn receive_stock(
        &self,
        py: Python<'_>,
        sku: Input<'_, '_>,
        location: Input<'_, '_>,
        quantity: Input<'_, '_>,
        idempotency_key: OptionalInput<'_, '_>,
    ) -> PyResult<StockLevel> {
        let read = || stock_quantity(sku, location, quantity, idempotency_key);
        self.run(py, read, |oms, command| oms.receive_stock(command)).map(StockLevel::from)
    }

    /// Records the distance in km between two regions (both directions), used to rank locations.
    #[pyo3(signature = (*, from_region, to_region, distance_km))]
    fn set_region_distance(
        &self,
        py: Python<'_>,
        from_region: Input<'_, '_>,
        to_region: Input<'_, '_>,
        distance_km: Input<'_, '_>,
    ) -> PyResult<()> {
        let read = || {
            Ok(SetRegionDistance {
                from_region: text(from_region, "from_region")?,
                to_region: text(to_region, "to_region")?,
                distance_km: integer(distance_km, "distance_km", &Bounds::SMALL_COUNT)?,
            })
        };
        self.run(py, read, |oms, command| oms.set_region_distance(command))
    }

    /// Sets on hand at a location to the counted figure, recording the variance; returns the StockLevel.
    #[pyo3(signature = (*, sku, location, counted, idempotency_key = None))]
    fn count_stock(
        &self,
        py: Python<'_>,
        sku: Input<'_, '_>,
        location: Input<'_, '_>,
        counted: Input<'_, '_>,
        idempotency_key: OptionalInput<'_, '_>,
    ) -> PyResult<StockLevel> {
        let read = || {
            Ok(CountStock {
                sku: self::sku(sku, "sku")?,
                location: self::location(location, "location")?,
                counted: integer(counted, "counted", &Bounds::COUNTED)?,
                idempotency_key: self::idempotency_key(idempotency_key)?,
            })
        };
        self.run(py, read, |oms, command| oms.count_stock(command)).map(StockLevel::from)
    }

    /// Moves units from sellable on hand into quarantine; returns the StockLevel.
    #[pyo3(signature = (*, sku, location, quantity, idempotency_key = None))]
    fn quarantine_stock(
        &self,
        py: Python<'_>,
        sku: Input<'_, '_>,
        location: Input<'_, '_>,
        quantity: Input<'_, '_>,
        idempotency_key: OptionalInput<'_, '_>,
    ) -> PyResult<StockLevel> {
        let read = || stock_quantity(sku, location, quantity, idempotency_key);
        self.run(py, read, |oms, command| oms.quarantine_stock(command)).map(StockLevel::from)
    }

    /// Moves units from quarantine back to sellable on hand; returns the StockLevel.
    #[pyo3(signature = (*, sku, location, quantity, idempotency_key = None))]
    fn release_quarantine(
        &self,
        py: Python<'_>,
        sku: Input<'_, '_>,
        location: Input<'_, '_>,
        quantity: Input<'_, '_>,
        idempotency_key: OptionalInput<'_, '_>,
    ) -> PyResult<StockLevel> {
        let read = || stock_quantity(sku, location, quantity, idempotency_key);
        self.run(py, read, |oms, command| oms.release_quarantine(command)).map(StockLevel::from)
    }

    /// Available to promise on a channel for up to 500 SKUs, with the figure per location.
    #[pyo3(signature = (*, channel, skus, region = None, pickup_location = None))]
    fn availability(
        &self,
        py: Python<'_>,
        channel: Input<'_, '_>,
        skus: Input<'_, '_>,
        region: OptionalInput<'_, '_>,
        pickup_location: OptionalInput<'_, '_>,
    ) -> PyResult<Vec<Availability>> {
        let read = || {
            Ok(AvailabilityQuery {
                channel: channel_id(channel)?,
                skus: self::skus(skus)?,
                region: optional_text(region, "region")?,
                pickup_location: optional_location(pickup_location, "pickup_location")?,
            })
        };
        let answers = self.run(py, read, |oms, query| oms.availability(&query))?;
        Ok(answers.into_iter().map(Availability::from).collect())
    }

    /// Reserves a cart's units for ttl_seconds (each line {"sku", "quantity"}); returns the Reservation.
    #[pyo3(signature = (*, reservation_id, channel, lines, ttl_seconds, pickup_location = None, ship_to_region = None, idempotency_key = None))]
    #[allow(clippy::too_many_arguments)]
    fn reserve_stock(
        &self,
        py: Python<'_>,
        reservation_id: Input<'_, '_>,
        channel: Input<'_, '_>,
        lines: Input<'_, '_>,
        ttl_seconds: Input<'_, '_>,
        pickup_location: OptionalInput<'_, '_>,
        ship_to_region: OptionalInput<'_, '_>,
        idempotency_key: OptionalInput<'_, '_>,
    ) -> PyResult<Reservation> {
        let read = || {
            Ok(ReserveStock {
                reservation_id: self::reservation_id(reservation_id)?,
                channel: channel_id(channel)?,
                lines: reservation_lines(lines)?,
                ttl_seconds: integer(ttl_seconds, "ttl_seconds", &Bounds::TTL_SECONDS)?,
                pickup_location: optional_location(pickup_location, "pickup_location")?,
                ship_to_region: optional_text(ship_to_region, "ship_to_region")?,
                idempotency_key: self::idempotency_key(idempotency_key)?,
            })
        };
        self.run(py, read, |oms, command| oms.reserve_stock(command)).map(Reservation::from)
    }

    /// Gives a checkout reservation's units back; returns the Reservation.
    #[pyo3(signature = (reservation_id, *, idempotency_key = None))]
    fn release_reservation(
        &self,
        py: Python<'_>,
        reservation_id: Input<'_, '_>,
        idempotency_key: OptionalInput<'_, '_>,
    ) -> PyResult<Reservation> {
        let read = || {
            Ok(ReleaseReservation {
                reservation_id: self::reservation_id(reservation_id)?,
                idempotency_key: self::idempotency_key(idempotency_key)?,
            })
        };
        self.run(py, read, |oms, command| oms.release_reservation(command)).map(Reservation::from)
    }

    /// Releases every checkout reservation whose time is up; returns their ids.
    fn expire_reservations(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        let ids = self.run(py, || Ok(()), |oms, ()| oms.expire_reservations())?;
        Ok(ids.into_iter().map(String::from).collect())
    }

    /// One checkout reservation by id (reservation_not_found if there is none).
    fn get_reservation(&self, py: Python<'_>, reservation_id: Input<'_, '_>) -> PyResult<Reservation> {
        self.run(py, || self::reservation_id(reservation_id), |oms, id| oms.get_reservation(&id)).map(Reservation::from)
    }

    /// Requests moving units of a SKU between two locations; returns the Transfer.
    #[pyo3(signature = (*, sku, from_location, to_location, quantity, idempotency_key = None))]
    fn request_transfer(
        &self,
        py: Python<'_>,
        sku: Input<'_, '_>,
        from_location: Input<'_, '_>,
        to_location: Input<'_, '_>,
        quantity: Input<'_, '_>,
        idempotency_key: OptionalInput<'_, '_>,
    ) -> PyResult<Transfer> {
        let read = || {
            Ok(RequestTransfer {
                sku: self::sku(sku, "sku")?,
                from_location: location(from_location, "from_location")?,
                to_location: location(to_location, "to_location")?,
                quantity: self::quantity(quantity, "quantity")?,
                idempotency_key: self::idempotency_key(idempotency_key)?,
            })
        };
        self.run(py, read, |oms, command| oms.request_transfer(command)).map(Transfer::from)
    }

    /// Ships a requested transfer: on hand leaves the source, incoming rises at the target.
    #[pyo3(signature = (transfer_id, *, idempotency_key = None))]
    fn ship_transfer(
        &self,
        py: Python<'_>,
        transfer_id: Input<'_, '_>,
        idempotency_key: OptionalInput<'_, '_>,
    ) -> PyResult<Transfer> {
        let read = || transfer_step(transfer_id, idempotency_key);
        self.run(py, read, |oms, command| oms.ship_transfer(command)).map(Transfer::from)
    }

    /// Receives a shipped transfer: incoming becomes on hand at the target.
    #[pyo3(signature = (transfer_id, *, idempotency_key = None))]
    fn receive_transfer(
        &self,
        py: Python<'_>,
        transfer_id: Input<'_, '_>,
        idempotency_key: OptionalInput<'_, '_>,
    ) -> PyResult<Transfer> {
        let read = || transfer_step(transfer_id, idempotency_key);
        self.run(py, read, |oms, command| oms.receive_transfer(command)).map(Transfer::from)
    }

    /// Cancels a transfer before it ships.
    #[pyo3(signature = (transfer_id, *, idempotency_key = None))]
    fn cancel_transfer(
        &self,
        py: Python<'_>,
        transfer_id: Input<'_, '_>,
        idempotency_key: OptionalInput<'_, '_>,
    ) -> PyResult<Transfer> {
        let read = || transfer_step(transfer_id, idempotency_key);
        self.run(py, read, |oms, command| oms.cancel_transfer(command)).map(Transfer::from)
    }

    /// One transfer by id (transfer_not_found if there is none).
    fn get_transfer(&self, py: Python<'_>, transfer_id: Input<'_, '_>) -> PyResult<Transfer> {
        self.run(py, || self::transfer_id(transfer_id), |oms, id| oms.get_transfer(&id)).map(Transfer::from)
    }

    /// Changes on hand at a location by quantity_delta (positive or negative); returns the StockLevel.
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
                quantity_delta: integer(quantity_delta, "quantity_delta", &Bounds::QUANTITY_DELTA)?,
                idempotency_key: self::idempotency_key(idempotency_key)?,
            })
        };
        self.run(py, read, |oms, command| oms.adjust_stock(command)).map(StockLevel::from)
    }

    /// The stock buckets of one SKU at one location.
    #[pyo3(signature = (*, sku, location))]
    fn stock_level(&self, py: Python<'_>, sku: Input<'_, '_>, location: Input<'_, '_>) -> PyResult<StockLevel> {
        let read = || Ok((self::sku(sku, "sku")?, self::location(location, "location")?));
        self.run(py, read, |oms, (sku, location)| oms.stock_level(&sku, &location)).map(StockLevel::from)
    }

    /// Every stock level, optionally of one SKU or at one location.
    #[pyo3(signature = (*, sku = None, location = None))]
    fn stock_levels(
        &self,
        py: Python<'_>,
        sku: OptionalInput<'_, '_>,
        location: OptionalInput<'_, '_>,
    ) -> PyResult<Vec<StockLevel>> {
        let read =
            || Ok((optional_parsed(sku, "sku", Sku::new)?, optional_parsed(location, "location", LocationId::new)?));
        let levels = self.run(py, read, |oms, (sku, location)| oms.stock_levels(sku.as_ref(), location.as_ref()))?;
        Ok(levels.into_iter().map(StockLevel::from).collect())
    }

    /// Units of a SKU available to promise on a channel.
    #[pyo3(signature = (*, sku, channel))]
    fn available(&self, py: Python<'_>, sku: Input<'_, '_>, channel: Input<'_, '_>) -> PyResult<i64> {
        let read = || Ok((self::sku(sku, "sku")?, channel_id(channel)?));
        self.run(py, read, |oms, (sku, channel)| oms.available(&sku, &channel))
    }

    /// Ledger movements of one SKU at one location after a sequence number, oldest first.
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
                optional_integer(after, "after", &Bounds::CURSOR)?.unwrap_or(0),
                optional_integer(limit, "limit", &Bounds::PAGE_LIMIT)?,
            ))
        };
        let movements =
            self.run(py, read, |oms, (sku, location, after, limit)| oms.movements(&sku, &location, after, limit))?;
        Ok(movements.into_iter().map(Movement::from).collect())
    }

    /// Places an order: prices it exactly, allocates its lines (or backorders them) and returns the Order. Each line is {"sku", "quantity", "unit_price", "discount"?}.
    #[pyo3(
        signature = (*, channel, customer_email, lines, idempotency_key = None, currency = None, order_discount = None, shipping = None, pickup_location = None, ship_to_region = None, reservation_id = None, explain = None),
        text_signature = "(self, *, channel, customer_email, lines, idempotency_key=None, currency=None, order_discount=None, shipping=None, pickup_location=None, ship_to_region=None, reservation_id=None, explain=False)"
    )]
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
        pickup_location: OptionalInput<'_, '_>,
        ship_to_region: OptionalInput<'_, '_>,
        reservation_id: OptionalInput<'_, '_>,
        explain: OptionalInput<'_, '_>,
    ) -> PyResult<Order> {
        let read = || {
            let mut command = order_command(
                channel,
                customer_email,
                lines,
                currency,
                order_discount,
                shipping,
                pickup_location,
                ship_to_region,
            )?;
            command.reservation_id = optional_parsed(reservation_id, "reservation_id", ReservationId::new)?;
            command.explain = flag(explain, "explain")?;
            command.idempotency_key = self::idempotency_key(idempotency_key)?;
            Ok(command)
        };
        self.run(py, read, |oms, command| oms.place_order(command)).map(Order::from)
    }

    /// A dry run of place_order: where the units would come from, and why. Writes nothing.
    #[pyo3(signature = (*, channel, customer_email, lines, currency = None, order_discount = None, shipping = None, pickup_location = None, ship_to_region = None))]
    #[allow(clippy::too_many_arguments)]
    fn plan_allocation(
        &self,
        py: Python<'_>,
        channel: Input<'_, '_>,
        customer_email: Input<'_, '_>,
        lines: Input<'_, '_>,
        currency: OptionalInput<'_, '_>,
        order_discount: OptionalInput<'_, '_>,
        shipping: OptionalInput<'_, '_>,
        pickup_location: OptionalInput<'_, '_>,
        ship_to_region: OptionalInput<'_, '_>,
    ) -> PyResult<AllocationPlan> {
        let read = || {
            order_command(
                channel,
                customer_email,
                lines,
                currency,
                order_discount,
                shipping,
                pickup_location,
                ship_to_region,
            )
        };
        self.run(py, read, |oms, command| oms.plan_allocation(command)).map(AllocationPlan::from)
    }

    /// A location could not find a line's goods: writes them off there and re-routes the line; returns the Order.
    #[pyo3(signature = (order_id, *, line_number, location, idempotency_key = None))]
    fn reject_allocation(
        &self,
        py: Python<'_>,
        order_id: Input<'_, '_>,
        line_number: Input<'_, '_>,
        location: Input<'_, '_>,
        idempotency_key: OptionalInput<'_, '_>,
    ) -> PyResult<Order> {
        let read = || {
            Ok(RejectAllocation {
                order_id: self::order_id(order_id)?,
                line_number: integer(line_number, "line_number", &Bounds::SMALL_COUNT)?,
                location: self::location(location, "location")?,
                idempotency_key: self::idempotency_key(idempotency_key)?,
            })
        };
        self.run(py, read, |oms, command| oms.reject_allocation(command)).map(Order::from)
    }

    /// One order by id (order_not_found if there is none).
    fn get_order(&self, py: Python<'_>, order_id: Input<'_, '_>) -> PyResult<Order> {
        self.run(py, || self::order_id(order_id), |oms, id| oms.get_order(&id)).map(Order::from)
    }

    /// Orders, oldest first, filtered by customer, channel or status; one OrderPage at a time (pass next_cursor back as after).
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
                limit: optional_integer(limit, "limit", &Bounds::PAGE_LIMIT)?,
            })
        };
        self.run(py, read, |oms, query| oms.list_orders(&query)).map(OrderPage::from)
    }

    /// Cancels a whole order, releasing its stock; returns the Order.
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
        self.run(py, read, |oms, command| oms.cancel_order(command)).map(Order::from)
    }

    /// Cancels units of single lines (each {"line_number", "quantity"}); returns the Order.
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
        self.run(py, read, |oms, command| oms.cancel_lines(command)).map(Order::from)
    }

    /// Puts an order on hold with a reason; returns the Order.
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
        self.run(py, read, |oms, command| oms.hold_order(command)).map(Order::from)
    }

    /// Releases an order from hold; returns the Order.
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
        self.run(py, read, |oms, command| oms.release_hold(command)).map(Order::from)
    }

    /// Orders per status, as `{status: count}`.
    fn order_status_counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let counts = self.run(py, || Ok(()), |oms, ()| oms.order_status_counts())?;
        let dict = PyDict::new(py);
        for (status, count) in counts {
            dict.set_item(status.as_str(), count)?;
        }
        Ok(dict)
    }

    /// Domain events from the outbox after a cursor (a sequence number), oldest first.
    #[pyo3(signature = (cursor = None, limit = None), text_signature = "(self, cursor=0, limit=None)")]
    fn events_since(
        &self,
        py: Python<'_>,
        cursor: OptionalInput<'_, '_>,
        limit: OptionalInput<'_, '_>,
    ) -> PyResult<Vec<Event>> {
        let read = || {
            Ok((
                optional_integer(cursor, "cursor", &Bounds::CURSOR)?.unwrap_or(0),
                optional_integer(limit, "limit", &Bounds::PAGE_LIMIT)?,
            ))
        };
        let records = self.run(py, read, |oms, (cursor, limit)| oms.events_since(cursor, limit))?;
        Ok(records.into_iter().map(Event::from).collect())
    }

    /// Checks every invariant (the ledger sums to every bucket, nothing negative, nothing oversold).
    fn audit(&self, py: Python<'_>) -> PyResult<AuditReport> {
        self.run(py, || Ok(()), |oms, ()| oms.audit()).map(AuditReport::from)
    }

    /// Rebuilds every order from the outbox's events and compares it with the
    /// stored order (invariant 9: replaying the event log reproduces the state).
    fn verify_replay(&self, py: Python<'_>) -> PyResult<ReplayReport> {
        self.run(py, || Ok(()), |oms, ()| oms.verify_replay()).map(ReplayReport::from)
    }

    /// Units of a SKU on orders placed on a channel, less units cancelled (kept
    /// as orders change, not counted by a scan).
    #[pyo3(signature = (*, sku, channel))]
    fn units_sold(&self, py: Python<'_>, sku: Input<'_, '_>, channel: Input<'_, '_>) -> PyResult<i64> {
        let read = || Ok((self::sku(sku, "sku")?, channel_id(channel)?));
        self.run(py, read, |oms, (sku, channel)| oms.units_sold(&channel, &sku))
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        if self.closed(py) {
            "<oms.Oms (closed)>".into()
        } else {
            "<oms.Oms>".into()
        }
    }
}

/// `sku`, `location`, `quantity` and `idempotency_key` as one command.
fn stock_quantity(
    sku: Input<'_, '_>,
    location: Input<'_, '_>,
    quantity: Input<'_, '_>,
    idempotency_key: OptionalInput<'_, '_>,
) -> Result<StockQuantity> {
    Ok(StockQuantity {
        sku: self::sku(sku, "sku")?,
        location: self::location(location, "location")?,
        quantity: self::quantity(quantity, "quantity")?,
        idempotency_key: self::idempotency_key(idempotency_key)?,
    })
}

fn transfer_step(transfer_id: Input<'_, '_>, idempotency_key: OptionalInput<'_, '_>) -> Result<TransferStep> {
    Ok(TransferStep {
        transfer_id: self::transfer_id(transfer_id)?,
        idempotency_key: self::idempotency_key(idempotency_key)?,
    })
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
