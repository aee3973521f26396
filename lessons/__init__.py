"""The course: parts in order, each with its lessons in order.

Each entry names the module that defines the lesson (`LESSON = Lesson(...)` beside a
Markdown file of the same name). Modules are imported only when a lesson is opened or run,
so listing the course needs neither torch nor the lessons' code.

The tutor finds `COURSE` as it finds any lesson pack: through the `tutor.lessons` entry point
(pyproject.toml; docs/authoring.md, "Writing a lesson pack").
"""

from tutor.course import LessonRef as L
from tutor.course import Part

COURSE = [
    Part(
        "Orientation",
        [
            L(
                "welcome",
                "Welcome: learning from examples",
                "lessons.orientation.welcome",
                summary="What AI, machine learning and deep learning are, when learning from examples "
                "beats hand-written rules, and how to use the tutor.",
                source="Chollet, Deep Learning with Python, ch. 1; learnpytorch.io, introduction",
                goal="Hand-tune a rule whose error is within 10% of the learned line's",
            ),
        ],
    ),
    Part(
        "Tensors, the data of deep learning",
        [
            L(
                "tensors",
                "Tensors: shape, dtype, device",
                "lessons.tensors.tensors",
                summary="Tensors: shape, ndim, dtype and device; creating, indexing, slicing and "
                "reshaping them; sharing memory with NumPy.",
                source="aiaioo Deep Learning Basics, exercise 110; learnpytorch.io 00; Chollet, ch. 2.2",
                goal="Channels first: turn an image tensor of shape (2, 4, 3) into (3, 2, 4) with permute",
            ),
            L(
                "tensor-ops",
                "Tensor operations and the matrix product",
                "lessons.tensors.tensor_ops",
                summary="Element-wise operations, broadcasting and the matrix product, and why "
                "vectorised code beats Python loops.",
                source="learnpytorch.io 00; Chollet, Deep Learning with Python, ch. 2.3",
                goal="Keep A at shape (3, 2) and make the matrix product of A and B a (3, 4) matrix",
            ),
            L(
                "affine-layer",
                "A layer is y = xW + b",
                "lessons.tensors.affine_layer",
                summary="A layer computes y = xW + b: what W and b do to points (turn, stretch, shear, "
                "shift), and how ReLU folds space.",
                source="aiaioo Deep Learning Basics, exercise 210; Chollet, ch. 2.3.5",
                goal="Move the F onto the target: a quarter turn anticlockwise, twice as big, 3 to the right",
            ),
        ],
    ),
    Part(
        "Learning is optimisation",
        [
            L(
                "descent-1d",
                "Gradient descent in one dimension",
                "lessons.regression.descent_1d",
                summary="Gradient descent on a loss of one weight: the derivative, the learning rate, "
                "and how too large a step diverges.",
                source="aiaioo Deep Learning Basics, exercise 510; Chollet, ch. 2.4",
                goal="From w = 2, get |w| below 0.01 in at most 50 steps",
            ),
            L(
                "grid-search",
                "Fitting a line by brute force",
                "lessons.regression.grid_search",
                summary="A line y = m·x + b that predicts a car's MPG from its weight, the mean squared "
                "error, and the best line by brute-force search.",
                source="Parr & Interian, Fundamentals of Deep Learning, notebook 1",
                goal="Search smarter: get within 0.002 of the least-squares MSE with at most 25 grid points",
            ),
            L(
                "gradient-descent",
                "Fitting a line by gradient descent",
                "lessons.regression.gradient_descent",
                summary="Partial derivatives by hand and gradient descent for the line, and why "
                "standardising x matters.",
                source="Parr & Interian, Fundamentals of Deep Learning, notebook 1",
                goal="Start at b = 5 and reach the bottom of the standardised bowl (within 0.001 of the "
                "least-squares MSE) in at most 3 epochs",
            ),
            L(
                "autograd",
                "Gradients for free: autograd",
                "lessons.regression.autograd",
                summary="Let PyTorch compute the gradients: requires_grad, backward(), no_grad, and "
                "zeroing .grad between steps.",
                source="Parr & Interian, notebook 1; Chollet, ch. 2.4.4",
                goal="Redo the fit for engine size (displacement): within 0.001 of its least-squares MSE "
                "in at most 5 epochs",
            ),
            L(
                "nn-and-optimizers",
                "nn.Linear, loss modules and optimisers",
                "lessons.regression.nn_and_optimizers",
                summary="nn.Linear, loss modules and torch.optim (SGD, Adam, RMSprop) in the five-step "
                "training loop, with a train/test split.",
                source="Parr & Interian, notebook 2; learnpytorch.io 01",
                goal="Train all three optimisers to a test MAE of at most 0.005",
            ),
            L(
                "nonlinearity",
                "Bending the line: nonlinearity",
                "lessons.regression.nonlinearity",
                summary="Why two linear layers are still one line, how ReLU and sigmoid bend it, and "
                "what many units do to a fit.",
                source="Parr & Interian, Fundamentals of Deep Learning, notebook 2",
                goal="Bend the line: training MSE below 17.5 with one hidden layer of at most 10 units",
            ),
        ],
    ),
    Part(
        "Generalisation",
        [
            L(
                "validation",
                "Validation: over-fitting and the best epoch",
                "lessons.generalisation.validation",
                summary="Hold out data, standardise with training statistics only, spot over-fitting, "
                "and keep the best epoch.",
                source="Parr & Interian, Fundamentals of Deep Learning, notebook 3",
                goal="Beat the random forest: the network the run keeps has a lower validation MSE",
            ),
            L(
                "regularization",
                "Weight decay, early stopping, bias and variance",
                "lessons.generalisation.regularization",
                summary="Weight decay (L2) and early stopping against over-fitting, and the "
                "bias/variance picture.",
                source="Parr & Interian, Fundamentals of Deep Learning, notebook 3",
                goal="Curb over-fitting with weight decay alone: a final validation MSE below 3,200",
            ),
            L(
                "batch-norm",
                "Batch normalisation, before or after ReLU",
                "lessons.generalisation.batch_norm",
                summary="Normalising layer activations with batch norm, before or after the ReLU, and "
                "why eval mode matters.",
                source="Parr & Interian, Fundamentals of Deep Learning, notebook 4",
                goal="Make batch norm pay: measured in eval mode, batch norm before the ReLU beats the same "
                "network without it by at least 75 in best validation MSE",
            ),
        ],
    ),
    Part(
        "Classification",
        [
            L(
                "decision-rule",
                "A layer plus argmax is a classifier",
                "lessons.classification.decision_rule",
                summary="A layer of scores plus argmax is a classifier: choose its weights by hand for "
                "two toy problems.",
                source="aiaioo Deep Learning Basics, exercises 310–380",
                goal="Classify every test point of both toy problems correctly (accuracy 1.000 on each)",
            ),
            L(
                "losses",
                "Softmax and cross-entropy",
                "lessons.classification.losses",
                summary="Softmax turns scores into probabilities and cross-entropy scores them, for one "
                "point and a batch; BCE against MSE.",
                source="aiaioo Deep Learning Basics, exercises 430–480; Parr & Interian, notebook 5",
                goal="Make the model sure and right on the course's batch: batch cross-entropy at most "
                "0.01, changing only W",
            ),
            L(
                "train-a-classifier",
                "Training a classifier by gradient descent",
                "lessons.classification.train_a_classifier",
                summary="Learn a classifier's weights by gradient descent on two toy problems, with one "
                "layer and no bias.",
                source="aiaioo Deep Learning Basics, exercises 530–550",
                goal="Beat the course on toy 2 for good: a test accuracy of at least 0.98 at "
                "every one of the "
                "last 20 steps, in at least the course's 101 (the course ended at 0.969)",
            ),
            L(
                "logistic-regression",
                "Logistic regression and the decision boundary",
                "lessons.classification.logistic_regression",
                summary="Sigmoid, binary cross-entropy and accuracy on two kinds of wine, the decision "
                "boundary, and how hidden layers bend it.",
                source="Parr & Interian, notebook 5; learnpytorch.io 02",
                goal="Catch a curve flattering itself: with at least 20% of the wines held out, a "
                "hidden layer "
                "of 10 or more units that beats the line by 2 points or more on its training wines but "
                "not on the held-out ones",
            ),
            L(
                "xor",
                "XOR needs a hidden layer",
                "lessons.classification.xor",
                summary="Why a single layer cannot learn XOR, and what a hidden layer, its activation "
                "and its bias add.",
                source="aiaioo Deep Learning Basics, exercises 610–695",
                goal="Reach 95% test accuracy with at most 4 hidden units",
            ),
            L(
                "playground",
                "The playground: a network you can watch learn",
                "lessons.classification.playground",
                summary="Networks for 2-D data sets with a live decision map: input features, depth, "
                "activation, learning rate and regularisation.",
                source="learnpytorch.io 02; the TensorFlow Playground",
                goal="Separate the circles with a linear activation: 95% test accuracy",
            ),
            L(
                "backprop",
                "Backpropagation by hand",
                "lessons.classification.backprop",
                summary="The chain rule by hand: forward and backward passes through one and two layers, "
                "checked against autograd.",
                source="aiaioo Deep Learning Basics, exercises 710–750; Chollet, ch. 2.4.4",
                goal="Step through the two-layer batch example (750) to dL/da, type it into your_dL_da, and "
                "see autograd agree",
            ),
        ],
    ),
    Part(
        "Images",
        [
            L(
                "mnist-first-look",
                "A first look at MNIST: digits as tensors",
                "lessons.images.mnist_first_look",
                summary="Images as tensors: MNIST digits drawn in the terminal, and a first 784-512-10 "
                "network.",
                source="Chollet, Deep Learning with Python, ch. 2.1 and 2.5",
                goal="Reach 93% test accuracy",
            ),
            L(
                "softmax-classifier",
                "Ten digits: softmax, a forest baseline, confusion",
                "lessons.images.softmax_classifier",
                summary="Ten-digit softmax against a random-forest baseline, hidden units, a confusion "
                "matrix, and the double-softmax mistake.",
                source="Parr & Interian, Fundamentals of Deep Learning, notebook 6",
                goal="Beat a random forest of at least 100 trees on the test digits",
            ),
            L(
                "devices",
                "CPU or GPU: devices and .to(device)",
                "lessons.images.devices",
                summary="Moving models and data with .to(device), code that runs on any device, timing "
                "CPU against GPU, and the errors of mixing them.",
                source="Parr & Interian, notebook 7; learnpytorch.io 00",
                goal="Time a training step on every device here and bring the scores back to NumPy "
                "without an error",
            ),
            L(
                "minibatch-sgd",
                "Mini-batches: many small steps",
                "lessons.images.minibatch_sgd",
                summary="Mini-batch gradient descent: shuffling, the batch size, and how its noise "
                "affects generalisation.",
                source="Parr & Interian, Fundamentals of Deep Learning, notebook 8",
                goal="Make batch 256 as good as the small batches: 92% validation accuracy in at most 10 "
                "epochs",
            ),
            L(
                "dataloaders",
                "Datasets and DataLoaders",
                "lessons.images.dataloaders",
                summary="TensorDataset, DataLoader and a Dataset of your own, with the same training "
                "written both ways.",
                source="Parr & Interian, notebook 9; learnpytorch.io 04",
                goal="Train through your own Dataset class and reach 92.5% accuracy on held-out digits",
            ),
            L(
                "deeper-and-cnn",
                "Deeper networks and a CNN: LeNet-5",
                "lessons.images.deeper_and_cnn",
                summary="Depth against width, the shapes of convolution and pooling, and LeNet-5 against "
                "dense networks.",
                source="aiaioo Deep Learning Basics, exercises 830–890; learnpytorch.io 03",
                goal="Reach 97% test accuracy",
            ),
            L(
                "from-scratch",
                "A network from raw tensors",
                "lessons.images.from_scratch",
                summary="A dense layer, a model, batches and training steps in raw tensors, compared "
                "with the same network built from nn.",
                source="Chollet, Deep Learning with Python, ch. 2.5",
                goal="Bring the from-scratch model within 2 points of the nn version (RMSprop, 10+ epochs)",
            ),
            L(
                "your-own-digit",
                "Predicting your own digit",
                "lessons.images.your_own_digit",
                summary="Draw a digit and see the model's probabilities; the dtype, device and shape "
                "errors of predicting on new input.",
                source="learnpytorch.io 04, section 11",
                goal="Draw a digit of your own that the model reads right with at least 50% confidence",
            ),
        ],
    ),
    Part(
        "Sequences",
        [
            L(
                "rnn",
                "Recurrent networks: counting the ones",
                "lessons.sequences.rnn",
                summary="Recurrence and hidden state: a hand-written RNN and nn.RNN counting the ones in "
                "bit sequences.",
                source="aiaioo Deep Learning Basics, exercises 910–920",
                goal="Count as well as the course did: 98% test accuracy",
            ),
            L(
                "seq2seq",
                "Encoder, decoder and attention",
                "lessons.sequences.seq2seq",
                summary="An encoder–decoder with attention that learns to reverse words, and what its "
                "attention looks at.",
                source="aiaioo Deep Learning Basics, exercise 980",
                goal="Longer words: train on words of up to 10 letters and get 95% of held-out words right",
            ),
        ],
    ),
    Part(
        "Workflow",
        [
            L(
                "save-and-load",
                "Saving and loading a model",
                "lessons.workflow.save_and_load",
                summary="state_dict, torch.save and torch.load(weights_only=True), and checking that a "
                "reloaded model predicts the same.",
                source="learnpytorch.io 01 and 03",
                goal="Save a model of at most 100,000 bytes that gets 90% of the test digits right, and "
                "reload it with identical predictions",
            ),
            L(
                "transfer-learning",
                "Transfer learning: reusing learned features",
                "lessons.workflow.transfer_learning",
                summary="Reuse learned features: train on digits 0–4, freeze layers, and teach a new "
                "last layer the digits 5–9 from few examples.",
                source="learnpytorch.io 06 (done offline)",
                goal="With 10 examples per digit, bring a reused, frozen network to 80% on the digits "
                "5-9, within 2 points of training from scratch",
            ),
        ],
    ),
]
