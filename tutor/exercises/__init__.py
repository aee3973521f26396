"""Code exercises: the learner writes PyTorch in a file, a child process checks it.

    model    Exercise, and finding a lesson's exercises (no torch)
    files    the learner's files under $TUTOR_HOME/exercises/<lesson>/<id>.py
    worker   the warm checker process the tutor talks to (Worker)
    zygote   that process: torch imported once, a forked child per check
    child    one check inside the child: limits, the learner's file, the check
    checking the vocabulary of checks (c.same, c.expect, c.no_loops, c.not_using)
    report   CheckResult and how it reads
    record   passes and attempts in the progress file
    mine     a lesson's run with the learner's code: train in a child (mine_child), its
             events replayed into the tutor's Run

No module here imports Textual; only zygote, child, checking and mine_child import torch,
and they run in the checker's or the run's child process, never in the tutor's.
"""

from tutor.exercises.model import Exercise, UnknownExercise, every_exercise, find, for_lesson

__all__ = ["Exercise", "UnknownExercise", "every_exercise", "find", "for_lesson"]
