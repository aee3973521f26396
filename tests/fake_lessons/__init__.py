"""A tiny lesson pack for testing the app and the CLI without the real course."""

from tutor.course import Catalogue, LessonRef, Part

PARTS = [
    Part(
        "Testing",
        [
            LessonRef(
                "demo",
                "Demo lesson",
                "tests.fake_lessons.demo",
                summary="Fit a line to made-up points by gradient descent.",
                source="Made up for the tests",
                goal="loss below 0.01",
            ),
            LessonRef("demo-two", "Second demo", "tests.fake_lessons.demo"),
            LessonRef("gallery", "Every kind of chart", "tests.fake_lessons.gallery"),
        ],
    )
]


def course() -> Catalogue:
    return Catalogue(PARTS)
