//! Documents on PostgreSQL: `get`, `get_many`, `put` and `scan` over the
//! `documents` table (migration 3, see `schema.rs`).
//!
//! Rules that hold here: a `put` waits in the transaction (`pending.rs`)
//! and is checked against what is stored when the writes are flushed, at
//! the latest at commit: version 1 must be absent, version `v` must find
//! `v - 1`, or the flush is `conflict`. A read of a waiting document is
//! answered from what waits; `get_many` of one, and a scan of a kind with
//! writes waiting, flush them first. [`Lock::Update`] locks the rows read
//! (`get_many` in key order) until the transaction ends. A scan lists by
//! `(position, key)`, strictly after the cursor, using one index per
//! listing shape.

use postgres::Row;

use super::transaction::{for_update, PostgresTransaction};
use crate::kernel::error::Result;
use crate::storage::contract::{
    check_document, check_name, in_order_asked, signed, unsigned, Body, Cursor, Document, IndexFilter, Lock, Terms,
};

const DOCUMENT_COLUMNS: &str = r#""key", "version", "position", "idx_1", "idx_2", "idx_3", "idx_4", "body""#;

fn document(row: &Row) -> Document {
    Document {
        key: row.get(0),
        version: unsigned(row.get(1)),
        position: unsigned(row.get(2)),
        terms: Terms([row.get(3), row.get(4), row.get(5), row.get(6)]),
        body: Body::json(row.get::<_, String>(7)),
    }
}

impl PostgresTransaction<'_> {
    pub(super) fn get_document(&mut self, kind: &str, key: &str, lock: Lock) -> Result<Option<Document>> {
        if let Some(waiting) = self.pending.document(kind, key) {
            return Ok(Some(waiting.clone()));
        }
        let sql = format!(
            r#"SELECT {DOCUMENT_COLUMNS} FROM "documents" WHERE "kind" = $1 AND "key" = $2{}"#,
            for_update(lock)
        );
        Ok(self.query(&sql, &[&kind, &key])?.first().map(document))
    }

    pub(super) fn get_documents(&mut self, kind: &str, keys: &[&str], lock: Lock) -> Result<Vec<Option<Document>>> {
        if keys.iter().any(|key| self.pending.document(kind, key).is_some()) {
            self.flush_writes(false)?;
        }
        // Sorted by key, the order the rows are locked in.
        let sql = format!(
            r#"SELECT {DOCUMENT_COLUMNS} FROM "documents" WHERE "kind" = $1 AND "key" = ANY($2) ORDER BY "key"{}"#,
            for_update(lock)
        );
        let found = self.query(&sql, &[&kind, &keys])?.iter().map(document).collect();
        Ok(in_order_asked(keys, found))
    }

    pub(super) fn put_document(&mut self, kind: &str, doc: &Document) -> Result<()> {
        self.writable()?;
        check_document(kind, doc)?;
        self.pending.put(kind, doc)
    }

    pub(super) fn scan_documents(
        &mut self,
        kind: &str,
        filter: &IndexFilter,
        after: Option<&Cursor>,
        limit: usize,
    ) -> Result<Vec<Document>> {
        check_name("kind", kind)?;
        if self.pending.has_kind(kind) {
            self.flush_writes(false)?;
        }
        // No cursor: from before every position (positions are never negative).
        let (position, key) = after.map_or((-1, ""), |cursor| (signed(cursor.position), cursor.key.as_str()));
        let limit = signed(limit as u64);
        let rows = match filter {
            IndexFilter::All => {
                let sql = format!(
                    r#"SELECT {DOCUMENT_COLUMNS} FROM "documents" WHERE "kind" = $1 AND ("position", "key") > ($2, $3)
                       ORDER BY "position", "key" LIMIT $4"#
                );
                self.query(&sql, &[&kind, &position, &key, &limit])?
            }
            IndexFilter::Equals(term, value) => {
                let sql = format!(
                    r#"SELECT {DOCUMENT_COLUMNS} FROM "documents" WHERE "kind" = $1 AND "{column}" = $5
                       AND ("position", "key") > ($2, $3) ORDER BY "position", "key" LIMIT $4"#,
                    column = term.column()
                );
                self.query(&sql, &[&kind, &position, &key, &limit, value])?
            }
        };
        Ok(rows.iter().map(document).collect())
    }
}
