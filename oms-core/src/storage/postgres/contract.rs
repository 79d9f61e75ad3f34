//! The storage contract on PostgreSQL: the tables of migration 3, through
//! the store's pool, prepared-statement cache, statement counter, error
//! mapping and commit-outcome resolution.
//!
//! Writers run side by side at READ COMMITTED and meet only on what they
//! lock: rows read with [`Lock::Update`] (documents and stock rows, taken in
//! key order), a series' row while its number is in use, an idempotency
//! key, and, for the last moments of a commit, the streams they append to.
//!
//! # How streams are numbered
//!
//! Appends wait in the transaction. At commit it takes a transaction-scoped
//! advisory lock per stream it appends to (in stream order, in one
//! statement), then, in the next statement, inserts its rows numbered after
//! the stream's largest committed number, then commits, which releases the
//! locks.
//!
//! - Never skips: the lock is released only after the commit is visible, and
//!   the numbering statement starts (and takes its snapshot) after the lock
//!   is granted, so it sees every row numbered before it. Numbers of a
//!   stream are therefore assigned and made visible one holder at a time, in
//!   increasing order: a reader's statement that sees row `n` sees every row
//!   below `n`, and no row below `n` can still be in flight. A holder that
//!   rolls back leaves no rows, and the next holder reads the same largest
//!   number: no gaps.
//! - Does not serialise whole transactions: the lock is taken inside
//!   `commit()`, after all the transaction's reads and writes, and held for
//!   one `INSERT` and the `COMMIT`. There is no counter row, so no row
//!   version is written per commit and no writer holds a row lock on it
//!   from its first append. A lock holder waits for nothing else (it only
//!   inserts rows nobody else can number), so the lock cannot deadlock with
//!   the row locks the transaction already holds.

use postgres::types::ToSql;
use postgres::{Client, Row, Statement};

use super::errors::{lost_connection, pg_error};
use super::{Connection, PostgresStore};
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::{IdempotencyKey, LocationId, Sku};
use crate::storage::contract::{
    by_stream, check_document, check_entries, check_name, check_record, check_stock_rows, in_order_asked, read_only,
    signed, sorted_deltas, sorted_skus, unsigned, Access, Body, Cursor, Document, IdempotencyRecord, IndexFilter, Lock,
    PayloadHash, Receipt, ResultRef, StockRow, Store, Stream, StreamEntry, StreamRow, Terms, Transaction,
};
use crate::storage::written_once;

/// Migration 3: the tables of the storage contract. Text columns that are
/// ordered by use the `C` collation, so orders match the other backends.
/// `IF NOT EXISTS`, so a schema whose migration count was wound back
/// applies it again harmlessly.
/// Migration 4: the index that reads one aggregate's rows of a stream.
pub(super) const AGGREGATE_INDEX: &str = r#"
    CREATE INDEX IF NOT EXISTS "streams_by_aggregate" ON "streams" ("stream", "aggregate", "seq");
    CREATE TABLE IF NOT EXISTS "tallies" ("name" TEXT COLLATE "C" PRIMARY KEY, "value" BIGINT NOT NULL);
"#;

pub(super) const MIGRATION: &str = r#"
    CREATE TABLE IF NOT EXISTS "documents" (
        "kind" TEXT COLLATE "C" NOT NULL, "key" TEXT COLLATE "C" NOT NULL,
        "version" BIGINT NOT NULL CHECK ("version" >= 1), "position" BIGINT NOT NULL CHECK ("position" >= 0),
        "idx_1" TEXT COLLATE "C", "idx_2" TEXT COLLATE "C", "idx_3" TEXT COLLATE "C", "idx_4" TEXT COLLATE "C",
        "body" TEXT NOT NULL,
        PRIMARY KEY ("kind", "key"));
    CREATE INDEX IF NOT EXISTS "documents_by_position" ON "documents" ("kind", "position", "key");
    CREATE INDEX IF NOT EXISTS "documents_by_idx_1" ON "documents" ("kind", "idx_1", "position", "key") WHERE "idx_1" IS NOT NULL;
    CREATE INDEX IF NOT EXISTS "documents_by_idx_2" ON "documents" ("kind", "idx_2", "position", "key") WHERE "idx_2" IS NOT NULL;
    CREATE INDEX IF NOT EXISTS "documents_by_idx_3" ON "documents" ("kind", "idx_3", "position", "key") WHERE "idx_3" IS NOT NULL;
    CREATE INDEX IF NOT EXISTS "documents_by_idx_4" ON "documents" ("kind", "idx_4", "position", "key") WHERE "idx_4" IS NOT NULL;
    CREATE TABLE IF NOT EXISTS "stock_rows" (
        "sku" TEXT COLLATE "C" NOT NULL, "location" TEXT COLLATE "C" NOT NULL,
        "on_hand" BIGINT NOT NULL CHECK ("on_hand" >= 0), "allocated" BIGINT NOT NULL CHECK ("allocated" >= 0),
        "reserved" BIGINT NOT NULL CHECK ("reserved" >= 0), "quarantined" BIGINT NOT NULL CHECK ("quarantined" >= 0),
        "incoming" BIGINT NOT NULL CHECK ("incoming" >= 0), "version" BIGINT NOT NULL CHECK ("version" >= 1),
        PRIMARY KEY ("sku", "location"));
    CREATE TABLE IF NOT EXISTS "streams" (
        "stream" TEXT NOT NULL, "seq" BIGINT NOT NULL CHECK ("seq" >= 1), "aggregate" TEXT NOT NULL, "body" TEXT NOT NULL,
        PRIMARY KEY ("stream", "seq"));
    CREATE TABLE IF NOT EXISTS "series" ("name" TEXT PRIMARY KEY, "value" BIGINT NOT NULL);
    CREATE TABLE IF NOT EXISTS "idempotency_records" (
        "key" TEXT PRIMARY KEY, "command" TEXT NOT NULL, "payload_hash" TEXT NOT NULL,
        "result_kind" TEXT, "result_key" TEXT);
"#;

/// The seed of the advisory-lock keys of streams (`hashtextextended(schema
/// stream, seed)`): "oms_strm", apart from the other locks of this library.
const STREAM_LOCK: i64 = 0x6f6d_735f_7374_726d;

const DOCUMENT_COLUMNS: &str = r#""key", "version", "position", "idx_1", "idx_2", "idx_3", "idx_4", "body""#;
const STOCK_COLUMNS: &str =
    r#""sku", "location", "on_hand", "allocated", "reserved", "quarantined", "incoming", "version""#;

impl Store for PostgresStore {
    fn begin(&self, access: Access) -> Result<Box<dyn Transaction + '_>> {
        self.count_statement();
        let connection = self.begun()?;
        Ok(Box::new(ContractTransaction {
            store: self,
            connection: Some(connection),
            write: access == Access::Write,
            appends: Vec::new(),
            txid: None,
            finished: false,
        }))
    }

    fn statements_executed(&self) -> u64 {
        self.statements.load(std::sync::atomic::Ordering::Relaxed)
    }
}

struct ContractTransaction<'a> {
    store: &'a PostgresStore,
    connection: Option<Connection>,
    write: bool,
    /// Rows appended, numbered and inserted at commit.
    appends: Vec<(Stream, StreamEntry)>,
    /// The server's id of this transaction, learnt before `COMMIT` (see `outcome.rs`).
    txid: Option<i64>,
    finished: bool,
}

impl Drop for ContractTransaction<'_> {
    fn drop(&mut self) {
        let Some(mut connection) = self.connection.take() else { return };
        if !self.finished {
            self.store.count_statement();
            // A failed rollback leaves the connection unusable; it is closed and dropped.
            if connection.client.batch_execute("ROLLBACK").is_err() {
                let mut pool = self.store.idle.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                pool.1 = pool.1.saturating_sub(1);
                self.store.returned.notify_one();
                return;
            }
        }
        self.store.give_back(connection);
    }
}

fn document(row: &Row) -> Document {
    Document {
        key: row.get(0),
        version: unsigned(row.get(1)),
        position: unsigned(row.get(2)),
        terms: Terms([row.get(3), row.get(4), row.get(5), row.get(6)]),
        body: Body::json(row.get::<_, String>(7)),
    }
}

fn stock_row(row: &Row) -> StockRow {
    StockRow {
        sku: Sku::from_stored(row.get(0)),
        location: LocationId::from_stored(row.get(1)),
        on_hand: row.get(2),
        allocated: row.get(3),
        reserved: row.get(4),
        quarantined: row.get(5),
        incoming: row.get(6),
        version: unsigned(row.get(7)),
    }
}

impl ContractTransaction<'_> {
    /// The connection's prepared statement for `sql` (prepared on first use), counted as one statement sent.
    fn statement(&mut self, sql: &str) -> Result<(&mut Client, Statement)> {
        self.store.count_statement();
        let connection = self.connection.as_mut().ok_or_else(|| Error::storage("the transaction has ended"))?;
        let statement = match connection.statements.get(sql) {
            Some(statement) => statement.clone(),
            None => {
                let statement = connection.client.prepare(sql).map_err(pg_error)?;
                connection.statements.insert(sql.to_string(), statement.clone());
                statement
            }
        };
        Ok((&mut connection.client, statement))
    }

    fn query(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>> {
        let (client, statement) = self.statement(sql)?;
        client.query(&statement, params).map_err(pg_error)
    }

    fn execute(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<u64> {
        let (client, statement) = self.statement(sql)?;
        client.execute(&statement, params).map_err(pg_error)
    }

    fn writable(&self) -> Result<()> {
        if self.write {
            Ok(())
        } else {
            Err(read_only())
        }
    }

    /// Numbers the appended rows under the streams' advisory locks and inserts them (see the module docs).
    fn flush_appends(&mut self) -> Result<Receipt> {
        let grouped = by_stream(std::mem::take(&mut self.appends));
        if grouped.is_empty() {
            return Ok(Receipt::default());
        }
        let names: Vec<&str> = grouped.iter().map(|(stream, _)| stream.as_str()).collect();
        let schema = self.store.schema.clone();
        // The transaction id rides along, so that learning it costs no statement.
        let locked = self.query(
            "SELECT pg_advisory_xact_lock(hashtextextended($1 || ' ' || s.name, $2)), txid_current() \
             FROM unnest($3::TEXT[]) AS s(name)",
            &[&schema, &STREAM_LOCK, &names],
        )?;
        self.txid = locked.first().map(|row| row.get::<_, i64>(1));
        let (mut streams, mut ordinals, mut aggregates, mut bodies) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (stream, entries) in &grouped {
            // Each row is keyed by the last number it takes: the stream's last plus the widths up to it.
            let mut offset = 0;
            for entry in entries {
                offset += entry.width;
                streams.push(stream.as_str());
                ordinals.push(signed(offset));
                aggregates.push(entry.aggregate.as_str());
                bodies.push(entry.body.to_json()?.to_string());
            }
        }
        // A new statement, so a new snapshot: it sees every row numbered before the locks were granted.
        let numbered = self.query(
            r#"INSERT INTO "streams" ("stream", "seq", "aggregate", "body")
               SELECT u.stream, COALESCE((SELECT MAX(s."seq") FROM "streams" AS s WHERE s."stream" = u.stream), 0) + u.ordinal,
                      u.aggregate, u.body
               FROM unnest($1::TEXT[], $2::BIGINT[], $3::TEXT[], $4::TEXT[]) AS u(stream, ordinal, aggregate, body)
               RETURNING "stream", "seq""#,
            &[&streams, &ordinals, &aggregates, &bodies],
        )?;
        let mut receipt = Receipt::default();
        for (stream, entries) in &grouped {
            let numbers =
                numbered.iter().filter(|row| row.get::<_, &str>(0) == stream.as_str()).map(|row| row.get::<_, i64>(1));
            let (first_row, last) = (numbers.clone().min().unwrap_or(0), numbers.max().unwrap_or(0));
            // The first row ends at the stream's previous last number plus its width.
            let first = first_row - signed(entries.first().map_or(1, |entry| entry.width)) + 1;
            receipt.appended.push((*stream, unsigned(first), unsigned(last)));
        }
        Ok(receipt)
    }
}

fn for_update(lock: Lock) -> &'static str {
    match lock {
        Lock::None => "",
        Lock::Update => " FOR UPDATE",
    }
}

impl Transaction for ContractTransaction<'_> {
    fn get(&mut self, kind: &str, key: &str, lock: Lock) -> Result<Option<Document>> {
        let sql = format!(
            r#"SELECT {DOCUMENT_COLUMNS} FROM "documents" WHERE "kind" = $1 AND "key" = $2{}"#,
            for_update(lock)
        );
        Ok(self.query(&sql, &[&kind, &key])?.first().map(document))
    }

    fn get_many(&mut self, kind: &str, keys: &[&str], lock: Lock) -> Result<Vec<Option<Document>>> {
        // Sorted by key, the order the rows are locked in.
        let sql = format!(
            r#"SELECT {DOCUMENT_COLUMNS} FROM "documents" WHERE "kind" = $1 AND "key" = ANY($2) ORDER BY "key"{}"#,
            for_update(lock)
        );
        let found = self.query(&sql, &[&kind, &keys])?.iter().map(document).collect();
        Ok(in_order_asked(keys, found))
    }

    fn put(&mut self, kind: &str, doc: &Document) -> Result<()> {
        self.writable()?;
        check_document(kind, doc)?;
        let body = doc.body.to_json()?.to_string();
        let [idx_1, idx_2, idx_3, idx_4] = &doc.terms.0;
        let (version, position) = (signed(doc.version), signed(doc.position));
        let values: [&(dyn ToSql + Sync); 9] =
            [&kind, &doc.key, &version, &position, idx_1, idx_2, idx_3, idx_4, &body];
        let written = if doc.version == 1 {
            self.execute(
                r#"INSERT INTO "documents" ("kind", "key", "version", "position", "idx_1", "idx_2", "idx_3", "idx_4", "body")
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT ("kind", "key") DO NOTHING"#,
                &values,
            )?
        } else {
            self.execute(
                r#"UPDATE "documents" SET "version" = $3::BIGINT, "position" = $4::BIGINT, "idx_1" = $5, "idx_2" = $6, "idx_3" = $7,
                   "idx_4" = $8, "body" = $9 WHERE "kind" = $1 AND "key" = $2 AND "version" = $3::BIGINT - 1"#,
                &values,
            )?
        };
        written_once(written, kind, &doc.key, doc.version)
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
        let rows = match filter {
            IndexFilter::All => {
                let sql = format!(
                    r#"SELECT {DOCUMENT_COLUMNS} FROM "documents" WHERE "kind" = $1 AND ("position", "key") > ($2, $3)
                       ORDER BY "position", "key" LIMIT $4"#
                );
                self.query(&sql, &[&kind, &position, &key, &limit])?
            }
            IndexFilter::Equals(term, value) => {
                let sql = format!(
                    r#"SELECT {DOCUMENT_COLUMNS} FROM "documents" WHERE "kind" = $1 AND "{column}" = $5
                       AND ("position", "key") > ($2, $3) ORDER BY "position", "key" LIMIT $4"#,
                    column = term.column()
                );
                self.query(&sql, &[&kind, &position, &key, &limit, value])?
            }
        };
        Ok(rows.iter().map(document).collect())
    }

    fn stock(&mut self, skus: &[&Sku], lock: Lock) -> Result<Vec<StockRow>> {
        let skus: Vec<&str> = sorted_skus(skus).into_iter().map(Sku::as_str).collect();
        // Rows are locked in the order they are returned: (sku, location).
        let sql = format!(
            r#"SELECT {STOCK_COLUMNS} FROM "stock_rows" WHERE "sku" = ANY($1) ORDER BY "sku", "location"{}"#,
            for_update(lock)
        );
        Ok(self.query(&sql, &[&skus])?.iter().map(stock_row).collect())
    }

    fn put_stock(&mut self, rows: &[StockRow]) -> Result<()> {
        self.writable()?;
        check_stock_rows(rows)?;
        let (inserted, replaced): (Vec<&StockRow>, Vec<&StockRow>) = rows.iter().partition(|row| row.version == 1);
        let mut written = 0;
        for (part, sql) in [
            (
                replaced,
                r#"UPDATE "stock_rows" AS s SET "on_hand" = u.on_hand, "allocated" = u.allocated, "reserved" = u.reserved,
                   "quarantined" = u.quarantined, "incoming" = u.incoming, "version" = u.version
                   FROM unnest($1::TEXT[], $2::TEXT[], $3::BIGINT[], $4::BIGINT[], $5::BIGINT[], $6::BIGINT[], $7::BIGINT[],
                        $8::BIGINT[]) AS u(sku, location, on_hand, allocated, reserved, quarantined, incoming, version)
                   WHERE s."sku" = u.sku AND s."location" = u.location AND s."version" = u.version - 1"#,
            ),
            (
                inserted,
                r#"INSERT INTO "stock_rows" ("sku", "location", "on_hand", "allocated", "reserved", "quarantined", "incoming", "version")
                   SELECT * FROM unnest($1::TEXT[], $2::TEXT[], $3::BIGINT[], $4::BIGINT[], $5::BIGINT[], $6::BIGINT[],
                        $7::BIGINT[], $8::BIGINT[])
                   ON CONFLICT ("sku", "location") DO NOTHING"#,
            ),
        ] {
            if part.is_empty() {
                continue;
            }
            let skus: Vec<&str> = part.iter().map(|row| row.sku.as_str()).collect();
            let locations: Vec<&str> = part.iter().map(|row| row.location.as_str()).collect();
            let bucket = |index: usize| part.iter().map(|row| row.buckets()[index]).collect::<Vec<i64>>();
            let versions: Vec<i64> = part.iter().map(|row| signed(row.version)).collect();
            let (b0, b1, b2, b3, b4) = (bucket(0), bucket(1), bucket(2), bucket(3), bucket(4));
            written += self.execute(sql, &[&skus, &locations, &b0, &b1, &b2, &b3, &b4, &versions])?;
        }
        if written == rows.len() as u64 {
            Ok(())
        } else {
            Err(Error::Conflict {
                message: format!(
                    "stock: {} of {} rows were not at the version expected",
                    rows.len() as u64 - written,
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
        let rows = self.query(
            r#"SELECT "seq", "aggregate", "body" FROM "streams" WHERE "stream" = $1 AND "seq" > $2 ORDER BY "seq" LIMIT $3"#,
            &[&stream.as_str(), &signed(after), &signed(limit as u64)],
        )?;
        Ok(rows
            .iter()
            .map(|row| StreamRow {
                seq: unsigned(row.get(0)),
                aggregate: row.get(1),
                body: Body::json(row.get::<_, String>(2)),
            })
            .collect())
    }

    fn read_aggregate(&mut self, stream: Stream, aggregate: &str, after: u64, limit: usize) -> Result<Vec<StreamRow>> {
        let rows = self.query(
            r#"SELECT "seq", "aggregate", "body" FROM "streams"
               WHERE "stream" = $1 AND "aggregate" = $2 AND "seq" > $3 ORDER BY "seq" LIMIT $4"#,
            &[&stream.as_str(), &aggregate, &signed(after), &signed(limit as u64)],
        )?;
        Ok(rows
            .iter()
            .map(|row| StreamRow {
                seq: unsigned(row.get(0)),
                aggregate: row.get(1),
                body: Body::json(row.get::<_, String>(2)),
            })
            .collect())
    }

    fn next_in_series(&mut self, name: &str) -> Result<u64> {
        self.writable()?;
        check_name("series", name)?;
        let rows = self.query(
            r#"INSERT INTO "series" ("name", "value") VALUES ($1, 1)
               ON CONFLICT ("name") DO UPDATE SET "value" = "series"."value" + 1 RETURNING "value""#,
            &[&name],
        )?;
        Ok(rows.first().map_or(0, |row| unsigned(row.get(0))))
    }

    fn add_to_tallies(&mut self, deltas: &[(&str, i64)]) -> Result<()> {
        self.writable()?;
        let deltas = sorted_deltas(deltas)?;
        if deltas.is_empty() {
            return Ok(());
        }
        let names: Vec<&str> = deltas.iter().map(|(name, _)| *name).collect();
        let values: Vec<i64> = deltas.iter().map(|(_, delta)| *delta).collect();
        // Rows are inserted (and locked) in the order given: by name.
        self.execute(
            r#"INSERT INTO "tallies" ("name", "value")
               SELECT d.name, d.value FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS d(name, value, n) ORDER BY n
               ON CONFLICT ("name") DO UPDATE SET "value" = "tallies"."value" + excluded."value""#,
            &[&names, &values],
        )?;
        Ok(())
    }

    fn tallies(&mut self, names: &[&str]) -> Result<Vec<i64>> {
        let rows = self.query(r#"SELECT "name", "value" FROM "tallies" WHERE "name" = ANY($1)"#, &[&names])?;
        let found: Vec<(String, i64)> = rows.iter().map(|row| (row.get(0), row.get(1))).collect();
        Ok(names.iter().map(|name| found.iter().find(|(n, _)| n == name).map_or(0, |(_, value)| *value)).collect())
    }

    fn idempotency(&mut self, key: &IdempotencyKey) -> Result<Option<IdempotencyRecord>> {
        if self.write {
            // Concurrent duplicates queue here (the same lock as the older path takes);
            // the second sees the first's record once it commits.
            self.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", &[&key.as_str()])?;
        }
        let rows = self.query(
            r#"SELECT "command", "payload_hash", "result_kind", "result_key" FROM "idempotency_records" WHERE "key" = $1"#,
            &[&key.as_str()],
        )?;
        rows.first()
            .map(|row| {
                let (kind, result_key): (Option<String>, Option<String>) = (row.get(2), row.get(3));
                Ok(IdempotencyRecord {
                    key: key.clone(),
                    command: row.get(0),
                    payload_hash: PayloadHash::parse(row.get(1))?,
                    result: kind.zip(result_key).map(|(kind, key)| ResultRef { kind, key }),
                })
            })
            .transpose()
    }

    fn put_idempotency(&mut self, record: &IdempotencyRecord) -> Result<()> {
        self.writable()?;
        check_record(record)?;
        let result = record.result.as_ref();
        let written = self.execute(
            r#"INSERT INTO "idempotency_records" ("key", "command", "payload_hash", "result_kind", "result_key")
               VALUES ($1, $2, $3, $4, $5) ON CONFLICT ("key") DO NOTHING"#,
            &[
                &record.key.as_str(),
                &record.command,
                &record.payload_hash.to_string(),
                &result.map(|r| r.kind.as_str()),
                &result.map(|r| r.key.as_str()),
            ],
        )?;
        if written == 1 {
            Ok(())
        } else {
            Err(Error::Conflict { message: format!("idempotency key {} is already recorded", record.key) })
        }
    }

    fn commit(mut self: Box<Self>) -> Result<Receipt> {
        // On failure the transaction drops unfinished and rolls back.
        let receipt = self.flush_appends()?;
        if self.write && self.txid.is_none() {
            // A write transaction without appends: ask for its id (none if it wrote nothing).
            let rows = self.query("SELECT txid_current_if_assigned()", &[])?;
            self.txid = rows.first().and_then(|row| row.get::<_, Option<i64>>(0));
        }
        self.store.count_statement();
        let connection = self.connection.as_mut().ok_or_else(|| Error::storage("the transaction has ended"))?;
        let Err(error) = connection.client.batch_execute("COMMIT") else {
            self.finished = true;
            return Ok(receipt);
        };
        if !lost_connection(&error) {
            // The server answered COMMIT with an error: it rolled the transaction back.
            return Err(pg_error(error));
        }
        let (store, txid) = (self.store, self.txid);
        // Gives the dead connection's place in the pool back before another is taken.
        drop(self);
        store.commit_outcome(txid, pg_error(error)).map(|()| receipt)
    }
}
