//! Payment handlers: load the payment (or the order, for an authorization),
//! ask `domain::payment::decide`, evolve through the events, stage the
//! payment and the events. A command whose gateway reference shows it was
//! already applied decides no event and returns the payment as it is.

use super::{append_events, Oms};
use crate::app::records::Records;
use crate::domain::events::Event;
use crate::domain::payment::commands::{AuthorizePayment, CapturePayment, FailPayment, RefundPayment, VoidPayment};
use crate::domain::payment::{decide, OrderPayments, Payment};
use crate::kernel::error::{Entity, Error, Result};
use crate::kernel::ids::{OrderId, PaymentId};
use crate::kernel::time::Timestamp;

fn load(tx: &mut dyn Records, id: &PaymentId) -> Result<Payment> {
    tx.payment(id)?.ok_or_else(|| Error::not_found(Entity::Payment, id))
}

/// Evolves `before` through `events` and stages the result with them; with
/// no events (already applied) returns `before` untouched.
fn stage(tx: &mut dyn Records, before: Option<Payment>, events: Vec<Event>, now: Timestamp) -> Result<Payment> {
    if events.is_empty() {
        return before.ok_or_else(|| Error::storage("a payment command decided nothing about no payment"));
    }
    let payment =
        decide::conclude(before, &events, now)?.ok_or_else(|| Error::storage("payment events named no payment"))?;
    tx.put_payment(&payment)?;
    append_events(tx, now, events)?;
    Ok(payment)
}

/// A payment number the caller has not taken for a payment of their own.
fn new_payment_id(tx: &mut dyn Records) -> Result<PaymentId> {
    loop {
        let id = PaymentId::from_sequence(tx.next_sequence("payment")?);
        if tx.payment(&id)?.is_none() {
            return Ok(id);
        }
    }
}

/// The canonical payload of a command with an amount: its currency filled in
/// from the record it names, so that naming that currency and leaving it out
/// are one request.
fn canonical<C: serde::Serialize + Clone>(command: &C, fill: impl FnOnce(&mut C)) -> Result<String> {
    let mut filled = command.clone();
    fill(&mut filled);
    serde_json::to_string(&filled).map_err(Error::storage)
}

/// The canonical payload of a capture or refund, in the currency of the payment it names.
fn amount_payload(tx: &mut dyn Records, command: &CapturePayment) -> Result<String> {
    let payment = load(tx, &command.payment_id)?;
    canonical(command, |filled| {
        filled.currency.get_or_insert(payment.currency());
    })
}

impl Oms {
    /// A tender was authorized for an order: creates its payment, in the
    /// order's currency. Idempotent on the gateway reference among the
    /// order's payments.
    pub fn authorize_payment(&self, command: AuthorizePayment) -> Result<Payment> {
        command.check()?;
        self.execute_canonical(
            "authorize_payment",
            command.idempotency_key.as_ref(),
            |tx| {
                let order =
                    tx.order(&command.order_id)?.ok_or_else(|| Error::not_found(Entity::Order, &command.order_id))?;
                canonical(&command, |filled| {
                    filled.currency.get_or_insert(order.currency);
                })
            },
            |tx, now| {
                // Reading the order for update serialises the tenders of one order.
                let order =
                    tx.order(&command.order_id)?.ok_or_else(|| Error::not_found(Entity::Order, &command.order_id))?;
                let payments = tx.payments_of(&order.id)?;
                let named = match &command.payment_id {
                    Some(id) => tx.payment(id)?,
                    None => None,
                };
                let events =
                    decide::authorize(order.currency, &payments, named.as_ref(), &command, || new_payment_id(tx))?;
                let before = match events.is_empty() {
                    true => decide::authorized_under(&payments, &command.gateway_reference).cloned(),
                    false => None,
                };
                stage(tx, before, events, now)
            },
        )
    }

    /// Some of an authorization was captured: never more than is authorized and not yet captured.
    pub fn capture_payment(&self, command: CapturePayment) -> Result<Payment> {
        command.check()?;
        let key = command.idempotency_key.as_ref();
        self.execute_canonical(
            "capture_payment",
            key,
            |tx| amount_payload(tx, &command),
            |tx, now| {
                let payment = load(tx, &command.payment_id)?;
                let events = decide::capture(&payment, &command)?;
                stage(tx, Some(payment), events, now)
            },
        )
    }

    /// Some of what was captured was refunded: never more than captured − refunded.
    pub fn refund_payment(&self, command: RefundPayment) -> Result<Payment> {
        command.check()?;
        let key = command.idempotency_key.as_ref();
        self.execute_canonical(
            "refund_payment",
            key,
            |tx| amount_payload(tx, &command),
            |tx, now| {
                let payment = load(tx, &command.payment_id)?;
                let events = decide::refund(&payment, &command)?;
                stage(tx, Some(payment), events, now)
            },
        )
    }

    /// The uncaptured rest of an authorization was voided.
    pub fn void_payment(&self, command: VoidPayment) -> Result<Payment> {
        self.execute("void_payment", command.idempotency_key.as_ref(), &command, |tx, now| {
            let payment = load(tx, &command.payment_id)?;
            let events = decide::void(&payment, &command)?;
            stage(tx, Some(payment), events, now)
        })
    }

    /// The gateway reported that an authorization failed before anything was captured.
    pub fn fail_payment(&self, command: FailPayment) -> Result<Payment> {
        command.check()?;
        self.execute("fail_payment", command.idempotency_key.as_ref(), &command, |tx, now| {
            let payment = load(tx, &command.payment_id)?;
            let events = decide::fail(&payment, &command)?;
            stage(tx, Some(payment), events, now)
        })
    }

    /// One payment by id.
    pub fn get_payment(&self, id: &PaymentId) -> Result<Payment> {
        self.read(|tx| load(tx, id))
    }

    /// An order's payments, their sums and the order's payment status.
    pub fn order_payments(&self, id: &OrderId) -> Result<OrderPayments> {
        self.read(|tx| {
            let order = tx.order(id)?.ok_or_else(|| Error::not_found(Entity::Order, id))?;
            let payments = tx.payments_of(id)?;
            OrderPayments::of(order.id, order.totals.total, payments)
        })
    }
}

/// Invariant 5 over every stored payment, for [`Oms::audit`].
pub(super) fn audit_payments(tx: &mut dyn Records, report: &mut super::AuditReport) -> Result<()> {
    for payment in tx.payments()? {
        report.violations.extend(payment.violations());
    }
    Ok(())
}
