//! Invariant 9: replaying the event log reproduces the stored state. Random
//! command sequences — orders with backorders, checkout reservations converted
//! into orders, till sales, cancellations, order holds, rejected allocations, receipts
//! that fill backorders, shipments made whole or in part, shipped, with
//! lines rejected by their location, pickups made ready, collected or
//! expired by the clock, edits (lines added, changed and removed, with
//! pending shipments cancelled) — run on every backend; then `verify_replay` folds the
//! outbox's events into fresh orders and compares each with the stored one;
//! and the units-sold projection must equal a scan of every order.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use oms_core::*;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Receive { sku: usize, location: usize, quantity: i64 },
    Place { lines: Vec<(usize, i64)>, channel: Placed, reservation: Option<u8> },
    Reserve { cart: u8, sku: usize, quantity: i64 },
    Cancel { order: usize, reason: bool },
    CancelLine { order: usize, line: u32, quantity: i64 },
    HoldOrder { order: usize },
    Release { order: usize },
    Reject { order: usize, line: u32, location: usize },
    Gather { order: usize },
    GatherPart { order: usize, line: u32, quantity: i64 },
    Pick { shipment: usize },
    Send { shipment: usize },
    RejectLine { shipment: usize, line: u32, quantity: i64, damaged: bool },
    Ready { order: usize },
    Collect { order: usize },
    ExpirePickups { hours: i64 },
    Edit { order: usize, add: Option<(usize, i64)>, change: Option<(u32, i64)>, remove: Option<u32> },
    Ship { order: usize },
    Deliver { shipment: usize },
    Complete { order: usize },
}

const STOCKED: &[&str] = &["wh-east", "wh-west", "store-soho"];

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => (0..3usize, 0..3usize, 1..8i64).prop_map(|(sku, location, quantity)| Op::Receive { sku, location, quantity }),
        5 => (prop::collection::vec((0..3usize, 1..9i64), 1..4), 0..7u8, prop::option::weighted(0.3, 0..3u8))
            .prop_map(|(lines, channel, reservation)| Op::Place { lines, channel: Placed::of(channel), reservation }),
        2 => (0..3u8, 0..3usize, 1..4i64).prop_map(|(cart, sku, quantity)| Op::Reserve { cart, sku, quantity }),
        1 => (0..6usize, any::<bool>()).prop_map(|(order, reason)| Op::Cancel { order, reason }),
        2 => (0..6usize, 1..4u32, 1..4i64).prop_map(|(order, line, quantity)| Op::CancelLine { order, line, quantity }),
        1 => (0..6usize).prop_map(|order| Op::HoldOrder { order }),
        1 => (0..6usize).prop_map(|order| Op::Release { order }),
        2 => (0..6usize, 1..4u32, 0..3usize).prop_map(|(order, line, location)| Op::Reject { order, line, location }),
        3 => (0..6usize).prop_map(|order| Op::Gather { order }),
        1 => (0..6usize, 1..4u32, 1..4i64).prop_map(|(order, line, quantity)| Op::GatherPart { order, line, quantity }),
        1 => (0..8usize).prop_map(|shipment| Op::Pick { shipment }),
        2 => (0..8usize).prop_map(|shipment| Op::Send { shipment }),
        2 => (0..8usize, 1..4u32, 1..3i64, any::<bool>())
            .prop_map(|(shipment, line, quantity, damaged)| Op::RejectLine { shipment, line, quantity, damaged }),
        3 => (0..6usize).prop_map(|order| Op::Ready { order }),
        2 => (0..6usize).prop_map(|order| Op::Collect { order }),
        1 => (1..100i64).prop_map(|hours| Op::ExpirePickups { hours }),
        3 => (
            0..6usize,
            prop::option::of((0..3usize, 1..6i64)),
            prop::option::of((1..5u32, 1..9i64)),
            prop::option::weighted(0.3, 1..5u32),
        )
            .prop_map(|(order, add, change, remove)| Op::Edit { order, add, change, remove }),
        1 => (0..6usize).prop_map(|order| Op::Ship { order }),
        2 => (0..8usize).prop_map(|shipment| Op::Deliver { shipment }),
        1 => (0..6usize).prop_map(|order| Op::Complete { order }),
    ]
}

/// Where an order is placed: shipped from the web channel, sold at the till,
/// or collected at store-soho.
#[derive(Debug, Clone, Copy)]
enum Placed {
    Web,
    Till,
    Pickup,
}

impl Placed {
    fn of(draw: u8) -> Placed {
        match draw {
            0 => Placed::Till,
            1..=3 => Placed::Pickup,
            _ => Placed::Web,
        }
    }
}

fn set_up(oms: &Oms) {
    stocked(oms);
    oms.upsert_channel(UpsertChannel {
        allow_backorders: true,
        ..UpsertChannel::new(chan("web"), ChannelKind::Web, Currency::USD, vec![loc("wh-east"), loc("wh-west")])
    })
    .unwrap();
    oms.upsert_channel(UpsertChannel::new(
        chan("till"),
        ChannelKind::PointOfSale,
        Currency::USD,
        vec![loc("store-soho")],
    ))
    .unwrap();
    oms.upsert_channel(UpsertChannel {
        pickup_window_hours: 24,
        pickup_fallback: PickupFallback::ShipToStore,
        ..UpsertChannel::new(
            chan("collect"),
            ChannelKind::Pickup,
            Currency::USD,
            vec![loc("store-soho"), loc("wh-west")],
        )
    })
    .unwrap();
    for code in SKUS {
        oms.receive_stock(ReceiveStock {
            sku: sku(code),
            location: loc("store-soho"),
            quantity: 6,
            idempotency_key: None,
        })
        .unwrap();
    }
}

fn order_id(index: usize) -> OrderId {
    OrderId::from_sequence(index as u64 + 1)
}

fn cart(number: u8) -> ReservationId {
    ReservationId::new(format!("cart-{number}")).unwrap()
}

fn step(id: &ShipmentId) -> ShipmentStep {
    ShipmentStep { shipment_id: id.clone(), idempotency_key: None }
}

/// One of the orders placed so far (the `draw`-th, round the list), if any.
fn nth_order(oms: &Oms, draw: usize) -> Option<OrderId> {
    let placed = (0..).map(order_id).take_while(|id| oms.get_order(id).is_ok()).count();
    (placed > 0).then(|| order_id(draw % placed))
}

/// One of the shipments made so far (the `draw`-th, round the list), if any.
fn nth_shipment(oms: &Oms, draw: usize) -> Option<ShipmentId> {
    let made = (1..).map(ShipmentId::from_sequence).take_while(|id| oms.get_shipment(id).is_ok()).count();
    (made > 0).then(|| ShipmentId::from_sequence((draw % made) as u64 + 1))
}

/// Where a line of an order is first allocated, if it is.
fn first_allocation(oms: &Oms, order: usize, line: u32) -> Option<LocationId> {
    let order = oms.get_order(&nth_order(oms, order)?).ok()?;
    order.lines.iter().find(|l| l.line_number == line)?.allocations.first().map(|a| a.location.clone())
}

/// Runs one op; errors are part of the game (a cancelled order cannot be held).
fn apply(oms: &Oms, clock: &ManualClock, op: &Op) {
    let _ = match op {
        Op::Receive { sku: s, location, quantity } => oms
            .receive_stock(ReceiveStock {
                sku: sku(SKUS[*s]),
                location: loc(STOCKED[*location]),
                quantity: *quantity,
                idempotency_key: None,
            })
            .map(drop),
        Op::Place { lines, channel, reservation } => {
            let lines = lines.iter().map(|(s, quantity)| line(SKUS[*s], *quantity, "9.99")).collect();
            let name = match channel {
                Placed::Web => "web",
                Placed::Till => "till",
                Placed::Pickup => "collect",
            };
            let mut command = order(name, lines);
            if let Placed::Pickup = channel {
                command.pickup_location = Some(loc("store-soho"));
            }
            command.reservation_id = reservation.filter(|_| matches!(channel, Placed::Web)).map(cart);
            command.explain = reservation.is_some();
            oms.place_order(command).map(drop)
        }
        Op::Reserve { cart: number, sku: s, quantity } => oms
            .reserve_stock(ReserveStock {
                reservation_id: cart(*number),
                channel: chan("web"),
                lines: vec![ReservationLine { sku: sku(SKUS[*s]), quantity: *quantity }],
                ttl_seconds: 600,
                pickup_location: None,
                ship_to_region: None,
                idempotency_key: None,
            })
            .map(drop),
        Op::Cancel { order, reason } => oms
            .cancel_order(CancelOrder {
                order_id: order_id(*order),
                reason: reason.then(|| "changed their mind".to_string()),
                idempotency_key: None,
            })
            .map(drop),
        Op::CancelLine { order, line, quantity } => oms
            .cancel_lines(CancelLines {
                order_id: order_id(*order),
                lines: vec![LineQuantity { line_number: *line, quantity: *quantity }],
                idempotency_key: None,
            })
            .map(drop),
        Op::HoldOrder { order } => oms
            .hold_order(HoldOrder { order_id: order_id(*order), reason: "fraud check".into(), idempotency_key: None })
            .map(drop),
        Op::Release { order } => {
            oms.release_hold(ReleaseHold { order_id: order_id(*order), idempotency_key: None }).map(drop)
        }
        Op::Reject { order, line, location } => oms
            .reject_allocation(RejectAllocation {
                order_id: order_id(*order),
                line_number: *line,
                location: loc(STOCKED[*location]),
                idempotency_key: None,
            })
            .map(drop),
        Op::Gather { order } => match nth_order(oms, *order) {
            Some(id) => oms.create_shipments(CreateShipments { order_id: id, idempotency_key: None }).map(drop),
            None => Ok(()),
        },
        Op::GatherPart { order, line, quantity } => {
            match nth_order(oms, *order).zip(first_allocation(oms, *order, *line)) {
                Some((id, location)) => oms
                    .create_shipment(CreateShipment {
                        order_id: id,
                        location,
                        lines: vec![LineQuantity { line_number: *line, quantity: *quantity }],
                        idempotency_key: None,
                    })
                    .map(drop),
                None => Ok(()),
            }
        }
        Op::Pick { shipment } => match nth_shipment(oms, *shipment) {
            Some(id) => oms.start_picking(step(&id)).map(drop),
            None => Ok(()),
        },
        Op::Send { shipment } => match nth_shipment(oms, *shipment) {
            Some(id) => {
                let parcel = Parcel { weight_grams: 100, length_mm: 10, width_mm: 10, height_mm: 10 };
                let _ = oms.start_picking(step(&id));
                let _ = oms.pack_shipment(PackShipment {
                    shipment_id: id.clone(),
                    parcels: vec![parcel],
                    idempotency_key: None,
                });
                oms.ship_shipment(ShipShipment {
                    shipment_id: id,
                    carrier: "UPS".into(),
                    tracking_number: "1Z".into(),
                    partner_reference: None,
                    idempotency_key: None,
                })
                .map(drop)
            }
            None => Ok(()),
        },
        Op::RejectLine { shipment, line, quantity, damaged } => match nth_shipment(oms, *shipment) {
            Some(id) => oms
                .reject_shipment_line(RejectShipmentLine {
                    shipment_id: id,
                    line_number: *line,
                    quantity: *quantity,
                    reason: if *damaged { LineRejectionReason::Damaged } else { LineRejectionReason::NotFound },
                    idempotency_key: None,
                })
                .map(drop),
            None => Ok(()),
        },
        Op::Ready { order } => match nth_order(oms, *order) {
            // Gathers what is not in a shipment yet, then picks and readies the first that can be.
            Some(id) => {
                let _ = oms.create_shipments(CreateShipments { order_id: id.clone(), idempotency_key: None });
                let shipments = oms.list_shipments(&id).unwrap_or_default();
                let mut outcome = Ok(());
                for shipment in shipments.iter().filter(|s| s.status.is_open()) {
                    let _ = oms.start_picking(step(&shipment.id));
                    outcome = oms.ready_for_pickup(step(&shipment.id)).map(drop);
                    if outcome.is_ok() {
                        break;
                    }
                }
                outcome
            }
            None => Ok(()),
        },
        Op::Collect { order } => match nth_order(oms, *order) {
            Some(id) => {
                let shipments = oms.list_shipments(&id).unwrap_or_default();
                match shipments.iter().find(|s| s.status == ShipmentStatus::ReadyForPickup) {
                    Some(ready) => oms.confirm_pickup(step(&ready.id)).map(drop),
                    None => Ok(()),
                }
            }
            None => Ok(()),
        },
        Op::Deliver { shipment } => match nth_shipment(oms, *shipment) {
            Some(id) => oms
                .confirm_delivery(ConfirmDelivery { shipment_id: id, partner_reference: None, idempotency_key: None })
                .map(drop),
            None => Ok(()),
        },
        Op::Complete { order } => {
            oms.complete_order(CompleteOrder { order_id: order_id(*order), idempotency_key: None }).map(drop)
        }
        Op::ExpirePickups { hours } => {
            clock.advance(chrono::TimeDelta::hours(*hours));
            oms.expire_pickups().map(drop)
        }
        Op::Edit { order, add, change, remove } => oms
            .edit_order(EditOrder {
                add_lines: add.iter().map(|(s, quantity)| line(SKUS[*s], *quantity, "4.99")).collect(),
                change_lines: change
                    .iter()
                    .map(|(line_number, quantity)| LineChange { line_number: *line_number, quantity: *quantity })
                    .collect(),
                remove_lines: remove.iter().copied().collect(),
                ..EditOrder::new(order_id(*order))
            })
            .map(drop),
        // Gathers shipments (pending ones are what an edit cancels) and starts picking the first.
        Op::Ship { order } => oms
            .create_shipments(CreateShipments { order_id: order_id(*order), idempotency_key: None })
            .and_then(|shipments| match shipments.first() {
                Some(first) => {
                    oms.start_picking(ShipmentStep { shipment_id: first.id.clone(), idempotency_key: None }).map(drop)
                }
                None => Ok(()),
            }),
    };
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn replaying_the_outbox_rebuilds_every_order(ops in prop::collection::vec(op(), 1..40)) {
        for backend in backends() {
            let clock = clock();
            let shop = open_with(backend, clock.clone());
            set_up(&shop.oms);
            for op in &ops {
                apply(&shop.oms, &clock, op);
            }
            assert_sound(&shop.oms);
            let report = shop.oms.verify_replay().unwrap();
            prop_assert!(report.is_clean(), "{backend}: {:#?}", report.mismatches);
            let stored = shop.oms.list_orders(&OrderQuery { limit: Some(1_000), ..OrderQuery::default() }).unwrap();
            prop_assert_eq!(report.orders_checked, stored.orders.len() as u64, "{}: every order is replayed", backend);
            prop_assert_eq!(report.orders_not_replayable, 0);
            // The units-sold projection agrees with a scan of every order.
            for channel in ["web", "till", "collect"] {
                for code in SKUS {
                    let scanned: i64 = stored
                        .orders
                        .iter()
                        .filter(|order| order.channel.as_str() == channel)
                        .flat_map(|order| &order.lines)
                        .filter(|line| line.sku.as_str() == *code)
                        .map(|line| line.quantities.ordered - line.quantities.cancelled)
                        .sum();
                    let projected = shop.oms.units_sold(&chan(channel), &sku(code)).unwrap();
                    prop_assert_eq!(projected, scanned, "{} {} {}", backend, channel, code);
                }
            }
        }
    }
}

#[test]
fn a_tampered_order_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.db");
    let oms = Oms::open(path.to_str().unwrap()).unwrap();
    set_up(&oms);
    let placed = oms.place_order(order("web", vec![line("MUG", 2, "4.00")])).unwrap();
    assert!(oms.verify_replay().unwrap().is_clean());
    drop(oms);
    let connection = rusqlite::Connection::open(&path).unwrap();
    // The order's stored JSON, as a contract document.
    let update =
        "UPDATE documents SET body = replace(body, '\"hold_reason\":null', '\"hold_reason\":\"edited by hand\"') \
         WHERE kind = 'order'";
    assert_eq!(connection.execute(update, []).unwrap(), 1);
    drop(connection);
    let report = Oms::open(path.to_str().unwrap()).unwrap().verify_replay().unwrap();
    assert_eq!(report.orders_checked, 1);
    assert_eq!(report.mismatches.len(), 1, "{report:#?}");
    assert!(report.mismatches[0].starts_with(placed.id.as_str()));
}
