//! A database written by release 0.1.0 opens with this release and keeps all
//! its data: orders (one held, one backordered, one cancelled), checkout
//! holds now read as reservations, a transfer on its way, the ledger, the
//! outbox and idempotency keys. `tests/fixtures/release-0.1.0.db` was written
//! by the 0.1.0 code (see `tests/fixtures/write_release_0_1_0.rs`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use chrono::{TimeDelta, TimeZone, Utc};
use oms_core::*;

/// A copy of the fixture in a fresh directory, opened with a clock at the
/// time it was written, so the fixture itself is never changed.
fn open_copy(dir: &tempfile::TempDir) -> (Oms, Arc<ManualClock>) {
    let path = dir.path().join("shop.db");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/release-0.1.0.db"), &path).unwrap();
    let clock = Arc::new(ManualClock::new(Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 30).unwrap()));
    let oms = Oms::open_with_clock(path.to_str().unwrap(), clock.clone() as Arc<dyn Clock>).unwrap();
    (oms, clock)
}

fn id(text: &str) -> OrderId {
    OrderId::new(text).unwrap()
}

#[test]
fn a_release_0_1_store_opens_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let (oms, _) = open_copy(&dir);
    let report = oms.audit().unwrap();
    assert!(report.is_clean(), "{:#?}", report.violations);
    assert_eq!(report.orders_checked, 3);

    let held = oms.get_order(&id("ord-0000000001")).unwrap();
    assert_eq!((held.status, held.hold_reason.as_deref()), (OrderStatus::OnHold, Some("fraud review")));
    assert_eq!(held.customer_email.as_str(), "ada@example.com");
    assert_eq!(held.totals.total.to_string(), "65.29 USD");
    let backordered = oms.get_order(&id("ord-0000000002")).unwrap();
    assert_eq!((backordered.status, backordered.lines[0].quantities.backordered), (OrderStatus::PartiallyAllocated, 4));
    let cancelled = oms.get_order(&id("ord-0000000003")).unwrap();
    assert_eq!(
        (cancelled.status, cancelled.cancel_reason.as_deref()),
        (OrderStatus::Cancelled, Some("changed their mind"))
    );

    let live = oms.get_reservation(&ReservationId::new("cart-live").unwrap()).unwrap();
    assert_eq!((live.status, live.lines[0].sku.as_str()), (ReservationStatus::Active, "TEE-M"));
    let tee = oms.stock_level(&Sku::new("TEE-M").unwrap(), &LocationId::new("wh-east").unwrap()).unwrap();
    assert_eq!((tee.on_hand, tee.allocated, tee.reserved), (10, 2, 2));
    let mug = oms.stock_level(&Sku::new("MUG").unwrap(), &LocationId::new("wh-west").unwrap()).unwrap();
    assert_eq!(mug.incoming, 2, "the transfer on its way");
    assert_eq!(oms.get_transfer(&TransferId::from_sequence(1)).unwrap().status, TransferStatus::Shipped);
    assert!(
        oms.movements(&Sku::new("TEE-M").unwrap(), &LocationId::new("wh-east").unwrap(), 0, None).unwrap().len() >= 4
    );

    let events = oms.events_since(0, Some(1_000)).unwrap();
    assert_eq!(events.len(), 29, "every event of 0.1.0 reads");
    assert!(events.iter().any(|record| record.event.name() == "stock_reserved"), "stock_held reads as stock_reserved");
    // Orders of 0.1.0 have no snapshot in their order_placed event: counted, not compared.
    let replay = oms.verify_replay().unwrap();
    assert_eq!((replay.orders_checked, replay.orders_not_replayable, replay.mismatches.len()), (0, 3, 0));
}

#[test]
fn a_release_0_1_store_keeps_working_after_the_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let (oms, clock) = open_copy(&dir);
    // The same checkout retried with its key returns the order 0.1.0 stored.
    let web = ChannelId::new("web").unwrap();
    let line = |code: &str, quantity| LineInput {
        sku: Sku::new(code).unwrap(),
        quantity,
        unit_price: rust_decimal::Decimal::new(1999, 2),
        discount: None,
    };
    let mut retry =
        PlaceOrder::new(web.clone(), Email::new("Ada@Example.com").unwrap(), vec![line("TEE-M", 2), line("MUG", 1)]);
    retry.idempotency_key = Some(IdempotencyKey::new("checkout-1").unwrap());
    assert_eq!(oms.place_order(retry).unwrap().id, id("ord-0000000001"));

    // The stale cart expired long ago: its unit is free for a new sale.
    clock.advance(TimeDelta::hours(2));
    assert_eq!(oms.available(&Sku::new("TEE-M").unwrap(), &web).unwrap(), 7);
    let new = oms
        .place_order(PlaceOrder::new(web.clone(), Email::new("bob@example.com").unwrap(), vec![line("TEE-M", 7)]))
        .unwrap();
    assert_eq!(new.id, id("ord-0000000004"));
    oms.release_hold(ReleaseHold { order_id: id("ord-0000000001"), idempotency_key: None }).unwrap();
    oms.cancel_order(CancelOrder { order_id: id("ord-0000000002"), reason: None, idempotency_key: None }).unwrap();
    oms.receive_transfer(TransferStep { transfer_id: TransferId::from_sequence(1), idempotency_key: None }).unwrap();
    assert!(oms.audit().unwrap().is_clean());
    let replay = oms.verify_replay().unwrap();
    assert_eq!((replay.orders_checked, replay.orders_not_replayable), (1, 3), "{replay:#?}");
    assert!(replay.is_clean(), "{replay:#?}");
    assert_eq!(oms.units_sold(&web, &Sku::new("TEE-M").unwrap()).unwrap(), 7, "counted from the upgrade on");
}

/// `tests/fixtures/contract-schema-6.db` was written by this library at
/// commit 99a2e80, when SQLite kept series and tallies in tables of their own
/// (see `tests/fixtures/write_contract_schema_6.rs`): three orders (one
/// cancelled), a shipment, a payment and a transfer, so four series and the
/// units-sold and catalogue tallies hold numbers. Opened now, they are
/// counter rows of `stock_rows` (migration 7) and every number goes on.
#[test]
fn a_store_written_before_counters_moved_keeps_its_series_and_tallies() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.db");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/contract-schema-6.db"), &path).unwrap();
    let clock = Arc::new(ManualClock::new(Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 30).unwrap()));
    let oms = Oms::open_with_clock(path.to_str().unwrap(), clock as Arc<dyn Clock>).unwrap();
    assert_eq!(oms.schema_version().unwrap(), 7);
    assert!(oms.audit().unwrap().is_clean());

    let web = ChannelId::new("web").unwrap();
    let sku = |code: &str| Sku::new(code).unwrap();
    let sold = |code: &str| oms.units_sold(&web, &sku(code)).unwrap();
    assert_eq!((sold("TEE-M"), sold("MUG"), sold("BOOK")), (2, 1, 3), "the tallies as they were");

    // Every series goes on from where it stood.
    let line = |code: &str, quantity| LineInput {
        sku: sku(code),
        quantity,
        unit_price: rust_decimal::Decimal::new(1999, 2),
        discount: None,
    };
    let placed =
        oms.place_order(PlaceOrder::new(web.clone(), Email::new("bo@example.com").unwrap(), vec![line("TEE-M", 1)]));
    let placed = placed.unwrap();
    assert_eq!(placed.id.as_str(), "ord-0000000004");
    assert_eq!(sold("TEE-M"), 3, "a new order adds to the tally it had");
    let second = OrderId::new("ord-0000000002").unwrap();
    let shipments = oms.create_shipments(CreateShipments { order_id: second.clone(), idempotency_key: None });
    assert_eq!(shipments.unwrap()[0].id.as_str(), "shp-0000000002");
    let payment = oms
        .authorize_payment(AuthorizePayment {
            order_id: placed.id.clone(),
            payment_id: None,
            kind: PaymentKind::Card,
            amount: rust_decimal::Decimal::new(1999, 2),
            currency: None,
            gateway_reference: GatewayReference::new("ch_after_upgrade").unwrap(),
            idempotency_key: None,
        })
        .unwrap();
    assert_eq!(payment.id.as_str(), "pay-0000000002");
    let transfer = oms.request_transfer(RequestTransfer {
        sku: sku("MUG"),
        from_location: LocationId::new("wh-east").unwrap(),
        to_location: LocationId::new("wh-west").unwrap(),
        quantity: 1,
        idempotency_key: None,
    });
    assert_eq!(transfer.unwrap().id.as_str(), "tr-0000000002");

    // The catalogue's version went on too: a product added now is seen by the next order.
    oms.upsert_product(UpsertProduct::new(sku("CAP"), "Cap")).unwrap();
    let receipt = ReceiveStock {
        sku: sku("CAP"),
        location: LocationId::new("wh-east").unwrap(),
        quantity: 2,
        idempotency_key: None,
    };
    oms.receive_stock(receipt).unwrap();
    let cap = oms.place_order(PlaceOrder::new(web, Email::new("cy@example.com").unwrap(), vec![line("CAP", 1)]));
    assert_eq!(cap.unwrap().id.as_str(), "ord-0000000005");
    assert!(oms.audit().unwrap().is_clean());
    drop(oms);

    // What the file holds now: no tables of their own, counter rows under the SKU ''.
    let connection = rusqlite::Connection::open(&path).unwrap();
    let tables: i64 = connection
        .query_row("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('series', 'tallies')", [], |row| row.get(0))
        .unwrap();
    assert_eq!(tables, 0);
    let order_series: i64 = connection
        .query_row("SELECT on_hand FROM stock_rows WHERE sku = '' AND location = 'series:order'", [], |row| row.get(0))
        .unwrap();
    assert_eq!(order_series, 5);
}
