//! The in-memory backend: for tests, simulations and embedding without a file.
//!
//! One mutex serialises transactions. Writes apply in place and record how to
//! undo themselves; a transaction dropped without commit replays the undo log,
//! so a rejected command leaves nothing behind.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard, PoisonError};

use super::{version_conflict, Access, IdempotencyRecord, MovementTotal, OrderFilter, Store, Transaction};
use crate::catalog::{Channel, Location, Product};
use crate::error::Result;
use crate::events::{Event, EventRecord};
use crate::ids::{ChannelId, IdempotencyKey, LocationId, OrderId, Sku};
use crate::inventory::{Movement, StockLevel};
use crate::order::{Order, OrderStatus};
use crate::time::Timestamp;

#[derive(Debug, Default)]
struct State {
    products: HashMap<Sku, Product>,
    locations: HashMap<LocationId, Location>,
    channels: HashMap<ChannelId, Channel>,
    stock: BTreeMap<Sku, BTreeMap<LocationId, StockLevel>>,
    movements: Vec<Movement>,
    orders: HashMap<OrderId, Order>,
    order_ids: BTreeMap<u64, OrderId>,
    events: Vec<EventRecord>,
    sequences: HashMap<String, u64>,
    idempotency: HashMap<IdempotencyKey, IdempotencyRecord>,
}

enum Undo {
    Product(Sku, Option<Product>),
    Location(LocationId, Option<Location>),
    Channel(ChannelId, Option<Channel>),
    Stock((Sku, LocationId), Option<StockLevel>),
    Order(OrderId, Option<Box<Order>>),
    Movement,
    Event,
    Sequence(String, Option<u64>),
    Idempotency(IdempotencyKey),
}

/// A store that lives in memory and ends with the process.
#[derive(Debug, Default)]
pub struct MemoryStore {
    state: Mutex<State>,
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
            let state = &mut *self.state;
            match step {
                Undo::Product(key, old) => restore(&mut state.products, key, old),
                Undo::Location(key, old) => restore(&mut state.locations, key, old),
                Undo::Channel(key, old) => restore(&mut state.channels, key, old),
                Undo::Stock((sku, location), old) => {
                    let at_sku = state.stock.entry(sku).or_default();
                    match old {
                        Some(value) => at_sku.insert(location, value),
                        None => at_sku.remove(&location),
                    };
                }
                Undo::Order(key, old) => {
                    if old.is_none() {
                        if let Some(order) = state.orders.get(&key) {
                            state.order_ids.remove(&order.sequence);
                        }
                    }
                    restore(&mut state.orders, key, old.map(|order| *order));
                }
                Undo::Movement => {
                    state.movements.pop();
                }
                Undo::Event => {
                    state.events.pop();
                }
                Undo::Sequence(name, old) => restore(&mut state.sequences, name, old),
                Undo::Idempotency(key) => {
                    state.idempotency.remove(&key);
                }
            }
        }
    }
}

fn restore<K: std::hash::Hash + Eq, V>(map: &mut HashMap<K, V>, key: K, old: Option<V>) {
    match old {
        Some(value) => {
            map.insert(key, value);
        }
        None => {
            map.remove(&key);
        }
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

impl Transaction for MemoryTransaction<'_> {
    fn product(&mut self, sku: &Sku) -> Result<Option<Product>> {
        Ok(self.state.products.get(sku).cloned())
    }

    fn put_product(&mut self, product: &Product) -> Result<()> {
        let old = self.state.products.get(&product.sku).cloned();
        check_version("product", product.sku.as_str(), old.as_ref().map(|p| p.version), product.version)?;
        self.state.products.insert(product.sku.clone(), product.clone());
        self.undo.push(Undo::Product(product.sku.clone(), old));
        Ok(())
    }

    fn location(&mut self, id: &LocationId) -> Result<Option<Location>> {
        Ok(self.state.locations.get(id).cloned())
    }

    fn put_location(&mut self, location: &Location) -> Result<()> {
        let old = self.state.locations.get(&location.id).cloned();
        check_version("location", location.id.as_str(), old.as_ref().map(|l| l.version), location.version)?;
        self.state.locations.insert(location.id.clone(), location.clone());
        self.undo.push(Undo::Location(location.id.clone(), old));
        Ok(())
    }

    fn channel(&mut self, id: &ChannelId) -> Result<Option<Channel>> {
        Ok(self.state.channels.get(id).cloned())
    }

    fn put_channel(&mut self, channel: &Channel) -> Result<()> {
        let old = self.state.channels.get(&channel.id).cloned();
        check_version("channel", channel.id.as_str(), old.as_ref().map(|c| c.version), channel.version)?;
        self.state.channels.insert(channel.id.clone(), channel.clone());
        self.undo.push(Undo::Channel(channel.id.clone(), old));
        Ok(())
    }

    fn stock(&mut self, sku: &Sku, location: &LocationId) -> Result<Option<StockLevel>> {
        Ok(self.state.stock.get(sku).and_then(|at_sku| at_sku.get(location)).cloned())
    }

    fn put_stock(&mut self, level: &StockLevel) -> Result<()> {
        let at_sku = self.state.stock.entry(level.sku.clone()).or_default();
        let stored = at_sku.get(&level.location).map(|s| s.version);
        if level.version != stored.unwrap_or(0) + 1 {
            return Err(version_conflict(
                "stock",
                &format!("{}@{}", level.sku, level.location),
                stored.unwrap_or(0),
                level.version,
            ));
        }
        let old = at_sku.insert(level.location.clone(), level.clone());
        self.undo.push(Undo::Stock((level.sku.clone(), level.location.clone()), old));
        Ok(())
    }

    fn stock_levels(&mut self, sku: Option<&Sku>, location: Option<&LocationId>) -> Result<Vec<StockLevel>> {
        let at = |level: &&StockLevel| location.map_or(true, |l| &level.location == l);
        Ok(match sku {
            Some(sku) => self.state.stock.get(sku).into_iter().flat_map(BTreeMap::values).filter(at).cloned().collect(),
            None => self.state.stock.values().flat_map(BTreeMap::values).filter(at).cloned().collect(),
        })
    }

    fn append_movement(&mut self, movement: &Movement) -> Result<u64> {
        let sequence = self.state.movements.len() as u64 + 1;
        self.state.movements.push(Movement { sequence, ..movement.clone() });
        self.undo.push(Undo::Movement);
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
        let mut totals: BTreeMap<(Sku, LocationId), (i64, i64)> = BTreeMap::new();
        for movement in &self.state.movements {
            let entry = totals.entry((movement.sku.clone(), movement.location.clone())).or_default();
            entry.0 += movement.on_hand_delta;
            entry.1 += movement.allocated_delta;
        }
        Ok(totals
            .into_iter()
            .map(|((sku, location), (on_hand, allocated))| MovementTotal { sku, location, on_hand, allocated })
            .collect())
    }

    fn order(&mut self, id: &OrderId) -> Result<Option<Order>> {
        Ok(self.state.orders.get(id).cloned())
    }

    fn put_order(&mut self, order: &Order) -> Result<()> {
        let old = self.state.orders.get(&order.id).cloned();
        check_version("order", order.id.as_str(), old.as_ref().map(|o| o.version), order.version)?;
        self.state.order_ids.insert(order.sequence, order.id.clone());
        self.state.orders.insert(order.id.clone(), order.clone());
        self.undo.push(Undo::Order(order.id.clone(), old.map(Box::new)));
        Ok(())
    }

    fn orders(&mut self, filter: &OrderFilter) -> Result<Vec<Order>> {
        let state = &*self.state;
        Ok(state
            .order_ids
            .range(filter.after_sequence + 1..)
            .filter_map(|(_, id)| state.orders.get(id))
            .filter(|order| {
                filter.customer_email.as_ref().map_or(true, |email| &order.customer_email == email)
                    && filter.channel.as_ref().map_or(true, |channel| &order.channel == channel)
                    && filter.status.map_or(true, |status| order.status == status)
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
        let old = self.state.sequences.get(name).copied();
        let next = old.unwrap_or(0) + 1;
        self.state.sequences.insert(name.to_string(), next);
        self.undo.push(Undo::Sequence(name.to_string(), old));
        Ok(next)
    }

    fn append_event(&mut self, occurred_at: Timestamp, event: &Event) -> Result<u64> {
        let sequence = self.state.events.len() as u64 + 1;
        self.state.events.push(EventRecord { sequence, occurred_at, event: event.clone() });
        self.undo.push(Undo::Event);
        Ok(sequence)
    }

    fn events_since(&mut self, cursor: u64, limit: usize) -> Result<Vec<EventRecord>> {
        let start = usize::try_from(cursor).unwrap_or(usize::MAX);
        Ok(self.state.events.iter().skip(start).take(limit).cloned().collect())
    }

    fn idempotency(&mut self, key: &IdempotencyKey) -> Result<Option<IdempotencyRecord>> {
        Ok(self.state.idempotency.get(key).cloned())
    }

    fn put_idempotency(&mut self, record: &IdempotencyRecord) -> Result<()> {
        if self.state.idempotency.contains_key(&record.key) {
            return Err(version_conflict("idempotency key", record.key.as_str(), 1, 1));
        }
        self.state.idempotency.insert(record.key.clone(), record.clone());
        self.undo.push(Undo::Idempotency(record.key.clone()));
        Ok(())
    }

    fn commit(mut self: Box<Self>) -> Result<()> {
        self.undo.clear();
        Ok(())
    }
}
