"""backprop: the chain rule by hand, forward and backward, for one point, a batch and two
layers (aiaioo exercises 710–750), checked against autograd."""

import torch
import torch.nn.functional as F

from lessons.classification.views import tensor_text
from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from
from tutor.figures import Table, Text
from tutor.formatting import number

ONE_LAYER = {"W": [[1, 2], [2, 1]], "b": [0, 0]}
TWO_LAYERS = {"W1": [[1, 1], [2, 2]], "b1": [-1, -1], "W2": [[2, 1], [2, 1]], "b2": [5, 5]}
BATCH = {"f": [[-10, 20], [8, -2]], "y": [1, 0]}
EXAMPLES = {  # the course's inputs; every value shown is computed from them
    "710": {"f": [[-10, 20]], "y": [1], **ONE_LAYER},
    "720": {"f": [[8, -2]], "y": [0], **ONE_LAYER},
    "730": {**BATCH, **ONE_LAYER},
    "740": {"f": [[-10, 20]], "y": [1], **TWO_LAYERS},
    "750": {**BATCH, **TWO_LAYERS},
    "relu-cut": {**BATCH, **TWO_LAYERS, "W1": [[1, -1], [2, 2]]},  # ours: one a < 0
}
GRAPHS = {  # drawn in the "graph" panel
    "one layer": "forward:   f ─(·W + b)─▶ c ─softmax─▶ p ─(−log p[y], mean)─▶ L\n"
    "backward:  dL/dc = (p − onehot(y)) / n\n"
    "           dL/dW = fᵀ·dL/dc    dL/db = dL/dc summed over rows",
    "two layers": "forward:   f ─(·W1+b1)─▶ a ─relu─▶ h ─(·W2+b2)─▶ c ─softmax─▶ p ─▶ L\n"
    "backward:  dL/dc = (p − onehot(y)) / n\n"
    "           dL/dW2 = hᵀ·dL/dc    dL/db2 = dL/dc summed over rows\n"
    "           dL/dh = dL/dc·W2ᵀ    dL/da = dL/dh × [a > 0]  (ReLU's slope)\n"
    "           dL/dW1 = fᵀ·dL/da    dL/db1 = dL/da summed over rows",
}


def scores_gradient(c, y):
    """dL/dc for L = mean over the batch of −log softmax(c)[y]: (p − onehot(y)) / n."""
    return (c.softmax(dim=1) - F.one_hot(y, c.shape[1])) / len(y)


def one_layer_by_hand(f, y, W, b):
    c = f @ W + b
    p = c.softmax(dim=1)
    loss = -torch.log(p[torch.arange(len(y)), y]).mean()
    dc = scores_gradient(c, y)
    dW = f.T @ dc  # each weight's share: its input times dL/dc
    db = dc.sum(dim=0)
    steps = [
        ("c", "f·W + b", c),
        ("p", "softmax(c)", p),
        ("L", "−log p(true class), mean over rows", loss),
        ("dL/dc", "(p − onehot(y)) / n", dc),
        ("dL/dW", "fᵀ · dL/dc", dW),
        ("dL/db", "dL/dc summed over rows", db),
    ]
    return steps, {"W": dW, "b": db}, loss


def two_layers_by_hand(f, y, W1, b1, W2, b2, course_dW2=False):
    a = f @ W1 + b1
    h = torch.relu(a)
    c = h @ W2 + b2
    p = c.softmax(dim=1)
    loss = -torch.log(p[torch.arange(len(y)), y]).mean()
    dc = scores_gradient(c, y)
    dW2 = (a if course_dW2 else h).T @ dc  # the course used a here: right only if a > 0
    db2 = dc.sum(dim=0)
    dh = dc @ W2.T  # back through the second layer
    da = dh * (a > 0)  # back through ReLU: slope 1 where a > 0, else 0
    dW1 = f.T @ da
    db1 = da.sum(dim=0)
    steps = [
        ("a", "f·W1 + b1", a),
        ("h", "relu(a)", h),
        ("c", "h·W2 + b2", c),
        ("p", "softmax(c)", p),
        ("L", "−log p(true class), mean over rows", loss),
        ("dL/dc", "(p − onehot(y)) / n", dc),
        ("dL/dW2", "aᵀ · dL/dc  ← the course's shortcut" if course_dW2 else "hᵀ · dL/dc", dW2),
        ("dL/db2", "dL/dc summed over rows", db2),
        ("dL/dh", "dL/dc · W2ᵀ", dh),
        ("dL/da", "dL/dh where a > 0, else 0", da),
        ("dL/dW1", "fᵀ · dL/da", dW1),
        ("dL/db1", "dL/da summed over rows", db1),
    ]
    return steps, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}, loss


def forward(f, weights):
    if "W" in weights:
        return f @ weights["W"] + weights["b"]
    return torch.relu(f @ weights["W1"] + weights["b1"]) @ weights["W2"] + weights["b2"]


def by_autograd(f, y, weights):
    leaves = {name: w.clone().requires_grad_() for name, w in weights.items()}
    loss = F.cross_entropy(forward(f, leaves), y)
    loss.backward()  # fills every leaf's .grad
    return loss.detach(), {name: w.grad for name, w in leaves.items()}


def by_hand(f, y, weights, course_dW2):
    if "W" in weights:
        return one_layer_by_hand(f, y, **weights)
    return two_layers_by_hand(f, y, **weights, course_dW2=course_dW2)


def example_tensors(name):
    ex = EXAMPLES[name]
    weights = {k: torch.tensor(v, dtype=torch.float64) for k, v in ex.items() if k not in ("f", "y")}
    return torch.tensor(ex["f"], dtype=torch.float64), torch.tensor(ex["y"]), weights


def check_table(grads, auto_grads):
    rows, worst = [], 0.0
    for name in grads:
        gap = (grads[name] - auto_grads[name]).abs().max().item()
        worst = max(worst, gap)
        rows.append([f"dL/d{name}", tensor_text(grads[name]), tensor_text(auto_grads[name]), gap])
    return rows, worst


def first_pass_rows(steps, auto_loss, auto_grads, gap):
    rows = [[name, how, tensor_text(value)] for name, how, value in steps]
    rows.append(["L, autograd", "F.cross_entropy(forward(f), y)", tensor_text(auto_loss)])
    rows += [[f"{name}.grad", "autograd: loss.backward()", tensor_text(g)] for name, g in auto_grads.items()]
    rows.append(["largest difference", "|by hand − autograd|", tensor_text(torch.tensor(gap))])
    return rows


def show_tables(run, example, rows, compared, loss, worst, kind, n):
    run.show(
        "steps",
        Table(
            ["quantity", "how", "value"],
            rows,
            reveal=True,
            summary=f"example {example} ({kind}, {n} point{'s' * (n > 1)}): loss {number(loss)}; "
            f"by hand and autograd differ by at most {number(worst)}",
            title=f"Example {example}, one computation per row: press . for the next",
        ),
    )
    differ = [i for i, r in enumerate(compared) if r[3] > 1e-9]
    run.show(
        "check",
        Table(
            ["gradient", "by hand", "autograd", "largest difference"],
            compared,
            highlight=differ,
            summary="every gradient by hand equals autograd's"
            if not differ
            else f"{', '.join(compared[i][0] for i in differ)} by hand does NOT equal autograd's",
            title="First pass: by hand vs autograd",
        ),
    )
    run.show(
        "graph",
        Text(
            GRAPHS[kind],
            style="code",
            summary=f"the computation graph of {kind}: forward left to right, gradients right to left",
        ),
    )


def train(p, run):
    f, y, weights = example_tensors(p.example)  # float64, so "equal" means equal to ~1e-15
    rows = [["f", "the inputs, one row per point", tensor_text(f)], ["y", "the true classes", tensor_text(y)]]
    rows += [[name, "start value", tensor_text(w)] for name, w in weights.items()]
    worst = 0.0
    for step in run.steps(p.passes):
        steps, grads, loss = by_hand(f, y, weights, p.course_dW2)  # forward, then backward
        auto_loss, auto_grads = by_autograd(f, y, weights)  # the same by loss.backward()
        compared, gap = check_table(grads, auto_grads)
        gap = max(gap, abs(loss - auto_loss).item())
        worst = max(worst, gap)
        if step == 0:
            first_loss, first_compared = loss.item(), compared
            first_da = next((value for name, _, value in steps if name == "dL/da"), None)
            rows += first_pass_rows(steps, auto_loss, auto_grads, gap)
        weights = {name: w - p.lr * grads[name] for name, w in weights.items()}  # gradient descent
        after = "; ".join(f"{name} = {tensor_text(w)}" for name, w in weights.items())
        rows.append([f"after step {step + 1}", f"w − {p.lr:g}·dL/dw (loss was {tensor_text(loss)})", after])
        run.log(step, loss=loss.item())
    kind = "one layer" if "W" in weights else "two layers"
    metrics = {
        "example": p.example,
        "loss": first_loss,
        "passes": p.passes,
        "max_abs_difference_manual_vs_autograd": worst,
    }
    if kind == "two layers":  # the learner's reading of dL/da, first pass
        error = (torch.tensor(p.your_dL_da, dtype=torch.float64) - first_da).abs().max().item()
        rows.append(["your dL/da", "typed in your_dL_da", tensor_text(torch.tensor(p.your_dL_da))])
        rows.append(
            ["its difference", "|your_dL_da − dL/da|, largest entry", tensor_text(torch.tensor(error))]
        )
        metrics["your_dL_da_error"] = error
    show_tables(run, p.example, rows, first_compared, first_loss, worst, kind, len(y))
    return metrics


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.choice(
            "example",
            "710",
            list(EXAMPLES),
            help="710 one point, 720 another, 730 both (a batch), 740 two layers, 750 two "
            "layers and a batch, relu-cut: 750 with a negative a",
        ),
        Param.int("passes", 1, lo=1, hi=20, help="forward-backward passes, each followed by a gradient step"),
        Param.float("lr", 0.01, lo=1e-4, hi=1.0, log=True, help="learning rate of the gradient step"),
        Param.matrix(
            "your_dL_da",
            [[0, 0], [0, 0]],
            shape=(2, 2),
            help="dL/da of the first pass, one row per point, as you read it in the step "
            "table (or work it out): the goal checks it",
        ),
        Param.bool(
            "course_dW2",
            False,
            help="mistake from the course: dL/dW2 from a (before ReLU) instead of h = relu(a)",
        ),
    ],
    train=train,
    charts=[
        Chart.figure("steps", title="Forward and backward, step by step"),
        Chart.figure("check", title="By hand vs autograd"),
        Chart.figure("graph", title="The computation graph"),
        Chart.line("loss", ["loss"], title="Loss per pass", x="pass"),
    ],
    goal=Goal(
        "Step through the two-layer batch example (750) to dL/da, type it into your_dL_da, "
        "and see autograd agree",
        require={
            "example": ("==", "750"),
            "max_abs_difference_manual_vs_autograd": ("<", 1e-6),
            "your_dL_da_error": ("<=", 1e-6),
        },
        hints=[
            "Start with 710 and 740: one point, one layer, then two layers. Predict each row "
            "before you press '.'.",
            "750 is 740 with the batch of 730: the loss and every gradient are means over "
            "the two points, so dL/dc is divided by 2.",
            "Set example = 750 (and leave course_dW2 off), run, and step down the table to "
            "the row dL/da (the blame that reaches the hidden units through ReLU); type "
            "its four numbers into your_dL_da, rows separated by ';', and run again.",
        ],
    ),
    solution={"example": "750", "your_dL_da": "0.5 0.5; -0.00123631 -0.00123631"},
    quick={},
    quizzes=[
        Quiz.number(
            "dc",
            page=1,
            question="Example 710: p = softmax([30, 0]) ≈ [1, 0] and the true "
            "class is 1. What is dL/dc for class 0?",
            answer=1,
            tol=1e-6,
            explain="dL/dc = p − onehot(1) = [1 − 0, 0 − 1] = [1, −1]: push "
            "class 0's score down and class 1's up.",
            nudge="The gradient of cross-entropy by the scores is the predicted "
            "probabilities minus the one-hot target.",
        ),
        Quiz.number(
            "batch",
            page=2,
            question="The losses of 710 and 720 are 30 and 10. What is the loss of the batch of both (730)?",
            answer=20,
            tol=1e-6,
            explain="The batch loss is the mean, (30 + 10) / 2 = 20, and "
            "each gradient is the mean of the two points' gradients.",
            nudge="The loss of a batch is the mean of its points' losses, not their sum.",
        ),
        Quiz.choice(
            "dead",
            page=3,
            question="A hidden unit has a < 0 for every point. What gradient do its weights in W1 get?",
            options=[
                "zero: ReLU passes no gradient back where a < 0",
                "the same as the other units",
                "a negative one",
            ],
            answer=0,
            explain="dL/da = dL/dh × [a > 0] is 0 there, so dL/dW1's column for that unit is 0: "
            "the unit does not learn from these points.",
            why={
                1: "Each unit's gradient passes back through its own ReLU, and a ReLU's "
                "slope depends on whether its input a is positive.",
                2: "A sign would come from the error further up, but first the gradient "
                "has to get through the ReLU: what is ReLU's slope where a < 0?",
            },
        ),
    ],
)
