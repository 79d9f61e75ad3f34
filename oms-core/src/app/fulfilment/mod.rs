//! Shipments: gathered from an order's allocations, one per location (or
//! some units by hand, `create.rs`), then picked, packed, shipped (on hand
//! drops, the order's lines count the units shipped) and delivered; or, for
//! a pickup order at its store, made ready, collected or expired
//! (`pickup.rs`); a location may give back units of a line it cannot send
//! (`rejection.rs`). Each step is load, decide, evolve, stage.

mod create;
mod pickup;
mod rejection;

use super::orders::save_order;
use super::{append_events, Oms, StockChanges};
use crate::app::records::Records;
use crate::domain::commands::{ConfirmDelivery, HandOverShipment, PackShipment, ShipShipment, ShipmentStep};
use crate::domain::events::Event;
use crate::domain::fulfilment::decide::{check_order_may_move, check_still_allocated};
use crate::domain::fulfilment::handoff::{capture_request, shipment_value};
use crate::domain::fulfilment::{
    check_hand_off, check_parcels, check_partner_text, PickList, Shipment, ShipmentStatus,
};
use crate::domain::inventory;
use crate::domain::order::evolve::evolve;
use crate::domain::order::Order;
use crate::domain::payment::OrderPayments;
use crate::kernel::error::{Entity, Error, Result};
use crate::kernel::ids::{LocationId, OrderId, ShipmentId};
use crate::kernel::time::Timestamp;

fn load(tx: &mut dyn Records, id: &ShipmentId) -> Result<Shipment> {
    tx.shipment(id)?.ok_or_else(|| Error::not_found(Entity::Shipment, id))
}

fn load_order(tx: &mut dyn Records, id: &OrderId) -> Result<Order> {
    tx.order(id)?.ok_or_else(|| Error::not_found(Entity::Order, id))
}

/// Refuses to let goods leave before the order is paid when its channel
/// requires it (`payment_required`, about `shipment_id`).
fn require_payment(tx: &mut dyn Records, order: &Order) -> Result<()> {
    let channel = tx.channel(&order.channel)?.ok_or_else(|| Error::not_found(Entity::Channel, &order.channel))?;
    if !channel.require_payment_before_shipping {
        return Ok(());
    }
    OrderPayments::of(order.id.clone(), order.totals.total, tx.payments_of(&order.id)?)?.require_paid("shipment_id")
}

impl Oms {
    /// A pending shipment's goods are being picked.
    pub fn start_picking(&self, command: ShipmentStep) -> Result<Shipment> {
        self.execute("start_picking", command.idempotency_key.as_ref(), &command, |tx, now| {
            step(tx, now, &command.shipment_id, ShipmentStatus::Picking, "pick", |shipment| Event::ShipmentPicking {
                shipment_id: shipment.id.clone(),
                order_id: shipment.order_id.clone(),
            })
        })
    }

    /// Cancels a shipment before it is packed: its units stay allocated to
    /// the order and can go into a new shipment.
    pub fn cancel_shipment(&self, command: ShipmentStep) -> Result<Shipment> {
        self.execute("cancel_shipment", command.idempotency_key.as_ref(), &command, |tx, now| {
            step(tx, now, &command.shipment_id, ShipmentStatus::Cancelled, "cancel", |shipment| {
                Event::ShipmentCancelled { shipment_id: shipment.id.clone(), order_id: shipment.order_id.clone() }
            })
        })
    }

    /// Records the parcels a picked shipment was packed into.
    pub fn pack_shipment(&self, command: PackShipment) -> Result<Shipment> {
        check_parcels(&command.parcels)?;
        self.execute("pack_shipment", command.idempotency_key.as_ref(), &command, |tx, now| {
            let mut shipment = load(tx, &command.shipment_id)?;
            shipment.advance(ShipmentStatus::Packed, "pack", now)?;
            shipment.parcels = command.parcels.clone();
            tx.put_shipment(&shipment)?;
            let event = Event::ShipmentPacked {
                shipment_id: shipment.id.clone(),
                order_id: shipment.order_id.clone(),
                parcels: shipment.parcels.clone(),
            };
            append_events(tx, now, vec![event])?;
            Ok(shipment)
        })
    }

    /// The goods of a packed (or handed-over) shipment left with its
    /// carrier: on hand and allocated drop at its location (a `shipment`
    /// movement per line) and the order's lines count the units shipped. On
    /// a channel that captures on shipment, a shipment not handed over
    /// before also requests the capture of its value. Refused when the order
    /// is on hold or cancelled, or when a line no longer has the units
    /// allocated there (it was cancelled or re-routed since the shipment was
    /// made). A partner's confirmation naming the reference that shipped it
    /// already returns the shipment as it is.
    pub fn ship_shipment(&self, command: ShipShipment) -> Result<Shipment> {
        let carrier = command.carrier.trim().to_string();
        let tracking_number = command.tracking_number.trim().to_string();
        let partner_reference = command.partner_reference.as_deref().map(|r| r.trim().to_string());
        check_hand_off(&carrier, &tracking_number)?;
        check_partner_text("partner_reference", partner_reference.as_deref())?;
        let command = ShipShipment { carrier, tracking_number, partner_reference, ..command };
        self.execute("ship_shipment", command.idempotency_key.as_ref(), &command, |tx, now| {
            let mut shipment = load(tx, &command.shipment_id)?;
            if command.partner_reference.is_some() && shipment.shipped_reference == command.partner_reference {
                return Ok(shipment);
            }
            let handed_over = shipment.status == ShipmentStatus::HandedOver;
            shipment.advance(ShipmentStatus::Shipped, "ship", now)?;
            let mut order = load_order(tx, &shipment.order_id)?;
            check_order_may_move(&order, "ship")?;
            require_payment(tx, &order)?;
            check_still_allocated(&order, &shipment)?;
            let channel =
                tx.channel(&order.channel)?.ok_or_else(|| Error::not_found(Entity::Channel, &order.channel))?;
            shipment.carrier = Some(command.carrier.clone());
            shipment.tracking_number = Some(command.tracking_number.clone());
            shipment.shipped_reference = command.partner_reference.clone();
            let capture = match handed_over || !channel.capture_on_shipment {
                true => None,
                false => Some(capture_event(tx, &order, &shipment)?),
            };
            let mut changes = StockChanges::default();
            for line in &shipment.lines {
                changes.change(tx, &line.sku, &shipment.location, |level| {
                    inventory::ship(level, line.quantity, &order.id, now)
                })?;
            }
            let event = Event::ShipmentShipped {
                shipment_id: shipment.id.clone(),
                order_id: order.id.clone(),
                location: shipment.location.clone(),
                carrier: command.carrier.clone(),
                tracking_number: command.tracking_number.clone(),
                lines: shipment.lines.clone(),
            };
            order = evolve(Some(order), &event, now).ok_or_else(|| Error::Internal { message: "order lost".into() })?;
            let mut events = vec![event];
            save_order(tx, &mut order, "ship", now, &mut events)?;
            events.extend(capture);
            tx.put_shipment(&shipment)?;
            changes.write(tx)?;
            append_events(tx, now, events)?;
            Ok(shipment)
        })
    }

    /// The carrier delivered a shipped shipment: the order's lines count the
    /// units delivered, and the order is `delivered` once all are.
    pub fn confirm_delivery(&self, command: ConfirmDelivery) -> Result<Shipment> {
        let partner_reference = command.partner_reference.as_deref().map(|r| r.trim().to_string());
        check_partner_text("partner_reference", partner_reference.as_deref())?;
        let command = ConfirmDelivery { partner_reference, ..command };
        self.execute("confirm_delivery", command.idempotency_key.as_ref(), &command, |tx, now| {
            let mut shipment = load(tx, &command.shipment_id)?;
            if command.partner_reference.is_some() && shipment.delivered_reference == command.partner_reference {
                return Ok(shipment);
            }
            shipment.advance(ShipmentStatus::Delivered, "deliver", now)?;
            shipment.delivered_reference = command.partner_reference.clone();
            let order = load_order(tx, &shipment.order_id)?;
            let event = Event::ShipmentDelivered {
                shipment_id: shipment.id.clone(),
                order_id: order.id.clone(),
                lines: shipment.lines.clone(),
            };
            let mut order =
                evolve(Some(order), &event, now).ok_or_else(|| Error::Internal { message: "order lost".into() })?;
            let mut events = vec![event];
            save_order(tx, &mut order, "deliver", now, &mut events)?;
            tx.put_shipment(&shipment)?;
            append_events(tx, now, events)?;
            Ok(shipment)
        })
    }

    /// Hands a shipment to a carrier (a packed one) or to a logistics
    /// partner that picks and packs it (a pending one): emits
    /// `shipment_handed_over` with everything the partner needs (ship-from,
    /// ship-to, service level, parcels, lines), and on a channel that
    /// captures on shipment `capture_requested` for the shipment's value.
    /// The stock leaves when the partner confirms it shipped
    /// (`ship_shipment`). Refused for an order on hold or cancelled.
    pub fn hand_over_shipment(&self, command: HandOverShipment) -> Result<Shipment> {
        let partner = command.partner.trim().to_string();
        check_partner_text("partner", Some(&partner))?;
        let command = HandOverShipment { partner, ..command };
        self.execute("hand_over_shipment", command.idempotency_key.as_ref(), &command, |tx, now| {
            let mut shipment = load(tx, &command.shipment_id)?;
            shipment.advance(ShipmentStatus::HandedOver, "hand over", now)?;
            let order = load_order(tx, &shipment.order_id)?;
            check_order_may_move(&order, "hand over")?;
            let channel =
                tx.channel(&order.channel)?.ok_or_else(|| Error::not_found(Entity::Channel, &order.channel))?;
            shipment.partner = Some(command.partner.clone());
            let mut events = vec![Event::ShipmentHandedOver {
                shipment_id: shipment.id.clone(),
                order_id: order.id.clone(),
                partner: command.partner.clone(),
                ship_from: shipment.location.clone(),
                ship_to: order.shipping_address.clone().map(Box::new),
                service_level: order.shipping_method.clone(),
                customer_email: order.customer_email.clone(),
                parcels: shipment.parcels.clone(),
                lines: shipment.lines.clone(),
            }];
            if channel.capture_on_shipment {
                events.push(capture_event(tx, &order, &shipment)?);
            }
            tx.put_shipment(&shipment)?;
            append_events(tx, now, events)?;
            Ok(shipment)
        })
    }

    /// One shipment by id.
    pub fn get_shipment(&self, id: &ShipmentId) -> Result<Shipment> {
        self.read(|tx| load(tx, id))
    }

    /// What to pick at a location: its open shipments (pending or being
    /// picked) aggregated by SKU, in SKU order, with the shipments each SKU
    /// goes into (`location_not_found` for an unknown location).
    pub fn pick_list(&self, location: &LocationId) -> Result<PickList> {
        self.read(|tx| {
            if tx.location(location)?.is_none() {
                return Err(Error::not_found(Entity::Location, location));
            }
            let mut open = tx.shipments_at(location, ShipmentStatus::Pending)?;
            open.extend(tx.shipments_at(location, ShipmentStatus::Picking)?);
            open.sort_by(|a, b| a.id.cmp(&b.id));
            Ok(PickList::of(location.clone(), &open))
        })
    }

    /// Every shipment of an order, oldest first (`order_not_found` for an unknown order).
    pub fn list_shipments(&self, order_id: &OrderId) -> Result<Vec<Shipment>> {
        self.read(|tx| {
            load_order(tx, order_id)?;
            tx.shipments_of(order_id)
        })
    }
}

/// The capture request for the goods of `shipment` as they leave: their
/// value (each line's total prorated over its units, after the units of the
/// order's earlier shipments that left) split across the open authorizations.
pub(super) fn capture_event(tx: &mut dyn Records, order: &Order, shipment: &Shipment) -> Result<Event> {
    let others = tx.shipments_of(&order.id)?;
    let left_before = |line_number: u32| -> i64 {
        others
            .iter()
            .filter(|other| other.id != shipment.id && other.status.has_left())
            .flat_map(|other| other.lines.iter().filter(|line| line.line_number == line_number))
            .map(|line| line.quantity)
            .sum()
    };
    let value = shipment_value(order, shipment, left_before)?;
    let request = capture_request(value, &tx.payments_of(&order.id)?)?;
    Ok(Event::CaptureRequested { order_id: order.id.clone(), shipment_id: shipment.id.clone(), request })
}

/// Moves a shipment to `to` and stages the event that says so.
fn step(
    tx: &mut dyn Records,
    now: Timestamp,
    id: &ShipmentId,
    to: ShipmentStatus,
    action: &str,
    event: impl Fn(&Shipment) -> Event,
) -> Result<Shipment> {
    let mut shipment = load(tx, id)?;
    shipment.advance(to, action, now)?;
    tx.put_shipment(&shipment)?;
    append_events(tx, now, vec![event(&shipment)])?;
    Ok(shipment)
}
