//! What every table shares: SQLite's errors as this library's, times as
//! text, counts as SQLite's signed integers, and inserting many rows in one
//! statement.

use super::Counted;
use chrono::{DateTime, SecondsFormat, Utc};

use crate::kernel::error::{Error, Result};
use crate::kernel::time::Timestamp;

pub(super) fn sql_error(error: rusqlite::Error) -> Error {
    match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            Error::StorageUnavailable { message: error.to_string() }
        }
        Some(rusqlite::ErrorCode::CannotOpen) => Error::StorageUnavailable { message: error.to_string() },
        _ => Error::storage(error),
    }
}

pub(super) fn time_text(at: &Timestamp) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub(super) fn parse_time(text: &str) -> Result<Timestamp> {
    DateTime::parse_from_rfc3339(text)
        .map(|at| at.with_timezone(&Utc))
        .map_err(|error| Error::storage(format!("stored time {text:?} is unreadable: {error}")))
}

pub(super) fn count(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

pub(super) fn signed(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// Inserts `values` as rows of `columns` values each into `into` ("table (col, …)"), many rows per statement.
pub(super) fn insert_rows(
    connection: Counted<'_>,
    into: &str,
    columns: usize,
    values: Vec<rusqlite::types::Value>,
) -> Result<()> {
    const ROWS_PER_STATEMENT: usize = 200;
    let row = format!("({})", vec!["?"; columns].join(", "));
    for chunk in values.chunks(columns * ROWS_PER_STATEMENT) {
        let rows = vec![row.as_str(); chunk.len() / columns].join(", ");
        connection
            .prepare_cached(&format!("INSERT INTO {into} VALUES {rows}"))
            .and_then(|mut statement| statement.execute(rusqlite::params_from_iter(chunk)))
            .map_err(sql_error)?;
    }
    Ok(())
}
