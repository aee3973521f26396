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
        # tensors, tensor-ops, affine-layer
    ]),
    Part("Learning is optimisation", [
        L("descent-1d", "Gradient descent in one dimension", "lessons.regression.descent_1d"),
        L("gradient-descent", "Fitting a line by gradient descent", "lessons.regression.gradient_descent"),
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
