//! Checkout reservations on SQLite: JSON documents with their status and
//! expiry, and `hold_units`, the index of the units active reservations
//! reserve by SKU and expiry, which finds what expired reservations hold
//! without sweeping all of them. (The tables keep their names from before
//! reservations were called so.)

use rusqlite::params;

use super::documents::to_json;
use super::stock::{stock_level, stock_row};
use super::values::{insert_rows, signed, sql_error, time_text};
use super::SqliteTransaction;
use crate::domain::inventory::reservations::Reservation;
use crate::kernel::error::Result;
use crate::kernel::ids::{ReservationId, Sku};
use crate::kernel::time::Timestamp;
use crate::storage::{written_once, LevelDue};

pub(super) fn reservation(tx: &SqliteTransaction<'_>, id: &ReservationId) -> Result<Option<Reservation>> {
    tx.document("SELECT doc FROM holds WHERE id = ?1", id.as_str())
}

pub(super) fn put_reservation(tx: &SqliteTransaction<'_>, reservation: &Reservation) -> Result<()> {
    let doc = to_json(reservation)?;
    let expires_at = time_text(&reservation.expires_at);
    let written = if reservation.version == 1 {
        tx.conn()?
            .prepare_cached(
                "INSERT OR IGNORE INTO holds (id, status, expires_at, version, doc) VALUES (?1, ?2, ?3, 1, ?4)",
            )
            .and_then(|mut s| s.execute(params![reservation.id.as_str(), reservation.status.as_str(), expires_at, doc]))
    } else {
        tx.conn()?
            .prepare_cached(
                "UPDATE holds SET status = ?2, expires_at = ?3, version = ?4, doc = ?5 WHERE id = ?1 AND version = ?6",
            )
            .and_then(|mut s| {
                s.execute(params![
                    reservation.id.as_str(),
                    reservation.status.as_str(),
                    expires_at,
                    signed(reservation.version),
                    doc,
                    signed(reservation.version - 1)
                ])
            })
    }
    .map_err(sql_error)?;
    written_once(written as u64, "reservation", reservation.id.as_str(), reservation.version)?;
    index_reservation(tx, reservation)
}

pub(super) fn expired_reservations(
    tx: &SqliteTransaction<'_>,
    now: Timestamp,
    limit: usize,
) -> Result<Vec<Reservation>> {
    tx.documents(
        "SELECT doc FROM holds WHERE status = 'active' AND expires_at <= ?1 ORDER BY expires_at, id LIMIT ?2",
        params![time_text(&now), signed(limit as u64)],
    )
}

pub(super) fn stock_levels_due(tx: &SqliteTransaction<'_>, skus: &[&Sku], now: Timestamp) -> Result<Vec<LevelDue>> {
    let marks = vec!["?"; skus.len()].join(", ");
    let sql = format!(
        "SELECT s.sku, s.location, s.on_hand, s.allocated, s.held, s.quarantined, s.incoming, s.version, \
         (SELECT COALESCE(SUM(h.quantity), 0) FROM hold_units h \
          WHERE h.sku = s.sku AND h.expires_at <= ?1 AND h.location = s.location) \
         FROM stock s WHERE s.sku IN ({marks}) ORDER BY s.sku, s.location"
    );
    let now = time_text(&now);
    let values = std::iter::once(now.as_str()).chain(skus.iter().map(|sku| sku.as_str()));
    let mut statement = tx.conn()?.prepare_cached(&sql).map_err(sql_error)?;
    let rows = statement
        .query_map(rusqlite::params_from_iter(values), |row| Ok((stock_row(row)?, row.get::<_, i64>(8)?)))
        .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
        .map_err(sql_error)?;
    rows.into_iter()
        .map(|(row, reserved_expired)| Ok(LevelDue { level: stock_level(row)?, reserved_expired }))
        .collect()
}

pub(super) fn expired_reservations_of(
    tx: &SqliteTransaction<'_>,
    skus: &[&Sku],
    now: Timestamp,
) -> Result<Vec<Reservation>> {
    let marks = vec!["?"; skus.len()].join(", ");
    let sql = format!(
        "SELECT doc FROM holds WHERE status = 'active' AND expires_at <= ?1 AND id IN \
         (SELECT hold_id FROM hold_units WHERE sku IN ({marks}) AND expires_at <= ?1) ORDER BY expires_at, id"
    );
    let now = time_text(&now);
    let values = std::iter::once(now.as_str()).chain(skus.iter().map(|sku| sku.as_str()));
    tx.documents(&sql, rusqlite::params_from_iter(values))
}

/// Keeps the reservation's rows in `hold_units` in step with the reservation just written.
fn index_reservation(tx: &SqliteTransaction<'_>, reservation: &Reservation) -> Result<()> {
    use rusqlite::types::Value;
    let connection = tx.conn()?;
    if reservation.version > 1 {
        connection
            .prepare_cached("DELETE FROM hold_units WHERE hold_id = ?1")
            .and_then(|mut s| s.execute([reservation.id.as_str()]))
            .map_err(sql_error)?;
    }
    let units = reservation.reserved_units();
    if units.is_empty() {
        return Ok(());
    }
    let expires_at = time_text(&reservation.expires_at);
    let mut values = Vec::with_capacity(units.len() * 5);
    for reserved in units {
        values.extend([
            Value::Text(reserved.sku.to_string()),
            Value::Text(expires_at.clone()),
            Value::Text(reservation.id.to_string()),
            Value::Text(reserved.location.to_string()),
            Value::Integer(reserved.quantity),
        ]);
    }
    insert_rows(connection, "hold_units (sku, expires_at, hold_id, location, quantity)", 5, values)
}
