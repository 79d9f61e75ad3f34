"""Pickup at the store, partial shipments and line rejections (issue 9):
ready_for_pickup, confirm_pickup, expire_pickups (by a ManualClock),
create_shipment, reject_shipment_line — as a user drives them, bad input
included."""

from __future__ import annotations

import asyncio
import pickle
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, List

import pytest

import oms
from conftest import line, raises, stock_shop

START = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def clock() -> oms.ManualClock:
    return oms.ManualClock(START)


@pytest.fixture
def store(clock: oms.ManualClock) -> oms.Oms:
    """The fixture shop on a manual clock, with stock at store-soho and a pickup channel
    (`collect`, pickups wait 48 hours)."""
    shop = stock_shop(oms.Oms.in_memory(clock=clock))
    for sku in ("TEE-M", "MUG"):
        shop.receive_stock(sku=sku, location="store-soho", quantity=10)
    shop.upsert_channel(id="collect", kind="pickup", currency="USD", locations=["store-soho", "wh-east"],
                        pickup_window_hours=48)
    return shop


def pickup(shop: oms.Oms, *lines: Any) -> oms.Order:
    return shop.place_order(channel="collect", customer_email="ada@example.com", lines=list(lines),
                            pickup_location="store-soho")


def made_ready(shop: oms.Oms, order: oms.Order) -> oms.Shipment:
    shipment = shop.create_shipments(order.id)[0]
    shop.start_picking(shipment.id)
    return shop.ready_for_pickup(shipment.id)


def sound(shop: oms.Oms) -> None:
    assert shop.audit().violations == []
    assert shop.verify_replay().mismatches == []


def test_a_pickup_is_made_ready_and_collected(store: oms.Oms, clock: oms.ManualClock) -> None:
    order = pickup(store, line("MUG", 2))
    assert order.fulfilment_method == "pickup"
    shipment = store.create_shipments(order.id)[0]
    with raises(oms.Rejected, "illegal_transition"):
        store.ready_for_pickup(shipment.id)
    store.start_picking(shipment.id)
    with raises(oms.Rejected, "illegal_transition"):
        store.confirm_pickup(shipment.id)
    waiting = store.ready_for_pickup(shipment.id, idempotency_key="ready-1")
    assert (waiting.status, waiting.pickup_expires_at) == ("ready_for_pickup", START + timedelta(hours=48))
    assert store.ready_for_pickup(shipment.id, idempotency_key="ready-1") == waiting
    ready = store.get_order(order.id)
    assert (ready.status, ready.lines[0].ready_for_pickup) == ("ready_for_pickup", 2)
    clock.advance(timedelta(hours=47))
    assert store.expire_pickups() == []
    collected = store.confirm_pickup(shipment.id)
    assert collected.status == "picked_up"
    level = store.stock_level(sku="MUG", location="store-soho")
    assert (level.on_hand, level.allocated) == (8, 0)
    movement = store.movements(sku="MUG", location="store-soho")[-1]
    assert (movement.reason, movement.on_hand_delta, movement.reference) == ("pickup", -2, order.id)
    done = store.get_order(order.id)
    assert (done.status, done.lines[0].shipped, done.lines[0].delivered) == ("picked_up", 2, 2)
    assert pickle.loads(pickle.dumps(collected)) == collected
    assert collected.to_dict()["pickup_expires_at"] == START + timedelta(hours=48)
    types = [event.type for event in store.events_since()]
    assert "shipment_ready_for_pickup" in types and "shipment_picked_up" in types
    sound(store)


def test_an_uncollected_pickup_expires_by_the_clock(store: oms.Oms, clock: oms.ManualClock) -> None:
    order = pickup(store, line("MUG", 2), line("TEE-M", 1))
    shipment = made_ready(store, order)
    assert store.expire_pickups() == []
    clock.advance(timedelta(hours=48))
    expired: List[oms.Shipment] = store.expire_pickups()
    assert [(s.id, s.status) for s in expired] == [(shipment.id, "pickup_expired")]
    after = store.get_order(order.id)
    assert (after.status, after.cancel_reason) == ("cancelled", "pickup_expired")
    assert [l.cancelled for l in after.lines] == [2, 1]
    level = store.stock_level(sku="MUG", location="store-soho")
    assert (level.on_hand, level.allocated) == (10, 0)
    assert store.expire_pickups() == []
    with raises(oms.Rejected, "illegal_transition"):
        store.confirm_pickup(shipment.id)
    sound(store)


def test_pickup_steps_on_a_delivery_shipment_are_refused(shop: oms.Oms, place: Callable[..., oms.Order]) -> None:
    shipment = shop.create_shipments(place().id)[0]
    shop.start_picking(shipment.id)
    with raises(oms.Rejected, "illegal_transition") as refused:
        shop.ready_for_pickup(shipment.id)
    assert refused.value.details == {"action": "make ready for pickup",
                                     "from": "picking shipment of a ship order"}
    with raises(oms.Rejected, "illegal_transition"):
        shop.confirm_pickup(shipment.id)
    with raises(oms.NotFound, "shipment_not_found"):
        shop.confirm_pickup("shp-404")
    with raises(oms.InvalidInput, "invalid_identifier", "shipment_id"):
        shop.ready_for_pickup("")
    assert shop.get_shipment(shipment.id).status == "picking"


@pytest.mark.parametrize(
    "hours, exception, code",
    [
        (0, oms.InvalidInput, "invalid_input"),
        (-1, oms.InvalidInput, "invalid_input"),
        (2161, oms.OmsError, "limit_exceeded"),
        (2**70, oms.OmsError, "limit_exceeded"),
        (1.5, oms.InvalidInput, "invalid_input"),
        ("72", oms.InvalidInput, "invalid_input"),
        (True, oms.InvalidInput, "invalid_input"),
    ],
)
def test_the_pickup_window_is_bounded(shop: oms.Oms, hours: Any, exception: type, code: str) -> None:
    with raises(exception, code, "pickup_window_hours"):
        shop.upsert_channel(id="collect", kind="pickup", currency="USD", locations=["store-soho"],
                            pickup_window_hours=hours)
    assert shop.list_channels()[0].id == "web"
    assert shop.upsert_channel(id="walk-in", kind="pickup", currency="USD",
                               locations=["store-soho"]).pickup_window_hours == 72


def test_part_of_a_line_ships_now_and_the_rest_later(shop: oms.Oms, place: Callable[..., oms.Order]) -> None:
    order = place(lines=[line("TEE-M", 5)])
    first = shop.create_shipment(order.id, location="wh-east", lines=[{"line_number": 1, "quantity": 2}])
    assert [(l.line_number, l.quantity) for l in first.lines] == [(1, 2)]
    with raises(oms.InvalidInput, "invalid_quantity", "lines[0].quantity"):
        shop.create_shipment(order.id, location="wh-east", lines=[{"line_number": 1, "quantity": 4}])
    shop.start_picking(first.id)
    shop.pack_shipment(first.id, parcels=[{"weight_grams": 100, "length_mm": 10, "width_mm": 10, "height_mm": 10}])
    shop.ship_shipment(first.id, carrier="UPS", tracking_number="1Z")
    assert shop.get_order(order.id).status == "partially_shipped"
    rest = shop.create_shipments(order.id)
    assert [l.quantity for l in rest[0].lines] == [3]
    sound(shop)


@pytest.mark.parametrize(
    "lines, exception, code, field",
    [
        ([], oms.InvalidInput, "invalid_input", "lines"),
        ([{"line_number": 1, "quantity": 0}], oms.InvalidInput, "invalid_quantity", "lines[0].quantity"),
        ([{"line_number": 1, "quantity": 1}, {"line_number": 1, "quantity": 1}], oms.InvalidInput, "invalid_input",
         "lines[1].line_number"),
        ([{"line_number": 9, "quantity": 1}], oms.NotFound, "order_line_not_found", None),
        ([{"line_number": 1}], oms.InvalidInput, "invalid_input", "lines[0].quantity"),
        ([{"line_number": 1, "quantity": 1.0}], oms.InvalidInput, "invalid_input", "lines[0].quantity"),
        ("lines", oms.InvalidInput, "invalid_input", "lines"),
    ],
)
def test_a_partial_shipment_names_what_is_wrong(shop: oms.Oms, place: Callable[..., oms.Order], lines: Any,
                                                exception: type, code: str, field: str | None) -> None:
    order = place(lines=[line("TEE-M", 3)])
    with raises(exception, code, field):
        shop.create_shipment(order.id, location="wh-east", lines=lines)
    assert shop.list_shipments(order.id) == []


def test_a_location_rejects_units_not_found_and_they_are_re_allocated(shop: oms.Oms,
                                                                       place: Callable[..., oms.Order]) -> None:
    shop.upsert_location(id="wh-west", kind="warehouse", region="US-NY")
    shop.receive_stock(sku="TEE-M", location="wh-west", quantity=5)
    shop.upsert_channel(id="web", kind="web", currency="USD", locations=["wh-east", "wh-west"])
    order = place(lines=[line("TEE-M", 4)])
    shipment = shop.create_shipments(order.id)[0]
    shop.start_picking(shipment.id)
    rejected = shop.reject_shipment_line(shipment.id, line_number=1, quantity=1, reason="not_found")
    assert isinstance(rejected, oms.LineRejection)
    assert (rejected.reason, rejected.quantity, rejected.backordered, rejected.cancelled) == ("not_found", 1, 0, 0)
    assert [(a.location, a.quantity) for a in rejected.reallocated] == [("wh-west", 1)]
    assert rejected.shipment.lines[0].quantity == 3
    assert rejected.order == shop.get_order(order.id)
    east = shop.stock_level(sku="TEE-M", location="wh-east")
    assert (east.on_hand, east.allocated) == (9, 3)
    assert shop.movements(sku="TEE-M", location="wh-east")[-1].reason == "not_found"
    assert pickle.loads(pickle.dumps(rejected)) == rejected
    assert rejected.to_dict()["reallocated"] == [{"location": "wh-west", "quantity": 1}]
    sound(shop)


def test_damaged_units_go_to_quarantine_and_a_line_that_may_not_wait_is_cancelled(
        shop: oms.Oms, place: Callable[..., oms.Order]) -> None:
    order = place(lines=[line("MUG", 2)])
    shipment = shop.create_shipments(order.id)[0]
    rejected = shop.reject_shipment_line(shipment.id, line_number=1, quantity=2, reason="damaged")
    assert (rejected.cancelled, rejected.backordered, rejected.shipment.status) == (2, 0, "cancelled")
    assert (rejected.order.status, rejected.order.cancel_reason) == ("cancelled", "shipment_line_rejected")
    level = shop.stock_level(sku="MUG", location="wh-east")
    assert (level.on_hand, level.quarantined, level.allocated) == (8, 2, 0)
    sound(shop)


@pytest.mark.parametrize(
    "arguments, exception, code, field",
    [
        ({"line_number": 1, "quantity": 4, "reason": "not_found"}, oms.InvalidInput, "invalid_quantity", "quantity"),
        ({"line_number": 1, "quantity": 0, "reason": "not_found"}, oms.InvalidInput, "invalid_quantity", "quantity"),
        ({"line_number": 7, "quantity": 1, "reason": "not_found"}, oms.NotFound, "order_line_not_found", None),
        ({"line_number": 1, "quantity": 1, "reason": "lost"}, oms.InvalidInput, "invalid_input", "reason"),
        ({"line_number": 1, "quantity": 1, "reason": None}, oms.InvalidInput, "invalid_input", "reason"),
        ({"line_number": -1, "quantity": 1, "reason": "damaged"}, oms.InvalidInput, "invalid_input", "line_number"),
    ],
)
def test_a_rejection_names_what_is_wrong(shop: oms.Oms, place: Callable[..., oms.Order], arguments: Any,
                                         exception: type, code: str, field: str | None) -> None:
    order = place(lines=[line("TEE-M", 3)])
    shipment = shop.create_shipments(order.id)[0]
    with raises(exception, code, field):
        shop.reject_shipment_line(shipment.id, **arguments)
    assert shop.get_shipment(shipment.id) == shipment


def test_a_shipped_shipment_s_line_cannot_be_rejected(shop: oms.Oms, place: Callable[..., oms.Order]) -> None:
    shipment = shop.create_shipments(place().id)[0]
    shop.start_picking(shipment.id)
    shop.pack_shipment(shipment.id, parcels=[{"weight_grams": 100, "length_mm": 10, "width_mm": 10, "height_mm": 10}])
    shop.ship_shipment(shipment.id, carrier="UPS", tracking_number="1Z")
    with raises(oms.Rejected, "illegal_transition"):
        shop.reject_shipment_line(shipment.id, line_number=1, quantity=1, reason="damaged")


def test_the_async_service_drives_a_pickup(clock: oms.ManualClock) -> None:
    async def main() -> None:
        shop = oms.AsyncOms(stock_shop(oms.Oms.in_memory(clock=clock)))
        await shop.receive_stock(sku="MUG", location="store-soho", quantity=3)
        await shop.upsert_channel(id="collect", kind="pickup", currency="USD", locations=["store-soho"])
        order = await shop.place_order(channel="collect", customer_email="ada@example.com", lines=[line("MUG", 2)],
                                       pickup_location="store-soho")
        shipment = await shop.create_shipment(order.id, location="store-soho",
                                              lines=[{"line_number": 1, "quantity": 1}])
        await shop.start_picking(shipment.id)
        assert (await shop.ready_for_pickup(shipment.id)).pickup_expires_at == START + timedelta(hours=72)
        clock.advance(timedelta(hours=72))
        assert [s.id for s in await shop.expire_pickups()] == [shipment.id]
        rest = (await shop.create_shipments(order.id))[0]
        rejected = await shop.reject_shipment_line(rest.id, line_number=1, quantity=1, reason="not_found")
        assert (rejected.cancelled, rejected.order.status) == (1, "cancelled")
        with raises(oms.Rejected, "illegal_transition"):
            await shop.confirm_pickup(shipment.id)

    asyncio.run(main())
