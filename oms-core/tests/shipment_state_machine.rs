//! The shipment life cycle as a table (issue 9): given the steps already
//! taken on the one shipment of a fresh order (a shipped order, or a pickup
//! order at its store), a step, and its outcome (the shipment's new status,
//! or the error code with nothing written). Every edge of
//! `SHIPMENT_TRANSITIONS` is taken by some row and no row takes an edge the
//! table does not declare; on every backend, with the audit clean after each.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;

use common::*;
use oms_core::*;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Delivery,
    Pickup,
}

#[derive(Debug, Clone, Copy)]
enum Step {
    Pick,
    Pack,
    Ship,
    Deliver,
    Cancel,
    HandOver,
    Ready,
    Collect,
    Expire,
}

enum Expect {
    Becomes(&'static str),
    Fails(&'static str),
}

use Expect::*;
use Kind::*;
use Step::*;

const ROWS: &[(Kind, &[Step], Step, Expect)] = &[
    (Delivery, &[], Pick, Becomes("picking")),
    (Delivery, &[], HandOver, Becomes("handed_over")),
    (Delivery, &[], Cancel, Becomes("cancelled")),
    (Delivery, &[], Pack, Fails("illegal_transition")),
    (Delivery, &[], Ship, Fails("illegal_transition")),
    (Delivery, &[], Deliver, Fails("illegal_transition")),
    (Delivery, &[Pick], Pack, Becomes("packed")),
    (Delivery, &[Pick], Cancel, Becomes("cancelled")),
    (Delivery, &[Pick], Ready, Fails("illegal_transition")),
    (Delivery, &[Pick], HandOver, Fails("illegal_transition")),
    (Delivery, &[Pick, Pack], Ship, Becomes("shipped")),
    (Delivery, &[Pick, Pack], HandOver, Becomes("handed_over")),
    (Delivery, &[Pick, Pack], Cancel, Fails("illegal_transition")),
    (Delivery, &[Pick, Pack], Pick, Fails("illegal_transition")),
    (Delivery, &[Pick, Pack, HandOver], Ship, Becomes("shipped")),
    (Delivery, &[Pick, Pack, HandOver], Cancel, Becomes("cancelled")),
    (Delivery, &[Pick, Pack, HandOver], HandOver, Fails("illegal_transition")),
    (Delivery, &[HandOver], Ship, Becomes("shipped")),
    (Delivery, &[Pick, Pack, Ship], Deliver, Becomes("delivered")),
    (Delivery, &[Pick, Pack, Ship], Cancel, Fails("illegal_transition")),
    (Delivery, &[Pick, Pack, Ship], Ship, Fails("illegal_transition")),
    (Delivery, &[Pick, Pack, Ship, Deliver], Deliver, Fails("illegal_transition")),
    (Delivery, &[Pick, Pack, Ship, Deliver], Cancel, Fails("illegal_transition")),
    (Delivery, &[Cancel], Pick, Fails("illegal_transition")),
    (Delivery, &[Cancel], HandOver, Fails("illegal_transition")),
    (Pickup, &[Pick], Ready, Becomes("ready_for_pickup")),
    (Pickup, &[], Ready, Fails("illegal_transition")),
    (Pickup, &[], Collect, Fails("illegal_transition")),
    (Pickup, &[Pick, Ready], Collect, Becomes("picked_up")),
    (Pickup, &[Pick, Ready], Expire, Becomes("pickup_expired")),
    (Pickup, &[Pick, Ready], Cancel, Fails("illegal_transition")),
    (Pickup, &[Pick, Ready, Collect], Collect, Fails("illegal_transition")),
    (Pickup, &[Pick, Ready, Expire], Collect, Fails("illegal_transition")),
];

fn step(id: &ShipmentId) -> ShipmentStep {
    ShipmentStep { shipment_id: id.clone(), idempotency_key: None }
}

fn run(oms: &Oms, clock: &ManualClock, id: &ShipmentId, what: Step) -> Result<Shipment> {
    match what {
        Pick => oms.start_picking(step(id)),
        Pack => oms.pack_shipment(PackShipment {
            shipment_id: id.clone(),
            parcels: vec![Parcel { weight_grams: 500, length_mm: 200, width_mm: 150, height_mm: 100 }],
            idempotency_key: None,
        }),
        Ship => oms.ship_shipment(ShipShipment {
            shipment_id: id.clone(),
            carrier: "UPS".into(),
            tracking_number: "1Z".into(),
            partner_reference: None,
            idempotency_key: None,
        }),
        Deliver => oms.confirm_delivery(ConfirmDelivery {
            shipment_id: id.clone(),
            partner_reference: None,
            idempotency_key: None,
        }),
        Cancel => oms.cancel_shipment(step(id)),
        HandOver => oms.hand_over_shipment(HandOverShipment {
            shipment_id: id.clone(),
            partner: "Central Fulfilment Co".into(),
            idempotency_key: None,
        }),
        Ready => oms.ready_for_pickup(step(id)),
        Collect => oms.confirm_pickup(step(id)),
        Expire => {
            clock.advance(chrono::TimeDelta::hours(73));
            let expired = oms.expire_pickups()?;
            expired.into_iter().find(|shipment| &shipment.id == id).map_or_else(|| oms.get_shipment(id), Ok)
        }
    }
}

/// The shop of `common::stocked`, plus a pickup channel at the Soho store with stock there.
fn shop_with_a_counter(backend: &'static str) -> (Shop, std::sync::Arc<ManualClock>) {
    let clock = clock();
    let shop = open_with(backend, clock.clone());
    stocked(&shop.oms);
    let click = UpsertChannel::new(chan("click"), ChannelKind::Pickup, Currency::USD, vec![loc("store-soho")]);
    shop.oms.upsert_channel(click).unwrap();
    let receipt = ReceiveStock { sku: sku("MUG"), location: loc("store-soho"), quantity: 5, idempotency_key: None };
    shop.oms.receive_stock(receipt).unwrap();
    (shop, clock)
}

#[test]
fn shipment_state_machine_table() {
    let declared: BTreeSet<(&str, &str)> =
        SHIPMENT_TRANSITIONS.iter().map(|(from, to)| (from.as_str(), to.as_str())).collect();
    for backend in backends() {
        let mut taken = BTreeSet::new();
        for (row, (kind, given, what, expect)) in ROWS.iter().enumerate() {
            let (shop, clock) = shop_with_a_counter(backend);
            let oms = &shop.oms;
            let mut command = match kind {
                Delivery => order("web", vec![line("TEE-M", 2, "10.00")]),
                Pickup => order("click", vec![line("MUG", 1, "8.00")]),
            };
            if *kind == Pickup {
                command.pickup_location = Some(loc("store-soho"));
            }
            let placed = oms.place_order(command).unwrap();
            let shipments = oms.create_shipments(CreateShipments { order_id: placed.id, idempotency_key: None });
            let shipment = shipments.unwrap().remove(0);
            for earlier in *given {
                run(oms, &clock, &shipment.id, *earlier)
                    .unwrap_or_else(|e| panic!("{backend}: row {row}: given {earlier:?} failed: {e}"));
            }
            let before = oms.get_shipment(&shipment.id).unwrap();
            let events = oms.events_since(0, Some(1000)).unwrap().len();
            match (expect, run(oms, &clock, &shipment.id, *what)) {
                (Becomes(status), Ok(after)) => {
                    assert_eq!(after.status.as_str(), *status, "{backend}: row {row} {given:?} then {what:?}");
                    let edge = (before.status.as_str(), after.status.as_str());
                    assert!(declared.contains(&edge), "{backend}: row {row} took {edge:?}, an undeclared edge");
                    taken.insert(edge);
                }
                (Fails(code), Err(error)) => {
                    assert_eq!(error.code(), *code, "{backend}: row {row} {given:?} then {what:?}");
                    assert_eq!(oms.get_shipment(&shipment.id).unwrap(), before, "{backend}: row {row} changed it");
                    let after = oms.events_since(0, Some(1000)).unwrap().len();
                    assert_eq!(after, events, "{backend}: row {row}: a refused step wrote events");
                }
                (_, outcome) => panic!("{backend}: row {row} {given:?} then {what:?}: unexpected {outcome:?}"),
            }
            assert_sound(oms);
        }
        assert_eq!(taken, declared, "{backend}: the rows take every declared edge");
    }
}
