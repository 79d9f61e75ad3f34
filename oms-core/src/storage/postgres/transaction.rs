//! The storage contract's transaction on PostgreSQL: the tables of
//! migration 3 (see `schema.rs`), through the store's pool,
//! prepared-statement cache, statement counter, error mapping and
//! commit-outcome resolution.
//!
//! Writers run side by side at READ COMMITTED and meet only on what they
//! lock: rows read with [`Lock::Update`] (documents and stock rows, taken in
//! key order), the rows their writes touch, a gapless series' row while its
//! number is in use, an idempotency key, and, for the last moments of a
//! commit, the heads of the streams they append to (see `streams.rs`).
//!
//! This file holds the transaction itself (what it keeps, `begin`, the
//! rollback when it is dropped, `commit` and what a lost `COMMIT` becomes),
//! the statement wrappers every concern shares, the flush of the writes
//! that wait, and the contract's [`Transaction`] implementation, whose
//! methods hand off to the file of their concern: `documents.rs`,
//! `stock.rs`, `streams.rs` and `records.rs` (series, tallies, idempotency
//! records). Every statement goes through
//! [`PostgresTransaction::statement`], which counts it
//! ([`Store::statements_executed`]); every write asks
//! [`PostgresTransaction::writable`] first.
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

use postgres::types::ToSql;
use postgres::{Client, Row, Statement};

use super::errors::{lost_connection, pg_error};
use super::pending::{check_written, take, FLUSH};
use super::{Connection, PostgresStore};
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::{IdempotencyKey, Sku};
use crate::storage::contract::{
    read_only, tally_moved, Access, Cursor, Document, IdempotencyRecord, IndexFilter, Lock, Numbering, Receipt,
    StockRow, Store, Stream, StreamEntry, StreamRow, Transaction,
};
use crate::storage::pending::Pending;

impl Store for PostgresStore {
    fn begin(&self, access: Access) -> Result<Box<dyn Transaction + '_>> {
        self.count_statement();
        let connection = self.begun()?;
        Ok(Box::new(PostgresTransaction {
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

    fn schema_version(&self) -> Result<u64> {
        self.read_schema_version()
    }
}

pub(super) struct PostgresTransaction<'a> {
    store: &'a PostgresStore,
    connection: Option<Connection>,
    pub(super) write: bool,
    /// Rows appended, numbered and inserted at commit.
    pub(super) appends: Vec<(Stream, StreamEntry)>,
    /// Writes not yet sent (see `pending.rs`).
    pub(super) pending: Pending,
    /// The tally value commit checks (see [`Transaction::expect_tally`]).
    pub(super) expected: Option<(String, i64)>,
    /// The server's id of this transaction, learnt before `COMMIT` (see `outcome.rs`).
    pub(super) txid: Option<i64>,
    finished: bool,
}

impl Drop for PostgresTransaction<'_> {
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

impl PostgresTransaction<'_> {
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

    pub(super) fn query(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>> {
        let (client, statement) = self.statement(sql)?;
        client.query(&statement, params).map_err(pg_error)
    }

    pub(super) fn execute(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<u64> {
        let (client, statement) = self.statement(sql)?;
        client.execute(&statement, params).map_err(pg_error)
    }

    pub(super) fn writable(&self) -> Result<()> {
        if self.write {
            Ok(())
        } else {
            Err(read_only())
        }
    }

    /// Sends the writes that wait in one statement (see `pending.rs`); at
    /// commit (`at_commit`) it also checks the expected tally.
    pub(super) fn flush_writes(&mut self, at_commit: bool) -> Result<()> {
        let expected = if at_commit { self.expected.take() } else { None };
        if self.pending.is_empty() && expected.is_none() {
            return Ok(());
        }
        let (values, counts) = take(&mut self.pending)?;
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
}

pub(super) fn for_update(lock: Lock) -> &'static str {
    match lock {
        Lock::None => "",
        Lock::Update => " FOR UPDATE",
    }
}

/// Each method hands off to the file of its concern.
impl Transaction for PostgresTransaction<'_> {
    fn get(&mut self, kind: &str, key: &str, lock: Lock) -> Result<Option<Document>> {
        self.get_document(kind, key, lock)
    }

    fn get_many(&mut self, kind: &str, keys: &[&str], lock: Lock) -> Result<Vec<Option<Document>>> {
        self.get_documents(kind, keys, lock)
    }

    fn put(&mut self, kind: &str, doc: &Document) -> Result<()> {
        self.put_document(kind, doc)
    }

    fn scan(&mut self, kind: &str, index: &IndexFilter, after: Option<&Cursor>, limit: usize) -> Result<Vec<Document>> {
        self.scan_documents(kind, index, after, limit)
    }

    fn stock(&mut self, skus: &[&Sku], lock: Lock) -> Result<Vec<StockRow>> {
        self.read_stock(skus, lock)
    }

    fn put_stock(&mut self, rows: &[StockRow]) -> Result<()> {
        self.put_stock_rows(rows)
    }

    fn append(&mut self, stream: Stream, rows: &[StreamEntry]) -> Result<()> {
        self.append_rows(stream, rows)
    }

    fn read(&mut self, stream: Stream, after: u64, limit: usize) -> Result<Vec<StreamRow>> {
        self.read_rows(stream, after, limit)
    }

    fn read_aggregate(&mut self, stream: Stream, aggregate: &str, after: u64, limit: usize) -> Result<Vec<StreamRow>> {
        self.read_aggregate_rows(stream, aggregate, after, limit)
    }

    fn next_in_series(&mut self, name: &str, numbering: Numbering) -> Result<u64> {
        self.next_number(name, numbering)
    }

    fn add_to_tallies(&mut self, deltas: &[(&str, i64)]) -> Result<()> {
        self.add_tallies(deltas)
    }

    fn tallies(&mut self, names: &[&str]) -> Result<Vec<i64>> {
        self.read_tallies(names)
    }

    fn expect_tally(&mut self, name: &str, value: i64) -> Result<()> {
        self.expect_tally_at_commit(name, value)
    }

    fn idempotency(&mut self, key: &IdempotencyKey) -> Result<Option<IdempotencyRecord>> {
        self.read_record(key)
    }

    fn put_idempotency(&mut self, record: &IdempotencyRecord) -> Result<()> {
        self.put_record(record)
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
