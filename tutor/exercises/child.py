"""One check, inside the child process: limits, the learner's file, the check, the result.

`run(request)` is called in a freshly forked child of the warm worker (tutor.exercises.zygote)
or, where fork is not available, as `python -m tutor.exercises.child` with the request as one
JSON line on stdin. It returns the result as a dict; the caller writes it to the worker.

The request: file (the learner's), solution, checks (paths), check (the function name in the
checks file), function (the name the learner defines), memory_gb, time_limit.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from types import ModuleType

from tutor.exercises.checking import FILE_LIMIT_MB, PRINT_OPTIONS, CaseFailed, Checker, out_of_memory, trimmed

__all__ = ["run", "limit_resources"]

OUTPUT_LIMIT = 2000  # characters of the learner's printed output sent back


def limit_resources(memory_gb: float, time_limit: float | None) -> None:
    """Cap this process's address space at what it already maps plus `memory_gb`, the size of
    the files it writes (its printed output included), and its CPU time (a backstop: the
    worker kills a check at its wall-clock limit; None: no CPU limit, for a run with the
    learner's code, which only Stop ends)."""
    try:
        import resource
    except ImportError:  # not on this platform: the wall-clock limit still applies
        return
    if memory_gb > 0:
        limit = _mapped_bytes() + int(memory_gb * 2**30)
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or limit < hard:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_LIMIT_MB * 2**20, FILE_LIMIT_MB * 2**20))
    if time_limit is None:
        return
    cpu = int(time_limit) + 3
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard == resource.RLIM_INFINITY or cpu < hard:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, hard))


def _mapped_bytes() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 2 * 2**30  # unknown: assume a torch process maps about 2 GB


def _load(path: str, name: str, source: str | None = None) -> ModuleType:
    """Execute a file as a module named `name`; its code objects carry the real path, so a
    traceback names the learner's file and lines."""
    module = ModuleType(name)
    module.__file__ = path
    sys.modules[name] = module
    if source is None:
        with open(path, encoding="utf-8") as f:
            source = f.read()
    exec(compile(source, path, "exec"), module.__dict__)
    return module


def _load_failure(exc: BaseException, path: str, memory_gb: float) -> dict:
    if isinstance(exc, SyntaxError):
        message = f"your file has a syntax error on line {exc.lineno}: {exc.msg}" + (
            f"\n    {exc.text.rstrip()}" if exc.text else ""
        )
        return {"name": "loading your file", "ok": False, "message": message}
    if out_of_memory(exc):
        return {
            "name": "loading your file",
            "ok": False,
            "message": f"your code used more than {memory_gb:g} GB of memory ({exc})",
        }
    return {
        "name": "loading your file",
        "ok": False,
        "message": f"your file raised {type(exc).__name__} when loaded: {exc}",
        "traceback": trimmed(exc, path),
    }


def run(request: dict) -> dict:
    """Run one check; never raises for anything the learner's code does."""
    path = request["file"]
    memory_gb = float(request.get("memory_gb", 0))
    result: dict = {"passed": False, "cases": []}
    try:
        import torch

        torch.set_printoptions(**PRINT_OPTIONS)
        reference = _load(request["solution"], "reference")
        checks = _load(request["checks"], "exercise_checks")
        with open(path, encoding="utf-8") as f:
            source = f.read()
    except Exception as exc:  # the exercise itself is broken: the author's bug
        result["error"] = "".join(traceback.format_exception(exc))
        return result
    try:
        learner = _load(path, "learner", source)
    except SystemExit as exc:
        result["cases"].append(
            {
                "name": "loading your file",
                "ok": False,
                "message": f"your file called sys.exit({exc.code!r}) when loaded; "
                "a check needs it to define functions and return",
            }
        )
        return result
    except BaseException as exc:
        result["cases"].append(_load_failure(exc, path, memory_gb))
        return result
    c = None
    try:
        c = Checker(learner, reference, request["function"], path, source, memory_gb)
        getattr(checks, request["check"])(c)
        result["passed"] = True
    except CaseFailed as failed:
        result["cases"].append(failed.case)
    except SystemExit as exc:
        result["cases"].append(
            {
                "name": "running your code",
                "ok": False,
                "message": f"your code called sys.exit({exc.code!r}); return a "
                "value instead of ending the program",
            }
        )
    except KeyboardInterrupt:
        result["cases"].append({"name": "running your code", "ok": False, "message": "interrupted"})
    except Exception as exc:  # the learner's code failed outside c.call (e.g. in a module)
        if out_of_memory(exc):
            message = f"your code used more than {memory_gb:g} GB of memory ({exc})"
        else:
            message = f"your code raised {type(exc).__name__}: {exc}"
        case = {"name": "running your code", "ok": False, "message": message}
        if not out_of_memory(exc):
            case["traceback"] = trimmed(exc, path)
        result["cases"].append(case)
    if c is not None:
        result["cases"][:0] = c.cases
    return result


def main() -> None:
    """Spawn fallback: one request on stdin, the result as JSON on stdout."""
    request = json.loads(sys.stdin.readline())
    out = os.dup(1)
    os.dup2(os.open(request["output"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 1)
    os.dup2(1, 2)
    limit_resources(float(request.get("memory_gb", 0)), float(request.get("time_limit", 10)))
    result = run(request)
    os.write(out, (json.dumps(result, default=str) + "\n").encode())
    os._exit(0)


if __name__ == "__main__":
    main()
