//! The `Transaction` trait on PostgreSQL. Each method hands over to the file
//! that stores its records; ledger movements and outbox events are buffered
//! here and written at commit, whose outcome is asked for if the connection
//! is lost during it.

use super::errors::{self, pg_error};
use super::{catalogue, counters, idempotency, orders, outbox, reservations, stock, transfers, PostgresTransaction};
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

impl Transaction for PostgresTransaction<'_> {
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

    fn put_stocks(&mut self, levels: &[StockLevel]) -> Result<()> {
        stock::put_stocks(self, levels)
    }

    fn append_movement(&mut self, movement: &Movement) -> Result<u64> {
        // Inserted at commit in one statement; the number returned is provisional.
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
        // Numbered at commit; the returned number is provisional (events are
        // only ever read after commit).
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
        stock::flush_movements(&mut self)?;
        outbox::flush_events(&mut self)?;
        if self.write && self.txid.is_none() {
            // A write transaction without events: ask for its id (none if it wrote nothing).
            let rows = self.query("SELECT txid_current_if_assigned()", &[])?;
            self.txid = rows.first().and_then(|row| row.get::<_, Option<i64>>(0));
        }
        self.store.count_statement();
        let Err(error) = self.connection()?.client.batch_execute("COMMIT") else {
            self.finished = true;
            return Ok(());
        };
        if !errors::lost_connection(&error) {
            // The server answered COMMIT with an error: it rolled the transaction back.
            return Err(pg_error(error));
        }
        let (store, txid) = (self.store, self.txid);
        // Gives the dead connection's place in the pool back before another is taken.
        drop(self);
        store.commit_outcome(txid, pg_error(error))
    }
}
