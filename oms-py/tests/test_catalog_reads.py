"""Catalogue reads: get_product and list_products (paged by SKU), get_location
and list_locations, get_channel and list_channels; with bad input."""

from __future__ import annotations

from typing import Any

import pytest

import oms
from conftest import raises


def test_get_and_list_products_page_by_sku(shop: oms.Oms) -> None:
    for sku in ["SOCK", "CAP", "BAG"]:
        shop.upsert_product(sku=sku, name=sku.title(), backorderable=sku == "CAP")
    assert shop.get_product("CAP").backorderable and not shop.get_product("SOCK").backorderable
    product = shop.get_product("TEE-M")
    assert (product.sku, product.name, product.tax_class, product.version) == ("TEE-M", "T-shirt, medium", "standard", 1)

    skus = []
    page = shop.list_products(limit=2)
    pages = 0
    while True:
        pages += 1
        assert len(page) <= 2
        skus += [product.sku for product in page]
        if page.next_cursor is None:
            break
        page = shop.list_products(after=page.next_cursor, limit=2)
    assert skus == ["BAG", "CAP", "MUG", "SOCK", "TEE-M"] and pages == 3
    assert [product.sku for product in shop.list_products()] == skus
    assert shop.list_products(after="SOCK").products == [product]
    assert shop.list_products(after="TEE-M").products == [] and shop.list_products(after="ZZZ").next_cursor is None


def test_get_and_list_locations_and_channels(shop: oms.Oms) -> None:
    shop.upsert_location(id="3pl-nj", kind="third_party_logistics", region="US-NJ", daily_capacity=50)
    location = shop.get_location("3pl-nj")
    assert (location.kind, location.region, location.daily_capacity) == ("third_party_logistics", "US-NJ", 50)
    assert [location.id for location in shop.list_locations()] == ["3pl-nj", "store-soho", "wh-east"]
    assert shop.list_locations()[0] == location

    shop.upsert_channel(id="amazon", kind="marketplace", currency="EUR", locations=["3pl-nj"])
    channel = shop.get_channel("web")
    assert (channel.kind, channel.currency, channel.locations) == ("web", "USD", ["wh-east", "store-soho"])
    assert [channel.id for channel in shop.list_channels()] == ["amazon", "web"]
    assert shop.list_channels()[1] == channel


def test_an_empty_shop_lists_nothing() -> None:
    shop = oms.Oms.in_memory()
    assert shop.list_locations() == [] and shop.list_channels() == []
    page = shop.list_products()
    assert len(page) == 0 and page.next_cursor is None and list(page) == []


def test_missing_records_are_not_found_with_their_id(shop: oms.Oms) -> None:
    with raises(oms.NotFound, "product_not_found") as info:
        shop.get_product("NOPE")
    assert info.value.details == {"id": "NOPE"} and isinstance(info.value, LookupError)
    with raises(oms.NotFound, "location_not_found") as info:
        shop.get_location("wh-west")
    assert info.value.details == {"id": "wh-west"}
    with raises(oms.NotFound, "channel_not_found") as info:
        shop.get_channel("till")
    assert info.value.details == {"id": "till"}


@pytest.mark.parametrize(
    "call, exception, code, field",
    [
        (lambda shop: shop.get_product(""), oms.InvalidInput, "invalid_identifier", "sku"),
        (lambda shop: shop.get_product(42), oms.InvalidInput, "invalid_input", "sku"),
        (lambda shop: shop.get_product("TEE M"), oms.InvalidInput, "invalid_identifier", "sku"),
        (lambda shop: shop.get_location(None), oms.InvalidInput, "invalid_input", "id"),
        (lambda shop: shop.get_location("x" * 200), oms.InvalidInput, "invalid_identifier", "id"),
        (lambda shop: shop.get_channel(b"web"), oms.InvalidInput, "invalid_input", "id"),
        (lambda shop: shop.list_products(limit=0), oms.InvalidInput, "invalid_input", "limit"),
        (lambda shop: shop.list_products(limit=-1), oms.InvalidInput, "invalid_input", "limit"),
        (lambda shop: shop.list_products(limit=True), oms.InvalidInput, "invalid_input", "limit"),
        (lambda shop: shop.list_products(limit=2.0), oms.InvalidInput, "invalid_input", "limit"),
        (lambda shop: shop.list_products(limit=1001), oms.InvalidInput, "limit_exceeded", "limit"),
        (lambda shop: shop.list_products(after=5), oms.InvalidInput, "invalid_input", "after"),
        (lambda shop: shop.list_products(after="not a cursor"), oms.InvalidInput, "invalid_input", "after"),
    ],
)
def test_bad_input_names_its_field(shop: oms.Oms, call: Any, exception: type, code: str, field: str) -> None:
    with raises(exception, code, field) as info:
        call(shop)
    assert info.value.details == {}


def test_positional_and_keyword_misuse_is_a_type_error(shop: oms.Oms) -> None:
    with pytest.raises(TypeError):
        shop.list_products("TEE-M")  # type: ignore[misc]
    with pytest.raises(TypeError):
        shop.get_product()  # type: ignore[call-arg]
