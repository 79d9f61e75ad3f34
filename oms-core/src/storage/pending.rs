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

/// Where each waiting record of one sort is, by its two-part key
/// ((kind, key) or (SKU, location)): found by a scan while at most
/// [`SCANNED`] wait, through a map once more do.
#[derive(Default)]
struct Slots {
    at: HashMap<(String, String), usize>,
}

impl Slots {
    fn find<T>(&self, items: &[T], key: impl Fn(&T) -> (&str, &str), wanted: (&str, &str)) -> Option<usize> {
        if items.len() <= SCANNED {
            return items.iter().position(|item| key(item) == wanted);
        }
        self.at.get(&(wanted.0.to_string(), wanted.1.to_string())).copied()
    }

    /// After a record was pushed onto `items`: the map is built when the
    /// scan stops sufficing, and kept up to date after that.
    fn pushed<T>(&mut self, items: &[T], key: impl Fn(&T) -> (&str, &str)) {
        let owned = |item: &T| {
            let (first, second) = key(item);
            (first.to_string(), second.to_string())
        };
        match items.len() {
            n if n <= SCANNED => {}
            n if n == SCANNED + 1 => self.at = items.iter().enumerate().map(|(at, item)| (owned(item), at)).collect(),
            n => {
                self.at.insert(owned(&items[n - 1]), n - 1);
            }
        }
    }
}

fn document_key(waiting: &(String, Document, Option<u64>)) -> (&str, &str) {
    (&waiting.0, &waiting.1.key)
}

fn stock_key(waiting: &(StockRow, Option<u64>)) -> (&str, &str) {
    (waiting.0.sku.as_str(), waiting.0.location.as_str())
}

/// What waits, in the order it was first written.
#[derive(Default)]
pub(crate) struct Pending {
    /// Documents, each with the version stored before this transaction wrote it (`None`: absent).
    documents: Vec<(String, Document, Option<u64>)>,
    document_at: Slots,
    /// Stock rows, each with the version stored before (`None`: absent).
    stock: Vec<(StockRow, Option<u64>)>,
    stock_at: Slots,
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
        self.document_at.pushed(&self.documents, document_key);
        Ok(())
    }

    fn document_slot(&self, kind: &str, key: &str) -> Option<usize> {
        self.document_at.find(&self.documents, document_key, (kind, key))
    }

    /// The waiting write of `(kind, key)`, if any.
    pub(crate) fn document(&self, kind: &str, key: &str) -> Option<&Document> {
        self.document_slot(kind, key).map(|at| &self.documents[at].1)
    }

    pub(crate) fn has_kind(&self, kind: &str) -> bool {
        self.documents.iter().any(|(k, _, _)| k == kind)
    }

    fn stock_slot(&self, row: &StockRow) -> Option<usize> {
        self.stock_at.find(&self.stock, stock_key, (row.sku.as_str(), row.location.as_str()))
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
            self.stock_at.pushed(&self.stock, stock_key);
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
        self.document_at = Slots::default();
        self.stock_at = Slots::default();
        Drained {
            documents: std::mem::take(&mut self.documents),
            stock: std::mem::take(&mut self.stock),
            tallies: std::mem::take(&mut self.tallies).into_iter().collect(),
            idempotency: std::mem::take(&mut self.idempotency),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::{Pending, SCANNED};
    use crate::kernel::ids::{LocationId, Sku};
    use crate::storage::contract::{Body, Document, StockRow};

    /// Every waiting record is found, and a second write checked against the
    /// first, on both sides of the point where the scan gives way to the map.
    #[test]
    fn waiting_records_are_found_past_the_scan() {
        let mut pending = Pending::default();
        let count = 2 * SCANNED + 3;
        for n in 0..count {
            pending
                .put(if n % 2 == 0 { "order" } else { "note" }, &Document::new(format!("k{n}"), 1, Body::json("1")))
                .unwrap();
            let row = StockRow::new(Sku::new(format!("S{n}")).unwrap(), LocationId::new("L").unwrap());
            pending.put_stock(&[row]).unwrap();
            for m in 0..=n {
                let kind = if m % 2 == 0 { "order" } else { "note" };
                assert!(pending.document(kind, &format!("k{m}")).is_some(), "{m} of {n}");
                assert!(pending.document(if m % 2 == 0 { "note" } else { "order" }, &format!("k{m}")).is_none());
            }
        }
        assert_eq!(pending.put("order", &Document::new("k0", 3, Body::json("3"))).unwrap_err().code(), "conflict");
        pending.put("order", &Document::new("k0", 2, Body::json("2"))).unwrap();
        assert_eq!(pending.document("order", "k0").map(|doc| doc.version), Some(2));
        let last = StockRow::new(Sku::new(format!("S{}", count - 1)).unwrap(), LocationId::new("L").unwrap());
        let skipped = StockRow { version: 3, ..last.clone() };
        assert_eq!(pending.put_stock(&[skipped]).unwrap_err().code(), "conflict");
        pending.put_stock(&[StockRow { version: 2, on_hand: 9, ..last }]).unwrap();
        let drained = pending.drain();
        assert_eq!((drained.documents.len(), drained.stock.len()), (count, count), "a rewrite takes no new place");
        assert_eq!(drained.stock[count - 1].0.on_hand, 9);
        assert!(pending.is_empty() && pending.document("order", "k1").is_none());
    }
}
