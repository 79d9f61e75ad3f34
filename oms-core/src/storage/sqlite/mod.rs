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
//!
//! The files, one idea each: `connection` opens the file and hands out
//! transactions (durability, group commit, statement counting); `schema`
//! holds the migrations and the check that a file is ours; `transaction`
//! implements the `Transaction` trait by handing each method to the file
//! that stores its records (`catalogue`, `stock`, `orders`, `reservations`,
//! `transfers`, `outbox`, `counters`, `idempotency`), which share the helpers
//! of `documents` and `values`. `contract` and `copy` are the storage
//! contract (issue 8) on the same file.

mod catalogue;
mod connection;
mod contract;
mod copy;
mod counters;
mod documents;
mod idempotency;
mod orders;
mod outbox;
mod reservations;
mod schema;
mod stock;
mod transaction;
mod transfers;
mod values;

use connection::{Counted, Shared, SqliteTransaction};
pub use connection::{Durability, GroupCommit, SqliteStore};
use values::sql_error;
