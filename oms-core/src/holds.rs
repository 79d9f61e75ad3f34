//! Checkout holds: stock reserved for a cart for a while. A hold ends by
//! becoming an order (converted), by being released, or by expiring; each
//! gives its held units back (or turns them into allocations).

use serde::{Deserialize, Serialize};

use crate::catalog::string_enum;
use crate::ids::{ChannelId, HoldId, OrderId, Sku};
use crate::order::LineAllocation;
use crate::time::Timestamp;

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
