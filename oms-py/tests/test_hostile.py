"""Regression tests for defects found by driving the library from Python as a
careless or hostile caller would (issue 7): an e-mail address that grows
when it is lower-cased, requests that mean the same thing spelled
differently under one idempotency key, another program's SQLite file, a
NUL byte in a path, and a stock adjustment that does not fit."""

from __future__ import annotations

import hashlib
import os
import pathlib
import secrets
import sqlite3
import subprocess
from decimal import Decimal
from typing import Iterator

import pytest

import oms
from conftest import assert_clean, line, raises, stock_shop

POSTGRES_URL = os.environ.get("OMS_TEST_POSTGRES_URL") or "postgres://postgres@127.0.0.1:5432/test"


def postgres_shop() -> Iterator[oms.Oms]:
    schema = f"t_py_hostile_{os.getpid()}_{secrets.token_hex(3)}"
    try:
        shop = oms.Oms.open(f"{POSTGRES_URL}?schema={schema}")
    except oms.OmsError as error:
        if error.code == "storage_unavailable" and os.environ.get("CI") != "true":
            pytest.skip(f"PostgreSQL is not reachable: {error}")
        raise
    yield shop
    del shop
    subprocess.run(["psql", "-X", "-q", "-d", POSTGRES_URL, "-c", f"DROP SCHEMA IF EXISTS {schema} CASCADE"],
                   capture_output=True, timeout=60, check=False)


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def any_shop(request: pytest.FixtureRequest, tmp_path: pathlib.Path) -> Iterator[oms.Oms]:
    if request.param == "memory":
        yield stock_shop(oms.Oms.in_memory())
    elif request.param == "sqlite":
        yield stock_shop(oms.Oms.open(str(tmp_path / "shop.db")))
    else:
        for shop in postgres_shop():
            yield stock_shop(shop)


def test_an_email_that_grows_when_lower_cased_cannot_brick_the_store(any_shop: oms.Oms) -> None:
    # 245 bytes as typed, 365 once lower-cased: over the 254-byte limit.
    with raises(oms.InvalidInput, "limit_exceeded", "customer_email"):
        any_shop.place_order(channel="web", customer_email="Ⱥ" * 120 + "@x.io", lines=[line()])
    accepted = any_shop.place_order(channel="web", customer_email="Ⱥ" * 80 + "@X.io", lines=[line()])
    assert accepted.customer_email == "ⱥ" * 80 + "@x.io"
    assert any_shop.get_order(accepted.id) == accepted
    assert [order.id for order in any_shop.list_orders().orders] == [accepted.id]
    assert any_shop.list_orders(customer_email="Ⱥ" * 80 + "@x.io").orders == [accepted]
    assert len(any_shop.events_since(0)) > 0
    assert_clean(any_shop)
    any_shop.cancel_order(accepted.id)
    assert any_shop.available(sku="TEE-M", channel="web") == 10


def test_idempotency_compares_meaning_not_spelling(any_shop: oms.Oms) -> None:
    first = any_shop.place_order(idempotency_key="k-1", channel="web", customer_email="ada@example.com",
                                 lines=[line(unit_price=Decimal("20"))])
    same = any_shop.place_order(idempotency_key="k-1", channel="web", customer_email="ada@example.com",
                                currency="USD", shipping=Decimal("0"),
                                lines=[line(unit_price=Decimal("20.00"), discount=Decimal("0"))])
    assert same == first
    with raises(oms.Rejected, "idempotency_key_reused"):
        any_shop.place_order(idempotency_key="k-1", channel="web", customer_email="ada@example.com",
                             lines=[line(unit_price=Decimal("20.01"))])
    with raises(oms.Rejected, "idempotency_key_reused"):
        any_shop.place_order(idempotency_key="k-1", channel="web", customer_email="ada@example.com",
                             currency="EUR", lines=[line(unit_price=Decimal("20"))])
    assert len(any_shop.list_orders().orders) == 1


def test_an_adjustment_past_the_stock_limit_names_quantity_delta(any_shop: oms.Oms) -> None:
    for _ in range(999):
        any_shop.adjust_stock(sku="MUG", location="wh-east", quantity_delta=1_000_000)
    with raises(oms.InvalidInput, "invalid_quantity", "quantity_delta"):
        any_shop.adjust_stock(sku="MUG", location="wh-east", quantity_delta=1_000_000)


def digest(path: pathlib.Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_another_programs_sqlite_file_is_refused_and_left_as_it_was(tmp_path: pathlib.Path) -> None:
    foreign = tmp_path / "crm.db"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)")
    before = digest(foreign)
    with raises(oms.InvalidInput, "invalid_input", "target") as info:
        oms.Oms.open(str(foreign))
    assert "contacts" in str(info.value)
    assert digest(foreign) == before
    with sqlite3.connect(foreign) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["crm.db"]

    text = tmp_path / "notes.txt"
    text.write_text("not a database at all " * 100)
    with raises(oms.InvalidInput, "invalid_input", "target"):
        oms.Oms.open(str(text))


def test_an_empty_file_is_a_new_store(tmp_path: pathlib.Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    stock_shop(oms.Oms.open(str(empty)))
    assert oms.Oms.open(str(empty)).available(sku="TEE-M", channel="web") == 10


@pytest.mark.parametrize("target", ["shop\0.db", "sqlite:shop\0.db?synchronous=normal"])
def test_a_nul_byte_in_a_path_is_invalid_input(target: str) -> None:
    with raises(oms.InvalidInput, "invalid_input", "target"):
        oms.Oms.open(target)
