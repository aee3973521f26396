"""Dependencies point one way: the domain knows nothing of the UI, and the course opens fast.

Each check runs in a fresh interpreter, so modules imported by other tests cannot hide an
import."""

import subprocess
import sys
import textwrap

import pytest


def run_python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_domain_and_lessons_import_no_textual():
    out = run_python("""
        import sys
        import tutor.course, tutor.runner, tutor.progress, tutor.figures, tutor.devices, tutor.rendering
        import tutor.params, tutor.lesson, tutor.catalogue
        import tutor.progress_schema, tutor.progress_runs, tutor.safe_files, tutor.cpus, tutor.model_cache
        import tutor.locations
        import lessons, lessons.datasets
        from tutor.course import catalogue
        for ref in catalogue():
            ref.load()                      # every lesson module, with torch
        print(sorted(m for m in sys.modules if m == "textual" or m.startswith("textual.")))
    """)
    assert out == "[]", f"Textual imported by domain code: {out}"


def test_formatting_imports_no_rich_textual_or_torch():
    out = run_python("""
        import sys
        import tutor.formatting
        print(sorted({m.split(".")[0] for m in sys.modules} & {"rich", "textual", "torch", "numpy"}))
    """)
    assert out == "[]"


def test_listing_the_course_imports_no_torch():
    out = run_python("""
        import sys
        from tutor.course import catalogue
        ids = catalogue().ids()
        print(len(ids), "torch" in sys.modules)
    """)
    count, torch_loaded = out.split()
    assert int(count) > 0 and torch_loaded == "False"


def test_the_engine_imports_no_course():
    """The course is a pack like any other: found only through its entry point."""
    out = run_python("""
        import sys
        import tutor.catalogue
        tutor.catalogue.entry_points = lambda group: []  # nothing installed
        import tutor.cli, tutor.course, tutor.progress, tutor.runner
        print(len(tutor.catalogue.catalogue()), "lessons" in sys.modules)
    """)
    assert out == "0 False"


@pytest.mark.asyncio
async def test_reaching_the_home_screen_imports_no_torch(tmp_path):
    out = run_python(f"""
        import asyncio, sys
        from tutor.app import TutorApp
        from tutor.progress import Progress
        from tutor.screens.home import HomeScreen

        async def main():
            app = TutorApp(progress=Progress({str(tmp_path / "p.json")!r}))
            async with app.run_test(size=(100, 30)) as pilot:
                for _ in range(100):
                    await pilot.pause(0.02)
                    if isinstance(app.screen, HomeScreen) and app.screen.query("#course"):
                        break
                print(isinstance(app.screen, HomeScreen), "torch" in sys.modules)

        asyncio.run(main())
    """)
    assert out.splitlines()[-1] == "True False", out
