//! The storage contract on SQLite: the tables of migration 4, written
//! through the store's one connection. A write transaction is `BEGIN
//! IMMEDIATE`, so it is the only writer of the file until it ends; that makes
//! [`Lock::Update`] needless here and lets streams be numbered at commit
//! with `MAX(seq) + n`: no other writer can number between the read and the
//! insert, and rows become visible in number order.
//!
//! Lists of values travel as one JSON array parameter read with
//! `json_each`, so each statement has one text (and one cached prepared
//! statement) whatever the number of keys or rows.
//!
//! Contract transactions never join a group-commit batch: they settle any
//! open batch first and then run alone.

use std::sync::atomic::Ordering;
use std::sync::MutexGuard;

use rusqlite::{params, CachedStatement, Connection, OptionalExtension, Row};
use serde_json::json;

use super::{sql_error, Shared, SqliteStore};
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::{IdempotencyKey, LocationId, Sku};
use crate::storage::contract::{
    by_stream, check_document, check_entries, check_name, check_record, check_stock_rows, in_order_asked, read_only,
    signed, sorted_deltas, sorted_skus, unsigned, Access, Body, Cursor, Document, IdempotencyRecord, IndexFilter, Lock,
    PayloadHash, Receipt, ResultRef, StockRow, Store, Stream, StreamEntry, StreamRow, Terms, Transaction,
};
use crate::storage::written_once;

/// Migration 5: the index that reads one aggregate's rows of a stream.
pub(super) const AGGREGATE_INDEX: &str = r#"
    CREATE INDEX IF NOT EXISTS "streams_by_aggregate" ON "streams" ("stream", "aggregate", "seq");
    CREATE TABLE IF NOT EXISTS "tallies" ("name" TEXT PRIMARY KEY, "value" INTEGER NOT NULL) WITHOUT ROWID;
"#;

/// Migration 4: the tables of the storage contract. `IF NOT EXISTS`, so a
/// file whose migration count was wound back (as a test of an upgrade does)
/// applies it again harmlessly.
pub(super) const MIGRATION: &str = r#"
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

/// Appends of up to this many rows keep their prepared statement (one text per row count).
const CACHED_APPEND_ROWS: usize = 16;
/// Rows appended by one statement at most (four bound values each).
const APPEND_ROWS_MAX: usize = 4_096;

const DOCUMENT_COLUMNS: &str = r#""key", "version", "position", "idx_1", "idx_2", "idx_3", "idx_4", "body""#;
const STOCK_COLUMNS: &str =
    r#""sku", "location", "on_hand", "allocated", "reserved", "quarantined", "incoming", "version""#;

impl Store for SqliteStore {
    fn begin(&self, access: Access) -> Result<Box<dyn Transaction + '_>> {
        let mut shared = self.lock();
        self.settle(&mut shared)?;
        let transaction = ContractTransaction {
            store: self,
            slot: Some(shared),
            write: access == Access::Write,
            finished: false,
            appends: Vec::new(),
        };
        transaction.batch(if access == Access::Write { "BEGIN IMMEDIATE" } else { "BEGIN" })?;
        Ok(Box::new(transaction))
    }

    fn statements_executed(&self) -> u64 {
        self.contract_statements.load(Ordering::Relaxed)
    }
}

struct ContractTransaction<'a> {
    store: &'a SqliteStore,
    /// Always `Some` until the transaction ends.
    slot: Option<MutexGuard<'a, Shared>>,
    write: bool,
    finished: bool,
    /// Rows appended, numbered and inserted at commit.
    appends: Vec<(Stream, StreamEntry)>,
}

impl Drop for ContractTransaction<'_> {
    fn drop(&mut self) {
        if !self.finished && self.slot.is_some() {
            // SQLite rolls back on its own when it cannot; nothing more can be done here.
            let _ = self.batch("ROLLBACK");
        }
    }
}

fn document(row: &Row<'_>) -> rusqlite::Result<Document> {
    Ok(Document {
        key: row.get(0)?,
        version: unsigned(row.get(1)?),
        position: unsigned(row.get(2)?),
        terms: Terms([row.get(3)?, row.get(4)?, row.get(5)?, row.get(6)?]),
        body: Body::json(row.get::<_, String>(7)?),
    })
}

fn stock_row(row: &Row<'_>) -> rusqlite::Result<StockRow> {
    Ok(StockRow {
        sku: Sku::from_stored(row.get(0)?),
        location: LocationId::from_stored(row.get(1)?),
        on_hand: row.get(2)?,
        allocated: row.get(3)?,
        reserved: row.get(4)?,
        quarantined: row.get(5)?,
        incoming: row.get(6)?,
        version: unsigned(row.get(7)?),
    })
}

fn json_text(value: &impl serde::Serialize) -> Result<String> {
    serde_json::to_string(value).map_err(Error::storage)
}

impl ContractTransaction<'_> {
    fn conn(&self) -> Result<&Connection> {
        self.slot.as_ref().map(|shared| &shared.connection).ok_or_else(|| Error::storage("the transaction has ended"))
    }

    /// The cached prepared statement for `sql`, counted as one statement sent.
    fn prepared(&self, sql: &str) -> Result<CachedStatement<'_>> {
        self.store.contract_statements.fetch_add(1, Ordering::Relaxed);
        self.conn()?.prepare_cached(sql).map_err(sql_error)
    }

    /// Runs transaction control, counted as one statement.
    fn batch(&self, sql: &str) -> Result<()> {
        self.store.contract_statements.fetch_add(1, Ordering::Relaxed);
        self.conn()?.execute_batch(sql).map_err(sql_error)
    }

    fn writable(&self) -> Result<()> {
        if self.write {
            Ok(())
        } else {
            Err(read_only())
        }
    }

    fn documents(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<Document>> {
        let mut statement = self.prepared(sql)?;
        let rows = statement.query_map(params, document).map_err(sql_error)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(sql_error)
    }

    /// Numbers the appended rows after each stream's last and inserts them in one statement.
    fn flush_appends(&mut self) -> Result<Receipt> {
        let grouped = by_stream(std::mem::take(&mut self.appends));
        if grouped.is_empty() {
            return Ok(Receipt::default());
        }
        // The transaction is the file's only writer (`BEGIN IMMEDIATE`), so
        // the last numbers read here stay the last until it commits. Two
        // plain statements: SQLite would copy an INSERT whose SELECT reads
        // the table it writes into a temporary table first.
        let lasts_sql = format!(
            "SELECT {}",
            (1..=grouped.len())
                .map(|n| format!(r#"(SELECT COALESCE(MAX("seq"), 0) FROM "streams" WHERE "stream" = ?{n})"#))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let names: Vec<&str> = grouped.iter().map(|(stream, _)| stream.as_str()).collect();
        let lasts: Vec<i64> = self
            .prepared(&lasts_sql)?
            .query_row(rusqlite::params_from_iter(&names), |row| (0..names.len()).map(|n| row.get(n)).collect())
            .map_err(sql_error)?;
        let mut receipt = Receipt::default();
        let mut rows: Vec<(&str, i64, &str, std::sync::Arc<str>)> = Vec::new();
        for ((stream, entries), last) in grouped.iter().zip(&lasts) {
            for (ordinal, entry) in (1..).zip(entries) {
                rows.push((stream.as_str(), last + ordinal, entry.aggregate.as_str(), entry.body.to_json()?));
            }
            let count = i64::try_from(entries.len()).unwrap_or(i64::MAX);
            receipt.appended.push((*stream, unsigned(last + 1), unsigned(last + count)));
        }
        // The rows travel as bound values (a body is bound as it is, never
        // escaped into a larger JSON text).
        // One statement for up to APPEND_ROWS_MAX rows (SQLite binds at most 32,766 values).
        for chunk in rows.chunks(APPEND_ROWS_MAX) {
            let sql = format!(
                r#"INSERT INTO "streams" ("stream", "seq", "aggregate", "body") VALUES {}"#,
                vec!["(?, ?, ?, ?)"; chunk.len()].join(", ")
            );
            let bodies: Vec<&str> = chunk.iter().map(|row| &*row.3).collect();
            let mut bound: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(chunk.len() * 4);
            for (row, body) in chunk.iter().zip(&bodies) {
                bound.push(&row.0);
                bound.push(&row.1);
                bound.push(&row.2);
                bound.push(body);
            }
            if chunk.len() <= CACHED_APPEND_ROWS {
                self.prepared(&sql)?.execute(bound.as_slice()).map_err(sql_error)?;
            } else {
                // A long append is prepared once and not kept (its text is used rarely).
                self.store.contract_statements.fetch_add(1, Ordering::Relaxed);
                self.conn()?.prepare(&sql).and_then(|mut one| one.execute(bound.as_slice())).map_err(sql_error)?;
            }
        }
        Ok(receipt)
    }
}

impl Transaction for ContractTransaction<'_> {
    fn get(&mut self, kind: &str, key: &str, _lock: Lock) -> Result<Option<Document>> {
        let sql = format!(r#"SELECT {DOCUMENT_COLUMNS} FROM "documents" WHERE "kind" = ?1 AND "key" = ?2"#);
        self.prepared(&sql)?.query_row(params![kind, key], document).optional().map_err(sql_error)
    }

    fn get_many(&mut self, kind: &str, keys: &[&str], _lock: Lock) -> Result<Vec<Option<Document>>> {
        let sql = format!(
            r#"SELECT {DOCUMENT_COLUMNS} FROM "documents" WHERE "kind" = ?1 AND "key" IN (SELECT value FROM json_each(?2))"#
        );
        let found = self.documents(&sql, params![kind, json_text(&keys)?])?;
        Ok(in_order_asked(keys, found))
    }

    fn put(&mut self, kind: &str, doc: &Document) -> Result<()> {
        self.writable()?;
        check_document(kind, doc)?;
        let body = doc.body.to_json()?;
        let [idx_1, idx_2, idx_3, idx_4] = &doc.terms.0;
        let values =
            params![kind, doc.key, signed(doc.version), signed(doc.position), idx_1, idx_2, idx_3, idx_4, &*body];
        let written = if doc.version == 1 {
            self.prepared(
                r#"INSERT INTO "documents" ("kind", "key", "version", "position", "idx_1", "idx_2", "idx_3", "idx_4", "body")
                   VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT ("kind", "key") DO NOTHING"#,
            )?
            .execute(values)
        } else {
            self.prepared(
                r#"UPDATE "documents" SET "version" = ?3, "position" = ?4, "idx_1" = ?5, "idx_2" = ?6, "idx_3" = ?7,
                   "idx_4" = ?8, "body" = ?9 WHERE "kind" = ?1 AND "key" = ?2 AND "version" = ?3 - 1"#,
            )?
            .execute(values)
        }
        .map_err(sql_error)?;
        written_once(written as u64, kind, &doc.key, doc.version)
    }

    fn scan(
        &mut self,
        kind: &str,
        filter: &IndexFilter,
        after: Option<&Cursor>,
        limit: usize,
    ) -> Result<Vec<Document>> {
        check_name("kind", kind)?;
        // No cursor: from before every position (positions are never negative).
        let (position, key) = after.map_or((-1, ""), |cursor| (signed(cursor.position), cursor.key.as_str()));
        let limit = signed(limit as u64);
        match filter {
            IndexFilter::All => {
                let sql = format!(
                    r#"SELECT {DOCUMENT_COLUMNS} FROM "documents" WHERE "kind" = ?1 AND ("position", "key") > (?2, ?3)
                       ORDER BY "position", "key" LIMIT ?4"#
                );
                self.documents(&sql, params![kind, position, key, limit])
            }
            IndexFilter::Equals(term, value) => {
                let sql = format!(
                    r#"SELECT {DOCUMENT_COLUMNS} FROM "documents" WHERE "kind" = ?1 AND "{column}" = ?5
                       AND ("position", "key") > (?2, ?3) ORDER BY "position", "key" LIMIT ?4"#,
                    column = term.column()
                );
                self.documents(&sql, params![kind, position, key, limit, value])
            }
        }
    }

    fn stock(&mut self, skus: &[&Sku], _lock: Lock) -> Result<Vec<StockRow>> {
        let skus: Vec<&str> = sorted_skus(skus).into_iter().map(Sku::as_str).collect();
        let sql = format!(
            r#"SELECT {STOCK_COLUMNS} FROM "stock_rows" WHERE "sku" IN (SELECT value FROM json_each(?1)) ORDER BY "sku", "location""#
        );
        let mut statement = self.prepared(&sql)?;
        let rows = statement.query_map([json_text(&skus)?], stock_row).map_err(sql_error)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(sql_error)
    }

    fn put_stock(&mut self, rows: &[StockRow]) -> Result<()> {
        self.writable()?;
        check_stock_rows(rows)?;
        let as_json = |row: &&StockRow| {
            let [on_hand, allocated, reserved, quarantined, incoming] = row.buckets();
            let (sku, location) = (row.sku.as_str(), row.location.as_str());
            json!([sku, location, on_hand, allocated, reserved, quarantined, incoming, signed(row.version)])
        };
        let (inserted, replaced): (Vec<&StockRow>, Vec<&StockRow>) = rows.iter().partition(|row| row.version == 1);
        let mut written = 0;
        if !replaced.is_empty() {
            let input: Vec<_> = replaced.iter().map(as_json).collect();
            written += self
                .prepared(
                    r#"UPDATE "stock_rows" SET "on_hand" = u.value ->> 2, "allocated" = u.value ->> 3,
                       "reserved" = u.value ->> 4, "quarantined" = u.value ->> 5, "incoming" = u.value ->> 6,
                       "version" = u.value ->> 7
                       FROM json_each(?1) AS u
                       WHERE "stock_rows"."sku" = u.value ->> 0 AND "stock_rows"."location" = u.value ->> 1
                       AND "stock_rows"."version" = (u.value ->> 7) - 1"#,
                )?
                .execute([json_text(&input)?])
                .map_err(sql_error)?;
        }
        if !inserted.is_empty() {
            let input: Vec<_> = inserted.iter().map(as_json).collect();
            written += self
                .prepared(&format!(
                    r#"INSERT INTO "stock_rows" ({STOCK_COLUMNS})
                       SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6,
                       value ->> 7 FROM json_each(?1) WHERE true ON CONFLICT ("sku", "location") DO NOTHING"#
                ))?
                .execute([json_text(&input)?])
                .map_err(sql_error)?;
        }
        if written == rows.len() {
            Ok(())
        } else {
            Err(Error::Conflict {
                message: format!(
                    "stock: {} of {} rows were not at the version expected",
                    rows.len() - written,
                    rows.len()
                ),
            })
        }
    }

    fn append(&mut self, stream: Stream, rows: &[StreamEntry]) -> Result<()> {
        self.writable()?;
        check_entries(rows)?;
        self.appends.extend(rows.iter().map(|row| (stream, row.clone())));
        Ok(())
    }

    fn read(&mut self, stream: Stream, after: u64, limit: usize) -> Result<Vec<StreamRow>> {
        let mut statement = self.prepared(
            r#"SELECT "seq", "aggregate", "body" FROM "streams" WHERE "stream" = ?1 AND "seq" > ?2 ORDER BY "seq" LIMIT ?3"#,
        )?;
        let rows = statement
            .query_map(params![stream.as_str(), signed(after), signed(limit as u64)], |row| {
                Ok(StreamRow {
                    seq: unsigned(row.get(0)?),
                    aggregate: row.get(1)?,
                    body: Body::json(row.get::<_, String>(2)?),
                })
            })
            .map_err(sql_error)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(sql_error)
    }

    fn read_aggregate(&mut self, stream: Stream, aggregate: &str, after: u64, limit: usize) -> Result<Vec<StreamRow>> {
        let mut statement = self.prepared(
            r#"SELECT "seq", "aggregate", "body" FROM "streams"
               WHERE "stream" = ?1 AND "aggregate" = ?2 AND "seq" > ?3 ORDER BY "seq" LIMIT ?4"#,
        )?;
        let rows = statement
            .query_map(params![stream.as_str(), aggregate, signed(after), signed(limit as u64)], |row| {
                Ok(StreamRow {
                    seq: unsigned(row.get(0)?),
                    aggregate: row.get(1)?,
                    body: Body::json(row.get::<_, String>(2)?),
                })
            })
            .map_err(sql_error)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(sql_error)
    }

    fn next_in_series(&mut self, name: &str) -> Result<u64> {
        self.writable()?;
        check_name("series", name)?;
        let value: i64 = self
            .prepared(
                r#"INSERT INTO "series" ("name", "value") VALUES (?1, 1)
                   ON CONFLICT ("name") DO UPDATE SET "value" = "value" + 1 RETURNING "value""#,
            )?
            .query_row([name], |row| row.get(0))
            .map_err(sql_error)?;
        Ok(unsigned(value))
    }

    fn add_to_tallies(&mut self, deltas: &[(&str, i64)]) -> Result<()> {
        self.writable()?;
        let deltas = sorted_deltas(deltas)?;
        if deltas.is_empty() {
            return Ok(());
        }
        // SQLite turns an integer sum beyond 64 bits into a float instead of
        // failing: the statement reports each sum's type, and such a sum is an
        // error (the transaction is then dropped, so it is never committed).
        let overflowed: Vec<String> = self
            .prepared(
                r#"INSERT INTO "tallies" ("name", "value")
                   SELECT value ->> 0, value ->> 1 FROM json_each(?1) WHERE true
                   ON CONFLICT ("name") DO UPDATE SET "value" = "value" + excluded."value"
                   RETURNING "name", typeof("value")"#,
            )?
            .query_map([json_text(&deltas)?], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)))
            .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
            .map_err(sql_error)?
            .into_iter()
            .filter(|(_, kind)| kind != "integer")
            .map(|(name, _)| name)
            .collect();
        match overflowed.first() {
            Some(name) => Err(Error::storage(format!("tally {name} overflows 64 bits"))),
            None => Ok(()),
        }
    }

    fn tallies(&mut self, names: &[&str]) -> Result<Vec<i64>> {
        let found: Vec<(String, i64)> = self
            .prepared(r#"SELECT "name", "value" FROM "tallies" WHERE "name" IN (SELECT value FROM json_each(?1))"#)?
            .query_map([json_text(&names)?], |row| Ok((row.get(0)?, row.get(1)?)))
            .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
            .map_err(sql_error)?;
        Ok(names.iter().map(|name| found.iter().find(|(n, _)| n == name).map_or(0, |(_, value)| *value)).collect())
    }

    fn idempotency(&mut self, key: &IdempotencyKey) -> Result<Option<IdempotencyRecord>> {
        let row = self
            .prepared(
                r#"SELECT "command", "payload_hash", "result_kind", "result_key" FROM "idempotency_records" WHERE "key" = ?1"#,
            )?
            .query_row([key.as_str()], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, Option<String>>(2)?,
                    row.get::<_, Option<String>>(3)?,
                ))
            })
            .optional()
            .map_err(sql_error)?;
        row.map(|(command, hash, kind, result_key)| {
            Ok(IdempotencyRecord {
                key: key.clone(),
                command,
                payload_hash: PayloadHash::parse(&hash)?,
                result: kind.zip(result_key).map(|(kind, key)| ResultRef { kind, key }),
            })
        })
        .transpose()
    }

    fn put_idempotency(&mut self, record: &IdempotencyRecord) -> Result<()> {
        self.writable()?;
        check_record(record)?;
        let result = record.result.as_ref();
        let written = self
            .prepared(
                r#"INSERT INTO "idempotency_records" ("key", "command", "payload_hash", "result_kind", "result_key")
                   VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT ("key") DO NOTHING"#,
            )?
            .execute(params![
                record.key.as_str(),
                record.command,
                record.payload_hash.to_string(),
                result.map(|r| r.kind.as_str()),
                result.map(|r| r.key.as_str()),
            ])
            .map_err(sql_error)?;
        if written == 1 {
            Ok(())
        } else {
            Err(Error::Conflict { message: format!("idempotency key {} is already recorded", record.key) })
        }
    }

    fn commit(mut self: Box<Self>) -> Result<Receipt> {
        // On failure the transaction drops unfinished and rolls back.
        let receipt = self.flush_appends()?;
        // A failed COMMIT may leave the transaction open; Drop then ends it so the connection stays usable.
        self.batch("COMMIT")?;
        self.finished = true;
        Ok(receipt)
    }
}
