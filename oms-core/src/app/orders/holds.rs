//! Holding an order and releasing the hold. A held order keeps its stock.

use super::{load_order, save_order};
use crate::app::{append_events, Oms};
use crate::domain::commands::{HoldOrder, ReleaseHold};
use crate::domain::order::{decide, Order};
use crate::kernel::error::Result;
use crate::kernel::ids::check_text;

impl Oms {
    /// Puts an order on hold; it keeps its stock until released or cancelled.
    pub fn hold_order(&self, command: HoldOrder) -> Result<Order> {
        check_text("reason", &command.reason)?;
        self.execute("hold_order", command.idempotency_key.as_ref(), &command, |tx, now| {
            let order = load_order(tx, &command.order_id)?;
            let events = decide::hold(&order, &command.reason)?;
            let (mut order, mut events) = decide::conclude(order, events, "hold", now)?;
            save_order(tx, &mut order, "hold", now, &mut events)?;
            append_events(tx, now, events).map(|()| order)
        })
    }

    /// Releases a hold; the order returns to the status its quantities imply.
    pub fn release_hold(&self, command: ReleaseHold) -> Result<Order> {
        self.execute("release_hold", command.idempotency_key.as_ref(), &command, |tx, now| {
            let order = load_order(tx, &command.order_id)?;
            let events = decide::release(&order)?;
            let (mut order, mut events) = decide::conclude(order, events, "release", now)?;
            save_order(tx, &mut order, "release", now, &mut events)?;
            append_events(tx, now, events).map(|()| order)
        })
    }
}
