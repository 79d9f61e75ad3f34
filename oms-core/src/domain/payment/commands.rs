//! What the integration reports about payments, as commands (verbs). Each
//! names the gateway's transaction reference, on which it is idempotent,
//! and takes the usual optional idempotency key. Amounts are decimal text
//! read exactly (see [`crate::domain::commands::amount`]), in the order's
//! currency.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::PaymentKind;
use crate::domain::commands::amount;
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::{check_text, GatewayReference, IdempotencyKey, OrderId, PaymentId};
use crate::kernel::limits::AMOUNT_MAX;
use crate::kernel::money::Currency;

/// A tender was authorized for an order: creates its payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorizePayment {
    pub order_id: OrderId,
    /// The caller's id for the payment; the library names it `pay-…` when `None`.
    #[serde(default)]
    pub payment_id: Option<PaymentId>,
    pub kind: PaymentKind,
    #[serde(serialize_with = "crate::kernel::money::exact::serialize", deserialize_with = "amount::deserialize")]
    pub amount: Decimal,
    /// When given, must be the order's currency (`currency_mismatch` otherwise).
    #[serde(default)]
    pub currency: Option<Currency>,
    /// The gateway's reference of the authorization (a till's receipt for cash).
    pub gateway_reference: GatewayReference,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

/// Some of an authorization was captured (partial and repeated captures are fine).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapturePayment {
    pub payment_id: PaymentId,
    #[serde(serialize_with = "crate::kernel::money::exact::serialize", deserialize_with = "amount::deserialize")]
    pub amount: Decimal,
    /// When given, must be the payment's currency.
    #[serde(default)]
    pub currency: Option<Currency>,
    pub gateway_reference: GatewayReference,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

/// Some of what was captured was refunded.
pub type RefundPayment = CapturePayment;

/// The uncaptured rest of an authorization was voided (released).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoidPayment {
    pub payment_id: PaymentId,
    pub gateway_reference: GatewayReference,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

/// The gateway reported that an authorization failed (declined after the
/// fact, expired, a cash-on-delivery parcel refused) before anything was captured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailPayment {
    pub payment_id: PaymentId,
    pub gateway_reference: GatewayReference,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

/// Checks what an amount can be told without its currency: positive and
/// within [`AMOUNT_MAX`]. Its minor units are checked against the order's currency.
pub(crate) fn positive_amount(field: &str, amount: Decimal) -> Result<()> {
    if amount.is_sign_negative() || amount.is_zero() {
        return Err(Error::invalid_amount(field, format!("must be positive, got {amount}")));
    }
    if amount > Decimal::from(AMOUNT_MAX) {
        return Err(Error::invalid_amount(field, format!("{amount} exceeds {AMOUNT_MAX}")));
    }
    Ok(())
}

impl AuthorizePayment {
    /// The checks that need no storage, in field order.
    pub fn check(&self) -> Result<()> {
        positive_amount("amount", self.amount)
    }
}

impl CapturePayment {
    /// The checks that need no storage, in field order.
    pub fn check(&self) -> Result<()> {
        positive_amount("amount", self.amount)
    }
}

impl FailPayment {
    /// The checks that need no storage, in field order.
    pub fn check(&self) -> Result<()> {
        match &self.reason {
            Some(reason) => check_text("reason", reason),
            None => Ok(()),
        }
    }
}
