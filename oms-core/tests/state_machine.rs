//! The order state machine as a table: given the commands already applied to
//! a freshly placed order (2 lines: 3 × TEE-M, 1 × MUG), a command, and the
//! expected outcome (new status and the events it wrote, or an error code).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use oms_core::*;

#[derive(Debug, Clone, Copy)]
enum Step {
    Hold,
    Release,
    Cancel,
    CancelLine(u32, i64),
}

enum Expect {
    Status(&'static str, &'static [&'static str]),
    Error(&'static str),
}

use Expect::{Error as Fails, Status as Becomes};
use Step::*;

const ROWS: &[(&[Step], Step, Expect)] = &[
    (&[], Hold, Becomes("on_hold", &["order_held", "order_status_changed"])),
    (&[], Release, Fails("illegal_transition")),
    (
        &[],
        Cancel,
        Becomes(
            "cancelled",
            &["order_lines_cancelled", "order_cancelled", "stock_released", "stock_released", "order_status_changed"],
        ),
    ),
    (&[], CancelLine(1, 1), Becomes("allocated", &["order_lines_cancelled", "stock_released"])),
    (&[], CancelLine(1, 4), Fails("invalid_quantity")),
    (&[], CancelLine(3, 1), Fails("order_line_not_found")),
    (&[Hold], Hold, Fails("illegal_transition")),
    (&[Hold], Release, Becomes("allocated", &["order_released", "order_status_changed"])),
    (&[Hold], CancelLine(2, 1), Becomes("on_hold", &["order_lines_cancelled", "stock_released"])),
    (
        &[Hold],
        Cancel,
        Becomes(
            "cancelled",
            &["order_lines_cancelled", "order_cancelled", "stock_released", "stock_released", "order_status_changed"],
        ),
    ),
    (&[Hold, Release], Hold, Becomes("on_hold", &["order_held", "order_status_changed"])),
    (
        &[CancelLine(1, 3)],
        CancelLine(2, 1),
        Becomes("cancelled", &["order_lines_cancelled", "stock_released", "order_status_changed"]),
    ),
    (&[Cancel], Cancel, Fails("illegal_transition")),
    (&[Cancel], Hold, Fails("illegal_transition")),
    (&[Cancel], Release, Fails("illegal_transition")),
    (&[Cancel], CancelLine(1, 1), Fails("illegal_transition")),
    (&[Hold, Cancel], Release, Fails("illegal_transition")),
];

fn run(oms: &Oms, order_id: &OrderId, step: Step) -> Result<Order> {
    let order_id = order_id.clone();
    match step {
        Hold => oms.hold_order(HoldOrder { order_id, reason: "fraud review".into(), idempotency_key: None }),
        Release => oms.release_hold(ReleaseHold { order_id, idempotency_key: None }),
        Cancel => oms.cancel_order(CancelOrder { order_id, reason: None, idempotency_key: None }),
        CancelLine(line_number, quantity) => oms.cancel_lines(CancelLines {
            order_id,
            lines: vec![LineQuantity { line_number, quantity }],
            idempotency_key: None,
        }),
    }
}

#[test]
fn order_state_machine_table() {
    for backend in backends() {
        for (row, (given, step, expect)) in ROWS.iter().enumerate() {
            let shop = open(backend);
            let oms = &shop.oms;
            stocked(oms);
            let placed = oms.place_order(order("web", vec![line("TEE-M", 3, "5.00"), line("MUG", 1, "7.00")])).unwrap();
            for earlier in *given {
                run(oms, &placed.id, *earlier).unwrap_or_else(|e| panic!("row {row}: given {earlier:?} failed: {e}"));
            }
            let before = oms.events_since(0, Some(1000)).unwrap().len();
            let outcome = run(oms, &placed.id, *step);
            let written: Vec<&str> =
                oms.events_since(0, Some(1000)).unwrap()[before..].iter().map(|r| r.event.name()).collect();
            match (expect, outcome) {
                (Becomes(status, events), Ok(order)) => {
                    assert_eq!(order.status.as_str(), *status, "{}: row {row} {given:?} then {step:?}", backend);
                    assert_eq!(written, *events, "{}: row {row} {given:?} then {step:?}", backend);
                }
                (Fails(code), Err(error)) => {
                    assert_eq!(error.code(), *code, "{}: row {row} {given:?} then {step:?}", backend);
                    assert!(written.is_empty(), "row {row}: a rejected command wrote {written:?}");
                }
                (_, outcome) => panic!("{}: row {row} {given:?} then {step:?}: unexpected {outcome:?}", backend),
            }
            assert_sound(oms);
        }
    }
}
