"""oms.ManualClock: a clock the caller moves. Checkout reservations expire on it
without sleeping; times on records read from it."""

from __future__ import annotations

import pathlib
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

import oms
from conftest import line, raises, stock_shop

START = datetime(2026, 1, 1, tzinfo=timezone.utc)


def test_the_clock_reads_what_it_was_set_to_and_moves_when_told() -> None:
    clock = oms.ManualClock(START)
    assert clock.now() == START and clock.now().tzinfo is not None
    assert clock.advance(seconds=61) == START + timedelta(seconds=61)
    assert clock.advance(timedelta(minutes=2, microseconds=5)) == START + timedelta(seconds=181, microseconds=5)
    clock.advance(-181)
    assert clock.now() == START + timedelta(microseconds=5)
    assert repr(oms.ManualClock(START)) == "ManualClock(2026-01-01T00:00:00+00:00)"


def test_an_aware_datetime_in_another_zone_is_read_as_utc() -> None:
    new_york = timezone(timedelta(hours=-5))
    clock = oms.ManualClock(datetime(2026, 1, 1, 7, 0, tzinfo=new_york))
    assert clock.now() == datetime(2026, 1, 1, 12, 0, tzinfo=timezone.utc)
    assert clock.now().utcoffset() == timedelta(0)


@pytest.mark.parametrize("at", [datetime(2026, 1, 1), "2026-01-01T00:00:00Z", 1767225600, None,
                                START.date()])
def test_a_naive_datetime_or_anything_else_is_invalid_input(at: Any) -> None:
    with raises(oms.InvalidInput, "invalid_input", "at"):
        oms.ManualClock(at)


@pytest.mark.parametrize("by", [1.5, True, "60", None, Decimal("60"), 10**30, 2**62])
def test_advance_takes_int_seconds_or_a_timedelta(by: Any) -> None:
    clock = oms.ManualClock(START)
    with raises(oms.InvalidInput, "invalid_input", "seconds"):
        clock.advance(by)
    assert clock.now() == START


def test_advancing_past_the_years_a_datetime_holds_is_refused() -> None:
    clock = oms.ManualClock(START)
    with raises(oms.InvalidInput, "invalid_input", "seconds"):
        clock.advance(timedelta(days=999_999_999))
    late = oms.ManualClock(datetime(9999, 12, 31, 23, 59, tzinfo=timezone.utc))
    with raises(oms.InvalidInput, "invalid_input", "seconds"):
        late.advance(3600)
    early = oms.ManualClock(datetime(1, 1, 1, 0, 1, tzinfo=timezone.utc))
    with raises(oms.InvalidInput, "invalid_input", "seconds"):
        early.advance(-3600)
    assert clock.now() == START and late.now().year == 9999 and early.now().year == 1


def test_records_are_stamped_by_the_clock(tmp_path: pathlib.Path) -> None:
    clock = oms.ManualClock(START)
    shop = stock_shop(oms.Oms.open(tmp_path / "shop.db", clock=clock))
    order = shop.place_order(channel="web", customer_email="ada@example.com", lines=[line()])
    clock.advance(3600)
    held = shop.hold_order(order.id, reason="fraud review")
    assert order.created_at == START and held.updated_at == START + timedelta(hours=1)
    assert shop.events_since()[-1].occurred_at == START + timedelta(hours=1)


def test_a_checkout_reservation_expires_when_the_clock_passes_its_ttl() -> None:
    clock = oms.ManualClock(START)
    shop = stock_shop(oms.Oms.in_memory(clock=clock))
    reservation = shop.reserve_stock(reservation_id="cart-1", channel="web", lines=[{"sku": "TEE-M", "quantity": 4}],
                                     ttl_seconds=60)
    assert reservation.expires_at == START + timedelta(seconds=60)
    assert shop.available(sku="TEE-M", channel="web") == 6
    clock.advance(seconds=59)
    assert shop.expire_reservations() == [] and shop.available(sku="TEE-M", channel="web") == 6
    clock.advance(seconds=2)
    assert shop.expire_reservations() == ["cart-1"]
    assert shop.available(sku="TEE-M", channel="web") == 10
    assert shop.get_reservation("cart-1").status == "expired"


def test_a_sale_sweeps_expired_reservations_first() -> None:
    clock = oms.ManualClock(START)
    shop = stock_shop(oms.Oms.in_memory(clock=clock))
    shop.reserve_stock(reservation_id="cart-1", channel="web", lines=[{"sku": "TEE-M", "quantity": 10}], ttl_seconds=60)
    with raises(oms.Rejected, "insufficient_stock"):
        shop.place_order(channel="web", customer_email="bob@example.com", lines=[line()])
    clock.advance(timedelta(seconds=61))
    order = shop.place_order(channel="web", customer_email="bob@example.com", lines=[line(quantity=10)])
    assert order.status == "allocated" and shop.get_reservation("cart-1").status == "expired"


def test_one_clock_serves_two_shops() -> None:
    clock = oms.ManualClock(START)
    first, second = oms.Oms.in_memory(clock=clock), oms.Oms.in_memory(clock=clock)
    clock.advance(10)
    assert first.upsert_product(sku="A", name="a") == second.upsert_product(sku="A", name="a")
    assert first.events_since()[0].occurred_at == START + timedelta(seconds=10)


def test_a_clock_wound_back_before_1970_makes_commands_clock_unusable() -> None:
    clock = oms.ManualClock(datetime(1970, 1, 1, 0, 0, 30, tzinfo=timezone.utc))
    shop = stock_shop(oms.Oms.in_memory(clock=clock))
    clock.advance(-60)
    with raises(oms.StorageError, "clock_unusable"):
        shop.place_order(channel="web", customer_email="ada@example.com", lines=[line()])
    clock.advance(60)
    assert shop.place_order(channel="web", customer_email="ada@example.com", lines=[line()]).status == "allocated"
