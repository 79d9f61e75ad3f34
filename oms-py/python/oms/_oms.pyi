"""Type stubs of the native module ``oms._oms`` (re-exported by ``oms``)."""

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from os import PathLike
from typing import Any, TypeAlias, final

# Money or a tax rate: a ``decimal.Decimal`` or an ``int``; a ``float`` is refused.
# A Decimal is read exactly, never rounded: trailing zeros and exponents are
# fine (``Decimal("1.000000000000000000000000000000")``, ``Decimal("1E+2")``),
# ``Decimal("-0")`` is zero, and a value with more than 28 decimal places after
# its trailing zeros, or whose digits exceed 2**96 - 1, is ``invalid_amount``.
_Amount: TypeAlias = Decimal | int

# Where a ``Sequence`` is taken (lines, skus, locations), any
# ``collections.abc.Sequence`` is read: a list, a tuple, a user's own class. A
# ``str`` or ``bytes`` is refused (``invalid_input``), and so is a generator or
# another iterator: it is not a sequence, and reading it would use it up; pass
# ``list(...)``. Where a ``Mapping`` is taken (each line, tax rates), any
# ``collections.abc.Mapping`` is read: a dict, a ``types.MappingProxyType``, a
# user's own class.

__all__ = [
    "AllocationPlan",
    "AuditReport",
    "Availability",
    "Candidate",
    "Channel",
    "Conflict",
    "ERROR_CODES",
    "Event",
    "Explanation",
    "HeldLine",
    "InvalidInput",
    "LineAllocation",
    "Location",
    "LocationAvailability",
    "Movement",
    "NotFound",
    "ORDER_TRANSITIONS",
    "Oms",
    "OmsError",
    "Order",
    "OrderLine",
    "OrderPage",
    "PlannedLine",
    "Product",
    "Rejected",
    "StockHold",
    "StockLevel",
    "StorageError",
    "TRANSFER_TRANSITIONS",
    "TaxSummary",
    "Transfer",
]

ORDER_TRANSITIONS: list[tuple[str, str]]
"""Every permitted change of order status, as ``(from, to)``."""

TRANSFER_TRANSITIONS: list[tuple[str, str]]
"""Every permitted change of transfer status, as ``(from, to)``."""

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
    def ships(self) -> bool: ...
    @property
    def offers_pickup(self) -> bool: ...
    @property
    def ships_from_store(self) -> bool: ...
    @property
    def daily_capacity(self) -> int | None: ...
    @property
    def priority(self) -> int: ...
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
    def safety_stock(self) -> int: ...
    @property
    def allow_backorders(self) -> bool: ...
    @property
    def split_policy(self) -> str: ...
    @property
    def pickup_fallback(self) -> str: ...
    @property
    def strategy(self) -> str: ...
    @property
    def max_distance_km(self) -> int | None: ...
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
    def backorderable(self) -> bool: ...
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
    def held(self) -> int: ...
    @property
    def quarantined(self) -> int: ...
    @property
    def incoming(self) -> int: ...
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
    def held_delta(self) -> int: ...
    @property
    def quarantined_delta(self) -> int: ...
    @property
    def incoming_delta(self) -> int: ...
    @property
    def reference(self) -> str | None:
        """The order, hold or transfer the movement is for."""
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
class Candidate:
    """One candidate location the allocation considered."""
    @property
    def strategy(self) -> str: ...
    @property
    def location(self) -> str: ...
    @property
    def distance_km(self) -> int | None: ...
    @property
    def priority(self) -> int: ...
    @property
    def score(self) -> list[int]:
        """The strategy's sort key, lower first; empty when filtered out."""
    @property
    def units(self) -> int: ...
    @property
    def passed_over(self) -> str | None:
        """``not_permitted``, ``not_capable``, ``over_capacity``, ``too_far``, ``no_stock``,
        ``below_safety_stock``, ``not_needed``, or None when it gave units."""

@final
class Explanation:
    """Why an allocation came out as it did."""
    @property
    def split_policy(self) -> str: ...
    @property
    def shipments(self) -> int: ...
    @property
    def unfilled(self) -> int: ...
    @property
    def candidates(self) -> list[Candidate]: ...

@final
class PlannedLine:
    """The plan for one line of an AllocationPlan."""
    @property
    def allocations(self) -> list[LineAllocation]: ...
    @property
    def unfilled(self) -> int: ...

@final
class AllocationPlan:
    """A dry run of an order's allocation: nothing was written."""
    @property
    def fulfilment_method(self) -> str: ...
    @property
    def fulfilment_location(self) -> str | None: ...
    @property
    def lines(self) -> list[PlannedLine]: ...
    @property
    def explanation(self) -> Explanation: ...

@final
class LocationAvailability:
    """Available to promise at one location."""
    @property
    def location(self) -> str: ...
    @property
    def available(self) -> int: ...

@final
class Availability:
    """Available to promise for one SKU on a channel, with the figure per location."""
    @property
    def sku(self) -> str: ...
    @property
    def available(self) -> int: ...
    @property
    def locations(self) -> list[LocationAvailability]: ...

@final
class HeldLine:
    """One SKU of a checkout hold and where its units are held."""
    @property
    def sku(self) -> str: ...
    @property
    def quantity(self) -> int: ...
    @property
    def allocations(self) -> list[LineAllocation]: ...

@final
class StockHold:
    """Stock reserved for a cart until it expires, is released, or becomes an order."""
    @property
    def id(self) -> str: ...
    @property
    def channel(self) -> str: ...
    @property
    def status(self) -> str:
        """``active``, ``converted``, ``released`` or ``expired``."""
    @property
    def expires_at(self) -> datetime: ...
    @property
    def order_id(self) -> str | None: ...
    @property
    def lines(self) -> list[HeldLine]: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...
    @property
    def version(self) -> int: ...

@final
class Transfer:
    """Stock moving between two locations."""
    @property
    def id(self) -> str: ...
    @property
    def sku(self) -> str: ...
    @property
    def from_location(self) -> str: ...
    @property
    def to_location(self) -> str: ...
    @property
    def quantity(self) -> int: ...
    @property
    def status(self) -> str:
        """``requested``, ``shipped``, ``received`` or ``cancelled``."""
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...
    @property
    def version(self) -> int: ...

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
    def fulfilment_method(self) -> str:
        """``ship``, ``pickup`` or ``point_of_sale``."""
    @property
    def fulfilment_location(self) -> str | None: ...
    @property
    def ship_to_region(self) -> str | None: ...
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
    def explanation(self) -> Explanation | None: ...
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
    def upsert_location(
        self,
        *,
        id: str,
        kind: str,
        region: str,
        ships: bool | None = None,
        offers_pickup: bool | None = None,
        ships_from_store: bool = False,
        daily_capacity: int | None = None,
        priority: int | None = None,
    ) -> Location: ...
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
        safety_stock: int = 0,
        allow_backorders: bool = False,
        split_policy: str = "fewest_shipments",
        pickup_fallback: str = "reject",
        strategy: str | None = None,
        max_distance_km: int | None = None,
    ) -> Channel: ...
    def upsert_product(
        self, *, sku: str, name: str, tax_class: str = "standard", backorderable: bool = False
    ) -> Product: ...
    def set_region_distance(self, *, from_region: str, to_region: str, distance_km: int) -> None: ...
    def receive_stock(
        self, *, sku: str, location: str, quantity: int, idempotency_key: str | None = None
    ) -> StockLevel: ...
    def adjust_stock(
        self, *, sku: str, location: str, quantity_delta: int, idempotency_key: str | None = None
    ) -> StockLevel: ...
    def count_stock(
        self, *, sku: str, location: str, counted: int, idempotency_key: str | None = None
    ) -> StockLevel: ...
    def quarantine_stock(
        self, *, sku: str, location: str, quantity: int, idempotency_key: str | None = None
    ) -> StockLevel: ...
    def release_quarantine(
        self, *, sku: str, location: str, quantity: int, idempotency_key: str | None = None
    ) -> StockLevel: ...
    def availability(
        self,
        *,
        channel: str,
        skus: Sequence[str],
        region: str | None = None,
        pickup_location: str | None = None,
    ) -> list[Availability]: ...
    def hold_stock(
        self,
        *,
        hold_id: str,
        channel: str,
        lines: Sequence[Mapping[str, object]],
        ttl_seconds: int,
        pickup_location: str | None = None,
        ship_to_region: str | None = None,
        idempotency_key: str | None = None,
    ) -> StockHold:
        """Each line is ``{"sku": str, "quantity": int}``; ``lines`` is a list, a tuple or
        another sequence of mappings (not a generator or iterator)."""
    def release_stock_hold(self, hold_id: str, *, idempotency_key: str | None = None) -> StockHold: ...
    def expire_holds(self) -> list[str]: ...
    def get_stock_hold(self, hold_id: str) -> StockHold: ...
    def request_transfer(
        self,
        *,
        sku: str,
        from_location: str,
        to_location: str,
        quantity: int,
        idempotency_key: str | None = None,
    ) -> Transfer: ...
    def ship_transfer(self, transfer_id: str, *, idempotency_key: str | None = None) -> Transfer: ...
    def receive_transfer(self, transfer_id: str, *, idempotency_key: str | None = None) -> Transfer: ...
    def cancel_transfer(self, transfer_id: str, *, idempotency_key: str | None = None) -> Transfer: ...
    def get_transfer(self, transfer_id: str) -> Transfer: ...
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
        pickup_location: str | None = None,
        ship_to_region: str | None = None,
        hold_id: str | None = None,
        explain: bool = False,
    ) -> Order:
        """Each line is ``{"sku": str, "quantity": int, "unit_price": Decimal, "discount": Decimal (optional)}``;
        ``lines`` is a list, a tuple or another sequence of mappings (not a generator or iterator)."""
    def plan_allocation(
        self,
        *,
        channel: str,
        customer_email: str,
        lines: Sequence[Mapping[str, object]],
        currency: str | None = None,
        order_discount: _Amount | None = None,
        shipping: _Amount | None = None,
        pickup_location: str | None = None,
        ship_to_region: str | None = None,
    ) -> AllocationPlan:
        """A dry run of place_order: where the units would come from, and why. Writes nothing."""
    def reject_allocation(
        self, order_id: str, *, line_number: int, location: str, idempotency_key: str | None = None
    ) -> Order: ...
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
        """Each line is ``{"line_number": int, "quantity": int}``; ``lines`` is a list, a tuple or
        another sequence of mappings (not a generator or iterator)."""
    def hold_order(self, order_id: str, *, reason: str, idempotency_key: str | None = None) -> Order: ...
    def release_hold(self, order_id: str, *, idempotency_key: str | None = None) -> Order: ...
    def order_status_counts(self) -> dict[str, int]: ...
    def events_since(self, cursor: int = 0, limit: int | None = None) -> list[Event]: ...
    def audit(self) -> AuditReport: ...
