"""The rules behind PyTorch's shape and dtype errors, in words (lessons tensors, tensor-ops).

`explain_error` names the rule an error message says was broken. `broadcast_diagram` and
`matmul_diagram` work a rule through for two actual shapes, so a learner sees why a pair of
shapes fits or does not.
"""

from __future__ import annotations

RULES = [
    (
        "mat1 and mat2 shapes cannot be multiplied",
        "Matrix product, rule 1: the inner sizes must match. (n, k) @ (k, m) works because both "
        "k's are equal; here they differ. Transpose one side (B.T swaps rows and columns) or give B "
        "as many rows as A has columns.",
    ),
    (
        "size mismatch, got input",
        "A matrix times a vector: the vector needs as many entries as the matrix has columns.",
    ),
    (
        "inconsistent tensor size",
        "Two vectors multiplied with @ or torch.dot need the same length: the dot product pairs "
        "up their entries one by one.",
    ),
    (
        "Expected size for first two dimensions of batch",
        "Batched matrix product: the last two dimensions are matrices and must follow rule 1 (the "
        "inner sizes match); the leading dimensions count the matrices.",
    ),
    (
        "need to be at least 1D",
        "@ multiplies vectors and matrices; to multiply by a single number (a 0-d tensor) use *.",
    ),
    (
        "must match the size of tensor b",
        "Broadcasting lines the two shapes up from the right. At each position the sizes must be "
        "equal, or one of them must be 1 (that one is repeated), or missing. Here two sizes differ "
        "and neither is 1.",
    ),
    (
        "same dtype",
        "The matrix product does not mix dtypes: convert one side first, e.g. B.to(A.dtype) or B.float().",
    ),
    (
        "mean(): could not infer output dtype",
        "The mean of whole numbers is usually a fraction, so mean() needs a floating-point tensor: "
        "A.float().mean().",
    ),
    (
        "not implemented for",
        "PyTorch has no version of this operation for this dtype (rand draws fractions, so it "
        "needs a float dtype; arange and @ have no bool version). Pick another dtype or convert "
        "first, e.g. .float().",
    ),
    (
        "is invalid for input of size",
        "reshape and view keep every number, so the new shape must hold exactly as many elements "
        "as the old one (multiply the sizes to check). One size may be -1: PyTorch works it out.",
    ),
    (
        "view size is not compatible",
        "view never copies: it re-reads the same memory in a new shape. After a transpose or "
        "permute the numbers are no longer stored row by row, so view cannot; reshape (which "
        "copies when it must) can.",
    ),
    (
        "desired ordering of dimensions",
        "permute needs one entry per dimension, naming each old dimension once: for a 3-D tensor "
        "three numbers such as 2, 0, 1.",
    ),
    ("duplicate dims", "permute needs each old dimension exactly once, e.g. 2, 0, 1 for a 3-D tensor."),
    (
        "Dimension out of range",
        "Dimensions are counted from 0 (or from -1 at the end): a tensor with n dimensions has "
        "dims 0 to n-1; unsqueeze may also use n, a new last dimension.",
    ),
    (
        "stack expects each tensor to be equal size",
        "stack puts tensors side by side along a new dimension, so they must all have the same shape.",
    ),
    (
        "Sizes of tensors must match except in dimension",
        "cat joins tensors end to end along one existing dimension: every other size must agree.",
    ),
    (
        "Tensors must have same number of dimensions",
        "cat joins tensors along an existing dimension, so they need the same number of dimensions.",
    ),
    (
        "out of bounds for dimension",
        "Indices run from 0 to size-1 (or from -1 backwards): index 2 of a dimension of size 2 "
        "does not exist.",
    ),
    (
        "too many indices",
        "Each index, separated by commas, picks along one dimension: a tensor with n dimensions "
        "takes at most n indices.",
    ),
    (
        "invalid index of a 0-dim tensor",
        "A 0-d tensor (a single number) has no dimensions to index; use .item() to get the number.",
    ),
    (
        "cannot be converted to Scalar",
        ".item() turns a one-element tensor into a Python number. With more elements, pick one "
        "first (A[0, 0].item()) or use .tolist().",
    ),
    (
        "with two bool tensors is not supported",
        "True/False tensors have no minus; use logical operators such as ^ (xor) or convert with .int().",
    ),
    ("can't convert", "NumPy works in main memory: copy a GPU tensor there first with .cpu().numpy()."),
    ("1D tensors expected", "torch.dot is the dot product of two vectors (1-D tensors); for matrices use @."),
]


def explain_error(message: str) -> str:
    """The rule a PyTorch error message says was broken."""
    for phrase, rule in RULES:
        if phrase in message:
            return rule
    return "Read the last line of the error: PyTorch says what it expected and what it got."


def broadcast_diagram(a: tuple[int, ...], b: tuple[int, ...]) -> str:
    """The broadcasting rule worked through for shapes a and b (aligned from the right)."""
    n = max(len(a), len(b))
    pa, pb = (None,) * (n - len(a)) + tuple(a), (None,) * (n - len(b)) + tuple(b)
    result, notes = [], []
    for i, (x, y) in enumerate(zip(pa, pb)):
        if x == y:
            result.append(x)
            notes.append(f"dim {i}: {x} and {y} agree")
        elif y is None or y == 1:
            result.append(x)
            notes.append(
                f"dim {i}: B {'has no such dimension' if y is None else 'has size 1'}, "
                f"so B is repeated {x} times"
            )
        elif x is None or x == 1:
            result.append(y)
            notes.append(
                f"dim {i}: A {'has no such dimension' if x is None else 'has size 1'}, "
                f"so A is repeated {y} times"
            )
        else:
            result.append(None)
            notes.append(f"dim {i}: {x} and {y} differ and neither is 1: they cannot be broadcast")

    def cells(shape, missing=""):
        return "".join(f"{missing if s is None else s:>5}" for s in shape)

    lines = [
        "Broadcasting lines the shapes up from the right:",
        f"  A      {cells(pa)}",
        f"  B      {cells(pb)}",
        f"  result {cells(result, '✗')}",
    ]
    return "\n".join(lines + notes)


def matmul_diagram(a: tuple[int, ...], b: tuple[int, ...], left: str = "A", right: str = "B") -> str:
    """The two matrix-product rules checked for shapes a @ b."""
    if not a or not b:
        scalar = left if not a else right
        return f"{left} @ {right} needs at least a vector on each side; {scalar} is a single number."
    inner_a = a[-1]
    inner_b = b[-2] if len(b) >= 2 else b[0]
    head = f"{left} {tuple(a)} @ {right} {tuple(b)}"
    if inner_a != inner_b:
        return (
            f"{head}\nrule 1: the inner sizes must match, but {left}'s last size is {inner_a} "
            f"and {right}'s {'second-to-last' if len(b) >= 2 else 'only'} size is {inner_b}."
        )
    outer = tuple(a[:-1]) + (tuple(b[-1:]) if len(b) >= 2 else ())
    lines = [
        f"{head} -> {outer if len(a) <= 2 and len(b) <= 2 else 'batched'}",
        f"rule 1: the inner sizes match ({inner_a} and {inner_b}); each result entry sums "
        f"{inner_a} products.",
        (
            "rule 2: no outer sizes are left, so the result is one number (the dot product)."
            if not outer
            else f"rule 2: the result takes the outer sizes: {outer}."
        )
        if len(a) <= 2 and len(b) <= 2
        else "rule 2: the result takes the outer sizes; leading dimensions count matrices (batches).",
    ]
    return "\n".join(lines)
