//! The storage contract's transaction on SQLite: the tables of migration 4
//! (see `schema.rs`), written through the store's one connection. A write
//! transaction is `BEGIN IMMEDIATE`, so it is the only writer of the file
//! until it ends; that makes [`Lock::Update`] needless here and lets streams
//! be numbered at commit with `MAX(seq) + n`: no other writer can number
//! between the read and the insert, and rows become visible in number order
//! (see `streams.rs`).
//!
//! This file holds the transaction itself (what it keeps, `begin`, the
//! rollback when it is dropped, `commit`), the statement wrappers every
//! concern shares, and the contract's [`Transaction`] implementation, whose
//! methods hand off to the file of their concern: `documents.rs`,
//! `stock.rs`, `streams.rs` and `records.rs` (series, tallies, idempotency
//! records), with `flush.rs` writing at commit what waits (stock rows, tally
//! additions and series numbers, one statement: SQLite keeps them in one
//! table). Every statement goes through [`SqliteTransaction::prepared`]
//! or [`SqliteTransaction::execute_rows`], which count it
//! ([`Store::statements_executed`]); every write asks
//! [`SqliteTransaction::writable`] first.
//!
//! Keys to look up (documents, SKUs) travel as one JSON array parameter
//! read with `json_each`, so a read has one text (and one cached prepared
//! statement) whatever the number of keys; rows to write (stock rows, stream
//! rows, tally additions) travel as bound values, a text per row count up to
//! a small number of rows. A stock read of up to sixteen SKUs binds them
//! one by one instead (see `stock.rs`).
//!
//! Under group commit (`group_commit=N`) a write transaction joins the open
//! batch as the older path's do (see `connection.rs`): it runs in a
//! savepoint of the batch's one `BEGIN IMMEDIATE` transaction, still the
//! file's only writer while it holds the connection, so what it reads and
//! numbers there (stream numbers, stock versions) is what its batch commits.
//! A read transaction settles the open batch first.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{MutexGuard, OnceLock};

use rusqlite::{CachedStatement, Connection};

use super::{sql_error, Shared, SqliteStore};
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::{IdempotencyKey, Sku};
use crate::storage::contract::{
    read_only, Access, Cursor, Document, IdempotencyRecord, IndexFilter, Lock, Numbering, Receipt, StockRow, Store,
    Stream, StreamEntry, StreamRow, Transaction,
};
use crate::storage::pending::Pending;

/// Appends of up to this many rows keep their prepared statement (one text per row count).
pub(super) const CACHED_APPEND_ROWS: usize = 16;

impl Store for SqliteStore {
    fn begin(&self, access: Access) -> Result<Box<dyn Transaction + '_>> {
        let mut shared = self.lock();
        let grouped = self.start(&mut shared, access)?;
        Ok(Box::new(SqliteTransaction {
            store: self,
            slot: Some(shared),
            write: access == Access::Write,
            grouped,
            finished: false,
            appends: Vec::new(),
            lasts: None,
            series: Vec::new(),
            all_series: false,
            stock_versions: HashMap::new(),
            pending: Pending::default(),
            expected: None,
        }))
    }

    fn statements_executed(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    fn schema_version(&self) -> Result<u64> {
        let shared = self.lock();
        self.statements.fetch_add(1, Ordering::Relaxed);
        super::schema::schema_version(&shared.connection)
    }
}

pub(super) struct SqliteTransaction<'a> {
    pub(super) store: &'a SqliteStore,
    /// Always `Some` until the transaction ends.
    slot: Option<MutexGuard<'a, Shared>>,
    pub(super) write: bool,
    /// Part of a group-commit batch (inside a savepoint).
    grouped: bool,
    finished: bool,
    /// Rows appended, numbered and inserted at commit.
    pub(super) appends: Vec<(Stream, StreamEntry)>,
    /// The last number of each stream (in [`Stream::ALL`] order), when a
    /// stock read of this write transaction learnt them on the way (see
    /// [`SqliteTransaction::read_stock`]): nobody else writes until it ends, so they
    /// stay the last, and commit need not read them again. Read in the open
    /// transaction, so in a group-commit batch they count the rows of the
    /// commands before it; learnt anew by each command.
    pub(super) lasts: Option<[i64; 3]>,
    /// The series this write transaction knows the stored number of, learnt
    /// by its first stock read (every series) or by a read of one: nobody
    /// else writes until it ends, so it numbers from them without a
    /// statement, and the flush adds what it took (see `records.rs`).
    pub(super) series: Vec<Series>,
    /// Whether [`SqliteTransaction::series`] holds every stored series (a
    /// stock read learnt them all): one it lacks is then a new series.
    pub(super) all_series: bool,
    /// In a write transaction, the version of each stock row read or
    /// written in it, by (SKU, location): nobody else writes until it ends,
    /// so these are the stored versions (see `flush.rs`).
    pub(super) stock_versions: HashMap<String, Vec<(String, u64)>>,
    /// Stock rows and tally additions that wait for the flush (see `flush.rs`).
    pub(super) pending: Pending,
    /// The tally value commit checks (see [`Transaction::expect_tally`]).
    pub(super) expected: Option<(String, i64)>,
}

impl Drop for SqliteTransaction<'_> {
    fn drop(&mut self) {
        let Some(shared) = self.slot.take() else { return };
        if !self.finished {
            // Rolled back, or (grouped) only this command undone and its batch left to settle.
            self.store.abandon(shared, self.grouped);
        }
    }
}

/// A series as this transaction knows it: the number stored when it was
/// learnt and the last number it has taken since.
pub(super) struct Series {
    pub(super) name: String,
    pub(super) stored: i64,
    pub(super) taken: i64,
}

/// Statement texts for 0 to [`CACHED_APPEND_ROWS`] rows, built once per
/// process (a text per row count, each a cached prepared statement).
pub(super) struct Texts {
    built: OnceLock<Vec<String>>,
    build: fn(usize) -> String,
}

impl Texts {
    pub(super) const fn new(build: fn(usize) -> String) -> Texts {
        Texts { built: OnceLock::new(), build }
    }

    pub(super) fn of(&'static self, rows: usize) -> Cow<'static, str> {
        match self.built.get_or_init(|| (0..=CACHED_APPEND_ROWS).map(self.build).collect()).get(rows) {
            Some(text) => Cow::Borrowed(text.as_str()),
            None => Cow::Owned((self.build)(rows)),
        }
    }
}

/// `n` rows of `width` placeholders: `(?, ?), (?, ?)`.
pub(super) fn rows_of(width: usize, n: usize) -> String {
    let row = format!("({})", vec!["?"; width].join(", "));
    vec![row; n].join(", ")
}

pub(super) fn json_text(value: &impl serde::Serialize) -> Result<String> {
    serde_json::to_string(value).map_err(Error::storage)
}

impl SqliteTransaction<'_> {
    pub(super) fn conn(&self) -> Result<&Connection> {
        self.slot.as_ref().map(|shared| &shared.connection).ok_or_else(|| Error::storage("the transaction has ended"))
    }

    /// The cached prepared statement for `sql`, counted as one statement sent.
    pub(super) fn prepared(&self, sql: &str) -> Result<CachedStatement<'_>> {
        self.store.statements.fetch_add(1, Ordering::Relaxed);
        self.conn()?.prepare_cached(sql).map_err(sql_error)
    }

    pub(super) fn writable(&self) -> Result<()> {
        if self.write {
            Ok(())
        } else {
            Err(read_only())
        }
    }

    /// Runs a statement of `rows` bound rows: cached when short, prepared once otherwise
    /// (a long statement's text is used rarely). Returns the rows changed.
    pub(super) fn execute_rows(&self, sql: &str, rows: usize, values: &[&dyn rusqlite::ToSql]) -> Result<usize> {
        let params = values;
        if rows <= CACHED_APPEND_ROWS {
            self.prepared(sql)?.execute(params).map_err(sql_error)
        } else {
            self.store.statements.fetch_add(1, Ordering::Relaxed);
            self.conn()?.prepare(sql).and_then(|mut one| one.execute(params)).map_err(sql_error)
        }
    }
}

/// Each method hands off to the file of its concern.
impl Transaction for SqliteTransaction<'_> {
    fn get(&mut self, kind: &str, key: &str, _lock: Lock) -> Result<Option<Document>> {
        self.get_document(kind, key)
    }

    fn get_many(&mut self, kind: &str, keys: &[&str], _lock: Lock) -> Result<Vec<Option<Document>>> {
        self.get_documents(kind, keys)
    }

    fn put(&mut self, kind: &str, doc: &Document) -> Result<()> {
        self.put_document(kind, doc)
    }

    fn scan(&mut self, kind: &str, index: &IndexFilter, after: Option<&Cursor>, limit: usize) -> Result<Vec<Document>> {
        self.scan_documents(kind, index, after, limit)
    }

    fn stock(&mut self, skus: &[&Sku], _lock: Lock) -> Result<Vec<StockRow>> {
        self.read_stock(skus)
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

    fn next_in_series(&mut self, name: &str, _numbering: Numbering) -> Result<u64> {
        self.next_number(name)
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
        // On failure the transaction drops unfinished and rolls back (grouped: its savepoint).
        self.flush_writes()?;
        let receipt = self.flush_appends()?;
        // COMMIT, or RELEASE into the batch and wait until the batch is durable.
        self.finished = true;
        let shared = self.slot.take().ok_or_else(|| Error::storage("the transaction has ended"))?;
        self.store.end(shared, self.grouped)?;
        Ok(receipt)
    }
}
