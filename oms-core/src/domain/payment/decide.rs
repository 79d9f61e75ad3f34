//! Deciding what a payment command does: `decide(state, command) → events |
//! refusal`, pure, beside [`super::evolve`].
//!
//! Every command is idempotent on the gateway's transaction reference: when
//! the payment already holds a transaction of the same action under the same
//! reference, the same request decides no event (the handler returns the
//! payment as it is) and a different one is `gateway_reference_reused`.
//! [`conclude`] evolves the payment through the events and checks each status
//! change against [`super::PAYMENT_TRANSITIONS`] and invariant 5, so what is
//! stored is by construction what the events rebuild.

use super::commands::{AuthorizePayment, CapturePayment, FailPayment, RefundPayment, VoidPayment};
use super::{evolve, Payment, PaymentAction, PaymentStatus};
use crate::domain::events::Event;
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::{GatewayReference, PaymentId};
use crate::kernel::limits::{ORDER_PAYMENTS_MAX, PAYMENT_TRANSACTIONS_MAX};
use crate::kernel::money::{Currency, Money};
use crate::kernel::time::Timestamp;

/// `amount` as money of `currency`, after checking the currency the caller
/// named (if any) is that one; refuses an amount finer than its minor units.
fn money(amount: rust_decimal::Decimal, named: Option<Currency>, currency: Currency) -> Result<Money> {
    if let Some(named) = named {
        if named != currency {
            return Err(Error::CurrencyMismatch {
                field: "currency".into(),
                expected: currency.code().into(),
                found: named.code().into(),
            });
        }
    }
    Money::new(amount, currency).map_err(|error| error.at("amount"))
}

fn reused(reference: &GatewayReference, payment: &PaymentId) -> Error {
    Error::GatewayReferenceReused {
        field: "gateway_reference".into(),
        reference: reference.to_string(),
        payment_id: payment.to_string(),
    }
}

fn illegal(action: &str, payment: &Payment) -> Error {
    Error::IllegalTransition { action: action.into(), from: format!("{} payment", payment.status) }
}

fn room_for_a_transaction(payment: &Payment) -> Result<()> {
    if payment.transactions.len() >= PAYMENT_TRANSACTIONS_MAX {
        return Err(Error::LimitExceeded {
            field: "payment_id".into(),
            message: format!("a payment holds at most {PAYMENT_TRANSACTIONS_MAX} transactions"),
        });
    }
    Ok(())
}

/// The payment among an order's whose authorization carries `reference`.
pub fn authorized_under<'a>(payments: &'a [Payment], reference: &GatewayReference) -> Option<&'a Payment> {
    payments.iter().find(|payment| payment.transaction(PaymentAction::Authorize, reference).is_some())
}

/// Authorizes a tender on an order in `currency` that holds `payments`;
/// `named` is the stored payment with the id the command names, if any;
/// `new_id` names the payment when the command does not.
pub fn authorize(
    currency: Currency,
    payments: &[Payment],
    named: Option<&Payment>,
    command: &AuthorizePayment,
    new_id: impl FnOnce() -> Result<PaymentId>,
) -> Result<Vec<Event>> {
    let amount = money(command.amount, command.currency, currency)?;
    if let Some(done) = authorized_under(payments, &command.gateway_reference) {
        let same = done.kind == command.kind
            && done.authorized == amount
            && command.payment_id.as_ref().is_none_or(|id| id == &done.id);
        return if same { Ok(Vec::new()) } else { Err(reused(&command.gateway_reference, &done.id)) };
    }
    if let Some(named) = named {
        return Err(Error::PaymentExists { field: "payment_id".into(), payment_id: named.id.to_string() });
    }
    if payments.len() >= ORDER_PAYMENTS_MAX {
        return Err(Error::LimitExceeded {
            field: "order_id".into(),
            message: format!("an order takes at most {ORDER_PAYMENTS_MAX} payments"),
        });
    }
    let payment_id = match &command.payment_id {
        Some(id) => id.clone(),
        None => new_id()?,
    };
    Ok(vec![Event::PaymentAuthorized {
        payment_id,
        order_id: command.order_id.clone(),
        kind: command.kind,
        amount,
        gateway_reference: command.gateway_reference.clone(),
    }])
}

/// Captures some of what is authorized and open: never more than that.
pub fn capture(payment: &Payment, command: &CapturePayment) -> Result<Vec<Event>> {
    let amount = money(command.amount, command.currency, payment.currency())?;
    if let Some(done) = payment.transaction(PaymentAction::Capture, &command.gateway_reference) {
        return if done.amount == amount {
            Ok(Vec::new())
        } else {
            Err(reused(&command.gateway_reference, &payment.id))
        };
    }
    if !matches!(payment.status, PaymentStatus::Authorized | PaymentStatus::PartiallyCaptured) {
        return Err(illegal("capture", payment));
    }
    let open = payment.uncaptured();
    if amount.minor() > open.minor() {
        return Err(Error::CaptureExceedsAuthorized {
            field: "amount".into(),
            payment_id: payment.id.to_string(),
            requested: amount.amount().to_string(),
            available: open.amount().to_string(),
        });
    }
    room_for_a_transaction(payment)?;
    Ok(vec![Event::PaymentCaptured {
        payment_id: payment.id.clone(),
        order_id: payment.order_id.clone(),
        amount,
        gateway_reference: command.gateway_reference.clone(),
    }])
}

/// Voids the uncaptured rest of the authorization.
pub fn void(payment: &Payment, command: &VoidPayment) -> Result<Vec<Event>> {
    if payment.transaction(PaymentAction::Void, &command.gateway_reference).is_some() {
        return Ok(Vec::new());
    }
    let open = payment.uncaptured();
    if matches!(payment.status, PaymentStatus::Voided | PaymentStatus::Failed) || open.is_zero() {
        return Err(illegal("void", payment));
    }
    room_for_a_transaction(payment)?;
    Ok(vec![Event::PaymentVoided {
        payment_id: payment.id.clone(),
        order_id: payment.order_id.clone(),
        amount: open,
        gateway_reference: command.gateway_reference.clone(),
    }])
}

/// Refunds some of what was captured and not refunded: never more than that.
pub fn refund(payment: &Payment, command: &RefundPayment) -> Result<Vec<Event>> {
    let amount = money(command.amount, command.currency, payment.currency())?;
    if let Some(done) = payment.transaction(PaymentAction::Refund, &command.gateway_reference) {
        return if done.amount == amount {
            Ok(Vec::new())
        } else {
            Err(reused(&command.gateway_reference, &payment.id))
        };
    }
    let refundable_status = matches!(
        payment.status,
        PaymentStatus::PartiallyCaptured | PaymentStatus::Captured | PaymentStatus::PartiallyRefunded
    );
    if !refundable_status {
        return Err(illegal("refund", payment));
    }
    let left = payment.refundable();
    if amount.minor() > left.minor() {
        return Err(Error::RefundExceedsCaptured {
            field: "amount".into(),
            payment_id: payment.id.to_string(),
            requested: amount.amount().to_string(),
            available: left.amount().to_string(),
        });
    }
    room_for_a_transaction(payment)?;
    Ok(vec![Event::PaymentRefunded {
        payment_id: payment.id.clone(),
        order_id: payment.order_id.clone(),
        amount,
        gateway_reference: command.gateway_reference.clone(),
    }])
}

/// Fails an authorization nothing was captured from.
pub fn fail(payment: &Payment, command: &FailPayment) -> Result<Vec<Event>> {
    if payment.transaction(PaymentAction::Fail, &command.gateway_reference).is_some() {
        return if payment.failure_reason == command.reason {
            Ok(Vec::new())
        } else {
            Err(reused(&command.gateway_reference, &payment.id))
        };
    }
    if payment.status != PaymentStatus::Authorized {
        return Err(illegal("fail", payment));
    }
    Ok(vec![Event::PaymentFailed {
        payment_id: payment.id.clone(),
        order_id: payment.order_id.clone(),
        gateway_reference: command.gateway_reference.clone(),
        reason: command.reason.clone(),
    }])
}

/// Evolves `payment` (`None` before its authorization) through `events` at
/// `at`, checking every status change against the graph and the result
/// against invariant 5. `None` when the events name no payment.
pub fn conclude(payment: Option<Payment>, events: &[Event], at: Timestamp) -> Result<Option<Payment>> {
    let mut state = payment;
    for event in events {
        let before = state.as_ref().map(|payment| payment.status);
        state = evolve(state, event, at);
        if let (Some(from), Some(payment)) = (before, &state) {
            if from != payment.status && !from.can_become(payment.status) {
                return Err(Error::IllegalTransition { action: event.name().into(), from: format!("{from} payment") });
            }
        }
    }
    if let Some(payment) = &state {
        let violations = payment.violations();
        if !violations.is_empty() {
            return Err(Error::storage(format!("refusing to store an unsound payment: {}", violations.join("; "))));
        }
    }
    Ok(state)
}
