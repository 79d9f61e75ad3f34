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
//! Under group commit (`group_commit=N`) a write transaction joins the open
//! batch as the older path's do (see `connection.rs`): it runs in a
//! savepoint of the batch's one `BEGIN IMMEDIATE` transaction, still the
//! file's only writer while it holds the connection, so what it reads and
//! numbers there (stream numbers, stock versions) is what its batch commits.
//! A read transaction settles the open batch first.

use std::borrow::Cow;
use std::sync::atomic::Ordering;
use std::sync::{LazyLock, MutexGuard, OnceLock};

use rusqlite::{params, CachedStatement, Connection, OptionalExtension, Row};

use super::{sql_error, Shared, SqliteStore};
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::{IdempotencyKey, LocationId, Sku};
use crate::storage::contract::{
    by_stream, check_document, check_entries, check_name, check_record, check_stock_rows, in_order_asked, read_only,
    signed, sorted_deltas, sorted_skus, tally_moved, unsigned, Access, Body, Cursor, Document, IdempotencyRecord,
    IndexFilter, Lock, Numbering, PayloadHash, Receipt, ResultRef, StockRow, Store, Stream, StreamEntry, StreamRow,
    Terms, Transaction,
};
use crate::storage::written_once;

/// Migration 5: the index that reads one aggregate's rows of a stream.
pub(super) const AGGREGATE_INDEX: &str = r#"
    CREATE INDEX IF NOT EXISTS "streams_by_aggregate" ON "streams" ("stream", "aggregate", "seq");
    CREATE TABLE IF NOT EXISTS "tallies" ("name" TEXT PRIMARY KEY, "value" INTEGER NOT NULL) WITHOUT ROWID;
"#;

/// Migration 6: `tallies` rebuilt with a check that every value is an
/// integer. SQLite turns an integer sum beyond 64 bits into a float instead
/// of failing; with the check such a sum fails its statement, so an add
/// needs no `RETURNING` to find it (which cost more than the add itself).
/// The same columns make this safe to run again on a file whose migration
/// count was wound back.
pub(super) const TALLIES_CHECKED: &str = r#"
    CREATE TABLE "tallies_checked" (
        "name" TEXT PRIMARY KEY, "value" INTEGER NOT NULL CHECK (typeof("value") = 'integer')) WITHOUT ROWID;
    INSERT INTO "tallies_checked" ("name", "value") SELECT "name", "value" FROM "tallies";
    DROP TABLE "tallies";
    ALTER TABLE "tallies_checked" RENAME TO "tallies";
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
/// Stock rows written by one statement at most (eight bound values each; SQLite binds at most 32,766).
const STOCK_ROWS_MAX: usize = 4_000;
/// Tallies added by one statement at most (two bound values each).
const TALLIES_MAX: usize = 16_000;

const DOCUMENT_COLUMNS: &str = r#""key", "version", "position", "idx_1", "idx_2", "idx_3", "idx_4", "body""#;
const STOCK_COLUMNS: &str =
    r#""sku", "location", "on_hand", "allocated", "reserved", "quarantined", "incoming", "version""#;

impl Store for SqliteStore {
    fn begin(&self, access: Access) -> Result<Box<dyn Transaction + '_>> {
        let mut shared = self.lock();
        let grouped = self.start(&mut shared, access)?;
        Ok(Box::new(ContractTransaction {
            store: self,
            slot: Some(shared),
            write: access == Access::Write,
            grouped,
            finished: false,
            appends: Vec::new(),
            lasts: None,
            stock_versions: std::collections::HashMap::new(),
            expected: None,
        }))
    }

    fn statements_executed(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }
}

struct ContractTransaction<'a> {
    store: &'a SqliteStore,
    /// Always `Some` until the transaction ends.
    slot: Option<MutexGuard<'a, Shared>>,
    write: bool,
    /// Part of a group-commit batch (inside a savepoint).
    grouped: bool,
    finished: bool,
    /// Rows appended, numbered and inserted at commit.
    appends: Vec<(Stream, StreamEntry)>,
    /// The last number of each stream (in [`Stream::ALL`] order), when a
    /// stock read of this write transaction learnt them on the way (see
    /// [`Transaction::stock`]): nobody else writes until it ends, so they
    /// stay the last, and commit need not read them again. Read in the open
    /// transaction, so in a group-commit batch they count the rows of the
    /// commands before it; learnt anew by each command.
    lasts: Option<[i64; 3]>,
    /// In a write transaction, the version of each stock row read or
    /// written in it, by (SKU, location): nobody else writes until it ends,
    /// so these are the stored versions (see [`Transaction::put_stock`]).
    stock_versions: std::collections::HashMap<String, Vec<(String, u64)>>,
    /// The tally value commit checks (see [`Transaction::expect_tally`]).
    expected: Option<(String, i64)>,
}

impl Drop for ContractTransaction<'_> {
    fn drop(&mut self) {
        let Some(shared) = self.slot.take() else { return };
        if !self.finished {
            // Rolled back, or (grouped) only this command undone and its batch left to settle.
            self.store.abandon(shared, self.grouped);
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

/// Statement texts for 0 to [`CACHED_APPEND_ROWS`] rows, built once per
/// process (a text per row count, each a cached prepared statement).
struct Texts {
    built: OnceLock<Vec<String>>,
    build: fn(usize) -> String,
}

impl Texts {
    const fn new(build: fn(usize) -> String) -> Texts {
        Texts { built: OnceLock::new(), build }
    }

    fn of(&'static self, rows: usize) -> Cow<'static, str> {
        match self.built.get_or_init(|| (0..=CACHED_APPEND_ROWS).map(self.build).collect()).get(rows) {
            Some(text) => Cow::Borrowed(text.as_str()),
            None => Cow::Owned((self.build)(rows)),
        }
    }
}

static STOCK_UPSERT: Texts = Texts::new(|n| {
    format!(
        r#"INSERT INTO "stock_rows" ({STOCK_COLUMNS}) VALUES {}
           ON CONFLICT ("sku", "location") DO UPDATE SET "on_hand" = excluded."on_hand",
           "allocated" = excluded."allocated", "reserved" = excluded."reserved",
           "quarantined" = excluded."quarantined", "incoming" = excluded."incoming", "version" = excluded."version"
           WHERE "stock_rows"."version" = excluded."version" - 1"#,
        rows_of(8, n)
    )
});
static TALLY_ADD: Texts = Texts::new(|n| {
    format!(
        r#"INSERT INTO "tallies" ("name", "value") VALUES {}
           ON CONFLICT ("name") DO UPDATE SET "value" = "value" + excluded."value""#,
        rows_of(2, n)
    )
});
static TALLY_READ: Texts = Texts::new(|n| {
    format!(r#"SELECT 0, "name", "value" FROM "tallies" WHERE "name" IN ({})"#, vec!["?"; n].join(", "))
});
/// Appends `n` rows (`?3`, `?4`… are stream, number, aggregate, body per
/// row) if the tally `?1` holds `?2` (no check when `?1` is null). The
/// statement reads `tallies`, never `streams`: SQLite would evaluate an
/// `INSERT … SELECT` reading its own table into a temporary table first.
static APPEND: Texts = Texts::new(|n| {
    let rows: Vec<String> = (0..n)
        .map(|row| {
            let at = 3 + 4 * row;
            format!("(?{at}, ?{}, ?{}, ?{})", at + 1, at + 2, at + 3)
        })
        .collect();
    format!(
        r#"INSERT INTO "streams" ("stream", "seq", "aggregate", "body")
           SELECT * FROM (VALUES {})
           WHERE ?1 IS NULL OR COALESCE((SELECT "value" FROM "tallies" WHERE "name" = ?1), 0) = ?2"#,
        rows.join(", ")
    )
});
/// The last number of each stream, in [`Stream::ALL`] order.
const LASTS: &str = r#"SELECT
    (SELECT COALESCE(MAX("seq"), 0) FROM "streams" WHERE "stream" = 'ledger'),
    (SELECT COALESCE(MAX("seq"), 0) FROM "streams" WHERE "stream" = 'outbox'),
    (SELECT COALESCE(MAX("seq"), 0) FROM "streams" WHERE "stream" = 'journal')"#;
static GET: LazyLock<String> =
    LazyLock::new(|| format!(r#"SELECT {DOCUMENT_COLUMNS} FROM "documents" WHERE "kind" = ?1 AND "key" = ?2"#));
static GET_MANY: LazyLock<String> = LazyLock::new(|| {
    format!(
        r#"SELECT {DOCUMENT_COLUMNS} FROM "documents" WHERE "kind" = ?1 AND "key" IN (SELECT value FROM json_each(?2))"#
    )
});
static STOCK: LazyLock<String> = LazyLock::new(|| {
    format!(
        r#"SELECT {STOCK_COLUMNS} FROM "stock_rows" WHERE "sku" IN (SELECT value FROM json_each(?1)) ORDER BY "sku", "location""#
    )
});
/// [`STOCK`] that also learns the streams' last numbers: three rows first,
/// whose `sku` is NULL (a stored SKU never is), `on_hand` the last number
/// and `version` the stream's place in [`Stream::ALL`].
static STOCK_AND_LASTS: LazyLock<String> = LazyLock::new(|| {
    format!(
        r#"SELECT NULL, NULL, (SELECT COALESCE(MAX("seq"), 0) FROM "streams" WHERE "stream" = 'ledger'), 0, 0, 0, 0, 0
           UNION ALL SELECT NULL, NULL, (SELECT COALESCE(MAX("seq"), 0) FROM "streams" WHERE "stream" = 'outbox'), 0, 0, 0, 0, 1
           UNION ALL SELECT NULL, NULL, (SELECT COALESCE(MAX("seq"), 0) FROM "streams" WHERE "stream" = 'journal'), 0, 0, 0, 0, 2
           UNION ALL SELECT * FROM (SELECT {STOCK_COLUMNS} FROM "stock_rows" WHERE "sku" IN (SELECT value FROM json_each(?1))
                                    ORDER BY "sku", "location")"#
    )
});

/// `n` rows of `width` placeholders: `(?, ?), (?, ?)`.
fn rows_of(width: usize, n: usize) -> String {
    let row = format!("({})", vec!["?"; width].join(", "));
    vec![row; n].join(", ")
}

/// The bound values of stock rows, in [`STOCK_COLUMNS`] order.
fn stock_values(rows: &[&StockRow]) -> Vec<rusqlite::types::Value> {
    use rusqlite::types::Value;
    let mut values = Vec::with_capacity(rows.len() * 8);
    for row in rows {
        values.push(Value::Text(row.sku.as_str().to_string()));
        values.push(Value::Text(row.location.as_str().to_string()));
        values.extend(row.buckets().map(Value::Integer));
        values.push(Value::Integer(signed(row.version)));
    }
    values
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
        self.store.statements.fetch_add(1, Ordering::Relaxed);
        self.conn()?.prepare_cached(sql).map_err(sql_error)
    }

    fn writable(&self) -> Result<()> {
        if self.write {
            Ok(())
        } else {
            Err(read_only())
        }
    }

    /// Runs a statement of `rows` bound rows: cached when short, prepared once otherwise
    /// (a long statement's text is used rarely). Returns the rows changed.
    fn execute_rows(&self, sql: &str, rows: usize, values: &[rusqlite::types::Value]) -> Result<usize> {
        let params = rusqlite::params_from_iter(values);
        if rows <= CACHED_APPEND_ROWS {
            self.prepared(sql)?.execute(params).map_err(sql_error)
        } else {
            self.store.statements.fetch_add(1, Ordering::Relaxed);
            self.conn()?.prepare(sql).and_then(|mut one| one.execute(params)).map_err(sql_error)
        }
    }

    /// After a stock write of `written` rows out of `rows`: `conflict` unless
    /// all were written, and then their versions are known.
    fn stock_written(&mut self, rows: &[StockRow], written: usize) -> Result<()> {
        if written != rows.len() {
            return Err(Error::Conflict {
                message: format!(
                    "stock: {} of {} rows were not at the version expected",
                    rows.len() - written,
                    rows.len()
                ),
            });
        }
        for row in rows {
            self.know_stock(row);
        }
        Ok(())
    }

    /// Remembers a stock row's version as stored in this write transaction.
    fn know_stock(&mut self, row: &StockRow) {
        let at = match self.stock_versions.get_mut(row.sku.as_str()) {
            Some(at) => at,
            None => self.stock_versions.entry(row.sku.as_str().to_string()).or_default(),
        };
        match at.iter_mut().find(|(location, _)| location == row.location.as_str()) {
            Some((_, version)) => *version = row.version,
            None => at.push((row.location.as_str().to_string(), row.version)),
        }
    }

    fn documents(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<Document>> {
        let mut statement = self.prepared(sql)?;
        let rows = statement.query_map(params, document).map_err(sql_error)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(sql_error)
    }

    /// Checks the expected tally (see [`Transaction::expect_tally`]) in a statement of its own.
    fn check_expected(&mut self, name: &str, value: i64) -> Result<()> {
        let held = self.tallies(&[name])?.first().copied().unwrap_or(0);
        match held == value {
            true => Ok(()),
            false => Err(tally_moved(name, value, held)),
        }
    }

    /// Numbers the appended rows after each stream's last and inserts them,
    /// checking the expected tally in the same statement.
    fn flush_appends(&mut self) -> Result<Receipt> {
        let expected = self.expected.take();
        let grouped = by_stream(std::mem::take(&mut self.appends));
        if grouped.is_empty() {
            if let Some((name, value)) = expected {
                self.check_expected(&name, value)?;
            }
            return Ok(Receipt::default());
        }
        // The transaction is the file's only writer (`BEGIN IMMEDIATE`), so
        // the last numbers, read here or by a stock read before, stay the
        // last until it commits.
        let lasts = match self.lasts {
            Some(known) => known,
            None => self
                .prepared(LASTS)?
                .query_row([], |row| Ok([row.get(0)?, row.get(1)?, row.get(2)?]))
                .map_err(sql_error)?,
        };
        let mut receipt = Receipt::default();
        let mut rows: Vec<(&str, i64, &str, std::sync::Arc<str>)> = Vec::new();
        for (stream, entries) in &grouped {
            let before = Stream::ALL.iter().position(|s| s == stream).map_or(0, |n| lasts[n]);
            // Each row is keyed by the last number it takes.
            let mut last = before;
            for entry in entries {
                last += signed(entry.width);
                rows.push((stream.as_str(), last, entry.aggregate.as_str(), entry.body.to_json()?));
            }
            receipt.appended.push((*stream, unsigned(before + 1), unsigned(last)));
        }
        let (mut check_name, mut check_value) = match &expected {
            Some((name, value)) => (Some(name.as_str()), Some(*value)),
            None => (None, None),
        };
        // The rows travel as bound values (a body is bound as it is, never
        // escaped into a larger JSON text). One statement for up to
        // APPEND_ROWS_MAX rows (SQLite binds at most 32,766 values).
        for chunk in rows.chunks(APPEND_ROWS_MAX) {
            let sql = APPEND.of(chunk.len());
            let bodies: Vec<&str> = chunk.iter().map(|row| &*row.3).collect();
            let mut bound: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(2 + chunk.len() * 4);
            bound.push(&check_name);
            bound.push(&check_value);
            for (row, body) in chunk.iter().zip(&bodies) {
                bound.push(&row.0);
                bound.push(&row.1);
                bound.push(&row.2);
                bound.push(body);
            }
            let inserted = if chunk.len() <= CACHED_APPEND_ROWS {
                self.prepared(&sql)?.execute(bound.as_slice()).map_err(sql_error)?
            } else {
                // A long append is prepared once and not kept (its text is used rarely).
                self.store.statements.fetch_add(1, Ordering::Relaxed);
                self.conn()?.prepare(&sql).and_then(|mut one| one.execute(bound.as_slice())).map_err(sql_error)?
            };
            if inserted != chunk.len() {
                // Nothing was inserted: the tally check failed.
                let (name, value) = expected.as_ref().map_or(("", 0), |(name, value)| (name.as_str(), *value));
                let held = self.tallies(&[name])?.first().copied().unwrap_or(0);
                return Err(tally_moved(name, value, held));
            }
            (check_name, check_value) = (None, None);
        }
        Ok(receipt)
    }
}

impl Transaction for ContractTransaction<'_> {
    fn get(&mut self, kind: &str, key: &str, _lock: Lock) -> Result<Option<Document>> {
        self.prepared(&GET)?.query_row(params![kind, key], document).optional().map_err(sql_error)
    }

    fn get_many(&mut self, kind: &str, keys: &[&str], _lock: Lock) -> Result<Vec<Option<Document>>> {
        let found = self.documents(&GET_MANY, params![kind, json_text(&keys)?])?;
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
        // The first stock read of a write transaction (a command about stock
        // makes one before it appends) also learns the streams' last numbers.
        let learn = self.write && self.lasts.is_none();
        let found = if learn {
            let mut lasts = [0; 3];
            let mut found = Vec::new();
            let mut statement = self.prepared(&STOCK_AND_LASTS)?;
            let mut rows = statement.query([json_text(&skus)?]).map_err(sql_error)?;
            while let Some(row) = rows.next().map_err(sql_error)? {
                match row.get::<_, Option<String>>(0).map_err(sql_error)? {
                    Some(_) => found.push(stock_row(row).map_err(sql_error)?),
                    None => {
                        let at = usize::try_from(row.get::<_, i64>(7).map_err(sql_error)?).unwrap_or(0);
                        lasts[at.min(2)] = row.get(2).map_err(sql_error)?;
                    }
                }
            }
            drop(rows);
            drop(statement);
            self.lasts = Some(lasts);
            found
        } else {
            let mut statement = self.prepared(&STOCK)?;
            let rows = statement.query_map([json_text(&skus)?], stock_row).map_err(sql_error)?;
            rows.collect::<rusqlite::Result<Vec<_>>>().map_err(sql_error)?
        };
        if self.write {
            for row in &found {
                self.know_stock(row);
            }
        }
        Ok(found)
    }

    fn put_stock(&mut self, rows: &[StockRow]) -> Result<()> {
        self.writable()?;
        check_stock_rows(rows)?;
        if rows.is_empty() {
            return Ok(());
        }
        let known = |row: &StockRow| {
            self.stock_versions.get(row.sku.as_str()).and_then(|at| {
                at.iter().find(|(location, _)| location == row.location.as_str()).map(|(_, version)| *version)
            })
        };
        if rows.iter().all(|row| row.version == 1 || known(row) == Some(row.version - 1))
            && rows.len() <= STOCK_ROWS_MAX
        {
            // Every replaced row was read (or written) in this transaction at
            // the version before, and nobody else writes the file until it
            // ends: all rows go in one upsert, the cheapest form. A new row
            // (version 1) is inserted if absent; if present, its update's
            // condition (stored version 0) fails and it is counted missing.
            let sql = STOCK_UPSERT.of(rows.len());
            let all: Vec<&StockRow> = rows.iter().collect();
            let written = self.execute_rows(&sql, rows.len(), &stock_values(&all))?;
            return self.stock_written(rows, written);
        }
        let (inserted, replaced): (Vec<&StockRow>, Vec<&StockRow>) = rows.iter().partition(|row| row.version == 1);
        let mut written = 0;
        // The rows travel as bound values, eight per row (no JSON to build or parse).
        for chunk in replaced.chunks(STOCK_ROWS_MAX) {
            let sql = format!(
                r#"UPDATE "stock_rows" SET "on_hand" = u.column3, "allocated" = u.column4, "reserved" = u.column5,
                   "quarantined" = u.column6, "incoming" = u.column7, "version" = u.column8
                   FROM (VALUES {}) AS u
                   WHERE "stock_rows"."sku" = u.column1 AND "stock_rows"."location" = u.column2
                   AND "stock_rows"."version" = u.column8 - 1"#,
                rows_of(8, chunk.len())
            );
            written += self.execute_rows(&sql, chunk.len(), &stock_values(chunk))?;
        }
        for chunk in inserted.chunks(STOCK_ROWS_MAX) {
            let sql = format!(
                r#"INSERT INTO "stock_rows" ({STOCK_COLUMNS}) VALUES {} ON CONFLICT ("sku", "location") DO NOTHING"#,
                rows_of(8, chunk.len())
            );
            written += self.execute_rows(&sql, chunk.len(), &stock_values(chunk))?;
        }
        self.stock_written(rows, written)
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

    fn next_in_series(&mut self, name: &str, _numbering: Numbering) -> Result<u64> {
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
        // A sum beyond 64 bits would be a float, which the table's check
        // refuses: the statement fails (and the transaction is then dropped).
        for chunk in deltas.chunks(TALLIES_MAX) {
            let values: Vec<rusqlite::types::Value> = chunk
                .iter()
                .flat_map(|(name, delta)| {
                    [rusqlite::types::Value::Text((*name).to_string()), rusqlite::types::Value::Integer(*delta)]
                })
                .collect();
            self.prepared(&TALLY_ADD.of(chunk.len()))?.execute(rusqlite::params_from_iter(&values)).map_err(
                |error| match error.sqlite_error_code() {
                    Some(rusqlite::ErrorCode::ConstraintViolation) => {
                        Error::storage(format!("a tally overflows 64 bits: {error}"))
                    }
                    _ => sql_error(error),
                },
            )?;
        }
        Ok(())
    }

    fn tallies(&mut self, names: &[&str]) -> Result<Vec<i64>> {
        if names.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<(i64, String, i64)> = self
            .prepared(&TALLY_READ.of(names.len()))?
            .query_map(rusqlite::params_from_iter(names), |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
            .map_err(sql_error)?;
        Ok(names
            .iter()
            .map(|name| rows.iter().find(|(slot, n, _)| *slot == 0 && n == name).map_or(0, |(_, _, value)| *value))
            .collect())
    }

    fn expect_tally(&mut self, name: &str, value: i64) -> Result<()> {
        check_name("tally", name)?;
        self.expected = Some((name.to_string(), value));
        Ok(())
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
        // On failure the transaction drops unfinished and rolls back (grouped: its savepoint).
        let receipt = self.flush_appends()?;
        // COMMIT, or RELEASE into the batch and wait until the batch is durable.
        self.finished = true;
        let shared = self.slot.take().ok_or_else(|| Error::storage("the transaction has ended"))?;
        self.store.end(shared, self.grouped)?;
        Ok(receipt)
    }
}
