//! The SQLite backend: the embedded default. One file, durable, no set-up.
//!
//! Defaults are chosen for safety: WAL journal with `synchronous=FULL`, so an
//! acknowledged command survives power loss. Write transactions start with
//! `BEGIN IMMEDIATE`, which takes SQLite's write lock up front: writers from
//! any thread or process are serialised, so a stock check and the update
//! that follows it can never interleave with another writer's.
//!
//! Aggregates are stored as JSON documents beside typed index columns; stock
//! levels are plain columns because they are the hottest rows.

mod contract;
mod copy;

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{
    version_conflict, written_once, Access, BackorderEntry, IdempotencyRecord, LevelDue, MovementTotal, OrderFilter,
    Store, Transaction,
};
use crate::domain::catalog::{Channel, Location, Product};
use crate::domain::events::{Event, EventRecord};
use crate::domain::inventory::reservations::Reservation;
use crate::domain::inventory::transfers::Transfer;
use crate::domain::inventory::{Deltas, Movement, MovementReason, StockLevel};
use crate::domain::order::{Order, OrderStatus};
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::{ChannelId, IdempotencyKey, LocationId, OrderId, ReservationId, Sku, TransferId};
use crate::kernel::time::Timestamp;

/// How long a writer waits for another process's write lock before giving up
/// with `storage_unavailable`.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Schema migrations, applied in order; the file records how many ran in `PRAGMA user_version`.
const MIGRATIONS: &[&str] = &[
    r"
    CREATE TABLE products (sku TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE locations (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE channels (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE stock (
        sku TEXT NOT NULL, location TEXT NOT NULL,
        on_hand INTEGER NOT NULL CHECK (on_hand >= 0),
        allocated INTEGER NOT NULL CHECK (allocated >= 0 AND allocated <= on_hand),
        version INTEGER NOT NULL,
        PRIMARY KEY (sku, location)) WITHOUT ROWID;
    CREATE TABLE movements (
        sequence INTEGER PRIMARY KEY, sku TEXT NOT NULL, location TEXT NOT NULL, reason TEXT NOT NULL,
        on_hand_delta INTEGER NOT NULL, allocated_delta INTEGER NOT NULL, order_id TEXT, occurred_at TEXT NOT NULL);
    CREATE INDEX movements_by_pair ON movements (sku, location, sequence);
    CREATE TABLE orders (
        sequence INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, channel TEXT NOT NULL,
        customer_email TEXT NOT NULL, status TEXT NOT NULL, version INTEGER NOT NULL, doc TEXT NOT NULL);
    CREATE INDEX orders_by_customer ON orders (customer_email, sequence);
    CREATE INDEX orders_by_channel ON orders (channel, sequence);
    CREATE INDEX orders_by_status ON orders (status, sequence);
    CREATE TABLE events (sequence INTEGER PRIMARY KEY, type TEXT NOT NULL, occurred_at TEXT NOT NULL, doc TEXT NOT NULL);
    CREATE TABLE sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE idempotency (
        key TEXT PRIMARY KEY, command TEXT NOT NULL, payload TEXT NOT NULL,
        result TEXT NOT NULL, created_at TEXT NOT NULL) WITHOUT ROWID;
",
    r"
    ALTER TABLE stock ADD COLUMN held INTEGER NOT NULL DEFAULT 0 CHECK (held >= 0);
    ALTER TABLE stock ADD COLUMN quarantined INTEGER NOT NULL DEFAULT 0 CHECK (quarantined >= 0);
    ALTER TABLE stock ADD COLUMN incoming INTEGER NOT NULL DEFAULT 0 CHECK (incoming >= 0);
    ALTER TABLE movements RENAME COLUMN order_id TO reference;
    ALTER TABLE movements ADD COLUMN held_delta INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE movements ADD COLUMN quarantined_delta INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE movements ADD COLUMN incoming_delta INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE holds (
        id TEXT PRIMARY KEY, status TEXT NOT NULL, expires_at TEXT NOT NULL,
        version INTEGER NOT NULL, doc TEXT NOT NULL) WITHOUT ROWID;
    CREATE INDEX holds_by_expiry ON holds (status, expires_at);
    CREATE TABLE transfers (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE region_distances (
        from_region TEXT NOT NULL, to_region TEXT NOT NULL, distance_km INTEGER NOT NULL,
        PRIMARY KEY (from_region, to_region)) WITHOUT ROWID;
    CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE backorders (
        sku TEXT NOT NULL, order_sequence INTEGER NOT NULL, line_number INTEGER NOT NULL, order_id TEXT NOT NULL,
        PRIMARY KEY (sku, order_sequence, line_number)) WITHOUT ROWID;
",
    // The units active holds hold, by SKU and expiry, so that a command finds
    // the expired holds on its SKUs without sweeping all of them; filled from
    // the holds a file already has.
    r"
    CREATE TABLE hold_units (
        sku TEXT NOT NULL, expires_at TEXT NOT NULL, hold_id TEXT NOT NULL, location TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (sku, expires_at, hold_id, location)) WITHOUT ROWID;
    CREATE INDEX hold_units_by_hold ON hold_units (hold_id);
    INSERT INTO hold_units (sku, expires_at, hold_id, location, quantity)
        SELECT json_extract(line.value, '$.sku'), holds.expires_at, holds.id, json_extract(part.value, '$.location'),
               SUM(json_extract(part.value, '$.quantity'))
        FROM holds, json_each(holds.doc, '$.lines') AS line, json_each(line.value, '$.allocations') AS part
        WHERE holds.status = 'active' AND json_extract(part.value, '$.quantity') > 0
        GROUP BY 1, 2, 3, 4;
",
    // The tables of the storage contract (see `storage/CONTRACT.md`).
    contract::MIGRATION,
];

/// How hard SQLite works to make each commit durable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Durability {
    /// `synchronous=FULL`: a commit survives power loss. The default.
    #[default]
    Full,
    /// `synchronous=NORMAL`: faster; in WAL mode a power loss may drop the
    /// last commits (never corrupt the file). Opt-in only.
    Normal,
}

/// Statements every SQLite store in the process has run (SQLite's trace hook
/// takes no state, so the count is process-wide).
static STATEMENTS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn count_statement(_sql: &str) {
    STATEMENTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
}

/// Group commit: write commands that find others waiting leave their
/// transaction open for the next one, and the last of a batch commits for
/// all. Each command still runs alone (in a savepoint, so a failing one undoes
/// only itself) and returns only once its batch is durable. Opt-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupCommit {
    /// Commands per commit at most.
    pub batch_max: usize,
}

/// The connection and the open batch, behind the store's mutex.
#[derive(Debug)]
struct Shared {
    connection: Connection,
    /// The batch whose transaction is open, and how many commands it holds.
    open_batch: Option<(u64, usize)>,
    next_batch: u64,
    /// Every batch up to this one has committed (or failed).
    settled_through: u64,
    /// Batches whose COMMIT failed, most recent last (a short memory suffices:
    /// their members are waiting and wake at once).
    failed: Vec<(u64, Error)>,
}

/// A SQLite file.
#[derive(Debug)]
pub struct SqliteStore {
    connection: Mutex<Shared>,
    group_commit: Option<GroupCommit>,
    /// Threads waiting for the connection: the signal that a batch can grow.
    waiting: std::sync::atomic::AtomicUsize,
    settled: std::sync::Condvar,
    /// Statements the storage contract's wrappers sent on this store.
    contract_statements: std::sync::atomic::AtomicU64,
}

fn sql_error(error: rusqlite::Error) -> Error {
    match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            Error::StorageUnavailable { message: error.to_string() }
        }
        Some(rusqlite::ErrorCode::CannotOpen) => Error::StorageUnavailable { message: error.to_string() },
        _ => Error::storage(error),
    }
}

impl SqliteStore {
    /// Opens (creating if missing) a SQLite file with the durable defaults and
    /// brings its schema up to date.
    pub fn open(path: &str) -> Result<SqliteStore> {
        SqliteStore::open_with(path, Durability::Full)
    }

    /// Opens with an explicit durability.
    pub fn open_with(path: &str, durability: Durability) -> Result<SqliteStore> {
        if path.is_empty() {
            return Err(Error::invalid_input("target", "must not be empty"));
        }
        if path.contains('\0') {
            return Err(Error::invalid_input("target", "a file path must not contain a NUL character"));
        }
        let mut connection = Connection::open(path).map_err(sql_error)?;
        connection.busy_timeout(BUSY_TIMEOUT).map_err(sql_error)?;
        // Before anything is changed (the journal mode is stored in the file):
        // a file another program wrote is refused as it was found.
        check_ownership(&connection, path)?;
        let synchronous = match durability {
            Durability::Full => "FULL",
            Durability::Normal => "NORMAL",
        };
        connection
            .execute_batch(&format!("PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous};"))
            .map_err(sql_error)?;
        migrate(&connection)?;
        connection.trace(Some(count_statement));
        let shared = Shared { connection, open_batch: None, next_batch: 1, settled_through: 0, failed: Vec::new() };
        Ok(SqliteStore {
            connection: Mutex::new(shared),
            group_commit: None,
            waiting: std::sync::atomic::AtomicUsize::new(0),
            settled: std::sync::Condvar::new(),
            contract_statements: std::sync::atomic::AtomicU64::new(0),
        })
    }

    /// Opens a target of the form `PATH` or `PATH?option=value&…` with the
    /// options `synchronous=full|normal` and `group_commit=N` (1 to 1,000
    /// commands per commit).
    pub fn open_target(target: &str) -> Result<SqliteStore> {
        let (path, query) = target.rsplit_once('?').unwrap_or((target, ""));
        let mut durability = Durability::Full;
        let mut group_commit = None;
        for pair in query.split('&').filter(|pair| !pair.is_empty()) {
            match pair.split_once('=') {
                Some(("synchronous", "full")) => durability = Durability::Full,
                Some(("synchronous", "normal")) => durability = Durability::Normal,
                Some(("group_commit", size)) => {
                    let batch_max =
                        size.parse::<usize>().ok().filter(|n| (1..=1_000).contains(n)).ok_or_else(|| {
                            Error::invalid_input("group_commit", format!("expected 1 to 1000 commands, got {size:?}"))
                        })?;
                    group_commit = Some(GroupCommit { batch_max });
                }
                _ => {
                    return Err(Error::invalid_input(
                        "target",
                        format!("unknown SQLite option {pair:?} (synchronous=full|normal, group_commit=N)"),
                    ))
                }
            }
        }
        let store = SqliteStore::open_with(path, durability)?;
        Ok(match group_commit {
            Some(group_commit) => store.with_group_commit(group_commit),
            None => store,
        })
    }

    /// Turns on group commit (see [`GroupCommit`]).
    #[must_use]
    pub fn with_group_commit(mut self, group_commit: GroupCommit) -> SqliteStore {
        self.group_commit = Some(GroupCommit { batch_max: group_commit.batch_max.max(1) });
        self
    }

    fn lock(&self) -> MutexGuard<'_, Shared> {
        self.waiting.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let guard = self.connection.lock().unwrap_or_else(PoisonError::into_inner);
        self.waiting.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
        guard
    }

    /// Commits the open batch (if any) and wakes its waiting members.
    fn settle(&self, shared: &mut Shared) -> Result<()> {
        let Some((batch, _)) = shared.open_batch.take() else { return Ok(()) };
        let outcome = shared.connection.execute_batch("COMMIT").map_err(sql_error);
        if let Err(error) = &outcome {
            let _ = shared.connection.execute_batch("ROLLBACK");
            shared.failed.push((batch, error.clone()));
            if shared.failed.len() > 64 {
                shared.failed.remove(0);
            }
        }
        shared.settled_through = batch;
        self.settled.notify_all();
        outcome
    }

    /// Ends a grouped command: hands the open batch to a waiting thread while
    /// the batch may grow, else commits it; returns once the batch is settled.
    fn finish_grouped<'a>(&'a self, mut shared: MutexGuard<'a, Shared>, batch_max: usize) -> Result<()> {
        let Some((batch, size)) = shared.open_batch else { return Ok(()) };
        let others_waiting = self.waiting.load(std::sync::atomic::Ordering::SeqCst) > 0;
        if !others_waiting || size >= batch_max {
            return self.settle(&mut shared);
        }
        while shared.settled_through < batch {
            shared = self.settled.wait(shared).unwrap_or_else(PoisonError::into_inner);
        }
        match shared.failed.iter().find(|(failed, _)| *failed == batch) {
            Some((_, error)) => Err(error.clone()),
            None => Ok(()),
        }
    }
}

/// The `application_id` in the header of every file this library writes
/// ("OMS1"); `file(1)` and other programs can tell an oms database by it.
const APPLICATION_ID: i32 = 0x4F4D_5331;

/// Tables whose presence marks a file written by a release of this library
/// that predates [`APPLICATION_ID`].
const OWN_TABLES: [&str; 3] = ["orders", "stock", "movements"];

/// Refuses a file that is not an oms database, reading only: an empty file or
/// a database with no tables is a new store (SQLite itself treats a 0-byte
/// file as an empty database, and so does `mktemp` followed by `open`); a
/// file carrying this library's application id is ours; a file from a
/// release before the id was written is recognised by its tables. Anything
/// else — another program's database, or a file that is not a database — is
/// `invalid_input` on `target`, and is left exactly as it was.
fn check_ownership(connection: &Connection, path: &str) -> Result<()> {
    let not_ours = |why: String| Error::invalid_input("target", format!("{path:?} is not an oms database: {why}"));
    let header = |pragma: &str| -> Result<i64> {
        connection.query_row(&format!("PRAGMA {pragma}"), [], |row| row.get(0)).map_err(|error| {
            match error.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => not_ours("the file is not a SQLite database".into()),
                _ => sql_error(error),
            }
        })
    };
    let application_id = header("application_id")?;
    if application_id == i64::from(APPLICATION_ID) {
        return Ok(());
    }
    if application_id != 0 {
        return Err(not_ours(format!("it belongs to another application (application_id {application_id:#x})")));
    }
    let mut statement =
        connection.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map_err(sql_error)?;
    let tables: Vec<String> = statement
        .query_map([], |row| row.get(0))
        .map_err(sql_error)?
        .collect::<rusqlite::Result<_>>()
        .map_err(sql_error)?;
    let from_an_earlier_release =
        header("user_version")? > 0 && OWN_TABLES.iter().all(|own| tables.iter().any(|table| table == own));
    if tables.is_empty() || from_an_earlier_release {
        return Ok(());
    }
    let shown: Vec<&str> = tables.iter().take(5).map(String::as_str).collect();
    Err(not_ours(format!("it holds other tables ({})", shown.join(", "))))
}

fn migrate(connection: &Connection) -> Result<()> {
    // IMMEDIATE takes the write lock before reading the version, so two
    // processes opening a new file at once cannot both run a migration.
    connection.execute_batch("BEGIN IMMEDIATE").map_err(sql_error)?;
    let outcome = (|| {
        let applied: usize = connection.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(sql_error)?;
        if applied > MIGRATIONS.len() {
            return Err(Error::storage(format!(
                "the file has schema version {applied}, newer than this library's {}",
                MIGRATIONS.len()
            )));
        }
        for (index, migration) in MIGRATIONS.iter().enumerate().skip(applied) {
            connection.execute_batch(migration).map_err(sql_error)?;
            connection.execute_batch(&format!("PRAGMA user_version = {}", index + 1)).map_err(sql_error)?;
        }
        connection.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}")).map_err(sql_error)?;
        Ok(())
    })();
    let end = if outcome.is_ok() { "COMMIT" } else { "ROLLBACK" };
    connection.execute_batch(end).map_err(sql_error)?;
    outcome
}

impl Store for SqliteStore {
    /// Process-wide: the statements of every SQLite store in this process.
    fn statements_executed(&self) -> u64 {
        STATEMENTS.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn begin(&self, access: Access) -> Result<Box<dyn Transaction + '_>> {
        let mut shared = self.lock();
        // A reader must not see a batch that is not yet durable: settle it first.
        if access == Access::Read || self.group_commit.is_none() {
            self.settle(&mut shared)?;
            let begin = if access == Access::Read { "BEGIN" } else { "BEGIN IMMEDIATE" };
            shared.connection.execute_batch(begin).map_err(sql_error)?;
            return Ok(Box::new(SqliteTransaction {
                store: self,
                slot: Some(shared),
                grouped: false,
                finished: false,
                movements: Vec::new(),
                events: Vec::new(),
            }));
        }
        if shared.open_batch.is_none() {
            shared.connection.execute_batch("BEGIN IMMEDIATE").map_err(sql_error)?;
            let batch = shared.next_batch;
            shared.next_batch += 1;
            shared.open_batch = Some((batch, 0));
        }
        if let Err(error) = shared.connection.execute_batch("SAVEPOINT command") {
            // The batch must still settle for the commands already in it.
            let _ = self.settle(&mut shared);
            return Err(sql_error(error));
        }
        Ok(Box::new(SqliteTransaction {
            store: self,
            slot: Some(shared),
            grouped: true,
            finished: false,
            movements: Vec::new(),
            events: Vec::new(),
        }))
    }
}

struct SqliteTransaction<'a> {
    store: &'a SqliteStore,
    /// Always `Some` until the transaction ends.
    slot: Option<MutexGuard<'a, Shared>>,
    /// Part of a group-commit batch (inside a savepoint).
    grouped: bool,
    finished: bool,
    /// Ledger movements and outbox events, inserted at commit (a few rows per statement).
    movements: Vec<Movement>,
    events: Vec<(Timestamp, Event)>,
}

impl Drop for SqliteTransaction<'_> {
    fn drop(&mut self) {
        let Some(shared) = self.slot.take() else { return };
        if self.finished {
            return;
        }
        // Nothing useful can be done with a failed rollback; SQLite rolls back on its own when it can.
        if self.grouped {
            let _ = shared.connection.execute_batch("ROLLBACK TO command; RELEASE command");
            if let Some(batch_max) = self.store.group_commit.map(|g| g.batch_max) {
                let _ = self.store.finish_grouped(shared, batch_max);
            }
        } else {
            let _ = shared.connection.execute_batch("ROLLBACK");
        }
    }
}

fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(Error::storage)
}

fn from_json<T: DeserializeOwned>(text: &str) -> Result<T> {
    crate::kernel::ids::read_stored(|| serde_json::from_str(text))
        .map_err(|error| Error::storage(format!("stored document is unreadable: {error}")))
}

fn time_text(at: &Timestamp) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn parse_time(text: &str) -> Result<Timestamp> {
    DateTime::parse_from_rfc3339(text)
        .map(|at| at.with_timezone(&Utc))
        .map_err(|error| Error::storage(format!("stored time {text:?} is unreadable: {error}")))
}

fn count(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

fn signed(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// Inserts `values` as rows of `columns` values each into `into` ("table (col, …)"), many rows per statement.
fn insert_rows(connection: &Connection, into: &str, columns: usize, values: Vec<rusqlite::types::Value>) -> Result<()> {
    const ROWS_PER_STATEMENT: usize = 200;
    let row = format!("({})", vec!["?"; columns].join(", "));
    for chunk in values.chunks(columns * ROWS_PER_STATEMENT) {
        let rows = vec![row.as_str(); chunk.len() / columns].join(", ");
        connection
            .prepare_cached(&format!("INSERT INTO {into} VALUES {rows}"))
            .and_then(|mut statement| statement.execute(rusqlite::params_from_iter(chunk)))
            .map_err(sql_error)?;
    }
    Ok(())
}

impl SqliteTransaction<'_> {
    /// Writes the buffered movements and events.
    fn flush(&mut self) -> Result<()> {
        use rusqlite::types::Value;
        let movements = std::mem::take(&mut self.movements);
        let events = std::mem::take(&mut self.events);
        let connection = self.conn()?;
        if !movements.is_empty() {
            let mut values = Vec::with_capacity(movements.len() * 10);
            for movement in &movements {
                let d = movement.deltas;
                values.extend([
                    Value::Text(movement.sku.to_string()),
                    Value::Text(movement.location.to_string()),
                    Value::Text(movement.reason.as_str().to_string()),
                    Value::Integer(d.on_hand),
                    Value::Integer(d.allocated),
                    Value::Integer(d.reserved),
                    Value::Integer(d.quarantined),
                    Value::Integer(d.incoming),
                    movement.reference.clone().map_or(Value::Null, Value::Text),
                    Value::Text(time_text(&movement.occurred_at)),
                ]);
            }
            let into = "movements (sku, location, reason, on_hand_delta, allocated_delta, held_delta, \
                        quarantined_delta, incoming_delta, reference, occurred_at)";
            insert_rows(connection, into, 10, values)?;
        }
        if !events.is_empty() {
            let mut values = Vec::with_capacity(events.len() * 3);
            for (occurred_at, event) in &events {
                values.extend([
                    Value::Text(event.name().to_string()),
                    Value::Text(time_text(occurred_at)),
                    Value::Text(to_json(event)?),
                ]);
            }
            insert_rows(connection, "events (type, occurred_at, doc)", 3, values)?;
        }
        Ok(())
    }

    fn conn(&self) -> Result<&Connection> {
        self.slot.as_ref().map(|shared| &shared.connection).ok_or_else(|| Error::storage("the transaction has ended"))
    }

    fn document<T: DeserializeOwned>(&self, sql: &str, key: &str) -> Result<Option<T>> {
        let text: Option<String> = self
            .conn()?
            .prepare_cached(sql)
            .and_then(|mut statement| statement.query_row([key], |row| row.get(0)).optional())
            .map_err(sql_error)?;
        text.as_deref().map(from_json).transpose()
    }

    fn documents<T: DeserializeOwned>(&self, sql: &str, values: impl rusqlite::Params) -> Result<Vec<T>> {
        let mut statement = self.conn()?.prepare_cached(sql).map_err(sql_error)?;
        let docs = statement
            .query_map(values, |row| row.get::<_, String>(0))
            .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
            .map_err(sql_error)?;
        docs.iter().map(|doc| from_json(doc)).collect()
    }

    /// Inserts a record at version 1, or updates the stored version `version - 1`.
    fn put_document(&self, table: &str, key_column: &str, key: &str, version: u64, doc: &str) -> Result<()> {
        let written = if version == 1 {
            let sql = format!("INSERT OR IGNORE INTO {table} ({key_column}, version, doc) VALUES (?1, 1, ?2)");
            self.conn()?.prepare_cached(&sql).and_then(|mut s| s.execute(params![key, doc]))
        } else {
            let sql = format!("UPDATE {table} SET version = ?2, doc = ?3 WHERE {key_column} = ?1 AND version = ?4");
            self.conn()?
                .prepare_cached(&sql)
                .and_then(|mut s| s.execute(params![key, signed(version), doc, signed(version - 1)]))
        }
        .map_err(sql_error)?;
        written_once(written as u64, table, key, version)
    }
}

impl SqliteTransaction<'_> {
    /// Keeps the reservation's rows in `hold_units` in step with the reservation just written.
    fn index_reservation(&self, reservation: &Reservation) -> Result<()> {
        use rusqlite::types::Value;
        let connection = self.conn()?;
        if reservation.version > 1 {
            connection
                .prepare_cached("DELETE FROM hold_units WHERE hold_id = ?1")
                .and_then(|mut s| s.execute([reservation.id.as_str()]))
                .map_err(sql_error)?;
        }
        let units = reservation.reserved_units();
        if units.is_empty() {
            return Ok(());
        }
        let expires_at = time_text(&reservation.expires_at);
        let mut values = Vec::with_capacity(units.len() * 5);
        for reserved in units {
            values.extend([
                Value::Text(reserved.sku.to_string()),
                Value::Text(expires_at.clone()),
                Value::Text(reservation.id.to_string()),
                Value::Text(reserved.location.to_string()),
                Value::Integer(reserved.quantity),
            ]);
        }
        insert_rows(connection, "hold_units (sku, expires_at, hold_id, location, quantity)", 5, values)
    }
}

const STOCK_COLUMNS: &str = "SELECT sku, location, on_hand, allocated, held, quarantined, incoming, version FROM stock";

type StockRow = (String, String, [i64; 5], i64);

fn stock_row(row: &Row<'_>) -> rusqlite::Result<StockRow> {
    Ok((row.get(0)?, row.get(1)?, [row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?, row.get(6)?], row.get(7)?))
}

fn stock_level((sku, location, buckets, version): StockRow) -> Result<StockLevel> {
    // The column `held` is the `reserved` bucket (its name before the rename).
    let [on_hand, allocated, reserved, quarantined, incoming] = buckets;
    Ok(StockLevel {
        sku: Sku::from_stored(sku),
        location: LocationId::from_stored(location),
        on_hand,
        allocated,
        reserved,
        quarantined,
        incoming,
        version: count(version),
    })
}

impl Transaction for SqliteTransaction<'_> {
    fn product(&mut self, sku: &Sku) -> Result<Option<Product>> {
        self.document("SELECT doc FROM products WHERE sku = ?1", sku.as_str())
    }

    fn products(&mut self, skus: &[&Sku]) -> Result<Vec<Option<Product>>> {
        let marks = vec!["?"; skus.len()].join(", ");
        let sql = format!("SELECT doc FROM products WHERE sku IN ({marks})");
        let found: Vec<Product> =
            self.documents(&sql, rusqlite::params_from_iter(skus.iter().map(|sku| sku.as_str())))?;
        Ok(skus.iter().map(|sku| found.iter().find(|product| &&product.sku == sku).cloned()).collect())
    }

    fn put_product(&mut self, product: &Product) -> Result<()> {
        self.put_document("products", "sku", product.sku.as_str(), product.version, &to_json(product)?)
    }

    fn location(&mut self, id: &LocationId) -> Result<Option<Location>> {
        self.document("SELECT doc FROM locations WHERE id = ?1", id.as_str())
    }

    fn put_location(&mut self, location: &Location) -> Result<()> {
        self.put_document("locations", "id", location.id.as_str(), location.version, &to_json(location)?)
    }

    fn locations(&mut self) -> Result<Vec<Location>> {
        self.documents("SELECT doc FROM locations ORDER BY id", [])
    }

    fn channels(&mut self) -> Result<Vec<Channel>> {
        self.documents("SELECT doc FROM channels ORDER BY id", [])
    }

    fn product_page(&mut self, after: Option<&Sku>, limit: usize) -> Result<Vec<Product>> {
        let after = after.map_or("", Sku::as_str);
        self.documents(
            "SELECT doc FROM products WHERE sku > ?1 ORDER BY sku LIMIT ?2",
            params![after, signed(limit as u64)],
        )
    }

    fn channel(&mut self, id: &ChannelId) -> Result<Option<Channel>> {
        self.document("SELECT doc FROM channels WHERE id = ?1", id.as_str())
    }

    fn put_channel(&mut self, channel: &Channel) -> Result<()> {
        self.put_document("channels", "id", channel.id.as_str(), channel.version, &to_json(channel)?)
    }

    fn stock(&mut self, sku: &Sku, location: &LocationId) -> Result<Option<StockLevel>> {
        let row = self
            .conn()?
            .prepare_cached(&format!("{STOCK_COLUMNS} WHERE sku = ?1 AND location = ?2"))
            .and_then(|mut s| s.query_row([sku.as_str(), location.as_str()], stock_row).optional())
            .map_err(sql_error)?;
        row.map(stock_level).transpose()
    }

    fn put_stock(&mut self, level: &StockLevel) -> Result<()> {
        let buckets = [level.on_hand, level.allocated, level.reserved, level.quarantined, level.incoming];
        let written = if level.version == 1 {
            self.conn()?
                .prepare_cached(
                    "INSERT OR IGNORE INTO stock (sku, location, on_hand, allocated, held, quarantined, incoming, version) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1)",
                )
                .and_then(|mut s| {
                    s.execute(params![
                        level.sku.as_str(),
                        level.location.as_str(),
                        buckets[0],
                        buckets[1],
                        buckets[2],
                        buckets[3],
                        buckets[4]
                    ])
                })
        } else {
            self.conn()?
                .prepare_cached(
                    "UPDATE stock SET on_hand = ?3, allocated = ?4, held = ?5, quarantined = ?6, incoming = ?7, \
                     version = ?8 WHERE sku = ?1 AND location = ?2 AND version = ?9",
                )
                .and_then(|mut s| {
                    s.execute(params![
                        level.sku.as_str(),
                        level.location.as_str(),
                        buckets[0],
                        buckets[1],
                        buckets[2],
                        buckets[3],
                        buckets[4],
                        signed(level.version),
                        signed(level.version - 1)
                    ])
                })
        }
        .map_err(sql_error)?;
        written_once(written as u64, "stock", &format!("{}@{}", level.sku, level.location), level.version)
    }

    fn stock_levels(&mut self, sku: Option<&Sku>, location: Option<&LocationId>) -> Result<Vec<StockLevel>> {
        // One statement per filter shape, so that each can use the primary key
        // (an `?1 IS NULL OR sku = ?1` test would scan the whole table).
        let (sql, values): (String, Vec<&str>) = match (sku, location) {
            (Some(sku), Some(location)) => {
                (format!("{STOCK_COLUMNS} WHERE sku = ?1 AND location = ?2"), vec![sku.as_str(), location.as_str()])
            }
            (Some(sku), None) => (format!("{STOCK_COLUMNS} WHERE sku = ?1 ORDER BY location"), vec![sku.as_str()]),
            (None, Some(location)) => {
                (format!("{STOCK_COLUMNS} WHERE location = ?1 ORDER BY sku"), vec![location.as_str()])
            }
            (None, None) => (format!("{STOCK_COLUMNS} ORDER BY sku, location"), vec![]),
        };
        let mut statement = self.conn()?.prepare_cached(&sql).map_err(sql_error)?;
        let rows = statement
            .query_map(rusqlite::params_from_iter(values), stock_row)
            .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
            .map_err(sql_error)?;
        rows.into_iter().map(stock_level).collect()
    }

    fn stock_levels_of(&mut self, skus: &[&Sku]) -> Result<Vec<StockLevel>> {
        let marks = vec!["?"; skus.len()].join(", ");
        let sql = format!("{STOCK_COLUMNS} WHERE sku IN ({marks}) ORDER BY sku, location");
        let mut statement = self.conn()?.prepare_cached(&sql).map_err(sql_error)?;
        let rows = statement
            .query_map(rusqlite::params_from_iter(skus.iter().map(|sku| sku.as_str())), stock_row)
            .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
            .map_err(sql_error)?;
        rows.into_iter().map(stock_level).collect()
    }

    fn append_movement(&mut self, movement: &Movement) -> Result<u64> {
        // Written at commit in one statement; the number returned is provisional.
        self.movements.push(movement.clone());
        Ok(self.movements.len() as u64)
    }

    fn movements(&mut self, sku: &Sku, location: &LocationId, after: u64, limit: usize) -> Result<Vec<Movement>> {
        let mut statement = self.conn()?
            .prepare_cached(
                "SELECT sequence, reason, on_hand_delta, allocated_delta, held_delta, quarantined_delta, incoming_delta, \
                 reference, occurred_at FROM movements \
                 WHERE sku = ?1 AND location = ?2 AND sequence > ?3 ORDER BY sequence LIMIT ?4",
            )
            .map_err(sql_error)?;
        let rows = statement
            .query_map(params![sku.as_str(), location.as_str(), signed(after), signed(limit as u64)], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    Deltas {
                        on_hand: row.get(2)?,
                        allocated: row.get(3)?,
                        reserved: row.get(4)?,
                        quarantined: row.get(5)?,
                        incoming: row.get(6)?,
                    },
                    row.get::<_, Option<String>>(7)?,
                    row.get::<_, String>(8)?,
                ))
            })
            .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
            .map_err(sql_error)?;
        rows.into_iter()
            .map(|(sequence, reason, deltas, reference, occurred_at)| {
                Ok(Movement {
                    sequence: count(sequence),
                    sku: sku.clone(),
                    location: location.clone(),
                    reason: MovementReason::parse(&reason).map_err(Error::storage)?,
                    deltas,
                    reference,
                    occurred_at: parse_time(&occurred_at)?,
                })
            })
            .collect()
    }

    fn movement_totals(&mut self) -> Result<Vec<MovementTotal>> {
        let mut statement = self.conn()?
            .prepare_cached(
                "SELECT sku, location, SUM(on_hand_delta), SUM(allocated_delta), SUM(held_delta), \
                 SUM(quarantined_delta), SUM(incoming_delta) FROM movements GROUP BY sku, location ORDER BY sku, location",
            )
            .map_err(sql_error)?;
        let rows = statement
            .query_map([], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    Deltas {
                        on_hand: row.get(2)?,
                        allocated: row.get(3)?,
                        reserved: row.get(4)?,
                        quarantined: row.get(5)?,
                        incoming: row.get(6)?,
                    },
                ))
            })
            .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
            .map_err(sql_error)?;
        rows.into_iter()
            .map(|(sku, location, totals)| {
                Ok(MovementTotal { sku: Sku::from_stored(sku), location: LocationId::from_stored(location), totals })
            })
            .collect()
    }

    fn order(&mut self, id: &OrderId) -> Result<Option<Order>> {
        self.document("SELECT doc FROM orders WHERE id = ?1", id.as_str())
    }

    fn put_order(&mut self, order: &Order) -> Result<()> {
        let doc = to_json(order)?;
        let written = if order.version == 1 {
            self.conn()?
                .prepare_cached(
                    "INSERT OR IGNORE INTO orders (sequence, id, channel, customer_email, status, version, doc) \
                     VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6)",
                )
                .and_then(|mut s| {
                    s.execute(params![
                        signed(order.sequence),
                        order.id.as_str(),
                        order.channel.as_str(),
                        order.customer_email.as_str(),
                        order.status.as_str(),
                        doc
                    ])
                })
        } else {
            self.conn()?
                .prepare_cached("UPDATE orders SET status = ?2, version = ?3, doc = ?4 WHERE id = ?1 AND version = ?5")
                .and_then(|mut s| {
                    s.execute(params![
                        order.id.as_str(),
                        order.status.as_str(),
                        signed(order.version),
                        doc,
                        signed(order.version - 1)
                    ])
                })
        }
        .map_err(sql_error)?;
        written_once(written as u64, "order", order.id.as_str(), order.version)
    }

    fn orders(&mut self, filter: &OrderFilter) -> Result<Vec<Order>> {
        let mut statement = self
            .conn()?
            .prepare_cached(
                "SELECT doc FROM orders WHERE sequence > ?1 AND (?2 IS NULL OR customer_email = ?2) \
                 AND (?3 IS NULL OR channel = ?3) AND (?4 IS NULL OR status = ?4) ORDER BY sequence LIMIT ?5",
            )
            .map_err(sql_error)?;
        let docs = statement
            .query_map(
                params![
                    signed(filter.after_sequence),
                    filter.customer_email.as_ref().map(|e| e.as_str()),
                    filter.channel.as_ref().map(ChannelId::as_str),
                    filter.status.map(OrderStatus::as_str),
                    signed(filter.limit as u64),
                ],
                |row| row.get::<_, String>(0),
            )
            .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
            .map_err(sql_error)?;
        docs.iter().map(|doc| from_json(doc)).collect()
    }

    fn order_status_counts(&mut self) -> Result<Vec<(OrderStatus, u64)>> {
        let mut statement = self
            .conn()?
            .prepare_cached("SELECT status, COUNT(*) FROM orders GROUP BY status ORDER BY status")
            .map_err(sql_error)?;
        let rows = statement
            .query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?)))
            .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
            .map_err(sql_error)?;
        rows.into_iter()
            .map(|(status, n)| Ok((OrderStatus::parse(&status).map_err(Error::storage)?, count(n))))
            .collect()
    }

    fn next_sequence(&mut self, name: &str) -> Result<u64> {
        let value: i64 = self
            .conn()?
            .prepare_cached(
                "INSERT INTO sequences (name, value) VALUES (?1, 1) \
                 ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value",
            )
            .and_then(|mut s| s.query_row([name], |row| row.get(0)))
            .map_err(sql_error)?;
        Ok(count(value))
    }

    fn append_event(&mut self, occurred_at: Timestamp, event: &Event) -> Result<u64> {
        // Written at commit in one statement; the number returned is provisional.
        self.events.push((occurred_at, event.clone()));
        Ok(self.events.len() as u64)
    }

    fn events_since(&mut self, cursor: u64, limit: usize) -> Result<Vec<EventRecord>> {
        let mut statement = self
            .conn()?
            .prepare_cached(
                "SELECT sequence, occurred_at, doc FROM events WHERE sequence > ?1 ORDER BY sequence LIMIT ?2",
            )
            .map_err(sql_error)?;
        let rows = statement
            .query_map(params![signed(cursor), signed(limit as u64)], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?, row.get::<_, String>(2)?))
            })
            .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
            .map_err(sql_error)?;
        rows.into_iter()
            .map(|(sequence, at, doc)| {
                Ok(EventRecord { sequence: count(sequence), occurred_at: parse_time(&at)?, event: from_json(&doc)? })
            })
            .collect()
    }

    fn reservation(&mut self, id: &ReservationId) -> Result<Option<Reservation>> {
        self.document("SELECT doc FROM holds WHERE id = ?1", id.as_str())
    }

    fn put_reservation(&mut self, reservation: &Reservation) -> Result<()> {
        let doc = to_json(reservation)?;
        let expires_at = time_text(&reservation.expires_at);
        let written = if reservation.version == 1 {
            self.conn()?
                .prepare_cached(
                    "INSERT OR IGNORE INTO holds (id, status, expires_at, version, doc) VALUES (?1, ?2, ?3, 1, ?4)",
                )
                .and_then(|mut s| s.execute(params![reservation.id.as_str(), reservation.status.as_str(), expires_at, doc]))
        } else {
            self.conn()?
                .prepare_cached(
                    "UPDATE holds SET status = ?2, expires_at = ?3, version = ?4, doc = ?5 WHERE id = ?1 AND version = ?6",
                )
                .and_then(|mut s| {
                    s.execute(params![
                        reservation.id.as_str(),
                        reservation.status.as_str(),
                        expires_at,
                        signed(reservation.version),
                        doc,
                        signed(reservation.version - 1)
                    ])
                })
        }
        .map_err(sql_error)?;
        written_once(written as u64, "reservation", reservation.id.as_str(), reservation.version)?;
        self.index_reservation(reservation)
    }

    fn expired_reservations(&mut self, now: Timestamp, limit: usize) -> Result<Vec<Reservation>> {
        self.documents(
            "SELECT doc FROM holds WHERE status = 'active' AND expires_at <= ?1 ORDER BY expires_at, id LIMIT ?2",
            params![time_text(&now), signed(limit as u64)],
        )
    }

    fn stock_levels_due(&mut self, skus: &[&Sku], now: Timestamp) -> Result<Vec<LevelDue>> {
        let marks = vec!["?"; skus.len()].join(", ");
        let sql = format!(
            "SELECT s.sku, s.location, s.on_hand, s.allocated, s.held, s.quarantined, s.incoming, s.version, \
             (SELECT COALESCE(SUM(h.quantity), 0) FROM hold_units h \
              WHERE h.sku = s.sku AND h.expires_at <= ?1 AND h.location = s.location) \
             FROM stock s WHERE s.sku IN ({marks}) ORDER BY s.sku, s.location"
        );
        let now = time_text(&now);
        let values = std::iter::once(now.as_str()).chain(skus.iter().map(|sku| sku.as_str()));
        let mut statement = self.conn()?.prepare_cached(&sql).map_err(sql_error)?;
        let rows = statement
            .query_map(rusqlite::params_from_iter(values), |row| Ok((stock_row(row)?, row.get::<_, i64>(8)?)))
            .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
            .map_err(sql_error)?;
        rows.into_iter()
            .map(|(row, reserved_expired)| Ok(LevelDue { level: stock_level(row)?, reserved_expired }))
            .collect()
    }

    fn expired_reservations_of(&mut self, skus: &[&Sku], now: Timestamp) -> Result<Vec<Reservation>> {
        let marks = vec!["?"; skus.len()].join(", ");
        let sql = format!(
            "SELECT doc FROM holds WHERE status = 'active' AND expires_at <= ?1 AND id IN \
             (SELECT hold_id FROM hold_units WHERE sku IN ({marks}) AND expires_at <= ?1) ORDER BY expires_at, id"
        );
        let now = time_text(&now);
        let values = std::iter::once(now.as_str()).chain(skus.iter().map(|sku| sku.as_str()));
        self.documents(&sql, rusqlite::params_from_iter(values))
    }

    fn transfer(&mut self, id: &TransferId) -> Result<Option<Transfer>> {
        self.document("SELECT doc FROM transfers WHERE id = ?1", id.as_str())
    }

    fn put_transfer(&mut self, transfer: &Transfer) -> Result<()> {
        self.put_document("transfers", "id", transfer.id.as_str(), transfer.version, &to_json(transfer)?)
    }

    fn region_distance(&mut self, from_region: &str, to_region: &str) -> Result<Option<u32>> {
        let distance: Option<i64> = self
            .conn()?
            .prepare_cached("SELECT distance_km FROM region_distances WHERE from_region = ?1 AND to_region = ?2")
            .and_then(|mut s| s.query_row([from_region, to_region], |row| row.get(0)).optional())
            .map_err(sql_error)?;
        Ok(distance.map(|km| u32::try_from(km).unwrap_or(u32::MAX)))
    }

    fn put_region_distance(&mut self, from_region: &str, to_region: &str, distance_km: u32) -> Result<()> {
        self.conn()?
            .prepare_cached(
                "INSERT INTO region_distances (from_region, to_region, distance_km) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (from_region, to_region) DO UPDATE SET distance_km = excluded.distance_km",
            )
            .and_then(|mut s| s.execute(params![from_region, to_region, i64::from(distance_km)]))
            .map_err(sql_error)?;
        Ok(())
    }

    fn counter(&mut self, name: &str) -> Result<i64> {
        let value: Option<i64> = self
            .conn()?
            .prepare_cached("SELECT value FROM counters WHERE name = ?1")
            .and_then(|mut s| s.query_row([name], |row| row.get(0)).optional())
            .map_err(sql_error)?;
        Ok(value.unwrap_or(0))
    }

    fn add_to_counter(&mut self, name: &str, delta: i64) -> Result<i64> {
        self.conn()?
            .prepare_cached(
                "INSERT INTO counters (name, value) VALUES (?1, ?2) \
                 ON CONFLICT (name) DO UPDATE SET value = value + excluded.value RETURNING value",
            )
            .and_then(|mut s| s.query_row(params![name, delta], |row| row.get(0)))
            .map_err(sql_error)
    }

    fn add_to_counters(&mut self, deltas: &[(String, i64)]) -> Result<()> {
        if deltas.is_empty() {
            return Ok(());
        }
        let rows = vec!["(?, ?)"; deltas.len()].join(", ");
        let sql = format!(
            "INSERT INTO counters (name, value) VALUES {rows} ON CONFLICT (name) DO UPDATE SET value = value + excluded.value"
        );
        let values = deltas.iter().flat_map(|(name, delta)| {
            [rusqlite::types::Value::Text(name.clone()), rusqlite::types::Value::Integer(*delta)]
        });
        self.conn()?
            .prepare_cached(&sql)
            .and_then(|mut statement| statement.execute(rusqlite::params_from_iter(values)))
            .map(drop)
            .map_err(sql_error)
    }

    fn add_backorder(&mut self, entry: &BackorderEntry) -> Result<()> {
        self.conn()?
            .prepare_cached(
                "INSERT OR IGNORE INTO backorders (sku, order_sequence, line_number, order_id) VALUES (?1, ?2, ?3, ?4)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    entry.sku.as_str(),
                    signed(entry.order_sequence),
                    entry.line_number,
                    entry.order_id.as_str()
                ])
            })
            .map_err(sql_error)?;
        Ok(())
    }

    fn backorders(&mut self, sku: &Sku, limit: usize) -> Result<Vec<BackorderEntry>> {
        let mut statement = self
            .conn()?
            .prepare_cached(
                "SELECT order_sequence, line_number, order_id FROM backorders WHERE sku = ?1 \
                 ORDER BY order_sequence, line_number LIMIT ?2",
            )
            .map_err(sql_error)?;
        let rows = statement
            .query_map(params![sku.as_str(), signed(limit as u64)], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, u32>(1)?, row.get::<_, String>(2)?))
            })
            .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
            .map_err(sql_error)?;
        rows.into_iter()
            .map(|(order_sequence, line_number, order_id)| {
                Ok(BackorderEntry {
                    sku: sku.clone(),
                    order_sequence: count(order_sequence),
                    order_id: OrderId::from_stored(order_id),
                    line_number,
                })
            })
            .collect()
    }

    fn remove_backorder(&mut self, entry: &BackorderEntry) -> Result<()> {
        self.conn()?
            .prepare_cached("DELETE FROM backorders WHERE sku = ?1 AND order_sequence = ?2 AND line_number = ?3")
            .and_then(|mut s| s.execute(params![entry.sku.as_str(), signed(entry.order_sequence), entry.line_number]))
            .map_err(sql_error)?;
        Ok(())
    }

    fn idempotency(&mut self, key: &IdempotencyKey) -> Result<Option<IdempotencyRecord>> {
        let row = self
            .conn()?
            .prepare_cached("SELECT command, payload, result, created_at FROM idempotency WHERE key = ?1")
            .and_then(|mut s| {
                s.query_row([key.as_str()], |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, String>(2)?,
                        row.get::<_, String>(3)?,
                    ))
                })
                .optional()
            })
            .map_err(sql_error)?;
        row.map(|(command, payload, result, created_at)| {
            Ok(IdempotencyRecord { key: key.clone(), command, payload, result, created_at: parse_time(&created_at)? })
        })
        .transpose()
    }

    fn put_idempotency(&mut self, record: &IdempotencyRecord) -> Result<()> {
        let written = self.conn()?
            .prepare_cached(
                "INSERT OR IGNORE INTO idempotency (key, command, payload, result, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    record.key.as_str(),
                    record.command,
                    record.payload,
                    record.result,
                    time_text(&record.created_at)
                ])
            })
            .map_err(sql_error)?;
        if written == 1 {
            Ok(())
        } else {
            Err(version_conflict("idempotency key", record.key.as_str(), 1, 1))
        }
    }

    fn commit(mut self: Box<Self>) -> Result<()> {
        // On failure the transaction drops unfinished and rolls back.
        self.flush()?;
        self.finished = true;
        let Some(mut shared) = self.slot.take() else { return Err(Error::storage("the transaction has ended")) };
        if self.grouped {
            if let Err(error) = shared.connection.execute_batch("RELEASE command") {
                let _ = shared.connection.execute_batch("ROLLBACK TO command; RELEASE command");
                let batch_max = self.store.group_commit.map_or(1, |g| g.batch_max);
                let _ = self.store.finish_grouped(shared, batch_max);
                return Err(sql_error(error));
            }
            if let Some((_, size)) = shared.open_batch.as_mut() {
                *size += 1;
            }
            let batch_max = self.store.group_commit.map_or(1, |g| g.batch_max);
            return self.store.finish_grouped(shared, batch_max);
        }
        if let Err(error) = shared.connection.execute_batch("COMMIT") {
            // A failed COMMIT may leave the transaction open; end it so the connection stays usable.
            let _ = shared.connection.execute_batch("ROLLBACK");
            return Err(sql_error(error));
        }
        Ok(())
    }
}
