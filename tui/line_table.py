"""A table drawn line by line: the rows on screen, never more, whatever the size of the list.

`LineTable` is a `ScrollView` on Textual's Line API (as Toolong's log view):
its virtual height is its row count — plus a row for each section it crosses
(`Sections`) and the column header — so the scrollbar, Home / End, PageUp /
PageDown and the mouse wheel move through all of it, and `render_line` asks
the subclass for the cells of the rows on screen only (`cells_at`).  Two
tables stand on it: the task list (tui/task_list.py: pages of the register,
sections, a selection) and the import preview (tui/import_screen.py: the rows
read from a file, with a cell cursor to edit them).

With sections, the top line always names the section of the rows below it
(sticky); lines are numbered with the section rows, the cursor is a row index,
and `Sections` maps one to the other.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

WIDE_FROM = 110  # terminal columns from which a table uses its wide column widths


class Sections:
    """Where each row and each section row stands among the table's lines: `runs` are (label, rows)."""

    def __init__(self, runs: Sequence[tuple[str, int]] = ()) -> None:
        self.labels = [label for label, _ in runs]
        self.row_starts = [0, *accumulate(count for _, count in runs)][:-1]
        self.line_starts = [start + i for i, start in enumerate(self.row_starts)]

    def __bool__(self) -> bool:
        return bool(self.labels)

    def lines(self, rows: int) -> int:
        return rows + len(self.labels)

    def line_of(self, index: int) -> int:
        return index + bisect_right(self.row_starts, index) if self else index

    def at(self, line: int) -> tuple[int | None, int | None]:
        """(row index, None) for a row's line, (None, section) for a section row."""
        if not self:
            return line, None
        section = self.section_of(line)
        return (None, section) if line == self.line_starts[section] else (line - section - 1, None)

    def section_of(self, line: int) -> int:
        return max(0, bisect_right(self.line_starts, line) - 1)


class LineTable(ScrollView, can_focus=True):
    """Rows under a fixed header, a cursor on one row (or, `CELL_CURSOR`, on one cell of it)."""

    COLUMNS: list[tuple[str, str]] = []  # (key, header label), left to right
    CELL_CURSOR = False  # True: left / right move the cursor between the cells of its row

    COMPONENT_CLASSES = {"line-table--header", "line-table--section", "line-table--even", "line-table--cursor"}

    DEFAULT_CSS = """
    LineTable {
        background: $surface;
        & > .line-table--header { text-style: bold; background: $panel; color: $foreground; }
        & > .line-table--section { text-style: italic; color: $text-muted; background: $boost; }
        & > .line-table--even { background: $surface-lighten-1 50%; }
        & > .line-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
        }
        &:focus > .line-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

    BINDINGS = [
        Binding("down", "move(1)", "Xuống", show=False),
        Binding("up", "move(-1)", "Lên", show=False),
        Binding("pagedown", "page(1)", "Trang sau", show=False),
        Binding("pageup", "page(-1)", "Trang trước", show=False),
        Binding("home,ctrl+home", "jump(False)", "Dòng đầu", show=False),
        Binding("end,ctrl+end", "jump(True)", "Dòng cuối", show=False),
    ]
    CELL_BINDINGS = [
        Binding("right", "cell(1)", "Ô bên phải", show=False),
        Binding("left", "cell(-1)", "Ô bên trái", show=False),
    ]

    class Highlighted(Message):
        """The cursor is on another row (or on none: an empty table)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.sections = Sections()
        self.cursor = 0
        self.cell = 0  # the cursor's column, with CELL_CURSOR

    # --- what a table holds: its subclass says ---------------------------------------

    @property
    def row_count(self) -> int:
        raise NotImplementedError

    def cells_at(self, index: int) -> list[Text] | None:
        """The cells of row `index`, left to right; None while the row is not at hand."""
        raise NotImplementedError

    def widths(self) -> dict[str, int]:
        """Each column's width by its key, for the width the table has now."""
        raise NotImplementedError

    def labels(self) -> list[str]:
        """The header, for the width the table has now."""
        return [label for _, label in self.COLUMNS]

    @classmethod
    def keys(cls) -> list[Binding]:
        """The table's own keys, for the help screen (Textual's scroll keys it replaces are not listed)."""
        return [binding for binding in cls.BINDINGS if isinstance(binding, Binding)]

    @property
    def column_key(self) -> str:
        return self.COLUMNS[self.cell][0]

    # --- moving ---------------------------------------------------------------------

    @property
    def _body_height(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)  # the column header takes a line

    def move_to(self, index: int, *, force: bool = False) -> None:
        """Put the cursor on row `index` (clamped to the table) and scroll it into view."""
        index = max(0, min(index, self.row_count - 1))
        moved = index != self.cursor
        self.cursor = index
        self._scroll_to_cursor()
        self.refresh()
        if moved or force:
            self.post_message(self.Highlighted())

    def _scroll_to_cursor(self) -> None:
        line = self.sections.line_of(self.cursor)
        top = 1 if self.sections else 0  # the first line is the sticky section row
        y = self.scroll_offset.y
        if line < y + top:
            y = line - top
        elif line > y + self._body_height - 1:
            y = line - self._body_height + 1
        self.scroll_to(y=max(0, y), animate=False, immediate=True)

    def action_move(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_page(self, step: int) -> None:
        self.move_to(self.cursor + step * max(1, self._body_height - 1))

    def action_jump(self, last: bool) -> None:
        self.move_to(self.row_count - 1 if last else 0)

    def action_cell(self, step: int) -> None:
        if self.CELL_CURSOR:
            self.cell = max(0, min(self.cell + step, len(self.COLUMNS) - 1))
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        if event.y < 1 or (self.sections and event.y == 1):  # the header, the sticky section row
            return
        index, _ = self.sections.at(self.scroll_offset.y + event.y - 1)
        if index is None or index >= self.row_count:
            return
        if self.CELL_CURSOR:
            edges = list(accumulate(self.widths()[key] + 1 for key, _ in self.COLUMNS))
            self.cell = min(bisect_right(edges, event.x - 1), len(self.COLUMNS) - 1)
        self.move_to(index, force=True)

    def on_resize(self) -> None:
        self.resize_virtual()

    def resize_virtual(self) -> None:
        """Tell the scroll view how many lines there are now (rows, section rows and the header)."""
        self.virtual_size = Size(self.scrollable_content_region.width, self.sections.lines(self.row_count) + 1)

    # --- drawing --------------------------------------------------------------------

    def _row(self, cells: Sequence[Text], style: Style, cursor_cell: Style | None = None) -> Strip:
        widths = self.widths()
        line = Text(" ", style=style, end="")
        for column, ((key, _), cell) in enumerate(zip(self.COLUMNS, cells, strict=True)):
            cell = cell.copy()
            cell.truncate(widths[key], overflow="ellipsis", pad=True)
            if cursor_cell is not None and column == self.cell:
                cell.stylize(cursor_cell)
            line.append_text(cell)
            line.append(" ")
        return self._strip(line, style)

    def _strip(self, text: Text, style: Style) -> Strip:
        """One line: `style` under the text's own (Rich applies a Text's base style only when it has spans,
        so a plain section row would lose it), padded to the width."""
        width = self.scrollable_content_region.width
        segments = list(text.render(self.app.console))
        return Strip(segments).apply_style(style).extend_cell_length(width, style).crop(0, width)

    def render_line(self, y: int) -> Strip:
        if y == 0:
            header = self.get_component_rich_style("line-table--header")
            return self._row([Text(label) for label in self.labels()], header)
        line = self.scroll_offset.y + y - 1
        if line >= self.sections.lines(self.row_count):
            return Strip([Segment(" " * self.scrollable_content_region.width, self.rich_style)])
        index, section = self.sections.at(line)
        if self.sections and y == 1:  # sticky: the top line names the section of what is below
            section = self.sections.section_of(line)
        if section is not None:
            style = self.get_component_rich_style("line-table--section")
            return self._strip(Text(" " + self.sections.labels[section], style=style), style)
        assert index is not None
        cells = self.cells_at(index)
        if cells is None:
            return self._strip(Text(" …"), self.rich_style)
        style = self.rich_style
        if index % 2:
            style += self.get_component_rich_style("line-table--even")
        if index != self.cursor:
            return self._row(cells, style)
        cursor = self.get_component_rich_style("line-table--cursor")
        return self._row(cells, style, cursor) if self.CELL_CURSOR else self._row(cells, style + cursor)
