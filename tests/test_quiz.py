"""Quizzes: shuffled options keep the right answer, scoring explains, progress survives a restart."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from copilot.lessons.knowledge import Concept, QuizQuestion
from copilot.lessons.progress import Progress, open_progress
from copilot.lessons.quiz import make_quiz, record, score, shuffled

QUESTIONS = tuple(
    QuizQuestion(
        f"demo-{n}",
        f"Question {n}?",
        (f"right {n}", f"wrong a{n}", f"wrong b{n}", f"wrong c{n}"),
        0,
        f"because {n}",
    )
    for n in range(1, 8)
)
CONCEPT = Concept("demo", "en", "Demo", "d", "w", "e", (), {"trainee": "t"}, QUESTIONS, ())


def test_shuffling_keeps_the_right_option_and_moves_it():
    import random

    positions = set()
    for seed in range(40):
        item = shuffled(QUESTIONS[0], random.Random(seed))
        assert sorted(item.options) == sorted(QUESTIONS[0].options)
        assert item.options[item.answer] == "right 1"
        positions.add(item.answer)
    assert positions == {0, 1, 2, 3}


def test_quiz_has_the_asked_size_without_repeats():
    quiz = make_quiz(CONCEPT, size=5, seed=3)
    assert len(quiz) == 5 and len({q.id for q in quiz}) == 5


def test_missed_questions_come_first():
    for seed in range(10):
        quiz = make_quiz(CONCEPT, size=3, missed={"demo-6", "demo-7"}, seed=seed)
        assert {quiz[0].id, quiz[1].id} == {"demo-6", "demo-7"}


def test_score_explains_every_answer():
    quiz = make_quiz(CONCEPT, size=3, seed=1)
    chosen = {quiz[0].id: quiz[0].answer, quiz[1].id: (quiz[1].answer + 1) % 4}
    feedback = score(quiz, chosen)
    assert [f.correct for f in feedback] == [True, False, False]  # the third was not answered
    assert feedback[1].right_option.startswith("right") and feedback[1].explanation.startswith("because")


def test_latest_answer_decides_what_is_missed(tmp_path):
    progress = Progress(tmp_path / "store.sqlite")
    progress.record("Anna", "demo", [("demo-1", False), ("demo-2", False), ("demo-3", True)])
    progress.record(" anna ", "demo", [("demo-1", True)])
    assert progress.missed("ANNA", "demo") == {"demo-2"}
    assert progress.missed("Ben", "demo") == set()
    [standing] = progress.scores("Anna")
    assert (standing.answered, standing.correct, standing.missed) == (3, 2, 1)


def test_progress_survives_a_new_process(tmp_path):
    store = tmp_path / "store.sqlite"
    feedback = score(make_quiz(CONCEPT, size=2, seed=2), {})
    record(Progress(store), "Chris", "demo", feedback)
    script = (
        "import sys; from pathlib import Path; from copilot.lessons.progress import Progress; "
        "print(sorted(Progress(Path(sys.argv[1])).missed('chris', 'demo')))"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(store)], capture_output=True, text=True, check=True
    )
    assert run.stdout.strip() == str(sorted(f.id for f in feedback))


def test_without_a_name_nothing_is_kept(tmp_path):
    progress = Progress(tmp_path / "store.sqlite")
    record(progress, "  ", "demo", score(make_quiz(CONCEPT, size=2, seed=2), {}))
    assert progress.scores("") == []


def test_an_unwritable_store_gives_no_progress_but_no_error(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert open_progress(Path(blocked) / "store.sqlite") is None
