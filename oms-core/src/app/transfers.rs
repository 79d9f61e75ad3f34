//! Transfers of stock between locations.

use super::allocating::fill_backorders;
use super::{append_events, Oms, StockChanges};
use crate::app::records::Records;
use crate::domain::commands::{RequestTransfer, TransferStep};
use crate::domain::events::Event;
use crate::domain::inventory;
use crate::domain::inventory::transfers::{Transfer, TransferStatus};
use crate::kernel::error::{positive_quantity, Entity, Error, Result};
use crate::kernel::ids::TransferId;

fn load(tx: &mut dyn Records, id: &TransferId) -> Result<Transfer> {
    tx.transfer(id)?.ok_or_else(|| Error::not_found(Entity::Transfer, id))
}

fn advance(transfer: &mut Transfer, to: TransferStatus, action: &str) -> Result<()> {
    if !transfer.status.can_become(to) {
        return Err(Error::IllegalTransition { action: action.into(), from: format!("{} transfer", transfer.status) });
    }
    transfer.status = to;
    Ok(())
}

impl Oms {
    /// Asks to move `quantity` units of a SKU from one location to another.
    /// Nothing moves until the transfer ships.
    pub fn request_transfer(&self, command: RequestTransfer) -> Result<Transfer> {
        positive_quantity("quantity", command.quantity)?;
        if command.from_location == command.to_location {
            return Err(Error::invalid_input("to_location", "a transfer needs two different locations"));
        }
        self.execute("request_transfer", command.idempotency_key.as_ref(), &command, |tx, now| {
            if tx.product(&command.sku)?.is_none() {
                return Err(Error::not_found(Entity::Product, &command.sku));
            }
            for (location, field) in [(&command.from_location, "from_location"), (&command.to_location, "to_location")]
            {
                if tx.location(location)?.is_none() {
                    return Err(Error::not_found(Entity::Location, location)).map_err(|e: Error| e.at(field));
                }
            }
            let transfer = Transfer {
                id: TransferId::from_sequence(tx.next_sequence("transfer")?),
                sku: command.sku.clone(),
                from_location: command.from_location.clone(),
                to_location: command.to_location.clone(),
                quantity: command.quantity,
                status: TransferStatus::Requested,
                created_at: now,
                updated_at: now,
                version: 1,
            };
            tx.put_transfer(&transfer)?;
            let event = Event::TransferRequested {
                transfer_id: transfer.id.clone(),
                sku: transfer.sku.clone(),
                from_location: transfer.from_location.clone(),
                to_location: transfer.to_location.clone(),
                quantity: transfer.quantity,
            };
            append_events(tx, now, vec![event])?;
            Ok(transfer)
        })
    }

    /// The transfer leaves its source: on hand drops there (it must be
    /// available) and the target's incoming rises.
    pub fn ship_transfer(&self, command: TransferStep) -> Result<Transfer> {
        self.execute("ship_transfer", command.idempotency_key.as_ref(), &command, |tx, now| {
            let mut transfer = load(tx, &command.transfer_id)?;
            advance(&mut transfer, TransferStatus::Shipped, "ship")?;
            let (id, quantity) = (transfer.id.as_str(), transfer.quantity);
            let mut changes = StockChanges::default();
            super::reservations::free_expired(tx, &[&transfer.sku], now, &mut changes)?;
            changes.change(tx, &transfer.sku, &transfer.from_location, |level| {
                inventory::transfer_out(level, quantity, id, now)
            })?;
            changes.change(tx, &transfer.sku, &transfer.to_location, |level| {
                inventory::transfer_incoming(level, quantity, id, now)
            })?;
            transfer.updated_at = now;
            transfer.version += 1;
            tx.put_transfer(&transfer)?;
            changes.write(tx)?;
            append_events(tx, now, vec![Event::TransferShipped { transfer_id: transfer.id.clone() }])?;
            Ok(transfer)
        })
    }

    /// The transfer arrives: the target's incoming becomes on hand, and
    /// backordered lines that may use the target are filled.
    pub fn receive_transfer(&self, command: TransferStep) -> Result<Transfer> {
        self.execute("receive_transfer", command.idempotency_key.as_ref(), &command, |tx, now| {
            let mut transfer = load(tx, &command.transfer_id)?;
            advance(&mut transfer, TransferStatus::Received, "receive")?;
            let (id, quantity) = (transfer.id.as_str(), transfer.quantity);
            let mut changes = StockChanges::default();
            changes
                .change(tx, &transfer.sku, &transfer.to_location, |level| {
                    inventory::transfer_arrived(level, quantity, id, now)
                })
                // The command names no quantity; the transfer it names is what does not fit.
                .map_err(|e| e.at("transfer_id"))?;
            let mut events = vec![Event::TransferReceived { transfer_id: transfer.id.clone() }];
            fill_backorders(tx, &transfer.sku, &transfer.to_location, &mut changes, now, &mut events)?;
            transfer.updated_at = now;
            transfer.version += 1;
            tx.put_transfer(&transfer)?;
            changes.write(tx)?;
            append_events(tx, now, events)?;
            Ok(transfer)
        })
    }

    /// Cancels a transfer that has not shipped.
    pub fn cancel_transfer(&self, command: TransferStep) -> Result<Transfer> {
        self.execute("cancel_transfer", command.idempotency_key.as_ref(), &command, |tx, now| {
            let mut transfer = load(tx, &command.transfer_id)?;
            advance(&mut transfer, TransferStatus::Cancelled, "cancel")?;
            transfer.updated_at = now;
            transfer.version += 1;
            tx.put_transfer(&transfer)?;
            append_events(tx, now, vec![Event::TransferCancelled { transfer_id: transfer.id.clone() }])?;
            Ok(transfer)
        })
    }

    /// One transfer by id.
    pub fn get_transfer(&self, id: &TransferId) -> Result<Transfer> {
        self.read(|tx| load(tx, id))
    }
}
