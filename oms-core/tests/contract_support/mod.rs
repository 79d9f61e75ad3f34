//! Stores of the storage contract on every backend, for the contract suites.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use oms_core::storage::contract::{Access, Body, Document, Store, Transaction};
use oms_core::storage::memory::MemoryStore;
use oms_core::storage::sqlite::SqliteStore;

use crate::common::{fresh_schema, postgres_enabled, postgres_url};

/// A contract store on one backend, and what must be cleaned up after it.
pub struct Backend {
    pub name: &'static str,
    pub store: Box<dyn Store>,
    /// Dropped after the store (fields drop in order).
    pub place: Place,
}

pub enum Place {
    Memory,
    File(tempfile::TempDir),
    Schema(String),
}

impl Place {
    pub fn path(&self) -> std::path::PathBuf {
        match self {
            Place::File(dir) => dir.path().join("contract.db"),
            _ => panic!("not a file"),
        }
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        if let Place::Schema(schema) = self {
            if let Ok(mut client) = postgres::Client::connect(&postgres_url(), postgres::NoTls) {
                let _ = client.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
            }
        }
    }
}

/// The backends the suites run on: memory, SQLite and, when built with the
/// `postgres` feature (as `make test` does), PostgreSQL (see `postgres_enabled`).
pub fn names() -> Vec<&'static str> {
    let mut names = vec!["memory", "sqlite"];
    if cfg!(feature = "postgres") && postgres_enabled() {
        names.push("postgres");
    }
    names
}

pub fn open(name: &'static str) -> Backend {
    match name {
        "memory" => Backend { name, store: Box::new(MemoryStore::new()), place: Place::Memory },
        "sqlite" => {
            let place = Place::File(tempfile::tempdir().unwrap());
            let store = SqliteStore::open(place.path().to_str().unwrap()).unwrap();
            Backend { name, store: Box::new(store), place }
        }
        _ => {
            let schema = fresh_schema();
            let store = open_postgres(&schema);
            Backend { name, store, place: Place::Schema(schema) }
        }
    }
}

#[cfg(feature = "postgres")]
pub fn open_postgres(schema: &str) -> Box<dyn Store> {
    let url = format!("{}?schema={schema}", postgres_url());
    Box::new(oms_core::storage::postgres::PostgresStore::open(&url).unwrap())
}

#[cfg(not(feature = "postgres"))]
pub fn open_postgres(_schema: &str) -> Box<dyn Store> {
    panic!("the PostgreSQL suites need `--features postgres`")
}

/// Every backend, opened.
pub fn all() -> Vec<Backend> {
    names().into_iter().map(open).collect()
}

impl Backend {
    pub fn write(&self) -> Box<dyn Transaction + '_> {
        self.store.begin(Access::Write).unwrap()
    }

    pub fn read(&self) -> Box<dyn Transaction + '_> {
        self.store.begin(Access::Read).unwrap()
    }

    /// Empties every contract table (between property-test cases).
    pub fn clear(&self) {
        const TABLES: &str = "documents, stock_rows, streams, series, tallies, idempotency_records";
        match &self.place {
            Place::Memory => unreachable!("memory stores are opened afresh"),
            Place::File(_) => {
                let connection = rusqlite::Connection::open(self.place.path()).unwrap();
                // SQLite keeps series and tallies as counter rows of `documents`.
                for table in TABLES.split(", ").filter(|table| !matches!(*table, "series" | "tallies")) {
                    connection.execute_batch(&format!("DELETE FROM {table}")).unwrap();
                }
            }
            Place::Schema(schema) => {
                let mut client = postgres::Client::connect(&postgres_url(), postgres::NoTls).unwrap();
                let tables: Vec<String> = TABLES.split(", ").map(|t| format!("{schema}.{t}")).collect();
                client.batch_execute(&format!("TRUNCATE {}", tables.join(", "))).unwrap();
                // The streams' heads (PostgreSQL keeps each stream's last number in a row) start again.
                client.batch_execute(&format!("UPDATE {schema}.stream_heads SET last = 0")).unwrap();
            }
        }
    }
}

/// A JSON body `{"n": n}`.
pub fn body(n: i64) -> Body {
    Body::json(format!(r#"{{"n":{n}}}"#))
}

/// A document's observable content, for comparisons across backends.
pub fn view(doc: &Document) -> (String, u64, u64, [Option<String>; 4], String) {
    (doc.key.clone(), doc.version, doc.position, doc.terms.0.clone(), doc.body.to_json().unwrap().to_string())
}
