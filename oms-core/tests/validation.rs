//! Bad input, as a table: given a stocked shop, a command, the error code and
//! field expected. Rows that break two rules at once pin the precedence:
//! shape before lookups, lines in position order, lookups before amounts that
//! need the channel's currency, amounts before stock.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use oms_core::*;

type Edit = fn(&mut PlaceOrder);

const ROWS: &[(&str, Edit, &str, Option<&str>)] = &[
    ("no lines", |c| c.lines.clear(), "invalid_input", Some("lines")),
    (
        "too many lines",
        |c| c.lines = (0..251).map(|_| line("MUG", 1, "1.00")).collect(),
        "limit_exceeded",
        Some("lines"),
    ),
    ("zero quantity", |c| c.lines[0].quantity = 0, "invalid_quantity", Some("lines[0].quantity")),
    ("negative quantity", |c| c.lines[1].quantity = -4, "invalid_quantity", Some("lines[1].quantity")),
    ("quantity over the limit", |c| c.lines[0].quantity = 1_000_001, "invalid_quantity", Some("lines[0].quantity")),
    ("negative price", |c| c.lines[0].unit_price = dec("-1.00"), "invalid_amount", Some("lines[0].unit_price")),
    ("negative discount", |c| c.lines[0].discount = Some(dec("-0.01")), "invalid_amount", Some("lines[0].discount")),
    ("negative shipping", |c| c.shipping = Some(dec("-5")), "invalid_amount", Some("shipping")),
    ("unknown channel", |c| c.channel = chan("nope"), "channel_not_found", None),
    ("currency mismatch", |c| c.currency = Some(Currency::EUR), "currency_mismatch", Some("currency")),
    ("unknown sku", |c| c.lines[1].sku = sku("GHOST"), "product_not_found", None),
    ("too many decimals", |c| c.lines[1].unit_price = dec("19.999"), "invalid_amount", Some("lines[1].unit_price")),
    ("discount over the line", |c| c.lines[0].discount = Some(dec("100")), "invalid_amount", Some("lines[0].discount")),
    (
        "order discount over the order",
        |c| c.order_discount = Some(dec("1000")),
        "invalid_amount",
        Some("order_discount"),
    ),
    ("amount over the limit", |c| c.shipping = Some(dec("1000000000001")), "invalid_amount", Some("shipping")),
    ("not enough stock", |c| c.lines[0].quantity = 21, "insufficient_stock", None),
    // Precedence rows.
    (
        "shape before lookup",
        |c| {
            c.channel = chan("nope");
            c.lines[0].quantity = 0
        },
        "invalid_quantity",
        Some("lines[0].quantity"),
    ),
    (
        "earlier line first",
        |c| {
            c.lines[1].quantity = 0;
            c.lines[0].unit_price = dec("-1")
        },
        "invalid_amount",
        Some("lines[0].unit_price"),
    ),
    (
        "quantity before price in a line",
        |c| {
            c.lines[0].quantity = 0;
            c.lines[0].unit_price = dec("-1")
        },
        "invalid_quantity",
        Some("lines[0].quantity"),
    ),
    (
        "channel before product",
        |c| {
            c.channel = chan("nope");
            c.lines[0].sku = sku("GHOST")
        },
        "channel_not_found",
        None,
    ),
    (
        "currency before product",
        |c| {
            c.currency = Some(Currency::GBP);
            c.lines[0].sku = sku("GHOST")
        },
        "currency_mismatch",
        Some("currency"),
    ),
    (
        "product before decimals",
        |c| {
            c.lines[1].sku = sku("GHOST");
            c.lines[0].unit_price = dec("1.001")
        },
        "product_not_found",
        None,
    ),
    (
        "decimals before stock",
        |c| {
            c.lines[0].quantity = 99;
            c.lines[1].unit_price = dec("1.001")
        },
        "invalid_amount",
        Some("lines[1].unit_price"),
    ),
];

#[test]
fn place_order_rejects_bad_input_in_a_fixed_order() {
    for backend in backends() {
        let shop = open(backend);
        let oms = &shop.oms;
        stocked(oms);
        let events_before = oms.events_since(0, Some(1000)).unwrap().len();
        for (name, edit, code, field) in ROWS {
            let mut command = order("web", vec![line("TEE-M", 1, "10.00"), line("MUG", 2, "4.50")]);
            edit(&mut command);
            let error = oms.place_order(command).expect_err(name);
            assert_eq!((error.code(), error.field()), (*code, *field), "{}: {name}: {error}", backend);
            assert!(!error.to_string().is_empty());
        }
        assert_eq!(oms.events_since(0, Some(1000)).unwrap().len(), events_before, "rejections wrote events");
        assert!(oms.list_orders(&OrderQuery::default()).unwrap().orders.is_empty());
        assert_sound(oms);
    }
}

#[test]
fn identifiers_and_texts_are_checked() {
    assert_eq!(Sku::new("").unwrap_err().code(), "invalid_identifier");
    assert_eq!(LocationId::new("x".repeat(65)).unwrap_err().code(), "invalid_identifier");
    assert_eq!(ChannelId::new("web shop").unwrap_err().code(), "invalid_identifier");
    assert_eq!(IdempotencyKey::new("").unwrap_err().code(), "invalid_identifier");
    assert_eq!(IdempotencyKey::new("k".repeat(256)).unwrap_err().code(), "invalid_identifier");
    assert_eq!(Email::new("not-an-email").unwrap_err().code(), "invalid_input");
    assert_eq!(Currency::parse("XXX").unwrap_err().code(), "unknown_currency");
    assert_eq!(OrderStatus::parse("lost").unwrap_err().code(), "invalid_input");

    let oms = Oms::in_memory();
    let blank = UpsertLocation::new(loc("a"), LocationKind::Store, "  ");
    assert_eq!(oms.upsert_location(blank).unwrap_err().field(), Some("region"));
    let long = UpsertProduct::new(sku("a"), "n".repeat(201));
    assert_eq!(oms.upsert_product(long).unwrap_err().code(), "limit_exceeded");
}

#[test]
fn stock_commands_reject_bad_input() {
    let oms = Oms::in_memory();
    stocked(&oms);
    let receipt = |code: &str, location: &str, quantity| ReceiveStock {
        sku: sku(code),
        location: loc(location),
        quantity,
        idempotency_key: None,
    };
    assert_eq!(oms.receive_stock(receipt("MUG", "wh-east", 0)).unwrap_err().code(), "invalid_quantity");
    assert_eq!(oms.receive_stock(receipt("MUG", "wh-east", -3)).unwrap_err().code(), "invalid_quantity");
    assert_eq!(oms.receive_stock(receipt("GHOST", "wh-east", 1)).unwrap_err().code(), "product_not_found");
    assert_eq!(oms.receive_stock(receipt("MUG", "moon", 1)).unwrap_err().code(), "location_not_found");
    assert_eq!(oms.available(&sku("MUG"), &chan("moon")).unwrap_err().code(), "channel_not_found");
    assert_eq!(oms.stock_level(&sku("GHOST"), &loc("wh-east")).unwrap_err().code(), "product_not_found");
    assert_eq!(oms.events_since(0, Some(0)).unwrap_err().code(), "invalid_input");
    let missing = OrderId::new("ord-404").unwrap();
    assert_eq!(oms.get_order(&missing).unwrap_err().code(), "order_not_found");
    let cancel = CancelLines {
        order_id: missing,
        lines: vec![LineQuantity { line_number: 1, quantity: 1 }],
        idempotency_key: None,
    };
    assert_eq!(oms.cancel_lines(cancel).unwrap_err().code(), "order_not_found");
}

#[test]
fn cancel_lines_rejects_bad_input() {
    let oms = Oms::in_memory();
    stocked(&oms);
    let placed = oms.place_order(order("web", vec![line("MUG", 2, "1.00")])).unwrap();
    let cancel = |lines: Vec<LineQuantity>| CancelLines { order_id: placed.id.clone(), lines, idempotency_key: None };
    let q = |line_number, quantity| LineQuantity { line_number, quantity };
    assert_eq!(oms.cancel_lines(cancel(vec![])).unwrap_err().code(), "invalid_input");
    assert_eq!(oms.cancel_lines(cancel(vec![q(1, 0)])).unwrap_err().code(), "invalid_quantity");
    assert_eq!(oms.cancel_lines(cancel(vec![q(1, 3)])).unwrap_err().code(), "invalid_quantity");
    assert_eq!(oms.cancel_lines(cancel(vec![q(7, 1)])).unwrap_err().code(), "order_line_not_found");
    assert_eq!(oms.cancel_lines(cancel(vec![q(1, 1), q(1, 1)])).unwrap_err().field(), Some("lines[1].line_number"));
    assert_sound(&oms);
    assert_eq!(oms.get_order(&placed.id).unwrap().version, 1, "rejections changed the order");
}

#[test]
fn json_payloads_are_parsed_strictly() {
    let ok = r#"{"channel":"web","customer_email":"a@b.io","lines":[{"sku":"MUG","quantity":1,"unit_price":"2.50"}]}"#;
    assert_eq!(PlaceOrder::from_json(ok).unwrap().lines[0].unit_price, dec("2.50"));
    let float = r#"{"channel":"web","customer_email":"a@b.io","lines":[{"sku":"MUG","quantity":1,"unit_price":2.5}]}"#;
    assert_eq!(PlaceOrder::from_json(float).unwrap_err().code(), "malformed_json");
    assert_eq!(PlaceOrder::from_json("{").unwrap_err().code(), "malformed_json");
    assert_eq!(PlaceOrder::from_json(&" ".repeat(2 << 20)).unwrap_err().code(), "limit_exceeded");
}
