"""close() and the context manager: a closed store refuses every call with
StorageError (store_closed), closing twice is harmless, a closed SQLite file
reopens with its data, and close() waits for the calls in flight."""

from __future__ import annotations

import pathlib
import threading
from typing import Any, List

import pytest

import oms
from conftest import line, raises, stock_shop


def test_a_call_after_close_raises_store_closed(shop: oms.Oms) -> None:
    order = shop.place_order(channel="web", customer_email="ada@example.com", lines=[line()])
    assert not shop.closed
    shop.close()
    assert shop.closed and repr(shop) == "<oms.Oms (closed)>"
    for call in [
        lambda: shop.get_order(order.id),
        lambda: shop.place_order(channel="web", customer_email="ada@example.com", lines=[line()]),
        lambda: shop.list_products(),
        lambda: shop.audit(),
        lambda: shop.events_since(),
    ]:
        with raises(oms.StorageError, "store_closed") as info:
            call()
        assert info.value.category == "storage" and info.value.details == {} and info.value.field is None
    shop.close()  # twice is fine
    assert shop.closed


def test_bad_input_on_a_closed_store_is_still_reported(shop: oms.Oms) -> None:
    shop.close()
    with raises(oms.InvalidInput, "invalid_input", "sku"):
        shop.get_product(7)


def test_with_closes_on_exit_and_the_file_reopens(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "shop.db"
    with oms.Oms.open(path) as shop:
        stock_shop(shop)
        order = shop.place_order(channel="web", customer_email="ada@example.com", lines=[line(quantity=2)])
    assert shop.closed
    with raises(oms.StorageError, "store_closed"):
        shop.available(sku="TEE-M", channel="web")
    with oms.Oms.open(str(path)) as again:
        assert again.get_order(order.id) == order
        assert again.available(sku="TEE-M", channel="web") == 8
        assert again.audit().violations == []


def test_with_closes_when_the_block_raises(tmp_path: pathlib.Path) -> None:
    with pytest.raises(RuntimeError, match="boom"):
        with oms.Oms.open(tmp_path / "shop.db") as shop:
            raise RuntimeError("boom")
    assert shop.closed


def test_close_waits_for_calls_in_flight_on_other_threads(tmp_path: pathlib.Path) -> None:
    shop = stock_shop(oms.Oms.open(tmp_path / "shop.db"))
    shop.receive_stock(sku="MUG", location="wh-east", quantity=990)
    outcomes: List[Any] = []
    started = threading.Barrier(5)

    def buy() -> None:
        started.wait()
        for _ in range(200):
            try:
                outcomes.append(shop.place_order(channel="web", customer_email="ada@example.com",
                                                 lines=[line(sku="MUG")]))
            except oms.StorageError as error:
                outcomes.append(error.code)

    threads = [threading.Thread(target=buy) for _ in range(4)]
    for thread in threads:
        thread.start()
    started.wait()
    shop.close()
    for thread in threads:
        thread.join()
    placed = [outcome for outcome in outcomes if isinstance(outcome, oms.Order)]
    refused = [outcome for outcome in outcomes if not isinstance(outcome, oms.Order)]
    assert set(refused) <= {"store_closed"} and len(placed) + len(refused) == 800
    # Every order that was acknowledged is in the file, and nothing else.
    with oms.Oms.open(tmp_path / "shop.db") as again:
        assert again.stock_level(sku="MUG", location="wh-east").allocated == len(placed)
        assert again.audit().violations == []


def test_open_refuses_a_bad_target_or_clock(tmp_path: pathlib.Path) -> None:
    with raises(oms.InvalidInput, "invalid_input", "target"):
        oms.Oms.open(42)  # type: ignore[arg-type]
    with raises(oms.InvalidInput, "invalid_input", "clock"):
        oms.Oms.open(tmp_path / "a.db", clock="2026-01-01")  # type: ignore[arg-type]
    with raises(oms.InvalidInput, "invalid_input", "clock"):
        oms.Oms.in_memory(clock=object())  # type: ignore[arg-type]
    assert not (tmp_path / "a.db").exists()
