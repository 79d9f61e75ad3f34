//! Gathering an order's allocated units into shipments: everything that no
//! open shipment holds yet, one shipment per location (`create_shipments`),
//! or some units of some lines at one location, named by the caller
//! (`create_shipment`): part of a line now, the rest later.

use std::collections::HashSet;

use super::{load_order, Oms};
use crate::app::append_events;
use crate::app::records::Records;
use crate::domain::commands::{CreateShipment, CreateShipments};
use crate::domain::events::Event;
use crate::domain::fulfilment::decide::check_order_may_move;
use crate::domain::fulfilment::{unshipped, Shipment, ShipmentLine, ShipmentStatus};
use crate::domain::order::Order;
use crate::kernel::error::{positive_quantity, Entity, Error, Result};
use crate::kernel::ids::{LocationId, ShipmentId};
use crate::kernel::limits::ORDER_LINES_MAX;
use crate::kernel::time::Timestamp;

impl Oms {
    /// Gathers the order's allocated units that no open shipment holds into
    /// one `pending` shipment per location; returns the shipments created
    /// (none when everything allocated is already in a shipment).
    pub fn create_shipments(&self, command: CreateShipments) -> Result<Vec<Shipment>> {
        self.execute("create_shipments", command.idempotency_key.as_ref(), &command, |tx, now| {
            let order = load_order(tx, &command.order_id)?;
            check_order_may_move(&order, "create shipments for")?;
            let existing = tx.shipments_of(&order.id)?;
            let mut created = Vec::new();
            for (location, lines) in unshipped(&order, &existing) {
                created.push(stage(tx, &order, location, lines, now)?);
            }
            let events = created.iter().map(created_event).collect();
            append_events(tx, now, events)?;
            Ok(created)
        })
    }

    /// Gathers the named units of some lines, allocated at one location and
    /// held by no open shipment, into one `pending` shipment. Asking for more
    /// than that is `invalid_quantity` (about `lines[i].quantity`); the rest
    /// of a line can go into a later shipment.
    pub fn create_shipment(&self, command: CreateShipment) -> Result<Shipment> {
        check_lines(&command)?;
        self.execute("create_shipment", command.idempotency_key.as_ref(), &command, |tx, now| {
            let order = load_order(tx, &command.order_id)?;
            if tx.location(&command.location)?.is_none() {
                return Err(Error::not_found(Entity::Location, &command.location));
            }
            check_order_may_move(&order, "create a shipment for")?;
            let existing = tx.shipments_of(&order.id)?;
            let free = unshipped(&order, &existing).remove(&command.location).unwrap_or_default();
            let mut lines = Vec::with_capacity(command.lines.len());
            for (position, request) in command.lines.iter().enumerate() {
                let line =
                    order.lines.iter().find(|line| line.line_number == request.line_number).ok_or_else(|| {
                        Error::not_found(Entity::OrderLine, format!("{} line {}", order.id, request.line_number))
                    })?;
                let available = free.iter().find(|held| held.line_number == line.line_number).map_or(0, |h| h.quantity);
                if request.quantity > available {
                    return Err(Error::invalid_quantity(
                        format!("lines[{position}].quantity"),
                        format!(
                            "line {} has {available} units allocated at {} and in no open shipment, asked for {}",
                            line.line_number, command.location, request.quantity
                        ),
                    ));
                }
                lines.push(ShipmentLine {
                    line_number: line.line_number,
                    sku: line.sku.clone(),
                    quantity: request.quantity,
                });
            }
            let shipment = stage(tx, &order, command.location.clone(), lines, now)?;
            append_events(tx, now, vec![created_event(&shipment)])?;
            Ok(shipment)
        })
    }
}

/// A new `pending` shipment of `lines` at `location`, numbered and written.
fn stage(
    tx: &mut dyn Records,
    order: &Order,
    location: LocationId,
    lines: Vec<ShipmentLine>,
    now: Timestamp,
) -> Result<Shipment> {
    let shipment = Shipment {
        id: ShipmentId::from_sequence(tx.next_sequence("shipment")?),
        order_id: order.id.clone(),
        location,
        status: ShipmentStatus::Pending,
        lines,
        parcels: Vec::new(),
        carrier: None,
        tracking_number: None,
        partner: None,
        shipped_reference: None,
        delivered_reference: None,
        pickup_expires_at: None,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    tx.put_shipment(&shipment)?;
    Ok(shipment)
}

fn created_event(shipment: &Shipment) -> Event {
    Event::ShipmentCreated {
        shipment_id: shipment.id.clone(),
        order_id: shipment.order_id.clone(),
        location: shipment.location.clone(),
        lines: shipment.lines.clone(),
    }
}

/// The shape of the lines, before anything is read: at least one, each line
/// once, each quantity positive.
fn check_lines(command: &CreateShipment) -> Result<()> {
    if command.lines.is_empty() {
        return Err(Error::invalid_input("lines", "name at least one line to ship"));
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
