//! The arguments of `Oms.open` and `Oms.inMemory`, read by hand: the
//! operations' arguments are read by `read.rs`, following the generated schemas.

use std::sync::Arc;

use oms_core::{Clock, Result, SystemClock};

use napi_derive::napi;

use crate::input::{self, Fields};
use crate::js::Js;

/// Options of `Oms.open` and `Oms.inMemory`.
// For `native.d.ts` only: the binding reads the options with `clock` below.
#[napi(object)]
#[allow(dead_code)]
pub struct OpenOptions {
    /// The clock the store reads instead of the system clock.
    #[napi(ts_type = "ManualClock")]
    pub clock: Option<String>,
}

/// The clock of the options of `Oms.open` and `Oms.inMemory`: the system
/// clock unless `clock` names a `ManualClock`.
pub(crate) fn clock(options: Option<Js>) -> Result<Arc<dyn Clock>> {
    let given = match Fields::optional_argument(options, "options", &["clock"])? {
        Some(fields) => fields.get("clock")?,
        None => None,
    };
    match given {
        Some((path, value)) => crate::clock::clock_of(value, &path),
        None => Ok(Arc::new(SystemClock)),
    }
}

/// The argument of `Oms.open`.
pub(crate) fn target(value: Js) -> Result<String> {
    input::string(value, "target")
}
