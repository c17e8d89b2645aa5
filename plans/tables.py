"""Reading an appendix task table (bảng phụ lục nhiệm vụ) into tasks.

The table arrives as rows of cell texts (see `plans.sources`).  Reading goes:

1. **Header**: the first row whose cells name at least a content column and
   two other known columns; a second row naming only sub-columns ("Chủ trì |
   Phối hợp" under "Đơn vị thực hiện", "Bắt đầu | Hoàn thành" under "Thời
   gian") is merged into it.  Columns are found by name (`COLUMN_NAMES`), never
   by position; a header with other columns further down starts another
   table («Phụ lục II»), read by its own, its tasks under the title written
   above it (a title row, a sheet's title, the lines of a Word or text
   file above the table); a header seen again is a page
   break: a row with the same column names, or one of the header's rows word
   for word (a repeated "Chủ trì | Phối hợp").  A cell of many words, or one opened by
   "Hoạt động 1:", never names a column, and a row is a sub-header only with
   two cells or more, each naming a column of its own: the text of a task
   continued after a page break ("... hồ sơ công việc ...") is kept; the row
   numbering the columns under it («(1) | (2) | (3)») is skipped.  A column
   the register has no field for ("Ghi chú", "Căn cứ", "Chỉ tiêu", a name not
   known) is not dropped: its cell joins the task's context as "name: text",
   and a warning names the column — unless the table has no unit column and
   such columns hold only marks («x», «CT», «PH»): a matrix of units, read
   as each task's lead and coordinating units.
2. **Rows**: each row is a section heading (I, II / "1. Tập trung ..." in the
   number cell / a lone "NĂM 2021"), a numbered item, or an unnumbered row.
   An unnumbered row right after a page break (the header seen again, or the
   first row of a PDF page whose table goes on from the page before, its unit
   or deadline empty) continues the cells of the row before it; where one of its cells starts a new "Nhiệm vụ 2:" or
   "Hoạt động 1:" over a filled cell, the row splits there into the end of
   the old item and a new item.  An unnumbered row elsewhere that has cells
   of its own (product, unit, deadline, or a new label) is a new item in a
   merged group and inherits the merged cells above it.
3. **Headings among items**: a numbered item with no product, unit or
   deadline whose next numbered item is its child ("4" then "4.1") is a
   heading; its children carry it in their section path.
4. **Tasks**: units split into lead and coordinating, deadlines read with the
   plan year, a heading's period lent to tasks without deadline (inferred).

Every decision the officer should check is an `ImportWarning`.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field
from datetime import date

from plans.dates import excel_serial_day, read_day
from plans.deadlines import deadline_in_text, parse_deadline
from plans.model import ImportWarning, ParsedTask, reading_warnings
from plans.sources import Row
from plans.text import clean_cell, fold, join_text, parse_budget
from plans.units import marks_roles, names_unit, read_assignment

# Column roles, each with the folded names plans give it (checked in this order).
COLUMN_NAMES: list[tuple[str, tuple[str, ...]]] = [
    ("number", ("so tt", "stt", "tt", "so thu tu")),
    ("goal", ("muc tieu",)),
    ("budget", ("kinh phi", "du toan")),
    # «Cơ quan chủ trì/phối hợp», «Đơn vị chủ trì, phối hợp»: both in one cell (`_who`)
    ("lead_coordinating", ("chu tri phoi hop", "chu tri, phoi hop", "chu tri - phoi hop")),
    ("lead", ("chu tri", "dau moi", "co quan trinh")),
    ("coordinating", ("phoi hop",)),
    ("assignment", ("phan cong", "don vi thuc hien", "co quan thuc hien", "trach nhiem", "don vi")),
    ("deadline", ("thoi gian", "thoi han", "han hoan thanh", "tien do", "thoi diem", "han chot", "lo trinh")),
    ("result", ("ket qua thuc hien", "ket qua dat duoc")),  # a tracking table's (beside its status), else product
    ("product", ("san pham", "ket qua", "hinh thuc van ban")),
    ("activity", ("hoat dong",)),
    ("content", ("noi dung", "ten nhiem vu", "cong viec", "nhiem vu cu the", "ten van ban")),
    ("mission", ("nhiem vu", "giai phap")),
    # what an officer's own tracking table records: its status and the day each task was done
    ("status", ("trang thai", "tinh hinh thuc hien", "tinh trang")),
    ("done_on", ("ngay hoan thanh",)),
    ("note", ("ghi chu",)),
    ("basis", ("can cu",)),
    ("head", ("nguoi dung dau",)),
]
_UNIT_ROLES = ("lead", "coordinating", "assignment")
_OWN_ROLES = ("product", "lead", "coordinating", "assignment", "deadline", "budget")
# Columns with no field of their own in the register — «Ghi chú», «Căn cứ», «Chỉ tiêu», any name not known — are
# kept: each cell goes to its task's context as «name: text» (a cell key of this prefix and the column's name).
_KEPT_ROLES = ("note", "basis", "head")
_KEPT = "column:"
_LABEL = re.compile(r"(?:muc tieu|nhiem vu|hoat dong)\s*\d+\s*:")
_ROMAN = re.compile(r"^([IVXL]+)(?:\s*[.)/:-]\s*|\s+|$)(.*)$")
_GROUP_LETTER = re.compile(r"^([A-ZĐ])(?:\s*[.)]\s*|$)(.*)$")  # "A", "B." groups above roman sections
_NUMBER_LIKE = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[a-zđ]\s*[.)]?|[IVXL]+\.?)$", re.IGNORECASE)
_LETTER_NUMBER = re.compile(r"^[a-zđ]\s*[.)]?$")  # «a», «b)», «c.»: the parts of the numbered task above
_NUMBERED_TITLE = re.compile(r"^(\d+(?:\.\d+)*)\s*[.)]\s+(\S.*)$")
_TOTAL = re.compile(r"^(?:tong cong|tong so|cong)\s*:?\s*$")
# «Tổng cộng (I+II)», «Tổng», «Cộng mục I», «Tổng kinh phí»: a total when nothing but figures stand beside it
# («Tổng kết công tác năm», «Cộng tác viên» are not: the word after is not one of these)
_TOTAL_LABEL = re.compile(r"^(?:tong cong|tong so|tong kinh phi|tong|cong)(?:\s*[:(]|\s+(?:muc|phan)\b|\s*$)")
_PERIOD_HEADING = re.compile(r"^(?:nam|quy|qui|thang|6 thang|9 thang|giai doan|(?:19|20)\d\d)\b")
# a section written in the content column with the number cell empty: «I. Cải cách thể chế», «A. …» (capitals:
# «a)», «i.» open the parts of a task), «Phần I: …», «Phần thứ nhất: …», «Nhóm 1: …» (these folded)
_TITLED_SECTION = re.compile(r"^(?:[IVXL]+|[A-ZĐ])\s*[.)]\s+\S")
_SECTION_WORD = re.compile(r"^(?:phan|nhom|chuong)\s+(?:[ivxl]+|\d+|thu)\b")


#: A header cell names its column in a few words («8- Kinh phí (triệu đồng)», «Cơ quan chủ trì thực hiện»); a
#: longer cell, or one opened by «Hoạt động 1:», is a task's text that happens to hold «công việc» or «kết quả».
_HEADER_WORDS = 8


def _header_role(text: str) -> str | None:
    found = _header_name(text)
    return found[0] if found else None


def _header_name(text: str) -> tuple[str, int] | None:
    """(role, rank of the name among the role's names: 0 the plainest) of a header cell."""
    if len(text) > 120:  # a task's text (a header cell has at most `_HEADER_WORDS` words), told at once
        return None
    name = re.sub(r"^\s*\d+\s*[-.)]\s*", "", fold(clean_cell(text)))
    name = " ".join(name.replace("/", " ").split())
    if not name or name.count(" ") >= _HEADER_WORDS or _LABEL.match(name):
        return None
    if re.search(r"\bbat dau\b", name):
        return "start", 0  # «Thời gian bắt đầu» beside «Thời gian kết thúc»: the work's start, not its deadline
    compact = name.replace(" ", "")
    for role, names in COLUMN_NAMES:
        for rank, candidate in enumerate(names):
            if name == candidate or (len(candidate) > 3 and candidate in name):
                return role, rank
            if len(compact) <= 12 and compact == candidate.replace(" ", ""):
                return role, rank  # a header word broken by a narrow column: "Số⏎T⏎T"
    return None


@functools.cache
def _column_name_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """Every column name as one pattern, the longest first (a word counts for one name), and each name's role."""
    roles = {name: role for role, names in reversed(COLUMN_NAMES) for name in names}
    names = sorted(roles, key=len, reverse=True)
    return re.compile(r"(?<!\S)(?:" + "|".join(map(re.escape, names)) + r")(?!\S)"), roles


def names_columns(line: str) -> bool:
    """Whether one line of text names the columns of a task table — its content and two more, in words that
    are mostly column names («Số TT Nội dung Sản phẩm Phân công thực hiện Thời gian hoàn thành»; not a sentence
    on «phối hợp thực hiện nhiệm vụ giữa các đơn vị»): the header of a table drawn without lines, whose cells
    a PDF's text runs together."""
    words = fold(line).replace("/", " ").split()
    if not words or len(words) > 3 * _HEADER_WORDS:
        return False
    pattern, role_of = _column_name_pattern()
    found = pattern.findall(" ".join(words))
    roles = {role_of[name] for name in found}
    named = sum(name.count(" ") + 1 for name in found)
    return bool(roles & {"content", "activity", "mission"}) and len(roles) >= 3 and named >= 0.6 * len(words)


def column_roles(cells: list[str]) -> dict[int, str] | None:
    """Map column index -> role if `cells` is a task-table header, else None.  Two columns named for one role
    («Tiến độ thực hiện» and «Thời gian hoàn thành»): the plainer name has it (`COLUMN_NAMES` order), the
    leftmost of equals; the other is a column of its own, kept as text."""
    best: dict[str, tuple[int, int]] = {}  # role -> (rank, index)
    for index, cell in enumerate(cells):
        named = _header_name(cell)
        if named and (named[0] not in best or named[1] < best[named[0]][0]):
            best[named[0]] = (named[1], index)
    roles = {index: role for role, (_, index) in sorted(best.items(), key=lambda item: item[1][1]) if role != "start"}
    found = set(roles.values())
    if "activity" in found and "content" not in found:
        roles = {i: ("content" if r == "activity" else r) for i, r in roles.items()}
    elif "mission" in found and "content" not in found:
        roles = {i: ("content" if r == "mission" else r) for i, r in roles.items()}
    if "result" in found and "status" not in found:  # a plan's «Kết quả thực hiện»: what the task is to produce
        roles = {i: ("product" if r == "result" else r) for i, r in roles.items()
                 if r != "result" or "product" not in found}
    found = set(roles.values())
    if "content" not in found or len(found) < 3:
        return None
    return roles


@dataclass
class _Item:
    """A row that may become a task, with its cells by role."""

    cells: dict[str, str]
    number: str
    line: int
    sections: list[str]
    joined_lines: list[int] = field(default_factory=list)
    # an unnumbered row of a merged group: the item above, and the roles whose text came from its merged cells
    merged_from: tuple[_Item, frozenset[str]] | None = None

    def has_own(self) -> bool:
        """Whether the row carries a product, a unit, a deadline or a budget."""
        return any(self.cells.get(role) for role in _OWN_ROLES)


@dataclass
class TableReading:
    """What the table reader found: tasks in plan order and its warnings."""

    tasks: list[ParsedTask]
    warnings: list[ImportWarning]


@dataclass(frozen=True)
class _Header:
    """A table's header: its columns' roles and names, its rows' words (seen again at a page break)."""

    roles: dict[int, str]
    names: dict[int, str]
    words: frozenset[tuple[str, ...]]
    line: int
    title: str = ""  # written above the table (`_table_title`)


def _header_at(rows: list[Row], index: int) -> tuple[_Header, int] | None:
    """The header starting at `rows[index]`, a second row of sub-columns merged, and the index of its last row."""
    roles = column_roles(rows[index].cells)
    if not roles:
        return None
    below = _sub_header(rows[index + 1].cells) if index + 1 < len(rows) else None
    last = index + 1 if below else index
    header_rows = rows[index:last + 1]
    titled = _table_title(rows[index].above)
    return _Header(_merge_header(roles, below) if below else roles, _column_names(header_rows),
                   frozenset(_words(row) for row in header_rows), rows[index].line, titled[1] if titled else ""), last


def find_header(rows: list[Row]) -> tuple[_Header, int, int] | None:
    """The first header of a task table in `rows`, and the indexes of its first and last rows."""
    return next(((found[0], index, found[1]) for index in range(len(rows)) if (found := _header_at(rows, index))),
                None)


def _words(row: Row) -> tuple[str, ...]:
    """A row's cells as words, for telling a header row repeated at a page break."""
    cells = [" ".join(fold(clean_cell(cell)).split()) for cell in row.cells]
    while cells and not cells[-1]:
        cells.pop()
    return tuple(cells)


_SUB_HEADER_WORDS = {"hoan thanh": "deadline", "ket thuc": "deadline"}  # «Bắt đầu»: `_header_name`


def _sub_header(cells: list[str]) -> dict[int, str] | None:
    """The second row of a two-row header ("Chủ trì | Phối hợp" under "Đơn vị thực hiện"), by column: two
    cells or more, each naming a column of its own (a row of the table continued after a page break, whose
    two cells both hold «công việc», is text)."""
    found: dict[int, str] = {}
    for index, cell in enumerate(cells):
        text = fold(clean_cell(cell)).strip()
        if not text:
            continue
        role = _SUB_HEADER_WORDS.get(text) or _header_role(cell)
        if role is None or role in found.values():
            return None
        found[index] = role
    return found if len(found) > 1 else None


def _merge_header(top: dict[int, str], below: dict[int, str]) -> dict[int, str]:
    roles = {**top, **below}
    if {"lead", "coordinating"} <= set(below.values()):
        roles = {i: r for i, r in roles.items() if r != "assignment" or i in below}
    if "deadline" in below.values():
        roles = {i: r for i, r in roles.items() if r != "deadline" or i in below}
    return {i: r for i, r in roles.items() if r != "start"}


def read_table(rows: list[Row], year: int | None, issued: date | None = None) -> TableReading | None:
    """Read the task table in `rows`, or None when there is none; `year` and `issued` (the plan's issue date)
    are what its deadlines are read with (`parse_deadline`)."""
    found = find_header(rows)
    if found is None:
        return None
    header, first, last = found
    items, warnings = _collect_items(rows[last + 1:], header, _first_title(rows, first))
    marked = _units_from_marks(items, header.roles, header.names)
    if marked:
        warnings.append(ImportWarning("unit_columns", f"các cột {', '.join(f'«{name}»' for name in marked)} là đơn "
                                      "vị: «x», «CT» đánh dấu đơn vị chủ trì, «PH» đơn vị phối hợp.", header.line))
    tasks = _build_tasks(_promote_headings(items), year, issued, warnings)
    kept = sorted({key for item in items for key, text in item.cells.items() if key.startswith(_KEPT) and text})
    warnings[:0] = [ImportWarning("kept_column", f"cột «{key.removeprefix(_KEPT)}» không có ô riêng trong sổ: "
                                  "chữ của cột được giữ kèm dưới nội dung từng nhiệm vụ.", header.line)
                    for key in kept]
    return TableReading(tasks, warnings)


_MARKS = {"x": "lead", "ct": "lead", "chu tri": "lead", "ph": "coordinating", "phoi hop": "coordinating"}


def _units_from_marks(items: list[_Item], roles: dict[int, str], names: dict[int, str]) -> list[str]:
    """A table of assignments drawn as a matrix — a column per unit, «x» or «CT» under the lead, «PH» under the
    others — and no unit column of its own: the marked columns give each task its lead and coordinating
    units (kept as text they left every task without a lead).  The units' names, in column order."""
    if set(_UNIT_ROLES) & set(roles.values()):
        return []
    filled = {key for item in items for key, text in item.cells.items() if key.startswith(_KEPT) and text}
    columns = [_KEPT + name for _, name in sorted(names.items()) if _KEPT + name in filled and all(
        fold(item.cells[_KEPT + name]).strip(" .") in _MARKS for item in items if item.cells.get(_KEPT + name))]
    if not columns:
        return []
    for item in items:
        marks = {key: _MARKS[fold(item.cells.pop(key)).strip(" .")] for key in columns if item.cells.get(key)}
        for role in ("lead", "coordinating"):
            item.cells[role] = "\n".join(key.removeprefix(_KEPT) for key, marked in marks.items() if marked == role)
    return [key.removeprefix(_KEPT) for key in columns]


def _column_names(header: list[Row]) -> dict[int, str]:
    """Each column's name as the header writes it (the lower header row's where it has one)."""
    names: dict[int, str] = {}
    for row in header:
        for index, cell in enumerate(row.cells):
            if name := " ".join(clean_cell(cell).split()):
                names[index] = name
    return names


def _who(cell: str) -> dict[str, str]:
    """The cell of a «chủ trì/phối hợp» column by role: «X/Y, Z» is X leading and Y, Z helping; a cell that
    marks its roles («X chủ trì; Y phối hợp») or has no «/» is an assignment to read as written."""
    lead, slash, helpers = cell.partition("/")
    if slash and not marks_roles(cell):
        return {"lead": lead.strip(), "coordinating": helpers.strip()}
    return {"assignment": cell}


def _cells_by_role(row: Row, roles: dict[int, str], names: dict[int, str]) -> dict[str, str]:
    cells: dict[str, str] = {}
    for index, role in roles.items():
        if index < len(row.cells) and role == "lead_coordinating":
            cells.update(_who(clean_cell(row.cells[index])))
        elif index < len(row.cells) and role not in _KEPT_ROLES:
            cells[role] = clean_cell(row.cells[index])
    extra = {index: clean_cell(cell) for index, cell in enumerate(row.cells)
             if (index not in roles or roles[index] in _KEPT_ROLES) and clean_cell(cell)}
    if extra and not any(cells.values()):
        cells["content"] = " ".join(extra.values())  # a heading or text across the row, in a column of its own
        return cells
    for index, text in extra.items():
        cells[_KEPT + names.get(index, f"cột {index + 1}")] = text
    return cells


def _number_in_content(cells: dict[str, str], roles: dict[int, str]) -> str:
    """A table with no number column numbers its tasks in their text («1. Rà soát văn bản»): the number,
    taken off the content, of a row that has cells of its own (a numbered title alone heads a section)."""
    titled = _NUMBERED_TITLE.match(cells.get("content", "")) if "number" not in roles.values() else None
    if titled is None or not any(cells.get(role) for role in _OWN_ROLES):
        return ""
    cells["content"] = titled.group(2)
    return titled.group(1)


def _heading(cells: dict[str, str], number: str) -> tuple[int, str, str] | None:
    """(level, title, number of a numbered heading) when the row is a section heading."""
    others = [v for k, v in cells.items() if k != "number" and not k.startswith(_KEPT) and v]
    roman = _ROMAN.match(number) or (_GROUP_LETTER.match(number) if others else None)
    if roman and not any(cells.get(r) for r in _OWN_ROLES):
        title = " ".join(p for p in (roman.group(2), *others[:1]) if p)
        return 1, f"{roman.group(1)}. {title}" if title else roman.group(1), ""
    titled = _NUMBERED_TITLE.match(number)
    if titled and not others:
        depth = titled.group(1).count(".") + 2
        return depth, f"{titled.group(1)}. {titled.group(2)}", titled.group(1)
    lone = [number] if number and not others and not _NUMBER_LIKE.match(number) else others
    # a heading is written in the table's first column (or across it): a lone text further right is the
    # tail of a cell cut by a page break («VC.» of «CB, CC, VC» in the third column), not a heading
    leftmost = next(iter(cells.values()), "")
    if len(lone) == 1 and not cells.get("deadline") and (lone == [number] or (not number and leftmost == lone[0])):
        text = lone[0]
        folded = fold(text)
        if (text.isupper() and len(text) < 80) or (_PERIOD_HEADING.match(folded) and len(text) < 40) or (
                not number and (_TITLED_SECTION.match(text) or _SECTION_WORD.match(folded)) and len(text) < 150):
            return 1, text, ""
    return None


@dataclass
class _Sections:
    """The section headings above the row being read, outermost first, each with its level and number."""

    levels: list[int] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)

    def enter(self, level: int, title: str, number: str) -> None:
        while self.levels and self.levels[-1] >= level:
            self._leave()
        self.levels.append(level)
        self.titles.append(title)
        self.numbers.append(number)

    def extend(self, text: str) -> None:
        """The innermost heading goes on with `text` (cut by a page break)."""
        self.titles[-1] = f"{self.titles[-1]} {text}"

    def leave_for(self, number: str) -> None:
        """Close the numbered headings an item's number is not under ("2" after "1. Tập trung…" › "1.3")."""
        while number and self.numbers and self.numbers[-1] and not number.startswith(self.numbers[-1] + "."):
            self._leave()

    def _leave(self) -> None:
        self.levels.pop()
        self.titles.pop()
        self.numbers.pop()


#: The level of a heading known only by the numbering starting again below it: inside every numbered one.
_GROUP_LEVEL = 9


def _first_title(rows: list[Row], start: int) -> str:
    """The first table's title when an appendix's heading stands above it («PHỤ LỤC I», «(Kèm theo Kế hoạch
    số …)»): in the text above it (Word, text, HTML) or in the rows just above its header (a sheet) — not the
    end of the plan's own title when the table follows it."""
    texts = ([cell.strip() for cell in row.cells if cell.strip()] for row in rows[max(0, start - 3):start])
    lines = rows[start].above or tuple(cells[0] for cells in texts if len(cells) == 1)
    if not any(fold(line).lstrip("( ").startswith(("phu luc", "kem theo")) for line in lines):
        return ""
    titled = _table_title(lines)
    return titled[1] if titled else ""


def _collect_items(rows: list[Row], header: _Header, first_title: str) -> tuple[list[_Item], list[ImportWarning]]:
    items: list[_Item] = []
    warnings: list[ImportWarning] = []
    sections = _Sections()
    after_break = False
    joined: tuple[_Item, dict[str, str]] | None = None  # the item a row after a page break went to, and its cells
    header_end = -1  # the last row of a header met below the first
    above: tuple[int, str, str] | None = None  # a heading since the last item: a table met next is under it
    seen = {header.title, first_title}  # the titles written above the tables so far
    first_titled = False  # the first table's tasks put under its title (when a second table has one)
    for position, row in enumerate(rows):
        if position <= header_end:
            continue
        numbered = bool(row.cells) and bool(_NUMBER_LIKE.match(row.cells[0].strip()))  # a header's first cell never is
        again = not numbered and (_is_header_again(row, header.roles) or _words(row) in header.words)
        titled = _table_title(row.above) if not numbered else None
        fresh = titled if titled and titled[1] not in seen else None  # a title repeated on each page: a page break
        if again and not fresh:
            after_break = True  # the header again: a page break
            continue
        if not numbered and (other := _header_at(rows, position)):  # another table («Phụ lục II»), its own columns
            header, header_end = other  # (the same columns under a title of its own: another table too)
            sections, after_break, joined = _Sections(), False, None
            if title_row := above or fresh:  # «NHIỆM VỤ TUYÊN TRUYỀN» above it (a sheet's title, a paragraph)
                sections.enter(*title_row)
                if first_title and not first_titled:  # the first table's tasks under its own title too
                    first_titled = True
                    for item in items:
                        item.sections.insert(0, first_title)
            seen.add(header.title)
            continue
        if _is_column_index(row):
            continue
        cells = _cells_by_role(row, header.roles, header.names)
        # a PDF page's first row, its table going on from the page before: the part of a row the break carried
        # over (its short cells — unit, deadline — ended before the break), not a whole row of its own
        after_break = after_break or (row.continues and not (cells.get("deadline") and (
            cells.get("lead") or cells.get("assignment"))))
        lone = [text for text in cells.values() if text]
        if after_break and above and len(lone) == 1 and len(lone[0]) < 80 and not _NUMBER_LIKE.match(lone[0]):
            sections.extend(lone[0])  # «V. Cải cách tài chính» ⏎ page break ⏎ «công»: one heading, cut (not «Cộng»)
            after_break = False
            continue
        if not any(cells.values()) or _is_total(cells):
            continue
        number = cells.pop("number", "") or _number_in_content(cells, header.roles)
        heading = _heading(cells, number)
        if heading:
            sections.enter(*heading)
            after_break, above = False, heading
            continue
        above = None
        sections.leave_for(number)
        if joined:
            _take_whole(cells, *joined)
            joined = None
        if not number and not after_break and (title := _group_opening(items, cells, rows[position + 1:],
                                                                        header.roles)):
            sections.enter(_GROUP_LEVEL, title, "")  # «Lĩnh vực y tế dự phòng» between «… 2» and «1 …»
        elif number or not items:
            if after_break and items:
                _mend_cut_cells(items[-1], cells)
            items.append(_Item(cells, number, row.line, list(sections.titles)))
        elif after_break:
            new = _continue(items[-1], cells, row.line)
            if new:
                items.append(new)
            else:
                joined = items[-1], {role: text for role, text in cells.items() if text}
                warnings.append(ImportWarning(
                    "joined_row", f"dòng nối tiếp sau ngắt trang được ghép vào nhiệm vụ ở dòng {items[-1].line}.",
                    row.line))
        elif _starts_new(items[-1], cells) and sections.titles != items[-1].sections:
            items.append(_Item(cells, "", row.line, list(sections.titles)))  # a heading between: no merged group
        elif _starts_new(items[-1], cells):
            items.append(_inherit(items[-1], cells, row.line))
        else:
            for role, text in cells.items():
                items[-1].cells[role] = join_text(items[-1].cells.get(role, ""), text)
            warnings.append(ImportWarning(
                "joined_row", f"dòng không số thứ tự được ghép vào nhiệm vụ ở dòng {items[-1].line}.", row.line))
        after_break = False
    return items, warnings


def _table_title(lines: tuple[str, ...]) -> tuple[int, str, str] | None:
    """The heading of a table from the text just above it: the nearest line in capitals or «Phụ lục II», not
    a «(Kèm theo …)» line."""
    for line in reversed(lines):
        if len(line) < 120 and not line.startswith("(") and (line.isupper() or fold(line).startswith("phu luc")):
            return 1, line, ""
    return None


def _group_opening(items: list[_Item], cells: dict[str, str], following: list[Row],
                   roles: dict[int, str]) -> str | None:
    """The title of a row opening a group: one short text alone, not a task's «Hoạt động 2:», and the numbering
    starting again below it (from 1 when it stands first) — not the end of the task above."""
    texts = [text for text in cells.values() if text]
    if len(texts) != 1 or len(texts[0]) >= 150 or "\n" in texts[0] or _LABEL.match(fold(texts[0])):
        return None
    if items and _starts_new(items[-1], cells):
        return None
    return texts[0] if _numbering_restarts(items[-1].number if items else "1", following, roles) else None


#: How far below a title row its group's first task may stand (a table of thousands of unnumbered rows would
#: otherwise be read again below each of them).
_LOOKAHEAD = 50


def _numbering_restarts(previous: str, following: list[Row], roles: dict[int, str]) -> bool:
    """Whether the next numbered row numbers again from where `previous` began («… 2», title, «1 …»): the row
    between titles a new group, it does not go on with the task above."""
    column = next((index for index, role in roles.items() if role == "number"), None)
    before = _top_number(previous)
    if column is None or before is None:
        return False
    for row in following[:_LOOKAHEAD]:
        text = row.cells[column].strip() if column < len(row.cells) else ""
        if text and not _is_header_again(row, roles):
            after = _top_number(text)
            return after is not None and after <= before
    return False


def _top_number(number: str) -> int | None:
    head = number.strip().rstrip(".").split(".")[0]
    return int(head) if head.isdigit() else None


_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,2})\)?$")


def _is_column_index(row: Row) -> bool:
    """The row numbering the columns under the header, «(1) | (2) | (3) | …» or «1 | 2 | 3 | …», as official
    tables have it: not a task «(2)» led by «(4)»."""
    numbers = [_COLUMN_NUMBER.match(cell.strip()) for cell in row.cells if cell.strip()]
    if len(numbers) < 3 or not all(numbers):
        return False
    values = [int(match.group(1)) for match in numbers if match]
    return values == list(range(values[0], values[0] + len(values)))


def _take_whole(cells: dict[str, str], item: _Item, tails: dict[str, str]) -> None:
    """A cell merged over the rows before and after a page break: the PDF repeats, in the row after the
    break, only the tail the page break cut (joined to `item` by then); the row shares the whole text."""
    for role, tail in tails.items():
        if cells.get(role) == tail:
            cells[role] = item.cells[role]


def _is_total(cells: dict[str, str]) -> bool:
    """A "Tổng cộng" / "Cộng" row sums the budget; it is not a task."""
    first = fold(next((text for text in cells.values() if text), ""))
    if _TOTAL.match(first):
        return True
    figures_only = not cells.get("number") and not any(cells.get(role) for role in _OWN_ROLES if role != "budget")
    return figures_only and bool(_TOTAL_LABEL.match(first))


def _is_header_again(row: Row, roles: dict[int, str]) -> bool:
    """A repeated header: its number cell names the column (cheap test first), then all roles match."""
    first = min(roles)
    if first >= len(row.cells) or _header_role(row.cells[first]) != roles[first]:
        return False
    return column_roles(row.cells) == roles


def _starts_new(previous: _Item, cells: dict[str, str]) -> bool:
    if any(cells.get(role) for role in _OWN_ROLES):
        return True
    return any(_LABEL.match(fold(text)) and previous.cells.get(role) for role, text in cells.items() if text)


def _inherit(previous: _Item, cells: dict[str, str], line: int) -> _Item:
    """A new item in a merged group: empty cells take the merged values above."""
    merged = dict(cells)
    own_lead = bool(cells.get("lead") or cells.get("assignment"))  # its own lead: its own helpers, or none
    shared = ("goal", "mission", "content", "deadline", *(() if own_lead else ("lead", "coordinating", "assignment")))
    taken = frozenset(role for role in shared if not merged.get(role) and previous.cells.get(role))
    merged.update((role, previous.cells[role]) for role in taken)
    return _Item(merged, "", line, list(previous.sections), merged_from=(previous, taken))


def _mend_cut_cells(previous: _Item, cells: dict[str, str]) -> None:
    """A numbered row at the top of a page whose cell opens mid-sentence («toán phí, lệ phí …») under a cell of
    the row above that ends mid-sentence («… thực hiện thanh»): one cell merged over both rows, cut by the page
    break — whole in each (the row below had only its end)."""
    for role, text in cells.items():
        before = previous.cells.get(role, "")
        if text[:1].islower() and before and not before.rstrip().endswith(_SENTENCE_ENDS):
            _extend(previous, role, text)
            cells[role] = previous.cells[role]


_SENTENCE_ENDS = (".", ";", ":", "!", "?", ")")


def _extend(item: _Item, role: str, text: str) -> None:
    """Join `text` to a cell of `item` — and of the items above that share it, a cell merged over several
    rows and cut by a page break: its end belongs to each («Mục tiêu 2: … Xây⏎dựng chức năng…»)."""
    # a list of units one a line cut between two of them: the next unit on a line of its own, not glued to the last
    opens = text[:1].isupper() and names_unit(text) and len(text.split()) > 1 and not text.split()[0].endswith(",")
    between = "\n" if role in _UNIT_ROLES and opens else " "  # «Sở Nội vụ» opens a unit; «Sở» ends «… chuyên môn Sở»
    while True:
        item.cells[role] = join_text(item.cells.get(role, ""), text, between)
        if item.merged_from is None or role not in item.merged_from[1]:
            return
        item = item.merged_from[0]


def _continue(previous: _Item, cells: dict[str, str], line: int) -> _Item | None:
    """Join a row after a page break to `previous`; return the new item it starts, if any."""
    order = list(cells)  # column order, left to right
    split_at: int | None = None
    for position, role in enumerate(order):
        text = cells.get(role, "")
        label = _LABEL.search(fold(text)) if text else None
        if label and (label.start() > 0 or previous.cells.get(role)):
            split_at = position
            break
    if split_at is None:
        for role, text in cells.items():
            _extend(previous, role, text)
        previous.joined_lines.append(line)
        return None
    new_cells: dict[str, str] = {}
    for position, role in enumerate(order):
        text = cells.get(role, "")
        label = _LABEL.search(fold(text)) if text else None
        if label and label.start() > 0:
            _extend(previous, role, text[: label.start()].strip())
            new_cells[role] = text[label.start():].strip()
        elif position < split_at:
            _extend(previous, role, text)
        else:
            new_cells[role] = text
    return _inherit(previous, new_cells, line)


def _number_parent(number: str) -> str:
    return number.rsplit(".", 1)[0] if "." in number else ""


@dataclass(frozen=True)
class _Heading:
    """A numbered item that groups its children ("4" above "4.1"); it is a task too when it has cells of its own."""

    number: str
    title: str
    sections: tuple[str, ...]


def _promote_headings(items: list[_Item]) -> list[_Item | _Heading]:
    """Turn numbered items that group their children into headings (after the item, when it is a task too)."""
    result: list[_Item | _Heading] = []
    numbered = [item for item in items if item.number]
    next_number = {id(a): b.number for a, b in itertools.pairwise(numbered)}
    for item in items:
        following = next_number.get(id(item), "")
        is_parent = bool(item.number) and _number_parent(following) == item.number.rstrip(".")
        if is_parent and item.has_own():
            result.append(item)  # «2» with its own lead above «2.1»: a task, and the title its parts stand under
        if is_parent:
            title = item.cells.get("content") or item.cells.get("mission") or item.cells.get("goal", "")
            result.append(_Heading(item.number.rstrip("."), title, tuple(item.sections)))
        else:
            result.append(item)
    return result


def _build_tasks(entries: list[_Item | _Heading], year: int | None, issued: date | None,
                 warnings: list[ImportWarning]) -> list[ParsedTask]:
    tasks: list[ParsedTask] = []
    parents: dict[tuple[str, ...], str] = {}
    owner: tuple[list[str], list[str]] | None = None  # (sections, path) of the last task numbered in digits
    for entry in entries:
        if isinstance(entry, _Heading):
            parents[(*entry.sections, entry.number)] = f"{entry.number}. {entry.title}"
            continue
        task = _task(entry, len(tasks) + 1, parents, year, issued, warnings)
        if _LETTER_NUMBER.match(entry.number) and owner is not None and owner[0] == entry.sections:
            task.section_path = owner[1]  # «a», «b)» under «1 …»: parts of that task, under its title
        elif entry.number[:1].isdigit():
            owner = entry.sections, [*task.section_path, f"{task.number}. {task.content}"]
        tasks.append(task)
    return tasks


def _section_path(item: _Item, parents: dict[tuple[str, ...], str]) -> list[str]:
    chain: list[str] = []
    number = _number_parent(item.number.rstrip("."))
    while number:
        key = (*item.sections, number)
        if key in parents:
            chain.insert(0, parents[key])
        number = _number_parent(number)
    return list(item.sections) + chain


def _content_and_context(cells: dict[str, str]) -> tuple[str, str]:
    layers = [cells.get("goal", ""), cells.get("mission", ""), cells.get("content", "")]
    filled = [layer for layer in layers if layer]
    kept = [f"{key.removeprefix(_KEPT)}: {text}" for key, text in cells.items() if key.startswith(_KEPT) and text]
    if not filled:
        return "", "\n".join(kept)
    return filled[-1], "\n".join(filled[:-1] + kept)


def _started(cells: dict[str, str]) -> tuple[str, str]:
    """(column name, text) of a row's «Bắt đầu» / «Thời gian bắt đầu» column (kept as text: the register has no
    start of its own); ("", "") when it has none."""
    return next(((key.removeprefix(_KEPT), text) for key, text in cells.items() if key.startswith(_KEPT)
                 and _header_role(key.removeprefix(_KEPT)) == "start"), ("", ""))


def _heading_period(sections: list[str], year: int | None):
    for title in reversed(sections):
        bare = re.sub(r"^[IVXL\d.]+\s*[.)]?\s*", "", title)
        if _PERIOD_HEADING.match(fold(bare)):
            deadline = parse_deadline(bare, year)
            if deadline.kind not in ("conditional", "none"):
                return deadline
    return None


def _task(item: _Item, order: int, parents: dict[tuple[str, ...], str], year: int | None, issued: date | None,
          warnings: list[ImportWarning]) -> ParsedTask:
    cells = item.cells
    content, context = _content_and_context(cells)
    assignment = read_assignment(cells.get("lead", ""), cells.get("coordinating", ""), cells.get("assignment", ""))
    serial = excel_serial_day(cells.get("deadline", ""))  # a date cell that lost its format: «46022»
    deadline = parse_deadline(f"{serial:%d/%m/%Y}" if serial else cells.get("deadline", ""), year, issued)
    inferred = False
    if serial is not None:
        warnings.append(ImportWarning(
            "serial_date", f"ô thời hạn ghi số «{cells['deadline']}»: ngày Excel mất định dạng ngày, đọc là "
            f"{serial:%d/%m/%Y}.", item.line))
    column, started = _started(cells)
    if deadline.kind == "none" and started:  # «Thường xuyên» merged over «Bắt đầu | Hoàn thành»: the first has it
        deadline, inferred = parse_deadline(started, year, issued), True
        warnings.append(ImportWarning(
            "inferred_deadline", f"nhiệm vụ không ghi thời hạn hoàn thành, lấy «{started}» ở cột «{column}».",
            item.line))
    if deadline.kind == "none":
        period = _heading_period(item.sections, year)
        if period is not None:
            deadline, inferred = period, True
            warnings.append(ImportWarning(
                "inferred_deadline", f"nhiệm vụ không ghi thời hạn, lấy thời hạn của mục «{period.text}».",
                item.line))
    if deadline.kind == "none" and (written := deadline_in_text(content, year, issued)).kind != "none":
        deadline, inferred = written, True  # «Trình UBND tỉnh trước ngày 30/6/2026» with no deadline cell
        warnings.append(ImportWarning(
            "inferred_deadline", f"nhiệm vụ không ghi thời hạn, lấy thời hạn «{written.text}» trong nội dung.",
            item.line))
    warnings += reading_warnings(deadline, assignment.lead, assignment.lead_inferred, item.line)
    if item.merged_from is not None and item.merged_from[1]:
        warnings.append(ImportWarning(
            "inherited", "dòng không số thứ tự là nhiệm vụ mới, lấy các ô gộp ở dòng trên.", item.line))
    completed_on = _done_on(cells.get("done_on", ""), item.line, warnings)
    if cells.get("done_on") and completed_on is None:
        context = "\n".join(filter(None, [context, f"Ngày hoàn thành: {cells['done_on']}"]))
    return ParsedTask(
        order=order,
        content=content,
        section_path=_section_path(item, parents),
        number=item.number.rstrip("."),
        product=cells.get("product", ""),
        context=context,
        lead_units=assignment.lead,
        coordinating_units=assignment.coordinating,
        lead_inferred=assignment.lead_inferred,
        deadline=deadline,
        deadline_inferred=inferred,
        budget=parse_budget(cells.get("budget", "")),
        line=item.line,
        reported_status=cells.get("status", ""),
        reported_result=cells.get("result", ""),
        completed_on=completed_on,
    )


def _done_on(text: str, line: int, warnings: list[ImportWarning]) -> date | None:
    """The day a tracking table says a task was done, or None (told when the cell holds something else, which
    the task keeps as text: `_task`)."""
    day = read_day(text) or excel_serial_day(text) if text else None
    if text and day is None:
        warnings.append(ImportWarning(
            "unread_done_on", f"ngày hoàn thành «{text}» không phải một ngày; giữ nguyên chữ kèm nội dung.", line))
    return day
