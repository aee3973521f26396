"""What a 2×2 weight matrix does to the plane, in words (lesson affine-layer).

Row-vector convention, as in y = xW + b: the point (1, 0) lands on W's first row and (0, 1)
on its second. The kind is read from W itself: its determinant (area factor; negative means
a flip), whether it is diagonal, a scaled rotation or reflection, or a shear.
"""

from __future__ import annotations

import math

import torch

from tutor.formatting import number

TOL = 1e-3  # entries typed as 0.7071 still count as exact


def _n(v: float) -> str:
    """A number as a short string: 3, -0.5, 1.414."""
    return number(v) if abs(v - round(v)) > TOL else str(int(round(v)))


def describe(W: torch.Tensor) -> tuple[str, str]:
    """(kind, words) for a 2×2 W. kind is one of identity, scaling, reflection, rotation,
    shear, collapse, general."""
    (a, c), (d, e) = W.double().tolist()  # (1, 0) -> (a, c); (0, 1) -> (d, e)
    det = a * e - c * d
    s1, s2 = torch.linalg.svdvals(W.double()).tolist()
    area = f"areas scale by |det W| = {_n(abs(det))}"
    if max(abs(a - 1), abs(e - 1), abs(c), abs(d)) < TOL:
        return "identity", "leaves every point where it is (W is the identity)"
    if abs(det) < TOL:
        where = "a single point" if s1 < TOL else "a line"
        return "collapse", f"squashes the whole plane onto {where} (det W = 0: no way back)"
    if abs(c) < TOL and abs(d) < TOL and abs(a - e) < TOL and a < 0:
        size = "" if abs(a + 1) < TOL else f" and scales by {_n(-a)}"
        return "rotation", f"rotates by 180° (every point goes to the opposite side){size}"
    if abs(c) < TOL and abs(d) < TOL:
        flips = [axis for axis, s in (("x", a), ("y", e)) if s < 0]
        kind = "reflection" if flips else "scaling"
        words = f"scales by {_n(a)}" if abs(a - e) < TOL else f"scales x by {_n(a)} and y by {_n(e)}"
        if flips:
            words += f" (a negative factor mirrors the plane: {', '.join(f'{v} -> -{v}' for v in flips)})"
        return kind, f"{words}; {area}"
    if abs(a * d + c * e) < TOL and abs(a * a + c * c - d * d - e * e) < TOL:  # rows ⟂, same length
        scale = math.hypot(a, c)
        size = "" if abs(scale - 1) < TOL else f" and scales by {_n(scale)}"
        angle = math.degrees(math.atan2(c, a))
        if det > 0:
            turn = "anticlockwise" if angle > 0 else "clockwise"
            return "rotation", f"rotates by {_n(abs(angle))}° {turn}{size}"
        return "reflection", f"reflects across the line at {_n(angle / 2)}° to the x axis{size}"
    if (abs(c) < TOL or abs(d) < TOL) and abs(a - e) < TOL:
        amount = (d if abs(c) < TOL else c) / a
        sheared = f"x moves by {_n(amount)}·y" if abs(c) < TOL else f"y moves by {_n(amount)}·x"
        size = "" if abs(a - 1) < TOL else f"scales by {_n(a)}, then "
        return "shear", f"{size}shears: {sheared}; {area}"
    flip = "; det W < 0, so it also flips the plane over (a reflection)" if det < 0 else ""
    return "general", (
        f"stretches by {_n(s1)} along one direction and by {_n(s2)} along another{flip}; {area}"
    )
