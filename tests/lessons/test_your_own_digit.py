"""your-own-digit: predicting on a drawing; MNIST-style preparation; the three classic errors
(learnpytorch.io 04 §11)."""

import pytest
import torch

from lessons.images import your_own_digit as lesson_module
from tests.conftest import finished_run, run_lesson
from tutor.course import ParamError, catalogue
from tutor.figures import Bars, Images, Text

QUICK = {"epochs": 1, "hidden": 32}
CORNER_SEVEN = (
    "#####.........",
    "....#.........",
    "...#..........",
    "..#...........",
    "..#...........",
    "..#...........",
) + ("." * 14,) * 8


def run(**overrides):
    return finished_run("your-own-digit", overrides)


def test_default_drawing_is_read_as_a_three():
    for seed in (0, 1):
        result = run(seed=seed)
        m = result.metrics
        assert m["predicted"] == 3 and m["correct"] is True
        assert m["confidence"] >= 0.9
        assert m["test_accuracy"] > 0.88
        assert m["own_drawing"] is False and not result.goal_met  # the goal wants your own
    bars = result.figures["probabilities"]
    assert isinstance(bars, Bars) and bars.labels == [str(d) for d in range(10)]
    assert abs(sum(bars.values) - 100) < 1
    images = result.figures["image"]
    assert isinstance(images, Images) and len(images.images) == 5
    assert len(images.images[1]) == 28 and len(images.images[1][0]) == 28
    assert images.captions[2:] == ["a training 3"] * 3


def test_a_drawn_seven_meets_the_goal():
    lesson = catalogue().get("your-own-digit").load()
    result = run(**lesson.solution)
    assert result.metrics["predicted"] == 7 and result.goal_met, result.goal_reason


def test_model_is_saved_and_reused(tutor_home):
    first = run(**QUICK)
    files = list((tutor_home / "data" / "models").glob("your-own-digit-*.pt"))
    assert len(files) == 1
    second = run(**QUICK)
    assert first.metrics["reused_model"] is False and second.metrics["reused_model"] is True
    assert second.metrics["test_accuracy"] == first.metrics["test_accuracy"]
    assert second.metrics["confidence"] == first.metrics["confidence"]
    assert "train_loss" not in second.curves  # no training the second time
    assert run(reuse=False, **QUICK).metrics["reused_model"] is False


def test_skipping_float_conversion_shows_the_dtype_error():
    result = run(skip_step="float conversion", **QUICK)
    assert "mat1 and mat2 must have the same dtype, but got Byte and Float" in result.metrics["error"]
    text = result.figures["steps"]
    assert isinstance(text, Text) and text.style == "error"
    assert "Byte and Float" in text.text and "image.float() / 255" in text.text
    assert "probabilities" not in result.figures and not result.goal_met


def test_skipping_the_batch_dimension_shows_the_shape_error():
    result = run(skip_step="batch dimension", **QUICK)
    assert "mat1 and mat2 shapes cannot be multiplied (28x28 and 784x32)" in result.metrics["error"]
    assert "unsqueeze(0)" in result.figures["steps"].text


def test_skipping_the_device_step():
    result = run(skip_step="device", **QUICK)
    text = result.figures["steps"].text
    if torch.cuda.is_available():  # a GPU: the real error
        assert "Expected all tensors to be on the same device" in result.metrics["error"]
    else:  # CPU only: quoted, and labelled as such
        assert "NOT PRODUCED HERE" in text
        assert "Expected all tensors to be on the same device" in text
        assert "predicted" in result.metrics
    assert "image.to(device)" in text
    assert "needs skip_step" in result.goal_reason


def test_centring_rescues_a_small_digit_in_a_corner():
    centred = run(digit=CORNER_SEVEN, i_drew=7).metrics
    raw = run(digit=CORNER_SEVEN, i_drew=7, centre=False).metrics
    assert centred["predicted"] == 7
    assert raw["predicted"] != 7


def test_like_mnist_fits_a_20_pixel_box_centred_by_mass():
    image = lesson_module.like_mnist(lesson_module.drawing_to_pixels(CORNER_SEVEN))
    assert image.dtype == torch.uint8 and image.shape == (28, 28)
    rows, cols = torch.nonzero(image, as_tuple=True)
    height, width = rows.max() - rows.min() + 1, cols.max() - cols.min() + 1
    assert max(height, width) in (20, 21)  # smoothing may add a faint edge
    ink = image.float()
    centre_row = (ink.sum(dim=1) * torch.arange(28)).sum() / ink.sum()
    centre_col = (ink.sum(dim=0) * torch.arange(28)).sum() / ink.sum()
    assert abs(centre_row - 13.5) <= 1 and abs(centre_col - 13.5) <= 1


def test_an_empty_drawing_is_refused_with_a_reason_before_the_run():
    with pytest.raises(ParamError, match="the drawing is empty"):
        run_lesson("your-own-digit", {"digit": "/".join(["." * 14] * 14), **QUICK})
