//! SQLite's errors as this library's.

use crate::kernel::error::Error;

pub(super) fn sql_error(error: rusqlite::Error) -> Error {
    match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            Error::StorageUnavailable { message: error.to_string() }
        }
        Some(rusqlite::ErrorCode::CannotOpen) => Error::StorageUnavailable { message: error.to_string() },
        _ => Error::storage(error),
    }
}
