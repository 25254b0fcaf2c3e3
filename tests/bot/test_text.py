"""Normalisation of untrusted input."""

from __future__ import annotations

import pytest

from bot.text import MAX_INPUT_CHARS, clean, normalise, stem, strip_mentions, tokenize


def test_nfkc_folds_fullwidth_forms_before_mentions_are_removed() -> None:
    assert normalise("＜!channel＞ Ｗho said ｎｏ ｌｉｍｉｔｓ") == "who said no limits"


def test_invisible_and_bidi_characters_are_removed() -> None:
    assert clean("Bli\u200bnken\u202e\u2066 said\u0000\u0007") == "Blinken said"


def test_curly_quotes_and_dashes_are_folded() -> None:
    assert clean("“no limits” — it’s") == '"no limits" - it\'s'


def test_platform_mentions_are_removed() -> None:
    text = "<@U123> <@!42> <#C1|general> <!here> <!subteam^S1> <@&99> @everyone @here hi"
    assert strip_mentions(text) == "hi"


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("Envoy, who is Blinken?", "who is blinken?"),
        ("hey envoy what did haines say", "what did haines say"),
        ("who is li hui, envoy?", "who is li hui?"),
        ("who is the special envoy", "who is the special envoy"),
        ("envoy li hui was ambassador", "envoy li hui was ambassador"),
    ],
)
def test_the_bots_name_used_to_address_it_is_dropped_the_word_envoy_is_not(
    text: str, normalised: str
) -> None:
    assert normalise(text) == normalised


def test_length_is_bounded() -> None:
    assert len(normalise("a" * 100_000)) <= MAX_INPUT_CHARS
    assert len(clean("word " * 50_000)) <= MAX_INPUT_CHARS


def test_case_is_folded_and_the_us_is_spelled_one_way() -> None:
    assert normalise("What did the U.S. say?") == "what did usa say?"
    assert normalise("US officials") == "usa officials"
    assert normalise("tell us more") == "tell us more"


def test_tokens_drop_possessives_and_stems_meet() -> None:
    assert tokenize("blinken's view of china") == ["blinken", "view", "of", "china"]
    assert stem("talks") == stem("talk")
    assert stem("seized") == stem("seize")
    assert stem("days") == "day"
    # a short verb's -ing and -ed forms meet it: a doubled consonant undone, a base of
    # three letters kept; a doubled l or s is the verb's own
    assert stem("cutting") == stem("cut") == "cut"
    assert stem("stopped") == stem("stop")
    assert stem("planned") == stem("plan")
    assert stem("buying") == stem("buy")
    assert stem("killing") == stem("kill")
    assert stem("passed") == stem("pass")


@pytest.mark.parametrize("verb", ["give", "make", "take", "come", "hope", "cede", "vote", "side"])
def test_a_four_letter_verb_meets_its_forms_that_drop_its_silent_e(verb: str) -> None:
    base = verb[:-1]
    assert stem(base + "ing") == stem(base + "ed") == stem(verb + "s") == stem(verb)


@pytest.mark.parametrize("word", ["string", "spring", "eating", "added"])
def test_a_word_whose_stem_is_no_short_verb_keeps_its_ending(word: str) -> None:
    assert stem(word) != word[:3] + "e"
