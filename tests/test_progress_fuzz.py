"""Fuzz: progress files built from the schema, with wrong types put in random places.

No exception escapes a load, and every well-formed part survives a load/save round trip:
each leaf of the file that no mutation touched is found again, unchanged, in what a fresh
instance reads afterwards. (A mutation inside a single value, such as one entry of a
matrix, takes that whole value: it is the smallest unit the file keeps or drops.)"""

import json
import re

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="pip install '.[test]' (hypothesis)")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tutor.progress import Progress  # noqa: E402
from tutor.progress_schema import STATUSES  # noqa: E402

OLD_LESSON_STATUSES = ("new", "started", "done")  # a field older files still hold

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=6)
names = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True)
numbers = st.floats(-1e6, 1e6, allow_nan=False) | st.integers(-1000, 1000)
param = (
    numbers
    | st.booleans()
    | text
    | st.lists(numbers, max_size=3)
    | st.lists(st.lists(numbers, min_size=2, max_size=2), max_size=2)
    | st.lists(text, max_size=2)
)
params = st.dictionaries(names, param, max_size=3)
curve = st.lists(st.tuples(numbers, numbers).map(list), max_size=4)
run = st.fixed_dictionaries(
    {
        "started": text,
        "params": params,
        "device": st.sampled_from(["cpu", "cuda"]),
        "seconds": st.floats(0, 1e4),
        "status": st.sampled_from(STATUSES),
        "metrics": st.dictionaries(names, numbers | text, max_size=3),
        "goal_met": st.none() | st.booleans(),
        "goal_reason": text,
        "message": text,
        "curves": st.dictionaries(names, curve, max_size=2),
    }
)
entry = st.fixed_dictionaries(
    {
        "status": st.sampled_from(OLD_LESSON_STATUSES),
        "page": st.integers(0, 20),
        "params": params,
        "quiz": st.dictionaries(
            names,
            st.fixed_dictionaries(
                {"response": st.integers(0, 5) | text, "correct": st.booleans(), "at": text}
            ),
            max_size=2,
        ),
        "hints_shown": st.integers(0, 3),
        "goal": st.none()
        | st.fixed_dictionaries({"met": st.booleans(), "at": text, "run": st.integers(1, 9)}),
        "exercises": st.dictionaries(
            names,
            st.fixed_dictionaries(
                {
                    "attempts": st.integers(0, 9),
                    "wrong_tries": st.integers(0, 9),
                    "passed": st.booleans(),
                    "last_checked": text,
                    "hints_shown": st.integers(0, 4),
                },
                optional={"first_passed": text, "solution_shown": text},
            ),
            max_size=2,
        ),
        "runs": st.lists(run, max_size=3),
    }
)
state = st.fixed_dictionaries(
    {
        "schema": st.just(1),
        "last_lesson": st.none() | names,
        "settings": st.fixed_dictionaries({"device": st.sampled_from(["auto", "cpu"]), "theme": text}),
        "lessons": st.dictionaries(names, entry, max_size=3),
    }
)

DEEP: list = []
for _ in range(60):
    DEEP = [DEEP]
WRONG = st.sampled_from(["fast", -3, 2.5, [1, 2], {"a": 1}, None, True, "\ud800", DEEP, [[["x"]]]])

# The smallest units kept or dropped whole (see tutor.progress_schema).
UNITS = [
    re.compile(p)
    for p in (
        r"settings/[^/]+",
        r"lessons/[^/]+/params/[^/]+",
        r"lessons/[^/]+/quiz/[^/]+/response",
        r"lessons/[^/]+/runs/#\d+/params/[^/]+",
        r"lessons/[^/]+/runs/#\d+/metrics/[^/]+",
        r"lessons/[^/]+/runs/#\d+/curves/[^/]+",
    )
]  # a bad point goes; the next ones move up


def numbered(data: dict) -> dict:
    for lesson in data["lessons"].values():
        for n, r in enumerate(lesson["runs"], 1):
            r["n"] = n
    return data


def leaves(value, path=""):
    """{path: value} of every scalar and empty container; runs are keyed by their number."""
    if isinstance(value, dict) and value:
        out = {}
        for k, v in value.items():
            out.update(leaves(v, f"{path}/{k}" if path else k))
        return out
    if isinstance(value, list) and value:
        if path.endswith("/runs"):
            return {k: v for r in value for k, v in leaves(r, f"{path}/#{r.get('n')}").items()}
        out = {}
        for i, v in enumerate(value):
            out.update(leaves(v, f"{path}/{i}"))
        return out
    return {path: value}


def paths(value, path=""):
    """Every path a mutation may replace (not the schema number, not a run's number: it is
    how runs are told apart)."""
    if path:
        yield path
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for k, v in items:
        if path.endswith("/runs"):
            k = f"#{v['n']}"
        if (path, k) in (("", "schema"),) or k == "n":
            continue
        yield from paths(v, f"{path}/{k}" if path else str(k))


def replace(data, path, new):
    keys = path.split("/")
    node = data
    for k in keys[:-1]:
        node = (
            next(r for r in node if f"#{r['n']}" == k)
            if k.startswith("#")
            else node[int(k)]
            if isinstance(node, list)
            else node[k]
        )
    last = keys[-1]
    if last.startswith("#"):
        node[next(i for i, r in enumerate(node) if f"#{r['n']}" == last)] = new
    elif isinstance(node, list):
        node[int(last)] = new
    else:
        node[last] = new


def unit(path: str) -> str:
    for pattern in UNITS:
        m = pattern.match(path)
        if m:
            return m.group(0)
    return path


def on_disk(p: Progress) -> dict:
    """What a fresh instance reads: the state with each lesson's runs put back in it."""
    data = json.loads(json.dumps(p.data))
    for lesson_id, lesson in data["lessons"].items():
        lesson["runs"] = p.runs(lesson_id)
    return data


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(state.map(numbered), st.data(), st.booleans())
def test_mutated_files_load_and_keep_every_well_formed_part(tmp_path_factory, original, data, runs_apart):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "progress.json"
    candidates = list(paths(original))
    chosen = data.draw(
        st.lists(st.sampled_from(candidates), min_size=1, max_size=3, unique=True)
        if candidates
        else st.just([])
    )
    damaged = json.loads(json.dumps(original))
    for where in sorted(chosen, key=len, reverse=True):  # inner first: outer ones win
        replace(damaged, where, data.draw(WRONG))
    if runs_apart and isinstance(damaged.get("lessons"), dict):  # today's layout: runs files
        for lesson_id, lesson in damaged["lessons"].items():
            if isinstance(lesson, dict) and "runs" in lesson:
                (folder / "progress.json.runs").mkdir(exist_ok=True)
                (folder / "progress.json.runs" / f"{lesson_id}.json").write_text(
                    json.dumps({"lesson": lesson_id, "runs": lesson.pop("runs")})
                )
    path.write_text(json.dumps(damaged))

    p = Progress(path)  # no exception escapes
    assert p.saving, p.warnings
    p.set_setting("fuzz", 1)  # a save
    after = leaves(on_disk(Progress(path)))
    touched = [unit(c) for c in chosen]
    for where, value in leaves(original).items():
        if not any(where == t or where.startswith(t + "/") for t in touched):
            assert after.get(where, "<missing>") == value, (where, chosen)
