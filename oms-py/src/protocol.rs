//! What every record class shares: `to_dict()`, pickling, copying and
//! hashing. Records are immutable values, so a copy is the record itself,
//! equal records hash alike, and a pickle is the record's fields as JSON
//! (exact: amounts as decimal strings, times as RFC 3339 with microseconds).
//!
//! `to_dict()` follows one rule for every record: amounts stay
//! `decimal.Decimal`, times stay timezone-aware `datetime`s in UTC, enums
//! are their snake_case strings, nested records become dicts, lists stay
//! lists and absent values are `None`. That is what `json.dumps(...,
//! default=str)` and web frameworks' encoders (FastAPI's `jsonable_encoder`)
//! turn into JSON without losing a digit.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use chrono::{DateTime, Utc};
use oms_core::Error;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};
use pyo3::IntoPyObjectExt;
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::errors::to_py_err;

/// A value as plain Python data (what `to_dict()` holds).
pub(crate) trait Plain {
    fn plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
}

macro_rules! plain_as_itself {
    ($($kind:ty),*) => {
        $(impl Plain for $kind {
            fn plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                self.clone().into_bound_py_any(py)
            }
        })*
    };
}

plain_as_itself!(String, bool, i64, u32, u64, Decimal, DateTime<Utc>);

impl<T: Plain> Plain for Option<T> {
    fn plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Some(value) => value.plain(py),
            None => Ok(py.None().into_bound(py)),
        }
    }
}

impl<T: Plain> Plain for Vec<T> {
    fn plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let items = self.iter().map(|item| item.plain(py)).collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, items)?.into_any())
    }
}

impl<T: Plain> Plain for BTreeMap<String, T> {
    fn plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let dict = PyDict::new(py);
        for (key, value) in self {
            dict.set_item(key, value.plain(py)?)?;
        }
        Ok(dict.into_any())
    }
}

/// The hash of a record, consistent with its `==` (both are the derived Rust ones).
pub(crate) fn hash_of(record: &impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    record.hash(&mut hasher);
    hasher.finish()
}

/// What `__reduce__` returns: the function that rebuilds a record and its arguments.
pub(crate) type Reduced<'py> = (Bound<'py, PyAny>, (&'static str, Bound<'py, PyBytes>));

/// `__reduce__`: `oms._oms._restore(class name, fields as JSON)`.
pub(crate) fn reduce<'py>(py: Python<'py>, name: &'static str, record: &impl Serialize) -> PyResult<Reduced<'py>> {
    let state = serde_json::to_vec(record)
        .map_err(|error| to_py_err(Error::Internal { message: format!("cannot pickle {name}: {error}") }))?;
    let restore = py.import("oms._oms")?.getattr("_restore")?;
    Ok((restore, (name, PyBytes::new(py, &state))))
}

/// A record back from its pickled fields.
pub(crate) fn from_state<T: DeserializeOwned>(name: &str, state: &[u8]) -> PyResult<T> {
    serde_json::from_slice(state).map_err(|error| {
        to_py_err(Error::InvalidInput { field: "state".into(), message: format!("not a pickled {name}: {error}") })
    })
}

/// Defines a record's Python methods: those given, plus `to_dict()` over the
/// listed fields (in that order), `__hash__`, `__reduce__`, `__copy__` and
/// `__deepcopy__`, and its [`Plain`] form (the same dict, for nesting).
/// `record! { @methods Name ... }` leaves [`Plain`] to a hand-written impl.
macro_rules! record {
    ($name:ident { $($field:ident),* $(,)? } $($methods:tt)*) => {
        impl $crate::protocol::Plain for $name {
            fn plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                let dict = pyo3::types::PyDict::new(py);
                $(dict.set_item(stringify!($field), $crate::protocol::Plain::plain(&self.$field, py)?)?;)*
                Ok(dict.into_any())
            }
        }

        $crate::protocol::record! { @methods $name $($methods)* }
    };
    (@methods $name:ident $($methods:tt)*) => {
        #[pymethods]
        impl $name {
            $($methods)*

            /// The record as plain, JSON-ready data: a dict of its fields, amounts as
            /// decimal.Decimal, times as timezone-aware datetimes in UTC, enums as their
            /// snake_case strings, nested records as dicts, absent values as None.
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                $crate::protocol::Plain::plain(self, py)
            }

            fn __hash__(&self) -> u64 {
                $crate::protocol::hash_of(self)
            }

            fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<$crate::protocol::Reduced<'py>> {
                $crate::protocol::reduce(py, stringify!($name), self)
            }

            /// Records are immutable: a copy is the record itself.
            fn __copy__(slf: Py<Self>) -> Py<Self> {
                slf
            }

            /// Records are immutable: a deep copy is the record itself.
            fn __deepcopy__(slf: Py<Self>, _memo: &Bound<'_, PyAny>) -> Py<Self> {
                slf
            }
        }
    };
}

pub(crate) use record;
