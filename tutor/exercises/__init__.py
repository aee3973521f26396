"""Code exercises: the learner writes PyTorch in a file, a child process checks it.

    model    Exercise, and finding a lesson's exercises (no torch)
    files    the learner's files under $TUTOR_HOME/exercises/<lesson>/<id>.py
    worker   the warm checker process the tutor talks to (Worker)
    zygote   that process: torch imported once, a forked child per check
    child    one check inside the child: limits, the learner's file, the check
    checking the vocabulary of checks (c.same, c.expect, c.no_loops, c.not_using)
    report   CheckResult and how it reads
    record   passes and attempts in the progress file

No module here imports Textual; only zygote, child and checking import torch, and they run
in the checker process, never in the tutor's.
"""

from tutor.exercises.model import Exercise, UnknownExercise, every_exercise, find, for_lesson

__all__ = ["Exercise", "UnknownExercise", "every_exercise", "find", "for_lesson"]
