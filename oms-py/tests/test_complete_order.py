"""complete_order (issue 9): a delivered or collected order is closed and
becomes `completed`; anything else is refused, and so is an order whose
recorded payments are not captured."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from typing import Callable

import oms
from conftest import line, raises, stock_shop

Place = Callable[..., oms.Order]
START = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)


def deliver(shop: oms.Oms, order: oms.Order) -> None:
    for shipment in shop.create_shipments(order.id):
        shop.start_picking(shipment.id)
        shop.pack_shipment(shipment.id, parcels=[{"weight_grams": 500, "length_mm": 200, "width_mm": 150,
                                                  "height_mm": 100}])
        shop.ship_shipment(shipment.id, carrier="UPS", tracking_number=f"1Z-{shipment.id}")
        shop.confirm_delivery(shipment.id)


def test_a_delivered_order_is_completed_once() -> None:
    shop = stock_shop(oms.Oms.in_memory(clock=oms.ManualClock(START)))
    order = shop.place_order(channel="web", customer_email="ada@example.com", lines=[oms.OrderLineInput(sku="TEE-M", quantity=2, unit_price=Decimal("19.99"))])
    assert order.completed_at is None
    deliver(shop, order)
    assert shop.get_order(order.id).status == "delivered"
    completed = shop.complete_order(order.id, idempotency_key="close-1")
    assert (completed.status, completed.completed_at) == ("completed", START)
    assert completed.to_dict()["completed_at"] == START
    assert shop.complete_order(order.id, idempotency_key="close-1") == completed, "a retry returns the same order"
    with raises(oms.Rejected, "illegal_transition"):
        shop.complete_order(order.id)
    with raises(oms.Rejected, "illegal_transition"):
        shop.cancel_order(order.id)
    assert shop.events_since(0)[-2].type == "order_completed"
    assert shop.audit().violations == []
    assert shop.verify_replay().mismatches == []


def test_only_an_order_that_reached_its_customer_completes(shop: oms.Oms, place: Place) -> None:
    order = place(lines=[line(quantity=1)])
    with raises(oms.Rejected, "illegal_transition") as refused:
        shop.complete_order(order.id)
    assert "allocated" in str(refused.value)
    assert shop.get_order(order.id) == order, "the refusal changed nothing"
    with raises(oms.NotFound, "order_not_found"):
        shop.complete_order("ord-404")
    with raises(oms.InvalidInput, "invalid_identifier", "order_id"):
        shop.complete_order("")
    with raises(oms.InvalidInput, "invalid_input", "order_id"):
        shop.complete_order(42)  # type: ignore[arg-type]


def test_recorded_payments_must_be_captured_first(shop: oms.Oms, place: Place) -> None:
    order = place(lines=[line(quantity=1)])
    card = shop.authorize_payment(order.id, kind="card", amount=order.total, gateway_reference="auth-1")
    deliver(shop, order)
    with raises(oms.Rejected, "payment_required", "order_id") as refused:
        shop.complete_order(order.id)
    assert refused.value.details == {"order": order.id, "status": "authorized"}
    shop.capture_payment(card.id, amount=order.total - Decimal("0.01"), gateway_reference="cap-1")
    with raises(oms.Rejected, "payment_required", "order_id"):
        shop.complete_order(order.id)
    shop.capture_payment(card.id, amount=Decimal("0.01"), gateway_reference="cap-2")
    assert shop.complete_order(order.id).status == "completed"
