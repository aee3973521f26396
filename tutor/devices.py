"""Which devices torch can train on here, and choosing one.

torch is imported only when these functions are called, never at import time.
"""

from __future__ import annotations

from dataclasses import dataclass

from tutor.formatting import plural

CHOICES = ("auto", "cpu", "cuda", "mps")


class DeviceUnavailable(ValueError):
    """The chosen device cannot be used on this machine; the message says why."""


@dataclass(frozen=True)
class DeviceStatus:
    name: str
    available: bool
    detail: str  # e.g. "NVIDIA H100 80GB HBM3" or why it is unavailable


def probe() -> list[DeviceStatus]:
    """cpu, cuda and mps, each with whether it can be used and why (not)."""
    import torch

    n = torch.get_num_threads()
    statuses = [DeviceStatus("cpu", True, plural(n, "thread"))]
    if torch.cuda.is_available():
        names = ", ".join(torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count()))
        statuses.append(DeviceStatus("cuda", True, names))
    elif not torch.backends.cuda.is_built():
        statuses.append(DeviceStatus("cuda", False, "this torch build has no CUDA support"))
    else:
        statuses.append(DeviceStatus("cuda", False, "no NVIDIA GPU or driver found"))
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        statuses.append(DeviceStatus("mps", True, "Apple GPU (Metal)"))
    elif mps is not None and mps.is_built():
        statuses.append(DeviceStatus("mps", False, "no Apple GPU found (needs macOS 12.3+ on Apple silicon)"))
    else:
        statuses.append(DeviceStatus("mps", False, "only on Apple silicon Macs"))
    return statuses


def resolve(choice: str) -> str:
    """'auto' -> the best available device; otherwise the choice if it can be used.
    Raises DeviceUnavailable with the reason and what is available."""
    if choice not in CHOICES:
        raise DeviceUnavailable(f"unknown device {choice!r}; choose one of {', '.join(CHOICES)}")
    statuses = {s.name: s for s in probe()}
    if choice == "auto":
        for name in ("cuda", "mps", "cpu"):
            if statuses[name].available:
                return name
    status = statuses[choice]
    if not status.available:
        usable = ", ".join(["auto"] + [s.name for s in statuses.values() if s.available])
        raise DeviceUnavailable(f"device {choice!r} is not available: {status.detail}; available: {usable}")
    return choice
