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

mod clock;
mod commands;
mod error;
mod input;
mod js;
mod records;
mod shapes;
mod task;

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, PoisonError, RwLock};

use napi::Env;
use napi_derive::napi;
use oms_core::error::catch_panic;

use crate::js::Js;
use crate::records::{
    AllocationPlan, AuditReport, Availability, Channel, Event, Location, Movement, Operation, Order, OrderPage,
    Product, ProductPage, ReplayReport, Reservation, StockLevel, Transfer,
};
use crate::task::{run, spawn, thrown, Promise, Returned};

/// Every permitted change of order status, as `[from, to]` pairs.
#[napi(ts_return_type = "Array<[import('./types').OrderStatus, import('./types').OrderStatus]>")]
pub fn order_transitions() -> Vec<Vec<String>> {
    oms_core::ORDER_TRANSITIONS
        .iter()
        .map(|(from, to)| vec![from.as_str().to_string(), to.as_str().to_string()])
        .collect()
}

/// Every permitted change of transfer status, as `[from, to]` pairs.
#[napi(ts_return_type = "Array<[import('./types').TransferStatus, import('./types').TransferStatus]>")]
pub fn transfer_transitions() -> Vec<Vec<String>> {
    oms_core::transfers::TRANSFER_TRANSITIONS
        .iter()
        .map(|(from, to)| vec![from.as_str().to_string(), to.as_str().to_string()])
        .collect()
}

/// The name of every kind of outbox event.
#[napi(ts_return_type = "Array<import('./types').EventType>")]
pub fn event_types() -> Vec<String> {
    oms_core::Event::NAMES.iter().map(|name| (*name).to_string()).collect()
}

/// Every operation of `Oms` (a Promise method and its `Sync` twin each), from the core's operation table.
#[napi]
pub fn operations() -> Vec<Operation> {
    oms_core::OPERATIONS.iter().filter(|operation| operation.kind.is_bound()).map(Operation::from).collect()
}

/// Every error code the library can report.
#[napi(ts_return_type = "Array<import('./types').ErrorCode>")]
pub fn error_codes() -> Vec<String> {
    oms_core::Error::CODES.iter().map(|code| (*code).to_string()).collect()
}

/// The order management service over one store. Create it with
/// `Oms.open(target)` or `Oms.inMemory()`; it is safe to use from many
/// concurrent async calls. `close()` (or `using`) releases the store.
#[napi]
pub struct Oms {
    /// `None` once closed. Each call takes its own reference to the core, so
    /// a call already queued or running when `close()` comes finishes with
    /// the store, which is released when the last such call ends.
    inner: RwLock<Option<Arc<oms_core::Oms>>>,
}

impl Oms {
    fn over(core: oms_core::Oms) -> Oms {
        Oms { inner: RwLock::new(Some(Arc::new(core))) }
    }

    /// The core to run a call on, with the call's parsed arguments: a closed
    /// store is `store_closed` whatever the arguments.
    fn call<A>(&self, arguments: oms_core::Result<A>) -> oms_core::Result<(Arc<oms_core::Oms>, A)> {
        let core = self.inner.read().unwrap_or_else(PoisonError::into_inner).clone().ok_or(oms_core::Error::Closed)?;
        Ok((core, arguments?))
    }
}

#[napi]
impl Oms {
    /// Opens a store: a SQLite file path (created if missing), `sqlite:PATH`,
    /// `:memory:`, or a `postgres://` URL (`?schema=NAME` picks the shop's schema).
    /// `options.clock`, a `ManualClock`, replaces the system clock.
    #[napi(factory, catch_unwind, ts_args_type = "target: string, options?: OpenOptions")]
    pub fn open(env: Env, target: Js, options: Option<Js>) -> napi::Result<Oms> {
        // Errors are not converted to JavaScript spelling: the options they
        // name (`group_commit`, `schema`) are text the caller wrote inside
        // the target string, not keys of a JavaScript object.
        commands::target(target)
            .and_then(|target| Ok((target, commands::clock(options)?)))
            .and_then(|(target, clock)| catch_panic(|| oms_core::Oms::open_with_clock(&target, clock)))
            .map(Oms::over)
            .map_err(|error| thrown(env, &error))
    }

    /// A service over a fresh in-memory store; `options.clock`, a
    /// `ManualClock`, replaces the system clock.
    #[napi(factory, catch_unwind, ts_args_type = "options?: OpenOptions")]
    pub fn in_memory(env: Env, options: Option<Js>) -> napi::Result<Oms> {
        commands::clock(options)
            .and_then(|clock| catch_panic(|| oms_core::Oms::open_with_clock(":memory:", clock)))
            .map(Oms::over)
            .map_err(|error| thrown(env, &error))
    }

    /// Releases the store: every later call throws or rejects with
    /// `store_closed`. Calls already started finish first, each with the
    /// store it started on. Closing a closed store does nothing.
    #[napi(catch_unwind)]
    pub fn close(&self) {
        let core = self.inner.write().unwrap_or_else(PoisonError::into_inner).take();
        // Dropping the last reference closes the connection (a SQLite
        // checkpoint, a PostgreSQL goodbye); a panic there must not reach
        // JavaScript, and the store is closed either way.
        let _ = catch_unwind(AssertUnwindSafe(move || drop(core)));
    }

    /// Whether `close()` has been called.
    #[napi(getter)]
    pub fn closed(&self) -> bool {
        self.inner.read().unwrap_or_else(PoisonError::into_inner).is_none()
    }

    /// Creates or replaces a location.
    #[napi(catch_unwind, ts_args_type = "input: UpsertLocationInput", ts_return_type = "Promise<Location>")]
    pub fn upsert_location(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(commands::upsert_location(input)), move |(oms, command)| {
            oms.upsert_location(command).map(Location::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "input: UpsertLocationInput", ts_return_type = "Location")]
    pub fn upsert_location_sync(&self, input: Js) -> Returned<Location> {
        run(self.call(commands::upsert_location(input)), |(oms, command)| {
            oms.upsert_location(command).map(Location::from)
        })
    }

    /// Creates or replaces a channel; every location it names must exist.
    #[napi(catch_unwind, ts_args_type = "input: UpsertChannelInput", ts_return_type = "Promise<Channel>")]
    pub fn upsert_channel(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(commands::upsert_channel(input)), move |(oms, command)| {
            oms.upsert_channel(command).map(Channel::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "input: UpsertChannelInput", ts_return_type = "Channel")]
    pub fn upsert_channel_sync(&self, input: Js) -> Returned<Channel> {
        run(self.call(commands::upsert_channel(input)), |(oms, command)| oms.upsert_channel(command).map(Channel::from))
    }

    /// Creates or replaces a product.
    #[napi(catch_unwind, ts_args_type = "input: UpsertProductInput", ts_return_type = "Promise<Product>")]
    pub fn upsert_product(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(commands::upsert_product(input)), move |(oms, command)| {
            oms.upsert_product(command).map(Product::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "input: UpsertProductInput", ts_return_type = "Product")]
    pub fn upsert_product_sync(&self, input: Js) -> Returned<Product> {
        run(self.call(commands::upsert_product(input)), |(oms, command)| oms.upsert_product(command).map(Product::from))
    }

    /// One product by SKU (`product_not_found` when there is none).
    #[napi(catch_unwind, ts_args_type = "sku: string", ts_return_type = "Promise<Product>")]
    pub fn get_product(&self, env: Env, sku: Js) -> Promise {
        spawn(env, self.call(commands::sku(sku)), move |(oms, sku)| oms.get_product(&sku).map(Product::from))
    }

    #[napi(catch_unwind, ts_args_type = "sku: string", ts_return_type = "Product")]
    pub fn get_product_sync(&self, sku: Js) -> Returned<Product> {
        run(self.call(commands::sku(sku)), |(oms, sku)| oms.get_product(&sku).map(Product::from))
    }

    /// Products in SKU order, one page at a time (100 by default, at most 1,000).
    #[napi(catch_unwind, ts_args_type = "input?: ListProductsInput", ts_return_type = "Promise<ProductPage>")]
    pub fn list_products(&self, env: Env, input: Option<Js>) -> Promise {
        spawn(env, self.call(commands::list_products(input)), move |(oms, (after, limit))| {
            oms.list_products(after.as_deref(), limit).map(ProductPage::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "input?: ListProductsInput", ts_return_type = "ProductPage")]
    pub fn list_products_sync(&self, input: Option<Js>) -> Returned<ProductPage> {
        run(self.call(commands::list_products(input)), |(oms, (after, limit))| {
            oms.list_products(after.as_deref(), limit).map(ProductPage::from)
        })
    }

    /// One location by id (`location_not_found` when there is none).
    #[napi(catch_unwind, ts_args_type = "locationId: string", ts_return_type = "Promise<Location>")]
    pub fn get_location(&self, env: Env, location_id: Js) -> Promise {
        spawn(env, self.call(commands::location_id(location_id)), move |(oms, id)| {
            oms.get_location(&id).map(Location::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "locationId: string", ts_return_type = "Location")]
    pub fn get_location_sync(&self, location_id: Js) -> Returned<Location> {
        run(self.call(commands::location_id(location_id)), |(oms, id)| oms.get_location(&id).map(Location::from))
    }

    /// Every location, by id.
    #[napi(catch_unwind, ts_return_type = "Promise<Array<Location>>")]
    pub fn list_locations(&self, env: Env) -> Promise {
        spawn(env, self.call(Ok(())), move |(oms, ())| {
            oms.list_locations().map(|locations| locations.into_iter().map(Location::from).collect::<Vec<_>>())
        })
    }

    #[napi(catch_unwind, ts_return_type = "Array<Location>")]
    pub fn list_locations_sync(&self) -> Returned<Vec<Location>> {
        run(self.call(Ok(())), |(oms, ())| {
            oms.list_locations().map(|locations| locations.into_iter().map(Location::from).collect::<Vec<_>>())
        })
    }

    /// One channel by id (`channel_not_found` when there is none).
    #[napi(catch_unwind, ts_args_type = "channelId: string", ts_return_type = "Promise<Channel>")]
    pub fn get_channel(&self, env: Env, channel_id: Js) -> Promise {
        spawn(env, self.call(commands::channel_id(channel_id)), move |(oms, id)| {
            oms.get_channel(&id).map(Channel::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "channelId: string", ts_return_type = "Channel")]
    pub fn get_channel_sync(&self, channel_id: Js) -> Returned<Channel> {
        run(self.call(commands::channel_id(channel_id)), |(oms, id)| oms.get_channel(&id).map(Channel::from))
    }

    /// Every channel, by id.
    #[napi(catch_unwind, ts_return_type = "Promise<Array<Channel>>")]
    pub fn list_channels(&self, env: Env) -> Promise {
        spawn(env, self.call(Ok(())), move |(oms, ())| {
            oms.list_channels().map(|channels| channels.into_iter().map(Channel::from).collect::<Vec<_>>())
        })
    }

    #[napi(catch_unwind, ts_return_type = "Array<Channel>")]
    pub fn list_channels_sync(&self) -> Returned<Vec<Channel>> {
        run(self.call(Ok(())), |(oms, ())| {
            oms.list_channels().map(|channels| channels.into_iter().map(Channel::from).collect::<Vec<_>>())
        })
    }

    /// Goods arrived at a location: on hand rises by `quantity`.
    #[napi(catch_unwind, ts_args_type = "input: ReceiveStockInput", ts_return_type = "Promise<StockLevel>")]
    pub fn receive_stock(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(commands::stock_quantity(input)), move |(oms, command)| {
            oms.receive_stock(command).map(StockLevel::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "input: ReceiveStockInput", ts_return_type = "StockLevel")]
    pub fn receive_stock_sync(&self, input: Js) -> Returned<StockLevel> {
        run(self.call(commands::stock_quantity(input)), |(oms, command)| {
            oms.receive_stock(command).map(StockLevel::from)
        })
    }

    /// Corrects on hand by a signed delta.
    #[napi(catch_unwind, ts_args_type = "input: AdjustStockInput", ts_return_type = "Promise<StockLevel>")]
    pub fn adjust_stock(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(commands::adjust_stock(input)), move |(oms, command)| {
            oms.adjust_stock(command).map(StockLevel::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "input: AdjustStockInput", ts_return_type = "StockLevel")]
    pub fn adjust_stock_sync(&self, input: Js) -> Returned<StockLevel> {
        run(self.call(commands::adjust_stock(input)), |(oms, command)| oms.adjust_stock(command).map(StockLevel::from))
    }

    /// Sets the distance between two regions, both ways; locations are ranked by distance from an order's destination.
    #[napi(catch_unwind, ts_args_type = "input: SetRegionDistanceInput", ts_return_type = "Promise<void>")]
    pub fn set_region_distance(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(commands::set_region_distance(input)), move |(oms, command)| {
            oms.set_region_distance(command)
        })
    }

    #[napi(catch_unwind, ts_args_type = "input: SetRegionDistanceInput", ts_return_type = "void")]
    pub fn set_region_distance_sync(&self, input: Js) -> Returned<()> {
        run(self.call(commands::set_region_distance(input)), |(oms, command)| oms.set_region_distance(command))
    }

    /// Records a physical count: on hand becomes `counted`, as a `count` movement carrying the variance.
    #[napi(catch_unwind, ts_args_type = "input: CountStockInput", ts_return_type = "Promise<StockLevel>")]
    pub fn count_stock(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(commands::count_stock(input)), move |(oms, command)| {
            oms.count_stock(command).map(StockLevel::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "input: CountStockInput", ts_return_type = "StockLevel")]
    pub fn count_stock_sync(&self, input: Js) -> Returned<StockLevel> {
        run(self.call(commands::count_stock(input)), |(oms, command)| oms.count_stock(command).map(StockLevel::from))
    }

    /// Moves sellable units into quarantine (kept, not sellable).
    #[napi(catch_unwind, ts_args_type = "input: StockQuantityInput", ts_return_type = "Promise<StockLevel>")]
    pub fn quarantine_stock(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(commands::stock_quantity(input)), move |(oms, command)| {
            oms.quarantine_stock(command).map(StockLevel::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "input: StockQuantityInput", ts_return_type = "StockLevel")]
    pub fn quarantine_stock_sync(&self, input: Js) -> Returned<StockLevel> {
        run(self.call(commands::stock_quantity(input)), |(oms, command)| {
            oms.quarantine_stock(command).map(StockLevel::from)
        })
    }

    /// Returns quarantined units to sellable stock.
    #[napi(catch_unwind, ts_args_type = "input: StockQuantityInput", ts_return_type = "Promise<StockLevel>")]
    pub fn release_quarantine(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(commands::stock_quantity(input)), move |(oms, command)| {
            oms.release_quarantine(command).map(StockLevel::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "input: StockQuantityInput", ts_return_type = "StockLevel")]
    pub fn release_quarantine_sync(&self, input: Js) -> Returned<StockLevel> {
        run(self.call(commands::stock_quantity(input)), |(oms, command)| {
            oms.release_quarantine(command).map(StockLevel::from)
        })
    }

    /// Available to promise for each SKU on a channel, with the figure per location.
    #[napi(catch_unwind, ts_args_type = "input: AvailabilityInput", ts_return_type = "Promise<Array<Availability>>")]
    pub fn availability(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(commands::availability(input)), move |(oms, query)| {
            oms.availability(&query).map(|answers| answers.into_iter().map(Availability::from).collect::<Vec<_>>())
        })
    }

    #[napi(catch_unwind, ts_args_type = "input: AvailabilityInput", ts_return_type = "Array<Availability>")]
    pub fn availability_sync(&self, input: Js) -> Returned<Vec<Availability>> {
        run(self.call(commands::availability(input)), |(oms, query)| {
            oms.availability(&query).map(|answers| answers.into_iter().map(Availability::from).collect::<Vec<_>>())
        })
    }

    /// Reserves stock for a cart for `ttlSeconds`; placing an order with its `reservationId` converts it.
    #[napi(catch_unwind, ts_args_type = "input: ReserveStockInput", ts_return_type = "Promise<Reservation>")]
    pub fn reserve_stock(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(commands::reserve_stock(input)), move |(oms, command)| {
            oms.reserve_stock(command).map(Reservation::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "input: ReserveStockInput", ts_return_type = "Reservation")]
    pub fn reserve_stock_sync(&self, input: Js) -> Returned<Reservation> {
        run(self.call(commands::reserve_stock(input)), |(oms, command)| {
            oms.reserve_stock(command).map(Reservation::from)
        })
    }

    /// Gives an active checkout reservation's stock back now.
    #[napi(
        catch_unwind,
        ts_args_type = "reservationId: string, options?: ReleaseReservationInput",
        ts_return_type = "Promise<Reservation>"
    )]
    pub fn release_reservation(&self, env: Env, reservation_id: Js, options: Option<Js>) -> Promise {
        spawn(env, self.call(commands::release_reservation(reservation_id, options)), move |(oms, command)| {
            oms.release_reservation(command).map(Reservation::from)
        })
    }

    #[napi(
        catch_unwind,
        ts_args_type = "reservationId: string, options?: ReleaseReservationInput",
        ts_return_type = "Reservation"
    )]
    pub fn release_reservation_sync(&self, reservation_id: Js, options: Option<Js>) -> Returned<Reservation> {
        run(self.call(commands::release_reservation(reservation_id, options)), |(oms, command)| {
            oms.release_reservation(command).map(Reservation::from)
        })
    }

    /// Releases checkout reservations whose time is up; returns their ids.
    #[napi(catch_unwind, ts_return_type = "Promise<Array<string>>")]
    pub fn expire_reservations(&self, env: Env) -> Promise {
        spawn(env, self.call(Ok(())), move |(oms, ())| {
            oms.expire_reservations().map(|ids| ids.into_iter().map(String::from).collect::<Vec<_>>())
        })
    }

    #[napi(catch_unwind, ts_return_type = "Array<string>")]
    pub fn expire_reservations_sync(&self) -> Returned<Vec<String>> {
        run(self.call(Ok(())), |(oms, ())| {
            oms.expire_reservations().map(|ids| ids.into_iter().map(String::from).collect::<Vec<_>>())
        })
    }

    /// One checkout reservation by id.
    #[napi(catch_unwind, ts_args_type = "reservationId: string", ts_return_type = "Promise<Reservation>")]
    pub fn get_reservation(&self, env: Env, reservation_id: Js) -> Promise {
        spawn(env, self.call(commands::reservation_id(reservation_id)), move |(oms, id)| {
            oms.get_reservation(&id).map(Reservation::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "reservationId: string", ts_return_type = "Reservation")]
    pub fn get_reservation_sync(&self, reservation_id: Js) -> Returned<Reservation> {
        run(self.call(commands::reservation_id(reservation_id)), |(oms, id)| {
            oms.get_reservation(&id).map(Reservation::from)
        })
    }

    /// Asks to move units of a SKU between locations; nothing moves until it ships.
    #[napi(catch_unwind, ts_args_type = "input: RequestTransferInput", ts_return_type = "Promise<Transfer>")]
    pub fn request_transfer(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(commands::request_transfer(input)), move |(oms, command)| {
            oms.request_transfer(command).map(Transfer::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "input: RequestTransferInput", ts_return_type = "Transfer")]
    pub fn request_transfer_sync(&self, input: Js) -> Returned<Transfer> {
        run(self.call(commands::request_transfer(input)), |(oms, command)| {
            oms.request_transfer(command).map(Transfer::from)
        })
    }

    /// The transfer leaves its source: on hand drops there and the target's incoming rises.
    #[napi(
        catch_unwind,
        ts_args_type = "transferId: string, options?: TransferStepInput",
        ts_return_type = "Promise<Transfer>"
    )]
    pub fn ship_transfer(&self, env: Env, transfer_id: Js, options: Option<Js>) -> Promise {
        spawn(env, self.call(commands::transfer_step(transfer_id, options)), move |(oms, command)| {
            oms.ship_transfer(command).map(Transfer::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "transferId: string, options?: TransferStepInput", ts_return_type = "Transfer")]
    pub fn ship_transfer_sync(&self, transfer_id: Js, options: Option<Js>) -> Returned<Transfer> {
        run(self.call(commands::transfer_step(transfer_id, options)), |(oms, command)| {
            oms.ship_transfer(command).map(Transfer::from)
        })
    }

    /// The transfer arrives: the target's incoming becomes on hand.
    #[napi(
        catch_unwind,
        ts_args_type = "transferId: string, options?: TransferStepInput",
        ts_return_type = "Promise<Transfer>"
    )]
    pub fn receive_transfer(&self, env: Env, transfer_id: Js, options: Option<Js>) -> Promise {
        spawn(env, self.call(commands::transfer_step(transfer_id, options)), move |(oms, command)| {
            oms.receive_transfer(command).map(Transfer::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "transferId: string, options?: TransferStepInput", ts_return_type = "Transfer")]
    pub fn receive_transfer_sync(&self, transfer_id: Js, options: Option<Js>) -> Returned<Transfer> {
        run(self.call(commands::transfer_step(transfer_id, options)), |(oms, command)| {
            oms.receive_transfer(command).map(Transfer::from)
        })
    }

    /// Cancels a transfer that has not shipped.
    #[napi(
        catch_unwind,
        ts_args_type = "transferId: string, options?: TransferStepInput",
        ts_return_type = "Promise<Transfer>"
    )]
    pub fn cancel_transfer(&self, env: Env, transfer_id: Js, options: Option<Js>) -> Promise {
        spawn(env, self.call(commands::transfer_step(transfer_id, options)), move |(oms, command)| {
            oms.cancel_transfer(command).map(Transfer::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "transferId: string, options?: TransferStepInput", ts_return_type = "Transfer")]
    pub fn cancel_transfer_sync(&self, transfer_id: Js, options: Option<Js>) -> Returned<Transfer> {
        run(self.call(commands::transfer_step(transfer_id, options)), |(oms, command)| {
            oms.cancel_transfer(command).map(Transfer::from)
        })
    }

    /// One transfer by id.
    #[napi(catch_unwind, ts_args_type = "transferId: string", ts_return_type = "Promise<Transfer>")]
    pub fn get_transfer(&self, env: Env, transfer_id: Js) -> Promise {
        spawn(env, self.call(commands::transfer_id(transfer_id)), move |(oms, id)| {
            oms.get_transfer(&id).map(Transfer::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "transferId: string", ts_return_type = "Transfer")]
    pub fn get_transfer_sync(&self, transfer_id: Js) -> Returned<Transfer> {
        run(self.call(commands::transfer_id(transfer_id)), |(oms, id)| oms.get_transfer(&id).map(Transfer::from))
    }

    /// The stock of one SKU at one location.
    #[napi(catch_unwind, ts_args_type = "input: StockLevelInput", ts_return_type = "Promise<StockLevel>")]
    pub fn stock_level(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(commands::stock_pair(input)), move |(oms, (sku, location))| {
            oms.stock_level(&sku, &location).map(StockLevel::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "input: StockLevelInput", ts_return_type = "StockLevel")]
    pub fn stock_level_sync(&self, input: Js) -> Returned<StockLevel> {
        run(self.call(commands::stock_pair(input)), |(oms, (sku, location))| {
            oms.stock_level(&sku, &location).map(StockLevel::from)
        })
    }

    /// Stock levels, optionally of one SKU and/or at one location.
    #[napi(catch_unwind, ts_args_type = "input?: StockLevelsInput", ts_return_type = "Promise<Array<StockLevel>>")]
    pub fn stock_levels(&self, env: Env, input: Option<Js>) -> Promise {
        spawn(env, self.call(commands::stock_filter(input)), move |(oms, (sku, location))| {
            oms.stock_levels(sku.as_ref(), location.as_ref())
                .map(|levels| levels.into_iter().map(StockLevel::from).collect::<Vec<_>>())
        })
    }

    #[napi(catch_unwind, ts_args_type = "input?: StockLevelsInput", ts_return_type = "Array<StockLevel>")]
    pub fn stock_levels_sync(&self, input: Option<Js>) -> Returned<Vec<StockLevel>> {
        run(self.call(commands::stock_filter(input)), |(oms, (sku, location))| {
            oms.stock_levels(sku.as_ref(), location.as_ref())
                .map(|levels| levels.into_iter().map(StockLevel::from).collect::<Vec<_>>())
        })
    }

    /// Units of a SKU the channel can still promise.
    #[napi(catch_unwind, ts_args_type = "input: AvailableInput", ts_return_type = "Promise<number>")]
    pub fn available(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(commands::available(input)), move |(oms, (sku, channel))| oms.available(&sku, &channel))
    }

    #[napi(catch_unwind, ts_args_type = "input: AvailableInput", ts_return_type = "number")]
    pub fn available_sync(&self, input: Js) -> Returned<i64> {
        run(self.call(commands::available(input)), |(oms, (sku, channel))| oms.available(&sku, &channel))
    }

    /// The stock ledger of one SKU at one location, oldest first.
    #[napi(catch_unwind, ts_args_type = "input: MovementsInput", ts_return_type = "Promise<Array<Movement>>")]
    pub fn movements(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(commands::movements(input)), move |(oms, query)| {
            oms.movements(&query.sku, &query.location, query.after, query.limit)
                .map(|movements| movements.into_iter().map(Movement::from).collect::<Vec<_>>())
        })
    }

    #[napi(catch_unwind, ts_args_type = "input: MovementsInput", ts_return_type = "Array<Movement>")]
    pub fn movements_sync(&self, input: Js) -> Returned<Vec<Movement>> {
        run(self.call(commands::movements(input)), |(oms, query)| {
            oms.movements(&query.sku, &query.location, query.after, query.limit)
                .map(|movements| movements.into_iter().map(Movement::from).collect::<Vec<_>>())
        })
    }

    /// Places an order: prices it exactly and allocates every line (the
    /// shortfall backordered where the product or channel allows), or rejects
    /// it (`insufficient_stock`, ...) leaving nothing written.
    #[napi(catch_unwind, ts_args_type = "input: PlaceOrderInput", ts_return_type = "Promise<Order>")]
    pub fn place_order(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(commands::place_order(input)), move |(oms, command)| {
            oms.place_order(command).map(Order::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "input: PlaceOrderInput", ts_return_type = "Order")]
    pub fn place_order_sync(&self, input: Js) -> Returned<Order> {
        run(self.call(commands::place_order(input)), |(oms, command)| oms.place_order(command).map(Order::from))
    }

    /// Plans an order's allocation without writing anything (a dry run), with its explanation.
    #[napi(catch_unwind, ts_args_type = "input: PlanAllocationInput", ts_return_type = "Promise<AllocationPlan>")]
    pub fn plan_allocation(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(commands::plan_allocation(input)), move |(oms, command)| {
            oms.plan_allocation(command).map(AllocationPlan::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "input: PlanAllocationInput", ts_return_type = "AllocationPlan")]
    pub fn plan_allocation_sync(&self, input: Js) -> Returned<AllocationPlan> {
        run(self.call(commands::plan_allocation(input)), |(oms, command)| {
            oms.plan_allocation(command).map(AllocationPlan::from)
        })
    }

    /// A location could not find a line's goods: they are written off there and the line is re-routed or backordered.
    #[napi(
        catch_unwind,
        ts_args_type = "orderId: string, options: RejectAllocationInput",
        ts_return_type = "Promise<Order>"
    )]
    pub fn reject_allocation(&self, env: Env, order_id: Js, options: Js) -> Promise {
        spawn(env, self.call(commands::reject_allocation(order_id, options)), move |(oms, command)| {
            oms.reject_allocation(command).map(Order::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string, options: RejectAllocationInput", ts_return_type = "Order")]
    pub fn reject_allocation_sync(&self, order_id: Js, options: Js) -> Returned<Order> {
        run(self.call(commands::reject_allocation(order_id, options)), |(oms, command)| {
            oms.reject_allocation(command).map(Order::from)
        })
    }

    /// One order by id.
    #[napi(catch_unwind, ts_args_type = "orderId: string", ts_return_type = "Promise<Order>")]
    pub fn get_order(&self, env: Env, order_id: Js) -> Promise {
        spawn(env, self.call(commands::order_id(order_id)), move |(oms, id)| oms.get_order(&id).map(Order::from))
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string", ts_return_type = "Order")]
    pub fn get_order_sync(&self, order_id: Js) -> Returned<Order> {
        run(self.call(commands::order_id(order_id)), |(oms, id)| oms.get_order(&id).map(Order::from))
    }

    /// Orders matching the filters, oldest first, one page at a time.
    #[napi(catch_unwind, ts_args_type = "input?: ListOrdersInput", ts_return_type = "Promise<OrderPage>")]
    pub fn list_orders(&self, env: Env, input: Option<Js>) -> Promise {
        spawn(env, self.call(commands::list_orders(input)), move |(oms, query)| {
            oms.list_orders(&query).map(OrderPage::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "input?: ListOrdersInput", ts_return_type = "OrderPage")]
    pub fn list_orders_sync(&self, input: Option<Js>) -> Returned<OrderPage> {
        run(self.call(commands::list_orders(input)), |(oms, query)| oms.list_orders(&query).map(OrderPage::from))
    }

    /// Cancels every unit that has not shipped and releases its stock.
    #[napi(
        catch_unwind,
        ts_args_type = "orderId: string, options?: CancelOrderInput",
        ts_return_type = "Promise<Order>"
    )]
    pub fn cancel_order(&self, env: Env, order_id: Js, options: Option<Js>) -> Promise {
        spawn(env, self.call(commands::cancel_order(order_id, options)), move |(oms, command)| {
            oms.cancel_order(command).map(Order::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string, options?: CancelOrderInput", ts_return_type = "Order")]
    pub fn cancel_order_sync(&self, order_id: Js, options: Option<Js>) -> Returned<Order> {
        run(self.call(commands::cancel_order(order_id, options)), |(oms, command)| {
            oms.cancel_order(command).map(Order::from)
        })
    }

    /// Cancels some units of some lines and releases their stock.
    #[napi(
        catch_unwind,
        ts_args_type = "orderId: string, options: CancelLinesInput",
        ts_return_type = "Promise<Order>"
    )]
    pub fn cancel_lines(&self, env: Env, order_id: Js, options: Js) -> Promise {
        spawn(env, self.call(commands::cancel_lines(order_id, options)), move |(oms, command)| {
            oms.cancel_lines(command).map(Order::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string, options: CancelLinesInput", ts_return_type = "Order")]
    pub fn cancel_lines_sync(&self, order_id: Js, options: Js) -> Returned<Order> {
        run(self.call(commands::cancel_lines(order_id, options)), |(oms, command)| {
            oms.cancel_lines(command).map(Order::from)
        })
    }

    /// Puts an order on hold; it keeps its stock until released or cancelled.
    #[napi(catch_unwind, ts_args_type = "orderId: string, options: HoldOrderInput", ts_return_type = "Promise<Order>")]
    pub fn hold_order(&self, env: Env, order_id: Js, options: Js) -> Promise {
        spawn(env, self.call(commands::hold_order(order_id, options)), move |(oms, command)| {
            oms.hold_order(command).map(Order::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string, options: HoldOrderInput", ts_return_type = "Order")]
    pub fn hold_order_sync(&self, order_id: Js, options: Js) -> Returned<Order> {
        run(self.call(commands::hold_order(order_id, options)), |(oms, command)| {
            oms.hold_order(command).map(Order::from)
        })
    }

    /// Releases a hold; the order returns to the status its quantities imply.
    #[napi(
        catch_unwind,
        ts_args_type = "orderId: string, options?: ReleaseHoldInput",
        ts_return_type = "Promise<Order>"
    )]
    pub fn release_hold(&self, env: Env, order_id: Js, options: Option<Js>) -> Promise {
        spawn(env, self.call(commands::release_hold(order_id, options)), move |(oms, command)| {
            oms.release_hold(command).map(Order::from)
        })
    }

    #[napi(catch_unwind, ts_args_type = "orderId: string, options?: ReleaseHoldInput", ts_return_type = "Order")]
    pub fn release_hold_sync(&self, order_id: Js, options: Option<Js>) -> Returned<Order> {
        run(self.call(commands::release_hold(order_id, options)), |(oms, command)| {
            oms.release_hold(command).map(Order::from)
        })
    }

    /// How many orders are in each status (statuses without orders are absent).
    #[napi(catch_unwind, ts_return_type = "Promise<Partial<Record<import('./types').OrderStatus, number>>>")]
    pub fn order_status_counts(&self, env: Env) -> Promise {
        spawn(env, self.call(Ok(())), move |(oms, ())| oms.order_status_counts().map(records::status_counts))
    }

    #[napi(catch_unwind, ts_return_type = "Partial<Record<import('./types').OrderStatus, number>>")]
    pub fn order_status_counts_sync(&self) -> Returned<BTreeMap<String, i64>> {
        run(self.call(Ok(())), |(oms, ())| oms.order_status_counts().map(records::status_counts))
    }

    /// Outbox events after `cursor` (0, the default, for the beginning), oldest first.
    #[napi(catch_unwind, ts_args_type = "cursor?: number, limit?: number", ts_return_type = "Promise<Array<Event>>")]
    pub fn events_since(&self, env: Env, cursor: Option<Js>, limit: Option<Js>) -> Promise {
        spawn(env, self.call(commands::events_since(cursor, limit)), move |(oms, (cursor, limit))| {
            oms.events_since(cursor, limit).map(|events| events.into_iter().map(Event::from).collect::<Vec<_>>())
        })
    }

    #[napi(catch_unwind, ts_args_type = "cursor?: number, limit?: number", ts_return_type = "Array<Event>")]
    pub fn events_since_sync(&self, cursor: Option<Js>, limit: Option<Js>) -> Returned<Vec<Event>> {
        run(self.call(commands::events_since(cursor, limit)), |(oms, (cursor, limit))| {
            oms.events_since(cursor, limit).map(|events| events.into_iter().map(Event::from).collect::<Vec<_>>())
        })
    }

    /// Checks every invariant that can be checked from stored state.
    #[napi(catch_unwind, ts_return_type = "Promise<AuditReport>")]
    pub fn audit(&self, env: Env) -> Promise {
        spawn(env, self.call(Ok(())), move |(oms, ())| oms.audit().map(AuditReport::from))
    }

    #[napi(catch_unwind, ts_return_type = "AuditReport")]
    pub fn audit_sync(&self) -> Returned<AuditReport> {
        run(self.call(Ok(())), |(oms, ())| oms.audit().map(AuditReport::from))
    }

    /// Rebuilds every order from the outbox's events and compares it with the
    /// stored order (invariant 9: replaying the event log reproduces the state).
    #[napi(catch_unwind, ts_return_type = "Promise<ReplayReport>")]
    pub fn verify_replay(&self, env: Env) -> Promise {
        spawn(env, self.call(Ok(())), move |(oms, ())| oms.verify_replay().map(ReplayReport::from))
    }

    #[napi(catch_unwind, ts_return_type = "ReplayReport")]
    pub fn verify_replay_sync(&self) -> Returned<ReplayReport> {
        run(self.call(Ok(())), |(oms, ())| oms.verify_replay().map(ReplayReport::from))
    }

    /// Units of a SKU on orders placed on a channel, less units cancelled
    /// (kept as orders change, not counted by a scan).
    #[napi(catch_unwind, ts_args_type = "input: AvailableInput", ts_return_type = "Promise<number>")]
    pub fn units_sold(&self, env: Env, input: Js) -> Promise {
        spawn(env, self.call(commands::available(input)), move |(oms, (sku, channel))| oms.units_sold(&channel, &sku))
    }

    #[napi(catch_unwind, ts_args_type = "input: AvailableInput", ts_return_type = "number")]
    pub fn units_sold_sync(&self, input: Js) -> Returned<i64> {
        run(self.call(commands::available(input)), |(oms, (sku, channel))| oms.units_sold(&channel, &sku))
    }
}
