//! The in-memory backend: for tests, simulations and embedding without a file.
//!
//! One mutex serialises transactions. Writes apply in place and push a
//! closure that undoes them; a transaction dropped without commit runs the
//! undo log backwards, so a rejected command leaves nothing behind.

mod contract;

use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;
use std::sync::{Mutex, MutexGuard, PoisonError};

use super::{
    version_conflict, Access, BackorderEntry, IdempotencyRecord, LevelDue, MovementTotal, OrderFilter, Store,
    Transaction,
};
use crate::domain::catalog::{Channel, Location, Product};
use crate::domain::events::{Event, EventRecord};
use crate::domain::inventory::reservations::{Reservation, ReservationStatus};
use crate::domain::inventory::transfers::Transfer;
use crate::domain::inventory::{Deltas, Movement, StockLevel};
use crate::domain::order::{Order, OrderStatus};
use crate::kernel::error::Result;
use crate::kernel::ids::{ChannelId, IdempotencyKey, LocationId, OrderId, ReservationId, Sku, TransferId};
use crate::kernel::time::Timestamp;

#[derive(Debug, Default)]
struct State {
    products: HashMap<Sku, Product>,
    locations: BTreeMap<LocationId, Location>,
    channels: HashMap<ChannelId, Channel>,
    stock: BTreeMap<Sku, BTreeMap<LocationId, StockLevel>>,
    movements: Vec<Movement>,
    orders: HashMap<OrderId, Order>,
    order_ids: BTreeMap<u64, OrderId>,
    events: Vec<EventRecord>,
    sequences: HashMap<String, u64>,
    counters: HashMap<String, i64>,
    reservations: HashMap<ReservationId, Reservation>,
    /// The units active reservations reserve, by SKU, then expiry, reservation and location.
    reserved_units: BTreeMap<Sku, BTreeMap<(Timestamp, ReservationId, LocationId), i64>>,
    transfers: HashMap<TransferId, Transfer>,
    distances: HashMap<(String, String), u32>,
    backorders: BTreeMap<Sku, BTreeMap<(u64, u32), OrderId>>,
    idempotency: HashMap<IdempotencyKey, IdempotencyRecord>,
}

type Undo = Box<dyn FnOnce(&mut State) + Send>;

/// A store that lives in memory and ends with the process.
#[derive(Debug, Default)]
pub struct MemoryStore {
    state: Mutex<State>,
    /// What the storage contract ([`crate::storage::contract`]) stores.
    contract: Mutex<contract::State>,
}

impl MemoryStore {
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }
}

impl Store for MemoryStore {
    fn begin(&self, _access: Access) -> Result<Box<dyn Transaction + '_>> {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(Box::new(MemoryTransaction { state, undo: Vec::new() }))
    }
}

struct MemoryTransaction<'a> {
    state: MutexGuard<'a, State>,
    undo: Vec<Undo>,
}

impl Drop for MemoryTransaction<'_> {
    fn drop(&mut self) {
        while let Some(step) = self.undo.pop() {
            step(&mut self.state);
        }
    }
}

/// Replaces a reservation's rows in the index of reserved units: `before`'s by `after`'s.
fn reindex_reservation(state: &mut State, before: Option<&Reservation>, after: Option<&Reservation>) {
    if let Some(reservation) = before {
        for units in reservation.reserved_units() {
            if let Some(at_sku) = state.reserved_units.get_mut(&units.sku) {
                at_sku.remove(&(reservation.expires_at, reservation.id.clone(), units.location));
            }
        }
    }
    if let Some(reservation) = after {
        for units in reservation.reserved_units() {
            let at_sku = state.reserved_units.entry(units.sku).or_default();
            at_sku.insert((reservation.expires_at, reservation.id.clone(), units.location), units.quantity);
        }
    }
}

impl MemoryTransaction<'_> {
    /// Per location, units of `sku` reserved by active reservations expiring at or before `now`.
    fn expired_units(&self, sku: &Sku, now: Timestamp) -> Vec<(&LocationId, i64)> {
        let at_sku = self.state.reserved_units.get(sku).into_iter().flatten();
        at_sku.take_while(|((expires_at, _, _), _)| *expires_at <= now).map(|((_, _, at), n)| (at, *n)).collect()
    }
}

fn check_version(what: &str, key: &str, stored: Option<u64>, written: u64) -> Result<()> {
    let stored = stored.unwrap_or(0);
    if written == stored + 1 {
        Ok(())
    } else {
        Err(version_conflict(what, key, stored, written))
    }
}

/// Puts `value` under `key` in the map `pick` selects, with an undo step that restores the old value.
fn put_hashed<K, V>(
    transaction: &mut MemoryTransaction<'_>,
    pick: fn(&mut State) -> &mut HashMap<K, V>,
    key: K,
    value: V,
) where
    K: Hash + Eq + Clone + Send + 'static,
    V: Send + 'static,
{
    let old = pick(&mut transaction.state).insert(key.clone(), value);
    transaction.undo.push(Box::new(move |state| {
        let map = pick(state);
        match old {
            Some(value) => map.insert(key, value),
            None => map.remove(&key),
        };
    }));
}

impl Transaction for MemoryTransaction<'_> {
    fn product(&mut self, sku: &Sku) -> Result<Option<Product>> {
        Ok(self.state.products.get(sku).cloned())
    }

    fn put_product(&mut self, product: &Product) -> Result<()> {
        let stored = self.state.products.get(&product.sku).map(|p| p.version);
        check_version("product", product.sku.as_str(), stored, product.version)?;
        put_hashed(self, |state| &mut state.products, product.sku.clone(), product.clone());
        Ok(())
    }

    fn location(&mut self, id: &LocationId) -> Result<Option<Location>> {
        Ok(self.state.locations.get(id).cloned())
    }

    fn put_location(&mut self, location: &Location) -> Result<()> {
        let stored = self.state.locations.get(&location.id).map(|l| l.version);
        check_version("location", location.id.as_str(), stored, location.version)?;
        let old = self.state.locations.insert(location.id.clone(), location.clone());
        let id = location.id.clone();
        self.undo.push(Box::new(move |state| {
            match old {
                Some(old) => state.locations.insert(id, old),
                None => state.locations.remove(&id),
            };
        }));
        Ok(())
    }

    fn locations(&mut self) -> Result<Vec<Location>> {
        Ok(self.state.locations.values().cloned().collect())
    }

    fn channels(&mut self) -> Result<Vec<Channel>> {
        let mut channels: Vec<Channel> = self.state.channels.values().cloned().collect();
        channels.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(channels)
    }

    fn product_page(&mut self, after: Option<&Sku>, limit: usize) -> Result<Vec<Product>> {
        let mut products: Vec<&Product> =
            self.state.products.values().filter(|product| after.is_none_or(|after| &product.sku > after)).collect();
        products.sort_by(|a, b| a.sku.cmp(&b.sku));
        Ok(products.into_iter().take(limit).cloned().collect())
    }

    fn channel(&mut self, id: &ChannelId) -> Result<Option<Channel>> {
        Ok(self.state.channels.get(id).cloned())
    }

    fn put_channel(&mut self, channel: &Channel) -> Result<()> {
        let stored = self.state.channels.get(&channel.id).map(|c| c.version);
        check_version("channel", channel.id.as_str(), stored, channel.version)?;
        put_hashed(self, |state| &mut state.channels, channel.id.clone(), channel.clone());
        Ok(())
    }

    fn stock(&mut self, sku: &Sku, location: &LocationId) -> Result<Option<StockLevel>> {
        Ok(self.state.stock.get(sku).and_then(|at_sku| at_sku.get(location)).cloned())
    }

    fn put_stock(&mut self, level: &StockLevel) -> Result<()> {
        let at_sku = self.state.stock.entry(level.sku.clone()).or_default();
        let stored = at_sku.get(&level.location).map(|s| s.version);
        check_version("stock", &format!("{}@{}", level.sku, level.location), stored, level.version)?;
        let old = at_sku.insert(level.location.clone(), level.clone());
        let (sku, location) = (level.sku.clone(), level.location.clone());
        self.undo.push(Box::new(move |state| {
            let at_sku = state.stock.entry(sku).or_default();
            match old {
                Some(old) => at_sku.insert(location, old),
                None => at_sku.remove(&location),
            };
        }));
        Ok(())
    }

    fn stock_levels(&mut self, sku: Option<&Sku>, location: Option<&LocationId>) -> Result<Vec<StockLevel>> {
        let at = |level: &&StockLevel| location.is_none_or(|l| &level.location == l);
        Ok(match sku {
            Some(sku) => self.state.stock.get(sku).into_iter().flat_map(BTreeMap::values).filter(at).cloned().collect(),
            None => self.state.stock.values().flat_map(BTreeMap::values).filter(at).cloned().collect(),
        })
    }

    fn append_movement(&mut self, movement: &Movement) -> Result<u64> {
        let sequence = self.state.movements.len() as u64 + 1;
        self.state.movements.push(Movement { sequence, ..movement.clone() });
        self.undo.push(Box::new(|state| {
            state.movements.pop();
        }));
        Ok(sequence)
    }

    fn movements(&mut self, sku: &Sku, location: &LocationId, after: u64, limit: usize) -> Result<Vec<Movement>> {
        let start = usize::try_from(after).unwrap_or(usize::MAX);
        Ok(self
            .state
            .movements
            .iter()
            .skip(start)
            .filter(|m| &m.sku == sku && &m.location == location)
            .take(limit)
            .cloned()
            .collect())
    }

    fn movement_totals(&mut self) -> Result<Vec<MovementTotal>> {
        let mut totals: BTreeMap<(Sku, LocationId), Deltas> = BTreeMap::new();
        for movement in &self.state.movements {
            let entry = totals.entry((movement.sku.clone(), movement.location.clone())).or_default();
            entry.on_hand += movement.deltas.on_hand;
            entry.allocated += movement.deltas.allocated;
            entry.reserved += movement.deltas.reserved;
            entry.quarantined += movement.deltas.quarantined;
            entry.incoming += movement.deltas.incoming;
        }
        Ok(totals.into_iter().map(|((sku, location), totals)| MovementTotal { sku, location, totals }).collect())
    }

    fn order(&mut self, id: &OrderId) -> Result<Option<Order>> {
        Ok(self.state.orders.get(id).cloned())
    }

    fn put_order(&mut self, order: &Order) -> Result<()> {
        let stored = self.state.orders.get(&order.id).map(|o| o.version);
        check_version("order", order.id.as_str(), stored, order.version)?;
        if stored.is_none() {
            self.state.order_ids.insert(order.sequence, order.id.clone());
            let sequence = order.sequence;
            self.undo.push(Box::new(move |state| {
                state.order_ids.remove(&sequence);
            }));
        }
        put_hashed(self, |state| &mut state.orders, order.id.clone(), order.clone());
        Ok(())
    }

    fn orders(&mut self, filter: &OrderFilter) -> Result<Vec<Order>> {
        let state = &*self.state;
        Ok(state
            .order_ids
            .range(filter.after_sequence + 1..)
            .filter_map(|(_, id)| state.orders.get(id))
            .filter(|order| {
                filter.customer_email.as_ref().is_none_or(|email| &order.customer_email == email)
                    && filter.channel.as_ref().is_none_or(|channel| &order.channel == channel)
                    && filter.status.is_none_or(|status| order.status == status)
            })
            .take(filter.limit)
            .cloned()
            .collect())
    }

    fn order_status_counts(&mut self) -> Result<Vec<(OrderStatus, u64)>> {
        let mut counts: BTreeMap<&'static str, (OrderStatus, u64)> = BTreeMap::new();
        for order in self.state.orders.values() {
            counts.entry(order.status.as_str()).or_insert((order.status, 0)).1 += 1;
        }
        Ok(counts.into_values().collect())
    }

    fn next_sequence(&mut self, name: &str) -> Result<u64> {
        let next = self.state.sequences.get(name).copied().unwrap_or(0) + 1;
        put_hashed(self, |state| &mut state.sequences, name.to_string(), next);
        Ok(next)
    }

    fn append_event(&mut self, occurred_at: Timestamp, event: &Event) -> Result<u64> {
        let sequence = self.state.events.len() as u64 + 1;
        self.state.events.push(EventRecord { sequence, occurred_at, event: event.clone() });
        self.undo.push(Box::new(|state| {
            state.events.pop();
        }));
        Ok(sequence)
    }

    fn events_since(&mut self, cursor: u64, limit: usize) -> Result<Vec<EventRecord>> {
        let start = usize::try_from(cursor).unwrap_or(usize::MAX);
        Ok(self.state.events.iter().skip(start).take(limit).cloned().collect())
    }

    fn reservation(&mut self, id: &ReservationId) -> Result<Option<Reservation>> {
        Ok(self.state.reservations.get(id).cloned())
    }

    fn put_reservation(&mut self, reservation: &Reservation) -> Result<()> {
        let stored = self.state.reservations.get(&reservation.id).map(|r| r.version);
        check_version("reservation", reservation.id.as_str(), stored, reservation.version)?;
        let before = self.state.reservations.get(&reservation.id).cloned();
        reindex_reservation(&mut self.state, before.as_ref(), Some(reservation));
        let after = reservation.clone();
        self.undo.push(Box::new(move |state| reindex_reservation(state, Some(&after), before.as_ref())));
        put_hashed(self, |state| &mut state.reservations, reservation.id.clone(), reservation.clone());
        Ok(())
    }

    fn expired_reservations(&mut self, now: Timestamp, limit: usize) -> Result<Vec<Reservation>> {
        let mut expired: Vec<Reservation> = self
            .state
            .reservations
            .values()
            .filter(|reservation| reservation.status == ReservationStatus::Active && reservation.expires_at <= now)
            .cloned()
            .collect();
        expired.sort_by(|a, b| (a.expires_at, &a.id).cmp(&(b.expires_at, &b.id)));
        expired.truncate(limit);
        Ok(expired)
    }

    fn stock_levels_due(&mut self, skus: &[&Sku], now: Timestamp) -> Result<Vec<LevelDue>> {
        let mut due = Vec::new();
        for sku in skus {
            let expired = self.expired_units(sku, now);
            for level in self.state.stock.get(*sku).into_iter().flat_map(BTreeMap::values) {
                let reserved_expired = expired.iter().filter(|(at, _)| *at == &level.location).map(|(_, n)| n).sum();
                due.push(LevelDue { level: level.clone(), reserved_expired });
            }
        }
        Ok(due)
    }

    fn expired_reservations_of(&mut self, skus: &[&Sku], now: Timestamp) -> Result<Vec<Reservation>> {
        let mut ids: Vec<(Timestamp, &ReservationId)> = Vec::new();
        for sku in skus {
            let at_sku = self.state.reserved_units.get(*sku).into_iter().flatten();
            ids.extend(
                at_sku.take_while(|((expires_at, _, _), _)| *expires_at <= now).map(|((at, id, _), _)| (*at, id)),
            );
        }
        ids.sort();
        ids.dedup();
        Ok(ids.into_iter().filter_map(|(_, id)| self.state.reservations.get(id).cloned()).collect())
    }

    fn transfer(&mut self, id: &TransferId) -> Result<Option<Transfer>> {
        Ok(self.state.transfers.get(id).cloned())
    }

    fn put_transfer(&mut self, transfer: &Transfer) -> Result<()> {
        let stored = self.state.transfers.get(&transfer.id).map(|t| t.version);
        check_version("transfer", transfer.id.as_str(), stored, transfer.version)?;
        put_hashed(self, |state| &mut state.transfers, transfer.id.clone(), transfer.clone());
        Ok(())
    }

    fn region_distance(&mut self, from_region: &str, to_region: &str) -> Result<Option<u32>> {
        Ok(self.state.distances.get(&(from_region.to_string(), to_region.to_string())).copied())
    }

    fn put_region_distance(&mut self, from_region: &str, to_region: &str, distance_km: u32) -> Result<()> {
        put_hashed(self, |state| &mut state.distances, (from_region.to_string(), to_region.to_string()), distance_km);
        Ok(())
    }

    fn counter(&mut self, name: &str) -> Result<i64> {
        Ok(self.state.counters.get(name).copied().unwrap_or(0))
    }

    fn add_to_counter(&mut self, name: &str, delta: i64) -> Result<i64> {
        let value = self.state.counters.get(name).copied().unwrap_or(0) + delta;
        put_hashed(self, |state| &mut state.counters, name.to_string(), value);
        Ok(value)
    }

    fn add_backorder(&mut self, entry: &BackorderEntry) -> Result<()> {
        let queue = self.state.backorders.entry(entry.sku.clone()).or_default();
        let key = (entry.order_sequence, entry.line_number);
        if queue.insert(key, entry.order_id.clone()).is_none() {
            let sku = entry.sku.clone();
            self.undo.push(Box::new(move |state| {
                if let Some(queue) = state.backorders.get_mut(&sku) {
                    queue.remove(&key);
                }
            }));
        }
        Ok(())
    }

    fn backorders(&mut self, sku: &Sku, limit: usize) -> Result<Vec<BackorderEntry>> {
        Ok(self
            .state
            .backorders
            .get(sku)
            .into_iter()
            .flatten()
            .take(limit)
            .map(|((order_sequence, line_number), order_id)| BackorderEntry {
                sku: sku.clone(),
                order_sequence: *order_sequence,
                order_id: order_id.clone(),
                line_number: *line_number,
            })
            .collect())
    }

    fn remove_backorder(&mut self, entry: &BackorderEntry) -> Result<()> {
        let key = (entry.order_sequence, entry.line_number);
        let removed = self.state.backorders.get_mut(&entry.sku).and_then(|queue| queue.remove(&key));
        if let Some(order_id) = removed {
            let sku = entry.sku.clone();
            self.undo.push(Box::new(move |state| {
                state.backorders.entry(sku).or_default().insert(key, order_id);
            }));
        }
        Ok(())
    }

    fn idempotency(&mut self, key: &IdempotencyKey) -> Result<Option<IdempotencyRecord>> {
        Ok(self.state.idempotency.get(key).cloned())
    }

    fn put_idempotency(&mut self, record: &IdempotencyRecord) -> Result<()> {
        if self.state.idempotency.contains_key(&record.key) {
            return Err(version_conflict("idempotency key", record.key.as_str(), 1, 1));
        }
        put_hashed(self, |state| &mut state.idempotency, record.key.clone(), record.clone());
        Ok(())
    }

    fn commit(mut self: Box<Self>) -> Result<()> {
        self.undo.clear();
        Ok(())
    }
}
