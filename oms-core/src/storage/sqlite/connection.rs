//! Opening a SQLite file and handing out its transactions: durability,
//! group commit (several commands per commit), the store and transaction
//! types, how a transaction ends, and the statement wrappers that count what
//! the store sends.

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rusqlite::{CachedStatement, Connection};

use super::schema::{check_ownership, migrate};
use super::sql_error;
use crate::domain::events::Event;
use crate::domain::inventory::Movement;
use crate::kernel::error::{Error, Result};
use crate::kernel::time::Timestamp;
use crate::storage::{Access, Store, Transaction};

/// How long a writer waits for another process's write lock before giving up
/// with `storage_unavailable`.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

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

/// Group commit: write commands that find others waiting leave their
/// transaction open for the next one, and the last of a batch commits for
/// all. Each command still runs alone (in a savepoint, so a failing one undoes
/// only itself) and returns only once its batch is durable. Opt-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupCommit {
    /// Commands per commit at most.
    pub batch_max: usize,
}

/// Which kind of transaction sends a statement, and so which of the store's
/// counters counts it: the older path's or the storage contract's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Path {
    /// The first schema's transactions ([`SqliteTransaction`]).
    Tables,
    /// The storage contract's transactions (`contract.rs`).
    Contract,
}

/// The connection and the open batch, behind the store's mutex.
#[derive(Debug)]
pub(super) struct Shared {
    pub(super) connection: Connection,
    /// The batch whose transaction is open, and how many commands it holds.
    open_batch: Option<(u64, usize)>,
    next_batch: u64,
    /// Every batch up to this one has committed (or failed).
    settled_through: u64,
    /// Batches whose COMMIT failed, most recent last (a short memory suffices:
    /// their members are waiting and wake at once).
    failed: Vec<(u64, Error)>,
}

/// A SQLite file.
#[derive(Debug)]
pub struct SqliteStore {
    connection: Mutex<Shared>,
    group_commit: Option<GroupCommit>,
    /// Threads waiting for the connection: the signal that a batch can grow.
    waiting: std::sync::atomic::AtomicUsize,
    settled: std::sync::Condvar,
    /// Statements the older path's wrappers ([`Counted`], and
    /// [`SqliteStore::control`] for [`Path::Tables`]) sent on this store.
    statements: std::sync::atomic::AtomicU64,
    /// Statements the storage contract's wrappers sent on this store
    /// (its transaction and batch control counted by [`SqliteStore::control`]
    /// for [`Path::Contract`]).
    pub(super) contract_statements: std::sync::atomic::AtomicU64,
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
        if path.contains('\0') {
            return Err(Error::invalid_input("target", "a file path must not contain a NUL character"));
        }
        let connection = Connection::open(path).map_err(sql_error)?;
        connection.busy_timeout(BUSY_TIMEOUT).map_err(sql_error)?;
        // Before anything is changed (the journal mode is stored in the file):
        // a file another program wrote is refused as it was found.
        check_ownership(&connection, path)?;
        let synchronous = match durability {
            Durability::Full => "FULL",
            Durability::Normal => "NORMAL",
        };
        connection
            .execute_batch(&format!("PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous};"))
            .map_err(sql_error)?;
        migrate(&connection)?;
        let shared = Shared { connection, open_batch: None, next_batch: 1, settled_through: 0, failed: Vec::new() };
        Ok(SqliteStore {
            connection: Mutex::new(shared),
            group_commit: None,
            waiting: std::sync::atomic::AtomicUsize::new(0),
            settled: std::sync::Condvar::new(),
            statements: std::sync::atomic::AtomicU64::new(0),
            contract_statements: std::sync::atomic::AtomicU64::new(0),
        })
    }

    /// Opens a target of the form `PATH` or `PATH?option=value&…` with the
    /// options `synchronous=full|normal` and `group_commit=N` (1 to 1,000
    /// commands per commit).
    pub fn open_target(target: &str) -> Result<SqliteStore> {
        let (path, query) = target.rsplit_once('?').unwrap_or((target, ""));
        let mut durability = Durability::Full;
        let mut group_commit = None;
        for pair in query.split('&').filter(|pair| !pair.is_empty()) {
            match pair.split_once('=') {
                Some(("synchronous", "full")) => durability = Durability::Full,
                Some(("synchronous", "normal")) => durability = Durability::Normal,
                Some(("group_commit", size)) => {
                    let batch_max =
                        size.parse::<usize>().ok().filter(|n| (1..=1_000).contains(n)).ok_or_else(|| {
                            Error::invalid_input("group_commit", format!("expected 1 to 1000 commands, got {size:?}"))
                        })?;
                    group_commit = Some(GroupCommit { batch_max });
                }
                _ => {
                    return Err(Error::invalid_input(
                        "target",
                        format!("unknown SQLite option {pair:?} (synchronous=full|normal, group_commit=N)"),
                    ))
                }
            }
        }
        let store = SqliteStore::open_with(path, durability)?;
        Ok(match group_commit {
            Some(group_commit) => store.with_group_commit(group_commit),
            None => store,
        })
    }

    /// Turns on group commit (see [`GroupCommit`]).
    #[must_use]
    pub fn with_group_commit(mut self, group_commit: GroupCommit) -> SqliteStore {
        self.group_commit = Some(GroupCommit { batch_max: group_commit.batch_max.max(1) });
        self
    }

    pub(super) fn lock(&self) -> MutexGuard<'_, Shared> {
        self.waiting.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let guard = self.connection.lock().unwrap_or_else(PoisonError::into_inner);
        self.waiting.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
        guard
    }

    /// The counter of the statements `path` sends.
    fn counter(&self, path: Path) -> &std::sync::atomic::AtomicU64 {
        match path {
            Path::Tables => &self.statements,
            Path::Contract => &self.contract_statements,
        }
    }

    /// Runs one transaction- or batch-control statement (`BEGIN`, `COMMIT`,
    /// a savepoint…), counted as one statement sent by `path`.
    fn control(&self, path: Path, connection: &Connection, sql: &str) -> rusqlite::Result<()> {
        self.counter(path).fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        connection.execute_batch(sql)
    }

    /// Undoes a grouped command's work and ends its savepoint (two
    /// statements; the second only if the first succeeded).
    fn undo_command(&self, path: Path, connection: &Connection) -> rusqlite::Result<()> {
        self.control(path, connection, "ROLLBACK TO command")
            .and_then(|()| self.control(path, connection, "RELEASE command"))
    }

    /// Commits the open batch (if any) and wakes its waiting members; the
    /// statements are counted on the older path (see [`SqliteStore::settle_for`]).
    pub(super) fn settle(&self, shared: &mut Shared) -> Result<()> {
        self.settle_for(Path::Tables, shared)
    }

    /// Commits the open batch (if any) for a transaction of `path`, which
    /// counts the statements, and wakes the batch's waiting members.
    fn settle_for(&self, path: Path, shared: &mut Shared) -> Result<()> {
        let Some((batch, _)) = shared.open_batch.take() else { return Ok(()) };
        let outcome = self.control(path, &shared.connection, "COMMIT").map_err(sql_error);
        if let Err(error) = &outcome {
            let _ = self.control(path, &shared.connection, "ROLLBACK");
            shared.failed.push((batch, error.clone()));
            if shared.failed.len() > 64 {
                shared.failed.remove(0);
            }
        }
        shared.settled_through = batch;
        self.settled.notify_all();
        outcome
    }

    /// Ends a grouped command: hands the open batch to a waiting thread while
    /// the batch may grow, else commits it; returns once the batch is settled.
    fn finish_grouped<'a>(&'a self, path: Path, mut shared: MutexGuard<'a, Shared>) -> Result<()> {
        let Some((batch, size)) = shared.open_batch else { return Ok(()) };
        let batch_max = self.group_commit.map_or(1, |g| g.batch_max);
        let others_waiting = self.waiting.load(std::sync::atomic::Ordering::SeqCst) > 0;
        if !others_waiting || size >= batch_max {
            return self.settle_for(path, &mut shared);
        }
        while shared.settled_through < batch {
            shared = self.settled.wait(shared).unwrap_or_else(PoisonError::into_inner);
        }
        match shared.failed.iter().find(|(failed, _)| *failed == batch) {
            Some((_, error)) => Err(error.clone()),
            None => Ok(()),
        }
    }

    /// Starts a transaction of `path` on the locked connection. A reader
    /// (which must not see a batch that is not yet durable), or any
    /// transaction when group commit is off, settles the open batch and
    /// begins alone (`BEGIN`, `BEGIN IMMEDIATE`). A writer under group commit
    /// joins the open batch, opening one with `BEGIN IMMEDIATE` if there is
    /// none, in a `SAVEPOINT command` of its own. Returns whether the
    /// transaction is grouped.
    pub(super) fn start(&self, path: Path, shared: &mut Shared, access: Access) -> Result<bool> {
        if access == Access::Read || self.group_commit.is_none() {
            self.settle_for(path, shared)?;
            let begin = if access == Access::Read { "BEGIN" } else { "BEGIN IMMEDIATE" };
            self.control(path, &shared.connection, begin).map_err(sql_error)?;
            return Ok(false);
        }
        if shared.open_batch.is_none() {
            self.control(path, &shared.connection, "BEGIN IMMEDIATE").map_err(sql_error)?;
            let batch = shared.next_batch;
            shared.next_batch += 1;
            shared.open_batch = Some((batch, 0));
        }
        if let Err(error) = self.control(path, &shared.connection, "SAVEPOINT command") {
            // The batch must still settle for the commands already in it.
            let _ = self.settle_for(path, shared);
            return Err(sql_error(error));
        }
        Ok(true)
    }

    /// Ends a transaction of `path` whose work is all written: commits it,
    /// or (grouped) releases its savepoint into the batch and returns once
    /// the batch is durable, with the batch's COMMIT error if that failed.
    pub(super) fn end<'a>(&'a self, path: Path, mut shared: MutexGuard<'a, Shared>, grouped: bool) -> Result<()> {
        if grouped {
            if let Err(error) = self.control(path, &shared.connection, "RELEASE command") {
                let _ = self.undo_command(path, &shared.connection);
                let _ = self.finish_grouped(path, shared);
                return Err(sql_error(error));
            }
            if let Some((_, size)) = shared.open_batch.as_mut() {
                *size += 1;
            }
            return self.finish_grouped(path, shared);
        }
        if let Err(error) = self.control(path, &shared.connection, "COMMIT") {
            // A failed COMMIT may leave the transaction open; end it so the connection stays usable.
            let _ = self.control(path, &shared.connection, "ROLLBACK");
            return Err(sql_error(error));
        }
        Ok(())
    }

    /// Ends a transaction of `path` without keeping its work: rolls it back,
    /// or (grouped) undoes only its own command and lets the batch settle
    /// for the others (returning once it has). Errors are dropped: nothing
    /// useful can be done with a failed rollback, and SQLite rolls back on
    /// its own when it can.
    pub(super) fn abandon<'a>(&'a self, path: Path, shared: MutexGuard<'a, Shared>, grouped: bool) {
        if grouped {
            let _ = self.undo_command(path, &shared.connection);
            let _ = self.finish_grouped(path, shared);
        } else {
            let _ = self.control(path, &shared.connection, "ROLLBACK");
        }
    }
}
impl Store for SqliteStore {
    /// The statements this store's older path has sent (transaction and
    /// batch control included); the storage contract counts its own apart.
    fn statements_executed(&self) -> u64 {
        self.statements.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn begin(&self, access: Access) -> Result<Box<dyn Transaction + '_>> {
        let mut shared = self.lock();
        let grouped = self.start(Path::Tables, &mut shared, access)?;
        Ok(Box::new(SqliteTransaction {
            store: self,
            slot: Some(shared),
            grouped,
            finished: false,
            movements: Vec::new(),
            events: Vec::new(),
        }))
    }
}

pub(super) struct SqliteTransaction<'a> {
    store: &'a SqliteStore,
    /// Always `Some` until the transaction ends.
    slot: Option<MutexGuard<'a, Shared>>,
    /// Part of a group-commit batch (inside a savepoint).
    grouped: bool,
    finished: bool,
    /// Ledger movements and outbox events, inserted at commit (a few rows per statement).
    pub(super) movements: Vec<Movement>,
    pub(super) events: Vec<(Timestamp, Event)>,
}

impl Drop for SqliteTransaction<'_> {
    fn drop(&mut self) {
        let Some(shared) = self.slot.take() else { return };
        if !self.finished {
            self.store.abandon(Path::Tables, shared, self.grouped);
        }
    }
}

impl SqliteTransaction<'_> {
    /// The connection, through the wrapper that counts each statement prepared on it.
    pub(super) fn conn(&self) -> Result<Counted<'_>> {
        let connection = self
            .slot
            .as_ref()
            .map(|shared| &shared.connection)
            .ok_or_else(|| Error::storage("the transaction has ended"))?;
        Ok(Counted { connection, statements: &self.store.statements })
    }

    /// Ends a transaction whose buffered rows are written: commits it, or
    /// releases its savepoint into the group-commit batch and waits for the
    /// batch to be durable.
    pub(super) fn finish(&mut self) -> Result<()> {
        self.finished = true;
        let Some(shared) = self.slot.take() else { return Err(Error::storage("the transaction has ended")) };
        self.store.end(Path::Tables, shared, self.grouped)
    }
}

/// The older path's statement wrapper: an open transaction's connection,
/// counting on its store each statement prepared through it. Every caller
/// runs a statement it prepares once, so a statement prepared is a statement
/// sent (counted once it is prepared: one whose parameters fail to bind is
/// counted although SQLite never ran it).
#[derive(Debug, Clone, Copy)]
pub(super) struct Counted<'a> {
    connection: &'a Connection,
    statements: &'a std::sync::atomic::AtomicU64,
}

impl<'a> Counted<'a> {
    /// The cached prepared statement for `sql`, counted as one statement sent.
    pub(super) fn prepare_cached(self, sql: &str) -> rusqlite::Result<CachedStatement<'a>> {
        let statement = self.connection.prepare_cached(sql)?;
        self.statements.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(statement)
    }
}
