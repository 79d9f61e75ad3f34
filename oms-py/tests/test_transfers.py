"""Transfers between locations: request_transfer, ship_transfer,
receive_transfer, cancel_transfer, get_transfer."""

from __future__ import annotations

from datetime import datetime

import pytest

import oms
from conftest import assert_clean, line, raises


def test_transfer_requested_shipped_received(shop: oms.Oms) -> None:
    requested = shop.request_transfer(sku="TEE-M", from_location="wh-east", to_location="store-soho", quantity=4)
    assert requested.id.startswith("tr-")
    assert (requested.sku, requested.from_location, requested.to_location, requested.quantity) == (
        "TEE-M", "wh-east", "store-soho", 4,
    )
    assert (requested.status, requested.version) == ("requested", 1)
    assert isinstance(requested.created_at, datetime) and requested.created_at.tzinfo is not None
    assert shop.stock_level(sku="TEE-M", location="wh-east").on_hand == 10  # nothing moves yet
    assert shop.get_transfer(requested.id) == requested
    assert requested.id in repr(requested)

    shipped = shop.ship_transfer(requested.id, idempotency_key="ship-1")
    assert (shipped.status, shipped.version) == ("shipped", 2)
    assert shop.ship_transfer(requested.id, idempotency_key="ship-1") == shipped
    source = shop.stock_level(sku="TEE-M", location="wh-east")
    target = shop.stock_level(sku="TEE-M", location="store-soho")
    assert (source.on_hand, source.available) == (6, 6)
    assert (target.on_hand, target.incoming, target.available) == (0, 4, 0)
    assert shop.available(sku="TEE-M", channel="web") == 6
    out = shop.movements(sku="TEE-M", location="wh-east")[-1]
    assert (out.reason, out.on_hand_delta, out.reference) == ("transfer_out", -4, requested.id)
    incoming = shop.movements(sku="TEE-M", location="store-soho")[-1]
    assert (incoming.reason, incoming.incoming_delta, incoming.reference) == ("transfer_in", 4, requested.id)

    received = shop.receive_transfer(requested.id)
    assert received.status == "received"
    target = shop.stock_level(sku="TEE-M", location="store-soho")
    assert (target.on_hand, target.incoming, target.available) == (4, 0, 4)
    arrival = shop.movements(sku="TEE-M", location="store-soho")[-1]
    assert (arrival.on_hand_delta, arrival.incoming_delta) == (4, -4)
    with raises(oms.Rejected, "illegal_transition"):
        shop.cancel_transfer(requested.id)
    with raises(oms.Rejected, "illegal_transition"):
        shop.receive_transfer(requested.id)
    assert_clean(shop)


def test_cancel_only_while_requested(shop: oms.Oms) -> None:
    first = shop.request_transfer(sku="MUG", from_location="wh-east", to_location="store-soho", quantity=1)
    cancelled = shop.cancel_transfer(first.id)
    assert cancelled.status == "cancelled"
    with raises(oms.Rejected, "illegal_transition"):
        shop.ship_transfer(first.id)
    second = shop.request_transfer(sku="MUG", from_location="wh-east", to_location="store-soho", quantity=1)
    assert second.id != first.id
    shop.ship_transfer(second.id)
    with raises(oms.Rejected, "illegal_transition"):
        shop.cancel_transfer(second.id)
    with raises(oms.Rejected, "illegal_transition"):
        shop.ship_transfer(second.id)
    assert shop.stock_level(sku="MUG", location="wh-east").on_hand == 9
    assert_clean(shop)


def test_transfer_graph_is_data() -> None:
    assert set(oms.TRANSFER_TRANSITIONS) == {
        ("requested", "shipped"), ("requested", "cancelled"), ("shipped", "received"),
    }
    assert all(isinstance(edge, tuple) and len(edge) == 2 for edge in oms.TRANSFER_TRANSITIONS)


def test_shipping_more_than_is_available(shop: oms.Oms) -> None:
    shop.place_order(channel="web", customer_email="ada@example.com", lines=[line(quantity=8)])
    transfer = shop.request_transfer(sku="TEE-M", from_location="wh-east", to_location="store-soho", quantity=3)
    with raises(oms.Rejected, "insufficient_stock"):
        shop.ship_transfer(transfer.id)
    assert shop.get_transfer(transfer.id).status == "requested"
    assert shop.stock_level(sku="TEE-M", location="wh-east").on_hand == 10
    assert_clean(shop)


@pytest.mark.parametrize(
    "overrides, exception, code, field",
    [
        ({"to_location": "wh-east"}, oms.InvalidInput, "invalid_input", "to_location"),
        ({"quantity": 0}, oms.InvalidInput, "invalid_quantity", "quantity"),
        ({"quantity": True}, oms.InvalidInput, "invalid_input", "quantity"),
        ({"quantity": 1.0}, oms.InvalidInput, "invalid_input", "quantity"),
        ({"from_location": "nowhere"}, oms.NotFound, "location_not_found", None),
        ({"to_location": "nowhere"}, oms.NotFound, "location_not_found", None),
        ({"to_location": ""}, oms.InvalidInput, "invalid_identifier", "to_location"),
        ({"sku": "NOPE"}, oms.NotFound, "product_not_found", None),
        ({"idempotency_key": " "}, oms.InvalidInput, "invalid_identifier", "idempotency_key"),
    ],
)
def test_request_transfer_bad_input(shop: oms.Oms, overrides: dict, exception: type, code: str, field: str) -> None:
    events = len(shop.events_since(limit=1000))
    with raises(exception, code, field):
        shop.request_transfer(**{"sku": "TEE-M", "from_location": "wh-east", "to_location": "store-soho",
                                 "quantity": 2, **overrides})
    assert len(shop.events_since(limit=1000)) == events


def test_unknown_transfer(shop: oms.Oms) -> None:
    for step in (shop.ship_transfer, shop.receive_transfer, shop.cancel_transfer, shop.get_transfer):
        with raises(oms.NotFound, "transfer_not_found"):
            step("tr-0000000404")
        with raises(oms.InvalidInput, "invalid_identifier", "transfer_id"):
            step("")
