"""The ``oms`` command: look into a shop's database, check it, back it up and export it.

``oms COMMAND DB ...`` where DB is anything ``Oms.open`` takes (a SQLite
path, ``sqlite:PATH?...`` or a ``postgres://`` URL), always opened with
``create=false``: a mistyped path or schema is ``store_not_found``, never a
new, empty shop. Every command only reads. Human-readable tables by
default, ``--json`` for scripts; money is printed and exported as exact
decimal strings. Errors are one line on stderr, ``oms: CODE: message``.

Exit statuses (stable, documented in the README):

- 0: done;
- 1: ``audit`` found broken invariants;
- 2: usage (bad arguments, an output that exists, a backup of PostgreSQL);
- 3: the library refused or failed (its error code is printed);
- 4: the file system failed (``io_error``);
- 130: interrupted (Ctrl-C), except ``events --follow``, which stops with 0.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import decimal
import io
import json
import os
import pathlib
import sqlite3
import sys
import tempfile
import time
import urllib.parse
from typing import IO, Any, Callable, Dict, Iterator, List, NoReturn, Optional, Sequence, Tuple, get_args

import oms

from ._types import OrderStatus

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_USAGE = 2
EXIT_OMS_ERROR = 3
EXIT_IO_ERROR = 4
EXIT_INTERRUPTED = 130

# One page of a list read: the library's largest.
PAGE_MAX = 1000
ORDER_STATUSES: Tuple[str, ...] = get_args(OrderStatus)
POSTGRES_PREFIXES = ("postgres://", "postgresql://")
# The columns of `stock` and of the CSV exports.
STOCK_COLUMNS = ("sku", "location", "on_hand", "allocated", "reserved", "quarantined", "incoming", "available")
ORDER_LINE_COLUMNS = (
    "order_id", "order_sequence", "created_at", "status", "channel", "customer_email", "currency", "line_number",
    "sku", "quantity", "cancelled", "allocated", "backordered", "shipped", "delivered", "returned", "unit_price",
    "discount", "tax", "line_total", "order_total",
)
EVENT_COLUMNS = ("sequence", "occurred_at", "type", "data")


class CliError(Exception):
    """A refusal of the command itself, with a stable code and an exit status."""

    def __init__(self, code: str, message: str, status: int) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


# Opening --------------------------------------------------------------------


def is_postgres(db: str) -> bool:
    return db.startswith(POSTGRES_PREFIXES)


def existing_only(db: str) -> str:
    """The target for ``Oms.open`` that opens DB only if it holds a store.

    ``create=false`` is an option of ``sqlite:PATH?...`` and of PostgreSQL
    URLs; a plain path gets the prefix. The option goes last, so that it
    wins over one the user gave, and so that a plain path holding ``?``
    stays whole (the library splits SQLite options at the last ``?``).
    """
    if is_postgres(db) or db.startswith("sqlite:"):
        return f"{db}{'&' if '?' in db else '?'}create=false"
    return f"sqlite:{db}?create=false"


def sqlite_path(db: str) -> str:
    """The file of a SQLite DB argument (a path, or ``sqlite:PATH?options``)."""
    if db.startswith("sqlite:"):
        spec = db[len("sqlite:"):]
        return spec.rsplit("?", 1)[0] if "?" in spec else spec
    return db


def shown(db: str) -> str:
    """DB as it may be printed: a PostgreSQL URL without its password."""
    if not is_postgres(db):
        return db
    parts = urllib.parse.urlsplit(db)
    if parts.password is None:
        return db
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def open_store(db: str) -> oms.Oms:
    if db == ":memory:":
        raise CliError("store_not_found", "':memory:' is a new, empty store: give a SQLite file or a PostgreSQL URL",
                       EXIT_OMS_ERROR)
    try:
        return oms.Oms.open(existing_only(db))
    except oms.OmsError as error:
        if error.code != "store_not_found":
            raise
        if is_postgres(db):
            why = f"no oms store in {shown(db)}: the schema is missing or holds no oms tables"
        else:
            why = f"no oms store at {sqlite_path(db)}: the file is missing, empty or holds no tables"
        raise CliError("store_not_found", f"{why} (oms creates none: check the {'URL' if is_postgres(db) else 'path'})",
                       EXIT_OMS_ERROR) from None


# Output ---------------------------------------------------------------------


def plain(value: Any) -> Any:
    """``json`` for what records hold: exact decimal strings, ISO 8601 times."""
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def dumps(value: Any) -> str:
    return json.dumps(value, default=plain, ensure_ascii=False, sort_keys=False)


def write_json(out: IO[str], value: Any) -> None:
    out.write(json.dumps(value, default=plain, ensure_ascii=False, indent=2) + "\n")


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


def table(out: IO[str], headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Columns padded to their widest cell; columns of numbers right-aligned."""
    cells = [[text(value) for value in row] for row in rows]
    numeric = [
        bool(rows) and all(isinstance(row[i], (int, decimal.Decimal)) or row[i] is None for row in rows)
        for i in range(len(headers))
    ]
    widths = [max([len(header)] + [len(row[i]) for row in cells]) for i, header in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        padded = [value.rjust(widths[i]) if numeric[i] else value.ljust(widths[i]) for i, value in enumerate(values)]
        return "  ".join(padded).rstrip()

    out.write(line(headers) + "\n")
    for row in cells:
        out.write(line(row) + "\n")


def money(amount: decimal.Decimal, currency: str) -> str:
    return f"{amount} {currency}"


# Commands -------------------------------------------------------------------


def outbox_bounds(shop: oms.Oms) -> Tuple[int, int]:
    """The first and last sequence numbers of the outbox ((0, 0) when empty).

    Numbers are gapless, so the last one is found by asking for one event
    after a cursor: O(log n) reads, where paging through the outbox would
    read every event.
    """
    first_page = shop.events_since(0, 1)
    if not first_page:
        return 0, 0
    first = first_page[0].sequence

    def after(cursor: int) -> bool:
        return bool(shop.events_since(cursor, 1))

    below, above = first - 1, first  # after(below) holds; after(above) is unknown yet
    while after(above):
        below, above = above, above * 2
    while above - below > 1:
        middle = (below + above) // 2
        if after(middle):
            below = middle
        else:
            above = middle
    return first, above


def command_inspect(args: argparse.Namespace, out: IO[str]) -> int:
    shop = open_store(args.db)
    # In the order of the status graph rather than the order of the counts.
    by_status = dict(sorted(shop.order_status_counts().items(), key=lambda item: ORDER_STATUSES.index(item[0])))
    locations = {location.id: location for location in shop.list_locations()}
    buckets = STOCK_COLUMNS[2:]
    # Every location, those without stock too.
    stock: Dict[str, Dict[str, int]] = {location_id: dict.fromkeys(("skus",) + buckets, 0) for location_id in locations}
    for level in shop.stock_levels():
        figures = stock.setdefault(level.location, dict.fromkeys(("skus",) + buckets, 0))
        figures["skus"] += 1
        for bucket in buckets:
            figures[bucket] += getattr(level, bucket)
    first, last = outbox_bounds(shop)
    events = last - first + 1 if last else 0
    report: Dict[str, Any] = {
        "backend": "postgresql" if is_postgres(args.db) else "sqlite",
        "database": shown(args.db),
        "schema_version": shop.schema_version(),
        "orders": {"total": sum(by_status.values()), "by_status": by_status},
        "stock": [
            {"location": location_id,
             "kind": locations[location_id].kind if location_id in locations else None,
             "region": locations[location_id].region if location_id in locations else None,
             **figures}
            for location_id, figures in sorted(stock.items())
        ],
        "outbox": {"events": events, "last_sequence": last},
    }
    if args.json:
        write_json(out, report)
        return EXIT_OK
    out.write(f"database        {report['database']} ({report['backend']})\n")
    out.write(f"schema version  {report['schema_version']}\n")
    out.write(f"orders          {report['orders']['total']}\n")
    out.write(f"outbox          {events} events, last sequence {last}\n")
    if by_status:
        out.write("\n")
        table(out, ["STATUS", "ORDERS"], [[status, orders] for status, orders in by_status.items()])
    if report["stock"]:
        out.write("\n")
        table(out, ["LOCATION", "KIND", "REGION", "SKUS", "ON_HAND", "ALLOCATED", "RESERVED", "QUARANTINED",
                    "INCOMING", "AVAILABLE"],
              [[row["location"], row["kind"], row["region"], row["skus"], row["on_hand"], row["allocated"],
                row["reserved"], row["quarantined"], row["incoming"], row["available"]] for row in report["stock"]])
    return EXIT_OK


def iter_orders(shop: oms.Oms, args: argparse.Namespace, limit: Optional[int]) -> Iterator[Tuple[oms.Order, Optional[str]]]:
    """Orders matching the filters, oldest first, each with the cursor after it."""
    after: Optional[str] = getattr(args, "after", None)
    remaining = limit
    while remaining is None or remaining > 0:
        page = shop.list_orders(customer_email=args.customer, channel=args.channel, status=args.status, after=after,
                                limit=PAGE_MAX if remaining is None else min(remaining, PAGE_MAX))
        for index, order in enumerate(page.orders):
            last_of_page = index == len(page.orders) - 1
            yield order, page.next_cursor if last_of_page else None
        if remaining is not None:
            remaining -= len(page.orders)
        if page.next_cursor is None:
            return
        after = page.next_cursor


def check_filters(shop: oms.Oms, args: argparse.Namespace) -> None:
    """A filter naming a record that does not exist is its not-found error, not an empty list."""
    if getattr(args, "channel", None) is not None:
        shop.get_channel(args.channel)
    if getattr(args, "location", None) is not None:
        shop.get_location(args.location)
    if getattr(args, "sku", None) is not None:
        shop.get_product(args.sku)


def command_orders(args: argparse.Namespace, out: IO[str]) -> int:
    shop = open_store(args.db)
    check_filters(shop, args)
    orders: List[oms.Order] = []
    next_cursor: Optional[str] = None
    for order, cursor in iter_orders(shop, args, args.limit):
        orders.append(order)
        next_cursor = cursor
    if len(orders) < args.limit:
        next_cursor = None
    if args.json:
        write_json(out, {"orders": [order.to_dict() for order in orders], "next_cursor": next_cursor})
        return EXIT_OK
    table(out, ["ORDER", "STATUS", "CHANNEL", "CUSTOMER", "LINES", "UNITS", "TOTAL", "CREATED"],
          [[order.id, order.status, order.channel, order.customer_email, len(order.lines),
            sum(line.quantity - line.cancelled for line in order.lines), money(order.total, order.currency),
            order.created_at] for order in orders])
    if next_cursor is not None:
        sys.stderr.write(f"oms: more orders may follow: --after {next_cursor}\n")
    return EXIT_OK


def command_stock(args: argparse.Namespace, out: IO[str]) -> int:
    shop = open_store(args.db)
    check_filters(shop, args)
    levels = shop.stock_levels(sku=args.sku, location=args.location)
    if args.limit is not None:
        levels = levels[: args.limit]
    rows = [[getattr(level, column) for column in STOCK_COLUMNS] for level in levels]
    if args.json:
        write_json(out, {"stock": [dict(zip(STOCK_COLUMNS, row)) for row in rows]})
        return EXIT_OK
    table(out, [column.upper() for column in STOCK_COLUMNS], rows)
    return EXIT_OK


def event_line(event: oms.Event) -> str:
    return f"{event.sequence:>8}  {text(event.occurred_at)}  {event.type:<26}  {dumps(event.data)}"


def command_events(args: argparse.Namespace, out: IO[str]) -> int:
    shop = open_store(args.db)
    cursor: int = args.since
    remaining: Optional[int] = args.limit
    try:
        while remaining is None or remaining > 0:
            try:
                batch = shop.events_since(cursor, PAGE_MAX if remaining is None else min(remaining, PAGE_MAX))
            except (oms.Conflict, oms.StorageError) as error:
                # A follower outlives a busy or restarting database: it tries
                # again at the next poll. Anything else ends it.
                if not args.follow or error.code not in ("conflict", "storage_unavailable"):
                    raise
                time.sleep(args.interval)
                continue
            for event in batch:
                out.write((dumps(event.to_dict()) if args.json else event_line(event)) + "\n")
                cursor = event.sequence
            if remaining is not None:
                remaining -= len(batch)
            if batch:
                out.flush()
                continue
            if not args.follow:
                break
            time.sleep(args.interval)
    except KeyboardInterrupt:
        # Ctrl-C is how a follower stops: a clean end, not a failure.
        if not args.follow:
            raise
    out.flush()
    return EXIT_OK


def command_audit(args: argparse.Namespace, out: IO[str]) -> int:
    shop = open_store(args.db)
    report = shop.audit()
    # The replay catches what stored state alone cannot show: an order that
    # is whole and consistent but is not the order its events describe.
    replay = shop.verify_replay() if args.replay else None
    mismatches = replay.mismatches if replay is not None else []
    status = EXIT_OK if not report.violations and not mismatches else EXIT_VIOLATIONS
    if args.json:
        result: Dict[str, Any] = {
            "clean": status == EXIT_OK, "orders_checked": report.orders_checked,
            "stock_levels_checked": report.stock_levels_checked, "violations": report.violations,
        }
        if replay is not None:
            result["replay"] = {"events_read": replay.events_read, "orders_checked": replay.orders_checked,
                                "orders_not_replayable": replay.orders_not_replayable, "mismatches": mismatches}
        write_json(out, result)
        return status
    checked = f"{report.orders_checked} orders and {report.stock_levels_checked} stock levels"
    if not report.violations:
        out.write(f"audit: {checked} checked, no invariant broken\n")
    else:
        out.write(f"audit: {checked} checked, {len(report.violations)} broken invariant(s):\n")
        for violation in report.violations:
            out.write(f"  - {violation}\n")
    if replay is not None:
        replayed = (f"{replay.orders_checked} orders rebuilt from {replay.events_read} events"
                    f" ({replay.orders_not_replayable} not replayable)")
        if not mismatches:
            out.write(f"replay: {replayed}, every one as stored\n")
        else:
            out.write(f"replay: {replayed}, {len(mismatches)} differ from the stored order:\n")
            for mismatch in mismatches:
                # Each names the order and holds both versions whole: --json has them in full.
                out.write(f"  - {mismatch if len(mismatch) <= 200 else mismatch[:200] + '…'}\n")
    return status


def file_uri(path: str) -> str:
    """A read-only SQLite URI for a path (any character quoted)."""
    return pathlib.Path(path).resolve().as_uri() + "?mode=ro"


def command_backup(args: argparse.Namespace, out: IO[str]) -> int:
    if is_postgres(args.db):
        raise CliError("backup_unsupported", "a PostgreSQL schema is backed up with pg_dump "
                       "(pg_dump --schema=NAME --format=custom URL > FILE), which this command does not replace",
                       EXIT_USAGE)
    target = pathlib.Path(args.out)
    if target.exists():
        raise CliError("output_exists", f"{target} exists; a backup never writes over a file", EXIT_USAGE)
    shop = open_store(args.db)  # refuses a path that holds no store, and brings an older one up to date
    schema_version = shop.schema_version()
    descriptor, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    os.close(descriptor)
    try:
        # Read-only: this connection never checkpoints nor writes the shop's file.
        source = sqlite3.connect(file_uri(sqlite_path(args.db)), uri=True)
        try:
            copy = sqlite3.connect(partial)
            try:
                # SQLite's online backup in one step: one read transaction, a
                # consistent snapshot, while the shop's writers carry on (WAL).
                source.backup(copy)
                verdict = copy.execute("PRAGMA quick_check").fetchone()[0]
                copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
            finally:
                copy.close()
        finally:
            source.close()
        if verdict != "ok":
            raise CliError("backup_corrupt", f"the copy fails SQLite's quick_check: {verdict}", EXIT_OMS_ERROR)
        with open(partial, "rb") as written:
            os.fsync(written.fileno())
        os.replace(partial, target)
    except BaseException:
        if os.path.exists(partial):
            os.unlink(partial)
        raise
    size = target.stat().st_size
    if args.json:
        write_json(out, {"backup": str(target), "bytes": size, "schema_version": schema_version})
    else:
        out.write(f"backed up {shown(args.db)} to {target} ({size} bytes, schema version {schema_version})\n")
    return EXIT_OK


def export_rows(shop: oms.Oms, what: str, as_csv: bool, args: argparse.Namespace) -> Iterator[Sequence[Any]]:
    """What an export writes: a record per line (JSON Lines) or rows under a header (CSV)."""
    if what == "orders":
        for order, _ in iter_orders(shop, args, None):
            if not as_csv:
                yield [order.to_dict()]
                continue
            for line in order.lines:
                yield [order.id, order.sequence, order.created_at.isoformat(), order.status, order.channel,
                       order.customer_email, order.currency, line.line_number, line.sku, line.quantity,
                       line.cancelled, line.allocated, line.backordered, line.shipped, line.delivered,
                       line.returned, line.unit_price, line.discount, line.tax, line.total, order.total]
    elif what == "stock":
        for level in shop.stock_levels():
            values = [getattr(level, column) for column in STOCK_COLUMNS]
            yield values if as_csv else [dict(zip(STOCK_COLUMNS, values))]
    else:
        cursor = 0
        while True:
            batch = shop.events_since(cursor, PAGE_MAX)
            if not batch:
                return
            for event in batch:
                cursor = event.sequence
                yield ([event.sequence, event.occurred_at.isoformat(), event.type, dumps(event.data)] if as_csv
                       else [event.to_dict()])


def command_export(args: argparse.Namespace, out: IO[str]) -> int:
    shop = open_store(args.db)
    as_csv = args.format == "csv"
    headers = {"orders": ORDER_LINE_COLUMNS, "stock": STOCK_COLUMNS, "events": EVENT_COLUMNS}[args.what]

    def write(stream: IO[str]) -> None:
        if as_csv:
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow(headers)
            for row in export_rows(shop, args.what, True, args):
                writer.writerow([str(value) if isinstance(value, decimal.Decimal) else value for value in row])
        else:
            for (record,) in export_rows(shop, args.what, False, args):
                stream.write(dumps(record) + "\n")

    if args.output is None:
        write(out)
        return EXIT_OK
    target = pathlib.Path(args.output)
    descriptor, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    try:
        # Written beside the target and renamed: a reader never sees half an export.
        with io.open(descriptor, "w", encoding="utf-8", newline="") as stream:
            write(stream)
        os.replace(partial, target)
    except BaseException:
        if os.path.exists(partial):
            os.unlink(partial)
        raise
    return EXIT_OK


# Arguments ------------------------------------------------------------------


class Parser(argparse.ArgumentParser):
    """argparse whose errors are one line with a stable code, exit status 2."""

    def error(self, message: str) -> NoReturn:
        raise CliError("usage_error", f"{message} (see '{self.prog} --help')", EXIT_USAGE)


def count(minimum: int) -> Callable[[str], int]:
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
        if number < minimum:
            raise argparse.ArgumentTypeError(f"expected at least {minimum}, got {number}")
        return number

    return parse


def seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected seconds, got {value!r}") from None
    if not 0.05 <= number <= 3600:
        raise argparse.ArgumentTypeError(f"expected 0.05 to 3600 seconds, got {value}")
    return number


DB_HELP = "a SQLite file, sqlite:PATH?..., or a postgres:// URL (?schema=NAME); never created"


def parser() -> Parser:
    top = Parser(
        prog="oms",
        description="Look into a shop's oms database: inspect it, list orders, stock and events, audit it, "
                    "back it up, export it. Every command only reads.",
        epilog="Exit status: 0 done, 1 audit found broken invariants, 2 usage, 3 oms error, 4 file system error, "
               "130 interrupted. Errors: one line on stderr, 'oms: CODE: message'.",
    )
    top.add_argument("--version", action="version", version=f"oms {oms.__version__}")
    commands = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, run: Callable[[argparse.Namespace, IO[str]], int], summary: str,
                json_help: str = "print JSON instead of a table") -> Parser:
        sub: Parser = commands.add_parser(name, help=summary, description=summary)
        sub.add_argument("db", metavar="DB", help=DB_HELP)
        if json_help:
            sub.add_argument("--json", action="store_true", help=json_help)
        sub.set_defaults(run=run)
        return sub

    command("inspect", command_inspect,
            "orders by status, stock per location, outbox length and schema version")

    orders = command("orders", command_orders, "orders matching the filters, oldest first")
    orders.add_argument("--status", choices=ORDER_STATUSES, metavar="STATUS",
                        help=f"only this status ({', '.join(ORDER_STATUSES)})")
    orders.add_argument("--channel", help="only orders placed on this channel")
    orders.add_argument("--customer", metavar="EMAIL", help="only this customer's orders")
    orders.add_argument("--after", metavar="CURSOR", help="continue after this cursor (printed when more follow)")
    orders.add_argument("--limit", type=count(1), default=100, help="orders at most (default 100)")

    stock = command("stock", command_stock, "stock levels by SKU and location")
    stock.add_argument("--sku", help="only this SKU")
    stock.add_argument("--location", help="only this location")
    stock.add_argument("--limit", type=count(1), help="rows at most (default all)")

    events = command("events", command_events, "outbox events after a sequence number, oldest first",
                     json_help="print one JSON object per line (JSON Lines)")
    events.add_argument("--since", type=count(0), default=0, metavar="N",
                        help="events after sequence number N (default 0: from the start)")
    events.add_argument("--limit", type=count(1), help="events at most (default all)")
    events.add_argument("--follow", action="store_true",
                        help="keep polling for new events until interrupted (Ctrl-C exits 0)")
    events.add_argument("--interval", type=seconds, default=1.0, metavar="SECONDS",
                        help="seconds between polls with --follow (default 1)")

    audit = command("audit", command_audit, "check every invariant stored state can show; exit 1 when one is broken")
    audit.add_argument("--replay", action="store_true",
                       help="also rebuild every order from its events and compare it with the stored one")

    backup = command("backup", command_backup,
                     "copy a SQLite database with SQLite's online backup, safe while the shop writes")
    backup.add_argument("out", metavar="OUT", help="the backup file to write (must not exist)")

    export = command("export", command_export, "write orders, stock or events as JSON Lines or CSV", json_help="")
    export.add_argument("what", choices=("orders", "stock", "events"),
                        help="orders (JSON Lines: an order per line; CSV: a row per order line), "
                             "stock (a row per SKU and location) or events (a row per event)")
    export.add_argument("--format", choices=("jsonl", "csv"), default="jsonl", help="jsonl (default) or csv")
    export.add_argument("--output", "-o", metavar="FILE", help="write to FILE (replaced whole) instead of stdout")
    # The filters of `orders`, for an export of orders.
    export.set_defaults(status=None, channel=None, customer=None, after=None)
    return top


def one_line(message: str) -> str:
    return " ".join(message.split())


def main(argv: Optional[Sequence[str]] = None) -> int:
    out = sys.stdout
    try:
        args = parser().parse_args(argv)
        run: Callable[[argparse.Namespace, IO[str]], int] = args.run
        return run(args, out)
    except CliError as error:
        sys.stderr.write(f"oms: {error.code}: {one_line(error.message)}\n")
        return error.status
    except oms.OmsError as error:
        sys.stderr.write(f"oms: {error.code}: {one_line(str(error))}\n")
        return EXIT_OMS_ERROR
    except BrokenPipeError:
        # The reader went away (`oms events DB | head`): stop quietly; point
        # stdout at nothing so that the interpreter's final flush cannot fail.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as error:
        reason = error.strerror or str(error)
        where = f": {error.filename}" if error.filename else ""
        sys.stderr.write(f"oms: io_error: {one_line(reason)}{where}\n")
        return EXIT_IO_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("oms: interrupted\n")
        return EXIT_INTERRUPTED
