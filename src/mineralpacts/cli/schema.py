"""``pacts schema``: print or write the JSON Schema of an agreement file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mineralpacts.cli._command import PactsCommand


def schema_command(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write the schema to this file (atomically) instead of printing it."
        ),
    ] = None,
) -> None:
    """Print the JSON Schema (draft 2020-12) that every agreement file must satisfy."""
    from mineralpacts.cli._output import deliver
    from mineralpacts.model.schema import schema_text

    deliver(schema_text(), output)


def register(app: typer.Typer) -> None:
    """Add ``schema`` to the app."""
    app.command("schema", cls=PactsCommand)(schema_command)
