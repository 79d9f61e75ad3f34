//! The unit of work: what one command loads, changes and appends, kept over
//! one transaction of the storage contract ([`crate::storage::contract`]).
//!
//! Handlers speak in aggregates — an order, a reservation, a stock level —
//! through the typed face [`crate::app::records::Records`]; the unit maps each
//! to what the contract knows, once for every backend:
//!
//! | record | where it lives |
//! |---|---|
//! | product, location, channel | documents of that kind, keyed by id |
//! | order | document `order`, position = sequence, `idx_1` status, `idx_2` e-mail, `idx_3` channel |
//! | reservation | document `reservation`, position = expiry (seconds), `idx_1` status, `idx_2` expiry |
//! | reserved units | document `reservation_unit` per (reservation, SKU, location), `idx_1` SKU while active, position = expiry |
//! | transfer | document `transfer`, `idx_1` status |
//! | shipment | document `shipment`, `idx_1` order, `idx_2` status, `idx_3` location and status |
//! | payment | document `payment`, position = authorization time (µs), `idx_1` order, `idx_2` status |
//! | backordered line | document `backorder`, position = order sequence, `idx_1` SKU while queued |
//! | counter, region distance | documents `counter`, `region_distance` |
//! | stock level | stock rows |
//! | movement, event | the `ledger` and `outbox` streams, appended at commit |
//! | order, transfer, shipment and payment numbers | series `order`, `transfer`, `shipment`, `payment` |
//! | idempotency | records holding the payload's hash and a reference to the result document |
//!
//! So a new aggregate is a new document kind here, and no SQL anywhere.
//! Documents cannot be deleted: a record that leaves an index (a served
//! backorder, an ended reservation's units) is rewritten without its term.

use std::collections::HashMap;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::app::records::{BackorderEntry, IdempotencyRecord, LevelDue, MovementTotal, OrderFilter, Records};
use crate::domain::catalog::{Channel, Location, Product};
use crate::domain::events::{Event, EventRecord};
use crate::domain::fulfilment::{Shipment, ShipmentStatus};
use crate::domain::inventory::reservations::Reservation;
use crate::domain::inventory::transfers::Transfer;
use crate::domain::inventory::{Deltas, Movement, StockLevel};
use crate::domain::order::{Order, OrderStatus};
use crate::domain::payment::Payment;
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::{
    ChannelId, IdempotencyKey, LocationId, OrderId, PaymentId, ReservationId, ShipmentId, Sku, TransferId,
};
use crate::kernel::time::Timestamp;
use crate::storage::contract::{
    self, Body, Cursor, Document, IndexFilter, Lock, Numbering, StockRow, Stream, StreamEntry, Term,
};
use crate::storage::Access;

mod backorders;
mod catalogue;
mod idempotency;
mod payments;
mod reservations;
mod rows;
mod shipments;

pub(crate) use catalogue::Catalogue;
use catalogue::{CatalogueUse, CATALOGUE_VERSION};
pub(crate) use idempotency::idempotent_payload;
use rows::*;

/// How many documents or stream rows one read of a scan takes.
const PAGE: usize = 512;
/// Marks the `payload` of an idempotency record read from the contract: the
/// hash of the canonical payload, not the payload (see [`idempotent_payload`]).
pub(crate) const HASHED: &str = "fnv1a128:";

/// A command's unit of work over one contract transaction.
pub(crate) struct Unit<'s> {
    tx: Box<dyn contract::Transaction + 's>,
    catalogue: &'s Catalogue,
    catalogue_use: CatalogueUse,
    access: Access,
    /// Ledger rows and events, appended to their streams at commit.
    ledger: Vec<StreamEntry>,
    events: Vec<(Timestamp, Event)>,
    /// Per reservation read here, the (SKU, location) pairs it reserved at
    /// when read: their rows of the index are rewritten when it is written,
    /// even after ending it emptied its lines.
    reserved_at: HashMap<ReservationId, Vec<(Sku, LocationId)>>,
}

impl<'s> Unit<'s> {
    pub(crate) fn begin(store: &'s dyn contract::Store, catalogue: &'s Catalogue, access: Access) -> Result<Unit<'s>> {
        Ok(Unit {
            tx: store.begin(access)?,
            catalogue,
            catalogue_use: CatalogueUse::Unchecked,
            access,
            ledger: Vec::new(),
            events: Vec::new(),
            reserved_at: HashMap::new(),
        })
    }

    fn lock(&self) -> Lock {
        match self.access {
            Access::Write => Lock::Update,
            Access::Read => Lock::None,
        }
    }

    fn get<T: DeserializeOwned + Clone + 'static>(&mut self, kind: &str, key: &str) -> Result<Option<T>> {
        let lock = self.lock();
        self.tx.get(kind, key, lock)?.map(|doc| doc.body.decode::<T>()).transpose()
    }

    fn scan_all<T: DeserializeOwned + Clone + 'static>(
        &mut self,
        kind: &str,
        filter: &IndexFilter,
        mut keep: impl FnMut(&Document, &T) -> Scan,
    ) -> Result<Vec<T>> {
        let mut found = Vec::new();
        let mut after: Option<Cursor> = None;
        loop {
            let page = self.tx.scan(kind, filter, after.as_ref(), PAGE)?;
            let full = page.len() == PAGE;
            for doc in &page {
                let value = doc.body.decode::<T>()?;
                match keep(doc, &value) {
                    Scan::Take => found.push(value),
                    Scan::Skip => {}
                    Scan::Stop => return Ok(found),
                }
            }
            match page.last() {
                Some(last) if full => after = Some(last.cursor()),
                _ => return Ok(found),
            }
        }
    }

    fn stock_rows(&mut self, skus: &[&Sku]) -> Result<Vec<StockLevel>> {
        let lock = self.lock();
        Ok(self.tx.stock(skus, lock)?.into_iter().map(level_of).collect())
    }

    /// Every SKU with a product, in order.
    fn all_skus(&mut self) -> Result<Vec<Sku>> {
        let products: Vec<Product> = self.scan_all("product", &IndexFilter::All, |_, _| Scan::Take)?;
        Ok(products.into_iter().map(|product| product.sku).collect())
    }
}

enum Scan {
    Take,
    Skip,
    Stop,
}

impl Records for Unit<'_> {
    fn product(&mut self, sku: &Sku) -> Result<Option<Product>> {
        Ok(self.products(&[sku])?.pop().flatten())
    }

    fn products(&mut self, skus: &[&Sku]) -> Result<Vec<Option<Product>>> {
        self.cached_products(skus)
    }

    fn put_product(&mut self, product: &Product) -> Result<()> {
        self.put_catalogue("product", &Document::typed(product.sku.to_string(), product.version, product.clone()))
    }

    fn location(&mut self, id: &LocationId) -> Result<Option<Location>> {
        self.cached_location(id)
    }

    fn put_location(&mut self, location: &Location) -> Result<()> {
        self.put_catalogue("location", &Document::typed(location.id.to_string(), location.version, location.clone()))
    }

    fn locations(&mut self) -> Result<Arc<Vec<Location>>> {
        self.cached_locations()
    }

    fn channel(&mut self, id: &ChannelId) -> Result<Option<Arc<Channel>>> {
        self.cached_channel(id)
    }

    fn put_channel(&mut self, channel: &Channel) -> Result<()> {
        self.put_catalogue("channel", &Document::typed(channel.id.to_string(), channel.version, channel.clone()))
    }

    fn channels(&mut self) -> Result<Vec<Channel>> {
        self.scan_all("channel", &IndexFilter::All, |_, _| Scan::Take)
    }

    fn product_page(&mut self, after: Option<&Sku>, limit: usize) -> Result<Vec<Product>> {
        // Products sit at position 0, so the scan lists them by key (SKU).
        let cursor = after.map(|sku| Cursor { position: 0, key: sku.to_string() });
        let page = self.tx.scan("product", &IndexFilter::All, cursor.as_ref(), limit)?;
        page.into_iter().map(|doc| doc.body.decode::<Product>()).collect()
    }

    fn stock(&mut self, sku: &Sku, location: &LocationId) -> Result<Option<StockLevel>> {
        Ok(self.stock_rows(&[sku])?.into_iter().find(|level| &level.location == location))
    }

    fn put_stock(&mut self, level: &StockLevel) -> Result<()> {
        self.tx.put_stock(&[row_of(level)])
    }

    fn put_stocks(&mut self, levels: &[StockLevel]) -> Result<()> {
        if levels.is_empty() {
            return Ok(());
        }
        let rows: Vec<StockRow> = levels.iter().map(row_of).collect();
        self.tx.put_stock(&rows)
    }

    fn stock_levels(&mut self, sku: Option<&Sku>, location: Option<&LocationId>) -> Result<Vec<StockLevel>> {
        let levels = match sku {
            Some(sku) => self.stock_rows(&[sku])?,
            None => {
                let skus = self.all_skus()?;
                let mut levels = Vec::new();
                for chunk in skus.chunks(PAGE) {
                    let refs: Vec<&Sku> = chunk.iter().collect();
                    levels.extend(self.stock_rows(&refs)?);
                }
                levels
            }
        };
        Ok(levels.into_iter().filter(|level| location.is_none_or(|location| &level.location == location)).collect())
    }

    fn stock_levels_of(&mut self, skus: &[&Sku]) -> Result<Vec<StockLevel>> {
        self.stock_rows(skus)
    }

    fn append_movement(&mut self, movement: &Movement) -> Result<u64> {
        let mut aggregate = String::with_capacity(movement.sku.as_str().len() + movement.location.as_str().len() + 1);
        aggregate.push_str(movement.sku.as_str());
        aggregate.push('/');
        aggregate.push_str(movement.location.as_str());
        self.ledger.push(StreamEntry::new(aggregate, Body::typed(LedgerRow::of(movement))));
        Ok(0)
    }

    fn movements(&mut self, sku: &Sku, location: &LocationId, after: u64, limit: usize) -> Result<Vec<Movement>> {
        let aggregate = format!("{sku}/{location}");
        let rows = self.tx.read_aggregate(Stream::Ledger, &aggregate, after, limit)?;
        rows.into_iter().map(|row| Ok(row.body.decode::<LedgerRow>()?.movement(row.seq))).collect()
    }

    fn movement_totals(&mut self) -> Result<Vec<crate::app::records::MovementTotal>> {
        let mut totals: std::collections::BTreeMap<(Sku, LocationId), Deltas> = std::collections::BTreeMap::new();
        let mut after = 0;
        loop {
            let rows = self.tx.read(Stream::Ledger, after, PAGE)?;
            let full = rows.len() == PAGE;
            for row in &rows {
                after = row.seq;
                let moved = row.body.decode::<LedgerRow>()?;
                let sum = totals.entry((moved.sku, moved.location)).or_default();
                sum.on_hand += moved.on_hand;
                sum.allocated += moved.allocated;
                sum.reserved += moved.reserved;
                sum.quarantined += moved.quarantined;
                sum.incoming += moved.incoming;
            }
            if !full {
                break;
            }
        }
        Ok(totals.into_iter().map(|((sku, location), totals)| MovementTotal { sku, location, totals }).collect())
    }

    fn order(&mut self, id: &OrderId) -> Result<Option<Order>> {
        self.get("order", id.as_str())
    }

    fn put_order(&mut self, order: &Order) -> Result<()> {
        self.tx.put("order", &order_document(order))
    }

    fn orders(&mut self, filter: &OrderFilter) -> Result<Vec<Order>> {
        // One index serves the listing; the other conditions are checked on the way.
        let index = if let Some(email) = &filter.customer_email {
            IndexFilter::Equals(Term::Second, email.to_string())
        } else if let Some(channel) = &filter.channel {
            IndexFilter::Equals(Term::Third, channel.to_string())
        } else if let Some(status) = filter.status {
            IndexFilter::Equals(Term::First, status.as_str().to_string())
        } else {
            IndexFilter::All
        };
        let mut found = Vec::new();
        // Strictly after every order at `after_sequence` (keys are never empty).
        let mut after = Some(Cursor { position: filter.after_sequence.saturating_add(1), key: String::new() });
        loop {
            let page = self.tx.scan("order", &index, after.as_ref(), PAGE)?;
            let full = page.len() == PAGE;
            for doc in &page {
                let order = doc.body.decode::<Order>()?;
                let wanted = filter.customer_email.as_ref().is_none_or(|email| &order.customer_email == email)
                    && filter.channel.as_ref().is_none_or(|channel| &order.channel == channel)
                    && filter.status.is_none_or(|status| order.status == status);
                if wanted {
                    found.push(order);
                    if found.len() == filter.limit {
                        return Ok(found);
                    }
                }
            }
            match page.last() {
                Some(last) if full => after = Some(last.cursor()),
                _ => return Ok(found),
            }
        }
    }

    fn order_status_counts(&mut self) -> Result<Vec<(OrderStatus, u64)>> {
        // Counted from the orders' status index; a projection can keep these once a figure needs to be fast.
        let mut counts: std::collections::BTreeMap<&'static str, (OrderStatus, u64)> =
            std::collections::BTreeMap::new();
        self.scan_all("order", &IndexFilter::All, |_, order: &Order| {
            counts.entry(order.status.as_str()).or_insert((order.status, 0)).1 += 1;
            Scan::Skip
        })?;
        Ok(counts.into_values().collect())
    }

    fn next_sequence(&mut self, name: &str) -> Result<u64> {
        // Every order takes a number: a gapless series would queue every
        // PostgreSQL writer on its row from numbering to commit.
        // Payment numbers only name payments the caller did not: gaps are harmless there too.
        let numbering = if matches!(name, "order" | "payment") { Numbering::Unique } else { Numbering::Gapless };
        self.tx.next_in_series(name, numbering)
    }

    fn append_event(&mut self, occurred_at: Timestamp, event: Event) -> Result<u64> {
        self.events.push((occurred_at, event));
        Ok(0)
    }

    fn events_since(&mut self, cursor: u64, limit: usize) -> Result<Vec<EventRecord>> {
        // A row holds one command's events, one number each, ending at its
        // `seq`; `limit` rows hold at least `limit` events. The first row may
        // hold events at or below the cursor: they are skipped.
        let rows = self.tx.read(Stream::Outbox, cursor, limit)?;
        let mut records = Vec::with_capacity(rows.len());
        for row in rows {
            let body = row.body.decode::<OutboxRow>()?;
            let first = (row.seq + 1).checked_sub(body.events.len() as u64).ok_or_else(|| {
                Error::storage(format!("outbox row {} holds more events than numbers below it", row.seq))
            })?;
            for (sequence, event) in (first..).zip(body.events) {
                if sequence > cursor && records.len() < limit {
                    records.push(EventRecord { sequence, occurred_at: body.occurred_at, event });
                }
            }
        }
        Ok(records)
    }

    fn reservation(&mut self, id: &ReservationId) -> Result<Option<Reservation>> {
        let found: Option<Reservation> = self.get("reservation", id.as_str())?;
        if let Some(reservation) = &found {
            self.seen(reservation);
        }
        Ok(found)
    }

    fn put_reservation(&mut self, reservation: &Reservation) -> Result<()> {
        self.write_reservation(reservation)
    }

    fn expired_reservations(&mut self, now: Timestamp, limit: usize) -> Result<Vec<Reservation>> {
        self.reservations_due(now, limit)
    }

    fn stock_levels_due(&mut self, skus: &[&Sku], now: Timestamp) -> Result<Vec<LevelDue>> {
        self.levels_due(skus, now)
    }

    fn expired_reservations_of(&mut self, skus: &[&Sku], now: Timestamp) -> Result<Vec<Reservation>> {
        self.reservations_due_of(skus, now)
    }

    fn transfer(&mut self, id: &TransferId) -> Result<Option<Transfer>> {
        self.get("transfer", id.as_str())
    }

    fn put_transfer(&mut self, transfer: &Transfer) -> Result<()> {
        let doc = Document::typed(transfer.id.to_string(), transfer.version, transfer.clone())
            .with(Term::First, text_of(&transfer.status)?);
        self.tx.put("transfer", &doc)
    }

    fn shipment(&mut self, id: &ShipmentId) -> Result<Option<Shipment>> {
        self.get("shipment", id.as_str())
    }

    fn put_shipment(&mut self, shipment: &Shipment) -> Result<()> {
        self.write_shipment(shipment)
    }

    fn shipments_of(&mut self, order_id: &OrderId) -> Result<Vec<Shipment>> {
        self.shipments_of_order(order_id)
    }

    fn shipments_at(&mut self, location: &LocationId, status: ShipmentStatus) -> Result<Vec<Shipment>> {
        self.shipments_at_place(location, status)
    }

    fn shipments_in(&mut self, status: ShipmentStatus) -> Result<Vec<Shipment>> {
        self.shipments_with_status(status)
    }

    fn region_distance(&mut self, from_region: &str, to_region: &str) -> Result<Option<u32>> {
        self.get("region_distance", &region_key(from_region, to_region))
    }

    fn put_region_distance(&mut self, from_region: &str, to_region: &str, distance_km: u32) -> Result<()> {
        let key = region_key(from_region, to_region);
        let lock = self.lock();
        let version = self.tx.get("region_distance", &key, lock)?.map_or(0, |doc| doc.version);
        self.tx.put("region_distance", &Document::typed(key, version + 1, distance_km))
    }

    fn counter(&mut self, name: &str) -> Result<i64> {
        Ok(self.tx.tallies(&[name])?.first().copied().unwrap_or(0))
    }

    fn add_to_counter(&mut self, name: &str, delta: i64) -> Result<i64> {
        self.tx.add_to_tallies(&[(name, delta)])?;
        self.counter(name)
    }

    fn add_to_counters(&mut self, deltas: &[(String, i64)]) -> Result<()> {
        let deltas: Vec<(&str, i64)> = deltas.iter().map(|(name, delta)| (name.as_str(), *delta)).collect();
        self.tx.add_to_tallies(&deltas)
    }

    fn add_backorder(&mut self, entry: &BackorderEntry) -> Result<()> {
        self.queue_backorder(entry)
    }

    fn backorders(&mut self, sku: &Sku, limit: usize) -> Result<Vec<BackorderEntry>> {
        self.backorders_of(sku, limit)
    }

    fn remove_backorder(&mut self, entry: &BackorderEntry) -> Result<()> {
        self.unqueue_backorder(entry)
    }

    fn payment(&mut self, id: &PaymentId) -> Result<Option<Payment>> {
        self.get("payment", id.as_str())
    }

    fn put_payment(&mut self, payment: &Payment) -> Result<()> {
        self.write_payment(payment)
    }

    fn payments_of(&mut self, order: &OrderId) -> Result<Vec<Payment>> {
        self.payments_of_order(order)
    }

    fn payments(&mut self) -> Result<Vec<Payment>> {
        self.every_payment()
    }

    fn idempotency(&mut self, key: &IdempotencyKey) -> Result<Option<IdempotencyRecord>> {
        self.read_idempotency(key)
    }

    fn put_idempotency(&mut self, record: &IdempotencyRecord) -> Result<()> {
        self.write_idempotency(record)
    }

    fn stale(&mut self) -> Result<bool> {
        let CatalogueUse::Expected(version) = self.catalogue_use else { return Ok(false) };
        let held = self.tx.tallies(&[CATALOGUE_VERSION])?.first().copied().unwrap_or(0);
        if held == version {
            self.catalogue_use = CatalogueUse::Checked(version);
            return Ok(false);
        }
        self.catalogue.forget();
        Ok(true)
    }

    fn commit(self: Box<Self>) -> Result<()> {
        let (expected, written) = match self.catalogue_use {
            CatalogueUse::Expected(_) => (true, false),
            CatalogueUse::Written => (false, true),
            _ => (false, false),
        };
        let catalogue = self.catalogue;
        let outcome = (*self).write_and_commit();
        if expected && matches!(outcome, Err(Error::Conflict { .. })) {
            // Perhaps the catalogue moved: the next attempt checks it before using the cache.
            catalogue.forget();
        }
        if written && outcome.is_ok() {
            // The catalogue moved on: the next unit checks its version before using the cache
            // (rather than using it and failing its commit).
            catalogue.forget();
        }
        outcome
    }
}

impl Unit<'_> {
    fn write_and_commit(mut self) -> Result<()> {
        if !self.ledger.is_empty() {
            self.tx.append(Stream::Ledger, &self.ledger)?;
        }
        if !self.events.is_empty() {
            // One row per command: its events share their time (a run of
            // another time, which no handler makes today, gets a row of its own).
            let mut rows: Vec<(Timestamp, Vec<Event>)> = Vec::with_capacity(1);
            let count = self.events.len();
            for (occurred_at, event) in self.events.drain(..) {
                match rows.last_mut() {
                    Some((at, events)) if *at == occurred_at => events.push(event),
                    _ => {
                        let mut events = Vec::with_capacity(count);
                        events.push(event);
                        rows.push((occurred_at, events));
                    }
                }
            }
            let rows: Vec<StreamEntry> = rows
                .into_iter()
                .map(|(occurred_at, events)| {
                    let (name, width) = (events[0].name(), events.len() as u64);
                    StreamEntry::new(name, Body::typed(OutboxRow { occurred_at, events })).spanning(width)
                })
                .collect();
            self.tx.append(Stream::Outbox, &rows)?;
        }
        self.tx.commit().map(drop)
    }
}
