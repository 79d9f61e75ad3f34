"""An HTTP order service over ``oms`` on FastAPI and uvicorn.

- ``app.create_app(shop)``: the routes (orders, availability, fulfilment,
  payments), every ``OmsError`` answered by ``errors.error_response``;
- ``errors``: the HTTP status of each error, from ``docs/http-statuses.json``;
- ``outbox.CarrierForwarder``: reads the outbox, books the carrier for each
  shipment handed over, and records the carrier's answer;
- ``stub_carrier.StubCarrier``: a carrier's booking API on loopback;
- ``python -m service``: all of it in one process (see ``__main__``).
"""
