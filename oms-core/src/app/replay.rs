//! Replaying the event log: every stored order must be what its events say.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Oms;
use crate::app::records::{OrderFilter, Records};
use crate::domain::order::{evolve, evolve::order_of, Order};
use crate::kernel::error::Result;
use crate::kernel::ids::OrderId;
use crate::kernel::limits::PAGE_LIMIT_MAX;

/// The result of [`Oms::verify_replay`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReplayReport {
    /// Outbox events read.
    pub events_read: u64,
    /// Stored orders compared with their replay.
    pub orders_checked: u64,
    /// Orders placed before events carried the whole order (release 0.1):
    /// they cannot be rebuilt and are not compared.
    pub orders_not_replayable: u64,
    /// Every difference found, as sentences.
    pub mismatches: Vec<String>,
}

impl ReplayReport {
    pub fn is_clean(&self) -> bool {
        self.mismatches.is_empty()
    }
}

impl Oms {
    /// Rebuilds every order from the outbox (`evolve` over its events, in
    /// order) and compares each with the order as stored: invariant 9, that
    /// replaying the event log reproduces the state. The version, which counts
    /// the commands that stored an order rather than anything an event says,
    /// is left out of the comparison. Reads the whole outbox and every order
    /// in one read transaction: an operator's check, not a hot path.
    pub fn verify_replay(&self) -> Result<ReplayReport> {
        self.read(|tx| {
            let mut report = ReplayReport::default();
            let mut replayed: BTreeMap<OrderId, Order> = BTreeMap::new();
            let mut cursor = 0;
            loop {
                let page = tx.events_since(cursor, PAGE_LIMIT_MAX)?;
                let Some(last) = page.last() else { break };
                cursor = last.sequence;
                for record in &page {
                    report.events_read += 1;
                    let Some(id) = order_of(&record.event) else { continue };
                    let state = replayed.remove(id);
                    if let Some(order) = evolve(state, &record.event, record.occurred_at) {
                        replayed.insert(order.id.clone(), order);
                    }
                }
            }
            compare(tx, &mut replayed, &mut report)?;
            Ok(report)
        })
    }
}

fn compare(tx: &mut dyn Records, replayed: &mut BTreeMap<OrderId, Order>, report: &mut ReplayReport) -> Result<()> {
    let mut after_sequence = 0;
    loop {
        let filter =
            OrderFilter { customer_email: None, channel: None, status: None, after_sequence, limit: PAGE_LIMIT_MAX };
        let page = tx.orders(&filter)?;
        let Some(last) = page.last() else { break };
        after_sequence = last.sequence;
        for stored in page {
            match replayed.remove(&stored.id) {
                None => report.orders_not_replayable += 1,
                Some(mut rebuilt) => {
                    report.orders_checked += 1;
                    rebuilt.version = stored.version;
                    if rebuilt != stored {
                        report.mismatches.push(describe(&stored, &rebuilt));
                    }
                }
            }
        }
    }
    for id in replayed.keys() {
        report.mismatches.push(format!("{id}: events tell of an order that is not stored"));
    }
    Ok(())
}

fn describe(stored: &Order, rebuilt: &Order) -> String {
    let text = |order: &Order| serde_json::to_string(order).unwrap_or_default();
    format!("{}: stored {} but events give {}", stored.id, text(stored), text(rebuilt))
}
