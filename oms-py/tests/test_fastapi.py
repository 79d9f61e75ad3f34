"""A FastAPI service over oms, as a user would write one: POST an order,
GET it back as JSON built from order.to_dict(). FastAPI's encoder (with
pydantic 2) writes a Decimal as a JSON string holding every digit and a
datetime as ISO 8601 in UTC ("Z")."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any, Dict, List

from fastapi import FastAPI, HTTPException
from fastapi.testclient import TestClient
from pydantic import BaseModel

import oms
from conftest import stock_shop

START = datetime(2026, 1, 1, 9, 30, tzinfo=timezone.utc)


class Line(BaseModel):
    sku: str
    quantity: int
    unit_price: Decimal


class Checkout(BaseModel):
    customer_email: str
    lines: List[Line]


def make_app(shop: oms.Oms) -> FastAPI:
    app = FastAPI()

    @app.post("/orders", status_code=201)
    def place_order(checkout: Checkout) -> Dict[str, Any]:
        try:
            order = shop.place_order(channel="web", customer_email=checkout.customer_email,
                                     lines=[oms.OrderLineInput(sku=line.sku, quantity=line.quantity,
                                                               unit_price=line.unit_price)
                                            for line in checkout.lines])
        except oms.OmsError as error:
            raise HTTPException(status_code=409 if isinstance(error, oms.Rejected) else 422,
                                detail={"code": error.code, "field": error.field, "details": error.details})
        return order.to_dict()

    @app.get("/orders/{order_id}")
    def get_order(order_id: str) -> Dict[str, Any]:
        try:
            return shop.get_order(order_id).to_dict()
        except oms.NotFound as error:
            raise HTTPException(status_code=404, detail={"code": error.code, "details": error.details})

    return app


def test_post_an_order_and_get_it_back_as_json() -> None:
    shop = stock_shop(oms.Oms.in_memory(clock=oms.ManualClock(START)))
    client = TestClient(make_app(shop))
    # Amounts go in as JSON strings so that no float touches them; pydantic makes them Decimal.
    created = client.post("/orders", json={"customer_email": "ada@example.com",
                                           "lines": [{"sku": "TEE-M", "quantity": 2, "unit_price": "19.99"}]})
    assert created.status_code == 201, created.text
    order_id = created.json()["id"]
    fetched = client.get(f"/orders/{order_id}")
    assert fetched.status_code == 200 and fetched.json() == created.json()
    body = fetched.json()
    assert body["status"] == "allocated" and body["currency"] == "USD"
    assert body["created_at"] == "2026-01-01T09:30:00Z" and body["updated_at"] == "2026-01-01T09:30:00Z"
    assert body["lines"][0]["allocations"] == [{"location": "wh-east", "quantity": 2}]
    # Amounts come out as exact decimal strings, never floats.
    amounts = {name: body[name] for name in ["subtotal", "discount_total", "shipping_total", "tax_total", "total"]}
    assert amounts == {"subtotal": "39.98", "discount_total": "0.00", "shipping_total": "0.00",
                       "tax_total": "0.00", "total": "39.98"}
    assert {name: body["lines"][0][name] for name in ["unit_price", "discount", "tax_rate", "tax", "total"]} == {
        "unit_price": "19.99", "discount": "0.00", "tax_rate": "0", "tax": "0.00", "total": "39.98"}
    assert body["tax_summary"] == [{"rate": "0", "taxable": "39.98", "tax": "0.00"}]
    assert '"total":"39.98"' in fetched.text and body["explanation"] is None


def test_errors_map_to_http_statuses_with_their_details() -> None:
    client = TestClient(make_app(stock_shop(oms.Oms.in_memory())))
    too_many = client.post("/orders", json={"customer_email": "ada@example.com",
                                            "lines": [{"sku": "TEE-M", "quantity": 99, "unit_price": "19.99"}]})
    assert too_many.status_code == 409
    assert too_many.json()["detail"] == {"code": "insufficient_stock", "field": None,
                                         "details": {"sku": "TEE-M", "requested": 99, "available": 10}}
    bad_email = client.post("/orders", json={"customer_email": "not an email",
                                             "lines": [{"sku": "TEE-M", "quantity": 1, "unit_price": "1"}]})
    assert bad_email.status_code == 422 and bad_email.json()["detail"]["field"] == "customer_email"
    missing = client.get("/orders/ord-404")
    assert missing.status_code == 404 and missing.json()["detail"] == {"code": "order_not_found",
                                                                       "details": {"id": "ord-404"}}


def test_plain_json_dumps_with_default_str() -> None:
    shop = stock_shop(oms.Oms.in_memory(clock=oms.ManualClock(START)))
    order = shop.place_order(channel="web", customer_email="ada@example.com",
                             lines=[{"sku": "MUG", "quantity": 3, "unit_price": Decimal("7.50")}])
    text = json.dumps(order.to_dict(), default=str)
    data = json.loads(text)
    assert data["total"] == "22.50" and data["created_at"] == "2026-01-01 09:30:00+00:00"
    assert data["lines"][0]["unit_price"] == "7.50"
