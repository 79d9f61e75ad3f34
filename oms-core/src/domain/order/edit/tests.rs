//! The pure decision of an edit: what it releases and in which order, how
//! added lines are numbered, the events it makes and the order they rebuild,
//! and its refusals.

#![allow(clippy::unwrap_used)]

use super::*;
use crate::domain::commands::LineInput;
use crate::domain::fulfilment::ShipmentLine;
use crate::domain::order::commands::LineChange;
use crate::domain::order::{decide, Fulfilment, LineAllocation, LineQuantities, OrderTotals};
use crate::kernel::ids::{ChannelId, Email, LocationId, OrderId, TaxClass};
use crate::kernel::money::{Currency, Money};
use rust_decimal::Decimal;

fn at() -> crate::kernel::time::Timestamp {
    chrono::DateTime::<chrono::Utc>::UNIX_EPOCH
}

fn channel() -> Channel {
    serde_json::from_value(serde_json::json!({
        "id": "web", "kind": "web", "currency": "USD", "locations": ["east", "west"],
        "prices_include_tax": false, "rounding": {"mode": "half_up", "level": "line"}, "tax_rates": {},
        "safety_stock": 0, "allow_backorders": false, "split_policy": "fewest_shipments",
        "pickup_fallback": "reject", "strategy": "ship_from_warehouse", "max_distance_km": null, "version": 1
    }))
    .unwrap()
}

fn usd(cents: i64) -> Money {
    Money::from_minor(cents, Currency::USD)
}

/// Line 1: 5 mugs at 1.00, 2 allocated at east then 1 at west, 2 backordered; line 3
/// (line 2 was removed before): 1 pen at 2.00, allocated at east. Total 7.00.
fn order() -> Order {
    let line = |line_number, sku: &str, price, quantities, allocations: Vec<(&str, i64)>| OrderLine {
        line_number,
        sku: Sku::new(sku).unwrap(),
        unit_price: usd(price),
        quantities,
        discount: usd(0),
        order_discount_share: usd(0),
        shipping_share: usd(0),
        tax_class: TaxClass::standard(),
        tax_rate: Decimal::ZERO,
        tax: usd(0),
        total: usd(price * quantities.ordered),
        allocations: allocations
            .into_iter()
            .map(|(location, quantity)| LineAllocation { location: LocationId::new(location).unwrap(), quantity })
            .collect(),
    };
    let mugs = LineQuantities { ordered: 5, allocated: 3, backordered: 2, ..LineQuantities::default() };
    let pen = LineQuantities { ordered: 1, allocated: 1, ..LineQuantities::default() };
    Order {
        id: OrderId::from_sequence(1),
        sequence: 1,
        channel: ChannelId::new("web").unwrap(),
        customer_email: Email::new("a@b.io").unwrap(),
        currency: Currency::USD,
        prices_include_tax: false,
        status: OrderStatus::PartiallyAllocated,
        fulfilment: Fulfilment { method: FulfilmentMethod::Ship, location: None, ship_to_region: None },
        hold_reason: None,
        completed_at: None,
        cancel_reason: None,
        lines: vec![
            line(1, "MUG", 100, mugs, vec![("east", 2), ("west", 1)]),
            line(3, "PEN", 200, pen, vec![("east", 1)]),
        ],
        removed_lines: vec![2],
        totals: OrderTotals {
            subtotal: usd(700),
            discount_total: usd(0),
            shipping_total: usd(0),
            tax_total: usd(0),
            total: usd(700),
            tax_summary: vec![crate::domain::order::TaxSummary { rate: Decimal::ZERO, taxable: usd(700), tax: usd(0) }],
        },
        explanation: None,
        shipping_address: None,
        billing_address: None,
        shipping_method: None,
        external_reference: None,
        metadata: Default::default(),
        created_at: at(),
        updated_at: at(),
        version: 1,
    }
}

fn shipment(status: ShipmentStatus, line_number: u32) -> Shipment {
    Shipment {
        id: ShipmentId::from_sequence(7),
        order_id: OrderId::from_sequence(1),
        location: LocationId::new("east").unwrap(),
        status,
        lines: vec![ShipmentLine { line_number, sku: Sku::new("PEN").unwrap(), quantity: 1 }],
        parcels: Vec::new(),
        carrier: None,
        tracking_number: None,
        partner: None,
        shipped_reference: None,
        delivered_reference: None,
        pickup_expires_at: None,
        created_at: at(),
        updated_at: at(),
        version: 1,
    }
}

fn product() -> Product {
    Product {
        sku: Sku::new("CUP").unwrap(),
        name: "Cup".into(),
        tax_class: TaxClass::standard(),
        backorderable: false,
        version: 1,
    }
}

fn command() -> EditOrder {
    EditOrder {
        add_lines: vec![LineInput {
            sku: Sku::new("CUP").unwrap(),
            quantity: 2,
            unit_price: Decimal::new(150, 2),
            discount: None,
        }],
        change_lines: vec![LineChange { line_number: 1, quantity: 3 }],
        remove_lines: vec![3],
        ..EditOrder::new(OrderId::from_sequence(1))
    }
}

#[test]
fn an_edit_releases_newest_first_numbers_after_removed_lines_and_rebuilds_a_sound_order() {
    let (channel, products, pending) = (channel(), [product()], [shipment(ShipmentStatus::Pending, 3)]);
    let context = EditContext { channel: &channel, added_products: &products, shipments: &pending };
    let edit = resolve(&order(), &command(), &context).unwrap();
    let released: Vec<(&str, u32, i64)> = edit
        .released()
        .iter()
        .filter_map(|event| match event {
            Event::StockReleased { location, line_number, quantity, .. } => {
                Some((location.as_str(), *line_number, *quantity))
            }
            _ => None,
        })
        .collect();
    // Line 1 gives 2 back: its newest allocation (west, 1), then east (1); line 3 its pen.
    assert_eq!(released, [("west", 1, 1), ("east", 1, 1), ("east", 3, 1)]);
    assert_eq!(edit.cancelled_shipments(), [ShipmentId::from_sequence(7)]);
    let plan = [PlannedLine {
        allocations: vec![LineAllocation { location: LocationId::new("west").unwrap(), quantity: 2 }],
        unfilled: 0,
    }];
    let events = decide(edit, &plan, &[false]).unwrap();
    let names: Vec<&str> = events.iter().map(Event::name).collect();
    assert_eq!(
        names,
        ["order_edited", "shipment_cancelled", "stock_released", "stock_released", "stock_released", "stock_allocated"]
    );
    let (edited, _) = decide::conclude(order(), events, "edit", at()).unwrap();
    assert!(edited.violations().is_empty(), "{:?}", edited.violations());
    let lines: Vec<(u32, &str, LineQuantities)> =
        edited.lines.iter().map(|line| (line.line_number, line.sku.as_str(), line.quantities)).collect();
    assert_eq!(
        lines,
        [
            (1, "MUG", LineQuantities { ordered: 3, allocated: 1, backordered: 2, ..LineQuantities::default() }),
            (4, "CUP", LineQuantities { ordered: 2, allocated: 2, ..LineQuantities::default() }),
        ]
    );
    assert_eq!((edited.removed_lines.as_slice(), edited.totals.total), ([2, 3].as_slice(), usd(600)));
    assert_eq!(edited.status, OrderStatus::PartiallyAllocated);
}

#[test]
fn picked_lines_and_units_no_stock_can_give_are_refused() {
    let (channel, products) = (channel(), [product()]);
    let picking = [shipment(ShipmentStatus::Picking, 3)];
    let context = EditContext { channel: &channel, added_products: &products, shipments: &picking };
    let refused = resolve(&order(), &command(), &context).unwrap_err();
    assert_eq!((refused.code(), refused.field()), ("line_picked", Some("remove_lines[0]")));
    let moved = EditOrder { shipping_method: Some("express".into()), ..EditOrder::new(OrderId::from_sequence(1)) };
    assert_eq!(resolve(&order(), &moved, &context).unwrap_err().field(), Some("shipping_method"));
    let untouched = EditOrder { remove_lines: Vec::new(), ..command() };
    let edit = resolve(&order(), &untouched, &context).unwrap();
    assert!(edit.cancelled_shipments().is_empty());
    let short = [PlannedLine { allocations: Vec::new(), unfilled: 2 }];
    let error = decide(edit, &short, &[false]).unwrap_err();
    assert_eq!(error, Error::InsufficientStock { sku: "CUP".into(), requested: 2, available: 0 });
    let mut shipped = order();
    shipped.lines[0].quantities.allocated -= 1;
    shipped.lines[0].quantities.shipped = 1;
    shipped.lines[0].allocations[1].quantity = 0;
    shipped.lines[0].allocations.pop();
    let nothing: [Shipment; 0] = [];
    let context = EditContext { channel: &channel, added_products: &products, shipments: &nothing };
    let change = EditOrder {
        change_lines: vec![LineChange { line_number: 1, quantity: 4 }],
        ..EditOrder::new(OrderId::from_sequence(1))
    };
    assert_eq!(resolve(&shipped, &change, &context).unwrap_err().code(), "line_picked");
    let closed = Order { status: OrderStatus::Shipped, ..order() };
    assert_eq!(editable(&closed).unwrap_err().code(), "illegal_transition");
}
