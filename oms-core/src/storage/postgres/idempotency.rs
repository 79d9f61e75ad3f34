//! Idempotency records on PostgreSQL: the stored outcome of a command run
//! under a key, written once; a write transaction locks the key first, so
//! concurrent duplicates run once.

use super::values::{parse_time, time_text};
use super::PostgresTransaction;
use crate::kernel::error::Result;
use crate::kernel::ids::IdempotencyKey;
use crate::storage::{version_conflict, IdempotencyRecord};

pub(super) fn idempotency(tx: &mut PostgresTransaction<'_>, key: &IdempotencyKey) -> Result<Option<IdempotencyRecord>> {
    if tx.write {
        // Concurrent duplicates queue here; the second sees the first's record once it commits.
        tx.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", &[&key.as_str()])?;
    }
    let rows =
        tx.query("SELECT command, payload, result, created_at FROM idempotency WHERE key = $1", &[&key.as_str()])?;
    rows.first()
        .map(|row| {
            Ok(IdempotencyRecord {
                key: key.clone(),
                command: row.get(0),
                payload: row.get(1),
                result: row.get(2),
                created_at: parse_time(&row.get::<_, String>(3))?,
            })
        })
        .transpose()
}

pub(super) fn put_idempotency(tx: &mut PostgresTransaction<'_>, record: &IdempotencyRecord) -> Result<()> {
    let written = tx.execute(
        "INSERT INTO idempotency (key, command, payload, result, created_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT DO NOTHING",
        &[&record.key.as_str(), &record.command, &record.payload, &record.result, &time_text(&record.created_at)],
    )?;
    if written == 1 {
        Ok(())
    } else {
        Err(version_conflict("idempotency key", record.key.as_str(), 1, 1))
    }
}
