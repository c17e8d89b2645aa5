"""The command palette (Ctrl+P): every action of the main screen, and every unit as a filter.

Actions are read from the main screen's bindings, so the palette, the footer
and the help screen always say the same thing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import cast

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets.option_list import Option

from db.units import unit_names
from tui.help_screen import key_label


class TheodoiCommands(Provider):
    """Actions and unit filters."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        from tui.app import TheodoiApp, bindings_of
        from tui.main_screen import MainScreen

        app = cast(TheodoiApp, self.app)
        main = app.main_screen
        commands: list[tuple[str, Callable[[], object], str]] = []
        for binding in bindings_of(MainScreen.BINDINGS):
            commands.append((binding.description, partial(main.run_action, binding.action),
                             f"Phím: {key_label(binding.key)}"))
        for name in unit_names(app.db):
            commands.append((f"Lọc theo đơn vị: {name}",
                             partial(main.set_filter, main.filter.with_(unit=name)), "Nhiệm vụ của đơn vị này"))
        return commands

    async def discover(self) -> Hits:
        for text, callback, help_text in self._commands():
            yield DiscoveryHit(text, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        from plans.text import fold

        matcher = self.matcher(fold(query))
        for text, callback, help_text in self._commands():
            score = matcher.match(fold(text))
            if score > 0:
                yield Hit(score, text, callback, help=help_text)


class Palette(CommandPalette):
    """Textual's command palette, saying "no match" in Vietnamese.

    Textual writes "No matches found" inside this private method; it is copied here with our words
    (textual is pinned in pyproject.toml, so the method cannot change under us unseen)."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text("Không có lệnh nào khớp", style="not bold")), disabled=True,
                    id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show)
