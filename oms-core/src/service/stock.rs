//! Stock commands and queries: receipts, adjustments, levels, availability, the ledger.

use super::{append_events, page_limit, Oms, StockChanges};
use crate::commands::{AdjustStock, ReceiveStock};
use crate::error::{positive_quantity, Entity, Error, Result};
use crate::events::Event;
use crate::ids::{ChannelId, LocationId, Sku};
use crate::inventory::{self, Movement, StockLevel};
use crate::limits::QUANTITY_MAX;
use crate::storage::Transaction;

fn require_pair(tx: &mut dyn Transaction, sku: &Sku, location: &LocationId) -> Result<()> {
    if tx.product(sku)?.is_none() {
        return Err(Error::not_found(Entity::Product, sku));
    }
    if tx.location(location)?.is_none() {
        return Err(Error::not_found(Entity::Location, location));
    }
    Ok(())
}

impl Oms {
    /// Goods arrived at a location: on hand rises by `quantity`.
    pub fn receive_stock(&self, command: ReceiveStock) -> Result<StockLevel> {
        positive_quantity("quantity", command.quantity)?;
        self.execute("receive_stock", command.idempotency_key.as_ref(), &command, |tx, now| {
            require_pair(tx, &command.sku, &command.location)?;
            let mut changes = StockChanges::default();
            changes.change(tx, &command.sku, &command.location, |level| {
                inventory::receive(level, command.quantity, now)
            })?;
            let level = single(changes.write(tx)?)?;
            let event = Event::StockReceived {
                sku: level.sku.clone(),
                location: level.location.clone(),
                quantity: command.quantity,
                on_hand: level.on_hand,
            };
            append_events(tx, now, &[event])?;
            Ok(level)
        })
    }

    /// Corrects on hand by a signed delta; it may not fall below what is allocated.
    pub fn adjust_stock(&self, command: AdjustStock) -> Result<StockLevel> {
        if command.quantity_delta == 0 || command.quantity_delta.abs() > QUANTITY_MAX {
            return Err(Error::invalid_quantity(
                "quantity_delta",
                format!("must be non-zero and at most {QUANTITY_MAX} either way, got {}", command.quantity_delta),
            ));
        }
        self.execute("adjust_stock", command.idempotency_key.as_ref(), &command, |tx, now| {
            require_pair(tx, &command.sku, &command.location)?;
            let mut changes = StockChanges::default();
            changes.change(tx, &command.sku, &command.location, |level| {
                inventory::adjust(level, command.quantity_delta, now)
            })?;
            let level = single(changes.write(tx)?)?;
            let event = Event::StockAdjusted {
                sku: level.sku.clone(),
                location: level.location.clone(),
                quantity_delta: command.quantity_delta,
                on_hand: level.on_hand,
            };
            append_events(tx, now, &[event])?;
            Ok(level)
        })
    }

    /// The stock of one SKU at one location (zero buckets if it never had any).
    pub fn stock_level(&self, sku: &Sku, location: &LocationId) -> Result<StockLevel> {
        self.read(|tx| {
            require_pair(tx, sku, location)?;
            Ok(tx.stock(sku, location)?.unwrap_or_else(|| StockLevel::empty(sku.clone(), location.clone())))
        })
    }

    /// Stock levels, optionally of one SKU and/or at one location, ordered by (SKU, location).
    pub fn stock_levels(&self, sku: Option<&Sku>, location: Option<&LocationId>) -> Result<Vec<StockLevel>> {
        self.read(|tx| tx.stock_levels(sku, location))
    }

    /// Units of `sku` the channel can still promise: Σ over its locations of on hand − allocated.
    pub fn available(&self, sku: &Sku, channel: &ChannelId) -> Result<i64> {
        self.read(|tx| {
            let channel = tx.channel(channel)?.ok_or_else(|| Error::not_found(Entity::Channel, channel))?;
            if tx.product(sku)?.is_none() {
                return Err(Error::not_found(Entity::Product, sku));
            }
            let mut total = 0;
            for location in &channel.locations {
                total += tx.stock(sku, location)?.map_or(0, |level| level.available());
            }
            Ok(total)
        })
    }

    /// The ledger of one pair, oldest first, after movement sequence `after` (0 for the start).
    pub fn movements(
        &self,
        sku: &Sku,
        location: &LocationId,
        after: u64,
        limit: Option<usize>,
    ) -> Result<Vec<Movement>> {
        let limit = page_limit(limit)?;
        self.read(|tx| {
            require_pair(tx, sku, location)?;
            tx.movements(sku, location, after, limit)
        })
    }
}

fn single(levels: Vec<StockLevel>) -> Result<StockLevel> {
    levels.into_iter().next().ok_or_else(|| Error::storage("a stock change wrote no level"))
}
