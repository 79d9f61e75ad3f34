//! The shop's schema in the database: which names it may take, how its name
//! is written into SQL, and the migrations that create its tables, applied
//! under an advisory lock when a store opens.
//!
//! The rule for names: 1 to 63 of `a-z`, `0-9` and `_`, not starting with a
//! digit, not one of PostgreSQL's reserved key words (those
//! `pg_get_keywords()` lists as reserved, or reserved but allowed as a
//! function or type name), not starting with `pg_` (PostgreSQL keeps those
//! for its own schemas) and not `information_schema`. A name that passes is
//! still always quoted where it appears in SQL.

use postgres::Client;

use super::errors::pg_error;
use super::PostgresStore;
use crate::kernel::error::{Entity, Error, Result};

/// The schema used when the URL names none.
pub(super) const SCHEMA_DEFAULT: &str = "oms";

/// A key for the advisory lock that serialises migrations of one schema.
const MIGRATION_LOCK: i64 = 0x6f6d_735f_6d69_6772;

/// PostgreSQL's reserved key words (categories `R` and `T` of
/// `pg_get_keywords()` in PostgreSQL 15), sorted for binary search.
const RESERVED_WORDS: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "binary",
    "both",
    "case",
    "cast",
    "check",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "false",
    "fetch",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "group",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "intersect",
    "into",
    "is",
    "isnull",
    "join",
    "lateral",
    "leading",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "natural",
    "not",
    "notnull",
    "null",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "outer",
    "overlaps",
    "placing",
    "primary",
    "references",
    "returning",
    "right",
    "select",
    "session_user",
    "similar",
    "some",
    "symmetric",
    "table",
    "tablesample",
    "then",
    "to",
    "trailing",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
];

/// Checks a schema name against the rule in this module's documentation;
/// anything else is `invalid_input` on field `schema`.
pub(super) fn check_schema(schema: &str) -> Result<()> {
    let refuse = |why: &str| Err(Error::invalid_input("schema", format!("{schema:?} {why}")));
    let shaped = !schema.is_empty()
        && schema.len() <= 63
        && schema.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !schema.starts_with(|c: char| c.is_ascii_digit());
    if !shaped {
        return refuse("must be 1 to 63 of a-z, 0-9 and _, not starting with a digit");
    }
    if RESERVED_WORDS.binary_search(&schema).is_ok() {
        return refuse("is a reserved word of PostgreSQL");
    }
    if schema.starts_with("pg_") || schema == "information_schema" {
        return refuse("is a name PostgreSQL keeps for its own schemas");
    }
    Ok(())
}

/// A checked schema name as an SQL identifier (quoted).
pub(super) fn quoted(schema: &str) -> String {
    // check_schema admits no double quote, so none needs escaping.
    format!("\"{schema}\"")
}

/// Splits `schema=NAME` off a URL's query; the rest goes to the driver.
pub(super) fn split_schema(url: &str) -> (String, Option<String>) {
    let Some((base, query)) = url.split_once('?') else { return (url.to_string(), None) };
    let mut schema = None;
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| match pair.strip_prefix("schema=") {
            Some(name) => {
                schema = Some(name.to_string());
                false
            }
            None => !pair.is_empty(),
        })
        .collect();
    let url = if kept.is_empty() { base.to_string() } else { format!("{base}?{}", kept.join("&")) };
    (url, schema)
}

/// Schema migrations, applied in order; `schema_version` records how many ran.
const MIGRATIONS: &[&str] = &[
    r"
    CREATE TABLE products (sku TEXT PRIMARY KEY, version BIGINT NOT NULL, doc TEXT NOT NULL);
    CREATE TABLE locations (id TEXT PRIMARY KEY, version BIGINT NOT NULL, doc TEXT NOT NULL);
    CREATE TABLE channels (id TEXT PRIMARY KEY, version BIGINT NOT NULL, doc TEXT NOT NULL);
    CREATE TABLE stock (
        sku TEXT NOT NULL, location TEXT NOT NULL,
        on_hand BIGINT NOT NULL CHECK (on_hand >= 0),
        allocated BIGINT NOT NULL CHECK (allocated >= 0),
        held BIGINT NOT NULL CHECK (held >= 0),
        quarantined BIGINT NOT NULL CHECK (quarantined >= 0),
        incoming BIGINT NOT NULL CHECK (incoming >= 0),
        version BIGINT NOT NULL,
        CHECK (allocated + held <= on_hand),
        PRIMARY KEY (sku, location));
    CREATE TABLE movements (
        sequence BIGSERIAL PRIMARY KEY, sku TEXT NOT NULL, location TEXT NOT NULL, reason TEXT NOT NULL,
        on_hand_delta BIGINT NOT NULL, allocated_delta BIGINT NOT NULL, held_delta BIGINT NOT NULL,
        quarantined_delta BIGINT NOT NULL, incoming_delta BIGINT NOT NULL, reference TEXT, occurred_at TEXT NOT NULL);
    CREATE INDEX movements_by_pair ON movements (sku, location, sequence);
    CREATE TABLE orders (
        sequence BIGINT PRIMARY KEY, id TEXT NOT NULL UNIQUE, channel TEXT NOT NULL,
        customer_email TEXT NOT NULL, status TEXT NOT NULL, version BIGINT NOT NULL, doc TEXT NOT NULL);
    CREATE INDEX orders_by_customer ON orders (customer_email, sequence);
    CREATE INDEX orders_by_channel ON orders (channel, sequence);
    CREATE INDEX orders_by_status ON orders (status, sequence);
    CREATE TABLE events (sequence BIGINT PRIMARY KEY, type TEXT NOT NULL, occurred_at TEXT NOT NULL, doc TEXT NOT NULL);
    CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
    CREATE SEQUENCE order_numbers;
    CREATE SEQUENCE transfer_numbers;
    CREATE TABLE idempotency (
        key TEXT PRIMARY KEY, command TEXT NOT NULL, payload TEXT NOT NULL, result TEXT NOT NULL, created_at TEXT NOT NULL);
    CREATE TABLE holds (
        id TEXT PRIMARY KEY, status TEXT NOT NULL, expires_at TEXT NOT NULL, version BIGINT NOT NULL, doc TEXT NOT NULL);
    CREATE INDEX holds_by_expiry ON holds (status, expires_at);
    CREATE TABLE transfers (id TEXT PRIMARY KEY, version BIGINT NOT NULL, doc TEXT NOT NULL);
    CREATE TABLE region_distances (
        from_region TEXT NOT NULL, to_region TEXT NOT NULL, distance_km BIGINT NOT NULL,
        PRIMARY KEY (from_region, to_region));
    CREATE TABLE backorders (
        sku TEXT NOT NULL, order_sequence BIGINT NOT NULL, line_number BIGINT NOT NULL, order_id TEXT NOT NULL,
        PRIMARY KEY (sku, order_sequence, line_number));
",
    HOLD_UNITS,
    // The tables of the storage contract (see `storage/CONTRACT.md`).
    MIGRATION,
    AGGREGATE_INDEX,
    STREAM_HEADS,
];

/// Migration 2: the units active holds hold, by SKU and expiry, so that a
/// command finds the expired holds on its SKUs without sweeping all of them;
/// filled from the holds a schema already has.
const HOLD_UNITS: &str = r#"
    CREATE TABLE hold_units (
        sku TEXT NOT NULL, expires_at TEXT COLLATE "C" NOT NULL, hold_id TEXT NOT NULL, location TEXT NOT NULL,
        quantity BIGINT NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (sku, expires_at, hold_id, location));
    CREATE INDEX hold_units_by_hold ON hold_units (hold_id);
    INSERT INTO hold_units (sku, expires_at, hold_id, location, quantity)
        SELECT line->>'sku', holds.expires_at, holds.id, part->>'location', SUM((part->>'quantity')::BIGINT)
        FROM holds, jsonb_array_elements(holds.doc::jsonb->'lines') AS line,
             jsonb_array_elements(line->'allocations') AS part
        WHERE holds.status = 'active' AND (part->>'quantity')::BIGINT > 0
        GROUP BY 1, 2, 3, 4;
"#;

/// Migration 3: the tables of the storage contract. Text columns that are
/// ordered by use the `C` collation, so orders match the other backends.
/// `IF NOT EXISTS`, so a schema whose migration count was wound back
/// applies it again harmlessly.
const MIGRATION: &str = r#"
    CREATE TABLE IF NOT EXISTS "documents" (
        "kind" TEXT COLLATE "C" NOT NULL, "key" TEXT COLLATE "C" NOT NULL,
        "version" BIGINT NOT NULL CHECK ("version" >= 1), "position" BIGINT NOT NULL CHECK ("position" >= 0),
        "idx_1" TEXT COLLATE "C", "idx_2" TEXT COLLATE "C", "idx_3" TEXT COLLATE "C", "idx_4" TEXT COLLATE "C",
        "body" TEXT NOT NULL,
        PRIMARY KEY ("kind", "key"));
    CREATE INDEX IF NOT EXISTS "documents_by_position" ON "documents" ("kind", "position", "key");
    CREATE INDEX IF NOT EXISTS "documents_by_idx_1" ON "documents" ("kind", "idx_1", "position", "key") WHERE "idx_1" IS NOT NULL;
    CREATE INDEX IF NOT EXISTS "documents_by_idx_2" ON "documents" ("kind", "idx_2", "position", "key") WHERE "idx_2" IS NOT NULL;
    CREATE INDEX IF NOT EXISTS "documents_by_idx_3" ON "documents" ("kind", "idx_3", "position", "key") WHERE "idx_3" IS NOT NULL;
    CREATE INDEX IF NOT EXISTS "documents_by_idx_4" ON "documents" ("kind", "idx_4", "position", "key") WHERE "idx_4" IS NOT NULL;
    CREATE TABLE IF NOT EXISTS "stock_rows" (
        "sku" TEXT COLLATE "C" NOT NULL, "location" TEXT COLLATE "C" NOT NULL,
        "on_hand" BIGINT NOT NULL CHECK ("on_hand" >= 0), "allocated" BIGINT NOT NULL CHECK ("allocated" >= 0),
        "reserved" BIGINT NOT NULL CHECK ("reserved" >= 0), "quarantined" BIGINT NOT NULL CHECK ("quarantined" >= 0),
        "incoming" BIGINT NOT NULL CHECK ("incoming" >= 0), "version" BIGINT NOT NULL CHECK ("version" >= 1),
        PRIMARY KEY ("sku", "location"));
    CREATE TABLE IF NOT EXISTS "streams" (
        "stream" TEXT NOT NULL, "seq" BIGINT NOT NULL CHECK ("seq" >= 1), "aggregate" TEXT NOT NULL, "body" TEXT NOT NULL,
        PRIMARY KEY ("stream", "seq"));
    CREATE TABLE IF NOT EXISTS "series" ("name" TEXT PRIMARY KEY, "value" BIGINT NOT NULL);
    CREATE TABLE IF NOT EXISTS "idempotency_records" (
        "key" TEXT PRIMARY KEY, "command" TEXT NOT NULL, "payload_hash" TEXT NOT NULL,
        "result_kind" TEXT, "result_key" TEXT);
"#;

/// Migration 4: the index that reads one aggregate's rows of a stream.
const AGGREGATE_INDEX: &str = r#"
    CREATE INDEX IF NOT EXISTS "streams_by_aggregate" ON "streams" ("stream", "aggregate", "seq");
    CREATE TABLE IF NOT EXISTS "tallies" ("name" TEXT COLLATE "C" PRIMARY KEY, "value" BIGINT NOT NULL);
"#;

/// Migration 5: each stream's head (its last number), locked and moved on
/// by the statement that numbers an append (see `streams.rs`), filled
/// from the rows a schema holds; and the order numbers' sequence moved past
/// any number the `order` series gave (orders are numbered by the sequence
/// again, see [`Numbering::Unique`](crate::storage::contract::Numbering::Unique)).
const STREAM_HEADS: &str = r#"
    CREATE TABLE IF NOT EXISTS "stream_heads" (
        "stream" TEXT COLLATE "C" PRIMARY KEY, "last" BIGINT NOT NULL CHECK ("last" >= 0));
    INSERT INTO "stream_heads" ("stream", "last")
    SELECT s.name, COALESCE((SELECT MAX("seq") FROM "streams" WHERE "stream" = s.name), 0)
    FROM unnest(ARRAY['journal', 'ledger', 'outbox']) AS s(name)
    ON CONFLICT ("stream") DO UPDATE SET "last" = GREATEST("stream_heads"."last", excluded."last");
    SELECT setval('order_numbers', s."value") FROM "series" AS s
    WHERE s."name" = 'order' AND s."value" > (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM order_numbers);
"#;

/// After rows were copied into the streams: each head moved to its stream's last number.
pub(super) const HEADS_FROM_ROWS: &str = r#"
    UPDATE "stream_heads" AS h SET "last" = GREATEST(h."last", m.last)
    FROM (SELECT "stream", MAX("seq") AS last FROM "streams" GROUP BY "stream") AS m WHERE m."stream" = h."stream"
"#;

impl PostgresStore {
    /// Brings the schema up to date; with `create` false a schema that holds
    /// no store (absent, or without the `schema_version` table) is
    /// `store_not_found` and nothing is created.
    pub(super) fn migrate(&self, client: &mut Client, create: bool) -> Result<()> {
        client.batch_execute("BEGIN").map_err(pg_error)?;
        let outcome = (|| {
            // Two processes opening the same schema at once: the second waits here, then finds it migrated.
            let lock_name = format!("oms migrations {}", self.schema);
            client
                .execute("SELECT pg_advisory_xact_lock(hashtextextended($1, $2))", &[&lock_name, &MIGRATION_LOCK])
                .map_err(pg_error)?;
            if !create {
                let table = format!("{}.schema_version", quoted(&self.schema));
                let found: bool =
                    client.query_one("SELECT to_regclass($1) IS NOT NULL", &[&table]).map_err(pg_error)?.get(0);
                if !found {
                    return Err(Error::not_found(Entity::Store, &self.schema));
                }
            }
            client
                .batch_execute(&format!(
                    "CREATE SCHEMA IF NOT EXISTS {0}; CREATE TABLE IF NOT EXISTS {0}.schema_version (version INTEGER NOT NULL)",
                    quoted(&self.schema)
                ))
                .map_err(pg_error)?;
            let applied: i64 = client
                .query_one("SELECT COALESCE(MAX(version), 0)::BIGINT FROM schema_version", &[])
                .map_err(pg_error)?
                .get(0);
            let applied = usize::try_from(applied).unwrap_or(0);
            if applied > MIGRATIONS.len() {
                return Err(Error::storage(format!(
                    "schema {} is at version {applied}, newer than this library's {}",
                    self.schema,
                    MIGRATIONS.len()
                )));
            }
            for (index, migration) in MIGRATIONS.iter().enumerate().skip(applied) {
                client.batch_execute(migration).map_err(pg_error)?;
                let version = i32::try_from(index + 1).unwrap_or(i32::MAX);
                client.execute("INSERT INTO schema_version (version) VALUES ($1)", &[&version]).map_err(pg_error)?;
            }
            Ok(())
        })();
        let end = if outcome.is_ok() { "COMMIT" } else { "ROLLBACK" };
        client.batch_execute(end).map_err(pg_error)?;
        outcome
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_is_split_off_the_url() {
        let url = "postgres://postgres@127.0.0.1:5432/test";
        assert_eq!(split_schema(url), (url.to_string(), None));
        assert_eq!(split_schema(&format!("{url}?schema=shop_1")), (url.to_string(), Some("shop_1".into())));
        let both = format!("{url}?application_name=x&schema=s&connect_timeout=3");
        assert_eq!(split_schema(&both), (format!("{url}?application_name=x&connect_timeout=3"), Some("s".into())));
    }

    #[test]
    fn schema_names_are_checked() {
        for good in ["shop_1", "oms", "pg", "pgshop", "users", "orders", "information", "name"] {
            assert!(check_schema(good).is_ok(), "{good:?}");
        }
        let long = "x".repeat(64);
        let bad = ["", "1shop", "Shop", "a-b", "a;drop", &long, "select", "user", "order", "pg_catalog", "pg_toast"];
        for bad in bad.into_iter().chain(["pg_anything", "information_schema", "all", "verbose", "with"]) {
            assert_eq!(check_schema(bad).unwrap_err().field(), Some("schema"), "{bad:?}");
        }
    }

    #[test]
    fn reserved_words_are_sorted_for_binary_search() {
        assert!(RESERVED_WORDS.windows(2).all(|pair| pair[0] < pair[1]));
    }
}
