"""The refusals every operation may answer, written into the published schema, so that a
client knows the shape of an error (and an API fuzzer holds the application to it)."""

from __future__ import annotations

from typing import Any

ERROR_SCHEMA = {
    "type": "object",
    "description": "A refusal: `detail` says why, in the reader's language; `field` names the "
    "input at fault for a business rule. A form-level validation error maps each input "
    "field to its messages instead.",
    "properties": {
        "detail": {"type": "string"},
        "field": {"type": "string"},
    },
    "additionalProperties": True,
}
ERRORS = {
    "400": "The request is not valid (a value, a business rule); nothing was written.",
    "403": "Not signed in, second factor not passed, or the role does not allow this.",
    "404": "No such record among those the caller may see (or no such page).",
    "405": "This method is not offered here.",
    "415": "The body is not JSON.",
}


def add_error_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for methods in result.get("paths", {}).values():
        for method, operation in methods.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for code, description in ERRORS.items():
                if code == "415" and method not in ("post", "put", "patch"):
                    continue
                operation["responses"].setdefault(
                    code, {"description": description, "content": reference}
                )
    return result
