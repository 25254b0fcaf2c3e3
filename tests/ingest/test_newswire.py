# ruff: noqa: E501  (the article keeps one paragraph per line, as article files do)
"""Newswire conventions, on a fictional wire story (tests/ingest/articles.py: WIRE)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest.articles import WIRE, WIRE_SPEAKERS
from tests.ingest.helpers import Drafted, draft


@pytest.fixture
def wire(cold: Path) -> Drafted:
    return draft(cold, WIRE, "wire")


@pytest.mark.parametrize("fragment", sorted(WIRE_SPEAKERS))
def test_each_quotation_goes_to_its_speaker(wire: Drafted, fragment: str) -> None:
    assert wire.speakers(fragment) == WIRE_SPEAKERS[fragment]


def test_a_quotation_opened_curly_and_closed_straight_ends_where_it_closes(
    wire: Drafted,
) -> None:
    quote = wire.quote("The ferry was part of our lives")
    assert quote.pieces == ("The ferry was part of our lives,", "Now the pier is empty.")


def test_no_entity_from_an_initial_or_a_lone_service(wire: Drafted) -> None:
    names = {r["name"] for r in wire.records("entities")}
    assert not {"X.", "X", "Service"} & names


def test_a_role_written_before_a_name_is_the_persons_role(wire: Drafted) -> None:
    assert wire.new_entity("Hanne Okker")["role"]["text"] == "Valdorian transport minister"


def test_relatives_sharing_a_surname_stay_two_people(wire: Drafted) -> None:
    assert wire.new_entity("Tom Hale")["id"] != wire.new_entity("Ben Hale")["id"]


SCOPED = """\
Ministers Meet in Kestrel

British foreign minister Hugh Penn said the talks were "useful." German foreign minister Hans Weber told reporters: "We will meet again."

"The secretary of state was clear," the German foreign minister added.
"""


def test_a_role_of_the_seed_never_captures_a_new_articles_speaker(knowledge: Path) -> None:
    scoped = draft(knowledge, SCOPED, "scoped")
    assert scoped.speakers("useful") == {"Hugh Penn"}
    assert scoped.speakers("We will meet again") == {"Hans Weber"}
    assert scoped.speakers("The secretary of state was clear") == {"Hans Weber"}
    used = set(scoped.report.known_entities)
    assert not used & {"cleverly", "baerbock", "blinken"}
    assert scoped.records("roles") == []  # nor does a new role attach itself to them
    assert scoped.report.source_roles == ()


GALLERY = """\
Gallery Shows Prints of a Painter From Ostmark

Marta Quell, director of the gallery, opened the show on Friday.

The painter sold few prints in his life. "He wanted his work in every kitchen," Marta Quell said.

Jonas Brinkerhoff, of the Kestrel radio station, one of the painter's nephews, stated, "He never once sold a print to a museum."
"""


@pytest.fixture
def gallery(cold: Path) -> Drafted:
    return draft(cold, GALLERY, "gallery")


def test_a_person_named_again_in_full_is_one_speaker_not_a_given_and_a_family_name(
    gallery: Drafted,
) -> None:
    assert gallery.speakers("He wanted his work in every kitchen") == {"Marta Quell"}


def test_asides_set_off_by_commas_between_a_name_and_its_speech_verb(gallery: Drafted) -> None:
    assert gallery.speakers("He never once sold a print") == {"Jonas Brinkerhoff"}


BRIEFING = """\
Ostmark Mayor Answers Critics of the Harbor Plan

Ilse Marr, the mayor of Kestrel, said the plan was a "fair bargain" and said critics had offered only "empty slogans" that "change nothing".

Tomas Brandle, a harbor pilot, said the channel was "a trap for ferries". "The channel silts up every winter."

"We will not sell the pier," Marr was quoted as saying.
"""


@pytest.fixture
def briefing(cold: Path) -> Drafted:
    return draft(cold, BRIEFING, "briefing")


@pytest.mark.parametrize("fragment", ["fair bargain", "empty slogans", "change nothing"])
def test_a_speech_verb_joined_by_and_shares_its_subject(briefing: Drafted, fragment: str) -> None:
    assert briefing.speakers(fragment) == {"Ilse Marr"}


def test_a_quotation_that_is_a_sentence_goes_on_from_the_sentence_before(
    briefing: Drafted,
) -> None:
    assert briefing.speakers("The channel silts up every winter") == {"Tomas Brandle"}


def test_quoted_as_saying(briefing: Drafted) -> None:
    assert briefing.speakers("We will not sell the pier") == {"Ilse Marr"}


PRESSER = """\
Valdoria Recalls Its Envoy After the Ferry Dispute

Ostmark's envoy to Valdoria, Hanne Okker, left on Monday, and the ports minister, Piet Vance, spoke after her.

"There is nothing they will not do to keep the line shut," the Valdorian Ambassador Ana Roe said.

Vance responded to Okker's remarks: "The line was closed for safety, not for politics."

After the vote was counted, the harbor bell was rung, with the port's chief engineer Tomas Brandle stating: "Today the pier opens again."
"""


@pytest.fixture
def presser(cold: Path) -> Drafted:
    return draft(cold, PRESSER, "presser")


def test_a_country_before_a_titled_name_after_the_quotation(presser: Drafted) -> None:
    assert presser.speakers("There is nothing they will not do") == {"Ana Roe"}


def test_a_word_of_speech_used_as_a_noun_leaves_the_colon_to_the_subject(
    presser: Drafted,
) -> None:
    assert presser.speakers("The line was closed for safety") == {"Piet Vance"}


def test_a_name_right_before_a_participle_of_speech(presser: Drafted) -> None:
    assert presser.speakers("Today the pier opens again") == {"Tomas Brandle"}


FINDINGS = """\
Cleaner Air Would Raise Harvests in Ostmark, Study Finds

Mila Sarn, a professor of soil science, led the study.

The model leaves out rain. Sarn noted the findings show cleaner air matters too. "A cleanup would raise yields within a decade."

As Sarn told the Kestrel Courier, ozone has fallen since 1990. "Ozone is something we know how to cut."
"""


@pytest.fixture
def findings(cold: Path) -> Drafted:
    return draft(cold, FINDINGS, "findings")


@pytest.mark.parametrize("fragment", ["A cleanup would raise yields", "Ozone is something we know"])
def test_a_quotation_after_a_sentence_reporting_someones_words_is_theirs(
    findings: Drafted, fragment: str
) -> None:
    assert findings.speakers(fragment) == {"Mila Sarn"}


COUNCIL = """\
Harbor Council Votes

The Harbor Council met on Friday. The council said it would "act quickly".

The council further said it would "review every contract".

Mayor Ruth Tall announced her resignation. She likewise said it was a "difficult decision".
"""


@pytest.mark.parametrize(
    ("fragment", "speaker"),
    [("review every contract", "Harbor Council"), ("difficult decision", "Ruth Tall")],
)
def test_an_adverb_between_a_subject_and_its_speech_verb(
    cold: Path, fragment: str, speaker: str
) -> None:
    council = draft(cold, COUNCIL, "council")
    assert council.speakers(fragment) == {speaker}


SHELLING = """\
Port Shelled

"We are so tired," dock worker Lena Dorr told the press, "and we will come back."

"The road was shelled," said a spokesman for the army in an interview, Kader Musa.

A police spokesman denied the report, saying "nobody was hurt".

The port authority says Quill wrote to it, saying she had no worries, stating "the port cannot open".
"""


@pytest.fixture
def shelling(cold: Path) -> Drafted:
    return draft(cold, SHELLING, "shelling")


@pytest.mark.parametrize(
    ("fragment", "speaker"),
    [
        ("We are so tired", "Lena Dorr"),  # a role in lower case before the name
        ("The road was shelled", "Kader Musa"),  # a role set off by a longer phrase
        ("nobody was hurt", "Police spokesman"),  # a participle shares its clause's subject
    ],
)
def test_speakers_named_by_role_and_clause_after_and_before_a_quotation(
    shelling: Drafted, fragment: str, speaker: str
) -> None:
    assert shelling.speakers(fragment) == {speaker}


def test_a_participle_after_two_verbs_of_speech_is_left_unattributed(shelling: Drafted) -> None:
    """ "X says Y wrote ..., saying ..., stating “…”": which clause states it is not
    settled."""
    assert "the port cannot open" in shelling.left_out()


NAMES = """\
Port Talks

Mira bin Hadad met the envoy. "We are ready," Mira bin Hadad said.

"I am grateful," Lucia Ferrán de Ostra said.

Anna Kowal of the Harbor Party said she would "fight on".

The Valdorian Broadcasting Corporation (VBC) reported the talks. "The talks failed," VBC said.

Harborline, the ferry company, was blamed. "The report is false," Harborline said.

"The port is open," Kowa said.
"""


@pytest.fixture
def names(cold: Path) -> Drafted:
    return draft(cold, NAMES, "names")


@pytest.mark.parametrize(
    ("fragment", "speaker"),
    [
        ("We are ready", "Mira bin Hadad"),  # a particle inside a name
        ("I am grateful", "Lucia Ferrán de Ostra"),  # an accent and a particle
        ("fight on", "Anna Kowal"),  # a name, "of" a body, then its verb of speech
        ("The talks failed", "Valdorian Broadcasting Corporation"),  # a body's initials
        ("The report is false", "Harborline"),  # one word, a body's whole name
    ],
)
def test_names_of_people_and_bodies_in_the_shapes_newswire_writes_them(
    names: Drafted, fragment: str, speaker: str
) -> None:
    assert names.speakers(fragment) == {speaker}


def test_a_surname_misspelt_is_no_body(names: Drafted) -> None:
    """ "Kowa said" beside Anna Kowal: a slip, not an organisation called "Kowa"."""
    assert "Kowa" not in {r["name"] for r in names.records("entities")}


HARBOUR_VOTE = """\
Council Votes on the Harbour

The Harbour Council (HC) met on Monday. Its new ferry, named "Pride of Kestrel Bay," was shown. The council said it had never heard of the club "Friends of the Old Pier" before Monday.

Voting ran late in Valdoria. A spokesperson for candidate Ivo Marsh, who may finish third, said there was a "systematic lack" of ballots.

Cora Lind, curator and director of exhibits at the Harbour Museum, Kestrel, said, "The pier belongs to everyone."

Ana Roe was the favourite to succeed her husband, current President of Valdoria Piet Roe. Mrs Roe spoke to reporters after voting.

"I could not vote at eighteen, so this matters to me," Mrs Roe said.

"The vote was fair and the count will be public," stated the HC in a statement on its website.

Lucia Ferrán de Ostra, the council chair, opened the meeting. "We will rebuild," Lucia Ostra said.

Harbour Administrator Karin Boll reopened the pier on Tuesday. "It is ours again," said Boll to the gathered crowd.

"We waited years for this," Karen Boll said. Karen Boll thanked the crews, and "The work is done," Administrator Boll added.

The Tomas Brandt government sent no one. "We were not asked," President Brandt said.

Chair of the Harbour Fishers Union Nell Asker told the council the boats would return. "We are ready," Asker said.

"The boats are back," Aske said on Friday.
"""


@pytest.fixture
def vote(cold: Path) -> Drafted:
    return draft(cold, HARBOUR_VOTE, "vote")


def test_names_and_titles_in_quotation_marks_are_no_ones_words(vote: Drafted) -> None:
    assert not {q.text for q in vote.quotes()} & {
        "Pride of Kestrel Bay,",
        "Friends of the Old Pier",
    }
    assert {"Pride of Kestrel Bay,", "Friends of the Old Pier"} <= set(vote.left_out())


@pytest.mark.parametrize(
    ("fragment", "speaker"),
    [
        # whose spokesperson speaks: the spokesperson, not the candidate
        ("systematic lack", "Spokesperson for candidate Ivo Marsh"),
        # a person set off by a description holding a body and a town
        ("The pier belongs to everyone", "Cora Lind"),
        # Mrs: not the husband named last, told apart by "her husband"
        ("I could not vote at eighteen", "Ana Roe"),
        # inverted: the body's initials, the adjunct "in a statement" no part of it
        ("The vote was fair", "Harbour Council"),
    ],
)
def test_speakers_whose_words_sit_beside_other_names(
    vote: Drafted, fragment: str, speaker: str
) -> None:
    assert vote.speakers(fragment) == {speaker}


def test_a_name_without_its_middle_names_is_the_same_person(vote: Drafted) -> None:
    assert vote.speakers("We will rebuild") == {"Lucia Ferrán de Ostra"}
    assert "Lucia Ostra" not in {r["name"] for r in vote.records("entities")}


def test_a_role_in_capitals_before_a_name_and_a_given_name_misspelt(vote: Drafted) -> None:
    """ "Harbour Administrator Karin Boll": the role and the name in one capitalised run;
    "Karen Boll" later, more often: one person, called as the article writes her most;
    "Administrator Boll": the role before her surname."""
    boll = vote.new_entity("Karen Boll")
    assert boll["role"]["text"] == "Harbour Administrator"
    assert "Karin Boll" in boll["aliases"]
    for fragment in ("It is ours again", "We waited years", "The work is done"):
        assert vote.speakers(fragment) == {"Karen Boll"}


def test_a_surname_after_a_title_is_the_one_full_name_the_article_writes(vote: Drafted) -> None:
    assert vote.speakers("We were not asked") == {"Tomas Brandt"}


def test_a_role_of_a_body_before_a_name_in_one_run_of_capitals(vote: Drafted) -> None:
    asker = vote.new_entity("Nell Asker")
    assert asker["role"]["text"] == "Chair of the Harbour Fishers Union"
    assert vote.speakers("We are ready") == {"Nell Asker"}
    assert vote.speakers("The boats are back") == {"Nell Asker"}  # her surname misspelt
    assert "Harbour Fishers Union Nell Asker" not in {r["name"] for r in vote.records("entities")}


def test_a_title_of_a_place_before_a_name_is_the_title_not_the_name(vote: Drafted) -> None:
    president = vote.new_entity("Piet Roe")
    assert president["role"]["text"] == "President of Valdoria"
    assert president["related"] == ["valdoria"]
