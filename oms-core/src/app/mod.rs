//! The application layer: the `Oms` facade, one handler per command, and the
//! shell around the pure domain.
//!
//! Each command runs in one storage transaction: load what it touches, ask the
//! domain to decide, write the new state, the events and the idempotency
//! record, commit. A command that fails leaves nothing behind. A version
//! conflict is retried a bounded number of times.

mod allocating;
mod catalog;
mod documents;
mod fulfilment;
mod operations;
mod orders;
mod payments;
mod projections;
mod records;
mod replay;
mod reservations;
mod stock;
mod transfers;
mod unit;

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::domain::allocation::AllocationStrategy;
use crate::domain::events::{Event, EventRecord};
use crate::domain::inventory::{Deltas, Movement, StockLevel};
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::{IdempotencyKey, LocationId, Sku};
use crate::kernel::limits::{CONFLICT_RETRIES_MAX, PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX};
use crate::kernel::time::{Clock, SystemClock, Timestamp};
use crate::storage::contract::Store;
use crate::storage::memory::MemoryStore;
use crate::storage::Access;
use records::{IdempotencyRecord, Records};

pub use catalog::ProductPage;
pub use operations::{Operation, OperationKind, OPERATIONS};
pub use orders::{AllocationPlan, OrderPage};
pub use replay::ReplayReport;
pub use stock::{Availability, LocationAvailability};

/// The order management service. Cheap to share: `Send + Sync`, every method takes `&self`.
pub struct Oms {
    /// The storage contract, spoken through a unit of work per command ([`unit::Unit`]).
    store: Box<dyn Store>,
    /// Channels, products and locations as last read, for every unit.
    catalogue: unit::Catalogue,
    clock: Arc<dyn Clock>,
    strategies: HashMap<String, Arc<dyn AllocationStrategy>>,
}

impl Oms {
    fn begin(&self, access: Access) -> Result<Box<dyn Records + '_>> {
        Ok(Box::new(unit::Unit::begin(&*self.store, &self.catalogue, access)?))
    }
}

impl fmt::Debug for Oms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Oms")
            .field("store", &self.store)
            .field("clock", &self.clock)
            .field("strategies", &self.strategies.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// The result of [`Oms::audit`]: every broken invariant found, as sentences.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct AuditReport {
    pub orders_checked: u64,
    pub stock_levels_checked: u64,
    pub violations: Vec<String>,
}

impl AuditReport {
    pub fn is_clean(&self) -> bool {
        self.violations.is_empty()
    }
}

impl Oms {
    /// A service over any store of the storage contract, with the given clock.
    pub fn new(store: impl Store + 'static, clock: Arc<dyn Clock>) -> Oms {
        Oms { store: Box::new(store), catalogue: unit::Catalogue::default(), clock, strategies: HashMap::new() }
    }

    /// Adds an allocation strategy that channels can name. A name of a
    /// built-in strategy (`ship_from_warehouse`, `ship_from_store`) is refused.
    pub fn register_strategy(&mut self, strategy: impl AllocationStrategy + 'static) -> Result<()> {
        let name = strategy.name().to_string();
        if catalog::BUILT_IN_STRATEGIES.contains(&name.as_str()) || name.is_empty() {
            return Err(Error::invalid_input("strategy", format!("{name:?} is taken by a built-in strategy")));
        }
        self.strategies.insert(name, Arc::new(strategy));
        Ok(())
    }

    /// A service over a fresh in-memory store with the system clock.
    pub fn in_memory() -> Oms {
        Oms::new(MemoryStore::new(), Arc::new(SystemClock))
    }

    /// Opens a store named by `target`: a SQLite file path (created if missing),
    /// or `sqlite:PATH` with optional `?synchronous=normal` and
    /// `?group_commit=N` (see [`crate::storage::sqlite::GroupCommit`]), or
    /// `:memory:` for the in-memory store, or a
    /// `postgres://` URL (cargo feature `postgres`; `?schema=NAME` picks the
    /// schema, default `oms`). `create=false` in the query of `sqlite:PATH?…`
    /// or of a `postgres://` URL opens an existing store only: a missing file
    /// or schema is `store_not_found`, and nothing is created.
    pub fn open(target: &str) -> Result<Oms> {
        Oms::open_with_clock(target, Arc::new(SystemClock))
    }

    /// [`Oms::open`] with an injected clock.
    pub fn open_with_clock(target: &str, clock: Arc<dyn Clock>) -> Result<Oms> {
        if target == ":memory:" {
            return Ok(Oms::new(MemoryStore::new(), clock));
        }
        if target.starts_with("postgres://") || target.starts_with("postgresql://") {
            return Self::open_postgres(target, clock);
        }
        match target.strip_prefix("sqlite:") {
            // Options (`?group_commit=64`) only after the explicit prefix, so a plain path may contain '?'.
            Some(spec) => Self::open_sqlite_target(spec, clock),
            None => Self::open_sqlite(target, clock),
        }
    }

    #[cfg(feature = "sqlite")]
    fn open_sqlite(path: &str, clock: Arc<dyn Clock>) -> Result<Oms> {
        Oms::on_sqlite(crate::storage::sqlite::SqliteStore::open(path)?, clock)
    }

    #[cfg(feature = "sqlite")]
    fn open_sqlite_target(spec: &str, clock: Arc<dyn Clock>) -> Result<Oms> {
        Oms::on_sqlite(crate::storage::sqlite::SqliteStore::open_target(spec)?, clock)
    }

    #[cfg(feature = "sqlite")]
    fn on_sqlite(store: crate::storage::sqlite::SqliteStore, clock: Arc<dyn Clock>) -> Result<Oms> {
        // A file written on the first schema's tables moves onto the contract's, once.
        store.copy_first_schema_if_new()?;
        Ok(Oms::new(store, clock))
    }

    #[cfg(not(feature = "sqlite"))]
    fn open_sqlite_target(_spec: &str, _clock: Arc<dyn Clock>) -> Result<Oms> {
        Err(Error::StorageUnavailable { message: "this build has no SQLite backend".into() })
    }

    #[cfg(feature = "postgres")]
    fn open_postgres(url: &str, clock: Arc<dyn Clock>) -> Result<Oms> {
        let store = crate::storage::postgres::PostgresStore::open(url)?;
        // A schema written on the first schema's tables moves onto the contract's, once.
        store.copy_first_schema_if_new()?;
        Ok(Oms::new(store, clock))
    }

    #[cfg(not(feature = "postgres"))]
    fn open_postgres(_url: &str, _clock: Arc<dyn Clock>) -> Result<Oms> {
        Err(Error::StorageUnavailable {
            message: "this build has no PostgreSQL backend (cargo feature `postgres`)".into(),
        })
    }

    #[cfg(not(feature = "sqlite"))]
    fn open_sqlite(_path: &str, _clock: Arc<dyn Clock>) -> Result<Oms> {
        Err(Error::StorageUnavailable { message: "this build has no SQLite backend".into() })
    }

    /// SQL statements this service's store has sent so far, counted per
    /// store: another `Oms` on another store does not move it (see
    /// [`Store::statements_executed`]).
    pub fn storage_statements(&self) -> u64 {
        self.store.statements_executed()
    }

    /// How many schema migrations the store has had: the version of its
    /// tables, read from the store when asked (SQLite's `user_version`,
    /// PostgreSQL's `schema_version` table; 0 in memory, which has none).
    pub fn schema_version(&self) -> Result<u64> {
        self.store.schema_version()
    }

    /// Runs `body` in one write transaction, at most once per idempotency key.
    ///
    /// With a key: a stored record for the same command and payload returns its
    /// stored result without running `body`; a record for anything else is
    /// `idempotency_key_reused`. Writers are serialised by the store, so
    /// concurrent duplicates run once. Payloads are compared in canonical
    /// form: amounts normalised (`20` and `20.00` are one amount) and an
    /// absent discount or charge equal to zero (see [`crate::kernel::money::exact`]).
    fn execute<C, R>(
        &self,
        command: &'static str,
        key: Option<&IdempotencyKey>,
        payload: &C,
        body: impl FnMut(&mut dyn Records, Timestamp) -> Result<R>,
    ) -> Result<R>
    where
        C: Serialize,
        R: Serialize + DeserializeOwned,
    {
        let canonical = match key {
            Some(_) => serde_json::to_string(payload).map_err(Error::storage)?,
            None => String::new(),
        };
        self.execute_canonical(command, key, |_| Ok(canonical.clone()), body)
    }

    /// [`Oms::execute`] for a command whose canonical payload depends on
    /// stored state (a default filled in from a record the command names):
    /// `canonical` runs inside the transaction, only when there is a key.
    fn execute_canonical<R>(
        &self,
        command: &'static str,
        key: Option<&IdempotencyKey>,
        mut canonical: impl FnMut(&mut dyn Records) -> Result<String>,
        mut body: impl FnMut(&mut dyn Records, Timestamp) -> Result<R>,
    ) -> Result<R>
    where
        R: Serialize + DeserializeOwned,
    {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut tx = self.begin(Access::Write)?;
            let now = crate::kernel::time::usable(self.clock.now())?;
            let payload = match key {
                Some(key) => {
                    let payload = canonical(&mut *tx)?;
                    if let Some(record) = tx.idempotency(key)? {
                        return replay(&record, command, &payload);
                    }
                    payload
                }
                None => String::new(),
            };
            let outcome = body(&mut *tx, now).and_then(|result| {
                if let Some(key) = key {
                    tx.put_idempotency(&IdempotencyRecord {
                        key: key.clone(),
                        command: command.into(),
                        payload,
                        result: serde_json::to_string(&result).map_err(Error::storage)?,
                        created_at: now,
                    })?;
                }
                Ok(result)
            });
            let outcome = match outcome {
                Ok(result) => tx.commit().map(|()| result),
                // A refusal made on a stale catalogue is decided again on a fresh one.
                Err(error) if attempt < CONFLICT_RETRIES_MAX && !matches!(error, Error::Conflict { .. }) => {
                    match tx.stale() {
                        Ok(true) => continue,
                        _ => Err(error),
                    }
                }
                Err(error) => Err(error),
            };
            match outcome {
                Err(Error::Conflict { .. }) if attempt < CONFLICT_RETRIES_MAX => continue,
                other => return other,
            }
        }
    }

    /// Runs `body` in a read transaction.
    fn read<R>(&self, body: impl FnOnce(&mut dyn Records) -> Result<R>) -> Result<R> {
        let mut tx = self.begin(Access::Read)?;
        let result = body(&mut *tx)?;
        tx.commit()?;
        Ok(result)
    }

    /// Outbox events after `cursor` (0 for the beginning), oldest first, at most `limit`.
    pub fn events_since(&self, cursor: u64, limit: Option<usize>) -> Result<Vec<EventRecord>> {
        let limit = page_limit(limit)?;
        self.read(|tx| tx.events_since(cursor, limit))
    }

    /// Checks every invariant that can be checked from stored state: the ledger
    /// sums to the stock buckets, no bucket is negative or over-allocated, and
    /// every order's quantities, totals and status agree.
    pub fn audit(&self) -> Result<AuditReport> {
        self.read(|tx| {
            let mut report = AuditReport::default();
            let levels = tx.stock_levels(None, None)?;
            let totals: HashMap<(Sku, LocationId), Deltas> =
                tx.movement_totals()?.into_iter().map(|total| ((total.sku, total.location), total.totals)).collect();
            for level in &levels {
                report.stock_levels_checked += 1;
                let sums = totals.get(&(level.sku.clone(), level.location.clone())).copied().unwrap_or_default();
                let buckets = Deltas {
                    on_hand: level.on_hand,
                    allocated: level.allocated,
                    reserved: level.reserved,
                    quarantined: level.quarantined,
                    incoming: level.incoming,
                };
                if sums != buckets {
                    report.violations.push(format!(
                        "{}@{}: the ledger sums to {sums:?} but the buckets are {buckets:?}",
                        level.sku, level.location
                    ));
                }
                report.violations.extend(level.violations());
            }
            if totals.len() != levels.len() {
                report.violations.push(format!("{} ledger pairs but {} stock levels", totals.len(), levels.len()));
            }
            orders::audit_orders(tx, &mut report)?;
            payments::audit_payments(tx, &mut report)?;
            Ok(report)
        })
    }
}

fn replay<R: DeserializeOwned>(record: &IdempotencyRecord, command: &str, payload: &str) -> Result<R> {
    let same = record.command == command
        && match record.payload.strip_prefix(unit::HASHED) {
            // A record of the storage contract keeps the payload's hash.
            Some(_) => record.payload == unit::idempotent_payload(payload),
            None => record.payload == payload,
        };
    if !same && !same_before_rename(record, command, payload) {
        return Err(Error::IdempotencyKeyReused { key: record.key.to_string() });
    }
    crate::kernel::ids::read_stored(|| serde_json::from_str(&record.result)).map_err(Error::storage)
}

use crate::storage::contract::copy::{RENAMED_COMMANDS, RENAMED_FIELDS};

/// Whether a record written before the rename is for the same command and
/// payload: its command and field names read under their new names, and the
/// payloads are then compared as JSON values. A retry with the key after an
/// upgrade so gets its stored result rather than `idempotency_key_reused`.
fn same_before_rename(record: &IdempotencyRecord, command: &str, payload: &str) -> bool {
    let stored_command = RENAMED_COMMANDS
        .iter()
        .find(|(old, _)| *old == record.command)
        .map_or(record.command.as_str(), |(_, new)| *new);
    if stored_command != command {
        return false;
    }
    let Ok(serde_json::Value::Object(stored)) = serde_json::from_str(&record.payload) else { return false };
    if !RENAMED_FIELDS.iter().any(|(old, _)| stored.contains_key(*old)) {
        return false;
    }
    let renamed: serde_json::Map<String, serde_json::Value> = stored
        .into_iter()
        .map(|(field, value)| match RENAMED_FIELDS.iter().find(|(old, _)| *old == field) {
            Some((_, new)) => ((*new).to_string(), value),
            None => (field, value),
        })
        .collect();
    serde_json::from_str::<serde_json::Value>(payload).is_ok_and(|now| now == serde_json::Value::Object(renamed))
}

pub(crate) fn page_limit(limit: Option<usize>) -> Result<usize> {
    match limit {
        None => Ok(PAGE_LIMIT_DEFAULT),
        Some(0) => Err(Error::invalid_input("limit", "must be positive")),
        Some(limit) if limit > PAGE_LIMIT_MAX => {
            Err(Error::limit("limit", format!("must be at most {PAGE_LIMIT_MAX}, got {limit}")))
        }
        Some(limit) => Ok(limit),
    }
}

/// Stock levels a command has loaded and changed, written back once each with
/// the next version, with their movements, when the command succeeds.
#[derive(Default)]
pub(crate) struct StockChanges {
    levels: HashMap<Sku, HashMap<LocationId, (StockLevel, bool)>>,
    /// SKUs whose levels at every location are loaded.
    complete: std::collections::HashSet<Sku>,
    movements: Vec<Movement>,
}

impl StockChanges {
    /// Loads every level of several SKUs (sorted) in one storage read.
    pub(crate) fn load_skus(&mut self, tx: &mut dyn Records, skus: &[&Sku]) -> Result<()> {
        let missing = self.unloaded(skus);
        if missing.is_empty() {
            return Ok(());
        }
        let levels = tx.stock_levels_of(&missing)?;
        self.loaded(&missing, levels);
        Ok(())
    }

    /// Those of `skus` whose levels are not all loaded yet.
    pub(crate) fn unloaded<'s>(&self, skus: &[&'s Sku]) -> Vec<&'s Sku> {
        skus.iter().copied().filter(|sku| !self.complete.contains(*sku)).collect()
    }

    /// Takes `levels`, read by the caller, as every level of `skus`.
    pub(crate) fn loaded(&mut self, skus: &[&Sku], levels: impl IntoIterator<Item = StockLevel>) {
        for level in levels {
            let at_locations = self.levels.entry(level.sku.clone()).or_default();
            // A level this command already changed stays as changed.
            at_locations.entry(level.location.clone()).or_insert((level, false));
        }
        for sku in skus {
            self.complete.insert((*sku).clone());
            self.levels.entry((*sku).clone()).or_default();
        }
    }

    /// Every loaded level of a SKU, as this command has changed them so far.
    pub(crate) fn levels_of<'a>(&'a self, sku: &Sku) -> impl Iterator<Item = &'a StockLevel> + 'a {
        self.levels.get(sku).into_iter().flat_map(|at_locations| at_locations.values().map(|(level, _)| level))
    }

    /// A loaded level, as this command has changed it so far.
    pub(crate) fn peek(&self, sku: &Sku, location: &LocationId) -> Option<&StockLevel> {
        self.levels.get(sku).and_then(|at_locations| at_locations.get(location)).map(|(level, _)| level)
    }

    /// Writes every change and returns the level of one pair as written.
    pub(crate) fn write_one(self, tx: &mut dyn Records, sku: &Sku, location: &LocationId) -> Result<StockLevel> {
        let written = self.write(tx)?;
        written
            .into_iter()
            .find(|level| &level.sku == sku && &level.location == location)
            .ok_or_else(|| Error::storage("a stock change wrote no level"))
    }

    /// Loads a pair's level (an empty one if it never had stock) on first use,
    /// lets an inventory decision change it, and keeps the result.
    pub(crate) fn change(
        &mut self,
        tx: &mut dyn Records,
        sku: &Sku,
        location: &LocationId,
        decide: impl FnOnce(&StockLevel) -> Result<(StockLevel, Movement)>,
    ) -> Result<()> {
        let at_location = self.levels.entry(sku.clone()).or_default();
        if !at_location.contains_key(location) {
            let level = tx.stock(sku, location)?.unwrap_or_else(|| StockLevel::empty(sku.clone(), location.clone()));
            at_location.insert(location.clone(), (level, false));
        }
        let Some(slot) = at_location.get_mut(location) else {
            return Err(Error::storage("a loaded stock level went missing"));
        };
        let (level, movement) = decide(&slot.0)?;
        *slot = (level, true);
        self.movements.push(movement);
        Ok(())
    }

    /// Writes the changed levels in key order and appends the movements.
    pub(crate) fn write(self, tx: &mut dyn Records) -> Result<Vec<StockLevel>> {
        let mut changed: Vec<StockLevel> = self
            .levels
            .into_values()
            .flat_map(HashMap::into_values)
            .filter(|(_, dirty)| *dirty)
            .map(|(mut level, _)| {
                level.version += 1;
                level
            })
            .collect();
        changed.sort_by(|a, b| (&a.sku, &a.location).cmp(&(&b.sku, &b.location)));
        tx.put_stocks(&changed)?;
        for movement in &self.movements {
            tx.append_movement(movement)?;
        }
        Ok(changed)
    }
}

/// Appends every event with the same timestamp, after letting every
/// projection see them (the one way events are written).
pub(crate) fn append_events(tx: &mut dyn Records, at: Timestamp, events: Vec<Event>) -> Result<()> {
    projections::project(tx, &events)?;
    for event in events {
        tx.append_event(at, event)?;
    }
    Ok(())
}
