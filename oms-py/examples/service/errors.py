"""OmsError → HTTP response, from the one table in ``docs/http-statuses.json``.

The status follows the error's category (``err.category``: invalid input,
not found, rejected, conflict, storage), unless its code has a status of its
own in the table; the body is the error's stable parts as JSON. The same file
is read by the Node storefront and by the test that writes docs/ERRORS.md, so
the three cannot disagree. (Copying this example out of the repository? Copy
the JSON beside it and point ``STATUS_TABLE`` at it.)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, Mapping, Optional

import oms

STATUS_TABLE = Path(__file__).resolve().parents[3] / "docs" / "http-statuses.json"


def _load(path: Path) -> tuple[Dict[str, int], Dict[str, int]]:
    table = json.loads(path.read_text(encoding="utf-8"))
    by_category = {category: int(status) for category, status in table["by_category"].items()}
    by_code = {code: int(entry["status"]) for code, entry in table["by_code"].items()}
    return by_category, by_code


BY_CATEGORY, BY_CODE = _load(STATUS_TABLE)


def status_for(code: str, category: str) -> int:
    """The HTTP status of an error with this code and category."""
    return BY_CODE.get(code, BY_CATEGORY[category])


def error_body(code: str, category: str, message: str, field: Optional[str] = None,
               details: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
    """What every error response holds: the same keys for the library's errors and the service's own."""
    return {"code": code, "category": category, "field": field, "message": message, "details": dict(details or {})}


def describe(error: oms.OmsError) -> tuple[int, Dict[str, Any]]:
    """The status and JSON body that answer ``error``."""
    return status_for(error.code, error.category), error_body(error.code, error.category, str(error),
                                                              error.field, error.details)
