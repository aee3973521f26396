"""A lesson's training with the learner's code, inside the child process.

    python -m tutor.exercises.mine_child FD

Started by tutor.exercises.mine (the tutor's side), which writes one request line on stdin:
module (the lesson's module), params (as JSON), device, threads, history, memory_gb and
swaps: [{file, function, used_as, exercise}, ...]. The child loads each learner file (as a
check does), puts the learner's function in the lesson module's place
(`setattr(module, used_as, fn)`), and runs `train(params, run)` with a Run whose log, show,
note and progress go to the parent as JSON lines on the file descriptor FD:

    {"log": [step, {name: value}]}   {"show": [chart_id, figure_json]}   {"note": text}
    {"diverge_when": [growth, patterns]}   {"progress": [loops, fraction]}
    {"end": "finished", "metrics": {...}}   {"end": "failed", "message": ..., "details": ...}
    {"end": "diverged", "diverged": [metric, value, step, first, growth]}

and first, once torch is imported and before the request is read, {"ready": true}.

The learner's prints reach the parent on stdout (the parent shows them as notes). Later lines
on stdin change live parameters: {"set": [name, json_value]}. Nothing here is trusted by the
parent: it replays the events into its own Run, and a child that dies says nothing at all.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import threading
import time
import traceback

from tutor import cpus
from tutor.exercises import child as check_child
from tutor.exercises.checking import out_of_memory, trimmed
from tutor.figures import figure_to_json
from tutor.runner import Diverged, Run, _json_metrics

__all__ = ["main"]

FLUSH_SECONDS = 0.05  # logged values are sent in batches at most this old
PROGRESS_SECONDS = 0.1  # how often the open loops are sent


class Events:
    """JSON lines to the parent; log lines are batched, everything else flushes."""

    def __init__(self, fd: int):
        self.fd, self.buffer, self.flushed = fd, [], time.monotonic()
        self.lock = threading.Lock()

    def send(self, event: dict, now: bool = True) -> None:
        with self.lock:
            self.buffer.append(json.dumps(event, default=str))
            if now or time.monotonic() - self.flushed >= FLUSH_SECONDS:
                self._flush()

    def _flush(self) -> None:
        data = ("\n".join(self.buffer) + "\n").encode()
        self.buffer, self.flushed = [], time.monotonic()
        view = memoryview(data)
        while view:
            view = view[os.write(self.fd, view) :]


class ForwardingRun(Run):
    """A Run whose events also go to the parent (which replays them into the real run)."""

    def __init__(self, events: Events, *args, **kwargs):
        super().__init__(*args, listener=self._send_progress, listen_every=PROGRESS_SECONDS, **kwargs)
        self.events = events

    def _send_progress(self, run: Run) -> None:
        with self._lock:
            self._update_progress()
            loops, fraction = [list(loop) for loop in self._loops], self._fraction
        self.events.send({"progress": [loops, fraction]}, now=False)

    def log(self, step: float, **metrics: float) -> None:
        values = {k: float(v.item() if hasattr(v, "item") else v) for k, v in metrics.items()}
        self.events.send({"log": [float(step), values]}, now=False)
        super().log(step, **metrics)

    def show(self, chart_id: str, figure) -> None:
        self.events.send({"show": [chart_id, figure_to_json(figure)]})
        super().show(chart_id, figure)

    def note(self, text: str) -> None:
        self.events.send({"note": str(text)})
        super().note(text)

    def diverge_when(self, *args, **kwargs) -> None:
        super().diverge_when(*args, **kwargs)
        self.events.send({"diverge_when": [self._growth, list(self._watched)]})


def _read_commands(run: Run) -> None:
    """Live parameter changes from the parent, until it closes stdin."""
    for line in sys.stdin:
        try:
            name, raw = json.loads(line)["set"]
            run.params.set(name, run.lesson.param(name).parse(raw))
        except Exception:  # a bad line must not end the run
            continue


def _failure(exc: BaseException, swaps: list[dict], memory_gb: float) -> dict:
    """What the learner reads when the run raised: their lines where the error is theirs."""
    if isinstance(exc, SystemExit):
        return {
            "message": f"your code called sys.exit({exc.code!r}); return a value instead of ending the run"
        }
    if out_of_memory(exc):
        return {"message": f"your code used more than {memory_gb:g} GB of memory ({exc})"}
    for swap in swaps:
        cut = trimmed(exc, swap["file"])
        if cut:
            return {
                "message": f"your {swap['exercise']} raised {type(exc).__name__}: {exc}",
                "details": cut,
            }
    names = ", ".join(swap["exercise"] for swap in swaps)
    return {
        "message": f"{type(exc).__name__}: {exc} (the run used your code: {names})",
        "details": "".join(traceback.format_exception(exc)),
    }


def _swap_in(module, swaps: list[dict], memory_gb: float) -> dict | None:
    """Load each learner file and put its function in the lesson module; a failure to load
    is returned as the run's end."""
    for swap in swaps:
        path = swap["file"]
        try:
            learner = check_child._load(path, f"learner_{swap['exercise']}")
        except SystemExit as exc:
            return {"message": f"your {swap['exercise']} file called sys.exit({exc.code!r}) when loaded"}
        except BaseException as exc:
            case = check_child._load_failure(exc, path, memory_gb)
            return {"message": f"{swap['exercise']}: {case['message']}", "details": case.get("traceback")}
        fn = getattr(learner, swap["function"], None)
        if not callable(fn):
            return {"message": f"your {swap['exercise']} file does not define `{swap['function']}`"}
        setattr(module, swap["used_as"], fn)
    return None


def run(request: dict, events: Events) -> dict:
    """Train; returns the end event (never raises for what the learner's code does)."""
    swaps, memory_gb = request["swaps"], float(request.get("memory_gb", 0))
    try:
        module = importlib.import_module(request["module"])
        lesson = module.LESSON
        params = lesson.resolve(base=request["params"])
    except BaseException as exc:  # the lesson itself could not load here: our bug, say it
        return {"end": "failed", "message": f"the lesson could not load: {type(exc).__name__}: {exc}"}
    failed = _swap_in(module, swaps, memory_gb)
    if failed:
        return {"end": "failed", **failed}
    run = ForwardingRun(
        events,
        lesson,
        params,
        request.get("device", "cpu"),
        history=request.get("history") or [],
    )
    threading.Thread(target=_read_commands, args=(run,), daemon=True).start()
    try:
        import torch

        if request.get("threads"):  # as Run._execute: never more than this process may use
            torch.set_num_threads(cpus.threads(request["threads"]))
        metrics = dict(lesson.train(run.params, run) or {})
    except Diverged as exc:
        return {"end": "diverged", "diverged": [exc.metric, exc.value, exc.step, exc.first, exc.growth]}
    except BaseException as exc:
        return {"end": "failed", **_failure(exc, swaps, memory_gb)}
    run._send_progress(run)
    return {"end": "finished", "metrics": _json_metrics(metrics)}


def main() -> None:
    fd = int(sys.argv[1])
    from tutor.exercises.zygote import _die_with_parent

    _die_with_parent()
    import torch  # noqa: F401  (first: a child started ahead waits here with torch imported;
    # and before the memory limit: what torch maps is not the learner's)

    os.write(fd, b'{"ready": true}\n')  # (the parent ignores it; a benchmark waits for it)
    line = sys.stdin.readline()
    if not line:  # the tutor went away, or no longer needs this spare
        os._exit(0)
    request = json.loads(line)

    check_child.limit_resources(float(request.get("memory_gb", 0)), None)
    events = Events(fd)
    try:
        end = run(request, events)
    except BaseException as exc:  # a bug of ours: the parent still hears of it
        end = {"end": "failed", "message": f"{type(exc).__name__}: {exc}", "details": traceback.format_exc()}
    try:
        events.send(end)
    except OSError:
        pass
    os._exit(0)


if __name__ == "__main__":
    main()
