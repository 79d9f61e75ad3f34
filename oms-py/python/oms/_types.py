"""The names the API uses as values, as ``Literal`` types, and the shapes of
its dict inputs, as ``TypedDict``s. A type checker then catches a misspelt
status or kind (``kind="warehous"``) before the code runs.

Each alias lists exactly the values the core accepts or returns; the test
suite checks them against the core. The package supports Python 3.8, so an
optional key is declared in a ``total=False`` subclass rather than with
``NotRequired`` (3.11), which keeps ``typing_extensions`` out of the
dependencies.
"""

from decimal import Decimal
from typing import Literal, NamedTuple, Sequence, TypedDict, Union

OrderStatus = Literal[
    "placed",
    "allocated",
    "partially_allocated",
    "backordered",
    "partially_shipped",
    "shipped",
    "delivered",
    "completed",
    "ready_for_pickup",
    "picked_up",
    "on_hold",
    "cancelled",
]
"""The status of an order (``Order.status``), derived from its line quantities."""

FulfilmentMethod = Literal["ship", "pickup", "point_of_sale"]
"""How an order reaches its customer (``Order.fulfilment_method``)."""

LocationKind = Literal["warehouse", "store", "third_party_logistics"]
"""What a location is (``Location.kind``)."""

ChannelKind = Literal["web", "marketplace", "point_of_sale", "pickup"]
"""What a sales channel is (``Channel.kind``)."""

RoundingMode = Literal["half_up", "half_even"]
"""How a channel rounds tax (``Channel.rounding_mode``)."""

RoundingLevel = Literal["line", "document"]
"""Where a channel rounds tax: per line or once per order (``Channel.rounding_level``)."""

SplitPolicy = Literal["fewest_shipments", "nearest"]
"""How a channel splits an order over locations (``Channel.split_policy``)."""

PickupFallback = Literal["reject", "ship_to_store"]
"""What a pickup order does when its store lacks stock (``Channel.pickup_fallback``)."""

MovementReason = Literal[
    "receipt",
    "allocation",
    "release",
    "adjustment",
    "count",
    "reservation",
    "reservation_release",
    "point_of_sale_sale",
    "quarantine",
    "quarantine_release",
    "transfer_out",
    "transfer_in",
    "shipment",
    "pickup",
    "not_found",
]
"""Why stock moved (``Movement.reason``)."""

PassReason = Literal[
    "not_permitted",
    "not_capable",
    "over_capacity",
    "too_far",
    "no_stock",
    "below_safety_stock",
    "not_needed",
]
"""Why the allocation passed a location over (``Candidate.passed_over``)."""

ReservationStatus = Literal["active", "converted", "released", "expired"]
"""The state of a checkout reservation (``Reservation.status``)."""

TransferStatus = Literal["requested", "shipped", "received", "cancelled"]
"""The state of a transfer (``Transfer.status``)."""

ShipmentStatus = Literal[
    "pending",
    "picking",
    "packed",
    "handed_over",
    "shipped",
    "delivered",
    "cancelled",
    "ready_for_pickup",
    "picked_up",
    "pickup_expired",
]
"""The state of a shipment (``Shipment.status``); ``handed_over`` is a carrier's or
partner's, the last three a pickup's."""

LineRejectionReason = Literal["not_found", "damaged"]
"""Why a location gives back units of a shipment line (``reject_shipment_line``)."""

PaymentKind = Literal["card", "gift_card", "store_credit", "cash", "cash_on_delivery"]
"""The kind of tender (``Payment.kind``)."""

PaymentStatus = Literal[
    "authorized",
    "partially_captured",
    "captured",
    "partially_refunded",
    "refunded",
    "voided",
    "failed",
]
"""The state of one payment (``Payment.status``), derived from its amounts."""

PaymentAction = Literal["authorize", "capture", "void", "refund", "fail"]
"""What one transaction of a payment did (``PaymentTransaction.action``)."""

OrderPaymentStatus = Literal[
    "unpaid",
    "authorized",
    "partially_paid",
    "paid",
    "partially_refunded",
    "refunded",
    "overpaid",
]
"""Where an order stands with its payments (``OrderPayments.status``); see the README for each rule."""

ErrorCategory = Literal["invalid_input", "not_found", "rejected", "conflict", "storage"]
"""``OmsError.category``; the exception class follows it."""

ErrorCode = Literal[
    "invalid_input",
    "invalid_quantity",
    "invalid_amount",
    "invalid_identifier",
    "unknown_currency",
    "currency_mismatch",
    "limit_exceeded",
    "malformed_json",
    "product_not_found",
    "location_not_found",
    "channel_not_found",
    "order_not_found",
    "order_line_not_found",
    "stock_level_not_found",
    "insufficient_stock",
    "illegal_transition",
    "rejected",
    "idempotency_key_reused",
    "conflict",
    "storage_error",
    "storage_unavailable",
    "internal_error",
    "pickup_not_offered",
    "location_not_permitted",
    "reservation_not_found",
    "transfer_not_found",
    "storage_outcome_unknown",
    "clock_unusable",
    "store_closed",
    "shipment_not_found",
    "payment_not_found",
    "gateway_reference_reused",
    "capture_exceeds_authorized",
    "refund_exceeds_captured",
    "payment_exists",
    "payment_required",
    "line_picked",
    "store_not_found",
]
"""Every value of ``OmsError.code`` (the same list as ``oms.ERROR_CODES``)."""

Amount = Union[Decimal, int]
"""Money or a tax rate: a ``decimal.Decimal`` or an ``int``; a ``float`` is refused."""


class _OrderLineRequired(TypedDict):
    sku: str
    quantity: int
    unit_price: Amount


class OrderLineInput(_OrderLineRequired, total=False):
    """One line of ``place_order`` / ``plan_allocation`` (and ``edit_order``'s ``add_lines``); ``discount`` is optional."""

    discount: Amount


class _AddressRequired(TypedDict):
    name: str
    lines: Sequence[str]
    city: str
    country: str


class AddressInput(_AddressRequired, total=False):
    """A postal address for ``place_order`` and ``edit_order``: ``country`` is an ISO 3166-1 alpha-2 code
    (any case); one to three street ``lines``."""

    company: str
    region: str
    postal_code: str
    phone: str


class ParcelInput(TypedDict):
    """One parcel of ``pack_shipment``: weight in grams, sides in millimetres (positive whole numbers)."""

    weight_grams: int
    length_mm: int
    width_mm: int
    height_mm: int


class ShipmentLineInput(TypedDict):
    """One line of ``create_shipment``: units of an order line to ship now."""

    line_number: int
    quantity: int


class ReservationLineInput(TypedDict):
    """One line of ``reserve_stock``."""

    sku: str
    quantity: int


class LineChangeInput(TypedDict):
    """One line of ``edit_order``'s ``change_lines``: the line's new ordered quantity (not a difference)."""

    line_number: int
    quantity: int


class LineCancellation(TypedDict):
    """One line of ``cancel_lines``: units to cancel on a line."""

    line_number: int
    quantity: int


OperationKind = Literal["read", "write"]
"""Whether an operation only reads the store or writes to it (``Operation.kind``)."""


class Operation(NamedTuple):
    """One operation of ``oms.Oms`` and ``oms.AsyncOms``, a row of the core's operation table
    (``oms.OPERATIONS``): its name, whether it reads or writes, its parameters as
    ``inspect.signature`` prints them (without ``self``), and what it does."""

    name: str
    kind: OperationKind
    parameters: str
    doc: str
