//! SQLite's errors as this library's, and identifiers as SQLite values.

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

/// Identifiers bind as the text they hold, borrowed (no copy on the way to SQLite).
macro_rules! bound_as_text {
    ($($id:ty),*) => {$(
        impl rusqlite::ToSql for $id {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::Borrowed(rusqlite::types::ValueRef::Text(self.as_str().as_bytes())))
            }
        }
    )*};
}

bound_as_text!(crate::kernel::ids::Sku, crate::kernel::ids::LocationId);
