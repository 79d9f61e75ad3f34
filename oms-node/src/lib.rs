//! Node.js binding of `oms-core`, built with napi-rs.
//!
//! Every operation that touches storage exists twice: `foo(...)` returns a
//! Promise and runs the core call on libuv's thread pool, and `fooSync(...)`
//! runs it on the calling thread. Arguments are read and validated on the
//! calling thread in both forms. The binding holds no business rules: it
//! converts JavaScript values to core commands and core records back. The
//! methods of the operations are generated from the core's operation table
//! (`generated.rs`, expanded by [`oms_methods!`]); written here: the store's life cycle.
//!
//! Errors are JavaScript `Error`s with the core's `code`, `field` and
//! `category`; `index.js` (the package entry point) rethrows them as the
//! exported `OmsError` class.
//!
//! - `read.rs` (with `schema.rs`): the one reader of arguments, a serde
//!   `Deserializer` over JavaScript values; `input.rs`: the checks of single
//!   values it uses, with precise error paths; `shapes.rs` (generated): the TypeScript
//!   shapes of the option objects; `commands.rs`: the arguments of `Oms.open`;
//! - `records.rs`: core records → plain JavaScript objects; `output.rs`: which record each result becomes;
//! - `task.rs`: running calls and settling promises; `error.rs`: core errors →
//!   JavaScript errors; `js.rs`: the raw N-API calls, every status checked.

mod clock;
mod commands;
mod error;
#[rustfmt::skip]
mod generated;
mod input;
mod js;
mod output;
mod read;
mod records;
mod schema;
#[rustfmt::skip]
mod shapes;
mod task;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, PoisonError, RwLock};

use napi::Env;
use napi_derive::napi;
use oms_core::error::catch_panic;

use crate::js::Js;
use crate::records::Operation;
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

/// Every permitted change of shipment status, as `[from, to]` pairs.
#[napi(ts_return_type = "Array<[import('./types').ShipmentStatus, import('./types').ShipmentStatus]>")]
pub fn shipment_transitions() -> Vec<Vec<String>> {
    oms_core::SHIPMENT_TRANSITIONS
        .iter()
        .map(|(from, to)| vec![from.as_str().to_string(), to.as_str().to_string()])
        .collect()
}

/// Every permitted change of payment status, as `[from, to]` pairs.
#[napi(ts_return_type = "Array<[import('./types').PaymentStatus, import('./types').PaymentStatus]>")]
pub fn payment_transitions() -> Vec<Vec<String>> {
    oms_core::PAYMENT_TRANSITIONS
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

/// Expands the generated operation methods (`generated.rs`) into the
/// `#[napi]` block of `Oms`, together with the life cycle written here.
macro_rules! oms_methods {
    ($($operations:tt)*) => {
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

            $($operations)*
        }
    };
}

generated::operations!(oms_methods);
