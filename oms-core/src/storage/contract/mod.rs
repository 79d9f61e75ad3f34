//! The storage contract: eighteen methods that know documents, typed stock
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

pub mod copy;
mod hash;

use std::any::Any;
use std::fmt;
use std::ops::RangeInclusive;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::Serialize;

pub use super::Access;
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::{IdempotencyKey, LocationId, Sku};
pub use hash::PayloadHash;

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
    /// anything else fails the whole call with `conflict`). One statement
    /// for the replaced rows and one for the inserted rows on SQL backends.
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

    /// Adds each delta to its named tally (absent tallies start at 0), in
    /// one statement on SQL backends, taking the rows' locks in name order.
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

/// A stored document: a body under `(kind, key)` with a version, a position
/// it is listed by, and up to four text index terms.
#[derive(Debug, Clone)]
pub struct Document {
    pub key: String,
    pub version: u64,
    /// The listing order within the kind (for example an order's sequence);
    /// documents with equal positions are listed by key.
    pub position: u64,
    pub terms: Terms,
    pub body: Body,
}

impl Document {
    /// A document at position 0 without index terms.
    pub fn new(key: impl Into<String>, version: u64, body: Body) -> Document {
        Document { key: key.into(), version, position: 0, terms: Terms::default(), body }
    }

    /// A document whose body is the typed `value` (kept as it is in memory,
    /// serialised to JSON by the SQL backends).
    pub fn typed<T: Serialize + Send + Sync + 'static>(key: impl Into<String>, version: u64, value: T) -> Document {
        Document::new(key, version, Body::typed(value))
    }

    /// The same document listed at `position`.
    #[must_use]
    pub fn at(mut self, position: u64) -> Document {
        self.position = position;
        self
    }

    /// The same document with index term `term` set to `value`.
    #[must_use]
    pub fn with(mut self, term: Term, value: impl Into<String>) -> Document {
        self.terms.0[term.slot()] = Some(value.into());
        self
    }

    /// Where a scan that returned this document continues.
    pub fn cursor(&self) -> Cursor {
        Cursor { position: self.position, key: self.key.clone() }
    }
}

/// A document's four optional index terms (`idx_1` .. `idx_4`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Terms(pub [Option<String>; 4]);

impl Terms {
    /// The value of one term.
    pub fn get(&self, term: Term) -> Option<&str> {
        self.0[term.slot()].as_deref()
    }
}

/// One of the four index terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Term {
    First,
    Second,
    Third,
    Fourth,
}

impl Term {
    pub const ALL: [Term; 4] = [Term::First, Term::Second, Term::Third, Term::Fourth];

    /// 0 to 3.
    pub fn slot(self) -> usize {
        match self {
            Term::First => 0,
            Term::Second => 1,
            Term::Third => 2,
            Term::Fourth => 3,
        }
    }

    /// The SQL column holding the term.
    pub fn column(self) -> &'static str {
        ["idx_1", "idx_2", "idx_3", "idx_4"][self.slot()]
    }
}

/// Which documents a [`Transaction::scan`] lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexFilter {
    /// Every document of the kind.
    All,
    /// Those whose term equals the value.
    Equals(Term, String),
}

/// A point in the `(position, key)` order of a kind: a scan continues strictly after it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cursor {
    pub position: u64,
    pub key: String,
}

/// A document body: JSON text, or a typed value that is serialised only
/// when a backend needs text. Cloning is cheap (shared).
#[derive(Clone)]
pub struct Body(Repr);

type Shared = Arc<dyn Any + Send + Sync>;
type Encode = fn(&(dyn Any + Send + Sync)) -> Result<String>;

#[derive(Clone)]
enum Repr {
    Json(Arc<str>),
    Typed { value: Shared, encode: Encode, type_name: &'static str },
}

fn encode_as<T: Serialize + 'static>(value: &(dyn Any + Send + Sync)) -> Result<String> {
    let value = value.downcast_ref::<T>().ok_or_else(|| Error::storage("a typed body holds another type"))?;
    serde_json::to_string(value).map_err(Error::storage)
}

impl Body {
    /// A body of JSON text (not parsed here: it is the writer's promise).
    pub fn json(text: impl Into<Arc<str>>) -> Body {
        Body(Repr::Json(text.into()))
    }

    /// A typed body.
    pub fn typed<T: Serialize + Send + Sync + 'static>(value: T) -> Body {
        Body(Repr::Typed { value: Arc::new(value), encode: encode_as::<T>, type_name: std::any::type_name::<T>() })
    }

    /// The body as JSON text, serialising a typed body.
    pub fn to_json(&self) -> Result<Arc<str>> {
        match &self.0 {
            Repr::Json(text) => Ok(Arc::clone(text)),
            Repr::Typed { value, encode, .. } => encode(value.as_ref()).map(Arc::from),
        }
    }

    /// The value of a typed body of type `T`, without copying; `None` for
    /// JSON text or another type.
    pub fn typed_ref<T: 'static>(&self) -> Option<&T> {
        match &self.0 {
            Repr::Typed { value, .. } => value.downcast_ref::<T>(),
            Repr::Json(_) => None,
        }
    }

    /// The shared value of a typed body of type `T` (no copy); `None` for
    /// JSON text or another type.
    pub fn typed_arc<T: Send + Sync + 'static>(&self) -> Option<Arc<T>> {
        match &self.0 {
            Repr::Typed { value, .. } => Arc::clone(value).downcast::<T>().ok(),
            Repr::Json(_) => None,
        }
    }

    /// The body as a `T`: a clone of a typed body of that type, else decoded
    /// from JSON. `storage_error` when the JSON does not decode.
    pub fn decode<T: DeserializeOwned + Clone + 'static>(&self) -> Result<T> {
        if let Some(value) = self.typed_ref::<T>() {
            return Ok(value.clone());
        }
        let text = self.to_json()?;
        crate::kernel::ids::read_stored(|| serde_json::from_str(&text))
            .map_err(|error| Error::storage(format!("stored document is unreadable: {error}")))
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Json(text) => f.debug_tuple("Json").field(text).finish(),
            Repr::Typed { type_name, .. } => f.debug_tuple("Typed").field(type_name).finish(),
        }
    }
}

/// A document decoded as a `T` by [`TypedDocuments::get_as`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored<T> {
    pub version: u64,
    pub position: u64,
    pub terms: Terms,
    pub value: T,
}

/// Typed access on top of any [`Transaction`].
pub trait TypedDocuments: Transaction {
    /// [`Transaction::get`], decoded as a `T` (no copy of JSON in memory).
    fn get_as<T: DeserializeOwned + Clone + 'static>(
        &mut self,
        kind: &str,
        key: &str,
        lock: Lock,
    ) -> Result<Option<Stored<T>>> {
        let Some(doc) = self.get(kind, key, lock)? else { return Ok(None) };
        let value = doc.body.decode()?;
        Ok(Some(Stored { version: doc.version, position: doc.position, terms: doc.terms, value }))
    }

    /// [`Transaction::put`] of a typed value at position 0 without index terms;
    /// build a [`Document::typed`] for the others.
    fn put_as<T: Serialize + Send + Sync + 'static>(
        &mut self,
        kind: &str,
        key: &str,
        version: u64,
        value: T,
    ) -> Result<()> {
        self.put(kind, &Document::typed(key, version, value))
    }
}

impl<X: Transaction + ?Sized> TypedDocuments for X {}

/// The stock of one SKU at one location, in buckets of units.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StockRow {
    pub sku: Sku,
    pub location: LocationId,
    pub on_hand: i64,
    pub allocated: i64,
    /// Units reserved by checkouts (the older tables call them held).
    pub reserved: i64,
    pub quarantined: i64,
    pub incoming: i64,
    pub version: u64,
}

impl StockRow {
    /// An empty row at version 1.
    pub fn new(sku: Sku, location: LocationId) -> StockRow {
        StockRow { sku, location, on_hand: 0, allocated: 0, reserved: 0, quarantined: 0, incoming: 0, version: 1 }
    }

    /// The buckets in column order.
    pub fn buckets(&self) -> [i64; 5] {
        [self.on_hand, self.allocated, self.reserved, self.quarantined, self.incoming]
    }
}

/// An append-only stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stream {
    /// Every stock movement.
    Ledger,
    /// Domain events for other systems: one row per command holding all its events.
    Outbox,
    /// Accounting entries (reserved for the journal capability).
    Journal,
}

impl Stream {
    pub const ALL: [Stream; 3] = [Stream::Ledger, Stream::Outbox, Stream::Journal];

    /// The stream's name in the `streams` table.
    pub fn as_str(self) -> &'static str {
        match self {
            Stream::Ledger => "ledger",
            Stream::Outbox => "outbox",
            Stream::Journal => "journal",
        }
    }
}

/// Most numbers one stream row may take.
pub const WIDTH_MAX: u64 = 1 << 20;

/// A row to append: the aggregate it is about, its JSON (or typed) body,
/// and how many consecutive numbers of the stream it takes (its width, 1
/// unless set: an outbox row holding a command's three events takes three).
#[derive(Debug, Clone)]
pub struct StreamEntry {
    pub aggregate: String,
    pub body: Body,
    pub width: u64,
}

impl StreamEntry {
    /// A row taking one number.
    pub fn new(aggregate: impl Into<String>, body: Body) -> StreamEntry {
        StreamEntry { aggregate: aggregate.into(), body, width: 1 }
    }

    /// The same row taking `width` consecutive numbers (1 to [`WIDTH_MAX`]).
    #[must_use]
    pub fn spanning(mut self, width: u64) -> StreamEntry {
        self.width = width;
        self
    }
}

/// A committed stream row. `seq` is the **last** number it took: a row of
/// width `w` holds `seq - w + 1 ..= seq`, the row before it ends at
/// `seq - w`. Stores keep only `seq`; a writer that appends wider rows
/// records in the body what a reader needs to tell the numbers apart (the
/// outbox body lists its events, one number each).
#[derive(Debug, Clone)]
pub struct StreamRow {
    pub seq: u64,
    pub aggregate: String,
    pub body: Body,
}

/// What a commit assigned: per stream appended to, the numbers of its rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Receipt {
    /// `(stream, first, last)`, one entry per stream, in [`Stream`] order.
    pub appended: Vec<(Stream, u64, u64)>,
}

impl Receipt {
    /// The numbers the commit gave the rows appended to `stream`, in append order.
    pub fn numbers(&self, stream: Stream) -> Option<RangeInclusive<u64>> {
        self.appended.iter().find(|(s, _, _)| *s == stream).map(|(_, first, last)| *first..=*last)
    }
}

/// The document a command's result is: kind and key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ResultRef {
    pub kind: String,
    pub key: String,
}

/// The outcome of a command run under an idempotency key: which command,
/// a hash of its canonical payload (compared on replay) and a reference to
/// the document its result is (`None` for a command whose result is no document).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyRecord {
    pub key: IdempotencyKey,
    pub command: String,
    pub payload_hash: PayloadHash,
    pub result: Option<ResultRef>,
}

// Checks shared by the backends, so that all three refuse the same input the same way.

pub(crate) fn check_name(field: &str, name: &str) -> Result<()> {
    if name.is_empty() || name.len() > NAME_LENGTH_MAX {
        return Err(Error::invalid_input(field, format!("must be 1 to {NAME_LENGTH_MAX} bytes")));
    }
    Ok(())
}

pub(crate) fn check_number(field: &str, value: u64) -> Result<()> {
    if value > NUMBER_MAX {
        return Err(Error::invalid_input(field, format!("must be at most {NUMBER_MAX}")));
    }
    Ok(())
}

pub(crate) fn check_document(kind: &str, doc: &Document) -> Result<()> {
    check_name("kind", kind)?;
    if doc.key.is_empty() || doc.key.len() > KEY_LENGTH_MAX {
        return Err(Error::invalid_input("key", format!("must be 1 to {KEY_LENGTH_MAX} bytes")));
    }
    if doc.version == 0 {
        return Err(Error::invalid_input("version", "starts at 1"));
    }
    check_number("version", doc.version)?;
    check_number("position", doc.position)
}

pub(crate) fn check_stock_rows(rows: &[StockRow]) -> Result<()> {
    let mut pairs = std::collections::HashSet::new();
    for (n, row) in rows.iter().enumerate() {
        if row.version == 0 {
            return Err(Error::invalid_input("version", "starts at 1"));
        }
        check_number("version", row.version)?;
        if row.buckets().iter().any(|units| *units < 0) {
            return Err(Error::invalid_input("stock", format!("{}/{}: a bucket is negative", row.sku, row.location)));
        }
        // A short list is compared pair by pair; a long one through a set.
        let twice = if rows.len() <= 16 {
            rows[..n].iter().any(|before| before.sku == row.sku && before.location == row.location)
        } else {
            !pairs.insert((&row.sku, &row.location))
        };
        if twice {
            return Err(Error::invalid_input("stock", format!("{}/{} is written twice", row.sku, row.location)));
        }
    }
    Ok(())
}

pub(crate) fn check_entries(rows: &[StreamEntry]) -> Result<()> {
    if rows.iter().any(|row| row.aggregate.len() > KEY_LENGTH_MAX) {
        return Err(Error::invalid_input("aggregate", format!("must be at most {KEY_LENGTH_MAX} bytes")));
    }
    if rows.iter().any(|row| row.width == 0 || row.width > WIDTH_MAX) {
        return Err(Error::invalid_input("width", format!("must be 1 to {WIDTH_MAX}")));
    }
    Ok(())
}

pub(crate) fn check_record(record: &IdempotencyRecord) -> Result<()> {
    check_name("command", &record.command)?;
    if let Some(result) = &record.result {
        check_name("result kind", &result.kind)?;
        if result.key.is_empty() || result.key.len() > KEY_LENGTH_MAX {
            return Err(Error::invalid_input("result key", format!("must be 1 to {KEY_LENGTH_MAX} bytes")));
        }
    }
    Ok(())
}

/// Deltas sorted by name (the order tally rows are locked in); a name twice is `invalid_input`.
pub(crate) fn sorted_deltas<'a>(deltas: &[(&'a str, i64)]) -> Result<Vec<(&'a str, i64)>> {
    let mut sorted = deltas.to_vec();
    sorted.sort();
    for pair in sorted.windows(2) {
        if pair[0].0 == pair[1].0 {
            return Err(Error::invalid_input("tally", format!("{} is given twice", pair[0].0)));
        }
    }
    for (name, _) in &sorted {
        check_name("tally", name)?;
    }
    Ok(sorted)
}

/// The `conflict` of a commit whose expected tally moved (see [`Transaction::expect_tally`]).
pub(crate) fn tally_moved(name: &str, expected: i64, held: i64) -> Error {
    Error::Conflict { message: format!("tally {name} is {held}, not the {expected} this transaction read") }
}

pub(crate) fn read_only() -> Error {
    Error::storage("a read transaction cannot write")
}

/// SKUs sorted and without duplicates: the order rows are read and locked in.
pub(crate) fn sorted_skus<'a>(skus: &[&'a Sku]) -> Vec<&'a Sku> {
    let mut sorted = skus.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted
}

/// `documents` answered for `keys`, in the order asked.
pub(crate) fn in_order_asked(keys: &[&str], documents: Vec<Document>) -> Vec<Option<Document>> {
    let found: std::collections::HashMap<String, Document> =
        documents.into_iter().map(|doc| (doc.key.clone(), doc)).collect();
    keys.iter().map(|key| found.get(*key).cloned()).collect()
}

/// Groups appended rows by stream (in [`Stream`] order), each keeping its append order.
pub(crate) fn by_stream(appends: Vec<(Stream, StreamEntry)>) -> Vec<(Stream, Vec<StreamEntry>)> {
    let mut grouped: Vec<(Stream, Vec<StreamEntry>)> = Vec::new();
    for (stream, entry) in appends {
        match grouped.iter_mut().find(|(s, _)| *s == stream) {
            Some((_, entries)) => entries.push(entry),
            None => grouped.push((stream, vec![entry])),
        }
    }
    grouped.sort_by_key(|(stream, _)| *stream);
    grouped
}

pub(crate) fn signed(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

pub(crate) fn unsigned(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}
