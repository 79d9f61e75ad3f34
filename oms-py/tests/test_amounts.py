"""`decimal.Decimal` amounts are read exactly: held as sent, or refused as
`invalid_amount` quoting `str(value)`; never rounded on the way in."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable, Dict

import pytest

import oms
from conftest import line, raises

FINER_THAN_28_PLACES = Decimal("1.00000000000000000000000000001")
TWO_TO_THE_96 = Decimal("79228162514264337593543950336")
DECIMAL_MAX = Decimal("79228162514264337593543950335")


def place(shop: oms.Oms, **overrides: Any) -> oms.Order:
    arguments: Dict[str, Any] = {"channel": "web", "customer_email": "ada@example.com", "lines": [line()]}
    arguments.update(overrides)
    return shop.place_order(**arguments)


# Every reader of money in the binding, as (field, call with the value).
AMOUNTS: Dict[str, Callable[[oms.Oms, Decimal], object]] = {
    "lines[0].unit_price": lambda shop, value: place(shop, lines=[line(unit_price=value)]),
    "lines[0].discount": lambda shop, value: place(shop, lines=[line(discount=value)]),
    "order_discount": lambda shop, value: place(shop, order_discount=value),
    "shipping": lambda shop, value: place(shop, shipping=value),
    "tax_rates.standard": lambda shop, value: shop.upsert_channel(
        id="eu", kind="web", currency="EUR", locations=["wh-east"], tax_rates={"standard": value}),
}


@pytest.mark.parametrize(
    "value",
    [
        FINER_THAN_28_PLACES,
        Decimal("1E-29"),
        Decimal("0.0000000000000000000000000000001"),  # was rounded to 0
        Decimal("0.1234567890123456789012345678901"),  # was rounded, then quoted rounded
        Decimal("1E+30"),
        TWO_TO_THE_96,
        Decimal("-79228162514264337593543950336"),
        Decimal("7922816251426433759354395033.6"),  # 2**96 digits with a point
        Decimal("1" * 100),
        Decimal("1E+999999999"),
        Decimal("NaN"),
        Decimal("-sNaN"),
        Decimal("Infinity"),
        Decimal("-Infinity"),
    ],
    ids=str,
)
@pytest.mark.parametrize("field", list(AMOUNTS))
def test_what_a_decimal_cannot_hold_is_refused_quoting_the_callers_value(
    shop: oms.Oms, field: str, value: Decimal
) -> None:
    events = len(shop.events_since(limit=1000))
    with raises(oms.InvalidInput, "invalid_amount", field) as caught:
        AMOUNTS[field](shop, value)
    assert f"{field}: {value} " in str(caught.value)
    assert len(shop.events_since(limit=1000)) == events


@pytest.mark.parametrize(
    "value, held",
    [
        (Decimal("1.000000000000000000000000000000"), Decimal("1.00")),  # 30 places, all zeros after the 1
        (Decimal("1" + "0" * 100 + "E-100"), Decimal("1.00")),
        (Decimal("1E+2"), Decimal("100.00")),
        (Decimal("0.5E+1"), Decimal("5.00")),
        (Decimal("19.990000000000000000000000000000000000"), Decimal("19.99")),
        (Decimal("0E-50"), Decimal("0.00")),
        (Decimal("-0"), Decimal("0.00")),
        (Decimal("-0.000"), Decimal("0.00")),
    ],
    ids=str,
)
def test_trailing_zeros_and_exponents_are_held_exactly(shop: oms.Oms, value: Decimal, held: Decimal) -> None:
    order = place(shop, lines=[line(unit_price=value)])
    price = order.lines[0].unit_price
    assert price == held and str(price) == str(held)  # no "-0.00"
    assert order.total == held


def test_negative_zero_is_zero_everywhere(shop: oms.Oms) -> None:
    order = place(shop, lines=[line(discount=Decimal("-0"))], order_discount=Decimal("-0"), shipping=Decimal("-0.00"))
    assert order.total == Decimal("19.99") and not str(order.total).startswith("-")
    channel = shop.upsert_channel(id="eu", kind="web", currency="EUR", locations=["wh-east"],
                                  tax_rates={"standard": Decimal("-0")})
    assert channel.tax_rates == {"standard": Decimal("0")}
    assert not channel.tax_rates["standard"].is_signed()


def test_the_largest_decimal_is_refused_by_the_core_range(shop: oms.Oms) -> None:
    """2**96 - 1 is held exactly by the binding; the core's own range (AMOUNT_MAX) refuses it."""
    with raises(oms.InvalidInput, "invalid_amount", "lines[0].unit_price") as caught:
        place(shop, lines=[line(unit_price=DECIMAL_MAX)])
    assert str(DECIMAL_MAX) in str(caught.value)


def test_a_refusal_quotes_the_value_as_sent(shop: oms.Oms) -> None:
    """Trailing zeros are kept when they fit, so the core quotes the caller's own digits."""
    with raises(oms.InvalidInput, "invalid_amount", "lines[0].unit_price") as caught:
        place(shop, lines=[line(unit_price=Decimal("19.9990"))])
    assert "19.9990 " in str(caught.value)


def test_exact_amounts_are_held_to_the_last_digit(shop: oms.Oms) -> None:
    channel = shop.upsert_channel(id="eu", kind="web", currency="EUR", locations=["wh-east"],
                                  tax_rates={"standard": Decimal("0.08875"), "zero": Decimal("0E-28")})
    assert channel.tax_rates == {"standard": Decimal("0.08875"), "zero": Decimal("0")}
    order = place(shop, lines=[line(unit_price=Decimal("999999999999.99"), quantity=1)])
    assert order.total == Decimal("999999999999.99")


def test_a_decimal_subclass_is_read_exactly(shop: oms.Oms) -> None:
    class Price(Decimal):
        pass

    assert place(shop, lines=[line(unit_price=Price("19.990"))]).total == Decimal("19.99")
    with raises(oms.InvalidInput, "invalid_amount", "lines[0].unit_price"):
        place(shop, lines=[line(unit_price=Price(FINER_THAN_28_PLACES))])
