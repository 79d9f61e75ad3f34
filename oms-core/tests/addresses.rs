//! What fulfilment needs on an order (issue 9): shipping and billing
//! addresses, the shipping method, the caller's reference and metadata, on
//! `place_order` and read back on every backend; normalised first (text
//! trimmed, the country upper-cased), then checked, and bad input refused
//! with its field named and nothing written.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;

use common::*;
use oms_core::*;

fn address() -> Address {
    Address {
        name: "  Ada Lovelace ".into(),
        company: Some("Analytical Engines Ltd".into()),
        lines: vec!["12 St James's Square".into(), " Flat 3".into()],
        city: "London".into(),
        region: None,
        postal_code: Some("SW1Y 4JH".into()),
        country: "gb".into(),
        phone: Some("+44 (20) 7946-0000".into()),
    }
}

fn detailed() -> PlaceOrder {
    let mut command = order("web", vec![line("MUG", 1, "8.00")]);
    command.shipping_address = Some(address());
    command.billing_address =
        Some(Address { lines: vec!["1 Infinite Loop".into()], country: "US".into(), ..address() });
    command.shipping_method = Some(" express ".into());
    command.external_reference = Some("SHOP-1001".into());
    command.metadata = BTreeMap::from([("gift".into(), "yes".into()), ("source:campaign".into(), "winter".into())]);
    command
}

#[test]
fn addresses_method_reference_and_metadata_read_back_normalised_on_every_backend() {
    for backend in backends() {
        let shop = open(backend);
        stocked(&shop.oms);
        let placed = shop.oms.place_order(detailed()).unwrap();
        let shipping = placed.shipping_address.clone().unwrap();
        assert_eq!(shipping.name, "Ada Lovelace", "{backend}: trimmed");
        assert_eq!(shipping.lines, ["12 St James's Square", "Flat 3"], "{backend}");
        assert_eq!(shipping.country, "GB", "{backend}: upper-cased");
        assert_eq!(placed.billing_address.as_ref().unwrap().country, "US", "{backend}");
        assert_eq!(placed.shipping_method.as_deref(), Some("express"), "{backend}");
        assert_eq!(placed.external_reference.as_deref(), Some("SHOP-1001"), "{backend}");
        assert_eq!(placed.metadata.get("source:campaign").map(String::as_str), Some("winter"), "{backend}");
        assert_eq!(shop.oms.get_order(&placed.id).unwrap(), placed, "{backend}: read back as returned");
        // The event carries the order as placed, addresses included (replay rebuilds them).
        let events = shop.oms.events_since(0, Some(1000)).unwrap();
        let carried = events.iter().find_map(|record| match &record.event {
            Event::OrderPlaced { order: Some(order), .. } if order.id == placed.id => Some(order.clone()),
            _ => None,
        });
        assert_eq!(carried.unwrap().shipping_address, placed.shipping_address, "{backend}");
        assert!(shop.oms.verify_replay().unwrap().mismatches.is_empty(), "{backend}");
        // An order without any of them reads back without them.
        let plain = shop.oms.place_order(order("web", vec![line("MUG", 1, "8.00")])).unwrap();
        let plain = shop.oms.get_order(&plain.id).unwrap();
        assert!(plain.shipping_address.is_none() && plain.metadata.is_empty(), "{backend}");
        assert_sound(&shop.oms);
    }
}

#[test]
fn a_retry_spelled_differently_but_normalised_the_same_is_the_same_request() {
    let shop = open("sqlite");
    stocked(&shop.oms);
    let mut first = detailed();
    first.idempotency_key = key("checkout-77");
    let placed = shop.oms.place_order(first).unwrap();
    let mut again = detailed();
    again.idempotency_key = key("checkout-77");
    again.shipping_address = Some(Address { country: "GB".into(), name: "Ada Lovelace".into(), ..address() });
    assert_eq!(shop.oms.place_order(again).unwrap().id, placed.id);
    let mut other = detailed();
    other.idempotency_key = key("checkout-77");
    other.shipping_method = Some("standard".into());
    assert_eq!(shop.oms.place_order(other).unwrap_err().code(), "idempotency_key_reused");
}

#[test]
fn bad_details_are_refused_naming_their_field_and_write_nothing() {
    let shop = open("memory");
    stocked(&shop.oms);
    let with_address = |change: fn(&mut Address)| {
        let mut command = detailed();
        let mut address = address();
        change(&mut address);
        command.shipping_address = Some(address);
        command
    };
    let cases: Vec<(PlaceOrder, &str, &str)> = vec![
        (with_address(|a| a.country = "XX".into()), "invalid_input", "shipping_address.country"),
        (with_address(|a| a.country = "GBR".into()), "invalid_input", "shipping_address.country"),
        (with_address(|a| a.lines = vec![]), "invalid_input", "shipping_address.lines"),
        (with_address(|a| a.lines = vec!["a".into(); 4]), "limit_exceeded", "shipping_address.lines"),
        (with_address(|a| a.lines = vec!["a".into(), "x".repeat(201)]), "limit_exceeded", "shipping_address.lines[1]"),
        (with_address(|a| a.lines = vec!["a\u{0}b".into()]), "invalid_input", "shipping_address.lines[0]"),
        (with_address(|a| a.name = "   ".into()), "invalid_input", "shipping_address.name"),
        (with_address(|a| a.city = String::new()), "invalid_input", "shipping_address.city"),
        (with_address(|a| a.postal_code = Some("1".repeat(21))), "limit_exceeded", "shipping_address.postal_code"),
        (with_address(|a| a.phone = Some("call me".into())), "invalid_input", "shipping_address.phone"),
        (with_address(|a| a.company = Some(String::new())), "invalid_input", "shipping_address.company"),
        (PlaceOrder { shipping_method: Some("x".repeat(65)), ..detailed() }, "limit_exceeded", "shipping_method"),
        (
            PlaceOrder { external_reference: Some("r".repeat(129)), ..detailed() },
            "limit_exceeded",
            "external_reference",
        ),
        (
            PlaceOrder { metadata: (0..33).map(|n| (format!("k{n}"), "v".to_string())).collect(), ..detailed() },
            "limit_exceeded",
            "metadata",
        ),
        (
            PlaceOrder { metadata: BTreeMap::from([("has space".into(), "v".into())]), ..detailed() },
            "invalid_input",
            "metadata.has space",
        ),
        (
            PlaceOrder { metadata: BTreeMap::from([("note".into(), "v".repeat(501))]), ..detailed() },
            "limit_exceeded",
            "metadata.note",
        ),
    ];
    for (command, code, field) in cases {
        let error = shop.oms.place_order(command).unwrap_err();
        assert_eq!((error.code(), error.field()), (code, Some(field)), "{error}");
    }
    assert!(shop.oms.list_orders(&OrderQuery::default()).unwrap().orders.is_empty(), "nothing was written");
}

#[test]
fn a_json_payload_carries_the_details_too() {
    let json = r#"{"channel":"web","customer_email":"ada@example.com","lines":[{"sku":"MUG","quantity":1,"unit_price":"8.00"}],
        "shipping_address":{"name":"Ada","lines":["1 Main St"],"city":"Springfield","country":"us"},
        "metadata":{"gift":"no"}}"#;
    let command = PlaceOrder::from_json(json).unwrap();
    let shop = open("memory");
    stocked(&shop.oms);
    let placed = shop.oms.place_order(command).unwrap();
    assert_eq!(placed.shipping_address.unwrap().country, "US");
    assert_eq!(placed.metadata["gift"], "no");
}
