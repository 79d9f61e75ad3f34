"""Payments from Python: tenders of several kinds on one order, captured,
voided, refunded and failed, idempotent on the gateway reference, the
order's payment status, the records (to_dict, pickling), and bad input."""

from __future__ import annotations

import copy
import pickle
from decimal import Decimal
from typing import Any, Callable

import pytest

import oms
from conftest import raises


@pytest.fixture
def order(place: Callable[..., oms.Order]) -> oms.Order:
    # Two T-shirts at 19.99, no tax on this channel: 39.98.
    placed = place(lines=[{"sku": "TEE-M", "quantity": 2, "unit_price": Decimal("19.99")}])
    assert placed.total == Decimal("39.98")
    return placed


def test_mixed_tenders_take_an_order_from_unpaid_to_refunded(shop: oms.Oms, order: oms.Order) -> None:
    assert shop.order_payments(order.id).status == "unpaid"
    gift = shop.authorize_payment(
        order.id, payment_id="gift-1", kind="gift_card", amount=Decimal("10"), gateway_reference="gc-1"
    )
    assert (gift.id, gift.kind, gift.status, gift.currency) == ("gift-1", "gift_card", "authorized", "USD")
    assert gift.authorized == Decimal("10.00")
    card = shop.authorize_payment(order.id, kind="card", amount=Decimal("29.98"), gateway_reference="ch_1")
    assert card.id == "pay-0000000001"
    assert shop.order_payments(order.id).status == "authorized"

    shop.capture_payment(gift.id, amount=10, gateway_reference="gc-cap-1")
    assert shop.order_payments(order.id).status == "partially_paid"
    card = shop.capture_payment(card.id, amount=Decimal("20.00"), gateway_reference="cap_1")
    assert card.status == "partially_captured"
    card = shop.capture_payment(card.id, amount=Decimal("9.98"), gateway_reference="cap_2")
    assert card.status == "captured"
    summary = shop.order_payments(order.id)
    assert summary.status == "paid"
    assert (summary.total, summary.authorized, summary.captured, summary.refunded, summary.balance) == (
        Decimal("39.98"),
        Decimal("39.98"),
        Decimal("39.98"),
        Decimal("0.00"),
        Decimal("0.00"),
    )
    assert [payment.id for payment in summary.payments] == ["gift-1", "pay-0000000001"]

    card = shop.refund_payment(card.id, amount=Decimal("5.00"), gateway_reference="re_1")
    assert card.status == "partially_refunded"
    assert shop.order_payments(order.id).status == "partially_refunded"
    shop.refund_payment(card.id, amount=Decimal("24.98"), gateway_reference="re_2")
    shop.refund_payment(gift.id, amount=Decimal("10"), gateway_reference="gc-re-1")
    summary = shop.order_payments(order.id)
    assert (summary.status, summary.balance) == ("refunded", Decimal("39.98"))
    assert [t.action for t in shop.get_payment(card.id).transactions] == [
        "authorize",
        "capture",
        "capture",
        "refund",
        "refund",
    ]
    assert shop.audit().violations == []


def test_void_fail_and_overpaid(shop: oms.Oms, order: oms.Order) -> None:
    held = shop.authorize_payment(order.id, kind="card", amount=Decimal("39.98"), gateway_reference="a-1")
    held = shop.capture_payment(held.id, amount=Decimal("30"), gateway_reference="c-1")
    voided = shop.void_payment(held.id, gateway_reference="v-1")
    assert (voided.status, voided.voided) == ("captured", Decimal("9.98"))
    cod = shop.authorize_payment(order.id, kind="cash_on_delivery", amount=Decimal("9.98"), gateway_reference="cod-1")
    failed = shop.fail_payment(cod.id, gateway_reference="cod-refused", reason="parcel refused")
    assert (failed.status, failed.failure_reason) == ("failed", "parcel refused")
    assert shop.order_payments(order.id).status == "partially_paid"
    cash = shop.authorize_payment(order.id, kind="cash", amount=Decimal("20"), gateway_reference="till-1")
    shop.capture_payment(cash.id, amount=Decimal("20"), gateway_reference="till-1-cap")
    summary = shop.order_payments(order.id)
    assert (summary.status, summary.balance) == ("overpaid", Decimal("-10.02"))


def test_the_gateway_reference_makes_commands_idempotent(shop: oms.Oms, order: oms.Order) -> None:
    first = shop.authorize_payment(order.id, kind="card", amount=Decimal("39.98"), gateway_reference="ch_1")
    assert shop.authorize_payment(order.id, kind="card", amount=Decimal("39.980"), gateway_reference="ch_1") == first
    captured = shop.capture_payment(first.id, amount=Decimal("1"), gateway_reference="cap_1")
    events = len(shop.events_since(0))
    assert shop.capture_payment(first.id, amount=Decimal("1.00"), gateway_reference="cap_1") == captured
    assert len(shop.events_since(0)) == events
    with raises(oms.Rejected, "gateway_reference_reused", "gateway_reference") as info:
        shop.capture_payment(first.id, amount=Decimal("2"), gateway_reference="cap_1")
    assert info.value.details == {"reference": "cap_1", "payment": first.id}
    # The usual idempotency key too.
    keyed = shop.refund_payment(first.id, amount=Decimal("1"), gateway_reference="re_1", idempotency_key="k-1")
    assert shop.refund_payment(first.id, amount=Decimal("1"), gateway_reference="re_1", idempotency_key="k-1") == keyed
    with raises(oms.Rejected, "idempotency_key_reused"):
        shop.refund_payment(first.id, amount=Decimal("1"), gateway_reference="re_2", idempotency_key="k-1")


def test_records_are_plain_data_and_pickle(shop: oms.Oms, order: oms.Order) -> None:
    payment = shop.authorize_payment(order.id, kind="store_credit", amount=Decimal("5"), gateway_reference="sc-1")
    data = payment.to_dict()
    assert data["kind"] == "store_credit" and data["authorized"] == Decimal("5.00")
    assert data["transactions"][0]["action"] == "authorize"
    assert data["transactions"][0]["amount"] == Decimal("5.00")
    assert pickle.loads(pickle.dumps(payment)) == payment
    assert copy.deepcopy(payment) is payment
    summary = shop.order_payments(order.id)
    assert pickle.loads(pickle.dumps(summary)) == summary
    assert summary.to_dict()["payments"][0]["id"] == payment.id
    assert hash(summary) == hash(pickle.loads(pickle.dumps(summary)))
    assert "Payment(id='pay-0000000001'" in repr(payment)
    assert set(oms.PAYMENT_TRANSITIONS) >= {("authorized", "captured"), ("captured", "refunded")}
    assert {code for code in oms.ERROR_CODES if "payment" in code or "capture" in code} >= {
        "payment_not_found",
        "payment_exists",
        "capture_exceeds_authorized",
    }


BAD: list[tuple[str, Callable[[oms.Oms, str, str], Any], type, str, str | None]] = [
    (
        "capture above the authorized amount",
        lambda shop, order, card: shop.capture_payment(card, amount=Decimal("39.99"), gateway_reference="c-1"),
        oms.Rejected,
        "capture_exceeds_authorized",
        "amount",
    ),
    (
        "refund of an uncaptured payment",
        lambda shop, order, card: shop.refund_payment(card, amount=Decimal("1"), gateway_reference="r-1"),
        oms.Rejected,
        "illegal_transition",
        None,
    ),
    (
        "a tender in another currency",
        lambda shop, order, card: shop.authorize_payment(
            order, kind="card", amount=Decimal("1"), currency="EUR", gateway_reference="a-2"
        ),
        oms.InvalidInput,
        "currency_mismatch",
        "currency",
    ),
    (
        "an amount finer than the cent",
        lambda shop, order, card: shop.capture_payment(card, amount=Decimal("0.001"), gateway_reference="c-2"),
        oms.InvalidInput,
        "invalid_amount",
        "amount",
    ),
    (
        "a negative amount",
        lambda shop, order, card: shop.authorize_payment(
            order, kind="card", amount=Decimal("-1"), gateway_reference="a-3"
        ),
        oms.InvalidInput,
        "invalid_amount",
        "amount",
    ),
    (
        "a zero amount",
        lambda shop, order, card: shop.capture_payment(card, amount=0, gateway_reference="c-3"),
        oms.InvalidInput,
        "invalid_amount",
        "amount",
    ),
    (
        "a float",
        lambda shop, order, card: shop.capture_payment(card, amount=1.5, gateway_reference="c-4"),  # type: ignore[arg-type]
        oms.InvalidInput,
        "invalid_input",
        "amount",
    ),
    (
        "an unknown order",
        lambda shop, order, card: shop.authorize_payment(
            "ord-404", kind="card", amount=Decimal("1"), gateway_reference="a-4"
        ),
        oms.NotFound,
        "order_not_found",
        None,
    ),
    (
        "an unknown payment",
        lambda shop, order, card: shop.void_payment("pay-404", gateway_reference="v-1"),
        oms.NotFound,
        "payment_not_found",
        None,
    ),
    (
        "a reused gateway reference with a different amount",
        lambda shop, order, card: shop.authorize_payment(
            order, kind="card", amount=Decimal("20"), gateway_reference="ch_1"
        ),
        oms.Rejected,
        "gateway_reference_reused",
        "gateway_reference",
    ),
    (
        "an empty payment id",
        lambda shop, order, card: shop.authorize_payment(
            order, payment_id="", kind="card", amount=Decimal("1"), gateway_reference="a-5"
        ),
        oms.InvalidInput,
        "invalid_identifier",
        "payment_id",
    ),
    (
        "a payment id too long",
        lambda shop, order, card: shop.get_payment("p" * 65),
        oms.InvalidInput,
        "invalid_identifier",
        "payment_id",
    ),
    (
        "an unknown kind",
        lambda shop, order, card: shop.authorize_payment(
            order, kind="cheque", amount=Decimal("1"), gateway_reference="a-6"  # type: ignore[arg-type]
        ),
        oms.InvalidInput,
        "invalid_input",
        "kind",
    ),
    (
        "an empty gateway reference",
        lambda shop, order, card: shop.void_payment(card, gateway_reference=""),
        oms.InvalidInput,
        "invalid_identifier",
        "gateway_reference",
    ),
]


@pytest.mark.parametrize("what, call, exception, code, field", BAD, ids=[case[0] for case in BAD])
def test_bad_input_is_refused_and_changes_nothing(
    shop: oms.Oms,
    order: oms.Order,
    what: str,
    call: Callable[[oms.Oms, str, str], Any],
    exception: type,
    code: str,
    field: str | None,
) -> None:
    card = shop.authorize_payment(order.id, kind="card", amount=Decimal("39.98"), gateway_reference="ch_1")
    before = (shop.order_payments(order.id), shop.events_since(0))
    with raises(exception, code, field):
        call(shop, order.id, card.id)
    assert (shop.order_payments(order.id), shop.events_since(0)) == before


async def _async_flow() -> None:
    shop = oms.AsyncOms.in_memory()
    await shop.upsert_location(id="wh", kind="warehouse", region="EU")
    await shop.upsert_channel(id="eu", kind="web", currency="EUR", locations=["wh"])
    await shop.upsert_product(sku="MUG", name="Mug")
    await shop.receive_stock(sku="MUG", location="wh", quantity=1)
    placed = await shop.place_order(
        channel="eu", customer_email="ada@example.com", lines=[{"sku": "MUG", "quantity": 1, "unit_price": 12}]
    )
    payment = await shop.authorize_payment(placed.id, kind="card", amount=12, gateway_reference="a")
    await shop.capture_payment(payment.id, amount=12, gateway_reference="c")
    assert (await shop.order_payments(placed.id)).status == "paid"


def test_async_oms_takes_payments() -> None:
    import asyncio

    asyncio.run(_async_flow())


def test_the_literal_types_are_the_core_values(shop: oms.Oms, order: oms.Order) -> None:
    from typing import get_args

    assert set(get_args(oms.PaymentStatus)) == {status for edge in oms.PAYMENT_TRANSITIONS for status in edge}
    for number, kind in enumerate(get_args(oms.PaymentKind)):
        assert shop.authorize_payment(order.id, kind=kind, amount=1, gateway_reference=f"k-{number}").kind == kind
    payment = shop.get_payment("pay-0000000001")
    assert payment.transactions[0].action in get_args(oms.PaymentAction)
    assert shop.order_payments(order.id).status in get_args(oms.OrderPaymentStatus)
    assert set(get_args(oms.ErrorCode)) == set(oms.ERROR_CODES)
