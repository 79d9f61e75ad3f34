//! The `Transaction` trait on SQLite. Each method hands over to the file
//! that stores its records; ledger movements and outbox events are buffered
//! here and written at commit, a few rows per statement.

use super::{catalogue, counters, idempotency, orders, outbox, reservations, stock, transfers, SqliteTransaction};
use crate::domain::catalog::{Channel, Location, Product};
use crate::domain::events::{Event, EventRecord};
use crate::domain::inventory::reservations::Reservation;
use crate::domain::inventory::transfers::Transfer;
use crate::domain::inventory::{Movement, StockLevel};
use crate::domain::order::{Order, OrderStatus};
use crate::kernel::error::Result;
use crate::kernel::ids::{ChannelId, IdempotencyKey, LocationId, OrderId, ReservationId, Sku, TransferId};
use crate::kernel::time::Timestamp;
use crate::storage::{BackorderEntry, IdempotencyRecord, LevelDue, MovementTotal, OrderFilter, Transaction};

impl Transaction for SqliteTransaction<'_> {
    fn product(&mut self, sku: &Sku) -> Result<Option<Product>> {
        catalogue::product(self, sku)
    }

    fn products(&mut self, skus: &[&Sku]) -> Result<Vec<Option<Product>>> {
        catalogue::products(self, skus)
    }

    fn put_product(&mut self, product: &Product) -> Result<()> {
        catalogue::put_product(self, product)
    }

    fn location(&mut self, id: &LocationId) -> Result<Option<Location>> {
        catalogue::location(self, id)
    }

    fn put_location(&mut self, location: &Location) -> Result<()> {
        catalogue::put_location(self, location)
    }

    fn locations(&mut self) -> Result<Vec<Location>> {
        catalogue::locations(self)
    }

    fn channels(&mut self) -> Result<Vec<Channel>> {
        catalogue::channels(self)
    }

    fn product_page(&mut self, after: Option<&Sku>, limit: usize) -> Result<Vec<Product>> {
        catalogue::product_page(self, after, limit)
    }

    fn channel(&mut self, id: &ChannelId) -> Result<Option<Channel>> {
        catalogue::channel(self, id)
    }

    fn put_channel(&mut self, channel: &Channel) -> Result<()> {
        catalogue::put_channel(self, channel)
    }

    fn stock(&mut self, sku: &Sku, location: &LocationId) -> Result<Option<StockLevel>> {
        stock::stock(self, sku, location)
    }

    fn put_stock(&mut self, level: &StockLevel) -> Result<()> {
        stock::put_stock(self, level)
    }

    fn stock_levels(&mut self, sku: Option<&Sku>, location: Option<&LocationId>) -> Result<Vec<StockLevel>> {
        stock::stock_levels(self, sku, location)
    }

    fn stock_levels_of(&mut self, skus: &[&Sku]) -> Result<Vec<StockLevel>> {
        stock::stock_levels_of(self, skus)
    }

    fn append_movement(&mut self, movement: &Movement) -> Result<u64> {
        // Written at commit in one statement; the number returned is provisional.
        self.movements.push(movement.clone());
        Ok(self.movements.len() as u64)
    }

    fn movements(&mut self, sku: &Sku, location: &LocationId, after: u64, limit: usize) -> Result<Vec<Movement>> {
        stock::movements(self, sku, location, after, limit)
    }

    fn movement_totals(&mut self) -> Result<Vec<MovementTotal>> {
        stock::movement_totals(self)
    }

    fn order(&mut self, id: &OrderId) -> Result<Option<Order>> {
        orders::order(self, id)
    }

    fn put_order(&mut self, order: &Order) -> Result<()> {
        orders::put_order(self, order)
    }

    fn orders(&mut self, filter: &OrderFilter) -> Result<Vec<Order>> {
        orders::orders(self, filter)
    }

    fn order_status_counts(&mut self) -> Result<Vec<(OrderStatus, u64)>> {
        orders::order_status_counts(self)
    }

    fn next_sequence(&mut self, name: &str) -> Result<u64> {
        counters::next_sequence(self, name)
    }

    fn append_event(&mut self, occurred_at: Timestamp, event: &Event) -> Result<u64> {
        // Written at commit in one statement; the number returned is provisional.
        self.events.push((occurred_at, event.clone()));
        Ok(self.events.len() as u64)
    }

    fn events_since(&mut self, cursor: u64, limit: usize) -> Result<Vec<EventRecord>> {
        outbox::events_since(self, cursor, limit)
    }

    fn reservation(&mut self, id: &ReservationId) -> Result<Option<Reservation>> {
        reservations::reservation(self, id)
    }

    fn put_reservation(&mut self, reservation: &Reservation) -> Result<()> {
        reservations::put_reservation(self, reservation)
    }

    fn expired_reservations(&mut self, now: Timestamp, limit: usize) -> Result<Vec<Reservation>> {
        reservations::expired_reservations(self, now, limit)
    }

    fn stock_levels_due(&mut self, skus: &[&Sku], now: Timestamp) -> Result<Vec<LevelDue>> {
        reservations::stock_levels_due(self, skus, now)
    }

    fn expired_reservations_of(&mut self, skus: &[&Sku], now: Timestamp) -> Result<Vec<Reservation>> {
        reservations::expired_reservations_of(self, skus, now)
    }

    fn transfer(&mut self, id: &TransferId) -> Result<Option<Transfer>> {
        transfers::transfer(self, id)
    }

    fn put_transfer(&mut self, transfer: &Transfer) -> Result<()> {
        transfers::put_transfer(self, transfer)
    }

    fn region_distance(&mut self, from_region: &str, to_region: &str) -> Result<Option<u32>> {
        catalogue::region_distance(self, from_region, to_region)
    }

    fn put_region_distance(&mut self, from_region: &str, to_region: &str, distance_km: u32) -> Result<()> {
        catalogue::put_region_distance(self, from_region, to_region, distance_km)
    }

    fn counter(&mut self, name: &str) -> Result<i64> {
        counters::counter(self, name)
    }

    fn add_to_counter(&mut self, name: &str, delta: i64) -> Result<i64> {
        counters::add_to_counter(self, name, delta)
    }

    fn add_to_counters(&mut self, deltas: &[(String, i64)]) -> Result<()> {
        counters::add_to_counters(self, deltas)
    }

    fn add_backorder(&mut self, entry: &BackorderEntry) -> Result<()> {
        orders::add_backorder(self, entry)
    }

    fn backorders(&mut self, sku: &Sku, limit: usize) -> Result<Vec<BackorderEntry>> {
        orders::backorders(self, sku, limit)
    }

    fn remove_backorder(&mut self, entry: &BackorderEntry) -> Result<()> {
        orders::remove_backorder(self, entry)
    }

    fn idempotency(&mut self, key: &IdempotencyKey) -> Result<Option<IdempotencyRecord>> {
        idempotency::idempotency(self, key)
    }

    fn put_idempotency(&mut self, record: &IdempotencyRecord) -> Result<()> {
        idempotency::put_idempotency(self, record)
    }

    fn commit(mut self: Box<Self>) -> Result<()> {
        // On failure the transaction drops unfinished and rolls back.
        self.flush()?;
        self.finish()
    }
}

impl SqliteTransaction<'_> {
    /// Writes the buffered movements and events.
    fn flush(&mut self) -> Result<()> {
        let movements = std::mem::take(&mut self.movements);
        let events = std::mem::take(&mut self.events);
        let connection = self.conn()?;
        if !movements.is_empty() {
            stock::insert_movements(connection, &movements)?;
        }
        if !events.is_empty() {
            outbox::insert_events(connection, &events)?;
        }
        Ok(())
    }
}
