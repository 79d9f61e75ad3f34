//! Reading orders: one by id, a listing page by page, counts by status,
//! units sold, and the audit's pass over every order.

use serde::{Deserialize, Serialize};

use super::load_order;
use crate::app::records::{OrderFilter, Records};
use crate::app::{page_limit, projections, AuditReport, Oms};
use crate::domain::commands::OrderQuery;
use crate::domain::order::{Order, OrderStatus};
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::{ChannelId, OrderId, Sku};
use crate::kernel::limits::PAGE_LIMIT_MAX;

/// One page of a listing and the cursor of the next page (`None` when this is the last).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderPage {
    pub orders: Vec<Order>,
    pub next_cursor: Option<String>,
}

impl Oms {
    /// One order by id.
    pub fn get_order(&self, id: &OrderId) -> Result<Order> {
        self.read(|tx| load_order(tx, id))
    }

    /// Orders matching the query, oldest first, one page at a time.
    pub fn list_orders(&self, query: &OrderQuery) -> Result<OrderPage> {
        let limit = page_limit(query.limit)?;
        let after_sequence = match &query.after {
            None => 0,
            Some(cursor) => cursor.parse::<u64>().map_err(|_| {
                Error::invalid_input("after", format!("{cursor:?} is not a cursor returned by list_orders"))
            })?,
        };
        let filter = OrderFilter {
            customer_email: query.customer_email.clone(),
            channel: query.channel.clone(),
            status: query.status,
            after_sequence,
            limit: limit + 1,
        };
        let mut orders = self.read(|tx| tx.orders(&filter))?;
        let next_cursor = if orders.len() > limit {
            orders.truncate(limit);
            orders.last().map(|order| order.sequence.to_string())
        } else {
            None
        };
        Ok(OrderPage { orders, next_cursor })
    }

    /// Units of `sku` on orders placed on `channel`, less units cancelled
    /// (kept by a projection as orders change, not counted by a scan).
    pub fn units_sold(&self, channel: &ChannelId, sku: &Sku) -> Result<i64> {
        self.read(|tx| tx.counter(&projections::units_sold_counter(channel, sku)))
    }

    /// How many orders are in each status.
    pub fn order_status_counts(&self) -> Result<Vec<(OrderStatus, u64)>> {
        self.read(|tx| tx.order_status_counts())
    }
}

/// Adds every order's broken invariants to the report, reading page by page.
pub(crate) fn audit_orders(tx: &mut dyn Records, report: &mut AuditReport) -> Result<()> {
    let mut after_sequence = 0;
    loop {
        let filter =
            OrderFilter { customer_email: None, channel: None, status: None, after_sequence, limit: PAGE_LIMIT_MAX };
        let page = tx.orders(&filter)?;
        let Some(last) = page.last() else { return Ok(()) };
        after_sequence = last.sequence;
        for order in &page {
            report.orders_checked += 1;
            report.violations.extend(order.violations());
        }
    }
}
