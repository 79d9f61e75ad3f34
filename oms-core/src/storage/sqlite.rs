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

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{version_conflict, Access, IdempotencyRecord, MovementTotal, OrderFilter, Store, Transaction};
use crate::catalog::{Channel, Location, Product};
use crate::error::{Error, Result};
use crate::events::{Event, EventRecord};
use crate::ids::{ChannelId, IdempotencyKey, LocationId, OrderId, Sku};
use crate::inventory::{Movement, MovementReason, StockLevel};
use crate::order::{Order, OrderStatus};
use crate::time::Timestamp;

/// How long a writer waits for another process's write lock before giving up
/// with `storage_unavailable`.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Schema migrations, applied in order; the file records how many ran in `PRAGMA user_version`.
const MIGRATIONS: &[&str] = &[r"
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
"];

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

/// A SQLite file.
#[derive(Debug)]
pub struct SqliteStore {
    connection: Mutex<Connection>,
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
        let connection = Connection::open(path).map_err(sql_error)?;
        connection.busy_timeout(BUSY_TIMEOUT).map_err(sql_error)?;
        let synchronous = match durability {
            Durability::Full => "FULL",
            Durability::Normal => "NORMAL",
        };
        connection
            .execute_batch(&format!("PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous};"))
            .map_err(sql_error)?;
        migrate(&connection)?;
        Ok(SqliteStore { connection: Mutex::new(connection) })
    }
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
        Ok(())
    })();
    let end = if outcome.is_ok() { "COMMIT" } else { "ROLLBACK" };
    connection.execute_batch(end).map_err(sql_error)?;
    outcome
}

impl Store for SqliteStore {
    fn begin(&self, access: Access) -> Result<Box<dyn Transaction + '_>> {
        let connection = self.connection.lock().unwrap_or_else(PoisonError::into_inner);
        let begin = match access {
            Access::Read => "BEGIN",
            Access::Write => "BEGIN IMMEDIATE",
        };
        connection.execute_batch(begin).map_err(sql_error)?;
        Ok(Box::new(SqliteTransaction { connection, finished: false }))
    }
}

struct SqliteTransaction<'a> {
    connection: MutexGuard<'a, Connection>,
    finished: bool,
}

impl Drop for SqliteTransaction<'_> {
    fn drop(&mut self) {
        if !self.finished {
            // Nothing useful can be done with a failed rollback; SQLite rolls back on its own when it can.
            let _ = self.connection.execute_batch("ROLLBACK");
        }
    }
}

fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(Error::storage)
}

fn from_json<T: DeserializeOwned>(text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|error| Error::storage(format!("stored document is unreadable: {error}")))
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

impl SqliteTransaction<'_> {
    fn document<T: DeserializeOwned>(&self, sql: &str, key: &str) -> Result<Option<T>> {
        let text: Option<String> = self
            .connection
            .prepare_cached(sql)
            .and_then(|mut statement| statement.query_row([key], |row| row.get(0)).optional())
            .map_err(sql_error)?;
        text.as_deref().map(from_json).transpose()
    }

    /// Inserts a record at version 1, or updates the stored version `version - 1`.
    fn put_document(&self, table: &str, key_column: &str, key: &str, version: u64, doc: &str) -> Result<()> {
        let written = if version == 1 {
            let sql = format!("INSERT OR IGNORE INTO {table} ({key_column}, version, doc) VALUES (?1, 1, ?2)");
            self.connection.prepare_cached(&sql).and_then(|mut s| s.execute(params![key, doc]))
        } else {
            let sql = format!("UPDATE {table} SET version = ?2, doc = ?3 WHERE {key_column} = ?1 AND version = ?4");
            self.connection
                .prepare_cached(&sql)
                .and_then(|mut s| s.execute(params![key, signed(version), doc, signed(version - 1)]))
        }
        .map_err(sql_error)?;
        if written == 1 {
            Ok(())
        } else {
            Err(version_conflict(table, key, version.saturating_sub(1), version))
        }
    }
}

fn stock_row(row: &Row<'_>) -> rusqlite::Result<(String, String, i64, i64, i64)> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?))
}

fn stock_level(row: (String, String, i64, i64, i64)) -> Result<StockLevel> {
    Ok(StockLevel {
        sku: Sku::new(row.0)?,
        location: LocationId::new(row.1)?,
        on_hand: row.2,
        allocated: row.3,
        version: count(row.4),
    })
}

impl Transaction for SqliteTransaction<'_> {
    fn product(&mut self, sku: &Sku) -> Result<Option<Product>> {
        self.document("SELECT doc FROM products WHERE sku = ?1", sku.as_str())
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

    fn channel(&mut self, id: &ChannelId) -> Result<Option<Channel>> {
        self.document("SELECT doc FROM channels WHERE id = ?1", id.as_str())
    }

    fn put_channel(&mut self, channel: &Channel) -> Result<()> {
        self.put_document("channels", "id", channel.id.as_str(), channel.version, &to_json(channel)?)
    }

    fn stock(&mut self, sku: &Sku, location: &LocationId) -> Result<Option<StockLevel>> {
        let row = self
            .connection
            .prepare_cached(
                "SELECT sku, location, on_hand, allocated, version FROM stock WHERE sku = ?1 AND location = ?2",
            )
            .and_then(|mut s| s.query_row([sku.as_str(), location.as_str()], stock_row).optional())
            .map_err(sql_error)?;
        row.map(stock_level).transpose()
    }

    fn put_stock(&mut self, level: &StockLevel) -> Result<()> {
        let written = if level.version == 1 {
            self.connection
                .prepare_cached(
                    "INSERT OR IGNORE INTO stock (sku, location, on_hand, allocated, version) VALUES (?1, ?2, ?3, ?4, 1)",
                )
                .and_then(|mut s| s.execute(params![level.sku.as_str(), level.location.as_str(), level.on_hand, level.allocated]))
        } else {
            self.connection
                .prepare_cached(
                    "UPDATE stock SET on_hand = ?3, allocated = ?4, version = ?5 \
                     WHERE sku = ?1 AND location = ?2 AND version = ?6",
                )
                .and_then(|mut s| {
                    s.execute(params![
                        level.sku.as_str(),
                        level.location.as_str(),
                        level.on_hand,
                        level.allocated,
                        signed(level.version),
                        signed(level.version - 1)
                    ])
                })
        }
        .map_err(sql_error)?;
        if written == 1 {
            Ok(())
        } else {
            Err(version_conflict(
                "stock",
                &format!("{}@{}", level.sku, level.location),
                level.version - 1,
                level.version,
            ))
        }
    }

    fn stock_levels(&mut self, sku: Option<&Sku>, location: Option<&LocationId>) -> Result<Vec<StockLevel>> {
        // One statement per filter shape, so that each can use the primary key
        // (an `?1 IS NULL OR sku = ?1` test would scan the whole table).
        const COLUMNS: &str = "SELECT sku, location, on_hand, allocated, version FROM stock";
        let (sql, values): (String, Vec<&str>) = match (sku, location) {
            (Some(sku), Some(location)) => {
                (format!("{COLUMNS} WHERE sku = ?1 AND location = ?2"), vec![sku.as_str(), location.as_str()])
            }
            (Some(sku), None) => (format!("{COLUMNS} WHERE sku = ?1 ORDER BY location"), vec![sku.as_str()]),
            (None, Some(location)) => (format!("{COLUMNS} WHERE location = ?1 ORDER BY sku"), vec![location.as_str()]),
            (None, None) => (format!("{COLUMNS} ORDER BY sku, location"), vec![]),
        };
        let mut statement = self.connection.prepare_cached(&sql).map_err(sql_error)?;
        let rows = statement
            .query_map(rusqlite::params_from_iter(values), stock_row)
            .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
            .map_err(sql_error)?;
        rows.into_iter().map(stock_level).collect()
    }

    fn append_movement(&mut self, movement: &Movement) -> Result<u64> {
        self.connection
            .prepare_cached(
                "INSERT INTO movements (sku, location, reason, on_hand_delta, allocated_delta, order_id, occurred_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    movement.sku.as_str(),
                    movement.location.as_str(),
                    movement.reason.as_str(),
                    movement.on_hand_delta,
                    movement.allocated_delta,
                    movement.order_id.as_ref().map(OrderId::as_str),
                    time_text(&movement.occurred_at),
                ])
            })
            .map_err(sql_error)?;
        Ok(count(self.connection.last_insert_rowid()))
    }

    fn movements(&mut self, sku: &Sku, location: &LocationId, after: u64, limit: usize) -> Result<Vec<Movement>> {
        let mut statement = self
            .connection
            .prepare_cached(
                "SELECT sequence, reason, on_hand_delta, allocated_delta, order_id, occurred_at FROM movements \
                 WHERE sku = ?1 AND location = ?2 AND sequence > ?3 ORDER BY sequence LIMIT ?4",
            )
            .map_err(sql_error)?;
        let rows = statement
            .query_map(params![sku.as_str(), location.as_str(), signed(after), signed(limit as u64)], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, i64>(2)?,
                    row.get::<_, i64>(3)?,
                    row.get::<_, Option<String>>(4)?,
                    row.get::<_, String>(5)?,
                ))
            })
            .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
            .map_err(sql_error)?;
        rows.into_iter()
            .map(|(sequence, reason, on_hand_delta, allocated_delta, order_id, occurred_at)| {
                Ok(Movement {
                    sequence: count(sequence),
                    sku: sku.clone(),
                    location: location.clone(),
                    reason: MovementReason::parse(&reason).map_err(Error::storage)?,
                    on_hand_delta,
                    allocated_delta,
                    order_id: order_id.map(OrderId::new).transpose()?,
                    occurred_at: parse_time(&occurred_at)?,
                })
            })
            .collect()
    }

    fn movement_totals(&mut self) -> Result<Vec<MovementTotal>> {
        let mut statement = self
            .connection
            .prepare_cached(
                "SELECT sku, location, SUM(on_hand_delta), SUM(allocated_delta) FROM movements \
                 GROUP BY sku, location ORDER BY sku, location",
            )
            .map_err(sql_error)?;
        let rows = statement
            .query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get(2)?, row.get(3)?)))
            .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
            .map_err(sql_error)?;
        rows.into_iter()
            .map(|(sku, location, on_hand, allocated)| {
                Ok(MovementTotal { sku: Sku::new(sku)?, location: LocationId::new(location)?, on_hand, allocated })
            })
            .collect()
    }

    fn order(&mut self, id: &OrderId) -> Result<Option<Order>> {
        self.document("SELECT doc FROM orders WHERE id = ?1", id.as_str())
    }

    fn put_order(&mut self, order: &Order) -> Result<()> {
        let doc = to_json(order)?;
        let written = if order.version == 1 {
            self.connection
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
            self.connection
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
        if written == 1 {
            Ok(())
        } else {
            Err(version_conflict("order", order.id.as_str(), order.version - 1, order.version))
        }
    }

    fn orders(&mut self, filter: &OrderFilter) -> Result<Vec<Order>> {
        let mut statement = self
            .connection
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
            .connection
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
            .connection
            .prepare_cached(
                "INSERT INTO sequences (name, value) VALUES (?1, 1) \
                 ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value",
            )
            .and_then(|mut s| s.query_row([name], |row| row.get(0)))
            .map_err(sql_error)?;
        Ok(count(value))
    }

    fn append_event(&mut self, occurred_at: Timestamp, event: &Event) -> Result<u64> {
        self.connection
            .prepare_cached("INSERT INTO events (type, occurred_at, doc) VALUES (?1, ?2, ?3)")
            .and_then(|mut s| {
                s.execute(params![event.name(), time_text(&occurred_at), to_json(event).unwrap_or_default()])
            })
            .map_err(sql_error)?;
        Ok(count(self.connection.last_insert_rowid()))
    }

    fn events_since(&mut self, cursor: u64, limit: usize) -> Result<Vec<EventRecord>> {
        let mut statement = self
            .connection
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

    fn idempotency(&mut self, key: &IdempotencyKey) -> Result<Option<IdempotencyRecord>> {
        let row = self
            .connection
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
        let written = self
            .connection
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
        self.finished = true;
        if let Err(error) = self.connection.execute_batch("COMMIT") {
            // A failed COMMIT may leave the transaction open; end it so the connection stays usable.
            let _ = self.connection.execute_batch("ROLLBACK");
            return Err(sql_error(error));
        }
        Ok(())
    }
}
