//! The outbox on PostgreSQL: events buffered by a transaction are numbered
//! at commit under the outbox counter's row lock, so numbers follow commit
//! order and a reader's cursor never skips an event that commits later.

use super::documents::{from_json, to_json};
use super::values::{count, parse_time, signed, time_text};
use super::PostgresTransaction;
use crate::domain::events::EventRecord;
use crate::kernel::error::Result;

pub(super) fn events_since(tx: &mut PostgresTransaction<'_>, cursor: u64, limit: usize) -> Result<Vec<EventRecord>> {
    let rows = tx.query(
        "SELECT sequence, occurred_at, doc FROM events WHERE sequence > $1 ORDER BY sequence LIMIT $2",
        &[&signed(cursor), &signed(limit as u64)],
    )?;
    rows.iter()
        .map(|row| {
            Ok(EventRecord {
                sequence: count(row.get(0)),
                occurred_at: parse_time(&row.get::<_, String>(1))?,
                event: from_json(&row.get::<_, String>(2))?,
            })
        })
        .collect()
}

/// Numbers the buffered events under the outbox counter's row lock, held
/// to commit, so numbers follow commit order; inserts them in one statement.
pub(super) fn flush_events(tx: &mut PostgresTransaction<'_>) -> Result<()> {
    let events = std::mem::take(&mut tx.events);
    if events.is_empty() {
        return Ok(());
    }
    let last = i64::try_from(events.len()).unwrap_or(i64::MAX);
    // The transaction id rides along, so that learning it costs no statement.
    let rows = tx.query(
        "INSERT INTO counters (name, value) VALUES ('outbox', $1) \
         ON CONFLICT (name) DO UPDATE SET value = counters.value + excluded.value RETURNING value, txid_current()",
        &[&last],
    )?;
    let end = rows.first().map_or(last, |row| row.get::<_, i64>(0));
    tx.txid = rows.first().map(|row| row.get::<_, i64>(1));
    let sequences: Vec<i64> = (end - last + 1..=end).collect();
    let names: Vec<String> = events.iter().map(|(_, event)| event.name().to_string()).collect();
    let times: Vec<String> = events.iter().map(|(at, _)| time_text(at)).collect();
    let docs: Vec<String> = events.iter().map(|(_, event)| to_json(event)).collect::<Result<_>>()?;
    tx.execute(
        "INSERT INTO events (sequence, type, occurred_at, doc) \
         SELECT * FROM unnest($1::BIGINT[], $2::TEXT[], $3::TEXT[], $4::TEXT[])",
        &[&sequences, &names, &times, &docs],
    )?;
    Ok(())
}
