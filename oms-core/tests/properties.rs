//! Property tests: random command sequences keep every invariant, and the
//! in-memory and SQLite backends give the same observable result for each
//! command (a differential test of the two).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use oms_core::*;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Receive { sku: usize, location: usize, quantity: i64 },
    Adjust { sku: usize, location: usize, delta: i64 },
    Place { lines: Vec<(usize, i64, i64, i64)>, shipping_cents: i64, discount_cents: i64, eu: bool, key: Option<u8> },
    Cancel { order: usize },
    CancelLine { order: usize, line: u32, quantity: i64 },
    Hold { order: usize },
    Release { order: usize },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        1 => (0..3usize, 0..3usize, -2..15i64).prop_map(|(sku, location, quantity)| Op::Receive { sku, location, quantity }),
        1 => (0..3usize, 0..2usize, -6..6i64).prop_map(|(sku, location, delta)| Op::Adjust { sku, location, delta }),
        4 => (
            prop::collection::vec((0..3usize, 0..8i64, 0..5000i64, 0..300i64), 0..4),
            0..1500i64,
            0..900i64,
            any::<bool>(),
            prop::option::of(0..4u8),
        )
            .prop_map(|(lines, shipping_cents, discount_cents, eu, key)| Op::Place { lines, shipping_cents, discount_cents, eu, key }),
        1 => (0..4usize).prop_map(|order| Op::Cancel { order }),
        1 => (0..4usize, 0..5u32, -1..4i64).prop_map(|(order, line, quantity)| Op::CancelLine { order, line, quantity }),
        1 => (0..4usize).prop_map(|order| Op::Hold { order }),
        1 => (0..4usize).prop_map(|order| Op::Release { order }),
    ]
}

fn cents(value: i64) -> rust_decimal::Decimal {
    rust_decimal::Decimal::new(value, 2)
}

fn order_id(index: usize) -> OrderId {
    OrderId::from_sequence(index as u64 + 1)
}

/// Runs one op and describes its observable result (value or error code).
fn apply(oms: &Oms, op: &Op) -> String {
    let outcome: Result<String> = match op {
        Op::Receive { sku: s, location, quantity } => oms
            .receive_stock(ReceiveStock {
                sku: sku(SKUS[*s]),
                location: loc(LOCATIONS[*location]),
                quantity: *quantity,
                idempotency_key: None,
            })
            .map(|level| format!("{level:?}")),
        Op::Adjust { sku: s, location, delta } => oms
            .adjust_stock(AdjustStock {
                sku: sku(SKUS[*s]),
                location: loc(LOCATIONS[*location]),
                quantity_delta: *delta,
                idempotency_key: None,
            })
            .map(|level| format!("{level:?}")),
        Op::Place { lines, shipping_cents, discount_cents, eu, key: idempotency } => {
            let mut command = order(
                if *eu { "eu" } else { "web" },
                lines
                    .iter()
                    .map(|(s, quantity, price, discount)| LineInput {
                        sku: sku(SKUS[*s]),
                        quantity: *quantity,
                        unit_price: cents(*price),
                        discount: Some(cents(*discount)),
                    })
                    .collect(),
            );
            command.shipping = Some(cents(*shipping_cents));
            command.order_discount = Some(cents(*discount_cents));
            command.idempotency_key = idempotency.and_then(|k| key(&format!("key-{k}")));
            oms.place_order(command).map(|placed| format!("{placed:?}"))
        }
        Op::Cancel { order } => oms
            .cancel_order(CancelOrder { order_id: order_id(*order), reason: None, idempotency_key: None })
            .map(|o| format!("{o:?}")),
        Op::CancelLine { order, line, quantity } => oms
            .cancel_lines(CancelLines {
                order_id: order_id(*order),
                lines: vec![LineQuantity { line_number: *line, quantity: *quantity }],
                idempotency_key: None,
            })
            .map(|o| format!("{o:?}")),
        Op::Hold { order } => oms
            .hold_order(HoldOrder { order_id: order_id(*order), reason: "review".into(), idempotency_key: None })
            .map(|o| format!("{o:?}")),
        Op::Release { order } => oms
            .release_hold(ReleaseHold { order_id: order_id(*order), idempotency_key: None })
            .map(|o| format!("{o:?}")),
    };
    match outcome {
        Ok(value) => value,
        Err(error) => format!("error {} {:?}", error.code(), error.field()),
    }
}

fn observable(oms: &Oms) -> String {
    format!(
        "{:?}\n{:?}\n{:?}",
        oms.stock_levels(None, None).unwrap(),
        oms.list_orders(&OrderQuery { limit: Some(1000), ..OrderQuery::default() }).unwrap(),
        oms.events_since(0, Some(1000)).unwrap(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold_and_backends_agree(ops in prop::collection::vec(op(), 1..40)) {
        let shops: Vec<Shop> = backends().into_iter().map(open).collect();
        for shop in &shops {
            stocked(&shop.oms);
        }
        let memory = &shops[0].oms;
        for op in &ops {
            let expected = apply(memory, op);
            for shop in &shops[1..] {
                prop_assert_eq!(&expected, &apply(&shop.oms, op), "{} disagrees with memory on {:?}", shop.backend, op);
            }
        }
        for shop in &shops {
            let report = shop.oms.audit().unwrap();
            prop_assert!(report.is_clean(), "{}: {:?}", shop.backend, report.violations);
            prop_assert_eq!(observable(memory), observable(&shop.oms), "{} state differs", shop.backend);
        }
        // Invariant 8: every status change recorded is an edge of the declared graph.
        for record in memory.events_since(0, Some(1000)).unwrap() {
            if let Event::OrderStatusChanged { from, to, .. } = record.event {
                prop_assert!(ORDER_TRANSITIONS.contains(&(from, to)), "{} -> {} is not declared", from, to);
            }
        }
    }

    #[test]
    fn allocation_parts_always_sum_to_the_whole(total in -1_000_000i64..1_000_000, weights in prop::collection::vec(0i64..10_000, 1..12)) {
        let money = Money::from_minor(total, Currency::USD);
        let weights: Vec<rust_decimal::Decimal> = weights.into_iter().map(rust_decimal::Decimal::from).collect();
        let parts = money.allocate(&weights).unwrap();
        prop_assert_eq!(parts.len(), weights.len());
        prop_assert_eq!(parts.iter().map(Money::minor).sum::<i128>(), i128::from(total));
        // No part is more than one minor unit away from its exact share.
        let sum: rust_decimal::Decimal = weights.iter().sum();
        if !sum.is_zero() {
            for (part, weight) in parts.iter().zip(&weights) {
                let exact = rust_decimal::Decimal::from(total) * weight / sum;
                prop_assert!((rust_decimal::Decimal::from(part.minor() as i64) - exact).abs() < rust_decimal::Decimal::ONE);
            }
        }
    }
}
