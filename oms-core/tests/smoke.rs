use oms_core::*;
use rust_decimal::Decimal;
use std::str::FromStr;

#[test]
fn quickstart_in_rust() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("q.db");
    for shop in [Oms::in_memory(), Oms::open(path.to_str().unwrap()).unwrap()] {
        shop.upsert_location(UpsertLocation { id: LocationId::new("wh-east").unwrap(), kind: LocationKind::Warehouse, region: "US-NY".into() }).unwrap();
        shop.upsert_channel(UpsertChannel { id: ChannelId::new("web").unwrap(), kind: ChannelKind::Web, currency: Currency::USD, locations: vec![LocationId::new("wh-east").unwrap()], prices_include_tax: false, rounding: RoundingPolicy::default(), tax_rates: Default::default() }).unwrap();
        shop.upsert_product(UpsertProduct { sku: Sku::new("TEE-M").unwrap(), name: "T".into(), tax_class: TaxClass::standard() }).unwrap();
        shop.receive_stock(ReceiveStock { sku: Sku::new("TEE-M").unwrap(), location: LocationId::new("wh-east").unwrap(), quantity: 5, idempotency_key: None }).unwrap();
        let cmd = PlaceOrder { channel: ChannelId::new("web").unwrap(), customer_email: Email::new("ada@example.com").unwrap(), currency: None, lines: vec![LineInput { sku: Sku::new("TEE-M").unwrap(), quantity: 2, unit_price: Decimal::from_str("19.99").unwrap(), discount: None }], order_discount: None, shipping: None, idempotency_key: Some(IdempotencyKey::new("k1").unwrap()) };
        let order = shop.place_order(cmd.clone()).unwrap();
        assert_eq!(order.totals.total.amount().to_string(), "39.98");
        assert_eq!(order.status, OrderStatus::Allocated);
        let again = shop.place_order(cmd.clone()).unwrap();
        assert_eq!(again.id, order.id);
        let mut other = cmd.clone();
        other.lines[0].quantity = 9;
        other.idempotency_key = None;
        assert_eq!(shop.place_order(other).unwrap_err().code(), "insufficient_stock");
        assert_eq!(shop.available(&Sku::new("TEE-M").unwrap(), &ChannelId::new("web").unwrap()).unwrap(), 3);
        shop.cancel_order(CancelOrder { order_id: order.id.clone(), reason: None, idempotency_key: None }).unwrap();
        assert_eq!(shop.available(&Sku::new("TEE-M").unwrap(), &ChannelId::new("web").unwrap()).unwrap(), 5);
        let audit = shop.audit().unwrap();
        assert!(audit.is_clean(), "{:?}", audit.violations);
        assert!(shop.events_since(0, None).unwrap().len() > 5);
    }
}
