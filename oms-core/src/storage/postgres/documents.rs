//! Records stored as JSON documents beside their key and version: reading
//! one (locked in a write transaction) or many, and the versioned write that
//! refuses a stale writer.

use postgres::types::ToSql;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::values::signed;
use super::PostgresTransaction;
use crate::kernel::error::{Error, Result};
use crate::storage::written_once;

pub(super) fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(Error::storage)
}

pub(super) fn from_json<T: DeserializeOwned>(text: &str) -> Result<T> {
    crate::kernel::ids::read_stored(|| serde_json::from_str(text))
        .map_err(|error| Error::storage(format!("stored document is unreadable: {error}")))
}

impl PostgresTransaction<'_> {
    pub(super) fn document<T: DeserializeOwned>(
        &mut self,
        table: &str,
        key_column: &str,
        key: &str,
    ) -> Result<Option<T>> {
        let sql = format!("SELECT doc FROM {table} WHERE {key_column} = $1{}", self.lock());
        let rows = self.query(&sql, &[&key])?;
        rows.first().map(|row| from_json(&row.get::<_, String>(0))).transpose()
    }

    pub(super) fn documents<T: DeserializeOwned>(
        &mut self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<T>> {
        self.query(sql, params)?.iter().map(|row| from_json(&row.get::<_, String>(0))).collect()
    }

    /// Inserts a record at version 1, or updates the stored version `version - 1`.
    pub(super) fn put_document(
        &mut self,
        table: &str,
        key_column: &str,
        key: &str,
        version: u64,
        doc: &str,
    ) -> Result<()> {
        let written = if version == 1 {
            let sql = format!(
                "INSERT INTO {table} ({key_column}, version, doc) VALUES ($1, 1, $2) ON CONFLICT ({key_column}) DO NOTHING"
            );
            self.execute(&sql, &[&key, &doc])?
        } else {
            let sql = format!("UPDATE {table} SET version = $2, doc = $3 WHERE {key_column} = $1 AND version = $4");
            self.execute(&sql, &[&key, &signed(version), &doc, &signed(version - 1)])?
        };
        written_once(written, table, key, version)
    }
}
