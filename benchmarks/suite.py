"""The four measurements. Each runs its children one at a time (measure_*) and turns what they
wrote into plain data (aggregate_*, what --json writes); report.py prints it."""

from __future__ import annotations

import json
import sys
from typing import Callable

from benchmarks.child import run_child, run_command
from benchmarks.stats import median, percentile, ratio, summary

STARTUP_TARGET = 1.5
TRAINING_TARGET = 1.10
LAG_P95_TARGET_MS = 50.0


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------- 1. start-up


def startup_once(which: str, threads: int) -> dict:
    """One fresh process: seconds from its start to the first frame with the list drawn."""
    data, started, wall = run_child(["-m", "benchmarks.startup", which], threads)
    return {
        "seconds": data["shown"] - started,
        "process_seconds": wall,
        "torch_imported": data["torch_imported"],
        "screen": data["screen"],
    }


def measure_startup(repeats: int, threads: int) -> dict:
    """tutor vs a bare Textual app: one untimed warm-up of each (disk cache), then `repeats`
    pairs, alternating which goes first."""
    startup_once("tutor", threads), startup_once("bare", threads)
    times: dict[str, list[dict]] = {"tutor": [], "bare": []}
    for i in range(repeats):
        for which in ("tutor", "bare") if i % 2 == 0 else ("bare", "tutor"):
            times[which].append(startup_once(which, threads))
        say(
            f"  startup {i + 1}/{repeats}: tutor {times['tutor'][-1]['seconds']:.3f} s, "
            f"bare {times['bare'][-1]['seconds']:.3f} s"
        )
    return aggregate_startup(times)


def aggregate_startup(times: dict[str, list[dict]]) -> dict:
    tutor = summary([t["seconds"] for t in times["tutor"]])
    bare = summary([t["seconds"] for t in times["bare"]])
    return {
        "repeats": len(times["tutor"]),
        "tutor": tutor,
        "bare": bare,
        "ratio": ratio(tutor["median"], bare["median"]),
        "target": STARTUP_TARGET,
        "tutor_screen": times["tutor"][-1]["screen"],
        "torch_imported_at_home": any(t["torch_imported"] for t in times["tutor"]),
    }


# ---------------------------------------------------------------------------- 2. training

KINDS = ("app", "headless", "cli", "plain")


def xor_params(epochs: int | None = None) -> dict:
    """The xor lesson's default params (so the plain script trains exactly the same run)."""
    from tutor.course import catalogue

    lesson = catalogue().get("xor").load()
    return lesson.params_to_json(lesson.resolve({} if epochs is None else {"epochs": epochs}))


def measure_training(repeats: int, threads: int, runs: int = 9, epochs: int | None = None) -> dict:
    """xor's default run: in the app (Pilot, real LessonScreen, r), headless (tutor.runner),
    as `tutor run xor`, and as a plain PyTorch script. Each repeat starts a fresh process for
    each, in a rotating order; app, headless and plain do `runs` runs in it: the first is cold
    (it pays torch's lazy imports), the median of the others is the warm time."""
    params = xor_params(epochs)
    extra = [] if epochs is None else ["--epochs", str(epochs)]
    overrides = json.dumps({} if epochs is None else {"epochs": epochs})
    kinds: dict[str, Callable[[], dict]] = {
        "app": lambda: run_child(
            ["-m", "benchmarks.app_xor", "training", "--runs", str(runs), *extra], threads
        )[0],
        "headless": lambda: run_child(
            [
                "-m",
                "benchmarks.lesson_times",
                "xor",
                "--runs",
                str(runs),
                "--threads",
                str(threads),
                "--params",
                overrides,
            ],
            threads,
        )[0],
        "cli": lambda: {
            "runs": [
                json.loads(
                    run_command(
                        ["-m", "tutor", "run", "xor", "--no-save", "--json"]
                        + ([] if epochs is None else ["--set", f"epochs={epochs}"]),
                        threads,
                    )
                )
            ]
        },
        "plain": lambda: run_child(
            [
                "-m",
                "benchmarks.plain_xor",
                "--runs",
                str(runs),
                "--threads",
                str(threads),
                "--params",
                json.dumps(params),
            ],
            threads,
        )[0],
    }
    records: list[tuple[str, dict]] = []
    for i in range(repeats):
        for kind in KINDS[i % 4 :] + KINDS[: i % 4]:  # rotate the order
            records.append((kind, kinds[kind]()))
        done = {k: d for k, d in records[-4:]}
        say(
            f"  training {i + 1}/{repeats}: "
            + ", ".join(
                f"{k} " + "/".join(f"{s:.2f}" for s in _cold_warm(done[k]["runs"]) if s is not None)
                for k in KINDS
            )
            + " s (cold/warm)"
        )
    return aggregate_training(records, params, threads, runs)


def _cold_warm(runs: list[dict]) -> tuple[float, float | None]:
    seconds = [r["seconds"] for r in runs]
    return seconds[0], (median(seconds[1:]) if len(seconds) > 1 else None)


def _accuracy(run: dict) -> float:
    return run["metrics"]["test_accuracy"] if "metrics" in run else run["test_accuracy"]


def aggregate_training(records: list[tuple[str, dict]], params: dict, threads: int, runs: int) -> dict:
    """records: (kind, what its child wrote) for every process started."""
    out: dict = {
        "repeats": sum(k == "app" for k, _ in records),
        "runs_per_process": runs,
        "threads": threads,
        "params": params,
    }
    ui_cpu = [
        median([r["ui_thread_cpu"] for r in d["runs"][1:]])
        for k, d in records
        if k == "app" and len(d["runs"]) > 1
    ]
    for kind in KINDS:
        mine = [d for k, d in records if k == kind]
        cold = [_cold_warm(d["runs"])[0] for d in mine]
        warm = [w for w in (_cold_warm(d["runs"])[1] for d in mine) if w is not None]
        out[kind] = {
            "cold": summary(cold),
            "warm": summary(warm) if warm else None,
            "test_accuracy": sorted({round(_accuracy(r), 6) for d in mine for r in d["runs"]}),
            "torch_threads": sorted({d.get("threads", threads) for d in mine}),
        }
    warm = {k: out[k]["warm"]["median"] for k in ("app", "headless", "plain")}
    cold = {k: out[k]["cold"]["median"] for k in KINDS}
    out["ratio"] = ratio(warm["app"], warm["plain"])
    out["ratio_of_minimums"] = ratio(out["app"]["warm"]["min"], out["plain"]["warm"]["min"])
    out["ratio_cold"] = ratio(cold["app"], cold["plain"])
    out["ratio_headless"] = ratio(warm["headless"], warm["plain"])
    out["ratio_cli_cold"] = ratio(cold["cli"], cold["plain"])
    out["same_result"] = len({a for k in KINDS for a in out[k]["test_accuracy"]}) == 1
    out["app_ui_thread_cpu_warm"] = summary(ui_cpu) if ui_cpu else None
    in_run = [
        r["ui_cpu_in_run"]
        for k, d in records
        if k == "app"
        for r in d["runs"][1:]
        if r.get("ui_cpu_in_run") is not None
    ]
    out["app_ui_cpu_in_run"] = summary(in_run) if in_run else None
    pairs = [
        (r["seconds"], r["plain_in_process"])
        for k, d in records
        if k == "app"
        for r in d["runs"]
        if r.get("plain_in_process")
    ]
    if pairs:
        ratios = sorted(a / p for a, p in pairs)
        out["paired"] = {
            "n": len(pairs),
            "ratio": median(ratios),
            "q1": ratios[len(ratios) // 4],
            "q3": ratios[(3 * len(ratios)) // 4],
            "ratio_of_sums": sum(a for a, _ in pairs) / sum(p for _, p in pairs),
        }
    out["target"] = TRAINING_TARGET
    return out


# ---------------------------------------------------------------------------- 3. interface lag


def measure_lag(repeats: int, threads: int, runs: int = 2, epochs: int | None = None) -> dict:
    """Event-loop lag of the app (10 ms sleeper), idle and while xor trains; key round trips."""
    extra = [] if epochs is None else ["--epochs", str(epochs)]
    sessions = []
    for i in range(repeats):
        data, _, _ = run_child(["-m", "benchmarks.app_xor", "lag", "--runs", str(runs), *extra], threads)
        sessions.append(data)
        busy = data["lag_ms"].get("first run", []) + data["lag_ms"].get("later runs", [])
        say(
            f"  ui lag {i + 1}/{repeats}: p95 while training {percentile(busy, 95):.1f} ms "
            f"({len(busy)} samples)"
        )
    return aggregate_lag(sessions, runs)


def aggregate_lag(sessions: list[dict], runs: int) -> dict:
    lag: dict[str, list[float]] = {}
    for data in sessions:
        for phase, values in data["lag_ms"].items():
            lag.setdefault(phase, []).extend(values)
    keys_idle = [v for d in sessions for v in d["keys_idle_ms"]]
    keys_busy = [v for d in sessions for v in d["keys_training_ms"]]
    training = lag.get("first run", []) + lag.get("later runs", [])
    return {
        "repeats": len(sessions),
        "runs_per_process": runs,
        "phases": {k: _lag_summary(v) for k, v in lag.items()},
        "training": _lag_summary(training),
        "target_p95_ms": LAG_P95_TARGET_MS,
        "first_page_change_ms": summary([d["first_key_ms"] for d in sessions]),
        "keys_idle_ms": summary(keys_idle) if keys_idle else None,
        "keys_training_ms": summary(keys_busy) if keys_busy else None,
    }


def _lag_summary(values: list[float]) -> dict:
    return {
        "n": len(values),
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "max": max(values) if values else float("nan"),
    }


# ---------------------------------------------------------------------------- 4. lesson run times


def measure_lessons(threads: int, quick: bool = False, only: list[str] | None = None) -> dict:
    """Every lesson's default (or quick) run, headless, each once in a fresh process."""
    from tutor.course import catalogue

    rows = []
    for ref in catalogue():
        if only and ref.id not in only:
            continue
        args = ["-m", "benchmarks.lesson_times", ref.id, "--threads", str(threads)]
        try:
            data, _, wall = run_child(args + (["--quick"] if quick else []), threads, timeout=900)
        except Exception as exc:  # one broken lesson (or a timeout) must not stop the rest
            rows.append(lesson_row(ref.id, ref.part, error=str(exc)))
            say(f"  lesson {ref.id}: FAILED")
            continue
        rows.append(lesson_row(ref.id, ref.part, data, wall))
        say(f"  lesson {ref.id}: {rows[-1]['seconds']:.2f} s {rows[-1]['status']}")
    return aggregate_lessons(rows, threads, quick)


def lesson_row(
    lesson_id: str, part: str, data: dict | None = None, wall: float | None = None, error: str = ""
) -> dict:
    from benchmarks.lesson_times import budget

    row = {"lesson": lesson_id, "part": part, "budget": budget(part)}
    if data is None:
        return {**row, "error": error.strip().splitlines()[0] if error.strip() else "failed"}
    run = data["runs"][0]
    return {
        **row,
        "seconds": run["seconds"],
        "load_seconds": data["load_seconds"],
        "process_seconds": wall,
        "status": run["status"],
        "goal_met": run["goal_met"],
        "goal_metrics": run["goal_metrics"],
        "goal_keys": run.get("goal_keys", []),
        "threads": data["threads"],
        "over_budget": run["seconds"] > row["budget"],
    }


def aggregate_lessons(rows: list[dict], threads: int, quick: bool) -> dict:
    return {
        "quick": quick,
        "threads": threads,
        "lessons": rows,
        "over_budget": [r["lesson"] for r in rows if r.get("over_budget")],
        "failed": [r["lesson"] for r in rows if "error" in r or r.get("status") != "finished"],
    }
