"""Start-up: process start to the first screen drawn, for tutor and for a bare Textual app.

Each child is a fresh process. Both run headless at 120x36 through the same hook: `App.run`
is wrapped so that an auto-pilot waits until the screen shows an OptionList with its options,
asks for the next refresh, and writes `time.time()` when that frame is done. The parent
subtracts the time.time() it read just before starting the process.

    tutor: the real entry point, `tutor.cli.main([])` (catalogue, progress file, TutorApp,
           home screen with the course list).
    bare:  an App with a Header, a Footer and an OptionList of 30 items.

    python -m benchmarks.startup tutor --out result.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time

SIZE = (120, 36)


def bare_app():
    from textual.app import App
    from textual.widgets import Footer, Header, OptionList

    class Bare(App):
        def compose(self):
            yield Header()
            yield OptionList(*[f"Lesson {i}: a title of about this length" for i in range(1, 31)])
            yield Footer()

    return Bare()


def install_hook(out: str) -> None:
    """Make the next App.run headless and exit it once the first list is drawn."""
    from textual.app import App
    from textual.widgets import OptionList

    original_run = App.run

    async def pilot(p) -> None:
        app = p.app
        while True:
            lists = [w for w in app.screen.query(OptionList) if w.option_count]
            if lists and app.screen.is_mounted:
                break
            await asyncio.sleep(0.001)
        drawn = asyncio.Event()
        app.call_after_refresh(drawn.set)
        await drawn.wait()
        shown = time.time()
        data = {
            "shown": shown,
            "screen": type(app.screen).__name__,
            "torch_imported": "torch" in sys.modules,
            "modules": len(sys.modules),
        }
        with open(out, "w") as f:
            json.dump(data, f)
        app.exit(0)

    def run(self, *args, **kwargs):
        kwargs.update(headless=True, size=SIZE, auto_pilot=pilot)
        return original_run(self, *args, **kwargs)

    App.run = run


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="start-up probe")
    parser.add_argument("app", choices=["tutor", "bare"])
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    install_hook(args.out)
    if args.app == "bare":
        bare_app().run()
    else:
        from tutor.cli import main as tutor_main

        tutor_main([])


if __name__ == "__main__":
    main(sys.argv[1:])
