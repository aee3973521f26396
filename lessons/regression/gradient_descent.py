"""gradient-descent: fit MPG from weight by hand-derived gradient descent in numpy, on raw and
on standardised weights side by side (parrt notebook 1)."""

import numpy as np

from lessons.regression import cars_fit
from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from
from tutor.figures import Heatmap, Plot, Series, Table
from tutor.formatting import number, plural


def valley_stretch(x):
    """How many times longer than wide the MSE valley over (m, b) is (the square root of the
    ratio of the loss's largest to smallest curvature)."""
    curvature = np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]])
    smallest, largest = np.linalg.eigvalsh(curvature)
    return float(np.sqrt(largest / smallest))


def path_map(name, x, y, path, m_range, b_range):
    m_ls, b_ls = cars_fit.least_squares(x, y)
    ms, bs = np.linspace(*m_range, 72), np.linspace(*b_range, 24)
    (m0, b0), (m1, b1) = path[0], path[-1]
    stretch = valley_stretch(x)
    shape = (
        f"a long, thin valley, {number(stretch)} times longer than wide"
        if stretch > 1.5
        else "a round bowl, as wide as it is long"
    )
    return Heatmap(
        z=cars_fit.mse_surface(x, y, ms, bs),
        xs=ms,
        ys=bs,
        log=True,
        xlabel="slope m",
        ylabel="intercept b",
        title=name,
        points=[(m, b, 0) for m, b in path],
        marks=[(m0, b0, "start"), (m1, b1, "end"), (m_ls, b_ls, "least squares")],
        summary=(
            f"{name}: the loss is {shape}. "
            f"o = the path: from (m {number(m0)}, b {number(b0)}) to (m {number(m1)}, b {number(b1)}); "
            f"the best line is (m {number(m_ls)}, b {number(b_ls)})."
        ),
    )


def show_maps(run, p, weight, standardised, mpg, paths):
    """Loss maps with the descent paths: raw around the valley, standardised centred on the best."""
    m_ls, b_ls = cars_fit.least_squares(weight, mpg)
    m_end = paths["raw"][-1][0]
    run.show(
        "raw_map",
        path_map(
            "Raw weights",
            weight,
            mpg,
            paths["raw"],
            cars_fit.span([m_ls - 0.01, m_ls + 0.01, m_end], 0.05),
            cars_fit.span([0, p.b0, 1.3 * b_ls]),
        ),
    )
    m_ls, b_ls = cars_fit.least_squares(standardised, mpg)
    m0, b0 = paths["std"][0]
    half = 1.2 * max(abs(m0 - m_ls), abs(b0 - b_ls), 1.0)
    run.show(
        "std_map",
        path_map(
            "Standardised weights",
            standardised,
            mpg,
            paths["std"],
            (m_ls - half, m_ls + half),
            (b_ls - half, b_ls + half),
        ),
    )


def steps_table(paths, x_raw, x_std, y):
    n = len(paths["raw"]) - 1
    epochs = sorted(e for e in {0, 1, 2, 3, 5, n} | set(range(0, n + 1, max(1, n // 10))) if e <= n)
    rows = []
    for e in epochs:
        (mr, br), (ms, bs) = paths["raw"][e], paths["std"][e]
        rows.append([e, mr, br, cars_fit.mse(mr, br, x_raw, y), ms, bs, cars_fit.mse(ms, bs, x_std, y)])
    return Table(
        ["epoch", "raw m", "raw b", "raw MSE", "std m", "std b", "std MSE"],
        rows,
        highlight=[len(rows) - 1],
        summary=f"After {plural(n, 'epoch')} b on raw weights moved from {number(paths['raw'][0][1])} "
        f"to {number(paths['raw'][-1][1])}; on standardised weights it moved to "
        f"{number(paths['std'][-1][1])}.",
    )


def fit_plot(weight, mpg, paths):
    """Both final lines drawn over weight in lb (the standardised one converted back)."""
    (m_raw, b_raw), (m_std, b_std) = paths["raw"][-1], paths["std"][-1]
    ends = np.array([weight.min(), weight.max()])
    std_line = m_std * (ends - weight.mean()) / weight.std() + b_std
    raw_mse = cars_fit.mse(m_raw, b_raw, weight, mpg)
    std_mse = cars_fit.mse(m_std, b_std, (weight - weight.mean()) / weight.std(), mpg)
    return Plot(
        [
            Series("cars", weight, mpg, style="points"),
            Series("raw weights", ends, m_raw * ends + b_raw),
            Series("standardised", ends, std_line),
        ],
        xlabel="weight (lb)",
        ylabel="MPG",
        summary=f"Line from raw weights: MSE {number(raw_mse)}; "
        f"from standardised weights: MSE {number(std_mse)}.",
    )


def gradient_step(x, y, m, b, lr):
    """One step downhill. The loss is ½·Σ E² with E = m·x + b − y, so by the chain rule
    ∂loss/∂m = Σ E·x and ∂loss/∂b = Σ E."""
    error = m * x + b - y
    grad_m = np.sum(error * x)
    grad_b = np.sum(error)
    return m - lr * grad_m, b - lr * grad_b


def train(p, run):
    weight, mpg = cars_fit.cars_xy("weight")
    standardised = (weight - weight.mean()) / weight.std()  # mean 0, (population) SD 1

    rng = np.random.default_rng(p.seed)
    m0 = rng.uniform(0, 1)
    paths = {"raw": [(m0, p.b0)], "std": [(m0, p.b0)]}  # (m, b) after each epoch
    for epoch in run.epochs(p.epochs):
        m, b = paths["raw"][-1]
        paths["raw"].append(gradient_step(weight, mpg, m, b, p.lr_raw))
        m, b = paths["std"][-1]
        paths["std"].append(gradient_step(standardised, mpg, m, b, p.lr_std))
        run.log(
            epoch + 1,
            raw_mse=cars_fit.mse(*paths["raw"][-1], weight, mpg),
            std_mse=cars_fit.mse(*paths["std"][-1], standardised, mpg),
        )

    (m_raw, b_raw), (m_std, b_std) = paths["raw"][-1], paths["std"][-1]
    show_maps(run, p, weight, standardised, mpg, paths)
    run.show("steps", steps_table(paths, weight, standardised, mpg))
    run.show("fit", fit_plot(weight, mpg, paths))
    best_mse = cars_fit.mse(*cars_fit.least_squares(weight, mpg), weight, mpg)
    raw_error, std_error = m_raw * weight + b_raw - mpg, m_std * standardised + b_std - mpg
    return {
        "raw_mse": float(np.mean(raw_error**2)),
        "raw_mae": float(np.mean(np.abs(raw_error))),
        "raw_m": m_raw,
        "raw_b": b_raw,
        "std_mse": float(np.mean(std_error**2)),
        "std_mae": float(np.mean(np.abs(std_error))),
        "std_m": m_std,
        "std_b": b_std,
        "std_mse_gap": float(np.mean(std_error**2)) - best_mse,
        "raw_stretch": valley_stretch(weight),
        "std_stretch": valley_stretch(standardised),
    }


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.float(
            "lr_raw",
            5e-11,
            lo=1e-14,
            hi=1e-6,
            log=True,
            help="learning rate on raw weights (lb); above about 5.3e-10 it diverges",
        ),
        Param.float(
            "lr_std",
            0.002,
            lo=1e-5,
            hi=0.1,
            log=True,
            help="learning rate on standardised weights; above about 0.005 it diverges",
        ),
        Param.float("b0", 35.0, lo=-50, hi=100, help="starting intercept b for both runs"),
        Param.int("epochs", 100, lo=1, hi=5000, help="gradient steps, each over all 392 cars"),
        Param.int("seed", 0, lo=0, hi=2**31 - 1, help="seeds the random starting slope m ~ U(0, 1)"),
    ],
    train=train,
    charts=[
        Chart.line("loss", ["raw_mse", "std_mse"], title="MSE per epoch", logy=True),
        Chart.figure("raw_map", title="Loss map, raw weights"),
        Chart.figure("std_map", title="Loss map, standardised weights"),
        Chart.figure("steps", title="Steps (m, b, MSE)"),
        Chart.figure("fit", title="Cars and the two fitted lines"),
    ],
    goal=Goal(
        "Start at b = 5 and reach the bottom of the standardised bowl (within 0.001 of the "
        "least-squares MSE) in at most 3 epochs",
        require={"std_mse_gap": ("<=", 0.001)},
        limits={"b0": ("==", 5.0), "epochs": ("<=", 3)},
        hints=[
            "Set b0 to 5 and epochs to 3 first; then only the learning rate of the "
            "standardised run matters. Watch the std columns of the steps table.",
            "Each step multiplies the distance to the best (m, b) by (1 − lr_std × 392) "
            "on standardised data. Which lr makes that factor close to 0?",
            "lr_std = 1/392 ≈ 0.00255 lands in one step; anything from about 0.0023 "
            "to 0.0028 gets there in three.",
        ],
    ),
    solution={"b0": 5.0, "epochs": 3, "lr_std": 0.00255},
    quick={"epochs": 10},
    quizzes=[
        Quiz.choice(
            "grad-b",
            page=1,
            question="The loss is ½·Σ (m·x + b − y)². What is its derivative with respect to b?",
            options=["Σ (m·x + b − y)·x", "Σ (m·x + b − y)", "Σ x", "m"],
            answer=1,
            explain="d/db of (m·x + b − y) is 1, so the chain rule leaves Σ E.",
            why={
                0: "That is the derivative with respect to m: the inner derivative of m·x "
                "+ b − y by m is x. What is it by b?",
                2: "The error E = m·x + b − y must stay in the result: the chain rule "
                "multiplies the outer derivative, E, by the inner one.",
                3: "m is a constant when you differentiate by b; apply the chain rule to ½·E².",
            },
        ),
        Quiz.choice(
            "why-stuck",
            page=2,
            question="On raw weights b hardly moves from its start. Why?",
            options=[
                "The gradient for b is exactly zero",
                "The learning rate must be tiny for m (x is in the thousands), and "
                "that same rate makes b's steps negligible",
                "b is not used in the prediction",
            ],
            answer=1,
            explain="One learning rate serves both numbers. The x² in m's curvature "
            "(about 10⁷) forces lr below 5e-10, and then b's steps are ~1e-7.",
            why={
                0: "b's gradient Σ E is not zero while the line is wrong; the question is "
                "how far each step moves b.",
                2: "b is the intercept in m·x + b: it is used, and it has a gradient.",
            },
        ),
    ],
)
