//! Multi-channel inventory and the allocation engine (issue 3), on every backend:
//! reservations, backorders, routing by distance and policy, explanations, pickup,
//! point of sale, re-allocation, counts, quarantine, transfers and availability.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;

use chrono::TimeDelta;
use common::*;
use oms_core::*;

/// Runs `scenario` on a fresh network on every backend, with a clock it can move.
///
/// The network: regions US-NY, US-NJ (100 km), US-CA (4,000 km from both);
/// wh-east (US-NJ, priority 10), wh-west (US-CA), store-soho (US-NY, pickup,
/// ships from store), store-mission (US-CA, pickup); SKUs TEE-M and MUG.
/// Channels: `web` (all four locations, ship from warehouse), `sfs` (ship
/// from store over the same four), `pos-soho` (point of sale at store-soho).
fn each_backend(scenario: fn(&Oms, &ManualClock)) {
    for backend in ["memory", "sqlite"] {
        let dir = tempfile::tempdir().unwrap();
        let clock = clock();
        let target =
            if backend == "memory" { ":memory:".to_string() } else { dir.path().join("net.db").display().to_string() };
        let oms = Oms::open_with_clock(&target, Arc::clone(&clock) as Arc<dyn Clock>).unwrap();
        network(&oms);
        scenario(&oms, &clock);
        assert_sound(&oms);
    }
}

fn network(oms: &Oms) {
    let location = |id: &str, kind, region: &str| UpsertLocation::new(loc(id), kind, region);
    oms.upsert_location(UpsertLocation { priority: Some(10), ..location("wh-east", LocationKind::Warehouse, "US-NJ") })
        .unwrap();
    oms.upsert_location(location("wh-west", LocationKind::Warehouse, "US-CA")).unwrap();
    oms.upsert_location(UpsertLocation {
        ships_from_store: true,
        ..location("store-soho", LocationKind::Store, "US-NY")
    })
    .unwrap();
    oms.upsert_location(location("store-mission", LocationKind::Store, "US-CA")).unwrap();
    for (from, to, km) in [("US-NY", "US-NJ", 100), ("US-NY", "US-CA", 4_000), ("US-NJ", "US-CA", 4_000)] {
        let distance = SetRegionDistance { from_region: from.into(), to_region: to.into(), distance_km: km };
        oms.set_region_distance(distance).unwrap();
    }
    let all = vec![loc("wh-east"), loc("wh-west"), loc("store-soho"), loc("store-mission")];
    oms.upsert_channel(UpsertChannel::new(chan("web"), ChannelKind::Web, Currency::USD, all.clone())).unwrap();
    let sfs = UpsertChannel {
        strategy: Some("ship_from_store".into()),
        ..UpsertChannel::new(chan("sfs"), ChannelKind::Web, Currency::USD, all)
    };
    oms.upsert_channel(sfs).unwrap();
    oms.upsert_channel(UpsertChannel::new(
        chan("pos-soho"),
        ChannelKind::PointOfSale,
        Currency::USD,
        vec![loc("store-soho")],
    ))
    .unwrap();
    for code in ["TEE-M", "MUG"] {
        oms.upsert_product(UpsertProduct::new(sku(code), code)).unwrap();
    }
}

fn receive(oms: &Oms, code: &str, location: &str, quantity: i64) {
    oms.receive_stock(ReceiveStock { sku: sku(code), location: loc(location), quantity, idempotency_key: None })
        .unwrap();
}

fn level(oms: &Oms, code: &str, location: &str) -> StockLevel {
    oms.stock_level(&sku(code), &loc(location)).unwrap()
}

fn reservation(id: &str, channel: &str, code: &str, quantity: i64, ttl_seconds: i64) -> ReserveStock {
    ReserveStock {
        reservation_id: ReservationId::new(id).unwrap(),
        channel: chan(channel),
        lines: vec![ReservationLine { sku: sku(code), quantity }],
        ttl_seconds,
        pickup_location: None,
        ship_to_region: None,
        idempotency_key: None,
    }
}

fn allocations(order: &Order, line: usize) -> Vec<(String, i64)> {
    order.lines[line].allocations.iter().map(|a| (a.location.to_string(), a.quantity)).collect()
}

fn reason(explanation: &Explanation, location: &str) -> Option<&'static str> {
    let report = explanation.candidates.iter().find(|c| c.location.as_str() == location).expect(location);
    report.passed_over.map(PassReason::as_str)
}

#[test]
fn reservations_reserve_convert_release_and_expire() {
    each_backend(|oms, clock| {
        receive(oms, "TEE-M", "wh-east", 5);
        let reserved = oms.reserve_stock(reservation("cart-1", "web", "TEE-M", 3, 600)).unwrap();
        assert_eq!(reserved.status, ReservationStatus::Active);
        assert_eq!(
            (level(oms, "TEE-M", "wh-east").reserved, oms.available(&sku("TEE-M"), &chan("web")).unwrap()),
            (3, 2)
        );
        // Another cart cannot take the reserved units.
        assert_eq!(
            oms.reserve_stock(reservation("cart-2", "web", "TEE-M", 3, 600)).unwrap_err().code(),
            "insufficient_stock"
        );
        assert_eq!(oms.reserve_stock(reservation("cart-1", "web", "TEE-M", 1, 600)).unwrap_err().code(), "rejected");
        assert_eq!(
            oms.reserve_stock(reservation("cart-3", "web", "TEE-M", 1, 0)).unwrap_err().field(),
            Some("ttl_seconds")
        );

        // The order converts the reservation: its units come from it first, the rest from stock.
        let mut checkout = order("web", vec![line("TEE-M", 4, "10.00")]);
        checkout.reservation_id = Some(ReservationId::new("cart-1").unwrap());
        let placed = oms.place_order(checkout.clone()).unwrap();
        assert_eq!(placed.status, OrderStatus::Allocated);
        let stock = level(oms, "TEE-M", "wh-east");
        assert_eq!((stock.reserved, stock.allocated), (0, 4));
        let converted = oms.get_reservation(&ReservationId::new("cart-1").unwrap()).unwrap();
        assert_eq!((converted.status, converted.order_id), (ReservationStatus::Converted, Some(placed.id.clone())));
        checkout.idempotency_key = None;
        assert_eq!(oms.place_order(checkout).unwrap_err().code(), "illegal_transition");

        // Release gives units back; releasing twice is illegal.
        oms.reserve_stock(reservation("cart-4", "web", "TEE-M", 1, 600)).unwrap();
        let release =
            ReleaseReservation { reservation_id: ReservationId::new("cart-4").unwrap(), idempotency_key: None };
        assert_eq!(oms.release_reservation(release.clone()).unwrap().status, ReservationStatus::Released);
        assert_eq!(oms.release_reservation(release).unwrap_err().code(), "illegal_transition");

        // Expiry follows the injected clock.
        oms.reserve_stock(reservation("cart-5", "web", "TEE-M", 1, 60)).unwrap();
        assert!(oms.expire_reservations().unwrap().is_empty());
        clock.advance(TimeDelta::seconds(61));
        assert_eq!(oms.expire_reservations().unwrap(), [ReservationId::new("cart-5").unwrap()]);
        assert_eq!(level(oms, "TEE-M", "wh-east").reserved, 0);
        let missing = ReservationId::new("nope").unwrap();
        assert_eq!(oms.get_reservation(&missing).unwrap_err().code(), "reservation_not_found");
    });
}

#[test]
fn an_expired_reservation_never_blocks_a_sale() {
    each_backend(|oms, clock| {
        receive(oms, "MUG", "wh-east", 2);
        oms.reserve_stock(reservation("cart-1", "web", "MUG", 2, 30)).unwrap();
        assert_eq!(
            oms.place_order(order("web", vec![line("MUG", 1, "3.00")])).unwrap_err().code(),
            "insufficient_stock"
        );
        clock.advance(TimeDelta::seconds(31));
        // No sweep ran, but the sale sweeps expired reservations first.
        let placed = oms.place_order(order("web", vec![line("MUG", 2, "3.00")])).unwrap();
        assert_eq!(placed.status, OrderStatus::Allocated);
        let expired = oms.get_reservation(&ReservationId::new("cart-1").unwrap()).unwrap();
        assert_eq!(expired.status, ReservationStatus::Expired);
        // Checking out with an expired reservation allocates as if it named none.
        receive(oms, "MUG", "wh-east", 1);
        let mut late = order("web", vec![line("MUG", 1, "3.00")]);
        late.reservation_id = Some(ReservationId::new("cart-1").unwrap());
        assert_eq!(oms.place_order(late.clone()).unwrap().status, OrderStatus::Allocated);
        assert_eq!(oms.place_order(late).unwrap_err().code(), "insufficient_stock");
    });
}

#[test]
fn backorders_fill_first_come_first_served() {
    each_backend(|oms, _| {
        oms.upsert_product(UpsertProduct { backorderable: true, ..UpsertProduct::new(sku("PRE"), "Pre-order") })
            .unwrap();
        receive(oms, "PRE", "wh-west", 1);
        let first = oms.place_order(order("web", vec![line("PRE", 3, "20.00")])).unwrap();
        assert_eq!(first.status, OrderStatus::PartiallyAllocated);
        assert_eq!((first.lines[0].quantities.allocated, first.lines[0].quantities.backordered), (1, 2));
        let second = oms.place_order(order("web", vec![line("PRE", 2, "20.00")])).unwrap();
        assert_eq!(second.status, OrderStatus::Backordered);
        // Never negative stock: the shortfall lives on the lines.
        let stock = level(oms, "PRE", "wh-west");
        assert_eq!((stock.on_hand, stock.allocated), (1, 1));
        // Three units arrive: the older order is served first, in full.
        receive(oms, "PRE", "wh-east", 3);
        let first = oms.get_order(&first.id).unwrap();
        let second = oms.get_order(&second.id).unwrap();
        assert_eq!((first.status, first.lines[0].quantities.backordered), (OrderStatus::Allocated, 0));
        assert_eq!((second.status, second.lines[0].quantities.backordered), (OrderStatus::PartiallyAllocated, 1));
        // Cancelling the rest of a backordered line takes it out of the queue.
        let cancel = CancelOrder { order_id: second.id.clone(), reason: None, idempotency_key: None };
        assert_eq!(oms.cancel_order(cancel).unwrap().status, OrderStatus::Cancelled);
        receive(oms, "PRE", "wh-east", 1);
        assert_eq!(level(oms, "PRE", "wh-east").allocated, 2);
        // A product that does not allow it is refused unless the channel allows backorders.
        assert_eq!(
            oms.place_order(order("web", vec![line("MUG", 1, "1.00")])).unwrap_err().code(),
            "insufficient_stock"
        );
        let relaxed = UpsertChannel {
            allow_backorders: true,
            ..UpsertChannel::new(chan("web"), ChannelKind::Web, Currency::USD, vec![loc("wh-east"), loc("wh-west")])
        };
        oms.upsert_channel(relaxed).unwrap();
        assert_eq!(
            oms.place_order(order("web", vec![line("MUG", 1, "1.00")])).unwrap().status,
            OrderStatus::Backordered
        );
    });
}

#[test]
fn routing_by_distance_priority_and_split_policy() {
    each_backend(|oms, _| {
        receive(oms, "TEE-M", "wh-east", 2);
        receive(oms, "TEE-M", "wh-west", 5);
        receive(oms, "MUG", "wh-east", 5);
        receive(oms, "MUG", "wh-west", 5);
        // Nearest first: a California customer is served from wh-west.
        let mut west = order("web", vec![line("TEE-M", 1, "1.00"), line("MUG", 1, "1.00")]);
        west.ship_to_region = Some("US-CA".into());
        let placed = oms.place_order(west).unwrap();
        assert_eq!(
            (allocations(&placed, 0), allocations(&placed, 1)),
            (vec![("wh-west".into(), 1)], vec![("wh-west".into(), 1)])
        );
        // Fewest shipments: New York wants 3 tees, wh-east (near) has 2, wh-west has 4 left: one parcel from the west.
        let mut east = order("web", vec![line("TEE-M", 3, "1.00"), line("MUG", 1, "1.00")]);
        east.ship_to_region = Some("US-NY".into());
        east.explain = true;
        let plan = oms.plan_allocation(east.clone()).unwrap();
        assert_eq!(plan.explanation.shipments, 1);
        assert_eq!(plan.lines[0].allocations[0].location.as_str(), "wh-west");
        // Nearest policy instead splits the tees: 2 near, 1 far.
        let nearest = UpsertChannel {
            split_policy: SplitPolicy::Nearest,
            ..UpsertChannel::new(chan("web"), ChannelKind::Web, Currency::USD, vec![loc("wh-west"), loc("wh-east")])
        };
        oms.upsert_channel(nearest).unwrap();
        let placed = oms.place_order(east).unwrap();
        assert_eq!(allocations(&placed, 0), [("wh-east".to_string(), 2), ("wh-west".to_string(), 1)]);
        let explanation = placed.explanation.expect("asked for an explanation");
        assert_eq!(explanation.shipments, 2);
        let east_report = explanation.candidates.iter().find(|c| c.location.as_str() == "wh-east").unwrap();
        assert_eq!((east_report.distance_km, east_report.score.clone()), (Some(100), vec![100, 10, 1]));
    });
}

#[test]
fn explanations_say_why_locations_were_passed_over() {
    each_backend(|oms, _| {
        receive(oms, "TEE-M", "wh-east", 3);
        receive(oms, "TEE-M", "store-soho", 9);
        oms.upsert_location(UpsertLocation {
            daily_capacity: Some(0),
            ..UpsertLocation::new(loc("wh-west"), LocationKind::Warehouse, "US-CA")
        })
        .unwrap();
        receive(oms, "TEE-M", "wh-west", 9);
        let plan = oms.plan_allocation(order("web", vec![line("TEE-M", 1, "1.00")])).unwrap();
        let explanation = &plan.explanation;
        assert_eq!(reason(explanation, "wh-east"), None);
        assert_eq!(reason(explanation, "wh-west"), Some("over_capacity"));
        assert_eq!(reason(explanation, "store-soho"), Some("not_capable"));
        assert_eq!(reason(explanation, "store-mission"), Some("not_capable"));
        // Ship from store: stores that ship join; the empty one has no stock.
        let plan = oms.plan_allocation(order("sfs", vec![line("TEE-M", 1, "1.00")])).unwrap();
        assert_eq!(reason(&plan.explanation, "store-mission"), Some("not_capable"));
        let mut soho = order("sfs", vec![line("TEE-M", 9, "1.00")]);
        soho.ship_to_region = Some("US-NY".into());
        let plan = oms.plan_allocation(soho).unwrap();
        assert_eq!(plan.lines[0].allocations[0].location.as_str(), "store-soho");
        assert_eq!(reason(&plan.explanation, "wh-east"), Some("not_needed"));
        // Safety stock and distance limits.
        oms.upsert_location(UpsertLocation::new(loc("wh-west"), LocationKind::Warehouse, "US-CA")).unwrap();
        let strict = UpsertChannel {
            safety_stock: 3,
            max_distance_km: Some(500),
            ..UpsertChannel::new(chan("web"), ChannelKind::Web, Currency::USD, vec![loc("wh-east"), loc("wh-west")])
        };
        oms.upsert_channel(strict).unwrap();
        let mut far = order("web", vec![line("TEE-M", 1, "1.00")]);
        far.ship_to_region = Some("US-NY".into());
        let plan = oms.plan_allocation(far.clone()).unwrap();
        assert_eq!(reason(&plan.explanation, "wh-east"), Some("below_safety_stock"));
        assert_eq!(reason(&plan.explanation, "wh-west"), Some("too_far"));
        assert_eq!(plan.lines[0].unfilled, 1);
        assert_eq!(oms.place_order(far).unwrap_err().code(), "insufficient_stock");
        assert_eq!(oms.available(&sku("TEE-M"), &chan("web")).unwrap(), 9 - 3, "safety stock comes off each location");
        // A dry run wrote nothing.
        assert!(oms.list_orders(&OrderQuery::default()).unwrap().orders.is_empty());
        let empty = order("web", vec![line("MUG", 1, "1.00")]);
        assert_eq!(reason(&oms.plan_allocation(empty).unwrap().explanation, "wh-east"), Some("no_stock"));
    });
}

#[test]
fn pickup_in_store_and_ship_to_store() {
    each_backend(|oms, _| {
        receive(oms, "MUG", "store-soho", 1);
        receive(oms, "MUG", "wh-east", 5);
        let mut pickup = order("web", vec![line("MUG", 1, "4.00")]);
        pickup.pickup_location = Some(loc("store-soho"));
        let placed = oms.place_order(pickup.clone()).unwrap();
        assert_eq!(
            (placed.fulfilment.method, allocations(&placed, 0)),
            (FulfilmentMethod::Pickup, vec![("store-soho".into(), 1)])
        );
        // The store is empty now: the channel rejects, unless it ships to the store.
        assert_eq!(oms.place_order(pickup.clone()).unwrap_err().code(), "insufficient_stock");
        let all = vec![loc("wh-east"), loc("wh-west"), loc("store-soho"), loc("store-mission")];
        let fallback = UpsertChannel {
            pickup_fallback: PickupFallback::ShipToStore,
            ..UpsertChannel::new(chan("web"), ChannelKind::Web, Currency::USD, all)
        };
        oms.upsert_channel(fallback).unwrap();
        let placed = oms.place_order(pickup.clone()).unwrap();
        assert_eq!(allocations(&placed, 0), [("wh-east".to_string(), 1)]);
        assert_eq!(placed.fulfilment.location.as_ref().map(LocationId::as_str), Some("store-soho"));
        pickup.pickup_location = Some(loc("wh-east"));
        assert_eq!(oms.place_order(pickup.clone()).unwrap_err().code(), "pickup_not_offered");
        let outside = UpsertLocation::new(loc("store-outside"), LocationKind::Store, "US-NY");
        oms.upsert_location(outside).unwrap();
        pickup.pickup_location = Some(loc("store-outside"));
        assert_eq!(oms.place_order(pickup.clone()).unwrap_err().code(), "location_not_permitted");
        pickup.pickup_location = Some(loc("moon"));
        assert_eq!(oms.place_order(pickup).unwrap_err().code(), "location_not_found");
    });
}

#[test]
fn point_of_sale_hands_goods_over_at_once() {
    each_backend(|oms, _| {
        receive(oms, "TEE-M", "store-soho", 4);
        let sold = oms.place_order(order("pos-soho", vec![line("TEE-M", 3, "15.00")])).unwrap();
        assert_eq!(sold.status, OrderStatus::Completed);
        assert_eq!(sold.fulfilment.method, FulfilmentMethod::PointOfSale);
        assert_eq!((sold.lines[0].quantities.shipped, sold.lines[0].quantities.allocated), (3, 0));
        let stock = level(oms, "TEE-M", "store-soho");
        assert_eq!((stock.on_hand, stock.allocated), (1, 0));
        let ledger = oms.movements(&sku("TEE-M"), &loc("store-soho"), 0, None).unwrap();
        assert_eq!(ledger.last().unwrap().reason, MovementReason::PointOfSaleSale);
        let cancel = CancelOrder { order_id: sold.id, reason: None, idempotency_key: None };
        assert_eq!(oms.cancel_order(cancel).unwrap_err().code(), "illegal_transition");
    });
}

#[test]
fn rejected_allocations_are_rerouted_or_backordered() {
    each_backend(|oms, _| {
        receive(oms, "TEE-M", "wh-east", 2);
        receive(oms, "TEE-M", "wh-west", 1);
        let placed = oms.place_order(order("web", vec![line("TEE-M", 2, "1.00")])).unwrap();
        assert_eq!(allocations(&placed, 0), [("wh-east".to_string(), 2)]);
        let reject = RejectAllocation {
            order_id: placed.id.clone(),
            line_number: 1,
            location: loc("wh-east"),
            idempotency_key: None,
        };
        let rerouted = oms.reject_allocation(reject.clone()).unwrap();
        // One unit could move to wh-west; the other is backordered. The missing goods are written off.
        assert_eq!(allocations(&rerouted, 0), [("wh-west".to_string(), 1)]);
        assert_eq!((rerouted.lines[0].quantities.backordered, rerouted.status), (1, OrderStatus::PartiallyAllocated));
        assert_eq!(level(oms, "TEE-M", "wh-east").on_hand, 0);
        assert_eq!(oms.reject_allocation(reject).unwrap_err().code(), "stock_level_not_found");
        receive(oms, "TEE-M", "wh-east", 1);
        assert_eq!(oms.get_order(&placed.id).unwrap().status, OrderStatus::Allocated);
    });
}

#[test]
fn counts_quarantine_and_transfers_move_the_buckets() {
    each_backend(|oms, _| {
        receive(oms, "MUG", "wh-east", 10);
        oms.place_order(order("web", vec![line("MUG", 4, "1.00")])).unwrap();
        let count = |counted| CountStock { sku: sku("MUG"), location: loc("wh-east"), counted, idempotency_key: None };
        assert_eq!(oms.count_stock(count(7)).unwrap().on_hand, 7);
        let ledger = oms.movements(&sku("MUG"), &loc("wh-east"), 0, None).unwrap();
        assert_eq!((ledger.last().unwrap().reason, ledger.last().unwrap().deltas.on_hand), (MovementReason::Count, -3));
        assert_eq!(oms.count_stock(count(3)).unwrap_err().code(), "rejected");
        assert_eq!(oms.count_stock(count(-1)).unwrap_err().code(), "invalid_quantity");

        let quantity =
            |quantity| StockQuantity { sku: sku("MUG"), location: loc("wh-east"), quantity, idempotency_key: None };
        let quarantined = oms.quarantine_stock(quantity(2)).unwrap();
        assert_eq!((quarantined.on_hand, quarantined.quarantined), (5, 2));
        assert_eq!(oms.quarantine_stock(quantity(2)).unwrap_err().code(), "insufficient_stock");
        assert_eq!(oms.release_quarantine(quantity(1)).unwrap().quarantined, 1);

        let request = RequestTransfer {
            sku: sku("MUG"),
            from_location: loc("wh-east"),
            to_location: loc("store-soho"),
            quantity: 2,
            idempotency_key: None,
        };
        let transfer = oms.request_transfer(request.clone()).unwrap();
        assert_eq!(transfer.status, TransferStatus::Requested);
        let step = TransferStep { transfer_id: transfer.id.clone(), idempotency_key: None };
        assert_eq!(oms.receive_transfer(step.clone()).unwrap_err().code(), "illegal_transition");
        oms.ship_transfer(step.clone()).unwrap();
        assert_eq!((level(oms, "MUG", "wh-east").on_hand, level(oms, "MUG", "store-soho").incoming), (4, 2));
        assert_eq!(oms.cancel_transfer(step.clone()).unwrap_err().code(), "illegal_transition");
        assert_eq!(oms.receive_transfer(step).unwrap().status, TransferStatus::Received);
        let store = level(oms, "MUG", "store-soho");
        assert_eq!((store.on_hand, store.incoming), (2, 0));
        let cancelled = oms.request_transfer(request.clone()).unwrap();
        let step = TransferStep { transfer_id: cancelled.id, idempotency_key: None };
        assert_eq!(oms.cancel_transfer(step).unwrap().status, TransferStatus::Cancelled);
        let same = RequestTransfer { to_location: loc("wh-east"), ..request.clone() };
        assert_eq!(oms.request_transfer(same).unwrap_err().code(), "invalid_input");
        let unknown = RequestTransfer { to_location: loc("moon"), ..request };
        assert_eq!(oms.request_transfer(unknown).unwrap_err().code(), "location_not_found");
        assert_eq!(oms.get_transfer(&TransferId::new("tr-404").unwrap()).unwrap_err().code(), "transfer_not_found");
        // Shipping more than is available is refused.
        let big = RequestTransfer {
            sku: sku("MUG"),
            from_location: loc("wh-east"),
            to_location: loc("wh-west"),
            quantity: 99,
            idempotency_key: None,
        };
        let big = oms.request_transfer(big).unwrap();
        let step = TransferStep { transfer_id: big.id, idempotency_key: None };
        assert_eq!(oms.ship_transfer(step).unwrap_err().code(), "insufficient_stock");
    });
}

#[test]
fn availability_in_bulk_by_region_and_pickup_store() {
    each_backend(|oms, _| {
        receive(oms, "TEE-M", "wh-east", 4);
        receive(oms, "TEE-M", "wh-west", 6);
        receive(oms, "TEE-M", "store-soho", 2);
        receive(oms, "MUG", "store-mission", 1);
        let query = |skus: &[&str], region: Option<&str>, pickup: Option<&str>| AvailabilityQuery {
            channel: chan("web"),
            skus: skus.iter().map(|s| sku(s)).collect(),
            region: region.map(str::to_string),
            pickup_location: pickup.map(loc),
        };
        let answers = oms.availability(&query(&["TEE-M", "MUG"], None, None)).unwrap();
        assert_eq!((answers[0].available, answers[1].available), (10, 0));
        assert_eq!(answers[0].locations.len(), 2, "only shipping locations count for a shipped order");
        assert_eq!(oms.availability(&query(&["TEE-M"], Some("US-CA"), None)).unwrap()[0].available, 6);
        assert_eq!(oms.availability(&query(&["TEE-M"], None, Some("store-soho"))).unwrap()[0].available, 2);
        assert_eq!(oms.availability(&query(&["MUG"], None, Some("store-mission"))).unwrap()[0].available, 1);
        assert_eq!(oms.availability(&query(&[], None, None)).unwrap_err().code(), "invalid_input");
        assert_eq!(oms.availability(&query(&["GHOST"], None, None)).unwrap_err().code(), "product_not_found");
        assert_eq!(oms.availability(&query(&["MUG"], None, Some("wh-east"))).unwrap_err().code(), "pickup_not_offered");
    });
}

#[test]
fn custom_strategies_route_orders_their_way() {
    /// Prefers the farthest location (a toy, to prove the trait is honoured).
    #[derive(Debug)]
    struct Farthest;
    impl AllocationStrategy for Farthest {
        fn name(&self) -> &str {
            "farthest"
        }
        fn admits(&self, site: &allocation::Site<'_>, _request: &allocation::Request<'_>) -> bool {
            site.location.capabilities.ships
        }
        fn score(&self, site: &allocation::Site<'_>, _request: &allocation::Request<'_>) -> [i64; 3] {
            [-site.distance_km.map_or(0, i64::from), 0, 0]
        }
    }
    let mut oms = Oms::in_memory();
    oms.register_strategy(Farthest).unwrap();
    assert_eq!(oms.register_strategy(ShipFromWarehouse).unwrap_err().code(), "invalid_input");
    network(&oms);
    let unknown = UpsertChannel {
        strategy: Some("nope".into()),
        ..UpsertChannel::new(chan("odd"), ChannelKind::Web, Currency::USD, vec![loc("wh-east")])
    };
    assert_eq!(oms.upsert_channel(unknown).unwrap_err().field(), Some("strategy"));
    let odd = UpsertChannel {
        strategy: Some("farthest".into()),
        ..UpsertChannel::new(chan("odd"), ChannelKind::Web, Currency::USD, vec![loc("wh-east"), loc("wh-west")])
    };
    oms.upsert_channel(odd).unwrap();
    receive(&oms, "MUG", "wh-east", 1);
    receive(&oms, "MUG", "wh-west", 1);
    let mut command = order("odd", vec![line("MUG", 1, "1.00")]);
    command.ship_to_region = Some("US-NY".into());
    assert_eq!(allocations(&oms.place_order(command).unwrap(), 0), [("wh-west".to_string(), 1)]);
    assert_sound(&oms);
}
