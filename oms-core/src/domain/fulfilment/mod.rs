//! Fulfilment: shipments. A shipment carries an order's allocated units out
//! of one location: `pending → picking → packed → shipped → delivered`, or
//! `cancelled` before it leaves; a carrier or a third-party logistics
//! partner takes it over (`handed_over`, from `packed`, or from `pending`
//! when the partner picks and packs) until it confirms it shipped. The graph
//! is declared as data. Goods leave (on hand drops, the order's lines count
//! them shipped) when it ships, not when it is allocated.

pub mod documents;
pub mod handoff;

use serde::{Deserialize, Serialize};

use crate::domain::catalog::string_enum;
use crate::kernel::error::{Error, Result};
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
];

impl ShipmentStatus {
    pub fn can_become(self, to: ShipmentStatus) -> bool {
        SHIPMENT_TRANSITIONS.contains(&(self, to))
    }

    /// Whether its goods have left, or gone to a partner who will ship them:
    /// their value has been asked to be captured on a channel that captures
    /// on shipment.
    pub fn has_left(self) -> bool {
        matches!(self, ShipmentStatus::HandedOver | ShipmentStatus::Shipped | ShipmentStatus::Delivered)
    }

    /// Whether its units are still promised to it (not shipped, not cancelled).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            ShipmentStatus::Pending | ShipmentStatus::Picking | ShipmentStatus::Packed | ShipmentStatus::HandedOver
        )
    }
}

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
    pub created_at: Timestamp,
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
