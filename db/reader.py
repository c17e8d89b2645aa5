"""The register as the commands that only read it see it: SQL over a connection.

A listing, a report or the unit counts are whole processes the officer waits
for; importing sqlite-utils (with dateutil, pluggy and its plugin scan) is
about 40 ms of them, twice the whole of a bare Python process that opens the
file.  Reading needs only `execute` and the connection, so the functions that
only read take a `Readable`: sqlite-utils' `Database` is one, and so is
`Reader`, a plain sqlite3 connection that `db.register.open_reader` hands to
the read-only commands.  Writing (tables, upserts, schema changes,
transactions) stays with sqlite-utils.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any, Protocol


class Readable(Protocol):
    """What a function that only reads needs of the register."""

    @property
    def conn(self) -> sqlite3.Connection: ...

    def execute(self, sql: str, parameters: Sequence | dict[str, Any] | None = None) -> sqlite3.Cursor: ...

    def close(self) -> None: ...


class Reader:
    """A register opened to read: its sqlite3 connection, with `execute` as sqlite-utils has it."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    @property
    def conn(self) -> sqlite3.Connection:
        return self._connection

    def execute(self, sql: str, parameters: Sequence | dict[str, Any] | None = None) -> sqlite3.Cursor:
        return self._connection.execute(sql, parameters) if parameters is not None else self._connection.execute(sql)

    def close(self) -> None:
        self._connection.close()
