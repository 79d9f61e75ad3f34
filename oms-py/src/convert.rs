//! Python values in, core values out, and back.
//!
//! Every reader takes the field path it is reading so that an error names it
//! (`lines[0].unit_price`). Types are checked here, before any extraction,
//! because a lenient conversion would accept what the API refuses: a `float`
//! where money is expected, a `bool` where a quantity is expected. Values are
//! validated by the core's own constructors (`Sku::new`, `Currency::parse`);
//! the binding has no business rules of its own.

use oms_core::Error;
use pyo3::prelude::*;
use pyo3::sync::GILOnceCell;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMemoryView, PyString, PyTuple, PyType,
};
use rust_decimal::Decimal;

/// A core result, for conversions that name their field.
pub(crate) type Result<T> = std::result::Result<T, Error>;

fn invalid_input(field: &str, message: impl Into<String>) -> Error {
    Error::InvalidInput { field: field.into(), message: message.into() }
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value.get_type().name().map(|name| name.to_string()).unwrap_or_else(|_| "object".into())
}

/// A `str`.
pub(crate) fn text(value: &Bound<'_, PyAny>, field: &str) -> Result<String> {
    let string = value
        .downcast::<PyString>()
        .map_err(|_| invalid_input(field, format!("expected str, got {}", type_name(value))))?;
    string.to_cow().map(|text| text.into_owned()).map_err(|error| invalid_input(field, error.to_string()))
}

/// An optional `str` (`None` is absent).
pub(crate) fn optional_text(value: Option<&Bound<'_, PyAny>>, field: &str) -> Result<Option<String>> {
    value.filter(|value| !value.is_none()).map(|value| text(value, field)).transpose()
}

/// A `str` checked by a core constructor, its error renamed to `field`.
pub(crate) fn parsed<T>(value: &Bound<'_, PyAny>, field: &str, parse: impl FnOnce(String) -> Result<T>) -> Result<T> {
    parse(text(value, field)?).map_err(|error| error.at(field))
}

/// An optional [`parsed`] value.
pub(crate) fn optional_parsed<T>(
    value: Option<&Bound<'_, PyAny>>,
    field: &str,
    parse: impl FnOnce(String) -> Result<T>,
) -> Result<Option<T>> {
    value.filter(|value| !value.is_none()).map(|value| parsed(value, field, parse)).transpose()
}

/// An `int` that is not a `bool`, as `i64`; `out_of_range` builds the error
/// for an integer that does not fit.
fn integer(value: &Bound<'_, PyAny>, field: &str, out_of_range: impl FnOnce() -> Error) -> Result<i64> {
    if value.is_instance_of::<PyBool>() || !value.is_instance_of::<PyInt>() {
        return Err(invalid_input(field, format!("expected int, got {}", type_name(value))));
    }
    value.extract::<i64>().map_err(|_| out_of_range())
}

/// A quantity: an `int` (not `bool`, not `float`). Its range is the core's business.
pub(crate) fn quantity(value: &Bound<'_, PyAny>, field: &str) -> Result<i64> {
    integer(value, field, || Error::InvalidQuantity { field: field.into(), message: "is out of range".into() })
}

/// A whole number (an `int`, not `bool`, not `float`) whose range is the core's business;
/// one that does not fit in 64 bits is `invalid_input`.
pub(crate) fn whole(value: &Bound<'_, PyAny>, field: &str) -> Result<i64> {
    integer(value, field, || invalid_input(field, "is out of range"))
}

/// An optional [`whole`] number.
pub(crate) fn optional_whole(value: Option<&Bound<'_, PyAny>>, field: &str) -> Result<Option<i64>> {
    value.filter(|value| !value.is_none()).map(|value| whole(value, field)).transpose()
}

/// An optional [`quantity`].
pub(crate) fn optional_quantity(value: Option<&Bound<'_, PyAny>>, field: &str) -> Result<Option<i64>> {
    value.filter(|value| !value.is_none()).map(|value| quantity(value, field)).transpose()
}

/// A non-negative `int` that fits in 32 bits (a distance in km, a line number).
pub(crate) fn small_count(value: &Bound<'_, PyAny>, field: &str) -> Result<u32> {
    let number = count(value, field)?;
    u32::try_from(number).map_err(|_| invalid_input(field, format!("{number} is out of range")))
}

/// An optional [`small_count`].
pub(crate) fn optional_small_count(value: Option<&Bound<'_, PyAny>>, field: &str) -> Result<Option<u32>> {
    value.filter(|value| !value.is_none()).map(|value| small_count(value, field)).transpose()
}

/// A `bool` (not any truthy object); `None` or absent is `None`.
pub(crate) fn optional_flag(value: Option<&Bound<'_, PyAny>>, field: &str) -> Result<Option<bool>> {
    value
        .filter(|value| !value.is_none())
        .map(|value| {
            value
                .downcast::<PyBool>()
                .map(|flag| flag.is_true())
                .map_err(|_| invalid_input(field, format!("expected bool, got {}", type_name(value))))
        })
        .transpose()
}

/// A `bool` flag; `None` or absent is `false`.
pub(crate) fn flag(value: Option<&Bound<'_, PyAny>>, field: &str) -> Result<bool> {
    Ok(optional_flag(value, field)?.unwrap_or(false))
}

/// A count or cursor: a non-negative `int`.
pub(crate) fn count(value: &Bound<'_, PyAny>, field: &str) -> Result<u64> {
    let number = integer(value, field, || invalid_input(field, "is out of range"))?;
    u64::try_from(number).map_err(|_| invalid_input(field, format!("must not be negative, got {number}")))
}

/// An optional page size.
pub(crate) fn optional_limit(value: Option<&Bound<'_, PyAny>>, field: &str) -> Result<Option<usize>> {
    value
        .filter(|value| !value.is_none())
        .map(|value| usize::try_from(count(value, field)?).map_err(|_| invalid_input(field, "is out of range")))
        .transpose()
}

static DECIMAL_TYPE: GILOnceCell<Py<PyType>> = GILOnceCell::new();

fn decimal_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DECIMAL_TYPE.import(py, "decimal", "Decimal")
}

/// Money or a rate: a `decimal.Decimal` or an `int`. A `float` (inexact), a
/// `bool` or a `str` is `invalid_input`; NaN, infinity and values outside
/// `Decimal`'s range are `invalid_amount`. Scale and sign are the core's business.
pub(crate) fn amount(value: &Bound<'_, PyAny>, field: &str) -> Result<Decimal> {
    let py = value.py();
    let invalid_amount = |message: String| Error::InvalidAmount { field: field.into(), message };
    if value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>() {
        return value
            .extract::<i64>()
            .map(Decimal::from)
            .map_err(|_| invalid_amount(format!("{value} is out of range")));
    }
    let decimal = decimal_type(py).map_err(|error| invalid_input(field, error.to_string()))?;
    if !value.is_instance(decimal).unwrap_or(false) {
        let hint = if value.is_instance_of::<PyFloat>() { " (a float is inexact; use decimal.Decimal)" } else { "" };
        return Err(invalid_input(field, format!("expected decimal.Decimal or int, got {}{hint}", type_name(value))));
    }
    let finite = value.call_method0("is_finite").and_then(|finite| finite.is_truthy()).unwrap_or(false);
    if !finite {
        return Err(invalid_amount(format!("must be a finite number, got {value}")));
    }
    value.extract::<Decimal>().map_err(|_| invalid_amount(format!("{value} cannot be represented exactly")))
}

/// An optional [`amount`].
pub(crate) fn optional_amount(value: Option<&Bound<'_, PyAny>>, field: &str) -> Result<Option<Decimal>> {
    value.filter(|value| !value.is_none()).map(|value| amount(value, field)).transpose()
}

static SEQUENCE_TYPE: GILOnceCell<Py<PyType>> = GILOnceCell::new();
static MAPPING_TYPE: GILOnceCell<Py<PyType>> = GILOnceCell::new();

/// Whether `value` is an instance of the `collections.abc` class `name`
/// (registered virtual subclasses count, as they do for `isinstance`).
fn is_abstract_instance(value: &Bound<'_, PyAny>, cell: &'static GILOnceCell<Py<PyType>>, name: &str) -> bool {
    cell.import(value.py(), "collections.abc", name).and_then(|class| value.is_instance(class)).unwrap_or(false)
}

/// A list: any `collections.abc.Sequence` (a `list`, a `tuple`, a `range`, a
/// user's own class) except text and bytes, as its items. A `str` is a
/// sequence of characters, never the list a caller meant, so it is refused
/// with `bytes`, `bytearray` and `memoryview`. A generator or iterator is
/// refused too: it is not a `Sequence`, and reading it would use it up.
pub(crate) fn sequence<'py>(value: &Bound<'py, PyAny>, field: &str) -> Result<Vec<Bound<'py, PyAny>>> {
    if let Ok(list) = value.downcast::<PyList>() {
        return Ok(list.iter().collect());
    }
    if let Ok(tuple) = value.downcast::<PyTuple>() {
        return Ok(tuple.iter().collect());
    }
    let text_or_bytes = value.is_instance_of::<PyString>()
        || value.is_instance_of::<PyBytes>()
        || value.is_instance_of::<PyByteArray>()
        || value.is_instance_of::<PyMemoryView>();
    if text_or_bytes || !is_abstract_instance(value, &SEQUENCE_TYPE, "Sequence") {
        return Err(invalid_input(
            field,
            format!("expected a list or another sequence (not str or bytes), got {}", type_name(value)),
        ));
    }
    value
        .try_iter()
        .and_then(|items| items.collect::<PyResult<Vec<_>>>())
        .map_err(|error| invalid_input(field, error.to_string()))
}

/// The entries of a mapping: a `dict` or any other `collections.abc.Mapping`
/// (`types.MappingProxyType`, a user's own class), in its iteration order.
pub(crate) fn mapping<'py>(
    value: &Bound<'py, PyAny>,
    field: &str,
) -> Result<Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)>> {
    if let Ok(dict) = value.downcast::<PyDict>() {
        return Ok(dict.iter().collect());
    }
    if !is_abstract_instance(value, &MAPPING_TYPE, "Mapping") {
        return Err(invalid_input(field, format!("expected a dict or another mapping, got {}", type_name(value))));
    }
    let read = || -> PyResult<Vec<_>> {
        value
            .try_iter()?
            .map(|key| {
                let key = key?;
                let item = value.get_item(&key)?;
                Ok((key, item))
            })
            .collect()
    };
    read().map_err(|error| invalid_input(field, error.to_string()))
}

/// A record: a mapping (see [`mapping`]) with `str` keys, every key among
/// `allowed`; returns a reader of its values.
pub(crate) fn record<'py>(value: &Bound<'py, PyAny>, field: &str, allowed: &[&'static str]) -> Result<Record<'py>> {
    let mut entries = Vec::with_capacity(allowed.len());
    for (key, item) in mapping(value, field)? {
        let name = key
            .downcast::<PyString>()
            .map_err(|_| invalid_input(field, format!("keys must be str, got {}", type_name(&key))))?
            .to_cow()
            .map_err(|error| invalid_input(field, error.to_string()))?;
        let Some(known) = allowed.iter().find(|known| **known == name) else {
            return Err(invalid_input(
                &format!("{field}.{name}"),
                format!("unknown key (expected {})", allowed.join(", ")),
            ));
        };
        entries.push((*known, item));
    }
    Ok(Record { entries, field: field.to_owned() })
}

/// The values of a checked record, each read with its path.
pub(crate) struct Record<'py> {
    entries: Vec<(&'static str, Bound<'py, PyAny>)>,
    field: String,
}

impl<'py> Record<'py> {
    /// The path of one key.
    pub(crate) fn path(&self, key: &str) -> String {
        format!("{}.{key}", self.field)
    }

    /// A value that may be absent or `None`.
    pub(crate) fn optional(&self, key: &str) -> Option<&Bound<'py, PyAny>> {
        self.entries.iter().find(|(name, _)| *name == key).map(|(_, value)| value).filter(|value| !value.is_none())
    }

    /// A value that must be present.
    pub(crate) fn required(&self, key: &str) -> Result<&Bound<'py, PyAny>> {
        self.optional(key).ok_or_else(|| invalid_input(&self.path(key), "is required"))
    }
}

/// A JSON value as plain Python objects (dict, list, str, int, float, bool, None).
pub(crate) fn json_to_py(py: Python<'_>, value: &serde_json::Value) -> PyResult<PyObject> {
    use serde_json::Value;
    Ok(match value {
        Value::Null => py.None(),
        Value::Bool(flag) => PyBool::new(py, *flag).to_owned().into_any().unbind(),
        Value::Number(number) => match (number.as_i64(), number.as_u64()) {
            (Some(integer), _) => integer.into_pyobject(py)?.into_any().unbind(),
            (None, Some(integer)) => integer.into_pyobject(py)?.into_any().unbind(),
            (None, None) => number.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any().unbind(),
        },
        Value::String(text) => PyString::new(py, text).into_any().unbind(),
        Value::Array(items) => {
            let items = items.iter().map(|item| json_to_py(py, item)).collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any().unbind()
        }
        Value::Object(fields) => {
            let dict = PyDict::new(py);
            for (key, field) in fields {
                dict.set_item(key, json_to_py(py, field)?)?;
            }
            dict.into_any().unbind()
        }
    })
}
