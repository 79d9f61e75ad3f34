//! The connection pool and the transactions it hands out: options, opening
//! a store, taking and giving back connections, each connection's prepared
//! statements, row locks in write transactions, and the count of statements
//! sent.

use std::collections::HashMap;
use std::sync::{Condvar, Mutex, PoisonError};

use postgres::types::ToSql;
use postgres::{Client, NoTls, Row, Statement};

use super::errors::{describe, pg_error, redact, redact_error, url_password};
use super::schema::{check_schema, quoted, split_schema, SCHEMA_DEFAULT};
use crate::domain::events::Event;
use crate::domain::inventory::Movement;
use crate::kernel::error::{Error, Result};
use crate::kernel::time::Timestamp;
use crate::storage::{Access, Store, Transaction};

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
pub(super) struct Connection {
    pub(super) client: Client,
    pub(super) statements: HashMap<String, Statement>,
}

/// A PostgreSQL database (one schema of it).
pub struct PostgresStore {
    config: postgres::Config,
    pub(super) schema: String,
    pub(super) pool_size: usize,
    /// Statements sent, for [`Store::statements_executed`].
    pub(super) statements: std::sync::atomic::AtomicU64,
    /// Idle connections, and how many exist in all.
    pub(super) idle: Mutex<(Vec<Connection>, usize)>,
    pub(super) returned: Condvar,
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

    pub(super) fn count_statement(&self) {
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

    /// A connection from the pool, opening one if the pool is not full, else waiting.
    pub(super) fn take(&self) -> Result<Connection> {
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

    /// A pooled connection with a transaction begun. A pooled connection the
    /// server closed while it sat idle fails its BEGIN; it is dropped and
    /// another taken (at most once per pooled connection), so a restart of the
    /// server costs no caller an error. Both transaction types begin here.
    pub(super) fn begun(&self) -> Result<Connection> {
        let mut attempts = 0;
        loop {
            let mut connection = self.take()?;
            match connection.client.batch_execute("BEGIN") {
                Ok(()) => return Ok(connection),
                Err(error) => {
                    let closed = connection.client.is_closed();
                    self.give_back(connection);
                    attempts += 1;
                    if !closed || attempts > self.pool_size {
                        return Err(pg_error(error));
                    }
                }
            }
        }
    }

    pub(super) fn give_back(&self, connection: Connection) {
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
        let connection = self.begun()?;
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

pub(super) struct PostgresTransaction<'a> {
    pub(super) store: &'a PostgresStore,
    connection: Option<Connection>,
    pub(super) write: bool,
    /// Outbox events, numbered and inserted at commit.
    pub(super) events: Vec<(Timestamp, Event)>,
    /// Ledger movements, inserted in one statement at commit.
    pub(super) movements: Vec<Movement>,
    /// The server's id of this transaction (`txid_current()`), learnt before
    /// `COMMIT` so that the commit's fate can be asked for if the connection
    /// is lost during it; `None` while unknown or when nothing was written.
    pub(super) txid: Option<i64>,
    pub(super) finished: bool,
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

impl PostgresTransaction<'_> {
    pub(super) fn connection(&mut self) -> Result<&mut Connection> {
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
    pub(super) fn lock(&self) -> &'static str {
        if self.write {
            " FOR UPDATE"
        } else {
            ""
        }
    }

    pub(super) fn query(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>> {
        let (client, statement) = self.statement(sql)?;
        client.query(&statement, params).map_err(pg_error)
    }

    pub(super) fn execute(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<u64> {
        let (client, statement) = self.statement(sql)?;
        client.execute(&statement, params).map_err(pg_error)
    }
}
