"""Shipments (issue 9): create_shipments, start_picking, pack_shipment,
ship_shipment, confirm_delivery, cancel_shipment, get_shipment,
list_shipments — the life cycle as a user drives it, and bad input."""

from __future__ import annotations

import pickle
from typing import Any, Callable, Dict, List

import pytest

import oms
from conftest import line, raises

Place = Callable[..., oms.Order]


def parcel(**overrides: Any) -> Dict[str, Any]:
    value: Dict[str, Any] = {"weight_grams": 1200, "length_mm": 300, "width_mm": 200, "height_mm": 100}
    value.update(overrides)
    return value


def test_a_shipment_is_picked_packed_shipped_and_delivered(shop: oms.Oms, place: Place) -> None:
    order = place(lines=[line(quantity=2)])
    shipments = shop.create_shipments(order.id)
    assert [s.location for s in shipments] == ["wh-east"]
    shipment = shipments[0]
    assert (shipment.status, shipment.order_id, shipment.carrier) == ("pending", order.id, None)
    assert [(l.line_number, l.sku, l.quantity) for l in shipment.lines] == [(1, "TEE-M", 2)]
    assert shop.create_shipments(order.id) == []
    assert shop.start_picking(shipment.id).status == "picking"
    packed_parcel: oms.ParcelInput = {"weight_grams": 900, "length_mm": 250, "width_mm": 150, "height_mm": 80}
    packed = shop.pack_shipment(shipment.id, parcels=[packed_parcel])
    assert [(p.weight_grams, p.height_mm) for p in packed.parcels] == [(900, 80)]
    on_hand = shop.stock_level(sku="TEE-M", location="wh-east").on_hand
    shipped = shop.ship_shipment(shipment.id, carrier="UPS", tracking_number="1Z999")
    assert (shipped.status, shipped.carrier, shipped.tracking_number) == ("shipped", "UPS", "1Z999")
    assert shop.stock_level(sku="TEE-M", location="wh-east").on_hand == on_hand - 2
    assert shop.movements(sku="TEE-M", location="wh-east")[-1].reason == "shipment"
    assert shop.get_order(order.id).status == "shipped"
    delivered = shop.confirm_delivery(shipment.id, idempotency_key="delivery-1")
    assert delivered.status == "delivered"
    assert shop.confirm_delivery(shipment.id, idempotency_key="delivery-1") == delivered
    after = shop.get_order(order.id)
    assert after.status == "delivered" and after.lines[0].delivered == 2
    assert shop.get_shipment(shipment.id) == delivered
    assert shop.list_shipments(order.id) == [delivered]
    assert pickle.loads(pickle.dumps(delivered)) == delivered
    assert delivered.to_dict()["parcels"][0]["weight_grams"] == 900
    assert shop.audit().violations == []
    assert shop.verify_replay().mismatches == []


def test_cancel_gives_the_units_to_the_next_shipment(shop: oms.Oms, place: Place) -> None:
    order = place(lines=[line(quantity=3)])
    first = shop.create_shipments(order.id)[0]
    assert shop.cancel_shipment(first.id).status == "cancelled"
    again: List[oms.Shipment] = shop.create_shipments(order.id)
    assert [s.lines[0].quantity for s in again] == [3]


@pytest.mark.parametrize(
    "parcels, code, field",
    [
        ([], "invalid_input", "parcels"),
        ([parcel(weight_grams=0)], "invalid_input", "parcels[0].weight_grams"),
        ([parcel(), parcel(height_mm=10_001)], "limit_exceeded", "parcels[1].height_mm"),
        ([parcel(length_mm=1.5)], "invalid_input", "parcels[0].length_mm"),
        ([parcel(width_mm="20")], "invalid_input", "parcels[0].width_mm"),
        ([parcel(weight_grams=2**70)], "limit_exceeded", "parcels[0].weight_grams"),
        ([{"weight_grams": 1}], "invalid_input", "parcels[0].length_mm"),
        ("box", "invalid_input", "parcels"),
        ([parcel()] * 101, "limit_exceeded", "parcels"),
    ],
)
def test_bad_parcels_are_refused(shop: oms.Oms, place: Place, parcels: Any, code: str, field: str) -> None:
    shipment = shop.create_shipments(place().id)[0]
    shop.start_picking(shipment.id)
    exception = oms.InvalidInput if code == "invalid_input" else oms.OmsError
    with raises(exception, code, field):
        shop.pack_shipment(shipment.id, parcels=parcels)
    assert shop.get_shipment(shipment.id).status == "picking"


def test_steps_out_of_order_and_unknown_ids(shop: oms.Oms, place: Place) -> None:
    shipment = shop.create_shipments(place().id)[0]
    with raises(oms.Rejected, "illegal_transition"):
        shop.ship_shipment(shipment.id, carrier="UPS", tracking_number="1Z")
    with raises(oms.Rejected, "illegal_transition"):
        shop.confirm_delivery(shipment.id)
    with raises(oms.NotFound, "shipment_not_found"):
        shop.start_picking("shp-404")
    with raises(oms.NotFound, "order_not_found"):
        shop.create_shipments("ord-404")
    with raises(oms.InvalidInput, "invalid_identifier", "shipment_id"):
        shop.get_shipment("")
    shop.start_picking(shipment.id)
    shop.pack_shipment(shipment.id, parcels=[parcel()])
    with raises(oms.InvalidInput, "invalid_input", "carrier"):
        shop.ship_shipment(shipment.id, carrier="  ", tracking_number="1Z")
    with raises(oms.InvalidInput, "invalid_input", "tracking_number"):
        shop.ship_shipment(shipment.id, carrier="UPS", tracking_number=None)  # type: ignore[arg-type]
    assert shop.get_shipment(shipment.id).status == "packed"


def test_pick_list(shop: oms.Oms, place: Place) -> None:
    first = shop.create_shipments(place(lines=[line(quantity=2), line(sku="MUG", quantity=1)]).id)[0]
    second = shop.create_shipments(place(lines=[line(quantity=3)]).id)[0]
    picks = shop.pick_list("wh-east")
    assert [(l.sku, l.quantity, l.shipments) for l in picks.lines] == [
        ("MUG", 1, [first.id]),
        ("TEE-M", 5, [first.id, second.id]),
    ]
    assert picks.shipments == [first.id, second.id]
    assert picks.to_dict()["lines"][1]["quantity"] == 5
    assert pickle.loads(pickle.dumps(picks)) == picks
    with raises(oms.NotFound, "location_not_found"):
        shop.pick_list("nowhere")
    with raises(oms.InvalidInput, "invalid_identifier", "location"):
        shop.pick_list("")


def test_a_channel_that_requires_payment_ships_only_paid_orders(shop: oms.Oms, place: Place) -> None:
    web = shop.get_channel("web")
    assert web.require_payment_before_shipping is False
    shop.upsert_channel(id="web", kind="web", currency="USD", locations=web.locations,
                        require_payment_before_shipping=True)
    order = place()
    shipment = shop.create_shipments(order.id)[0]
    shop.start_picking(shipment.id)
    shop.pack_shipment(shipment.id, parcels=[parcel()])
    with raises(oms.Rejected, "payment_required", "shipment_id"):
        shop.ship_shipment(shipment.id, carrier="UPS", tracking_number="1Z")
    card = shop.authorize_payment(order.id, kind="card", amount=order.total, gateway_reference="auth_1")
    shop.capture_payment(card.id, amount=order.total, gateway_reference="cap_1")
    assert shop.ship_shipment(shipment.id, carrier="UPS", tracking_number="1Z").status == "shipped"
