//! `oms.ManualClock`: a clock the caller moves, for tests and simulations
//! (checkout reservations expiring without sleeping). It wraps the core's
//! `ManualClock`; a service opened with it reads every time from it.

use std::sync::Arc;

use chrono::{DateTime, Datelike, TimeDelta, Utc};
use oms_core::{Clock, Error};
use pyo3::prelude::*;
use pyo3::sync::GILOnceCell;
use pyo3::types::{PyBool, PyInt, PyType};

use crate::convert::Result;
use crate::errors::to_py_err;

fn invalid_input(field: &str, message: impl Into<String>) -> Error {
    Error::InvalidInput { field: field.into(), message: message.into() }
}

static DATETIME_TYPES: GILOnceCell<(Py<PyType>, Py<PyType>, PyObject)> = GILOnceCell::new();

/// `datetime.datetime`, `datetime.timedelta` and `datetime.timezone.utc`.
fn datetime_types(py: Python<'_>) -> PyResult<&(Py<PyType>, Py<PyType>, PyObject)> {
    DATETIME_TYPES.get_or_try_init(py, || {
        let module = py.import("datetime")?;
        let datetime = module.getattr("datetime")?.downcast_into::<PyType>()?.unbind();
        let timedelta = module.getattr("timedelta")?.downcast_into::<PyType>()?.unbind();
        let utc = module.getattr("timezone")?.getattr("utc")?.unbind();
        Ok((datetime, timedelta, utc))
    })
}

/// A timezone-aware `datetime` as UTC; a naive one (or anything else) is
/// `invalid_input` on `field`.
fn aware_datetime(value: &Bound<'_, PyAny>, field: &str) -> Result<DateTime<Utc>> {
    let py = value.py();
    let (datetime, _, utc) = datetime_types(py).map_err(|error| invalid_input(field, error.to_string()))?;
    if !value.is_instance(datetime.bind(py)).unwrap_or(false) {
        return Err(invalid_input(field, "expected a timezone-aware datetime.datetime"));
    }
    let offset = value.call_method0("utcoffset").map_err(|error| invalid_input(field, error.to_string()))?;
    if offset.is_none() {
        return Err(invalid_input(
            field,
            "expected a timezone-aware datetime, got a naive one (use tzinfo=timezone.utc)",
        ));
    }
    value
        .call_method1("astimezone", (utc.bind(py),))
        .and_then(|in_utc| in_utc.extract::<DateTime<Utc>>())
        .map_err(|error| invalid_input(field, error.to_string()))
}

/// A duration: whole seconds as an `int` (not `bool`), or a `datetime.timedelta`.
fn duration(value: &Bound<'_, PyAny>, field: &str) -> Result<TimeDelta> {
    let py = value.py();
    if value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>() {
        let seconds = value.extract::<i64>().map_err(|_| invalid_input(field, format!("{value} is out of range")))?;
        return TimeDelta::try_seconds(seconds)
            .ok_or_else(|| invalid_input(field, format!("{seconds} is out of range")));
    }
    let (_, timedelta, _) = datetime_types(py).map_err(|error| invalid_input(field, error.to_string()))?;
    if !value.is_instance(timedelta.bind(py)).unwrap_or(false) {
        let kind = value.get_type().name().map(|name| name.to_string()).unwrap_or_else(|_| "object".into());
        return Err(invalid_input(field, format!("expected int seconds or datetime.timedelta, got {kind}")));
    }
    value.extract::<TimeDelta>().map_err(|error| invalid_input(field, error.to_string()))
}

/// A clock that stands still until `advance` moves it. Pass it to
/// `Oms.open(target, clock=...)` or `Oms.in_memory(clock=...)`; one clock may
/// serve several services.
#[pyclass(frozen, module = "oms")]
#[derive(Debug)]
pub(crate) struct ManualClock {
    inner: Arc<oms_core::ManualClock>,
}

#[pymethods]
impl ManualClock {
    /// A clock reading `at`, a timezone-aware datetime (a naive one is invalid_input).
    #[new]
    fn new(at: &Bound<'_, PyAny>) -> PyResult<ManualClock> {
        let at = aware_datetime(at, "at").map_err(to_py_err)?;
        Ok(ManualClock { inner: Arc::new(oms_core::ManualClock::new(at)) })
    }

    /// The time the clock reads, a timezone-aware datetime in UTC.
    fn now(&self) -> DateTime<Utc> {
        self.inner.now()
    }

    /// Moves the clock by `seconds` (an int, or a datetime.timedelta; negative
    /// moves it back) and returns the new reading. A move past the years a
    /// datetime holds (1 to 9999) is invalid_input and leaves the clock alone.
    fn advance(&self, seconds: &Bound<'_, PyAny>) -> PyResult<DateTime<Utc>> {
        let by = duration(seconds, "seconds").map_err(to_py_err)?;
        let moved = self.inner.now().checked_add_signed(by);
        if !moved.is_some_and(|moved| (1..=9999).contains(&moved.year())) {
            return Err(to_py_err(invalid_input("seconds", "moves the clock outside the years 1 to 9999")));
        }
        self.inner.advance(by);
        Ok(self.inner.now())
    }

    fn __repr__(&self) -> String {
        format!("ManualClock({})", self.inner.now().to_rfc3339())
    }
}

/// The clock argument of `Oms.open` and `Oms.in_memory`: `None` (the system
/// clock) or an `oms.ManualClock`.
pub(crate) fn optional_clock(value: Option<&Bound<'_, PyAny>>) -> Result<Option<Arc<dyn Clock>>> {
    let Some(value) = value.filter(|value| !value.is_none()) else {
        return Ok(None);
    };
    let clock = value.downcast::<ManualClock>().map_err(|_| invalid_input("clock", "expected an oms.ManualClock"))?;
    let clock: Arc<dyn Clock> = clock.get().inner.clone();
    Ok(Some(clock))
}
