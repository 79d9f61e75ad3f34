//! The storage contract on PostgreSQL: the tables of migration 3, through
//! the store's pool, prepared-statement cache, statement counter, error
//! mapping and commit-outcome resolution.
//!
//! Writers run side by side at READ COMMITTED and meet only on what they
//! lock: rows read with [`Lock::Update`] (documents and stock rows, taken in
//! key order), the rows their writes touch, a gapless series' row while its
//! number is in use, an idempotency key, and, for the last moments of a
//! commit, the heads of the streams they append to.
//!
//! # Writes wait, then go in one statement
//!
//! Documents, stock rows, tally additions and idempotency records wait in
//! the transaction (`pending.rs`) and are sent together, in one statement
//! of data-modifying CTEs, when the transaction commits (or earlier, when a
//! read must see them). That statement also checks the expected tally
//! ([`Transaction::expect_tally`]) and learns the transaction's id. So a
//! command costs `BEGIN`, its reads, one write statement, one append
//! statement and `COMMIT`.
//!
//! # How streams are numbered
//!
//! Appends wait in the transaction too. After the write statement, one
//! statement locks the heads of the streams it appends to (rows of
//! `stream_heads`, in stream order, `FOR UPDATE`), moves each on by the
//! width of the rows appended, and inserts the rows numbered after the head
//! the lock returned; then the transaction commits, which releases them.
//!
//! - Never skips: a head's lock is held from its move to the commit, and a
//!   waiting writer's `FOR UPDATE` returns the head as the holder committed
//!   it (READ COMMITTED re-reads a row it waited for). Numbers of a stream
//!   are therefore assigned and made visible one holder at a time, in
//!   increasing order: a reader's statement that sees row `n` sees every row
//!   below `n`, and no row below `n` can still be in flight. A holder that
//!   rolls back rolls its head back too: no gaps.
//! - Does not serialise whole transactions: the heads are locked by the last
//!   statement before `COMMIT`, after all the transaction's reads and writes,
//!   and a holder waits for nothing else then (it only inserts rows nobody
//!   else can number), so the heads cannot deadlock with the row locks the
//!   transaction already holds.

use postgres::types::ToSql;
use postgres::{Client, Row, Statement};

use super::errors::{lost_connection, pg_error};
use super::pending::{check_written, Pending, FLUSH};
use super::{Connection, PostgresStore};
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::{IdempotencyKey, LocationId, Sku};
use crate::storage::contract::{
    by_stream, check_document, check_entries, check_name, check_record, check_stock_rows, in_order_asked, read_only,
    signed, sorted_deltas, sorted_skus, tally_moved, unsigned, Access, Body, Cursor, Document, IdempotencyRecord,
    IndexFilter, Lock, Numbering, PayloadHash, Receipt, ResultRef, StockRow, Store, Stream, StreamEntry, StreamRow,
    Terms, Transaction,
};

/// Migration 3: the tables of the storage contract. Text columns that are
/// ordered by use the `C` collation, so orders match the other backends.
/// `IF NOT EXISTS`, so a schema whose migration count was wound back
/// applies it again harmlessly.
/// Migration 4: the index that reads one aggregate's rows of a stream.
pub(super) const AGGREGATE_INDEX: &str = r#"
    CREATE INDEX IF NOT EXISTS "streams_by_aggregate" ON "streams" ("stream", "aggregate", "seq");
    CREATE TABLE IF NOT EXISTS "tallies" ("name" TEXT COLLATE "C" PRIMARY KEY, "value" BIGINT NOT NULL);
"#;

/// Migration 5: each stream's head (its last number), locked and moved on
/// by the statement that numbers an append (see the module docs), filled
/// from the rows a schema holds; and the order numbers' sequence moved past
/// any number the `order` series gave (orders are numbered by the sequence
/// again, see [`Numbering::Unique`]).
pub(super) const STREAM_HEADS: &str = r#"
    CREATE TABLE IF NOT EXISTS "stream_heads" (
        "stream" TEXT COLLATE "C" PRIMARY KEY, "last" BIGINT NOT NULL CHECK ("last" >= 0));
    INSERT INTO "stream_heads" ("stream", "last")
    SELECT s.name, COALESCE((SELECT MAX("seq") FROM "streams" WHERE "stream" = s.name), 0)
    FROM unnest(ARRAY['journal', 'ledger', 'outbox']) AS s(name)
    ON CONFLICT ("stream") DO UPDATE SET "last" = GREATEST("stream_heads"."last", excluded."last");
    SELECT setval('order_numbers', s."value") FROM "series" AS s
    WHERE s."name" = 'order' AND s."value" > (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM order_numbers);
"#;

/// After rows were copied into the streams: each head moved to its stream's last number.
pub(super) const HEADS_FROM_ROWS: &str = r#"
    UPDATE "stream_heads" AS h SET "last" = GREATEST(h."last", m.last)
    FROM (SELECT "stream", MAX("seq") AS last FROM "streams" GROUP BY "stream") AS m WHERE m."stream" = h."stream"
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
            pending: Pending::default(),
            expected: None,
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
    /// Writes not yet sent (see `pending.rs`).
    pending: Pending,
    /// The tally value commit checks (see [`Transaction::expect_tally`]).
    expected: Option<(String, i64)>,
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

    /// Sends the writes that wait in one statement (see `pending.rs`); at
    /// commit (`at_commit`) it also checks the expected tally.
    fn flush_writes(&mut self, at_commit: bool) -> Result<()> {
        let expected = if at_commit { self.expected.take() } else { None };
        if self.pending.is_empty() && expected.is_none() {
            return Ok(());
        }
        let (values, counts) = self.pending.take()?;
        let name = expected.as_ref().map(|(name, _)| name.as_str());
        let [inserted, replaced] = &values.documents;
        let [new_stock, old_stock] = &values.stock;
        let [keys, commands, hashes, kinds, result_keys] = &values.records;
        let row = self.query(
            FLUSH,
            &[
                &inserted.kinds,
                &inserted.keys,
                &inserted.versions,
                &inserted.positions,
                &inserted.terms[0],
                &inserted.terms[1],
                &inserted.terms[2],
                &inserted.terms[3],
                &inserted.bodies,
                &replaced.kinds,
                &replaced.keys,
                &replaced.versions,
                &replaced.positions,
                &replaced.terms[0],
                &replaced.terms[1],
                &replaced.terms[2],
                &replaced.terms[3],
                &replaced.bodies,
                &replaced.bases,
                &new_stock.skus,
                &new_stock.locations,
                &new_stock.buckets[0],
                &new_stock.buckets[1],
                &new_stock.buckets[2],
                &new_stock.buckets[3],
                &new_stock.buckets[4],
                &new_stock.versions,
                &old_stock.skus,
                &old_stock.locations,
                &old_stock.buckets[0],
                &old_stock.buckets[1],
                &old_stock.buckets[2],
                &old_stock.buckets[3],
                &old_stock.buckets[4],
                &old_stock.versions,
                &old_stock.bases,
                &values.tally_names,
                &values.tally_deltas,
                keys,
                commands,
                hashes,
                kinds,
                result_keys,
                &name,
            ],
        )?;
        let row = row.first().ok_or_else(|| Error::storage("the flush of a transaction's writes returned no row"))?;
        let written: [i64; 6] = [row.get(0), row.get(1), row.get(2), row.get(3), row.get(4), row.get(5)];
        self.txid = Some(row.get(7));
        check_written(&counts, &written)?;
        if let Some((name, value)) = expected {
            // The statement read the tally before its own additions.
            let delta = values.tally_names.iter().position(|n| *n == name).map_or(0, |at| values.tally_deltas[at]);
            let held = row.get::<_, i64>(6).checked_add(delta).unwrap_or(i64::MAX);
            if held != value {
                return Err(tally_moved(&name, value, held));
            }
        }
        Ok(())
    }

    /// Numbers the appended rows after their streams' heads and inserts
    /// them, in one statement (see the module docs).
    fn flush_appends(&mut self) -> Result<Receipt> {
        let grouped = by_stream(std::mem::take(&mut self.appends));
        if grouped.is_empty() {
            return Ok(Receipt::default());
        }
        let names: Vec<&str> = grouped.iter().map(|(stream, _)| stream.as_str()).collect();
        let widths: Vec<i64> =
            grouped.iter().map(|(_, entries)| entries.iter().map(|e| signed(e.width)).sum()).collect();
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
        // The heads are locked in stream order, then moved on by the rows' widths.
        let numbered = self.query(
            r#"WITH locked AS (
                   SELECT "stream", "last" FROM "stream_heads" WHERE "stream" = ANY($5::TEXT[]) ORDER BY "stream" FOR UPDATE),
               moved AS (
                   UPDATE "stream_heads" AS h SET "last" = l.last + w.width
                   FROM locked AS l JOIN unnest($5::TEXT[], $6::BIGINT[]) AS w(stream, width) ON w.stream = l.stream
                   WHERE h."stream" = l.stream RETURNING h."stream", l.last AS before)
               INSERT INTO "streams" ("stream", "seq", "aggregate", "body")
               SELECT u.stream, m.before + u.ordinal, u.aggregate, u.body
               FROM unnest($1::TEXT[], $2::BIGINT[], $3::TEXT[], $4::TEXT[]) AS u(stream, ordinal, aggregate, body)
               JOIN moved AS m ON m.stream = u.stream
               RETURNING "stream", "seq", txid_current()"#,
            &[&streams, &ordinals, &aggregates, &bodies, &names, &widths],
        )?;
        if numbered.len() != streams.len() {
            return Err(Error::storage(format!(
                "{} of {} stream rows were numbered: a stream has no head row (migration 5)",
                numbered.len(),
                streams.len()
            )));
        }
        self.txid = numbered.first().map(|row| row.get::<_, i64>(2));
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
        if let Some(waiting) = self.pending.document(kind, key) {
            return Ok(Some(waiting.clone()));
        }
        let sql = format!(
            r#"SELECT {DOCUMENT_COLUMNS} FROM "documents" WHERE "kind" = $1 AND "key" = $2{}"#,
            for_update(lock)
        );
        Ok(self.query(&sql, &[&kind, &key])?.first().map(document))
    }

    fn get_many(&mut self, kind: &str, keys: &[&str], lock: Lock) -> Result<Vec<Option<Document>>> {
        if keys.iter().any(|key| self.pending.document(kind, key).is_some()) {
            self.flush_writes(false)?;
        }
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
        self.pending.put(kind, doc)
    }

    fn scan(
        &mut self,
        kind: &str,
        filter: &IndexFilter,
        after: Option<&Cursor>,
        limit: usize,
    ) -> Result<Vec<Document>> {
        check_name("kind", kind)?;
        if self.pending.has_kind(kind) {
            self.flush_writes(false)?;
        }
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
        if self.pending.has_stock_of(&skus) {
            self.flush_writes(false)?;
        }
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
        self.pending.put_stock(rows)
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

    fn next_in_series(&mut self, name: &str, numbering: Numbering) -> Result<u64> {
        self.writable()?;
        check_name("series", name)?;
        // The schema's sequence (since migration 1) numbers orders.
        let sequence = match (numbering, name) {
            (Numbering::Unique, "order") => Some("SELECT nextval('order_numbers')"),
            _ => None,
        };
        let rows = match sequence {
            Some(sql) => self.query(sql, &[])?,
            None => self.query(
                r#"INSERT INTO "series" ("name", "value") VALUES ($1, 1)
                   ON CONFLICT ("name") DO UPDATE SET "value" = "series"."value" + 1 RETURNING "value""#,
                &[&name],
            )?,
        };
        Ok(rows.first().map_or(0, |row| unsigned(row.get(0))))
    }

    fn add_to_tallies(&mut self, deltas: &[(&str, i64)]) -> Result<()> {
        self.writable()?;
        let deltas = sorted_deltas(deltas)?;
        // Added in the flush, whose rows are inserted (and locked) by name.
        self.pending.add_to_tallies(&deltas)
    }

    fn tallies(&mut self, names: &[&str]) -> Result<Vec<i64>> {
        if self.pending.has_tally(names) {
            self.flush_writes(false)?;
        }
        let rows = self.query(r#"SELECT "name", "value" FROM "tallies" WHERE "name" = ANY($1)"#, &[&names])?;
        let found: Vec<(String, i64)> = rows.iter().map(|row| (row.get(0), row.get(1))).collect();
        Ok(names.iter().map(|name| found.iter().find(|(n, _)| n == name).map_or(0, |(_, value)| *value)).collect())
    }

    fn expect_tally(&mut self, name: &str, value: i64) -> Result<()> {
        check_name("tally", name)?;
        self.expected = Some((name.to_string(), value));
        Ok(())
    }

    fn idempotency(&mut self, key: &IdempotencyKey) -> Result<Option<IdempotencyRecord>> {
        if let Some(kept) = self.pending.idempotency(key) {
            return Ok(Some(kept.clone()));
        }
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
        self.pending.put_idempotency(record)
    }

    fn commit(mut self: Box<Self>) -> Result<Receipt> {
        // On failure the transaction drops unfinished and rolls back.
        self.flush_writes(true)?;
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
