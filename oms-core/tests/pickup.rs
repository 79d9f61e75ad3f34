//! Pickup at the store (issue 9): a pickup order's shipment at its pickup
//! store is picked, made ready, then collected (on hand drops with a
//! `pickup` movement, the lines count the units shipped and delivered) or,
//! once the channel's window has passed by the store's clock, expired by a
//! sweep (its units released and cancelled on the order). On every backend,
//! with the manual clock; every refusal names what was wrong and changes
//! nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;

use chrono::TimeDelta;
use common::*;
use oms_core::*;

fn step(id: &ShipmentId) -> ShipmentStep {
    ShipmentStep { shipment_id: id.clone(), idempotency_key: None }
}

/// `stocked`, plus 10 of each SKU at store-soho and a channel `collect`
/// (pickup at store-soho, or wh-east for the rest) whose pickups wait 48 hours.
fn pickup_shop(backend: &'static str) -> (Shop, Arc<ManualClock>) {
    let clock = clock();
    let shop = open_with(backend, clock.clone());
    stocked(&shop.oms);
    for code in SKUS {
        shop.oms
            .receive_stock(ReceiveStock {
                sku: sku(code),
                location: loc("store-soho"),
                quantity: 10,
                idempotency_key: None,
            })
            .unwrap();
    }
    shop.oms
        .upsert_channel(UpsertChannel {
            pickup_window_hours: 48,
            ..UpsertChannel::new(
                chan("collect"),
                ChannelKind::Pickup,
                Currency::USD,
                vec![loc("store-soho"), loc("wh-east")],
            )
        })
        .unwrap();
    (shop, clock)
}

fn pickup_order(oms: &Oms, lines: Vec<LineInput>) -> Order {
    let mut command = order("collect", lines);
    command.pickup_location = Some(loc("store-soho"));
    oms.place_order(command).unwrap()
}

/// Creates the order's shipments, picks the first and makes it ready.
fn ready(oms: &Oms, order: &Order) -> Shipment {
    let shipment =
        oms.create_shipments(CreateShipments { order_id: order.id.clone(), idempotency_key: None }).unwrap().remove(0);
    oms.start_picking(step(&shipment.id)).unwrap();
    oms.ready_for_pickup(step(&shipment.id)).unwrap()
}

fn level(oms: &Oms, code: &str) -> (i64, i64) {
    let level = oms.stock_level(&sku(code), &loc("store-soho")).unwrap();
    (level.on_hand, level.allocated)
}

fn assert_replays(oms: &Oms, backend: &str) {
    assert_sound(oms);
    let replay = oms.verify_replay().unwrap();
    assert!(replay.is_clean(), "{backend}: {:?}", replay.mismatches);
}

#[test]
fn a_pickup_is_made_ready_and_collected_on_every_backend() {
    for backend in backends() {
        let (shop, clock) = pickup_shop(backend);
        let oms = &shop.oms;
        let placed = pickup_order(oms, vec![line("MUG", 2, "8.00"), line("TEE-M", 1, "10.00")]);
        assert_eq!(placed.fulfilment.method, FulfilmentMethod::Pickup, "{backend}");
        let shipment =
            oms.create_shipments(CreateShipments { order_id: placed.id.clone(), idempotency_key: None }).unwrap();
        assert_eq!(shipment.len(), 1, "{backend}: everything at the pickup store");
        let id = &shipment[0].id;
        assert_eq!(oms.ready_for_pickup(step(id)).unwrap_err().code(), "illegal_transition", "{backend}: not picked");
        oms.start_picking(step(id)).unwrap();
        assert_eq!(oms.confirm_pickup(step(id)).unwrap_err().code(), "illegal_transition", "{backend}: not ready");

        let waiting = oms.ready_for_pickup(step(id)).unwrap();
        assert_eq!(waiting.status, ShipmentStatus::ReadyForPickup, "{backend}");
        assert_eq!(waiting.pickup_expires_at, Some(clock.now() + TimeDelta::hours(48)), "{backend}: the window");
        let order = oms.get_order(&placed.id).unwrap();
        assert_eq!(order.status, OrderStatus::ReadyForPickup, "{backend}");
        assert!(order.lines.iter().all(|l| l.quantities.ready_for_pickup == l.quantities.ordered), "{backend}");
        assert_eq!(level(oms, "MUG"), (10, 2), "{backend}: still on the shelf, promised");
        assert_eq!(oms.ready_for_pickup(step(id)).unwrap_err().code(), "illegal_transition", "{backend}: twice");

        clock.advance(TimeDelta::hours(47));
        assert_eq!(oms.expire_pickups().unwrap(), Vec::new(), "{backend}: not due yet");
        let collected = oms.confirm_pickup(step(id)).unwrap();
        assert_eq!(collected.status, ShipmentStatus::PickedUp, "{backend}");
        assert_eq!(level(oms, "MUG"), (8, 0), "{backend}: the goods left");
        let moved = oms.movements(&sku("MUG"), &loc("store-soho"), 0, None).unwrap();
        let last = moved.last().unwrap();
        assert_eq!(
            (last.reason, last.deltas.on_hand, last.reference.as_deref()),
            (MovementReason::Pickup, -2, Some(placed.id.as_str())),
            "{backend}"
        );
        let done = oms.get_order(&placed.id).unwrap();
        assert_eq!(done.status, OrderStatus::PickedUp, "{backend}");
        for line in &done.lines {
            let q = line.quantities;
            assert_eq!((q.shipped, q.delivered, q.allocated, q.ready_for_pickup), (q.ordered, q.ordered, 0, 0));
        }
        assert_eq!(oms.confirm_pickup(step(id)).unwrap_err().code(), "illegal_transition", "{backend}: collected");
        clock.advance(TimeDelta::hours(2));
        assert_eq!(oms.expire_pickups().unwrap(), Vec::new(), "{backend}: a collected pickup does not expire");
        let names: Vec<&str> = oms.events_since(0, None).unwrap().iter().map(|r| r.event.name()).collect();
        assert!(names.contains(&"shipment_ready_for_pickup") && names.contains(&"shipment_picked_up"), "{backend}");
        assert_replays(oms, backend);
    }
}

#[test]
fn an_uncollected_pickup_expires_by_the_clock_on_every_backend() {
    for backend in backends() {
        let (shop, clock) = pickup_shop(backend);
        let oms = &shop.oms;
        let whole = pickup_order(oms, vec![line("MUG", 2, "8.00")]);
        let first = ready(oms, &whole);
        // Collected in two parts: one unit now, the other two wait and expire.
        let split = pickup_order(oms, vec![line("TEE-M", 3, "10.00")]);
        let part = oms
            .create_shipment(CreateShipment {
                order_id: split.id.clone(),
                location: loc("store-soho"),
                lines: vec![LineQuantity { line_number: 1, quantity: 1 }],
                idempotency_key: None,
            })
            .unwrap();
        oms.start_picking(step(&part.id)).unwrap();
        oms.ready_for_pickup(step(&part.id)).unwrap();
        assert_eq!(oms.get_order(&split.id).unwrap().status, OrderStatus::Allocated, "{backend}: one of three ready");
        oms.confirm_pickup(step(&part.id)).unwrap();
        assert_eq!(oms.get_order(&split.id).unwrap().status, OrderStatus::PartiallyShipped, "{backend}");
        clock.advance(TimeDelta::hours(1));
        let rest = ready(oms, &split);
        assert_eq!(rest.lines[0].quantity, 2, "{backend}");
        assert_eq!(oms.get_order(&split.id).unwrap().status, OrderStatus::ReadyForPickup, "{backend}");

        assert_eq!(oms.expire_pickups().unwrap(), Vec::new(), "{backend}: nothing due");
        clock.advance(TimeDelta::hours(47) + TimeDelta::seconds(1));
        let expired = oms.expire_pickups().unwrap();
        let ids: Vec<&ShipmentId> = expired.iter().map(|s| &s.id).collect();
        assert_eq!(ids, [&first.id], "{backend}: only the first is past its window");
        assert_eq!(expired[0].status, ShipmentStatus::PickupExpired, "{backend}");
        let cancelled = oms.get_order(&whole.id).unwrap();
        assert_eq!(
            (cancelled.status, cancelled.cancel_reason.as_deref()),
            (OrderStatus::Cancelled, Some("pickup_expired")),
            "{backend}: nothing left of it"
        );
        assert_eq!(level(oms, "MUG"), (10, 0), "{backend}: released, still on the shelf");
        let moved = oms.movements(&sku("MUG"), &loc("store-soho"), 0, None).unwrap();
        assert_eq!(moved.last().unwrap().reason, MovementReason::Release, "{backend}");

        clock.advance(TimeDelta::hours(1));
        let expired = oms.expire_pickups().unwrap();
        assert_eq!(expired.iter().map(|s| &s.id).collect::<Vec<_>>(), [&rest.id], "{backend}");
        let after = oms.get_order(&split.id).unwrap();
        let q = after.lines[0].quantities;
        assert_eq!((q.shipped, q.cancelled, q.allocated, q.ready_for_pickup), (1, 2, 0, 0), "{backend}");
        assert_eq!(after.status, OrderStatus::PickedUp, "{backend}: what was collected is all that is left");
        assert_eq!(level(oms, "TEE-M"), (9, 0), "{backend}");
        assert_eq!(oms.expire_pickups().unwrap(), Vec::new(), "{backend}: each expires once");
        assert_eq!(oms.confirm_pickup(step(&rest.id)).unwrap_err().code(), "illegal_transition", "{backend}");
        assert_replays(oms, backend);
    }
}

#[test]
fn pickup_steps_are_refused_where_they_do_not_apply() {
    let (shop, _clock) = pickup_shop("sqlite");
    let oms = &shop.oms;
    // A delivery shipment cannot wait at a counter.
    let shipped = oms.place_order(order("web", vec![line("MUG", 1, "8.00")])).unwrap();
    let parcel = oms
        .create_shipments(CreateShipments { order_id: shipped.id.clone(), idempotency_key: None })
        .unwrap()
        .remove(0);
    oms.start_picking(step(&parcel.id)).unwrap();
    let refused = oms.ready_for_pickup(step(&parcel.id)).unwrap_err();
    assert_eq!(refused.code(), "illegal_transition");
    assert_eq!(
        refused.to_string(),
        "illegal transition: cannot make ready for pickup from status picking shipment of a ship order"
    );
    assert_eq!(oms.confirm_pickup(step(&parcel.id)).unwrap_err().code(), "illegal_transition");
    assert_eq!(oms.get_shipment(&parcel.id).unwrap().status, ShipmentStatus::Picking, "refusals changed nothing");

    // A pickup order's goods elsewhere (sent to the store) go by carrier.
    oms.upsert_channel(UpsertChannel {
        pickup_fallback: PickupFallback::ShipToStore,
        ..UpsertChannel::new(
            chan("collect"),
            ChannelKind::Pickup,
            Currency::USD,
            vec![loc("store-soho"), loc("wh-east")],
        )
    })
    .unwrap();
    oms.upsert_product(UpsertProduct::new(sku("CAP"), "Cap")).unwrap();
    oms.receive_stock(ReceiveStock { sku: sku("CAP"), location: loc("wh-east"), quantity: 5, idempotency_key: None })
        .unwrap();
    let sent = pickup_order(oms, vec![line("CAP", 1, "5.00")]);
    let shipments = oms.create_shipments(CreateShipments { order_id: sent.id.clone(), idempotency_key: None }).unwrap();
    let away = shipments.iter().find(|s| s.location == loc("wh-east")).unwrap();
    oms.start_picking(step(&away.id)).unwrap();
    let refused = oms.ready_for_pickup(step(&away.id)).unwrap_err();
    assert_eq!(refused.code(), "illegal_transition");
    assert!(refused.to_string().contains("not at the pickup store store-soho"), "{refused}");

    // An order on hold keeps its goods.
    let held = pickup_order(oms, vec![line("MUG", 1, "8.00")]);
    let shipment = oms.create_shipments(CreateShipments { order_id: held.id.clone(), idempotency_key: None }).unwrap();
    oms.start_picking(step(&shipment[0].id)).unwrap();
    oms.hold_order(HoldOrder { order_id: held.id.clone(), reason: "fraud review".into(), idempotency_key: None })
        .unwrap();
    assert_eq!(oms.ready_for_pickup(step(&shipment[0].id)).unwrap_err().code(), "illegal_transition");

    let unknown = ShipmentId::new("shp-404").unwrap();
    assert_eq!(oms.ready_for_pickup(step(&unknown)).unwrap_err().code(), "shipment_not_found");
    assert_eq!(oms.confirm_pickup(step(&unknown)).unwrap_err().code(), "shipment_not_found");
    assert_eq!(oms.expire_pickups().unwrap(), Vec::new(), "nothing ready, nothing due");
    assert_sound(oms);
}

#[test]
fn a_channel_that_requires_payment_hands_over_only_paid_orders() {
    let (shop, _clock) = pickup_shop("memory");
    let oms = &shop.oms;
    oms.upsert_channel(UpsertChannel {
        require_payment_before_shipping: true,
        ..UpsertChannel::new(chan("collect"), ChannelKind::Pickup, Currency::USD, vec![loc("store-soho")])
    })
    .unwrap();
    let placed = pickup_order(oms, vec![line("MUG", 1, "8.00")]);
    let waiting = ready(oms, &placed);
    let refused = oms.confirm_pickup(step(&waiting.id)).unwrap_err();
    assert_eq!((refused.code(), refused.field()), ("payment_required", Some("shipment_id")));
    assert_eq!(level(oms, "MUG"), (10, 1), "the refusal moved nothing");
    assert_sound(oms);
}

#[test]
fn the_pickup_window_is_a_bounded_channel_setting() {
    let shop = open("memory");
    let oms = &shop.oms;
    stocked(oms);
    let channel = |hours: i64| UpsertChannel {
        pickup_window_hours: hours,
        ..UpsertChannel::new(chan("collect"), ChannelKind::Pickup, Currency::USD, vec![loc("store-soho")])
    };
    let refused = |hours: i64| {
        let error = oms.upsert_channel(channel(hours)).unwrap_err();
        (error.code(), error.field().map(str::to_string))
    };
    let field = Some("pickup_window_hours".to_string());
    assert_eq!(refused(0), ("invalid_input", field.clone()));
    assert_eq!(refused(-3), ("invalid_input", field.clone()));
    assert_eq!(refused(limits::PICKUP_WINDOW_HOURS_MAX + 1), ("limit_exceeded", field.clone()));
    assert_eq!(refused(i64::MAX), ("limit_exceeded", field));
    assert_eq!(oms.get_channel(&chan("collect")).unwrap_err().code(), "channel_not_found", "nothing written");
    assert_eq!(oms.upsert_channel(channel(limits::PICKUP_WINDOW_HOURS_MAX)).unwrap().pickup_window_hours, 2160);
    let defaulted = UpsertChannel::new(chan("walk-in"), ChannelKind::Pickup, Currency::USD, vec![loc("store-soho")]);
    assert_eq!(oms.upsert_channel(defaulted).unwrap().pickup_window_hours, 72, "three days unless told");
    // JSON without the setting (a channel stored before it) reads the default.
    let stored = serde_json::to_value(oms.get_channel(&chan("walk-in")).unwrap()).unwrap();
    let mut old = stored.as_object().unwrap().clone();
    old.remove("pickup_window_hours");
    let read: Channel = serde_json::from_value(serde_json::Value::Object(old)).unwrap();
    assert_eq!(read.pickup_window_hours, 72);
}
