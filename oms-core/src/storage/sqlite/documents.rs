//! Records stored as JSON documents beside their key and version: reading
//! one or many, and the versioned write that refuses a stale writer.

use rusqlite::{params, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::values::{signed, sql_error};
use super::SqliteTransaction;
use crate::kernel::error::{Error, Result};
use crate::storage::written_once;

pub(super) fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(Error::storage)
}

pub(super) fn from_json<T: DeserializeOwned>(text: &str) -> Result<T> {
    crate::kernel::ids::read_stored(|| serde_json::from_str(text))
        .map_err(|error| Error::storage(format!("stored document is unreadable: {error}")))
}

impl SqliteTransaction<'_> {
    pub(super) fn document<T: DeserializeOwned>(&self, sql: &str, key: &str) -> Result<Option<T>> {
        let text: Option<String> = self
            .conn()?
            .prepare_cached(sql)
            .and_then(|mut statement| statement.query_row([key], |row| row.get(0)).optional())
            .map_err(sql_error)?;
        text.as_deref().map(from_json).transpose()
    }

    pub(super) fn documents<T: DeserializeOwned>(&self, sql: &str, values: impl rusqlite::Params) -> Result<Vec<T>> {
        let mut statement = self.conn()?.prepare_cached(sql).map_err(sql_error)?;
        let docs = statement
            .query_map(values, |row| row.get::<_, String>(0))
            .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
            .map_err(sql_error)?;
        docs.iter().map(|doc| from_json(doc)).collect()
    }

    /// Inserts a record at version 1, or updates the stored version `version - 1`.
    pub(super) fn put_document(&self, table: &str, key_column: &str, key: &str, version: u64, doc: &str) -> Result<()> {
        let written = if version == 1 {
            let sql = format!("INSERT OR IGNORE INTO {table} ({key_column}, version, doc) VALUES (?1, 1, ?2)");
            self.conn()?.prepare_cached(&sql).and_then(|mut s| s.execute(params![key, doc]))
        } else {
            let sql = format!("UPDATE {table} SET version = ?2, doc = ?3 WHERE {key_column} = ?1 AND version = ?4");
            self.conn()?
                .prepare_cached(&sql)
                .and_then(|mut s| s.execute(params![key, signed(version), doc, signed(version - 1)]))
        }
        .map_err(sql_error)?;
        written_once(written as u64, table, key, version)
    }
}
