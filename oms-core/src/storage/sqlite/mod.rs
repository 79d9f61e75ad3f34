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
//! holds the migrations and the check that a file is ours; `contract`
//! implements the storage contract on the file; `copy` moves a file written
//! in the first schema's tables into the contract's; `values` maps SQLite's
//! errors.

mod connection;
mod contract;
mod copy;
mod schema;
mod values;

use connection::Shared;
pub use connection::{Durability, GroupCommit, SqliteStore};
use values::sql_error;
