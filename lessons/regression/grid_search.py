"""grid-search: fit MPG from weight by trying every (m, b) on a grid (parrt notebook 1)."""

import numpy as np

from lessons.regression import cars_fit
from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from
from tutor.figures import Heatmap, Plot, Series, Table
from tutor.formatting import number

MAX_TABLE_ROWS = 100
MAX_MAP_POINTS = 400  # beyond this the grid covers the map anyway


def loss_map(p, weight, mpg, grid, best, least):
    """The MSE over a region holding the grid and the least-squares line, grid points marked."""
    m_lo, m_hi = cars_fit.span([p.m_from, p.m_to, least[0]])
    b_lo, b_hi = cars_fit.span([p.b_from, p.b_to, least[1]])
    ms, bs = np.linspace(m_lo, m_hi, 72), np.linspace(b_lo, b_hi, 24)
    return Heatmap(
        z=cars_fit.mse_surface(weight, mpg, ms, bs),
        xs=ms,
        ys=bs,
        log=p.log_colour,
        xlabel="slope m",
        ylabel="intercept b",
        points=[(m, b, 0) for m, b, _ in grid] if len(grid) <= MAX_MAP_POINTS else [],
        marks=[(best[0], best[1], "best grid point"), (least[0], least[1], "least squares")],
        summary=(
            f"o = the {len(grid)} grid points (drawn up to {MAX_MAP_POINTS}). Best grid "
            f"point m = {number(best[0], 6)}, b = {number(best[1])} (MSE {number(best[2])}); least squares "
            f"m = {number(least[0], 6)}, "
            f"b = {number(least[1])} (MSE {number(least[2])}). Low loss lies along a narrow "
            "diagonal valley: a larger b only works with a steeper (more negative) m."
        ),
    )


def grid_table(grid, best_index):
    grid = [(number(m, 6), b, mse) for m, b, mse in grid]  # slopes need all their digits
    if len(grid) <= MAX_TABLE_ROWS:
        return Table(
            ["m", "b", "MSE"],
            grid,
            highlight=[best_index],
            summary=f"All {len(grid)} pairs in the order tried; the highlighted row "
            f"has the lowest MSE, {number(grid[best_index][2])}.",
        )
    order = sorted(range(len(grid)), key=lambda i: grid[i][2])[:20]
    return Table(
        ["m", "b", "MSE"],
        [grid[i] for i in order],
        highlight=[0],
        summary=f"The 20 best of {len(grid)} pairs, lowest MSE first "
        f"(highlighted: {number(grid[order[0]][2])}).",
    )


def train(p, run):
    weight, mpg = cars_fit.cars_xy("weight")  # 392 cars: weight (lb) and MPG
    ms = np.linspace(p.m_from, p.m_to, p.m_steps)
    bs = np.linspace(p.b_from, p.b_to, p.b_steps)

    grid = []  # (m, b, MSE) for every pair tried
    for i in run.steps(len(bs)):
        b = bs[i]
        for m in ms:
            predicted = m * weight + b
            mse = np.mean((predicted - mpg) ** 2)
            grid.append((float(m), float(b), float(mse)))
    best_index = min(range(len(grid)), key=lambda k: grid[k][2])
    best = grid[best_index]

    m_ls, b_ls = cars_fit.least_squares(weight, mpg)  # the exact answer, for comparison
    least = (m_ls, b_ls, cars_fit.mse(m_ls, b_ls, weight, mpg))

    run.show("surface", loss_map(p, weight, mpg, grid, best, least))
    run.show("grid", grid_table(grid, best_index))
    xs = np.array([weight.min(), weight.max()])
    run.show(
        "fit",
        Plot(
            [
                Series("cars", weight, mpg, style="points"),
                Series(f"best grid line (MSE {number(best[2])})", xs, best[0] * xs + best[1]),
                Series(f"least squares (MSE {number(least[2])})", xs, m_ls * xs + b_ls),
            ],
            xlabel="weight (lb)",
            ylabel="MPG",
            summary=f"Heavier cars do fewer miles per gallon. The best grid line misses the "
            f"least-squares line by {number(best[2] - least[2])} in MSE.",
        ),
    )
    return {
        "best_m": best[0],
        "best_b": best[1],
        "best_mse": best[2],
        "ls_m": m_ls,
        "ls_b": b_ls,
        "ls_mse": least[2],
        "mse_gap": best[2] - least[2],
        "grid_points": len(grid),
    }


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.float("m_from", -0.005, lo=-0.1, hi=0.1, help="first slope m of the grid (MPG per lb)"),
        Param.float("m_to", -0.01, lo=-0.1, hi=0.1, help="last slope m of the grid"),
        Param.int("m_steps", 5, lo=1, hi=200, help="how many slopes, evenly spaced from m_from to m_to"),
        Param.float("b_from", 42.0, lo=-100, hi=200, help="first intercept b of the grid (MPG)"),
        Param.float("b_to", 47.0, lo=-100, hi=200, help="last intercept b of the grid"),
        Param.int("b_steps", 5, lo=1, hi=200, help="how many intercepts, evenly spaced from b_from to b_to"),
        Param.bool("log_colour", True, help="colour the loss map by log10(MSE) so the valley floor shows"),
    ],
    train=train,
    charts=[
        Chart.figure("surface", title="Loss over (m, b)"),
        Chart.figure("grid", title="Grid: every (m, b) tried"),
        Chart.figure("fit", title="Cars and the fitted lines"),
    ],
    goal=Goal(
        "Search smarter: get within 0.002 of the least-squares MSE with at most 25 grid points",
        require={"mse_gap": ("<=", 0.002), "grid_points": ("<=", 25)},
        hints=[
            "Brute force spends most points where the loss is high. Look at the map: "
            "where do the low values lie compared with your grid?",
            "Zoom in: centre a small grid on the best point you found so far and "
            "narrow both ranges, then repeat. The valley is diagonal, so narrow m a lot.",
            "Try m from -0.0079 to -0.0074 and b from 45.5 to 47.0, 5 steps each.",
        ],
    ),
    solution={"m_from": -0.0079, "m_to": -0.0074, "b_from": 45.5, "b_to": 47.0},
    quick={},
    quizzes=[
        Quiz.number(
            "mse-by-hand",
            page=1,
            question="A line predicts 20, 25 and 30 MPG for three cars that really do "
            "22, 25 and 27 MPG. What is its MSE?",
            answer=13 / 3,
            tol=0.01,
            explain="Errors −2, 0, 3; squares 4, 0, 9; mean 13/3 ≈ 4.33.",
            nudge="Square each error (prediction minus truth), then average the three squares.",
        ),
        Quiz.number(
            "grid-cost",
            page=3,
            question="A grid with 100 slopes and 100 intercepts: how many lines does "
            "brute force evaluate? (A third parameter with 100 values would "
            "multiply it again.)",
            answer=10000,
            tol=0,
            explain="100 × 100 = 10,000; with a third parameter 1,000,000. The cost "
            "grows exponentially with the number of parameters.",
            nudge="Every slope is tried with every intercept.",
        ),
    ],
)
