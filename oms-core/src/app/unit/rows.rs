//! How the unit of work lays records out in the contract: the bodies of
//! ledger, outbox, reserved-units and backorder rows, the keys it builds,
//! and the conversions between stock levels and stock rows.

use serde::{Deserialize, Serialize};

use crate::app::records::BackorderEntry;
use crate::domain::events::Event;
use crate::domain::fulfilment::ShipmentStatus;
use crate::domain::inventory::reservations::Reservation;
use crate::domain::inventory::{Deltas, Movement, MovementReason, StockLevel};
use crate::domain::order::Order;
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::{LocationId, OrderId, ReservationId, Sku};
use crate::kernel::time::Timestamp;
use crate::storage::contract::{Document, StockRow, Term};

/// Seconds since 1970 (the clock is never earlier: see `time::usable`).
pub(super) fn seconds(at: Timestamp) -> u64 {
    u64::try_from(at.timestamp()).unwrap_or(0)
}

pub(super) fn level_of(row: StockRow) -> StockLevel {
    StockLevel {
        sku: row.sku,
        location: row.location,
        on_hand: row.on_hand,
        allocated: row.allocated,
        reserved: row.reserved,
        quarantined: row.quarantined,
        incoming: row.incoming,
        version: row.version,
    }
}

pub(super) fn row_of(level: &StockLevel) -> StockRow {
    StockRow {
        sku: level.sku.clone(),
        location: level.location.clone(),
        on_hand: level.on_hand,
        allocated: level.allocated,
        reserved: level.reserved,
        quarantined: level.quarantined,
        incoming: level.incoming,
        version: level.version,
    }
}

/// A ledger row's body (the shape the copy from the first schema writes too).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct LedgerRow {
    pub(super) sku: Sku,
    pub(super) location: LocationId,
    pub(super) reason: MovementReason,
    pub(super) on_hand: i64,
    pub(super) allocated: i64,
    pub(super) reserved: i64,
    pub(super) quarantined: i64,
    pub(super) incoming: i64,
    pub(super) reference: Option<String>,
    #[serde(serialize_with = "crate::kernel::time::rfc3339::serialize")]
    pub(super) occurred_at: Timestamp,
}

impl LedgerRow {
    pub(super) fn of(movement: &Movement) -> LedgerRow {
        let d = movement.deltas;
        LedgerRow {
            sku: movement.sku.clone(),
            location: movement.location.clone(),
            reason: movement.reason,
            on_hand: d.on_hand,
            allocated: d.allocated,
            reserved: d.reserved,
            quarantined: d.quarantined,
            incoming: d.incoming,
            reference: movement.reference.clone(),
            occurred_at: movement.occurred_at,
        }
    }

    pub(super) fn movement(self, sequence: u64) -> Movement {
        Movement {
            sequence,
            sku: self.sku,
            location: self.location,
            reason: self.reason,
            deltas: Deltas {
                on_hand: self.on_hand,
                allocated: self.allocated,
                reserved: self.reserved,
                quarantined: self.quarantined,
                incoming: self.incoming,
            },
            reference: self.reference,
            occurred_at: self.occurred_at,
        }
    }
}

/// An outbox row's body: the events of one append, with their time.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct OutboxRow {
    #[serde(serialize_with = "crate::kernel::time::rfc3339::serialize")]
    pub(super) occurred_at: Timestamp,
    pub(super) events: Vec<Event>,
}

/// A row of the index of reserved units: what one active reservation
/// reserves of one SKU at one location, and until when.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct UnitsRow {
    pub(super) reservation: ReservationId,
    pub(super) location: LocationId,
    pub(super) quantity: i64,
    #[serde(serialize_with = "crate::kernel::time::rfc3339::serialize")]
    pub(super) expires_at: Timestamp,
}

/// The (SKU, location) pairs a reservation's lines reserve at, sorted.
pub(super) fn pairs_of(reservation: &Reservation) -> Vec<(Sku, LocationId)> {
    let mut pairs: Vec<(Sku, LocationId)> = reservation
        .lines
        .iter()
        .flat_map(|line| line.allocations.iter().map(move |allocation| (line.sku.clone(), allocation.location.clone())))
        .collect();
    pairs.sort();
    pairs.dedup();
    pairs
}

/// A reserved-units row's key: ids hold no spaces, so the three are told apart.
pub(super) fn units_key(reservation: &ReservationId, sku: &Sku, location: &LocationId) -> String {
    format!("{reservation} {sku} {location}")
}

/// A region distance's key: regions hold no control characters, so U+001F parts them.
pub(super) fn region_key(from_region: &str, to_region: &str) -> String {
    format!("{from_region}\u{1f}{to_region}")
}

pub(super) fn text_of<T: Serialize>(value: &T) -> Result<String> {
    match serde_json::to_value(value).map_err(Error::storage)? {
        serde_json::Value::String(text) => Ok(text),
        other => Ok(other.to_string()),
    }
}

pub(super) fn order_document(order: &Order) -> Document {
    Document::typed(order.id.to_string(), order.version, order.clone())
        .at(order.sequence)
        .with(Term::First, order.status.as_str())
        .with(Term::Second, order.customer_email.to_string())
        .with(Term::Third, order.channel.to_string())
}

/// A backorder's key: its order's sequence (zero-padded, so keys sort as the queue does), line and SKU.
pub(super) fn backorder_key(entry: &BackorderEntry) -> String {
    format!("{:020}/{:010}/{}", entry.order_sequence, entry.line_number, entry.sku)
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct BackorderRow {
    pub(super) sku: Sku,
    pub(super) order_sequence: u64,
    pub(super) order_id: OrderId,
    pub(super) line_number: u32,
}

/// A shipment's place in the index of open work: its location and status.
/// Identifiers never contain a space, so the pair is unambiguous.
pub(super) fn shipment_place(location: &LocationId, status: ShipmentStatus) -> String {
    format!("{location} {}", status.as_str())
}
