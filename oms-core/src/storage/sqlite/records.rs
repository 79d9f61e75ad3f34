//! Series, tallies and idempotency records on SQLite. Series and tallies
//! are counter rows of `stock_rows` (migration 7, see `schema.rs` and
//! `flush.rs`); idempotency records have their table (migration 4).
//!
//! Rules that hold here:
//! - A series is numbered from the stored number this write transaction
//!   learnt with its first stock read (every series): the transaction is
//!   the file's only writer, so the number stays stored until the flush
//!   adds what was taken. A transaction that made no stock read takes its
//!   first number of a series in the table at once (one upsert `RETURNING`
//!   it) and the next ones the same way as above. Gapless whatever the
//!   numbering asked (writers of a series wait for each other anyway).
//! - Tally additions wait in the transaction and go with the flush; a read
//!   of tallies adds what waits to what is stored (no flush). A sum beyond
//!   64 bits fails: in the transaction at once, against storage at the
//!   flush (`storage_error`).
//! - The tally commit expects is checked at commit in the `WHERE` of the
//!   stream insert (see `streams.rs`), or, when nothing was appended, in a
//!   statement of its own ([`SqliteTransaction::check_expected`]).
//! - An idempotency record is inserted only if its key has none:
//!   otherwise `conflict`.

use rusqlite::{params, OptionalExtension};

use super::flush::{series_key, tally_key};
use super::sql_error;
use super::transaction::{Series, SqliteTransaction, Texts};
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::IdempotencyKey;
use crate::storage::contract::{
    check_name, check_record, sorted_deltas, tally_moved, unsigned, IdempotencyRecord, PayloadHash, ResultRef,
};

static COUNTER_READ: Texts = Texts::new(|n| {
    format!(
        r#"SELECT "location", "on_hand" FROM "stock_rows" WHERE "sku" = '' AND "location" IN ({})"#,
        vec!["?"; n].join(", ")
    )
});

impl SqliteTransaction<'_> {
    pub(super) fn next_number(&mut self, name: &str) -> Result<u64> {
        self.writable()?;
        check_name("series", name)?;
        let at = match self.series.iter().position(|one| one.name == name) {
            Some(at) => at,
            None if self.all_series => {
                // Every stored series was learnt: this one is new.
                self.series.push(Series { name: name.to_string(), stored: 0, taken: 0 });
                self.series.len() - 1
            }
            None => {
                // Not learnt (no stock read came first): the number is taken
                // in the table at once, one statement as a read would be,
                // and the series is known from then on.
                let taken: i64 = self
                    .prepared(
                        r#"INSERT INTO "stock_rows" ("sku", "location", "on_hand", "allocated", "reserved", "quarantined",
                           "incoming", "version") VALUES ('', ?1, 1, 0, 0, 0, 0, 1)
                           ON CONFLICT ("sku", "location") DO UPDATE SET "on_hand" = "on_hand" + 1 RETURNING "on_hand""#,
                    )?
                    .query_row([series_key(name)], |row| row.get(0))
                    .map_err(sql_error)?;
                self.series.push(Series { name: name.to_string(), stored: taken, taken });
                return Ok(unsigned(taken));
            }
        };
        let one = &mut self.series[at];
        one.taken = one.taken.checked_add(1).ok_or_else(|| Error::storage(format!("series {name} is exhausted")))?;
        Ok(unsigned(one.taken))
    }

    pub(super) fn add_tallies(&mut self, deltas: &[(&str, i64)]) -> Result<()> {
        self.writable()?;
        let deltas = sorted_deltas(deltas)?;
        self.pending.add_to_tallies(&deltas)
    }

    pub(super) fn read_tallies(&mut self, names: &[&str]) -> Result<Vec<i64>> {
        let keys: Vec<String> = names.iter().map(|name| tally_key(name)).collect();
        let stored = self.read_counters(&keys)?;
        names
            .iter()
            .zip(stored)
            .map(|(name, stored)| {
                stored
                    .checked_add(self.pending.tally(name))
                    .ok_or_else(|| Error::storage(format!("tally {name} overflows")))
            })
            .collect()
    }

    /// The stored numbers of counter rows, in the order asked (0 where absent).
    fn read_counters(&mut self, keys: &[String]) -> Result<Vec<i64>> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<(String, i64)> = self
            .prepared(&COUNTER_READ.of(keys.len()))?
            .query_map(rusqlite::params_from_iter(keys), |row| Ok((row.get(0)?, row.get(1)?)))
            .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
            .map_err(sql_error)?;
        Ok(keys.iter().map(|key| rows.iter().find(|(k, _)| k == key).map_or(0, |(_, value)| *value)).collect())
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
