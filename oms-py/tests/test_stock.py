"""receive_stock, adjust_stock, stock_level, stock_levels, available, movements."""

from __future__ import annotations

from datetime import timezone

import pytest

import oms
from conftest import raises


def test_receive_stock(shop: oms.Oms) -> None:
    level = shop.receive_stock(sku="TEE-M", location="store-soho", quantity=4)
    assert (level.sku, level.location, level.on_hand, level.allocated, level.available) == ("TEE-M", "store-soho", 4, 0, 4)
    assert shop.available(sku="TEE-M", channel="web") == 14


@pytest.mark.parametrize(
    "overrides, exception, code, field",
    [
        ({"quantity": 0}, oms.InvalidInput, "invalid_quantity", "quantity"),
        ({"quantity": -3}, oms.InvalidInput, "invalid_quantity", "quantity"),
        ({"quantity": 10**7}, oms.InvalidInput, "invalid_quantity", "quantity"),
        ({"quantity": 10**30}, oms.InvalidInput, "invalid_quantity", "quantity"),
        ({"quantity": True}, oms.InvalidInput, "invalid_input", "quantity"),
        ({"quantity": 2.0}, oms.InvalidInput, "invalid_input", "quantity"),
        ({"quantity": "2"}, oms.InvalidInput, "invalid_input", "quantity"),
        ({"sku": "NOPE"}, oms.NotFound, "product_not_found", None),
        ({"location": "nowhere"}, oms.NotFound, "location_not_found", None),
        ({"sku": ""}, oms.InvalidInput, "invalid_identifier", "sku"),
        ({"location": "l" * 65}, oms.InvalidInput, "invalid_identifier", "location"),
        ({"idempotency_key": ""}, oms.InvalidInput, "invalid_identifier", "idempotency_key"),
        ({"idempotency_key": "k" * 256}, oms.InvalidInput, "invalid_identifier", "idempotency_key"),
    ],
)
def test_receive_stock_bad_input_writes_nothing(
    shop: oms.Oms, overrides: dict, exception: type, code: str, field: str
) -> None:
    before = len(shop.events_since(limit=1000))
    with raises(exception, code, field):
        shop.receive_stock(**{"sku": "TEE-M", "location": "wh-east", "quantity": 1, **overrides})
    assert len(shop.events_since(limit=1000)) == before
    assert shop.stock_level(sku="TEE-M", location="wh-east").on_hand == 10


def test_receive_stock_is_idempotent(shop: oms.Oms) -> None:
    first = shop.receive_stock(sku="TEE-M", location="wh-east", quantity=5, idempotency_key="asn-1")
    second = shop.receive_stock(sku="TEE-M", location="wh-east", quantity=5, idempotency_key="asn-1")
    assert first == second and first.on_hand == 15
    assert shop.stock_level(sku="TEE-M", location="wh-east").on_hand == 15
    with raises(oms.Rejected, "idempotency_key_reused"):
        shop.receive_stock(sku="TEE-M", location="wh-east", quantity=6, idempotency_key="asn-1")


def test_adjust_stock(shop: oms.Oms) -> None:
    assert shop.adjust_stock(sku="TEE-M", location="wh-east", quantity_delta=-3).on_hand == 7
    assert shop.adjust_stock(sku="TEE-M", location="wh-east", quantity_delta=2, idempotency_key="count-1").on_hand == 9
    assert shop.adjust_stock(sku="TEE-M", location="wh-east", quantity_delta=2, idempotency_key="count-1").on_hand == 9


@pytest.mark.parametrize(
    "delta, exception, code",
    [
        (0, oms.InvalidInput, "invalid_quantity"),
        (True, oms.InvalidInput, "invalid_input"),
        (-1.0, oms.InvalidInput, "invalid_input"),
        (-11, oms.Rejected, "insufficient_stock"),
    ],
)
def test_adjust_stock_bad_input(shop: oms.Oms, delta: object, exception: type, code: str) -> None:
    field = "quantity_delta" if exception is oms.InvalidInput else None
    with raises(exception, code, field):
        shop.adjust_stock(sku="TEE-M", location="wh-east", quantity_delta=delta)
    assert shop.stock_level(sku="TEE-M", location="wh-east").on_hand == 10


def test_stock_level_and_levels(shop: oms.Oms) -> None:
    level = shop.stock_level(sku="TEE-M", location="wh-east")
    assert (level.on_hand, level.allocated, level.available, level.version) == (10, 0, 10, 1)
    empty = shop.stock_level(sku="TEE-M", location="store-soho")
    assert (empty.on_hand, empty.version) == (0, 0)
    everything = shop.stock_levels()
    assert [(level.sku, level.location) for level in everything] == [("MUG", "wh-east"), ("TEE-M", "wh-east")]
    assert [level.sku for level in shop.stock_levels(sku="MUG")] == ["MUG"]
    assert len(shop.stock_levels(location="wh-east")) == 2
    assert shop.stock_levels(location="store-soho") == []
    with raises(oms.NotFound, "product_not_found"):
        shop.stock_level(sku="NOPE", location="wh-east")
    with raises(oms.NotFound, "location_not_found"):
        shop.stock_level(sku="TEE-M", location="nowhere")
    with raises(oms.InvalidInput, "invalid_identifier", "sku"):
        shop.stock_levels(sku="")


def test_available(shop: oms.Oms) -> None:
    assert shop.available(sku="TEE-M", channel="web") == 10
    with raises(oms.NotFound, "channel_not_found"):
        shop.available(sku="TEE-M", channel="nope")
    with raises(oms.NotFound, "product_not_found"):
        shop.available(sku="NOPE", channel="web")
    with raises(oms.InvalidInput, "invalid_identifier", "channel"):
        shop.available(sku="TEE-M", channel="")


def test_movements(shop: oms.Oms) -> None:
    shop.adjust_stock(sku="TEE-M", location="wh-east", quantity_delta=-1)
    movements = shop.movements(sku="TEE-M", location="wh-east")
    assert [(m.reason, m.on_hand_delta, m.allocated_delta, m.order_id) for m in movements] == [
        ("receipt", 10, 0, None),
        ("adjustment", -1, 0, None),
    ]
    assert movements[0].occurred_at.tzinfo is not None
    assert movements[0].occurred_at.utcoffset() == timezone.utc.utcoffset(None)
    later = shop.movements(sku="TEE-M", location="wh-east", after=movements[0].sequence)
    assert [m.sequence for m in later] == [movements[1].sequence]
    assert len(shop.movements(sku="TEE-M", location="wh-east", limit=1)) == 1
    with raises(oms.InvalidInput, "invalid_input", "limit"):
        shop.movements(sku="TEE-M", location="wh-east", limit=0)
    with raises(oms.InvalidInput, "limit_exceeded", "limit"):
        shop.movements(sku="TEE-M", location="wh-east", limit=1001)
    with raises(oms.InvalidInput, "invalid_input", "after"):
        shop.movements(sku="TEE-M", location="wh-east", after=-1)
    with raises(oms.InvalidInput, "invalid_input", "after"):
        shop.movements(sku="TEE-M", location="wh-east", after=1.5)
    with raises(oms.NotFound, "location_not_found"):
        shop.movements(sku="TEE-M", location="nowhere")
