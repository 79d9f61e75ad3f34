//! PostgreSQL bad input and server failures (issue 7): schema names that are
//! reserved words or PostgreSQL's own are `invalid_input` on `schema`, and a
//! failure the server reports carries its SQLSTATE, message and detail, but
//! never the password of the URL.
#![cfg(feature = "postgres")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use oms_core::*;

fn open_schema(schema: &str) -> Result<Oms> {
    Oms::open(&format!("{}?schema={schema}", postgres_url()))
}

fn client() -> postgres::Client {
    postgres::Client::connect(&postgres_url(), postgres::NoTls).unwrap()
}

#[test]
fn reserved_words_and_system_schemas_are_invalid_input() {
    let mut names: Vec<String> =
        ["select", "user", "order", "pg_catalog", "pg_toast", "pg_anything", "information_schema", "pg_temp_1"]
            .map(String::from)
            .to_vec();
    if postgres_enabled() {
        // Every reserved key word of the server at hand, so the library's list cannot fall behind.
        let rows = client().query("SELECT word FROM pg_get_keywords() WHERE catcode IN ('R', 'T')", &[]).unwrap();
        names.extend(rows.iter().map(|row| row.get::<_, String>(0)));
        assert!(names.len() > 90, "{names:?}");
    }
    for name in &names {
        let error = open_schema(name).unwrap_err();
        assert_eq!((error.code(), error.field()), ("invalid_input", Some("schema")), "{name}: {error}");
    }
    if postgres_enabled() {
        let rows = client()
            .query(
                "SELECT table_name::TEXT FROM information_schema.tables \
                 WHERE table_schema = 'information_schema' AND table_name IN ('schema_version', 'orders')",
                &[],
            )
            .unwrap();
        assert!(rows.is_empty(), "the library created tables in information_schema");
    }
}

#[test]
fn a_server_side_failure_names_its_sqlstate_message_and_detail() {
    if !postgres_enabled() {
        return;
    }
    let shop = open("postgres");
    stocked(&shop.oms);
    let schema = shop.schema().unwrap().to_string();
    // Where orders and region distances are kept: the contract's documents.
    let (orders, distances) = ("documents", "documents");
    // A rule of the operator's, enforced by the server, that the library knows nothing of.
    client()
        .batch_execute(&format!(
            "CREATE FUNCTION \"{schema}\".refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
             RAISE EXCEPTION 'orders are closed today' USING ERRCODE = 'P0001', DETAIL = 'stocktaking until noon'; \
             END $$; \
             CREATE TRIGGER refuse BEFORE INSERT ON \"{schema}\".{orders} FOR EACH ROW EXECUTE FUNCTION \"{schema}\".refuse()"
        ))
        .unwrap();
    let error = shop.oms.place_order(order("web", vec![line("TEE-M", 1, "1.00")])).unwrap_err();
    assert_eq!(error.code(), "storage_error");
    let message = error.to_string();
    for part in ["P0001", "orders are closed today", "stocktaking until noon"] {
        assert!(message.contains(part), "{part:?} missing from {message:?}");
    }
    // Nothing was applied.
    assert_eq!(shop.oms.available(&sku("TEE-M"), &chan("web")).unwrap(), 20);

    // A table dropped under the library: undefined_table, 42P01.
    client().batch_execute(&format!("DROP TABLE \"{schema}\".{distances}")).unwrap();
    let error = shop
        .oms
        .set_region_distance(SetRegionDistance {
            from_region: "US-NY".into(),
            to_region: "US-CA".into(),
            distance_km: 4000,
        })
        .unwrap_err();
    assert_eq!(error.code(), "storage_error");
    assert!(error.to_string().contains("42P01"), "{error}");
    assert!(error.to_string().contains(distances), "{error}");
}

#[test]
fn connection_failures_name_their_sqlstate_but_never_the_password() {
    if !postgres_enabled() {
        return;
    }
    let base = postgres_url();
    let (scheme_and_user, host_and_rest) = base.split_once('@').unwrap();
    let with_password = |user: &str, rest: &str| {
        let scheme = scheme_and_user.split_once("://").unwrap().0;
        format!("{scheme}://{user}:Hunter2-Secret@{rest}")
    };
    let database = host_and_rest.rsplit_once('/').unwrap().0;
    // A database that does not exist: 3D000.
    let error =
        Oms::open(&with_password("postgres", &format!("{database}/no_such_database_oms?schema=s"))).unwrap_err();
    assert_eq!(error.code(), "storage_unavailable", "{error}");
    assert!(error.to_string().contains("3D000"), "{error}");
    // A role that does not exist: 28000 (or 28P01 where the server asks for a password).
    let error = Oms::open(&with_password("no_such_role_oms", &format!("{host_and_rest}?schema=s"))).unwrap_err();
    assert_eq!(error.code(), "storage_unavailable", "{error}");
    assert!(error.to_string().contains(" 28"), "{error}");
    // No server at all, and a URL that does not parse.
    let unreachable = Oms::open("postgres://postgres:Hunter2-Secret@127.0.0.1:1/test?schema=s").unwrap_err();
    assert_eq!(unreachable.code(), "storage_unavailable");
    let malformed = Oms::open("postgres://postgres:Hunter2-Secret@127.0.0.1:port/test?schema=s").unwrap_err();
    assert_eq!((malformed.code(), malformed.field()), ("invalid_input", Some("target")));
    for error in [error, unreachable, malformed] {
        assert!(!error.to_string().contains("Hunter2"), "{error}");
    }
}
