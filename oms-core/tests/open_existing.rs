//! `schema_version()` on every backend, and `create=false`: opening an
//! existing store only, so that a mistyped path or schema is
//! `store_not_found` rather than a new, empty shop (the `oms` command opens
//! every database this way).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use oms_core::*;

#[test]
fn schema_version_is_the_count_of_migrations_on_each_backend() {
    for backend in backends() {
        let shop = open(backend);
        let version = shop.oms.schema_version().unwrap();
        if backend == "memory" {
            assert_eq!(version, 0, "memory has no tables");
        } else {
            assert!(version >= 1, "{backend}: {version}");
        }
        stocked(&shop.oms);
        assert_eq!(shop.oms.schema_version().unwrap(), version, "{backend}: writing data migrates nothing");
    }
}

#[test]
fn create_false_opens_an_existing_sqlite_store_and_reads_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.db");
    let version = {
        let oms = Oms::open(path.to_str().unwrap()).unwrap();
        stocked(&oms);
        oms.schema_version().unwrap()
    };
    let oms = Oms::open(&format!("sqlite:{}?create=false", path.display())).unwrap();
    assert_eq!(oms.schema_version().unwrap(), version);
    assert!(!oms.list_locations().unwrap().is_empty(), "the data written before is there");
}

#[test]
fn create_false_refuses_a_missing_or_empty_sqlite_file_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("typo.db");
    let error = Oms::open(&format!("sqlite:{}?create=false", missing.display())).unwrap_err();
    assert_eq!(error.code(), "store_not_found", "{error}");
    assert!(error.to_string().contains("typo.db"), "{error}");
    assert!(!missing.exists(), "no file was created");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "nothing beside it either");

    let inside_missing_dir = dir.path().join("no-such-dir").join("shop.db");
    let error = Oms::open(&format!("sqlite:{}?create=false", inside_missing_dir.display())).unwrap_err();
    assert_eq!(error.code(), "store_not_found", "{error}");

    // A 0-byte file would become a new store without the option; with it, it is left as found.
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let error = Oms::open(&format!("sqlite:{}?create=false&group_commit=4", empty.display())).unwrap_err();
    assert_eq!(error.code(), "store_not_found", "{error}");
    assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0);

    let error = Oms::open(&format!("sqlite:{}?create=maybe", empty.display())).unwrap_err();
    assert_eq!((error.code(), error.field()), ("invalid_input", Some("target")), "{error}");
}

#[cfg(feature = "postgres")]
#[test]
fn create_false_refuses_a_postgres_schema_without_a_store_and_creates_nothing() {
    if !postgres_enabled() {
        return;
    }
    let schema = fresh_schema();
    let url = format!("{}?schema={schema}&create=false", postgres_url());
    let error = Oms::open(&url).unwrap_err();
    assert_eq!(error.code(), "store_not_found", "{error}");
    assert!(error.to_string().contains(&schema), "{error}");
    let mut client = postgres::Client::connect(&postgres_url(), postgres::NoTls).unwrap();
    let schemas = |client: &mut postgres::Client| -> i64 {
        client.query_one("SELECT count(*) FROM pg_namespace WHERE nspname = $1", &[&schema]).unwrap().get(0)
    };
    assert_eq!(schemas(&mut client), 0, "the schema was not created");

    // Once a store is there, the same URL opens it.
    let version = {
        let oms = Oms::open(&format!("{}?schema={schema}", postgres_url())).unwrap();
        stocked(&oms);
        oms.schema_version().unwrap()
    };
    let opened = Oms::open(&url).map(|oms| (oms.schema_version(), oms.list_locations().map(|found| found.len())));
    client.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE")).unwrap();
    let (reopened_version, locations) = opened.unwrap();
    assert_eq!(reopened_version.unwrap(), version);
    assert!(locations.unwrap() > 0, "the data written before is there");

    let error = Oms::open(&format!("{}?schema={schema}&create=perhaps", postgres_url())).unwrap_err();
    assert_eq!((error.code(), error.field()), ("invalid_input", Some("create")), "{error}");
}
