"""Welcome: a rule written by hand against a line learned from examples (cars: weight → mpg)."""

import torch

from lessons import datasets
from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from
from tutor.figures import Plot, Series
from tutor.formatting import number


def line_text(a, b):
    return f"mpg = {number(a)} {'−' if b < 0 else '+'} {number(abs(b))}·weight/1000"


def fit_plot(weight, mpg, rule, learned, rule_mse, learned_mse):
    xs = [1500.0, 5200.0]
    worse = rule_mse / learned_mse - 1
    summary = (
        f"error (mean squared) of your rule {number(rule_mse)}, of the learned line "
        f"{number(learned_mse)}: yours is {abs(worse):.1%} {'worse' if worse >= 0 else 'better'}"
    )
    return Plot(
        [
            Series("cars", weight, mpg, style="points"),
            Series(f"your rule: {line_text(*rule)}", xs, [rule[0] + rule[1] * x / 1000 for x in xs]),
            Series(f"learned: {line_text(*learned)}", xs, [learned[0] + learned[1] * x / 1000 for x in xs]),
        ],
        summary=summary,
        xlabel="weight (lb)",
        ylabel="miles per gallon",
        title="392 cars, your rule and the learned line",
    )


def rule_mse(weight, mpg, a, b):
    """How far off the rule mpg = a + b·(weight in thousands of pounds) is: the average
    squared miss, in mpg²."""
    prediction = a + b * weight / 1000  # one prediction per car
    return ((prediction - mpg) ** 2).mean().item()


def train(p, run):
    weight, mpg = torch.tensor(datasets.cars("weight", "mpg")).T  # 392 cars: pounds, mpg

    # 1. A rule written by hand: mpg = a + b·(weight in thousands of pounds)
    rule_error = rule_mse(weight, mpg, p.a, p.b)

    # 2. A line learned from the examples: start flat, nudge two numbers downhill each step
    x = (weight - weight.mean()) / weight.std()  # rescaled: mean 0, spread 1
    intercept, slope = torch.tensor(0.0), torch.tensor(0.0)
    for step in run.steps(p.steps):
        miss = intercept + slope * x - mpg  # how far off each prediction is
        learned_mse = (miss**2).mean().item()
        # move each number a little (0.1 ×) against the error's slope for that number
        intercept = intercept - 0.1 * 2 * miss.mean()
        slope = slope - 0.1 * 2 * (miss * x).mean()
        run.log(step, learned_mse=learned_mse, rule_mse=rule_error)

    learned_mse = ((intercept + slope * x - mpg) ** 2).mean().item()
    b = (slope / weight.std() * 1000).item()  # back to mpg per 1000 lb
    a = (intercept - slope * weight.mean() / weight.std()).item()
    run.show("fit", fit_plot(weight, mpg, (p.a, p.b), (a, b), rule_error, learned_mse))
    return {
        "rule_mse": rule_error,
        "learned_mse": learned_mse,
        "rule_vs_learned": rule_error / learned_mse,
        "learned_a": a,
        "learned_b": b,
    }


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.float(
            "a", 40.0, lo=0, hi=80, help="your rule's mpg for a car weighing nothing (the intercept)"
        ),
        Param.float(
            "b", -5.0, lo=-20, hi=10, help="your rule's change in mpg per 1000 lb of weight (the slope)"
        ),
        Param.int("steps", 200, lo=1, hi=5000, help="learning steps for the learned line"),
    ],
    train=train,
    charts=[
        Chart.figure("fit", title="Hand rule vs learned line"),
        Chart.line(
            "learning",
            ["learned_mse", "rule_mse"],
            x="step",
            title="Error while the line learns (yours is flat)",
            logy=True,
        ),
    ],
    goal=Goal(
        "Hand-tune a rule whose error is within 10% of the learned line's",
        require={"rule_vs_learned": ("<=", 1.10)},
        limits={"steps": (">=", 100)},
        hints=[
            "Look at the plot: is your line too high or too low, too steep or too flat? "
            "Heavy cars do fewer miles per gallon, so b is negative.",
            "A 2000 lb car does about 31 mpg and a 4500 lb car about 12. Put your line "
            "through those two points.",
            "The learned line's numbers are in its legend (about a = 46, b = −7.6). "
            "a = 45 with b = −7 is already within 5%.",
        ],
    ),
    solution={"a": 46.0, "b": -7.6},
    quick={"steps": 20},
    quizzes=[
        Quiz.choice(
            "ai-ml-dl",
            page=0,
            question="Which statement is true?",
            options=[
                "Every AI system learns from data",
                "Deep learning is one kind of machine learning, which is one approach to AI",
                "Machine learning and deep learning are two names for the same thing",
            ],
            answer=1,
            explain="AI ⊃ ML ⊃ DL. Many AI systems run on rules written by people; "
            "deep learning is machine learning with many-layered networks.",
            why={
                0: "Many AI systems follow rules written by people, such as a chess "
                "engine's search, and learn nothing from data.",
                2: "Random forests and gradient boosting learn from data too, without any deep network.",
            },
        ),
        Quiz.choice(
            "tabular",
            page=3,
            question="You have 5,000 loan applications, each a row of 20 numbers and "
            "categories, and want to predict default. What would you try first?",
            options=[
                "A deep convolutional network",
                "Gradient-boosted trees",
                "A hand-written rule, and no data at all",
            ],
            answer=1,
            explain="On modest tables, gradient boosting or a random forest is usually "
            "as good as a deep net, faster to train and easier to check.",
            why={
                0: "Convolutions look for patterns among neighbouring pixels; a table's "
                "columns have no such neighbours, and 5,000 rows are few for a deep "
                "net.",
                2: "You have 5,000 examples with known outcomes and no simple rule for "
                "default: this is what learning from data is for.",
            },
        ),
        Quiz.choice(
            "kind",
            page=4,
            question="A program learns to sort e-mails into spam and not-spam from "
            "10,000 e-mails that people have already marked. What kind of "
            "learning is it?",
            options=["supervised", "unsupervised", "reinforcement"],
            answer=0,
            explain="Every example comes with the right answer (its label): supervised.",
            why={
                1: "Unsupervised learning has no answers to learn from, and these e-mails "
                "are already marked.",
                2: "Reinforcement learning learns from rewards for its actions over time, "
                "not from examples marked with their answers.",
            },
        ),
    ],
)
