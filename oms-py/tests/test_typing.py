"""The typed face: Literal aliases hold exactly the core's values, TypedDict
inputs, mypy --strict catching a misspelt literal, runtime docstrings on every
public method, and oms.__version__."""

from __future__ import annotations

import pathlib
import re
import subprocess
import sys
import textwrap
from typing import Any, List, get_args

import pytest

import oms
from conftest import raises

CARGO_TOML = pathlib.Path(__file__).resolve().parents[2] / "Cargo.toml"


def accepted(message: str) -> List[str]:
    """The values an 'expected one of a, b, c, got …' (or 'expected a or b') message lists."""
    listed = re.search(r"expected (?:one of )?(.*?), got", message)
    assert listed, message
    return re.split(r", | or ", listed.group(1))


def refusal(call: Any) -> str:
    with pytest.raises(oms.InvalidInput) as info:
        call()
    return str(info.value)


def test_literal_aliases_hold_exactly_the_core_values() -> None:
    shop = oms.Oms.in_memory()
    assert list(get_args(oms.ErrorCode)) == oms.ERROR_CODES
    assert set(get_args(oms.OrderStatus)) == {status for pair in oms.ORDER_TRANSITIONS for status in pair}
    assert set(get_args(oms.TransferStatus)) == {status for pair in oms.TRANSFER_TRANSITIONS for status in pair}
    assert set(get_args(oms.ShipmentStatus)) == {status for pair in oms.SHIPMENT_TRANSITIONS for status in pair}
    assert set(get_args(oms.OrderStatus)) == set(accepted(refusal(lambda: shop.list_orders(status="x"))))
    assert list(get_args(oms.LocationKind)) == accepted(
        refusal(lambda: shop.upsert_location(id="a", kind="x", region="r")))  # type: ignore[arg-type]
    channel = {"id": "c", "kind": "web", "currency": "USD", "locations": []}
    assert list(get_args(oms.ChannelKind)) == accepted(
        refusal(lambda: shop.upsert_channel(**{**channel, "kind": "x"})))
    for argument, alias in [("rounding_mode", oms.RoundingMode), ("rounding_level", oms.RoundingLevel),
                            ("split_policy", oms.SplitPolicy), ("pickup_fallback", oms.PickupFallback)]:
        assert list(get_args(alias)) == accepted(refusal(lambda: shop.upsert_channel(**channel, **{argument: "x"})))
    assert list(get_args(oms.LineRejectionReason)) == accepted(refusal(
        lambda: shop.reject_shipment_line("shp-1", line_number=1, quantity=1, reason="x")))  # type: ignore[arg-type]
    categories = {"InvalidInput": "invalid_input", "NotFound": "not_found", "Rejected": "rejected",
                  "Conflict": "conflict", "StorageError": "storage"}
    assert set(get_args(oms.ErrorCategory)) == set(categories.values())


def test_typed_dicts_describe_the_dict_inputs() -> None:
    assert oms.OrderLineInput.__required_keys__ == {"sku", "quantity", "unit_price"}
    assert oms.OrderLineInput.__optional_keys__ == {"discount"}
    assert oms.ReservationLineInput.__required_keys__ == {"sku", "quantity"}
    assert oms.LineCancellation.__required_keys__ == {"line_number", "quantity"}
    assert oms.ShipmentLineInput.__required_keys__ == {"line_number", "quantity"}
    assert oms.LineChangeInput.__required_keys__ == {"line_number", "quantity"}
    assert oms.OrderLineInput(sku="A", quantity=1, unit_price=1) == {"sku": "A", "quantity": 1, "unit_price": 1}


def run_mypy(tmp_path: pathlib.Path, name: str, source: str) -> subprocess.CompletedProcess[str]:
    program = tmp_path / f"{name}.py"
    program.write_text(textwrap.dedent(source))
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "--cache-dir", str(tmp_path / "cache"),
         str(program)],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )


def test_mypy_strict_catches_a_misspelt_literal_and_passes_correct_code(tmp_path: pathlib.Path) -> None:
    wrong = run_mypy(tmp_path, "wrong", '''
        from decimal import Decimal
        import oms

        shop = oms.Oms.in_memory()
        status: oms.OrderStatus = "alocated"
        shop.upsert_location(id="wh", kind="warehous", region="US-NY")
        shop.place_order(channel="web", customer_email="a@example.com",
                         lines=[{"sku": "A", "quantity": 1, "unit_prise": Decimal("1")}])
        code: oms.ErrorCode = "insuficient_stock"
    ''')
    assert wrong.returncode == 1, wrong.stdout + wrong.stderr
    report = wrong.stdout
    assert "'alocated'" in report and "wrong.py:6:" in report
    assert "'warehous'" in report and "wrong.py:7:" in report
    assert '"unit_prise"' in report
    assert "'insuficient_stock'" in report
    right = run_mypy(tmp_path, "right", '''
        from __future__ import annotations

        import asyncio
        from datetime import datetime, timezone
        from decimal import Decimal
        from typing import Any
        import oms

        clock = oms.ManualClock(datetime(2026, 1, 1, tzinfo=timezone.utc))
        with oms.Oms.in_memory(clock=clock) as shop:
            shop.upsert_location(id="wh", kind="warehouse", region="US-NY")
            shop.upsert_channel(id="web", kind="web", currency="USD", locations=["wh"], rounding_mode="half_even")
            lines: list[oms.OrderLineInput] = [{"sku": "A", "quantity": 1, "unit_price": Decimal("1")}]
            status: oms.OrderStatus = "allocated"
            for order in shop.list_orders(status=status):
                data: dict[str, Any] = order.to_dict()
                kind: oms.FulfilmentMethod = order.fulfilment_method
            try:
                shop.place_order(channel="web", customer_email="a@example.com", lines=lines)
            except oms.OmsError as error:
                code: oms.ErrorCode = error.code
                facts: dict[str, str | int] = error.details
            clock.advance(seconds=61)

        async def main() -> oms.Order:
            async with oms.AsyncOms.in_memory() as shop:
                return await shop.get_order("ord-1")
    ''')
    assert right.returncode == 0, right.stdout + right.stderr


def public_callables(cls: type) -> List[str]:
    return [name for name in dir(cls) if not name.startswith("_") and callable(getattr(cls, name))]


@pytest.mark.parametrize("cls", [oms.Oms, oms.AsyncOms, oms.ManualClock, oms.Order, oms.ProductPage])
def test_every_public_method_has_a_docstring(cls: type) -> None:
    names = public_callables(cls)
    assert names
    undocumented = [name for name in names if not (getattr(cls, name).__doc__ or "").strip()]
    assert undocumented == []
    assert (cls.__doc__ or "").strip()


def test_async_oms_has_every_method_of_oms() -> None:
    missing = set(public_callables(oms.Oms)) - set(public_callables(oms.AsyncOms))
    assert missing == {"close"}  # aclose() instead
    assert callable(oms.AsyncOms.aclose)


def test_version_is_the_crate_version() -> None:
    crate = re.search(r'^version = "(.*)"$', CARGO_TOML.read_text(), re.M)
    assert crate and oms.__version__ == crate.group(1)
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", oms.__version__)


def test_literal_inputs_are_still_checked_at_runtime() -> None:
    shop = oms.Oms.in_memory()
    with raises(oms.InvalidInput, "invalid_input", "kind"):
        shop.upsert_location(id="wh", kind="warehous", region="US-NY")  # type: ignore[arg-type]
