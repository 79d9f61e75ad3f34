//! Node.js binding of `oms-core`, built with napi-rs.
//!
//! Every operation that touches storage exists twice: `foo(...)` returns a
//! Promise and runs the core call on libuv's thread pool, and `fooSync(...)`
//! runs it on the calling thread. Arguments are read and validated on the
//! calling thread in both forms. The binding holds no business rules: it
//! converts JavaScript values to core commands and core records back.
//!
//! Errors are JavaScript `Error`s with the core's `code`, `field` and
//! `category`; `index.js` (the package entry point) rethrows them as the
//! exported `OmsError` class.
//!
//! - `input.rs`: reading JavaScript values with precise error paths;
//! - `commands.rs`: arguments → core commands; `shapes.rs`: their TypeScript shapes;
//! - `records.rs`: core records → plain JavaScript objects;
//! - `task.rs`: the async job; `error.rs`: core errors → JavaScript errors.

mod commands;
mod error;
mod input;
mod records;
mod shapes;
mod task;

use std::collections::BTreeMap;
use std::sync::Arc;

use napi::bindgen_prelude::AsyncTask;
use napi::{Env, JsUnknown};
use napi_derive::napi;

use crate::records::{AuditReport, Channel, Event, Location, Movement, Order, OrderPage, Product, StockLevel};
use crate::task::{run, spawn, Job};

/// Every permitted change of order status, as `[from, to]` pairs.
#[napi(ts_return_type = "Array<[string, string]>")]
pub fn order_transitions() -> Vec<Vec<String>> {
    oms_core::ORDER_TRANSITIONS
        .iter()
        .map(|(from, to)| vec![from.as_str().to_string(), to.as_str().to_string()])
        .collect()
}

/// Every error code the library can report.
#[napi]
pub fn error_codes() -> Vec<String> {
    oms_core::Error::CODES.iter().map(|code| (*code).to_string()).collect()
}

/// The order management service over one store. Create it with
/// `Oms.open(target)` or `Oms.inMemory()`; it is safe to use from many
/// concurrent async calls.
#[napi]
pub struct Oms {
    inner: Arc<oms_core::Oms>,
}

#[napi]
impl Oms {
    /// Opens a store: a SQLite file path (created if missing), `sqlite:PATH`,
    /// or `:memory:`.
    #[napi(factory, catch_unwind, ts_args_type = "target: string")]
    pub fn open(env: Env, target: JsUnknown) -> napi::Result<Oms> {
        run(env, commands::target(target), |target| oms_core::Oms::open(&target))
            .map(|oms| Oms { inner: Arc::new(oms) })
    }

    /// A service over a fresh in-memory store.
    #[napi(factory, catch_unwind)]
    pub fn in_memory() -> Oms {
        Oms { inner: Arc::new(oms_core::Oms::in_memory()) }
    }

    /// Creates or replaces a location.
    #[napi(catch_unwind, ts_args_type = "input: UpsertLocationInput", ts_return_type = "Promise<Location>")]
    pub fn upsert_location(&self, input: JsUnknown) -> AsyncTask<Job<Location>> {
        let oms = self.inner.clone();
        spawn(commands::upsert_location(input), move |command| oms.upsert_location(command).map(Location::from))
    }

    #[napi(catch_unwind, ts_args_type = "input: UpsertLocationInput")]
    pub fn upsert_location_sync(&self, env: Env, input: JsUnknown) -> napi::Result<Location> {
        run(env, commands::upsert_location(input), |command| self.inner.upsert_location(command).map(Location::from))
    }

    /// Creates or replaces a channel; every location it names must exist.
    #[napi(catch_unwind, ts_args_type = "input: UpsertChannelInput", ts_return_type = "Promise<Channel>")]
    pub fn upsert_channel(&self, input: JsUnknown) -> AsyncTask<Job<Channel>> {
        let oms = self.inner.clone();
        spawn(commands::upsert_channel(input), move |command| oms.upsert_channel(command).map(Channel::from))
    }

    #[napi(catch_unwind, ts_args_type = "input: UpsertChannelInput")]
    pub fn upsert_channel_sync(&self, env: Env, input: JsUnknown) -> napi::Result<Channel> {
        run(env, commands::upsert_channel(input), |command| self.inner.upsert_channel(command).map(Channel::from))
    }

    /// Creates or replaces a product.
    #[napi(catch_unwind, ts_args_type = "input: UpsertProductInput", ts_return_type = "Promise<Product>")]
    pub fn upsert_product(&self, input: JsUnknown) -> AsyncTask<Job<Product>> {
        let oms = self.inner.clone();
        spawn(commands::upsert_product(input), move |command| oms.upsert_product(command).map(Product::from))
    }

    #[napi(catch_unwind, ts_args_type = "input: UpsertProductInput")]
    pub fn upsert_product_sync(&self, env: Env, input: JsUnknown) -> napi::Result<Product> {
        run(env, commands::upsert_product(input), |command| self.inner.upsert_product(command).map(Product::from))
    }

    /// Goods arrived at a location: on hand rises by `quantity`.
    #[napi(catch_unwind, ts_args_type = "input: ReceiveStockInput", ts_return_type = "Promise<StockLevel>")]
    pub fn receive_stock(&self, input: JsUnknown) -> AsyncTask<Job<StockLevel>> {
        let oms = self.inner.clone();
        spawn(commands::receive_stock(input), move |command| oms.receive_stock(command).map(StockLevel::from))
    }

    #[napi(catch_unwind, ts_args_type = "input: ReceiveStockInput")]
    pub fn receive_stock_sync(&self, env: Env, input: JsUnknown) -> napi::Result<StockLevel> {
        run(env, commands::receive_stock(input), |command| self.inner.receive_stock(command).map(StockLevel::from))
    }

    /// Corrects on hand by a signed delta.
    #[napi(catch_unwind, ts_args_type = "input: AdjustStockInput", ts_return_type = "Promise<StockLevel>")]
    pub fn adjust_stock(&self, input: JsUnknown) -> AsyncTask<Job<StockLevel>> {
        let oms = self.inner.clone();
        spawn(commands::adjust_stock(input), move |command| oms.adjust_stock(command).map(StockLevel::from))
    }

    #[napi(catch_unwind, ts_args_type = "input: AdjustStockInput")]
    pub fn adjust_stock_sync(&self, env: Env, input: JsUnknown) -> napi::Result<StockLevel> {
        run(env, commands::adjust_stock(input), |command| self.inner.adjust_stock(command).map(StockLevel::from))
    }

    /// The stock of one SKU at one location.
    #[napi(catch_unwind, ts_args_type = "input: StockLevelInput", ts_return_type = "Promise<StockLevel>")]
    pub fn stock_level(&self, input: JsUnknown) -> AsyncTask<Job<StockLevel>> {
        let oms = self.inner.clone();
        spawn(commands::stock_pair(input), move |(sku, location)| {
            oms.stock_level(&sku, &location).map(StockLevel::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "input: StockLevelInput")]
    pub fn stock_level_sync(&self, env: Env, input: JsUnknown) -> napi::Result<StockLevel> {
        run(env, commands::stock_pair(input), |(sku, location)| {
            self.inner.stock_level(&sku, &location).map(StockLevel::from)
        })
    }

    /// Stock levels, optionally of one SKU and/or at one location.
    #[napi(catch_unwind, ts_args_type = "input?: StockLevelsInput", ts_return_type = "Promise<Array<StockLevel>>")]
    pub fn stock_levels(&self, input: Option<JsUnknown>) -> AsyncTask<Job<Vec<StockLevel>>> {
        let oms = self.inner.clone();
        spawn(commands::stock_filter(input), move |(sku, location)| {
            oms.stock_levels(sku.as_ref(), location.as_ref())
                .map(|levels| levels.into_iter().map(StockLevel::from).collect())
        })
    }

    #[napi(catch_unwind, ts_args_type = "input?: StockLevelsInput")]
    pub fn stock_levels_sync(&self, env: Env, input: Option<JsUnknown>) -> napi::Result<Vec<StockLevel>> {
        run(env, commands::stock_filter(input), |(sku, location)| {
            self.inner
                .stock_levels(sku.as_ref(), location.as_ref())
                .map(|levels| levels.into_iter().map(StockLevel::from).collect())
        })
    }

    /// Units of a SKU the channel can still promise.
    #[napi(catch_unwind, ts_args_type = "input: AvailableInput", ts_return_type = "Promise<number>")]
    pub fn available(&self, input: JsUnknown) -> AsyncTask<Job<i64>> {
        let oms = self.inner.clone();
        spawn(commands::available(input), move |(sku, channel)| oms.available(&sku, &channel))
    }

    #[napi(catch_unwind, ts_args_type = "input: AvailableInput")]
    pub fn available_sync(&self, env: Env, input: JsUnknown) -> napi::Result<i64> {
        run(env, commands::available(input), |(sku, channel)| self.inner.available(&sku, &channel))
    }

    /// The stock ledger of one SKU at one location, oldest first.
    #[napi(catch_unwind, ts_args_type = "input: MovementsInput", ts_return_type = "Promise<Array<Movement>>")]
    pub fn movements(&self, input: JsUnknown) -> AsyncTask<Job<Vec<Movement>>> {
        let oms = self.inner.clone();
        spawn(commands::movements(input), move |query| {
            oms.movements(&query.sku, &query.location, query.after, query.limit)
                .map(|movements| movements.into_iter().map(Movement::from).collect())
        })
    }

    #[napi(catch_unwind, ts_args_type = "input: MovementsInput")]
    pub fn movements_sync(&self, env: Env, input: JsUnknown) -> napi::Result<Vec<Movement>> {
        run(env, commands::movements(input), |query| {
            self.inner
                .movements(&query.sku, &query.location, query.after, query.limit)
                .map(|movements| movements.into_iter().map(Movement::from).collect())
        })
    }

    /// Places an order: prices it exactly and allocates every line, or
    /// rejects it (`insufficient_stock`, ...) leaving nothing written.
    #[napi(catch_unwind, ts_args_type = "input: PlaceOrderInput", ts_return_type = "Promise<Order>")]
    pub fn place_order(&self, input: JsUnknown) -> AsyncTask<Job<Order>> {
        let oms = self.inner.clone();
        spawn(commands::place_order(input), move |command| oms.place_order(command).map(Order::from))
    }

    #[napi(catch_unwind, ts_args_type = "input: PlaceOrderInput")]
    pub fn place_order_sync(&self, env: Env, input: JsUnknown) -> napi::Result<Order> {
        run(env, commands::place_order(input), |command| self.inner.place_order(command).map(Order::from))
    }

    /// One order by id.
    #[napi(catch_unwind, ts_args_type = "orderId: string", ts_return_type = "Promise<Order>")]
    pub fn get_order(&self, order_id: JsUnknown) -> AsyncTask<Job<Order>> {
        let oms = self.inner.clone();
        spawn(commands::order_id(order_id), move |id| oms.get_order(&id).map(Order::from))
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string")]
    pub fn get_order_sync(&self, env: Env, order_id: JsUnknown) -> napi::Result<Order> {
        run(env, commands::order_id(order_id), |id| self.inner.get_order(&id).map(Order::from))
    }

    /// Orders matching the filters, oldest first, one page at a time.
    #[napi(catch_unwind, ts_args_type = "input?: ListOrdersInput", ts_return_type = "Promise<OrderPage>")]
    pub fn list_orders(&self, input: Option<JsUnknown>) -> AsyncTask<Job<OrderPage>> {
        let oms = self.inner.clone();
        spawn(commands::list_orders(input), move |query| oms.list_orders(&query).map(OrderPage::from))
    }

    #[napi(catch_unwind, ts_args_type = "input?: ListOrdersInput")]
    pub fn list_orders_sync(&self, env: Env, input: Option<JsUnknown>) -> napi::Result<OrderPage> {
        run(env, commands::list_orders(input), |query| self.inner.list_orders(&query).map(OrderPage::from))
    }

    /// Cancels every unit that has not shipped and releases its stock.
    #[napi(
        catch_unwind,
        ts_args_type = "orderId: string, options?: CancelOrderInput",
        ts_return_type = "Promise<Order>"
    )]
    pub fn cancel_order(&self, order_id: JsUnknown, options: Option<JsUnknown>) -> AsyncTask<Job<Order>> {
        let oms = self.inner.clone();
        spawn(commands::cancel_order(order_id, options), move |command| oms.cancel_order(command).map(Order::from))
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string, options?: CancelOrderInput")]
    pub fn cancel_order_sync(&self, env: Env, order_id: JsUnknown, options: Option<JsUnknown>) -> napi::Result<Order> {
        run(env, commands::cancel_order(order_id, options), |command| self.inner.cancel_order(command).map(Order::from))
    }

    /// Cancels some units of some lines and releases their stock.
    #[napi(
        catch_unwind,
        ts_args_type = "orderId: string, options: CancelLinesInput",
        ts_return_type = "Promise<Order>"
    )]
    pub fn cancel_lines(&self, order_id: JsUnknown, options: JsUnknown) -> AsyncTask<Job<Order>> {
        let oms = self.inner.clone();
        spawn(commands::cancel_lines(order_id, options), move |command| oms.cancel_lines(command).map(Order::from))
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string, options: CancelLinesInput")]
    pub fn cancel_lines_sync(&self, env: Env, order_id: JsUnknown, options: JsUnknown) -> napi::Result<Order> {
        run(env, commands::cancel_lines(order_id, options), |command| self.inner.cancel_lines(command).map(Order::from))
    }

    /// Puts an order on hold; it keeps its stock until released or cancelled.
    #[napi(catch_unwind, ts_args_type = "orderId: string, options: HoldOrderInput", ts_return_type = "Promise<Order>")]
    pub fn hold_order(&self, order_id: JsUnknown, options: JsUnknown) -> AsyncTask<Job<Order>> {
        let oms = self.inner.clone();
        spawn(commands::hold_order(order_id, options), move |command| oms.hold_order(command).map(Order::from))
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string, options: HoldOrderInput")]
    pub fn hold_order_sync(&self, env: Env, order_id: JsUnknown, options: JsUnknown) -> napi::Result<Order> {
        run(env, commands::hold_order(order_id, options), |command| self.inner.hold_order(command).map(Order::from))
    }

    /// Releases a hold; the order returns to the status its quantities imply.
    #[napi(
        catch_unwind,
        ts_args_type = "orderId: string, options?: ReleaseHoldInput",
        ts_return_type = "Promise<Order>"
    )]
    pub fn release_hold(&self, order_id: JsUnknown, options: Option<JsUnknown>) -> AsyncTask<Job<Order>> {
        let oms = self.inner.clone();
        spawn(commands::release_hold(order_id, options), move |command| oms.release_hold(command).map(Order::from))
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string, options?: ReleaseHoldInput")]
    pub fn release_hold_sync(&self, env: Env, order_id: JsUnknown, options: Option<JsUnknown>) -> napi::Result<Order> {
        run(env, commands::release_hold(order_id, options), |command| self.inner.release_hold(command).map(Order::from))
    }

    /// How many orders are in each status (statuses without orders are absent).
    #[napi(catch_unwind, ts_return_type = "Promise<Record<string, number>>")]
    pub fn order_status_counts(&self) -> AsyncTask<Job<BTreeMap<String, i64>>> {
        let oms = self.inner.clone();
        spawn(Ok(()), move |()| oms.order_status_counts().map(records::status_counts))
    }

    #[napi(catch_unwind)]
    pub fn order_status_counts_sync(&self, env: Env) -> napi::Result<BTreeMap<String, i64>> {
        run(env, Ok(()), |()| self.inner.order_status_counts().map(records::status_counts))
    }

    /// Outbox events after `cursor` (0, the default, for the beginning), oldest first.
    #[napi(catch_unwind, ts_args_type = "cursor?: number, limit?: number", ts_return_type = "Promise<Array<Event>>")]
    pub fn events_since(&self, cursor: Option<JsUnknown>, limit: Option<JsUnknown>) -> AsyncTask<Job<Vec<Event>>> {
        let oms = self.inner.clone();
        spawn(commands::events_since(cursor, limit), move |(cursor, limit)| {
            oms.events_since(cursor, limit).map(|events| events.into_iter().map(Event::from).collect())
        })
    }

    #[napi(catch_unwind, ts_args_type = "cursor?: number, limit?: number")]
    pub fn events_since_sync(
        &self,
        env: Env,
        cursor: Option<JsUnknown>,
        limit: Option<JsUnknown>,
    ) -> napi::Result<Vec<Event>> {
        run(env, commands::events_since(cursor, limit), |(cursor, limit)| {
            self.inner.events_since(cursor, limit).map(|events| events.into_iter().map(Event::from).collect())
        })
    }

    /// Checks every invariant that can be checked from stored state.
    #[napi(catch_unwind, ts_return_type = "Promise<AuditReport>")]
    pub fn audit(&self) -> AsyncTask<Job<AuditReport>> {
        let oms = self.inner.clone();
        spawn(Ok(()), move |()| oms.audit().map(AuditReport::from))
    }

    #[napi(catch_unwind)]
    pub fn audit_sync(&self, env: Env) -> napi::Result<AuditReport> {
        run(env, Ok(()), |()| self.inner.audit().map(AuditReport::from))
    }
}
