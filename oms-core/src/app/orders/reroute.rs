//! Re-routing an allocation a location could not fill: the units are
//! written off there and the line is allocated again from the channel's
//! other locations, or backordered.

use super::{load_order, save_order};
use crate::app::{allocating, append_events, reservations, Oms, StockChanges};
use crate::domain::allocation::LineDemand;
use crate::domain::commands::RejectAllocation;
use crate::domain::events::Event;
use crate::domain::inventory;
use crate::domain::order::Order;
use crate::kernel::error::{Entity, Error, Result};

impl Oms {
    /// A location could not find the goods it was allocated for a line: the
    /// units are written off there (an adjustment) and the line is re-routed
    /// to the channel's other locations; what none can give is backordered
    /// (the order was accepted, so it is not refused now).
    pub fn reject_allocation(&self, command: RejectAllocation) -> Result<Order> {
        self.execute("reject_allocation", command.idempotency_key.as_ref(), &command, |tx, now| {
            let mut order = load_order(tx, &command.order_id)?;
            let index = line_index(&order, command.line_number)?;
            let Some(position) = order.lines[index].allocations.iter().position(|a| a.location == command.location)
            else {
                return Err(Error::not_found(
                    Entity::StockLevel,
                    format!("allocation of line {} at {}", command.line_number, command.location),
                ));
            };
            let channel =
                tx.channel(&order.channel)?.ok_or_else(|| Error::not_found(Entity::Channel, &order.channel))?;
            let routing = self.routing(
                tx,
                &channel,
                order.fulfilment.location.as_ref(),
                order.fulfilment.ship_to_region.as_deref(),
            )?;
            let mut changes = StockChanges::default();
            let sku = order.lines[index].sku.clone();
            // The line is re-routed from available stock: expired reservations give theirs back first.
            reservations::free_expired(tx, &[&sku], now, &mut changes)?;
            let units = order.lines[index].allocations.remove(position).quantity;
            changes.change(tx, &sku, &command.location, |level| inventory::release(level, units, &order.id, now))?;
            changes.change(tx, &sku, &command.location, |level| inventory::adjust(level, -units, now))?;
            order.lines[index].quantities.allocated -= units;
            let mut events = vec![Event::AllocationRejected {
                order_id: order.id.clone(),
                line_number: command.line_number,
                location: command.location.clone(),
                quantity: units,
            }];
            let demand = [LineDemand { sku: &sku, quantity: units }];
            let plan = self.plan_lines(
                tx,
                &channel,
                &routing,
                &demand,
                &mut changes,
                now.date_naive(),
                Some(&command.location),
                false,
            )?;
            for allocation in &plan.lines[0].allocations {
                changes.change(tx, &sku, &allocation.location, |level| {
                    inventory::allocate(level, allocation.quantity, &order.id, now)
                })?;
                let line = &mut order.lines[index];
                line.quantities.allocated += allocation.quantity;
                allocating::add_allocation(&mut line.allocations, &allocation.location, allocation.quantity);
                events.push(Event::StockAllocated {
                    order_id: order.id.clone(),
                    line_number: line.line_number,
                    sku: sku.clone(),
                    location: allocation.location.clone(),
                    quantity: allocation.quantity,
                    from_backorder: false,
                });
            }
            let unfilled = plan.lines[0].unfilled;
            if unfilled > 0 {
                order.lines[index].quantities.backordered += unfilled;
                events.push(Event::LineBackordered {
                    order_id: order.id.clone(),
                    line_number: command.line_number,
                    sku: sku.clone(),
                    quantity: unfilled,
                });
                allocating::queue_backorder(tx, &order, command.line_number, &sku)?;
            }
            save_order(tx, &mut order, "re-route", now, &mut events)?;
            changes.write(tx)?;
            append_events(tx, now, &events)?;
            Ok(order)
        })
    }
}

fn line_index(order: &Order, line_number: u32) -> Result<usize> {
    order
        .lines
        .iter()
        .position(|line| line.line_number == line_number)
        .ok_or_else(|| Error::not_found(Entity::OrderLine, format!("{} line {line_number}", order.id)))
}
