//! Closing an order whose every unit reached the customer.

use super::{load_order, save_order};
use crate::app::{append_events, Oms};
use crate::domain::commands::CompleteOrder;
use crate::domain::order::{decide, Order};
use crate::domain::payment::OrderPayments;
use crate::kernel::error::Result;

impl Oms {
    /// Closes a `delivered` or `picked_up` order: it becomes `completed`.
    /// When payments are recorded for the order, what was authorized must
    /// have been captured first (`payment_required` while the order is
    /// `unpaid`, `authorized` or `partially_paid`); an order with no tender
    /// recorded was paid outside the library and closes as it is.
    pub fn complete_order(&self, command: CompleteOrder) -> Result<Order> {
        self.execute("complete_order", command.idempotency_key.as_ref(), &command, |tx, now| {
            let order = load_order(tx, &command.order_id)?;
            let events = decide::complete(&order)?;
            OrderPayments::of(order.id.clone(), order.totals.total, tx.payments_of(&order.id)?)?
                .require_settled("order_id")?;
            let (mut order, mut events) = decide::conclude(order, events, "complete", now)?;
            save_order(tx, &mut order, "complete", now, &mut events)?;
            append_events(tx, now, events).map(|()| order)
        })
    }
}
