"""Quizzes a learner can retry: wrong answers say why without giving the answer away, and the
progress file keeps attempts and revealed answers (old files still load)."""

import json

import pytest

from tutor.course import Quiz
from tutor.progress import Progress

CHOICE = Quiz.choice(
    "q",
    0,
    "Which is even?",
    ["3", "4", "5"],
    answer=1,
    explain="4 = 2 × 2.",
    why={0: "3 leaves 1 when halved.", 2: "5 is 2 × 2 + 1."},
)


def test_a_wrong_option_says_why_it_is_wrong_and_not_the_answer():
    ok, feedback = CHOICE.check(0)
    assert not ok
    assert "3 leaves 1 when halved." in feedback
    assert "4 = 2 × 2" not in feedback and "5 is" not in feedback
    ok, feedback = CHOICE.check(2)
    assert not ok and "5 is 2 × 2 + 1." in feedback and "2 × 2." not in feedback.replace("2 × 2 +", "")


def test_the_right_option_explains_and_reveal_names_the_answer():
    assert CHOICE.check(1) == (True, "Correct. 4 = 2 × 2.")
    assert CHOICE.reveal() == "The answer: 2. 4. 4 = 2 × 2."


@pytest.mark.parametrize("response", [-1, 3, "x", None])
def test_a_response_that_is_no_option_asks_for_one(response):
    assert CHOICE.check(response) == (False, "Pick one of the options 1–3.")


def test_why_must_name_wrong_options_by_index():
    with pytest.raises(ValueError, match="wrong options"):
        Quiz.choice("q", 0, "?", ["a", "b"], answer=0, why={0: "the answer has no why"})
    with pytest.raises(ValueError, match="wrong options"):
        Quiz.choice("q", 0, "?", ["a", "b"], answer=0, why={2: "no such option"})
    q = Quiz.choice("q", 0, "?", ["a", "b", "c"], answer=1, why={2: "c is not it"})
    assert q.why == ("", "", "c is not it")


NUMBER = Quiz.number(
    "n",
    0,
    "How many weights has nn.Linear(30, 10)?",
    300,
    tol=0,
    explain="30 × 10 = 300.",
    nudge="One weight per input per output.",
)


@pytest.mark.parametrize(
    "response, words",
    [
        ("200", "too low"),
        ("400", "too high"),
        ("301", "a little too high"),
        ("3000", "10 times what it should be"),
        ("30", "1/10 of what it should be"),
        ("600", "twice what it should be"),
        ("150", "half what it should be"),
        ("-300", "the right size with the wrong sign"),
    ],
)
def test_a_wrong_number_says_how_it_misses_and_nudges_without_the_answer(response, words):
    ok, feedback = NUMBER.check(response)
    assert not ok
    assert words in feedback and "One weight per input per output." in feedback
    assert "300" not in feedback.replace(response, "") and "30 × 10" not in feedback


def test_a_negative_answer_is_missed_in_the_right_direction():
    q = Quiz.number("n", 0, "?", -2.0, tol=1e-6)
    assert "too high" in q.check("-1.5")[1] and "too low" in q.check("-3")[1]
    assert "the right size with the wrong sign" in q.check("2")[1]
    assert q.check("-2")[0]


def test_number_check_and_reveal():
    assert NUMBER.check(" 300 ") == (True, "Correct. 30 × 10 = 300.")
    assert NUMBER.check("lots") == (False, "Type a number.")
    assert NUMBER.check("nan") == (False, "Type a number.")
    assert NUMBER.reveal() == "The answer: 300. 30 × 10 = 300."


# ---------------------------------------------------------------------------- progress


def test_attempts_are_counted_and_a_reveal_is_not_an_attempt_nor_correct(tmp_path):
    p = Progress(tmp_path / "progress.json")
    p.record_quiz("xor", "q", 0, False)
    p.record_quiz("xor", "q", 2, False)
    p.record_quiz("xor", "q", 2, False, revealed=True)
    answer = Progress(tmp_path / "progress.json").lesson("xor")["quiz"]["q"]
    assert answer["response"] == 2 and answer["correct"] is False
    assert answer["attempts"] == 2 and answer["revealed"] is True
    p.record_quiz("xor", "q", 1, True)  # right after seeing it: still marked revealed
    answer = Progress(tmp_path / "progress.json").lesson("xor")["quiz"]["q"]
    assert answer["correct"] is True and answer["attempts"] == 3 and answer["revealed"] is True


def test_quiz_entries_of_older_files_get_defaults(tmp_path):
    path = tmp_path / "progress.json"
    path.write_text(
        json.dumps(
            {
                "schema": 1,
                "last_lesson": None,
                "settings": {},
                "lessons": {
                    "xor": {
                        "quiz": {
                            "old": {"response": 1, "correct": True, "at": "2024-01-01T00:00:00+00:00"},
                            "odd": {"attempts": "many", "revealed": "yes"},
                        }
                    }
                },
            }
        )
    )
    quiz = Progress(path).lesson("xor")["quiz"]
    assert quiz["old"] == {
        "response": 1,
        "correct": True,
        "attempts": 1,
        "revealed": False,
        "at": "2024-01-01T00:00:00+00:00",
    }
    assert quiz["odd"] == {"response": None, "correct": False, "attempts": 0, "revealed": False}
    Progress(path).record_quiz("xor", "old", 0, False)
    assert Progress(path).lesson("xor")["quiz"]["old"]["attempts"] == 2
