//! Regression tests for defects found by driving the library as a careless
//! or hostile caller would: extreme numbers, a clock before 1970, amounts
//! finer than `Decimal` holds, requests that mean the same thing spelled
//! differently, stored records no longer valid under today's rules, and
//! files that are not this library's.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;

use chrono::{TimeDelta, TimeZone, Utc};
use common::*;
use oms_core::*;

fn adjust(oms: &Oms, delta: i64) -> Result<StockLevel> {
    oms.adjust_stock(AdjustStock {
        sku: sku("MUG"),
        location: loc("wh-east"),
        quantity_delta: delta,
        idempotency_key: None,
    })
}

#[test]
fn extreme_stock_deltas_are_typed_errors_naming_the_field() {
    for backend in backends() {
        let shop = open(backend);
        stocked(&shop.oms);
        for delta in [i64::MIN, i64::MIN + 1, i64::MAX, -1_000_001, 1_000_001, 0] {
            let error = adjust(&shop.oms, delta).unwrap_err();
            assert_eq!(
                (error.code(), error.field()),
                ("invalid_quantity", Some("quantity_delta")),
                "{backend} {delta}"
            );
        }
        // Over the stock a pair may hold: the delta is what does not fit.
        for _ in 0..999 {
            adjust(&shop.oms, 1_000_000).unwrap();
        }
        let error = adjust(&shop.oms, 1_000_000).unwrap_err();
        assert_eq!((error.code(), error.field()), ("invalid_quantity", Some("quantity_delta")), "{backend}");
        assert_eq!(adjust(&shop.oms, -1_000_000).unwrap().on_hand, 998_000_010);
        assert_sound(&shop.oms);
    }
}

#[test]
fn a_transfer_that_overfills_its_target_names_the_transfer() {
    let shop = open("memory");
    stocked(&shop.oms);
    // wh-west holds 10; fill it to the limit of 1,000,000,000.
    for quantity in std::iter::repeat_n(1_000_000, 999).chain([999_990]) {
        shop.oms
            .receive_stock(ReceiveStock { sku: sku("MUG"), location: loc("wh-west"), quantity, idempotency_key: None })
            .unwrap();
    }
    let transfer = shop
        .oms
        .request_transfer(RequestTransfer {
            sku: sku("MUG"),
            from_location: loc("wh-east"),
            to_location: loc("wh-west"),
            quantity: 10,
            idempotency_key: None,
        })
        .unwrap();
    let step = TransferStep { transfer_id: transfer.id.clone(), idempotency_key: None };
    shop.oms.ship_transfer(step.clone()).unwrap();
    let error = shop.oms.receive_transfer(step).unwrap_err();
    assert_eq!((error.code(), error.field()), ("invalid_quantity", Some("transfer_id")));
}

#[test]
fn a_clock_before_1970_is_a_typed_error_and_writes_nothing() {
    let clock = Arc::new(ManualClock::new(Utc.with_ymd_and_hms(1969, 12, 31, 23, 59, 59).unwrap()));
    let shop = open_with("sqlite", clock.clone());
    let error =
        shop.oms.upsert_location(UpsertLocation::new(loc("wh-east"), LocationKind::Warehouse, "US")).unwrap_err();
    assert_eq!((error.code(), error.category()), ("clock_unusable", Category::Storage));
    assert!(shop.oms.events_since(0, None).unwrap().is_empty(), "nothing was written");
    clock.advance(TimeDelta::seconds(1));
    shop.oms.upsert_location(UpsertLocation::new(loc("wh-east"), LocationKind::Warehouse, "US")).unwrap();
    // The system clock no longer panics on its own either.
    assert!(SystemClock.now() > Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap());
}

#[test]
fn amounts_finer_than_decimal_holds_are_refused_quoting_the_caller() {
    let payload = |price: &str| {
        format!(
            r#"{{"channel":"web","customer_email":"a@b.io","lines":[{{"sku":"MUG","quantity":1,"unit_price":"{price}"}}]}}"#
        )
    };
    for price in ["0.00000000000000000000000000001", "1.00000000000000000000000000001"] {
        let error = PlaceOrder::from_json(&payload(price)).unwrap_err();
        assert!(error.to_string().contains(price), "{error}");
        let error = money::parse_decimal(price).unwrap_err();
        assert_eq!(error.code(), "invalid_amount");
    }
    let exact = PlaceOrder::from_json(&payload(&format!("1.{}", "0".repeat(40)))).unwrap();
    assert_eq!(exact.lines[0].unit_price, dec("1"));
}

#[test]
fn idempotency_compares_what_a_request_means_not_how_it_is_spelled() {
    for backend in backends() {
        let shop = open(backend);
        stocked(&shop.oms);
        let mut first = order("web", vec![line("MUG", 1, "20")]);
        first.idempotency_key = key("checkout-1");
        let placed = shop.oms.place_order(first.clone()).unwrap();

        let mut same = first.clone();
        same.lines[0].unit_price = dec("20.00");
        same.lines[0].discount = Some(dec("0.00"));
        same.currency = Some(Currency::USD);
        same.shipping = Some(dec("0"));
        assert_eq!(shop.oms.place_order(same).unwrap(), placed, "{backend}");

        let mut other_currency = first.clone();
        other_currency.currency = Some(Currency::EUR);
        let error = shop.oms.place_order(other_currency).unwrap_err();
        assert_eq!(error.code(), "idempotency_key_reused", "{backend}");
        let mut other_price = first.clone();
        other_price.lines[0].unit_price = dec("20.01");
        assert_eq!(shop.oms.place_order(other_price).unwrap_err().code(), "idempotency_key_reused", "{backend}");
        assert_eq!(shop.oms.list_orders(&OrderQuery::default()).unwrap().orders.len(), 1, "{backend}");
    }
}

/// A record written under an older, looser rule (here: an e-mail address
/// whose lower-cased form is over today's limit, as an earlier release
/// stored it) is read as it was written, so it cannot jam a listing, the
/// audit or the outbox.
#[test]
fn a_stored_record_that_fails_todays_validation_stays_readable() {
    let long = format!("{}@x.io", "ⱥ".repeat(120));
    let check = |oms: &Oms, id: &OrderId| {
        let stored = oms.get_order(id).unwrap();
        assert_eq!(stored.customer_email.as_str(), long);
        assert_eq!(oms.list_orders(&OrderQuery::default()).unwrap().orders.len(), 1);
        assert!(oms.events_since(0, Some(1_000)).unwrap().len() > 1);
        assert_sound(oms);
        // The order can still be worked: cancelling releases its stock.
        oms.cancel_order(CancelOrder { order_id: id.clone(), reason: None, idempotency_key: None }).unwrap();
        assert_eq!(oms.available(&sku("MUG"), &chan("web")).unwrap(), 20);
    };

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let id = {
        let oms = Oms::open(path.to_str().unwrap()).unwrap();
        stocked(&oms);
        oms.place_order(order("web", vec![line("MUG", 1, "2.00")])).unwrap().id
    };
    let connection = rusqlite::Connection::open(&path).unwrap();
    // The order's document.
    let (read, write) = (
        "SELECT body FROM documents WHERE kind = 'order'",
        "UPDATE documents SET body = ?1, idx_2 = ?2 WHERE kind = 'order'",
    );
    let doc: String = connection.query_row(read, [], |row| row.get(0)).unwrap();
    let doc = doc.replace("ada@example.com", &long);
    assert_eq!(connection.execute(write, (doc, &long)).unwrap(), 1);
    drop(connection);
    check(&Oms::open(path.to_str().unwrap()).unwrap(), &id);

    if postgres_enabled() {
        let shop = open("postgres");
        stocked(&shop.oms);
        let id = shop.oms.place_order(order("web", vec![line("MUG", 1, "2.00")])).unwrap().id;
        let mut client = postgres::Client::connect(&postgres_url(), postgres::NoTls).unwrap();
        let sql = format!(
            "UPDATE {}.documents SET idx_2 = $1, body = replace(body, 'ada@example.com', $1) WHERE kind = 'order'",
            shop.schema().unwrap()
        );
        assert_eq!(client.execute(&sql, &[&long]).unwrap(), 1);
        check(&shop.oms, &id);
    }
}

fn sha(path: &std::path::Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn another_programs_file_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("crm.db");
    {
        let connection = rusqlite::Connection::open(&foreign).unwrap();
        connection.execute_batch("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)").unwrap();
    }
    let before = sha(&foreign);
    let error = Oms::open(foreign.to_str().unwrap()).unwrap_err();
    assert_eq!((error.code(), error.field()), ("invalid_input", Some("target")));
    assert!(error.to_string().contains("contacts"), "{error}");
    assert_eq!(sha(&foreign), before, "the file is unchanged");
    let mode: String =
        rusqlite::Connection::open(&foreign).unwrap().query_row("PRAGMA journal_mode", [], |row| row.get(0)).unwrap();
    assert_eq!(mode, "delete", "the file was not switched to WAL");

    let tagged = dir.path().join("tagged.db");
    rusqlite::Connection::open(&tagged)
        .unwrap()
        .execute_batch("PRAGMA application_id = 42; CREATE TABLE t (x)")
        .unwrap();
    assert_eq!(Oms::open(tagged.to_str().unwrap()).unwrap_err().field(), Some("target"));

    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "these are not the droids you are looking for; ".repeat(100)).unwrap();
    let before = sha(&text);
    let error = Oms::open(text.to_str().unwrap()).unwrap_err();
    assert_eq!((error.code(), error.field()), ("invalid_input", Some("target")), "{error}");
    assert_eq!(sha(&text), before);
    assert!(!dir.path().join("notes.txt-wal").exists());
}

#[test]
fn empty_files_new_files_and_files_of_earlier_releases_open() {
    let dir = tempfile::tempdir().unwrap();
    // A 0-byte file (`mktemp`, `touch`) is an empty database to SQLite: a new store.
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let oms = Oms::open(empty.to_str().unwrap()).unwrap();
    stocked(&oms);
    drop(oms);
    assert_eq!(Oms::open(empty.to_str().unwrap()).unwrap().available(&sku("MUG"), &chan("web")).unwrap(), 20);

    // A file written before the application id was stamped is still ours.
    let older = dir.path().join("older.db");
    drop(Oms::open(older.to_str().unwrap()).unwrap());
    rusqlite::Connection::open(&older).unwrap().execute_batch("PRAGMA application_id = 0").unwrap();
    drop(Oms::open(older.to_str().unwrap()).unwrap());
    let id: i64 =
        rusqlite::Connection::open(&older).unwrap().query_row("PRAGMA application_id", [], |row| row.get(0)).unwrap();
    assert_eq!(id, 0x4F4D_5331, "opening stamps the id");
}

#[test]
fn a_path_with_a_nul_byte_is_invalid_input() {
    for target in ["shop\0.db", "sqlite:shop\0.db?synchronous=normal"] {
        let error = Oms::open(target).unwrap_err();
        assert_eq!((error.code(), error.field()), ("invalid_input", Some("target")), "{target:?}");
    }
}
