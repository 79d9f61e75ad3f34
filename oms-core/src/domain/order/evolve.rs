//! Rebuilding an order from its events: `evolve(state, event)`.
//!
//! Every change of an order is told by an event, and every event carries what
//! the change needs, so folding the outbox's events over nothing gives back
//! each stored order (invariant 9 of the design: replaying the event log
//! reproduces the same state). `Oms::verify_replay` does exactly that for a
//! user's database, and a property test does it for random command sequences
//! on every backend.
//!
//! `evolve` is pure and total: events were checked when they were decided, so
//! applying one never fails. An event about another order, or about no order,
//! leaves the state as it is.

use super::{LineAllocation, Order, OrderLine};
use crate::domain::events::Event;
use crate::kernel::ids::{LocationId, OrderId};
use crate::kernel::time::Timestamp;

/// The order an event is about, if it is about one.
pub fn order_of(event: &Event) -> Option<&OrderId> {
    match event {
        Event::OrderPlaced { order_id, .. }
        | Event::StockAllocated { order_id, .. }
        | Event::StockReleased { order_id, .. }
        | Event::StockSold { order_id, .. }
        | Event::LineBackordered { order_id, .. }
        | Event::AllocationRejected { order_id, .. }
        | Event::OrderLinesCancelled { order_id, .. }
        | Event::OrderCancelled { order_id, .. }
        | Event::OrderEdited { order_id, .. }
        | Event::OrderHeld { order_id, .. }
        | Event::OrderReleased { order_id }
        | Event::OrderCompleted { order_id }
        | Event::OrderStatusChanged { order_id, .. }
        | Event::ShipmentShipped { order_id, .. }
        | Event::ShipmentDelivered { order_id, .. }
        | Event::ShipmentReadyForPickup { order_id, .. }
        | Event::ShipmentPickedUp { order_id, .. }
        | Event::ShipmentPickupExpired { order_id, .. }
        | Event::ShipmentLineRejected { order_id, .. } => Some(order_id),
        _ => None,
    }
}

/// Applies one event, which happened at `at`, to an order (`None` before it
/// was placed). The version is not part of what events tell: it counts the
/// commands that stored the order, and is left as it is.
pub fn evolve(state: Option<Order>, event: &Event, at: Timestamp) -> Option<Order> {
    if let Event::OrderPlaced { order: Some(placed), .. } = event {
        return Some((**placed).clone());
    }
    let mut order = state?;
    if order_of(event) != Some(&order.id) {
        return Some(order);
    }
    order.updated_at = at;
    match event {
        Event::StockAllocated { line_number, location, quantity, from_backorder, .. } => {
            if let Some(line) = line_mut(&mut order, *line_number) {
                line.quantities.allocated += quantity;
                if *from_backorder {
                    line.quantities.backordered -= quantity;
                }
                add(&mut line.allocations, location, *quantity);
            }
        }
        Event::StockReleased { line_number, location, quantity, .. }
        | Event::ShipmentLineRejected { line_number, location, quantity, .. } => {
            if let Some(line) = line_mut(&mut order, *line_number) {
                line.quantities.allocated -= quantity;
                take(&mut line.allocations, location, *quantity);
                keep_ready_within_allocated(line);
            }
        }
        Event::ShipmentShipped { location, lines, .. } => {
            for shipped in lines {
                if let Some(line) = line_mut(&mut order, shipped.line_number) {
                    line.quantities.allocated -= shipped.quantity;
                    line.quantities.shipped += shipped.quantity;
                    take(&mut line.allocations, location, shipped.quantity);
                }
            }
        }
        Event::ShipmentReadyForPickup { lines, .. } => {
            for ready in lines {
                if let Some(line) = line_mut(&mut order, ready.line_number) {
                    line.quantities.ready_for_pickup += ready.quantity;
                }
            }
        }
        Event::ShipmentPickedUp { location, lines, .. } => {
            for handed in lines {
                if let Some(line) = line_mut(&mut order, handed.line_number) {
                    line.quantities.allocated -= handed.quantity;
                    line.quantities.ready_for_pickup = (line.quantities.ready_for_pickup - handed.quantity).max(0);
                    line.quantities.shipped += handed.quantity;
                    line.quantities.delivered += handed.quantity;
                    take(&mut line.allocations, location, handed.quantity);
                }
            }
        }
        Event::ShipmentPickupExpired { lines, .. } => {
            for expired in lines {
                if let Some(line) = line_mut(&mut order, expired.line_number) {
                    line.quantities.ready_for_pickup = (line.quantities.ready_for_pickup - expired.quantity).max(0);
                }
            }
        }
        Event::ShipmentDelivered { lines, .. } => {
            for delivered in lines {
                if let Some(line) = line_mut(&mut order, delivered.line_number) {
                    line.quantities.delivered += delivered.quantity;
                }
            }
        }
        Event::StockSold { line_number, quantity, .. } => {
            if let Some(line) = line_mut(&mut order, *line_number) {
                line.quantities.shipped += quantity;
            }
        }
        Event::LineBackordered { line_number, quantity, .. } => {
            if let Some(line) = line_mut(&mut order, *line_number) {
                line.quantities.backordered += quantity;
            }
        }
        Event::AllocationRejected { line_number, location, quantity, .. } => {
            if let Some(line) = line_mut(&mut order, *line_number) {
                line.quantities.allocated -= quantity;
                line.allocations.retain(|allocation| &allocation.location != location);
                keep_ready_within_allocated(line);
            }
        }
        Event::OrderLinesCancelled { lines, .. } => {
            for cancelled in lines {
                if let Some(line) = line_mut(&mut order, cancelled.line_number) {
                    line.quantities.cancelled += cancelled.quantity;
                    line.quantities.backordered -= cancelled.from_backorder;
                }
            }
            if order.lines.iter().all(|line| line.quantities.open() == 0) {
                order.hold_reason = None;
            }
        }
        Event::OrderEdited { .. } => edited(&mut order, event),
        Event::OrderCancelled { reason, .. } => {
            order.hold_reason = None;
            order.cancel_reason.clone_from(reason);
        }
        Event::OrderHeld { reason, .. } => order.hold_reason = Some(reason.clone()),
        Event::OrderReleased { .. } => order.hold_reason = None,
        Event::OrderCompleted { .. } => order.completed_at = Some(at),
        Event::OrderStatusChanged { to, .. } => order.status = *to,
        _ => {}
    }
    Some(order)
}

/// Units waiting at the pickup counter are allocated units: when a
/// cancellation or a rejection takes allocated units away, the ready ones
/// never outnumber what is left.
fn keep_ready_within_allocated(line: &mut OrderLine) {
    line.quantities.ready_for_pickup = line.quantities.ready_for_pickup.min(line.quantities.allocated).max(0);
}

/// Applies `order_edited`: new ordered quantities (and the units they took
/// off the backorder), lines removed and added, every line repriced, the
/// new totals, address and method. Units released or allocated come in the
/// events after it.
fn edited(order: &mut Order, event: &Event) {
    let Event::OrderEdited {
        changed_lines,
        removed_lines,
        added_lines,
        repriced_lines,
        totals,
        shipping_address,
        shipping_method,
        ..
    } = event
    else {
        return;
    };
    for changed in changed_lines {
        if let Some(line) = line_mut(order, changed.line_number) {
            line.quantities.ordered = changed.ordered_after;
            line.quantities.backordered -= changed.from_backorder;
        }
    }
    for removed in removed_lines {
        order.lines.retain(|line| line.line_number != removed.line_number);
        if let Err(position) = order.removed_lines.binary_search(&removed.line_number) {
            order.removed_lines.insert(position, removed.line_number);
        }
    }
    order.lines.extend(added_lines.iter().cloned());
    for repriced in repriced_lines {
        if let Some(line) = line_mut(order, repriced.line_number) {
            line.order_discount_share = repriced.order_discount_share;
            line.shipping_share = repriced.shipping_share;
            line.tax = repriced.tax;
            line.total = repriced.total;
        }
    }
    order.totals = (**totals).clone();
    if let Some(address) = shipping_address {
        order.shipping_address = Some((**address).clone());
    }
    if let Some(method) = shipping_method {
        order.shipping_method = Some(method.clone());
    }
}

fn line_mut(order: &mut Order, line_number: u32) -> Option<&mut OrderLine> {
    order.lines.iter_mut().find(|line| line.line_number == line_number)
}

/// Adds units at a location: to its entry if the line has one, else as a new last entry.
fn add(allocations: &mut Vec<LineAllocation>, location: &LocationId, quantity: i64) {
    match allocations.iter_mut().find(|allocation| &allocation.location == location) {
        Some(allocation) => allocation.quantity += quantity,
        None => allocations.push(LineAllocation { location: location.clone(), quantity }),
    }
}

/// Takes units from a location's entry, dropping the entry when it is used up.
fn take(allocations: &mut Vec<LineAllocation>, location: &LocationId, quantity: i64) {
    if let Some(index) = allocations.iter().rposition(|allocation| &allocation.location == location) {
        allocations[index].quantity -= quantity;
        if allocations[index].quantity <= 0 {
            allocations.remove(index);
        }
    }
}
