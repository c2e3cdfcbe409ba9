"""Layer 2 of validation: the JSON Schema's errors as diagnostics, one per problem, each placed
at its YAML position and worded for the person fixing the file (what was expected, what was
found, the closest term)."""

from __future__ import annotations

from typing import Any

from mineralpacts.diagnostics import MAX_ERRORS, Diagnostic
from mineralpacts.errors import did_you_mean
from mineralpacts.files.load import Document

__all__ = ["schema_diagnostics"]

_PATTERN_HINTS = {
    "[0-9]{4}(-": "a date YYYY, YYYY-MM or YYYY-MM-DD",
    "[a-z0-9]+(-[a-z0-9]+)*": "lower-case words joined by hyphens, like uk-japan-2023",
    "^[A-Z]{2}$": "a two-letter ISO 3166-1 code in capitals, like GB or JP (or EU)",
    "https?://": "an http:// or https:// address",
    "[a-z]{2,3}(-[A-Z]": "a BCP 47 language tag, like en, ja or zh-Hans",
}


def _pattern_hint(pattern: str) -> str:
    for needle, hint in _PATTERN_HINTS.items():
        if needle in pattern:
            return hint
    return f"the pattern {pattern}"


def _type_name(value: Any) -> str:
    return {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a mapping",
        type(None): "nothing (null)",
    }.get(type(value), type(value).__name__)


def _boolean_hint(expected: str, instance: Any) -> str:
    """The remedy when a YAML boolean and a word were taken for each other."""
    if isinstance(instance, bool) and "string" in expected:
        return f"; if you mean the word, write it in quotes: '{str(instance).lower()}'"
    if isinstance(instance, str) and "boolean" in expected and instance.lower() in _YES_NO:
        return f"; write {_YES_NO[instance.lower()]}"
    return ""


_YES_NO = {"yes": "true", "y": "true", "on": "true", "no": "false", "n": "false", "off": "false"}


def _pick(error: Any) -> Any:
    """For anyOf/oneOf errors (an optional field), the branch error that explains the problem."""
    while error.validator in ("anyOf", "oneOf") and error.context:
        branches = [e for e in error.context if not (e.validator == "type" and e.validator_value == "null")]
        if not branches:
            break
        deepest = max(branches, key=lambda e: len(e.relative_path))
        error = deepest
    return error


#: How many "did you mean" one file gets: each costs a fuzzy match, and a file with thousands of
#: bad terms shows only its first MAX_ERRORS anyway.
_HINTS = MAX_ERRORS


def schema_diagnostics(doc: Document, limit: int | None = None) -> list[Diagnostic]:
    """Check ``doc.data`` against the JSON Schema; one diagnostic per problem, with its position.

    With ``limit``, the check stops once that many diagnostics are found (the schema's errors
    come lazily, so a file with thousands of bad items costs no more than its first ones).
    """
    from mineralpacts.model.schema import validator
    from mineralpacts.model.vocab import suggest

    out: list[Diagnostic] = []
    reported: set[tuple[str | int, ...]] = set()
    hinted = 0
    for raw_error in validator().iter_errors(doc.data):
        if limit is not None and len(out) >= limit:
            break
        error = _pick(raw_error)
        path = tuple(error.absolute_path)
        kind, value = error.validator, error.validator_value
        if kind == "required":
            # jsonschema gives one error per missing field, each holding the whole required list
            missing = [
                name
                for name in value
                if isinstance(error.instance, dict)
                and name not in error.instance
                and (*path, name) not in reported
            ]
            reported.update((*path, name) for name in missing)
            for name in missing:
                out.append(
                    Diagnostic.make(
                        doc.path, doc.pos(path), "S101", f"required field {name!r} is missing", (*path, name)
                    )
                )
        elif kind == "additionalProperties":
            allowed = list(error.schema.get("properties", {}))
            for name in [k for k in error.instance if k not in allowed]:
                hinted += 1
                tail = did_you_mean(suggest(str(name), allowed, n=1) if hinted <= _HINTS else [], quote=True)
                out.append(
                    Diagnostic.make(
                        doc.path,
                        doc.pos((*path, name), key=True),
                        "S102",
                        f"unknown field {name!r}{tail}",
                        (*path, name),
                    )
                )
        elif kind == "enum":
            hinted += 1
            hint = suggest(str(error.instance), [str(v) for v in value]) if hinted <= _HINTS else []
            listed = f"use one of: {', '.join(map(str, value[:12]))}{', ...' if len(value) > 12 else ''}"
            tail = did_you_mean(hint, quote=True, otherwise=listed)
            out.append(
                Diagnostic.make(
                    doc.path,
                    doc.pos(path),
                    "S104",
                    f"{error.instance!r} is not a known term{tail}",
                    path,
                    hint,
                )
            )
        elif kind == "type":
            expected = " or ".join(value) if isinstance(value, list) else value
            out.append(
                Diagnostic.make(
                    doc.path,
                    doc.pos(path),
                    "S103",
                    f"expected {expected}, found {_type_name(error.instance)}{_boolean_hint(expected, error.instance)}",
                    path,
                )
            )
        elif kind == "pattern":
            out.append(
                Diagnostic.make(
                    doc.path, doc.pos(path), "S105", f"{error.instance!r} is not {_pattern_hint(value)}", path
                )
            )
        elif kind in ("minItems", "maxItems", "minLength", "maxLength", "minProperties"):
            out.append(Diagnostic.make(doc.path, doc.pos(path), "S106", _size_message(kind, value), path))
        elif kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            out.append(
                Diagnostic.make(
                    doc.path,
                    doc.pos(path),
                    "S107",
                    f"{error.instance!r} is out of range ({kind} {value})",
                    path,
                )
            )
        else:
            out.append(Diagnostic.make(doc.path, doc.pos(path), "S199", error.message, path))
    return out


def _size_message(kind: str, value: int) -> str:
    return {
        "minItems": f"needs at least {value} item{'s' if value != 1 else ''}",
        "maxItems": f"allows at most {value} items",
        "minLength": "must not be empty" if value == 1 else f"needs at least {value} characters",
        "maxLength": f"allows at most {value} characters",
    }.get(kind, f"{kind} {value}")
