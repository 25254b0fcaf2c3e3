"""Naming a person by what they are: a country or body with a role or a plain noun.

The properties run over the shipped knowledge: a country or body written with another
of its names, a title word written short, and "the <body> <noun>" for the one person a
body stands for each name the same person as the knowledge's own alias; a description
two people would share names no one.
"""

from __future__ import annotations

import pytest

from bot.commands import Answerer
from bot.knowledge import KnowledgeBase
from bot.matching.descriptions import ABBREVIATIONS, OFFICE_NOUNS, PERSON_NOUNS, described_aliases
from bot.text import normalise, tokenize


def _people_named(answerer: Answerer, phrase: str) -> set[str]:
    parsed = answerer.ranker.parse(phrase)
    return {i for m in parsed.entities for i in m.ids if answerer.kb.entities[i].kind == "person"}


def test_every_description_names_its_person_and_no_one_else(
    answerer: Answerer, kb: KnowledgeBase
) -> None:
    described = described_aliases(kb)
    owners: dict[str, set[str]] = {}
    for person, aliases in described.items():
        for alias in aliases:
            owners.setdefault(alias, set()).add(person)
    assert all(len(people) == 1 for people in owners.values())
    checked = 0
    for person, aliases in described.items():
        for alias in aliases[:: max(1, len(aliases) // 8)]:
            checked += 1
            assert person in _people_named(answerer, f"what did {alias} say"), alias
    assert checked >= 30


def _country_swaps(kb: KnowledgeBase) -> list[tuple[str, str, str]]:
    """(person, their alias, the alias with its country written as another of its names)
    for aliases that open with a country and name no other ("Britain's foreign secretary")."""
    swaps = []
    countries = {
        w
        for e in kb.entities.values()
        if e.kind == "country"
        for n in (e.name, *e.aliases)
        for w in tokenize(normalise(n))
    }
    for person in (e for e in kb.entities.values() if e.kind == "person"):
        for country in (kb.entities[c] for c in person.related if c in kb.entities):
            if country.kind != "country":
                continue
            names = [n for n in (country.name, *country.aliases) if " " not in n]
            for alias in person.aliases:
                words = tokenize(normalise(alias))
                if any(w in countries for w in words[1:]):
                    continue
                if len(words) >= 2 and words[0] in {tokenize(normalise(n))[0] for n in names}:
                    for other in names:
                        swaps.append((person.id, alias, " ".join([other, *words[1:]])))
    return swaps


def test_a_country_written_with_another_of_its_names_names_the_same_person(
    answerer: Answerer, kb: KnowledgeBase
) -> None:
    swaps = _country_swaps(kb)
    assert len(swaps) >= 10
    for person, alias, swapped in swaps:
        named = _people_named(answerer, f"what did the {swapped} say")
        assert person in named, (alias, swapped, named)


@pytest.mark.parametrize("word", sorted(ABBREVIATIONS))
def test_a_title_word_written_short_names_the_same_person(
    answerer: Answerer, kb: KnowledgeBase, word: str
) -> None:
    for person in (e for e in kb.entities.values() if e.kind == "person"):
        for alias in person.aliases:
            words = tokenize(normalise(alias))
            if word not in words or len(words) < 2:
                continue
            if _people_named(answerer, f"what did {' '.join(words)} say") != {person.id}:
                continue  # the words in full name someone else too, or no one
            for short in ABBREVIATIONS[word]:
                shortened = " ".join(short if w == word else w for w in words)
                named = _people_named(answerer, f"what did {shortened} say")
                assert named == {person.id}, (alias, shortened, named)


def test_the_only_person_of_a_body_is_named_by_it_and_a_plain_noun(answerer: Answerer) -> None:
    assert _people_named(answerer, "what did the cepa lady say") == {"polyakova"}
    assert _people_named(answerer, "what did the german woman say") == {"baerbock"}


def test_a_plain_noun_that_does_not_fit_the_person_names_no_one(answerer: Answerer) -> None:
    assert not _people_named(answerer, "what did the british woman say")  # Mr. Cleverly


def test_a_possessor_of_a_person_described_is_no_name_the_answer_must_concern(
    answerer: Answerer, kb: KnowledgeBase
) -> None:
    """ "Xi's foreign minister", "Biden's national security guy": whose the person is,
    not whom the question is about. A possessor of a thing ("Blinken's comments",
    "Baerbock's news conference with Qin") stays a name the answer must concern."""
    people = [e for e in kb.entities.values() if e.kind == "person"]
    for owner in people:
        own_words = {w for a in (owner.name, *owner.aliases) for w in tokenize(normalise(a))}
        for noun in (*OFFICE_NOUNS, *PERSON_NOUNS):
            if noun in own_words:
                continue  # "Milley's top general": his own title, read as his name
            owned = _people_named(answerer, f"what did {owner.name}'s top {noun} say")
            assert owner.id not in owned, (owner.name, noun)
        kept = _people_named(answerer, f"what did {owner.name}'s comments say")
        assert owner.id in kept, owner.name
    qin = _people_named(answerer, "where was baerbock's news conference with qin held")
    assert {"baerbock", "qin-gang"} <= qin


@pytest.mark.parametrize(
    "question",
    [
        "who did biden's nsa meet in vienna?",
        "who did biden's national security guy talk to in vienna",
    ],
)
def test_a_person_described_as_someones_is_answered_as_that_person(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.answer("ask", question)
    assert answer.answered and answer.citations[0].paragraph == 25


@pytest.mark.parametrize(
    ("titled", "plain"),
    [
        (
            "What did Secretary of State Antony Blinken say about China?",
            "What did Blinken say about China?",
        ),
        (
            "what did national security adviser Jake Sullivan discuss in Vienna?",
            "what did Sullivan discuss in Vienna?",
        ),
    ],
)
def test_a_person_named_by_role_and_name_together_counts_once(
    answerer: Answerer, titled: str, plain: str
) -> None:
    """The role and the name side by side are one naming: the answer is the name's."""
    with_role, alone = answerer.answer("ask", titled), answerer.answer("ask", plain)
    assert with_role.answered and alone.answered
    assert with_role.citations[0].paragraph == alone.citations[0].paragraph


def test_a_plain_noun_after_any_alias_names_the_same_person_for_quotes_and_about(
    answerer: Answerer, kb: KnowledgeBase
) -> None:
    """ "the British foreign sec guy", "the German foreign minister lady": a plain word for
    a person after a name or role changes nothing, unless the honorific contradicts it."""
    from bot.matching.descriptions import plain_nouns_for

    checked = 0
    for entity in kb.entities.values():
        if entity.kind != "person":
            continue
        nouns = plain_nouns_for(kb, entity.id)
        unfit = sorted(set(PERSON_NOUNS) - nouns)
        for alias in (entity.name, *entity.aliases):
            if answerer.ranker.resolve(alias)[:1] != [entity.id]:
                continue
            for noun in sorted(nouns)[:3]:
                checked += 1
                assert answerer.ranker.resolve(f"{alias} {noun}")[:1] == [entity.id], noun
            for noun in unfit[:1]:
                assert entity.id not in answerer.ranker.resolve(f"{alias} {noun}"), noun
    assert checked >= 60


def test_a_plain_noun_never_makes_a_body_a_person(answerer: Answerer, kb: KnowledgeBase) -> None:
    bodies = [e for e in kb.entities.values() if e.kind in {"country", "organisation"}]
    assert bodies
    for body in bodies:
        assert body.id not in answerer.ranker.resolve(f"{body.name} guy")


def test_an_office_of_two_words_by_its_initials_beside_the_body_names_its_holder(
    answerer: Answerer,
) -> None:
    """ "the German FM" is the German foreign minister; "FM" alone, or beside a body whose
    foreign minister the article does not name, is no one."""
    assert _people_named(answerer, "what did the german fm say") == {"baerbock"}
    assert answerer.ranker.resolve("the german fm") == ["baerbock"]
    assert not _people_named(answerer, "what did the fm say")
    assert not _people_named(answerer, "what did the spanish fm say")


def test_a_given_name_only_an_alias_holds_names_its_person_as_written(
    answerer: Answerer, kb: KnowledgeBase
) -> None:
    """ "Joe" of the alias "Joe Biden" names Biden; such a name is matched as written, so a
    word one letter from it ("serve" and "Steve", of the alias "Steve Erlanger") names no
    one."""
    assert "Steve Erlanger" in kb.entities["erlanger"].aliases
    assert _people_named(answerer, "what are joe's people doing") == {"biden"}
    assert _people_named(answerer, "steve's reporting from brussels") == {"erlanger"}
    assert not _people_named(answerer, "could beijing serve as a mediator")
