"""Reading HTML: a plan saved as a web page (LibreOffice, Word) or table fragments inside a text file.

Tables are laid out on a grid honouring rowspan and colspan, the way the
Word reader lays out merged cells: a cell spanning rows repeats its text in
the rows below, unless the row's first cell is spanned too (the row goes on
with the one above; its spanned cells are blank); a cell spanning columns
gives its text once.  The source's own line wraps inside a cell are joined;
<br>, <p>, <li> inside a cell are kept as line breaks (unit lists, bullets);
a table inside a cell gives that cell its rows, a line each, cells joined by
" | " (as the Word reader does); text in <del> (deleted with track changes)
is left out.
Text outside tables gives the document's lines, one per block element.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser

from plans.model import ABOVE

_BLOCKS = {"p", "br", "li", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "title"}
_SKIP = {"style", "script", "head", "del"}  # <del>: text deleted with track changes


@dataclass
class _Cell:
    text: list[str] = field(default_factory=list)
    rowspan: int = 1
    colspan: int = 1


@dataclass
class _Table:
    rows: list[tuple[int, list[_Cell]]] = field(default_factory=list)  # (source line, cells)
    row: list[_Cell] | None = None  # the row being read
    cell: _Cell | None = None  # the cell being read


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[int, list[tuple[int, list[str]]]]] = []  # (line index, rows)
        self.lines: list[str] = []
        self._line: list[str] = []
        self._stack: list[_Table] = []  # the tables open, innermost last, each with its own row and cell
        self._skip = 0
        self._too_deep = 0  # tables open inside the deepest one read: their cells' text goes to its cell

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag == "table" and len(self._stack) >= MAX_NESTING:
            self._too_deep += 1
        elif self._too_deep and tag in ("tr", "td", "th"):
            if (cell := self._stack[-1].cell) is not None:
                cell.text.append(" ")
        elif tag == "table":
            self._break()
            self._stack.append(_Table())
        elif not self._stack:
            if tag in _BLOCKS:
                self._break()
        elif tag == "tr":
            self._stack[-1].row = []
        elif tag in ("td", "th") and self._stack[-1].row is not None:
            spans = dict(attrs)
            self._stack[-1].cell = _Cell(rowspan=_span(spans.get("rowspan"), 1000),
                                         colspan=_span(spans.get("colspan"), MAX_COLUMNS))
        elif (cell := self._stack[-1].cell) is not None and tag in _BLOCKS:
            cell.text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif self._too_deep and tag in ("table", "tr", "td", "th"):
            if tag == "table":
                self._too_deep -= 1
        elif tag == "table" and self._stack:
            self._table_done(self._stack.pop())
        elif not self._stack:
            if tag in _BLOCKS:
                self._break()
        elif tag in ("td", "th") and (table := self._stack[-1]).row is not None and table.cell is not None:
            table.row.append(table.cell)
            table.cell = None
        elif tag == "tr" and (table := self._stack[-1]).row is not None:
            table.rows.append((self.getpos()[0], table.row))
            table.row = None

    def _table_done(self, table: _Table) -> None:
        grid = _grid(table)
        if self._stack:  # a table inside a cell: its rows are lines of that cell, cells joined by " | "
            outer = self._stack[-1].cell
            if outer is not None:
                outer.text.append("".join(f"\n{' | '.join(text for text in cells if text)}" for _, cells in grid))
            return
        if not self.tables and len(self.lines) < 3:  # the head in a borderless table («KHẨN» above): head lines
            self.lines.extend(line for _, cells in grid for cell in cells for line in cell.split("\n"))
        self.tables.append((len(self.lines), grid))

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        data = " ".join(data.split()) and re.sub(r"\s+", " ", data)  # the source's own wraps are spaces
        if self._stack and self._stack[-1].cell is not None:
            self._stack[-1].cell.text.append(data)
        elif not self._stack:
            self._line.append(data)

    def _break(self) -> None:
        text = " ".join("".join(self._line).split())
        if text:
            self.lines.append(text)
        self._line = []

    def close(self) -> None:
        super().close()
        self._break()


#: Word's own limit of columns: a forged colspan of a thousand on every row would lay out millions of cells.
MAX_COLUMNS = 63
#: Tables read inside tables; deeper ones give their text to the cell holding them (20,000 nested tables took
#: 17 s, each level copying the text of all those inside it).
MAX_NESTING = 8


def _span(value: str | None, most: int) -> int:
    try:
        return max(1, min(int(value or 1), most))
    except ValueError:
        return 1


def _cell_text(cell: _Cell) -> str:
    parts = "".join(cell.text).split("\n")
    return "\n".join(" ".join(part.split()) for part in parts if part.strip())


def _grid(table: _Table) -> list[tuple[int, list[str]]]:
    """Rows of texts laid on a grid, spans filled as the Word reader fills merges, at most `MAX_COLUMNS` wide."""
    pending: dict[int, tuple[str, int]] = {}  # column -> (text, rows still spanned)
    rows: list[tuple[int, list[str]]] = []
    for line, cells in table.rows:
        texts: list[str] = []
        down: list[bool] = []
        queue = deque(cells)
        column = 0
        while (queue or any(c >= column for c in pending)) and column < MAX_COLUMNS:
            if column in pending:
                text, left = pending[column]
                texts.append(text)
                down.append(True)
                if left > 1:
                    pending[column] = (text, left - 1)
                else:
                    del pending[column]
                column += 1
                continue
            if not queue:
                texts.append("")
                down.append(False)
                column += 1
                continue
            cell = queue.popleft()
            text = _cell_text(cell)
            for offset in range(min(cell.colspan, MAX_COLUMNS - column)):
                texts.append(text if offset == 0 else "")
                down.append(False)
                if cell.rowspan > 1:
                    pending[column + offset] = (text if offset == 0 else "", cell.rowspan - 1)
            column += cell.colspan
        if down and down[0]:
            texts = ["" if merged else text for text, merged in zip(texts, down, strict=True)]
        rows.append((line, texts))
    return rows


def read_html(text: str) -> tuple[list[str], list[tuple[int, list[str], tuple[str, ...]]]]:
    """(lines outside tables, table rows with their source line and, for a table's first row, the lines of
    text above the table) of an HTML text."""
    parser = _Parser()
    parser.feed(re.sub(r"\r\n?", "\n", text))
    parser.close()
    rows = [(line, cells, tuple(parser.lines[max(0, before - ABOVE):before]) if index == 0 else ())
            for before, table in parser.tables for index, (line, cells) in enumerate(table)]
    return parser.lines, rows
