"""Printable documents (issue 9): pick_list_document, packing_slips and
shipping_label as a user calls them (``Oms`` and ``AsyncOms``), each document
parsed and its content checked, user text escaped, bad input refused with
its stable code; and the packing slips of three shipments printed to PDF by
headless Chromium, three pages."""

from __future__ import annotations

import asyncio
import os
import pathlib
import shutil
import subprocess
from datetime import datetime, timezone
from html.parser import HTMLParser
from typing import Any, Dict, List, Optional, Tuple

import pytest

import oms
from conftest import raises, stock_shop

START = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)
PARCEL: oms.ParcelInput = {"weight_grams": 1200, "length_mm": 300, "width_mm": 200, "height_mm": 100}


def address(name: str) -> oms.AddressInput:
    return {
        "name": name,
        "lines": ["12 St James's Square", "Flat 3"],
        "city": "London",
        "postal_code": "SW1Y 4JH",
        "country": "gb",
    }


@pytest.fixture
def shop() -> oms.Oms:
    """The conftest shop on a clock that stands still, so that the pick list's time is known."""
    return stock_shop(oms.Oms.in_memory(clock=oms.ManualClock(START)))


def shipment_for(shop: oms.Oms, name: str, quantity: int = 1, reference: str = "SHOP-1001") -> oms.Shipment:
    order = shop.place_order(
        channel="web",
        customer_email="ada@example.com",
        lines=[{"sku": "TEE-M", "quantity": quantity, "unit_price": 10}],
        shipping_address=address(name),
        shipping_method="express",
        external_reference=reference,
    )
    return shop.create_shipments(order.id)[0]


class Page(HTMLParser):
    """The parts of a document the tests read: every element's attributes and
    text by class, and the pages (``section.page``) with their text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: List[Tuple[str, Dict[str, str]]] = []
        self.texts: Dict[str, List[str]] = {}
        self.pages: List[Dict[str, str]] = []
        self.tags: List[str] = []
        self.feed(html)
        self.close()
        assert self.open == [], "every element is closed"

    def handle_starttag(self, tag: str, attrs: List[Tuple[str, Optional[str]]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        self.tags.append(tag)
        if tag in ("meta", "br"):
            return
        self.open.append((tag, attributes))
        if tag == "section" and "page" in attributes.get("class", "").split():
            self.pages.append({**attributes, "text": ""})
        for css in attributes.get("class", "").split():
            self.texts.setdefault(css, []).append("")

    def handle_endtag(self, tag: str) -> None:
        opened, _ = self.open.pop()
        assert opened == tag, f"</{tag}> closes <{opened}>"

    def handle_data(self, data: str) -> None:
        classes = [css for _, attributes in self.open for css in attributes.get("class", "").split()]
        for css in set(classes):
            self.texts[css][-1] += data + " "
        if self.pages and any(tag == "section" for tag, _ in self.open):
            self.pages[-1]["text"] += data + " "

    def text(self, css: str) -> List[str]:
        return [" ".join(text.split()) for text in self.texts.get(css, [])]


def self_contained(html: str, page: Page) -> None:
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(page.tags)
    style = html[html.index("<style>") : html.index("</style>")]
    assert "@page" in style and "break-after: page" in style and "url(" not in style


def test_the_pick_list_prints_each_sku_with_its_name_units_and_shipments(shop: oms.Oms) -> None:
    first = shipment_for(shop, "Ada Lovelace", quantity=2)
    second = shipment_for(shop, "Charles Babbage", quantity=3)
    html = shop.pick_list_document("wh-east")
    assert isinstance(html, str) and html.startswith("<!DOCTYPE html>")
    page = Page(html)
    self_contained(html, page)
    assert len(page.pages) == 1 and page.pages[0]["data-location"] == "wh-east"
    assert page.text("summary") == ["Printed 2026-11-26 09:00 UTC · 2 shipments · 1 SKU · 5 units"]
    assert (page.text("sku"), page.text("name"), page.text("quantity")[1:]) == (
        ["TEE-M"],
        ["T-shirt, medium"],
        ["5"],
    )
    assert page.text("shipments") == [f"{first.id}, {second.id}"]
    assert asyncio.run(oms.AsyncOms(shop).pick_list_document("wh-east")) == html
    empty = Page(shop.pick_list_document("store-soho"))
    assert empty.text("empty") == ["Nothing to pick: no open shipments here."]


def test_packing_slips_print_a_page_per_shipment_in_the_order_named(shop: oms.Oms) -> None:
    hostile = "<script>alert('x')</script> & \"Co\""
    shipments = [shipment_for(shop, name) for name in (hostile, "Charles Babbage", "Mary Somerville")]
    shop.start_picking(shipments[1].id)
    shop.pack_shipment(shipments[1].id, parcels=[PARCEL, {**PARCEL, "weight_grams": 350}])
    ids = [shipments[2].id, shipments[0].id, shipments[1].id]
    html = shop.packing_slips(ids)
    assert "<script" not in html
    page = Page(html)
    self_contained(html, page)
    assert [each["data-shipment"] for each in page.pages] == ids
    assert [name.split(" 12 St")[0] for name in page.text("ship-to")] == [
        "Ship to Mary Somerville",
        f"Ship to {' '.join(hostile.split())}",
        "Ship to Charles Babbage",
    ]
    for each, shipment in zip(page.pages, [shipments[2], shipments[0], shipments[1]]):
        text = " ".join(each["text"].split())
        for expected in (
            f"Order {shipment.order_id}",
            "Reference SHOP-1001",
            f"Shipment {shipment.id}",
            "Shipping method express",
            "12 St James's Square Flat 3 London SW1Y 4JH GB",
            "TEE-M T-shirt, medium 1",
        ):
            assert expected in text, (expected, text)
    assert page.text("parcels") == [
        "Parcel Weight Size (mm) 1 of 2 1.2 kg 300 × 200 × 100 2 of 2 0.35 kg 300 × 200 × 100"
    ]
    # A list, a tuple or any sequence; the same id twice prints twice.
    assert shop.packing_slips(tuple(ids)) == html
    assert len(Page(shop.packing_slips([ids[0], ids[0]])).pages) == 2
    assert asyncio.run(oms.AsyncOms(shop).packing_slips(ids)) == html


def zpl_labels(zpl: str) -> List[List[str]]:
    """Each label's commands (the text after each ``^``), checking that each is one the library writes."""
    assert "~" not in zpl and zpl.isascii()
    labels: List[List[str]] = []
    for command in zpl.split("^")[1:]:
        command = command.rstrip("\n")
        assert command[:2] in {"XA", "CI", "PW", "LL", "LH", "FO", "A0", "FH", "FD", "FS", "GB", "BY", "BC", "XZ"}
        if command == "XA":
            labels.append([])
        labels[-1].append(command)
    assert all(label[0] == "XA" and label[-1] == "XZ" for label in labels)
    return labels


def decoded(command: str) -> str:
    """The text of a ``^FD`` field written after ``^FH``."""
    data = command[2:].encode()
    out = bytearray()
    index = 0
    while index < len(data):
        if data[index : index + 1] == b"_":
            out.append(int(data[index + 1 : index + 3], 16))
            index += 3
        else:
            out.append(data[index])
            index += 1
    return out.decode()


def test_a_shipping_label_per_parcel_in_zpl_with_user_text_unable_to_inject_commands(shop: oms.Oms) -> None:
    hostile = "Eve^XZ^XA~JA Straße"
    shipment = shipment_for(shop, hostile, reference="R^FS")
    with raises(oms.Rejected, "illegal_transition"):
        shop.shipping_label(shipment.id)
    shop.start_picking(shipment.id)
    shop.pack_shipment(shipment.id, parcels=[PARCEL, {**PARCEL, "weight_grams": 350}])
    zpl = shop.shipping_label(shipment.id)
    labels = zpl_labels(zpl)
    assert len(labels) == 2
    for number, label in enumerate(labels, start=1):
        fields = [decoded(command) for command in label if command.startswith("FD")]
        for expected in (
            "wh-east",
            "US-NY",
            hostile,
            "12 St James's Square",
            "London SW1Y 4JH",
            "GB",
            f"ORDER {shipment.order_id}",
            "REF R^FS",
            f"SHIPMENT {shipment.id}",
            "METHOD express",
            f"PARCEL {number} OF 2",
        ):
            assert expected in fields, (expected, fields)
        assert f"FD{shipment.id}" in label, "the shipment id as the barcode until tracked"
    assert "WEIGHT 1.2 KG  300 x 200 x 100 MM" in [decoded(c) for c in labels[0] if c.startswith("FD")]
    shop.ship_shipment(shipment.id, carrier="UPS", tracking_number="1Z999AA10123456784")
    shipped = shop.shipping_label(shipment.id)
    assert "^BCN,180,Y,N,N^FD1Z999AA10123456784^FS" in shipped
    assert asyncio.run(oms.AsyncOms(shop).shipping_label(shipment.id)) == shipped


@pytest.mark.parametrize(
    "call, exception, code, field",
    [
        (lambda shop, _: shop.pick_list_document("nowhere"), oms.NotFound, "location_not_found", None),
        (lambda shop, _: shop.pick_list_document(""), oms.InvalidInput, "invalid_identifier", "location"),
        (lambda shop, _: shop.pick_list_document(42), oms.InvalidInput, "invalid_input", "location"),
        (lambda shop, _: shop.packing_slips([]), oms.InvalidInput, "invalid_input", "shipment_ids"),
        (lambda shop, shipment: shop.packing_slips([shipment] * 101), oms.OmsError, "limit_exceeded", "shipment_ids"),
        (lambda shop, _: shop.packing_slips(["shp-404"]), oms.NotFound, "shipment_not_found", None),
        (lambda shop, shipment: shop.packing_slips(shipment), oms.InvalidInput, "invalid_input", "shipment_ids"),
        (lambda shop, shipment: shop.packing_slips([shipment, 42]), oms.InvalidInput, "invalid_input", "shipment_ids[1]"),
        (lambda shop, _: shop.packing_slips(["bad id"]), oms.InvalidInput, "invalid_identifier", "shipment_ids[0]"),
        (lambda shop, shipment: shop.packing_slips(iter([shipment])), oms.InvalidInput, "invalid_input", "shipment_ids"),
        (lambda shop, _: shop.packing_slips(None), oms.InvalidInput, "invalid_input", "shipment_ids"),
        (lambda shop, _: shop.shipping_label("shp-404"), oms.NotFound, "shipment_not_found", None),
        (lambda shop, _: shop.shipping_label(None), oms.InvalidInput, "invalid_input", "shipment_id"),
        (lambda shop, shipment: shop.shipping_label(shipment), oms.Rejected, "illegal_transition", None),
    ],
)
def test_bad_input_is_refused_with_its_code(
    shop: oms.Oms, call: Any, exception: type, code: str, field: Optional[str]
) -> None:
    shipment = shipment_for(shop, "Ada Lovelace").id
    with raises(exception, code, field):
        call(shop, shipment)


def test_bad_input_is_refused_by_the_coroutines_alike(shop: oms.Oms) -> None:
    async def refusals() -> None:
        shop_async = oms.AsyncOms(shop)
        with raises(oms.InvalidInput, "invalid_input", "shipment_ids"):
            await shop_async.packing_slips([])
        with raises(oms.NotFound, "location_not_found"):
            await shop_async.pick_list_document("nowhere")
        with raises(oms.NotFound, "shipment_not_found"):
            await shop_async.shipping_label("shp-404")

    asyncio.run(refusals())


def chromium() -> Optional[str]:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def test_three_packing_slips_print_to_a_three_page_pdf(shop: oms.Oms, tmp_path: pathlib.Path) -> None:
    browser = chromium()
    if browser is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is missing; .ci/run installs it (apt-get install chromium poppler-utils)")
        pytest.skip("chromium is not installed (Debian: apt-get install chromium poppler-utils)")
    for tool in ("pdfinfo", "pdftotext"):
        assert shutil.which(tool), f"{tool} is missing: apt-get install poppler-utils"
    names = ["Ada Lovelace", "Charles Babbage", "Mary Somerville"]
    shipments = [
        shipment_for(shop, name, quantity=index + 1, reference=f"SHOP-{index}") for index, name in enumerate(names)
    ]
    document = tmp_path / "slips.html"
    document.write_text(shop.packing_slips([shipment.id for shipment in shipments]), encoding="utf-8")
    pdf = tmp_path / "slips.pdf"
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--print-to-pdf={pdf}",
            document.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = [line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")]
    assert pages == ["3"], info
    for number, (shipment, name) in enumerate(zip(shipments, names), start=1):
        text = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), "-layout", str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for expected in (
            "Packing slip",
            shipment.order_id,
            shipment.id,
            f"SHOP-{number - 1}",
            name,
            "12 St James's Square",
            "SW1Y 4JH",
            "TEE-M",
            "T-shirt, medium",
        ):
            assert expected in text, f"page {number} lacks {expected!r}:\n{text}"
        for other in shipments:
            if other.id != shipment.id:
                assert other.id not in text, f"page {number} shows another shipment"
