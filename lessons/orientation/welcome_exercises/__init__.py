"""Exercises of welcome: score a rule written by hand the way the lesson scores it."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "rule_mse",
        "rule_mse: how far off is a rule written by hand?",
        page=1,
        task="Write rule_mse(weight, mpg, a, b): the rule predicts mpg = a + b · weight / 1000 "
        "for every car (weight in pounds); return the mean of the squared misses "
        "(prediction − mpg)², as a Python float.",
        hints=[
            "One line makes every prediction at once: pred = a + b * weight / 1000.",
            "The misses are pred − mpg; square them, then take the mean.",
            "return ((a + b * weight / 1000 - mpg) ** 2).mean().item()",
        ],
        used_as="rule_mse",
    ),
]
