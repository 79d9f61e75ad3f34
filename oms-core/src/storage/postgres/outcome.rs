//! The fate of a commit whose connection was lost.
//!
//! When the connection dies while `COMMIT` runs (the server was shut down,
//! the session was terminated, the network failed), the client cannot tell
//! whether the transaction committed: PostgreSQL holds interrupts while it
//! commits, so a session terminated during `COMMIT` usually commits and only
//! then goes away. The server keeps the fate of recent transactions, so the
//! store asks it, on another connection, with `txid_status()` and the
//! transaction id it learnt before sending `COMMIT`.

use std::time::Duration;

use super::errors::{describe, lost_connection};
use super::PostgresStore;
use crate::kernel::error::{Error, Result};

/// Times the store asks for a transaction's fate before it gives up.
const STATUS_CHECKS_MAX: u32 = 12;
/// The first wait between two checks; each wait doubles, up to [`STATUS_WAIT_MAX`].
const STATUS_WAIT_FIRST: Duration = Duration::from_millis(10);
const STATUS_WAIT_MAX: Duration = Duration::from_secs(1);

/// What the server says of a transaction.
#[derive(Debug, PartialEq, Eq)]
enum Fate {
    Committed,
    Aborted,
    /// Still running (the terminated session has not finished yet), or the
    /// server could not be asked this time.
    Pending(String),
    /// Too old for the server to remember.
    Forgotten,
}

impl PostgresStore {
    /// Decides what a commit whose connection was lost (`lost`) returns:
    /// `Ok` if transaction `txid` committed, `storage_unavailable` if it did
    /// not (then nothing was applied), `storage_outcome_unknown` if the
    /// server cannot tell. Without a `txid` the transaction wrote nothing, so
    /// nothing can have been applied.
    pub(super) fn commit_outcome(&self, txid: Option<i64>, lost: Error) -> Result<()> {
        let Some(txid) = txid else { return Err(lost) };
        let lost_message = match &lost {
            Error::StorageUnavailable { message } => message.clone(),
            other => other.to_string(),
        };
        let mut wait = STATUS_WAIT_FIRST;
        let mut last = Fate::Pending("not asked".into());
        for _ in 0..STATUS_CHECKS_MAX {
            last = self.fate(txid);
            // txid_status() reads the commit log and then the running
            // transactions; a transaction committing between the two reads
            // as aborted, so an abort is believed only when asked twice.
            if last == Fate::Aborted {
                last = self.fate(txid);
            }
            match last {
                Fate::Committed => return Ok(()),
                Fate::Aborted => {
                    return Err(Error::StorageUnavailable {
                        message: format!(
                            "{lost_message}; the server rolled transaction {txid} back, so nothing was applied"
                        ),
                    })
                }
                Fate::Forgotten => break,
                Fate::Pending(_) => {
                    std::thread::sleep(wait);
                    wait = (wait * 2).min(STATUS_WAIT_MAX);
                }
            }
        }
        let why = match last {
            Fate::Pending(why) => why,
            _ => "the server no longer knows the transaction".into(),
        };
        Err(Error::StorageOutcomeUnknown {
            message: format!(
                "{lost_message}; whether transaction {txid} committed is unknown ({why}): \
                 retry with the same idempotency key"
            ),
        })
    }

    /// Asks the server, on a pooled connection, what became of `txid`.
    fn fate(&self, txid: i64) -> Fate {
        // A pooled connection the server closed while idle is replaced, at
        // most once per connection the pool holds.
        let mut tries = 0;
        let answer = loop {
            let mut connection = match self.take() {
                Ok(connection) => connection,
                Err(error) => return Fate::Pending(error.to_string()),
            };
            self.count_statement();
            let answer = connection.client.query_one("SELECT txid_status($1)", &[&txid]);
            self.give_back(connection);
            tries += 1;
            match answer {
                Err(error) if lost_connection(&error) && tries <= self.pool_size => continue,
                answer => break answer,
            }
        };
        match answer {
            Ok(row) => match row.get::<_, Option<String>>(0).as_deref() {
                Some("committed") => Fate::Committed,
                Some("aborted") => Fate::Aborted,
                Some(status) => Fate::Pending(format!("the server reports it {status}")),
                None => Fate::Forgotten,
            },
            Err(error) => Fate::Pending(describe(&error)),
        }
    }
}
