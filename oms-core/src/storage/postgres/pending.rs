//! The one statement a PostgreSQL transaction's waiting writes go in (see
//! `storage/pending.rs` for what waits and how it is checked): documents,
//! stock rows, tally additions and idempotency records, each a
//! data-modifying CTE over `unnest` arrays.

use crate::kernel::error::{Error, Result};
use crate::storage::contract::signed;
use crate::storage::pending::Pending;

/// The one statement a flush sends: inserts and version-checked updates of
/// documents and stock rows, tally additions and idempotency records, each
/// a data-modifying CTE over `unnest` arrays (empty arrays write nothing),
/// and the counts of rows each wrote, the expected tally's value and the
/// transaction's id.
pub(super) const FLUSH: &str = r#"
WITH inserted_documents AS (
    INSERT INTO "documents" ("kind", "key", "version", "position", "idx_1", "idx_2", "idx_3", "idx_4", "body")
    SELECT * FROM unnest($1::TEXT[], $2::TEXT[], $3::BIGINT[], $4::BIGINT[], $5::TEXT[], $6::TEXT[], $7::TEXT[],
        $8::TEXT[], $9::TEXT[])
    ON CONFLICT ("kind", "key") DO NOTHING RETURNING 1),
replaced_documents AS (
    UPDATE "documents" AS d SET "version" = u.version, "position" = u.position, "idx_1" = u.idx_1, "idx_2" = u.idx_2,
        "idx_3" = u.idx_3, "idx_4" = u.idx_4, "body" = u.body
    FROM unnest($10::TEXT[], $11::TEXT[], $12::BIGINT[], $13::BIGINT[], $14::TEXT[], $15::TEXT[], $16::TEXT[],
        $17::TEXT[], $18::TEXT[], $19::BIGINT[]) AS u(kind, key, version, position, idx_1, idx_2, idx_3, idx_4, body, base)
    WHERE d."kind" = u.kind AND d."key" = u.key AND d."version" = u.base RETURNING 1),
inserted_stock AS (
    INSERT INTO "stock_rows" ("sku", "location", "on_hand", "allocated", "reserved", "quarantined", "incoming", "version")
    SELECT * FROM unnest($20::TEXT[], $21::TEXT[], $22::BIGINT[], $23::BIGINT[], $24::BIGINT[], $25::BIGINT[],
        $26::BIGINT[], $27::BIGINT[])
    ON CONFLICT ("sku", "location") DO NOTHING RETURNING 1),
replaced_stock AS (
    UPDATE "stock_rows" AS s SET "on_hand" = u.on_hand, "allocated" = u.allocated, "reserved" = u.reserved,
        "quarantined" = u.quarantined, "incoming" = u.incoming, "version" = u.version
    FROM unnest($28::TEXT[], $29::TEXT[], $30::BIGINT[], $31::BIGINT[], $32::BIGINT[], $33::BIGINT[], $34::BIGINT[],
        $35::BIGINT[], $36::BIGINT[]) AS u(sku, location, on_hand, allocated, reserved, quarantined, incoming, version, base)
    WHERE s."sku" = u.sku AND s."location" = u.location AND s."version" = u.base RETURNING 1),
added_tallies AS (
    INSERT INTO "tallies" ("name", "value")
    SELECT t.name, t.value FROM unnest($37::TEXT[], $38::BIGINT[]) WITH ORDINALITY AS t(name, value, n) ORDER BY n
    ON CONFLICT ("name") DO UPDATE SET "value" = "tallies"."value" + excluded."value" RETURNING 1),
recorded AS (
    INSERT INTO "idempotency_records" ("key", "command", "payload_hash", "result_kind", "result_key")
    SELECT * FROM unnest($39::TEXT[], $40::TEXT[], $41::TEXT[], $42::TEXT[], $43::TEXT[])
    ON CONFLICT ("key") DO NOTHING RETURNING 1)
SELECT (SELECT COUNT(*) FROM inserted_documents), (SELECT COUNT(*) FROM replaced_documents),
       (SELECT COUNT(*) FROM inserted_stock), (SELECT COUNT(*) FROM replaced_stock),
       (SELECT COUNT(*) FROM added_tallies), (SELECT COUNT(*) FROM recorded),
       COALESCE((SELECT "value" FROM "tallies" WHERE "name" = $44), 0), txid_current()
"#;

/// The bound values of [`FLUSH`], built from what waits.
#[derive(Default)]
pub(super) struct FlushValues {
    pub(super) documents: [DocumentColumns; 2],
    pub(super) stock: [StockColumns; 2],
    pub(super) tally_names: Vec<String>,
    pub(super) tally_deltas: Vec<i64>,
    pub(super) records: [Vec<Option<String>>; 5],
}

#[derive(Default)]
pub(super) struct DocumentColumns {
    pub(super) kinds: Vec<String>,
    pub(super) keys: Vec<String>,
    pub(super) versions: Vec<i64>,
    pub(super) positions: Vec<i64>,
    pub(super) terms: [Vec<Option<String>>; 4],
    pub(super) bodies: Vec<String>,
    /// Replaced rows: the stored version replaced.
    pub(super) bases: Vec<i64>,
}

#[derive(Default)]
pub(super) struct StockColumns {
    pub(super) skus: Vec<String>,
    pub(super) locations: Vec<String>,
    pub(super) buckets: [Vec<i64>; 5],
    pub(super) versions: Vec<i64>,
    /// Replaced rows: the stored version replaced.
    pub(super) bases: Vec<i64>,
}

/// The rows [`FLUSH`] must report written, in the order of its counts.
pub(super) type Expected = [u64; 6];

/// Takes everything that waits as the values of [`FLUSH`] and the counts it must report.
pub(super) fn take(pending: &mut Pending) -> Result<(FlushValues, Expected)> {
    let drained = pending.drain();
    let mut values = FlushValues::default();
    let mut expected = [0u64; 6];
    for (kind, doc, before) in drained.documents {
        let part = usize::from(before.is_some());
        expected[part] += 1;
        let columns = &mut values.documents[part];
        columns.kinds.push(kind);
        columns.bases.extend(before.map(signed));
        columns.versions.push(signed(doc.version));
        columns.positions.push(signed(doc.position));
        columns.bodies.push(doc.body.to_json()?.to_string());
        for (column, term) in columns.terms.iter_mut().zip(doc.terms.0) {
            column.push(term);
        }
        columns.keys.push(doc.key);
    }
    for (row, before) in drained.stock {
        let part = usize::from(before.is_some());
        expected[2 + part] += 1;
        let columns = &mut values.stock[part];
        for (column, bucket) in columns.buckets.iter_mut().zip(row.buckets()) {
            column.push(bucket);
        }
        columns.versions.push(signed(row.version));
        columns.bases.extend(before.map(signed));
        columns.skus.push(row.sku.to_string());
        columns.locations.push(row.location.to_string());
    }
    for (name, delta) in drained.tallies {
        expected[4] += 1;
        values.tally_names.push(name);
        values.tally_deltas.push(delta);
    }
    for record in drained.idempotency {
        expected[5] += 1;
        let result = record.result.as_ref();
        let [keys, commands, hashes, kinds, result_keys] = &mut values.records;
        keys.push(Some(record.key.to_string()));
        commands.push(Some(record.command.clone()));
        hashes.push(Some(record.payload_hash.to_string()));
        kinds.push(result.map(|r| r.kind.clone()));
        result_keys.push(result.map(|r| r.key.clone()));
    }
    Ok((values, expected))
}

/// `conflict` naming the first part of a flush that wrote fewer rows than it kept.
pub(super) fn check_written(expected: &Expected, written: &[i64; 6]) -> Result<()> {
    const PARTS: [&str; 6] = [
        "documents inserted (a key already stored)",
        "documents replaced (a stored version moved)",
        "stock rows inserted (a row already stored)",
        "stock rows replaced (a stored version moved)",
        "tallies added",
        "idempotency records (a key already recorded)",
    ];
    for ((part, want), got) in PARTS.iter().zip(expected).zip(written) {
        if u64::try_from(*got).unwrap_or(0) != *want {
            return Err(Error::Conflict { message: format!("{part}: {got} of {want} written") });
        }
    }
    Ok(())
}
