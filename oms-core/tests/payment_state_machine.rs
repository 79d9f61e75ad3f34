//! The payment life cycle as a table (issue 9): given the steps already taken
//! on a tender authorized for 10.00, a step, and its outcome (the payment's
//! new status, or the error code, with nothing written). Every edge of
//! `PAYMENT_TRANSITIONS` is taken by some row, and no row takes an edge the
//! table does not declare; on every backend.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;

use common::*;
use oms_core::payment::{Payment, PaymentKind, PAYMENT_TRANSITIONS};
use oms_core::*;

#[derive(Debug, Clone, Copy)]
enum Step {
    Capture(&'static str),
    Void,
    Refund(&'static str),
    Fail,
}

enum Expect {
    Becomes(&'static str),
    Fails(&'static str),
}

use Expect::*;
use Step::*;

const ROWS: &[(&[Step], Step, Expect)] = &[
    // authorized
    (&[], Capture("4.00"), Becomes("partially_captured")),
    (&[], Capture("10.00"), Becomes("captured")),
    (&[], Capture("10.01"), Fails("capture_exceeds_authorized")),
    (&[], Void, Becomes("voided")),
    (&[], Fail, Becomes("failed")),
    (&[], Refund("1.00"), Fails("illegal_transition")),
    // partially captured
    (&[Capture("4.00")], Capture("6.00"), Becomes("captured")),
    (&[Capture("4.00")], Capture("6.01"), Fails("capture_exceeds_authorized")),
    (&[Capture("4.00")], Refund("1.00"), Becomes("partially_refunded")),
    (&[Capture("4.00")], Refund("4.00"), Becomes("refunded")),
    (&[Capture("4.00")], Refund("4.01"), Fails("refund_exceeds_captured")),
    (&[Capture("4.00")], Void, Becomes("captured")),
    (&[Capture("4.00")], Fail, Fails("illegal_transition")),
    // captured
    (&[Capture("10.00")], Refund("2.50"), Becomes("partially_refunded")),
    (&[Capture("10.00")], Refund("10.00"), Becomes("refunded")),
    (&[Capture("10.00")], Capture("0.01"), Fails("illegal_transition")),
    (&[Capture("10.00")], Void, Fails("illegal_transition")),
    (&[Capture("10.00")], Fail, Fails("illegal_transition")),
    // partially refunded
    (&[Capture("10.00"), Refund("2.50")], Refund("7.50"), Becomes("refunded")),
    (&[Capture("10.00"), Refund("2.50")], Refund("7.51"), Fails("refund_exceeds_captured")),
    (&[Capture("10.00"), Refund("2.50")], Capture("0.01"), Fails("illegal_transition")),
    // the ends
    (&[Capture("10.00"), Refund("10.00")], Refund("0.01"), Fails("illegal_transition")),
    (&[Void], Capture("1.00"), Fails("illegal_transition")),
    (&[Void], Void, Fails("illegal_transition")),
    (&[Void], Refund("1.00"), Fails("illegal_transition")),
    (&[Fail], Capture("1.00"), Fails("illegal_transition")),
    (&[Fail], Fail, Fails("illegal_transition")),
];

fn run(oms: &Oms, payment: &PaymentId, step: Step, n: usize) -> Result<Payment> {
    let reference = GatewayReference::new(format!("gw-{n}")).unwrap();
    let payment_id = payment.clone();
    match step {
        Capture(amount) => oms.capture_payment(CapturePayment {
            payment_id,
            amount: dec(amount),
            currency: None,
            gateway_reference: reference,
            idempotency_key: None,
        }),
        Void => oms.void_payment(VoidPayment { payment_id, gateway_reference: reference, idempotency_key: None }),
        Refund(amount) => oms.refund_payment(RefundPayment {
            payment_id,
            amount: dec(amount),
            currency: None,
            gateway_reference: reference,
            idempotency_key: None,
        }),
        Fail => oms.fail_payment(FailPayment {
            payment_id,
            gateway_reference: reference,
            reason: Some("declined after the fact".into()),
            idempotency_key: None,
        }),
    }
}

#[test]
fn payment_state_machine_table() {
    let declared: BTreeSet<(&str, &str)> = PAYMENT_TRANSITIONS.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    for backend in backends() {
        let mut taken = BTreeSet::new();
        for (row, (given, step, expect)) in ROWS.iter().enumerate() {
            let shop = open(backend);
            let oms = &shop.oms;
            stocked(oms);
            let order = oms.place_order(order("web", vec![line("TEE-M", 1, "20.00")])).unwrap();
            let authorized = oms
                .authorize_payment(AuthorizePayment {
                    order_id: order.id.clone(),
                    payment_id: None,
                    kind: PaymentKind::Card,
                    amount: dec("10.00"),
                    currency: None,
                    gateway_reference: GatewayReference::new("auth").unwrap(),
                    idempotency_key: None,
                })
                .unwrap();
            for (n, earlier) in given.iter().enumerate() {
                run(oms, &authorized.id, *earlier, n).unwrap_or_else(|e| panic!("row {row}: given {earlier:?}: {e}"));
            }
            let before = oms.get_payment(&authorized.id).unwrap();
            let events = oms.events_since(0, Some(1000)).unwrap().len();
            let outcome = run(oms, &authorized.id, *step, 99);
            match (expect, outcome) {
                (Becomes(status), Ok(payment)) => {
                    assert_eq!(payment.status.as_str(), *status, "{backend}: row {row} {given:?} then {step:?}");
                    assert!(
                        declared.contains(&(before.status.as_str(), payment.status.as_str())),
                        "{backend}: row {row} took {:?} → {:?}, which the table does not declare",
                        before.status,
                        payment.status
                    );
                    taken.insert((before.status.as_str(), payment.status.as_str()));
                }
                (Fails(code), Err(error)) => {
                    assert_eq!(error.code(), *code, "{backend}: row {row} {given:?} then {step:?}");
                    assert_eq!(oms.get_payment(&authorized.id).unwrap(), before, "{backend}: row {row} changed it");
                    let after = oms.events_since(0, Some(1000)).unwrap().len();
                    assert_eq!(after, events, "{backend}: row {row}: a refused step wrote events");
                }
                (_, outcome) => panic!("{backend}: row {row} {given:?} then {step:?}: unexpected {outcome:?}"),
            }
            assert_sound(oms);
        }
        assert_eq!(taken, declared, "{backend}: the rows take every declared edge");
    }
}
