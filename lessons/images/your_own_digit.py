"""your-own-digit: a model trained on MNIST reads a digit the learner draws; what happens when a
step of the preparation is skipped (learnpytorch.io 04, §11: predicting on a custom image)."""

import torch
from torch import nn
from torch.nn import functional as F

from lessons import mnist
from tutor import locations, model_cache
from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from
from tutor.figures import Bars, Images, Text
from tutor.formatting import article

THREE = (
    "..............",
    "....######....",
    "...##....##...",
    "..........##..",
    "..........##..",
    ".........##...",
    "......####....",
    "......####....",
    ".........##...",
    "..........##..",
    "..........##..",
    "...##....##...",
    "....######....",
    "..............",
)

SKIPS = ["none", "float conversion", "batch dimension", "device"]
FIXES = {
    "float conversion": "Fix: image = image.float() / 255   # float32 in 0..1, like the training digits",
    "batch dimension": "Fix: image = image.unsqueeze(0)     # [28, 28] -> [1, 28, 28]: a batch of one",
    "device": "Fix: image = image.to(device)       # the same device as the model's weights",
}
# What PyTorch says when the model's weights are on a GPU and the image is still on the CPU.
DEVICE_MESSAGE = (
    "RuntimeError: Expected all tensors to be on the same device, but got mat1 is "
    "on cpu, different from other tensors on cuda:0 (when checking argument in "
    "method wrapper_CUDA_addmm)"
)


# ----------------------------------------------------------------- the model


def make_model(hidden):
    return nn.Sequential(nn.Flatten(), nn.Linear(784, hidden), nn.ReLU(), nn.Linear(hidden, 10))


def train_model(model, data, p, run):
    """Adam on shuffled mini-batches of 64; logs loss and test accuracy after each epoch."""
    x = torch.tensor(data.train_images).float().div(255).to(run.device)
    y = torch.tensor(data.train_labels).to(run.device)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
    for epoch in run.epochs(p.epochs):
        losses = []
        for rows in torch.randperm(len(y), device=run.device).split(64):
            loss = F.cross_entropy(model(x[rows]), y[rows])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        run.log(
            epoch + 1,
            train_loss=sum(losses) / len(losses),
            test_accuracy=test_set_accuracy(model, data, run.device),
        )


def test_set_accuracy(model, data, device):
    x = torch.tensor(data.test_images).float().div(255).to(device)
    y = torch.tensor(data.test_labels).to(device)
    with torch.no_grad():
        return (model(x).argmax(dim=1) == y).float().mean().item()


def trained_model(data, p, run):
    """A model trained with these settings: loaded from disk if an earlier run saved one."""
    path = locations.models_dir() / (
        f"your-own-digit-h{p.hidden}-e{p.epochs}-s{p.seed}-n{len(data.train_labels)}.pt"
    )
    torch.manual_seed(p.seed)
    model = make_model(p.hidden).to(run.device)
    if p.reuse and model_cache.load(path, run, model.load_state_dict) is not None:
        run.note(f"reused the model an earlier run trained with these settings ({path})")
        return model, True
    torch.manual_seed(p.seed)  # (a file that failed to load may have
    model = make_model(p.hidden).to(run.device)  # changed some weights)
    train_model(model, data, p, run)
    with model_cache.saving(path) as part:
        torch.save(model.state_dict(), part)
    run.note(f"trained a new model and saved its weights to {path}")
    return model, False


# ----------------------------------------------------------------- the drawing


def drawing_to_pixels(drawing):
    """14×14 cells of '#'/'.' -> a 28×28 uint8 image (0 or 255), each cell 2×2 pixels."""
    cells = torch.tensor(Param.grid_array(drawing), dtype=torch.uint8) * 255
    return cells.repeat_interleave(2, dim=0).repeat_interleave(2, dim=1)


def like_mnist(pixels):
    """Size and centre a 28×28 uint8 drawing the way MNIST's digits were prepared: the ink
    scaled (smoothly) to fit a 20×20 box, its centre of mass moved to the middle."""
    rows, cols = torch.nonzero(pixels, as_tuple=True)
    ink = pixels[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1].float()
    scale = 20 / max(ink.shape)  # the longer side becomes 20 px
    size = [max(1, round(n * scale)) for n in ink.shape]
    ink = F.interpolate(ink[None, None], size=size, mode="bilinear", antialias=True)[0, 0]
    ink = ink.clamp(0, 255)
    mass = ink.sum()
    centre_row = (ink.sum(dim=1) * torch.arange(size[0])).sum() / mass
    centre_col = (ink.sum(dim=0) * torch.arange(size[1])).sum() / mass
    top = min(max(round(13.5 - centre_row.item()), 0), 28 - size[0])
    left = min(max(round(13.5 - centre_col.item()), 0), 28 - size[1])
    image = torch.zeros(28, 28)
    image[top : top + size[0], left : left + size[1]] = ink
    return image.round().to(torch.uint8)  # uint8, like a digit from the file


# ----------------------------------------------------------------- predicting


def gpu():
    if torch.cuda.is_available():
        return "cuda"
    if torch.backends.mps.is_available():
        return "mps"
    return None


def predict(model, image, device, skip):
    """The three steps that make one uint8 image look like a training batch, then the model."""
    x = image  # uint8 [28, 28], on the CPU
    if skip != "float conversion":
        x = x.float() / 255  # 1. float32 in 0..1, like the training data
    if skip != "batch dimension":
        x = x.unsqueeze(0)  # 2. [1, 28, 28]: a batch of one image
    if skip != "device":
        x = x.to(device)  # 3. where the model's weights are
    with torch.no_grad():
        return model(x).softmax(dim=1)[0].cpu()


def steps_text(image, device):
    x = image.float() / 255
    lines = [
        f"image                 {str(image.dtype):14} {list(image.shape)!s:13} cpu",
        f"image.float() / 255   {str(x.dtype):14} {list(x.shape)!s:13} cpu",
        f".unsqueeze(0)         {str(x.dtype):14} {list(x.unsqueeze(0).shape)!s:13} cpu",
        f".to(device)           {str(x.dtype):14} {list(x.unsqueeze(0).shape)!s:13} {device}",
        "model(x).softmax(dim=1)[0]  ->  10 probabilities, one per digit",
    ]
    return Text(
        "\n".join(lines),
        style="code",
        title="The three steps before the model",
        summary="uint8 [28, 28] on the CPU becomes float32 [1, 28, 28] on the model's "
        "device, like one batch of training data",
    )


def error_figure(skip, message, produced):
    if produced:
        text = f"Skipped: {skip}. model(x) raised\n\n{message}\n\n{FIXES[skip]}"
        summary = f"Skipping the {skip} step, the model raised {message}"
    else:
        text = (
            f"Skipped: {skip}. NOT PRODUCED HERE: this machine has no GPU, so the model and "
            "the image are both on the CPU and the prediction worked. On a machine with a "
            "GPU, with the model on cuda and the image left on the CPU, PyTorch says:\n\n"
            f"{message}\n\n{FIXES[skip]}"
        )
        summary = "The device error needs a GPU; none here, so its message is quoted, not run"
    return Text(text, style="error", title="What happens if a step is skipped", summary=summary)


def image_figure(pixels, image, centre, data, predicted=None):
    images, captions = [pixels / 255, image / 255], ["your drawing", "what the model sees"]
    summary = (
        "the drawing cropped, scaled to fit 20×20 pixels and centred by its centre of "
        "mass, as MNIST's digits were"
        if centre
        else "the drawing as drawn, not sized or centred like MNIST's digits"
    )
    if predicted is not None:
        examples = torch.tensor(data.train_images[data.train_labels == predicted][:3])
        images += [e / 255 for e in examples]
        captions += [f"a training {predicted}"] * len(examples)
        summary += f"; then three training digits labelled {predicted}"
    return Images(
        images,
        captions,
        summary=summary[0].upper() + summary[1:],
        title="Your drawing, the model's input, and training digits",
    )


def not_empty(drawing):
    if not any("#" in row for row in drawing):
        raise ValueError("the drawing is empty: ink a few cells first")


def train(p, run):
    data = mnist.load(seed=p.seed)
    run.note(data.source)
    model, reused = trained_model(data, p, run)
    model.eval()
    accuracy = test_set_accuracy(model, data, run.device)

    pixels = drawing_to_pixels(p.digit)
    image = like_mnist(pixels) if p.centre else pixels
    model_device = run.device
    if p.skip_step == "device" and run.device == "cpu" and gpu():
        model_device = gpu()  # put the model on the GPU to meet the error
        model.to(model_device)
    metrics = {"test_accuracy": accuracy, "reused_model": reused, "own_drawing": tuple(p.digit) != THREE}
    try:
        probs = predict(model, image, model_device, p.skip_step)
    except RuntimeError as error:
        message = f"{type(error).__name__}: {error}"
        run.show("steps", error_figure(p.skip_step, message, produced=True))
        run.show("image", image_figure(pixels, image, p.centre, data))
        return {**metrics, "error": message[:120]}
    if p.skip_step == "device":
        run.show("steps", error_figure("device", DEVICE_MESSAGE, produced=False))
    else:
        run.show("steps", steps_text(image, model_device))

    predicted = probs.argmax().item()
    runner_up = probs.argsort(descending=True)[1].item()
    run.show(
        "probabilities",
        Bars(
            [str(d) for d in range(10)],
            [round(100 * v, 1) for v in probs.tolist()],
            unit="%",
            title="The model's probability for each digit",
            summary=f"The model reads {article(predicted)} ({probs[predicted]:.0%}); next is "
            f"{runner_up} ({probs[runner_up]:.0%}); you said you drew {article(p.i_drew)}",
        ),
    )
    run.show("image", image_figure(pixels, image, p.centre, data, predicted))
    return {
        **metrics,
        "predicted": predicted,
        "confidence": probs[predicted].item(),
        "correct": predicted == p.i_drew,
    }


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.grid(
            "digit",
            14,
            14,
            default=THREE,
            check=not_empty,
            describe="with some ink",
            help="draw one digit: arrows move, space inks a cell, d/x draw/erase modes",
        ),
        Param.int("i_drew", 3, lo=0, hi=9, help="the digit you meant to draw"),
        Param.choice(
            "skip_step", "none", SKIPS, help="leave out one step of the preparation and see PyTorch's error"
        ),
        Param.bool("centre", True, help="size and centre the drawing like MNIST's digits (20×20 box)"),
        Param.int("hidden", 256, lo=16, hi=1024, help="units in the model's hidden layer"),
        Param.int("epochs", 10, lo=1, hi=50, help="passes over the training digits"),
        Param.bool("reuse", True, help="reuse a model saved by an earlier run with the same settings"),
        Param.int("seed", 0, lo=0, hi=2**31 - 1, help="seeds the data split and the training"),
    ],
    train=train,
    charts=[
        Chart.figure("probabilities", title="What the model reads"),
        Chart.figure("image", title="Your digit, as the model sees it"),
        Chart.figure("steps", title="Preparing the input"),
        Chart.line("training", ["test_accuracy", "train_loss"], title="Training (first run only)"),
    ],
    goal=Goal(
        "Draw a digit of your own that the model reads right with at least 50% confidence",
        require={"own_drawing": ("==", True), "correct": ("==", True), "confidence": (">=", 0.5)},
        limits={"skip_step": ("==", "none")},
        hints=[
            "Change the drawing (any digit but the default 3) and set i_drew to the "
            "digit you drew. Keep skip_step at none.",
            "Draw large, filling most of the grid, with strokes one or two cells wide; "
            "MNIST's digits are handwritten, so plain shapes read best.",
            "A 7 reads well: a bar two cells thick across the top (rows 2-3, "
            "columns 4-12), then a stroke two cells wide from its right end down and "
            "to the left, ending at the bottom (row 13, columns 7-8).",
        ],
    ),
    solution={
        "digit": (
            "..............",
            "...#########..",
            "...#########..",
            "..........##..",
            ".........##...",
            ".........##...",
            "........##....",
            "........##....",
            ".......##.....",
            ".......##.....",
            "......##......",
            "......##......",
            "......##......",
            "..............",
        ),
        "i_drew": 7,
    },
    quick={"epochs": 1, "hidden": 32},
    quizzes=[
        Quiz.choice(
            "why-centre",
            page=1,
            question="You draw a small 7 in the top-left corner. Why can the model get "
            "it wrong without the centring step?",
            options=[
                "A small digit has too few pixels to classify",
                "Its weights for corner pixels were hardly trained: training digits never have ink there",
                "The model only accepts 20×20 images",
            ],
            answer=1,
            explain="Every training digit sits in the middle of the 28×28 field. A "
            "dense layer learns one weight per pixel, so ink where no training "
            "digit had any is read through weights that learned nothing useful.",
            why={
                0: "The same small 7 drawn in the middle is read fine: where the ink is "
                "matters more than how much there is.",
                2: "The model takes 28×28 inputs, and your drawing is turned into one; "
                "the size of the field is not the problem.",
            },
        ),
        Quiz.choice(
            "batch",
            page=2,
            question="Without unsqueeze(0), what does the model take the [28, 28] image for?",
            options=[
                "One image of 28×28 pixels",
                "A batch of 28 inputs of 28 numbers each",
                "A batch of 784 pixels",
            ],
            answer=1,
            explain="The first dimension is always the batch. nn.Flatten keeps it, so "
            "the model sees 28 rows of 28 numbers and cannot multiply them by "
            "its 784×256 weights.",
            why={
                0: "The model expects the batch dimension first, so nothing tells it that "
                "a lone [28, 28] tensor is one image.",
                2: "A batch holds whole inputs, not single pixels, and nothing turns "
                "[28, 28] into 784 separate inputs.",
            },
        ),
    ],
)
