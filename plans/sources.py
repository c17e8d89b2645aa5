"""Opening plan files: bytes in, a `Document` of text lines and table rows out.

Formats:
* .txt / .md - text in UTF-8 (with or without BOM), UTF-16 or Windows-1258;
  tab-separated tables (one row a line, as text extracted from Word/PDF),
  markdown pipe tables and HTML `<table>` fragments;
* .docx - paragraphs and tables (python-docx), merged cells made blank where
  they continue the cell above, so that the table reader sees what a
  printed page shows;
* .xlsx - every sheet's rows (openpyxl).

Every failure is a `PlanReadError` with a Vietnamese message naming the file.
Nothing here knows what a task is.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from plans.model import PlanReadError
from plans.text import clean_cell

SUPPORTED = (".txt", ".md", ".docx", ".xlsx")


@dataclass
class Row:
    """One table row: its cells' raw text and where it stands in the file."""

    cells: list[str]
    line: int


@dataclass
class Document:
    """The readable content of a plan file."""

    name: str
    sha256: str
    lines: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)


def open_document(path: Path) -> Document:
    """Read `path` into a Document, or raise PlanReadError."""
    name = path.name
    if not path.exists():
        raise PlanReadError("không tìm thấy tệp.", source=str(path))
    if path.is_dir():
        raise PlanReadError("đây là một thư mục, không phải tệp kế hoạch.", source=str(path))
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise PlanReadError(
            f"không đọc được loại tệp «{suffix or 'không có đuôi'}»; chỉ nhận .txt, .md, .docx, .xlsx.",
            source=name,
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PlanReadError(f"không mở được tệp ({error.strerror}).", source=name) from error
    digest = hashlib.sha256(data).hexdigest()
    if suffix in (".txt", ".md"):
        return _text_document(name, digest, decode_text(data, name))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        kind = "Word (.docx)" if suffix == ".docx" else "Excel (.xlsx)"
        raise PlanReadError(f"tệp không phải là tệp {kind} hợp lệ (hỏng hoặc sai đuôi).", source=name)
    if suffix == ".docx":
        return _docx_document(name, digest, data)
    return _xlsx_document(name, digest, data)


def decode_text(data: bytes, name: str) -> str:
    """Decode a text plan, whatever encoding an office PC saved it in."""
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
            text = data.decode("cp1258", errors="replace")
    if _looks_binary(text):
        raise PlanReadError("tệp không phải là văn bản (có dữ liệu nhị phân).", source=name)
    return unicodedata.normalize("NFC", text)


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:20_000]
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f")
    replaced = sample.count("\ufffd")
    return (controls + replaced) / len(sample) > 0.02


def _text_document(name: str, digest: str, text: str) -> Document:
    document = Document(name, digest)
    lines = text.splitlines()
    document.lines = lines
    html_rows = _html_rows(text)
    tabs = [line.count("\t") for line in lines]
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if tabs[number - 1] >= 2 or (tabs[number - 1] == 1 and _beside_table(tabs, number - 1)):
            document.rows.append(Row(line.split("\t"), number))
        elif stripped.startswith("|") and stripped.count("|") >= 3:
            cells = stripped.strip("|").split("|")
            if all(set(c.strip()) <= set("-: ") for c in cells):
                continue  # the |---|---| line under a markdown header
            document.rows.append(Row(cells, number))
    if html_rows and not document.rows:
        document.rows = html_rows
    return document


def _beside_table(tabs: list[int], index: int) -> bool:
    """A two-cell line ("I⇥NHÓM GIẢI PHÁP …") is a table row when a row of the table stands next to it."""
    return any(0 <= i < len(tabs) and tabs[i] >= 2 for i in (index - 1, index + 1))


class _TableParser(HTMLParser):
    """Collects the rows of HTML tables; cell markup is kept for clean_cell."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[Row] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._depth += 1
        elif tag == "tr" and self._depth:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif self._cell is not None and tag in ("p", "br", "li", "div"):
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(Row(self._row, self.getpos()[0]))
            self._row = None
        elif tag == "table":
            self._depth = max(0, self._depth - 1)

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _html_rows(text: str) -> list[Row]:
    if "<table" not in text.lower():
        return []
    parser = _TableParser()
    parser.feed(text)
    parser.close()
    return parser.rows


def _docx_document(name: str, digest: str, data: bytes) -> Document:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        word = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds on a broken package
        raise PlanReadError("tệp Word bị hỏng hoặc không phải .docx.", source=name) from error
    document = Document(name, digest)
    row_number = 0
    for child in word.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            document.lines.append(Paragraph(child, word).text)
        elif tag == "tbl":
            above: list[object] = []
            for row in Table(child, word).rows:
                row_number += 1
                cells, above = _docx_cells(row.cells, above)
                document.rows.append(Row(cells, row_number))
    return document


def _docx_cells(cells: list, above: list[object]) -> tuple[list[str], list[object]]:
    """Texts of one Word row: horizontal spans once, vertical merges blank below a blank number."""
    texts: list[str] = []
    ids: list[object] = []
    merged_down: list[bool] = []
    for index, cell in enumerate(cells):
        tc = cell._tc
        ids.append(tc)
        if index and tc is ids[index - 1]:
            texts.append("")
            merged_down.append(False)
            continue
        merged_down.append(index < len(above) and above[index] is tc)
        texts.append(cell.text)
    if merged_down and merged_down[0]:
        texts = ["" if down else text for text, down in zip(texts, merged_down, strict=True)]
    return texts, ids


def _xlsx_document(name: str, digest: str, data: bytes) -> Document:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a broken package
        raise PlanReadError("tệp Excel bị hỏng hoặc không phải .xlsx.", source=name) from error
    document = Document(name, digest)
    for sheet in book.worksheets:
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = ["" if v is None else _xlsx_text(v) for v in values]
            if not any(c.strip() for c in cells):
                continue
            document.rows.append(Row(cells, number))
            document.lines.append(" ".join(c for c in cells if c))
    return document


def _xlsx_text(value: object) -> str:
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")  # type: ignore[attr-defined]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_cell(value) if isinstance(value, str) else str(value)
