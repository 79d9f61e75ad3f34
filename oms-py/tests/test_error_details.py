"""Every OmsError carries .details: the core's structured facts about it
(sku, requested, available; id; …), {} when there are none."""

from __future__ import annotations

from decimal import Decimal

import oms
from conftest import line, raises


def test_insufficient_stock_gives_sku_requested_and_available(shop: oms.Oms) -> None:
    shop.place_order(channel="web", customer_email="ada@example.com", lines=[line(quantity=3)])
    with raises(oms.Rejected, "insufficient_stock") as info:
        shop.place_order(channel="web", customer_email="bob@example.com",
                         lines=[line(sku="MUG"), line(quantity=9)])
    error = info.value
    assert error.details == {"sku": "TEE-M", "requested": 9, "available": 7}
    assert type(error.details["requested"]) is int
    assert error.field is None  # the core names the SKU in details, not a line path
    assert error.category == "rejected" and "TEE-M" in str(error)


def test_a_missing_product_in_an_order_line_gives_its_id(shop: oms.Oms) -> None:
    with raises(oms.NotFound, "product_not_found") as info:
        shop.place_order(channel="web", customer_email="ada@example.com", lines=[line(sku="HAT")])
    assert info.value.details == {"id": "HAT"}
    # The core's not-found errors carry no field: the line is found by its SKU in details.
    assert info.value.field is None


def test_not_found_records_give_their_id(shop: oms.Oms) -> None:
    for call, code, missing in [
        (lambda: shop.get_order("ord-404"), "order_not_found", "ord-404"),
        (lambda: shop.get_reservation("cart-404"), "reservation_not_found", "cart-404"),
        (lambda: shop.get_transfer("trf-404"), "transfer_not_found", "trf-404"),
        (lambda: shop.available(sku="TEE-M", channel="till"), "channel_not_found", "till"),
    ]:
        with raises(oms.NotFound, code) as info:
            call()
        assert info.value.details == {"id": missing}


def test_other_errors_give_their_facts_or_nothing(shop: oms.Oms) -> None:
    order = shop.place_order(channel="web", customer_email="ada@example.com", lines=[line()],
                             idempotency_key="k-1")
    with raises(oms.Rejected, "idempotency_key_reused") as info:
        shop.place_order(channel="web", customer_email="ada@example.com", lines=[line(quantity=2)],
                         idempotency_key="k-1")
    assert info.value.details == {"key": "k-1"}
    shop.cancel_order(order.id)
    with raises(oms.Rejected, "illegal_transition") as info:
        shop.hold_order(order.id, reason="too late")
    assert set(info.value.details) == {"action", "from"} and info.value.details["from"] == "cancelled"
    with raises(oms.InvalidInput, "unknown_currency", "currency") as info:
        shop.place_order(channel="web", customer_email="ada@example.com", lines=[line()], currency="XXQ")
    assert info.value.details == {"currency": "XXQ"}
    with raises(oms.InvalidInput, "invalid_input", "lines[0].unit_price") as info:
        shop.place_order(channel="web", customer_email="ada@example.com", lines=[line(unit_price=19.99)])
    assert info.value.details == {}
    with raises(oms.InvalidInput, "invalid_amount", "lines[0].unit_price") as info:
        shop.place_order(channel="web", customer_email="ada@example.com", lines=[line(unit_price=Decimal("NaN"))])
    assert info.value.details == {}


def test_details_are_a_fresh_dict_per_error(shop: oms.Oms) -> None:
    errors = []
    for _ in range(2):
        try:
            shop.get_product("HAT")
        except oms.NotFound as error:
            errors.append(error)
    errors[0].details["id"] = "changed"
    assert errors[1].details == {"id": "HAT"}
