"""The PostgreSQL backend through the Python binding: the quickstart, persistence,
bad input, and several OS processes on one schema (no oversell, exactly-once
idempotency keys, concurrent migrations).

The server comes from OMS_TEST_POSTGRES_URL (default
postgres://postgres@127.0.0.1:5432/test). Without a reachable server these
tests skip, unless CI=true, where they must run. Every test works in a fresh
schema named t_py_<pid>_<run>_<random>, dropped (with psql) when it ends; a
last sweep drops whatever this run's schemas are left.
"""

from __future__ import annotations

import gc
import json
import os
import pathlib
import secrets
import selectors
import shutil
import subprocess
import sys
import threading
import time
import warnings
from decimal import Decimal
from typing import Any, Callable, Dict, Iterator, List

import pytest

import oms
from conftest import line, raises

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test"
WORKER = pathlib.Path(__file__).resolve().parent / "postgres_worker.py"
# Every schema this run creates starts with this, and only those are dropped.
RUN_PREFIX = f"t_py_{os.getpid()}_{secrets.token_hex(3)}"
PROCESSES = 8


def base_url() -> str:
    return os.environ.get("OMS_TEST_POSTGRES_URL") or DEFAULT_URL


def with_schema(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}schema={schema}"


def unreachable_message(url: str) -> str:
    return (f"PostgreSQL at {url} is not reachable; start a server or set OMS_TEST_POSTGRES_URL "
            "to run these tests")


def psql(url: str, sql: str) -> str:
    """Runs SQL with psql (the venv has no PostgreSQL client library); returns its unaligned output."""
    # psql does not know the schema parameter, which is oms's own.
    base, _, query = url.partition("?")
    kept = [pair for pair in query.split("&") if pair and not pair.startswith("schema=")]
    target = base + ("?" + "&".join(kept) if kept else "")
    result = subprocess.run(
        ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", target, "-c", sql],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "PGOPTIONS": "-c client_min_messages=warning"},
    )
    if result.returncode != 0:
        raise RuntimeError(f"psql failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


def drop_schemas(url: str, names: List[str]) -> None:
    names = [name for name in names if name.startswith(RUN_PREFIX)]
    if not names:
        return
    if shutil.which("psql") is None:
        warnings.warn(f"psql is not installed: schemas {names} are left in {url}")
        return
    gc.collect()  # let go of pooled connections of shops the test dropped
    psql(url, "; ".join(f"DROP SCHEMA IF EXISTS {name} CASCADE" for name in names))


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The server's URL, once it answered; skips (or, with CI=true, fails) when it does not."""
    url = base_url()
    try:
        oms.Oms.open(with_schema(url, f"{RUN_PREFIX}_probe"))
    except oms.OmsError as error:
        if error.code != "storage_unavailable":
            raise
        if os.environ.get("CI") == "true":
            pytest.fail(f"{unreachable_message(url)} (CI=true, so they must run: {error})")
        pytest.skip(unreachable_message(url))
    yield url
    # A last sweep for this run's schemas a test could not drop.
    if shutil.which("psql") is not None:
        left = psql(url, "SELECT nspname FROM pg_namespace "
                         f"WHERE left(nspname, {len(RUN_PREFIX)}) = '{RUN_PREFIX}'").split()
        drop_schemas(url, left)


@pytest.fixture
def new_schema(postgres_url: str) -> Iterator[Callable[[], str]]:
    """A factory of URLs, each naming a fresh schema that is dropped when the test ends."""
    created: List[str] = []

    def make() -> str:
        schema = f"{RUN_PREFIX}_{secrets.token_hex(4)}"
        created.append(schema)
        return with_schema(postgres_url, schema)

    yield make
    drop_schemas(postgres_url, created)


@pytest.fixture
def pg_url(new_schema: Callable[[], str]) -> str:
    return new_schema()


def hot_shop(shop: oms.Oms, stock: int) -> oms.Oms:
    shop.upsert_location(id="wh", kind="warehouse", region="US")
    shop.upsert_channel(id="web", kind="web", currency="USD", locations=["wh"])
    shop.upsert_product(sku="HOT", name="Limited edition")
    shop.receive_stock(sku="HOT", location="wh", quantity=stock)
    return shop


def all_orders(shop: oms.Oms) -> List[oms.Order]:
    orders: List[oms.Order] = []
    after = None
    while True:
        page = shop.list_orders(after=after, limit=100)
        orders.extend(page.orders)
        if page.next_cursor is None:
            return orders
        after = page.next_cursor


def run_workers(jobs: List[Dict[str, Any]], timeout: float = 60) -> List[Dict[str, Any]]:
    """Starts one OS process per job, lets them all go at once, and returns what each printed."""
    deadline = time.monotonic() + timeout
    workers = [
        subprocess.Popen([sys.executable, str(WORKER), json.dumps(job)], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for job in jobs
    ]
    try:
        for number, worker in enumerate(workers):
            assert worker.stdout is not None
            with selectors.DefaultSelector() as selector:
                selector.register(worker.stdout, selectors.EVENT_READ)
                ready = selector.select(max(0.0, deadline - time.monotonic()))
            said = worker.stdout.readline() if ready else ""
            if said.strip() != "ready":
                worker.kill()
                _, error = worker.communicate()
                pytest.fail(f"worker {number} did not start (said {said!r}): {error}")
        for worker in workers:
            assert worker.stdin is not None
            worker.stdin.write("go\n")
            worker.stdin.flush()
        results = []
        for number, worker in enumerate(workers):
            out, error = worker.communicate(timeout=max(1.0, deadline - time.monotonic()))
            assert worker.returncode == 0, f"worker {number} failed:\n{error}"
            results.append(json.loads(out.strip().splitlines()[-1]))
        return results
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()


# Bad input: no server needed.


def test_a_bad_schema_name_is_invalid_input() -> None:
    for schema in ["Shop", "1shop", "", "shop-1", "shop;drop", "a" * 64, "ümlaut"]:
        with raises(oms.InvalidInput, "invalid_input", "schema"):
            oms.Oms.open(with_schema(DEFAULT_URL, schema))


def test_reserved_words_and_system_schemas_are_invalid_input() -> None:
    # Refused before any connection: PostgreSQL's reserved key words and the names it keeps for itself.
    for schema in ["select", "user", "order", "table", "pg_catalog", "pg_toast", "pg_anything", "information_schema"]:
        with raises(oms.InvalidInput, "invalid_input", "schema"):
            oms.Oms.open(with_schema(DEFAULT_URL, schema))


def test_a_server_failure_names_its_sqlstate_but_never_the_password(postgres_url: str) -> None:
    base, _, _ = postgres_url.partition("?")
    scheme, _, rest = base.partition("://")
    host = rest.rpartition("@")[2].rpartition("/")[0]
    with raises(oms.StorageError, "storage_unavailable") as caught:
        oms.Oms.open(f"{scheme}://postgres:Hunter2-Secret@{host}/no_such_database_oms?schema=shop")
    message = str(caught.value)
    assert "3D000" in message and "no_such_database_oms" in message, message
    assert "Hunter2" not in message, message


def test_an_unreachable_server_is_storage_unavailable() -> None:
    started = time.monotonic()
    with raises(oms.StorageError, "storage_unavailable"):
        oms.Oms.open("postgres://postgres@127.0.0.1:1/test?schema=t_py_unreachable")
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("ci, fails", [("", False), ("true", True)])
def test_without_a_server_the_suite_skips_unless_ci(ci: str, fails: bool) -> None:
    url = "postgres://postgres@127.0.0.1:1/test"
    env = {**os.environ, "OMS_TEST_POSTGRES_URL": url, "CI": ci}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", __file__, "-k", "quickstart"],
        cwd=pathlib.Path(__file__).parent, capture_output=True, text=True, env=env, timeout=120,
    )
    output = result.stdout + result.stderr
    assert unreachable_message(url) in output, output
    if fails:
        assert result.returncode != 0 and "skipped" not in output, output
    else:
        assert result.returncode == 0 and "1 skipped" in output, output


# One process.


def test_quickstart_on_postgres_and_persistence_across_open(pg_url: str) -> None:
    shop = oms.Oms.open(pg_url)
    shop.upsert_location(id="wh-east", kind="warehouse", region="US-NY")
    shop.upsert_location(id="store-soho", kind="store", region="US-NY")
    shop.upsert_channel(id="web", kind="web", currency="USD", locations=["wh-east", "store-soho"])
    shop.upsert_product(sku="TEE-M", name="T-shirt, medium")
    assert shop.receive_stock(sku="TEE-M", location="wh-east", quantity=5).on_hand == 5

    lines = [line(quantity=2)]
    order = shop.place_order(idempotency_key="checkout-1001", channel="web", customer_email="ada@example.com",
                             lines=lines)
    assert order.total == Decimal("39.98") and order.status == "allocated"
    assert shop.available(sku="TEE-M", channel="web") == 3
    again = shop.place_order(idempotency_key="checkout-1001", channel="web", customer_email="ada@example.com",
                             lines=lines)
    assert again.id == order.id
    assert len(all_orders(shop)) == 1

    with raises(oms.Rejected, "insufficient_stock"):
        shop.place_order(channel="web", customer_email="bob@example.com", lines=[line(quantity=9)])
    assert shop.available(sku="TEE-M", channel="web") == 3

    kept = shop.place_order(idempotency_key="checkout-1002", channel="web", customer_email="cy@example.com",
                            lines=[line(quantity=1)])
    cancelled = shop.cancel_order(order.id, reason="changed mind")
    assert cancelled.status == "cancelled"
    assert shop.available(sku="TEE-M", channel="web") == 4
    assert shop.audit().violations == []
    events = shop.events_since()

    reopened = oms.Oms.open(pg_url)
    assert reopened.get_order(order.id) == cancelled
    assert reopened.get_order(kept.id) == kept
    assert reopened.available(sku="TEE-M", channel="web") == 4
    level = reopened.stock_level(sku="TEE-M", location="wh-east")
    assert (level.on_hand, level.allocated, level.reserved, level.available) == (5, 1, 0, 4)
    assert [e.sequence for e in reopened.events_since()] == [e.sequence for e in events]
    # Idempotency keys survive reopening too.
    assert reopened.place_order(idempotency_key="checkout-1002", channel="web", customer_email="cy@example.com",
                                lines=[line(quantity=1)]).id == kept.id
    assert reopened.order_status_counts() == shop.order_status_counts()
    assert reopened.audit().violations == []


def test_schemas_do_not_see_each_other(new_schema: Callable[[], str]) -> None:
    first = hot_shop(oms.Oms.open(new_schema()), stock=7)
    second = oms.Oms.open(new_schema())
    assert second.stock_levels() == []
    assert all_orders(second) == []
    assert first.stock_level(sku="HOT", location="wh").on_hand == 7


# Several OS processes on one schema.


def test_processes_placing_orders_and_reservations_never_oversell(pg_url: str) -> None:
    received = 100
    shop = hot_shop(oms.Oms.open(pg_url), stock=received)
    jobs = [{"mode": "hot", "url": pg_url, "number": n, "attempts": 30, "sku": "HOT", "seed": n}
            for n in range(PROCESSES)]
    results = run_workers(jobs)

    allocated = sum(r["allocated"] for r in results)
    reserved = sum(r["reserved"] for r in results)
    assert allocated + reserved <= received
    assert allocated > 0 and reserved > 0, results
    level = shop.stock_level(sku="HOT", location="wh")
    assert level.on_hand == received
    assert (level.allocated, level.reserved) == (allocated, reserved), results
    assert level.available == received - allocated - reserved <= 2, results
    assert shop.available(sku="HOT", channel="web") == level.available
    assert len(all_orders(shop)) == sum(r["orders"] for r in results)
    conflicts = sum(r["refused"].get("conflict", 0) for r in results)
    assert conflicts == 0, f"{conflicts} calls surfaced conflict despite the core's retries: {results}"
    assert shop.audit().violations == []


def test_processes_sending_one_idempotency_key_place_one_order(pg_url: str) -> None:
    shop = hot_shop(oms.Oms.open(pg_url), stock=100)
    jobs = [{"mode": "same_order", "url": pg_url, "number": n, "sku": "HOT", "quantity": 3, "key": "checkout-same"}
            for n in range(PROCESSES)]
    results = run_workers(jobs)

    assert len({r["id"] for r in results}) == 1, results
    assert all(r == results[0] for r in results), results
    orders = all_orders(shop)
    assert [o.id for o in orders] == [results[0]["id"]]
    assert orders[0].lines[0].allocated == 3
    level = shop.stock_level(sku="HOT", location="wh")
    assert (level.allocated, level.reserved, level.available) == (3, 0, 97)
    assert shop.order_status_counts().get("allocated") == 1
    assert shop.audit().violations == []


def test_processes_sending_one_reservation_with_one_key_reserve_once(pg_url: str) -> None:
    shop = hot_shop(oms.Oms.open(pg_url), stock=100)
    jobs = [{"mode": "same_reservation", "url": pg_url, "number": n, "sku": "HOT", "quantity": 2, "key": "reserve-same",
             "reservation_id": "cart-same"} for n in range(PROCESSES)]
    results = run_workers(jobs)

    assert all(r == results[0] for r in results), results
    assert results[0]["id"] == "cart-same" and results[0]["status"] == "active" and results[0]["units"] == 2
    reservation = shop.get_reservation("cart-same")
    assert reservation.version == results[0]["version"]
    assert reservation.created_at.isoformat() == results[0]["created_at"]
    level = shop.stock_level(sku="HOT", location="wh")
    assert (level.allocated, level.reserved, level.available) == (0, 2, 98)
    reserved = [m for m in shop.movements(sku="HOT", location="wh") if m.reason == "reservation"]
    assert len(reserved) == 1 and reserved[0].reserved_delta == 2 and reserved[0].reference == "cart-same"
    assert all_orders(shop) == []
    assert shop.audit().violations == []


def test_processes_opening_a_new_schema_at_once_all_succeed(pg_url: str) -> None:
    # No process has opened this schema before: all 8 create and migrate it at once.
    jobs = [{"mode": "open", "url": pg_url, "number": n} for n in range(PROCESSES)]
    results = run_workers(jobs)

    assert [r["on_hand"] for r in results] == [n + 1 for n in range(PROCESSES)]
    shop = oms.Oms.open(pg_url)
    levels = {(level.sku, level.location): level.on_hand for level in shop.stock_levels()}
    assert levels == {(f"SKU-{n}", f"wh-{n}"): n + 1 for n in range(PROCESSES)}
    assert shop.audit().violations == []
    if shutil.which("psql") is not None:
        schema = pg_url.rsplit("schema=", 1)[1]
        # Each migration ran once: versions 1, 2, … with none twice.
        versions = psql(pg_url, f"SELECT version FROM {schema}.schema_version ORDER BY version").split()
        assert versions and versions == [str(n) for n in range(1, len(versions) + 1)], versions


# Connections the server closes.


def test_connections_the_server_closed_are_storage_unavailable_and_replaced(postgres_url: str, pg_url: str) -> None:
    # application_name marks this test's connections, so only they are terminated.
    application = f"{RUN_PREFIX}_{secrets.token_hex(4)}"
    shop = hot_shop(oms.Oms.open(f"{pg_url}&application_name={application}"), stock=5)
    threads = [threading.Thread(target=lambda: [shop.stock_levels() for _ in range(20)]) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    mine = f"FROM pg_stat_activity WHERE application_name = '{application}'"
    assert int(psql(postgres_url, f"SELECT count(pg_terminate_backend(pid)) {mine}")) >= 1
    for _ in range(100):
        if int(psql(postgres_url, f"SELECT count(*) {mine}")) == 0:
            break
        time.sleep(0.05)
    outcomes = []
    for _ in range(20):
        try:
            shop.available(sku="HOT", channel="web")
            outcomes.append("ok")
        except oms.OmsError as error:
            outcomes.append(error.code)
    assert set(outcomes) <= {"ok", "storage_unavailable", "storage_outcome_unknown"}, outcomes
    assert outcomes[-1] == "ok" and shop.audit().violations == []


def start_killer(postgres_url: str, application: str) -> subprocess.Popen[str]:
    """A psql session that terminates the connections named `application` while they
    run COMMIT, over and over, until stop_killer cancels it."""
    sql = f"""DO $$ DECLARE killed BIGINT; BEGIN LOOP
        PERFORM pg_stat_clear_snapshot();
        SELECT count(pg_terminate_backend(pid)) INTO killed FROM pg_stat_activity
            WHERE application_name = '{application}' AND state = 'active' AND query = 'COMMIT';
        -- Pacing, not timing: let some orders through between kills.
        PERFORM pg_sleep(CASE WHEN killed > 0 THEN 0.005 ELSE 0.0002 END);
    END LOOP; END $$"""
    base, _, _ = postgres_url.partition("?")
    return subprocess.Popen(["psql", "-X", "-q", "-d", f"{base}?application_name={application}_killer", "-c", sql],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)


def stop_killer(postgres_url: str, application: str, killer: subprocess.Popen[str]) -> None:
    psql(postgres_url, f"SELECT pg_cancel_backend(pid) FROM pg_stat_activity "
                       f"WHERE application_name = '{application}_killer'")
    killer.wait(timeout=30)


def test_orders_reported_storage_unavailable_were_never_committed(postgres_url: str, pg_url: str) -> None:
    # Connections are terminated while they commit; an order reported as
    # storage_unavailable must not exist, one reported placed must exist once,
    # and one reported storage_outcome_unknown is placed once by a retry with its key.
    application = f"{RUN_PREFIX}_{secrets.token_hex(4)}"
    shop = hot_shop(oms.Oms.open(f"{pg_url}&application_name={application}"), stock=1_000_000)
    outcomes: Dict[str, str] = {}

    def place(writer: int, round_number: int) -> None:
        for number in range(25):
            name = f"r{round_number}w{writer}n{number}"
            try:
                shop.place_order(idempotency_key=name, channel="web", customer_email=f"{name}@example.com",
                                 lines=[{"sku": "HOT", "quantity": 1, "unit_price": Decimal("5")}])
                outcomes[name] = "ok"
            except oms.OmsError as error:
                outcomes[name] = error.code

    killer = start_killer(postgres_url, application)
    try:
        for round_number in range(20):
            threads = [threading.Thread(target=place, args=(writer, round_number)) for writer in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            if sum(code != "ok" for code in outcomes.values()) >= 40:
                break
    finally:
        stop_killer(postgres_url, application, killer)

    assert set(outcomes.values()) <= {"ok", "storage_unavailable", "storage_outcome_unknown"}, outcomes
    assert any(code != "ok" for code in outcomes.values()), "the killer never hit a commit"
    stored: Dict[str, List[str]] = {}
    for order in all_orders(shop):
        stored.setdefault(order.customer_email.split("@")[0], []).append(order.id)
    misreported = [name for name, code in outcomes.items() if code == "storage_unavailable" and name in stored]
    assert misreported == [], f"{len(misreported)} orders reported storage_unavailable were committed"
    assert all(len(stored.get(name, [])) == 1 for name, code in outcomes.items() if code == "ok")
    for name in [name for name, code in outcomes.items() if code == "storage_outcome_unknown"]:
        again = shop.place_order(idempotency_key=name, channel="web", customer_email=f"{name}@example.com",
                                 lines=[{"sku": "HOT", "quantity": 1, "unit_price": Decimal("5")}])
        assert stored.get(name, [again.id]) == [again.id]
    emails = [order.customer_email for order in all_orders(shop)]
    assert len(emails) == len(set(emails)) == sum(code != "storage_unavailable" for code in outcomes.values())
    assert shop.audit().violations == []
