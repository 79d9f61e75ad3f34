//! Pickup at the store: a picked shipment of a pickup order, at its pickup
//! store, waits at the counter for the channel's window
//! (`ready_for_pickup`); the customer collects it (`confirm_pickup`: on hand
//! and allocated drop, the lines count the units shipped and delivered), or
//! the store's clock passes the window and a sweep gives the units back
//! (`expire_pickups`: released and cancelled on the order).

use chrono::TimeDelta;

use super::{capture_event, load, load_order, require_payment, Oms};
use crate::app::orders::save_order;
use crate::app::records::Records;
use crate::app::{append_events, StockChanges};
use crate::domain::commands::ShipmentStep;
use crate::domain::events::Event;
use crate::domain::fulfilment::{decide, Shipment, ShipmentStatus};
use crate::domain::inventory;
use crate::domain::order::decide::conclude;
use crate::kernel::error::{Entity, Error, Result};
use crate::kernel::ids::{OrderId, Sku};
use crate::kernel::limits::{PICKUP_EXPIRY_BATCH_MAX, PICKUP_WINDOW_HOURS_MAX};
use crate::kernel::time::Timestamp;

const READY: &str = "make ready for pickup";
const HAND_OVER: &str = "hand over";
const EXPIRE: &str = "expire the pickup of";

impl Oms {
    /// A picked shipment waits at the pickup counter until the channel's
    /// `pickup_window_hours` have passed (`pickup_expires_at`); the order's
    /// lines count its units ready, and the order is `ready_for_pickup` once
    /// every unit not yet collected is. Only a pickup order's shipment at its
    /// pickup store can be: any other is `illegal_transition`.
    pub fn ready_for_pickup(&self, command: ShipmentStep) -> Result<Shipment> {
        self.execute("ready_for_pickup", command.idempotency_key.as_ref(), &command, |tx, now| {
            let mut shipment = load(tx, &command.shipment_id)?;
            let order = load_order(tx, &shipment.order_id)?;
            let channel =
                tx.channel(&order.channel)?.ok_or_else(|| Error::not_found(Entity::Channel, &order.channel))?;
            // A channel is read on the trusted path: keep its window within the limits anyway.
            let expires_at = now + TimeDelta::hours(channel.pickup_window_hours.clamp(1, PICKUP_WINDOW_HOURS_MAX));
            let events = decide::ready_for_pickup(&order, &shipment, expires_at)?;
            shipment.advance(ShipmentStatus::ReadyForPickup, READY, now)?;
            shipment.pickup_expires_at = Some(expires_at);
            let (mut order, mut events) = conclude(order, events, READY, now)?;
            save_order(tx, &mut order, READY, now, &mut events)?;
            tx.put_shipment(&shipment)?;
            append_events(tx, now, events)?;
            Ok(shipment)
        })
    }

    /// The customer collected a shipment that was ready for pickup: on hand
    /// and allocated drop at the store (a `pickup` movement per line), the
    /// order's lines count the units shipped and delivered, and the order is
    /// `picked_up` once every unit is. Refused before the shipment is ready,
    /// while the order is on hold or cancelled, when the channel requires
    /// payment first and the order is not paid, or when a line no longer has
    /// the units allocated there.
    pub fn confirm_pickup(&self, command: ShipmentStep) -> Result<Shipment> {
        self.execute("confirm_pickup", command.idempotency_key.as_ref(), &command, |tx, now| {
            let mut shipment = load(tx, &command.shipment_id)?;
            let order = load_order(tx, &shipment.order_id)?;
            let events = decide::hand_over(&order, &shipment)?;
            require_payment(tx, &order)?;
            shipment.advance(ShipmentStatus::PickedUp, HAND_OVER, now)?;
            let mut changes = StockChanges::default();
            changes.load_skus(tx, &sorted_skus(std::slice::from_ref(&shipment)))?;
            for line in &shipment.lines {
                changes.change(tx, &line.sku, &shipment.location, |level| {
                    inventory::hand_over(level, line.quantity, &order.id, now)
                })?;
            }
            // On a channel that captures on shipment, goods handed over at the counter are paid for then.
            let channel =
                tx.channel(&order.channel)?.ok_or_else(|| Error::not_found(Entity::Channel, &order.channel))?;
            let capture = match channel.capture_on_shipment {
                true => Some(capture_event(tx, &order, &shipment)?),
                false => None,
            };
            let (mut order, mut events) = conclude(order, events, HAND_OVER, now)?;
            save_order(tx, &mut order, HAND_OVER, now, &mut events)?;
            events.extend(capture);
            tx.put_shipment(&shipment)?;
            changes.write(tx)?;
            append_events(tx, now, events)?;
            Ok(shipment)
        })
    }

    /// Expires, by the store's clock, the shipments ready for pickup whose
    /// `pickup_expires_at` has passed (at most `PICKUP_EXPIRY_BATCH_MAX` per
    /// call, soonest first; call again while it returns a full batch): each
    /// becomes `pickup_expired`, its units still allocated at the store are
    /// released and cancelled on the order, and an order left with nothing
    /// is cancelled (`cancel_reason` `pickup_expired`). Returns the expired
    /// shipments; none when nothing is due.
    pub fn expire_pickups(&self) -> Result<Vec<Shipment>> {
        self.execute("expire_pickups", None, &(), |tx, now| {
            let due = due_pickups(tx, now)?;
            if due.is_empty() {
                return Ok(Vec::new());
            }
            // As every command does, the records first (their orders, in id
            // order), then every stock row the sweep touches, in one SKU order.
            let mut orders: Vec<&OrderId> = due.iter().map(|shipment| &shipment.order_id).collect();
            orders.sort();
            orders.dedup();
            for id in orders {
                load_order(tx, id)?;
            }
            let mut changes = StockChanges::default();
            changes.load_skus(tx, &sorted_skus(&due))?;
            let mut events = Vec::new();
            let mut expired = Vec::with_capacity(due.len());
            for mut shipment in due {
                let order = load_order(tx, &shipment.order_id)?;
                let decided = decide::expire_pickup(&order, &shipment)?;
                shipment.advance(ShipmentStatus::PickupExpired, EXPIRE, now)?;
                let (mut order, mut decided) = conclude(order, decided, EXPIRE, now)?;
                for event in &decided {
                    if let Event::StockReleased { order_id, sku, location, quantity, .. } = event {
                        changes
                            .change(tx, sku, location, |level| inventory::release(level, *quantity, order_id, now))?;
                    }
                }
                save_order(tx, &mut order, EXPIRE, now, &mut decided)?;
                tx.put_shipment(&shipment)?;
                events.extend(decided);
                expired.push(shipment);
            }
            changes.write(tx)?;
            append_events(tx, now, events)?;
            Ok(expired)
        })
    }
}

/// The shipments ready for pickup whose time is up at `now`, soonest first
/// (then by id), at most a batch.
fn due_pickups(tx: &mut dyn Records, now: Timestamp) -> Result<Vec<Shipment>> {
    let mut due: Vec<Shipment> = tx
        .shipments_in(ShipmentStatus::ReadyForPickup)?
        .into_iter()
        .filter(|shipment| shipment.pickup_expires_at.is_some_and(|at| at <= now))
        .collect();
    due.sort_by(|a, b| (a.pickup_expires_at, &a.id).cmp(&(b.pickup_expires_at, &b.id)));
    due.truncate(PICKUP_EXPIRY_BATCH_MAX);
    Ok(due)
}

/// The SKUs of some shipments, sorted, each once.
fn sorted_skus(shipments: &[Shipment]) -> Vec<&Sku> {
    let mut skus: Vec<&Sku> =
        shipments.iter().flat_map(|shipment| shipment.lines.iter().map(|line| &line.sku)).collect();
    skus.sort();
    skus.dedup();
    skus
}
