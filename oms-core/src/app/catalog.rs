//! Catalogue commands: products, locations, channels. Upserts are
//! idempotent by content: an upsert that changes nothing writes nothing.

use std::collections::HashSet;

use rust_decimal::Decimal;

use serde::{Deserialize, Serialize};

use super::{append_events, page_limit, Oms};
use crate::domain::catalog::{Capabilities, Channel, Location, Product};
use crate::domain::commands::{SetRegionDistance, UpsertChannel, UpsertLocation, UpsertProduct};
use crate::domain::events::Event;
use crate::kernel::error::{Entity, Error, Result};
use crate::kernel::ids::{check_text, ChannelId, LocationId, Sku};
use crate::kernel::limits::{
    CHANNEL_LOCATIONS_MAX, PICKUP_WINDOW_HOURS_MAX, PRIORITY_MAX, QUANTITY_MAX, TAX_RATES_MAX,
};

/// The priority locations get when none is given.
const PRIORITY_DEFAULT: i64 = 100;

/// The built-in strategies a channel may name without registering anything.
pub(crate) const BUILT_IN_STRATEGIES: &[&str] = &["ship_from_warehouse", "ship_from_store"];

/// Digits after the point a tax rate may have (`0.08875` is fine).
const TAX_RATE_SCALE_MAX: u32 = 6;

/// One page of products, by SKU, and the cursor of the next page (`None` when this is the last).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductPage {
    pub products: Vec<Product>,
    pub next_cursor: Option<String>,
}

impl Oms {
    /// One product by SKU (`product_not_found` if there is none).
    pub fn get_product(&self, sku: &Sku) -> Result<Product> {
        self.read(|tx| tx.product(sku)?.ok_or_else(|| Error::not_found(Entity::Product, sku)))
    }

    /// Products in SKU order: `after` is the `next_cursor` of the previous
    /// page (`None` for the first), `limit` defaults to 100 and is at most 1,000.
    pub fn list_products(&self, after: Option<&str>, limit: Option<usize>) -> Result<ProductPage> {
        let limit = page_limit(limit)?;
        let after = after
            .map(|cursor| {
                Sku::new(cursor).map_err(|_| {
                    Error::invalid_input("after", format!("{cursor:?} is not a cursor returned by list_products"))
                })
            })
            .transpose()?;
        let mut products = self.read(|tx| tx.product_page(after.as_ref(), limit + 1))?;
        let next_cursor = if products.len() > limit {
            products.truncate(limit);
            products.last().map(|product| product.sku.to_string())
        } else {
            None
        };
        Ok(ProductPage { products, next_cursor })
    }

    /// One location by id (`location_not_found` if there is none).
    pub fn get_location(&self, id: &LocationId) -> Result<Location> {
        self.read(|tx| tx.location(id)?.ok_or_else(|| Error::not_found(Entity::Location, id)))
    }

    /// Every location, by id.
    pub fn list_locations(&self) -> Result<Vec<Location>> {
        self.read(|tx| tx.locations().map(|all| all.to_vec()))
    }

    /// One channel by id (`channel_not_found` if there is none).
    pub fn get_channel(&self, id: &ChannelId) -> Result<Channel> {
        self.read(|tx| {
            tx.channel(id)?.map(|channel| Channel::clone(&channel)).ok_or_else(|| Error::not_found(Entity::Channel, id))
        })
    }

    /// Every channel, by id.
    pub fn list_channels(&self) -> Result<Vec<Channel>> {
        self.read(|tx| tx.channels())
    }

    /// Creates or replaces a location.
    pub fn upsert_location(&self, command: UpsertLocation) -> Result<Location> {
        check_text("region", &command.region)?;
        if command.daily_capacity.is_some_and(|capacity| !(0..=QUANTITY_MAX).contains(&capacity)) {
            return Err(Error::invalid_quantity("daily_capacity", format!("must be between 0 and {QUANTITY_MAX}")));
        }
        if command.priority.is_some_and(|priority| !(0..=PRIORITY_MAX).contains(&priority)) {
            return Err(Error::invalid_input("priority", format!("must be between 0 and {PRIORITY_MAX}")));
        }
        let defaults = Capabilities::default_for(command.kind);
        let capabilities = Capabilities {
            ships: command.ships.unwrap_or(defaults.ships),
            offers_pickup: command.offers_pickup.unwrap_or(defaults.offers_pickup),
            ships_from_store: command.ships_from_store,
        };
        self.execute("upsert_location", None, &command, |tx, now| {
            let old = tx.location(&command.id)?;
            let next = Location {
                id: command.id.clone(),
                kind: command.kind,
                region: command.region.clone(),
                capabilities,
                daily_capacity: command.daily_capacity,
                priority: command.priority.unwrap_or(PRIORITY_DEFAULT),
                version: old.as_ref().map_or(1, |l| l.version + 1),
            };
            if let Some(old) = old.filter(|old| Location { version: old.version, ..next.clone() } == *old) {
                return Ok(old);
            }
            tx.put_location(&next)?;
            let event =
                Event::LocationUpserted { location: next.id.clone(), kind: next.kind, region: next.region.clone() };
            append_events(tx, now, vec![event])?;
            Ok(next)
        })
    }

    /// Creates or replaces a product.
    pub fn upsert_product(&self, command: UpsertProduct) -> Result<Product> {
        check_text("name", &command.name)?;
        self.execute("upsert_product", None, &command, |tx, now| {
            let old = tx.product(&command.sku)?;
            let next = Product {
                sku: command.sku.clone(),
                name: command.name.clone(),
                tax_class: command.tax_class.clone(),
                backorderable: command.backorderable,
                version: old.as_ref().map_or(1, |p| p.version + 1),
            };
            if let Some(old) = old.filter(|old| Product { version: old.version, ..next.clone() } == *old) {
                return Ok(old);
            }
            tx.put_product(&next)?;
            append_events(tx, now, vec![Event::ProductUpserted { sku: next.sku.clone(), name: next.name.clone() }])?;
            Ok(next)
        })
    }

    /// Creates or replaces a channel. Every named location must exist.
    pub fn upsert_channel(&self, command: UpsertChannel) -> Result<Channel> {
        check_channel(&command)?;
        let strategy = command.strategy.clone().unwrap_or_else(|| "ship_from_warehouse".into());
        if !BUILT_IN_STRATEGIES.contains(&strategy.as_str()) && !self.strategies.contains_key(&strategy) {
            return Err(Error::invalid_input(
                "strategy",
                format!("{strategy:?} is neither built in ({}) nor registered", BUILT_IN_STRATEGIES.join(", ")),
            ));
        }
        self.execute("upsert_channel", None, &command, |tx, now| {
            for (index, location) in command.locations.iter().enumerate() {
                if tx.location(location)?.is_none() {
                    return Err(Error::not_found(Entity::Location, location))
                        .map_err(|e: Error| e.at(format!("locations[{index}]")));
                }
            }
            let old = tx.channel(&command.id)?;
            let next = Channel {
                id: command.id.clone(),
                kind: command.kind,
                currency: command.currency,
                locations: command.locations.clone(),
                prices_include_tax: command.prices_include_tax,
                rounding: command.rounding,
                tax_rates: command.tax_rates.iter().map(|(class, rate)| (class.clone(), rate.normalize())).collect(),
                safety_stock: command.safety_stock,
                allow_backorders: command.allow_backorders,
                split_policy: command.split_policy,
                pickup_fallback: command.pickup_fallback,
                strategy: strategy.clone(),
                max_distance_km: command.max_distance_km,
                require_payment_before_shipping: command.require_payment_before_shipping,
                capture_on_shipment: command.capture_on_shipment,
                pickup_window_hours: command.pickup_window_hours,
                version: old.as_ref().map_or(1, |c| c.version + 1),
            };
            if let Some(old) = old.filter(|old| Channel { version: old.version, ..next.clone() } == **old) {
                return Ok(Channel::clone(&old));
            }
            tx.put_channel(&next)?;
            let event = Event::ChannelUpserted {
                channel: next.id.clone(),
                kind: next.kind,
                currency: next.currency,
                locations: next.locations.clone(),
            };
            append_events(tx, now, vec![event])?;
            Ok(next)
        })
    }

    /// Sets the distance between two regions, both ways. Locations are ranked
    /// by their region's distance from the order's destination region; a
    /// region is 0 km from itself.
    pub fn set_region_distance(&self, command: SetRegionDistance) -> Result<()> {
        check_text("from_region", &command.from_region)?;
        check_text("to_region", &command.to_region)?;
        self.execute("set_region_distance", None, &command, |tx, now| {
            tx.put_region_distance(&command.from_region, &command.to_region, command.distance_km)?;
            tx.put_region_distance(&command.to_region, &command.from_region, command.distance_km)?;
            let event = Event::RegionDistanceSet {
                from_region: command.from_region.clone(),
                to_region: command.to_region.clone(),
                distance_km: command.distance_km,
            };
            append_events(tx, now, vec![event])
        })
    }
}

fn check_channel(command: &UpsertChannel) -> Result<()> {
    if !(0..=QUANTITY_MAX).contains(&command.safety_stock) {
        return Err(Error::invalid_quantity("safety_stock", format!("must be between 0 and {QUANTITY_MAX}")));
    }
    if command.pickup_window_hours < 1 {
        return Err(Error::invalid_input(
            "pickup_window_hours",
            format!("a pickup waits at least 1 hour, got {}", command.pickup_window_hours),
        ));
    }
    if command.pickup_window_hours > PICKUP_WINDOW_HOURS_MAX {
        return Err(Error::limit(
            "pickup_window_hours",
            format!("at most {PICKUP_WINDOW_HOURS_MAX} hours, got {}", command.pickup_window_hours),
        ));
    }
    if command.locations.is_empty() {
        return Err(Error::invalid_input("locations", "a channel needs at least one location"));
    }
    if command.locations.len() > CHANNEL_LOCATIONS_MAX {
        return Err(Error::limit("locations", format!("at most {CHANNEL_LOCATIONS_MAX} locations per channel")));
    }
    let mut seen = HashSet::new();
    for (index, location) in command.locations.iter().enumerate() {
        if !seen.insert(location) {
            return Err(Error::invalid_input(format!("locations[{index}]"), format!("{location} is listed twice")));
        }
    }
    if command.tax_rates.len() > TAX_RATES_MAX {
        return Err(Error::limit("tax_rates", format!("at most {TAX_RATES_MAX} tax classes per channel")));
    }
    for (class, rate) in &command.tax_rates {
        let field = format!("tax_rates.{class}");
        if rate.is_sign_negative() || *rate > Decimal::ONE {
            return Err(Error::invalid_amount(field, format!("a rate is a fraction between 0 and 1, got {rate}")));
        }
        if rate.normalize().scale() > TAX_RATE_SCALE_MAX {
            return Err(Error::invalid_amount(
                field,
                format!("at most {TAX_RATE_SCALE_MAX} decimal places, got {rate}"),
            ));
        }
    }
    Ok(())
}
