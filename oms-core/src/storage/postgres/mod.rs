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
//!
//! The files, one idea each: `connection` holds the pool and hands out
//! transactions (prepared statements, row locks, statement counting);
//! `schema` the schema's name rules and migrations; `errors` how the
//! server's errors become this library's; `outcome` the fate of a commit
//! whose connection was lost; `transaction` implements the `Transaction`
//! trait by handing each method to the file that stores its records
//! (`catalogue`, `stock`, `orders`, `reservations`, `transfers`, `outbox`,
//! `counters`, `idempotency`), which share the helpers of `documents` and
//! `values`. `contract` and `copy` are the storage contract (issue 8) on the
//! same database.

mod catalogue;
mod connection;
mod contract;
mod copy;
mod counters;
mod documents;
mod errors;
mod idempotency;
mod orders;
mod outbox;
mod outcome;
mod pending;
mod reservations;
mod schema;
mod stock;
mod transaction;
mod transfers;
mod values;

use connection::{Connection, PostgresTransaction};
pub use connection::{PostgresOptions, PostgresStore, POOL_SIZE_DEFAULT};
