//! Cancelling an order, whole or some units of some lines: the units not
//! yet shipped are released, newest allocation first, or taken off the
//! backorder.

use std::collections::HashSet;

use super::{load_order, save_order};
use crate::app::records::Records;
use crate::app::{append_events, Oms, StockChanges};
use crate::domain::commands::{CancelLines, CancelOrder};
use crate::domain::events::Event;
use crate::domain::inventory;
use crate::domain::order::{decide, Order};
use crate::kernel::error::{positive_quantity, Error, Result};
use crate::kernel::ids::check_text;
use crate::kernel::limits::ORDER_LINES_MAX;
use crate::kernel::time::Timestamp;

impl Oms {
    /// Cancels every unit that has not shipped and releases its stock.
    pub fn cancel_order(&self, command: CancelOrder) -> Result<Order> {
        if let Some(reason) = &command.reason {
            check_text("reason", reason)?;
        }
        self.execute("cancel_order", command.idempotency_key.as_ref(), &command, |tx, now| {
            let order = load_order(tx, &command.order_id)?;
            let events = decide::cancel(&order, command.reason.as_deref())?;
            store_cancellation(tx, order, events, "cancel", now)
        })
    }

    /// Cancels some units of some lines and releases their stock. Each line
    /// may appear once; its quantity may not exceed what is not yet shipped.
    pub fn cancel_lines(&self, command: CancelLines) -> Result<Order> {
        check_cancel_lines(&command)?;
        self.execute("cancel_lines", command.idempotency_key.as_ref(), &command, |tx, now| {
            let order = load_order(tx, &command.order_id)?;
            let events = decide::cancel_lines(&order, &command.lines)?;
            store_cancellation(tx, order, events, "cancel lines of", now)
        })
    }
}

/// Evolves the order through a decided cancellation, releases the stock its
/// `stock_released` events name, and stores both with the events.
fn store_cancellation(
    tx: &mut dyn Records,
    order: Order,
    events: Vec<Event>,
    action: &str,
    now: Timestamp,
) -> Result<Order> {
    let (mut order, mut events) = decide::conclude(order, events, action, now)?;
    let mut changes = StockChanges::default();
    for event in &events {
        if let Event::StockReleased { order_id, sku, location, quantity, .. } = event {
            changes.change(tx, sku, location, |level| inventory::release(level, *quantity, order_id, now))?;
        }
    }
    save_order(tx, &mut order, action, now, &mut events)?;
    changes.write(tx)?;
    append_events(tx, now, events)?;
    Ok(order)
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
