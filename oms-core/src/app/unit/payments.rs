//! Payments in the unit of work: a document per payment, listed per order
//! by its order index (`idx_1`) in the order they were authorized.

use super::{Scan, Unit};
use crate::domain::payment::Payment;
use crate::kernel::error::Result;
use crate::kernel::ids::OrderId;
use crate::storage::contract::{Document, IndexFilter, Term};

/// Microseconds since 1970 (the clock is never earlier nor after 9999: see `time::usable`).
fn micros(payment: &Payment) -> u64 {
    u64::try_from(payment.created_at.timestamp_micros()).unwrap_or(0)
}

impl Unit<'_> {
    pub(super) fn write_payment(&mut self, payment: &Payment) -> Result<()> {
        let doc = Document::typed(payment.id.to_string(), payment.version, payment.clone())
            .at(micros(payment))
            .with(Term::First, payment.order_id.to_string())
            .with(Term::Second, payment.status.as_str());
        self.tx.put("payment", &doc)
    }

    pub(super) fn payments_of_order(&mut self, order: &OrderId) -> Result<Vec<Payment>> {
        self.scan_all("payment", &IndexFilter::Equals(Term::First, order.to_string()), |_, _| Scan::Take)
    }

    pub(super) fn every_payment(&mut self) -> Result<Vec<Payment>> {
        let mut payments: Vec<Payment> = self.scan_all("payment", &IndexFilter::All, |_, _| Scan::Take)?;
        payments.sort_by(|a, b| (&a.order_id, a.created_at, &a.id).cmp(&(&b.order_id, b.created_at, &b.id)));
        Ok(payments)
    }
}
