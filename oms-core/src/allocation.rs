//! Stock allocation: which locations give how many units of each line.
//!
//! This is the foundation's rule: each line is covered from the channel's
//! locations in the order the channel lists them, splitting a line across
//! locations when one cannot cover it; an order that cannot be covered in
//! full is rejected with `insufficient_stock` and allocates nothing.
//! The planner is pure: it reads a snapshot of stock levels and returns a plan.

use crate::error::{Error, Result};
use crate::ids::{LocationId, Sku};
use crate::order::LineAllocation;

/// What one line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Demand<'a> {
    pub sku: &'a Sku,
    pub quantity: i64,
}

/// Plans allocations for `demands` over `locations` (in priority order).
/// `available` answers how many units of a SKU a location can still promise;
/// it is asked at most once per pair and only until a line is covered.
/// Returns one list of allocations per demand.
pub fn plan(
    demands: &[Demand<'_>],
    locations: &[LocationId],
    mut available: impl FnMut(&Sku, &LocationId) -> Result<i64>,
) -> Result<Vec<Vec<LineAllocation>>> {
    // Units still free per pair once earlier lines of this order took theirs.
    // Orders touch few pairs, so a list beats hashing two strings per look-up.
    let mut free_after: Vec<(&Sku, &LocationId, i64)> = Vec::new();
    let mut plan = Vec::with_capacity(demands.len());
    for demand in demands {
        let mut remaining = demand.quantity;
        let mut allocations = Vec::new();
        for location in locations {
            if remaining == 0 {
                break;
            }
            let seen = free_after.iter().position(|(sku, at, _)| *sku == demand.sku && *at == location);
            let slot = match seen {
                Some(index) => index,
                None => {
                    free_after.push((demand.sku, location, available(demand.sku, location)?));
                    free_after.len() - 1
                }
            };
            let take = remaining.min(free_after[slot].2);
            free_after[slot].2 -= take;
            if take > 0 {
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
