//! The flush on SQLite: the stock rows a transaction writes, its tally
//! additions (both waiting in `storage/pending.rs`) and the numbers it took
//! from series ([`SqliteTransaction::series`]) go to the file in one
//! statement when it commits, or earlier when a read must see them.
//!
//! Rules that hold here:
//! - Stock rows, tallies and series are rows of one table, `stock_rows`: a
//!   tally or series is a counter row (SKU `''`, which no stock row can
//!   have; location `tally:NAME` or `series:NAME`; its number in
//!   `on_hand`, the other buckets 0, version 1). SQLite writes one table
//!   per statement, and this is what keeps an order at `BEGIN`, one read,
//!   three writes (the order, these rows, the stream rows) and `COMMIT`.
//!   The table has no index but its key, and the counter rows sort first,
//!   in a page or two of their own.
//! - They go in one `INSERT … ON CONFLICT DO UPDATE`: a stock row replaces
//!   the stored version before it (an inserted one, version 1, finds none:
//!   the `WHERE` fails and it is counted missing), a counter row adds its
//!   delta to `on_hand`.
//! - A replaced stock row goes in that upsert only when this transaction
//!   read or wrote it at the version it replaces (`stock_versions`): nobody
//!   else writes the file until the transaction ends, so it is still
//!   stored, and an upsert cannot insert a row that should have been there.
//!   Any other replaced row goes through an `UPDATE` that checks its
//!   version.
//! - A statement that changes fewer rows than it sends is `conflict` (a row
//!   already stored or a stored version moved), and the transaction is
//!   dropped.
//! - A tally sum beyond 64 bits would become a float, which the check on
//!   `on_hand` refuses: the statement fails with `storage_error`.

use rusqlite::ToSql;

use super::stock::STOCK_COLUMNS;
use super::transaction::{rows_of, SqliteTransaction, Texts};
use crate::kernel::error::{Error, Result};
use crate::storage::contract::{signed, StockRow};

/// The SKU of every counter row of `stock_rows` (a stock row's SKU is never empty).
pub(super) const COUNTER: &str = "";

/// The location of a tally's counter row.
pub(super) fn tally_key(name: &str) -> String {
    format!("tally:{name}")
}

/// The location of a series' counter row.
pub(super) fn series_key(name: &str) -> String {
    format!("series:{name}")
}

/// Rows written by one statement at most (eight bound values each; SQLite binds at most 32,766).
const ROWS_MAX: usize = 4_000;

static UPSERT: Texts = Texts::new(|n| {
    format!(
        r#"INSERT INTO "stock_rows" ({STOCK_COLUMNS}) VALUES {}
           ON CONFLICT ("sku", "location") DO UPDATE SET
           "on_hand" = CASE excluded."sku" WHEN '' THEN "stock_rows"."on_hand" + excluded."on_hand"
                       ELSE excluded."on_hand" END,
           "allocated" = excluded."allocated", "reserved" = excluded."reserved",
           "quarantined" = excluded."quarantined", "incoming" = excluded."incoming", "version" = excluded."version"
           WHERE excluded."sku" = '' OR "stock_rows"."version" = excluded."version" - 1"#,
        rows_of(8, n)
    )
});

/// A stock row's buckets and version, in [`STOCK_COLUMNS`] order after the SKU and location.
fn numbers(row: &StockRow) -> [i64; 6] {
    let [on_hand, allocated, reserved, quarantined, incoming] = row.buckets();
    [on_hand, allocated, reserved, quarantined, incoming, signed(row.version)]
}

fn missing(what: &str, sent: usize, written: usize) -> Result<()> {
    if written == sent {
        return Ok(());
    }
    Err(Error::Conflict { message: format!("{what}: {} of {sent} rows were not written", sent - written) })
}

impl SqliteTransaction<'_> {
    /// Writes everything that waits (see the module documentation).
    pub(super) fn flush_writes(&mut self) -> Result<()> {
        let taken = self.series_taken();
        if self.pending.is_empty() && taken.is_empty() {
            return Ok(());
        }
        let drained = self.pending.drain();
        let (upserted, elsewhere): (Vec<_>, Vec<_>) =
            drained.stock.into_iter().partition(|(row, before)| before.is_none() || self.stock_version(row) == *before);
        let mut counters: Vec<(String, i64)> = drained
            .tallies
            .into_iter()
            .filter(|(_, delta)| *delta != 0)
            .map(|(name, d)| (tally_key(&name), d))
            .collect();
        counters.extend(taken);
        // Bound by reference: no value is copied on its way to SQLite.
        let stock_numbers: Vec<[i64; 6]> = upserted.iter().map(|(row, _)| numbers(row)).collect();
        let mut bound: Vec<&dyn ToSql> = Vec::with_capacity(8 * (upserted.len() + counters.len()));
        for ((row, _), numbers) in upserted.iter().zip(&stock_numbers) {
            bound.extend([&row.sku as &dyn ToSql, &row.location]);
            bound.extend(numbers.iter().map(|n| n as &dyn ToSql));
        }
        for (key, delta) in &counters {
            bound.extend([&COUNTER as &dyn ToSql, key, delta, &0_i64, &0_i64, &0_i64, &0_i64, &1_i64]);
        }
        for chunk in bound.chunks(8 * ROWS_MAX) {
            let count = chunk.len() / 8;
            let changed = self.execute_rows(&UPSERT.of(count), count, chunk).map_err(|error| match error {
                Error::Storage { message } if message.contains("CHECK constraint failed") => {
                    Error::storage(format!("a tally would leave 64 bits: {message}"))
                }
                other => other,
            })?;
            missing("stock (a row already stored or a stored version moved)", count, changed)?;
        }
        // Rows replaced at a version this transaction did not see: an `UPDATE` that checks it.
        for chunk in elsewhere.chunks(ROWS_MAX) {
            let chunk_numbers: Vec<[i64; 6]> = chunk.iter().map(|(row, _)| numbers(row)).collect();
            let mut values: Vec<&dyn ToSql> = Vec::with_capacity(8 * chunk.len());
            for ((row, _), numbers) in chunk.iter().zip(&chunk_numbers) {
                values.extend([&row.sku as &dyn ToSql, &row.location]);
                values.extend(numbers.iter().map(|n| n as &dyn ToSql));
            }
            let sql = format!(
                r#"UPDATE "stock_rows" SET "on_hand" = u.column3, "allocated" = u.column4, "reserved" = u.column5,
                   "quarantined" = u.column6, "incoming" = u.column7, "version" = u.column8
                   FROM (VALUES {}) AS u
                   WHERE "stock_rows"."sku" = u.column1 AND "stock_rows"."location" = u.column2
                   AND "stock_rows"."version" = u.column8 - 1"#,
                rows_of(8, chunk.len())
            );
            let changed = self.execute_rows(&sql, chunk.len(), &values)?;
            missing("stock (a stored version moved)", chunk.len(), changed)?;
        }
        for (row, _) in upserted.iter().chain(&elsewhere) {
            self.know_stock(row);
        }
        Ok(())
    }

    /// The numbers each series gave since they were stored, as counter
    /// additions; from now on they count as stored.
    fn series_taken(&mut self) -> Vec<(String, i64)> {
        let mut taken = Vec::new();
        for one in self.series.iter_mut().filter(|one| one.taken != one.stored) {
            taken.push((series_key(&one.name), one.taken - one.stored));
            one.stored = one.taken;
        }
        taken
    }
}
