"""Type stubs of the native module ``oms._oms`` (re-exported by ``oms``)."""

from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from os import PathLike
from types import TracebackType
from typing import Any, TypeAlias, final

from oms._types import (
    AddressInput,
    ParcelInput,
    ShipmentLineInput,
    ShipmentStatus,
    ChannelKind,
    ErrorCategory,
    ErrorCode,
    FulfilmentMethod,
    LineCancellation,
    LineRejectionReason,
    LineChangeInput,
    LocationKind,
    MovementReason,
    OrderLineInput,
    OrderStatus,
    PassReason,
    PickupFallback,
    ReservationLineInput,
    ReservationStatus,
    RoundingLevel,
    RoundingMode,
    SplitPolicy,
    TransferStatus,
    PaymentKind,
    PaymentStatus,
    PaymentAction,
    OrderPaymentStatus,
)

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
    "ReplayReport",
    "Availability",
    "Candidate",
    "Channel",
    "Conflict",
    "ERROR_CODES",
    "EVENT_TYPES",
    "Event",
    "Explanation",
    "InvalidInput",
    "LineAllocation",
    "Location",
    "LocationAvailability",
    "ManualClock",
    "Movement",
    "NotFound",
    "ORDER_TRANSITIONS",
    "Oms",
    "OmsError",
    "Order",
    "Address",
    "Parcel",
    "PickLine",
    "PickList",
    "Shipment",
    "ShipmentLine",
    "LineRejection",
    "OrderLine",
    "OrderPage",
    "PlannedLine",
    "Product",
    "ProductPage",
    "Rejected",
    "Reservation",
    "ReservedLine",
    "StockLevel",
    "StorageError",
    "TRANSFER_TRANSITIONS",
    "SHIPMENT_TRANSITIONS",
    "TaxSummary",
    "Transfer",
    "PAYMENT_TRANSITIONS",
    "Payment",
    "PaymentTransaction",
    "OrderPayments",
    "__version__",
]

__version__: str
"""The version of the oms crate this module was built from."""

ORDER_TRANSITIONS: list[tuple[str, str]]
"""Every permitted change of order status, as ``(from, to)``."""

TRANSFER_TRANSITIONS: list[tuple[str, str]]
SHIPMENT_TRANSITIONS: list[tuple[str, str]]
"""Every permitted change of transfer status, as ``(from, to)``."""

PAYMENT_TRANSITIONS: list[tuple[str, str]]
"""Every permitted change of payment status, as ``(from, to)``."""

_OPERATIONS: list[tuple[str, str, str, str]]
"""The rows of ``oms.OPERATIONS``: ``(name, kind, parameters, doc)``."""

ERROR_CODES: list[ErrorCode]
EVENT_TYPES: list[str]
"""Every value ``OmsError.code`` can take."""

class OmsError(Exception):
    """Base class of every error the order management system raises."""

    code: ErrorCode
    """Stable snake_case code, e.g. ``"insufficient_stock"``."""
    field: str | None
    """The input field the error is about, e.g. ``"lines[0].unit_price"``."""
    category: ErrorCategory
    """``invalid_input``, ``not_found``, ``rejected``, ``conflict`` or ``storage``."""
    details: dict[str, str | int]
    """Structured facts beyond the code: ``insufficient_stock`` gives ``sku``, ``requested``
    and ``available``; a ``*_not_found`` gives ``id``; ``{}`` when there are none."""

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
    def kind(self) -> LocationKind: ...
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

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> Location: ...
    def __deepcopy__(self, memo: Any, /) -> Location: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
@final
class Channel:
    """Where orders come from, with its currency, locations, tax and rounding policy."""
    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> ChannelKind: ...
    @property
    def currency(self) -> str: ...
    @property
    def locations(self) -> list[str]: ...
    @property
    def prices_include_tax(self) -> bool: ...
    @property
    def rounding_mode(self) -> RoundingMode: ...
    @property
    def rounding_level(self) -> RoundingLevel: ...
    @property
    def tax_rates(self) -> dict[str, Decimal]: ...
    @property
    def safety_stock(self) -> int: ...
    @property
    def allow_backorders(self) -> bool: ...
    @property
    def split_policy(self) -> SplitPolicy: ...
    @property
    def pickup_fallback(self) -> PickupFallback: ...
    @property
    def strategy(self) -> str: ...
    @property
    def max_distance_km(self) -> int | None: ...
    @property
    def require_payment_before_shipping(self) -> bool: ...
    @property
    def capture_on_shipment(self) -> bool: ...
    @property
    def pickup_window_hours(self) -> int: ...
    @property
    def version(self) -> int: ...

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> Channel: ...
    def __deepcopy__(self, memo: Any, /) -> Channel: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
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

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> Product: ...
    def __deepcopy__(self, memo: Any, /) -> Product: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
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
    def reserved(self) -> int: ...
    @property
    def quarantined(self) -> int: ...
    @property
    def incoming(self) -> int: ...
    @property
    def available(self) -> int: ...
    @property
    def version(self) -> int: ...

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> StockLevel: ...
    def __deepcopy__(self, memo: Any, /) -> StockLevel: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
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
    def reason(self) -> MovementReason: ...
    @property
    def on_hand_delta(self) -> int: ...
    @property
    def allocated_delta(self) -> int: ...
    @property
    def reserved_delta(self) -> int: ...
    @property
    def quarantined_delta(self) -> int: ...
    @property
    def incoming_delta(self) -> int: ...
    @property
    def reference(self) -> str | None:
        """The order, reservation or transfer the movement is for."""
    @property
    def occurred_at(self) -> datetime: ...

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> Movement: ...
    def __deepcopy__(self, memo: Any, /) -> Movement: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
@final
class LineAllocation:
    """Units of an order line promised from one location."""
    @property
    def location(self) -> str: ...
    @property
    def quantity(self) -> int: ...

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> LineAllocation: ...
    def __deepcopy__(self, memo: Any, /) -> LineAllocation: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
@final
class TaxSummary:
    """Tax of one rate over an order."""
    @property
    def rate(self) -> Decimal: ...
    @property
    def taxable(self) -> Decimal: ...
    @property
    def tax(self) -> Decimal: ...

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> TaxSummary: ...
    def __deepcopy__(self, memo: Any, /) -> TaxSummary: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
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
    def delivered(self) -> int: ...
    @property
    def ready_for_pickup(self) -> int: ...
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

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> OrderLine: ...
    def __deepcopy__(self, memo: Any, /) -> OrderLine: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
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
    def passed_over(self) -> PassReason | None:
        """``not_permitted``, ``not_capable``, ``over_capacity``, ``too_far``, ``no_stock``,
        ``below_safety_stock``, ``not_needed``, or None when it gave units."""

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> Candidate: ...
    def __deepcopy__(self, memo: Any, /) -> Candidate: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
@final
class Explanation:
    """Why an allocation came out as it did."""
    @property
    def split_policy(self) -> SplitPolicy: ...
    @property
    def shipments(self) -> int: ...
    @property
    def unfilled(self) -> int: ...
    @property
    def candidates(self) -> list[Candidate]: ...

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> Explanation: ...
    def __deepcopy__(self, memo: Any, /) -> Explanation: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
@final
class PlannedLine:
    """The plan for one line of an AllocationPlan."""
    @property
    def allocations(self) -> list[LineAllocation]: ...
    @property
    def unfilled(self) -> int: ...

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> PlannedLine: ...
    def __deepcopy__(self, memo: Any, /) -> PlannedLine: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
@final
class AllocationPlan:
    """A dry run of an order's allocation: nothing was written."""
    @property
    def fulfilment_method(self) -> FulfilmentMethod: ...
    @property
    def fulfilment_location(self) -> str | None: ...
    @property
    def lines(self) -> list[PlannedLine]: ...
    @property
    def explanation(self) -> Explanation: ...

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> AllocationPlan: ...
    def __deepcopy__(self, memo: Any, /) -> AllocationPlan: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
@final
class LocationAvailability:
    """Available to promise at one location."""
    @property
    def location(self) -> str: ...
    @property
    def available(self) -> int: ...

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> LocationAvailability: ...
    def __deepcopy__(self, memo: Any, /) -> LocationAvailability: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
@final
class Availability:
    """Available to promise for one SKU on a channel, with the figure per location."""
    @property
    def sku(self) -> str: ...
    @property
    def available(self) -> int: ...
    @property
    def locations(self) -> list[LocationAvailability]: ...

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> Availability: ...
    def __deepcopy__(self, memo: Any, /) -> Availability: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
@final
class ReservedLine:
    """One SKU of a checkout reservation and where its units are reserved."""
    @property
    def sku(self) -> str: ...
    @property
    def quantity(self) -> int: ...
    @property
    def allocations(self) -> list[LineAllocation]: ...

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> ReservedLine: ...
    def __deepcopy__(self, memo: Any, /) -> ReservedLine: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
@final
class Reservation:
    """Stock reserved for a cart until it expires, is released, or becomes an order."""
    @property
    def id(self) -> str: ...
    @property
    def channel(self) -> str: ...
    @property
    def status(self) -> ReservationStatus:
        """``active``, ``converted``, ``released`` or ``expired``."""
    @property
    def expires_at(self) -> datetime: ...
    @property
    def order_id(self) -> str | None: ...
    @property
    def lines(self) -> list[ReservedLine]: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...
    @property
    def version(self) -> int: ...

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> Reservation: ...
    def __deepcopy__(self, memo: Any, /) -> Reservation: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
@final
class ShipmentLine:
    """Units of one order line in a shipment."""
    @property
    def line_number(self) -> int: ...
    @property
    def sku(self) -> str: ...
    @property
    def quantity(self) -> int: ...

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> ShipmentLine: ...
    def __deepcopy__(self, memo: Any, /) -> ShipmentLine: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
@final
class Parcel:
    """One parcel of a packed shipment: grams and millimetres."""
    @property
    def weight_grams(self) -> int: ...
    @property
    def length_mm(self) -> int: ...
    @property
    def width_mm(self) -> int: ...
    @property
    def height_mm(self) -> int: ...

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> Parcel: ...
    def __deepcopy__(self, memo: Any, /) -> Parcel: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
@final
class Shipment:
    """Goods of one order leaving one location."""
    @property
    def id(self) -> str: ...
    @property
    def order_id(self) -> str: ...
    @property
    def location(self) -> str: ...
    @property
    def status(self) -> ShipmentStatus: ...
    @property
    def lines(self) -> list[ShipmentLine]: ...
    @property
    def parcels(self) -> list[Parcel]: ...
    @property
    def carrier(self) -> str | None: ...
    @property
    def tracking_number(self) -> str | None: ...
    @property
    def partner(self) -> str | None: ...
    @property
    def shipped_reference(self) -> str | None: ...
    @property
    def delivered_reference(self) -> str | None: ...
    @property
    def pickup_expires_at(self) -> datetime | None: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...
    @property
    def version(self) -> int: ...

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> Shipment: ...
    def __deepcopy__(self, memo: Any, /) -> Shipment: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
@final
class LineRejection:
    """What became of units a location gave back: the shipment without them,
    the order after them, and where they went."""
    @property
    def shipment(self) -> Shipment: ...
    @property
    def order(self) -> Order: ...
    @property
    def line_number(self) -> int: ...
    @property
    def sku(self) -> str: ...
    @property
    def quantity(self) -> int: ...
    @property
    def reason(self) -> LineRejectionReason: ...
    @property
    def reallocated(self) -> list[LineAllocation]: ...
    @property
    def backordered(self) -> int: ...
    @property
    def cancelled(self) -> int: ...

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> LineRejection: ...
    def __deepcopy__(self, memo: Any, /) -> LineRejection: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
@final
class PickLine:
    """One SKU to pick at a location, and the shipments its units go into."""
    @property
    def sku(self) -> str: ...
    @property
    def quantity(self) -> int: ...
    @property
    def shipments(self) -> list[str]: ...

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> PickLine: ...
    def __deepcopy__(self, memo: Any, /) -> PickLine: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
@final
class PickList:
    """What to pick at one location: its open shipments aggregated by SKU."""
    @property
    def location(self) -> str: ...
    @property
    def lines(self) -> list[PickLine]: ...
    @property
    def shipments(self) -> list[str]: ...

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> PickList: ...
    def __deepcopy__(self, memo: Any, /) -> PickList: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
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
    def status(self) -> TransferStatus:
        """``requested``, ``shipped``, ``received`` or ``cancelled``."""
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...
    @property
    def version(self) -> int: ...

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> Transfer: ...
    def __deepcopy__(self, memo: Any, /) -> Transfer: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
@final
class Address:
    """A postal address on an order; ``country`` is an ISO 3166-1 alpha-2 code."""
    @property
    def name(self) -> str: ...
    @property
    def company(self) -> str | None: ...
    @property
    def lines(self) -> list[str]: ...
    @property
    def city(self) -> str: ...
    @property
    def region(self) -> str | None: ...
    @property
    def postal_code(self) -> str | None: ...
    @property
    def country(self) -> str: ...
    @property
    def phone(self) -> str | None: ...

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> Address: ...
    def __deepcopy__(self, memo: Any, /) -> Address: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...

@final
class PaymentTransaction:
    """One transaction a gateway reported on a payment, under its reference."""
    @property
    def action(self) -> PaymentAction:
        """``authorize``, ``capture``, ``void``, ``refund`` or ``fail``."""
    @property
    def amount(self) -> Decimal:
        """What it moved, in the payment's currency (zero for a failure)."""
    @property
    def gateway_reference(self) -> str: ...
    @property
    def occurred_at(self) -> datetime: ...

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> PaymentTransaction: ...
    def __deepcopy__(self, memo: Any, /) -> PaymentTransaction: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
@final
class Payment:
    """One tender on an order: what was authorized, captured, refunded and voided."""
    @property
    def id(self) -> str: ...
    @property
    def order_id(self) -> str: ...
    @property
    def kind(self) -> PaymentKind:
        """``card``, ``gift_card``, ``store_credit``, ``cash`` or ``cash_on_delivery``."""
    @property
    def status(self) -> PaymentStatus:
        """Derived from the amounts: ``authorized``, ``partially_captured``, ``captured``,
        ``partially_refunded``, ``refunded``, ``voided`` or ``failed``."""
    @property
    def currency(self) -> str: ...
    @property
    def authorized(self) -> Decimal: ...
    @property
    def captured(self) -> Decimal: ...
    @property
    def refunded(self) -> Decimal: ...
    @property
    def voided(self) -> Decimal:
        """The uncaptured rest given back by a void."""
    @property
    def failure_reason(self) -> str | None: ...
    @property
    def transactions(self) -> list[PaymentTransaction]: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...
    @property
    def version(self) -> int: ...

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> Payment: ...
    def __deepcopy__(self, memo: Any, /) -> Payment: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
@final
class OrderPayments:
    """An order's payments, their sums and the order's payment status."""
    @property
    def order_id(self) -> str: ...
    @property
    def status(self) -> OrderPaymentStatus:
        """``unpaid``, ``authorized``, ``partially_paid``, ``paid``, ``partially_refunded``,
        ``refunded`` or ``overpaid`` (see the README for each rule)."""
    @property
    def currency(self) -> str: ...
    @property
    def total(self) -> Decimal:
        """The order's total, as placed."""
    @property
    def authorized(self) -> Decimal:
        """Authorized on tenders not failed, less what was voided."""
    @property
    def captured(self) -> Decimal: ...
    @property
    def refunded(self) -> Decimal: ...
    @property
    def balance(self) -> Decimal:
        """``total - (captured - refunded)``: still owed; negative when overpaid."""
    @property
    def payments(self) -> list[Payment]: ...

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> OrderPayments: ...
    def __deepcopy__(self, memo: Any, /) -> OrderPayments: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
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
    def status(self) -> OrderStatus: ...
    @property
    def fulfilment_method(self) -> FulfilmentMethod:
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
    def removed_lines(self) -> list[int]:
        """Numbers of the lines edits removed; a number is never given to another line."""
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
    def shipping_address(self) -> Address | None: ...
    @property
    def billing_address(self) -> Address | None: ...
    @property
    def shipping_method(self) -> str | None: ...
    @property
    def external_reference(self) -> str | None: ...
    @property
    def metadata(self) -> dict[str, str]: ...
    @property
    def completed_at(self) -> datetime | None: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...
    @property
    def version(self) -> int: ...

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> Order: ...
    def __deepcopy__(self, memo: Any, /) -> Order: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
@final
class OrderPage:
    """One page of list_orders; pass next_cursor back as after (None on the last page)."""
    @property
    def orders(self) -> list[Order]: ...
    @property
    def next_cursor(self) -> str | None: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Order]:
        """The orders of this page, in order."""

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> OrderPage: ...
    def __deepcopy__(self, memo: Any, /) -> OrderPage: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
@final
class ProductPage:
    """One page of list_products, by SKU; pass next_cursor back as after (None on the last page)."""
    @property
    def products(self) -> list[Product]: ...
    @property
    def next_cursor(self) -> str | None: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Product]:
        """The products of this page, in SKU order."""
    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> ProductPage: ...
    def __deepcopy__(self, memo: Any, /) -> ProductPage: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...

@final
class ManualClock:
    """A clock that stands still until advance() moves it; pass it to Oms.open(..., clock=)
    or Oms.in_memory(clock=). One clock may serve several services."""

    def __new__(cls, at: datetime) -> ManualClock:
        """A clock reading ``at``, a timezone-aware datetime (a naive one is invalid_input)."""
    def now(self) -> datetime:
        """The time the clock reads, a timezone-aware datetime in UTC."""
    def advance(self, seconds: int | timedelta) -> datetime:
        """Moves the clock by ``seconds`` (int or timedelta; negative moves it back); returns the new reading."""

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

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> Event: ...
    def __deepcopy__(self, memo: Any, /) -> Event: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
@final
class AuditReport:
    """The result of audit(): every broken invariant found, as sentences (empty when sound)."""
    @property
    def orders_checked(self) -> int: ...
    @property
    def stock_levels_checked(self) -> int: ...
    @property
    def violations(self) -> list[str]: ...

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> AuditReport: ...
    def __deepcopy__(self, memo: Any, /) -> AuditReport: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
@final
class ReplayReport:
    """The result of verify_replay(): every stored order compared with the order its events rebuild."""
    @property
    def events_read(self) -> int: ...
    @property
    def orders_checked(self) -> int: ...
    @property
    def orders_not_replayable(self) -> int: ...
    @property
    def mismatches(self) -> list[str]: ...

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready data: amounts as Decimal, times as aware UTC datetimes,
        enums as snake_case strings, nested records as dicts, absent values as None."""
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> ReplayReport: ...
    def __deepcopy__(self, memo: Any, /) -> ReplayReport: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...
@final
class Oms:
    """The order management service. Safe to share between threads; every call
    releases the GIL while the core works."""

    @staticmethod
    def in_memory(*, clock: ManualClock | None = None) -> Oms:
        """A service over a fresh in-memory store; ``clock`` replaces the system clock."""
    @staticmethod
    def open(target: str | PathLike[str], *, clock: ManualClock | None = None) -> Oms:
        """Opens a SQLite file, ``sqlite:PATH``, ``:memory:`` or a ``postgres://`` URL."""
    def close(self) -> None:
        """Releases the store after the calls in flight finish; later calls raise StorageError
        (store_closed). Closing twice is harmless."""
    @property
    def closed(self) -> bool:
        """True once close() has run."""
    def __enter__(self) -> Oms: ...
    def __exit__(
        self,
        _exc_type: type[BaseException] | None = None,
        _exc_value: BaseException | None = None,
        _traceback: TracebackType | None = None,
    ) -> bool: ...
    # generated: operations (@generated from the operation table (oms_core::OPERATIONS) by oms-core/tests/operations.rs; run `OMS_WRITE_DOCS=1 cargo test -p oms-core --test operations`)
    def get_product(self, sku: str) -> Product:
        """One product by SKU (`product_not_found` if there is none)."""
    def list_products(self, *, after: str | None = None, limit: int | None = None) -> ProductPage:
        """Products in SKU order, one page at a time (100 by default, at most 1,000)."""
    def get_location(self, id: str) -> Location:
        """One location by id (`location_not_found` if there is none)."""
    def list_locations(self) -> list[Location]:
        """Every location, by id."""
    def get_channel(self, id: str) -> Channel:
        """One channel by id (`channel_not_found` if there is none)."""
    def list_channels(self) -> list[Channel]:
        """Every channel, by id."""
    def upsert_location(
        self,
        *,
        id: str,
        kind: LocationKind,
        region: str,
        ships: bool | None = None,
        offers_pickup: bool | None = None,
        ships_from_store: bool = False,
        daily_capacity: int | None = None,
        priority: int | None = None,
    ) -> Location:
        """Creates or replaces a location."""
    def upsert_channel(
        self,
        *,
        id: str,
        kind: ChannelKind,
        currency: str,
        locations: Sequence[str],
        prices_include_tax: bool = False,
        rounding_mode: RoundingMode = "half_up",
        rounding_level: RoundingLevel = "line",
        tax_rates: Mapping[str, _Amount] | None = None,
        safety_stock: int = 0,
        allow_backorders: bool = False,
        split_policy: SplitPolicy = "fewest_shipments",
        pickup_fallback: PickupFallback = "reject",
        strategy: str | None = None,
        max_distance_km: int | None = None,
        require_payment_before_shipping: bool = False,
        capture_on_shipment: bool = False,
        pickup_window_hours: int = 72,
    ) -> Channel:
        """Creates or replaces a channel; every location it names must exist."""
    def upsert_product(
        self,
        *,
        sku: str,
        name: str,
        tax_class: str = "standard",
        backorderable: bool = False,
    ) -> Product:
        """Creates or replaces a product."""
    def set_region_distance(self, *, from_region: str, to_region: str, distance_km: int) -> None:
        """Sets the distance between two regions, both ways; locations are ranked by it."""
    def receive_stock(
        self,
        *,
        sku: str,
        location: str,
        quantity: int,
        idempotency_key: str | None = None,
    ) -> StockLevel:
        """Goods arrived at a location: on hand rises and backorders there are filled."""
    def adjust_stock(
        self,
        *,
        sku: str,
        location: str,
        quantity_delta: int,
        idempotency_key: str | None = None,
    ) -> StockLevel:
        """Corrects on hand by a signed delta; it may not fall below what is allocated."""
    def count_stock(
        self,
        *,
        sku: str,
        location: str,
        counted: int,
        idempotency_key: str | None = None,
    ) -> StockLevel:
        """Records a physical count: on hand becomes `counted`, the variance a `count` movement."""
    def quarantine_stock(
        self,
        *,
        sku: str,
        location: str,
        quantity: int,
        idempotency_key: str | None = None,
    ) -> StockLevel:
        """Moves sellable units into quarantine (kept, not sellable)."""
    def release_quarantine(
        self,
        *,
        sku: str,
        location: str,
        quantity: int,
        idempotency_key: str | None = None,
    ) -> StockLevel:
        """Returns quarantined units to sellable stock (filling backorders)."""
    def availability(
        self,
        *,
        channel: str,
        skus: Sequence[str],
        region: str | None = None,
        pickup_location: str | None = None,
    ) -> list[Availability]:
        """Available to promise for each SKU on a channel, with the figure per location."""
    def stock_level(self, *, sku: str, location: str) -> StockLevel:
        """The stock of one SKU at one location (zero buckets if it never had any)."""
    def stock_levels(self, *, sku: str | None = None, location: str | None = None) -> list[StockLevel]:
        """Stock levels, optionally of one SKU and/or at one location, by (SKU, location)."""
    def available(self, *, sku: str, channel: str) -> int:
        """Units of a SKU the channel can promise for a shipped order."""
    def movements(
        self,
        *,
        sku: str,
        location: str,
        after: int = 0,
        limit: int | None = None,
    ) -> list[Movement]:
        """The stock ledger of one SKU at one location, oldest first."""
    def reserve_stock(
        self,
        *,
        reservation_id: str,
        channel: str,
        lines: Sequence[ReservationLineInput],
        ttl_seconds: int,
        pickup_location: str | None = None,
        ship_to_region: str | None = None,
        idempotency_key: str | None = None,
    ) -> Reservation:
        """Sets stock aside for a checkout until its time is up; placing the order converts it.

        Each of ``lines`` is a mapping ``ReservationLineInput`` ({"sku", "quantity"}); ``lines`` is a list, a tuple or another
        sequence (not a generator or iterator).
        """
    def release_reservation(self, reservation_id: str, *, idempotency_key: str | None = None) -> Reservation:
        """Gives an active reservation's stock back now."""
    def expire_reservations(self) -> list[str]:
        """Releases reservations whose time is up (a batch per call); returns their ids."""
    def get_reservation(self, reservation_id: str) -> Reservation:
        """One reservation by id."""
    def request_transfer(
        self,
        *,
        sku: str,
        from_location: str,
        to_location: str,
        quantity: int,
        idempotency_key: str | None = None,
    ) -> Transfer:
        """Asks to move units of a SKU between locations; nothing moves until it ships."""
    def ship_transfer(self, transfer_id: str, *, idempotency_key: str | None = None) -> Transfer:
        """The transfer leaves its source: on hand drops there, the target's incoming rises."""
    def receive_transfer(self, transfer_id: str, *, idempotency_key: str | None = None) -> Transfer:
        """The transfer arrives: the target's incoming becomes on hand."""
    def cancel_transfer(self, transfer_id: str, *, idempotency_key: str | None = None) -> Transfer:
        """Cancels a transfer that has not shipped."""
    def get_transfer(self, transfer_id: str) -> Transfer:
        """One transfer by id."""
    def place_order(
        self,
        *,
        channel: str,
        customer_email: str,
        lines: Sequence[OrderLineInput],
        idempotency_key: str | None = None,
        currency: str | None = None,
        order_discount: _Amount | None = None,
        shipping: _Amount | None = None,
        pickup_location: str | None = None,
        ship_to_region: str | None = None,
        reservation_id: str | None = None,
        explain: bool = False,
        shipping_address: AddressInput | None = None,
        billing_address: AddressInput | None = None,
        shipping_method: str | None = None,
        external_reference: str | None = None,
        metadata: Mapping[str, str] | None = None,
    ) -> Order:
        """Prices an order exactly and allocates it, or refuses it leaving nothing written.

        Each of ``lines`` is a mapping ``OrderLineInput`` ({"sku", "quantity", "unit_price", "discount"?}); ``lines`` is a list, a tuple or another
        sequence (not a generator or iterator).
        

        ``shipping_address`` is a mapping ``AddressInput`` ({"name", "company"?, "lines", "city", "region"?, "postal_code"?, "country", "phone"?}).
        

        ``billing_address`` is a mapping ``AddressInput`` ({"name", "company"?, "lines", "city", "region"?, "postal_code"?, "country", "phone"?}).
        """
    def plan_allocation(
        self,
        *,
        channel: str,
        customer_email: str,
        lines: Sequence[OrderLineInput],
        currency: str | None = None,
        order_discount: _Amount | None = None,
        shipping: _Amount | None = None,
        pickup_location: str | None = None,
        ship_to_region: str | None = None,
    ) -> AllocationPlan:
        """Plans an order's allocation without writing anything (a dry run), with its explanation.

        Each of ``lines`` is a mapping ``OrderLineInput`` ({"sku", "quantity", "unit_price", "discount"?}); ``lines`` is a list, a tuple or another
        sequence (not a generator or iterator).
        """
    def reject_allocation(
        self,
        order_id: str,
        *,
        line_number: int,
        location: str,
        idempotency_key: str | None = None,
    ) -> Order:
        """A location cannot find a line's goods: written off there, the line re-routed or backordered."""
    def get_order(self, order_id: str) -> Order:
        """One order by id."""
    def list_orders(
        self,
        *,
        customer_email: str | None = None,
        channel: str | None = None,
        status: OrderStatus | None = None,
        after: str | None = None,
        limit: int | None = None,
    ) -> OrderPage:
        """Orders matching the filters, oldest first, one page at a time."""
    def cancel_order(
        self,
        order_id: str,
        *,
        reason: str | None = None,
        idempotency_key: str | None = None,
    ) -> Order:
        """Cancels every unit that has not shipped and releases its stock."""
    def cancel_lines(
        self,
        order_id: str,
        *,
        lines: Sequence[LineCancellation],
        idempotency_key: str | None = None,
    ) -> Order:
        """Cancels some units of some lines and releases their stock.

        Each of ``lines`` is a mapping ``LineCancellation`` ({"line_number", "quantity"}); ``lines`` is a list, a tuple or another
        sequence (not a generator or iterator).
        """
    def edit_order(
        self,
        order_id: str,
        *,
        add_lines: Sequence[OrderLineInput] | None = None,
        change_lines: Sequence[LineChangeInput] | None = None,
        remove_lines: Sequence[int] | None = None,
        shipping_address: AddressInput | None = None,
        shipping_method: str | None = None,
        idempotency_key: str | None = None,
    ) -> Order:
        """Edits an order until the lines it touches are picked, then reallocates what changed and reprices it exactly.

        Each of ``add_lines`` is a mapping ``OrderLineInput`` ({"sku", "quantity", "unit_price", "discount"?}); ``add_lines`` is a list, a tuple or another
        sequence (not a generator or iterator).
        

        Each of ``change_lines`` is a mapping ``LineChangeInput`` ({"line_number", "quantity"}); ``change_lines`` is a list, a tuple or another
        sequence (not a generator or iterator).
        

        ``shipping_address`` is a mapping ``AddressInput`` ({"name", "company"?, "lines", "city", "region"?, "postal_code"?, "country", "phone"?}).
        """
    def hold_order(self, order_id: str, *, reason: str, idempotency_key: str | None = None) -> Order:
        """Puts an order on hold; it keeps its stock until released or cancelled."""
    def release_hold(self, order_id: str, *, idempotency_key: str | None = None) -> Order:
        """Releases a hold; the order returns to the status its quantities imply."""
    def complete_order(self, order_id: str, *, idempotency_key: str | None = None) -> Order:
        """Closes a delivered or collected order; refused while recorded payments are not captured."""
    def order_status_counts(self) -> dict[OrderStatus, int]:
        """How many orders are in each status (statuses without orders are absent)."""
    def units_sold(self, *, sku: str, channel: str) -> int:
        """Units of a SKU on orders placed on a channel, less units cancelled (a projection)."""
    def authorize_payment(
        self,
        order_id: str,
        *,
        payment_id: str | None = None,
        kind: PaymentKind,
        amount: _Amount,
        currency: str | None = None,
        gateway_reference: str,
        idempotency_key: str | None = None,
    ) -> Payment:
        """Records a tender authorized for an order, creating its payment; idempotent on the gateway reference."""
    def capture_payment(
        self,
        payment_id: str,
        *,
        amount: _Amount,
        currency: str | None = None,
        gateway_reference: str,
        idempotency_key: str | None = None,
    ) -> Payment:
        """Records a capture (partial and repeated are fine), never above what is authorized and not captured."""
    def void_payment(
        self,
        payment_id: str,
        *,
        gateway_reference: str,
        idempotency_key: str | None = None,
    ) -> Payment:
        """Records that the uncaptured rest of an authorization was voided."""
    def refund_payment(
        self,
        payment_id: str,
        *,
        amount: _Amount,
        currency: str | None = None,
        gateway_reference: str,
        idempotency_key: str | None = None,
    ) -> Payment:
        """Records a refund (partial is fine), never above what was captured and not refunded."""
    def fail_payment(
        self,
        payment_id: str,
        *,
        gateway_reference: str,
        reason: str | None = None,
        idempotency_key: str | None = None,
    ) -> Payment:
        """Records that an authorization failed before anything was captured."""
    def get_payment(self, payment_id: str) -> Payment:
        """One payment by id."""
    def order_payments(self, order_id: str) -> OrderPayments:
        """An order's payments, their sums (authorized, captured, refunded, balance) and its payment status."""
    def events_since(self, cursor: int = 0, limit: int | None = None) -> list[Event]:
        """Outbox events after a cursor (0 for the beginning), oldest first."""
    def audit(self) -> AuditReport:
        """Checks every invariant that stored state can show (ledger, buckets, orders)."""
    def verify_replay(self) -> ReplayReport:
        """Rebuilds every order from its outbox events and compares it with the stored one."""
    def create_shipments(self, order_id: str, *, idempotency_key: str | None = None) -> list[Shipment]:
        """Gathers the order's allocated units no open shipment holds into one pending shipment per location."""
    def create_shipment(
        self,
        order_id: str,
        *,
        location: str,
        lines: Sequence[ShipmentLineInput],
        idempotency_key: str | None = None,
    ) -> Shipment:
        """Gathers some units of some lines allocated at one location into one pending shipment.

        Each of ``lines`` is a mapping ``ShipmentLineInput`` ({"line_number", "quantity"}); ``lines`` is a list, a tuple or another
        sequence (not a generator or iterator).
        """
    def start_picking(self, shipment_id: str, *, idempotency_key: str | None = None) -> Shipment:
        """A pending shipment's goods are being picked."""
    def pack_shipment(
        self,
        shipment_id: str,
        *,
        parcels: Sequence[ParcelInput],
        idempotency_key: str | None = None,
    ) -> Shipment:
        """Records the parcels a picked shipment was packed into.

        Each of ``parcels`` is a mapping ``ParcelInput`` ({"weight_grams", "length_mm", "width_mm", "height_mm"}); ``parcels`` is a list, a tuple or another
        sequence (not a generator or iterator).
        """
    def ship_shipment(
        self,
        shipment_id: str,
        *,
        carrier: str,
        tracking_number: str,
        partner_reference: str | None = None,
        idempotency_key: str | None = None,
    ) -> Shipment:
        """The goods of a packed or handed-over shipment left: on hand drops and the order's lines count the units shipped."""
    def hand_over_shipment(
        self,
        shipment_id: str,
        *,
        partner: str,
        idempotency_key: str | None = None,
    ) -> Shipment:
        """Hands a packed shipment to a carrier, or a pending one to a partner that picks and packs it; emits what the partner needs."""
    def confirm_delivery(
        self,
        shipment_id: str,
        *,
        partner_reference: str | None = None,
        idempotency_key: str | None = None,
    ) -> Shipment:
        """The carrier delivered a shipment: the order's lines count the units delivered."""
    def cancel_shipment(self, shipment_id: str, *, idempotency_key: str | None = None) -> Shipment:
        """Cancels a shipment before it is packed; its units stay allocated to the order."""
    def ready_for_pickup(self, shipment_id: str, *, idempotency_key: str | None = None) -> Shipment:
        """A picked shipment of a pickup order waits at its store's counter for the channel's pickup window."""
    def confirm_pickup(self, shipment_id: str, *, idempotency_key: str | None = None) -> Shipment:
        """The customer collected a ready shipment: on hand drops, the lines count the units shipped and delivered."""
    def expire_pickups(self) -> list[Shipment]:
        """Expires ready pickups whose window has passed (a batch per call): their units are released and cancelled."""
    def reject_shipment_line(
        self,
        shipment_id: str,
        *,
        line_number: int,
        quantity: int,
        reason: LineRejectionReason,
        idempotency_key: str | None = None,
    ) -> LineRejection:
        """A location gives back units of a shipment line: stock corrected, the line re-allocated, backordered or cancelled."""
    def get_shipment(self, shipment_id: str) -> Shipment:
        """One shipment by id."""
    def list_shipments(self, order_id: str) -> list[Shipment]:
        """Every shipment of an order, oldest first."""
    def pick_list(self, location: str) -> PickList:
        """What to pick at a location: its open shipments aggregated by SKU, in SKU order."""
    def pick_list_document(self, location: str) -> str:
        """The pick list of a location as a self-contained printable HTML page."""
    def packing_slips(self, shipment_ids: Sequence[str]) -> str:
        """Packing slips of the shipments named as one self-contained printable HTML document, a page per shipment."""
    def shipping_label(self, shipment_id: str) -> str:
        """The shipping labels of a packed or shipped shipment in ZPL, one label per parcel."""
    def schema_version(self) -> int:
        """How many schema migrations the store's tables have had (0 in memory, which has no tables)."""
    # end: operations
