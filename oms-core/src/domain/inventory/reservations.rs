//! Checkout holds: stock reserved for a cart for a while. A hold ends by
//! becoming an order (converted), by being released, or by expiring; each
//! gives its held units back (or turns them into allocations).

use serde::{Deserialize, Serialize};

use crate::domain::catalog::string_enum;
use crate::domain::order::LineAllocation;
use crate::kernel::ids::{ChannelId, HoldId, LocationId, OrderId, Sku};
use crate::kernel::time::Timestamp;

string_enum!(
    /// Where a hold stands.
    HoldStatus, "status" {
        Active = "active",
        Converted = "converted",
        Released = "released",
        Expired = "expired",
    }
);

/// One SKU of a hold and where its units are held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldLine {
    pub sku: Sku,
    pub quantity: i64,
    pub allocations: Vec<LineAllocation>,
}

/// A checkout hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockHold {
    pub id: HoldId,
    pub channel: ChannelId,
    pub lines: Vec<HeldLine>,
    pub status: HoldStatus,
    pub expires_at: Timestamp,
    /// The order the hold became, once converted.
    pub order_id: Option<OrderId>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub version: u64,
}

/// Units an active hold holds of one SKU at one location: a row of the index
/// by which the backends find expired holds per SKU without a sweep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldUnits {
    pub sku: Sku,
    pub location: LocationId,
    pub quantity: i64,
}

impl StockHold {
    /// What the hold still holds, per (SKU, location) in that order, with
    /// lines of the same SKU merged; nothing once it has ended.
    pub fn held_units(&self) -> Vec<HeldUnits> {
        if self.status != HoldStatus::Active {
            return Vec::new();
        }
        let mut units: Vec<HeldUnits> = Vec::new();
        for line in &self.lines {
            for allocation in line.allocations.iter().filter(|allocation| allocation.quantity > 0) {
                let found = units.iter_mut().find(|held| held.sku == line.sku && held.location == allocation.location);
                match found {
                    Some(held) => held.quantity += allocation.quantity,
                    None => units.push(HeldUnits {
                        sku: line.sku.clone(),
                        location: allocation.location.clone(),
                        quantity: allocation.quantity,
                    }),
                }
            }
        }
        units.sort_by(|a, b| (&a.sku, &a.location).cmp(&(&b.sku, &b.location)));
        units
    }
}
