"""Candidate facts: dates, places and numbers, with verbatim evidence and nothing invented."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.commands import Answerer
from bot.knowledge.loader import find_verbatim
from tests.ingest.articles import HARBOR, TREATY
from tests.ingest.helpers import Drafted, draft


def _fact(drafted: Drafted, fragment: str) -> dict[str, Any]:
    found = [r for r in drafted.records("facts") if fragment in r["evidence"]]
    assert len(found) == 1, [r["evidence"] for r in drafted.records("facts")]
    return found[0]


def test_a_date_a_place_and_a_number_become_candidate_facts(cold: Path) -> None:
    drafted = draft(cold, TREATY, "treaty")
    meeting = _fact(drafted, "met Prime Minister Lia Sandor")
    assert meeting["paragraph"] == 1
    assert {"when", "where"} <= set(meeting["answers"])
    assert {"reesk", "sandor", "kestrel"} <= set(meeting["entities"])
    crossings = _fact(drafted, "12 border crossings")
    assert "how-many" in crossings["answers"]
    assert "how many border crossings" in crossings["questions"]


def test_evidence_is_verbatim_and_the_statement_is_the_evidence(cold: Path) -> None:
    drafted = draft(cold, HARBOR, "harbor")
    source = drafted.kb.sources["harbor"]
    facts = drafted.records("facts")
    assert facts
    for record in facts:
        paragraph = source.paragraph(record["paragraph"])
        assert find_verbatim(record["evidence"], paragraph) == record["evidence"]
        statement = record["statement"].rstrip(".")
        assert statement[1:] == record["evidence"].rstrip(".")[1:]
        assert record["reviewed"] is False
        assert 0 < record["confidence"] <= 1
        assert set(record["answers"]) <= {"when", "where", "how-many", "how-long"}


def test_times_stay_as_the_article_gives_them(cold: Path) -> None:
    drafted = draft(cold, HARBOR, "harbor")
    closing = _fact(drafted, "would close in May")
    assert "on Monday" in closing["statement"]
    assert "what happened on monday" in closing["questions"]
    assert "what happened in may" in closing["questions"]
    durations = _fact(drafted, "14 months")
    assert set(durations["answers"]) >= {"how-long", "how-many"}


def test_a_reported_claim_keeps_its_attribution(cold: Path) -> None:
    drafted = draft(cold, HARBOR, "harbor")
    closing = _fact(drafted, "would close in May")
    assert closing["attribution"] == "Mayor Ilsa M. Korven of Port Elna said"


def test_a_plain_sentence_is_a_candidate_that_answers_no_kind(cold: Path) -> None:
    """A sentence without a date, place or number is a candidate too (a draft answers
    what its article says), with no kind of answer of its own; a short one is none."""
    text = "Quiet Morning\nThe gulls came back and nested early.\n\nThey left.\n"
    drafted = draft(cold, text, "quiet")
    facts = drafted.records("facts")
    assert [f["evidence"] for f in facts] == ["The gulls came back and nested early"]
    assert facts[0]["answers"] == []


def test_a_fact_lists_what_its_paragraph_names_as_its_context(cold: Path) -> None:
    """What the sentence names are its entities; what only the rest of its paragraph
    names is its context."""
    text = (
        "Market Bombings\nTwin attacks killed at least 72 people on Friday. "
        "The bombs struck two markets in Port Elna.\n"
    )
    drafted = draft(cold, text, "market")
    killed = _fact(drafted, "killed at least 72")
    struck = _fact(drafted, "struck two markets")
    assert killed["context"] == ["port-elna"]
    assert "port-elna" not in killed.get("entities", [])
    assert struck["entities"] == ["port-elna"]
    assert "context" not in struck


_NEIGHBOURS = (
    "Harbour Talks\n"
    "Foreign Minister Ana Roe met her counterpart from Velmar in Port Elna on Monday. "
    "Officials said Lev Marek, the trade envoy, would arrive later.\n\n"
    "Fishing boats left the harbour at dawn.\n"
)


def test_a_draft_answers_of_its_paragraph_but_not_of_a_relation_it_does_not_state(
    cold: Path,
) -> None:
    """A sentence answers about what its paragraph names, alone; a question naming two
    people is not answered by a sentence that names one, beside the other."""
    drafted = draft(cold, _NEIGHBOURS, "harbour")
    answerer = Answerer(drafted.kb)
    met = answerer.answer("ask", "who did Roe meet in Port Elna?")
    assert met.answered and met.citations[0].paragraph == 1
    for claim in ("is it true Roe met Marek in Port Elna?", "confirm that Marek met Roe on Monday"):
        answer = answerer.answer("ask", claim)
        assert not answer.answered, (claim, answer.text)


_BLAME = (
    "Market Fire Inquiry\n"
    "Mayor Ines Talbot spoke to reporters in Corven on Friday.\n\n"
    "Talbot blamed the fire on the Redwater Syndicate, a smuggling ring.\n"
)


def test_a_draft_answers_who_with_a_name_its_drafter_made_no_entity_of(cold: Path) -> None:
    """ "who did Talbot blame": the sentence names someone in capitals the question does
    not give, though no entity was drafted for it; a sentence naming no one does not
    answer "who"."""
    drafted = draft(cold, _BLAME, "corven")
    answerer = Answerer(drafted.kb)
    blamed = answerer.answer("ask", "who did talbot blame for the fire")
    assert blamed.answered and blamed.citations[0].paragraph == 2, blamed.text
    assert "Redwater" in blamed.text
    from bot.text import capitalised_inside

    assert capitalised_inside("She blamed the fire on the Redwater Syndicate. On Friday") == [
        "redwater",
        "syndicate",
        "friday",
    ]
