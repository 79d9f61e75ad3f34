//! Checkout reservations on PostgreSQL: JSON documents with their status
//! and expiry, and `hold_units`, the index of the units active reservations
//! reserve by SKU and expiry, which finds what expired reservations hold
//! without sweeping all of them. (The tables keep their names from before
//! reservations were called so.)

use super::documents::to_json;
use super::stock::stock_level;
use super::values::{signed, time_text};
use super::PostgresTransaction;
use crate::domain::inventory::reservations::Reservation;
use crate::kernel::error::Result;
use crate::kernel::ids::{ReservationId, Sku};
use crate::kernel::time::Timestamp;
use crate::storage::{written_once, LevelDue};

pub(super) fn reservation(tx: &mut PostgresTransaction<'_>, id: &ReservationId) -> Result<Option<Reservation>> {
    tx.document("holds", "id", id.as_str())
}

pub(super) fn put_reservation(tx: &mut PostgresTransaction<'_>, reservation: &Reservation) -> Result<()> {
    let doc = to_json(reservation)?;
    let expires_at = time_text(&reservation.expires_at);
    let written = if reservation.version == 1 {
        tx.execute(
            "INSERT INTO holds (id, status, expires_at, version, doc) VALUES ($1, $2, $3, 1, $4) ON CONFLICT DO NOTHING",
            &[&reservation.id.as_str(), &reservation.status.as_str(), &expires_at, &doc],
        )?
    } else {
        tx.execute(
            "UPDATE holds SET status = $2, expires_at = $3, version = $4, doc = $5 WHERE id = $1 AND version = $6",
            &[
                &reservation.id.as_str(),
                &reservation.status.as_str(),
                &expires_at,
                &signed(reservation.version),
                &doc,
                &signed(reservation.version - 1),
            ],
        )?
    };
    written_once(written, "reservation", reservation.id.as_str(), reservation.version)?;
    index_reservation(tx, reservation)
}

pub(super) fn expired_reservations(
    tx: &mut PostgresTransaction<'_>,
    now: Timestamp,
    limit: usize,
) -> Result<Vec<Reservation>> {
    // SKIP LOCKED: two sweeps at once share the work instead of queueing on each other.
    let lock = if tx.write { " FOR UPDATE SKIP LOCKED" } else { "" };
    let sql = format!(
        "SELECT doc FROM holds WHERE status = 'active' AND expires_at <= $1 ORDER BY expires_at COLLATE \"C\", id COLLATE \"C\" LIMIT $2{lock}"
    );
    tx.documents(&sql, &[&time_text(&now), &signed(limit as u64)])
}

pub(super) fn stock_levels_due(
    tx: &mut PostgresTransaction<'_>,
    skus: &[&Sku],
    now: Timestamp,
) -> Result<Vec<LevelDue>> {
    let wanted: Vec<&str> = skus.iter().map(|sku| sku.as_str()).collect();
    let lock = if tx.write { " FOR UPDATE OF s" } else { "" };
    let sql = format!(
        "SELECT s.sku, s.location, s.on_hand, s.allocated, s.held, s.quarantined, s.incoming, s.version, \
         (SELECT COALESCE(SUM(h.quantity), 0)::BIGINT FROM hold_units h \
          WHERE h.sku = s.sku AND h.expires_at <= $2 AND h.location = s.location) \
         FROM stock s WHERE s.sku = ANY($1) ORDER BY s.sku COLLATE \"C\", s.location COLLATE \"C\"{lock}"
    );
    let rows = tx.query(&sql, &[&wanted, &time_text(&now)])?;
    rows.iter().map(|row| Ok(LevelDue { level: stock_level(row)?, reserved_expired: row.get(8) })).collect()
}

pub(super) fn expired_reservations_of(
    tx: &mut PostgresTransaction<'_>,
    skus: &[&Sku],
    now: Timestamp,
) -> Result<Vec<Reservation>> {
    let wanted: Vec<&str> = skus.iter().map(|sku| sku.as_str()).collect();
    let sql = format!(
        "SELECT doc FROM holds WHERE status = 'active' AND expires_at <= $2 AND id IN \
         (SELECT hold_id FROM hold_units WHERE sku = ANY($1) AND expires_at <= $2) \
         ORDER BY expires_at COLLATE \"C\", id COLLATE \"C\"{}",
        tx.lock()
    );
    tx.documents(&sql, &[&wanted, &time_text(&now)])
}

/// Keeps the reservation's rows in `hold_units` in step with the reservation just written.
pub(super) fn index_reservation(tx: &mut PostgresTransaction<'_>, reservation: &Reservation) -> Result<()> {
    if reservation.version > 1 {
        tx.execute("DELETE FROM hold_units WHERE hold_id = $1", &[&reservation.id.as_str()])?;
    }
    let units = reservation.reserved_units();
    if units.is_empty() {
        return Ok(());
    }
    let skus: Vec<&str> = units.iter().map(|reserved| reserved.sku.as_str()).collect();
    let locations: Vec<&str> = units.iter().map(|reserved| reserved.location.as_str()).collect();
    let quantities: Vec<i64> = units.iter().map(|reserved| reserved.quantity).collect();
    tx.execute(
        "INSERT INTO hold_units (sku, expires_at, hold_id, location, quantity) \
         SELECT u.sku, $2::TEXT, $3::TEXT, u.location, u.quantity FROM unnest($1::TEXT[], $4::TEXT[], $5::BIGINT[]) \
         AS u(sku, location, quantity)",
        &[&skus, &time_text(&reservation.expires_at), &reservation.id.as_str(), &locations, &quantities],
    )?;
    Ok(())
}
