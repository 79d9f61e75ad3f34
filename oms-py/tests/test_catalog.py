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
        ({"tax_rates": {"standard": 0.2}}, oms.InvalidInput, "invalid_input", "tax_rates.standard"),
        ({"tax_rates": {"standard": Decimal("1.5")}}, oms.InvalidInput, "invalid_amount", "tax_rates.standard"),
        ({"tax_rates": {"standard": Decimal("NaN")}}, oms.InvalidInput, "invalid_amount", "tax_rates.standard"),
        ({"tax_rates": {"": Decimal("0.1")}}, oms.InvalidInput, "invalid_identifier", "tax_rates."),
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


@pytest.mark.parametrize(
    "class_name, rate, code",
    [
        ("reduced", 0.055, "invalid_input"),  # refused by the binding: a float
        ("reduced", "0.055", "invalid_input"),  # refused by the binding: a str
        ("reduced", Decimal("Infinity"), "invalid_amount"),  # refused by the binding: not finite
        ("reduced", Decimal("1.5"), "invalid_amount"),  # refused by the core: above 1
        ("reduced", Decimal("0.1234567"), "invalid_amount"),  # refused by the core: too many places
        ("bad class!", Decimal("0.1"), "invalid_identifier"),  # refused by the core: the class name
    ],
)
def test_tax_rate_errors_name_one_path(class_name: str, rate: object, code: str) -> None:
    """Whichever part of a tax rate is wrong, the error names it `tax_rates.<class>`, as the
    core does and as the Node binding does (`taxRates.<class>`)."""
    shop = oms.Oms.in_memory()
    shop.upsert_location(id="wh", kind="warehouse", region="EU")
    with raises(oms.InvalidInput, code, f"tax_rates.{class_name}"):
        shop.upsert_channel(id="eu", kind="web", currency="EUR", locations=["wh"],
                            tax_rates={"standard": Decimal("0.2"), class_name: rate})


def test_tax_rate_key_that_is_not_a_str_names_the_map() -> None:
    shop = oms.Oms.in_memory()
    shop.upsert_location(id="wh", kind="warehouse", region="EU")
    with raises(oms.InvalidInput, "invalid_input", "tax_rates"):
        shop.upsert_channel(id="eu", kind="web", currency="EUR", locations=["wh"], tax_rates={7: Decimal("0.2")})


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


def test_location_capabilities_default_by_kind_and_can_be_set() -> None:
    shop = oms.Oms.in_memory()
    warehouse = shop.upsert_location(id="wh", kind="warehouse", region="US-NY")
    assert (warehouse.ships, warehouse.offers_pickup, warehouse.ships_from_store) == (True, False, False)
    assert (warehouse.daily_capacity, warehouse.priority) == (None, 100)
    store = shop.upsert_location(id="soho", kind="store", region="US-NY")
    assert (store.ships, store.offers_pickup, store.ships_from_store) == (False, True, False)
    tpl = shop.upsert_location(id="3pl", kind="third_party_logistics", region="US-NJ", daily_capacity=50, priority=3)
    assert (tpl.ships, tpl.daily_capacity, tpl.priority) == (True, 50, 3)
    store = shop.upsert_location(id="soho", kind="store", region="US-NY", ships=True, offers_pickup=False,
                                 ships_from_store=True)
    assert (store.ships, store.offers_pickup, store.ships_from_store, store.version) == (True, False, True, 2)
    assert "ships_from_store=True" in repr(store) and "daily_capacity=None" in repr(store)


@pytest.mark.parametrize(
    "overrides, code, field",
    [
        ({"ships": "yes"}, "invalid_input", "ships"),
        ({"offers_pickup": 1}, "invalid_input", "offers_pickup"),
        ({"ships_from_store": 0}, "invalid_input", "ships_from_store"),
        ({"daily_capacity": -1}, "invalid_quantity", "daily_capacity"),
        ({"daily_capacity": 10**30}, "invalid_quantity", "daily_capacity"),
        ({"daily_capacity": 1.5}, "invalid_input", "daily_capacity"),
        ({"daily_capacity": True}, "invalid_input", "daily_capacity"),
        ({"priority": -1}, "invalid_input", "priority"),
        ({"priority": 10**7}, "invalid_input", "priority"),
        ({"priority": 10**30}, "invalid_input", "priority"),
        ({"priority": False}, "invalid_input", "priority"),
    ],
)
def test_upsert_location_bad_options(overrides: dict, code: str, field: str) -> None:
    with raises(oms.InvalidInput, code, field):
        oms.Oms.in_memory().upsert_location(**{"id": "wh", "kind": "warehouse", "region": "X", **overrides})


def test_upsert_channel_allocation_options() -> None:
    shop = oms.Oms.in_memory()
    shop.upsert_location(id="wh", kind="warehouse", region="EU")
    channel = shop.upsert_channel(id="web", kind="web", currency="USD", locations=["wh"])
    assert (channel.safety_stock, channel.allow_backorders, channel.split_policy, channel.pickup_fallback) == (
        0, False, "fewest_shipments", "reject",
    )
    assert (channel.strategy, channel.max_distance_km) == ("ship_from_warehouse", None)
    channel = shop.upsert_channel(
        id="web", kind="pickup", currency="USD", locations=["wh"], safety_stock=3, allow_backorders=True,
        split_policy="nearest", pickup_fallback="ship_to_store", strategy="ship_from_store", max_distance_km=500,
    )
    assert (channel.kind, channel.safety_stock, channel.allow_backorders, channel.split_policy) == (
        "pickup", 3, True, "nearest",
    )
    assert (channel.pickup_fallback, channel.strategy, channel.max_distance_km, channel.version) == (
        "ship_to_store", "ship_from_store", 500, 2,
    )
    assert shop.upsert_channel(id="pos", kind="point_of_sale", currency="USD", locations=["wh"]).kind == "point_of_sale"


@pytest.mark.parametrize(
    "overrides, code, field",
    [
        ({"safety_stock": -1}, "invalid_quantity", "safety_stock"),
        ({"safety_stock": 1.0}, "invalid_input", "safety_stock"),
        ({"allow_backorders": "true"}, "invalid_input", "allow_backorders"),
        ({"split_policy": "random"}, "invalid_input", "split_policy"),
        ({"pickup_fallback": "drone"}, "invalid_input", "pickup_fallback"),
        ({"strategy": "teleport"}, "invalid_input", "strategy"),
        ({"strategy": 3}, "invalid_input", "strategy"),
        ({"max_distance_km": -5}, "invalid_input", "max_distance_km"),
        ({"max_distance_km": 2**32}, "invalid_input", "max_distance_km"),
        ({"max_distance_km": 10.5}, "invalid_input", "max_distance_km"),
    ],
)
def test_upsert_channel_bad_allocation_options(overrides: dict, code: str, field: str) -> None:
    shop = oms.Oms.in_memory()
    shop.upsert_location(id="wh", kind="warehouse", region="EU")
    with raises(oms.InvalidInput, code, field):
        shop.upsert_channel(**{"id": "web", "kind": "web", "currency": "USD", "locations": ["wh"], **overrides})


def test_backorderable_product() -> None:
    shop = oms.Oms.in_memory()
    assert shop.upsert_product(sku="A", name="x").backorderable is False
    product = shop.upsert_product(sku="A", name="x", backorderable=True)
    assert (product.backorderable, product.version) == (True, 2)
    assert "backorderable=True" in repr(product)
    with raises(oms.InvalidInput, "invalid_input", "backorderable"):
        shop.upsert_product(sku="A", name="x", backorderable="yes")


def test_set_region_distance() -> None:
    shop = oms.Oms.in_memory()
    assert shop.set_region_distance(from_region="US-NY", to_region="US-CA", distance_km=4000) is None
    event = shop.events_since()[-1]
    assert (event.type, event.data["distance_km"]) == ("region_distance_set", 4000)
    for overrides, code, field in [
        ({"distance_km": -1}, "invalid_input", "distance_km"),
        ({"distance_km": 1.5}, "invalid_input", "distance_km"),
        ({"distance_km": True}, "invalid_input", "distance_km"),
        ({"distance_km": 2**40}, "invalid_input", "distance_km"),
        ({"from_region": ""}, "invalid_input", "from_region"),
        ({"to_region": None}, "invalid_input", "to_region"),
    ]:
        with raises(oms.InvalidInput, code, field):
            shop.set_region_distance(**{"from_region": "US-NY", "to_region": "US-CA", "distance_km": 1, **overrides})
    assert len(shop.events_since()) == 1
