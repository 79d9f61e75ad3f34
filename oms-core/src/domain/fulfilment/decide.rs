//! Deciding what a fulfilment command does to the shipment's order, pure,
//! beside [`crate::domain::order::decide`]: each function takes the order and
//! the shipment as loaded and returns the events (or a refusal), which
//! `order::decide::conclude` folds into the order and settles its status;
//! the handler then moves the stock the events name.

use super::{LineRejectionReason, Shipment, ShipmentLine, ShipmentStatus};
use crate::domain::events::{CancelledLine, Event};
use crate::domain::order::{decide, FulfilmentMethod, LineAllocation, Order, OrderStatus};
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::LocationId;
use crate::kernel::time::Timestamp;

/// The `cancel_reason` of an order whose every unit went uncollected.
pub const PICKUP_EXPIRED: &str = "pickup_expired";
/// The `cancel_reason` of an order whose every unit was rejected by its
/// location and could be neither re-allocated nor backordered.
pub const LINE_REJECTED: &str = "shipment_line_rejected";

/// Units of a line allocated at a location.
pub fn allocated_at(order: &Order, line_number: u32, location: &LocationId) -> i64 {
    order
        .lines
        .iter()
        .find(|line| line.line_number == line_number)
        .map_or(0, |line| line.allocations.iter().filter(|a| &a.location == location).map(|a| a.quantity).sum())
}

/// Refuses to move goods for an order that is on hold or cancelled.
pub fn check_order_may_move(order: &Order, action: &str) -> Result<()> {
    if matches!(order.status, OrderStatus::OnHold | OrderStatus::Cancelled) {
        return Err(Error::IllegalTransition { action: action.into(), from: format!("{} order", order.status) });
    }
    Ok(())
}

/// Refuses to move a shipment's goods when a line no longer has its units
/// allocated at the shipment's location (cancelled or re-routed since the
/// shipment was made): `rejected`, naming the line.
pub fn check_still_allocated(order: &Order, shipment: &Shipment) -> Result<()> {
    for held in &shipment.lines {
        let allocated = allocated_at(order, held.line_number, &shipment.location);
        if allocated < held.quantity {
            return Err(Error::Rejected {
                message: format!(
                    "line {} has {allocated} units allocated at {}, the shipment holds {}",
                    held.line_number, shipment.location, held.quantity
                ),
            });
        }
    }
    Ok(())
}

/// Whether the shipment is one a customer collects: its order is a pickup
/// order (it names a pickup store) and the shipment is at that store. A
/// shipped order's shipment, or a pickup order's goods at another location
/// (sent to the store by the `ship_to_store` fallback), go by carrier.
pub fn is_collected(order: &Order, shipment: &Shipment) -> bool {
    order.fulfilment.method == FulfilmentMethod::Pickup
        && order.fulfilment.location.as_ref() == Some(&shipment.location)
}

/// A picked shipment waits at the pickup counter until `expires_at`:
/// `illegal_transition` for a shipment that is not collected (see
/// [`is_collected`]) or an order on hold or cancelled, `rejected` when a
/// line lost its units there since the shipment was made.
pub fn ready_for_pickup(order: &Order, shipment: &Shipment, expires_at: Timestamp) -> Result<Vec<Event>> {
    const ACTION: &str = "make ready for pickup";
    if !is_collected(order, shipment) {
        let from = match (&order.fulfilment.method, &order.fulfilment.location) {
            (FulfilmentMethod::Pickup, Some(store)) => {
                format!("{} shipment at {}, not at the pickup store {store}", shipment.status, shipment.location)
            }
            (method, _) => format!("{} shipment of a {method} order", shipment.status),
        };
        return Err(Error::IllegalTransition { action: ACTION.into(), from });
    }
    if !shipment.status.can_become(ShipmentStatus::ReadyForPickup) {
        return Err(Error::IllegalTransition { action: ACTION.into(), from: format!("{} shipment", shipment.status) });
    }
    check_order_may_move(order, ACTION)?;
    check_still_allocated(order, shipment)?;
    Ok(vec![Event::ShipmentReadyForPickup {
        shipment_id: shipment.id.clone(),
        order_id: order.id.clone(),
        location: shipment.location.clone(),
        lines: shipment.lines.clone(),
        expires_at,
    }])
}

/// The customer collects a shipment that is ready for pickup: its units
/// count shipped and delivered. `illegal_transition` before it is ready or
/// while the order is on hold or cancelled; `rejected` when a line lost its
/// units there since.
pub fn hand_over(order: &Order, shipment: &Shipment) -> Result<Vec<Event>> {
    if !shipment.status.can_become(ShipmentStatus::PickedUp) {
        return Err(Error::IllegalTransition {
            action: "hand over".into(),
            from: format!("{} shipment", shipment.status),
        });
    }
    check_order_may_move(order, "hand over")?;
    check_still_allocated(order, shipment)?;
    Ok(vec![Event::ShipmentPickedUp {
        shipment_id: shipment.id.clone(),
        order_id: order.id.clone(),
        location: shipment.location.clone(),
        lines: shipment.lines.clone(),
    }])
}

/// Nobody collected a shipment ready for pickup in time: the units it holds
/// that are still allocated there are released and cancelled on the order,
/// and the order is cancelled when nothing of it is left
/// ([`PICKUP_EXPIRED`]). `illegal_transition` unless it is ready for pickup.
pub fn expire_pickup(order: &Order, shipment: &Shipment) -> Result<Vec<Event>> {
    if !shipment.status.can_become(ShipmentStatus::PickupExpired) {
        return Err(Error::IllegalTransition {
            action: "expire the pickup of".into(),
            from: format!("{} shipment", shipment.status),
        });
    }
    // A line cancelled since it became ready has fewer units to give back.
    let lines: Vec<ShipmentLine> = shipment
        .lines
        .iter()
        .map(|held| ShipmentLine {
            quantity: held.quantity.min(allocated_at(order, held.line_number, &shipment.location)),
            ..held.clone()
        })
        .filter(|line| line.quantity > 0)
        .collect();
    let mut events = vec![Event::ShipmentPickupExpired {
        shipment_id: shipment.id.clone(),
        order_id: order.id.clone(),
        location: shipment.location.clone(),
        lines: lines.clone(),
    }];
    if lines.is_empty() {
        return Ok(events);
    }
    let cancelled: Vec<CancelledLine> = lines
        .iter()
        .map(|line| CancelledLine { line_number: line.line_number, quantity: line.quantity, from_backorder: 0 })
        .collect();
    events.push(Event::OrderLinesCancelled { order_id: order.id.clone(), lines: cancelled });
    let units: i64 = lines.iter().map(|line| line.quantity).sum();
    if open_units(order) == units {
        events.push(Event::OrderCancelled { order_id: order.id.clone(), reason: Some(PICKUP_EXPIRED.into()) });
    }
    events.extend(lines.iter().map(|line| Event::StockReleased {
        order_id: order.id.clone(),
        line_number: line.line_number,
        sku: line.sku.clone(),
        location: shipment.location.clone(),
        quantity: line.quantity,
    }));
    Ok(events)
}

/// The location of `shipment` gives back `taken` (units the shipment held,
/// already taken out of it) for `reason`: they leave the line's allocation
/// there. `rejected` when the line no longer has them allocated there (it
/// was cancelled or re-routed since the shipment was made).
pub fn reject_line(
    order: &Order,
    shipment: &Shipment,
    taken: &ShipmentLine,
    reason: LineRejectionReason,
) -> Result<Vec<Event>> {
    let allocated = allocated_at(order, taken.line_number, &shipment.location);
    if allocated < taken.quantity {
        return Err(Error::Rejected {
            message: format!(
                "line {} has {allocated} units allocated at {}, fewer than the {} rejected",
                taken.line_number, shipment.location, taken.quantity
            ),
        });
    }
    Ok(vec![Event::ShipmentLineRejected {
        shipment_id: shipment.id.clone(),
        order_id: order.id.clone(),
        location: shipment.location.clone(),
        line_number: taken.line_number,
        sku: taken.sku.clone(),
        quantity: taken.quantity,
        reason,
    }])
}

/// Where rejected units of a line go, as the allocation engine planned them:
/// allocated at the locations given; the rest backordered when the line may
/// wait (`may_backorder`), else cancelled on the line, and the order with it
/// when nothing of it is left ([`LINE_REJECTED`]). `order` is the order
/// before the rejection.
pub fn place_rejected_units(
    order: &Order,
    line_number: u32,
    allocations: &[LineAllocation],
    unfilled: i64,
    may_backorder: bool,
) -> Vec<Event> {
    if may_backorder {
        return decide::reroute(order, line_number, allocations, unfilled);
    }
    let mut events = decide::reroute(order, line_number, allocations, 0);
    if unfilled > 0 {
        let cancelled = CancelledLine { line_number, quantity: unfilled, from_backorder: 0 };
        events.push(Event::OrderLinesCancelled { order_id: order.id.clone(), lines: vec![cancelled] });
        if open_units(order) == unfilled {
            events.push(Event::OrderCancelled { order_id: order.id.clone(), reason: Some(LINE_REJECTED.into()) });
        }
    }
    events
}

/// Units of the order not cancelled.
fn open_units(order: &Order) -> i64 {
    order.lines.iter().map(|line| line.quantities.open()).sum()
}
