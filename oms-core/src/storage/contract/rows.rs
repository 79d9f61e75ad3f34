//! Stock rows, stream rows and what a commit reports, and the idempotency
//! record: the typed rows of the contract beside its documents.

use std::ops::RangeInclusive;

use super::{Body, PayloadHash};
use crate::kernel::ids::{IdempotencyKey, LocationId, Sku};

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
