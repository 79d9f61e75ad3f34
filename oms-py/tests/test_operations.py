"""The Python face of the core's operation table (``oms.OPERATIONS``): every
operation is a documented method of ``oms.Oms`` with the table's parameters, a
coroutine of ``oms.AsyncOms`` with the same, and a method in the ``.pyi`` stub;
and no storage method exists outside the table. An operation added to the core
without its Python methods fails here."""

from __future__ import annotations

import ast
import asyncio
import inspect
import pathlib
import re
from typing import Any, Dict, List

import pytest

import oms

STUB = pathlib.Path(oms.__file__).with_name("_oms.pyi")
OPERATIONS_RS = pathlib.Path(__file__).resolve().parents[2] / "oms-core" / "src" / "app" / "operations" / "table.rs"

# What each class has besides the operations: opening and closing the store.
LIFECYCLE = {
    oms.Oms: {"open", "in_memory", "close", "closed"},
    oms.AsyncOms: {"open", "in_memory", "aclose", "closed", "sync"},
}

NAMES = [operation.name for operation in oms.OPERATIONS]


def parameters(function: Any) -> str:
    """The parameters after ``self`` as ``inspect.signature`` prints them, without annotations."""
    signature = inspect.signature(function)
    rest = list(signature.parameters.values())[1:]
    bare = signature.replace(
        parameters=[parameter.replace(annotation=inspect.Parameter.empty) for parameter in rest],
        return_annotation=inspect.Signature.empty,
    )
    return str(bare)[1:-1]


def without_defaults(parameters: str) -> List[str]:
    return [parameter.split("=")[0] for parameter in parameters.split(", ") if parameter]


def stub_methods() -> Dict[str, List[str]]:
    """The methods of ``class Oms`` in the stub, each with its parameter names after ``self`` ("*" where keyword-only ones start)."""
    tree = ast.parse(STUB.read_text())
    (oms_class,) = [node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == "Oms"]
    methods = {}
    for node in oms_class.body:
        if isinstance(node, ast.FunctionDef):
            arguments = node.args
            names = [argument.arg for argument in arguments.posonlyargs + arguments.args][1:]
            if arguments.kwonlyargs:
                names += ["*"] + [argument.arg for argument in arguments.kwonlyargs]
            methods[node.name] = names
    return methods


def test_the_table_holds_the_operations_of_every_language() -> None:
    assert len(NAMES) == len(set(NAMES)) >= 40
    assert {operation.kind for operation in oms.OPERATIONS} == {"read", "write"}
    assert all(isinstance(operation, oms.Operation) for operation in oms.OPERATIONS)
    by_name = {operation.name: operation for operation in oms.OPERATIONS}
    assert by_name["place_order"].kind == "write"
    assert by_name["get_order"] == oms.Operation("get_order", "read", "order_id", "One order by id.")
    # Constructors and Rust-only methods are not storage calls of the bindings.
    assert not {"open", "in_memory", "open_with_clock", "new", "register_strategy", "storage_statements"} & set(NAMES)
    # The table is the core's: each name is a row of operations/table.rs.
    rows = set(re.findall(r"^\s+(?:read|write) (\w+)\(", OPERATIONS_RS.read_text(), re.M))
    assert rows == set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_every_operation_is_a_documented_method_of_oms_with_the_tables_parameters(name: str) -> None:
    operation = next(operation for operation in oms.OPERATIONS if operation.name == name)
    method = getattr(oms.Oms, name, None)
    assert method is not None, f"oms.Oms has no method {name}: add it to oms-py/src/service.rs"
    assert callable(method) and (method.__doc__ or "").strip()
    assert parameters(method) == operation.parameters


@pytest.mark.parametrize("name", NAMES)
def test_every_operation_is_a_documented_coroutine_of_async_oms_with_the_same_parameters(name: str) -> None:
    operation = next(operation for operation in oms.OPERATIONS if operation.name == name)
    method = getattr(oms.AsyncOms, name, None)
    assert method is not None, f"oms.AsyncOms has no method {name}: add it to oms-py/python/oms/_async.py"
    assert inspect.iscoroutinefunction(method)
    assert (method.__doc__ or "").strip()
    assert parameters(method) == operation.parameters


@pytest.mark.parametrize("name", NAMES)
def test_every_operation_is_in_the_stub_with_the_tables_parameter_names(name: str) -> None:
    operation = next(operation for operation in oms.OPERATIONS if operation.name == name)
    stubbed = stub_methods()
    assert name in stubbed, f"class Oms in {STUB.name} has no {name}"
    assert stubbed[name] == without_defaults(operation.parameters)


@pytest.mark.parametrize("cls", [oms.Oms, oms.AsyncOms])
def test_no_method_is_outside_the_table(cls: type) -> None:
    public = {name for name in dir(cls) if not name.startswith("_")}
    assert public - set(NAMES) == LIFECYCLE[cls]


def test_the_stub_declares_no_method_outside_the_table() -> None:
    assert set(stub_methods()) - set(NAMES) - {"__enter__", "__exit__"} == LIFECYCLE[oms.Oms]


def test_every_operation_without_parameters_is_a_storage_call_in_both_classes() -> None:
    # Every operation without parameters is a storage call: on a closed store it is store_closed.
    shop = oms.Oms.in_memory()
    shop.close()
    bare = [operation.name for operation in oms.OPERATIONS if operation.parameters == ""]
    assert {"audit", "list_locations", "expire_reservations"} <= set(bare)
    for name in bare:
        with pytest.raises(oms.StorageError) as info:
            getattr(shop, name)()
        assert info.value.code == "store_closed", name

    async def each_coroutine() -> None:
        shop = oms.AsyncOms.in_memory()
        await shop.aclose()
        for name in bare:
            with pytest.raises(oms.StorageError):
                await getattr(shop, name)()

    asyncio.run(each_coroutine())
