//! The conversions every table shares: times as text, counts as
//! PostgreSQL's signed integers.

use chrono::{DateTime, Utc};

use crate::kernel::error::{Error, Result};
use crate::kernel::time::Timestamp;

pub(super) fn time_text(at: &Timestamp) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

pub(super) fn parse_time(text: &str) -> Result<Timestamp> {
    DateTime::parse_from_rfc3339(text)
        .map(|at| at.with_timezone(&Utc))
        .map_err(|error| Error::storage(format!("stored time {text:?} is unreadable: {error}")))
}

pub(super) fn signed(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

pub(super) fn count(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}
