//! Projections: state derived from events, written in the same transaction
//! as the events themselves.
//!
//! Every event a command decides passes through [`project`] on its way to
//! the outbox (`append_events` is the only way events are written), so a
//! figure kept here cannot miss a path that changes it: a new command that
//! emits the right events updates every projection without knowing of it.
//! Projections read what they need through the command's own transaction,
//! which sees the command's writes.
//!
//! Kept today: **units sold** per channel and SKU — units on placed orders
//! less units cancelled, as edits leave them — the ground for best sellers
//! and restock forecasts.
//! It counts orders placed since release 0.2 (earlier events do not carry
//! their lines).

use crate::app::records::Records;
use crate::domain::events::Event;
use crate::kernel::error::Result;
use crate::kernel::ids::{ChannelId, Sku};

/// The counter holding units sold of `sku` on `channel`. Identifiers never
/// contain a space, so the name is unambiguous.
pub(crate) fn units_sold_counter(channel: &ChannelId, sku: &Sku) -> String {
    format!("units_sold {channel} {sku}")
}

/// Applies every projection to the events of one command.
pub(crate) fn project(tx: &mut dyn Records, events: &[Event]) -> Result<()> {
    let mut units_sold: Vec<(String, i64)> = Vec::new();
    for event in events {
        match event {
            Event::OrderPlaced { order: Some(order), .. } => {
                for line in &order.lines {
                    units_sold.push((units_sold_counter(&order.channel, &line.sku), line.quantities.ordered));
                }
            }
            Event::OrderLinesCancelled { order_id, lines } => {
                let Some(order) = tx.order(order_id)? else { continue };
                for cancelled in lines {
                    if let Some(line) = order.lines.iter().find(|line| line.line_number == cancelled.line_number) {
                        units_sold.push((units_sold_counter(&order.channel, &line.sku), -cancelled.quantity));
                    }
                }
            }
            Event::OrderEdited { order_id, changed_lines, removed_lines, added_lines, .. } => {
                let Some(order) = tx.order(order_id)? else { continue };
                let counter = |sku| units_sold_counter(&order.channel, sku);
                // Units not cancelled: a new ordered quantity keeps the line's cancelled units.
                units_sold.extend(changed_lines.iter().map(|c| (counter(&c.sku), c.ordered_after - c.ordered_before)));
                units_sold.extend(removed_lines.iter().map(|r| (counter(&r.sku), r.cancelled - r.ordered)));
                units_sold.extend(added_lines.iter().map(|a| (counter(&a.sku), a.quantities.ordered)));
            }
            _ => {}
        }
    }
    if units_sold.is_empty() {
        return Ok(());
    }
    // Sorted by name, each once: counter rows are locked in one order by every writer.
    units_sold.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    units_sold.dedup_by(|later, earlier| {
        let same = later.0 == earlier.0;
        if same {
            earlier.1 += later.1;
        }
        same
    });
    units_sold.retain(|(_, delta)| *delta != 0);
    tx.add_to_counters(&units_sold)
}
