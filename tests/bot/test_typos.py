"""Typo tolerance: a misspelt word is read as the word meant, a real word is left alone."""

from __future__ import annotations

import pytest

from bot.commands import Answerer
from bot.matching.analyzer import Analyzer

SYNONYMS = [["negotiation", "talks", "diplomacy"], ["head", "chief", "director"]]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    analyzer = Analyzer(SYNONYMS)
    analyzer.learn(["The harbour election was held in the capital after the inspectors left"])
    return analyzer


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("tlaks", "talks"),  # two letters swapped
        ("cheif", "chief"),
        ("diplomcy", "diplomacy"),  # a word the lexicon folds into another term
        ("electon", "election"),
        ("inspecters", "inspectors"),
        ("captial", "capital"),
    ],
)
def test_a_slip_of_the_keyboard_reads_as_the_word_meant(
    analyzer: Analyzer, typed: str, meant: str
) -> None:
    assert analyzer.terms(typed) == analyzer.terms(meant, repair=False)


@pytest.mark.parametrize("word", ["work", "spin", "joke", "list", "harvest", "india"])
def test_a_real_word_is_not_turned_into_a_known_one(analyzer: Analyzer, word: str) -> None:
    assert not set(analyzer.terms(word)) & set(analyzer.terms("harbour election held capital"))


@pytest.mark.parametrize("word", ["hes", "theyre", "wheres", "thats", "waht", "whihc", "abotu"])
def test_contractions_without_apostrophes_and_slipped_function_words_carry_nothing(
    analyzer: Analyzer, word: str
) -> None:
    assert analyzer.terms(word) == []


@pytest.mark.parametrize("word", ["wait", "whet", "wham"])
def test_a_word_two_letters_from_a_function_word_is_no_swap_of_it(
    analyzer: Analyzer, word: str
) -> None:
    """ "wait" is not "what" with two letters swapped: only a true swap is a slip."""
    assert analyzer.terms(word) != []


def _swapped(word: str) -> str:
    """`word` with its two middle letters swapped ("gang" as "gnag")."""
    i = len(word) // 2 - 1
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def test_a_name_with_one_part_misspelt_names_the_person_and_no_stranger(
    answerer: Answerer,
) -> None:
    checked = 0
    for person in answerer.kb.entities.values():
        parts = person.name.split()
        if person.kind != "person" or len(parts) != 2 or len(parts[1]) < 4:
            continue
        slip = _swapped(parts[1])
        if slip.casefold() == parts[1].casefold():
            continue
        checked += 1
        question = f"what did {parts[0]} {slip} say"
        parsed = answerer.ranker.parse(question)
        assert any(person.id in m.ids for m in parsed.entities), question
        answer = answerer.answer("ask", f"What did {parts[0]} {slip} say?")
        assert "doesn't mention" not in answer.text, (question, answer.text)
    assert checked >= 5


@pytest.fixture(scope="module")
def seed_analyzer(answerer: Answerer) -> Analyzer:
    return answerer.context.ranker.analyzer


def test_no_common_english_word_is_repaired_into_another_word(seed_analyzer: Analyzer) -> None:
    """A word English uses often is a word, not a slip: over the 20,000 commonest English
    words, typo repair never reads one as another word of the seed's knowledge. Only a
    short one less common than FUNCTION_SLIP_ZIPF may be read as a slipped function word
    and dropped ("wen", "tha")."""
    from wordfreq import top_n_list

    from bot.matching.english import FUNCTION_SLIP_ZIPF, is_common

    turned = [
        (word, read)
        for word in top_n_list("en", 20_000)
        if word.isalpha()
        and (read := seed_analyzer.terms(word)) != seed_analyzer.terms(word, repair=False)
        and (read or is_common(word, FUNCTION_SLIP_ZIPF))
    ]
    assert turned == []


@pytest.mark.parametrize(
    ("word", "not_meant"),
    [("nuclear", "unclear"), ("australia", "austria"), ("april", "avril"), ("never", "newer")],
)
def test_a_real_word_near_a_known_one_keeps_its_sense(
    seed_analyzer: Analyzer, word: str, not_meant: str
) -> None:
    assert not_meant not in seed_analyzer.terms(word)


@pytest.mark.parametrize("typed", ["li hiu", "li hue", "li huii", "adam smit"])
def test_a_short_name_part_one_slip_off_beside_an_exact_part_names_the_person(
    answerer: Answerer, typed: str
) -> None:
    meant = {"li": "li hui", "adam": "adam smith"}[typed.split(maxsplit=1)[0]]
    assert (
        answerer.answer("ask", f"who is {typed}").text
        == answerer.answer("ask", f"who is {meant}").text
    )


def test_a_short_word_alone_is_no_misspelt_name(answerer: Answerer) -> None:
    """ "hiu" is one slip from "hui", but alone it is too near too many words."""
    assert not answerer.answer("ask", "who is hiu").answered


def test_keep_before_an_ing_form_says_it_goes_on(seed_analyzer: Analyzer) -> None:
    """ "keep backing" is "continue backing"; "keep the land" is to retain it."""
    terms = seed_analyzer.terms
    assert terms("we must keep backing ukraine") == terms("we must continue backing ukraine")
    assert terms("they keep on talking") == terms("they continue talking")
    assert terms("keep the land") != terms("continue the land")


@pytest.mark.parametrize(
    ("british", "american"),
    [("organised", "organized"), ("colour", "color"), ("defence", "defense"), ("centre", "center")],
)
def test_british_and_american_spellings_are_one_term_even_where_both_are_known(
    british: str, american: str
) -> None:
    analyzer = Analyzer([])
    analyzer.learn([f"The {british} plan and the {american} one"])
    assert analyzer.terms(british) == analyzer.terms(american)


def test_doubled_consonants_stay_two_words() -> None:
    analyzer = Analyzer([])
    analyzer.learn(["The forms were filled and filed"])
    assert analyzer.terms("filled") != analyzer.terms("filed")
