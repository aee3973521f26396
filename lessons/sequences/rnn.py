"""rnn: a recurrent network counts the ones in 20 bits (aiaioo ex 910–920, toy problem 5)."""

import torch
from torch import nn

from lessons import datasets
from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from
from tutor.figures import Bars, Heatmap, Text
from tutor.formatting import number, plural

STEPS, COUNTS = 20, 21  # 20 bits in, 21 possible answers (0 to 20 ones)
MAX_TYPED = 40  # the learner's own sequence may have 1 to 40 bits
UNITS_SHOWN = 6  # hidden units drawn in the heat-map (the liveliest ones)


def check_bits(text):
    bits = text.replace(" ", "")
    if not 1 <= len(bits) <= MAX_TYPED or set(bits) - {"0", "1"}:
        raise ValueError(f"type 1 to {MAX_TYPED} bits, each 0 or 1 (spaces are ignored)")


class ElmanRNN(nn.Module):
    """h_t = tanh(x_t W_ih + h_(t-1) W_hh + b), one step at a time, starting from h_0 = 0."""

    def __init__(self, inputs, hidden):
        super().__init__()
        bound = hidden**-0.5  # nn.RNN draws from the same range
        self.W_ih = nn.Parameter(torch.empty(inputs, hidden).uniform_(-bound, bound))
        self.W_hh = nn.Parameter(torch.empty(hidden, hidden).uniform_(-bound, bound))
        self.b = nn.Parameter(torch.empty(hidden).uniform_(-bound, bound))

    def forward(self, x):  # x: (batch, steps, inputs)
        h = x.new_zeros(x.shape[0], self.W_hh.shape[0])
        states = []
        for t in range(x.shape[1]):
            h = torch.tanh(x[:, t] @ self.W_ih + h @ self.W_hh + self.b)
            states.append(h)
        return torch.stack(states, dim=1)  # (batch, steps, hidden): h_1 ... h_T


class Counter(nn.Module):
    """Read the bits one by one, then classify the last hidden state into a count 0..20."""

    def __init__(self, hidden, cell="nn.RNN", batch_first=True):
        super().__init__()
        if cell == "hand-written":
            self.rnn = ElmanRNN(1, hidden)
        else:
            self.rnn = nn.RNN(1, hidden, batch_first=batch_first)  # tanh is its default
        self.out = nn.Linear(hidden, COUNTS)

    def states(self, x):
        return self.rnn(x) if isinstance(self.rnn, ElmanRNN) else self.rnn(x)[0]

    def forward(self, x):
        return self.out(self.states(x)[:, -1])  # scores of the counts, from h_20


def hand_written_copy(rnn):
    """An ElmanRNN holding nn.RNN's weights: nn.RNN stores them transposed, two biases."""
    hand = ElmanRNN(1, rnn.hidden_size)
    with torch.no_grad():
        hand.W_ih.copy_(rnn.weight_ih_l0.T)
        hand.W_hh.copy_(rnn.weight_hh_l0.T)
        hand.b.copy_(rnn.bias_ih_l0 + rnn.bias_hh_l0)
    return hand.to(rnn.weight_hh_l0.device)


def nn_rnn_copy(hand):
    """The other way round: an nn.RNN holding the hand-written cell's weights."""
    rnn = nn.RNN(1, hand.W_hh.shape[0], batch_first=True)
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(hand.W_ih.T)
        rnn.weight_hh_l0.copy_(hand.W_hh.T)
        rnn.bias_ih_l0.copy_(hand.b)
        rnn.bias_hh_l0.zero_()
    return rnn.to(hand.b.device)


def compare_cells(model, X, cell):
    """Largest difference between the hand-written cell and nn.RNN with the same weights."""
    if cell == "hand-written":
        hand, rnn = model.rnn, nn_rnn_copy(model.rnn)
    else:
        hand, rnn = hand_written_copy(model.rnn), model.rnn
    with torch.no_grad():
        difference = (hand(X) - rnn(X)[0]).abs().max().item()
    verdict = (
        "the same numbers, up to float rounding"
        if difference < 1e-4
        else "different numbers: the two do not read the input the same way"
    )
    text = (
        f"h_t = tanh(x_t W_ih + h_(t-1) W_hh + b), by hand and by nn.RNN, with the trained "
        f"weights copied across.\nCompared: {X.shape[0]} test sequences x {X.shape[1]} steps x "
        f"{model.out.in_features} hidden units = {number(X.shape[0] * X.shape[1] * model.out.in_features)} "
        f"numbers.\nLargest difference: {number(difference)}: {verdict}."
    )
    return difference, Text(
        text,
        summary=f"hand-written vs nn.RNN: largest difference {number(difference)}, {verdict}",
        title="Hand-written cell vs nn.RNN",
    )


def hidden_map(model, bits_text, device):
    bits = [int(b) for b in bits_text.replace(" ", "")]
    x = torch.tensor(bits, dtype=torch.float32, device=device).reshape(1, len(bits), 1)
    with torch.no_grad():
        states = model.states(x)[0]  # (steps, hidden)
        reads = model.out(states).argmax(dim=1).tolist()  # the count read from each h_t
    states = states.cpu()
    units = states.std(dim=0).argsort(descending=True)[:UNITS_SHOWN].sort().values.tolist()
    running = torch.tensor(bits).cumsum(0).tolist()
    matched = sum(r == n for r, n in zip(reads, running))
    labels = [f"{t + 1:2} {b} {n:2}→{r:2}" for t, (b, n, r) in enumerate(zip(bits, running, reads))]
    summary = (
        f"{plural(sum(bits), 'one')}; the model answers {reads[-1]} "
        f"({'right' if reads[-1] == sum(bits) else 'wrong'}). Rows: step t, bit x_t, ones so far, "
        f"→ the count the output layer reads from h_t (it matches the ones so far at {matched} "
        f"of {len(bits)} steps). Columns: {len(units)} of {states.shape[1]} hidden units, those "
        f"that change most."
    )
    if len(bits) != STEPS:
        summary += f" Trained on {STEPS} bits only: this answer is read from h_{len(bits)}."
    return reads[-1], Heatmap(
        z=states[:, units],
        xs=list(range(len(units))),
        ys=list(range(len(bits))),
        summary=summary,
        palette="diverging",
        vmin=-1.0,
        vmax=1.0,
        row_labels=labels,
        col_labels=[f"h{u + 1}" for u in units],
        title=f"h_t while reading {bits_text.replace(' ', '')}",
    )


def accuracy_by_count(predicted, y):
    labels, values = [], []
    for count in range(COUNTS):
        rows = y == count
        if rows.any():
            labels.append(f"{plural(count, 'one')} ({rows.sum().item()})")
            values.append((predicted[rows] == count).float().mean().item())
    worst = sorted(zip(values, labels))[:3]
    summary = "test accuracy per true count (number of test sequences); weakest: " + ", ".join(
        f"{label} {value:.0%}" for value, label in worst
    )
    return Bars(labels, values, summary=summary, title="Test accuracy by number of ones")


def gold_obs(X, y, predicted, shown=10):
    """The course's printout: each test sequence with its true count (Gold) and the model's
    answer (Obs); here the first few, then the first few it gets wrong."""
    right = (predicted == y).tolist()
    first = list(range(min(shown, len(y))))
    wrong = [i for i, ok in enumerate(right) if not ok and i not in first][:shown]

    def line(i):
        bits = "".join(str(int(b)) for b in X[i].flatten().tolist())
        return f"{bits}  Gold {y[i].item():2}  Obs {predicted[i].item():2}{'' if right[i] else '  ✗'}"

    text = "\n".join(
        [f"the first {len(first)} test sequences:"]
        + [line(i) for i in first]
        + ["", f"the first {len(wrong)} more it gets wrong:"]
        + [line(i) for i in wrong]
    )
    n_wrong = len(right) - sum(right)
    return Text(
        text,
        style="code",
        title="Test sequences: Gold (true count) and Obs (answer)",
        summary=f"{n_wrong} of {len(y)} test sequences counted wrong; the first {len(first)} "
        f"and {plural(len(wrong), 'more wrong one')} are listed, bits then Gold and Obs",
    )


def accuracy_by_length(model, device, seed, lengths=(5, 10, 15, 20, 25, 30), n=500):
    """The trained weights run on any length: how often they count right on n random
    sequences of each length (count = the number of ones, at most 20 to be answerable)."""
    generator = torch.Generator().manual_seed(seed)
    accuracies = {}
    for length in lengths:
        X = torch.randint(0, 2, (n, length), generator=generator).float()
        X = X[X.sum(dim=1) < COUNTS].to(device)
        with torch.no_grad():
            predicted = model(X.unsqueeze(-1)).argmax(dim=1)
        accuracies[length] = (predicted == X.sum(dim=1)).float().mean().item()
    summary = "share counted right on random sequences of each length, trained on 20 bits only: " + ", ".join(
        f"{k} bits {v:.0%}" for k, v in accuracies.items()
    )
    return accuracies, Bars(
        [f"{k} bits" for k in accuracies],
        list(accuracies.values()),
        summary=summary,
        title="Accuracy by sequence length (trained on 20)",
    )


def train(p, run):
    data = datasets.toy_split("count", seed=p.seed)
    X_train, y_train, X_test, y_test = (torch.tensor(a).to(run.device) for a in data)
    X_train, X_test = X_train.unsqueeze(-1), X_test.unsqueeze(-1)  # (sequences, 20 steps, 1 feature)
    run.note("toy problem 5: 1000 training and 1000 test sequences of 20 bits, labels 0-20")
    torch.manual_seed(p.seed)
    model = Counter(p.hidden, p.cell, batch_first=not p.forget_batch_first).to(run.device)
    opt = torch.optim.Adam(model.parameters(), lr=p.lr)
    steps = p.epochs * -(-len(X_train) // p.batch_size)
    schedule = None
    if p.lr_schedule == "cosine":  # lr falls smoothly to 0 at the last step
        schedule = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=steps)
    for epoch in run.epochs(p.epochs):
        total = 0.0
        for rows in torch.randperm(len(X_train), device=run.device).split(p.batch_size):
            loss = nn.functional.cross_entropy(model(X_train[rows]), y_train[rows])
            opt.zero_grad()
            loss.backward()
            if p.clip > 0:  # keep one bad step from blowing up
                nn.utils.clip_grad_norm_(model.parameters(), p.clip)
            opt.step()
            if schedule:
                schedule.step()
            total += loss.item() * len(rows)
        with torch.no_grad():
            scores = model(X_test)
        run.log(
            epoch,
            train_loss=total / len(X_train),
            test_loss=nn.functional.cross_entropy(scores, y_test).item(),
            test_accuracy=(scores.argmax(dim=1) == y_test).float().mean().item(),
        )
    predicted = scores.argmax(dim=1)
    difference, comparison = compare_cells(model, X_test, p.cell)
    answer, heat = hidden_map(model, p.sequence, run.device)
    run.show("hidden", heat)
    run.show("by-count", accuracy_by_count(predicted.cpu(), y_test.cpu()))
    run.show("same", comparison)
    run.show("gold-obs", gold_obs(X_test.cpu(), y_test.cpu(), predicted.cpu()))
    by_length, bars = accuracy_by_length(model, run.device, p.seed)
    run.show("by-length", bars)
    return {
        "test_accuracy": (predicted == y_test).float().mean().item(),
        "test_loss": nn.functional.cross_entropy(scores, y_test).item(),
        "train_loss": total / len(X_train),
        "max_difference": difference,
        "answer": answer,
        "accuracy_10_bits": by_length[10],
        "accuracy_30_bits": by_length[30],
    }


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.int("hidden", 16, lo=1, hi=64, help="numbers in the hidden state h_t"),
        Param.choice(
            "cell",
            "nn.RNN",
            ["nn.RNN", "hand-written"],
            help="which implementation trains: PyTorch's nn.RNN or the ElmanRNN written out",
        ),
        Param.float(
            "lr", 0.02, lo=1e-4, hi=1.0, log=True, help="learning rate of Adam (its start, with cosine)"
        ),
        Param.choice(
            "lr_schedule",
            "cosine",
            ["cosine", "constant"],
            help="cosine: the learning rate falls smoothly to 0 by the last step",
        ),
        Param.int("batch_size", 25, lo=1, hi=1000, help="sequences per step (1000: the whole training set)"),
        Param.int("epochs", 40, lo=1, hi=20000, help="passes over the 1000 training sequences"),
        Param.float(
            "clip", 1.0, lo=0.0, hi=100.0, help="largest gradient norm a step may use (0: no clipping)"
        ),
        Param.text(
            "sequence",
            "01101110001011110100",
            max_len=80,
            check=check_bits,
            describe="1 to 40 bits, each 0 or 1, such as 01101110001011110100 (training uses 20)",
            help="the sequence whose hidden states the heat-map shows (any length up to 40)",
        ),
        Param.bool(
            "forget_batch_first",
            False,
            help="mistake: build nn.RNN without batch_first=True, so it reads the batch as time",
        ),
        Param.int("seed", 0, lo=0, hi=2**31 - 1, help="seeds the data, the initial weights and the batches"),
    ],
    train=train,
    charts=[
        Chart.line("loss", ["train_loss", "test_loss"], title="Cross-entropy per epoch"),
        Chart.line("accuracy", ["test_accuracy"], title="Test accuracy per epoch"),
        Chart.figure("hidden", title="Hidden state"),
        Chart.figure("by-count", title="Accuracy by count"),
        Chart.figure("same", title="Hand-written = nn.RNN"),
        Chart.figure("by-length", title="Other lengths"),
        Chart.figure("gold-obs", title="Gold and Obs"),
    ],
    goal=Goal(
        "Count as well as the course did: 98% test accuracy",
        require={"test_accuracy": (">=", 0.98)},
        hints=[
            "Look at the test accuracy curve: it is still climbing when the run ends. "
            "An RNN needs many steps.",
            "Give it more epochs. Keep the cosine schedule and the clipping: they keep the "
            "longer run from blowing up. (A bigger hidden size overfits 1000 sequences.)",
            "epochs = 150 (the rest as default) reaches 0.986-0.997 on seeds 0-3.",
        ],
    ),
    solution={"epochs": 150},
    quick={"epochs": 3, "hidden": 8, "batch_size": 100},
    quizzes=[
        Quiz.choice(
            "why-21",
            page=0,
            question="Why does the output layer have 21 scores, not 20?",
            options=[
                "One score per bit",
                "Counts run from 0 to 20: that is 21 answers",
                "One extra score for padding",
            ],
            answer=1,
            explain="Each possible count is a class, and a sequence can hold anywhere "
            "from no ones to twenty.",
            why={
                0: "The output classifies the whole sequence: one score per possible "
                "answer, not one per input bit.",
                2: "Every sequence has 20 bits, so there is no padding; count the possible answers instead.",
            },
        ),
        Quiz.number(
            "params",
            page=2,
            question="How many numbers does nn.RNN(1, 16) learn? (W_ih, W_hh and its two biases)",
            answer=304,
            explain="W_ih has 16 x 1, W_hh 16 x 16 = 256, and each of the two biases 16: "
            "16 + 256 + 16 + 16 = 304. The hand-written cell has one bias: 288.",
            nudge="Count each matrix as rows × columns and each bias as its length: W_ih "
            "is 16 × 1, W_hh 16 × 16.",
        ),
        Quiz.choice(
            "batch-first",
            page=5,
            question="x has shape (25, 20, 1): 25 sequences of 20 steps. nn.RNN was built "
            "without batch_first=True. What does it do?",
            options=[
                "It raises a shape error",
                "It reads 25 time steps of 20 sequences, silently",
                "It notices the layout and transposes x",
            ],
            answer=1,
            explain="By default nn.RNN expects (steps, batch, features). Every shape "
            "still fits, so nothing complains; the network just learns nonsense.",
            why={
                0: "Any 3-D input with one feature is valid whichever dimension is the "
                "batch, so no check fails.",
                2: "nn.RNN cannot tell which dimension you meant as the batch; it trusts "
                "the layout it was built with.",
            },
        ),
    ],
)
