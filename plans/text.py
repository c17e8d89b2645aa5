"""Text helpers shared by every reader: accent folding, cell cleaning, numbers.

`fold` is the one place where Vietnamese text is folded for matching and
search: lower case, tone and vowel marks removed, and `đ` turned into `d`
(Unicode decomposition alone keeps `đ`).  It keeps the length of the text
character for character, so a match found in the folded text can be cut out
of the original at the same positions.

This module never touches files, the database or the screen.
"""

from __future__ import annotations

import re
import unicodedata

_SPECIAL = {"đ": "d", "Đ": "d", "ð": "d"}


class _FoldTable(dict):
    """str.translate table filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in _SPECIAL:
            folded = _SPECIAL[char]
        else:
            base = unicodedata.normalize("NFD", char)[0].lower()
            folded = base[0] if base else char
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower-case `text` and strip Vietnamese marks, one character for one.

    >>> fold("Văn phòng Sở Đồng Nai")
    'van phong so dong nai'
    """
    return unicodedata.normalize("NFC", text).translate(_FOLD)


_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)[^>]*>")
_BLOCK_TAGS = {"p", "br", "li", "ul", "ol", "div", "tr"}
_SPACES = re.compile(r"[ \t\u00a0\u200b]+")


def strip_html(text: str) -> str:
    """Remove HTML tags, keeping a line break where a block or list item ended."""
    if "<" not in text and "&" not in text:
        return text

    def replace(match: re.Match[str]) -> str:
        return "\n" if match.group(2).lower() in _BLOCK_TAGS else ""

    import html  # only a cell with tags needs it (1.4 ms at every start otherwise)

    return html.unescape(_TAG.sub(replace, text))


_LINE_BREAKS = re.compile(r"\r\n?|[\v\f\x1c-\x1e\x85\u2028\u2029]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")


def split_lines(text: str) -> list[str]:
    """A file's lines, split on CR/LF only (a vertical tab or U+2028 inside a table cell is not a new row)."""
    return re.split(r"\r\n|\r|\n", text.removesuffix("\n"))


def shorten(text: str, width: int) -> str:
    """`text` cut to `width` characters, the last one «…» when anything was cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def clean_text(text: str) -> str:
    """`text` without control characters; Word's manual line break (\\v) and U+2028/2029 become line breaks.
    Printable text has none of them (every character either pattern changes is not printable): returned as
    it is, without the two passes (most cells of a sheet)."""
    if text.isprintable():
        return text
    return _CONTROLS.sub("", _LINE_BREAKS.sub("\n", text))


def clean_cell(text: object) -> str:
    """The readable text of one table cell: no tags, no control characters, single spaces, kept line breaks."""
    if text is None:
        return ""
    raw = clean_text(unicodedata.normalize("NFC", str(text)))
    raw = strip_html(raw)
    lines = [_SPACES.sub(" ", line).strip() for line in raw.split("\n")]
    return "\n".join(line for line in lines if line)


def cut_at_hyphen(text: str) -> bool:
    """Whether `text` ends with a word cut at its hyphen («NQ-», «5206/KH-»): what follows joins it without a
    space (not «Phòng Kế hoạch -», a dash between words)."""
    return text.endswith("-") and len(text) > 1 and not text[-2].isspace()


def join_text(first: str, second: str, between: str = " ") -> str:
    """Join the two halves of a cell split by a page break (a word cut at its hyphen, «5206/KH-⏎UBND», is one)."""
    if not first:
        return second
    if not second:
        return first
    return f"{first}{'' if cut_at_hyphen(first) else between}{second}"


_BUDGET = re.compile(r"^\d{1,3}(?:[.\s]\d{3})+(?:,\d+)?$|^\d+(?:,\d+)?$|^\d+\.\d{1,2}$")


def parse_budget(text: str) -> float | None:
    """Read an amount in million VND written the Vietnamese way.

    "6.400" is six thousand four hundred (the dot groups thousands),
    "2,5" is two and a half; anything else is not an amount.
    """
    value = text.strip().rstrip(".").replace("\u00a0", " ")
    if not value or not _BUDGET.match(value):
        return None
    if re.match(r"^\d+\.\d{1,2}$", value):
        return float(value)
    value = value.replace(".", "").replace(" ", "").replace(",", ".")
    return float(value)
