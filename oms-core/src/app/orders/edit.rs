//! Editing an order until the lines it touches are picked: load the order,
//! its channel, the added lines' products and the order's shipments; let
//! `domain::order::edit` resolve the edit; release the units it gives back
//! (so that they can fill what it adds), plan what it adds through the
//! allocation engine along the order's routing; decide, evolve, then move
//! the stock the events name and stage the order, the cancelled shipments,
//! the backorders and the events.

use std::collections::BTreeSet;

use super::{load_order, save_order};
use crate::app::records::Records;
use crate::app::{allocating, append_events, reservations, Oms, StockChanges};
use crate::domain::catalog::{Channel, Product};
use crate::domain::commands::EditOrder;
use crate::domain::events::Event;
use crate::domain::fulfilment::ShipmentStatus;
use crate::domain::inventory;
use crate::domain::order::edit::{self, Edit, EditContext};
use crate::domain::order::{decide, Order};
use crate::kernel::error::{Entity, Error, Result};
use crate::kernel::ids::{LocationId, Sku};
use crate::kernel::time::Timestamp;

impl Oms {
    /// Edits an order until the lines it touches are picked: adds lines,
    /// changes quantities (the new ordered quantity), removes lines, changes
    /// the shipping address or method, in one command. Units it gives back
    /// are released as a cancellation releases them (newest allocation
    /// first, then the backorder); units it adds are allocated through the
    /// order's routing, or backordered when the product or channel allows
    /// it (else `insufficient_stock`, and nothing changes). The order is
    /// repriced exactly and its `order_edited` event records the total
    /// before and after and their difference, which `order_payments` then
    /// shows as the balance. Pending shipments holding a changed or removed
    /// line are cancelled. A line in a shipment past `pending`, or with
    /// units shipped, is `line_picked`.
    pub fn edit_order(&self, command: EditOrder) -> Result<Order> {
        let command = command.normalized()?;
        self.execute("edit_order", command.idempotency_key.as_ref(), &command, |tx, now| {
            let order = load_order(tx, &command.order_id)?;
            edit::editable(&order)?;
            let channel =
                tx.channel(&order.channel)?.ok_or_else(|| Error::not_found(Entity::Channel, &order.channel))?;
            let skus: Vec<&Sku> = command.add_lines.iter().map(|line| &line.sku).collect();
            let added_products = products(tx, &skus)?;
            let mut shipments = tx.shipments_of(&order.id)?;
            let context = EditContext { channel: &channel, added_products: &added_products, shipments: &shipments };
            let resolved = edit::resolve(&order, &command, &context)?;
            let mut changes = StockChanges::default();
            // Units the edit gives back first: they may fill what it adds.
            for event in resolved.released() {
                if let Event::StockReleased { order_id, sku, location, quantity, .. } = event {
                    changes.change(tx, sku, location, |level| inventory::release(level, *quantity, order_id, now))?;
                }
            }
            let cancelled = resolved.cancelled_shipments().to_vec();
            let events = self.allocate_edit(tx, &order, &channel, resolved, &mut changes, now)?;
            let shipping_from: BTreeSet<LocationId> =
                order.lines.iter().flat_map(|line| line.allocations.iter().map(|a| a.location.clone())).collect();
            let (mut order, mut events) = decide::conclude(order, events, "edit", now)?;
            let mut new_locations = BTreeSet::new();
            let mut backordered = BTreeSet::new();
            for event in &events {
                match event {
                    Event::StockAllocated { sku, location, quantity, .. } => {
                        let id = &order.id;
                        changes.change(tx, sku, location, |level| inventory::allocate(level, *quantity, id, now))?;
                        if !shipping_from.contains(location) {
                            new_locations.insert(location.clone());
                        }
                    }
                    Event::LineBackordered { line_number, sku, .. } => {
                        backordered.insert((*line_number, sku.clone()));
                    }
                    _ => {}
                }
            }
            for shipment in shipments.iter_mut().filter(|shipment| cancelled.contains(&shipment.id)) {
                shipment.advance(ShipmentStatus::Cancelled, "cancel", now)?;
                tx.put_shipment(shipment)?;
            }
            for (line_number, sku) in &backordered {
                allocating::queue_backorder(tx, &order, *line_number, sku)?;
            }
            allocating::count_shipments(tx, &new_locations.iter().collect::<Vec<_>>(), now.date_naive())?;
            save_order(tx, &mut order, "edit", now, &mut events)?;
            changes.write(tx)?;
            append_events(tx, now, events)?;
            Ok(order)
        })
    }

    /// Plans the units a resolved edit adds along the order's routing
    /// (reservations whose time is up give theirs back first) and decides
    /// the edit's events: what the plan leaves over is backordered when the
    /// product or channel allows it, else the edit is `insufficient_stock`.
    fn allocate_edit(
        &self,
        tx: &mut dyn Records,
        order: &Order,
        channel: &Channel,
        resolved: Edit,
        changes: &mut StockChanges,
        now: Timestamp,
    ) -> Result<Vec<Event>> {
        let demands = resolved.demands();
        if demands.is_empty() {
            return edit::decide(resolved, &[], &[]);
        }
        let skus: Vec<&Sku> = demands.iter().map(|demand| demand.sku).collect();
        reservations::free_expired(tx, &reservations::sorted_skus(&skus), now, changes)?;
        let fulfilment = &order.fulfilment;
        let routing = self.routing(tx, channel, fulfilment.location.as_ref(), fulfilment.ship_to_region.as_deref())?;
        let plan = self.plan_lines(tx, channel, &routing, &demands, changes, now.date_naive(), None, false)?;
        let may_backorder: Vec<bool> = tx
            .products(&skus)?
            .iter()
            .map(|product| channel.allow_backorders || product.as_ref().is_some_and(|product| product.backorderable))
            .collect();
        drop(demands);
        edit::decide(resolved, &plan.lines, &may_backorder)
    }
}

/// The products of `skus`, in their order (`product_not_found` for the first unknown one).
fn products(tx: &mut dyn Records, skus: &[&Sku]) -> Result<Vec<Product>> {
    let found = tx.products(skus)?;
    found
        .into_iter()
        .zip(skus)
        .map(|(product, sku)| product.ok_or_else(|| Error::not_found(Entity::Product, sku)))
        .collect()
}
