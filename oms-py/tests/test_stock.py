"""receive_stock, adjust_stock, stock_level, stock_levels, available, movements."""

from __future__ import annotations

from datetime import timezone

import pytest

import oms
from conftest import assert_clean, line, raises


def test_receive_stock(shop: oms.Oms) -> None:
    level = shop.receive_stock(sku="TEE-M", location="wh-east", quantity=4)
    assert (level.sku, level.location, level.on_hand, level.allocated, level.available) == ("TEE-M", "wh-east", 14, 0, 14)
    assert (level.reserved, level.quarantined, level.incoming) == (0, 0, 0)
    assert shop.available(sku="TEE-M", channel="web") == 14


def test_web_channel_does_not_promise_store_stock(shop: oms.Oms) -> None:
    # The web channel ships from warehouses only (ship_from_warehouse): the
    # store's stock is not available to it unless the store ships from store.
    level = shop.receive_stock(sku="TEE-M", location="store-soho", quantity=4)
    assert (level.location, level.on_hand, level.available) == ("store-soho", 4, 4)
    assert shop.available(sku="TEE-M", channel="web") == 10
    shop.upsert_location(id="store-soho", kind="store", region="US-NY", ships_from_store=True)
    shop.upsert_channel(id="web", kind="web", currency="USD", locations=["wh-east", "store-soho"],
                        strategy="ship_from_store")
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
    assert [(m.reason, m.on_hand_delta, m.allocated_delta, m.reference) for m in movements] == [
        ("receipt", 10, 0, None),
        ("adjustment", -1, 0, None),
    ]
    assert all((m.reserved_delta, m.quarantined_delta, m.incoming_delta) == (0, 0, 0) for m in movements)
    assert "reference=None" in repr(movements[0])
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


# count_stock


def test_count_stock_records_the_variance(shop: oms.Oms) -> None:
    level = shop.count_stock(sku="TEE-M", location="wh-east", counted=7)
    assert (level.on_hand, level.available) == (7, 7)
    assert shop.count_stock(sku="TEE-M", location="wh-east", counted=12, idempotency_key="count-1").on_hand == 12
    assert shop.count_stock(sku="TEE-M", location="wh-east", counted=12, idempotency_key="count-1").on_hand == 12
    counts = [m for m in shop.movements(sku="TEE-M", location="wh-east") if m.reason == "count"]
    assert [m.on_hand_delta for m in counts] == [-3, 5]
    assert shop.count_stock(sku="TEE-M", location="store-soho", counted=0).on_hand == 0
    assert_clean(shop)


@pytest.mark.parametrize(
    "overrides, exception, code, field",
    [
        ({"counted": -1}, oms.InvalidInput, "invalid_quantity", "counted"),
        ({"counted": 10**30}, oms.InvalidInput, "invalid_quantity", "counted"),
        ({"counted": True}, oms.InvalidInput, "invalid_input", "counted"),
        ({"counted": 3.0}, oms.InvalidInput, "invalid_input", "counted"),
        ({"location": "nowhere"}, oms.NotFound, "location_not_found", None),
        ({"sku": "NOPE"}, oms.NotFound, "product_not_found", None),
        ({"counted": 2}, oms.Rejected, "rejected", None),  # below the 3 units allocated
    ],
)
def test_count_stock_bad_input(shop: oms.Oms, overrides: dict, exception: type, code: str, field: str) -> None:
    shop.place_order(channel="web", customer_email="ada@example.com", lines=[line(quantity=3)])
    with raises(exception, code, field):
        shop.count_stock(**{"sku": "TEE-M", "location": "wh-east", "counted": 5, **overrides})
    assert shop.stock_level(sku="TEE-M", location="wh-east").on_hand == 10
    assert_clean(shop)


# quarantine_stock, release_quarantine


def test_quarantine_and_release(shop: oms.Oms) -> None:
    level = shop.quarantine_stock(sku="TEE-M", location="wh-east", quantity=4)
    assert (level.on_hand, level.quarantined, level.available) == (6, 4, 6)
    assert shop.available(sku="TEE-M", channel="web") == 6
    movement = shop.movements(sku="TEE-M", location="wh-east")[-1]
    assert (movement.reason, movement.on_hand_delta, movement.quarantined_delta) == ("quarantine", -4, 4)
    level = shop.release_quarantine(sku="TEE-M", location="wh-east", quantity=3, idempotency_key="qa-1")
    assert (level.on_hand, level.quarantined) == (9, 1)
    assert shop.release_quarantine(sku="TEE-M", location="wh-east", quantity=3, idempotency_key="qa-1") == level
    movement = shop.movements(sku="TEE-M", location="wh-east")[-1]
    assert (movement.reason, movement.on_hand_delta, movement.quarantined_delta) == ("quarantine_release", 3, -3)
    assert_clean(shop)


def test_quarantine_bad_input(shop: oms.Oms) -> None:
    shop.place_order(channel="web", customer_email="ada@example.com", lines=[line(quantity=8)])
    with raises(oms.Rejected, "insufficient_stock"):
        shop.quarantine_stock(sku="TEE-M", location="wh-east", quantity=3)  # only 2 are not allocated
    with raises(oms.Rejected, "insufficient_stock"):
        shop.release_quarantine(sku="TEE-M", location="wh-east", quantity=1)  # nothing is quarantined
    for quantity, code in [(0, "invalid_quantity"), (-2, "invalid_quantity"), (False, "invalid_input"),
                           (1.5, "invalid_input")]:
        with raises(oms.InvalidInput, code, "quantity"):
            shop.quarantine_stock(sku="TEE-M", location="wh-east", quantity=quantity)
        with raises(oms.InvalidInput, code, "quantity"):
            shop.release_quarantine(sku="TEE-M", location="wh-east", quantity=quantity)
    with raises(oms.NotFound, "location_not_found"):
        shop.quarantine_stock(sku="TEE-M", location="nowhere", quantity=1)
    level = shop.stock_level(sku="TEE-M", location="wh-east")
    assert (level.on_hand, level.allocated, level.quarantined) == (10, 8, 0)
    assert_clean(shop)


# availability


def test_availability_in_bulk_with_figures_per_location(multi: oms.Oms) -> None:
    multi.upsert_location(id="wh-west", kind="warehouse", region="US-CA", priority=5)
    multi.receive_stock(sku="TEE-M", location="wh-east", quantity=4)
    multi.receive_stock(sku="TEE-M", location="wh-west", quantity=6)
    multi.receive_stock(sku="TEE-M", location="store-soho", quantity=9)
    multi.receive_stock(sku="MUG", location="wh-west", quantity=2)
    answers = multi.availability(channel="web", skus=["TEE-M", "MUG"])
    assert [(a.sku, a.available) for a in answers] == [("TEE-M", 10), ("MUG", 2)]
    assert [(l.location, l.available) for l in answers[0].locations] == [("wh-east", 4), ("wh-west", 6)]
    assert [(l.location, l.available) for l in answers[1].locations] == [("wh-east", 0), ("wh-west", 2)]
    assert "Availability(sku='TEE-M'" in repr(answers[0])
    assert multi.available(sku="TEE-M", channel="web") == 10
    # One region only.
    west = multi.availability(channel="web", skus=("TEE-M",), region="US-CA")
    assert [(l.location, l.available) for l in west[0].locations] == [("wh-west", 6)]
    # One pickup store only.
    soho = multi.availability(channel="click", skus=["TEE-M"], pickup_location="store-soho")
    assert [(a.available, [(l.location, l.available) for l in a.locations]) for a in soho] == [
        (9, [("store-soho", 9)])
    ]
    # Reservations and allocations come off.
    multi.place_order(channel="web", customer_email="ada@example.com", lines=[line(quantity=3)])
    multi.reserve_stock(reservation_id="cart-1", channel="web", lines=[{"sku": "TEE-M", "quantity": 2}], ttl_seconds=60)
    assert multi.availability(channel="web", skus=["TEE-M"])[0].available == 5
    assert_clean(multi)


def test_safety_stock_reduces_availability(multi: oms.Oms) -> None:
    multi.receive_stock(sku="TEE-M", location="wh-east", quantity=4)
    multi.receive_stock(sku="TEE-M", location="wh-west", quantity=1)
    channel = multi.upsert_channel(id="web", kind="web", currency="USD", locations=["wh-east", "wh-west"],
                                   safety_stock=2)
    assert channel.safety_stock == 2
    answer = multi.availability(channel="web", skus=["TEE-M"])[0]
    assert (answer.available, [(l.location, l.available) for l in answer.locations]) == (
        2, [("wh-east", 2), ("wh-west", 0)]
    )
    assert multi.available(sku="TEE-M", channel="web") == 2
    with raises(oms.Rejected, "insufficient_stock"):
        multi.place_order(channel="web", customer_email="ada@example.com", lines=[line(quantity=3)])
    assert multi.place_order(channel="web", customer_email="ada@example.com", lines=[line(quantity=2)]).status == "allocated"
    assert_clean(multi)


@pytest.mark.parametrize(
    "overrides, exception, code, field",
    [
        ({"channel": "nope"}, oms.NotFound, "channel_not_found", None),
        ({"skus": []}, oms.InvalidInput, "invalid_input", "skus"),
        ({"skus": "TEE-M"}, oms.InvalidInput, "invalid_input", "skus"),
        ({"skus": ["TEE-M", ""]}, oms.InvalidInput, "invalid_identifier", "skus[1]"),
        ({"skus": ["TEE-M", 3]}, oms.InvalidInput, "invalid_input", "skus[1]"),
        ({"skus": ["NOPE"]}, oms.NotFound, "product_not_found", None),
        ({"skus": ["TEE-M"] * 501}, oms.InvalidInput, "limit_exceeded", "skus"),
        ({"region": ""}, oms.InvalidInput, "invalid_input", "region"),
        ({"pickup_location": "nowhere"}, oms.NotFound, "location_not_found", None),
        ({"pickup_location": "store-noho"}, oms.Rejected, "pickup_not_offered", None),
        ({"pickup_location": "store-boston"}, oms.Rejected, "location_not_permitted", None),
    ],
)
def test_availability_bad_input(multi: oms.Oms, overrides: dict, exception: type, code: str, field: str) -> None:
    with raises(exception, code, field):
        multi.availability(**{"channel": "web", "skus": ["TEE-M"], **overrides})


def test_channel_needs_permitted_locations(multi: oms.Oms) -> None:
    with raises(oms.InvalidInput, "invalid_input", "locations"):
        multi.upsert_channel(id="empty", kind="web", currency="USD", locations=[])
    with raises(oms.NotFound, "location_not_found"):
        multi.upsert_channel(id="ghost", kind="web", currency="USD", locations=["wh-east", "nowhere"])
    with raises(oms.NotFound, "channel_not_found"):
        multi.availability(channel="empty", skus=["TEE-M"])
