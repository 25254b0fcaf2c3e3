"""Quote verification: verbatim, close, or differing in a word that changes the meaning.

The unit tests use made-up quotations; the properties run over every quotation of the
shipped knowledge: each one, given whole or as a fragment, is attributed to its speaker,
and each one changed in a name, a negation or a number is not.
"""

from __future__ import annotations

import re

import pytest

from bot.commands import Answerer
from bot.knowledge import KnowledgeBase
from bot.matching.quotecheck import (
    CLOSE,
    DIFFERS,
    UNRELATED,
    VERBATIM,
    check_quote,
    keeps_sense_markers,
)

QUOTE = "We will not reopen the harbor until the inspectors from Norway have finished, in June."


def _terms(phrase: str) -> list[str]:
    return phrase.split()


@pytest.mark.parametrize(
    ("given", "verdict"),
    [
        ("We will not reopen the harbor", VERBATIM),
        ("we WILL not reopen the harbor!", VERBATIM),
        ("we won't reopen the harbor", VERBATIM),
        ("the harbor until the inspecters from Norway", CLOSE),  # a misspelling
        ("we will not reopen the harbor until the inspectors have finished", CLOSE),
        ("We will reopen the harbor", DIFFERS),  # the negation left out
        ("We will not reopen the harbor until the inspectors from Sweden have finished", DIFFERS),
        (
            "We will not reopen the harbor until the inspectors from Norway have finished, in July",
            DIFFERS,
        ),
        ("We will not reopen the airport", DIFFERS),
        ("the price of bread rose again", UNRELATED),
    ],
)
def test_the_words_given_are_checked_word_by_word(given: str, verdict: str) -> None:
    assert check_quote(given, QUOTE, _terms).verdict == verdict


def test_a_difference_is_shown_beside_the_article_words() -> None:
    check = check_quote("the inspectors from Sweden have finished", QUOTE, _terms)
    assert check.verdict == DIFFERS
    assert ("norway", "sweden") in check.differences


def test_a_long_stretch_left_out_joins_pieces_the_speaker_did_not_say_together() -> None:
    quote = "Neutrality is a choice, and the council has made clear that it stands with the port"
    assert (
        check_quote("neutrality is a choice that it stands with the port", quote, _terms).verdict
        == DIFFERS
    )
    given = "the council has made clear that it stands with the port"
    assert check_quote(given, quote, _terms).verdict == VERBATIM


def test_a_short_clause_left_out_is_close_and_listed() -> None:
    quote = "They are waiting for what they hope will be a change of heart in the council"
    check = check_quote("waiting for a change of heart in the council", quote, _terms)
    assert check.verdict == CLOSE
    assert ("what they hope will be", "") in check.differences


@pytest.mark.parametrize(
    ("given", "verdict"),
    [
        ("senior admin officials hold regular convos", CLOSE),
        ("senior administration officials hold regular conversations", VERBATIM),
        ("senior admiral officials hold regular conversations", DIFFERS),  # another word
        ("senior administration officials hold regular convo", CLOSE),
    ],
)
def test_a_word_clipped_as_people_write_it_is_the_same_word(given: str, verdict: str) -> None:
    quote = "Senior administration officials hold regular conversations with the mayor"
    assert check_quote(given, quote, _terms).verdict == verdict


def test_a_short_word_is_never_a_clip_of_a_longer_one() -> None:
    quote = "They want to restore order in the harbor"
    assert check_quote("they want to rest order in the harbor", quote, _terms).verdict == DIFFERS


def _quotes(kb: KnowledgeBase) -> list[tuple[str, str, str]]:
    """(quotation, speaker surname, source) for every quotation long enough to change."""
    found = []
    for quote in kb.quotes:
        text = quote.text.split(" … ")[0]
        if len(text.split()) >= 4:
            surname = kb.entities[quote.speakers[0]].name.split()[-1]
            found.append((text, surname, quote.source))
    return found


def test_every_quotation_given_whole_is_attributed_to_its_speaker(
    answerer: Answerer, kb: KnowledgeBase
) -> None:
    for text, surname, _ in _quotes(kb):
        answer = answerer.answer("who-said", text)
        assert answer.answered and surname in (answer.speaker or ""), text


def _changed(text: str, how: str) -> str | None:
    words = text.split()
    if how == "negation":
        for i, word in enumerate(words):
            if word.casefold() in {
                "is",
                "are",
                "was",
                "were",
                "will",
                "can",
                "would",
                "has",
                "have",
            }:
                return " ".join([*words[: i + 1], "not", *words[i + 1 :]])
        return None
    if how == "number":
        if not re.search(r"\d", text):
            return None
        return re.sub(r"\d+", lambda m: str(int(m.group(0)) + 7), text)
    # a content word swapped for a country the sentence does not hold
    for i, word in enumerate(words):
        if len(word) >= 6 and word.isalpha():
            return " ".join([*words[:i], "Portugal", *words[i + 1 :]])
    return None


@pytest.mark.parametrize("how", ["negation", "number", "name"])
def test_no_quotation_changed_in_a_word_that_matters_is_attributed(
    answerer: Answerer, kb: KnowledgeBase, how: str
) -> None:
    checked = 0
    for text, _, _ in _quotes(kb):
        changed = _changed(text, how)
        if changed is None or changed == text:
            continue
        checked += 1
        answer = answerer.answer("who-said", changed)
        assert not answer.answered, (changed, answer.text)
    assert checked >= (1 if how == "number" else 5)


def test_a_misquote_is_declined_with_the_nearest_quotation_cited(answerer: Answerer) -> None:
    answer = answerer.answer("who-said", "Neutrality means taking the side of the victim")
    assert not answer.answered
    assert answer.speaker is None
    assert answer.text.startswith("The article does not quote that.")
    assert "aggressor" in answer.text  # the words that differ, from the article
    assert answer.citations and answer.citations[0].paragraph == 22


_LIGHT = frozenset("the of a with if up back is to that before after its".split())


_STEMS = {"siding": "side", "taking": "take", "makes": "make"}


def _content_terms(phrase: str) -> list[str]:
    """A small analyzer for the unit tests: function words carry no term, "siding" is
    "side"."""
    return [_STEMS.get(w, w) for w in phrase.split() if w not in _LIGHT]


@pytest.mark.parametrize(
    ("given", "verdict"),
    [
        # fewer words that add nothing of their own: close, the article's words listed
        ("neutrality is siding with the harbor", CLOSE),
        ("the dynamic will shift even with small gains", CLOSE),
        # a word of polarity turned, a new content word, a negation: not the same
        ("the board is scaling up its plans", DIFFERS),
        ("neutrality is siding with the council of the town", DIFFERS),
        ("the board is scaling back its plans before the vote", VERBATIM),
        ("the board is scaling back its plans after the vote", DIFFERS),
        ("the dynamic will not shift even with small gains", DIFFERS),
    ],
)
def test_a_stretch_said_in_fewer_words_is_close_unless_it_turns_the_sense(
    given: str, verdict: str
) -> None:
    quotes = {
        "harbor": "neutrality is taking the side of the harbor",
        "council": "neutrality is taking the side of the harbor of the town",
        "dynamic": "the dynamic will shift even if the port makes small gains",
        "vote": "the board is scaling back its plans before the vote",
        "board": "the board is scaling back its plans",
    }
    quote = next(q for key, q in quotes.items() if key in given)
    check = check_quote(given, quote, _content_terms)
    assert check.verdict == verdict, check
    if verdict == CLOSE:
        assert any(given_words for _, given_words in check.differences)


def test_a_reworded_quotation_names_its_speaker_and_shows_the_article_words(
    answerer: Answerer, kb: KnowledgeBase
) -> None:
    """Over every quotation with a stretch of light words, saying it in fewer words keeps
    the speaker; the answer says the words are not the article's and lists them."""
    checked = 0
    for text, surname, _ in _quotes(kb):
        words = text.split()
        if "if" not in words[1:-3]:
            continue
        i = words.index("if", 1)
        given = " ".join([*words[:i], "with", *words[i + 3 :]])
        answer = answerer.answer("who-said", given)
        if answer.answered:
            checked += 1
            assert surname in (answer.speaker or "")
            assert "not the same" in answer.text and "where you have “with”" in answer.text
    assert checked >= 1


def test_a_pronoun_given_as_the_name_it_stands_for_is_close() -> None:
    quote = "he may be willing to claim a victory"
    check = check_quote(
        "Rask may be willing to claim a victory", quote, _terms, frozenset({"rask"})
    )
    assert check.verdict == CLOSE
    assert ("he", "rask") in check.differences
    # Only a name of whom the quotation is about: any other name is a misquote.
    other = check_quote(
        "Vell may be willing to claim a victory", quote, _terms, frozenset({"rask"})
    )
    assert other.verdict == DIFFERS
    # And only for a pronoun: a name for a noun is a misquote.
    noun = check_quote(
        "Rask may be willing to claim a victory",
        "the mayor may be willing to claim a victory",
        _terms,
        frozenset({"rask"}),
    )
    assert noun.verdict == DIFFERS


def _reordered(text: str) -> str:
    """The same words in an order of their own: the second half first."""
    words = text.split()
    half = len(words) // 2
    return " ".join([*words[half:], *words[:half]])


def test_a_quotation_said_over_in_another_order_is_close_in_sense_never_the_same(
    answerer: Answerer, kb: KnowledgeBase
) -> None:
    named = 0
    quotations = [q for q in _quotes(kb) if len(q[0].split()) >= 10]
    for text, surname, _ in quotations:
        answer = answerer.answer("who-said", _reordered(text))
        if answer.answered:
            assert surname in (answer.speaker or ""), text
            if "quotes these words" not in answer.text:
                assert answer.text.startswith("The article does not quote these words"), text
                named += 1
    assert named >= len(quotations) // 2


def test_a_name_the_quotation_itself_holds_may_be_given_when_it_is_said_over(
    answerer: Answerer,
) -> None:
    # Haines's "an erosion of Western support" names the West, though the quotation is
    # not about it: said over with "western", it is still close in sense to hers.
    answer = answerer.answer(
        "who-said", "a ceasefire buys time for an erosion of western backing, putin hopes"
    )
    assert answer.answered
    assert "Haines" in (answer.speaker or "")
    assert answer.text.startswith("The article does not quote these words")


def test_a_quotation_said_over_with_its_sense_turned_is_not_attributed(
    answerer: Answerer, kb: KnowledgeBase
) -> None:
    checked = 0
    for text, _, _ in _quotes(kb):
        if len(text.split()) < 10:
            continue
        for how in ("negation", "number"):
            changed = _changed(_reordered(text), how)
            if changed is None:
                continue
            checked += 1
            answer = answerer.answer("who-said", changed)
            assert not answer.answered, (changed, answer.text)
    assert checked >= 5


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("until the Norway inspectors finish, the harbor will not reopen", True),
        ("the harbor won't reopen till the inspectors finish", True),
        ("the harbor reopens before the inspectors finish", False),  # polarity added
        ("the harbor stays shut", False),  # the negation dropped
        ("the harbor will not reopen for 6 weeks", False),  # a number it never gives
        ("the harbor will not reopen, the inspectors have already finished", False),  # aspect
        ("we will not stop the harbor until the inspectors finish", False),  # aspect
    ],
)
def test_words_said_over_keep_the_negation_numbers_and_polarity_or_not(
    given: str, kept: bool
) -> None:
    quote = "We will not reopen the harbor until the inspectors from Norway have finished."
    assert keeps_sense_markers(given, quote) is kept


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("giving up territory would validate their aggression", True),  # a verb's particle
        ("the offensive ends before real diplomacy", True),
        ("territorial concessions would validate less aggression", False),  # "more" in it
        ("scaling down his ambitions", False),  # the quotation says "up"
        ("it validates aggression after the talks", False),  # it says "before"
        ("a cease-fire would validate aggression", True),  # "cease-fire" is no "cease"
        ("they would cease aggression", False),  # aspect the quotation never gives
    ],
)
def test_a_direction_the_quotation_leaves_unsaid_keeps_its_sense_one_it_reverses_does_not(
    given: str, kept: bool
) -> None:
    quote = (
        "Concessions would validate more aggression before any talks, and he is scaling up"
        " his near-term ambitions."
    )
    assert keeps_sense_markers(given, quote) is kept


def test_six_is_6_when_words_are_said_over() -> None:
    assert keeps_sense_markers("rest and reattack in 6 months", "reattack six months later")


def test_a_paraphrase_shares_some_of_the_articles_own_words() -> None:
    """Words folded together by the lexicon alone ("ends" and "resolved") are not
    evidence enough that a line says a quotation over."""
    from bot.commands.who_said import literal_share

    quote = "We will not reopen the harbor until the inspectors from Norway have finished."
    assert literal_share("the harbor stays closed until the inspectors finish", quote) == 0.6
    assert literal_share("port shut till checks end", quote) == 0.0


def test_words_the_reporting_sentence_negates_are_not_reported() -> None:
    from bot.commands.who_said import _outside_negations

    words = "like her, roe did not mention diplomacy at all, instead focusing on aid:".split()
    assert "diplomacy" not in _outside_negations(words)
    assert {"instead", "focusing", "aid:"} <= set(_outside_negations(words))
    # as an index entry holds them, without punctuation: the negation reaches a few words
    bare = "roe did not mention diplomacy at all instead focusing on aid we need".split()
    assert "diplomacy" not in _outside_negations(bare)
    assert {"focusing", "aid", "need"} <= set(_outside_negations(bare))


@pytest.mark.parametrize(
    ("given", "verdict"),
    [
        ("a quick and durable peace", "differs"),  # a word of the stop list, changed
        ("a just and durable peace", "verbatim"),
        ("so a just and durable peace", "verbatim"),  # a filler around it
        ("a just and basically durable peace", "close"),  # a filler inside it
    ],
)
def test_a_word_the_stop_list_holds_is_still_a_word_of_the_quotation(
    given: str, verdict: str
) -> None:
    quote = "We want a just and durable peace that holds."

    def terms(phrase: str) -> list[str]:
        stop = {"we", "a", "and", "just", "quick", "so", "basically", "that"}
        return [w for w in phrase.lower().split() if w not in stop]

    assert check_quote(given, quote, terms).verdict == verdict


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("no limits thanks!", "no limits"),
        ("lol no limits", "no limits"),
        ("even small gains will change the dynamic", "even small gains will change the dynamic"),
        ("thanks", "thanks"),
    ],
)
def test_courtesies_around_a_quotation_are_no_part_of_it(given: str, kept: str) -> None:
    from bot.commands.who_said import _without_chat_edges

    assert _without_chat_edges(given) == kept


def test_a_negation_before_a_whole_quotation_is_a_misquote_never_framing(
    answerer: Answerer, kb: KnowledgeBase
) -> None:
    """ "not buying time for ...": a negation given beside the quotation turns it; it is
    checked as one of its words and the answer says which word differs."""
    for text, _, _ in _quotes(kb):
        given = f"not {text}"
        answer = answerer.answer("who-said", given)
        assert not answer.answered, given
    answer = answerer.answer(
        "who-said", "not buying time for what he hopes will be an erosion of Western support"
    )
    assert "nothing where you have “not”" in answer.text


def test_a_piece_cut_just_after_a_negation_is_not_attributed(kb: KnowledgeBase) -> None:
    """The words after "not" in a quotation or its evidence are the article's words with
    the sense turned: never verbatim or close."""
    from bot.commands import Answerer as _Answerer

    checked = 0
    terms = _Answerer(kb).context.phrase_terms
    texts = [q.text for q in kb.quotes] + [f.evidence for f in kb.facts]
    for text in texts:
        words = text.split()
        for i, word in enumerate(words[:-4]):
            if word.casefold() in {"not", "never", "no"}:
                piece = " ".join(words[i + 1 : i + 9])
                assert not check_quote(piece, text, terms).attributable, piece
                checked += 1
    assert checked >= 5


def test_a_paraphrase_that_moves_a_claim_in_time_is_not_close_in_sense() -> None:
    quotation = "the chance of concessions at the table will be low"
    reported = "said in testimony that the chance this year"
    assert keeps_sense_markers("concessions this year will be low", quotation, reported)
    assert not keeps_sense_markers("concessions next year will be low", quotation, reported)
    assert keeps_sense_markers("over the past 14 months", "over the last 14 months")
    assert not keeps_sense_markers("what happened on Monday", "what happened on Tuesday")


def test_a_hyphenated_compound_said_in_a_synonym_is_close_and_words_of_grammar_are_none(
    answerer: Answerer,
) -> None:
    """ "short-term" for the quotation's "near-term" (one term in the lexicon) is close;
    "quick and" for "just and" is no compound, and stays a misquote."""
    terms = answerer.context.phrase_terms
    close = check_quote(
        "scaling back his short-term ambitions", "scaling back his near-term ambitions", terms
    )
    assert close.verdict == CLOSE
    assert (
        check_quote("a quick and durable peace", "a just and durable peace", terms).verdict
        == DIFFERS
    )
    assert (
        check_quote("his long-term ambitions", "his near-term ambitions", terms).verdict == DIFFERS
    )
