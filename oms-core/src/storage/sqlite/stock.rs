//! Stock on SQLite: one row of plain columns per (SKU, location), the
//! hottest rows, written under their version; and the ledger of movements
//! that explains every change of them.

use rusqlite::{params, OptionalExtension, Row};

use super::values::{count, insert_rows, parse_time, signed, sql_error, time_text};
use super::{Counted, SqliteTransaction};
use crate::domain::inventory::{Deltas, Movement, MovementReason, StockLevel};
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::{LocationId, Sku};
use crate::storage::{written_once, MovementTotal};

const STOCK_COLUMNS: &str = "SELECT sku, location, on_hand, allocated, held, quarantined, incoming, version FROM stock";

pub(super) type StockRow = (String, String, [i64; 5], i64);

pub(super) fn stock_row(row: &Row<'_>) -> rusqlite::Result<StockRow> {
    Ok((row.get(0)?, row.get(1)?, [row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?, row.get(6)?], row.get(7)?))
}

pub(super) fn stock_level((sku, location, buckets, version): StockRow) -> Result<StockLevel> {
    // The column `held` is the `reserved` bucket (its name before the rename).
    let [on_hand, allocated, reserved, quarantined, incoming] = buckets;
    Ok(StockLevel {
        sku: Sku::from_stored(sku),
        location: LocationId::from_stored(location),
        on_hand,
        allocated,
        reserved,
        quarantined,
        incoming,
        version: count(version),
    })
}

pub(super) fn stock(tx: &SqliteTransaction<'_>, sku: &Sku, location: &LocationId) -> Result<Option<StockLevel>> {
    let row = tx
        .conn()?
        .prepare_cached(&format!("{STOCK_COLUMNS} WHERE sku = ?1 AND location = ?2"))
        .and_then(|mut s| s.query_row([sku.as_str(), location.as_str()], stock_row).optional())
        .map_err(sql_error)?;
    row.map(stock_level).transpose()
}

pub(super) fn put_stock(tx: &SqliteTransaction<'_>, level: &StockLevel) -> Result<()> {
    let buckets = [level.on_hand, level.allocated, level.reserved, level.quarantined, level.incoming];
    let written = if level.version == 1 {
        tx.conn()?
            .prepare_cached(
                "INSERT OR IGNORE INTO stock (sku, location, on_hand, allocated, held, quarantined, incoming, version) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    level.sku.as_str(),
                    level.location.as_str(),
                    buckets[0],
                    buckets[1],
                    buckets[2],
                    buckets[3],
                    buckets[4]
                ])
            })
    } else {
        tx.conn()?
            .prepare_cached(
                "UPDATE stock SET on_hand = ?3, allocated = ?4, held = ?5, quarantined = ?6, incoming = ?7, \
                 version = ?8 WHERE sku = ?1 AND location = ?2 AND version = ?9",
            )
            .and_then(|mut s| {
                s.execute(params![
                    level.sku.as_str(),
                    level.location.as_str(),
                    buckets[0],
                    buckets[1],
                    buckets[2],
                    buckets[3],
                    buckets[4],
                    signed(level.version),
                    signed(level.version - 1)
                ])
            })
    }
    .map_err(sql_error)?;
    written_once(written as u64, "stock", &format!("{}@{}", level.sku, level.location), level.version)
}

pub(super) fn stock_levels(
    tx: &SqliteTransaction<'_>,
    sku: Option<&Sku>,
    location: Option<&LocationId>,
) -> Result<Vec<StockLevel>> {
    // One statement per filter shape, so that each can use the primary key
    // (an `?1 IS NULL OR sku = ?1` test would scan the whole table).
    let (sql, values): (String, Vec<&str>) = match (sku, location) {
        (Some(sku), Some(location)) => {
            (format!("{STOCK_COLUMNS} WHERE sku = ?1 AND location = ?2"), vec![sku.as_str(), location.as_str()])
        }
        (Some(sku), None) => (format!("{STOCK_COLUMNS} WHERE sku = ?1 ORDER BY location"), vec![sku.as_str()]),
        (None, Some(location)) => {
            (format!("{STOCK_COLUMNS} WHERE location = ?1 ORDER BY sku"), vec![location.as_str()])
        }
        (None, None) => (format!("{STOCK_COLUMNS} ORDER BY sku, location"), vec![]),
    };
    let mut statement = tx.conn()?.prepare_cached(&sql).map_err(sql_error)?;
    let rows = statement
        .query_map(rusqlite::params_from_iter(values), stock_row)
        .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
        .map_err(sql_error)?;
    rows.into_iter().map(stock_level).collect()
}

pub(super) fn stock_levels_of(tx: &SqliteTransaction<'_>, skus: &[&Sku]) -> Result<Vec<StockLevel>> {
    let marks = vec!["?"; skus.len()].join(", ");
    let sql = format!("{STOCK_COLUMNS} WHERE sku IN ({marks}) ORDER BY sku, location");
    let mut statement = tx.conn()?.prepare_cached(&sql).map_err(sql_error)?;
    let rows = statement
        .query_map(rusqlite::params_from_iter(skus.iter().map(|sku| sku.as_str())), stock_row)
        .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
        .map_err(sql_error)?;
    rows.into_iter().map(stock_level).collect()
}

pub(super) fn movements(
    tx: &SqliteTransaction<'_>,
    sku: &Sku,
    location: &LocationId,
    after: u64,
    limit: usize,
) -> Result<Vec<Movement>> {
    let mut statement = tx
        .conn()?
        .prepare_cached(
            "SELECT sequence, reason, on_hand_delta, allocated_delta, held_delta, quarantined_delta, incoming_delta, \
             reference, occurred_at FROM movements \
             WHERE sku = ?1 AND location = ?2 AND sequence > ?3 ORDER BY sequence LIMIT ?4",
        )
        .map_err(sql_error)?;
    let rows = statement
        .query_map(params![sku.as_str(), location.as_str(), signed(after), signed(limit as u64)], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                Deltas {
                    on_hand: row.get(2)?,
                    allocated: row.get(3)?,
                    reserved: row.get(4)?,
                    quarantined: row.get(5)?,
                    incoming: row.get(6)?,
                },
                row.get::<_, Option<String>>(7)?,
                row.get::<_, String>(8)?,
            ))
        })
        .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
        .map_err(sql_error)?;
    rows.into_iter()
        .map(|(sequence, reason, deltas, reference, occurred_at)| {
            Ok(Movement {
                sequence: count(sequence),
                sku: sku.clone(),
                location: location.clone(),
                reason: MovementReason::parse(&reason).map_err(Error::storage)?,
                deltas,
                reference,
                occurred_at: parse_time(&occurred_at)?,
            })
        })
        .collect()
}

pub(super) fn movement_totals(tx: &SqliteTransaction<'_>) -> Result<Vec<MovementTotal>> {
    let mut statement = tx
        .conn()?
        .prepare_cached(
            "SELECT sku, location, SUM(on_hand_delta), SUM(allocated_delta), SUM(held_delta), \
             SUM(quarantined_delta), SUM(incoming_delta) FROM movements GROUP BY sku, location ORDER BY sku, location",
        )
        .map_err(sql_error)?;
    let rows = statement
        .query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                Deltas {
                    on_hand: row.get(2)?,
                    allocated: row.get(3)?,
                    reserved: row.get(4)?,
                    quarantined: row.get(5)?,
                    incoming: row.get(6)?,
                },
            ))
        })
        .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
        .map_err(sql_error)?;
    rows.into_iter()
        .map(|(sku, location, totals)| {
            Ok(MovementTotal { sku: Sku::from_stored(sku), location: LocationId::from_stored(location), totals })
        })
        .collect()
}

/// Inserts the movements a transaction buffered, many rows per statement.
pub(super) fn insert_movements(connection: Counted<'_>, movements: &[Movement]) -> Result<()> {
    use rusqlite::types::Value;
    let mut values = Vec::with_capacity(movements.len() * 10);
    for movement in movements {
        let d = movement.deltas;
        values.extend([
            Value::Text(movement.sku.to_string()),
            Value::Text(movement.location.to_string()),
            Value::Text(movement.reason.as_str().to_string()),
            Value::Integer(d.on_hand),
            Value::Integer(d.allocated),
            Value::Integer(d.reserved),
            Value::Integer(d.quarantined),
            Value::Integer(d.incoming),
            movement.reference.clone().map_or(Value::Null, Value::Text),
            Value::Text(time_text(&movement.occurred_at)),
        ]);
    }
    let into = "movements (sku, location, reason, on_hand_delta, allocated_delta, held_delta, \
                quarantined_delta, incoming_delta, reference, occurred_at)";
    insert_rows(connection, into, 10, values)
}
