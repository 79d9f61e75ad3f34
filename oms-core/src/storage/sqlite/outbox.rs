//! The outbox on SQLite: every event in commit order, numbered by the
//! table's `INTEGER PRIMARY KEY`, read by cursor.

use rusqlite::params;

use super::documents::{from_json, to_json};
use super::values::{count, insert_rows, parse_time, signed, sql_error, time_text};
use super::{Counted, SqliteTransaction};
use crate::domain::events::{Event, EventRecord};
use crate::kernel::error::Result;
use crate::kernel::time::Timestamp;

pub(super) fn events_since(tx: &SqliteTransaction<'_>, cursor: u64, limit: usize) -> Result<Vec<EventRecord>> {
    let mut statement = tx
        .conn()?
        .prepare_cached("SELECT sequence, occurred_at, doc FROM events WHERE sequence > ?1 ORDER BY sequence LIMIT ?2")
        .map_err(sql_error)?;
    let rows = statement
        .query_map(params![signed(cursor), signed(limit as u64)], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?, row.get::<_, String>(2)?))
        })
        .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
        .map_err(sql_error)?;
    rows.into_iter()
        .map(|(sequence, at, doc)| {
            Ok(EventRecord { sequence: count(sequence), occurred_at: parse_time(&at)?, event: from_json(&doc)? })
        })
        .collect()
}

/// Inserts the events a transaction buffered, many rows per statement.
pub(super) fn insert_events(connection: Counted<'_>, events: &[(Timestamp, Event)]) -> Result<()> {
    use rusqlite::types::Value;
    let mut values = Vec::with_capacity(events.len() * 3);
    for (occurred_at, event) in events {
        values.extend([
            Value::Text(event.name().to_string()),
            Value::Text(time_text(occurred_at)),
            Value::Text(to_json(event)?),
        ]);
    }
    insert_rows(connection, "events (type, occurred_at, doc)", 3, values)
}
