//! The storage contract in memory: typed bodies kept as they are (no JSON),
//! one mutex serialising transactions, and an undo log that a transaction
//! dropped without commit runs backwards. Stream appends wait in the
//! transaction and are numbered at commit, as on the SQL backends.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Bound;
use std::sync::{Arc, MutexGuard, PoisonError};

use super::MemoryStore;
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::{IdempotencyKey, LocationId, Sku};
use crate::storage::contract::{
    check_document, check_entries, check_name, check_record, check_stock_rows, read_only, sorted_deltas, sorted_skus,
    tally_moved, Access, Cursor, Document, IdempotencyRecord, IndexFilter, Lock, Numbering, Receipt, StockRow, Store,
    Stream, StreamEntry, StreamRow, Transaction,
};
use crate::storage::version_conflict;

/// Everything the contract stores, for one [`MemoryStore`].
#[derive(Debug, Default)]
pub(super) struct State {
    kinds: HashMap<Arc<str>, Kind>,
    stock: BTreeMap<Sku, BTreeMap<LocationId, StockRow>>,
    streams: BTreeMap<Stream, Vec<StreamRow>>,
    series: HashMap<String, u64>,
    tallies: HashMap<String, i64>,
    idempotency: HashMap<IdempotencyKey, IdempotencyRecord>,
}

/// Keys of one index, in the order a scan walks them: by position, then key.
type Listing = BTreeSet<(u64, Arc<str>)>;

/// The documents of one kind with the orders a scan walks: by position,
/// and per term slot and value by position. They always hold exactly the
/// documents in `documents`, and share one copy of each key.
#[derive(Debug, Default)]
struct Kind {
    documents: HashMap<Arc<str>, Document>,
    by_position: Listing,
    by_term: [HashMap<String, Listing>; 4],
}

impl Kind {
    /// Puts `doc` (or nothing) under `key`; returns what was there.
    fn replace(&mut self, key: &str, doc: Option<Document>) -> Option<Document> {
        let (shared, old) = match self.documents.remove_entry(key) {
            Some((shared, old)) => {
                let probe = (old.position, Arc::clone(&shared));
                self.by_position.remove(&probe);
                for (slot, value) in old.terms.0.iter().enumerate() {
                    if let Some(value) = value {
                        if let Some(set) = self.by_term[slot].get_mut(value.as_str()) {
                            set.remove(&probe);
                            if set.is_empty() {
                                self.by_term[slot].remove(value.as_str());
                            }
                        }
                    }
                }
                (shared, Some(old))
            }
            None => (Arc::from(key), None),
        };
        if let Some(doc) = doc {
            self.by_position.insert((doc.position, Arc::clone(&shared)));
            for (slot, value) in doc.terms.0.iter().enumerate() {
                if let Some(value) = value {
                    let entry = (doc.position, Arc::clone(&shared));
                    match self.by_term[slot].get_mut(value.as_str()) {
                        Some(set) => {
                            set.insert(entry);
                        }
                        None => {
                            self.by_term[slot].insert(value.clone(), BTreeSet::from([entry]));
                        }
                    }
                }
            }
            self.documents.insert(shared, doc);
        }
        old
    }

    fn scan(&self, filter: &IndexFilter, after: Option<&Cursor>, limit: usize) -> Vec<Document> {
        let set = match filter {
            IndexFilter::All => Some(&self.by_position),
            IndexFilter::Equals(term, value) => self.by_term[term.slot()].get(value.as_str()),
        };
        let Some(set) = set else { return Vec::new() };
        let start = after.map_or(Bound::Unbounded, |c| Bound::Excluded((c.position, Arc::from(c.key.as_str()))));
        set.range((start, Bound::Unbounded))
            .take(limit)
            .filter_map(|(_, key)| self.documents.get(key).cloned())
            .collect()
    }
}

type Undo = Box<dyn FnOnce(&mut State) + Send>;

impl Store for MemoryStore {
    fn begin(&self, access: Access) -> Result<Box<dyn Transaction + '_>> {
        let state = self.contract.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(Box::new(MemoryTransaction {
            state,
            write: access == Access::Write,
            undo: Vec::new(),
            appends: Vec::new(),
            expected: None,
        }))
    }

    fn statements_executed(&self) -> u64 {
        0
    }

    fn schema_version(&self) -> Result<u64> {
        Ok(0)
    }
}

struct MemoryTransaction<'a> {
    state: MutexGuard<'a, State>,
    write: bool,
    undo: Vec<Undo>,
    /// Rows appended, numbered at commit.
    appends: Vec<(Stream, StreamEntry)>,
    /// The tally value commit checks (see [`Transaction::expect_tally`]).
    expected: Option<(String, i64)>,
}

impl Drop for MemoryTransaction<'_> {
    fn drop(&mut self) {
        while let Some(step) = self.undo.pop() {
            step(&mut self.state);
        }
    }
}

impl MemoryTransaction<'_> {
    fn writable(&self) -> Result<()> {
        if self.write {
            Ok(())
        } else {
            Err(read_only())
        }
    }
}

impl Transaction for MemoryTransaction<'_> {
    fn get(&mut self, kind: &str, key: &str, _lock: Lock) -> Result<Option<Document>> {
        Ok(self.state.kinds.get(kind).and_then(|k| k.documents.get(key)).cloned())
    }

    fn get_many(&mut self, kind: &str, keys: &[&str], _lock: Lock) -> Result<Vec<Option<Document>>> {
        let documents = self.state.kinds.get(kind);
        Ok(keys.iter().map(|key| documents.and_then(|k| k.documents.get(*key)).cloned()).collect())
    }

    fn put(&mut self, kind: &str, doc: &Document) -> Result<()> {
        self.writable()?;
        check_document(kind, doc)?;
        // The stored name is shared with the undo (no copy of it).
        let kind: Arc<str> = match self.state.kinds.get_key_value(kind) {
            Some((name, _)) => Arc::clone(name),
            None => {
                let name: Arc<str> = Arc::from(kind);
                self.state.kinds.insert(Arc::clone(&name), Kind::default());
                name
            }
        };
        let Some(entry) = self.state.kinds.get_mut(&kind) else { return Err(Error::storage("kind vanished")) };
        let stored = entry.documents.get(doc.key.as_str()).map(|d| d.version);
        let expected = if doc.version == 1 { None } else { Some(doc.version - 1) };
        if stored != expected {
            return Err(version_conflict(&kind, &doc.key, stored.unwrap_or(0), doc.version));
        }
        let old = entry.replace(&doc.key, Some(doc.clone()));
        let key = doc.key.clone();
        self.undo.push(Box::new(move |state| {
            if let Some(entry) = state.kinds.get_mut(&kind) {
                entry.replace(&key, old);
            }
        }));
        Ok(())
    }

    fn scan(
        &mut self,
        kind: &str,
        filter: &IndexFilter,
        after: Option<&Cursor>,
        limit: usize,
    ) -> Result<Vec<Document>> {
        check_name("kind", kind)?;
        Ok(self.state.kinds.get(kind).map(|k| k.scan(filter, after, limit)).unwrap_or_default())
    }

    fn stock(&mut self, skus: &[&Sku], _lock: Lock) -> Result<Vec<StockRow>> {
        let stock = &self.state.stock;
        Ok(sorted_skus(skus)
            .into_iter()
            .filter_map(|sku| stock.get(sku))
            .flat_map(|rows| rows.values().cloned())
            .collect())
    }

    fn put_stock(&mut self, rows: &[StockRow]) -> Result<()> {
        self.writable()?;
        check_stock_rows(rows)?;
        // All rows are checked before any is written, so a conflict writes nothing.
        for row in rows {
            let stored = self.state.stock.get(&row.sku).and_then(|r| r.get(&row.location)).map(|r| r.version);
            let expected = if row.version == 1 { None } else { Some(row.version - 1) };
            if stored != expected {
                let key = format!("{}/{}", row.sku, row.location);
                return Err(version_conflict("stock", &key, stored.unwrap_or(0), row.version));
            }
        }
        for row in rows {
            let stored = self.state.stock.get_mut(&row.sku).and_then(|at| at.get_mut(&row.location));
            if let Some(stored) = stored {
                // Replaced in place; the undo puts the old row (which names its place) back.
                let old = std::mem::replace(stored, row.clone());
                self.undo.push(Box::new(move |state| {
                    if let Some(slot) = state.stock.get_mut(&old.sku).and_then(|at| at.get_mut(&old.location)) {
                        *slot = old;
                    }
                }));
                continue;
            }
            self.state.stock.entry(row.sku.clone()).or_default().insert(row.location.clone(), row.clone());
            let (sku, location) = (row.sku.clone(), row.location.clone());
            self.undo.push(Box::new(move |state| {
                let Some(rows) = state.stock.get_mut(&sku) else { return };
                rows.remove(&location);
                if rows.is_empty() {
                    state.stock.remove(&sku);
                }
            }));
        }
        Ok(())
    }

    fn append(&mut self, stream: Stream, rows: &[StreamEntry]) -> Result<()> {
        self.writable()?;
        check_entries(rows)?;
        self.appends.reserve(rows.len().max(4));
        self.appends.extend(rows.iter().map(|row| (stream, row.clone())));
        Ok(())
    }

    fn read(&mut self, stream: Stream, after: u64, limit: usize) -> Result<Vec<StreamRow>> {
        let Some(rows) = self.state.streams.get(&stream) else { return Ok(Vec::new()) };
        // Rows are kept in number order: the first whose last number is above `after`.
        let start = rows.partition_point(|row| row.seq <= after);
        Ok(rows[start..].iter().take(limit).cloned().collect())
    }

    fn read_aggregate(&mut self, stream: Stream, aggregate: &str, after: u64, limit: usize) -> Result<Vec<StreamRow>> {
        let Some(rows) = self.state.streams.get(&stream) else { return Ok(Vec::new()) };
        let start = rows.partition_point(|row| row.seq <= after);
        Ok(rows[start..].iter().filter(|row| row.aggregate == aggregate).take(limit).cloned().collect())
    }

    fn next_in_series(&mut self, name: &str, _numbering: Numbering) -> Result<u64> {
        self.writable()?;
        check_name("series", name)?;
        let value = self.state.series.entry(name.to_string()).or_insert(0);
        *value += 1;
        let next = *value;
        let name = name.to_string();
        self.undo.push(Box::new(move |state| {
            if next == 1 {
                state.series.remove(&name);
            } else if let Some(value) = state.series.get_mut(&name) {
                *value = next - 1;
            }
        }));
        Ok(next)
    }

    fn add_to_tallies(&mut self, deltas: &[(&str, i64)]) -> Result<()> {
        self.writable()?;
        let deltas = sorted_deltas(deltas)?;
        let mut sums = Vec::with_capacity(deltas.len());
        for (name, delta) in &deltas {
            let before = self.state.tallies.get(*name).copied().unwrap_or(0);
            let sum = before.checked_add(*delta).ok_or_else(|| Error::storage(format!("tally {name} overflows")))?;
            sums.push((name.to_string(), before, sum));
        }
        for (name, before, sum) in sums {
            self.state.tallies.insert(name.clone(), sum);
            self.undo.push(Box::new(move |state| {
                state.tallies.insert(name, before);
            }));
        }
        Ok(())
    }

    fn tallies(&mut self, names: &[&str]) -> Result<Vec<i64>> {
        Ok(names.iter().map(|name| self.state.tallies.get(*name).copied().unwrap_or(0)).collect())
    }

    fn expect_tally(&mut self, name: &str, value: i64) -> Result<()> {
        check_name("tally", name)?;
        self.expected = Some((name.to_string(), value));
        Ok(())
    }

    fn idempotency(&mut self, key: &IdempotencyKey) -> Result<Option<IdempotencyRecord>> {
        Ok(self.state.idempotency.get(key).cloned())
    }

    fn put_idempotency(&mut self, record: &IdempotencyRecord) -> Result<()> {
        self.writable()?;
        check_record(record)?;
        if self.state.idempotency.contains_key(&record.key) {
            return Err(Error::Conflict { message: format!("idempotency key {} is already recorded", record.key) });
        }
        self.state.idempotency.insert(record.key.clone(), record.clone());
        let key = record.key.clone();
        self.undo.push(Box::new(move |state| {
            state.idempotency.remove(&key);
        }));
        Ok(())
    }

    fn commit(mut self: Box<Self>) -> Result<Receipt> {
        if let Some((name, value)) = &self.expected {
            let held = self.state.tallies.get(name).copied().unwrap_or(0);
            if held != *value {
                // Dropped unfinished: the undo log runs.
                return Err(tally_moved(name, *value, held));
            }
        }
        let mut receipt = Receipt::default();
        let mut appends = std::mem::take(&mut self.appends);
        // By stream, each keeping its append order (a stable sort).
        appends.sort_by_key(|(stream, _)| *stream);
        for (stream, entry) in appends {
            let rows = self.state.streams.entry(stream).or_default();
            let before = rows.last().map_or(0, |row| row.seq);
            let last = before + entry.width;
            rows.push(StreamRow { seq: last, aggregate: entry.aggregate, body: entry.body });
            match receipt.appended.last_mut() {
                Some((s, _, end)) if *s == stream => *end = last,
                _ => receipt.appended.push((stream, before + 1, last)),
            }
        }
        self.undo.clear();
        Ok(receipt)
    }
}
