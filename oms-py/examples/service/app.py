"""The HTTP routes of the order service: one ``oms.Oms`` behind FastAPI.

Every route is a plain ``def``: FastAPI runs it on its worker thread pool, so
requests are served concurrently by many threads sharing the one ``Oms``
(safe to share; each call releases the GIL while the library works, and the
store serialises what must be serialised: two checkouts racing for the last
unit never both get it). Records go out as ``to_dict()`` gives them, which
FastAPI writes as JSON with amounts as decimal strings (``"39.98"``) and times
in ISO 8601. Amounts come in as JSON strings, never numbers, so no float ever
touches money.

Errors: an ``OmsError`` becomes the status of its category (or code) in
``docs/http-statuses.json`` with ``{code, category, field, message, details}``;
a body that is not JSON, or not the shape a route takes, is answered the same
way with the library's own codes (``malformed_json``, ``invalid_input``,
``invalid_amount``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Dict, List, Optional, Sequence, Union, cast

from fastapi import FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, BeforeValidator, StrictInt

import oms

from .errors import describe, error_body, status_for


def _decimal_text(value: object) -> object:
    if not isinstance(value, str):
        raise ValueError('amounts are decimal strings such as "19.99", never JSON numbers')
    return value


Amount = Annotated[Decimal, BeforeValidator(_decimal_text)]
"""Money in a request: a JSON string that pydantic reads exactly as a Decimal."""


class LineIn(BaseModel):
    sku: str
    quantity: StrictInt
    unit_price: Amount
    discount: Optional[Amount] = None


class OrderIn(BaseModel):
    channel: str
    customer_email: str
    lines: List[LineIn]
    shipping: Optional[Amount] = None
    order_discount: Optional[Amount] = None
    shipping_address: Optional[Dict[str, Any]] = None
    shipping_method: Optional[str] = None
    external_reference: Optional[str] = None


class CancelIn(BaseModel):
    reason: Optional[str] = None


class ParcelIn(BaseModel):
    weight_grams: StrictInt
    length_mm: StrictInt
    width_mm: StrictInt
    height_mm: StrictInt


class PackIn(BaseModel):
    parcels: List[ParcelIn]


class HandOverIn(BaseModel):
    partner: str


class ShipIn(BaseModel):
    carrier: str
    tracking_number: str
    partner_reference: Optional[str] = None


class DeliverIn(BaseModel):
    partner_reference: Optional[str] = None


class AuthorizeIn(BaseModel):
    kind: str
    amount: Amount
    gateway_reference: str
    payment_id: Optional[str] = None


class AmountIn(BaseModel):
    amount: Amount
    gateway_reference: str


class VoidIn(BaseModel):
    gateway_reference: str


Json = Dict[str, Any]
Record = Union[oms.Order, oms.Shipment, oms.Payment, oms.OrderPayments, oms.StockLevel, oms.Availability]


def _json(record: Record) -> Json:
    return record.to_dict()


def _field(location: Sequence[Union[str, int]]) -> Optional[str]:
    """pydantic's ``("body", "lines", 0, "quantity")`` as the library writes it: ``lines[0].quantity``."""
    path = ""
    for part in location[1:]:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or None


def _validation_code(error_type: str) -> str:
    if error_type == "json_invalid":
        return "malformed_json"
    if error_type.startswith("decimal_") or error_type == "finite_number":
        return "invalid_amount"
    return "invalid_input"


def create_app(shop: oms.Oms) -> FastAPI:
    """The service over ``shop``; the caller opens and closes it."""
    app = FastAPI(title="oms order service")

    @app.exception_handler(oms.OmsError)
    def library_error(_request: Request, error: Exception) -> JSONResponse:
        status, body = describe(cast(oms.OmsError, error))
        return JSONResponse(body, status_code=status)

    @app.exception_handler(RequestValidationError)
    def request_error(_request: Request, error: Exception) -> JSONResponse:
        first = cast(RequestValidationError, error).errors()[0]
        code = _validation_code(str(first["type"]))
        # A body that is not JSON has no field; pydantic's location is then a character offset.
        field = None if code == "malformed_json" else _field(first["loc"])
        body = error_body(code, "invalid_input", str(first["msg"]), field)
        return JSONResponse(body, status_code=status_for(code, "invalid_input"))

    # Reads.

    @app.get("/availability")
    def availability(channel: str, sku: List[str] = Query(...)) -> List[Json]:
        return [_json(each) for each in shop.availability(channel=channel, skus=sku)]

    @app.get("/stock/{sku}")
    def stock(sku: str) -> List[Json]:
        return [_json(level) for level in shop.stock_levels(sku=sku)]

    @app.get("/orders/{order_id}")
    def get_order(order_id: str) -> Json:
        return _json(shop.get_order(order_id))

    @app.get("/orders/{order_id}/shipments")
    def order_shipments(order_id: str) -> List[Json]:
        return [_json(shipment) for shipment in shop.list_shipments(order_id)]

    @app.get("/orders/{order_id}/payments")
    def order_payments(order_id: str) -> Json:
        return _json(shop.order_payments(order_id))

    @app.get("/shipments/{shipment_id}")
    def get_shipment(shipment_id: str) -> Json:
        return _json(shop.get_shipment(shipment_id))

    # Orders. A client that retries a checkout sends the same Idempotency-Key
    # header, and gets the order its first attempt placed.

    @app.post("/orders", status_code=201)
    def place_order(body: OrderIn, idempotency_key: Optional[str] = Header(default=None)) -> Json:
        lines: List[oms.OrderLineInput] = []
        for line in body.lines:
            given = oms.OrderLineInput(sku=line.sku, quantity=line.quantity, unit_price=line.unit_price)
            if line.discount is not None:
                given["discount"] = line.discount
            lines.append(given)
        order = shop.place_order(
            channel=body.channel, customer_email=body.customer_email, lines=lines,
            shipping=body.shipping, order_discount=body.order_discount,
            shipping_address=cast(Optional[oms.AddressInput], body.shipping_address),
            shipping_method=body.shipping_method, external_reference=body.external_reference,
            idempotency_key=idempotency_key,
        )
        return _json(order)

    @app.post("/orders/{order_id}/cancel")
    def cancel_order(order_id: str, body: CancelIn) -> Json:
        return _json(shop.cancel_order(order_id, reason=body.reason))

    # Fulfilment: shipments per location, picked, packed, handed to a carrier
    # (the outbox consumer books it and records the goods leaving), delivered.

    @app.post("/orders/{order_id}/shipments", status_code=201)
    def create_shipments(order_id: str) -> List[Json]:
        return [_json(shipment) for shipment in shop.create_shipments(order_id)]

    @app.post("/shipments/{shipment_id}/pick")
    def start_picking(shipment_id: str) -> Json:
        return _json(shop.start_picking(shipment_id))

    @app.post("/shipments/{shipment_id}/pack")
    def pack_shipment(shipment_id: str, body: PackIn) -> Json:
        parcels = [oms.ParcelInput(weight_grams=parcel.weight_grams, length_mm=parcel.length_mm,
                                   width_mm=parcel.width_mm, height_mm=parcel.height_mm) for parcel in body.parcels]
        return _json(shop.pack_shipment(shipment_id, parcels=parcels))

    @app.post("/shipments/{shipment_id}/hand-over")
    def hand_over_shipment(shipment_id: str, body: HandOverIn) -> Json:
        return _json(shop.hand_over_shipment(shipment_id, partner=body.partner))

    @app.post("/shipments/{shipment_id}/ship")
    def ship_shipment(shipment_id: str, body: ShipIn) -> Json:
        return _json(shop.ship_shipment(shipment_id, carrier=body.carrier, tracking_number=body.tracking_number,
                                        partner_reference=body.partner_reference))

    @app.post("/shipments/{shipment_id}/deliver")
    def confirm_delivery(shipment_id: str, body: DeliverIn) -> Json:
        return _json(shop.confirm_delivery(shipment_id, partner_reference=body.partner_reference))

    # Payments: the gateway's reference makes each call idempotent.

    @app.post("/orders/{order_id}/payments", status_code=201)
    def authorize_payment(order_id: str, body: AuthorizeIn) -> Json:
        payment = shop.authorize_payment(order_id, kind=cast(oms.PaymentKind, body.kind), amount=body.amount,
                                         gateway_reference=body.gateway_reference, payment_id=body.payment_id)
        return _json(payment)

    @app.post("/payments/{payment_id}/capture")
    def capture_payment(payment_id: str, body: AmountIn) -> Json:
        return _json(shop.capture_payment(payment_id, amount=body.amount, gateway_reference=body.gateway_reference))

    @app.post("/payments/{payment_id}/void")
    def void_payment(payment_id: str, body: VoidIn) -> Json:
        return _json(shop.void_payment(payment_id, gateway_reference=body.gateway_reference))

    @app.post("/payments/{payment_id}/refund")
    def refund_payment(payment_id: str, body: AmountIn) -> Json:
        return _json(shop.refund_payment(payment_id, amount=body.amount, gateway_reference=body.gateway_reference))

    return app
