//! Re-routing units a location could not fill: the units are written off
//! there and the line is allocated again from the channel's other
//! locations, or backordered. A whole allocation (`reject_allocation`) is
//! re-routed here; units of a shipment line (`reject_shipment_line`, in
//! `app/fulfilment/rejection.rs`) go through the same two helpers,
//! [`Oms::replan_units`] and [`allocate_rerouted`].

use super::{load_order, save_order};
use crate::app::records::Records;
use crate::app::{allocating, append_events, reservations, Oms, StockChanges};
use crate::domain::allocation::{LineDemand, PlannedLine};
use crate::domain::catalog::Channel;
use crate::domain::commands::RejectAllocation;
use crate::domain::events::Event;
use crate::domain::inventory;
use crate::domain::order::{decide, Order};
use crate::kernel::error::{Entity, Error, Result};
use crate::kernel::ids::{LocationId, Sku};
use crate::kernel::time::Timestamp;

impl Oms {
    /// A location could not find the goods it was allocated for a line: the
    /// units are written off there (an adjustment) and the line is re-routed
    /// to the channel's other locations; what none can give is backordered
    /// (the order was accepted, so it is not refused now).
    pub fn reject_allocation(&self, command: RejectAllocation) -> Result<Order> {
        self.execute("reject_allocation", command.idempotency_key.as_ref(), &command, |tx, now| {
            let order = load_order(tx, &command.order_id)?;
            let rejected = decide::reject_allocation(&order, command.line_number, &command.location)?;
            let channel =
                tx.channel(&order.channel)?.ok_or_else(|| Error::not_found(Entity::Channel, &order.channel))?;
            let mut changes = StockChanges::default();
            let Some(line) = order.lines.iter().find(|line| line.line_number == command.line_number) else {
                return Err(Error::not_found(Entity::OrderLine, format!("{} line {}", order.id, command.line_number)));
            };
            let sku = line.sku.clone();
            // The line is re-routed from available stock: expired reservations give theirs back first.
            reservations::free_expired(tx, &[&sku], now, &mut changes)?;
            let units = rejected_units(&rejected);
            changes.change(tx, &sku, &command.location, |level| inventory::release(level, units, &order.id, now))?;
            changes.change(tx, &sku, &command.location, |level| inventory::adjust(level, -units, now))?;
            let planned = self.replan_units(tx, &order, &channel, &sku, units, &command.location, &mut changes, now)?;
            let mut events = rejected;
            events.extend(decide::reroute(&order, command.line_number, &planned.allocations, planned.unfilled));
            let (mut order, mut events) = decide::conclude(order, events, "re-route", now)?;
            allocate_rerouted(tx, &order, &events, &mut changes, now)?;
            if planned.unfilled > 0 {
                allocating::queue_backorder(tx, &order, command.line_number, &sku)?;
            }
            save_order(tx, &mut order, "re-route", now, &mut events)?;
            changes.write(tx)?;
            append_events(tx, now, events)?;
            Ok(order)
        })
    }

    /// Plans `units` of a line's SKU again over the order's channel, routed
    /// as the order was (its pickup store or destination), passing over
    /// `excluded`, the location that gave them back; stock is read through
    /// `changes`, so units this command already moved count. The caller
    /// frees the SKU's expired reservations first.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn replan_units(
        &self,
        tx: &mut dyn Records,
        order: &Order,
        channel: &Channel,
        sku: &Sku,
        units: i64,
        excluded: &LocationId,
        changes: &mut StockChanges,
        now: Timestamp,
    ) -> Result<PlannedLine> {
        let routing =
            self.routing(tx, channel, order.fulfilment.location.as_ref(), order.fulfilment.ship_to_region.as_deref())?;
        let demand = [LineDemand { sku, quantity: units }];
        let plan = self.plan_lines(tx, channel, &routing, &demand, changes, now.date_naive(), Some(excluded), false)?;
        plan.lines.into_iter().next().ok_or_else(|| Error::Internal { message: "a plan lost its line".into() })
    }
}

/// Allocates the stock that the `stock_allocated` events of a re-routing name.
pub(crate) fn allocate_rerouted(
    tx: &mut dyn Records,
    order: &Order,
    events: &[Event],
    changes: &mut StockChanges,
    now: Timestamp,
) -> Result<()> {
    for event in events {
        if let Event::StockAllocated { sku, location, quantity, .. } = event {
            changes.change(tx, sku, location, |level| inventory::allocate(level, *quantity, &order.id, now))?;
        }
    }
    Ok(())
}

/// The units a decided rejection takes back.
fn rejected_units(events: &[Event]) -> i64 {
    events
        .iter()
        .map(|event| match event {
            Event::AllocationRejected { quantity, .. } => *quantity,
            _ => 0,
        })
        .sum()
}
