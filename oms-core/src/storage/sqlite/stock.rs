//! Stock rows on SQLite: `stock` and `put_stock` over the `stock_rows`
//! table (migration 4, see `schema.rs`).
//!
//! Rules that hold here:
//! - A read returns every row of the SKUs ordered by `(sku, location)`: up
//!   to sixteen SKUs by one key seek each (a `UNION ALL` of them, no
//!   temporary table), more by one JSON array read with `json_each`. The
//!   first stock read of a write transaction also learns, in the same
//!   statement, the streams' last numbers (one index seek each), which
//!   commit then numbers the appended rows after (see `streams.rs`), and the
//!   series' stored numbers, which it then numbers from (see `records.rs`).
//!   A read of a SKU with a stock row waiting flushes first.
//! - A `put_stock` waits in the transaction and is written by the flush
//!   (`flush.rs`), which needs the version of every stock row the write
//!   transaction read or wrote (`stock_versions`): nobody else writes the
//!   file until it ends, so those are the stored versions.
//! - One stale row fails the flush with `conflict`; buckets are never
//!   negative (checked on the way in, and by the table's checks).

use std::borrow::Cow;
use std::sync::LazyLock;

use rusqlite::Row;

use super::sql_error;
use super::transaction::{json_text, Series, SqliteTransaction, Texts, CACHED_APPEND_ROWS};
use crate::kernel::error::Result;
use crate::kernel::ids::{LocationId, Sku};
use crate::storage::contract::{check_stock_rows, sorted_skus, unsigned, StockRow};

pub(super) const STOCK_COLUMNS: &str =
    r#""sku", "location", "on_hand", "allocated", "reserved", "quarantined", "incoming", "version""#;

/// The streams' last numbers and the series' stored numbers, as rows shaped
/// like stock rows: three rows first, whose `sku` is NULL (a stored SKU never
/// is), `on_hand` the last number and `version` the stream's place in
/// [`Stream::ALL`](crate::storage::contract::Stream::ALL); then a row per
/// series, `location` its name, `on_hand` its number, `version` 3.
const LASTS_AND_SERIES: &str = r#"SELECT NULL, NULL, (SELECT COALESCE(MAX("seq"), 0) FROM "streams" WHERE "stream" = 'ledger'), 0, 0, 0, 0, 0
    UNION ALL SELECT NULL, NULL, (SELECT COALESCE(MAX("seq"), 0) FROM "streams" WHERE "stream" = 'outbox'), 0, 0, 0, 0, 1
    UNION ALL SELECT NULL, NULL, (SELECT COALESCE(MAX("seq"), 0) FROM "streams" WHERE "stream" = 'journal'), 0, 0, 0, 0, 2
    UNION ALL SELECT NULL, substr("location", 8), "on_hand", 0, 0, 0, 0, 3 FROM "stock_rows"
    WHERE "sku" = '' AND "location" >= 'series:' AND "location" < 'series;'"#;

/// The rows of `n` SKUs, one key seek each (`?1`…`?n`): a few SKUs are read
/// without the temporary table an `IN` list would fill.
fn rows_of_skus(n: usize) -> String {
    let arms: Vec<String> =
        (1..=n).map(|at| format!(r#"SELECT {STOCK_COLUMNS} FROM "stock_rows" WHERE "sku" = ?{at}"#)).collect();
    arms.join(" UNION ALL ")
}

/// The rows of any number of SKUs, sent as one JSON array (`?1`).
fn rows_of_many_skus() -> String {
    format!(r#"SELECT {STOCK_COLUMNS} FROM "stock_rows" WHERE "sku" IN (SELECT value FROM json_each(?1))"#)
}

/// Up to this many SKUs are read by key seeks ([`STOCK`]); more as one JSON array.
const SEEKED_SKUS_MAX: usize = CACHED_APPEND_ROWS;

/// A stock read of 1 to [`SEEKED_SKUS_MAX`] SKUs (by count).
static STOCK: Texts = Texts::new(rows_of_skus);
/// [`STOCK`] that also learns the streams' last numbers and the series' numbers ([`LASTS_AND_SERIES`]).
static STOCK_AND_LASTS: Texts = Texts::new(|n| format!("{LASTS_AND_SERIES} UNION ALL {}", rows_of_skus(n)));
static MANY_STOCK: LazyLock<String> = LazyLock::new(rows_of_many_skus);
static MANY_STOCK_AND_LASTS: LazyLock<String> =
    LazyLock::new(|| format!("{LASTS_AND_SERIES} UNION ALL {}", rows_of_many_skus()));

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

impl SqliteTransaction<'_> {
    pub(super) fn read_stock(&mut self, skus: &[&Sku]) -> Result<Vec<StockRow>> {
        let skus: Vec<&str> = sorted_skus(skus).into_iter().map(Sku::as_str).collect();
        if self.pending.has_stock_of(&skus) {
            self.flush_writes()?;
        }
        // The first stock read of a write transaction (a command about stock
        // makes one before it appends) also learns the streams' last numbers.
        let learn = self.write && self.lasts.is_none();
        // A few SKUs are bound one by one; many travel as one JSON array.
        let few = !skus.is_empty() && skus.len() <= SEEKED_SKUS_MAX;
        let sql = match (learn, few) {
            (true, true) => STOCK_AND_LASTS.of(skus.len()),
            (true, false) => Cow::Borrowed(MANY_STOCK_AND_LASTS.as_str()),
            (false, true) => STOCK.of(skus.len()),
            (false, false) => Cow::Borrowed(MANY_STOCK.as_str()),
        };
        let many = if few { String::new() } else { json_text(&skus)? };
        let bound: Vec<&dyn rusqlite::ToSql> = match few {
            true => skus.iter().map(|sku| sku as &dyn rusqlite::ToSql).collect(),
            false => vec![&many],
        };
        let mut lasts = [0; 3];
        let mut series = Vec::new();
        let mut found = Vec::new();
        let mut statement = self.prepared(&sql)?;
        let mut rows = statement.query(bound.as_slice()).map_err(sql_error)?;
        while let Some(row) = rows.next().map_err(sql_error)? {
            match row.get::<_, Option<String>>(0).map_err(sql_error)? {
                Some(_) => found.push(stock_row(row).map_err(sql_error)?),
                None => match usize::try_from(row.get::<_, i64>(7).map_err(sql_error)?).unwrap_or(0) {
                    at @ 0..=2 => lasts[at] = row.get(2).map_err(sql_error)?,
                    _ => {
                        let stored = row.get(2).map_err(sql_error)?;
                        series.push(Series { name: row.get(1).map_err(sql_error)?, stored, taken: stored });
                    }
                },
            }
        }
        drop(rows);
        drop(statement);
        // Each SKU's rows come in key order; the SKUs are put in order here.
        found.sort_by(|a: &StockRow, b: &StockRow| (&a.sku, &a.location).cmp(&(&b.sku, &b.location)));
        if learn {
            self.lasts = Some(lasts);
            if !self.all_series {
                for one in series {
                    if !self.series.iter().any(|known| known.name == one.name) {
                        self.series.push(one);
                    }
                }
                self.all_series = true;
            }
        }
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
        self.pending.put_stock(rows)
    }

    /// The stored version of a stock row this write transaction read or wrote.
    pub(super) fn stock_version(&self, row: &StockRow) -> Option<u64> {
        self.stock_versions.get(row.sku.as_str()).and_then(|at| {
            at.iter().find(|(location, _)| location == row.location.as_str()).map(|(_, version)| *version)
        })
    }

    /// Remembers a stock row's version as stored in this write transaction.
    pub(super) fn know_stock(&mut self, row: &StockRow) {
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
