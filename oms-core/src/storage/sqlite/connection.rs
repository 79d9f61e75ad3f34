//! Opening a SQLite file and the life of its transactions: durability,
//! group commit (several commands per commit), how a transaction starts and
//! ends, and the count of the statements the store sends.

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rusqlite::Connection;

use super::schema::{check_ownership, holds_store, migrate};
use super::sql_error;
use crate::kernel::error::{Entity, Error, Result};
use crate::storage::Access;

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
    /// Statements sent on this store: by the contract's statement wrappers,
    /// and transaction and batch control by [`SqliteStore::control`].
    pub(super) statements: std::sync::atomic::AtomicU64,
}
impl SqliteStore {
    /// Opens (creating if missing) a SQLite file with the durable defaults and
    /// brings its schema up to date.
    pub fn open(path: &str) -> Result<SqliteStore> {
        SqliteStore::open_with(path, Durability::Full)
    }

    /// Opens with an explicit durability.
    pub fn open_with(path: &str, durability: Durability) -> Result<SqliteStore> {
        SqliteStore::open_file(path, durability, true)
    }

    /// Opens `path`; with `create` false a missing file, or one that holds no
    /// oms store yet (empty, or SQLite with no tables), is `store_not_found`
    /// and is left as it was found.
    fn open_file(path: &str, durability: Durability, create: bool) -> Result<SqliteStore> {
        if path.is_empty() {
            return Err(Error::invalid_input("target", "must not be empty"));
        }
        if path.contains('\0') {
            return Err(Error::invalid_input("target", "a file path must not contain a NUL character"));
        }
        let connection = if create {
            Connection::open(path).map_err(sql_error)?
        } else {
            let flags = rusqlite::OpenFlags::default() - rusqlite::OpenFlags::SQLITE_OPEN_CREATE;
            Connection::open_with_flags(path, flags).map_err(|error| match error.sqlite_error_code() {
                Some(rusqlite::ErrorCode::CannotOpen) => Error::not_found(Entity::Store, path),
                _ => sql_error(error),
            })?
        };
        connection.busy_timeout(BUSY_TIMEOUT).map_err(sql_error)?;
        // Before anything is changed (the journal mode is stored in the file):
        // a file another program wrote is refused as it was found.
        check_ownership(&connection, path)?;
        if !create && !holds_store(&connection)? {
            return Err(Error::not_found(Entity::Store, path));
        }
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
        })
    }

    /// Opens a target of the form `PATH` or `PATH?option=value&…` with the
    /// options `synchronous=full|normal`, `group_commit=N` (1 to 1,000
    /// commands per commit) and `create=false` (open an existing store only:
    /// `store_not_found` rather than a new, empty file).
    pub fn open_target(target: &str) -> Result<SqliteStore> {
        let (path, query) = target.rsplit_once('?').unwrap_or((target, ""));
        let mut durability = Durability::Full;
        let mut group_commit = None;
        let mut create = true;
        for pair in query.split('&').filter(|pair| !pair.is_empty()) {
            match pair.split_once('=') {
                Some(("synchronous", "full")) => durability = Durability::Full,
                Some(("synchronous", "normal")) => durability = Durability::Normal,
                Some(("create", "true")) => create = true,
                Some(("create", "false")) => create = false,
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
                        format!(
                        "unknown SQLite option {pair:?} (synchronous=full|normal, group_commit=N, create=true|false)"
                    ),
                    ))
                }
            }
        }
        let store = SqliteStore::open_file(path, durability, create)?;
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

    /// Runs one transaction- or batch-control statement (`BEGIN`, `COMMIT`,
    /// a savepoint…), counted as one statement sent. Prepared once per
    /// connection and kept, like every other statement.
    pub(super) fn control(&self, connection: &Connection, sql: &str) -> rusqlite::Result<()> {
        self.statements.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        connection.prepare_cached(sql)?.execute([]).map(drop)
    }

    /// Undoes a grouped command's work and ends its savepoint (two
    /// statements; the second only if the first succeeded).
    fn undo_command(&self, connection: &Connection) -> rusqlite::Result<()> {
        self.control(connection, "ROLLBACK TO command").and_then(|()| self.control(connection, "RELEASE command"))
    }

    /// Commits the open batch (if any) and wakes its waiting members.
    pub(super) fn settle(&self, shared: &mut Shared) -> Result<()> {
        let Some((batch, _)) = shared.open_batch.take() else { return Ok(()) };
        let outcome = self.control(&shared.connection, "COMMIT").map_err(sql_error);
        if let Err(error) = &outcome {
            let _ = self.control(&shared.connection, "ROLLBACK");
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
    fn finish_grouped<'a>(&'a self, mut shared: MutexGuard<'a, Shared>) -> Result<()> {
        let Some((batch, size)) = shared.open_batch else { return Ok(()) };
        let batch_max = self.group_commit.map_or(1, |g| g.batch_max);
        let others_waiting = self.waiting.load(std::sync::atomic::Ordering::SeqCst) > 0;
        if !others_waiting || size >= batch_max {
            return self.settle(&mut shared);
        }
        while shared.settled_through < batch {
            shared = self.settled.wait(shared).unwrap_or_else(PoisonError::into_inner);
        }
        match shared.failed.iter().find(|(failed, _)| *failed == batch) {
            Some((_, error)) => Err(error.clone()),
            None => Ok(()),
        }
    }

    /// Starts a transaction on the locked connection. A reader
    /// (which must not see a batch that is not yet durable), or any
    /// transaction when group commit is off, settles the open batch and
    /// begins alone (`BEGIN`, `BEGIN IMMEDIATE`). A writer under group commit
    /// joins the open batch, opening one with `BEGIN IMMEDIATE` if there is
    /// none, in a `SAVEPOINT command` of its own. Returns whether the
    /// transaction is grouped.
    pub(super) fn start(&self, shared: &mut Shared, access: Access) -> Result<bool> {
        if access == Access::Read || self.group_commit.is_none() {
            self.settle(shared)?;
            let begin = if access == Access::Read { "BEGIN" } else { "BEGIN IMMEDIATE" };
            self.control(&shared.connection, begin).map_err(sql_error)?;
            return Ok(false);
        }
        if shared.open_batch.is_none() {
            self.control(&shared.connection, "BEGIN IMMEDIATE").map_err(sql_error)?;
            let batch = shared.next_batch;
            shared.next_batch += 1;
            shared.open_batch = Some((batch, 0));
        }
        if let Err(error) = self.control(&shared.connection, "SAVEPOINT command") {
            // The batch must still settle for the commands already in it.
            let _ = self.settle(shared);
            return Err(sql_error(error));
        }
        Ok(true)
    }

    /// Ends a transaction whose work is all written: commits it,
    /// or (grouped) releases its savepoint into the batch and returns once
    /// the batch is durable, with the batch's COMMIT error if that failed.
    pub(super) fn end<'a>(&'a self, mut shared: MutexGuard<'a, Shared>, grouped: bool) -> Result<()> {
        if grouped {
            if let Err(error) = self.control(&shared.connection, "RELEASE command") {
                let _ = self.undo_command(&shared.connection);
                let _ = self.finish_grouped(shared);
                return Err(sql_error(error));
            }
            if let Some((_, size)) = shared.open_batch.as_mut() {
                *size += 1;
            }
            return self.finish_grouped(shared);
        }
        if let Err(error) = self.control(&shared.connection, "COMMIT") {
            // A failed COMMIT may leave the transaction open; end it so the connection stays usable.
            let _ = self.control(&shared.connection, "ROLLBACK");
            return Err(sql_error(error));
        }
        Ok(())
    }

    /// Ends a transaction without keeping its work: rolls it back,
    /// or (grouped) undoes only its own command and lets the batch settle
    /// for the others (returning once it has). Errors are dropped: nothing
    /// useful can be done with a failed rollback, and SQLite rolls back on
    /// its own when it can.
    pub(super) fn abandon<'a>(&'a self, shared: MutexGuard<'a, Shared>, grouped: bool) {
        if grouped {
            let _ = self.undo_command(&shared.connection);
            let _ = self.finish_grouped(shared);
        } else {
            let _ = self.control(&shared.connection, "ROLLBACK");
        }
    }
}
