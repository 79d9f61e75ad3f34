"""Replaying the event log (verify_replay) and the units-sold projection, as a
Python service would call them, in memory and on SQLite."""

from __future__ import annotations

import pathlib
import pickle
import sqlite3

import pytest

import oms
from conftest import line, raises, stock_shop


@pytest.fixture(params=["memory", "sqlite"])
def shop(request: pytest.FixtureRequest, tmp_path: pathlib.Path) -> oms.Oms:
    target = ":memory:" if request.param == "memory" else str(tmp_path / "shop.db")
    return stock_shop(oms.Oms.open(target))


def test_every_order_replays_from_its_events(shop: oms.Oms) -> None:
    first = shop.place_order(channel="web", customer_email="ada@example.com", lines=[line(quantity=3), line("MUG")])
    shop.cancel_lines(first.id, lines=[{"line_number": 1, "quantity": 1}])
    shop.hold_order(first.id, reason="fraud review")
    second = shop.place_order(channel="web", customer_email="bob@example.com", lines=[line(quantity=2)])
    shop.cancel_order(second.id, reason="changed their mind")
    report = shop.verify_replay()
    assert report.mismatches == [] and report.orders_checked == 2 and report.orders_not_replayable == 0
    assert report.events_read == len(shop.events_since(0, limit=1000))
    assert "order_cancelled" in oms.EVENT_TYPES
    assert [event.type for event in shop.events_since(0, limit=1000)].count("order_cancelled") == 1
    assert pickle.loads(pickle.dumps(report)) == report and report.to_dict()["orders_checked"] == 2


def test_units_sold_follow_orders_and_cancellations(shop: oms.Oms) -> None:
    assert shop.units_sold(sku="TEE-M", channel="web") == 0
    order = shop.place_order(channel="web", customer_email="ada@example.com", lines=[line(quantity=3), line("MUG")])
    assert shop.units_sold(sku="TEE-M", channel="web") == 3
    shop.cancel_lines(order.id, lines=[{"line_number": 1, "quantity": 2}])
    assert shop.units_sold(sku="TEE-M", channel="web") == 1
    shop.cancel_order(order.id)
    assert (shop.units_sold(sku="TEE-M", channel="web"), shop.units_sold(sku="MUG", channel="web")) == (0, 0)
    with raises(oms.InvalidInput, "invalid_identifier", "sku"):
        shop.units_sold(sku="", channel="web")
    with raises(oms.InvalidInput, "invalid_input", "channel"):
        shop.units_sold(sku="TEE-M", channel=7)  # type: ignore[arg-type]


def test_a_hand_edited_order_is_reported(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "shop.db"
    shop = stock_shop(oms.Oms.open(str(path)))
    order = shop.place_order(channel="web", customer_email="ada@example.com", lines=[line()])
    shop.close()
    edit = "replace({0}, '\"hold_reason\":null', '\"hold_reason\":\"x\"')"
    with sqlite3.connect(path) as connection:
        # The order lives in the first schema's table or, on the storage contract, as a document.
        edited = connection.execute(f"UPDATE orders SET doc = {edit.format('doc')}").rowcount
        edited += connection.execute(
            f"UPDATE documents SET body = {edit.format('body')} WHERE kind = 'order'"
        ).rowcount
    assert edited == 1
    report = oms.Oms.open(str(path)).verify_replay()
    assert len(report.mismatches) == 1 and report.mismatches[0].startswith(order.id)
