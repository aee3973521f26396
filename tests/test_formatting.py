"""The one formatting module: each rule with examples, the cases issue #14 names among them."""

import pytest

from tutor.formatting import (
    article,
    digits_apart,
    metrics_line,
    number,
    numbers_apart,
    plural,
    seconds,
    typed,
    value,
)


@pytest.mark.parametrize(
    "x, text",
    [
        # 4 significant digits, trailing zeros dropped (the app wrote 0.981235, the CLI 0.9812)
        (0.981235, "0.9812"),
        (0.517, "0.517"),
        (18.676616, "18.68"),
        (-0.00700003, "-0.007"),  # a goal said "margin_over_forest is -0.00700003"
        (-0.00625, "-0.00625"),
        (0.5, "0.5"),
        (2.0, "2"),
        (999.96, "1,000"),  # rounding up to the next power of ten
        # ints exactly, thousands separated from 1,000 (the app wrote 5130 beside 401,920)
        (5130, "5,130"),
        (401920, "401,920"),
        (12345, "12,345"),
        (7, "7"),
        (-1234, "-1,234"),
        (10**12, "1,000,000,000,000"),
        # a float's whole-number digits are never dropped
        (12345.6, "12,346"),
        (3094.27, "3,094"),
        # from a million up and below 0.001: scientific, short exponent
        (1e-05, "1e-5"),
        (1e-7, "1e-7"),
        (0.00012345, "1.234e-4"),
        (-2.5e-4, "-2.5e-4"),
        (0.001, "0.001"),
        (0.00099996, "0.001"),  # rounds to 0.001, which is written as such
        (2.5e6, "2.5e6"),
        (1.23456e20, "1.235e20"),
        (0.0, "0"),
        (-0.0, "0"),
        # not numbers, or not finite
        (float("nan"), "nan"),
        (float("inf"), "inf"),
        (float("-inf"), "-inf"),
        (True, "true"),
        (False, "false"),
        ("adam", "adam"),
        (None, "None"),
    ],
)
def test_number(x, text):
    assert number(x) == text


def test_number_takes_numpy_scalars():
    np = pytest.importorskip("numpy")
    assert number(np.float32(0.981235)) == "0.9812"
    assert number(np.int64(12345)) == "12,345"


def test_number_with_more_or_fewer_digits():
    assert number(0.981235, 6) == "0.981235"
    assert number(0.981235, 3) == "0.981"
    assert number(12345.678, 3) == "12,346"  # still every whole digit
    assert number(1.5e-5, 3) == "1.5e-5"


def test_digits_apart_keeps_different_values_different():
    assert digits_apart([0.5, 0.25]) == 4
    assert digits_apart([34.9998, 35]) == 6  # 35 beside 35 would hide the difference
    assert digits_apart([0.97996, 0.98]) == 5
    assert digits_apart([0.12341, 0.12344], least=3) == 5
    assert digits_apart([0.1, 0.2], least=3) == 3
    assert digits_apart([0.98, 0.98]) == 4  # equal values stay equal
    assert numbers_apart(0.97996, 0.98) == ["0.97996", "0.98"]
    assert numbers_apart(-0.00700003, 0) == ["-0.007", "0"]


def test_value_writes_matrices_and_flags():
    assert value([[1.0, 0.0], [0.5, 0.981235]]) == "1 0; 0.5 0.9812"
    assert value([1, 2]) == "1; 2"
    assert value(True) == "true"
    assert value(12345) == "12,345"


@pytest.mark.parametrize(
    "x, text",
    [
        (0.001, "0.001"),
        (1e-05, "1e-5"),
        (3.0, "3"),
        (12345, "12345"),
        (0.123456789, "0.123456789"),  # nothing rounded
        (1.5e20, "1.5e20"),
        (True, "true"),
        ([[1.0, 0.0], [0.0, 1.0]], "1 0; 0 1"),
        ("sgd", "sgd"),
    ],
)
def test_typed_reads_back_exactly(x, text):
    assert typed(x) == text
    if isinstance(x, float):
        assert float(text) == x


@pytest.mark.parametrize(
    "s, text",
    [
        (0, "0.0s"),
        (4.23, "4.2s"),
        (9.96, "10s"),
        (42.4, "42s"),
        (125, "2m05s"),
        (3725, "1h02m05s"),
        (-3, "0.0s"),
    ],
)
def test_seconds(s, text):
    assert seconds(s) == text


def test_metrics_line():
    metrics = {"loss": 0.123456, "accuracy": 0.981235, "flag": True, "name": "adam", "m": [[1, 2]]}
    assert metrics_line(metrics) == "loss 0.1235, accuracy 0.9812, name adam"
    assert metrics_line(metrics, first=["accuracy"], limit=2) == "accuracy 0.9812, loss 0.1235"
    assert metrics_line(metrics, flags=True) == "loss 0.1235, accuracy 0.9812, flag true, name adam, m 1 2"
    assert metrics_line({"params": 401920, "kept": 5130}) == "params 401,920, kept 5,130"


def test_plural():
    assert plural(1, "thread") == "1 thread"  # not "1 threads"
    assert plural(2, "thread") == "2 threads"
    assert plural(0, "thread") == "0 threads"
    assert plural(1, "one") == "1 one"  # not "1 ones"
    assert plural(3, "one") == "3 ones"
    assert plural(12345, "digit") == "12,345 digits"
    assert plural(2, "match", "matches") == "2 matches"
    assert plural(1, "match", "matches") == "1 match"


@pytest.mark.parametrize(
    "word, text",
    [
        (8, "an 8"),  # not "a 8"
        ("8", "an 8"),
        (1, "a 1"),
        (11, "an 11"),
        (18, "an 18"),
        (80, "an 80"),
        (800, "an 800"),
        (11000, "an 11,000"),
        (110, "a 110"),
        (7, "a 7"),
        (0, "a 0"),
        (8.5, "an 8.5"),
        ("epoch", "an epoch"),
        ("unit", "a unit"),
        ("hour", "an hour"),
        ("one", "a one"),
        ("MSE", "an MSE"),
        ("GPU", "a GPU"),
        ("matrix", "a matrix"),
    ],
)
def test_article(word, text):
    assert article(word) == text
