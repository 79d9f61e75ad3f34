//! Arbitrary bytes as a JSON order payload: `place_order` must answer with an
//! order or a typed error, never panic, and leave every invariant intact.
#![no_main]

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use oms_core::*;

fn shop() -> &'static Oms {
    static SHOP: OnceLock<Oms> = OnceLock::new();
    SHOP.get_or_init(|| {
        let oms = Oms::in_memory();
        let id = |text: &str| LocationId::new(text).unwrap();
        for location in ["a", "b"] {
            oms.upsert_location(UpsertLocation::new(id(location), LocationKind::Warehouse, "R")).unwrap();
        }
        oms.upsert_channel(UpsertChannel {
            tax_rates: [(TaxClass::standard(), rust_decimal::Decimal::new(2, 1))].into_iter().collect(),
            allow_backorders: true,
            ..UpsertChannel::new(ChannelId::new("web").unwrap(), ChannelKind::Web, Currency::USD, vec![id("a"), id("b")])
        })
        .unwrap();
        for sku in ["S1", "S2", "S3"] {
            let sku = Sku::new(sku).unwrap();
            oms.upsert_product(UpsertProduct::new(sku.clone(), "p")).unwrap();
            for location in ["a", "b"] {
                oms.receive_stock(ReceiveStock { sku: sku.clone(), location: id(location), quantity: 1_000, idempotency_key: None }).unwrap();
            }
        }
        oms
    })
}

/// The outbox sequence of the last event seen.
static LAST_EVENT: AtomicU64 = AtomicU64::new(0);

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let oms = shop();
    let mut last = LAST_EVENT.load(Ordering::Relaxed);
    while let Some(record) = oms.events_since(last, Some(1000)).unwrap().last() {
        last = record.sequence;
    }
    match PlaceOrder::from_json(text).and_then(|command| oms.place_order(command)) {
        Ok(order) => assert!(order.violations().is_empty(), "{:?}", order.violations()),
        Err(error) => {
            assert!(Error::CODES.contains(&error.code()));
            // A rejected command leaves no trace.
            assert!(oms.events_since(last, Some(1)).unwrap().is_empty(), "a rejected order wrote events");
        }
    }
    LAST_EVENT.store(last, Ordering::Relaxed);
    let report = oms.audit().unwrap();
    assert!(report.is_clean(), "{:?}", report.violations);
});
