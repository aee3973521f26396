"""Tables and the summary block printed by `python -m benchmarks`."""

from __future__ import annotations

import math


def _s(x: float | None, digits: int = 2) -> str:
    return "—" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.{digits}f}"


def _mm(stat: dict | None, digits: int = 2) -> str:
    """median (min)"""
    return "—" if not stat else f"{_s(stat['median'], digits)} ({_s(stat['min'], digits)})"


def _ok(passed: bool) -> str:
    return "OK" if passed else "MISSED"


def _table(header: list[str], rows: list[list[str]], indent: str = "  ") -> list[str]:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(r: list[str]) -> str:
        return indent + "  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip()

    rule = indent + "  ".join("-" * w for w in widths)
    return [line(header), rule.rstrip(), *map(line, rows)]


def startup_section(d: dict) -> list[str]:
    return [
        f"1. Start-up: fresh process to the first frame with the list drawn (headless 120x36), "
        f"{d['repeats']} repeats, seconds median (min)",
        *_table(
            ["app", "seconds", "max"],
            [
                ["tutor (tutor.cli.main, home screen)", _mm(d["tutor"], 3), _s(d["tutor"]["max"], 3)],
                [
                    "bare Textual (Header, Footer, OptionList of 30)",
                    _mm(d["bare"], 3),
                    _s(d["bare"]["max"], 3),
                ],
            ],
        ),
        f"  ratio of medians {d['ratio']:.2f} (target ≤ {d['target']})",
        f"  torch imported when the home screen is shown: {'YES' if d['torch_imported_at_home'] else 'no'}",
    ]


def training_section(d: dict) -> list[str]:
    p = d["params"]
    names = {
        "app": "app (Pilot, LessonScreen, r)",
        "headless": "headless (tutor.runner.Run)",
        "cli": "tutor run xor (CLI)",
        "plain": "plain PyTorch (benchmarks/plain_xor.py)",
    }
    rows = []
    for kind in ("app", "headless", "cli", "plain"):
        k = d[kind]
        rows.append(
            [
                names[kind],
                _mm(k["cold"]),
                _mm(k["warm"], 3),
                ", ".join(f"{a:.3f}" for a in k["test_accuracy"]),
                ",".join(map(str, k["torch_threads"])),
            ]
        )
    return [
        f"2. Training: xor, default params (epochs {p['epochs']}, hidden {p['hidden']}, "
        f"init {p['init']}), the run's own seconds; {d['repeats']} repeats, each a fresh process;",
        f"   cold = first run in the process, warm = median of the next "
        f"{d['runs_per_process'] - 1} runs; median (min) over repeats",
        *_table(["where", "cold s", "warm s", "test acc", "threads"], rows),
        f"  app / plain: warm {d['ratio']:.3f} (target ≤ {d['target']}; ratio of the minimums "
        f"{d['ratio_of_minimums']:.3f}), cold {d['ratio_cold']:.3f}",
        f"  headless / plain: warm {d['ratio_headless']:.3f};  tutor run / plain: cold "
        f"{d['ratio_cli_cold']:.3f}",
        f"  same test accuracy everywhere: {'yes' if d['same_result'] else 'NO'}",
        *(
            [
                f"  app's UI thread (event loop) CPU from r to the result shown, warm runs: "
                f"{_mm(d['app_ui_thread_cpu_warm'], 3)} s"
            ]
            if d.get("app_ui_thread_cpu_warm")
            else []
        ),
        *(
            [f"  … of which while the run's seconds were counted: {_mm(d['app_ui_cpu_in_run'], 4)} s"]
            if d.get("app_ui_cpu_in_run")
            else []
        ),
        *(
            [
                f"  paired, in one process: each warm app run next to the plain loop run in the app's "
                f"process (event loop blocked), {d['paired']['n']} pairs:",
                f"    app / plain median {d['paired']['ratio']:.3f} (quartiles {d['paired']['q1']:.3f}–"
                f"{d['paired']['q3']:.3f}; ratio of the sums {d['paired']['ratio_of_sums']:.3f}); the "
                "machine's drift cancels within a pair",
            ]
            if d.get("paired")
            else []
        ),
    ]


def lag_section(d: dict) -> list[str]:
    labels = {
        "idle": "idle, lesson open (baseline)",
        "first run": "first run (torch lazy imports)",
        "later runs": "later runs",
    }
    rows = [
        [labels.get(k, k), str(v["n"]), _s(v["p50"], 1), _s(v["p95"], 1), _s(v["max"], 1)]
        for k, v in d["phases"].items()
    ]
    t = d["training"]
    rows.append(["while training (all runs)", str(t["n"]), _s(t["p50"], 1), _s(t["p95"], 1), _s(t["max"], 1)])
    out = [
        f"3. Interface lag: how late a 10 ms asyncio sleep on the app's loop wakes (headless "
        f"120x36, xor default, {d['runs_per_process']} runs a process, {d['repeats']} processes pooled)",
        *_table(["phase", "samples", "p50 ms", "p95 ms", "max ms"], rows),
    ]
    ki, kb, kf = d.get("keys_idle_ms"), d.get("keys_training_ms"), d.get("first_page_change_ms")
    if ki or kb or kf:
        out.append("  key round trip (n/p posted → page changed and next frame drawn), ms median (min), max:")
        if kf:
            out.append(
                f"    first page change of a session (idle) {_mm(kf, 0)}, max {kf['max']:.0f} "
                f"({kf['n']} sessions)"
            )
        if ki:
            out.append(f"    later, idle {_mm(ki, 0)}, max {ki['max']:.0f} ({ki['n']} presses)")
        if kb:
            out.append(f"    while training {_mm(kb, 0)}, max {kb['max']:.0f} ({kb['n']} presses)")
    return out


def lessons_section(d: dict) -> list[str]:
    rows = []
    for r in d["lessons"]:
        if "error" in r:
            rows.append([r["lesson"], r["part"], "—", f"{r['budget']:.0f}", "ERROR", r["error"][:60], ""])
            continue
        metric = ", ".join(
            f"{k} {v:.4g}" if isinstance(v, float) else f"{k} {v}" for k, v in r["goal_metrics"].items()
        )
        missing = [k for k in r.get("goal_keys", []) if k not in r["goal_metrics"]]
        metric = ", ".join(filter(None, [metric] + [f"{k} not reported" for k in missing])) or "—"
        met = {True: "met", False: "not met", None: "—"}[r["goal_met"]]
        flag = "OVER BUDGET" if r["over_budget"] else ""
        rows.append(
            [
                r["lesson"],
                r["part"][:24],
                f"{r['seconds']:.2f}",
                f"{r['budget']:.0f}",
                r["status"],
                f"{metric} ({met})",
                flag,
            ]
        )
    what = "quick params" if d["quick"] else "default params"
    out = [
        f"4. Lesson run times: {what}, headless tutor.runner.Run, {d['threads']} torch thread(s), "
        "each lesson once in a fresh process (its first run, imports included)",
        *_table(["lesson", "part", "seconds", "budget", "status", "goal metric (goal)", ""], rows),
    ]
    if d["over_budget"]:
        out.append("  over budget: " + ", ".join(d["over_budget"]))
    if d["failed"]:
        out.append("  did not finish: " + ", ".join(d["failed"]))
    return out


def summary_block(results: dict) -> list[str]:
    out = ["Summary"]
    s = results.get("startup")
    if s:
        out.append(
            f"startup      tutor {s['tutor']['median']:.2f} s  bare {s['bare']['median']:.2f} s  "
            f"ratio {s['ratio']:.2f}  (target ≤ {s['target']})  {_ok(s['ratio'] <= s['target'])}"
            f"  torch at home: {'yes' if s['torch_imported_at_home'] else 'no'}"
        )
    t = results.get("training")
    if t:
        out.append(
            f"training     app {t['app']['warm']['median']:.2f} s   "
            f"plain {t['plain']['warm']['median']:.2f} s  "
            f"ratio {t['ratio']:.2f}  (target ≤ {t['target']:.2f}) {_ok(t['ratio'] <= t['target'])}"
            f"  (warm; cold {t['app']['cold']['median']:.2f}/{t['plain']['cold']['median']:.2f} s = "
            f"{t['ratio_cold']:.2f})"
        )
        if t.get("paired"):
            pr = t["paired"]
            out.append(
                f"             paired in one process: ratio {pr['ratio']:.2f} (quartiles {pr['q1']:.2f}–"
                f"{pr['q3']:.2f}, {pr['n']} pairs)  {_ok(pr['ratio'] <= t['target'])}"
            )
        out.append(
            f"headless     runner {t['headless']['warm']['median']:.2f} s  plain "
            f"{t['plain']['warm']['median']:.2f} s  ratio {t['ratio_headless']:.2f}  (warm; "
            f"tutor run xor cold {t['cli']['cold']['median']:.2f} s = {t['ratio_cli_cold']:.2f}× plain cold)"
        )
    g = results.get("lag")
    if g:
        tr = g["training"]
        out.append(
            f"ui lag       p50 {tr['p50']:.0f} ms  p95 {tr['p95']:.0f} ms  max {tr['max']:.0f} ms"
            f"         (target p95 ≤ {g['target_p95_ms']:.0f} ms) {_ok(tr['p95'] <= g['target_p95_ms'])}"
        )
    lessons = results.get("lessons")
    if lessons:
        n = len(lessons["lessons"])
        bad = lessons["over_budget"] + [x for x in lessons["failed"] if x not in lessons["over_budget"]]
        out.append(
            f"lessons      {n - len(bad)} of {n} within budget and finished"
            + (f"; check: {', '.join(bad)}" if bad else "")
            + f"  {_ok(not bad)}"
        )
    p = results.get("progress")
    if p:
        from benchmarks.progress_io import summary_line

        out.append(summary_line(p, _ok))
    c = results.get("shared")
    if c:
        from benchmarks import concurrent_runs

        out.append(concurrent_runs.summary_line(c, _ok))
    m = results.get("mine")
    if m:
        from benchmarks import mine_runs

        out.append(mine_runs.summary_line(m, _ok))
    r = results.get("redraw")
    if r:
        v = r["variants"]
        best = min(v, key=lambda k: v[k]["ratio_to_plain"])
        first = next(iter(v))
        out.append(
            f"redraw       xor {r.get('epochs') or 1000} epochs: "
            f"{first} {v[first]['ratio_to_plain']:.2f}× plain"
            f", best variant {best} {v[best]['ratio_to_plain']:.2f}×"
        )
    return out
