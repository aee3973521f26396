"""CPU threads for a run: the CPUs this process may use, a modest default, the learner's choice."""

import os

import pytest

from tutor import cpus


@pytest.fixture
def eight_cpus(monkeypatch, tmp_path):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(8)), raising=False)
    monkeypatch.setattr(cpus, "CGROUP", tmp_path)
    monkeypatch.setattr(cpus, "_cgroup_folders", lambda root=tmp_path: [tmp_path])
    return tmp_path


def test_affinity_and_cgroup_quota_bound_the_cpus(eight_cpus):
    assert cpus.available(eight_cpus) == 8
    (eight_cpus / "cpu.max").write_text("max 100000\n")
    assert cpus.available(eight_cpus) == 8
    (eight_cpus / "cpu.max").write_text("150000 100000\n")  # 1.5 CPUs: 2 threads
    assert cpus.available(eight_cpus) == 2
    (eight_cpus / "cpu.max").unlink()
    (eight_cpus / "cpu.cfs_quota_us").write_text("300000\n")  # cgroup v1
    (eight_cpus / "cpu.cfs_period_us").write_text("100000\n")
    assert cpus.available(eight_cpus) == 3


def test_auto_is_modest_on_a_big_machine():
    assert cpus.auto_threads(64) == cpus.MODEST == 4
    assert cpus.auto_threads(2) == 1 and cpus.auto_threads(1) == 1


def test_a_choice_is_bounded_by_the_cpus(eight_cpus):
    assert cpus.threads(100000) == 8 and cpus.threads(3) == 3
    assert cpus.threads("auto") == cpus.threads(None) == cpus.threads(0) == cpus.threads(True) == 4


def test_the_cgroup_of_this_process_is_found(tmp_path, monkeypatch):
    (tmp_path / "user.slice" / "lab").mkdir(parents=True)
    (tmp_path / "user.slice" / "lab" / "cpu.max").write_text("200000 100000\n")
    real_read = cpus.Path.read_text
    monkeypatch.setattr(
        cpus.Path,
        "read_text",
        lambda self, *a, **k: (
            "0::/user.slice/lab\n" if str(self) == "/proc/self/cgroup" else real_read(self, *a, **k)
        ),
    )
    assert tmp_path / "user.slice" / "lab" in cpus._cgroup_folders(tmp_path)
    assert cpus.available(tmp_path) <= 2


def test_tutor_run_with_too_many_threads_uses_the_cpus_there_are(tmp_path):
    """`tutor run xor --threads 100000` once crashed with a segfault (exit 139)."""
    import subprocess
    import sys

    env = {**os.environ, "TUTOR_HOME": str(tmp_path)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tutor",
            "run",
            "xor",
            "--threads",
            "100000",
            "--set",
            "epochs=5",
            "--no-save",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"is more than the {cpus.available()} CPUs this process may use" in done.stderr
    assert "xor: finished" in done.stdout
