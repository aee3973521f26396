"""benchmarks/exercise_check.py runs (tiny), so it cannot rot; its figures are not checked here."""

from benchmarks import exercise_check


def test_watch_measures_save_to_result(tmp_path):
    times = exercise_check.watch(tmp_path, repeats=2)
    assert len(times) == 2 and all(0 < t < 30 for t in times)
