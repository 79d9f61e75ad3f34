//! Whatever a command accepts reads back, on every backend.
//!
//! Arbitrary Unicode goes into every free-text field and e-mail address, and
//! arbitrary decimal text into prices: each backend must accept or refuse it
//! alike (with the same code), and everything accepted must read back as it
//! was returned — one order, a listing by customer, the outbox, the audit.
//! A value that grew when it was normalised (an e-mail lower-cased past its
//! limit) once made every later read of a store fail.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use oms_core::*;
use proptest::prelude::*;
use serde_json::Value;

/// Characters whose lower-case form is longer or shorter than themselves,
/// or that are otherwise awkward for storage: combining marks, right-to-left
/// text, astral-plane emoji, the Kelvin sign, a NUL, a BOM.
const AWKWARD: &[&str] = &[
    "Ⱥ", "Ⱦ", "İ", "ẞ", "Σ", "K", "Å", "ǅ", "é", "e\u{301}", "\u{202e}", "😀", "\u{0}", "\u{feff}", "A", " ", "'", "\"",
];

fn awkward_text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => any::<String>(),
        1 => proptest::collection::vec(proptest::sample::select(AWKWARD), 0..130).prop_map(|parts| parts.concat()),
        1 => "[a-zA-Z0-9 ]{0,210}",
        3 => (proptest::sample::select(AWKWARD), 60..130usize).prop_map(|(part, times)| part.repeat(times)),
    ]
}

fn decimal_text() -> impl Strategy<Value = String> {
    ("[0-9]{1,30}", proptest::option::of("[0-9]{0,34}"))
        .prop_map(|(whole, fraction)| fraction.map_or(whole.clone(), |fraction| format!("{whole}.{fraction}")))
}

#[derive(Debug, Clone)]
struct Case {
    name: String,
    region: String,
    email_local: String,
    price: String,
    reason: String,
}

fn case() -> impl Strategy<Value = Case> {
    (awkward_text(), awkward_text(), awkward_text(), decimal_text(), awkward_text())
        .prop_map(|(name, region, email_local, price, reason)| Case { name, region, email_local, price, reason })
}

/// What one backend made of one case: per command, the code it refused
/// with or what it read back.
fn exercise(oms: &Oms, case: &Case, n: usize) -> Vec<String> {
    let mut seen = Vec::new();
    let mut note = |step: &str, outcome: Result<String>| {
        seen.push(match outcome {
            Ok(read) => format!("{step}: ok {read}"),
            Err(error) => format!("{step}: {} {:?}", error.code(), error.field()),
        });
    };
    let (product, location, channel) = (sku(&format!("P{n}")), loc(&format!("L{n}")), chan(&format!("C{n}")));
    note("product", oms.upsert_product(UpsertProduct::new(product.clone(), case.name.clone())).map(|_| String::new()));
    let mut upsert = UpsertLocation::new(location.clone(), LocationKind::Warehouse, case.region.clone());
    let placed_location = oms.upsert_location(upsert.clone());
    if placed_location.is_err() {
        upsert.region = "R".into();
        oms.upsert_location(upsert).unwrap();
    }
    note("location", placed_location.map(|_| String::new()));
    oms.upsert_channel(UpsertChannel::new(channel.clone(), ChannelKind::Web, Currency::USD, vec![location.clone()]))
        .unwrap();
    if oms.upsert_product(UpsertProduct::new(product.clone(), "fallback")).is_err() {
        unreachable!("a plain product name is accepted");
    }
    oms.receive_stock(ReceiveStock { sku: product.clone(), location, quantity: 5, idempotency_key: None }).unwrap();

    let price = money::parse_decimal(&case.price);
    note("price", price.clone().map(|price| price.to_string()));
    let price = price.unwrap_or(Decimal::ONE);
    let email = Email::new(format!("{}@Example.io", case.email_local));
    note("email", email.clone().map(|email| email.to_string()));
    let Ok(email) = email else { return seen };
    let mut command = PlaceOrder::new(
        channel,
        email.clone(),
        vec![LineInput { sku: product, quantity: 1, unit_price: price, discount: None }],
    );
    command.ship_to_region = Some(case.region.clone());
    let placed = oms.place_order(command);
    note("place", placed.as_ref().map(|order| order.totals.total.to_string()).map_err(Clone::clone));
    let Ok(order) = placed else { return seen };
    let held =
        oms.hold_order(HoldOrder { order_id: order.id.clone(), reason: case.reason.clone(), idempotency_key: None });
    note("hold", held.map(|order| format!("{:?}", order.hold_reason)));
    let cancelled = oms.cancel_order(CancelOrder {
        order_id: order.id.clone(),
        reason: Some(case.reason.clone()),
        idempotency_key: None,
    });
    note("cancel", cancelled.map(|order| format!("{:?}", order.cancel_reason)));

    let stored = oms.get_order(&order.id).unwrap();
    assert_eq!(stored.customer_email, email, "the e-mail reads back as accepted");
    let listed = oms.list_orders(&OrderQuery { customer_email: Some(email.clone()), ..OrderQuery::default() }).unwrap();
    assert!(listed.orders.iter().any(|listed| listed == &stored), "the order is listed under its customer");
    assert_eq!(Email::new(stored.customer_email.as_str()).unwrap(), email, "what was stored is valid input again");
    seen
}

/// Every outbox event, without the fields that may differ between backends.
fn outbox(oms: &Oms) -> Vec<Value> {
    let mut events = Vec::new();
    let mut cursor = 0;
    loop {
        let page = oms.events_since(cursor, Some(500)).unwrap();
        let Some(last) = page.last() else { return events };
        cursor = last.sequence;
        events.extend(page.into_iter().map(|record| serde_json::to_value(&record.event).unwrap()));
    }
}

fn every_order(oms: &Oms) -> Vec<Order> {
    let mut orders = Vec::new();
    let mut query = OrderQuery { limit: Some(7), ..OrderQuery::default() };
    loop {
        let page = oms.list_orders(&query).unwrap();
        orders.extend(page.orders);
        match page.next_cursor {
            Some(cursor) => query.after = Some(cursor),
            None => return orders,
        }
    }
}

#[test]
fn whatever_is_accepted_reads_back_on_every_backend() {
    let shops: Vec<Shop> = backends().into_iter().filter(|name| *name != "sqlite-group-commit").map(open).collect();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig { cases: 96, ..ProptestConfig::default() });
    let next = std::sync::atomic::AtomicUsize::new(0);
    runner
        .run(&case(), |case| {
            let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            let outcomes: Vec<Vec<String>> = shops.iter().map(|shop| exercise(&shop.oms, &case, n)).collect();
            for (shop, outcome) in shops.iter().zip(&outcomes).skip(1) {
                prop_assert_eq!(outcome, &outcomes[0], "{} disagrees with {}", shop.backend, shops[0].backend);
            }
            Ok(())
        })
        .unwrap();
    let reference = (every_order(&shops[0].oms).len(), outbox(&shops[0].oms));
    for shop in &shops {
        assert_sound(&shop.oms);
        let orders = every_order(&shop.oms);
        assert_eq!((orders.len(), outbox(&shop.oms)), reference, "{} reads everything back", shop.backend);
    }
}

#[test]
fn an_e_mail_that_grows_when_lower_cased_is_refused_on_every_backend() {
    for backend in backends() {
        let shop = open(backend);
        stocked(&shop.oms);
        // 245 bytes as given, 365 once lower-cased: over the 254-byte limit.
        let given = format!("{}@x.io", "Ⱥ".repeat(120));
        let error = Email::new(given).unwrap_err();
        assert_eq!((error.code(), error.field()), ("limit_exceeded", Some("customer_email")));
        let email = Email::new(format!("{}@x.io", "Ⱥ".repeat(80))).unwrap();
        let order = shop.oms.place_order(PlaceOrder::new(chan("web"), email.clone(), vec![line("MUG", 1, "2.00")]));
        let order = order.unwrap();
        assert_eq!(shop.oms.get_order(&order.id).unwrap().customer_email, email, "{backend}");
        assert_eq!(every_order(&shop.oms).len(), 1, "{backend}");
        assert!(!outbox(&shop.oms).is_empty(), "{backend}");
        assert_sound(&shop.oms);
    }
}

use rust_decimal::Decimal;
