//! Stock transfers between locations: requested → shipped (leaves on hand at
//! the source, incoming at the target) → received (on hand at the target), or
//! cancelled before shipping. The graph is declared as data.

use serde::{Deserialize, Serialize};

use crate::domain::catalog::string_enum;
use crate::kernel::ids::{LocationId, Sku, TransferId};
use crate::kernel::time::Timestamp;

string_enum!(
    /// Where a transfer stands.
    TransferStatus, "status" {
        Requested = "requested",
        Shipped = "shipped",
        Received = "received",
        Cancelled = "cancelled",
    }
);

/// Every permitted change of transfer status.
pub const TRANSFER_TRANSITIONS: &[(TransferStatus, TransferStatus)] = &[
    (TransferStatus::Requested, TransferStatus::Shipped),
    (TransferStatus::Requested, TransferStatus::Cancelled),
    (TransferStatus::Shipped, TransferStatus::Received),
];

impl TransferStatus {
    pub fn can_become(self, to: TransferStatus) -> bool {
        TRANSFER_TRANSITIONS.contains(&(self, to))
    }
}

/// Stock on its way from one location to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transfer {
    pub id: TransferId,
    pub sku: Sku,
    pub from_location: LocationId,
    pub to_location: LocationId,
    pub quantity: i64,
    pub status: TransferStatus,
    #[serde(serialize_with = "crate::kernel::time::rfc3339::serialize")]
    pub created_at: Timestamp,
    #[serde(serialize_with = "crate::kernel::time::rfc3339::serialize")]
    pub updated_at: Timestamp,
    pub version: u64,
}
