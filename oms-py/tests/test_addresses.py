"""place_order with what fulfilment needs (issue 9): shipping and billing
addresses, shipping method, external reference and metadata, read back
normalised; bad input refused with its field named and nothing written."""

from __future__ import annotations

import copy
import json
import pickle
from typing import Any, Callable, Dict

import pytest

import oms
from conftest import line, raises

Place = Callable[..., oms.Order]


def address(**overrides: Any) -> Dict[str, Any]:
    value: Dict[str, Any] = {
        "name": " Ada Lovelace ",
        "lines": ["12 St James's Square", "Flat 3"],
        "city": "London",
        "postal_code": "SW1Y 4JH",
        "country": "gb",
        "phone": "+44 20 7946 0000",
    }
    value.update(overrides)
    return value


def test_addresses_and_details_read_back_normalised(shop: oms.Oms, place: Place) -> None:
    shipping: oms.AddressInput = {"name": "Ada", "lines": ["1 Main St"], "city": "Springfield", "country": "us"}
    order = place(
        shipping_address=shipping,
        billing_address=address(company="Analytical Engines Ltd"),
        shipping_method=" express ",
        external_reference="SHOP-1001",
        metadata={"gift": "yes", "source:campaign": "winter"},
    )
    assert order.shipping_address is not None and order.shipping_address.country == "US"
    billing = order.billing_address
    assert billing is not None
    assert (billing.name, billing.company, billing.lines) == ("Ada Lovelace", "Analytical Engines Ltd",
                                                              ["12 St James's Square", "Flat 3"])
    assert (billing.region, billing.postal_code, billing.country) == (None, "SW1Y 4JH", "GB")
    assert (order.shipping_method, order.external_reference) == ("express", "SHOP-1001")
    assert order.metadata == {"gift": "yes", "source:campaign": "winter"}
    assert shop.get_order(order.id) == order
    data = order.to_dict()
    assert data["shipping_address"]["country"] == "US" and data["metadata"]["gift"] == "yes"
    json.dumps(data, default=str)
    assert pickle.loads(pickle.dumps(order)) == order
    assert copy.deepcopy(billing) == billing and hash(billing) == hash(copy.copy(billing))
    plain = place()
    assert (plain.shipping_address, plain.billing_address, plain.metadata) == (None, None, {})


@pytest.mark.parametrize(
    "overrides, code, field",
    [
        ({"shipping_address": address(country="XX")}, "invalid_input", "shipping_address.country"),
        ({"shipping_address": address(lines=[])}, "invalid_input", "shipping_address.lines"),
        ({"shipping_address": address(lines=["a"] * 4)}, "limit_exceeded", "shipping_address.lines"),
        ({"shipping_address": address(lines=["a", "x" * 201])}, "limit_exceeded", "shipping_address.lines[1]"),
        ({"shipping_address": address(name="  ")}, "invalid_input", "shipping_address.name"),
        ({"shipping_address": address(phone="call me")}, "invalid_input", "shipping_address.phone"),
        ({"shipping_address": address(country=7)}, "invalid_input", "shipping_address.country"),
        ({"shipping_address": address(lines="1 Main St")}, "invalid_input", "shipping_address.lines"),
        ({"shipping_address": address(planet="Mars")}, "invalid_input", "shipping_address.planet"),
        ({"shipping_address": {"name": "Ada"}}, "invalid_input", "shipping_address.lines"),
        ({"shipping_address": "1 Main St"}, "invalid_input", "shipping_address"),
        ({"shipping_method": "x" * 65}, "limit_exceeded", "shipping_method"),
        ({"external_reference": "r" * 129}, "limit_exceeded", "external_reference"),
        ({"metadata": {f"k{n}": "v" for n in range(33)}}, "limit_exceeded", "metadata"),
        ({"metadata": {"has space": "v"}}, "invalid_input", "metadata.has space"),
        ({"metadata": {"note": "v" * 501}}, "limit_exceeded", "metadata.note"),
        ({"metadata": {"count": 3}}, "invalid_input", "metadata.count"),
        ({"metadata": ["gift"]}, "invalid_input", "metadata"),
    ],
)
def test_bad_details_are_refused_and_write_nothing(
    shop: oms.Oms, place: Place, overrides: Dict[str, Any], code: str, field: str
) -> None:
    exception = oms.InvalidInput if code == "invalid_input" else oms.OmsError
    with raises(exception, code, field):
        place(**overrides)
    assert shop.list_orders().orders == []
