//! A location gives back units of a shipment line it cannot send, found
//! missing or damaged while picking: they leave the shipment and the line's
//! allocation there, the stock is corrected (written off, or quarantined),
//! and the allocation engine places them again the way it re-routes a
//! rejected allocation (`app/orders/reroute.rs`); what it cannot place is
//! backordered when the line may wait, else cancelled.

use super::{load, load_order, Oms};
use crate::app::orders::{allocate_rerouted, save_order};
use crate::app::{allocating, append_events, reservations, StockChanges};
use crate::domain::catalog::Channel;
use crate::domain::catalog::Product;
use crate::domain::commands::RejectShipmentLine;
use crate::domain::events::Event;
use crate::domain::fulfilment::{decide, LineRejection, LineRejectionReason, ShipmentStatus};
use crate::domain::inventory;
use crate::domain::order::decide::conclude;
use crate::domain::order::{FulfilmentMethod, Order};
use crate::kernel::error::{positive_quantity, Entity, Error, Result};

const ACTION: &str = "reject a shipment line of";

impl Oms {
    /// A location cannot send `quantity` units of a line of a shipment being
    /// gathered (pending or picking), for `reason`: they leave the shipment
    /// (cancelled when nothing is left in it) and the line's allocation
    /// there; not found, on hand drops by them (a `not_found` movement);
    /// damaged, they move into quarantine (a `quarantine` movement). The
    /// allocation engine then places them at the channel's other locations;
    /// the rest is backordered when the product or channel allows it, else
    /// cancelled on the line (and the order cancelled when nothing is left).
    pub fn reject_shipment_line(&self, command: RejectShipmentLine) -> Result<LineRejection> {
        positive_quantity("quantity", command.quantity)?;
        self.execute("reject_shipment_line", command.idempotency_key.as_ref(), &command, |tx, now| {
            let mut shipment = load(tx, &command.shipment_id)?;
            let taken = shipment.take_units(command.line_number, command.quantity, now)?;
            let order = load_order(tx, &shipment.order_id)?;
            let mut events = decide::reject_line(&order, &shipment, &taken, command.reason)?;
            let channel =
                tx.channel(&order.channel)?.ok_or_else(|| Error::not_found(Entity::Channel, &order.channel))?;
            let product = tx.product(&taken.sku)?.ok_or_else(|| Error::not_found(Entity::Product, &taken.sku))?;
            let (sku, units, location) = (&taken.sku, taken.quantity, &shipment.location);
            let mut changes = StockChanges::default();
            // The units are placed from available stock: expired reservations give theirs back first.
            reservations::free_expired(tx, &[sku], now, &mut changes)?;
            changes.change(tx, sku, location, |level| inventory::release(level, units, &order.id, now))?;
            let reference = shipment.id.as_str();
            changes.change(tx, sku, location, |level| match command.reason {
                LineRejectionReason::NotFound => inventory::write_off_not_found(level, units, reference, now),
                LineRejectionReason::Damaged => inventory::quarantine_damaged(level, units, reference, now),
            })?;
            let planned = self.replan_units(tx, &order, &channel, sku, units, location, &mut changes, now)?;
            let may_backorder = may_backorder(&order, &channel, &product);
            events.extend(decide::place_rejected_units(
                &order,
                taken.line_number,
                &planned.allocations,
                planned.unfilled,
                may_backorder,
            ));
            let (mut order, mut events) = conclude(order, events, ACTION, now)?;
            allocate_rerouted(tx, &order, &events, &mut changes, now)?;
            if planned.unfilled > 0 && may_backorder {
                allocating::queue_backorder(tx, &order, taken.line_number, sku)?;
            }
            if shipment.status == ShipmentStatus::Cancelled {
                events.push(Event::ShipmentCancelled { shipment_id: shipment.id.clone(), order_id: order.id.clone() });
            }
            save_order(tx, &mut order, ACTION, now, &mut events)?;
            tx.put_shipment(&shipment)?;
            changes.write(tx)?;
            append_events(tx, now, events)?;
            let (backordered, cancelled) = match may_backorder {
                true => (planned.unfilled, 0),
                false => (0, planned.unfilled),
            };
            Ok(LineRejection {
                shipment,
                order,
                line_number: taken.line_number,
                sku: taken.sku,
                quantity: units,
                reason: command.reason,
                reallocated: planned.allocations,
                backordered,
                cancelled,
            })
        })
    }
}

/// Whether units of the line may wait for stock: as when the order was
/// placed, the product or the channel allows backorders (never at a till).
fn may_backorder(order: &Order, channel: &Channel, product: &Product) -> bool {
    order.fulfilment.method != FulfilmentMethod::PointOfSale && (product.backorderable || channel.allow_backorders)
}
