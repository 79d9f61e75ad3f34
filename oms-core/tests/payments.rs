//! Payments (issue 9): tenders of several kinds on one order, captured,
//! voided, refunded and failed through their status graph, idempotent on the
//! gateway's reference, with the order's payment status derived from them;
//! bad input refused with its code and leaving nothing behind; and random
//! command sequences keeping invariant 5 on every backend.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use oms_core::*;
use proptest::prelude::*;

fn reference(text: &str) -> GatewayReference {
    GatewayReference::new(text).unwrap()
}

fn payment_id(text: &str) -> PaymentId {
    PaymentId::new(text).unwrap()
}

fn authorize(order: &OrderId, kind: PaymentKind, amount: &str, gateway: &str) -> AuthorizePayment {
    AuthorizePayment {
        order_id: order.clone(),
        payment_id: None,
        kind,
        amount: dec(amount),
        currency: None,
        gateway_reference: reference(gateway),
        idempotency_key: None,
    }
}

fn step(payment: &PaymentId, amount: &str, gateway: &str) -> CapturePayment {
    CapturePayment {
        payment_id: payment.clone(),
        amount: dec(amount),
        currency: None,
        gateway_reference: reference(gateway),
        idempotency_key: None,
    }
}

fn void(payment: &PaymentId, gateway: &str) -> VoidPayment {
    VoidPayment { payment_id: payment.clone(), gateway_reference: reference(gateway), idempotency_key: None }
}

fn fail(payment: &PaymentId, gateway: &str, reason: Option<&str>) -> FailPayment {
    FailPayment {
        payment_id: payment.clone(),
        gateway_reference: reference(gateway),
        reason: reason.map(str::to_string),
        idempotency_key: None,
    }
}

/// A web order (USD) of one mug at 20.00 plus 8.875 % tax: 21.78.
fn web_order(oms: &Oms) -> Order {
    oms.place_order(order("web", vec![line("MUG", 1, "20.00")])).unwrap()
}

fn amounts(summary: &OrderPayments) -> [String; 5] {
    [&summary.total, &summary.authorized, &summary.captured, &summary.refunded, &summary.balance]
        .map(|money| money.amount().to_string())
}

/// Everything a refused command must leave as it was.
fn snapshot(oms: &Oms, order: &OrderId) -> String {
    format!("{:?}\n{:?}", oms.order_payments(order).unwrap(), oms.events_since(0, Some(1_000)).unwrap())
}

#[test]
fn an_order_paid_with_a_gift_card_and_a_card_goes_from_unpaid_to_refunded_on_every_backend() {
    for backend in backends() {
        let shop = open(backend);
        let oms = &shop.oms;
        stocked(oms);
        let placed = web_order(oms);
        assert_eq!(placed.totals.total.amount().to_string(), "21.78");
        let status = |oms: &Oms| oms.order_payments(&placed.id).unwrap().status;
        assert_eq!(status(oms), OrderPaymentStatus::Unpaid, "{backend}");

        let gift = oms
            .authorize_payment(AuthorizePayment {
                payment_id: Some(payment_id("gift-1")),
                ..authorize(&placed.id, PaymentKind::GiftCard, "5.00", "gc-auth-1")
            })
            .unwrap();
        assert_eq!(
            (gift.id.as_str(), gift.status, gift.currency()),
            ("gift-1", PaymentStatus::Authorized, Currency::USD)
        );
        let card = oms.authorize_payment(authorize(&placed.id, PaymentKind::Card, "16.78", "ch_auth_1")).unwrap();
        assert_eq!(card.id.as_str(), "pay-0000000001", "{backend}: the library names a payment the caller did not");
        assert_eq!(status(oms), OrderPaymentStatus::Authorized);

        let gift = oms.capture_payment(step(&gift.id, "5", "gc-cap-1")).unwrap();
        assert_eq!(gift.status, PaymentStatus::Captured);
        assert_eq!(status(oms), OrderPaymentStatus::PartiallyPaid);
        // Two partial captures of the card.
        let card = oms.capture_payment(step(&card.id, "10.00", "ch_cap_1")).unwrap();
        assert_eq!(card.status, PaymentStatus::PartiallyCaptured);
        let card = oms.capture_payment(step(&card.id, "6.78", "ch_cap_2")).unwrap();
        assert_eq!((card.status, card.captured.amount().to_string()), (PaymentStatus::Captured, "16.78".into()));
        let summary = oms.order_payments(&placed.id).unwrap();
        assert_eq!(summary.status, OrderPaymentStatus::Paid, "{backend}");
        assert_eq!(amounts(&summary), ["21.78", "21.78", "21.78", "0.00", "0.00"].map(String::from));
        assert_eq!(summary.payments.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["gift-1", "pay-0000000001"]);

        let card = oms.refund_payment(step(&card.id, "6.78", "re_1")).unwrap();
        assert_eq!(card.status, PaymentStatus::PartiallyRefunded);
        let summary = oms.order_payments(&placed.id).unwrap();
        assert_eq!(summary.status, OrderPaymentStatus::PartiallyRefunded);
        assert_eq!(amounts(&summary), ["21.78", "21.78", "21.78", "6.78", "6.78"].map(String::from));
        oms.refund_payment(step(&card.id, "10", "re_2")).unwrap();
        oms.refund_payment(step(&gift.id, "5.00", "gc-re-1")).unwrap();
        let summary = oms.order_payments(&placed.id).unwrap();
        assert_eq!(summary.status, OrderPaymentStatus::Refunded);
        assert_eq!(summary.payments.iter().map(|p| p.status).collect::<Vec<_>>(), [PaymentStatus::Refunded; 2]);
        assert_eq!(summary.balance.amount().to_string(), "21.78");

        let events: Vec<&str> = oms.events_since(0, Some(1_000)).unwrap().iter().map(|r| r.event.name()).collect();
        let payment_events: Vec<&str> = events.into_iter().filter(|name| name.starts_with("payment_")).collect();
        assert_eq!(
            payment_events,
            [
                "payment_authorized",
                "payment_authorized",
                "payment_captured",
                "payment_captured",
                "payment_captured",
                "payment_refunded",
                "payment_refunded",
                "payment_refunded"
            ]
        );
        assert_sound(oms);
    }
}

#[test]
fn every_edge_of_the_payment_graph_is_reached_and_nothing_else() {
    // One row per edge: the commands from a fresh 100.00 authorization, and the statuses they pass through.
    #[derive(Clone, Copy)]
    enum Do {
        Capture(&'static str),
        Refund(&'static str),
        Void,
        Fail,
    }
    use PaymentStatus as S;
    let rows: &[(&[Do], &[PaymentStatus])] = &[
        (&[Do::Capture("40")], &[S::PartiallyCaptured]),
        (&[Do::Capture("100")], &[S::Captured]),
        (&[Do::Void], &[S::Voided]),
        (&[Do::Fail], &[S::Failed]),
        (&[Do::Capture("40"), Do::Capture("60")], &[S::PartiallyCaptured, S::Captured]),
        (&[Do::Capture("40"), Do::Void], &[S::PartiallyCaptured, S::Captured]),
        (&[Do::Capture("40"), Do::Refund("10")], &[S::PartiallyCaptured, S::PartiallyRefunded]),
        (&[Do::Capture("40"), Do::Refund("40"), Do::Void], &[S::PartiallyCaptured, S::Refunded, S::Refunded]),
        (&[Do::Capture("100"), Do::Refund("1")], &[S::Captured, S::PartiallyRefunded]),
        (&[Do::Capture("100"), Do::Refund("100")], &[S::Captured, S::Refunded]),
        (&[Do::Capture("100"), Do::Refund("1"), Do::Refund("99")], &[S::Captured, S::PartiallyRefunded, S::Refunded]),
    ];
    let shop = open("memory");
    let oms = &shop.oms;
    stocked(oms);
    // No tax, and backorders, so that every row's order totals 100.00.
    oms.upsert_channel(UpsertChannel {
        allow_backorders: true,
        ..UpsertChannel::new(chan("plain"), ChannelKind::Web, Currency::USD, vec![loc("wh-east")])
    })
    .unwrap();
    let mut edges = std::collections::BTreeSet::new();
    for (number, (steps, statuses)) in rows.iter().enumerate() {
        let placed = oms.place_order(order("plain", vec![line("BOOK", 1, "100.00")])).unwrap();
        let mut payment =
            oms.authorize_payment(authorize(&placed.id, PaymentKind::Card, "100", &format!("a-{number}"))).unwrap();
        for (index, (action, expected)) in steps.iter().zip(*statuses).enumerate() {
            let gateway = format!("t-{number}-{index}");
            let before = payment.status;
            payment = match action {
                Do::Capture(amount) => oms.capture_payment(step(&payment.id, amount, &gateway)),
                Do::Refund(amount) => oms.refund_payment(step(&payment.id, amount, &gateway)),
                Do::Void => oms.void_payment(void(&payment.id, &gateway)),
                Do::Fail => oms.fail_payment(fail(&payment.id, &gateway, Some("declined"))),
            }
            .unwrap();
            assert_eq!(payment.status, *expected, "row {number}, step {index}");
            if before != payment.status {
                edges.insert((before.as_str(), payment.status.as_str()));
            }
        }
    }
    let declared: std::collections::BTreeSet<_> =
        PAYMENT_TRANSITIONS.iter().map(|(from, to)| (from.as_str(), to.as_str())).collect();
    assert_eq!(edges, declared, "the rows reach every declared edge");
}

#[test]
fn commands_outside_the_graph_are_illegal_transitions() {
    let shop = open("memory");
    let oms = &shop.oms;
    stocked(oms);
    let placed = web_order(oms);
    let new = |gateway: &str| oms.authorize_payment(authorize(&placed.id, PaymentKind::Card, "10", gateway)).unwrap();
    let code = |result: Result<Payment>| result.map(|_| ()).unwrap_err().code();

    let authorized = new("a-1");
    assert_eq!(code(oms.refund_payment(step(&authorized.id, "1", "r-1"))), "illegal_transition");
    let voided = new("a-2");
    oms.void_payment(void(&voided.id, "v-2")).unwrap();
    assert_eq!(code(oms.capture_payment(step(&voided.id, "1", "c-2"))), "illegal_transition");
    assert_eq!(code(oms.void_payment(void(&voided.id, "v-2b"))), "illegal_transition");
    assert_eq!(code(oms.fail_payment(fail(&voided.id, "f-2", None))), "illegal_transition");
    let captured = new("a-3");
    oms.capture_payment(step(&captured.id, "10", "c-3")).unwrap();
    assert_eq!(code(oms.void_payment(void(&captured.id, "v-3"))), "illegal_transition", "nothing left to void");
    assert_eq!(code(oms.fail_payment(fail(&captured.id, "f-3", None))), "illegal_transition");
    let refunded = new("a-4");
    oms.capture_payment(step(&refunded.id, "4", "c-4")).unwrap();
    oms.refund_payment(step(&refunded.id, "1", "r-4")).unwrap();
    let error = oms.capture_payment(step(&refunded.id, "1", "c-4b")).unwrap_err();
    assert_eq!(error.code(), "illegal_transition", "captures come before refunds");
    assert_eq!(error.details()[1], ("from", Detail::Text("partially_refunded payment".into())));
    let failed = new("a-5");
    let failed = oms.fail_payment(fail(&failed.id, "f-5", Some("expired"))).unwrap();
    assert_eq!((failed.status, failed.failure_reason.as_deref()), (PaymentStatus::Failed, Some("expired")));
    assert_eq!(code(oms.capture_payment(step(&failed.id, "1", "c-5"))), "illegal_transition");
    assert_sound(oms);
}

#[test]
fn the_gateway_reference_makes_every_command_idempotent_on_every_backend() {
    for backend in backends() {
        let shop = open(backend);
        let oms = &shop.oms;
        stocked(oms);
        let placed = web_order(oms);
        let first = oms.authorize_payment(authorize(&placed.id, PaymentKind::Card, "21.78", "ch_1")).unwrap();
        // A retry without an id is the same payment, not a second tender.
        let again = oms.authorize_payment(authorize(&placed.id, PaymentKind::Card, "21.780", "ch_1")).unwrap();
        assert_eq!(again, first, "{backend}");
        assert_eq!(oms.order_payments(&placed.id).unwrap().payments.len(), 1);
        let reused = oms.authorize_payment(authorize(&placed.id, PaymentKind::Card, "20.00", "ch_1")).unwrap_err();
        assert_eq!(reused.code(), "gateway_reference_reused", "{backend}");
        assert_eq!(reused.field(), Some("gateway_reference"));
        assert_eq!(
            reused.details(),
            vec![("reference", Detail::Text("ch_1".into())), ("payment", Detail::Text(first.id.to_string()))]
        );
        let other_kind = oms.authorize_payment(authorize(&placed.id, PaymentKind::GiftCard, "21.78", "ch_1"));
        assert_eq!(other_kind.unwrap_err().code(), "gateway_reference_reused");

        let captured = oms.capture_payment(step(&first.id, "10", "cap_1")).unwrap();
        let events = oms.events_since(0, Some(1_000)).unwrap().len();
        let replayed = oms.capture_payment(step(&first.id, "10.00", "cap_1")).unwrap();
        assert_eq!(replayed, captured, "{backend}: the same capture is not applied twice");
        assert_eq!(oms.events_since(0, Some(1_000)).unwrap().len(), events);
        let error = oms.capture_payment(step(&first.id, "11", "cap_1")).unwrap_err();
        assert_eq!(error.code(), "gateway_reference_reused");
        // A capture may reuse the authorization's reference (some gateways keep one id for both).
        let captured = oms.capture_payment(step(&first.id, "1", "ch_1")).unwrap();
        assert_eq!(captured.captured.amount().to_string(), "11.00");

        let refunded = oms.refund_payment(step(&first.id, "2", "re_1")).unwrap();
        assert_eq!(oms.refund_payment(step(&first.id, "2", "re_1")).unwrap(), refunded);
        assert_eq!(oms.refund_payment(step(&first.id, "3", "re_1")).unwrap_err().code(), "gateway_reference_reused");

        let voided = oms.void_payment(void(&first.id, "void_1")).unwrap();
        assert_eq!(voided.voided.amount().to_string(), "10.78");
        assert_eq!(oms.void_payment(void(&first.id, "void_1")).unwrap(), voided);

        let other = oms.authorize_payment(authorize(&placed.id, PaymentKind::Cash, "1", "till-7")).unwrap();
        let failed = oms.fail_payment(fail(&other.id, "f_1", Some("refused"))).unwrap();
        assert_eq!(oms.fail_payment(fail(&other.id, "f_1", Some("refused"))).unwrap(), failed);
        assert_eq!(oms.fail_payment(fail(&other.id, "f_1", None)).unwrap_err().code(), "gateway_reference_reused");
        assert_sound(oms);
    }
}

#[test]
fn idempotency_keys_work_as_for_every_write() {
    let shop = open("sqlite");
    let oms = &shop.oms;
    stocked(oms);
    let placed = web_order(oms);
    let keyed = |amount: &str, gateway: &str, currency: Option<Currency>| AuthorizePayment {
        currency,
        idempotency_key: key("pay-key-1"),
        ..authorize(&placed.id, PaymentKind::Card, amount, gateway)
    };
    let first = oms.authorize_payment(keyed("5", "k-1", None)).unwrap();
    // Naming the order's own currency is the same request.
    assert_eq!(oms.authorize_payment(keyed("5.00", "k-1", Some(Currency::USD))).unwrap(), first);
    assert_eq!(oms.authorize_payment(keyed("6", "k-2", None)).unwrap_err().code(), "idempotency_key_reused");
    let capture = CapturePayment { idempotency_key: key("cap-key"), ..step(&first.id, "2", "k-c") };
    let captured = oms.capture_payment(capture.clone()).unwrap();
    assert_eq!(oms.capture_payment(capture.clone()).unwrap(), captured);
    let other = CapturePayment { amount: dec("3"), ..capture };
    assert_eq!(oms.capture_payment(other).unwrap_err().code(), "idempotency_key_reused");
    let void = VoidPayment { idempotency_key: key("void-key"), ..void(&first.id, "k-v") };
    let voided = oms.void_payment(void.clone()).unwrap();
    assert_eq!(oms.void_payment(void).unwrap(), voided);
}

#[test]
fn bad_input_is_refused_with_its_code_and_field_and_changes_nothing_on_every_backend() {
    for backend in backends() {
        let shop = open(backend);
        let oms = &shop.oms;
        stocked(oms);
        let placed = web_order(oms);
        let card = oms.authorize_payment(authorize(&placed.id, PaymentKind::Card, "10.00", "ch_1")).unwrap();
        let before = snapshot(oms, &placed.id);
        let unknown_order = OrderId::new("ord-404").unwrap();
        let cases: Vec<(&str, Result<Payment>, &str, Option<&str>)> = vec![
            (
                "capture above the authorized amount",
                oms.capture_payment(step(&card.id, "10.01", "c-1")),
                "capture_exceeds_authorized",
                Some("amount"),
            ),
            (
                "refund of an uncaptured payment",
                oms.refund_payment(step(&card.id, "1", "r-1")),
                "illegal_transition",
                None,
            ),
            (
                "a tender in another currency",
                oms.authorize_payment(AuthorizePayment {
                    currency: Some(Currency::EUR),
                    ..authorize(&placed.id, PaymentKind::GiftCard, "1", "g-1")
                }),
                "currency_mismatch",
                Some("currency"),
            ),
            (
                "a capture in another currency",
                oms.capture_payment(CapturePayment { currency: Some(Currency::EUR), ..step(&card.id, "1", "c-2") }),
                "currency_mismatch",
                Some("currency"),
            ),
            (
                "an amount finer than the cent",
                oms.authorize_payment(authorize(&placed.id, PaymentKind::Card, "1.001", "a-2")),
                "invalid_amount",
                Some("amount"),
            ),
            (
                "a capture finer than the cent",
                oms.capture_payment(step(&card.id, "0.005", "c-3")),
                "invalid_amount",
                Some("amount"),
            ),
            (
                "a negative amount",
                oms.authorize_payment(authorize(&placed.id, PaymentKind::Card, "-5", "a-3")),
                "invalid_amount",
                Some("amount"),
            ),
            ("a zero capture", oms.capture_payment(step(&card.id, "0", "c-4")), "invalid_amount", Some("amount")),
            ("a negative refund", oms.refund_payment(step(&card.id, "-1", "r-2")), "invalid_amount", Some("amount")),
            (
                "an amount beyond the limit",
                oms.authorize_payment(authorize(&placed.id, PaymentKind::Card, "1000000000001", "a-4")),
                "invalid_amount",
                Some("amount"),
            ),
            (
                "an unknown order",
                oms.authorize_payment(authorize(&unknown_order, PaymentKind::Card, "1", "a-5")),
                "order_not_found",
                None,
            ),
            (
                "an unknown payment",
                oms.capture_payment(step(&payment_id("nope"), "1", "c-5")),
                "payment_not_found",
                None,
            ),
            (
                "an unknown payment to void",
                oms.void_payment(void(&payment_id("nope"), "v-1")),
                "payment_not_found",
                None,
            ),
            (
                "a reused gateway reference with a different amount",
                oms.authorize_payment(authorize(&placed.id, PaymentKind::Card, "9.99", "ch_1")),
                "gateway_reference_reused",
                Some("gateway_reference"),
            ),
            (
                "a payment id already taken",
                oms.authorize_payment(AuthorizePayment {
                    payment_id: Some(card.id.clone()),
                    ..authorize(&placed.id, PaymentKind::Card, "1", "a-6")
                }),
                "payment_exists",
                Some("payment_id"),
            ),
            (
                "a blank failure reason",
                oms.fail_payment(fail(&card.id, "f-1", Some("  "))),
                "invalid_input",
                Some("reason"),
            ),
        ];
        for (what, result, code, field) in cases {
            let error = result.expect_err(what);
            assert_eq!((error.code(), error.field()), (code, field), "{backend}: {what}: {error}");
            assert_eq!(snapshot(oms, &placed.id), before, "{backend}: {what} changed something");
        }
        assert_eq!(oms.get_payment(&payment_id("nope")).unwrap_err().code(), "payment_not_found");
        assert_eq!(oms.order_payments(&unknown_order).unwrap_err().code(), "order_not_found");
        assert_sound(oms);
    }
    // Identifiers are checked where they are made.
    assert_eq!(PaymentId::new("").unwrap_err().code(), "invalid_identifier");
    assert_eq!(PaymentId::new("p".repeat(65)).unwrap_err().field(), Some("payment_id"));
    assert_eq!(GatewayReference::new("").unwrap_err().field(), Some("gateway_reference"));
    assert_eq!(GatewayReference::new("r".repeat(129)).unwrap_err().code(), "invalid_identifier");
    assert_eq!(GatewayReference::new("two words").unwrap_err().code(), "invalid_identifier");
    assert_eq!(PaymentKind::parse("cheque").unwrap_err().field(), Some("kind"));
}

#[test]
fn a_tender_in_a_currency_with_three_decimals_or_none_is_held_at_its_minor_units() {
    let shop = open("memory");
    let oms = &shop.oms;
    stocked(oms);
    oms.upsert_channel(UpsertChannel::new(chan("jp"), ChannelKind::Web, Currency::JPY, vec![loc("wh-east")])).unwrap();
    let placed = oms.place_order(order("jp", vec![line("MUG", 1, "1500")])).unwrap();
    let error = oms.authorize_payment(authorize(&placed.id, PaymentKind::Card, "1.5", "jp-1")).unwrap_err();
    assert_eq!((error.code(), error.field()), ("invalid_amount", Some("amount")));
    let paid = oms.authorize_payment(authorize(&placed.id, PaymentKind::Card, "1500", "jp-2")).unwrap();
    assert_eq!(paid.authorized.amount().to_string(), "1500");
}

#[test]
fn payments_are_read_back_alike_from_a_reopened_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.db");
    let (placed, payment) = {
        let oms = Oms::open_with_clock(path.to_str().unwrap(), clock()).unwrap();
        stocked(&oms);
        let placed = web_order(&oms);
        let payment =
            oms.authorize_payment(authorize(&placed.id, PaymentKind::CashOnDelivery, "21.78", "cod-1")).unwrap();
        let payment = oms.capture_payment(step(&payment.id, "21.78", "cod-collected-1")).unwrap();
        (placed, payment)
    };
    let oms = Oms::open_with_clock(path.to_str().unwrap(), clock()).unwrap();
    assert_eq!(oms.get_payment(&payment.id).unwrap(), payment);
    assert_eq!(oms.order_payments(&placed.id).unwrap().status, OrderPaymentStatus::Paid);
}

// Random command sequences: invariant 5 per tender, the overpaid rule per
// order, refusals change nothing, and the outbox rebuilds every payment.

#[derive(Debug, Clone)]
enum Op {
    Authorize { order: usize, kind: usize, cents: i64, gateway: u8, named: bool },
    Capture { payment: usize, cents: i64, gateway: u8 },
    Refund { payment: usize, cents: i64, gateway: u8 },
    Void { payment: usize, gateway: u8 },
    Fail { payment: usize, gateway: u8 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..2usize, 0..5usize, -100..3000i64, 0..6u8, any::<bool>())
            .prop_map(|(order, kind, cents, gateway, named)| Op::Authorize { order, kind, cents, gateway, named }),
        4 => (0..6usize, -100..2500i64, 0..6u8).prop_map(|(payment, cents, gateway)| Op::Capture { payment, cents, gateway }),
        3 => (0..6usize, -100..2500i64, 0..6u8).prop_map(|(payment, cents, gateway)| Op::Refund { payment, cents, gateway }),
        1 => (0..6usize, 0..6u8).prop_map(|(payment, gateway)| Op::Void { payment, gateway }),
        1 => (0..6usize, 0..6u8).prop_map(|(payment, gateway)| Op::Fail { payment, gateway }),
    ]
}

/// The payment ids the sequences use: named ones and the library's first numbers.
fn pick(index: usize) -> PaymentId {
    if index % 2 == 0 {
        payment_id(&format!("named-{}", index / 2))
    } else {
        PaymentId::from_sequence(index as u64 / 2 + 1)
    }
}

fn cents(value: i64) -> rust_decimal::Decimal {
    rust_decimal::Decimal::new(value, 2)
}

fn run(oms: &Oms, orders: &[OrderId], op: &Op, named_count: &mut usize) -> Result<Payment> {
    match op {
        Op::Authorize { order, kind, cents: amount, gateway, named } => {
            let payment_id = named.then(|| payment_id(&format!("named-{}", *named_count % 3)));
            let result = oms.authorize_payment(AuthorizePayment {
                payment_id,
                ..AuthorizePayment {
                    amount: cents(*amount),
                    ..authorize(&orders[*order], PaymentKind::ALL[*kind], "1", &format!("auth-{gateway}"))
                }
            });
            if *named && result.is_ok() {
                *named_count += 1;
            }
            result
        }
        Op::Capture { payment, cents: amount, gateway } => oms.capture_payment(CapturePayment {
            amount: cents(*amount),
            ..step(&pick(*payment), "1", &format!("cap-{gateway}"))
        }),
        Op::Refund { payment, cents: amount, gateway } => oms.refund_payment(CapturePayment {
            amount: cents(*amount),
            ..step(&pick(*payment), "1", &format!("ref-{gateway}"))
        }),
        Op::Void { payment, gateway } => oms.void_payment(void(&pick(*payment), &format!("void-{gateway}"))),
        Op::Fail { payment, gateway } => oms.fail_payment(fail(&pick(*payment), &format!("fail-{gateway}"), None)),
    }
}

fn check_invariants(oms: &Oms, orders: &[OrderId]) -> std::result::Result<(), TestCaseError> {
    for order in orders {
        let summary = oms.order_payments(order).unwrap();
        for payment in &summary.payments {
            let (authorized, captured, refunded) =
                (payment.authorized.minor(), payment.captured.minor(), payment.refunded.minor());
            prop_assert!(0 <= refunded && refunded <= captured && captured <= authorized, "invariant 5: {payment:?}");
            prop_assert!(captured + payment.voided.minor() <= authorized, "{payment:?}");
            prop_assert_eq!(payment.status, payment.derived_status());
            prop_assert_eq!(payment.currency(), summary.total.currency());
        }
        let net = summary.captured.minor() - summary.refunded.minor();
        prop_assert!(
            net <= summary.total.minor() || summary.status == OrderPaymentStatus::Overpaid,
            "captured − refunded exceeds the total without saying overpaid: {summary:?}"
        );
        prop_assert_eq!(summary.balance.minor(), summary.total.minor() - net);
        let sum = |amount: fn(&Payment) -> i128| summary.payments.iter().map(amount).sum::<i128>();
        prop_assert_eq!(summary.captured.minor(), sum(|p| p.captured.minor()));
        prop_assert_eq!(summary.refunded.minor(), sum(|p| p.refunded.minor()));
    }
    Ok(())
}

/// Every payment folded from the outbox equals the stored one.
fn check_replay(oms: &Oms, orders: &[OrderId]) -> std::result::Result<(), TestCaseError> {
    let mut rebuilt: std::collections::BTreeMap<PaymentId, Payment> = std::collections::BTreeMap::new();
    for record in oms.events_since(0, Some(1_000)).unwrap() {
        let Some(id) = payment::evolve::payment_of(&record.event) else { continue };
        let state = rebuilt.remove(id);
        if let Some(payment) = payment::evolve(state, &record.event, record.occurred_at) {
            rebuilt.insert(payment.id.clone(), payment);
        }
    }
    let stored: Vec<Payment> = orders.iter().flat_map(|order| oms.order_payments(order).unwrap().payments).collect();
    prop_assert_eq!(stored.len(), rebuilt.len());
    for payment in stored {
        prop_assert_eq!(Some(&payment), rebuilt.get(&payment.id));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_payment_commands_keep_every_tender_sound_on_every_backend(ops in prop::collection::vec(op(), 1..40)) {
        for backend in backends() {
            let shop = open(backend);
            let oms = &shop.oms;
            stocked(oms);
            // 21.78 USD, and 12.00 EUR (tax included).
            let orders = [web_order(oms).id, oms.place_order(order("eu", vec![line("MUG", 1, "12.00")])).unwrap().id];
            let mut named_count = 0;
            for op in &ops {
                let before = format!("{}{}", snapshot(oms, &orders[0]), snapshot(oms, &orders[1]));
                match run(oms, &orders, op, &mut named_count) {
                    Ok(payment) => prop_assert_eq!(&oms.get_payment(&payment.id).unwrap(), &payment),
                    Err(error) => {
                        prop_assert_ne!(error.category(), Category::Storage, "{}: {:?}: {}", backend, op, error);
                        let after = format!("{}{}", snapshot(oms, &orders[0]), snapshot(oms, &orders[1]));
                        prop_assert_eq!(after, before, "{}: the refused {:?} changed something", backend, op);
                    }
                }
                check_invariants(oms, &orders)?;
            }
            check_replay(oms, &orders)?;
            let report = oms.audit().unwrap();
            prop_assert!(report.is_clean(), "{}: {:?}", backend, report.violations);
        }
    }
}
