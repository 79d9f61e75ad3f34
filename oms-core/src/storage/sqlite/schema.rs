//! The file's schema: the migrations that build its tables (the count that
//! ran is kept in `PRAGMA user_version`), the application id that marks a
//! file as ours, and the check that refuses another program's file before
//! anything in it changes.

use rusqlite::Connection;

use super::sql_error;
use crate::kernel::error::{Error, Result};

/// Schema migrations, applied in order; the file records how many ran in `PRAGMA user_version`.
const MIGRATIONS: &[&str] = &[
    r"
    CREATE TABLE products (sku TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE locations (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE channels (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE stock (
        sku TEXT NOT NULL, location TEXT NOT NULL,
        on_hand INTEGER NOT NULL CHECK (on_hand >= 0),
        allocated INTEGER NOT NULL CHECK (allocated >= 0 AND allocated <= on_hand),
        version INTEGER NOT NULL,
        PRIMARY KEY (sku, location)) WITHOUT ROWID;
    CREATE TABLE movements (
        sequence INTEGER PRIMARY KEY, sku TEXT NOT NULL, location TEXT NOT NULL, reason TEXT NOT NULL,
        on_hand_delta INTEGER NOT NULL, allocated_delta INTEGER NOT NULL, order_id TEXT, occurred_at TEXT NOT NULL);
    CREATE INDEX movements_by_pair ON movements (sku, location, sequence);
    CREATE TABLE orders (
        sequence INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, channel TEXT NOT NULL,
        customer_email TEXT NOT NULL, status TEXT NOT NULL, version INTEGER NOT NULL, doc TEXT NOT NULL);
    CREATE INDEX orders_by_customer ON orders (customer_email, sequence);
    CREATE INDEX orders_by_channel ON orders (channel, sequence);
    CREATE INDEX orders_by_status ON orders (status, sequence);
    CREATE TABLE events (sequence INTEGER PRIMARY KEY, type TEXT NOT NULL, occurred_at TEXT NOT NULL, doc TEXT NOT NULL);
    CREATE TABLE sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE idempotency (
        key TEXT PRIMARY KEY, command TEXT NOT NULL, payload TEXT NOT NULL,
        result TEXT NOT NULL, created_at TEXT NOT NULL) WITHOUT ROWID;
",
    r"
    ALTER TABLE stock ADD COLUMN held INTEGER NOT NULL DEFAULT 0 CHECK (held >= 0);
    ALTER TABLE stock ADD COLUMN quarantined INTEGER NOT NULL DEFAULT 0 CHECK (quarantined >= 0);
    ALTER TABLE stock ADD COLUMN incoming INTEGER NOT NULL DEFAULT 0 CHECK (incoming >= 0);
    ALTER TABLE movements RENAME COLUMN order_id TO reference;
    ALTER TABLE movements ADD COLUMN held_delta INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE movements ADD COLUMN quarantined_delta INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE movements ADD COLUMN incoming_delta INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE holds (
        id TEXT PRIMARY KEY, status TEXT NOT NULL, expires_at TEXT NOT NULL,
        version INTEGER NOT NULL, doc TEXT NOT NULL) WITHOUT ROWID;
    CREATE INDEX holds_by_expiry ON holds (status, expires_at);
    CREATE TABLE transfers (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE region_distances (
        from_region TEXT NOT NULL, to_region TEXT NOT NULL, distance_km INTEGER NOT NULL,
        PRIMARY KEY (from_region, to_region)) WITHOUT ROWID;
    CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE backorders (
        sku TEXT NOT NULL, order_sequence INTEGER NOT NULL, line_number INTEGER NOT NULL, order_id TEXT NOT NULL,
        PRIMARY KEY (sku, order_sequence, line_number)) WITHOUT ROWID;
",
    // The units active holds hold, by SKU and expiry, so that a command finds
    // the expired holds on its SKUs without sweeping all of them; filled from
    // the holds a file already has.
    r"
    CREATE TABLE hold_units (
        sku TEXT NOT NULL, expires_at TEXT NOT NULL, hold_id TEXT NOT NULL, location TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (sku, expires_at, hold_id, location)) WITHOUT ROWID;
    CREATE INDEX hold_units_by_hold ON hold_units (hold_id);
    INSERT INTO hold_units (sku, expires_at, hold_id, location, quantity)
        SELECT json_extract(line.value, '$.sku'), holds.expires_at, holds.id, json_extract(part.value, '$.location'),
               SUM(json_extract(part.value, '$.quantity'))
        FROM holds, json_each(holds.doc, '$.lines') AS line, json_each(line.value, '$.allocations') AS part
        WHERE holds.status = 'active' AND json_extract(part.value, '$.quantity') > 0
        GROUP BY 1, 2, 3, 4;
",
    // The tables of the storage contract (see `storage/CONTRACT.md`).
    MIGRATION,
    // Reading one aggregate's rows of a stream (the ledger of one pair).
    AGGREGATE_INDEX,
    // Tallies refuse a sum that leaves 64 bits by themselves (no RETURNING to check it).
    TALLIES_CHECKED,
    // Series and tallies become counter rows of `stock_rows` (written with the stock rows).
    COUNTERS_IN_STOCK_ROWS,
];

/// Migration 4: the tables of the storage contract. `IF NOT EXISTS`, so a
/// file whose migration count was wound back (as a test of an upgrade does)
/// applies it again harmlessly.
const MIGRATION: &str = r#"
    CREATE TABLE IF NOT EXISTS "documents" (
        "kind" TEXT NOT NULL, "key" TEXT NOT NULL,
        "version" INTEGER NOT NULL CHECK ("version" >= 1), "position" INTEGER NOT NULL CHECK ("position" >= 0),
        "idx_1" TEXT, "idx_2" TEXT, "idx_3" TEXT, "idx_4" TEXT, "body" TEXT NOT NULL,
        PRIMARY KEY ("kind", "key"));
    CREATE INDEX IF NOT EXISTS "documents_by_position" ON "documents" ("kind", "position", "key");
    CREATE INDEX IF NOT EXISTS "documents_by_idx_1" ON "documents" ("kind", "idx_1", "position", "key") WHERE "idx_1" IS NOT NULL;
    CREATE INDEX IF NOT EXISTS "documents_by_idx_2" ON "documents" ("kind", "idx_2", "position", "key") WHERE "idx_2" IS NOT NULL;
    CREATE INDEX IF NOT EXISTS "documents_by_idx_3" ON "documents" ("kind", "idx_3", "position", "key") WHERE "idx_3" IS NOT NULL;
    CREATE INDEX IF NOT EXISTS "documents_by_idx_4" ON "documents" ("kind", "idx_4", "position", "key") WHERE "idx_4" IS NOT NULL;
    CREATE TABLE IF NOT EXISTS "stock_rows" (
        "sku" TEXT NOT NULL, "location" TEXT NOT NULL,
        "on_hand" INTEGER NOT NULL CHECK ("on_hand" >= 0), "allocated" INTEGER NOT NULL CHECK ("allocated" >= 0),
        "reserved" INTEGER NOT NULL CHECK ("reserved" >= 0), "quarantined" INTEGER NOT NULL CHECK ("quarantined" >= 0),
        "incoming" INTEGER NOT NULL CHECK ("incoming" >= 0), "version" INTEGER NOT NULL CHECK ("version" >= 1),
        PRIMARY KEY ("sku", "location")) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS "streams" (
        "stream" TEXT NOT NULL, "seq" INTEGER NOT NULL CHECK ("seq" >= 1), "aggregate" TEXT NOT NULL, "body" TEXT NOT NULL,
        PRIMARY KEY ("stream", "seq"));
    CREATE TABLE IF NOT EXISTS "series" ("name" TEXT PRIMARY KEY, "value" INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS "idempotency_records" (
        "key" TEXT PRIMARY KEY, "command" TEXT NOT NULL, "payload_hash" TEXT NOT NULL,
        "result_kind" TEXT, "result_key" TEXT) WITHOUT ROWID;
"#;

/// Migration 5: the index that reads one aggregate's rows of a stream.
const AGGREGATE_INDEX: &str = r#"
    CREATE INDEX IF NOT EXISTS "streams_by_aggregate" ON "streams" ("stream", "aggregate", "seq");
    CREATE TABLE IF NOT EXISTS "tallies" ("name" TEXT PRIMARY KEY, "value" INTEGER NOT NULL) WITHOUT ROWID;
"#;

/// Migration 6: `tallies` rebuilt with a check that every value is an
/// integer. SQLite turns an integer sum beyond 64 bits into a float instead
/// of failing; with the check such a sum fails its statement, so an add
/// needs no `RETURNING` to find it (which cost more than the add itself).
/// The same columns make this safe to run again on a file whose migration
/// count was wound back.
const TALLIES_CHECKED: &str = r#"
    CREATE TABLE "tallies_checked" (
        "name" TEXT PRIMARY KEY, "value" INTEGER NOT NULL CHECK (typeof("value") = 'integer')) WITHOUT ROWID;
    INSERT INTO "tallies_checked" ("name", "value") SELECT "name", "value" FROM "tallies";
    DROP TABLE "tallies";
    ALTER TABLE "tallies_checked" RENAME TO "tallies";
"#;

/// Migration 7: series and tallies become counter rows of `stock_rows`
/// (SKU `''`, which no stock row can have; location `series:NAME` or
/// `tally:NAME`; the number in `on_hand`), so that a transaction's stock
/// rows, tallies and series go in one statement (see `flush.rs`). The
/// table is rebuilt because its checks change: `on_hand` may be negative
/// on a counter row, and must be an integer on every row (SQLite turns an
/// integer sum beyond 64 bits into a float instead of failing; the check
/// makes such a sum fail its statement). Copying what is there makes this
/// safe to run again on a file whose migration count was wound back.
const COUNTERS_IN_STOCK_ROWS: &str = r#"
    CREATE TABLE "stock_rows_next" (
        "sku" TEXT NOT NULL, "location" TEXT NOT NULL,
        "on_hand" INTEGER NOT NULL CHECK (typeof("on_hand") = 'integer' AND ("sku" = '' OR "on_hand" >= 0)),
        "allocated" INTEGER NOT NULL CHECK ("allocated" >= 0),
        "reserved" INTEGER NOT NULL CHECK ("reserved" >= 0), "quarantined" INTEGER NOT NULL CHECK ("quarantined" >= 0),
        "incoming" INTEGER NOT NULL CHECK ("incoming" >= 0), "version" INTEGER NOT NULL CHECK ("version" >= 1),
        PRIMARY KEY ("sku", "location")) WITHOUT ROWID;
    INSERT INTO "stock_rows_next" SELECT "sku", "location", "on_hand", "allocated", "reserved", "quarantined",
        "incoming", "version" FROM "stock_rows";
    INSERT INTO "stock_rows_next" SELECT '', 'series:' || "name", "value", 0, 0, 0, 0, 1 FROM "series";
    INSERT INTO "stock_rows_next" SELECT '', 'tally:' || "name", "value", 0, 0, 0, 0, 1 FROM "tallies";
    DROP TABLE "stock_rows";
    ALTER TABLE "stock_rows_next" RENAME TO "stock_rows";
    DROP TABLE "series";
    DROP TABLE "tallies";
"#;

/// The `application_id` in the header of every file this library writes
/// ("OMS1"); `file(1)` and other programs can tell an oms database by it.
const APPLICATION_ID: i32 = 0x4F4D_5331;

/// Tables whose presence marks a file written by a release of this library
/// that predates [`APPLICATION_ID`].
const OWN_TABLES: [&str; 3] = ["orders", "stock", "movements"];

/// Refuses a file that is not an oms database, reading only: an empty file or
/// a database with no tables is a new store (SQLite itself treats a 0-byte
/// file as an empty database, and so does `mktemp` followed by `open`); a
/// file carrying this library's application id is ours; a file from a
/// release before the id was written is recognised by its tables. Anything
/// else — another program's database, or a file that is not a database — is
/// `invalid_input` on `target`, and is left exactly as it was.
pub(super) fn check_ownership(connection: &Connection, path: &str) -> Result<()> {
    let not_ours = |why: String| Error::invalid_input("target", format!("{path:?} is not an oms database: {why}"));
    let header = |pragma: &str| -> Result<i64> {
        connection.query_row(&format!("PRAGMA {pragma}"), [], |row| row.get(0)).map_err(|error| {
            match error.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => not_ours("the file is not a SQLite database".into()),
                _ => sql_error(error),
            }
        })
    };
    let application_id = header("application_id")?;
    if application_id == i64::from(APPLICATION_ID) {
        return Ok(());
    }
    if application_id != 0 {
        return Err(not_ours(format!("it belongs to another application (application_id {application_id:#x})")));
    }
    let mut statement =
        connection.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map_err(sql_error)?;
    let tables: Vec<String> = statement
        .query_map([], |row| row.get(0))
        .map_err(sql_error)?
        .collect::<rusqlite::Result<_>>()
        .map_err(sql_error)?;
    let from_an_earlier_release =
        header("user_version")? > 0 && OWN_TABLES.iter().all(|own| tables.iter().any(|table| table == own));
    if tables.is_empty() || from_an_earlier_release {
        return Ok(());
    }
    let shown: Vec<&str> = tables.iter().take(5).map(String::as_str).collect();
    Err(not_ours(format!("it holds other tables ({})", shown.join(", "))))
}

/// Whether a file that passed [`check_ownership`] holds a store already
/// (some migration ran), rather than being a new, empty one.
pub(super) fn holds_store(connection: &Connection) -> Result<bool> {
    Ok(schema_version(connection)? > 0)
}

/// How many of the migrations ran on the file.
pub(super) fn schema_version(connection: &Connection) -> Result<u64> {
    let applied: i64 = connection.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(sql_error)?;
    Ok(u64::try_from(applied).unwrap_or(0))
}

pub(super) fn migrate(connection: &Connection) -> Result<()> {
    // IMMEDIATE takes the write lock before reading the version, so two
    // processes opening a new file at once cannot both run a migration.
    connection.execute_batch("BEGIN IMMEDIATE").map_err(sql_error)?;
    let outcome = (|| {
        let applied: usize = connection.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(sql_error)?;
        if applied > MIGRATIONS.len() {
            return Err(Error::storage(format!(
                "the file has schema version {applied}, newer than this library's {}",
                MIGRATIONS.len()
            )));
        }
        for (index, migration) in MIGRATIONS.iter().enumerate().skip(applied) {
            connection.execute_batch(migration).map_err(sql_error)?;
            connection.execute_batch(&format!("PRAGMA user_version = {}", index + 1)).map_err(sql_error)?;
        }
        connection.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}")).map_err(sql_error)?;
        Ok(())
    })();
    let end = if outcome.is_ok() { "COMMIT" } else { "ROLLBACK" };
    connection.execute_batch(end).map_err(sql_error)?;
    outcome
}
