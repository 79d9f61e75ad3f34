//! Writes a SQL transaction keeps until it needs them stored: documents,
//! stock rows, tally additions and idempotency records wait here and go to
//! the database together, when the transaction commits or when a read must
//! see them. PostgreSQL sends them in one statement of data-modifying CTEs
//! (`postgres/pending.rs`); SQLite, which writes one table per statement,
//! sends one statement per table (`sqlite/flush.rs`).
//!
//! A write that waits here is checked at once against what the
//! transaction itself wrote (a second write of a waiting document must
//! follow its version), and against storage when it is flushed: every
//! inserted row must be new and every replaced row must still be at the
//! version it replaces, or the flush is `conflict` and the transaction is
//! dropped. Reads of a waiting document are answered from here; a scan of
//! its kind or a read of a waiting stock row's SKU flushes first.

use std::collections::{BTreeMap, HashMap};

use crate::kernel::error::{Error, Result};
use crate::storage::contract::{Document, IdempotencyRecord, StockRow};
use crate::storage::version_conflict;

/// Up to this many waiting documents (or stock rows) are found by a scan,
/// which builds no key; beyond it, through a map by key.
const SCANNED: usize = 16;

/// What waits, in the order it was first written.
#[derive(Default)]
pub(crate) struct Pending {
    /// Documents, each with the version stored before this transaction wrote it (`None`: absent).
    documents: Vec<(String, Document, Option<u64>)>,
    /// Where each document is, by (kind, key), once more than [`SCANNED`] wait.
    document_at: HashMap<(String, String), usize>,
    /// Stock rows, each with the version stored before (`None`: absent).
    stock: Vec<(StockRow, Option<u64>)>,
    /// Where each stock row is, by (SKU, location), once more than [`SCANNED`] wait.
    stock_at: HashMap<(String, String), usize>,
    /// Tally additions by name (sorted, the order their rows are locked in).
    tallies: BTreeMap<String, i64>,
    idempotency: Vec<IdempotencyRecord>,
}

/// Everything that waited, taken out of a [`Pending`] to be written.
#[derive(Default)]
pub(crate) struct Drained {
    /// Documents by kind, each with the version stored before this transaction wrote it (`None`: absent).
    pub(crate) documents: Vec<(String, Document, Option<u64>)>,
    /// Stock rows, each with the version stored before (`None`: absent).
    pub(crate) stock: Vec<(StockRow, Option<u64>)>,
    /// Tally additions, sorted by name.
    pub(crate) tallies: Vec<(String, i64)>,
    pub(crate) idempotency: Vec<IdempotencyRecord>,
}

impl Pending {
    pub(crate) fn is_empty(&self) -> bool {
        self.documents.is_empty() && self.stock.is_empty() && self.tallies.is_empty() && self.idempotency.is_empty()
    }

    /// Keeps a document write; `conflict` at once if it does not follow this transaction's own write of it.
    pub(crate) fn put(&mut self, kind: &str, doc: &Document) -> Result<()> {
        if let Some(at) = self.document_slot(kind, &doc.key) {
            let waiting = &mut self.documents[at];
            if waiting.1.version + 1 != doc.version {
                return Err(version_conflict(kind, &doc.key, waiting.1.version, doc.version));
            }
            waiting.1 = doc.clone();
            return Ok(());
        }
        let before = doc.version.checked_sub(1).filter(|version| *version > 0);
        self.documents.push((kind.to_string(), doc.clone(), before));
        match self.documents.len() {
            n if n <= SCANNED => {}
            n if n == SCANNED + 1 => {
                let slots = self.documents.iter().enumerate().map(|(at, (k, d, _))| ((k.clone(), d.key.clone()), at));
                self.document_at = slots.collect();
            }
            n => {
                self.document_at.insert((kind.to_string(), doc.key.clone()), n - 1);
            }
        }
        Ok(())
    }

    fn document_slot(&self, kind: &str, key: &str) -> Option<usize> {
        if self.documents.len() <= SCANNED {
            return self.documents.iter().position(|(k, d, _)| k == kind && d.key == key);
        }
        self.document_at.get(&(kind.to_string(), key.to_string())).copied()
    }

    /// The waiting write of `(kind, key)`, if any.
    pub(crate) fn document(&self, kind: &str, key: &str) -> Option<&Document> {
        self.document_slot(kind, key).map(|at| &self.documents[at].1)
    }

    pub(crate) fn has_kind(&self, kind: &str) -> bool {
        self.documents.iter().any(|(k, _, _)| k == kind)
    }

    fn stock_slot(&self, row: &StockRow) -> Option<usize> {
        if self.stock.len() <= SCANNED {
            return self.stock.iter().position(|(r, _)| r.sku == row.sku && r.location == row.location);
        }
        self.stock_at.get(&(row.sku.to_string(), row.location.to_string())).copied()
    }

    /// Keeps stock writes (each row checked as [`Pending::put`] checks a document).
    pub(crate) fn put_stock(&mut self, rows: &[StockRow]) -> Result<()> {
        for row in rows {
            if let Some(at) = self.stock_slot(row) {
                let waiting = &self.stock[at].0;
                if waiting.version + 1 != row.version {
                    let key = format!("{}/{}", row.sku, row.location);
                    return Err(version_conflict("stock", &key, waiting.version, row.version));
                }
            }
        }
        for row in rows {
            if let Some(at) = self.stock_slot(row) {
                self.stock[at].0 = row.clone();
                continue;
            }
            let before = row.version.checked_sub(1).filter(|version| *version > 0);
            self.stock.push((row.clone(), before));
            match self.stock.len() {
                n if n <= SCANNED => {}
                n if n == SCANNED + 1 => {
                    let slots = self.stock.iter().enumerate();
                    self.stock_at =
                        slots.map(|(at, (r, _))| ((r.sku.to_string(), r.location.to_string()), at)).collect();
                }
                n => {
                    self.stock_at.insert((row.sku.to_string(), row.location.to_string()), n - 1);
                }
            }
        }
        Ok(())
    }

    pub(crate) fn has_stock_of(&self, skus: &[&str]) -> bool {
        self.stock.iter().any(|(row, _)| skus.contains(&row.sku.as_str()))
    }

    /// Adds to the waiting sums (`storage_error` if a sum of this transaction alone leaves 64 bits).
    pub(crate) fn add_to_tallies(&mut self, deltas: &[(&str, i64)]) -> Result<()> {
        let mut sums = Vec::with_capacity(deltas.len());
        for (name, delta) in deltas {
            let before = self.tallies.get(*name).copied().unwrap_or(0);
            let sum = before.checked_add(*delta).ok_or_else(|| Error::storage(format!("tally {name} overflows")))?;
            sums.push((*name, sum));
        }
        for (name, sum) in sums {
            self.tallies.insert(name.to_string(), sum);
        }
        Ok(())
    }

    pub(crate) fn has_tally(&self, names: &[&str]) -> bool {
        names.iter().any(|name| self.tallies.contains_key(*name))
    }

    /// Keeps an idempotency record; `conflict` at once if this transaction already keeps one for its key.
    pub(crate) fn put_idempotency(&mut self, record: &IdempotencyRecord) -> Result<()> {
        if self.idempotency.iter().any(|kept| kept.key == record.key) {
            return Err(Error::Conflict { message: format!("idempotency key {} is already recorded", record.key) });
        }
        self.idempotency.push(record.clone());
        Ok(())
    }

    pub(crate) fn idempotency(&self, key: &crate::kernel::ids::IdempotencyKey) -> Option<&IdempotencyRecord> {
        self.idempotency.iter().find(|kept| &kept.key == key)
    }

    /// The waiting sum of a tally (0 when none waits).
    pub(crate) fn tally(&self, name: &str) -> i64 {
        self.tallies.get(name).copied().unwrap_or(0)
    }

    /// Takes everything that waits, leaving nothing.
    pub(crate) fn drain(&mut self) -> Drained {
        self.document_at.clear();
        self.stock_at.clear();
        Drained {
            documents: std::mem::take(&mut self.documents),
            stock: std::mem::take(&mut self.stock),
            tallies: std::mem::take(&mut self.tallies).into_iter().collect(),
            idempotency: std::mem::take(&mut self.idempotency),
        }
    }
}
