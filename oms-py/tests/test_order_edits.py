"""Order edits (issue 9) from Python: edit_order adds lines, changes
quantities, removes lines and changes the shipping address or method until
the lines it touches are picked; the order is reallocated and repriced, the
payment difference shows in order_payments; bad input is refused with its
code and field and leaves nothing behind."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any, Callable, Dict, List

import pytest

import oms
from conftest import line, raises

Place = Callable[..., oms.Order]


def footprint(shop: oms.Oms, order_id: str) -> tuple[Any, ...]:
    """What a refused edit must leave as it was."""
    levels = [(level.sku, level.location, level.on_hand, level.allocated) for level in shop.stock_levels()]
    return shop.get_order(order_id), levels, len(shop.events_since(limit=1000))


def test_an_edit_adds_changes_and_removes_lines(shop: oms.Oms, place: Place) -> None:
    order = place(lines=[line(quantity=2, unit_price=Decimal("10.00")), line("MUG", quantity=1, unit_price=8)])
    edited = shop.edit_order(
        order.id,
        add_lines=[line("MUG", quantity=2, unit_price=Decimal("7.50"))],
        change_lines=[{"line_number": 1, "quantity": 5}],
        remove_lines=[2],
    )
    assert [(l.line_number, l.sku, l.quantity, l.allocated) for l in edited.lines] == [
        (1, "TEE-M", 5, 5),
        (3, "MUG", 2, 2),
    ]
    assert edited.removed_lines == [2]
    assert edited.total == Decimal("65.00")
    assert edited.status == "allocated"
    assert shop.stock_level(sku="TEE-M", location="wh-east").allocated == 5
    assert shop.stock_level(sku="MUG", location="wh-east").allocated == 2
    assert shop.units_sold(sku="MUG", channel="web") == 2
    event = [e for e in shop.events_since(limit=1000) if e.type == "order_edited"][-1]
    assert (event.data["previous_total"]["amount"], event.data["difference"]["amount"]) == ("28.00", "37.00")
    assert shop.audit().violations == []
    assert shop.verify_replay().mismatches == []


def test_lowering_a_quantity_releases_units(shop: oms.Oms, place: Place) -> None:
    order = place(lines=[line(quantity=6)])
    lowered = shop.edit_order(order.id, change_lines=[{"line_number": 1, "quantity": 2}])
    assert (lowered.lines[0].quantity, lowered.lines[0].allocated) == (2, 2)
    assert shop.stock_level(sku="TEE-M", location="wh-east").allocated == 2


def test_the_address_and_method_are_normalised(shop: oms.Oms, place: Place) -> None:
    order = place()
    address: oms.AddressInput = {"name": " Ada ", "lines": ["1 Main St"], "city": "Springfield", "country": "us"}
    edited = shop.edit_order(order.id, shipping_address=address, shipping_method=" express ")
    assert edited.shipping_address is not None
    assert (edited.shipping_address.name, edited.shipping_address.country) == ("Ada", "US")
    assert edited.shipping_method == "express"
    assert edited.total == order.total


def test_a_pending_shipment_is_cancelled_and_a_picked_line_refused(shop: oms.Oms, place: Place) -> None:
    order = place(lines=[line(quantity=2), line("MUG", quantity=1, unit_price=8)])
    pending = shop.create_shipments(order.id)[0]
    shop.edit_order(order.id, change_lines=[{"line_number": 1, "quantity": 3}])
    assert shop.get_shipment(pending.id).status == "cancelled"
    again = shop.create_shipments(order.id)[0]
    shop.start_picking(again.id)
    before = footprint(shop, order.id)
    with raises(oms.Rejected, "line_picked", "change_lines[0].line_number") as info:
        shop.edit_order(order.id, change_lines=[{"line_number": 1, "quantity": 1}])
    assert info.value.details == {"line": 1, "shipment": again.id}
    with raises(oms.Rejected, "line_picked", "shipping_address"):
        shop.edit_order(order.id, shipping_address={"name": "A", "lines": ["B"], "city": "C", "country": "US"})
    assert footprint(shop, order.id) == before


def test_the_payment_difference_shows_in_order_payments(shop: oms.Oms, place: Place) -> None:
    order = place(lines=[line(quantity=2, unit_price=Decimal("10.00"))])
    payment = shop.authorize_payment(order.id, kind="card", amount=Decimal("20.00"), gateway_reference="auth-1")
    shop.capture_payment(payment.id, amount=Decimal("20.00"), gateway_reference="cap-1")
    assert shop.order_payments(order.id).status == "paid"
    shop.edit_order(order.id, change_lines=[{"line_number": 1, "quantity": 3}])
    owed = shop.order_payments(order.id)
    assert (owed.status, owed.balance) == ("partially_paid", Decimal("10.00"))
    shop.edit_order(order.id, change_lines=[{"line_number": 1, "quantity": 1}])
    refund = shop.order_payments(order.id)
    assert (refund.status, refund.balance) == ("overpaid", Decimal("-10.00"))


def test_an_idempotency_key_runs_an_edit_once(shop: oms.Oms, place: Place) -> None:
    order = place()
    first = shop.edit_order(order.id, change_lines=[{"line_number": 1, "quantity": 2}], idempotency_key="edit-1")
    again = shop.edit_order(order.id, change_lines=[{"line_number": 1, "quantity": 2}], idempotency_key="edit-1")
    assert again == first
    with raises(oms.Rejected, "idempotency_key_reused"):
        shop.edit_order(order.id, change_lines=[{"line_number": 1, "quantity": 3}], idempotency_key="edit-1")


def test_an_edit_is_a_coroutine_of_async_oms(shop: oms.Oms, place: Place) -> None:
    order = place()

    async def edit() -> oms.Order:
        return await oms.AsyncOms(shop).edit_order(order.id, add_lines=[line("MUG", quantity=1, unit_price=3)])

    edited = asyncio.run(edit())
    assert [l.sku for l in edited.lines] == ["TEE-M", "MUG"]


@pytest.mark.parametrize(
    "arguments, exception, code, field",
    [
        ({}, oms.InvalidInput, "invalid_input", "add_lines"),
        ({"change_lines": [{"line_number": 9, "quantity": 1}]}, oms.NotFound, "order_line_not_found", None),
        ({"remove_lines": [9]}, oms.NotFound, "order_line_not_found", None),
        ({"change_lines": [{"line_number": 1, "quantity": 0}]}, oms.InvalidInput, "invalid_quantity",
         "change_lines[0].quantity"),
        ({"change_lines": [{"line_number": 1, "quantity": -2}]}, oms.InvalidInput, "invalid_quantity",
         "change_lines[0].quantity"),
        ({"change_lines": [{"line_number": 1, "quantity": 1.0}]}, oms.InvalidInput, "invalid_input",
         "change_lines[0].quantity"),
        ({"change_lines": [{"line_number": 1, "quantity": 1}]}, oms.InvalidInput, "invalid_input",
         "change_lines[0].quantity"),
        ({"change_lines": [{"line_number": 1, "quantity": 2}, {"line_number": 1, "quantity": 3}]},
         oms.InvalidInput, "invalid_input", "change_lines[1].line_number"),
        ({"change_lines": [{"line_number": 1, "quantity": 2}], "remove_lines": [1]}, oms.InvalidInput,
         "invalid_input", "remove_lines[0]"),
        ({"change_lines": [{"line_number": 1}]}, oms.InvalidInput, "invalid_input", "change_lines[0].quantity"),
        ({"remove_lines": ["1"]}, oms.InvalidInput, "invalid_input", "remove_lines[0]"),
        ({"remove_lines": [1]}, oms.InvalidInput, "invalid_input", "remove_lines"),
        ({"add_lines": [line(unit_price=19.99)]}, oms.InvalidInput, "invalid_input", "add_lines[0].unit_price"),
        ({"add_lines": [line(discount=0.5)]}, oms.InvalidInput, "invalid_input", "add_lines[0].discount"),
        ({"add_lines": [line(unit_price=Decimal("1.001"))]}, oms.InvalidInput, "invalid_amount",
         "add_lines[0].unit_price"),
        ({"add_lines": [line(quantity=11)]}, oms.Rejected, "insufficient_stock", None),
        ({"add_lines": [line(sku="NOPE")]}, oms.NotFound, "product_not_found", None),
        ({"add_lines": [line()] * 251}, oms.InvalidInput, "limit_exceeded", "add_lines"),
        ({"shipping_address": {"name": "A", "lines": ["B"], "city": "C", "country": "XX"}}, oms.InvalidInput,
         "invalid_input", "shipping_address.country"),
        ({"shipping_method": ""}, oms.InvalidInput, "invalid_input", "shipping_method"),
    ],
)
def test_bad_edits_are_refused_and_change_nothing(
    shop: oms.Oms, place: Place, arguments: Dict[str, Any], exception: type, code: str, field: str | None
) -> None:
    order = place()
    before = footprint(shop, order.id)
    with raises(exception, code, field):
        shop.edit_order(order.id, **arguments)
    assert footprint(shop, order.id) == before


def test_edits_of_unknown_or_closed_orders_are_refused(shop: oms.Oms, place: Place) -> None:
    changes: List[oms.LineChangeInput] = [{"line_number": 1, "quantity": 2}]
    with raises(oms.NotFound, "order_not_found"):
        shop.edit_order("ord-404", change_lines=changes)
    with raises(oms.InvalidInput, "invalid_identifier", "order_id"):
        shop.edit_order("", change_lines=changes)
    order = place()
    shop.cancel_order(order.id)
    with raises(oms.Rejected, "illegal_transition") as info:
        shop.edit_order(order.id, change_lines=changes)
    assert info.value.details == {"action": "edit", "from": "cancelled"}
