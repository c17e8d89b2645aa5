"""The help screen (? or F1): every key of the main screen, read from its bindings."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

_KEY_NAMES = {"slash": "/", "space": "Space", "enter": "Enter", "delete": "Delete", "question_mark": "?",
              "escape": "Esc"}


def key_label(key: str) -> str:
    return ", ".join(_KEY_NAMES.get(k, k.replace("ctrl+", "Ctrl+")) for k in key.split(","))


def bindings_text(bindings: list[Binding]) -> str:
    return "\n".join(f"  [b]{key_label(b.key):<12}[/b] {b.description}" for b in bindings if b.description)


class HelpScreen(ModalScreen[None]):
    """All keys, grouped by screen."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Đóng")]

    def __init__(self, sections: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Label("Trợ giúp – các phím tắt", classes="dialog-title")
            for title, bindings in self.sections:
                yield Static(f"[b u]{title}[/b u]\n{bindings_text(bindings)}\n")
            yield Label("Esc: đóng", classes="dialog-keys")

    def action_close(self) -> None:
        self.dismiss(None)
