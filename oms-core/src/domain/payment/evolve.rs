//! A payment rebuilt from its events: `evolve(state, event, at)`, pure and
//! total. `payment_authorized` creates it; captures, voids, refunds and a
//! failure add their transaction and amounts; each event is one version, and
//! the status follows the amounts ([`Payment::derived_status`]). Events of
//! other payments or of anything else leave the state as it is.

use super::{Payment, PaymentAction, PaymentStatus, PaymentTransaction};
use crate::domain::events::Event;
use crate::kernel::ids::PaymentId;
use crate::kernel::money::Money;
use crate::kernel::time::Timestamp;

/// The payment an event is about, if it is about one.
pub fn payment_of(event: &Event) -> Option<&PaymentId> {
    match event {
        Event::PaymentAuthorized { payment_id, .. }
        | Event::PaymentCaptured { payment_id, .. }
        | Event::PaymentVoided { payment_id, .. }
        | Event::PaymentRefunded { payment_id, .. }
        | Event::PaymentFailed { payment_id, .. } => Some(payment_id),
        _ => None,
    }
}

pub fn evolve(state: Option<Payment>, event: &Event, at: Timestamp) -> Option<Payment> {
    if let Event::PaymentAuthorized { payment_id, order_id, kind, amount, gateway_reference } = event {
        let zero = Money::zero(amount.currency());
        return Some(Payment {
            id: payment_id.clone(),
            order_id: order_id.clone(),
            kind: *kind,
            status: PaymentStatus::Authorized,
            authorized: *amount,
            captured: zero,
            refunded: zero,
            voided: zero,
            failure_reason: None,
            transactions: vec![PaymentTransaction {
                action: PaymentAction::Authorize,
                amount: *amount,
                gateway_reference: gateway_reference.clone(),
                occurred_at: at,
            }],
            created_at: at,
            updated_at: at,
            version: 1,
        });
    }
    let mut payment = state?;
    if payment_of(event) != Some(&payment.id) {
        return Some(payment);
    }
    let (action, amount, reference) = match event {
        Event::PaymentCaptured { amount, gateway_reference, .. } => {
            payment.captured = payment.captured.checked_add(amount).unwrap_or(payment.captured);
            (PaymentAction::Capture, *amount, gateway_reference)
        }
        Event::PaymentVoided { amount, gateway_reference, .. } => {
            payment.voided = payment.voided.checked_add(amount).unwrap_or(payment.voided);
            (PaymentAction::Void, *amount, gateway_reference)
        }
        Event::PaymentRefunded { amount, gateway_reference, .. } => {
            payment.refunded = payment.refunded.checked_add(amount).unwrap_or(payment.refunded);
            (PaymentAction::Refund, *amount, gateway_reference)
        }
        Event::PaymentFailed { gateway_reference, reason, .. } => {
            payment.status = PaymentStatus::Failed;
            payment.failure_reason = reason.clone();
            (PaymentAction::Fail, Money::zero(payment.currency()), gateway_reference)
        }
        _ => return Some(payment),
    };
    payment.transactions.push(PaymentTransaction {
        action,
        amount,
        gateway_reference: reference.clone(),
        occurred_at: at,
    });
    payment.status = payment.derived_status();
    payment.updated_at = at;
    payment.version += 1;
    Some(payment)
}
