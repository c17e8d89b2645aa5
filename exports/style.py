"""The look of every sheet theodoi writes: a document of the department, not a data dump.

Times New Roman (the standard of Vietnamese administrative documents),
wrapped text, thin borders, a bold header row, A4 landscape fitted to the
page width with the header repeated on every page and "Trang x / y" in the
footer.  Cells are made with `cell()` so write-only (streaming) sheets and
normal sheets look the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from copy import copy
from types import MethodType

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.worksheet import Worksheet

from plans.text import clean_text, shorten

FONT_NAME = "Times New Roman"
_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

STYLES = {
    "org": (Font(name=FONT_NAME, size=12, bold=True), Alignment(horizontal="left"), None),
    "plan": (Font(name=FONT_NAME, size=12), Alignment(horizontal="left", wrap_text=False), None),
    "title": (Font(name=FONT_NAME, size=14, bold=True), CENTER, None),
    "note": (Font(name=FONT_NAME, size=11, italic=True), Alignment(horizontal="center"), None),
    # under a table: from the left edge, running on over the empty cells to its right
    "footnote": (Font(name=FONT_NAME, size=10, italic=True), Alignment(horizontal="left"), None),
    "header": (Font(name=FONT_NAME, size=11, bold=True), CENTER, PatternFill("solid", fgColor="D9E1F2")),
    "section": (Font(name=FONT_NAME, size=11, bold=True), Alignment(vertical="top", wrap_text=True),
                PatternFill("solid", fgColor="F2F2F2")),
    "body": (Font(name=FONT_NAME, size=11), WRAP, None),
    "center": (Font(name=FONT_NAME, size=11), Alignment(horizontal="center", vertical="top", wrap_text=True), None),
    "late": (Font(name=FONT_NAME, size=11, bold=True, color="C00000"), WRAP, PatternFill("solid", fgColor="FCE4E4")),
    "done": (Font(name=FONT_NAME, size=11, color="006100"), WRAP, None),
    "total": (Font(name=FONT_NAME, size=11, bold=True), Alignment(horizontal="center", vertical="top"),
              PatternFill("solid", fgColor="F2F2F2")),
    "input": (Font(name=FONT_NAME, size=11, color="1F3864"), WRAP, PatternFill("solid", fgColor="FFF9E0")),
}
DATE_FORMAT = "DD/MM/YYYY"


def cell(ws: Worksheet, value: object, style: str = "body", *, border: bool = True, date: bool = False,
         unlocked: bool = False) -> WriteOnlyCell:
    """One styled cell for `ws.append`; the style is built once per workbook and shared after (a cell
    given to `append` is written at once and never changed, so one style array serves them all)."""
    key = (style, border, date, unlocked)
    made = text_cell(ws, value)
    cache = ws.parent.__dict__.setdefault("_theodoi_styles", {})  # style ids belong to one workbook
    cached = cache.get(key)
    if cached is not None:
        made._style = cached
        return made
    _style(made, style, border, date, unlocked)
    cache[key] = copy(made._style)
    return made


MAX_CELL = 32_767  # Excel's limit for one cell
MAX_ROW_HEIGHT = 409.0  # Excel's limit for one row, in points


def safe_value(value: object) -> object:
    """A value fit for a cell: text without control characters, cut at Excel's limit."""
    if isinstance(value, str):
        text = clean_text(value)
        return shorten(text, MAX_CELL)
    return value


def text_cell(ws: Worksheet, value: object) -> WriteOnlyCell:
    """An unstyled cell whose text is always text: "=HYPERLINK(…)" in a task or a unit name is never a formula."""
    made = WriteOnlyCell(ws, value=safe_value(value))
    if isinstance(made.value, str) and made.data_type == "f":
        made.data_type = "s"
    return made


def _style(made: WriteOnlyCell, style: str, border: bool, date: bool, unlocked: bool) -> None:
    font, alignment, fill = STYLES[style]
    made.font = font
    made.alignment = alignment
    if fill is not None:
        made.fill = fill
    if border:
        made.border = BORDER
    if date:
        made.number_format = DATE_FORMAT
    if unlocked:
        made.protection = Protection(locked=False)


LINE_HEIGHT = 15.0


#: Characters of 11 pt Times New Roman one unit of column width holds, as sheets print through LibreOffice:
#: about 1.6 on a full line, less once words wrap (a 170-character cell 55 wide takes three lines, not two).
CHARS_PER_WIDTH = 1.35


def row_height(texts: Sequence[object], widths: Sequence[float]) -> float:
    """Height (points) a row needs so wrapped text shows whole; LibreOffice does not fit rows by itself."""
    lines = 1
    for text, width in zip(texts, widths, strict=False):
        if text is None:
            continue
        usable = max(4.0, (width - 1.5) * CHARS_PER_WIDTH)
        need = sum(max(1, -(-len(part) // int(usable))) for part in str(text).split("\n"))
        lines = max(lines, need)
    return min(lines * LINE_HEIGHT + 3, MAX_ROW_HEIGHT)


def append_row(ws: Worksheet, row: int, cells: list[WriteOnlyCell], widths: Sequence[float]) -> None:
    """Append `cells` as row number `row`, tall enough for their wrapped text (header rows too: «Đang thực
    hiện trong hạn» in a narrow column takes two lines, which a one-line row would print over the next)."""
    ws.row_dimensions[row] = _row_of_height(ws, row_height([c.value for c in cells], widths))
    ws.append(cells)
    ws.row_dimensions.pop(row)  # a write-only sheet wrote the row at once: keeping 100,000 of these cost 60 MB


def _row_of_height(ws: Worksheet, height: float) -> RowDimension:
    """One row dimension per height a sheet uses, shared by its rows (a row's number is not part of what is
    written): making one for each of 100,000 rows cost about 1.5 s of an export."""
    made: dict[float, RowDimension] = ws.__dict__.setdefault("_theodoi_rows", {})
    if height not in made:
        made[height] = RowDimension(ws, height=height)
    return made[height]


def _cells_to_row(ws: Worksheet, values: Iterable[object], row_idx: int) -> Iterator[Cell]:
    """A row for the stream as written: a cell is taken as it is, any other value made into a cell."""
    for col_idx, value in enumerate(values, 1):
        if value is None:
            continue
        made = value if isinstance(value, Cell) else WriteOnlyCell(ws, value=value)
        made.column, made.row = col_idx, row_idx
        yield made


class StreamingWorkbook(Workbook):
    """A write-only workbook whose sheets take styled cells as they are.

    openpyxl's write-only sheet first tries every appended value as a plain value and takes a cell only
    once that raised a ValueError (built with the cell's repr): for a sheet of styled cells, a third of an
    export's time.  Its sheets here use `_cells_to_row` instead (openpyxl 3.1's `_values_to_row`, which
    pyproject pins; with another version the sheet keeps openpyxl's own)."""

    def __init__(self) -> None:
        super().__init__(write_only=True)

    def create_sheet(self, title: str | None = None, index: int | None = None):  # type: ignore[no-untyped-def]
        ws = super().create_sheet(title, index)
        if hasattr(ws, "_values_to_row"):
            ws._values_to_row = MethodType(_cells_to_row, ws)
        return ws


def set_widths(ws: Worksheet, widths: Sequence[float]) -> None:
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[_letter(index)].width = width


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def print_setup(ws: Worksheet, header_row: int) -> None:
    """A4 landscape, fitted to the page width, header row on every page and frozen, page numbers."""
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    ws.HeaderFooter.oddFooter.center.text = "Trang &P / &N"
    ws.HeaderFooter.oddFooter.center.font = FONT_NAME
    ws.freeze_panes = f"A{header_row + 1}"
