//! Idempotency records on SQLite: the stored outcome of a command run under
//! a key, written once.

use rusqlite::{params, OptionalExtension};

use super::values::{parse_time, sql_error, time_text};
use super::SqliteTransaction;
use crate::kernel::error::Result;
use crate::kernel::ids::IdempotencyKey;
use crate::storage::{version_conflict, IdempotencyRecord};

pub(super) fn idempotency(tx: &SqliteTransaction<'_>, key: &IdempotencyKey) -> Result<Option<IdempotencyRecord>> {
    let row = tx
        .conn()?
        .prepare_cached("SELECT command, payload, result, created_at FROM idempotency WHERE key = ?1")
        .and_then(|mut s| {
            s.query_row([key.as_str()], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                ))
            })
            .optional()
        })
        .map_err(sql_error)?;
    row.map(|(command, payload, result, created_at)| {
        Ok(IdempotencyRecord { key: key.clone(), command, payload, result, created_at: parse_time(&created_at)? })
    })
    .transpose()
}

pub(super) fn put_idempotency(tx: &SqliteTransaction<'_>, record: &IdempotencyRecord) -> Result<()> {
    let written = tx
        .conn()?
        .prepare_cached(
            "INSERT OR IGNORE INTO idempotency (key, command, payload, result, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .and_then(|mut s| {
            s.execute(params![
                record.key.as_str(),
                record.command,
                record.payload,
                record.result,
                time_text(&record.created_at)
            ])
        })
        .map_err(sql_error)?;
    if written == 1 {
        Ok(())
    } else {
        Err(version_conflict("idempotency key", record.key.as_str(), 1, 1))
    }
}
