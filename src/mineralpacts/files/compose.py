"""The fast way to the same :class:`~mineralpacts.files.load.Document`: libyaml's C composer,
then one walk over its nodes.

:func:`mineralpacts.files.load.load_text` builds data from libyaml's events one by one in
Python. Here libyaml composes the whole node tree in C and a walk over the nodes applies the
very same rules (YAML 1.2 scalars, allowed tags, duplicate keys, depth, node and scalar limits)
and records the same positions: about 40% less time per file, which the bulk runs (``pacts
validate``, the store) use. The walk is taken only where its result is certain to be identical;
otherwise the event builder runs:

* a document with an anchor (``&``): the composer shares aliased nodes and loses the alias's
  own position;
* anything the composer raises (a syntax error, several documents, an undefined alias): the
  event builder reports the diagnostics found before the error, as the walk cannot;
* a text that could nest deeper than the C stack bears (the composer recurses in C, and
  crashes the process on a hostile file thousands of levels deep): a cheap bound on the depth
  (twice the longest line, plus the brackets) must stay under :data:`SAFE_DEPTH`.

``tests/unit/test_compose.py`` compares both on every real file, every case, generated and
mutated files and the hostile inputs of the loader's tests.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import ScalarNode, SequenceNode

from mineralpacts.files.load import (
    DEFAULT_LIMITS,
    Document,
    FieldPath,
    Limits,
    _Builder,
    _Dup,
    _Stop,
    load_text,
)

__all__ = ["SAFE_DEPTH", "load_composed"]

#: The deepest nesting the C composer is given (a few hundred bytes of C stack per level).
SAFE_DEPTH = 1000
# What resolve() leaves on nodes without an explicit tag: plain or quoted scalar, collection.
_PLAIN, _QUOTED, _COLLECTION = "?plain", "?quoted", "?collection"

_CParser: Any
try:
    from yaml.cyaml import CParser as _CParser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on the platform's wheel
    _CParser = None
else:

    class _NodeParser(_CParser):  # type: ignore[misc]
        """libyaml's composer with tags left unresolved: only marked plain, quoted or collection."""

        def descend_resolver(self, parent: Any, index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            if kind is ScalarNode:
                return _PLAIN if implicit[0] else _QUOTED
            return _COLLECTION


def _shallow(text: str) -> bool:
    """True when the text cannot nest deeper than :data:`SAFE_DEPTH` (each block level takes a
    column, or two for a compact ``- `` entry; each flow level a bracket)."""
    longest = max(map(len, text.splitlines()), default=0)
    return 2 * longest + text.count("[") + text.count("{") < SAFE_DEPTH


def _compose(text: str) -> Any:
    parser = _NodeParser(text)
    try:
        return parser.get_single_node()
    finally:
        parser.dispose()


class _KeyEvent:
    """What the event builder's key rules read of a key: its text, whether plain, its tag."""

    __slots__ = ("implicit", "tag", "value")

    def __init__(self, value: str, plain: bool, tag: str | None) -> None:
        self.value, self.implicit, self.tag = value, (plain, not plain), tag


class _Walker(_Builder):
    """The event builder's rules (its own methods for values and keys), applied to composed nodes."""

    def walk(self, node: Any, path: FieldPath, depth: int) -> Any:
        mark = node.start_mark
        pos = (mark.line + 1, mark.column + 1)
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            self._count(0, pos)  # raises Y014, in the builder's words
        self.doc.positions[path] = pos
        tag = node.tag
        if type(node) is ScalarNode:
            plain = tag is _PLAIN
            if plain or tag is _QUOTED:
                return self._value(node.value, None, plain, True, pos, path)
            return self._value(node.value, tag, False, self._tag_ok(tag, pos, path), pos, path)
        if tag is not _COLLECTION:
            self._tag_ok(tag, pos, path)
        if depth >= self.limits.max_depth:
            raise _Stop(pos, "Y013", f"nesting is deeper than {self.limits.max_depth} levels")
        if type(node) is SequenceNode:
            items: list[Any] = []
            for item in node.value:
                items.append(self.walk(item, (*path, len(items)), depth + 1))
            return items
        mapping: dict[Any, Any] = {}
        # The event builder's frame: [container, path, pending key, pos, keys seen, size, anchor]
        frame: list[Any] = [mapping, path, None, pos, set(), 1, None]
        for key_node, value_node in node.value:
            kmark = key_node.start_mark
            kpos = (kmark.line + 1, kmark.column + 1)
            if type(key_node) is not ScalarNode:
                self._key(frame, None, "CollectionStartEvent", kpos)
            ktag = key_node.tag
            plain = ktag is _PLAIN
            self._key(
                frame,
                _KeyEvent(key_node.value, plain, None if plain or ktag is _QUOTED else ktag),
                "ScalarEvent",
                kpos,
            )
            key = frame[2]
            value = self.walk(value_node, (*path, key), depth + 1)
            if not isinstance(key, _Dup):
                mapping[key] = value
        return mapping


def load_composed(text: str, path: str = "<string>", limits: Limits = DEFAULT_LIMITS) -> Document:
    """The :class:`Document` that :func:`~mineralpacts.files.load.load_text` gives, found faster."""
    if _CParser is None or "&" in text or not _shallow(text):
        return load_text(text, path, limits)
    try:
        node = _compose(text)
    except (yaml.YAMLError, RecursionError):
        return load_text(text, path, limits)
    doc = Document(path=path, text=text)
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        doc.error((1, 1), "Y005", "file is empty: an agreement file is a YAML mapping")
        return doc
    try:
        doc.data = None if node is None else _Walker(doc, limits).walk(node, (), 0)
    except _Stop as stop:
        doc.error(stop.pos, stop.code, stop.message, stop.path)
        doc.data = None
        return doc
    if not isinstance(doc.data, dict):
        found = type(doc.data).__name__ if doc.data is not None else "nothing"
        doc.error(doc.pos(()), "Y016", f"the top level must be a mapping of fields, found {found}")
    return doc
