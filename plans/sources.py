"""Opening plan files: bytes in, a `Document` of text lines and table rows out.

Formats, one small reader each, all giving the same `Document`:
* .txt / .md - text in UTF-8 (with or without BOM), UTF-16 or Windows-1258
  (a UTF-8 file with a few Windows-1258 lines is read line by line, with a
  warning); tab-separated tables (one row a line, as text extracted from
  Word/PDF; a two-cell line beside them is a row too), markdown pipe tables
  and HTML `<table>` fragments;
* .html / .htm - always through the HTML table parser (`plans.html_source`);
* .docx - paragraphs and tables (python-docx opens the package; the XML is
  walked here), merged cells made blank where they continue the cell above,
  so that the table reader sees what a printed page shows; tables above the
  title (the head laid out in a borderless table) also give head lines.
  Text is what the page shows, in paragraphs and cells alike: insertions of
  track changes in, deletions out; content controls (around paragraphs,
  tables, rows or cells) and links read through; a text box once; a table
  inside a cell a row a line, cells joined by " | "; Word's automatic
  numbering written before its paragraphs ("1.", "II.", "a)",
  `plans.word_numbering`);
* .xlsx - every sheet's rows (openpyxl), merged ranges filled as in Word, a
  date shown without a day read as "Tháng MM/YYYY"; a hidden sheet is left
  out, with a warning; a formula saved without
  its value (by a program other than Excel or LibreOffice) read as its text,
  with a warning, rather than as an empty cell;
* .pdf - text PDFs through pdfplumber (`plans.pdf_source`); scans refused;
* .doc / .xls / .odt / .ods / .rtf - through LibreOffice (`plans.convert`).

Untrusted input is normal: only regular files are read, within limits on
the file size, the unpacked size of a zip package, the rows and columns of
a sheet and the length of one cell (`LIMITS`); each limit breached is a
Vietnamese message naming it.  Lines split only on CR/LF.

Every failure is a `PlanReadError` with a Vietnamese message naming the file.
Nothing here knows what a task is.
"""

from __future__ import annotations

import hashlib
import io
import re
import stat
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plans.convert import CONVERTIBLE, advice, convert
from plans.html_source import MAX_COLUMNS, read_html
from plans.model import ABOVE, PlanReadError
from plans.os_errors import os_reason
from plans.text import clean_cell, fold, split_lines
from plans.word_numbering import Numbering

if TYPE_CHECKING:
    from plans.pdf_source import PdfText

SUPPORTED = (".txt", ".md", ".docx", ".xlsx", ".html", ".htm", ".pdf", *CONVERTIBLE)


@dataclass(frozen=True)
class Limits:
    """How much of an untrusted file theodoi agrees to read."""

    file_bytes: int = 50 * 1024 * 1024
    unpacked_bytes: int = 50 * 1024 * 1024
    sheet_rows: int = 20_000
    sheet_columns: int = 64
    cell_chars: int = 32_767


LIMITS = Limits()
#: Every workbook theodoi writes names it as creator (and fill-in sheets carry a hidden "_theodoi" sheet):
#: such a file is a view or a sheet to receive back, never a plan to import.
EXPORT_CREATOR = "theodoi"
_OWN_EXPORT = ("đây là bảng theodoi đã xuất, không phải kế hoạch; để nhận kết quả đơn vị điền, "
               "dùng n (theodoi receive). Sổ không bị thay đổi.")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Row:
    """One table row: its cells' raw text and where it stands in the file; the first row of a table in a
    Word, text or HTML file carries the lines of text just above the table (`above`, nearest last: its title)."""

    cells: list[str]
    line: int
    above: tuple[str, ...] = ()  # (a PDF: the lines between the table and the one above it on its page)
    continues: bool = False  # the first row of a PDF page whose table goes on from the page before


def _lines_above(lines: list[str]) -> tuple[str, ...]:
    """The last few lines of text before a table (nearest last), not reaching back into a table above."""
    found: list[str] = []
    for line in reversed(lines[-20:]):
        if "\t" in line or len(found) == ABOVE:
            break
        if line.strip():
            found.insert(0, line.strip())
    return tuple(found)


@dataclass
class Document:
    """The readable content of a plan file."""

    name: str
    sha256: str
    lines: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    wrapped: bool = False  # lines as a page shows them (a PDF), not one a paragraph


def read_file_bytes(path: Path, limit: int = LIMITS.file_bytes) -> bytes:
    """The bytes of a regular file within `limit`, or PlanReadError (no FIFO, device or endless file)."""
    name = path.name
    try:
        info = path.stat()
    except FileNotFoundError:
        raise PlanReadError("không tìm thấy tệp.", source=str(path)) from None
    except OSError as error:
        raise PlanReadError(f"không mở được tệp ({os_reason(error)}).", source=str(path)) from error
    if stat.S_ISDIR(info.st_mode):
        raise PlanReadError("đây là một thư mục, không phải tệp.", source=str(path))
    if not stat.S_ISREG(info.st_mode):
        raise PlanReadError("đây không phải là tệp thường (thiết bị, đường ống…); chỉ nhận tệp lưu trên đĩa.",
                            source=name)
    if info.st_size > limit:
        raise PlanReadError(f"tệp quá lớn ({info.st_size // 1_048_576} MB; giới hạn {limit // 1_048_576} MB).",
                            source=name)
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise PlanReadError(f"không mở được tệp ({os_reason(error)}).", source=name) from error
    if len(data) > limit:
        raise PlanReadError(f"tệp quá lớn (giới hạn {limit // 1_048_576} MB).", source=name)
    return data


def check_zip(data: bytes, name: str, kind: str) -> None:
    """Refuse a package that is not a zip, or whose members unpack beyond the limit (a zip bomb)."""
    if data.startswith(_OLE):
        target = "xlsx" if kind == "Excel (.xlsx)" else "docx"
        raise PlanReadError(f"đây là tệp Office đời cũ (.doc/.xls) mang đuôi mới. {advice(target)}", source=name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(member.file_size for member in package.infolist())
            if unpacked > LIMITS.unpacked_bytes:
                raise PlanReadError(
                    f"tệp {kind} giải nén ra quá lớn ({unpacked // 1_048_576} MB; giới hạn "
                    f"{LIMITS.unpacked_bytes // 1_048_576} MB), có thể là tệp độc hại.", source=name)
            for member in package.namelist():
                if member.startswith("xl/worksheets/") and member.endswith(".xml"):
                    _check_rows(package, member, name)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise PlanReadError(f"không phải tệp {kind} hợp lệ (hỏng hoặc sai đuôi).", source=name) from None


def _check_rows(package: zipfile.ZipFile, member: str, name: str) -> None:
    """Count a sheet's rows in its XML, streaming, before any spreadsheet library builds them."""
    rows = 0
    tail = b""
    with package.open(member) as stream:
        while chunk := stream.read(1 << 20):
            rows += (tail + chunk).count(b"<row ") - tail.count(b"<row ")
            tail = chunk[-8:]
            if rows > LIMITS.sheet_rows:
                raise PlanReadError(f"trang tính có hơn {LIMITS.sheet_rows} dòng, quá giới hạn; hãy chỉ giữ bảng "
                                    "nhiệm vụ rồi gửi lại.", source=name)


def open_document(path: Path, progress: Callable[[int, int], None] | None = None) -> Document:
    """Read `path` into a Document, or raise PlanReadError."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED and not path.is_dir():
        raise PlanReadError(
            f"không đọc được loại tệp «{suffix or 'không có đuôi'}»; nhận .docx, .pdf, .xlsx, .doc, .xls, .html, "
            ".txt, .md. Mở tệp bằng chương trình đã tạo ra nó, lưu thành Word (.docx) hoặc PDF, rồi nhập tệp đó.",
            source=name)
    data = read_file_bytes(path)
    digest = hashlib.sha256(data).hexdigest()
    if suffix in CONVERTIBLE:
        kind = CONVERTIBLE[suffix]
        data, suffix = convert(data, name, suffix), f".{kind}"
    notes: list[str] = []
    if suffix in (".txt", ".md"):
        document = _text_document(name, digest, decode_text(data, name, notes))
    elif suffix in (".html", ".htm"):
        document = _html_document(name, digest, decode_text(data, name, notes))
    elif suffix == ".pdf":
        document = _pdf_document(name, digest, data, progress)
    else:
        check_zip(data, name, "Word (.docx)" if suffix == ".docx" else "Excel (.xlsx)")
        reader = _docx_document if suffix == ".docx" else _xlsx_document
        document = reader(name, digest, data)
    document.warnings = notes + document.warnings + _cut_long_cells(document)
    return document


def _cut_long_cells(document: Document) -> list[str]:
    """Cells beyond Excel's limit are cut (the text would not survive an export anyway), each one said."""
    notes = []
    for row in document.rows:
        for index, cell in enumerate(row.cells):
            if len(cell) > LIMITS.cell_chars:
                row.cells[index] = cell[: LIMITS.cell_chars]
                notes.append(f"dòng {row.line}: một ô dài {len(cell)} ký tự, chỉ giữ {LIMITS.cell_chars} ký tự đầu.")
    return notes


def decode_text(data: bytes, name: str, notes: list[str] | None = None) -> str:
    """Decode a text plan, whatever encoding an office PC saved it in; `notes` learns of mixed encodings."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            if b"\x00" in data:
                raise PlanReadError("tệp không phải là văn bản (có dữ liệu nhị phân).", source=name) from None
            text = _mixed(data, notes if notes is not None else [])
    if _looks_binary(text):
        raise PlanReadError("tệp không phải là văn bản (có dữ liệu nhị phân).", source=name)
    return unicodedata.normalize("NFC", text)


def _mixed(data: bytes, notes: list[str]) -> str:
    """Line by line: UTF-8 where it decodes, Windows-1258 elsewhere (a file pasted together from two PCs)."""
    lines = data.split(b"\n")
    decoded = [_utf8(line) for line in lines]
    if sum(1 for text in decoded if text is not None) * 2 < len(lines):
        return data.decode("cp1258", errors="replace")
    other = [number for number, text in enumerate(decoded, start=1) if text is None]
    notes.append(f"dòng {', '.join(map(str, other[:10]))}{' …' if len(other) > 10 else ''} được đọc theo bảng mã "
                 "Windows-1258 (phần còn lại là UTF-8); kiểm tra lại chữ có dấu ở các dòng đó.")
    return "\n".join(text if text is not None else line.decode("cp1258", errors="replace")
                     for text, line in zip(decoded, lines, strict=True))


def _utf8(line: bytes) -> str | None:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:20_000]
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v")
    replaced = sample.count("\ufffd")
    return (controls + replaced) / len(sample) > 0.02


_EMPHASIS = re.compile(r"^\s*(\*\*|__|\*|_)(.+?)\1\s*$")  # a markdown cell «**I**», «*Cải cách thể chế*»


def _text_document(name: str, digest: str, text: str) -> Document:
    document = Document(name, digest)
    lines = split_lines(text)
    document.lines = lines
    tabs = [line.count("\t") for line in lines]
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if tabs[number - 1] >= 2 or (tabs[number - 1] == 1 and _beside_table(tabs, number - 1)):
            first = not document.rows or document.rows[-1].line != number - 1
            title = _lines_above(lines[max(0, number - 21):number - 1]) if first else ()
            document.rows.append(Row(line.split("\t"), number, title))
        elif stripped.startswith("|") and stripped.count("|") >= 3:
            cells = [_EMPHASIS.sub(r"\2", cell) for cell in stripped.strip("|").split("|")]
            if all(set(c.strip()) <= set("-: ") for c in cells):
                continue  # the |---|---| line under a markdown header
            document.rows.append(Row(cells, number))
    if not document.rows and "<table" in text.lower():
        document.rows = [Row(cells, line, above) for line, cells, above in read_html(text)[1]]
    return document


def _beside_table(tabs: list[int], index: int) -> bool:
    """A two-cell line ("I⇥NHÓM GIẢI PHÁP …") is a table row when a row of the table stands next to it."""
    return any(0 <= i < len(tabs) and tabs[i] >= 2 for i in (index - 1, index + 1))


def _html_document(name: str, digest: str, text: str) -> Document:
    lines, rows = read_html(text)
    return Document(name, digest, lines, [Row(cells, line, above) for line, cells, above in rows])


def _pdf_document(name: str, digest: str, data: bytes, progress: Callable[[int, int], None] | None) -> Document:
    from plans.pdf_source import read_pdf

    read = read_pdf(data, name, progress)
    document = Document(name, digest, read.lines, [Row(cells, number, read.above.get(number - 1, ()),
                                                       continues=number - 1 in read.continued)
                                                   for number, cells in enumerate(read.rows, start=1)], wrapped=True)
    document.warnings.extend(_unruled_tables(read))
    return document


_APPENDIX = re.compile(r"^\s*phu luc(?:\s+(?:so\s*)?[\divxl]+)?\s*[.:]?\s*$")  # «PHỤ LỤC», «Phụ lục số 01»


def _unruled_tables(read: PdfText) -> list[str]:
    """What to tell of a table drawn without lines: pdfplumber finds a PDF's tables by their ruled lines, so
    such a table's rows are read as prose — its tasks missing or wrong.  Told when a line outside the ruled
    tables names a task table's columns, or when a PDF with an appendix («PHỤ LỤC») has no ruled table."""
    from plans.tables import names_columns

    headers = [(page, line) for page, line in read.page_lines() if names_columns(line)]
    appendices = [] if read.rows else [page for page, line in read.page_lines() if _APPENDIX.match(fold(line))]
    pages = sorted({page for page, _ in headers}) or appendices[:1]
    if not pages:
        return []
    shown = ", ".join(map(str, pages[:5])) + (" …" if len(pages) > 5 else "")
    named = f" (tiêu đề cột «{' '.join(headers[0][1].split())}»)" if headers else ""
    return [f"trang {shown}: bảng nhiệm vụ không kẻ đường viền{named} nên không tách được các cột — các nhiệm "
            "vụ đọc được từ tệp này có thể thiếu hoặc sai. Hãy xin bản Word (.docx) hoặc Excel của kế hoạch."]


def _docx_document(name: str, digest: str, data: bytes) -> Document:
    import docx

    try:
        word = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds on a broken package
        raise PlanReadError("tệp Word bị hỏng hoặc không phải .docx.", source=name) from error
    document = Document(name, digest)
    numbering = Numbering(word)
    row_number = 0
    for child in _blocks(word.element.body):
        if child.tag == f"{_W}p":
            document.lines.append(_paragraph_text(child, numbering))
        else:
            above: list[object] = []
            head = not document.rows and sum(1 for line in document.lines if line.strip()) < 3  # «KHẨN», «Mẫu 01» above
            title = _lines_above(document.lines)
            for row in _within(child, f"{_W}tr"):
                row_number += 1
                cells, above = _docx_cells(_grid_row(row, above), above, numbering)
                document.rows.append(Row(cells, row_number, title))
                title = ()
                if head:  # the head laid out in a borderless table: its cells are head lines
                    document.lines.extend(line for cell in cells for line in cell.split("\n"))
    return document


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


_WRAPPERS = (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml")  # content controls: their content is the page's


def _within(parent: Any, *tags: str) -> Iterator[Any]:
    """The children of `parent` with one of `tags`, in order, those inside content controls included."""
    for child in parent.iterchildren():
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _within(child, *tags)


def _blocks(parent: Any) -> Iterator[Any]:
    """The paragraphs and tables of a body or a cell, in order, those inside content controls included."""
    return _within(parent, f"{_W}p", f"{_W}tbl")


def _grid_row(row: Any, above: list[Any]) -> list[Any]:
    """A Word row's cell elements, one per grid column: a cell spanning columns (gridSpan) stands in each, a
    cell continuing a vertical merge is the cell above it (python-docx's `row.cells` the same way, but it
    does not see rows or cells inside content controls).  Columns skipped before the row's first cell are
    None."""
    grid: list[Any] = [None] * min(max(0, _int_val(row.find(f"{_W}trPr/{_W}gridBefore"), 0)), MAX_COLUMNS)
    for cell in _within(row, f"{_W}tc"):
        if len(grid) >= MAX_COLUMNS:  # a forged span or a row of a thousand cells: what Word could show
            break
        properties = cell.find(f"{_W}tcPr")
        span = min(max(1, _int_val(properties.find(f"{_W}gridSpan") if properties is not None else None, 1)),
                   MAX_COLUMNS - len(grid))
        merge = properties.find(f"{_W}vMerge") if properties is not None else None
        continued = merge is not None and merge.get(f"{_W}val", "continue") == "continue"
        column = len(grid)
        origin = above[column] if continued and column < len(above) and above[column] is not None else cell
        grid.extend([origin] * span)
    return grid


def _int_val(element: Any, default: int) -> int:
    try:
        return int(element.get(f"{_W}val")) if element is not None else default
    except (TypeError, ValueError):
        return default


def _cell_text(tc: Any, numbering: Numbering) -> str:
    """A Word cell's text as the page shows it: its paragraphs as `_paragraph_text` reads them (python-docx's
    `cell.text` leaves out tracked insertions and content controls), a table inside it a row a line."""
    lines: list[str] = []
    for block in _blocks(tc):
        if block.tag == f"{_W}p":
            lines.append(_paragraph_text(block, numbering))
        else:
            lines.extend(" | ".join(text for cell in _within(row, f"{_W}tc")
                                    if (text := _cell_text(cell, numbering).strip()))
                         for row in _within(block, f"{_W}tr"))
    return "\n".join(lines)


_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# deleted, or moved away, with track changes; a drawing's second copy, for old readers
_HIDDEN = (f"{_W}del", f"{_W}moveFrom", f"{_MC}Fallback")


def _shown(element: Any) -> Iterator[Any]:
    """The nodes under `element` that the page shows, in order: a text box is drawn once, though Word stores
    it twice (DrawingML and its VML fallback), and deleted text is not shown at all."""
    for child in element.iterchildren():
        if child.tag not in _HIDDEN:
            yield child
            yield from _shown(child)


def _paragraph_text(element: Any, numbering: Numbering) -> str:
    """A paragraph's text with insertions of tracked changes, without deletions; line breaks kept; after the
    number or bullet Word shows before it, when it is in a list (`plans.word_numbering`)."""
    parts: list[str] = []
    for node in _shown(element):
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag in (f"{_W}br", f"{_W}cr", f"{_W}p"):  # a paragraph inside: a text box's line
            parts.append("\n")
        elif node.tag == f"{_W}tab":
            parts.append("\t")
    text = "".join(parts).strip("\n")
    label = numbering.label(element)
    return f"{label} {text}" if label and text else label or text


def _docx_cells(cells: list[Any], above: list[object], numbering: Numbering) -> tuple[list[str], list[object]]:
    """Texts of one Word row (`_grid_row`): horizontal spans once, vertical merges blank below a blank number."""
    texts: list[str] = []
    ids: list[object] = []
    merged_down: list[bool] = []
    for index, tc in enumerate(cells):
        ids.append(tc)
        if tc is None:
            texts.append("")
            merged_down.append(False)
            continue
        if index and tc is ids[index - 1]:
            texts.append("")
            merged_down.append(False)
            continue
        merged_down.append(index < len(above) and above[index] is tc)
        texts.append(_cell_text(tc, numbering))
    if merged_down and merged_down[0]:
        texts = ["" if down else text for text, down in zip(texts, merged_down, strict=True)]
    return texts, ids


def _xlsx_document(name: str, digest: str, data: bytes) -> Document:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data)) if _has_formulas(data) else None
    except Exception as error:  # openpyxl raises many kinds on a broken package
        raise PlanReadError("tệp Excel bị hỏng hoặc không phải .xlsx.", source=name) from error
    if book.properties.creator == EXPORT_CREATOR or "_theodoi" in book.sheetnames:
        raise PlanReadError(_OWN_EXPORT, source=name)
    document = Document(name, digest)
    uncalculated: list[str] = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":  # an old version or a list of names kept out of sight: not the plan
            document.warnings.append(f"trang «{sheet.title}» đang bị ẩn trong tệp nên không được đọc.")
            continue
        unread = _uncalculated(sheet, formulas[sheet.title]) if formulas else {}
        uncalculated += [f"{sheet.title}!{openpyxl.utils.get_column_letter(column)}{row}" for row, column in unread]
        for number, cells in _sheet_rows(sheet, name, unread):
            if not any(c.strip() for c in cells):
                continue
            document.rows.append(Row(cells, number))
            document.lines.append("\t".join(c for c in cells if c.strip()))
    if uncalculated:
        document.warnings.append(
            f"{len(uncalculated)} ô có công thức chưa được tính (tệp không do Excel lưu), ví dụ ô {uncalculated[0]}: "
            "ghi công thức dưới dạng chữ; hãy mở tệp bằng Excel, lưu lại rồi nhập lại.")
    return document


_FORMULA = re.compile(rb"<(?:\w+:)?f[ >]")


def _has_formulas(data: bytes) -> bool:
    """Whether a sheet of the package holds a formula (the workbook is then loaded a second time for them)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return any(_FORMULA.search(package.read(member)) for member in package.namelist()
                   if member.startswith("xl/worksheets/") and member.endswith(".xml"))


def _uncalculated(sheet: object, formulas: object) -> dict[tuple[int, int], str]:
    """The formulas of `sheet` saved without their value (a file written by a program, not by Excel or
    LibreOffice, which always store it), as text: the cell is not read empty."""
    values = sheet._cells  # type: ignore[attr-defined]
    found: dict[tuple[int, int], str] = {}
    for place, cell in formulas._cells.items():  # type: ignore[attr-defined]
        shown = values.get(place)
        if cell.data_type == "f" and (shown is None or shown.value is None):
            found[place] = str(getattr(cell.value, "text", cell.value))
    return found


def _sheet_rows(sheet: object, name: str, unread: dict[tuple[int, int], str]) -> list[tuple[int, list[str]]]:
    """A sheet's rows as texts, from the cells it really holds, merged ranges filled as in Word."""
    present = sheet._cells  # type: ignore[attr-defined]  # only the cells the file defines: a bomb's XFD1048576 is one
    numbers = sorted({row for row, _ in present})
    if len(numbers) > LIMITS.sheet_rows:
        raise PlanReadError(f"trang «{sheet.title}» có {len(numbers)} dòng, quá giới hạn "  # type: ignore[attr-defined]
                            f"{LIMITS.sheet_rows} dòng.", source=name)
    width = min(max((column for _, column in present), default=0), LIMITS.sheet_columns)
    merged: dict[tuple[int, int], tuple[int, int]] = {}  # cell -> top-left cell of its range
    for span in sheet.merged_cells.ranges:  # type: ignore[attr-defined]
        if (span.max_row - span.min_row + 1) * (span.max_col - span.min_col + 1) > 100_000:
            continue
        for row in range(span.min_row, span.max_row + 1):
            for column in range(span.min_col, span.max_col + 1):
                if (row, column) != (span.min_row, span.min_col):
                    merged[(row, column)] = (span.min_row, span.min_col)
    rows_needed = sorted(set(numbers) | {row for row, _ in merged if row <= (numbers[-1] if numbers else 0)})

    def text(row: int, column: int) -> str:
        cell = present.get((row, column))
        if cell is not None and cell.value is not None:
            return _xlsx_text(cell)
        return clean_cell(unread[(row, column)][:LIMITS.cell_chars]) if (row, column) in unread else ""

    result: list[tuple[int, list[str]]] = []
    for row in rows_needed:
        cells: list[str] = []
        down: list[bool] = []
        for column in range(1, width + 1):
            origin = merged.get((row, column))
            if origin and origin[1] == column:  # merged down from above: the group's text
                cells.append(text(*origin))
                down.append(True)
            elif origin:  # spanned from the left: once
                cells.append("")
                down.append(False)
            else:
                cells.append(text(row, column))
                down.append(False)
        if down and down[0]:
            cells = ["" if merged_down else value for value, merged_down in zip(cells, down, strict=True)]
        result.append((row, cells))
    return result


_DAYLESS = re.compile(r"^[^d]*m+[^d]*y+[^d]*$|^[^d]*y+[^d]*m+[^d]*$", re.IGNORECASE)


def _xlsx_text(cell: object) -> str:
    value = cell.value  # type: ignore[attr-defined]
    if hasattr(value, "strftime"):
        if _DAYLESS.match(str(getattr(cell, "number_format", "")).replace("\\", "")):
            return value.strftime("Tháng %m/%Y")
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return clean_cell(value[:LIMITS.cell_chars])
    return str(value)
