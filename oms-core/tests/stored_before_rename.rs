//! Stores written before checkout holds became reservations (issue 8) open
//! and read back. The rows below are what the release before the rename
//! stored for one shop (a receipt; a reservation still active, one released,
//! one converted into an order, one expired; idempotency keys on three of
//! those commands): copied from a SQLite file and a PostgreSQL schema that
//! release wrote, with the old spellings (`hold`/`hold_release` movements,
//! `stock_held`/`hold_ended` events with a `hold_id`, `hold_stock` and
//! `release_stock_hold` idempotency records, a `held` stock level in JSON).
//! The tables and columns are the ones that release created; the `held`
//! columns now hold the `reserved` bucket.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use common::*;
use oms_core::*;

/// The order as that release stored it, allocated from the converted reservation.
const ORDER: &str = r#"{"id":"ord-0000000001","sequence":1,"channel":"web","customer_email":"ada@example.com","currency":"USD","prices_include_tax":false,"status":"allocated","fulfilment":{"method":"ship","location":null,"ship_to_region":null},"hold_reason":null,"cancel_reason":null,"lines":[{"line_number":1,"sku":"TEE-M","unit_price":{"amount":"19.99","currency":"USD"},"quantities":{"ordered":2,"cancelled":0,"allocated":2,"backordered":0,"shipped":0,"returned":0},"discount":{"amount":"0.00","currency":"USD"},"order_discount_share":{"amount":"0.00","currency":"USD"},"shipping_share":{"amount":"0.00","currency":"USD"},"tax_class":"standard","tax_rate":"0","tax":{"amount":"0.00","currency":"USD"},"total":{"amount":"39.98","currency":"USD"},"allocations":[{"location":"wh-east","quantity":2}]}],"totals":{"subtotal":{"amount":"39.98","currency":"USD"},"discount_total":{"amount":"0.00","currency":"USD"},"shipping_total":{"amount":"0.00","currency":"USD"},"tax_total":{"amount":"0.00","currency":"USD"},"total":{"amount":"39.98","currency":"USD"},"tax_summary":[{"rate":"0","taxable":{"amount":"39.98","currency":"USD"},"tax":{"amount":"0.00","currency":"USD"}}]},"created_at":"2026-11-26T09:00:00Z","updated_at":"2026-11-26T09:00:00Z","version":1}"#;

/// The `order_placed` event of that order: the order as placed, before allocation.
const ORDER_PLACED: &str = r#"{"type":"order_placed","order_id":"ord-0000000001","channel":"web","customer_email":"ada@example.com","total":{"amount":"39.98","currency":"USD"},"line_count":1,"order":{"id":"ord-0000000001","sequence":1,"channel":"web","customer_email":"ada@example.com","currency":"USD","prices_include_tax":false,"status":"placed","fulfilment":{"method":"ship","location":null,"ship_to_region":null},"hold_reason":null,"cancel_reason":null,"lines":[{"line_number":1,"sku":"TEE-M","unit_price":{"amount":"19.99","currency":"USD"},"quantities":{"ordered":2,"cancelled":0,"allocated":0,"backordered":0,"shipped":0,"returned":0},"discount":{"amount":"0.00","currency":"USD"},"order_discount_share":{"amount":"0.00","currency":"USD"},"shipping_share":{"amount":"0.00","currency":"USD"},"tax_class":"standard","tax_rate":"0","tax":{"amount":"0.00","currency":"USD"},"total":{"amount":"39.98","currency":"USD"},"allocations":[]}],"totals":{"subtotal":{"amount":"39.98","currency":"USD"},"discount_total":{"amount":"0.00","currency":"USD"},"shipping_total":{"amount":"0.00","currency":"USD"},"tax_total":{"amount":"0.00","currency":"USD"},"total":{"amount":"39.98","currency":"USD"},"tax_summary":[{"rate":"0","taxable":{"amount":"39.98","currency":"USD"},"tax":{"amount":"0.00","currency":"USD"}}]},"created_at":"2026-11-26T09:00:00Z","updated_at":"2026-11-26T09:00:00Z","version":0}}"#;

const ACTIVE: &str = r#"{"id":"cart-active","channel":"web","lines":[{"sku":"TEE-M","quantity":3,"allocations":[{"location":"wh-east","quantity":3}]}],"status":"active","expires_at":"2026-11-26T10:00:00Z","order_id":null,"created_at":"2026-11-26T09:00:00Z","updated_at":"2026-11-26T09:00:00Z","version":1}"#;
const RELEASED: &str = r#"{"id":"cart-released","channel":"web","lines":[{"sku":"TEE-M","quantity":1,"allocations":[]}],"status":"released","expires_at":"2026-11-26T10:00:00Z","order_id":null,"created_at":"2026-11-26T09:00:00Z","updated_at":"2026-11-26T09:00:00Z","version":2}"#;
const CONVERTED: &str = r#"{"id":"cart-converted","channel":"web","lines":[{"sku":"TEE-M","quantity":2,"allocations":[]}],"status":"converted","expires_at":"2026-11-26T10:00:00Z","order_id":"ord-0000000001","created_at":"2026-11-26T09:00:00Z","updated_at":"2026-11-26T09:00:00Z","version":2}"#;
const EXPIRED: &str = r#"{"id":"cart-expired","channel":"web","lines":[{"sku":"TEE-M","quantity":1,"allocations":[]}],"status":"expired","expires_at":"2026-11-26T09:01:00Z","order_id":null,"created_at":"2026-11-26T09:00:00Z","updated_at":"2026-11-26T09:02:00Z","version":2}"#;

/// The receipt's stored result: a stock level with the bucket under its old name.
const RECEIPT_RESULT: &str = r#"{"sku":"TEE-M","location":"wh-east","on_hand":10,"allocated":0,"held":0,"quarantined":0,"incoming":0,"version":1}"#;

const AT: &str = "2026-11-26T09:00:00.000000Z";
const LATER: &str = "2026-11-26T09:02:00.000000Z";

/// The rows, in SQL both SQLite and PostgreSQL take.
fn old_rows() -> String {
    let mut sql = vec![
        r#"INSERT INTO products (sku, version, doc) VALUES ('TEE-M', 1, '{"sku":"TEE-M","name":"T-shirt","tax_class":"standard","backorderable":false,"version":1}')"#.to_string(),
        r#"INSERT INTO locations (id, version, doc) VALUES ('wh-east', 1, '{"id":"wh-east","kind":"warehouse","region":"US-NY","capabilities":{"ships":true,"offers_pickup":false,"ships_from_store":false},"daily_capacity":null,"priority":100,"version":1}')"#.to_string(),
        r#"INSERT INTO channels (id, version, doc) VALUES ('web', 1, '{"id":"web","kind":"web","currency":"USD","locations":["wh-east"],"prices_include_tax":false,"rounding":{"mode":"half_up","level":"line"},"tax_rates":{},"safety_stock":0,"allow_backorders":false,"split_policy":"fewest_shipments","pickup_fallback":"reject","strategy":"ship_from_warehouse","max_distance_km":null,"version":1}')"#.to_string(),
        "INSERT INTO stock (sku, location, on_hand, allocated, held, quarantined, incoming, version) \
         VALUES ('TEE-M', 'wh-east', 10, 2, 3, 0, 0, 8)"
            .to_string(),
    ];
    let movements: [(&str, i64, i64, Option<&str>, &str); 8] = [
        ("receipt", 0, 0, None, AT),
        ("hold", 0, 3, Some("cart-active"), AT),
        ("hold", 0, 1, Some("cart-released"), AT),
        ("hold_release", 0, -1, Some("cart-released"), AT),
        ("hold", 0, 2, Some("cart-converted"), AT),
        ("allocation", 2, -2, Some("ord-0000000001"), AT),
        ("hold", 0, 1, Some("cart-expired"), AT),
        ("hold_release", 0, -1, Some("cart-expired"), LATER),
    ];
    for (index, (reason, allocated, held, reference, at)) in movements.into_iter().enumerate() {
        let on_hand = if reason == "receipt" { 10 } else { 0 };
        let reference = reference.map_or("NULL".to_string(), |r| format!("'{r}'"));
        sql.push(format!(
            "INSERT INTO movements (sequence, sku, location, reason, on_hand_delta, allocated_delta, held_delta, \
             quarantined_delta, incoming_delta, reference, occurred_at) \
             VALUES ({}, 'TEE-M', 'wh-east', '{reason}', {on_hand}, {allocated}, {held}, 0, 0, {reference}, '{at}')",
            index + 1
        ));
    }
    sql.push(format!(
        "INSERT INTO orders (sequence, id, channel, customer_email, status, version, doc) \
         VALUES (1, 'ord-0000000001', 'web', 'ada@example.com', 'allocated', 1, '{ORDER}')"
    ));
    let events: [(&str, &str, &str); 14] = [
        (
            "location_upserted",
            AT,
            r#"{"type":"location_upserted","location":"wh-east","kind":"warehouse","region":"US-NY"}"#,
        ),
        (
            "channel_upserted",
            AT,
            r#"{"type":"channel_upserted","channel":"web","kind":"web","currency":"USD","locations":["wh-east"]}"#,
        ),
        ("product_upserted", AT, r#"{"type":"product_upserted","sku":"TEE-M","name":"T-shirt"}"#),
        (
            "stock_received",
            AT,
            r#"{"type":"stock_received","sku":"TEE-M","location":"wh-east","quantity":10,"on_hand":10}"#,
        ),
        (
            "stock_held",
            AT,
            r#"{"type":"stock_held","hold_id":"cart-active","sku":"TEE-M","location":"wh-east","quantity":3}"#,
        ),
        (
            "stock_held",
            AT,
            r#"{"type":"stock_held","hold_id":"cart-released","sku":"TEE-M","location":"wh-east","quantity":1}"#,
        ),
        ("hold_ended", AT, r#"{"type":"hold_ended","hold_id":"cart-released","status":"released"}"#),
        (
            "stock_held",
            AT,
            r#"{"type":"stock_held","hold_id":"cart-converted","sku":"TEE-M","location":"wh-east","quantity":2}"#,
        ),
        ("order_placed", AT, ORDER_PLACED),
        ("hold_ended", AT, r#"{"type":"hold_ended","hold_id":"cart-converted","status":"converted"}"#),
        (
            "stock_allocated",
            AT,
            r#"{"type":"stock_allocated","order_id":"ord-0000000001","line_number":1,"sku":"TEE-M","location":"wh-east","quantity":2}"#,
        ),
        (
            "order_status_changed",
            AT,
            r#"{"type":"order_status_changed","order_id":"ord-0000000001","from":"placed","to":"allocated"}"#,
        ),
        (
            "stock_held",
            AT,
            r#"{"type":"stock_held","hold_id":"cart-expired","sku":"TEE-M","location":"wh-east","quantity":1}"#,
        ),
        ("hold_ended", LATER, r#"{"type":"hold_ended","hold_id":"cart-expired","status":"expired"}"#),
    ];
    for (index, (kind, at, doc)) in events.into_iter().enumerate() {
        sql.push(format!(
            "INSERT INTO events (sequence, type, occurred_at, doc) VALUES ({}, '{kind}', '{at}', '{doc}')",
            index + 1
        ));
    }
    for (id, status, expires_at, version, doc) in [
        ("cart-active", "active", "2026-11-26T10:00:00.000000Z", 1, ACTIVE),
        ("cart-released", "released", "2026-11-26T10:00:00.000000Z", 2, RELEASED),
        ("cart-converted", "converted", "2026-11-26T10:00:00.000000Z", 2, CONVERTED),
        ("cart-expired", "expired", "2026-11-26T09:01:00.000000Z", 2, EXPIRED),
    ] {
        sql.push(format!(
            "INSERT INTO holds (id, status, expires_at, version, doc) \
             VALUES ('{id}', '{status}', '{expires_at}', {version}, '{doc}')"
        ));
    }
    sql.push(
        "INSERT INTO hold_units (sku, expires_at, hold_id, location, quantity) \
         VALUES ('TEE-M', '2026-11-26T10:00:00.000000Z', 'cart-active', 'wh-east', 3)"
            .to_string(),
    );
    sql.push("INSERT INTO counters (name, value) VALUES ('units_sold web TEE-M', 2)".to_string());
    let hold_payload = r#"{"hold_id":"cart-active","channel":"web","lines":[{"sku":"TEE-M","quantity":3}],"ttl_seconds":3600,"pickup_location":null,"ship_to_region":null}"#;
    let order_payload = r#"{"channel":"web","customer_email":"ada@example.com","currency":null,"lines":[{"sku":"TEE-M","quantity":2,"unit_price":"19.99","discount":null}],"order_discount":null,"shipping":null,"pickup_location":null,"ship_to_region":null,"hold_id":"cart-converted","explain":false}"#;
    let receipt_payload = r#"{"sku":"TEE-M","location":"wh-east","quantity":10}"#;
    for (key, command, payload, result) in [
        ("k-receive", "receive_stock", receipt_payload, RECEIPT_RESULT),
        ("k-hold", "hold_stock", hold_payload, ACTIVE),
        ("k-release", "release_stock_hold", r#"{"hold_id":"cart-released"}"#, RELEASED),
        ("k-order", "place_order", order_payload, ORDER),
    ] {
        sql.push(format!(
            "INSERT INTO idempotency (key, command, payload, result, created_at) \
             VALUES ('{key}', '{command}', '{payload}', '{result}', '{AT}')"
        ));
    }
    sql.join(";\n") + ";"
}

fn clock() -> Arc<ManualClock> {
    Arc::new(ManualClock::new(Utc.with_ymd_and_hms(2026, 11, 26, 9, 2, 0).unwrap()))
}

fn reservation_id(id: &str) -> ReservationId {
    ReservationId::new(id).unwrap()
}

fn reserve(id: &str, quantity: i64, key: &str) -> ReserveStock {
    ReserveStock {
        reservation_id: reservation_id(id),
        channel: chan("web"),
        lines: vec![ReservationLine { sku: sku("TEE-M"), quantity }],
        ttl_seconds: 3600,
        pickup_location: None,
        ship_to_region: None,
        idempotency_key: common::key(key),
    }
}

/// Everything the old rows say, read through the renamed API, then more
/// commands on top of them.
fn reads_back(backend: &str, oms: &Oms) {
    let active = oms.get_reservation(&reservation_id("cart-active")).unwrap();
    assert_eq!((active.status, active.version), (ReservationStatus::Active, 1), "{backend}");
    assert_eq!(active.lines[0].allocations, vec![LineAllocation { location: loc("wh-east"), quantity: 3 }]);
    assert_eq!(active.expires_at, Utc.with_ymd_and_hms(2026, 11, 26, 10, 0, 0).unwrap(), "{backend}");
    let converted = oms.get_reservation(&reservation_id("cart-converted")).unwrap();
    assert_eq!(converted.status, ReservationStatus::Converted, "{backend}");
    assert_eq!(converted.order_id.as_ref().map(OrderId::as_str), Some("ord-0000000001"), "{backend}");
    assert_eq!(oms.get_reservation(&reservation_id("cart-released")).unwrap().status, ReservationStatus::Released);
    assert_eq!(oms.get_reservation(&reservation_id("cart-expired")).unwrap().status, ReservationStatus::Expired);

    let web = oms.get_channel(&chan("web")).unwrap();
    assert_eq!(
        (web.require_payment_before_shipping, web.pickup_window_hours),
        (false, limits::PICKUP_WINDOW_HOURS_DEFAULT),
        "{backend}: a channel stored before these settings reads their defaults"
    );

    let level = oms.stock_level(&sku("TEE-M"), &loc("wh-east")).unwrap();
    assert_eq!((level.on_hand, level.allocated, level.reserved, level.version), (10, 2, 3, 8), "{backend}");
    assert_eq!(oms.available(&sku("TEE-M"), &chan("web")).unwrap(), 5, "{backend}");

    let movements = oms.movements(&sku("TEE-M"), &loc("wh-east"), 0, None).unwrap();
    let read: Vec<(MovementReason, i64, Option<&str>)> =
        movements.iter().map(|m| (m.reason, m.deltas.reserved, m.reference.as_deref())).collect();
    use MovementReason::{Allocation, Receipt, Reservation, ReservationRelease};
    let expected = vec![
        (Receipt, 0, None),
        (Reservation, 3, Some("cart-active")),
        (Reservation, 1, Some("cart-released")),
        (ReservationRelease, -1, Some("cart-released")),
        (Reservation, 2, Some("cart-converted")),
        (Allocation, -2, Some("ord-0000000001")),
        (Reservation, 1, Some("cart-expired")),
        (ReservationRelease, -1, Some("cart-expired")),
    ];
    assert_eq!(read, expected, "{backend}");

    let events = oms.events_since(0, None).unwrap();
    let names: Vec<&str> = events.iter().map(|record| record.event.name()).collect();
    assert_eq!(names.iter().filter(|name| **name == "stock_reserved").count(), 4, "{backend}: {names:?}");
    assert_eq!(names.iter().filter(|name| **name == "reservation_ended").count(), 3, "{backend}: {names:?}");
    assert_eq!(
        events[4].event,
        Event::StockReserved {
            reservation_id: reservation_id("cart-active"),
            sku: sku("TEE-M"),
            location: loc("wh-east"),
            quantity: 3,
        },
        "{backend}"
    );
    assert_eq!(
        events[13].event,
        Event::ReservationEnded { reservation_id: reservation_id("cart-expired"), status: ReservationStatus::Expired },
        "{backend}"
    );
    assert_eq!(events[13].event.data()["reservation_id"], "cart-expired", "{backend}");
    assert_sound(oms);
    let replay = oms.verify_replay().unwrap();
    assert_eq!((replay.events_read, replay.orders_checked), (14, 1), "{backend}");
    assert!(replay.mismatches.is_empty(), "{backend}: {:?}", replay.mismatches);
    assert_eq!(oms.units_sold(&chan("web"), &sku("TEE-M")).unwrap(), 2, "{backend}");

    // Retries with the keys of commands run before the rename get their stored results.
    let receipt =
        ReceiveStock { sku: sku("TEE-M"), location: loc("wh-east"), quantity: 10, idempotency_key: key("k-receive") };
    let stored = oms.receive_stock(receipt).unwrap();
    // The contract's record refers to the level the command wrote: a retry reads it as it is now.
    assert_eq!(stored, oms.stock_level(&sku("TEE-M"), &loc("wh-east")).unwrap(), "{backend}");
    assert_eq!(oms.reserve_stock(reserve("cart-active", 3, "k-hold")).unwrap(), active, "{backend}");
    let release =
        ReleaseReservation { reservation_id: reservation_id("cart-released"), idempotency_key: key("k-release") };
    assert_eq!(oms.release_reservation(release).unwrap().status, ReservationStatus::Released, "{backend}");
    let mut checkout = order("web", vec![line("TEE-M", 2, "19.99")]);
    checkout.reservation_id = Some(reservation_id("cart-converted"));
    checkout.idempotency_key = key("k-order");
    assert_eq!(oms.place_order(checkout).unwrap().id.as_str(), "ord-0000000001", "{backend}");
    // ... and nothing ran again; the same key with another meaning is still refused.
    assert_eq!(oms.movements(&sku("TEE-M"), &loc("wh-east"), 0, None).unwrap().len(), 8, "{backend}");
    let other = oms.reserve_stock(reserve("cart-active", 2, "k-hold")).unwrap_err();
    assert_eq!(other.code(), "idempotency_key_reused", "{backend}");
    let other = oms.reserve_stock(reserve("cart-other", 1, "k-release")).unwrap_err();
    assert_eq!(other.code(), "idempotency_key_reused", "{backend}");

    // New commands carry on from the old state.
    let released = oms
        .release_reservation(ReleaseReservation {
            reservation_id: reservation_id("cart-active"),
            idempotency_key: None,
        })
        .unwrap();
    assert_eq!((released.status, released.version), (ReservationStatus::Released, 2), "{backend}");
    let fresh = oms.reserve_stock(reserve("cart-new", 4, "k-new")).unwrap();
    assert_eq!(fresh.status, ReservationStatus::Active, "{backend}");
    let placed = oms.place_order(order("web", vec![line("TEE-M", 4, "19.99")])).unwrap();
    assert_eq!(placed.id.as_str(), "ord-0000000002", "{backend}");
    let level = oms.stock_level(&sku("TEE-M"), &loc("wh-east")).unwrap();
    assert_eq!((level.allocated, level.reserved), (6, 4), "{backend}");
    let tail: Vec<MovementReason> =
        oms.movements(&sku("TEE-M"), &loc("wh-east"), 8, None).unwrap().iter().map(|m| m.reason).collect();
    assert_eq!(tail, [ReservationRelease, Reservation, Allocation], "{backend}");
    let names: Vec<&str> = oms.events_since(14, None).unwrap().iter().map(|r| r.event.name()).collect();
    assert_eq!(&names[..2], ["reservation_ended", "stock_reserved"], "{backend}");
    assert!(oms.expire_reservations().unwrap().is_empty(), "{backend}");
    // Sold out: the new reservation counts, as the old one did until released.
    assert_eq!(oms.reserve_stock(reserve("cart-late", 1, "k-late")).unwrap_err().code(), "insufficient_stock");
    assert_sound(oms);
}

#[test]
fn a_sqlite_file_written_before_the_rename_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("before.db").display().to_string();
    // The schema is the one that release created (the rename changed no table).
    drop(Oms::open(&path).unwrap());
    let connection = rusqlite::Connection::open(&path).unwrap();
    connection.execute_batch(&old_rows()).unwrap();
    // Where that release's order numbers stood (the outbox and ledger number by row).
    connection.execute_batch("INSERT INTO sequences (name, value) VALUES ('order', 1)").unwrap();
    drop(connection);
    reads_back("sqlite", &Oms::open_with_clock(&path, clock()).unwrap());
    // Moved onto the contract's tables on open, and written there under the new names.
    let ledger = "SELECT body ->> '$.reason' FROM streams WHERE stream = 'ledger' AND seq = 9";
    assert_eq!(sqlite_rows(&path, ledger), ["reservation_release"]);
    // Counter rows (tallies, series) share the table under the SKU ''.
    assert_eq!(sqlite_rows(&path, "SELECT reserved FROM stock_rows WHERE sku <> ''"), ["4"]);
    let outbox = "SELECT body ->> '$.events[0].type' FROM streams WHERE stream = 'outbox' AND seq = 15";
    assert_eq!(sqlite_rows(&path, outbox), ["reservation_ended"]);
}

fn sqlite_rows(path: &str, sql: &str) -> Vec<String> {
    let connection = rusqlite::Connection::open(path).unwrap();
    let mut statement = connection.prepare(sql).unwrap();
    let rows = statement.query_map([], |row| row.get::<_, rusqlite::types::Value>(0)).unwrap();
    rows.map(|value| match value.unwrap() {
        rusqlite::types::Value::Integer(number) => number.to_string(),
        rusqlite::types::Value::Text(text) => text,
        other => format!("{other:?}"),
    })
    .collect()
}

#[test]
fn a_postgres_schema_written_before_the_rename_reads_back() {
    if !postgres_enabled() {
        return;
    }
    // This shop owns (and drops) a fresh schema with the tables that release created.
    let shop = open("postgres");
    let schema = shop.schema().unwrap().to_string();
    let mut client = postgres::Client::connect(&postgres_url(), postgres::NoTls).unwrap();
    client.batch_execute(&format!("SET search_path TO {schema}")).unwrap();
    client.batch_execute(&old_rows()).unwrap();
    // Where that release's counters stood: the outbox, order numbers, the ledger.
    client
        .batch_execute(
            "INSERT INTO counters (name, value) VALUES ('outbox', 14); \
             SELECT setval('order_numbers', 1); \
             SELECT setval(pg_get_serial_sequence('movements', 'sequence'), 8);",
        )
        .unwrap();
    let target = format!("{}?schema={schema}", postgres_url());
    reads_back("postgres", &Oms::open_with_clock(&target, clock()).unwrap());
    let mut text = |sql: &str| -> String { client.query_one(sql, &[]).unwrap().get(0) };
    // Moved onto the contract's tables on open, and written there under the new names.
    assert_eq!(
        text("SELECT body::jsonb->>'reason' FROM streams WHERE stream = 'ledger' AND seq = 9"),
        "reservation_release"
    );
    assert_eq!(text("SELECT reserved::TEXT FROM stock_rows"), "4");
    let outbox = "SELECT body::jsonb->'events'->0->>'type' FROM streams WHERE stream = 'outbox' AND seq = 15";
    assert_eq!(text(outbox), "reservation_ended");
}
