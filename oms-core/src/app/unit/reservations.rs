//! Reservations in the unit of work: the document of each, the index of the
//! units active ones reserve per SKU (rewritten with the reservation, even
//! after ending emptied its lines), and the reads of those whose time is up.

use std::collections::HashMap;

use super::rows::{pairs_of, seconds, text_of, units_key, UnitsRow};
use super::{Scan, Unit};
use crate::app::records::LevelDue;
use crate::domain::inventory::reservations::{Reservation, ReservationStatus};
use crate::kernel::error::Result;
use crate::kernel::ids::{LocationId, ReservationId, Sku};
use crate::kernel::time::Timestamp;
use crate::storage::contract::{self, Document, IndexFilter, Term};

impl Unit<'_> {
    /// Remembers where a reservation read here reserved (see [`Unit::reserved_at`]).
    pub(super) fn seen(&mut self, reservation: &Reservation) {
        self.reserved_at.entry(reservation.id.clone()).or_insert_with(|| pairs_of(reservation));
    }

    /// The rows of the reserved-units index of `sku` whose reservation's time is up at `now`.
    fn expired_units_of(&mut self, sku: &Sku, now: Timestamp) -> Result<Vec<UnitsRow>> {
        let due = seconds(now);
        self.scan_all("reservation_unit", &IndexFilter::Equals(Term::First, sku.to_string()), |doc, row: &UnitsRow| {
            if doc.position > due {
                Scan::Stop
            } else if row.expires_at <= now {
                Scan::Take
            } else {
                Scan::Skip
            }
        })
    }

    pub(super) fn write_reservation(&mut self, reservation: &Reservation) -> Result<()> {
        let expiry = seconds(reservation.expires_at);
        let doc = Document::typed(reservation.id.to_string(), reservation.version, reservation.clone())
            .at(expiry)
            .with(Term::First, text_of(&reservation.status)?)
            .with(Term::Second, reservation.expires_at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true));
        self.tx.put("reservation", &doc)?;
        // The index of reserved units: one row per (SKU, location) the
        // reservation ever reserved at, rewritten with it, in the SKU's
        // index only while it reserves units there.
        let reserved = reservation.reserved_units();
        if reservation.version > 1 && !self.reserved_at.contains_key(&reservation.id) {
            let stored: Option<Reservation> = self.get("reservation", reservation.id.as_str())?;
            if let Some(stored) = &stored {
                self.seen(stored);
            }
        }
        let mut pairs = pairs_of(reservation);
        pairs.extend(self.reserved_at.get(&reservation.id).into_iter().flatten().cloned());
        pairs.sort();
        pairs.dedup();
        // The rows' stored versions, in one read (rows copied from the first schema start at 1).
        let keys: Vec<String> = pairs.iter().map(|(sku, location)| units_key(&reservation.id, sku, location)).collect();
        let key_refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        let lock = self.lock();
        let stored = self.tx.get_many("reservation_unit", &key_refs, lock)?;
        for (((sku, location), key), stored) in pairs.iter().zip(keys).zip(stored) {
            let quantity = reserved
                .iter()
                .find(|units| &units.sku == sku && &units.location == location)
                .map_or(0, |units| units.quantity);
            let version = stored.map_or(0, |doc| doc.version) + 1;
            if quantity == 0 && version == 1 {
                continue; // never indexed: nothing to take out
            }
            let row = UnitsRow {
                reservation: reservation.id.clone(),
                location: location.clone(),
                quantity,
                expires_at: reservation.expires_at,
            };
            let mut doc = Document::typed(key, version, row).at(expiry);
            if quantity > 0 {
                doc = doc.with(Term::First, sku.to_string());
            }
            self.tx.put("reservation_unit", &doc)?;
        }
        Ok(())
    }

    pub(super) fn reservations_due(&mut self, now: Timestamp, limit: usize) -> Result<Vec<Reservation>> {
        let due = seconds(now);
        let active = IndexFilter::Equals(Term::First, text_of(&ReservationStatus::Active)?);
        // Listed by expiry; reservations copied from the first schema sit at position 0 and are checked one by one.
        let mut expired: Vec<Reservation> =
            self.scan_all("reservation", &active, |doc, reservation: &Reservation| {
                if doc.position > due {
                    Scan::Stop
                } else if reservation.expires_at <= now {
                    Scan::Take
                } else {
                    Scan::Skip
                }
            })?;
        expired.sort_by(|a, b| (a.expires_at, &a.id).cmp(&(b.expires_at, &b.id)));
        expired.truncate(limit);
        expired.iter().for_each(|reservation| self.seen(reservation));
        Ok(expired)
    }

    pub(super) fn levels_due(&mut self, skus: &[&Sku], now: Timestamp) -> Result<Vec<LevelDue>> {
        let levels = self.stock_rows(skus)?;
        let mut due: HashMap<(Sku, LocationId), i64> = HashMap::new();
        let mut reserved_skus: Vec<&Sku> =
            levels.iter().filter(|level| level.reserved > 0).map(|level| &level.sku).collect();
        reserved_skus.dedup();
        let reserved_skus: Vec<Sku> = reserved_skus.into_iter().cloned().collect();
        for sku in &reserved_skus {
            for row in self.expired_units_of(sku, now)? {
                *due.entry((sku.clone(), row.location)).or_default() += row.quantity;
            }
        }
        Ok(levels
            .into_iter()
            .map(|level| {
                let reserved_expired = if due.is_empty() {
                    0
                } else {
                    due.get(&(level.sku.clone(), level.location.clone())).copied().unwrap_or(0)
                };
                LevelDue { level, reserved_expired }
            })
            .collect())
    }

    pub(super) fn reservations_due_of(&mut self, skus: &[&Sku], now: Timestamp) -> Result<Vec<Reservation>> {
        let mut ids: Vec<ReservationId> = Vec::new();
        for sku in contract::sorted_skus(skus) {
            ids.extend(self.expired_units_of(sku, now)?.into_iter().map(|row| row.reservation));
        }
        ids.sort();
        ids.dedup();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let keys: Vec<&str> = ids.iter().map(ReservationId::as_str).collect();
        let lock = self.lock();
        let mut found = Vec::new();
        for doc in self.tx.get_many("reservation", &keys, lock)?.into_iter().flatten() {
            let reservation = doc.body.decode::<Reservation>()?;
            if reservation.status == ReservationStatus::Active && reservation.expires_at <= now {
                self.seen(&reservation);
                found.push(reservation);
            }
        }
        found.sort_by(|a, b| (a.expires_at, &a.id).cmp(&(b.expires_at, &b.id)));
        Ok(found)
    }
}
