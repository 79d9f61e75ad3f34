//! Stock per (SKU, location) and the ledger of movements that changes it.
//!
//! `on_hand` and `allocated` change only through [`Movement`]s: the sum of
//! every movement's deltas for a (SKU, location) equals its current buckets.
//! The functions here are pure: they return the new level and the movement,
//! or a rejection, and never touch storage.

use serde::{Deserialize, Serialize};

use crate::catalog::string_enum;
use crate::error::{Error, Result};
use crate::ids::{LocationId, OrderId, Sku};
use crate::limits::ON_HAND_MAX;
use crate::time::Timestamp;

/// The stock buckets of one SKU at one location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockLevel {
    pub sku: Sku,
    pub location: LocationId,
    /// Physically present and sellable.
    pub on_hand: i64,
    /// Promised to orders, still on the shelf.
    pub allocated: i64,
    pub version: u64,
}

impl StockLevel {
    /// An empty level for a pair that has never had stock.
    pub fn empty(sku: Sku, location: LocationId) -> StockLevel {
        StockLevel { sku, location, on_hand: 0, allocated: 0, version: 0 }
    }

    /// Units that can still be promised: on hand less allocated, never below zero.
    pub fn available(&self) -> i64 {
        (self.on_hand - self.allocated).max(0)
    }

    fn checked(self) -> Result<StockLevel> {
        if self.on_hand > ON_HAND_MAX {
            return Err(Error::invalid_quantity("quantity", format!("on-hand stock would exceed {ON_HAND_MAX}")));
        }
        debug_assert!(0 <= self.allocated && self.allocated <= self.on_hand, "stock invariant broken: {self:?}");
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
    }
);

/// One entry of the stock ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Movement {
    /// Position in the store's ledger; assigned by the storage, zero before.
    pub sequence: u64,
    pub sku: Sku,
    pub location: LocationId,
    pub reason: MovementReason,
    pub on_hand_delta: i64,
    pub allocated_delta: i64,
    pub order_id: Option<OrderId>,
    pub occurred_at: Timestamp,
}

fn movement(
    level: &StockLevel,
    reason: MovementReason,
    deltas: (i64, i64),
    order_id: Option<&OrderId>,
    at: Timestamp,
) -> Movement {
    Movement {
        sequence: 0,
        sku: level.sku.clone(),
        location: level.location.clone(),
        reason,
        on_hand_delta: deltas.0,
        allocated_delta: deltas.1,
        order_id: order_id.cloned(),
        occurred_at: at,
    }
}

/// Goods arrive: on hand rises.
pub fn receive(level: &StockLevel, quantity: i64, at: Timestamp) -> Result<(StockLevel, Movement)> {
    let next = StockLevel { on_hand: level.on_hand + quantity, ..level.clone() }.checked()?;
    Ok((next, movement(level, MovementReason::Receipt, (quantity, 0), None, at)))
}

/// A correction of on hand by `delta` (positive or negative). On hand may not
/// fall below what is already allocated.
pub fn adjust(level: &StockLevel, delta: i64, at: Timestamp) -> Result<(StockLevel, Movement)> {
    let on_hand = level.on_hand + delta;
    if on_hand < level.allocated {
        return Err(Error::InsufficientStock {
            sku: level.sku.to_string(),
            requested: -delta,
            available: level.available(),
        });
    }
    let next = StockLevel { on_hand, ..level.clone() }.checked()?;
    Ok((next, movement(level, MovementReason::Adjustment, (delta, 0), None, at)))
}

/// Promise `quantity` units to an order.
pub fn allocate(
    level: &StockLevel,
    quantity: i64,
    order_id: &OrderId,
    at: Timestamp,
) -> Result<(StockLevel, Movement)> {
    if quantity > level.available() {
        return Err(Error::InsufficientStock {
            sku: level.sku.to_string(),
            requested: quantity,
            available: level.available(),
        });
    }
    let next = StockLevel { allocated: level.allocated + quantity, ..level.clone() }.checked()?;
    Ok((next, movement(level, MovementReason::Allocation, (0, quantity), Some(order_id), at)))
}

/// Take back a promise of `quantity` units.
pub fn release(level: &StockLevel, quantity: i64, order_id: &OrderId, at: Timestamp) -> Result<(StockLevel, Movement)> {
    if quantity > level.allocated {
        return Err(Error::Rejected {
            message: format!("cannot release {quantity} of {} allocated at {}", level.allocated, level.location),
        });
    }
    let next = StockLevel { allocated: level.allocated - quantity, ..level.clone() }.checked()?;
    Ok((next, movement(level, MovementReason::Release, (0, -quantity), Some(order_id), at)))
}
