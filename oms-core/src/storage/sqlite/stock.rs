//! Stock rows on SQLite: `stock` and `put_stock` over the `stock_rows`
//! table (migration 4, see `schema.rs`).
//!
//! Rules that hold here:
//! - A read returns every row of the SKUs ordered by `(sku, location)`. The
//!   first stock read of a write transaction also learns the streams' last
//!   numbers in the same statement (one index seek each), which commit then
//!   numbers the appended rows after (see `streams.rs`).
//! - A write transaction remembers the version of every stock row it read
//!   or wrote (`stock_versions`); nobody else writes the file until it ends,
//!   so those are the stored versions. When each replaced row of a
//!   `put_stock` is known at the version before, all rows go in one
//!   `INSERT … ON CONFLICT DO UPDATE … WHERE version = excluded.version - 1`;
//!   otherwise replaced rows go through `UPDATE … FROM (VALUES …)` and new
//!   rows through an `INSERT`. Rows travel as bound values, eight per row.
//! - One stale row fails the call with `conflict`; buckets are never
//!   negative (the table's checks).

use std::sync::LazyLock;

use rusqlite::Row;

use super::sql_error;
use super::transaction::{json_text, rows_of, SqliteTransaction, Texts};
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::{LocationId, Sku};
use crate::storage::contract::{check_stock_rows, signed, sorted_skus, unsigned, StockRow};

/// Stock rows written by one statement at most (eight bound values each; SQLite binds at most 32,766).
const STOCK_ROWS_MAX: usize = 4_000;

const STOCK_COLUMNS: &str =
    r#""sku", "location", "on_hand", "allocated", "reserved", "quarantined", "incoming", "version""#;

static STOCK_UPSERT: Texts = Texts::new(|n| {
    format!(
        r#"INSERT INTO "stock_rows" ({STOCK_COLUMNS}) VALUES {}
           ON CONFLICT ("sku", "location") DO UPDATE SET "on_hand" = excluded."on_hand",
           "allocated" = excluded."allocated", "reserved" = excluded."reserved",
           "quarantined" = excluded."quarantined", "incoming" = excluded."incoming", "version" = excluded."version"
           WHERE "stock_rows"."version" = excluded."version" - 1"#,
        rows_of(8, n)
    )
});
static STOCK: LazyLock<String> = LazyLock::new(|| {
    format!(
        r#"SELECT {STOCK_COLUMNS} FROM "stock_rows" WHERE "sku" IN (SELECT value FROM json_each(?1)) ORDER BY "sku", "location""#
    )
});
/// [`STOCK`] that also learns the streams' last numbers: three rows first,
/// whose `sku` is NULL (a stored SKU never is), `on_hand` the last number
/// and `version` the stream's place in [`Stream::ALL`](crate::storage::contract::Stream::ALL).
static STOCK_AND_LASTS: LazyLock<String> = LazyLock::new(|| {
    format!(
        r#"SELECT NULL, NULL, (SELECT COALESCE(MAX("seq"), 0) FROM "streams" WHERE "stream" = 'ledger'), 0, 0, 0, 0, 0
           UNION ALL SELECT NULL, NULL, (SELECT COALESCE(MAX("seq"), 0) FROM "streams" WHERE "stream" = 'outbox'), 0, 0, 0, 0, 1
           UNION ALL SELECT NULL, NULL, (SELECT COALESCE(MAX("seq"), 0) FROM "streams" WHERE "stream" = 'journal'), 0, 0, 0, 0, 2
           UNION ALL SELECT * FROM (SELECT {STOCK_COLUMNS} FROM "stock_rows" WHERE "sku" IN (SELECT value FROM json_each(?1))
                                    ORDER BY "sku", "location")"#
    )
});

fn stock_row(row: &Row<'_>) -> rusqlite::Result<StockRow> {
    Ok(StockRow {
        sku: Sku::from_stored(row.get(0)?),
        location: LocationId::from_stored(row.get(1)?),
        on_hand: row.get(2)?,
        allocated: row.get(3)?,
        reserved: row.get(4)?,
        quarantined: row.get(5)?,
        incoming: row.get(6)?,
        version: unsigned(row.get(7)?),
    })
}

/// The bound values of stock rows, in [`STOCK_COLUMNS`] order.
fn stock_values(rows: &[&StockRow]) -> Vec<rusqlite::types::Value> {
    use rusqlite::types::Value;
    let mut values = Vec::with_capacity(rows.len() * 8);
    for row in rows {
        values.push(Value::Text(row.sku.as_str().to_string()));
        values.push(Value::Text(row.location.as_str().to_string()));
        values.extend(row.buckets().map(Value::Integer));
        values.push(Value::Integer(signed(row.version)));
    }
    values
}

impl SqliteTransaction<'_> {
    pub(super) fn read_stock(&mut self, skus: &[&Sku]) -> Result<Vec<StockRow>> {
        let skus: Vec<&str> = sorted_skus(skus).into_iter().map(Sku::as_str).collect();
        // The first stock read of a write transaction (a command about stock
        // makes one before it appends) also learns the streams' last numbers.
        let learn = self.write && self.lasts.is_none();
        let found = if learn {
            let mut lasts = [0; 3];
            let mut found = Vec::new();
            let mut statement = self.prepared(&STOCK_AND_LASTS)?;
            let mut rows = statement.query([json_text(&skus)?]).map_err(sql_error)?;
            while let Some(row) = rows.next().map_err(sql_error)? {
                match row.get::<_, Option<String>>(0).map_err(sql_error)? {
                    Some(_) => found.push(stock_row(row).map_err(sql_error)?),
                    None => {
                        let at = usize::try_from(row.get::<_, i64>(7).map_err(sql_error)?).unwrap_or(0);
                        lasts[at.min(2)] = row.get(2).map_err(sql_error)?;
                    }
                }
            }
            drop(rows);
            drop(statement);
            self.lasts = Some(lasts);
            found
        } else {
            let mut statement = self.prepared(&STOCK)?;
            let rows = statement.query_map([json_text(&skus)?], stock_row).map_err(sql_error)?;
            rows.collect::<rusqlite::Result<Vec<_>>>().map_err(sql_error)?
        };
        if self.write {
            for row in &found {
                self.know_stock(row);
            }
        }
        Ok(found)
    }

    pub(super) fn put_stock_rows(&mut self, rows: &[StockRow]) -> Result<()> {
        self.writable()?;
        check_stock_rows(rows)?;
        if rows.is_empty() {
            return Ok(());
        }
        let known = |row: &StockRow| {
            self.stock_versions.get(row.sku.as_str()).and_then(|at| {
                at.iter().find(|(location, _)| location == row.location.as_str()).map(|(_, version)| *version)
            })
        };
        if rows.iter().all(|row| row.version == 1 || known(row) == Some(row.version - 1))
            && rows.len() <= STOCK_ROWS_MAX
        {
            // Every replaced row was read (or written) in this transaction at
            // the version before, and nobody else writes the file until it
            // ends: all rows go in one upsert, the cheapest form. A new row
            // (version 1) is inserted if absent; if present, its update's
            // condition (stored version 0) fails and it is counted missing.
            let sql = STOCK_UPSERT.of(rows.len());
            let all: Vec<&StockRow> = rows.iter().collect();
            let written = self.execute_rows(&sql, rows.len(), &stock_values(&all))?;
            return self.stock_written(rows, written);
        }
        let (inserted, replaced): (Vec<&StockRow>, Vec<&StockRow>) = rows.iter().partition(|row| row.version == 1);
        let mut written = 0;
        // The rows travel as bound values, eight per row (no JSON to build or parse).
        for chunk in replaced.chunks(STOCK_ROWS_MAX) {
            let sql = format!(
                r#"UPDATE "stock_rows" SET "on_hand" = u.column3, "allocated" = u.column4, "reserved" = u.column5,
                   "quarantined" = u.column6, "incoming" = u.column7, "version" = u.column8
                   FROM (VALUES {}) AS u
                   WHERE "stock_rows"."sku" = u.column1 AND "stock_rows"."location" = u.column2
                   AND "stock_rows"."version" = u.column8 - 1"#,
                rows_of(8, chunk.len())
            );
            written += self.execute_rows(&sql, chunk.len(), &stock_values(chunk))?;
        }
        for chunk in inserted.chunks(STOCK_ROWS_MAX) {
            let sql = format!(
                r#"INSERT INTO "stock_rows" ({STOCK_COLUMNS}) VALUES {} ON CONFLICT ("sku", "location") DO NOTHING"#,
                rows_of(8, chunk.len())
            );
            written += self.execute_rows(&sql, chunk.len(), &stock_values(chunk))?;
        }
        self.stock_written(rows, written)
    }

    /// After a stock write of `written` rows out of `rows`: `conflict` unless
    /// all were written, and then their versions are known.
    fn stock_written(&mut self, rows: &[StockRow], written: usize) -> Result<()> {
        if written != rows.len() {
            return Err(Error::Conflict {
                message: format!(
                    "stock: {} of {} rows were not at the version expected",
                    rows.len() - written,
                    rows.len()
                ),
            });
        }
        for row in rows {
            self.know_stock(row);
        }
        Ok(())
    }

    /// Remembers a stock row's version as stored in this write transaction.
    fn know_stock(&mut self, row: &StockRow) {
        let at = match self.stock_versions.get_mut(row.sku.as_str()) {
            Some(at) => at,
            None => self.stock_versions.entry(row.sku.as_str().to_string()).or_default(),
        };
        match at.iter_mut().find(|(location, _)| location == row.location.as_str()) {
            Some((_, version)) => *version = row.version,
            None => at.push((row.location.as_str().to_string(), row.version)),
        }
    }
}
