"""The outbox consumer: shipments handed to the carrier are booked with it,
and its answer goes back through the library.

The library makes no network calls. ``hand_over_shipment`` writes a
``shipment_handed_over`` event (partner, ship-from, ship-to address, service
level, parcels, lines) in the same transaction as the change; this consumer
reads the outbox with ``events_since(cursor)``, posts each such event meant
for its carrier to the carrier's booking API, and records the answer with
``ship_shipment(carrier, tracking_number, partner_reference=booking id)``.

Delivery is at least once: the cursor is saved after an event is handled, so
a consumer that stops between the two (or loses its cursor file) reads the
event again. That is harmless at both ends: the booking request carries the
shipment id as its ``Idempotency-Key``, so the carrier answers with the same
booking, and ``ship_shipment`` naming a ``partner_reference`` that already
moved the shipment returns it unchanged (no event, no stock moved twice).
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Any, Dict, Optional

import httpx

import oms

log = logging.getLogger("service.outbox")


class CarrierForwarder:
    """Forwards ``shipment_handed_over`` events for ``partner`` to the carrier at ``carrier_url``."""

    def __init__(self, shop: oms.Oms, carrier_url: str, cursor_file: Path, partner: str = "stub-carrier",
                 client: Optional[httpx.Client] = None) -> None:
        self.shop = shop
        self.carrier_url = carrier_url.rstrip("/")
        self.cursor_file = cursor_file
        self.partner = partner
        self.client = client or httpx.Client(timeout=10.0)

    @property
    def cursor(self) -> int:
        """The sequence of the last event handled (0 before the first)."""
        try:
            return int(self.cursor_file.read_text(encoding="ascii"))
        except FileNotFoundError:
            return 0

    def _save(self, sequence: int) -> None:
        # Written aside and renamed, so a crash leaves the old cursor or the new one.
        scratch = self.cursor_file.with_name(self.cursor_file.name + ".tmp")
        scratch.write_text(str(sequence), encoding="ascii")
        os.replace(scratch, self.cursor_file)

    def run_once(self, limit: int = 100) -> int:
        """Handles the events after the cursor (at most ``limit``); returns how many were read.

        A carrier that cannot be reached, or a store that fails, raises: the
        cursor stays before the event, which is read again on the next run.
        """
        events = self.shop.events_since(self.cursor, limit)
        for event in events:
            if event.type == "shipment_handed_over" and event.data["partner"] == self.partner:
                self._forward(event.data)
            self._save(event.sequence)
        return len(events)

    def _forward(self, handed_over: Dict[str, Any]) -> None:
        shipment_id = handed_over["shipment_id"]
        response = self.client.post(
            f"{self.carrier_url}/bookings",
            json={
                "reference": shipment_id,
                "service_level": handed_over["service_level"],
                "ship_from": handed_over["ship_from"],
                "ship_to": handed_over["ship_to"],
                "parcels": handed_over["parcels"],
            },
            headers={"Idempotency-Key": shipment_id},
        )
        response.raise_for_status()
        booking = response.json()
        try:
            self.shop.ship_shipment(shipment_id, carrier=booking["carrier"], tracking_number=booking["tracking_number"],
                                    partner_reference=booking["booking_id"])
        except (oms.NotFound, oms.Rejected) as error:
            # The shipment is gone or moved on another way (cancelled, shipped
            # by hand): nothing to record, and retrying would not change that.
            log.warning("shipment %s not shipped after booking %s: %s", shipment_id, booking["booking_id"], error)

    def run_forever(self, stop: threading.Event, interval: float = 0.1) -> None:
        """Polls until ``stop`` is set; a failed run is logged and retried from the same cursor."""
        while not stop.is_set():
            try:
                read = self.run_once()
            except (httpx.HTTPError, oms.OmsError) as error:
                log.warning("outbox run failed, retrying from event %d: %s", self.cursor, error)
                read = 0
            if read == 0:
                stop.wait(interval)
