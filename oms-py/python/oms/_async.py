"""``oms.AsyncOms``: the service for asyncio programs.

Every method of ``oms.Oms`` that touches storage is here as a coroutine with
the same name and arguments. Each runs the blocking call in an executor
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
    Reservation,
    StockLevel,
    Transfer,
)
from ._types import (
    Amount,
    ChannelKind,
    LineCancellation,
    LocationKind,
    OrderLineInput,
    OrderStatus,
    PickupFallback,
    ReservationLineInput,
    RoundingLevel,
    RoundingMode,
    SplitPolicy,
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

    async def get_product(self, sku: str) -> Product:
        """One product by SKU (product_not_found if there is none)."""
        return await self._run(partial(self._shop.get_product, sku))

    async def list_products(self, *, after: str | None = None, limit: int | None = None) -> ProductPage:
        """Products in SKU order, one page at a time: after is the next_cursor of the previous page
        (None for the first); limit defaults to 100, at most 1,000."""
        return await self._run(partial(self._shop.list_products, after=after, limit=limit))

    async def get_location(self, id: str) -> Location:
        """One location by id (location_not_found if there is none)."""
        return await self._run(partial(self._shop.get_location, id))

    async def list_locations(self) -> list[Location]:
        """Every location, by id."""
        return await self._run(self._shop.list_locations)

    async def get_channel(self, id: str) -> Channel:
        """One channel by id (channel_not_found if there is none)."""
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
        """Creates or updates a location (warehouse, store or third_party_logistics); returns the
        stored Location."""
        return await self._run(
            partial(
                self._shop.upsert_location,
                id=id,
                kind=kind,
                region=region,
                ships=ships,
                offers_pickup=offers_pickup,
                ships_from_store=ships_from_store,
                daily_capacity=daily_capacity,
                priority=priority,
            )
        )

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
    ) -> Channel:
        """Creates or updates a sales channel: its currency, locations, tax and rounding policy,
        safety stock and allocation strategy; returns the stored Channel."""
        return await self._run(
            partial(
                self._shop.upsert_channel,
                id=id,
                kind=kind,
                currency=currency,
                locations=locations,
                prices_include_tax=prices_include_tax,
                rounding_mode=rounding_mode,
                rounding_level=rounding_level,
                tax_rates=tax_rates,
                safety_stock=safety_stock,
                allow_backorders=allow_backorders,
                split_policy=split_policy,
                pickup_fallback=pickup_fallback,
                strategy=strategy,
                max_distance_km=max_distance_km,
            )
        )

    async def upsert_product(
        self,
        *,
        sku: str,
        name: str,
        tax_class: str = "standard",
        backorderable: bool = False,
    ) -> Product:
        """Creates or updates a product by SKU; returns the stored Product."""
        return await self._run(
            partial(
                self._shop.upsert_product,
                sku=sku,
                name=name,
                tax_class=tax_class,
                backorderable=backorderable,
            )
        )

    async def set_region_distance(self, *, from_region: str, to_region: str, distance_km: int) -> None:
        """Records the distance in km between two regions (both directions), used to rank locations."""
        return await self._run(
            partial(
                self._shop.set_region_distance,
                from_region=from_region,
                to_region=to_region,
                distance_km=distance_km,
            )
        )

    async def receive_stock(
        self,
        *,
        sku: str,
        location: str,
        quantity: int,
        idempotency_key: str | None = None,
    ) -> StockLevel:
        """Adds received units to on hand at a location (filling backorders first); returns the
        StockLevel."""
        return await self._run(
            partial(
                self._shop.receive_stock,
                sku=sku,
                location=location,
                quantity=quantity,
                idempotency_key=idempotency_key,
            )
        )

    async def adjust_stock(
        self,
        *,
        sku: str,
        location: str,
        quantity_delta: int,
        idempotency_key: str | None = None,
    ) -> StockLevel:
        """Changes on hand at a location by quantity_delta (positive or negative); returns the
        StockLevel."""
        return await self._run(
            partial(
                self._shop.adjust_stock,
                sku=sku,
                location=location,
                quantity_delta=quantity_delta,
                idempotency_key=idempotency_key,
            )
        )

    async def count_stock(
        self,
        *,
        sku: str,
        location: str,
        counted: int,
        idempotency_key: str | None = None,
    ) -> StockLevel:
        """Sets on hand at a location to the counted figure, recording the variance; returns the
        StockLevel."""
        return await self._run(
            partial(
                self._shop.count_stock,
                sku=sku,
                location=location,
                counted=counted,
                idempotency_key=idempotency_key,
            )
        )

    async def quarantine_stock(
        self,
        *,
        sku: str,
        location: str,
        quantity: int,
        idempotency_key: str | None = None,
    ) -> StockLevel:
        """Moves units from sellable on hand into quarantine; returns the StockLevel."""
        return await self._run(
            partial(
                self._shop.quarantine_stock,
                sku=sku,
                location=location,
                quantity=quantity,
                idempotency_key=idempotency_key,
            )
        )

    async def release_quarantine(
        self,
        *,
        sku: str,
        location: str,
        quantity: int,
        idempotency_key: str | None = None,
    ) -> StockLevel:
        """Moves units from quarantine back to sellable on hand; returns the StockLevel."""
        return await self._run(
            partial(
                self._shop.release_quarantine,
                sku=sku,
                location=location,
                quantity=quantity,
                idempotency_key=idempotency_key,
            )
        )

    async def availability(
        self,
        *,
        channel: str,
        skus: Sequence[str],
        region: str | None = None,
        pickup_location: str | None = None,
    ) -> list[Availability]:
        """Available to promise on a channel for up to 500 SKUs, with the figure per location."""
        return await self._run(
            partial(
                self._shop.availability,
                channel=channel,
                skus=skus,
                region=region,
                pickup_location=pickup_location,
            )
        )

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
        """Reserves a cart's units for ttl_seconds (each line {"sku", "quantity"}); returns the
        Reservation."""
        return await self._run(
            partial(
                self._shop.reserve_stock,
                reservation_id=reservation_id,
                channel=channel,
                lines=lines,
                ttl_seconds=ttl_seconds,
                pickup_location=pickup_location,
                ship_to_region=ship_to_region,
                idempotency_key=idempotency_key,
            )
        )

    async def release_reservation(self, reservation_id: str, *, idempotency_key: str | None = None) -> Reservation:
        """Gives a checkout reservation's units back; returns the Reservation."""
        return await self._run(
            partial(
                self._shop.release_reservation,
                reservation_id,
                idempotency_key=idempotency_key,
            )
        )

    async def expire_reservations(self) -> list[str]:
        """Releases every checkout reservation whose time is up; returns their ids."""
        return await self._run(self._shop.expire_reservations)

    async def get_reservation(self, reservation_id: str) -> Reservation:
        """One checkout reservation by id (reservation_not_found if there is none)."""
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
        """Requests moving units of a SKU between two locations; returns the Transfer."""
        return await self._run(
            partial(
                self._shop.request_transfer,
                sku=sku,
                from_location=from_location,
                to_location=to_location,
                quantity=quantity,
                idempotency_key=idempotency_key,
            )
        )

    async def ship_transfer(self, transfer_id: str, *, idempotency_key: str | None = None) -> Transfer:
        """Ships a requested transfer: on hand leaves the source, incoming rises at the target."""
        return await self._run(
            partial(
                self._shop.ship_transfer,
                transfer_id,
                idempotency_key=idempotency_key,
            )
        )

    async def receive_transfer(self, transfer_id: str, *, idempotency_key: str | None = None) -> Transfer:
        """Receives a shipped transfer: incoming becomes on hand at the target."""
        return await self._run(
            partial(
                self._shop.receive_transfer,
                transfer_id,
                idempotency_key=idempotency_key,
            )
        )

    async def cancel_transfer(self, transfer_id: str, *, idempotency_key: str | None = None) -> Transfer:
        """Cancels a transfer before it ships."""
        return await self._run(
            partial(
                self._shop.cancel_transfer,
                transfer_id,
                idempotency_key=idempotency_key,
            )
        )

    async def get_transfer(self, transfer_id: str) -> Transfer:
        """One transfer by id (transfer_not_found if there is none)."""
        return await self._run(partial(self._shop.get_transfer, transfer_id))

    async def stock_level(self, *, sku: str, location: str) -> StockLevel:
        """The stock buckets of one SKU at one location."""
        return await self._run(partial(self._shop.stock_level, sku=sku, location=location))

    async def stock_levels(self, *, sku: str | None = None, location: str | None = None) -> list[StockLevel]:
        """Every stock level, optionally of one SKU or at one location."""
        return await self._run(partial(self._shop.stock_levels, sku=sku, location=location))

    async def available(self, *, sku: str, channel: str) -> int:
        """Units of a SKU available to promise on a channel."""
        return await self._run(partial(self._shop.available, sku=sku, channel=channel))

    async def movements(
        self,
        *,
        sku: str,
        location: str,
        after: int = 0,
        limit: int | None = None,
    ) -> list[Movement]:
        """Ledger movements of one SKU at one location after a sequence number, oldest first."""
        return await self._run(
            partial(
                self._shop.movements,
                sku=sku,
                location=location,
                after=after,
                limit=limit,
            )
        )

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
    ) -> Order:
        """Places an order: prices it exactly, allocates its lines (or backorders them) and returns
        the Order. Each line is {"sku", "quantity", "unit_price", "discount"?}."""
        return await self._run(
            partial(
                self._shop.place_order,
                channel=channel,
                customer_email=customer_email,
                lines=lines,
                idempotency_key=idempotency_key,
                currency=currency,
                order_discount=order_discount,
                shipping=shipping,
                pickup_location=pickup_location,
                ship_to_region=ship_to_region,
                reservation_id=reservation_id,
                explain=explain,
            )
        )

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
        """A dry run of place_order: where the units would come from, and why. Writes nothing."""
        return await self._run(
            partial(
                self._shop.plan_allocation,
                channel=channel,
                customer_email=customer_email,
                lines=lines,
                currency=currency,
                order_discount=order_discount,
                shipping=shipping,
                pickup_location=pickup_location,
                ship_to_region=ship_to_region,
            )
        )

    async def reject_allocation(
        self,
        order_id: str,
        *,
        line_number: int,
        location: str,
        idempotency_key: str | None = None,
    ) -> Order:
        """A location could not find a line's goods: writes them off there and re-routes the line;
        returns the Order."""
        return await self._run(
            partial(
                self._shop.reject_allocation,
                order_id,
                line_number=line_number,
                location=location,
                idempotency_key=idempotency_key,
            )
        )

    async def get_order(self, order_id: str) -> Order:
        """One order by id (order_not_found if there is none)."""
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
        """Orders, oldest first, filtered by customer, channel or status; one OrderPage at a time
        (pass next_cursor back as after)."""
        return await self._run(
            partial(
                self._shop.list_orders,
                customer_email=customer_email,
                channel=channel,
                status=status,
                after=after,
                limit=limit,
            )
        )

    async def cancel_order(
        self,
        order_id: str,
        *,
        reason: str | None = None,
        idempotency_key: str | None = None,
    ) -> Order:
        """Cancels a whole order, releasing its stock; returns the Order."""
        return await self._run(
            partial(
                self._shop.cancel_order,
                order_id,
                reason=reason,
                idempotency_key=idempotency_key,
            )
        )

    async def cancel_lines(
        self,
        order_id: str,
        *,
        lines: Sequence[LineCancellation],
        idempotency_key: str | None = None,
    ) -> Order:
        """Cancels units of single lines (each {"line_number", "quantity"}); returns the Order."""
        return await self._run(
            partial(
                self._shop.cancel_lines,
                order_id,
                lines=lines,
                idempotency_key=idempotency_key,
            )
        )

    async def hold_order(self, order_id: str, *, reason: str, idempotency_key: str | None = None) -> Order:
        """Puts an order on hold with a reason; returns the Order."""
        return await self._run(
            partial(
                self._shop.hold_order,
                order_id,
                reason=reason,
                idempotency_key=idempotency_key,
            )
        )

    async def release_hold(self, order_id: str, *, idempotency_key: str | None = None) -> Order:
        """Releases an order from hold; returns the Order."""
        return await self._run(partial(self._shop.release_hold, order_id, idempotency_key=idempotency_key))

    async def order_status_counts(self) -> dict[OrderStatus, int]:
        """Orders per status, as {status: count}."""
        return await self._run(self._shop.order_status_counts)

    async def events_since(self, cursor: int = 0, limit: int | None = None) -> list[Event]:
        """Domain events from the outbox after a cursor (a sequence number), oldest first."""
        return await self._run(partial(self._shop.events_since, cursor, limit))

    async def verify_replay(self) -> ReplayReport:
        """Rebuilds every order from the outbox's events and compares it with the stored order."""
        return await self._run(self._shop.verify_replay)

    async def units_sold(self, *, sku: str, channel: str) -> int:
        """Units of a SKU on orders placed on a channel, less units cancelled."""
        return await self._run(partial(self._shop.units_sold, sku=sku, channel=channel))

    async def audit(self) -> AuditReport:
        """Checks every invariant (the ledger sums to every bucket, nothing negative, nothing
        oversold)."""
        return await self._run(self._shop.audit)
