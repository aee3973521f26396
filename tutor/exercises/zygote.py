"""The warm worker: a long-lived process that has imported torch once and forks a fresh child
for every check (the "zygote" pattern), so a check costs a fork, not a torch import.

    python -m tutor.exercises.zygote

Protocol, one JSON object per line: the worker prints {"ready": true} once torch is imported;
then for each request line (see tutor.exercises.child) it prints one result line. While a
check runs, a line {"cancel": true} kills it. The child runs in its own process group, under
a memory limit, and is killed (the whole group, SIGKILL) at its time limit; how it ended is
turned into a result the learner can read. Nothing the learner's code does reaches this
process: a crash, an exit or an endless loop ends only the child.

Where os.fork is missing (or TUTOR_EXERCISES_SPAWN=1), each check is a fresh
`python -m tutor.exercises.child` instead: the same limits, without the warm start.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time

from tutor.exercises import child

__all__ = ["main"]

SIGNALS = {
    getattr(signal, "SIGSEGV", -1): "your code crashed Python (a segmentation fault)",
    getattr(signal, "SIGBUS", -1): "your code crashed Python (a bus error)",
    getattr(signal, "SIGILL", -1): "your code crashed Python (an illegal instruction)",
    getattr(signal, "SIGFPE", -1): "your code crashed Python (a floating-point exception)",
    getattr(signal, "SIGABRT", -1): "your code aborted Python (often: it ran out of memory)",
    getattr(signal, "SIGXCPU", -1): "your code used up its CPU time",
    getattr(signal, "SIGXFSZ", -1): f"your code wrote a file (or printed) more than {child.FILE_LIMIT_MB} MB",
}


class _Lines:
    """Lines from a file descriptor, read without a buffer that select() cannot see."""

    def __init__(self, fd: int):
        self.fd, self.buffer, self.closed = fd, b"", False

    def ready(self) -> list[bytes]:
        """The complete lines after one read (call when select says there is data)."""
        self._fill()
        *lines, self.buffer = self.buffer.split(b"\n")
        return [line for line in lines if line.strip()]

    def unread(self, lines: list[bytes]) -> None:
        """Put lines back, to be read again by next()."""
        self.buffer = b"".join(line + b"\n" for line in lines) + self.buffer

    def next(self) -> bytes | None:
        while b"\n" not in self.buffer:
            if self.closed or not self._fill():
                return None
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line

    def _fill(self) -> bool:
        data = os.read(self.fd, 65536)
        if not data:
            self.closed = True
        self.buffer += data
        return bool(data)


def _kill_group(pid: int) -> None:
    for kill, target in ((os.killpg, pid), (os.kill, pid)):
        try:
            kill(target, signal.SIGKILL)
            return
        except (ProcessLookupError, PermissionError, OSError):
            continue


def _die_with_parent() -> None:
    """Linux: the kernel kills this child if the worker dies (e.g. the tutor was killed), so
    no check outlives it; elsewhere the CPU-time limit is the backstop."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _start_fork(request: dict) -> tuple[int, int]:
    """Fork the child; returns (pid, read end of its result pipe)."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        try:
            os.close(r)
            os.setpgid(0, 0)
            _die_with_parent()
            out = os.open(request["output"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            os.dup2(out, 1)
            os.dup2(out, 2)
            os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
            os.close(request["_protocol_fd"])
            child.limit_resources(float(request.get("memory_gb", 0)), float(request["time_limit"]))
            data = (json.dumps(child.run(request), default=str) + "\n").encode()
            view = memoryview(data)
            while view:
                view = view[os.write(w, view) :]
        finally:
            os._exit(0)
    os.close(w)
    try:
        os.setpgid(pid, pid)  # also here: whichever runs first wins
    except OSError:
        pass
    return pid, r


def _start_spawn(request: dict) -> tuple[subprocess.Popen, int]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tutor.exercises.child"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    proc.stdin.write((json.dumps({k: v for k, v in request.items() if k != "_protocol_fd"}) + "\n").encode())
    proc.stdin.close()
    return proc, proc.stdout.fileno()


def _wait(pid: int, deadline: float) -> int | None:
    """The child's wait status, killing it if it has not ended by `deadline`."""
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        if time.monotonic() > deadline:
            _kill_group(pid)
            return os.waitpid(pid, 0)[1]
        time.sleep(0.005)


def killed_by(sig: int, process: str) -> str:
    """Why `process` ("the check process") ended by signal `sig`, in the learner's terms."""
    if sig == signal.SIGKILL:
        return f"{process} was killed (by the system: perhaps out of memory)"
    return SIGNALS.get(sig, f"{process} was ended by signal {sig}")


def _ended(status: int | None) -> str:
    if status is None:
        return "the check process ended without a result"
    if os.WIFSIGNALED(status):
        return killed_by(os.WTERMSIG(status), "the check process")
    code = os.WEXITSTATUS(status)
    return (
        f"your code ended the process (exit code {code}, e.g. os._exit({code})) before the "
        "check finished; return a value instead"
    )


def _spawning() -> bool:
    return os.environ.get("TUTOR_EXERCISES_SPAWN") == "1" or not hasattr(os, "fork")


def check(request: dict, commands: _Lines) -> dict:
    """Run one check in a child and return its result (never raises for the child's doing)."""
    limit = float(request["time_limit"])
    with tempfile.NamedTemporaryFile(prefix="tutor-check-", suffix=".out", delete=False) as f:
        request["output"] = f.name
    start = time.monotonic()
    if _spawning():
        proc, r = _start_spawn(request)
        pid = proc.pid
    else:
        proc, (pid, r) = None, _start_fork(request)
    data, stopped = b"", ""
    deadline = start + limit
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            stopped = f"timed out after {limit:g} s: an endless loop, or far too much work?"
            break
        ready, _, _ = select.select([r, commands.fd], [], [], left)
        if commands.fd in ready:
            lines = commands.ready()
            cancel = [line for line in lines if json.loads(line).get("cancel")]
            commands.unread([line for line in lines if line not in cancel])
            if commands.closed or cancel:
                stopped = "stopped on request"
                break
        if r in ready:
            chunk = os.read(r, 65536)
            if not chunk:
                break
            data += chunk
    _kill_group(pid)  # also whatever the learner's code started; the child is done
    status = _wait(pid, time.monotonic() + 1.0)
    seconds = time.monotonic() - start
    if proc is not None:
        proc.stdout.close()
    else:
        os.close(r)
    try:
        result = json.loads(data) if not stopped else None
    except ValueError:
        result = None
    if result is None:
        result = {
            "passed": False,
            "cases": [{"name": "running your code", "ok": False, "message": stopped or _ended(status)}],
        }
        result["timed_out"] = stopped.startswith("timed out")
    result["seconds"] = round(seconds, 3)
    result["output"] = _tail(request["output"])
    return result


def _tail(path: str) -> str:
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            size = f.tell()
            f.seek(max(0, size - child.OUTPUT_LIMIT))
            text = f.read().decode("utf-8", "replace")
        os.unlink(path)
    except OSError:
        return ""
    return ("…" if size > child.OUTPUT_LIMIT else "") + text


def _warm_up() -> None:
    """Import and exercise, once, what checks commonly use, so a forked child does not pay for
    it: building the first optimiser alone imports for about 2 s. One thread, so no thread pool
    exists at fork time."""
    import torch
    import torch.nn.functional  # noqa: F401

    torch.set_num_threads(1)
    model = torch.nn.Linear(2, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    torch.nn.functional.mse_loss(model(torch.zeros(1, 2)), torch.zeros(1, 1)).backward()
    opt.step()
    torch.optim.Adam(model.parameters())
    torch.utils.data.DataLoader(torch.utils.data.TensorDataset(torch.zeros(2, 1)), batch_size=1)


def main() -> None:
    protocol = os.dup(1)
    os.dup2(2, 1)  # stray prints must not break the protocol
    if not _spawning():
        _warm_up()  # worth it only for forked children
    send = lambda obj: os.write(protocol, (json.dumps(obj, default=str) + "\n").encode())  # noqa: E731
    send({"ready": True, "pid": os.getpid()})
    commands = _Lines(0)
    while True:
        line = commands.next()
        if line is None:
            return  # the tutor went away
        request = json.loads(line)
        if "file" not in request:
            continue  # a cancel that came after its check ended
        request["_protocol_fd"] = protocol
        try:
            result = check(request, commands)
        except Exception as exc:  # a bug of ours: say so, keep serving
            result = {"passed": False, "cases": [], "error": f"{type(exc).__name__}: {exc}"}
        send(result)
        if commands.closed:
            return


if __name__ == "__main__":
    main()
