"""One place where the interface meets a register that refuses a write, and workers that fail.

`saving(say)` wraps a write and what follows it: when SQLite refuses (another
theodoi holds the register past the busy wait, the disk is full, the file is
read-only) or the file system does, the rest of the block is skipped, the
screen stays as it was, and `say` gets a Vietnamese sentence that says what
happened and what to do.  The write itself is one transaction in `db/`, so
nothing was half-written.

`worker_failed(error)` is the sentence for a worker that ended with an
error; workers run with `exit_on_error=False` and the app reports through it
instead of closing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from db.register import RegisterError, explain
from plans.os_errors import os_reason


def failure_message(error: BaseException) -> str:
    """What the officer reads when a write or a background task failed."""
    if isinstance(error, sqlite3.Error):
        return f"Không ghi được vào sổ: {explain(error)} Sổ không bị thay đổi; thử lại sau."
    if isinstance(error, RegisterError):
        return f"Không ghi được vào sổ: {error} Sổ không bị thay đổi."
    if isinstance(error, OSError):
        return (f"Không ghi được tệp ({os_reason(error, writing=True)}). Sổ không bị thay đổi; "
                "kiểm tra thư mục rồi thử lại.")
    return f"Có lỗi không lường trước ({error.__class__.__name__}); sổ không bị thay đổi. Hãy thử lại."


@contextmanager
def saving(say: Callable[[str], None]) -> Iterator[None]:
    """Run a write; a refused write becomes a message and the rest of the block is skipped."""
    try:
        yield
    except (sqlite3.Error, RegisterError, OSError) as error:
        say(failure_message(error))
