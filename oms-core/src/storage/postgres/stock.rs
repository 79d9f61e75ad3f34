//! Stock on PostgreSQL: one row of plain columns per (SKU, location),
//! locked when read for writing and written under its version; and the
//! ledger of movements that explains every change of them.

use postgres::Row;

use super::values::{count, parse_time, signed, time_text};
use super::PostgresTransaction;
use crate::domain::inventory::{Deltas, Movement, MovementReason, StockLevel};
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::{LocationId, Sku};
use crate::storage::{written_once, MovementTotal};

const STOCK_COLUMNS: &str = "SELECT sku, location, on_hand, allocated, held, quarantined, incoming, version FROM stock";

pub(super) fn stock_level(row: &Row) -> Result<StockLevel> {
    Ok(StockLevel {
        sku: Sku::from_stored(row.get::<_, String>(0)),
        location: LocationId::from_stored(row.get::<_, String>(1)),
        on_hand: row.get(2),
        allocated: row.get(3),
        // The column `held` is the `reserved` bucket (its name before the rename).
        reserved: row.get(4),
        quarantined: row.get(5),
        incoming: row.get(6),
        version: count(row.get(7)),
    })
}

fn deltas(row: &Row, first: usize) -> Deltas {
    Deltas {
        on_hand: row.get(first),
        allocated: row.get(first + 1),
        reserved: row.get(first + 2),
        quarantined: row.get(first + 3),
        incoming: row.get(first + 4),
    }
}

pub(super) fn stock(tx: &mut PostgresTransaction<'_>, sku: &Sku, location: &LocationId) -> Result<Option<StockLevel>> {
    let sql = format!("{STOCK_COLUMNS} WHERE sku = $1 AND location = $2{}", tx.lock());
    let rows = tx.query(&sql, &[&sku.as_str(), &location.as_str()])?;
    rows.first().map(stock_level).transpose()
}

pub(super) fn put_stock(tx: &mut PostgresTransaction<'_>, level: &StockLevel) -> Result<()> {
    let (sku, location) = (level.sku.as_str(), level.location.as_str());
    let buckets = [level.on_hand, level.allocated, level.reserved, level.quarantined, level.incoming];
    let written = if level.version == 1 {
        tx.execute(
            "INSERT INTO stock (sku, location, on_hand, allocated, held, quarantined, incoming, version) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 1) ON CONFLICT (sku, location) DO NOTHING",
            &[&sku, &location, &buckets[0], &buckets[1], &buckets[2], &buckets[3], &buckets[4]],
        )?
    } else {
        tx.execute(
            "UPDATE stock SET on_hand = $3, allocated = $4, held = $5, quarantined = $6, incoming = $7, version = $8 \
             WHERE sku = $1 AND location = $2 AND version = $9",
            &[
                &sku,
                &location,
                &buckets[0],
                &buckets[1],
                &buckets[2],
                &buckets[3],
                &buckets[4],
                &signed(level.version),
                &signed(level.version - 1),
            ],
        )?
    };
    written_once(written, "stock", &format!("{sku}@{location}"), level.version)
}

pub(super) fn stock_levels(
    tx: &mut PostgresTransaction<'_>,
    sku: Option<&Sku>,
    location: Option<&LocationId>,
) -> Result<Vec<StockLevel>> {
    let lock = tx.lock();
    let rows = match (sku, location) {
        (Some(sku), Some(location)) => tx.query(
            &format!("{STOCK_COLUMNS} WHERE sku = $1 AND location = $2{lock}"),
            &[&sku.as_str(), &location.as_str()],
        )?,
        (Some(sku), None) => tx.query(
            &format!("{STOCK_COLUMNS} WHERE sku = $1 ORDER BY location COLLATE \"C\"{lock}"),
            &[&sku.as_str()],
        )?,
        (None, Some(location)) => tx.query(
            &format!("{STOCK_COLUMNS} WHERE location = $1 ORDER BY sku COLLATE \"C\"{lock}"),
            &[&location.as_str()],
        )?,
        (None, None) => {
            tx.query(&format!("{STOCK_COLUMNS} ORDER BY sku COLLATE \"C\", location COLLATE \"C\""), &[])?
        }
    };
    rows.iter().map(stock_level).collect()
}

pub(super) fn stock_levels_of(tx: &mut PostgresTransaction<'_>, skus: &[&Sku]) -> Result<Vec<StockLevel>> {
    let wanted: Vec<&str> = skus.iter().map(|sku| sku.as_str()).collect();
    let sql =
        format!("{STOCK_COLUMNS} WHERE sku = ANY($1) ORDER BY sku COLLATE \"C\", location COLLATE \"C\"{}", tx.lock());
    tx.query(&sql, &[&wanted])?.iter().map(stock_level).collect()
}

pub(super) fn put_stocks(tx: &mut PostgresTransaction<'_>, levels: &[StockLevel]) -> Result<()> {
    // New pairs are inserted one by one; changed ones are updated in one
    // statement, each row only if its version is still the one read.
    let (new, changed): (Vec<&StockLevel>, Vec<&StockLevel>) = levels.iter().partition(|level| level.version == 1);
    for level in new {
        put_stock(tx, level)?;
    }
    if changed.is_empty() {
        return Ok(());
    }
    let text = |pick: fn(&StockLevel) -> &str| changed.iter().map(|l| pick(l)).collect::<Vec<&str>>();
    let number = |pick: fn(&StockLevel) -> i64| changed.iter().map(|l| pick(l)).collect::<Vec<i64>>();
    let written = tx.execute(
        "UPDATE stock SET on_hand = u.on_hand, allocated = u.allocated, held = u.held, \
         quarantined = u.quarantined, incoming = u.incoming, version = u.version \
         FROM unnest($1::TEXT[], $2::TEXT[], $3::BIGINT[], $4::BIGINT[], $5::BIGINT[], $6::BIGINT[], \
         $7::BIGINT[], $8::BIGINT[]) AS u(sku, location, on_hand, allocated, held, quarantined, incoming, version) \
         WHERE stock.sku = u.sku AND stock.location = u.location AND stock.version = u.version - 1",
        &[
            &text(|l| l.sku.as_str()),
            &text(|l| l.location.as_str()),
            &number(|l| l.on_hand),
            &number(|l| l.allocated),
            &number(|l| l.reserved),
            &number(|l| l.quarantined),
            &number(|l| l.incoming),
            &number(|l| signed(l.version)),
        ],
    )?;
    if written == changed.len() as u64 {
        Ok(())
    } else {
        Err(Error::Conflict {
            message: format!(
                "{} of {} stock rows changed since they were read",
                changed.len() as u64 - written,
                changed.len()
            ),
        })
    }
}

pub(super) fn movements(
    tx: &mut PostgresTransaction<'_>,
    sku: &Sku,
    location: &LocationId,
    after: u64,
    limit: usize,
) -> Result<Vec<Movement>> {
    let rows = tx.query(
        "SELECT sequence, reason, on_hand_delta, allocated_delta, held_delta, quarantined_delta, incoming_delta, \
         reference, occurred_at FROM movements WHERE sku = $1 AND location = $2 AND sequence > $3 \
         ORDER BY sequence LIMIT $4",
        &[&sku.as_str(), &location.as_str(), &signed(after), &signed(limit as u64)],
    )?;
    rows.iter()
        .map(|row| {
            Ok(Movement {
                sequence: count(row.get(0)),
                sku: sku.clone(),
                location: location.clone(),
                reason: MovementReason::parse(&row.get::<_, String>(1)).map_err(Error::storage)?,
                deltas: deltas(row, 2),
                reference: row.get(7),
                occurred_at: parse_time(&row.get::<_, String>(8))?,
            })
        })
        .collect()
}

pub(super) fn movement_totals(tx: &mut PostgresTransaction<'_>) -> Result<Vec<MovementTotal>> {
    let rows = tx.query(
        "SELECT sku, location, SUM(on_hand_delta)::BIGINT, SUM(allocated_delta)::BIGINT, SUM(held_delta)::BIGINT, \
         SUM(quarantined_delta)::BIGINT, SUM(incoming_delta)::BIGINT FROM movements \
         GROUP BY sku, location ORDER BY sku COLLATE \"C\", location COLLATE \"C\"",
        &[],
    )?;
    rows.iter()
        .map(|row| {
            Ok(MovementTotal {
                sku: Sku::from_stored(row.get::<_, String>(0)),
                location: LocationId::from_stored(row.get::<_, String>(1)),
                totals: deltas(row, 2),
            })
        })
        .collect()
}

/// Inserts the movements buffered by the transaction in one statement.
pub(super) fn flush_movements(tx: &mut PostgresTransaction<'_>) -> Result<()> {
    let movements = std::mem::take(&mut tx.movements);
    if movements.is_empty() {
        return Ok(());
    }
    let column = |pick: fn(&Movement) -> String| movements.iter().map(pick).collect::<Vec<String>>();
    let number = |pick: fn(&Deltas) -> i64| movements.iter().map(|m| pick(&m.deltas)).collect::<Vec<i64>>();
    let references: Vec<Option<String>> = movements.iter().map(|m| m.reference.clone()).collect();
    tx.execute(
        "INSERT INTO movements (sku, location, reason, on_hand_delta, allocated_delta, held_delta, \
         quarantined_delta, incoming_delta, reference, occurred_at) \
         SELECT * FROM unnest($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::BIGINT[], $5::BIGINT[], $6::BIGINT[], \
         $7::BIGINT[], $8::BIGINT[], $9::TEXT[], $10::TEXT[])",
        &[
            &column(|m| m.sku.to_string()),
            &column(|m| m.location.to_string()),
            &column(|m| m.reason.as_str().to_string()),
            &number(|d| d.on_hand),
            &number(|d| d.allocated),
            &number(|d| d.reserved),
            &number(|d| d.quarantined),
            &number(|d| d.incoming),
            &references,
            &column(|m| time_text(&m.occurred_at)),
        ],
    )?;
    Ok(())
}
