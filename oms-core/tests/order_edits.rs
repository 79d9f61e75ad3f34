//! Order edits (issue 9): lines added, quantities changed, lines removed,
//! the shipping address or method changed, until the lines an edit touches
//! are picked; allocation re-run for what changed, the order repriced
//! exactly, the payment difference recorded. A scenario table runs on every
//! backend; after each scenario the audit is clean and the outbox rebuilds
//! every order. Every refusal names its code and field and changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use oms_core::*;

fn edit(order: &Order) -> EditOrder {
    EditOrder::new(order.id.clone())
}

fn change(line_number: u32, quantity: i64) -> LineChange {
    LineChange { line_number, quantity }
}

fn allocated(order: &Order, line_number: u32) -> (i64, i64, i64) {
    let line = order.lines.iter().find(|line| line.line_number == line_number).unwrap();
    (line.quantities.ordered, line.quantities.allocated, line.quantities.backordered)
}

fn level(oms: &Oms, code: &str, location: &str) -> (i64, i64) {
    let level = oms.stock_level(&sku(code), &loc(location)).unwrap();
    (level.on_hand, level.allocated)
}

fn event_names(oms: &Oms, after: u64) -> Vec<&'static str> {
    oms.events_since(after, Some(1_000)).unwrap().iter().map(|record| record.event.name()).collect()
}

fn last_event(oms: &Oms) -> u64 {
    oms.events_since(0, Some(1_000)).unwrap().last().map_or(0, |record| record.sequence)
}

/// What a refusal must leave as it was: the order, every stock level, the outbox.
fn snapshot(oms: &Oms, order: &OrderId) -> (Option<Order>, Vec<StockLevel>, u64) {
    (oms.get_order(order).ok(), oms.stock_levels(None, None).unwrap(), last_event(oms))
}

fn refused(oms: &Oms, command: EditOrder) -> (String, Option<String>) {
    let before = snapshot(oms, &command.order_id);
    let error = oms.edit_order(command.clone()).unwrap_err();
    assert_eq!(snapshot(oms, &command.order_id), before, "{error}: a refusal changes nothing");
    (error.code().to_string(), error.field().map(str::to_string))
}

fn totals_of(order: &Order) -> (Money, Money, Money, Money, Money) {
    let totals = &order.totals;
    (totals.subtotal, totals.discount_total, totals.shipping_total, totals.tax_total, totals.total)
}

fn amounts(order: &Order) -> Vec<(Money, Money, Money, Money)> {
    order.lines.iter().map(|line| (line.order_discount_share, line.shipping_share, line.tax, line.total)).collect()
}

fn adds_a_line_that_is_allocated(oms: &Oms) {
    let placed = oms.place_order(order("web", vec![line("TEE-M", 2, "10.00")])).unwrap();
    let before = last_event(oms);
    let edited = oms.edit_order(EditOrder { add_lines: vec![line("MUG", 3, "8.00")], ..edit(&placed) }).unwrap();
    assert_eq!(allocated(&edited, 2), (3, 3, 0));
    assert_eq!(edited.lines[1].allocations, [LineAllocation { location: loc("wh-east"), quantity: 3 }]);
    assert_eq!(edited.status, OrderStatus::Allocated);
    assert_eq!(level(oms, "MUG", "wh-east"), (10, 3));
    assert_eq!(event_names(oms, before), ["order_edited", "stock_allocated"]);
    assert_eq!(oms.get_order(&placed.id).unwrap(), edited);
    assert_eq!(oms.units_sold(&chan("web"), &sku("MUG")).unwrap(), 3);
}

fn adds_a_line_that_is_backordered(oms: &Oms) {
    oms.upsert_product(UpsertProduct { backorderable: true, ..UpsertProduct::new(sku("PEN"), "Pen") }).unwrap();
    let placed = oms.place_order(order("web", vec![line("TEE-M", 1, "10.00")])).unwrap();
    let edited = oms.edit_order(EditOrder { add_lines: vec![line("PEN", 4, "1.50")], ..edit(&placed) }).unwrap();
    assert_eq!(allocated(&edited, 2), (4, 0, 4));
    assert_eq!(edited.status, OrderStatus::PartiallyAllocated);
    // The backorder is queued: stock arriving fills it.
    oms.receive_stock(ReceiveStock { sku: sku("PEN"), location: loc("wh-west"), quantity: 4, idempotency_key: None })
        .unwrap();
    let filled = oms.get_order(&placed.id).unwrap();
    assert_eq!((allocated(&filled, 2), filled.status), ((4, 4, 0), OrderStatus::Allocated));
}

fn refuses_a_line_no_stock_can_fill(oms: &Oms) {
    let placed = oms.place_order(order("web", vec![line("TEE-M", 1, "10.00")])).unwrap();
    let short = EditOrder { add_lines: vec![line("MUG", 21, "8.00")], ..edit(&placed) };
    assert_eq!(refused(oms, short), ("insufficient_stock".into(), None));
    let error = oms.edit_order(EditOrder { change_lines: vec![change(1, 30)], ..edit(&placed) }).unwrap_err();
    assert_eq!(error, Error::InsufficientStock { sku: "TEE-M".into(), requested: 29, available: 19 });
    let unknown = EditOrder { add_lines: vec![line("NOPE", 1, "1.00")], ..edit(&placed) };
    assert_eq!(refused(oms, unknown), ("product_not_found".into(), None));
}

fn raises_and_lowers_a_quantity(oms: &Oms) {
    let placed = oms.place_order(order("web", vec![line("TEE-M", 2, "10.00"), line("MUG", 1, "8.00")])).unwrap();
    // 13 more tees than wh-east has left: the engine splits them over both warehouses.
    let raised = oms.edit_order(EditOrder { change_lines: vec![change(1, 15)], ..edit(&placed) }).unwrap();
    assert_eq!(allocated(&raised, 1), (15, 15, 0));
    let places: Vec<&str> = raised.lines[0].allocations.iter().map(|a| a.location.as_str()).collect();
    assert_eq!(places, ["wh-east", "wh-west"]);
    assert_eq!(level(oms, "TEE-M", "wh-east").1 + level(oms, "TEE-M", "wh-west").1, 15);
    let before = last_event(oms);
    // Lowered like a cancellation: the newest allocation (wh-west) goes first.
    let lowered = oms.edit_order(EditOrder { change_lines: vec![change(1, 4)], ..edit(&placed) }).unwrap();
    assert_eq!(allocated(&lowered, 1), (4, 4, 0));
    assert_eq!(lowered.lines[0].allocations, [LineAllocation { location: loc("wh-east"), quantity: 4 }]);
    assert_eq!((level(oms, "TEE-M", "wh-east"), level(oms, "TEE-M", "wh-west")), ((10, 4), (10, 0)));
    assert_eq!(event_names(oms, before), ["order_edited", "stock_released", "stock_released"]);
    assert_eq!(oms.units_sold(&chan("web"), &sku("TEE-M")).unwrap(), 4);
    // A quantity equal to the line's own is no change.
    let same = EditOrder { change_lines: vec![change(1, 4)], ..edit(&placed) };
    assert_eq!(refused(oms, same), ("invalid_input".into(), Some("change_lines[0].quantity".into())));
}

fn lowers_a_backordered_line_as_a_cancellation_would(oms: &Oms) {
    oms.upsert_product(UpsertProduct { backorderable: true, ..UpsertProduct::new(sku("PEN"), "Pen") }).unwrap();
    oms.receive_stock(ReceiveStock { sku: sku("PEN"), location: loc("wh-east"), quantity: 2, idempotency_key: None })
        .unwrap();
    let placed = oms.place_order(order("web", vec![line("PEN", 5, "1.00")])).unwrap();
    assert_eq!(allocated(&placed, 1), (5, 2, 3));
    let lowered = oms.edit_order(EditOrder { change_lines: vec![change(1, 4)], ..edit(&placed) }).unwrap();
    assert_eq!(allocated(&lowered, 1), (4, 1, 3), "one unit released from the allocation, as cancel_lines does");
    let placed_again = oms.place_order(order("web", vec![line("PEN", 5, "1.00")])).unwrap();
    oms.cancel_lines(CancelLines {
        order_id: placed_again.id.clone(),
        lines: vec![LineQuantity { line_number: 1, quantity: 1 }],
        idempotency_key: None,
    })
    .unwrap();
    let cancelled_then_edited =
        oms.edit_order(EditOrder { change_lines: vec![change(1, 2)], ..edit(&placed_again) }).unwrap();
    // 5 ordered, 1 cancelled (from the allocation), 1 allocated, 3 backordered; down to 2: 1 open unit is left.
    assert_eq!(allocated(&cancelled_then_edited, 1), (2, 0, 1));
    let below = EditOrder { change_lines: vec![change(1, 1)], ..edit(&placed_again) };
    assert_eq!(refused(oms, below), ("invalid_quantity".into(), Some("change_lines[0].quantity".into())));
}

fn removes_a_line(oms: &Oms) {
    let placed = oms.place_order(order("web", vec![line("TEE-M", 2, "10.00"), line("MUG", 3, "8.00")])).unwrap();
    let edited = oms.edit_order(EditOrder { remove_lines: vec![1], ..edit(&placed) }).unwrap();
    assert_eq!(edited.lines.iter().map(|line| line.line_number).collect::<Vec<_>>(), [2]);
    assert_eq!(edited.removed_lines, [1]);
    assert_eq!(level(oms, "TEE-M", "wh-east"), (10, 0));
    assert_eq!(oms.units_sold(&chan("web"), &sku("TEE-M")).unwrap(), 0);
    // A number is never given to another line: the added line is 3.
    let added = oms.edit_order(EditOrder { add_lines: vec![line("BOOK", 1, "12.00")], ..edit(&placed) }).unwrap();
    assert_eq!(added.lines.iter().map(|line| line.line_number).collect::<Vec<_>>(), [2, 3]);
    let removed_again = EditOrder { remove_lines: vec![1], ..edit(&placed) };
    assert_eq!(refused(oms, removed_again), ("order_line_not_found".into(), None));
    let everything = EditOrder { remove_lines: vec![2, 3], ..edit(&placed) };
    assert_eq!(refused(oms, everything), ("invalid_input".into(), Some("remove_lines".into())));
}

fn changes_the_address_and_method(oms: &Oms) {
    let placed = oms.place_order(order("web", vec![line("TEE-M", 1, "10.00")])).unwrap();
    let address = Address {
        name: " Ada Lovelace ".into(),
        company: None,
        lines: vec!["12 St James's Square".into()],
        city: "London".into(),
        region: None,
        postal_code: Some("SW1Y 4JH".into()),
        country: "gb".into(),
        phone: None,
    };
    let command = EditOrder {
        shipping_address: Some(address.clone()),
        shipping_method: Some(" express ".into()),
        ..edit(&placed)
    };
    let edited = oms.edit_order(command).unwrap();
    let stored = edited.shipping_address.as_ref().unwrap();
    assert_eq!((stored.name.as_str(), stored.country.as_str()), ("Ada Lovelace", "GB"));
    assert_eq!(edited.shipping_method.as_deref(), Some("express"));
    assert_eq!(totals_of(&edited), totals_of(&placed), "an address changes no amount");
    let events = oms.events_since(0, Some(1_000)).unwrap();
    let Some(Event::OrderEdited { difference, .. }) =
        events.iter().map(|r| &r.event).find(|e| e.name() == "order_edited")
    else {
        panic!("no order_edited event")
    };
    assert!(difference.is_zero());
    let bad = EditOrder { shipping_address: Some(Address { country: "XX".into(), ..address }), ..edit(&placed) };
    assert_eq!(refused(oms, bad), ("invalid_input".into(), Some("shipping_address.country".into())));
}

fn refuses_an_edit_of_a_picked_line(oms: &Oms) {
    let placed = oms.place_order(order("web", vec![line("TEE-M", 2, "10.00"), line("MUG", 12, "8.00")])).unwrap();
    // wh-east holds line 1 and 10 mugs, wh-west the other 2 mugs.
    let shipments =
        oms.create_shipments(CreateShipments { order_id: placed.id.clone(), idempotency_key: None }).unwrap();
    let east = shipments.iter().find(|shipment| shipment.location.as_str() == "wh-east").unwrap();
    oms.start_picking(ShipmentStep { shipment_id: east.id.clone(), idempotency_key: None }).unwrap();
    let changed = EditOrder { change_lines: vec![change(1, 1)], ..edit(&placed) };
    assert_eq!(refused(oms, changed), ("line_picked".into(), Some("change_lines[0].line_number".into())));
    let error = oms.edit_order(EditOrder { remove_lines: vec![2], ..edit(&placed) }).unwrap_err();
    assert_eq!(
        (error.code(), error.category(), error.field()),
        ("line_picked", Category::Rejected, Some("remove_lines[0]"))
    );
    assert_eq!(error.details(), vec![("line", Detail::Count(2)), ("shipment", Detail::Text(east.id.to_string()))]);
    let moved = EditOrder { shipping_method: Some("express".into()), ..edit(&placed) };
    assert_eq!(refused(oms, moved), ("line_picked".into(), Some("shipping_method".into())));
    // A line no picked shipment holds can still be added to the order.
    let added = oms.edit_order(EditOrder { add_lines: vec![line("BOOK", 1, "12.00")], ..edit(&placed) }).unwrap();
    assert_eq!(allocated(&added, 3), (1, 1, 0));
    // Shipped units are picked too, whichever shipment they left in.
    oms.pack_shipment(PackShipment {
        shipment_id: east.id.clone(),
        parcels: vec![Parcel { weight_grams: 500, length_mm: 100, width_mm: 100, height_mm: 100 }],
        idempotency_key: None,
    })
    .unwrap();
    oms.ship_shipment(ShipShipment {
        shipment_id: east.id.clone(),
        carrier: "UPS".into(),
        tracking_number: "1Z".into(),
        partner_reference: None,
        idempotency_key: None,
    })
    .unwrap();
    let shipped = EditOrder { change_lines: vec![change(1, 5)], ..edit(&placed) };
    assert_eq!(refused(oms, shipped), ("line_picked".into(), Some("change_lines[0].line_number".into())));
}

fn cancels_a_pending_shipment_holding_an_edited_line(oms: &Oms) {
    let placed = oms.place_order(order("web", vec![line("TEE-M", 2, "10.00"), line("MUG", 1, "8.00")])).unwrap();
    let first = oms.create_shipments(CreateShipments { order_id: placed.id.clone(), idempotency_key: None }).unwrap();
    assert_eq!(first.len(), 1);
    let before = last_event(oms);
    oms.edit_order(EditOrder { change_lines: vec![change(1, 3)], ..edit(&placed) }).unwrap();
    assert_eq!(event_names(oms, before), ["order_edited", "shipment_cancelled", "stock_allocated"]);
    assert_eq!(oms.get_shipment(&first[0].id).unwrap().status, ShipmentStatus::Cancelled);
    let again = oms.create_shipments(CreateShipments { order_id: placed.id.clone(), idempotency_key: None }).unwrap();
    let held: Vec<(u32, i64)> = again[0].lines.iter().map(|line| (line.line_number, line.quantity)).collect();
    assert_eq!(held, [(1, 3), (2, 1)], "the shipment is gathered again with the new quantity");
    // An address change alone leaves pending shipments as they are.
    oms.edit_order(EditOrder { shipping_method: Some("express".into()), ..edit(&placed) }).unwrap();
    assert_eq!(oms.get_shipment(&again[0].id).unwrap().status, ShipmentStatus::Pending);
}

/// The edited order is priced exactly as an order placed with its lines would be.
fn reprices_exactly_with_an_order_discount_and_shipping(oms: &Oms) {
    for channel in ["web", "eu"] {
        let with_terms = |lines| PlaceOrder {
            order_discount: Some(dec("3.00")),
            shipping: Some(dec("5.00")),
            ..order(channel, lines)
        };
        let mut discounted = line("TEE-M", 2, "10.00");
        discounted.discount = Some(dec("15.00"));
        let placed = oms.place_order(with_terms(vec![discounted.clone(), line("MUG", 1, "8.00")])).unwrap();
        let command =
            EditOrder { add_lines: vec![line("BOOK", 3, "12.49")], change_lines: vec![change(2, 3)], ..edit(&placed) };
        let edited = oms.edit_order(command).unwrap();
        let fresh = oms
            .place_order(with_terms(vec![discounted.clone(), line("MUG", 3, "8.00"), line("BOOK", 3, "12.49")]))
            .unwrap();
        assert_eq!(totals_of(&edited), totals_of(&fresh), "{channel}");
        assert_eq!(edited.totals.tax_summary, fresh.totals.tax_summary, "{channel}");
        assert_eq!(amounts(&edited), amounts(&fresh), "{channel}: shares, tax and totals per line");
        let sum: i128 = edited.lines.iter().map(|line| line.total.minor()).sum();
        assert_eq!(sum, edited.totals.total.minor(), "{channel}");
        let events = oms.events_since(0, Some(1_000)).unwrap();
        let edited_event = events.iter().rev().map(|r| &r.event).find(|e| e.name() == "order_edited").unwrap();
        let Event::OrderEdited { previous_total, difference, totals, .. } = edited_event else { unreachable!() };
        assert_eq!((*previous_total, totals.total), (placed.totals.total, edited.totals.total), "{channel}");
        assert_eq!(difference.minor(), edited.totals.total.minor() - placed.totals.total.minor(), "{channel}");
        // A line discount larger than the line's new amount is refused on the quantity that made it so.
        let too_small = EditOrder { change_lines: vec![change(1, 1)], ..edit(&placed) };
        assert_eq!(refused(oms, too_small), ("invalid_amount".into(), Some("change_lines[0].quantity".into())));
        let mut bad_discount = line("MUG", 1, "2.00");
        bad_discount.discount = Some(dec("2.01"));
        let added = EditOrder { add_lines: vec![bad_discount], ..edit(&placed) };
        assert_eq!(refused(oms, added), ("invalid_amount".into(), Some("add_lines[0].discount".into())));
    }
}

fn records_the_payment_difference_both_ways(oms: &Oms) {
    let placed = oms.place_order(order("web", vec![line("MUG", 2, "20.00")])).unwrap();
    let total = placed.totals.total.amount().to_string();
    let payment = oms
        .authorize_payment(AuthorizePayment {
            order_id: placed.id.clone(),
            payment_id: None,
            kind: PaymentKind::Card,
            amount: dec(&total),
            currency: None,
            gateway_reference: GatewayReference::new("auth-1").unwrap(),
            idempotency_key: None,
        })
        .unwrap();
    oms.capture_payment(CapturePayment {
        payment_id: payment.id.clone(),
        amount: dec(&total),
        currency: None,
        gateway_reference: GatewayReference::new("cap-1").unwrap(),
        idempotency_key: None,
    })
    .unwrap();
    assert_eq!(oms.order_payments(&placed.id).unwrap().status, OrderPaymentStatus::Paid);
    // Up: one more mug (20.00 + 1.78 tax) to collect.
    let raised = oms.edit_order(EditOrder { change_lines: vec![change(1, 3)], ..edit(&placed) }).unwrap();
    let owed = oms.order_payments(&placed.id).unwrap();
    assert_eq!(owed.status, OrderPaymentStatus::PartiallyPaid);
    assert_eq!(owed.balance, raised.totals.total.checked_sub(&placed.totals.total).unwrap());
    assert_eq!(owed.balance.amount(), dec("21.78"));
    // Down to one mug: what was paid for the second is to refund.
    let lowered = oms.edit_order(EditOrder { change_lines: vec![change(1, 1)], ..edit(&placed) }).unwrap();
    let refund = oms.order_payments(&placed.id).unwrap();
    assert_eq!(refund.status, OrderPaymentStatus::Overpaid);
    assert_eq!(refund.balance, lowered.totals.total.checked_sub(&placed.totals.total).unwrap());
    // Tax is rounded per line: 43.55 for two mugs (3.55 tax), 21.78 for one (1.775 → 1.78).
    assert_eq!(refund.balance.amount(), dec("-21.77"));
}

fn is_idempotent_under_one_key(oms: &Oms) {
    let placed = oms.place_order(order("web", vec![line("TEE-M", 1, "10.00")])).unwrap();
    let command = EditOrder { change_lines: vec![change(1, 2)], idempotency_key: key("edit-1"), ..edit(&placed) };
    let first = oms.edit_order(command.clone()).unwrap();
    let events = last_event(oms);
    assert_eq!(oms.edit_order(command.clone()).unwrap(), first);
    assert_eq!((last_event(oms), level(oms, "TEE-M", "wh-east")), (events, (10, 2)), "the retry ran nothing");
    let other = EditOrder { change_lines: vec![change(1, 3)], ..command };
    assert_eq!(refused(oms, other), ("idempotency_key_reused".into(), None));
}

fn refuses_bad_edits_with_their_code_and_field(oms: &Oms) {
    let placed = oms.place_order(order("web", vec![line("TEE-M", 2, "10.00"), line("MUG", 1, "8.00")])).unwrap();
    let cases: Vec<(EditOrder, &str, Option<&str>)> = vec![
        (edit(&placed), "invalid_input", Some("add_lines")),
        (
            EditOrder {
                order_id: OrderId::new("ord-404").unwrap(),
                ..EditOrder { remove_lines: vec![1], ..edit(&placed) }
            },
            "order_not_found",
            None,
        ),
        (EditOrder { change_lines: vec![change(9, 1)], ..edit(&placed) }, "order_line_not_found", None),
        (EditOrder { remove_lines: vec![9], ..edit(&placed) }, "order_line_not_found", None),
        (
            EditOrder { change_lines: vec![change(1, 0)], ..edit(&placed) },
            "invalid_quantity",
            Some("change_lines[0].quantity"),
        ),
        (
            EditOrder { change_lines: vec![change(1, -3)], ..edit(&placed) },
            "invalid_quantity",
            Some("change_lines[0].quantity"),
        ),
        (
            EditOrder { change_lines: vec![change(1, 3), change(1, 4)], ..edit(&placed) },
            "invalid_input",
            Some("change_lines[1].line_number"),
        ),
        (
            EditOrder { change_lines: vec![change(1, 3)], remove_lines: vec![2, 1], ..edit(&placed) },
            "invalid_input",
            Some("remove_lines[1]"),
        ),
        (
            EditOrder { add_lines: vec![line("MUG", 0, "1.00")], ..edit(&placed) },
            "invalid_quantity",
            Some("add_lines[0].quantity"),
        ),
        (
            EditOrder { add_lines: vec![line("MUG", 1, "1.001")], ..edit(&placed) },
            "invalid_amount",
            Some("add_lines[0].unit_price"),
        ),
        (
            EditOrder { add_lines: vec![line("MUG", 1, "1.00"); 251], ..edit(&placed) },
            "limit_exceeded",
            Some("add_lines"),
        ),
        (
            EditOrder { add_lines: vec![line("MUG", 1, "1.00"); 249], ..edit(&placed) },
            "limit_exceeded",
            Some("add_lines"),
        ),
        (EditOrder { shipping_method: Some(String::new()), ..edit(&placed) }, "invalid_input", Some("shipping_method")),
    ];
    for (command, code, field) in cases {
        let (found, at) = refused(oms, command.clone());
        assert_eq!((found.as_str(), at.as_deref()), (code, field), "{command:?}");
    }
    oms.cancel_order(CancelOrder { order_id: placed.id.clone(), reason: None, idempotency_key: None }).unwrap();
    let cancelled = EditOrder { change_lines: vec![change(1, 1)], ..edit(&placed) };
    assert_eq!(refused(oms, cancelled), ("illegal_transition".into(), None));
    oms.upsert_channel(UpsertChannel::new(chan("till"), ChannelKind::PointOfSale, Currency::USD, vec![loc("wh-east")]))
        .unwrap();
    let sold = oms.place_order(order("till", vec![line("MUG", 1, "8.00")])).unwrap();
    let at_till = EditOrder { add_lines: vec![line("MUG", 1, "8.00")], ..edit(&sold) };
    let error = oms.edit_order(at_till).unwrap_err();
    assert_eq!(error.code(), "illegal_transition");
    assert_eq!(error.details()[0], ("action", Detail::Text("edit".into())));
}

fn edits_an_order_on_hold_and_keeps_it_held(oms: &Oms) {
    let placed = oms.place_order(order("web", vec![line("TEE-M", 1, "10.00")])).unwrap();
    oms.hold_order(HoldOrder { order_id: placed.id.clone(), reason: "fraud check".into(), idempotency_key: None })
        .unwrap();
    let edited = oms.edit_order(EditOrder { change_lines: vec![change(1, 2)], ..edit(&placed) }).unwrap();
    assert_eq!((edited.status, allocated(&edited, 1)), (OrderStatus::OnHold, (2, 2, 0)));
    let released = oms.release_hold(ReleaseHold { order_id: placed.id.clone(), idempotency_key: None }).unwrap();
    assert_eq!(released.status, OrderStatus::Allocated);
}

type Scenario = fn(&Oms);

const SCENARIOS: &[(&str, Scenario)] = &[
    ("add a line, allocated", adds_a_line_that_is_allocated),
    ("add a line, backordered", adds_a_line_that_is_backordered),
    ("add a line, refused", refuses_a_line_no_stock_can_fill),
    ("raise and lower a quantity", raises_and_lowers_a_quantity),
    ("lower a backordered line", lowers_a_backordered_line_as_a_cancellation_would),
    ("remove a line", removes_a_line),
    ("change the address and method", changes_the_address_and_method),
    ("edit after picking", refuses_an_edit_of_a_picked_line),
    ("edit with a pending shipment", cancels_a_pending_shipment_holding_an_edited_line),
    ("reprice exactly", reprices_exactly_with_an_order_discount_and_shipping),
    ("payment difference", records_the_payment_difference_both_ways),
    ("idempotency", is_idempotent_under_one_key),
    ("bad input", refuses_bad_edits_with_their_code_and_field),
    ("on hold", edits_an_order_on_hold_and_keeps_it_held),
];

#[test]
fn every_scenario_on_every_backend() {
    for backend in backends() {
        for (name, scenario) in SCENARIOS {
            let shop = open(backend);
            stocked(&shop.oms);
            scenario(&shop.oms);
            assert_sound(&shop.oms);
            let replay = shop.oms.verify_replay().unwrap();
            assert!(replay.is_clean(), "{backend}, {name}: {:#?}", replay.mismatches);
            // The units-sold projection agrees with the orders as edited.
            let orders = shop.oms.list_orders(&OrderQuery { limit: Some(1_000), ..OrderQuery::default() }).unwrap();
            for code in ["TEE-M", "MUG", "BOOK"] {
                let scanned: i64 = orders
                    .orders
                    .iter()
                    .filter(|order| order.channel.as_str() == "web")
                    .flat_map(|order| &order.lines)
                    .filter(|line| line.sku.as_str() == code)
                    .map(|line| line.quantities.open())
                    .sum();
                assert_eq!(
                    shop.oms.units_sold(&chan("web"), &sku(code)).unwrap(),
                    scanned,
                    "{backend}, {name}, {code}"
                );
            }
        }
    }
}
