//! Fulfilment: shipments. A shipment carries an order's allocated units out
//! of one location: `pending → picking → packed → shipped → delivered`, or,
//! for a pickup order at its pickup store, `pending → picking →
//! ready_for_pickup → picked_up` (or `pickup_expired` when nobody came within
//! the channel's window); `cancelled` before it leaves. A carrier or a
//! third-party logistics partner may take it over first (`handed_over`, from
//! `packed`, or from `pending` when the partner picks and packs) until it
//! confirms it shipped. The graph is declared as data. Goods leave (on hand
//! drops, the order's lines count them shipped) when it ships or is handed
//! over at the pickup counter, not when it is allocated.
//!
//! `decide.rs` holds the pure decisions of the fulfilment commands that
//! change the shipment's order (making a pickup ready, handing it over,
//! expiring it, a location rejecting a line); `handoff.rs` what a carrier or
//! partner is given and what leaving goods are worth; `documents.rs` the
//! printable documents.

pub mod decide;

pub mod documents;
pub mod handoff;

use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use crate::domain::catalog::string_enum;
use crate::domain::order::{LineAllocation, Order};
use crate::kernel::error::{Entity, Error, Result};
use crate::kernel::ids::{check_text, LocationId, OrderId, ShipmentId, Sku};
use crate::kernel::limits::{PARCELS_MAX, PARCEL_DIMENSION_MAX_MM, PARCEL_WEIGHT_MAX_GRAMS};
use crate::kernel::time::Timestamp;

string_enum!(
    /// Where a shipment stands.
    ShipmentStatus, "status" {
        Pending = "pending",
        Picking = "picking",
        Packed = "packed",
        HandedOver = "handed_over",
        Shipped = "shipped",
        Delivered = "delivered",
        Cancelled = "cancelled",
        /// Picked at the pickup store and waiting at the counter.
        ReadyForPickup = "ready_for_pickup",
        /// Handed over to the customer at the counter.
        PickedUp = "picked_up",
        /// Not collected within the channel's window: its units were released.
        PickupExpired = "pickup_expired",
    }
);

/// Every permitted change of shipment status.
pub const SHIPMENT_TRANSITIONS: &[(ShipmentStatus, ShipmentStatus)] = &[
    (ShipmentStatus::Pending, ShipmentStatus::Picking),
    (ShipmentStatus::Picking, ShipmentStatus::Packed),
    (ShipmentStatus::Packed, ShipmentStatus::Shipped),
    // A carrier collects a packed shipment; a third-party logistics partner
    // takes a pending one and picks and packs it itself.
    (ShipmentStatus::Packed, ShipmentStatus::HandedOver),
    (ShipmentStatus::Pending, ShipmentStatus::HandedOver),
    (ShipmentStatus::HandedOver, ShipmentStatus::Shipped),
    // The partner could not take it after all.
    (ShipmentStatus::HandedOver, ShipmentStatus::Cancelled),
    (ShipmentStatus::Shipped, ShipmentStatus::Delivered),
    (ShipmentStatus::Pending, ShipmentStatus::Cancelled),
    (ShipmentStatus::Picking, ShipmentStatus::Cancelled),
    (ShipmentStatus::Picking, ShipmentStatus::ReadyForPickup),
    (ShipmentStatus::ReadyForPickup, ShipmentStatus::PickedUp),
    (ShipmentStatus::ReadyForPickup, ShipmentStatus::PickupExpired),
];

impl ShipmentStatus {
    pub fn can_become(self, to: ShipmentStatus) -> bool {
        SHIPMENT_TRANSITIONS.contains(&(self, to))
    }

    /// Whether its goods have left, or gone to a partner who will ship them:
    /// their value has been asked to be captured on a channel that captures
    /// on shipment.
    pub fn has_left(self) -> bool {
        matches!(
            self,
            ShipmentStatus::HandedOver | ShipmentStatus::Shipped | ShipmentStatus::Delivered | ShipmentStatus::PickedUp
        )
    }

    /// Whether its units are still promised to it (not gone, not given back).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            ShipmentStatus::Pending
                | ShipmentStatus::Picking
                | ShipmentStatus::Packed
                | ShipmentStatus::HandedOver
                | ShipmentStatus::ReadyForPickup
        )
    }
}

string_enum!(
    /// Why a location gives back units of a shipment line it cannot send.
    LineRejectionReason, "reason" {
        /// The goods are not where the stock says: on hand drops by them.
        NotFound = "not_found",
        /// The goods are there but unsellable: they move into quarantine.
        Damaged = "damaged",
    }
);

/// Units of one order line in a shipment.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ShipmentLine {
    pub line_number: u32,
    pub sku: Sku,
    pub quantity: i64,
}

/// One parcel of a packed shipment: weight in grams, dimensions in millimetres.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Parcel {
    pub weight_grams: i64,
    pub length_mm: i64,
    pub width_mm: i64,
    pub height_mm: i64,
}

/// Goods of one order leaving one location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shipment {
    pub id: ShipmentId,
    pub order_id: OrderId,
    pub location: LocationId,
    pub status: ShipmentStatus,
    pub lines: Vec<ShipmentLine>,
    #[serde(default)]
    pub parcels: Vec<Parcel>,
    #[serde(default)]
    pub carrier: Option<String>,
    #[serde(default)]
    pub tracking_number: Option<String>,
    /// The carrier or logistics partner it was handed over to.
    #[serde(default)]
    pub partner: Option<String>,
    /// The partner's reference of the confirmation that shipped it (a retry
    /// naming it again changes nothing).
    #[serde(default)]
    pub shipped_reference: Option<String>,
    /// The partner's reference of the confirmation that it was delivered.
    #[serde(default)]
    pub delivered_reference: Option<String>,
    /// When a shipment ready for pickup expires if nobody collects it: the
    /// channel's window from the moment it became ready. `None` otherwise.
    #[serde(default)]
    #[serde(serialize_with = "crate::kernel::time::rfc3339::option::serialize")]
    pub pickup_expires_at: Option<Timestamp>,
    #[serde(serialize_with = "crate::kernel::time::rfc3339::serialize")]
    pub created_at: Timestamp,
    #[serde(serialize_with = "crate::kernel::time::rfc3339::serialize")]
    pub updated_at: Timestamp,
    pub version: u64,
}

impl Shipment {
    /// Moves to `to`, or `illegal_transition` naming the action and where it stands.
    pub fn advance(&mut self, to: ShipmentStatus, action: &str, at: Timestamp) -> Result<()> {
        if !self.status.can_become(to) {
            return Err(Error::IllegalTransition { action: action.into(), from: format!("{} shipment", self.status) });
        }
        self.status = to;
        self.updated_at = at;
        self.version += 1;
        Ok(())
    }

    /// Units of `line_number` in this shipment (0 when it holds none).
    pub fn units_of(&self, line_number: u32) -> i64 {
        self.lines.iter().filter(|line| line.line_number == line_number).map(|line| line.quantity).sum()
    }

    /// Takes `quantity` units of a line out while the shipment is being
    /// gathered (pending or picking), as when its location gives them back;
    /// a line left without units goes, and a shipment left without lines is
    /// cancelled. Returns the units taken. `illegal_transition` once it is
    /// packed or further, `order_line_not_found` for a line it does not
    /// hold, `invalid_quantity` for more units than it holds of the line.
    pub fn take_units(&mut self, line_number: u32, quantity: i64, at: Timestamp) -> Result<ShipmentLine> {
        if !matches!(self.status, ShipmentStatus::Pending | ShipmentStatus::Picking) {
            return Err(Error::IllegalTransition {
                action: "reject a line of".into(),
                from: format!("{} shipment", self.status),
            });
        }
        let index = self
            .lines
            .iter()
            .position(|line| line.line_number == line_number)
            .ok_or_else(|| Error::not_found(Entity::OrderLine, format!("{} line {line_number}", self.id)))?;
        let held = self.lines[index].quantity;
        if quantity > held {
            return Err(Error::invalid_quantity(
                "quantity",
                format!("{} holds {held} units of line {line_number}, asked to take {quantity}", self.id),
            ));
        }
        let taken = ShipmentLine { quantity, ..self.lines[index].clone() };
        self.lines[index].quantity -= quantity;
        if self.lines[index].quantity == 0 {
            self.lines.remove(index);
        }
        if self.lines.is_empty() {
            self.status = ShipmentStatus::Cancelled;
        }
        self.updated_at = at;
        self.version += 1;
        Ok(taken)
    }
}

/// What became of units a location gave back (`reject_shipment_line`): the
/// shipment without them, the order after them, and where they went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineRejection {
    pub shipment: Shipment,
    pub order: Order,
    pub line_number: u32,
    pub sku: Sku,
    /// Units given back.
    pub quantity: i64,
    pub reason: LineRejectionReason,
    /// Units the allocation engine found at other locations, by location.
    pub reallocated: Vec<LineAllocation>,
    /// Units left waiting for stock (the product or channel allows backorders).
    pub backordered: i64,
    /// Units cancelled on the line (nowhere to take them from, no backorder allowed).
    pub cancelled: i64,
}

/// An order's allocated units that no open shipment holds yet, by location
/// (in the order the allocations name them) and line.
pub fn unshipped(order: &Order, shipments: &[Shipment]) -> BTreeMap<LocationId, Vec<ShipmentLine>> {
    let mut held: BTreeMap<(LocationId, u32), i64> = BTreeMap::new();
    for shipment in shipments.iter().filter(|shipment| shipment.status.is_open()) {
        for line in &shipment.lines {
            *held.entry((shipment.location.clone(), line.line_number)).or_default() += line.quantity;
        }
    }
    let mut by_location: BTreeMap<LocationId, Vec<ShipmentLine>> = BTreeMap::new();
    for line in &order.lines {
        for allocation in &line.allocations {
            let taken = held.get(&(allocation.location.clone(), line.line_number)).copied().unwrap_or(0);
            let quantity = allocation.quantity - taken;
            if quantity > 0 {
                by_location.entry(allocation.location.clone()).or_default().push(ShipmentLine {
                    line_number: line.line_number,
                    sku: line.sku.clone(),
                    quantity,
                });
            }
        }
    }
    by_location
}

/// Parcels as packing records them: at least one, each weight and dimension
/// a positive whole number within the limits.
pub fn check_parcels(parcels: &[Parcel]) -> Result<()> {
    if parcels.is_empty() {
        return Err(Error::invalid_input("parcels", "a packed shipment has at least one parcel"));
    }
    if parcels.len() > PARCELS_MAX {
        return Err(Error::limit("parcels", format!("at most {PARCELS_MAX} parcels, got {}", parcels.len())));
    }
    for (index, parcel) in parcels.iter().enumerate() {
        let sizes = [
            ("weight_grams", parcel.weight_grams, PARCEL_WEIGHT_MAX_GRAMS),
            ("length_mm", parcel.length_mm, PARCEL_DIMENSION_MAX_MM),
            ("width_mm", parcel.width_mm, PARCEL_DIMENSION_MAX_MM),
            ("height_mm", parcel.height_mm, PARCEL_DIMENSION_MAX_MM),
        ];
        for (name, value, max) in sizes {
            let field = format!("parcels[{index}].{name}");
            if value <= 0 {
                return Err(Error::invalid_input(field, format!("must be positive, got {value}")));
            }
            if value > max {
                return Err(Error::limit(field, format!("must be at most {max}, got {value}")));
            }
        }
    }
    Ok(())
}

/// A partner's reference or name, checked like other text when given.
pub fn check_partner_text(field: &str, text: Option<&str>) -> Result<()> {
    text.map_or(Ok(()), |text| check_text(field, text))
}

/// A carrier's name and tracking number, checked like other text.
pub fn check_hand_off(carrier: &str, tracking_number: &str) -> Result<()> {
    check_text("carrier", carrier)?;
    check_text("tracking_number", tracking_number)
}

/// One SKU to pick at a location: the units every open shipment there holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickLine {
    pub sku: Sku,
    pub quantity: i64,
    /// The shipments the units go into, oldest first.
    pub shipments: Vec<ShipmentId>,
}

/// What to pick at one location: the open shipments there (pending or
/// being picked), aggregated by SKU, in SKU order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickList {
    pub location: LocationId,
    pub lines: Vec<PickLine>,
    /// The shipments the list covers, oldest first.
    pub shipments: Vec<ShipmentId>,
}

impl PickList {
    /// The pick list of `shipments` (those not pending or picking are left out).
    pub fn of(location: LocationId, shipments: &[Shipment]) -> PickList {
        let mut by_sku: std::collections::BTreeMap<&Sku, PickLine> = std::collections::BTreeMap::new();
        let mut covered = Vec::new();
        let open = shipments.iter().filter(|s| {
            matches!(s.status, ShipmentStatus::Pending | ShipmentStatus::Picking) && s.location == location
        });
        for shipment in open {
            covered.push(shipment.id.clone());
            for line in &shipment.lines {
                let entry = by_sku.entry(&line.sku).or_insert_with(|| PickLine {
                    sku: line.sku.clone(),
                    quantity: 0,
                    shipments: Vec::new(),
                });
                entry.quantity += line.quantity;
                if entry.shipments.last() != Some(&shipment.id) {
                    entry.shipments.push(shipment.id.clone());
                }
            }
        }
        PickList { location, lines: by_sku.into_values().collect(), shipments: covered }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn shipment(status: ShipmentStatus, lines: &[(u32, i64)]) -> Shipment {
        let at = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
        Shipment {
            id: ShipmentId::from_sequence(1),
            order_id: OrderId::from_sequence(1),
            location: LocationId::new("store").unwrap(),
            status,
            lines: lines
                .iter()
                .map(|(line_number, quantity)| ShipmentLine {
                    line_number: *line_number,
                    sku: Sku::new("MUG").unwrap(),
                    quantity: *quantity,
                })
                .collect(),
            parcels: Vec::new(),
            carrier: None,
            tracking_number: None,
            partner: None,
            shipped_reference: None,
            delivered_reference: None,
            pickup_expires_at: None,
            created_at: at,
            updated_at: at,
            version: 1,
        }
    }

    #[test]
    fn every_status_is_reachable_and_the_ends_are_final() {
        let mut reached = vec![ShipmentStatus::Pending];
        let mut frontier = vec![ShipmentStatus::Pending];
        while let Some(from) = frontier.pop() {
            for (edge_from, to) in SHIPMENT_TRANSITIONS {
                if *edge_from == from && !reached.contains(to) {
                    reached.push(*to);
                    frontier.push(*to);
                }
            }
        }
        assert_eq!(reached.len(), ShipmentStatus::ALL.len(), "{reached:?}");
        let ends = [
            ShipmentStatus::Delivered,
            ShipmentStatus::Cancelled,
            ShipmentStatus::PickedUp,
            ShipmentStatus::PickupExpired,
        ];
        for (from, _) in SHIPMENT_TRANSITIONS {
            assert!(!ends.contains(from), "{from} is an end");
        }
        assert!(ShipmentStatus::ReadyForPickup.is_open(), "its units are still promised to it");
        assert!(!ShipmentStatus::PickupExpired.is_open() && !ShipmentStatus::PickedUp.is_open());
    }

    #[test]
    fn units_taken_out_leave_the_line_then_the_shipment() {
        let at = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
        let mut picking = shipment(ShipmentStatus::Picking, &[(1, 3), (2, 1)]);
        assert_eq!(picking.take_units(1, 4, at).unwrap_err().code(), "invalid_quantity");
        assert_eq!(picking.take_units(3, 1, at).unwrap_err().code(), "order_line_not_found");
        assert_eq!(picking.take_units(1, 2, at).unwrap().quantity, 2);
        assert_eq!((picking.units_of(1), picking.version), (1, 2));
        picking.take_units(2, 1, at).unwrap();
        assert_eq!(picking.lines.len(), 1, "a line without units goes");
        picking.take_units(1, 1, at).unwrap();
        assert_eq!(picking.status, ShipmentStatus::Cancelled, "a shipment without lines is cancelled");
        let mut packed = shipment(ShipmentStatus::Packed, &[(1, 1)]);
        assert_eq!(packed.take_units(1, 1, at).unwrap_err().code(), "illegal_transition");
        assert_eq!(packed.units_of(1), 1, "a refusal changes nothing");
    }
}
