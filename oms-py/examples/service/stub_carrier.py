"""A carrier's booking API on loopback, standing in for a real one.

``POST /bookings`` with a JSON body naming the shipment (``reference``) and
its parcels answers ``201 {"booking_id", "carrier", "tracking_number"}``.
Like real carrier APIs it is idempotent on the ``Idempotency-Key`` header: a
repeated key gets the first answer again (``200``), not a second booking.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Tuple

CARRIER = "Stub Express"


class StubCarrier:
    """The server, its bookings (by idempotency key) and every request it was sent."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.bookings: Dict[str, Dict[str, Any]] = {}
        self.requests: List[Dict[str, Any]] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer((host, port), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, name="stub-carrier", daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> "StubCarrier":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def book(self, key: str, request: Dict[str, Any]) -> Tuple[int, Dict[str, Any]]:
        with self._lock:
            self.requests.append(request)
            if key in self.bookings:
                return 200, self.bookings[key]
            number = len(self.bookings) + 1
            booking = {"booking_id": f"bk-{number}", "carrier": CARRIER, "tracking_number": f"STUB{number:08d}"}
            self.bookings[key] = booking
            return 201, booking

    def _handler(self) -> type:
        carrier = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # the name http.server calls
                length = int(self.headers.get("Content-Length") or 0)
                try:
                    request = json.loads(self.rfile.read(length))
                except ValueError:
                    request = None
                key = self.headers.get("Idempotency-Key")
                if self.path != "/bookings":
                    self._answer(404, {"error": "no such route"})
                elif not key or not isinstance(request, dict) or not request.get("parcels"):
                    self._answer(422, {"error": "a booking needs an Idempotency-Key and parcels"})
                else:
                    self._answer(*carrier.book(key, request))

            def _answer(self, status: int, body: Dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass  # quiet: the service logs what matters

        return Handler


if __name__ == "__main__":
    # python -m service.stub_carrier: the carrier on port 8090, until Ctrl-C.
    stub = StubCarrier(port=8090).start()
    print(f"stub carrier on {stub.url}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        stub.stop()
