"""Writing YAML for people: block style, keys in model order, text kept as UTF-8."""

from __future__ import annotations

import functools
import io
import re
from typing import Any

__all__ = ["dump_yaml", "needs_quotes"]

_DATE_START = re.compile(r"^[0-9]{4}-[0-9]{2}")


@functools.cache
def _yaml11_resolver() -> Any:
    import yaml

    return yaml.resolver.Resolver()


def needs_quotes(value: str) -> bool:
    """True for text that must be quoted to read back as the same string everywhere.

    That is text starting with a date (or ``../``, an open-start date window), single words starting with a digit (clause numbers:
    ``'2.6(1)'``), and strings a YAML 1.1 reader (PyYAML, many editors) would take for
    something else (``NO``, ``yes``, ``1:30``), so that Norway's ``NO`` stays a string.
    """
    import yaml

    if (
        _DATE_START.match(value)
        or value.startswith("../")
        or (value[:1].isdigit() and not any(c.isspace() for c in value))
    ):
        return True
    if value.lower() in ("y", "n"):  # booleans in YAML 1.1 itself, though not to PyYAML
        return True
    tag = _yaml11_resolver().resolve(yaml.ScalarNode, value, (True, False))
    return bool(tag != "tag:yaml.org,2002:str")


def _represent_str(representer: Any, value: str) -> Any:
    style = "'" if needs_quotes(value) else None
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
