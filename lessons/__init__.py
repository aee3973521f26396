"""The course: parts in order, each with its lessons in order.

Each entry names the module that defines the lesson (`LESSON = Lesson(...)` beside a
Markdown file of the same name). Modules are imported only when a lesson is opened or run,
so listing the course needs neither torch nor the lessons' code.
"""

from tutor.course import LessonRef as L
from tutor.course import Part

COURSE = [
    Part("Orientation", [
        L("welcome", "Welcome: learning from examples", "lessons.orientation.welcome"),
    ]),
    Part("Tensors, the data of deep learning", [
        L("tensors", "Tensors: shape, dtype, device", "lessons.tensors.tensors"),
        L("tensor-ops", "Tensor operations and the matrix product", "lessons.tensors.tensor_ops"),
        L("affine-layer", "A layer is y = xW + b", "lessons.tensors.affine_layer"),
    ]),
    Part("Learning is optimisation", [
        L("descent-1d", "Gradient descent in one dimension", "lessons.regression.descent_1d"),
        L("grid-search", "Fitting a line by brute force", "lessons.regression.grid_search"),
        L("gradient-descent", "Fitting a line by gradient descent", "lessons.regression.gradient_descent"),
        L("autograd", "Gradients for free: autograd", "lessons.regression.autograd"),
        L("nn-and-optimizers", "nn.Linear, loss modules and optimisers", "lessons.regression.nn_and_optimizers"),
        L("nonlinearity", "Bending the line: nonlinearity", "lessons.regression.nonlinearity"),
        # order: descent-1d, grid-search, gradient-descent, autograd, nn-and-optimizers, nonlinearity
    ]),
    Part("Generalisation", [
        # validation, regularization, batch-norm
    ]),
    Part("Classification", [
        L("xor", "XOR needs a hidden layer", "lessons.classification.xor"),
        # order: decision-rule, losses, train-a-classifier, logistic-regression, xor, playground, backprop
    ]),
    Part("Images", []),
    Part("Sequences", []),
    Part("Workflow", []),
]
COURSE = [part for part in COURSE if part.lessons]
