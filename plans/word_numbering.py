"""Word's automatic numbering, written out as the page shows it.

A Word list (the STT column numbered by Word, headings "I.", "1.", "a)" made
with Format › Numbering) keeps its numbers out of the text: python-docx reads
"Rà soát thủ tục" where the page shows "1. Rà soát thủ tục", and the plan
readers, which find items and sections by their numbers, would see none.

`Numbering(document)` reads the numbering part once; `label(paragraph)` gives
a paragraph's label ("1.", "II.", "a)", "-" for a bullet, "" when it is not
numbered), counting as Word does: each list (numId) its own counters, a level
counted from its start value (or the list's override), deeper levels starting
again after a shallower one.  Paragraphs must be asked in document order; a
paragraph asked again (a merged cell read for each row it spans) keeps its
label.  The numbering of a paragraph comes from its own properties or from its
style (and the styles that style is based on).

Formats written: decimal (and zero-padded), upper/lower roman, upper/lower
letter, bullets; any other format is written as a decimal.  Nothing here
knows what a task is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str


def _val(element: Any, tag: str) -> str | None:
    found = element.find(f"{_W}{tag}") if element is not None else None
    return found.get(f"{_W}val") if found is not None else None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _level(element: Any) -> _Level:
    return _Level(_int(_val(element, "start"), 1), _val(element, "numFmt") or "decimal", _val(element, "lvlText") or "")


def _roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def _letter(number: int) -> str:
    """a, b, … z, aa, bb, … as Word letters a list."""
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def format_number(number: int, fmt: str) -> str:
    """One level's counter in its format; a counter no list reaches (a start of a billion in a forged file) in
    digits: its roman numeral or letters would be a string of a million characters a paragraph."""
    if not 0 < number < 4000:
        return str(number)
    if fmt == "upperRoman":
        return _roman(number).upper()
    if fmt == "lowerRoman":
        return _roman(number)
    if fmt == "upperLetter":
        return _letter(number).upper()
    if fmt == "lowerLetter":
        return _letter(number)
    if fmt == "decimalZero":
        return f"{number:02d}"
    return str(number)


class Numbering:
    """The lists of one Word document, and their counters as its paragraphs are read."""

    def __init__(self, document: Any) -> None:
        self._levels: dict[str, dict[int, _Level]] = {}  # numId -> ilvl -> level
        self._styles: dict[str, Any] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._labels: dict[Any, str] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            self._read_lists(root)
        try:
            styles = document.styles.element
        except (KeyError, AttributeError):
            styles = None
        if styles is not None:
            self._styles = {style.get(f"{_W}styleId"): style for style in styles.iterchildren(f"{_W}style")}

    def _read_lists(self, root: Any) -> None:
        abstract: dict[str, dict[int, _Level]] = {}
        for element in root.iterchildren(f"{_W}abstractNum"):
            abstract[element.get(f"{_W}abstractNumId")] = {
                _int(level.get(f"{_W}ilvl"), 0): _level(level) for level in element.iterchildren(f"{_W}lvl")}
        for element in root.iterchildren(f"{_W}num"):
            levels = dict(abstract.get(_val(element, "abstractNumId") or "", {}))
            for override in element.iterchildren(f"{_W}lvlOverride"):
                ilvl = _int(override.get(f"{_W}ilvl"), 0)
                start = _val(override, "startOverride")
                if start is not None and ilvl in levels:
                    levels[ilvl] = _Level(_int(start, 1), levels[ilvl].fmt, levels[ilvl].text)
            self._levels[element.get(f"{_W}numId")] = levels

    def _list_of(self, paragraph: Any) -> tuple[str, int] | None:
        """(numId, level) of a paragraph: its own, else its style's (followed through basedOn)."""
        properties = paragraph.find(f"{_W}pPr")
        own = properties.find(f"{_W}numPr") if properties is not None else None
        if own is not None:
            return _val(own, "numId") or "0", _int(_val(own, "ilvl"), 0)
        style_id = _val(properties, "pStyle")
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self._styles.get(style_id)
            if style is None:
                return None
            numbered = style.find(f"{_W}pPr/{_W}numPr")
            if numbered is not None:
                return _val(numbered, "numId") or "0", _int(_val(numbered, "ilvl"), 0)
            style_id = _val(style, "basedOn")
        return None

    def label(self, paragraph: Any) -> str:
        """The label Word shows before `paragraph` ("" when it is not numbered)."""
        if paragraph in self._labels:
            return self._labels[paragraph]
        found = self._list_of(paragraph) if self._levels else None
        text = ""
        if found is not None and found[0] in self._levels and found[1] in self._levels[found[0]]:
            text = self._count(*found)
        self._labels[paragraph] = text
        return text

    def _count(self, num_id: str, ilvl: int) -> str:
        levels = self._levels[num_id]
        counters = self._counters.setdefault(num_id, {})
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [key for key in counters if key > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return "-"
        if level.fmt == "none":
            return level.text
        text = level.text
        for index in range(9):
            if f"%{index + 1}" in text:
                shown = levels.get(index, level)
                value = counters.get(index, shown.start)
                text = text.replace(f"%{index + 1}", format_number(value, shown.fmt))
        return text
