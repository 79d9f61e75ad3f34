"""Checkout reservations: reserve_stock, get_reservation, release_reservation,
expire_reservations, and place_order(reservation_id=...) converting a reservation."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Any, Dict, List

import pytest

import oms
from conftest import assert_clean, line, raises


def reserve(shop: oms.Oms, reservation_id: str = "cart-1", quantity: int = 3, **overrides: Any) -> oms.Reservation:
    arguments: Dict[str, Any] = {
        "reservation_id": reservation_id,
        "channel": "web",
        "lines": [{"sku": "TEE-M", "quantity": quantity}],
        "ttl_seconds": 600,
    }
    arguments.update(overrides)
    return shop.reserve_stock(**arguments)


def test_reserve_stock_sets_units_aside(shop: oms.Oms) -> None:
    reservation = reserve(shop, lines=[{"sku": "TEE-M", "quantity": 3}, {"sku": "MUG", "quantity": 1}])
    assert (reservation.id, reservation.channel, reservation.status, reservation.order_id, reservation.version) == (
        "cart-1", "web", "active", None, 1,
    )
    assert isinstance(reservation.expires_at, datetime) and reservation.expires_at.tzinfo is not None
    assert reservation.expires_at - reservation.created_at == timedelta(seconds=600)
    assert [(l.sku, l.quantity, [(a.location, a.quantity) for a in l.allocations]) for l in reservation.lines] == [
        ("TEE-M", 3, [("wh-east", 3)]),
        ("MUG", 1, [("wh-east", 1)]),
    ]
    assert shop.available(sku="TEE-M", channel="web") == 7
    assert shop.available(sku="MUG", channel="web") == 9
    level = shop.stock_level(sku="TEE-M", location="wh-east")
    assert (level.on_hand, level.allocated, level.reserved, level.available) == (10, 0, 3, 7)
    movement = shop.movements(sku="TEE-M", location="wh-east")[-1]
    assert (movement.reason, movement.reserved_delta, movement.on_hand_delta, movement.reference) == (
        "reservation", 3, 0, "cart-1",
    )
    assert shop.get_reservation("cart-1") == reservation
    event = shop.events_since()[-1]
    assert (event.type, event.data["reservation_id"], event.data["quantity"]) == ("stock_reserved", "cart-1", 1)
    assert "cart-1" in repr(reservation) and "TEE-M" in repr(reservation.lines[0])
    assert_clean(shop)


def test_place_order_converts_the_reservation_from_reserved_units(shop: oms.Oms) -> None:
    reserve(shop, quantity=3)
    # Everything not reserved goes to another customer: only the reserved units are left.
    shop.place_order(channel="web", customer_email="bob@example.com", lines=[line(quantity=7)])
    assert shop.available(sku="TEE-M", channel="web") == 0
    with raises(oms.Rejected, "insufficient_stock"):
        shop.place_order(channel="web", customer_email="eve@example.com", lines=[line(quantity=1)])
    order = shop.place_order(channel="web", customer_email="ada@example.com", lines=[line(quantity=3)],
                             reservation_id="cart-1")
    assert order.status == "allocated" and order.lines[0].allocated == 3
    assert [(a.location, a.quantity) for a in order.lines[0].allocations] == [("wh-east", 3)]
    converted = shop.get_reservation("cart-1")
    assert (converted.status, converted.order_id) == ("converted", order.id)
    level = shop.stock_level(sku="TEE-M", location="wh-east")
    assert (level.on_hand, level.allocated, level.reserved) == (10, 10, 0)
    movement = shop.movements(sku="TEE-M", location="wh-east")[-1]
    assert (movement.reason, movement.allocated_delta, movement.reserved_delta, movement.reference) == (
        "allocation", 3, -3, order.id,
    )
    with raises(oms.Rejected, "illegal_transition"):
        shop.place_order(channel="web", customer_email="ada@example.com", lines=[line(quantity=3)],
                             reservation_id="cart-1")
    with raises(oms.Rejected, "illegal_transition"):
        shop.release_reservation("cart-1")
    assert_clean(shop)


def test_order_bigger_than_its_reservation_allocates_the_rest(shop: oms.Oms) -> None:
    reserve(shop, quantity=2)
    order = shop.place_order(channel="web", customer_email="ada@example.com", lines=[line(quantity=5)],
                             reservation_id="cart-1")
    assert order.lines[0].allocated == 5
    level = shop.stock_level(sku="TEE-M", location="wh-east")
    assert (level.allocated, level.reserved, level.available) == (5, 0, 5)
    assert_clean(shop)


def test_release_reservation(shop: oms.Oms) -> None:
    reserve(shop, quantity=4)
    released = shop.release_reservation("cart-1", idempotency_key="release-cart-1")
    assert (released.status, released.version) == ("released", 2)
    assert shop.available(sku="TEE-M", channel="web") == 10
    assert shop.release_reservation("cart-1", idempotency_key="release-cart-1") == released
    with raises(oms.Rejected, "illegal_transition"):
        shop.release_reservation("cart-1")
    with raises(oms.NotFound, "reservation_not_found"):
        shop.release_reservation("cart-404")
    with raises(oms.InvalidInput, "invalid_identifier", "reservation_id"):
        shop.release_reservation("")
    assert shop.movements(sku="TEE-M", location="wh-east")[-1].reason == "reservation_release"
    assert_clean(shop)


def test_expired_reservation_gives_its_stock_back(shop: oms.Oms) -> None:
    reserve(shop, reservation_id="cart-short", quantity=4, ttl_seconds=1)
    reserve(shop, reservation_id="cart-long", quantity=1, ttl_seconds=3600)
    assert shop.available(sku="TEE-M", channel="web") == 5
    assert shop.expire_reservations() == []
    time.sleep(1.1)
    assert shop.expire_reservations() == ["cart-short"]
    assert shop.expire_reservations() == []
    assert shop.get_reservation("cart-short").status == "expired"
    assert shop.get_reservation("cart-long").status == "active"
    assert shop.available(sku="TEE-M", channel="web") == 9
    # Checking out with an expired reservation allocates from stock as if it named none.
    late = shop.place_order(channel="web", customer_email="ada@example.com", lines=[line()],
                            reservation_id="cart-short")
    assert late.status == "allocated"
    assert shop.get_reservation("cart-short").order_id is None
    assert_clean(shop)


@pytest.mark.parametrize("store", ["memory", "sqlite"])
def test_expired_reservations_never_block_a_sale_however_many(store: str, tmp_path: Any) -> None:
    """150 abandoned carts over five SKUs and no expire_reservations() worker: the
    expired reservations neither lower availability nor block a sale (a sale
    used to sweep only the 100 oldest reservations of any SKU, and fail)."""
    shop = oms.Oms.in_memory() if store == "memory" else oms.Oms.open(str(tmp_path / "shop.db"))
    shop.upsert_location(id="wh-east", kind="warehouse", region="US-NY")
    shop.upsert_channel(id="web", kind="web", currency="USD", locations=["wh-east"])
    skus = [f"SKU-{index}" for index in range(5)]
    for sku in skus:
        shop.upsert_product(sku=sku, name=sku)
        shop.receive_stock(sku=sku, location="wh-east", quantity=31)
    for turn in range(30):
        for sku in skus:
            shop.reserve_stock(reservation_id=f"cart-{sku}-{turn}", channel="web",
                               lines=[{"sku": sku, "quantity": 1}], ttl_seconds=1)
    time.sleep(1.1)  # waits out the carts' one-second time to live
    for sku in skus:
        shop.reserve_stock(reservation_id=f"live-{sku}", channel="web", lines=[{"sku": sku, "quantity": 1}],
                           ttl_seconds=3600)

    assert [a.available for a in shop.availability(channel="web", skus=skus)] == [30] * 5
    for sku in reversed(skus):
        order = shop.place_order(channel="web", customer_email="ada@example.com",
                                 lines=[line(sku=sku, quantity=30)])
        assert order.status == "allocated"
        level = shop.stock_level(sku=sku, location="wh-east")
        assert (level.allocated, level.reserved) == (30, 1)
    assert [a.available for a in shop.availability(channel="web", skus=skus)] == [0] * 5
    with raises(oms.Rejected, "insufficient_stock"):
        shop.place_order(channel="web", customer_email="ada@example.com", lines=[line(sku="SKU-0", quantity=1)])
    assert shop.get_reservation("live-SKU-0").status == "active"
    assert shop.get_reservation("cart-SKU-3-0").status == "expired"
    assert shop.expire_reservations() == []
    assert_clean(shop)


def test_reserve_stock_is_idempotent(shop: oms.Oms) -> None:
    first = reserve(shop, idempotency_key="reserve-key")
    assert reserve(shop, idempotency_key="reserve-key") == first
    assert shop.available(sku="TEE-M", channel="web") == 7
    with raises(oms.Rejected, "idempotency_key_reused"):
        reserve(shop, quantity=4, idempotency_key="reserve-key")


def test_duplicate_reservation_id_is_rejected(shop: oms.Oms) -> None:
    reserve(shop)
    with raises(oms.Rejected, "rejected"):
        reserve(shop, quantity=1)
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
        ({"reservation_id": ""}, oms.InvalidInput, "invalid_identifier", "reservation_id"),
        ({"reservation_id": "has space"}, oms.InvalidInput, "invalid_identifier", "reservation_id"),
        ({"reservation_id": 7}, oms.InvalidInput, "invalid_input", "reservation_id"),
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
def test_reserve_stock_bad_input_reserves_nothing(
    shop: oms.Oms, overrides: dict, exception: type, code: str, field: str
) -> None:
    events = len(shop.events_since(limit=1000))
    with raises(exception, code, field):
        reserve(shop, **overrides)
    assert len(shop.events_since(limit=1000)) == events
    assert shop.stock_level(sku="TEE-M", location="wh-east").reserved == 0
    with raises(oms.NotFound, "reservation_not_found"):
        shop.get_reservation("cart-1")


def test_place_order_with_a_bad_reservation(shop: oms.Oms) -> None:
    with raises(oms.NotFound, "reservation_not_found"):
        shop.place_order(channel="web", customer_email="ada@example.com", lines=[line()], reservation_id="cart-404")
    with raises(oms.InvalidInput, "invalid_identifier", "reservation_id"):
        shop.place_order(channel="web", customer_email="ada@example.com", lines=[line()], reservation_id="")
    shop.upsert_channel(id="app", kind="web", currency="USD", locations=["wh-east"])
    reserve(shop, channel="app")
    with raises(oms.InvalidInput, "invalid_input", "reservation_id"):
        shop.place_order(channel="web", customer_email="ada@example.com", lines=[line()], reservation_id="cart-1")
    assert shop.get_reservation("cart-1").status == "active"
    assert shop.list_orders().orders == []
    assert_clean(shop)


def test_get_reservation_bad_input(shop: oms.Oms) -> None:
    with raises(oms.NotFound, "reservation_not_found"):
        shop.get_reservation("cart-404")
    with raises(oms.InvalidInput, "invalid_input", "reservation_id"):
        shop.get_reservation(None)  # type: ignore[arg-type]
    ids: List[str] = shop.expire_reservations()
    assert ids == []


def test_a_file_written_before_the_rename_reads_back(tmp_path: Any) -> None:
    """Rows as the release before the rename stored them (a `hold` movement, a
    `stock_held` event with a `hold_id`, the bucket in the column `held`) read
    under the new names."""
    import sqlite3

    path = str(tmp_path / "before.db")
    # That release wrote the first schema's tables. Opening and closing makes
    # the file (every migration, nothing written); the rows go in by hand, and
    # the next open copies them into the storage contract's tables.
    with oms.Oms.open(path):
        pass
    location = ('{"id":"wh-east","kind":"warehouse","region":"US-NY","capabilities":{"ships":true,'
                '"offers_pickup":false,"ships_from_store":false},"daily_capacity":null,"priority":100,"version":1}')
    channel = ('{"id":"web","kind":"web","currency":"USD","locations":["wh-east"],"prices_include_tax":false,'
               '"rounding":{"mode":"half_up","level":"line"},"tax_rates":{},"safety_stock":0,'
               '"allow_backorders":false,"split_policy":"fewest_shipments","pickup_fallback":"reject",'
               '"strategy":"ship_from_warehouse","max_distance_km":null,"version":1}')
    at = "2026-11-26T09:00:00.000000Z"
    reservation = ('{"id":"cart-1","channel":"web","lines":[{"sku":"TEE-M","quantity":3,"allocations":'
                   '[{"location":"wh-east","quantity":3}]}],"status":"active","expires_at":"2999-01-01T00:00:00Z",'
                   '"order_id":null,"created_at":"2026-11-26T09:00:00Z","updated_at":"2026-11-26T09:00:00Z",'
                   '"version":1}')
    with sqlite3.connect(path) as connection:
        connection.executescript(f"""
            INSERT INTO locations (id, version, doc) VALUES ('wh-east', 1, '{location}');
            INSERT INTO channels (id, version, doc) VALUES ('web', 1, '{channel}');
            INSERT INTO products (sku, version, doc) VALUES ('TEE-M', 1,
                '{{"sku":"TEE-M","name":"T-shirt","tax_class":"standard","backorderable":false,"version":1}}');
            DELETE FROM events;
            INSERT INTO stock (sku, location, on_hand, allocated, held, quarantined, incoming, version)
                VALUES ('TEE-M', 'wh-east', 10, 0, 3, 0, 0, 2);
            INSERT INTO movements (sequence, sku, location, reason, on_hand_delta, allocated_delta, held_delta,
                                   quarantined_delta, incoming_delta, reference, occurred_at)
                VALUES (1, 'TEE-M', 'wh-east', 'receipt', 10, 0, 0, 0, 0, NULL, '{at}'),
                       (2, 'TEE-M', 'wh-east', 'hold', 0, 0, 3, 0, 0, 'cart-1', '{at}');
            INSERT INTO holds (id, status, expires_at, version, doc)
                VALUES ('cart-1', 'active', '2999-01-01T00:00:00.000000Z', 1, '{reservation}');
            INSERT INTO hold_units (sku, expires_at, hold_id, location, quantity)
                VALUES ('TEE-M', '2999-01-01T00:00:00.000000Z', 'cart-1', 'wh-east', 3);
            INSERT INTO events (sequence, type, occurred_at, doc) VALUES (1, 'stock_held', '{at}',
                '{{"type":"stock_held","hold_id":"cart-1","sku":"TEE-M","location":"wh-east","quantity":3}}');
        """)
    connection.close()
    with oms.Oms.open(path) as shop:
        level = shop.stock_level(sku="TEE-M", location="wh-east")
        assert (level.on_hand, level.reserved, level.available) == (10, 3, 7)
        movement = shop.movements(sku="TEE-M", location="wh-east")[-1]
        assert (movement.reason, movement.reserved_delta, movement.reference) == ("reservation", 3, "cart-1")
        event = shop.events_since()[0]
        assert (event.type, event.data["reservation_id"]) == ("stock_reserved", "cart-1")
        assert shop.get_reservation("cart-1").lines[0].quantity == 3
        assert shop.release_reservation("cart-1").status == "released"
        assert shop.stock_level(sku="TEE-M", location="wh-east").reserved == 0
        assert_clean(shop)


def test_pickles_from_before_the_rename_load() -> None:
    """A record pickled by the release before the rename (class `StockHold`,
    `HeldLine`; fields `held`, `held_delta`) loads as the renamed record."""
    restore = getattr(oms._oms, "_restore")
    line = restore("HeldLine", b'{"sku":"TEE-M","quantity":2,"allocations":[]}')
    assert isinstance(line, oms.ReservedLine) and line.quantity == 2
    stored = restore("StockHold", b'{"id":"cart-1","channel":"web","status":"active",'
                                  b'"expires_at":"2026-11-26T10:00:00Z","order_id":null,"lines":[],'
                                  b'"created_at":"2026-11-26T09:00:00Z","updated_at":"2026-11-26T09:00:00Z",'
                                  b'"version":1}')
    assert isinstance(stored, oms.Reservation) and stored.id == "cart-1"
    level = restore("StockLevel", b'{"sku":"TEE-M","location":"wh-east","on_hand":5,"allocated":1,"held":2,'
                                  b'"quarantined":0,"incoming":0,"available":2,"version":3}')
    assert (level.reserved, level.available) == (2, 2)
    movement = restore("Movement", b'{"sequence":1,"sku":"TEE-M","location":"wh-east","reason":"hold",'
                                   b'"on_hand_delta":0,"allocated_delta":0,"held_delta":2,"quarantined_delta":0,'
                                   b'"incoming_delta":0,"reference":"cart-1","occurred_at":"2026-11-26T09:00:00Z"}')
    assert movement.reserved_delta == 2
    assert "stock_reserved" in oms.EVENT_TYPES and "stock_held" not in oms.EVENT_TYPES
    assert "reservation_not_found" in oms.ERROR_CODES and "hold_not_found" not in oms.ERROR_CODES
