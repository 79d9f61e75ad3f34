from decimal import Decimal
import oms

shop = oms.Oms.open("quickstart.db")      # SQLite file; oms.Oms.in_memory() also exists
shop.upsert_location(id="wh-east", kind="warehouse", region="US-NY")
shop.upsert_location(id="store-soho", kind="store", region="US-NY")
shop.upsert_channel(id="web", kind="web", currency="USD", locations=["wh-east", "store-soho"])
shop.upsert_product(sku="TEE-M", name="T-shirt, medium")
shop.receive_stock(sku="TEE-M", location="wh-east", quantity=5)

lines = [oms.OrderLineInput(sku="TEE-M", quantity=2, unit_price=Decimal("19.99"))]
order = shop.place_order(idempotency_key="checkout-1001", channel="web",
                         customer_email="ada@example.com", lines=lines)
assert order.total == Decimal("39.98") and order.status == "allocated"
assert shop.available(sku="TEE-M", channel="web") == 3

again = shop.place_order(idempotency_key="checkout-1001", channel="web",
                         customer_email="ada@example.com", lines=lines)
assert again.id == order.id               # exactly once

try:
    shop.place_order(channel="web", customer_email="bob@example.com",
                     lines=[{"sku": "TEE-M", "quantity": 9, "unit_price": Decimal("19.99")}])
    raise SystemExit("expected insufficient_stock")
except oms.OmsError as err:
    assert err.code == "insufficient_stock"

shop.cancel_order(order.id)
assert shop.available(sku="TEE-M", channel="web") == 5
