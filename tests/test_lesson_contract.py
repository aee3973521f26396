"""Every lesson in the catalogue keeps the lesson contract (docs/authoring.md).

Parametrised over the catalogue, so a new lesson is covered by adding it to the course.
"""

import ast
import inspect

import pytest
from markdown_it import MarkdownIt

from tests.conftest import run_lesson
from tutor.course import catalogue

REFS = list(catalogue())
IDS = [r.id for r in REFS]


@pytest.fixture(scope="module", params=IDS)
def lesson(request):
    return catalogue().get(request.param).load()


def test_metadata(lesson):
    assert lesson.id and lesson.title and lesson.part
    assert 3 <= len(lesson.pages) <= 8, "a lesson has 3–8 pages"
    assert len({c.id for c in lesson.charts}) == len(lesson.charts)
    assert len({p.name for p in lesson.params}) == len(lesson.params)
    assert lesson.goal is not None and 2 <= len(lesson.goal.hints) <= 3
    assert lesson.goal.text
    for p in lesson.params:
        assert p.help, f"{p.name} needs a one-line help"
    for q in lesson.quizzes:
        assert 0 <= q.page < len(lesson.pages)


def test_catalogue_entry_describes_the_lesson(lesson):
    """The home screen describes a lesson from its catalogue entry (no torch), so the entry
    must say what the lesson says."""
    ref = catalogue().get(lesson.id)
    assert ref.goal == lesson.goal.text, "the catalogue's goal text differs from the lesson's"
    assert ref.summary and ref.source
    assert ref.page_count() == len(lesson.pages)


def test_a_wrong_quiz_answer_says_why_without_giving_the_answer(lesson):
    for q in lesson.quizzes:
        if q.kind == "number":
            assert q.nudge.strip(), f"quiz {q.id}: a number quiz needs a nudge for a wrong answer"
            continue
        right = q.options[q.answer]
        for i, option in enumerate(q.options):
            if i == q.answer:
                continue
            assert q.why[i].strip(), f"quiz {q.id}: option {i + 1} needs a why (why it is wrong)"
            correct, feedback = q.check(i)
            assert not correct and q.why[i] in feedback and q.explain not in feedback
            if len(right) >= 12:
                assert right not in q.why[i], f"quiz {q.id}: the why of option {i + 1} gives the answer"


def test_defaults_in_range(lesson):
    for p in lesson.params:
        assert p.parse(p.default) == p.default
        assert p.parse(p.format(p.default)) == p.default, p.name


def test_solution_and_quick_params_valid(lesson):
    lesson.resolve(lesson.solution)
    lesson.resolve(lesson.quick)
    for name in lesson.goal.limits:
        lesson.param(name)


def test_pages_render(lesson):
    md = MarkdownIt("commonmark").enable("table")
    for page in lesson.pages:
        tokens = md.parse(page)
        assert tokens, "empty page"
        assert tokens[0].type == "heading_open", "each page starts with a heading"
        for token in tokens:
            # an untagged fence makes pygments guess the language, importing every lexer
            # (half a second on the first page turn): tag it ```python or ```text
            if token.type == "fence":
                assert token.info.strip(), f"a code block without a language: {token.content[:40]!r}"


TRAIN_LINES = 60  # about one screen of the Code view
TRAIN_DEPTH = 3  # blocks within blocks, e.g. for epoch: for batch: if ...
BLOCKS = (ast.For, ast.While, ast.If, ast.With, ast.Try, ast.FunctionDef, ast.Lambda)


def block_depth(node: ast.AST) -> int:
    """How deep loops, branches, with/try blocks and inner functions nest under `node`
    (an elif counts as one level with its if)."""
    deepest = 0
    for field, value in ast.iter_fields(node):
        children = value if isinstance(value, list) else [value]
        elif_ = isinstance(node, ast.If) and field == "orelse" and len(children) == 1
        for child in children:
            if isinstance(child, ast.AST):
                here = isinstance(child, BLOCKS) and not (elif_ and isinstance(child, ast.If))
                deepest = max(deepest, here + block_depth(child))
    return deepest


def test_block_depth_counts_what_it_says():
    code = "def f():\n for a in b:\n  if c:\n   pass\n  elif d:\n   with e:\n    pass\n"
    assert block_depth(ast.parse(code).body[0]) == 3


def test_train_source_is_readable(lesson):
    """train is what the learner reads in the Code view: a module-level `def train(p, run)`
    of about a screen, loops and branches at most three deep. Longer work goes into named
    helpers above it."""
    source = inspect.getsource(lesson.train)
    assert source.startswith("def train(p, run):")  # not a lambda, not nested in anything
    lines = len(source.splitlines())
    assert lines <= TRAIN_LINES, f"train is {lines} lines: move a part into a named helper"
    depth = block_depth(ast.parse(source).body[0])
    assert depth <= TRAIN_DEPTH, f"train nests blocks {depth} deep: move the inner ones into a helper"


def test_quick_run_finishes(lesson):
    result = run_lesson(lesson.id, lesson.quick)
    assert result.status == "finished", result.error or result.message
    declared = {c.id for c in lesson.charts}
    assert set(result.figures) <= declared, "run.show used a chart id the lesson did not declare"


@pytest.mark.slow
def test_solution_reaches_goal(lesson):
    result = run_lesson(lesson.id, lesson.solution)
    assert result.status == "finished", result.error or result.message
    assert result.goal_met, result.goal_reason
