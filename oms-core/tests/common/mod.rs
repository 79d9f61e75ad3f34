//! Fixtures shared by the integration tests: a small catalogue on any backend.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::Arc;

use chrono::TimeZone;
use oms_core::*;
use rust_decimal::Decimal;

pub struct Backend {
    pub name: &'static str,
    pub open: fn(&tempfile::TempDir) -> Oms,
}

pub fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::new(chrono::Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap()))
}

pub const BACKENDS: &[Backend] = &[
    Backend { name: "memory", open: |_| Oms::open_with_clock(":memory:", clock()).unwrap() },
    Backend {
        name: "sqlite",
        open: |dir| Oms::open_with_clock(dir.path().join("oms.db").to_str().unwrap(), clock()).unwrap(),
    },
];

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
