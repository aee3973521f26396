"""Checks of the descent-1d exercises (run in the checker's child process)."""


def check_descent_step(c):
    c.not_using("backward", "autograd", "requires_grad", why="work the slope out by hand")
    c.same(5.0, 0.1, name="w = 5, lr = 0.1: slope 6, next w = 4.4")
    c.same(-1.0, 0.25, name="w = -1, lr = 0.25: slope -6, next w = 0.5 (uphill of 2 means step right)")
    c.same(2.0, 0.3, name="at the minimum w = 2 the slope is 0: w stays 2")
    c.same(7.0, 0.5, name="lr = 0.5 lands on the minimum in one step: 2")
    w = 10.0
    for _ in range(100):
        w = c.call(w, 0.1, name="100 steps of lr 0.1 from w = 10")
    c.expect(
        abs(w - 2) < 1e-6,
        "100 steps from w = 10 reach the minimum at w = 2",
        "repeated steps should walk down to w = 2, where the loss is lowest",
        expected=2.0,
        got=w,
    )
