"""upsert_location, upsert_channel, upsert_product: happy paths and bad input."""

from __future__ import annotations

from decimal import Decimal

import pytest

import oms
from conftest import raises


def test_upsert_location_returns_the_record_and_bumps_the_version() -> None:
    shop = oms.Oms.in_memory()
    location = shop.upsert_location(id="wh-east", kind="warehouse", region="US-NY")
    assert (location.id, location.kind, location.region, location.version) == ("wh-east", "warehouse", "US-NY", 1)
    again = shop.upsert_location(id="wh-east", kind="third_party_logistics", region="US-NJ")
    assert (again.kind, again.region, again.version) == ("third_party_logistics", "US-NJ", 2)
    assert "wh-east" in repr(again)


@pytest.mark.parametrize(
    "arguments, exception, code, field",
    [
        ({"id": "", "kind": "warehouse", "region": "X"}, oms.InvalidInput, "invalid_identifier", "id"),
        ({"id": "x" * 65, "kind": "warehouse", "region": "X"}, oms.InvalidInput, "invalid_identifier", "id"),
        ({"id": "has space", "kind": "warehouse", "region": "X"}, oms.InvalidInput, "invalid_identifier", "id"),
        ({"id": "wh", "kind": "castle", "region": "X"}, oms.InvalidInput, "invalid_input", "kind"),
        ({"id": "wh", "kind": "warehouse", "region": ""}, oms.InvalidInput, "invalid_input", "region"),
        ({"id": "wh", "kind": "warehouse", "region": "r" * 201}, oms.InvalidInput, "limit_exceeded", "region"),
        ({"id": 7, "kind": "warehouse", "region": "X"}, oms.InvalidInput, "invalid_input", "id"),
    ],
)
def test_upsert_location_bad_input(arguments: dict, exception: type, code: str, field: str) -> None:
    with raises(exception, code, field):
        oms.Oms.in_memory().upsert_location(**arguments)


def test_upsert_channel_with_defaults_and_with_every_option() -> None:
    shop = oms.Oms.in_memory()
    shop.upsert_location(id="wh", kind="warehouse", region="EU")
    channel = shop.upsert_channel(id="web", kind="web", currency="USD", locations=["wh"])
    assert channel.currency == "USD" and channel.locations == ["wh"]
    assert channel.prices_include_tax is False
    assert (channel.rounding_mode, channel.rounding_level) == ("half_up", "line")
    assert channel.tax_rates == {}
    eu = shop.upsert_channel(
        id="eu-shop",
        kind="marketplace",
        currency="EUR",
        locations=["wh"],
        prices_include_tax=True,
        rounding_mode="half_even",
        rounding_level="document",
        tax_rates={"standard": Decimal("0.2"), "reduced": Decimal("0.055")},
    )
    assert eu.prices_include_tax is True
    assert (eu.rounding_mode, eu.rounding_level) == ("half_even", "document")
    assert eu.tax_rates == {"standard": Decimal("0.2"), "reduced": Decimal("0.055")}
    assert isinstance(eu.tax_rates["standard"], Decimal)


@pytest.mark.parametrize(
    "overrides, exception, code, field",
    [
        ({"currency": "XYZ"}, oms.InvalidInput, "unknown_currency", "currency"),
        ({"kind": "carrier-pigeon"}, oms.InvalidInput, "invalid_input", "kind"),
        ({"locations": []}, oms.InvalidInput, "invalid_input", "locations"),
        ({"locations": "wh"}, oms.InvalidInput, "invalid_input", "locations"),
        ({"locations": ["wh", ""]}, oms.InvalidInput, "invalid_identifier", "locations[1]"),
        ({"locations": ["nowhere"]}, oms.NotFound, "location_not_found", None),
        ({"rounding_mode": "up"}, oms.InvalidInput, "invalid_input", "rounding_mode"),
        ({"rounding_level": "page"}, oms.InvalidInput, "invalid_input", "rounding_level"),
        ({"tax_rates": {"standard": 0.2}}, oms.InvalidInput, "invalid_input", 'tax_rates["standard"]'),
        ({"tax_rates": {"standard": Decimal("1.5")}}, oms.InvalidInput, "invalid_amount", None),
        ({"tax_rates": {"standard": Decimal("NaN")}}, oms.InvalidInput, "invalid_amount", None),
        ({"tax_rates": {"": Decimal("0.1")}}, oms.InvalidInput, "invalid_identifier", "tax_rates"),
        ({"prices_include_tax": "yes"}, oms.InvalidInput, "invalid_input", "prices_include_tax"),
    ],
)
def test_upsert_channel_bad_input(overrides: dict, exception: type, code: str, field: str) -> None:
    shop = oms.Oms.in_memory()
    shop.upsert_location(id="wh", kind="warehouse", region="EU")
    arguments = {"id": "web", "kind": "web", "currency": "USD", "locations": ["wh"], **overrides}
    with raises(exception, code, field):
        shop.upsert_channel(**arguments)
    assert shop.events_since() and len(shop.events_since()) == 1  # only the location


def test_upsert_product() -> None:
    shop = oms.Oms.in_memory()
    product = shop.upsert_product(sku="TEE-M", name="T-shirt, medium")
    assert (product.sku, product.name, product.tax_class, product.version) == ("TEE-M", "T-shirt, medium", "standard", 1)
    book = shop.upsert_product(sku="BOOK", name="A book", tax_class="reduced")
    assert book.tax_class == "reduced"


@pytest.mark.parametrize(
    "arguments, code, field",
    [
        ({"sku": "", "name": "x"}, "invalid_identifier", "sku"),
        ({"sku": "s" * 65, "name": "x"}, "invalid_identifier", "sku"),
        ({"sku": "A", "name": ""}, "invalid_input", "name"),
        ({"sku": "A", "name": "n" * 201}, "limit_exceeded", "name"),
        ({"sku": "A", "name": "x", "tax_class": ""}, "invalid_identifier", "tax_class"),
        ({"sku": None, "name": "x"}, "invalid_input", "sku"),
    ],
)
def test_upsert_product_bad_input(arguments: dict, code: str, field: str) -> None:
    with raises(oms.InvalidInput, code, field):
        oms.Oms.in_memory().upsert_product(**arguments)


def test_missing_keyword_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        oms.Oms.in_memory().upsert_product(sku="A")  # type: ignore[call-arg]
