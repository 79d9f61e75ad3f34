//! Checkout reservations that expire with no sweeper running (issue 7, item
//! 4): an expired reservation never reduces what `availability()` reports or
//! what a command that takes available stock can take, however many are due,
//! on every backend; and a database written before the reservation index
//! still finds its reservations.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;

use chrono::TimeDelta;
use common::*;
use oms_core::*;

const SKU_COUNT: usize = 50;
const EXPIRED_PER_SKU: usize = 60;
/// Units of each SKU reserved by a reservation that has not expired.
const STILL_RESERVED: i64 = 1;

fn sku_code(index: usize) -> String {
    format!("SKU-{index:02}")
}

fn reservation(id: &str, lines: &[(&str, i64)], ttl_seconds: i64) -> ReserveStock {
    ReserveStock {
        reservation_id: ReservationId::new(id).unwrap(),
        channel: chan("web"),
        lines: lines.iter().map(|(code, quantity)| ReservationLine { sku: sku(code), quantity: *quantity }).collect(),
        ttl_seconds,
        pickup_location: None,
        ship_to_region: None,
        idempotency_key: None,
    }
}

fn receive(oms: &Oms, code: &str, location: &str, quantity: i64) {
    oms.receive_stock(ReceiveStock { sku: sku(code), location: loc(location), quantity, idempotency_key: None })
        .unwrap();
}

/// Two warehouses and a `web` channel over both (wh-east first).
fn network(oms: &Oms) {
    for id in ["wh-east", "wh-west"] {
        oms.upsert_location(UpsertLocation::new(loc(id), LocationKind::Warehouse, "US-NY")).unwrap();
    }
    oms.upsert_channel(UpsertChannel::new(
        chan("web"),
        ChannelKind::Web,
        Currency::USD,
        vec![loc("wh-east"), loc("wh-west")],
    ))
    .unwrap();
}

fn available(oms: &Oms, codes: &[String]) -> Vec<i64> {
    let query = AvailabilityQuery {
        channel: chan("web"),
        skus: codes.iter().map(|code| sku(code)).collect(),
        region: None,
        pickup_location: None,
    };
    oms.availability(&query).unwrap().into_iter().map(|answer| answer.available).collect()
}

/// Memory, SQLite and (when it answers) PostgreSQL.
fn stores() -> Vec<&'static str> {
    backends().into_iter().filter(|backend| *backend != "sqlite-group-commit").collect()
}

#[test]
fn thousands_of_expired_reservations_never_block_a_sale() {
    for backend in stores() {
        let clock = clock();
        let shop = open_with(backend, Arc::clone(&clock));
        let oms = &shop.oms;
        network(oms);
        let codes: Vec<String> = (0..SKU_COUNT).map(sku_code).collect();
        let stock = EXPIRED_PER_SKU as i64 + STILL_RESERVED;
        for code in &codes {
            oms.upsert_product(UpsertProduct::new(sku(code), code.as_str())).unwrap();
            receive(oms, code, "wh-east", stock);
        }
        // Abandoned carts, one unit each, taken round-robin over the SKUs, so
        // the oldest reservations due are spread over every SKU.
        for round in 0..EXPIRED_PER_SKU {
            for code in &codes {
                oms.reserve_stock(reservation(&format!("cart-{code}-{round}"), &[(code, 1)], 60)).unwrap();
            }
        }
        clock.advance(TimeDelta::seconds(30));
        for code in &codes {
            oms.reserve_stock(reservation(&format!("live-{code}"), &[(code, STILL_RESERVED)], 3_600)).unwrap();
        }
        assert_eq!(available(oms, &codes), vec![0; SKU_COUNT], "{backend}: everything is reserved");

        clock.advance(TimeDelta::seconds(31));
        // No sweeper ran: the expired reservations no longer count, the live ones do.
        assert_eq!(available(oms, &codes), vec![stock - STILL_RESERVED; SKU_COUNT], "{backend}");
        // Every SKU sells in full, the last SKU first (its reservations are the newest due).
        for code in codes.iter().rev() {
            let placed = oms.place_order(order("web", vec![line(code, stock - STILL_RESERVED, "2.00")])).unwrap();
            assert_eq!(placed.status, OrderStatus::Allocated, "{backend}: {code}");
            let level = oms.stock_level(&sku(code), &loc("wh-east")).unwrap();
            assert_eq!(
                (level.allocated, level.reserved),
                (stock - STILL_RESERVED, STILL_RESERVED),
                "{backend}: {code}"
            );
        }
        assert_eq!(available(oms, &codes), vec![0; SKU_COUNT], "{backend}");
        // The live reservations still count: nothing more can be sold.
        let more = oms.place_order(order("web", vec![line(&codes[0], 1, "2.00")])).unwrap_err();
        assert_eq!(more.code(), "insufficient_stock", "{backend}");
        let live = oms.get_reservation(&ReservationId::new(format!("live-{}", codes[0])).unwrap()).unwrap();
        assert_eq!(live.status, ReservationStatus::Active, "{backend}");
        let abandoned = oms.get_reservation(&ReservationId::new(format!("cart-{}-0", codes[7])).unwrap()).unwrap();
        assert_eq!(abandoned.status, ReservationStatus::Expired, "{backend}");
        // The worker call still releases what is left, a bounded batch at a time.
        assert!(oms.expire_reservations().unwrap().is_empty(), "{backend}: the sales freed every expired reservation");
        assert_sound(oms);
    }
}

fn expired(oms: &Oms, id: &str) -> bool {
    oms.get_reservation(&ReservationId::new(id).unwrap()).unwrap().status == ReservationStatus::Expired
}

fn level(oms: &Oms, code: &str, location: &str) -> StockLevel {
    oms.stock_level(&sku(code), &loc(location)).unwrap()
}

/// Abandoned carts older than every other reservation: a sweep of the oldest
/// reservations due (a hundred at a time) reaches only these.
fn older_carts(oms: &Oms, count: usize) {
    oms.upsert_product(UpsertProduct::new(sku("FILL"), "Filler")).unwrap();
    receive(oms, "FILL", "wh-east", count as i64);
    for index in 0..count {
        oms.reserve_stock(reservation(&format!("fill-{index}"), &[("FILL", 1)], 30)).unwrap();
    }
}

#[test]
fn every_command_that_takes_stock_frees_the_expired_reservations_of_its_skus() {
    for backend in stores() {
        let clock = clock();
        let shop = open_with(backend, Arc::clone(&clock));
        let oms = &shop.oms;
        network(oms);
        older_carts(oms, 150);
        // Per case a SKU whose four units at wh-east sit in one stale cart.
        for code in ["RESERVE", "QUAR", "SHIP", "COUNT", "ADJ", "PLAN", "BACK", "REJ"] {
            let backorderable = code == "BACK";
            oms.upsert_product(UpsertProduct { backorderable, ..UpsertProduct::new(sku(code), code) }).unwrap();
        }
        for code in ["RESERVE", "QUAR", "SHIP", "COUNT", "ADJ", "PLAN", "BACK"] {
            receive(oms, code, "wh-east", 4);
            oms.reserve_stock(reservation(&format!("stale-{code}"), &[(code, 4)], 30)).unwrap();
        }
        // REJ: four units reserved at wh-west, four sold from wh-east.
        receive(oms, "REJ", "wh-west", 4);
        oms.reserve_stock(reservation("stale-REJ", &[("REJ", 4)], 30)).unwrap();
        receive(oms, "REJ", "wh-east", 4);
        let rej = oms.place_order(order("web", vec![line("REJ", 4, "1.00")])).unwrap();
        // BACK: an order waits for the reserved units.
        let back = oms.place_order(order("web", vec![line("BACK", 4, "1.00")])).unwrap();
        assert_eq!(back.status, OrderStatus::Backordered, "{backend}");
        clock.advance(TimeDelta::seconds(31));

        let new_reservation = oms.reserve_stock(reservation("cart-new", &[("RESERVE", 4)], 600)).unwrap();
        assert_eq!(new_reservation.status, ReservationStatus::Active, "{backend}");
        let quarantine =
            StockQuantity { sku: sku("QUAR"), location: loc("wh-east"), quantity: 4, idempotency_key: None };
        assert_eq!(oms.quarantine_stock(quarantine).unwrap().quarantined, 4, "{backend}");
        let request = RequestTransfer {
            sku: sku("SHIP"),
            from_location: loc("wh-east"),
            to_location: loc("wh-west"),
            quantity: 4,
            idempotency_key: None,
        };
        let transfer = oms.request_transfer(request).unwrap();
        let shipped = oms.ship_transfer(TransferStep { transfer_id: transfer.id, idempotency_key: None }).unwrap();
        assert_eq!(shipped.status, TransferStatus::Shipped, "{backend}");
        let count = CountStock { sku: sku("COUNT"), location: loc("wh-east"), counted: 0, idempotency_key: None };
        assert_eq!(oms.count_stock(count).unwrap().on_hand, 0, "{backend}");
        let adjust =
            AdjustStock { sku: sku("ADJ"), location: loc("wh-east"), quantity_delta: -4, idempotency_key: None };
        assert_eq!(oms.adjust_stock(adjust).unwrap().on_hand, 0, "{backend}");
        // A dry run plans as the sale would, and (a read) ends nothing.
        let plan = oms.plan_allocation(order("web", vec![line("PLAN", 4, "1.00")])).unwrap();
        let planned: Vec<(String, i64)> =
            plan.lines[0].allocations.iter().map(|a| (a.location.to_string(), a.quantity)).collect();
        assert_eq!((planned, plan.lines[0].unfilled), (vec![("wh-east".to_string(), 4)], 0), "{backend}");
        assert!(!expired(oms, "stale-PLAN"), "{backend}: a dry run writes nothing");
        // A receipt fills the backorder from the stale cart's units as well as its own.
        receive(oms, "BACK", "wh-east", 1);
        assert_eq!(oms.get_order(&back.id).unwrap().status, OrderStatus::Allocated, "{backend}");
        // wh-east cannot find REJ: the line moves to wh-west's formerly reserved units.
        let rejected = RejectAllocation {
            order_id: rej.id.clone(),
            line_number: 1,
            location: loc("wh-east"),
            idempotency_key: None,
        };
        let rerouted = oms.reject_allocation(rejected).unwrap();
        assert_eq!(rerouted.status, OrderStatus::Allocated, "{backend}");
        assert_eq!(level(oms, "REJ", "wh-west").allocated, 4, "{backend}");

        for code in ["RESERVE", "QUAR", "SHIP", "COUNT", "ADJ", "BACK", "REJ"] {
            assert!(expired(oms, &format!("stale-{code}")), "{backend}: stale-{code}");
            assert_eq!(
                level(oms, code, "wh-east").reserved,
                if code == "RESERVE" { 4 } else { 0 },
                "{backend}: {code}"
            );
        }
        // Only the reservations of the SKUs the commands needed were ended.
        assert!(!expired(oms, "fill-0"), "{backend}");
        assert_eq!(oms.expire_reservations().unwrap().len(), 100, "{backend}: the worker call stays bounded");
        assert_sound(oms);
    }
}

/// Opens the store a second time, as a new process would.
fn reopen(backend: &str, target: &str, clock: &Arc<FixedClock>) -> Oms {
    let target = if backend == "sqlite" { target.to_string() } else { format!("{}?schema={target}", postgres_url()) };
    Oms::open_with_clock(&target, Arc::clone(clock) as Arc<dyn Clock>).unwrap()
}

/// Puts the store back to the schema of the release before the reservation index
/// (the index is its only table that release lacks; the storage contract's
/// later migration creates its tables only if missing): what a user
/// upgrading would open.
fn as_previous_release(backend: &str, target: &str) {
    if backend == "sqlite" {
        let connection = rusqlite::Connection::open(target).unwrap();
        connection.execute_batch("DROP TABLE hold_units; PRAGMA user_version = 2;").unwrap();
    } else {
        let mut client = postgres::Client::connect(&postgres_url(), postgres::NoTls).unwrap();
        client
            .batch_execute(&format!(
                "DROP TABLE {target}.hold_units; DELETE FROM {target}.schema_version WHERE version >= 2"
            ))
            .unwrap();
    }
}

#[test]
fn a_store_written_before_the_reservation_index_finds_its_reservations() {
    for backend in stores().into_iter().filter(|backend| *backend != "memory") {
        let clock = clock();
        let dir = tempfile::tempdir().unwrap();
        // The PostgreSQL shop is opened to own (and drop) a fresh schema.
        let (target, _shop) = match backend {
            "sqlite" => (dir.path().join("old.db").display().to_string(), None),
            _ => {
                let shop = open_with(backend, Arc::clone(&clock));
                (shop.schema().unwrap().to_string(), Some(shop))
            }
        };
        {
            let oms = reopen(backend, &target, &clock);
            network(&oms);
            oms.upsert_product(UpsertProduct::new(sku("OLD"), "Old")).unwrap();
            oms.upsert_product(UpsertProduct::new(sku("TWO"), "Two")).unwrap();
            receive(&oms, "OLD", "wh-east", 153);
            receive(&oms, "TWO", "wh-west", 3);
            for index in 0..150 {
                oms.reserve_stock(reservation(&format!("cart-{index}"), &[("OLD", 1)], 60)).unwrap();
            }
            // A cart of two SKUs, reserving at both warehouses.
            oms.reserve_stock(reservation("cart-pair", &[("OLD", 1), ("TWO", 3)], 60)).unwrap();
            oms.reserve_stock(reservation("live", &[("OLD", 1)], 3_600)).unwrap();
            oms.reserve_stock(reservation("gone", &[("OLD", 1)], 60)).unwrap();
            oms.release_reservation(ReleaseReservation {
                reservation_id: ReservationId::new("gone").unwrap(),
                idempotency_key: None,
            })
            .unwrap();
        }
        as_previous_release(backend, &target);
        clock.advance(TimeDelta::seconds(61));
        let oms = reopen(backend, &target, &clock);
        let codes = vec!["OLD".to_string(), "TWO".to_string()];
        assert_eq!(available(&oms, &codes), vec![152, 3], "{backend}: the migrated index knows the old reservations");
        let placed = oms.place_order(order("web", vec![line("OLD", 152, "1.00"), line("TWO", 3, "1.00")])).unwrap();
        assert_eq!(placed.status, OrderStatus::Allocated, "{backend}");
        let more = oms.place_order(order("web", vec![line("OLD", 1, "1.00")])).unwrap_err();
        assert_eq!(more.code(), "insufficient_stock", "{backend}: the live reservation still counts");
        assert!(expired(&oms, "cart-149") && expired(&oms, "cart-pair"), "{backend}");
        assert!(oms.expire_reservations().unwrap().is_empty(), "{backend}");
        assert_sound(&oms);
    }
}
