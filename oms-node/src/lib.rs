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

use crate::records::{
    AllocationPlan, AuditReport, Availability, Channel, Event, Location, Movement, Order, OrderPage, Product,
    StockHold, StockLevel, Transfer,
};
use crate::task::{run, spawn, Job};

/// Every permitted change of order status, as `[from, to]` pairs.
#[napi(ts_return_type = "Array<[string, string]>")]
pub fn order_transitions() -> Vec<Vec<String>> {
    oms_core::ORDER_TRANSITIONS
        .iter()
        .map(|(from, to)| vec![from.as_str().to_string(), to.as_str().to_string()])
        .collect()
}

/// Every permitted change of transfer status, as `[from, to]` pairs.
#[napi(ts_return_type = "Array<[string, string]>")]
pub fn transfer_transitions() -> Vec<Vec<String>> {
    oms_core::transfers::TRANSFER_TRANSITIONS
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
    /// `:memory:`, or a `postgres://` URL (`?schema=NAME` picks the shop's schema).
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
        spawn(commands::stock_quantity(input), move |command| oms.receive_stock(command).map(StockLevel::from))
    }

    #[napi(catch_unwind, ts_args_type = "input: ReceiveStockInput")]
    pub fn receive_stock_sync(&self, env: Env, input: JsUnknown) -> napi::Result<StockLevel> {
        run(env, commands::stock_quantity(input), |command| self.inner.receive_stock(command).map(StockLevel::from))
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

    /// Sets the distance between two regions, both ways; locations are ranked by distance from an order's destination.
    #[napi(catch_unwind, ts_args_type = "input: SetRegionDistanceInput", ts_return_type = "Promise<void>")]
    pub fn set_region_distance(&self, input: JsUnknown) -> AsyncTask<Job<()>> {
        let oms = self.inner.clone();
        spawn(commands::set_region_distance(input), move |command| oms.set_region_distance(command))
    }

    #[napi(catch_unwind, ts_args_type = "input: SetRegionDistanceInput")]
    pub fn set_region_distance_sync(&self, env: Env, input: JsUnknown) -> napi::Result<()> {
        run(env, commands::set_region_distance(input), |command| self.inner.set_region_distance(command))
    }

    /// Records a physical count: on hand becomes `counted`, as a `count` movement carrying the variance.
    #[napi(catch_unwind, ts_args_type = "input: CountStockInput", ts_return_type = "Promise<StockLevel>")]
    pub fn count_stock(&self, input: JsUnknown) -> AsyncTask<Job<StockLevel>> {
        let oms = self.inner.clone();
        spawn(commands::count_stock(input), move |command| oms.count_stock(command).map(StockLevel::from))
    }

    #[napi(catch_unwind, ts_args_type = "input: CountStockInput")]
    pub fn count_stock_sync(&self, env: Env, input: JsUnknown) -> napi::Result<StockLevel> {
        run(env, commands::count_stock(input), |command| self.inner.count_stock(command).map(StockLevel::from))
    }

    /// Moves sellable units into quarantine (kept, not sellable).
    #[napi(catch_unwind, ts_args_type = "input: StockQuantityInput", ts_return_type = "Promise<StockLevel>")]
    pub fn quarantine_stock(&self, input: JsUnknown) -> AsyncTask<Job<StockLevel>> {
        let oms = self.inner.clone();
        spawn(commands::stock_quantity(input), move |command| oms.quarantine_stock(command).map(StockLevel::from))
    }

    #[napi(catch_unwind, ts_args_type = "input: StockQuantityInput")]
    pub fn quarantine_stock_sync(&self, env: Env, input: JsUnknown) -> napi::Result<StockLevel> {
        run(env, commands::stock_quantity(input), |command| self.inner.quarantine_stock(command).map(StockLevel::from))
    }

    /// Returns quarantined units to sellable stock.
    #[napi(catch_unwind, ts_args_type = "input: StockQuantityInput", ts_return_type = "Promise<StockLevel>")]
    pub fn release_quarantine(&self, input: JsUnknown) -> AsyncTask<Job<StockLevel>> {
        let oms = self.inner.clone();
        spawn(commands::stock_quantity(input), move |command| oms.release_quarantine(command).map(StockLevel::from))
    }

    #[napi(catch_unwind, ts_args_type = "input: StockQuantityInput")]
    pub fn release_quarantine_sync(&self, env: Env, input: JsUnknown) -> napi::Result<StockLevel> {
        run(env, commands::stock_quantity(input), |command| {
            self.inner.release_quarantine(command).map(StockLevel::from)
        })
    }

    /// Available to promise for each SKU on a channel, with the figure per location.
    #[napi(catch_unwind, ts_args_type = "input: AvailabilityInput", ts_return_type = "Promise<Array<Availability>>")]
    pub fn availability(&self, input: JsUnknown) -> AsyncTask<Job<Vec<Availability>>> {
        let oms = self.inner.clone();
        spawn(commands::availability(input), move |query| {
            oms.availability(&query).map(|answers| answers.into_iter().map(Availability::from).collect())
        })
    }

    #[napi(catch_unwind, ts_args_type = "input: AvailabilityInput")]
    pub fn availability_sync(&self, env: Env, input: JsUnknown) -> napi::Result<Vec<Availability>> {
        run(env, commands::availability(input), |query| {
            self.inner.availability(&query).map(|answers| answers.into_iter().map(Availability::from).collect())
        })
    }

    /// Holds stock for a cart for `ttlSeconds`; placing an order with its `holdId` converts it.
    #[napi(catch_unwind, ts_args_type = "input: HoldStockInput", ts_return_type = "Promise<StockHold>")]
    pub fn hold_stock(&self, input: JsUnknown) -> AsyncTask<Job<StockHold>> {
        let oms = self.inner.clone();
        spawn(commands::hold_stock(input), move |command| oms.hold_stock(command).map(StockHold::from))
    }

    #[napi(catch_unwind, ts_args_type = "input: HoldStockInput")]
    pub fn hold_stock_sync(&self, env: Env, input: JsUnknown) -> napi::Result<StockHold> {
        run(env, commands::hold_stock(input), |command| self.inner.hold_stock(command).map(StockHold::from))
    }

    /// Gives an active checkout hold's stock back now.
    #[napi(
        catch_unwind,
        ts_args_type = "holdId: string, options?: ReleaseStockHoldInput",
        ts_return_type = "Promise<StockHold>"
    )]
    pub fn release_stock_hold(&self, hold_id: JsUnknown, options: Option<JsUnknown>) -> AsyncTask<Job<StockHold>> {
        let oms = self.inner.clone();
        spawn(commands::release_stock_hold(hold_id, options), move |command| {
            oms.release_stock_hold(command).map(StockHold::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "holdId: string, options?: ReleaseStockHoldInput")]
    pub fn release_stock_hold_sync(
        &self,
        env: Env,
        hold_id: JsUnknown,
        options: Option<JsUnknown>,
    ) -> napi::Result<StockHold> {
        run(env, commands::release_stock_hold(hold_id, options), |command| {
            self.inner.release_stock_hold(command).map(StockHold::from)
        })
    }

    /// Releases checkout holds whose time is up; returns their ids.
    #[napi(catch_unwind, ts_return_type = "Promise<Array<string>>")]
    pub fn expire_holds(&self) -> AsyncTask<Job<Vec<String>>> {
        let oms = self.inner.clone();
        spawn(Ok(()), move |()| oms.expire_holds().map(|ids| ids.into_iter().map(String::from).collect()))
    }

    #[napi(catch_unwind)]
    pub fn expire_holds_sync(&self, env: Env) -> napi::Result<Vec<String>> {
        run(env, Ok(()), |()| self.inner.expire_holds().map(|ids| ids.into_iter().map(String::from).collect()))
    }

    /// One checkout hold by id.
    #[napi(catch_unwind, ts_args_type = "holdId: string", ts_return_type = "Promise<StockHold>")]
    pub fn get_stock_hold(&self, hold_id: JsUnknown) -> AsyncTask<Job<StockHold>> {
        let oms = self.inner.clone();
        spawn(commands::hold_id(hold_id), move |id| oms.get_stock_hold(&id).map(StockHold::from))
    }

    #[napi(catch_unwind, ts_args_type = "holdId: string")]
    pub fn get_stock_hold_sync(&self, env: Env, hold_id: JsUnknown) -> napi::Result<StockHold> {
        run(env, commands::hold_id(hold_id), |id| self.inner.get_stock_hold(&id).map(StockHold::from))
    }

    /// Asks to move units of a SKU between locations; nothing moves until it ships.
    #[napi(catch_unwind, ts_args_type = "input: RequestTransferInput", ts_return_type = "Promise<Transfer>")]
    pub fn request_transfer(&self, input: JsUnknown) -> AsyncTask<Job<Transfer>> {
        let oms = self.inner.clone();
        spawn(commands::request_transfer(input), move |command| oms.request_transfer(command).map(Transfer::from))
    }

    #[napi(catch_unwind, ts_args_type = "input: RequestTransferInput")]
    pub fn request_transfer_sync(&self, env: Env, input: JsUnknown) -> napi::Result<Transfer> {
        run(env, commands::request_transfer(input), |command| self.inner.request_transfer(command).map(Transfer::from))
    }

    /// The transfer leaves its source: on hand drops there and the target's incoming rises.
    #[napi(
        catch_unwind,
        ts_args_type = "transferId: string, options?: TransferStepInput",
        ts_return_type = "Promise<Transfer>"
    )]
    pub fn ship_transfer(&self, transfer_id: JsUnknown, options: Option<JsUnknown>) -> AsyncTask<Job<Transfer>> {
        let oms = self.inner.clone();
        spawn(commands::transfer_step(transfer_id, options), move |command| {
            oms.ship_transfer(command).map(Transfer::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "transferId: string, options?: TransferStepInput")]
    pub fn ship_transfer_sync(
        &self,
        env: Env,
        transfer_id: JsUnknown,
        options: Option<JsUnknown>,
    ) -> napi::Result<Transfer> {
        run(env, commands::transfer_step(transfer_id, options), |command| {
            self.inner.ship_transfer(command).map(Transfer::from)
        })
    }

    /// The transfer arrives: the target's incoming becomes on hand.
    #[napi(
        catch_unwind,
        ts_args_type = "transferId: string, options?: TransferStepInput",
        ts_return_type = "Promise<Transfer>"
    )]
    pub fn receive_transfer(&self, transfer_id: JsUnknown, options: Option<JsUnknown>) -> AsyncTask<Job<Transfer>> {
        let oms = self.inner.clone();
        spawn(commands::transfer_step(transfer_id, options), move |command| {
            oms.receive_transfer(command).map(Transfer::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "transferId: string, options?: TransferStepInput")]
    pub fn receive_transfer_sync(
        &self,
        env: Env,
        transfer_id: JsUnknown,
        options: Option<JsUnknown>,
    ) -> napi::Result<Transfer> {
        run(env, commands::transfer_step(transfer_id, options), |command| {
            self.inner.receive_transfer(command).map(Transfer::from)
        })
    }

    /// Cancels a transfer that has not shipped.
    #[napi(
        catch_unwind,
        ts_args_type = "transferId: string, options?: TransferStepInput",
        ts_return_type = "Promise<Transfer>"
    )]
    pub fn cancel_transfer(&self, transfer_id: JsUnknown, options: Option<JsUnknown>) -> AsyncTask<Job<Transfer>> {
        let oms = self.inner.clone();
        spawn(commands::transfer_step(transfer_id, options), move |command| {
            oms.cancel_transfer(command).map(Transfer::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "transferId: string, options?: TransferStepInput")]
    pub fn cancel_transfer_sync(
        &self,
        env: Env,
        transfer_id: JsUnknown,
        options: Option<JsUnknown>,
    ) -> napi::Result<Transfer> {
        run(env, commands::transfer_step(transfer_id, options), |command| {
            self.inner.cancel_transfer(command).map(Transfer::from)
        })
    }

    /// One transfer by id.
    #[napi(catch_unwind, ts_args_type = "transferId: string", ts_return_type = "Promise<Transfer>")]
    pub fn get_transfer(&self, transfer_id: JsUnknown) -> AsyncTask<Job<Transfer>> {
        let oms = self.inner.clone();
        spawn(commands::transfer_id(transfer_id), move |id| oms.get_transfer(&id).map(Transfer::from))
    }

    #[napi(catch_unwind, ts_args_type = "transferId: string")]
    pub fn get_transfer_sync(&self, env: Env, transfer_id: JsUnknown) -> napi::Result<Transfer> {
        run(env, commands::transfer_id(transfer_id), |id| self.inner.get_transfer(&id).map(Transfer::from))
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

    /// Places an order: prices it exactly and allocates every line (the
    /// shortfall backordered where the product or channel allows), or rejects
    /// it (`insufficient_stock`, ...) leaving nothing written.
    #[napi(catch_unwind, ts_args_type = "input: PlaceOrderInput", ts_return_type = "Promise<Order>")]
    pub fn place_order(&self, input: JsUnknown) -> AsyncTask<Job<Order>> {
        let oms = self.inner.clone();
        spawn(commands::place_order(input), move |command| oms.place_order(command).map(Order::from))
    }

    #[napi(catch_unwind, ts_args_type = "input: PlaceOrderInput")]
    pub fn place_order_sync(&self, env: Env, input: JsUnknown) -> napi::Result<Order> {
        run(env, commands::place_order(input), |command| self.inner.place_order(command).map(Order::from))
    }

    /// Plans an order's allocation without writing anything (a dry run), with its explanation.
    #[napi(catch_unwind, ts_args_type = "input: PlanAllocationInput", ts_return_type = "Promise<AllocationPlan>")]
    pub fn plan_allocation(&self, input: JsUnknown) -> AsyncTask<Job<AllocationPlan>> {
        let oms = self.inner.clone();
        spawn(commands::plan_allocation(input), move |command| oms.plan_allocation(command).map(AllocationPlan::from))
    }

    #[napi(catch_unwind, ts_args_type = "input: PlanAllocationInput")]
    pub fn plan_allocation_sync(&self, env: Env, input: JsUnknown) -> napi::Result<AllocationPlan> {
        run(env, commands::plan_allocation(input), |command| {
            self.inner.plan_allocation(command).map(AllocationPlan::from)
        })
    }

    /// A location could not find a line's goods: they are written off there and the line is re-routed or backordered.
    #[napi(
        catch_unwind,
        ts_args_type = "orderId: string, options: RejectAllocationInput",
        ts_return_type = "Promise<Order>"
    )]
    pub fn reject_allocation(&self, order_id: JsUnknown, options: JsUnknown) -> AsyncTask<Job<Order>> {
        let oms = self.inner.clone();
        spawn(commands::reject_allocation(order_id, options), move |command| {
            oms.reject_allocation(command).map(Order::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string, options: RejectAllocationInput")]
    pub fn reject_allocation_sync(&self, env: Env, order_id: JsUnknown, options: JsUnknown) -> napi::Result<Order> {
        run(env, commands::reject_allocation(order_id, options), |command| {
            self.inner.reject_allocation(command).map(Order::from)
        })
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
