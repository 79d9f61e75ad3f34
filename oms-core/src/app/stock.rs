//! Stock commands and queries: receipts, adjustments, levels, availability, the ledger.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::allocating::fill_backorders;
use super::{append_events, page_limit, reservations, Oms, StockChanges};
use crate::app::records::Records;
use crate::domain::allocation::{Request, Site};
use crate::domain::commands::{AdjustStock, AvailabilityQuery, CountStock, ReceiveStock, StockQuantity};
use crate::domain::events::Event;
use crate::domain::inventory::{self, Movement, StockLevel};
use crate::kernel::error::{positive_quantity, Entity, Error, Result};
use crate::kernel::ids::{check_text, ChannelId, LocationId, Sku};
use crate::kernel::limits::{AVAILABILITY_SKUS_MAX, ON_HAND_MAX, QUANTITY_MAX};

fn require_pair(tx: &mut dyn Records, sku: &Sku, location: &LocationId) -> Result<()> {
    if tx.product(sku)?.is_none() {
        return Err(Error::not_found(Entity::Product, sku));
    }
    if tx.location(location)?.is_none() {
        return Err(Error::not_found(Entity::Location, location));
    }
    Ok(())
}

impl Oms {
    /// Goods arrived at a location: on hand rises by `quantity`, and
    /// backordered lines that may use the location are filled, oldest first.
    pub fn receive_stock(&self, command: ReceiveStock) -> Result<StockLevel> {
        positive_quantity("quantity", command.quantity)?;
        self.execute("receive_stock", command.idempotency_key.as_ref(), &command, |tx, now| {
            require_pair(tx, &command.sku, &command.location)?;
            let mut changes = StockChanges::default();
            changes.change(tx, &command.sku, &command.location, |level| {
                inventory::receive(level, command.quantity, now)
            })?;
            let on_hand = changes.peek(&command.sku, &command.location).map_or(0, |level| level.on_hand);
            let mut events = vec![Event::StockReceived {
                sku: command.sku.clone(),
                location: command.location.clone(),
                quantity: command.quantity,
                on_hand,
            }];
            fill_backorders(tx, &command.sku, &command.location, &mut changes, now, &mut events)?;
            let level = changes.write_one(tx, &command.sku, &command.location)?;
            append_events(tx, now, events)?;
            Ok(level)
        })
    }

    /// Records a physical count: on hand becomes `counted`, as a `count`
    /// movement carrying the variance. A count below what orders and reservations
    /// have been promised is refused: reject those allocations first.
    pub fn count_stock(&self, command: CountStock) -> Result<StockLevel> {
        if !(0..=ON_HAND_MAX).contains(&command.counted) {
            return Err(Error::invalid_quantity(
                "counted",
                format!("must be between 0 and {ON_HAND_MAX}, got {}", command.counted),
            ));
        }
        self.execute("count_stock", command.idempotency_key.as_ref(), &command, |tx, now| {
            require_pair(tx, &command.sku, &command.location)?;
            let mut changes = StockChanges::default();
            // A count may not fall below what reservations reserve: expired ones reserve nothing.
            reservations::free_expired(tx, &[&command.sku], now, &mut changes)?;
            let mut variance = 0;
            changes.change(tx, &command.sku, &command.location, |level| {
                variance = command.counted - level.on_hand;
                inventory::count(level, command.counted, now)
            })?;
            let mut events = vec![Event::StockCounted {
                sku: command.sku.clone(),
                location: command.location.clone(),
                counted: command.counted,
                variance,
            }];
            if variance > 0 {
                fill_backorders(tx, &command.sku, &command.location, &mut changes, now, &mut events)?;
            }
            let level = changes.write_one(tx, &command.sku, &command.location)?;
            append_events(tx, now, events)?;
            Ok(level)
        })
    }

    /// Moves sellable units into quarantine (kept, not sellable).
    pub fn quarantine_stock(&self, command: StockQuantity) -> Result<StockLevel> {
        positive_quantity("quantity", command.quantity)?;
        self.execute("quarantine_stock", command.idempotency_key.as_ref(), &command, |tx, now| {
            require_pair(tx, &command.sku, &command.location)?;
            let mut changes = StockChanges::default();
            reservations::free_expired(tx, &[&command.sku], now, &mut changes)?;
            changes.change(tx, &command.sku, &command.location, |level| {
                inventory::quarantine(level, command.quantity, now)
            })?;
            let level = changes.write_one(tx, &command.sku, &command.location)?;
            let event = Event::StockQuarantined {
                sku: command.sku.clone(),
                location: command.location.clone(),
                quantity: command.quantity,
            };
            append_events(tx, now, vec![event])?;
            Ok(level)
        })
    }

    /// Returns quarantined units to sellable stock (filling backorders).
    pub fn release_quarantine(&self, command: StockQuantity) -> Result<StockLevel> {
        positive_quantity("quantity", command.quantity)?;
        self.execute("release_quarantine", command.idempotency_key.as_ref(), &command, |tx, now| {
            require_pair(tx, &command.sku, &command.location)?;
            let mut changes = StockChanges::default();
            changes.change(tx, &command.sku, &command.location, |level| {
                inventory::release_quarantine(level, command.quantity, now)
            })?;
            let mut events = vec![Event::QuarantineReleased {
                sku: command.sku.clone(),
                location: command.location.clone(),
                quantity: command.quantity,
            }];
            fill_backorders(tx, &command.sku, &command.location, &mut changes, now, &mut events)?;
            let level = changes.write_one(tx, &command.sku, &command.location)?;
            append_events(tx, now, events)?;
            Ok(level)
        })
    }

    /// Available to promise for each SKU on a channel, with the figure per
    /// location: on hand − allocated − reserved − the channel's safety stock at
    /// each location the channel ships from (or at the one pickup store),
    /// optionally only in one region. What a storefront shows.
    pub fn availability(&self, query: &AvailabilityQuery) -> Result<Vec<Availability>> {
        if query.skus.is_empty() {
            return Err(Error::invalid_input("skus", "name at least one SKU"));
        }
        if query.skus.len() > AVAILABILITY_SKUS_MAX {
            return Err(Error::limit("skus", format!("at most {AVAILABILITY_SKUS_MAX} SKUs per query")));
        }
        if let Some(region) = &query.region {
            check_text("region", region)?;
        }
        let now = crate::kernel::time::usable(self.clock.now())?;
        self.read(|tx| {
            let channel =
                tx.channel(&query.channel)?.ok_or_else(|| Error::not_found(Entity::Channel, &query.channel))?;
            let routing = self.routing(tx, &channel, query.pickup_location.as_ref(), None)?;
            let request =
                Request { channel: &channel, lines: &[], destination_region: None, store: routing.store.as_ref() };
            let locations = tx.locations()?;
            let mut usable = Vec::new();
            for (position, id) in channel.locations.iter().enumerate() {
                let Some(location) = locations.iter().find(|l| &l.id == id) else { continue };
                let site = Site { location, permitted: true, position, distance_km: None, shipments_today: 0 };
                let in_region = query.region.as_ref().is_none_or(|region| &location.region == region);
                if in_region && routing.strategies[0].admits(&site, &request) {
                    usable.push(id);
                }
            }
            let skus: Vec<&Sku> = query.skus.iter().collect();
            for (product, sku) in tx.products(&skus)?.iter().zip(&skus) {
                if product.is_none() {
                    return Err(Error::not_found(Entity::Product, sku));
                }
            }
            // One read for every SKU; a reservation whose time is up reserves nothing, swept or not.
            let mut levels: HashMap<Sku, Vec<StockLevel>> = HashMap::new();
            for level in reservations::levels_without_expired(tx, &reservations::sorted_skus(&skus), now)? {
                levels.entry(level.sku.clone()).or_default().push(level);
            }
            let mut answers = Vec::with_capacity(query.skus.len());
            for sku in &query.skus {
                let at_sku = levels.get(sku).map_or(&[][..], Vec::as_slice);
                let locations: Vec<LocationAvailability> = usable
                    .iter()
                    .map(|id| LocationAvailability {
                        location: (*id).clone(),
                        available: at_sku
                            .iter()
                            .find(|level| &level.location == *id)
                            .map_or(0, |level| level.available_after(channel.safety_stock)),
                    })
                    .collect();
                let available = locations.iter().map(|l| l.available).sum();
                answers.push(Availability { sku: sku.clone(), available, locations });
            }
            Ok(answers)
        })
    }

    /// Corrects on hand by a signed delta; it may not fall below what is allocated.
    pub fn adjust_stock(&self, command: AdjustStock) -> Result<StockLevel> {
        if command.quantity_delta == 0 || command.quantity_delta.unsigned_abs() > QUANTITY_MAX.unsigned_abs() {
            return Err(Error::invalid_quantity(
                "quantity_delta",
                format!("must be non-zero and at most {QUANTITY_MAX} either way, got {}", command.quantity_delta),
            ));
        }
        self.execute("adjust_stock", command.idempotency_key.as_ref(), &command, |tx, now| {
            require_pair(tx, &command.sku, &command.location)?;
            let mut changes = StockChanges::default();
            if command.quantity_delta < 0 {
                reservations::free_expired(tx, &[&command.sku], now, &mut changes)?;
            }
            changes
                .change(tx, &command.sku, &command.location, |level| {
                    inventory::adjust(level, command.quantity_delta, now)
                })
                .map_err(|e| e.at("quantity_delta"))?;
            let on_hand = changes.peek(&command.sku, &command.location).map_or(0, |level| level.on_hand);
            let mut events = vec![Event::StockAdjusted {
                sku: command.sku.clone(),
                location: command.location.clone(),
                quantity_delta: command.quantity_delta,
                on_hand,
            }];
            if command.quantity_delta > 0 {
                fill_backorders(tx, &command.sku, &command.location, &mut changes, now, &mut events)?;
            }
            let level = changes.write_one(tx, &command.sku, &command.location)?;
            append_events(tx, now, events)?;
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

    /// Units of `sku` the channel can promise for a shipped order (see [`Oms::availability`]).
    pub fn available(&self, sku: &Sku, channel: &ChannelId) -> Result<i64> {
        let query = AvailabilityQuery {
            channel: channel.clone(),
            skus: vec![sku.clone()],
            region: None,
            pickup_location: None,
        };
        Ok(self.availability(&query)?.first().map_or(0, |answer| answer.available))
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

/// Available to promise for one SKU on a channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Availability {
    pub sku: Sku,
    pub available: i64,
    pub locations: Vec<LocationAvailability>,
}

/// Available to promise at one location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocationAvailability {
    pub location: LocationId,
    pub available: i64,
}
