//! Series, tallies and idempotency records on SQLite: the small records
//! beside documents, stock and streams, in the tables `series`,
//! `idempotency_records` (migration 4) and `tallies` (migrations 5 and 6,
//! see `schema.rs`).
//!
//! Rules that hold here:
//! - A series is numbered by one upsert `RETURNING` its value: gapless
//!   whatever the numbering asked (the transaction is the file's only
//!   writer, so writers of a series wait for each other anyway).
//! - Tallies are added in one statement per [`TALLIES_MAX`] names, without
//!   reading them. A sum beyond 64 bits would become a float, which the
//!   table's `CHECK (typeof("value") = 'integer')` refuses, so the add fails
//!   (`storage_error`) and needs no `RETURNING` to find it.
//! - The tally commit expects is checked at commit in the `WHERE` of the
//!   stream insert (see `streams.rs`), or, when nothing was appended, in a
//!   statement of its own ([`SqliteTransaction::check_expected`]).
//! - An idempotency record is inserted only if its key has none:
//!   otherwise `conflict`.

use rusqlite::{params, OptionalExtension};

use super::sql_error;
use super::transaction::{rows_of, SqliteTransaction, Texts};
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::IdempotencyKey;
use crate::storage::contract::{
    check_name, check_record, sorted_deltas, tally_moved, unsigned, IdempotencyRecord, PayloadHash, ResultRef,
};

/// Tallies added by one statement at most (two bound values each).
const TALLIES_MAX: usize = 16_000;

static TALLY_ADD: Texts = Texts::new(|n| {
    format!(
        r#"INSERT INTO "tallies" ("name", "value") VALUES {}
           ON CONFLICT ("name") DO UPDATE SET "value" = "value" + excluded."value""#,
        rows_of(2, n)
    )
});
static TALLY_READ: Texts = Texts::new(|n| {
    format!(r#"SELECT 0, "name", "value" FROM "tallies" WHERE "name" IN ({})"#, vec!["?"; n].join(", "))
});

impl SqliteTransaction<'_> {
    pub(super) fn next_number(&mut self, name: &str) -> Result<u64> {
        self.writable()?;
        check_name("series", name)?;
        let value: i64 = self
            .prepared(
                r#"INSERT INTO "series" ("name", "value") VALUES (?1, 1)
                   ON CONFLICT ("name") DO UPDATE SET "value" = "value" + 1 RETURNING "value""#,
            )?
            .query_row([name], |row| row.get(0))
            .map_err(sql_error)?;
        Ok(unsigned(value))
    }

    pub(super) fn add_tallies(&mut self, deltas: &[(&str, i64)]) -> Result<()> {
        self.writable()?;
        let deltas = sorted_deltas(deltas)?;
        if deltas.is_empty() {
            return Ok(());
        }
        // A sum beyond 64 bits would be a float, which the table's check
        // refuses: the statement fails (and the transaction is then dropped).
        for chunk in deltas.chunks(TALLIES_MAX) {
            let values: Vec<rusqlite::types::Value> = chunk
                .iter()
                .flat_map(|(name, delta)| {
                    [rusqlite::types::Value::Text((*name).to_string()), rusqlite::types::Value::Integer(*delta)]
                })
                .collect();
            self.prepared(&TALLY_ADD.of(chunk.len()))?.execute(rusqlite::params_from_iter(&values)).map_err(
                |error| match error.sqlite_error_code() {
                    Some(rusqlite::ErrorCode::ConstraintViolation) => {
                        Error::storage(format!("a tally overflows 64 bits: {error}"))
                    }
                    _ => sql_error(error),
                },
            )?;
        }
        Ok(())
    }

    pub(super) fn read_tallies(&mut self, names: &[&str]) -> Result<Vec<i64>> {
        if names.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<(i64, String, i64)> = self
            .prepared(&TALLY_READ.of(names.len()))?
            .query_map(rusqlite::params_from_iter(names), |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
            .map_err(sql_error)?;
        Ok(names
            .iter()
            .map(|name| rows.iter().find(|(slot, n, _)| *slot == 0 && n == name).map_or(0, |(_, _, value)| *value))
            .collect())
    }

    pub(super) fn expect_tally_at_commit(&mut self, name: &str, value: i64) -> Result<()> {
        check_name("tally", name)?;
        self.expected = Some((name.to_string(), value));
        Ok(())
    }

    /// Checks the expected tally (see [`Transaction::expect_tally`]) in a statement of its own.
    ///
    /// [`Transaction::expect_tally`]: crate::storage::contract::Transaction::expect_tally
    pub(super) fn check_expected(&mut self, name: &str, value: i64) -> Result<()> {
        let held = self.read_tallies(&[name])?.first().copied().unwrap_or(0);
        match held == value {
            true => Ok(()),
            false => Err(tally_moved(name, value, held)),
        }
    }

    pub(super) fn read_record(&mut self, key: &IdempotencyKey) -> Result<Option<IdempotencyRecord>> {
        let row = self
            .prepared(
                r#"SELECT "command", "payload_hash", "result_kind", "result_key" FROM "idempotency_records" WHERE "key" = ?1"#,
            )?
            .query_row([key.as_str()], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, Option<String>>(2)?,
                    row.get::<_, Option<String>>(3)?,
                ))
            })
            .optional()
            .map_err(sql_error)?;
        row.map(|(command, hash, kind, result_key)| {
            Ok(IdempotencyRecord {
                key: key.clone(),
                command,
                payload_hash: PayloadHash::parse(&hash)?,
                result: kind.zip(result_key).map(|(kind, key)| ResultRef { kind, key }),
            })
        })
        .transpose()
    }

    pub(super) fn put_record(&mut self, record: &IdempotencyRecord) -> Result<()> {
        self.writable()?;
        check_record(record)?;
        let result = record.result.as_ref();
        let written = self
            .prepared(
                r#"INSERT INTO "idempotency_records" ("key", "command", "payload_hash", "result_kind", "result_key")
                   VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT ("key") DO NOTHING"#,
            )?
            .execute(params![
                record.key.as_str(),
                record.command,
                record.payload_hash.to_string(),
                result.map(|r| r.kind.as_str()),
                result.map(|r| r.key.as_str()),
            ])
            .map_err(sql_error)?;
        if written == 1 {
            Ok(())
        } else {
            Err(Error::Conflict { message: format!("idempotency key {} is already recorded", record.key) })
        }
    }
}
