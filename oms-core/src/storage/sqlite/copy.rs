//! The copy of a file's first-schema tables into the contract's tables, in
//! one write transaction (see `CONTRACT.md`). Not run on open yet.

use rusqlite::{params, Connection};

use super::{sql_error, SqliteStore};
use crate::kernel::error::{Error, Result};
use crate::storage::contract::copy::{record, CopyReport};

/// Documents from the first schema's record tables, with their index terms.
const DOCUMENTS: &str = r#"
    INSERT INTO "documents" ("kind", "key", "version", "position", "idx_1", "idx_2", "idx_3", "idx_4", "body")
    SELECT 'product', sku, version, 0, NULL, NULL, NULL, NULL, doc FROM products
    UNION ALL SELECT 'location', id, version, 0, NULL, NULL, NULL, NULL, doc FROM locations
    UNION ALL SELECT 'channel', id, version, 0, NULL, NULL, NULL, NULL, doc FROM channels
    UNION ALL SELECT 'order', id, version, sequence, status, customer_email, channel, NULL, doc FROM orders
    UNION ALL SELECT 'reservation', id, version, 0, status, expires_at, NULL, NULL, doc FROM holds
    UNION ALL SELECT 'transfer', id, version, 0, json_extract(doc, '$.status'), NULL, NULL, NULL, doc FROM transfers
"#;

const STOCK: &str = r#"
    INSERT INTO "stock_rows" ("sku", "location", "on_hand", "allocated", "reserved", "quarantined", "incoming", "version")
    SELECT sku, location, on_hand, allocated, held, quarantined, incoming, version FROM stock
"#;

/// Movements renumbered from 1 in their order (streams are gapless); the old number stays in the body.
const LEDGER: &str = r#"
    INSERT INTO "streams" ("stream", "seq", "aggregate", "body")
    SELECT 'ledger', ROW_NUMBER() OVER (ORDER BY sequence), sku || '/' || location,
           json_object('sequence', sequence, 'sku', sku, 'location', location, 'reason', reason,
                       'on_hand', on_hand_delta, 'allocated', allocated_delta, 'reserved', held_delta,
                       'quarantined', quarantined_delta, 'incoming', incoming_delta, 'reference', reference,
                       'occurred_at', occurred_at)
    FROM movements
"#;

/// One outbox row per event of the history, renumbered the same way.
const OUTBOX: &str = r#"
    INSERT INTO "streams" ("stream", "seq", "aggregate", "body")
    SELECT 'outbox', ROW_NUMBER() OVER (ORDER BY sequence),
           COALESCE(json_extract(doc, '$.order_id'), json_extract(doc, '$.hold_id'), json_extract(doc, '$.transfer_id'),
                    json_extract(doc, '$.sku'), json_extract(doc, '$.location'), json_extract(doc, '$.channel'),
                    json_extract(doc, '$.from_location'), type),
           json_object('sequence', sequence, 'type', type, 'occurred_at', occurred_at, 'events', json_array(json(doc)))
    FROM events
"#;

/// What the first schema kept beside its records, as the unit of work keeps
/// it (`app/unit/`): queued backorders, region distances, and the units
/// active reservations reserve (positioned at their expiry in seconds).
const DERIVED: &str = r#"
    INSERT INTO "documents" ("kind", "key", "version", "position", "idx_1", "idx_2", "idx_3", "idx_4", "body")
    SELECT 'backorder', printf('%020d/%010d/%s', order_sequence, line_number, sku), 1, order_sequence, sku, NULL, NULL, NULL,
           json_object('sku', sku, 'order_sequence', order_sequence, 'order_id', order_id, 'line_number', line_number)
    FROM backorders
    UNION ALL SELECT 'region_distance', from_region || char(31) || to_region, 1, 0, NULL, NULL, NULL, NULL,
           CAST(distance_km AS TEXT)
    FROM region_distances
    UNION ALL SELECT 'reservation_unit', hold_id || ' ' || sku || ' ' || location, 1, MAX(unixepoch(expires_at), 0), sku,
           NULL, NULL, NULL,
           json_object('reservation', hold_id, 'location', location, 'quantity', quantity, 'expires_at', expires_at)
    FROM hold_units
"#;

/// Counters other than sequences become tallies (counter rows of `stock_rows`, see `flush.rs`).
const TALLIES: &str = r#"INSERT INTO "stock_rows" ("sku", "location", "on_hand", "allocated", "reserved", "quarantined",
    "incoming", "version") SELECT '', 'tally:' || name, value, 0, 0, 0, 0, 1 FROM counters WHERE name NOT LIKE 'sequence:%'"#;

/// Sequences become series (counter rows of `stock_rows` too).
const SERIES: &str = r#"INSERT INTO "stock_rows" ("sku", "location", "on_hand", "allocated", "reserved", "quarantined",
    "incoming", "version") SELECT '', 'series:' || name, value, 0, 0, 0, 0, 1 FROM sequences"#;

impl SqliteStore {
    /// Copies the first schema's tables into the contract's (see
    /// `CONTRACT.md` for what goes where), all or nothing. `storage_error`
    /// if the contract's tables already hold anything.
    pub fn copy_first_schema(&self) -> Result<CopyReport> {
        self.copy_first_schema_when(false).map(Option::unwrap_or_default)
    }

    /// On open, when the service runs on the contract: copies the first
    /// schema unless the contract's tables already hold something (then
    /// `None`: the store was copied, or written on the contract, before).
    pub fn copy_first_schema_if_new(&self) -> Result<Option<CopyReport>> {
        self.copy_first_schema_when(true)
    }

    fn copy_first_schema_when(&self, only_if_new: bool) -> Result<Option<CopyReport>> {
        let mut shared = self.lock();
        self.settle(&mut shared)?;
        let connection = &shared.connection;
        // A file already on the contract (every open but the first) is seen without taking the write lock.
        if only_if_new && !contract_is_empty(connection)? {
            return Ok(None);
        }
        connection.execute_batch("BEGIN IMMEDIATE").map_err(sql_error)?;
        let outcome = match only_if_new {
            true => contract_is_empty(connection)
                .and_then(|empty| if empty { copy(connection).map(Some) } else { Ok(None) }),
            false => copy(connection).map(Some),
        };
        let end = if outcome.is_ok() { "COMMIT" } else { "ROLLBACK" };
        connection.execute_batch(end).map_err(sql_error)?;
        outcome
    }
}

/// Whether the contract's tables hold nothing (cheap on any size).
fn contract_is_empty(connection: &Connection) -> Result<bool> {
    connection
        .query_row(
            r#"SELECT NOT (EXISTS (SELECT 1 FROM "documents") OR EXISTS (SELECT 1 FROM "stock_rows")
               OR EXISTS (SELECT 1 FROM "streams") OR EXISTS (SELECT 1 FROM "idempotency_records"))"#,
            [],
            |row| row.get(0),
        )
        .map_err(sql_error)
}

fn copy(connection: &Connection) -> Result<CopyReport> {
    let held: i64 = connection
        .query_row(
            r#"SELECT (SELECT COUNT(*) FROM "documents") + (SELECT COUNT(*) FROM "stock_rows") + (SELECT COUNT(*) FROM "streams")
               + (SELECT COUNT(*) FROM "idempotency_records")"#,
            [],
            |row| row.get(0),
        )
        .map_err(sql_error)?;
    if held > 0 {
        return Err(Error::storage("the storage contract's tables are not empty: the first schema was copied already"));
    }
    let run = |sql: &str| connection.execute(sql, []).map(|rows| rows as u64).map_err(sql_error);
    let mut report = CopyReport {
        documents: run(DOCUMENTS)?,
        stock_rows: run(STOCK)?,
        ledger_rows: run(LEDGER)?,
        outbox_rows: run(OUTBOX)?,
        series: run(SERIES)?,
        derived_documents: run(DERIVED)?,
        tallies: run(TALLIES)?,
        ..CopyReport::default()
    };
    let mut statement =
        connection.prepare("SELECT key, command, payload, result FROM idempotency").map_err(sql_error)?;
    let rows = statement
        .query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get(1)?, row.get::<_, String>(2)?, row.get::<_, String>(3)?))
        })
        .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
        .map_err(sql_error)?;
    let mut insert = connection
        .prepare(
            r#"INSERT INTO "idempotency_records" ("key", "command", "payload_hash", "result_kind", "result_key")
               VALUES (?1, ?2, ?3, ?4, ?5)"#,
        )
        .map_err(sql_error)?;
    for (key, command, payload, result) in rows {
        let record = record(key, command, &payload, &result)?;
        let reference = record.result.as_ref();
        insert
            .execute(params![
                record.key.as_str(),
                record.command,
                record.payload_hash.to_string(),
                reference.map(|r| r.kind.as_str()),
                reference.map(|r| r.key.as_str()),
            ])
            .map_err(sql_error)?;
        report.idempotency_records += 1;
        report.records_without_result += u64::from(reference.is_none());
    }
    Ok(report)
}
