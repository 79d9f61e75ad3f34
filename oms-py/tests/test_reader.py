"""The one reader of arguments (``oms-py/src/read.rs``): what the generated
methods share. Fields are read in the order the command declares them, a
nested setting left out takes its default, and the same rule reads a value
wherever it appears (an argument, a list item, a record key)."""

from __future__ import annotations

from decimal import Decimal

import pytest

import oms


@pytest.fixture
def shop() -> oms.Oms:
    shop = oms.Oms.in_memory()
    shop.upsert_location(id="wh-east", kind="warehouse", region="US-NY")
    shop.upsert_channel(id="web", kind="web", currency="USD", locations=["wh-east"])
    shop.upsert_product(sku="TEE-M", name="T-shirt, medium")
    shop.receive_stock(sku="TEE-M", location="wh-east", quantity=5)
    return shop


def test_one_rounding_setting_given_keeps_the_default_of_the_other(shop: oms.Oms) -> None:
    channel = shop.upsert_channel(id="eu", kind="web", currency="EUR", locations=["wh-east"], rounding_level="document")
    assert (channel.rounding_mode, channel.rounding_level) == ("half_up", "document")
    channel = shop.upsert_channel(id="eu", kind="web", currency="EUR", locations=["wh-east"], rounding_mode="half_even")
    assert (channel.rounding_mode, channel.rounding_level) == ("half_even", "line")


def test_fields_are_checked_in_the_order_the_command_declares_them(shop: oms.Oms) -> None:
    # The currency comes before the lines in the command, as in every language.
    with pytest.raises(oms.InvalidInput) as caught:
        shop.place_order(channel="web", customer_email="ada@example.com", currency="usdx", lines="not a list")
    assert caught.value.field == "currency"
    # The idempotency key comes last.
    with pytest.raises(oms.InvalidInput) as caught:
        shop.place_order(channel="web", customer_email="ada@example.com", lines="not a list", idempotency_key="")
    assert caught.value.field == "lines"


def test_a_missing_key_of_a_line_is_refused_before_the_keys_after_it(shop: oms.Oms) -> None:
    with pytest.raises(oms.InvalidInput) as caught:
        shop.place_order(channel="web", customer_email="ada@example.com",
                         lines=[{"quantity": 1.5, "unit_price": 2.5}])
    assert (caught.value.code, caught.value.field, str(caught.value)) == (
        "invalid_input", "lines[0].sku", "lines[0].sku: is required")


def test_a_value_is_read_by_the_same_rule_wherever_it_appears(shop: oms.Oms) -> None:
    for call, field in [
        (lambda: shop.get_product("bad sku"), "sku"),
        (lambda: shop.stock_level(sku="bad sku", location="wh-east"), "sku"),
        (lambda: shop.availability(channel="web", skus=["TEE-M", "bad sku"]), "skus[1]"),
        (lambda: shop.reserve_stock(reservation_id="cart-1", channel="web", ttl_seconds=60,
                                    lines=[{"sku": "bad sku", "quantity": 1}]), "lines[0].sku"),
    ]:
        with pytest.raises(oms.InvalidInput) as caught:
            call()
        assert (caught.value.code, caught.value.field) == ("invalid_identifier", field)


def test_an_exact_amount_reaches_the_core_as_read(shop: oms.Oms) -> None:
    order = shop.place_order(channel="web", customer_email="ada@example.com",
                             lines=[{"sku": "TEE-M", "quantity": 1, "unit_price": Decimal("19.990"),
                                     "discount": Decimal("0.50")}],
                             shipping=Decimal("5"), order_discount=1)
    assert order.total == Decimal("23.49")
