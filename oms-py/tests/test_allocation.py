"""The allocation engine from Python: splits, split policies and distances,
backorders, explanations, dry runs, pickup, point of sale and re-allocation."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Dict, List, Tuple

import pytest

import oms
from conftest import assert_clean, line, raises


def allocations(line_: oms.OrderLine | oms.PlannedLine) -> List[Tuple[str, int]]:
    return [(a.location, a.quantity) for a in line_.allocations]


def order(shop: oms.Oms, quantity: int = 1, sku: str = "TEE-M", **overrides: Any) -> oms.Order:
    arguments: Dict[str, Any] = {
        "channel": "web",
        "customer_email": "ada@example.com",
        "lines": [line(sku=sku, quantity=quantity)],
    }
    arguments.update(overrides)
    return shop.place_order(**arguments)


# Splits and split policies


def test_a_line_splits_across_locations(multi: oms.Oms) -> None:
    multi.receive_stock(sku="TEE-M", location="wh-east", quantity=3)
    multi.receive_stock(sku="TEE-M", location="wh-west", quantity=5)
    placed = order(multi, quantity=7, ship_to_region="US-NY", explain=True)
    assert placed.status == "allocated" and placed.lines[0].allocated == 7
    assert sorted(allocations(placed.lines[0])) == [("wh-east", 2), ("wh-west", 5)]
    assert placed.explanation is not None and placed.explanation.shipments == 2
    assert placed.explanation.unfilled == 0
    assert (placed.fulfilment_method, placed.fulfilment_location, placed.ship_to_region) == ("ship", None, "US-NY")
    assert multi.available(sku="TEE-M", channel="web") == 1
    assert_clean(multi)


def test_nearest_region_wins_when_either_warehouse_can_ship(multi: oms.Oms) -> None:
    multi.receive_stock(sku="TEE-M", location="wh-east", quantity=10)
    multi.receive_stock(sku="TEE-M", location="wh-west", quantity=10)
    assert allocations(order(multi, quantity=2, ship_to_region="US-CA").lines[0]) == [("wh-west", 2)]
    assert allocations(order(multi, quantity=2, ship_to_region="US-NY").lines[0]) == [("wh-east", 2)]
    # Massachusetts is 300 km from New York; its distance from California is
    # unknown, which ranks last.
    assert allocations(order(multi, quantity=1, ship_to_region="US-MA").lines[0]) == [("wh-east", 1)]
    # Distances are symmetric: set from Massachusetts' side, California is now nearer.
    multi.set_region_distance(from_region="US-CA", to_region="US-MA", distance_km=100)
    assert allocations(order(multi, quantity=1, ship_to_region="US-MA").lines[0]) == [("wh-west", 1)]
    assert_clean(multi)


@pytest.mark.parametrize(
    "policy, expected",
    [
        ("fewest_shipments", [("wh-west", 4)]),
        ("nearest", [("wh-east", 2), ("wh-west", 2)]),
    ],
)
def test_split_policy(multi: oms.Oms, policy: str, expected: List[Tuple[str, int]]) -> None:
    multi.upsert_channel(id="web", kind="web", currency="USD", locations=["wh-east", "wh-west"], split_policy=policy)
    multi.receive_stock(sku="TEE-M", location="wh-east", quantity=2)
    multi.receive_stock(sku="TEE-M", location="wh-west", quantity=10)
    plan = multi.plan_allocation(channel="web", customer_email="ada@example.com",
                                 lines=[line(quantity=4)], ship_to_region="US-NY")
    assert plan.explanation.split_policy == policy
    assert allocations(plan.lines[0]) == expected
    placed = order(multi, quantity=4, ship_to_region="US-NY")
    assert allocations(placed.lines[0]) == expected
    assert_clean(multi)


# Backorders


def test_backorderable_product_backorders_the_shortfall(multi: oms.Oms) -> None:
    multi.upsert_product(sku="TEE-M", name="T-shirt, medium", backorderable=True)
    multi.receive_stock(sku="TEE-M", location="wh-east", quantity=2)
    partly = order(multi, quantity=5)
    assert partly.status == "partially_allocated"
    assert (partly.lines[0].allocated, partly.lines[0].backordered) == (2, 3)
    nothing = order(multi, quantity=2, customer_email="bob@example.com")
    assert nothing.status == "backordered"
    assert (nothing.lines[0].allocated, nothing.lines[0].backordered) == (0, 2)
    # Never negative stock: the shortfall lives on the lines.
    level = multi.stock_level(sku="TEE-M", location="wh-east")
    assert (level.on_hand, level.allocated, level.available) == (2, 2, 0)
    # A receipt fills backorders first come, first served: the oldest order first.
    level = multi.receive_stock(sku="TEE-M", location="wh-east", quantity=4)
    assert (level.on_hand, level.allocated, level.available) == (6, 6, 0)
    first, second = multi.get_order(partly.id), multi.get_order(nothing.id)
    assert (first.status, first.lines[0].allocated, first.lines[0].backordered) == ("allocated", 5, 0)
    assert (second.status, second.lines[0].allocated, second.lines[0].backordered) == ("partially_allocated", 1, 1)
    multi.receive_stock(sku="TEE-M", location="wh-east", quantity=3)
    assert multi.get_order(nothing.id).status == "allocated"
    assert multi.available(sku="TEE-M", channel="web") == 2
    assert_clean(multi)


def test_channel_that_allows_backorders(multi: oms.Oms) -> None:
    with raises(oms.Rejected, "insufficient_stock"):
        order(multi, quantity=1)
    multi.upsert_channel(id="web", kind="web", currency="USD", locations=["wh-east"], allow_backorders=True)
    placed = order(multi, quantity=3)
    assert (placed.status, placed.lines[0].backordered) == ("backordered", 3)
    assert multi.stock_levels(sku="TEE-M") == []
    multi.receive_stock(sku="TEE-M", location="wh-east", quantity=1)
    assert multi.get_order(placed.id).lines[0].backordered == 2
    assert_clean(multi)


def test_cancelling_a_backordered_line(multi: oms.Oms) -> None:
    multi.upsert_product(sku="TEE-M", name="T-shirt, medium", backorderable=True)
    placed = order(multi, quantity=2)
    cancelled = multi.cancel_order(placed.id)
    assert cancelled.status == "cancelled" and cancelled.lines[0].backordered == 0
    multi.receive_stock(sku="TEE-M", location="wh-east", quantity=2)
    assert multi.available(sku="TEE-M", channel="web") == 2
    assert_clean(multi)


# Explanations and dry runs


def explained_shop(shop: oms.Oms) -> oms.Oms:
    """Every reason a candidate can be passed over, in one channel."""
    for location, region, extra in [
        ("wh-best", "US-NY", {"priority": 1}),
        ("wh-spare", "US-NY", {"priority": 2}),
        ("wh-empty", "US-NY", {}),
        ("wh-thin", "US-NY", {}),
        ("wh-busy", "US-NY", {"daily_capacity": 0}),
        ("wh-far", "US-CA", {}),
        ("store", "US-NY", {}),
    ]:
        shop.upsert_location(id=location, kind="store" if location == "store" else "warehouse", region=region,
                             **extra)
    shop.set_region_distance(from_region="US-NY", to_region="US-CA", distance_km=4000)
    shop.upsert_channel(id="web", kind="web", currency="USD", safety_stock=2, max_distance_km=1000,
                        locations=["wh-best", "wh-spare", "wh-empty", "wh-thin", "wh-busy", "wh-far", "store"])
    shop.upsert_product(sku="TEE-M", name="T-shirt, medium")
    for location, units in [("wh-best", 10), ("wh-spare", 10), ("wh-thin", 2), ("wh-busy", 10), ("wh-far", 10),
                            ("store", 10)]:
        shop.receive_stock(sku="TEE-M", location=location, quantity=units)
    return shop


EXPECTED_REASONS = {
    "wh-best": None,
    "wh-spare": "not_needed",
    "wh-empty": "no_stock",
    "wh-thin": "below_safety_stock",
    "wh-busy": "over_capacity",
    "wh-far": "too_far",
    "store": "not_capable",
}


def test_explanation_names_why_each_candidate_was_passed_over() -> None:
    shop = explained_shop(oms.Oms.in_memory())
    placed = order(shop, quantity=3, ship_to_region="US-NY", explain=True)
    explanation = placed.explanation
    assert explanation is not None
    assert (explanation.split_policy, explanation.shipments, explanation.unfilled) == ("fewest_shipments", 1, 0)
    reasons = {c.location: c.passed_over for c in explanation.candidates}
    assert reasons == EXPECTED_REASONS
    best = next(c for c in explanation.candidates if c.location == "wh-best")
    assert (best.strategy, best.units, best.distance_km, best.priority) == ("ship_from_warehouse", 3, 0, 1)
    assert best.score and all(isinstance(part, int) for part in best.score)
    spare = next(c for c in explanation.candidates if c.location == "wh-spare")
    assert best.score < spare.score and spare.units == 0
    far = next(c for c in explanation.candidates if c.location == "wh-far")
    assert (far.distance_km, far.score) == (4000, [])
    assert "passed_over='too_far'" in repr(far) and "Explanation(" in repr(explanation)
    assert order(shop, quantity=1).explanation is None
    assert_clean(shop)


def test_plan_allocation_is_a_dry_run() -> None:
    shop = explained_shop(oms.Oms.in_memory())
    levels = shop.stock_levels()
    events = len(shop.events_since(limit=1000))
    plan = shop.plan_allocation(channel="web", customer_email="ada@example.com", lines=[line(quantity=3)],
                                ship_to_region="US-NY")
    assert (plan.fulfilment_method, plan.fulfilment_location) == ("ship", None)
    assert [(allocations(l), l.unfilled) for l in plan.lines] == [([("wh-best", 3)], 0)]
    assert {c.location: c.passed_over for c in plan.explanation.candidates} == EXPECTED_REASONS
    assert "AllocationPlan(" in repr(plan) and "PlannedLine(" in repr(plan.lines[0])
    # Nothing was written.
    assert shop.stock_levels() == levels
    assert len(shop.events_since(limit=1000)) == events
    assert shop.list_orders().orders == []
    # The order then goes where the plan said, with the same explanation.
    placed = order(shop, quantity=3, ship_to_region="US-NY", explain=True)
    assert allocations(placed.lines[0]) == allocations(plan.lines[0])
    assert placed.explanation == plan.explanation
    assert_clean(shop)


def test_plan_allocation_reports_what_it_cannot_fill(multi: oms.Oms) -> None:
    multi.receive_stock(sku="TEE-M", location="wh-east", quantity=2)
    plan = multi.plan_allocation(channel="web", customer_email="ada@example.com",
                                 lines=[line(quantity=5), line(sku="MUG", quantity=1)])
    assert [(allocations(l), l.unfilled) for l in plan.lines] == [([("wh-east", 2)], 3), ([], 1)]
    assert plan.explanation.unfilled == 4


@pytest.mark.parametrize(
    "overrides, exception, code, field",
    [
        ({"channel": "nope"}, oms.NotFound, "channel_not_found", None),
        ({"lines": []}, oms.InvalidInput, "invalid_input", "lines"),
        ({"lines": [line(unit_price=1.5)]}, oms.InvalidInput, "invalid_input", "lines[0].unit_price"),
        ({"lines": [line(quantity=True)]}, oms.InvalidInput, "invalid_input", "lines[0].quantity"),
        ({"lines": [line(sku="NOPE")]}, oms.NotFound, "product_not_found", None),
        ({"customer_email": "nobody"}, oms.InvalidInput, "invalid_input", "customer_email"),
        ({"currency": "EUR"}, oms.InvalidInput, "currency_mismatch", "currency"),
        ({"shipping": 1.5}, oms.InvalidInput, "invalid_input", "shipping"),
        ({"pickup_location": "nowhere"}, oms.NotFound, "location_not_found", None),
        ({"pickup_location": ""}, oms.InvalidInput, "invalid_identifier", "pickup_location"),
        ({"ship_to_region": 5}, oms.InvalidInput, "invalid_input", "ship_to_region"),
    ],
)
def test_plan_allocation_bad_input(
    multi: oms.Oms, overrides: dict, exception: type, code: str, field: str
) -> None:
    arguments: Dict[str, Any] = {"channel": "web", "customer_email": "ada@example.com", "lines": [line()]}
    arguments.update(overrides)
    with raises(exception, code, field):
        multi.plan_allocation(**arguments)


def test_plan_allocation_takes_no_order_only_arguments(multi: oms.Oms) -> None:
    for extra in ({"idempotency_key": "k"}, {"reservation_id": "cart"}, {"explain": True}):
        with pytest.raises(TypeError):
            multi.plan_allocation(channel="web", customer_email="ada@example.com", lines=[line()], **extra)


def test_explain_must_be_a_bool(multi: oms.Oms) -> None:
    multi.receive_stock(sku="TEE-M", location="wh-east", quantity=1)
    with raises(oms.InvalidInput, "invalid_input", "explain"):
        order(multi, explain=1)
    assert multi.list_orders().orders == []


# Pickup in store


def test_pickup_at_a_store_that_offers_it(multi: oms.Oms) -> None:
    multi.receive_stock(sku="TEE-M", location="store-soho", quantity=2)
    multi.receive_stock(sku="TEE-M", location="wh-east", quantity=10)
    placed = order(multi, quantity=2, channel="click", pickup_location="store-soho", explain=True)
    assert (placed.status, placed.fulfilment_method, placed.fulfilment_location) == ("allocated", "pickup", "store-soho")
    assert allocations(placed.lines[0]) == [("store-soho", 2)]
    assert placed.explanation is not None
    assert {c.strategy for c in placed.explanation.candidates} == {"pickup_in_store"}
    assert multi.stock_level(sku="TEE-M", location="store-soho").allocated == 2
    assert_clean(multi)


def test_pickup_errors(multi: oms.Oms) -> None:
    multi.receive_stock(sku="TEE-M", location="store-soho", quantity=1)
    multi.receive_stock(sku="TEE-M", location="store-noho", quantity=5)
    multi.receive_stock(sku="TEE-M", location="wh-east", quantity=10)
    with raises(oms.Rejected, "pickup_not_offered"):
        order(multi, channel="click", pickup_location="store-noho")
    with raises(oms.Rejected, "location_not_permitted"):
        order(multi, channel="click", pickup_location="store-boston")
    with raises(oms.NotFound, "location_not_found"):
        order(multi, channel="click", pickup_location="store-nowhere")
    # The channel's fallback is to reject: the store has one unit, not three.
    with raises(oms.Rejected, "insufficient_stock"):
        order(multi, quantity=3, channel="click", pickup_location="store-soho")
    assert multi.list_orders().orders == []
    assert_clean(multi)


def test_pickup_fallback_ships_to_the_store(multi: oms.Oms) -> None:
    multi.upsert_channel(id="click", kind="pickup", currency="USD", pickup_fallback="ship_to_store",
                         locations=["wh-east", "wh-west", "store-soho"])
    multi.receive_stock(sku="TEE-M", location="store-soho", quantity=1)
    multi.receive_stock(sku="TEE-M", location="wh-east", quantity=10)
    placed = order(multi, quantity=3, channel="click", pickup_location="store-soho", explain=True)
    assert (placed.fulfilment_method, placed.fulfilment_location) == ("pickup", "store-soho")
    assert sorted(allocations(placed.lines[0])) == [("store-soho", 1), ("wh-east", 2)]
    assert placed.explanation is not None
    assert {c.strategy for c in placed.explanation.candidates} == {"pickup_in_store", "ship_from_warehouse"}
    empty_store = order(multi, quantity=2, channel="click", pickup_location="store-soho")
    assert allocations(empty_store.lines[0]) == [("wh-east", 2)]
    assert_clean(multi)


# Point of sale


def test_point_of_sale_hands_the_goods_over_at_once(multi: oms.Oms) -> None:
    multi.receive_stock(sku="TEE-M", location="store-soho", quantity=5)
    sold = order(multi, quantity=2, channel="till")
    assert (sold.status, sold.fulfilment_method, sold.fulfilment_location) == ("completed", "point_of_sale",
                                                                              "store-soho")
    assert (sold.lines[0].shipped, sold.lines[0].allocated) == (2, 0)
    level = multi.stock_level(sku="TEE-M", location="store-soho")
    assert (level.on_hand, level.allocated, level.available) == (3, 0, 3)
    movement = multi.movements(sku="TEE-M", location="store-soho")[-1]
    assert (movement.reason, movement.on_hand_delta, movement.reference) == ("point_of_sale_sale", -2, sold.id)
    with raises(oms.Rejected, "insufficient_stock"):
        order(multi, quantity=4, channel="till")
    with raises(oms.Rejected, "location_not_permitted"):
        order(multi, channel="till", pickup_location="store-noho")
    with raises(oms.InvalidInput, "invalid_input", "reservation_id"):
        order(multi, channel="till", reservation_id="cart-1")
    assert_clean(multi)


# Re-allocation


def test_reject_allocation_reroutes_to_the_next_location(multi: oms.Oms) -> None:
    multi.receive_stock(sku="TEE-M", location="wh-east", quantity=10)
    multi.receive_stock(sku="TEE-M", location="wh-west", quantity=10)
    placed = order(multi, quantity=3, ship_to_region="US-NY")
    assert allocations(placed.lines[0]) == [("wh-east", 3)]
    rerouted = multi.reject_allocation(placed.id, line_number=1, location="wh-east", idempotency_key="reject-1")
    assert (rerouted.status, rerouted.lines[0].allocated, rerouted.lines[0].backordered) == ("allocated", 3, 0)
    assert allocations(rerouted.lines[0]) == [("wh-west", 3)]
    east = multi.stock_level(sku="TEE-M", location="wh-east")
    assert (east.on_hand, east.allocated) == (7, 0)  # the missing units are written off
    assert multi.stock_level(sku="TEE-M", location="wh-west").allocated == 3
    assert multi.reject_allocation(placed.id, line_number=1, location="wh-east", idempotency_key="reject-1") == rerouted
    assert_clean(multi)


def test_reject_allocation_backorders_when_no_location_is_left(multi: oms.Oms) -> None:
    multi.upsert_channel(id="web", kind="web", currency="USD", locations=["wh-east"])
    multi.receive_stock(sku="TEE-M", location="wh-east", quantity=5)
    placed = order(multi, quantity=3)
    rejected = multi.reject_allocation(placed.id, line_number=1, location="wh-east")
    assert (rejected.status, rejected.lines[0].allocated, rejected.lines[0].backordered) == ("backordered", 0, 3)
    level = multi.stock_level(sku="TEE-M", location="wh-east")
    assert (level.on_hand, level.allocated, level.available) == (2, 0, 2)
    multi.receive_stock(sku="TEE-M", location="wh-east", quantity=1)
    # The backorder is filled before anyone else can buy: 2 + 1 units, 3 wanted.
    refilled = multi.get_order(placed.id)
    assert (refilled.status, refilled.lines[0].allocated) == ("allocated", 3)
    assert_clean(multi)


def test_reject_allocation_bad_input(multi: oms.Oms) -> None:
    multi.receive_stock(sku="TEE-M", location="wh-east", quantity=5)
    placed = order(multi, quantity=2)
    with raises(oms.NotFound, "order_not_found"):
        multi.reject_allocation("ord-0000000404", line_number=1, location="wh-east")
    with raises(oms.NotFound, "order_line_not_found"):
        multi.reject_allocation(placed.id, line_number=9, location="wh-east")
    with raises(oms.NotFound, "stock_level_not_found"):
        multi.reject_allocation(placed.id, line_number=1, location="wh-west")
    with raises(oms.InvalidInput, "invalid_input", "line_number"):
        multi.reject_allocation(placed.id, line_number=True, location="wh-east")
    with raises(oms.InvalidInput, "invalid_input", "line_number"):
        multi.reject_allocation(placed.id, line_number=-1, location="wh-east")
    with raises(oms.InvalidInput, "invalid_identifier", "location"):
        multi.reject_allocation(placed.id, line_number=1, location="")
    with pytest.raises(TypeError):
        multi.reject_allocation(placed.id, 1, "wh-east")  # type: ignore[misc]
    assert multi.get_order(placed.id) == placed
    assert_clean(multi)


def test_money_and_new_arguments_together(multi: oms.Oms) -> None:
    multi.receive_stock(sku="MUG", location="wh-west", quantity=1)
    placed = order(multi, sku="MUG", ship_to_region="US-CA", shipping=Decimal("4.99"))
    assert placed.total == Decimal("24.98") and placed.ship_to_region == "US-CA"
