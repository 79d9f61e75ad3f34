//! The copy of a schema's first-schema tables into the contract's tables,
//! in one transaction (see `CONTRACT.md`). Not run on open yet.

use postgres::Client;

use super::errors::pg_error;
use super::PostgresStore;
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
    UNION ALL SELECT 'transfer', id, version, 0, doc::jsonb->>'status', NULL, NULL, NULL, doc FROM transfers
"#;

const STOCK: &str = r#"
    INSERT INTO "stock_rows" ("sku", "location", "on_hand", "allocated", "reserved", "quarantined", "incoming", "version")
    SELECT sku, location, on_hand, allocated, held, quarantined, incoming, version FROM stock
"#;

/// Movements renumbered from 1 in their order (a `BIGSERIAL` leaves gaps
/// where a transaction rolled back; streams are gapless); the old number stays in the body.
const LEDGER: &str = r#"
    INSERT INTO "streams" ("stream", "seq", "aggregate", "body")
    SELECT 'ledger', ROW_NUMBER() OVER (ORDER BY sequence), sku || '/' || location,
           json_build_object('sequence', sequence, 'sku', sku, 'location', location, 'reason', reason,
                             'on_hand', on_hand_delta, 'allocated', allocated_delta, 'reserved', held_delta,
                             'quarantined', quarantined_delta, 'incoming', incoming_delta, 'reference', reference,
                             'occurred_at', occurred_at)::TEXT
    FROM movements
"#;

/// One outbox row per event of the history, renumbered the same way.
const OUTBOX: &str = r#"
    INSERT INTO "streams" ("stream", "seq", "aggregate", "body")
    SELECT 'outbox', ROW_NUMBER() OVER (ORDER BY sequence),
           COALESCE(doc::jsonb->>'order_id', doc::jsonb->>'hold_id', doc::jsonb->>'transfer_id', doc::jsonb->>'sku',
                    doc::jsonb->>'location', doc::jsonb->>'channel', doc::jsonb->>'from_location', type),
           json_build_object('sequence', sequence, 'type', type, 'occurred_at', occurred_at,
                             'events', json_build_array(doc::json))::TEXT
    FROM events
"#;

/// Order and transfer numbers come from database sequences in the first
/// schema, other numbers from `counters` rows named `sequence:NAME`.
/// What the first schema kept beside its records, as the unit of work keeps
/// it (`app/unit/`): queued backorders, region distances, and the units
/// active reservations reserve (positioned at their expiry in seconds).
const DERIVED: &str = r#"
    INSERT INTO "documents" ("kind", "key", "version", "position", "idx_1", "idx_2", "idx_3", "idx_4", "body")
    SELECT 'backorder', lpad(order_sequence::TEXT, 20, '0') || '/' || lpad(line_number::TEXT, 10, '0') || '/' || sku,
           1, order_sequence, sku, NULL, NULL, NULL,
           json_build_object('sku', sku, 'order_sequence', order_sequence, 'order_id', order_id,
                             'line_number', line_number)::TEXT
    FROM backorders
    UNION ALL SELECT 'region_distance', from_region || chr(31) || to_region, 1, 0, NULL, NULL, NULL, NULL,
           distance_km::TEXT
    FROM region_distances
    UNION ALL SELECT 'reservation_unit', hold_id || ' ' || sku || ' ' || location, 1,
           GREATEST(floor(extract(epoch FROM expires_at::TIMESTAMPTZ))::BIGINT, 0), sku, NULL, NULL, NULL,
           json_build_object('reservation', hold_id, 'location', location, 'quantity', quantity,
                             'expires_at', expires_at)::TEXT
    FROM hold_units
"#;

/// Counters other than sequences become tallies.
const TALLIES: &str =
    r#"INSERT INTO "tallies" ("name", "value") SELECT name, value FROM counters WHERE name NOT LIKE 'sequence:%'"#;

const SERIES: &str = r#"
    INSERT INTO "series" ("name", "value")
    SELECT name, value FROM (
        SELECT 'order' AS name, CASE WHEN is_called THEN last_value ELSE 0 END AS value FROM order_numbers
        UNION ALL SELECT 'transfer', CASE WHEN is_called THEN last_value ELSE 0 END FROM transfer_numbers
        UNION ALL SELECT substr(name, 10), value FROM counters WHERE name LIKE 'sequence:%') AS numbers
    WHERE value > 0
"#;

impl PostgresStore {
    /// Copies the first schema's tables into the contract's (see
    /// `CONTRACT.md` for what goes where), all or nothing. `storage_error`
    /// if the contract's tables already hold anything.
    pub fn copy_first_schema(&self) -> Result<CopyReport> {
        self.copy_first_schema_when(false).map(Option::unwrap_or_default)
    }

    /// On open, when the service runs on the contract: copies the first
    /// schema unless the contract's tables already hold something (then
    /// `None`: the schema was copied, or written on the contract, before).
    pub fn copy_first_schema_if_new(&self) -> Result<Option<CopyReport>> {
        self.copy_first_schema_when(true)
    }

    fn copy_first_schema_when(&self, only_if_new: bool) -> Result<Option<CopyReport>> {
        let mut connection = self.take()?;
        let client = &mut connection.client;
        // A schema already on the contract (every open but the first) is seen
        // without a lock: the table lock below would queue every writer of
        // the shop behind this open, and with them the row locks they hold.
        if only_if_new {
            match contract_is_empty(client) {
                Ok(true) => {}
                other => {
                    self.give_back(connection);
                    return other.map(|_| None);
                }
            }
        }
        let outcome = client.batch_execute("BEGIN").map_err(pg_error).and_then(|()| {
            // Another copy running at once waits here, then finds the tables filled.
            client.batch_execute(r#"LOCK TABLE "documents" IN EXCLUSIVE MODE"#).map_err(pg_error)?;
            if only_if_new && !contract_is_empty(client)? {
                return Ok(None);
            }
            copy(client).map(Some)
        });
        let end = if outcome.is_ok() { "COMMIT" } else { "ROLLBACK" };
        let ended = client.batch_execute(end).map_err(pg_error);
        self.give_back(connection);
        ended.and(outcome)
    }
}

/// Whether the contract's tables hold nothing (cheap on any size).
fn contract_is_empty(client: &mut Client) -> Result<bool> {
    Ok(client
        .query_one(
            r#"SELECT NOT (EXISTS (SELECT 1 FROM "documents") OR EXISTS (SELECT 1 FROM "stock_rows")
               OR EXISTS (SELECT 1 FROM "streams") OR EXISTS (SELECT 1 FROM "series")
               OR EXISTS (SELECT 1 FROM "idempotency_records") OR EXISTS (SELECT 1 FROM "tallies"))"#,
            &[],
        )
        .map_err(pg_error)?
        .get(0))
}

fn copy(client: &mut Client) -> Result<CopyReport> {
    let held: i64 = client
        .query_one(
            r#"SELECT (SELECT COUNT(*) FROM "documents") + (SELECT COUNT(*) FROM "stock_rows") + (SELECT COUNT(*) FROM "streams")
               + (SELECT COUNT(*) FROM "series") + (SELECT COUNT(*) FROM "idempotency_records")
               + (SELECT COUNT(*) FROM "tallies")"#,
            &[],
        )
        .map_err(pg_error)?
        .get(0);
    if held > 0 {
        return Err(Error::storage("the storage contract's tables are not empty: the first schema was copied already"));
    }
    let mut run = |sql: &str| client.execute(sql, &[]).map_err(pg_error);
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
    run(super::schema::HEADS_FROM_ROWS)?;
    let rows = client.query("SELECT key, command, payload, result FROM idempotency", &[]).map_err(pg_error)?;
    let (mut keys, mut commands, mut hashes, mut kinds, mut result_keys) = (vec![], vec![], vec![], vec![], vec![]);
    for row in rows {
        let record = record(row.get(0), row.get(1), row.get(2), row.get(3))?;
        report.records_without_result += u64::from(record.result.is_none());
        keys.push(record.key.as_str().to_string());
        commands.push(record.command);
        hashes.push(record.payload_hash.to_string());
        kinds.push(record.result.as_ref().map(|r| r.kind.clone()));
        result_keys.push(record.result.map(|r| r.key));
    }
    report.idempotency_records = client
        .execute(
            r#"INSERT INTO "idempotency_records" ("key", "command", "payload_hash", "result_kind", "result_key")
               SELECT * FROM unnest($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::TEXT[], $5::TEXT[])"#,
            &[&keys, &commands, &hashes, &kinds, &result_keys],
        )
        .map_err(pg_error)?;
    Ok(report)
}
