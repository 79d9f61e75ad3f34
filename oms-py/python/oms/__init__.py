"""Embeddable order management: catalogue, stock and orders over SQLite or memory.

Everything here comes from the native module ``oms._oms``; see docs/API.md for
the operations, records and errors.
"""

from ._oms import (
    ERROR_CODES,
    ORDER_TRANSITIONS,
    AuditReport,
    Channel,
    Conflict,
    Event,
    InvalidInput,
    LineAllocation,
    Location,
    Movement,
    NotFound,
    Oms,
    OmsError,
    Order,
    OrderLine,
    OrderPage,
    Product,
    Rejected,
    StockLevel,
    StorageError,
    TaxSummary,
)

__all__ = [
    "ERROR_CODES",
    "ORDER_TRANSITIONS",
    "AuditReport",
    "Channel",
    "Conflict",
    "Event",
    "InvalidInput",
    "LineAllocation",
    "Location",
    "Movement",
    "NotFound",
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
