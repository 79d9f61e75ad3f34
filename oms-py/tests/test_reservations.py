"""Checkout holds: hold_stock, get_stock_hold, release_stock_hold, expire_holds,
and place_order(hold_id=...) converting a hold."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Any, Dict, List

import pytest

import oms
from conftest import assert_clean, line, raises


def hold(shop: oms.Oms, hold_id: str = "cart-1", quantity: int = 3, **overrides: Any) -> oms.StockHold:
    arguments: Dict[str, Any] = {
        "hold_id": hold_id,
        "channel": "web",
        "lines": [{"sku": "TEE-M", "quantity": quantity}],
        "ttl_seconds": 600,
    }
    arguments.update(overrides)
    return shop.hold_stock(**arguments)


def test_hold_reserves_stock(shop: oms.Oms) -> None:
    held = hold(shop, lines=[{"sku": "TEE-M", "quantity": 3}, {"sku": "MUG", "quantity": 1}])
    assert (held.id, held.channel, held.status, held.order_id, held.version) == ("cart-1", "web", "active", None, 1)
    assert isinstance(held.expires_at, datetime) and held.expires_at.tzinfo is not None
    assert held.expires_at - held.created_at == timedelta(seconds=600)
    assert [(l.sku, l.quantity, [(a.location, a.quantity) for a in l.allocations]) for l in held.lines] == [
        ("TEE-M", 3, [("wh-east", 3)]),
        ("MUG", 1, [("wh-east", 1)]),
    ]
    assert shop.available(sku="TEE-M", channel="web") == 7
    assert shop.available(sku="MUG", channel="web") == 9
    level = shop.stock_level(sku="TEE-M", location="wh-east")
    assert (level.on_hand, level.allocated, level.held, level.available) == (10, 0, 3, 7)
    movement = shop.movements(sku="TEE-M", location="wh-east")[-1]
    assert (movement.reason, movement.held_delta, movement.on_hand_delta, movement.reference) == ("hold", 3, 0, "cart-1")
    assert shop.get_stock_hold("cart-1") == held
    held_event = shop.events_since()[-1]
    assert (held_event.type, held_event.data["hold_id"], held_event.data["quantity"]) == ("stock_held", "cart-1", 1)
    assert "cart-1" in repr(held) and "TEE-M" in repr(held.lines[0])
    assert_clean(shop)


def test_place_order_converts_the_hold_from_held_units(shop: oms.Oms) -> None:
    hold(shop, quantity=3)
    # Everything not held goes to another customer: only the held units are left.
    shop.place_order(channel="web", customer_email="bob@example.com", lines=[line(quantity=7)])
    assert shop.available(sku="TEE-M", channel="web") == 0
    with raises(oms.Rejected, "insufficient_stock"):
        shop.place_order(channel="web", customer_email="eve@example.com", lines=[line(quantity=1)])
    order = shop.place_order(channel="web", customer_email="ada@example.com", lines=[line(quantity=3)], hold_id="cart-1")
    assert order.status == "allocated" and order.lines[0].allocated == 3
    assert [(a.location, a.quantity) for a in order.lines[0].allocations] == [("wh-east", 3)]
    converted = shop.get_stock_hold("cart-1")
    assert (converted.status, converted.order_id) == ("converted", order.id)
    level = shop.stock_level(sku="TEE-M", location="wh-east")
    assert (level.on_hand, level.allocated, level.held) == (10, 10, 0)
    movement = shop.movements(sku="TEE-M", location="wh-east")[-1]
    assert (movement.reason, movement.allocated_delta, movement.held_delta, movement.reference) == (
        "allocation", 3, -3, order.id,
    )
    with raises(oms.Rejected, "illegal_transition"):
        shop.place_order(channel="web", customer_email="ada@example.com", lines=[line(quantity=3)], hold_id="cart-1")
    with raises(oms.Rejected, "illegal_transition"):
        shop.release_stock_hold("cart-1")
    assert_clean(shop)


def test_order_bigger_than_its_hold_allocates_the_rest(shop: oms.Oms) -> None:
    hold(shop, quantity=2)
    order = shop.place_order(channel="web", customer_email="ada@example.com", lines=[line(quantity=5)], hold_id="cart-1")
    assert order.lines[0].allocated == 5
    level = shop.stock_level(sku="TEE-M", location="wh-east")
    assert (level.allocated, level.held, level.available) == (5, 0, 5)
    assert_clean(shop)


def test_release_stock_hold(shop: oms.Oms) -> None:
    hold(shop, quantity=4)
    released = shop.release_stock_hold("cart-1", idempotency_key="release-cart-1")
    assert (released.status, released.version) == ("released", 2)
    assert shop.available(sku="TEE-M", channel="web") == 10
    assert shop.release_stock_hold("cart-1", idempotency_key="release-cart-1") == released
    with raises(oms.Rejected, "illegal_transition"):
        shop.release_stock_hold("cart-1")
    with raises(oms.NotFound, "hold_not_found"):
        shop.release_stock_hold("cart-404")
    with raises(oms.InvalidInput, "invalid_identifier", "hold_id"):
        shop.release_stock_hold("")
    assert shop.movements(sku="TEE-M", location="wh-east")[-1].reason == "hold_release"
    assert_clean(shop)


def test_expired_hold_gives_its_stock_back(shop: oms.Oms) -> None:
    hold(shop, hold_id="cart-short", quantity=4, ttl_seconds=1)
    hold(shop, hold_id="cart-long", quantity=1, ttl_seconds=3600)
    assert shop.available(sku="TEE-M", channel="web") == 5
    assert shop.expire_holds() == []
    time.sleep(1.1)
    assert shop.expire_holds() == ["cart-short"]
    assert shop.expire_holds() == []
    assert shop.get_stock_hold("cart-short").status == "expired"
    assert shop.get_stock_hold("cart-long").status == "active"
    assert shop.available(sku="TEE-M", channel="web") == 9
    # Checking out with an expired hold allocates from stock as if it named none.
    late = shop.place_order(channel="web", customer_email="ada@example.com", lines=[line()], hold_id="cart-short")
    assert late.status == "allocated"
    assert shop.get_stock_hold("cart-short").order_id is None
    assert_clean(shop)


@pytest.mark.parametrize("store", ["memory", "sqlite"])
def test_expired_holds_never_block_a_sale_however_many(store: str, tmp_path: Any) -> None:
    """150 abandoned carts over five SKUs and no expire_holds() worker: the
    expired holds neither lower availability nor block a sale (a sale used to
    sweep only the 100 oldest holds of any SKU, and fail)."""
    shop = oms.Oms.in_memory() if store == "memory" else oms.Oms.open(str(tmp_path / "shop.db"))
    shop.upsert_location(id="wh-east", kind="warehouse", region="US-NY")
    shop.upsert_channel(id="web", kind="web", currency="USD", locations=["wh-east"])
    skus = [f"SKU-{index}" for index in range(5)]
    for sku in skus:
        shop.upsert_product(sku=sku, name=sku)
        shop.receive_stock(sku=sku, location="wh-east", quantity=31)
    for turn in range(30):
        for sku in skus:
            shop.hold_stock(hold_id=f"cart-{sku}-{turn}", channel="web",
                            lines=[{"sku": sku, "quantity": 1}], ttl_seconds=1)
    time.sleep(1.1)  # waits out the carts' one-second time to live
    for sku in skus:
        shop.hold_stock(hold_id=f"live-{sku}", channel="web", lines=[{"sku": sku, "quantity": 1}], ttl_seconds=3600)

    assert [a.available for a in shop.availability(channel="web", skus=skus)] == [30] * 5
    for sku in reversed(skus):
        order = shop.place_order(channel="web", customer_email="ada@example.com",
                                 lines=[line(sku=sku, quantity=30)])
        assert order.status == "allocated"
        level = shop.stock_level(sku=sku, location="wh-east")
        assert (level.allocated, level.held) == (30, 1)
    assert [a.available for a in shop.availability(channel="web", skus=skus)] == [0] * 5
    with raises(oms.Rejected, "insufficient_stock"):
        shop.place_order(channel="web", customer_email="ada@example.com", lines=[line(sku="SKU-0", quantity=1)])
    assert shop.get_stock_hold("live-SKU-0").status == "active"
    assert shop.get_stock_hold("cart-SKU-3-0").status == "expired"
    assert shop.expire_holds() == []
    assert_clean(shop)


def test_hold_is_idempotent(shop: oms.Oms) -> None:
    first = hold(shop, idempotency_key="hold-key")
    assert hold(shop, idempotency_key="hold-key") == first
    assert shop.available(sku="TEE-M", channel="web") == 7
    with raises(oms.Rejected, "idempotency_key_reused"):
        hold(shop, quantity=4, idempotency_key="hold-key")


def test_duplicate_hold_id_is_rejected(shop: oms.Oms) -> None:
    hold(shop)
    with raises(oms.Rejected, "rejected"):
        hold(shop, quantity=1)
    assert shop.available(sku="TEE-M", channel="web") == 7


@pytest.mark.parametrize(
    "overrides, exception, code, field",
    [
        ({"ttl_seconds": 0}, oms.InvalidInput, "invalid_input", "ttl_seconds"),
        ({"ttl_seconds": -5}, oms.InvalidInput, "invalid_input", "ttl_seconds"),
        ({"ttl_seconds": 8 * 24 * 3600}, oms.InvalidInput, "invalid_input", "ttl_seconds"),
        ({"ttl_seconds": 1.5}, oms.InvalidInput, "invalid_input", "ttl_seconds"),
        ({"ttl_seconds": True}, oms.InvalidInput, "invalid_input", "ttl_seconds"),
        ({"ttl_seconds": 10**30}, oms.InvalidInput, "invalid_input", "ttl_seconds"),
        ({"hold_id": ""}, oms.InvalidInput, "invalid_identifier", "hold_id"),
        ({"hold_id": "has space"}, oms.InvalidInput, "invalid_identifier", "hold_id"),
        ({"hold_id": 7}, oms.InvalidInput, "invalid_input", "hold_id"),
        ({"lines": []}, oms.InvalidInput, "invalid_input", "lines"),
        ({"lines": "TEE-M"}, oms.InvalidInput, "invalid_input", "lines"),
        ({"lines": [{"sku": "TEE-M", "quantity": 0}]}, oms.InvalidInput, "invalid_quantity", "lines[0].quantity"),
        ({"lines": [{"sku": "TEE-M", "quantity": 1.0}]}, oms.InvalidInput, "invalid_input", "lines[0].quantity"),
        ({"lines": [{"sku": "TEE-M"}]}, oms.InvalidInput, "invalid_input", "lines[0].quantity"),
        ({"lines": [{"sku": "TEE-M", "quantity": 1, "unit_price": 1}]}, oms.InvalidInput, "invalid_input",
         "lines[0].unit_price"),
        ({"lines": [{"sku": "NOPE", "quantity": 1}]}, oms.NotFound, "product_not_found", None),
        ({"lines": [{"sku": "TEE-M", "quantity": 11}]}, oms.Rejected, "insufficient_stock", None),
        ({"channel": "nope"}, oms.NotFound, "channel_not_found", None),
        ({"pickup_location": "nowhere"}, oms.NotFound, "location_not_found", None),
        ({"idempotency_key": ""}, oms.InvalidInput, "invalid_identifier", "idempotency_key"),
    ],
)
def test_hold_bad_input_holds_nothing(
    shop: oms.Oms, overrides: dict, exception: type, code: str, field: str
) -> None:
    events = len(shop.events_since(limit=1000))
    with raises(exception, code, field):
        hold(shop, **overrides)
    assert len(shop.events_since(limit=1000)) == events
    assert shop.stock_level(sku="TEE-M", location="wh-east").held == 0
    with raises(oms.NotFound, "hold_not_found"):
        shop.get_stock_hold("cart-1")


def test_place_order_with_a_bad_hold(shop: oms.Oms) -> None:
    with raises(oms.NotFound, "hold_not_found"):
        shop.place_order(channel="web", customer_email="ada@example.com", lines=[line()], hold_id="cart-404")
    with raises(oms.InvalidInput, "invalid_identifier", "hold_id"):
        shop.place_order(channel="web", customer_email="ada@example.com", lines=[line()], hold_id="")
    shop.upsert_channel(id="app", kind="web", currency="USD", locations=["wh-east"])
    hold(shop, channel="app")
    with raises(oms.InvalidInput, "invalid_input", "hold_id"):
        shop.place_order(channel="web", customer_email="ada@example.com", lines=[line()], hold_id="cart-1")
    assert shop.get_stock_hold("cart-1").status == "active"
    assert shop.list_orders().orders == []
    assert_clean(shop)


def test_get_stock_hold_bad_input(shop: oms.Oms) -> None:
    with raises(oms.NotFound, "hold_not_found"):
        shop.get_stock_hold("cart-404")
    with raises(oms.InvalidInput, "invalid_input", "hold_id"):
        shop.get_stock_hold(None)  # type: ignore[arg-type]
    ids: List[str] = shop.expire_holds()
    assert ids == []
