//! Core errors as JavaScript errors.
//!
//! Every failure reaches JavaScript as an `Error` whose `code` is the core's
//! stable code (`insufficient_stock`), with `field` (the input path in
//! JavaScript spelling, or `null`) and `category` set as properties.
//! `index.js` turns these into instances of the exported `OmsError` class.

use napi::sys;
use oms_core::{Detail, Error};

use crate::js::{self, Checked, Js};

/// An error from a core call with its field path spelled as JavaScript
/// callers spell it (`lines[0].unitPrice`, not `lines[0].unit_price`).
/// Errors from reading the arguments already name JavaScript paths, some of
/// them written by the caller (an unknown key), and are not converted.
pub(crate) fn in_js_terms(error: Error) -> Error {
    match error.field().map(js_path) {
        Some(path) => error.at(path),
        None => error,
    }
}

/// The JavaScript error object for an error whose field is already a
/// JavaScript path: an `Error` with the core's message, `code`, `field` (or
/// `null`), `category` and `details` (a plain object of the error's facts,
/// such as `{ sku, requested, available }`; empty for most errors). Used
/// both for throws and for promise rejections.
pub(crate) fn js_error(env: sys::napi_env, error: &Error) -> Checked<Js> {
    let object = js::error(env, &error.to_string())?;
    object.set("code", js::string(env, error.code())?)?;
    let field = match error.field() {
        Some(field) => js::string(env, field)?,
        None => js::null(env)?,
    };
    object.set("field", field)?;
    object.set("category", js::string(env, error.category().as_str())?)?;
    object.set("details", details(env, error)?)?;
    Ok(object)
}

/// The error's details as a plain object: texts as strings, counts as numbers.
fn details(env: sys::napi_env, error: &Error) -> Checked<Js> {
    let details = js::object(env)?;
    for (name, detail) in error.details() {
        let value = match detail {
            Detail::Text(text) => js::string(env, &text)?,
            Detail::Count(count) => js::integer(env, count)?,
        };
        details.set(name, value)?;
    }
    Ok(details)
}

/// Throws the JavaScript error for `error`. When that fails the engine is
/// out of memory or the environment is being torn down (or an exception is
/// already pending, which then propagates instead); nothing more can be
/// done and the failure is dropped.
pub(crate) fn throw(env: sys::napi_env, error: &Error) {
    let _ = js_error(env, error).and_then(js::throw);
}

/// Converts a core field path to JavaScript spelling: each snake_case segment
/// becomes camelCase. Tax-class names after `tax_rates.` are user data and
/// keep their spelling.
pub(crate) fn js_path(path: &str) -> String {
    for prefix in ["tax_rates.", "taxRates."] {
        if let Some(class) = path.strip_prefix(prefix) {
            return format!("taxRates.{class}");
        }
    }
    let mut converted = String::with_capacity(path.len());
    let mut upper_next = false;
    for c in path.chars() {
        if c == '_' {
            upper_next = true;
        } else if upper_next {
            converted.extend(c.to_uppercase());
            upper_next = false;
        } else {
            converted.push(c);
        }
    }
    converted
}

/// A value of the wrong JavaScript type or shape at `field`.
pub(crate) fn invalid_input(field: &str, message: impl Into<String>) -> Error {
    Error::InvalidInput { field: field.to_string(), message: message.into() }
}

/// A number that is not a whole number where a quantity is expected.
pub(crate) fn invalid_quantity(field: &str, message: impl Into<String>) -> Error {
    Error::InvalidQuantity { field: field.to_string(), message: message.into() }
}
