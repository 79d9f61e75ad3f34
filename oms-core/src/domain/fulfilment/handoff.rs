//! Handing a shipment to a carrier or a third-party logistics partner, and
//! what its goods are worth when they leave: pure rules, no storage.
//!
//! The library makes no network call. Handing over emits one outbox event
//! (`shipment_handed_over`) carrying everything a partner needs; the
//! integration reading the outbox calls the partner and answers with a
//! command (`ship_shipment` with the tracking number, or the partner's
//! delivery confirmation), idempotent on the partner's reference.
//!
//! Capture on shipment: when a channel captures as goods leave, the value
//! of a shipment is split across the order's open authorizations with the
//! one proration primitive ([`Money::allocate_by`]) and emitted as a
//! `capture_requested` event for the integration to capture at its gateway.

use serde::{Deserialize, Serialize};

use crate::domain::fulfilment::Shipment;
use crate::domain::order::Order;
use crate::domain::payment::Payment;
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::PaymentId;
use crate::kernel::money::Money;

/// One tender's part of a capture request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenderCapture {
    pub payment_id: PaymentId,
    pub amount: Money,
}

/// What a shipment's goods are worth and how much of it each open
/// authorization should capture. `uncovered` is the part no authorization
/// can cover (more must be authorized first); zero when fully covered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaptureRequest {
    pub amount: Money,
    pub tenders: Vec<TenderCapture>,
    pub uncovered: Money,
}

/// The value of the first `units` of a line whose total is `total` for
/// `ordered` units: the share the proration primitive gives `units` of
/// `ordered`. Shipments of one line take differences of this, so their
/// values add up to the line's total exactly once every unit has left.
fn value_of_units(total: Money, units: i64, ordered: i64) -> Result<Money> {
    if ordered <= 0 || units <= 0 {
        return Ok(Money::zero(total.currency()));
    }
    let units = units.min(ordered);
    let shares = total.allocate(&[units.into(), (ordered - units).into()])?;
    Ok(shares[0])
}

/// What the goods of `shipment` are worth, line by line, given how many
/// units of each line left in earlier shipments (`shipped_before`, by line
/// number): the line's total (shipping share and tax included) prorated
/// over its ordered units.
pub fn shipment_value(order: &Order, shipment: &Shipment, shipped_before: impl Fn(u32) -> i64) -> Result<Money> {
    let mut value = Money::zero(order.currency);
    for part in &shipment.lines {
        let Some(line) = order.lines.iter().find(|line| line.line_number == part.line_number) else {
            return Err(Error::Internal {
                message: format!("shipment {} names line {} its order lacks", shipment.id, part.line_number),
            });
        };
        let before = shipped_before(part.line_number);
        let ordered = line.quantities.ordered;
        let upto = value_of_units(line.total, before + part.quantity, ordered)?;
        let earlier = value_of_units(line.total, before, ordered)?;
        value = value.checked_add(&upto.checked_sub(&earlier)?)?;
    }
    Ok(value)
}

/// Splits `amount` across the order's payments still open for capture, in
/// proportion to what each has open, never asking a tender for more than
/// it has open; what they cannot cover is `uncovered`.
pub fn capture_request(amount: Money, payments: &[Payment]) -> Result<CaptureRequest> {
    let open: Vec<&Payment> = payments.iter().filter(|payment| payment.uncaptured().minor() > 0).collect();
    let available: i128 = open.iter().map(|payment| payment.uncaptured().minor()).sum();
    let covered = match available >= amount.minor() {
        true => amount,
        false => Money::from_minor(i64::try_from(available).unwrap_or(i64::MAX), amount.currency()),
    };
    let weights: Vec<Money> = open.iter().map(|payment| payment.uncaptured()).collect();
    let shares = match weights.is_empty() || covered.is_zero() {
        true => vec![Money::zero(amount.currency()); open.len()],
        false => covered.allocate_by(&weights)?,
    };
    let tenders = open
        .iter()
        .zip(shares)
        .filter(|(_, share)| !share.is_zero())
        .map(|(payment, share)| TenderCapture { payment_id: payment.id.clone(), amount: share })
        .collect();
    Ok(CaptureRequest { amount, tenders, uncovered: amount.checked_sub(&covered)? })
}
