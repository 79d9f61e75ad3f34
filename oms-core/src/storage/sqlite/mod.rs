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
//! holds the migrations (the contract's tables among them) and the check
//! that a file is ours. The storage contract is implemented by concern:
//! `transaction` is the contract's transaction (begin, commit, the shared
//! statement wrappers, and the `Transaction` methods, each handing off to
//! one of the files below); `documents` gets, puts and scans documents;
//! `stock` reads and keeps stock rows (and learns the streams' last
//! numbers and the series' numbers on the first stock read); `streams`
//! appends and reads stream rows and numbers them at commit; `records`
//! keeps series, tallies and idempotency records; `flush` writes the stock
//! rows, tally additions and series numbers a transaction kept, in one
//! statement (they share a table). `copy` moves a file written in the first schema's
//! tables into the contract's; `values` maps SQLite's errors.

mod connection;
mod copy;
mod documents;
mod flush;
mod records;
mod schema;
mod stock;
mod streams;
mod transaction;
mod values;

use connection::Shared;
pub use connection::{Durability, GroupCommit, SqliteStore};
use values::sql_error;
