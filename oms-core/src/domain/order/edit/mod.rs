//! Deciding an edit of an order, pure, in two steps around the allocation
//! engine:
//!
//! 1. [`resolve`] checks the edit against the order and its shipments and
//!    makes every refusal but a shortage of stock: the order's status, lines
//!    that do not exist, lines already picked, quantities, the line limit,
//!    and discounts that no longer fit the repriced amounts. It returns the
//!    [`Edit`]: the lines changed, removed and added, the order repriced, the
//!    pending shipments to cancel, the units released (the rule of
//!    cancelling: newest allocation first, then the backorder) and the units
//!    still to allocate.
//! 2. The handler releases those units, plans the units to allocate through
//!    the engine, and [`decide`] turns the edit and the plan into events
//!    (refusing units that can be neither allocated nor backordered).
//!
//! A line is *affected* when its quantity changes or it is removed; a new
//! address or method affects every line. An affected line is *picked* once
//! a shipment holding it is past `pending` (and not cancelled) or units of
//! it shipped: the edit is then `line_picked`. Pending shipments holding an
//! affected line are cancelled, so that the line is gathered again.

mod price;

use super::{FulfilmentMethod, Order, OrderLine, OrderStatus};
use crate::domain::allocation::{LineDemand, PlannedLine};
use crate::domain::catalog::{Channel, Product};
use crate::domain::events::{ChangedLine, Event, RemovedLine};
use crate::domain::fulfilment::{Shipment, ShipmentStatus};
use crate::domain::order::commands::EditOrder;
use crate::domain::order::decide::take_units;
use crate::kernel::error::{Entity, Error, Result};
use crate::kernel::ids::{ShipmentId, Sku};
use crate::kernel::limits::ORDER_LINES_MAX;
use price::{added, reprice};

/// The statuses in which an order takes edits. The others have nothing
/// left to edit (cancelled, shipped, delivered, completed) or are collected
/// at a store already (ready for pickup, picked up).
const EDITABLE: &[OrderStatus] = &[
    OrderStatus::Placed,
    OrderStatus::Allocated,
    OrderStatus::PartiallyAllocated,
    OrderStatus::Backordered,
    OrderStatus::PartiallyShipped,
    OrderStatus::OnHold,
];

/// Refuses an edit of an order that takes none (`illegal_transition`):
/// a point-of-sale order (handed over at the till), or one whose status
/// is not in [`EDITABLE`]. Asked before anything else is read.
pub fn editable(order: &Order) -> Result<()> {
    let at_till = order.fulfilment.method == FulfilmentMethod::PointOfSale;
    if at_till || !EDITABLE.contains(&order.status) {
        let from = if at_till { format!("{} point-of-sale order", order.status) } else { order.status.to_string() };
        return Err(Error::IllegalTransition { action: "edit".into(), from });
    }
    Ok(())
}

/// What an edit is resolved against besides the order and the command.
#[derive(Debug, Clone, Copy)]
pub struct EditContext<'a> {
    /// The order's channel: the tax rates of added lines and the rounding.
    pub channel: &'a Channel,
    /// The products of the added lines, in their order.
    pub added_products: &'a [Product],
    /// Every shipment of the order.
    pub shipments: &'a [Shipment],
}

/// Units of a line the edit still has to allocate (or backorder).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Wanted {
    line_number: u32,
    sku: Sku,
    quantity: i64,
}

/// An edit resolved against its order: see the module's documentation.
#[derive(Debug, Clone)]
pub struct Edit {
    edited: Event,
    cancelled_shipments: Vec<ShipmentId>,
    released: Vec<Event>,
    wanted: Vec<Wanted>,
}

impl Edit {
    /// The `stock_released` events of the decreases and removals.
    pub fn released(&self) -> &[Event] {
        &self.released
    }

    /// The units to allocate, per line, for the allocation engine.
    pub fn demands(&self) -> Vec<LineDemand<'_>> {
        self.wanted.iter().map(|wanted| LineDemand { sku: &wanted.sku, quantity: wanted.quantity }).collect()
    }

    /// The pending shipments the edit cancels.
    pub fn cancelled_shipments(&self) -> &[ShipmentId] {
        &self.cancelled_shipments
    }
}

/// Resolves `command` against `order` (which [`editable`] accepted): every
/// refusal but a shortage of stock, in field order.
pub fn resolve(order: &Order, command: &EditOrder, context: &EditContext<'_>) -> Result<Edit> {
    let mut moves = Moves::default();
    let changed_lines = moves.changes(order, command, context.shipments)?;
    let removed_lines = moves.removals(order, command, context.shipments)?;
    let (shipping_address, shipping_method) = new_details(order, command, context.shipments)?;
    let mut added_lines = added(order, command, context)?;
    moves.wanted.extend(added_lines.iter().map(|line| Wanted {
        line_number: line.line_number,
        sku: line.sku.clone(),
        quantity: line.quantities.ordered,
    }));
    if moves.affected.is_empty() && added_lines.is_empty() && shipping_address.is_none() && shipping_method.is_none() {
        return Err(Error::invalid_input(
            first_named(command),
            "the edit changes nothing: every quantity, the address and the method are as they stand",
        ));
    }
    let kept = kept_lines(order, &changed_lines, command);
    let count = kept.len() + added_lines.len();
    if count > ORDER_LINES_MAX {
        let message = format!("an order has at most {ORDER_LINES_MAX} lines; the edit leaves {count}");
        return Err(Error::limit("add_lines", message));
    }
    if kept.iter().all(|line| line.quantities.open() == 0) && added_lines.is_empty() {
        return Err(Error::invalid_input("remove_lines", "an edit leaves at least one line with units not cancelled"));
    }
    let (repriced_lines, totals) = reprice(order, &kept, &added_lines, &moves.quantity_fields, context)?;
    // Priced after the kept lines: the added lines' amounts are the last ones.
    for (line, amounts) in added_lines.iter_mut().zip(repriced_lines.iter().skip(kept.len())) {
        line.order_discount_share = amounts.order_discount_share;
        line.shipping_share = amounts.shipping_share;
        line.tax = amounts.tax;
        line.total = amounts.total;
    }
    let previous_total = order.totals.total;
    let difference = totals.total.checked_sub(&previous_total)?;
    let cancelled_shipments = context
        .shipments
        .iter()
        .filter(|shipment| {
            shipment.status == ShipmentStatus::Pending
                && shipment.lines.iter().any(|line| moves.affected.contains(&line.line_number))
        })
        .map(|shipment| shipment.id.clone())
        .collect();
    let edited = Event::OrderEdited {
        order_id: order.id.clone(),
        changed_lines,
        removed_lines,
        added_lines,
        repriced_lines,
        totals: Box::new(totals),
        previous_total,
        difference,
        shipping_address: shipping_address.map(Box::new),
        shipping_method,
    };
    Ok(Edit { edited, cancelled_shipments, released: moves.released, wanted: moves.wanted })
}

/// What the changed and removed lines do to units, gathered while they are checked.
#[derive(Default)]
struct Moves {
    /// Lines whose quantity changes or that are removed.
    affected: Vec<u32>,
    released: Vec<Event>,
    wanted: Vec<Wanted>,
    /// Per changed line, the field its new quantity was given in.
    quantity_fields: Vec<(u32, String)>,
}

impl Moves {
    /// The lines whose ordered quantity changes (a quantity equal to the
    /// line's own is no change): each exists, is not picked, and keeps more
    /// units than it has cancelled. A decrease takes units as a
    /// cancellation does; an increase is wanted.
    fn changes(&mut self, order: &Order, command: &EditOrder, shipments: &[Shipment]) -> Result<Vec<ChangedLine>> {
        let mut changed = Vec::new();
        for (index, change) in command.change_lines.iter().enumerate() {
            let line = find(order, change.line_number)?;
            let ordered_before = line.quantities.ordered;
            if change.quantity == ordered_before {
                continue;
            }
            not_picked(order, line, shipments, &format!("change_lines[{index}].line_number"))?;
            let field = format!("change_lines[{index}].quantity");
            let cancelled = line.quantities.cancelled;
            if change.quantity <= cancelled {
                return Err(Error::invalid_quantity(
                    field,
                    format!(
                        "line {} has {cancelled} cancelled units: its ordered quantity must stay above them, got {}",
                        line.line_number, change.quantity
                    ),
                ));
            }
            let from_backorder = if change.quantity < ordered_before {
                take_units(&order.id, line, ordered_before - change.quantity, &mut self.released)
            } else {
                let quantity = change.quantity - ordered_before;
                self.wanted.push(Wanted { line_number: line.line_number, sku: line.sku.clone(), quantity });
                0
            };
            self.affected.push(line.line_number);
            self.quantity_fields.push((line.line_number, field));
            changed.push(ChangedLine {
                line_number: line.line_number,
                sku: line.sku.clone(),
                ordered_before,
                ordered_after: change.quantity,
                from_backorder,
            });
        }
        Ok(changed)
    }

    /// The lines removed: each exists and is not picked; its units not
    /// cancelled leave as a cancellation takes them.
    fn removals(&mut self, order: &Order, command: &EditOrder, shipments: &[Shipment]) -> Result<Vec<RemovedLine>> {
        let mut removed = Vec::with_capacity(command.remove_lines.len());
        for (index, line_number) in command.remove_lines.iter().enumerate() {
            let line = find(order, *line_number)?;
            not_picked(order, line, shipments, &format!("remove_lines[{index}]"))?;
            let open = line.quantities.allocated + line.quantities.backordered;
            let from_backorder = take_units(&order.id, line, open, &mut self.released);
            self.affected.push(line.line_number);
            removed.push(RemovedLine {
                line_number: line.line_number,
                sku: line.sku.clone(),
                ordered: line.quantities.ordered,
                cancelled: line.quantities.cancelled,
                from_backorder,
            });
        }
        Ok(removed)
    }
}

/// The address and method the edit changes (one equal to the order's own
/// is no change); refused once any shipment of the order is past `pending`.
fn new_details(
    order: &Order,
    command: &EditOrder,
    shipments: &[Shipment],
) -> Result<(Option<crate::domain::address::Address>, Option<String>)> {
    let address = command.shipping_address.clone().filter(|address| order.shipping_address.as_ref() != Some(address));
    let method = command.shipping_method.clone().filter(|method| order.shipping_method.as_ref() != Some(method));
    for (changes, field) in [(address.is_some(), "shipping_address"), (method.is_some(), "shipping_method")] {
        if let Some(shipment) = shipments.iter().find(|shipment| changes && past_pending(shipment)) {
            let line_number = shipment.lines.first().map_or(0, |line| line.line_number);
            return Err(picked(order, line_number, Some(shipment), field));
        }
    }
    Ok((address, method))
}

/// The order's lines the edit keeps, in their order, at their new ordered quantities.
fn kept_lines(order: &Order, changed: &[ChangedLine], command: &EditOrder) -> Vec<OrderLine> {
    order
        .lines
        .iter()
        .filter(|line| !command.remove_lines.contains(&line.line_number))
        .map(|line| {
            let mut line = line.clone();
            if let Some(change) = changed.iter().find(|change| change.line_number == line.line_number) {
                line.quantities.ordered = change.ordered_after;
            }
            line
        })
        .collect()
}

/// The events of a resolved edit, given the engine's plan for its units to
/// allocate (one planned line per demand, in order) and, per demand,
/// whether what the plan leaves over may wait as a backorder:
/// `order_edited`, `shipment_cancelled` for each pending shipment holding an
/// affected line, `stock_released`, then per demand `stock_allocated` and
/// `line_backordered`. Units that may not wait refuse the edit as
/// `insufficient_stock`.
pub fn decide(edit: Edit, planned: &[PlannedLine], may_backorder: &[bool]) -> Result<Vec<Event>> {
    let Edit { edited, cancelled_shipments, released, wanted } = edit;
    for ((wanted, planned), may) in wanted.iter().zip(planned).zip(may_backorder) {
        if planned.unfilled > 0 && !may {
            return Err(Error::InsufficientStock {
                sku: wanted.sku.to_string(),
                requested: wanted.quantity,
                available: wanted.quantity - planned.unfilled,
            });
        }
    }
    let Some(order_id) = super::evolve::order_of(&edited).cloned() else {
        return Err(Error::Internal { message: "an edit about no order".into() });
    };
    let mut events = vec![edited];
    events.extend(
        cancelled_shipments
            .into_iter()
            .map(|shipment_id| Event::ShipmentCancelled { shipment_id, order_id: order_id.clone() }),
    );
    events.extend(released);
    for (wanted, planned) in wanted.iter().zip(planned) {
        events.extend(planned.allocations.iter().map(|allocation| Event::StockAllocated {
            order_id: order_id.clone(),
            line_number: wanted.line_number,
            sku: wanted.sku.clone(),
            location: allocation.location.clone(),
            quantity: allocation.quantity,
            from_backorder: false,
        }));
        if planned.unfilled > 0 {
            events.push(Event::LineBackordered {
                order_id: order_id.clone(),
                line_number: wanted.line_number,
                sku: wanted.sku.clone(),
                quantity: planned.unfilled,
            });
        }
    }
    Ok(events)
}

fn find(order: &Order, line_number: u32) -> Result<&OrderLine> {
    order
        .lines
        .iter()
        .find(|line| line.line_number == line_number)
        .ok_or_else(|| Error::not_found(Entity::OrderLine, format!("{} line {line_number}", order.id)))
}

/// Whether a shipment's goods are being picked, were handed to a partner or
/// have left (a cancelled shipment, or a pickup that expired, gave its units back).
fn past_pending(shipment: &Shipment) -> bool {
    !matches!(shipment.status, ShipmentStatus::Pending | ShipmentStatus::Cancelled | ShipmentStatus::PickupExpired)
}

fn picked(order: &Order, line_number: u32, shipment: Option<&Shipment>, field: &str) -> Error {
    Error::LinePicked {
        field: field.into(),
        order_id: order.id.to_string(),
        line_number,
        shipment_id: shipment.map(|shipment| shipment.id.to_string()),
    }
}

/// Refuses to touch a line that a shipment past `pending` holds, or that has shipped units.
fn not_picked(order: &Order, line: &OrderLine, shipments: &[Shipment], field: &str) -> Result<()> {
    let holding = shipments.iter().find(|shipment| {
        past_pending(shipment) && shipment.lines.iter().any(|held| held.line_number == line.line_number)
    });
    if holding.is_some() || line.quantities.shipped > 0 {
        return Err(picked(order, line.line_number, holding, field));
    }
    Ok(())
}

/// The field an edit that changes nothing is refused on: the first part it names.
fn first_named(command: &EditOrder) -> String {
    if !command.change_lines.is_empty() {
        "change_lines[0].quantity".into()
    } else if command.shipping_address.is_some() {
        "shipping_address".into()
    } else {
        "shipping_method".into()
    }
}

#[cfg(test)]
mod tests;
