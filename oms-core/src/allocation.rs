//! Stock allocation: which locations give how many units of each line.
//!
//! This is the foundation's rule: each line is covered from the channel's
//! locations in the order the channel lists them, splitting a line across
//! locations when one cannot cover it; an order that cannot be covered in
//! full is rejected with `insufficient_stock` and allocates nothing.
//! The planner is pure: it reads a snapshot of stock levels and returns a plan.

use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::ids::{LocationId, Sku};
use crate::inventory::StockLevel;
use crate::order::LineAllocation;

/// What one line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Demand<'a> {
    pub sku: &'a Sku,
    pub quantity: i64,
}

/// Plans allocations for `demands` over `locations` (in priority order), given
/// the current `levels`. Returns one list of allocations per demand.
pub fn plan(
    demands: &[Demand<'_>],
    locations: &[LocationId],
    levels: &HashMap<(Sku, LocationId), StockLevel>,
) -> Result<Vec<Vec<LineAllocation>>> {
    // Units already promised by earlier lines of this order, per pair.
    let mut taken: HashMap<(&Sku, &LocationId), i64> = HashMap::new();
    let mut plan = Vec::with_capacity(demands.len());
    for demand in demands {
        let mut remaining = demand.quantity;
        let mut allocations = Vec::new();
        for location in locations {
            if remaining == 0 {
                break;
            }
            let available = levels
                .get(&(demand.sku.clone(), location.clone()))
                .map_or(0, StockLevel::available);
            let used = taken.entry((demand.sku, location)).or_insert(0);
            let take = remaining.min(available - *used);
            if take > 0 {
                *used += take;
                remaining -= take;
                allocations.push(LineAllocation { location: location.clone(), quantity: take });
            }
        }
        if remaining > 0 {
            let covered = demand.quantity - remaining;
            return Err(Error::InsufficientStock {
                sku: demand.sku.to_string(),
                requested: demand.quantity,
                available: covered,
            });
        }
        plan.push(allocations);
    }
    Ok(plan)
}
