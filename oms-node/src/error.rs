//! Core errors as JavaScript errors.
//!
//! Every failure reaches JavaScript as an `Error` whose `code` is the core's
//! stable code (`insufficient_stock`), with `field` (the input path in
//! JavaScript spelling, or `null`) and `category` set as properties.
//! `index.js` turns these into instances of the exported `OmsError` class.

use napi::{Env, JsError, JsObject, Status};
use oms_core::Error;

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

/// Builds the JavaScript error object for an error whose field is already a
/// JavaScript path. Used both for synchronous throws and for promise rejections.
pub(crate) fn to_js(env: Env, error: Error) -> napi::Error {
    match js_object(env, &error) {
        Ok(object) => napi::Error::from(object.into_unknown()),
        // Creating an object only fails when the engine is out of memory or
        // shutting down; the code still travels in the message then.
        Err(_) => napi::Error::new(Status::GenericFailure, format!("{}: {error}", error.code())),
    }
}

fn js_object(env: Env, error: &Error) -> napi::Result<JsObject> {
    let native = napi::Error::new(error.code().to_string(), error.to_string());
    let mut object = JsError::from(native).into_unknown(env).coerce_to_object()?;
    match error.field() {
        Some(field) => object.set_named_property("field", env.create_string(field)?)?,
        None => object.set_named_property("field", env.get_null()?)?,
    }
    object.set_named_property("category", env.create_string(error.category().as_str())?)?;
    Ok(object)
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

/// An error the N-API layer reported while reading an input value.
pub(crate) fn unreadable(field: &str, error: &napi::Error) -> Error {
    invalid_input(field, format!("could not be read: {}", error.reason))
}
