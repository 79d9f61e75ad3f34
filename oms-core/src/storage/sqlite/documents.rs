//! Documents on SQLite: `get`, `get_many`, `put` and `scan` over the
//! `documents` table (migration 4, see `schema.rs`), one statement each.
//!
//! Rules that hold here: a `put` of version 1 inserts the document if its
//! key is absent, a `put` of version `v` replaces stored `v - 1`, and a
//! `put` that changes no row is `conflict` at once (its statement runs when
//! it is called); position and index terms are replaced with the body. `get_many` sends its keys as one
//! JSON array and answers in the order asked. A scan lists by
//! `(position, key)`, strictly after the cursor, using one index per
//! listing shape. Locks are needless (see `transaction.rs`).

use std::sync::LazyLock;

use rusqlite::{params, OptionalExtension, Row};

use super::sql_error;
use super::transaction::{json_text, SqliteTransaction};
use crate::kernel::error::Result;
use crate::storage::contract::{
    check_document, check_name, in_order_asked, signed, unsigned, Body, Cursor, Document, IndexFilter, Terms,
};
use crate::storage::written_once;

const DOCUMENT_COLUMNS: &str = r#""key", "version", "position", "idx_1", "idx_2", "idx_3", "idx_4", "body""#;

static GET: LazyLock<String> =
    LazyLock::new(|| format!(r#"SELECT {DOCUMENT_COLUMNS} FROM "documents" WHERE "kind" = ?1 AND "key" = ?2"#));
static GET_MANY: LazyLock<String> = LazyLock::new(|| {
    format!(
        r#"SELECT {DOCUMENT_COLUMNS} FROM "documents" WHERE "kind" = ?1 AND "key" IN (SELECT value FROM json_each(?2))"#
    )
});

fn document(row: &Row<'_>) -> rusqlite::Result<Document> {
    Ok(Document {
        key: row.get(0)?,
        version: unsigned(row.get(1)?),
        position: unsigned(row.get(2)?),
        terms: Terms([row.get(3)?, row.get(4)?, row.get(5)?, row.get(6)?]),
        body: Body::json(row.get::<_, String>(7)?),
    })
}

impl SqliteTransaction<'_> {
    pub(super) fn get_document(&mut self, kind: &str, key: &str) -> Result<Option<Document>> {
        self.prepared(&GET)?.query_row(params![kind, key], document).optional().map_err(sql_error)
    }

    pub(super) fn get_documents(&mut self, kind: &str, keys: &[&str]) -> Result<Vec<Option<Document>>> {
        let found = self.documents(&GET_MANY, params![kind, json_text(&keys)?])?;
        Ok(in_order_asked(keys, found))
    }

    pub(super) fn put_document(&mut self, kind: &str, doc: &Document) -> Result<()> {
        self.writable()?;
        check_document(kind, doc)?;
        let body = doc.body.to_json()?;
        let [idx_1, idx_2, idx_3, idx_4] = &doc.terms.0;
        let values =
            params![kind, doc.key, signed(doc.version), signed(doc.position), idx_1, idx_2, idx_3, idx_4, &*body];
        let written = if doc.version == 1 {
            self.prepared(
                r#"INSERT INTO "documents" ("kind", "key", "version", "position", "idx_1", "idx_2", "idx_3", "idx_4", "body")
                   VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT ("kind", "key") DO NOTHING"#,
            )?
            .execute(values)
        } else {
            self.prepared(
                r#"UPDATE "documents" SET "version" = ?3, "position" = ?4, "idx_1" = ?5, "idx_2" = ?6, "idx_3" = ?7,
                   "idx_4" = ?8, "body" = ?9 WHERE "kind" = ?1 AND "key" = ?2 AND "version" = ?3 - 1"#,
            )?
            .execute(values)
        }
        .map_err(sql_error)?;
        written_once(written as u64, kind, &doc.key, doc.version)
    }

    pub(super) fn scan_documents(
        &mut self,
        kind: &str,
        filter: &IndexFilter,
        after: Option<&Cursor>,
        limit: usize,
    ) -> Result<Vec<Document>> {
        check_name("kind", kind)?;
        // No cursor: from before every position (positions are never negative).
        let (position, key) = after.map_or((-1, ""), |cursor| (signed(cursor.position), cursor.key.as_str()));
        let limit = signed(limit as u64);
        match filter {
            IndexFilter::All => {
                let sql = format!(
                    r#"SELECT {DOCUMENT_COLUMNS} FROM "documents" WHERE "kind" = ?1 AND ("position", "key") > (?2, ?3)
                       ORDER BY "position", "key" LIMIT ?4"#
                );
                self.documents(&sql, params![kind, position, key, limit])
            }
            IndexFilter::Equals(term, value) => {
                let sql = format!(
                    r#"SELECT {DOCUMENT_COLUMNS} FROM "documents" WHERE "kind" = ?1 AND "{column}" = ?5
                       AND ("position", "key") > (?2, ?3) ORDER BY "position", "key" LIMIT ?4"#,
                    column = term.column()
                );
                self.documents(&sql, params![kind, position, key, limit, value])
            }
        }
    }

    fn documents(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<Document>> {
        let mut statement = self.prepared(sql)?;
        let rows = statement.query_map(params, document).map_err(sql_error)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(sql_error)
    }
}
