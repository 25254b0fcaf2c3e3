"""Quotation attribution by news conventions, on fictional articles, with their traps."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest.articles import HARBOR, LIGHTHOUSE, RIVER, TREATY
from tests.ingest.helpers import Drafted, draft


@pytest.fixture
def harbor(cold: Path) -> Drafted:
    return draft(cold, HARBOR, "harbor")


@pytest.fixture
def treaty(cold: Path) -> Drafted:
    return draft(cold, TREATY, "treaty")


@pytest.fixture
def river(cold: Path) -> Drafted:
    return draft(cold, RIVER, "river")


def test_said_after_the_quotation_with_the_name_after_the_verb(harbor: Drafted) -> None:
    assert harbor.speakers("This is a fantasy") == {"Tomas Brandle"}
    assert harbor.confidence("This is a fantasy") >= 0.8


def test_name_then_verb_after_the_quotation_resolves_the_honorific(harbor: Drafted) -> None:
    assert harbor.speakers("Nobody wants a closed bridge") == {"Tomas Brandle"}


def test_quotation_going_on_in_the_next_sentence_is_one_quote(harbor: Drafted) -> None:
    quote = harbor.quote("This is a fantasy")
    assert quote.pieces == ("This is a fantasy,", "The money is simply not there.")
    assert not quote.partial


def test_quotation_broken_by_its_attribution_is_joined(harbor: Drafted) -> None:
    quote = harbor.quote("Every engineer")
    assert quote.text == (
        "Every engineer who has looked at the bridge agrees with us, … "
        "and the council will see the numbers next week."
    )
    assert harbor.speakers("Every engineer") == {"Ilsa M. Korven"}


def test_partial_quotes_in_reported_speech_belong_to_the_subject_of_said(
    harbor: Drafted,
) -> None:
    # Ms. Korven is named closer to the quotation, but as the subject of "was".
    assert harbor.speakers("moving faster than the engineers") == {"Dorrit Vale"}
    assert harbor.speakers("stand by the schedule") == {"Dorrit Vale"}
    assert harbor.quote("stand by the schedule").partial


def test_a_pronoun_resolves_to_the_last_person_of_its_gender(harbor: Drafted) -> None:
    assert harbor.speakers("We will rebuild it") == {"Ilsa M. Korven"}


def test_she_added_after_a_man_spoke_never_goes_to_him(harbor: Drafted, river: Drafted) -> None:
    for drafted, fragment, man in (
        (harbor, "I just want an honest plan", "Tomas Brandle"),
        (river, "Our crews have trained", "Dov Arkin"),
    ):
        speakers = drafted.speakers(fragment) if fragment not in drafted.left_out() else set()
        assert man not in speakers
        if speakers:
            assert drafted.confidence(fragment) <= 0.5
    assert river.speakers("Our crews have trained") == {"Oona Pell"}


def test_a_pronoun_never_resolves_to_someone_named_inside_the_quotation(river: Drafted) -> None:
    assert river.speakers("Ask Mr. Eskil Brandt") == {"Dov Arkin"}


def test_two_speakers_in_one_paragraph(river: Drafted) -> None:
    assert river.speakers("a map without roads") == {"Critics"}
    assert river.speakers("the best we could do") == {"Hanne Voss"}


def test_a_quotation_with_no_speaker_is_left_out_and_reported(harbor: Drafted) -> None:
    assert harbor.left_out() == ["the iron ribbon,"]
    assert not [q for q in harbor.quotes() if "iron ribbon" in q.text]
    reason = harbor.report.unattributed[0]
    assert reason.paragraph == 6 and reason.reason
    quotes_file = (harbor.directory / "quotes.yaml").read_text(encoding="utf-8")
    assert "# Quotations left out" in quotes_file
    assert "paragraph 6: “the iron ribbon,”" in quotes_file


def test_a_phrase_of_two_governments_has_both_countries_as_speakers(treaty: Drafted) -> None:
    assert treaty.speakers("final and complete") == {"Ostmark", "Valdoria"}
    assert treaty.confidence("final and complete") <= 0.7
    kinds = {treaty.kb.entities[s].kind for s in treaty.quote("final and complete").speakers}
    assert kinds == {"country"}


def test_a_group_speaks_as_a_group(treaty: Drafted, river: Drafted) -> None:
    assert treaty.speakers("The treaty is a betrayal") == {"Nationalist lawmakers in Ostmark"}
    assert river.speakers("tired of waiting") == {"Residents of Lunby"}
    group = treaty.quote("The treaty is a betrayal").speakers[0]
    assert treaty.kb.entities[group].kind == "group"


def test_a_colon_gives_the_quotation_to_the_subject_of_the_sentence(treaty: Drafted) -> None:
    assert treaty.speakers("A treaty is paper") == {"Lia Sandor"}
    assert treaty.confidence("A treaty is paper") <= 0.7


def test_according_to(treaty: Drafted) -> None:
    assert treaty.speakers("Peace is not the absence") == {"Lia Sandor"}


def test_a_quotation_running_on_into_the_next_paragraph(treaty: Drafted) -> None:
    assert treaty.speakers("My father served") == {"Piet Harrow"}
    assert treaty.quote("My father served").paragraph == 4
    assert treaty.speakers("Now we can go home") == {"Piet Harrow"}


def test_a_speech_verb_before_the_quotation(treaty: Drafted) -> None:
    assert treaty.speakers("a day our grandchildren") == {"Anton Reesk"}
    quote = treaty.quote("a day our grandchildren")
    assert quote.partial


def test_she_said_after_a_quote_naming_a_man_goes_to_the_woman(treaty: Drafted) -> None:
    assert treaty.speakers("Mr. Reesk promised") == {"Mara Quist"}


def test_a_pronoun_with_nobody_of_its_gender_before_it_is_left_out(cold: Path) -> None:
    text = (
        "Quiet Week in Harlow Dene\n"
        "Mr. Ivo Tamm opened the fair on Saturday.\n"
        "“The pies were excellent,” she said.\n"
    )
    drafted = draft(cold, text, "harlow")
    assert drafted.quotes() == []
    assert drafted.left_out() == ["The pies were excellent,"]
    assert "gender" in drafted.report.unattributed[0].reason


def test_context_of_the_attribution_is_kept(harbor: Drafted) -> None:
    record = harbor.record("quotes", harbor.quote("We will rebuild it").id)
    assert record["where"] == "at a news conference"
    assert "when" not in record
    vale = harbor.record("quotes", harbor.quote("stand by the schedule").id)
    assert vale["partial"] is True


def test_every_attribution_says_which_rule_found_it(harbor: Drafted) -> None:
    text = (harbor.directory / "quotes.yaml").read_text(encoding="utf-8")
    assert text.count("  # attribution: ") == len(harbor.quotes())
    assert "# attribution: “…,” said Tomas Brandle" in text


def test_straight_quotation_marks_and_wire_style_names(cold: Path) -> None:
    drafted = draft(cold, LIGHTHOUSE, "lighthouse")
    assert drafted.quote("It is the heart").text == (
        "It is the heart of this town, … Turn it off and you turn us off."
    )
    assert drafted.speakers("They underestimate") == {"Wendell Okafor"}  # "Okafor was …"
    okafor = drafted.new_entity("Wendell Okafor")
    assert okafor["role"]["text"] == "a retired ferry captain"  # past the age


def test_a_relative_clause_between_the_name_and_the_verb(cold: Path) -> None:
    drafted = draft(cold, LIGHTHOUSE, "lighthouse")
    assert drafted.speakers("what a small place can do") == {"Priya Nandakumar"}
    assert drafted.new_entity("Priya Nandakumar")["role"]["text"] == "Selectwoman"


def test_a_role_set_off_before_the_name_after_the_quotation(cold: Path) -> None:
    drafted = draft(cold, LIGHTHOUSE, "lighthouse")
    assert drafted.speakers("We respect the result") == {"Lyle Bertrand"}
    assert drafted.speakers("a luxury we cannot afford") == {"Grayport Taxpayers First"}
    assert drafted.new_entity("Grayport Taxpayers First")["kind"] == "organisation"


def test_a_clause_after_the_quotation_is_not_its_attribution(river: Drafted) -> None:
    # “…,” while Ms. Voss described it as “…”: the first quotation is not hers.
    assert river.speakers("a map without roads") == {"Critics"}


GIVEN_TO = """Harbor audit finds gaps

By then, "the bridge was rusting and the deck was cracked", according to the Elna Harbor Gazette.

In the words of the harbor prosecutor, Mara Quill, "the money was simply gone."

In the words of Piet Vance, "nobody checked the books."

As Piet Vance put it, "the board was asleep."
"""


@pytest.mark.parametrize(
    ("fragment", "speaker"),
    [
        ("the deck was cracked", "Elna Harbor Gazette"),  # according to a body named by capitals
        ("the money was simply gone", "Mara Quill"),  # in the words of a role, then the name
        ("nobody checked the books", "Piet Vance"),  # in the words of a name
        ("the board was asleep", "Piet Vance"),  # as X put it
    ],
)
def test_words_given_to_someone_by_a_phrase_are_theirs(
    cold: Path, fragment: str, speaker: str
) -> None:
    drafted = draft(cold, GIVEN_TO, "audit")
    assert drafted.speakers(fragment) == {speaker}


BODY_SPEAKS = """Harbor authority warns of delays

"The bridge will stay shut," said the Elna Harbor Authority. "Repairs cannot start \
before the ice melts," it added.

"It is a disgrace," Piet Vance said. "It will cost the town dearly," it added.
"""


def test_it_after_a_quotation_is_the_body_that_spoke_last_never_a_person(cold: Path) -> None:
    drafted = draft(cold, BODY_SPEAKS, "delays")
    assert drafted.speakers("before the ice melts") == {"Elna Harbor Authority"}
    assert not [q for q in drafted.quotes() if "cost the town dearly" in q.text and q.speakers]


COLON_BEFORE = """Council split on harbor fees

The leader of the opposition, Tomas Brandle, has called the plan "reckless" and "unfair":

"We will fight this in every meeting until the fees are dropped."
"""


def test_a_paragraph_ending_with_a_colon_introduces_the_next_paragraphs_quotation(
    cold: Path,
) -> None:
    drafted = draft(cold, COLON_BEFORE, "fees")
    assert drafted.speakers("fight this in every meeting") == {"Tomas Brandle"}


WHEN_ASKED = """Harbor chief defends plan

Dorrit Vale, the director of the harbor authority, told reporters when asked about \
the delay: "The repairs will take fourteen months."
"""


def test_when_asked_names_no_new_speaker(cold: Path) -> None:
    drafted = draft(cold, WHEN_ASKED, "defends")
    assert drafted.speakers("take fourteen months") == {"Dorrit Vale"}
