//! Stock per (SKU, location) and the ledger of movements that changes it.
//!
//! Buckets: `on_hand` (present and sellable), `allocated` (promised to
//! orders, still on the shelf), `reserved` (set aside by checkout
//! reservations that expire), `quarantined` (present, not sellable) and
//! `incoming` (on the way by transfer). They change only through
//! [`Movement`]s: the sum of every movement's deltas for a pair equals its
//! buckets. `allocated + reserved` never exceeds `on_hand`; no bucket is ever
//! negative.
//!
//! The functions here are pure: they return the new level and the movement,
//! or a rejection, and never touch storage.

pub mod reservations;
pub mod transfers;

use serde::{Deserialize, Serialize};

use crate::domain::catalog::string_enum;
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::{LocationId, OrderId, Sku};
use crate::kernel::limits::ON_HAND_MAX;
use crate::kernel::time::Timestamp;

/// The stock buckets of one SKU at one location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockLevel {
    pub sku: Sku,
    pub location: LocationId,
    pub on_hand: i64,
    pub allocated: i64,
    /// Reserved by checkout reservations (stored in the column `held`, its
    /// name before the rename; JSON written then still reads).
    #[serde(alias = "held")]
    pub reserved: i64,
    pub quarantined: i64,
    pub incoming: i64,
    pub version: u64,
}

impl StockLevel {
    /// An empty level for a pair that has never had stock.
    pub fn empty(sku: Sku, location: LocationId) -> StockLevel {
        StockLevel { sku, location, on_hand: 0, allocated: 0, reserved: 0, quarantined: 0, incoming: 0, version: 0 }
    }

    /// Units that can still be promised: on hand less allocated and reserved, never below zero.
    pub fn available(&self) -> i64 {
        self.on_hand.saturating_sub(self.allocated).saturating_sub(self.reserved).max(0)
    }

    /// Units a channel with `safety_stock` may promise from here.
    pub fn available_after(&self, safety_stock: i64) -> i64 {
        self.available().saturating_sub(safety_stock).max(0)
    }

    /// Every broken bucket rule, as sentences.
    pub fn violations(&self) -> Vec<String> {
        let mut found = Vec::new();
        let buckets = [self.on_hand, self.allocated, self.reserved, self.quarantined, self.incoming];
        if buckets.iter().any(|bucket| *bucket < 0) {
            found.push(format!("{}@{}: a bucket is negative: {self:?}", self.sku, self.location));
        }
        if self.allocated.saturating_add(self.reserved) > self.on_hand {
            found.push(format!(
                "{}@{}: allocated {} + reserved {} exceeds on hand {}",
                self.sku, self.location, self.allocated, self.reserved, self.on_hand
            ));
        }
        found
    }

    fn checked(self) -> Result<StockLevel> {
        if self.on_hand > ON_HAND_MAX || self.incoming > ON_HAND_MAX || self.quarantined > ON_HAND_MAX {
            return Err(Error::invalid_quantity("quantity", format!("a stock bucket would exceed {ON_HAND_MAX}")));
        }
        debug_assert!(self.violations().is_empty(), "stock invariant broken: {self:?}");
        Ok(self)
    }
}

string_enum!(
    /// Why stock moved.
    MovementReason, "reason" {
        Receipt = "receipt",
        Allocation = "allocation",
        Release = "release",
        Adjustment = "adjustment",
        Count = "count",
        Reservation = "reservation" | "hold",
        ReservationRelease = "reservation_release" | "hold_release",
        PointOfSaleSale = "point_of_sale_sale",
        Quarantine = "quarantine",
        QuarantineRelease = "quarantine_release",
        TransferOut = "transfer_out",
        TransferIn = "transfer_in",
        Shipment = "shipment",
        /// Allocated units handed over at the pickup counter.
        Pickup = "pickup",
        /// Units a location could not find when picking a shipment, written off.
        NotFound = "not_found",
    }
);

/// How much each bucket moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Deltas {
    pub on_hand: i64,
    pub allocated: i64,
    #[serde(alias = "held")]
    pub reserved: i64,
    pub quarantined: i64,
    pub incoming: i64,
}

/// One entry of the stock ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Movement {
    /// Position in the store's ledger; assigned by the storage, zero before.
    pub sequence: u64,
    pub sku: Sku,
    pub location: LocationId,
    pub reason: MovementReason,
    pub deltas: Deltas,
    /// The order, reservation or transfer the movement is for, when there is one.
    pub reference: Option<String>,
    #[serde(serialize_with = "crate::kernel::time::rfc3339::serialize")]
    pub occurred_at: Timestamp,
}

/// A level change: applies `deltas` to `level` and records why.
fn moved(
    level: &StockLevel,
    reason: MovementReason,
    deltas: Deltas,
    reference: Option<String>,
    at: Timestamp,
) -> Result<(StockLevel, Movement)> {
    let add = |bucket: i64, delta: i64| {
        bucket.checked_add(delta).ok_or_else(|| {
            Error::invalid_quantity("quantity", format!("a stock bucket would overflow: {bucket} + {delta}"))
        })
    };
    let next = StockLevel {
        on_hand: add(level.on_hand, deltas.on_hand)?,
        allocated: add(level.allocated, deltas.allocated)?,
        reserved: add(level.reserved, deltas.reserved)?,
        quarantined: add(level.quarantined, deltas.quarantined)?,
        incoming: add(level.incoming, deltas.incoming)?,
        ..level.clone()
    };
    if !next.violations().is_empty() {
        let requested = [deltas.on_hand, deltas.allocated, deltas.reserved].iter().map(|d| d.unsigned_abs()).max();
        return Err(Error::InsufficientStock {
            sku: level.sku.to_string(),
            requested: requested.map_or(0, |units| i64::try_from(units).unwrap_or(i64::MAX)),
            available: level.available(),
        });
    }
    let movement = Movement {
        sequence: 0,
        sku: level.sku.clone(),
        location: level.location.clone(),
        reason,
        deltas,
        reference,
        occurred_at: at,
    };
    Ok((next.checked()?, movement))
}

fn order_reference(order_id: &OrderId) -> Option<String> {
    Some(order_id.to_string())
}

/// Goods arrive: on hand rises.
pub fn receive(level: &StockLevel, quantity: i64, at: Timestamp) -> Result<(StockLevel, Movement)> {
    moved(level, MovementReason::Receipt, Deltas { on_hand: quantity, ..Deltas::default() }, None, at)
}

/// A correction of on hand by `delta`. On hand may not fall below what is allocated and reserved.
pub fn adjust(level: &StockLevel, delta: i64, at: Timestamp) -> Result<(StockLevel, Movement)> {
    moved(level, MovementReason::Adjustment, Deltas { on_hand: delta, ..Deltas::default() }, None, at)
}

/// A physical count: on hand becomes `counted`; the movement records the variance.
pub fn count(level: &StockLevel, counted: i64, at: Timestamp) -> Result<(StockLevel, Movement)> {
    if counted < level.allocated + level.reserved {
        return Err(Error::Rejected {
            message: format!(
                "counted {counted} at {} is below the {} units promised to orders and reservations; reject those allocations first",
                level.location,
                level.allocated + level.reserved
            ),
        });
    }
    moved(level, MovementReason::Count, Deltas { on_hand: counted - level.on_hand, ..Deltas::default() }, None, at)
}

/// Promise `quantity` units to an order.
pub fn allocate(
    level: &StockLevel,
    quantity: i64,
    order_id: &OrderId,
    at: Timestamp,
) -> Result<(StockLevel, Movement)> {
    let deltas = Deltas { allocated: quantity, ..Deltas::default() };
    moved(level, MovementReason::Allocation, deltas, order_reference(order_id), at)
}

/// Turn `quantity` reserved units into an allocation for an order (a reservation becoming an order).
pub fn convert_reservation(
    level: &StockLevel,
    quantity: i64,
    order_id: &OrderId,
    at: Timestamp,
) -> Result<(StockLevel, Movement)> {
    let deltas = Deltas { allocated: quantity, reserved: -quantity, ..Deltas::default() };
    moved(level, MovementReason::Allocation, deltas, order_reference(order_id), at)
}

/// Take back a promise of `quantity` units.
pub fn release(level: &StockLevel, quantity: i64, order_id: &OrderId, at: Timestamp) -> Result<(StockLevel, Movement)> {
    let deltas = Deltas { allocated: -quantity, ..Deltas::default() };
    moved(level, MovementReason::Release, deltas, order_reference(order_id), at)
}

/// Reserve `quantity` units for a checkout reservation.
pub fn reserve(
    level: &StockLevel,
    quantity: i64,
    reservation_id: &str,
    at: Timestamp,
) -> Result<(StockLevel, Movement)> {
    let deltas = Deltas { reserved: quantity, ..Deltas::default() };
    moved(level, MovementReason::Reservation, deltas, Some(reservation_id.into()), at)
}

/// Give back `quantity` units of a checkout reservation.
pub fn release_reservation(
    level: &StockLevel,
    quantity: i64,
    reservation_id: &str,
    at: Timestamp,
) -> Result<(StockLevel, Movement)> {
    let deltas = Deltas { reserved: -quantity, ..Deltas::default() };
    moved(level, MovementReason::ReservationRelease, deltas, Some(reservation_id.into()), at)
}

/// Sold and handed over at a till: on hand drops at once.
pub fn sell_at_till(
    level: &StockLevel,
    quantity: i64,
    order_id: &OrderId,
    at: Timestamp,
) -> Result<(StockLevel, Movement)> {
    let deltas = Deltas { on_hand: -quantity, ..Deltas::default() };
    moved(level, MovementReason::PointOfSaleSale, deltas, order_reference(order_id), at)
}

/// Allocated units leave with a shipment: on hand and allocated both drop.
pub fn ship(level: &StockLevel, quantity: i64, order_id: &OrderId, at: Timestamp) -> Result<(StockLevel, Movement)> {
    let deltas = Deltas { on_hand: -quantity, allocated: -quantity, ..Deltas::default() };
    moved(level, MovementReason::Shipment, deltas, order_reference(order_id), at)
}

/// Allocated units are collected at the pickup counter: on hand and allocated both drop.
pub fn hand_over(
    level: &StockLevel,
    quantity: i64,
    order_id: &OrderId,
    at: Timestamp,
) -> Result<(StockLevel, Movement)> {
    let deltas = Deltas { on_hand: -quantity, allocated: -quantity, ..Deltas::default() };
    moved(level, MovementReason::Pickup, deltas, order_reference(order_id), at)
}

/// Units a location could not find for a shipment (`reference`) are written
/// off: on hand drops. They must no longer be allocated.
pub fn write_off_not_found(
    level: &StockLevel,
    quantity: i64,
    reference: &str,
    at: Timestamp,
) -> Result<(StockLevel, Movement)> {
    let deltas = Deltas { on_hand: -quantity, ..Deltas::default() };
    moved(level, MovementReason::NotFound, deltas, Some(reference.into()), at)
}

/// Units found damaged when picking a shipment (`reference`) leave sellable
/// stock for quarantine, where they can later be released or disposed of.
pub fn quarantine_damaged(
    level: &StockLevel,
    quantity: i64,
    reference: &str,
    at: Timestamp,
) -> Result<(StockLevel, Movement)> {
    let deltas = Deltas { on_hand: -quantity, quarantined: quantity, ..Deltas::default() };
    moved(level, MovementReason::Quarantine, deltas, Some(reference.into()), at)
}

/// Sellable units become quarantined (kept, not sellable).
pub fn quarantine(level: &StockLevel, quantity: i64, at: Timestamp) -> Result<(StockLevel, Movement)> {
    let deltas = Deltas { on_hand: -quantity, quarantined: quantity, ..Deltas::default() };
    moved(level, MovementReason::Quarantine, deltas, None, at)
}

/// Quarantined units return to sellable stock.
pub fn release_quarantine(level: &StockLevel, quantity: i64, at: Timestamp) -> Result<(StockLevel, Movement)> {
    if quantity > level.quarantined {
        return Err(Error::InsufficientStock {
            sku: level.sku.to_string(),
            requested: quantity,
            available: level.quarantined,
        });
    }
    let deltas = Deltas { on_hand: quantity, quarantined: -quantity, ..Deltas::default() };
    moved(level, MovementReason::QuarantineRelease, deltas, None, at)
}

/// A transfer leaves the source: on hand drops.
pub fn transfer_out(
    level: &StockLevel,
    quantity: i64,
    transfer_id: &str,
    at: Timestamp,
) -> Result<(StockLevel, Movement)> {
    let deltas = Deltas { on_hand: -quantity, ..Deltas::default() };
    moved(level, MovementReason::TransferOut, deltas, Some(transfer_id.into()), at)
}

/// A transfer is on its way to the target: incoming rises.
pub fn transfer_incoming(
    level: &StockLevel,
    quantity: i64,
    transfer_id: &str,
    at: Timestamp,
) -> Result<(StockLevel, Movement)> {
    let deltas = Deltas { incoming: quantity, ..Deltas::default() };
    moved(level, MovementReason::TransferIn, deltas, Some(transfer_id.into()), at)
}

/// A transfer arrives: incoming becomes on hand.
pub fn transfer_arrived(
    level: &StockLevel,
    quantity: i64,
    transfer_id: &str,
    at: Timestamp,
) -> Result<(StockLevel, Movement)> {
    let deltas = Deltas { on_hand: quantity, incoming: -quantity, ..Deltas::default() };
    moved(level, MovementReason::Receipt, deltas, Some(transfer_id.into()), at)
}
