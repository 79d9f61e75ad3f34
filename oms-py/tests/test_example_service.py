"""The FastAPI order service of oms-py/examples/service, as it runs: `python -m
service` in a subprocess on a loopback port over a SQLite file, a stub carrier
on loopback, and clients over HTTP. Concurrent checkouts never oversell,
every response is JSON with the status the error catalogue (docs/ERRORS.md)
gives its code, and an order placed over HTTP ends shipped with the carrier's
tracking number, once, even when the outbox consumer reads its events again."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import httpx
import pytest

import oms

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
REPOSITORY = EXAMPLES.parents[1]
sys.path.insert(0, str(EXAMPLES))

from service.errors import describe  # noqa: E402
from service.stub_carrier import CARRIER, StubCarrier  # noqa: E402

CLIENTS = 10
HOT_STOCK = 40
ADDRESS = {"name": "Ada Lovelace", "lines": ["12 Analytical Row"], "city": "London", "country": "GB"}
PARCEL = {"weight_grams": 900, "length_mm": 300, "width_mm": 200, "height_mm": 100}
ERROR_KEYS = {"code", "category", "field", "message", "details"}


@dataclass(frozen=True)
class Entry:
    category: str
    python_class: str
    status: int


def catalogue() -> Dict[str, Entry]:
    """The codes table of docs/ERRORS.md: code → category, Python class, HTTP status."""
    text = (REPOSITORY / "docs" / "ERRORS.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\w+)` \| .* \| `(\w+)` \| .* \| `oms\.(\w+)` \| (\d{3}) \|$", text, re.MULTILINE)
    return {code: Entry(category, python_class, int(status)) for code, category, python_class, status in rows}


CATALOGUE = catalogue()


class Service:
    """`python -m service` over `db`, started and stopped as a deployment would."""

    def __init__(self, db: Path, carrier: StubCarrier, logs: Path) -> None:
        self.db = db
        self.carrier = carrier
        self.logs = logs
        self.cursor_file = db.with_name("carrier.cursor")
        self.process: Optional[subprocess.Popen[str]] = None
        self.url = ""

    def start(self) -> None:
        command = [sys.executable, "-m", "service", "--db", str(self.db), "--port", "0",
                   "--carrier-url", self.carrier.url, "--cursor-file", str(self.cursor_file)]
        with self.logs.open("a") as log:
            self.process = subprocess.Popen(command, cwd=EXAMPLES, stdout=subprocess.PIPE, stderr=log, text=True)
        output = self.process.stdout
        assert output is not None
        first: List[str] = []
        reader = threading.Thread(target=lambda: first.append(output.readline()))
        reader.start()
        reader.join(timeout=60)
        assert first and first[0].startswith("listening on "), f"no start: {first} {self.logs.read_text()}"
        self.url = first[0].split()[-1]

    def stop(self) -> None:
        assert self.process is not None
        self.process.terminate()
        assert self.process.wait(timeout=30) == 0, self.logs.read_text()

    def shop(self) -> oms.Oms:
        """The same database, opened beside the service (another process's connection)."""
        return oms.Oms.open(self.db)


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    folder = tmp_path_factory.mktemp("service")
    db = folder / "shop.db"
    with oms.Oms.open(db) as shop:
        shop.upsert_location(id="wh-east", kind="warehouse", region="US-NY")
        shop.upsert_channel(id="web", kind="web", currency="USD", locations=["wh-east"])
        for sku, quantity in [("HOT", HOT_STOCK), ("TEE-M", 50), ("MUG", 50)]:
            shop.upsert_product(sku=sku, name=sku)
            shop.receive_stock(sku=sku, location="wh-east", quantity=quantity)
    carrier = StubCarrier().start()
    running = Service(db, carrier, folder / "service.log")
    running.start()
    yield running
    running.stop()
    carrier.stop()


def checked(response: httpx.Response, status: int) -> Any:
    """The JSON body of a response that must have `status`, failing with the body otherwise."""
    assert response.status_code == status, f"{response.request.method} {response.request.url}: {response.text}"
    assert response.headers["content-type"] == "application/json"
    return response.json()


def refused(response: httpx.Response, code: str, field: Optional[str] = None) -> Dict[str, Any]:
    """An error response: the status of `code` in the catalogue, and the error's stable parts."""
    body: Dict[str, Any] = checked(response, CATALOGUE[code].status)
    assert set(body) == ERROR_KEYS and body["code"] == code, body
    assert body["category"] == CATALOGUE[code].category and isinstance(body["message"], str)
    assert isinstance(body["details"], dict)
    if field is not None:
        assert body["field"] == field, body
    return body


def order_body(sku: str = "TEE-M", quantity: Any = 1, unit_price: Any = "19.99", **extra: Any) -> Dict[str, Any]:
    return {"channel": "web", "customer_email": "ada@example.com",
            "lines": [{"sku": sku, "quantity": quantity, "unit_price": unit_price}], **extra}


def test_concurrent_checkouts_never_oversell(service: Service) -> None:
    start = threading.Barrier(CLIENTS)
    kept: List[Tuple[str, int]] = []
    cancelled: List[str] = []
    refusals: List[int] = []
    failures: List[str] = []
    lock = threading.Lock()

    def client(number: int) -> None:
        try:
            with httpx.Client(base_url=service.url, timeout=60) as http:
                start.wait()
                for attempt in range(10):
                    quantity = 1 + (number * 7 + attempt) % 3
                    placed = http.post("/orders", json=order_body("HOT", quantity),
                                       headers={"Idempotency-Key": f"checkout-{number}-{attempt}"})
                    if placed.status_code == 201:
                        order = checked(placed, 201)
                        assert order["status"] == "allocated" and order["lines"][0]["allocated"] == quantity
                        if attempt % 3 == 0:
                            cancel = http.post(f"/orders/{order['id']}/cancel", json={"reason": "changed mind"})
                            gone = checked(cancel, 200)
                            assert gone["status"] == "cancelled"
                            with lock:
                                cancelled.append(order["id"])
                        else:
                            with lock:
                                kept.append((order["id"], quantity))
                    else:
                        body = refused(placed, "insufficient_stock")
                        assert body["details"]["sku"] == "HOT" and body["details"]["requested"] == quantity
                        assert body["details"]["available"] < quantity
                        with lock:
                            refusals.append(quantity)
                    [hot] = checked(http.get("/availability", params={"channel": "web", "sku": "HOT"}), 200)
                    assert 0 <= hot["available"] <= HOT_STOCK
        except Exception as error:  # reported below with the client's number
            with lock:
                failures.append(f"client {number}: {error!r}")

    threads = [threading.Thread(target=client, args=(number,)) for number in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    # Demand (100 orders of 1 to 3 units) is well over the 40 units: some were refused.
    assert kept and refusals
    sold = sum(quantity for _, quantity in kept)
    with httpx.Client(base_url=service.url) as http:
        [level] = checked(http.get("/stock/HOT"), 200)
        [hot] = checked(http.get("/availability", params={"channel": "web", "sku": "HOT"}), 200)
        for order_id in cancelled:
            assert checked(http.get(f"/orders/{order_id}"), 200)["status"] == "cancelled"
    assert (level["on_hand"], level["allocated"]) == (HOT_STOCK, sold) and sold <= HOT_STOCK
    assert hot["available"] == HOT_STOCK - sold
    with service.shop() as shop:
        assert shop.units_sold(sku="HOT", channel="web") == sold
        for order_id, quantity in kept:
            assert shop.get_order(order_id).lines[0].allocated == quantity
        assert shop.audit().violations == []


def wait_for(what: str, condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, f"still waiting for {what}"
        time.sleep(0.05)


def test_an_order_placed_over_http_ships_with_the_carriers_tracking_number_once(service: Service) -> None:
    http = httpx.Client(base_url=service.url, timeout=30)
    order = checked(http.post("/orders", json=order_body(quantity=2, shipping="4.95", shipping_address=ADDRESS,
                                                          shipping_method="express")), 201)
    total = order["total"]
    assert Decimal(total) == Decimal("2") * Decimal("19.99") + Decimal("4.95")

    payment = checked(http.post(f"/orders/{order['id']}/payments",
                                json={"kind": "card", "amount": total, "gateway_reference": "auth-1"}), 201)
    checked(http.post(f"/payments/{payment['id']}/capture", json={"amount": total, "gateway_reference": "cap-1"}), 200)
    assert checked(http.get(f"/orders/{order['id']}/payments"), 200)["status"] == "paid"

    [shipment] = checked(http.post(f"/orders/{order['id']}/shipments"), 201)
    assert checked(http.post(f"/shipments/{shipment['id']}/pick"), 200)["status"] == "picking"
    packed = checked(http.post(f"/shipments/{shipment['id']}/pack", json={"parcels": [PARCEL]}), 200)
    assert packed["status"] == "packed"
    with service.shop() as shop:
        on_hand = shop.stock_level(sku="TEE-M", location="wh-east").on_hand
    over = checked(http.post(f"/shipments/{shipment['id']}/hand-over", json={"partner": "stub-carrier"}), 200)
    assert over["status"] == "handed_over"

    # The service's outbox consumer books the carrier and records its answer.
    wait_for("the shipment to ship", lambda: http.get(f"/shipments/{shipment['id']}").json()["status"] == "shipped")
    booking = service.carrier.bookings[shipment["id"]]
    shipped = checked(http.get(f"/shipments/{shipment['id']}"), 200)
    assert (shipped["carrier"], shipped["tracking_number"]) == (CARRIER, booking["tracking_number"])
    assert shipped["shipped_reference"] == booking["booking_id"]
    [request] = [each for each in service.carrier.requests if each["reference"] == shipment["id"]]
    assert request["service_level"] == "express" and request["ship_to"]["city"] == "London"
    assert checked(http.get(f"/orders/{order['id']}"), 200)["status"] == "shipped"

    # The carrier's delivery webhook, sent twice as webhooks are.
    for _ in range(2):
        delivered = checked(http.post(f"/shipments/{shipment['id']}/deliver", json={"partner_reference": "pod-1"}), 200)
        assert delivered["status"] == "delivered"
    assert checked(http.get(f"/orders/{order['id']}"), 200)["status"] == "delivered"
    refund = checked(http.post(f"/payments/{payment['id']}/refund",
                               json={"amount": "4.95", "gateway_reference": "ref-1"}), 200)
    assert Decimal(refund["refunded"]) == Decimal("4.95")
    refused(http.post(f"/payments/{payment['id']}/refund", json={"amount": total, "gateway_reference": "ref-2"}),
            "refund_exceeds_captured")

    # A restart that lost the consumer's cursor reads every event again: the
    # carrier is asked again (and answers with the same booking), and the
    # shipment is not shipped a second time.
    with service.shop() as shop:
        handed_over = max(event.sequence for event in shop.events_since(0, 1000)
                          if event.type == "shipment_handed_over" and event.data["shipment_id"] == shipment["id"])
    service.stop()
    service.cursor_file.unlink()
    service.start()
    http = httpx.Client(base_url=service.url, timeout=30)
    wait_for("the consumer to read the hand-over again",
             lambda: service.cursor_file.exists() and int(service.cursor_file.read_text()) >= handed_over)
    assert [each["reference"] for each in service.carrier.requests].count(shipment["id"]) == 2
    assert service.carrier.bookings[shipment["id"]] == booking
    assert checked(http.get(f"/shipments/{shipment['id']}"), 200) == delivered
    with service.shop() as shop:
        shipped_events = [event for event in shop.events_since(0, 1000)
                          if event.type == "shipment_shipped" and event.data["shipment_id"] == shipment["id"]]
        assert len(shipped_events) == 1
        assert shop.stock_level(sku="TEE-M", location="wh-east").on_hand == on_hand - 2
        assert shop.audit().violations == []


def test_bad_requests_get_the_status_and_code_of_the_catalogue(service: Service) -> None:
    http = httpx.Client(base_url=service.url, timeout=30)
    post = http.post
    refused(post("/orders", content=b'{"channel": "web",', headers={"content-type": "application/json"}),
            "malformed_json", None)
    refused(post("/orders", json=order_body(unit_price=19.99)), "invalid_input", "lines[0].unit_price")
    refused(post("/orders", json=order_body(unit_price="abc")), "invalid_amount", "lines[0].unit_price")
    refused(post("/orders", json=order_body(unit_price="-1.00")), "invalid_amount", "lines[0].unit_price")
    refused(post("/orders", json=order_body(unit_price="1.001")), "invalid_amount", "lines[0].unit_price")
    refused(post("/orders", json=order_body(quantity=0)), "invalid_quantity", "lines[0].quantity")
    refused(post("/orders", json=order_body(quantity="two")), "invalid_input", "lines[0].quantity")
    refused(post("/orders", json={**order_body(), "customer_email": "not an address"}),
            "invalid_input", "customer_email")
    refused(post("/orders", json={"channel": "web", "customer_email": "ada@example.com"}), "invalid_input", "lines")
    refused(post("/orders", json=order_body(shipping_address={**ADDRESS, "country": "ZZ"})),
            "invalid_input", "shipping_address.country")
    refused(post("/orders", json={**order_body(), "channel": "nowhere"}), "channel_not_found")
    assert refused(post("/orders", json=order_body("NOPE")), "product_not_found")["details"] == {"id": "NOPE"}
    short = refused(post("/orders", json=order_body("MUG", 999)), "insufficient_stock")
    assert short["details"] == {"sku": "MUG", "requested": 999, "available": 50}
    refused(http.get("/availability", params={"channel": "web"}), "invalid_input", "sku")
    refused(http.get("/orders/ord-404"), "order_not_found")
    refused(post("/orders/ord-404/cancel", json={}), "order_not_found")
    refused(post("/shipments/shp-404/pick"), "shipment_not_found")
    refused(post("/orders/ord-404/payments", json={"kind": "card", "amount": "1.00", "gateway_reference": "g"}),
            "order_not_found")

    # An order to refuse things about.
    first = checked(post("/orders", json=order_body(), headers={"Idempotency-Key": "retry-1"}), 201)
    assert checked(post("/orders", json=order_body(), headers={"Idempotency-Key": "retry-1"}), 201) == first
    refused(post("/orders", json=order_body(quantity=3), headers={"Idempotency-Key": "retry-1"}),
            "idempotency_key_reused")
    refused(post(f"/orders/{first['id']}/payments",
                 json={"kind": "bitcoin", "amount": "1.00", "gateway_reference": "g"}), "invalid_input", "kind")
    payment = checked(post(f"/orders/{first['id']}/payments",
                           json={"kind": "card", "amount": "5.00", "gateway_reference": "auth-9"}), 201)
    refused(post(f"/payments/{payment['id']}/capture", json={"amount": "5.01", "gateway_reference": "cap-9"}),
            "capture_exceeds_authorized")
    [shipment] = checked(post(f"/orders/{first['id']}/shipments"), 201)
    refused(post(f"/shipments/{shipment['id']}/pack", json={"parcels": [PARCEL]}), "illegal_transition")
    refused(post(f"/shipments/{shipment['id']}/pack", json={"parcels": [{"weight_grams": 1}]}),
            "invalid_input", "parcels[0].length_mm")
    checked(post(f"/orders/{first['id']}/cancel", json={}), 200)
    refused(post(f"/orders/{first['id']}/cancel", json={}), "illegal_transition")


def test_every_code_gets_the_status_the_catalogue_gives() -> None:
    assert set(CATALOGUE) == set(oms.ERROR_CODES)
    for code, entry in CATALOGUE.items():
        exception = getattr(oms, entry.python_class)
        assert issubclass(exception, oms.OmsError), entry
        error = exception(f"a {code}")
        error.code, error.category, error.field, error.details = code, entry.category, None, {}
        status, body = describe(error)
        assert status == entry.status and set(body) == ERROR_KEYS, (code, status, body)
        assert (body["code"], body["category"]) == (code, entry.category)


def test_the_catalogues_python_classes_are_the_ones_the_library_raises() -> None:
    shop = oms.Oms.in_memory()
    shop.upsert_location(id="wh-east", kind="warehouse", region="US-NY")
    shop.upsert_channel(id="web", kind="web", currency="USD", locations=["wh-east"])
    shop.upsert_product(sku="MUG", name="Mug")

    def closed() -> object:
        shop.close()
        return shop.get_order("ord-404")

    attempts: List[Callable[[], object]] = [
        lambda: shop.receive_stock(sku="MUG", location="wh-east", quantity=0),
        lambda: shop.get_order("ord-404"),
        lambda: shop.place_order(channel="web", customer_email="ada@example.com",
                                 lines=[{"sku": "MUG", "quantity": 1, "unit_price": Decimal("1")}]),
        closed,
    ]
    seen = set()
    for attempt in attempts:
        with pytest.raises(oms.OmsError) as caught:
            attempt()
        entry = CATALOGUE[caught.value.code]
        assert (type(caught.value).__name__, caught.value.category) == (entry.python_class, entry.category)
        seen.add(entry.category)
    assert seen == {"invalid_input", "not_found", "rejected", "storage"}
