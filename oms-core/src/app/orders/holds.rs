//! Holding an order and releasing the hold. A held order keeps its stock.

use super::{load_order, save_order};
use crate::app::{append_events, Oms};
use crate::domain::commands::{HoldOrder, ReleaseHold};
use crate::domain::events::Event;
use crate::domain::order::{Order, OrderStatus};
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::check_text;

impl Oms {
    /// Puts an order on hold; it keeps its stock until released or cancelled.
    pub fn hold_order(&self, command: HoldOrder) -> Result<Order> {
        check_text("reason", &command.reason)?;
        self.execute("hold_order", command.idempotency_key.as_ref(), &command, |tx, now| {
            let mut order = load_order(tx, &command.order_id)?;
            if !order.status.can_become(OrderStatus::OnHold) {
                return Err(Error::IllegalTransition { action: "hold".into(), from: order.status.to_string() });
            }
            order.hold_reason = Some(command.reason.clone());
            let mut events = vec![Event::OrderHeld { order_id: order.id.clone(), reason: command.reason.clone() }];
            save_order(tx, &mut order, "hold", now, &mut events)?;
            append_events(tx, now, &events).map(|()| order)
        })
    }

    /// Releases a hold; the order returns to the status its quantities imply.
    pub fn release_hold(&self, command: ReleaseHold) -> Result<Order> {
        self.execute("release_hold", command.idempotency_key.as_ref(), &command, |tx, now| {
            let mut order = load_order(tx, &command.order_id)?;
            if order.status != OrderStatus::OnHold {
                return Err(Error::IllegalTransition { action: "release".into(), from: order.status.to_string() });
            }
            order.hold_reason = None;
            let mut events = vec![Event::OrderReleased { order_id: order.id.clone() }];
            save_order(tx, &mut order, "release", now, &mut events)?;
            append_events(tx, now, &events).map(|()| order)
        })
    }
}
