//! Carrier and third-party-logistics hand-off (issue 9): handing a shipment
//! over emits one event with everything a partner needs; the partner's
//! answers (shipped with a tracking number, delivered) are commands that are
//! idempotent on its reference; a channel that captures on shipment asks for
//! the capture of each shipment's value, split across the order's open
//! authorizations, and the requests of all shipments add up to the order's
//! total. On every backend; refusals change nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use oms_core::fulfilment::handoff::CaptureRequest;
use oms_core::*;

fn step(id: &ShipmentId) -> ShipmentStep {
    ShipmentStep { shipment_id: id.clone(), idempotency_key: None }
}

fn parcel() -> Parcel {
    Parcel { weight_grams: 900, length_mm: 300, width_mm: 200, height_mm: 100 }
}

fn hand_over(id: &ShipmentId, partner: &str) -> HandOverShipment {
    HandOverShipment { shipment_id: id.clone(), partner: partner.into(), idempotency_key: None }
}

fn shipped(id: &ShipmentId, tracking: &str, reference: Option<&str>) -> ShipShipment {
    ShipShipment {
        shipment_id: id.clone(),
        carrier: "DHL".into(),
        tracking_number: tracking.into(),
        partner_reference: reference.map(String::from),
        idempotency_key: None,
    }
}

fn delivered(id: &ShipmentId, reference: Option<&str>) -> ConfirmDelivery {
    ConfirmDelivery { shipment_id: id.clone(), partner_reference: reference.map(String::from), idempotency_key: None }
}

fn address() -> Address {
    Address {
        name: "Ada Lovelace".into(),
        company: None,
        lines: vec!["12 Analytical Row".into()],
        city: "London".into(),
        region: None,
        postal_code: Some("N1 7AA".into()),
        country: "GB".into(),
        phone: None,
    }
}

fn placed(oms: &Oms, lines: Vec<LineInput>) -> Order {
    let mut command = order("web", lines);
    command.shipping_address = Some(address());
    command.shipping_method = Some("express".into());
    oms.place_order(command).unwrap()
}

fn events_named(oms: &Oms, name: &str) -> Vec<Event> {
    let records = oms.events_since(0, Some(1_000)).unwrap();
    records.into_iter().map(|record| record.event).filter(|event| event.name() == name).collect()
}

fn capturing(oms: &Oms) {
    let web = oms.get_channel(&chan("web")).unwrap();
    let mut upsert = UpsertChannel::new(chan("web"), web.kind, web.currency, web.locations.clone());
    upsert.tax_rates = web.tax_rates.clone();
    upsert.capture_on_shipment = true;
    assert!(oms.upsert_channel(upsert).unwrap().capture_on_shipment);
}

fn authorize(oms: &Oms, order: &Order, kind: PaymentKind, amount: &str, gateway: &str) -> Payment {
    oms.authorize_payment(AuthorizePayment {
        order_id: order.id.clone(),
        payment_id: None,
        kind,
        amount: dec(amount),
        currency: None,
        gateway_reference: GatewayReference::new(gateway).unwrap(),
        idempotency_key: None,
    })
    .unwrap()
}

#[test]
fn a_carrier_takes_a_packed_shipment_and_its_answers_are_idempotent_on_every_backend() {
    for backend in backends() {
        let shop = open(backend);
        let oms = &shop.oms;
        stocked(oms);
        let order = placed(oms, vec![line("TEE-M", 2, "10.00"), line("MUG", 1, "8.00")]);
        let shipment = oms
            .create_shipments(CreateShipments { order_id: order.id.clone(), idempotency_key: None })
            .unwrap()
            .remove(0);
        oms.start_picking(step(&shipment.id)).unwrap();
        oms.pack_shipment(PackShipment {
            shipment_id: shipment.id.clone(),
            parcels: vec![parcel()],
            idempotency_key: None,
        })
        .unwrap();
        let before = oms.stock_level(&sku("TEE-M"), &shipment.location).unwrap();

        let over = oms.hand_over_shipment(hand_over(&shipment.id, "  DHL Express ")).unwrap();
        assert_eq!((over.status, over.partner.as_deref()), (ShipmentStatus::HandedOver, Some("DHL Express")));
        let level = oms.stock_level(&sku("TEE-M"), &shipment.location).unwrap();
        assert_eq!(level, before, "{backend}: the goods leave when the partner confirms, not before");
        let handed = events_named(oms, "shipment_handed_over");
        let [Event::ShipmentHandedOver { partner, ship_from, ship_to, service_level, parcels, lines, .. }] =
            handed.as_slice()
        else {
            panic!("{backend}: one hand-over event, got {handed:?}")
        };
        assert_eq!(partner, "DHL Express", "{backend}");
        assert_eq!(ship_from, &shipment.location, "{backend}");
        assert_eq!(ship_to.as_ref().map(|a| a.city.as_str()), Some("London"), "{backend}: the address travels");
        assert_eq!(service_level.as_deref(), Some("express"), "{backend}");
        assert_eq!(parcels, &vec![parcel()], "{backend}");
        assert_eq!(lines, &shipment.lines, "{backend}");
        assert!(events_named(oms, "capture_requested").is_empty(), "{backend}: the channel does not capture");

        let done = oms.ship_shipment(shipped(&shipment.id, "JD0001", Some("dhl-evt-1"))).unwrap();
        assert_eq!((done.status, done.shipped_reference.as_deref()), (ShipmentStatus::Shipped, Some("dhl-evt-1")));
        let after = oms.stock_level(&sku("TEE-M"), &shipment.location).unwrap();
        assert_eq!(after.on_hand, before.on_hand - 2, "{backend}: the goods left");
        let events = oms.events_since(0, Some(1_000)).unwrap().len();
        // The partner's webhook arrives again: same answer, nothing moves.
        let again = oms.ship_shipment(shipped(&shipment.id, "JD0001", Some("dhl-evt-1"))).unwrap();
        assert_eq!(again, done, "{backend}");
        assert_eq!(oms.stock_level(&sku("TEE-M"), &shipment.location).unwrap(), after, "{backend}");
        assert_eq!(oms.events_since(0, Some(1_000)).unwrap().len(), events, "{backend}: no event twice");
        // Another reference for a shipment that already shipped is a real second answer: refused.
        let other = oms.ship_shipment(shipped(&shipment.id, "JD0002", Some("dhl-evt-2"))).unwrap_err();
        assert_eq!(other.code(), "illegal_transition", "{backend}");

        let arrived = oms.confirm_delivery(delivered(&shipment.id, Some("dhl-pod-1"))).unwrap();
        assert_eq!(arrived.delivered_reference.as_deref(), Some("dhl-pod-1"), "{backend}");
        assert_eq!(oms.confirm_delivery(delivered(&shipment.id, Some("dhl-pod-1"))).unwrap(), arrived, "{backend}");
        assert_eq!(
            oms.confirm_delivery(delivered(&shipment.id, None)).unwrap_err().code(),
            "illegal_transition",
            "{backend}: without a reference a second delivery is refused"
        );
        assert_eq!(oms.get_order(&order.id).unwrap().status, OrderStatus::Delivered, "{backend}");
        assert_sound(oms);
    }
}

#[test]
fn a_logistics_partner_takes_a_pending_shipment_and_picks_it_itself() {
    for backend in backends() {
        let shop = open(backend);
        let oms = &shop.oms;
        stocked(oms);
        let order = placed(oms, vec![line("BOOK", 3, "12.50")]);
        let shipment = oms
            .create_shipments(CreateShipments { order_id: order.id.clone(), idempotency_key: None })
            .unwrap()
            .remove(0);
        let over = oms.hand_over_shipment(hand_over(&shipment.id, "ShipBob")).unwrap();
        assert_eq!((over.status, over.parcels.len()), (ShipmentStatus::HandedOver, 0), "{backend}");
        assert!(oms.pick_list(&shipment.location).unwrap().lines.is_empty(), "{backend}: nothing to pick here");
        let label = oms.shipping_label(&shipment.id).unwrap_err();
        assert_eq!(label.code(), "illegal_transition", "{backend}: the partner packs and labels it");
        let before = oms.stock_level(&sku("BOOK"), &shipment.location).unwrap();
        oms.ship_shipment(shipped(&shipment.id, "SB-77", Some("sb-1"))).unwrap();
        let after = oms.stock_level(&sku("BOOK"), &shipment.location).unwrap();
        assert_eq!((after.on_hand, after.allocated), (before.on_hand - 3, before.allocated - 3), "{backend}");
        assert_eq!(oms.get_order(&order.id).unwrap().status, OrderStatus::Shipped, "{backend}");
        assert_sound(oms);
    }
}

#[test]
fn handing_over_is_refused_with_its_code_and_changes_nothing() {
    for backend in backends() {
        let shop = open(backend);
        let oms = &shop.oms;
        stocked(oms);
        let order = placed(oms, vec![line("TEE-M", 1, "10.00")]);
        let shipment = oms
            .create_shipments(CreateShipments { order_id: order.id.clone(), idempotency_key: None })
            .unwrap()
            .remove(0);
        let events = oms.events_since(0, Some(1_000)).unwrap().len();
        let code = |command: HandOverShipment| oms.hand_over_shipment(command).unwrap_err().code();
        assert_eq!(code(hand_over(&shipment.id, "   ")), "invalid_input", "{backend}: a blank partner");
        assert_eq!(code(hand_over(&shipment.id, &"p".repeat(201))), "limit_exceeded", "{backend}: an oversized one");
        assert_eq!(code(hand_over(&shipment.id, "bad\u{0}name")), "invalid_input", "{backend}: a NUL");
        let unknown = ShipmentId::new("shp-404").unwrap();
        assert_eq!(code(hand_over(&unknown, "DHL")), "shipment_not_found", "{backend}");
        let tracking = oms.ship_shipment(shipped(&unknown, "X1", Some("r-1"))).unwrap_err();
        assert_eq!(tracking.code(), "shipment_not_found", "{backend}: a tracking answer for an unknown shipment");
        let blank_reference = oms.ship_shipment(shipped(&shipment.id, "X1", Some(" "))).unwrap_err();
        assert_eq!(blank_reference.code(), "invalid_input", "{backend}: a blank partner reference");
        oms.start_picking(step(&shipment.id)).unwrap();
        assert_eq!(code(hand_over(&shipment.id, "DHL")), "illegal_transition", "{backend}: being picked here");
        oms.hold_order(HoldOrder { order_id: order.id.clone(), reason: "fraud review".into(), idempotency_key: None })
            .unwrap();
        oms.pack_shipment(PackShipment {
            shipment_id: shipment.id.clone(),
            parcels: vec![parcel()],
            idempotency_key: None,
        })
        .unwrap();
        assert_eq!(code(hand_over(&shipment.id, "DHL")), "illegal_transition", "{backend}: the order is on hold");
        let stored = oms.get_shipment(&shipment.id).unwrap();
        assert_eq!((stored.status, stored.partner), (ShipmentStatus::Packed, None), "{backend}: unchanged");
        assert_eq!(events_named(oms, "shipment_handed_over"), Vec::new(), "{backend}");
        assert!(oms.events_since(0, Some(1_000)).unwrap().len() > events, "{backend}: only the steps that passed");
        assert_sound(oms);
    }
}

fn request_of(event: &Event) -> (&ShipmentId, &CaptureRequest) {
    match event {
        Event::CaptureRequested { shipment_id, request, .. } => (shipment_id, request),
        other => panic!("not a capture request: {other:?}"),
    }
}

#[test]
fn a_channel_that_captures_on_shipment_asks_for_each_shipments_value_across_tenders() {
    for backend in backends() {
        let shop = open(backend);
        let oms = &shop.oms;
        stocked(oms);
        capturing(oms);
        // 13 tees: 10 from wh-east, 3 from wh-west (each location holds 10).
        let order = placed(oms, vec![line("TEE-M", 13, "9.99"), line("MUG", 1, "8.00")]);
        let total = order.totals.total;
        let card = authorize(oms, &order, PaymentKind::Card, &(total.amount() - dec("20.00")).to_string(), "ch_1");
        let gift = authorize(oms, &order, PaymentKind::GiftCard, "20.00", "gc_1");
        let shipments =
            oms.create_shipments(CreateShipments { order_id: order.id.clone(), idempotency_key: None }).unwrap();
        assert_eq!(shipments.len(), 2, "{backend}: east and west");
        // East goes by carrier (the request comes with the hand-over), west ships straight from packing.
        let (east, west) = (&shipments[0], &shipments[1]);
        for shipment in [east, west] {
            oms.start_picking(step(&shipment.id)).unwrap();
            let pack =
                PackShipment { shipment_id: shipment.id.clone(), parcels: vec![parcel()], idempotency_key: None };
            oms.pack_shipment(pack).unwrap();
        }
        oms.hand_over_shipment(hand_over(&east.id, "UPS")).unwrap();
        assert_eq!(events_named(oms, "capture_requested").len(), 1, "{backend}: at hand-over");
        oms.ship_shipment(shipped(&east.id, "1Z1", None)).unwrap();
        assert_eq!(events_named(oms, "capture_requested").len(), 1, "{backend}: not again when it ships");
        oms.ship_shipment(shipped(&west.id, "1Z2", None)).unwrap();
        let requests = events_named(oms, "capture_requested");
        assert_eq!(requests.len(), 2, "{backend}");
        let mut asked = Money::zero(total.currency());
        let mut per_tender = std::collections::BTreeMap::new();
        for event in &requests {
            let (shipment_id, request) = request_of(event);
            assert!(request.uncovered.is_zero(), "{backend}: {shipment_id} is covered");
            let tendered =
                request.tenders.iter().try_fold(Money::zero(total.currency()), |sum, t| sum.checked_add(&t.amount));
            assert_eq!(tendered.unwrap(), request.amount, "{backend}: the tenders add up to the request");
            for tender in &request.tenders {
                let sum = per_tender.entry(tender.payment_id.clone()).or_insert(Money::zero(total.currency()));
                *sum = sum.checked_add(&tender.amount).unwrap();
            }
            asked = asked.checked_add(&request.amount).unwrap();
        }
        assert_eq!(asked, total, "{backend}: the shipments' values add up to the order total exactly");
        assert_eq!(per_tender.get(&card.id), Some(&card.authorized), "{backend}: the card is asked for all it holds");
        assert_eq!(per_tender.get(&gift.id), Some(&gift.authorized), "{backend}: so is the gift card");
        // The integration captures what was asked; the order is then paid.
        for event in &requests {
            for tender in &request_of(event).1.tenders {
                let reference = format!("cap-{}-{}", request_of(event).0, tender.payment_id);
                oms.capture_payment(CapturePayment {
                    payment_id: tender.payment_id.clone(),
                    amount: tender.amount.amount(),
                    currency: None,
                    gateway_reference: GatewayReference::new(&reference).unwrap(),
                    idempotency_key: None,
                })
                .unwrap();
            }
        }
        assert_eq!(oms.order_payments(&order.id).unwrap().status, OrderPaymentStatus::Paid, "{backend}");
        assert_sound(oms);
    }
}

#[test]
fn what_no_authorization_covers_is_reported_uncovered() {
    for backend in backends() {
        let shop = open(backend);
        let oms = &shop.oms;
        stocked(oms);
        capturing(oms);
        let order = placed(oms, vec![line("MUG", 2, "8.00")]);
        let card = authorize(oms, &order, PaymentKind::Card, "5.00", "ch_small");
        let shipment = oms
            .create_shipments(CreateShipments { order_id: order.id.clone(), idempotency_key: None })
            .unwrap()
            .remove(0);
        oms.hand_over_shipment(hand_over(&shipment.id, "ShipBob")).unwrap();
        let requests = events_named(oms, "capture_requested");
        let (_, request) = request_of(&requests[0]);
        assert_eq!(request.amount, order.totals.total, "{backend}");
        assert_eq!(request.tenders.len(), 1, "{backend}");
        assert_eq!((&request.tenders[0].payment_id, request.tenders[0].amount), (&card.id, card.authorized));
        assert_eq!(
            request.uncovered,
            order.totals.total.checked_sub(&card.authorized).unwrap(),
            "{backend}: the rest must be authorized first"
        );
    }
}

#[test]
fn a_pickup_collected_on_a_capturing_channel_requests_its_capture() {
    for backend in backends() {
        let shop = open(backend);
        let oms = &shop.oms;
        stocked(oms);
        let mut click = UpsertChannel::new(chan("click"), ChannelKind::Pickup, Currency::USD, vec![loc("store-soho")]);
        click.capture_on_shipment = true;
        oms.upsert_channel(click).unwrap();
        let receipt = ReceiveStock { sku: sku("MUG"), location: loc("store-soho"), quantity: 5, idempotency_key: None };
        oms.receive_stock(receipt).unwrap();
        let mut command = order("click", vec![line("MUG", 2, "8.00")]);
        command.pickup_location = Some(loc("store-soho"));
        let placed = oms.place_order(command).unwrap();
        let card = authorize(oms, &placed, PaymentKind::Card, &placed.totals.total.amount().to_string(), "ch_counter");
        let shipment = oms
            .create_shipments(CreateShipments { order_id: placed.id.clone(), idempotency_key: None })
            .unwrap()
            .remove(0);
        oms.start_picking(step(&shipment.id)).unwrap();
        oms.ready_for_pickup(step(&shipment.id)).unwrap();
        assert!(events_named(oms, "capture_requested").is_empty(), "{backend}: nothing has left yet");
        oms.confirm_pickup(step(&shipment.id)).unwrap();
        let requests = events_named(oms, "capture_requested");
        assert_eq!(requests.len(), 1, "{backend}: the goods left at the counter");
        let (shipment_id, request) = request_of(&requests[0]);
        assert_eq!(shipment_id, &shipment.id, "{backend}");
        assert_eq!(request.amount, placed.totals.total, "{backend}: the whole order left");
        assert_eq!(request.tenders.len(), 1, "{backend}");
        assert_eq!((&request.tenders[0].payment_id, request.tenders[0].amount), (&card.id, card.authorized));
        assert!(request.uncovered.is_zero(), "{backend}");
        assert_sound(oms);
    }
}
