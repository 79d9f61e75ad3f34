//! Stock rows on PostgreSQL: `stock` and `put_stock` over the `stock_rows`
//! table (migration 3, see `schema.rs`).
//!
//! Rules that hold here: a read returns every row of the SKUs ordered, and
//! with [`Lock::Update`] locked, by `(sku, location)`, so concurrent
//! writers lock stock rows in one order; it flushes the writes that wait
//! first when a stock row of one of its SKUs waits. A `put_stock` waits in
//! the transaction (`pending.rs`) and goes with the flush (one statement
//! for new rows and replaced rows alike), where one row not at the version
//! expected makes it `conflict`; buckets are never negative (the table's
//! checks).

use postgres::Row;

use super::transaction::{for_update, PostgresTransaction};
use crate::kernel::error::Result;
use crate::kernel::ids::{LocationId, Sku};
use crate::storage::contract::{check_stock_rows, sorted_skus, unsigned, Lock, StockRow};

const STOCK_COLUMNS: &str =
    r#""sku", "location", "on_hand", "allocated", "reserved", "quarantined", "incoming", "version""#;

fn stock_row(row: &Row) -> StockRow {
    StockRow {
        sku: Sku::from_stored(row.get(0)),
        location: LocationId::from_stored(row.get(1)),
        on_hand: row.get(2),
        allocated: row.get(3),
        reserved: row.get(4),
        quarantined: row.get(5),
        incoming: row.get(6),
        version: unsigned(row.get(7)),
    }
}

impl PostgresTransaction<'_> {
    pub(super) fn read_stock(&mut self, skus: &[&Sku], lock: Lock) -> Result<Vec<StockRow>> {
        let skus: Vec<&str> = sorted_skus(skus).into_iter().map(Sku::as_str).collect();
        if self.pending.has_stock_of(&skus) {
            self.flush_writes(false)?;
        }
        // Rows are locked in the order they are returned: (sku, location).
        let sql = format!(
            r#"SELECT {STOCK_COLUMNS} FROM "stock_rows" WHERE "sku" = ANY($1) ORDER BY "sku", "location"{}"#,
            for_update(lock)
        );
        Ok(self.query(&sql, &[&skus])?.iter().map(stock_row).collect())
    }

    pub(super) fn put_stock_rows(&mut self, rows: &[StockRow]) -> Result<()> {
        self.writable()?;
        check_stock_rows(rows)?;
        self.pending.put_stock(rows)
    }
}
