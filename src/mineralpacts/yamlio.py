"""Writing YAML for people: block style, keys in model order, text kept as UTF-8."""

from __future__ import annotations

import io
from typing import Any

__all__ = ["YAML11_AMBIGUOUS", "dump_yaml"]

#: Plain scalars that YAML 1.1 readers (PyYAML, many editors) would turn into booleans or null:
#: always quoted on output so that ``NO`` (Norway) stays a string everywhere.
YAML11_AMBIGUOUS = frozenset(
    w
    for word in ("y", "yes", "n", "no", "on", "off", "true", "false", "null", "~")
    for w in (word, word.upper(), word.capitalize())
)


def _represent_str(representer: Any, value: str) -> Any:
    style = "'" if value in YAML11_AMBIGUOUS else None
    return representer.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def dump_yaml(data: Any) -> str:
    """Dump plain data (dicts, lists, scalars) as block-style YAML 1.2 text."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]  # keep keys in order
    yaml.width = 100
    yaml.representer.add_representer(str, _represent_str)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()
