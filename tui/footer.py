"""The footer every screen shows: its keys, the help key first, compact on narrow terminals.

Textual's Footer lists the screen's shown bindings in order and cuts what
does not fit.  Here the help key (? / F1, which lists every key of the
screen in front) comes first, so it is never the one cut, and below
`COMPACT_BELOW` columns the keys lose their padding so more of them fit.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

COMPACT_BELOW = 140
HELP_ACTION = "help"


class KeyFooter(Footer):
    """Footer with the help key first; compact when narrow."""

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        helps = [key for key in keys if isinstance(key, FooterKey) and key.action == HELP_ACTION]
        yield from helps + [key for key in keys if key not in helps]

    def on_resize(self) -> None:
        self.compact = self.app.size.width < COMPACT_BELOW
