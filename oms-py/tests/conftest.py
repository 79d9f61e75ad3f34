"""Shared fixtures: a small shop (two locations, one USD web channel, two
products, stock in the warehouse) on the in-memory store."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable, Dict

import pytest

import oms


def line(sku: str = "TEE-M", quantity: Any = 1, unit_price: Any = Decimal("19.99"), **extra: Any) -> Dict[str, Any]:
    """One place_order line as a user writes it."""
    return {"sku": sku, "quantity": quantity, "unit_price": unit_price, **extra}


def stock_shop(shop: oms.Oms) -> oms.Oms:
    shop.upsert_location(id="wh-east", kind="warehouse", region="US-NY")
    shop.upsert_location(id="store-soho", kind="store", region="US-NY")
    shop.upsert_channel(id="web", kind="web", currency="USD", locations=["wh-east", "store-soho"])
    shop.upsert_product(sku="TEE-M", name="T-shirt, medium")
    shop.upsert_product(sku="MUG", name="Mug")
    shop.receive_stock(sku="TEE-M", location="wh-east", quantity=10)
    shop.receive_stock(sku="MUG", location="wh-east", quantity=10)
    return shop


@pytest.fixture
def shop() -> oms.Oms:
    return stock_shop(oms.Oms.in_memory())


@pytest.fixture
def place(shop: oms.Oms) -> Callable[..., oms.Order]:
    """place_order on the fixture shop with defaults for the channel and customer."""

    def place_order(**overrides: Any) -> oms.Order:
        arguments: Dict[str, Any] = {"channel": "web", "customer_email": "ada@example.com", "lines": [line()]}
        arguments.update(overrides)
        return shop.place_order(**arguments)

    return place_order


def raises(exception: type, code: str, field: str | None = None) -> Any:
    """pytest.raises for an OmsError subclass, checking its code (and field) afterwards."""
    return _Raises(exception, code, field)


class _Raises:
    def __init__(self, exception: type, code: str, field: str | None) -> None:
        self.context = pytest.raises(exception)
        self.code = code
        self.field = field

    def __enter__(self) -> Any:
        self.info = self.context.__enter__()
        return self.info

    def __exit__(self, *exc: Any) -> bool:
        handled = self.context.__exit__(*exc)
        error = self.info.value
        assert isinstance(error, oms.OmsError)
        assert error.code == self.code, f"{error.code} != {self.code}: {error}"
        if self.field is not None:
            assert error.field == self.field, f"{error.field} != {self.field}: {error}"
        return bool(handled)


def assert_clean(shop: oms.Oms) -> None:
    """The audit finds no broken invariant: buckets match the ledger, no bucket is negative."""
    assert shop.audit().violations == []


def multi_shop(shop: oms.Oms) -> oms.Oms:
    """Two warehouses far apart (east near US-NY, west in US-CA), two stores in
    New York (one offering pickup, one not) and one in Boston outside every
    channel; a web channel over all of them, a pickup channel and a till."""
    shop.upsert_location(id="wh-east", kind="warehouse", region="US-NY")
    shop.upsert_location(id="wh-west", kind="warehouse", region="US-CA")
    shop.upsert_location(id="store-soho", kind="store", region="US-NY")
    shop.upsert_location(id="store-noho", kind="store", region="US-NY", offers_pickup=False)
    shop.upsert_location(id="store-boston", kind="store", region="US-MA")
    shop.set_region_distance(from_region="US-NY", to_region="US-CA", distance_km=4000)
    shop.set_region_distance(from_region="US-NY", to_region="US-MA", distance_km=300)
    shop.upsert_channel(id="web", kind="web", currency="USD",
                        locations=["wh-east", "wh-west", "store-soho", "store-noho"])
    shop.upsert_channel(id="click", kind="pickup", currency="USD",
                        locations=["wh-east", "wh-west", "store-soho", "store-noho"])
    shop.upsert_channel(id="till", kind="point_of_sale", currency="USD", locations=["store-soho"])
    shop.upsert_product(sku="TEE-M", name="T-shirt, medium")
    shop.upsert_product(sku="MUG", name="Mug")
    return shop


@pytest.fixture
def multi() -> oms.Oms:
    return multi_shop(oms.Oms.in_memory())
