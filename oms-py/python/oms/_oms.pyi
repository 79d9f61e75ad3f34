"""Type stubs of the native module ``oms._oms`` (re-exported by ``oms``)."""

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from os import PathLike
from typing import Any, TypeAlias, final

# Money or a tax rate: a ``decimal.Decimal`` or an ``int``; a ``float`` is refused.
_Amount: TypeAlias = Decimal | int

__all__ = [
    "AuditReport",
    "Channel",
    "Conflict",
    "ERROR_CODES",
    "Event",
    "InvalidInput",
    "LineAllocation",
    "Location",
    "Movement",
    "NotFound",
    "ORDER_TRANSITIONS",
    "Oms",
    "OmsError",
    "Order",
    "OrderLine",
    "OrderPage",
    "Product",
    "Rejected",
    "StockLevel",
    "StorageError",
    "TaxSummary",
]

ORDER_TRANSITIONS: list[tuple[str, str]]
"""Every permitted change of order status, as ``(from, to)``."""

ERROR_CODES: list[str]
"""Every value ``OmsError.code`` can take."""

class OmsError(Exception):
    """Base class of every error the order management system raises."""

    code: str
    """Stable snake_case code, e.g. ``"insufficient_stock"``."""
    field: str | None
    """The input field the error is about, e.g. ``"lines[0].unit_price"``."""
    category: str
    """``invalid_input``, ``not_found``, ``rejected``, ``conflict`` or ``storage``."""

class InvalidInput(OmsError, ValueError):
    """The request is malformed; the caller must change it."""

class NotFound(OmsError, LookupError):
    """A record the request names does not exist."""

class Rejected(OmsError):
    """A business rule refuses the request."""

class Conflict(OmsError):
    """Another writer got there first; retrying may succeed."""

class StorageError(OmsError):
    """The storage failed; the command was not applied."""

@final
class Location:
    """A place stock is held: a warehouse, a store or a third-party logistics site."""
    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def region(self) -> str: ...
    @property
    def version(self) -> int: ...

@final
class Channel:
    """Where orders come from, with its currency, locations, tax and rounding policy."""
    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def currency(self) -> str: ...
    @property
    def locations(self) -> list[str]: ...
    @property
    def prices_include_tax(self) -> bool: ...
    @property
    def rounding_mode(self) -> str: ...
    @property
    def rounding_level(self) -> str: ...
    @property
    def tax_rates(self) -> dict[str, Decimal]: ...
    @property
    def version(self) -> int: ...

@final
class Product:
    """A sellable item."""
    @property
    def sku(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def tax_class(self) -> str: ...
    @property
    def version(self) -> int: ...

@final
class StockLevel:
    """The stock buckets of one SKU at one location."""
    @property
    def sku(self) -> str: ...
    @property
    def location(self) -> str: ...
    @property
    def on_hand(self) -> int: ...
    @property
    def allocated(self) -> int: ...
    @property
    def available(self) -> int: ...
    @property
    def version(self) -> int: ...

@final
class Movement:
    """One entry of the stock ledger."""
    @property
    def sequence(self) -> int: ...
    @property
    def sku(self) -> str: ...
    @property
    def location(self) -> str: ...
    @property
    def reason(self) -> str: ...
    @property
    def on_hand_delta(self) -> int: ...
    @property
    def allocated_delta(self) -> int: ...
    @property
    def order_id(self) -> str | None: ...
    @property
    def occurred_at(self) -> datetime: ...

@final
class LineAllocation:
    """Units of an order line promised from one location."""
    @property
    def location(self) -> str: ...
    @property
    def quantity(self) -> int: ...

@final
class TaxSummary:
    """Tax of one rate over an order."""
    @property
    def rate(self) -> Decimal: ...
    @property
    def taxable(self) -> Decimal: ...
    @property
    def tax(self) -> Decimal: ...

@final
class OrderLine:
    """One line of an order, its price broken down exactly and its units by stage."""
    @property
    def line_number(self) -> int: ...
    @property
    def sku(self) -> str: ...
    @property
    def unit_price(self) -> Decimal: ...
    @property
    def quantity(self) -> int: ...
    @property
    def cancelled(self) -> int: ...
    @property
    def allocated(self) -> int: ...
    @property
    def backordered(self) -> int: ...
    @property
    def shipped(self) -> int: ...
    @property
    def returned(self) -> int: ...
    @property
    def discount(self) -> Decimal: ...
    @property
    def order_discount_share(self) -> Decimal: ...
    @property
    def shipping_share(self) -> Decimal: ...
    @property
    def tax_class(self) -> str: ...
    @property
    def tax_rate(self) -> Decimal: ...
    @property
    def tax(self) -> Decimal: ...
    @property
    def total(self) -> Decimal: ...
    @property
    def allocations(self) -> list[LineAllocation]: ...

@final
class Order:
    """A customer's order, with its totals flattened onto it."""
    @property
    def id(self) -> str: ...
    @property
    def sequence(self) -> int: ...
    @property
    def channel(self) -> str: ...
    @property
    def customer_email(self) -> str: ...
    @property
    def currency(self) -> str: ...
    @property
    def prices_include_tax(self) -> bool: ...
    @property
    def status(self) -> str: ...
    @property
    def hold_reason(self) -> str | None: ...
    @property
    def cancel_reason(self) -> str | None: ...
    @property
    def lines(self) -> list[OrderLine]: ...
    @property
    def subtotal(self) -> Decimal: ...
    @property
    def discount_total(self) -> Decimal: ...
    @property
    def shipping_total(self) -> Decimal: ...
    @property
    def tax_total(self) -> Decimal: ...
    @property
    def total(self) -> Decimal: ...
    @property
    def tax_summary(self) -> list[TaxSummary]: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...
    @property
    def version(self) -> int: ...

@final
class OrderPage:
    """One page of list_orders; pass next_cursor back as after (None on the last page)."""
    @property
    def orders(self) -> list[Order]: ...
    @property
    def next_cursor(self) -> str | None: ...
    def __len__(self) -> int: ...

@final
class Event:
    """A domain event from the outbox; data holds its fields as JSON values."""
    @property
    def sequence(self) -> int: ...
    @property
    def type(self) -> str: ...
    @property
    def occurred_at(self) -> datetime: ...
    @property
    def data(self) -> dict[str, Any]: ...

@final
class AuditReport:
    """The result of audit(): every broken invariant found, as sentences (empty when sound)."""
    @property
    def orders_checked(self) -> int: ...
    @property
    def stock_levels_checked(self) -> int: ...
    @property
    def violations(self) -> list[str]: ...

@final
class Oms:
    """The order management service. Safe to share between threads; every call
    releases the GIL while the core works."""

    @staticmethod
    def in_memory() -> Oms: ...
    @staticmethod
    def open(target: str | PathLike[str]) -> Oms: ...
    def upsert_location(self, *, id: str, kind: str, region: str) -> Location: ...
    def upsert_channel(
        self,
        *,
        id: str,
        kind: str,
        currency: str,
        locations: Sequence[str],
        prices_include_tax: bool = False,
        rounding_mode: str = "half_up",
        rounding_level: str = "line",
        tax_rates: Mapping[str, _Amount] | None = None,
    ) -> Channel: ...
    def upsert_product(self, *, sku: str, name: str, tax_class: str = "standard") -> Product: ...
    def receive_stock(
        self, *, sku: str, location: str, quantity: int, idempotency_key: str | None = None
    ) -> StockLevel: ...
    def adjust_stock(
        self, *, sku: str, location: str, quantity_delta: int, idempotency_key: str | None = None
    ) -> StockLevel: ...
    def stock_level(self, *, sku: str, location: str) -> StockLevel: ...
    def stock_levels(self, *, sku: str | None = None, location: str | None = None) -> list[StockLevel]: ...
    def available(self, *, sku: str, channel: str) -> int: ...
    def movements(
        self, *, sku: str, location: str, after: int = 0, limit: int | None = None
    ) -> list[Movement]: ...
    def place_order(
        self,
        *,
        channel: str,
        customer_email: str,
        lines: Sequence[Mapping[str, object]],
        idempotency_key: str | None = None,
        currency: str | None = None,
        order_discount: _Amount | None = None,
        shipping: _Amount | None = None,
    ) -> Order:
        """Each line is ``{"sku": str, "quantity": int, "unit_price": Decimal, "discount": Decimal (optional)}``."""
    def get_order(self, order_id: str) -> Order: ...
    def list_orders(
        self,
        *,
        customer_email: str | None = None,
        channel: str | None = None,
        status: str | None = None,
        after: str | None = None,
        limit: int | None = None,
    ) -> OrderPage: ...
    def cancel_order(
        self, order_id: str, *, reason: str | None = None, idempotency_key: str | None = None
    ) -> Order: ...
    def cancel_lines(
        self, order_id: str, *, lines: Sequence[Mapping[str, int]], idempotency_key: str | None = None
    ) -> Order:
        """Each line is ``{"line_number": int, "quantity": int}``."""
    def hold_order(self, order_id: str, *, reason: str, idempotency_key: str | None = None) -> Order: ...
    def release_hold(self, order_id: str, *, idempotency_key: str | None = None) -> Order: ...
    def order_status_counts(self) -> dict[str, int]: ...
    def events_since(self, cursor: int = 0, limit: int | None = None) -> list[Event]: ...
    def audit(self) -> AuditReport: ...
