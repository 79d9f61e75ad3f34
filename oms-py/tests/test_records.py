"""Records as values: to_dict() (JSON-ready, one rule for every record),
pickling, copying, equality and hashing; pages iterate and have a length."""

from __future__ import annotations

import copy
import json
import pickle
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, List

import pytest

import oms
from conftest import line, raises

START = datetime(2026, 1, 1, 9, 30, tzinfo=timezone.utc)


@pytest.fixture
def clocked() -> oms.Oms:
    """A shop whose clock reads START, with tax, so every amount field is non-trivial."""
    shop = oms.Oms.in_memory(clock=oms.ManualClock(START))
    shop.upsert_location(id="wh-east", kind="warehouse", region="US-NY")
    shop.upsert_location(id="store-soho", kind="store", region="US-NY")
    shop.upsert_channel(id="web", kind="web", currency="USD", locations=["wh-east", "store-soho"],
                        tax_rates={"standard": Decimal("0.08875")})
    shop.upsert_product(sku="TEE-M", name="T-shirt, medium")
    shop.receive_stock(sku="TEE-M", location="wh-east", quantity=10)
    return shop


def every_record(shop: oms.Oms) -> List[Any]:
    """One record of every class the service returns, from a short trading day."""
    order = shop.place_order(channel="web", customer_email="ada@example.com", explain=True,
                             lines=[line(quantity=2, discount=Decimal("1.00"))], shipping=Decimal("4.99"))
    reservation = shop.reserve_stock(reservation_id="cart-1", channel="web", lines=[{"sku": "TEE-M", "quantity": 1}],
                                     ttl_seconds=60)
    transfer = shop.request_transfer(sku="TEE-M", from_location="wh-east", to_location="store-soho", quantity=1)
    plan = shop.plan_allocation(channel="web", customer_email="bob@example.com", lines=[line()])
    availability = shop.availability(channel="web", skus=["TEE-M"])[0]
    return [
        order, order.lines[0], order.lines[0].allocations[0], order.tax_summary[0], order.explanation,
        order.explanation.candidates[0] if order.explanation else None,
        shop.list_orders(), shop.list_products(), shop.get_product("TEE-M"), shop.get_location("wh-east"),
        shop.get_channel("web"), shop.stock_level(sku="TEE-M", location="wh-east"),
        shop.movements(sku="TEE-M", location="wh-east")[0], reservation, reservation.lines[0], transfer, plan,
        plan.lines[0], availability, availability.locations[0], shop.events_since()[0], shop.audit(),
    ]


def test_order_to_dict_is_plain_data_by_one_rule(clocked: oms.Oms) -> None:
    order = clocked.place_order(channel="web", customer_email="ada@example.com",
                                lines=[line(quantity=2)], shipping=Decimal("4.99"))
    data = order.to_dict()
    assert type(data) is dict
    assert data["id"] == order.id and data["status"] == "allocated" and data["fulfilment_method"] == "ship"
    # Amounts stay Decimal, exact to the cent.
    assert data["subtotal"] == Decimal("39.98") and isinstance(data["subtotal"], Decimal)
    assert data["shipping_total"] == Decimal("4.99")
    assert data["tax_total"] == Decimal("3.99") and data["total"] == Decimal("48.96")
    # Times are timezone-aware datetimes in UTC.
    assert data["created_at"] == START and data["created_at"].utcoffset() == timedelta(0)
    # Nested records are dicts, lists stay lists, absent values are None.
    assert data["lines"] == [{
        "line_number": 1, "sku": "TEE-M", "unit_price": Decimal("19.99"), "quantity": 2, "cancelled": 0,
        "allocated": 2, "backordered": 0, "shipped": 0, "returned": 0, "delivered": 0, "ready_for_pickup": 0,
        "discount": Decimal("0.00"), "order_discount_share": Decimal("0.00"), "shipping_share": Decimal("4.99"), "tax_class": "standard",
        "tax_rate": Decimal("0.08875"), "tax": Decimal("3.99"), "total": Decimal("48.96"),
        "allocations": [{"location": "wh-east", "quantity": 2}],
    }]
    assert data["tax_summary"] == [{"rate": Decimal("0.08875"), "taxable": Decimal("44.97"), "tax": Decimal("3.99")}]
    assert data["explanation"] is None and data["hold_reason"] is None
    # Every attribute is there, under its own name.
    public = {name for name in dir(order) if not name.startswith("_") and not callable(getattr(order, name))}
    assert set(data) == public
    # A fresh dict each time: changing it leaves the record alone.
    data["lines"].clear()
    assert len(order.to_dict()["lines"]) == 1


def test_json_dumps_with_default_str_keeps_every_digit(clocked: oms.Oms) -> None:
    order = clocked.place_order(channel="web", customer_email="ada@example.com", lines=[line(quantity=2)])
    text = json.loads(json.dumps(order.to_dict(), default=str))
    assert text["total"] == "43.53" and text["lines"][0]["tax_rate"] == "0.08875"
    assert text["created_at"] == "2026-01-01 09:30:00+00:00"


def test_every_record_serialises_pickles_copies_and_hashes(clocked: oms.Oms) -> None:
    records = every_record(clocked)
    assert None not in records
    assert len({type(record) for record in records}) == len(records)
    for record in records:
        data = record.to_dict()
        assert isinstance(data, dict) and data, type(record)
        json.dumps(data, default=str)
        for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
            again = pickle.loads(pickle.dumps(record, protocol=protocol))
            assert type(again) is type(record)
            assert again == record and hash(again) == hash(record) and again.to_dict() == data
        assert copy.copy(record) is record and copy.deepcopy(record) is record
        assert copy.deepcopy({"nested": [record]})["nested"][0] == record


def test_to_dict_of_nested_and_special_records(clocked: oms.Oms) -> None:
    order = clocked.place_order(channel="web", customer_email="ada@example.com", lines=[line()], explain=True)
    explanation = order.to_dict()["explanation"]
    assert explanation["split_policy"] == "fewest_shipments" and explanation["shipments"] == 1
    first = explanation["candidates"][0]
    assert first == {
        "strategy": "ship_from_warehouse", "location": "wh-east", "distance_km": None, "priority": 100,
        "score": first["score"], "units": 1, "passed_over": None,
    }
    assert first["score"] and all(type(part) is int for part in first["score"])
    channel = clocked.get_channel("web").to_dict()
    assert channel["tax_rates"] == {"standard": Decimal("0.08875")} and channel["locations"] == ["wh-east", "store-soho"]
    event = clocked.events_since()[0].to_dict()
    assert event == {"sequence": 1, "type": "location_upserted", "occurred_at": START,
                     "data": {"kind": "warehouse", "location": "wh-east", "region": "US-NY"}}
    page = clocked.list_products().to_dict()
    assert page == {"products": [{"sku": "TEE-M", "name": "T-shirt, medium", "tax_class": "standard",
                                  "backorderable": False, "version": 1}], "next_cursor": None}


def test_equal_records_hash_alike_and_different_ones_differ(shop: oms.Oms) -> None:
    order = shop.place_order(channel="web", customer_email="ada@example.com", lines=[line()])
    fetched = shop.get_order(order.id)
    assert fetched is not order and fetched == order and hash(fetched) == hash(order)
    assert len({order, fetched}) == 1
    held = shop.hold_order(order.id, reason="fraud review")
    assert held != order and held.status == "on_hold"
    assert len({order, held}) == 2
    assert {shop.get_location("wh-east"): "east"}[shop.get_location("wh-east")] == "east"
    assert order != order.to_dict() and order != "ord"


def test_events_are_immutable_values(shop: oms.Oms) -> None:
    event = shop.events_since()[0]
    event.data["region"] = "changed"
    assert event.data["region"] == "US-NY"
    assert event == shop.events_since()[0] and hash(event) == hash(shop.events_since()[0])
    with pytest.raises(AttributeError):
        event.sequence = 9  # type: ignore[misc]


def test_pages_iterate_and_have_a_length(shop: oms.Oms) -> None:
    placed = [shop.place_order(channel="web", customer_email="ada@example.com", lines=[line()]) for _ in range(3)]
    page = shop.list_orders(limit=2)
    assert len(page) == 2 and [order.id for order in page] == [order.id for order in placed[:2]]
    assert list(page) == page.orders and page.next_cursor is not None
    rest = shop.list_orders(after=page.next_cursor)
    assert [order.id for order in rest] == [placed[2].id] and rest.next_cursor is None
    assert [product.sku for product in shop.list_products()] == ["MUG", "TEE-M"]
    assert len(shop.list_orders(status="cancelled")) == 0 and list(shop.list_orders(status="cancelled")) == []


def test_a_corrupt_or_foreign_pickle_is_refused() -> None:
    restore = oms._oms._restore  # type: ignore[attr-defined]
    with raises(oms.InvalidInput, "invalid_input", "state"):
        restore("Order", b"not json")
    with raises(oms.InvalidInput, "invalid_input", "state"):
        restore("Order", b'{"id": "ord-1"}')
    with raises(oms.InvalidInput, "invalid_input", "kind"):
        restore("Oms", b"{}")


def test_records_cannot_be_built_or_changed_by_hand(shop: oms.Oms) -> None:
    product = shop.get_product("MUG")
    with pytest.raises(AttributeError):
        product.name = "Cup"  # type: ignore[misc]
    with pytest.raises(TypeError):
        oms.Product()  # type: ignore[call-arg]
