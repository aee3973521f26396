"""Every parameter of the course, driven by its declared kind and range.

- Parsing never fails with anything but ParamError, whatever it is given (typed text, or any
  value a damaged progress file may hold).
- (slow) Every value a parameter's check accepts runs: with the lesson's quick settings the
  run ends finished or diverged, never failed. A check must refuse what train cannot take.
"""

import math
import re
import threading

import pytest

from tutor.course import ParamError, catalogue

hypothesis = pytest.importorskip("hypothesis", reason="pip install '.[test]' (hypothesis)")
from hypothesis import HealthCheck, assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

LESSONS = {ref.id: ref for ref in catalogue()}
RUN_SECONDS = 30  # a run still going after this long is stopped (and not judged)


def _lesson(lesson_id):
    return LESSONS[lesson_id].load()


def _number(param, integer):
    lo = param.lo if param.lo is not None else -1000
    hi = param.hi if param.hi is not None else 1000
    if integer:
        lo, hi = math.ceil(lo), math.floor(hi)
        return st.sampled_from([lo, hi]) | st.integers(lo, hi)
    edges = [lo, hi] + ([0.0, -0.0] if lo <= 0 <= hi else [])
    inside = (
        st.floats(math.log10(lo), math.log10(hi)).map(lambda e: min(hi, max(lo, 10**e)))
        if param.log and lo > 0
        else st.floats(lo, hi, allow_nan=False)
    )
    return st.sampled_from(edges) | inside


def _words(lesson, param):
    """Text built from the pieces of the values the lesson itself uses for this param."""
    known = [
        str(v)
        for v in (param.default, lesson.solution.get(param.name), lesson.quick.get(param.name))
        if v is not None
    ]
    pieces = sorted({p for text in known for p in re.split(r"([,;\s]+)", text) if p})
    return st.lists(st.sampled_from(pieces), max_size=8).map("".join) | st.sampled_from(known)


def accepted_values(lesson, param):
    """Values of the param's kind and range, as text (what the form and --set pass)."""
    if param.kind in ("int", "float"):
        return _number(param, param.kind == "int").map(repr)
    if param.kind == "choice":
        return st.sampled_from(param.choices)
    if param.kind == "bool":
        return st.sampled_from(["true", "false"])
    if param.kind == "text":
        return _words(lesson, param)
    if param.kind == "grid":
        rows, cols = param.shape
        row = st.text(alphabet="#.", min_size=cols, max_size=cols)
        return st.lists(row, min_size=rows, max_size=rows).map("/".join)
    rows, cols = param.shape or (None, None)
    lo = param.lo if param.lo is not None else -10.0
    hi = param.hi if param.hi is not None else 10.0
    entry = st.sampled_from([lo, hi, 0.0]) | st.floats(lo, hi, allow_nan=False)
    shape = st.tuples(
        st.just(rows) if rows else st.integers(1, 3), st.just(cols) if cols else st.integers(1, 4)
    )
    return shape.flatmap(
        lambda rc: st.lists(st.lists(entry, min_size=rc[1], max_size=rc[1]), min_size=rc[0], max_size=rc[0])
    ).map(lambda m: "; ".join(" ".join(repr(v) for v in row) for row in m))


JUNK = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=10,
)


@pytest.mark.parametrize("lesson_id", list(LESSONS))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_parsing_fails_only_with_param_error(lesson_id, data):
    lesson = _lesson(lesson_id)
    param = data.draw(st.sampled_from(lesson.params), label="param")
    raw = data.draw(JUNK | accepted_values(lesson, param), label="value")
    try:
        param.parse(raw)
    except ParamError as exc:
        assert str(exc).startswith(f"{param.name}: ")


def test_values_that_once_crashed_a_run_are_refused_or_mended():
    rule, play, digit = (
        _lesson(i).param(n)
        for i, n in (("decision-rule", "point"), ("playground", "noise"), ("your-own-digit", "digit"))
    )
    with pytest.raises(ParamError, match="1-row matrix"):
        rule.parse("0 0; 0 0")
    assert rule.parse("9 5 5") == ((9.0, 5.0, 5.0),)
    noise = play.parse("-0")
    assert noise == 0 and math.copysign(1, noise) == 1  # numpy refuses a scale of -0.0
    with pytest.raises(ParamError, match="the drawing is empty"):
        digit.parse("/".join(["." * 14] * 14))


def _run(lesson, values):
    from tutor.runner import Run

    run = Run(lesson, lesson.resolve(values), "cpu", threads=1)
    timer = threading.Timer(RUN_SECONDS, run.cancel)
    timer.start()
    try:
        return run.execute()
    finally:
        timer.cancel()


@pytest.mark.slow
@pytest.mark.parametrize("lesson_id", list(LESSONS))
def test_every_accepted_value_runs(lesson_id):
    """Two examples per parameter; each changes one or two params from the quick settings."""
    lesson = _lesson(lesson_id)

    @settings(
        max_examples=max(3, 2 * len(lesson.params)),
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow],
        database=None,
    )
    @given(data=st.data())
    def check(data):
        values = dict(lesson.quick)
        chosen = data.draw(
            st.lists(st.sampled_from(lesson.params), min_size=1, max_size=2, unique=True)
            if lesson.params
            else st.just([]),
            label="params",
        )
        for param in chosen:
            value = data.draw(accepted_values(lesson, param), label=param.name)
            try:
                parsed = param.parse(value)
            except ParamError:
                assume(False)  # refused: the check did its job
            quick = lesson.quick.get(param.name)
            if param.kind == "int" and isinstance(quick, int) and parsed > quick:
                continue  # keep the quick settings quick
            values[param.name] = value
        result = _run(lesson, values)
        assert result.status in ("finished", "diverged", "cancelled"), (values, result.message, result.error)

    check()


def test_a_bias_that_does_not_fit_the_weights_is_explained_not_a_crash():
    lesson = _lesson("affine-layer")
    result = _run(lesson, {"W": "-100; -100", "b": "0.5 0.3"})  # found by the test above
    assert result.status == "finished" and result.metrics == {"ok": 0}
    assert "one bias per output" in result.figures["example"].text
