//! Orders on SQLite: JSON documents beside the columns they are listed by
//! (sequence, customer, channel, status), and the queue of backordered lines.

use rusqlite::params;

use super::documents::{from_json, to_json};
use super::values::{count, signed, sql_error};
use super::SqliteTransaction;
use crate::domain::order::{Order, OrderStatus};
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::{ChannelId, OrderId, Sku};
use crate::storage::{written_once, BackorderEntry, OrderFilter};

pub(super) fn order(tx: &SqliteTransaction<'_>, id: &OrderId) -> Result<Option<Order>> {
    tx.document("SELECT doc FROM orders WHERE id = ?1", id.as_str())
}

pub(super) fn put_order(tx: &SqliteTransaction<'_>, order: &Order) -> Result<()> {
    let doc = to_json(order)?;
    let written = if order.version == 1 {
        tx.conn()?
            .prepare_cached(
                "INSERT OR IGNORE INTO orders (sequence, id, channel, customer_email, status, version, doc) \
                 VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    signed(order.sequence),
                    order.id.as_str(),
                    order.channel.as_str(),
                    order.customer_email.as_str(),
                    order.status.as_str(),
                    doc
                ])
            })
    } else {
        tx.conn()?
            .prepare_cached("UPDATE orders SET status = ?2, version = ?3, doc = ?4 WHERE id = ?1 AND version = ?5")
            .and_then(|mut s| {
                s.execute(params![
                    order.id.as_str(),
                    order.status.as_str(),
                    signed(order.version),
                    doc,
                    signed(order.version - 1)
                ])
            })
    }
    .map_err(sql_error)?;
    written_once(written as u64, "order", order.id.as_str(), order.version)
}

pub(super) fn orders(tx: &SqliteTransaction<'_>, filter: &OrderFilter) -> Result<Vec<Order>> {
    let mut statement = tx
        .conn()?
        .prepare_cached(
            "SELECT doc FROM orders WHERE sequence > ?1 AND (?2 IS NULL OR customer_email = ?2) \
             AND (?3 IS NULL OR channel = ?3) AND (?4 IS NULL OR status = ?4) ORDER BY sequence LIMIT ?5",
        )
        .map_err(sql_error)?;
    let docs = statement
        .query_map(
            params![
                signed(filter.after_sequence),
                filter.customer_email.as_ref().map(|e| e.as_str()),
                filter.channel.as_ref().map(ChannelId::as_str),
                filter.status.map(OrderStatus::as_str),
                signed(filter.limit as u64),
            ],
            |row| row.get::<_, String>(0),
        )
        .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
        .map_err(sql_error)?;
    docs.iter().map(|doc| from_json(doc)).collect()
}

pub(super) fn order_status_counts(tx: &SqliteTransaction<'_>) -> Result<Vec<(OrderStatus, u64)>> {
    let mut statement = tx
        .conn()?
        .prepare_cached("SELECT status, COUNT(*) FROM orders GROUP BY status ORDER BY status")
        .map_err(sql_error)?;
    let rows = statement
        .query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?)))
        .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
        .map_err(sql_error)?;
    rows.into_iter().map(|(status, n)| Ok((OrderStatus::parse(&status).map_err(Error::storage)?, count(n)))).collect()
}

pub(super) fn add_backorder(tx: &SqliteTransaction<'_>, entry: &BackorderEntry) -> Result<()> {
    tx.conn()?
        .prepare_cached(
            "INSERT OR IGNORE INTO backorders (sku, order_sequence, line_number, order_id) VALUES (?1, ?2, ?3, ?4)",
        )
        .and_then(|mut s| {
            s.execute(params![
                entry.sku.as_str(),
                signed(entry.order_sequence),
                entry.line_number,
                entry.order_id.as_str()
            ])
        })
        .map_err(sql_error)?;
    Ok(())
}

pub(super) fn backorders(tx: &SqliteTransaction<'_>, sku: &Sku, limit: usize) -> Result<Vec<BackorderEntry>> {
    let mut statement = tx
        .conn()?
        .prepare_cached(
            "SELECT order_sequence, line_number, order_id FROM backorders WHERE sku = ?1 \
             ORDER BY order_sequence, line_number LIMIT ?2",
        )
        .map_err(sql_error)?;
    let rows = statement
        .query_map(params![sku.as_str(), signed(limit as u64)], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, u32>(1)?, row.get::<_, String>(2)?))
        })
        .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
        .map_err(sql_error)?;
    rows.into_iter()
        .map(|(order_sequence, line_number, order_id)| {
            Ok(BackorderEntry {
                sku: sku.clone(),
                order_sequence: count(order_sequence),
                order_id: OrderId::from_stored(order_id),
                line_number,
            })
        })
        .collect()
}

pub(super) fn remove_backorder(tx: &SqliteTransaction<'_>, entry: &BackorderEntry) -> Result<()> {
    tx.conn()?
        .prepare_cached("DELETE FROM backorders WHERE sku = ?1 AND order_sequence = ?2 AND line_number = ?3")
        .and_then(|mut s| s.execute(params![entry.sku.as_str(), signed(entry.order_sequence), entry.line_number]))
        .map_err(sql_error)?;
    Ok(())
}
