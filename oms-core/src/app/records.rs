//! The typed face of a command's unit of work: the records handlers read
//! and write (orders, stock levels, reservations…), and the few shapes
//! those reads take. One implementation, [`super::unit::Unit`], maps them
//! onto the storage contract for every backend.

use crate::domain::catalog::{Channel, Location, Product};
use crate::domain::events::{Event, EventRecord};
use crate::domain::fulfilment::{Shipment, ShipmentStatus};
use crate::domain::inventory::reservations::Reservation;
use crate::domain::inventory::transfers::Transfer;
use crate::domain::inventory::{Deltas, Movement, StockLevel};
use crate::domain::order::{Order, OrderStatus};
use crate::domain::payment::Payment;
use crate::kernel::error::Result;
use crate::kernel::ids::{
    ChannelId, Email, IdempotencyKey, LocationId, OrderId, PaymentId, ReservationId, ShipmentId, Sku, TransferId,
};
use crate::kernel::time::Timestamp;

/// The stored outcome of a command run under an idempotency key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyRecord {
    pub key: IdempotencyKey,
    /// The command's name, such as `place_order`.
    pub command: String,
    /// The command's canonical JSON, compared on replay.
    pub payload: String,
    /// The result as JSON.
    pub result: String,
    pub created_at: Timestamp,
}

/// A filter over orders; results are in sequence order after `after_sequence`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderFilter {
    pub customer_email: Option<Email>,
    pub channel: Option<ChannelId>,
    pub status: Option<OrderStatus>,
    pub after_sequence: u64,
    pub limit: usize,
}

/// Per (SKU, location), the sums of every ledger movement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovementTotal {
    pub sku: Sku,
    pub location: LocationId,
    pub totals: Deltas,
}

/// An order line waiting for stock of a SKU; served oldest order first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackorderEntry {
    pub sku: Sku,
    pub order_sequence: u64,
    pub order_id: OrderId,
    pub line_number: u32,
}

/// A stock level and the units of it that active reservations whose time is
/// up still reserve: what a sweep of those reservations would give back there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelDue {
    pub level: StockLevel,
    pub reserved_expired: i64,
}

/// What a handler reads and writes, record by record, through its unit of
/// work ([`super::unit::Unit`], which maps each record onto the storage
/// contract). Reads see the unit's own writes.
pub trait Records {
    fn product(&mut self, sku: &Sku) -> Result<Option<Product>>;
    /// Several products at once, in the order asked (a backend may answer in one statement).
    fn products(&mut self, skus: &[&Sku]) -> Result<Vec<Option<Product>>> {
        skus.iter().map(|sku| self.product(sku)).collect()
    }
    fn put_product(&mut self, product: &Product) -> Result<()>;
    fn location(&mut self, id: &LocationId) -> Result<Option<Location>>;
    fn put_location(&mut self, location: &Location) -> Result<()>;
    /// Every location, ordered by id (shared: the unit's catalogue cache hands out one copy).
    fn locations(&mut self) -> Result<std::sync::Arc<Vec<Location>>>;
    /// The channel (shared, as [`Records::locations`]).
    fn channel(&mut self, id: &ChannelId) -> Result<Option<std::sync::Arc<Channel>>>;
    fn put_channel(&mut self, channel: &Channel) -> Result<()>;
    /// Every channel, ordered by id.
    fn channels(&mut self) -> Result<Vec<Channel>>;
    /// Products with a SKU after `after` (all when `None`), ordered by SKU, at most `limit`.
    fn product_page(&mut self, after: Option<&Sku>, limit: usize) -> Result<Vec<Product>>;

    /// The stock of one pair, or `None` if it never had any.
    fn stock(&mut self, sku: &Sku, location: &LocationId) -> Result<Option<StockLevel>>;
    fn put_stock(&mut self, level: &StockLevel) -> Result<()>;
    /// Stock levels, optionally for one SKU and/or one location, ordered by (SKU, location).
    fn stock_levels(&mut self, sku: Option<&Sku>, location: Option<&LocationId>) -> Result<Vec<StockLevel>>;
    /// Every level of several SKUs (given sorted), ordered by (SKU, location);
    /// in a write transaction this takes their row locks in that order.
    fn stock_levels_of(&mut self, skus: &[&Sku]) -> Result<Vec<StockLevel>> {
        let mut levels = Vec::new();
        for sku in skus {
            levels.extend(self.stock_levels(Some(sku), None)?);
        }
        Ok(levels)
    }
    /// Writes several levels, each under the rule of [`Records::put_stock`].
    fn put_stocks(&mut self, levels: &[StockLevel]) -> Result<()> {
        levels.iter().try_for_each(|level| self.put_stock(level))
    }
    /// Appends to the stock ledger; returns the movement's sequence.
    fn append_movement(&mut self, movement: &Movement) -> Result<u64>;
    /// Movements of one pair with a sequence above `after`, oldest first.
    fn movements(&mut self, sku: &Sku, location: &LocationId, after: u64, limit: usize) -> Result<Vec<Movement>>;
    /// Sums of all movements per pair, ordered by (SKU, location).
    fn movement_totals(&mut self) -> Result<Vec<MovementTotal>>;

    fn order(&mut self, id: &OrderId) -> Result<Option<Order>>;
    fn put_order(&mut self, order: &Order) -> Result<()>;
    fn orders(&mut self, filter: &OrderFilter) -> Result<Vec<Order>>;
    /// How many orders are in each status (statuses with none are left out).
    fn order_status_counts(&mut self) -> Result<Vec<(OrderStatus, u64)>>;

    /// The next value of a named counter, starting at 1.
    fn next_sequence(&mut self, name: &str) -> Result<u64>;
    /// Appends to the outbox; returns the event's sequence.
    fn append_event(&mut self, occurred_at: Timestamp, event: Event) -> Result<u64>;
    /// Outbox records with a sequence above `cursor`, oldest first.
    fn events_since(&mut self, cursor: u64, limit: usize) -> Result<Vec<EventRecord>>;

    fn reservation(&mut self, id: &ReservationId) -> Result<Option<Reservation>>;
    fn put_reservation(&mut self, reservation: &Reservation) -> Result<()>;
    /// Active reservations whose expiry is at or before `now`, soonest first.
    fn expired_reservations(&mut self, now: Timestamp, limit: usize) -> Result<Vec<Reservation>>;
    /// Every level of several SKUs (given sorted), as [`Records::stock_levels_of`]
    /// returns them (same order, same row locks), each with the units that
    /// active reservations expiring at or before `now` reserve there. Backends
    /// keep an index of active reservations' units by SKU and expiry (written
    /// with each reservation) so that this costs one read however many
    /// reservations there are.
    fn stock_levels_due(&mut self, skus: &[&Sku], now: Timestamp) -> Result<Vec<LevelDue>>;
    /// Every active reservation expiring at or before `now` that reserves units of any of
    /// `skus` (given sorted), soonest first (then by id); a write transaction
    /// locks them.
    fn expired_reservations_of(&mut self, skus: &[&Sku], now: Timestamp) -> Result<Vec<Reservation>>;

    fn transfer(&mut self, id: &TransferId) -> Result<Option<Transfer>>;
    fn put_transfer(&mut self, transfer: &Transfer) -> Result<()>;
    fn shipment(&mut self, id: &ShipmentId) -> Result<Option<Shipment>>;
    fn put_shipment(&mut self, shipment: &Shipment) -> Result<()>;
    /// Every shipment of an order, oldest first.
    fn shipments_of(&mut self, order_id: &OrderId) -> Result<Vec<Shipment>>;
    /// The shipments at a location in one status, oldest first.
    fn shipments_at(&mut self, location: &LocationId, status: ShipmentStatus) -> Result<Vec<Shipment>>;
    /// Every shipment in one status, oldest first.
    fn shipments_in(&mut self, status: ShipmentStatus) -> Result<Vec<Shipment>>;

    /// The distance from one region to another, if set.
    fn region_distance(&mut self, from_region: &str, to_region: &str) -> Result<Option<u32>>;
    fn put_region_distance(&mut self, from_region: &str, to_region: &str, distance_km: u32) -> Result<()>;

    /// The value of a named counter (0 if never touched).
    fn counter(&mut self, name: &str) -> Result<i64>;
    /// Adds to a named counter; returns the new value.
    fn add_to_counter(&mut self, name: &str, delta: i64) -> Result<i64>;
    /// Adds to several counters, given sorted by name with each name once (a
    /// backend may do it in one statement, and takes row locks in that order).
    fn add_to_counters(&mut self, deltas: &[(String, i64)]) -> Result<()> {
        deltas.iter().try_for_each(|(name, delta)| self.add_to_counter(name, *delta).map(drop))
    }

    /// Queues a backordered line (a line already queued stays once).
    fn add_backorder(&mut self, entry: &BackorderEntry) -> Result<()>;
    /// Backordered lines of a SKU, oldest order first.
    fn backorders(&mut self, sku: &Sku, limit: usize) -> Result<Vec<BackorderEntry>>;
    fn remove_backorder(&mut self, entry: &BackorderEntry) -> Result<()>;

    fn payment(&mut self, id: &PaymentId) -> Result<Option<Payment>>;
    fn put_payment(&mut self, payment: &Payment) -> Result<()>;
    /// Every payment of an order, in the order they were authorized.
    fn payments_of(&mut self, order: &OrderId) -> Result<Vec<Payment>>;
    /// Every payment in the store, by order and then as [`Records::payments_of`] lists them.
    fn payments(&mut self) -> Result<Vec<Payment>>;

    fn idempotency(&mut self, key: &IdempotencyKey) -> Result<Option<IdempotencyRecord>>;
    fn put_idempotency(&mut self, record: &IdempotencyRecord) -> Result<()>;

    /// Whether what this transaction read may be out of date in a way only
    /// a new attempt can fix (the unit of work's catalogue cache, used
    /// unchecked, was behind storage). Asked before a command's refusal is
    /// returned, so that a refusal is never made on stale reads.
    fn stale(&mut self) -> Result<bool> {
        Ok(false)
    }

    /// Makes every write of this transaction durable and visible, or none of them.
    fn commit(self: Box<Self>) -> Result<()>;
}
