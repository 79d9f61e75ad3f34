"""events_since, audit, and the module constants."""

from __future__ import annotations

from decimal import Decimal

import pytest

import oms
from conftest import line, raises


def test_events_since_reads_by_cursor(shop: oms.Oms) -> None:
    events = shop.events_since()
    assert [e.type for e in events][:3] == ["location_upserted", "location_upserted", "channel_upserted"]
    assert [e.sequence for e in events] == list(range(1, len(events) + 1))
    assert events[0].data == {"location": "wh-east", "kind": "warehouse", "region": "US-NY"}
    assert events[0].occurred_at.tzinfo is not None
    cursor = events[-1].sequence
    order = shop.place_order(channel="web", customer_email="ada@example.com", lines=[line(quantity=2)])
    new = shop.events_since(cursor)
    placed = next(e for e in new if e.type == "order_placed")
    assert placed.data["order_id"] == order.id
    assert placed.data["total"] == {"amount": "39.98", "currency": "USD"}
    assert placed.data["line_count"] == 1
    assert any(e.type == "stock_allocated" and e.data["quantity"] == 2 for e in new)
    assert shop.events_since(cursor=new[-1].sequence) == []
    assert len(shop.events_since(0, 2)) == 2
    assert "order_placed" in repr(placed)


@pytest.mark.parametrize(
    "arguments, code, field",
    [
        ({"cursor": -1}, "invalid_input", "cursor"),
        ({"cursor": 1.5}, "invalid_input", "cursor"),
        ({"cursor": "0"}, "invalid_input", "cursor"),
        ({"limit": 0}, "invalid_input", "limit"),
        ({"limit": 1001}, "limit_exceeded", "limit"),
    ],
)
def test_events_since_bad_input(shop: oms.Oms, arguments: dict, code: str, field: str) -> None:
    with raises(oms.InvalidInput, code, field):
        shop.events_since(**arguments)


def test_audit_is_clean(shop: oms.Oms) -> None:
    shop.place_order(channel="web", customer_email="ada@example.com", lines=[line(quantity=2)])
    report = shop.audit()
    assert report.violations == []
    assert report.orders_checked == 1 and report.stock_levels_checked == 2
    assert "AuditReport" in repr(report)


def test_order_transitions_are_data() -> None:
    assert ("placed", "allocated") in oms.ORDER_TRANSITIONS
    assert ("on_hold", "cancelled") in oms.ORDER_TRANSITIONS
    assert ("cancelled", "allocated") not in oms.ORDER_TRANSITIONS
    assert all(isinstance(edge, tuple) and len(edge) == 2 for edge in oms.ORDER_TRANSITIONS)
    assert not any(source == "cancelled" for source, _ in oms.ORDER_TRANSITIONS)


def test_error_codes() -> None:
    expected = {
        "invalid_input", "invalid_quantity", "invalid_amount", "invalid_identifier", "unknown_currency",
        "currency_mismatch", "limit_exceeded", "malformed_json", "product_not_found", "location_not_found",
        "channel_not_found", "order_not_found", "order_line_not_found", "stock_level_not_found",
        "insufficient_stock", "illegal_transition", "rejected", "idempotency_key_reused", "conflict",
        "storage_error", "storage_unavailable", "internal_error", "pickup_not_offered",
        "location_not_permitted", "reservation_not_found", "transfer_not_found", "storage_outcome_unknown",
        "clock_unusable", "store_closed", "shipment_not_found", "payment_not_found", "gateway_reference_reused",
        "capture_exceeds_authorized", "refund_exceeds_captured", "payment_exists", "payment_required",
        "line_picked", "store_not_found",
    }
    assert set(oms.ERROR_CODES) == expected
    assert len(oms.ERROR_CODES) == len(expected)


def test_exception_tree() -> None:
    assert issubclass(oms.InvalidInput, oms.OmsError) and issubclass(oms.InvalidInput, ValueError)
    assert issubclass(oms.NotFound, oms.OmsError) and issubclass(oms.NotFound, LookupError)
    for cls in (oms.Rejected, oms.Conflict, oms.StorageError):
        assert issubclass(cls, oms.OmsError) and not issubclass(cls, (ValueError, LookupError))
    assert issubclass(oms.OmsError, Exception)
    assert oms.InvalidInput.__module__ == "oms" and oms.InvalidInput.__name__ == "InvalidInput"


def test_exception_attributes(shop: oms.Oms) -> None:
    with pytest.raises(ValueError) as invalid:
        shop.place_order(channel="web", customer_email="a@b.co", lines=[line(unit_price=1.5)])
    error = invalid.value
    assert isinstance(error, oms.InvalidInput)
    assert (error.code, error.field, error.category) == ("invalid_input", "lines[0].unit_price", "invalid_input")
    assert str(error).startswith("lines[0].unit_price: ")
    with pytest.raises(LookupError) as missing:
        shop.get_order("ord-0000000404")
    assert isinstance(missing.value, oms.NotFound)
    assert (missing.value.code, missing.value.field, missing.value.category) == ("order_not_found", None, "not_found")
    with pytest.raises(oms.Rejected) as rejected:
        shop.place_order(channel="web", customer_email="a@b.co", lines=[line(quantity=99)])
    assert rejected.value.category == "rejected" and "insufficient stock" in str(rejected.value)
    with pytest.raises(oms.InvalidInput) as amount:
        shop.place_order(channel="web", customer_email="a@b.co", lines=[line(unit_price=Decimal("1.001"))])
    assert amount.value.code in oms.ERROR_CODES


def test_storage_errors_are_storage_error(tmp_path: object) -> None:
    with raises(oms.StorageError, "storage_unavailable"):
        oms.Oms.open("postgres://localhost/oms")
    with pytest.raises(oms.OmsError) as info:
        oms.Oms.open(str(tmp_path))  # a directory, not a database file
    assert info.value.category == "storage"
    with raises(oms.InvalidInput, "invalid_input", "target"):
        oms.Oms.open(42)
