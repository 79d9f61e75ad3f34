"""The ``oms`` command as a user runs it: the installed script and ``python -m oms``,
in a subprocess, against a SQLite file and a PostgreSQL schema written through
the library; bad arguments, a missing database, a broken invariant, a backup
taken while another process writes, exports. ``schema_version()`` too.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pathlib
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from decimal import Decimal
from typing import Any, Callable, Dict, Iterator, List, Optional

import pytest

import oms
from conftest import line, stock_shop
from test_postgres import new_schema, postgres_url, psql  # noqa: F401  (fixtures, shared with that suite)

SCRIPT = pathlib.Path(sys.executable).parent / ("oms.exe" if os.name == "nt" else "oms")
ENTRY_POINTS = {"script": [str(SCRIPT)], "module": [sys.executable, "-m", "oms"]}


def run(*args: str, via: str = "module", check_exit: Optional[int] = 0) -> subprocess.CompletedProcess[str]:
    """Runs the command; asserts its exit status (unless None) and that stderr is one line at most."""
    result = subprocess.run(ENTRY_POINTS[via] + list(args), capture_output=True, text=True, timeout=120)
    if check_exit is not None:
        assert result.returncode == check_exit, (result.returncode, result.stdout, result.stderr)
    assert result.stderr.count("\n") <= 1, result.stderr
    return result


def refused(code: str, exit_status: int, *args: str) -> str:
    """Runs a command that must fail: one line on stderr, `oms: CODE: …`, the given status, nothing on stdout."""
    result = run(*args, check_exit=exit_status)
    assert result.stderr.startswith(f"oms: {code}: "), result.stderr
    assert result.stderr.endswith("\n") and result.stderr.count("\n") == 1, result.stderr
    assert result.stdout == ""
    return result.stderr


def populate(shop: oms.Oms) -> Dict[str, oms.Order]:
    """The conftest shop with four orders: allocated, cancelled, on hold, and one for another customer."""
    stock_shop(shop)
    shop.upsert_location(id="wh-west", kind="warehouse", region="US-CA")
    shop.receive_stock(sku="MUG", location="wh-west", quantity=3)
    first = shop.place_order(channel="web", customer_email="ada@example.com",
                             lines=[line(quantity=2), line(sku="MUG", unit_price=Decimal("7.50"))])
    cancelled = shop.place_order(channel="web", customer_email="ada@example.com", lines=[line()])
    shop.cancel_order(cancelled.id, reason="changed her mind")
    held = shop.place_order(channel="web", customer_email="grace@example.com", lines=[line(sku="MUG", quantity=3)])
    shop.hold_order(held.id, reason="fraud review")
    other = shop.place_order(channel="web", customer_email="grace@example.com",
                             lines=[line(unit_price=Decimal("0.10"), quantity=3)])
    return {"first": shop.get_order(first.id), "cancelled": shop.get_order(cancelled.id),
            "held": shop.get_order(held.id), "other": shop.get_order(other.id)}


@pytest.fixture
def shop_file(tmp_path: pathlib.Path) -> pathlib.Path:
    path = tmp_path / "shop.db"
    shop = oms.Oms.open(str(path))
    populate(shop)
    shop.close()
    return path


def all_events(shop: oms.Oms) -> List[oms.Event]:
    events: List[oms.Event] = []
    while True:
        batch = shop.events_since(events[-1].sequence if events else 0, 1000)
        if not batch:
            return events
        events.extend(batch)


def all_orders(shop: oms.Oms) -> List[oms.Order]:
    orders: List[oms.Order] = []
    after = None
    while True:
        page = shop.list_orders(after=after, limit=1000)
        orders.extend(page.orders)
        if page.next_cursor is None:
            return orders
        after = page.next_cursor


# schema_version --------------------------------------------------------------


def test_schema_version_is_0_in_memory_and_the_migration_count_on_sqlite(tmp_path: pathlib.Path) -> None:
    assert oms.Oms.in_memory().schema_version() == 0
    shop = oms.Oms.open(str(tmp_path / "shop.db"))
    version = shop.schema_version()
    assert isinstance(version, int) and version >= 1
    populate(shop)
    assert shop.schema_version() == version
    # The file says the same to anyone who reads it.
    with sqlite3.connect(tmp_path / "shop.db") as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == version


def test_create_false_opens_only_an_existing_store(tmp_path: pathlib.Path) -> None:
    missing = tmp_path / "typo.db"
    with pytest.raises(oms.NotFound) as raised:
        oms.Oms.open(f"sqlite:{missing}?create=false")
    assert raised.value.code == "store_not_found"
    assert not missing.exists()


# Reading -----------------------------------------------------------------


@pytest.mark.parametrize("via", ["script", "module"])
def test_inspect_reports_orders_stock_outbox_and_schema_version(shop_file: pathlib.Path, via: str) -> None:
    assert SCRIPT.exists(), f"the console script is not installed next to {sys.executable}"
    report = json.loads(run("inspect", str(shop_file), "--json", via=via).stdout)
    shop = oms.Oms.open(str(shop_file))
    assert report["backend"] == "sqlite"
    assert report["schema_version"] == shop.schema_version() >= 1
    assert report["orders"] == {"total": 4, "by_status": dict(shop.order_status_counts())}
    assert report["orders"]["by_status"]["cancelled"] == 1 and report["orders"]["by_status"]["on_hold"] == 1
    events = all_events(shop)
    assert report["outbox"] == {"events": len(events), "last_sequence": events[-1].sequence}
    by_location = {row["location"]: row for row in report["stock"]}
    assert set(by_location) == {"wh-east", "wh-west", "store-soho"}, "every location, one without stock too"
    for location, row in by_location.items():
        levels = shop.stock_levels(location=location)
        assert row["skus"] == len(levels)
        assert row["on_hand"] == sum(level.on_hand for level in levels)
        assert row["allocated"] == sum(level.allocated for level in levels)
    assert by_location["store-soho"]["skus"] == 0 and by_location["wh-east"]["kind"] == "warehouse"

    human = run("inspect", str(shop_file), via=via).stdout
    assert f"schema version  {report['schema_version']}" in human
    assert f"outbox          {len(events)} events" in human
    assert any(row.split() == ["cancelled", "1"] for row in human.splitlines())


def test_orders_with_filters_limit_and_cursor(shop_file: pathlib.Path) -> None:
    shop = oms.Oms.open(str(shop_file))
    everything = json.loads(run("orders", str(shop_file), "--json").stdout)
    assert [order["id"] for order in everything["orders"]] == [order.id for order in shop.list_orders().orders]
    assert everything["next_cursor"] is None
    first = everything["orders"][0]
    # Money is an exact decimal string, never a float.
    assert first["total"] == str(shop.get_order(first["id"]).total) and isinstance(first["total"], str)
    assert first["lines"][1]["unit_price"] == "7.50"

    cancelled = json.loads(run("orders", str(shop_file), "--status", "cancelled", "--json").stdout)["orders"]
    assert [order["status"] for order in cancelled] == ["cancelled"]
    grace = json.loads(run("orders", str(shop_file), "--customer", "Grace@Example.com", "--json").stdout)["orders"]
    assert {order["customer_email"] for order in grace} == {"grace@example.com"} and len(grace) == 2
    on_web = json.loads(run("orders", str(shop_file), "--channel", "web", "--status", "on_hold", "--json").stdout)
    assert [order["status"] for order in on_web["orders"]] == ["on_hold"]

    page = run("orders", str(shop_file), "--limit", "3", "--json")
    first_three = json.loads(page.stdout)
    assert len(first_three["orders"]) == 3 and first_three["next_cursor"]
    rest = json.loads(run("orders", str(shop_file), "--after", first_three["next_cursor"], "--json").stdout)
    assert [order["id"] for order in first_three["orders"] + rest["orders"]] == [o["id"] for o in everything["orders"]]

    human = run("orders", str(shop_file), "--limit", "1")
    header, row = human.stdout.splitlines()
    assert header.split() == ["ORDER", "STATUS", "CHANNEL", "CUSTOMER", "LINES", "UNITS", "TOTAL", "CREATED"]
    assert row.split()[:7] == [first["id"], "allocated", "web", "ada@example.com", "2", "3", first["total"]]
    assert human.stderr.startswith("oms: more orders may follow: --after ")

    refused("channel_not_found", 3, "orders", str(shop_file), "--channel", "no-such-channel")
    refused("usage_error", 2, "orders", str(shop_file), "--status", "lost")
    refused("invalid_input", 3, "orders", str(shop_file), "--customer", "not-an-email")


def test_stock_with_filters(shop_file: pathlib.Path) -> None:
    shop = oms.Oms.open(str(shop_file))
    rows = json.loads(run("stock", str(shop_file), "--json").stdout)["stock"]
    assert [(row["sku"], row["location"]) for row in rows] == [(l.sku, l.location) for l in shop.stock_levels()]
    mugs = json.loads(run("stock", str(shop_file), "--sku", "MUG", "--json").stdout)["stock"]
    assert {row["location"] for row in mugs} == {"wh-east", "wh-west"}
    west = json.loads(run("stock", str(shop_file), "--location", "wh-west", "--json").stdout)["stock"]
    level = shop.stock_level(sku="MUG", location="wh-west")
    assert west == [{"sku": "MUG", "location": "wh-west", "on_hand": level.on_hand, "allocated": level.allocated,
                     "reserved": level.reserved, "quarantined": level.quarantined, "incoming": level.incoming,
                     "available": level.available}]
    assert len(json.loads(run("stock", str(shop_file), "--limit", "1", "--json").stdout)["stock"]) == 1
    table = run("stock", str(shop_file), "--sku", "TEE-M").stdout.splitlines()
    assert table[0].split() == ["SKU", "LOCATION", "ON_HAND", "ALLOCATED", "RESERVED", "QUARANTINED", "INCOMING",
                                "AVAILABLE"]
    assert len(table) == 2
    refused("location_not_found", 3, "stock", str(shop_file), "--location", "nowhere")
    refused("product_not_found", 3, "stock", str(shop_file), "--sku", "NOPE")


def test_events_since_a_cursor(shop_file: pathlib.Path) -> None:
    shop = oms.Oms.open(str(shop_file))
    events = all_events(shop)
    lines = run("events", str(shop_file), "--since", "3", "--json").stdout.splitlines()
    received = [json.loads(text) for text in lines]
    assert [event["sequence"] for event in received] == [event.sequence for event in events[3:]]
    assert [event["type"] for event in received] == [event.type for event in events[3:]]
    limited = run("events", str(shop_file), "--since", "3", "--limit", "2").stdout.splitlines()
    assert [int(text.split()[0]) for text in limited] == [4, 5]
    assert run("events", str(shop_file), "--since", str(events[-1].sequence)).stdout == ""
    refused("usage_error", 2, "events", str(shop_file), "--since", "-1")
    refused("usage_error", 2, "events", str(shop_file), "--since", "three")


def line_reader(process: "subprocess.Popen[str]") -> "queue.Queue[str]":
    """The lines a process prints, as they come, read by a thread of their own.
    (select() on the pipe would miss lines already read into the file's buffer.)"""
    assert process.stdout is not None
    stdout = process.stdout
    lines: "queue.Queue[str]" = queue.Queue()

    def pump() -> None:
        for text in stdout:
            lines.put(text)
        lines.put("")

    threading.Thread(target=pump, daemon=True).start()
    return lines


def read_line(process: "subprocess.Popen[str]", lines: "queue.Queue[str]", deadline: float) -> str:
    """The next line the process prints; fails (rather than hangs) when none comes in time."""
    remaining = deadline - time.monotonic()
    assert remaining > 0, "the follower printed nothing new"
    try:
        text = lines.get(timeout=remaining)
    except queue.Empty:
        raise AssertionError("the follower printed nothing new") from None
    if text == "":
        assert process.stderr is not None
        raise AssertionError(f"the follower exited with {process.wait()}: {process.stderr.read()}")
    return text


def test_events_follow_prints_new_events_and_ctrl_c_exits_0(shop_file: pathlib.Path) -> None:
    shop = oms.Oms.open(str(shop_file))
    last = all_events(shop)[-1].sequence
    follower = subprocess.Popen(ENTRY_POINTS["script"] + ["events", str(shop_file), "--since", str(last), "--follow",
                                                         "--interval", "0.1", "--json"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
    lines = line_reader(follower)
    try:
        order = shop.place_order(channel="web", customer_email="ada@example.com", lines=[line()])
        deadline = time.monotonic() + 60
        seen = [json.loads(read_line(follower, lines, deadline))]
        while seen[-1]["type"] != "order_placed":
            seen.append(json.loads(read_line(follower, lines, deadline)))
        assert seen[0]["sequence"] == last + 1
        assert order.id in json.dumps(seen[-1]["data"])
        # And it keeps following: a cancellation shows up too.
        shop.cancel_order(order.id)
        while seen[-1]["type"] != "order_cancelled":
            seen.append(json.loads(read_line(follower, lines, deadline)))
        follower.send_signal(signal.SIGINT)
        follower.wait(timeout=60)
        assert follower.stderr is not None
        stderr = follower.stderr.read()
    finally:
        if follower.poll() is None:
            follower.kill()
            follower.wait()
    assert follower.returncode == 0, stderr
    assert stderr == ""


# Auditing ------------------------------------------------------------------


def test_audit_is_clean_then_finds_a_stock_row_edited_behind_the_library(shop_file: pathlib.Path) -> None:
    levels = len(oms.Oms.open(str(shop_file)).stock_levels())
    clean = run("audit", str(shop_file))
    assert clean.stdout == f"audit: 4 orders and {levels} stock levels checked, no invariant broken\n"
    assert json.loads(run("audit", str(shop_file), "--json").stdout)["clean"] is True

    # On hand raised by hand, with no movement in the ledger to explain it.
    with sqlite3.connect(shop_file) as connection:
        changed = connection.execute(
            "UPDATE stock_rows SET on_hand = on_hand + 5, version = version + 1 "
            "WHERE sku = 'MUG' AND location = 'wh-west'").rowcount
    assert changed == 1
    broken = run("audit", str(shop_file), check_exit=1)
    assert "1 broken invariant(s)" in broken.stdout and "MUG" in broken.stdout
    report = json.loads(run("audit", str(shop_file), "--json", check_exit=1).stdout)
    assert report["clean"] is False and len(report["violations"]) == 1
    assert "wh-west" in report["violations"][0]


def test_audit_replay_finds_an_order_that_is_not_what_its_events_say(shop_file: pathlib.Path) -> None:
    replayed = json.loads(run("audit", str(shop_file), "--replay", "--json").stdout)
    assert replayed["clean"] is True
    assert replayed["replay"]["orders_checked"] == 4 and replayed["replay"]["mismatches"] == []
    assert run("audit", str(shop_file), "--replay").stdout.splitlines()[1].endswith("every one as stored")

    # A customer e-mail rewritten in the stored order: consistent in itself, so only the replay sees it.
    with sqlite3.connect(shop_file) as connection:
        changed = connection.execute(
            "UPDATE documents SET body = json_set(body, '$.customer_email', 'mallory@example.com') "
            "WHERE kind = 'order' AND key = 'ord-0000000001'").rowcount
    assert changed == 1
    assert run("audit", str(shop_file)).stdout.endswith("no invariant broken\n"), "audit alone cannot see it"
    report = json.loads(run("audit", str(shop_file), "--replay", "--json", check_exit=1).stdout)
    assert report["clean"] is False and report["violations"] == []
    [mismatch] = report["replay"]["mismatches"]
    assert mismatch.startswith("ord-0000000001") and "mallory@example.com" in mismatch
    human = run("audit", str(shop_file), "--replay", check_exit=1).stdout
    assert "1 differ from the stored order" in human and "ord-0000000001" in human


# Backing up ----------------------------------------------------------------


def test_backup_while_another_process_places_orders_opens_and_audits_clean(
        shop_file: pathlib.Path, tmp_path: pathlib.Path) -> None:
    before = len(all_events(oms.Oms.open(str(shop_file))))
    stop = threading.Event()
    placed: List[str] = []
    failures: List[BaseException] = []

    def write() -> None:
        # The shop at work: orders placed and cancelled (releasing their stock) without pause.
        shop = oms.Oms.open(str(shop_file))
        try:
            while not stop.is_set():
                order = shop.place_order(channel="web", customer_email="ada@example.com", lines=[line()])
                shop.cancel_order(order.id)
                placed.append(order.id)
        except BaseException as error:  # reported by the test thread
            failures.append(error)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        while len(placed) < 5 and writer.is_alive():
            time.sleep(0.01)
        during = len(placed)
        backup = tmp_path / "backup.db"
        result = run("backup", str(shop_file), str(backup), "--json")
        # The writer had placed orders before the backup began and goes on after it.
        while len(placed) < during + 5 and writer.is_alive():
            time.sleep(0.01)
    finally:
        stop.set()
        writer.join()
    assert not failures, failures
    assert len(placed) >= during + 5
    described = json.loads(result.stdout)
    assert described["backup"] == str(backup) and described["bytes"] == backup.stat().st_size
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith("backup")) == ["backup.db"], \
        "one self-contained file, no -wal or partial file left beside it"

    copy = oms.Oms.open(str(backup))
    assert copy.audit().violations == []
    assert copy.verify_replay().mismatches == []
    copied = [order.id for order in all_orders(copy)]
    source = [order.id for order in all_orders(oms.Oms.open(str(shop_file)))]
    assert len(copied) >= 4 + during and copied == source[:len(copied)], "a consistent prefix of the shop"
    assert len(all_events(copy)) > before
    assert copy.schema_version() == described["schema_version"]

    # The backup is never written over, and the shop's file was not touched by a refused run.
    refused("output_exists", 2, "backup", str(shop_file), str(backup))
    refused("store_not_found", 3, "backup", str(tmp_path / "typo.db"), str(tmp_path / "other.db"))
    assert not (tmp_path / "typo.db").exists() and not (tmp_path / "other.db").exists()


# Exporting -----------------------------------------------------------------


def test_export_orders_stock_and_events_as_jsonl_and_csv(shop_file: pathlib.Path, tmp_path: pathlib.Path) -> None:
    shop = oms.Oms.open(str(shop_file))
    orders = shop.list_orders().orders

    jsonl = [json.loads(text) for text in run("export", str(shop_file), "orders").stdout.splitlines()]
    assert [record["id"] for record in jsonl] == [order.id for order in orders]
    assert [record["total"] for record in jsonl] == [str(order.total) for order in orders]

    rows = list(csv.DictReader(io.StringIO(run("export", str(shop_file), "orders", "--format", "csv").stdout)))
    assert len(rows) == sum(len(order.lines) for order in orders), "a row per order line"
    by_line = {(row["order_id"], int(row["line_number"])): row for row in rows}
    for order in orders:
        for order_line in order.lines:
            row = by_line[(order.id, order_line.line_number)]
            assert (row["sku"], int(row["quantity"]), row["unit_price"], row["line_total"], row["order_total"]) == (
                order_line.sku, order_line.quantity, str(order_line.unit_price), str(order_line.total),
                str(order.total))
    assert by_line[(orders[3].id, 1)]["unit_price"] == "0.10", "exact, as placed"

    target = tmp_path / "stock.csv"
    assert run("export", str(shop_file), "stock", "--format", "csv", "--output", str(target)).stdout == ""
    stock = list(csv.DictReader(target.open(newline="")))
    assert [(row["sku"], row["location"], int(row["on_hand"])) for row in stock] == [
        (level.sku, level.location, level.on_hand) for level in shop.stock_levels()]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".stock")] == [], "no partial file left"

    events = all_events(shop)
    exported = [json.loads(text) for text in run("export", str(shop_file), "events", "--format", "jsonl").stdout
                .splitlines()]
    assert [event["sequence"] for event in exported] == [event.sequence for event in events]
    event_rows = list(csv.DictReader(io.StringIO(run("export", str(shop_file), "events", "--format", "csv").stdout)))
    assert [json.loads(row["data"]) for row in event_rows] == [event.data for event in events]

    refused("usage_error", 2, "export", str(shop_file), "orders", "--format", "xml")
    refused("usage_error", 2, "export", str(shop_file), "customers")
    refused("io_error", 4, "export", str(shop_file), "stock", "--output", str(tmp_path / "no-dir" / "stock.csv"))


# Mistakes ------------------------------------------------------------------


@pytest.mark.parametrize("command", ["inspect", "orders", "stock", "events", "audit", "backup", "export"])
def test_every_command_has_help(command: str) -> None:
    result = run(command, "--help")
    assert result.stdout.startswith(f"usage: oms {command} ")
    assert "DB" in result.stdout


def test_bad_arguments_are_one_line_with_a_code_and_status_2(shop_file: pathlib.Path) -> None:
    assert "Exit status: 0 done, 1 audit found broken invariants, 2 usage" in " ".join(run("--help").stdout.split())
    assert run("--version").stdout.strip() == f"oms {oms.__version__}"
    refused("usage_error", 2)
    assert "invalid choice: 'frobnicate'" in refused("usage_error", 2, "frobnicate", str(shop_file))
    assert "DB" in refused("usage_error", 2, "inspect")
    refused("usage_error", 2, "backup", str(shop_file))
    refused("usage_error", 2, "orders", str(shop_file), "--limit", "0")
    refused("usage_error", 2, "inspect", str(shop_file), "--bogus")


def test_a_database_that_does_not_exist_is_refused_and_not_created(tmp_path: pathlib.Path) -> None:
    typo = tmp_path / "shpo.db"
    message = refused("store_not_found", 3, "inspect", str(typo))
    assert str(typo) in message
    refused("store_not_found", 3, "audit", f"sqlite:{typo}?synchronous=normal")
    refused("store_not_found", 3, "orders", str(tmp_path / "no-dir" / "shop.db"))
    assert list(tmp_path.iterdir()) == [], "nothing was created"

    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    refused("store_not_found", 3, "stock", str(empty))
    assert empty.stat().st_size == 0, "a 0-byte file stays as it was"
    refused("store_not_found", 3, "inspect", ":memory:")

    foreign = tmp_path / "notes.db"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
    assert "not an oms database" in refused("invalid_input", 3, "inspect", str(foreign))
    text_file = tmp_path / "readme.txt"
    text_file.write_text("hello, this is not a database at all, just some words to fill a page. " * 20)
    refused("invalid_input", 3, "inspect", str(text_file))


# PostgreSQL ----------------------------------------------------------------


def test_postgres_inspect_orders_audit_events_and_export(new_schema: Callable[[], str]) -> None:
    url = new_schema()
    shop = oms.Oms.open(url)
    placed = populate(shop)
    assert shop.schema_version() >= 1

    report = json.loads(run("inspect", url, "--json", via="script").stdout)
    assert report["backend"] == "postgresql"
    assert report["schema_version"] == shop.schema_version()
    assert report["orders"]["total"] == 4
    assert report["outbox"]["last_sequence"] == all_events(shop)[-1].sequence

    held = json.loads(run("orders", url, "--status", "on_hold", "--json").stdout)["orders"]
    assert [order["id"] for order in held] == [placed["held"].id]
    assert run("audit", url).stdout.endswith("no invariant broken\n")
    events = run("events", url, "--since", "0", "--json").stdout.splitlines()
    assert len(events) == len(all_events(shop))
    rows = list(csv.DictReader(io.StringIO(run("export", url, "stock", "--format", "csv").stdout)))
    assert len(rows) == len(shop.stock_levels())

    message = refused("backup_unsupported", 2, "backup", url, "/tmp/never-written.db")
    assert "pg_dump" in message
    assert not pathlib.Path("/tmp/never-written.db").exists()


def test_postgres_schema_that_does_not_exist_is_refused_and_not_created(new_schema: Callable[[], str],
                                                                         postgres_url: str) -> None:
    url = new_schema()
    schema = url.rsplit("schema=", 1)[1]
    refused("store_not_found", 3, "inspect", url)
    refused("store_not_found", 3, "audit", url)
    # A password in the URL is never printed (the test server trusts local connections and ignores it).
    with_password = url.replace("://postgres@", "://postgres:hunter2@", 1)
    if with_password != url:
        message = refused("store_not_found", 3, "orders", with_password)
        assert "hunter2" not in message and "postgres:***@" in message
    assert psql(postgres_url, f"SELECT count(*) FROM pg_namespace WHERE nspname = '{schema}'").strip() == "0"
