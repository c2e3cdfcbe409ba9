"""Safe YAML loading that keeps the position of every node and never runs code.

The file is parsed by libyaml (through PyYAML's C parser) into a stream of events, and this
module builds plain Python data from the events itself. That gives, in one fast pass:

* YAML 1.2 core-schema scalars (``NO`` stays a string, dates stay strings);
* no tags beyond plain data, so ``!!python/object`` is refused, never constructed;
* duplicate keys reported, not silently overwritten;
* depth and alias-expansion limits, so deep nesting and "billion laughs" fail fast;
* a position (line, column, 1-based) for every value and every key, keyed by field path.

Problems are returned as :class:`~mineralpacts.diagnostics.Diagnostic` values; nothing here
raises on bad data.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mineralpacts.diagnostics import Diagnostic

__all__ = ["Document", "Limits", "Pos", "decode_bytes", "load_path", "load_text", "parse_bytes"]

Pos = tuple[int, int]
FieldPath = tuple[str | int, ...]

# libyaml is bundled with PyYAML's wheels; the pure-Python parser is the fallback.
try:
    from yaml.cyaml import CParser as _CParser  # type: ignore[attr-defined]

    _Parser: Any = _CParser
except ImportError:  # pragma: no cover - depends on the platform's wheel
    _Parser = yaml.loader.Loader


@dataclass(frozen=True)
class Limits:
    """Bounds that keep hostile files cheap to reject."""

    max_bytes: int = 1_000_000
    max_depth: int = 64
    max_nodes: int = 200_000
    max_scalar: int = 100_000


DEFAULT_LIMITS = Limits()

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "map", "seq")}
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(inf|Inf|INF)$")
_NAN = re.compile(r"^\.(nan|NaN|NAN)$")
# YAML 1.1 booleans that YAML 1.2 reads as strings (true and false are booleans in both).
_YAML11_BOOL = frozenset({"yes", "no", "on", "off", "y", "n"})
# A plain scalar that resolves to anything but text (null, bool, number) starts with one of these.
_NOT_TEXT = frozenset("~nNtTfF0123456789+-.")


@dataclass
class Document:
    """One YAML file: its data, where every node sits, and what was wrong with it."""

    path: str
    data: Any = None
    positions: dict[FieldPath, Pos] = field(default_factory=dict)
    key_positions: dict[FieldPath, Pos] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    text: str = ""

    @property
    def ok(self) -> bool:
        """True when the file loaded with no error."""
        return not any(d.severity == "error" for d in self.diagnostics)

    def pos(self, path: FieldPath, key: bool = False) -> Pos:
        """Position of the node at ``path`` (of its key with ``key=True``), else of its nearest ancestor."""
        path = tuple(path)
        if key and path in self.key_positions:
            return self.key_positions[path]
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))

    def error(
        self, pos: Pos, code: str, message: str, path: FieldPath = (), hints: tuple[str, ...] = ()
    ) -> None:
        """Record a diagnostic at ``pos``."""
        self.diagnostics.append(Diagnostic.make(self.path, pos, code, message, path, hints))


def _scalar(value: str, tag: str | None, plain: bool) -> Any:
    """Resolve a scalar the YAML 1.2 core-schema way (no YAML 1.1 yes/no/on/off, no timestamps)."""
    if tag not in (None, "!"):
        kind = tag.removeprefix(_CORE)
        if kind == "str":
            return value
        if kind == "null":
            return None
        if kind == "bool":
            return _BOOL.get(value, value)
        if kind == "int":
            return int(value, 0) if _OCT.match(value) or _HEX.match(value) else int(value)
        if kind == "float":
            return float(value)
    if not plain or (value and value[0] not in _NOT_TEXT):
        return value
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _OCT.match(value):
        return int(value[2:], 8)
    if _HEX.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value) and any(c.isdigit() for c in value):
        return float(value)
    if _INF.match(value):
        return float("-inf") if value.startswith("-") else float("inf")
    if _NAN.match(value):
        return float("nan")
    return value


def _pos(mark: Any) -> Pos:
    return (mark.line + 1, mark.column + 1)


class _Builder:
    """Turns libyaml events into data plus positions, checking the safe-load rules."""

    def __init__(self, doc: Document, limits: Limits) -> None:
        self.doc = doc
        self.limits = limits
        self.nodes = 0
        self.anchors: dict[str, tuple[Any, int]] = {}

    def _tag_ok(self, tag: str | None, pos: Pos, path: FieldPath) -> bool:
        if tag in (None, "!") or tag in _ALLOWED_TAGS:
            return True
        self.doc.error(pos, "Y012", f"tag {tag!r} is not allowed; write plain YAML data", path)
        return False

    def _count(self, n: int, pos: Pos) -> None:
        self.nodes += n
        if self.nodes > self.limits.max_nodes:
            raise _Stop(pos, "Y014", f"the document expands to more than {self.limits.max_nodes} nodes")

    def build(self, events: Any) -> Any:
        """Consume events for one document and return its data."""
        # Each frame: [container, path, pending_key, key_pos, seen_keys, size, anchor]
        stack: list[list[Any]] = []
        root: Any = None
        root_set = False

        for event in events:
            kind = type(event).__name__
            if kind in ("StreamStartEvent", "DocumentStartEvent", "DocumentEndEvent", "StreamEndEvent"):
                if kind == "DocumentStartEvent" and root_set:
                    raise _Stop(_pos(event.start_mark), "Y015", "only one YAML document is allowed per file")
                continue
            if kind in ("SequenceEndEvent", "MappingEndEvent"):
                frame = stack.pop()
                value, size, anchor = frame[0], frame[5], frame[6]
                if anchor:
                    self.anchors[anchor] = (value, size)
                root, root_set = self._attach(stack, value, size, root, root_set)
                continue

            pos = _pos(event.start_mark)
            path = self._child_path(stack)
            if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY:
                self._key(stack[-1], event, kind, pos)
                continue

            if kind == "AliasEvent":
                if event.anchor not in self.anchors:
                    raise _Stop(pos, "Y010", f"alias *{event.anchor} refers to no anchor defined before it")
                value, size = self.anchors[event.anchor]
                self._count(size, pos)
                self.doc.positions.setdefault(path, pos)
                root, root_set = self._attach(stack, value, size, root, root_set)
                continue

            self._count(1, pos)
            self.doc.positions[path] = pos
            tag_ok = self._tag_ok(event.tag, pos, path)
            if kind == "ScalarEvent":
                value = self._value(event.value, event.tag, event.implicit[0], tag_ok, pos, path)
                if event.anchor:
                    self.anchors[event.anchor] = (value, 1)
                root, root_set = self._attach(stack, value, 1, root, root_set)
                continue

            if len(stack) >= self.limits.max_depth:
                raise _Stop(pos, "Y013", f"nesting is deeper than {self.limits.max_depth} levels")
            container: Any = {} if kind == "MappingStartEvent" else []
            stack.append([container, path, _NO_KEY, pos, set(), 1, event.anchor])
        return root

    def _value(self, text: str, tag: str | None, plain: bool, tag_ok: bool, pos: Pos, path: FieldPath) -> Any:
        """A scalar value: too long (Y018), of a refused tag (already reported), or resolved, with
        a warning when YAML 1.1 readers would take it for a boolean (Y019)."""
        if len(text) > self.limits.max_scalar:
            message = f"value is {len(text):,} characters long; the limit is {self.limits.max_scalar:,}"
            self.doc.error(pos, "Y018", message, path)
            return None
        if not tag_ok:
            return None
        value = _scalar(text, tag, plain)
        if plain and tag is None and text.lower() in _YAML11_BOOL:
            self._yaml11_bool(text, pos, path, key=False)
        return value

    def _child_path(self, stack: list[list[Any]]) -> FieldPath:
        if not stack:
            return ()
        frame = stack[-1]
        if isinstance(frame[0], dict):
            key = frame[2]
            return (*frame[1], key if key is not _NO_KEY else "")
        return (*frame[1], len(frame[0]))

    def _key(self, frame: list[Any], event: Any, kind: str, pos: Pos) -> None:
        path = frame[1]
        if kind != "ScalarEvent":
            raise _Stop(pos, "Y017", "mapping keys must be plain scalars", path)
        key = event.value if not event.implicit[0] else _scalar(event.value, event.tag, True)
        if not isinstance(key, str):
            key = event.value
        elif event.implicit[0] and event.tag is None and key.lower() in _YAML11_BOOL:
            self._yaml11_bool(key, pos, (*path, key), key=True)
        if key in frame[4]:
            first = self.doc.key_positions.get((*path, key), pos)
            self.doc.error(pos, "Y011", f"duplicate key {key!r} (first at line {first[0]})", (*path, key))
            key = _Dup(key)
        else:
            frame[4].add(key)
            self.doc.key_positions[(*path, key)] = pos
        frame[2] = key

    def _yaml11_bool(self, text: str, pos: Pos, path: FieldPath, key: bool) -> None:
        """``NO`` (Norway), ``on:``: strings here, booleans to PyYAML and other YAML 1.1 readers."""
        boolean = "true" if text.lower() in ("yes", "on", "y") else "false"
        remedy = f"write '{text}' in quotes"
        if not key:
            remedy += f" for the word, {boolean} for the boolean"
        self.doc.error(
            pos,
            "Y019",
            f"unquoted {'key' if key else 'value'} {text} is text here but the boolean {boolean} to YAML 1.1 "
            f"readers (PyYAML, most scripts): {remedy}",
            path,
        )

    def _attach(
        self, stack: list[list[Any]], value: Any, size: int, root: Any, root_set: bool
    ) -> tuple[Any, bool]:
        if not stack:
            return value, True
        frame = stack[-1]
        frame[5] += size
        container = frame[0]
        if isinstance(container, dict):
            key = frame[2]
            if not isinstance(key, _Dup):
                container[key] = value
            frame[2] = _NO_KEY
        else:
            container.append(value)
        return root, root_set


class _Dup(str):
    """A duplicate key: its value is parsed (to find errors in it) but not kept."""


_NO_KEY: Any = object()


class _Stop(Exception):
    def __init__(self, pos: Pos, code: str, message: str, path: FieldPath = ()) -> None:
        super().__init__(message)
        self.pos, self.code, self.message, self.path = pos, code, message, path


def _events(text: str) -> Any:
    parser = _Parser(text)
    try:
        while parser.check_event():
            yield parser.get_event()
    finally:
        parser.dispose()


def load_text(text: str, path: str = "<string>", limits: Limits = DEFAULT_LIMITS) -> Document:
    """Parse YAML ``text`` into a :class:`Document`; problems become diagnostics."""
    doc = Document(path=path, text=text)
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        doc.error((1, 1), "Y005", "file is empty: an agreement file is a YAML mapping")
        return doc
    try:
        doc.data = _Builder(doc, limits).build(_events(text))
    except _Stop as stop:
        doc.error(stop.pos, stop.code, stop.message, stop.path)
        doc.data = None
        return doc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = _pos(mark) if mark is not None else (1, 1)
        message = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        code = "Y013" if "nesting depth" in message else "Y010"  # libyaml's own depth limit
        doc.error(pos, code, message or "invalid YAML")
        doc.data = None
        return doc
    except yaml.YAMLError as exc:  # reader errors (control characters) carry no line
        doc.error(_offset_pos(text, getattr(exc, "position", 0)), "Y010", _reader_message(exc))
        doc.data = None
        return doc
    except RecursionError:
        doc.error((1, 1), "Y013", "nesting is too deep to load")
        doc.data = None
        return doc
    if not isinstance(doc.data, dict):
        found = type(doc.data).__name__ if doc.data is not None else "nothing"
        doc.error(doc.pos(()), "Y016", f"the top level must be a mapping of fields, found {found}")
    return doc


def _reader_message(exc: yaml.YAMLError) -> str:
    char = getattr(exc, "character", None)
    if char is not None:
        code = ord(char) if isinstance(char, str) else int(char)
        return f"character U+{code:04X} is not allowed in YAML"
    return str(exc).splitlines()[0]


def _offset_pos(text: str, offset: int) -> Pos:
    before = text[:offset]
    line = before.count("\n") + 1
    return (line, offset - (before.rfind("\n") + 1) + 1)


def parse_bytes(raw: bytes, path: str, limits: Limits = DEFAULT_LIMITS, size: int | None = None) -> Document:
    """Check the raw bytes of a file (size, binary, UTF-8), then parse them as YAML.

    ``size`` is the file's size on disk when ``raw`` holds only its first bytes (so that a large
    file is never read whole); the default is ``len(raw)``.
    """
    text = decode_bytes(raw, path, limits, size)
    return text if isinstance(text, Document) else load_text(text, path, limits)


def decode_bytes(
    raw: bytes, path: str, limits: Limits = DEFAULT_LIMITS, size: int | None = None
) -> str | Document:
    """The text of a file's bytes, or a :class:`Document` holding the diagnostic that stops it
    from being read as YAML text: too large (Y002), binary (Y003), not UTF-8 (Y004)."""
    size = len(raw) if size is None else max(size, len(raw))
    if size > limits.max_bytes:
        doc = Document(path=path)
        doc.error(
            (1, 1), "Y002", f"file is {size:,} bytes; agreement files are limited to {limits.max_bytes:,}"
        )
        return doc
    if b"\x00" in raw:
        doc = Document(path=path)
        offset = raw.index(b"\x00")
        doc.error(_byte_pos(raw, offset), "Y003", "file contains NUL bytes: it is binary, not YAML text")
        return doc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        doc = Document(path=path)
        doc.error(
            _byte_pos(raw, exc.start),
            "Y004",
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; save the file as UTF-8",
        )
        return doc


def _byte_pos(raw: bytes, offset: int) -> Pos:
    before = raw[:offset]
    return (before.count(b"\n") + 1, offset - (before.rfind(b"\n") + 1) + 1)


def load_path(path: str | Path, limits: Limits = DEFAULT_LIMITS, display: str | None = None) -> Document:
    """Read and parse one file; an unreadable file becomes a ``Y001`` diagnostic."""
    shown = display if display is not None else str(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(limits.max_bytes + 1)
            # Only the first bytes of a large file are read; its size comes from the file system.
            size = os.fstat(fh.fileno()).st_size if len(raw) > limits.max_bytes else len(raw)
    except OSError as exc:
        doc = Document(path=shown)
        doc.error((1, 1), "Y001", f"cannot read file: {exc.strerror or exc}")
        return doc
    return parse_bytes(raw, shown, limits, size)
