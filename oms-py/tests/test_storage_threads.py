"""SQLite persistence across open(), concurrency with the GIL released, and the quickstart."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import threading
import time
from decimal import Decimal

import oms
from conftest import line, stock_shop


def test_sqlite_persists_across_open(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "shop.db"
    shop = stock_shop(oms.Oms.open(str(path)))
    order = shop.place_order(channel="web", customer_email="ada@example.com", lines=[line(quantity=2)],
                             idempotency_key="checkout-1")
    del shop
    reopened = oms.Oms.open(path)  # os.PathLike is accepted too
    assert reopened.get_order(order.id) == order
    assert reopened.available(sku="TEE-M", channel="web") == 8
    again = reopened.place_order(channel="web", customer_email="ada@example.com", lines=[line(quantity=2)],
                                 idempotency_key="checkout-1")
    assert again.id == order.id
    assert reopened.audit().violations == []
    assert oms.Oms.open(f"sqlite:{path}").get_order(order.id).total == Decimal("39.98")


def test_in_memory_target() -> None:
    shop = oms.Oms.open(":memory:")
    assert shop.stock_levels() == []


def test_threads_never_allocate_more_than_received(tmp_path: pathlib.Path) -> None:
    shop = oms.Oms.open(str(tmp_path / "race.db"))
    shop.upsert_location(id="wh", kind="warehouse", region="US")
    shop.upsert_channel(id="web", kind="web", currency="USD", locations=["wh"])
    shop.upsert_product(sku="HOT", name="Limited edition")
    shop.receive_stock(sku="HOT", location="wh", quantity=25)
    placed: list = []
    refused: list = []
    unexpected: list = []
    lock = threading.Lock()

    def buyer(number: int) -> None:
        for attempt in range(8):
            try:
                order = shop.place_order(channel="web", customer_email=f"b{number}@example.com",
                                         lines=[line(sku="HOT", quantity=1, unit_price=Decimal("5"))])
                with lock:
                    placed.append(order.id)
            except oms.OmsError as error:
                with lock:
                    (refused if error.code in ("insufficient_stock", "conflict") else unexpected).append(error)

    threads = [threading.Thread(target=buyer, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert unexpected == []
    assert len(placed) == 25 and len(set(placed)) == 25
    level = shop.stock_level(sku="HOT", location="wh")
    assert (level.on_hand, level.allocated, level.available) == (25, 25, 0)
    assert shop.audit().violations == []


HOLD_WRITE_LOCK = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline()
connection.execute("COMMIT")
"""


def test_gil_is_released_while_the_core_works(tmp_path: pathlib.Path) -> None:
    # Another connection holds SQLite's write lock, so a core write waits for
    # it inside the core. The main thread can only run meanwhile (and release
    # the lock) if the waiting call released the GIL; otherwise the call would
    # time out holding it.
    path = tmp_path / "gil.db"
    shop = stock_shop(oms.Oms.open(str(path)))
    # The lock is taken in another process: POSIX locks do not conflict
    # between two SQLite libraries inside one process.
    blocker = subprocess.Popen(
        [sys.executable, "-c", HOLD_WRITE_LOCK, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert blocker.stdout is not None and blocker.stdin is not None
    assert blocker.stdout.readline().strip() == "locked"
    outcome: list = []

    def receive() -> None:
        try:
            outcome.append(shop.receive_stock(sku="MUG", location="wh-east", quantity=1))
        except oms.OmsError as error:
            outcome.append(error)

    worker = threading.Thread(target=receive)
    started = time.monotonic()
    worker.start()
    time.sleep(0.3)
    waiting = worker.is_alive()
    blocker.stdin.write("release\n")
    blocker.stdin.flush()
    assert blocker.wait(timeout=20) == 0
    worker.join(timeout=20)
    assert waiting and time.monotonic() - started < 10
    assert len(outcome) == 1 and isinstance(outcome[0], oms.StockLevel), outcome
    assert outcome[0].on_hand == 11


def test_quickstart_runs_in_a_fresh_directory(tmp_path: pathlib.Path) -> None:
    script = pathlib.Path(__file__).resolve().parent.parent / "examples" / "quickstart.py"
    result = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ}, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "quickstart.db").exists()


def test_threads_placing_orders_and_reservations_never_oversell(tmp_path: pathlib.Path) -> None:
    # 8 writers on one SQLite-backed service, each alternating orders and
    # checkout reservations for one hot SKU: what they are granted never exceeds on
    # hand, and the buckets agree with what they were granted and the ledger.
    shop = oms.Oms.open(str(tmp_path / "hot.db"))
    shop.upsert_location(id="wh", kind="warehouse", region="US")
    shop.upsert_channel(id="web", kind="web", currency="USD", locations=["wh"])
    shop.upsert_product(sku="HOT", name="Limited edition")
    shop.receive_stock(sku="HOT", location="wh", quantity=40)
    granted = {"allocated": 0, "reserved": 0}
    unexpected: list = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def writer(number: int) -> None:
        start.wait()
        for attempt in range(10):
            quantity = 1 + (number + attempt) % 2
            try:
                if attempt % 2 == 0:
                    order = shop.place_order(channel="web", customer_email=f"w{number}@example.com",
                                             lines=[line(sku="HOT", quantity=quantity, unit_price=Decimal("5"))])
                    with lock:
                        granted["allocated"] += order.lines[0].allocated
                else:
                    reservation = shop.reserve_stock(reservation_id=f"cart-{number}-{attempt}", channel="web",
                                                     lines=[{"sku": "HOT", "quantity": quantity}], ttl_seconds=3600)
                    with lock:
                        granted["reserved"] += sum(a.quantity for a in reservation.lines[0].allocations)
            except oms.OmsError as error:
                if error.code not in ("insufficient_stock", "conflict"):
                    with lock:
                        unexpected.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert unexpected == []
    level = shop.stock_level(sku="HOT", location="wh")
    assert level.allocated + level.reserved <= level.on_hand == 40
    assert (level.allocated, level.reserved) == (granted["allocated"], granted["reserved"])
    assert granted["allocated"] > 0 and granted["reserved"] > 0
    assert shop.available(sku="HOT", channel="web") == 40 - granted["allocated"] - granted["reserved"]
    assert shop.audit().violations == []


def test_group_commit_threads_get_durable_orders(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "grouped.db"
    shop = stock_shop(oms.Oms.open(f"sqlite:{path}?group_commit=16"))
    shop.receive_stock(sku="TEE-M", location="wh-east", quantity=40)
    placed: list[str] = []

    def buy(worker: int) -> None:
        for n in range(5):
            order = shop.place_order(channel="web", customer_email=f"w{worker}@example.com", lines=[line(quantity=1)],
                                     idempotency_key=f"grouped-{worker}-{n}")
            placed.append(order.id)

    threads = [threading.Thread(target=buy, args=(worker,)) for worker in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(placed)) == 40
    reopened = oms.Oms.open(str(path))  # without group commit: every acknowledged order is there
    assert all(reopened.get_order(order_id).status == "allocated" for order_id in placed)
    assert reopened.audit().violations == []


def test_sqlite_options_are_checked(tmp_path: pathlib.Path) -> None:
    for bad in ["group_commit=0", "group_commit=many", "synchronous=off", "cache=big"]:
        try:
            oms.Oms.open(f"sqlite:{tmp_path / 'x.db'}?{bad}")
            raise AssertionError(f"accepted {bad}")
        except oms.InvalidInput as error:
            assert error.code == "invalid_input"
    assert oms.Oms.open(f"sqlite:{tmp_path / 'y.db'}?synchronous=normal&group_commit=8").stock_levels() == []
