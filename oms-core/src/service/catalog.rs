//! Catalogue commands: products, locations, channels. Upserts are
//! idempotent by content: an upsert that changes nothing writes nothing.

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::{append_events, Oms};
use crate::catalog::{Channel, Location, Product};
use crate::commands::{UpsertChannel, UpsertLocation, UpsertProduct};
use crate::error::{Entity, Error, Result};
use crate::events::Event;
use crate::ids::check_text;
use crate::limits::{CHANNEL_LOCATIONS_MAX, TAX_RATES_MAX};

/// Digits after the point a tax rate may have (`0.08875` is fine).
const TAX_RATE_SCALE_MAX: u32 = 6;

impl Oms {
    /// Creates or replaces a location.
    pub fn upsert_location(&self, command: UpsertLocation) -> Result<Location> {
        check_text("region", &command.region)?;
        self.execute("upsert_location", None, &command, |tx, now| {
            let old = tx.location(&command.id)?;
            let next = Location {
                id: command.id.clone(),
                kind: command.kind,
                region: command.region.clone(),
                version: old.as_ref().map_or(1, |l| l.version + 1),
            };
            if let Some(old) = old.filter(|old| Location { version: old.version, ..next.clone() } == *old) {
                return Ok(old);
            }
            tx.put_location(&next)?;
            let event =
                Event::LocationUpserted { location: next.id.clone(), kind: next.kind, region: next.region.clone() };
            append_events(tx, now, &[event])?;
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
                version: old.as_ref().map_or(1, |p| p.version + 1),
            };
            if let Some(old) = old.filter(|old| Product { version: old.version, ..next.clone() } == *old) {
                return Ok(old);
            }
            tx.put_product(&next)?;
            append_events(tx, now, &[Event::ProductUpserted { sku: next.sku.clone(), name: next.name.clone() }])?;
            Ok(next)
        })
    }

    /// Creates or replaces a channel. Every named location must exist.
    pub fn upsert_channel(&self, command: UpsertChannel) -> Result<Channel> {
        check_channel(&command)?;
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
                version: old.as_ref().map_or(1, |c| c.version + 1),
            };
            if let Some(old) = old.filter(|old| Channel { version: old.version, ..next.clone() } == *old) {
                return Ok(old);
            }
            tx.put_channel(&next)?;
            let event = Event::ChannelUpserted {
                channel: next.id.clone(),
                kind: next.kind,
                currency: next.currency,
                locations: next.locations.clone(),
            };
            append_events(tx, now, &[event])?;
            Ok(next)
        })
    }
}

fn check_channel(command: &UpsertChannel) -> Result<()> {
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
