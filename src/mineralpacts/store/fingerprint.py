"""Where the caches live, and the fingerprint of the code that decides a file's outcome."""

from __future__ import annotations

import hashlib
import os
from importlib import util as importlib_util
from pathlib import Path

__all__ = ["FINGERPRINT_SOURCES", "STORE_LAYOUT", "cache_home", "fingerprint"]

#: The layout of the store's SQLite file; part of the fingerprint, so another layout is rebuilt.
STORE_LAYOUT = "2"
#: The parts of the package whose code decides a file's outcome, relative to the package.
FINGERPRINT_SOURCES = ("model", "files/load.py", "check", "diagnostics.py", "data")


def cache_home() -> Path:
    """The folder of mineralpacts' caches: ``$XDG_CACHE_HOME/mineralpacts`` (``~/.cache`` by default)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mineralpacts"


def _package_root() -> Path:
    return Path(__file__).resolve().parents[1]


def _version_of(module: str, filename: str) -> bytes:
    """The bytes of a dependency's version file, found without importing the dependency."""
    spec = importlib_util.find_spec(module)
    if spec is None or not spec.origin:
        return b""
    try:
        return (Path(spec.origin).parent / filename).read_bytes()
    except OSError:
        return b""


def fingerprint(root: Path | None = None) -> str:
    """A hash of everything a file's outcome depends on besides its bytes and the day.

    That is the model (so its JSON Schema), the vocabularies, the loader, the rules and the
    diagnostic catalogue (the source of :data:`FINGERPRINT_SOURCES`), the package version, and
    the pydantic and PyYAML versions the schema and the parser come from. Hashing the sources
    rather than the generated schema keeps it cheap enough for every start-up (about a
    millisecond), and is stricter: a change to a rule's wording invalidates the rows too.
    """
    from mineralpacts import __version__

    base = root or _package_root()
    digest = hashlib.blake2b(digest_size=16)
    for part in (STORE_LAYOUT, __version__):
        digest.update(part.encode() + b"\0")
    digest.update(_version_of("pydantic", "version.py") + b"\0")
    digest.update(_version_of("yaml", "__init__.py") + b"\0")
    for source in FINGERPRINT_SOURCES:
        path = base / source
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for f in files:
            if f.is_file() and f.suffix in (".py", ".yaml", ".json") and "__pycache__" not in f.parts:
                digest.update(str(f.relative_to(base)).encode() + b"\0" + f.read_bytes() + b"\0")
    return digest.hexdigest()
