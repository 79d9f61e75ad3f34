//! Reading single JavaScript values, for the reader of arguments (`read.rs`).
//!
//! Arguments arrive as untyped JavaScript values and are read on the calling
//! thread, rather than through napi's automatic conversion: that way
//! every wrong type is `invalid_input` naming the exact path the caller wrote
//! (`lines[2].unitPrice`), a number where money is expected is refused, and
//! a misspelt option (`idempotencykey`) is an error instead of being
//! silently ignored. Only shapes and JavaScript types are checked here; every
//! business rule (ranges, limits, identifiers) stays in the core.

use napi::ValueType;
use oms_core::{Error, Result};
use rust_decimal::Decimal;

use crate::error::{invalid_input, invalid_quantity};
use crate::js::{self, Failed, Js};

/// The largest whole number a JavaScript number holds exactly
/// (`Number.MAX_SAFE_INTEGER`). Beyond it neighbouring integers share one
/// number (`2 ** 53 + 1 === 2 ** 53`), so the value the caller meant is unknown.
const SAFE_INTEGER_MAX: f64 = 9_007_199_254_740_991.0;

/// How much of a thrown message an error quotes.
const THROWN_MESSAGE_MAX_CHARS: usize = 200;

/// The path of `key` inside the value at `parent` (`""` for a top-level argument).
fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// The error for an N-API call on the value at `path` that failed while
/// `doing` something. When the caller's code threw (a getter, a Proxy trap,
/// a `toString`) the exception is taken, so that it does not stay pending
/// and poison the next call, and its message is quoted: it is bad input.
fn failed(value: Js, path: &str, doing: &str, failure: Failed) -> Error {
    match js::take_exception(value.env()) {
        Some(thrown) => invalid_input(path, format!("{doing} threw: {}", describe(thrown))),
        None => invalid_input(path, format!("could not be read ({doing}): {}", failure.name())),
    }
}

/// A thrown value as text: an `Error`'s message, a string as it is, anything
/// else as `String(value)` would show it, shortened.
fn describe(thrown: Js) -> String {
    let text = match thrown.is_error() {
        Ok(true) => thrown.property("message"),
        _ => Ok(thrown),
    }
    .and_then(|text| match text.value_type()? {
        ValueType::String => Ok(text),
        _ => text.coerce_to_string(),
    })
    .and_then(Js::utf16);
    match text {
        Ok(units) => {
            let text = String::from_utf16_lossy(&units);
            match text.char_indices().nth(THROWN_MESSAGE_MAX_CHARS) {
                Some((end, _)) => format!("{}…", &text[..end]),
                None => text,
            }
        }
        Err(_) => {
            // Reading the message threw in turn (a getter on `message`, a
            // Symbol): that exception is the caller's too, and is dropped.
            js::take_exception(thrown.env());
            "a value that cannot be shown as text".into()
        }
    }
}

fn value_type(value: Js, path: &str) -> Result<ValueType> {
    value.value_type().map_err(|failure| failed(value, path, "reading its type", failure))
}

fn is_array(value: Js, path: &str) -> Result<bool> {
    value.is_array().map_err(|failure| failed(value, path, "reading its type", failure))
}

fn type_name(value: Js, path: &str) -> Result<&'static str> {
    Ok(match value_type(value, path)? {
        ValueType::Undefined => "undefined",
        ValueType::Null => "null",
        ValueType::Boolean => "a boolean",
        ValueType::Number => "a number",
        ValueType::String => "a string",
        ValueType::Symbol => "a symbol",
        ValueType::Object if is_array(value, path)? => "an array",
        ValueType::Object => "an object",
        ValueType::Function => "a function",
        ValueType::External => "an external value",
        ValueType::BigInt => "a bigint",
        _ => "an unknown value",
    })
}

fn wrong_type(value: Js, path: &str, expected: &str) -> Error {
    match type_name(value, path) {
        Ok(found) => invalid_input(path, format!("expected {expected}, got {found}")),
        Err(error) => error,
    }
}

/// `undefined` and `null` both mean "not given".
fn is_absent(value: Js, path: &str) -> Result<bool> {
    Ok(matches!(value_type(value, path)?, ValueType::Undefined | ValueType::Null))
}

/// An optional argument: `None` when absent.
pub(crate) fn optional(value: Option<Js>, path: &str) -> Result<Option<Js>> {
    match value {
        Some(value) if !is_absent(value, path)? => Ok(Some(value)),
        _ => Ok(None),
    }
}

/// A JavaScript string, exactly as the caller wrote it. A string that is not
/// valid Unicode (a lone UTF-16 surrogate) is refused rather than altered:
/// whatever is accepted must read back as it was given.
pub(crate) fn string(value: Js, path: &str) -> Result<String> {
    if value_type(value, path)? != ValueType::String {
        return Err(wrong_type(value, path, "a string"));
    }
    let units = value.utf16().map_err(|failure| failed(value, path, "reading it", failure))?;
    String::from_utf16(&units).map_err(|_| {
        let (position, unit) = char::decode_utf16(units.iter().copied())
            .scan(0, |offset, decoded| {
                let at = *offset;
                *offset += decoded.as_ref().map_or(1, |c| c.len_utf16());
                Some((at, decoded))
            })
            .find_map(|(at, decoded)| decoded.err().map(|error| (at, error.unpaired_surrogate())))
            .unwrap_or_default();
        invalid_input(path, format!("is not valid Unicode: a lone surrogate {unit:#06X} at UTF-16 position {position}"))
    })
}

fn number(value: Js, path: &str, expected: &str) -> Result<f64> {
    if value_type(value, path)? != ValueType::Number {
        return Err(wrong_type(value, path, expected));
    }
    value.double().map_err(|failure| failed(value, path, "reading it", failure))
}

/// A number as JavaScript would print it (`1e+300`, `NaN`, `-Infinity`), so
/// that an error quotes what the caller wrote.
fn shown(number: f64) -> String {
    if number.is_nan() {
        "NaN".into()
    } else if number.is_infinite() {
        if number > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else if number.abs() >= 1e21 {
        format!("{number:e}").replace('e', "e+").replace("e+-", "e-")
    } else {
        format!("{number}")
    }
}

/// A whole number a JavaScript number holds exactly; `-0` is 0. Anything
/// else (a fraction, NaN, an infinity, a magnitude beyond
/// `Number.MAX_SAFE_INTEGER`) is `None`, never a saturated or rounded value.
fn whole(number: f64) -> Option<i64> {
    // The range check makes the conversion exact.
    (number.fract() == 0.0 && number.abs() <= SAFE_INTEGER_MAX).then_some(number as i64)
}

const NOT_WHOLE: &str = "a whole number between -(2 ** 53 - 1) and 2 ** 53 - 1";

/// A quantity: a JavaScript number that is a whole number. A fraction, NaN,
/// an infinity or an unsafe integer is `invalid_quantity`; another type is
/// `invalid_input`. The core checks the range.
pub(crate) fn quantity(value: Js, path: &str) -> Result<i64> {
    let number = number(value, path, "an integer number")?;
    whole(number).ok_or_else(|| invalid_quantity(path, format!("must be {NOT_WHOLE}, got {}", shown(number))))
}

/// A whole number that is not a quantity (a priority, a time to live):
/// anything but a safe integer is `invalid_input`; the core checks the range.
pub(crate) fn integer(value: Js, path: &str) -> Result<i64> {
    let number = number(value, path, "an integer number")?;
    whole(number).ok_or_else(|| invalid_input(path, format!("expected {NOT_WHOLE}, got {}", shown(number))))
}

/// A non-negative whole number that is not a quantity (a cursor, a page
/// size, a line number): anything else is `invalid_input`.
pub(crate) fn count(value: Js, path: &str) -> Result<u64> {
    let number = number(value, path, "a non-negative integer number")?;
    whole(number).and_then(|whole| u64::try_from(whole).ok()).ok_or_else(|| {
        invalid_input(path, format!("expected a non-negative whole number below 2 ** 53, got {}", shown(number)))
    })
}

/// A [`count`] that fits in 32 bits.
pub(crate) fn small_count(value: Js, path: &str) -> Result<u32> {
    let number = count(value, path)?;
    u32::try_from(number).map_err(|_| invalid_input(path, format!("must be at most {}, got {number}", u32::MAX)))
}

/// A money amount or rate: a decimal string such as `"19.99"`, handed to the
/// core's parser exactly as written. A JavaScript number is refused, because
/// binary floating point cannot hold most cents.
pub(crate) fn decimal(value: Js, path: &str) -> Result<Decimal> {
    if value_type(value, path)? != ValueType::String {
        return Err(wrong_type(value, path, "a decimal string such as \"19.99\" (numbers are not accepted for money)"));
    }
    oms_core::money::parse_decimal(&string(value, path)?).map_err(|e| e.at(path))
}

pub(crate) fn boolean(value: Js, path: &str) -> Result<bool> {
    if value_type(value, path)? != ValueType::Boolean {
        return Err(wrong_type(value, path, "a boolean"));
    }
    value.boolean().map_err(|failure| failed(value, path, "reading it", failure))
}

/// The elements of an array, with their paths. At most `max_len` elements
/// are read: the core refuses a list longer than its limit, and the binding
/// never copies more input than that.
pub(crate) fn array(value: Js, path: &str, max_len: usize) -> Result<Vec<(String, Js)>> {
    if value_type(value, path)? != ValueType::Object || !is_array(value, path)? {
        return Err(wrong_type(value, path, "an array"));
    }
    let length = value.array_length().map_err(|failure| failed(value, path, "reading its length", failure))?;
    let read = usize::try_from(length).unwrap_or(usize::MAX).min(max_len);
    let mut elements = Vec::with_capacity(read);
    for index in 0..length.min(u32::try_from(read).unwrap_or(u32::MAX)) {
        let element_path = format!("{path}[{index}]");
        let element = value.element(index).map_err(|failure| failed(value, &element_path, "getter", failure))?;
        elements.push((element_path, element));
    }
    Ok(elements)
}

/// An object argument being read: an options object, one line of an order,
/// or an object used as a map.
pub(crate) struct Fields {
    object: Js,
    /// Prefix of the keys' paths: `""` for an argument, `lines[0]` for a nested object.
    path: String,
    /// How errors about the object itself name it.
    name: String,
}

impl Fields {
    /// A positional argument named `name` (`input`, `options`): an object
    /// whose keys must all be among `allowed`. Its keys' paths are bare (`sku`).
    pub(crate) fn argument(value: Js, name: &str, allowed: &[&str]) -> Result<Fields> {
        Fields::read(value, "", name)?.only(allowed)
    }

    /// An optional positional argument: `None` when `undefined` or `null`.
    pub(crate) fn optional_argument(value: Option<Js>, name: &str, allowed: &[&str]) -> Result<Option<Fields>> {
        optional(value, name)?.map(|value| Fields::argument(value, name, allowed)).transpose()
    }

    /// An object at `path` inside an argument, with only the `allowed` keys.
    pub(crate) fn nested(value: Js, path: &str, allowed: &[&str]) -> Result<Fields> {
        Fields::read(value, path, path)?.only(allowed)
    }

    /// An object at `path` used as a map: any keys.
    pub(crate) fn map(value: Js, path: &str) -> Result<Fields> {
        Fields::read(value, path, path)
    }

    fn read(value: Js, path: &str, name: &str) -> Result<Fields> {
        if value_type(value, name)? != ValueType::Object || is_array(value, name)? {
            return Err(wrong_type(value, name, "an object"));
        }
        Ok(Fields { object: value, path: path.to_string(), name: name.to_string() })
    }

    fn only(self, allowed: &[&str]) -> Result<Fields> {
        for key in self.keys()? {
            if !allowed.contains(&key.as_str()) {
                return Err(invalid_input(
                    &self.path(&key),
                    format!("unknown field; expected one of {}", allowed.join(", ")),
                ));
            }
        }
        Ok(self)
    }

    /// The object's enumerable string keys.
    pub(crate) fn keys(&self) -> Result<Vec<String>> {
        let listing = |failure| failed(self.object, &self.name, "listing its keys", failure);
        let names = self.object.property_names().map_err(listing)?;
        let length = names.array_length().map_err(listing)?;
        (0..length)
            .map(|index| {
                let name = names.element(index).map_err(listing)?;
                string(name, &self.name)
            })
            .collect()
    }

    pub(crate) fn path(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// The value at `key`, or `None` when it is `undefined` or `null`.
    pub(crate) fn get(&self, key: &str) -> Result<Option<(String, Js)>> {
        let path = self.path(key);
        let value = self.object.property(key).map_err(|failure| failed(self.object, &path, "getter", failure))?;
        Ok(optional(Some(value), &path)?.map(|value| (path, value)))
    }

    /// The value at `key`, which must be given.
    pub(crate) fn require(&self, key: &str) -> Result<(String, Js)> {
        self.get(key)?.ok_or_else(|| invalid_input(&self.path(key), "is required"))
    }

    pub(crate) fn decimal(&self, key: &str) -> Result<Decimal> {
        let (path, value) = self.require(key)?;
        decimal(value, &path)
    }
}
