"""``oms.AsyncOms``: the service for asyncio programs.

Every method of ``oms.Oms`` that touches storage is here as a coroutine with
the same name and arguments, generated from the core's operation table
(between the ``generated: operations`` markers; do not edit them by hand). Each runs the blocking call in an executor
thread (the event loop's default executor, or the one given), so the event
loop keeps serving while the core works; the core releases the GIL, so calls
from several tasks run in parallel and the store serialises what must be
serialised (concurrent orders never oversell).

    async with await oms.AsyncOms.open("shop.db") as shop:
        order = await shop.place_order(channel="web", customer_email=..., lines=[...])
"""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import Executor
from functools import partial
from types import TracebackType
from typing import Callable, Mapping, Sequence, Type, TypeVar

from ._oms import (
    AllocationPlan,
    AuditReport,
    ReplayReport,
    Availability,
    Channel,
    Event,
    Location,
    ManualClock,
    Movement,
    Oms,
    Order,
    OrderPage,
    Product,
    ProductPage,
    PickList,
    Reservation,
    Shipment,
    StockLevel,
    Transfer,
    Payment,
    OrderPayments,
    LineRejection,
)
from ._types import (
    AddressInput,
    ParcelInput,
    Amount,
    ChannelKind,
    LineCancellation,
    LineChangeInput,
    LineRejectionReason,
    ShipmentLineInput,
    LocationKind,
    OrderLineInput,
    OrderStatus,
    PickupFallback,
    ReservationLineInput,
    RoundingLevel,
    RoundingMode,
    SplitPolicy,
    PaymentKind,
)

__all__ = ["AsyncOms"]

T = TypeVar("T")


class AsyncOms:
    """The order management service for asyncio: the methods of oms.Oms as coroutines that run
    the blocking call off the event loop. Use ``await AsyncOms.open(target)``,
    ``AsyncOms.in_memory()``, or wrap an open service with ``AsyncOms(shop)``; ``async with``
    closes it on leaving the block."""

    def __init__(self, shop: Oms, *, executor: Executor | None = None) -> None:
        """Wraps an open service; calls run on ``executor`` (default: the event loop's own)."""
        if not isinstance(shop, Oms):
            raise TypeError(f"AsyncOms wraps an oms.Oms, got {type(shop).__name__}")
        self._shop = shop
        self._executor = executor

    @classmethod
    async def open(
        cls,
        target: str | os.PathLike[str],
        *,
        clock: ManualClock | None = None,
        executor: Executor | None = None,
    ) -> AsyncOms:
        """Opens a SQLite file, sqlite:PATH, :memory: or a postgres:// URL off the event loop
        (as oms.Oms.open)."""
        loop = asyncio.get_running_loop()
        shop = await loop.run_in_executor(executor, partial(Oms.open, target, clock=clock))
        return cls(shop, executor=executor)

    @classmethod
    def in_memory(cls, *, clock: ManualClock | None = None, executor: Executor | None = None) -> AsyncOms:
        """A service over a fresh in-memory store (as oms.Oms.in_memory)."""
        return cls(Oms.in_memory(clock=clock), executor=executor)

    @property
    def sync(self) -> Oms:
        """The blocking service underneath (the same store)."""
        return self._shop

    @property
    def closed(self) -> bool:
        """True once the store is closed."""
        return self._shop.closed

    async def _run(self, call: Callable[[], T]) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, call)

    async def aclose(self) -> None:
        """Closes the store once the calls in flight finish (as oms.Oms.close); closing twice is
        harmless."""
        await self._run(self._shop.close)

    async def __aenter__(self) -> AsyncOms:
        return self

    async def __aexit__(
        self,
        exc_type: Type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"<oms.AsyncOms {'(closed)' if self.closed else 'open'}>"

    # generated: operations (@generated from the operation table (oms_core::OPERATIONS) by oms-core/tests/operations.rs; run `OMS_WRITE_DOCS=1 cargo test -p oms-core --test operations`)

    async def get_product(self, sku: str) -> Product:
        """One product by SKU (`product_not_found` if there is none)."""
        return await self._run(partial(self._shop.get_product, sku))

    async def list_products(self, *, after: str | None = None, limit: int | None = None) -> ProductPage:
        """Products in SKU order, one page at a time (100 by default, at most 1,000)."""
        return await self._run(partial(self._shop.list_products, after=after, limit=limit))

    async def get_location(self, id: str) -> Location:
        """One location by id (`location_not_found` if there is none)."""
        return await self._run(partial(self._shop.get_location, id))

    async def list_locations(self) -> list[Location]:
        """Every location, by id."""
        return await self._run(self._shop.list_locations)

    async def get_channel(self, id: str) -> Channel:
        """One channel by id (`channel_not_found` if there is none)."""
        return await self._run(partial(self._shop.get_channel, id))

    async def list_channels(self) -> list[Channel]:
        """Every channel, by id."""
        return await self._run(self._shop.list_channels)

    async def upsert_location(
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
        return await self._run(partial(self._shop.upsert_location, id=id, kind=kind, region=region, ships=ships, offers_pickup=offers_pickup, ships_from_store=ships_from_store, daily_capacity=daily_capacity, priority=priority))

    async def upsert_channel(
        self,
        *,
        id: str,
        kind: ChannelKind,
        currency: str,
        locations: Sequence[str],
        prices_include_tax: bool = False,
        rounding_mode: RoundingMode = "half_up",
        rounding_level: RoundingLevel = "line",
        tax_rates: Mapping[str, Amount] | None = None,
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
        return await self._run(partial(self._shop.upsert_channel, id=id, kind=kind, currency=currency, locations=locations, prices_include_tax=prices_include_tax, rounding_mode=rounding_mode, rounding_level=rounding_level, tax_rates=tax_rates, safety_stock=safety_stock, allow_backorders=allow_backorders, split_policy=split_policy, pickup_fallback=pickup_fallback, strategy=strategy, max_distance_km=max_distance_km, require_payment_before_shipping=require_payment_before_shipping, capture_on_shipment=capture_on_shipment, pickup_window_hours=pickup_window_hours))

    async def upsert_product(
        self,
        *,
        sku: str,
        name: str,
        tax_class: str = "standard",
        backorderable: bool = False,
    ) -> Product:
        """Creates or replaces a product."""
        return await self._run(partial(self._shop.upsert_product, sku=sku, name=name, tax_class=tax_class, backorderable=backorderable))

    async def set_region_distance(self, *, from_region: str, to_region: str, distance_km: int) -> None:
        """Sets the distance between two regions, both ways; locations are ranked by it."""
        return await self._run(partial(self._shop.set_region_distance, from_region=from_region, to_region=to_region, distance_km=distance_km))

    async def receive_stock(
        self,
        *,
        sku: str,
        location: str,
        quantity: int,
        idempotency_key: str | None = None,
    ) -> StockLevel:
        """Goods arrived at a location: on hand rises and backorders there are filled."""
        return await self._run(partial(self._shop.receive_stock, sku=sku, location=location, quantity=quantity, idempotency_key=idempotency_key))

    async def adjust_stock(
        self,
        *,
        sku: str,
        location: str,
        quantity_delta: int,
        idempotency_key: str | None = None,
    ) -> StockLevel:
        """Corrects on hand by a signed delta; it may not fall below what is allocated."""
        return await self._run(partial(self._shop.adjust_stock, sku=sku, location=location, quantity_delta=quantity_delta, idempotency_key=idempotency_key))

    async def count_stock(
        self,
        *,
        sku: str,
        location: str,
        counted: int,
        idempotency_key: str | None = None,
    ) -> StockLevel:
        """Records a physical count: on hand becomes `counted`, the variance a `count` movement."""
        return await self._run(partial(self._shop.count_stock, sku=sku, location=location, counted=counted, idempotency_key=idempotency_key))

    async def quarantine_stock(
        self,
        *,
        sku: str,
        location: str,
        quantity: int,
        idempotency_key: str | None = None,
    ) -> StockLevel:
        """Moves sellable units into quarantine (kept, not sellable)."""
        return await self._run(partial(self._shop.quarantine_stock, sku=sku, location=location, quantity=quantity, idempotency_key=idempotency_key))

    async def release_quarantine(
        self,
        *,
        sku: str,
        location: str,
        quantity: int,
        idempotency_key: str | None = None,
    ) -> StockLevel:
        """Returns quarantined units to sellable stock (filling backorders)."""
        return await self._run(partial(self._shop.release_quarantine, sku=sku, location=location, quantity=quantity, idempotency_key=idempotency_key))

    async def availability(
        self,
        *,
        channel: str,
        skus: Sequence[str],
        region: str | None = None,
        pickup_location: str | None = None,
    ) -> list[Availability]:
        """Available to promise for each SKU on a channel, with the figure per location."""
        return await self._run(partial(self._shop.availability, channel=channel, skus=skus, region=region, pickup_location=pickup_location))

    async def stock_level(self, *, sku: str, location: str) -> StockLevel:
        """The stock of one SKU at one location (zero buckets if it never had any)."""
        return await self._run(partial(self._shop.stock_level, sku=sku, location=location))

    async def stock_levels(self, *, sku: str | None = None, location: str | None = None) -> list[StockLevel]:
        """Stock levels, optionally of one SKU and/or at one location, by (SKU, location)."""
        return await self._run(partial(self._shop.stock_levels, sku=sku, location=location))

    async def available(self, *, sku: str, channel: str) -> int:
        """Units of a SKU the channel can promise for a shipped order."""
        return await self._run(partial(self._shop.available, sku=sku, channel=channel))

    async def movements(
        self,
        *,
        sku: str,
        location: str,
        after: int = 0,
        limit: int | None = None,
    ) -> list[Movement]:
        """The stock ledger of one SKU at one location, oldest first."""
        return await self._run(partial(self._shop.movements, sku=sku, location=location, after=after, limit=limit))

    async def reserve_stock(
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
        return await self._run(partial(self._shop.reserve_stock, reservation_id=reservation_id, channel=channel, lines=lines, ttl_seconds=ttl_seconds, pickup_location=pickup_location, ship_to_region=ship_to_region, idempotency_key=idempotency_key))

    async def release_reservation(
        self,
        reservation_id: str,
        *,
        idempotency_key: str | None = None,
    ) -> Reservation:
        """Gives an active reservation's stock back now."""
        return await self._run(partial(self._shop.release_reservation, reservation_id, idempotency_key=idempotency_key))

    async def expire_reservations(self) -> list[str]:
        """Releases reservations whose time is up (a batch per call); returns their ids."""
        return await self._run(self._shop.expire_reservations)

    async def get_reservation(self, reservation_id: str) -> Reservation:
        """One reservation by id."""
        return await self._run(partial(self._shop.get_reservation, reservation_id))

    async def request_transfer(
        self,
        *,
        sku: str,
        from_location: str,
        to_location: str,
        quantity: int,
        idempotency_key: str | None = None,
    ) -> Transfer:
        """Asks to move units of a SKU between locations; nothing moves until it ships."""
        return await self._run(partial(self._shop.request_transfer, sku=sku, from_location=from_location, to_location=to_location, quantity=quantity, idempotency_key=idempotency_key))

    async def ship_transfer(self, transfer_id: str, *, idempotency_key: str | None = None) -> Transfer:
        """The transfer leaves its source: on hand drops there, the target's incoming rises."""
        return await self._run(partial(self._shop.ship_transfer, transfer_id, idempotency_key=idempotency_key))

    async def receive_transfer(self, transfer_id: str, *, idempotency_key: str | None = None) -> Transfer:
        """The transfer arrives: the target's incoming becomes on hand."""
        return await self._run(partial(self._shop.receive_transfer, transfer_id, idempotency_key=idempotency_key))

    async def cancel_transfer(self, transfer_id: str, *, idempotency_key: str | None = None) -> Transfer:
        """Cancels a transfer that has not shipped."""
        return await self._run(partial(self._shop.cancel_transfer, transfer_id, idempotency_key=idempotency_key))

    async def get_transfer(self, transfer_id: str) -> Transfer:
        """One transfer by id."""
        return await self._run(partial(self._shop.get_transfer, transfer_id))

    async def place_order(
        self,
        *,
        channel: str,
        customer_email: str,
        lines: Sequence[OrderLineInput],
        idempotency_key: str | None = None,
        currency: str | None = None,
        order_discount: Amount | None = None,
        shipping: Amount | None = None,
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
        return await self._run(partial(self._shop.place_order, channel=channel, customer_email=customer_email, lines=lines, idempotency_key=idempotency_key, currency=currency, order_discount=order_discount, shipping=shipping, pickup_location=pickup_location, ship_to_region=ship_to_region, reservation_id=reservation_id, explain=explain, shipping_address=shipping_address, billing_address=billing_address, shipping_method=shipping_method, external_reference=external_reference, metadata=metadata))

    async def plan_allocation(
        self,
        *,
        channel: str,
        customer_email: str,
        lines: Sequence[OrderLineInput],
        currency: str | None = None,
        order_discount: Amount | None = None,
        shipping: Amount | None = None,
        pickup_location: str | None = None,
        ship_to_region: str | None = None,
    ) -> AllocationPlan:
        """Plans an order's allocation without writing anything (a dry run), with its explanation.

        Each of ``lines`` is a mapping ``OrderLineInput`` ({"sku", "quantity", "unit_price", "discount"?}); ``lines`` is a list, a tuple or another
        sequence (not a generator or iterator).
        """
        return await self._run(partial(self._shop.plan_allocation, channel=channel, customer_email=customer_email, lines=lines, currency=currency, order_discount=order_discount, shipping=shipping, pickup_location=pickup_location, ship_to_region=ship_to_region))

    async def reject_allocation(
        self,
        order_id: str,
        *,
        line_number: int,
        location: str,
        idempotency_key: str | None = None,
    ) -> Order:
        """A location cannot find a line's goods: written off there, the line re-routed or backordered."""
        return await self._run(partial(self._shop.reject_allocation, order_id, line_number=line_number, location=location, idempotency_key=idempotency_key))

    async def get_order(self, order_id: str) -> Order:
        """One order by id."""
        return await self._run(partial(self._shop.get_order, order_id))

    async def list_orders(
        self,
        *,
        customer_email: str | None = None,
        channel: str | None = None,
        status: OrderStatus | None = None,
        after: str | None = None,
        limit: int | None = None,
    ) -> OrderPage:
        """Orders matching the filters, oldest first, one page at a time."""
        return await self._run(partial(self._shop.list_orders, customer_email=customer_email, channel=channel, status=status, after=after, limit=limit))

    async def cancel_order(
        self,
        order_id: str,
        *,
        reason: str | None = None,
        idempotency_key: str | None = None,
    ) -> Order:
        """Cancels every unit that has not shipped and releases its stock."""
        return await self._run(partial(self._shop.cancel_order, order_id, reason=reason, idempotency_key=idempotency_key))

    async def cancel_lines(
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
        return await self._run(partial(self._shop.cancel_lines, order_id, lines=lines, idempotency_key=idempotency_key))

    async def edit_order(
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
        return await self._run(partial(self._shop.edit_order, order_id, add_lines=add_lines, change_lines=change_lines, remove_lines=remove_lines, shipping_address=shipping_address, shipping_method=shipping_method, idempotency_key=idempotency_key))

    async def hold_order(self, order_id: str, *, reason: str, idempotency_key: str | None = None) -> Order:
        """Puts an order on hold; it keeps its stock until released or cancelled."""
        return await self._run(partial(self._shop.hold_order, order_id, reason=reason, idempotency_key=idempotency_key))

    async def release_hold(self, order_id: str, *, idempotency_key: str | None = None) -> Order:
        """Releases a hold; the order returns to the status its quantities imply."""
        return await self._run(partial(self._shop.release_hold, order_id, idempotency_key=idempotency_key))

    async def complete_order(self, order_id: str, *, idempotency_key: str | None = None) -> Order:
        """Closes a delivered or collected order; refused while recorded payments are not captured."""
        return await self._run(partial(self._shop.complete_order, order_id, idempotency_key=idempotency_key))

    async def order_status_counts(self) -> dict[OrderStatus, int]:
        """How many orders are in each status (statuses without orders are absent)."""
        return await self._run(self._shop.order_status_counts)

    async def units_sold(self, *, sku: str, channel: str) -> int:
        """Units of a SKU on orders placed on a channel, less units cancelled (a projection)."""
        return await self._run(partial(self._shop.units_sold, sku=sku, channel=channel))

    async def authorize_payment(
        self,
        order_id: str,
        *,
        payment_id: str | None = None,
        kind: PaymentKind,
        amount: Amount,
        currency: str | None = None,
        gateway_reference: str,
        idempotency_key: str | None = None,
    ) -> Payment:
        """Records a tender authorized for an order, creating its payment; idempotent on the gateway reference."""
        return await self._run(partial(self._shop.authorize_payment, order_id, payment_id=payment_id, kind=kind, amount=amount, currency=currency, gateway_reference=gateway_reference, idempotency_key=idempotency_key))

    async def capture_payment(
        self,
        payment_id: str,
        *,
        amount: Amount,
        currency: str | None = None,
        gateway_reference: str,
        idempotency_key: str | None = None,
    ) -> Payment:
        """Records a capture (partial and repeated are fine), never above what is authorized and not captured."""
        return await self._run(partial(self._shop.capture_payment, payment_id, amount=amount, currency=currency, gateway_reference=gateway_reference, idempotency_key=idempotency_key))

    async def void_payment(
        self,
        payment_id: str,
        *,
        gateway_reference: str,
        idempotency_key: str | None = None,
    ) -> Payment:
        """Records that the uncaptured rest of an authorization was voided."""
        return await self._run(partial(self._shop.void_payment, payment_id, gateway_reference=gateway_reference, idempotency_key=idempotency_key))

    async def refund_payment(
        self,
        payment_id: str,
        *,
        amount: Amount,
        currency: str | None = None,
        gateway_reference: str,
        idempotency_key: str | None = None,
    ) -> Payment:
        """Records a refund (partial is fine), never above what was captured and not refunded."""
        return await self._run(partial(self._shop.refund_payment, payment_id, amount=amount, currency=currency, gateway_reference=gateway_reference, idempotency_key=idempotency_key))

    async def fail_payment(
        self,
        payment_id: str,
        *,
        gateway_reference: str,
        reason: str | None = None,
        idempotency_key: str | None = None,
    ) -> Payment:
        """Records that an authorization failed before anything was captured."""
        return await self._run(partial(self._shop.fail_payment, payment_id, gateway_reference=gateway_reference, reason=reason, idempotency_key=idempotency_key))

    async def get_payment(self, payment_id: str) -> Payment:
        """One payment by id."""
        return await self._run(partial(self._shop.get_payment, payment_id))

    async def order_payments(self, order_id: str) -> OrderPayments:
        """An order's payments, their sums (authorized, captured, refunded, balance) and its payment status."""
        return await self._run(partial(self._shop.order_payments, order_id))

    async def events_since(self, cursor: int = 0, limit: int | None = None) -> list[Event]:
        """Outbox events after a cursor (0 for the beginning), oldest first."""
        return await self._run(partial(self._shop.events_since, cursor, limit))

    async def audit(self) -> AuditReport:
        """Checks every invariant that stored state can show (ledger, buckets, orders)."""
        return await self._run(self._shop.audit)

    async def verify_replay(self) -> ReplayReport:
        """Rebuilds every order from its outbox events and compares it with the stored one."""
        return await self._run(self._shop.verify_replay)

    async def create_shipments(self, order_id: str, *, idempotency_key: str | None = None) -> list[Shipment]:
        """Gathers the order's allocated units no open shipment holds into one pending shipment per location."""
        return await self._run(partial(self._shop.create_shipments, order_id, idempotency_key=idempotency_key))

    async def create_shipment(
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
        return await self._run(partial(self._shop.create_shipment, order_id, location=location, lines=lines, idempotency_key=idempotency_key))

    async def start_picking(self, shipment_id: str, *, idempotency_key: str | None = None) -> Shipment:
        """A pending shipment's goods are being picked."""
        return await self._run(partial(self._shop.start_picking, shipment_id, idempotency_key=idempotency_key))

    async def pack_shipment(
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
        return await self._run(partial(self._shop.pack_shipment, shipment_id, parcels=parcels, idempotency_key=idempotency_key))

    async def ship_shipment(
        self,
        shipment_id: str,
        *,
        carrier: str,
        tracking_number: str,
        partner_reference: str | None = None,
        idempotency_key: str | None = None,
    ) -> Shipment:
        """The goods of a packed or handed-over shipment left: on hand drops and the order's lines count the units shipped."""
        return await self._run(partial(self._shop.ship_shipment, shipment_id, carrier=carrier, tracking_number=tracking_number, partner_reference=partner_reference, idempotency_key=idempotency_key))

    async def hand_over_shipment(
        self,
        shipment_id: str,
        *,
        partner: str,
        idempotency_key: str | None = None,
    ) -> Shipment:
        """Hands a packed shipment to a carrier, or a pending one to a partner that picks and packs it; emits what the partner needs."""
        return await self._run(partial(self._shop.hand_over_shipment, shipment_id, partner=partner, idempotency_key=idempotency_key))

    async def confirm_delivery(
        self,
        shipment_id: str,
        *,
        partner_reference: str | None = None,
        idempotency_key: str | None = None,
    ) -> Shipment:
        """The carrier delivered a shipment: the order's lines count the units delivered."""
        return await self._run(partial(self._shop.confirm_delivery, shipment_id, partner_reference=partner_reference, idempotency_key=idempotency_key))

    async def cancel_shipment(self, shipment_id: str, *, idempotency_key: str | None = None) -> Shipment:
        """Cancels a shipment before it is packed; its units stay allocated to the order."""
        return await self._run(partial(self._shop.cancel_shipment, shipment_id, idempotency_key=idempotency_key))

    async def ready_for_pickup(self, shipment_id: str, *, idempotency_key: str | None = None) -> Shipment:
        """A picked shipment of a pickup order waits at its store's counter for the channel's pickup window."""
        return await self._run(partial(self._shop.ready_for_pickup, shipment_id, idempotency_key=idempotency_key))

    async def confirm_pickup(self, shipment_id: str, *, idempotency_key: str | None = None) -> Shipment:
        """The customer collected a ready shipment: on hand drops, the lines count the units shipped and delivered."""
        return await self._run(partial(self._shop.confirm_pickup, shipment_id, idempotency_key=idempotency_key))

    async def expire_pickups(self) -> list[Shipment]:
        """Expires ready pickups whose window has passed (a batch per call): their units are released and cancelled."""
        return await self._run(self._shop.expire_pickups)

    async def reject_shipment_line(
        self,
        shipment_id: str,
        *,
        line_number: int,
        quantity: int,
        reason: LineRejectionReason,
        idempotency_key: str | None = None,
    ) -> LineRejection:
        """A location gives back units of a shipment line: stock corrected, the line re-allocated, backordered or cancelled."""
        return await self._run(partial(self._shop.reject_shipment_line, shipment_id, line_number=line_number, quantity=quantity, reason=reason, idempotency_key=idempotency_key))

    async def get_shipment(self, shipment_id: str) -> Shipment:
        """One shipment by id."""
        return await self._run(partial(self._shop.get_shipment, shipment_id))

    async def list_shipments(self, order_id: str) -> list[Shipment]:
        """Every shipment of an order, oldest first."""
        return await self._run(partial(self._shop.list_shipments, order_id))

    async def pick_list(self, location: str) -> PickList:
        """What to pick at a location: its open shipments aggregated by SKU, in SKU order."""
        return await self._run(partial(self._shop.pick_list, location))

    async def pick_list_document(self, location: str) -> str:
        """The pick list of a location as a self-contained printable HTML page."""
        return await self._run(partial(self._shop.pick_list_document, location))

    async def packing_slips(self, shipment_ids: Sequence[str]) -> str:
        """Packing slips of the shipments named as one self-contained printable HTML document, a page per shipment."""
        return await self._run(partial(self._shop.packing_slips, shipment_ids))

    async def shipping_label(self, shipment_id: str) -> str:
        """The shipping labels of a packed or shipped shipment in ZPL, one label per parcel."""
        return await self._run(partial(self._shop.shipping_label, shipment_id))

    async def schema_version(self) -> int:
        """How many schema migrations the store's tables have had (0 in memory, which has no tables)."""
        return await self._run(self._shop.schema_version)
    # end: operations
