"""Lists and records as the stubs promise them: any ``collections.abc.Sequence``
(but text and bytes) where a list is read, any ``collections.abc.Mapping``
where a record or a map is read."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Dict, List

import pytest

import oms
from conftest import raises


class Items(Sequence):  # type: ignore[type-arg]
    """A user's own read-only sequence, neither a list nor a tuple."""

    def __init__(self, *items: Any) -> None:
        self._items = list(items)

    def __getitem__(self, index: Any) -> Any:
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)


class Fields(Mapping):  # type: ignore[type-arg]
    """A user's own read-only mapping, not a dict."""

    def __init__(self, **fields: Any) -> None:
        self._fields = dict(fields)

    def __getitem__(self, key: Any) -> Any:
        return self._fields[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)


class Broken(Sequence):  # type: ignore[type-arg]
    """A sequence that fails while it is read."""

    def __getitem__(self, index: Any) -> Any:
        raise RuntimeError("disk on fire")

    def __len__(self) -> int:
        return 1


TEE = {"sku": "TEE-M", "quantity": 2, "unit_price": Decimal("19.99")}
MUG = {"sku": "MUG", "quantity": 1, "unit_price": Decimal("5")}


@pytest.mark.parametrize(
    "lines",
    [
        (TEE, MUG),
        [MappingProxyType(TEE), MappingProxyType(MUG)],
        Items(Fields(**TEE), Fields(**MUG)),
        (MappingProxyType(TEE), Fields(**MUG)),
    ],
    ids=["tuple of dicts", "list of mappingproxy", "own sequence of own mappings", "tuple of mixed"],
)
def test_place_order_reads_any_sequence_of_mappings(shop: oms.Oms, lines: Any) -> None:
    order = shop.place_order(channel="web", customer_email="ada@example.com", lines=lines)
    assert order.total == Decimal("44.98")
    assert [(l.sku, l.quantity, l.unit_price) for l in order.lines] == [
        ("TEE-M", 2, Decimal("19.99")), ("MUG", 1, Decimal("5.00")),
    ]
    plan = shop.plan_allocation(channel="web", customer_email="ada@example.com", lines=lines)
    assert [sum(a.quantity for a in l.allocations) for l in plan.lines] == [2, 1]


def test_every_list_and_record_reader_takes_sequences_and_mappings(shop: oms.Oms) -> None:
    shop.upsert_location(id="wh-west", kind="warehouse", region="US-CA")
    channel = shop.upsert_channel(
        id="eu", kind="web", currency="EUR", locations=Items("wh-east", "wh-west"),
        tax_rates=Fields(standard=Decimal("0.2"), reduced=Decimal("0.055")),
    )
    assert channel.locations == ["wh-east", "wh-west"]
    assert channel.tax_rates == {"standard": Decimal("0.2"), "reduced": Decimal("0.055")}
    proxied = shop.upsert_channel(id="eu2", kind="web", currency="EUR", locations=("wh-east",),
                                  tax_rates=MappingProxyType({"standard": Decimal("0.1")}))
    assert proxied.tax_rates == {"standard": Decimal("0.1")}

    answers = shop.availability(channel="web", skus=Items("TEE-M", "MUG"))
    assert [(a.sku, a.available) for a in answers] == [("TEE-M", 10), ("MUG", 10)]
    assert [a.sku for a in shop.availability(channel="web", skus=("MUG",))] == ["MUG"]

    reservation = shop.reserve_stock(reservation_id="cart-1", channel="web", ttl_seconds=600,
                                     lines=Items(MappingProxyType({"sku": "TEE-M", "quantity": 3})))
    assert [(l.sku, l.quantity) for l in reservation.lines] == [("TEE-M", 3)]

    order = shop.place_order(channel="web", customer_email="ada@example.com", lines=(TEE, MUG))
    cancelled = shop.cancel_lines(order.id, lines=(Fields(line_number=1, quantity=1),))
    assert [l.cancelled for l in cancelled.lines] == [1, 0]


@pytest.mark.parametrize(
    "lines, field",
    [
        ("TEE-M", "lines"),
        (b"TEE-M", "lines"),
        (bytearray(b"TEE-M"), "lines"),
        (TEE, "lines"),  # one record where a list of them is expected
        ((line for line in [TEE]), "lines"),  # a generator: not a Sequence, and reading would use it up
        (iter([TEE]), "lines"),
        ({TEE["sku"]}, "lines"),  # a set has no order
        (Broken(), "lines"),
        ([["TEE-M", 2, Decimal("19.99")]], "lines[0]"),  # a list where a record is expected
        (["TEE-M"], "lines[0]"),
        ([Fields(**TEE, colour="red")], "lines[0].colour"),
        ([MappingProxyType({1: "TEE-M"})], "lines[0]"),
    ],
    ids=["str", "bytes", "bytearray", "dict", "generator", "iterator", "set", "failing sequence",
         "list as record", "str as record", "unknown key", "int key"],
)
def test_what_is_not_a_list_or_record_is_invalid_input(shop: oms.Oms, lines: Any, field: str) -> None:
    events = len(shop.events_since(limit=1000))
    with raises(oms.InvalidInput, "invalid_input", field):
        shop.place_order(channel="web", customer_email="ada@example.com", lines=lines)
    assert len(shop.events_since(limit=1000)) == events


@pytest.mark.parametrize(
    "arguments, field",
    [
        ({"skus": "TEE-M"}, "skus"),
        ({"skus": b"TEE-M"}, "skus"),
        ({"skus": (sku for sku in ["TEE-M"])}, "skus"),
    ],
)
def test_availability_refuses_text_and_iterators(shop: oms.Oms, arguments: Dict[str, Any], field: str) -> None:
    with raises(oms.InvalidInput, "invalid_input", field):
        shop.availability(channel="web", **arguments)


@pytest.mark.parametrize(
    "arguments, field",
    [
        ({"locations": "wh-east"}, "locations"),
        ({"locations": iter(["wh-east"])}, "locations"),
        ({"tax_rates": [("standard", Decimal("0.2"))]}, "tax_rates"),
        ({"tax_rates": "standard"}, "tax_rates"),
    ],
)
def test_upsert_channel_refuses_what_is_not_a_list_or_map(shop: oms.Oms, arguments: Dict[str, Any], field: str) -> None:
    full: Dict[str, Any] = {"id": "eu", "kind": "web", "currency": "EUR", "locations": ["wh-east"], **arguments}
    with raises(oms.InvalidInput, "invalid_input", field):
        shop.upsert_channel(**full)


def test_a_list_subclass_and_a_dict_subclass_are_read(shop: oms.Oms) -> None:
    class Lines(List[Any]):
        pass

    class Line(Dict[str, Any]):
        pass

    order = shop.place_order(channel="web", customer_email="ada@example.com", lines=Lines([Line(TEE)]))
    assert order.total == Decimal("39.98")
