"""``pacts fmt``: one canonical layout for agreement files, keeping every comment and every value.

The layout:

* the schema modeline (:data:`~mineralpacts.model.schema.MODELINE`, or its relative form) on line 1;
* keys in the order of the model's fields, at every depth (unknown keys last, as written);
* two-space indentation, sequences indented under their key (``parties:\\n  - code: GB``);
* lists of plain values in flow style (``languages: [en, ja]``) unless an item carries a comment;
* dates, and any string a YAML 1.1 reader would take for something else (``NO``, ``yes``,
  ``1:30``), in single quotes; folded and literal block strings kept as block strings;
* no blank lines; ``null`` spelled out.

The values are those :func:`mineralpacts.files.load.load_text` reads, and the output is read back and
compared before anything is written: formatting never changes a value. Comments are found in
the source text and attached to the entry that follows them (a full-line comment) or the entry
on their line (an end-of-line comment), so they move with their key when keys are reordered.
ruamel.yaml's round-trip emitter writes the result.
"""

from __future__ import annotations

import bisect
import functools
import io
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from mineralpacts.diagnostics import Diagnostic
from mineralpacts.errors import DataError
from mineralpacts.files.load import Document, decode_bytes, load_text
from mineralpacts.files.yamlio import needs_quotes
from mineralpacts.model.agreement import Agreement, field_keys, submodel
from mineralpacts.model.schema import MODELINE, modeline, modeline_target, schema_target

__all__ = ["MODELINE", "FormatResult", "format_paths", "format_text"]

#: The editor modeline every agreement file starts with (schema path relative to agreements/).
_MODELINE_RE = re.compile(r"^#\s*yaml-language-server:")

FieldPath = tuple[str | int, ...]


# ------------------------------------------------------------------ reading the source


@dataclass
class _Source:
    """What the formatter needs from the source text besides its data."""

    entries: list[tuple[int, int, FieldPath]] = field(default_factory=list)  # (offset, depth, path)
    spans: list[tuple[int, int]] = field(default_factory=list)  # text inside scalars
    blocks: dict[FieldPath, tuple[str, int, int]] = field(default_factory=dict)  # style, content span
    modeline: str | None = None
    header: list[str] = field(default_factory=list)
    trailer: list[str] = field(default_factory=list)
    before: dict[FieldPath, list[str]] = field(default_factory=dict)
    eol: dict[FieldPath, str] = field(default_factory=dict)


def _parser(text: str) -> Any:
    import yaml

    parser = getattr(yaml, "CBaseLoader", None)  # libyaml when the wheel has it; pure Python otherwise
    return parser(text) if parser is not None else yaml.loader.Loader(text)


def _scan(text: str) -> _Source:
    """Walk the YAML events once: where entries start, where scalars lie, which are block strings."""
    src = _Source()
    starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def offset(mark: Any) -> int:
        return starts[mark.line] + mark.column if mark.line < len(starts) else len(text)

    # frame: [is_map, path, flow, expecting_key, key, index]
    stack: list[list[Any]] = []
    parser = _parser(text)
    try:
        while parser.check_event():
            event = parser.get_event()
            kind = type(event).__name__
            if kind in ("MappingEndEvent", "SequenceEndEvent"):
                stack.pop()
                _advance(stack)
                continue
            if kind not in ("ScalarEvent", "AliasEvent", "MappingStartEvent", "SequenceStartEvent"):
                continue
            start = offset(event.start_mark)
            in_flow = any(f[2] for f in stack)
            if kind == "ScalarEvent":
                style = event.style or ""
                if style in ("|", ">"):
                    header_end = (
                        starts[event.start_mark.line + 1]
                        if event.start_mark.line + 1 < len(starts)
                        else start
                    )
                    src.spans.append((header_end, offset(event.end_mark)))
                    block = (style, header_end, offset(event.end_mark))
                else:
                    src.spans.append((start, offset(event.end_mark)))
            top = stack[-1] if stack else None
            if top is not None and top[0] and top[3]:  # a mapping key
                top[4], top[3] = event.value, False
                if not in_flow:
                    path = (*top[1], event.value)
                    src.entries.append((start, len(path), path))
                continue
            path = () if top is None else (*top[1], top[4] if top[0] else top[5])
            if top is not None and not top[0] and not in_flow:
                src.entries.append((start, len(path), path))
            if kind == "ScalarEvent" and (event.style or "") in ("|", ">"):
                src.blocks[path] = block
            if kind in ("MappingStartEvent", "SequenceStartEvent"):
                stack.append([kind == "MappingStartEvent", path, bool(event.flow_style), True, None, 0])
            else:
                _advance(stack)
    finally:
        if hasattr(parser, "dispose"):
            parser.dispose()
    src.entries.sort(key=lambda e: (e[0], e[1]))
    src.spans.sort()
    _attach_comments(text, starts, src)
    return src


def _advance(stack: list[list[Any]]) -> None:
    """After a value: a mapping expects its next key, a sequence its next item."""
    if stack:
        top = stack[-1]
        if top[0]:
            top[3] = True
        else:
            top[5] += 1


def _comments(text: str, starts: list[int], spans: list[tuple[int, int]]) -> Iterator[tuple[int, str, bool]]:
    """Yield (offset, comment text, full_line) for every comment outside scalars."""
    span_starts = [s for s, _ in spans]
    for i, line_start in enumerate(starts):
        line_end = starts[i + 1] - 1 if i + 1 < len(starts) else len(text)
        line = text[line_start:line_end]
        pos = line.find("#")
        while pos != -1:
            at = line_start + pos
            if pos == 0 or line[pos - 1] in " \t":
                k = bisect.bisect_right(span_starts, at) - 1
                if k < 0 or not (spans[k][0] <= at < spans[k][1]):
                    yield at, line[pos:].rstrip(), not line[:pos].strip()
                    break
            pos = line.find("#", pos + 1)


def _attach_comments(text: str, starts: list[int], src: _Source) -> None:
    """Give each comment an owner: the next entry (full-line) or the entry on its line (end-of-line)."""
    offsets = [e[0] for e in src.entries]
    first = src.entries[0][0] if src.entries else len(text)
    for at, comment, full_line in _comments(text, starts, src.spans):
        if full_line and _MODELINE_RE.match(comment):
            if src.modeline is None:
                src.modeline = comment
            continue
        if at < first:
            src.header.append(comment)
        elif full_line:
            k = bisect.bisect_right(offsets, at)
            if k == len(offsets):
                src.trailer.append(comment)
            else:
                src.before.setdefault(src.entries[k][2], []).append(comment)
        else:
            k = bisect.bisect_left(offsets, at) - 1
            path = src.entries[k][2]
            if path in src.eol:
                src.before.setdefault(path, []).append(comment)
            else:
                src.eol[path] = comment


# ------------------------------------------------------------------ building the output tree


@functools.cache
def _fields(model: type[BaseModel]) -> dict[str, type[BaseModel] | None]:
    """The model's field names in order, each with the model class of its value (if any)."""
    return {key: submodel(info.annotation) for key, info in field_keys(model).items()}


_WORD = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")


def _is_word(value: Any) -> bool:
    """True for the values a flow list shows well: numbers and short strings without spaces."""
    if isinstance(value, str):
        return len(value) <= 40 and bool(_WORD.match(value))
    return not isinstance(value, dict | list)


class _Builder:
    """Turns loaded data plus the source's comments and styles into ruamel.yaml nodes."""

    def __init__(self, src: _Source, text: str) -> None:
        self.src = src
        self.text = text

    def scalar(self, value: Any, path: FieldPath) -> Any:
        from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString, SingleQuotedScalarString

        if not isinstance(value, str):
            return value
        style, start, end = self.src.blocks.get(path, ("", 0, 0))
        if style == "|" and "\n" in value.rstrip("\n"):
            return LiteralScalarString(value)
        if style == ">":
            folded = FoldedScalarString(value)
            folds = _fold_positions(self.text[start:end], value)
            if folds:
                folded.fold_pos = folds
            return folded
        if style == "|":
            return LiteralScalarString(value)
        return SingleQuotedScalarString(value) if needs_quotes(value) else value

    def node(self, value: Any, path: FieldPath, model: type[BaseModel] | None) -> Any:
        if isinstance(value, dict):
            return self.mapping(value, path, model)
        if isinstance(value, list):
            return self.sequence(value, path, model)
        return self.scalar(value, path)

    def mapping(self, data: dict[str, Any], path: FieldPath, model: type[BaseModel] | None) -> Any:
        from ruamel.yaml.comments import CommentedMap
        from ruamel.yaml.scalarstring import SingleQuotedScalarString

        fields = _fields(model) if model is not None else {}
        known = [k for k in fields if k in data]
        keys = known + [k for k in data if k not in fields]
        out = CommentedMap()
        for key in keys:
            # Field names are fixed by the model (``on`` included); only free keys get quoted.
            shown = SingleQuotedScalarString(key) if key not in fields and needs_quotes(key) else key
            out[shown] = self.node(data[key], (*path, key), fields.get(key))
            self.comment(out, shown, (*path, key), out[shown])
        if not data:
            out.fa.set_flow_style()
        return out

    def sequence(self, data: list[Any], path: FieldPath, model: type[BaseModel] | None) -> Any:
        from ruamel.yaml.comments import CommentedSeq

        out = CommentedSeq(self.node(v, (*path, i), model) for i, v in enumerate(data))
        commented = any((*path, i) in self.src.before or (*path, i) in self.src.eol for i in range(len(data)))
        if not data or (all(_is_word(v) for v in data) and not commented):
            out.fa.set_flow_style()
        for i in range(len(data)):
            self.comment(out, i, (*path, i), out[i])
        return out

    def comment(self, container: Any, key: Any, path: FieldPath, value: Any) -> None:
        """Attach the source comments of ``path`` to ``key`` of ``container``."""
        from ruamel.yaml.error import CommentMark
        from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
        from ruamel.yaml.tokens import CommentToken

        before = list(self.src.before.get(path, ()))
        eol = self.src.eol.get(path)
        # An end-of-line comment cannot follow a block string or sit on a bare "- " line.
        if eol is not None and (
            isinstance(value, FoldedScalarString | LiteralScalarString)
            or (isinstance(key, int) and isinstance(value, dict | list) and value)
        ):
            before.append(eol)
            eol = None
        if before:
            item = container.ca.items.setdefault(key, [None, [], None, None])
            if item[1] is None:
                item[1] = []
            mark = CommentMark(_indent(path))
            item[1].extend(CommentToken(c + "\n", mark) for c in before)
        if eol is not None:
            # Two spaces before an end-of-line comment: the emitter adds one to the one given here.
            slot = 2 if isinstance(container, dict) else 0
            item = container.ca.items.setdefault(key, [None, None, None, None])
            item[slot] = CommentToken(" " + eol, CommentMark(0))


def _indent(path: FieldPath) -> int:
    """The output column of the entry at ``path``: every level, mapping or sequence, adds two."""
    return 2 * (len(path) - 1)


def _fold_positions(source: str, value: str) -> list[int]:
    """Where the source of a folded string broke its lines, as indices of spaces in ``value``.

    Worked out by folding the source lines again (YAML's rules: a break between two lines of
    text is a space, empty lines are newlines, more-indented lines keep their breaks); when
    that does not give back ``value`` exactly, no positions are returned and the text is
    written unbroken, which reads back the same.
    """
    lines = source.split("\n")
    widths = [len(ln) - len(ln.lstrip(" ")) for ln in lines if ln.strip()]
    if not widths:
        return []
    indent = min(widths)
    out, folds = "", []
    empty, previous_more = 0, False
    for raw in lines:
        if not raw.strip():
            empty += 1
            continue
        line = raw[indent:]
        more = line[:1] in (" ", "\t")
        if out or empty:
            if previous_more or more:
                out += "\n" * (empty + 1)
            elif empty:
                out += "\n" * empty
            else:
                folds.append(len(out))
                out += " "
        out += line
        empty, previous_more = 0, more
    return folds if out == value.rstrip("\n") else []


def _dump(tree: Any) -> str:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 1_000_000
    yaml.allow_unicode = True
    yaml.representer.add_representer(
        type(None), lambda rep, _value: rep.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue()


def _moved(src: _Source, moved: dict[FieldPath, FieldPath]) -> None:
    """Let comments and block styles follow keys that a migration renamed."""

    def rename(path: FieldPath) -> FieldPath:
        for old, new in moved.items():
            if path[: len(old)] == old:
                return new + path[len(old) :]
        return path

    src.before = {rename(k): v for k, v in src.before.items()}
    src.eol = {rename(k): v for k, v in src.eol.items()}
    src.blocks = {rename(k): v for k, v in src.blocks.items()}


def _modeline(found: str | None, path: str) -> str:
    """The file's modeline, written one way; a file without one gets the one for where it lives."""
    if found:  # respaced when it names a schema; another yaml-language-server comment is kept
        return modeline(target) if (target := modeline_target(found)) else found
    return modeline(schema_target(path)) if os.path.isfile(path) else MODELINE


def format_text(text: str, path: str = "<string>", migrate: bool = False) -> str:
    """Return ``text`` in the canonical layout; with ``migrate``, also in the current file format.

    The migration (:func:`mineralpacts.model.legacy.migrate`) renames format-version-1 keys
    (``term.commencement.on`` -> ``from``, ``term.notice_days`` -> ``term.notice.days``), comments
    moving with them. Raises :class:`~mineralpacts.errors.DataError` when the text is not loadable
    YAML (fix it with ``pacts validate`` first) or, as a safety net, when the result would not
    read back to the same data.
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    doc = load_text(text, path)
    if not doc.ok:
        first = next(d for d in doc.diagnostics if d.severity == "error")
        raise DataError(f"cannot format {first}; fix it first (pacts validate)")
    src = _scan(text)
    data = doc.data
    if migrate:
        from mineralpacts.model.legacy import migrate as to_current

        data, moved = to_current(data)
        _moved(src, moved)
    builder = _Builder(src, text)
    body = _dump(builder.mapping(data, (), Agreement))
    lines = [_modeline(src.modeline, path), *src.header]
    result = "\n".join(lines) + "\n" + body + "".join(c + "\n" for c in src.trailer)
    check = load_text(result, path)
    if not check.ok or check.data != data:
        raise DataError(
            f"{path}: formatting would change the data, so the file was left as it was (please report this)"
        )
    return result


# ------------------------------------------------------------------ files


@dataclass(frozen=True)
class FormatResult:
    """What happened to one file: changed (or would change, under ``check``), or why it was skipped."""

    path: Path
    changed: bool = False
    error: str | None = None


def format_paths(
    paths: Iterable[str | os.PathLike[str]], check: bool = False, migrate: bool = False
) -> list[FormatResult]:
    """Format every agreement file under ``paths`` in place (atomically); with ``check``, write nothing.

    With ``migrate``, format-version-1 keys are rewritten to the current format as well.

    A file that cannot be formatted is left untouched and reported with its error.
    """
    from mineralpacts.files.atomic import atomic_write_bytes
    from mineralpacts.files.discover import expand_paths

    results: list[FormatResult] = []
    for path in expand_paths(list(paths)):
        # The loader's own checks, so fmt and validate describe a file that cannot be read alike.
        try:
            raw = path.read_bytes()
        except OSError as exc:
            unread = Diagnostic.make(str(path), (1, 1), "Y001", f"cannot read file: {exc.strerror or exc}")
            results.append(FormatResult(path, error=f"cannot format {unread}"))
            continue
        text = decode_bytes(raw, str(path))
        if isinstance(text, Document):
            problem = f"cannot format {text.diagnostics[0]}; fix it first (pacts validate)"
            results.append(FormatResult(path, error=problem))
            continue
        try:
            new = format_text(text, str(path), migrate=migrate)
        except DataError as exc:
            results.append(FormatResult(path, error=str(exc)))
            continue
        changed = new.encode("utf-8") != raw
        if changed and not check:
            atomic_write_bytes(path, new.encode("utf-8"))
        results.append(FormatResult(path, changed=changed))
    return results
