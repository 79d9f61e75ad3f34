//! The copy of the first schema into the storage contract's tables: a SQLite
//! file and a PostgreSQL schema written by the first schema's service
//! (`tests/fixtures/first-schema.*`, made by `fixtures/write_first_schema.rs`)
//! are copied, then everything is read back through the contract and
//! compared with what that service reported (`first-schema.json`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod contract_support;

use common::*;
use oms_core::storage::contract::copy::CopyReport;
use oms_core::storage::contract::*;
use oms_core::*;

/// What the service wrote, as it reported it.
#[derive(serde::Deserialize)]
struct Written {
    orders: Vec<Order>,
    hold: Reservation,
    transfer: Transfer,
    levels: Vec<StockLevel>,
    events: Vec<EventRecord>,
    products: Vec<Product>,
    channels: Vec<Channel>,
}

fn check_copy(
    backend: &str,
    store: &dyn Store,
    copy: impl Fn() -> oms_core::Result<CopyReport>,
    payload: impl Fn(&str) -> String,
    written: &Written,
) {
    let report = copy().unwrap();
    let levels = written.levels.len() as u64;
    assert_eq!(report.documents, 3 + 3 + 2 + 3 + 1 + 1, "{backend}: {report:?}");
    assert_eq!(report.stock_rows, levels, "{backend}");
    assert_eq!(report.outbox_rows, written.events.len() as u64, "{backend}");
    assert_eq!((report.idempotency_records, report.records_without_result), (5, 0), "{backend}");
    assert_eq!(copy().unwrap_err().code(), "storage_error", "{backend}: a second copy is refused");

    let mut tx = store.begin(Access::Write).unwrap();
    // Documents decode to exactly what the service returns.
    for product in &written.products {
        let stored = tx.get_as::<Product>("product", product.sku.as_str(), Lock::None).unwrap().unwrap();
        assert_eq!((stored.version, &stored.value), (product.version, product), "{backend}");
    }
    for channel in &written.channels {
        assert_eq!(&tx.get_as::<Channel>("channel", channel.id.as_str(), Lock::None).unwrap().unwrap().value, channel);
    }
    let keys: Vec<&str> = written.orders.iter().map(|o| o.id.as_str()).collect();
    let orders = tx.get_many("order", &keys, Lock::Update).unwrap();
    for (stored, order) in orders.iter().zip(&written.orders) {
        let stored = stored.as_ref().unwrap();
        assert_eq!(stored.body.decode::<Order>().unwrap(), *order, "{backend}");
        assert_eq!((stored.version, stored.position), (order.version, order.sequence), "{backend}");
        assert_eq!(stored.terms.get(Term::First), Some(order.status.as_str()), "{backend}");
    }
    let cancelled = tx.scan("order", &IndexFilter::Equals(Term::First, "cancelled".into()), None, 10).unwrap();
    assert_eq!(
        cancelled.iter().map(|d| d.key.as_str()).collect::<Vec<_>>(),
        [written.orders[2].id.as_str()],
        "{backend}"
    );
    let by_customer = tx.scan("order", &IndexFilter::Equals(Term::Second, "ada@example.com".into()), None, 10).unwrap();
    assert_eq!(by_customer.iter().map(|d| d.key.as_str()).collect::<Vec<_>>(), keys, "{backend}: in sequence order");
    let web = tx.scan("order", &IndexFilter::Equals(Term::Third, "web".into()), None, 10).unwrap();
    assert_eq!(web.len(), 2, "{backend}");
    let hold = tx.get_as::<Reservation>("reservation", "cart-1", Lock::None).unwrap().unwrap();
    assert_eq!(hold.value, written.hold, "{backend}");
    assert_eq!(hold.terms.get(Term::First), Some("active"), "{backend}");
    let transfer = tx.get_as::<Transfer>("transfer", written.transfer.id.as_str(), Lock::None).unwrap().unwrap();
    assert_eq!(transfer.value, written.transfer, "{backend}");
    assert_eq!(tx.scan("location", &IndexFilter::All, None, 10).unwrap().len(), 3, "{backend}");

    // Stock rows are the levels, reserved units.
    let skus: Vec<Sku> = SKUS.iter().map(|code| sku(code)).collect();
    let rows = tx.stock(&skus.iter().collect::<Vec<_>>(), Lock::Update).unwrap();
    let want: Vec<StockRow> = written
        .levels
        .iter()
        .map(|l| StockRow {
            sku: l.sku.clone(),
            location: l.location.clone(),
            on_hand: l.on_hand,
            allocated: l.allocated,
            reserved: l.reserved,
            quarantined: l.quarantined,
            incoming: l.incoming,
            version: l.version,
        })
        .collect();
    assert_eq!(rows, want, "{backend}");

    // The ledger sums to the stock rows, pair by pair, and is numbered 1, 2, 3, ...
    let ledger = tx.read(Stream::Ledger, 0, 10_000).unwrap();
    assert_eq!(ledger.len() as u64, report.ledger_rows, "{backend}");
    assert!(ledger.iter().enumerate().all(|(i, row)| row.seq == i as u64 + 1), "{backend}");
    for row in &rows {
        let pair = format!("{}/{}", row.sku, row.location);
        let sum = |bucket: &str| -> i64 {
            ledger
                .iter()
                .filter(|r| r.aggregate == pair)
                .map(|r| r.body.decode::<serde_json::Value>().unwrap()[bucket].as_i64().unwrap())
                .sum()
        };
        let sums = [sum("on_hand"), sum("allocated"), sum("reserved"), sum("quarantined"), sum("incoming")];
        assert_eq!(sums, row.buckets(), "{backend}: {pair}");
    }

    // The outbox holds every event once, in order, each under its aggregate.
    let outbox = tx.read(Stream::Outbox, 0, 10_000).unwrap();
    assert_eq!(outbox.len(), written.events.len(), "{backend}");
    for (row, record) in outbox.iter().zip(&written.events) {
        let body = row.body.decode::<serde_json::Value>().unwrap();
        let event: Event = serde_json::from_value(body["events"][0].clone()).unwrap();
        assert_eq!((row.seq, &event), (record.sequence, &record.event), "{backend}");
        if let Event::OrderPlaced { order_id, .. } = &event {
            assert_eq!(&row.aggregate, order_id.as_str(), "{backend}");
        }
    }

    // Numbers continue where the service left them.
    assert_eq!(tx.next_in_series("order", Numbering::Gapless).unwrap(), 4, "{backend}");
    assert_eq!(tx.next_in_series("transfer", Numbering::Gapless).unwrap(), 2, "{backend}");

    // Idempotency records keep the hash of the stored payload and point at their result.
    for (key_text, kind, key) in [
        ("checkout-1", "order", written.orders[0].id.to_string()),
        ("cancel-3", "order", written.orders[2].id.to_string()),
        ("hold-1", "reservation", "cart-1".to_string()),
        ("transfer-1", "transfer", written.transfer.id.to_string()),
        ("receipt-1", "stock", "TEE-M/wh-east".to_string()),
    ] {
        let stored = tx.idempotency(&IdempotencyKey::new(key_text).unwrap()).unwrap().unwrap();
        assert_eq!(stored.payload_hash, PayloadHash::of(&payload(key_text)), "{backend}: {key_text}");
        assert_eq!(stored.result, Some(ResultRef { kind: kind.into(), key }), "{backend}: {key_text}");
    }
}

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn written() -> Written {
    serde_json::from_str(&std::fs::read_to_string(format!("{FIXTURES}/first-schema.json")).unwrap()).unwrap()
}

#[test]
fn a_sqlite_file_written_on_the_first_schema_is_copied_into_the_contract_tables() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("first.db");
    std::fs::copy(format!("{FIXTURES}/first-schema.db"), &path).unwrap();
    let path = path.to_str().unwrap();
    let store = oms_core::storage::sqlite::SqliteStore::open(path).unwrap();
    let payload = |key: &str| -> String {
        let connection = rusqlite::Connection::open(path).unwrap();
        connection.query_row("SELECT payload FROM idempotency WHERE key = ?1", [key], |row| row.get(0)).unwrap()
    };
    check_copy("sqlite", &store, || store.copy_first_schema(), payload, &written());
}

#[cfg(feature = "postgres")]
#[test]
fn a_postgres_schema_written_on_the_first_schema_is_copied_into_the_contract_tables() {
    if !postgres_enabled() {
        return;
    }
    let place = contract_support::Place::Schema(fresh_schema());
    let contract_support::Place::Schema(schema) = &place else { unreachable!() };
    let dump = std::fs::read_to_string(format!("{FIXTURES}/first-schema.pg.sql")).unwrap();
    let mut client = postgres::Client::connect(&postgres_url(), postgres::NoTls).unwrap();
    client.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE")).unwrap();
    client.batch_execute(&dump.replace("__SCHEMA__", schema)).unwrap();
    let url = format!("{}?schema={schema}", postgres_url());
    let store = oms_core::storage::postgres::PostgresStore::open(&url).unwrap();
    let payload = |key: &str| -> String {
        let mut client = postgres::Client::connect(&postgres_url(), postgres::NoTls).unwrap();
        client.query_one(&format!("SELECT payload FROM {schema}.idempotency WHERE key = $1"), &[&key]).unwrap().get(0)
    };
    check_copy("postgres", &store, || store.copy_first_schema(), payload, &written());
}

#[test]
fn a_sqlite_file_written_on_the_first_schema_opens_with_all_its_data() {
    // What a user meets: `Oms::open` copies the file once and serves what was written.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("first.db");
    std::fs::copy(format!("{FIXTURES}/first-schema.db"), &path).unwrap();
    let written = written();
    let oms = Oms::open_with_clock(path.to_str().unwrap(), clock()).unwrap();
    for order in &written.orders {
        assert_eq!(&oms.get_order(&order.id).unwrap(), order);
    }
    assert_eq!(oms.stock_levels(None, None).unwrap(), written.levels);
    assert_eq!(oms.events_since(0, Some(1000)).unwrap(), written.events);
    assert_eq!(oms.list_channels().unwrap(), written.channels);
    assert!(oms.audit().unwrap().is_clean());
    drop(oms);
    let again = Oms::open_with_clock(path.to_str().unwrap(), clock()).unwrap();
    assert_eq!(again.events_since(0, Some(1000)).unwrap(), written.events, "a second open copies nothing again");
}
