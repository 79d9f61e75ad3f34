//! The raw N-API calls the binding makes itself, each with its status checked.
//!
//! napi-rs asserts that some N-API calls succeed (in debug builds) when it
//! throws an error, settles a promise or builds an error object. Those calls
//! do fail: while a worker thread's environment is being torn down, every call
//! that could run JavaScript returns `napi_pending_exception`, and a panic
//! there aborts the whole process. A caller's getter or Proxy trap that
//! throws also makes a call fail, leaving the exception pending. So reading
//! input, building errors, throwing and settling promises go through these
//! wrappers instead: every failure comes back as the N-API status, never as
//! a panic, and the caller decides what it means.

use std::ptr;

use napi::bindgen_prelude::{FromNapiValue, ToNapiValue};
use napi::{sys, ValueType};

/// A failed N-API call: its status (`napi_pending_exception`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Failed(pub sys::napi_status);

impl Failed {
    /// The status's name, such as `PendingException`.
    pub(crate) fn name(self) -> String {
        napi::Status::from(self.0).to_string()
    }
}

pub(crate) type Checked<T> = std::result::Result<T, Failed>;

fn check(status: sys::napi_status) -> Checked<()> {
    if status == sys::Status::napi_ok {
        Ok(())
    } else {
        Err(Failed(status))
    }
}

/// A JavaScript value together with the environment it lives in. Valid only
/// during the native call (or completion callback) that received it.
#[derive(Clone, Copy)]
pub struct Js {
    env: sys::napi_env,
    raw: sys::napi_value,
}

/// Method arguments arrive as `Js` values, unconverted: `input.rs` reads them.
impl FromNapiValue for Js {
    unsafe fn from_napi_value(env: sys::napi_env, raw: sys::napi_value) -> napi::Result<Self> {
        Ok(Js { env, raw })
    }
}

impl ToNapiValue for Js {
    unsafe fn to_napi_value(_env: sys::napi_env, value: Self) -> napi::Result<sys::napi_value> {
        Ok(value.raw)
    }
}

// Every function below passes N-API the environment and values it received
// from Node for the current call, and out-pointers to locals: that is the
// whole contract of these calls, which report any other problem as a status.
impl Js {
    pub(crate) fn new(env: sys::napi_env, raw: sys::napi_value) -> Js {
        Js { env, raw }
    }

    pub(crate) fn env(self) -> sys::napi_env {
        self.env
    }

    pub(crate) fn raw(self) -> sys::napi_value {
        self.raw
    }

    fn with(self, raw: sys::napi_value) -> Js {
        Js { env: self.env, raw }
    }

    pub(crate) fn value_type(self) -> Checked<ValueType> {
        let mut kind = 0;
        check(unsafe { sys::napi_typeof(self.env, self.raw, &mut kind) })?;
        Ok(ValueType::from(kind))
    }

    pub(crate) fn is_array(self) -> Checked<bool> {
        let mut answer = false;
        check(unsafe { sys::napi_is_array(self.env, self.raw, &mut answer) })?;
        Ok(answer)
    }

    pub(crate) fn is_error(self) -> Checked<bool> {
        let mut answer = false;
        check(unsafe { sys::napi_is_error(self.env, self.raw, &mut answer) })?;
        Ok(answer)
    }

    /// `self[key]`: may run a getter or a Proxy trap.
    pub(crate) fn property(self, key: &str) -> Checked<Js> {
        let key = string(self.env, key)?;
        let mut value = ptr::null_mut();
        check(unsafe { sys::napi_get_property(self.env, self.raw, key.raw, &mut value) })?;
        Ok(self.with(value))
    }

    /// `self[index]` of an array: may run a getter.
    pub(crate) fn element(self, index: u32) -> Checked<Js> {
        let mut value = ptr::null_mut();
        check(unsafe { sys::napi_get_element(self.env, self.raw, index, &mut value) })?;
        Ok(self.with(value))
    }

    pub(crate) fn array_length(self) -> Checked<u32> {
        let mut length = 0;
        check(unsafe { sys::napi_get_array_length(self.env, self.raw, &mut length) })?;
        Ok(length)
    }

    /// The enumerable string keys, as `for ... in` lists them: may run Proxy traps.
    pub(crate) fn property_names(self) -> Checked<Js> {
        let mut names = ptr::null_mut();
        check(unsafe { sys::napi_get_property_names(self.env, self.raw, &mut names) })?;
        Ok(self.with(names))
    }

    /// The UTF-16 code units of a string, exactly as JavaScript holds them.
    pub(crate) fn utf16(self) -> Checked<Vec<u16>> {
        let mut length = 0;
        check(unsafe { sys::napi_get_value_string_utf16(self.env, self.raw, ptr::null_mut(), 0, &mut length) })?;
        // N-API writes a terminating NUL, so the buffer holds one unit more.
        let mut units = vec![0_u16; length + 1];
        let mut written = 0;
        check(unsafe {
            sys::napi_get_value_string_utf16(self.env, self.raw, units.as_mut_ptr(), units.len(), &mut written)
        })?;
        units.truncate(written);
        Ok(units)
    }

    pub(crate) fn double(self) -> Checked<f64> {
        let mut number = 0.0;
        check(unsafe { sys::napi_get_value_double(self.env, self.raw, &mut number) })?;
        Ok(number)
    }

    pub(crate) fn boolean(self) -> Checked<bool> {
        let mut flag = false;
        check(unsafe { sys::napi_get_value_bool(self.env, self.raw, &mut flag) })?;
        Ok(flag)
    }

    /// `String(self)`: may run `toString` and throw.
    pub(crate) fn coerce_to_string(self) -> Checked<Js> {
        let mut text = ptr::null_mut();
        check(unsafe { sys::napi_coerce_to_string(self.env, self.raw, &mut text) })?;
        Ok(self.with(text))
    }

    /// Defines `self[key]` as `value`, read-only, not enumerable and not
    /// configurable: it can be neither changed nor removed afterwards. Fails
    /// on a frozen object or one that already has such a property.
    pub(crate) fn define_fixed(self, key: &str, value: Js) -> Checked<()> {
        let key = string(self.env, key)?;
        let descriptor = sys::napi_property_descriptor {
            utf8name: ptr::null(),
            name: key.raw,
            method: None,
            getter: None,
            setter: None,
            value: value.raw,
            attributes: sys::PropertyAttributes::default,
            data: ptr::null_mut(),
        };
        check(unsafe { sys::napi_define_properties(self.env, self.raw, 1, &descriptor) })
    }

    /// `self[key] = value` on an object this binding created.
    pub(crate) fn set(self, key: &str, value: Js) -> Checked<()> {
        let key = string(self.env, key)?;
        check(unsafe { sys::napi_set_property(self.env, self.raw, key.raw, value.raw) })
    }
}

pub(crate) fn string(env: sys::napi_env, text: &str) -> Checked<Js> {
    let mut value = ptr::null_mut();
    check(unsafe { sys::napi_create_string_utf8(env, text.as_ptr().cast(), text.len(), &mut value) })?;
    Ok(Js { env, raw: value })
}

pub(crate) fn null(env: sys::napi_env) -> Checked<Js> {
    let mut value = ptr::null_mut();
    check(unsafe { sys::napi_get_null(env, &mut value) })?;
    Ok(Js { env, raw: value })
}

/// A new empty plain object.
pub(crate) fn object(env: sys::napi_env) -> Checked<Js> {
    let mut value = ptr::null_mut();
    check(unsafe { sys::napi_create_object(env, &mut value) })?;
    Ok(Js { env, raw: value })
}

/// A number holding `integer` (exactly, up to 2^53 in magnitude).
pub(crate) fn integer(env: sys::napi_env, integer: i64) -> Checked<Js> {
    let mut value = ptr::null_mut();
    check(unsafe { sys::napi_create_int64(env, integer, &mut value) })?;
    Ok(Js { env, raw: value })
}

/// A new `Error` with `message`.
pub(crate) fn error(env: sys::napi_env, message: &str) -> Checked<Js> {
    let message = string(env, message)?;
    let mut value = ptr::null_mut();
    check(unsafe { sys::napi_create_error(env, ptr::null_mut(), message.raw, &mut value) })?;
    Ok(Js { env, raw: value })
}

/// Throws `value`.
pub(crate) fn throw(value: Js) -> Checked<()> {
    check(unsafe { sys::napi_throw(value.env, value.raw) })
}

pub(crate) fn exception_pending(env: sys::napi_env) -> bool {
    let mut pending = false;
    let status = unsafe { sys::napi_is_exception_pending(env, &mut pending) };
    status == sys::Status::napi_ok && pending
}

/// Takes the pending exception, if any, so that it is no longer pending.
pub(crate) fn take_exception(env: sys::napi_env) -> Option<Js> {
    if !exception_pending(env) {
        return None;
    }
    let mut value = ptr::null_mut();
    let status = unsafe { sys::napi_get_and_clear_last_exception(env, &mut value) };
    (status == sys::Status::napi_ok && !value.is_null()).then_some(Js { env, raw: value })
}

/// A promise and the deferred that settles it.
pub(crate) fn promise(env: sys::napi_env) -> Checked<(sys::napi_deferred, Js)> {
    let mut deferred = ptr::null_mut();
    let mut value = ptr::null_mut();
    check(unsafe { sys::napi_create_promise(env, &mut deferred, &mut value) })?;
    Ok((deferred, Js { env, raw: value }))
}

/// Settles a promise. On failure the deferred stays unsettled: N-API frees
/// it with the environment, which is what is being torn down then.
pub(crate) fn settle(deferred: sys::napi_deferred, outcome: std::result::Result<Js, Js>) -> Checked<()> {
    check(match outcome {
        Ok(value) => unsafe { sys::napi_resolve_deferred(value.env, deferred, value.raw) },
        Err(error) => unsafe { sys::napi_reject_deferred(error.env, deferred, error.raw) },
    })
}
