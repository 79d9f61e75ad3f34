//! Named numbers on SQLite: the sequences that number orders and transfers,
//! and the counters projections keep.

use rusqlite::{params, OptionalExtension};

use super::values::{count, sql_error};
use super::SqliteTransaction;
use crate::kernel::error::Result;

pub(super) fn next_sequence(tx: &SqliteTransaction<'_>, name: &str) -> Result<u64> {
    let value: i64 = tx
        .conn()?
        .prepare_cached(
            "INSERT INTO sequences (name, value) VALUES (?1, 1) \
             ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value",
        )
        .and_then(|mut s| s.query_row([name], |row| row.get(0)))
        .map_err(sql_error)?;
    Ok(count(value))
}

pub(super) fn counter(tx: &SqliteTransaction<'_>, name: &str) -> Result<i64> {
    let value: Option<i64> = tx
        .conn()?
        .prepare_cached("SELECT value FROM counters WHERE name = ?1")
        .and_then(|mut s| s.query_row([name], |row| row.get(0)).optional())
        .map_err(sql_error)?;
    Ok(value.unwrap_or(0))
}

pub(super) fn add_to_counter(tx: &SqliteTransaction<'_>, name: &str, delta: i64) -> Result<i64> {
    tx.conn()?
        .prepare_cached(
            "INSERT INTO counters (name, value) VALUES (?1, ?2) \
             ON CONFLICT (name) DO UPDATE SET value = value + excluded.value RETURNING value",
        )
        .and_then(|mut s| s.query_row(params![name, delta], |row| row.get(0)))
        .map_err(sql_error)
}

pub(super) fn add_to_counters(tx: &SqliteTransaction<'_>, deltas: &[(String, i64)]) -> Result<()> {
    if deltas.is_empty() {
        return Ok(());
    }
    let rows = vec!["(?, ?)"; deltas.len()].join(", ");
    let sql = format!(
        "INSERT INTO counters (name, value) VALUES {rows} ON CONFLICT (name) DO UPDATE SET value = value + excluded.value"
    );
    let values = deltas.iter().flat_map(|(name, delta)| {
        [rusqlite::types::Value::Text(name.clone()), rusqlite::types::Value::Integer(*delta)]
    });
    tx.conn()?
        .prepare_cached(&sql)
        .and_then(|mut statement| statement.execute(rusqlite::params_from_iter(values)))
        .map(drop)
        .map_err(sql_error)
}
