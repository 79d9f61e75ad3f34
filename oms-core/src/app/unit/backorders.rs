//! Backordered lines in the unit of work: a document per (order, line),
//! positioned by the order's sequence so a SKU's queue is served first come,
//! first served, and in the queue while it carries the SKU as `idx_1`.
//! Documents are never deleted: a served line is rewritten without its term.

use super::rows::*;
use super::Unit;
use crate::app::records::BackorderEntry;
use crate::kernel::error::Result;
use crate::kernel::ids::Sku;
use crate::storage::contract::{Document, IndexFilter, Term};

impl Unit<'_> {
    pub(super) fn queue_backorder(&mut self, entry: &BackorderEntry) -> Result<()> {
        let key = backorder_key(entry);
        let lock = self.lock();
        let stored = self.tx.get("backorder", &key, lock)?;
        if stored.as_ref().is_some_and(|doc| doc.terms.get(Term::First).is_some()) {
            return Ok(());
        }
        let row = BackorderRow {
            sku: entry.sku.clone(),
            order_sequence: entry.order_sequence,
            order_id: entry.order_id.clone(),
            line_number: entry.line_number,
        };
        let version = stored.map_or(0, |doc| doc.version) + 1;
        let doc = Document::typed(key, version, row).at(entry.order_sequence).with(Term::First, entry.sku.to_string());
        self.tx.put("backorder", &doc)
    }

    pub(super) fn backorders_of(&mut self, sku: &Sku, limit: usize) -> Result<Vec<BackorderEntry>> {
        let page = self.tx.scan("backorder", &IndexFilter::Equals(Term::First, sku.to_string()), None, limit)?;
        page.into_iter()
            .map(|doc| {
                let row = doc.body.decode::<BackorderRow>()?;
                Ok(BackorderEntry {
                    sku: row.sku,
                    order_sequence: row.order_sequence,
                    order_id: row.order_id,
                    line_number: row.line_number,
                })
            })
            .collect()
    }

    pub(super) fn unqueue_backorder(&mut self, entry: &BackorderEntry) -> Result<()> {
        let key = backorder_key(entry);
        let lock = self.lock();
        let Some(stored) = self.tx.get("backorder", &key, lock)? else { return Ok(()) };
        if stored.terms.get(Term::First).is_none() {
            return Ok(());
        }
        // Out of the SKU's queue: the same row without its index term.
        let doc = Document { terms: Default::default(), version: stored.version + 1, ..stored };
        self.tx.put("backorder", &doc)
    }
}
