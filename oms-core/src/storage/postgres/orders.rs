//! Orders on PostgreSQL: JSON documents beside the columns they are listed
//! by (sequence, customer, channel, status), and the queue of backordered
//! lines.

use super::documents::to_json;
use super::values::{count, signed};
use super::PostgresTransaction;
use crate::domain::order::{Order, OrderStatus};
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::{OrderId, Sku};
use crate::storage::{written_once, BackorderEntry, OrderFilter};

pub(super) fn order(tx: &mut PostgresTransaction<'_>, id: &OrderId) -> Result<Option<Order>> {
    tx.document("orders", "id", id.as_str())
}

pub(super) fn put_order(tx: &mut PostgresTransaction<'_>, order: &Order) -> Result<()> {
    let doc = to_json(order)?;
    let written = if order.version == 1 {
        tx.execute(
            "INSERT INTO orders (sequence, id, channel, customer_email, status, version, doc) \
             VALUES ($1, $2, $3, $4, $5, 1, $6) ON CONFLICT DO NOTHING",
            &[
                &signed(order.sequence),
                &order.id.as_str(),
                &order.channel.as_str(),
                &order.customer_email.as_str(),
                &order.status.as_str(),
                &doc,
            ],
        )?
    } else {
        tx.execute(
            "UPDATE orders SET status = $2, version = $3, doc = $4 WHERE id = $1 AND version = $5",
            &[&order.id.as_str(), &order.status.as_str(), &signed(order.version), &doc, &signed(order.version - 1)],
        )?
    };
    written_once(written, "order", order.id.as_str(), order.version)
}

pub(super) fn orders(tx: &mut PostgresTransaction<'_>, filter: &OrderFilter) -> Result<Vec<Order>> {
    let email = filter.customer_email.as_ref().map(|email| email.as_str().to_string());
    let channel = filter.channel.as_ref().map(|channel| channel.as_str().to_string());
    let status = filter.status.map(|status| status.as_str().to_string());
    tx.documents(
        "SELECT doc FROM orders WHERE sequence > $1 AND ($2::TEXT IS NULL OR customer_email = $2) \
         AND ($3::TEXT IS NULL OR channel = $3) AND ($4::TEXT IS NULL OR status = $4) ORDER BY sequence LIMIT $5",
        &[&signed(filter.after_sequence), &email, &channel, &status, &signed(filter.limit as u64)],
    )
}

pub(super) fn order_status_counts(tx: &mut PostgresTransaction<'_>) -> Result<Vec<(OrderStatus, u64)>> {
    let rows =
        tx.query("SELECT status, COUNT(*)::BIGINT FROM orders GROUP BY status ORDER BY status COLLATE \"C\"", &[])?;
    rows.iter()
        .map(|row| {
            let status = OrderStatus::parse(&row.get::<_, String>(0)).map_err(Error::storage)?;
            Ok((status, count(row.get(1))))
        })
        .collect()
}

pub(super) fn add_backorder(tx: &mut PostgresTransaction<'_>, entry: &BackorderEntry) -> Result<()> {
    tx.execute(
        "INSERT INTO backorders (sku, order_sequence, line_number, order_id) VALUES ($1, $2, $3, $4) \
         ON CONFLICT DO NOTHING",
        &[&entry.sku.as_str(), &signed(entry.order_sequence), &i64::from(entry.line_number), &entry.order_id.as_str()],
    )?;
    Ok(())
}

pub(super) fn backorders(tx: &mut PostgresTransaction<'_>, sku: &Sku, limit: usize) -> Result<Vec<BackorderEntry>> {
    let rows = tx.query(
        "SELECT order_sequence, line_number, order_id FROM backorders WHERE sku = $1 \
         ORDER BY order_sequence, line_number LIMIT $2",
        &[&sku.as_str(), &signed(limit as u64)],
    )?;
    rows.iter()
        .map(|row| {
            Ok(BackorderEntry {
                sku: sku.clone(),
                order_sequence: count(row.get(0)),
                order_id: OrderId::from_stored(row.get::<_, String>(2)),
                line_number: u32::try_from(row.get::<_, i64>(1)).unwrap_or(u32::MAX),
            })
        })
        .collect()
}

pub(super) fn remove_backorder(tx: &mut PostgresTransaction<'_>, entry: &BackorderEntry) -> Result<()> {
    tx.execute(
        "DELETE FROM backorders WHERE sku = $1 AND order_sequence = $2 AND line_number = $3",
        &[&entry.sku.as_str(), &signed(entry.order_sequence), &i64::from(entry.line_number)],
    )?;
    Ok(())
}
