"""place_order, get_order, list_orders, cancel_order, cancel_lines, hold_order,
release_hold, order_status_counts: happy paths and bad input."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Callable

import pytest

import oms
from conftest import line, raises

Place = Callable[..., oms.Order]


def test_place_order_prices_and_allocates(shop: oms.Oms, place: Place) -> None:
    order = place(
        lines=[line(quantity=2), line(sku="MUG", unit_price=Decimal("8"), discount=Decimal("1.50"))],
        order_discount=Decimal("2"),
        shipping=Decimal("4.99"),
        currency="USD",
        customer_email="Ada@Example.com",
    )
    assert order.id.startswith("ord-") and order.status == "allocated"
    assert order.customer_email == "ada@example.com"
    assert (order.channel, order.currency, order.prices_include_tax, order.version) == ("web", "USD", False, 1)
    assert order.subtotal == Decimal("47.98")
    assert order.discount_total == Decimal("3.50")
    assert order.shipping_total == Decimal("4.99")
    assert order.tax_total == Decimal("0")
    assert order.total == Decimal("49.47")
    assert sum((l.total for l in order.lines), Decimal(0)) == order.total
    first, second = order.lines
    assert (first.line_number, first.sku, first.quantity, first.allocated, first.unit_price) == (1, "TEE-M", 2, 2, Decimal("19.99"))
    assert (first.cancelled, first.backordered, first.shipped, first.returned) == (0, 0, 0, 0)
    assert [(a.location, a.quantity) for a in first.allocations] == [("wh-east", 2)]
    assert second.discount == Decimal("1.50")
    assert sum((l.order_discount_share for l in order.lines), Decimal(0)) == Decimal("2.00")
    assert sum((l.shipping_share for l in order.lines), Decimal(0)) == Decimal("4.99")
    assert isinstance(order.total, Decimal) and isinstance(order.created_at, datetime)
    assert order.created_at.tzinfo is not None and order.updated_at >= order.created_at
    assert order.hold_reason is None and order.cancel_reason is None
    assert shop.available(sku="TEE-M", channel="web") == 8
    assert "ord-" in repr(order)


def test_place_order_with_tax() -> None:
    shop = oms.Oms.in_memory()
    shop.upsert_location(id="wh", kind="warehouse", region="FR")
    shop.upsert_channel(id="fr", kind="web", currency="EUR", locations=["wh"], prices_include_tax=True,
                        tax_rates={"standard": Decimal("0.2")})
    shop.upsert_product(sku="BAG", name="Bag")
    shop.receive_stock(sku="BAG", location="wh", quantity=3)
    order = shop.place_order(channel="fr", customer_email="a@b.fr", lines=[line(sku="BAG", unit_price=Decimal("12"))])
    assert order.prices_include_tax and order.total == Decimal("12.00") and order.tax_total == Decimal("2.00")
    assert [(s.rate, s.taxable, s.tax) for s in order.tax_summary] == [(Decimal("0.2"), Decimal("10.00"), Decimal("2.00"))]
    assert order.lines[0].tax_class == "standard" and order.lines[0].tax_rate == Decimal("0.2")


def test_money_may_be_an_int(place: Place) -> None:
    assert place(lines=[line(unit_price=5)], shipping=1).total == Decimal("6.00")


@pytest.mark.parametrize(
    "lines, exception, code, field",
    [
        ([line(quantity=0)], oms.InvalidInput, "invalid_quantity", "lines[0].quantity"),
        ([line(quantity=-1)], oms.InvalidInput, "invalid_quantity", "lines[0].quantity"),
        ([line(quantity=True)], oms.InvalidInput, "invalid_input", "lines[0].quantity"),
        ([line(quantity=1.0)], oms.InvalidInput, "invalid_input", "lines[0].quantity"),
        ([line(), line(quantity=False)], oms.InvalidInput, "invalid_input", "lines[1].quantity"),
        ([line(unit_price=19.99)], oms.InvalidInput, "invalid_input", "lines[0].unit_price"),
        ([line(unit_price="19.99")], oms.InvalidInput, "invalid_input", "lines[0].unit_price"),
        ([line(unit_price=True)], oms.InvalidInput, "invalid_input", "lines[0].unit_price"),
        ([line(unit_price=Decimal("19.999"))], oms.InvalidInput, "invalid_amount", "lines[0].unit_price"),
        ([line(unit_price=Decimal("NaN"))], oms.InvalidInput, "invalid_amount", "lines[0].unit_price"),
        ([line(unit_price=Decimal("sNaN"))], oms.InvalidInput, "invalid_amount", "lines[0].unit_price"),
        ([line(unit_price=Decimal("Infinity"))], oms.InvalidInput, "invalid_amount", "lines[0].unit_price"),
        ([line(unit_price=Decimal("-1"))], oms.InvalidInput, "invalid_amount", "lines[0].unit_price"),
        ([line(unit_price=Decimal("1e40"))], oms.InvalidInput, "invalid_amount", "lines[0].unit_price"),
        ([line(unit_price=10**40)], oms.InvalidInput, "invalid_amount", "lines[0].unit_price"),
        ([line(discount=0.5)], oms.InvalidInput, "invalid_input", "lines[0].discount"),
        ([line(discount=Decimal("0.001"))], oms.InvalidInput, "invalid_amount", "lines[0].discount"),
        ([line(sku="")], oms.InvalidInput, "invalid_identifier", "lines[0].sku"),
        ([line(sku="S" * 65)], oms.InvalidInput, "invalid_identifier", "lines[0].sku"),
        ([line(sku="NOPE")], oms.NotFound, "product_not_found", None),
        ([line(colour="red")], oms.InvalidInput, "invalid_input", "lines[0].colour"),
        ([{"sku": "TEE-M", "quantity": 1}], oms.InvalidInput, "invalid_input", "lines[0].unit_price"),
        ([{"quantity": 1, "unit_price": Decimal(1)}], oms.InvalidInput, "invalid_input", "lines[0].sku"),
        (["TEE-M"], oms.InvalidInput, "invalid_input", "lines[0]"),
        ({"sku": "TEE-M"}, oms.InvalidInput, "invalid_input", "lines"),
        ("TEE-M", oms.InvalidInput, "invalid_input", "lines"),
        ([], oms.InvalidInput, "invalid_input", "lines"),
        ([line()] * 251, oms.InvalidInput, "limit_exceeded", "lines"),
    ],
)
def test_place_order_bad_lines_leave_no_trace(
    shop: oms.Oms, place: Place, lines: Any, exception: type, code: str, field: str
) -> None:
    events = len(shop.events_since(limit=1000))
    with raises(exception, code, field):
        place(lines=lines)
    assert len(shop.events_since(limit=1000)) == events
    assert shop.available(sku="TEE-M", channel="web") == 10


@pytest.mark.parametrize(
    "overrides, exception, code, field",
    [
        ({"currency": "EUR"}, oms.InvalidInput, "currency_mismatch", "currency"),
        ({"currency": "EURO"}, oms.InvalidInput, "unknown_currency", "currency"),
        ({"channel": "nope"}, oms.NotFound, "channel_not_found", None),
        ({"channel": ""}, oms.InvalidInput, "invalid_identifier", "channel"),
        ({"customer_email": "nobody"}, oms.InvalidInput, "invalid_input", "customer_email"),
        ({"customer_email": ""}, oms.InvalidInput, "invalid_input", "customer_email"),
        ({"customer_email": "a" * 300 + "@x.io"}, oms.InvalidInput, "limit_exceeded", "customer_email"),
        ({"shipping": 4.99}, oms.InvalidInput, "invalid_input", "shipping"),
        ({"shipping": Decimal("NaN")}, oms.InvalidInput, "invalid_amount", "shipping"),
        ({"order_discount": Decimal("0.001")}, oms.InvalidInput, "invalid_amount", "order_discount"),
        ({"order_discount": -1}, oms.InvalidInput, "invalid_amount", "order_discount"),
        ({"idempotency_key": ""}, oms.InvalidInput, "invalid_identifier", "idempotency_key"),
        ({"idempotency_key": "has space"}, oms.InvalidInput, "invalid_identifier", "idempotency_key"),
        ({"lines": [line(quantity=11)]}, oms.Rejected, "insufficient_stock", None),
    ],
)
def test_place_order_bad_input_leaves_no_trace(
    shop: oms.Oms, place: Place, overrides: dict, exception: type, code: str, field: str
) -> None:
    events = len(shop.events_since(limit=1000))
    with raises(exception, code, field):
        place(**overrides)
    assert len(shop.events_since(limit=1000)) == events
    assert shop.available(sku="TEE-M", channel="web") == 10
    assert shop.list_orders().orders == []


def test_insufficient_stock_leaves_nothing_written(shop: oms.Oms, place: Place) -> None:
    level = shop.stock_level(sku="TEE-M", location="wh-east")
    events = shop.events_since(limit=1000)
    with raises(oms.Rejected, "insufficient_stock"):
        place(lines=[line(sku="MUG"), line(quantity=11)])
    assert shop.stock_level(sku="TEE-M", location="wh-east") == level
    assert shop.available(sku="MUG", channel="web") == 10
    assert len(shop.events_since(limit=1000)) == len(events)
    assert shop.audit().violations == []


def test_idempotent_place_order(shop: oms.Oms, place: Place) -> None:
    first = place(idempotency_key="checkout-1", lines=[line(quantity=2)])
    again = place(idempotency_key="checkout-1", lines=[line(quantity=2)])
    assert again.id == first.id and again == first
    assert shop.available(sku="TEE-M", channel="web") == 8
    with raises(oms.Rejected, "idempotency_key_reused"):
        place(idempotency_key="checkout-1", lines=[line(quantity=3)])
    assert len(shop.list_orders().orders) == 1


def test_get_order(shop: oms.Oms, place: Place) -> None:
    order = place()
    assert shop.get_order(order.id) == order
    assert shop.get_order(order_id=order.id).id == order.id
    with raises(oms.NotFound, "order_not_found"):
        shop.get_order("ord-9999999999")
    with raises(oms.InvalidInput, "invalid_identifier", "order_id"):
        shop.get_order("")
    with raises(oms.InvalidInput, "invalid_input", "order_id"):
        shop.get_order(42)


def test_list_orders_pages_and_filters(shop: oms.Oms, place: Place) -> None:
    ids = [place(customer_email=f"c{i % 2}@example.com").id for i in range(5)]
    first = shop.list_orders(limit=2)
    assert [o.id for o in first.orders] == ids[:2] and first.next_cursor is not None
    second = shop.list_orders(limit=2, after=first.next_cursor)
    assert [o.id for o in second.orders] == ids[2:4]
    third = shop.list_orders(limit=2, after=second.next_cursor)
    assert [o.id for o in third.orders] == ids[4:] and third.next_cursor is None
    assert [o.id for o in shop.list_orders(customer_email="C1@example.com").orders] == [ids[1], ids[3]]
    assert len(shop.list_orders(channel="web", status="allocated").orders) == 5
    assert shop.list_orders(status="cancelled").orders == []
    assert len(shop.list_orders()) == 5


@pytest.mark.parametrize(
    "arguments, code, field",
    [
        ({"status": "lost"}, "invalid_input", "status"),
        ({"limit": 0}, "invalid_input", "limit"),
        ({"limit": -1}, "invalid_input", "limit"),
        ({"limit": 5000}, "limit_exceeded", "limit"),
        ({"limit": True}, "invalid_input", "limit"),
        ({"after": "not-a-cursor"}, "invalid_input", "after"),
        ({"after": 3}, "invalid_input", "after"),
        ({"channel": ""}, "invalid_identifier", "channel"),
        ({"customer_email": "nobody"}, "invalid_input", "customer_email"),
    ],
)
def test_list_orders_bad_input(shop: oms.Oms, arguments: dict, code: str, field: str) -> None:
    with raises(oms.InvalidInput, code, field):
        shop.list_orders(**arguments)


def test_cancel_order_releases_stock(shop: oms.Oms, place: Place) -> None:
    order = place(lines=[line(quantity=3)])
    cancelled = shop.cancel_order(order.id, reason="customer asked", idempotency_key="cancel-1")
    assert cancelled.status == "cancelled" and cancelled.cancel_reason == "customer asked"
    assert cancelled.lines[0].cancelled == 3 and cancelled.lines[0].allocated == 0
    assert shop.available(sku="TEE-M", channel="web") == 10
    assert shop.cancel_order(order.id, reason="customer asked", idempotency_key="cancel-1") == cancelled
    with raises(oms.Rejected, "illegal_transition"):
        shop.cancel_order(order.id)
    with raises(oms.NotFound, "order_not_found"):
        shop.cancel_order("ord-0000000404")
    with raises(oms.InvalidInput, "invalid_input", "reason"):
        shop.cancel_order(place().id, reason="")


def test_cancel_lines(shop: oms.Oms, place: Place) -> None:
    order = place(lines=[line(quantity=3), line(sku="MUG", quantity=2)])
    partly = shop.cancel_lines(order.id, lines=[{"line_number": 1, "quantity": 2}])
    assert (partly.lines[0].cancelled, partly.lines[0].allocated) == (2, 1)
    assert partly.status == "allocated"
    assert shop.available(sku="TEE-M", channel="web") == 9
    same = shop.cancel_lines(order.id, lines=[{"line_number": 2, "quantity": 2}], idempotency_key="cl-1")
    assert shop.cancel_lines(order.id, lines=[{"line_number": 2, "quantity": 2}], idempotency_key="cl-1") == same
    assert shop.available(sku="MUG", channel="web") == 10


@pytest.mark.parametrize(
    "lines, exception, code, field",
    [
        ([{"line_number": 1, "quantity": 0}], oms.InvalidInput, "invalid_quantity", "lines[0].quantity"),
        ([{"line_number": 1, "quantity": True}], oms.InvalidInput, "invalid_input", "lines[0].quantity"),
        ([{"line_number": 1, "quantity": 4}], oms.InvalidInput, "invalid_quantity", "lines[0].quantity"),
        ([{"line_number": 1.0, "quantity": 1}], oms.InvalidInput, "invalid_input", "lines[0].line_number"),
        ([{"line_number": -1, "quantity": 1}], oms.InvalidInput, "invalid_input", "lines[0].line_number"),
        ([{"line_number": 9, "quantity": 1}], oms.NotFound, "order_line_not_found", None),
        ([{"line_number": 1, "quantity": 1, "why": "x"}], oms.InvalidInput, "invalid_input", "lines[0].why"),
        ([{"line_number": 1}], oms.InvalidInput, "invalid_input", "lines[0].quantity"),
        ([], oms.InvalidInput, "invalid_input", "lines"),
        ([{"line_number": 1, "quantity": 1}] * 2, oms.InvalidInput, "invalid_input", "lines[1].line_number"),
        (None, oms.InvalidInput, "invalid_input", "lines"),
    ],
)
def test_cancel_lines_bad_input(
    shop: oms.Oms, place: Place, lines: Any, exception: type, code: str, field: str
) -> None:
    order = place(lines=[line(quantity=3)])
    events = len(shop.events_since(limit=1000))
    with raises(exception, code, field):
        shop.cancel_lines(order.id, lines=lines)
    assert len(shop.events_since(limit=1000)) == events
    assert shop.get_order(order.id) == order


def test_hold_and_release(shop: oms.Oms, place: Place) -> None:
    order = place()
    with raises(oms.Rejected, "illegal_transition"):
        shop.release_hold(order.id)
    held = shop.hold_order(order.id, reason="fraud review", idempotency_key="hold-1")
    assert held.status == "on_hold" and held.hold_reason == "fraud review"
    assert shop.hold_order(order.id, reason="fraud review", idempotency_key="hold-1") == held
    with raises(oms.Rejected, "illegal_transition"):
        shop.hold_order(order.id, reason="again")
    released = shop.release_hold(order.id, idempotency_key="release-1")
    assert released.status == "allocated" and released.hold_reason is None
    with raises(oms.InvalidInput, "invalid_input", "reason"):
        shop.hold_order(order.id, reason="")
    with raises(oms.InvalidInput, "limit_exceeded", "reason"):
        shop.hold_order(order.id, reason="r" * 201)
    with raises(oms.NotFound, "order_not_found"):
        shop.hold_order("ord-0000000404", reason="x")
    with raises(oms.NotFound, "order_not_found"):
        shop.release_hold("ord-0000000404")
    shop.cancel_order(order.id)
    with raises(oms.Rejected, "illegal_transition"):
        shop.hold_order(order.id, reason="too late")


def test_order_status_counts(shop: oms.Oms, place: Place) -> None:
    assert shop.order_status_counts() == {}
    place()
    shop.cancel_order(place().id)
    shop.hold_order(place().id, reason="check")
    counts = shop.order_status_counts()
    assert counts == {"allocated": 1, "cancelled": 1, "on_hold": 1}
    assert all(isinstance(count, int) for count in counts.values())
