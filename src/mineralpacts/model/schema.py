"""The JSON Schema of an agreement file, generated from :class:`mineralpacts.model.agreement.Agreement`.

``schema/agreement.schema.json`` is this function's output, committed so that editors and
other tools can use it; a test fails when the committed file is stale (regenerate it with
``pacts docs``).
"""

from __future__ import annotations

import functools
import json
from typing import Any

from mineralpacts.model.agreement import Agreement

__all__ = ["SCHEMA_ID", "agreement_schema", "schema_text", "validator"]

SCHEMA_ID = "https://mineralpacts.github.io/schema/agreement.schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


@functools.cache
def agreement_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) for one agreement file."""
    body = Agreement.model_json_schema(mode="validation")
    schema: dict[str, Any] = {"$schema": DIALECT, "$id": SCHEMA_ID}
    schema.update(body)
    schema["description"] = (
        "One bilateral critical-minerals agreement, as stored in agreements/<id>.yaml by mineralpacts. "
        + (body.get("description") or "")
    ).strip()
    return schema


def schema_text() -> str:
    """The schema as the exact text committed in ``schema/agreement.schema.json``."""
    return json.dumps(agreement_schema(), indent=2, ensure_ascii=False) + "\n"


@functools.cache
def validator() -> Any:
    """A compiled validator for the schema (built once per process)."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(agreement_schema())
