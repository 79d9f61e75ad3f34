"""Carrier and logistics-partner hand-off (issue 9): hand_over_shipment emits
what a partner needs, the partner's answers are idempotent on its reference,
and a channel that captures on shipment asks for each shipment's value
across the order's tenders — as a Python service calls it, bad input included."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable, Dict, List

import oms
from conftest import line, raises

Place = Callable[..., oms.Order]

ADDRESS: oms.AddressInput = {"name": "Ada Lovelace", "lines": ["12 Analytical Row"], "city": "London", "country": "gb"}


def parcel() -> oms.ParcelInput:
    return {"weight_grams": 900, "length_mm": 300, "width_mm": 200, "height_mm": 100}


def events(shop: oms.Oms, kind: str) -> List[Dict[str, Any]]:
    return [event.data for event in shop.events_since(limit=1000) if event.type == kind]


def packed(shop: oms.Oms, order: oms.Order) -> oms.Shipment:
    shipment = shop.create_shipments(order.id)[0]
    shop.start_picking(shipment.id)
    return shop.pack_shipment(shipment.id, parcels=[parcel()])


def test_a_carrier_takes_a_packed_shipment_and_answers_idempotently(shop: oms.Oms, place: Place) -> None:
    order = place(lines=[line(quantity=2)], shipping_address=ADDRESS, shipping_method="express")
    shipment = packed(shop, order)
    on_hand = shop.stock_level(sku="TEE-M", location="wh-east").on_hand
    over = shop.hand_over_shipment(shipment.id, partner=" DHL ")
    assert (over.status, over.partner) == ("handed_over", "DHL")
    assert shop.stock_level(sku="TEE-M", location="wh-east").on_hand == on_hand
    [handed] = events(shop, "shipment_handed_over")
    assert handed["partner"] == "DHL" and handed["service_level"] == "express"
    assert handed["ship_to"]["country"] == "GB" and handed["ship_from"] == "wh-east"
    assert handed["lines"] == [{"line_number": 1, "sku": "TEE-M", "quantity": 2}]
    assert len(handed["parcels"]) == 1

    shipped = shop.ship_shipment(shipment.id, carrier="DHL", tracking_number="JD1", partner_reference="evt-1")
    assert (shipped.status, shipped.shipped_reference) == ("shipped", "evt-1")
    count = len(shop.events_since(limit=1000))
    assert shop.ship_shipment(shipment.id, carrier="DHL", tracking_number="JD1", partner_reference="evt-1") == shipped
    assert len(shop.events_since(limit=1000)) == count
    assert shop.stock_level(sku="TEE-M", location="wh-east").on_hand == on_hand - 2
    with raises(oms.Rejected, "illegal_transition"):
        shop.ship_shipment(shipment.id, carrier="DHL", tracking_number="JD2", partner_reference="evt-2")
    delivered = shop.confirm_delivery(shipment.id, partner_reference="pod-1")
    assert delivered.delivered_reference == "pod-1"
    assert shop.confirm_delivery(shipment.id, partner_reference="pod-1") == delivered
    assert delivered.to_dict()["partner"] == "DHL"
    assert shop.audit().violations == []


def test_bad_hand_overs_are_refused_with_their_codes(shop: oms.Oms, place: Place) -> None:
    order = place(lines=[line()])
    shipment = shop.create_shipments(order.id)[0]
    with raises(oms.InvalidInput, "invalid_input", "partner"):
        shop.hand_over_shipment(shipment.id, partner="  ")
    with raises(oms.OmsError, "limit_exceeded", "partner"):
        shop.hand_over_shipment(shipment.id, partner="p" * 201)
    with raises(oms.InvalidInput, "invalid_input"):
        shop.hand_over_shipment(shipment.id, partner=42)  # type: ignore[arg-type]
    with raises(oms.NotFound, "shipment_not_found"):
        shop.hand_over_shipment("shp-404", partner="DHL")
    with raises(oms.NotFound, "shipment_not_found"):
        shop.ship_shipment("shp-404", carrier="DHL", tracking_number="X", partner_reference="r-1")
    with raises(oms.InvalidInput, "invalid_input", "partner_reference"):
        shop.ship_shipment(shipment.id, carrier="DHL", tracking_number="X", partner_reference=" ")
    shop.start_picking(shipment.id)
    with raises(oms.Rejected, "illegal_transition"):
        shop.hand_over_shipment(shipment.id, partner="DHL")
    assert shop.get_shipment(shipment.id).partner is None
    assert events(shop, "shipment_handed_over") == []


def test_capture_on_shipment_splits_the_value_across_tenders(shop: oms.Oms, place: Place) -> None:
    shop.upsert_channel(id="web", kind="web", currency="USD", locations=["wh-east", "store-soho"],
                        capture_on_shipment=True)
    assert shop.get_channel("web").capture_on_shipment is True
    order = place(lines=[line(quantity=3, unit_price=Decimal("10.00"))])
    gift = shop.authorize_payment(order.id, kind="gift_card", amount=Decimal("10.00"), gateway_reference="gc-1")
    card = shop.authorize_payment(order.id, kind="card", amount=Decimal("20.00"), gateway_reference="ch-1")
    shipment = packed(shop, order)
    shop.ship_shipment(shipment.id, carrier="UPS", tracking_number="1Z")
    [asked] = events(shop, "capture_requested")
    request = asked["request"]
    assert Decimal(request["amount"]["amount"]) == Decimal("30.00")
    tenders = {t["payment_id"]: Decimal(t["amount"]["amount"]) for t in request["tenders"]}
    assert tenders == {gift.id: Decimal("10.00"), card.id: Decimal("20.00")}
    assert Decimal(request["uncovered"]["amount"]) == 0
