"""``python -m service``: the order service, and its outbox consumer when a carrier is named.

    cd oms-py/examples
    python -m service --db shop.db --seed --carrier-url http://127.0.0.1:8090

One process: uvicorn serves the FastAPI app (its worker threads share the one
``Oms``), and a background thread forwards shipments handed over to the
carrier. ``--port 0`` takes a free port; the first line printed says which.
SIGINT or SIGTERM stops both and closes the store. To run several processes
on one database, start several (each opens its own ``Oms``): SQLite and
PostgreSQL serialise their writes, and a consumer can run in each, since
booking and shipping are idempotent.
"""

from __future__ import annotations

import argparse
import logging
import signal
import socket
import sys
import threading
from decimal import Decimal
from pathlib import Path

import uvicorn

import oms

from .app import create_app
from .outbox import CarrierForwarder


def seed(shop: oms.Oms) -> None:
    """A warehouse, a USD web channel and two products with stock; safe to run again."""
    shop.upsert_location(id="wh-east", kind="warehouse", region="US-NY")
    shop.upsert_channel(id="web", kind="web", currency="USD", locations=["wh-east"],
                        tax_rates={"standard": Decimal("0.08875")})
    for sku, name in [("TEE-M", "T-shirt, medium"), ("MUG", "Mug")]:
        shop.upsert_product(sku=sku, name=name)
        shop.receive_stock(sku=sku, location="wh-east", quantity=100, idempotency_key=f"seed-{sku}")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m service", description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="shop.db", help="what Oms.open takes: a SQLite path or a postgres:// URL")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="0 for any free port")
    parser.add_argument("--seed", action="store_true", help="add a demo warehouse, channel and products")
    parser.add_argument("--carrier-url", help="the carrier's booking API; without it, no outbox consumer runs")
    parser.add_argument("--partner", default="stub-carrier", help="the partner name hand-overs to this carrier use")
    parser.add_argument("--cursor-file", type=Path, help="where the consumer keeps its cursor (default: beside --db)")
    arguments = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")

    # uvicorn shuts down gracefully on SIGINT and SIGTERM, then raises the
    # signal again for the previous handler: make SIGTERM's an exit, as
    # SIGINT's is a KeyboardInterrupt, so that the `finally` below runs.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    shop = oms.Oms.open(arguments.db)
    stop = threading.Event()
    consumer = None
    try:
        if arguments.seed:
            seed(shop)
        if arguments.carrier_url:
            cursor_file = arguments.cursor_file or Path(f"{arguments.db}.carrier-cursor")
            forwarder = CarrierForwarder(shop, arguments.carrier_url, cursor_file, partner=arguments.partner)
            consumer = threading.Thread(target=forwarder.run_forever, args=(stop,), name="outbox", daemon=True)
            consumer.start()
        server = uvicorn.Server(uvicorn.Config(create_app(shop), log_level="warning"))
        # The socket listens before uvicorn starts, so that the port is known and
        # a client that connects at once waits in the backlog instead of being refused.
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((arguments.host, arguments.port))
        listener.listen(128)
        host, port = listener.getsockname()[:2]
        print(f"listening on http://{host}:{port}", flush=True)
        server.run(sockets=[listener])
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        if consumer is not None:
            consumer.join()
        shop.close()


if __name__ == "__main__":
    main()
