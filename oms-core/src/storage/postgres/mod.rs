//! The PostgreSQL backend: many application instances (processes, machines)
//! on one database.
//!
//! Concurrency rules:
//! - Transactions run at READ COMMITTED; every read of a mutable record in a
//!   write transaction takes its row lock (`FOR UPDATE`), so a stock check and
//!   the update that follows it can never interleave with another writer's.
//!   The service reads stock SKU by SKU in sorted order, so concurrent orders
//!   lock rows in one fixed order; a deadlock PostgreSQL still detects (an
//!   order row against a stock row) is retried like any conflict.
//! - Writes are conditional on the version read (`WHERE version = $n`); a
//!   stale write, a unique violation, a serialization failure or a deadlock is
//!   `conflict`, which the service retries a bounded number of times.
//! - An idempotency key is locked (`pg_advisory_xact_lock`) before it is
//!   looked up, so concurrent duplicates run once: the second waits, then
//!   replays the first's stored result.
//! - Outbox events are buffered and numbered at commit, under a lock on the
//!   outbox counter, so sequences are assigned in commit order and a reader's
//!   cursor never skips an event that commits later with a smaller number.
//! - A connection failure before `COMMIT` is `storage_unavailable`: the
//!   transaction is not committed, so nothing is half-applied. A connection
//!   lost during `COMMIT` leaves the outcome unknown to the client; the
//!   server knows it, so the store asks ([`outcome`]) and answers as the
//!   server does: the committed result, or `storage_unavailable` when the
//!   server rolled it back, or `storage_outcome_unknown` when it cannot tell.
//!
//! Each shop lives in its own schema (`schema=NAME` in the URL, default `oms`;
//! which names are allowed is in [`schema`]).
//! Orderings of text columns use the `C` collation, so results come in the
//! same (byte) order as on the other backends whatever the database's collation.

mod contract;
mod copy;
mod errors;
mod outcome;
mod schema;

use std::collections::HashMap;
use std::sync::{Condvar, Mutex, PoisonError};

use chrono::{DateTime, Utc};
use postgres::types::ToSql;
use postgres::{Client, NoTls, Row, Statement};
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
use errors::{describe, pg_error, redact, redact_error, url_password};
use schema::{check_schema, quoted, split_schema, MIGRATIONS, MIGRATION_LOCK, SCHEMA_DEFAULT};

/// Connections a store keeps open at most.
pub const POOL_SIZE_DEFAULT: usize = 16;

/// Where and how to connect.
#[derive(Debug, Clone)]
pub struct PostgresOptions {
    /// The schema the shop's tables live in (created if missing).
    pub schema: String,
    pub pool_size: usize,
}

/// A pooled connection with the statements it has prepared.
struct Connection {
    client: Client,
    statements: HashMap<String, Statement>,
}

/// A PostgreSQL database (one schema of it).
pub struct PostgresStore {
    config: postgres::Config,
    schema: String,
    pool_size: usize,
    /// Statements sent, for [`Store::statements_executed`].
    statements: std::sync::atomic::AtomicU64,
    /// Idle connections, and how many exist in all.
    idle: Mutex<(Vec<Connection>, usize)>,
    returned: Condvar,
}

impl std::fmt::Debug for PostgresStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresStore").field("schema", &self.schema).field("pool_size", &self.pool_size).finish()
    }
}

impl PostgresStore {
    /// Connects to `url` (a `postgres://` URL, optionally with `schema=NAME`)
    /// and brings the schema up to date.
    pub fn open(url: &str) -> Result<PostgresStore> {
        let (url, schema) = split_schema(url);
        let options =
            PostgresOptions { schema: schema.unwrap_or_else(|| SCHEMA_DEFAULT.into()), pool_size: POOL_SIZE_DEFAULT };
        PostgresStore::open_with(&url, options)
    }

    /// Connects with explicit options.
    pub fn open_with(url: &str, options: PostgresOptions) -> Result<PostgresStore> {
        check_schema(&options.schema)?;
        let config: postgres::Config = url.parse().map_err(|error: postgres::Error| {
            let message = redact(describe(&error), url_password(url).map(str::as_bytes));
            Error::invalid_input("target", format!("not a PostgreSQL URL: {message}"))
        })?;
        let store = PostgresStore {
            config,
            schema: options.schema,
            pool_size: options.pool_size.max(1),
            statements: std::sync::atomic::AtomicU64::new(0),
            idle: Mutex::new((Vec::new(), 0)),
            returned: Condvar::new(),
        };
        // Taken through the pool, so that the pool counts it.
        let mut connection = store.take()?;
        let migrated = store.migrate(&mut connection.client);
        store.give_back(connection);
        migrated.map_err(|error| redact_error(error, store.config.get_password()))?;
        Ok(store)
    }

    fn count_statement(&self) {
        self.statements.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    fn connect(&self) -> Result<Connection> {
        let password = self.config.get_password();
        // Any failure to connect (no server, no such database or role) means the store cannot be reached.
        let unavailable =
            |error: postgres::Error| Error::StorageUnavailable { message: redact(describe(&error), password) };
        let mut client = self.config.connect(NoTls).map_err(unavailable)?;
        client
            .batch_execute(&format!("SET search_path TO {}; SET lock_timeout = '30s'", quoted(&self.schema)))
            .map_err(|error| redact_error(pg_error(error), password))?;
        Ok(Connection { client, statements: HashMap::new() })
    }

    fn migrate(&self, client: &mut Client) -> Result<()> {
        client.batch_execute("BEGIN").map_err(pg_error)?;
        let outcome = (|| {
            // Two processes opening the same schema at once: the second waits here, then finds it migrated.
            let lock_name = format!("oms migrations {}", self.schema);
            client
                .execute("SELECT pg_advisory_xact_lock(hashtextextended($1, $2))", &[&lock_name, &MIGRATION_LOCK])
                .map_err(pg_error)?;
            client
                .batch_execute(&format!(
                    "CREATE SCHEMA IF NOT EXISTS {0}; CREATE TABLE IF NOT EXISTS {0}.schema_version (version INTEGER NOT NULL)",
                    quoted(&self.schema)
                ))
                .map_err(pg_error)?;
            let applied: i64 = client
                .query_one("SELECT COALESCE(MAX(version), 0)::BIGINT FROM schema_version", &[])
                .map_err(pg_error)?
                .get(0);
            let applied = usize::try_from(applied).unwrap_or(0);
            if applied > MIGRATIONS.len() {
                return Err(Error::storage(format!(
                    "schema {} is at version {applied}, newer than this library's {}",
                    self.schema,
                    MIGRATIONS.len()
                )));
            }
            for (index, migration) in MIGRATIONS.iter().enumerate().skip(applied) {
                client.batch_execute(migration).map_err(pg_error)?;
                let version = i32::try_from(index + 1).unwrap_or(i32::MAX);
                client.execute("INSERT INTO schema_version (version) VALUES ($1)", &[&version]).map_err(pg_error)?;
            }
            Ok(())
        })();
        let end = if outcome.is_ok() { "COMMIT" } else { "ROLLBACK" };
        client.batch_execute(end).map_err(pg_error)?;
        outcome
    }

    /// A connection from the pool, opening one if the pool is not full, else waiting.
    fn take(&self) -> Result<Connection> {
        let mut pool = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            if let Some(connection) = pool.0.pop() {
                if !connection.client.is_closed() {
                    return Ok(connection);
                }
                pool.1 = pool.1.saturating_sub(1);
                continue;
            }
            if pool.1 < self.pool_size {
                pool.1 += 1;
                drop(pool);
                return self.connect().inspect_err(|_| {
                    let mut pool = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
                    pool.1 = pool.1.saturating_sub(1);
                    self.returned.notify_one();
                });
            }
            pool = self.returned.wait(pool).unwrap_or_else(PoisonError::into_inner);
        }
    }

    fn give_back(&self, connection: Connection) {
        let mut pool = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        if connection.client.is_closed() {
            pool.1 = pool.1.saturating_sub(1);
        } else {
            pool.0.push(connection);
        }
        self.returned.notify_one();
    }
}

impl Store for PostgresStore {
    fn statements_executed(&self) -> u64 {
        self.statements.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn begin(&self, access: Access) -> Result<Box<dyn Transaction + '_>> {
        self.count_statement();
        // A pooled connection the server closed while it sat idle fails its
        // BEGIN; it is dropped and another taken (at most once per pooled
        // connection), so a restart of the server costs no caller an error.
        let mut attempts = 0;
        let connection = loop {
            let mut connection = self.take()?;
            match connection.client.batch_execute("BEGIN") {
                Ok(()) => break connection,
                Err(error) => {
                    let closed = connection.client.is_closed();
                    self.give_back(connection);
                    attempts += 1;
                    if !closed || attempts > self.pool_size {
                        return Err(pg_error(error));
                    }
                }
            }
        };
        Ok(Box::new(PostgresTransaction {
            store: self,
            connection: Some(connection),
            write: access == Access::Write,
            events: Vec::new(),
            movements: Vec::new(),
            txid: None,
            finished: false,
        }))
    }
}

struct PostgresTransaction<'a> {
    store: &'a PostgresStore,
    connection: Option<Connection>,
    write: bool,
    /// Outbox events, numbered and inserted at commit.
    events: Vec<(Timestamp, Event)>,
    /// Ledger movements, inserted in one statement at commit.
    movements: Vec<Movement>,
    /// The server's id of this transaction (`txid_current()`), learnt before
    /// `COMMIT` so that the commit's fate can be asked for if the connection
    /// is lost during it; `None` while unknown or when nothing was written.
    txid: Option<i64>,
    finished: bool,
}

impl Drop for PostgresTransaction<'_> {
    fn drop(&mut self) {
        if let Some(mut connection) = self.connection.take() {
            if !self.finished {
                // A failed rollback leaves the connection unusable; it is closed and dropped.
                if connection.client.batch_execute("ROLLBACK").is_err() {
                    let mut pool = self.store.idle.lock().unwrap_or_else(PoisonError::into_inner);
                    pool.1 = pool.1.saturating_sub(1);
                    self.store.returned.notify_one();
                    return;
                }
            }
            self.store.give_back(connection);
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
    at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

fn parse_time(text: &str) -> Result<Timestamp> {
    DateTime::parse_from_rfc3339(text)
        .map(|at| at.with_timezone(&Utc))
        .map_err(|error| Error::storage(format!("stored time {text:?} is unreadable: {error}")))
}

fn signed(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

fn count(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

const STOCK_COLUMNS: &str = "SELECT sku, location, on_hand, allocated, held, quarantined, incoming, version FROM stock";

fn stock_level(row: &Row) -> Result<StockLevel> {
    Ok(StockLevel {
        sku: Sku::from_stored(row.get::<_, String>(0)),
        location: LocationId::from_stored(row.get::<_, String>(1)),
        on_hand: row.get(2),
        allocated: row.get(3),
        // The column `held` is the `reserved` bucket (its name before the rename).
        reserved: row.get(4),
        quarantined: row.get(5),
        incoming: row.get(6),
        version: count(row.get(7)),
    })
}

fn deltas(row: &Row, first: usize) -> Deltas {
    Deltas {
        on_hand: row.get(first),
        allocated: row.get(first + 1),
        reserved: row.get(first + 2),
        quarantined: row.get(first + 3),
        incoming: row.get(first + 4),
    }
}

impl PostgresTransaction<'_> {
    fn connection(&mut self) -> Result<&mut Connection> {
        self.connection.as_mut().ok_or_else(|| Error::storage("the transaction has ended"))
    }

    /// The connection's prepared statement for `sql`, preparing it on first use.
    fn statement(&mut self, sql: &str) -> Result<(&mut Client, Statement)> {
        self.store.count_statement();
        let connection = self.connection()?;
        let statement = match connection.statements.get(sql) {
            Some(statement) => statement.clone(),
            None => {
                let statement = connection.client.prepare(sql).map_err(pg_error)?;
                connection.statements.insert(sql.to_string(), statement.clone());
                statement
            }
        };
        Ok((&mut connection.client, statement))
    }

    /// ` FOR UPDATE` in a write transaction: reads there are for changing.
    fn lock(&self) -> &'static str {
        if self.write {
            " FOR UPDATE"
        } else {
            ""
        }
    }

    fn query(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>> {
        let (client, statement) = self.statement(sql)?;
        client.query(&statement, params).map_err(pg_error)
    }

    fn execute(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<u64> {
        let (client, statement) = self.statement(sql)?;
        client.execute(&statement, params).map_err(pg_error)
    }

    fn document<T: DeserializeOwned>(&mut self, table: &str, key_column: &str, key: &str) -> Result<Option<T>> {
        let sql = format!("SELECT doc FROM {table} WHERE {key_column} = $1{}", self.lock());
        let rows = self.query(&sql, &[&key])?;
        rows.first().map(|row| from_json(&row.get::<_, String>(0))).transpose()
    }

    fn documents<T: DeserializeOwned>(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<T>> {
        self.query(sql, params)?.iter().map(|row| from_json(&row.get::<_, String>(0))).collect()
    }

    /// Inserts a record at version 1, or updates the stored version `version - 1`.
    fn put_document(&mut self, table: &str, key_column: &str, key: &str, version: u64, doc: &str) -> Result<()> {
        let written = if version == 1 {
            let sql = format!(
                "INSERT INTO {table} ({key_column}, version, doc) VALUES ($1, 1, $2) ON CONFLICT ({key_column}) DO NOTHING"
            );
            self.execute(&sql, &[&key, &doc])?
        } else {
            let sql = format!("UPDATE {table} SET version = $2, doc = $3 WHERE {key_column} = $1 AND version = $4");
            self.execute(&sql, &[&key, &signed(version), &doc, &signed(version - 1)])?
        };
        written_once(written, table, key, version)
    }
}

impl PostgresTransaction<'_> {
    /// Keeps the reservation's rows in `hold_units` in step with the reservation just written.
    fn index_reservation(&mut self, reservation: &Reservation) -> Result<()> {
        if reservation.version > 1 {
            self.execute("DELETE FROM hold_units WHERE hold_id = $1", &[&reservation.id.as_str()])?;
        }
        let units = reservation.reserved_units();
        if units.is_empty() {
            return Ok(());
        }
        let skus: Vec<&str> = units.iter().map(|reserved| reserved.sku.as_str()).collect();
        let locations: Vec<&str> = units.iter().map(|reserved| reserved.location.as_str()).collect();
        let quantities: Vec<i64> = units.iter().map(|reserved| reserved.quantity).collect();
        self.execute(
            "INSERT INTO hold_units (sku, expires_at, hold_id, location, quantity) \
             SELECT u.sku, $2::TEXT, $3::TEXT, u.location, u.quantity FROM unnest($1::TEXT[], $4::TEXT[], $5::BIGINT[]) \
             AS u(sku, location, quantity)",
            &[&skus, &time_text(&reservation.expires_at), &reservation.id.as_str(), &locations, &quantities],
        )?;
        Ok(())
    }

    fn flush_movements(&mut self) -> Result<()> {
        let movements = std::mem::take(&mut self.movements);
        if movements.is_empty() {
            return Ok(());
        }
        let column = |pick: fn(&Movement) -> String| movements.iter().map(pick).collect::<Vec<String>>();
        let number = |pick: fn(&Deltas) -> i64| movements.iter().map(|m| pick(&m.deltas)).collect::<Vec<i64>>();
        let references: Vec<Option<String>> = movements.iter().map(|m| m.reference.clone()).collect();
        self.execute(
            "INSERT INTO movements (sku, location, reason, on_hand_delta, allocated_delta, held_delta, \
             quarantined_delta, incoming_delta, reference, occurred_at) \
             SELECT * FROM unnest($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::BIGINT[], $5::BIGINT[], $6::BIGINT[], \
             $7::BIGINT[], $8::BIGINT[], $9::TEXT[], $10::TEXT[])",
            &[
                &column(|m| m.sku.to_string()),
                &column(|m| m.location.to_string()),
                &column(|m| m.reason.as_str().to_string()),
                &number(|d| d.on_hand),
                &number(|d| d.allocated),
                &number(|d| d.reserved),
                &number(|d| d.quarantined),
                &number(|d| d.incoming),
                &references,
                &column(|m| time_text(&m.occurred_at)),
            ],
        )?;
        Ok(())
    }

    /// Numbers the buffered events under the outbox counter's row lock, held
    /// to commit, so numbers follow commit order; inserts them in one statement.
    fn flush_events(&mut self) -> Result<()> {
        let events = std::mem::take(&mut self.events);
        if events.is_empty() {
            return Ok(());
        }
        let last = i64::try_from(events.len()).unwrap_or(i64::MAX);
        // The transaction id rides along, so that learning it costs no statement.
        let rows = self.query(
            "INSERT INTO counters (name, value) VALUES ('outbox', $1) \
             ON CONFLICT (name) DO UPDATE SET value = counters.value + excluded.value RETURNING value, txid_current()",
            &[&last],
        )?;
        let end = rows.first().map_or(last, |row| row.get::<_, i64>(0));
        self.txid = rows.first().map(|row| row.get::<_, i64>(1));
        let sequences: Vec<i64> = (end - last + 1..=end).collect();
        let names: Vec<String> = events.iter().map(|(_, event)| event.name().to_string()).collect();
        let times: Vec<String> = events.iter().map(|(at, _)| time_text(at)).collect();
        let docs: Vec<String> = events.iter().map(|(_, event)| to_json(event)).collect::<Result<_>>()?;
        self.execute(
            "INSERT INTO events (sequence, type, occurred_at, doc) \
             SELECT * FROM unnest($1::BIGINT[], $2::TEXT[], $3::TEXT[], $4::TEXT[])",
            &[&sequences, &names, &times, &docs],
        )?;
        Ok(())
    }
}

impl Transaction for PostgresTransaction<'_> {
    fn product(&mut self, sku: &Sku) -> Result<Option<Product>> {
        let rows = self.query("SELECT doc FROM products WHERE sku = $1", &[&sku.as_str()])?;
        rows.first().map(|row| from_json(&row.get::<_, String>(0))).transpose()
    }

    fn products(&mut self, skus: &[&Sku]) -> Result<Vec<Option<Product>>> {
        let wanted: Vec<&str> = skus.iter().map(|sku| sku.as_str()).collect();
        let found: Vec<Product> = self.documents("SELECT doc FROM products WHERE sku = ANY($1)", &[&wanted])?;
        Ok(skus.iter().map(|sku| found.iter().find(|product| &&product.sku == sku).cloned()).collect())
    }

    fn put_product(&mut self, product: &Product) -> Result<()> {
        self.put_document("products", "sku", product.sku.as_str(), product.version, &to_json(product)?)
    }

    fn location(&mut self, id: &LocationId) -> Result<Option<Location>> {
        let rows = self.query("SELECT doc FROM locations WHERE id = $1", &[&id.as_str()])?;
        rows.first().map(|row| from_json(&row.get::<_, String>(0))).transpose()
    }

    fn put_location(&mut self, location: &Location) -> Result<()> {
        self.put_document("locations", "id", location.id.as_str(), location.version, &to_json(location)?)
    }

    fn locations(&mut self) -> Result<Vec<Location>> {
        self.documents("SELECT doc FROM locations ORDER BY id COLLATE \"C\"", &[])
    }

    fn channels(&mut self) -> Result<Vec<Channel>> {
        self.documents("SELECT doc FROM channels ORDER BY id COLLATE \"C\"", &[])
    }

    fn product_page(&mut self, after: Option<&Sku>, limit: usize) -> Result<Vec<Product>> {
        let after = after.map_or("", Sku::as_str);
        self.documents(
            "SELECT doc FROM products WHERE sku COLLATE \"C\" > $1 ORDER BY sku COLLATE \"C\" LIMIT $2",
            &[&after, &signed(limit as u64)],
        )
    }

    fn channel(&mut self, id: &ChannelId) -> Result<Option<Channel>> {
        let rows = self.query("SELECT doc FROM channels WHERE id = $1", &[&id.as_str()])?;
        rows.first().map(|row| from_json(&row.get::<_, String>(0))).transpose()
    }

    fn put_channel(&mut self, channel: &Channel) -> Result<()> {
        self.put_document("channels", "id", channel.id.as_str(), channel.version, &to_json(channel)?)
    }

    fn stock(&mut self, sku: &Sku, location: &LocationId) -> Result<Option<StockLevel>> {
        let sql = format!("{STOCK_COLUMNS} WHERE sku = $1 AND location = $2{}", self.lock());
        let rows = self.query(&sql, &[&sku.as_str(), &location.as_str()])?;
        rows.first().map(stock_level).transpose()
    }

    fn put_stock(&mut self, level: &StockLevel) -> Result<()> {
        let (sku, location) = (level.sku.as_str(), level.location.as_str());
        let buckets = [level.on_hand, level.allocated, level.reserved, level.quarantined, level.incoming];
        let written = if level.version == 1 {
            self.execute(
                "INSERT INTO stock (sku, location, on_hand, allocated, held, quarantined, incoming, version) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 1) ON CONFLICT (sku, location) DO NOTHING",
                &[&sku, &location, &buckets[0], &buckets[1], &buckets[2], &buckets[3], &buckets[4]],
            )?
        } else {
            self.execute(
                "UPDATE stock SET on_hand = $3, allocated = $4, held = $5, quarantined = $6, incoming = $7, version = $8 \
                 WHERE sku = $1 AND location = $2 AND version = $9",
                &[
                    &sku,
                    &location,
                    &buckets[0],
                    &buckets[1],
                    &buckets[2],
                    &buckets[3],
                    &buckets[4],
                    &signed(level.version),
                    &signed(level.version - 1),
                ],
            )?
        };
        written_once(written, "stock", &format!("{sku}@{location}"), level.version)
    }

    fn stock_levels(&mut self, sku: Option<&Sku>, location: Option<&LocationId>) -> Result<Vec<StockLevel>> {
        let lock = self.lock();
        let rows = match (sku, location) {
            (Some(sku), Some(location)) => self.query(
                &format!("{STOCK_COLUMNS} WHERE sku = $1 AND location = $2{lock}"),
                &[&sku.as_str(), &location.as_str()],
            )?,
            (Some(sku), None) => self.query(
                &format!("{STOCK_COLUMNS} WHERE sku = $1 ORDER BY location COLLATE \"C\"{lock}"),
                &[&sku.as_str()],
            )?,
            (None, Some(location)) => self.query(
                &format!("{STOCK_COLUMNS} WHERE location = $1 ORDER BY sku COLLATE \"C\"{lock}"),
                &[&location.as_str()],
            )?,
            (None, None) => {
                self.query(&format!("{STOCK_COLUMNS} ORDER BY sku COLLATE \"C\", location COLLATE \"C\""), &[])?
            }
        };
        rows.iter().map(stock_level).collect()
    }

    fn stock_levels_of(&mut self, skus: &[&Sku]) -> Result<Vec<StockLevel>> {
        let wanted: Vec<&str> = skus.iter().map(|sku| sku.as_str()).collect();
        let sql = format!(
            "{STOCK_COLUMNS} WHERE sku = ANY($1) ORDER BY sku COLLATE \"C\", location COLLATE \"C\"{}",
            self.lock()
        );
        self.query(&sql, &[&wanted])?.iter().map(stock_level).collect()
    }

    fn put_stocks(&mut self, levels: &[StockLevel]) -> Result<()> {
        // New pairs are inserted one by one; changed ones are updated in one
        // statement, each row only if its version is still the one read.
        let (new, changed): (Vec<&StockLevel>, Vec<&StockLevel>) = levels.iter().partition(|level| level.version == 1);
        for level in new {
            self.put_stock(level)?;
        }
        if changed.is_empty() {
            return Ok(());
        }
        let text = |pick: fn(&StockLevel) -> &str| changed.iter().map(|l| pick(l)).collect::<Vec<&str>>();
        let number = |pick: fn(&StockLevel) -> i64| changed.iter().map(|l| pick(l)).collect::<Vec<i64>>();
        let written = self.execute(
            "UPDATE stock SET on_hand = u.on_hand, allocated = u.allocated, held = u.held, \
             quarantined = u.quarantined, incoming = u.incoming, version = u.version \
             FROM unnest($1::TEXT[], $2::TEXT[], $3::BIGINT[], $4::BIGINT[], $5::BIGINT[], $6::BIGINT[], \
             $7::BIGINT[], $8::BIGINT[]) AS u(sku, location, on_hand, allocated, held, quarantined, incoming, version) \
             WHERE stock.sku = u.sku AND stock.location = u.location AND stock.version = u.version - 1",
            &[
                &text(|l| l.sku.as_str()),
                &text(|l| l.location.as_str()),
                &number(|l| l.on_hand),
                &number(|l| l.allocated),
                &number(|l| l.reserved),
                &number(|l| l.quarantined),
                &number(|l| l.incoming),
                &number(|l| signed(l.version)),
            ],
        )?;
        if written == changed.len() as u64 {
            Ok(())
        } else {
            Err(Error::Conflict {
                message: format!(
                    "{} of {} stock rows changed since they were read",
                    changed.len() as u64 - written,
                    changed.len()
                ),
            })
        }
    }

    fn append_movement(&mut self, movement: &Movement) -> Result<u64> {
        // Inserted at commit in one statement; the number returned is provisional.
        self.movements.push(movement.clone());
        Ok(self.movements.len() as u64)
    }

    fn movements(&mut self, sku: &Sku, location: &LocationId, after: u64, limit: usize) -> Result<Vec<Movement>> {
        let rows = self.query(
            "SELECT sequence, reason, on_hand_delta, allocated_delta, held_delta, quarantined_delta, incoming_delta, \
             reference, occurred_at FROM movements WHERE sku = $1 AND location = $2 AND sequence > $3 \
             ORDER BY sequence LIMIT $4",
            &[&sku.as_str(), &location.as_str(), &signed(after), &signed(limit as u64)],
        )?;
        rows.iter()
            .map(|row| {
                Ok(Movement {
                    sequence: count(row.get(0)),
                    sku: sku.clone(),
                    location: location.clone(),
                    reason: MovementReason::parse(&row.get::<_, String>(1)).map_err(Error::storage)?,
                    deltas: deltas(row, 2),
                    reference: row.get(7),
                    occurred_at: parse_time(&row.get::<_, String>(8))?,
                })
            })
            .collect()
    }

    fn movement_totals(&mut self) -> Result<Vec<MovementTotal>> {
        let rows = self.query(
            "SELECT sku, location, SUM(on_hand_delta)::BIGINT, SUM(allocated_delta)::BIGINT, SUM(held_delta)::BIGINT, \
             SUM(quarantined_delta)::BIGINT, SUM(incoming_delta)::BIGINT FROM movements \
             GROUP BY sku, location ORDER BY sku COLLATE \"C\", location COLLATE \"C\"",
            &[],
        )?;
        rows.iter()
            .map(|row| {
                Ok(MovementTotal {
                    sku: Sku::from_stored(row.get::<_, String>(0)),
                    location: LocationId::from_stored(row.get::<_, String>(1)),
                    totals: deltas(row, 2),
                })
            })
            .collect()
    }

    fn order(&mut self, id: &OrderId) -> Result<Option<Order>> {
        self.document("orders", "id", id.as_str())
    }

    fn put_order(&mut self, order: &Order) -> Result<()> {
        let doc = to_json(order)?;
        let written = if order.version == 1 {
            self.execute(
                "INSERT INTO orders (sequence, id, channel, customer_email, status, version, doc) \
                 VALUES ($1, $2, $3, $4, $5, 1, $6) ON CONFLICT DO NOTHING",
                &[
                    &signed(order.sequence),
                    &order.id.as_str(),
                    &order.channel.as_str(),
                    &order.customer_email.as_str(),
                    &order.status.as_str(),
                    &doc,
                ],
            )?
        } else {
            self.execute(
                "UPDATE orders SET status = $2, version = $3, doc = $4 WHERE id = $1 AND version = $5",
                &[&order.id.as_str(), &order.status.as_str(), &signed(order.version), &doc, &signed(order.version - 1)],
            )?
        };
        written_once(written, "order", order.id.as_str(), order.version)
    }

    fn orders(&mut self, filter: &OrderFilter) -> Result<Vec<Order>> {
        let email = filter.customer_email.as_ref().map(|email| email.as_str().to_string());
        let channel = filter.channel.as_ref().map(|channel| channel.as_str().to_string());
        let status = filter.status.map(|status| status.as_str().to_string());
        self.documents(
            "SELECT doc FROM orders WHERE sequence > $1 AND ($2::TEXT IS NULL OR customer_email = $2) \
             AND ($3::TEXT IS NULL OR channel = $3) AND ($4::TEXT IS NULL OR status = $4) ORDER BY sequence LIMIT $5",
            &[&signed(filter.after_sequence), &email, &channel, &status, &signed(filter.limit as u64)],
        )
    }

    fn order_status_counts(&mut self) -> Result<Vec<(OrderStatus, u64)>> {
        let rows = self
            .query("SELECT status, COUNT(*)::BIGINT FROM orders GROUP BY status ORDER BY status COLLATE \"C\"", &[])?;
        rows.iter()
            .map(|row| {
                let status = OrderStatus::parse(&row.get::<_, String>(0)).map_err(Error::storage)?;
                Ok((status, count(row.get(1))))
            })
            .collect()
    }

    fn next_sequence(&mut self, name: &str) -> Result<u64> {
        // Order and transfer numbers come from database sequences, which never
        // block another writer; the service takes a number only once a
        // command is accepted, so gaps appear only when a commit fails.
        let sequence = match name {
            "order" => Some("order_numbers"),
            "transfer" => Some("transfer_numbers"),
            _ => None,
        };
        if let Some(sequence) = sequence {
            let rows = self.query(&format!("SELECT nextval('{sequence}')"), &[])?;
            return Ok(rows.first().map_or(0, |row| count(row.get(0))));
        }
        let key = format!("sequence:{name}");
        let rows = self.query(
            "INSERT INTO counters (name, value) VALUES ($1, 1) \
             ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value",
            &[&key],
        )?;
        Ok(rows.first().map_or(0, |row| count(row.get(0))))
    }

    fn append_event(&mut self, occurred_at: Timestamp, event: &Event) -> Result<u64> {
        // Numbered at commit; the returned number is provisional (events are
        // only ever read after commit).
        self.events.push((occurred_at, event.clone()));
        Ok(self.events.len() as u64)
    }

    fn events_since(&mut self, cursor: u64, limit: usize) -> Result<Vec<EventRecord>> {
        let rows = self.query(
            "SELECT sequence, occurred_at, doc FROM events WHERE sequence > $1 ORDER BY sequence LIMIT $2",
            &[&signed(cursor), &signed(limit as u64)],
        )?;
        rows.iter()
            .map(|row| {
                Ok(EventRecord {
                    sequence: count(row.get(0)),
                    occurred_at: parse_time(&row.get::<_, String>(1))?,
                    event: from_json(&row.get::<_, String>(2))?,
                })
            })
            .collect()
    }

    fn reservation(&mut self, id: &ReservationId) -> Result<Option<Reservation>> {
        self.document("holds", "id", id.as_str())
    }

    fn put_reservation(&mut self, reservation: &Reservation) -> Result<()> {
        let doc = to_json(reservation)?;
        let expires_at = time_text(&reservation.expires_at);
        let written = if reservation.version == 1 {
            self.execute(
                "INSERT INTO holds (id, status, expires_at, version, doc) VALUES ($1, $2, $3, 1, $4) ON CONFLICT DO NOTHING",
                &[&reservation.id.as_str(), &reservation.status.as_str(), &expires_at, &doc],
            )?
        } else {
            self.execute(
                "UPDATE holds SET status = $2, expires_at = $3, version = $4, doc = $5 WHERE id = $1 AND version = $6",
                &[
                    &reservation.id.as_str(),
                    &reservation.status.as_str(),
                    &expires_at,
                    &signed(reservation.version),
                    &doc,
                    &signed(reservation.version - 1),
                ],
            )?
        };
        written_once(written, "reservation", reservation.id.as_str(), reservation.version)?;
        self.index_reservation(reservation)
    }

    fn expired_reservations(&mut self, now: Timestamp, limit: usize) -> Result<Vec<Reservation>> {
        // SKIP LOCKED: two sweeps at once share the work instead of queueing on each other.
        let lock = if self.write { " FOR UPDATE SKIP LOCKED" } else { "" };
        let sql = format!(
            "SELECT doc FROM holds WHERE status = 'active' AND expires_at <= $1 ORDER BY expires_at COLLATE \"C\", id COLLATE \"C\" LIMIT $2{lock}"
        );
        self.documents(&sql, &[&time_text(&now), &signed(limit as u64)])
    }

    fn stock_levels_due(&mut self, skus: &[&Sku], now: Timestamp) -> Result<Vec<LevelDue>> {
        let wanted: Vec<&str> = skus.iter().map(|sku| sku.as_str()).collect();
        let lock = if self.write { " FOR UPDATE OF s" } else { "" };
        let sql = format!(
            "SELECT s.sku, s.location, s.on_hand, s.allocated, s.held, s.quarantined, s.incoming, s.version, \
             (SELECT COALESCE(SUM(h.quantity), 0)::BIGINT FROM hold_units h \
              WHERE h.sku = s.sku AND h.expires_at <= $2 AND h.location = s.location) \
             FROM stock s WHERE s.sku = ANY($1) ORDER BY s.sku COLLATE \"C\", s.location COLLATE \"C\"{lock}"
        );
        let rows = self.query(&sql, &[&wanted, &time_text(&now)])?;
        rows.iter().map(|row| Ok(LevelDue { level: stock_level(row)?, reserved_expired: row.get(8) })).collect()
    }

    fn expired_reservations_of(&mut self, skus: &[&Sku], now: Timestamp) -> Result<Vec<Reservation>> {
        let wanted: Vec<&str> = skus.iter().map(|sku| sku.as_str()).collect();
        let sql = format!(
            "SELECT doc FROM holds WHERE status = 'active' AND expires_at <= $2 AND id IN \
             (SELECT hold_id FROM hold_units WHERE sku = ANY($1) AND expires_at <= $2) \
             ORDER BY expires_at COLLATE \"C\", id COLLATE \"C\"{}",
            self.lock()
        );
        self.documents(&sql, &[&wanted, &time_text(&now)])
    }

    fn transfer(&mut self, id: &TransferId) -> Result<Option<Transfer>> {
        self.document("transfers", "id", id.as_str())
    }

    fn put_transfer(&mut self, transfer: &Transfer) -> Result<()> {
        self.put_document("transfers", "id", transfer.id.as_str(), transfer.version, &to_json(transfer)?)
    }

    fn region_distance(&mut self, from_region: &str, to_region: &str) -> Result<Option<u32>> {
        let rows = self.query(
            "SELECT distance_km FROM region_distances WHERE from_region = $1 AND to_region = $2",
            &[&from_region, &to_region],
        )?;
        Ok(rows.first().map(|row| u32::try_from(row.get::<_, i64>(0)).unwrap_or(u32::MAX)))
    }

    fn put_region_distance(&mut self, from_region: &str, to_region: &str, distance_km: u32) -> Result<()> {
        self.execute(
            "INSERT INTO region_distances (from_region, to_region, distance_km) VALUES ($1, $2, $3) \
             ON CONFLICT (from_region, to_region) DO UPDATE SET distance_km = excluded.distance_km",
            &[&from_region, &to_region, &i64::from(distance_km)],
        )?;
        Ok(())
    }

    fn counter(&mut self, name: &str) -> Result<i64> {
        let rows = self.query("SELECT value FROM counters WHERE name = $1", &[&name])?;
        Ok(rows.first().map_or(0, |row| row.get(0)))
    }

    fn add_to_counter(&mut self, name: &str, delta: i64) -> Result<i64> {
        let rows = self.query(
            "INSERT INTO counters (name, value) VALUES ($1, $2) \
             ON CONFLICT (name) DO UPDATE SET value = counters.value + excluded.value RETURNING value",
            &[&name, &delta],
        )?;
        Ok(rows.first().map_or(0, |row| row.get(0)))
    }

    fn add_to_counters(&mut self, deltas: &[(String, i64)]) -> Result<()> {
        if deltas.is_empty() {
            return Ok(());
        }
        let names: Vec<&str> = deltas.iter().map(|(name, _)| name.as_str()).collect();
        let values: Vec<i64> = deltas.iter().map(|(_, delta)| *delta).collect();
        self.execute(
            "INSERT INTO counters (name, value) SELECT * FROM unnest($1::text[], $2::bigint[]) \
             ON CONFLICT (name) DO UPDATE SET value = counters.value + excluded.value",
            &[&names, &values],
        )
        .map(drop)
    }

    fn add_backorder(&mut self, entry: &BackorderEntry) -> Result<()> {
        self.execute(
            "INSERT INTO backorders (sku, order_sequence, line_number, order_id) VALUES ($1, $2, $3, $4) \
             ON CONFLICT DO NOTHING",
            &[
                &entry.sku.as_str(),
                &signed(entry.order_sequence),
                &i64::from(entry.line_number),
                &entry.order_id.as_str(),
            ],
        )?;
        Ok(())
    }

    fn backorders(&mut self, sku: &Sku, limit: usize) -> Result<Vec<BackorderEntry>> {
        let rows = self.query(
            "SELECT order_sequence, line_number, order_id FROM backorders WHERE sku = $1 \
             ORDER BY order_sequence, line_number LIMIT $2",
            &[&sku.as_str(), &signed(limit as u64)],
        )?;
        rows.iter()
            .map(|row| {
                Ok(BackorderEntry {
                    sku: sku.clone(),
                    order_sequence: count(row.get(0)),
                    order_id: OrderId::from_stored(row.get::<_, String>(2)),
                    line_number: u32::try_from(row.get::<_, i64>(1)).unwrap_or(u32::MAX),
                })
            })
            .collect()
    }

    fn remove_backorder(&mut self, entry: &BackorderEntry) -> Result<()> {
        self.execute(
            "DELETE FROM backorders WHERE sku = $1 AND order_sequence = $2 AND line_number = $3",
            &[&entry.sku.as_str(), &signed(entry.order_sequence), &i64::from(entry.line_number)],
        )?;
        Ok(())
    }

    fn idempotency(&mut self, key: &IdempotencyKey) -> Result<Option<IdempotencyRecord>> {
        if self.write {
            // Concurrent duplicates queue here; the second sees the first's record once it commits.
            self.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", &[&key.as_str()])?;
        }
        let rows = self
            .query("SELECT command, payload, result, created_at FROM idempotency WHERE key = $1", &[&key.as_str()])?;
        rows.first()
            .map(|row| {
                Ok(IdempotencyRecord {
                    key: key.clone(),
                    command: row.get(0),
                    payload: row.get(1),
                    result: row.get(2),
                    created_at: parse_time(&row.get::<_, String>(3))?,
                })
            })
            .transpose()
    }

    fn put_idempotency(&mut self, record: &IdempotencyRecord) -> Result<()> {
        let written = self.execute(
            "INSERT INTO idempotency (key, command, payload, result, created_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT DO NOTHING",
            &[&record.key.as_str(), &record.command, &record.payload, &record.result, &time_text(&record.created_at)],
        )?;
        if written == 1 {
            Ok(())
        } else {
            Err(version_conflict("idempotency key", record.key.as_str(), 1, 1))
        }
    }

    fn commit(mut self: Box<Self>) -> Result<()> {
        self.flush_movements()?;
        self.flush_events()?;
        if self.write && self.txid.is_none() {
            // A write transaction without events: ask for its id (none if it wrote nothing).
            let rows = self.query("SELECT txid_current_if_assigned()", &[])?;
            self.txid = rows.first().and_then(|row| row.get::<_, Option<i64>>(0));
        }
        self.store.count_statement();
        let Err(error) = self.connection()?.client.batch_execute("COMMIT") else {
            self.finished = true;
            return Ok(());
        };
        if !errors::lost_connection(&error) {
            // The server answered COMMIT with an error: it rolled the transaction back.
            return Err(pg_error(error));
        }
        let (store, txid) = (self.store, self.txid);
        // Gives the dead connection's place in the pool back before another is taken.
        drop(self);
        store.commit_outcome(txid, pg_error(error))
    }
}
