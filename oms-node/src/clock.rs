//! `ManualClock`: a clock the caller moves, for tests and simulations.
//!
//! `new ManualClock('2026-01-01T00:00:00Z')` stands still until
//! `advance(seconds)`; `Oms.open(target, { clock })` and
//! `Oms.inMemory({ clock })` run a store on it.
//!
//! A store must be sure that the `clock` it is handed really is a clock this
//! binding made: reading a native object of another class as a clock would
//! read foreign memory. Prototypes can be forged (`Object.setPrototypeOf`),
//! so `instanceof` proves nothing. Instead the constructor fixes an N-API
//! external holding the clock on the new object, and the store reads that
//! property back: napi-rs checks an external's Rust type when it is read,
//! and JavaScript cannot make an external, so a forged object has nothing
//! that passes. (Copying a clock's external to another object only makes
//! that object another handle on the same clock.)

use std::sync::Arc;

use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};
use napi::bindgen_prelude::{External, FromNapiValue, This, ToNapiValue};
use napi::{Env, ValueType};
use napi_derive::napi;
use oms_core::{Clock, Result, Timestamp};

use crate::error::invalid_input;
use crate::input;
use crate::js::{self, Js};
use crate::task::{run, thrown, Returned};

/// The property of a `ManualClock` object that holds its clock.
const HANDLE: &str = "__omsManualClock";

type Handle = External<Arc<oms_core::ManualClock>>;

/// A clock that stands still until moved, for tests and simulations: pass
/// it to `Oms.open(target, { clock })` or `Oms.inMemory({ clock })`.
#[napi]
pub struct ManualClock {
    inner: Arc<oms_core::ManualClock>,
}

#[napi]
impl ManualClock {
    /// A clock reading `at`, an ISO-8601 time with an offset
    /// (`2026-01-01T00:00:00Z`, `2026-01-01T09:00:00+09:00`).
    #[napi(constructor, catch_unwind, ts_args_type = "at: string")]
    pub fn new(env: Env, this: This<Js>, at: Js) -> napi::Result<ManualClock> {
        let inner = Arc::new(oms_core::ManualClock::new(time(at).map_err(|error| thrown(env, &error))?));
        mark(this, &inner).map_err(|error| thrown(env, &error))?;
        Ok(ManualClock { inner })
    }

    /// Moves the clock by a whole number of seconds (negative moves it back).
    #[napi(catch_unwind, ts_args_type = "seconds: number", ts_return_type = "void")]
    pub fn advance(&self, seconds: Js) -> Returned<()> {
        run(step(&self.inner, seconds), |by| {
            self.inner.advance(by);
            Ok(())
        })
    }

    /// What the clock reads, as an ISO-8601 string in UTC, spelled as record times are.
    #[napi(catch_unwind)]
    pub fn now(&self) -> String {
        iso(self.inner.now())
    }
}

fn iso(at: Timestamp) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// The constructor's argument: an RFC 3339 time, which always names its
/// offset; a time without one is refused, since it would mean whatever
/// time zone the machine happens to be in.
fn time(value: Js) -> Result<Timestamp> {
    let text = input::string(value, "at")?;
    DateTime::parse_from_rfc3339(&text).map(|at| at.with_timezone(&Utc)).map_err(|problem| {
        invalid_input(
            "at",
            format!("{text:?} is not an ISO-8601 time with an offset such as 2026-01-01T00:00:00Z ({problem})"),
        )
    })
}

/// The argument of `advance`: a whole number of seconds that keeps the
/// clock within the range of time (the core would leave it unmoved).
fn step(clock: &oms_core::ManualClock, seconds: Js) -> Result<TimeDelta> {
    let seconds = input::integer(seconds, "seconds")?;
    TimeDelta::try_seconds(seconds)
        .filter(|by| clock.now().checked_add_signed(*by).is_some())
        .ok_or_else(|| invalid_input("seconds", format!("moving the clock by {seconds} s leaves the range of time")))
}

/// Fixes the clock's external on the object being constructed.
fn mark(this: Js, clock: &Arc<oms_core::ManualClock>) -> Result<()> {
    let not_made = |problem: String| {
        js::take_exception(this.env());
        invalid_input("this", format!("a ManualClock could not be made here: {problem}"))
    };
    // SAFETY: `this.env()` is the environment of the current call.
    let handle = unsafe { Handle::to_napi_value(this.env(), External::new(Arc::clone(clock))) }
        .map_err(|failure| not_made(format!("{} {}", failure.status, failure.reason)))?;
    this.define_fixed(HANDLE, Js::new(this.env(), handle)).map_err(|failure| not_made(failure.name()))
}

/// The clock of a `ManualClock` object given at `path`.
pub(crate) fn clock_of(value: Js, path: &str) -> Result<Arc<dyn Clock>> {
    let not_a_clock = || invalid_input(path, "expected a ManualClock (new ManualClock('2026-01-01T00:00:00Z'))");
    if !matches!(value.value_type(), Ok(ValueType::Object)) {
        js::take_exception(value.env());
        return Err(not_a_clock());
    }
    let handle = value.property(HANDLE).map_err(|_| {
        js::take_exception(value.env());
        not_a_clock()
    })?;
    if !matches!(handle.value_type(), Ok(ValueType::External)) {
        return Err(not_a_clock());
    }
    // SAFETY: `handle` is an external of the current call; napi-rs checks
    // that it holds an `Arc<oms_core::ManualClock>` before it is used.
    match unsafe { Handle::from_napi_value(handle.env(), handle.raw()) } {
        Ok(handle) => Ok(Arc::clone(&*handle) as Arc<dyn Clock>),
        Err(_) => Err(not_a_clock()),
    }
}
