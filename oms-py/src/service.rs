//! `oms.Oms`: the service, with the Python names and keyword arguments of docs/API.md.
//!
//! The methods of the operations are generated from the core's operation
//! table (`generated.rs`, through [`oms_methods!`]): each reads its arguments
//! into a command with the one reader (`read.rs`), runs the core with the GIL
//! released and panics caught, and converts the result (`output.rs`). Errors
//! go through `to_py_err`. Written here: the store's life cycle.

use std::sync::{PoisonError, RwLock};

use oms_core::error::catch_panic;
use oms_core::Error;
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::convert::{text, Result};
use crate::errors::to_py_err;

pub(crate) type Input<'a, 'py> = &'a Bound<'py, PyAny>;
pub(crate) type OptionalInput<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

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
    pub(crate) fn run<C, T>(
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

/// Expands the generated operation methods (`generated.rs`) into the one
/// `#[pymethods]` block of `Oms`, together with the life cycle written here.
macro_rules! oms_methods {
    ($($operations:tt)*) => {
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

            fn __repr__(&self, py: Python<'_>) -> String {
                if self.closed(py) {
                    "<oms.Oms (closed)>".into()
                } else {
                    "<oms.Oms>".into()
                }
            }

            $($operations)*
        }
    };
}
crate::generated::operations!(oms_methods);

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
