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
        L("validation", "Validation: over-fitting and the best epoch", "lessons.generalisation.validation"),
        L("regularization", "Weight decay, early stopping, bias and variance", "lessons.generalisation.regularization"),
        L("batch-norm", "Batch normalisation, before or after ReLU", "lessons.generalisation.batch_norm"),
    ]),
    Part("Classification", [
        L("decision-rule", "A layer plus argmax is a classifier", "lessons.classification.decision_rule"),
        L("losses", "Softmax and cross-entropy", "lessons.classification.losses"),
        L("train-a-classifier", "Training a classifier by gradient descent",
          "lessons.classification.train_a_classifier"),
        L("logistic-regression", "Logistic regression and the decision boundary",
          "lessons.classification.logistic_regression"),
        L("xor", "XOR needs a hidden layer", "lessons.classification.xor"),
        L("playground", "The playground: a network you can watch learn", "lessons.classification.playground"),
        L("backprop", "Backpropagation by hand", "lessons.classification.backprop"),
        # order: decision-rule, losses, train-a-classifier, logistic-regression, xor, playground, backprop
    ]),
    Part("Images", [
        L("mnist-first-look", "A first look at MNIST: digits as tensors", "lessons.images.mnist_first_look"),
        L("softmax-classifier", "Ten digits: softmax, a forest baseline, confusion",
          "lessons.images.softmax_classifier"),
        L("devices", "CPU or GPU: devices and .to(device)", "lessons.images.devices"),
        L("minibatch-sgd", "Mini-batches: many small steps", "lessons.images.minibatch_sgd"),
        L("dataloaders", "Datasets and DataLoaders", "lessons.images.dataloaders"),
        L("deeper-and-cnn", "Deeper networks and a CNN: LeNet-5", "lessons.images.deeper_and_cnn"),
        L("from-scratch", "A network from raw tensors", "lessons.images.from_scratch"),
        L("your-own-digit", "Predicting your own digit", "lessons.images.your_own_digit"),
        # order: mnist-first-look, softmax-classifier, devices, minibatch-sgd, dataloaders,
        # deeper-and-cnn, from-scratch, your-own-digit
    ]),
    Part("Sequences", [
        L("rnn", "Recurrent networks: counting the ones", "lessons.sequences.rnn"),
        L("seq2seq", "Encoder, decoder and attention", "lessons.sequences.seq2seq"),
    ]),
    Part("Workflow", [
        L("save-and-load", "Saving and loading a model", "lessons.workflow.save_and_load"),
        L("transfer-learning", "Transfer learning: reusing learned features", "lessons.workflow.transfer_learning"),
    ]),
]
COURSE = [part for part in COURSE if part.lessons]
