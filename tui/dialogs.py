"""Small modal dialogs shared by the screens: a text prompt, a choice list, a confirmation.

Each returns its answer through `dismiss`; Escape cancels with None.
`TextPrompt` can check what is typed as it is typed (the deadline filter
shows how it reads "Quý II/2020", or why it cannot).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from db.plans import list_plans
from db.units import unit_terms
from plans.text import fold


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text; `explain` turns the typed text into a live hint."""

    BINDINGS = [Binding("escape", "cancel", "Hủy")]

    def __init__(self, title: str, value: str = "", placeholder: str = "",
                 explain: Callable[[str], str] | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        self.explain = explain

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input", compact=True)
            yield Static("", id="prompt-hint", markup=False)
            yield Label("Enter: đồng ý · Esc: hủy", classes="dialog-keys")

    def on_mount(self) -> None:
        self._hint(self.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._hint(event.value)

    def _hint(self, value: str) -> None:
        if self.explain:
            self.query_one("#prompt-hint", Static).update(self.explain(value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceDialog(ModalScreen[str | None]):
    """Pick one of a list, typing to narrow it (accent-insensitive)."""

    BINDINGS = [Binding("escape", "cancel", "Hủy"), Binding("down", "focus_list", "Danh sách", show=False)]

    def __init__(self, title: str, choices: list[tuple[str, str]], hint: str = "",
                 terms: dict[str, str] | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices  # (value, label)
        self.hint = hint
        self.terms = terms or {}  # value -> other words it is found by (a unit's abbreviations)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Input(placeholder="Gõ để lọc (không dấu cũng được)…", id="choice-filter", compact=True)
            yield OptionList(*self._options(""), id="choice-list")
            yield Label(self.hint or "↑↓ chọn · Enter: đồng ý · Esc: hủy", classes="dialog-keys")

    def _options(self, typed: str) -> list[Option]:
        needle = fold(typed).strip()
        return [Option(label, id=value) for value, label in self.choices
                if needle in fold(label) or needle in self.terms.get(value, "")]

    def on_input_changed(self, event: Input.Changed) -> None:
        options = self.query_one("#choice-list", OptionList)
        options.clear_options()
        options.add_options(self._options(event.value))
        if options.option_count:
            options.highlighted = 0

    def on_input_submitted(self) -> None:
        options = self.query_one("#choice-list", OptionList)
        if options.option_count:
            index = options.highlighted or 0
            self.dismiss(options.get_option_at_index(index).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_focus_list(self) -> None:
        self.query_one("#choice-list", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """Yes or no, with No as the default."""

    BINDINGS = [Binding("escape", "answer(False)", "Không"), Binding("y", "answer(True)", "Có"),
                Binding("c", "answer(True)", "Có", show=False), Binding("n", "answer(False)", "Không", show=False)]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-title", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Có (y)", id="yes", variant="error")
                yield Button("Không (Esc)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


def unit_dialog(db, title: str) -> ChoiceDialog:
    """Pick a unit by any part of its name, an alias or its initials ("tchc")."""
    units = unit_terms(db).values()
    return ChoiceDialog(title, [(name, name) for name, _ in units], terms=dict(units))


def plan_choices(db) -> list[tuple[str, str]]:
    """(filter value, label) of every plan in the register, then "every plan" (value "")."""
    return [(p.number or str(p.id), p.label) for p in list_plans(db)] + [("", "mọi kế hoạch")]



def answered(then: Callable[[Any], object], *, empty_too: bool = False) -> Callable[[Any], None]:
    """A dialog's callback that calls `then(answer)` once the officer answered: not on Esc (None), nor on an
    empty or negative answer unless `empty_too` (an empty answer may mean "no filter")."""
    def callback(answer: Any) -> None:
        if answer is not None and (empty_too or answer):
            then(answer)
    return callback
