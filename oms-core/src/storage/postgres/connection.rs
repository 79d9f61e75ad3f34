//! The connection pool: options, opening a store, taking and giving back
//! connections, each connection's prepared statements, and the count of
//! statements sent.

use std::collections::HashMap;
use std::sync::{Condvar, Mutex, PoisonError};

use postgres::{Client, NoTls, Statement};

use super::errors::{describe, pg_error, redact, redact_error, url_password};
use super::schema::{check_schema, quoted, split_schema, SCHEMA_DEFAULT};
use crate::kernel::error::{Error, Result};

/// Connections a store keeps open at most.
pub const POOL_SIZE_DEFAULT: usize = 16;

/// Where and how to connect.
#[derive(Debug, Clone)]
pub struct PostgresOptions {
    /// The schema the shop's tables live in (created if missing).
    pub schema: String,
    pub pool_size: usize,
}

/// Takes the `create=true|false` option out of a URL's query (the driver
/// does not know it): whether opening may create the schema (default true).
fn split_create(url: &str) -> Result<(String, bool)> {
    let Some((base, query)) = url.split_once('?') else { return Ok((url.to_string(), true)) };
    let mut create = true;
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        match pair.strip_prefix("create=") {
            Some("true") => create = true,
            Some("false") => create = false,
            Some(other) => {
                return Err(Error::invalid_input("create", format!("expected true or false, got {other:?}")))
            }
            None => kept.push(pair),
        }
    }
    let url = if kept.is_empty() { base.to_string() } else { format!("{base}?{}", kept.join("&")) };
    Ok((url, create))
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
    /// Connects to `url` (a `postgres://` URL, optionally with `schema=NAME`
    /// and `create=false`) and brings the schema up to date. With
    /// `create=false` a schema holding no store is `store_not_found` and
    /// nothing is created.
    pub fn open(url: &str) -> Result<PostgresStore> {
        let (url, schema) = split_schema(url);
        let (url, create) = split_create(&url)?;
        let options =
            PostgresOptions { schema: schema.unwrap_or_else(|| SCHEMA_DEFAULT.into()), pool_size: POOL_SIZE_DEFAULT };
        PostgresStore::connect_and_migrate(&url, options, create)
    }

    /// Connects with explicit options.
    pub fn open_with(url: &str, options: PostgresOptions) -> Result<PostgresStore> {
        PostgresStore::connect_and_migrate(url, options, true)
    }

    fn connect_and_migrate(url: &str, options: PostgresOptions, create: bool) -> Result<PostgresStore> {
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
        let migrated = store.migrate(&mut connection.client, create);
        store.give_back(connection);
        migrated.map_err(|error| redact_error(error, store.config.get_password()))?;
        Ok(store)
    }

    /// How many migrations ran on the schema (for [`Store::schema_version`](crate::storage::contract::Store::schema_version)).
    pub(super) fn read_schema_version(&self) -> Result<u64> {
        let mut connection = self.take()?;
        self.count_statement();
        let read = connection.client.query_one("SELECT COALESCE(MAX(version), 0)::BIGINT FROM schema_version", &[]);
        self.give_back(connection);
        let applied: i64 = read.map_err(pg_error)?.get(0);
        Ok(u64::try_from(applied).unwrap_or(0))
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
