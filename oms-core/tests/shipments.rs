//! Shipments (issue 9): created from an order's allocations, one per
//! location; picked, packed, shipped (on hand drops, the lines count the
//! units shipped) and delivered, on every backend; every refusal names what
//! was wrong and changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use oms_core::*;

fn step(id: &ShipmentId) -> ShipmentStep {
    ShipmentStep { shipment_id: id.clone(), idempotency_key: None }
}

fn parcel() -> Parcel {
    Parcel { weight_grams: 1200, length_mm: 300, width_mm: 200, height_mm: 100 }
}

fn pack(id: &ShipmentId, parcels: Vec<Parcel>) -> PackShipment {
    PackShipment { shipment_id: id.clone(), parcels, idempotency_key: None }
}

fn ship(id: &ShipmentId) -> ShipShipment {
    ShipShipment {
        shipment_id: id.clone(),
        carrier: "UPS".into(),
        tracking_number: " 1Z999AA10123456784 ".into(),
        partner_reference: None,
        idempotency_key: None,
    }
}

fn deliver(id: &ShipmentId) -> ConfirmDelivery {
    ConfirmDelivery { shipment_id: id.clone(), partner_reference: None, idempotency_key: None }
}

fn create(oms: &Oms, order: &Order) -> Vec<Shipment> {
    oms.create_shipments(CreateShipments { order_id: order.id.clone(), idempotency_key: None }).unwrap()
}

#[test]
fn an_order_split_over_two_locations_ships_and_is_delivered_on_every_backend() {
    for backend in backends() {
        let shop = open(backend);
        let oms = &shop.oms;
        stocked(oms);
        // 12 tees: 10 from wh-east, 2 from wh-west; one mug from wh-east.
        let order = oms.place_order(order("web", vec![line("TEE-M", 12, "10.00"), line("MUG", 1, "8.00")])).unwrap();
        let shipments = create(oms, &order);
        let places: Vec<&str> = shipments.iter().map(|s| s.location.as_str()).collect();
        assert_eq!(places, ["wh-east", "wh-west"], "{backend}: one per location");
        assert!(shipments.iter().all(|s| s.status == ShipmentStatus::Pending), "{backend}");
        assert_eq!(create(oms, &order), Vec::new(), "{backend}: nothing left to gather");
        assert_eq!(oms.list_shipments(&order.id).unwrap(), shipments, "{backend}");

        let east = &shipments[0];
        let before = oms.stock_level(&sku("TEE-M"), &loc("wh-east")).unwrap();
        oms.start_picking(step(&east.id)).unwrap();
        let packed = oms.pack_shipment(pack(&east.id, vec![parcel()])).unwrap();
        assert_eq!((packed.status, packed.parcels.len()), (ShipmentStatus::Packed, 1), "{backend}");
        let shipped = oms.ship_shipment(ship(&east.id)).unwrap();
        assert_eq!(shipped.tracking_number.as_deref(), Some("1Z999AA10123456784"), "{backend}: trimmed");
        let after = oms.stock_level(&sku("TEE-M"), &loc("wh-east")).unwrap();
        assert_eq!(
            (after.on_hand, after.allocated),
            (before.on_hand - 10, before.allocated - 10),
            "{backend}: the goods left"
        );
        let moved = oms.movements(&sku("TEE-M"), &loc("wh-east"), 0, Some(1000)).unwrap();
        assert_eq!(moved.last().unwrap().reason, MovementReason::Shipment, "{backend}");
        let partly = oms.get_order(&order.id).unwrap();
        assert_eq!(partly.status, OrderStatus::PartiallyShipped, "{backend}");
        assert_eq!((partly.lines[0].quantities.shipped, partly.lines[0].quantities.allocated), (10, 2), "{backend}");

        let west = &shipments[1];
        oms.start_picking(step(&west.id)).unwrap();
        oms.pack_shipment(pack(&west.id, vec![parcel(), parcel()])).unwrap();
        oms.ship_shipment(ship(&west.id)).unwrap();
        assert_eq!(oms.get_order(&order.id).unwrap().status, OrderStatus::Shipped, "{backend}");
        oms.confirm_delivery(deliver(&east.id)).unwrap();
        assert_eq!(oms.get_order(&order.id).unwrap().status, OrderStatus::Shipped, "{backend}: one still on its way");
        let delivered = oms.confirm_delivery(deliver(&west.id)).unwrap();
        assert_eq!(delivered.status, ShipmentStatus::Delivered, "{backend}");
        let done = oms.get_order(&order.id).unwrap();
        assert_eq!(done.status, OrderStatus::Delivered, "{backend}");
        assert!(done.lines.iter().all(|l| l.quantities.delivered == l.quantities.ordered), "{backend}");
        assert_sound(oms);
        let replay = oms.verify_replay().unwrap();
        assert!(replay.mismatches.is_empty(), "{backend}: {:?}", replay.mismatches);
    }
}

#[test]
fn each_step_is_refused_out_of_order_and_changes_nothing() {
    let shop = open("sqlite");
    let oms = &shop.oms;
    stocked(oms);
    let order = oms.place_order(order("web", vec![line("MUG", 2, "8.00")])).unwrap();
    let shipment = create(oms, &order).remove(0);
    let code = |result: Result<Shipment>| result.unwrap_err().code();
    assert_eq!(
        code(oms.pack_shipment(pack(&shipment.id, vec![parcel()]))),
        "illegal_transition",
        "pack before picking"
    );
    assert_eq!(code(oms.ship_shipment(ship(&shipment.id))), "illegal_transition", "ship before packing");
    assert_eq!(code(oms.confirm_delivery(deliver(&shipment.id))), "illegal_transition", "deliver before shipping");
    oms.start_picking(step(&shipment.id)).unwrap();
    assert_eq!(code(oms.start_picking(step(&shipment.id))), "illegal_transition", "picking twice");
    oms.pack_shipment(pack(&shipment.id, vec![parcel()])).unwrap();
    assert_eq!(code(oms.cancel_shipment(step(&shipment.id))), "illegal_transition", "cancel once packed");
    let unknown = ShipmentId::new("shp-404").unwrap();
    assert_eq!(code(oms.start_picking(step(&unknown))), "shipment_not_found");
    assert_eq!(oms.get_shipment(&unknown).unwrap_err().code(), "shipment_not_found");
    assert_eq!(oms.list_shipments(&OrderId::new("ord-404").unwrap()).unwrap_err().code(), "order_not_found");
    let missing = CreateShipments { order_id: OrderId::new("ord-404").unwrap(), idempotency_key: None };
    assert_eq!(oms.create_shipments(missing).unwrap_err().code(), "order_not_found");
    assert_eq!(oms.get_shipment(&shipment.id).unwrap().status, ShipmentStatus::Packed, "refusals changed nothing");
    assert_sound(oms);
}

#[test]
fn bad_parcels_and_hand_offs_name_their_field() {
    let shop = open("memory");
    let oms = &shop.oms;
    stocked(oms);
    let order = oms.place_order(order("web", vec![line("MUG", 1, "8.00")])).unwrap();
    let shipment = create(oms, &order).remove(0);
    oms.start_picking(step(&shipment.id)).unwrap();
    let refused = |parcels: Vec<Parcel>| {
        let error = oms.pack_shipment(pack(&shipment.id, parcels)).unwrap_err();
        (error.code(), error.field().map(String::from))
    };
    assert_eq!(refused(vec![]), ("invalid_input", Some("parcels".into())));
    assert_eq!(
        refused(vec![Parcel { weight_grams: 0, ..parcel() }]),
        ("invalid_input", Some("parcels[0].weight_grams".into()))
    );
    assert_eq!(
        refused(vec![parcel(), Parcel { height_mm: 10_001, ..parcel() }]),
        ("limit_exceeded", Some("parcels[1].height_mm".into()))
    );
    assert_eq!(refused(vec![parcel(); 101]), ("limit_exceeded", Some("parcels".into())));
    assert_eq!(refused(vec![Parcel { length_mm: i64::MIN, ..parcel() }]).0, "invalid_input");
    oms.pack_shipment(pack(&shipment.id, vec![parcel()])).unwrap();
    let blank = ShipShipment { carrier: "  ".into(), ..ship(&shipment.id) };
    assert_eq!(oms.ship_shipment(blank).unwrap_err().field(), Some("carrier"));
    let long = ShipShipment { tracking_number: "9".repeat(201), ..ship(&shipment.id) };
    assert_eq!(oms.ship_shipment(long).unwrap_err().code(), "limit_exceeded");
    assert_eq!(oms.get_shipment(&shipment.id).unwrap().status, ShipmentStatus::Packed);
}

#[test]
fn goods_of_a_cancelled_or_held_order_do_not_leave() {
    let shop = open("memory");
    let oms = &shop.oms;
    stocked(oms);
    let held = oms.place_order(order("web", vec![line("MUG", 1, "8.00")])).unwrap();
    let shipment = create(oms, &held).remove(0);
    oms.start_picking(step(&shipment.id)).unwrap();
    oms.pack_shipment(pack(&shipment.id, vec![parcel()])).unwrap();
    oms.hold_order(HoldOrder { order_id: held.id.clone(), reason: "fraud review".into(), idempotency_key: None })
        .unwrap();
    assert_eq!(oms.ship_shipment(ship(&shipment.id)).unwrap_err().code(), "illegal_transition");
    let create_held = CreateShipments { order_id: held.id.clone(), idempotency_key: None };
    assert_eq!(oms.create_shipments(create_held).unwrap_err().code(), "illegal_transition");

    let cancelled = oms.place_order(order("web", vec![line("TEE-M", 1, "8.00")])).unwrap();
    let shipment = create(oms, &cancelled).remove(0);
    oms.start_picking(step(&shipment.id)).unwrap();
    oms.pack_shipment(pack(&shipment.id, vec![parcel()])).unwrap();
    oms.cancel_order(CancelOrder { order_id: cancelled.id.clone(), reason: None, idempotency_key: None }).unwrap();
    assert_eq!(oms.ship_shipment(ship(&shipment.id)).unwrap_err().code(), "illegal_transition", "a cancelled line");
    assert_sound(oms);
}

#[test]
fn a_cancelled_shipment_gives_its_units_back_to_the_next_one() {
    let shop = open("memory");
    let oms = &shop.oms;
    stocked(oms);
    let order = oms.place_order(order("web", vec![line("MUG", 3, "8.00")])).unwrap();
    let first = create(oms, &order).remove(0);
    oms.cancel_shipment(step(&first.id)).unwrap();
    let again = create(oms, &order);
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].lines[0].quantity, 3);
    let mut retried = CreateShipments { order_id: order.id.clone(), idempotency_key: key("ship-1") };
    let once = oms.create_shipments(retried.clone()).unwrap();
    assert!(once.is_empty());
    retried.idempotency_key = key("ship-1");
    assert_eq!(oms.create_shipments(retried).unwrap(), once, "an idempotent retry");
}

#[test]
fn a_pick_list_aggregates_the_open_shipments_of_a_location_by_sku_on_every_backend() {
    for backend in backends() {
        let shop = open(backend);
        let oms = &shop.oms;
        stocked(oms);
        let first = oms.place_order(order("web", vec![line("TEE-M", 2, "10.00"), line("MUG", 1, "8.00")])).unwrap();
        let second = oms.place_order(order("web", vec![line("TEE-M", 3, "10.00")])).unwrap();
        let a = create(oms, &first).remove(0);
        let b = create(oms, &second).remove(0);
        oms.start_picking(step(&b.id)).unwrap();
        let list = oms.pick_list(&loc("wh-east")).unwrap();
        let lines: Vec<(&str, i64, Vec<&str>)> = list
            .lines
            .iter()
            .map(|l| (l.sku.as_str(), l.quantity, l.shipments.iter().map(ShipmentId::as_str).collect()))
            .collect();
        assert_eq!(
            lines,
            [("MUG", 1, vec![a.id.as_str()]), ("TEE-M", 5, vec![a.id.as_str(), b.id.as_str()])],
            "{backend}: by SKU, each with its shipments"
        );
        assert_eq!(list.shipments, [a.id.clone(), b.id.clone()], "{backend}");
        oms.pack_shipment(pack(&b.id, vec![parcel()])).unwrap();
        oms.cancel_shipment(step(&a.id)).unwrap();
        assert!(oms.pick_list(&loc("wh-east")).unwrap().lines.is_empty(), "{backend}: packed and cancelled are done");
        assert!(oms.pick_list(&loc("store-soho")).unwrap().lines.is_empty(), "{backend}");
        assert_eq!(oms.pick_list(&loc("nowhere")).unwrap_err().code(), "location_not_found", "{backend}");
    }
}

#[test]
fn a_channel_that_requires_payment_ships_only_paid_orders() {
    for backend in backends() {
        let shop = open(backend);
        let oms = &shop.oms;
        stocked(oms);
        let mut web = oms.get_channel(&chan("web")).unwrap();
        assert!(!web.require_payment_before_shipping, "{backend}: off by default");
        let mut upsert = UpsertChannel::new(chan("web"), web.kind, web.currency, web.locations.clone());
        upsert.tax_rates = web.tax_rates.clone();
        upsert.require_payment_before_shipping = true;
        web = oms.upsert_channel(upsert).unwrap();
        assert!(web.require_payment_before_shipping, "{backend}");
        let placed = oms.place_order(order("web", vec![line("MUG", 1, "8.00")])).unwrap();
        let shipment = create(oms, &placed).remove(0);
        oms.start_picking(step(&shipment.id)).unwrap();
        oms.pack_shipment(pack(&shipment.id, vec![parcel()])).unwrap();
        let refused = oms.ship_shipment(ship(&shipment.id)).unwrap_err();
        assert_eq!((refused.code(), refused.field()), ("payment_required", Some("shipment_id")), "{backend}");
        let level = oms.stock_level(&sku("MUG"), &loc("wh-east")).unwrap();
        let authorize = |amount: rust_decimal::Decimal, reference: &str| AuthorizePayment {
            order_id: placed.id.clone(),
            payment_id: None,
            kind: PaymentKind::Card,
            amount,
            currency: None,
            gateway_reference: GatewayReference::new(reference).unwrap(),
            idempotency_key: None,
        };
        let card = oms.authorize_payment(authorize(placed.totals.total.amount(), "auth-1")).unwrap();
        assert_eq!(
            oms.ship_shipment(ship(&shipment.id)).unwrap_err().code(),
            "payment_required",
            "{backend}: authorized is not paid"
        );
        oms.capture_payment(CapturePayment {
            payment_id: card.id.clone(),
            amount: placed.totals.total.amount(),
            currency: None,
            gateway_reference: GatewayReference::new("cap-1").unwrap(),
            idempotency_key: None,
        })
        .unwrap();
        assert_eq!(
            oms.stock_level(&sku("MUG"), &loc("wh-east")).unwrap(),
            level,
            "{backend}: the refusals moved nothing"
        );
        assert_eq!(oms.ship_shipment(ship(&shipment.id)).unwrap().status, ShipmentStatus::Shipped, "{backend}: paid");
    }
}
