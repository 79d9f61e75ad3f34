//! The order life cycle as a table (issue 9): for a kind of order (where it
//! is sold and how it is fulfilled), the steps already taken, a step, and
//! its outcome (the order's status after it, or the error code with nothing
//! written). Every `order_status_changed` a step writes must be an edge of
//! `ORDER_TRANSITIONS`, the rows together take every declared edge, and a
//! refused step leaves the order and the outbox as they were; on every
//! backend, with the audit clean after each row.
//!
//! `tests/state_machine.rs` checks the events of holds and cancellations;
//! this table is about the graph.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;

use common::*;
use oms_core::*;

/// The order each row starts from, and the status placing it gives.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// `web`: 3 × TEE-M and 1 × MUG, both from wh-east (allocated).
    Web,
    /// `late` (backorders allowed, wh-north only, 1 TEE-M there): 1 × TEE-M
    /// and 1 × MUG (partially allocated).
    LateShort,
    /// `late`: 2 × MUG, none in stock (backordered).
    LateNone,
    /// The Soho till: 1 × MUG, handed over at once (completed).
    Till,
    /// `click`, collected at Soho: 2 × MUG, both there (allocated).
    Click,
    /// `click`: 1 × MUG (at Soho) and 1 × TEE-M (none there, backordered).
    ClickShort,
    /// `collect`, collected at Soho with goods sent there when short:
    /// 2 × BOOK, one at Soho and one sent from wh-east.
    SentToStore,
}

#[derive(Debug, Clone, Copy)]
enum Step {
    /// Places the row's order (only as the row's step; otherwise it comes first by itself).
    Place,
    Hold,
    Release,
    Cancel,
    CancelLine(u32, i64),
    Complete,
    /// Receives units at a location (a backorder is filled from them).
    Receive(&'static str, &'static str, i64),
    /// A location gives back a line's allocation (it is backordered).
    Reject(u32, &'static str),
    /// Creates shipments of all that is allocated and ships every one.
    ShipAll,
    /// Ships the shipments from one location only.
    ShipFrom(&'static str),
    /// Ships units of one line from the location they are allocated at.
    ShipPart(u32, i64),
    /// The carrier delivers every shipped shipment.
    Deliver,
    /// Creates the shipments at Soho and makes them ready at the counter.
    Ready,
    /// Makes units of one line ready at the counter.
    ReadyPart(u32, i64),
    /// The customer collects everything ready.
    Collect,
    /// The pickup window closes.
    Expire,
    /// A card authorizes the order's total.
    Authorize,
    /// The card's authorization is captured in full.
    Capture,
}

enum Expect {
    Becomes(&'static str),
    Fails(&'static str),
}

use Expect::*;
use Kind::*;
use Step::*;

const ROWS: &[(Kind, &[Step], Step, Expect)] = &[
    // Placing.
    (Web, &[], Place, Becomes("allocated")),
    (LateShort, &[], Place, Becomes("partially_allocated")),
    (LateNone, &[], Place, Becomes("backordered")),
    (Till, &[], Place, Becomes("completed")),
    (Click, &[], Place, Becomes("allocated")),
    (ClickShort, &[], Place, Becomes("partially_allocated")),
    (SentToStore, &[], Place, Becomes("allocated")),
    // Allocated.
    // A rejected allocation is re-routed (wh-west has TEE-M) or backordered.
    (Web, &[], Reject(1, "wh-east"), Becomes("allocated")),
    (LateShort, &[Receive("MUG", "wh-north", 1)], Reject(1, "wh-north"), Becomes("partially_allocated")),
    (LateNone, &[Receive("MUG", "wh-north", 2)], Reject(1, "wh-north"), Becomes("backordered")),
    (Web, &[], ShipPart(1, 1), Becomes("partially_shipped")),
    (Web, &[], ShipAll, Becomes("shipped")),
    (Click, &[], Ready, Becomes("ready_for_pickup")),
    (Web, &[], Hold, Becomes("on_hold")),
    (Web, &[], Cancel, Becomes("cancelled")),
    (Web, &[], Release, Fails("illegal_transition")),
    (Web, &[], Complete, Fails("illegal_transition")),
    // Partially allocated.
    (LateShort, &[], Receive("MUG", "wh-north", 1), Becomes("allocated")),
    (LateShort, &[], CancelLine(1, 1), Becomes("backordered")),
    (LateShort, &[], ShipAll, Becomes("partially_shipped")),
    (LateShort, &[], Hold, Becomes("on_hold")),
    (LateShort, &[], Cancel, Becomes("cancelled")),
    (ClickShort, &[Ready], CancelLine(2, 1), Becomes("ready_for_pickup")),
    (LateShort, &[], Complete, Fails("illegal_transition")),
    // Backordered.
    (LateNone, &[], Receive("MUG", "wh-north", 2), Becomes("allocated")),
    (LateNone, &[], Receive("MUG", "wh-north", 1), Becomes("partially_allocated")),
    (LateNone, &[], Hold, Becomes("on_hold")),
    (LateNone, &[], Cancel, Becomes("cancelled")),
    // Nothing is allocated: no shipment is made.
    (LateNone, &[], ShipAll, Becomes("backordered")),
    // Partially shipped.
    (Web, &[ShipPart(1, 1)], ShipAll, Becomes("shipped")),
    (Web, &[ShipPart(1, 1)], Hold, Becomes("on_hold")),
    // What is left of a partly shipped order is cancelled: the order is shipped.
    (Web, &[ShipPart(1, 1)], Cancel, Becomes("shipped")),
    (Click, &[ReadyPart(1, 1), Collect], Ready, Becomes("ready_for_pickup")),
    (Web, &[ShipPart(1, 1)], Complete, Fails("illegal_transition")),
    // Shipped and delivered.
    (Web, &[ShipAll], Deliver, Becomes("delivered")),
    (Web, &[ShipAll], Hold, Fails("illegal_transition")),
    (Web, &[ShipAll], Cancel, Fails("illegal_transition")),
    (Web, &[ShipAll], Complete, Fails("illegal_transition")),
    (Web, &[ShipAll, Deliver], Complete, Becomes("completed")),
    (Web, &[ShipAll, Deliver], Cancel, Fails("illegal_transition")),
    (Web, &[ShipAll, Deliver, Complete], Complete, Fails("illegal_transition")),
    (Web, &[ShipAll, Deliver, Complete], Hold, Fails("illegal_transition")),
    (Web, &[ShipAll, Deliver, Complete], Cancel, Fails("illegal_transition")),
    // Payments recorded for the order must be captured before it closes.
    (Web, &[Authorize, ShipAll, Deliver], Complete, Fails("payment_required")),
    (Web, &[Authorize, ShipAll, Deliver, Capture], Complete, Becomes("completed")),
    // At the counter.
    (Click, &[Ready], Collect, Becomes("picked_up")),
    (Click, &[Ready], Expire, Becomes("cancelled")),
    (Click, &[Ready], Complete, Fails("illegal_transition")),
    (Click, &[Ready, Collect], Complete, Becomes("completed")),
    (Click, &[Ready, Collect], Cancel, Fails("illegal_transition")),
    // What waited at the counter is collected while the goods sent to the
    // store are on their way; they are delivered there, and the order is collected.
    (SentToStore, &[ShipFrom("wh-east"), Ready], Collect, Becomes("shipped")),
    (SentToStore, &[ShipFrom("wh-east"), Ready, Collect], Deliver, Becomes("picked_up")),
    // On hold.
    (Web, &[Hold], Release, Becomes("allocated")),
    (LateShort, &[Hold], Release, Becomes("partially_allocated")),
    (LateNone, &[Hold], Release, Becomes("backordered")),
    (Web, &[ShipPart(1, 1), Hold], Release, Becomes("partially_shipped")),
    (Web, &[Hold], Cancel, Becomes("cancelled")),
    (Web, &[ShipPart(1, 1), Hold], Cancel, Becomes("shipped")),
    (Web, &[Hold], Hold, Fails("illegal_transition")),
    (Web, &[Hold], Complete, Fails("illegal_transition")),
    (LateNone, &[Hold], Receive("MUG", "wh-north", 2), Becomes("on_hold")),
    // Cancelled.
    (Web, &[Cancel], Cancel, Fails("illegal_transition")),
    (Web, &[Cancel], Hold, Fails("illegal_transition")),
    (Web, &[Cancel], Complete, Fails("illegal_transition")),
];

/// The shop of `common::stocked`, plus wh-north (empty but for one TEE-M),
/// the channels `late`, `click`, `collect` and `till`, and stock at Soho.
fn shop(backend: &'static str) -> (Shop, Arc<ManualClock>) {
    let clock = clock();
    let shop = open_with(backend, clock.clone());
    let oms = &shop.oms;
    stocked(oms);
    oms.upsert_location(UpsertLocation::new(loc("wh-north"), LocationKind::Warehouse, "US-NY")).unwrap();
    let late = UpsertChannel {
        allow_backorders: true,
        ..UpsertChannel::new(chan("late"), ChannelKind::Web, Currency::USD, vec![loc("wh-north")])
    };
    oms.upsert_channel(late).unwrap();
    let click = UpsertChannel {
        allow_backorders: true,
        ..UpsertChannel::new(chan("click"), ChannelKind::Pickup, Currency::USD, vec![loc("store-soho")])
    };
    oms.upsert_channel(click).unwrap();
    let collect = UpsertChannel {
        pickup_fallback: PickupFallback::ShipToStore,
        ..UpsertChannel::new(
            chan("collect"),
            ChannelKind::Pickup,
            Currency::USD,
            vec![loc("store-soho"), loc("wh-east")],
        )
    };
    oms.upsert_channel(collect).unwrap();
    oms.upsert_channel(UpsertChannel::new(
        chan("till"),
        ChannelKind::PointOfSale,
        Currency::USD,
        vec![loc("store-soho")],
    ))
    .unwrap();
    for (code, location, quantity) in [("TEE-M", "wh-north", 1), ("MUG", "store-soho", 5), ("BOOK", "store-soho", 1)] {
        receive(oms, code, location, quantity).unwrap();
    }
    (shop, clock)
}

fn receive(oms: &Oms, code: &str, location: &str, quantity: i64) -> Result<()> {
    let receipt = ReceiveStock { sku: sku(code), location: loc(location), quantity, idempotency_key: None };
    oms.receive_stock(receipt).map(|_| ())
}

fn place(oms: &Oms, kind: Kind) -> Result<Order> {
    let (channel, lines) = match kind {
        Web => ("web", vec![line("TEE-M", 3, "5.00"), line("MUG", 1, "7.00")]),
        LateShort => ("late", vec![line("TEE-M", 1, "5.00"), line("MUG", 1, "7.00")]),
        LateNone => ("late", vec![line("MUG", 2, "7.00")]),
        Till => ("till", vec![line("MUG", 1, "7.00")]),
        Click => ("click", vec![line("MUG", 2, "7.00")]),
        ClickShort => ("click", vec![line("MUG", 1, "7.00"), line("TEE-M", 1, "5.00")]),
        SentToStore => ("collect", vec![line("BOOK", 2, "12.00")]),
    };
    let mut command = order(channel, lines);
    if matches!(kind, Click | ClickShort | SentToStore) {
        command.pickup_location = Some(loc("store-soho"));
    }
    oms.place_order(command)
}

fn shipment_step(shipment: &Shipment) -> ShipmentStep {
    ShipmentStep { shipment_id: shipment.id.clone(), idempotency_key: None }
}

/// Picks, packs and ships a pending shipment.
fn send(oms: &Oms, shipment: &Shipment) -> Result<()> {
    oms.start_picking(shipment_step(shipment))?;
    let parcel = Parcel { weight_grams: 500, length_mm: 200, width_mm: 150, height_mm: 100 };
    oms.pack_shipment(PackShipment { shipment_id: shipment.id.clone(), parcels: vec![parcel], idempotency_key: None })?;
    let ship = ShipShipment {
        shipment_id: shipment.id.clone(),
        carrier: "UPS".into(),
        tracking_number: format!("1Z-{}", shipment.id),
        partner_reference: None,
        idempotency_key: None,
    };
    oms.ship_shipment(ship).map(|_| ())
}

fn shipments_in(oms: &Oms, order: &OrderId, status: ShipmentStatus) -> Vec<Shipment> {
    oms.list_shipments(order).unwrap().into_iter().filter(|shipment| shipment.status == status).collect()
}

/// The location a line's first allocation is at.
fn allocated_at(oms: &Oms, order: &OrderId, line_number: u32) -> LocationId {
    let order = oms.get_order(order).unwrap();
    let line = order.lines.iter().find(|line| line.line_number == line_number).unwrap();
    line.allocations[0].location.clone()
}

fn run(oms: &Oms, clock: &ManualClock, kind: Kind, id: &OrderId, what: Step) -> Result<()> {
    let order_id = id.clone();
    match what {
        Place => place(oms, kind).map(|_| ()),
        Hold => {
            oms.hold_order(HoldOrder { order_id, reason: "fraud review".into(), idempotency_key: None }).map(|_| ())
        }
        Release => oms.release_hold(ReleaseHold { order_id, idempotency_key: None }).map(|_| ()),
        Cancel => oms.cancel_order(CancelOrder { order_id, reason: None, idempotency_key: None }).map(|_| ()),
        CancelLine(line_number, quantity) => oms
            .cancel_lines(CancelLines {
                order_id,
                lines: vec![LineQuantity { line_number, quantity }],
                idempotency_key: None,
            })
            .map(|_| ()),
        Complete => oms.complete_order(CompleteOrder { order_id, idempotency_key: None }).map(|_| ()),
        Receive(code, location, quantity) => receive(oms, code, location, quantity),
        Reject(line_number, location) => oms
            .reject_allocation(RejectAllocation {
                order_id,
                line_number,
                location: loc(location),
                idempotency_key: None,
            })
            .map(|_| ()),
        ShipAll | ShipFrom(_) => {
            oms.create_shipments(CreateShipments { order_id, idempotency_key: None })?;
            for shipment in shipments_in(oms, id, ShipmentStatus::Pending) {
                if matches!(what, ShipFrom(location) if shipment.location != loc(location)) {
                    continue;
                }
                send(oms, &shipment)?;
            }
            Ok(())
        }
        ShipPart(line_number, quantity) => {
            let location = allocated_at(oms, id, line_number);
            let lines = vec![LineQuantity { line_number, quantity }];
            let shipment = oms.create_shipment(CreateShipment { order_id, location, lines, idempotency_key: None })?;
            send(oms, &shipment)
        }
        Deliver => {
            for shipment in shipments_in(oms, id, ShipmentStatus::Shipped) {
                let delivered = ConfirmDelivery {
                    shipment_id: shipment.id.clone(),
                    partner_reference: None,
                    idempotency_key: None,
                };
                oms.confirm_delivery(delivered)?;
            }
            Ok(())
        }
        Ready | ReadyPart(..) => {
            if let ReadyPart(line_number, quantity) = what {
                let lines = vec![LineQuantity { line_number, quantity }];
                let location = loc("store-soho");
                oms.create_shipment(CreateShipment { order_id, location, lines, idempotency_key: None })?;
            } else {
                oms.create_shipments(CreateShipments { order_id, idempotency_key: None })?;
            }
            let pending = shipments_in(oms, id, ShipmentStatus::Pending);
            for shipment in pending.iter().filter(|shipment| shipment.location == loc("store-soho")) {
                oms.start_picking(shipment_step(shipment))?;
                oms.ready_for_pickup(shipment_step(shipment))?;
            }
            Ok(())
        }
        Collect => {
            for shipment in shipments_in(oms, id, ShipmentStatus::ReadyForPickup) {
                oms.confirm_pickup(shipment_step(&shipment))?;
            }
            Ok(())
        }
        Expire => {
            clock.advance(chrono::TimeDelta::hours(73));
            oms.expire_pickups().map(|_| ())
        }
        Authorize => {
            let total = oms.get_order(id)?.totals.total.amount();
            oms.authorize_payment(AuthorizePayment {
                order_id,
                payment_id: Some(PaymentId::new("card-1").unwrap()),
                kind: PaymentKind::Card,
                amount: total,
                currency: None,
                gateway_reference: GatewayReference::new("auth-1").unwrap(),
                idempotency_key: None,
            })
            .map(|_| ())
        }
        Capture => {
            let total = oms.get_order(id)?.totals.total.amount();
            oms.capture_payment(CapturePayment {
                payment_id: PaymentId::new("card-1").unwrap(),
                amount: total,
                currency: None,
                gateway_reference: GatewayReference::new("capture-1").unwrap(),
                idempotency_key: None,
            })
            .map(|_| ())
        }
    }
}

/// The status changes of orders written since outbox position `since`.
fn status_changes(oms: &Oms, since: usize) -> Vec<(String, String)> {
    let events = oms.events_since(0, Some(1000)).unwrap();
    events[since..]
        .iter()
        .filter_map(|record| match &record.event {
            Event::OrderStatusChanged { from, to, .. } => Some((from.to_string(), to.to_string())),
            _ => None,
        })
        .collect()
}

// A test per backend, so that they run side by side.
#[test]
fn order_life_cycle_table_in_memory() {
    table("memory");
}

#[test]
fn order_life_cycle_table_on_sqlite() {
    table("sqlite");
}

#[test]
fn order_life_cycle_table_on_sqlite_with_group_commit() {
    table("sqlite-group-commit");
}

#[test]
fn order_life_cycle_table_on_postgres() {
    if backends().contains(&"postgres") {
        table("postgres");
    }
}

fn table(backend: &'static str) {
    let declared: BTreeSet<(String, String)> =
        ORDER_TRANSITIONS.iter().map(|(from, to)| (from.to_string(), to.to_string())).collect();
    {
        let mut taken = BTreeSet::new();
        for (row, (kind, given, what, expect)) in ROWS.iter().enumerate() {
            let (shop, clock) = shop(backend);
            let oms = &shop.oms;
            let placed = match what {
                Place => None,
                _ => Some(place(oms, *kind).unwrap_or_else(|e| panic!("{backend}: row {row}: placing failed: {e}"))),
            };
            let id = placed.as_ref().map_or_else(|| OrderId::from_sequence(1), |order| order.id.clone());
            for earlier in *given {
                run(oms, &clock, *kind, &id, *earlier)
                    .unwrap_or_else(|e| panic!("{backend}: row {row}: given {earlier:?} failed: {e}"));
            }
            let before = placed.as_ref().map(|_| oms.get_order(&id).unwrap());
            let written = oms.events_since(0, Some(1000)).unwrap().len();
            let outcome = run(oms, &clock, *kind, &id, *what);
            let context = format!("{backend}: row {row}: {kind:?} {given:?} then {what:?}");
            match (expect, outcome) {
                (Becomes(status), Ok(())) => {
                    let after = oms.list_orders(&OrderQuery::default()).unwrap().orders.pop().unwrap();
                    assert_eq!(after.status.as_str(), *status, "{context}");
                    for edge in status_changes(oms, written) {
                        assert!(declared.contains(&edge), "{context}: took {edge:?}, an undeclared edge");
                        taken.insert(edge);
                    }
                }
                (Fails(code), Err(error)) => {
                    assert_eq!(error.code(), *code, "{context}: {error}");
                    assert_eq!(Some(oms.get_order(&id).unwrap()), before, "{context}: the refusal changed the order");
                    let after = oms.events_since(0, Some(1000)).unwrap().len();
                    assert_eq!(after, written, "{context}: a refused step wrote events");
                }
                (_, outcome) => panic!("{context}: unexpected {outcome:?}"),
            }
            assert_sound(oms);
        }
        let missing: Vec<_> = declared.difference(&taken).collect();
        assert!(missing.is_empty(), "{backend}: no row takes the declared edges {missing:?}");
    }
}
