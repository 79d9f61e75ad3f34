//! The conformance suite: every scenario runs against every backend, and each
//! must give the same observable results.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use oms_core::*;

fn each_backend(scenario: fn(&Oms)) {
    for backend in backends() {
        let shop = open(backend);
        stocked(&shop.oms);
        scenario(&shop.oms);
        assert_sound(&shop.oms);
    }
}

fn event_names(oms: &Oms, after: u64) -> Vec<&'static str> {
    oms.events_since(after, Some(1000)).unwrap().iter().map(|record| record.event.name()).collect()
}

fn last_event(oms: &Oms) -> u64 {
    oms.events_since(0, Some(1000)).unwrap().last().map_or(0, |record| record.sequence)
}

#[test]
fn the_service_can_be_shared_between_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Oms>();
}

#[test]
fn placing_allocates_and_emits_events() {
    each_backend(|oms| {
        let before = last_event(oms);
        let placed = oms.place_order(order("web", vec![line("TEE-M", 2, "19.99"), line("MUG", 1, "8.50")])).unwrap();
        assert_eq!(placed.id.as_str(), "ord-0000000001");
        assert_eq!(placed.status, OrderStatus::Allocated);
        assert_eq!(placed.totals.subtotal.amount(), dec("48.48"));
        // 8.875 % per line, half-up: 39.98 → 3.548225 → 3.55; 8.50 → 0.754375 → 0.75.
        assert_eq!(placed.totals.tax_total.amount(), dec("4.30"));
        assert_eq!(placed.totals.total.amount(), dec("52.78"));
        assert_eq!(
            event_names(oms, before),
            ["order_placed", "stock_allocated", "stock_allocated", "order_status_changed"]
        );
        assert_eq!(oms.available(&sku("TEE-M"), &chan("web")).unwrap(), 18);
        assert_eq!(oms.get_order(&placed.id).unwrap(), placed);
    });
}

#[test]
fn a_line_splits_across_locations_in_channel_order() {
    each_backend(|oms| {
        let placed = oms.place_order(order("web", vec![line("TEE-M", 14, "1.00")])).unwrap();
        let allocations: Vec<(String, i64)> =
            placed.lines[0].allocations.iter().map(|a| (a.location.to_string(), a.quantity)).collect();
        assert_eq!(allocations, [("wh-east".to_string(), 10), ("wh-west".to_string(), 4)]);
        let east = oms.stock_level(&sku("TEE-M"), &loc("wh-east")).unwrap();
        assert_eq!((east.on_hand, east.allocated, east.available()), (10, 10, 0));
    });
}

#[test]
fn inclusive_tax_with_document_rounding() {
    each_backend(|oms| {
        let mut command =
            order("eu", vec![line("TEE-M", 1, "10.00"), line("MUG", 1, "10.00"), line("BOOK", 3, "7.99")]);
        command.shipping = Some(dec("4.90"));
        command.order_discount = Some(dec("3.00"));
        let placed = oms.place_order(command).unwrap();
        let totals = &placed.totals;
        assert_eq!(totals.subtotal.amount(), dec("43.97"));
        assert_eq!(totals.total.amount(), dec("45.87")); // 43.97 − 3.00 + 4.90, tax inside
        let rates: Vec<String> = totals.tax_summary.iter().map(|row| row.rate.to_string()).collect();
        assert_eq!(rates, ["0.055", "0.2"]);
        let summed: Money =
            totals.tax_summary.iter().fold(Money::zero(Currency::EUR), |sum, row| sum.checked_add(&row.tax).unwrap());
        assert_eq!(summed, totals.tax_total);
    });
}

#[test]
fn insufficient_stock_leaves_no_trace() {
    each_backend(|oms| {
        let before = last_event(oms);
        let error = oms.place_order(order("web", vec![line("MUG", 1, "1.00"), line("TEE-M", 21, "1.00")])).unwrap_err();
        assert_eq!(error.code(), "insufficient_stock");
        assert_eq!(last_event(oms), before);
        assert_eq!(oms.available(&sku("MUG"), &chan("web")).unwrap(), 20);
        // The sequence did not advance either: the next order still gets number 1.
        let placed = oms.place_order(order("web", vec![line("MUG", 1, "1.00")])).unwrap();
        assert_eq!(placed.sequence, 1);
    });
}

#[test]
fn cancelling_lines_then_the_order_releases_stock() {
    each_backend(|oms| {
        let placed = oms.place_order(order("web", vec![line("TEE-M", 12, "2.00"), line("MUG", 2, "3.00")])).unwrap();
        let partly = oms
            .cancel_lines(CancelLines {
                order_id: placed.id.clone(),
                lines: vec![LineQuantity { line_number: 1, quantity: 3 }],
                idempotency_key: None,
            })
            .unwrap();
        assert_eq!(partly.lines[0].quantities.cancelled, 3);
        assert_eq!(partly.status, OrderStatus::Allocated);
        // The newest allocation (wh-west) is released first.
        assert_eq!(oms.stock_level(&sku("TEE-M"), &loc("wh-west")).unwrap().allocated, 0);
        assert_eq!(oms.stock_level(&sku("TEE-M"), &loc("wh-east")).unwrap().allocated, 9);
        let cancelled = oms
            .cancel_order(CancelOrder {
                order_id: placed.id.clone(),
                reason: Some("customer asked".into()),
                idempotency_key: None,
            })
            .unwrap();
        assert_eq!(cancelled.status, OrderStatus::Cancelled);
        assert_eq!(oms.available(&sku("TEE-M"), &chan("web")).unwrap(), 20);
        let again =
            oms.cancel_order(CancelOrder { order_id: placed.id, reason: None, idempotency_key: None }).unwrap_err();
        assert_eq!(again.code(), "illegal_transition");
    });
}

#[test]
fn cancelling_every_line_cancels_the_order() {
    each_backend(|oms| {
        let placed = oms.place_order(order("web", vec![line("TEE-M", 1, "2.00"), line("MUG", 2, "3.00")])).unwrap();
        let lines = vec![LineQuantity { line_number: 1, quantity: 1 }, LineQuantity { line_number: 2, quantity: 2 }];
        let cancelled = oms.cancel_lines(CancelLines { order_id: placed.id, lines, idempotency_key: None }).unwrap();
        assert_eq!(cancelled.status, OrderStatus::Cancelled);
    });
}

#[test]
fn hold_and_release() {
    each_backend(|oms| {
        let placed = oms.place_order(order("web", vec![line("TEE-M", 1, "2.00")])).unwrap();
        let held = oms
            .hold_order(HoldOrder { order_id: placed.id.clone(), reason: "fraud review".into(), idempotency_key: None })
            .unwrap();
        assert_eq!(held.status, OrderStatus::OnHold);
        assert_eq!(held.hold_reason.as_deref(), Some("fraud review"));
        let twice = oms
            .hold_order(HoldOrder { order_id: placed.id.clone(), reason: "again".into(), idempotency_key: None })
            .unwrap_err();
        assert_eq!(twice.code(), "illegal_transition");
        let released = oms.release_hold(ReleaseHold { order_id: placed.id.clone(), idempotency_key: None }).unwrap();
        assert_eq!(released.status, OrderStatus::Allocated);
        let not_held =
            oms.release_hold(ReleaseHold { order_id: placed.id.clone(), idempotency_key: None }).unwrap_err();
        assert_eq!(not_held.code(), "illegal_transition");
        // A held order can be cancelled, and the hold goes with it.
        oms.hold_order(HoldOrder { order_id: placed.id.clone(), reason: "manual".into(), idempotency_key: None })
            .unwrap();
        let cancelled =
            oms.cancel_order(CancelOrder { order_id: placed.id, reason: None, idempotency_key: None }).unwrap();
        assert_eq!((cancelled.status, cancelled.hold_reason), (OrderStatus::Cancelled, None));
    });
}

#[test]
fn idempotency_keys_replay_or_refuse() {
    each_backend(|oms| {
        let mut command = order("web", vec![line("TEE-M", 2, "19.99")]);
        command.idempotency_key = key("checkout-1001");
        let first = oms.place_order(command.clone()).unwrap();
        let events = last_event(oms);
        let second = oms.place_order(command.clone()).unwrap();
        assert_eq!(first, second);
        assert_eq!(last_event(oms), events, "a replay writes nothing");
        let mut changed = command.clone();
        changed.lines[0].quantity = 3;
        assert_eq!(oms.place_order(changed).unwrap_err().code(), "idempotency_key_reused");
        // The same key on another command is also a reuse.
        let receipt = ReceiveStock {
            sku: sku("MUG"),
            location: loc("wh-east"),
            quantity: 1,
            idempotency_key: key("checkout-1001"),
        };
        assert_eq!(oms.receive_stock(receipt).unwrap_err().code(), "idempotency_key_reused");
        assert_eq!(oms.available(&sku("TEE-M"), &chan("web")).unwrap(), 18);
        // A receipt under its own key counts once.
        let receipt =
            ReceiveStock { sku: sku("MUG"), location: loc("wh-east"), quantity: 5, idempotency_key: key("grn-7") };
        oms.receive_stock(receipt.clone()).unwrap();
        oms.receive_stock(receipt).unwrap();
        assert_eq!(oms.stock_level(&sku("MUG"), &loc("wh-east")).unwrap().on_hand, 15);
    });
}

#[test]
fn listing_pages_by_cursor_and_filters() {
    each_backend(|oms| {
        for index in 0..5 {
            let mut command = order("web", vec![line("MUG", 1, "1.00")]);
            command.customer_email = Email::new(format!("c{}@example.com", index % 2)).unwrap();
            oms.place_order(command).unwrap();
        }
        let first = oms.list_orders(&OrderQuery { limit: Some(2), ..OrderQuery::default() }).unwrap();
        assert_eq!(first.orders.len(), 2);
        let cursor = first.next_cursor.clone().unwrap();
        let second =
            oms.list_orders(&OrderQuery { limit: Some(2), after: Some(cursor), ..OrderQuery::default() }).unwrap();
        assert_eq!(second.orders[0].sequence, 3);
        let third = oms
            .list_orders(&OrderQuery { limit: Some(2), after: second.next_cursor, ..OrderQuery::default() })
            .unwrap();
        assert_eq!((third.orders.len(), third.next_cursor), (1, None));
        let customer =
            OrderQuery { customer_email: Some(Email::new("C0@example.com").unwrap()), ..OrderQuery::default() };
        assert_eq!(oms.list_orders(&customer).unwrap().orders.len(), 3);
        let cancelled = OrderQuery { status: Some(OrderStatus::Cancelled), ..OrderQuery::default() };
        assert!(oms.list_orders(&cancelled).unwrap().orders.is_empty());
        let bad = OrderQuery { after: Some("soon".into()), ..OrderQuery::default() };
        assert_eq!(oms.list_orders(&bad).unwrap_err().code(), "invalid_input");
        let too_many = OrderQuery { limit: Some(100_000), ..OrderQuery::default() };
        assert_eq!(oms.list_orders(&too_many).unwrap_err().code(), "limit_exceeded");
        assert_eq!(oms.order_status_counts().unwrap(), [(OrderStatus::Allocated, 5)]);
    });
}

#[test]
fn the_ledger_explains_every_unit() {
    each_backend(|oms| {
        let placed = oms.place_order(order("web", vec![line("BOOK", 4, "1.00")])).unwrap();
        oms.cancel_order(CancelOrder { order_id: placed.id.clone(), reason: None, idempotency_key: None }).unwrap();
        oms.adjust_stock(AdjustStock {
            sku: sku("BOOK"),
            location: loc("wh-east"),
            quantity_delta: -2,
            idempotency_key: None,
        })
        .unwrap();
        let ledger = oms.movements(&sku("BOOK"), &loc("wh-east"), 0, None).unwrap();
        let reasons: Vec<&str> = ledger.iter().map(|m| m.reason.as_str()).collect();
        assert_eq!(reasons, ["receipt", "allocation", "release", "adjustment"]);
        assert_eq!(ledger[1].reference.as_deref(), Some(placed.id.as_str()));
        assert_eq!(ledger.iter().map(|m| m.deltas.on_hand).sum::<i64>(), 8);
        let rest = oms.movements(&sku("BOOK"), &loc("wh-east"), ledger[1].sequence, Some(1)).unwrap();
        assert_eq!(rest.len(), 1);
        assert_eq!(rest[0].reason, MovementReason::Release);
        let levels = oms.stock_levels(Some(&sku("BOOK")), None).unwrap();
        assert_eq!(levels.len(), 2);
    });
}

#[test]
fn adjustments_cannot_go_below_allocated() {
    each_backend(|oms| {
        oms.place_order(order("web", vec![line("MUG", 8, "1.00")])).unwrap();
        let shrink =
            AdjustStock { sku: sku("MUG"), location: loc("wh-east"), quantity_delta: -3, idempotency_key: None };
        assert_eq!(oms.adjust_stock(shrink).unwrap_err().code(), "insufficient_stock");
        let zero = AdjustStock { sku: sku("MUG"), location: loc("wh-east"), quantity_delta: 0, idempotency_key: None };
        assert_eq!(oms.adjust_stock(zero).unwrap_err().code(), "invalid_quantity");
    });
}

#[test]
fn upserts_change_records_and_skip_no_ops() {
    each_backend(|oms| {
        let before = last_event(oms);
        let same = UpsertProduct::new(sku("MUG"), "MUG product");
        assert_eq!(oms.upsert_product(same).unwrap().version, 1);
        assert_eq!(last_event(oms), before);
        let renamed = UpsertProduct::new(sku("MUG"), "Mug, large");
        assert_eq!(oms.upsert_product(renamed).unwrap().version, 2);
        let no_locations = UpsertChannel::new(chan("pos"), ChannelKind::PointOfSale, Currency::USD, vec![]);
        assert_eq!(oms.upsert_channel(no_locations.clone()).unwrap_err().field(), Some("locations"));
        let unknown = UpsertChannel { locations: vec![loc("store-soho"), loc("nowhere")], ..no_locations };
        let error = oms.upsert_channel(unknown).unwrap_err();
        assert_eq!(error.code(), "location_not_found");
    });
}

#[test]
fn sqlite_state_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("durable.db");
    let placed = {
        let oms = Oms::open(path.to_str().unwrap()).unwrap();
        stocked(&oms);
        oms.place_order(order("web", vec![line("TEE-M", 3, "5.00")])).unwrap()
    };
    let reopened = Oms::open(path.to_str().unwrap()).unwrap();
    assert_eq!(reopened.get_order(&placed.id).unwrap(), placed);
    assert_eq!(reopened.available(&sku("TEE-M"), &chan("web")).unwrap(), 17);
    assert_sound(&reopened);
}

#[test]
fn postgres_targets_are_checked() {
    // Nothing listens on port 1: the store cannot be reached (or, without the
    // `postgres` feature, there is no backend to reach it with).
    let unreachable = Oms::open("postgres://postgres@127.0.0.1:1/test").unwrap_err();
    assert_eq!(unreachable.code(), "storage_unavailable");
    if cfg!(feature = "postgres") {
        let bad_schema = Oms::open(&format!("{}?schema=Robert'); DROP TABLE", postgres_url())).unwrap_err();
        assert_eq!((bad_schema.code(), bad_schema.field()), ("invalid_input", Some("schema")));
        assert_eq!(Oms::open("postgres://:::").unwrap_err().code(), "invalid_input");
    }
}
