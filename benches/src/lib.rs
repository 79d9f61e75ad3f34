//! Shared set-up for the benchmarks: a shop of `sku_count` SKUs stocked at
//! `location_count` locations, and the plain baselines the benchmarks compare against.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_debug_implementations)]

use std::collections::HashMap;

use oms_core::*;
use rust_decimal::Decimal;

pub fn sku(index: usize) -> Sku {
    Sku::new(format!("SKU-{index:05}")).unwrap()
}

pub fn location(index: usize) -> LocationId {
    LocationId::new(format!("loc-{index:04}")).unwrap()
}

/// Creates the catalogue; each SKU gets deep stock at one location (SKU index mod locations).
pub fn stock_shop(oms: &Oms, sku_count: usize, location_count: usize) {
    for index in 0..location_count {
        oms.upsert_location(UpsertLocation::new(location(index), LocationKind::Warehouse, "US-NY")).unwrap();
    }
    oms.upsert_channel(UpsertChannel {
        tax_rates: [(TaxClass::standard(), Decimal::new(8875, 5))].into_iter().collect(),
        ..UpsertChannel::new(
            ChannelId::new("web").unwrap(),
            ChannelKind::Web,
            Currency::USD,
            (0..location_count).map(location).collect(),
        )
    })
    .unwrap();
    for index in 0..sku_count {
        oms.upsert_product(UpsertProduct::new(sku(index), format!("Product {index}"))).unwrap();
        oms.receive_stock(ReceiveStock {
            sku: sku(index),
            location: location(index % location_count),
            quantity: 1_000_000,
            idempotency_key: None,
        })
        .unwrap();
    }
}

/// The n-th benchmark order: three lines of one unit over spread-out SKUs.
pub fn three_line_order(n: usize, sku_count: usize) -> PlaceOrder {
    let lines = (0..3)
        .map(|line| LineInput {
            sku: sku((n * 7 + line * 3_331) % sku_count),
            quantity: 1,
            unit_price: Decimal::new(1999, 2),
            discount: None,
        })
        .collect();
    let mut order = PlaceOrder::new(ChannelId::new("web").unwrap(), Email::new("bench@example.com").unwrap(), lines);
    order.shipping = Some(Decimal::new(499, 2));
    order
}

/// The floor for in-memory placement: a HashMap of (SKU, location) → (on hand,
/// allocated) and the same stock checks over the channel's locations in order.
pub struct HashMapBaseline {
    stock: HashMap<(usize, usize), (i64, i64)>,
    location_count: usize,
    sku_count: usize,
}

impl HashMapBaseline {
    pub fn new(sku_count: usize, location_count: usize) -> Self {
        let stock = (0..sku_count).map(|s| ((s, s % location_count), (1_000_000, 0))).collect();
        HashMapBaseline { stock, location_count, sku_count }
    }

    /// Allocates one unit of each of the order's three SKUs; returns false if any is short.
    pub fn place(&mut self, n: usize) -> bool {
        for line in 0..3 {
            let sku = (n * 7 + line * 3_331) % self.sku_count;
            let found =
                (0..self.location_count).find(|l| self.stock.get(&(sku, *l)).is_some_and(|(on, al)| on - al >= 1));
            match found.and_then(|l| self.stock.get_mut(&(sku, l))) {
                Some(level) => level.1 += 1,
                None => return false,
            }
        }
        true
    }
}

/// The floor for SQLite placement: the raw statements of one 3-line order in
/// one durable transaction (3 conditional stock updates, 4 inserts), WAL + FULL.
pub struct SqliteBaseline {
    connection: rusqlite::Connection,
    sku_count: usize,
}

impl SqliteBaseline {
    pub fn new(path: &std::path::Path, sku_count: usize) -> Self {
        let connection = rusqlite::Connection::open(path).unwrap();
        connection
            .execute_batch(
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
                 CREATE TABLE stock (sku INTEGER PRIMARY KEY, on_hand INTEGER NOT NULL, allocated INTEGER NOT NULL);
                 CREATE TABLE orders (id INTEGER PRIMARY KEY, doc TEXT NOT NULL);
                 CREATE TABLE lines (order_id INTEGER NOT NULL, sku INTEGER NOT NULL, quantity INTEGER NOT NULL);",
            )
            .unwrap();
        let tx = connection.unchecked_transaction().unwrap();
        for sku in 0..sku_count {
            tx.execute("INSERT INTO stock VALUES (?1, 1000000, 0)", [sku as i64]).unwrap();
        }
        tx.commit().unwrap();
        SqliteBaseline { connection, sku_count }
    }

    pub fn place(&mut self, n: usize) {
        let tx = self.connection.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).unwrap();
        let skus: Vec<i64> = (0..3).map(|line| ((n * 7 + line * 3_331) % self.sku_count) as i64).collect();
        for sku in &skus {
            let changed = tx
                .prepare_cached(
                    "UPDATE stock SET allocated = allocated + 1 WHERE sku = ?1 AND on_hand - allocated >= 1",
                )
                .unwrap()
                .execute([sku])
                .unwrap();
            assert_eq!(changed, 1);
        }
        tx.prepare_cached("INSERT INTO orders (doc) VALUES (?1)").unwrap().execute(["{\"lines\":3}"]).unwrap();
        let order_id = tx.last_insert_rowid();
        for sku in &skus {
            tx.prepare_cached("INSERT INTO lines VALUES (?1, ?2, 1)").unwrap().execute([order_id, *sku]).unwrap();
        }
        tx.commit().unwrap();
    }
}
