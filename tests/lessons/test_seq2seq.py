"""seq2seq: a GRU encoder-decoder with dot-product attention reverses words (after aiaioo ex 980)."""

import pytest
import torch

from lessons.sequences.seq2seq import EOS, SOS, TASKS, Seq2Seq, by_length, decode, encode, word_lists
from tests.conftest import finished_run, run_lesson
from tutor.course import ParamError, Params, catalogue

QUICK = {"epochs": 1, "train_size": 300, "hidden": 16, "max_len": 4}


def test_words_held_out_are_never_trained_on():
    p = Params({"seed": 0, "max_len": 8, "train_size": 2000})
    train, held_out, longer = word_lists(p)
    assert len(train) == 2000 and len(held_out) == 1000 and len(longer) == 400
    assert not set(train) & set(held_out)
    assert {len(w) for w in train} == set(range(1, 9)) >= {len(w) for w in held_out}
    assert {len(w) for w in longer} == {9, 10, 11, 12}
    assert word_lists(p)[0] == train, "seeded"


def test_batches_of_one_length_end_with_the_end_token():
    groups = by_length(["abc", "xyz", "ab", "zz"], "reverse")
    for src, tgt in groups:
        assert tgt.shape == (src.shape[0], src.shape[1] + 1)
        assert (tgt[:, -1] == EOS).all()
        for s, t in zip(src.tolist(), tgt.tolist()):
            assert decode(t) == decode(s)[::-1]
    assert TASKS["sort"]("pytorch") == "choprty"
    assert decode(encode("hello") + [EOS] + encode("zz")) == "hello"
    assert SOS not in encode("abc") and EOS not in encode("abc")


def test_model_shapes_and_dot_product_attention():
    torch.manual_seed(0)
    model = Seq2Seq(16, "dot")
    src = torch.tensor([encode("abcde")] * 3)
    tgt = torch.tensor([encode("edcba") + [EOS]] * 3)
    assert model(src, tgt).shape == (3, 6, 28)  # teacher forcing: one call
    tokens, weights = model.generate(src, 6)
    assert tokens.shape == (3, 6) and weights.shape == (3, 6, 5)
    assert torch.allclose(weights.sum(dim=-1), torch.ones(3, 6))
    assert Seq2Seq(16, "none").generate(src, 6)[1] is None


def test_input_is_checked_before_a_run():
    lesson = catalogue().get("seq2seq").load()
    for bad in ["Hello", "abc1", "", "two words", "a" * 21]:
        with pytest.raises(ParamError):
            lesson.resolve({"input": bad})
    assert lesson.resolve({"input": "attention"})["input"] == "attention"


def test_defaults_learn_to_reverse_words_they_never_saw():
    result = finished_run("seq2seq")
    m = result.metrics
    assert m["held_out_accuracy"] >= 0.9
    assert m["output"] == "hcrotyp" and m["output_right"] is True
    assert m["longer_accuracy"] < 0.5, "a toy model does not stretch past its training lengths"
    heat = result.figures["attention"]
    assert heat.col_labels == list("pytorch") and len(heat.row_labels) == 8  # 7 letters + end
    diagonal = sum(max(range(7), key=lambda j: heat.z[i][j]) == 6 - i for i in range(7))
    assert diagonal >= 6, "reversing: each output letter looks at the mirrored input letter"
    assert all(abs(sum(row) - 1) < 1e-4 for row in heat.z)
    assert "anti-diagonal" in heat.summary
    bars = result.figures["by-length"]
    longer = [v for label, v in zip(bars.labels, bars.values) if "longer" in label]
    trained = [v for label, v in zip(bars.labels, bars.values) if "trained" in label]
    assert len(trained) == 7, "no held-out word has 1 letter: all 26 are in the training set"
    assert len(longer) == 4 and min(trained) > max(longer[1:])
    assert len(result.figures["examples"].rows) == 8
    assert result.goal_met is False, "the goal asks for max_len >= 10"


def test_trained_model_is_saved_and_reused_for_a_new_input(tutor_home):
    first = run_lesson("seq2seq", {**QUICK, "input": "abc"})
    saved = list((tutor_home / "data" / "models").glob("seq2seq-*.pt"))
    assert len(saved) == 1
    assert torch.load(saved[0], weights_only=True)["model"]
    second = run_lesson("seq2seq", {**QUICK, "input": "cab"})
    assert any("reused the model" in n for n in second.notes)
    assert second.metrics["held_out_accuracy"] == first.metrics["held_out_accuracy"]
    assert second.curves["train_loss"] == first.curves["train_loss"]
    again = run_lesson("seq2seq", {**QUICK, "reuse": False})
    assert any("trained a new model" in n for n in again.notes)
    other = run_lesson("seq2seq", {**QUICK, "seed": 1})
    assert any("trained a new model" in n for n in other.notes)
    assert len(list((tutor_home / "data" / "models").glob("seq2seq-*.pt"))) == 2


def test_without_attention_the_word_must_squeeze_through_one_vector():
    with_attention = run_lesson("seq2seq", {"epochs": 2})
    without = run_lesson("seq2seq", {"epochs": 2, "attention": "none"})
    assert without.status == "finished"
    assert without.metrics["held_out_accuracy"] < with_attention.metrics["held_out_accuracy"] - 0.25
    assert type(without.figures["attention"]).__name__ == "Text"


def test_sorting_is_the_harder_task():
    result = run_lesson("seq2seq", {"task": "sort"})
    assert result.status == "finished"
    assert 0.2 < result.metrics["held_out_accuracy"] < 0.9  # reversing, same training: ~0.96
    assert result.figures["attention"].col_labels == list("pytorch")


@pytest.mark.slow
def test_solution_handles_words_of_ten_letters():
    result = run_lesson("seq2seq", catalogue().get("seq2seq").load().solution)
    assert result.metrics["held_out_accuracy"] >= 0.95 and result.goal_met


@pytest.fixture(scope="module")
def chats(tmp_path_factory):
    """The course's chatbot at seeds 0-2, each asked the page's unseen sentence."""
    from tests.conftest import private_home

    with private_home(tmp_path_factory):
        return [
            finished_run("seq2seq", {"task": "chat", "seed": seed, "say": "hello , how are you ?"})
            for seed in range(3)
        ]


def test_chatbot_loss_trace_is_the_course_s_ballpark_on_three_seeds(chats):
    # course: 1.6604 after the first 50 steps, 0.1091 after 500; the page: 1.8-2.0 and 0.13-0.19
    for result in chats:
        m = result.metrics
        assert 1.8 <= m["first_loss"] <= 2.05 and 0.12 <= m["last_loss"] <= 0.2
        table = result.figures["trace"]
        assert [r[0] for r in table.rows] == list(range(50, 501, 50))
        assert [r[2] for r in table.rows][::9] == [1.6604, 0.1091]


def test_chatbot_learns_the_pairs_by_heart_and_mixes_up_similar_questions(chats):
    assert [r.metrics["pairs_right"] for r in chats] == [9, 10, 10]
    rows = {r[0]: r for r in chats[0].figures["examples"].rows}
    assert rows["how you doin ?"][1:4] == ["just great !", "i 'm fine", "no"]  # the page's mix-up
    assert rows["hello ."][2] == "hey"  # the course's answer
    for result in chats:  # an unseen sentence gets a stored reply
        assert result.metrics["output"] == "i 'm fine"
        assert "never taught" in result.figures["answer"].text


def test_chat_words_are_split_like_the_course():
    from lessons.sequences.seq2seq import chat_vocab, words

    assert words("What's your name?") == ["what", "'s", "your", "name", "?"]
    assert words("I'm the bot!") == ["i", "'m", "the", "bot", "!"]
    human, bot = chat_vocab()
    assert (len(human), len(bot)) == (17, 11)
