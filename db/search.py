"""What the search box finds: the words of a task, matched as the officer typed them.

* The FTS5 index `tasks_fts` holds three columns of each task, folded (no
  accents, `đ` as `d`): `search_content` (its content), `search_product`
  (its product) and `search_text` (its number, context, deadline, progress
  note and result) — `search_fields` makes them.  Unit names are not in it —
  the unit filter finds units — so "sở" in a query does not match every task
  of every Sở.
* `fts_query` turns a typed query into one FTS5 phrase: the words must be
  adjacent, in order, within one column, the last one a prefix (it may still
  be being typed).
* `phrase_sql` honours typed accents: when the query has any, the task's own
  text must contain the query as typed (case and spacing folded), so «số
  hóa» does not return «sở hòa»; typed without accents, «so hoa» finds both.
* `rank_sql` orders what a search found, best first: the phrase in the
  content, then in the product, then elsewhere (plan order within each) —
  asked of the index's columns, so SQLite ranks 20,000 matches without
  calling Python once a row.
* `refresh_search` rewrites one task's search columns after any change.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from plans.text import fold

if TYPE_CHECKING:
    import sqlite_utils


#: The index's columns, and the task's fields each folds (db/schema.py v10 made them three).
SEARCH_COLUMNS = {
    "search_content": ("content",),
    "search_product": ("product",),
    "search_text": ("number", "context", "deadline_text", "progress_note", "result"),
}
SEARCHED = tuple(name for fields in SEARCH_COLUMNS.values() for name in fields)


def search_fields(row: dict) -> dict[str, str]:
    """The search columns of a task's row."""
    return {column: fold(" ".join(str(row.get(name) or "") for name in fields))
            for column, fields in SEARCH_COLUMNS.items()}


def refresh_search(db: sqlite_utils.Database, task_id: int) -> None:
    db.table("tasks").update(task_id, search_fields(db.table("tasks").get(task_id)))


def fts_query(text: str, column: str | None = None) -> str:
    """One phrase of the typed words, the last a prefix: «so hoa ho» -> "so hoa ho"*; within `column` when
    one is named: search_content : "so hoa ho"*."""
    words = re.findall(r"\w+", fold(text))
    if not words:
        return ""
    phrase = f'"{" ".join(words)}"*'
    return f"{column} : {phrase}" if column else phrase


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng


def _word(word: str) -> str:
    """A word with its tone moved to the end: "hóa" and "hoá" (old and new placement) read alike."""
    marks = [ch for ch in word if ch in _TONES]
    return "".join(ch for ch in word if ch not in _TONES) + "".join(marks)


def _plain(text: str) -> str:
    """Text as typed, for comparing: case, spacing and the place of the tone mark folded; the marks kept."""
    return " ".join(_word(w) for w in unicodedata.normalize("NFD", text or "").casefold().split())


def has_accents(text: str) -> bool:
    return fold(text) != " ".join(unicodedata.normalize("NFC", text).casefold().split())


def contains_typed(haystack: str | None, needle: str | None) -> int:
    """SQL function: whether `haystack` holds `needle` as typed, accents included (case and spaces folded)."""
    return int(_plain(needle or "") in _plain(haystack or ""))


PHRASE_SQL = "theodoi_contains(" + " || ' ' || ".join(f"COALESCE(t.{k}, '')" for k in SEARCHED) + ", ?)"


_FOUND_IN = "t.id IN (SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH ?)"


def in_content_sql(typed: str) -> tuple[str, list[object]]:
    """The tasks with the typed phrase in their content: the first rank."""
    return _FOUND_IN, [fts_query(typed, "search_content")]


def rank_sql(typed: str) -> tuple[str, list[object]]:
    """0 for a task with the typed phrase in its content, 1 in its product, 2 elsewhere; every task alike when
    nothing typed is a word («!!!»: the search finds every task, and FTS5 is never asked an empty phrase)."""
    if not fts_query(typed):
        return "NULL", []  # a constant (an integer would name a column of the ORDER BY)
    return (f"CASE WHEN {_FOUND_IN} THEN 0 WHEN {_FOUND_IN} THEN 1 ELSE 2 END",
            [fts_query(typed, "search_content"), fts_query(typed, "search_product")])


def register_functions(connection: object) -> None:
    """Make `theodoi_contains` known to a connection (done for every register opened)."""
    connection.create_function("theodoi_contains", 2, contains_typed, deterministic=True)  # type: ignore[attr-defined]
