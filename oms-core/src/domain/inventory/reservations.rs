//! Checkout reservations: stock set aside for a cart for a while. A
//! reservation ends by becoming an order (converted), by being released, or
//! by expiring; each gives its reserved units back (or turns them into
//! allocations).

use serde::{Deserialize, Serialize};

use crate::domain::catalog::string_enum;
use crate::domain::order::LineAllocation;
use crate::kernel::ids::{ChannelId, LocationId, OrderId, ReservationId, Sku};
use crate::kernel::time::Timestamp;

string_enum!(
    /// Where a reservation stands.
    ReservationStatus, "status" {
        Active = "active",
        Converted = "converted",
        Released = "released",
        Expired = "expired",
    }
);

/// One SKU of a reservation and where its units are reserved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReservedLine {
    pub sku: Sku,
    pub quantity: i64,
    pub allocations: Vec<LineAllocation>,
}

/// A checkout reservation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reservation {
    pub id: ReservationId,
    pub channel: ChannelId,
    pub lines: Vec<ReservedLine>,
    pub status: ReservationStatus,
    #[serde(serialize_with = "crate::kernel::time::rfc3339::serialize")]
    pub expires_at: Timestamp,
    /// The order the reservation became, once converted.
    pub order_id: Option<OrderId>,
    #[serde(serialize_with = "crate::kernel::time::rfc3339::serialize")]
    pub created_at: Timestamp,
    #[serde(serialize_with = "crate::kernel::time::rfc3339::serialize")]
    pub updated_at: Timestamp,
    pub version: u64,
}

/// Units an active reservation reserves of one SKU at one location: a row of
/// the index by which the backends find expired reservations per SKU without
/// a sweep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReservedUnits {
    pub sku: Sku,
    pub location: LocationId,
    pub quantity: i64,
}

impl Reservation {
    /// What the reservation still reserves, per (SKU, location) in that
    /// order, with lines of the same SKU merged; nothing once it has ended.
    pub fn reserved_units(&self) -> Vec<ReservedUnits> {
        if self.status != ReservationStatus::Active {
            return Vec::new();
        }
        let mut units: Vec<ReservedUnits> = Vec::new();
        for line in &self.lines {
            for allocation in line.allocations.iter().filter(|allocation| allocation.quantity > 0) {
                let found = units
                    .iter_mut()
                    .find(|reserved| reserved.sku == line.sku && reserved.location == allocation.location);
                match found {
                    Some(reserved) => reserved.quantity += allocation.quantity,
                    None => units.push(ReservedUnits {
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
