//! Order commands and queries, a file per family: placing an order and
//! planning its allocation (`place`), re-routing an allocation a location
//! could not fill (`reroute`), cancelling (`cancel`), editing (`edit`),
//! holding and releasing (`holds`), closing (`complete`), and reading (`queries`). What they
//! share is here: loading an order, finding a line, and storing a changed
//! order through the status graph.

mod cancel;
mod complete;
mod edit;
mod holds;
mod place;
mod queries;
mod reroute;

use crate::app::records::Records;
use crate::domain::events::Event;
use crate::domain::order::Order;
use crate::kernel::error::{Entity, Error, Result};
use crate::kernel::ids::OrderId;
use crate::kernel::time::Timestamp;

pub use place::AllocationPlan;
pub(super) use queries::audit_orders;
pub use queries::OrderPage;
pub(crate) use reroute::allocate_rerouted;

fn load_order(tx: &mut dyn Records, id: &OrderId) -> Result<Order> {
    tx.order(id)?.ok_or_else(|| Error::not_found(Entity::Order, id))
}

/// Stores a changed order with its next version, after checking its status
/// change against the graph and its invariants.
pub(crate) fn save_order(
    tx: &mut dyn Records,
    order: &mut Order,
    action: &str,
    now: Timestamp,
    events: &mut Vec<Event>,
) -> Result<()> {
    if let Some((from, to)) = order.settle_status(action)? {
        events.push(Event::OrderStatusChanged { order_id: order.id.clone(), from, to });
    }
    let violations = order.violations();
    if !violations.is_empty() {
        return Err(Error::storage(format!("refusing to store an unsound order: {}", violations.join("; "))));
    }
    order.version += 1;
    order.updated_at = now;
    tx.put_order(order)
}
