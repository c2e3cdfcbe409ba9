"""The JSON Schema of an agreement file, generated from :class:`mineralpacts.model.agreement.Agreement`.

``schema/agreement.schema.json`` is this function's output, committed so that editors and
other tools can use it; a test fails when the committed file is stale (regenerate it with
``pacts docs``). It is published at its ``$id`` (:data:`SCHEMA_ID`) by the GitHub Pages
workflow, so the modeline of a file outside this repository can point there.

The modeline, ``# yaml-language-server: $schema=...`` on line 1, tells editors which schema
applies. It is defined here once: ``pacts new`` and ``pacts fmt`` write it, ``pacts validate``
checks it (W404). Inside a repository that holds ``schema/agreement.schema.json`` (this one) it
points there by a relative path; anywhere else, to the published URL.
"""

from __future__ import annotations

import functools
import json
import os
import re
from pathlib import Path
from typing import Any

from mineralpacts.model.agreement import Agreement

__all__ = [
    "MODELINE",
    "SCHEMA_FILE",
    "SCHEMA_ID",
    "agreement_schema",
    "modeline",
    "modeline_problem",
    "modeline_target",
    "schema_target",
    "schema_text",
    "validator",
]

#: Where the schema is published (GitHub Pages of github.com/mineralpacts/mineralpacts, built by
#: .github/workflows/pages.yml), and its ``$id``.
SCHEMA_ID = "https://mineralpacts.github.io/mineralpacts/schema/agreement.schema.json"
#: Where the schema lives in a repository of agreements, from its root.
SCHEMA_FILE = "schema/agreement.schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
_MODELINE_PREFIX = "# yaml-language-server: $schema="
#: The modeline that works anywhere: the published schema.
MODELINE = _MODELINE_PREFIX + SCHEMA_ID
_MODELINE_RE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)\s*$")


def modeline(target: str = SCHEMA_ID) -> str:
    """The modeline that points editors at ``target`` (a URL or a path relative to the file)."""
    return _MODELINE_PREFIX + target


def modeline_target(line: str) -> str | None:
    """The schema a modeline points to, however it is spaced (``#yaml-language-server:`` too)."""
    found = _MODELINE_RE.match(line.strip())
    return found.group(1) if found else None


def schema_target(path: str | os.PathLike[str]) -> str:
    """What the modeline of the file at ``path`` should point to.

    The relative path to ``schema/agreement.schema.json`` when a folder above the file holds it
    (a file of this repository: editors then use the schema of the checkout), else the URL.
    """
    folder = Path(path).absolute().parent
    for parent in (folder, *folder.parents):
        if (parent / SCHEMA_FILE).is_file():
            return os.path.relpath(parent / SCHEMA_FILE, folder).replace(os.sep, "/")
    return SCHEMA_ID


def modeline_problem(first_line: str) -> str | None:
    """Why ``first_line`` is not a modeline of the agreement schema, or None when it is one.

    Accepted: the published URL, or a relative path to an ``agreement.schema.json``. (Whether
    that path exists depends on where the file is, which the content-keyed checks do not know.)
    """
    target = modeline_target(first_line)
    if target is None:
        return f"first line should be the schema modeline '{MODELINE}' (or a relative path to {SCHEMA_FILE})"
    if target == SCHEMA_ID:
        return None
    if target.startswith(("http://", "https://")) or not target.endswith("agreement.schema.json"):
        return f"the modeline points to {target}, not the agreement schema; write '{MODELINE}'"
    return None


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
