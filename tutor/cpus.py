"""How many CPU threads a run may give torch.

A shared lab server is the case to get right: 30 learners on 64 cores must not each start 63
threads. So a run uses the CPUs this process may actually use (its CPU affinity, and a cgroup
CPU quota such as a container's or a systemd slice's), and by default only a modest number of
them: the lessons' models are small, and past a few threads each extra one costs more in
synchronisation than it gains. The learner may choose (the app's settings, `tutor run
--threads`); a choice is never more than the CPUs there are.

This module imports neither Textual nor torch.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

__all__ = ["available", "auto_threads", "threads", "MODEST"]

MODEST = 4  # the most threads "auto" gives a run, however big the machine
CGROUP = Path("/sys/fs/cgroup")


def _quota(folder: Path) -> float | None:
    """CPUs allowed by the cgroup CPU quota in `folder` (v2 cpu.max or v1 cfs files)."""
    try:
        quota, period = (folder / "cpu.max").read_text().split()[:2]
        return None if quota == "max" else int(quota) / int(period)
    except (OSError, ValueError):
        pass
    try:
        quota = int((folder / "cpu.cfs_quota_us").read_text())
        period = int((folder / "cpu.cfs_period_us").read_text())
        return None if quota <= 0 or period <= 0 else quota / period
    except (OSError, ValueError):
        return None


def _cgroup_folders(root: Path = CGROUP) -> list[Path]:
    """The cgroup folders whose CPU quota applies to this process, innermost last."""
    folders = [root, root / "cpu", root / "cpu,cpuacct"]
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        lines = []
    for line in lines:
        _, controllers, path = (line.split(":", 2) + ["", ""])[:3]
        if controllers in ("", "cpu", "cpu,cpuacct", "cpuacct,cpu") and path.startswith("/"):
            base = root if controllers == "" else root / ("cpu" if (root / "cpu").is_dir() else controllers)
            parts = Path(path.strip("/")).parts
            folders += [base.joinpath(*parts[:i]) for i in range(1, len(parts) + 1)]
    return folders


def available(root: Path = CGROUP) -> int:
    """CPUs this process may use: its affinity, capped by any cgroup CPU quota (at least 1)."""
    try:
        count = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        count = os.cpu_count() or 1
    quotas = [q for q in map(_quota, _cgroup_folders(root)) if q is not None]
    if quotas:
        count = min(count, math.ceil(min(quotas)))
    return max(1, count)


def auto_threads(cpus: int | None = None) -> int:
    """What "auto" gives a run: all CPUs but one (left to the interface), at most MODEST."""
    cpus = available() if cpus is None else cpus
    return max(1, min(MODEST, cpus - 1))


def threads(setting: Any = "auto") -> int:
    """Threads for a run from a setting: "auto" (or anything unusable) or a whole number,
    never more than the CPUs this process may use."""
    if isinstance(setting, int) and not isinstance(setting, bool) and setting >= 1:
        return min(setting, available())
    return auto_threads()
