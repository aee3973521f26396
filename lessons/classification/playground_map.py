"""Words for the playground's decision map: what share of the map each class holds, how many
separate regions it forms, whether one is enclosed, and how much changed since the last view."""

import numpy as np
from scipy import ndimage

from tutor.formatting import plural


def regions(classes: np.ndarray, k: int) -> tuple[int, int]:
    """(number of connected regions of class k, how many of them touch no edge of the map)."""
    labels, count = ndimage.label(classes == k)
    edge = set(np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]])))
    return count, sum(1 for r in range(1, count + 1) if r not in edge)


def shape_words(classes: np.ndarray, n_classes: int) -> str:
    present = [k for k in range(n_classes) if (classes == k).any()]
    if len(present) == 1:
        return f"the whole map is class {present[0]}"
    parts = []
    for k in present:
        count, enclosed = regions(classes, k)
        text = f"class {k} {plural(count, 'region')}"
        if enclosed:
            text += f" ({enclosed} enclosed by a closed boundary)"
        parts.append(text)
    return "regions: " + ", ".join(parts)


def describe(classes: np.ndarray, previous: np.ndarray | None, n_classes: int) -> str:
    """One line about a map of predicted classes (and its change since `previous`)."""
    shares = ", ".join(f"class {k} {np.mean(classes == k):.0%}" for k in range(n_classes))
    text = f"map: {shares}; {shape_words(classes, n_classes)}"
    if previous is not None:
        text += f"; {np.mean(classes != previous):.0%} of the map changed since the last view"
    return text
