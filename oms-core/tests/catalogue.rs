//! Reading the catalogue back: products (paged by SKU), locations and
//! channels, alike on every backend.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use oms_core::*;

#[test]
fn products_locations_and_channels_read_back_on_every_backend() {
    for backend in backends() {
        let shop = open(backend);
        stocked(&shop.oms);
        let oms = &shop.oms;

        let mug = oms.get_product(&sku("MUG")).unwrap();
        assert_eq!((mug.name.as_str(), mug.tax_class.as_str()), ("MUG product", "standard"), "{backend}");
        let error = oms.get_product(&sku("NOPE")).unwrap_err();
        assert_eq!((error.code(), error.details()), ("product_not_found", vec![("id", Detail::Text("NOPE".into()))]));

        let first = oms.list_products(None, Some(2)).unwrap();
        let skus: Vec<&str> = first.products.iter().map(|p| p.sku.as_str()).collect();
        assert_eq!(skus, ["BOOK", "MUG"], "{backend}: SKU order");
        let cursor = first.next_cursor.as_deref();
        assert_eq!(cursor, Some("MUG"));
        let rest = oms.list_products(cursor, Some(2)).unwrap();
        assert_eq!(rest.products.iter().map(|p| p.sku.as_str()).collect::<Vec<_>>(), ["TEE-M"], "{backend}");
        assert_eq!(rest.next_cursor, None);
        assert_eq!(oms.list_products(None, None).unwrap().products.len(), 3);
        assert_eq!(oms.list_products(None, Some(0)).unwrap_err().field(), Some("limit"));
        assert_eq!(oms.list_products(Some("not a cursor"), None).unwrap_err().field(), Some("after"));

        let locations: Vec<String> = oms.list_locations().unwrap().into_iter().map(|l| l.id.to_string()).collect();
        assert_eq!(locations, ["store-soho", "wh-east", "wh-west"], "{backend}");
        assert_eq!(oms.get_location(&loc("wh-east")).unwrap().region, "US-NY");
        assert_eq!(oms.get_location(&loc("nowhere")).unwrap_err().code(), "location_not_found");

        let channels: Vec<String> = oms.list_channels().unwrap().into_iter().map(|c| c.id.to_string()).collect();
        assert_eq!(channels, ["eu", "web"], "{backend}");
        let eu = oms.get_channel(&chan("eu")).unwrap();
        assert_eq!((eu.currency, eu.prices_include_tax), (Currency::EUR, true));
        assert_eq!(oms.get_channel(&chan("none")).unwrap_err().code(), "channel_not_found");
    }
}
