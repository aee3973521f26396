from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "double",
        "double(x) without a loop",
        page=0,
        time_limit=3,
        task="Write double(x): a tensor twice x, of the same shape and dtype.",
        hints=["Multiply by 2.", "return 2 * x"],
    ),
    Exercise("halve", "halve(x)", page=2, task="Write halve(x): x / 2.", hints=["return x / 2"]),
]
