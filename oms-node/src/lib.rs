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
//! - `task.rs`: running calls and settling promises; `error.rs`: core errors →
//!   JavaScript errors; `js.rs`: the raw N-API calls, every status checked.

mod commands;
mod error;
mod input;
mod js;
mod records;
mod shapes;
mod task;

use std::collections::BTreeMap;
use std::sync::Arc;

use napi::Env;
use napi_derive::napi;
use oms_core::error::catch_panic;

use crate::js::Js;
use crate::records::{
    AllocationPlan, AuditReport, Availability, Channel, Event, Location, Movement, Order, OrderPage, Product,
    StockHold, StockLevel, Transfer,
};
use crate::task::{run, spawn, thrown, Promise, Returned};

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
    pub fn open(env: Env, target: Js) -> napi::Result<Oms> {
        // Errors are not converted to JavaScript spelling: the options they
        // name (`group_commit`, `schema`) are text the caller wrote inside
        // the target string, not keys of a JavaScript object.
        commands::target(target)
            .and_then(|target| catch_panic(|| oms_core::Oms::open(&target)))
            .map(|oms| Oms { inner: Arc::new(oms) })
            .map_err(|error| thrown(env, &error))
    }

    /// A service over a fresh in-memory store.
    #[napi(factory, catch_unwind)]
    pub fn in_memory() -> Oms {
        Oms { inner: Arc::new(oms_core::Oms::in_memory()) }
    }

    /// Creates or replaces a location.
    #[napi(catch_unwind, ts_args_type = "input: UpsertLocationInput", ts_return_type = "Promise<Location>")]
    pub fn upsert_location(&self, env: Env, input: Js) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::upsert_location(input), move |command| oms.upsert_location(command).map(Location::from))
    }

    #[napi(catch_unwind, ts_args_type = "input: UpsertLocationInput", ts_return_type = "Location")]
    pub fn upsert_location_sync(&self, input: Js) -> Returned<Location> {
        run(commands::upsert_location(input), |command| self.inner.upsert_location(command).map(Location::from))
    }

    /// Creates or replaces a channel; every location it names must exist.
    #[napi(catch_unwind, ts_args_type = "input: UpsertChannelInput", ts_return_type = "Promise<Channel>")]
    pub fn upsert_channel(&self, env: Env, input: Js) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::upsert_channel(input), move |command| oms.upsert_channel(command).map(Channel::from))
    }

    #[napi(catch_unwind, ts_args_type = "input: UpsertChannelInput", ts_return_type = "Channel")]
    pub fn upsert_channel_sync(&self, input: Js) -> Returned<Channel> {
        run(commands::upsert_channel(input), |command| self.inner.upsert_channel(command).map(Channel::from))
    }

    /// Creates or replaces a product.
    #[napi(catch_unwind, ts_args_type = "input: UpsertProductInput", ts_return_type = "Promise<Product>")]
    pub fn upsert_product(&self, env: Env, input: Js) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::upsert_product(input), move |command| oms.upsert_product(command).map(Product::from))
    }

    #[napi(catch_unwind, ts_args_type = "input: UpsertProductInput", ts_return_type = "Product")]
    pub fn upsert_product_sync(&self, input: Js) -> Returned<Product> {
        run(commands::upsert_product(input), |command| self.inner.upsert_product(command).map(Product::from))
    }

    /// Goods arrived at a location: on hand rises by `quantity`.
    #[napi(catch_unwind, ts_args_type = "input: ReceiveStockInput", ts_return_type = "Promise<StockLevel>")]
    pub fn receive_stock(&self, env: Env, input: Js) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::stock_quantity(input), move |command| oms.receive_stock(command).map(StockLevel::from))
    }

    #[napi(catch_unwind, ts_args_type = "input: ReceiveStockInput", ts_return_type = "StockLevel")]
    pub fn receive_stock_sync(&self, input: Js) -> Returned<StockLevel> {
        run(commands::stock_quantity(input), |command| self.inner.receive_stock(command).map(StockLevel::from))
    }

    /// Corrects on hand by a signed delta.
    #[napi(catch_unwind, ts_args_type = "input: AdjustStockInput", ts_return_type = "Promise<StockLevel>")]
    pub fn adjust_stock(&self, env: Env, input: Js) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::adjust_stock(input), move |command| oms.adjust_stock(command).map(StockLevel::from))
    }

    #[napi(catch_unwind, ts_args_type = "input: AdjustStockInput", ts_return_type = "StockLevel")]
    pub fn adjust_stock_sync(&self, input: Js) -> Returned<StockLevel> {
        run(commands::adjust_stock(input), |command| self.inner.adjust_stock(command).map(StockLevel::from))
    }

    /// Sets the distance between two regions, both ways; locations are ranked by distance from an order's destination.
    #[napi(catch_unwind, ts_args_type = "input: SetRegionDistanceInput", ts_return_type = "Promise<void>")]
    pub fn set_region_distance(&self, env: Env, input: Js) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::set_region_distance(input), move |command| oms.set_region_distance(command))
    }

    #[napi(catch_unwind, ts_args_type = "input: SetRegionDistanceInput", ts_return_type = "void")]
    pub fn set_region_distance_sync(&self, input: Js) -> Returned<()> {
        run(commands::set_region_distance(input), |command| self.inner.set_region_distance(command))
    }

    /// Records a physical count: on hand becomes `counted`, as a `count` movement carrying the variance.
    #[napi(catch_unwind, ts_args_type = "input: CountStockInput", ts_return_type = "Promise<StockLevel>")]
    pub fn count_stock(&self, env: Env, input: Js) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::count_stock(input), move |command| oms.count_stock(command).map(StockLevel::from))
    }

    #[napi(catch_unwind, ts_args_type = "input: CountStockInput", ts_return_type = "StockLevel")]
    pub fn count_stock_sync(&self, input: Js) -> Returned<StockLevel> {
        run(commands::count_stock(input), |command| self.inner.count_stock(command).map(StockLevel::from))
    }

    /// Moves sellable units into quarantine (kept, not sellable).
    #[napi(catch_unwind, ts_args_type = "input: StockQuantityInput", ts_return_type = "Promise<StockLevel>")]
    pub fn quarantine_stock(&self, env: Env, input: Js) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::stock_quantity(input), move |command| oms.quarantine_stock(command).map(StockLevel::from))
    }

    #[napi(catch_unwind, ts_args_type = "input: StockQuantityInput", ts_return_type = "StockLevel")]
    pub fn quarantine_stock_sync(&self, input: Js) -> Returned<StockLevel> {
        run(commands::stock_quantity(input), |command| self.inner.quarantine_stock(command).map(StockLevel::from))
    }

    /// Returns quarantined units to sellable stock.
    #[napi(catch_unwind, ts_args_type = "input: StockQuantityInput", ts_return_type = "Promise<StockLevel>")]
    pub fn release_quarantine(&self, env: Env, input: Js) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::stock_quantity(input), move |command| {
            oms.release_quarantine(command).map(StockLevel::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "input: StockQuantityInput", ts_return_type = "StockLevel")]
    pub fn release_quarantine_sync(&self, input: Js) -> Returned<StockLevel> {
        run(commands::stock_quantity(input), |command| self.inner.release_quarantine(command).map(StockLevel::from))
    }

    /// Available to promise for each SKU on a channel, with the figure per location.
    #[napi(catch_unwind, ts_args_type = "input: AvailabilityInput", ts_return_type = "Promise<Array<Availability>>")]
    pub fn availability(&self, env: Env, input: Js) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::availability(input), move |query| {
            oms.availability(&query).map(|answers| answers.into_iter().map(Availability::from).collect::<Vec<_>>())
        })
    }

    #[napi(catch_unwind, ts_args_type = "input: AvailabilityInput", ts_return_type = "Array<Availability>")]
    pub fn availability_sync(&self, input: Js) -> Returned<Vec<Availability>> {
        run(commands::availability(input), |query| {
            self.inner
                .availability(&query)
                .map(|answers| answers.into_iter().map(Availability::from).collect::<Vec<_>>())
        })
    }

    /// Holds stock for a cart for `ttlSeconds`; placing an order with its `holdId` converts it.
    #[napi(catch_unwind, ts_args_type = "input: HoldStockInput", ts_return_type = "Promise<StockHold>")]
    pub fn hold_stock(&self, env: Env, input: Js) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::hold_stock(input), move |command| oms.hold_stock(command).map(StockHold::from))
    }

    #[napi(catch_unwind, ts_args_type = "input: HoldStockInput", ts_return_type = "StockHold")]
    pub fn hold_stock_sync(&self, input: Js) -> Returned<StockHold> {
        run(commands::hold_stock(input), |command| self.inner.hold_stock(command).map(StockHold::from))
    }

    /// Gives an active checkout hold's stock back now.
    #[napi(
        catch_unwind,
        ts_args_type = "holdId: string, options?: ReleaseStockHoldInput",
        ts_return_type = "Promise<StockHold>"
    )]
    pub fn release_stock_hold(&self, env: Env, hold_id: Js, options: Option<Js>) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::release_stock_hold(hold_id, options), move |command| {
            oms.release_stock_hold(command).map(StockHold::from)
        })
    }

    #[napi(
        catch_unwind,
        ts_args_type = "holdId: string, options?: ReleaseStockHoldInput",
        ts_return_type = "StockHold"
    )]
    pub fn release_stock_hold_sync(&self, hold_id: Js, options: Option<Js>) -> Returned<StockHold> {
        run(commands::release_stock_hold(hold_id, options), |command| {
            self.inner.release_stock_hold(command).map(StockHold::from)
        })
    }

    /// Releases checkout holds whose time is up; returns their ids.
    #[napi(catch_unwind, ts_return_type = "Promise<Array<string>>")]
    pub fn expire_holds(&self, env: Env) -> Promise {
        let oms = self.inner.clone();
        spawn(env, Ok(()), move |()| {
            oms.expire_holds().map(|ids| ids.into_iter().map(String::from).collect::<Vec<_>>())
        })
    }

    #[napi(catch_unwind, ts_return_type = "Array<string>")]
    pub fn expire_holds_sync(&self) -> Returned<Vec<String>> {
        run(Ok(()), |()| self.inner.expire_holds().map(|ids| ids.into_iter().map(String::from).collect::<Vec<_>>()))
    }

    /// One checkout hold by id.
    #[napi(catch_unwind, ts_args_type = "holdId: string", ts_return_type = "Promise<StockHold>")]
    pub fn get_stock_hold(&self, env: Env, hold_id: Js) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::hold_id(hold_id), move |id| oms.get_stock_hold(&id).map(StockHold::from))
    }

    #[napi(catch_unwind, ts_args_type = "holdId: string", ts_return_type = "StockHold")]
    pub fn get_stock_hold_sync(&self, hold_id: Js) -> Returned<StockHold> {
        run(commands::hold_id(hold_id), |id| self.inner.get_stock_hold(&id).map(StockHold::from))
    }

    /// Asks to move units of a SKU between locations; nothing moves until it ships.
    #[napi(catch_unwind, ts_args_type = "input: RequestTransferInput", ts_return_type = "Promise<Transfer>")]
    pub fn request_transfer(&self, env: Env, input: Js) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::request_transfer(input), move |command| oms.request_transfer(command).map(Transfer::from))
    }

    #[napi(catch_unwind, ts_args_type = "input: RequestTransferInput", ts_return_type = "Transfer")]
    pub fn request_transfer_sync(&self, input: Js) -> Returned<Transfer> {
        run(commands::request_transfer(input), |command| self.inner.request_transfer(command).map(Transfer::from))
    }

    /// The transfer leaves its source: on hand drops there and the target's incoming rises.
    #[napi(
        catch_unwind,
        ts_args_type = "transferId: string, options?: TransferStepInput",
        ts_return_type = "Promise<Transfer>"
    )]
    pub fn ship_transfer(&self, env: Env, transfer_id: Js, options: Option<Js>) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::transfer_step(transfer_id, options), move |command| {
            oms.ship_transfer(command).map(Transfer::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "transferId: string, options?: TransferStepInput", ts_return_type = "Transfer")]
    pub fn ship_transfer_sync(&self, transfer_id: Js, options: Option<Js>) -> Returned<Transfer> {
        run(commands::transfer_step(transfer_id, options), |command| {
            self.inner.ship_transfer(command).map(Transfer::from)
        })
    }

    /// The transfer arrives: the target's incoming becomes on hand.
    #[napi(
        catch_unwind,
        ts_args_type = "transferId: string, options?: TransferStepInput",
        ts_return_type = "Promise<Transfer>"
    )]
    pub fn receive_transfer(&self, env: Env, transfer_id: Js, options: Option<Js>) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::transfer_step(transfer_id, options), move |command| {
            oms.receive_transfer(command).map(Transfer::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "transferId: string, options?: TransferStepInput", ts_return_type = "Transfer")]
    pub fn receive_transfer_sync(&self, transfer_id: Js, options: Option<Js>) -> Returned<Transfer> {
        run(commands::transfer_step(transfer_id, options), |command| {
            self.inner.receive_transfer(command).map(Transfer::from)
        })
    }

    /// Cancels a transfer that has not shipped.
    #[napi(
        catch_unwind,
        ts_args_type = "transferId: string, options?: TransferStepInput",
        ts_return_type = "Promise<Transfer>"
    )]
    pub fn cancel_transfer(&self, env: Env, transfer_id: Js, options: Option<Js>) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::transfer_step(transfer_id, options), move |command| {
            oms.cancel_transfer(command).map(Transfer::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "transferId: string, options?: TransferStepInput", ts_return_type = "Transfer")]
    pub fn cancel_transfer_sync(&self, transfer_id: Js, options: Option<Js>) -> Returned<Transfer> {
        run(commands::transfer_step(transfer_id, options), |command| {
            self.inner.cancel_transfer(command).map(Transfer::from)
        })
    }

    /// One transfer by id.
    #[napi(catch_unwind, ts_args_type = "transferId: string", ts_return_type = "Promise<Transfer>")]
    pub fn get_transfer(&self, env: Env, transfer_id: Js) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::transfer_id(transfer_id), move |id| oms.get_transfer(&id).map(Transfer::from))
    }

    #[napi(catch_unwind, ts_args_type = "transferId: string", ts_return_type = "Transfer")]
    pub fn get_transfer_sync(&self, transfer_id: Js) -> Returned<Transfer> {
        run(commands::transfer_id(transfer_id), |id| self.inner.get_transfer(&id).map(Transfer::from))
    }

    /// The stock of one SKU at one location.
    #[napi(catch_unwind, ts_args_type = "input: StockLevelInput", ts_return_type = "Promise<StockLevel>")]
    pub fn stock_level(&self, env: Env, input: Js) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::stock_pair(input), move |(sku, location)| {
            oms.stock_level(&sku, &location).map(StockLevel::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "input: StockLevelInput", ts_return_type = "StockLevel")]
    pub fn stock_level_sync(&self, input: Js) -> Returned<StockLevel> {
        run(commands::stock_pair(input), |(sku, location)| {
            self.inner.stock_level(&sku, &location).map(StockLevel::from)
        })
    }

    /// Stock levels, optionally of one SKU and/or at one location.
    #[napi(catch_unwind, ts_args_type = "input?: StockLevelsInput", ts_return_type = "Promise<Array<StockLevel>>")]
    pub fn stock_levels(&self, env: Env, input: Option<Js>) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::stock_filter(input), move |(sku, location)| {
            oms.stock_levels(sku.as_ref(), location.as_ref())
                .map(|levels| levels.into_iter().map(StockLevel::from).collect::<Vec<_>>())
        })
    }

    #[napi(catch_unwind, ts_args_type = "input?: StockLevelsInput", ts_return_type = "Array<StockLevel>")]
    pub fn stock_levels_sync(&self, input: Option<Js>) -> Returned<Vec<StockLevel>> {
        run(commands::stock_filter(input), |(sku, location)| {
            self.inner
                .stock_levels(sku.as_ref(), location.as_ref())
                .map(|levels| levels.into_iter().map(StockLevel::from).collect::<Vec<_>>())
        })
    }

    /// Units of a SKU the channel can still promise.
    #[napi(catch_unwind, ts_args_type = "input: AvailableInput", ts_return_type = "Promise<number>")]
    pub fn available(&self, env: Env, input: Js) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::available(input), move |(sku, channel)| oms.available(&sku, &channel))
    }

    #[napi(catch_unwind, ts_args_type = "input: AvailableInput", ts_return_type = "number")]
    pub fn available_sync(&self, input: Js) -> Returned<i64> {
        run(commands::available(input), |(sku, channel)| self.inner.available(&sku, &channel))
    }

    /// The stock ledger of one SKU at one location, oldest first.
    #[napi(catch_unwind, ts_args_type = "input: MovementsInput", ts_return_type = "Promise<Array<Movement>>")]
    pub fn movements(&self, env: Env, input: Js) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::movements(input), move |query| {
            oms.movements(&query.sku, &query.location, query.after, query.limit)
                .map(|movements| movements.into_iter().map(Movement::from).collect::<Vec<_>>())
        })
    }

    #[napi(catch_unwind, ts_args_type = "input: MovementsInput", ts_return_type = "Array<Movement>")]
    pub fn movements_sync(&self, input: Js) -> Returned<Vec<Movement>> {
        run(commands::movements(input), |query| {
            self.inner
                .movements(&query.sku, &query.location, query.after, query.limit)
                .map(|movements| movements.into_iter().map(Movement::from).collect::<Vec<_>>())
        })
    }

    /// Places an order: prices it exactly and allocates every line (the
    /// shortfall backordered where the product or channel allows), or rejects
    /// it (`insufficient_stock`, ...) leaving nothing written.
    #[napi(catch_unwind, ts_args_type = "input: PlaceOrderInput", ts_return_type = "Promise<Order>")]
    pub fn place_order(&self, env: Env, input: Js) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::place_order(input), move |command| oms.place_order(command).map(Order::from))
    }

    #[napi(catch_unwind, ts_args_type = "input: PlaceOrderInput", ts_return_type = "Order")]
    pub fn place_order_sync(&self, input: Js) -> Returned<Order> {
        run(commands::place_order(input), |command| self.inner.place_order(command).map(Order::from))
    }

    /// Plans an order's allocation without writing anything (a dry run), with its explanation.
    #[napi(catch_unwind, ts_args_type = "input: PlanAllocationInput", ts_return_type = "Promise<AllocationPlan>")]
    pub fn plan_allocation(&self, env: Env, input: Js) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::plan_allocation(input), move |command| {
            oms.plan_allocation(command).map(AllocationPlan::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "input: PlanAllocationInput", ts_return_type = "AllocationPlan")]
    pub fn plan_allocation_sync(&self, input: Js) -> Returned<AllocationPlan> {
        run(commands::plan_allocation(input), |command| self.inner.plan_allocation(command).map(AllocationPlan::from))
    }

    /// A location could not find a line's goods: they are written off there and the line is re-routed or backordered.
    #[napi(
        catch_unwind,
        ts_args_type = "orderId: string, options: RejectAllocationInput",
        ts_return_type = "Promise<Order>"
    )]
    pub fn reject_allocation(&self, env: Env, order_id: Js, options: Js) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::reject_allocation(order_id, options), move |command| {
            oms.reject_allocation(command).map(Order::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string, options: RejectAllocationInput", ts_return_type = "Order")]
    pub fn reject_allocation_sync(&self, order_id: Js, options: Js) -> Returned<Order> {
        run(commands::reject_allocation(order_id, options), |command| {
            self.inner.reject_allocation(command).map(Order::from)
        })
    }

    /// One order by id.
    #[napi(catch_unwind, ts_args_type = "orderId: string", ts_return_type = "Promise<Order>")]
    pub fn get_order(&self, env: Env, order_id: Js) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::order_id(order_id), move |id| oms.get_order(&id).map(Order::from))
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string", ts_return_type = "Order")]
    pub fn get_order_sync(&self, order_id: Js) -> Returned<Order> {
        run(commands::order_id(order_id), |id| self.inner.get_order(&id).map(Order::from))
    }

    /// Orders matching the filters, oldest first, one page at a time.
    #[napi(catch_unwind, ts_args_type = "input?: ListOrdersInput", ts_return_type = "Promise<OrderPage>")]
    pub fn list_orders(&self, env: Env, input: Option<Js>) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::list_orders(input), move |query| oms.list_orders(&query).map(OrderPage::from))
    }

    #[napi(catch_unwind, ts_args_type = "input?: ListOrdersInput", ts_return_type = "OrderPage")]
    pub fn list_orders_sync(&self, input: Option<Js>) -> Returned<OrderPage> {
        run(commands::list_orders(input), |query| self.inner.list_orders(&query).map(OrderPage::from))
    }

    /// Cancels every unit that has not shipped and releases its stock.
    #[napi(
        catch_unwind,
        ts_args_type = "orderId: string, options?: CancelOrderInput",
        ts_return_type = "Promise<Order>"
    )]
    pub fn cancel_order(&self, env: Env, order_id: Js, options: Option<Js>) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::cancel_order(order_id, options), move |command| oms.cancel_order(command).map(Order::from))
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string, options?: CancelOrderInput", ts_return_type = "Order")]
    pub fn cancel_order_sync(&self, order_id: Js, options: Option<Js>) -> Returned<Order> {
        run(commands::cancel_order(order_id, options), |command| self.inner.cancel_order(command).map(Order::from))
    }

    /// Cancels some units of some lines and releases their stock.
    #[napi(
        catch_unwind,
        ts_args_type = "orderId: string, options: CancelLinesInput",
        ts_return_type = "Promise<Order>"
    )]
    pub fn cancel_lines(&self, env: Env, order_id: Js, options: Js) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::cancel_lines(order_id, options), move |command| oms.cancel_lines(command).map(Order::from))
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string, options: CancelLinesInput", ts_return_type = "Order")]
    pub fn cancel_lines_sync(&self, order_id: Js, options: Js) -> Returned<Order> {
        run(commands::cancel_lines(order_id, options), |command| self.inner.cancel_lines(command).map(Order::from))
    }

    /// Puts an order on hold; it keeps its stock until released or cancelled.
    #[napi(catch_unwind, ts_args_type = "orderId: string, options: HoldOrderInput", ts_return_type = "Promise<Order>")]
    pub fn hold_order(&self, env: Env, order_id: Js, options: Js) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::hold_order(order_id, options), move |command| oms.hold_order(command).map(Order::from))
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string, options: HoldOrderInput", ts_return_type = "Order")]
    pub fn hold_order_sync(&self, order_id: Js, options: Js) -> Returned<Order> {
        run(commands::hold_order(order_id, options), |command| self.inner.hold_order(command).map(Order::from))
    }

    /// Releases a hold; the order returns to the status its quantities imply.
    #[napi(
        catch_unwind,
        ts_args_type = "orderId: string, options?: ReleaseHoldInput",
        ts_return_type = "Promise<Order>"
    )]
    pub fn release_hold(&self, env: Env, order_id: Js, options: Option<Js>) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::release_hold(order_id, options), move |command| oms.release_hold(command).map(Order::from))
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string, options?: ReleaseHoldInput", ts_return_type = "Order")]
    pub fn release_hold_sync(&self, order_id: Js, options: Option<Js>) -> Returned<Order> {
        run(commands::release_hold(order_id, options), |command| self.inner.release_hold(command).map(Order::from))
    }

    /// How many orders are in each status (statuses without orders are absent).
    #[napi(catch_unwind, ts_return_type = "Promise<Record<string, number>>")]
    pub fn order_status_counts(&self, env: Env) -> Promise {
        let oms = self.inner.clone();
        spawn(env, Ok(()), move |()| oms.order_status_counts().map(records::status_counts))
    }

    #[napi(catch_unwind, ts_return_type = "Record<string, number>")]
    pub fn order_status_counts_sync(&self) -> Returned<BTreeMap<String, i64>> {
        run(Ok(()), |()| self.inner.order_status_counts().map(records::status_counts))
    }

    /// Outbox events after `cursor` (0, the default, for the beginning), oldest first.
    #[napi(catch_unwind, ts_args_type = "cursor?: number, limit?: number", ts_return_type = "Promise<Array<Event>>")]
    pub fn events_since(&self, env: Env, cursor: Option<Js>, limit: Option<Js>) -> Promise {
        let oms = self.inner.clone();
        spawn(env, commands::events_since(cursor, limit), move |(cursor, limit)| {
            oms.events_since(cursor, limit).map(|events| events.into_iter().map(Event::from).collect::<Vec<_>>())
        })
    }

    #[napi(catch_unwind, ts_args_type = "cursor?: number, limit?: number", ts_return_type = "Array<Event>")]
    pub fn events_since_sync(&self, cursor: Option<Js>, limit: Option<Js>) -> Returned<Vec<Event>> {
        run(commands::events_since(cursor, limit), |(cursor, limit)| {
            self.inner.events_since(cursor, limit).map(|events| events.into_iter().map(Event::from).collect::<Vec<_>>())
        })
    }

    /// Checks every invariant that can be checked from stored state.
    #[napi(catch_unwind, ts_return_type = "Promise<AuditReport>")]
    pub fn audit(&self, env: Env) -> Promise {
        let oms = self.inner.clone();
        spawn(env, Ok(()), move |()| oms.audit().map(AuditReport::from))
    }

    #[napi(catch_unwind, ts_return_type = "AuditReport")]
    pub fn audit_sync(&self) -> Returned<AuditReport> {
        run(Ok(()), |()| self.inner.audit().map(AuditReport::from))
    }
}
