//! Fixtures shared by the integration tests: a small catalogue on any backend.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use chrono::TimeZone;
use oms_core::*;
use rust_decimal::Decimal;

/// A service on one backend, and what must be cleaned up after it.
pub struct Shop {
    pub oms: Oms,
    pub backend: &'static str,
    _place: Place,
}

impl Shop {
    /// The PostgreSQL schema this shop lives in, if it is on PostgreSQL.
    pub fn schema(&self) -> Option<&str> {
        match &self._place {
            Place::Schema(name) => Some(name),
            _ => None,
        }
    }
}

enum Place {
    Memory,
    File(#[allow(dead_code)] tempfile::TempDir),
    Schema(String),
}

impl Drop for Place {
    fn drop(&mut self) {
        if let Place::Schema(schema) = self {
            if let Ok(mut client) = postgres::Client::connect(&postgres_url(), postgres::NoTls) {
                let _ = client.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
            }
        }
    }
}

pub fn clock() -> Arc<ManualClock> {
    Arc::new(ManualClock::new(chrono::Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap()))
}

/// The PostgreSQL server the tests use: `OMS_TEST_POSTGRES_URL`, or the local one.
pub fn postgres_url() -> String {
    std::env::var("OMS_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// Whether the PostgreSQL tests run: always in CI (where a missing server is
/// a failure), elsewhere only when the server answers.
pub fn postgres_enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| {
        if std::env::var("CI").is_ok_and(|value| value == "true") {
            return true;
        }
        let reachable = postgres::Client::connect(&postgres_url(), postgres::NoTls).is_ok();
        if !reachable {
            eprintln!(
                "PostgreSQL at {} is not reachable: skipping the PostgreSQL backend. \
                 Start a server or set OMS_TEST_POSTGRES_URL to run those tests.",
                postgres_url()
            );
        }
        reachable
    })
}

/// A fresh, empty schema name for one test.
pub fn fresh_schema() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    format!("t_{}_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed), nanos)
}

/// Opens a service on `backend` ("memory", "sqlite" or "postgres") with `clock`.
pub fn open_with(backend: &'static str, clock: Arc<ManualClock>) -> Shop {
    let clock = clock as Arc<dyn Clock>;
    match backend {
        "memory" => Shop { oms: Oms::open_with_clock(":memory:", clock).unwrap(), backend, _place: Place::Memory },
        "sqlite" => {
            let dir = tempfile::tempdir().unwrap();
            let oms = Oms::open_with_clock(dir.path().join("oms.db").to_str().unwrap(), clock).unwrap();
            Shop { oms, backend, _place: Place::File(dir) }
        }
        "sqlite-group-commit" => {
            let dir = tempfile::tempdir().unwrap();
            let target = format!("sqlite:{}?group_commit=32", dir.path().join("oms.db").display());
            let oms = Oms::open_with_clock(&target, clock).unwrap();
            Shop { oms, backend, _place: Place::File(dir) }
        }
        _ => {
            let schema = fresh_schema();
            let oms = Oms::open_with_clock(&format!("{}?schema={schema}", postgres_url()), clock).unwrap();
            Shop { oms, backend, _place: Place::Schema(schema) }
        }
    }
}

/// Every backend these tests run against.
pub fn backends() -> Vec<&'static str> {
    let mut names = vec!["memory", "sqlite", "sqlite-group-commit"];
    if postgres_enabled() {
        names.push("postgres");
    }
    names
}

pub fn open(backend: &'static str) -> Shop {
    open_with(backend, clock())
}

pub fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}
pub fn sku(text: &str) -> Sku {
    Sku::new(text).unwrap()
}
pub fn loc(text: &str) -> LocationId {
    LocationId::new(text).unwrap()
}
pub fn chan(text: &str) -> ChannelId {
    ChannelId::new(text).unwrap()
}
pub fn key(text: &str) -> Option<IdempotencyKey> {
    Some(IdempotencyKey::new(text).unwrap())
}

pub const SKUS: &[&str] = &["TEE-M", "MUG", "BOOK"];
pub const LOCATIONS: &[&str] = &["wh-east", "wh-west", "store-soho"];

/// Locations wh-east, wh-west, store-soho; channel `web` (USD, tax-exclusive, draws from
/// wh-east then wh-west, sales tax 8.875 % on standard goods) and channel `eu`
/// (EUR, tax-inclusive 20 % / reduced 5.5 %, document rounding, wh-west only);
/// products TEE-M and MUG (standard) and BOOK (reduced); 10 units of each SKU at each warehouse.
pub fn stocked(oms: &Oms) {
    for (id, kind) in [
        ("wh-east", LocationKind::Warehouse),
        ("wh-west", LocationKind::Warehouse),
        ("store-soho", LocationKind::Store),
    ] {
        oms.upsert_location(UpsertLocation::new(loc(id), kind, "US-NY")).unwrap();
    }
    let mut us_tax = BTreeMap::new();
    us_tax.insert(TaxClass::standard(), dec("0.08875"));
    oms.upsert_channel(UpsertChannel {
        tax_rates: us_tax,
        ..UpsertChannel::new(chan("web"), ChannelKind::Web, Currency::USD, vec![loc("wh-east"), loc("wh-west")])
    })
    .unwrap();
    let mut eu_tax = BTreeMap::new();
    eu_tax.insert(TaxClass::standard(), dec("0.2"));
    eu_tax.insert(TaxClass::new("reduced").unwrap(), dec("0.055"));
    oms.upsert_channel(UpsertChannel {
        prices_include_tax: true,
        rounding: RoundingPolicy { mode: RoundingMode::HalfEven, level: RoundingLevel::Document },
        tax_rates: eu_tax,
        ..UpsertChannel::new(chan("eu"), ChannelKind::Web, Currency::EUR, vec![loc("wh-west")])
    })
    .unwrap();
    for (code, class) in [("TEE-M", "standard"), ("MUG", "standard"), ("BOOK", "reduced")] {
        oms.upsert_product(UpsertProduct {
            tax_class: TaxClass::new(class).unwrap(),
            ..UpsertProduct::new(sku(code), format!("{code} product"))
        })
        .unwrap();
        for location in ["wh-east", "wh-west"] {
            oms.receive_stock(ReceiveStock {
                sku: sku(code),
                location: loc(location),
                quantity: 10,
                idempotency_key: None,
            })
            .unwrap();
        }
    }
}

pub fn line(code: &str, quantity: i64, price: &str) -> LineInput {
    LineInput { sku: sku(code), quantity, unit_price: dec(price), discount: None }
}

pub fn order(channel: &str, lines: Vec<LineInput>) -> PlaceOrder {
    PlaceOrder::new(chan(channel), Email::new("ada@example.com").unwrap(), lines)
}

pub fn assert_sound(oms: &Oms) {
    let report = oms.audit().unwrap();
    assert!(report.is_clean(), "invariants broken: {:#?}", report.violations);
}
