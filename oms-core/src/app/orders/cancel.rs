//! Cancelling an order, whole or some units of some lines: the units not
//! yet shipped are released, newest allocation first, or taken off the
//! backorder.

use std::collections::HashSet;

use super::{load_order, save_order};
use crate::app::{append_events, Oms, StockChanges};
use crate::domain::commands::{CancelLines, CancelOrder};
use crate::domain::events::{CancelledLine, Event};
use crate::domain::inventory;
use crate::domain::order::{Order, OrderStatus};
use crate::kernel::error::{positive_quantity, Entity, Error, Result};
use crate::kernel::ids::check_text;
use crate::kernel::limits::ORDER_LINES_MAX;
use crate::kernel::time::Timestamp;
use crate::storage::Transaction;

impl Oms {
    /// Cancels every unit that has not shipped and releases its stock.
    pub fn cancel_order(&self, command: CancelOrder) -> Result<Order> {
        if let Some(reason) = &command.reason {
            check_text("reason", reason)?;
        }
        self.execute("cancel_order", command.idempotency_key.as_ref(), &command, |tx, now| {
            let mut order = load_order(tx, &command.order_id)?;
            if !order.status.is_cancellable() {
                return Err(Error::IllegalTransition { action: "cancel".into(), from: order.status.to_string() });
            }
            let mut changes = StockChanges::default();
            let mut events = Vec::new();
            let mut cancelled = Vec::new();
            for index in 0..order.lines.len() {
                let quantities = order.lines[index].quantities;
                let open = quantities.allocated + quantities.backordered;
                if open > 0 {
                    cancelled.push(cancel_units(tx, &mut order, index, open, &mut changes, &mut events, now)?);
                }
            }
            order.hold_reason = None;
            order.cancel_reason = command.reason.clone();
            events.insert(0, Event::OrderLinesCancelled { order_id: order.id.clone(), lines: cancelled });
            events.insert(1, Event::OrderCancelled { order_id: order.id.clone(), reason: command.reason.clone() });
            save_order(tx, &mut order, "cancel", now, &mut events)?;
            changes.write(tx)?;
            append_events(tx, now, &events)?;
            Ok(order)
        })
    }

    /// Cancels some units of some lines and releases their stock. Each line
    /// may appear once; its quantity may not exceed what is not yet shipped.
    pub fn cancel_lines(&self, command: CancelLines) -> Result<Order> {
        check_cancel_lines(&command)?;
        self.execute("cancel_lines", command.idempotency_key.as_ref(), &command, |tx, now| {
            let mut order = load_order(tx, &command.order_id)?;
            if !order.status.is_cancellable() {
                return Err(Error::IllegalTransition {
                    action: "cancel lines of".into(),
                    from: order.status.to_string(),
                });
            }
            let mut changes = StockChanges::default();
            let mut events = Vec::new();
            let mut cancelled = Vec::with_capacity(command.lines.len());
            for (position, request) in command.lines.iter().enumerate() {
                let index =
                    order.lines.iter().position(|line| line.line_number == request.line_number).ok_or_else(|| {
                        Error::not_found(Entity::OrderLine, format!("{} line {}", order.id, request.line_number))
                    })?;
                let quantities = order.lines[index].quantities;
                let open = quantities.allocated + quantities.backordered;
                if request.quantity > open {
                    return Err(Error::invalid_quantity(
                        format!("lines[{position}].quantity"),
                        format!(
                            "line {} has {open} cancellable units, asked to cancel {}",
                            request.line_number, request.quantity
                        ),
                    ));
                }
                cancelled.push(cancel_units(tx, &mut order, index, request.quantity, &mut changes, &mut events, now)?);
            }
            events.insert(0, Event::OrderLinesCancelled { order_id: order.id.clone(), lines: cancelled });
            if order.derived_status() == OrderStatus::Cancelled {
                order.hold_reason = None;
            }
            save_order(tx, &mut order, "cancel lines of", now, &mut events)?;
            changes.write(tx)?;
            append_events(tx, now, &events)?;
            Ok(order)
        })
    }
}

fn check_cancel_lines(command: &CancelLines) -> Result<()> {
    if command.lines.is_empty() {
        return Err(Error::invalid_input("lines", "name at least one line to cancel"));
    }
    if command.lines.len() > ORDER_LINES_MAX {
        return Err(Error::limit("lines", format!("at most {ORDER_LINES_MAX} lines")));
    }
    let mut seen = HashSet::new();
    for (position, line) in command.lines.iter().enumerate() {
        positive_quantity("quantity", line.quantity).map_err(|e| e.at(format!("lines[{position}].quantity")))?;
        if !seen.insert(line.line_number) {
            return Err(Error::invalid_input(
                format!("lines[{position}].line_number"),
                format!("line {} is named twice", line.line_number),
            ));
        }
    }
    Ok(())
}

/// Releases `quantity` units of line `index`, newest allocation first.
fn cancel_units(
    tx: &mut dyn Transaction,
    order: &mut Order,
    index: usize,
    quantity: i64,
    changes: &mut StockChanges,
    events: &mut Vec<Event>,
    now: Timestamp,
) -> Result<CancelledLine> {
    let order_id = order.id.clone();
    let line = &mut order.lines[index];
    let mut remaining = quantity;
    while remaining > 0 {
        let Some(allocation) = line.allocations.last_mut() else { break };
        let take = remaining.min(allocation.quantity);
        changes.change(tx, &line.sku, &allocation.location, |level| inventory::release(level, take, &order_id, now))?;
        events.push(Event::StockReleased {
            order_id: order_id.clone(),
            line_number: line.line_number,
            sku: line.sku.clone(),
            location: allocation.location.clone(),
            quantity: take,
        });
        allocation.quantity -= take;
        line.quantities.allocated -= take;
        remaining -= take;
        if allocation.quantity == 0 {
            line.allocations.pop();
        }
    }
    // Whatever was not allocated was backordered.
    line.quantities.backordered -= remaining;
    line.quantities.cancelled += quantity;
    Ok(CancelledLine { line_number: line.line_number, quantity, from_backorder: remaining })
}
