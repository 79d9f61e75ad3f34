//! The shell around the allocation engine: choosing strategies for an order,
//! loading the candidate locations with their distances and load, and
//! filling backorders when stock arrives.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

use super::{Oms, StockChanges};
use crate::app::records::{BackorderEntry, Records};
use crate::domain::allocation::{
    self, AllocationStrategy, LineDemand, PickupInStore, Plan, PointOfSale, Request, ShipFromStore, ShipFromWarehouse,
    Site,
};
use crate::domain::catalog::{Channel, ChannelKind, Location, PickupFallback};
use crate::domain::events::Event;
use crate::domain::inventory;
use crate::domain::order::{FulfilmentMethod, LineAllocation, Order};
use crate::kernel::error::{Entity, Error, Result};
use crate::kernel::ids::{LocationId, Sku};
use crate::kernel::limits::BACKORDER_FILL_MAX;
use crate::kernel::time::Timestamp;

/// How an order or reservation is routed: where it is fulfilled and by which strategies, in turn.
pub(crate) struct Routing {
    pub(crate) method: FulfilmentMethod,
    pub(crate) store: Option<LocationId>,
    pub(crate) destination: Option<String>,
    pub(crate) strategies: Vec<Arc<dyn AllocationStrategy>>,
}

/// The counter of shipments started at a location on a day.
pub(crate) fn capacity_key(location: &LocationId, day: NaiveDate) -> String {
    format!("shipments:{location}:{day}")
}

impl Oms {
    fn strategy(&self, name: &str) -> Result<Arc<dyn AllocationStrategy>> {
        match name {
            "ship_from_warehouse" => Ok(Arc::new(ShipFromWarehouse)),
            "ship_from_store" => Ok(Arc::new(ShipFromStore)),
            other => {
                self.strategies.get(other).cloned().ok_or_else(|| Error::Rejected {
                    message: format!("allocation strategy {other:?} is not registered"),
                })
            }
        }
    }

    /// Chooses the fulfilment and strategies: a point-of-sale channel sells at
    /// its store; a pickup location means pickup there (then shipping to the
    /// store, if the channel allows); anything else ships with the channel's strategy.
    pub(crate) fn routing(
        &self,
        tx: &mut dyn Records,
        channel: &Channel,
        pickup_location: Option<&LocationId>,
        ship_to_region: Option<&str>,
    ) -> Result<Routing> {
        if channel.kind == ChannelKind::PointOfSale {
            let store = pickup_location.or(channel.locations.first()).cloned();
            let store = store.ok_or_else(|| Error::invalid_input("pickup_location", "name the till's store"))?;
            permitted(channel, &store)?;
            return Ok(Routing {
                method: FulfilmentMethod::PointOfSale,
                store: Some(store),
                destination: None,
                strategies: vec![Arc::new(PointOfSale)],
            });
        }
        if let Some(store) = pickup_location {
            let location = tx.location(store)?.ok_or_else(|| Error::not_found(Entity::Location, store))?;
            permitted(channel, store)?;
            if !location.capabilities.offers_pickup {
                return Err(Error::PickupNotOffered { location: store.to_string() });
            }
            let mut strategies: Vec<Arc<dyn AllocationStrategy>> = vec![Arc::new(PickupInStore)];
            if channel.pickup_fallback == PickupFallback::ShipToStore {
                strategies.push(Arc::new(ShipFromWarehouse));
            }
            return Ok(Routing {
                method: FulfilmentMethod::Pickup,
                store: Some(store.clone()),
                destination: Some(location.region),
                strategies,
            });
        }
        Ok(Routing {
            method: FulfilmentMethod::Ship,
            store: None,
            destination: ship_to_region.map(str::to_string),
            strategies: vec![self.strategy(&channel.strategy)?],
        })
    }

    /// Plans `lines` over the channel's locations (less `excluded`), reading
    /// stock through `changes` so that units this command already moved count.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn plan_lines(
        &self,
        tx: &mut dyn Records,
        channel: &Channel,
        routing: &Routing,
        lines: &[LineDemand<'_>],
        changes: &mut StockChanges,
        today: NaiveDate,
        excluded: Option<&LocationId>,
        explain: bool,
    ) -> Result<Plan> {
        // Every location, ordered by id: found by binary search, no id is cloned or hashed.
        let shared = tx.locations()?;
        let sorted;
        let all: &[Location] = if shared.windows(2).all(|pair| pair[0].id <= pair[1].id) {
            &shared
        } else {
            // Listed in id order by every backend; this keeps the search right regardless.
            sorted = {
                let mut copy = shared.to_vec();
                copy.sort_by(|a, b| a.id.cmp(&b.id));
                copy
            };
            &sorted
        };
        let mut distances: HashMap<String, Option<u32>> = HashMap::new();
        let mut sites = Vec::with_capacity(channel.locations.len());
        for (position, id) in channel.locations.iter().enumerate() {
            let Ok(found) = all.binary_search_by(|location| location.id.cmp(id)) else { continue };
            let location = &all[found];
            if excluded == Some(id) {
                continue;
            }
            let distance_km = match &routing.destination {
                None => None,
                Some(destination) if *destination == location.region => Some(0),
                Some(destination) => match distances.get(&location.region) {
                    Some(known) => *known,
                    None => {
                        let found = tx.region_distance(destination, &location.region)?;
                        distances.insert(location.region.clone(), found);
                        found
                    }
                },
            };
            let shipments_today = match location.daily_capacity {
                Some(_) => tx.counter(&capacity_key(id, today))?,
                None => 0,
            };
            sites.push(Site { location, permitted: true, position, distance_km, shipments_today });
        }
        // SKUs in sorted order: on PostgreSQL this takes the stock row locks in
        // one fixed order across all writers, so two orders cannot deadlock.
        let mut skus: Vec<&Sku> = lines.iter().map(|line| line.sku).collect();
        skus.sort();
        skus.dedup();
        changes.load_skus(tx, &skus)?;
        let request = Request {
            channel,
            lines,
            destination_region: routing.destination.as_deref(),
            store: routing.store.as_ref(),
        };
        let strategies: Vec<&dyn AllocationStrategy> = routing.strategies.iter().map(|s| s.as_ref()).collect();
        // Each SKU's stock laid out by the sites' positions, so that the engine
        // looks a candidate up by index rather than by hashing its id.
        let position_of: HashMap<&LocationId, usize> =
            sites.iter().map(|site| (&site.location.id, site.position)).collect();
        let dense: Vec<(&Sku, Vec<(i64, i64)>)> = skus
            .iter()
            .map(|sku| {
                let mut column = vec![(0, 0); channel.locations.len()];
                for level in changes.levels_of(sku) {
                    if let Some(position) = position_of.get(&level.location) {
                        column[*position] = (level.available(), level.available_after(channel.safety_stock));
                    }
                }
                (*sku, column)
            })
            .collect();
        let lookup = |sku: &Sku, site: &Site<'_>| {
            // The engine passes the request's own SKU references: compare addresses before text.
            dense
                .iter()
                .find(|(known, _)| std::ptr::eq(*known, sku) || *known == sku)
                .map_or((0, 0), |(_, column)| column[site.position])
        };
        Ok(allocation::plan(&request, &sites, &strategies, &lookup, explain))
    }
}

fn permitted(channel: &Channel, location: &LocationId) -> Result<()> {
    if channel.locations.contains(location) {
        Ok(())
    } else {
        Err(Error::LocationNotPermitted { location: location.to_string(), channel: channel.id.to_string() })
    }
}

/// Counts one shipment today at each location that has a daily capacity.
pub(crate) fn count_shipments(tx: &mut dyn Records, locations: &[&LocationId], today: NaiveDate) -> Result<()> {
    for id in locations {
        if tx.location(id)?.is_some_and(|location| location.daily_capacity.is_some()) {
            tx.add_to_counter(&capacity_key(id, today), 1)?;
        }
    }
    Ok(())
}

/// Adds `quantity` to a line's allocation at `location`, merging with an existing one.
pub(crate) fn add_allocation(allocations: &mut Vec<LineAllocation>, location: &LocationId, quantity: i64) {
    match allocations.iter_mut().find(|a| &a.location == location) {
        Some(existing) => existing.quantity += quantity,
        None => allocations.push(LineAllocation { location: location.clone(), quantity }),
    }
}

/// Stock of `sku` arrived at `location`: give it to backordered lines, oldest
/// order first, where the order's channel may use the location.
pub(crate) fn fill_backorders(
    tx: &mut dyn Records,
    sku: &Sku,
    location: &LocationId,
    changes: &mut StockChanges,
    now: Timestamp,
    events: &mut Vec<Event>,
) -> Result<()> {
    for entry in tx.backorders(sku, BACKORDER_FILL_MAX)? {
        let Some(mut order) = tx.order(&entry.order_id)? else {
            tx.remove_backorder(&entry)?;
            continue;
        };
        let Some(index) = order.lines.iter().position(|line| line.line_number == entry.line_number) else {
            tx.remove_backorder(&entry)?;
            continue;
        };
        let wanted = order.lines[index].quantities.backordered;
        if wanted == 0 {
            tx.remove_backorder(&entry)?;
            continue;
        }
        let channel = tx.channel(&order.channel)?.ok_or_else(|| Error::not_found(Entity::Channel, &order.channel))?;
        if !channel.locations.contains(location) {
            continue;
        }
        // Filling takes available stock: expired reservations of the SKU give theirs back first.
        super::reservations::free_expired(tx, &[sku], now, changes)?;
        let free = changes.peek(sku, location).map_or(0, |level| level.available_after(channel.safety_stock));
        let units = wanted.min(free);
        if units == 0 {
            continue;
        }
        give_backordered_units(tx, &mut order, index, location, units, changes, now, events)?;
        if order.lines[index].quantities.backordered == 0 {
            tx.remove_backorder(&entry)?;
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn give_backordered_units(
    tx: &mut dyn Records,
    order: &mut Order,
    index: usize,
    location: &LocationId,
    units: i64,
    changes: &mut StockChanges,
    now: Timestamp,
    events: &mut Vec<Event>,
) -> Result<()> {
    let order_id = order.id.clone();
    let line = &mut order.lines[index];
    changes.change(tx, &line.sku, location, |level| inventory::allocate(level, units, &order_id, now))?;
    line.quantities.backordered -= units;
    line.quantities.allocated += units;
    add_allocation(&mut line.allocations, location, units);
    events.push(Event::StockAllocated {
        order_id,
        line_number: line.line_number,
        sku: line.sku.clone(),
        location: location.clone(),
        quantity: units,
        from_backorder: true,
    });
    super::orders::save_order(tx, order, "fill backorders of", now, events)
}

/// Queues a line's backordered units for filling.
pub(crate) fn queue_backorder(tx: &mut dyn Records, order: &Order, line_number: u32, sku: &Sku) -> Result<()> {
    tx.add_backorder(&BackorderEntry {
        sku: sku.clone(),
        order_sequence: order.sequence,
        order_id: order.id.clone(),
        line_number,
    })
}
