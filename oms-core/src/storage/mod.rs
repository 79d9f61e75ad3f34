//! Storage: the contract ([`contract`]: documents, typed stock rows,
//! streams, series, tallies, idempotency records) and its backends, each
//! laid out alike — in memory, SQLite and PostgreSQL.
//!
//! A [`contract::Store`] hands out [`contract::Transaction`]s. A write
//! transaction is atomic: everything it wrote becomes visible at commit,
//! and dropping it uncommitted discards all of it. Documents and stock rows
//! carry a version; each write names one more than the stored one (1 for a
//! new record) and fails with `conflict` otherwise, so a stale writer can
//! never overwrite a newer state.

pub mod contract;
pub mod memory;
#[cfg(any(feature = "sqlite", feature = "postgres"))]
pub(crate) mod pending;
#[cfg(feature = "postgres")]
pub mod postgres;
#[cfg(feature = "sqlite")]
pub mod sqlite;

/// Whether a transaction will write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// `Ok` when the conditional write of `version` touched exactly one row;
/// otherwise a newer version (or an existing record) got there first: `conflict`.
pub(crate) fn written_once(rows: u64, what: &str, key: &str, version: u64) -> crate::kernel::error::Result<()> {
    if rows == 1 {
        Ok(())
    } else {
        Err(version_conflict(what, key, version.saturating_sub(1), version))
    }
}

/// The conflict error for a stale or duplicate write.
pub(crate) fn version_conflict(what: &str, key: &str, stored: u64, written: u64) -> crate::kernel::error::Error {
    crate::kernel::error::Error::Conflict {
        message: format!("{what} {key}: stored version {stored}, write of version {written}"),
    }
}
