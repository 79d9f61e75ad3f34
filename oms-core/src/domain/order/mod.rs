//! Orders: records, the status graph (declared as data), and pure decisions
//! (`decide` for placing, holding, cancelling and re-routing; `edit` for
//! edits, whose command is in `commands`).
//!
//! An order's status is never set by hand: it is derived from the line
//! quantities and the hold flag, and every change of it must be an edge of
//! [`ORDER_TRANSITIONS`].

pub mod commands;
pub mod decide;
pub mod edit;
pub mod evolve;
pub mod pricing;

pub use evolve::evolve;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::domain::address::Address;
use crate::domain::allocation::Explanation;
use crate::domain::catalog::string_enum;
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::{ChannelId, Email, LocationId, OrderId, Sku, TaxClass};
use crate::kernel::money::{Currency, Money};
use crate::kernel::time::Timestamp;

string_enum!(
    /// Where an order stands. Derived, never assigned.
    OrderStatus, "status" {
        Placed = "placed",
        Allocated = "allocated",
        PartiallyAllocated = "partially_allocated",
        Backordered = "backordered",
        PartiallyShipped = "partially_shipped",
        Shipped = "shipped",
        Delivered = "delivered",
        Completed = "completed",
        ReadyForPickup = "ready_for_pickup",
        PickedUp = "picked_up",
        OnHold = "on_hold",
        Cancelled = "cancelled",
    }
);

use OrderStatus as S;

/// Every permitted change of order status, as data: docs, diagrams and tests
/// read this same table. A status change not listed here is `illegal_transition`.
///
/// `placed` is where a placement starts, never where an order rests: placing
/// allocates or backorders every unit, or is refused. A unit shipped cannot
/// be cancelled, so cancelling what is left of a partly shipped order makes
/// it `shipped`, not `cancelled`. `tests/order_life_cycle.rs` takes every
/// edge with a real command on every backend.
pub const ORDER_TRANSITIONS: &[(OrderStatus, OrderStatus)] = &[
    (S::Placed, S::Allocated),
    (S::Placed, S::PartiallyAllocated),
    (S::Placed, S::Backordered),
    // A point-of-sale order is sold and handed over at the till in one step.
    (S::Placed, S::Completed),
    (S::PartiallyAllocated, S::Allocated),
    (S::PartiallyAllocated, S::Backordered),
    (S::PartiallyAllocated, S::PartiallyShipped),
    (S::PartiallyAllocated, S::OnHold),
    (S::PartiallyAllocated, S::Cancelled),
    // A pickup order's backordered rest is cancelled while its allocated units wait at the counter.
    (S::PartiallyAllocated, S::ReadyForPickup),
    (S::Allocated, S::PartiallyAllocated),
    (S::Allocated, S::Backordered),
    (S::Allocated, S::PartiallyShipped),
    (S::Allocated, S::Shipped),
    (S::Allocated, S::ReadyForPickup),
    (S::Allocated, S::OnHold),
    (S::Allocated, S::Cancelled),
    (S::Backordered, S::Allocated),
    (S::Backordered, S::PartiallyAllocated),
    (S::Backordered, S::OnHold),
    (S::Backordered, S::Cancelled),
    (S::PartiallyShipped, S::Shipped),
    (S::PartiallyShipped, S::OnHold),
    // A pickup order collected in parts: the rest becomes ready after the first part was handed over.
    (S::PartiallyShipped, S::ReadyForPickup),
    (S::Shipped, S::Delivered),
    // A pickup order's goods sent to its store by carrier (the `ship_to_store`
    // fallback) count as collected once delivered there: the store's own
    // hand-over of such goods is not modelled.
    (S::Shipped, S::PickedUp),
    (S::Delivered, S::Completed),
    (S::ReadyForPickup, S::PickedUp),
    (S::ReadyForPickup, S::Cancelled),
    // What waited at the counter is collected while goods sent to the store by carrier are still on their way.
    (S::ReadyForPickup, S::Shipped),
    (S::PickedUp, S::Completed),
    (S::OnHold, S::Allocated),
    (S::OnHold, S::PartiallyAllocated),
    (S::OnHold, S::Backordered),
    (S::OnHold, S::PartiallyShipped),
    (S::OnHold, S::Cancelled),
    // What is left of a held, partly shipped order is cancelled: all that remains has shipped.
    (S::OnHold, S::Shipped),
];

impl OrderStatus {
    /// Whether the graph declares the edge `self → to`.
    pub fn can_become(self, to: OrderStatus) -> bool {
        ORDER_TRANSITIONS.contains(&(self, to))
    }

    /// Whether the order can still be cancelled: some unit has not shipped.
    /// A partly shipped order is cancellable although it becomes `shipped`
    /// (its shipped units stay), not `cancelled`.
    pub fn is_cancellable(self) -> bool {
        self.can_become(OrderStatus::Cancelled) || self == OrderStatus::PartiallyShipped
    }
}

/// Units of one line by stage. `cancelled + allocated + backordered + shipped == ordered`;
/// `ready_for_pickup` is the part of `allocated` waiting at the pickup counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LineQuantities {
    pub ordered: i64,
    pub cancelled: i64,
    pub allocated: i64,
    pub backordered: i64,
    pub shipped: i64,
    pub returned: i64,
    /// Shipped units the carrier delivered (never more than shipped).
    #[serde(default)]
    pub delivered: i64,
    /// Allocated units picked at the pickup store and waiting to be collected
    /// (never more than allocated). Handed over, they count shipped and delivered.
    #[serde(default)]
    pub ready_for_pickup: i64,
}

impl LineQuantities {
    /// Units not cancelled.
    pub fn open(&self) -> i64 {
        self.ordered - self.cancelled
    }

    /// Whether the stage quantities add up (invariant 4).
    pub fn balanced(&self) -> bool {
        self.cancelled + self.allocated + self.backordered + self.shipped == self.ordered
            && self.returned <= self.shipped
            && self.delivered <= self.shipped
            && self.delivered >= 0
            && (0..=self.allocated).contains(&self.ready_for_pickup)
            && [self.cancelled, self.allocated, self.backordered, self.shipped, self.returned].iter().all(|q| *q >= 0)
    }
}

/// Units of a line promised from one location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineAllocation {
    pub location: LocationId,
    pub quantity: i64,
}

/// One line of an order, with its price broken down exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLine {
    /// 1-based position in the order.
    pub line_number: u32,
    pub sku: Sku,
    pub unit_price: Money,
    pub quantities: LineQuantities,
    /// The line's own discount.
    pub discount: Money,
    /// This line's part of the order-level discount.
    pub order_discount_share: Money,
    /// This line's part of the shipping charge.
    pub shipping_share: Money,
    pub tax_class: TaxClass,
    pub tax_rate: Decimal,
    /// Tax on the line (included in the price when the channel's prices include tax).
    pub tax: Money,
    /// What the customer pays for the line, shipping share and tax included.
    pub total: Money,
    pub allocations: Vec<LineAllocation>,
}

/// Tax of one rate over a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxSummary {
    pub rate: Decimal,
    /// The amount the rate applies to (net of tax).
    pub taxable: Money,
    pub tax: Money,
}

/// An order's money, exact to the minor unit:
/// `subtotal − discount_total + shipping_total (+ tax_total when prices exclude tax) = total`,
/// and `total` is the sum of the line totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderTotals {
    /// Σ unit price × quantity.
    pub subtotal: Money,
    /// Line discounts plus the order discount.
    pub discount_total: Money,
    pub shipping_total: Money,
    pub tax_total: Money,
    pub total: Money,
    pub tax_summary: Vec<TaxSummary>,
}

string_enum!(
    /// How the goods reach the customer.
    FulfilmentMethod, "fulfilment" {
        Ship = "ship",
        Pickup = "pickup",
        PointOfSale = "point_of_sale",
    }
);

/// Where and how an order is fulfilled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fulfilment {
    pub method: FulfilmentMethod,
    /// The pickup store or the till's store.
    pub location: Option<LocationId>,
    /// The region the parcel goes to, for shipped orders.
    pub ship_to_region: Option<String>,
}

/// A customer's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    pub id: OrderId,
    /// Position in the store's order sequence; the paging cursor.
    pub sequence: u64,
    pub channel: ChannelId,
    pub customer_email: Email,
    pub currency: Currency,
    pub prices_include_tax: bool,
    pub status: OrderStatus,
    pub fulfilment: Fulfilment,
    /// Set while the order is on hold, with the reason given.
    pub hold_reason: Option<String>,
    pub cancel_reason: Option<String>,
    pub lines: Vec<OrderLine>,
    /// The numbers of lines an edit removed, ascending. An added line takes
    /// the number after every line the order ever had, so that a number
    /// never names two lines (in the outbox, in shipments).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed_lines: Vec<u32>,
    /// Totals as placed, or as the last edit repriced them. Cancelling lines
    /// changes quantities, not these figures; the money owed back is settled
    /// by refunds and credit notes.
    pub totals: OrderTotals,
    /// Why stock came from where it did, when the caller asked for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Explanation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_address: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_address: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_method: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_reference: Option<String>,
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub metadata: std::collections::BTreeMap<String, String>,
    /// When a delivered or collected order was closed (`complete_order`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(serialize_with = "crate::kernel::time::rfc3339::option::serialize")]
    pub completed_at: Option<Timestamp>,
    #[serde(serialize_with = "crate::kernel::time::rfc3339::serialize")]
    pub created_at: Timestamp,
    #[serde(serialize_with = "crate::kernel::time::rfc3339::serialize")]
    pub updated_at: Timestamp,
    pub version: u64,
}

impl Order {
    /// The order as it stood when placed, before any stock moved for it:
    /// each line with only its ordered quantity, no allocations, status
    /// `placed`. `OrderPlaced` carries it, and [`evolve`] brings it forward.
    pub fn as_placed(&self) -> Order {
        let mut placed = self.clone();
        placed.status = OrderStatus::Placed;
        placed.hold_reason = None;
        placed.cancel_reason = None;
        placed.completed_at = None;
        placed.updated_at = placed.created_at;
        placed.version = 0;
        for line in &mut placed.lines {
            line.quantities = LineQuantities { ordered: line.quantities.ordered, ..LineQuantities::default() };
            line.allocations.clear();
        }
        placed
    }

    /// The status the quantities and hold flag imply.
    pub fn derived_status(&self) -> OrderStatus {
        let status = derive_status(&self.lines, self.hold_reason.is_some());
        match (status, self.fulfilment.method) {
            // Handed over at the till: nothing is left to deliver.
            (OrderStatus::Shipped, FulfilmentMethod::PointOfSale) => OrderStatus::Completed,
            // Handed over at the counter: every unit is shipped and delivered at once.
            (OrderStatus::Delivered, FulfilmentMethod::Pickup) if self.completed_at.is_none() => OrderStatus::PickedUp,
            // Closed by `complete_order` once everything reached the customer.
            (OrderStatus::Delivered, _) if self.completed_at.is_some() => OrderStatus::Completed,
            _ => status,
        }
    }

    /// Moves the order to its derived status, checking the edge against the graph.
    pub(crate) fn settle_status(&mut self, action: &str) -> Result<Option<(OrderStatus, OrderStatus)>> {
        let from = self.status;
        let to = self.derived_status();
        if from == to {
            return Ok(None);
        }
        if !from.can_become(to) {
            return Err(Error::IllegalTransition { action: action.into(), from: from.to_string() });
        }
        self.status = to;
        Ok(Some((from, to)))
    }

    /// Every broken invariant of this order, as sentences; empty when sound.
    pub fn violations(&self) -> Vec<String> {
        let mut found = Vec::new();
        for line in &self.lines {
            if !line.quantities.balanced() {
                found.push(format!(
                    "{} line {}: quantities do not balance: {:?}",
                    self.id, line.line_number, line.quantities
                ));
            }
            let allocated: i64 = line.allocations.iter().map(|a| a.quantity).sum();
            if allocated != line.quantities.allocated {
                found.push(format!(
                    "{} line {}: allocations sum to {allocated}, line says {}",
                    self.id, line.line_number, line.quantities.allocated
                ));
            }
        }
        found.extend(pricing::total_violations(self));
        if self.status != self.derived_status() {
            found.push(format!("{}: status {} but quantities imply {}", self.id, self.status, self.derived_status()));
        }
        found
    }
}

/// The status implied by line quantities and whether a hold is set.
pub fn derive_status(lines: &[OrderLine], on_hold: bool) -> OrderStatus {
    let sum = |stage: fn(&LineQuantities) -> i64| lines.iter().map(|line| stage(&line.quantities)).sum::<i64>();
    let open = sum(LineQuantities::open);
    if open == 0 {
        return OrderStatus::Cancelled;
    }
    if on_hold {
        return OrderStatus::OnHold;
    }
    let (allocated, backordered, shipped) = (sum(|q| q.allocated), sum(|q| q.backordered), sum(|q| q.shipped));
    let (delivered, ready) = (sum(|q| q.delivered), sum(|q| q.ready_for_pickup));
    if ready > 0 && ready + shipped == open {
        // Every unit not yet handed over waits at the pickup counter.
        OrderStatus::ReadyForPickup
    } else if shipped == open && delivered == open {
        OrderStatus::Delivered
    } else if shipped == open {
        OrderStatus::Shipped
    } else if shipped > 0 {
        OrderStatus::PartiallyShipped
    } else if allocated == open {
        OrderStatus::Allocated
    } else if allocated > 0 {
        OrderStatus::PartiallyAllocated
    } else if backordered > 0 {
        OrderStatus::Backordered
    } else {
        OrderStatus::Placed
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_status_is_reachable_from_placed() {
        let mut reached = vec![OrderStatus::Placed];
        let mut frontier = vec![OrderStatus::Placed];
        while let Some(from) = frontier.pop() {
            for (edge_from, to) in ORDER_TRANSITIONS {
                if *edge_from == from && !reached.contains(to) {
                    reached.push(*to);
                    frontier.push(*to);
                }
            }
        }
        for status in OrderStatus::ALL {
            assert!(reached.contains(status), "{status} unreachable");
        }
    }

    #[test]
    fn a_pickup_order_is_ready_when_every_unit_left_to_collect_waits_at_the_counter() {
        let zero = Money::zero(Currency::USD);
        let line = |quantities: LineQuantities| OrderLine {
            line_number: 1,
            sku: Sku::new("MUG").unwrap(),
            unit_price: zero,
            quantities,
            discount: zero,
            order_discount_share: zero,
            shipping_share: zero,
            tax_class: TaxClass::standard(),
            tax_rate: Decimal::ZERO,
            tax: zero,
            total: zero,
            allocations: Vec::new(),
        };
        let q = |allocated, ready_for_pickup, shipped| LineQuantities {
            ordered: 3,
            allocated,
            ready_for_pickup,
            shipped,
            delivered: shipped,
            ..LineQuantities::default()
        };
        let status = |quantities| derive_status(&[line(quantities)], false);
        assert_eq!(status(q(3, 1, 0)), OrderStatus::Allocated, "one of three ready");
        assert_eq!(status(q(3, 3, 0)), OrderStatus::ReadyForPickup);
        assert_eq!(status(q(2, 2, 1)), OrderStatus::ReadyForPickup, "the rest after a first part was collected");
        assert_eq!(status(q(2, 0, 1)), OrderStatus::PartiallyShipped);
        assert_eq!(status(q(0, 0, 3)), OrderStatus::Delivered, "a pickup order makes it picked_up");
        let too_many = LineQuantities { ready_for_pickup: 4, ..q(3, 3, 0) };
        assert!(q(3, 3, 0).balanced() && !too_many.balanced(), "ready units are allocated units");
    }

    #[test]
    fn nothing_leaves_cancelled_or_completed() {
        for (from, _) in ORDER_TRANSITIONS {
            assert_ne!(*from, OrderStatus::Cancelled);
            assert_ne!(*from, OrderStatus::Completed);
        }
        assert!(!OrderStatus::Shipped.is_cancellable());
        assert!(OrderStatus::PartiallyShipped.is_cancellable());
    }
}
