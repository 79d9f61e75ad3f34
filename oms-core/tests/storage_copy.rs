//! The copy of the first schema into the storage contract's tables: a SQLite
//! file and a PostgreSQL schema written by today's service are copied, then
//! everything is read back through the contract and compared with what the
//! service reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod contract_support;

use std::sync::Arc;

use common::*;
use oms_core::storage::contract::copy::CopyReport;
use oms_core::storage::contract::*;
use oms_core::*;

/// What the service wrote, as it reports it.
#[derive(serde::Serialize, serde::Deserialize)]
struct Written {
    orders: Vec<Order>,
    hold: Reservation,
    transfer: Transfer,
    levels: Vec<StockLevel>,
    events: Vec<EventRecord>,
    products: Vec<Product>,
    channels: Vec<Channel>,
}

fn write_with_todays_service(oms: &Oms) -> Written {
    stocked(oms);
    let lines = || vec![line("TEE-M", 2, "19.99"), line("MUG", 1, "8.00"), line("BOOK", 1, "12.50")];
    let mut first = order("web", lines());
    first.idempotency_key = key("checkout-1");
    let first = oms.place_order(first).unwrap();
    let second = oms.place_order(order("web", vec![line("MUG", 3, "8.00")])).unwrap();
    let third = oms.place_order(order("eu", vec![line("BOOK", 1, "9.00")])).unwrap();
    let cancelled = oms
        .cancel_order(CancelOrder { order_id: third.id.clone(), reason: None, idempotency_key: key("cancel-3") })
        .unwrap();
    let hold = oms
        .reserve_stock(ReserveStock {
            reservation_id: ReservationId::new("cart-1").unwrap(),
            channel: chan("web"),
            lines: vec![ReservationLine { sku: sku("TEE-M"), quantity: 1 }],
            ttl_seconds: 600,
            pickup_location: None,
            ship_to_region: None,
            idempotency_key: key("hold-1"),
        })
        .unwrap();
    let transfer = oms
        .request_transfer(RequestTransfer {
            sku: sku("MUG"),
            from_location: loc("wh-west"),
            to_location: loc("store-soho"),
            quantity: 2,
            idempotency_key: key("transfer-1"),
        })
        .unwrap();
    oms.receive_stock(ReceiveStock {
        sku: sku("TEE-M"),
        location: loc("wh-east"),
        quantity: 4,
        idempotency_key: key("receipt-1"),
    })
    .unwrap();
    Written {
        orders: vec![first, second, cancelled],
        hold,
        transfer,
        levels: oms.stock_levels(None, None).unwrap(),
        events: oms.events_since(0, Some(1000)).unwrap(),
        products: SKUS.iter().map(|code| oms.get_product(&sku(code)).unwrap()).collect(),
        channels: oms.list_channels().unwrap(),
    }
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

#[test]
fn a_sqlite_file_written_today_is_copied_into_the_contract_tables() {
    if !on_first_schema("a_sqlite_file_written_today_is_copied_into_the_contract_tables") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("first.db");
    let path = path.to_str().unwrap();
    let written = {
        let oms = Oms::open_with_clock(path, clock() as Arc<dyn Clock>).unwrap();
        write_with_todays_service(&oms)
    };
    let store = oms_core::storage::sqlite::SqliteStore::open(path).unwrap();
    let payload = |key: &str| -> String {
        let connection = rusqlite::Connection::open(path).unwrap();
        connection.query_row("SELECT payload FROM idempotency WHERE key = ?1", [key], |row| row.get(0)).unwrap()
    };
    check_copy("sqlite", &store, || store.copy_first_schema(), payload, &written);
}

#[cfg(feature = "postgres")]
#[test]
fn a_postgres_schema_written_today_is_copied_into_the_contract_tables() {
    if !on_first_schema("a_postgres_schema_written_today_is_copied_into_the_contract_tables") {
        return;
    }
    if !postgres_enabled() {
        return;
    }
    let place = contract_support::Place::Schema(fresh_schema());
    let contract_support::Place::Schema(schema) = &place else { unreachable!() };
    let url = format!("{}?schema={schema}", postgres_url());
    let written = {
        let oms = Oms::open_with_clock(&url, clock() as Arc<dyn Clock>).unwrap();
        write_with_todays_service(&oms)
    };
    let store = oms_core::storage::postgres::PostgresStore::open(&url).unwrap();
    let payload = |key: &str| -> String {
        let mut client = postgres::Client::connect(&postgres_url(), postgres::NoTls).unwrap();
        client.query_one(&format!("SELECT payload FROM {schema}.idempotency WHERE key = $1"), &[&key]).unwrap().get(0)
    };
    check_copy("postgres", &store, || store.copy_first_schema(), payload, &written);
}

/// Writes the first-layout fixtures (`OMS_WRITE_FIXTURES=1 OMS_STORAGE=tables
/// CI=true cargo test -p oms-core --features postgres --test storage_copy`):
/// a SQLite file, a `pg_dump --inserts` of a PostgreSQL schema with its name
/// replaced by `__SCHEMA__`, and what the service reported while writing them.
#[cfg(feature = "postgres")]
#[test]
fn write_first_schema_fixtures() {
    if std::env::var("OMS_WRITE_FIXTURES").is_err() || !on_first_schema("write_first_schema_fixtures") {
        return;
    }
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let path = format!("{fixtures}/first-schema.db");
    let _ = std::fs::remove_file(&path);
    let written = {
        let oms = Oms::open_with_clock(&path, clock() as Arc<dyn Clock>).unwrap();
        write_with_todays_service(&oms)
    };
    rusqlite::Connection::open(&path).unwrap().execute_batch("PRAGMA journal_mode=DELETE; VACUUM;").unwrap();
    std::fs::write(format!("{fixtures}/first-schema.json"), serde_json::to_string_pretty(&written).unwrap()).unwrap();

    let schema = "first_schema_fixture";
    let mut client = postgres::Client::connect(&postgres_url(), postgres::NoTls).unwrap();
    client.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE")).unwrap();
    let url = format!("{}?schema={schema}", postgres_url());
    let written_pg = {
        let oms = Oms::open_with_clock(&url, clock() as Arc<dyn Clock>).unwrap();
        write_with_todays_service(&oms)
    };
    assert_eq!(serde_json::to_value(&written_pg).unwrap(), serde_json::to_value(&written).unwrap());
    let dump = std::process::Command::new("pg_dump")
        .args(["--inserts", "--no-owner", "--no-privileges", "--schema", schema, &postgres_url()])
        .output()
        .unwrap();
    assert!(dump.status.success(), "{}", String::from_utf8_lossy(&dump.stderr));
    // psql's meta-commands (`\restrict`) are left out: the dump is run as plain SQL.
    let text: String = String::from_utf8(dump.stdout)
        .unwrap()
        .replace(schema, "__SCHEMA__")
        .lines()
        .filter(|line| !line.starts_with('\\'))
        .map(|line| format!("{line}\n"))
        .collect();
    std::fs::write(format!("{fixtures}/first-schema.pg.sql"), text).unwrap();
    client.batch_execute(&format!("DROP SCHEMA {schema} CASCADE")).unwrap();
}
