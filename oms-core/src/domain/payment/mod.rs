//! Payments: one record per tender on an order (card through a gateway the
//! integration owns, gift card, store credit, cash at a till, cash on
//! delivery), each in the order's currency.
//!
//! A payment is created when its authorization is reported
//! (`payment_authorized`) and moves along [`PAYMENT_TRANSITIONS`]:
//! captured (partially, several times), voided (the uncaptured rest),
//! refunded (partially), or failed. Its status is derived from its amounts,
//! never assigned (see [`Payment::derived_status`]). The library calls no
//! gateway: the integration reports each outcome as a command naming the
//! gateway's transaction reference, which makes the command idempotent.
//!
//! - `commands`: what the integration reports;
//! - `decide`: command + payment → events or a refusal, pure;
//! - `evolve`: payment + event → payment, pure and total;
//! - here: the record, its status graph as data, and the order's payment
//!   status with its sums ([`OrderPayments`]).

pub mod commands;
pub mod decide;
pub mod evolve;

pub use evolve::evolve;

use serde::{Deserialize, Serialize};

use crate::domain::catalog::string_enum;
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::{GatewayReference, OrderId, PaymentId};
use crate::kernel::money::{Currency, Money};
use crate::kernel::time::Timestamp;

string_enum!(
    /// The kind of tender.
    PaymentKind, "kind" {
        /// A card, through a payment gateway the integration owns.
        Card = "card",
        GiftCard = "gift_card",
        StoreCredit = "store_credit",
        /// Cash taken at a point of sale.
        Cash = "cash",
        /// Cash collected by the carrier at delivery.
        CashOnDelivery = "cash_on_delivery",
    }
);

string_enum!(
    /// Where one payment stands. Derived from its amounts, never assigned.
    PaymentStatus, "status" {
        /// Authorized; nothing captured yet.
        Authorized = "authorized",
        /// Some captured, some still authorized and open for capture; nothing refunded.
        PartiallyCaptured = "partially_captured",
        /// Captured, nothing left open (the rest captured or voided); nothing refunded.
        Captured = "captured",
        /// Some of what was captured has been refunded.
        PartiallyRefunded = "partially_refunded",
        /// Everything captured has been refunded.
        Refunded = "refunded",
        /// The whole authorization was voided before anything was captured.
        Voided = "voided",
        /// The gateway reported the authorization failed before anything was captured.
        Failed = "failed",
    }
);

use PaymentStatus as P;

/// Every permitted change of payment status, as data: docs, diagrams and
/// tests read this same table. Captures come before refunds: once anything
/// is refunded a payment takes no more captures (its open rest can still be
/// voided, which changes no status).
pub const PAYMENT_TRANSITIONS: &[(PaymentStatus, PaymentStatus)] = &[
    (P::Authorized, P::PartiallyCaptured),
    (P::Authorized, P::Captured),
    (P::Authorized, P::Voided),
    (P::Authorized, P::Failed),
    (P::PartiallyCaptured, P::Captured),
    (P::PartiallyCaptured, P::PartiallyRefunded),
    (P::PartiallyCaptured, P::Refunded),
    (P::Captured, P::PartiallyRefunded),
    (P::Captured, P::Refunded),
    (P::PartiallyRefunded, P::Refunded),
];

impl PaymentStatus {
    /// Whether the graph declares the edge `self → to`.
    pub fn can_become(self, to: PaymentStatus) -> bool {
        PAYMENT_TRANSITIONS.contains(&(self, to))
    }
}

string_enum!(
    /// What one transaction of a payment did.
    PaymentAction, "action" {
        Authorize = "authorize",
        Capture = "capture",
        Void = "void",
        Refund = "refund",
        Fail = "fail",
    }
);

/// One transaction the gateway reported on a payment, under its reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentTransaction {
    pub action: PaymentAction,
    /// What it moved: authorized, captured, voided or refunded (zero for a failure).
    pub amount: Money,
    pub gateway_reference: GatewayReference,
    #[serde(serialize_with = "crate::kernel::time::rfc3339::serialize")]
    pub occurred_at: Timestamp,
}

/// One tender on an order. Invariant 5: `refunded ≤ captured ≤ authorized`,
/// and `captured + voided ≤ authorized`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    pub id: PaymentId,
    pub order_id: OrderId,
    pub kind: PaymentKind,
    pub status: PaymentStatus,
    /// The authorization's amount (its currency is the payment's).
    pub authorized: Money,
    /// Every capture, summed.
    pub captured: Money,
    /// Every refund, summed.
    pub refunded: Money,
    /// The uncaptured rest given back by a void.
    pub voided: Money,
    /// Why the gateway failed it, if it did and said.
    pub failure_reason: Option<String>,
    /// Every transaction, oldest first: the authorization, then captures, voids, refunds, failure.
    pub transactions: Vec<PaymentTransaction>,
    #[serde(serialize_with = "crate::kernel::time::rfc3339::serialize")]
    pub created_at: Timestamp,
    #[serde(serialize_with = "crate::kernel::time::rfc3339::serialize")]
    pub updated_at: Timestamp,
    /// The number of events it was built from.
    pub version: u64,
}

impl Payment {
    pub fn currency(&self) -> Currency {
        self.authorized.currency()
    }

    /// What is authorized and still open for capture: `authorized − captured
    /// − voided`, nothing once failed.
    pub fn uncaptured(&self) -> Money {
        if self.status == PaymentStatus::Failed {
            return Money::zero(self.currency());
        }
        let open = self.authorized.minor() - self.captured.minor() - self.voided.minor();
        Money::from_minor(i64::try_from(open).unwrap_or(0), self.currency())
    }

    /// What can still be refunded: `captured − refunded`.
    pub fn refundable(&self) -> Money {
        let left = self.captured.minor() - self.refunded.minor();
        Money::from_minor(i64::try_from(left).unwrap_or(0), self.currency())
    }

    /// The status the amounts say, checked in this order: failed (as
    /// reported); refunded when something was captured and all of it
    /// refunded; partially refunded when some was; captured when nothing is
    /// left open; partially captured when something was captured; voided
    /// when the whole authorization was; authorized otherwise.
    pub fn derived_status(&self) -> PaymentStatus {
        let (captured, refunded) = (self.captured.minor(), self.refunded.minor());
        if self.status == PaymentStatus::Failed {
            PaymentStatus::Failed
        } else if captured > 0 && refunded == captured {
            PaymentStatus::Refunded
        } else if refunded > 0 {
            PaymentStatus::PartiallyRefunded
        } else if captured > 0 && self.uncaptured().is_zero() {
            PaymentStatus::Captured
        } else if captured > 0 {
            PaymentStatus::PartiallyCaptured
        } else if self.voided.minor() > 0 {
            PaymentStatus::Voided
        } else {
            PaymentStatus::Authorized
        }
    }

    /// The transaction of `action` recorded under `reference`, if any.
    pub fn transaction(&self, action: PaymentAction, reference: &GatewayReference) -> Option<&PaymentTransaction> {
        self.transactions.iter().find(|done| done.action == action && &done.gateway_reference == reference)
    }

    /// What breaks invariant 5 (or the status), as sentences.
    pub fn violations(&self) -> Vec<String> {
        let mut found = Vec::new();
        let (authorized, captured, refunded, voided) =
            (self.authorized.minor(), self.captured.minor(), self.refunded.minor(), self.voided.minor());
        let currencies = [self.captured.currency(), self.refunded.currency(), self.voided.currency()];
        if currencies.iter().any(|currency| *currency != self.currency()) {
            found.push(format!("payment {}: amounts in more than one currency", self.id));
        }
        if [authorized, captured, refunded, voided].iter().any(|amount| *amount < 0) {
            found.push(format!("payment {}: a negative amount", self.id));
        }
        if refunded > captured {
            found.push(format!("payment {}: refunded {} exceeds captured {}", self.id, self.refunded, self.captured));
        }
        if captured + voided > authorized {
            found.push(format!(
                "payment {}: captured {} and voided {} exceed authorized {}",
                self.id, self.captured, self.voided, self.authorized
            ));
        }
        if self.status != self.derived_status() {
            found.push(format!(
                "payment {}: status {} but its amounts say {}",
                self.id,
                self.status,
                self.derived_status()
            ));
        }
        found
    }
}

string_enum!(
    /// Where an order stands with its payments, derived from its tenders (see [`OrderPayments::status_of`]).
    OrderPaymentStatus, "payment_status" {
        Unpaid = "unpaid",
        Authorized = "authorized",
        PartiallyPaid = "partially_paid",
        Paid = "paid",
        PartiallyRefunded = "partially_refunded",
        Refunded = "refunded",
        Overpaid = "overpaid",
    }
);

/// An order's payments and what they add up to, exact to the minor unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderPayments {
    pub order_id: OrderId,
    pub status: OrderPaymentStatus,
    /// The order's total, as placed.
    pub total: Money,
    /// Σ over tenders not failed of what was authorized less what was voided
    /// (what was captured included).
    pub authorized: Money,
    /// Σ captured.
    pub captured: Money,
    /// Σ refunded.
    pub refunded: Money,
    /// `total − (captured − refunded)`: what the customer still owes;
    /// negative when overpaid.
    pub balance: Money,
    /// Every tender, in the order they were authorized.
    pub payments: Vec<Payment>,
}

impl OrderPayments {
    /// Refuses (`payment_required`, about `field`) unless the order is
    /// `paid` or `overpaid`: on a channel that requires payment before
    /// shipping, goods leave only then.
    pub fn require_paid(&self, field: &str) -> Result<()> {
        match self.status {
            OrderPaymentStatus::Paid | OrderPaymentStatus::Overpaid => Ok(()),
            _ => Err(self.required(field)),
        }
    }

    /// Refuses (`payment_required`, about `field`) while a recorded tender is
    /// left to capture: an order with tenders that is `unpaid`, `authorized`
    /// or `partially_paid` is not closed. With no tender recorded, the order
    /// was paid outside the library.
    pub fn require_settled(&self, field: &str) -> Result<()> {
        let open = matches!(
            self.status,
            OrderPaymentStatus::Unpaid | OrderPaymentStatus::Authorized | OrderPaymentStatus::PartiallyPaid
        );
        if open && !self.payments.is_empty() {
            return Err(self.required(field));
        }
        Ok(())
    }

    fn required(&self, field: &str) -> Error {
        Error::PaymentRequired {
            field: field.into(),
            order_id: self.order_id.to_string(),
            status: self.status.as_str().into(),
        }
    }

    /// Sums the tenders of an order whose total is `total`.
    pub fn of(order_id: OrderId, total: Money, payments: Vec<Payment>) -> Result<OrderPayments> {
        let zero = Money::zero(total.currency());
        let (mut authorized, mut captured, mut refunded, mut open) = (zero, zero, zero, zero);
        for payment in &payments {
            if payment.status != PaymentStatus::Failed {
                authorized = authorized.checked_add(&payment.authorized)?.checked_sub(&payment.voided)?;
            }
            captured = captured.checked_add(&payment.captured)?;
            refunded = refunded.checked_add(&payment.refunded)?;
            open = open.checked_add(&payment.uncaptured())?;
        }
        let net = captured.checked_sub(&refunded)?;
        let balance = total.checked_sub(&net)?;
        let status = OrderPayments::status_of(&total, &captured, &refunded, &open);
        Ok(OrderPayments { order_id, status, total, authorized, captured, refunded, balance, payments })
    }

    /// The order's payment status, from the total `T`, Σ captured `C`, Σ
    /// refunded `R` and the authorizations still open for capture, with
    /// `N = C − R` (what the customer has paid net), the first that holds:
    ///
    /// 1. `overpaid`: `N > T`;
    /// 2. `refunded`: `R > 0` and `N = 0`;
    /// 3. `paid`: `N = T` (an order whose total is zero is paid from the start);
    /// 4. `partially_refunded`: `R > 0` (so `0 < N < T`);
    /// 5. `partially_paid`: `N > 0` (nothing refunded, `N < T`);
    /// 6. `authorized`: nothing captured, some authorization open;
    /// 7. `unpaid`: nothing captured and nothing authorized.
    pub fn status_of(total: &Money, captured: &Money, refunded: &Money, open: &Money) -> OrderPaymentStatus {
        let (total, refunded) = (total.minor(), refunded.minor());
        let net = captured.minor() - refunded;
        if net > total {
            OrderPaymentStatus::Overpaid
        } else if refunded > 0 && net == 0 {
            OrderPaymentStatus::Refunded
        } else if net == total {
            OrderPaymentStatus::Paid
        } else if refunded > 0 {
            OrderPaymentStatus::PartiallyRefunded
        } else if net > 0 {
            OrderPaymentStatus::PartiallyPaid
        } else if open.minor() > 0 {
            OrderPaymentStatus::Authorized
        } else {
            OrderPaymentStatus::Unpaid
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn usd(minor: i64) -> Money {
        Money::from_minor(minor, Currency::USD)
    }

    #[test]
    fn paid_and_settled_are_asked_of_the_order_payment_status() {
        let order = OrderId::from_sequence(1);
        let total = Money::new(rust_decimal::Decimal::new(1000, 2), Currency::USD).unwrap();
        let none = OrderPayments::of(order, total, Vec::new()).unwrap();
        assert_eq!(none.status, OrderPaymentStatus::Unpaid);
        let refused = none.require_paid("shipment_id").unwrap_err();
        assert_eq!((refused.code(), refused.field()), ("payment_required", Some("shipment_id")));
        assert!(none.require_settled("order_id").is_ok(), "no tender recorded: paid outside the library");
    }

    #[test]
    fn the_order_payment_status_follows_its_rules_in_order() {
        let status = |total, captured, refunded, open| {
            OrderPayments::status_of(&usd(total), &usd(captured), &usd(refunded), &usd(open))
        };
        // One row per rule, with precedence: (total, captured, refunded, open) → status.
        let rows = [
            ((100, 150, 0, 0), OrderPaymentStatus::Overpaid),
            ((100, 150, 40, 0), OrderPaymentStatus::Overpaid),
            ((100, 100, 100, 0), OrderPaymentStatus::Refunded),
            ((100, 100, 0, 0), OrderPaymentStatus::Paid),
            ((100, 150, 50, 0), OrderPaymentStatus::Paid),
            ((0, 0, 0, 0), OrderPaymentStatus::Paid),
            ((100, 100, 30, 0), OrderPaymentStatus::PartiallyRefunded),
            ((100, 60, 0, 40), OrderPaymentStatus::PartiallyPaid),
            ((100, 0, 0, 100), OrderPaymentStatus::Authorized),
            ((100, 0, 0, 0), OrderPaymentStatus::Unpaid),
        ];
        for ((total, captured, refunded, open), expected) in rows {
            assert_eq!(status(total, captured, refunded, open), expected, "{total} {captured} {refunded} {open}");
        }
    }

    #[test]
    fn every_edge_of_the_graph_is_between_known_statuses_and_terminal_ones_have_none() {
        for terminal in [P::Refunded, P::Voided, P::Failed] {
            assert!(PAYMENT_TRANSITIONS.iter().all(|(from, _)| *from != terminal), "{terminal}");
        }
        assert!(P::Authorized.can_become(P::Captured));
        assert!(!P::PartiallyRefunded.can_become(P::PartiallyCaptured));
    }
}
