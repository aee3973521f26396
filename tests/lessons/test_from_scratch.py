"""from-scratch: Chollet's raw-tensor MNIST network vs the nn version (DLwP 2nd ed. §2.5;
reference rows 86 and 90, known bug 10)."""

import pytest
import torch

from lessons.images import from_scratch
from tests.conftest import finished_run
from tutor.figures import Table


def run(**overrides):
    return finished_run("from-scratch", overrides)


def test_parameter_count_is_the_books():
    # row 86 (det): 784·512 + 512 + 512·10 + 10
    result = run(epochs=1, batch_size=500)
    assert result.metrics["parameters"] == 407_050
    table = result.figures["compare"]
    assert isinstance(table, Table) and len(table.rows) == 4
    assert [r[3] for r in table.rows[2:]] == [4690, 2345]  # book: 10 and 5 epochs


def test_book_settings_leave_a_wide_gap():
    # plain SGD at lr 0.001, U(0, 0.1) weights, fixed order: 320 updates barely move it
    m = run().metrics
    assert m["updates"] == 320
    assert m["scratch_accuracy"] < 0.3
    assert m["nn_accuracy"] > 0.8
    assert m["gap"] > 0.5


def test_same_update_rule_gives_the_same_model():
    # same start, same batches, same plain SGD: the hand-written layers match nn.Linear
    result = run(nn_version="sgd", epochs=3)
    m = result.metrics
    assert abs(m["nn_accuracy"] - m["scratch_accuracy"]) <= 0.002
    scratch = [y for _, y in result.curves["scratch_accuracy"]]
    nn = [y for _, y in result.curves["nn_accuracy"]]
    assert max(abs(a - b) for a, b in zip(scratch, nn)) <= 0.002


def test_higher_lr_and_centred_start_close_the_gap():
    for seed in (0, 1):
        m = run(lr=0.5, init="centred", batch_order="shuffled", seed=seed).metrics
        assert m["scratch_accuracy"] >= 0.9
        assert m["gap"] <= 0.02


def test_book_start_collapses_at_a_high_lr():
    # all-positive weights + a large step: every digit gets the same answer
    m = run(lr=0.3, epochs=3).metrics
    assert m["scratch_accuracy"] < 0.15
    assert m["most_predicted_share"] > 0.9


def test_sorted_by_label_is_the_visible_mistake():
    sorted_run = run(lr=0.1, init="centred", batch_order="sorted by label").metrics
    fixed_run = run(lr=0.1, init="centred", batch_order="fixed").metrics
    assert fixed_run["scratch_accuracy"] > 0.85
    assert sorted_run["scratch_accuracy"] < fixed_run["scratch_accuracy"] - 0.2
    assert sorted_run["most_predicted"] == 9


def test_batches_cover_every_digit_once():
    images, labels = torch.arange(10).float()[:, None], torch.tensor([3, 1, 2, 0, 9, 8, 7, 6, 5, 4])
    gen = torch.Generator().manual_seed(0)
    for order in ("fixed", "shuffled", "sorted by label"):
        seen = torch.cat([x[:, 0] for x, _ in from_scratch.batches(images, labels, 4, order, gen)])
        assert sorted(seen.tolist()) == list(range(10))  # a permutation, no repeats
    fixed = [y.tolist() for _, y in from_scratch.batches(images, labels, 4, "fixed", gen)]
    assert fixed == [[3, 1, 2, 0], [9, 8, 7, 6], [5, 4]]
    by_label = torch.cat([y for _, y in from_scratch.batches(images, labels, 4, "sorted by label", gen)])
    assert by_label.tolist() == list(range(10))


@pytest.mark.slow
def test_the_books_number_of_updates_gives_the_books_accuracy():
    # row 90 (run): ≈ 0.82 after 4,690 updates of plain SGD at lr 0.001; 147 epochs here
    m = run(epochs=147, nn_version="none").metrics
    assert m["updates"] == 147 * 32
    assert 0.76 <= m["scratch_accuracy"] <= 0.87
    assert "gap" not in m
