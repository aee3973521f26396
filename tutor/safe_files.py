"""Careful file handling shared by the progress file and the model cache.

- `not_regular(path)`: why an existing path must not be read or replaced (a FIFO, a device, a
  folder), or None. A FIFO would block a reader forever; a device node is not ours to move.
- `read_regular(path, limit)`: the bytes of a regular file, refusing anything else without
  opening it (and re-checking the opened file, in case it was swapped in between).
- `replacing(path)` / `write_atomic(path, data)`: a file of the same name in a temp folder
  beside it (named with our process id), fsync, `os.replace`, then fsync the folder. A symbolic
  link at `path` is replaced, never written through: callers that mean to write through a link
  resolve it first.
- `remove_stale_temps(folder, name)`: temp files of saves that were interrupted (kill -9, power
  loss) by processes that are gone.

This module imports neither Textual nor torch.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import time
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Iterator

__all__ = [
    "NotRegular",
    "not_regular",
    "read_regular",
    "replacing",
    "write_atomic",
    "remove_stale_temps",
    "STALE_SECONDS",
]

STALE_SECONDS = 3600  # a temp file this old belongs to no save in progress, whoever made it


class NotRegular(OSError):
    """The path exists but is not a regular file (the message says what it is)."""


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def not_regular(path: Path | str) -> str | None:
    """None if `path` is missing or a regular file (following links); else what it is."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError:
        return None  # unreadable: the read that follows reports it
    if stat.S_ISREG(mode):
        return None
    return f"{path} is {_kind(mode)}, not a regular file"


def read_regular(path: Path | str, limit: int | None = None) -> bytes:
    """The file's bytes. Raises FileNotFoundError, NotRegular, or OSError (also when the file
    is longer than `limit` bytes)."""
    why = not_regular(path)
    if why:
        raise NotRegular(why)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as f:
        mode = os.fstat(f.fileno()).st_mode
        if not stat.S_ISREG(mode):  # swapped for something else since the stat above
            raise NotRegular(f"{path} is {_kind(mode)}, not a regular file")
        data = f.read() if limit is None else f.read(limit + 1)
    if limit is not None and len(data) > limit:
        raise OSError(f"{path} is larger than {limit:,} bytes")
    return data


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


@contextmanager
def replacing(path: Path | str) -> Iterator[Path]:
    """Write the new content of `path` to the path this yields (e.g. `torch.save(obj, part)`):
    a file of the same name in a temp folder beside it (torch.save names an archive's records
    after the file). When the block ends without an error, the file is synced and replaces
    `path`, so a reader sees the old or the new file, never a part; on an error nothing is
    left behind. A symbolic link at `path` is replaced, never written through."""
    path = Path(path)
    folder = Path(
        tempfile.mkdtemp(dir=path.parent, prefix=f"{_temp_prefix(path)}{os.getpid()}.", suffix=".tmp")
    )
    part = folder / path.name
    try:
        yield part
        fd = os.open(part, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(part, path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    with suppress(OSError):  # make the rename itself durable where the OS allows
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def write_atomic(path: Path | str, data: bytes) -> None:
    """Replace `path` with `data` (see `replacing`). Raises OSError."""
    with replacing(path) as part:
        with open(part, "wb") as f:
            f.write(data)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True  # it exists (someone else's), or we cannot tell: keep its file
    return True


_TEMP = re.compile(r"\.(?P<name>.+?)(?:\.(?P<pid>\d+))?\.[a-z0-9_]+\.tmp\Z")


def remove_stale_temps(folder: Path | str, name: str | None = None) -> int:
    """Delete the temp folders (or, from tutor 0.1, files) that saves interrupted by a kill or
    a power cut left in `folder` (for the file `name`, or any file when name is None): those
    whose process is gone, and any older than STALE_SECONDS (e.g. from before temp names held
    a process id). Returns how many were removed; never raises."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    now = time.time()
    for entry in entries:
        m = _TEMP.match(entry.name)
        if not m or (name is not None and m.group("name") != name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
                continue
            pid = int(m.group("pid")) if m.group("pid") else None
            if now - info.st_mtime > STALE_SECONDS or (pid is not None and not _alive(pid)):
                if stat.S_ISDIR(info.st_mode):
                    shutil.rmtree(entry.path)
                else:
                    os.unlink(entry.path)
                removed += 1
        except (OSError, ValueError):
            continue
    return removed
