//! The storage contract: nineteen methods that know documents, typed stock
//! rows, append-only streams, series, tallies and idempotency records, and
//! nothing of any capability, so that a new aggregate needs no new SQL.
//!
//! The application layer reaches it through the unit of work
//! (`app/unit/`). All three backends implement it:
//! [`crate::storage::memory::MemoryStore`] (typed values, no
//! serialisation), the SQLite store and the PostgreSQL store (JSON text).
//! `storage/CONTRACT.md` describes the tables, the numbering of streams on
//! each backend, the statements a command costs and the copy from the first
//! schema's tables.
//!
//! Rules that hold for every method:
//! - Reads see this transaction's own writes, except stream appends, which
//!   are numbered and become readable at [`Transaction::commit`].
//! - After any error the transaction must be dropped: what the failed call
//!   wrote may or may not be in it, and dropping discards all of it.
//! - Dropping a transaction without committing leaves no trace.
//! - Writes in a transaction begun with [`Access::Read`] are refused with
//!   `storage_error`.

mod checks;
pub mod copy;
mod document;
mod hash;
mod rows;

use std::fmt;

pub use super::Access;
use crate::kernel::error::Result;
use crate::kernel::ids::{IdempotencyKey, Sku};
pub(crate) use checks::*;
pub use document::{Body, Cursor, Document, IndexFilter, Stored, Term, Terms, TypedDocuments};
pub use hash::PayloadHash;
pub use rows::{IdempotencyRecord, Receipt, ResultRef, StockRow, Stream, StreamEntry, StreamRow, WIDTH_MAX};

/// Longest document kind, series name or stream aggregate, in bytes.
pub const NAME_LENGTH_MAX: usize = 64;
/// Longest document key, in bytes.
pub const KEY_LENGTH_MAX: usize = 512;
/// The largest version, position or bucket a backend stores (SQL stores signed 64-bit integers).
pub const NUMBER_MAX: u64 = i64::MAX as u64;

/// A backend of the contract: hands out transactions. Safe to share between threads.
pub trait Store: Send + Sync + fmt::Debug {
    /// Starts a transaction. A write transaction on SQLite or in memory
    /// waits for the other writers; on PostgreSQL writers run side by side
    /// and meet only on the rows they lock (see [`Lock`]).
    fn begin(&self, access: Access) -> Result<Box<dyn Transaction + '_>>;

    /// Statements this store instance has sent through its own statement
    /// wrappers (transaction control included): a count, not a time. 0 for
    /// the memory backend. On SQLite it counts the statements of this
    /// contract only (the older path has its own per-store counter); on
    /// PostgreSQL the one per-store counter counts both paths.
    fn statements_executed(&self) -> u64;

    /// How many schema migrations the store's tables have had: SQLite's
    /// `PRAGMA user_version`, the highest row of PostgreSQL's
    /// `schema_version` table, read when asked; 0 for the memory backend,
    /// which has no tables.
    fn schema_version(&self) -> Result<u64>;
}

/// One unit of work against a [`Store`]. See the module documentation for
/// the rules every method shares.
pub trait Transaction {
    /// The document `key` of `kind`, or `None`. With [`Lock::Update`] the
    /// PostgreSQL row (if present) stays locked until the transaction ends.
    fn get(&mut self, kind: &str, key: &str, lock: Lock) -> Result<Option<Document>>;

    /// Several documents of `kind`, in the order the keys are given (a key
    /// asked twice is answered twice), `None` where absent. One statement on
    /// SQL backends; with [`Lock::Update`] PostgreSQL locks the rows in key
    /// order, so two callers asking for overlapping keys cannot deadlock.
    fn get_many(&mut self, kind: &str, keys: &[&str], lock: Lock) -> Result<Vec<Option<Document>>>;

    /// Writes `doc` as version `doc.version`: inserted when `doc.version` is
    /// 1 and no document `(kind, doc.key)` exists, otherwise replacing the
    /// stored version `doc.version - 1`. Anything else is `conflict` (a
    /// stale or duplicate writer). Its position and index terms are replaced
    /// with the body. `invalid_input` for an empty or too long kind or key,
    /// version 0, or a version or position above [`NUMBER_MAX`].
    fn put(&mut self, kind: &str, doc: &Document) -> Result<()>;

    /// Documents of `kind` matching `filter`, ordered by `(position, key)`,
    /// strictly after `after` (from the start when `None`), at most `limit`.
    /// Each filter shape is served by one SQL index.
    fn scan(&mut self, kind: &str, filter: &IndexFilter, after: Option<&Cursor>, limit: usize)
        -> Result<Vec<Document>>;

    /// Every stock row of the given SKUs (in any order, duplicates allowed),
    /// ordered by `(sku, location)`. With [`Lock::Update`] PostgreSQL locks
    /// them in that order, so concurrent callers cannot deadlock on them.
    fn stock(&mut self, skus: &[&Sku], lock: Lock) -> Result<Vec<StockRow>>;

    /// Writes several stock rows, each under the rule of [`Transaction::put`]
    /// (version 1 inserts an absent row, version `v` replaces `v - 1`,
    /// anything else fails with `conflict`). On SQL backends the rows wait
    /// in the transaction and go with its other writes (a conflict with what
    /// is stored then fails the commit, or the read that sent them).
    /// `invalid_input` for a negative bucket, version 0, or the same
    /// `(sku, location)` twice in one call.
    fn put_stock(&mut self, rows: &[StockRow]) -> Result<()>;

    /// Appends rows to a stream. They are numbered at commit, consecutively
    /// after the stream's last committed number and in the order appended,
    /// each taking [`StreamEntry::width`] numbers, and
    /// the numbers are returned by [`Transaction::commit`] in its
    /// [`Receipt`]. Numbers are gapless and follow commit order: a reader
    /// that has seen row `n` has seen every row below `n`, and no row below
    /// `n` can commit later.
    fn append(&mut self, stream: Stream, rows: &[StreamEntry]) -> Result<()>;

    /// Committed rows of `stream` holding a number above `after` (whose
    /// last number, [`StreamRow::seq`], is above it: a row wider than 1 may
    /// also hold numbers at or below `after`), in order, at most `limit` rows.
    fn read(&mut self, stream: Stream, after: u64, limit: usize) -> Result<Vec<StreamRow>>;

    /// [`Transaction::read`] of the rows about one aggregate only (the
    /// ledger of one SKU at one location, say), served by an index on
    /// `(stream, aggregate, seq)`.
    fn read_aggregate(&mut self, stream: Stream, aggregate: &str, after: u64, limit: usize) -> Result<Vec<StreamRow>>;

    /// The next number of the series `name` (1 for a new series), numbered
    /// as `numbering` says: [`Numbering::Gapless`] is transactional (a
    /// rolled-back transaction gives its number back, and writers of one
    /// series wait for each other until commit); [`Numbering::Unique`]
    /// never makes a writer wait and may leave gaps. One series is always
    /// taken with the same numbering.
    fn next_in_series(&mut self, name: &str, numbering: Numbering) -> Result<u64>;

    /// Adds each delta to its named tally (absent tallies start at 0),
    /// taking the rows' locks in name order; on SQL backends the additions
    /// wait in the transaction and go with its other writes.
    /// A tally is a sum that commands only add to (units sold, shipments
    /// per day), so concurrent writers never conflict on it and none reads
    /// it first. `invalid_input` for a bad name or a name given twice;
    /// `storage_error` when a sum would leave 64 bits.
    fn add_to_tallies(&mut self, deltas: &[(&str, i64)]) -> Result<()>;

    /// The values of named tallies, in the order asked (0 for a tally never added to).
    fn tallies(&mut self, names: &[&str]) -> Result<Vec<i64>>;

    /// Makes [`Transaction::commit`] fail with `conflict` (writing nothing)
    /// unless the tally `name` holds `value` when the transaction commits,
    /// this transaction's own additions included: an optimistic check of a
    /// version the caller read earlier (the catalogue cache's), which SQL
    /// backends fold into a statement commit sends anyway. A later call
    /// replaces an earlier one. `invalid_input` for a bad name.
    fn expect_tally(&mut self, name: &str, value: i64) -> Result<()>;

    /// The record stored under `key`, or `None`. In a write transaction on
    /// PostgreSQL the key is locked first, so a concurrent duplicate waits
    /// here and then finds the first one's record.
    fn idempotency(&mut self, key: &IdempotencyKey) -> Result<Option<IdempotencyRecord>>;

    /// Stores a record; `conflict` if its key already has one.
    fn put_idempotency(&mut self, record: &IdempotencyRecord) -> Result<()>;

    /// Makes every write of the transaction durable and visible, or none of
    /// them. On PostgreSQL a connection lost during `COMMIT` is resolved by
    /// asking the server: `Ok`, `storage_unavailable` (rolled back) or
    /// `storage_outcome_unknown`.
    fn commit(self: Box<Self>) -> Result<Receipt>;
}

/// How a series numbers (see [`Transaction::next_in_series`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// Gapless and transactional: invoice numbers, transfer numbers.
    Gapless,
    /// Unique and never waited for: numbers increase in the order they are
    /// taken (not necessarily in commit order), and a number taken by a
    /// transaction that rolls back is lost. Order numbers: every writer
    /// takes one, and on PostgreSQL a gapless series' row would queue them
    /// all from numbering to commit. PostgreSQL takes them from the
    /// schema's sequence for the series (`order_numbers` for `order`);
    /// memory and SQLite, whose writers wait for each other anyway, number
    /// them as gapless.
    Unique,
}

/// Whether a read takes the rows it returns for update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lock {
    /// A plain read.
    None,
    /// On PostgreSQL the rows are locked (`FOR UPDATE`) until the
    /// transaction ends. SQLite and memory writers are exclusive already.
    Update,
}
