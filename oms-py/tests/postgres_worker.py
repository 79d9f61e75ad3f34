"""One OS process of the multi-process PostgreSQL tests (test_postgres.py).

Usage: python postgres_worker.py '<json job>'

The job is {"mode", "url", "number", ...}. The worker opens the shop first
(except in mode "open", where opening is the thing under test), prints
"ready", waits for a line on stdin so that every worker starts at once, does
its job and prints one JSON line with what it got. Errors it expects are
counted by code; anything else escapes and the process exits non-zero.
"""

from __future__ import annotations

import json
import random
import sys
import time
from decimal import Decimal
from typing import Any, Dict

import oms


def hot(shop: oms.Oms, job: Dict[str, Any]) -> Dict[str, Any]:
    """Alternate orders and checkout reservations for one hot SKU; report the units granted."""
    number = job["number"]
    rng = random.Random(job["seed"])
    allocated = reserved = orders = reservations = 0
    refused: Dict[str, int] = {}
    for attempt in range(job["attempts"]):
        quantity = rng.randint(1, 3)
        try:
            if (number + attempt) % 2 == 0:
                order = shop.place_order(
                    channel="web",
                    customer_email=f"w{number}@example.com",
                    lines=[{"sku": job["sku"], "quantity": quantity, "unit_price": Decimal("5")}],
                )
                assert order.status == "allocated", order.status
                assert order.lines[0].allocated == quantity, (order.lines[0].allocated, quantity)
                allocated += order.lines[0].allocated
                orders += 1
            else:
                reservation = shop.reserve_stock(
                    reservation_id=f"cart-{number}-{attempt}",
                    channel="web",
                    lines=[{"sku": job["sku"], "quantity": quantity}],
                    ttl_seconds=3600,
                )
                units = sum(a.quantity for a in reservation.lines[0].allocations)
                assert units == quantity, (units, quantity)
                reserved += units
                reservations += 1
        except oms.OmsError as error:
            if error.code not in ("insufficient_stock", "conflict"):
                raise
            refused[error.code] = refused.get(error.code, 0) + 1
    return {
        "allocated": allocated,
        "reserved": reserved,
        "orders": orders,
        "reservations": reservations,
        "refused": refused,
    }


def same_order(shop: oms.Oms, job: Dict[str, Any]) -> Dict[str, Any]:
    order = shop.place_order(
        idempotency_key=job["key"],
        channel="web",
        customer_email="ada@example.com",
        lines=[{"sku": job["sku"], "quantity": job["quantity"], "unit_price": Decimal("5")}],
    )
    return {"id": order.id, "sequence": order.sequence, "version": order.version, "allocated": order.lines[0].allocated}


def same_reservation(shop: oms.Oms, job: Dict[str, Any]) -> Dict[str, Any]:
    reservation = shop.reserve_stock(
        reservation_id=job["reservation_id"],
        idempotency_key=job["key"],
        channel="web",
        lines=[{"sku": job["sku"], "quantity": job["quantity"]}],
        ttl_seconds=3600,
    )
    return {
        "id": reservation.id,
        "status": reservation.status,
        "version": reservation.version,
        "created_at": reservation.created_at.isoformat(),
        "units": sum(a.quantity for a in reservation.lines[0].allocations),
    }


def open_new(job: Dict[str, Any]) -> Dict[str, Any]:
    """Open a schema nobody has opened yet, then use it."""
    number = job["number"]
    started = time.monotonic()
    shop = oms.Oms.open(job["url"])
    seconds = time.monotonic() - started
    shop.upsert_location(id=f"wh-{number}", kind="warehouse", region="US")
    shop.upsert_product(sku=f"SKU-{number}", name=f"Product {number}")
    level = shop.receive_stock(sku=f"SKU-{number}", location=f"wh-{number}", quantity=number + 1)
    return {"on_hand": level.on_hand, "open_seconds": seconds}


def main() -> None:
    job = json.loads(sys.argv[1])
    shop = None if job["mode"] == "open" else oms.Oms.open(job["url"])
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        raise SystemExit("the parent went away before saying go")
    if job["mode"] == "open":
        result = open_new(job)
    else:
        assert shop is not None
        result = {"hot": hot, "same_order": same_order, "same_reservation": same_reservation}[job["mode"]](shop, job)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
