"""Reading a lesson's pages in tests, so a test runs the settings a page names and checks
what the page says about them."""

import re

from tutor.course import catalogue

SETTING = re.compile(r"`(\w+) = ([^`]*)`")


def page(lesson_id: str, heading: str) -> str:
    """The page of a lesson whose first line contains `heading`."""
    pages = catalogue().get(lesson_id).load().pages
    found = [p for p in pages if heading in p.splitlines()[0]]
    assert len(found) == 1, f"{lesson_id}: no single page titled {heading!r}"
    return found[0]


def settings(text: str) -> dict[str, str]:
    """The `name = value` settings written in a piece of page text (a name written twice:
    its first value)."""
    found: dict[str, str] = {}
    for name, value in SETTING.findall(text):
        found.setdefault(name, value.strip())
    return found


def bullets(text: str) -> list[str]:
    """The list items of a page, each joined onto one line."""
    items: list[str] = []
    open_item = False
    for line in text.splitlines():
        if line.startswith("- "):
            items.append(line[2:])
            open_item = True
        elif open_item and line.startswith("  ") and line.strip():
            items[-1] += " " + line.strip()
        else:
            open_item = False
    return items
