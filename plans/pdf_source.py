"""Reading a text PDF (the signed PDF a document system sends) with pdfplumber.

* Tables come from pdfplumber's line-based finder, page by page; their rows go
  to the same table reader as every other format (the header repeated on each
  page is recognised there as a page break).
* A merged cell comes back as None.  Looking at the cells' boxes, a None
  under a cell that reaches down into this row is a vertical merge: its text
  is repeated, unless the row's number cell is merged too, in which case the
  row continues the one above and the merged cells are left blank (as the
  Word reader does).  A None beside a wide cell is a horizontal span: blank.
* Text wrapped inside a cell is joined with spaces, keeping a break before
  "- ", "+ ", "•"; a line that ends with a hyphen glued to a word joins
  without a space ("NQ-⏎CP" is "NQ-CP"), so do digits ("Quý II/202⏎3") and a
  syllable's final consonants cut from its vowel by a column too narrow for
  the word ("Thườ⏎ng xuyên": no Vietnamese word is a bare "ng", "nh", "ch",
  "c", "m", "n", "p" or "t"); a cell made only of short numeral pieces
  ("VI⏎I") is one numeral.
* The text outside the tables gives the document's lines (head and prose);
  pages that draw no path at all (so no ruled table) are read by PDFium,
  which pdfplumber already depends on, a hundred times faster.
* A PDF whose pages hold no text is a scan: refused at once with what to do.

`progress(page, pages)` is called after each page so the interface can say
«Đang đọc trang 7/19…».  Text is NFC.  Nothing here knows what a task is.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from plans.model import ABOVE, PlanReadError
from plans.text import clean_text, cut_at_hyphen, fold
from plans.units import UNIT_NOUNS

_NUMERAL_PIECE = re.compile(r"^[IVXL\d.]+$")
_KEEP_BREAK = re.compile(r"^(?:[-+•–]\s|[a-zđ]\)\s)")
# «NQ⏎-CP», «KH⏎-UBND», «QĐ⏎-TTg»: a document number's suffix cut before its hyphen (not a «-Tham mưu» bullet)
_DOCUMENT_SUFFIX = re.compile(r"^-[A-ZĐ]{2,6}[a-z]?(?=$|[\s/,.;:)])")
_SUFFIXED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZĐ0123456789/")
# the final consonants of a Vietnamese syllable, alone at the start of a line: the rest of a cut word
_SYLLABLE_END = re.compile(r"^(?:ng|nh|ch|[cmnpt])(?=$|[\s,.;:)])")
_LAST_LETTERS = re.compile(r"[^\W\d_]{2,}$")  # «UBN» of «QĐ-UBN»
_NO_VOWEL = re.compile(r"[b-df-hj-np-tv-xzđ]{1,2}")  # folded letters without a vowel: no Vietnamese word

Progress = Callable[[int, int], None]
_UNIT_OPENINGS = (*UNIT_NOUNS, "cac")
_CLOSING_NOUNS = {"so", "bo", "ban", "nganh"}
_CONNECTORS = {"thuoc", "cua", "va", "voi", "tai", "cho", "ve", "cac", "nhung", "-", "&", ","}


def join_cell_lines(text: str) -> str:
    """One PDF cell's wrapped lines as the writer typed them."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return ""
    if len(lines) > 1 and all(_NUMERAL_PIECE.match(line) for line in lines):
        return "".join(lines)
    joined = lines[0]
    for line in lines[1:]:
        if _KEEP_BREAK.match(line) or (_opens_unit(line) and _whole_unit(joined.rsplit("\n", 1)[-1])):
            joined += "\n" + line  # a list, or units one a line («Sở Tư pháp⏎Sở Nội vụ»): not one name
        elif cut_at_hyphen(joined) or (
                _DOCUMENT_SUFFIX.match(line) and joined[-1] in _SUFFIXED) or (
                joined[-1].isdigit() and line[0].isdigit()) or _cut_word(joined, line):
            joined += line  # "NQ-⏎CP", "202⏎3", "Thườ⏎ng": a word cut by the column, not two words
        else:
            joined += " " + line
    return joined


def _cut_word(before: str, line: str) -> bool:
    """Whether a word is cut between `before` and `line`: a syllable's final consonants cut from its vowel
    («Thườ⏎ng»), letters no syllable is made of alone on either side («Truyền thôn⏎g», «Đầu t⏎ư»), or one
    capital after an abbreviation («UBN⏎D»)."""
    last = before.rsplit(None, 1)[-1]
    first = line.split(None, 1)[0].rstrip(",.;:)")
    if fold(before[-1]) in "aeiouy" and _SYLLABLE_END.match(line):
        return True
    if before[-1].isalpha() and _NO_VOWEL.fullmatch(fold(first)) and first.islower():
        return True
    if _NO_VOWEL.fullmatch(fold(last)) and last.islower() and line[0].islower():
        return True
    letters = _LAST_LETTERS.search(last)
    return len(first) == 1 and first.isupper() and letters is not None and letters[0].isupper()


def _opens_unit(text: str) -> str | None:
    """The unit's noun in capitals `text` opens with («Sở», «Văn phòng», «Các»), folded, or None.  «Sở», «Bộ»
    alone end a name («… các phòng chuyên môn⏎Sở»); «Văn phòng» alone opens one («Văn phòng⏎UBND tỉnh»)."""
    folded = fold(text).strip()
    if not text[:1].isupper() or folded in _CLOSING_NOUNS:
        return None
    return next((noun for noun in _UNIT_OPENINGS if folded.startswith(noun + " ") or folded == noun), None)


def _whole_unit(text: str) -> bool:
    """Whether the text since a cell's last kept break ends a unit: opened by a unit's noun and going on past
    it («Sở Tư pháp»; not «Văn phòng» of «Văn phòng⏎UBND tỉnh»), or the short tail of a name the page break
    cut («và Truyền thông» of «Sở Thông tin⏎và Truyền thông», at the top of the next page)."""
    if fold(text).split()[-1] in _CONNECTORS:  # «… đơn vị trực thuộc⏎Sở»: the name goes on
        return False
    noun = _opens_unit(text)
    if noun is None:
        return text[:1].islower() and len(text.split()) <= 4
    return len(fold(text).strip()) > len(noun) + 2


@dataclass
class PdfText:
    """What a PDF holds: its lines outside tables, its table rows, the indexes of the rows that go on from the
    page before, and the lines of text above a table (by the index of its first row: its title)."""

    lines: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    continued: set[int] = field(default_factory=set)
    above: dict[int, tuple[str, ...]] = field(default_factory=dict)
    chars: int = 0
    pages: list[int] = field(default_factory=list)  # the page number of each line

    def page_lines(self) -> Iterator[tuple[int, str]]:
        return zip(self.pages, self.lines, strict=True)


def read_pdf(data: bytes, name: str, progress: Progress | None = None) -> PdfText:
    """The text and tables of a PDF, or PlanReadError.  A row goes on from the page before when it is the
    first of a table at the top of a page, with nothing but a page number above it: a table cut by the page
    break.  Any other table keeps the lines between it and what stands above it on its page.

    Pages without a single drawn path cannot hold a ruled table: their text comes from PDFium (a C library
    pdfplumber already installs, 100 times faster than parsing the page in Python); only pages with paths go
    through pdfplumber's table finder.
    """
    try:
        plain = _plain_pages(data)
        read = _read_pages(data, plain, progress)
    except PlanReadError:
        raise
    except Exception as error:  # pdfium and pdfminer raise many kinds on a damaged file
        raise PlanReadError("tệp PDF bị hỏng hoặc không đọc được.", source=name) from error
    if read.chars == 0:
        raise PlanReadError(
            "tệp PDF là bản quét (chỉ có hình ảnh, không có chữ) nên không đọc được nội dung. "
            "Hãy xin đơn vị gửi bản PDF có chữ hoặc tệp Word (.docx) của kế hoạch.",
            source=name,
        )
    return read


def _plain_pages(data: bytes) -> dict[int, str]:
    """The text of every page that draws no path (so holds no ruled table), by page index."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    document = pypdfium2.PdfDocument(data)
    plain: dict[int, str] = {}
    try:
        for index in range(len(document)):
            page = document[index]
            if not any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH])):
                # PDFium gives a non-breaking hyphen as U+FFFE, never a character: «NĐ-CP» not «NĐCP»
                plain[index] = clean_text(page.get_textpage().get_text_range().replace("\ufffe", "-"))
    finally:
        document.close()
    return plain


def _read_pages(data: bytes, plain: dict[int, str], progress: Progress | None) -> PdfText:
    import pdfplumber

    read = PdfText()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = len(pdf.pages)
        for number, page in enumerate(pdf.pages, start=1):
            if number - 1 in plain:
                text = plain[number - 1]
                read.chars += len(text.strip())
            else:
                tables = page.find_tables()
                boxes = [table.bbox for table in tables]
                _read_tables(page, tables, boxes, read)
                outside = page.filter(_outside(boxes)) if boxes else page
                text = outside.extract_text() or ""
                read.chars += len(page.chars)
                page.flush_cache()
            lines = text.split("\n")
            read.lines.extend(unicodedata.normalize("NFC", line) for line in lines)
            read.pages.extend([number] * len(lines))
            if progress:
                progress(number, pages)
    return read


def _read_tables(page: Any, tables: list[Any], boxes: list[tuple[float, float, float, float]], read: PdfText) -> None:
    """A page's tables into `read`, each with what stands above it: nothing but a page number over the first
    (a table going on from the page before), or its title."""
    upper = 0.0
    for index, table in enumerate(tables):
        lines = _lines_between(page, boxes, upper, table.bbox[1])
        if index == 0 and read.rows and _PAGE_NUMBER.match("".join(lines)):
            read.continued.add(len(read.rows))
        elif lines:
            read.above[len(read.rows)] = tuple(lines[-ABOVE:])
        read.rows.extend(_table_rows(table))
        upper = table.bbox[3]


_PAGE_NUMBER = re.compile(r"^[\s\-–—]*(?:trang\s*)?\d*[\s\-–—]*$", re.IGNORECASE)


def _lines_between(page: Any, boxes: list[tuple[float, float, float, float]], upper: float,
                   lower: float) -> list[str]:
    """The lines of text outside the tables between two heights of a page."""
    region = page.filter(lambda obj: obj.get("object_type") == "char" and obj["top"] >= upper - 1
                         and obj["bottom"] <= lower + 1 and not _inside(obj, boxes))
    text = region.extract_text() or ""
    return [unicodedata.normalize("NFC", line).strip() for line in text.split("\n") if line.strip()]


def _outside(boxes: list[tuple[float, float, float, float]]) -> Callable[[dict[str, Any]], bool]:
    """A page filter keeping what lies outside the tables' boxes."""
    return lambda obj: not _inside(obj, boxes)


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    if obj.get("object_type") != "char":
        return False
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _table_rows(table: Any) -> list[list[str]]:
    result: list[list[str]] = []
    above: list[tuple[float, float, float, float] | None] = []
    carried: list[str] = []  # the text of the cell each column's box came from
    for row, values in zip(table.rows, table.extract(), strict=False):
        boxes = list(row.cells)
        top = min((box[1] for box in boxes if box), default=0.0)
        cells: list[str] = []
        down: list[bool] = []
        for index, (box, value) in enumerate(zip(boxes, values, strict=False)):
            reaching = above[index] if index < len(above) else None
            if box is None and reaching is not None and reaching[3] > top + 1:
                cells.append(carried[index])
                down.append(True)
                boxes[index] = reaching
            else:
                cells.append(unicodedata.normalize("NFC", join_cell_lines(value or "")))
                down.append(False)
        above, carried = boxes, list(cells)
        if down and down[0]:
            cells = ["" if merged else text for text, merged in zip(cells, down, strict=True)]
        result.append(cells)
    return result
