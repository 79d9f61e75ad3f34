//! Shipment lines (issue 9): part of a line shipped now and the rest later
//! (`create_shipment`), and a location giving back units of a line it cannot
//! send (`reject_shipment_line`): the stock is corrected (written off when
//! not found, quarantined when damaged), and the units are re-allocated
//! elsewhere, backordered or cancelled. On every backend; stock conservation
//! and replay hold through every path; refusals change nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use oms_core::*;

fn step(id: &ShipmentId) -> ShipmentStep {
    ShipmentStep { shipment_id: id.clone(), idempotency_key: None }
}

fn part(order: &Order, location: &str, lines: &[(u32, i64)]) -> CreateShipment {
    CreateShipment {
        order_id: order.id.clone(),
        location: loc(location),
        lines: lines
            .iter()
            .map(|(line_number, quantity)| LineQuantity { line_number: *line_number, quantity: *quantity })
            .collect(),
        idempotency_key: None,
    }
}

fn send(oms: &Oms, id: &ShipmentId) {
    oms.start_picking(step(id)).unwrap();
    let parcel = Parcel { weight_grams: 500, length_mm: 200, width_mm: 100, height_mm: 50 };
    oms.pack_shipment(PackShipment { shipment_id: id.clone(), parcels: vec![parcel], idempotency_key: None }).unwrap();
    oms.ship_shipment(ShipShipment {
        shipment_id: id.clone(),
        carrier: "UPS".into(),
        tracking_number: "1Z1".into(),
        partner_reference: None,
        idempotency_key: None,
    })
    .unwrap();
}

fn reject(id: &ShipmentId, line_number: u32, quantity: i64, reason: LineRejectionReason) -> RejectShipmentLine {
    RejectShipmentLine { shipment_id: id.clone(), line_number, quantity, reason, idempotency_key: None }
}

fn level(oms: &Oms, code: &str, location: &str) -> (i64, i64, i64) {
    let level = oms.stock_level(&sku(code), &loc(location)).unwrap();
    (level.on_hand, level.allocated, level.quarantined)
}

fn assert_replays(oms: &Oms, backend: &str) {
    assert_sound(oms);
    let replay = oms.verify_replay().unwrap();
    assert!(replay.is_clean(), "{backend}: {:?}", replay.mismatches);
}

#[test]
fn part_of_a_line_ships_now_and_the_rest_later_on_every_backend() {
    for backend in backends() {
        let shop = open(backend);
        let oms = &shop.oms;
        stocked(oms);
        let placed = oms.place_order(order("web", vec![line("TEE-M", 5, "10.00"), line("MUG", 1, "8.00")])).unwrap();
        let first = oms.create_shipment(part(&placed, "wh-east", &[(1, 2)])).unwrap();
        assert_eq!(
            (first.status, first.lines.len(), first.lines[0].quantity),
            (ShipmentStatus::Pending, 1, 2),
            "{backend}"
        );
        let refused = oms.create_shipment(part(&placed, "wh-east", &[(1, 4)])).unwrap_err();
        assert_eq!((refused.code(), refused.field()), ("invalid_quantity", Some("lines[0].quantity")), "{backend}");
        assert!(refused.to_string().contains("3 units allocated at wh-east"), "{backend}: {refused}");
        send(oms, &first.id);
        let partly = oms.get_order(&placed.id).unwrap();
        assert_eq!(partly.status, OrderStatus::PartiallyShipped, "{backend}");
        assert_eq!((partly.lines[0].quantities.shipped, partly.lines[0].quantities.allocated), (2, 3), "{backend}");
        assert_eq!(level(oms, "TEE-M", "wh-east"), (8, 3, 0), "{backend}");

        let second = oms.create_shipment(part(&placed, "wh-east", &[(1, 1), (2, 1)])).unwrap();
        let rest =
            oms.create_shipments(CreateShipments { order_id: placed.id.clone(), idempotency_key: None }).unwrap();
        assert_eq!(rest.len(), 1, "{backend}");
        assert_eq!((rest[0].lines[0].line_number, rest[0].lines[0].quantity), (1, 2), "{backend}: what is left");
        let none = oms.create_shipment(part(&placed, "wh-east", &[(1, 1)])).unwrap_err();
        assert_eq!(none.code(), "invalid_quantity", "{backend}: everything is in a shipment");
        send(oms, &second.id);
        send(oms, &rest[0].id);
        assert_eq!(oms.get_order(&placed.id).unwrap().status, OrderStatus::Shipped, "{backend}");
        for shipment in [&first, &second, &rest[0]] {
            oms.confirm_delivery(ConfirmDelivery {
                shipment_id: shipment.id.clone(),
                partner_reference: None,
                idempotency_key: None,
            })
            .unwrap();
        }
        assert_eq!(oms.get_order(&placed.id).unwrap().status, OrderStatus::Delivered, "{backend}");
        assert_replays(oms, backend);
    }
}

#[test]
fn a_partial_shipment_names_what_is_wrong_and_changes_nothing() {
    let shop = open("memory");
    let oms = &shop.oms;
    stocked(oms);
    let placed = oms.place_order(order("web", vec![line("TEE-M", 3, "10.00")])).unwrap();
    let code = |command: CreateShipment| {
        let error = oms.create_shipment(command).unwrap_err();
        (error.code(), error.field().map(str::to_string))
    };
    let at = |field: &str| Some(field.to_string());
    assert_eq!(code(part(&placed, "wh-east", &[])), ("invalid_input", at("lines")));
    assert_eq!(code(part(&placed, "wh-east", &[(1, 0)])), ("invalid_quantity", at("lines[0].quantity")));
    assert_eq!(code(part(&placed, "wh-east", &[(1, -1)])), ("invalid_quantity", at("lines[0].quantity")));
    assert_eq!(code(part(&placed, "wh-east", &[(1, 1), (1, 1)])), ("invalid_input", at("lines[1].line_number")));
    assert_eq!(code(part(&placed, "wh-east", &[(9, 1)])), ("order_line_not_found", None));
    assert_eq!(code(part(&placed, "wh-west", &[(1, 1)])), ("invalid_quantity", at("lines[0].quantity")));
    assert_eq!(code(part(&placed, "nowhere", &[(1, 1)])), ("location_not_found", None));
    let lines = vec![(1, 1); limits::ORDER_LINES_MAX + 1];
    assert_eq!(code(part(&placed, "wh-east", &lines)), ("limit_exceeded", at("lines")));
    let unknown = CreateShipment { order_id: OrderId::new("ord-404").unwrap(), ..part(&placed, "wh-east", &[(1, 1)]) };
    assert_eq!(oms.create_shipment(unknown).unwrap_err().code(), "order_not_found");
    assert_eq!(oms.list_shipments(&placed.id).unwrap(), Vec::new(), "nothing was written");
    oms.cancel_order(CancelOrder { order_id: placed.id.clone(), reason: None, idempotency_key: None }).unwrap();
    assert_eq!(code(part(&placed, "wh-east", &[(1, 1)])).0, "illegal_transition", "a cancelled order");
    assert_sound(oms);
}

#[test]
fn units_not_found_are_written_off_and_re_allocated_on_every_backend() {
    for backend in backends() {
        let shop = open(backend);
        let oms = &shop.oms;
        stocked(oms);
        let placed = oms.place_order(order("web", vec![line("TEE-M", 4, "10.00")])).unwrap();
        let shipment =
            oms.create_shipments(CreateShipments { order_id: placed.id.clone(), idempotency_key: None }).unwrap();
        let id = &shipment[0].id;
        oms.start_picking(step(id)).unwrap();
        let rejected = oms.reject_shipment_line(reject(id, 1, 1, LineRejectionReason::NotFound)).unwrap();
        assert_eq!(rejected.shipment.lines[0].quantity, 3, "{backend}: the unit left the shipment");
        assert_eq!(rejected.shipment.status, ShipmentStatus::Picking, "{backend}");
        assert_eq!(
            rejected.reallocated,
            vec![LineAllocation { location: loc("wh-west"), quantity: 1 }],
            "{backend}: the engine found it elsewhere"
        );
        assert_eq!((rejected.backordered, rejected.cancelled), (0, 0), "{backend}");
        assert_eq!(level(oms, "TEE-M", "wh-east"), (9, 3, 0), "{backend}: written off, no longer promised");
        assert_eq!(level(oms, "TEE-M", "wh-west"), (10, 1, 0), "{backend}");
        let written_off = oms.movements(&sku("TEE-M"), &loc("wh-east"), 0, None).unwrap().pop().unwrap();
        assert_eq!(
            (written_off.reason, written_off.deltas.on_hand, written_off.reference.as_deref()),
            (MovementReason::NotFound, -1, Some(id.as_str())),
            "{backend}"
        );
        let order = oms.get_order(&placed.id).unwrap();
        assert_eq!(order, rejected.order, "{backend}");
        assert_eq!(order.status, OrderStatus::Allocated, "{backend}");
        let places: Vec<(&str, i64)> =
            order.lines[0].allocations.iter().map(|a| (a.location.as_str(), a.quantity)).collect();
        assert_eq!(places, [("wh-east", 3), ("wh-west", 1)], "{backend}");
        let more =
            oms.create_shipments(CreateShipments { order_id: placed.id.clone(), idempotency_key: None }).unwrap();
        assert_eq!((more.len(), more[0].location.as_str(), more[0].lines[0].quantity), (1, "wh-west", 1), "{backend}");
        let names: Vec<&str> = oms.events_since(0, None).unwrap().iter().map(|r| r.event.name()).collect();
        assert!(names.contains(&"shipment_line_rejected"), "{backend}");
        assert_replays(oms, backend);
    }
}

#[test]
fn damaged_units_go_to_quarantine_then_backorder_or_cancel_on_every_backend() {
    for backend in backends() {
        let shop = open(backend);
        let oms = &shop.oms;
        stocked(oms);
        oms.upsert_product(UpsertProduct {
            tax_class: TaxClass::new("reduced").unwrap(),
            backorderable: true,
            ..UpsertProduct::new(sku("BOOK"), "BOOK product")
        })
        .unwrap();
        // The channel `eu` draws from wh-west alone: rejected units have nowhere else to go.
        let placed = oms.place_order(order("eu", vec![line("MUG", 2, "8.00"), line("BOOK", 3, "5.00")])).unwrap();
        let id = oms.create_shipments(CreateShipments { order_id: placed.id.clone(), idempotency_key: None }).unwrap()
            [0]
        .id
        .clone();
        oms.start_picking(step(&id)).unwrap();

        let waiting = oms.reject_shipment_line(reject(&id, 2, 1, LineRejectionReason::Damaged)).unwrap();
        assert_eq!((waiting.backordered, waiting.cancelled, waiting.reallocated.len()), (1, 0, 0), "{backend}");
        assert_eq!(level(oms, "BOOK", "wh-west"), (9, 2, 1), "{backend}: quarantined, not sellable");
        let moved = oms.movements(&sku("BOOK"), &loc("wh-west"), 0, None).unwrap().pop().unwrap();
        assert_eq!((moved.reason, moved.reference.as_deref()), (MovementReason::Quarantine, Some(id.as_str())));
        assert_eq!(waiting.order.status, OrderStatus::PartiallyAllocated, "{backend}");
        assert_eq!(waiting.order.lines[1].quantities.backordered, 1, "{backend}");

        let gone = oms.reject_shipment_line(reject(&id, 1, 2, LineRejectionReason::Damaged)).unwrap();
        assert_eq!((gone.backordered, gone.cancelled), (0, 2), "{backend}: a mug may not wait");
        assert_eq!(gone.order.lines[0].quantities.cancelled, 2, "{backend}");
        assert_eq!(level(oms, "MUG", "wh-west"), (8, 0, 2), "{backend}");
        assert_eq!(gone.shipment.lines.len(), 1, "{backend}: the mug line left the shipment");

        // The last books too: the shipment is empty and cancelled; the order waits for books.
        let last = oms.reject_shipment_line(reject(&id, 2, 2, LineRejectionReason::NotFound)).unwrap();
        assert_eq!(last.shipment.status, ShipmentStatus::Cancelled, "{backend}");
        assert_eq!(last.order.status, OrderStatus::Backordered, "{backend}");
        // Stock arriving fills the backorder.
        oms.receive_stock(ReceiveStock {
            sku: sku("BOOK"),
            location: loc("wh-west"),
            quantity: 5,
            idempotency_key: None,
        })
        .unwrap();
        assert_eq!(oms.get_order(&placed.id).unwrap().status, OrderStatus::Allocated, "{backend}");
        assert_replays(oms, backend);
    }
}

#[test]
fn an_order_whose_every_unit_is_rejected_is_cancelled() {
    let shop = open("sqlite");
    let oms = &shop.oms;
    stocked(oms);
    let placed = oms.place_order(order("eu", vec![line("MUG", 2, "8.00")])).unwrap();
    let id = oms.create_shipments(CreateShipments { order_id: placed.id.clone(), idempotency_key: None }).unwrap()[0]
        .id
        .clone();
    let rejected = oms.reject_shipment_line(reject(&id, 1, 2, LineRejectionReason::NotFound)).unwrap();
    assert_eq!(
        (rejected.order.status, rejected.order.cancel_reason.as_deref()),
        (OrderStatus::Cancelled, Some("shipment_line_rejected"))
    );
    assert_eq!(rejected.shipment.status, ShipmentStatus::Cancelled);
    assert_eq!(level(oms, "MUG", "wh-west"), (8, 0, 0));
    assert_replays(oms, "sqlite");
}

#[test]
fn a_rejection_names_what_is_wrong_and_changes_nothing() {
    let shop = open("memory");
    let oms = &shop.oms;
    stocked(oms);
    let placed = oms.place_order(order("web", vec![line("TEE-M", 3, "10.00")])).unwrap();
    let shipment =
        oms.create_shipments(CreateShipments { order_id: placed.id.clone(), idempotency_key: None }).unwrap().remove(0);
    let code = |command: RejectShipmentLine| {
        let error = oms.reject_shipment_line(command).unwrap_err();
        (error.code(), error.field().map(str::to_string))
    };
    let quantity = Some("quantity".to_string());
    let not_found = LineRejectionReason::NotFound;
    assert_eq!(code(reject(&shipment.id, 1, 4, not_found)), ("invalid_quantity", quantity.clone()), "more than held");
    assert_eq!(code(reject(&shipment.id, 1, 0, not_found)), ("invalid_quantity", quantity.clone()));
    assert_eq!(code(reject(&shipment.id, 1, -2, not_found)), ("invalid_quantity", quantity));
    assert_eq!(code(reject(&shipment.id, 7, 1, not_found)), ("order_line_not_found", None), "a line it does not hold");
    let unknown = ShipmentId::new("shp-404").unwrap();
    assert_eq!(code(reject(&unknown, 1, 1, not_found)).0, "shipment_not_found");
    let reason = LineRejectionReason::parse("lost").unwrap_err();
    assert_eq!((reason.code(), reason.field()), ("invalid_input", Some("reason")), "an unknown reason");
    let json = r#"{"shipment_id":"shp-0000000001","line_number":1,"quantity":1,"reason":"lost"}"#;
    assert!(serde_json::from_str::<RejectShipmentLine>(json).is_err());
    assert_eq!(oms.get_shipment(&shipment.id).unwrap(), shipment, "refusals changed nothing");
    assert_eq!(level(oms, "TEE-M", "wh-east"), (10, 3, 0));

    send(oms, &shipment.id);
    assert_eq!(code(reject(&shipment.id, 1, 1, not_found)).0, "illegal_transition", "a shipped shipment's line");
    let packed = oms.place_order(order("web", vec![line("MUG", 1, "8.00")])).unwrap();
    let packed =
        oms.create_shipments(CreateShipments { order_id: packed.id.clone(), idempotency_key: None }).unwrap().remove(0);
    oms.start_picking(step(&packed.id)).unwrap();
    let parcel = Parcel { weight_grams: 500, length_mm: 200, width_mm: 100, height_mm: 50 };
    oms.pack_shipment(PackShipment { shipment_id: packed.id.clone(), parcels: vec![parcel], idempotency_key: None })
        .unwrap();
    assert_eq!(code(reject(&packed.id, 1, 1, LineRejectionReason::Damaged)).0, "illegal_transition", "packed");

    // A line cancelled since the shipment was made has nothing left to reject there.
    let cancelled = oms.place_order(order("web", vec![line("BOOK", 2, "5.00")])).unwrap();
    let stale = oms
        .create_shipments(CreateShipments { order_id: cancelled.id.clone(), idempotency_key: None })
        .unwrap()
        .remove(0);
    oms.cancel_order(CancelOrder { order_id: cancelled.id.clone(), reason: None, idempotency_key: None }).unwrap();
    assert_eq!(code(reject(&stale.id, 1, 1, not_found)).0, "rejected");
    assert_sound(oms);
}
