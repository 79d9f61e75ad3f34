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
//! - Stream rows (the ledger, the outbox) are numbered at commit under the
//!   lock of their stream's head row, so numbers are assigned in commit order
//!   and a reader's cursor never skips a row that commits later with a
//!   smaller number (see `streams`).
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
//!
//! The files, one idea each: `connection` holds the pool (prepared
//! statements, statement counting); `schema` the schema's name rules and
//! migrations (the contract's tables and stream heads among them). The
//! storage contract is implemented by concern: `transaction` is the
//! contract's transaction (begin, commit, the shared statement wrappers,
//! the flush of the writes that wait, and the `Transaction` methods, each
//! handing off to one of the files below), with `pending` for the writes it
//! sends together; `documents` gets, puts and scans documents; `stock`
//! reads and writes stock rows; `streams` appends and reads stream rows and
//! numbers them at commit under their heads; `records` keeps series,
//! tallies and idempotency records. `errors` is how the server's errors
//! become this library's; `outcome` the fate of a commit whose connection
//! was lost; `copy` moves a schema written in the first schema's tables
//! into the contract's.

mod connection;
mod copy;
mod documents;
mod errors;
mod outcome;
mod pending;
mod records;
mod schema;
mod stock;
mod streams;
mod transaction;

use connection::Connection;
pub use connection::{PostgresOptions, PostgresStore, POOL_SIZE_DEFAULT};
