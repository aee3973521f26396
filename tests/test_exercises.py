"""Every exercise: the reference solution passes, the untouched starter fails with a helpful
message, and the typical wrong answers in tests/exercise_answers fail with the message the
exercise intends. Plus the contract every exercise keeps."""

import ast
import importlib
import importlib.util
from pathlib import Path

import pytest

from tutor.course import catalogue, pages_from
from tutor.exercises import every_exercise, find

ANSWERS = Path(__file__).parent / "exercise_answers"
EXERCISES = every_exercise(catalogue())
BY_KEY = {ex.key: ex for ex in EXERCISES}
# A "find and fix the bug" starter runs; its check says what is wrong instead.
STARTER_SAYS = {
    "nn-and-optimizers/fix_zero_grad": "do you call opt.zero_grad() before loss.backward()?",
    "losses/fix_softmax_ce": "F.cross_entropy takes raw scores",
    "batch-norm/fix_eval_mode": "call model.eval() before measuring",
    "xor/fix_sampling": "drawing with replacement repeats some rows",
}


def wrong_answers():
    for path in sorted(ANSWERS.glob("*.py")):
        lesson, rest = path.stem.split("__", 1)
        ex_id, label = rest.rsplit("__", 1)
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# expect: "), path
        yield pytest.param(f"{lesson}/{ex_id}", path, first.removeprefix("# expect: "), id=path.stem)


def test_the_course_has_exercises_in_every_part():
    lessons = {ex.lesson for ex in EXERCISES}
    parts = {catalogue().get(lesson).part for lesson in lessons}
    assert len(EXERCISES) >= 40 and len(lessons) >= 24
    assert parts == {lesson.part for lesson in catalogue()}


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda ex: ex.key)
def test_exercise_contract(ex):
    ref = catalogue().get(ex.lesson)
    pages = pages_from(importlib.util.find_spec(ref.module).origin)
    assert 0 <= ex.page < len(pages)
    assert ex.title and ex.task and ex.hints
    for path in (ex.starter_path, ex.solution_path):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert any(getattr(n, "name", None) == ex.function for n in tree.body), path
    assert f"tutor check {ex.key}" in ex.starter()
    checks = ex.checks_path.read_text(encoding="utf-8")
    assert f"def {ex.check_name}(c)" in checks
    if ex.used_as:  # the lesson function the learner's can stand in for exists
        assert callable(getattr(importlib.import_module(ref.module), ex.used_as))


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda ex: ex.key)
def test_reference_solution_passes(ex, exercise_worker):
    result = exercise_worker.check(ex, ex.solution_path)
    assert result.passed, result.text()
    assert len(result.cases) >= 2 and all(case.ok for case in result.cases)


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda ex: ex.key)
def test_untouched_starter_fails_helpfully(ex, exercise_worker):
    result = exercise_worker.check(ex, ex.starter_path)
    assert not result.passed and not result.error
    says = STARTER_SAYS.get(
        ex.key, f"not written yet: replace the `raise NotImplementedError` in `{ex.function}`"
    )
    assert says in result.failure.message, result.text()
    assert "tutor/exercises" not in result.text()  # no traceback of the tutor's own


@pytest.mark.parametrize("key, path, expected", list(wrong_answers()))
def test_wrong_answer_fails_with_the_intended_message(key, path, expected, exercise_worker):
    result = exercise_worker.check(BY_KEY[key], path)
    assert not result.passed and not result.error, result.text()
    failure = result.failure
    assert expected in failure.message + failure.got, result.text()


def test_every_exercise_has_two_wrong_answers():
    counts = {ex.key: 0 for ex in EXERCISES}
    for key, *_ in (p.values for p in wrong_answers()):
        counts[key] += 1
    assert all(n >= 2 for n in counts.values()), counts


def test_a_failure_shows_inputs_expected_and_got(exercise_worker):
    ex = BY_KEY["tensor-ops/naive_relu"]
    result = exercise_worker.check(ex, ANSWERS / "tensor-ops__naive_relu__threshold_one.py")
    case = result.failure
    assert case.inputs == "float32[2, 3]"
    assert case.expected.startswith("float32[2, 3] [[") and case.got.startswith("float32[2, 3] [[")
    assert "got 1, expected 0" in case.message


def test_a_traceback_is_cut_to_the_learners_lines(exercise_worker, tmp_path):
    path = tmp_path / "mse.py"
    path.write_text(
        "import torch\n\n\ndef mse(y_pred, y):\n    diff = y_pred - y\n    return diff.squared_mean()\n"
    )  # line 6: no such method
    (ex,) = find(catalogue(), "gradient-descent/mse")
    result = exercise_worker.check(ex, path)
    assert not result.passed
    report = result.text()
    assert "in your file" in report and "line 6, in mse" in report and "diff.squared_mean()" in report, report
    assert "tutor/exercises" not in report and "site-packages" not in report, report


def test_listing_and_the_cli_side_import_neither_torch_nor_textual():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from tutor.course import catalogue\n"
        "from tutor.exercises import every_exercise\n"
        "import tutor.cli_exercises, tutor.exercises.worker, tutor.exercises.files\n"
        "import tutor.exercises.record, tutor.exercises.report\n"
        "print(len(every_exercise(catalogue())), 'torch' in sys.modules, 'textual' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    count, torch_loaded, textual_loaded = done.stdout.split()
    assert int(count) >= 12 and torch_loaded == "False" and textual_loaded == "False", done.stderr
