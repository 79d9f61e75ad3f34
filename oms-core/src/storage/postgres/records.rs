//! Series, tallies and idempotency records on PostgreSQL: the small
//! records beside documents, stock and streams, in the tables `series`,
//! `idempotency_records` (migration 3) and `tallies` (migration 4, see
//! `schema.rs`), and the schema's `order_numbers` sequence.
//!
//! Rules that hold here:
//! - The series `order` asked with [`Numbering::Unique`] is the schema's
//!   `order_numbers` sequence (`nextval`): never waited for, and a
//!   rolled-back number is lost. Any other series is numbered by one upsert
//!   `RETURNING` its value, whose row stays locked until the transaction
//!   ends, so its writers wait for each other and it has no gaps.
//! - Tally additions wait in the transaction (`pending.rs`) and are added in
//!   the flush, locking rows in name order, without reading them; a read of
//!   a waiting tally flushes first. The tally commit expects is checked by
//!   that flush at commit (see `transaction.rs`).
//! - In a write transaction an idempotency key is locked
//!   (`pg_advisory_xact_lock`) before it is read, so a concurrent duplicate
//!   waits and then finds the first one's record. A record to store waits
//!   with the other writes; a key already recorded makes the flush
//!   `conflict`.

use super::transaction::PostgresTransaction;
use crate::kernel::error::Result;
use crate::kernel::ids::IdempotencyKey;
use crate::storage::contract::{
    check_name, check_record, sorted_deltas, unsigned, IdempotencyRecord, Numbering, PayloadHash, ResultRef,
};

impl PostgresTransaction<'_> {
    pub(super) fn next_number(&mut self, name: &str, numbering: Numbering) -> Result<u64> {
        self.writable()?;
        check_name("series", name)?;
        // The schema's sequence (since migration 1) numbers orders.
        let sequence = match (numbering, name) {
            (Numbering::Unique, "order") => Some("SELECT nextval('order_numbers')"),
            _ => None,
        };
        let rows = match sequence {
            Some(sql) => self.query(sql, &[])?,
            None => self.query(
                r#"INSERT INTO "series" ("name", "value") VALUES ($1, 1)
                   ON CONFLICT ("name") DO UPDATE SET "value" = "series"."value" + 1 RETURNING "value""#,
                &[&name],
            )?,
        };
        Ok(rows.first().map_or(0, |row| unsigned(row.get(0))))
    }

    pub(super) fn add_tallies(&mut self, deltas: &[(&str, i64)]) -> Result<()> {
        self.writable()?;
        let deltas = sorted_deltas(deltas)?;
        // Added in the flush, whose rows are inserted (and locked) by name.
        self.pending.add_to_tallies(&deltas)
    }

    pub(super) fn read_tallies(&mut self, names: &[&str]) -> Result<Vec<i64>> {
        if self.pending.has_tally(names) {
            self.flush_writes(false)?;
        }
        let rows = self.query(r#"SELECT "name", "value" FROM "tallies" WHERE "name" = ANY($1)"#, &[&names])?;
        let found: Vec<(String, i64)> = rows.iter().map(|row| (row.get(0), row.get(1))).collect();
        Ok(names.iter().map(|name| found.iter().find(|(n, _)| n == name).map_or(0, |(_, value)| *value)).collect())
    }

    pub(super) fn expect_tally_at_commit(&mut self, name: &str, value: i64) -> Result<()> {
        check_name("tally", name)?;
        self.expected = Some((name.to_string(), value));
        Ok(())
    }

    pub(super) fn read_record(&mut self, key: &IdempotencyKey) -> Result<Option<IdempotencyRecord>> {
        if let Some(kept) = self.pending.idempotency(key) {
            return Ok(Some(kept.clone()));
        }
        if self.write {
            // Concurrent duplicates queue here (the same lock as the older path takes);
            // the second sees the first's record once it commits.
            self.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", &[&key.as_str()])?;
        }
        let rows = self.query(
            r#"SELECT "command", "payload_hash", "result_kind", "result_key" FROM "idempotency_records" WHERE "key" = $1"#,
            &[&key.as_str()],
        )?;
        rows.first()
            .map(|row| {
                let (kind, result_key): (Option<String>, Option<String>) = (row.get(2), row.get(3));
                Ok(IdempotencyRecord {
                    key: key.clone(),
                    command: row.get(0),
                    payload_hash: PayloadHash::parse(row.get(1))?,
                    result: kind.zip(result_key).map(|(kind, key)| ResultRef { kind, key }),
                })
            })
            .transpose()
    }

    pub(super) fn put_record(&mut self, record: &IdempotencyRecord) -> Result<()> {
        self.writable()?;
        check_record(record)?;
        self.pending.put_idempotency(record)
    }
}
