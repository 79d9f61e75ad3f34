//! Deciding what a command does to an order: `decide(state, command) ->
//! events | rejection`, pure, beside [`super::evolve`].
//!
//! A handler loads the order, asks one of these functions, and hands the
//! events to [`conclude`], which evolves the order through them and settles
//! its status against the graph. The stored order is then exactly what its
//! events rebuild: replay agrees with storage by construction, not by care.
//! Stock moves follow from the events too (`StockReleased` releases units
//! at its location), so nothing is decided twice.
//!
//! Placing, holding, releasing, cancelling and re-routing a rejected
//! allocation are decided here (placing and re-routing take the allocation
//! engine's plan as their context).

use super::{evolve, FulfilmentMethod, LineAllocation, Order, OrderLine, OrderStatus};
use crate::domain::allocation::PlannedLine;
use crate::domain::events::{CancelledLine, Event, LineQuantity};
use crate::kernel::error::{Entity, Error, Result};
use crate::kernel::ids::{LocationId, OrderId};
use crate::kernel::time::Timestamp;

/// What placing an order is decided from, besides the order as placed (priced,
/// numbered, no unit moved yet): per line, in line order, the units a
/// converted checkout reservation gives it, the allocation plan's share of
/// the rest, and whether what the plan leaves over may wait as a backorder.
#[derive(Debug, Clone, Copy)]
pub struct PlacementPlan<'a> {
    pub reserved: &'a [Vec<LineAllocation>],
    pub planned: &'a [PlannedLine],
    pub may_backorder: &'a [bool],
}

/// The first line (its index) whose units the plan leaves over but may not
/// wait as a backorder: placing is then refused as `insufficient_stock`.
/// Asked before the order takes its number, so a refusal leaves no gap.
pub fn unfillable(plan: &PlacementPlan<'_>) -> Option<usize> {
    plan.planned.iter().zip(plan.may_backorder).position(|(line, may)| line.unfilled > 0 && !may)
}

/// Places an order: `order_placed` with the order as placed, then per line
/// the units the reservation gives it (`stock_allocated`), those the plan
/// gives it (`stock_allocated`, or `stock_sold` at a till, where the goods
/// change hands at once) and what it leaves (`line_backordered`).
pub fn place(placed: &Order, plan: &PlacementPlan<'_>) -> Result<Vec<Event>> {
    if let Some(index) = unfillable(plan) {
        let line = &placed.lines[index];
        return Err(Error::InsufficientStock {
            sku: line.sku.to_string(),
            requested: line.quantities.ordered,
            available: line.quantities.ordered - plan.planned[index].unfilled,
        });
    }
    let order_id = &placed.id;
    let mut events = vec![Event::OrderPlaced {
        order_id: order_id.clone(),
        channel: placed.channel.clone(),
        customer_email: placed.customer_email.clone(),
        total: placed.totals.total,
        line_count: placed.lines.len(),
        order: Some(Box::new(placed.clone())),
    }];
    let at_till = placed.fulfilment.method == FulfilmentMethod::PointOfSale;
    for ((line, reserved), planned) in placed.lines.iter().zip(plan.reserved).zip(plan.planned) {
        let allocated = |location: &LocationId, quantity: i64| Event::StockAllocated {
            order_id: order_id.clone(),
            line_number: line.line_number,
            sku: line.sku.clone(),
            location: location.clone(),
            quantity,
            from_backorder: false,
        };
        events.extend(reserved.iter().map(|taken| allocated(&taken.location, taken.quantity)));
        for allocation in &planned.allocations {
            events.push(match at_till {
                true => Event::StockSold {
                    order_id: order_id.clone(),
                    line_number: line.line_number,
                    sku: line.sku.clone(),
                    location: allocation.location.clone(),
                    quantity: allocation.quantity,
                },
                false => allocated(&allocation.location, allocation.quantity),
            });
        }
        if planned.unfilled > 0 {
            events.push(Event::LineBackordered {
                order_id: order_id.clone(),
                line_number: line.line_number,
                sku: line.sku.clone(),
                quantity: planned.unfilled,
            });
        }
    }
    Ok(events)
}

/// Puts an order on hold with `reason`; it keeps its stock.
pub fn hold(order: &Order, reason: &str) -> Result<Vec<Event>> {
    if !order.status.can_become(OrderStatus::OnHold) {
        return Err(Error::IllegalTransition { action: "hold".into(), from: order.status.to_string() });
    }
    Ok(vec![Event::OrderHeld { order_id: order.id.clone(), reason: reason.to_string() }])
}

/// Releases an order's hold; it returns to the status its quantities imply.
pub fn release(order: &Order) -> Result<Vec<Event>> {
    if order.status != OrderStatus::OnHold {
        return Err(Error::IllegalTransition { action: "release".into(), from: order.status.to_string() });
    }
    Ok(vec![Event::OrderReleased { order_id: order.id.clone() }])
}

/// Closes an order every unit of which reached the customer (`delivered`, or
/// `picked_up` at the store): it becomes `completed`.
pub fn complete(order: &Order) -> Result<Vec<Event>> {
    if !matches!(order.status, OrderStatus::Delivered | OrderStatus::PickedUp) {
        return Err(Error::IllegalTransition { action: "complete".into(), from: order.status.to_string() });
    }
    Ok(vec![Event::OrderCompleted { order_id: order.id.clone() }])
}

/// Cancels every unit that has not shipped.
pub fn cancel(order: &Order, reason: Option<&str>) -> Result<Vec<Event>> {
    if !order.status.is_cancellable() {
        return Err(Error::IllegalTransition { action: "cancel".into(), from: order.status.to_string() });
    }
    let requests: Vec<LineQuantity> = order
        .lines
        .iter()
        .map(|line| LineQuantity {
            line_number: line.line_number,
            quantity: line.quantities.allocated + line.quantities.backordered,
        })
        .filter(|request| request.quantity > 0)
        .collect();
    let mut events = cancel_units(order, &requests);
    events.insert(1, Event::OrderCancelled { order_id: order.id.clone(), reason: reason.map(str::to_string) });
    Ok(events)
}

/// Cancels some units of some lines (each line once, at most its units not
/// yet shipped; the command's shape is checked before).
pub fn cancel_lines(order: &Order, requests: &[LineQuantity]) -> Result<Vec<Event>> {
    if !order.status.is_cancellable() {
        return Err(Error::IllegalTransition { action: "cancel lines of".into(), from: order.status.to_string() });
    }
    for (position, request) in requests.iter().enumerate() {
        let line =
            order.lines.iter().find(|line| line.line_number == request.line_number).ok_or_else(|| {
                Error::not_found(Entity::OrderLine, format!("{} line {}", order.id, request.line_number))
            })?;
        let open = line.quantities.allocated + line.quantities.backordered;
        if request.quantity > open {
            return Err(Error::invalid_quantity(
                format!("lines[{position}].quantity"),
                format!(
                    "line {} has {open} cancellable units, asked to cancel {}",
                    request.line_number, request.quantity
                ),
            ));
        }
    }
    Ok(cancel_units(order, requests))
}

/// The events of cancelling `requests` (all valid): the cancellation, then
/// the units released from each line's allocations, newest first; whatever
/// no allocation covers comes off the backorder.
fn cancel_units(order: &Order, requests: &[LineQuantity]) -> Vec<Event> {
    let mut cancelled = Vec::with_capacity(requests.len());
    let mut released = Vec::new();
    for request in requests {
        let Some(line) = order.lines.iter().find(|line| line.line_number == request.line_number) else { continue };
        let from_backorder = take_units(&order.id, line, request.quantity, &mut released);
        cancelled.push(CancelledLine { line_number: line.line_number, quantity: request.quantity, from_backorder });
    }
    let mut events = vec![Event::OrderLinesCancelled { order_id: order.id.clone(), lines: cancelled }];
    events.extend(released);
    events
}

/// Takes `quantity` units off a line that has them (allocated or
/// backordered), the one rule cancelling and editing share: from its
/// allocations newest first, each pushed to `released` as a `stock_released`
/// at its location, then from its backorder. Returns the units taken off
/// the backorder.
pub(crate) fn take_units(order_id: &OrderId, line: &OrderLine, quantity: i64, released: &mut Vec<Event>) -> i64 {
    let mut remaining = quantity;
    for allocation in line.allocations.iter().rev() {
        if remaining == 0 {
            break;
        }
        let take = remaining.min(allocation.quantity);
        released.push(Event::StockReleased {
            order_id: order_id.clone(),
            line_number: line.line_number,
            sku: line.sku.clone(),
            location: allocation.location.clone(),
            quantity: take,
        });
        remaining -= take;
    }
    remaining
}

/// A location could not find the goods of a line's allocation there: the
/// allocation is rejected (`stock_level_not_found` when the line has none
/// there). The units are then planned again by the caller, see [`reroute`].
pub fn reject_allocation(order: &Order, line_number: u32, location: &LocationId) -> Result<Vec<Event>> {
    let line = order
        .lines
        .iter()
        .find(|line| line.line_number == line_number)
        .ok_or_else(|| Error::not_found(Entity::OrderLine, format!("{} line {line_number}", order.id)))?;
    let allocation = line.allocations.iter().find(|allocation| &allocation.location == location).ok_or_else(|| {
        Error::not_found(Entity::StockLevel, format!("allocation of line {line_number} at {location}"))
    })?;
    Ok(vec![Event::AllocationRejected {
        order_id: order.id.clone(),
        line_number,
        location: location.clone(),
        quantity: allocation.quantity,
    }])
}

/// Where the units of a rejected allocation go, as the allocation engine
/// planned them: allocated at the locations given, the rest backordered
/// (the order was accepted, so it is not refused now).
pub fn reroute(order: &Order, line_number: u32, allocations: &[LineAllocation], unfilled: i64) -> Vec<Event> {
    let Some(line) = order.lines.iter().find(|line| line.line_number == line_number) else { return Vec::new() };
    let mut events: Vec<Event> = allocations
        .iter()
        .map(|allocation| Event::StockAllocated {
            order_id: order.id.clone(),
            line_number,
            sku: line.sku.clone(),
            location: allocation.location.clone(),
            quantity: allocation.quantity,
            from_backorder: false,
        })
        .collect();
    if unfilled > 0 {
        events.push(Event::LineBackordered {
            order_id: order.id.clone(),
            line_number,
            sku: line.sku.clone(),
            quantity: unfilled,
        });
    }
    events
}

/// Evolves `order` through `events` (which happened at `at`), then settles
/// its status against the graph, adding `OrderStatusChanged` when it moved.
/// `illegal_transition` names `action` when the graph has no such edge.
pub fn conclude(order: Order, events: Vec<Event>, action: &str, at: Timestamp) -> Result<(Order, Vec<Event>)> {
    conclude_from(Some(order), events, action, at)
}

/// [`conclude`] for events that start with `order_placed` (the order is born of them).
pub fn conclude_placing(events: Vec<Event>, at: Timestamp) -> Result<(Order, Vec<Event>)> {
    conclude_from(None, events, "allocate", at)
}

fn conclude_from(
    state: Option<Order>,
    mut events: Vec<Event>,
    action: &str,
    at: Timestamp,
) -> Result<(Order, Vec<Event>)> {
    let mut state = state;
    for event in &events {
        state = evolve(state, event, at);
    }
    let Some(mut order) = state else {
        return Err(Error::Internal { message: "an order evolved into nothing".into() });
    };
    if let Some((from, to)) = order.settle_status(action)? {
        events.push(Event::OrderStatusChanged { order_id: order.id.clone(), from, to });
    }
    Ok((order, events))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::order::{Fulfilment, FulfilmentMethod, LineAllocation, LineQuantities, OrderLine, OrderTotals};
    use crate::kernel::ids::{ChannelId, Email, LocationId, OrderId, Sku, TaxClass};
    use crate::kernel::money::{Currency, Money};
    use rust_decimal::Decimal;

    /// One line of 5 units: 2 allocated at `east`, then 1 at `west`, 2 backordered.
    fn order() -> Order {
        let zero = Money::zero(Currency::USD);
        let at = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
        let allocations = ["east", "west"]
            .iter()
            .zip([2, 1])
            .map(|(location, quantity)| LineAllocation { location: LocationId::new(*location).unwrap(), quantity })
            .collect();
        Order {
            id: OrderId::from_sequence(1),
            sequence: 1,
            channel: ChannelId::new("web").unwrap(),
            customer_email: Email::new("a@b.io").unwrap(),
            currency: Currency::USD,
            prices_include_tax: false,
            status: OrderStatus::PartiallyAllocated,
            fulfilment: Fulfilment { method: FulfilmentMethod::Ship, location: None, ship_to_region: None },
            hold_reason: None,
            completed_at: None,
            cancel_reason: None,
            lines: vec![OrderLine {
                line_number: 1,
                sku: Sku::new("MUG").unwrap(),
                unit_price: zero,
                quantities: LineQuantities { ordered: 5, allocated: 3, backordered: 2, ..LineQuantities::default() },
                discount: zero,
                order_discount_share: zero,
                shipping_share: zero,
                tax_class: TaxClass::standard(),
                tax_rate: Decimal::ZERO,
                tax: zero,
                total: zero,
                allocations,
            }],
            removed_lines: Vec::new(),
            totals: OrderTotals {
                subtotal: zero,
                discount_total: zero,
                shipping_total: zero,
                tax_total: zero,
                total: zero,
                tax_summary: Vec::new(),
            },
            explanation: None,
            shipping_address: None,
            billing_address: None,
            shipping_method: None,
            external_reference: None,
            metadata: Default::default(),
            created_at: at,
            updated_at: at,
            version: 1,
        }
    }

    fn at(location: &str, quantity: i64) -> LineAllocation {
        LineAllocation { location: LocationId::new(location).unwrap(), quantity }
    }

    /// `order()` as placed: its 5 units ordered, nothing moved.
    fn placed() -> Order {
        order().as_placed()
    }

    #[test]
    fn placing_allocates_the_reservation_then_the_plan_and_backorders_the_rest() {
        let plan = PlacementPlan {
            reserved: &[vec![at("east", 1)]],
            planned: &[PlannedLine { allocations: vec![at("east", 1), at("west", 1)], unfilled: 2 }],
            may_backorder: &[true],
        };
        let events = place(&placed(), &plan).unwrap();
        let names: Vec<&str> = events.iter().map(Event::name).collect();
        assert_eq!(
            names,
            ["order_placed", "stock_allocated", "stock_allocated", "stock_allocated", "line_backordered"]
        );
        let (order, events) = conclude_placing(events, chrono::DateTime::<chrono::Utc>::UNIX_EPOCH).unwrap();
        let line = &order.lines[0];
        assert_eq!((line.quantities.allocated, line.quantities.backordered), (3, 2));
        assert_eq!(line.allocations, [at("east", 2), at("west", 1)], "one entry per location, in the order taken");
        assert_eq!(order.status, OrderStatus::PartiallyAllocated);
        assert!(matches!(events.last(), Some(Event::OrderStatusChanged { to: OrderStatus::PartiallyAllocated, .. })));
    }

    #[test]
    fn a_till_sale_hands_the_goods_over_and_may_not_wait() {
        let mut till = placed();
        till.fulfilment.method = FulfilmentMethod::PointOfSale;
        let sold = PlacementPlan {
            reserved: &[Vec::new()],
            planned: &[PlannedLine { allocations: vec![at("store", 5)], unfilled: 0 }],
            may_backorder: &[false],
        };
        let (order, _) =
            conclude_placing(place(&till, &sold).unwrap(), chrono::DateTime::<chrono::Utc>::UNIX_EPOCH).unwrap();
        assert_eq!((order.lines[0].quantities.shipped, order.lines[0].allocations.len()), (5, 0));
        assert_eq!(order.status, OrderStatus::Completed);
        let short = PlacementPlan {
            reserved: &[Vec::new()],
            planned: &[PlannedLine { allocations: vec![at("store", 3)], unfilled: 2 }],
            may_backorder: &[false],
        };
        assert_eq!(unfillable(&short), Some(0));
        let refused = place(&till, &short).unwrap_err();
        assert_eq!(refused.code(), "insufficient_stock");
        assert_eq!(
            refused.to_string(),
            Error::InsufficientStock { sku: "MUG".into(), requested: 5, available: 3 }.to_string()
        );
    }

    #[test]
    fn cancelling_releases_the_newest_allocation_first_then_the_backorder() {
        let events = cancel_lines(&order(), &[LineQuantity { line_number: 1, quantity: 4 }]).unwrap();
        let released: Vec<(String, i64)> = events
            .iter()
            .filter_map(|event| match event {
                Event::StockReleased { location, quantity, .. } => Some((location.to_string(), *quantity)),
                _ => None,
            })
            .collect();
        assert_eq!(released, [("west".to_string(), 1), ("east".to_string(), 2)]);
        let Event::OrderLinesCancelled { lines, .. } = &events[0] else { panic!("{events:?}") };
        assert_eq!((lines[0].quantity, lines[0].from_backorder), (4, 1));
        let (after, events) = conclude(order(), events, "cancel lines of", chrono::DateTime::UNIX_EPOCH).unwrap();
        assert_eq!(
            after.lines[0].quantities,
            LineQuantities { ordered: 5, cancelled: 4, backordered: 1, ..LineQuantities::default() }
        );
        assert_eq!(after.status, OrderStatus::Backordered);
        assert!(matches!(events.last(), Some(Event::OrderStatusChanged { to: OrderStatus::Backordered, .. })));
        assert!(after.violations().is_empty(), "{:?}", after.violations());
    }

    #[test]
    fn a_rejected_allocation_is_re_routed_or_backordered() {
        let east = LocationId::new("east").unwrap();
        let mut events = reject_allocation(&order(), 1, &east).unwrap();
        assert!(matches!(&events[0], Event::AllocationRejected { quantity: 2, .. }));
        let north = LineAllocation { location: LocationId::new("north").unwrap(), quantity: 1 };
        events.extend(reroute(&order(), 1, &[north], 1));
        let (after, _) = conclude(order(), events, "re-route", chrono::DateTime::UNIX_EPOCH).unwrap();
        let places: Vec<(&str, i64)> =
            after.lines[0].allocations.iter().map(|a| (a.location.as_str(), a.quantity)).collect();
        assert_eq!(places, [("west", 1), ("north", 1)]);
        assert_eq!((after.lines[0].quantities.allocated, after.lines[0].quantities.backordered), (2, 3));
        assert!(after.violations().is_empty(), "{:?}", after.violations());
        let nowhere = reject_allocation(&order(), 1, &LocationId::new("south").unwrap()).unwrap_err();
        assert_eq!(nowhere.code(), "stock_level_not_found");
        assert_eq!(reject_allocation(&order(), 9, &east).unwrap_err().code(), "order_line_not_found");
    }

    #[test]
    fn what_the_graph_or_the_quantities_forbid_is_refused() {
        let too_many = cancel_lines(&order(), &[LineQuantity { line_number: 1, quantity: 6 }]).unwrap_err();
        assert_eq!((too_many.code(), too_many.field()), ("invalid_quantity", Some("lines[0].quantity")));
        let missing = cancel_lines(&order(), &[LineQuantity { line_number: 2, quantity: 1 }]).unwrap_err();
        assert_eq!(missing.code(), "order_line_not_found");
        assert_eq!(release(&order()).unwrap_err().code(), "illegal_transition");
        let (cancelled, _) =
            conclude(order(), cancel(&order(), Some("fraud")).unwrap(), "cancel", chrono::DateTime::UNIX_EPOCH)
                .unwrap();
        assert_eq!((cancelled.status, cancelled.cancel_reason.as_deref()), (OrderStatus::Cancelled, Some("fraud")));
        assert_eq!(hold(&cancelled, "late").unwrap_err().code(), "illegal_transition");
        assert_eq!(cancel(&cancelled, None).unwrap_err().code(), "illegal_transition");
    }

    #[test]
    fn only_an_order_that_reached_its_customer_completes() {
        assert_eq!(complete(&order()).unwrap_err().code(), "illegal_transition");
        let mut delivered = order();
        let line = &mut delivered.lines[0];
        line.quantities = LineQuantities { ordered: 5, shipped: 5, delivered: 5, ..LineQuantities::default() };
        line.allocations.clear();
        delivered.status = delivered.derived_status();
        assert_eq!(delivered.status, OrderStatus::Delivered);
        let at = chrono::DateTime::UNIX_EPOCH;
        let (completed, events) = conclude(delivered.clone(), complete(&delivered).unwrap(), "complete", at).unwrap();
        assert_eq!((completed.status, completed.completed_at), (OrderStatus::Completed, Some(at)));
        let names: Vec<&str> = events.iter().map(Event::name).collect();
        assert_eq!(names, ["order_completed", "order_status_changed"]);
        assert!(completed.violations().is_empty(), "{:?}", completed.violations());
        assert_eq!(complete(&completed).unwrap_err().code(), "illegal_transition");
    }
}
