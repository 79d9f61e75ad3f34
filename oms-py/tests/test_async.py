"""oms.AsyncOms: the service's methods as coroutines that run off the event
loop; async with / aclose(); concurrent orders on SQLite never oversell."""

from __future__ import annotations

import asyncio
import pathlib
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any, List

import pytest

import oms
from conftest import line, raises, stock_shop


async def set_up(shop: oms.AsyncOms, units: int) -> None:
    await shop.upsert_location(id="wh-east", kind="warehouse", region="US-NY")
    await shop.upsert_location(id="store-soho", kind="store", region="US-NY")
    await shop.upsert_channel(id="web", kind="web", currency="USD", locations=["wh-east", "store-soho"])
    await shop.upsert_product(sku="TEE-M", name="T-shirt, medium")
    await shop.receive_stock(sku="TEE-M", location="wh-east", quantity=units)


def test_concurrent_orders_on_sqlite_never_oversell(tmp_path: pathlib.Path) -> None:
    async def main() -> List[Any]:
        executor = ThreadPoolExecutor(max_workers=8)
        async with await oms.AsyncOms.open(tmp_path / "shop.db", executor=executor) as shop:
            await set_up(shop, units=25)

            async def buy(number: int) -> Any:
                try:
                    return await shop.place_order(channel="web", customer_email=f"c{number}@example.com",
                                                  lines=[line(quantity=1 + number % 3)],
                                                  idempotency_key=f"checkout-{number}")
                except oms.Rejected as error:
                    return error

            outcomes = await asyncio.gather(*(buy(number) for number in range(40)))
            level = await shop.stock_levels(sku="TEE-M")
            assert sum(stock.allocated for stock in level) == sum(
                outcome.lines[0].allocated for outcome in outcomes if isinstance(outcome, oms.Order))
            assert all(stock.available >= 0 for stock in level)
            assert (await shop.audit()).violations == []
        executor.shutdown()
        assert shop.closed
        return outcomes

    outcomes = asyncio.run(main())
    placed = [outcome for outcome in outcomes if isinstance(outcome, oms.Order)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, oms.OmsError)]
    assert len(placed) + len(refused) == 40 and placed and refused
    assert sum(order.lines[0].quantity for order in placed) <= 25
    assert {error.code for error in refused} == {"insufficient_stock"}
    assert all(error.details["available"] < error.details["requested"] for error in refused)


def test_every_call_runs_off_the_event_loop_and_returns_the_records() -> None:
    async def main() -> None:
        loop_thread = asyncio.get_running_loop()
        clock = oms.ManualClock(datetime(2026, 1, 1, tzinfo=timezone.utc))
        shop = oms.AsyncOms.in_memory(clock=clock)
        await set_up(shop, units=10)
        order = await shop.place_order(channel="web", customer_email="ada@example.com",
                                       lines=[line(quantity=2)], order_discount=Decimal("1.00"))
        assert order.total == Decimal("38.98") and order == await shop.get_order(order.id)
        assert [o.id for o in await shop.list_orders()] == [order.id]
        assert (await shop.get_product("TEE-M")).name == "T-shirt, medium"
        assert len(await shop.list_products(limit=1)) == 1
        assert [c.id for c in await shop.list_channels()] == ["web"]
        assert (await shop.get_location("wh-east")).kind == "warehouse"
        await shop.reserve_stock(reservation_id="cart-1", channel="web", lines=[{"sku": "TEE-M", "quantity": 1}],
                              ttl_seconds=60)
        clock.advance(61)
        assert await shop.expire_reservations() == ["cart-1"]
        assert await shop.available(sku="TEE-M", channel="web") == 8
        assert shop.sync.available(sku="TEE-M", channel="web") == 8
        cancelled = await shop.cancel_order(order.id, reason="changed mind")
        assert cancelled.status == "cancelled" and (await shop.order_status_counts()) == {"cancelled": 1}
        assert loop_thread is asyncio.get_running_loop()
        await shop.aclose()
        await shop.aclose()
        assert shop.closed and repr(shop) == "<oms.AsyncOms (closed)>"

    asyncio.run(main())


def test_errors_surface_from_the_coroutine() -> None:
    async def main() -> None:
        async with oms.AsyncOms.in_memory() as shop:
            with raises(oms.NotFound, "order_not_found") as info:
                await shop.get_order("ord-404")
            assert info.value.details == {"id": "ord-404"}
            with raises(oms.InvalidInput, "invalid_input", "lines[0].unit_price"):
                await shop.place_order(channel="web", customer_email="a@example.com", lines=[line(unit_price=1.5)])
            with raises(oms.InvalidInput, "invalid_input", "target"):
                await oms.AsyncOms.open(3.14)  # type: ignore[arg-type]
        with raises(oms.StorageError, "store_closed"):
            await shop.list_locations()

    asyncio.run(main())


def test_wrapping_a_service_shares_its_store() -> None:
    blocking = stock_shop(oms.Oms.in_memory())
    shop = oms.AsyncOms(blocking)
    assert asyncio.run(shop.available(sku="MUG", channel="web")) == 10
    with pytest.raises(TypeError):
        oms.AsyncOms("shop.db")  # type: ignore[arg-type]
