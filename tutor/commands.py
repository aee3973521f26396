"""Command palette entries: jump to any lesson, open settings or help."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class LessonCommands(Provider):
    def _entries(self):
        app = self.app
        for ref in app.catalogue:
            status = app.progress.status(ref.id)
            yield (
                f"Lesson: {ref.title}",
                partial(app.open_lesson, ref.id),
                f"{ref.part} · {ref.id} · {status}",
            )
        yield ("Settings", app.action_settings, "device and theme")
        yield ("Help", app.action_help, "every key, where progress is kept")
        yield ("Course", app.action_home, "the list of lessons")

    async def discover(self) -> Hits:
        for name, callback, help_text in self._entries():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._entries():
            score = max(matcher.match(name), matcher.match(help_text) * 0.8)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
