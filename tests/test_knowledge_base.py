"""The Lean knowledge base: a complete German and English lesson and a sound quiz for every topic."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import Any

import pytest
import yaml

from copilot.config import REPO_ROOT
from copilot.planner.topics import TOPICS

KNOWLEDGE_DIR = REPO_ROOT / "lean_templates" / "knowledge"
LANGUAGES = ("de", "en")
TEXT_FIELDS = ("title", "definition", "why", "example")
LEVELS = ("trainee", "operator", "coach")
LANGUAGE_KEYS = {*TEXT_FIELDS, "misconceptions", "levels", "quiz"}
QUESTION_KEYS = {"question", "options", "answer", "explanation"}
MIN_QUESTIONS = 5
# German written without umlauts or ß ('fuer', 'Massnahme') reads as a typo to a German speaker.
TRANSLITERATIONS = re.compile(
    r"\b(fuer|ueber|koennen|muessen|moeglich\w*|groess\w*|waehrend|naechst\w*|haeufig\w*|massnahme\w*|"
    r"schliess\w*|gemaess|pruef\w*|stoerung\w*|rueck\w*)\b",
    re.IGNORECASE,
)

TOPIC_KEYS = sorted(TOPICS)
TOPIC_LANGUAGES = [(topic, language) for topic in TOPIC_KEYS for language in LANGUAGES]


@cache
def entry(topic: str) -> dict[str, Any]:
    """The parsed knowledge file of one topic."""
    path = KNOWLEDGE_DIR / f"{topic}.yaml"
    assert path.is_file(), f"no knowledge file for topic {topic!r}: expected {path.relative_to(REPO_ROOT)}"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name} is not a mapping"
    return data


def normalised(text: str) -> str:
    """Lower case with runs of spaces folded, so near-identical texts compare equal."""
    return " ".join(text.lower().split())


def all_questions() -> list[tuple[str, str, dict[str, Any]]]:
    """(topic, language, question) for every quiz question in the knowledge base."""
    return [
        (topic, language, question)
        for topic, language in TOPIC_LANGUAGES
        for question in entry(topic)[language]["quiz"]
    ]


def test_files_match_the_topics_the_planner_knows():
    """One file per planner topic, and no file for a topic the planner cannot recognise."""
    files = {path.stem for path in KNOWLEDGE_DIR.glob("*.yaml")}
    assert files == set(TOPICS), (
        f"missing: {sorted(set(TOPICS) - files)}, without a planner topic: {sorted(files - set(TOPICS))}"
    )


@pytest.mark.parametrize("topic", TOPIC_KEYS)
def test_file_names_its_topic_and_has_both_languages(topic):
    """The top level is exactly topic, related, de and en, and `topic` repeats the file name."""
    data = entry(topic)
    assert set(data) == {"topic", "related", "de", "en"}, f"{topic}: top-level keys {sorted(data)}"
    assert data["topic"] == topic


@pytest.mark.parametrize("topic,language", TOPIC_LANGUAGES)
def test_every_lesson_field_is_filled(topic, language):
    """Title, definition, why, example, 2–4 misconceptions and the three levels are non-empty text."""
    lesson = entry(topic)[language]
    assert set(lesson) == LANGUAGE_KEYS, f"{topic}/{language}: keys {sorted(lesson)}"
    for field in TEXT_FIELDS:
        assert isinstance(lesson[field], str) and lesson[field].strip(), f"{topic}/{language}: empty {field}"
    assert set(lesson["levels"]) == set(LEVELS), f"{topic}/{language}: levels {sorted(lesson['levels'])}"
    for level in LEVELS:
        text = lesson["levels"][level]
        assert isinstance(text, str) and text.strip(), f"{topic}/{language}: empty level {level}"
    misconceptions = lesson["misconceptions"]
    assert isinstance(misconceptions, list) and 2 <= len(misconceptions) <= 4, f"{topic}/{language}"
    for item in misconceptions:
        # each item reads "belief – why it is wrong"
        assert isinstance(item, str) and " – " in item, f"{topic}/{language}: misconception {item!r}"
        belief, reason = item.split(" – ", 1)
        assert belief.strip() and reason.strip(), f"{topic}/{language}: misconception {item!r}"


@pytest.mark.parametrize("topic,language", TOPIC_LANGUAGES)
def test_quiz_questions_are_well_formed(topic, language):
    """At least five questions, each with 3–4 distinct options, one valid answer index and an explanation."""
    quiz = entry(topic)[language]["quiz"]
    assert isinstance(quiz, list) and len(quiz) >= MIN_QUESTIONS, f"{topic}/{language}: {len(quiz)} questions"
    for number, question in enumerate(quiz, 1):
        where = f"{topic}/{language} question {number}"
        assert set(question) == QUESTION_KEYS, f"{where}: keys {sorted(question)}"
        assert isinstance(question["question"], str) and question["question"].strip(), where
        options = question["options"]
        assert isinstance(options, list) and 3 <= len(options) <= 4, f"{where}: {len(options)} options"
        assert all(isinstance(option, str) and option.strip() for option in options), f"{where}: empty option"
        assert len({normalised(option) for option in options}) == len(options), f"{where}: repeated option"
        answer = question["answer"]
        assert type(answer) is int and 0 <= answer < len(options), f"{where}: answer {answer!r}"
        assert isinstance(question["explanation"], str) and question["explanation"].strip(), where


@pytest.mark.parametrize("topic", TOPIC_KEYS)
def test_german_and_english_quizzes_match(topic):
    """Both languages ask the same questions in the same order: same count, options and answer indices."""
    german, english = entry(topic)["de"], entry(topic)["en"]
    assert len(german["quiz"]) == len(english["quiz"])
    for number, (de, en) in enumerate(zip(german["quiz"], english["quiz"], strict=True), 1):
        assert len(de["options"]) == len(en["options"]), f"{topic} question {number}: option counts differ"
        assert de["answer"] == en["answer"], f"{topic} question {number}: answer indices differ"


@pytest.mark.parametrize("topic", TOPIC_KEYS)
def test_english_is_a_translation_not_a_copy(topic):
    """The English definition and lesson levels differ from the German ones."""
    german, english = entry(topic)["de"], entry(topic)["en"]
    assert normalised(german["definition"]) != normalised(english["definition"])
    for level in LEVELS:
        assert normalised(german["levels"][level]) != normalised(english["levels"][level]), f"{topic}/{level}"


@pytest.mark.parametrize("topic", TOPIC_KEYS)
def test_german_uses_umlauts(topic):
    """German texts write ä, ö, ü and ß, never 'fuer' or 'Massnahme'."""
    lesson = entry(topic)["de"]
    texts = [lesson[field] for field in TEXT_FIELDS]
    texts += list(lesson["levels"].values()) + lesson["misconceptions"]
    for question in lesson["quiz"]:
        texts += [question["question"], question["explanation"], *question["options"]]
    found = sorted({match.group(0) for text in texts for match in TRANSLITERATIONS.finditer(text)})
    assert not found, f"{topic}: transliterated German {found}"


@pytest.mark.parametrize("topic", TOPIC_KEYS)
def test_related_topics_exist(topic):
    """`related` names other known topics, at least one, without repeats and never the topic itself."""
    related = entry(topic)["related"]
    assert isinstance(related, list) and related, f"{topic}: related is empty"
    assert not set(related) - set(TOPICS), f"{topic}: unknown related {sorted(set(related) - set(TOPICS))}"
    assert topic not in related
    assert len(set(related)) == len(related), f"{topic}: repeated related topic"


def test_correct_answers_are_spread_over_positions():
    """Across the knowledge base the right option is not predictable from its position."""
    positions = Counter(
        question["answer"] for _topic, language, question in all_questions() if language == "de"
    )
    total = sum(positions.values())
    assert {0, 1, 2} <= set(positions), f"answer positions used: {dict(positions)}"
    assert max(positions.values()) <= total / 2, f"one position holds most answers: {dict(positions)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_question_texts_are_unique(language):
    """No question text appears twice in one language, across all topics."""
    texts = Counter(normalised(q["question"]) for _topic, lang, q in all_questions() if lang == language)
    repeated = sorted(text for text, count in texts.items() if count > 1)
    assert not repeated, f"repeated {language} questions: {repeated}"


SIX_LOSSES = {
    "de": {
        "Verfügbarkeit": ("Störungen", "Rüsten"),
        "Leistung": ("Kurzstopps", "reduzierte Geschwindigkeit"),
        "Qualität": ("Ausschuss", "Anlaufverluste"),
    },
    "en": {
        "availability": ("breakdowns", "setup"),
        "performance": ("small stops", "reduced speed"),
        "quality": ("scrap", "start-up losses"),
    },
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_six_big_losses_definition_maps_each_pair_onto_its_oee_component(language):
    """The definition names all six losses and says which two lower availability, performance and quality."""
    definition = entry("six_big_losses")[language]["definition"]
    for component, (first, second) in SIX_LOSSES[language].items():
        pair = rf"{re.escape(first)} (?:und|and) {re.escape(second)} (?:\w+ )?{component}\b"
        assert re.search(pair, definition), f"{language}: {first} and {second} do not lower {component}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_six_big_losses_example_is_drawn_from_the_sample_plant(language):
    """The example names the sample plant's stories: the press 1 breakdown, A-217 at L3-S4, porosity on line 1."""
    example = entry("six_big_losses")[language]["example"]
    press = "Transferpresse 1" if language == "de" else "transfer press 1"
    for story in (press, "A-217", "L3-S4", "Linie 1" if language == "de" else "line 1"):
        assert story in example, story
