//! Streams on SQLite: `append`, `read` and `read_aggregate` over the
//! `streams` table (migration 4; `streams_by_aggregate`, migration 5, see
//! `schema.rs`), and the numbering of the appended rows at commit.
//!
//! Rules that hold here:
//! - Appended rows wait in the transaction and are numbered at commit,
//!   consecutively after their stream's last committed number, in append
//!   order; a row is keyed by the last of the `width` numbers it takes.
//! - The transaction is the file's only writer from `BEGIN IMMEDIATE` to
//!   `COMMIT`, so each stream's last number, once read, stays the last until
//!   it commits: the first stock read of a write transaction learns them on
//!   the way (see `stock.rs`); a transaction that did not reads them in one
//!   `SELECT` at commit ([`LASTS`]). Rows then become visible in number
//!   order.
//! - The rows go in by one plain multi-row `INSERT` ([`APPEND`]) whose
//!   `WHERE` also checks the tally commit expects (see `records.rs`), after
//!   the flush has written the transaction's own additions. It
//!   never reads `streams`: an `INSERT … SELECT` that does would make SQLite
//!   copy the rows into a temporary table first.

use std::sync::atomic::Ordering;

use rusqlite::{params, Row};

use super::flush::tally_key;
use super::sql_error;
use super::transaction::{SqliteTransaction, Texts, CACHED_APPEND_ROWS};
use crate::kernel::error::Result;
use crate::storage::contract::{
    by_stream, check_entries, signed, tally_moved, unsigned, Body, Receipt, Stream, StreamEntry, StreamRow,
};

/// Rows appended by one statement at most (four bound values each).
const APPEND_ROWS_MAX: usize = 4_096;

/// Appends `n` rows (`?3`, `?4`… are stream, number, aggregate, body per
/// row) if the counter row `?1` of a tally holds `?2` (no check when `?1`
/// is null). The statement reads `stock_rows`, never `streams`: SQLite would
/// evaluate an `INSERT … SELECT` reading its own table into a temporary
/// table first.
static APPEND: Texts = Texts::new(|n| {
    let rows: Vec<String> = (0..n)
        .map(|row| {
            let at = 3 + 4 * row;
            format!("(?{at}, ?{}, ?{}, ?{})", at + 1, at + 2, at + 3)
        })
        .collect();
    format!(
        r#"INSERT INTO "streams" ("stream", "seq", "aggregate", "body")
           SELECT * FROM (VALUES {})
           WHERE ?1 IS NULL OR COALESCE((SELECT "on_hand" FROM "stock_rows" WHERE "sku" = '' AND "location" = ?1), 0) = ?2"#,
        rows.join(", ")
    )
});
/// The last number of each stream, in [`Stream::ALL`] order.
const LASTS: &str = r#"SELECT
    (SELECT COALESCE(MAX("seq"), 0) FROM "streams" WHERE "stream" = 'ledger'),
    (SELECT COALESCE(MAX("seq"), 0) FROM "streams" WHERE "stream" = 'outbox'),
    (SELECT COALESCE(MAX("seq"), 0) FROM "streams" WHERE "stream" = 'journal')"#;

fn stream_row(row: &Row<'_>) -> rusqlite::Result<StreamRow> {
    Ok(StreamRow { seq: unsigned(row.get(0)?), aggregate: row.get(1)?, body: Body::json(row.get::<_, String>(2)?) })
}

impl SqliteTransaction<'_> {
    pub(super) fn append_rows(&mut self, stream: Stream, rows: &[StreamEntry]) -> Result<()> {
        self.writable()?;
        check_entries(rows)?;
        self.appends.extend(rows.iter().map(|row| (stream, row.clone())));
        Ok(())
    }

    pub(super) fn read_rows(&mut self, stream: Stream, after: u64, limit: usize) -> Result<Vec<StreamRow>> {
        let mut statement = self.prepared(
            r#"SELECT "seq", "aggregate", "body" FROM "streams" WHERE "stream" = ?1 AND "seq" > ?2 ORDER BY "seq" LIMIT ?3"#,
        )?;
        let rows = statement
            .query_map(params![stream.as_str(), signed(after), signed(limit as u64)], stream_row)
            .map_err(sql_error)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(sql_error)
    }

    pub(super) fn read_aggregate_rows(
        &mut self,
        stream: Stream,
        aggregate: &str,
        after: u64,
        limit: usize,
    ) -> Result<Vec<StreamRow>> {
        let mut statement = self.prepared(
            r#"SELECT "seq", "aggregate", "body" FROM "streams"
               WHERE "stream" = ?1 AND "aggregate" = ?2 AND "seq" > ?3 ORDER BY "seq" LIMIT ?4"#,
        )?;
        let rows = statement
            .query_map(params![stream.as_str(), aggregate, signed(after), signed(limit as u64)], stream_row)
            .map_err(sql_error)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(sql_error)
    }

    /// Numbers the appended rows after each stream's last and inserts them,
    /// checking the expected tally in the same statement.
    pub(super) fn flush_appends(&mut self) -> Result<Receipt> {
        let expected = self.expected.take();
        let grouped = by_stream(std::mem::take(&mut self.appends));
        if grouped.is_empty() {
            if let Some((name, value)) = expected {
                self.check_expected(&name, value)?;
            }
            return Ok(Receipt::default());
        }
        // The transaction is the file's only writer (`BEGIN IMMEDIATE`), so
        // the last numbers, read here or by a stock read before, stay the
        // last until it commits.
        let lasts = match self.lasts {
            Some(known) => known,
            None => self
                .prepared(LASTS)?
                .query_row([], |row| Ok([row.get(0)?, row.get(1)?, row.get(2)?]))
                .map_err(sql_error)?,
        };
        let mut receipt = Receipt::default();
        let mut rows: Vec<(&str, i64, &str, std::sync::Arc<str>)> = Vec::new();
        for (stream, entries) in &grouped {
            let before = Stream::ALL.iter().position(|s| s == stream).map_or(0, |n| lasts[n]);
            // Each row is keyed by the last number it takes.
            let mut last = before;
            for entry in entries {
                last += signed(entry.width);
                rows.push((stream.as_str(), last, entry.aggregate.as_str(), entry.body.to_json()?));
            }
            receipt.appended.push((*stream, unsigned(before + 1), unsigned(last)));
        }
        let counter = expected.as_ref().map(|(name, _)| tally_key(name));
        let (mut check_name, mut check_value) = match (&counter, &expected) {
            (Some(key), Some((_, value))) => (Some(key.as_str()), Some(*value)),
            _ => (None, None),
        };
        // The rows travel as bound values (a body is bound as it is, never
        // escaped into a larger JSON text). One statement for up to
        // APPEND_ROWS_MAX rows (SQLite binds at most 32,766 values).
        for chunk in rows.chunks(APPEND_ROWS_MAX) {
            let sql = APPEND.of(chunk.len());
            let bodies: Vec<&str> = chunk.iter().map(|row| &*row.3).collect();
            let mut bound: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(2 + chunk.len() * 4);
            bound.push(&check_name);
            bound.push(&check_value);
            for (row, body) in chunk.iter().zip(&bodies) {
                bound.push(&row.0);
                bound.push(&row.1);
                bound.push(&row.2);
                bound.push(body);
            }
            let inserted = if chunk.len() <= CACHED_APPEND_ROWS {
                self.prepared(&sql)?.execute(bound.as_slice()).map_err(sql_error)?
            } else {
                // A long append is prepared once and not kept (its text is used rarely).
                self.store.statements.fetch_add(1, Ordering::Relaxed);
                self.conn()?.prepare(&sql).and_then(|mut one| one.execute(bound.as_slice())).map_err(sql_error)?
            };
            if inserted != chunk.len() {
                // Nothing was inserted: the tally check failed.
                let (name, value) = expected.as_ref().map_or(("", 0), |(name, value)| (name.as_str(), *value));
                let held = self.read_tallies(&[name])?.first().copied().unwrap_or(0);
                return Err(tally_moved(name, value, held));
            }
            (check_name, check_value) = (None, None);
        }
        Ok(receipt)
    }
}
