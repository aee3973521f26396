"""Lesson packs: packages that register a list of Part under the entry-point group
`tutor.lessons`, as the built-in course does (pyproject.toml). Each pack here is a real
package in a temporary folder with its distribution's metadata beside it, so entry points find
it as they would an installed one."""

import json
import os
import subprocess
import sys
import textwrap

import pytest

from lessons import COURSE
from tutor import catalogue as catalogue_module
from tutor.catalogue import NO_LESSONS, catalogue
from tutor.cli import main

TINY_PACK = {
    "__init__.py": """
        from tutor.course import LessonRef, Part

        PARTS = [
            Part("A tiny pack", [
                LessonRef("tiny-sum", "Adding up", "tinypack.adding", summary="Add numbers.",
                          goal="Add up at least 3 numbers"),
            ])
        ]
    """,
    "adding.py": """
        from tutor.course import Goal, Lesson, Param, pages_from


        def train(p, run):
            total = 0
            for step in run.steps(p.n):
                total += step + 1
                run.log(step, total=total)
            return {"total": total}


        LESSON = Lesson(
            pages=pages_from(__file__),
            params=[Param.int("n", 3, lo=1, hi=10, help="how many numbers to add")],
            train=train,
            goal=Goal("Add up at least 3 numbers", require={"total": (">=", 6)}, hints=("Try n = 3.",)),
            quick={"n": 2},
        )
    """,
    "adding.md": "# Adding up\n\nThe numbers from 1 to n, added.\n",
}


def write_pack(site, name, files, entry_points):
    """A package `name` with `files`, and a `<name>-0.1.dist-info` declaring `entry_points`
    (the text of an entry_points.txt), in the folder `site`."""
    package = site / name
    package.mkdir(parents=True)
    for file, text in files.items():
        (package / file).write_text(textwrap.dedent(text))
    info = site / f"{name}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(textwrap.dedent(entry_points))
    return site


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A folder on sys.path for packs; the packages written there are forgotten afterwards."""
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    yield folder
    for name in [m for m in sys.modules if m.split(".")[0] in {p.name for p in folder.iterdir()}]:
        del sys.modules[name]


def test_the_built_in_course_is_installed_as_a_pack():
    assert "welcome" in catalogue().ids(), (
        "the built-in course is not registered under the 'tutor.lessons' entry point: "
        "run pip install -e . in the tutor's folder"
    )


def test_a_pack_is_listed_after_the_course_and_its_lesson_loads(site):
    write_pack(site, "tinypack", TINY_PACK, "[tutor.lessons]\ntiny = tinypack:PARTS\n")
    cat = catalogue()
    assert cat.warnings == []
    assert cat.parts[: len(COURSE)] == tuple(COURSE)  # the built-in course first
    assert cat.parts[-1].title == "A tiny pack" and cat.ids()[-1] == "tiny-sum"
    ref = cat.get("tiny-sum")
    assert ref.part == "A tiny pack" and ref.page_count() == 1
    lesson = ref.load()
    assert lesson.id == "tiny-sum" and lesson.pages == ("# Adding up\n\nThe numbers from 1 to n, added.",)


def one_part(title, lesson_id):
    """A pack's __init__.py: one part of one lesson."""
    return {
        "__init__.py": "from tutor.course import LessonRef, Part\n"
        f"PARTS = [Part({title!r}, [LessonRef({lesson_id!r}, 'A lesson', 'm')])]\n"
    }


def test_packs_follow_the_course_in_entry_point_name_order(site):
    one, two = one_part("Zed", "z1"), one_part("Aye", "a1")
    write_pack(site, "packone", one, "[tutor.lessons]\nzed = packone:PARTS\n")
    write_pack(site, "packtwo", two, "[tutor.lessons]\naaa = packtwo:PARTS\n")  # sorts before 'course'
    titles = [part.title for part in catalogue().parts]
    assert titles == [part.title for part in COURSE] + ["Aye", "Zed"]


def test_a_lesson_id_already_taken_is_left_out_with_a_warning_the_first_one_wins(site):
    files = {
        "__init__.py": """
            from tutor.course import LessonRef, Part

            PARTS = [Part("Clashing", [
                LessonRef("xor", "Another XOR", "clashpack.xor"),
                LessonRef("clash-own", "A lesson of its own", "clashpack.own"),
            ])]
        """
    }
    write_pack(site, "clashpack", files, "[tutor.lessons]\nclash = clashpack:PARTS\n")
    cat = catalogue()
    assert cat.get("xor").module == "lessons.classification.xor"
    assert cat.get("clash-own").part == "Clashing"
    assert [part.title for part in cat.parts].count("Clashing") == 1
    (warning,) = cat.warnings
    assert "'clash'" in warning and "'xor' is already used by pack 'course'" in warning
    assert "“Another XOR” is left out" in warning


def test_a_broken_pack_is_named_and_the_rest_still_listed(site):
    write_pack(
        site,
        "notparts",
        {"__init__.py": "PARTS = ['not a part']\n"},
        "[tutor.lessons]\nodd = notparts:PARTS\n",
    )
    write_pack(
        site,
        "crashing",
        {"__init__.py": "raise RuntimeError('boom')\n"},
        "[tutor.lessons]\nboom = crashing:PARTS\n",
    )
    cat = catalogue()
    assert "welcome" in cat.ids()
    assert sorted(cat.warnings) == [
        "lesson pack 'boom' could not be loaded: boom",
        "lesson pack 'odd' could not be loaded: notparts:PARTS is not a list of tutor.course.Part",
    ]


def test_with_no_pack_installed_the_catalogue_and_list_say_how_to_install_the_course(monkeypatch, capsys):
    monkeypatch.setattr(catalogue_module, "entry_points", lambda group: [])
    cat = catalogue()
    assert len(cat) == 0 and cat.warnings == [NO_LESSONS]
    assert "pip install -e ." in NO_LESSONS
    assert main(["list"]) == 0
    assert f"tutor: {NO_LESSONS}" in capsys.readouterr().err


def test_a_pack_installed_in_another_process_is_listed_and_runs(site, tmp_path):
    write_pack(site, "tinypack", TINY_PACK, "[tutor.lessons]\ntiny = tinypack:PARTS\n")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(site), os.getcwd()]),
        "TUTOR_HOME": str(tmp_path / "home"),
        "OMP_NUM_THREADS": "1",
    }

    def tutor(*args):
        done = subprocess.run(
            [sys.executable, "-m", "tutor", *args], capture_output=True, text=True, env=env, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    rows = tutor("list", "--json")
    assert rows[-1] == {"id": "tiny-sum", "title": "Adding up", "part": "A tiny pack", "status": "new"}
    assert rows[0]["id"] == COURSE[0].lessons[0].id
    result = tutor("run", "tiny-sum", "--set", "n=4", "--json", "--no-save")
    assert result["status"] == "finished" and result["metrics"] == {"total": 10}
    assert result["goal_met"] is True
    assert not (tmp_path / "home" / "progress.json").exists()
