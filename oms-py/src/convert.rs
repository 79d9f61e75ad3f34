//! Python values in, core values out, and back.
//!
//! Every reader takes the field path it is reading so that an error names it
//! (`lines[0].unit_price`). Types are checked here, before any extraction,
//! because a lenient conversion would accept what the API refuses: a `float`
//! where money is expected, a `bool` where a quantity is expected. Values are
//! validated by the core's own constructors (`Sku::new`, `Currency::parse`);
//! the binding has no business rules of its own. The one exception is the
//! range of each integer ([`Bounds`], from `oms_core::limits`): a Python `int`
//! is unbounded, so it is bounded here, where it becomes a Rust integer.

use oms_core::limits::{
    ON_HAND_MAX, PAGE_LIMIT_MAX, PARCEL_DIMENSION_MAX_MM, PARCEL_WEIGHT_MAX_GRAMS, PICKUP_WINDOW_HOURS_MAX,
    PRIORITY_MAX, QUANTITY_MAX, RESERVATION_TTL_SECONDS_MAX,
};
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

/// What one integer argument may be: the inclusive range of the core's rule
/// for it (from `oms_core::limits`), and the error for a value outside it.
///
/// Python integers are unbounded, so every integer is checked against its
/// field's range here, before it reaches the core: a value the core's own
/// check would refuse gets the same code and field from the edge, and no
/// value outside the range (`-2**63`, `2**64`, `10**30`) can reach core
/// arithmetic that was never meant to see it. The core checks again; a rule
/// that is not a range (a quantity delta of zero) stays the core's alone.
pub(crate) struct Bounds {
    min: i64,
    max: i64,
    below: Code,
    above: Code,
}

/// The code of an integer outside its [`Bounds`].
#[derive(Clone, Copy)]
enum Code {
    InvalidInput,
    InvalidQuantity,
    LimitExceeded,
}

impl Code {
    fn error(self, field: &str, message: String) -> Error {
        let field = field.to_owned();
        match self {
            Code::InvalidInput => Error::InvalidInput { field, message },
            Code::InvalidQuantity => Error::InvalidQuantity { field, message },
            Code::LimitExceeded => Error::LimitExceeded { field, message },
        }
    }
}

impl Bounds {
    const fn new(min: i64, max: i64, code: Code) -> Bounds {
        Bounds { min, max, below: code, above: code }
    }

    /// Units on an order, reservation or cancelled line, or moved by one stock command.
    pub(crate) const QUANTITY: Bounds = Bounds::new(1, QUANTITY_MAX, Code::InvalidQuantity);
    /// A signed stock correction; zero is the core's to refuse.
    pub(crate) const QUANTITY_DELTA: Bounds = Bounds::new(-QUANTITY_MAX, QUANTITY_MAX, Code::InvalidQuantity);
    /// A physical count of on-hand stock.
    pub(crate) const COUNTED: Bounds = Bounds::new(0, ON_HAND_MAX, Code::InvalidQuantity);
    /// A location's daily capacity or a channel's safety stock, in units.
    pub(crate) const CAPACITY: Bounds = Bounds::new(0, QUANTITY_MAX, Code::InvalidQuantity);
    /// A location's priority.
    pub(crate) const PRIORITY: Bounds = Bounds::new(0, PRIORITY_MAX, Code::InvalidInput);
    /// A checkout reservation's time to live, in seconds.
    pub(crate) const TTL_SECONDS: Bounds = Bounds::new(1, RESERVATION_TTL_SECONDS_MAX, Code::InvalidInput);
    /// A page size: zero is malformed, more than the maximum is over a limit.
    pub(crate) const PAGE_LIMIT: Bounds =
        Bounds { min: 1, max: PAGE_LIMIT_MAX as i64, below: Code::InvalidInput, above: Code::LimitExceeded };
    /// A sequence number to read after; sequences are stored as signed 64-bit integers.
    pub(crate) const CURSOR: Bounds = Bounds::new(0, i64::MAX, Code::InvalidInput);
    /// A distance in km or a line number: a `u32` in the core.
    pub(crate) const SMALL_COUNT: Bounds = Bounds::new(0, u32::MAX as i64, Code::InvalidInput);
    /// A parcel's weight in grams: positive, within the core's limit.
    pub(crate) const WEIGHT: Bounds =
        Bounds { min: 1, max: PARCEL_WEIGHT_MAX_GRAMS, below: Code::InvalidInput, above: Code::LimitExceeded };
    /// A parcel's side in millimetres: positive, within the core's limit.
    pub(crate) const DIMENSION: Bounds =
        Bounds { min: 1, max: PARCEL_DIMENSION_MAX_MM, below: Code::InvalidInput, above: Code::LimitExceeded };
    /// A channel's pickup window in hours: at least one, within the core's limit.
    pub(crate) const PICKUP_WINDOW_HOURS: Bounds =
        Bounds { min: 1, max: PICKUP_WINDOW_HOURS_MAX, below: Code::InvalidInput, above: Code::LimitExceeded };
}

/// How an integer that may not fit any Rust integer reads in a message.
fn describe_integer(value: &Bound<'_, PyAny>) -> String {
    match value.str() {
        Ok(text) if text.len().is_ok_and(|length| length <= 40) => text.to_string(),
        _ => {
            let bits = value.call_method0("bit_length").map(|bits| bits.to_string()).unwrap_or_default();
            format!("an integer of {bits} bits")
        }
    }
}

/// An `int` that is not a `bool`, within `bounds`, as the core's type `T`.
pub(crate) fn integer<T: TryFrom<i64>>(value: &Bound<'_, PyAny>, field: &str, bounds: &Bounds) -> Result<T> {
    if value.is_instance_of::<PyBool>() || !value.is_instance_of::<PyInt>() {
        return Err(invalid_input(field, format!("expected int, got {}", type_name(value))));
    }
    let out_of_range = |code: Code| {
        let message = format!("must be between {} and {}, got {}", bounds.min, bounds.max, describe_integer(value));
        code.error(field, message)
    };
    let number = match value.extract::<i64>() {
        Ok(number) => number,
        Err(_) if value.lt(0_i64).unwrap_or(false) => return Err(out_of_range(bounds.below)),
        Err(_) => return Err(out_of_range(bounds.above)),
    };
    if number < bounds.min {
        return Err(out_of_range(bounds.below));
    }
    if number > bounds.max {
        return Err(out_of_range(bounds.above));
    }
    T::try_from(number).map_err(|_| out_of_range(bounds.above))
}

/// A `bool`, not any truthy object.
pub(crate) fn boolean(value: &Bound<'_, PyAny>, field: &str) -> Result<bool> {
    value
        .downcast::<PyBool>()
        .map(|flag| flag.is_true())
        .map_err(|_| invalid_input(field, format!("expected bool, got {}", type_name(value))))
}

static DECIMAL_TYPE: GILOnceCell<Py<PyType>> = GILOnceCell::new();

fn decimal_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DECIMAL_TYPE.import(py, "decimal", "Decimal")
}

/// Money or a rate: a `decimal.Decimal` or an `int`, read exactly. A `float`
/// (inexact), a `bool` or a `str` is `invalid_input`; NaN, infinity and values
/// `rust_decimal` cannot hold exactly are `invalid_amount` (see [`crate::decimal`]).
/// Scale and sign are the core's business.
pub(crate) fn amount(value: &Bound<'_, PyAny>, field: &str) -> Result<Decimal> {
    let py = value.py();
    let invalid_amount = |message: String| Error::InvalidAmount { field: field.into(), message };
    if value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>() {
        return value
            .extract::<i64>()
            .map(Decimal::from)
            .map_err(|_| invalid_amount(format!("{} is out of range", describe_integer(value))));
    }
    let decimal = decimal_type(py).map_err(|error| invalid_input(field, error.to_string()))?;
    if !value.is_instance(decimal).unwrap_or(false) {
        let hint = if value.is_instance_of::<PyFloat>() { " (a float is inexact; use decimal.Decimal)" } else { "" };
        return Err(invalid_input(field, format!("expected decimal.Decimal or int, got {}{hint}", type_name(value))));
    }
    crate::decimal::exact(value, field)
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
    Ok(Record { entries })
}

/// The values of a checked record.
pub(crate) struct Record<'py> {
    entries: Vec<(&'static str, Bound<'py, PyAny>)>,
}

impl<'py> Record<'py> {
    /// A value that may be absent or `None`.
    pub(crate) fn optional(&self, key: &str) -> Option<&Bound<'py, PyAny>> {
        self.entries.iter().find(|(name, _)| *name == key).map(|(_, value)| value).filter(|value| !value.is_none())
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
